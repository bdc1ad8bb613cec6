"""Frozen pydantic models of the org chart file (format version 1)."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic.dataclasses import dataclass

from leadaudit.kinds import AuthorityType as AuthorityType  # re-exported for the models

FORMAT_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=100),
]
"""An identifier: letters, digits, ``_``, ``.`` and ``-``, starting with a letter or digit."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


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
    capabilities: list[Id] = Field(default_factory=list)
    """Capability ids (from the framework) that the role provides."""
    description: Text | None = None
    """What the role does, in a sentence or two."""


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
    roles: list[Id] = Field(default_factory=list)
    """Ids of role definitions (under 'roles:') that this post holds."""
    capabilities: list[Id] = Field(default_factory=list)
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
    shared_with: list[Text] = Field(default_factory=list)
    """For a shared or 'as a service' post: the partner organisations sharing it."""
    hosted_by: Text | None = None
    """For a shared_service post: the authority hosting it (omit when this authority hosts it)."""
    works_with: list[Id] = Field(default_factory=list)
    """Ids of posts or members this post has a recorded working relationship with."""
    responsibilities: list[Text] = Field(default_factory=list)
    """Free-text responsibilities, shown in reports."""
    evidence: list[Text] = Field(default_factory=list)
    """Links or references that evidence the post (job description, committee paper...)."""


class Member(Frozen):
    """An elected member (councillor or mayor)."""

    id: Id
    """Unique id of the member."""
    name: Text
    """The member's name."""
    position: Position
    """leader, mayor, cabinet_member, committee_chair or member."""
    portfolio: list[Text] = Field(default_factory=list)
    """Portfolio areas or committee remits, e.g. [digital, customer services]."""
    digital_lead: bool | None = None
    """Whether this member is the political digital lead, stated outright: true whatever
    the portfolio's words, false not whatever they say. Omitted, the portfolio decides
    (digital, IT, ICT, technology, data... see the README). Once one member is stated to
    be the lead, the portfolios of the others are not looked at."""
    digital_experience: Text | None = None
    """Digital knowledge, experience or training the member brings."""
    works_with: list[Id] = Field(default_factory=list)
    """Ids of posts or members this member has a recorded working relationship with."""
    evidence: list[Text] = Field(default_factory=list)
    """Links or references that evidence the position."""


class DigitalStrategy(Frozen):
    """The authority's digital strategy and who owns it."""

    title: Text
    """Title of the strategy document."""
    owners: list[Id] = Field(default_factory=list)
    """Ids of the posts and members who jointly own the strategy."""
    adopted: Text | None = None
    """When it was adopted (free text, e.g. 2025-03)."""
    url: Text | None = None
    """Where the strategy is published."""


class OrgChart(Frozen):
    """An org chart file: the authority, its roles, posts and elected members."""

    leadaudit: int
    """Format version of the file; must be 1."""
    authority: Authority
    """The authority being audited."""
    roles: dict[Id, RoleDefinition] = Field(default_factory=dict)
    """Role definitions, keyed by role id."""
    posts: list[Post] = Field(min_length=1)
    """The posts on the org chart."""
    members: list[Member] = Field(default_factory=list)
    """Elected members relevant to digital leadership."""
    digital_strategy: DigitalStrategy | None = None
    """The authority's digital strategy, if it has one."""

    @field_validator("leadaudit")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(f"unsupported format version {value}; this leadaudit reads version 1")
        return value
