"""An organogram's posts made: ids from references, the post added above several top
posts, each senior post with its holder and basis, junior posts under their senior post, and
head of paid service kept to the one top post."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from leadaudit.importers.imported import ChartBuilder, Imported
from leadaudit.importers.organogram.about import file_date
from leadaudit.importers.organogram.notes import notes
from leadaudit.importers.organogram.rows import (
    HEAD_OF_PAID_SERVICE,
    MAX_TEXT,
    NO_HOLDER,
    NUMBER,
    ORGANISATION_ID,
    TOP,
    VACANT,
    JuniorColumns,
    Line,
    Reader,
    Senior,
    junior_problem,
    listed,
    one_line,
    sentinel,
)
from leadaudit.importers.table import Row, Table

JUNIOR_NOT = ("chief_data_officer", "digital_leadership", "head_of_paid_service")
"""Capabilities of a leader, which a title may read as but a junior post (below the senior
civil service) does not hold: 'Senior IT Manager' is not the organisation's digital leader."""


def _fte_text(cell: str) -> str:
    return f"{cell} FTE" if NUMBER.fullmatch(cell) else f"FTE not disclosed ({cell or 'blank'})"


class ChartMaker:
    """Turns what ``Reader`` read into a chart."""

    def __init__(
        self,
        reader: Reader,
        builder: ChartBuilder,
        junior: Table | None,
        jcols: JuniorColumns | None,
    ) -> None:
        self.reader = reader
        self.cols = reader.cols
        self.builder = builder
        self.junior = junior
        self.jcols = jcols
        self.cut: list[str] = []
        """Posts whose Job/Team Function was cut to MAX_TEXT characters."""
        self.reattached: list[str] = []
        """Posts whose line went through eliminated posts."""
        self.junior_count = 0
        self.junior_leaders: list[str] = []
        """Junior posts whose title read as a leader's, kept from that capability."""
        self.later_notes: list[str] = []
        """Notes worked out while building, said after the counts ``notes`` gives."""

    def assign_ids(self) -> None:
        """``ref-<reference>`` for each live senior post, ``line-<line>`` for a row whose
        reference is a placeholder; unique whatever the references hold."""
        ids = self.builder.ids
        ids.add(ORGANISATION_ID)
        for senior in self.reader.live:
            if senior.reference:
                base = "ref-" + re.sub(r"[^A-Za-z0-9_.\-]+", "-", senior.reference)[:90]
            else:
                base = f"line-{senior.row.line}"
            ident, n = base, 2
            while ident in ids:
                ident, n = f"{base}-{n}", n + 1
            ids.add(ident)
            senior.pid = ident

    def tops(self) -> list[Senior]:
        """The live posts at the top of the file (``XX``), in file order."""
        lines = self.reader.lines
        return [s for s in self.reader.live if s in lines and lines[s].target is None]

    def build(self, authority: dict[str, Any]) -> Imported:
        """The chart: the organisation post when needed, senior posts, junior posts."""
        reader = self.reader
        self.assign_ids()
        tops = self.tops()
        several = len(tops) > 1
        if several:
            self._organisation_post(tops[0].rows[0], str(authority["name"]), len(tops))
        by_id: dict[str, dict[str, Any]] = {}
        for senior in reader.live:
            by_id[senior.pid] = self._senior_post(senior, reader.lines[senior], len(tops))
        if self.junior is not None:
            self.junior_posts()
        self._head_of_paid_service(tops, by_id, several)
        self.builder.notes.extend(notes(self, tops, several))
        return self.builder.finish(authority, file_date(reader.table.filename))

    def _organisation_post(self, row: Row, name: str, tops: int) -> None:
        """The post added above several top posts, located at the first top's
        Organisation cell (its title comes from there) and given no capability."""
        post: dict[str, Any] = {
            "id": ORGANISATION_ID,
            "title": name,
            "responsibilities": [
                f"Added by leadaudit, not in the file: the file has {tops} top posts"
                f" (Reports to Senior Post {TOP}) and a chart has one, so this post stands"
                " for the organisation as a whole, above them"
            ],
        }
        builder = self.builder
        index = len(builder.posts)
        col = self.cols.organisation if self.cols.organisation is not None else self.cols.parent
        builder.marks[("posts", index)] = (row.line, 1 if col is None else col + 1)
        if col is not None:
            builder.marks[("posts", index, "title")] = (row.line, col + 1)
        builder.posts.append(post)

    def _senior_post(self, senior: Senior, line: Line, tops: int) -> dict[str, Any]:
        cols = self.cols
        row = senior.rows[0]
        post: dict[str, Any] = {"id": senior.pid, "title": one_line(row.get(cols.title))}
        if line.target is not None:
            post["reports_to"] = line.target.pid
        elif tops > 1:
            post["reports_to"] = ORGANISATION_ID
        holders = []
        vacant = True
        for r in senior.rows:
            name = one_line(r.get(cols.name))
            state = sentinel(name)
            if state != VACANT:
                vacant = False
                if state not in NO_HOLDER:
                    holders.append(name)
        if vacant:
            post["basis"] = "vacant"
        elif holders:
            post["holder"] = " and ".join(holders)[:MAX_TEXT]
        unit = one_line(row.get(cols.unit))
        if sentinel(unit) not in NO_HOLDER:
            post["directorate"] = unit
        # Job/Team Function describes the post (a sentence or a paragraph), not its team
        function = row.get(cols.function).strip()
        if sentinel(function) not in NO_HOLDER:
            if len(function) > MAX_TEXT:
                function = function[: MAX_TEXT - 1].rstrip() + "…"
                self.cut.append(senior.pid)
            post["responsibilities"] = [function]
        columns = {
            "id": cols.reference,
            "title": cols.title,
            "reports_to": cols.reports_to,
            "holder": cols.name,
            "basis": cols.name,
            "directorate": cols.unit,
            "responsibilities": cols.function,
        }
        self.builder.add_post(row, post, columns, row.get(cols.profession))
        if line.via:
            self.reattached.append(senior.pid)
        if line.target is not None and line.via:
            self.builder.infer(
                post,
                "reports_to",
                line.target.pid,
                f"the file's line goes to {_through(line)}, left out: drawn to the live post above",
                "medium",
            )
        elif line.target is None and tops > 1:
            source = (
                f"Reports to Senior Post is {TOP}"
                if not line.via
                else f"the file's line goes to {_through(line)}, left out, which reported to {TOP}"
            )
            self.builder.infer(
                post,
                "reports_to",
                ORGANISATION_ID,
                f"{source}: one of the file's {tops} top posts, placed under the post added for"
                " the organisation as a whole",
                "high",
            )
        return post

    def junior_posts(self) -> None:
        """A post for each junior row, under its senior post; while the senior file has
        problems, only checks the rows (so one run reports both files' problems)."""
        junior, jcols, reader = self.junior, self.jcols, self.reader
        assert junior is not None and jcols is not None
        source = PurePath(junior.filename).name
        for row in junior.rows:
            reference = row.get(jcols.senior)
            line = reader.target(row, jcols.senior, reference, junior)
            if line is None:
                continue
            problem = junior_problem(junior, jcols, row, line)
            if problem is not None:
                reader.problems.append(problem)
                continue
            if reader.problems or line.target is None:
                continue  # only checking: the chart will not be built
            title = one_line(row.get(jcols.title)) or one_line(row.get(jcols.grade))
            grade = one_line(row.get(jcols.grade))
            text = f"Junior staff: {_fte_text(row.get(jcols.fte))}"
            if grade and grade != title:
                text += f", grade {grade}"
            post: dict[str, Any] = {
                "id": f"junior-{row.line}",
                "title": title,
                "reports_to": line.target.pid,
            }
            unit = one_line(row.get(jcols.unit))
            if sentinel(unit) not in NO_HOLDER:
                post["directorate"] = unit[:MAX_TEXT]
            post["responsibilities"] = [f"{text} (line {row.line} of {source})"[:MAX_TEXT]]
            self.builder.ids.add(post["id"])
            self.builder.add_post(line.target.rows[0], post, {}, row.get(jcols.profession))
            if [cap for cap in JUNIOR_NOT if self._drop(post, cap)]:
                self.junior_leaders.append(f"{post['id']} ({title})")
            if line.via:
                self.builder.infer(
                    post,
                    "reports_to",
                    line.target.pid,
                    f"the junior file's line goes to {_through(line)}, left out: drawn to the"
                    " live post above",
                    "medium",
                )
                self.reattached.append(str(post["id"]))
            self.junior_count += 1
        if self.junior_leaders:
            self.later_notes.append(
                "junior titles that read as a leader's (digital leader, chief data officer,"
                f" head of paid service), not taken as one: {listed(self.junior_leaders)}"
            )

    def _head_of_paid_service(
        self, tops: list[Senior], by_id: dict[str, dict[str, Any]], several: bool
    ) -> None:
        """Only the one top post may be head of paid service (the loader insists on it): a
        'Chief Executive' lower down is not taken as one, and the file's one top post is.
        With several top posts the file does not say who is, and nobody is taken as it."""
        top_id = tops[0].pid if tops and not several else None
        dropped = [
            str(post["id"])
            for post in self.builder.posts
            if post["id"] != top_id and self._drop(post, HEAD_OF_PAID_SERVICE)
        ]
        if dropped:
            where = f"the top post, {top_id}, is" if top_id else "the file does not say who is"
            self.later_notes.append(
                f"titles that read as head of paid service, not taken as one ({where}):"
                f" {listed(dropped)}"
            )
        if top_id is None:
            return
        post = by_id[top_id]
        if HEAD_OF_PAID_SERVICE in post.get("capabilities", []):
            return
        post.setdefault("capabilities", []).append(HEAD_OF_PAID_SERVICE)
        post.setdefault("inferred", []).append(
            {
                "field": "capabilities",
                "value": HEAD_OF_PAID_SERVICE,
                "source": f"the file's one top post (Reports to Senior Post {TOP})",
                "confidence": "medium",
            }
        )
        if top_id in self.builder.unmapped:
            self.builder.unmapped.remove(top_id)

    def _drop(self, post: dict[str, Any], capability: str) -> bool:
        """Take back a capability the mapping gave ``post``; whether it had it."""
        caps = post.get("capabilities", [])
        if capability not in caps:
            return False
        caps.remove(capability)
        post["inferred"] = [
            e
            for e in post["inferred"]
            if not (e["field"] == "capabilities" and e["value"] == capability)
        ]
        if not caps:
            del post["capabilities"]
            self.builder.unmapped.append(str(post["id"]))
        if not post["inferred"]:
            del post["inferred"]
        return True


def _through(line: Line) -> str:
    """The eliminated posts a line went through, for an inference's source."""
    posts = ", ".join(f"'{s.reference}' (line {s.row.line})" for s in line.via)
    return f"eliminated post{'s' if len(line.via) > 1 else ''} {posts}"
