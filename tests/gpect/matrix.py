from tests.gpect.factories import (
    CompanyVisitFactory,
    EmployerActionFactory,
    EmployerFactory,
    InsertionHoursFactory,
    JobOfferFactory,
    MarketFactory,
    MatchFactory,
    ProjectFactory,
)
from tests.permission_matrix import Row, programme_read, programme_write, public

read, write = programme_read("gpect"), programme_write("gpect")


def pk(factory):
    return lambda: {"pk": factory().pk}


MATRIX = [
    Row("gpect:public", public),
    Row("gpect:home", read),
    Row("gpect:employer_list", read),
    Row("gpect:employer_create", write),
    Row("gpect:employer_lookup", read),
    Row("gpect:employer_detail", read, pk(EmployerFactory)),
    Row("gpect:employer_edit", write, pk(EmployerFactory)),
    Row("gpect:employer_delete", write, pk(EmployerFactory)),
    Row("gpect:action_list", read),
    Row("gpect:action_create", write),
    Row("gpect:action_edit", write, pk(EmployerActionFactory)),
    Row("gpect:action_delete", write, pk(EmployerActionFactory)),
    Row("gpect:offer_list", read),
    Row("gpect:offer_create", write),
    Row("gpect:offer_detail", read, pk(JobOfferFactory)),
    Row("gpect:offer_edit", write, pk(JobOfferFactory)),
    Row("gpect:offer_delete", write, pk(JobOfferFactory)),
    Row("gpect:match_create", write, pk(JobOfferFactory)),
    Row("gpect:match_edit", write, pk(MatchFactory)),
    Row("gpect:match_delete", write, pk(MatchFactory)),
    Row("gpect:visit_list", read),
    Row("gpect:visit_create", write),
    Row("gpect:visit_edit", write, pk(CompanyVisitFactory)),
    Row("gpect:visit_delete", write, pk(CompanyVisitFactory)),
    Row("gpect:market_list", read),
    Row("gpect:market_create", write),
    Row("gpect:market_detail", read, pk(MarketFactory)),
    Row("gpect:market_edit", write, pk(MarketFactory)),
    Row("gpect:market_delete", write, pk(MarketFactory)),
    Row("gpect:hours_create", write, pk(MarketFactory)),
    Row("gpect:hours_edit", write, pk(InsertionHoursFactory)),
    Row("gpect:hours_delete", write, pk(InsertionHoursFactory)),
    Row("gpect:project_list", read),
    Row("gpect:project_create", write),
    Row("gpect:project_edit", write, pk(ProjectFactory)),
    Row("gpect:project_delete", write, pk(ProjectFactory)),
]
