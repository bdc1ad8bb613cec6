"""The portfolio vocabulary: which words mark an elected member's portfolio as digital.

Recommendation 20 asks for a political lead "with digital knowledge and experience"; in
an org chart that is the executive member whose portfolio (or committee remit) includes
digital. A portfolio item counts when it contains one of the digital terms as a whole word
or phrase, once the phrases that are not digital (the exclusions) are set aside. Each term
is there for a reason (the README's "Political digital lead" gives them):

- digital and its word forms (digitally, digitalisation, digitisation, in -ise and -ize
  spelling): the word Recommendation 20 itself uses;
- technology, technologies and tech, so "information technology" counts too;
- IT and ICT, matched only in capitals: "it" in lower case is an English word;
- data: the recommendation names data sharing, analytics and open data as digital skills;
- smart city, smart cities: a portfolio for the authority's digital infrastructure.

Innovation and transformation are left out on purpose: "Economy, Skills and Innovation"
and "Transformation and Resources" are usually economic development and organisational
change. A wrong match hides a missing political lead; a missed one is fixed by stating
``digital_lead: true`` on the member.

The exclusions are remits that contain a term but are not digital: "data protection" is a
compliance remit. An exclusion only sets its own words aside, so "Data and Data
Protection" still counts for its "Data".

Matching ignores case, except for a term written wholly in capitals (IT, ICT), which
matches only in capitals. The words of a phrase may be separated by spaces or hyphens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from leadaudit.records import record

DIGITAL_TERMS: tuple[str, ...] = (
    "digital",
    "digitally",
    "digitalisation",
    "digitalization",
    "digitisation",
    "digitization",
    "technology",
    "technologies",
    "tech",
    "IT",
    "ICT",
    "data",
    "smart city",
    "smart cities",
)
"""The terms that mark a portfolio item as digital, unless a framework says otherwise."""

NOT_DIGITAL: tuple[str, ...] = ("data protection",)
"""Phrases set aside before the terms are looked for: remits that are not digital."""

# A letter or digit either side would make the match part of a longer word.
_BEFORE = r"(?<![A-Za-z0-9])"
_AFTER = r"(?![A-Za-z0-9])"


def case_sensitive(term: str) -> bool:
    """Whether ``term`` matches only as written: it is written wholly in capitals (IT)."""
    return term.isupper()


def _pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern finding any of ``terms`` as whole words; None for no terms."""
    exact: list[str] = []
    any_case: list[str] = []
    for term in sorted(set(terms), key=lambda t: (-len(t), t)):
        words = term.split()
        if not words:
            continue
        body = r"[\s\-]+".join(re.escape(word) for word in words)
        (exact if case_sensitive(term) else any_case).append(body)
    parts = list(exact)
    if any_case:
        parts.append("(?i:" + "|".join(any_case) + ")")
    if not parts:
        return None
    return re.compile(_BEFORE + "(?:" + "|".join(parts) + ")" + _AFTER)


@record
class PortfolioVocabulary:
    """The terms that make a portfolio item digital, and the phrases that do not count."""

    terms: tuple[str, ...] = DIGITAL_TERMS
    exclusions: tuple[str, ...] = NOT_DIGITAL

    def match(self, item: str) -> str | None:
        """The text of ``item`` that makes it digital, or None when nothing does."""
        terms, exclusions = _compiled(self.terms, self.exclusions)
        if terms is None:
            return None
        if exclusions is not None:
            item = exclusions.sub(" ", item)
        hit = terms.search(item)
        return hit.group() if hit else None

    def includes_digital(self, portfolio: Iterable[str]) -> bool:
        """Whether any item of a portfolio is digital."""
        return any(self.match(item) is not None for item in portfolio)


@lru_cache(maxsize=32)
def _compiled(
    terms: tuple[str, ...], exclusions: tuple[str, ...]
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    return _pattern(terms), _pattern(exclusions)
