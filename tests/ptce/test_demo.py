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


def test_every_demo_declaration_keeps_the_rules():
    demo.load()
    for declaration in Declaration.objects.select_related("membership"):
        assert declaration.emplois_permanents <= declaration.emplois
        assert declaration.year >= declaration.membership.joined_on.year


def test_the_demo_member_account_speaks_for_otsokop():
    from cbe_portal import demo as portal_demo
    from cbe_portal.models import User

    portal_demo.load()
    membership = User.objects.get(username="membre").organisation.ptce_membership
    assert membership.organisation.name == "Otsokop"
    assert membership.joined_on.year == 2020
