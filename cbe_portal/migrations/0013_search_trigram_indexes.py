import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models

import cbe_portal.models

# `unaccent` is STABLE (its dictionary is looked up at run time), so no index may use it: this
# wrapper names the dictionary and is IMMUTABLE. The search compares `UPPER(cbe_unaccent(field))`.
CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION cbe_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""


def index(field, name):
    expression = django.db.models.functions.text.Upper(cbe_portal.models.Folded(field))
    return django.contrib.postgres.indexes.GinIndex(
        django.contrib.postgres.indexes.OpClass(expression, name="gin_trgm_ops"), name=name
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cbe_portal", "0012_pending_import_progress"),
    ]

    operations = [
        migrations.RunSQL(CREATE_FUNCTION, "DROP FUNCTION IF EXISTS cbe_unaccent(text)"),
        migrations.AddIndex(model_name="person", index=index("last_name", "person_last_name_search_idx")),
        migrations.AddIndex(model_name="person", index=index("first_name", "person_first_name_search_idx")),
        migrations.AddIndex(model_name="person", index=index("email", "person_email_search_idx")),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(fields=["name", "id"], name="organisation_order_idx"),
        ),
    ]
