from tests.permission_matrix import (
    ANONYMOUS,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    Row,
    programme_read,
    programme_write,
    public,
)
from tests.ptce.factories import (
    DeclarationFactory,
    MembershipFactory,
    ProjectFactory,
    PublicationFactory,
    ThemeFactory,
)

PTCE_STAFF = {"ptce", "ptce-lecture", "coordination"}


def partner_view(role: str) -> int:
    """Partners, PTCE staff and coordination."""
    if role == ANONYMOUS:
        return LOGIN
    return OK if role in PTCE_STAFF | {"partenaire"} else FORBIDDEN


def member_only(role: str) -> int:
    if role == ANONYMOUS:
        return LOGIN
    return OK if role == "membre" else FORBIDDEN


def profile_of_another(role: str) -> int:
    """Another organisation's profile: PTCE editors and coordination only."""
    if role == ANONYMOUS:
        return LOGIN
    return OK if role in {"ptce", "coordination"} else FORBIDDEN


def declarations_of_another(role: str) -> int:
    """Another member's declaration: it does not exist for anyone but PTCE staff."""
    if role == ANONYMOUS:
        return LOGIN
    return OK if role in PTCE_STAFF else NOT_FOUND


def post_only(role: str) -> int:
    return LOGIN if role == ANONYMOUS else 405


def membership():
    return {"pk": MembershipFactory().pk}


def declaration():
    return {"pk": DeclarationFactory().pk}


MATRIX = [
    Row("ptce:public", public),
    Row("ptce:member_list", public),
    Row("ptce:member_map", public),
    Row("ptce:member_detail", public, membership),
    Row("ptce:member_export", partner_view),
    Row("ptce:figures_by_year", partner_view),
    Row("ptce:member_space", member_only),
    Row("ptce:profile_edit", profile_of_another, membership),
    Row("ptce:declaration_create", declarations_of_another, lambda: {**membership(), "year": 2020}),
    Row("ptce:declaration_edit", declarations_of_another, declaration),
    Row("ptce:home", programme_read("ptce")),
    Row("ptce:membership_list", programme_read("ptce")),
    Row("ptce:membership_create", programme_write("ptce")),
    Row("ptce:membership_edit", programme_write("ptce"), membership),
    Row("ptce:membership_delete", programme_write("ptce"), membership),
    Row("ptce:theme_list", programme_read("ptce")),
    Row("ptce:theme_create", programme_write("ptce")),
    Row("ptce:theme_edit", programme_write("ptce"), lambda: {"pk": ThemeFactory().pk}),
    Row("ptce:theme_delete", programme_write("ptce"), lambda: {"pk": ThemeFactory().pk}),
    Row("ptce:project_list", programme_read("ptce")),
    Row("ptce:project_create", programme_write("ptce")),
    Row("ptce:project_edit", programme_write("ptce"), lambda: {"pk": ProjectFactory().pk}),
    Row("ptce:project_delete", programme_write("ptce"), lambda: {"pk": ProjectFactory().pk}),
    Row("ptce:publication_list", programme_read("ptce")),
    Row("ptce:publication_create", programme_write("ptce")),
    Row("ptce:publication_edit", programme_write("ptce"), lambda: {"pk": PublicationFactory().pk}),
    Row("ptce:publication_delete", programme_write("ptce"), lambda: {"pk": PublicationFactory().pk}),
    Row("ptce:declaration_list", programme_read("ptce")),
    Row("ptce:declaration_delete", programme_write("ptce"), declaration),
    Row("ptce:year_lock", post_only, lambda: {"year": 2020}),
]
