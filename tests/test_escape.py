"""Escaping for each format: whatever the input, it reads back as the same plain text."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from leadaudit.engine import audit
from leadaudit.findings import AuditResult, Location, WaivedFinding, Waiver
from leadaudit.framework import load_framework
from leadaudit.orgchart import load_orgchart
from leadaudit.reporters import RenderOptions
from leadaudit.reporters.escape import (
    gh_data,
    gh_property,
    md_cell,
    md_fence,
    md_text,
    mermaid_label,
)
from leadaudit.reporters.markdown import render as render_markdown
from leadaudit.sanitize import clean, one_line
from tests.conftest import FIXTURES
from tests.mermaid_grammar import decode_label
from tests.support import inline_text, markdown_parser, tables, walk

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
NASTY = st.text(st.sampled_from(list("|\\`*_[]()!<>&#@~-+=:/.\"'{}%\n\r\t ab1")), max_size=60)


def _read_back(markdown_inline: str) -> str:
    """The text a paragraph 'A<inline>Z' renders to, with the markers and ZWSPs removed."""
    tokens = markdown_parser().parse(f"A{markdown_inline}Z\n")
    inline = next(t for t in tokens if t.type == "inline")
    kinds = {c.type for c in inline.children}
    assert kinds <= {"text"}, kinds
    return inline_text(inline)[1:-1].replace("\u200b", "")


@settings(deadline=None)
@given(st.one_of(TEXT, NASTY))
@example("\u200b")
@example("see GH-12 for $5")
def test_md_text_reads_back_as_the_same_text(value: str) -> None:
    # The escapes insert zero-width spaces, which _read_back removes; so do it to the
    # value too, or a value holding its own would not read back (found by hypothesis).
    assert _read_back(md_text(value)) == one_line(value).replace("\u200b", "")


@settings(deadline=None)
@given(st.one_of(TEXT, NASTY), st.one_of(TEXT, NASTY))
def test_md_cell_keeps_a_table_row_intact(first: str, second: str) -> None:
    doc = f"| a | b |\n| --- | --- |\n| {md_cell(first)} | {md_cell(second)} |\n"
    [table] = tables(markdown_parser().parse(doc))
    assert len(table) == 2
    expected = [one_line(v) or "-" for v in (first, second)]
    cells = [c.replace("\u200b", "") for c in table[1]]
    # a cell's surrounding spaces are not part of its content
    assert cells == [e.strip() if e.strip() else "-" for e in expected]


def test_md_text_breaks_mentions_issue_links_and_autolinks() -> None:
    out = md_text("@team #42 https://x.example www.y.example a@b.example")
    assert "@t" not in out and "#4" not in out
    assert "://" not in out and "www." not in out and "a@b" not in out


@settings(deadline=None)
@given(st.one_of(TEXT, NASTY))
def test_md_fence_holds_any_text_verbatim(value: str) -> None:
    text = "x" + value.replace("\r", "")
    block = md_fence(text, "sh")
    fences = [t for t in markdown_parser().parse(block + "\n") if t.type == "fence"]
    assert len(fences) == 1
    assert fences[0].info == "sh"
    assert fences[0].content == clean(text).rstrip("\n") + "\n"


@settings(deadline=None)
@given(st.one_of(TEXT, NASTY))
def test_mermaid_label_decodes_to_the_text_and_uses_only_safe_characters(value: str) -> None:
    label = mermaid_label(value)
    assert decode_label(label) == [one_line(value)]
    assert not re.search(r'["`<>\[\]{}|;]', re.sub(r"#\d+;", "", label))


@settings(deadline=None)
@given(st.one_of(TEXT, NASTY))
def test_github_data_has_no_line_break_and_decodes_back(value: str) -> None:
    out = gh_data(value)
    assert "\n" not in out and "\r" not in out
    decoded = out.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
    assert decoded == one_line_keep_breaks(value)


@settings(deadline=None)
@given(st.one_of(TEXT, NASTY))
def test_github_property_has_no_separator(value: str) -> None:
    out = gh_property(value)
    assert not re.search(r"[,:\n\r]", out)


def one_line_keep_breaks(value: str) -> str:
    """What gh_data promises: control characters replaced, tabs as spaces, breaks kept."""
    parts = value.replace("\t", " ").split("\n")
    return "\n".join("\r".join(clean(p) for p in part.split("\r")) for part in parts)


def _gaps_result() -> AuditResult:
    fw = load_framework()
    return audit(load_orgchart(FIXTURES / "borough-gaps.yaml", fw.capabilities), fw)


def test_waived_findings_get_their_own_table_and_hostile_text_stays_in_its_cell() -> None:
    result = _gaps_result()
    accepted = result.findings[0]
    waiver = Waiver(
        rule=accepted.rule,
        subject=accepted.subject,
        justification="Agreed by | cabinet\n<img src=x> [see](https://x.example)",
        owner="@chief-exec",
        expires=date(2026, 3, 31),
        reason=None,
        location=Location("waivers.yaml", 3, 5),
    )
    waived = replace(
        result,
        findings=result.findings[1:],
        waived=(WaivedFinding(accepted, waiver),),
    )
    text = render_markdown([waived], RenderOptions())
    tokens = markdown_parser().parse(text)
    assert "Waived findings" in [t.content for t in tokens if t.type == "inline"]
    found = tables(tokens)
    assert len(found) == 3
    waived_table = found[1]
    assert waived_table[0] == ["Rule", "Concerns", "Finding", "Justification", "Owner", "Expires"]
    assert len(waived_table) == 2
    row = [c.replace("\u200b", "") for c in waived_table[1]]
    assert row[0] == accepted.rule.replace("-", "\u2011")
    assert row[3] == "Agreed by | cabinet <img src=x> [see](https://x.example)"
    assert row[4] == "@chief-exec"
    assert row[5] == "2026-03-31"
    assert not [t for t in walk(tokens) if t.type in ("html_inline", "html_block", "link_open")]
    rules = {r[0].replace("\u2011", "-"): r[3] for r in found[2][1:]}
    assert rules[accepted.rule] == "waived"


def test_report_for_several_files_separates_them_with_a_rule() -> None:
    result = _gaps_result()
    text = render_markdown([result, result], RenderOptions())
    tokens = markdown_parser().parse(text)
    assert [t.type for t in tokens].count("hr") == 1
    titles = [
        t.content
        for t in tokens
        if t.type == "inline" and t.content.startswith("Digital leadership gap")
    ]
    assert len(titles) == 2


def test_relative_paths_are_used_as_given(tmp_path: Path) -> None:
    result = replace(_gaps_result(), file="sub dir/org.yaml")
    text = render_markdown([result], RenderOptions())
    assert "leadaudit report 'sub dir/org.yaml' --framework rec20" in text
