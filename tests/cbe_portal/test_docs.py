import pytest

from cbe_portal.docs import DOCS, GENERATED


@pytest.mark.parametrize("name", GENERATED)
def test_generated_docs_are_current(name):
    written = (DOCS / name).read_text(encoding="utf-8") if (DOCS / name).exists() else ""
    assert written == GENERATED[name](), f"docs/{name} is out of date: run `uv run manage.py write_docs`"
