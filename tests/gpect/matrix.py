from tests.permission_matrix import Row, programme_read, public

MATRIX = [
    Row("gpect:public", public),
    Row("gpect:home", programme_read("gpect")),
]
