"""The one way governance documents become PDF: WeasyPrint's PDF/UA-1 variant, so every
agenda, minutes and report is tagged (a structure tree of headings, paragraphs, lists and
tables that screen readers follow), marked as tagged, and carries the title of the
HTML's <title> and the language of its <html lang>."""

PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html, base_url=None):
    """The PDF of a complete HTML document (with <html lang> and <title>), as bytes."""
    # Imported here: WeasyPrint loads pango at import, which the rest of the site never needs.
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)
