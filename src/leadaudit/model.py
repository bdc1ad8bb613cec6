"""Frozen pydantic models of the org chart file (format version 1)."""

import dataclasses
import re
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic.dataclasses import dataclass

from leadaudit.kinds import AuthorityType as AuthorityType  # re-exported for the models
from leadaudit.noitems import NO_ITEMS as NO_ITEMS  # re-exported: the posts' empty list
from leadaudit.noitems import no_items

FORMAT_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=100),
]
"""An identifier: letters, digits, ``_``, ``.`` and ``-``, starting with a letter or digit."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_only(value: object) -> object:
    """A date is written YYYY-MM-DD: not a number of seconds, not a date and time."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError(f"{str(value)!r} is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:  # '2027-02-30': the form is right, the day is not
        raise ValueError(f"{value!r} is not a day of the calendar") from None


Date = Annotated[date, BeforeValidator(date_only)]
"""A calendar date written YYYY-MM-DD."""


def new_list() -> list[Any]:
    """A new empty list, as a default factory: pydantic reads a Python function's
    signature directly, but a builtin's (``list``) only by tokenizing its text signature,
    which costs each run the tokenizer's start-up."""
    return []


def new_dict() -> dict[Any, Any]:
    """A new empty mapping, as a default factory (see new_list)."""
    return {}


_FIELD_DOCS: dict[type, dict[str, str]] = {}


def field_docs(cls: type) -> dict[str, str]:
    """The docstring written under each field of a model class, by field name."""
    cached = _FIELD_DOCS.get(cls)
    if cached is not None:
        return cached
    import ast  # only when a schema is made: kept out of start-up
    import inspect
    import textwrap

    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        is_model = isinstance(klass, type) and issubclass(klass, BaseModel)
        if not (is_model or dataclasses.is_dataclass(klass)) or klass is BaseModel:
            continue
        try:
            source = textwrap.dedent(inspect.getsource(klass))
        except (OSError, TypeError):  # pragma: no cover - no source (frozen app)
            continue
        body = ast.parse(source).body[0]
        if not isinstance(body, ast.ClassDef):  # pragma: no cover - defensive
            continue
        for field, doc in zip(body.body, body.body[1:], strict=False):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr)
                and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            ):
                docs[field.target.id] = inspect.cleandoc(doc.value.value)
    _FIELD_DOCS[cls] = docs
    return docs


def _describe_fields(schema: dict[str, Any], cls: type[Any]) -> None:
    """Put each field's docstring into the JSON Schema as its description."""
    docs = field_docs(cls)
    for name, prop in schema.get("properties", {}).items():
        if name in docs and isinstance(prop, dict) and "description" not in prop:
            prop["description"] = docs[name]


READ_CONFIG = ConfigDict(
    extra="forbid",
    hide_input_in_errors=True,
    json_schema_extra=_describe_fields,
    defer_build=True,
)
"""Unknown keys rejected, field docstrings in the JSON Schema, validators built on first use.

Field docstrings are read from the source only when a schema is made: pydantic's
use_attribute_docstrings reads them for every class at import, which cost a fifth of a
`leadaudit check` of a small file. Validators are likewise built on first use
(defer_build), so a run builds only those of the models it validates.
"""


class Frozen(BaseModel):
    """Base for every model read from a file: immutable, and see READ_CONFIG."""

    model_config = ConfigDict(frozen=True, **READ_CONFIG)


class Governance(str, Enum):
    """How the authority's executive decisions are taken."""

    leader_cabinet = "leader_cabinet"
    mayor_cabinet = "mayor_cabinet"
    committee = "committee"


class Basis(str, Enum):
    """The employment basis of a post."""

    permanent = "permanent"
    fixed_term = "fixed_term"
    interim = "interim"
    agency = "agency"
    contractor = "contractor"
    outsourced = "outsourced"
    shared_service = "shared_service"
    as_a_service = "as_a_service"
    vacant = "vacant"


IN_HOUSE_BASES = frozenset({Basis.permanent, Basis.fixed_term, Basis.interim, Basis.shared_service})
"""Bases under which the authority itself holds a skill (Recommendation 20, bullet 4)."""

SHARED_BASES = frozenset({Basis.shared_service, Basis.as_a_service})

SUPPLIED_BASES = (
    Basis.interim,
    Basis.agency,
    Basis.contractor,
    Basis.outsourced,
    Basis.as_a_service,
)
"""Bases under which a firm or body outside the authority may provide the post (supplier)."""

_SUPPLIED = ", ".join(b.value for b in SUPPLIED_BASES[:-1]) + f" or {SUPPLIED_BASES[-1].value}"
_NO_SUPPLIER = {
    Basis.permanent: "a permanent post (the basis when none is given) has no supplier; "
    f"set basis to {_SUPPLIED}, or remove supplier",
    Basis.fixed_term: "a fixed_term post is employed by the authority and has no supplier; "
    f"set basis to {_SUPPLIED}, or remove supplier",
    Basis.shared_service: "a shared_service post is provided by an authority: name it in "
    "hosted_by, not supplier",
    Basis.vacant: "a vacant post has no supplier; remove supplier, or give the basis the "
    "post is filled on",
}
"""Why a post on each of these bases cannot name a supplier, and what to do."""

_NO_CONTRACT_END = {
    Basis.permanent: "a permanent post (the basis when none is given) has no contract end; "
    "set the basis it is held on, or remove contract_ends",
    Basis.vacant: "a vacant post has no contract end; remove contract_ends, or give the "
    "basis the post is filled on",
}
"""Why a post on each of these bases cannot have a contract end, and what to do."""


class Position(str, Enum):
    """An elected member's position."""

    leader = "leader"
    mayor = "mayor"
    cabinet_member = "cabinet_member"
    committee_chair = "committee_chair"
    member = "member"


class Authority(Frozen):
    """The authority whose structure is audited."""

    name: Text
    """The authority's name, e.g. 'Exampleshire County Council'."""
    type: AuthorityType
    """county, district, unitary, metropolitan_borough, london_borough, combined_authority or other."""
    governance: Governance | None = None
    """leader_cabinet, mayor_cabinet or committee."""
    adult_social_care: bool | None = None
    """Whether the authority has adult social care functions (a Caldicott guardian is then expected)."""


class RoleDefinition(Frozen):
    """A role a post can hold: what it is responsible for."""

    title: Text
    """Human-readable name of the role."""
    capabilities: list[Id] = Field(default_factory=new_list)
    """Capability ids (from the framework) that the role provides."""
    description: Text | None = None
    """What the role does, in a sentence or two."""


class Confidence(str, Enum):
    """How sure an importer is of a value it inferred."""

    high = "high"
    medium = "medium"
    low = "low"


class Inference(Frozen):
    """A value an importer inferred for a post, and from what."""

    field: Literal["reports_to", "capabilities", "basis"]
    """The field of the post the value went into."""
    value: Text
    """The value inferred: a post id, a capability id or a basis."""
    source: Text
    """What it was inferred from, in words (the columns, the mapping rule that matched)."""
    confidence: Confidence
    """high, medium or low."""
    ambiguous: bool = False
    """Whether the source allowed several answers; ``candidates`` lists the others."""
    candidates: list[Id] = Field(default_factory=new_list)
    """The other posts the line could have gone to, when ambiguous."""


# A post is the one model a file has thousands of, so it is a pydantic dataclass with
# slots rather than a BaseModel: the same validation and schema, without a __dict__ and a
# set of the fields given in each instance. That is a third of the memory (53 MB rather
# than 170 MB for 100,000 posts) and faster to build and to read.
@dataclass(frozen=True, slots=True, config=READ_CONFIG)
class Post:
    """One post on the org chart."""

    id: Id
    """Unique id of the post; other posts name it in reports_to."""
    title: Text
    """Job title, as published."""
    roles: list[Id] = Field(default_factory=no_items)
    """Ids of role definitions (under 'roles:') that this post holds."""
    capabilities: list[Id] = Field(default_factory=no_items)
    """Capability ids this post provides directly, in addition to those of its roles."""
    reports_to: Id | None = None
    """Id of the post this one reports to; omitted or null only for the top post."""
    basis: Basis = Basis.permanent
    """Employment basis: permanent (default), fixed_term, interim, agency, contractor,
    outsourced, shared_service, as_a_service or vacant."""
    holder: Text | None = None
    """Name of the person holding the post, if published."""
    directorate: Text | None = None
    """Directorate or department the post sits in."""
    leadership_team: bool = False
    """Whether the post sits on the corporate leadership team (counts as reporting to the top)."""
    shared_with: list[Text] = Field(default_factory=no_items)
    """For a shared or 'as a service' post: the partner organisations sharing it."""
    hosted_by: Text | None = None
    """For a shared_service post: the authority hosting it (omit when this authority hosts it)."""
    supplier: Text | None = None
    """For a post provided from outside the authority (outsourced, contractor, agency,
    interim or as_a_service): the firm or body that provides it, e.g. the managed-service
    company or the agency. Findings about the post name it."""
    contract_ends: Date | None = None
    """When the contract or arrangement that provides the post ends (YYYY-MM-DD), e.g. the
    end of an outsourcing contract or of a fixed-term or interim appointment."""
    works_with: list[Id] = Field(default_factory=no_items)
    """Ids of posts or members this post has a recorded working relationship with."""
    responsibilities: list[Text] = Field(default_factory=no_items)
    """Free-text responsibilities, shown in reports."""
    evidence: list[Text] = Field(default_factory=no_items)
    """Links or references that evidence the post (job description, committee paper...)."""
    inferred: list[Inference] = Field(default_factory=no_items)
    """Values an importer worked out because its source does not state them (a reporting
    line from Level and Directorate, capabilities from the job title), each with where it
    came from and how sure it is. Confirm or correct them, then delete the entry."""

    @field_validator("supplier")
    @classmethod
    def _supplier_fits_basis(cls, value: str | None, info: ValidationInfo) -> str | None:
        refused = _NO_SUPPLIER.get(info.data.get("basis"))  # type: ignore[arg-type]
        if value is not None and refused is not None:
            raise ValueError(refused)
        return value

    @field_validator("contract_ends")
    @classmethod
    def _contract_end_fits_basis(cls, value: date | None, info: ValidationInfo) -> date | None:
        refused = _NO_CONTRACT_END.get(info.data.get("basis"))  # type: ignore[arg-type]
        if value is not None and refused is not None:
            raise ValueError(refused)
        return value


class Member(Frozen):
    """An elected member (councillor or mayor)."""

    id: Id
    """Unique id of the member."""
    name: Text
    """The member's name."""
    position: Position
    """leader, mayor, cabinet_member, committee_chair or member."""
    portfolio: list[Text] = Field(default_factory=new_list)
    """Portfolio areas or committee remits, e.g. [digital, customer services]."""
    digital_lead: bool | None = None
    """Whether this member is the political digital lead, stated outright: true whatever
    the portfolio's words, false not whatever they say. Omitted, the portfolio decides
    (digital, IT, ICT, technology, data... see the README). Once one member is stated to
    be the lead, the portfolios of the others are not looked at."""
    digital_experience: Text | None = None
    """Digital knowledge, experience or training the member brings."""
    works_with: list[Id] = Field(default_factory=new_list)
    """Ids of posts or members this member has a recorded working relationship with."""
    evidence: list[Text] = Field(default_factory=new_list)
    """Links or references that evidence the position."""


class DigitalStrategy(Frozen):
    """The authority's digital strategy and who owns it."""

    title: Text
    """Title of the strategy document."""
    owners: list[Id] = Field(default_factory=new_list)
    """Ids of the posts and members who jointly own the strategy."""
    adopted: Text | None = None
    """When it was adopted (free text, e.g. 2025-03)."""
    url: Text | None = None
    """Where the strategy is published."""


class ImportSource(Frozen):
    """The published file an imported chart came from."""

    file: Text
    """Its name, as given to the importer."""
    sha256: Text
    """The SHA-256 of its bytes."""
    format: Text
    """lga (a council's Transparency Code CSV) or organogram (a data.gov.uk organogram)."""
    date: Text | None = None
    """The date the file gives for its data, when it gives one."""


class OrgChart(Frozen):
    """An org chart file: the authority, its roles, posts and elected members."""

    leadaudit: int
    """Format version of the file; must be 1."""
    authority: Authority
    """The authority being audited."""
    roles: dict[Id, RoleDefinition] = Field(default_factory=new_dict)
    """Role definitions, keyed by role id."""
    posts: list[Post] = Field(min_length=1)
    """The posts on the org chart."""
    members: list[Member] = Field(default_factory=new_list)
    """Elected members relevant to digital leadership."""
    digital_strategy: DigitalStrategy | None = None
    """The authority's digital strategy, if it has one."""
    imported_from: ImportSource | None = None
    """For a chart made by ``leadaudit import``: the published file it came from."""

    @field_validator("leadaudit")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(f"unsupported format version {value}; this leadaudit reads version 1")
        return value
