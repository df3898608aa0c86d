from django.conf import settings
from django.core.management.base import BaseCommand

from cbe_portal import gdpr


class Command(BaseCommand):
    help = (
        "Anonymise les personnes sans contact ni activité depuis RETENTION_YEARS ans et supprime les "
        "journaux d'accès de plus de ACCESS_LOG_RETENTION_DAYS jours. À lancer chaque jour en production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter seulement, sans rien modifier.")

    def handle(self, *args, dry_run=False, **options):
        people, logs = gdpr.retention(dry_run=dry_run)
        verb = "seraient" if dry_run else "sont"
        self.stdout.write(
            f"{people} personne(s) sans activité depuis {settings.RETENTION_YEARS} ans {verb} anonymisée(s) ; "
            f"{logs} entrée(s) du journal d'accès de plus de {settings.ACCESS_LOG_RETENTION_DAYS} jours "
            f"{verb} supprimée(s)."
        )
