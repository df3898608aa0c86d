"""How the programme apps hand their pieces to the core pages, which never import an app.

Each programme app's AppConfig declares:
- `programme`: its `permissions.Programme`;
- `person_relations`: the reverse relations from `Person` to its records (see
  `permissions.person_filter`);
- `indicators`: its figures for a year come from `<app>.indicators.for_year(year)` (read by
  `figures.for_year`);
- a dashboard card, `templates/<app>/dashboard_card.html` (context: `figures`, `year`);
- optionally `pieces(place, request, **context)`: the extra HTML fragments it adds to a core page,
  at one of the places below, as `(template, context)` pairs. Test `place` first: for the report's
  places `request` may be None (a report published from a command or a test).
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from .permissions import programme_configs

# The places of the core pages where apps may add a fragment, with what they are given.
HOME = "home"  # the public home page (year: the year shown)
REPORT_PARTNERS = "report_partners"  # the report's « Acteurs et partenaires » (year)
REPORT_APPENDICES = "report_appendices"  # the report's last sections (year)
DASHBOARD = "dashboard"  # the staff home, for the logged-in user
TODO = "todo"  # the staff home's « À faire » for the logged-in user (only apps the user may read)


def pieces(place: str, request, **context) -> list[SafeString]:
    """The fragments the programme apps add at `place`, rendered, in the order of `Programme`."""
    return [
        render_to_string(template, {**context, **piece_context}, request)
        for config in programme_configs()
        if hasattr(config, "pieces")
        for template, piece_context in config.pieces(place, request, **context)
    ]
