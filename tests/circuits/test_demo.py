import datetime

from circuits import demo, indicators
from circuits.models import AwarenessAction, Participation, Purchase, Supplier, Workshop, distance_km


def test_demo_loads_once_and_gives_the_report_figures(loaded_demo):
    counts = (Participation.objects.count(), Purchase.objects.count(), Supplier.objects.count())
    demo.load()
    assert (Participation.objects.count(), Purchase.objects.count(), Supplier.objects.count()) == counts

    figures = indicators.for_year(2020)
    # Rapport d'activité 2020: 2 restaurants, 7 200 meals a day, 32 % local organic in 2020 and
    # 27 % in 2019, 19 supplying farms, crop planning with 9 farms, 3 workshops, 800 children.
    assert {key: figures[key] for key in indicators.OPEN_DATA_KEYS} == {
        "restaurants": 2,
        "repas_par_jour": 7200,
        "part_local_bio": 0.32,
        "fermes_fournisseurs": 19,
        "fermes_planification": 9,
        "ateliers": 3,
        "enfants_sensibilises": 800,
    }
    # The previous year's share, which the public page and the report show beside 2020's.
    assert indicators.for_year(2019)["part_local_bio"] == 0.27
    assert indicators.for_year(2019)["repas_par_jour"] == 7200


def test_demo_has_farms_beyond_the_local_radius(loaded_demo):
    tarnos = (43.5406, -1.4613)
    distances = {
        supplier.organisation.name: distance_km(
            *tarnos, supplier.organisation.latitude, supplier.organisation.longitude
        )
        for supplier in Supplier.objects.select_related("organisation")
    }
    far = {name for name, distance in distances.items() if distance > 120}
    assert far == {"Ferme de l'Astarac", "Domaine de Lomagne", "Ferme du Bas-Armagnac",
                   "Aquitaine Restauration Distribution"}  # fmt: skip


def test_demo_locates_a_shared_restaurant_created_without_coordinates():
    # Another programme's demo may have created « SCIC Eole » first, without coordinates.
    from cbe_portal.models import Organisation

    Organisation.objects.create(name="SCIC Eole", kind=Organisation.Kind.SCIC)
    demo.load()
    eole = Organisation.objects.get(name="SCIC Eole")
    assert (eole.kind, eole.latitude is not None) == (Organisation.Kind.SCIC, True)
    assert indicators.for_year(2020)["part_local_bio"] == 0.32


def test_demo_2019_figures(loaded_demo):
    figures = indicators.for_year(2019)
    assert {key: figures[key] for key in indicators.OPEN_DATA_KEYS} == {
        "restaurants": 2,
        "repas_par_jour": 7200,
        "part_local_bio": 0.27,
        "fermes_fournisseurs": 17,
        "fermes_planification": 6,
        "ateliers": 2,
        "enfants_sensibilises": 758,
    }


def test_demo_goes_on_to_today_with_a_live_year(monkeypatch):
    today = datetime.date(2021, 6, 15)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: today)
    demo.load()

    assert Participation.objects.filter(year=2021).count() == 2
    assert not Purchase.objects.filter(period_end__gte=datetime.date(2021, 6, 1)).exists()  # complete months
    assert not Workshop.objects.filter(date__gt=today).exists()
    assert not AwarenessAction.objects.filter(date__gt=today).exists()
    figures = indicators.for_year(2021)
    assert figures["ateliers"] == 2 and figures["fermes_planification"] == 10 and figures["achats_total"] > 0
    # The to-do list of the staff home has an item: the SCIC Eole has not entered May yet.
    missing = Participation.objects.without_purchases(datetime.date(2021, 5, 1), datetime.date(2021, 5, 31))
    assert [participation.restaurant.name for participation in missing] == ["SCIC Eole"]
    assert indicators.for_year(2020)["part_local_bio"] == 0.32
