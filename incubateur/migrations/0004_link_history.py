"""Existing histories get what 0003 added: the stage each change came from and, for admissions and
reorientations on a committee's date, the decision that made them. (A migration of its own: PostgreSQL
refuses 0003's deferred indexes on rows updated in the same transaction.)"""

from django.db import migrations


def link_history(apps, schema_editor):
    """Existing histories: each change says the stage it came from, and the admissions and
    reorientations recorded on a committee's date point to the decision that made them."""
    StageChange = apps.get_model("incubateur", "StageChange")
    Presentation = apps.get_model("incubateur", "Presentation")
    previous, changes = {}, []
    for change in StageChange.objects.order_by("project_id", "date", "pk"):
        change.previous_stage = previous.get(change.project_id, "")
        previous[change.project_id] = change.stage
        changes.append(change)
    StageChange.objects.bulk_update(changes, ["previous_stage"])
    moves = {"admis": "incubation", "reoriente": "sorti"}
    for presentation in Presentation.objects.filter(decision__in=moves).select_related("committee"):
        move = StageChange.objects.filter(
            project_id=presentation.project_id, stage=moves[presentation.decision], date=presentation.committee.date
        ).first()
        if move:
            move.presentation = presentation
            move.save(update_fields=["presentation"])


class Migration(migrations.Migration):
    dependencies = [("incubateur", "0003_decisions_protect_plausible")]

    operations = [migrations.RunPython(link_history, migrations.RunPython.noop)]
