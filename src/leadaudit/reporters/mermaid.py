"""The report's org-chart diagram: a Mermaid flowchart of the posts that bear on the findings."""

from __future__ import annotations

from collections.abc import Sequence

from leadaudit.findings import AuditResult, ChartMember, ChartPost, ChartSummary
from leadaudit.records import record
from leadaudit.reporters.escape import mermaid_label

BREAK = "<br/>"
#: the most boxes drawn side by side on one level; the rest are counted in "+N" boxes
MAX_PER_RANK = 12
#: the most post titles a team box lists before it counts the rest
TEAM_LINES = 8
#: up to this many missing roles are drawn as boxes of their own; more share one box
MISSING_APART = 3
#: the most members the list of other executive members names
MEMBER_LINES = 6
#: the subgraph of elected members, and its style (not the default yellow, which the key
#: gives to interim posts)
MEMBERS = "c_members"
MEMBERS_STYLE = "fill:#faf5ff,stroke:#a78bfa"
#: narrower labels and tighter spacing than Mermaid's defaults, so that a chart fits a
#: page's width (GitHub and the Mermaid CLI both read this directive)
LAYOUT = '%%{init: {"flowchart": {"wrappingWidth": 150, "nodeSpacing": 24, "rankSpacing": 40}}}%%'

#: class name -> Mermaid style; only the classes a diagram uses are written
CLASS_STYLES: dict[str, str] = {
    "default": "fill:#ffffff,stroke:#6b7280,color:#111827",
    "leader": "stroke:#111827,stroke-width:4px",
    "temporary": "fill:#fef9c3,stroke:#a16207,color:#111827",
    "contracted": "fill:#fee2e2,stroke:#b91c1c,color:#111827",
    "shared": "fill:#dbeafe,stroke:#1d4ed8,color:#111827",
    "vacant": "fill:#f3f4f6,stroke:#6b7280,color:#6b7280",
    "missing": "fill:#ffffff,stroke:#b91c1c,color:#b91c1c,stroke-dasharray:6 4",
    "more": "fill:#f9fafb,stroke:#9ca3af,color:#4b5563",
    "team": "fill:#ffffff,stroke:#9ca3af,color:#111827",
    "lead": "fill:#ede9fe,stroke:#5b21b6,stroke-width:4px,color:#111827",
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


def _others(count: int) -> str:
    return f"+{count} other post{'s' if count != 1 else ''} below"


def _post_label(post: ChartPost, is_leader: bool, rules: list[str], hidden: int = 0) -> str:
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
    if hidden:
        lines.append(mermaid_label(_others(hidden)))
    return BREAK.join(lines)


def node_id(prefix: str, ident: str) -> str:
    """A Mermaid node id made from an id of the chart: the same id gives the same node on
    every run, so adding a post changes only that post's lines. ASCII letters and digits
    stay; any other character becomes ``_hex_``, so two ids never meet."""
    body = "".join(ch if ch.isascii() and ch.isalnum() else f"_{ord(ch):x}_" for ch in ident)
    return f"{prefix}_{body}"


@record(frozen=False)
class _Unit:
    """One box of the diagram: a post, or a team of plain posts under one manager."""

    nid: str
    parent: str | None
    depth: int
    posts: list[ChartPost]
    below: list[int]
    """For each post, how many posts under it the box stands for (folded or left out)."""
    priority: int
    """Which boxes a crowded level keeps first: 0 on the digital leader's line, 1 the
    subject of a finding, 2 otherwise notable (not permanent, leadership team), 3 plain."""


def _team_label(unit: _Unit, hidden: int = 0) -> str:
    lines = []
    for post, below in list(zip(unit.posts, unit.below, strict=True))[:TEAM_LINES]:
        more = f" (+{below} below)" if below else ""
        lines.append(mermaid_label(f"• {post.title}{more}"))
    if len(unit.posts) > TEAM_LINES:
        rest = len(unit.posts) - TEAM_LINES + sum(unit.below[TEAM_LINES:])
        lines.append(mermaid_label(f"+{rest} more post{'s' if rest != 1 else ''}"))
    if hidden:
        lines.append(mermaid_label(f"+{hidden} other post{'s' if hidden != 1 else ''}"))
    return BREAK.join(lines)


def _member_lines(members: Sequence[ChartMember]) -> tuple[list[str], list[str], list[str]]:
    """The members' subgraph: each political digital lead in its own box, the other
    executive members listed in one box below; returns nodes, edges and lead ids."""
    nodes: list[str] = [f'    subgraph {MEMBERS}["Elected members"]', "    direction LR"]
    edges: list[str] = []
    leads: list[str] = []
    previous = None
    for m in members:
        if not m.political_lead:
            continue
        nid = node_id("c", m.id)
        lines = [mermaid_label(m.name), mermaid_label(m.position.replace("_", " "))]
        if m.portfolio:
            lines.append(mermaid_label(", ".join(m.portfolio)))
        lines.append(mermaid_label("Political digital lead"))
        nodes.append(f'    {nid}["{BREAK.join(lines)}"]')
        if previous:
            edges.append(f"    {previous} ~~~ {nid}")
        previous = nid
        leads.append(nid)
    others = [m for m in members if not m.political_lead]
    if others:
        nid = "c_others"
        lines = [
            mermaid_label(f"{m.name} ({m.position.replace('_', ' ')})")
            for m in others[:MEMBER_LINES]
        ]
        if len(others) > MEMBER_LINES:
            lines.append(mermaid_label(f"+{len(others) - MEMBER_LINES} more"))
        nodes.append(f'    {nid}["{BREAK.join(lines)}"]')
        if previous:
            edges.append(f"    {previous} ~~~ {nid}")
    nodes.append("    end")
    return nodes, edges, leads


def _units(chart: ChartSummary, chain: set[str], flagged: set[str]) -> list[_Unit]:
    """The boxes to draw, top first. A plain post (no finding, permanent, off the digital
    leader's line) whose posts below are all plain is folded, with them, into one team box
    per manager, which lists it with the number of posts below it."""
    children: dict[str, list[ChartPost]] = {}
    for post in chart.posts:
        if post.parent is not None:
            children.setdefault(post.parent, []).append(post)

    def priority(post: ChartPost) -> int:
        if post.id in chain:
            return 0
        if post.id in flagged:
            return 1
        if post.basis != "permanent" or (post.leadership_team and post.depth > 0):
            return 2
        return 3

    # bottom up: which posts fold, and how many posts each stands for below it
    folds: dict[str, bool] = {}
    under: dict[str, int] = {}
    for post in reversed(chart.posts):
        kids = children.get(post.id, [])
        under[post.id] = post.hidden_below + sum(1 + under[k.id] for k in kids)
        folds[post.id] = priority(post) == 3 and all(folds[k.id] for k in kids)

    units: list[_Unit] = []
    teams: dict[str, _Unit] = {}
    folded: set[str] = set()
    for post in chart.posts:
        if post.parent in folded:
            folded.add(post.id)
            continue
        parent = post.parent
        if parent is not None and folds[post.id]:
            plain = [k for k in children[parent] if folds[k.id]]
            if len(plain) > 1 or under[post.id]:
                team = teams.get(parent)
                if team is None:
                    team = _Unit(node_id("t", parent), parent, post.depth, [], [], 3)
                    teams[parent] = team
                    units.append(team)
                team.posts.append(post)
                team.below.append(under[post.id])
                folded.add(post.id)
                continue
        units.append(
            _Unit(
                node_id("p", post.id),
                parent,
                post.depth,
                [post],
                [post.hidden_below],
                priority(post),
            )
        )
    # teams after the single posts of their level, so a post joining a team moves no line
    return sorted(units, key=lambda u: (u.depth, u.nid.startswith("t_")))


def _fit_ranks(units: list[_Unit]) -> tuple[list[_Unit], dict[str, int]]:
    """At most MAX_PER_RANK boxes on any level: the least notable boxes of a crowded level
    (and everything under them) are counted in one '+N other posts' box per manager."""
    size: dict[str, int] = {}
    for unit in sorted(units, key=lambda u: -u.depth):
        for post, below in zip(unit.posts, unit.below, strict=True):
            size[post.id] = size.get(post.id, 0) + 1 + below
            if post.parent is not None:
                size[post.parent] = size.get(post.parent, 0) + size[post.id]
    kept: list[_Unit] = []
    gone: set[str] = set()
    counted: dict[str, int] = {}
    for depth in sorted({u.depth for u in units}):
        level: list[_Unit] = []
        for u in units:
            if u.depth != depth:
                continue
            if u.parent in gone:
                gone.update(p.id for p in u.posts)
            else:
                level.append(u)
        ranked = sorted(level, key=lambda u: u.priority)  # stable: file order otherwise
        k = min(len(ranked), MAX_PER_RANK)
        while k > 0 and k + len({u.parent for u in ranked[k:]}) > MAX_PER_RANK:
            k -= 1
        keep = {u.nid for u in ranked[:k]}
        for u in level:
            if u.nid in keep:
                kept.append(u)
                continue
            gone.update(p.id for p in u.posts)
            if u.parent is not None:
                counted[u.parent] = counted.get(u.parent, 0) + sum(size[p.id] for p in u.posts)
    return kept, counted


def _missing_lines(chart: ChartSummary) -> tuple[list[str], list[str]]:
    """The dashed boxes of roles nobody holds: one each, or one listing them all when there
    are more than MISSING_APART (so that they take one column); returns nodes and ids."""
    if len(chart.missing) > MISSING_APART:
        lines = [mermaid_label("Missing:")]
        for gap in chart.missing:
            titles = join_words(gap.titles, "or" if gap.any_of else "and")
            lines.append(mermaid_label(f"\u2022 {titles} ({gap.rule})"))
        return [f'    m_roles["{BREAK.join(lines)}"]'], ["m_roles"]
    nodes, ids = [], []
    for gap in chart.missing:
        mid = node_id("m", gap.rule)
        titles = join_words(gap.titles, "or" if gap.any_of else "and")
        label = BREAK.join([mermaid_label(f"Missing: {titles}"), mermaid_label(gap.rule)])
        nodes.append(f'    {mid}["{label}"]')
        ids.append(mid)
    return nodes, ids


def flowchart(result: AuditResult) -> str:
    """The Mermaid source (without the code fence) for a result's chart summary."""
    chart: ChartSummary | None = result.chart
    if chart is None or not chart.posts:
        return ""
    by_id = {post.id: post for post in chart.posts}
    chain: set[str] = set()
    current = chart.leader if chart.leader in by_id else None
    while current is not None and current in by_id:
        chain.add(current)
        current = by_id[current].parent
    findings: dict[str, list[str]] = {}
    companion_findings = [f for c in chart.companions for f in c.findings]
    for f in (*result.findings, *companion_findings):
        if f.subject_kind == "post" and f.subject in by_id:
            seen = findings.setdefault(f.subject, [])
            if f.rule not in seen:
                seen.append(f.rule)

    units, counted = _fit_ranks(_units(chart, chain, set(findings)))
    node = {u.posts[0].id: u.nid for u in units if len(u.posts) == 1 and u.nid.startswith("p_")}
    nodes: list[str] = []
    edges: list[str] = []
    classes: dict[str, list[str]] = {}
    hidden = {
        u.posts[0].id: u.posts[0].hidden_below + counted.get(u.posts[0].id, 0)
        for u in units
        if u.nid.startswith("p_")
    }
    team_of = {u.parent: u for u in units if u.nid.startswith("t_")}
    for unit in units:
        if unit.nid.startswith("t_") and unit.parent is not None:
            nodes.append(f'    {unit.nid}["{_team_label(unit, hidden.get(unit.parent, 0))}"]')
            edges.append(f"    {node[unit.parent]} --> {unit.nid}")
            classes.setdefault("team", []).append(unit.nid)
            continue
        post = unit.posts[0]
        nid = unit.nid
        own = 0 if post.id in team_of else hidden[post.id]
        label = _post_label(post, post.id == chart.leader, findings.get(post.id, []), own)
        nodes.append(f'    {nid}["{label}"]')
        if post.parent is not None and post.parent in node:
            arrow = "==>" if post.id in chain else "-->"
            edges.append(f"    {node[post.parent]} {arrow} {nid}")
        basis_class = _BASIS_CLASS.get(post.basis)
        if basis_class:
            classes.setdefault(basis_class, []).append(nid)
        if post.id == chart.leader:
            classes.setdefault("leader", []).append(nid)
    if chart.members:
        # the executive sits above the head of paid service, joined by a dotted line
        member_nodes, member_edges, leads = _member_lines(chart.members)
        nodes.extend(member_nodes)
        edges.extend(member_edges)
        edges.append(f"    {MEMBERS} -.- {node[chart.posts[0].id]}")
        if leads:
            classes.setdefault("lead", []).extend(leads)
    anchor = node[chart.leader] if chart.leader in node else node[chart.posts[0].id]
    missing_nodes, missing_ids = _missing_lines(chart)
    nodes.extend(missing_nodes)
    edges.extend(f"    {anchor} -.-> {mid}" for mid in missing_ids)
    if missing_ids:
        classes.setdefault("missing", []).extend(missing_ids)

    lines = [LAYOUT, "flowchart TD", *nodes, *edges]
    lines.append(f"    classDef default {CLASS_STYLES['default']}")
    for name, style in CLASS_STYLES.items():
        if name in classes:
            lines.append(f"    classDef {name} {style}")
    if chart.members:
        lines.append(f"    style {MEMBERS} {MEMBERS_STYLE}")
    for name in CLASS_STYLES:
        if name in classes:
            lines.append(f"    class {','.join(classes[name])} {name}")
    return "\n".join(lines)
