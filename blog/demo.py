"""Builds the demo blog and calendar: authors, fourteen posts from 2012–2014 filed under
work areas A–D, the project's events, and one guest draft waiting for review. Finds what
an earlier run made instead of making it twice."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Site, Workflow
from wagtail.rich_text import RichText

from core import demo_data
from core.demo_images import draw_demo_image
from core.locales import publish_translation
from governance.register.models import Person, Project, WorkArea

from .authors import ensure_own_author
from .models import Author, BlogIndexPage, BlogPostAuthor, BlogPostPage, EventIndexPage, EventPage

REVIEW_WORKFLOW = "Granskning av projektledare"


def aware(moment):
    return timezone.make_aware(moment)


def paragraphs(*texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def media_links(heading_text, links):
    return (
        "media_links",
        {
            "heading": heading_text,
            "links": [
                {"outlet": outlet, "title": title, "url": url, "date": date, "kind": kind}
                for outlet, title, url, date, kind in links
            ],
        },
    )


def load_authors():
    authors = {}
    for name, organisation, role_title, is_guest in demo_data.BLOG_AUTHORS:
        author, _created = Author.objects.get_or_create(
            name=name,
            defaults={
                "organisation": organisation,
                "role_title": role_title,
                "is_guest": is_guest,
                "person": Person.objects.filter(name=name).first(),
                "bio": (
                    f"{role_title} på {organisation}. "
                    + (
                        "Skriver som gäst om hur den egna organisationen möter en större "
                        "arbetsmarknad."
                        if is_guest
                        else "Skriver om arbetet för en gemensam arbetsmarknadsregion."
                    )
                ),
            },
        )
        authors[name.split()[0].lower()] = author
    return authors


def load_indexes(home):
    project_areas = WorkArea.objects.filter(project__slug=demo_data.PROJECT["slug"])
    blog = home.get_children().filter(slug="blogg").specific().first()
    if blog is None:
        blog = BlogIndexPage(
            title="Blogg",
            slug="blogg",
            show_in_menus=True,
            intro=(
                "Projektledarna och gästskribenter berättar om arbetet för en gemensam "
                "arbetsmarknadsregion: möten, konferenser, mediebevakning och resultat."
            ),
            project=project_areas.first().project if project_areas.exists() else None,
            feed_content=BlogIndexPage.FeedContent.FULL,
        )
        home.add_child(instance=blog)
        blog.save_revision().publish()
    calendar = home.get_children().filter(slug="kalender").specific().first()
    if calendar is None:
        calendar = EventIndexPage(
            title="Kalender",
            slug="kalender",
            show_in_menus=True,
            intro="Konferenser, seminarier och träffar som projektet ordnar eller deltar i.",
        )
        home.add_child(instance=calendar)
        calendar.save_revision().publish()
    return blog, calendar


def add_post(blog, slug, *, title, date, authors, areas, tags, intro, body, **fields):
    existing = BlogPostPage.objects.child_of(blog).filter(slug=slug).first()
    if existing:
        return existing
    post = BlogPostPage(
        title=title,
        slug=slug,
        date=date,
        intro=intro,
        body=body,
        post_authors=[
            BlogPostAuthor(author=author, sort_order=order) for order, author in enumerate(authors)
        ],
        categories=list(areas),
        **fields,
    )
    post.tags.add(*tags)
    blog.add_child(instance=post)
    post.save_revision().publish()
    # Back-dated like an import from the old blog: published when it was written.
    BlogPostPage.objects.filter(pk=post.pk).update(first_published_at=date, last_published_at=date)
    return post


def add_event(calendar, slug, **fields):
    existing = EventPage.objects.child_of(calendar).filter(slug=slug).first()
    if existing:
        return existing
    areas = fields.pop("areas", [])
    event = EventPage(slug=slug, categories=list(areas), **fields)
    calendar.add_child(instance=event)
    event.save_revision().publish()
    return event


def load_events(calendar, area):
    facts = demo_data.EVENTS
    kick_off = facts["kick_off"]
    party = facts["engagement_party"]
    conference = facts["regional_conference"]
    uniaden = facts["uniaden"]
    keynote, keynote_title = demo_data.CONFERENCE_KEYNOTE
    events = {}
    events["kick_off"] = add_event(
        calendar,
        "kick-off-2012",
        title=kick_off["title"],
        start=aware(kick_off["start"]),
        end=aware(kick_off["end"]),
        place_name="Rådhuset",
        place_address="Rådhustorget, Umeå",
        organiser="Projektledningen",
        intro="Projektgrupp och styrgrupp samlas för att starta det gemensamma arbetet.",
        areas=[area["A"], area["D"]],
    )
    events["party"] = add_event(
        calendar,
        "forlovningsfest",
        title=party["title"],
        start=aware(party["start"]),
        end=aware(party["end"]),
        place_name="Stora torget",
        place_address="Örnsköldsvik",
        organiser="Örnsköldsviks kommun",
        intro=(
            "Örnsköldsvik inviger sitt hjärta inför kulturhuvudstadsåret och firar att "
            "kommunen och Umeåregionen går samman. Alla är välkomna."
        ),
        areas=[area["C"]],
    )
    events["conference"] = add_event(
        calendar,
        "regional-konferens-ledarskap",
        title=conference["title"],
        start=aware(conference["start"]),
        end=aware(conference["end"]),
        place_name="Örnsköldsvik",
        place_address="Örnsköldsvik (lokalen meddelas i bekräftelsen)",
        organiser="Örnsköldsviks kommun och Umeåregionen",
        intro=(
            "En dag om vad regionalt ledarskap betyder när två arbetsmarknader ska bli en, "
            "för dig inom näringsliv, politik, akademi och offentlig sektor."
        ),
        body=paragraphs(
            f"{keynote}, {keynote_title}, inleder med samverkan och ett enat regionalt "
            "ledarskap. Sedan följer korta inspel från regionen om arbetsmarknad och "
            "regional utveckling, och dagen avslutas med en paneldiskussion.",
        ),
        signup_deadline=conference["signup_deadline"],
        signup_email=conference["signup_email"],
        signup_instructions="Skriv namn, organisation och eventuell specialkost i mejlet.",
        capacity=120,
        areas=[area["D"]],
    )
    events["uniaden"] = add_event(
        calendar,
        "uniaden-2013",
        title=uniaden["title"],
        start=aware(uniaden["start"]),
        end=aware(uniaden["end"]),
        place_name="Umeå universitet",
        place_address="Universum, Umeå universitet",
        organiser="Umeå kommun och Örnsköldsviks kommun",
        intro="Kommunerna visar studenterna jobben i hela regionen från en gemensam monter.",
        areas=[area["A"], area["B"]],
    )
    events["closing"] = add_event(
        calendar,
        "slutseminarium-2014",
        title="Slutseminarium: en arbetsmarknad, två år senare",
        start=aware(datetime.datetime(2014, 9, 18, 13, 0)),
        end=aware(datetime.datetime(2014, 9, 18, 16, 30)),
        place_name="Folkets hus",
        place_address="Nordmaling",
        organiser="Projektledningen",
        intro="Projektledarna redovisar vad arbetet gav och vad som tar vid efter projektet.",
        signup_deadline=datetime.date(2014, 9, 8),
        signup_email=demo_data.CONTACT["email"],
        areas=[area["A"], area["B"], area["C"], area["D"]],
    )
    events["reunion"] = add_event(
        calendar,
        "atertraff-arbetsmarknadsregionen",
        title="Återträff för arbetsmarknadsregionens nätverk",
        start=aware(datetime.datetime(2027, 5, 20, 9, 30)),
        end=aware(datetime.datetime(2027, 5, 20, 15, 0)),
        place_name="Umeå folkets hus",
        place_address="Skolgatan 59, Umeå",
        organiser="Umeåregionen och Örnsköldsviks kommun",
        intro=(
            "Nätverket från projektet ses igen: hur ser pendlingen ut i dag, och vad har "
            "arbetsgivarna lärt sig av att rekrytera i hela regionen?"
        ),
        signup_deadline=datetime.date(2027, 5, 6),
        signup_url="https://example.invalid/anmalan/atertraff",
        capacity=80,
        areas=[area["A"], area["D"]],
    )
    return events


def load_posts(blog, authors, area, events, images):
    carina, johan, frida = authors["carina"], authors["johan"], authors["frida"]
    speakers = demo_data.KICK_OFF_SPEAKERS
    keynote, keynote_title = demo_data.CONFERENCE_KEYNOTE
    add_post(
        blog,
        "nu-borjar-arbetet",
        title="Nu börjar arbetet för en gemensam arbetsmarknad",
        date=aware(datetime.datetime(2012, 10, 8, 9, 0)),
        authors=[carina, johan],
        areas=[area["A"], area["D"]],
        tags=["projektstart"],
        intro=(
            "Den första oktober startade Örnsköldsvik och Umeåregionen sitt gemensamma "
            "arbete. Här på bloggen berättar vi hur det går."
        ),
        body=paragraphs(
            "Ansökan om regionala utvecklingsmedel fick avslag i våras, men kommunerna "
            "valde att genomföra aktiviteterna ändå, med egna pengar. Fram till hösten 2014 "
            "arbetar vi i fyra områden: möten mellan arbetsgivare, synliga styrkor, en "
            "gemensam identitet och samverkan över kommun- och länsgränser.",
            "Det är vi två projektledare som skriver mest här, men räkna med gästinlägg från "
            "partnerna. Följ bloggen via RSS eller kom till något av våra evenemang.",
        ),
    )
    add_post(
        blog,
        "inbjudan-regional-konferens",
        title="Inbjudan: regional konferens om ledarskap den 16 november",
        date=aware(datetime.datetime(2012, 10, 18, 10, 0)),
        authors=[johan],
        areas=[area["D"]],
        tags=["konferens", "ledarskap"],
        kind=BlogPostPage.Kind.NEWS,
        intro=(
            "Vill du ta ett regionalt ledarskap? Välkommen till en konferensdag i "
            "Örnsköldsvik. Sista dag att anmäla sig är den 5 november."
        ),
        body=[
            *paragraphs(
                "Konferensen vänder sig till dig inom näringsliv, politik, akademi och "
                "offentlig sektor som vill vara med och göra regionen till en arbetsmarknad.",
                f"{keynote}, {keynote_title}, öppnar dagen. Efter honom kommer inspel från "
                "regionen och en panel som samtalar om vad ledarskap över gränserna kräver.",
            ),
            (
                "call_to_action",
                {
                    "heading": "Anmäl dig senast den 5 november",
                    "text": "Program, plats och anmälan finns på evenemangssidan.",
                    "link": {"title": "Till konferensen", "page": events["conference"], "url": ""},
                },
            ),
        ],
        lead_image=images["conference"],
        lead_image_alt="Skylt med texten Regional konferens, Örnsköldsvik 16 november",
    )
    kick_off_intro = ", ".join(f"{name}, {title}" for name, title in speakers[1:])
    add_post(
        blog,
        "kick-off-radhuset",
        title="Full sal på kick-off i Rådhuset",
        date=aware(datetime.datetime(2012, 10, 24, 15, 0)),
        authors=[frida],
        areas=[area["A"], area["D"]],
        tags=["kick-off", "pendling", "Botniabanan"],
        intro=(
            "Den 22 oktober samlades projektgruppen och styrgruppen i Umeå för att "
            "sparka igång arbetet. Två talare gav oss mycket att tänka på."
        ),
        body=[
            *paragraphs(
                f"{speakers[0][0]}, {speakers[0][1]}, hälsade välkommen och projektledarna "
                "berättade hur arbetet har vuxit fram. Sedan fick vi lyssna på "
                f"{kick_off_intro}."
            ),
            heading("Vad får oss att pendla?"),
            *paragraphs(
                "Högre lön och ett jobb med bättre utvecklingsmöjligheter är de starkaste "
                "skälen att börja pendla. Invånarna tror mycket på Botniabanan, men vana att "
                "åka tåg saknas. Vi fick med oss att alltid utgå från människan och hennes "
                "behov.",
            ),
            heading("Erfarenheter från Norrköping och Linköping"),
            *paragraphs(
                "Norrköping och Linköping har samarbetat i många år och räknas fortfarande "
                "som två arbetsmarknader, eftersom färre än 7,5 procent pendlar mellan dem. "
                "Deras råd: börja med det enkla som syns, räkna på vinsterna och ha tålamod.",
            ),
            (
                "quote",
                {
                    "quote": "Rätt sak på rätt plats, och kom ihåg varför vi gör det här.",
                    "attribution": "Sammanfattning av dagens lärdomar",
                },
            ),
            (
                "gallery",
                {
                    "title": "Bilder från kick-offen",
                    "credit": "Foto: Frida Bylin",
                    "images": [
                        {
                            "image": images["kick_off"],
                            "alt_text": "Deltagare lyssnar på en föreläsning i Rådhuset",
                            "caption": "Salen i Rådhuset",
                        },
                        {
                            "image": images["region"],
                            "alt_text": "Karta över Örnsköldsvik och Umeåregionen",
                            "caption": "Regionen vi arbetar för",
                        },
                    ],
                },
            ),
        ],
        lead_image=images["kick_off"],
        lead_image_alt="Deltagare på kick-offen i Rådhuset i Umeå",
        lead_image_credit="Frida Bylin",
    )
    add_post(
        blog,
        "svt-mittnytt-besok",
        title="Arbetet för en region väcker intresse",
        date=aware(datetime.datetime(2012, 10, 30, 11, 0)),
        authors=[frida],
        areas=[area["C"]],
        tags=["media"],
        intro="SVT Mittnytt gjorde i morse ett reportage om vårt arbete, och fler har hört av sig.",
        body=paragraphs(
            "Det har kommit många frågor den senaste veckan, både till bloggen och till oss "
            "direkt. Västerbottens-Kuriren och Örnsköldsviks Allehanda har skrivit flera "
            "artiklar, och i morse intervjuade SVT Mittnytt oss om arbetet och om kvällens "
            "invigning i Örnsköldsvik.",
        ),
    )
    add_post(
        blog,
        "forlovningsfest",
        title="Förlovningsfest i Örnsköldsvik i kväll",
        date=aware(datetime.datetime(2012, 10, 31, 14, 0)),
        authors=[frida],
        areas=[area["C"]],
        tags=["media", "kulturhuvudstadsåret"],
        intro=(
            "Radio, tv och tidningar har rapporterat om förlovningen mellan Örnsköldsvik och "
            "Umeå. Här samlar vi inslagen. Vi ses kl. 19 i kväll!"
        ),
        body=[
            *paragraphs(
                "Det roligaste med bevakningen är att den tar arbetet på allvar och samtidigt "
                "låter festen få plats. Allehanda frågade läsarna vilken förlovningspresent "
                "kommunerna borde ge varandra, och förslagen spände från hockeylag till "
                "landmärken."
            ),
            media_links(
                "I medierna",
                [
                    (
                        "SVT Mittnytt",
                        "Örnsköldsvik och Umeå förlovar sig",
                        "https://www.svt.se/nyheter/lokalt/vasternorrland/",
                        datetime.date(2012, 10, 31),
                        "tv",
                    ),
                    (
                        "SVT Västerbottensnytt",
                        "Reportage om den gemensamma arbetsmarknaden",
                        "https://www.svt.se/nyheter/lokalt/vasterbotten/",
                        datetime.date(2012, 10, 31),
                        "tv",
                    ),
                    (
                        "Sveriges Radio Västernorrland",
                        "Kulturhuvudstadsårets hjärta invigs i Örnsköldsvik",
                        "https://sverigesradio.se/vasternorrland",
                        datetime.date(2012, 10, 31),
                        "radio",
                    ),
                    (
                        "Örnsköldsviks Allehanda",
                        "I kväll förlovar sig Ö-vik och Umeå",
                        "https://www.allehanda.se/",
                        datetime.date(2012, 10, 31),
                        "press",
                    ),
                ],
            ),
        ],
    )
    add_post(
        blog,
        "ledarskap-over-granserna",
        title="Ledarskap över gränserna: tre lärdomar från konferensen",
        date=aware(datetime.datetime(2012, 11, 20, 9, 0)),
        authors=[johan],
        areas=[area["D"]],
        tags=["konferens", "ledarskap"],
        intro="Konferensen den 16 november lockade deltagare från hela regionen.",
        body=paragraphs(
            "Tre saker stod ut: samarbetet måste synas i vardagen, arbetsgivarna behöver "
            "vara med från början och gränsen mellan länen får inte bli en ursäkt.",
            "Panelen var överens om att vi ska mäta pendlingen och berätta öppet hur den "
            "utvecklas, även när siffrorna går åt fel håll.",
        ),
        lead_image=images["conference"],
        lead_image_alt="Panelsamtal på scenen under konferensen",
    )
    add_post(
        blog,
        "hr-chefer-brainstorm",
        title="40 HR-chefer letade gemensamma projekt",
        date=aware(datetime.datetime(2012, 12, 10, 10, 0)),
        authors=[carina],
        areas=[area["A"], area["B"]],
        tags=["HR", "kompetensförsörjning", "jämställdhet"],
        kind=BlogPostPage.Kind.NEWS,
        intro=(
            "HR-chefer från Umeå och Örnsköldsvik möttes för en workshop om hur "
            "arbetsmarknaden kan bli gemensam. Idéerna var många och konkreta."
        ),
        body=[
            *paragraphs(
                "Deltagarna var överens om att kommunerna kompletterar varandra. Umeå har "
                "kultur, universitet, universitetssjukhus och flygplats; Örnsköldsvik har "
                "hockey på elitnivå, Höga Kusten, globala industriföretag och lägre "
                "boendekostnader.",
                "Workshopen tog också upp arbetsmarknaden ur ett jämställdhetsperspektiv: när "
                "två arbetsmarknader blir en finns en chans att bryta invanda könsmönster.",
            ),
            heading("Några av idéerna"),
            (
                "paragraph",
                RichText(
                    "<ul><li>Byt jobb med en kollega i grannkommunen för en dag, en vecka "
                    "eller ett halvår.</li><li>En app som visar jobben och fritiden i hela "
                    "regionen.</li><li>Service för medflyttare: samlad information till den "
                    "som följer med en partner som fått jobb.</li></ul>"
                ),
            ),
            *paragraphs(
                "Nästa steg är att fråga de anställda själva vad de behöver, och att bli "
                "tydligare med vem som gör vad."
            ),
        ],
        lead_image=images["hr_day"],
        lead_image_alt="HR-chefer i grupper runt bord med blädderblock",
    )
    add_post(
        blog,
        "gastinlagg-hr-dagen",
        title="Gästinlägg: det bästa med HR-dagen var att vi blev konkreta",
        date=aware(datetime.datetime(2013, 1, 14, 8, 30)),
        authors=[authors["birgith"]],
        areas=[area["A"]],
        tags=["HR", "gästinlägg"],
        intro="Örnsköldsviks HR-chef om vad hon tog med sig från workshopen i december.",
        body=paragraphs(
            "Det var inspirerande att träffa kollegor som brinner för sina jobb. Men det "
            "viktigaste var att vi gick därifrån med förslag som går att genomföra.",
            "Nu vill jag att vi tar nästa steg och skriver ner vem som ansvarar för vad. "
            "Annars blir det bara goda idéer på ett blädderblock.",
        ),
    )
    add_post(
        blog,
        "uniaden-gemensam-monter",
        title="Umeå och Örnsköldsvik i samma monter på Uniaden",
        date=aware(datetime.datetime(2013, 1, 29, 9, 0)),
        authors=[carina],
        areas=[area["A"], area["B"]],
        tags=["rekrytering", "Uniaden"],
        intro=(
            "För första gången visade kommunerna upp sig tillsammans på universitetets "
            "arbetsmarknadsdag."
        ),
        body=paragraphs(
            "Verksamheterna är desamma i båda kommunerna, men villkoren skiljer sig lite. "
            "Tillsammans kan vi visa studenterna betydligt fler vägar till ett jobb i "
            "regionen.",
        ),
        lead_image=images["uniaden"],
        lead_image_alt="Gemensam monter med kommunernas logotyper på Uniaden",
    )
    add_post(
        blog,
        "regionens-styrkor",
        title="Regionens styrkor samlade på ett ställe",
        date=aware(datetime.datetime(2013, 4, 15, 13, 0)),
        authors=[johan],
        areas=[area["B"]],
        tags=["attraktionskraft", "rekrytering"],
        intro=(
            "Arbetsgivare som rekryterar ska kunna visa allt regionen har att erbjuda. Nu "
            "samlar vi underlaget."
        ),
        body=paragraphs(
            "Vi går igenom vad som lockar människor att flytta hit: jobb, utbildning, natur, "
            "kultur och boende. Underlaget blir en gemensam beskrivning som alla arbetsgivare "
            "får använda.",
        ),
    )
    add_post(
        blog,
        "pendling-botniabanan",
        title="Vad hindrar oss från att pendla med Botniabanan?",
        date=aware(datetime.datetime(2013, 9, 2, 8, 0)),
        authors=[carina],
        areas=[area["C"]],
        tags=["pendling", "Botniabanan"],
        intro=(
            "För att räknas som en arbetsmarknadsregion behöver minst 7,5 procent pendla "
            "mellan kommunerna. Vi har frågat vad som står i vägen."
        ),
        body=paragraphs(
            "Restiden är inte det största hindret. Många nämner tidtabeller som inte passar "
            "arbetstider, och att det känns ovant att pendla kollektivt.",
            "Under hösten prövar vi fritidsresor med tåget för att fler ska upptäcka hur "
            "nära grannkommunen ligger.",
        ),
    )
    add_post(
        blog,
        "gastinlagg-arbetsformedlingen",
        title="Gästinlägg: Arbetsförmedlingen i en region utan gränser",
        date=aware(datetime.datetime(2013, 11, 12, 10, 0)),
        authors=[authors["per"]],
        areas=[area["A"]],
        tags=["gästinlägg", "kompetensförsörjning"],
        intro="När arbetsgivarna efterfrågar samarbete blir vi en viktig partner i regionen.",
        body=paragraphs(
            "Vi matchar redan sökande över kommungränsen, men samarbetet i projektgruppen "
            "har gett oss en ny bild av vad arbetsgivarna behöver.",
            "Ensam är ingen stark på den här arbetsmarknaden: kommuner, företag och "
            "myndigheter behöver varandra.",
        ),
    )
    add_post(
        blog,
        "fritidsresor-i-regionen",
        title="Upptäck grannkommunen: fritidsresor i regionen",
        date=aware(datetime.datetime(2014, 3, 20, 9, 0)),
        authors=[frida],
        areas=[area["C"]],
        tags=["fritid", "Botniabanan"],
        kind=BlogPostPage.Kind.NEWS,
        intro="I vår ordnar vi resor för att fler ska upptäcka vad grannkommunen erbjuder.",
        body=paragraphs(
            "Hockey i Örnsköldsvik, teater i Umeå och vandring längs Höga Kusten: resorna "
            "visar att regionen hänger ihop även på fritiden.",
        ),
        lead_image=images["region"],
        lead_image_alt="Karta över regionen med tåglinjen längs kusten",
    )
    add_post(
        blog,
        "tva-ar-senare",
        title="Två år senare: vad har vi åstadkommit?",
        date=aware(datetime.datetime(2014, 9, 25, 9, 0)),
        authors=[carina, johan],
        areas=[area["A"], area["B"], area["C"], area["D"]],
        tags=["slutrapport", "pendling"],
        intro="Projektet avslutas den 30 september. Här är det viktigaste vi lärt oss.",
        body=paragraphs(
            "Arbetsgivare från båda kommunerna har träffats regelbundet, regionens styrkor "
            "finns beskrivna på ett ställe och fler känner till grannkommunen.",
            "Samverkan fortsätter i de ordinarie organisationerna. Slutrapporten lämnas till "
            "styrgruppen i oktober.",
        ),
    )


def load_guest_draft(blog, authors):
    """A guest writer's draft in review, so project leaders see the workflow at work."""
    slug = "gastinlagg-fran-handelskammaren"
    if BlogPostPage.objects.child_of(blog).filter(slug=slug).exists():
        return
    writer = get_user_model().objects.filter(username="gastskribent").first()
    draft = BlogPostPage(
        title="Gästinlägg: företagen vill rekrytera i hela regionen",
        slug=slug,
        live=False,
        owner=writer,
        date=aware(datetime.datetime(2014, 5, 5, 9, 0)),
        intro="Ett utkast från en gästskribent som väntar på projektledarnas granskning.",
        body=paragraphs("Utkast: text som projektledarna ska granska innan den publiceras."),
        # Signed by the guest writer's own author, as the editor lets them sign.
        post_authors=[
            BlogPostAuthor(author=ensure_own_author(writer) if writer else authors["per"])
        ],
    )
    blog.add_child(instance=draft)
    draft.save_revision(user=writer)
    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW, active=True).first()
    if workflow and writer:
        workflow.start(draft, writer)


def load_english(blog):
    """The blog and its last post in English, below the English home page (website's
    demo). The post quotes the project's Swedish motto, marked as Swedish."""
    publish_translation(
        blog,
        "en",
        title="Blog",
        slug="blog",
        intro=(
            "The project managers and guest writers on the work towards a shared labour "
            "market region: meetings, conferences, press coverage and results."
        ),
    )
    post = BlogPostPage.objects.child_of(blog).filter(slug="tva-ar-senare").first()
    if post is None:
        return
    english = publish_translation(
        post,
        "en",
        title="Two years on: what have we achieved?",
        slug="two-years-on",
        intro="The project ends on 30 September. These are the main things we have learned.",
        body=[
            *paragraphs(
                "Employers from both municipalities have met regularly, the region's "
                "strengths are described in one place, and more people know what the "
                "neighbouring municipality has to offer.",
            ),
            (
                "quote",
                {
                    "quote": demo_data.CONTACT["tagline"],
                    "attribution": "The project's motto",
                    "language": "sv",
                },
            ),
            *paragraphs(
                "The cooperation goes on in the partners' own organisations. The final report "
                "goes to the steering group in October.",
            ),
        ],
    )
    # Dated like the Swedish post it translates.
    BlogPostPage.objects.filter(pk=english.pk).update(
        first_published_at=post.first_published_at, last_published_at=post.last_published_at
    )


# The second, invented project's blog and calendar (core/demo_data.py's SECOND_PROJECT), on
# its own site: (slug, title, day, author, work areas, intro, text).
SECOND_AUTHORS = [
    ("Sara Nyberg", "Norrby kommun (exempel)", "Projektledare", False),
    ("Amira Haddad", "Norrby yrkeshögskola (exempel)", "Studerande", True),
]
SECOND_POSTS = [
    ("valkommen", "Välkommen till exempelprojektet Kompetenslyft Norr",
     datetime.datetime(2012, 3, 5, 9, 0), "sara", "AB",
     "Det här är ett påhittat projekt med exempeldata. Det visar hur ett andra projekt får "
     "en egen webbplats i samma installation.",
     "I exempelprojektet ska vuxna i Norrby kunna läsa yrkeskurser på hemorten och få det "
     "de redan kan validerat på arbetsplatsen. Här på bloggen berättar projektledningen "
     "hur arbetet går."),
    ("arbetsgivarnas-behov", "Arbetsgivarna berättar vad de saknar",
     datetime.datetime(2012, 5, 28, 10, 0), "sara", "A",
     "Exempeldata: tjugo arbetsgivare har svarat på vilka yrken de har svårt att rekrytera "
     "till.",
     "Svetsare, undersköterskor och fordonstekniker nämns oftast. Distanskursen i "
     "svetsning blir därför den första kursen i projektet."),
    ("handledarna-utbildade", "De första handledarna är utbildade",
     datetime.datetime(2012, 6, 21, 14, 0), "sara", "B",
     "Exempeldata: tolv arbetsplatshandledare har gått projektets handledarutbildning.",
     "Handledarna tar emot kursdeltagarnas praktik och hjälper till när en anställds "
     "kunnande ska bedömas på arbetsplatsen."),
    ("gastinlagg-svetsa-hemifran", "Gästinlägg: att läsa svetsning hemifrån",
     datetime.datetime(2012, 9, 24, 8, 30), "amira", "A",
     "En påhittad deltagare i distanskursen berättar om de första veckorna (exempeltext).",
     "Teorin läser jag på kvällarna, och svetsningen övar jag hos en verkstad tio minuter "
     "hemifrån. Utan distanskursen hade jag behövt flytta för att utbilda mig."),
    ("validering-aldreomsorgen", "Valideringen i äldreomsorgen har börjat",
     datetime.datetime(2012, 10, 15, 9, 0), "sara", "B",
     "Exempeldata: de första undersköterskorna får sitt kunnande bedömt på arbetsplatsen.",
     "Den som har arbetat länge i äldreomsorgen utan formell utbildning kan nu få sina "
     "kunskaper bedömda och läsa bara de kurser som saknas."),
]  # fmt: skip


def load_second(stdout):
    """The second project's blog with five posts and its calendar with two events, below
    its own site's home page (the project's public root, set by governance's demo)."""
    project = Project.objects.filter(slug=demo_data.SECOND_PROJECT["slug"]).first()
    if project is None or project.public_root is None:
        return
    home = project.public_root
    if home.get_children().filter(slug="blogg").exists():
        return
    areas = {area.code: area for area in project.work_areas.all()}
    authors = {}
    for name, organisation, role_title, is_guest in SECOND_AUTHORS:
        authors[name.split()[0].lower()], _created = Author.objects.get_or_create(
            name=name,
            defaults={
                "organisation": organisation,
                "role_title": role_title,
                "is_guest": is_guest,
                "person": Person.objects.filter(name=name).first(),
                "bio": f"{role_title}, {organisation}. Exempelperson i ett påhittat projekt.",
            },
        )
    blog = BlogIndexPage(
        title="Blogg",
        slug="blogg",
        show_in_menus=True,
        intro="Exempeldata: projektledningen och gäster skriver om exempelprojektet.",
        project=project,
    )
    home.add_child(instance=blog)
    blog.save_revision().publish()
    calendar = EventIndexPage(
        title="Kalender",
        slug="kalender",
        show_in_menus=True,
        intro="Exempeldata: träffar och seminarier i exempelprojektet.",
    )
    home.add_child(instance=calendar)
    calendar.save_revision().publish()
    for slug, title, day, author, codes, intro, text in SECOND_POSTS:
        add_post(
            blog,
            slug,
            title=title,
            date=aware(day),
            authors=[authors[author]],
            areas=[areas[code] for code in codes],
            tags=["exempeldata"],
            intro=intro,
            body=paragraphs(text),
        )
    add_event(
        calendar,
        "informationstraff-distanskurs",
        title="Informationsträff om distanskursen i svetsning",
        start=aware(datetime.datetime(2012, 6, 12, 18, 0)),
        end=aware(datetime.datetime(2012, 6, 12, 19, 30)),
        place_name="Biblioteket i Norrby (exempel)",
        organiser="Projektledningen",
        intro="Exempeldata: om kursen, praktikplatserna och hur man söker.",
        areas=[areas["A"]],
    )
    add_event(
        calendar,
        "seminarium-validering",
        title="Erfarenhetsseminarium om validering",
        start=aware(datetime.datetime(2013, 11, 14, 9, 30)),
        end=aware(datetime.datetime(2013, 11, 14, 15, 0)),
        place_name="Kommunhuset i Norrby (exempel)",
        organiser="Region Nord (exempel)",
        intro="Exempeldata: arbetsgivare och handledare berättar vad valideringen gav.",
        signup_email=demo_data.SECOND_CONTACT["email"],
        areas=[areas["B"]],
    )
    stdout.write(f"Blogg och kalender för {project.short_name} (exempeldata).")


def load(stdout):
    # website's demo, loaded first, made the default site's root page the home page
    home = Site.objects.get(is_default_site=True).root_page
    areas = {
        area.code: area for area in WorkArea.objects.filter(project__slug=demo_data.PROJECT["slug"])
    }
    if len(areas) < 4:
        stdout.write("Blog demo skipped: the demo project's work areas are missing.")
        return
    authors = load_authors()
    blog, calendar = load_indexes(home)
    images = {
        "kick_off": draw_demo_image("Kick-off i Rådhuset", colour=(120, 40, 40)),
        "conference": draw_demo_image("Regional konferens", colour=(30, 90, 60)),
        "hr_day": draw_demo_image("HR-dag Umeå och Örnsköldsvik", colour=(90, 60, 120)),
        "uniaden": draw_demo_image("Uniaden", colour=(0, 90, 140)),
        "region": draw_demo_image("Regionen längs kusten", colour=(20, 70, 110)),
    }
    events = load_events(calendar, areas)
    load_posts(blog, authors, areas, events, images)
    load_guest_draft(blog, authors)
    load_english(blog)
    stdout.write("Blog, news and calendar are in place.")
    load_second(stdout)
