from tests.permission_matrix import Row, programme_read, public

MATRIX = [
    Row("plie:public", public),
    Row("plie:home", programme_read("plie")),
]
