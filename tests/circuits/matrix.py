from tests.permission_matrix import Row, programme_read, public

MATRIX = [
    Row("circuits:public", public),
    Row("circuits:home", programme_read("circuits")),
]
