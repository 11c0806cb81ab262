"""The funder's report as files: a PDF (PDF/UA, governance/common/pdf.py) and a .docx to
copy text from, both laying out the blocks of document.py, and an .xlsx with the cost-type
table and the voucher list. Each takes the FunderReport that figures.build made once."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from governance.common.pdf import html_to_pdf
from governance.common.spreadsheets import DATE, MONEY, PERCENT, TEXT, Workbook
from governance.funder_report import document

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _subtitle(report):
    return [
        report.content["project"]["name"],
        _("Reporting period %(start)s – %(end)s")
        % {"start": f"{report.start:%Y-%m-%d}", "end": f"{report.end:%Y-%m-%d}"},
    ]


# PDF


def render_html(report):
    return render_to_string(
        "governance/funder_report/pdf.html",
        {
            "report": report,
            "title": report.title,
            "subtitle": _subtitle(report),
            "sections": document.document(report),
        },
    )


def pdf_bytes(report, base_url=None):
    return html_to_pdf(render_html(report), base_url=base_url)


# .docx


def docx_bytes(report):
    # Imported here: only this export needs python-docx.
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    word = Document()
    word.core_properties.title = report.title
    word.core_properties.language = "sv-SE"
    word.styles["Normal"].font.name = "Calibri"
    word.styles["Normal"].font.size = Pt(10.5)
    word.add_heading(report.title, level=0)
    for line in _subtitle(report):
        word.add_paragraph(line)
    for section in document.document(report):
        word.add_heading(section.heading, level=1)
        for block in section.blocks:
            if isinstance(block, document.SubHeading):
                word.add_heading(block.text, level=2)
            elif isinstance(block, document.Paragraph):
                word.add_paragraph(block.text)
            elif isinstance(block, document.Bullets):
                for item in block.items:
                    word.add_paragraph(item, style="List Bullet")
            elif isinstance(block, document.Table):
                if block.caption:
                    word.add_paragraph(block.caption, style="Caption")
                rows = [*block.rows, *([block.total] if block.total else [])]
                table = word.add_table(rows=1 + len(rows), cols=len(block.headings))
                table.style = "Table Grid"
                for row_index, values in enumerate([block.headings, *rows]):
                    bold = row_index == 0 or (block.total is not None and row_index == len(rows))
                    for column, value in enumerate(values):
                        paragraph = table.cell(row_index, column).paragraphs[0]
                        run = paragraph.add_run(str(value))
                        run.bold = bold
                        if row_index and block.is_numeric(column):
                            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                word.add_paragraph()
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# .xlsx


def xlsx_bytes(report, progress=None, file=None):
    """The workbook's bytes, or (given a binary `file`) written into that file;
    `progress(done, total)` is told after each voucher when given (the background export,
    admin.FUNDER_XLSX)."""
    costs = report.costs
    workbook = Workbook()
    lines = [
        *_subtitle(report),
        _("Funder: %(funder)s") % {"funder": report.funder or "–"},
    ]
    sheet = workbook.sheet(
        _("Costs per cost type"),
        [
            (_("Cost type"), TEXT, 34),
            (_("Our cost categories"), TEXT, 34),
            (_("Budget"), MONEY, 18),
            (_("In the period"), MONEY, 18),
            (_("To date"), MONEY, 18),
        ],
        caption=report.title,
        lines=lines,
    )
    for row in costs.rows:
        amounts = row.amounts
        sheet.row(
            row.name,
            ", ".join(row.categories),
            amounts.budget,
            amounts.period,
            amounts.to_date,
        )
    sheet.totals(
        _("Direct costs"), "", costs.direct.budget, costs.direct.period, costs.direct.to_date
    )
    if costs.flat_rate_percent:
        flat = costs.flat_rate
        sheet.totals(document.flat_rate_label(costs), "", flat.budget, flat.period, flat.to_date)
    total = costs.total
    sheet.totals(_("Total costs"), "", total.budget, total.period, total.to_date)
    for row in costs.income_rows:
        amounts = row.amounts.map(lambda amount: -amount)
        sheet.totals(
            _("Income: %(name)s") % {"name": row.name},
            ", ".join(row.categories),
            amounts.budget,
            amounts.period,
            amounts.to_date,
        )
    if costs.income_rows:
        net = costs.net
        sheet.totals(_("Total costs less income"), "", net.budget, net.period, net.to_date)
    settings = workbook.sheet(
        _("Flat rate"),
        [(_("Item"), TEXT, 40), (_("Value"), TEXT, 30)],
    )
    settings.row(_("Name of the flat rate"), costs.flat_rate_label)
    settings.row(
        _("Flat rate (per cent of the basis)"), costs.flat_rate_percent, kinds=[TEXT, PERCENT]
    )
    settings.row(
        _("Basis"), ", ".join(row.name for row in costs.rows if row.is_flat_rate_base) or "–"
    )
    settings.row(_("Basis in the period"), costs.flat_rate_basis.period, kinds=[TEXT, MONEY])
    settings.row(_("Flat rate in the period"), costs.flat_rate.period, kinds=[TEXT, MONEY])
    settings.row(_("Basis to date"), costs.flat_rate_basis.to_date, kinds=[TEXT, MONEY])
    settings.row(_("Flat rate to date"), costs.flat_rate.to_date, kinds=[TEXT, MONEY])
    if report.cofinancing_period is not None:
        _cofinancing_sheet(workbook, report)
    _voucher_sheet(workbook, report, progress)
    return workbook.bytes() if file is None else workbook.save(file)


def _cofinancing_sheet(workbook, report):
    sheet = workbook.sheet(
        _("Co-financing"),
        [
            (_("Financier"), TEXT, 34),
            (_("Cash in the period"), MONEY, 18),
            (_("Staff time in the period"), MONEY, 18),
            (_("In kind in the period"), MONEY, 18),
            (_("Total in the period"), MONEY, 18),
            (_("Total to date"), MONEY, 18),
        ],
    )
    to_date = {
        (row.financier.pk if row.financier else None): row
        for row in report.cofinancing_to_date.rows
    }
    for row in report.cofinancing_period.rows:
        key = row.financier.pk if row.financier else None
        cumulative = to_date.get(key)
        sheet.row(
            row.name or _("Not assigned to a financier"),
            row.cash,
            row.time_value,
            row.in_kind,
            row.total,
            cumulative.total if cumulative else None,
        )
    total = report.cofinancing_period.total
    sheet.totals(
        _("Total"),
        total.cash,
        total.time_value,
        total.in_kind,
        total.total,
        report.cofinancing_to_date.total.total,
    )


def _voucher_sheet(workbook, report, progress):
    sheet = workbook.sheet(
        _("Voucher list"),
        [
            (_("Voucher"), TEXT, 14),
            (_("Date"), DATE, 12),
            (_("Description"), TEXT, 40),
            (_("Our cost category"), TEXT, 20),
            (_("Funder's cost type"), TEXT, 24),
            (_("Work area"), TEXT, 10),
            (_("Financier"), TEXT, 24),
            (_("Amount"), MONEY, 16),
        ],
        caption=_("Voucher list %(start)s – %(end)s")
        % {"start": f"{report.start:%Y-%m-%d}", "end": f"{report.end:%Y-%m-%d}"},
    )
    row = sheet.row
    if progress is None:
        for values in report.vouchers():
            row(*values)
    else:
        total = report.voucher_count
        for done, values in enumerate(report.vouchers(), start=1):
            row(*values)
            progress(done, total)
    sheet.totals(
        _("Total"),
        None,
        _("%(count)s cost rows") % {"count": sheet.rows},
        None,
        None,
        None,
        None,
        report.costs.ledger.period,
    )
