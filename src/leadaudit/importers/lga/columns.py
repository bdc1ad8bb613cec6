"""The LGA header: which field holds what, and a council's own headers mapped onto it
(``leadaudit import --columns FILE``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from leadaudit.errors import InputError, Problem
from leadaudit.importers.table import Table, header_key
from leadaudit.importers.yaml import load_mapping
from leadaudit.limits import Limits
from leadaudit.messages import did_you_mean
from leadaudit.records import record

HEADERS = (
    "OrganisationLabel",
    "OrganisationURI",
    "EffectiveDate",
    "Level",
    "JobTitle",
    "Name",
    "Grade",
    "Directorate",
    "Service",
    "ContractType",
    "SharedPost",
    "ContactDetails",
    "SalaryBand",
    "MaximumSalary",
    "Vacancy",
    "Comments",
)
"""The columns of the LGA "OrganisationStructure" CSV, in their published order."""

_BY_KEY = {header_key(h): h for h in HEADERS}

COLUMNS_HINT = (
    "a columns file maps your headers onto the LGA ones, one per line, e.g. 'Job Title: JobTitle'"
)


@record
class Columns:
    """Where each LGA column is in a table (0-based), None when it has none."""

    level: int
    title: int
    label: int | None
    uri: int | None
    date: int | None
    name: int | None
    directorate: int | None
    service: int | None
    contract: int | None
    shared: int | None
    vacancy: int | None
    comments: int | None


def columns_of(table: Table) -> Columns:
    """The LGA columns of ``table``; a located error when Level or JobTitle is missing."""
    level, title = table.column("Level"), table.column("JobTitle")
    problems = [
        table.problem(
            None,
            0,
            f"no '{name}' column: a council's organisation structure has one",
            "map your own header onto it with leadaudit import --columns FILE",
        )
        for name, col in (("Level", level), ("JobTitle", title))
        if col is None
    ]
    if problems:
        raise InputError(problems)
    assert level is not None and title is not None
    return Columns(
        level=level,
        title=title,
        label=table.column("OrganisationLabel"),
        uri=table.column("OrganisationURI"),
        date=table.column("EffectiveDate"),
        name=table.column("Name"),
        directorate=table.column("Directorate"),
        service=table.column("Service"),
        contract=table.column("ContractType"),
        shared=table.column("SharedPost"),
        vacancy=table.column("Vacancy"),
        comments=table.column("Comments"),
    )


def load_columns(path: Path, limits: Limits) -> dict[str, str]:
    """A council's own headers mapped onto the LGA ones, from a small YAML file such as
    ``{"Job Title": JobTitle, "Tier": Level}``. Every value must name an LGA column (in
    any case and spacing), and no two headers may map onto the same one."""
    doc = load_mapping(path, limits, str(path), COLUMNS_HINT)
    problems: list[Problem] = []
    mapped: dict[str, str] = {}
    onto: dict[str, str] = {}
    for key, value in doc.data.items():
        own = str(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                doc.problem((key,), "give the LGA column this header holds", COLUMNS_HINT)
            )
            continue
        lga = _BY_KEY.get(header_key(value))
        if lga is None:
            hint = did_you_mean(value, HEADERS) or "the LGA columns: " + ", ".join(HEADERS)
            problems.append(doc.problem((key,), f"'{value}' is not an LGA column", hint))
            continue
        if lga in onto:
            message = f"'{onto[lga]}' and '{own}' both map onto {lga}"
            problems.append(doc.problem((key,), message, "map each LGA column from one header"))
            continue
        onto[lga] = own
        mapped[own] = lga
    if problems:
        raise InputError(problems)
    return mapped


def apply_columns(table: Table, columns: dict[str, str]) -> Table:
    """``table`` with its headers renamed as ``columns`` says; a located error (at the
    header) for a header the file does not have, or one renamed onto a column it has."""
    wanted = {header_key(own): lga for own, lga in columns.items()}
    header = list(table.header)
    renamed: set[str] = set()
    for index, name in enumerate(header):
        lga = wanted.get(header_key(name))
        if lga is not None:
            header[index] = lga
            renamed.add(header_key(name))
    problems = [
        table.problem(
            None,
            0,
            f"the columns file maps '{own}', which is not a column of this file",
            did_you_mean(own, [h for h in table.header if h]),
        )
        for own in columns
        if header_key(own) not in renamed
    ]
    keys = [header_key(h) for h in header]
    for index, name in enumerate(table.header):
        lga = wanted.get(header_key(name))
        if lga is not None and keys.count(header_key(lga)) > 1:
            problems.append(
                table.problem(
                    None,
                    index,
                    f"'{name}' is mapped onto {lga}, but the file has a {lga} column already",
                    "leave it out of the columns file, or map the other one elsewhere",
                )
            )
    if problems:
        raise InputError(problems)
    shown = ", ".join(f"'{own}' as {lga}" for own, lga in columns.items() if own != lga)
    notes = [*table.notes, f"columns renamed by the columns file: {shown}"] if shown else None
    return dataclasses.replace(table, header=tuple(header), notes=notes or list(table.notes))
