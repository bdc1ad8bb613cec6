"""Supplier and contract end of a post: checked against its basis, named in findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadaudit.engine import audit
from leadaudit.errors import InputError
from leadaudit.orgchart import load_orgchart_bytes
from tests.support import FRAMEWORK, MINIMAL_ORG, invoke


def _chart(post: str) -> str:
    """The minimal chart with one more post (its lines indented as a posts item)."""
    return MINIMAL_ORG + "  - id: ea\n    title: Enterprise Architect\n    reports_to: ceo\n" + post


def _problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_orgchart_bytes(text.encode(), "org.yaml", FRAMEWORK.capabilities)
    return [p.render() for p in caught.value.problems]


@pytest.mark.parametrize(
    ("post", "problem"),
    [
        (
            "    supplier: Sopra Steria (contract to 2027)\n",
            "org.yaml:12:15: posts[1].supplier: a permanent post (the basis when none is "
            "given) has no supplier; set basis to interim, agency, contractor, outsourced "
            "or as_a_service, or remove supplier",
        ),
        (
            "    basis: fixed_term\n    supplier: Hays\n",
            "org.yaml:13:15: posts[1].supplier: a fixed_term post is employed by the "
            "authority and has no supplier; set basis to interim, agency, contractor, "
            "outsourced or as_a_service, or remove supplier",
        ),
        (
            "    basis: shared_service\n    supplier: Northtown District Council\n",
            "org.yaml:13:15: posts[1].supplier: a shared_service post is provided by an "
            "authority: name it in hosted_by, not supplier",
        ),
        (
            "    basis: vacant\n    supplier: Hays\n",
            "org.yaml:13:15: posts[1].supplier: a vacant post has no supplier; remove "
            "supplier, or give the basis the post is filled on",
        ),
        (
            "    contract_ends: 2027-03-31\n",
            "org.yaml:12:20: posts[1].contract_ends: a permanent post (the basis when none "
            "is given) has no contract end; set the basis it is held on, or remove "
            "contract_ends",
        ),
        (
            "    basis: outsourced\n    contract_ends: March 2027\n",
            "org.yaml:13:20: posts[1].contract_ends: 'March 2027' is not a date in the form "
            "YYYY-MM-DD",
        ),
        (
            "    basis: outsourced\n    contract_ends: 2027-02-30\n",
            "org.yaml:13:20: posts[1].contract_ends: '2027-02-30' is not a day of the calendar",
        ),
        (
            "    basis: outsourced\n    supplier: ''\n",
            "org.yaml:13:15: posts[1].supplier: string should have at least 1 character (got '')",
        ),
    ],
    ids=[
        "supplier of a permanent post",
        "supplier of a fixed-term post",
        "supplier of a shared service",
        "supplier of a vacant post",
        "contract end of a permanent post",
        "contract end not a date",
        "contract end not a real day",
        "blank supplier",
    ],
)
def test_a_supplier_or_contract_end_that_does_not_fit_is_a_located_error(
    post: str, problem: str, tmp_path: Path
) -> None:
    text = _chart(post)
    assert _problems(text) == [problem]
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == problem.replace("org.yaml", str(path), 1) + "\n"


@pytest.mark.parametrize("basis", ["interim", "agency", "contractor", "outsourced", "as_a_service"])
def test_a_post_provided_from_outside_may_name_its_supplier(basis: str) -> None:
    text = _chart(
        f"    basis: {basis}\n    supplier: Sopra Steria\n    contract_ends: 2027-03-31\n"
    )
    index = load_orgchart_bytes(text.encode(), "org.yaml", FRAMEWORK.capabilities)
    post = index.posts["ea"]
    assert (post.supplier, post.contract_ends.isoformat() if post.contract_ends else None) == (
        "Sopra Steria",
        "2027-03-31",
    )


@pytest.mark.parametrize("basis", ["fixed_term", "shared_service"])
def test_an_arrangement_may_record_when_it_ends_without_a_supplier(basis: str) -> None:
    text = _chart(f"    basis: {basis}\n    contract_ends: 2026-03-31\n")
    index = load_orgchart_bytes(text.encode(), "org.yaml", FRAMEWORK.capabilities)
    assert str(index.posts["ea"].contract_ends) == "2026-03-31"


def test_findings_name_the_supplier() -> None:
    text = _chart(
        "    basis: outsourced\n    supplier: Sopra Steria\n    contract_ends: 2027-03-31\n"
        "    capabilities: [digital_architecture]\n"
    )
    index = load_orgchart_bytes(text.encode(), "org.yaml", FRAMEWORK.capabilities)
    messages = {f.rule: f.message for f in audit(index, FRAMEWORK).findings}
    assert messages["R20-11"] == (
        "Digital architecture is held only outside the authority: Enterprise Architect (ea), "
        "outsourced to Sopra Steria until 2027-03-31; Recommendation 20 asks for it within "
        "the authority"
    )
    assert messages["R20-19"].startswith(
        "Enterprise Architect (ea) is outsourced to Sopra Steria until 2027-03-31: "
    )
