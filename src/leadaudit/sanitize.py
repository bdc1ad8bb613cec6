"""Make input-derived text safe for display: no control or bidi characters survive, no
line can start a CI workflow command, and a message stays on one bounded line."""

from __future__ import annotations

import re
from functools import cache

from leadaudit.messages import plural

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def clean(text: str) -> str:
    """Replace characters that could move a terminal's cursor or reorder text with U+FFFD."""
    return _UNSAFE.sub("\ufffd", text)


@cache
def _json_raw() -> re.Pattern[str]:
    """What json.dumps(ensure_ascii=False) writes raw though it escapes C0 controls;
    compiled when JSON is first written (a class this wide takes half a millisecond)."""
    return re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(text: str) -> str:
    """Serialised JSON with DEL, C1, separator, bidi and surrogate characters escaped.

    They can only occur inside JSON strings, so ``\\uXXXX`` escapes read back as the
    same data, and the file no longer reorders or hides text in a terminal or a diff.
    """
    return _json_raw().sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def one_line(text: str) -> str:
    """``clean`` and fold line breaks and tabs into spaces."""
    return clean(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " "))


def no_command(line: str) -> str:
    """``line`` unable to act as a CI workflow command: a ``::`` that would open it (after
    any indentation) is broken up, so data can never start one."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        at = len(line) - len(stripped)
        return line[:at] + ": :" + stripped[2:]
    return line


def safe_lines(text: str) -> str:
    """Text for a terminal or a CI log, no line able to start a workflow command. The data
    in it is already cleaned where it was put in; the escape codes of colour are ours."""
    return "\n".join(no_command(line) for line in text.split("\n"))


MAX_MESSAGE = 1000
"""The longest message leadaudit prints on one line; longer ones are cut, saying so."""


def message_line(text: str) -> str:
    """One message as one safe line: folded, cleaned, cut at ``MAX_MESSAGE`` characters."""
    line = one_line(text)
    if len(line) > MAX_MESSAGE:
        line = line[:MAX_MESSAGE] + f"... ({plural(len(line) - MAX_MESSAGE, 'more character')})"
    return no_command(line)
