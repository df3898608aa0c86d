# A member marked as left gets a leaving date; observers keep being observers (see 0002).

import datetime

from django.db import migrations
from django.db.models import Max
from django.utils import timezone


def leaving_as_a_date(apps, schema_editor):
    """Observers stay observers. A member marked as left without a date gets the 31 December of the
    last year it declared (it was a member that year; `left_on` is the first day out, as in the demo),
    or, without a declaration or when that day is still to come, the day of its last change; never
    before it joined. A member with a date and another status has left already for the figures and
    the directory, which read only `left_on`: it stays so."""
    Membership = apps.get_model("ptce", "Membership")
    Membership.objects.filter(status="observateur").update(is_observer=True)
    today = timezone.localdate()
    undated = Membership.objects.filter(status="sorti", left_on__isnull=True).annotate(last_year=Max("declarations__year"))
    for membership in undated:
        left_on = datetime.date(membership.last_year, 12, 31) if membership.last_year else None
        if left_on is None or left_on > today:
            left_on = timezone.localtime(membership.updated_at).date()
        Membership.objects.filter(pk=membership.pk).update(left_on=max(left_on, membership.joined_on))


def leaving_as_a_status(apps, schema_editor):
    Membership = apps.get_model("ptce", "Membership")
    Membership.objects.filter(is_observer=True).update(status="observateur")
    Membership.objects.filter(left_on__isnull=False).update(status="sorti")


class Migration(migrations.Migration):

    dependencies = [
        ('ptce', '0002_membership_is_observer'),
    ]

    operations = [
        migrations.RunPython(leaving_as_a_date, leaving_as_a_status),
    ]
