"""Output formats: each module's ``render(results, options) -> str``; the registry feeds --format."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from leadaudit.findings import AuditResult


@dataclass(frozen=True)
class RenderOptions:
    """How to render: colour and width only matter to the terminal formats."""

    color: bool = False
    width: int = 100
    rich: bool = False


class Renderer(Protocol):
    def __call__(self, results: Sequence[AuditResult], options: RenderOptions, /) -> str: ...


#: format name -> module implementing it (imported only when used)
FORMATS: dict[str, str] = {
    "text": "leadaudit.reporters.text",
    "json": "leadaudit.reporters.json_format",
}


def renderer(name: str) -> Renderer:
    """The render function of a format; KeyError for an unknown name."""
    module = importlib.import_module(FORMATS[name])
    render: Renderer = module.render
    return render
