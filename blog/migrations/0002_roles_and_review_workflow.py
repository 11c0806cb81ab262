"""Author permissions for the roles, and the review workflow guest posts go through:
a guest writer (Gästskribent) submits, a project leader (Projektledare) approves."""

from django.db import migrations

from core.roles import GUEST_WRITER, PROJECT_LEADER, grant_model_permissions

WORKFLOW_NAME = "Granskning av projektledare"
TASK_NAME = "Godkännande av projektledare"


def grant(apps, schema_editor):
    grant_model_permissions(
        apps,
        PROJECT_LEADER,
        [f"blog.{action}_author" for action in ("add", "change", "delete", "view")],
    )
    # Guest writers choose themselves as author of their drafts.
    grant_model_permissions(apps, GUEST_WRITER, ["blog.view_author"])


def create_review_workflow(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    group_model = apps.get_model("auth", "Group")
    page_model = apps.get_model("wagtailcore", "Page")
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")

    task_type, _created = content_type_model.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = task_model.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = task_model.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(group_model.objects.get(name=PROJECT_LEADER))

    workflow, _created = workflow_model.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    workflow_task_model.objects.get_or_create(workflow=workflow, task=task, sort_order=0)
    # The whole tree: every page a guest writer can create goes through review.
    root = page_model.objects.get(depth=1)
    workflow_page_model.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("website", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(create_review_workflow, migrations.RunPython.noop),
    ]
