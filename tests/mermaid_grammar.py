"""A strict checker for the subset of Mermaid flowchart syntax the report emits.

It accepts exactly: the report's own layout directive, then a ``flowchart TD`` header;
node definitions ``id["label"]``; one subgraph ``c_members["Elected members"]`` with a
``direction LR`` line and ``end``; edges ``a --> b``, ``a ==> b``, ``a -.-> b``,
``a -.- b`` and ``a ~~~ b`` (invisible) between defined nodes; ``classDef`` lines and
``class`` assignments to defined classes. Labels may hold letters, digits, a few plain
punctuation marks, Mermaid entity codes (``#NNN;``) and the line break ``<br/>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from leadaudit.reporters.mermaid import LAYOUT

_ID = r"[pxmtc]_[A-Za-z0-9_]+"
_NODE = re.compile(rf'^    (?P<id>{_ID})\["(?P<label>[^"]*)"\]$')
_SUBGRAPH = re.compile(r'^    subgraph (?P<id>c_members)\["(?P<label>[^"]*)"\]$')
_EDGE = re.compile(rf"^    (?P<src>{_ID}) (?P<arrow>-->|==>|-\.->|-\.-|~~~) (?P<dst>{_ID})$")
_CLASSDEF = re.compile(
    r"^    classDef (?P<name>[a-z]+) (?P<styles>[a-z-]+:[#0-9a-z ]+(,[a-z-]+:[#0-9a-z ]+)*)$"
)
_STYLE = re.compile(r"^    style c_members (?P<styles>[a-z-]+:[#0-9a-z ]+(,[a-z-]+:[#0-9a-z ]+)*)$")
_CLASS = re.compile(rf"^    class (?P<ids>{_ID}(,{_ID})*) (?P<name>[a-z]+)$")
_LABEL_PART = re.compile(r"#\d+;|<br/>|[\w .,:()'/+?!-]")


class MermaidSyntaxError(ValueError):
    """The text is outside the accepted subset."""


@dataclass
class Flowchart:
    labels: dict[str, list[str]] = field(default_factory=dict)
    """Node id -> label lines, entity codes decoded."""
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    classes: dict[str, set[str]] = field(default_factory=dict)
    """Class name -> node ids."""


def decode_label(label: str) -> list[str]:
    """Check a label against the allowed alphabet and decode it into lines."""
    pos = 0
    while pos < len(label):
        match = _LABEL_PART.match(label, pos)
        if match is None:
            raise MermaidSyntaxError(f"character {label[pos]!r} not allowed in label {label!r}")
        pos = match.end()
    return [
        re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), part) for part in label.split("<br/>")
    ]


def parse(text: str) -> Flowchart:
    lines = text.split("\n")
    if lines[:2] != [LAYOUT, "flowchart TD"]:
        raise MermaidSyntaxError("the diagram must start with the layout and 'flowchart TD'")
    lines = lines[1:]
    chart = Flowchart()
    subgraph_open = False
    defined_classes: set[str] = set()
    pending_edges: list[tuple[str, str, str]] = []
    pending_classes: list[tuple[list[str], str]] = []
    for n, line in enumerate(lines[1:], start=2):
        if m := _SUBGRAPH.match(line):
            if subgraph_open or m["id"] in chart.labels:
                raise MermaidSyntaxError(f"line {n}: subgraph {m['id']} nested or repeated")
            chart.labels[m["id"]] = decode_label(m["label"])
            subgraph_open = True
        elif line in ("    direction LR", "    end") and subgraph_open:
            subgraph_open = line != "    end"
        elif m := _NODE.match(line):
            if m["id"] in chart.labels:
                raise MermaidSyntaxError(f"line {n}: node {m['id']} defined twice")
            chart.labels[m["id"]] = decode_label(m["label"])
        elif m := _EDGE.match(line):
            pending_edges.append((m["src"], m["arrow"], m["dst"]))
        elif _STYLE.match(line) and "c_members" in chart.labels:
            pass
        elif m := _CLASSDEF.match(line):
            defined_classes.add(m["name"])
        elif m := _CLASS.match(line):
            pending_classes.append((m["ids"].split(","), m["name"]))
        else:
            raise MermaidSyntaxError(f"line {n}: not in the accepted subset: {line!r}")
    if subgraph_open:
        raise MermaidSyntaxError("a subgraph is not closed with 'end'")
    for src, arrow, dst in pending_edges:
        for node in (src, dst):
            if node not in chart.labels:
                raise MermaidSyntaxError(f"edge {src} {arrow} {dst}: node {node} is not defined")
        chart.edges.append((src, arrow, dst))
    for ids, name in pending_classes:
        if name not in defined_classes:
            raise MermaidSyntaxError(f"class {name} is used but not defined")
        for node in ids:
            if node not in chart.labels:
                raise MermaidSyntaxError(f"class {name}: node {node} is not defined")
        chart.classes.setdefault(name, set()).update(ids)
    return chart
