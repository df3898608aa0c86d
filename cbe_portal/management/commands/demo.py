from django.conf import settings
from django.core.management import BaseCommand, call_command

from cbe_portal import demo


class Command(BaseCommand):
    help = "Prépare la base, charge les données de démonstration et sert le portail."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Charger seulement, sans servir.")
        parser.add_argument("--addrport", default="127.0.0.1:8000", help="Adresse et port du serveur.")
        parser.add_argument(
            "--debug", action="store_true", help="Pages d'erreur techniques de Django (pour développer)."
        )

    def handle(self, *args, no_serve=False, addrport="127.0.0.1:8000", debug=False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        accounts = demo.load()
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        self.stdout.write("Comptes de démonstration (rôle : identifiant / mot de passe) :")
        for label, username, password in accounts:
            self.stdout.write(f"  {label:<34} {username:<20} {password}")
        if not no_serve:
            self.stdout.write(f"Portail sur http://{addrport}/ — Ctrl-C pour arrêter.")
            # A page not found or an error shows the portal's own page in French, as users see it,
            # rather than Django's technical page in English (kept with --debug). Static files are
            # still served from the apps' folders (WhiteNoise's finders, set at start-up).
            settings.DEBUG = debug
            call_command("runserver", addrport, use_reloader=False)
