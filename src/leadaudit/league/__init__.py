"""Many authorities at once: summary rows from charts or saved results, the league table
grouped by authority type, peer shares, and its text, Markdown, JSON, CSV and SVG forms."""
