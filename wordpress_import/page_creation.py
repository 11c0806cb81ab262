"""Creating an imported page with its first revision in a handful of queries.

Wagtail's add_child, save_revision and publish validate, re-read and log each step; for one
page in the editor that is right, for a blog of thousands of posts it is most of the
import's time. The importer has already made the slug unique and converted the content, so
this writes what those three would write: the page in the tree, its child objects, one
revision (live when published) and the same audit log entries.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations


def create_page(page, parent, *, user, publish, first_published_at=None):
    now = timezone.now()
    _place_under(page, parent)
    page.owner = user
    page.locale_id = parent.locale_id
    page.draft_title = page.title
    page.latest_revision_created_at = now
    page.has_unpublished_changes = not publish
    page.live = publish
    if publish:
        page.first_published_at = first_published_at or now
        page.last_published_at = now
    # Known here, asked of the database by Page.save() otherwise.
    page._cached_parent_obj = parent
    page._is_site_root = False
    children = _children_in_memory(page)
    # Page.save() would ask the database for each relation's rows and save them one by one.
    page._cluster_related_objects = {}
    page.save(clean=False, log_action=None)
    _insert_children(page, children)
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
        created_at=now,
    )
    page.latest_revision = revision
    page.live_revision = revision if publish else None
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision, live_revision=page.live_revision
    )
    _log(page, revision, user, publish, now)
    return revision


def _place_under(page, parent):
    """The last place among the parent's children, as treebeard's add_child finds it. The
    update comes first: it locks the parent's row until the transaction ends, so a page
    added at the same moment elsewhere cannot take the same place."""
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    page.depth = parent.depth + 1
    last_path = (
        Page.objects.filter(path__startswith=parent.path, depth=page.depth)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    page.path = (
        Page(path=last_path)._inc_path()
        if last_path
        else Page._get_path(parent.path, page.depth, 1)
    )
    parent.numchild += 1


def _children_in_memory(page):
    """{relation or many-to-many field: its objects}, as the importer filled them in."""
    relations = get_all_child_relations(page) + get_all_child_m2m_relations(page)
    return {relation: list(getattr(page, _accessor(relation)).all()) for relation in relations}


def _accessor(relation):
    return relation.get_accessor_name() if hasattr(relation, "get_accessor_name") else relation.name


def _insert_children(page, children):
    """One insert per relation. The objects stay in memory as well, so that the revision and
    the reference index read them from there instead of querying them back."""
    for relation, objects in children.items():
        getattr(page, _accessor(relation)).set(objects)
        if not objects:
            continue
        if hasattr(relation, "get_accessor_name"):
            # set() above pointed each child at the saved page.
            relation.related_model.objects.bulk_create(objects)
        else:
            through = relation.remote_field.through
            through.objects.bulk_create(
                [
                    through(
                        **{relation.m2m_field_name(): page, relation.m2m_reverse_field_name(): obj}
                    )
                    for obj in objects
                ]
            )


def load_parental_many_to_many(model, pages):
    """Puts the pages' ParentalManyToManyField objects in memory, one query a field. The
    search index needs them, and neither modelsearch nor modelcluster prefetches them."""
    for field in get_all_child_m2m_relations(model):
        page_column, target_name = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = field.remote_field.through.objects.filter(
            **{f"{page_column}__in": [page.pk for page in pages]}
        ).select_related(target_name)
        targets = defaultdict(list)
        for row in rows:
            targets[getattr(row, f"{page_column}_id")].append(getattr(row, target_name))
        for page in pages:
            getattr(page, field.name).set(targets[page.pk])


def _log(page, revision, user, publish, now):
    entry = {
        "page": page,
        "content_type": ContentType.objects.get_for_model(page, for_concrete_model=False),
        "label": page.get_admin_display_title(),
        "timestamp": now,
        "user": user,
        "uuid": get_active_log_context().uuid,
        "content_changed": True,
        "data": {},
    }
    entries = [PageLogEntry(action="wagtail.create", **entry)]
    if publish:
        entries.append(PageLogEntry(action="wagtail.publish", revision=revision, **entry))
    PageLogEntry.objects.bulk_create(entries)
