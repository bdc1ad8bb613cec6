"""The ``check-changed`` command: ``check`` on the org charts among the files a tool hands
over. pre-commit (the ``leadaudit-check`` hook) passes every YAML and CSV file a commit
touches; this passes over the ones the configuration excludes and those plainly not org
charts, and audits the rest exactly as ``check`` does, with the same options."""

from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from leadaudit.cli.app import app
from leadaudit.cli.exits import EXIT_OK, err, fail, user_errors


def _skipped_note(total: int, skipped: list[tuple[str, str]]) -> str:
    from leadaudit.messages import plural

    listed = "; ".join(f"{name} ({reason})" for name, reason in skipped)
    return (
        f"leadaudit check-changed: {total - len(skipped)} of {plural(total, 'file')} "
        f"audited; passed over {listed}"
    )


@app.command(
    "check-changed",
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
)
def check_changed(
    ctx: typer.Context,
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="[CHECK OPTIONS] FILE...",
            help="The options of 'leadaudit check', then the files.",
            show_default=False,
        ),
    ],
) -> None:
    """Audit the org charts among FILE... as 'leadaudit check' does, with its options.

    For tools that hand over every changed YAML and CSV file (the leadaudit-check
    pre-commit hook). Files the configuration's exclude patterns match are passed over
    even though they are named, and so are files plainly not org charts: YAML without a
    top-level 'leadaudit: 1', a CSV that is neither a council organisation structure nor
    an organogram. Files that cannot be read are audited, so their problem is reported.

    Exit codes: as 'leadaudit check'; 0 when no file is an org chart.
    """
    parent = ctx.parent
    group = parent.command if parent is not None else None
    check = None
    if parent is not None and isinstance(group, TyperGroup):
        check = group.get_command(parent, "check")
    if check is None or parent is None:  # pragma: no cover - registered with check
        raise RuntimeError("the check command is not registered")
    # Parsed as 'check' parses them: a usage error is check's, shown by click (exit 2).
    sub = check.make_context("check-changed", list(args), parent=parent)
    with user_errors():
        from leadaudit.cli.options import resolve
        from leadaudit.cli.runner import select_charts
        from leadaudit.sanitize import one_line

        config = sub.params.get("config")
        settings, _ = resolve(
            {}, Path(config) if config else None, bool(sub.params.get("isolated"))
        )
        chosen = sub.params.get("input_format")
        input_format = getattr(chosen, "value", chosen)
        files = [Path(f) for f in sub.params["files"]]
        charts, skipped = select_charts(files, settings, input_format)
        if skipped:
            named = [(one_line(str(s.path)), s.reason) for s in skipped]
            err(_skipped_note(len(files), named))
        if not charts:
            fail(EXIT_OK)
        sub.params["files"] = charts
    with sub:
        check.invoke(sub)
