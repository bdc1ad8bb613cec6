"""What ``leadaudit diff`` found between two org charts: frozen values the renderers read."""

from __future__ import annotations

from enum import Enum

from leadaudit.findings import AreaStatus, FailOn, Finding, Verdict
from leadaudit.messages import plural
from leadaudit.records import record


class MatchedBy(str, Enum):
    """How a post of the old chart was found again in the new one."""

    id = "id"
    title_directorate_level = "title_directorate_level"
    """Imported charts only: the same title in the same directorate at the same level."""
    title_directorate = "title_directorate"
    """Imported charts only: the same title in the same directorate, its level changed."""
    title_only = "title"
    """Imported charts only: the same title, its directorate or level changed."""
    similar_title = "similar_title"
    """Imported charts only: a title sharing most of its words, same directorate and level."""

    @property
    def words(self) -> str:
        """'by id', 'by title, directorate and level', ... for a sentence."""
        return _MATCH_WORDS[self]


_MATCH_WORDS = {
    MatchedBy.id: "by id",
    MatchedBy.title_directorate_level: "by title, directorate and level",
    MatchedBy.title_directorate: "by title and directorate",
    MatchedBy.title_only: "by title",
    MatchedBy.similar_title: "by a similar title in the same directorate and level",
}


class BasisKind(str, Enum):
    """What a change of basis means for the post."""

    filled_to_vacant = "filled_to_vacant"
    vacant_to_filled = "vacant_to_filled"
    permanent_to_interim = "permanent_to_interim"
    interim_to_permanent = "interim_to_permanent"
    other = "other"


def depth_words(depth: int) -> str:
    """'the top post', '1 level below the top', '3 levels below the top'."""
    return "the top post" if depth == 0 else f"{plural(depth, 'level')} below the top"


@record
class PostRef:
    """A post as one of the two charts records it."""

    id: str
    title: str
    directorate: str | None
    """Its directorate: its own, else its nearest manager's below the top."""
    depth: int
    """Levels below the top post (0 for the top post)."""
    basis: str

    @property
    def label(self) -> str:
        """'Title (id)'."""
        return f"{self.title} ({self.id})"


@record
class Pair:
    """A post found in both charts."""

    old: PostRef
    new: PostRef
    by: MatchedBy

    @property
    def label(self) -> str:
        """The post as the new chart has it, with its old id when that changed."""
        if self.old.id == self.new.id:
            return self.new.label
        return f"{self.new.title} ({self.old.id} -> {self.new.id})"


@record
class Move:
    """A post whose manager changed."""

    pair: Pair
    old_manager: PostRef | None
    new_manager: PostRef | None
    leader: bool
    """Whether the post is the digital leader in either chart."""
    inferred: str | None
    """The lowest confidence of an importer's inferred reporting line, in either chart, for
    this post; None when both lines are recorded."""


@record
class BasisChange:
    """A post whose basis changed: permanent to interim, filled to vacant, and so on."""

    pair: Pair
    kind: BasisKind


@record
class LeaderChange:
    """The digital leader (the post holding digital leadership nearest the top) changed
    post, or moved nearer to or further from the top."""

    old: PostRef | None
    new: PostRef | None
    same_post: bool


@record
class Coverage:
    """A capability held by some post in one chart and by none in the other."""

    capability: str
    title: str
    holders: tuple[PostRef, ...]
    """Gained: the posts holding it now. Lost: those that held it before."""
    vacant: tuple[PostRef, ...] = ()
    """Lost: vacant posts of the new chart that still name it (they cover nothing)."""


@record
class AreaChange:
    """One area of the framework (a Recommendation 20 bullet) before and after."""

    area: str
    title: str
    bullet: str
    old_status: AreaStatus | None
    new_status: AreaStatus | None
    old_score: float | None
    new_score: float | None
    new: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    persisting: tuple[Finding, ...]
    changes: tuple[tuple[Finding, str], ...] = ()
    """New findings that replace an old one (more severe, or something else found on the
    same rule and subject), with how they differ from it: the old one is not fixed."""

    def change(self, finding: Finding) -> str | None:
        """How a new finding differs from the old finding it replaces, if it does."""
        return next((note for f, note in self.changes if f == finding), None)

    @property
    def changed(self) -> bool:
        """Whether the status, the score or the findings changed."""
        return bool(
            self.new
            or self.fixed
            or self.old_status is not self.new_status
            or self.old_score != self.new_score
        )


@record
class Side:
    """One of the two charts compared, as audited."""

    file: str
    authority: str
    authority_type: str
    posts: int
    imported: bool
    verdict: Verdict
    verdict_text: str
    score: float


@record
class ChartChanges:
    """What changed in the structure of the chart (``charts.compare_charts``)."""

    matched_by: tuple[tuple[MatchedBy, int], ...]
    """How many posts were found again each way, for the methods that found any."""
    added: tuple[PostRef, ...]
    removed: tuple[PostRef, ...]
    retitled: tuple[Pair, ...]
    rematched: tuple[Pair, ...]
    """Posts found again under another id, title unchanged (imported charts)."""
    moves: tuple[Move, ...]
    basis: tuple[BasisChange, ...]
    leader: LeaderChange | None
    gained: tuple[Coverage, ...]
    lost: tuple[Coverage, ...]


@record
class ChartDiff(ChartChanges):
    """Everything that changed between two org charts audited with one framework: the
    structure (``ChartChanges``), the two audits and each area's change."""

    old: Side
    new: Side
    framework: str
    framework_title: str
    framework_version: str
    areas: tuple[AreaChange, ...]

    @property
    def imported(self) -> bool:
        """Whether either chart was imported, so that ids were generated, not given."""
        return self.old.imported or self.new.imported

    def change(self, finding: Finding) -> str | None:
        """How a new finding differs from the old finding it replaces, if it does."""
        return next((c for a in self.areas if (c := a.change(finding)) is not None), None)

    @property
    def new_findings(self) -> tuple[Finding, ...]:
        """Findings of the new chart the old one did not have."""
        return tuple(f for a in self.areas for f in a.new)

    @property
    def fixed_findings(self) -> tuple[Finding, ...]:
        """Findings of the old chart the new one no longer has."""
        return tuple(f for a in self.areas for f in a.fixed)

    @property
    def persisting_findings(self) -> tuple[Finding, ...]:
        """Findings both charts have."""
        return tuple(f for a in self.areas for f in a.persisting)

    def fails(self, fail_on: FailOn) -> bool:
        """Whether a new finding reaches the ``fail_on`` threshold."""
        return any(fail_on.triggered_by(f.severity) for f in self.new_findings)

    @property
    def subject(self) -> str:
        """What the verdict is about: 'Recommendation 20' (the framework title up to ':')."""
        return self.framework_title.split(":", 1)[0].strip()

    def headline(self, arrow: str = "->") -> str:
        """'Recommendation 20: partly meets -> does not meet; 2 new findings, 1 fixed'."""
        before, after = verdict_words(self.old.verdict), verdict_words(self.new.verdict)
        verdict = f"{after} (unchanged)" if before == after else f"{before} {arrow} {after}"
        new, fixed = len(self.new_findings), len(self.fixed_findings)
        found = "no new findings" if not new else plural(new, "new finding")
        mended = "none fixed" if not fixed else f"{fixed} fixed"
        return f"{self.subject}: {verdict}; {found}, {mended}"


def verdict_words(verdict: Verdict) -> str:
    """'meets', 'partly meets' or 'does not meet'."""
    return verdict.value.replace("_", " ")


def status_words(status: AreaStatus | None) -> str:
    """'met', 'partly met', 'not met', 'not assessable'; 'absent' for an area one chart's
    audit does not have."""
    return "absent" if status is None else status.value.replace("_", " ")


def score_words(score: float | None) -> str:
    """'7.5/10', or 'n/a' for an area no rule was applied in."""
    return "n/a" if score is None else f"{score:.1f}/10"
