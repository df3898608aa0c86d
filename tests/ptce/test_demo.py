from django.utils import timezone

from cbe_portal.models import Organisation
from ptce import demo, indicators
from ptce.models import Declaration, LockedYear, Membership, Project, Publication, Theme


def test_demo_reproduces_the_2020_report_and_loads_once():
    Organisation.objects.create(name="Otsokop")  # another programme's demo may create it first
    demo.load()
    counts = [m.objects.count() for m in (Theme, Membership, Project, Declaration, Publication, Organisation)]
    demo.load()
    assert [m.objects.count() for m in (Theme, Membership, Project, Declaration, Publication, Organisation)] == counts
    assert Organisation.objects.filter(name="Otsokop").count() == 1

    figures = indicators.for_year(2020)
    assert {key: figures[key] for key in indicators.OPEN_DATA_KEYS} == {
        "membres": 24,
        "nouveaux_membres": 2,
        "emplois": 533,
        "emplois_permanents": 347,
        "entreprises_partenaires": 404,
        "adherents": 967,
        "partenaires_exterieurs": 165,
        "stagiaires_formes": 1100,
        "contrats_professionnalisation": 399,
        "parcours_insertion": 36,
        "porteurs_projet_accompagnes": 220,
        "chiffre_affaires": 30_000_000,
    }
    new_members = Membership.objects.filter(joined_on__year=2020).values_list("organisation__name", flat=True)
    assert sorted(new_members) == ["Ferme solidaire Lacoste", "Otsokop"]
    assert Theme.objects.count() == 6
    assert Publication.objects.count() == 3
    assert list(LockedYear.objects.values_list("year", flat=True)) == [2020, 2019]  # coordination closed them
    assert indicators.for_year(2019)["declarations"] == 23


def test_every_demo_declaration_keeps_the_rules(loaded_demo):
    for declaration in Declaration.objects.select_related("membership"):
        assert declaration.emplois_permanents <= declaration.emplois
        assert declaration.year >= declaration.membership.joined_on.year


def test_the_demo_member_account_speaks_for_otsokop(loaded_demo):
    from cbe_portal.models import User

    membership = User.objects.get(username="membre").organisation.ptce_membership
    assert membership.organisation.name == "Otsokop"
    assert membership.joined_on.year == 2020


def test_the_demo_goes_on_to_a_live_year(loaded_demo):
    """After the report: members joining up to this year, one leaving, every past year declared by
    its members but for a few late with last year's figures, and every record keeps the forms' rules."""
    today = timezone.localdate()
    last_year = today.year - 1
    assert Membership.objects.filter(joined_on__year=today.year).exists()
    assert Membership.objects.filter(left_on__year__gt=2020).exists()
    for year in range(2021, last_year):
        assert not Membership.objects.missing_declaration(year).exists(), year
    assert 1 <= Membership.objects.missing_declaration(last_year).count() <= 10
    assert not Declaration.objects.filter(year=today.year).exists()
    assert Project.objects.filter(started_on__year__gt=2020, ended_on=None).exists()
    for model in (Membership, Declaration, Project, Publication):
        for record in model.objects.all():
            record.full_clean()  # past dates, bounds, constraints
    for declaration in Declaration.objects.select_related("membership"):
        assert declaration.year in declaration.membership.declaration_years()
    assert indicators.for_year(last_year)["emplois"] > indicators.for_year(2020)["emplois"]
