"""The demo: every programme's demo data, then one account per role."""

from importlib import import_module

from django.contrib.auth.models import Group
from django.db import transaction

from .demo_texts import TEXTS_2020
from .models import EditorialText, Organisation, User
from .permissions import Role, programme_configs

DEMO_PASSWORD = "demo-cbe-2020"
# The member account speaks for this PTCE member (created by the PTCE demo, or here).
MEMBER_ORGANISATION = "Otsokop"


@transaction.atomic
def load() -> list[tuple[str, str, str]]:
    """Load all demo data (idempotent); return the demo accounts as (role label, login, password)."""
    for config in programme_configs():
        import_module(f"{config.name}.demo").load()
    for section, body in TEXTS_2020.items():
        EditorialText.objects.get_or_create(year=2020, section=section, defaults={"body": body})
    accounts = create_accounts()
    publish_past_years(User.objects.get(username=Role.COORDINATION.value))
    return accounts


PUBLISHED_YEARS = range(2016, 2021)


def publish_past_years(user) -> None:
    """The demo publishes 2016–2020, the years of the 2020 report; later years stay drafts. Their
    PDFs are built on the first download (once), so that the demo loads quickly."""
    from . import publication

    for year in PUBLISHED_YEARS:
        if publication.current(year) is None:
            publication.publish(year, user, build_pdf=False)


def create_accounts() -> list[tuple[str, str, str]]:
    member_organisation, _ = Organisation.objects.get_or_create(
        name=MEMBER_ORGANISATION,
        defaults={"kind": Organisation.Kind.SCIC, "is_ess": True},
    )
    accounts = []
    for role in Role:
        user, created = User.objects.get_or_create(
            username=role.value,
            defaults={
                "first_name": "Démo",
                "last_name": role.label,
                "email": f"{role.value}@example.org",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.COORDINATION
            user.organisation = member_organisation if role == Role.MEMBRE else None
            user.save()
            user.groups.set([Group.objects.get(name=role.value)])
        accounts.append((role.label, role.value, DEMO_PASSWORD))
    return accounts
