"""What every rule kind shares: its options model, its verdict, and common look-ups."""

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import field
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from leadaudit.findings import Severity
from leadaudit.messages import list_some
from leadaudit.model import Basis, Frozen, Id, Member, Position, Post
from leadaudit.orgchart import OrgIndex, SubjectKind
from leadaudit.portfolio import DIGITAL_TERMS, NOT_DIGITAL, PortfolioVocabulary
from leadaudit.records import record

DIGITAL_LEADERSHIP = "digital_leadership"


@record
class Gap:
    """Something missing. ``severity`` overrides the rule's own when set."""

    message: str
    subject: str | None = None
    subject_kind: SubjectKind = "authority"
    severity: Severity | None = None
    found: str | None = None
    """What was found, in a few words ('2 levels below', 'outsourced'), where it can change
    while the subject stays: part of the finding's fingerprint, so a waiver that accepted
    one thing does not cover another."""


@record
class Met:
    """Something in place.

    A message that lists posts as ``prefix`` and what ``label`` calls them names them in
    ``posts`` (their ids): a post that another rule reports as a gap is then taken out of
    the list, so "in place" never names a post the findings say falls short.
    """

    message: str
    subject: str | None = None
    prefix: str | None = None
    posts: tuple[str, ...] = ()
    label: Callable[[str], str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def listing(cls, prefix: str, posts: Iterable[str], label: Callable[[str], str]) -> "Met":
        """'prefix' followed by what ``label`` calls each of ``posts``, the first as subject.
        Only the posts the message names are labelled: a capability can have tens of
        thousands of holders on a large chart, and past the first few they are counted."""
        ids = tuple(posts)
        message = prefix + join_labels(map(label, ids[:MAX_NAMED]), count=len(ids))
        return cls(message, ids[0] if ids else None, prefix, ids, label)

    def without(self, post_ids: Collection[str]) -> "Met | None":
        """This message without the listed posts in ``post_ids``; None when none is left."""
        if self.prefix is None or self.label is None or not self.posts:
            return self
        kept = [pid for pid in self.posts if pid not in post_ids]
        if len(kept) == len(self.posts):
            return self
        return Met.listing(self.prefix, kept, self.label) if kept else None


@record
class Verdict:
    """The outcome of one rule on one org chart."""

    gaps: tuple[Gap, ...] = ()
    met: tuple[Met, ...] = ()
    not_applicable: str | None = None
    not_assessable: str | None = None
    """The chart does not record what the rule needs: what is missing and what to record."""


@record
class Context:
    """What a rule kind may look at: the org chart and the framework's capability titles."""

    org: OrgIndex
    capability_titles: Mapping[str, str]

    def cap_title(self, capability: str) -> str:
        """A capability's title as written in the framework: the form that reads
        mid-sentence ('data sharing', 'Caldicott guardian'); ``sentence()`` starts one."""
        return self.capability_titles.get(capability, capability.replace("_", " "))

    def leader(self, capability: str) -> Post | None:
        """The post holding ``capability`` nearest the top (the digital leader by default)."""
        holders = self.org.holders(capability)
        return holders[0] if holders else None

    def describe(self, post: Post) -> str:
        """A post's label with its basis when that is not permanent, and who provides it
        until when where recorded: 'Enterprise Architect (ea), outsourced to Sopra Steria
        until 2027-03-31'."""
        label = self.org.label(post.id)
        return label if post.basis is Basis.permanent else f"{label}, {arrangement(post)}"

    def describe_post(self, post_id: str) -> str:
        """``describe`` of the post with this id."""
        return self.describe(self.org.posts[post_id])


class RuleKind(Frozen):
    """Base of every rule kind's options; ``kind`` selects the implementation."""

    kind: str  # each kind narrows this to its own registry name (a Literal)

    uses_lines: ClassVar[bool] = False
    """Whether the kind's findings rest on reporting lines (depth, the posts above or
    below): a finding on a post whose line up to the top was inferred by an importer then
    says so."""

    def evaluate(self, ctx: Context) -> Verdict:  # pragma: no cover - abstract
        """This check's verdict on the org chart: gaps, what is met, or why it does not apply."""
        raise NotImplementedError

    def capabilities_used(self) -> set[str]:
        """Capability ids this check refers to, so a framework can be checked for typos."""
        return set()

    def severity_note(self, severity: str) -> str | None:  # noqa: ARG002 - kinds may use it
        """How the rule's severity varies with what is found, for ``rules``; None when it
        does not."""
        return None


class LeaderCheck(RuleKind):
    """A check about the digital leader: the post holding ``leader`` nearest the top."""

    leader: Id = DIGITAL_LEADERSHIP
    """Capability that marks the digital leader."""

    def capabilities_used(self) -> set[str]:
        """The capability ids the options name: the leader's."""
        return {self.leader}


DEFAULT_POSITIONS = [
    Position.leader,
    Position.mayor,
    Position.cabinet_member,
    Position.committee_chair,
]
DEFAULT_KEYWORDS = list(DIGITAL_TERMS)
DEFAULT_EXCLUSIONS = list(NOT_DIGITAL)

Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
"""A word or phrase of the portfolio vocabulary."""


class PoliticalLeadCheck(RuleKind):
    """A check about the political digital lead.

    The lead is a member in one of ``positions`` who is stated to be it
    (``digital_lead: true``), or, when no member is, whose portfolio includes digital by
    the portfolio vocabulary (``leadaudit.portfolio``).
    """

    positions: list[Position] = Field(default_factory=lambda: list(DEFAULT_POSITIONS))
    """Positions that can be the political digital lead."""
    portfolio_keywords: list[Term] = Field(
        default_factory=lambda: list(DEFAULT_KEYWORDS), min_length=1
    )
    """Words and phrases that mark a portfolio or committee remit as including digital, in
    place of the default ones: whole words, any case, except that a term written wholly in
    capitals (IT) matches only in capitals."""
    extend_portfolio_keywords: list[Term] = Field(default_factory=list)
    """Words and phrases that count as digital in addition to portfolio_keywords."""
    portfolio_exclusions: list[Term] = Field(default_factory=lambda: list(DEFAULT_EXCLUSIONS))
    """Phrases set aside before the keywords are looked for, in place of the default ones:
    remits that contain a keyword but are not digital ('data protection')."""
    extend_portfolio_exclusions: list[Term] = Field(default_factory=list)
    """Phrases set aside in addition to portfolio_exclusions."""

    def vocabulary(self) -> PortfolioVocabulary:
        """The terms and exclusions this check matches portfolios with."""
        return PortfolioVocabulary(
            (*self.portfolio_keywords, *self.extend_portfolio_keywords),
            (*self.portfolio_exclusions, *self.extend_portfolio_exclusions),
        )

    def stated_leads(self, ctx: Context) -> list[Member]:
        """Members stated to be the political digital lead (``digital_lead: true``), in any
        position."""
        return [m for m in ctx.org.members.values() if m.digital_lead]

    def political_leads(self, ctx: Context) -> list[Member]:
        """Members in one of ``positions`` who are the political digital lead: those stated
        to be it when any member is, else those whose portfolio includes digital (and who
        are not stated not to be it)."""
        stated = self.stated_leads(ctx)
        if stated:
            return [m for m in stated if m.position in self.positions]
        words = self.vocabulary()
        return [
            m
            for m in ctx.org.members.values()
            if m.position in self.positions
            and m.digital_lead is None
            and words.includes_digital(m.portfolio)
        ]


_SUPPLIED_PREPOSITION = {Basis.outsourced: "to"}
"""How a basis joins its supplier: outsourced *to* a firm, any other basis *from* one."""


def supply(post: Post, preposition: str = "from") -> str:
    """Who provides a post and until when, as recorded (' from Hays until 2026-01-31');
    empty when neither is."""
    text = f" {preposition} {post.supplier}" if post.supplier else ""
    if post.contract_ends is not None:
        text += f" until {post.contract_ends.isoformat()}"
    return text


def arrangement(post: Post) -> str:
    """A post's basis in words, with its supplier and contract end where recorded:
    'outsourced to Sopra Steria until 2027-03-31', 'interim until 2026-01-31', 'vacant'."""
    words = post.basis.value.replace("_", " ")
    return words + supply(post, _SUPPLIED_PREPOSITION.get(post.basis, "from"))


#: how many names a message lists before it counts the rest ("and 1,234 more")
MAX_NAMED = 10


def sentence(text: str) -> str:
    """``text`` with its first letter capitalised: for messages that open with a capability
    title (never with names from the input, which stay as written)."""
    return text[:1].upper() + text[1:]


def join_labels(labels: Iterable[str], conjunction: str = "and", count: int | None = None) -> str:
    """'a, b and c' (or with 'or'); past MAX_NAMED items, the first ten and a count of the rest.
    With ``count``, ``labels`` may hold only the first MAX_NAMED of that many items.

    The labels themselves are left alone, so titles containing 'and' read as written.
    """
    return list_some(list(labels), MAX_NAMED, last=f" {conjunction} ", count=count)
