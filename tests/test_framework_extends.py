"""User-written frameworks: extends chains, overrides, by-type overrides and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadaudit.engine import audit
from leadaudit.errors import FrameworkError, UsageError
from leadaudit.framework import Framework, Level, bundled_names, load_framework
from leadaudit.model import AuthorityType
from leadaudit.orgchart import load_orgchart
from tests.support_config import org_text, run, write


def problems(exc: pytest.ExceptionInfo[FrameworkError]) -> list[str]:
    return [p.render() for p in exc.value.problems]


def audit_text(tmp_path: Path, fw: Framework, text: str) -> dict[str, str]:
    """rule -> severity of each finding when ``fw`` audits the org chart ``text``."""
    org = write(tmp_path / "org.yaml", text)
    result = audit(load_orgchart(org, fw.capabilities), fw)
    return {f.rule: f.severity.value for f in result.findings}


def test_child_inherits_everything_and_changes_only_what_it_overrides(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: testshire
        extends: rec20
        overrides:
          R20-03: {severity: error}
          R20-10: {severity: off}
        """,
    )
    fw = load_framework(str(child))
    base = load_framework("rec20")
    assert fw.name == "testshire"
    assert fw.title == base.title and fw.version == base.version
    assert [r.id for r in fw.rules] == [r.id for r in base.rules]
    severities = {r.id: r.severity for r in fw.rules}
    assert severities["R20-03"] is Level.error
    assert severities["R20-10"] is Level.off
    assert severities["R20-01"] is Level.error
    assert fw.changes["R20-03"] == ["severity warning -> error (by testshire)"]


def test_rule_turned_off_is_not_applied(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: no-architecture
        extends: rec20
        overrides:
          R20-11: {severity: off}
        """,
    )
    fw = load_framework(str(child))
    no_architect = org_text().replace("capabilities: [digital_architecture]", "capabilities: []")
    assert "R20-11" in audit_text(tmp_path, load_framework("rec20"), no_architect)
    assert "R20-11" not in audit_text(tmp_path, fw, no_architect)


def test_check_options_are_merged_into_the_inherited_rule(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: deeper
        extends: rec20
        overrides:
          R20-02:
            check: {max_depth: 2}
        """,
    )
    relaxed = write(
        tmp_path / "relaxed.yaml",
        """\
        leadaudit_framework: 1
        name: relaxed
        extends: rec20
        overrides:
          R20-02:
            check: {warn_depth: 2}
        """,
    )
    fw = load_framework(str(child))
    rule = fw.rule("R20-02")
    assert rule is not None
    assert rule.check.model_dump()["max_depth"] == 2
    assert rule.check.model_dump()["leadership_team_counts"] is True  # inherited, not reset
    relaxed_rule = load_framework(str(relaxed)).rule("R20-02")
    assert relaxed_rule is not None
    assert relaxed_rule.check.model_dump()["max_depth"] == 1  # inherited, not reset
    deep = org_text(
        cdo_reports_to="coo",
        extra_posts="""
        - id: coo
          title: Chief Operating Officer
          reports_to: ceo
          directorate: Chief Executive's Office
        """,
    )
    assert audit_text(tmp_path, load_framework("rec20"), deep).get("R20-02") == "error"
    assert audit_text(tmp_path, load_framework(str(relaxed)), deep).get("R20-02") == "warning"
    assert "R20-02" not in audit_text(tmp_path, fw, deep)


def test_by_authority_type_applies_only_to_that_type(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: districts-relaxed
        extends: rec20
        by_authority_type:
          district:
            R20-11: {severity: info}
        """,
    )
    fw = load_framework(str(child))
    gap = org_text().replace("capabilities: [digital_architecture]", "capabilities: []")
    assert audit_text(tmp_path, fw, gap)["R20-11"] == "error"
    assert audit_text(tmp_path, fw, gap.replace("type: county", "type: district"))["R20-11"] == (
        "info"
    )
    assert list(fw.by_authority_type) == [AuthorityType.district]


def test_later_file_wins_and_type_override_beats_general_one_in_the_same_file(
    tmp_path: Path,
) -> None:
    write(
        tmp_path / "parent.yaml",
        """\
        leadaudit_framework: 1
        name: parent
        extends: rec20
        by_authority_type:
          district:
            R20-03: {severity: info}
            R20-09: {severity: info}
        """,
    )
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: child
        extends: parent.yaml
        overrides:
          R20-03: {severity: off}
          R20-09: {severity: error}
        by_authority_type:
          district:
            R20-09: {severity: warning}
        """,
    )
    fw = load_framework(str(child))
    district = fw.for_authority(AuthorityType.district)
    county = fw.for_authority(AuthorityType.county)
    # the child's general override also replaces the parent's district variant
    assert district.rule("R20-03").severity is Level.off  # type: ignore[union-attr]
    assert county.rule("R20-03").severity is Level.off  # type: ignore[union-attr]
    # within one file the district override beats the general one
    assert district.rule("R20-09").severity is Level.warning  # type: ignore[union-attr]
    assert county.rule("R20-09").severity is Level.error  # type: ignore[union-attr]


def test_new_rules_and_areas_built_from_existing_kinds(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: with-siro
        title: Rec 20 plus information risk
        version: "2025.1"
        extends: rec20
        areas:
          information:
            title: Information risk
            bullet: local policy
            summary: Someone senior owns information risk.
        rules:
          - id: LOCAL-01
            slug: siro-named
            title: A senior information risk owner is named
            area: information
            bullet: local policy
            clause: The council names a senior owner for information risk.
            severity: warning
            check:
              kind: capability_coverage
              capabilities: [siro]
              max_depth: 1
            record: Give the owner's post the siro capability.
            remediation: Name a senior information risk owner.
        """,
    )
    fw = load_framework(str(child))
    assert fw.rules[-1].id == "LOCAL-01"
    assert list(fw.areas)[-1] == "information"
    assert (fw.title, fw.version) == ("Rec 20 plus information risk", "2025.1")
    assert audit_text(tmp_path, fw, org_text()) == {"LOCAL-01": "warning"}


def test_parent_path_is_relative_to_the_extending_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path / "shared" / "base.yaml",
        """\
        leadaudit_framework: 1
        name: base
        extends: rec20
        overrides:
          R20-10: {severity: off}
        """,
    )
    child = write(
        tmp_path / "council" / "frameworks" / "ours.yaml",
        """\
        leadaudit_framework: 1
        name: ours
        extends: ../../shared/base.yaml
        overrides:
          R20-09: {severity: info}
        """,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    fw = load_framework(str(child))
    assert fw.rule("R20-10").severity is Level.off  # type: ignore[union-attr]
    assert fw.rule("R20-09").severity is Level.info  # type: ignore[union-attr]
    assert fw.extends == ["../../shared/base.yaml"]
    assert fw.changes["R20-10"] == ["severity info -> off (by base)"]


def test_several_parents_are_combined(tmp_path: Path) -> None:
    both = write(
        tmp_path / "both.yaml",
        """\
        leadaudit_framework: 1
        name: both
        title: Recommendation 20 and the statutory basics
        extends: [rec20, statutory]
        """,
    )
    fw = load_framework(str(both))
    ids = [r.id for r in fw.rules]
    assert ids[:19] == [r.id for r in load_framework("rec20").rules]
    assert ids[19:] == [r.id for r in load_framework("statutory").rules]
    assert "statutory_officers" in fw.areas and "political" in fw.areas


def test_cycle_in_extends_names_the_chain(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", "leadaudit_framework: 1\nname: a\nextends: b.yaml\n")
    write(tmp_path / "b.yaml", "leadaudit_framework: 1\nname: b\nextends: c.yaml\n")
    write(tmp_path / "c.yaml", "leadaudit_framework: 1\nname: c\n\nextends: ./a.yaml\n")
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(a))
    (message,) = problems(exc)
    c = tmp_path / "c.yaml"
    assert message.startswith(f"{c}:4:10: extends: cycle: ")
    assert message.split("cycle: ")[1].split(" (")[0] == (
        f"{a} -> {tmp_path / 'b.yaml'} -> {c} -> {a}"
    )


def test_a_file_extending_itself_is_a_cycle(tmp_path: Path) -> None:
    me = write(tmp_path / "me.yaml", "leadaudit_framework: 1\nname: me\nextends: me.yaml\n")
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(me))
    assert f"cycle: {me} -> {me}" in problems(exc)[0]


def test_missing_parents_are_reported_together_and_located(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: child
        extends:
          - rec21
          - base/missing.yaml
        """,
    )
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(child))
    assert problems(exc) == [
        f"{child}:4:5: extends[0]: unknown framework 'rec21' (did you mean 'rec20'?)",
        f"{child}:5:5: extends[1]: no such framework file 'base/missing.yaml' "
        f"(looked for {tmp_path / 'base' / 'missing.yaml'}; a relative path starts from the "
        "folder of this file)",
    ]


def test_extends_must_name_frameworks(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml", "leadaudit_framework: 1\nname: c\nextends: {rec20: yes}\n"
    )
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(child))
    assert problems(exc) == [
        f"{child}:3:1: extends: expected a framework name or path, or a list of them "
        "(e.g. extends: rec20, or extends: [rec20, statutory])"
    ]


def test_errors_in_a_parent_point_into_the_parent(tmp_path: Path) -> None:
    write(
        tmp_path / "parent.yaml",
        "leadaudit_framework: 1\nname: parent\nextends: rec20\noverrides:\n  R20-77: {severity: off}\n",
    )
    child = write(
        tmp_path / "child.yaml", "leadaudit_framework: 1\nname: c\nextends: parent.yaml\n"
    )
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(child))
    assert problems(exc)[0].startswith(f"{tmp_path / 'parent.yaml'}:5:3: overrides.R20-77: ")


def test_unknown_rule_ids_in_overrides_get_located_hints(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: typos
        extends: rec20
        overrides:
          R20-4: {severity: info}
          reports-to-top: {severity: warning}
        by_authority_type:
          district:
            R20-99: {severity: info}
        """,
    )
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(child))
    assert problems(exc) == [
        f"{child}:5:3: overrides.R20-4: unknown rule 'R20-4' (did you mean 'R20-04'?)",
        f"{child}:6:3: overrides.reports-to-top: unknown rule 'reports-to-top' "
        "('reports-to-top' is the slug of R20-02; use the rule id)",
        f"{child}:9:5: by_authority_type.district.R20-99: unknown rule 'R20-99' "
        "(did you mean 'R20-19'?)",
    ]


def test_override_values_are_validated_with_locations(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: bad
        extends: rec20
        overrides:
          R20-02:
            severity: critical
        by_authority_type:
          distrct:
            R20-04: {severity: info}
        """,
    )
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(child))
    assert problems(exc) == [
        f"{child}:6:15: overrides.R20-02.severity: 'critical' is not one of: error, warning, "
        "info, off",
        f"{child}:8:3: by_authority_type.distrct: unknown authority type 'distrct' "
        "(did you mean 'district'?)",
    ]


def test_override_check_options_are_checked_against_the_rule_kind(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: bad
        extends: rec20
        overrides:
          R20-04:
            check: {max_partners: lots, partner_limit: 3}
          R20-03:
            check: {kind: political_lead}
          R20-09:
            check: {capabilities: [open_dta]}
        """,
    )
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(child))
    assert problems(exc) == [
        f"{child}:6:27: overrides.R20-04.check.max_partners: input should be a valid integer, "
        "unable to parse string as an integer (got 'lots')",
        f"{child}:6:33: overrides.R20-04.check.partner_limit: unknown field 'partner_limit'",
        f"{child}:8:19: overrides.R20-03.check.kind: an override cannot change the rule kind "
        "(R20-03 is authority_wide_remit) (turn the rule off and add a new rule with its own id)",
        f"{child}:10:28: overrides.R20-09.check.capabilities[0]: unknown capability 'open_dta' "
        "(did you mean 'open_data'?)",
    ]


def test_redefining_an_inherited_rule_or_area_is_refused(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: redefine
        extends: rec20
        areas:
          political: {title: Politics, bullet: "1", summary: Politics.}
        rules:
          - id: R20-01
            slug: my-leader
            title: Mine
            area: political
            bullet: "2"
            clause: Mine.
            severity: info
            check: {kind: capability_coverage, capabilities: [digital_leadership]}
            record: Mine.
            remediation: Mine.
        """,
    )
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(child))
    assert problems(exc) == [
        f"{child}:5:3: areas.political: area 'political' is already defined by the framework "
        "this one extends (choose another id, or use the inherited area)",
        f"{child}:7:9: rules[0].id: 'R20-01' is already used by rule R20-01 of rec20 "
        "(change an inherited rule under overrides:, or give the new rule another id)",
    ]


def test_a_framework_of_its_own_needs_its_metadata_areas_and_rules(tmp_path: Path) -> None:
    lone = write(tmp_path / "lone.yaml", "leadaudit_framework: 1\nname: lone\n")
    with pytest.raises(FrameworkError) as exc:
        load_framework(str(lone))
    assert [p.split(": ", 1)[1] for p in problems(exc)] == [
        "missing required field 'source' (needed unless the file extends another)",
        "missing required field 'title' (needed unless the file extends another)",
        "missing required field 'version' (needed unless the file extends another)",
        "the framework has no areas (add areas: or extend another framework)",
        "the framework has no rules (add rules: or extend another framework)",
    ]


def test_unknown_framework_name_is_a_usage_error() -> None:
    with pytest.raises(
        UsageError, match=r"unknown framework 'statutary' \(did you mean 'statutory'\?\)"
    ):
        load_framework("statutary")


def test_cli_lists_the_resolved_rule_set(tmp_path: Path) -> None:
    child = write(
        tmp_path / "child.yaml",
        """\
        leadaudit_framework: 1
        name: testshire
        extends: rec20
        overrides:
          R20-10: {severity: off}
        by_authority_type:
          district:
            R20-04: {severity: info}
        """,
    )
    result = run("rules", "--framework", str(child))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("testshire 1.0: ")
    assert any(line.startswith("R20-10   off ") for line in lines)
    assert any(
        line.startswith("R20-04   warning ") and line.endswith("[district: severity info]")
        for line in lines
    )
    explained = run("explain", "R20-04", "--framework", str(child))
    assert "Framework:   testshire 1.0 (extends rec20)" in explained.stdout
    assert "For district: severity info" in explained.stdout
    assert "Changed:     district: severity warning -> info (by testshire)" in explained.stdout


def test_cli_reports_a_framework_cycle_without_a_traceback(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "leadaudit_framework: 1\nname: a\nextends: b.yaml\n")
    write(tmp_path / "b.yaml", "leadaudit_framework: 1\nname: b\nextends: a.yaml\n")
    org = write(tmp_path / "org.yaml", org_text())
    out = tmp_path / "out.json"
    result = run(
        "check",
        str(org),
        "--isolated",
        "-f",
        str(tmp_path / "a.yaml"),
        "--format",
        "json",
        "-o",
        str(out),
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "extends: cycle: " in result.stderr
    assert not out.exists()


def test_frameworks_command_lists_the_bundled_ones() -> None:
    result = run("frameworks")
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert list(lines) == bundled_names()
    assert "19 rules" in lines["rec20"] and "10 rules" in lines["statutory"]
