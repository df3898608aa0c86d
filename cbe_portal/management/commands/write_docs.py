from django.core.management.base import BaseCommand

from cbe_portal.docs import DOCS, GENERATED


class Command(BaseCommand):
    help = "Écrit les pages de docs/ tirées du code : le modèle de données et les clés des données ouvertes."

    def handle(self, *args, **options):
        for name, write in GENERATED.items():
            (DOCS / name).write_text(write(), encoding="utf-8")
            self.stdout.write(f"docs/{name}")
