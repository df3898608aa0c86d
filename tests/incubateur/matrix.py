from tests.permission_matrix import Row, programme_read, public

MATRIX = [
    Row("incubateur:public", public),
    Row("incubateur:home", programme_read("incubateur")),
]
