"""A diff as text for a terminal (wrapped to its width) or a log (one line per item)."""

from __future__ import annotations

from leadaudit.diff.model import (
    AreaChange,
    ChartDiff,
    Coverage,
    LeaderChange,
    Move,
    Pair,
    PostRef,
    depth_words,
    score_words,
    status_words,
)
from leadaudit.findings import Finding, bullet_label
from leadaudit.messages import list_some, plural
from leadaudit.sanitize import one_line
from leadaudit.terminal import wrap

HEADER_LINES = 3
"""The lines before the first section: the files, the headline and the overall score."""


def _change(before: str, after: str, arrow: str = "->") -> str:
    """'a -> b', or 'a' when nothing changed."""
    return before if before == after else f"{before} {arrow} {after}"


def _where(post: PostRef) -> str:
    """'Digital, 2 levels below the top' for a post."""
    place = depth_words(post.depth)
    return f"{post.directorate}, {place}" if post.directorate else place


def _how(pair: Pair) -> str:
    """' (matched by title)' for a post found other than by id."""
    return "" if pair.by.value == "id" else f" (matched {pair.by.words})"


def _finding(f: Finding) -> str:
    return f"{f.rule} {f.severity.value}: {f.message}"


def _note(change: str | None) -> str:
    """' (was a warning before)' for a finding that replaces an old one."""
    return f" ({change})" if change else ""


def area_lines(area: AreaChange) -> list[tuple[str, str]]:
    """(indent, text) lines for an area that changed: the heading, then its new and fixed
    findings, then the count of those persisting."""
    status = _change(status_words(area.old_status), status_words(area.new_status))
    score = _change(score_words(area.old_score), score_words(area.new_score))
    out = [("  ", f"{area.title} ({bullet_label(area.bullet)}): {status}, {score}")]
    out += [("    ", f"new: {_finding(f)}{_note(area.change(f))}") for f in area.new]
    out += [("    ", f"fixed: {_finding(f)}") for f in area.fixed]
    if area.persisting:
        out.append(("    ", f"{len(area.persisting)} persisting"))
    return out


def _areas(diff: ChartDiff) -> list[tuple[str, str]]:
    changed = [a for a in diff.areas if a.changed]
    rest = [a for a in diff.areas if not a.changed]
    out: list[tuple[str, str]] = [("", "Areas:")] if changed else []
    for area in changed:
        out += area_lines(area)
    if rest:
        persisting = sum(len(a.persisting) for a in rest)
        names = list_some([f"{a.title} ({status_words(a.new_status)})" for a in rest], 10)
        kept = f"; {plural(persisting, 'finding')} persisting" if persisting else ""
        out.append(("", f"Unchanged: {names}{kept}"))
    return out


def _posts(diff: ChartDiff) -> list[tuple[str, str]]:
    counts = (
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.retitled)} retitled "
        f"({diff.old.posts} before, {diff.new.posts} after)"
    )
    out = [("", f"Posts: {counts}")]
    if diff.imported:
        how = ", ".join(f"{n} {by.words}" for by, n in diff.matched_by)
        out.append(("  ", f"imported charts, ids generated: posts matched {how or 'none'}"))
    out += [("  ", f"added: {p.label}, {_where(p)}") for p in diff.added]
    out += [("  ", f"removed: {p.label}, {_where(p)}") for p in diff.removed]
    out += [
        ("  ", f"retitled: {p.old.title} -> {p.new.title} ({_ids(p)}){_how(p)}")
        for p in diff.retitled
    ]
    out += [("  ", f"id changed: {p.label}{_how(p)}") for p in diff.rematched]
    return out


def _ids(pair: Pair) -> str:
    return _change(pair.old.id, pair.new.id)


def _move(m: Move) -> str:
    was = m.old_manager.label if m.old_manager else "no one (the top post)"
    now = m.new_manager.label if m.new_manager else "no one (the top post)"
    depth = _change(str(m.pair.old.depth), str(m.pair.new.depth))
    notes = [f"levels below the top: {depth}"] + (["digital leader"] if m.leader else [])
    if m.inferred:
        notes.append(f"inferred line, {m.inferred} confidence")
    return f"{m.pair.label}: {was} -> {now} ({'; '.join(notes)}){_how(m.pair)}"


def leader_text(change: LeaderChange, arrow: str = "->") -> str:
    """The digital leader's change: 'Chief Digital Officer (cdo), 2 levels below the top
    -> 1 level below the top'."""
    if change.same_post and change.old and change.new:
        where = _change(depth_words(change.old.depth), depth_words(change.new.depth), arrow)
        return f"{change.new.label}, {where}"
    was = f"{change.old.label}, {depth_words(change.old.depth)}" if change.old else "none"
    now = f"{change.new.label}, {depth_words(change.new.depth)}" if change.new else "none"
    return f"{was} {arrow} {now}"


def _coverage(kind: str, c: Coverage) -> str:
    held = ", ".join(p.label for p in c.holders)
    text = f"{kind}: {c.title} ({c.capability}): {'now ' if kind == 'gained' else 'was '}{held}"
    if c.vacant:
        text += f"; named now only by vacant {', '.join(p.label for p in c.vacant)}"
    return text


def _structure(diff: ChartDiff) -> list[tuple[str, str]]:
    out = _posts(diff)
    if diff.moves:
        out.append(("", f"Reporting lines moved ({len(diff.moves)}):"))
        out += [("  ", _move(m)) for m in diff.moves]
    if diff.leader is not None:
        out.append(("", f"Digital leader: {leader_text(diff.leader)}"))
    if diff.basis:
        out.append(("", f"Basis changed ({len(diff.basis)}):"))
        for b in diff.basis:
            text = f"{b.pair.label}: {b.pair.old.basis} -> {b.pair.new.basis}{_how(b.pair)}"
            out.append(("  ", text))
    if diff.gained or diff.lost:
        out.append(("", "Capabilities covered:"))
        out += [("  ", _coverage("gained", c)) for c in diff.gained]
        out += [("  ", _coverage("lost", c)) for c in diff.lost]
    return out


def render_text(diff: ChartDiff, width: int | None) -> str:
    """The diff as text: lines wrapped to ``width``, or one line per item when None."""
    authority = f"{diff.new.authority} ({diff.new.authority_type.replace('_', ' ')})"
    framework = f"framework {diff.framework} {diff.framework_version}"
    lines: list[tuple[str, str]] = [
        ("", f"{diff.old.file} -> {diff.new.file}: {authority}, {framework}"),
        ("", diff.headline()),
        ("  ", f"Overall {_change(score_words(diff.old.score), score_words(diff.new.score))}"),
    ]
    lines += _areas(diff)
    lines += _structure(diff)
    out: list[str] = []
    for at, (indent, text) in enumerate(lines):
        if not indent and at >= HEADER_LINES:
            out.append("")  # a blank line before each section
        out += wrap(one_line(text), width, indent, indent + "    ")
    return "\n".join(out) + "\n"
