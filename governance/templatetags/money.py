"""Money in templates: {{ amount|money }} gives "1 234 567,50 kr" (governance/common/money.py)."""

from django import template
from django.utils import formats

from governance.common.money import format_percent, format_sek

register = template.Library()


@register.filter
def money(value):
    """{{ amount|money }} → 1 234 567,50 kr"""
    return format_sek(value)


@register.filter
def money_whole(value):
    """{{ amount|money_whole }} → 1 234 568 kr, for charts and tight tables."""
    return format_sek(value, decimals=0)


@register.filter
def percent(value):
    """{{ 93.5|percent }} → 93,5 %"""
    return format_percent(value)


@register.filter
def hours(value):
    """{{ 1234.5|hours }} → 1 234,50 h"""
    if value is None or value == "":
        return "–"
    return f"{formats.number_format(value, 2, use_l10n=True, force_grouping=True)} h"
