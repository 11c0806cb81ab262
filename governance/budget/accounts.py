"""Ledger accounts and the cost categories they belong to.

A project's account mapping (AccountMapping: one account or a range → a cost category,
BAS defaults from the start, editable in the admin) decides the category of a row of a
raw accounting export. Balance accounts (class 1 and 2: assets, debts, VAT) and income
accounts (class 3) are never costs; an import leaves them out and counts them.
"""

import re

from django.utils.translation import gettext as _

from governance.budget.models import AccountMapping

BALANCE, INCOME, COST = "balance", "income", "cost"
# An account number alone, or at the start of a cell that also names it ("5010 Lokalhyra").
ACCOUNT = re.compile(r"^\s*(\d{4,6})(?:\.0+)?(?:\s|$)")


def account_class(account):
    """BAS account classes: 1 assets, 2 equity and debts, 3 income, 4–8 costs."""
    first_digit = str(account)[0]
    if first_digit in "12":
        return BALANCE
    if first_digit == "3":
        return INCOME
    return COST


def parse_account(value):
    """5010 / "5010" / 5010.0 / "5010 Lokalhyra" → 5010. Raises ValueError in Swedish."""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    match = ACCOUNT.match(str(value if value is not None else ""))
    if not match:
        if value is None or not str(value).strip():
            raise ValueError(_("The account is missing."))
        raise ValueError(
            _("“%(value)s” is not an account number (4 to 6 digits, e.g. 5010).") % {"value": value}
        )
    return int(match.group(1))


class AccountChart:
    """The project's account mapping, read once; `category_for` answers from memory."""

    def __init__(self, project):
        mappings = AccountMapping.objects.filter(project=project).select_related("category")
        # The narrowest range first: more digits, then fewer accounts.
        self.ranges = sorted(
            (
                (len(str(m.first_account)), m.first_account, m.last_account, m.category)
                for m in mappings
            ),
            key=lambda item: (-item[0], item[2] - item[1]),
        )
        self._found = {}

    def category_for(self, account):
        """The cost category of the account, or None when no mapping holds it."""
        if account not in self._found:
            self._found[account] = self._look_up(account)
        return self._found[account]

    def _look_up(self, account):
        digits = str(account)
        for length, first, last, category in self.ranges:
            if len(digits) >= length and first <= int(digits[:length]) <= last:
                return category
        return None
