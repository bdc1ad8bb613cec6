"""Running leadaudit inside CI systems: the GitHub Action's entry point and its pieces."""
