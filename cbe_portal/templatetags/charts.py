"""Charts drawn on the server as SVG (so that they appear in the PDF too), each with its data as a
table. Colours are SVG presentation attributes, allowed by the strict CSP (no style attribute)."""

import math
from itertools import count

from django import template

from .cbe import number, percent

register = template.Library()

COLOURS = ["#00606b", "#b44d00", "#4f7a28", "#6b4c9a", "#8a6d00", "#a23b5a"]
BAR_HEIGHT, GAP, CHAR_WIDTH = 26, 10, 7.5
_ids = count(1)


def _display(value, kind):
    return percent(value) if kind == "share" else number(value)


@register.inclusion_tag("includes/chart_bars.html")
def bar_chart(title, rows, kind="count", description=""):
    """Horizontal bars. `rows`: dicts with `label` and `value` (None is drawn as no bar).
    `kind`: "count" or "share" (values are ratios 0–1)."""
    values = [row["value"] or 0 for row in rows]
    top = max([*values, 1 if kind == "share" else 0]) or 1
    # Short labels (years) make a compact chart; long ones (sectors, markets) a wide one.
    longest = max((len(str(row["label"])) for row in rows), default=4)
    label_width = round(min(27, longest) * CHAR_WIDTH) + 12
    chart_width = 360 if longest <= 8 else 660
    bar_space = chart_width - label_width - 80
    bars = [
        {
            "label": row["label"],
            "display": row.get("masque") or _display(row["value"], kind),
            "y": index * (BAR_HEIGHT + GAP),
            "text_y": index * (BAR_HEIGHT + GAP) + BAR_HEIGHT * 0.68,
            "width": round(bar_space * (value / top), 1),
            "value_x": label_width + round(bar_space * (value / top), 1) + 6,
            "colour": COLOURS[index % len(COLOURS)],
        }
        for index, (row, value) in enumerate(zip(rows, values, strict=True))
    ]
    return {
        "chart_id": f"graphique-{next(_ids)}",
        "title": title,
        "description": description,
        "bars": bars,
        "width": chart_width,
        "wide": longest > 8,
        "height": max(len(bars) * (BAR_HEIGHT + GAP) - GAP, BAR_HEIGHT),
        "label_width": label_width,
        "label_x": label_width - 8,
        "bar_height": BAR_HEIGHT,
    }


@register.inclusion_tag("includes/chart_ring.html")
def share_chart(title, ratio, description=""):
    """A ring showing one share (a ratio 0–1, or None when it cannot be computed)."""
    radius = 54
    circumference = 2 * math.pi * radius
    filled = circumference * min(max(ratio or 0, 0), 1)
    return {
        "chart_id": f"graphique-{next(_ids)}",
        "title": title,
        "description": description,
        "ratio": ratio,
        "display": percent(ratio),
        "radius": radius,
        "dash": f"{filled:.1f} {circumference - filled:.1f}",
        "offset": f"{circumference / 4:.1f}",
    }
