"""The public progress pages: a project's goal, organisation, work areas and activities."""

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, route
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.view_restrictions import RememberedViewRestrictions
from governance.register import progress
from governance.register.models import Project


class ProjectPage(RememberedViewRestrictions, RoutablePageMixin, Page):
    # One page per project in each language: translations share the project.
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("project"), FieldPanel("intro")]

    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project progress page")
        verbose_name_plural = _("project progress pages")

    @path("")
    def overview(self, request):
        # Imported here: the register's pages load with the models, before these slices.
        from governance.budget import figures
        from governance.register import as_of

        when = as_of.from_request(request, self.project)
        budget = figures.budget_summary(
            self.project, as_of.public_budget_version(self.project, when.day)
        )
        return self.render(
            request,
            context_overrides={
                "overview": progress.project_overview(self.project, on=when.day),
                "project_state": as_of.project_state(self.project, when.day),
                "budget": budget,
                "as_of": when,
            },
        )

    @route(r"^arbetsomrade/(?P<code>[A-Za-z0-9]{1,3})/$", name="work_area")
    def work_area(self, request, code):
        from governance.register import as_of

        work_area = get_object_or_404(self.project.work_areas, code__iexact=code)
        when = as_of.from_request(request, self.project)
        return self.render(
            request,
            template="governance/work_area_page.html",
            context_overrides={
                "work_area": progress.work_area_detail(work_area, on=when.day),
                "as_of": when,
            },
        )

    def work_area_url(self, work_area):
        return self.url + self.reverse_subpage("work_area", args=[work_area.code.lower()])

    def accessibility_check_urls(self):
        """A work-area page, for the browser tests."""
        work_area = self.project.work_areas.first()
        if not work_area:
            return []
        day = self.project.start_date + (self.project.end_date - self.project.start_date) / 2
        return [
            self.work_area_url(work_area),
            f"{self.url}?per={day.isoformat()}",
            f"{self.work_area_url(work_area)}?per={day.isoformat()}",
        ]
