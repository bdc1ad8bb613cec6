"""The Markdown gap report: sections, tables that survive hostile names, no raw HTML, reproducibility."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from leadaudit.reporters.mermaid import LAYOUT
from tests.conftest import FIXTURES, ROOT
from tests.support import markdown_parser, report_inputs, run, tables, walk

HOSTILE = "tests/fixtures/hostile-names.yaml"
GAPS = "tests/fixtures/borough-gaps.yaml"

SECTIONS = [
    "Executive summary",
    "The most important gaps",
    "Already in place",
    "Action plan",
    "Scorecard",
    "Org chart",
    "Findings",
    "Method",
    "Appendix A: rules applied",
    "Appendix B: about this report",
]


def _report(source: str, *extra: str) -> str:
    result = run(["report", source, *extra])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _tokens(text: str) -> list[Any]:
    tokens: list[Any] = markdown_parser().parse(text)
    return tokens


def _headings(tokens: list[Any]) -> list[str]:
    return [
        tokens[i + 1].content
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.tag in ("h2", "h3")
    ]


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_sections_come_in_the_documented_order(source: Path) -> None:
    headings = _headings(_tokens(_report(source.as_posix())))
    positions = [headings.index(name) for name in SECTIONS]
    assert positions == sorted(positions)


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_tables_keep_their_shape_and_content(source: Path) -> None:
    data = json.loads(run(["check", source.as_posix(), "--format", "json"]).stdout)["files"][0]
    text = _report(source.as_posix())
    found = tables(_tokens(text))
    # the scorecard, the statutory basics when the chart records statutory offices, the rules
    assert len(found) == (3 if "\n## Statutory basics check\n" in text else 2)
    scorecard, rules = found[0], found[-1]
    assert [row[0] for row in scorecard] == [
        "Area",
        *(a["title"] for a in data["areas"]),
        "Overall",
    ]
    assert all(len(row) == 5 for row in scorecard)
    assert [row[0] for row in rules[1:]] == [f"R20\u2011{n:02d}" for n in range(1, 20)]
    assert all(len(row) == 4 for row in rules)
    reasons = {item["rule"]: item["reason"] for item in data["not_applicable"]}
    for row in rules[1:]:
        if row[0].replace("\u2011", "-") in reasons:
            assert row[3].replace("\u200b", "") == " ".join(
                f"not applicable: {reasons[row[0].replace(chr(0x2011), '-')]}".split()
            )


@pytest.mark.parametrize("source", report_inputs(), ids=lambda p: p.stem)
def test_no_raw_html_links_or_images_survive(source: Path) -> None:
    for tok in walk(_tokens(_report(source.as_posix()))):
        assert tok.type not in ("html_block", "html_inline", "link_open", "image"), tok


def test_hostile_names_read_back_as_plain_text() -> None:
    tokens = walk(_tokens(_report(HOSTILE)))
    text = "".join(t.content for t in tokens if t.type == "text").replace("\u200b", "")
    assert "Pipe | and <img src=x onerror=alert(1)> & [link](https://evil.example) Council" in text
    assert 'Architect ::error::injected %0A `code` [bold]x[/bold] --> B["x"] {{ 7*7 }}' in text
    assert (
        "Director <script>alert(1)</script> of ![img](https://evil.example/x.png) Finance" in text
    )
    # the newline inside a title folds into a space; the table pipe stays text
    assert "Chief Executive | second line" in text


def test_mentions_issue_references_and_bare_urls_are_broken_up() -> None:
    # GitHub links these in text, not in code blocks, so the prose is what matters
    prose = "".join(t.content for t in walk(_tokens(_report(HOSTILE))) if t.type == "text")
    assert "@\u200beveryone" in prose and re.search(r"@[A-Za-z]", prose) is None
    assert "#\u200b12" in prose and re.search(r"#[0-9]", prose) is None
    assert "://" not in prose
    assert "www." not in prose


def test_code_fences_in_names_cannot_close_the_diagram_block() -> None:
    tokens = _tokens(_report(HOSTILE))
    fences = [t for t in tokens if t.type == "fence"]
    assert [f.info for f in fences] == ["mermaid", "sh"]
    assert fences[0].content.startswith(f"{LAYOUT}\nflowchart TD\n")


def test_top_gaps_are_the_three_most_severe() -> None:
    tokens = _tokens(_report(GAPS))
    start = next(
        i
        for i, t in enumerate(tokens)
        if t.type == "inline" and t.content == "The most important gaps"
    )
    items = []
    for tok in tokens[start:]:
        if tok.type == "ordered_list_close":
            break
        if tok.type == "inline":
            items.append(tok.content)
    gaps = items[1:]
    assert len(gaps) == 3
    assert "error, R20-02" in gaps[0] and "error, R20-05" in gaps[1]
    assert "error, R20-11" in gaps[2]


def test_findings_name_subject_source_and_remediation() -> None:
    text = _report(GAPS)
    block = text[text.index("(R20-11, error)\n") :].split("\n\n")[1]
    assert "**Concerns:** Solution Architect (architect), line 25 of the chart" in block
    assert "**Recommendation 20, bullet 4:** Responsibility for digital architecture" in block
    assert "**Remediation:** Bring architecture responsibility in-house" in block


def test_info_findings_about_a_fitting_shared_leader_are_reported(tmp_path: Path) -> None:
    source = tmp_path / "district.yaml"
    source.write_text(
        "leadaudit: 1\n"
        "authority: {name: Easton District Council, type: district}\n"
        "posts:\n"
        "  - {id: ceo, title: Chief Executive, capabilities: [head_of_paid_service]}\n"
        "  - {id: cdo, title: Shared Chief Digital Officer, reports_to: ceo,\n"
        "     basis: as_a_service, shared_with: [Northtown DC, Weston DC],\n"
        "     capabilities: [digital_leadership]}\n",
        encoding="utf-8",
    )
    text = _report(str(source))
    notes = text[text.index("### Also noted") : text.index("## Scorecard")]
    assert "meets the digital leadership requirement (R20-04)" in notes
    assert '["Shared Chief Digital Officer<br/>as a service<br/>' in text


def test_same_input_gives_the_same_bytes() -> None:
    assert _report(GAPS) == _report(GAPS)


def test_no_date_unless_asked() -> None:
    plain = _report(GAPS)
    dated = _report(GAPS, "--date", "2025-06-30")
    assert "Date:" not in plain and "2025-06-30" not in plain
    assert "- **Date:** 2025-06-30\n" in dated.split("## Appendix B")[1]
    assert ", on 2025-06-30. Overall score" in dated.split("## Executive summary")[0]
    assert "--date 2025-06-30" in dated.split("## Appendix B")[1]


@pytest.mark.parametrize("value", ["30/06/2025", "2025-6-30", "2025-02-30", "tomorrow"])
def test_a_bad_date_is_a_usage_error(value: str, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = run(["report", GAPS, "--date", value, "--output", str(out)])
    assert result.exit_code == 2
    assert "is not a date in the form YYYY-MM-DD" in result.stderr
    assert not out.exists()


def test_the_last_appendix_names_the_file_and_its_hash() -> None:
    import hashlib

    digest = hashlib.sha256((ROOT / GAPS).read_bytes()).hexdigest()
    text = _report(GAPS)
    head, about = text.split("## Executive summary")[0], text.split("## Appendix B")[1]
    assert "- **Input file:** tests/fixtures/borough-gaps.yaml\n" in about
    assert f"- **SHA-256 of the input:** `{digest}`\n" in about
    # a chief executive reads the verdict first, not file names and hashes
    assert head.split("\n")[2].startswith("**Does not meet Recommendation 20")
    assert "SHA-256" not in head and "borough-gaps.yaml" not in head


def test_appendix_gives_a_command_that_reproduces_the_report(tmp_path: Path) -> None:
    text = _report(GAPS)
    fence = next(t for t in _tokens(text) if t.type == "fence" and t.info == "sh")
    assert fence.content == f"leadaudit report {GAPS} --framework rec20\n"
    out = tmp_path / "again.md"
    words = fence.content.split()[1:]
    assert run([*words, "--output", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == text


def test_report_writes_to_a_file_atomically(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text("old", encoding="utf-8")
    result = run(["report", GAPS, "--output", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Digital leadership gap report")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_report_refuses_a_symlink_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "target.md"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = run(["report", GAPS, "--output", str(link)])
    assert result.exit_code == 2
    assert "symbolic link" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"


def test_report_on_a_broken_file_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "leadaudit: 1\nauthority: {name: X, type: county}\nposts: []\n", encoding="utf-8"
    )
    out = tmp_path / "report.md"
    result = run(["report", str(bad), "--output", str(out)])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert not out.exists()


# -- user templates ------------------------------------------------------------------


def test_a_user_template_gets_the_documented_context(tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "{{ authority | md_text }}: {{ score | score }}\n"
        "{% for f in findings %}{{ f.rule }} {{ f.concerns | md_cell }}\n{% endfor %}",
        encoding="utf-8",
    )
    text = _report(GAPS, "--template", str(template))
    lines = text.splitlines()
    assert lines[0] == "Northgate Borough Council: 5.0/10"
    assert "R20-11 Solution Architect (architect)" in lines


def test_a_template_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    template = tmp_path / "broken.md.j2"
    template.write_text("# Title\n\n{% for x in findings %}\n{{ x.rule }}\n", encoding="utf-8")
    out = tmp_path / "report.md"
    result = run(["report", GAPS, "--template", str(template), "--output", str(out)])
    assert result.exit_code == 2
    assert f"{template}:" in result.stderr and "template error" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_an_undefined_name_in_a_template_names_its_line(tmp_path: Path) -> None:
    template = tmp_path / "typo.md.j2"
    template.write_text("line one\nline two {{ authorty }}\n", encoding="utf-8")
    result = run(["report", GAPS, "--template", str(template)])
    assert result.exit_code == 2
    assert f"{template}:2: template error:" in result.stderr
    assert "authorty" in result.stderr
    assert result.stdout == ""


def test_templates_run_in_a_sandbox(tmp_path: Path) -> None:
    template = tmp_path / "escape.md.j2"
    template.write_text("{{ authority.__class__.__mro__ }}\n", encoding="utf-8")
    result = run(["report", GAPS, "--template", str(template)])
    assert result.exit_code == 2
    assert "template error" in result.stderr
    assert "object" not in result.stdout


def test_a_missing_template_is_a_usage_error_before_any_work(tmp_path: Path) -> None:
    result = run(["report", "no-such-input.yaml", "--template", str(tmp_path / "nope.j2")])
    assert result.exit_code == 2
    assert "template not found" in result.stderr


def test_a_template_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    template = tmp_path / "latin1.md.j2"
    template.write_bytes("caf\xe9 {{ authority }}\n".encode("latin-1"))
    result = run(["report", GAPS, "--template", str(template)])
    assert result.exit_code == 2
    assert "not UTF-8" in result.stderr


def test_report_fixtures_exist_for_every_shape_the_tests_need() -> None:
    assert {p.name for p in FIXTURES.glob("*.yaml")} >= {
        "borough-gaps.yaml",
        "city-large.yaml",
        "hostile-names.yaml",
    }


def test_a_template_may_include_its_neighbours_but_a_missing_one_is_reported(
    tmp_path: Path,
) -> None:
    (tmp_path / "part.md.j2").write_text("score {{ score | score }}\n", encoding="utf-8")
    main = tmp_path / "main.md.j2"
    main.write_text('{% include "part.md.j2" %}', encoding="utf-8")
    assert _report(GAPS, "--template", str(main)) == "score 5.0/10\n"
    main.write_text('one\n{% include "gone.md.j2" %}\n', encoding="utf-8")
    result = run(["report", GAPS, "--template", str(main)])
    assert result.exit_code == 2
    assert f"{main}:2: template error: included template not found: gone.md.j2" in result.stderr
