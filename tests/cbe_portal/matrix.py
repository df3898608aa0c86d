from tests.factories import OrganisationFactory, PersonFactory
from tests.permission_matrix import (
    Row,
    directory_read,
    directory_write,
    logged_in,
    public,
)


def admin_index(role: str) -> int:
    # The admin sends everyone but coordination to its login page.
    return 200 if role == "coordination" else 302


MATRIX = [
    Row("cbe_portal:home", public),
    Row("cbe_portal:dashboard", logged_in),
    Row("cbe_portal:organisation_list", directory_read),
    Row("cbe_portal:organisation_create", directory_write),
    Row("cbe_portal:organisation_detail", directory_read, lambda: {"pk": OrganisationFactory().pk}),
    Row("cbe_portal:organisation_edit", directory_write, lambda: {"pk": OrganisationFactory().pk}),
    Row("cbe_portal:person_list", directory_read),
    Row("cbe_portal:person_create", directory_write),
    # A person followed by no programme: visible to every staff member.
    Row("cbe_portal:person_detail", directory_read, lambda: {"pk": PersonFactory().pk}),
    Row("cbe_portal:person_edit", directory_write, lambda: {"pk": PersonFactory().pk}),
    Row("login", public),
    Row("password_reset", public),
    Row("password_change", logged_in),
    Row("admin:index", admin_index),
]


def stored_file():
    from cbe_portal.models import StoredFile

    StoredFile.objects.create(name="logos/cbe.png", content=b"\x89PNG", size=4, content_type="image/png")
    return {"name": "logos/cbe.png"}


MATRIX.append(Row("cbe_portal:stored_file", public, stored_file))
