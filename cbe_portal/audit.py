"""The audit trail: every create, change and delete of the records that hold personal or programme
data is copied by PostgreSQL triggers (django-pghistory) into an event table per model, with the
request's user and URL as context (`pghistory.middleware.HistoryMiddleware`). Being triggers, no code
path escapes them: forms, imports, commands, the admin, bulk and raw updates. Each models module ends
with `track(...)` for its models; coordination reads a person's history on their data page."""

import pghistory
from pghistory.models import Event, Events


def track(*models) -> None:
    for model in models:  # a tracker belongs to one model: new ones each time
        pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())(model)


LABELS = {"insert": "Création", "update": "Modification", "delete": "Suppression"}
HIDDEN = {"created_at", "updated_at"}


def is_history(model) -> bool:
    """An audit trail's event model (its rows copy another model's, they are not records of their own)."""
    return issubclass(model, Event)


def who(user) -> str:
    return (user.get_full_name() or user.username) if user else "— (commande ou import)"


def readable_history(record, limit: int = 200) -> list[dict]:
    """The events of `record` and of every tracked record that references it, newest first: when, who
    (from the request's context), what (the model), and each changed field from → to."""
    from django.apps import apps

    from .models import User

    events = list(Events.objects.references(record).order_by("-pgh_created_at")[:limit])
    user_ids = {(event.pgh_context or {}).get("user") for event in events}
    users = {user.pk: user for user in User.objects.filter(pk__in=user_ids - {None})}
    rows = []
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        metadata = event.pgh_context or {}
        changes = event.pgh_diff or {}
        rows.append({
            "at": event.pgh_created_at,
            "who": who(users.get(metadata.get("user"))),
            "action": LABELS.get(event.pgh_label, event.pgh_label),
            "what": f"{model._meta.verbose_name} n° {event.pgh_obj_id}",
            "changes": [(name, old, new) for name, (old, new) in changes.items() if name not in HIDDEN],
        })  # fmt: skip
    return rows
