"""The report to the funder (Tillväxtverket's lägesrapport and slutrapport, the payment
claim): the funder's cost types ("kostnadsslag") with the project's cost categories mapped
to them, and the project's settings for the report (the funder, its case number, the
flat rate for indirect costs). All are data of the project, edited in the admin; the
report itself is built by governance/funder_report/figures.py."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from governance.budget.models import CostCategory
from governance.register.models import Project

DEFAULT_FLAT_RATE_LABEL = "Schablon för indirekta kostnader"


class FunderReportSettings(models.Model):
    project = models.OneToOneField(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="funder_report_settings",
    )
    funder = models.CharField(
        _("funder"), max_length=200, help_text=_("Whom the report is for, e.g. Tillväxtverket.")
    )
    case_number = models.CharField(
        _("funder's case number"),
        max_length=100,
        blank=True,
        help_text=_("The funder's reference for the project (ärendenummer, diarienummer)."),
    )
    flat_rate_percent = models.DecimalField(
        _("flat rate (per cent of the basis)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "Indirect costs the funder accepts as a flat rate, as a percentage of the cost "
            "types marked as its basis (usually personnel), e.g. 15. Zero for none."
        ),
    )
    flat_rate_label = models.CharField(
        _("name of the flat rate"), max_length=200, default=DEFAULT_FLAT_RATE_LABEL
    )
    working_methods = models.TextField(
        _("working methods and organisation"),
        blank=True,
        help_text=_(
            "How the project works and is organised, in the funder's words. The report adds "
            "the project's bodies and their members."
        ),
    )

    class Meta:
        ordering = ["project"]
        verbose_name = _("funder's report settings")
        verbose_name_plural = _("funder's report settings")

    def __str__(self):
        return f"{self.project} – {self.funder}"


class FunderCostType(ClusterableModel):
    """One of the funder's cost types, with the project's cost categories that belong to it."""

    class Kind(models.TextChoices):
        COST = "kostnad", _("cost")
        INCOME = "intakt", _("income")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="funder_cost_types",
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("As the funder names it."))
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.COST,
        help_text=_(
            "Income: the categories' entries are the project's income, booked as negative "
            "costs (credits); the report shows them as income."
        ),
    )
    is_flat_rate_base = models.BooleanField(
        _("basis of the flat rate"),
        default=False,
        help_text=_("The flat rate for indirect costs is a percentage of these costs."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["project", "sort_order", "name"]
        verbose_name = _("funder's cost type")
        verbose_name_plural = _("funder's cost types")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="unique_funder_cost_type_name")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.INCOME and self.is_flat_rate_base:
            raise ValidationError(
                {"is_flat_rate_base": _("Income cannot be the basis of the flat rate.")}
            )


class FunderCostMapping(models.Model):
    """Our cost category → the funder's cost type; a category belongs to one cost type."""

    project_path = "cost_type__project"

    cost_type = ParentalKey(
        FunderCostType,
        verbose_name=_("funder's cost type"),
        on_delete=models.CASCADE,
        related_name="mappings",
    )
    category = models.ForeignKey(
        CostCategory,
        verbose_name=_("our cost category"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["cost_type", "category__sort_order", "category__name"]
        verbose_name = _("cost category of the cost type")
        verbose_name_plural = _("cost categories of the cost type")
        constraints = [
            models.UniqueConstraint(
                fields=["category"],
                name="one_funder_cost_type_per_category",
                violation_error_message=_(
                    "This cost category already belongs to another of the funder's cost types."
                ),
            )
        ]

    def __str__(self):
        return f"{self.category} → {self.cost_type}"

    def clean(self):
        try:
            project_id = self.cost_type.project_id
        except FunderCostType.DoesNotExist:
            project_id = None
        if self.category_id and project_id and self.category.project_id != project_id:
            raise ValidationError({"category": _("The cost category belongs to another project.")})
