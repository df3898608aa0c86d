from tests.permission_matrix import Row, programme_read, programme_write, public

from .factories import ActionCollectiveFactory, FreinFactory, ParcoursFactory


def parcours():
    return {"pk": ParcoursFactory().pk}


MATRIX = [
    Row("plie:public", public),
    Row("plie:home", programme_read("plie")),
    Row("plie:parcours_list", programme_read("plie")),
    Row("plie:parcours_create", programme_write("plie")),
    Row("plie:parcours_detail", programme_read("plie"), parcours),
    Row("plie:parcours_edit", programme_write("plie"), parcours),
    Row("plie:parcours_exit", programme_write("plie"), parcours),
    Row("plie:frein_create", programme_write("plie"), parcours),
    Row("plie:etape_create", programme_write("plie"), parcours),
    Row("plie:entretien_create", programme_write("plie"), parcours),
    Row("plie:frein_lift", programme_write("plie"), lambda: {"pk": FreinFactory().pk}),
    Row("plie:action_list", programme_read("plie")),
    Row("plie:action_create", programme_write("plie")),
    Row("plie:action_detail", programme_read("plie"), lambda: {"pk": ActionCollectiveFactory().pk}),
    Row("plie:seance_create", programme_write("plie"), lambda: {"pk": ActionCollectiveFactory().pk}),
    Row("plie:aide_list", programme_read("plie")),
    Row("plie:aide_create", programme_write("plie")),
]
