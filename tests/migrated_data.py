"""What the migrations loaded (communes, exit types, sectors, themes, roles, content types…), kept
aside for the tests that commit.

A transactional test (the browser tests, whose live server reads committed data; a migration or a
backup test) commits what it writes. The data is copied into a schema of its own before the first
such test, and after each of them every table is emptied and the data put back, ids included
(tests/conftest.py, in place of Django's flush), so that any test may run after one."""

SCHEMA = "migrated_data"


def copy(connection) -> list[tuple[str, str]]:
    """Copy every table into SCHEMA; return (table, columns) for those that hold rows."""
    quote = connection.ops.quote_name
    copied = []
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False):
            cursor.execute(
                "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)"
                " FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND table_name = %s AND is_generated = 'NEVER'",
                [table],
            )
            columns = cursor.fetchone()[0]
            cursor.execute(f"CREATE TABLE {SCHEMA}.{quote(table)} AS SELECT {columns} FROM {quote(table)}")
            if cursor.rowcount:
                copied.append((table, columns))
    return copied


def put_back(connection, copied: list[tuple[str, str]]) -> None:
    """Empty every table that holds rows and copy the data back, ids included.

    DELETE rather than TRUNCATE, which makes new files for each of the ~120 tables and their indexes
    however empty they are (half a second a test). As a superuser (the tests' own cluster), with the
    audit triggers and the foreign-key checks off for the transaction; otherwise every table is
    truncated, which any owner may do."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import transaction

    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute(
                " UNION ALL ".join(f"(SELECT {n} FROM {quote(table)} LIMIT 1)" for n, table in enumerate(tables))
            )
            filled = [tables[n] for (n,) in cursor.fetchall()]
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table in filled:
                cursor.execute(f"DELETE FROM {quote(table)}")
        else:
            cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in tables)}")
        for table, columns in copied:
            cursor.execute(f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} FROM {SCHEMA}.{quote(table)}")
    ContentType.objects.clear_cache()  # it may hold content types the test made
    cache.clear()  # the cache table is no model's: not among the tables above
    # A browser test's connection belongs to Playwright's event loop (tests/e2e/conftest.py):
    # close it rather than leave it open when the loop stops.
    connection.close()


def drop(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
