"""The datasets as CSV files: UTF-8, comma-separated, a header row of the same field names
as the JSON (a nested list, an indicator's values, gives one line per value with its
fields prefixed: values_measured_on…). Every dataset whole, not in pages.

Text that a spreadsheet program would run as a formula (=, +, -, @ …,
governance/common/spreadsheets.py's `is_formula_like`) is written with a leading
apostrophe, so opening the file in Excel never runs anything; numbers and dates are
written as they are ("-1500.00" stays a number)."""

import csv

from rest_framework import serializers

from governance.common.spreadsheets import is_formula_like

NOT_TEXT = (
    serializers.DecimalField,
    serializers.IntegerField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.BooleanField,
)


def safe_text(value):
    return f"'{value}" if is_formula_like(value) else value


def columns(serializer_class):
    """[(column name, field, nested field name or None)] of a serializer."""
    result = []
    for name, field in serializer_class().fields.items():
        if isinstance(field, serializers.ListSerializer):
            for child_name, child in field.child.fields.items():
                result.append((f"{name}_{child_name}", child, name))
        else:
            result.append((name, field, None))
    return result


def cell(field, value):
    if value is None:
        return ""
    if isinstance(field, serializers.BooleanField):
        return "true" if value else "false"
    if isinstance(field, NOT_TEXT):
        return value
    return safe_text(str(value))


def lines(serializer_class, items):
    """The lines of serialized items (dicts), one per nested value where there are any."""
    cols = columns(serializer_class)
    nested = next((parent for _name, _field, parent in cols if parent), None)
    for item in items:
        children = (item.get(nested) or [None]) if nested else [None]
        for child in children:
            yield [
                cell(field, (child or {}).get(name.removeprefix(f"{parent}_")))
                if parent
                else cell(field, item.get(name))
                for name, field, parent in cols
            ]


def write(response, serializer_class, items):
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow([name for name, _field, _parent in columns(serializer_class)])
    writer.writerows(lines(serializer_class, items))
    return response
