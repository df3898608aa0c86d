from tests.permission_matrix import Row, programme_read, programme_write, public

from .factories import (
    CollectiveMemberFactory,
    ComiteFactory,
    FormationSessionFactory,
    PremierAccueilFactory,
    ProjetFactory,
    TempsCollectifFactory,
)

READ, WRITE = programme_read("incubateur"), programme_write("incubateur")


def projet():
    return {"pk": ProjetFactory().pk}


def session():
    session = FormationSessionFactory()
    return {"formation_pk": session.formation_id, "pk": session.pk}


def decision(role: str) -> int:
    # A POST-only view: a GET is refused (405) to those who may write, like any other method.
    status = WRITE(role)
    return 405 if status == 200 else status


MATRIX = [
    Row("incubateur:public", public),
    Row("incubateur:home", READ),
    Row("incubateur:accueil_list", READ),
    Row("incubateur:accueil_create", WRITE),
    Row("incubateur:accueil_edit", WRITE, lambda: {"pk": PremierAccueilFactory().pk}),
    Row("incubateur:projet_list", READ),
    Row("incubateur:projet_pipeline", READ),
    Row("incubateur:projet_create", WRITE),
    Row("incubateur:projet_detail", READ, projet),
    Row("incubateur:projet_edit", WRITE, projet),
    Row("incubateur:projet_stage", WRITE, projet),
    Row("incubateur:rendezvous_create", WRITE, projet),
    Row("incubateur:structure_create", WRITE, projet),
    Row("incubateur:emploi_create", WRITE, projet),
    Row("incubateur:comite_list", READ),
    Row("incubateur:comite_create", WRITE),
    Row("incubateur:comite_detail", READ, lambda: {"pk": ComiteFactory().pk}),
    Row("incubateur:comite_edit", WRITE, lambda: {"pk": ComiteFactory().pk}),
    Row("incubateur:comite_decision", decision, lambda: {"pk": ComiteFactory().pk}),
    Row("incubateur:temps_collectif_list", READ),
    Row("incubateur:temps_collectif_create", WRITE),
    Row("incubateur:temps_collectif_edit", WRITE, lambda: {"pk": TempsCollectifFactory().pk}),
    Row("incubateur:formation_list", READ),
    Row("incubateur:formation_create", WRITE),
    Row("incubateur:formation_detail", READ, lambda: {"pk": FormationSessionFactory().formation_id}),
    Row("incubateur:formation_edit", WRITE, lambda: {"pk": FormationSessionFactory().formation_id}),
    Row("incubateur:session_create", WRITE, lambda: {"formation_pk": FormationSessionFactory().formation_id}),
    Row("incubateur:session_edit", WRITE, session),
    Row("incubateur:membre_list", READ),
    Row("incubateur:membre_create", WRITE),
    Row("incubateur:membre_edit", WRITE, lambda: {"pk": CollectiveMemberFactory().pk}),
]
