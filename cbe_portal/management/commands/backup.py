import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cbe_portal import backups


class Command(BaseCommand):
    help = "Sauvegarde toute la base (fiches, fichiers, rapports publiés) dans un fichier pg_dump."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="Fichier de sauvegarde (par défaut daté).")

    def handle(self, *args, file=None, **options):
        path = file or Path(f"sauvegarde-cbe-{timezone.now():%Y%m%d-%H%M%S}.dump")
        try:
            backups.backup(path)
        except subprocess.CalledProcessError as error:
            raise CommandError(f"La sauvegarde a échoué : {error.stderr.strip()}") from None
        self.stdout.write(f"Sauvegarde écrite dans {path} ({path.stat().st_size} octets).")
