"""The report's org-chart diagram: a Mermaid flowchart of the posts that bear on the findings."""

from __future__ import annotations

from collections.abc import Sequence

from leadaudit.findings import AuditResult, ChartPost, ChartSummary
from leadaudit.reporters.escape import mermaid_label

BREAK = "<br/>"

#: class name -> Mermaid style; only the classes a diagram uses are written
CLASS_STYLES: dict[str, str] = {
    "leader": "stroke:#111827,stroke-width:4px",
    "temporary": "fill:#fef9c3,stroke:#a16207,color:#111827",
    "contracted": "fill:#fee2e2,stroke:#b91c1c,color:#111827",
    "shared": "fill:#dbeafe,stroke:#1d4ed8,color:#111827",
    "vacant": "fill:#f3f4f6,stroke:#6b7280,color:#6b7280",
    "missing": "fill:#ffffff,stroke:#b91c1c,color:#b91c1c,stroke-dasharray:6 4",
    "more": "fill:#f9fafb,stroke:#9ca3af,color:#4b5563",
}

_BASIS_CLASS = {
    "interim": "temporary",
    "fixed_term": "temporary",
    "agency": "contracted",
    "contractor": "contracted",
    "outsourced": "contracted",
    "shared_service": "shared",
    "as_a_service": "shared",
    "vacant": "vacant",
}


def leader_distance(depth: int) -> str:
    """How far the digital leader sits from the top, in words."""
    if depth == 0:
        return "at the top"
    return f"{depth} level{'s' if depth != 1 else ''} below the top"


def join_words(words: Sequence[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def _post_label(post: ChartPost, is_leader: bool, rules: list[str]) -> str:
    lines = [mermaid_label(post.title)]
    notes = []
    if post.basis != "permanent":
        notes.append(post.basis.replace("_", " "))
    if post.leadership_team and post.depth > 0:
        notes.append("leadership team")
    if notes:
        lines.append(mermaid_label(", ".join(notes)))
    if is_leader:
        lines.append(mermaid_label(f"Digital leader, {leader_distance(post.depth)}"))
    if rules:
        lines.append(mermaid_label("Findings: " + ", ".join(rules)))
    return BREAK.join(lines)


def node_id(prefix: str, ident: str) -> str:
    """A Mermaid node id made from an id of the chart: the same id gives the same node on
    every run, so adding a post changes only that post's lines. ASCII letters and digits
    stay; any other character becomes ``_hex_``, so two ids never meet."""
    body = "".join(ch if ch.isascii() and ch.isalnum() else f"_{ord(ch):x}_" for ch in ident)
    return f"{prefix}_{body}"


def flowchart(result: AuditResult) -> str:
    """The Mermaid source (without the code fence) for a result's chart summary."""
    chart: ChartSummary | None = result.chart
    if chart is None or not chart.posts:
        return ""
    node = {post.id: node_id("p", post.id) for post in chart.posts}
    by_id = {post.id: post for post in chart.posts}
    chain: set[str] = set()
    current = chart.leader if chart.leader in by_id else None
    while current is not None and current in by_id:
        chain.add(current)
        current = by_id[current].parent
    findings: dict[str, list[str]] = {}
    for f in result.findings:
        if f.subject_kind == "post" and f.subject in node:
            seen = findings.setdefault(f.subject, [])
            if f.rule not in seen:
                seen.append(f.rule)

    nodes: list[str] = []
    edges: list[str] = []
    classes: dict[str, list[str]] = {}
    for post in chart.posts:
        nid = node[post.id]
        label = _post_label(post, post.id == chart.leader, findings.get(post.id, []))
        nodes.append(f'    {nid}["{label}"]')
        if post.parent is not None and post.parent in node:
            arrow = "==>" if post.id in chain else "-->"
            edges.append(f"    {node[post.parent]} {arrow} {nid}")
        basis_class = _BASIS_CLASS.get(post.basis)
        if basis_class:
            classes.setdefault(basis_class, []).append(nid)
        if post.id == chart.leader:
            classes.setdefault("leader", []).append(nid)
    for post in chart.posts:
        if post.hidden_below:
            xid = node_id("x", post.id)
            noun = "post" if post.hidden_below == 1 else "posts"
            nodes.append(f'    {xid}["{mermaid_label(f"+{post.hidden_below} other {noun}")}"]')
            edges.append(f"    {node[post.id]} --> {xid}")
            classes.setdefault("more", []).append(xid)
    anchor = node[chart.leader] if chart.leader in node else node[chart.posts[0].id]
    for gap in chart.missing:
        mid = node_id("m", gap.rule)
        titles = join_words(gap.titles, "or" if gap.any_of else "and")
        label = BREAK.join([mermaid_label(f"Missing: {titles}"), mermaid_label(gap.rule)])
        nodes.append(f'    {mid}["{label}"]')
        edges.append(f"    {anchor} -.-> {mid}")
        classes.setdefault("missing", []).append(mid)

    lines = ["flowchart TD", *nodes, *edges]
    for name, style in CLASS_STYLES.items():
        if name in classes:
            lines.append(f"    classDef {name} {style}")
    for name in CLASS_STYLES:
        if name in classes:
            lines.append(f"    class {','.join(classes[name])} {name}")
    return "\n".join(lines)
