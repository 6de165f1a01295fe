"""Sheets to HTML through the Jinja2 templates, and HTML to PDF through WeasyPrint.

WeasyPrint needs the Pango system library; where it or the package is missing, PdfUnavailableError
carries a one-line message for the command to print instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pitboard.output.printable.classification import ClassificationSheet, SheetRow

TEMPLATES = Path(__file__).resolve().parent / "templates"


class PdfUnavailableError(RuntimeError):
    """PDF output cannot be made on this machine; the message says what to install."""


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def classification_html(sheets: list[ClassificationSheet], title: str = "") -> str:
    """One HTML document, a printed page (or more) per sheet."""
    template = _environment().get_template("classification.html")
    heading = title or (sheets[0].header.event if sheets else "Classification")
    return template.render(sheets=sheets, title=heading, cell=_cell)


def _cell(row: SheetRow, field: str) -> str:
    """A row's value for a column, as the sheet prints it: drivers joined, nothing for none."""
    value = getattr(row, field)
    if field == "drivers":
        return " / ".join(value)
    return "" if value is None else str(value)


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML document, laid out by its print CSS."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise PdfUnavailableError(
            "PDF output needs WeasyPrint and the Pango library (Debian: libpango-1.0-0 "
            f"libpangoft2-1.0-0); they could not be loaded: {reason}"
        ) from None
    pdf = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    if not isinstance(pdf, bytes):
        raise PdfUnavailableError("WeasyPrint returned no PDF")
    return pdf
