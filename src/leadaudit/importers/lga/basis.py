"""A post's employment basis from ContractType, SharedPost, Vacancy and what the Comments
say about how a post is covered (an interim, agency or consultancy arrangement)."""

from __future__ import annotations

import re

from leadaudit.importers.lga.columns import Columns
from leadaudit.importers.lga.rows import one_line, sentinel
from leadaudit.importers.table import Row
from leadaudit.records import record

#: words of Comments that say who covers a post, the surest first
_COVER = (
    (re.compile(r"\bagency\b", re.IGNORECASE), "agency"),
    (re.compile(r"\b(?:interim|consultancy)\b", re.IGNORECASE), "interim"),
    (re.compile(r"\bcontractors?\b", re.IGNORECASE), "contractor"),
    (re.compile(r"\boutsourced\b", re.IGNORECASE), "outsourced"),
)

#: ContractType words, the surest first ('Fixed Term Contract' is fixed_term, not contractor)
_CONTRACT = (
    (re.compile(r"\b(?:fixed|temporary|temp)\b", re.IGNORECASE), "fixed_term"),
    (re.compile(r"\bpermanent\b", re.IGNORECASE), "permanent"),
    (re.compile(r"\bagency\b", re.IGNORECASE), "agency"),
    (re.compile(r"\binterim\b", re.IGNORECASE), "interim"),
    (re.compile(r"\bcontractors?\b", re.IGNORECASE), "contractor"),
    (re.compile(r"\boutsourced\b", re.IGNORECASE), "outsourced"),
)

_YES = frozenset({"yes", "y", "true"})

QUOTED = 160
"""How much of a comment an inference's source quotes."""


@record
class Basis:
    """A post's basis, the field it was read from, and how, when the Comments said it."""

    value: str | None
    """None when the file does not say (the chart's default, permanent, then holds)."""
    col: int | None
    inferred: str | None = None
    """The source of an inference from the Comments; None when a column states it."""
    unread: str | None = None
    """A ContractType that says nothing this importer understands ('Other')."""


def _quote(comment: str, start: int, end: int) -> str:
    """The sentence of ``comment`` holding [start, end), cut to QUOTED characters."""
    begin = max(comment.rfind(".", 0, start) + 1, 0)
    stop = comment.find(".", end)
    text = one_line(comment[begin : stop if stop != -1 else len(comment)])
    if len(text) > QUOTED:
        at = text.lower().find(comment[start:end].lower())
        lead = max(at - QUOTED // 2, 0)
        text = ("..." if lead else "") + text[lead : lead + QUOTED] + "..."
    return text


def _cover(comment: str) -> tuple[str, str] | None:
    """The basis the Comments give a post, and the words that say so."""
    for pattern, basis in _COVER:
        hit = pattern.search(comment)
        if hit is not None:
            return basis, _quote(comment, hit.start(), hit.end())
    return None


def read_basis(row: Row, cols: Columns) -> Basis:
    """The basis of a row's post: the Comments' cover arrangement (an interim, agency or
    consultancy arrangement covering a post, even a vacant one), else Vacancy (or Name)
    'Vacant', else SharedPost 'Shared', else ContractType."""
    contract = one_line(row.get(cols.contract))
    vacant = sentinel(row.get(cols.vacancy)) in _YES | {"vacant"}
    comment = row.get(cols.comments)
    cover = _cover(comment) if sentinel(comment) not in ("", "na") else None
    if cover is not None:
        basis, words = cover
        stated = [f"ContractType '{contract}'"] if contract else []
        if vacant:
            stated.append("Vacancy 'Vacant'")
        source = f"Comments: '{words}'" + (f" ({', '.join(stated)})" if stated else "")
        return Basis(basis, cols.comments, source)
    if vacant:
        return Basis("vacant", cols.vacancy)
    if sentinel(row.get(cols.name)) == "vacant":
        return Basis("vacant", cols.name)
    if sentinel(row.get(cols.shared)) in _YES | {"shared"}:
        return Basis("shared_service", cols.shared)
    for pattern, basis in _CONTRACT:
        if pattern.search(contract):
            return Basis(basis, cols.contract)
    unread = contract if sentinel(contract) not in ("", "na", "nd") else None
    return Basis(None, None, unread=unread)
