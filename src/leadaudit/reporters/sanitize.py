"""Make input-derived text safe for display: no control or bidi characters survive."""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def clean(text: str) -> str:
    """Replace characters that could move a terminal's cursor or reorder text with U+FFFD."""
    return _UNSAFE.sub("\ufffd", text)


# json.dumps(ensure_ascii=False) escapes C0 controls but writes these raw.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(text: str) -> str:
    """Serialised JSON with DEL, C1, separator, bidi and surrogate characters escaped.

    They can only occur inside JSON strings, so ``\\uXXXX`` escapes read back as the
    same data, and the file no longer reorders or hides text in a terminal or a diff.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def one_line(text: str) -> str:
    """``clean`` and fold line breaks and tabs into spaces."""
    return clean(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " "))
