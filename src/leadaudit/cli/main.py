"""The process: run the command line, flush the output, and end with the right status.

Nothing heavy is imported here: Typer and the commands load in ``run``, and
``leadaudit --version`` is answered before either.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn, TextIO

from leadaudit.cli.exits import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, err

VERSION_FLAGS = ("--version", "-V")
HELP_FLAGS = ("--help", "-h")


def _exit_status(code: object) -> int:
    """The process status Python would give ``sys.exit(code)``."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    err(str(code))
    return EXIT_FINDINGS


def run() -> int:
    """Run the command line on ``sys.argv`` and return the exit code, without exiting."""
    from leadaudit.cli.commands import load_app
    from leadaudit.cli.plugins import plugins_off

    plugins_off()
    try:
        load_app(sys.argv[1:])()
    except SystemExit as exc:
        return _exit_status(exc.code)
    except Exception as exc:  # pragma: no cover - last line of defence
        err(f"leadaudit: internal error: {type(exc).__name__}: {exc}")
        err("This is a bug in leadaudit; please report it.")
        return EXIT_INTERNAL
    return EXIT_OK


def version_only(args: list[str]) -> bool:
    """Whether the command line asks for the version and nothing else (``--version`` or
    ``-V`` alone), which the entry point answers without loading Typer: the same line
    the ``--version`` option prints."""
    return len(args) == 1 and args[0] in VERSION_FLAGS


def _root_help_asked(args: list[str]) -> TextIO | None:
    """Where the root help goes when the command line asks for it and nothing else, which
    the entry point answers without loading Typer (fasthelp.py): standard output for
    ``--help`` or ``-h``, standard error for no arguments at all (a usage error, as Typer
    has it). None otherwise, and always while a shell is asking for completions."""
    if "_LEADAUDIT_COMPLETE" in os.environ:
        return None
    if not args:
        return sys.stderr
    if len(args) == 1 and args[0] in HELP_FLAGS:
        return sys.stdout
    return None


def _flush() -> int | None:
    """Flush the standard streams; the exit code a failed flush calls for, if any."""
    code = None
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the stream closed
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            code = EXIT_INPUT  # the reader has gone (``| head``): see user_errors
        except (OSError, ValueError) as exc:
            if stream is sys.stdout:
                err(f"leadaudit: error: could not write to standard output: {exc}")
                code = EXIT_INPUT
    return code


def main() -> NoReturn:
    """Console-script entry point: run, flush the output, and end the process at once.

    Ending with os._exit skips tearing down the interpreter and freeing every object one
    by one, which is all a finished run has left to do: on a 100,000-post chart that takes
    a tenth of the run. The loaded charts are kept alive until then for the same reason.
    Files are already written and closed (atomically) by then; only the standard streams
    hold buffered output.
    """
    from leadaudit.cli.keep import keep_loaded_until_exit

    # One run, then the process ends: the cyclic garbage a run makes (schema building,
    # templates) is small, and collector passes over the growing heap cost several
    # percent of it. Loading a chart pauses the collector in any case (see paused_gc).
    gc.disable()
    keep_loaded_until_exit()
    args = sys.argv[1:]
    root_help = _root_help_asked(args)
    if version_only(args):
        from leadaudit.version import __version__

        sys.stdout.write(f"leadaudit {__version__}\n")
        code = 0
    elif root_help is not None:
        from leadaudit.cli.fasthelp import root_help as text

        root_help.write(text())
        code = EXIT_OK if root_help is sys.stdout else EXIT_INPUT
    else:
        code = run()
    flushed = _flush()
    if flushed is not None:
        code = flushed
    if sys.gettrace() is not None or sys.getprofile() is not None:
        # Under a profiler or a coverage tracer: exit normally, so theirs report at exit.
        sys.exit(code)
    os._exit(code)
