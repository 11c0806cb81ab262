"""Demo comments: a short approved conversation with a reply, and comments waiting for
moderation, so that both the public page and the moderation admin have something to show.
The commenters are invented; their addresses use the reserved .invalid domain."""

import datetime

from wagtail.models import Page, Site

from .models import Comment, CommentSiteSettings

APPROVED = Comment.Status.APPROVED
PENDING = Comment.Status.PENDING

# (page slug, key, reply to key, name, email, days after the post, status, text)
DEMO_COMMENTS = [
    (
        "pendling-botniabanan",
        "tidtabell",
        None,
        "Maria Lindgren",
        "maria.lindgren@example.invalid",
        2,
        APPROVED,
        "Jag pendlar från Husum till Umeå tre dagar i veckan. Det som avgör är om tåget "
        "hinner fram före åtta. Tidtabellen för hösten finns på trafikbolagets webbplats.",
    ),
    (
        "pendling-botniabanan",
        "svar-tidtabell",
        "tidtabell",
        "Carina Lindberg",
        "carina@example.invalid",
        3,
        APPROVED,
        "Tack Maria! Just tidtabellerna tar vi upp med trafikbolagen i höst. Hör gärna av "
        "dig om vi får citera dig.",
    ),
    (
        "pendling-botniabanan",
        "parkering",
        None,
        "Anders B.",
        "anders.b@example.invalid",
        4,
        APPROVED,
        "Fler pendlarparkeringar vid stationen i Örnsköldsvik skulle hjälpa.",
    ),
    (
        "nu-borjar-arbetet",
        "lycka-till",
        None,
        "Eva Holm",
        "eva.holm@example.invalid",
        1,
        APPROVED,
        "Bra att ni kör ändå, trots avslaget. Ser fram emot att följa bloggen.",
    ),
    (
        "nu-borjar-arbetet",
        "fraga-foretag",
        None,
        "Jonas Berg",
        "jonas.berg@example.invalid",
        9,
        PENDING,
        "Hur kan ett litet företag i Bjurholm vara med i arbetsgivarträffarna?",
    ),
    (
        "regional-konferens-ledarskap",
        "anmalan",
        None,
        "Lena Ek",
        "lena.ek@example.invalid",
        2,
        PENDING,
        "Går det att anmäla sig till bara eftermiddagen?",
    ),
]


def load_settings():
    for site in Site.objects.all():
        settings = CommentSiteSettings.for_site(site)
        if settings.privacy_page_id is None:
            privacy = Page.objects.child_of(site.root_page).filter(slug="personuppgifter").first()
            if privacy is not None:
                settings.privacy_page = privacy
                settings.save()


def load_comments():
    made = {}
    created_count = 0
    for slug, key, parent_key, name, email, days, status, text in DEMO_COMMENTS:
        page = Page.objects.filter(slug=slug).live().specific().first()
        if page is None:
            continue
        comment, created = Comment.objects.get_or_create(
            page=page,
            email=email,
            name=name,
            defaults={"text": text, "status": status, "parent": made.get(parent_key)},
        )
        made[key] = comment
        if created:
            created_count += 1
            published = getattr(page, "date", None) or page.first_published_at
            written = published + datetime.timedelta(days=days, hours=3)
            Comment.objects.filter(pk=comment.pk).update(
                created_at=written, moderated_at=written if status == APPROVED else None
            )
    return created_count


def load(stdout):
    load_settings()
    count = load_comments()
    stdout.write(f"Demo comments are in place ({count} new).")
