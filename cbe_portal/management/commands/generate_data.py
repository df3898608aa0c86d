import time

from django.core.management import BaseCommand, CommandError, call_command
from django.core.management.base import CommandParser

from cbe_portal import generate
from cbe_portal.models import Person
from cbe_portal.years import FIRST_YEAR


class Command(BaseCommand):
    help = (
        f"Remplit une base vide avec N fois les volumes de 2020 de chaque programme, chaque année de {FIRST_YEAR} "
        "à aujourd'hui (données inventées, pour mesurer les performances)."
    )

    def add_arguments(self, parser: CommandParser):
        parser.add_argument("--scale", type=int, default=1, help="N : 1, 10, 100… fois les volumes de 2020.")
        parser.add_argument("--seed", type=int, default=1, help="La même graine donne les mêmes données.")

    def handle(self, *args, scale=1, seed=1, **options):
        if scale < 1:
            raise CommandError("--scale doit valoir 1 ou plus.")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if Person.objects.exists():
            raise CommandError("La base contient déjà des personnes : partez d'une base vide .")
        start = time.perf_counter()
        generate.run(scale, seed)
        self.stdout.write(
            self.style.SUCCESS(f"Données ×{scale} (graine {seed}) créées en {time.perf_counter() - start:.0f} s.")
        )
