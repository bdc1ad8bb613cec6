"""Plain enumerations shared by the models and the command line (no pydantic, so cheap to import)."""

from __future__ import annotations

from enum import Enum


class AuthorityType(str, Enum):
    """The kind of authority; some rules depend on it."""

    county = "county"
    district = "district"
    unitary = "unitary"
    metropolitan_borough = "metropolitan_borough"
    london_borough = "london_borough"
    combined_authority = "combined_authority"
    other = "other"
