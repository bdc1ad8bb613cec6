"""The portfolio vocabulary: which portfolios make an elected member the digital lead."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadaudit.engine import audit
from leadaudit.errors import InputError
from leadaudit.framework import load_framework, load_framework_file
from leadaudit.orgchart import load_orgchart_bytes
from leadaudit.portfolio import DIGITAL_TERMS, NOT_DIGITAL, PortfolioVocabulary
from leadaudit.rules.base import PoliticalLeadCheck
from tests.support_config import org_text, write

WORDS = PortfolioVocabulary()


@pytest.mark.parametrize(
    ("item", "term"),
    [
        ("IT and Customer Services", "IT"),
        ("Finance and IT", "IT"),
        ("Finance & IT", "IT"),
        ("Digital", "Digital"),
        ("digital inclusion", "digital"),
        ("Digitalisation", "Digitalisation"),
        ("Digitization of Services", "Digitization"),
        ("Digitisation", "Digitisation"),
        ("Digitally Enabled Services", "Digitally"),
        ("Smart City", "Smart City"),
        ("Smart-City Programme", "Smart-City"),
        ("Smart  Cities", "Smart  Cities"),
        ("Technology and Innovation", "Technology"),
        ("Information Technology", "Technology"),
        ("Tech and Skills", "Tech"),
        ("Customer Services and ICT", "ICT"),
        ("Data and Insight", "Data"),
        ("Data and Data Protection", "Data"),
        ("DIGITAL", "DIGITAL"),
    ],
)
def test_portfolios_that_include_digital(item: str, term: str) -> None:
    assert WORDS.match(item) == term


@pytest.mark.parametrize(
    "item",
    [
        "Data Protection",
        "data protection and information governance",
        "Data-Protection",
        "Making it Happen",
        "Economy, Skills and Innovation",
        "Transformation and Resources",
        "Housing",
        "Digits",  # a longer word that starts like a term
        "Databases of Planning Applications",
        "Technical Services",
        "Cities and Regions",
        "Smart Growth",
        "",
    ],
)
def test_portfolios_that_do_not(item: str) -> None:
    assert WORDS.match(item) is None


def test_a_term_in_capitals_matches_only_in_capitals() -> None:
    words = PortfolioVocabulary(terms=("GIS", "cyber"), exclusions=())
    assert words.match("Planning and GIS") == "GIS"
    assert words.match("gis") is None
    assert words.match("Cyber Security") == "Cyber"


def test_no_terms_match_nothing() -> None:
    assert PortfolioVocabulary(terms=(), exclusions=()).match("Digital") is None


def test_the_rule_options_default_to_the_vocabulary() -> None:
    check = load_framework().rule("R20-05")
    assert check is not None and isinstance(check.check, PoliticalLeadCheck)
    assert check.check.vocabulary() == PortfolioVocabulary(DIGITAL_TERMS, NOT_DIGITAL)


FRAMEWORK = """\
leadaudit_framework: 1
name: local
extends: rec20
overrides:
  R20-05:
    check:
      extend_portfolio_keywords: [e-government]
      extend_portfolio_exclusions: [data protection act]
"""


def _findings(tmp_path: Path, portfolio: str, framework: str) -> list[str]:
    fw = load_framework_file(write(tmp_path / "fw.yaml", framework))
    org = org_text().replace("portfolio: [Digital]", f"portfolio: [{portfolio}]")
    index = load_orgchart_bytes(org.encode(), "org.yaml", fw.capabilities)
    return [f.message for f in audit(index, fw).findings if f.rule == "R20-05"]


def test_a_framework_extends_the_words(tmp_path: Path) -> None:
    assert _findings(tmp_path, "E-Government", FRAMEWORK) == []
    assert _findings(tmp_path, "Digital", FRAMEWORK) == []  # the defaults still count
    assert _findings(
        tmp_path, "E-Government", "leadaudit_framework: 1\nname: plain\nextends: rec20\n"
    )


def test_a_framework_replaces_the_words(tmp_path: Path) -> None:
    framework = FRAMEWORK.replace("extend_portfolio_keywords", "portfolio_keywords")
    assert _findings(tmp_path, "E-Government", framework) == []
    assert _findings(tmp_path, "Digital", framework)  # in place of the defaults


def test_a_blank_term_is_a_located_framework_error(tmp_path: Path) -> None:
    framework = FRAMEWORK.replace("[e-government]", '["  "]')
    with pytest.raises(InputError) as caught:
        load_framework_file(write(tmp_path / "fw.yaml", framework))
    (problem,) = caught.value.problems
    assert problem.line == 7
    assert "extend_portfolio_keywords" in problem.path
