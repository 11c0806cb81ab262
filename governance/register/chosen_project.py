"""Which project a governance page is about, among the projects where the user may do what
the page does: the one the reader chose (`?project=<pk>`, or a posted `project`; another
project answers 404), else the one they chose last time (remembered per user, so that a
project leader of two projects stays in the one they work in), else the ongoing one, else
the first. Every admin view that shows one project's figures asks here."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from governance.register.access import permitted_projects
from governance.register.models import ChosenProject, Project

SESSION_KEY = "governance_chosen_project"


def project_from(request, model, actions=("view",)):
    projects = permitted_projects(request.user, model, actions)
    chosen = request.GET.get("project") or request.POST.get("project")
    if chosen and str(chosen).isdigit():
        project = get_object_or_404(projects, pk=chosen)
        remember(request, project)
        return project
    remembered = ChosenProject.objects.filter(user=request.user).values("project_id")
    project = (
        projects.filter(pk__in=remembered).first()
        or projects.filter(state=Project.State.ONGOING).first()
        or projects.first()
    )
    if project is None:
        raise Http404(_("There is no project yet."))
    return project


def remember(request, project):
    """Kept for the user (one upsert) when the choice changes; the session knows the last
    one, so that paging through one project's pages writes nothing."""
    if request.session.get(SESSION_KEY) == project.pk:
        return
    ChosenProject.objects.bulk_create(
        [ChosenProject(user=request.user, project=project)],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=["project"],
    )
    request.session[SESSION_KEY] = project.pk
