"""Charts drawn on the server as SVG (so that they appear in the PDF too), each with its data as a
table behind a « Voir les données » disclosure. Colours are SVG presentation attributes, allowed by
the strict CSP (no style attribute), and each one means something: a category, or this year
against the previous one.

Every chart is 320 units wide, drawn at that width at most: on a 320 px screen it shrinks to about
290 px, so its 14-unit text stays above 12 px; the PDF sets it in a column, its text at about 8.5 pt.
Labels wrap on several lines in their column instead of being cut."""

import math
from itertools import count

from django import template

from .cbe import number, percent

register = template.Library()

# Teal is this year's figures everywhere; the categories of one chart take the next colours.
CURRENT = "#00606b"
PREVIOUS = "#707070"
CATEGORY_COLOURS = [CURRENT, "#b44d00", "#6b4c9a", "#4f7a28", "#8a6d00", "#a23b5a"]
UNLISTED = "#595959"  # a category the legend does not name

WIDTH = 320
FONT, LINE = 14, 17  # the text's size and line height, in SVG units
BAR, GAP, PAD = 18, 8, 8
LABEL_MIN, LABEL_MAX, BARS_MIN = 96, 180, 72
_ids = count(1)

# Advance widths of DejaVu Sans (the PDF's font, and the widest of the usual sans-serifs), in em.
_NARROW, _WIDE = set("iljtfrI.,;:!'’()/ -"), set("mwMWÉÈ%@—")


def _text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """An upper estimate of the width of `text` set in `size` units (no measuring on the server)."""
    ems = sum(0.34 if char in _NARROW else 0.92 if char in _WIDE else 0.64 for char in str(text))
    return ems * size * (1.08 if bold else 1)


def _wrap(text: str, width: float) -> list[str]:
    """`text` on as many lines as it needs to fit `width` (words cut with a hyphen only when one
    word alone is wider than the column)."""
    lines, line = [], ""
    for word in str(text).split():
        while _text_width(word) > width:
            cut = max(i for i in range(1, len(word)) if _text_width(word[:i] + "-") <= width or i == 1)
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut] + "-")
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if line and _text_width(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line or not lines else lines


def _display(value, kind):
    return percent(value) if kind == "share" else number(value)


def _legend(categories: str) -> list[dict]:
    """`"positive:Sorties positives,administrative:Sorties administratives"` → the legend's
    entries, in that order, each with its colour."""
    entries = [item.split(":", 1) for item in categories.split(",") if item.strip()]
    return [
        {"key": key.strip(), "label": label.strip(), "colour": CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)]}
        for index, (key, label) in enumerate(entries)
    ]


def _largest(rows: list[dict], limit: int, others: str, kind: str) -> list[dict]:
    """At most `limit` bars, whatever the data: the `limit - 1` largest, then one bar for the rest
    labelled « N `others` » (their sum; for shares, their share of the whole when the rows carry
    their `total` and `local_bio`, as the circuits' do, else none). Shares keep the rows' order
    (by decreasing weight); counts are ranked by value. The open data keeps every row."""
    if not limit or len(rows) <= limit:
        return rows
    ranked = rows if kind == "share" else sorted(rows, key=lambda row: -(row["value"] or 0))
    kept, rest = ranked[: limit - 1], ranked[limit - 1 :]
    if kind == "share":
        whole = sum(row.get("total") or 0 for row in rest)
        value = float(sum(row.get("local_bio") or 0 for row in rest) / whole) if whole else None
    else:
        value = sum(row["value"] or 0 for row in rest)
    return [*kept, {"label": f"{len(rest)} {others}", "value": value}]


@register.inclusion_tag("includes/chart_bars.html")
def bar_chart(title, rows, kind="count", description="", categories="", comparison=False, limit=0, others=""):
    """Horizontal bars with their values written at their end.

    `rows`: dicts with `label` and `value` (None is drawn as no bar; a masked row shows its
    `masque` text). `kind`: "count" or "share" (values are ratios 0–1).
    `categories`: "key:Label,key:Label" when rows carry a `category` key: the bars are grouped by
    category in that order, one colour per category, with a legend.
    `comparison`: the rows are the previous year then this year, in their two fixed colours.
    `limit`, `others`: at most `limit` bars, the rest summed in one (`_largest`), for rows that grow
    with the data (markets, restaurants, actions), so that a page's size does not."""
    rows = _largest(rows, limit, others, kind)
    legend = _legend(categories) if categories else []
    entries = {entry["key"]: entry for entry in legend}
    if legend:
        rank = {key: index for index, key in enumerate(entries)}
        rows = sorted(rows, key=lambda row: rank.get(row.get("category"), len(rank)))
    values = [row["value"] or 0 for row in rows]
    top = max([*values, 1 if kind == "share" else 0]) or 1
    displays = [row.get("masque") or _display(row["value"], kind) for row in rows]
    value_width = max((_text_width(display, bold=True) for display in displays), default=0) + PAD
    longest = max((_text_width(row["label"]) for row in rows), default=0)
    room = WIDTH - PAD - value_width - BARS_MIN  # the widest the label column may be
    label_width = min(max(longest, 1), max(min(LABEL_MAX, room), LABEL_MIN))
    bar_space = WIDTH - label_width - PAD - value_width
    bars, y = [], 0
    for index, (row, value, display) in enumerate(zip(rows, values, displays, strict=True)):
        lines = _wrap(row["label"], label_width)
        block = max(BAR, len(lines) * LINE)
        bar_y = y + (block - BAR) / 2
        first_line = y + (block - len(lines) * LINE) / 2 + LINE * 0.78
        width = round(bar_space * value / top, 1)
        category = entries.get(row.get("category"))
        if comparison:
            colour = CURRENT if index == len(rows) - 1 else PREVIOUS
        elif legend:
            colour = category["colour"] if category else UNLISTED
        else:
            colour = CURRENT
        bars.append(
            {
                "label": row["label"],
                "lines": [{"text": text, "y": round(first_line + i * LINE, 1)} for i, text in enumerate(lines)],
                "display": display,
                "category": category["label"] if category else "",
                "colour": colour,
                "y": round(bar_y, 1),
                "width": width,
                "value_x": round(label_width + PAD + width + 5, 1),
                "value_y": round(bar_y + BAR * 0.76, 1),
            }
        )
        y += block + GAP
    return {
        "chart_id": f"graphique-{next(_ids)}",
        "title": title,
        "description": description,
        "bars": bars,
        "legend": legend,
        "kind": kind,
        "comparison": comparison,
        "width": WIDTH,
        "height": round(max(y - GAP, BAR)),
        "label_x": round(label_width),
        "bar_x": round(label_width + PAD),
        "bar_height": BAR,
        "font_size": FONT,
        "line_height": LINE,
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
        "colour": CURRENT,
        "dash": f"{filled:.1f} {circumference - filled:.1f}",
        "offset": f"{circumference / 4:.1f}",
    }
