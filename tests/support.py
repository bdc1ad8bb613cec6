"""Helpers shared by the report tests: running the CLI, listing inputs, parsing Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from leadaudit.cli import app
from tests.conftest import EXAMPLES, FIXTURES, ROOT

# Variables that change leadaudit's choices; tests start without them.
_CLEAN_ENV: dict[str, str | None] = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "FORCE_COLOR": None}


def run(args: Sequence[str], env: dict[str, str | None] | None = None) -> Result:
    """Invoke the CLI in-process with a neutral environment."""
    return CliRunner().invoke(app, list(args), env={**_CLEAN_ENV, **(env or {})})


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
