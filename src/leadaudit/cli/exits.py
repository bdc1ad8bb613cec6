"""Exit codes, and turning errors into one-line messages on stderr and the right code."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from leadaudit.errors import Problem

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
MAX_PROBLEMS_SHOWN = 50


def err(text: str) -> None:
    """Write one message to stderr as one line: folded, cleaned, bounded, and never the
    start of a CI workflow command (stderr is read for those too)."""
    from leadaudit.sanitize import message_line

    sys.stderr.write(message_line(text) + "\n")


def out(text: str) -> None:
    """Write text for a terminal or CI log to stdout, no line able to start a workflow
    command; only the ``github`` format writes those, and it does not come through here."""
    from leadaudit.sanitize import safe_lines

    write_stdout(safe_lines(text))


def write_stdout(text: str) -> None:
    """Write to stdout; a closed stdout is a usage error, not a crash."""
    if sys.stdout is None:
        from leadaudit.errors import UsageError

        raise UsageError("standard output is closed; give --output FILE")
    sys.stdout.write(text)


def fail(code: int) -> NoReturn:
    """End the command with ``code``."""
    import typer  # loaded already by the command calling this: see main.py

    raise typer.Exit(code)


def print_problems(problems: Sequence[Problem], omitted: int = 0) -> None:
    """Every problem a line, at most MAX_PROBLEMS_SHOWN of them, then a count of the rest
    (``omitted`` were found but not worked out)."""
    from leadaudit.messages import plural

    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        err(problem.render())
    rest = len(problems) - min(len(problems), MAX_PROBLEMS_SHOWN) + omitted
    if rest:
        err(f"... and {plural(rest, 'more problem')}")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn errors a user can cause into exit 2 and anything else into exit 3."""
    import typer

    from leadaudit.errors import InputError, LeadauditError

    try:
        yield
    except typer.Exit:
        raise
    except InputError as exc:
        print_problems(exc.problems, exc.omitted)
        fail(EXIT_INPUT)
    except LeadauditError as exc:
        err(f"leadaudit: error: {exc}")
        fail(EXIT_INPUT)
    except KeyboardInterrupt:
        err("leadaudit: interrupted")
        fail(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader of the output has gone (``| head``): the output is incomplete, and
        # saying so on a terminal that asked for a few lines would only be noise.
        fail(EXIT_INPUT)
    except OSError as exc:  # a full disk, a closed stream: the user's system, not a bug
        where = f" {exc.filename}:" if exc.filename else ""
        err(f"leadaudit: error:{where} {exc.strerror or exc}")
        fail(EXIT_INPUT)
    except Exception as exc:
        err(f"leadaudit: internal error: {type(exc).__name__}: {exc}")
        err(
            "This is a bug in leadaudit, not in your files. Please report it on the leadaudit "
            "issue tracker with the command you ran and, if you can, the input file."
        )
        fail(EXIT_INTERNAL)
