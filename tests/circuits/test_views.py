import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from circuits.models import AwarenessAction, CropPlan, Participation, Purchase, Supplier, Workshop
from tests.circuits.factories import (
    AUCH,
    FarmFactory,
    ParticipationFactory,
    PurchaseFactory,
    RestaurantFactory,
    SupplierFactory,
    WorkshopFactory,
)


def purchase_data(restaurant, supplier=None, **overrides):
    data = {
        "restaurant": restaurant.pk,
        "year": 2020,
        "period_start": "2020-03-01",
        "period_end": "2020-03-31",
        "supplier": supplier.pk if supplier else "",
        "family": Purchase.Family.FRUITS_LEGUMES,
        "amount_ht": "1250.50",
        "is_organic": "on",
    }
    return {**data, **overrides}


def post(client, url_name, data, **kwargs):
    return client.post(reverse(url_name, kwargs=kwargs), data)


@pytest.fixture
def editor(client_as):
    return client_as("circuits")


@pytest.fixture
def participation():
    return ParticipationFactory()


@pytest.fixture
def farm():
    return SupplierFactory().organisation


# Purchases: the rules of the issue ------------------------------------------------------------------


def test_purchase_is_created(editor, participation, farm):
    response = post(editor, "circuits:purchase_create", purchase_data(participation.restaurant, farm))
    assert response.status_code == 302
    purchase = Purchase.objects.get()
    assert (purchase.amount_ht, purchase.supplier, purchase.is_organic) == (Decimal("1250.50"), farm, True)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"amount_ht": "-10"}, "amount_ht", "Le montant ne peut pas être négatif."),
        ({"period_start": "2019-12-01"}, "period_start", "La période doit être comprise dans l'année 2020."),
        ({"period_end": "2021-01-31"}, "period_end", "La période doit être comprise dans l'année 2020."),
        ({"period_start": "2020-04-01"}, "period_end", "La fin de la période doit suivre son début."),
        ({"year": "2019"}, "restaurant", "ne participe pas au programme en 2019"),
    ],
)
def test_purchase_rules(editor, participation, farm, overrides, field, message):
    data = purchase_data(participation.restaurant, farm, **overrides)
    if "year" in overrides:
        data.update(period_start="2019-03-01", period_end="2019-03-31")
    response = post(editor, "circuits:purchase_create", data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Purchase.objects.exists()


def test_supplier_without_coordinates_cannot_be_marked_local(editor, participation):
    nowhere = SupplierFactory(organisation=FarmFactory(name="Ferme sans adresse", latitude=None, longitude=None))
    data = purchase_data(participation.restaurant, nowhere.organisation, local_declared="on")
    response = post(editor, "circuits:purchase_create", data)
    assert response.status_code == 200
    assert "« Ferme sans adresse » n'a pas de coordonnées" in response.context["form"].errors["local_declared"][0]
    assert not Purchase.objects.exists()


def test_supplier_with_coordinates_is_local_by_distance_not_by_hand(editor, participation, farm):
    response = post(
        editor, "circuits:purchase_create", purchase_data(participation.restaurant, farm, local_declared="on")
    )
    assert "se calcule avec sa distance" in response.context["form"].errors["local_declared"][0]
    assert not Purchase.objects.exists()


def test_others_purchase_is_local_by_hand(editor, participation):
    response = post(editor, "circuits:purchase_create", purchase_data(participation.restaurant, local_declared="on"))
    assert response.status_code == 302
    assert Purchase.objects.with_is_local().get().is_local


def test_purchase_is_local_by_distance(participation):
    near = PurchaseFactory(restaurant=participation.restaurant)
    far = PurchaseFactory(restaurant=participation.restaurant, supplier=FarmFactory(**AUCH))
    nowhere = PurchaseFactory(restaurant=participation.restaurant, supplier=FarmFactory(latitude=None, longitude=None))
    local = dict(Purchase.objects.with_is_local().values_list("pk", "is_local"))
    assert local == {near.pk: True, far.pk: False, nowhere.pk: False}


def test_purchase_edit_refuses_a_concurrent_change(editor, participation, farm):
    purchase = PurchaseFactory(restaurant=participation.restaurant, supplier=farm)
    url = reverse("circuits:purchase_edit", args=[purchase.pk])
    loaded = editor.get(url).context["form"].initial["loaded_version"]
    Purchase.objects.filter(pk=purchase.pk).update(amount_ht=1, updated_at=datetime.datetime.now(datetime.UTC))
    data = purchase_data(participation.restaurant, farm, amount_ht="99", loaded_version=loaded)
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "modifiée par quelqu'un d'autre" in response.content.decode().replace("&#x27;", "'")
    purchase.refresh_from_db()
    assert purchase.amount_ht == 1


def test_purchase_list_filters(editor, participation):
    PurchaseFactory(restaurant=participation.restaurant, family=Purchase.Family.POISSONS, amount_ht=12)
    PurchaseFactory(restaurant=participation.restaurant, family=Purchase.Family.VIANDES, amount_ht=34)
    response = editor.get(reverse("circuits:purchase_list"), {"family": Purchase.Family.POISSONS, "annee": 2020})
    assert [purchase.family for purchase in response.context["page"]] == [Purchase.Family.POISSONS]


# The yearly grid --------------------------------------------------------------------------------------


def grid_data(rows):
    data = {"form-TOTAL_FORMS": "8", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "50"}
    for index, row in enumerate(rows):
        data.update({f"form-{index}-{key}": value for key, value in row.items()})
    return data


def test_grid_saves_the_filled_rows_for_the_whole_year(editor, participation, farm):
    url = reverse("circuits:purchase_grid") + f"?restaurant={participation.restaurant.pk}&annee=2020"
    rows = [
        {"supplier": farm.pk, "family": "fruits_legumes", "amount_ht": "12000", "is_organic": "on"},
        {"supplier": "", "family": "epicerie", "amount_ht": "3000", "local_declared": "on"},
    ]
    response = editor.post(url, grid_data(rows))
    assert response.status_code == 302
    purchases = Purchase.objects.order_by("amount_ht")
    assert [(p.amount_ht, p.period_start, p.period_end) for p in purchases] == [
        (Decimal(3000), datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
        (Decimal(12000), datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
    ]


def test_grid_refuses_a_negative_amount_and_saves_nothing(editor, participation, farm):
    url = reverse("circuits:purchase_grid") + f"?restaurant={participation.restaurant.pk}&annee=2020"
    rows = [
        {"supplier": farm.pk, "family": "fruits_legumes", "amount_ht": "12000"},
        {"supplier": farm.pk, "family": "viandes", "amount_ht": "-5"},
    ]
    response = editor.post(url, grid_data(rows))
    assert response.status_code == 200
    assert "Le montant ne peut pas être négatif." in response.content.decode()
    assert not Purchase.objects.exists()


def test_grid_refuses_a_restaurant_not_taking_part(editor, participation):
    url = reverse("circuits:purchase_grid") + f"?restaurant={participation.restaurant.pk}&annee=2019"
    response = editor.get(url)
    assert "ne participe pas au programme en 2019" in response.content.decode()
    assert response.context.get("formset") is None


# Restaurants and suppliers -----------------------------------------------------------------------------


@pytest.mark.parametrize("meals", ["5", "25000"])
def test_meals_per_day_out_of_range(editor, meals):
    restaurant = RestaurantFactory()
    response = post(
        editor, "circuits:participation_create", {"restaurant": restaurant.pk, "year": 2020, "meals_per_day": meals}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["meals_per_day"] == [
        "Le nombre de repas par jour doit être compris entre 10 et 20 000."
    ]
    assert not Participation.objects.exists()


def test_participation_is_created_once_a_year(editor):
    restaurant = RestaurantFactory()
    data = {"restaurant": restaurant.pk, "year": 2020, "meals_per_day": "1200"}
    assert post(editor, "circuits:participation_create", data).status_code == 302
    response = post(editor, "circuits:participation_create", data)
    assert "participe déjà au programme cette année-là" in response.content.decode()
    assert Participation.objects.count() == 1


def test_supplier_is_created_and_shows_its_distances(editor):
    farm, restaurant = FarmFactory(name="Ferme Haran"), RestaurantFactory(name="Cuisine centrale")
    data = {"organisation": farm.pk, "category": Supplier.Category.MARAICHAGE, "is_organic_certified": "on"}
    assert post(editor, "circuits:supplier_create", data).status_code == 302
    supplier = Supplier.objects.get()
    response = editor.get(reverse("circuits:supplier_detail", args=[supplier.pk]))
    assert response.context["distances"][0][0] == restaurant
    assert "5 km" in response.content.decode()


def test_restaurant_detail_lists_its_suppliers(editor, participation):
    PurchaseFactory(restaurant=participation.restaurant, supplier=FarmFactory(name="Ferme Lalanne"))
    response = editor.get(reverse("circuits:restaurant_detail", args=[participation.restaurant.pk]))
    assert "Ferme Lalanne" in response.content.decode()


# Crop planning, workshops, awareness --------------------------------------------------------------------


def test_crop_plan_refuses_a_negative_quantity(editor, farm):
    data = {"farm": farm.pk, "year": 2020, "season": "ete", "product": "Tomates", "quantity": "-3", "unit": "kg"}
    response = post(editor, "circuits:cropplan_create", data)
    assert "La quantité ne peut pas être négative." in response.content.decode()
    assert not CropPlan.objects.exists()
    data["quantity"] = "300"
    assert post(editor, "circuits:cropplan_create", data).status_code == 302


def test_workshop_and_awareness_are_created(editor):
    workshop = {"date": "2020-03-10", "title": "Atelier saisons", "place": "Tarnos", "participants": "12"}
    assert post(editor, "circuits:workshop_create", workshop).status_code == 302
    action = {
        "date": "2020-10-12",
        "title": "Semaine du goût",
        "audience": "scolaires",
        "people": "180",
        "place": "École",
    }
    assert post(editor, "circuits:awareness_create", action).status_code == 302
    assert Workshop.objects.count() == AwarenessAction.objects.count() == 1


def test_workshop_edit_refuses_a_concurrent_change(editor):
    workshop = WorkshopFactory(title="Avant")
    url = reverse("circuits:workshop_edit", args=[workshop.pk])
    data = {
        "date": "2020-03-10",
        "title": "Après",
        "participants": "12",
        "loaded_version": "2000-01-01T00:00:00+00:00",
    }
    response = editor.post(url, data)
    assert response.status_code == 200
    workshop.refresh_from_db()
    assert workshop.title == "Avant"


# Read-only staff and the map ------------------------------------------------------------------------------


def test_read_only_staff_see_no_edit_buttons(client_as, participation):
    PurchaseFactory(restaurant=participation.restaurant)
    reader = client_as("circuits-lecture")
    content = reader.get(reverse("circuits:purchase_list")).content.decode()
    assert "Saisir un achat" not in content and "Modifier" not in content
    assert "Saisir un achat" in client_as("circuits").get(reverse("circuits:purchase_list")).content.decode()


def test_public_page_lists_the_map_points_without_javascript(client):
    RestaurantFactory(name="Cuisine centrale de Tarnos")
    SupplierFactory(organisation=FarmFactory(name="Ferme de l'Astarac", **AUCH), category=Supplier.Category.ELEVAGE)
    SupplierFactory(organisation=FarmFactory(name="Ferme sans adresse", latitude=None, longitude=None))
    response = client.get(reverse("circuits:public"))
    content = response.content.decode().replace("&#x27;", "'")
    table = content[content.index("<table") : content.index("</table>")]
    assert "Cuisine centrale de Tarnos" in table
    assert "Ferme de l'Astarac" in table and "165 km" in table and "Élevage" in table
    assert "Ferme sans adresse" not in table
    assert 'id="carte-circuits"' in content  # the Leaflet map, drawn by JavaScript over the same points


def test_staff_map_page_lists_the_points(client_as):
    SupplierFactory(organisation=FarmFactory(name="Ferme Haran"))
    RestaurantFactory(name="SCIC Eole")
    content = client_as("circuits-lecture").get(reverse("circuits:supplier_map")).content.decode()
    assert "<table" in content and "Ferme Haran" in content and "SCIC Eole" in content


def test_home_shows_the_figures_of_the_chosen_year(client_as, participation):
    PurchaseFactory(restaurant=participation.restaurant, amount_ht=100)
    response = client_as("circuits-lecture").get(reverse("circuits:home"), {"annee": 2020})
    assert response.context["figures"]["part_local_bio"] == 1.0
    assert "100\u00a0%" in response.content.decode()


def test_lists_filter_by_year(client_as):
    WorkshopFactory(title="Atelier 2019", date=datetime.date(2019, 5, 2))
    WorkshopFactory(title="Atelier 2020")
    response = client_as("circuits-lecture").get(reverse("circuits:workshop_list"), {"annee": "2019"})
    assert [workshop.title for workshop in response.context["page"]] == ["Atelier 2019"]
