"""The ``import`` command: a published org chart CSV written out as leadaudit YAML."""

import enum
from pathlib import Path
from typing import Annotated

import typer

from leadaudit.cli.app import app
from leadaudit.cli.exits import err, user_errors, write_stdout


class CsvFormat(str, enum.Enum):
    """The published formats ``import`` reads."""

    lga = "lga"
    organogram = "organogram"


FileArg = Annotated[
    Path,
    typer.Argument(
        metavar="FILE",
        help="A council's Transparency Code organisation structure CSV (lga) or a "
        "data.gov.uk organogram's senior-staff CSV.",
    ),
]

FmtArg = Annotated[
    CsvFormat | None,
    typer.Option(
        "--format",
        metavar="lga|organogram",
        help="The file's format. Default: told from its header.",
        show_default=False,
    ),
]

JuniorArg = Annotated[
    Path | None,
    typer.Option(
        "--junior",
        metavar="FILE",
        help="An organogram's junior-staff CSV, counted under its senior posts.",
    ),
]

ColumnsArg = Annotated[
    Path | None,
    typer.Option(
        "--columns",
        metavar="FILE",
        help="YAML mapping of a council's own column names onto the LGA ones, e.g. "
        "'Job Title: JobTitle' and 'Tier: Level', one per line.",
    ),
]

MappingArg = Annotated[
    Path | None,
    typer.Option(
        "--mapping",
        metavar="FILE",
        help="Capability mapping (job titles and professions to capabilities) extending "
        "or replacing the bundled one.",
    ),
]

OutputArg = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the YAML here (atomically)."),
]

ExplainArg = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="List every inferred reporting line, basis and capability, with where it came "
        "from and how sure it is (instead of the YAML on stdout).",
    ),
]


@app.command("import")
def import_chart(
    file: FileArg,
    fmt: FmtArg = None,
    junior: JuniorArg = None,
    columns: ColumnsArg = None,
    mapping: MappingArg = None,
    output: OutputArg = None,
    explain: ExplainArg = False,
) -> None:
    """Import a published org chart: write it as leadaudit YAML whose header says where it
    came from and what was inferred, for a person to confirm or correct.

    check and report read these CSVs directly too; import is for keeping and correcting
    the chart. Exit codes: 0 written; 2 usage or input error (nothing written).
    """
    with user_errors():
        from leadaudit.importers.csv_chart import ImportOptions, import_bytes
        from leadaudit.importers.text import read_bytes
        from leadaudit.importers.write_chart import chart_yaml, explain_lines, summary_lines
        from leadaudit.limits import Limits
        from leadaudit.write import write_all

        limits = Limits()
        options = ImportOptions(
            fmt=fmt.value if fmt else None, junior=junior, columns=columns, mapping=mapping
        )
        imported = import_bytes(read_bytes(file, limits), str(file), options, limits)
        text = chart_yaml(imported)
        if output is not None:
            write_all([(output, text)])
            posts = len(imported.data["posts"])
            err(f"leadaudit: wrote {output}: {posts} post{'s' if posts != 1 else ''}")
            for line in summary_lines(imported):
                err(f"  {line}")
        if explain:
            write_stdout("\n".join(explain_lines(imported)) + "\n")
        elif output is None:
            write_stdout(text)
