"""Admin views of meetings, decisions and change requests, and the meeting documents.

Records that are part of approved minutes (or decided change requests) are closed: the
permission policy refuses changing or deleting them (governance/common/permissions.py).
What a decision sets in motion is done by governance/decisions/services.py.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.widgets import AdminDateInput, ListingButton
from wagtail.permissions import policy_registry

import django_filters

from core.admin_views import PermittedView
from governance.common import admin as base
from governance.common.state_actions import StateAction, StateChangeView
from governance.decisions import attachments, budget_change, documents, notifications, services
from governance.decisions.excel import decision_register_workbook
from governance.decisions.models import AgendaItem, ChangeRequest, Decision, Meeting
from governance.register import as_of
from governance.register.access import permitted_object
from governance.register.models import WorkArea

# Meetings


class MeetingIndexView(base.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for kind, label in (
            ("agenda", _("Agenda (PDF)")),
            ("minutes", _("Minutes (PDF)")),
        ):
            buttons.append(
                ListingButton(
                    label,
                    url=reverse(f"meeting_documents:{kind}_pdf", args=[instance.pk]),
                    icon_name="doc-full",
                    priority=40,
                )
            )
        may_record = not instance.minutes_approved and instance.body == Meeting.Body.STEERING_GROUP
        if may_record and policy_registry.get_by_type(Decision).user_has_permission(
            self.request.user, "add"
        ):
            buttons.append(
                ListingButton(
                    _("Record a decision"),
                    url=f"{reverse('decision:add')}?meeting={instance.pk}",
                    icon_name="success",
                    priority=45,
                )
            )
        return buttons


class MeetingForm(WagtailAdminModelForm):
    """The only project is preselected; the end is filled in two hours after the start
    (static/governance/decisions/meeting_form.js while typing, Meeting.save otherwise).
    The state is no field: it changes with the buttons (mark as held, approve minutes)."""

    class Media:
        js = ["governance/decisions/meeting_form.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.fields.get("project")
        if project is not None and not self.instance.pk and not self.initial.get("project"):
            only = list(project.queryset[:2])
            if len(only) == 1:  # the only project is preselected
                self.initial["project"] = only[0].pk


PUBLISH_AGENDA = StateAction(
    "meeting:publish_agenda",
    gettext_lazy("Publish agenda"),
    "change",
    lambda meeting: not meeting.agenda_published and not meeting.minutes_approved,
    icon_name="mail",
)


class PublishAgendaView(StateChangeView):
    model = Meeting
    action = PUBLISH_AGENDA
    related = ["project"]
    template_name = "governance/decisions/confirm_publish_agenda.html"

    def not_applicable_message(self):
        return _("The agenda is already published.")

    def consequences(self):
        members = len(notifications.steering_group_addresses(self.object.project))
        return [
            ngettext(
                "The steering group gets an email with a link to the agenda (%(count)s member "
                "with an address).",
                "The steering group gets an email with a link to the agenda (%(count)s members "
                "with an address).",
                members,
            )
            % {"count": members},
            _("The agenda can still be changed after it is published."),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agenda_items"] = self.object.agenda_items.order_by("sort_order")
        context["agenda_url"] = reverse("meeting_documents:agenda", args=[self.object.pk])
        return context

    def perform(self, form):
        services.publish_agenda(self.object, user=self.request.user)
        return _("The agenda is published and the steering group is emailed.")


MARK_HELD = StateAction(
    "meeting:mark_held",
    gettext_lazy("Mark as held"),
    "change",
    lambda meeting: services.may_mark_held(meeting),
    icon_name="tick",
)
APPROVE_MINUTES = StateAction(
    "meeting:approve_minutes",
    gettext_lazy("Approve minutes"),
    "add",
    lambda meeting: services.may_approve_minutes(meeting),
    model=Decision,
    icon_name="success",
)


class MeetingStateChangeView(StateChangeView):
    model = Meeting
    related = ["project"]

    def not_applicable_message(self):
        if self.object.starts_at > timezone.now():
            return _("The meeting has not started yet.")
        return _("The meeting is %(state)s; this can no longer be done.") % {
            "state": self.object.get_state_display()
        }


class MarkHeldView(MeetingStateChangeView):
    action = MARK_HELD

    def consequences(self):
        return [
            _("The meeting is marked as held; its minutes are written and then approved."),
            _("The meeting can still be changed until the minutes are approved."),
        ]

    def perform(self, form):
        services.mark_meeting_held(self.object, user=self.request.user)
        return _("The meeting is marked as held.")


class ApproveMinutesView(MeetingStateChangeView):
    action = APPROVE_MINUTES
    confirm_label = gettext_lazy("Approve the minutes")

    def consequences(self):
        meeting = self.object
        numbers = [d.number for d in meeting.decisions.order_by("year", "sequence")]
        attached = meeting.attachments.count()
        result = [
            _(
                "The minutes are approved: the meeting and its decisions (%(numbers)s) are "
                "locked and can no longer change; only a new decision can revoke one."
            )
            % {"numbers": ", ".join(numbers) or _("none")},
            _(
                "The decisions' bases, the signed minutes and the meeting's %(count)s "
                "attachments are frozen: a copy and its SHA-256 are kept, and the documents "
                "can no longer be replaced or deleted."
            )
            % {"count": attached},
            _("The decisions that are not confidential appear in the public decision register."),
        ]
        if not meeting.signed_minutes_id:
            result.append(_("No signed minutes (PDF) are attached to the meeting."))
        return result

    def perform(self, form):
        services.approve_minutes(self.object, user=self.request.user)
        return _("The minutes are approved and the decisions locked.")


class MeetingInspectView(base.InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "attachments":
            return _("Attachments")
        return super().get_field_label(field_name, field)

    def get_attachments_display_value(self):
        return attachments.inspect_html(self.object)


class MeetingViewSet(base.GovernanceViewSet):
    url_prefix = "styrning/moten"
    model = Meeting
    icon = "date"
    menu_label = gettext_lazy("Meetings")
    index_view_class = MeetingIndexView
    inspect_view_class = MeetingInspectView
    inspect_view_fields = [
        "project",
        "body",
        "starts_at",
        "ends_at",
        "place",
        "link",
        "state",
        "agenda_published",
        "registry_number",
        "minutes",
        "signed_minutes",
        "attachments",
    ]
    list_display = ["__str__", "project", "place", "state", "agenda_published", "registry_number"]
    list_select_related = ["project"]
    list_filter = ["project", "body", "state"]
    search_fields = ["place", "minutes", "registry_number"]
    state_actions = [PUBLISH_AGENDA, MARK_HELD, APPROVE_MINUTES]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("project"), FieldPanel("body")]),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldRowPanel([FieldPanel("place"), FieldPanel("link")]),
            InlinePanel(
                "attendees", heading=gettext_lazy("Attendees"), label=gettext_lazy("attendee")
            ),
            InlinePanel(
                "agenda_items", heading=gettext_lazy("Agenda"), label=gettext_lazy("agenda item")
            ),
            MultiFieldPanel(
                [
                    FieldPanel("minutes"),
                    FieldRowPanel([FieldPanel("signed_minutes"), FieldPanel("registry_number")]),
                ],
                heading=gettext_lazy("Minutes"),
            ),
            attachments.panel(),
        ],
        base_form_class=MeetingForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "<int:pk>/publicera-dagordning/", PublishAgendaView.as_view(), name="publish_agenda"
            ),
            path("<int:pk>/genomfort/", MarkHeldView.as_view(), name="mark_held"),
            path("<int:pk>/justera/", ApproveMinutesView.as_view(), name="approve_minutes"),
        ]


# Decisions


class AgendaItemSelect(forms.Select):
    """Each option names its meeting (data-meeting), so that the decision form shows only
    the items of the meeting chosen (static/governance/decisions/decision_form.js)."""

    meetings = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        meeting = self.meetings.get(getattr(value, "value", value))
        if meeting is not None:
            option["attrs"]["data-meeting"] = str(meeting)
        return option


class DecisionForm(WagtailAdminModelForm):
    """The agenda item is chosen among the items of the decision's meeting, numbered § 1,
    § 2 … as in the minutes. A recorded decision's meeting is fixed, so only its items are
    offered; a new decision's form offers the items of the meeting given (?meeting= or the
    posted meeting), else those of every open meeting, filtered by the chosen meeting in
    the browser and checked by Decision.clean."""

    # What a decision sets in motion happens once, when it is recorded.
    fixed_after_recording = ["meeting", "change_request", "change_request_outcome", "revokes"]

    class Media:
        js = ["governance/decisions/decision_form.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "meeting" in self.fields and not self.instance.pk:
            self.fields["meeting"].queryset = Meeting.objects.filter(
                body=Meeting.Body.STEERING_GROUP
            ).exclude(state=Meeting.State.MINUTES_APPROVED)
        if "change_request" in self.fields and not self.instance.pk:
            self.fields["change_request"].queryset = ChangeRequest.objects.filter(
                state=ChangeRequest.State.SUBMITTED
            )
        for name in self.fixed_after_recording:
            if self.instance.pk and name in self.fields:
                self.fields[name].disabled = True
        if "agenda_item" in self.fields:
            self._offer_agenda_items(self.fields["agenda_item"])

    def _chosen_meeting(self):
        """The meeting whose items the form offers: the recorded decision's, else the one
        posted or given as initial value, when it is one the form offers."""
        if self.instance.pk:
            return self.instance.meeting
        if "meeting" not in self.fields:
            return None
        if self.is_bound:
            value = self.data.get(self.add_prefix("meeting"))
        else:
            value = self.initial.get("meeting")
        value = getattr(value, "pk", value)
        if not str(value or "").isdigit():
            return None
        return self.fields["meeting"].queryset.filter(pk=value).first()

    def _offer_agenda_items(self, field):
        meeting = self._chosen_meeting()
        if meeting is not None:
            queryset = AgendaItem.objects.filter(meeting=meeting).order_by("sort_order", "pk")
            items = meeting.numbered_agenda_items()
            labels = {item.pk: f"§ {item.paragraph} {item.title}" for item in items}
        else:
            meetings = self.fields["meeting"].queryset if "meeting" in self.fields else []
            queryset = AgendaItem.objects.filter(meeting__in=meetings).order_by(
                "-meeting__starts_at", "meeting_id", "sort_order", "pk"
            )
            items = list(queryset.select_related("meeting"))
            labels, numbers = {}, {}
            for item in items:
                numbers[item.meeting_id] = numbers.get(item.meeting_id, 0) + 1
                labels[item.pk] = f"{item.meeting}: § {numbers[item.meeting_id]} {item.title}"
        field.queryset = queryset
        field.label_from_instance = lambda item: labels.get(item.pk, item.title)
        field.widget = AgendaItemSelect(choices=field.choices)
        field.widget.meetings = {item.pk: item.meeting_id for item in items}
        field.empty_label = _("No item (other decisions)")


def decision_years():
    years = Decision.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, year) for year in years]


class DecisionFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(label=gettext_lazy("Year"), choices=decision_years)
    work_areas = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Work area"),
        queryset=WorkArea.objects.select_related("project"),
    )
    in_force_on = django_filters.DateFilter(
        label=gettext_lazy("In force on"),
        method="filter_in_force_on",
        widget=AdminDateInput,
    )

    class Meta:
        model = Decision
        fields = ["year", "kind", "state", "work_areas", "project", "is_confidential"]

    def filter_in_force_on(self, queryset, name, value):
        """The register as it stood on a day: taken by then, not revoked by then."""
        return as_of.decisions_in_force(queryset, value)


class DecisionCreateView(base.CreateView):
    def get_initial(self):
        """?meeting=<id> (the meeting's "Record a decision" button) chooses the meeting."""
        initial = super().get_initial()
        meeting = self.request.GET.get("meeting", "")
        if meeting.isdigit():
            initial["meeting"] = int(meeting)
        return initial

    def save_instance(self):
        return services.record_decision(
            self.form.save(commit=False), user=self.request.user, save_related=self.form.save_m2m
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # Nothing was saved: the decision and its consequences share one transaction.
            form.instance.pk = None
            form.instance.year = form.instance.sequence = None
            form.add_error(None, error)
            self.produced_error_message = " ".join(error.messages)
            return self.form_invalid(form)


class DecisionInspectView(base.InspectView):
    """Shows the revocation link both ways: what this decision revokes and what revoked it."""

    def decision_link(self, decision):
        if decision is None:
            return "-"
        url = reverse("decision:inspect", args=[decision.pk])
        return format_html('<a href="{}">{}</a>', url, decision)

    def get_field_label(self, field_name, field):
        if field_name == "revoked_by":
            return _("Revoked by decision")
        if field_name == "budget_change":
            return _("Budget before and after")
        return super().get_field_label(field_name, field)

    def get_revokes_display_value(self):
        return self.decision_link(self.object.revokes)

    def get_budget_change_display_value(self):
        change_request = self.object.change_request
        return budget_change_html(change_request) if change_request else "-"

    def get_revoked_by_display_value(self):
        return self.decision_link(getattr(self.object, "revoked_by", None))

    def get_frozen_files_display_value(self):
        """The documents frozen with the decision, with the SHA-256 of each file."""
        frozen = self.object.frozen_files
        if not frozen:
            return _("Nothing is frozen until the minutes are approved.")
        return render_to_string(
            "governance/decisions/frozen_documents.html", {"frozen_documents": frozen}
        )


class DecisionIndexView(base.IndexView):
    # The register leaves only as .xlsx from our own writer, which never lets a title or
    # text run as a formula; Wagtail's CSV would hand them to a spreadsheet as they are.
    FORMATS = ("xlsx",)

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("work_areas")

    def write_xlsx_response(self, queryset):
        return base.xlsx_response(
            decision_register_workbook(queryset), f"{self.get_filename()}.xlsx"
        )

    @cached_property
    def header_more_buttons(self):
        csv_url = self.csv_export_url
        return [button for button in super().header_more_buttons if button.url != csv_url]


class DecisionViewSet(base.GovernanceViewSet):
    url_prefix = "styrning/beslut"
    model = Decision
    icon = "success"
    menu_label = gettext_lazy("Decisions")
    index_view_class = DecisionIndexView
    inspect_view_class = DecisionInspectView
    add_view_class = DecisionCreateView
    inspect_view_fields = [
        "number",
        "registry_number",
        "meeting",
        "agenda_item",
        "title",
        "text",
        "kind",
        "state",
        "bases",
        "work_areas",
        "activities",
        "change_request",
        "change_request_outcome",
        "budget_change",
        "revokes",
        "revoked_by",
        "is_confidential",
        "created_at",
        "frozen_files",
    ]
    list_per_page = 50
    list_display = [
        "number",
        "registry_number",
        "title",
        "meeting",
        "kind",
        "state",
        "is_confidential",
    ]
    list_select_related = ["meeting__project", "project"]
    filterset_class = DecisionFilterSet
    search_fields = ["title", "text", "registry_number"]
    list_export = [
        "number",
        "meeting",
        "title",
        "text",
        "kind",
        "state",
        "work_area_codes",
        "is_confidential",
        "registry_number",
    ]
    export_filename = "beslutsregister"
    export_headings = {
        "number": gettext_lazy("Decision number"),
        "meeting": gettext_lazy("Meeting"),
        "work_area_codes": gettext_lazy("Work areas"),
    }
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("meeting"), FieldPanel("registry_number")]),
            FieldPanel("agenda_item"),
            FieldPanel("title"),
            FieldPanel("text"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("is_confidential")]),
            FieldPanel("bases"),
            FieldRowPanel([FieldPanel("work_areas"), FieldPanel("activities")]),
            FieldRowPanel([FieldPanel("change_request"), FieldPanel("change_request_outcome")]),
            FieldPanel("revokes"),
        ],
        base_form_class=DecisionForm,
    )


# Change requests


SUBMIT_ACTION = "action-submit"


def budget_change_html(change_request):
    """The before/after table of the money the request moves, or "-" when it moves none."""
    change = budget_change.budget_change(change_request)
    if change is None:
        return "-"
    return render_to_string(
        "governance/decisions/budget_change_table.html", {"change": change, "with_styles": True}
    )


class ChangeRequestFormMixin:
    """Saving keeps the leaders on the request they write; the form's second button,
    "Save and submit to the steering group", saves and opens the submit confirmation."""

    template_name = "governance/decisions/change_request_form.html"

    def get_success_url(self):
        if SUBMIT_ACTION in self.request.POST and SUBMIT_CHANGE_REQUEST.is_offered(
            self.request.user, self.object
        ):
            return SUBMIT_CHANGE_REQUEST.url(self.object)
        return reverse("changerequest:edit", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instance = getattr(self, "object", None)
        context["can_submit"] = instance is None or instance.state == ChangeRequest.State.DRAFT
        context["submit_action"] = SUBMIT_ACTION
        # The leaders see the money the saved request moves while they prepare it.
        if instance is not None and instance.budget_version_id:
            context["budget_change_table"] = budget_change_html(instance)
        return context


class ChangeRequestCreateView(ChangeRequestFormMixin, base.CreateView):
    def save_instance(self):
        if not self.form.instance.prepared_by_id:
            self.form.instance.prepared_by = self.request.user
        return super().save_instance()


class ChangeRequestEditView(ChangeRequestFormMixin, base.EditView):
    pass


SUBMIT_CHANGE_REQUEST = StateAction(
    "changerequest:submit",
    gettext_lazy("Submit to the steering group"),
    "change",
    lambda request: request.state == ChangeRequest.State.DRAFT,
    icon_name="upload",
)
DECIDE_CHANGE_REQUEST = StateAction(
    "changerequest:decide",
    gettext_lazy("Decide"),
    "add",
    lambda request: request.state == ChangeRequest.State.SUBMITTED,
    model=Decision,
    icon_name="success",
)


class ChangeRequestStateChangeView(StateChangeView):
    model = ChangeRequest
    related = ["project", "budget_version"]

    def not_applicable_message(self):
        return _("The change request is %(state)s; this can no longer be done.") % {
            "state": self.object.get_state_display()
        }


class SubmitChangeRequestView(ChangeRequestStateChangeView):
    action = SUBMIT_CHANGE_REQUEST

    def consequences(self):
        members = len(notifications.steering_group_addresses(self.object.project))
        return [
            ngettext(
                "The steering group gets an email with a link to the request (%(count)s "
                "member with an address).",
                "The steering group gets an email with a link to the request (%(count)s "
                "members with an address).",
                members,
            )
            % {"count": members},
            _("The request waits for the steering group's decision at a meeting."),
        ]

    def perform(self, form):
        services.submit_change_request(self.object, user=self.request.user)
        return _("The change request is submitted to the steering group.")


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    meeting = forms.ModelChoiceField(label=gettext_lazy("Meeting"), queryset=Meeting.objects.none())
    title = forms.CharField(label=gettext_lazy("Title of the decision"), max_length=255)
    text = forms.CharField(
        label=gettext_lazy("Decision text"), widget=forms.Textarea(attrs={"rows": 4})
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Decision.Kind.choices)

    def __init__(self, *args, change_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            project=change_request.project_id, body=Meeting.Body.STEERING_GROUP
        ).exclude(state=Meeting.State.MINUTES_APPROVED)


class DecideChangeRequestView(ChangeRequestStateChangeView):
    """The steering group settles the request with a numbered decision at a meeting;
    granting applies its budget version and activity changes at once."""

    action = DECIDE_CHANGE_REQUEST
    form_class = DecideForm
    confirm_label = gettext_lazy("Record the decision")
    template_name = "governance/decisions/confirm_decide.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "change_request": self.object}

    def get_initial(self):
        request = self.object
        kind = Decision.Kind.BUDGET if request.budget_version_id else Decision.Kind.TIMELINE
        meetings = self.get_form_class()(change_request=request).fields["meeting"].queryset
        latest = meetings.order_by("-starts_at").first()
        return {
            "title": request.title,
            "kind": kind,
            "meeting": latest.pk if latest else None,
        }

    def consequences(self):
        request = self.object
        changes = list(request.activity_changes.select_related("activity", "work_area"))
        granted = []
        if request.budget_version_id:
            granted.append(
                _("Budget version %(version)s becomes the approved budget.")
                % {"version": request.budget_version}
            )
        granted += [
            _("The activity plan changes: %(change)s.") % {"change": change} for change in changes
        ]
        if not granted:
            granted.append(_("Nothing in the budget or the activity plan changes."))
        return [
            _(
                "A decision is recorded at the meeting you choose and gets the next number of "
                "the meeting's year."
            ),
            _("If granted: %(what)s") % {"what": " ".join(granted)},
            _("If rejected: nothing changes; the request is closed as rejected."),
            _("Either way the request is closed and can no longer be changed."),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.budget_version_id:
            context["budget_change_table"] = budget_change_html(self.object)
        return context

    def perform(self, form):
        data = form.cleaned_data
        decision = Decision(
            meeting=data["meeting"],
            title=data["title"],
            text=data["text"],
            kind=data["kind"],
            change_request=self.object,
            change_request_outcome=data["outcome"],
        )
        decision.full_clean()
        services.record_decision(decision, user=self.request.user)
        self.decision = decision
        if data["outcome"] == Decision.Outcome.GRANTED:
            return _("Decision %(number)s grants the change request.") % {"number": decision.number}
        return _("Decision %(number)s rejects the change request.") % {"number": decision.number}


class ChangeRequestInspectView(base.InspectView):
    """Shows the steering group what the request would change, and the decision on it."""

    def get_field_label(self, field_name, field):
        labels = {
            "activity_changes": _("Changes to the activity plan"),
            "decision": _("Decision"),
            "budget_change": _("Budget before and after"),
            "attachments": _("Attachments"),
        }
        return labels.get(field_name) or super().get_field_label(field_name, field)

    def get_activity_changes_display_value(self):
        changes = self.object.activity_changes.select_related("activity", "work_area")
        lines = [
            format_html(
                "{}{}{}",
                change,
                f" ({change.planned_start or '…'} – {change.planned_end or '…'})"
                if change.planned_start or change.planned_end
                else "",
                f": {change.description}" if change.description else "",
            )
            for change in changes
        ]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)) or "-"

    def get_budget_change_display_value(self):
        return budget_change_html(self.object)

    def get_attachments_display_value(self):
        return attachments.inspect_html(self.object)

    def get_decision_display_value(self):
        decision = getattr(self.object, "decision", None)
        if decision is None:
            return "-"
        url = reverse("decision:inspect", args=[decision.pk])
        return format_html('<a href="{}">{}</a>', url, decision)


class ChangeRequestViewSet(base.GovernanceViewSet):
    url_prefix = "styrning/andringsforslag"
    model = ChangeRequest
    icon = "edit"
    menu_label = gettext_lazy("Change requests")
    add_view_class = ChangeRequestCreateView
    edit_view_class = ChangeRequestEditView
    inspect_view_class = ChangeRequestInspectView
    inspect_view_fields = [
        "project",
        "title",
        "state",
        "what_changes",
        "reason",
        "budget_consequences",
        "timeline_consequences",
        "budget_version",
        "budget_change",
        "activity_changes",
        "prepared_by",
        "submitted_at",
        "decision",
        "attachments",
    ]
    list_display = ["title", "project", "state", "submitted_at"]
    list_select_related = ["project"]
    list_filter = ["project", "state"]
    search_fields = ["title", "what_changes", "reason"]
    state_actions = [SUBMIT_CHANGE_REQUEST, DECIDE_CHANGE_REQUEST]
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            FieldPanel("title"),
            FieldPanel("what_changes"),
            FieldPanel("reason"),
            FieldRowPanel([FieldPanel("budget_consequences"), FieldPanel("timeline_consequences")]),
            FieldPanel("budget_version"),
            InlinePanel(
                "activity_changes",
                heading=gettext_lazy("Changes to the activity plan"),
                label=gettext_lazy("activity change"),
            ),
            attachments.panel(),
        ],
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/lamna-in/", SubmitChangeRequestView.as_view(), name="submit"),
            path("<int:pk>/besluta/", DecideChangeRequestView.as_view(), name="decide"),
        ]


DECISION_VIEWSETS = [MeetingViewSet, DecisionViewSet, ChangeRequestViewSet]


# Meeting documents: agenda and minutes as HTML and PDF


class MeetingDocumentView(PermittedView):
    model = Meeting
    permission_required = "view"

    def get(self, request, pk, kind, as_pdf=False):
        meetings = Meeting.objects.select_related("project")
        meeting = permitted_object(request.user, meetings, pk, ["view"])
        if not as_pdf:
            return HttpResponse(documents.render_html(meeting, kind))
        pdf = documents.render_pdf(meeting, kind, base_url=request.build_absolute_uri("/"))
        return base.pdf_response(pdf, documents.file_name(meeting, kind))


def meeting_document_urls():
    patterns = []
    for kind, slug in (("agenda", "dagordning"), ("minutes", "protokoll")):
        patterns += [
            path(f"<int:pk>/{slug}/", MeetingDocumentView.as_view(), {"kind": kind}, name=kind),
            path(
                f"<int:pk>/{slug}.pdf",
                MeetingDocumentView.as_view(),
                {"kind": kind, "as_pdf": True},
                name=f"{kind}_pdf",
            ),
        ]
    return [path("styrning/motesdokument/", include((patterns, "meeting_documents")))]
