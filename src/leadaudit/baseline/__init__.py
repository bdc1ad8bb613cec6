"""Baselines: compare a run's findings with an earlier audit, by fingerprint, so that CI
fails only on what is new.

The earlier audit is a JSON result saved with ``check --format json`` (``saved.py``) or
the same org charts as they were at a git revision, audited again (``git.py``);
``compare.py`` sorts each file's findings into new and persisting and lists the fixed
ones; ``model.py`` holds what the reporters show.
"""
