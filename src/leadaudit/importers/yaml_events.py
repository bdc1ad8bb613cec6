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
from leadaudit.messages import plural
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


class _Builder:
    """Builds plain data from parser events, with value and key positions, checking every
    limit and refusing what leadaudit does not read (tags, merge keys, duplicate keys)."""

    def __init__(self, limits: Limits, track_depth: int) -> None:
        self.limits = limits
        self.track_depth = track_depth
        self.marks: Marks = {}
        self.keys: Marks = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.alias_nodes = 0
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.have_root = False
        self.documents = 0

    def child_path(self, at: tuple[int, int]) -> DocPath:
        """Path of the node about to be added; records its position when shallow."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.is_map:
            if top.key is None:
                raise _StopError(*at, "a mapping or list cannot be used as a key")
            path = (*top.path, top.key)
            if len(path) <= self.track_depth:
                self.marks[path] = top.key_marks[top.key]
            return path
        path = (*top.path, len(top.container))
        if len(path) <= self.track_depth:
            self.marks[path] = at
        return path

    def _add_key(self, top: _Frame, value: Any, weight: int, at: tuple[int, int]) -> None:
        if not isinstance(value, str) or weight != 1:
            raise _StopError(*at, "a mapping or list cannot be used as a key")
        if value == "<<":
            raise _StopError(*at, "merge keys (<<) are not supported", "write the keys out in full")
        seen = top.key_marks.get(value)
        if seen is not None:
            raise _StopError(
                *at,
                f"duplicate key '{value}' (first defined at line {seen[0]}, column {seen[1]})",
                "each key may appear once in a mapping",
            )
        top.key_marks[value] = at
        if len(top.path) < self.track_depth:
            entry = (*top.path, value)
            self.keys[entry] = at
        top.key = value

    def add(self, value: Any, weight: int, at: tuple[int, int]) -> None:
        """Put a finished node (``weight`` nodes in all) into the container being built."""
        if not self.stack:
            self.root, self.have_root = value, True
            return
        top = self.stack[-1]
        top.weight += weight
        if not top.is_map:
            top.container.append(value)
        elif top.key is None:
            self._add_key(top, value, weight, at)
        else:
            top.container[top.key] = value
            top.key = None

    def scalar(self, event: Any) -> None:
        """A scalar: text, or None for a plain null spelling that is not a key."""
        mark = event.start_mark
        at = (mark.line + 1, mark.column + 1)
        if event.tag is not None:
            raise _StopError(*at, f"tags ({event.tag}) are not supported", "remove the tag")
        value = event.value
        style = event.style
        if style == '"':
            bad = find_bad_char(value)
            if bad is not None:
                raise _StopError(
                    *at,
                    f"{describe_char(bad.group())}, written as an escape, is not allowed",
                    PRINTABLE_ONLY,
                )
        stack = self.stack
        is_key = bool(stack) and stack[-1].is_map and stack[-1].key is None
        if not style and value in NULLS and not is_key:
            value = None
        if not stack or is_key:  # the root, or a key
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1)
            self.add(value, 1, at)
            return
        top = stack[-1]
        if len(top.path) < self.track_depth:
            last: str | int = top.key if top.key is not None else len(top.container)
            at_path = (*top.path, last)
            self.marks[at_path] = at
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        top.weight += 1
        if top.is_map:
            top.container[top.key] = value
            top.key = None
        else:
            top.container.append(value)

    def open_map(self, event: Any) -> None:
        """The start of a mapping."""
        self.open(event, True)

    def open_seq(self, event: Any) -> None:
        """The start of a sequence."""
        self.open(event, False)

    def open(self, event: Any, is_map: bool) -> None:
        """The start of a mapping or sequence."""
        mark = event.start_mark
        at = (mark.line + 1, mark.column + 1)
        if event.tag is not None:
            raise _StopError(*at, f"tags ({event.tag}) are not supported", "remove the tag")
        if len(self.stack) >= self.limits.max_depth:
            raise _StopError(
                *at,
                f"nesting is deeper than the limit of {plural(self.limits.max_depth, 'level')}",
                f"raise it with {Limits.option_for('max_depth')}",
            )
        path = self.child_path(at)
        if not path and not self.stack:
            self.marks[()] = at
        self.stack.append(_Frame({} if is_map else [], path, event.anchor, is_map))

    def close(self, event: Any) -> None:
        """The end of a mapping or sequence."""
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.weight)
        mark = event.start_mark
        self.add(frame.container, frame.weight, (mark.line + 1, mark.column + 1))

    def alias(self, event: Any) -> None:
        """``*name``: the anchored node again, counted against the alias budget."""
        mark = event.start_mark
        at = (mark.line + 1, mark.column + 1)
        target = self.anchors.get(event.anchor)
        if target is None:
            raise _StopError(*at, f"unknown alias '*{event.anchor}'", "define the anchor first")
        self.alias_nodes += target[1]
        limit = self.limits.max_alias_nodes
        if self.alias_nodes > limit:
            raise _StopError(
                *at,
                f"aliases expand to more than {plural(limit, 'node')}",
                f"raise the limit with {Limits.option_for('max_alias_nodes')}",
            )
        stack = self.stack
        if stack and not (stack[-1].is_map and stack[-1].key is None):
            self.child_path(at)
        self.add(target[0], target[1], at)

    def document(self, event: Any) -> None:
        """The start of a document: one is allowed."""
        self.documents += 1
        if self.documents > 1:
            mark = event.start_mark
            raise _StopError(
                mark.line + 1,
                mark.column + 1,
                "the file holds more than one YAML document",
                "keep one document per file",
            )


def _build(parser: Any, limits: Limits, track_depth: int) -> tuple[Any, Marks, Marks]:
    """Consume the event stream and build plain data plus value and key position maps."""
    builder = _Builder(limits, track_depth)
    get_event = parser.get_event
    scalar, open_map, open_seq = builder.scalar, builder.open_map, builder.open_seq
    close, alias, document = builder.close, builder.alias, builder.document
    scalar_cls, alias_cls, end = events.ScalarEvent, events.AliasEvent, events.StreamEndEvent
    map_start, seq_start = events.MappingStartEvent, events.SequenceStartEvent
    map_end, seq_end, doc_start = (
        events.MappingEndEvent,
        events.SequenceEndEvent,
        events.DocumentStartEvent,
    )
    while True:
        event = get_event()
        cls = type(event)
        if cls is scalar_cls:
            scalar(event)
        elif cls is map_end or cls is seq_end:
            close(event)
        elif cls is map_start:
            open_map(event)
        elif cls is seq_start:
            open_seq(event)
        elif cls is alias_cls:
            alias(event)
        elif cls is doc_start:
            document(event)
        elif cls is end:
            break
    if not builder.have_root:
        raise _StopError(1, 1, "the file is empty", "an org chart starts with 'leadaudit: 1'")
    return builder.root, builder.marks, builder.keys


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
