"""The files ``leadaudit init`` writes: an org chart to fill in, configuration, waivers, CI."""

from __future__ import annotations

import json
import re
from enum import Enum

from leadaudit.model import AuthorityType
from leadaudit.schema import file_name, schema_json
from leadaudit.version import __version__

ORG_FILE = "org.yaml"
CONFIG_FILE = ".leadaudit.yaml"
WAIVERS_FILE = "waivers.yaml"
SCHEMA_DIR = "schemas"

#: authority types that carry adult social care functions in England and Wales
SOCIAL_CARE_TYPES = frozenset(
    {
        AuthorityType.county,
        AuthorityType.unitary,
        AuthorityType.metropolitan_borough,
        AuthorityType.london_borough,
    }
)


class Ci(str, Enum):
    """Which CI workflow to write."""

    github = "github"
    gitlab = "gitlab"
    none = "none"


CI_FILES = {Ci.github: ".github/workflows/leadaudit.yml", Ci.gitlab: ".gitlab-ci.yml"}


def _schema_comment(name: str, schemas: bool) -> str:
    if not schemas:
        return ""
    return f"# yaml-language-server: $schema={SCHEMA_DIR}/{file_name(name)}\n"


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _leader_block(kind: AuthorityType) -> str:
    if kind is AuthorityType.district:
        return """\
  # Organisational leadership (bullet 2). A district may share its digital leader with
  # up to about four partner councils ("CDO as a service"): record the partners.
  # - id: cdo
  #   title: Chief Digital Officer
  #   roles: [chief_digital_officer]
  #   reports_to: ceo
  #   basis: as_a_service           # or permanent, shared_service...
  #   shared_with: [Partner District Council]
  #   leadership_team: true
  #   directorate: Chief Executive's Office
  #   works_with: [ceo]
"""
    return """\
  # Organisational leadership (bullet 2): a leader for digital across the authority,
  # reporting to the chief executive or sitting on the corporate leadership team.
  # - id: cdo
  #   title: Chief Digital Officer
  #   roles: [chief_digital_officer]
  #   reports_to: ceo
  #   leadership_team: true
  #   directorate: Chief Executive's Office
  #   works_with: [ceo]
"""


def _member_block(kind: AuthorityType) -> str:
    position = "mayor" if kind is AuthorityType.combined_authority else "cabinet_member"
    return f"""\
# Political leadership (bullet 1): the elected member whose portfolio includes digital.
# members:
#   - id: cllr-digital
#     name: Cllr Firstname Surname
#     position: {position}          # leader | mayor | cabinet_member | committee_chair | member
#     portfolio: [Digital]           # digital, IT, ICT, technology, data, smart city... count
#     # digital_lead: true            # says outright that this member is the digital lead
#     digital_experience: What digital knowledge, experience or training they bring
#     works_with: [cdo]
#
# digital_strategy:
#   title: Our Digital Strategy
#   owners: [cllr-digital, cdo]     # owned jointly by the lead member and the digital leader
#   adopted: "2025-04"
"""


_SUGGESTED_POSTS = """
  # Data delivery skills (bullet 3); a chief data officer is suggested, not required.
  # - id: data-lead
  #   title: Head of Data and Insight
  #   reports_to: cdo
  #   capabilities: [data_sharing, data_analytics, open_data]

  # In-house capability (bullet 4): architecture, programme management and procurement
  # held within the authority, not by contractors. A post provided from outside the
  # authority records its basis (outsourced, contractor, agency, interim, as_a_service),
  # who provides it (supplier, the firm or agency: not the holder's name) and when that
  # ends (contract_ends, YYYY-MM-DD); findings about the post name them.
  # - id: architect
  #   title: Enterprise Architect
  #   reports_to: cdo
  #   capabilities: [digital_architecture]
  # - id: programme-manager
  #   title: Digital Programme Manager
  #   reports_to: cdo
  #   capabilities: [programme_management]
  # - id: procurement-lead
  #   title: Head of Procurement
  #   reports_to: ceo
  #   capabilities: [procurement]

  # Transformation (bullet 5) and a delivery team (headline).
  # - id: transformation-lead
  #   title: Head of Transformation
  #   reports_to: cdo
  #   capabilities: [transformation, business_analysis]
  # - id: delivery-manager
  #   title: Delivery Manager
  #   reports_to: cdo
  #   capabilities: [delivery_management, product_management, user_centred_design]

  # Communication with residents (bullet 7), linked to digital.
  # - id: comms-lead
  #   title: Head of Communications and Engagement
  #   reports_to: ceo
  #   capabilities: [citizen_communication]
  #   works_with: [cdo]

  # Statutory officers and information governance (the statutory framework).
  # - id: finance-director
  #   title: Director of Finance
  #   reports_to: ceo
  #   capabilities: [s151_officer]
  # - id: legal-head
  #   title: Head of Legal and Democratic Services
  #   reports_to: ceo
  #   capabilities: [monitoring_officer]
  # - id: dpo
  #   title: Data Protection Officer
  #   reports_to: legal-head
  #   works_with: [ceo]             # the direct line to the top that UK GDPR asks for
  #   capabilities: [data_protection_officer]
"""
"""The posts Recommendation 20 and the statutory basics look for, commented out."""


def org_chart(name: str, kind: AuthorityType, schemas: bool = True) -> str:
    """An org chart that loads as it is, with the posts Recommendation 20 asks for commented out."""
    social_care = "true" if kind in SOCIAL_CARE_TYPES else "false"
    return (
        _schema_comment("orgchart", schemas)
        + f"""\
# Org chart of {name.replace(chr(10), " ")} for leadaudit.
#
# Only the chief executive is filled in. The commented entries are the posts that
# Recommendation 20 (and the statutory basics) look for: uncomment each one the authority
# has, change titles and ids to match, and delete the rest. Then run
#     leadaudit check {ORG_FILE}
# and 'leadaudit explain RULE' for what any finding asks for; 'leadaudit capabilities'
# lists the capability ids posts and roles can name.
leadaudit: 1
authority:
  name: {_quote(name)}
  type: {kind.value}
  # governance: leader_cabinet      # leader_cabinet | mayor_cabinet | committee
  adult_social_care: {social_care}          # decides whether a Caldicott guardian is expected

roles:
  chief_digital_officer:
    title: Chief Digital Officer
    capabilities: [digital_leadership, digital_strategy, culture_change, stakeholder_management]

posts:
  - id: ceo
    title: Chief Executive
    capabilities: [head_of_paid_service]

"""
        + _leader_block(kind)
        + _SUGGESTED_POSTS
        + (
            """\
  # - id: caldicott
  #   title: Director of Adult Social Care
  #   reports_to: ceo
  #   capabilities: [caldicott_guardian]
"""
            if kind in SOCIAL_CARE_TYPES
            else ""
        )
        + "\n"
        + _member_block(kind)
    )


def config(framework: str, schemas: bool = True) -> str:
    """A configuration file naming the framework and the waivers file. It sets no outputs,
    so 'leadaudit check' keeps its default: text, or annotations under GitHub Actions."""
    return (
        _schema_comment("config", schemas)
        + f"""\
# leadaudit configuration. 'leadaudit check' finds this file from this folder or any
# folder below it; 'leadaudit config' shows the settings in force and where each came from.
framework: {framework if re.fullmatch(r"[A-Za-z0-9_./-]+", framework) else _quote(framework)}
fail_on: error                      # error | warning | info | never
# Outputs of 'leadaudit check' when it is given no --format. Without this key it prints
# text, or annotations under GitHub Actions; setting it replaces that default everywhere.
# outputs:
#   - format: json
#     path: leadaudit.json
waivers: {WAIVERS_FILE}
"""
    )


def waivers(schemas: bool = True) -> str:
    """An empty waivers file that explains how to add one."""
    return (
        _schema_comment("waivers", schemas)
        + """\
# Accepted findings. A waived finding is reported apart and does not fail the check
# until the day after it expires. Every waiver needs a justification, an owner and an
# expiry date; leadaudit reports waivers that match nothing or expire within 30 days.
waivers:
  # - rule: R20-04                  # the rule id of the finding
  #   subject: cdo                  # the post or member id it is about (omit for the authority)
  #   justification: Shared chief digital officer agreed with two partner councils
  #   owner: Head of Governance
  #   expires: 2026-03-31
  #   reason: shared_service        # shared_service | interim_arrangement | not_applicable |
  #                                 # remediation_planned | accepted_risk
"""
    )


SOURCE_PLACEHOLDER = f"OWNER/leadaudit@v{__version__}"
"""What ``--source`` stands for until it is given: the repository leadaudit comes from."""
SOURCE_FORMAT = re.compile(
    r"(?P<repo>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)@(?P<ref>[A-Za-z0-9_.][A-Za-z0-9_./-]*)"
    r"|(?P<local>\./(?:[A-Za-z0-9_.-]+/)*[A-Za-z0-9_.-]*)"
)
"""OWNER/REPO@REF (a GitHub repository at a tag, branch or commit) or ./PATH (a folder of
the same repository holding leadaudit, action.yml at its top)."""

GITLAB_CODE_QUALITY = "gl-code-quality-report.json"
GITLAB_JUNIT = "leadaudit-junit.xml"


def _github_workflow(source: str) -> str:
    return f"""\
# Audits the org chart on every pull request and on pushes to the main branch, with the
# leadaudit action: the gap report in the job summary, the findings as annotations on
# {ORG_FILE}, and a failed check when a finding reaches fail_on in .leadaudit.yaml.
name: leadaudit
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  leadaudit:
    runs-on: ubuntu-latest
    # permissions:
    #   contents: read
    #   security-events: write        # for the code scanning upload below
    steps:
      - uses: actions/checkout@v4
      # The leadaudit action: the repository leadaudit comes from, at a release tag
      # (OWNER/REPO@TAG), or ./PATH when leadaudit sits in this repository.
      - uses: {source}
        with:
          files: {ORG_FILE}
          formats: summary annotations text
          # formats: summary annotations text sarif   # and the upload below
      # Findings in code scanning (public repositories, or private ones with GitHub
      # Advanced Security). A pull request from a fork has a read-only token, so the
      # upload is skipped there.
      # - uses: github/codeql-action/upload-sarif@v3
      #   if: ${{{{ !cancelled() && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository) }}}}
      #   with:
      #     sarif_file: leadaudit.sarif
      #     category: leadaudit
"""


def _gitlab_install(source: str) -> str:
    match = SOURCE_FORMAT.fullmatch(source)
    if match is not None and match["local"] is not None:
        return f'python -m pip install "{source}"'
    repo, ref = source.split("@", 1)
    return f'python -m pip install "leadaudit @ git+https://github.com/{repo}@{ref}"'


def _gitlab_job(source: str) -> str:
    return f"""\
# Audits the org chart in every pipeline: the findings in the merge request's code quality
# widget and the pipeline's test report, and a failed job when a finding reaches fail_on
# in .leadaudit.yaml. leadaudit is installed from the repository it comes from.
leadaudit:
  image: python:3.12
  script:
    - {_gitlab_install(source)}
    - >-
      leadaudit check {ORG_FILE}
      --format gitlab -o {GITLAB_CODE_QUALITY}
      --format junit -o {GITLAB_JUNIT}
      --format text
  artifacts:
    when: always
    reports:
      codequality: {GITLAB_CODE_QUALITY}
      junit: {GITLAB_JUNIT}
"""


def ci_workflow(ci: Ci, source: str = SOURCE_PLACEHOLDER) -> str:
    """A CI workflow that runs the check on every change, for GitHub or GitLab; ``source``
    is where leadaudit comes from (see SOURCE_FORMAT)."""
    return _github_workflow(source) if ci is Ci.github else _gitlab_job(source)


def scaffold(
    name: str,
    kind: AuthorityType,
    framework: str,
    ci: Ci,
    schemas: bool = True,
    source: str = SOURCE_PLACEHOLDER,
) -> dict[str, str]:
    """Relative path -> content of every file ``init`` writes, in writing order."""
    files = {
        ORG_FILE: org_chart(name, kind, schemas),
        CONFIG_FILE: config(framework, schemas),
        WAIVERS_FILE: waivers(schemas),
    }
    if schemas:
        for schema_name in ("orgchart", "config", "waivers", "framework"):
            files[f"{SCHEMA_DIR}/{file_name(schema_name)}"] = schema_json(schema_name)
    if ci is not Ci.none:
        files[CI_FILES[ci]] = ci_workflow(ci, source)
    return files
