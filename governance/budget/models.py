"""Budget and actual costs: financiers, cost categories, budget versions with their lines,
cost entries (utfall) imported from the municipalities' accounts, and forecasts.

Money is Decimal in SEK with öre: up to 10^12 kronor fits in 15 digits with 2 decimals.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from governance.register.models import Activity, Organisation, Project, WorkArea

MONEY = {"max_digits": 15, "decimal_places": 2}

# The categories every project starts with; a project may rename, reorder or add to them.
DEFAULT_COST_CATEGORIES = [
    "Personal",
    "Externa tjänster",
    "Resor",
    "Lokaler",
    "Utrustning",
    "Övrigt",
]


class Financier(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="financiers"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="financings",
    )
    committed_amount = models.DecimalField(
        _("committed amount (SEK)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    committed_share = models.DecimalField(
        _("committed share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Instead of an amount: the share of the approved budget this financier pays."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["project", "organisation__name"]
        verbose_name = _("financier")
        verbose_name_plural = _("financiers")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="unique_financier_per_project"
            )
        ]

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        if self.committed_amount is None and self.committed_share is None:
            raise ValidationError(_("Give either the committed amount or the committed share."))


class CostCategory(models.Model):
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="cost_categories",
    )
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["project", "sort_order", "name"]
        verbose_name = _("cost category")
        verbose_name_plural = _("cost categories")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="unique_cost_category_name")
        ]

    def __str__(self):
        return self.name


def create_default_cost_categories(project):
    for order, name in enumerate(DEFAULT_COST_CATEGORIES):
        CostCategory.objects.get_or_create(
            project=project, name=name, defaults={"sort_order": order}
        )


@receiver(post_save, sender=Project, dispatch_uid="governance_default_cost_categories")
def give_new_project_default_cost_categories(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        create_default_cost_categories(instance)


# The BAS chart of accounts (the plan most Swedish accounting systems follow) mapped to the
# default categories by their names: (first account, last account, category, what the
# accounts hold). Ranges nest; the narrowest wins (6500 is "Externa tjänster", 6110
# "Övrigt"). Accounts 7700–8999 (write-downs, depreciation, financial items) are left
# unmapped on purpose: a project decides whether they belong in its follow-up.
DEFAULT_ACCOUNT_MAPPINGS = [
    (4000, 4999, "Övrigt", "Varor och material"),
    (5000, 5199, "Lokaler", "Lokal- och fastighetskostnader"),
    (5200, 5299, "Utrustning", "Hyra av inventarier och maskiner"),
    (5300, 5399, "Övrigt", "Energi"),
    (5400, 5599, "Utrustning", "Förbrukningsinventarier, förbrukningsmaterial, underhåll"),
    (5600, 5699, "Resor", "Transportmedel"),
    (5700, 5799, "Övrigt", "Frakter och transporter"),
    (5800, 5899, "Resor", "Resekostnader"),
    (5900, 5999, "Övrigt", "Reklam och PR"),
    (6000, 6999, "Övrigt", "Övriga externa kostnader"),
    (6400, 6599, "Externa tjänster", "Förvaltning, revision, konsulter, övriga externa tjänster"),
    (6800, 6899, "Externa tjänster", "Inhyrd personal"),
    (7000, 7699, "Personal", "Löner, sociala avgifter, övriga personalkostnader"),
]


class AccountMapping(models.Model):
    """Ledger accounts of one cost category: one account (5010) or a range (5000–5199).

    Ranges may nest but not cross; an account belongs to the narrowest range that holds
    it. An account with more digits than a range's bounds is compared by its leading
    digits, so 50101 (a sub-account some systems use) falls in 5000–5199."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="account_mappings",
    )
    first_account = models.PositiveIntegerField(
        _("account"), validators=[MinValueValidator(1000), MaxValueValidator(999999)]
    )
    last_account = models.PositiveIntegerField(
        _("to account"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), MaxValueValidator(999999)],
        help_text=_("For a range of accounts, e.g. 5000 to 5199. Leave empty for one account."),
    )
    category = models.ForeignKey(
        CostCategory,
        verbose_name=_("cost category"),
        on_delete=models.CASCADE,
        related_name="account_mappings",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "first_account", "-last_account"]
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "first_account", "last_account"],
                name="unique_account_range_per_project",
            ),
            models.CheckConstraint(
                condition=models.Q(last_account__gte=models.F("first_account")),
                name="account_range_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.accounts_label} → {self.category}"

    def save(self, *args, **kwargs):
        if self.last_account is None:
            self.last_account = self.first_account
        super().save(*args, **kwargs)

    def clean(self):
        if self.first_account is None:
            return
        last = self.first_account if self.last_account is None else self.last_account
        if last < self.first_account:
            raise ValidationError({"last_account": _("The range ends before it starts.")})
        if len(str(last)) != len(str(self.first_account)):
            raise ValidationError(
                {"last_account": _("Both ends of the range need the same number of digits.")}
            )
        if not self.project_id:
            return
        if self.category_id and self.category.project_id != self.project_id:
            raise ValidationError({"category": _("The cost category belongs to another project.")})
        others = AccountMapping.objects.filter(project_id=self.project_id).exclude(pk=self.pk)
        for other in others.select_related("category"):
            if len(str(other.first_account)) != len(str(self.first_account)):
                continue
            same = (other.first_account, other.last_account) == (self.first_account, last)
            nested = (other.first_account <= self.first_account and last <= other.last_account) or (
                self.first_account <= other.first_account and other.last_account <= last
            )
            apart = last < other.first_account or other.last_account < self.first_account
            if same or not (nested or apart):
                raise ValidationError(
                    _(
                        "The accounts overlap with %(other)s. Ranges may lie inside each "
                        "other but not cross."
                    )
                    % {"other": other}
                )

    @property
    def accounts_label(self):
        if self.last_account in (None, self.first_account):
            return str(self.first_account)
        return f"{self.first_account}–{self.last_account}"


def create_default_account_mappings(project):
    """The BAS defaults for the project's categories that have the default names; a project
    that has any mapping already keeps its own."""
    if AccountMapping.objects.filter(project=project).exists():
        return
    categories = {c.name.casefold(): c for c in CostCategory.objects.filter(project=project)}
    AccountMapping.objects.bulk_create(
        AccountMapping(
            project=project,
            first_account=first,
            last_account=last,
            category=categories[name.casefold()],
            note=note,
        )
        for first, last, name, note in DEFAULT_ACCOUNT_MAPPINGS
        if name.casefold() in categories
    )


@receiver(post_save, sender=Project, dispatch_uid="governance_default_account_mappings")
def give_new_project_default_account_mappings(sender, instance, created, raw=False, **kwargs):
    # Registered after the default categories' receiver, so the categories exist.
    if created and not raw:
        create_default_account_mappings(instance)


class BudgetVersion(ClusterableModel):
    """One version of the project's budget. A draft is edited by the project leaders; the
    steering group approves it. The approved version with the highest number is the current
    budget; earlier versions stay for comparison and are never edited again."""

    class State(models.TextChoices):
        DRAFT = "utkast", _("draft")
        APPROVED = "faststalld", _("approved")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="budget_versions",
    )
    number = models.PositiveSmallIntegerField(_("version number"))
    label = models.CharField(_("label"), max_length=200)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.CharField(
        _("approved by"),
        max_length=200,
        blank=True,
        help_text=_("The body that approved the budget, e.g. the steering group."),
    )
    decision_reference = models.CharField(
        _("decision reference"), max_length=100, blank=True, help_text=_("E.g. decision 2013:04.")
    )

    class Meta:
        ordering = ["project", "-number"]
        verbose_name = _("budget version")
        verbose_name_plural = _("budget versions")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="unique_budget_version_number"
            )
        ]
        permissions = [("approve_budgetversion", _("Can approve a budget version"))]

    def __str__(self):
        return f"{self.number}. {self.label}"

    @property
    def is_approved(self):
        return self.state == self.State.APPROVED

    def clean(self):
        if self.is_approved and not self.approved_on:
            raise ValidationError({"approved_on": _("An approved budget needs its approval date.")})

    @classmethod
    def current_for(cls, project):
        """The budget in force: the approved version with the highest number, or None."""
        return (
            cls.objects.filter(project=project, state=cls.State.APPROVED)
            .order_by("-number")
            .first()
        )


class BudgetLine(models.Model):
    project_path = "version__project"
    version = ParentalKey(
        BudgetVersion,
        verbose_name=_("budget version"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    work_area = models.ForeignKey(
        WorkArea, verbose_name=_("work area"), on_delete=models.PROTECT, related_name="+"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.ForeignKey(
        CostCategory, verbose_name=_("cost category"), on_delete=models.PROTECT, related_name="+"
    )
    financier = models.ForeignKey(
        Financier,
        verbose_name=_("financier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Leave empty for the whole year."),
    )
    amount = models.DecimalField(_("amount (SEK)"), **MONEY)

    class Meta:
        ordering = ["version", "work_area__sort_order", "work_area__code", "category__sort_order"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        period = f"{self.year} Q{self.quarter}" if self.quarter else str(self.year)
        return f"{self.work_area.code} · {self.category} · {period}"

    def clean(self):
        errors = {}
        if (
            self.activity_id
            and self.work_area_id
            and self.activity.work_area_id != self.work_area_id
        ):
            errors["activity"] = _("The activity belongs to another work area.")
        project_id = self.version.project_id if self.version_id else None
        if project_id:
            if self.work_area_id and self.work_area.project_id != project_id:
                errors["work_area"] = _("The work area belongs to another project.")
            if self.category_id and self.category.project_id != project_id:
                errors["category"] = _("The cost category belongs to another project.")
            if self.financier_id and self.financier.project_id != project_id:
                errors["financier"] = _("The financier belongs to another project.")
        if errors:
            raise ValidationError(errors)


class CostImportBatch(models.Model):
    """One file of actual costs imported from the accounts. Undoing it removes its entries
    but keeps this record, so that the history of what was imported stays traceable."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="cost_imports"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    row_count = models.PositiveIntegerField(_("rows imported"), default=0)
    duplicate_count = models.PositiveIntegerField(_("rows already imported"), default=0)
    total_amount = models.DecimalField(_("total (SEK)"), **MONEY, default=0)
    # False while the entries are written in chunks (cost_import._write), and after an
    # import that stopped in between: the rows written so far are there, the rest not.
    complete = models.BooleanField(_("complete"), default=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("cost import")
        verbose_name_plural = _("cost imports")

    def __str__(self):
        if not self.imported_at:
            return self.file_name
        return f"{self.file_name} ({timezone.localtime(self.imported_at):%Y-%m-%d %H:%M})"

    @property
    def is_interrupted(self):
        return not self.complete and not self.undone_at


class CostImportMapping(models.Model):
    """The last column mapping used for a project's imports, offered again next time."""

    project = models.OneToOneField(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="+"
    )
    columns = models.JSONField(_("columns"), default=dict)

    class Meta:
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")

    def __str__(self):
        return str(self.project)


class CostEntry(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="cost_entries"
    )
    date = models.DateField(_("date"))
    # Negative amounts are corrections, as in the accounts.
    amount = models.DecimalField(_("amount (SEK)"), **MONEY)
    category = models.ForeignKey(
        CostCategory, verbose_name=_("cost category"), on_delete=models.PROTECT, related_name="+"
    )
    work_area = models.ForeignKey(
        WorkArea, verbose_name=_("work area"), on_delete=models.PROTECT, related_name="+"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    financier = models.ForeignKey(
        Financier,
        verbose_name=_("financier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cost_entries",
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    voucher = models.CharField(
        _("voucher reference"),
        max_length=50,
        help_text=_("The voucher (verifikation) in the accounts. Unique within the project."),
    )
    batch = models.ForeignKey(
        CostImportBatch,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "voucher"]
        verbose_name = _("cost entry")
        verbose_name_plural = _("cost entries")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "voucher"], name="unique_voucher_per_project"
            )
        ]
        # The budget follow-up sums amounts per date and per work area × category ×
        # financier (governance/budget/figures.py: two passes over a project's entries);
        # with the amount inside the index the database never reads the table. The date
        # index also holds the voucher, so a project's export (ORDER BY date, voucher)
        # reads the entries in its order without sorting them. The financier index serves
        # lists filtered by financier.
        indexes = [
            models.Index(
                fields=["project", "date", "voucher", "amount"], name="costentry_by_date_voucher"
            ),
            models.Index(
                fields=["project", "work_area", "category", "financier", "amount"],
                name="costentry_by_cell",
            ),
            models.Index(fields=["project", "financier", "amount"], name="costentry_by_financier"),
        ]

    def __str__(self):
        return f"{self.voucher} {self.date:%Y-%m-%d}"

    def clean(self):
        errors = {}
        if (
            self.activity_id
            and self.work_area_id
            and self.activity.work_area_id != self.work_area_id
        ):
            errors["activity"] = _("The activity belongs to another work area.")
        if self.project_id:
            if self.work_area_id and self.work_area.project_id != self.project_id:
                errors["work_area"] = _("The work area belongs to another project.")
            if self.category_id and self.category.project_id != self.project_id:
                errors["category"] = _("The cost category belongs to another project.")
            if self.financier_id and self.financier.project_id != self.project_id:
                errors["financier"] = _("The financier belongs to another project.")
        if errors:
            raise ValidationError(errors)


class CostTotal(models.Model):
    """The sum of a project's cost entries per month, work area, cost category and
    financier: what the budget follow-up reads instead of a million entries
    (governance/budget/cost_totals.py keeps it equal to the entries; figures.py reads it)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    work_area = models.ForeignKey(WorkArea, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(CostCategory, on_delete=models.CASCADE, related_name="+")
    financier = models.ForeignKey(
        Financier, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    amount = models.DecimalField(**MONEY)
    entry_count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("monthly cost total")
        verbose_name_plural = _("monthly cost totals")
        indexes = [models.Index(fields=["project", "month"], name="costtotal_by_month")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.amount}"


class Forecast(models.Model):
    """The expected final cost of one work area in one cost category, as last judged."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="forecasts"
    )
    work_area = models.ForeignKey(
        WorkArea, verbose_name=_("work area"), on_delete=models.CASCADE, related_name="+"
    )
    category = models.ForeignKey(
        CostCategory, verbose_name=_("cost category"), on_delete=models.CASCADE, related_name="+"
    )
    expected_total = models.DecimalField(_("expected total (SEK)"), **MONEY)
    made_on = models.DateField(_("date of forecast"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["project", "work_area__sort_order", "work_area__code", "category__sort_order"]
        verbose_name = _("forecast")
        verbose_name_plural = _("forecasts")
        constraints = [
            models.UniqueConstraint(
                fields=["work_area", "category"], name="unique_forecast_per_area_category"
            )
        ]

    def __str__(self):
        return f"{self.work_area.code} · {self.category}"

    def clean(self):
        errors = {}
        if self.project_id:
            if self.work_area_id and self.work_area.project_id != self.project_id:
                errors["work_area"] = _("The work area belongs to another project.")
            if self.category_id and self.category.project_id != self.project_id:
                errors["category"] = _("The cost category belongs to another project.")
        if errors:
            raise ValidationError(errors)
