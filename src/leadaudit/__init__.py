"""leadaudit: audit a public authority's digital leadership against Recommendation 20."""

__version__ = "0.1.0"

__all__ = ["__version__"]
