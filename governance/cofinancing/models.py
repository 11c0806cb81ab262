"""Co-financing that is not money: staff time the financiers' employees spend on the
project (time reports valued at each person's hourly cost plus the project's payroll
overhead) and contributions in kind (premises, services, equipment) with a valuation.

How a time report is valued is the rule in figures.py; the valuation itself is never
stored, so an hourly cost entered late values the months it covers at once.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.budget.models import MONEY, Financier
from governance.register.models import Person, Project, WorkArea

# The hours of one month at most (31 × 24): more on one work area is a typing error.
MAX_MONTH_HOURS = 744


class CofinancingSettings(models.Model):
    """The project's settings for valuing staff time."""

    project = models.OneToOneField(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="cofinancing_settings",
    )
    payroll_overhead_percent = models.DecimalField(
        _("payroll overhead (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(200)],
        help_text=_(
            "The employer's payroll overhead (personalkostnadspålägg) added to the hourly "
            "cost of staff time, e.g. 42.15 for social security contributions, pension and "
            "insurance."
        ),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("co-financing settings")
        verbose_name_plural = _("co-financing settings")

    def __str__(self):
        return str(self.project)


class HourlyCost(models.Model):
    """A person's cost per hour (salary divided by working hours) in a period, and the
    financier whose staff time it is."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="hourly_costs"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="hourly_costs"
    )
    financier = models.ForeignKey(
        Financier,
        verbose_name=_("financier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hourly_costs",
        help_text=_(
            "Whose staff time this is. Left empty, the financier of the person's "
            "organisation is chosen, if it is one."
        ),
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(
        _("to"), null=True, blank=True, help_text=_("Leave empty while the cost holds.")
    )
    hourly_rate = models.DecimalField(
        _("hourly cost (SEK)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_(
            "The salary per hour before the payroll overhead, e.g. a monthly salary of "
            "40 000 kr over 165 working hours is 242.42 kr."
        ),
    )

    class Meta:
        ordering = ["project", "person__name", "valid_from"]
        verbose_name = _("hourly cost")
        verbose_name_plural = _("hourly costs")

    def __str__(self):
        return f"{self.person.name} {self.valid_from:%Y-%m-%d}"

    def covers(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def clean(self):
        errors = {}
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end cannot be before the start.")
        if self.financier_id and self.project_id and self.financier.project_id != self.project_id:
            errors["financier"] = _("The financier belongs to another project.")
        if not errors and self.project_id and self.person_id and self.valid_from:
            others = HourlyCost.objects.filter(
                project_id=self.project_id, person_id=self.person_id
            ).exclude(pk=self.pk)
            for other in others:
                starts_before_end = other.valid_to is None or self.valid_from <= other.valid_to
                ends_after_start = self.valid_to is None or other.valid_from <= self.valid_to
                if starts_before_end and ends_after_start:
                    errors["valid_from"] = _(
                        "The period overlaps the hourly cost from %(day)s. End that one first."
                    ) % {"day": other.valid_from.isoformat()}
                    break
        if errors:
            raise ValidationError(errors)
        if self.financier_id is None and self.project_id and self.person_id:
            self.financier = Financier.objects.filter(
                project_id=self.project_id, organisation_id=self.person.organisation_id
            ).first()


class TimeReport(models.Model):
    """The hours one person worked on one work area in one month."""

    class Source(models.TextChoices):
        FORM = "formular", _("monthly form")
        IMPORT = "excel", _("Excel import")
        ADMIN = "admin", _("entered by a project leader")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="time_reports"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="time_reports"
    )
    work_area = models.ForeignKey(
        WorkArea, verbose_name=_("work area"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_MONTH_HOURS)],
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    source = models.CharField(
        _("entered through"), max_length=10, choices=Source.choices, default=Source.ADMIN
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["project", "-month", "person__name", "work_area__sort_order"]
        verbose_name = _("time report")
        verbose_name_plural = _("time reports")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "person", "work_area", "month"],
                name="unique_time_report_per_month",
            )
        ]
        indexes = [models.Index(fields=["project", "month"], name="timereport_by_month")]
        permissions = [("report_timereport", _("Can report their own working time"))]

    def __str__(self):
        return f"{self.person.name} {self.month:%Y-%m} {self.work_area.code}"

    def save(self, *args, **kwargs):
        if self.month:
            self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.month:
            self.month = self.month.replace(day=1)
        if self.project_id:
            if self.work_area_id and self.work_area.project_id != self.project_id:
                errors["work_area"] = _("The work area belongs to another project.")
            project = self.project
            if self.month and not (
                project.start_date.replace(day=1) <= self.month <= project.end_date
            ):
                errors["month"] = _(
                    "The month must be inside the project period, %(start)s – %(end)s."
                ) % {"start": project.start_date, "end": project.end_date}
        if errors:
            raise ValidationError(errors)


class InKindContribution(models.Model):
    """Premises, services or equipment a financier gives the project instead of money,
    with what it is worth. It counts on its date, as a cost does."""

    class Kind(models.TextChoices):
        PREMISES = "lokaler", _("premises")
        SERVICES = "tjanster", _("services")
        EQUIPMENT = "utrustning", _("equipment")
        OTHER = "ovrigt", _("other")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="in_kind_contributions",
    )
    financier = models.ForeignKey(
        Financier,
        verbose_name=_("financier"),
        on_delete=models.PROTECT,
        related_name="in_kind_contributions",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PREMISES)
    description = models.CharField(_("description"), max_length=255)
    date = models.DateField(
        _("date"), help_text=_("When it was given; for a period, the period's first day.")
    )
    period_end = models.DateField(
        _("period end"),
        null=True,
        blank=True,
        help_text=_("For premises or a service over a period. The value counts on the date."),
    )
    value = models.DecimalField(_("value (SEK)"), **MONEY, validators=[MinValueValidator(0)])
    valuation_basis = models.CharField(
        _("valuation basis"),
        max_length=255,
        blank=True,
        help_text=_("How the value was set, e.g. the municipality's internal rent per hour."),
    )
    work_area = models.ForeignKey(
        WorkArea,
        verbose_name=_("work area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "-date", "financier__organisation__name"]
        verbose_name = _("in-kind contribution")
        verbose_name_plural = _("in-kind contributions")
        indexes = [models.Index(fields=["project", "date"], name="inkind_by_date")]

    def __str__(self):
        return self.description

    def clean(self):
        errors = {}
        if self.period_end and self.date and self.period_end < self.date:
            errors["period_end"] = _("The end cannot be before the start.")
        if self.project_id:
            if self.financier_id and self.financier.project_id != self.project_id:
                errors["financier"] = _("The financier belongs to another project.")
            if self.work_area_id and self.work_area.project_id != self.project_id:
                errors["work_area"] = _("The work area belongs to another project.")
        if errors:
            raise ValidationError(errors)
