from tests.factories import OrganisationFactory, PersonFactory
from tests.permission_matrix import (
    ANONYMOUS,
    LOGIN,
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


def post_only(role: str) -> int:
    # Any user may send the form; a GET is refused once logged in.
    return LOGIN if role == ANONYMOUS else 405


def merge(role: str) -> int:
    # Directory editors reach the page only to be told that merging is coordination's.
    return 403 if directory_write(role) == 200 and role != "coordination" else directory_write(role)


MATRIX = [
    Row("cbe_portal:home", public),
    Row("cbe_portal:health", public),
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
    Row("cbe_portal:person_lookup", directory_read),
    Row("cbe_portal:organisation_lookup", directory_read),
    Row("cbe_portal:person_merge", merge, lambda: {"pk": PersonFactory().pk}),
    Row("cbe_portal:person_privacy", merge, lambda: {"pk": PersonFactory().pk}),
    Row("cbe_portal:person_anonymise", merge, lambda: {"pk": PersonFactory().pk}),
    Row("cbe_portal:organisation_merge", merge, lambda: {"pk": OrganisationFactory().pk}),
    Row("login", public),
    # Without a password just checked, the code page sends everyone back to the log-in page.
    Row("login_verify", lambda role: LOGIN),
    Row("cbe_portal:two_factor", logged_in),
    Row("cbe_portal:two_factor_setup", logged_in),
    Row("cbe_portal:two_factor_disable", post_only),
    Row("cbe_portal:two_factor_codes", post_only),
    Row("password_reset", public),
    Row("password_change", logged_in),
    Row("admin:index", admin_index),
]


def published(year: int):
    """A URL argument `year`, that year published (a PDF built once, not here: too slow for a matrix)."""

    def kwargs():
        from cbe_portal import publication
        from tests.factories import UserFactory

        if publication.current(year) is None:  # built once when several rows need it (the accessibility test)
            publication.publish(year, UserFactory(), build_pdf=False)
        return {"year": year}

    return kwargs


def stored_file():
    from cbe_portal.models import StoredFile

    StoredFile.objects.create(name="logos/cbe.png", content=b"\x89PNG", size=4, content_type="image/png")
    return {"name": "logos/cbe.png"}


MATRIX.append(Row("cbe_portal:stored_file", public, stored_file))
MATRIX += [
    Row("cbe_portal:editorial_list", coordination_only),
    Row("cbe_portal:editorial_edit", coordination_only, lambda: {"year": 2020, "section": "president"}),
    Row("cbe_portal:report_latest", public, lambda: published(2020)() and {}),
    Row("cbe_portal:report", public, published(2020)),
    Row("cbe_portal:report_pdf", public, published(2019)),
    Row("cbe_portal:report_archive", public),
    Row("cbe_portal:open_data", public),
    Row("cbe_portal:legal", public, lambda: {"page": "accessibilite"}),
    Row("cbe_portal:open_data_json", public, published(2020)),
    Row("cbe_portal:open_data_csv", public, published(2020)),
    Row("cbe_portal:open_data_csv_fr", public, published(2020)),
    Row("cbe_portal:datapackage", public),
    Row("cbe_portal:import_list", directory_write),
    Row("cbe_portal:import_upload", directory_write, lambda: {"name": "personnes"}),
    Row("cbe_portal:import_template", directory_write, lambda: {"name": "organisations"}),
    Row("cbe_portal:import_apply", lambda role: LOGIN if role == "anonyme" else 405, lambda: {"pk": 1}),
    Row("cbe_portal:publication_list", coordination_only),
    Row("cbe_portal:publication_publish", coordination_only, lambda: {"year": 2021}),
    Row("cbe_portal:publication_reopen", coordination_only, published(2018)),
]
