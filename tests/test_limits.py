"""Size, nesting and alias limits: sensible defaults, raised by option, named when hit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.generate import generate, to_yaml
from leadaudit.cli import app
from leadaudit.limits import Limits
from tests.conftest import ROOT

runner = CliRunner()


def check(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_file_size_limit_names_the_limit_and_the_option(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(to_yaml(generate(200)))
    size = path.stat().st_size
    assert size > 30_000  # larger than the bundled framework, which is read first
    code, output = check(str(path), "--max-file-size", "30000")
    assert code == 2
    assert f"org.yaml: file is {size:,} bytes, over the limit of 30,000" in output
    assert "(raise it with --max-file-size)" in output
    code, output = check(str(path), "--max-file-size", str(size))
    assert code in (0, 1), output


def test_depth_limit_points_at_the_line_and_names_the_option(tmp_path: Path) -> None:
    path = tmp_path / "nested.yaml"
    path.write_text("leadaudit: 1\nnotes:\n  - [a, [b, [c, [d, [e]]]]]\n")
    code, output = check(str(path), "--max-depth", "6")
    assert code == 2
    assert re.search(
        r"nested\.yaml:3:21: nesting is deeper than the limit of 6 levels "
        r"\(raise it with --max-depth\)",
        output,
    ), output
    code, output = check(str(path), "--max-depth", "7")
    assert code == 2
    assert "nesting" not in output
    assert "unknown field 'notes'" in output


def test_deep_nesting_is_refused_with_its_location(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("leadaudit: 1\nx:\n" + "".join("  " * i + "- \n" for i in range(1, 200)))
    code, output = check(str(deep))
    assert code == 2
    assert re.search(r"deep\.yaml:\d+:\d+: nesting is deeper than the limit of 64 levels", output)
    assert "(raise it with --max-depth)" in output
    flow = tmp_path / "flow.yaml"
    flow.write_text("leadaudit: 1\nx: " + "[" * 500 + "]" * 500 + "\n")
    code, output = check(str(flow))
    assert code == 2
    assert "flow.yaml:2:" in output and "--max-depth" in output
    # Far deeper than any limit: libyaml stops first, still with a location.
    flow.write_text("leadaudit: 1\nx: " + "[" * 100_000 + "]" * 100_000 + "\n")
    code, output = check(str(flow))
    assert code == 2
    assert re.search(r"flow\.yaml:2:\d+: invalid YAML: exceeded maximum nesting depth", output)


ALIASED = """\
leadaudit: 1
authority: {name: Aliasshire County Council, type: county}
posts:
  - id: ceo
    title: Chief Executive
    capabilities: &top [head_of_paid_service]
  - id: cdo
    title: Chief Digital Officer
    reports_to: ceo
    capabilities: &digital [digital_leadership, culture_change, stakeholder_management]
  - id: deputy
    title: Deputy Chief Digital Officer
    reports_to: cdo
    capabilities: *digital
"""


def test_alias_limit_names_the_option_and_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "aliased.yaml"
    path.write_text(ALIASED)
    code, output = check(str(path))
    assert code in (0, 1), output  # aliases within the default budget are fine
    code, output = check(str(path), "--max-alias-nodes", "3")
    assert code == 2
    assert "aliased.yaml:14:19: aliases expand to more than 3 nodes" in output
    assert "--max-alias-nodes" in output


def test_alias_bomb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    lines = ["leadaudit: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n")
    assert bomb.stat().st_size < 600
    code, output = check(str(bomb))
    assert code == 2
    assert "aliases expand to more than 10,000 nodes (raise the limit with --max-alias-nodes)" in (
        output
    )


def test_defaults_admit_a_100000_post_org_chart() -> None:
    # A generated chart's size grows linearly with its posts; 5,000 posts stand in for
    # 100,000 here (the benchmark loads the real thing).
    sample = to_yaml(generate(5_000)).encode()
    assert len(sample) * 20 * 2 < Limits().max_file_size  # twice the room needed
    indent = max(len(line) - len(line.lstrip(" ")) for line in sample.decode().splitlines())
    assert indent // 2 + 2 < Limits().max_depth
    assert b"*" not in sample  # no aliases to count


@pytest.mark.parametrize("name", ["max_file_size", "max_depth", "max_alias_nodes"])
def test_limits_are_documented(name: str) -> None:
    option = Limits.option_for(name)
    default = getattr(Limits(), name)
    help_text = runner.invoke(app, ["check", "--help"], terminal_width=200).output
    assert option in help_text
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    assert option in section
    assert f"{default:,}" in section
