"""Make input-derived text safe for display: no control or bidi characters survive."""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def clean(text: str) -> str:
    """Replace characters that could move a terminal's cursor or reorder text with U+FFFD."""
    return _UNSAFE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """``clean`` and fold line breaks and tabs into spaces."""
    return clean(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " "))
