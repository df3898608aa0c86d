"""Queries a page spends beyond its own, named once for every app's query tests."""

# A staff list asked with a new search, filters, sort or page: the session keeps them for the way
# back from its records (`views.pages.remember_list`): savepoint, update, release.
LIST_REMEMBERED = 3
