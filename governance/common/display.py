"""How a field's value reads in the Swedish admin: never a raw Python value.

None → "–", True/False → "Ja"/"Nej", an amount in kronor through the one money formatter
(governance/common/money.py), a date and time in Stockholm time (the user's time zone)."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from governance.common.money import format_sek

EMPTY = "–"


def is_money(field):
    """An amount in kronor: the MONEY decimal of governance/budget/models.py."""
    return (
        isinstance(field, models.DecimalField)
        and field.decimal_places == 2
        and field.max_digits >= 15
    )


def display_value(value, field=None):
    """The text the admin shows for a raw field value; other values are returned as they are."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        if field is None or is_money(field):
            return format_sek(value, unit=False)
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return value
