"""The heat map: authorities by bullet as one SVG file, written by hand, no plotting library.

One tall image rather than pages: each authority type is a band with its own column
heads and the share of its authorities meeting each bullet, and every row is 18 pixels
high with 12-pixel text, so 400 authorities read as easily as 4 (about 8,000 pixels
tall, scrolled like any long page). Each cell has a colour and a mark, so the map reads
without colour too. All text is escaped for XML and every number is an integer, so the
same league gives the same bytes.
"""

from __future__ import annotations

from leadaudit.findings import AreaStatus
from leadaudit.league.table import Entry, Group, League
from leadaudit.league.words import STATUS_WORDS, group_heading, score_text, subject
from leadaudit.sanitize import one_line

ROW = 18
CELL = 34
NAME_X = 12
NAME_CHARS = 44
"""Names longer than this are shortened with an ellipsis; the full name is the row's
tooltip (its SVG title)."""
GRID_X = 320
HEAD = 24
WIDTH_PAD = 12

_GLYPH = {
    AreaStatus.met: "✓",
    AreaStatus.partly_met: "~",
    AreaStatus.not_met: "✗",
    AreaStatus.not_assessable: "?",
}
_CLASS = {
    AreaStatus.met: "k1",
    AreaStatus.partly_met: "k2",
    AreaStatus.not_met: "k3",
    AreaStatus.not_assessable: "k4",
}
_STYLE = (
    "text{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;font-size:12px;fill:#111}"
    ".t{font-size:18px;font-weight:bold}.g{font-size:14px;font-weight:bold}"
    ".h{font-weight:bold;text-anchor:middle}.m{text-anchor:middle}.r{text-anchor:end}"
    ".s{font-size:11px;fill:#444;text-anchor:middle}.b{font-weight:bold}"
    ".z{fill:#f2f2f2}.x{fill:none;stroke:#000;stroke-width:2}"
    ".k1{fill:#1a9850}.k2{fill:#fdd835}.k3{fill:#d73027}.k4{fill:#bdbdbd}"
    "text.k1,text.k3{fill:#fff;stroke:none}text.k2,text.k4{fill:#000;stroke:none}"
)


def xml(text: str) -> str:
    """Text safe inside an SVG element or a quoted attribute: one line, no control or
    non-XML character, markup characters escaped."""
    cleaned = one_line(text)
    return (
        cleaned.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


class _Canvas:
    """SVG elements in drawing order, and the height used so far."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.y = 0

    def text(self, x: int, y: int, body: str, cls: str = "") -> None:
        attr = f' class="{cls}"' if cls else ""
        self.parts.append(f'<text x="{x}" y="{y}"{attr}>{xml(body)}</text>')

    def rect(self, x: int, y: int, w: int, h: int, fill: str = "", cls: str = "") -> None:
        paint = f' fill="{fill}"' if fill else ""
        attr = f' class="{cls}"' if cls else ""
        self.parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}"{paint}{attr}/>')


def _score_x(league: League) -> int:
    return GRID_X + CELL * len(league.bullets) + 44


def _legend(canvas: _Canvas, league: League) -> None:
    x = NAME_X
    y = canvas.y
    for status, words in STATUS_WORDS.items():
        canvas.rect(x, y, 14, 14, cls=_CLASS[status])
        canvas.text(x + 7, y + 11, _GLYPH[status], f"m {_CLASS[status]}")
        canvas.text(x + 20, y + 11, words)
        x += 28 + 8 * len(words)
    canvas.text(x, y + 11, "- not in the framework")
    canvas.y += 22
    half = (len(league.bullets) + 1) // 2
    for n, bullet in enumerate(league.bullets):
        x = NAME_X + (0 if n < half else (_score_x(league) + WIDTH_PAD) // 2)
        y = canvas.y + 12 + ROW * (n % half)
        canvas.text(x, y, f"{bullet.short}  {_short(bullet.title)}")
    canvas.y += ROW * half + 6


def _heads(canvas: _Canvas, league: League) -> None:
    y = canvas.y + 13
    for n, bullet in enumerate(league.bullets):
        canvas.text(GRID_X + CELL * n + CELL // 2, y, bullet.short, "h")
    canvas.text(_score_x(league), y, "Score", "h r")
    canvas.y += ROW


def _row(canvas: _Canvas, league: League, entry: Entry, stripe: bool) -> None:
    y = canvas.y
    width = _score_x(league) + WIDTH_PAD
    canvas.parts.append(f"<g><title>{xml(entry.label)}</title>")
    if stripe:
        canvas.rect(NAME_X - 4, y, width - NAME_X, ROW, cls="z")
    canvas.text(NAME_X, y + 13, _short(one_line(entry.label)), "b" if entry.highlighted else "")
    for n, bullet in enumerate(league.bullets):
        status = entry.row.status(bullet.area)
        x = GRID_X + CELL * n
        if status is None:
            canvas.text(x + CELL // 2, y + 13, "-", "m")
            continue
        cls = _CLASS[status]
        canvas.rect(x + 1, y + 1, CELL - 2, ROW - 2, cls=cls)
        canvas.text(x + CELL // 2, y + 13, _GLYPH[status], f"m {cls}")
    canvas.text(_score_x(league), y + 13, score_text(entry), "r")
    if entry.highlighted:
        canvas.rect(NAME_X - 6, y, width - NAME_X + 2, ROW, cls="x")
    canvas.parts.append("</g>")
    canvas.y += ROW


def _group(canvas: _Canvas, league: League, group: Group) -> None:
    canvas.y += 10
    heading = group_heading(group.authority_type, len(group.entries))
    canvas.text(NAME_X, canvas.y + 16, heading, "g")
    canvas.y += HEAD
    _heads(canvas, league)
    for n, entry in enumerate(group.entries):
        _row(canvas, league, entry, n % 2 == 1)
    y = canvas.y + 13
    canvas.text(NAME_X, y, "% meeting each bullet")
    for n, share in enumerate(group.shares):
        canvas.text(GRID_X + CELL * n + CELL // 2, y, f"{share.percent}%", "s")
    canvas.y += ROW + 4


def render_svg(league: League) -> str:
    """The heat map of ``league`` as an SVG document."""
    canvas = _Canvas()
    title = f"{subject(league)}, by bullet"
    canvas.y = 12
    canvas.text(NAME_X, canvas.y + 16, title, "t")
    canvas.y += 28
    framework = f"{league.framework} {league.framework_version}"
    canvas.text(NAME_X, canvas.y + 4, f"Framework {framework}; grouped by authority type")
    canvas.y += 18
    _legend(canvas, league)
    for group in league.groups:
        _group(canvas, league, group)
    width = _score_x(league) + WIDTH_PAD
    height = canvas.y + 12
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="title">\n'
        f'<title id="title">{xml(title)}</title>\n<style>{_STYLE}</style>\n'
        f'<rect width="{width}" height="{height}" fill="#fff"/>\n'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + head + "\n".join(canvas.parts) + "\n</svg>\n"
    )
