"""The entries of an LGA file made into the chart's posts: each with its inferred line,
its basis, its holder and directorate, located at its CSV line; and the header's notes."""

from __future__ import annotations

from collections import Counter
from typing import Any

from leadaudit.importers.capability_map import Mapping
from leadaudit.importers.imported import ChartBuilder, Imported
from leadaudit.importers.lga.about import authority, effective_date
from leadaudit.importers.lga.basis import Basis, read_basis
from leadaudit.importers.lga.columns import Columns
from leadaudit.importers.lga.lines import Line, Lines
from leadaudit.importers.lga.rows import Entry
from leadaudit.importers.table import Table
from leadaudit.messages import list_some, plural

FORMAT = "lga"

HEAD_OF_PAID_SERVICE = "head_of_paid_service"

NAMED = 12
"""How many posts a note names before it counts the rest."""


def _names(ids: list[str]) -> str:
    return list_some(ids, NAMED)


def _peers(others: int, level: int) -> str:
    if not others:
        return ""
    rows = "row is" if others == 1 else f"{others} rows are"
    return f"; the other Level {level} {rows} placed under it (low confidence)"


class ChartMaker:
    """Builds the posts of one file, and says what it did in notes."""

    def __init__(self, table: Table, cols: Columns, mapping: Mapping, data: bytes) -> None:
        self.table = table
        self.cols = cols
        self.builder = ChartBuilder(table, FORMAT, mapping, data)
        self.bases: Counter[str] = Counter()
        self.from_comments: list[str] = []
        self.unread: list[str] = []
        self.shared: list[str] = []
        self.sure: Counter[str] = Counter()

    def post(self, entry: Entry, line: Line | None, basis: Basis) -> None:
        """Add the post of ``entry``: its line and basis, recorded as inferred where the
        file does not state them."""
        post: dict[str, Any] = {"id": entry.pid, "title": entry.title}
        fields: dict[str, int | None] = {"title": self.cols.title}
        if line is not None:
            post["reports_to"] = line.parent.pid
            fields["reports_to"] = self.cols.level
        if basis.value is not None:
            post["basis"] = basis.value
            fields["basis"] = basis.col
            self.bases[basis.value] += 1
        if entry.holder is not None:
            post["holder"] = entry.holder
            fields["holder"] = self.cols.name
        if entry.directorate is not None:
            post["directorate"] = entry.directorate
            fields["directorate"] = self.cols.directorate
        post["capabilities"] = []  # kept before the inferred entries in the YAML
        if line is not None:
            others = [c.pid for c in line.candidates]
            self.builder.infer(
                post, "reports_to", line.parent.pid, line.source, line.confidence, others
            )
            self.sure[line.confidence] += 1
        if basis.value is not None and basis.inferred is not None:
            self.builder.infer(post, "basis", basis.value, basis.inferred, "medium")
            self.from_comments.append(f"{entry.pid} ({basis.value})")
        if basis.unread is not None:
            self.unread.append(f"{entry.pid} ('{basis.unread}')")
        if basis.value == "shared_service":
            self.shared.append(entry.pid)
        self.builder.add_post(entry.row, post, fields)
        if not post["capabilities"]:
            del post["capabilities"]

    def head_of_paid_service(self, top: Entry) -> str | None:
        """Only the top post is head of paid service: taken from a lower post whose title
        reads as one, given to the top when its title does not say so."""
        dropped: list[str] = []
        for post in self.builder.posts:
            caps = post.get("capabilities", [])
            if HEAD_OF_PAID_SERVICE not in caps or post["id"] == top.pid:
                continue
            caps.remove(HEAD_OF_PAID_SERVICE)
            post["inferred"] = [
                e
                for e in post["inferred"]
                if (e["field"], e["value"]) != ("capabilities", HEAD_OF_PAID_SERVICE)
            ]
            if not caps:
                del post["capabilities"]
                self.builder.unmapped.append(str(post["id"]))
            if not post["inferred"]:
                del post["inferred"]
            dropped.append(str(post["id"]))
        post = self.builder.posts[top.index]
        if HEAD_OF_PAID_SERVICE not in post.get("capabilities", []):
            post.setdefault("capabilities", []).append(HEAD_OF_PAID_SERVICE)
            post.setdefault("inferred", []).append(
                {
                    "field": "capabilities",
                    "value": HEAD_OF_PAID_SERVICE,
                    "source": f"the top post: the first row at Level {top.level}",
                    "confidence": "medium",
                }
            )
            if top.pid in self.builder.unmapped:
                self.builder.unmapped.remove(top.pid)
        if not dropped:
            return None
        return (
            f"titles that read as head of paid service, not taken as one (the top post,"
            f" {top.pid}, is): {_names(dropped)}"
        )

    def notes(self, entries: list[Entry], lines: Lines) -> list[str]:
        """What the header says about the file and what was made of it."""
        top = lines.top
        notes = [
            f"a council's organisation structure (LGA format): {plural(len(entries), 'row')},"
            " one post each",
            f"the top post is {top.pid} ('{top.title}', line {top.row.line}), the first row at"
            f" Level {top.level}"
            + ("" if top.level == 1 else " (the file has no Level 1 row)")
            + _peers(lines.peers - 1, top.level),
        ]
        inferred = sum(self.sure.values())
        if inferred:
            ambiguous = len(self.builder.ambiguous)
            notes.append(
                "reporting lines inferred from Level, Directorate and Service (the file has no"
                f" reports-to column): {plural(inferred, 'line')}, {self.sure['high']} high,"
                f" {self.sure['medium']} medium, {self.sure['low']} low confidence;"
                f" {ambiguous} ambiguous"
                + (
                    " (several candidates: each goes to one, and its inferred entry lists the"
                    f" others): {_names(self.builder.ambiguous)}"
                    if ambiguous
                    else ""
                )
            )
        notes.extend(self._basis_notes(len(entries)))
        named = sum(1 for e in entries if e.holder is not None)
        if named < len(entries):
            notes.append(
                f"{len(entries) - named} of {len(entries)} posts name no holder (Name REDACTED,"
                " NA, N/D, Vacant or blank)"
            )
        return notes

    def _basis_notes(self, posts: int) -> list[str]:
        counted = ", ".join(f"{n} {b}" for b, n in sorted(self.bases.items()))
        unstated = posts - sum(self.bases.values())
        notes = [
            f"bases read from ContractType, SharedPost, Vacancy and Comments: {counted or 'none'}"
            + (f"; {unstated} unstated, so permanent" if unstated else "")
        ]
        if self.from_comments:
            notes.append(
                "bases read from what the Comments say covers the post (interim, agency,"
                f" consultancy): {_names(self.from_comments)}"
            )
        if self.unread:
            notes.append(
                "ContractType says nothing of the basis, so the post reads as permanent: check"
                f" {_names(self.unread)}"
            )
        if self.shared:
            notes.append(
                "shared_service posts (SharedPost 'Shared') are taken as hosted by this"
                " authority (set hosted_by on any that another authority hosts):"
                f" {_names(self.shared)}"
            )
        return notes


def make_chart(
    table: Table, cols: Columns, entries: list[Entry], mapping: Mapping, data: bytes
) -> Imported:
    """The chart of a file whose rows all read cleanly."""
    maker = ChartMaker(table, cols, mapping, data)
    for entry in entries:
        entry.pid = maker.builder.new_id(entry.title)
    lines = Lines(entries)
    for entry in entries:
        maker.post(entry, lines.line(entry), read_basis(entry.row, cols))
    later = maker.head_of_paid_service(lines.top)
    name_type, about = authority(table, cols)
    dated, date_notes = effective_date(table, cols)
    maker.builder.notes.extend(
        [*maker.notes(entries, lines), *([later] if later else []), *about, *date_notes]
    )
    return maker.builder.finish(name_type, dated)
