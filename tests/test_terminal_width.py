"""Terminal output at narrow and wide widths: ids and slugs are never cut or wrapped, lines
fit the terminal, and table cells are padded."""

from __future__ import annotations

import json
import re

import pytest

from leadaudit.framework import load_framework
from tests.conftest import EXAMPLES
from tests.support import invoke, on_terminal

GAPS = str(EXAMPLES / "unitary-gaps.yaml")
WIDTHS = [40, 60, 100, 160]


def whole(token: str, text: str) -> bool:
    """Whether ``token`` appears in ``text`` on one line, not as part of a longer id."""
    return re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text) is not None


def too_long(text: str, width: int) -> list[str]:
    return [line for line in text.splitlines() if len(line) > width]


# -- rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("framework", ["rec20", "statutory"])
def test_rules_never_cut_an_id_or_a_slug(framework: str, width: int) -> None:
    result = on_terminal("rules", "--framework", framework, width=width)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert too_long(text, width) == []
    assert "…" not in text
    for rule in load_framework(framework).rules:
        assert whole(rule.id, text), rule.id
        assert whole(rule.slug, text), rule.slug


def test_rules_drop_the_area_then_stack_as_the_terminal_narrows() -> None:
    wide, medium, narrow = (on_terminal("rules", width=w).stdout for w in (160, 100, 60))
    assert re.search(r"┃ Rule +┃ Severity ┃ Area +┃ Slug +┃ Checks +┃", wide)
    assert re.search(r"┃ Rule +┃ Severity ┃ Slug +┃ Checks +┃", medium)
    assert "\nR20-08  info     works-with-ceo-and-politicians\n    The digital leader works" in (
        narrow
    )


# -- check ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_the_findings_table_never_cuts_a_rule_id(width: int) -> None:
    payload = json.loads(invoke("check", GAPS, "--format", "json").stdout)
    rules = {finding["rule"] for finding in payload["files"][0]["findings"]}
    result = on_terminal("check", GAPS, width=width)
    assert result.exit_code == 1, result.output
    text = result.stdout
    assert too_long(text, width) == []
    assert "…" not in text
    shown = set(re.findall(r"(?<![\w-])R20-\d\d(?![\w-])", text))
    assert shown == rules


# -- padding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "width"),
    [
        (("rules",), 100),
        (("rules",), 160),
        (("rules", "-f", "statutory"), 100),
        (("check", GAPS), 60),
        (("check", GAPS), 100),
    ],
)
def test_table_cells_are_padded_on_both_sides(args: tuple[str, ...], width: int) -> None:
    text = on_terminal(*args, width=width).stdout
    rows = [line for line in text.splitlines() if line[:1] in ("│", "┃")]
    assert rows, text
    unpadded = [row for row in rows if re.search(r"[│┃][^ ]|[^ ][│┃]", row[1:-1] + " ")]
    unpadded += [row for row in rows if row[1:2] != " " or row[-2:-1] != " "]
    assert unpadded == []
