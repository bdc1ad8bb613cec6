"""Generate realistic org charts of any size, as leadaudit YAML and as the same data in JSON.

The shape follows a large council's HR export: a chief executive, executive directors,
heads of service, service and team managers, team leaders and officers, with a fan-out of
three to ten per manager, so the reporting tree is a few levels deep even at 100,000
posts. Titles, directorates, bases, holders, roles and capabilities are drawn from lists
of plausible values with a seeded random generator, so the same size and seed always
give the same file.

    python benchmarks/generate.py 10000 -o org.yaml [--json org.json] [--seed 20]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_SEED = 20


@dataclass(frozen=True)
class Service:
    """A service inside a directorate: its name, officer titles and what its posts provide."""

    name: str
    officers: tuple[str, ...]
    capabilities: tuple[str, ...] = ()
    role: str | None = None


@dataclass(frozen=True)
class Directorate:
    name: str
    director: str
    services: tuple[Service, ...]


DIRECTORATES: tuple[Directorate, ...] = (
    Directorate(
        "Children's Services",
        "Executive Director of Children's Services",
        (
            Service("Children's Social Care", ("Social Worker", "Family Support Worker")),
            Service("Early Help", ("Early Help Practitioner", "Family Key Worker")),
            Service("Education and Skills", ("School Improvement Adviser", "Attendance Officer")),
            Service("SEND", ("SEND Caseworker", "Educational Psychologist")),
            Service(
                "Fostering and Adoption", ("Fostering Social Worker", "Adoption Support Worker")
            ),
            Service("Youth Services", ("Youth Worker", "Youth Justice Officer")),
        ),
    ),
    Directorate(
        "Adult Social Care and Health",
        "Executive Director of Adult Social Care and Health",
        (
            Service(
                "Adult Social Care", ("Social Worker", "Occupational Therapist", "Care Assessor")
            ),
            Service("Public Health", ("Public Health Practitioner", "Health Improvement Officer")),
            Service("Commissioning", ("Commissioning Officer", "Contracts Officer")),
            Service("Safeguarding Adults", ("Safeguarding Practitioner",)),
            Service("Mental Health", ("Approved Mental Health Professional", "Support Worker")),
        ),
    ),
    Directorate(
        "Place",
        "Executive Director of Place",
        (
            Service("Highways", ("Highways Engineer", "Highways Inspector")),
            Service("Planning", ("Planning Officer", "Planning Enforcement Officer")),
            Service("Waste and Recycling", ("Waste Operative", "Recycling Officer")),
            Service("Economic Development", ("Economic Development Officer", "Business Adviser")),
            Service("Housing", ("Housing Officer", "Homelessness Caseworker")),
            Service("Transport", ("Transport Planner", "Passenger Transport Officer")),
            Service("Parks and Open Spaces", ("Park Ranger", "Grounds Maintenance Operative")),
        ),
    ),
    Directorate(
        "Finance and Resources",
        "Executive Director of Finance and Resources",
        (
            Service("Finance", ("Accountant", "Finance Officer")),
            Service("Procurement", ("Procurement Officer", "Category Manager"), ("procurement",)),
            Service("Revenues and Benefits", ("Benefits Assessor", "Revenues Officer")),
            Service("Property and Estates", ("Surveyor", "Facilities Officer")),
            Service("Audit and Risk", ("Auditor", "Risk Officer")),
            Service("Human Resources", ("HR Adviser", "Payroll Officer")),
        ),
    ),
    Directorate(
        "Communities",
        "Director of Communities",
        (
            Service("Libraries", ("Library Assistant", "Librarian")),
            Service("Leisure and Culture", ("Leisure Centre Assistant", "Arts Officer")),
            Service(
                "Community Safety", ("Community Safety Officer", "Anti-social Behaviour Officer")
            ),
            Service(
                "Customer Services",
                ("Customer Services Adviser", "Contact Centre Agent"),
                ("citizen_communication",),
            ),
            Service("Registrars", ("Registrar", "Deputy Registrar")),
        ),
    ),
    Directorate(
        "Chief Executive's Office",
        "Director of Law and Governance",
        (
            Service("Legal Services", ("Solicitor", "Paralegal")),
            Service("Democratic Services", ("Democratic Services Officer", "Elections Officer")),
            Service(
                "Communications and Engagement",
                ("Communications Officer", "Engagement Officer"),
                ("citizen_communication",),
                "communications_officer",
            ),
            Service(
                "Policy and Performance",
                ("Policy Officer", "Performance Analyst"),
                ("data_analytics",),
                "data_analyst",
            ),
        ),
    ),
)

DIGITAL = Directorate(
    "Chief Executive's Office",
    "Chief Digital Officer",
    (
        Service(
            "Digital Programmes",
            ("Delivery Manager", "Project Manager"),
            ("programme_management",),
            "delivery_manager",
        ),
        Service(
            "Architecture",
            ("Solution Architect", "Technical Architect"),
            ("digital_architecture",),
            "enterprise_architect",
        ),
        Service(
            "Data and Insight",
            ("Data Analyst", "Data Engineer"),
            ("data_analytics", "data_sharing"),
            "data_analyst",
        ),
        Service(
            "Service Design",
            ("Service Designer", "User Researcher", "Business Analyst"),
            ("user_centred_design",),
            "service_designer",
        ),
        Service(
            "ICT Operations",
            ("Infrastructure Engineer", "Service Desk Analyst"),
        ),
        Service(
            "Digital Partnerships",
            ("Partnership Manager",),
            ("stakeholder_management",),
        ),
    ),
)

ROLES: dict[str, dict[str, Any]] = {
    "chief_digital_officer": {
        "title": "Chief Digital Officer",
        "capabilities": ["digital_leadership", "digital_strategy", "culture_change"],
        "description": "Leads digital, data and technology across the council.",
    },
    "enterprise_architect": {"title": "Architect", "capabilities": ["digital_architecture"]},
    "delivery_manager": {"title": "Delivery Manager", "capabilities": ["delivery_management"]},
    "data_analyst": {"title": "Data Analyst", "capabilities": ["data_analytics"]},
    "service_designer": {
        "title": "Service Designer",
        "capabilities": ["user_centred_design", "business_analysis"],
    },
    "communications_officer": {
        "title": "Communications Officer",
        "capabilities": ["citizen_communication"],
    },
    "transformation_lead": {
        "title": "Transformation Lead",
        "capabilities": ["transformation", "culture_change"],
    },
}

FIRST_NAMES = [
    "Aisha",
    "Alex",
    "Amir",
    "Ben",
    "Bethan",
    "Chloe",
    "Connor",
    "Dana",
    "Daniel",
    "Elif",
    "Emma",
    "Farah",
    "Gareth",
    "Grace",
    "Hannah",
    "Harjit",
    "Imran",
    "Isla",
    "Jack",
    "James",
    "Jo",
    "Kai",
    "Kate",
    "Leon",
    "Lucy",
    "Mark",
    "Maya",
    "Mohammed",
    "Nadia",
    "Niamh",
    "Oliver",
    "Owen",
    "Priya",
    "Rhys",
    "Rosa",
    "Sam",
    "Sean",
    "Sofia",
    "Tom",
    "Yusuf",
    "Zara",
]
SURNAMES = [
    "Ahmed",
    "Ali",
    "Baker",
    "Begum",
    "Brown",
    "Campbell",
    "Chen",
    "Clarke",
    "Davies",
    "Evans",
    "Green",
    "Hall",
    "Hughes",
    "Jones",
    "Kaur",
    "Khan",
    "Lewis",
    "Martin",
    "Morgan",
    "Murphy",
    "Nowak",
    "Okafor",
    "Patel",
    "Price",
    "Reid",
    "Roberts",
    "Robinson",
    "Scott",
    "Shah",
    "Singh",
    "Smith",
    "Taylor",
    "Thomas",
    "Walker",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wright",
    "Young",
]
BASES = (
    ("permanent", 0.86),
    ("fixed_term", 0.05),
    ("interim", 0.015),
    ("agency", 0.03),
    ("contractor", 0.005),
    ("vacant", 0.04),
)
PORTFOLIOS = (
    "Adult Social Care",
    "Children and Families",
    "Environment and Climate",
    "Finance and Resources",
    "Highways and Transport",
    "Housing and Regeneration",
    "Communities and Culture",
    "Public Health",
)

#: fan-out (children per post) by the level of the manager
FAN_OUT = {2: (3, 5), 3: (3, 6), 4: (4, 8), 5: (4, 10)}
DEEPER_FAN_OUT = (3, 8)


@dataclass
class _Node:
    post: dict[str, Any]
    level: int
    directorate: Directorate
    service: Service | None
    children: list[_Node] = field(default_factory=list)


class _Generator:
    def __init__(self, size: int, seed: int) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.posts: list[dict[str, Any]] = []
        self.next_number = 1

    def _basis(self) -> str:
        roll = self.rng.random()
        for basis, share in BASES:
            roll -= share
            if roll < 0:
                return basis
        return "permanent"

    def _person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    def _new_post(
        self,
        title: str,
        parent: _Node | None,
        directorate: str,
        post_id: str | None = None,
        basis: str | None = None,
    ) -> dict[str, Any]:
        if post_id is None:
            post_id = f"post-{self.next_number:06d}"
            self.next_number += 1
        post: dict[str, Any] = {"id": post_id, "title": title}
        if parent is not None:
            post["reports_to"] = parent.post["id"]
        post["directorate"] = directorate
        post["basis"] = basis or self._basis()
        if post["basis"] != "vacant":
            post["holder"] = self._person()
        self.posts.append(post)
        return post

    def _title(self, level: int, service: Service) -> str:
        if level == 2:
            return f"Head of {service.name}"
        if level == 3:
            return f"{service.name} Service Manager"
        if level == 4:
            return f"Team Manager, {service.name}"
        if level == 5:
            return f"Team Leader, {service.name}"
        officer = self.rng.choice(service.officers)
        return self.rng.choice(("", "", "Senior ", "Assistant ")) + officer

    def _dress(self, post: dict[str, Any], level: int, service: Service) -> None:
        """Give some posts the capabilities or roles of their service."""
        if service.capabilities and (level <= 3 or self.rng.random() < 0.2):
            post["capabilities"] = list(service.capabilities)
        elif service.role is not None and self.rng.random() < 0.5:
            post["roles"] = [service.role]
        if level == 2 and self.rng.random() < 0.3:
            post["responsibilities"] = [
                f"Leads the {service.name.lower()} service",
                "Service plan, budget and performance",
            ]

    def build(self) -> list[dict[str, Any]]:
        ceo = self._new_post(
            "Chief Executive", None, "Chief Executive's Office", "ceo", basis="permanent"
        )
        ceo["capabilities"] = ["head_of_paid_service"]
        ceo["leadership_team"] = True
        ceo["works_with"] = ["cllr-leader"]
        level: list[_Node] = []
        if len(self.posts) < self.size:
            cdo = self._new_post(
                "Chief Digital Officer",
                _Node(ceo, 0, DIGITAL, None),
                "Chief Executive's Office",
                "cdo",
                basis="permanent",
            )
            cdo["roles"] = ["chief_digital_officer"]
            cdo["leadership_team"] = True
            cdo["works_with"] = ["cllr-digital"]
            level.append(_Node(cdo, 1, DIGITAL, None))
        for number, directorate in enumerate(DIRECTORATES):
            if len(self.posts) >= self.size:
                break
            post = self._new_post(
                directorate.director,
                _Node(ceo, 0, directorate, None),
                directorate.name,
                f"dir-{number + 1}",
                basis="permanent",
            )
            post["leadership_team"] = True
            if directorate.name == "Finance and Resources":
                post["capabilities"] = ["s151_officer"]
            elif directorate.director.startswith("Director of Law"):
                post["capabilities"] = ["monitoring_officer"]
            level.append(_Node(post, 1, directorate, None))
        depth = 1
        while level and len(self.posts) < self.size:
            self.rng.shuffle(level)
            below: list[_Node] = []
            for node in level:
                if len(self.posts) >= self.size:
                    break
                if depth == 1:
                    services: list[Service] = list(node.directorate.services)
                else:
                    assert node.service is not None
                    low, high = FAN_OUT.get(depth, DEEPER_FAN_OUT)
                    services = [node.service] * self.rng.randint(low, high)
                for service in services:
                    if len(self.posts) >= self.size:
                        break
                    post = self._new_post(
                        self._title(depth + 1, service), node, node.directorate.name
                    )
                    self._dress(post, depth + 1, service)
                    below.append(_Node(post, depth + 1, node.directorate, service))
            level = below
            depth += 1
        return self.posts


def _members(size: int, rng: random.Random) -> list[dict[str, Any]]:
    count = min(90, 40 + size // 2000)
    members: list[dict[str, Any]] = [
        {
            "id": "cllr-leader",
            "name": f"Cllr {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            "position": "leader",
            "portfolio": ["Strategy and Partnerships"],
        },
        {
            "id": "cllr-digital",
            "name": f"Cllr {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            "position": "cabinet_member",
            "portfolio": ["Digital and Customer Services", "Innovation"],
            "digital_experience": "Worked in software delivery for a housing association",
            "works_with": ["cdo"],
        },
    ]
    for number, portfolio in enumerate(PORTFOLIOS, start=1):
        members.append(
            {
                "id": f"cllr-cabinet-{number}",
                "name": f"Cllr {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                "position": "cabinet_member",
                "portfolio": [portfolio],
            }
        )
    for number in range(1, count - len(members) + 1):
        members.append(
            {
                "id": f"cllr-{number:03d}",
                "name": f"Cllr {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                "position": "committee_chair" if number <= 6 else "member",
            }
        )
    return members


def generate(size: int, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """A realistic org chart with ``size`` posts, as the plain data a loader would return."""
    if size < 1:
        raise ValueError("an org chart needs at least one post")
    rng = random.Random(seed)
    posts = _Generator(size, seed).build()
    members = _members(size, rng)
    if size == 1:  # no digital leader to work with
        for member in members:
            member.pop("works_with", None)
    data: dict[str, Any] = {
        "leadaudit": 1,
        "authority": {
            "name": "Benchmarkshire County Council",
            "type": "county",
            "governance": "leader_cabinet",
            "adult_social_care": True,
        },
        "roles": ROLES,
        "posts": posts,
        "members": members,
        "digital_strategy": {
            "title": "Digital Benchmarkshire 2025-2028",
            "owners": ["cllr-digital", "cdo"] if size > 1 else ["cllr-digital"],
            "adopted": "2025-03",
        },
    }
    return data


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'&()/_-]*")
_FLOW_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._-]*")
_RESERVED = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})


def _scalar(value: Any, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    pattern = _FLOW_PLAIN if flow else _PLAIN
    if pattern.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def _mapping_lines(item: dict[str, Any], indent: str, first: str) -> list[str]:
    lines: list[str] = []
    prefix = first
    for key, value in item.items():
        if isinstance(value, list):
            if all(_FLOW_PLAIN.fullmatch(str(v)) for v in value):
                lines.append(f"{prefix}{key}: [{', '.join(_scalar(v, True) for v in value)}]")
            else:
                lines.append(f"{prefix}{key}:")
                lines.extend(f"{indent}  - {_scalar(v)}" for v in value)
        elif isinstance(value, dict):
            lines.append(f"{prefix}{key}:")
            lines.extend(_mapping_lines(value, indent + "  ", indent + "  "))
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")
        prefix = indent
    return lines


def to_yaml(data: dict[str, Any]) -> str:
    """The org chart as block-style YAML, the way a person or an export script writes it."""
    posts = len(data["posts"])
    lines = [
        f"# A generated org chart with {posts:,} posts, made by benchmarks/generate.py for",
        "# leadaudit's benchmarks and tests; the people in it are fictional.",
    ]
    for key, value in data.items():
        if key in ("posts", "members") and value:
            lines.append("")
            lines.append(f"{key}:")
            for item in value:
                lines.extend(_mapping_lines(item, "    ", "  - "))
        elif key == "roles":
            lines.append("")
            lines.append("roles:")
            for role_id, role in value.items():
                lines.append(f"  {role_id}:")
                lines.extend(_mapping_lines(role, "    ", "    "))
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(_mapping_lines(value, "  ", "  "))
        elif isinstance(value, list):
            lines.append(f"{key}: []")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def write(
    size: int, yaml_path: Path, json_path: Path | None = None, seed: int = DEFAULT_SEED
) -> None:
    """Write the ``size``-post org chart as YAML (and, if asked, the same data as JSON)."""
    data = generate(size, seed)
    yaml_path.write_text(to_yaml(data), encoding="utf-8")
    if json_path is not None:
        json_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a realistic leadaudit org chart.")
    parser.add_argument("posts", type=int, help="number of posts")
    parser.add_argument("-o", "--output", type=Path, required=True, help="YAML file to write")
    parser.add_argument("--json", type=Path, help="also write the same data as JSON here")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args(argv)
    write(args.posts, args.output, args.json, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
