"""Meetings of the project's bodies, the decisions they record and the change requests
(ändringsförslag) the steering group settles, plus the public decision register page.

A decision is a public record: once its meeting's minutes are approved (justerat) its
content never changes again and it is never deleted. A mistaken decision is revoked by a
later decision that points to it. The state changes that follow from later decisions
(upphävt, verkställt) are made by governance/decisions/services.py and written to the audit log.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.db.models.signals import m2m_changed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core.uploads import PrivateStorage
from core.view_restrictions import RememberedViewRestrictions
from governance.budget.models import BudgetVersion
from governance.register.models import Activity, Person, Project, WorkArea

# A unique constraint backs the row lock; on a clash (e.g. SQLite without row locks)
# numbering starts over with a fresh number.
NUMBERING_ATTEMPTS = 5

# How long a meeting lasts when nobody says when it ends.
DEFAULT_MEETING_LENGTH = datetime.timedelta(hours=2)


class LockedRecordError(ValidationError):
    """Raised when something tries to change or delete a record of approved minutes."""


class Meeting(ClusterableModel):
    class Body(models.TextChoices):
        STEERING_GROUP = "styrgrupp", _("steering group")
        PROJECT_GROUP = "projektgrupp", _("project group")

    class State(models.TextChoices):
        PLANNED = "planerat", _("planned")
        HELD = "genomfort", _("held")
        MINUTES_APPROVED = "justerat", _("minutes approved")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="meetings"
    )
    # "body" as in the group that meets, not a text's body (which Swedish calls "Innehåll").
    body = models.CharField(
        pgettext_lazy("the group that meets", "body"),
        max_length=20,
        choices=Body.choices,
        default=Body.STEERING_GROUP,
    )
    starts_at = models.DateTimeField(_("date and time"))
    ends_at = models.DateTimeField(
        _("ends at"),
        blank=True,
        help_text=_("Filled in as two hours after the start when left empty."),
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    link = models.URLField(_("meeting link"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="planerat")
    agenda_published = models.BooleanField(
        _("agenda published"),
        default=False,
        help_text=_("When ticked, the steering group gets an email with a link to the agenda."),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    registry_number = models.CharField(
        _("registry number of the minutes"),
        max_length=50,
        blank=True,
        help_text=_("The minutes' number in the registry (diarienummer), e.g. KS 2024/123."),
    )
    signed_minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("signed minutes (PDF)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The SEQUENCE of the meeting's calendar invitation: raised whenever the time or the
    # place changes, so that a calendar that has the invitation updates it
    # (governance/workspace/calendar.py).
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)

    # What a calendar invitation shows of the meeting.
    CALENDAR_FIELDS = ("starts_at", "ends_at", "place", "link")

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        local = timezone.localtime(self.starts_at) if self.starts_at else None
        day = f"{local:%Y-%m-%d}" if local else ""
        return f"{self.get_body_display().capitalize()} {day}"

    @property
    def minutes_approved(self):
        return self.state == self.State.MINUTES_APPROVED

    @property
    def is_locked(self):
        """The stored meeting's minutes are approved: the record is closed for good."""
        return (
            bool(self.pk)
            and type(self).objects.filter(pk=self.pk, state=self.State.MINUTES_APPROVED).exists()
        )

    @property
    def is_closed(self):
        """As loaded, without a query: what the admin uses to hide edit buttons."""
        return self.minutes_approved

    @property
    def local_date(self):
        return timezone.localtime(self.starts_at).date()

    def save(self, *args, **kwargs):
        if self.is_locked:
            raise LockedRecordError(
                _("The minutes of this meeting are approved; the meeting can no longer change.")
            )
        self._fill_end(kwargs)
        self._raise_calendar_sequence(kwargs)
        super().save(*args, **kwargs)

    def _fill_end(self, save_kwargs=None):
        """An empty end is two hours after the start; a meeting moved without a new end
        keeps its length."""
        if self.starts_at is None:
            return
        if self.ends_at is None:
            self.ends_at = self.starts_at + DEFAULT_MEETING_LENGTH
        elif self.pk:
            stored = type(self).objects.filter(pk=self.pk).values("starts_at", "ends_at").first()
            if (
                stored
                and stored["ends_at"] == self.ends_at
                and stored["starts_at"] != self.starts_at
            ):
                self.ends_at = self.starts_at + (stored["ends_at"] - stored["starts_at"])
            else:
                return
        else:
            return
        if save_kwargs and save_kwargs.get("update_fields") is not None:
            save_kwargs["update_fields"] = {*save_kwargs["update_fields"], "ends_at"}

    def clean(self):
        self._fill_end()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    def _raise_calendar_sequence(self, save_kwargs):
        if not self.pk:
            return
        stored = type(self).objects.filter(pk=self.pk).values(*self.CALENDAR_FIELDS).first()
        if stored and any(stored[name] != getattr(self, name) for name in self.CALENDAR_FIELDS):
            self.calendar_sequence += 1
            if save_kwargs.get("update_fields") is not None:
                save_kwargs["update_fields"] = {*save_kwargs["update_fields"], "calendar_sequence"}

    def delete(self, *args, **kwargs):
        if self.is_locked:
            raise LockedRecordError(
                _("The minutes of this meeting are approved; the meeting cannot be deleted.")
            )
        return super().delete(*args, **kwargs)

    def numbered_agenda_items(self):
        """The agenda items in agenda order, each with its `paragraph` (§ 1, § 2 …) as the
        minutes number them."""
        items = list(
            AgendaItem.objects.filter(meeting=self)
            .select_related("presenter", "document")
            .order_by("sort_order", "pk")
        )
        for paragraph, item in enumerate(items, start=1):
            item.paragraph = paragraph
        return items


def place_under_items(agenda_items, decisions):
    """Sets on each agenda item its `decisions_taken` (those taken under it, in the given order)
    and returns the decisions taken under no item of the list."""
    by_item = {item.pk: item for item in agenda_items}
    for item in agenda_items:
        item.decisions_taken = []
    others = []
    for decision in decisions:
        item = by_item.get(decision.agenda_item_id)
        (item.decisions_taken if item else others).append(decision)
    return others


class MeetingAttendee(Orderable):
    project_path = "meeting__project"

    class Role(models.TextChoices):
        MEMBER = "", _("member")
        CHAIR = "ordforande", _("chair")
        SECRETARY = "sekreterare", _("secretary")
        ADJUSTER = "justerare", _("minutes checker")

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("present"), default=True)
    role = models.CharField(
        _("role at the meeting"), max_length=12, choices=Role.choices, blank=True, default=""
    )

    class Meta(Orderable.Meta):
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")

    def __str__(self):
        return str(self.person)


class AgendaItem(Orderable):
    project_path = "meeting__project"
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("title"), max_length=255)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("presenter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("attached document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class Attachment(Orderable):
    """A document of the private collection "Styrdokument" attached to a record (a meeting,
    a change request, a status report). When the record is closed for good (minutes
    approved, request decided, report approved) the attachment is frozen like a decision's
    documents: a copy in the private store and the file's SHA-256
    (governance/decisions/attachments.py). A frozen attachment is neither replaced nor
    removed, and its document keeps its file."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    copy = models.FileField(
        _("copy"), storage=PrivateStorage(), max_length=255, blank=True, editable=False
    )
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True, editable=False)

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.document.title if self.document_id else ""

    @property
    def is_frozen(self):
        return self.frozen_at is not None

    def _stored_frozen(self):
        return bool(self.pk) and type(self).objects.filter(pk=self.pk, frozen_at__isnull=False)

    def save(self, *args, **kwargs):
        stored = self._stored_frozen()
        if stored and stored.exists():
            raise LockedRecordError(_("A frozen attachment is kept as it was frozen."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        stored = self._stored_frozen()
        if stored and stored.exists():
            raise LockedRecordError(_("A frozen attachment is kept as it was frozen."))
        return super().delete(*args, **kwargs)


class MeetingAttachment(Attachment):
    project_path = "meeting__project"
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attachments")

    @property
    def record(self):
        return self.meeting

    class Meta(Attachment.Meta):
        verbose_name = _("meeting attachment")
        verbose_name_plural = _("meeting attachments")


class ChangeRequest(ClusterableModel):
    """An ändringsförslag: prepared by the project leaders, settled by a decision of the
    steering group. States move forward only: utkast → inlämnat → bifallet/avslaget →
    genomfört (see governance/decisions/services.py)."""

    class State(models.TextChoices):
        DRAFT = "utkast", _("draft")
        SUBMITTED = "inlamnat", _("submitted")
        GRANTED = "bifallet", _("granted")
        REJECTED = "avslaget", _("rejected")
        IMPLEMENTED = "genomfort", _("implemented")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="change_requests",
    )
    title = models.CharField(_("title"), max_length=255)
    what_changes = models.TextField(_("what changes"))
    reason = models.TextField(_("why"))
    budget_consequences = models.TextField(_("consequences for the budget"), blank=True)
    timeline_consequences = models.TextField(_("consequences for the timeline"), blank=True)
    budget_version = models.ForeignKey(
        BudgetVersion,
        verbose_name=_("new budget version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change_requests",
        help_text=_("A draft budget version that becomes the approved budget if granted."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="utkast")
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The before/after table as it stood when the steering group decided, kept so that the
    # decision's record does not move with later budgets (governance/decisions/budget_change.py).
    budget_change = models.JSONField(
        _("budget change as decided"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")

    def __str__(self):
        return self.title

    @property
    def is_closed(self):
        """Decided requests are part of the record and no longer edited."""
        return self.state not in (self.State.DRAFT, self.State.SUBMITTED)

    def clean(self):
        if (
            self.budget_version_id
            and self.project_id
            and self.budget_version.project_id != self.project_id
        ):
            raise ValidationError(
                {"budget_version": _("The budget version belongs to another project.")}
            )


class ChangeRequestAttachment(Attachment):
    project_path = "change_request__project"
    change_request = ParentalKey(
        ChangeRequest, on_delete=models.CASCADE, related_name="attachments"
    )

    @property
    def record(self):
        return self.change_request

    class Meta(Attachment.Meta):
        verbose_name = _("change request attachment")
        verbose_name_plural = _("change request attachments")


class ActivityChange(Orderable):
    """One planned change to the activity plan, applied when the request is granted."""

    project_path = "change_request__project"

    class Kind(models.TextChoices):
        RESCHEDULE = "andra", _("change dates or scope")
        NEW = "ny", _("new activity")
        CANCEL = "stall_in", _("cancel activity")

    change_request = ParentalKey(
        ChangeRequest, on_delete=models.CASCADE, related_name="activity_changes"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The activity to change or cancel."),
    )
    work_area = models.ForeignKey(
        WorkArea,
        verbose_name=_("work area of a new activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    code = models.CharField(_("code of a new activity"), max_length=20, blank=True)
    title = models.CharField(_("new title"), max_length=255, blank=True)
    description = models.TextField(_("new scope"), blank=True)
    planned_start = models.DateField(_("new planned start"), null=True, blank=True)
    planned_end = models.DateField(_("new planned end"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("activity change")
        verbose_name_plural = _("activity changes")

    def __str__(self):
        target = self.activity or f"{self.code} {self.title}"
        return f"{capfirst(self.get_kind_display())}: {target}"

    def clean(self):
        errors = {}
        if self.kind in (self.Kind.RESCHEDULE, self.Kind.CANCEL) and not self.activity_id:
            errors["activity"] = _("Choose the activity to change.")
        if self.kind == self.Kind.NEW:
            for field in ("work_area", "code", "title", "planned_start", "planned_end"):
                if not getattr(self, field + "_id" if field == "work_area" else field):
                    errors[field] = _("A new activity needs this.")
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)


class DecisionQuerySet(models.QuerySet):
    def delete(self):
        # Checked before deleting, so that a bulk delete cannot bypass Decision.delete().
        locked = self.filter(meeting__state=Meeting.State.MINUTES_APPROVED).first()
        if locked:
            raise LockedRecordError(
                _("Decision %(number)s is in approved minutes and cannot be deleted.")
                % {"number": locked.number}
            )
        return super().delete()

    def public(self):
        """Decisions the public may read (governance/decisions/visibility.py decides)."""
        from governance.decisions import visibility

        return visibility.public_decisions(self)


class DecisionCounter(models.Model):
    """The last decision number given per project and year. Numbers are taken from here
    under a row lock, so two decisions never get the same number and a number is never
    given again, even if an unapproved decision was deleted."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_sequence = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="unique_decision_counter")
        ]

    def __str__(self):
        return f"{self.project_id} {self.year}: {self.last_sequence}"


class Decision(models.Model):
    class Kind(models.TextChoices):
        PROJECT_PLAN = "projektplan", _("project plan")
        BUDGET = "budget", _("budget")
        TIMELINE = "tidplan", _("timeline")
        CLOSING = "avslut", _("closing")
        OTHER = "ovrigt", _("other")

    class State(models.TextChoices):
        DECIDED = "beslutat", _("decided")
        IMPLEMENTED = "verkstallt", _("implemented")
        REVOKED = "upphavt", _("revoked")

    class Outcome(models.TextChoices):
        GRANTED = "bifall", _("granted")
        REJECTED = "avslag", _("rejected")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decisions"
    )
    # The meeting's project, kept here for the number's unique constraint.
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="decisions",
        editable=False,
    )
    # Given when the decision is first saved (governance/decisions/services.py).
    year = models.PositiveSmallIntegerField(_("year"), null=True, editable=False)
    sequence = models.PositiveSmallIntegerField(_("number in the year"), null=True, editable=False)
    # The item of the meeting's agenda under which the decision was taken: the minutes
    # print the decision inside that item's paragraph (§).
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        help_text=_("The item of the meeting's agenda under which the decision was taken."),
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("decision text"))
    registry_number = models.CharField(
        _("registry number"),
        max_length=50,
        blank=True,
        help_text=_("The decision's number in the registry (diarienummer), e.g. KS 2024/123."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default="ovrigt")
    bases = models.ManyToManyField(
        "wagtaildocs.Document",
        verbose_name=_("decision bases"),
        blank=True,
        related_name="+",
    )
    work_areas = models.ManyToManyField(
        WorkArea, verbose_name=_("affected work areas"), blank=True, related_name="decisions"
    )
    activities = models.ManyToManyField(
        Activity, verbose_name=_("affected activities"), blank=True, related_name="decisions"
    )
    change_request = models.OneToOneField(
        ChangeRequest,
        verbose_name=_("change request settled"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
    )
    change_request_outcome = models.CharField(
        _("outcome for the change request"), max_length=8, choices=Outcome.choices, blank=True
    )
    revokes = models.OneToOneField(
        "self",
        verbose_name=_("revokes decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revoked_by",
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="beslutat")
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("A confidential decision never appears on public pages."),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "sequence"], name="unique_decision_number"
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        if self.is_locked:
            raise LockedRecordError(
                _("Decision %(number)s is in approved minutes and can no longer change.")
                % {"number": self.number}
            )
        self.project_id = self.meeting.project_id
        if self.sequence is None:
            self._save_with_next_number(*args, **kwargs)
        else:
            super().save(*args, **kwargs)

    def _save_with_next_number(self, *args, **kwargs):
        """Gives a new decision the next number of its project and year, then saves it."""
        year = self.meeting.local_date.year
        for attempt in range(NUMBERING_ATTEMPTS):
            try:
                with transaction.atomic():
                    # The project row is the lock: numbering for one project runs one at a time.
                    list(Project.objects.select_for_update().filter(pk=self.project_id))
                    counter, _created = DecisionCounter.objects.get_or_create(
                        project_id=self.project_id, year=year
                    )
                    DecisionCounter.objects.filter(pk=counter.pk).update(
                        last_sequence=models.F("last_sequence") + 1
                    )
                    counter.refresh_from_db()
                    self.year, self.sequence = year, counter.last_sequence
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                self.year = self.sequence = None
                if attempt == NUMBERING_ATTEMPTS - 1:
                    raise

    def delete(self, *args, **kwargs):
        if self.is_locked:
            raise LockedRecordError(
                _("Decision %(number)s is in approved minutes and cannot be deleted.")
                % {"number": self.number}
            )
        return super().delete(*args, **kwargs)

    @property
    def number(self):
        if self.sequence is None:
            return ""
        return f"{self.year}:{self.sequence:02d}"

    number.fget.short_description = _("Decision number")

    @property
    def is_closed(self):
        """As loaded, without a query (select the meeting with the decision)."""
        return self.meeting.minutes_approved

    @property
    def closed_reason(self):
        """What the 403 on a closed decision says, to project leaders too."""
        return _(
            "Decision %(number)s is in approved minutes and can no longer be changed. "
            "Only a new decision can revoke it."
        ) % {"number": self.number}

    @property
    def is_public(self):
        from governance.decisions import visibility

        return visibility.is_public(self)

    @property
    def anchor(self):
        return f"beslut-{self.year}-{self.sequence:02d}"

    @property
    def frozen_files(self):
        """The documents frozen with the decision when its minutes were approved."""
        return list(self.frozen_documents.select_related("document"))

    frozen_files.fget.short_description = _("frozen documents")

    @property
    def work_area_codes(self):
        return ", ".join(area.code for area in self.work_areas.all())

    work_area_codes.fget.short_description = _("work areas")

    @property
    def is_locked(self):
        """True once the stored decision's meeting has approved minutes."""
        return (
            bool(self.pk)
            and Decision.objects.filter(
                pk=self.pk, meeting__state=Meeting.State.MINUTES_APPROVED
            ).exists()
        )

    def clean_fields(self, exclude=None):
        if self.meeting_id:
            self.project_id = self.meeting.project_id
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        if self.meeting_id and self.meeting.minutes_approved and not self.pk:
            errors["meeting"] = _("The minutes of this meeting are already approved.")
        if self.meeting_id and self.meeting.body != Meeting.Body.STEERING_GROUP:
            errors["meeting"] = _("Only the steering group records decisions.")
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            errors["agenda_item"] = _("The agenda item belongs to another meeting.")
        if self.change_request_id:
            if not self.change_request_outcome:
                errors["change_request_outcome"] = _(
                    "Say whether the change request is granted or rejected."
                )
            if self.meeting_id and self.change_request.project_id != self.meeting.project_id:
                errors["change_request"] = _("The change request belongs to another project.")
            elif not self.pk and self.change_request.state != ChangeRequest.State.SUBMITTED:
                errors["change_request"] = _("Only a submitted change request can be decided.")
        elif self.change_request_outcome:
            errors["change_request_outcome"] = _("Choose the change request this settles.")
        if self.revokes_id:
            if self.revokes_id == self.pk:
                errors["revokes"] = _("A decision cannot revoke itself.")
            elif self.meeting_id and self.revokes.project_id != self.meeting.project_id:
                errors["revokes"] = _("The decision belongs to another project.")
            elif self.revokes.state == self.State.REVOKED and not self.pk:
                errors["revokes"] = _("That decision is already revoked.")
        if errors:
            raise ValidationError(errors)


def refuse_changing_locked_relations(sender, instance, action, **kwargs):
    """Bases, work areas and activities of a decision in approved minutes stay as recorded."""
    changing = action in ("pre_add", "pre_remove", "pre_clear")
    if changing and isinstance(instance, Decision) and instance.is_locked:
        raise LockedRecordError(
            _("Decision %(number)s is in approved minutes and can no longer change.")
            % {"number": instance.number}
        )


for relation in (Decision.bases, Decision.work_areas, Decision.activities):
    m2m_changed.connect(
        refuse_changing_locked_relations,
        sender=relation.through,
        dispatch_uid=f"governance_locked_decision_{relation.field.name}",
    )


class FrozenDocument(models.Model):
    """A document of a decision as it stood when the minutes were approved: a copy of its
    file in the private store and the file's SHA-256, kept with the decision. From then on
    the document itself can be neither replaced nor deleted
    (governance/decisions/private_documents.py); the row never changes."""

    project_path = "decision__project"

    class Role(models.TextChoices):
        BASIS = "underlag", _("decision basis")
        MINUTES = "protokoll", _("signed minutes")

    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="frozen_documents",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    title = models.CharField(_("title"), max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    copy = models.FileField(_("copy"), storage=PrivateStorage(), max_length=255)
    frozen_at = models.DateTimeField(_("frozen at"), default=timezone.now)

    class Meta:
        ordering = ["decision", "role", "pk"]
        verbose_name = _("frozen document")
        verbose_name_plural = _("frozen documents")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "document", "role"], name="unique_frozen_document"
            )
        ]

    def __str__(self):
        return _("%(title)s, frozen with decision %(number)s") % {
            "title": self.title,
            "number": self.decision.number,
        }

    def save(self, *args, **kwargs):
        if self.pk:
            raise LockedRecordError(_("A frozen document is kept as it was frozen."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LockedRecordError(_("A frozen document is kept as it was frozen."))


class DecisionRegisterPage(RememberedViewRestrictions, RoutablePageMixin, Page):
    """The public decision register: every public decision of one project, by meeting,
    with filters for year and kind, and each meeting's public minutes."""

    DECISIONS_PER_PAGE = 25

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="+"
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("project"), FieldPanel("intro")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("public_decision_text"),
    ]
    parent_page_types = ["website.HomePage", "website.StandardPage", "governance.ProjectPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("decision register page")
        verbose_name_plural = _("decision register pages")

    def public_decision_text(self):
        """Indexed for the site search: only what the public register shows."""
        from governance.decisions import visibility

        return visibility.searchable_text(self.project_id) if self.project_id else ""

    @path("")
    def register(self, request):
        from governance.decisions import visibility
        from governance.register import as_of

        when = as_of.from_request(request, self.project)
        years = visibility.public_years(self.project_id)
        year = _choice(request.GET.get("ar"), [str(y) for y in years])
        kind = _choice(request.GET.get("typ"), Decision.Kind.values)
        register = visibility.public_register(self.project_id, year=year, kind=kind)
        if when.day:  # the decisions in force then, as the public may see them today
            register = as_of.decisions_in_force(register, when.day, public=True)
        decisions = Paginator(register, self.DECISIONS_PER_PAGE).get_page(request.GET.get("sida"))
        visibility.name_public_revocations(decisions.object_list, on=when.day)
        filters = {
            key: value
            for key, value in (("ar", year), ("typ", kind), (as_of.PARAMETER, when.iso))
            if value
        }
        return self.render(
            request,
            context_overrides={
                "decisions": decisions,
                "years": years,
                "kinds": Decision.Kind.choices,
                "year": year,
                "kind": kind,
                "filter_query": urlencode(filters),
                "as_of": when,
            },
        )

    @path("protokoll/<int:meeting_id>/", name="minutes")
    def minutes(self, request, meeting_id):
        from governance.decisions import visibility

        meeting = get_object_or_404(Meeting.objects.filter(project=self.project_id), pk=meeting_id)
        public = visibility.public_minutes(meeting)
        if public is None:
            raise Http404
        attendees = MeetingAttendee.objects.filter(meeting=meeting).select_related(
            "person__organisation"
        )
        return self.render(
            request,
            template="governance/decisions/public_minutes.html",
            context_overrides={"meeting": meeting, "attendees": attendees, **public},
        )

    def minutes_url(self, meeting):
        return self.url + self.reverse_subpage("minutes", args=[meeting.pk])

    def accessibility_check_urls(self):
        """A filtered register and one meeting's public minutes, for the browser tests."""
        from governance.decisions import visibility

        urls = [self.url + "?typ=budget"]
        if self.project_id:  # the register as it stood half-way through the project
            project = self.project
            day = project.start_date + (project.end_date - project.start_date) / 2
            urls.append(f"{self.url}?per={day.isoformat()}")
        decision = visibility.public_register(self.project_id).first()
        if decision:
            urls.append(self.minutes_url(decision.meeting))
        return urls


def _choice(value, allowed):
    """value when it is one of allowed, else None: a filter of the address never errs."""
    return value if value in allowed else None
