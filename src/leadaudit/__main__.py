"""Entry point for ``python -m leadaudit``."""

from leadaudit.cli import main

main()
