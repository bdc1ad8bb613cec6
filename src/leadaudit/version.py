"""The version of leadaudit, at the bottom of the import graph so any module may name it."""

__version__ = "0.1.0"
