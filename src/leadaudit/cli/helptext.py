"""How ``--help`` and usage lines name a command's arguments: by their metavar, as people
write them, never by Python type (Typer shows ``{FILE...}...`` and ``FILE... <list[Path]>``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand

from leadaudit.cli.summaries import SUMMARIES

F = TypeVar("F", bound=Callable[..., Any])


def argument_label(param: TyperArgument) -> str:
    """``FILE...``, ``RULE``: the metavar (else the name in capitals), with ``...`` when
    the argument takes several values and the metavar does not already say so."""
    label = param.metavar or (param.name or "").upper()
    if param.nargs != 1 and not label.endswith("..."):
        label += "..."
    return label


class PlainHelpCommand(TyperCommand):
    """A command whose usage line and help list each argument by its label alone."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS] FILE...``: optional arguments in brackets, required ones bare."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                label = argument_label(param)
                pieces.append(label if param.required else f"[{label}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections, each argument under its label."""
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((argument_label(param), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class App(typer.Typer):
    """The Typer application class whose commands use PlainHelpCommand unless they name
    another class, so a new command's help is plain without anyone remembering to ask
    (tests/test_help.py checks every command's help, whatever its class)."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[F], F]:
        """Register a command, as Typer does, with PlainHelpCommand as its default class
        and its summary from ``SUMMARIES`` (the name is the function's, as Typer makes it,
        unless given)."""

        def register(function: F) -> F:
            command = name or function.__name__.lower().replace("_", "-")
            kwargs.setdefault("short_help", SUMMARIES[command])
            decorate = super(App, self).command(name, cls=cls or PlainHelpCommand, **kwargs)
            return decorate(function)

        return register
