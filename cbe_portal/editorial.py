"""Light formatting of editorial texts: paragraphs (separated by a blank line), lists and bold. The text is
escaped first, so that markup typed into it (a <script> tag…) is shown, never run."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LIST_ITEM = re.compile(r"^\s*[-*•]\s+")
BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(line: str) -> str:
    return BOLD.sub(r"<strong>\1</strong>", escape(line.strip()))


def render(text: str) -> SafeString:
    blocks = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if LIST_ITEM.match(lines[0]):
            # A list; a line that does not start with a dash continues the item above (wrapped by the editor).
            items = []
            for line in lines:
                if LIST_ITEM.match(line):
                    items.append([LIST_ITEM.sub("", line)])
                else:
                    items[-1].append(line)
            shown = "".join(f"<li>{' '.join(_inline(part) for part in item)}</li>" for item in items)
            blocks.append(f"<ul>{shown}</ul>")
        else:
            # Within a paragraph a line break is only where the writer's editor wrapped the text.
            blocks.append(f"<p>{' '.join(_inline(line) for line in lines)}</p>")
    return mark_safe("\n".join(blocks))
