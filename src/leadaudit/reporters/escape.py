"""Escaping input-derived text for each format it lands in: Markdown, Mermaid, GitHub commands."""

from __future__ import annotations

import re
import shlex

from leadaudit.sanitize import clean, one_line

_ZWSP = "\u200b"

# Characters with inline meaning in CommonMark or GFM; a backslash makes each literal.
_MD_PUNCT = re.compile(r"([\\`*_\[\]!#~|$])")  # '$' opens math on GitHub
# '@name' would notify a GitHub user or team, '#12' link an issue; bare URLs become links.
_MENTION = re.compile(r"([@#])(?=[A-Za-z0-9])")
_AUTOLINK = re.compile(r"(?i)(://|\bwww\.)")
# 'GH-12' links an issue on GitHub as '#12' does.
_GH_REF = re.compile(r"(?i)\b(gh)(?=-\d)")


def md_text(value: object) -> str:
    """Text for a Markdown paragraph, list item, heading or table cell: one line, inert.

    No HTML, link, image, emphasis, code span, mention or table break survives; the text
    reads the same once rendered.
    """
    text = one_line(str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _AUTOLINK.sub(lambda m: m.group(1)[:-1] + _ZWSP + m.group(1)[-1], text)
    text = _MENTION.sub(lambda m: m.group(1) + _ZWSP, text)
    text = _GH_REF.sub(lambda m: m.group(1) + _ZWSP, text)
    return _MD_PUNCT.sub(r"\\\1", text)


def md_cell(value: object) -> str:
    """Text for a Markdown table cell (``md_text`` already escapes ``|``); empty becomes a dash."""
    text = md_text(value)
    return text if text.strip() else "-"


def md_fence(text: str, info: str = "") -> str:
    """A fenced code block holding ``text`` verbatim, with a fence no line of it can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = clean(text).rstrip("\n")
    return f"{fence}{info}\n{body}\n{fence}"


# Mermaid labels go inside double quotes; everything but letters, digits and a few
# harmless marks is written as a Mermaid entity code (#NNN;), which it decodes itself.
_MERMAID_SAFE = re.compile(r"[\w .,:()'/+?!-]", re.UNICODE)


def mermaid_label(value: object) -> str:
    """The inside of a quoted Mermaid label: one line, no quote, bracket, markup or backtick."""
    text = one_line(str(value))
    return "".join(ch if _MERMAID_SAFE.fullmatch(ch) else f"#{ord(ch)};" for ch in text)


def gh_data(value: object) -> str:
    """The message part of a GitHub workflow command."""
    text = str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return clean(text.replace("\t", " "))


def gh_property(value: object) -> str:
    """A property value (file, title) of a GitHub workflow command."""
    return gh_data(value).replace(":", "%3A").replace(",", "%2C")


def shell_words(words: list[str]) -> str:
    """A command line a POSIX shell reads back as ``words``."""
    return " ".join(shlex.quote(clean(w)) for w in words)
