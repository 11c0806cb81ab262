"""Spreadsheets in and out of the governance slices: one writer for every Excel export and
one header-mapped reader for every Excel or CSV import."""

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
