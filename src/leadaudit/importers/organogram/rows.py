"""An organogram's rows read: the columns found under any header drift, the sentinels,
references and reporting lines (through eliminated posts), and every problem, located."""

from __future__ import annotations

import re
from dataclasses import field

from leadaudit.errors import InputError, Problem
from leadaudit.importers.table import Row, Table
from leadaudit.messages import Suggester
from leadaudit.records import record

TOP = "XX"
"""What ``Reports to Senior Post`` holds for a top post (in any case)."""

ORGANISATION_ID = "organisation"
"""The id of the post added above several top posts."""

HEAD_OF_PAID_SERVICE = "head_of_paid_service"

MAX_TEXT = 2000
"""The longest text a chart's titles, names and responsibilities may hold."""

#: how many posts a note names before it counts the rest
NAMED = 12

NO_HOLDER = frozenset({"", "nd", "na", "notdisclosed", "notapplicable", "none", "withheld"})
VACANT = "vacant"
ELIMINATED = "eliminated"
_PLACEHOLDER_REF = re.compile(r"0+")
NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")


def detect(table: Table) -> bool:
    """Whether the header is an organogram's senior-staff one."""
    return table.column("Post Unique Reference") is not None


def is_junior(table: Table) -> bool:
    """Whether the header is an organogram's junior-staff one."""
    return table.column("Reporting Senior Post") is not None


def sentinel(cell: str) -> str:
    """A cell as compared with the sentinels: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", cell.lower())


def one_line(cell: str) -> str:
    """A cell as a title or name: its whitespace (line breaks too) as single spaces."""
    return " ".join(cell.split())


def is_placeholder(reference: str) -> bool:
    """Whether a reference names no post: blank, a sentinel such as N/D, or all zeros."""
    return bool(_PLACEHOLDER_REF.fullmatch(reference)) or sentinel(reference) in NO_HOLDER


def is_top(cell: str) -> bool:
    """Whether a ``Reports to Senior Post`` cell marks a top post."""
    return cell.strip().upper() == TOP


def listed(items: list[str]) -> str:
    """The first NAMED items, and a count of the rest."""
    shown = ", ".join(items[:NAMED])
    return shown + (f" and {len(items) - NAMED} more" if len(items) > NAMED else "")


def plural(count: int, noun: str) -> str:
    """'1 row', '2 rows'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


@record
class SeniorColumns:
    """Where each column a senior file may have is (0-based), whatever its header says."""

    reference: int
    reports_to: int
    title: int
    name: int | None
    function: int | None
    parent: int | None
    organisation: int | None
    unit: int | None
    profession: int | None


@record
class JuniorColumns:
    """Where each column a junior file may have is (0-based)."""

    senior: int
    title: int | None
    fte: int | None
    grade: int | None
    unit: int | None
    profession: int | None


@record(frozen=False, eq=False)  # compared, and hashed, as itself
class Senior:
    """One senior post: the live rows of its reference (several for a job share)."""

    reference: str
    """As published; '' for a row whose reference is a placeholder."""
    rows: list[Row]
    pid: str = ""
    eliminated: list[Row] = field(default_factory=list)
    """Rows of the same reference whose Name is 'Eliminated'."""

    @property
    def row(self) -> Row:
        """The row the post is read from: its first live row (else its first row)."""
        return self.rows[0] if self.rows else self.eliminated[0]


@record(frozen=False)
class Line:
    """Where a post's reporting line goes."""

    target: Senior | None
    """The senior post it reports to; None for a top post."""
    via: list[Senior] = field(default_factory=list)
    """Eliminated posts the file's line passed through on its way to ``target``."""


def _problem_columns(table: Table) -> list[Problem]:
    if detect(table):
        return []
    if is_junior(table):
        return [
            table.problem(
                None,
                0,
                "this is an organogram's junior-staff file: it has no senior posts",
                "give the senior-staff file, with this one as --junior FILE",
            )
        ]
    return [
        table.problem(
            None,
            0,
            "no 'Post Unique Reference' column: this is not an organogram's senior-staff file",
        )
    ]


def senior_columns(table: Table) -> SeniorColumns:
    """A senior file's columns; a located error when one it needs is missing."""
    problems = _problem_columns(table)
    reports_to = table.column("Reports to Senior Post")
    title = table.column("Job Title")
    for col, name in ((reports_to, "Reports to Senior Post"), (title, "Job Title")):
        if col is None and not problems:
            problems.append(
                table.problem(None, 0, f"no '{name}' column: an organogram's senior file has one")
            )
    if problems:
        raise InputError(problems)
    reference = table.column("Post Unique Reference")
    assert reference is not None and reports_to is not None and title is not None
    return SeniorColumns(
        reference=reference,
        reports_to=reports_to,
        title=title,
        name=table.column("Name"),
        function=table.column("Job/Team Function"),
        parent=table.column("Parent Department"),
        organisation=table.column("Organisation"),
        unit=table.column("Unit"),
        profession=table.column("Professional/Occupational Group", "Profession"),
    )


def junior_columns(junior: Table) -> JuniorColumns:
    """A junior file's columns; a located error when it is not a junior file."""
    senior = junior.column("Reporting Senior Post")
    if senior is None:
        message = "not an organogram's junior-staff file: it has no 'Reporting Senior Post' column"
        hint = "give the senior file first, and its junior file with --junior"
        raise InputError([junior.problem(None, 0, message, hint)])
    title = junior.column("Generic Job Title", "Job Title")
    grade = junior.column("Grade", "Grade (or equivalent)")
    if title is None and grade is None:
        message = "no 'Generic Job Title' or 'Grade' column: junior posts need one for a title"
        raise InputError([junior.problem(None, 0, message)])
    return JuniorColumns(
        senior=senior,
        title=title,
        fte=junior.column("Number of Posts in FTE", "FTE"),
        grade=grade,
        unit=junior.column("Unit"),
        profession=junior.column("Professional/Occupational Group", "Profession"),
    )


class Reader:
    """The senior file read into posts, reporting lines and problems, before building."""

    def __init__(self, table: Table, cols: SeniorColumns) -> None:
        self.table = table
        self.cols = cols
        self.problems: list[Problem] = []
        self.seniors: list[Senior] = []
        """Every post of the file, in the order of its first row (eliminated ones too)."""
        self.by_reference: dict[str, Senior] = {}
        self.placeholders: list[Senior] = []
        self.lines: dict[Senior, Line] = {}
        """Where the line of each live senior post goes."""
        self._suggest = Suggester(lambda: self.by_reference.keys())
        self._unpadded: dict[str, str] | None = None
        """Each reference without its leading zeros -> the first reference written so."""
        self._read_rows()

    def _read_rows(self) -> None:
        cols = self.cols
        for row in self.table.rows:
            reference = row.get(cols.reference)
            eliminated = sentinel(row.get(cols.name)) == ELIMINATED
            if is_placeholder(reference):
                senior = Senior(
                    "", [] if eliminated else [row], eliminated=[row] if eliminated else []
                )
                self.seniors.append(senior)
                self.placeholders.append(senior)
                continue
            senior_or_none = self.by_reference.get(reference)
            if senior_or_none is None:
                senior_or_none = Senior(reference, [])
                self.by_reference[reference] = senior_or_none
                self.seniors.append(senior_or_none)
            (senior_or_none.eliminated if eliminated else senior_or_none.rows).append(row)

    @property
    def live(self) -> list[Senior]:
        """The posts that are not eliminated, in file order."""
        return [s for s in self.seniors if s.rows]

    def check_rows(self) -> None:
        """Titles present and not too long; a job share's rows agree on their line."""
        cols = self.cols
        for senior in self.live:
            for row in senior.rows:
                title = one_line(row.get(cols.title))
                if not title:
                    self.problems.append(
                        self.table.problem(row, cols.title, "Job Title is blank: a post needs one")
                    )
                for col, name in (
                    (cols.title, "Job Title"),
                    (cols.name, "Name"),
                    (cols.unit, "Unit"),
                ):
                    if len(one_line(row.get(col))) > MAX_TEXT:
                        message = f"{name} is longer than {MAX_TEXT:,} characters"
                        self.problems.append(self.table.problem(row, col, message))
            first = senior.rows[0]
            for row in senior.rows[1:]:
                here, there = row.get(cols.reports_to), first.get(cols.reports_to)
                if here != there and not (is_top(here) and is_top(there)):
                    message = (
                        f"reference '{senior.reference}' is on line {first.line} reporting to"
                        f" '{first.get(cols.reports_to)}' and here to"
                        f" '{row.get(cols.reports_to)}': the rows of one post (a job share)"
                        " report to one post"
                    )
                    self.problems.append(self.table.problem(row, cols.reports_to, message))

    def target(self, row: Row, col: int, cell: str, table: Table | None = None) -> Line | None:
        """Where a ``Reports to`` cell goes: a live senior post, through any eliminated ones;
        None (with a problem recorded at the cell) when it goes nowhere."""
        where = table or self.table
        via: list[Senior] = []
        seen: set[Senior] = set()
        at_row, at_col, at_table = row, col, where
        while True:
            if is_top(cell):
                return Line(None, via)
            problem = self._bad_reference(cell)
            if problem is not None:
                message, hint = problem
                self.problems.append(at_table.problem(at_row, at_col, message, hint))
                return None
            senior = self.by_reference[cell]
            if senior.rows:
                return Line(senior, via)
            if senior in seen:  # eliminated posts reporting round in a circle
                message = f"eliminated posts report round in a circle through '{cell}'"
                self.problems.append(at_table.problem(at_row, at_col, message))
                return None
            seen.add(senior)
            via.append(senior)
            at_row, at_col, at_table = senior.row, self.cols.reports_to, self.table
            cell = senior.row.get(self.cols.reports_to)

    def _bad_reference(self, cell: str) -> tuple[str, str | None] | None:
        if cell in self.by_reference:
            return None
        if not cell or sentinel(cell) in NO_HOLDER:
            shown = f"'{cell}'" if cell else "blank"
            return (
                f"the senior post it reports to is {shown}",
                f"give that post's Post Unique Reference, or {TOP} for a top post",
            )
        if is_placeholder(cell):
            return (
                f"'{cell}' is a placeholder reference: it names no one post",
                "give the Post Unique Reference of the post it reports to",
            )
        if self._unpadded is None:
            self._unpadded = {}
            for reference in self.by_reference:
                self._unpadded.setdefault(reference.lstrip("0"), reference)
        same = self._unpadded.get(cell.lstrip("0"))
        if same is not None:
            hint = (
                f"did you mean '{same}'? references are text: leading zeros make a different"
                " reference"
            )
        else:
            hint = self._suggest(cell) or f"{TOP} marks a top post"
        return f"no senior post has the reference '{cell}'", hint

    def read_lines(self) -> None:
        """Where each live post's line goes, into ``lines``; problems where it goes nowhere."""
        for senior in self.live:
            row = senior.rows[0]
            line = self.target(row, self.cols.reports_to, row.get(self.cols.reports_to))
            if line is not None:
                self.lines[senior] = line


def junior_problem(junior: Table, jcols: JuniorColumns, row: Row, line: Line) -> Problem | None:
    """What is wrong with a junior row whose senior post was found, if anything."""
    if line.target is None:
        message = f"junior staff report to a senior post, not to '{row.get(jcols.senior)}'"
        return junior.problem(row, jcols.senior, message, "give its Post Unique Reference")
    title = one_line(row.get(jcols.title)) or one_line(row.get(jcols.grade))
    if not title:
        message = "Generic Job Title and Grade are blank: a junior post needs a title"
        return junior.problem(row, jcols.title, message)
    if len(title) > MAX_TEXT:
        return junior.problem(row, jcols.title, f"the title is longer than {MAX_TEXT:,} characters")
    fte = row.get(jcols.fte)
    if NUMBER.fullmatch(fte) is None and sentinel(fte) not in NO_HOLDER:
        message = f"Number of Posts in FTE '{fte}' is not a number"
        hint = "write the full-time equivalents as a number such as 1.5, or N/D"
        return junior.problem(row, jcols.fte, message, hint)
    return None
