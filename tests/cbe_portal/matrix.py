from tests.factories import OrganisationFactory, PersonFactory
from tests.permission_matrix import (
    Row,
    coordination_only,
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
MATRIX += [
    Row("cbe_portal:editorial_list", coordination_only),
    Row("cbe_portal:editorial_edit", coordination_only, lambda: {"year": 2020, "section": "president"}),
    Row("cbe_portal:report_latest", lambda role: 404),  # no data yet: no report to point to
    Row("cbe_portal:report", public, lambda: {"year": 2020}),
    Row("cbe_portal:report_pdf", public, lambda: {"year": 2019}),
    Row("cbe_portal:open_data", public),
    Row("cbe_portal:open_data_json", public, lambda: {"year": 2020}),
    Row("cbe_portal:open_data_csv", public, lambda: {"year": 2020}),
]
