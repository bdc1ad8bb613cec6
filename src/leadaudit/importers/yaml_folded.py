"""Simple folded block scalars (``key: >-`` and lines below), rewritten for the fast
reader (yaml_fast.py) as one-line quoted values."""

from __future__ import annotations

import re
from functools import cache

KEY = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*"
"""A mapping key the fast reader takes."""


# A folded block scalar in its simplest form: "key: >-" (a mapping key, no comment), then
# lines all at one deeper indent, none blank or ending in a space, none after it at that
# indent or deeper. YAML reads it as its lines joined by single spaces.
@cache
def _folded() -> re.Pattern[str]:
    """The folded block scalar pattern, compiled for the first text that has one."""
    return re.compile(
        r"^( *)(" + KEY + r"): >-\n"
        r"(\1 +)[^ \n](?:[^\n]*[^ \n])?(?:\n\3[^ \n](?:[^\n]*[^ \n])?)*$"
        r"(?!(?:\n *)*\n\3)",
        re.MULTILINE,
    )


def _as_quoted(block: re.Match[str]) -> str:
    """A folded block scalar (see _folded) rewritten as a quoted one-line value, with an
    empty line for each line of text, so every later line keeps its number."""
    indent, key, inner = block[1], block[2], block[3]
    lines = block[0].split("\n")[1:]
    value = " ".join(line[len(inner) :] for line in lines)
    if '"' in value or "\\" in value:
        return block[0]  # the quoted form would need escapes: leave it to the event loader
    return f'{indent}{key}: "{value}"' + "\n" * len(lines)


def unfold(text: str) -> str:
    """``text`` with each simple folded block scalar made a quoted one-line value."""
    return _folded().sub(_as_quoted, text)
