"""``leadaudit diff``: each kind of change between two small org charts, in the three
formats, and the exit code on new findings."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from leadaudit.diff import compare
from leadaudit.diff.charts import post_ref
from leadaudit.diff.match import match_posts, similarity
from leadaudit.diff.model import ChartDiff, MatchedBy, Pair
from leadaudit.diff.results import split_findings
from leadaudit.engine import audit
from leadaudit.findings import Finding, Location, Severity
from leadaudit.orgchart import load_orgchart
from tests.conftest import EXAMPLES, FIXTURES
from tests.support import FRAMEWORK, invoke

DIFF = FIXTURES / "diff"
BEFORE, AFTER = DIFF / "before.yaml", DIFF / "after.yaml"
IMPORTED_BEFORE, IMPORTED_AFTER = DIFF / "imported-before.yaml", DIFF / "imported-after.yaml"


def diff_of(old: Path, new: Path) -> ChartDiff:
    before, after = (load_orgchart(p, FRAMEWORK.capabilities) for p in (old, new))
    titles = FRAMEWORK.capability_titles()
    return compare(before, after, audit(before, FRAMEWORK), audit(after, FRAMEWORK), titles)


def run_diff(*args: str) -> tuple[int, str, str]:
    result = invoke("diff", *args, "--isolated")
    return result.exit_code, result.stdout, result.stderr


def json_diff(old: Path, new: Path) -> dict[str, object]:
    code, out, _ = run_diff(str(old), str(new), "--format", "json", "--fail-on", "never")
    assert code == 0
    data: dict[str, object] = json.loads(out)
    return data


# -- what changed in the structure ---------------------------------------------------------


def test_posts_added_removed_and_retitled_are_matched_by_id() -> None:
    d = diff_of(BEFORE, AFTER)
    assert [p.id for p in d.added] == ["analytics"]
    assert [p.id for p in d.removed] == ["ea"]
    assert [(p.old.title, p.new.title, p.by) for p in d.retitled] == [
        ("Head of Digital", "Chief Digital Officer", MatchedBy.id)
    ]
    assert d.matched_by == ((MatchedBy.id, 9),)


def test_a_reporting_line_moved_names_both_managers_and_the_digital_leader() -> None:
    d = diff_of(BEFORE, AFTER)
    [move] = d.moves
    assert move.pair.new.id == "hod"
    assert (move.old_manager and move.old_manager.id, move.new_manager and move.new_manager.id) == (
        "dor",
        "ceo",
    )
    assert (move.pair.old.depth, move.pair.new.depth) == (2, 1)
    assert move.leader


def test_the_digital_leaders_depth_change_is_called_out() -> None:
    leader = diff_of(BEFORE, AFTER).leader
    assert leader is not None and leader.same_post
    assert leader.old is not None and leader.new is not None
    assert (leader.old.depth, leader.new.depth) == (2, 1)
    _, out, _ = run_diff(str(BEFORE), str(AFTER))
    assert (
        "Digital leader: Chief Digital Officer (hod), 2 levels below the top -> 1 level below "
        "the top" in out
    )


def test_no_leader_line_when_the_leader_stays_where_it_was() -> None:
    assert diff_of(AFTER, AFTER).leader is None


def test_basis_changes_permanent_to_interim_and_filled_to_vacant_and_back() -> None:
    d = diff_of(BEFORE, AFTER)
    found = {(b.pair.new.id, b.pair.old.basis, b.pair.new.basis, b.kind.value) for b in d.basis}
    assert found == {
        ("data", "permanent", "interim", "permanent_to_interim"),
        ("pmo", "vacant", "permanent", "vacant_to_filled"),
        ("comms", "permanent", "vacant", "filled_to_vacant"),
    }


def test_capability_coverage_gained_and_lost() -> None:
    d = diff_of(BEFORE, AFTER)
    assert [c.capability for c in d.gained] == [
        "data_analytics",
        "delivery_management",
        "programme_management",
    ]
    assert [c.capability for c in d.lost] == ["citizen_communication", "digital_architecture"]
    comms = d.lost[0]
    assert [p.id for p in comms.holders] == ["comms"]  # who covered it before
    assert [p.id for p in comms.vacant] == ["comms"]  # named now only by a vacant post


# -- what changed in the audit -------------------------------------------------------------


def test_each_area_has_its_status_score_and_findings_new_fixed_and_persisting() -> None:
    areas = {a.area: a for a in diff_of(BEFORE, AFTER).areas}
    org = areas["organisational"]
    assert (org.old_status and org.old_status.value, org.new_status and org.new_status.value) == (
        "not_met",
        "met",
    )
    assert (org.old_score, org.new_score) == (5.0, 10.0)
    assert {f.rule for f in org.fixed} == {"R20-02", "R20-03", "R20-08"}
    assert [f.rule for f in areas["in_house"].new] == ["R20-11"]
    assert [f.rule for f in areas["in_house"].fixed] == ["R20-12"]
    assert [f.rule for f in areas["communication"].persisting] == ["R20-16"]
    assert not areas["political"].changed


def test_the_headline_gives_the_verdicts_and_the_counts(tmp_path: Path) -> None:
    # the enterprise architect kept: bullet 4 is met after, so the verdict improves
    kept = AFTER.read_text(encoding="utf-8").replace(
        "  - id: legal\n",
        "  - id: ea\n    title: Enterprise Architect\n    reports_to: hod\n"
        "    capabilities: [digital_architecture]\n  - id: legal\n",
    )
    better = tmp_path / "after.yaml"
    better.write_text(kept, encoding="utf-8")
    assert diff_of(BEFORE, better).headline() == (
        "Recommendation 20: does not meet -> partly meets; no new findings, 6 fixed"
    )
    assert diff_of(better, BEFORE).headline("→") == (
        "Recommendation 20: partly meets → does not meet; 6 new findings, none fixed"
    )
    assert diff_of(BEFORE, AFTER).headline() == (
        "Recommendation 20: does not meet (unchanged); 1 new finding, 6 fixed"
    )


def _finding(rule: str, subject: str, severity: Severity = Severity.error) -> Finding:
    return Finding(
        rule,
        "slug",
        "title",
        severity,
        "message",
        subject,
        "post",
        Location("f", 1, 1),
        "a",
        "1",
        "",
    )


def test_findings_are_matched_by_fingerprint_never_by_line() -> None:
    old = (_finding("R1", "x"), _finding("R2", "y"))
    moved = Finding(
        "R1",
        "slug",
        "title",
        Severity.error,
        "other words",
        "x",
        "post",
        Location("g", 99, 5),
        "a",
        "1",
        "",
    )
    matched = split_findings(old, (moved, _finding("R3", "z")), {})
    assert [f.rule for f in matched.persisting] == ["R1"]
    assert [f.rule for f in matched.new] == ["R3"]
    assert [f.rule for f in matched.fixed] == ["R2"]


def test_a_finding_about_a_post_whose_generated_id_changed_persists() -> None:
    matched = split_findings(
        (_finding("R1", "officer"),), (_finding("R1", "officer-2"),), {"officer": "officer-2"}
    )
    assert (matched.new, matched.fixed) == ((), ())
    assert [f.subject for f in matched.persisting] == ["officer-2"]


def test_a_finding_that_became_more_severe_is_new_and_not_fixed() -> None:
    was = _finding("R1", "x", Severity.warning)
    now = _finding("R1", "x", Severity.error)
    matched = split_findings((was,), (now,), {})
    assert (matched.new, matched.fixed, matched.persisting) == ((now,), (), ())
    assert matched.replaced == ((now, was),)


def _found(rule: str, subject: str, found: str) -> Finding:
    return replace(_finding(rule, subject), found=found)


def test_a_gap_that_changed_is_new_and_says_what_it_was_not_fixed() -> None:
    # as check --baseline has it: the leader now 3 levels below rather than 2 is one
    # finding that changed, not a new gap beside a fixed one
    was, now = _found("R20-02", "cdo", "2 levels below"), _found("R20-02", "cdo", "3 levels below")
    matched = split_findings((was, _found("R9", "y", "")), (now,), {})
    assert matched.new == (now,)
    assert [f.rule for f in matched.fixed] == ["R9"]
    assert matched.replaced == ((now, was),)


def test_diff_and_the_baseline_class_a_changed_gap_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the leader moved a level up: check --baseline and diff both call the finding new
    # and say what it was; neither calls the old one fixed
    monkeypatch.chdir(tmp_path)
    text = (EXAMPLES / "unitary-gaps.yaml").read_text(encoding="utf-8")
    higher = text.replace("reports_to: ad-finance-ict", "reports_to: dir-resources", 1)
    assert higher != text  # the head of digital, 3 levels below the top, now 2
    Path("old.yaml").write_text(text, encoding="utf-8")
    Path("org.yaml").write_text(text, encoding="utf-8")
    saved = invoke("check", "org.yaml", "--format", "json", "-o", "b.json", "--isolated")
    assert saved.exit_code == 1, saved.stderr
    Path("org.yaml").write_text(higher, encoding="utf-8")
    against = invoke("check", "org.yaml", "--baseline", "b.json", "--format", "json")
    result = json.loads(against.stdout)["files"][0]
    (changed,) = [f for f in result["findings"] if f["rule"] == "R20-02"]
    assert changed["baseline_state"] == "new"
    assert changed["baseline_change"].startswith("was '3 levels below")
    assert result["baseline"]["fixed"] == []
    diffed = invoke("diff", "old.yaml", "org.yaml", "--format", "json", "--isolated")
    areas = json.loads(diffed.stdout)["areas"]
    (area,) = [a for a in areas if any(f["rule"] == "R20-02" for f in a["new"])]
    assert area["fixed"] == []
    (note,) = [f["change"] for f in area["new"] if f["rule"] == "R20-02"]
    assert note == changed["baseline_change"].replace("in the baseline", "before")
    text_out = invoke("diff", "old.yaml", "org.yaml", "--isolated").stdout
    assert "(was '3 levels below" in text_out
    assert "fixed: R20-02" not in text_out


# -- imported charts: generated ids ---------------------------------------------------------


def test_imported_charts_match_posts_by_title_directorate_and_level() -> None:
    d = diff_of(IMPORTED_BEFORE, IMPORTED_AFTER)
    pairs = {(p.old.id, p.new.id): p.by for p in _pairs(d)}
    # a Finance Manager row above the old one took its id: the old post is found again
    assert pairs[("finance-manager", "finance-manager-2")] is MatchedBy.title_directorate_level
    assert [p.id for p in d.added] == ["finance-manager"]
    assert d.added[0].directorate == "Place"
    assert d.removed == ()
    # moved up a level in its directorate
    assert pairs[("head-of-public-health", "head-of-public-health")] is MatchedBy.title_directorate
    # retitled: a new id from the new title, found by the words the titles share
    send = ("lead-for-send-and-inclusion", "head-of-send-and-inclusion")
    assert pairs[send] is MatchedBy.similar_title
    # a reference kept through a change of title
    assert pairs[("100042", "100042")] is MatchedBy.id
    assert {(p.old.title, p.new.title) for p in d.retitled} == {
        ("Lead for SEND and Inclusion", "Head of SEND and Inclusion"),
        ("Head of ICT", "Head of Digital"),
    }


def _pairs(d: ChartDiff) -> list[Pair]:
    old = load_orgchart(IMPORTED_BEFORE, FRAMEWORK.capabilities)
    new = load_orgchart(IMPORTED_AFTER, FRAMEWORK.capabilities)
    matching = match_posts(old, new)
    assert matching.imported and d.imported
    return [Pair(post_ref(old, o), post_ref(new, n), by) for o, n, by in matching.pairs]


def test_the_output_says_how_each_post_of_an_imported_chart_was_matched() -> None:
    _, out, _ = run_diff(str(IMPORTED_BEFORE), str(IMPORTED_AFTER))
    assert (
        "posts matched 4 by id, 1 by title, directorate and level, 1 by title and directorate, "
        "1 by a similar title in the same directorate and level" in out
    )
    assert (
        "id changed: Finance Manager (finance-manager -> finance-manager-2) (matched by title, "
        "directorate and level)" in out
    )
    assert "(matched by title and directorate)" in out


def test_charts_with_given_ids_are_matched_by_id_only(tmp_path: Path) -> None:
    # the same post under a new id, in a chart whose ids are its authors': removed and
    # added, since a given id says which post it is
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(
        BEFORE.read_text(encoding="utf-8").replace("id: ea", "id: architect"), encoding="utf-8"
    )
    d = diff_of(BEFORE, renamed)
    assert not d.imported
    assert ([p.id for p in d.removed], [p.id for p in d.added]) == (["ea"], ["architect"])


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("Service Manager", "Service Manager (OSfE)", True),
        (
            "Strategic & Neighbourhood Lead Central",
            "Strategic & Neighbourhood Lead Central/West",
            True,
        ),
        ("Lead for SEND and Inclusion", "Head of SEND and Inclusion", True),
        ("Lead for SEND and Inclusion", "Advisor (Inclusion)/SENAS Team Leader", False),
        ("Service Manager", "Head of Music service/Music Advisor", False),
    ],
)
def test_titles_alike_share_most_of_their_words(a: str, b: str, alike: bool) -> None:
    assert (similarity(a, b) >= 0.5) is alike


# -- formats and exit codes -----------------------------------------------------------------


def test_text_lists_every_kind_of_change() -> None:
    code, out, err = run_diff(str(BEFORE), str(AFTER))
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[1] == "Recommendation 20: does not meet (unchanged); 1 new finding, 6 fixed"
    for expected in (
        "  added: Head of Analytics (analytics), 3 levels below the top",
        "  removed: Enterprise Architect (ea), Resources, 3 levels below the top",
        "  retitled: Head of Digital -> Chief Digital Officer (hod)",
        "  Head of Data (data): permanent -> interim",
        "  Head of Communications (comms): permanent -> vacant",
        "  Digital Programme Manager (pmo): vacant -> permanent",
        "  gained: data analytics (data_analytics): now Head of Analytics (analytics)",
        "    new: R20-11 error: No post covers digital architecture",
    ):
        assert expected in lines, expected


def test_text_fits_a_narrow_terminal() -> None:
    from tests.support import on_terminal

    result = on_terminal("diff", str(BEFORE), str(AFTER), "--isolated", width=60)
    assert max(len(line) for line in result.stdout.splitlines()) <= 60
    assert "Digital leader: Chief Digital Officer (hod), 2 levels below" in result.stdout


def test_markdown_starts_with_the_headline_and_escapes_the_charts(tmp_path: Path) -> None:
    hostile = AFTER.read_text(encoding="utf-8").replace(
        "title: Head of Analytics", "title: 'Head | of <b>Analytics</b> @team *now*'"
    )
    after = tmp_path / "after.yaml"
    after.write_text(hostile, encoding="utf-8")
    code, out, _ = run_diff(str(BEFORE), str(after), "--format", "markdown")
    assert code == 1
    first = out.splitlines()[0]
    assert first == "**Recommendation 20: does not meet (unchanged); 1 new finding, 6 fixed**"
    row = next(line for line in out.splitlines() if line.startswith("| added |"))
    assert row.count(" | ") == 3  # four cells: the title's pipe did not open a fifth
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert "@team" not in out and "\\*now\\*" in out
    for heading in ("## Areas", "## Findings", "## Posts", "## Reporting lines moved (1)"):
        assert heading in out.splitlines()


def test_json_has_the_documented_shape_and_is_deterministic() -> None:
    data = json_diff(BEFORE, AFTER)
    assert list(data) == [
        "leadaudit_diff",
        "headline",
        "framework",
        "old",
        "new",
        "counts",
        "matched_by",
        "posts",
        "moved",
        "digital_leader",
        "basis",
        "coverage",
        "areas",
    ]
    assert data["leadaudit_diff"] == 1
    assert data["counts"] == {"new": 1, "fixed": 6, "persisting": 1}
    areas = {a["area"]: a for a in data["areas"]}  # type: ignore[attr-defined]
    assert areas["organisational"]["status"] == {"old": "not_met", "new": "met"}
    assert [f["fingerprint"] for f in areas["in_house"]["new"]] == ["R20-11:authority:"]
    again = run_diff(str(BEFORE), str(AFTER), "--format", "json")[1]
    assert json.loads(again) == data
    assert again == run_diff(str(BEFORE), str(AFTER), "--format", "json")[1]


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on_counts_only_new_findings(fail_on: str, code: int) -> None:
    assert run_diff(str(BEFORE), str(AFTER), "--fail-on", fail_on)[0] == code


def test_fixing_findings_alone_exits_zero() -> None:
    # after -> before brings back fixed findings (new) but before -> before brings none
    assert run_diff(str(BEFORE), str(BEFORE))[0] == 0
    code, out, _ = run_diff(str(BEFORE), str(BEFORE))
    assert "no new findings, none fixed" in out and code == 0


def test_a_new_warning_fails_only_at_warning(tmp_path: Path) -> None:
    # the head of analytics' post deleted: no post covers data analytics, a warning
    worse = AFTER.read_text(encoding="utf-8").replace(
        "  - id: analytics\n    title: Head of Analytics\n    reports_to: data\n"
        "    capabilities: [data_analytics]\n",
        "",
    )
    path = tmp_path / "worse.yaml"
    path.write_text(worse, encoding="utf-8")
    assert [(f.rule, f.severity) for f in diff_of(AFTER, path).new_findings] == [
        ("R20-09", Severity.warning)
    ]
    assert run_diff(str(AFTER), str(path), "--fail-on", "error")[0] == 0
    assert run_diff(str(AFTER), str(path), "--fail-on", "warning")[0] == 1


def test_a_bad_chart_is_a_located_error_with_nothing_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("leadaudit: 1\nauthority: [\n", encoding="utf-8")
    out_file = tmp_path / "diff.md"
    code, out, err = run_diff(str(bad), str(tmp_path / "missing.yaml"), "-o", str(out_file))
    assert code == 2 and out == "" and not out_file.exists()
    assert f"{bad}:" in err and f"{tmp_path / 'missing.yaml'}: no such file" in err
    assert "Traceback" not in err


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "diff.md"
    code, out, _ = run_diff(str(BEFORE), str(AFTER), "--format", "markdown", "-o", str(target))
    assert code == 1 and out == ""
    assert target.read_text(encoding="utf-8").startswith("**Recommendation 20:")


def test_hostile_names_keep_every_table_whole_and_start_no_ci_command(tmp_path: Path) -> None:
    hostile = FIXTURES / "hostile-names.yaml"
    changed = tmp_path / "changed.yaml"
    text = hostile.read_text(encoding="utf-8")
    changed.write_text(
        text.replace(
            "    reports_to: dof\n    basis: interim", "    reports_to: ceo\n    basis: vacant"
        )
        .replace('title: "Architect ::error::', 'title: "Architect | now ::error::')
        .replace("    basis: contractor\n", ""),
        encoding="utf-8",
    )
    code, markdown, _ = run_diff(str(hostile), str(changed), "--format", "markdown")
    assert code in (0, 1)
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    assert any("now" in row for row in rows)  # the retitled post is in a table
    tables: list[list[int]] = [[]]
    for line in markdown.splitlines():
        if line.startswith("|"):
            tables[-1].append(len(line.replace("\\|", "").split("|")))
        elif tables[-1]:
            tables.append([])
    assert len(tables) > 3 and all(len(set(table)) <= 1 for table in tables), tables
    assert "<script>" not in markdown and "<img" not in markdown
    for fmt in ("text", "markdown", "json"):
        out = run_diff(str(hostile), str(changed), "--format", fmt)[1]
        assert not any(line.lstrip().startswith("::") for line in out.splitlines()), fmt
