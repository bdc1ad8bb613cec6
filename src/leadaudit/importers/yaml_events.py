"""The event-based YAML loader: any YAML, every error located, every limit enforced.

The fast reader in yaml_fast.py handles the plain YAML most org charts use; this loader
reads everything else, reports errors with their exact positions, and finds the positions
of deeper paths when a message needs one. It is imported only then, so a run whose files
the fast reader takes does not load PyYAML at all.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import events

from leadaudit.errors import InputError, Problem
from leadaudit.importers.text import PRINTABLE_ONLY, describe_char, find_bad_char
from leadaudit.importers.yaml_fast import NULLS
from leadaudit.limits import Limits
from leadaudit.source import DocPath, Marks

_CParser: Any
try:  # libyaml's parser; the pure-Python one is the fallback
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CParser = None


class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python parser, used when libyaml is not available."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


class _StopError(Exception):
    def __init__(self, line: int, col: int, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


class _Frame:
    __slots__ = ("anchor", "container", "is_map", "key", "key_marks", "path", "weight")

    def __init__(self, container: Any, path: DocPath, anchor: str | None, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.is_map = is_map
        self.key: str | None = None
        self.key_marks: dict[str, tuple[int, int]] = {}
        self.weight = 1


def _build(parser: Any, limits: Limits, track_depth: int) -> tuple[Any, Marks, Marks]:
    """Consume the event stream and build plain data plus value and key position maps."""
    marks: Marks = {}
    keys: Marks = {}
    anchors: dict[str, tuple[Any, int]] = {}
    alias_nodes = 0
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    documents = 0
    max_depth = limits.max_depth
    get_event = parser.get_event
    scalar_cls, map_start, seq_start = (
        events.ScalarEvent,
        events.MappingStartEvent,
        events.SequenceStartEvent,
    )
    map_end, seq_end, alias_cls = events.MappingEndEvent, events.SequenceEndEvent, events.AliasEvent

    def child_path(at: tuple[int, int]) -> DocPath:
        """Path of the node about to be added; records its position when shallow."""
        if not stack:
            return ()
        top = stack[-1]
        if top.is_map:
            if top.key is None:
                raise _StopError(*at, "a mapping or list cannot be used as a key")
            path = (*top.path, top.key)
            if len(path) <= track_depth:
                marks[path] = top.key_marks[top.key]
            return path
        path = (*top.path, len(top.container))
        if len(path) <= track_depth:
            marks[path] = at
        return path

    def add(value: Any, weight: int, at: tuple[int, int]) -> None:
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            return
        top = stack[-1]
        top.weight += weight
        if not top.is_map:
            top.container.append(value)
            return
        if top.key is None:
            if not isinstance(value, str) or weight != 1:
                raise _StopError(*at, "a mapping or list cannot be used as a key")
            if value == "<<":
                raise _StopError(
                    *at, "merge keys (<<) are not supported", "write the keys out in full"
                )
            seen = top.key_marks.get(value)
            if seen is not None:
                raise _StopError(
                    *at,
                    f"duplicate key '{value}' (first defined at line {seen[0]}, column {seen[1]})",
                    "each key may appear once in a mapping",
                )
            top.key_marks[value] = at
            if len(top.path) < track_depth:
                entry: DocPath = (*top.path, value)
                keys[entry] = at
            top.key = value
            return
        top.container[top.key] = value
        top.key = None

    while True:
        event = get_event()
        cls = type(event)
        if cls is scalar_cls:
            mark = event.start_mark
            at = (mark.line + 1, mark.column + 1)
            if event.tag is not None:
                raise _StopError(*at, f"tags ({event.tag}) are not supported", "remove the tag")
            value = event.value
            style = event.style
            if (
                not style
                and value in NULLS
                and not (stack and stack[-1].is_map and stack[-1].key is None)
            ):
                value = None
            elif style == '"':
                bad = find_bad_char(value)
                if bad is not None:
                    raise _StopError(
                        *at,
                        f"{describe_char(bad.group())}, written as an escape, is not allowed",
                        PRINTABLE_ONLY,
                    )
            if stack and not (stack[-1].is_map and stack[-1].key is None):
                top = stack[-1]
                last: str | int = top.key if top.key is not None else len(top.container)
                path = (*top.path, last)
                if len(path) <= track_depth:
                    marks[path] = at
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            add(value, 1, at)
        elif cls is map_start or cls is seq_start:
            mark = event.start_mark
            at = (mark.line + 1, mark.column + 1)
            if event.tag is not None:
                raise _StopError(*at, f"tags ({event.tag}) are not supported", "remove the tag")
            if len(stack) >= max_depth:
                raise _StopError(
                    *at,
                    f"nesting is deeper than the limit of {max_depth} levels",
                    f"raise it with {Limits.option_for('max_depth')}",
                )
            path = child_path(at)
            if not path and not stack:
                marks[()] = at
            is_map = cls is map_start
            stack.append(_Frame({} if is_map else [], path, event.anchor, is_map))
        elif cls is map_end or cls is seq_end:
            frame = stack.pop()
            if frame.anchor is not None:
                anchors[frame.anchor] = (frame.container, frame.weight)
            mark = event.start_mark
            add(frame.container, frame.weight, (mark.line + 1, mark.column + 1))
        elif cls is alias_cls:
            mark = event.start_mark
            at = (mark.line + 1, mark.column + 1)
            target = anchors.get(event.anchor)
            if target is None:
                raise _StopError(*at, f"unknown alias '*{event.anchor}'", "define the anchor first")
            alias_nodes += target[1]
            if alias_nodes > limits.max_alias_nodes:
                raise _StopError(
                    *at,
                    f"aliases expand to more than {limits.max_alias_nodes:,} nodes",
                    f"raise the limit with {Limits.option_for('max_alias_nodes')}",
                )
            if stack and not (stack[-1].is_map and stack[-1].key is None):
                child_path(at)
            add(target[0], target[1], at)
        elif cls is events.DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise _StopError(
                    mark.line + 1,
                    mark.column + 1,
                    "the file holds more than one YAML document",
                    "keep one document per file",
                )
        elif cls is events.StreamEndEvent:
            break
    if not have_root:
        raise _StopError(1, 1, "the file is empty", "an org chart starts with 'leadaudit: 1'")
    return root, marks, keys


def _make_parser(text: str) -> Any:
    return _CParser(text) if _CParser is not None else _PyParser(text)


def parse_events(
    text: str, filename: str, limits: Limits, track_depth: int
) -> tuple[Any, Marks, Marks]:
    """Read YAML text through parser events: data, value positions and key positions
    (paths up to ``track_depth`` long); any error is an InputError with its position."""
    parser = _make_parser(text)
    try:
        return _build(parser, limits, track_depth)
    except _StopError as stop:
        raise InputError(
            [Problem(filename, stop.line, stop.col, stop.message, hint=stop.hint)]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = "invalid YAML: " + (exc.problem or exc.context or "syntax error")
        if exc.context and exc.problem:
            message += f" ({exc.context})"
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        raise InputError([Problem(filename, line, col, message)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(filename, None, None, f"invalid YAML: {exc}")]) from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
