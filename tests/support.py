"""Helpers the tests share: running the CLI, small org charts, listing inputs, parsing Markdown."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from leadaudit.cli import app
from leadaudit.framework import Framework, load_framework
from tests.conftest import EXAMPLES, FIXTURES, ROOT

FRAMEWORK: Framework = load_framework()

MINIMAL_ORG = textwrap.dedent(
    """\
    leadaudit: 1
    authority:
      name: Testshire County Council
      type: county
    posts:
      - id: ceo
        title: Chief Executive
        capabilities: [head_of_paid_service]
    """
)
"""The smallest valid org chart: one post at the top."""


# The developer's or CI's terminal settings must not change what the tests see: not the
# colour settings, and not the width (which the terminal layout takes from COLUMNS).
_HERMETIC: dict[str, str | None] = {
    "FORCE_COLOR": None,
    "NO_COLOR": None,
    "GITHUB_ACTIONS": None,
    "COLUMNS": "100",
}


def invoke(*args: str, env: Mapping[str, str | None] | None = None) -> Result:
    """Run ``leadaudit ARGS`` in-process; the result keeps stdout and stderr apart.

    Colour variables are unset unless ``env`` sets them.

    Fails the test if an exception escaped the CLI (the user would see a traceback).
    """
    result = CliRunner().invoke(app, list(args), env={**_HERMETIC, **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"leadaudit {' '.join(args)} raised {result.exception!r}")
    assert "Traceback" not in result.output
    return result


def on_terminal(*args: str, width: int) -> Result:
    """``leadaudit ARGS`` laid out for a terminal ``width`` columns wide (FORCE_COLOR turns
    the terminal layout on, COLUMNS gives the width), without colour codes."""
    return invoke(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": str(width)})


def run(args: Sequence[str], env: dict[str, str | None] | None = None) -> Result:
    """Invoke the CLI in-process with a neutral environment."""
    return CliRunner().invoke(app, list(args), env={**_HERMETIC, **(env or {})})


def report_inputs() -> list[Path]:
    """Every bundled example and every report fixture, relative to the repository root."""
    files = sorted(EXAMPLES.glob("*.yaml")) + sorted(FIXTURES.glob("*.yaml"))
    return [f.relative_to(ROOT) for f in files]


def markdown_parser() -> Any:
    """CommonMark with GitHub tables, raw HTML recognised (so tests can see if any survives)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def inline_text(token: Any) -> str:
    """What an inline token reads as once rendered (markup dropped, escapes resolved)."""
    return "".join(c.content for c in token.children or () if c.type in ("text", "code_inline"))


def tables(tokens: list[Any]) -> list[list[list[str]]]:
    """Each table as rows of rendered cell texts (header row first)."""
    out: list[list[list[str]]] = []
    row: list[str] | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            out.append([])
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            out[-1].append(row)
            row = None
        elif tok.type in ("th_open", "td_open") and row is not None:
            row.append(inline_text(tokens[i + 1]) if tokens[i + 1].type == "inline" else "")
    return out


def walk(tokens: list[Any]) -> list[Any]:
    """Every token, with inline children flattened in."""
    out: list[Any] = []
    for tok in tokens:
        out.append(tok)
        if tok.children:
            out.extend(walk(tok.children))
    return out
