"""Swedish money formatting, for pages, charts and messages alike: "1 234 567,50 kr".

Thousands are separated by a no-break space (so an amount never wraps over two lines) and
negative amounts get a real minus sign, which screen readers read as "minus".
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NO_BREAK_SPACE = "\u00a0"
MINUS = "\u2212"


def format_sek(value, *, unit=True, decimals=2):
    """1234567.5 → '1 234 567,50 kr' (no-break spaces); '' for None or non-numbers."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    exponent = Decimal(1).scaleb(-decimals)
    amount = amount.quantize(exponent, rounding=ROUND_HALF_UP)
    sign = MINUS if amount < 0 else ""
    whole, _dot, fraction = f"{abs(amount):.{decimals}f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + NO_BREAK_SPACE.join(groups)
    if fraction:
        text += "," + fraction
    return text + (NO_BREAK_SPACE + "kr" if unit else "")


def format_percent(value):
    """93.5 → '93,5 %'; '–' for None."""
    if value is None:
        return "–"
    return f"{Decimal(str(value)):.1f}".replace(".", ",").replace("-", MINUS) + NO_BREAK_SPACE + "%"
