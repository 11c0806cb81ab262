"""Admin views of meetings, decisions and change requests, and the meeting documents.

Records that are part of approved minutes (or decided change requests) are closed: the
lists and inspect views show no edit or delete button, and the edit and delete URLs
answer 403. What a decision sets in motion is done by governance/decisions/services.py.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.views import generic
from wagtail.admin.widgets import ListingButton

import django_filters

from governance.common import admin as base
from governance.decisions import documents, notifications, services
from governance.decisions.models import ChangeRequest, Decision, Meeting
from governance.register.models import WorkArea


class ClosedRecordMixin:
    """Edit and delete views refuse records whose `is_closed` is true."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if instance.is_closed:
            raise PermissionDenied(_("This record is closed and can no longer be changed."))
        return instance

    def setup(self, request, *args, **kwargs):
        try:
            super().setup(request, *args, **kwargs)
        except PermissionDenied as denied:
            self.denied = denied

    def dispatch(self, request, *args, **kwargs):
        if getattr(self, "denied", None):
            return permission_denied(request, self.denied)
        return super().dispatch(request, *args, **kwargs)


class ClosedRecordIndexView(generic.IndexView):
    def get_edit_url(self, instance):
        return None if instance.is_closed else super().get_edit_url(instance)

    def get_delete_url(self, instance):
        return None if instance.is_closed else super().get_delete_url(instance)


class ClosedRecordInspectView(generic.InspectView):
    def get_edit_url(self):
        return None if self.object.is_closed else super().get_edit_url()

    def get_delete_url(self):
        return None if self.object.is_closed else super().get_delete_url()


class ClosedRecordEditView(ClosedRecordMixin, base.EditView):
    pass


class ClosedRecordDeleteView(ClosedRecordMixin, base.DeleteView):
    pass


class ClosedRecordViewSet(base.GovernanceViewSet):
    index_view_class = ClosedRecordIndexView
    inspect_view_class = ClosedRecordInspectView
    edit_view_class = ClosedRecordEditView
    delete_view_class = ClosedRecordDeleteView


# Meetings


class MeetingIndexView(ClosedRecordIndexView):
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
        return buttons


class MeetingForm(WagtailAdminModelForm):
    """Only the steering group approves (justerar) minutes; the project leaders prepare them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        may_approve = self.for_user and self.for_user.has_perm("governance.add_decision")
        if "state" in self.fields and not may_approve:
            self.fields["state"].choices = [
                choice
                for choice in Meeting.State.choices
                if choice[0] != Meeting.State.MINUTES_APPROVED
            ]


def notify_when_agenda_is_published(view, was_published):
    meeting = view.form.instance
    if meeting.agenda_published and not was_published:
        transaction.on_commit(lambda: notifications.agenda_published(meeting))


class MeetingCreateView(base.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        notify_when_agenda_is_published(self, was_published=False)
        return instance


class MeetingEditView(ClosedRecordEditView):
    def save_instance(self):
        was_published = Meeting.objects.filter(pk=self.object.pk, agenda_published=True).exists()
        instance = super().save_instance()
        notify_when_agenda_is_published(self, was_published)
        return instance


class MeetingViewSet(ClosedRecordViewSet):
    url_prefix = "styrning/moten"
    model = Meeting
    icon = "date"
    menu_label = gettext_lazy("Meetings")
    index_view_class = MeetingIndexView
    add_view_class = MeetingCreateView
    edit_view_class = MeetingEditView
    list_display = ["__str__", "project", "place", "state", "agenda_published"]
    list_select_related = ["project"]
    list_filter = ["project", "body", "state"]
    search_fields = ["place", "minutes"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("project"), FieldPanel("body")]),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("state")]),
            FieldRowPanel([FieldPanel("place"), FieldPanel("link")]),
            InlinePanel(
                "attendees", heading=gettext_lazy("Attendees"), label=gettext_lazy("attendee")
            ),
            InlinePanel(
                "agenda_items", heading=gettext_lazy("Agenda"), label=gettext_lazy("agenda item")
            ),
            FieldPanel("agenda_published"),
            MultiFieldPanel(
                [FieldPanel("minutes"), FieldPanel("signed_minutes")],
                heading=gettext_lazy("Minutes"),
            ),
        ],
        base_form_class=MeetingForm,
    )


# Decisions


class DecisionForm(WagtailAdminModelForm):
    # What a decision sets in motion happens once, when it is recorded.
    fixed_after_recording = ["meeting", "change_request", "change_request_outcome", "revokes"]

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


def decision_years():
    years = Decision.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, year) for year in years]


class DecisionFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(label=gettext_lazy("Year"), choices=decision_years)
    work_areas = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Work area"),
        queryset=WorkArea.objects.select_related("project"),
    )

    class Meta:
        model = Decision
        fields = ["year", "kind", "state", "work_areas", "project", "is_confidential"]


class DecisionCreateView(base.CreateView):
    def save_instance(self):
        with transaction.atomic():
            instance = super().save_instance()
            services.apply_decision(instance, user=self.request.user)
        return instance

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


class DecisionInspectView(ClosedRecordInspectView):
    """Shows the revocation link both ways: what this decision revokes and what revoked it."""

    def decision_link(self, decision):
        if decision is None:
            return "-"
        url = reverse("decision:inspect", args=[decision.pk])
        return format_html('<a href="{}">{}</a>', url, decision)

    def get_field_label(self, field_name, field):
        if field_name == "revoked_by":
            return _("Revoked by decision")
        return super().get_field_label(field_name, field)

    def get_revokes_display_value(self):
        return self.decision_link(self.object.revokes)

    def get_revoked_by_display_value(self):
        return self.decision_link(getattr(self.object, "revoked_by", None))


class DecisionIndexView(ClosedRecordIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("work_areas")


class DecisionViewSet(ClosedRecordViewSet):
    url_prefix = "styrning/beslut"
    model = Decision
    icon = "success"
    menu_label = gettext_lazy("Decisions")
    index_view_class = DecisionIndexView
    inspect_view_class = DecisionInspectView
    add_view_class = DecisionCreateView
    inspect_view_fields = [
        "number",
        "meeting",
        "title",
        "text",
        "kind",
        "state",
        "bases",
        "work_areas",
        "activities",
        "change_request",
        "change_request_outcome",
        "revokes",
        "revoked_by",
        "is_confidential",
        "created_at",
    ]
    list_per_page = 50
    list_display = ["number", "title", "meeting", "kind", "state", "is_confidential"]
    list_select_related = ["meeting__project", "project"]
    filterset_class = DecisionFilterSet
    search_fields = ["title", "text"]
    list_export = [
        "number",
        "meeting",
        "title",
        "text",
        "kind",
        "state",
        "work_area_codes",
        "is_confidential",
    ]
    export_filename = "beslutsregister"
    export_headings = {
        "number": gettext_lazy("Decision number"),
        "meeting": gettext_lazy("Meeting"),
        "work_area_codes": gettext_lazy("Work areas"),
    }
    edit_handler = ObjectList(
        [
            FieldPanel("meeting"),
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


class ChangeRequestForm(WagtailAdminModelForm):
    """The form moves a request only from draft to submitted; deciding is the steering
    group's, through a decision."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "state" in self.fields:
            allowed = {self.instance.state or ChangeRequest.State.DRAFT}
            if self.instance.state in ("", ChangeRequest.State.DRAFT):
                allowed.add(ChangeRequest.State.SUBMITTED)
            self.fields["state"].choices = [
                choice for choice in ChangeRequest.State.choices if choice[0] in allowed
            ]


def submit_when_asked(view, instance, previous_state):
    if instance.state == ChangeRequest.State.SUBMITTED and previous_state in (
        None,
        ChangeRequest.State.DRAFT,
    ):
        instance.state = ChangeRequest.State.DRAFT
        services.submit_change_request(instance, user=view.request.user)


class ChangeRequestCreateView(base.CreateView):
    def save_instance(self):
        with transaction.atomic():
            instance = super().save_instance()
            if not instance.prepared_by_id:
                ChangeRequest.objects.filter(pk=instance.pk).update(prepared_by=self.request.user)
            submit_when_asked(self, instance, None)
        return instance


class ChangeRequestEditView(ClosedRecordEditView):
    def save_instance(self):
        with transaction.atomic():
            previous = ChangeRequest.objects.get(pk=self.object.pk).state
            instance = super().save_instance()
            submit_when_asked(self, instance, previous)
        return instance


class ChangeRequestInspectView(ClosedRecordInspectView):
    """Shows the steering group what the request would change, and the decision on it."""

    def get_field_label(self, field_name, field):
        labels = {
            "activity_changes": _("Changes to the activity plan"),
            "decision": _("Decision"),
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

    def get_decision_display_value(self):
        decision = getattr(self.object, "decision", None)
        if decision is None:
            return "-"
        url = reverse("decision:inspect", args=[decision.pk])
        return format_html('<a href="{}">{}</a>', url, decision)


class ChangeRequestViewSet(ClosedRecordViewSet):
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
        "activity_changes",
        "prepared_by",
        "submitted_at",
        "decision",
    ]
    list_display = ["title", "project", "state", "submitted_at"]
    list_select_related = ["project"]
    list_filter = ["project", "state"]
    search_fields = ["title", "what_changes", "reason"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("project"), FieldPanel("state")]),
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
        ],
        base_form_class=ChangeRequestForm,
    )


DECISION_VIEWSETS = [MeetingViewSet, DecisionViewSet, ChangeRequestViewSet]


# Meeting documents: agenda and minutes as HTML and PDF


def meeting_document(request, pk, kind, as_pdf=False):
    if not request.user.has_perm("governance.view_meeting"):
        return permission_denied(request, PermissionDenied())
    meeting = get_object_or_404(Meeting.objects.select_related("project"), pk=pk)
    if not as_pdf:
        return HttpResponse(documents.render_html(meeting, kind))
    pdf = documents.render_pdf(meeting, kind, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = documents.file_name(meeting, kind)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def meeting_document_urls():
    patterns = []
    for kind, slug in (("agenda", "dagordning"), ("minutes", "protokoll")):
        patterns += [
            path(f"<int:pk>/{slug}/", meeting_document, {"kind": kind}, name=kind),
            path(
                f"<int:pk>/{slug}.pdf",
                meeting_document,
                {"kind": kind, "as_pdf": True},
                name=f"{kind}_pdf",
            ),
        ]
    return [path("styrning/motesdokument/", include((patterns, "meeting_documents")))]
