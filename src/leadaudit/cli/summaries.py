"""What ``leadaudit --help`` says: the program's summary and each command's, in one place
for Typer's help (App.command registers each command's short help from here) and for
the root help printed without Typer (fasthelp.py)."""

APP_HELP = "Audit a public authority's digital leadership structure against Recommendation 20."
"""What ``leadaudit --help`` says the program does."""

SUMMARIES: dict[str, str] = {
    "rules": "List the rules of a framework.",
    "explain": "Explain one rule: what, why, how to fix.",
    "frameworks": "List the bundled frameworks.",
    "schema": "Print the JSON Schema of a leadaudit file.",
    "capabilities": "List the capability ids posts and roles can name.",
    "check": "Audit org charts; exit 1 on findings.",
    "report": "Write the Markdown gap report.",
    "config": "Show the effective settings and their sources.",
    "diff": "What changed between two org charts.",
    "check-changed": "Audit the org charts among changed files (pre-commit).",
    "import": "Turn a published org chart CSV into leadaudit YAML.",
    "init": "Start the files for a new authority.",
    "summary": "One league table across many authorities.",
    "waive": "Accept a rule's findings, pinned.",
}
"""Each command's one-line summary, in the order ``leadaudit --help`` lists the commands."""
