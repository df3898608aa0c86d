"""The programme's yearly figures, computed in the database."""

import datetime

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery, Sum

from cbe_portal.open_data import keys_of

from .models import (
    CollectiveMember,
    CollectiveTime,
    Committee,
    CreatedJob,
    CreatedStructure,
    Project,
    Reception,
    Stage,
    StageChange,
    Theme,
    Training,
)

# The open-data keys this module computes: spelled once, in cbe_portal/open_data.py.
OPEN_DATA_KEYS = keys_of("incubateur")


def for_year(year: int) -> dict:
    """The incubator's figures for `year`, in ten queries whatever the data.

    Open-data keys (counts, ints):
    - `personnes_accueillies`: distinct people met in the first receptions dated in the year;
    - `idees`: first receptions of the year (each discusses one idea);
    - `comites_orientation`: orientation committees held in the year;
    - `projets_presentes`: presentations of projects at the year's committees (a project presented
      at both committees of a year counts twice);
    - `nouveaux_projets_incubes`: projects whose first entry into incubation is dated in the year;
    - `projets_accompagnes`: projects in pré-incubation, incubation or lancement on at least one
      day of the year, read from the stage history (a project accompanied from one year into the
      next counts in both);
    - `associations_creees`: structures created in the year with the legal form association;
    - `emplois_crees`: jobs created in the year (sum of the numbers recorded), 0 when none;
    - `temps_collectifs`: collective sessions held in the year;
    - `formations`: trainings of the catalogue finalised in the year or with a session in the year;
    - `porteurs_presentes`: distinct holders of the projects presented at the year's committees;
    - `membres_collectif`: organisations members of the accompanying collective on 31 December
      (joined on or before it, not left on or before it).
    Other keys:
    - `collectif` (open_data.LISTS): those members, `[{"label": organisation}]` by name;
    - `structures_creees`: structures created in the year, whatever their legal form;
    - `projets_par_etape`: projects by stage on 31 December (projects whose history starts
      later are left out), every stage listed in order, as `{"label", "value"}` dicts;
    - `projets_accompagnes_par_theme`: the projects accompanied in the year by theme, every theme
      listed, as `{"label", "value"}` dicts.
    """
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    receptions = Reception.objects.filter(date__year=year).aggregate(
        personnes=Count("persons", distinct=True), idees=Count("pk", distinct=True)
    )
    committees = Committee.objects.filter(date__year=year).aggregate(
        committees=Count("pk", distinct=True),
        presentes=Count("presentations", distinct=True),
        porteurs=Count("presentations__project__holders", distinct=True),
    )
    first_incubations = (
        StageChange.objects.filter(stage=Stage.INCUBATION)
        .values("project")
        .annotate(first=Min("date"))
        .filter(first__year=year)
    )
    accompanied = Exists(StageChange.objects.accompanied_during(year).filter(project=OuterRef("pk")))
    by_theme = dict(Project.objects.filter(accompanied).values_list("theme").annotate(n=Count("pk")).order_by())
    stage_at_end = (
        StageChange.objects.filter(project=OuterRef("pk"), date__lte=end).order_by("-date", "-pk").values("stage")[:1]
    )
    by_stage = dict(
        Project.objects.annotate(stage_at_end=Subquery(stage_at_end))
        .filter(stage_at_end__isnull=False)
        .values_list("stage_at_end")
        .annotate(n=Count("pk"))
        .order_by()
    )
    structures = CreatedStructure.objects.filter(created_on__year=year).aggregate(
        toutes=Count("pk"), associations=Count("pk", filter=Q(legal_form=CreatedStructure.LegalForm.ASSOCIATION))
    )
    collective = CollectiveMember.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gt=end), joined_on__lte=end
    ).aggregate(members=Count("pk"), names=ArrayAgg("organisation__name", order_by="organisation__name", default=[]))
    return {
        "personnes_accueillies": receptions["personnes"],
        "idees": receptions["idees"],
        "comites_orientation": committees["committees"],
        "projets_presentes": committees["presentes"],
        "nouveaux_projets_incubes": first_incubations.count(),
        "projets_accompagnes": sum(by_theme.values()),
        "associations_creees": structures["associations"],
        "emplois_crees": CreatedJob.objects.filter(date__year=year).aggregate(n=Sum("number", default=0))["n"],
        "temps_collectifs": CollectiveTime.objects.filter(date__year=year).count(),
        "formations": Training.objects.filter(
            Q(finalised_on__range=(start, end)) | Q(sessions__date__range=(start, end))
        )
        .distinct()
        .count(),
        "porteurs_presentes": committees["porteurs"],
        "membres_collectif": collective["members"],
        "collectif": [{"label": name} for name in collective["names"]],
        "structures_creees": structures["toutes"],
        "projets_par_etape": [{"label": stage.label, "value": by_stage.get(stage.value, 0)} for stage in Stage],
        "projets_accompagnes_par_theme": [
            {"label": theme.label, "value": by_theme.get(theme.value, 0)} for theme in Theme
        ],
    }
