"""The programme's yearly figures, computed in the database."""

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, F, Q, Sum

from cbe_portal.open_data import keys_of

from .models import CompanyVisit, EmployerAction, InsertionHours, JobOffer, Market, Match, Project, Sector

# The open-data keys this module computes: spelled once, in cbe_portal/open_data.py.
OPEN_DATA_KEYS = keys_of("gpect")


def for_year(year: int) -> dict:
    """The GPECT's figures for `year`, in 9 queries whatever the data, that read only the year's records.

    Open-data keys (DESIGN.md):
    - `employeurs_mobilises` (int): employers with at least one action dated in the year;
    - `secteurs` (int): distinct sectors of those employers;
    - `offres_diffusees` (int): job offers diffused (dated) in the year;
    - `mises_en_relation` (int): matches dated in the year;
    - `visites_entreprises` (int): company visits and activity-zone workshops of the year;
    - `participants_visites_ateliers` (int): their participants, summed;
    - `marches_clauses` (int): markets with insertion hours realised in the year (a period belongs
      to the year it starts in, and lies within its market's year, so these are the year's markets
      that produced hours; a market without any hours yet is not counted);
    - `personnes_clauses` (int): distinct people with insertion hours in the year;
    - `heures_insertion` (int): insertion hours realised in the year;
    - `entreprises_clauses` (int): distinct companies where those hours were realised;
    - `part_contrats_professionnalisation` (float 0–1 or None): people with at least one period on
      a professionalisation contract in the year ÷ `personnes_clauses`; None when nobody was placed.
    Extra keys:
    - `employeurs_par_secteur`: every sector, `[{"label": sector, "value": employers mobilised}]`;
    - `heures_par_marche`: markets of the year or with hours in it,
      `[{"label": title, "buyer": buyer, "value": hours realised in the year, "required": hours required}]`;
    - `projets` (open_data.LISTS): the territorial projects in emergence or in progress, by name,
      `[{"label", "status", "description", "organisations": [partner names]}]`. Projects carry no
      dates: any year lists those of today, and publishing a year freezes its list.
    """
    actions = EmployerAction.objects.filter(date__year=year).aggregate(
        employeurs_mobilises=Count("employer", distinct=True),
        secteurs=Count("employer__sector", distinct=True),
    )
    visits = CompanyVisit.objects.filter(date__year=year).aggregate(
        visites_entreprises=Count("pk"), participants_visites_ateliers=Sum("participants", default=0)
    )
    clauses = InsertionHours.objects.for_year(year).aggregate(
        marches_clauses=Count("market", distinct=True),
        personnes_clauses=Count("person", distinct=True),
        heures_insertion=Sum("hours", default=0),
        entreprises_clauses=Count("company", distinct=True),
        personnes_professionnalisation=Count("person", distinct=True, filter=Q(is_professionalisation=True)),
    )
    professionalised = clauses.pop("personnes_professionnalisation")
    placed = clauses["personnes_clauses"]
    # Each sector's employers with an action in the year, in one pass over the year's actions (the
    # date index): joining every action of every year to the sectors grows with the years.
    mobilised = dict(
        EmployerAction.objects.filter(date__year=year)
        .values_list("employer__sector")
        .annotate(value=Count("employer", distinct=True))
        .order_by()
    )
    in_year = Q(insertion_hours__period_start__year=year)
    markets = (
        Market.objects.filter(Q(year=year) | Q(pk__in=InsertionHours.objects.for_year(year).values("market")))
        .annotate(value=Sum("insertion_hours__hours", default=0, filter=in_year))
        .values("title", "buyer__name", "value", "hours_required")
        .order_by("title")
    )
    projects = (
        Project.objects.exclude(status=Project.Status.TERMINE)
        .annotate(
            organisations=ArrayAgg(
                "partners__name", filter=Q(partners__isnull=False), order_by="partners__name", default=[]
            )
        )
        .values("status", "organisations", label=F("name"), description=F("summary"))
        .order_by("name")
    )
    statuses = dict(Project.Status.choices)
    return {
        **actions,
        "offres_diffusees": JobOffer.objects.filter(date__year=year).count(),
        "mises_en_relation": Match.objects.filter(date__year=year).count(),
        **visits,
        **clauses,
        "part_contrats_professionnalisation": professionalised / placed if placed else None,
        "employeurs_par_secteur": [{"label": s.name, "value": mobilised.get(s.pk, 0)} for s in Sector.objects.all()],
        "heures_par_marche": [
            {"label": m["title"], "buyer": m["buyer__name"], "value": m["value"], "required": m["hours_required"]}
            for m in markets
        ],
        "projets": [{**project, "status": statuses[project["status"]]} for project in projects],
    }
