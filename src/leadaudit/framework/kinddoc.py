"""A rule kind's docstring as plain text for ``explain``: reStructuredText markup turned
into words, paragraphs reflowed to a width, and the YAML examples kept verbatim."""

from __future__ import annotations

import inspect
import re

from leadaudit.records import record
from leadaudit.terminal import wrap

_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.DOTALL)


def plain(text: str) -> str:
    """Inline markup as plain text: ``name`` becomes 'name', *words* become words."""
    return _EMPHASIS.sub(r"\1", _LITERAL.sub(r"'\1'", text))


def _unmark_literal_block(paragraph: str) -> str:
    """A paragraph that introduces an example: 'Passes::' reads 'Passes:'; a closing
    ' ::' (or a paragraph of just '::') is dropped, as reStructuredText does."""
    if not paragraph.endswith("::"):
        return paragraph
    head = paragraph[:-2]
    return head.rstrip() if not head or head[-1].isspace() else head + ":"


@record
class Block:
    """A paragraph (its lines joined, markup removed) or an example (lines verbatim)."""

    lines: tuple[str, ...]
    example: bool


def blocks(doc: str) -> list[Block]:
    """The paragraphs and examples of a docstring, in order. An example is any run of
    lines indented under the paragraph before it; it is never reflowed."""
    out: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", inspect.cleandoc(doc)):
        lines = chunk.splitlines()
        at = next((i for i, line in enumerate(lines) if line[:1].isspace()), len(lines))
        paragraph = _unmark_literal_block(" ".join(line.strip() for line in lines[:at]))
        if paragraph:
            out.append(Block((plain(paragraph),), example=False))
        if lines[at:]:
            out.append(Block(tuple(lines[at:]), example=True))
    return out


def doc_lines(doc: str, width: int | None, indent: str = "  ") -> list[str]:
    """The docstring as lines under ``indent``: each paragraph wrapped to ``width`` (one
    line when None) with blank lines between blocks, examples as written."""
    lines: list[str] = []
    for block in blocks(doc):
        if lines:
            lines.append("")
        if block.example:
            lines += [f"{indent}{line}" if line.strip() else "" for line in block.lines]
        else:
            lines += wrap(block.lines[0], width, indent)
    return lines
