from tests.permission_matrix import Row, programme_read, public

MATRIX = [
    Row("ptce:public", public),
    Row("ptce:home", programme_read("ptce")),
]
