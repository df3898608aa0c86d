import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cbe_portal import imports
from cbe_portal.models import User


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
        sys.stderr.write("\n")
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
        if total >= 200 and (done % max(total // 50, 1) == 0 or done == total):
            filled = 30 * done // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} lignes")
            sys.stderr.flush()
