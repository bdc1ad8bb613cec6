"""The league table: rows grouped by authority type, sorted, ranked within their type, the
share of each type meeting each bullet, and anonymous labels where asked; pure.

Every order is total, so the same rows give the same table: ties on the sort key fall to
the authority's name, then its file. Anonymous labels ('Authority A', 'Authority B', ...)
follow the table's order, never chance.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from leadaudit.errors import UsageError
from leadaudit.findings import AreaStatus, Verdict
from leadaudit.league.batch import Failure
from leadaudit.league.rows import Bullet, Row, type_rank
from leadaudit.records import record

FIXED_SORTS = ("score", "name", "type", "verdict")
"""The --sort keys every framework has; each bullet adds its own ('bullet2', 'teams')."""

_ALIAS = re.compile(r"[a-z][a-z0-9_]*")

_STATUS_ORDER = {
    AreaStatus.met: 0,
    AreaStatus.partly_met: 1,
    AreaStatus.not_assessable: 2,
    AreaStatus.not_met: 3,
}
_VERDICT_ORDER = {Verdict.meets: 0, Verdict.partly_meets: 1, Verdict.does_not_meet: 2}


@record
class Entry:
    """A row as the table shows it."""

    row: Row
    label: str
    """The authority's name, or its anonymous label."""
    anonymised: bool
    highlighted: bool
    rank: int
    """Place within its type by score, 1 the highest; equal scores share a place."""
    quartile: int
    """1 (the top quarter of its type by score) to 4."""


@record
class Share:
    """How many authorities meet one bullet, and how many fall short of it in each way."""

    bullet: Bullet
    met: int
    partly_met: int
    not_met: int
    not_assessable: int
    total: int

    @property
    def percent(self) -> int:
        """The share meeting the bullet, in whole percent, rounded half up."""
        return (self.met * 200 + self.total) // (2 * self.total) if self.total else 0


@record
class Group:
    """The authorities of one type, in table order, and the share meeting each bullet."""

    authority_type: str
    entries: tuple[Entry, ...]
    shares: tuple[Share, ...]


@record
class League:
    """Everything a summary shows, in every format."""

    framework: str
    framework_title: str
    framework_version: str
    bullets: tuple[Bullet, ...]
    groups: tuple[Group, ...]
    shares: tuple[Share, ...]
    """Across every type."""
    sort: str
    failures: tuple[Failure, ...]
    passed_over: int
    highlight: str | None

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry, group by group."""
        return tuple(e for g in self.groups for e in g.entries)

    @property
    def anonymised(self) -> bool:
        """Whether any authority is shown under an anonymous label."""
        return any(e.anonymised for e in self.entries)

    def most_often_missed(self) -> tuple[Share, ...]:
        """The bullets some authority does not fully meet, most often not met first."""
        missed = [s for s in self.shares if s.met < s.total]
        order = {b.area: n for n, b in enumerate(self.bullets)}
        missed.sort(
            key=lambda s: (-s.not_met, -s.partly_met, -s.not_assessable, order[s.bullet.area])
        )
        return tuple(missed)


def league_bullets(rows: Sequence[Row]) -> tuple[Bullet, ...]:
    """The columns: every area of the rows' frameworks, in the order first met, each with
    a header no other column has ('H'; 'L1' and 'L2' where two initials are the same)."""
    seen: dict[str, Bullet] = {}
    for row in rows:
        for bullet in row.bullets:
            seen.setdefault(bullet.area, bullet)
    shorts = [b.short for b in seen.values()]
    out: list[Bullet] = []
    for bullet, short in zip(seen.values(), shorts, strict=True):
        if shorts.count(short) > 1:
            short = f"{short}{shorts[: len(out) + 1].count(short)}"
        out.append(replace(bullet, header=short))
    return tuple(out)


def sort_keys(bullets: Sequence[Bullet]) -> dict[str, Callable[[Row], Any]]:
    """Every --sort key and the key function of its order (best first)."""
    keys: dict[str, Callable[[Row], Any]] = {
        "score": lambda r: -r.score,
        "name": lambda _: 0,
        "type": lambda r: type_rank(r.authority_type),
        "verdict": lambda r: (_VERDICT_ORDER[r.verdict], -r.score),
    }
    for bullet in bullets:
        keys.setdefault(bullet.key, _by_status(bullet.area))
    for bullet in bullets:  # 'headline' for the headline's column, and area ids
        for alias in (bullet.bullet, bullet.area):
            if _ALIAS.fullmatch(alias):
                keys.setdefault(alias, _by_status(bullet.area))
    return keys


def check_sort(sort: str, keys: Collection[str]) -> None:
    """A UsageError, with a 'did you mean', when ``sort`` is not one of ``keys``."""
    if sort not in keys:
        from leadaudit.messages import did_you_mean

        hint = did_you_mean(sort, keys) or "one of: " + ", ".join(keys)
        raise UsageError(f"--sort: unknown key '{sort}' ({hint})")


def _by_status(area: str) -> Callable[[Row], Any]:
    def key(row: Row) -> Any:
        status = row.status(area)
        return (_STATUS_ORDER[status] if status is not None else len(_STATUS_ORDER), -row.score)

    return key


def _ordered(rows: Sequence[Row], key: Callable[[Row], Any]) -> list[Row]:
    return sorted(rows, key=lambda r: (key(r), r.authority.casefold(), r.authority, r.file))


def _share(bullet: Bullet, rows: Sequence[Row]) -> Share:
    statuses = [r.status(bullet.area) for r in rows]
    return Share(
        bullet,
        statuses.count(AreaStatus.met),
        statuses.count(AreaStatus.partly_met),
        statuses.count(AreaStatus.not_met),
        statuses.count(AreaStatus.not_assessable),
        len(rows),
    )


def _placed(rows: Sequence[Row]) -> dict[int, tuple[int, int]]:
    """Rank and quartile of each row (by id) among ``rows``, by score."""
    from bisect import bisect_left

    lower = sorted(-r.score for r in rows)  # ascending: higher scores first
    out: dict[int, tuple[int, int]] = {}
    for row in rows:
        rank = 1 + bisect_left(lower, -row.score)
        out[id(row)] = (rank, 4 * (rank - 1) // len(rows) + 1)
    return out


def _name(row: Row, uses: int) -> str:
    """The authority's name, and its file's name when another row has the same name
    (two saved quarters, say), so that the two can be told apart."""
    return row.authority if uses == 1 else f"{row.authority} ({PurePath(row.file).name})"


def anonymous_label(n: int) -> str:
    """'Authority A' for 0, ..., 'Authority Z', 'Authority AA', ...: spreadsheet letters."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Authority {letters}"


def _highlighted(rows: Sequence[Row], name: str | None) -> set[int]:
    """The rows (by id) ``--highlight`` names, by authority name (any case) or file."""
    if name is None:
        return set()
    wanted = name.casefold()
    found = {id(r) for r in rows if r.authority.casefold() == wanted or r.file == name}
    if not found:
        from leadaudit.messages import did_you_mean

        hint = did_you_mean(name, sorted({r.authority for r in rows}))
        raise UsageError(
            f"--highlight: no authority named '{name}' in the summary"
            + (f" ({hint})" if hint else "")
        )
    return found


def build_league(
    rows: Sequence[Row],
    *,
    framework: tuple[str, str, str],
    sort: str = "score",
    highlight: str | None = None,
    anonymise: bool = False,
    failures: Sequence[Failure] = (),
    passed_over: int = 0,
) -> League:
    """The league table of ``rows``; ``framework`` is (name, title, version). With
    ``highlight``, that authority is named and every other anonymised; with ``anonymise``,
    every authority is. A UsageError for an unknown sort key or highlighted name."""
    bullets = league_bullets(rows)
    keys = sort_keys(bullets)
    check_sort(sort, keys)
    named = _highlighted(rows, highlight)
    names = Counter(r.authority for r in rows)
    by_type: dict[str, list[Row]] = {}
    for row in rows:
        by_type.setdefault(row.authority_type, []).append(row)
    groups: list[Group] = []
    labels = 0
    for kind in sorted(by_type, key=type_rank):
        members = _ordered(by_type[kind], keys[sort])
        placed = _placed(members)
        entries: list[Entry] = []
        for row in members:
            hidden = anonymise or (highlight is not None and id(row) not in named)
            label = anonymous_label(labels) if hidden else _name(row, names[row.authority])
            labels += 1 if hidden else 0
            rank, quartile = placed[id(row)]
            entries.append(Entry(row, label, hidden, id(row) in named, rank, quartile))
        shares = tuple(_share(b, members) for b in bullets)
        groups.append(Group(kind, tuple(entries), shares))
    return League(
        framework=framework[0],
        framework_title=framework[1],
        framework_version=framework[2],
        bullets=bullets,
        groups=tuple(groups),
        shares=tuple(_share(b, rows) for b in bullets),
        sort=sort,
        failures=tuple(failures),
        passed_over=passed_over,
        highlight=highlight,
    )
