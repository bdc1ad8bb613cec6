"""A council's Transparency Code organisation structure (the LGA "OrganisationStructure"
CSV): posts by Level, Directorate and Service, with no reports-to column.

The file says how senior each post is (``Level``: 1 is the top) and where it sits
(``Directorate`` and ``Service``), but not whom it reports to. Each post's manager is
inferred, and every inferred line is recorded on the post with the words it rests on and
how sure it is, for a person to confirm or correct:

- The top post is the first row at Level 1 (the lowest Level in the file). Other Level 1
  rows are placed under it, with low confidence, and the header notes them.
- A Level 2 post reports to the top post (high confidence), whatever its directorate: the
  top heads every directorate. With no directorate (``NA`` or blank) it is a corporate
  post, and reports to the top too.
- A post at Level N reports to a post at Level N-1 of the same Directorate (a blank or
  ``NA`` directorate is a group of its own). When there are several, the evidence narrows
  them, in order: the posts with the same Service; else those whose Service this one's
  falls within ('Financial Management - Place' within 'Financial Management', 'STaR 1'
  within 'STaR'); else those whose job title names this one's Service. Among several with
  the same Service, the one whose title names it is taken. A Service that is blank, ``NA``
  or the directorate's own name means the directorate as a whole. Names are compared
  ignoring case, apostrophes, '&' for 'and' and a plural 's'.
- Confidence: **high** when the directorate has one post at Level N-1, or exactly one with
  the same Service; **medium** when the line rests on weaker evidence (a Service it falls
  within, a title naming the Service, a title breaking a tie, or the nearest higher
  level); **low** when the evidence leaves several posts, or none.
- Several posts left: the line is marked **ambiguous**, lists the other candidates and is
  low confidence; it goes to the first of them that covers the whole directorate (no
  Service of its own), else to the first in the file. It is never chosen silently.
- No post at Level N-1 in the directorate: the nearest higher level of the directorate
  (medium); no higher post in the directorate at all: the top post (low).

Each line's ``source`` says which posts it was chosen from, e.g. "Level 4 in Finance &
Systems (Service 'ICT Services') under the one Level 3 post of the directorate with the
same Service".

The rest of a row:

- ``basis``: what the Comments say covers the post, when they name an agency, interim or
  consultancy arrangement (so 'a permanent role ... covered by an Interim Consultancy
  arrangement' is interim, even when Vacancy says Vacant; 'Agency' is agency), recorded as
  inferred (medium); else ``Vacancy`` 'Vacant' (or ``Name`` 'Vacant') is vacant; else
  ``SharedPost`` 'Shared' is shared_service (taken as hosted by this authority); else
  ``ContractType`` (Permanent, Fixed Term Contract...). 'Other' or a blank says nothing,
  and the post reads as permanent; the header lists those posts.
- ``holder`` is ``Name`` unless it is a sentinel: NA, N/A, N/D, REDACTED, Vacant or blank,
  in any case. ``directorate`` is ``Directorate`` unless NA or blank.
- Post ids are made from the job title (``chief-digital-officer``; a second post of the
  same title gets ``-2``). Capabilities are mapped from the title; only the top post is
  taken as head of paid service.
- The authority is named from ``OrganisationLabel``; its type comes from
  ``OrganisationURI`` (``.../id/metropolitan-district-council/...`` is
  metropolitan_borough; london-borough-council, county-council, district-council and
  unitary-authority likewise), else it is 'other' and the header says to set it. The
  chart is dated by ``EffectiveDate`` (the most common, with a note when rows differ).
- A ``Level`` that is not a whole number from 1, or a blank ``JobTitle``, is a located
  error, and every such cell of the file is reported at once.
- A council whose headers differ maps them onto these with ``--columns FILE``: a YAML
  mapping such as ``{"Job Title": JobTitle, "Tier": Level}``.
"""

from __future__ import annotations

from leadaudit.errors import MAX_PROBLEMS, InputError, Problem
from leadaudit.importers.capability_map import Mapping
from leadaudit.importers.imported import Imported
from leadaudit.importers.lga.columns import apply_columns, columns_of, load_columns
from leadaudit.importers.lga.posts import make_chart
from leadaudit.importers.lga.rows import read_entries
from leadaudit.importers.table import Table

__all__ = ["apply_columns", "build", "detect", "load_columns"]


def detect(table: Table) -> bool:
    """Whether the header is (or maps onto) the LGA one."""
    return table.column("JobTitle") is not None and table.column("Level") is not None


def _raise(problems: list[Problem]) -> None:
    ordered = sorted(dict.fromkeys(problems), key=lambda p: (p.line or 0, p.col or 0))
    raise InputError(ordered[:MAX_PROBLEMS], max(len(ordered) - MAX_PROBLEMS, 0))


def build(table: Table, data: bytes, mapping: Mapping, columns: dict[str, str] | None) -> Imported:
    """The chart a council's CSV describes (its headers renamed by ``columns`` first);
    every bad cell of the file in one InputError."""
    if columns:
        table = apply_columns(table, columns)
    cols = columns_of(table)
    if not table.rows:
        raise InputError([table.problem(None, 0, "no posts: the file has only a header")])
    entries, problems = read_entries(table, cols)
    if problems:
        _raise(problems)
    return make_chart(table, cols, entries, mapping, data)
