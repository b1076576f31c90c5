"""``kg report``: what the graph says, as one HTML page and one Markdown file, both
standing alone (pictures embedded) and rendered from the same content."""

from kg.report.render import render_report

__all__ = ["render_report"]
