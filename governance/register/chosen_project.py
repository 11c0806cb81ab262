"""Which project a governance page is about: the one the reader chose (`?project=<pk>`, or
a posted `project`), else the ongoing one, else the first. Every admin view that shows one
project's figures asks here."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from governance.register.models import Project


def project_from(request):
    projects = Project.objects.all()
    chosen = request.GET.get("project") or request.POST.get("project")
    if chosen and str(chosen).isdigit():
        return get_object_or_404(projects, pk=chosen)
    project = projects.filter(state=Project.State.ONGOING).first() or projects.first()
    if project is None:
        raise Http404(_("There is no project yet."))
    return project
