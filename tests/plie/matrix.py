import datetime

from tests.permission_matrix import Row, programme_read, programme_write, public

from .factories import (
    CollectiveActionFactory,
    FreinFactory,
    InterviewFactory,
    MealAidFactory,
    ParcoursFactory,
    SessionFactory,
    StepFactory,
    exit_type,
)


def parcours():
    return {"pk": ParcoursFactory().pk}


def closed_parcours():
    pathway = ParcoursFactory(exit_date=datetime.date(2020, 12, 31), exit_type=exit_type("positive"))
    return {"pk": pathway.pk}


def pk_of(factory):
    return lambda: {"pk": factory().pk}


MATRIX = [
    Row("plie:public", public),
    Row("plie:home", programme_read("plie")),
    Row("plie:parcours_list", programme_read("plie")),
    Row("plie:parcours_create", programme_write("plie")),
    Row("plie:parcours_detail", programme_read("plie"), parcours),
    Row("plie:parcours_edit", programme_write("plie"), parcours),
    Row("plie:parcours_delete", programme_write("plie"), parcours),
    Row("plie:exit_create", programme_write("plie"), parcours),
    Row("plie:exit_edit", programme_write("plie"), closed_parcours),
    Row("plie:exit_cancel", programme_write("plie"), closed_parcours),
    Row("plie:fse_edit", programme_write("plie"), parcours),
    Row("plie:fse_indicators", programme_read("plie")),
    Row("plie:frein_create", programme_write("plie"), parcours),
    Row("plie:frein_edit", programme_write("plie"), pk_of(FreinFactory)),
    Row("plie:frein_delete", programme_write("plie"), pk_of(FreinFactory)),
    Row("plie:frein_lift", programme_write("plie"), pk_of(FreinFactory)),
    Row("plie:step_create", programme_write("plie"), parcours),
    Row("plie:step_edit", programme_write("plie"), pk_of(StepFactory)),
    Row("plie:step_delete", programme_write("plie"), pk_of(StepFactory)),
    Row("plie:interview_create", programme_write("plie"), parcours),
    Row("plie:interview_edit", programme_write("plie"), pk_of(InterviewFactory)),
    Row("plie:interview_delete", programme_write("plie"), pk_of(InterviewFactory)),
    Row("plie:collective_action_list", programme_read("plie")),
    Row("plie:collective_action_create", programme_write("plie")),
    Row("plie:collective_action_detail", programme_read("plie"), pk_of(CollectiveActionFactory)),
    Row("plie:collective_action_edit", programme_write("plie"), pk_of(CollectiveActionFactory)),
    Row("plie:collective_action_delete", programme_write("plie"), pk_of(CollectiveActionFactory)),
    Row("plie:session_create", programme_write("plie"), pk_of(CollectiveActionFactory)),
    Row("plie:session_edit", programme_write("plie"), pk_of(SessionFactory)),
    Row("plie:session_delete", programme_write("plie"), pk_of(SessionFactory)),
    Row("plie:meal_aid_list", programme_read("plie")),
    Row("plie:meal_aid_create", programme_write("plie")),
    Row("plie:meal_aid_edit", programme_write("plie"), pk_of(MealAidFactory)),
    Row("plie:meal_aid_delete", programme_write("plie"), pk_of(MealAidFactory)),
]
