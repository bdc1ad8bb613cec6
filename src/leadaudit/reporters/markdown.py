"""The Markdown gap report, rendered with Jinja2 from the bundled or a user's template.

Templates run in Jinja2's sandbox with autoescaping off; every value that comes from an
input file must pass through one of the escaping filters (``md_text``, ``md_cell``,
``mermaid_label``), and the bundled template does so. The template receives plain data
(see ``report_context``), never live objects.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from jinja2 import FunctionLoader, StrictUndefined, Template, TemplateError, TemplateNotFound
from jinja2.loaders import BaseLoader
from jinja2.sandbox import SandboxedEnvironment

from leadaudit.errors import UsageError
from leadaudit.findings import AuditResult
from leadaudit.reporters import RenderOptions
from leadaudit.reporters.escape import md_cell, md_fence, md_text, mermaid_label
from leadaudit.reporters.report_context import report_context
from leadaudit.reporters.template_sandbox import BesideLoader, BoundedEnvironment, render_bounded

BUNDLED_TEMPLATE = "report.md.j2"
_BUNDLED_NAME = f"<bundled>/{BUNDLED_TEMPLATE}"


def _score_text(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.1f}/10"


def _environment(loader: BaseLoader) -> SandboxedEnvironment:
    env = BoundedEnvironment(
        loader=loader,
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    filters: dict[str, Callable[..., str]] = {
        "md_text": md_text,
        "md_cell": md_cell,
        "id_cell": id_cell,
        "md_fence": md_fence,
        "mermaid_label": mermaid_label,
        "score": _score_text,
    }
    env.filters.update(filters)
    return env


def id_cell(value: str) -> str:
    """A table cell holding an id: its hyphens non-breaking, so that a squeezed column
    never splits 'R20-01' into 'R20-' and '01' (``explain`` reads them back as hyphens)."""
    return md_cell(value).replace("-", "\u2011")


def _bundled_source(name: str) -> tuple[str, str, Callable[[], bool]] | None:
    if name != BUNDLED_TEMPLATE:
        return None
    source = (resources.files("leadaudit") / "templates" / BUNDLED_TEMPLATE).read_text("utf-8")
    return source, _BUNDLED_NAME, lambda: True


def _template_line(exc: BaseException) -> int | None:
    """The template line an error was raised at, from Jinja2's rewritten traceback."""
    line = getattr(exc, "lineno", None)
    if isinstance(line, int):
        return line
    for frame, lineno in reversed(list(traceback.walk_tb(exc.__traceback__))):
        if not frame.f_code.co_filename.endswith(".py"):
            return lineno
    return None


def _template_error(path: Path, exc: BaseException) -> UsageError:
    """A user's template failed: name the file (as the user gave it) and the line."""
    line = _template_line(exc)
    name = getattr(exc, "filename", None)
    if name is None or Path(name).resolve() == path.resolve():
        name = str(path)
    where = f"{name}:{line}" if line else name
    if isinstance(exc, TemplateNotFound):
        detail = f"included template not found: {exc.name}"
    else:
        detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return UsageError(f"{where}: template error: {detail}")


def load_template(path: Path | None) -> Template:
    """The bundled report template, or a user's; a broken user template is a UsageError."""
    if path is None:
        return _environment(FunctionLoader(_bundled_source)).get_template(BUNDLED_TEMPLATE)
    if not path.is_file():
        raise UsageError(f"{path}: template not found")
    if path.is_symlink():
        raise UsageError(f"{path}: a report template may not be a symbolic link")
    env = _environment(BesideLoader(path.parent if str(path.parent) else Path()))
    try:
        return env.get_template(path.name)
    except UnicodeDecodeError:
        raise UsageError(f"{path}: template is not UTF-8 text") from None
    except TemplateError as exc:
        raise _template_error(path, exc) from None


def render(results: Sequence[AuditResult], options: RenderOptions) -> str:
    """The Markdown gap report of each result, from the bundled or the user's template."""
    template = load_template(options.template)
    parts: list[str] = []
    for r in results:
        context = report_context(r, options)
        if options.template is None:
            text = template.render(context)  # the bundled template is ours
        else:
            try:
                text = render_bounded(template, context)
            except Exception as exc:
                raise _template_error(options.template, exc) from None
        parts.append(text if text.endswith("\n") else text + "\n")
    return "\n---\n\n".join(parts)
