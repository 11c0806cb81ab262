"""Risks, indicators and the status reports (lägesrapporter) the project leaders send to
the steering group, including the final report (slutrapport).

A report is a draft until it is submitted; at submission its content is frozen as a
snapshot (governance/reports/content.py) and from then on it renders only from that
snapshot, so later changes to activities, costs or decisions never change what the
steering group was shown.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Orderable

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from governance.decisions.models import Attachment, Decision
from governance.register.models import Person, Project, WorkArea

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(models.Model):
    class State(models.TextChoices):
        OPEN = "oppen", _("open")
        CLOSED = "stangd", _("closed")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="risks"
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood (1–5)"), validators=ONE_TO_FIVE, default=3
    )
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=ONE_TO_FIVE, default=3)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    mitigation = models.TextField(_("mitigation"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="oppen")

    class Meta:
        ordering = ["project", "state", "-likelihood", "-impact", "title"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self):
        return self.title

    @property
    def score(self):
        return self.likelihood * self.impact

    score.fget.short_description = _("score")


class Indicator(ClusterableModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=30, help_text=_("E.g. %, people, companies."))
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["project", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class IndicatorValue(Orderable):
    project_path = "indicator__project"
    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")

    def __str__(self):
        return f"{self.measured_on}: {self.value}"


class TrafficLight(models.TextChoices):
    GREEN = "gron", _("green")
    YELLOW = "gul", _("yellow")
    RED = "rod", _("red")


class StatusReport(ClusterableModel):
    class Kind(models.TextChoices):
        STATUS = "lagesrapport", _("status report")
        FINAL = "slutrapport", _("final report")

    class State(models.TextChoices):
        DRAFT = "utkast", _("draft")
        SUBMITTED = "inlamnad", _("submitted to the steering group")
        APPROVED = "godkand", _("approved")
        RETURNED = "aterremitterad", _("returned")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="status_reports"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default="lagesrapport")
    title = models.CharField(
        _("title"), max_length=255, help_text=_("E.g. Lägesrapport 2013 kvartal 2.")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_on = models.DateField(
        _("due date"),
        null=True,
        blank=True,
        help_text=_(
            "When the steering group expects the report. The project leaders are reminded "
            "before it and see it on their dashboard."
        ),
    )
    authors = ParentalManyToManyField(
        Person, verbose_name=_("authors"), blank=True, related_name="+"
    )
    overall_status = models.CharField(
        _("overall status"), max_length=4, choices=TrafficLight.choices, default="gron"
    )
    overall_comment = models.TextField(
        _("comment on the overall status"),
        blank=True,
        help_text=_("Required when the status is not green."),
    )
    summary = models.TextField(_("summary"), blank=True)
    budget_comment = models.TextField(_("comment on the budget"), blank=True)
    risk_comment = models.TextField(_("comment on the risks"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    lessons_learned = models.TextField(
        _("lessons learned"), blank=True, help_text=_("For the final report.")
    )
    state = models.CharField(_("state"), max_length=14, choices=State.choices, default="utkast")
    narrative_is_draft = models.BooleanField(
        _("generated text not yet edited"),
        default=False,
        editable=False,
        help_text=_(
            "The summary, next steps and work areas' texts were written from the data "
            "and nobody has edited them yet."
        ),
    )
    snapshot = models.JSONField(_("snapshot"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    review_comment = models.TextField(_("comments from the steering group"), blank=True)
    registry_number = models.CharField(
        _("registry number"),
        max_length=50,
        blank=True,
        help_text=_("The report's number in the registry (diarienummer), e.g. KS 2024/123."),
    )
    approving_decision = models.ForeignKey(
        Decision,
        verbose_name=_("approved by decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "-period_end", "-pk"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        permissions = [("approve_statusreport", _("Can approve or return a status report"))]

    def __str__(self):
        return self.title

    @property
    def is_frozen(self):
        return self.snapshot is not None

    @property
    def is_closed(self):
        """Submitted or approved: the content is frozen and the form no longer edits it."""
        return self.state in (self.State.SUBMITTED, self.State.APPROVED)

    @property
    def closed_reason(self):
        """What the 403 on a closed report's edit page says."""
        if self.state == self.State.APPROVED:
            return _(
                "The report %(title)s is approved by the steering group and can no longer be "
                "changed: it is kept as the steering group approved it."
            ) % {"title": self.title}
        return _(
            "The report %(title)s is submitted to the steering group and waits for its review. "
            "It can be changed again only if the steering group returns it for revision."
        ) % {"title": self.title}

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.overall_status != TrafficLight.GREEN and not self.overall_comment.strip():
            errors["overall_comment"] = _("Explain why the status is not green.")
        if errors:
            raise ValidationError(errors)


class WorkAreaStatus(Orderable):
    project_path = "report__project"
    report = ParentalKey(StatusReport, on_delete=models.CASCADE, related_name="work_area_statuses")
    work_area = models.ForeignKey(
        WorkArea, verbose_name=_("work area"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=4, choices=TrafficLight.choices, default="gron"
    )
    comment = models.TextField(
        _("comment"), blank=True, help_text=_("Required when the status is not green.")
    )
    narrative = models.TextField(_("what happened in the period"), blank=True)
    outcome = models.TextField(
        _("outcome"), blank=True, help_text=_("For the final report: what the work area achieved.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("status per work area")
        verbose_name_plural = _("status per work area")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "work_area"], name="unique_status_per_work_area"
            )
        ]

    def __str__(self):
        return f"{self.work_area}: {self.get_status_display()}"

    def clean(self):
        if self.status != TrafficLight.GREEN and not self.comment.strip():
            raise ValidationError({"comment": _("Explain why the status is not green.")})


class ReportAttachment(Attachment):
    project_path = "report__project"
    report = ParentalKey(StatusReport, on_delete=models.CASCADE, related_name="attachments")

    @property
    def record(self):
        return self.report

    class Meta(Attachment.Meta):
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")
