"""Hostile and malformed org chart files: a located message, exit 2, nothing written.

Every input is tried twice: through ``leadaudit check`` (the message on stderr, exit code 2,
no traceback, and the ``--output`` file neither created nor changed) and through the
library (``load_orgchart_bytes`` raises ``InputError`` with the same problem).
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from leadaudit.errors import InputError
from leadaudit.importers import yaml_events
from leadaudit.limits import Limits
from leadaudit.orgchart import load_orgchart_bytes
from tests.conftest import EXAMPLES
from tests.support import FRAMEWORK, MINIMAL_ORG, invoke, run


@dataclass(frozen=True)
class Bad:
    """An input file and the problems leadaudit must report for it, as rendered."""

    name: str
    data: bytes
    problems: tuple[str, ...]
    args: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)

    def __str__(self) -> str:
        return self.name


def _text(text: str) -> bytes:
    return text.encode("utf-8")


def _billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    return _text("\n".join(lines) + "\n")


def _merge_key_bomb() -> bytes:
    lines = ["a0: &a0 {x: 1, y: 2}"]
    lines += [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}], k{i}: v}}" for i in range(1, 12)]
    return _text("\n".join(lines) + "\n")


_NESTING_LIMIT = "nesting is deeper than the limit of 64 levels (raise it with --max-depth)"
_PRINTABLE = "(remove it; text fields take printable characters only)"
_NOT_A_MAPPING = "expected a mapping of keys to values at the top of the file, found {} (an org chart starts with 'leadaudit: 1')"
_EMPTY = "the file is empty (an org chart starts with 'leadaudit: 1')"

# libyaml stops runaway flow nesting itself, at 1,000 levels, before its events reach
# leadaudit's own limit; the pure-Python parser hands them over and leadaudit stops at 64.
_DEEP_FLOW = (
    "org.yaml:1:1001: invalid YAML: exceeded maximum nesting depth (while increasing flow level)"
    if yaml_events._CParser is not None
    else f"org.yaml:1:65: {_NESTING_LIMIT}"
)

HOSTILE = [
    Bad(
        "billion laughs",
        _billion_laughs(),
        (
            "org.yaml:5:8: aliases expand to more than 10,000 nodes (raise the limit with --max-alias-nodes)",
        ),
    ),
    Bad(
        "merge-key bomb",
        _merge_key_bomb(),
        ("org.yaml:2:10: merge keys (<<) are not supported (write the keys out in full)",),
    ),
    Bad(
        "duplicate key in the authority",
        _text("leadaudit: 1\nauthority:\n  name: Testshire\n  type: county\n  name: Other\n"),
        (
            "org.yaml:5:3: duplicate key 'name' (first defined at line 3, column 3) (each key may appear once in a mapping)",
        ),
    ),
    Bad(
        "duplicate key in a post",
        _text(MINIMAL_ORG + "    title: Head of Paid Service\n"),
        (
            "org.yaml:9:5: duplicate key 'title' (first defined at line 7, column 5) (each key may appear once in a mapping)",
        ),
    ),
    Bad("10,000 open brackets", _text("[" * 10_000 + "\n"), (_DEEP_FLOW,)),
    Bad(
        "100 open brackets",
        _text("[" * 100 + "\n"),
        (f"org.yaml:1:65: {_NESTING_LIMIT}",),
    ),
    Bad(
        "10,000 nested flow mappings",
        _text("{a: " * 10_000 + "\n"),
        (f"org.yaml:1:257: {_NESTING_LIMIT}",),
    ),
    Bad(
        "deep block nesting",
        _text("".join(f"{'  ' * i}k{i}:\n" for i in range(200))),
        (f"org.yaml:65:129: {_NESTING_LIMIT}",),
    ),
    Bad(
        "nesting under a lowered --max-depth",
        _text(MINIMAL_ORG),
        ("org.yaml:6:5: nesting is deeper than the limit of 2 levels (raise it with --max-depth)",),
        ("--max-depth", "2"),
        Limits(max_depth=2),
    ),
    Bad(
        "Latin-1 bytes",
        b"leadaudit: 1\nauthority:\n  name: Caf\xe9 Council\n",
        ("org.yaml:3:12: not valid UTF-8 text (byte 0xe9) (save the file as UTF-8)",),
    ),
    Bad(
        "binary garbage",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        ("org.yaml:1:1: not valid UTF-8 text (byte 0x89) (save the file as UTF-8)",),
    ),
    Bad(
        "NUL bytes",
        b"\x00" * 16,
        (f"org.yaml:1:1: control character U+0000 is not allowed {_PRINTABLE}",),
    ),
    Bad(
        "UTF-16 with a lone surrogate",
        codecs.BOM_UTF16_LE + "leadaudit: 1\n".encode("utf-16-le") + b"\x00\xd8",
        ("org.yaml:2:1: not valid UTF-16-LE text (byte 0x00) (save the file as UTF-8)",),
    ),
    Bad(
        "control character",
        _text("leadaudit: 1\nauthority:\n  name: Test\x07shire\n"),
        (f"org.yaml:3:13: control character U+0007 is not allowed {_PRINTABLE}",),
    ),
    Bad(
        "bidi override",
        _text("leadaudit: 1\nauthority:\n  name: Test\u202eshire\n"),
        (f"org.yaml:3:13: bidirectional override character U+202E is not allowed {_PRINTABLE}",),
    ),
    Bad(
        "escaped ESC in a double-quoted string",
        _text('leadaudit: 1\nauthority:\n  name: "Test\\x1bshire"\n'),
        (
            f"org.yaml:3:9: control character U+001B, written as an escape, is not allowed {_PRINTABLE}",
        ),
    ),
    Bad(
        "escaped bidi override in a double-quoted string",
        _text('leadaudit: 1\nauthority:\n  name: "Test\\u202Eshire"\n'),
        (
            "org.yaml:3:9: bidirectional override character U+202E, written as an escape, is not allowed "
            + _PRINTABLE,
        ),
    ),
    Bad(
        "oversized file",
        _text(MINIMAL_ORG),
        ("org.yaml: file is 159 bytes, over the limit of 100 (raise it with --max-file-size)",),
        ("--max-file-size", "100"),
        Limits(max_file_size=100),
    ),
    Bad("a list", _text("- leadaudit: 1\n"), (f"org.yaml:1:1: {_NOT_A_MAPPING.format('a list')}",)),
    Bad(
        "a scalar",
        _text("leadaudit\n"),
        (f"org.yaml:1:1: {_NOT_A_MAPPING.format('a single value')}",),
    ),
    Bad("a null", _text("~\n"), (f"org.yaml:1:1: {_NOT_A_MAPPING.format('nothing')}",)),
    Bad("an empty file", b"", (f"org.yaml:1:1: {_EMPTY}",)),
    Bad("a comment-only file", _text("# org chart to follow\n\n"), (f"org.yaml:1:1: {_EMPTY}",)),
    Bad(
        "python object tag",
        _text('leadaudit: 1\nauthority: !!python/object/apply:os.system ["echo hi"]\n'),
        (
            "org.yaml:2:12: tags (tag:yaml.org,2002:python/object/apply:os.system) are not supported (remove the tag)",
        ),
    ),
    Bad(
        "custom tag",
        _text("leadaudit: 1\nauthority:\n  name: !custom Testshire\n"),
        ("org.yaml:3:9: tags (!custom) are not supported (remove the tag)",),
    ),
    Bad(
        "standard tag",
        _text("leadaudit: !!int 1\n"),
        ("org.yaml:1:12: tags (tag:yaml.org,2002:int) are not supported (remove the tag)",),
    ),
    Bad(
        "several documents",
        _text(MINIMAL_ORG + "---\n" + MINIMAL_ORG),
        ("org.yaml:9:1: the file holds more than one YAML document (keep one document per file)",),
    ),
    Bad(
        "unknown alias",
        _text(MINIMAL_ORG.replace("[head_of_paid_service]", "*caps")),
        ("org.yaml:8:19: unknown alias '*caps' (define the anchor first)",),
    ),
    Bad(
        "complex key in block style",
        _text("leadaudit: 1\n? [a, b]\n: value\n"),
        ("org.yaml:2:3: a mapping or list cannot be used as a key",),
    ),
    Bad(
        "complex key in flow style",
        _text("leadaudit: 1\nauthority: {[a]: 1}\n"),
        ("org.yaml:2:13: a mapping or list cannot be used as a key",),
    ),
    Bad(
        "unterminated quoted string",
        _text('leadaudit: 1\nauthority:\n  name: "Testshire\n'),
        (
            "org.yaml:4:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar)",
        ),
    ),
    Bad(
        "tab indentation",
        _text("leadaudit: 1\nauthority:\n\tname: Testshire\n"),
        (
            "org.yaml:3:1: invalid YAML: found character that cannot start any token (while scanning for the next token)",
        ),
    ),
]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _stderr_lines(text: str) -> tuple[str, ...]:
    return tuple(text.splitlines())


@pytest.mark.parametrize("bad", HOSTILE, ids=str)
def test_hostile_input_through_the_cli(bad: Bad, in_tmp: Path) -> None:
    (in_tmp / "org.yaml").write_bytes(bad.data)
    result = invoke("check", "org.yaml", "--format", "json", "--output", "out.json", *bad.args)
    assert result.exit_code == 2
    assert _stderr_lines(result.stderr) == bad.problems
    assert result.stdout == ""
    assert not (in_tmp / "out.json").exists()
    assert [p.name for p in in_tmp.iterdir()] == ["org.yaml"]


@pytest.mark.parametrize("bad", HOSTILE, ids=str)
def test_hostile_input_leaves_an_existing_output_alone(bad: Bad, in_tmp: Path) -> None:
    (in_tmp / "org.yaml").write_bytes(bad.data)
    (in_tmp / "out.json").write_text("the previous report\n", encoding="utf-8")
    result = invoke("check", "org.yaml", "--format", "json", "-o", "out.json", *bad.args)
    assert result.exit_code == 2
    assert (in_tmp / "out.json").read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["org.yaml", "out.json"]


@pytest.mark.parametrize("bad", HOSTILE, ids=str)
def test_hostile_input_through_the_library(bad: Bad) -> None:
    with pytest.raises(InputError) as caught:
        load_orgchart_bytes(bad.data, "org.yaml", FRAMEWORK.capabilities, bad.limits)
    assert tuple(p.render() for p in caught.value.problems) == bad.problems


def test_aliases_within_the_budget_are_allowed() -> None:
    data = MINIMAL_ORG.replace("[head_of_paid_service]", "&top [head_of_paid_service]") + (
        "  - {id: deputy, title: Deputy Chief Executive, reports_to: ceo, responsibilities: *top}\n"
    )
    index = load_orgchart_bytes(_text(data), "org.yaml", FRAMEWORK.capabilities)
    assert index.posts["deputy"].responsibilities == ["head_of_paid_service"]


def test_alias_budget_is_configurable() -> None:
    data = _billion_laughs()
    with pytest.raises(InputError) as caught:
        load_orgchart_bytes(data, "org.yaml", FRAMEWORK.capabilities, Limits(max_alias_nodes=5))
    assert caught.value.problems[0].render() == (
        "org.yaml:2:8: aliases expand to more than 5 nodes (raise the limit with --max-alias-nodes)"
    )


# -- YAML 1.1 implicit typing: plain scalars stay text -------------------------------

_YAML11 = """\
leadaudit: 1
authority:
  name: NO
  type: county
posts:
  - id: ceo
    title: Chief Executive
    capabilities: [head_of_paid_service]
  - id: "012"
    title: yes
    holder: 012
    directorate: 12:30
    reports_to: ceo
    capabilities: [digital_leadership]
    responsibilities: [on, off, 0x1F, 1e3, .inf, 2024-01-01, 1_000]
members:
  - {id: m1, name: Off, position: member, portfolio: [NO, Y]}
"""


def test_yaml11_lookalikes_stay_text_in_the_model() -> None:
    index = load_orgchart_bytes(_text(_YAML11), "org.yaml", FRAMEWORK.capabilities)
    assert index.org.authority.name == "NO"
    post = index.posts["012"]
    assert (post.title, post.holder, post.directorate) == ("yes", "012", "12:30")
    assert post.responsibilities == ["on", "off", "0x1F", "1e3", ".inf", "2024-01-01", "1_000"]
    assert index.members["m1"].name == "Off"
    assert index.members["m1"].portfolio == ["NO", "Y"]


def test_yaml11_lookalikes_stay_text_in_the_report(in_tmp: Path) -> None:
    (in_tmp / "org.yaml").write_text(_YAML11, encoding="utf-8")
    result = invoke("check", "org.yaml", "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["files"][0]["authority"]["name"] == "NO"
    messages = [f["message"] for f in payload["findings"] if f["rule"] == "R20-03"]
    assert messages == ["yes (012) sits inside the 12:30 directorate, not across the authority"]


# -- encodings ------------------------------------------------------------------------

_ENCODINGS = [
    ("utf-8 with BOM", "utf-8-sig"),
    ("utf-16 with BOM", "utf-16"),
    ("utf-16-le without BOM", "utf-16-le"),
    ("utf-16-be without BOM", "utf-16-be"),
    ("utf-32 with BOM", "utf-32"),
    ("utf-32-le without BOM", "utf-32-le"),
    ("utf-32-be without BOM", "utf-32-be"),
]


@pytest.mark.parametrize(("label", "codec"), _ENCODINGS, ids=[e[0] for e in _ENCODINGS])
def test_unicode_encodings_load(label: str, codec: str, in_tmp: Path) -> None:
    text = (EXAMPLES / "county-compliant.yaml").read_text(encoding="utf-8")
    data = text.replace("Exampleshire County", "Exampleshire Cyngor Sir Ŵ").encode(codec)
    index = load_orgchart_bytes(data, "org.yaml", FRAMEWORK.capabilities)
    assert index.org.authority.name == "Exampleshire Cyngor Sir Ŵ Council"
    (in_tmp / "org.yaml").write_bytes(data)
    result = invoke("check", "org.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["authority"]["name"] == (
        "Exampleshire Cyngor Sir Ŵ Council"
    )


# -- model errors: located, with hints ------------------------------------------------

MODEL_ERRORS = [
    Bad(
        "unknown field with did-you-mean",
        _text(MINIMAL_ORG.replace("  type: county\n", "  type: county\n  governanse: committee\n")),
        (
            "org.yaml:5:3: authority.governanse: unknown field 'governanse' (did you mean 'governance'?)",
        ),
    ),
    Bad(
        "unknown field in a post",
        _text(MINIMAL_ORG + "    reprots_to: nobody\n"),
        (
            "org.yaml:9:5: posts[0].reprots_to: unknown field 'reprots_to' (did you mean 'reports_to'?)",
        ),
    ),
    Bad(
        "bad authority type",
        _text(MINIMAL_ORG.replace("type: county", "type: countyy")),
        (
            "org.yaml:4:9: authority.type: 'countyy' is not one of: county, district, unitary, "
            "metropolitan_borough, london_borough, combined_authority, other (did you mean 'county'?)",
        ),
    ),
    Bad(
        "bad basis",
        _text(MINIMAL_ORG + "    basis: permanant\n"),
        (
            "org.yaml:9:12: posts[0].basis: 'permanant' is not one of: permanent, fixed_term, interim, "
            "agency, contractor, outsourced, shared_service, as_a_service, vacant (did you mean 'permanent'?)",
        ),
    ),
    Bad(
        "missing required field",
        _text(MINIMAL_ORG.replace("    title: Chief Executive\n", "")),
        ("org.yaml:6:5: posts[0]: missing required field 'title'",),
    ),
    Bad(
        "missing top-level field",
        _text("leadaudit: 1\nposts:\n  - {id: ceo, title: Chief Executive}\n"),
        ("org.yaml:1:1: missing required field 'authority'",),
    ),
    Bad(
        "posts is not a list",
        _text('leadaudit: 1\nauthority: {name: A, type: county}\nposts: "x"\n'),
        ("org.yaml:3:8: posts: expected a list, found the value 'x'",),
    ),
    Bad(
        "capabilities written without brackets",
        _text(MINIMAL_ORG.replace("[head_of_paid_service]", "head_of_paid_service")),
        (
            "org.yaml:8:19: posts[0].capabilities: expected a list, found the value "
            "'head_of_paid_service' (write [head_of_paid_service])",
        ),
    ),
    Bad(
        "text expected, mapping found",
        _text(MINIMAL_ORG.replace("title: Chief Executive", "title: {name: Chief Executive}")),
        ("org.yaml:7:5: posts[0].title: expected text, found a mapping",),
    ),
    Bad(
        "bad id",
        _text(MINIMAL_ORG.replace("id: ceo", "id: chief exec")),
        (
            "org.yaml:6:9: posts[0].id: 'chief exec' is not a valid id (did you mean 'chief_exec'? ids use letters, digits, '_', '.' and '-')",
        ),
    ),
    Bad(
        "unknown capability with did-you-mean",
        _text(MINIMAL_ORG.replace("[head_of_paid_service]", "[head_of_paid_servce]")),
        (
            "org.yaml:8:20: posts[0].capabilities[0]: unknown capability 'head_of_paid_servce' (did you mean 'head_of_paid_service'?)",
        ),
    ),
    Bad(
        "unknown role with did-you-mean",
        _text(
            MINIMAL_ORG.replace(
                "posts:\n", "roles:\n  chief_exec: {title: Chief Executive}\nposts:\n"
            )
            + "    roles: [chief_exce]\n"
        ),
        (
            "org.yaml:11:13: posts[0].roles[0]: unknown role 'chief_exce' (did you mean 'chief_exec'?)",
        ),
    ),
    Bad(
        "unknown role with nothing close",
        _text(MINIMAL_ORG + "    roles: [chief_digital_officer]\n"),
        (
            "org.yaml:9:13: posts[0].roles[0]: unknown role 'chief_digital_officer' (define it under 'roles:')",
        ),
    ),
    Bad(
        "format version 2",
        _text(MINIMAL_ORG.replace("leadaudit: 1", "leadaudit: 2")),
        ("org.yaml:1:12: leadaudit: unsupported format version 2; this leadaudit reads version 1",),
    ),
    Bad(
        "several model errors, in file order",
        _text(
            MINIMAL_ORG.replace("type: county", "type: borough").replace(
                "title: Chief Executive", "titel: Chief Executive"
            )
        ),
        (
            "org.yaml:4:9: authority.type: 'borough' is not one of: county, district, unitary, "
            "metropolitan_borough, london_borough, combined_authority, other (did you mean 'london_borough'?)",
            "org.yaml:6:5: posts[0]: missing required field 'title'",
            "org.yaml:7:5: posts[0].titel: unknown field 'titel' (did you mean 'title'?)",
        ),
    ),
    Bad(
        "posts that are not mappings",
        _text(MINIMAL_ORG + "  - deputy\n  - [a, b]\n  -\n"),
        (
            "org.yaml:9:5: posts[1]: expected a mapping of keys to values, found the value 'deputy'",
            "org.yaml:10:5: posts[2]: expected a mapping of keys to values, found a list",
            "org.yaml:11:4: posts[3]: expected a mapping of keys to values, found nothing",
        ),
    ),
]


@pytest.mark.parametrize("bad", MODEL_ERRORS, ids=str)
def test_model_error_through_the_cli(bad: Bad, in_tmp: Path) -> None:
    (in_tmp / "org.yaml").write_bytes(bad.data)
    result = invoke("check", "org.yaml", "--output", "out.txt")
    assert result.exit_code == 2
    assert _stderr_lines(result.stderr) == bad.problems
    assert not (in_tmp / "out.txt").exists()


@pytest.mark.parametrize("bad", MODEL_ERRORS, ids=str)
def test_model_error_through_the_library(bad: Bad) -> None:
    with pytest.raises(InputError) as caught:
        load_orgchart_bytes(bad.data, "org.yaml", FRAMEWORK.capabilities)
    assert tuple(p.render() for p in caught.value.problems) == bad.problems


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("title: Chief Executive", "name: Chief Executive"),
            "posts[0].name: unknown field 'name' (did you mean 'title'?)",
        ),
        (
            ("id: ceo", "id: digital leadership"),
            "posts[0].id: 'digital leadership' is not a valid id "
            "(did you mean 'digital_leadership'? ids use letters, digits, '_', '.' and '-')",
        ),
        (
            ("id: ceo\n", "id: ceo\n    leadership_team: maybe\n"),
            "posts[0].leadership_team: 'maybe' is not one of: true, false",
        ),
    ],
)
def test_messages_point_at_the_fix(change: tuple[str, str], message: str) -> None:
    bad = MINIMAL_ORG.replace(*change, 1)
    assert bad != MINIMAL_ORG
    with pytest.raises(InputError) as caught:
        load_orgchart_bytes(_text(bad), "org.yaml", FRAMEWORK.capabilities)
    assert message in [p.render().split(": ", 1)[1] for p in caught.value.problems]


def test_an_id_that_spells_out_a_capability_title_gets_that_capability(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "leadaudit: 1\nauthority: {name: X, type: unitary}\nposts:\n"
        "  - {id: ceo, title: CEO, capabilities: [senior_information_risk_owner, nonsense]}\n",
        encoding="utf-8",
    )
    result = run(["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:4:42: posts[0].capabilities[0]: unknown capability"
        " 'senior_information_risk_owner' (did you mean 'siro' (senior information risk owner)?)",
        f"{path}:4:73: posts[0].capabilities[1]: unknown capability 'nonsense'"
        " ('leadaudit capabilities' lists the capability ids with their meaning)",
    ]
