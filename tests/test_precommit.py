"""The pre-commit hooks, run by the real pre-commit client (``try-repo``) on a throwaway
governance repository: leadaudit-check audits the org charts a commit touches and nothing
else, leadaudit-report fails when the committed report is out of date.

``try-repo`` installs the hook repository at a commit (with a repository's uncommitted
changes to tracked files added on top) into a new virtualenv with ``pip install .``. To
test the working tree as it is, whatever its git state, the files a build needs are copied
into a repository of their own and committed there. The install is kept off the network:
no index, no build isolation and no dependencies, which come, with the build backend,
from this interpreter's site-packages through PYTHONPATH. Only leadaudit itself is
installed in the hook's environment, from the copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

#: what building the package from a checkout needs (see pyproject.toml)
PACKAGE_FILES = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml")
PACKAGE_DIRS = ("src", "frameworks")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")


def _env(tmp: Path) -> dict[str, str]:
    """The environment pre-commit runs in: no network for pip, git without the user's
    configuration, nothing telling leadaudit it runs under GitHub Actions."""
    paths = sysconfig.get_paths()
    site = os.pathsep.join(dict.fromkeys([paths["purelib"], paths["platlib"]]))
    (tmp / "gitconfig").write_text("", encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "PRE_COMMIT", "PIP_", "GIT_", "VIRTUALENV_"))
    }
    env.update(
        PYTHONPATH=site,
        PIP_NO_INDEX="1",
        PIP_NO_DEPS="1",
        PIP_NO_BUILD_ISOLATION="0",  # pip reads a 'no-' option's false as 'do not isolate'
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_CACHE_DIR="1",
        VIRTUALENV_OVERRIDE_APP_DATA=str(tmp / "virtualenv"),
        GIT_CONFIG_GLOBAL=str(tmp / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Governance",
        GIT_AUTHOR_EMAIL="governance@example.org",
        GIT_COMMITTER_NAME="Governance",
        GIT_COMMITTER_EMAIL="governance@example.org",
        NO_COLOR="1",
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _commit_all(repo: Path, env: dict[str, str], message: str) -> None:
    _git(repo, env, "add", "--all")
    _git(repo, env, "commit", "--quiet", "--no-verify", "-m", message)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The hook repository, committed as the working tree has it, and the environment."""
    tmp = tmp_path_factory.mktemp("precommit")
    env = _env(tmp)
    hooks = tmp / "leadaudit"
    hooks.mkdir()
    for name in PACKAGE_FILES:
        shutil.copy2(ROOT / name, hooks / name)
    for name in PACKAGE_DIRS:
        shutil.copytree(
            ROOT / name, hooks / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    _git(hooks, env, "init", "--quiet")
    _commit_all(hooks, env, "leadaudit")
    return hooks, env


def _try(
    setup: tuple[Path, dict[str, str]], repo: Path, hook: str, *files: str
) -> subprocess.CompletedProcess[str]:
    hooks, env = setup
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), hook, "--color", "never"]
    return subprocess.run(
        [*command, "--files", *files], cwd=repo, env=env, capture_output=True, text=True
    )


@pytest.fixture
def governance(tmp_path: Path, setup: tuple[Path, dict[str, str]]) -> Path:
    """A council's governance repository: a chart with findings, its configuration (which
    excludes drafts/), a draft that does not load, and YAML and CSV files that are not
    org charts, among them a GitLab job named leadaudit."""
    _, env = setup
    repo = tmp_path / "governance"
    (repo / "drafts").mkdir(parents=True)
    shutil.copy2(EXAMPLES / "unitary-gaps.yaml", repo / "org.yaml")
    (repo / ".leadaudit.yaml").write_text("fail_on: error\nexclude: [drafts/]\n")
    (repo / "drafts" / "restructure.yaml").write_text("leadaudit: 1\nposts: [\n")
    (repo / ".gitlab-ci.yml").write_text("leadaudit:\n  script: [leadaudit check org.yaml]\n")
    (repo / "minutes.yaml").write_text("meeting: 2025-03-04\nattendees: [ceo]\n")
    (repo / "budget.csv").write_text("line,amount\nicT,1000\n")
    _git(repo, env, "init", "--quiet")
    _commit_all(repo, env, "governance")
    return repo


def test_check_hook_audits_the_org_charts_and_passes_over_the_rest(
    governance: Path, setup: tuple[Path, dict[str, str]]
) -> None:
    others = ("drafts/restructure.yaml", ".gitlab-ci.yml", "minutes.yaml", "budget.csv")
    result = _try(setup, governance, "leadaudit-check", "org.yaml", *others)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "leadaudit check" in result.stdout and "Failed" in result.stdout
    assert "org.yaml:49:5: R20-02 error:" in result.stdout
    # pre-commit may split the files between runs; each says what it passed over
    assert "drafts/restructure.yaml (excluded by 'drafts/')" in result.stdout
    assert ".gitlab-ci.yml (no top-level 'leadaudit: 1', so not an org chart)" in result.stdout
    assert "budget.csv (a CSV with neither" in result.stdout
    assert "invalid YAML" not in result.stdout  # the draft was not read

    quiet = _try(setup, governance, "leadaudit-check", *others)
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert "Passed" in quiet.stdout


def test_report_hook_fails_when_the_committed_report_is_out_of_date(
    governance: Path, setup: tuple[Path, dict[str, str]]
) -> None:
    _, env = setup
    # A report not yet in git is written; pre-commit sees no change to a tracked file.
    first = _try(setup, governance, "leadaudit-report", "org.yaml")
    assert first.returncode == 0, first.stdout + first.stderr
    report = (governance / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# ") and "Kelbrook Council" in report
    _commit_all(governance, env, "report")

    same = _try(setup, governance, "leadaudit-report", "org.yaml")
    assert same.returncode == 0, same.stdout + same.stderr
    assert "Passed" in same.stdout

    chart = governance / "org.yaml"
    chart.write_text(chart.read_text().replace("Kelbrook Council", "Kelbrook Borough Council"))
    stale = _try(setup, governance, "leadaudit-report", "org.yaml")
    assert stale.returncode == 1
    assert "files were modified by this hook" in stale.stdout
    assert "Kelbrook Borough Council" in (governance / "report.md").read_text(encoding="utf-8")
