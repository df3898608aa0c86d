import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cbe_portal import backups


class Command(BaseCommand):
    help = "Remplace tout le contenu de la base par celui d'une sauvegarde (tout ou rien)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="Ne pas demander de confirmation.")

    def handle(self, *args, file, yes=False, **options):
        if not file.exists():
            raise CommandError(f"Fichier introuvable : {file}")
        if not yes and input("Tout le contenu actuel de la base sera remplacé. Continuer ? [oui/non] ") != "oui":
            raise CommandError("Restauration annulée.")
        try:
            backups.restore(file)
        except subprocess.CalledProcessError as error:
            raise CommandError(f"La restauration a échoué, la base n'a pas changé : {error.stderr.strip()}") from None
        self.stdout.write(f"Base restaurée depuis {file}.")
