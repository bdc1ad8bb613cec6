"""Running a user's report template within bounds: it may include only files beside it,
and its time, output, numbers and memory are capped, so a hostile template ends in a clean
'template error' instead of a hang or a crash."""

from __future__ import annotations

import contextlib
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, Template, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_SECONDS = 5
"""How long one report may take to render (the whole run stays under ten seconds)."""
MAX_OUTPUT = 16 * 1024 * 1024
"""The longest report, in characters; also the longest string or list an operator builds."""
MAX_INT_BITS = 4096
"""The largest number (in bits) ``**`` and ``*`` may make."""
MAX_MEMORY = 1024 * 1024 * 1024
"""How much more memory the process may take while a user's template renders."""
MAX_TEMPLATE = 1024 * 1024
"""The largest template file, or file it includes."""


class TemplateLimitError(Exception):
    """A user's template went past one of the bounds."""


class BesideLoader(BaseLoader):
    """Loads a template and the files it includes from one folder: no path, no dotfile, no
    link, no file larger than MAX_TEMPLATE."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def get_source(
        self,
        environment: Environment,  # noqa: ARG002 - the loader protocol passes it
        template: str,
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """The template's text, if it is a plain file beside the report template."""
        if "/" in template or "\\" in template or template.startswith(".") or not template:
            raise TemplateNotFound(template)
        path = self.folder / template
        if path.is_symlink() or not path.is_file() or path.resolve().parent != self.folder:
            raise TemplateNotFound(template)
        if path.stat().st_size > MAX_TEMPLATE:
            raise TemplateNotFound(template)
        text = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime
        return text, str(path), lambda: path.stat().st_mtime == mtime


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja2's sandbox, with ``**``, ``*`` and ``+`` kept from making huge values, and no
    ``lipsum``."""

    intercepted_binops = frozenset({"**", "*", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Apply an operator, refusing one whose result would be past the bounds."""
        if operator == "**" and _power_too_large(left, right):
            raise SecurityError("a number too large for a report")
        if operator == "*":
            _check_product(left, right)
        both = isinstance(left, (str, list)) and isinstance(right, (str, list))
        if operator == "+" and both and len(left) + len(right) > MAX_OUTPUT:
            raise SecurityError("a value too long for a report")
        return super().call_binop(context, operator, left, right)


def _power_too_large(left: Any, right: Any) -> bool:
    if not (isinstance(left, int) and isinstance(right, int)) or right <= 0 or abs(left) <= 1:
        return False
    return abs(left).bit_length() * right > MAX_INT_BITS


def _check_product(left: Any, right: Any) -> None:
    ints = isinstance(left, int) and isinstance(right, int)
    if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise SecurityError("a number too large for a report")
    for seq, times in ((left, right), (right, left)):
        sequence = isinstance(seq, (str, list, tuple)) and isinstance(times, int)
        if sequence and len(seq) * times > MAX_OUTPUT:
            raise SecurityError("a value too long for a report")


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt the render after ``seconds`` (on the main thread, where signals go)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise TemplateLimitError(f"took longer than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_cap(extra: int) -> Iterator[None]:
    """Let the process take at most ``extra`` more bytes of address space meanwhile."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with Path("/proc/self/statm").open() as handle:
            in_use = int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, AttributeError):
        yield
        return
    cap = in_use + extra
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def render_bounded(template: Template, context: dict[str, Any]) -> str:
    """Render a user's template within MAX_SECONDS, MAX_OUTPUT and MAX_MEMORY;
    TemplateLimitError (or the template's own error) when it cannot."""
    parts: list[str] = []
    size = 0
    started = time.monotonic()
    try:
        with _deadline(MAX_SECONDS), _memory_cap(MAX_MEMORY):
            for chunk in template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise TemplateLimitError(f"wrote more than {MAX_OUTPUT:,} characters")
                if time.monotonic() - started > MAX_SECONDS:
                    raise TemplateLimitError(f"took longer than {MAX_SECONDS} seconds")
                parts.append(chunk)
    except MemoryError:
        raise TemplateLimitError("needed more than 1 GiB of memory") from None
    except RecursionError:
        raise TemplateLimitError("nested too deeply") from None
    return "".join(parts)
