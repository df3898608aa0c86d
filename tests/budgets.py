"""Queries a page spends beyond its own, named once for every app's query tests."""

# Every page of a logged-in user: the session, the user, the user's roles (the session's expiry is pushed back at
# most once a minute: not within a test).
LOGGED_IN = 3

# A staff list asked with a new search, filters, sort or page: the session keeps them for the way
# back from its records (`views.pages.remember_list`): savepoint, update, release.
LIST_REMEMBERED = 3


def request_each(client, pages, records, assert_num_queries, before=LOGGED_IN) -> None:
    """Request each page of `pages`, (name, url(records), its own queries), in turn: it answers 200 in
    `before` + its own queries, or the test fails naming it."""
    for name, url, queries in pages:
        with assert_num_queries(before + queries, info=name):
            assert client.get(url(records)).status_code == 200, name
