"""The project register: projects, work areas, activities, organisations and people."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "kommun", _("municipality")
        REGION = "region", _("region")
        AUTHORITY = "myndighet", _("government agency")
        UNIVERSITY = "larosate", _("university")
        BUSINESS_ORGANISATION = "naringsliv", _("business organisation")
        COMPANY = "foretag", _("company")
        OTHER = "ovrigt", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Person(models.Model):
    project_path = "memberships__project"
    # A person may sit in several projects, or in none yet (then every project sees them).
    project_path_is_many = True
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    # Contact details are for the project's own use and never rendered on public pages.
    email = models.EmailField(_("email (private)"), blank=True)
    phone = models.CharField(_("phone (private)"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name


class Project(ClusterableModel):
    class State(models.TextChoices):
        PLANNED = "planerat", _("planned")
        ONGOING = "pagaende", _("ongoing")
        CLOSED = "avslutat", _("closed")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    start_date = models.DateField(_("period start"))
    end_date = models.DateField(_("period end"))
    effect_goal = models.TextField(_("effect goal"), blank=True)
    description = models.TextField(_("description"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    plan_approved_on = models.DateField(
        _("activity plan approved on"),
        null=True,
        blank=True,
        help_text=_(
            "From this day, moving an activity's planned dates needs a decision of the "
            "steering group or a reason, and is shown as a re-planning in reports and on "
            "the progress pages."
        ),
    )

    public_root = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("public site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The home page of the project's own site: its blog, calendar, progress page and "
            "decision register are below it, and the project's people may edit only there."
        ),
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the project's images and documents are kept."),
    )

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The period cannot end before it starts.")})

    def covers(self, day):
        return self.start_date <= day <= self.end_date

    def plan_is_approved(self, on=None):
        on = on or timezone.localdate()
        return self.plan_approved_on is not None and self.plan_approved_on <= on


class WorkArea(ClusterableModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="work_areas"
    )
    code = models.CharField(
        _("code"), max_length=3, help_text=_("A letter, e.g. A. Unique within the project.")
    )
    title = models.CharField(_("title"), max_length=255)
    goal = models.TextField(_("goal"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["project", "sort_order", "code"]
        verbose_name = _("work area")
        verbose_name_plural = _("work areas")
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="unique_work_area_code")
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"


class ActivityQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def late(self, on=None):
        """Marked late, or still open although the planned end (or, for a re-planned
        activity, the end it was late against) has passed."""
        on = on or timezone.localdate()
        open_statuses = [Activity.Status.PLANNED, Activity.Status.IN_PROGRESS]
        passed = models.Q(planned_end__lt=on) | models.Q(late_since__lt=on)
        overdue = models.Q(status__in=open_statuses) & passed
        return self.filter(models.Q(status=Activity.Status.LATE) | overdue)


class Activity(ClusterableModel):
    project_path = "work_area__project"

    class Status(models.TextChoices):
        PLANNED = "planerad", pgettext_lazy("activity status", "planned")
        IN_PROGRESS = "pagar", _("in progress")
        DONE = "klar", _("done")
        LATE = "forsenad", _("late")
        CANCELLED = "installd", _("cancelled")

    work_area = ParentalKey(
        WorkArea, verbose_name=_("work area"), on_delete=models.CASCADE, related_name="activities"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("E.g. A.3"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    responsible_people = ParentalManyToManyField(
        Person, verbose_name=_("responsible people"), blank=True, related_name="activities"
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the public progress pages.")
    )
    # Set when the planned end of a late activity is moved: the end it was late against.
    # The activity stays late until it is done (governance/register/replanning.py).
    late_since = models.DateField(_("late since"), null=True, blank=True, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["work_area__sort_order", "work_area__code", "planned_start", "code"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(fields=["work_area", "code"], name="unique_activity_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        errors = {}
        for start_field, end_field in (
            ("planned_start", "planned_end"),
            ("actual_start", "actual_end"),
        ):
            start, end = getattr(self, start_field), getattr(self, end_field)
            if start and end and end < start:
                errors[end_field] = _("The end cannot be before the start.")
        project = self._project()
        if project:
            for field in ("planned_start", "planned_end", "actual_start", "actual_end"):
                day = getattr(self, field)
                if day and field not in errors and not project.covers(day):
                    errors[field] = _(
                        "The date must be inside the project period, %(start)s – %(end)s."
                    ) % {"start": project.start_date, "end": project.end_date}
        if self.progress == 100 and self.status != self.Status.DONE:
            errors["progress"] = _("Progress can be 100 per cent only when the activity is done.")
        if errors:
            raise ValidationError(errors)

    def _project(self):
        try:
            return self.work_area.project
        except ObjectDoesNotExist:
            return None

    @property
    def is_late(self):
        """Late when marked so, or when an open activity's planned end has passed; on the
        day of an as-of copy (governance/register/as_of.py), late on that day."""
        return self.is_late_on(getattr(self, "as_of", None) or timezone.localdate())

    def is_late_on(self, day):
        return self.late_on(day, self.status, self.planned_end, self.late_since)

    @classmethod
    def late_on(cls, day, status, planned_end, late_since):
        """Late on `day`: marked late, or open with its planned end before that day. A
        re-planned activity that was late stays late until it is done, whatever its new end.
        Of the fields alone, for rows read without an instance (opendata/datasets.py)."""
        if status == cls.Status.LATE:
            return True
        if status not in (cls.Status.PLANNED, cls.Status.IN_PROGRESS):
            return False
        return planned_end < day or (late_since is not None and late_since < day)


class Replanning(models.Model):
    """A move of an activity's planned dates after the plan was approved, by a decision of
    the steering group or, without one, with the project leaders' reason. Recorded by
    governance/register/replanning.py; status reports and the progress pages show it."""

    project_path = "activity__work_area__project"

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="replannings"
    )
    moved_on = models.DateField(_("date"))
    previous_start = models.DateField(_("previous planned start"))
    previous_end = models.DateField(_("previous planned end"))
    new_start = models.DateField(_("new planned start"))
    new_end = models.DateField(_("new planned end"))
    decision = models.ForeignKey(
        "governance.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replannings",
    )
    reason = models.TextField(_("reason"), blank=True)
    was_late = models.BooleanField(_("late when re-planned"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["moved_on", "pk"]
        verbose_name = _("re-planning")
        verbose_name_plural = _("re-plannings")

    def __str__(self):
        return f"{self.activity_id}: {self.previous_end} → {self.new_end}"


class Milestone(models.Model):
    project_path = "activity__work_area__project"
    activity = ParentalKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=255)
    due_date = models.DateField(_("due date"))
    done_date = models.DateField(_("done date"), null=True, blank=True)

    class Meta:
        ordering = ["due_date"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title

    def clean(self):
        try:
            project = self.activity.work_area.project
        except ObjectDoesNotExist:
            project = None
        if project and self.due_date and not project.covers(self.due_date):
            raise ValidationError(
                {
                    "due_date": _(
                        "The date must be inside the project period, %(start)s – %(end)s."
                    )
                    % {"start": project.start_date, "end": project.end_date}
                }
            )


class Membership(models.Model):
    class Body(models.TextChoices):
        PROJECT_MANAGEMENT = "projektledning", _("project management")
        STEERING_GROUP = "styrgrupp", _("steering group")
        PROJECT_GROUP = "projektgrupp", _("project group")
        GUEST_WRITERS = "gastskribenter", _("guest writers")

    class Role(models.TextChoices):
        CHAIR = "ordforande", _("chair")
        MEMBER = "ledamot", _("member")
        SECRETARY = "sekreterare", _("secretary")
        PROJECT_LEADER = "projektledare", _("project leader")
        CO_OPTED = "adjungerad", _("co-opted")

    project = ParentalKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.CharField(_("body"), max_length=20, choices=Body.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["body", "role", "person__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.person} – {self.get_body_display()}"


class ChosenProject(models.Model):
    """The project a user last chose in the admin, offered first next time
    (governance/register/chosen_project.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"{self.user} → {self.project}"


class ProjectGroup(models.Model):
    """The Django group that carries a role's Wagtail page and collection permissions in one
    project (governance/register/project_groups.py keeps it and its members in step)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(max_length=40)
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="project_role"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "role"], name="one_group_per_project_role")
        ]

    def __str__(self):
        return self.group.name
