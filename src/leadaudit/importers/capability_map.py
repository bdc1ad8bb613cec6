"""Capabilities read from job titles and professions, as data: the bundled
``capability_map.yaml``, extended or overridden by a user's file (``--mapping``)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import Field, ValidationError

from leadaudit.errors import InputError
from leadaudit.importers.yaml import load_bytes, load_path
from leadaudit.limits import Limits
from leadaudit.model import Confidence, Frozen, Id, Text
from leadaudit.records import record
from leadaudit.source import Document
from leadaudit.validation import problems_from

BUNDLED = "capability_map.yaml"


class MapEntry(Frozen):
    """One mapping rule: phrases that, found in a title or profession, give capabilities."""

    name: Id
    """The rule's name; an entry of a user's file with the same name replaces it."""
    any: list[Text] = Field(min_length=1)
    """Phrases, any of which matches (whole words; all-capitals phrases match capitals only)."""
    unless: list[Text] = Field(default_factory=list)
    """Phrases that stop the entry matching."""
    capabilities: list[Id] = Field(min_length=1)
    """The capabilities a match gives."""
    confidence: Confidence
    """high, medium or low."""


class MappingFile(Frozen):
    """A capability mapping file."""

    leadaudit_mapping: int
    """Format version; must be 1."""
    replace_bundled: bool = False
    """Drop the bundled entries instead of extending them."""
    titles: list[MapEntry] = Field(default_factory=list)
    """Rules matched against job titles."""
    professions: list[MapEntry] = Field(default_factory=list)
    """Rules matched against professions (organograms' Professional/Occupational Group)."""


@record
class Match:
    """A capability a post was given, and why."""

    capability: str
    rule: str
    """The mapping entry that matched, e.g. 'title: architect'."""
    phrase: str
    confidence: Confidence


@record
class Mapping:
    """The entries in force, compiled."""

    titles: tuple[tuple[MapEntry, re.Pattern[str], re.Pattern[str] | None], ...]
    professions: tuple[tuple[MapEntry, re.Pattern[str], re.Pattern[str] | None], ...]

    def match(self, title: str, profession: str = "") -> list[Match]:
        """Every capability the title and profession give, the surest reason for each."""
        found: dict[str, Match] = {}
        for kind, text, entries in (
            ("title", title, self.titles),
            ("profession", profession, self.professions),
        ):
            if not text:
                continue
            for entry, pattern, unless in entries:
                hit = pattern.search(text)
                if hit is None or (unless is not None and unless.search(text)):
                    continue
                for cap in entry.capabilities:
                    match = Match(cap, f"{kind}: {entry.name}", hit.group(0), entry.confidence)
                    old = found.get(cap)
                    if old is None or _RANK[entry.confidence] > _RANK[old.confidence]:
                        found[cap] = match
        return [found[c] for c in sorted(found)]


_RANK = {Confidence.low: 0, Confidence.medium: 1, Confidence.high: 2}


def _phrase(phrase: str) -> str:
    words = re.split(r"[\s\-]+", phrase.strip())
    parts = []
    for word in words:
        if word.lower() == "and" or word == "&":
            parts.append(r"(?:and|&)")
        elif word.isupper() and len(word) > 1:
            parts.append("(?-i:" + re.escape(word) + ")")
        else:
            parts.append(re.escape(word))
    return r"[\s\-/,]+".join(parts)


def _compile(phrases: list[str]) -> re.Pattern[str]:
    body = "|".join(_phrase(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])", re.IGNORECASE)


def _entries(
    entries: list[MapEntry],
) -> tuple[tuple[MapEntry, re.Pattern[str], re.Pattern[str] | None], ...]:
    return tuple((e, _compile(e.any), _compile(e.unless) if e.unless else None) for e in entries)


def _merge(base: list[MapEntry], extra: list[MapEntry]) -> list[MapEntry]:
    names = {e.name: i for i, e in enumerate(base)}
    merged = list(base)
    for entry in extra:
        if entry.name in names:
            merged[names[entry.name]] = entry
        else:
            merged.append(entry)
    return merged


def _validate(doc: Document) -> MappingFile:
    try:
        return MappingFile.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, doc, MappingFile)) from None


@lru_cache(maxsize=1)
def _bundled() -> MappingFile:
    data = (resources.files("leadaudit.importers") / BUNDLED).read_bytes()
    doc = load_bytes(data, f"<bundled>/{BUNDLED}", Limits())
    return _validate(doc)


def load_mapping(path: Path | None = None, limits: Limits | None = None) -> Mapping:
    """The bundled mapping, extended or replaced by the file at ``path``."""
    bundled = _bundled()
    if path is None:
        return Mapping(_entries(bundled.titles), _entries(bundled.professions))
    doc = load_path(path, limits or Limits(), None)
    own = _validate(doc)
    if own.leadaudit_mapping != 1:
        raise InputError(
            [
                doc.problem(
                    ("leadaudit_mapping",),
                    f"unsupported mapping format version {own.leadaudit_mapping}; this leadaudit reads version 1",
                )
            ]
        )
    titles = own.titles if own.replace_bundled else _merge(bundled.titles, own.titles)
    professions = (
        own.professions if own.replace_bundled else _merge(bundled.professions, own.professions)
    )
    return Mapping(_entries(titles), _entries(professions))
