"""The extension points stay one-place changes: rule kinds, frameworks, output and input formats.

Each registry (``rules.REGISTRY``, the ``frameworks/`` folder, ``reporters.FORMATS``,
``importers.FORMATS``) is the one place a new piece is named. These tests fail when a piece
is added without its registry entry, when an entry points at something that does not fit,
or when what is built from a registry (the framework schema, the command line's choices,
configuration, the golden files) no longer agrees with it. CONTRIBUTING.md has the recipes.
"""

from __future__ import annotations

import importlib
import inspect
import re
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import leadaudit.rules
from leadaudit import importers, reporters
from leadaudit.engine import audit
from leadaudit.errors import UsageError
from leadaudit.findings import AuditResult
from leadaudit.framework import Framework, bundled_names, load_framework
from leadaudit.orgchart import OrgIndex, load_orgchart
from leadaudit.reportdata import with_chart, with_source_hash
from leadaudit.rules import REGISTRY, Check, RuleKind
from leadaudit.schema import schema
from tests.conftest import EXAMPLES, ROOT
from tests.golden.test_golden import SUFFIX as GOLDEN_SUFFIX
from tests.support import invoke

RULES_DIR = Path(leadaudit.rules.__file__).parent
RULE_MODULES = sorted(
    f"leadaudit.rules.{p.stem}"
    for p in RULES_DIR.glob("*.py")
    if p.stem not in ("__init__", "base")
)
FRAMEWORKS_DIR = ROOT / "frameworks"
VOCABULARY = "capabilities.yaml"
FRAMEWORK_FILES = sorted(
    p
    for p in [*FRAMEWORKS_DIR.glob("*.yaml"), *FRAMEWORKS_DIR.glob("*.yml")]
    if p.name != VOCABULARY
)
#: what the check runner can add to a result (cli/runner.py): a format may need only these
SUPPLIED_NEEDS = {"chart", "source_hash"}
#: option names that hold capability ids, by convention across the rule kinds
CAPABILITY_OPTIONS: dict[str, Any] = {
    "leader": "probe_leader",
    "capability": "probe_capability",
    "capabilities": ["probe_one", "probe_two"],
}


def kind_literal(cls: type[RuleKind]) -> tuple[object, ...]:
    """The values of a rule kind's ``kind: Literal[...]`` field (empty without one)."""
    field = cls.model_fields.get("kind")
    return typing.get_args(field.annotation) if field is not None else ()


def kinds_defined_in(module: ModuleType) -> dict[str, type[RuleKind]]:
    """The rule kinds a module defines itself: RuleKind classes with a ``kind`` literal."""
    found: dict[str, type[RuleKind]] = {}
    for value in vars(module).values():
        if (
            inspect.isclass(value)
            and issubclass(value, RuleKind)
            and value.__module__ == module.__name__
        ):
            for kind in kind_literal(value):
                found[str(kind)] = value
    return found


def help_choices(help_text: str, option: str) -> set[str]:
    """The choices ``--help`` shows for an option, from its ``a|b|c`` metavar."""
    match = re.search(
        rf"^\s*(?:-\w, )?{re.escape(option)} <?(?:list\[)?([a-z_]+(?:\|[a-z_]+)*)",
        help_text,
        re.MULTILINE,
    )
    assert match is not None, f"no choices shown for {option} in:\n{help_text}"
    return set(match.group(1).split("|"))


# -- rule kinds ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_registry_key_is_the_kind_literal_of_its_class(kind: str) -> None:
    cls = REGISTRY[kind]
    assert issubclass(cls, RuleKind), f"{cls.__name__} does not subclass RuleKind"
    assert kind_literal(cls) == (kind,), (
        f"REGISTRY['{kind}'] is {cls.__name__}, whose kind field is {kind_literal(cls)!r}"
    )


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_registered_kind_implements_evaluate(kind: str) -> None:
    cls = REGISTRY[kind]
    assert cls.evaluate is not RuleKind.evaluate, f"{cls.__name__} does not define evaluate()"


def test_check_union_holds_exactly_the_registered_kinds() -> None:
    union, *_ = typing.get_args(Check)
    members = set(typing.get_args(union))
    assert members == set(REGISTRY.values()), (
        "rules.Check and rules.REGISTRY list different classes: "
        f"only in Check {sorted(c.__name__ for c in members - set(REGISTRY.values()))}, "
        f"only in REGISTRY {sorted(c.__name__ for c in set(REGISTRY.values()) - members)}"
    )


def _kind_unions(node: Any) -> list[dict[str, Any]]:
    """Every schema node that selects a subschema by its ``kind`` property."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("discriminator", {}).get("propertyName") == "kind":
            found.append(node)
        for value in node.values():
            found += _kind_unions(value)
    elif isinstance(node, list):
        for value in node:
            found += _kind_unions(value)
    return found


def test_framework_schema_offers_exactly_the_registered_kinds() -> None:
    body = schema("framework")
    unions = _kind_unions(body)
    assert unions, "the framework schema has no union discriminated by 'kind'"
    for union in unions:
        mapping: dict[str, str] = union["discriminator"]["mapping"]
        assert set(mapping) == set(REGISTRY)
        refs = {option["$ref"] for option in union["oneOf"]}
        assert refs == set(mapping.values())
        for kind, ref in mapping.items():
            definition = body["$defs"][ref.removeprefix("#/$defs/")]
            assert definition["properties"]["kind"]["const"] == kind


@pytest.mark.parametrize("module_name", RULE_MODULES)
def test_each_rule_module_registers_the_kinds_it_defines(module_name: str) -> None:
    module = importlib.import_module(module_name)
    defined = kinds_defined_in(module)
    registered = {k: c for k, c in REGISTRY.items() if c.__module__ == module_name}
    assert defined, f"{module_name} defines no rule kind; shared helpers belong in rules/base.py"
    assert defined == registered, (
        f"{module_name} defines {sorted(defined)} but REGISTRY has {sorted(registered)} from it"
    )


def test_every_registered_kind_lives_in_a_rule_module() -> None:
    homes = {kind: cls.__module__ for kind, cls in REGISTRY.items()}
    assert {kind for kind, home in homes.items() if home not in RULE_MODULES} == set()


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_rule_kind_module_documents_the_kind(kind: str) -> None:
    """``explain`` prints the module docstring of a rule's kind."""
    doc = inspect.getdoc(importlib.import_module(REGISTRY[kind].__module__)) or ""
    assert doc.startswith(f"{kind}: "), f"the docstring should open with '{kind}: '"
    assert "Passes" in doc and "Fails" in doc, "show an example that passes and one that fails"


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_rule_kind_reports_the_capabilities_it_names(kind: str) -> None:
    """A framework is checked for unknown capability ids through ``capabilities_used()``."""
    cls = REGISTRY[kind]
    given = {name: value for name, value in CAPABILITY_OPTIONS.items() if name in cls.model_fields}
    check = cls.model_construct(kind=kind).model_copy(update=given)
    expected: set[str] = set()
    for value in given.values():
        expected |= set(value) if isinstance(value, list) else {value}
    assert expected <= check.capabilities_used()


# -- frameworks -----------------------------------------------------------------------------


def test_every_framework_file_is_bundled() -> None:
    assert [p.suffix for p in FRAMEWORK_FILES if p.suffix != ".yaml"] == [], (
        "bundled frameworks end in .yaml"
    )
    assert sorted(p.stem for p in FRAMEWORK_FILES) == bundled_names()


@pytest.mark.parametrize("path", FRAMEWORK_FILES, ids=lambda p: p.name)
def test_bundled_framework_loads_under_its_file_name(path: Path) -> None:
    framework = load_framework(path.stem)
    assert framework.name == path.stem, "name: in the file must be its file name"
    assert framework.rules


def test_frameworks_command_lists_every_bundled_framework() -> None:
    result = invoke("frameworks")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == bundled_names()


# -- output formats -------------------------------------------------------------------------


def test_check_help_lists_every_output_format() -> None:
    result = invoke("check", "--help")
    assert result.exit_code == 0
    assert help_choices(result.stdout, "--format") == set(reporters.FORMATS)


@pytest.mark.parametrize("name", sorted(reporters.FORMATS))
def test_output_format_module_has_render(name: str) -> None:
    spec = reporters.FORMATS[name]
    module = importlib.import_module(spec.module)
    assert callable(getattr(module, "render", None)), f"{spec.module} has no render()"
    assert reporters.renderer(name) is module.render
    inspect.signature(module.render).bind([], reporters.RenderOptions())


@pytest.mark.parametrize("name", sorted(reporters.FORMATS))
def test_output_format_needs_only_what_the_runner_supplies(name: str) -> None:
    assert reporters.FORMATS[name].needs <= SUPPLIED_NEEDS


@pytest.fixture(scope="module")
def audited() -> tuple[AuditResult, OrgIndex, Framework]:
    """An example with findings of every severity, audited, before any needs are added."""
    framework = load_framework()
    index = load_orgchart(EXAMPLES / "unitary-gaps.yaml", framework.capabilities)
    return audit(index, framework), index, framework


@pytest.mark.parametrize("name", sorted(reporters.FORMATS))
def test_output_format_declares_everything_it_reads(
    name: str, audited: tuple[AuditResult, OrgIndex, Framework]
) -> None:
    """Given only what its entry asks for, a format writes what it writes given everything."""
    bare, index, framework = audited
    needs = reporters.FORMATS[name].needs
    declared = with_chart(bare, index, framework) if "chart" in needs else bare
    declared = with_source_hash(declared) if "source_hash" in needs else declared
    everything = with_source_hash(with_chart(bare, index, framework))
    render = reporters.renderer(name)
    options = reporters.RenderOptions()
    assert render([declared], options) == render([everything], options)


@pytest.mark.parametrize("name", sorted(reporters.FORMATS))
def test_output_format_runs_alone_from_a_configuration_file(name: str, tmp_path: Path) -> None:
    """Configuration accepts the format, and what its entry says it needs is enough."""
    config = tmp_path / ".leadaudit.yaml"
    config.write_text(f"outputs:\n  - format: {name}\n    path: out\n", encoding="utf-8")
    result = invoke("check", str(EXAMPLES / "unitary-gaps.yaml"), "--config", str(config))
    assert result.exit_code == 1, result.stderr  # the example has errors
    assert result.stdout == ""
    assert (tmp_path / "out").read_text(encoding="utf-8").strip()


def test_every_output_format_has_golden_files() -> None:
    assert set(GOLDEN_SUFFIX) == set(reporters.FORMATS), (
        "add the format's file suffix to SUFFIX in tests/golden/test_golden.py"
    )


# -- input formats --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(importers.FORMATS))
def test_input_format_module_has_both_loaders(name: str) -> None:
    module = importlib.import_module(importers.FORMATS[name].module)
    assert importers.importer(name) is module
    for loader in ("load_path", "load_bytes"):
        function = getattr(module, loader, None)
        assert callable(function), f"{module.__name__} has no {loader}()"
        inspect.signature(function).bind(object(), object(), object())


@pytest.mark.parametrize("name", sorted(importers.FORMATS))
def test_input_format_suffixes_are_file_endings(name: str) -> None:
    spec = importers.FORMATS[name]
    assert spec.description
    assert spec.suffixes or spec.variant, "a format claims a file name ending, or is a variant"
    for suffix in spec.suffixes:
        assert re.fullmatch(r"\.[a-z0-9]+", suffix), f"{suffix!r}: a dot, then lower case"


def test_no_suffix_is_claimed_by_two_input_formats() -> None:
    claimed = [s for spec in importers.FORMATS.values() for s in spec.suffixes]
    assert sorted(s for s in set(claimed) if claimed.count(s) > 1) == []


@pytest.mark.parametrize(
    ("name", "suffix"),
    [(name, s) for name, spec in importers.FORMATS.items() for s in spec.suffixes],
)
def test_each_suffix_picks_its_input_format(name: str, suffix: str) -> None:
    assert importers.format_of(Path(f"org{suffix}")) == name
    assert importers.format_of(Path(f"ORG{suffix.upper()}")) == name


def test_format_of_falls_back_to_the_default() -> None:
    assert importers.DEFAULT in importers.FORMATS
    assert importers.format_of(Path("x.yml")) == "yaml"
    assert importers.format_of(Path("x.not-a-format")) == importers.DEFAULT
    assert importers.format_of(Path("x")) == importers.DEFAULT


@pytest.mark.parametrize("name", sorted(importers.FORMATS))
def test_a_given_input_format_wins_over_the_suffix(name: str) -> None:
    assert importers.format_of(Path("x.not-a-format"), name) == name


def test_an_unknown_input_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--input-format: unknown format 'nope'"):
        importers.format_of(Path("x.yaml"), "nope")


def test_check_help_lists_every_input_format() -> None:
    result = invoke("check", "--help")
    assert result.exit_code == 0
    assert help_choices(result.stdout, "--input-format") == set(importers.FORMATS)
