from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cbe_portal import imports
from cbe_portal.models import User

PROGRESS_FROM = 200


class Command(BaseCommand):
    help = "Importe un fichier CSV ou XLSX dans un des formats documentés (docs/import.md) : tout ou rien."

    def add_arguments(self, parser):
        parser.add_argument("format", help="Nom du format : " + ", ".join(imports.formats()))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Vérifier et compter sans rien écrire.")
        parser.add_argument("--user", default="coordination", help="Compte au nom duquel importer.")

    def handle(self, *args, format, file, dry_run=False, user="coordination", **options):
        fmt = imports.formats().get(format)
        if fmt is None:
            raise CommandError(f"Format inconnu « {format} » : {', '.join(imports.formats())}.")
        try:
            account = User.objects.get(username=user)
            result = imports.run(fmt, file.read_bytes(), file.name, account, dry_run, progress=self.progress)
        except (OSError, User.DoesNotExist, imports.FileError) as error:
            raise CommandError(str(error)) from None
        if result.lines >= PROGRESS_FROM:
            self.stderr.write("")  # the progress bar's line ends
        for problem in result.problems:
            self.stderr.write(
                f"ligne {problem.line}, colonne « {problem.column} », valeur « {problem.value} » : {problem.message}"
            )
        counts = result.counts
        summary = f"{counts['created']} créé(s), {counts['updated']} mis à jour, {counts['unchanged']} inchangé(s)"
        if result.problems:
            raise CommandError(f"{len(result.problems)} erreur(s) : rien n'est importé ({summary} sinon).")
        self.stdout.write(("Vérification seule, rien n'est écrit : " if dry_run else "Importé : ") + summary + ".")

    def progress(self, done: int, total: int) -> None:
        """A bar on the error output, redrawn about fifty times, for a file of `PROGRESS_FROM` lines or more."""
        if total >= PROGRESS_FROM and (done % max(total // 50, 1) == 0 or done == total):
            filled = 30 * done // total
            self.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} lignes", str, ending="")
            self.stderr.flush()
