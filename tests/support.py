"""Helpers the CLI, loader and graph tests share: running the CLI and small org charts."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from typer.testing import CliRunner, Result

from leadaudit.cli import app
from leadaudit.frameworks import Framework, load_framework

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


# The developer's or CI's terminal settings must not change what the tests see.
_HERMETIC: dict[str, str | None] = {"FORCE_COLOR": None, "NO_COLOR": None, "GITHUB_ACTIONS": None}


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
