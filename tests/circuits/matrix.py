from tests.circuits.factories import (
    AwarenessActionFactory,
    CropPlanFactory,
    ParticipationFactory,
    PurchaseFactory,
    RestaurantFactory,
    SupplierFactory,
    WorkshopFactory,
)
from tests.permission_matrix import Row, programme_read, programme_write, public

READ, WRITE = programme_read("circuits"), programme_write("circuits")


def pk(factory):
    return lambda: {"pk": factory().pk}


MATRIX = [
    Row("circuits:public", public),
    Row("circuits:home", READ),
    Row("circuits:supplier_map", READ),
    Row("circuits:restaurant_list", READ),
    Row("circuits:restaurant_detail", READ, pk(RestaurantFactory)),
    Row("circuits:participation_create", WRITE),
    Row("circuits:participation_edit", WRITE, pk(ParticipationFactory)),
    Row("circuits:participation_delete", WRITE, pk(ParticipationFactory)),
    Row("circuits:supplier_list", READ),
    Row("circuits:supplier_create", WRITE),
    Row("circuits:supplier_detail", READ, pk(SupplierFactory)),
    Row("circuits:supplier_edit", WRITE, pk(SupplierFactory)),
    Row("circuits:supplier_delete", WRITE, pk(SupplierFactory)),
    Row("circuits:purchase_list", READ),
    Row("circuits:purchase_create", WRITE),
    Row("circuits:purchase_grid", WRITE),
    Row("circuits:purchase_edit", WRITE, pk(PurchaseFactory)),
    Row("circuits:purchase_delete", WRITE, pk(PurchaseFactory)),
    Row("circuits:cropplan_list", READ),
    Row("circuits:cropplan_create", WRITE),
    Row("circuits:cropplan_edit", WRITE, pk(CropPlanFactory)),
    Row("circuits:cropplan_delete", WRITE, pk(CropPlanFactory)),
    Row("circuits:workshop_list", READ),
    Row("circuits:workshop_create", WRITE),
    Row("circuits:workshop_edit", WRITE, pk(WorkshopFactory)),
    Row("circuits:workshop_delete", WRITE, pk(WorkshopFactory)),
    Row("circuits:awareness_list", READ),
    Row("circuits:awareness_create", WRITE),
    Row("circuits:awareness_edit", WRITE, pk(AwarenessActionFactory)),
    Row("circuits:awareness_delete", WRITE, pk(AwarenessActionFactory)),
]
