"""A chart made from a published file: the data as the YAML reader would give it, where
each part came from (the CSV's line and field), and what the importer inferred or could
not say. The format modules (``lga``, ``organogram``) fill one through ``ChartBuilder``."""

from __future__ import annotations

import hashlib
import re
from dataclasses import field
from typing import Any

from leadaudit.importers.capability_map import Mapping
from leadaudit.importers.table import Row, Table
from leadaudit.records import record
from leadaudit.source import DocPath, Marks

#: what the published formats cannot carry, said in every imported chart
NOT_IN_SOURCE = (
    "elected members (the cabinet member for digital and their portfolio): record them"
    " under members: to assess bullet 1",
    "the digital strategy and who owns it: record it under digital_strategy:",
    "working relationships (works_with) and leadership team seats (leadership_team)",
)


@record(frozen=False)
class Imported:
    """An imported chart and the notes its YAML header carries."""

    data: dict[str, Any]
    marks: Marks
    notes: list[str] = field(default_factory=list)
    """What the importer noticed about the file and inferred from it, one line each."""
    ambiguous: list[str] = field(default_factory=list)
    """Posts whose reporting line the source leaves open (several candidates)."""
    unmapped: list[str] = field(default_factory=list)
    """Posts whose title and profession matched no capability mapping."""


def slug(text: str, taken: set[str], fallback: str = "post") -> str:
    """A post id made from a title or reference: lower case, hyphens, unique in ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or fallback
    if not base[0].isalnum():
        base = f"{fallback}-{base}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


class ChartBuilder:
    """Collects posts row by row, with their positions, mapped capabilities and notes."""

    def __init__(self, table: Table, fmt: str, mapping: Mapping, data: bytes) -> None:
        self.table = table
        self.fmt = fmt
        self.mapping = mapping
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.posts: list[dict[str, Any]] = []
        self.marks: Marks = {}
        self.ids: set[str] = set()
        self.notes: list[str] = list(table.notes)
        self.ambiguous: list[str] = []
        self.unmapped: list[str] = []

    def new_id(self, text: str) -> str:
        """A fresh post id made from ``text``."""
        return slug(text, self.ids)

    def add_post(
        self,
        row: Row,
        post: dict[str, Any],
        columns: dict[str, int | None],
        profession: str = "",
    ) -> dict[str, Any]:
        """Add a post (its keys as in the YAML format), located at ``row``: each key at the
        field it came from (``columns``: key -> field index). Capabilities are mapped from
        its title and ``profession`` and recorded as inferred."""
        index = len(self.posts)
        self.marks[("posts", index)] = (row.line, 1)
        for key, col in columns.items():
            if col is not None:
                self.marks[("posts", index, key)] = (row.line, col + 1)
        matches = self.mapping.match(str(post.get("title", "")), profession)
        if matches:
            post.setdefault("capabilities", [])
            inferred = post.setdefault("inferred", [])
            for m in matches:
                if m.capability not in post["capabilities"]:
                    post["capabilities"].append(m.capability)
                inferred.append(
                    {
                        "field": "capabilities",
                        "value": m.capability,
                        "source": f"{m.rule} (matched '{m.phrase}')",
                        "confidence": m.confidence.value,
                    }
                )
            title_col = columns.get("title")
            if title_col is not None:
                self.marks[("posts", index, "capabilities")] = (row.line, title_col + 1)
        else:
            self.unmapped.append(str(post["id"]))
        self.posts.append(post)
        return post

    def infer(
        self,
        post: dict[str, Any],
        key: str,
        value: str,
        source: str,
        confidence: str,
        candidates: list[str] | None = None,
    ) -> None:
        """Set ``post[key]`` to an inferred value and record how it was inferred."""
        post[key] = value
        entry: dict[str, Any] = {
            "field": key,
            "value": value,
            "source": source,
            "confidence": confidence,
        }
        if candidates:
            entry["ambiguous"] = True
            entry["candidates"] = candidates
            self.ambiguous.append(str(post["id"]))
        post.setdefault("inferred", []).append(entry)

    def finish(self, authority: dict[str, Any], date: str | None) -> Imported:
        """The chart: authority, posts, where it came from."""
        data: dict[str, Any] = {
            "leadaudit": 1,
            "authority": authority,
            "imported_from": {
                "file": self.table.filename,
                "sha256": self.sha256,
                "format": self.fmt,
                **({"date": date} if date else {}),
            },
            "posts": self.posts,
        }
        marks: Marks = {("leadaudit",): (1, 1), ("authority",): (2, 1), ("posts",): (2, 1)}
        marks.update(self.marks)
        return Imported(data, marks, self.notes, self.ambiguous, self.unmapped)


def located(marks: Marks, path: DocPath, row: Row, col: int | None) -> None:
    """Record that ``path`` came from ``row`` at field ``col`` (0-based)."""
    marks[path] = (row.line, 1 if col is None else col + 1)
