"""Outputs go only where they may: never over a file the run reads, never outside the
configuration file's folder when named there, never replacing a device or a FIFO; and a
run writes all of its outputs or none, with a message and exit 2 when it cannot."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.support import invoke

ORG = (EXAMPLES / "unitary-gaps.yaml").read_text(encoding="utf-8")
FRAMEWORK = "leadaudit_framework: 1\nname: mine\nextends: rec20\n"
TEMPLATE = "{{ authority }}\n"
WAIVERS = "waivers: []\n"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, text in (
        ("org.yaml", ORG),
        ("fw.yaml", FRAMEWORK),
        ("t.j2", TEMPLATE),
        ("w.yaml", WAIVERS),
        ("c.yaml", "fail_on: never\n"),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize(
    "args",
    [
        ("check", "org.yaml", "-o", "org.yaml"),
        ("check", "org.yaml", "--waivers", "w.yaml", "-o", "w.yaml"),
        ("check", "org.yaml", "--format", "markdown", "--template", "t.j2", "-o", "t.j2"),
        ("check", "org.yaml", "-f", "fw.yaml", "-o", "fw.yaml"),
        ("check", "org.yaml", "--config", "c.yaml", "-o", "c.yaml"),
        ("report", "org.yaml", "--waivers", "w.yaml", "-o", "w.yaml"),
        ("report", "org.yaml", "--template", "t.j2", "-o", "t.j2"),
        ("report", "org.yaml", "-f", "fw.yaml", "-o", "fw.yaml"),
    ],
)
def test_no_output_overwrites_a_file_the_run_reads(here: Path, args: tuple[str, ...]) -> None:
    before = _snapshot(here)
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "is a file this run reads" in result.stderr or "would overwrite" in result.stderr
    assert _snapshot(here) == before


def test_a_framework_a_framework_extends_is_protected_too(here: Path) -> None:
    (here / "child.yaml").write_text(
        "leadaudit_framework: 1\nname: child\nextends: fw.yaml\n", encoding="utf-8"
    )
    before = _snapshot(here)
    result = invoke("check", "org.yaml", "-f", "child.yaml", "-o", "fw.yaml")
    assert result.exit_code == 2
    assert _snapshot(here) == before


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("outputs:\n  - {format: json, path: org.yaml}\n", "is a file this run reads"),
        (
            "outputs:\n  - {format: json, path: a.json}\n  - {format: sarif, path: a.json}\n",
            "the json and sarif outputs both write to this file",
        ),
        ("outputs:\n  - {format: json, path: ../out.json}\n", "outside the configuration"),
        ("outputs:\n  - {format: json, path: /tmp/out.json}\n", "outside the configuration"),
        ("waivers: ../w.yaml\n", "outside the configuration"),
        ("framework: ../fw.yaml\n", "outside the configuration"),
    ],
)
def test_outputs_named_in_a_configuration_file(here: Path, config: str, message: str) -> None:
    (here / ".leadaudit.yaml").write_text(config, encoding="utf-8")
    before = _snapshot(here)
    result = invoke("check", "org.yaml")
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert _snapshot(here) == before
    assert not (here.parent / "out.json").exists()


def test_a_character_device_is_written_not_replaced(here: Path) -> None:
    device = here / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = invoke("check", "org.yaml", "--format", "json", "-o", "null")
    assert result.exit_code == 1, result.output
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_fifo_is_refused(here: Path) -> None:
    os.mkfifo(here / "pipe")
    result = invoke("check", "org.yaml", "--format", "json", "-o", "pipe")
    assert result.exit_code == 2
    assert "pipe: is not a regular file or a character device" in result.stderr


def test_a_full_device_is_an_error_not_a_crash(here: Path) -> None:
    full = Path("/dev/full")
    if not (full.exists() and stat.S_ISCHR(full.stat().st_mode)):
        pytest.skip("no /dev/full device here")
    result = invoke("check", "org.yaml", "--format", "json", "-o", "/dev/full")
    assert result.exit_code == 2
    assert "/dev/full: cannot write" in result.stderr


def test_a_long_name_is_written_and_a_too_long_one_writes_nothing(here: Path) -> None:
    long_name = "r" * 245 + ".json"
    ok = invoke("check", "org.yaml", "--format", "json", "-o", long_name)
    assert ok.exit_code == 1, ok.output
    assert (here / long_name).is_file()
    too_long = "s" * 300 + ".json"
    failed = invoke(
        "check", "org.yaml", "--format", "sarif", "-o", "first.sarif",
        "--format", "json", "-o", too_long,
    )  # fmt: skip
    assert failed.exit_code == 2
    assert "File name too long" in failed.stderr
    assert not (here / "first.sarif").exists()
    assert not [p for p in here.iterdir() if p.name.startswith(".leadaudit-")]
