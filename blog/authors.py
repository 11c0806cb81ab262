"""Who may sign a post as whom. Someone who may manage authors (a project leader, an
administrator: the author snippet's "change" permission) signs a post with any author; anyone
else, a guest writer from a partner organisation, signs only as their own author: the one
linked to their user account, directly or through their person in the register."""

from django.db.models import Case, IntegerField, Q, When

from governance.register.models import Person

from .models import Author


def may_sign_as_anyone(user):
    return Author.snippet_viewset.permission_policy.user_has_permission(user, "change")


def own_author(user):
    """The author linked to `user` (their own link first, then their person's), or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Author.objects.filter(Q(user=user) | Q(person__user=user))
        .annotate(own=Case(When(user=user, then=0), default=1, output_field=IntegerField()))
        .order_by("own", "pk")
        .first()
    )


def ensure_own_author(user):
    """The user's own author, made for them (a guest writer, named like their account and
    their organisation in the register) when they have none yet."""
    author = own_author(user)
    if author is not None:
        return author
    person = Person.objects.filter(user=user).select_related("organisation").first()
    organisation = person.organisation.name if person and person.organisation_id else ""
    name = (person.name if person else "") or user.get_full_name() or user.get_username()
    return Author.objects.create(
        name=name, organisation=organisation, is_guest=True, user=user, person=person
    )
