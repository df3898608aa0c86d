"""The forms' organisation choices are pickers over the user's directory, narrowed to what fits."""

import html

from django.urls import reverse

from cbe_portal.widgets import OrganisationChoiceField
from circuits.forms import AwarenessActionForm, CropPlanForm, ParticipationForm, PurchaseForm
from circuits.models import Purchase
from tests.circuits.factories import FarmFactory, ParticipationFactory, PurchaseFactory, SupplierFactory
from tests.factories import CommuneFactory, OrganisationFactory, UserFactory


def test_every_organisation_choice_is_a_picker():
    user = UserFactory(roles=["circuits"])
    fields = [
        ParticipationForm(user=user).fields["restaurant"],
        PurchaseForm(user=user).fields["restaurant"],
        PurchaseForm(user=user).fields["supplier"],
        CropPlanForm(user=user).fields["farm"],
        AwarenessActionForm(user=user).fields["restaurant"],
    ]
    assert all(isinstance(field, OrganisationChoiceField) for field in fields)


def test_the_purchase_form_shows_its_chosen_organisations_only_and_refuses_a_non_supplier(client_as):
    tarnos = CommuneFactory(name="Tarnos")
    restaurant = ParticipationFactory(restaurant__name="Cuisine centrale", restaurant__commune=tarnos).restaurant
    farm = SupplierFactory(organisation__name="Ferme Haran", organisation__commune=tarnos).organisation
    FarmFactory(name="Ferme inconnue du programme")
    purchase = PurchaseFactory(restaurant=restaurant, supplier=farm)
    editor = client_as("circuits")
    url = reverse("circuits:purchase_edit", args=[purchase.pk])

    page = html.unescape(editor.get(url).content.decode())
    assert "Cuisine centrale — Tarnos" in page and "Ferme Haran — Tarnos" in page
    assert "data-combobox-url" in page and "Ferme inconnue du programme" not in page

    not_a_supplier = OrganisationFactory(name="Mairie de Tarnos")
    data = {
        "restaurant": restaurant.pk, "year": 2020, "period_start": "2020-01-01", "period_end": "2020-12-31",
        "supplier": not_a_supplier.pk, "family": "viandes", "amount_ht": "10",
        "loaded_version": purchase.updated_at.isoformat(),
    }  # fmt: skip
    response = editor.post(url, data)
    assert "Sélectionnez un choix valide" in response.context["form"].errors["supplier"][0]
    assert Purchase.objects.get(pk=purchase.pk).supplier == farm
