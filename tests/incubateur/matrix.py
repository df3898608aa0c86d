from tests.permission_matrix import Row, programme_read, programme_write, public

from .factories import (
    AppointmentFactory,
    CollectiveMemberFactory,
    CollectiveTimeFactory,
    CommitteeFactory,
    CreatedJobFactory,
    CreatedStructureFactory,
    PresentationFactory,
    ProjectFactory,
    ReceptionFactory,
    TrainingFactory,
    TrainingSessionFactory,
)

READ, WRITE = programme_read("incubateur"), programme_write("incubateur")


def pk_of(factory):
    return lambda: {"pk": factory().pk}


MATRIX = [
    Row("incubateur:public", public),
    Row("incubateur:home", READ),
    Row("incubateur:reception_list", READ),
    Row("incubateur:reception_create", WRITE),
    Row("incubateur:reception_edit", WRITE, pk_of(ReceptionFactory)),
    Row("incubateur:reception_delete", WRITE, pk_of(ReceptionFactory)),
    Row("incubateur:project_list", READ),
    Row("incubateur:project_pipeline", READ),
    Row("incubateur:project_create", WRITE),
    Row("incubateur:project_detail", READ, pk_of(ProjectFactory)),
    Row("incubateur:project_edit", WRITE, pk_of(ProjectFactory)),
    Row("incubateur:project_delete", WRITE, pk_of(ProjectFactory)),
    Row("incubateur:project_stage", WRITE, pk_of(ProjectFactory)),
    Row("incubateur:appointment_create", WRITE, pk_of(ProjectFactory)),
    Row("incubateur:appointment_edit", WRITE, pk_of(AppointmentFactory)),
    Row("incubateur:appointment_delete", WRITE, pk_of(AppointmentFactory)),
    Row("incubateur:structure_create", WRITE, pk_of(ProjectFactory)),
    Row("incubateur:structure_edit", WRITE, pk_of(CreatedStructureFactory)),
    Row("incubateur:structure_delete", WRITE, pk_of(CreatedStructureFactory)),
    Row("incubateur:job_create", WRITE, pk_of(ProjectFactory)),
    Row("incubateur:job_edit", WRITE, pk_of(CreatedJobFactory)),
    Row("incubateur:job_delete", WRITE, pk_of(CreatedJobFactory)),
    Row("incubateur:committee_list", READ),
    Row("incubateur:committee_create", WRITE),
    Row("incubateur:committee_detail", READ, pk_of(CommitteeFactory)),
    Row("incubateur:committee_edit", WRITE, pk_of(CommitteeFactory)),
    Row("incubateur:committee_delete", WRITE, pk_of(CommitteeFactory)),
    Row("incubateur:presentation_edit", WRITE, pk_of(PresentationFactory)),
    Row("incubateur:presentation_delete", WRITE, pk_of(PresentationFactory)),
    Row("incubateur:collective_time_list", READ),
    Row("incubateur:collective_time_create", WRITE),
    Row("incubateur:collective_time_edit", WRITE, pk_of(CollectiveTimeFactory)),
    Row("incubateur:collective_time_delete", WRITE, pk_of(CollectiveTimeFactory)),
    Row("incubateur:training_list", READ),
    Row("incubateur:training_create", WRITE),
    Row("incubateur:training_detail", READ, lambda: {"pk": TrainingSessionFactory().training_id}),
    Row("incubateur:training_edit", WRITE, pk_of(TrainingFactory)),
    Row("incubateur:training_delete", WRITE, pk_of(TrainingFactory)),
    Row("incubateur:training_session_create", WRITE, pk_of(TrainingFactory)),
    Row("incubateur:training_session_edit", WRITE, pk_of(TrainingSessionFactory)),
    Row("incubateur:training_session_delete", WRITE, pk_of(TrainingSessionFactory)),
    Row("incubateur:member_list", READ),
    Row("incubateur:member_create", WRITE),
    Row("incubateur:member_edit", WRITE, pk_of(CollectiveMemberFactory)),
    Row("incubateur:member_delete", WRITE, pk_of(CollectiveMemberFactory)),
]
