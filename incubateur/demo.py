"""Demo data of the programme (invented people only): 2018–2020, giving the 2020 report's figures
(116 people met, 50 ideas, 2 committees, 7 presentations, 5 new incubations, 16 projects
accompanied, 5 associations, 6 jobs, 11 collective sessions, 5 trainings). From 2021 to today, the
same volumes go on: new projects each year move through the pipeline (those of 2020 too), two
committees a year decide on them, and the projects accompanied today have appointments planned in
the coming days (`demo_live.py`)."""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from cbe_portal.models import Commune, Contact, Organisation, Person

from .models import (
    DECISION_STAGES,
    Appointment,
    CollectiveMember,
    CollectiveTime,
    Committee,
    CreatedJob,
    CreatedStructure,
    Presentation,
    Project,
    Reception,
    Stage,
    StageChange,
    Theme,
    Training,
    TrainingSession,
)

D = datetime.date
IDEE, P, N, L, S = Stage.IDEE, Stage.PRE_INCUBATION, Stage.INCUBATION, Stage.LANCEMENT, Stage.SORTI
ADMIS, REORIENTE, AJOURNE = (Committee.Decision.ADMIS, Committee.Decision.REORIENTE,
                             Committee.Decision.AJOURNE)  # fmt: skip
ASSOCIATION, SCIC = CreatedStructure.LegalForm.ASSOCIATION, CreatedStructure.LegalForm.SCIC

COMMITTEES = [D(2018, 6, 14), D(2019, 3, 21), D(2019, 10, 17), D(2020, 2, 13), D(2020, 10, 8)]
# First receptions and distinct people met per year (project receptions included).
RECEPTIONS = {2018: (33, 71), 2019: (41, 97), 2020: (50, 116)}
COLLECTIVE_SESSIONS = {2018: [3, 4, 5, 6, 9, 10, 11, 12], 2019: [1, 2, 3, 4, 5, 6, 7, 9, 10, 11],
                       2020: [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12]}  # fmt: skip
SESSION_THEMES = [
    "Construire son modèle économique", "Gouvernance et statuts de l'ESS", "Trouver ses premiers financements",
    "Atelier de co-développement", "Rencontre avec l'URSCOP", "Rencontre avec l'APESA",
    "Communiquer sur son projet", "Mobiliser des bénévoles", "Étude de marché et utilité sociale",
    "Pitcher son projet", "Visite des ateliers d'artistes des serres de la Milady", "Bilan de l'année entre pairs",
]  # fmt: skip
TRAININGS = [
    ("Diagnostic de territoire & identification des parties prenantes", D(2020, 10, 20)),
    ("Construire le modèle économique d'un projet d'utilité sociale", D(2020, 11, 5)),
    ("Choisir son statut juridique dans l'ESS", D(2020, 11, 19)),
    ("Gouvernance partagée et animation d'un collectif", D(2020, 12, 3)),
    ("Financer son projet : subventions, finance solidaire, financement participatif", D(2020, 12, 17)),
]
COLLECTIVE = [  # member organisation, kind, joined on
    ("CBE du Seignanx", Organisation.Kind.ASSOCIATION, D(2017, 3, 1)),
    ("SCIC Interstices", Organisation.Kind.SCIC, D(2017, 3, 1)),
    ("Habitat Eco-Action", Organisation.Kind.ASSOCIATION, D(2017, 3, 1)),
    ("Patxa'ma", Organisation.Kind.ASSOCIATION, D(2017, 3, 1)),
    ("SCIC Eole", Organisation.Kind.SCIC, D(2017, 3, 1)),
    ("ITEMS", Organisation.Kind.ENTREPRISE, D(2017, 3, 1)),
    ("Geiq BTP-A Lundi", Organisation.Kind.ASSOCIATION, D(2017, 3, 1)),
    ("IDRE", Organisation.Kind.ASSOCIATION, D(2018, 9, 1)),
    ("Solutions Mobilité", Organisation.Kind.ASSOCIATION, D(2020, 1, 15)),
]
FIRST_NAMES_F = ["Amaia", "Léa", "Camille", "Maïté", "Chloé", "Inès", "Manon", "Sophie", "Julie",
                 "Ainhoa", "Laure", "Claire", "Élodie", "Maialen", "Nathalie", "Pauline", "Sandrine", "Marion",
                 "Émilie"]  # fmt: skip
FIRST_NAMES_M = ["Mikel", "Julien", "Thomas", "Peio", "Nicolas", "Antoine", "Xabi", "Mathieu", "Olivier",
                 "Romain", "Kevin", "Baptiste", "Ximun", "Laurent", "Damien", "Hugo", "Sébastien"]  # fmt: skip
LAST_NAMES = ["Etcheverry", "Dufau", "Lafitte", "Darrigade", "Lassalle", "Garat", "Hiriart", "Castaing",
              "Bordes", "Duprat", "Labat", "Irigoyen", "Larrieu", "Ducasse", "Mendiboure", "Lacoste",
              "Haristoy", "Dubois", "Martin", "Bernard", "Sallaberry", "Destribats", "Lescoute", "Barrère",
              "Pécastaing", "Ospital", "Laborde", "Dupouy", "Cazaux", "Lagarde"]  # fmt: skip
# The Seignanx's eight communes (Tarnos and Ondres twice: most people come from there) and neighbours.
COMMUNES = ["40312", "40312", "40212", "40212", "40273", "40249", "40251", "40043", "40044", "40266",
            "64140", "64102", "64024", "40133", "40065"]  # fmt: skip
IDEAS = [
    "Une recyclerie de quartier", "Un café associatif pour les jeunes", "Une épicerie de produits locaux en vrac",
    "Un service de covoiturage rural", "Un atelier de réparation de vélos", "Une crèche parentale",
    "Une ferme pédagogique", "Une friperie solidaire", "Un jardin partagé en pied d'immeuble",
    "Une coopérative d'artisans du bâtiment", "Un lieu de répit pour les aidants", "Une ludothèque itinérante",
    "Un fablab associatif", "Une conserverie de légumes déclassés", "Un service de portage de repas",
]  # fmt: skip


@dataclass
class ProjectSpec:
    name: str
    theme: str
    holders: int
    reception: datetime.date
    # (stage, date, reason): the history after the reception-day idée stage.
    changes: list = field(default_factory=list)
    presentations: list = field(default_factory=list)  # (committee date, decision)
    structures: list = field(default_factory=list)  # (name, legal form, date)
    jobs: list = field(default_factory=list)  # (number, date, positions)
    description: str = ""


def admitted(day):
    return (N, day, "Admis en incubation par le comité d'orientation.")


PROJECTS = [
    # Projects met in 2018, two of them admitted at the 2018 committee.
    ProjectSpec("Recyclerie du Seignanx", Theme.REEMPLOI, 3, D(2018, 1, 18),
               [(P, D(2018, 3, 1), ""), admitted(D(2018, 6, 14)), (L, D(2019, 9, 1), "")],
               [(D(2018, 6, 14), ADMIS)],
               [("Recyclerie du Seignanx", ASSOCIATION, D(2019, 6, 20))],
               [(2, D(2019, 10, 1), "Valoriste, agent·e d'accueil"), (1, D(2020, 3, 1), "Valoriste")],
               "Collecte, valorisation et revente d'objets du quotidien, ateliers de sensibilisation au réemploi."),
    ProjectSpec("Tiers-lieu L'Établi", Theme.TIERS_LIEU, 2, D(2018, 2, 8),
               [(P, D(2018, 4, 1), ""), admitted(D(2018, 6, 14)), (L, D(2019, 3, 1), ""),
                (S, D(2019, 12, 15), "Fin de l'accompagnement : activité lancée.")],
               [(D(2018, 6, 14), ADMIS)], [("Association L'Établi", ASSOCIATION, D(2019, 2, 10))]),
    ProjectSpec("Jardin partagé des Barthes", Theme.ALIMENTATION, 2, D(2018, 3, 15),
               [(P, D(2018, 5, 1), ""), (S, D(2018, 6, 14), "Réorienté vers le CPIE Seignanx-Adour.")],
               [(D(2018, 6, 14), REORIENTE)]),
    ProjectSpec("Atelier vélo solidaire", Theme.MOBILITE, 1, D(2018, 9, 20)),
    # Met in late 2018 and 2019; committees of March and October 2019.
    ProjectSpec("Épicerie solidaire de Tarnos", Theme.ALIMENTATION, 4, D(2018, 11, 22),
               [(P, D(2019, 1, 10), ""), admitted(D(2019, 3, 21)), (L, D(2020, 6, 1), "")],
               [(D(2019, 3, 21), ADMIS)],
               [("L'Épicerie solidaire de Tarnos", ASSOCIATION, D(2020, 5, 15))],
               [(2, D(2020, 9, 1), "Responsable d'épicerie, animateur·rice")],
               "Une épicerie à prix différenciés ouverte à tous, avec un espace de convivialité."),
    ProjectSpec("Café culturel Grändola", Theme.CULTURE, 3, D(2019, 1, 24),
               [(P, D(2019, 2, 15), ""), admitted(D(2019, 10, 17))],
               [(D(2019, 10, 17), ADMIS)], [("Association Grändola", ASSOCIATION, D(2020, 3, 12))],
               description="Un café culturel en pied d'immeuble, espace de vie pour les habitant·es de Tarnos."),
    ProjectSpec("Mobilité solidaire en Seignanx", Theme.MOBILITE, 2, D(2019, 2, 7),
               [(P, D(2019, 3, 1), ""), admitted(D(2019, 10, 17)), (L, D(2020, 9, 15), "")],
               [(D(2019, 3, 21), AJOURNE), (D(2019, 10, 17), ADMIS)],
               [("Seignanx Mobilité solidaire", ASSOCIATION, D(2020, 9, 1))],
               [(1, D(2020, 11, 1), "Conseiller·e mobilité")]),
    ProjectSpec("Otsokop, passage en SCIC", Theme.ALIMENTATION, 3, D(2019, 4, 11),
               [(P, D(2019, 5, 1), ""), admitted(D(2019, 10, 17)), (L, D(2020, 7, 1), "")],
               [(D(2019, 10, 17), ADMIS)], [("Otsokop", SCIC, D(2020, 6, 30))],
               [(1, D(2020, 10, 1), "Coordinateur·rice")],
               "Transformation du supermarché coopératif en société coopérative d'intérêt collectif."),
    ProjectSpec("Ressourcerie textile Fil à Fil", Theme.REEMPLOI, 2, D(2019, 1, 31),
               [(P, D(2019, 2, 20), ""), admitted(D(2019, 3, 21)), (L, D(2019, 11, 1), ""),
                (S, D(2020, 10, 31), "Fin de l'accompagnement : activité lancée.")],
               [(D(2019, 3, 21), ADMIS)], [("Fil à Fil", ASSOCIATION, D(2019, 10, 15))],
               [(1, D(2019, 11, 15), "Couturier·ère")]),
    ProjectSpec("Conciergerie solidaire", Theme.SERVICES, 2, D(2019, 5, 16),
               [(P, D(2019, 6, 1), ""), (S, D(2019, 10, 17), "Réorienté vers la coopérative d'activité et d'emploi.")],
               [(D(2019, 10, 17), REORIENTE)]),
    ProjectSpec("Habitat participatif Les Pins", Theme.HABITAT, 4, D(2019, 6, 13),
               [(P, D(2019, 9, 1), ""), (IDEE, D(2020, 2, 1), "En pause : terrain plus disponible.")]),
    ProjectSpec("Repair café de Boucau", Theme.REEMPLOI, 1, D(2019, 9, 19)),
    # Presented at the 2020 committees.
    ProjectSpec("Tiers-lieu La Fabrique d'Ondres", Theme.TIERS_LIEU, 4, D(2019, 10, 3),
               [(P, D(2019, 11, 15), ""), admitted(D(2020, 2, 13))],
               [(D(2020, 2, 13), ADMIS)], [("La Fabrique d'Ondres", ASSOCIATION, D(2020, 6, 18))]),
    ProjectSpec("Boutique de producteurs Le Panier du Seignanx", Theme.ALIMENTATION, 3, D(2019, 11, 7),
               [(P, D(2019, 12, 1), ""), admitted(D(2020, 2, 13))], [(D(2020, 2, 13), ADMIS)]),
    ProjectSpec("Auto-école solidaire", Theme.MOBILITE, 2, D(2019, 12, 5),
               [(P, D(2020, 1, 10), ""), admitted(D(2020, 2, 13)), (L, D(2020, 12, 1), "")],
               [(D(2020, 2, 13), ADMIS)],
               [("Auto-école solidaire du Seignanx", ASSOCIATION, D(2020, 11, 20))],
               [(1, D(2020, 12, 1), "Enseignant·e de la conduite")]),
    ProjectSpec("Cantine de quartier Le Grand Four", Theme.ALIMENTATION, 3, D(2019, 12, 12),
               [(P, D(2020, 1, 15), "")], [(D(2020, 2, 13), AJOURNE)]),
    ProjectSpec("Ressourcerie de matériaux du bâtiment", Theme.HABITAT, 4, D(2020, 3, 5),
               [(P, D(2020, 5, 1), ""), admitted(D(2020, 10, 8))], [(D(2020, 10, 8), ADMIS)],
               description="Collecte et revente de matériaux issus de la déconstruction, atelier partagé."),
    ProjectSpec("Café associatif Le Bercail", Theme.CULTURE, 3, D(2020, 2, 20),
               [(P, D(2020, 4, 15), ""), admitted(D(2020, 10, 8))], [(D(2020, 10, 8), ADMIS)]),
    ProjectSpec("Garage solidaire", Theme.MOBILITE, 4, D(2020, 6, 4),
               [(P, D(2020, 7, 1), ""), (S, D(2020, 10, 8), "Réorienté vers un garage associatif existant.")],
               [(D(2020, 10, 8), REORIENTE)]),
    # Met in 2020, not yet presented.
    ProjectSpec("Épicerie vrac itinérante", Theme.ALIMENTATION, 2, D(2020, 9, 10), [(P, D(2020, 11, 2), "")]),
    ProjectSpec("Atelier couture solidaire", Theme.REEMPLOI, 1, D(2020, 10, 15), [(P, D(2020, 12, 1), "")]),
    ProjectSpec("Jardin de cocagne du Seignanx", Theme.ALIMENTATION, 2, D(2020, 11, 19)),
    ProjectSpec("Ludothèque associative", Theme.CULTURE, 1, D(2020, 5, 14)),
]  # fmt: skip


# The live years: from 2021 to today.
SEED = 2017


def load() -> None:
    """Load the demo data once; a second call changes nothing."""
    if Project.objects.exists():
        return
    with transaction.atomic():
        Builder(random.Random(SEED)).build()


class Builder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        communes = Commune.objects.in_bulk(COMMUNES, field_name="insee_code")
        self.communes = [communes[code] for code in COMMUNES if code in communes]

    def build(self):
        members = self.collective()
        projects = self.projects()
        self.receptions(projects)
        self.committees(projects, members)
        self.appointments(projects, members)
        self.collective_sessions(projects)
        trainings = self.trainings(projects)
        from .demo_live import LiveYears  # the years after 2020, which build on this builder

        LiveYears(self, timezone.localdate()).build(projects, members, trainings)

    def new_people(self, count: int, rng=None) -> list[Person]:
        """`count` people of 20 to 66 years old in 2026 (born from 1960 to 2000)."""
        rng = rng or self.rng
        people = []
        for _ in range(count):
            gender = rng.choice([Person.Gender.FEMME, Person.Gender.FEMME, Person.Gender.HOMME])
            first = rng.choice(FIRST_NAMES_F if gender == Person.Gender.FEMME else FIRST_NAMES_M)
            people.append(
                Person(
                    first_name=first, last_name=rng.choice(LAST_NAMES), gender=gender,
                    birth_date=D(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28)),
                    commune=rng.choice(self.communes) if self.communes else None,
                )
            )  # fmt: skip
        return Person.objects.bulk_create(people)

    def collective(self) -> list[CollectiveMember]:
        members = []
        for name, kind, joined_on in COLLECTIVE:
            organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "is_ess": True})
            member = CollectiveMember.objects.create(organisation=organisation, joined_on=joined_on)
            (person,) = self.new_people(1)
            Contact.objects.get_or_create(person=person, organisation=organisation, role="Accompagnant·e de projets")
            member.people.add(person)
            members.append(member)
        return members

    def projects(self) -> list[tuple[ProjectSpec, Project]]:
        built = []
        for spec in PROJECTS:
            history = [(IDEE, spec.reception, ""), *spec.changes]
            project = Project.objects.create(
                name=spec.name, theme=spec.theme, description=spec.description, stage=history[-1][0]
            )
            project.holders.set(self.new_people(spec.holders))
            previous = ["", *(stage for stage, _, _ in history[:-1])]
            StageChange.objects.bulk_create(
                StageChange(project=project, stage=stage, previous_stage=before, date=day, reason=reason)
                for (stage, day, reason), before in zip(history, previous, strict=True)
            )
            for name, legal_form, day in spec.structures:
                kind = Organisation.Kind.SCIC if legal_form == SCIC else Organisation.Kind.ASSOCIATION
                organisation, _ = Organisation.objects.get_or_create(
                    name=name, defaults={"kind": kind, "is_ess": True}
                )
                CreatedStructure.objects.create(project=project, organisation=organisation, legal_form=legal_form,
                                              created_on=day)  # fmt: skip
            CreatedJob.objects.bulk_create(
                CreatedJob(project=project, number=n, date=day, description=what) for n, day, what in spec.jobs
            )
            built.append((spec, project))
        return built

    def receptions(self, projects):
        """Each project's first reception with its holders, then receptions of ideas that went no
        further, sized so that each year has its number of receptions and of distinct people."""
        heard, FollowUp = list(Reception.HeardFrom), Reception.FollowUp
        through = Reception.persons.through
        links = []
        for spec, project in projects:
            reception = Reception.objects.create(
                date=spec.reception, idea=f"{spec.name} : {spec.description or 'idée de projet'}",
                heard_from=self.rng.choice(heard), project=project,
                follow_up=FollowUp.PRE_INCUBATION if spec.changes else FollowUp.NOUVEL_ECHANGE,
            )  # fmt: skip
            links += [through(reception=reception, person=person) for person in project.holders.all()]
        for year, (count, people_count) in RECEPTIONS.items():
            linked = [(spec, project) for spec, project in projects if spec.reception.year == year]
            free_count = count - len(linked)
            free_people = self.new_people(people_count - sum(spec.holders for spec, _ in linked))
            # Split the people into free_count groups of one to four; one person comes back twice.
            sizes = [1] * free_count
            for _ in range(len(free_people) - free_count):
                candidates = [i for i, size in enumerate(sizes) if size < 4]
                sizes[self.rng.choice(candidates)] += 1
            days = sorted(self.day_in(year) for _ in range(free_count))
            start = 0
            for size, day in zip(sizes, days, strict=True):
                reception = Reception.objects.create(
                    date=day, idea=self.rng.choice(IDEAS), heard_from=self.rng.choice(heard),
                    follow_up=self.rng.choice([Reception.FollowUp.NOUVEL_ECHANGE,
                                               Reception.FollowUp.REORIENTATION,
                                               Reception.FollowUp.SANS_SUITE]),
                )  # fmt: skip
                group = free_people[start : start + size]
                start += size
                if start == len(free_people) and size < 4:  # the last group: someone met earlier comes back
                    group.append(free_people[0])
                links += [through(reception=reception, person=person) for person in group]
        through.objects.bulk_create(links)

    def day_in(self, year):
        return D(year, 1, 1) + datetime.timedelta(days=self.rng.randrange(365))

    def committees(self, projects, members):
        for day in COMMITTEES:
            committee = Committee.objects.create(date=day)
            present = [m for m in members if m.joined_on <= day]
            committee.members_present.set(self.rng.sample(present, min(5, len(present))))
            presentations = Presentation.objects.bulk_create(
                Presentation(committee=committee, project=project, decision=decision)
                for spec, project in projects
                for committee_day, decision in spec.presentations
                if committee_day == day
            )
            for presentation in presentations:  # the stage change each decision made
                if stage := DECISION_STAGES.get(presentation.decision):
                    moves = StageChange.objects.filter(project=presentation.project, stage=stage, date=day)
                    moves.update(presentation=presentation)

    def periods(self, spec):
        """(start, end) of each accompanied stage of the project; end is None while it lasts."""
        history = [(IDEE, spec.reception, ""), *spec.changes]
        for (stage, start, _), following in zip(history, [*history[1:], None], strict=True):
            if stage in (P, N, L):
                yield start, following[1] if following else None

    def appointments(self, projects, members):
        appointments = []
        for spec, project in projects:
            for start, end in self.periods(spec):
                day = start + datetime.timedelta(days=self.rng.randint(3, 15))
                while day < (end or D(2020, 12, 31)):
                    present = [m for m in members if m.joined_on <= day]
                    appointments.append(
                        Appointment(project=project, date=day, member=self.rng.choice(present),
                                   duration_minutes=self.rng.choice([60, 90, 90, 120]))
                    )  # fmt: skip
                    day += datetime.timedelta(days=self.rng.randint(28, 50))
        Appointment.objects.bulk_create(appointments)

    def holders_accompanied_on(self, projects, day):
        return [
            person
            for spec, project in projects
            if any(start <= day and (end is None or day < end) for start, end in self.periods(spec))
            for person in project.holders.all()
        ]

    def collective_sessions(self, projects):
        for year, months in COLLECTIVE_SESSIONS.items():
            for month in months:
                day = D(year, month, self.rng.randint(8, 22))
                session = CollectiveTime.objects.create(date=day, theme=self.rng.choice(SESSION_THEMES))
                holders = self.holders_accompanied_on(projects, day)
                session.attendees.set(self.rng.sample(holders, min(len(holders), self.rng.randint(4, 10))))

    def trainings(self, projects) -> list[Training]:
        trainings = []
        for index, (title, finalised_on) in enumerate(TRAININGS):
            training = Training.objects.create(title=title, finalised_on=finalised_on)
            if index == 0:  # the first one was given in December 2020, to a full room
                session = TrainingSession.objects.create(
                    training=training, date=D(2020, 12, 10), place="Tarnos, salle Maurice Thorez", capacity=12
                )
                holders = list(dict.fromkeys(self.holders_accompanied_on(projects, session.date)))
                session.participants.set(self.rng.sample(holders, 12))
            trainings.append(training)
        return trainings
