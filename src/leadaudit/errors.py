"""Error types: problems a user can cause (located) versus bugs."""

from __future__ import annotations

from collections.abc import Iterable

from leadaudit.records import record


@record(order=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    line: int | None
    col: int | None
    message: str
    path: str = ""
    hint: str | None = None

    def render(self) -> str:  # one line, whatever the file, path, message or hint hold
        """'file:line:col: path: message (hint)', with whichever parts are known."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        from leadaudit.sanitize import message_line

        return message_line(text)


MAX_PROBLEMS = 1000
"""The most problems of one file that are located and described; the command line shows
fewer still, and counts the rest."""


class LeadauditError(Exception):
    """Base class of every error leadaudit raises on purpose."""


class InputError(LeadauditError):
    """One or more problems in a file the user gave us (org chart, framework, config...)."""

    def __init__(self, problems: Iterable[Problem], omitted: int = 0) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.omitted = omitted
        """Further problems found but not worked out, past a file's first MAX_PROBLEMS."""
        super().__init__()

    def __str__(self) -> str:
        return "\n".join(p.render() for p in self.problems[:MAX_PROBLEMS])


class FrameworkError(InputError):
    """A problem in a framework file (bundled or user-written)."""


class UsageError(LeadauditError):
    """The command line itself is wrong (an unknown framework name, conflicting options...)."""


def format_path(path: Iterable[str | int]) -> str:
    """Render a document path like ``posts[3].reports_to``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
