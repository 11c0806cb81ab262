"""Demo steering-group meetings 2012–2014 with their decisions, one granted and one
rejected change request, and the public decision register page.

The meetings and decisions are invented example data (the real project's minutes are not
in the sources); names and roles come from core/demo_data.py. Decisions are recorded
through governance/decisions/services.py, as in the admin, so numbers, the audit log and the
granted change request's activity changes are real. Finds what an earlier run made.
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from core import demo_data
from governance.budget.models import BudgetVersion
from governance.decisions import services
from governance.decisions.models import (
    ActivityChange,
    AgendaItem,
    ChangeRequest,
    ChangeRequestAttachment,
    Decision,
    DecisionRegisterPage,
    Meeting,
    MeetingAttendee,
)
from governance.decisions.private_documents import private_collection
from governance.register.models import Activity, Person, Project

STOCKHOLM = ZoneInfo("Europe/Stockholm")
EXAMPLE = "Exempeldata: "

CHAIR = "Peter Holmqvist"
SECRETARY = "Carina Lindberg"
ADJUSTER = "Anna Olofsson"
ABSENT = {datetime.date(2013, 5, 29): "Jan Bergmark", datetime.date(2014, 9, 17): "Anna Edblad"}

REJECTED_REQUEST = {
    "title": "Reviderad budget för 2014",
    "what_changes": "Pengar flyttas från resor i område A till externa tjänster i område C.",
    "reason": "Kampanjen för den gemensamma identiteten behöver köpa in mer produktion.",
    "budget_consequences": "Totalbudgeten ökar med 60 000 kr; område C ökar, resorna i A minskar.",
    "timeline_consequences": "Ingen.",
}
GRANTED_REQUEST = {
    "title": "Förlängd tid för praktikplatser över kommungränsen",
    "what_changes": "Aktivitet A.5 får planerat slut den 31 augusti 2014.",
    "reason": "Arbetsgivarna vill ta emot praktikanter under sommaren, inte bara på våren.",
    "budget_consequences": "Ryms i nuvarande budget för område A.",
    "timeline_consequences": "A.5 slutar två månader senare, före projektets slut.",
}

# (date, hour, place, state, agenda items, decisions); each decision is
# (title, kind, text, extra) with extra naming the agenda item it was taken under (its
# index: 0 is § 1) and a change request, a revocation or secrecy.
MEETINGS = [
    (
        datetime.date(2012, 10, 22),
        13,
        "Rådhuset, Umeå",
        Meeting.State.MINUTES_APPROVED,
        [
            "Mötets öppnande",
            "Projektplan och budget",
            "Styrgruppens arbetsformer",
            "Gemensamma lokaler",
        ],
        [
            (
                "Projektplan och budget fastställs",
                Decision.Kind.BUDGET,
                "Styrgruppen fastställer projektplanen med arbetsområdena A–D och budgeten "
                "för hela projektperioden enligt version 1.",
                {
                    "item": 1,
                    "basis": (
                        "Beslutsunderlag: projektplan och budget version 1",
                        "underlag-projektplan-budget-v1.pdf",
                        ["Arbetsområden A–D och budget för 2012–2014."],
                    ),
                },
            ),
            (
                "Styrgruppen möts fyra gånger per år",
                Decision.Kind.PROJECT_PLAN,
                "Styrgruppen möts en gång per kvartal. Projektledarna kallar och skickar "
                "underlag senast en vecka före mötet.",
                {"item": 2},
            ),
            (
                "Förhandling om gemensamma lokaler",
                Decision.Kind.OTHER,
                "Projektledarna får i uppdrag att förhandla om lokaler. Beslutet omfattas "
                "av sekretess tills avtalet är klart.",
                {"item": 3, "is_confidential": True},
            ),
        ],
    ),
    (
        datetime.date(2013, 5, 29),
        9,
        "Arken, Örnsköldsvik",
        Meeting.State.MINUTES_APPROVED,
        ["Lägesrapport", "Ändringsförslag: reviderad budget för 2014", "Mötesformer"],
        [
            (
                "Lägesrapporten för första kvartalet godkänns",
                Decision.Kind.OTHER,
                "Styrgruppen godkänner lägesrapporten och noterar att budgeten följs.",
                {"item": 0},
            ),
            (
                "Reviderad budget för 2014 avslås",
                Decision.Kind.BUDGET,
                "Styrgruppen avslår förslaget. Frågan tas upp igen när utfallet för 2013 är känt.",
                {"item": 1, "change_request": "rejected"},
            ),
            (
                "Styrgruppen möts varannan månad",
                Decision.Kind.PROJECT_PLAN,
                "Under projektets mest intensiva år möts styrgruppen varannan månad. "
                "Beslutet ersätter beslutet om fyra möten per år.",
                {"item": 2, "revokes": (2012, 2)},
            ),
        ],
    ),
    (
        datetime.date(2013, 11, 20),
        13,
        "Stadshuset, Umeå",
        Meeting.State.MINUTES_APPROVED,
        ["Lägesrapport", "Ändringsförslag: förlängd tid för praktikplatser"],
        [
            (
                "Förlängd tid för praktikplatser bifalls",
                Decision.Kind.TIMELINE,
                "Styrgruppen bifaller ändringsförslaget. Aktivitet A.5 får planerat slut "
                "den 31 augusti 2014.",
                {"item": 1, "change_request": "granted"},
            ),
        ],
    ),
    (
        datetime.date(2014, 9, 17),
        13,
        "Arken, Örnsköldsvik",
        Meeting.State.HELD,
        ["Slutrapport", "Projektets avslutning"],
        [
            (
                "Projektet avslutas",
                Decision.Kind.CLOSING,
                "Styrgruppen godkänner slutrapporten och avslutar projektet den 30 september "
                "2014. Protokollet justeras vid nästa möte.",
                {"item": 1},
            ),
        ],
    ),
]


def load_change_requests(project):
    # The rejected request carries the budget demo's draft revision, which stays a draft.
    draft = BudgetVersion.objects.filter(project=project, number=2).first()
    rejected, _created = ChangeRequest.objects.get_or_create(
        project=project,
        title=REJECTED_REQUEST["title"],
        defaults={
            **REJECTED_REQUEST,
            "budget_version": draft,
            "state": ChangeRequest.State.SUBMITTED,
        },
    )
    granted, created = ChangeRequest.objects.get_or_create(
        project=project,
        title=GRANTED_REQUEST["title"],
        defaults={**GRANTED_REQUEST, "state": ChangeRequest.State.SUBMITTED},
    )
    placements = Activity.objects.filter(work_area__project=project, code="A.5").first()
    if created:
        ChangeRequestAttachment.objects.create(
            change_request=granted,
            document=demo_document(
                "Arbetsgivarnas önskemål om praktik under sommaren",
                "onskemal-praktik-sommar.pdf",
                ["Sammanställning av svar från 14 arbetsgivare i Umeå och Örnsköldsvik."],
            ),
        )
    if created and placements:
        ActivityChange.objects.create(
            change_request=granted,
            kind=ActivityChange.Kind.RESCHEDULE,
            activity=placements,
            planned_end=datetime.date(2014, 8, 31),
        )
    return {"rejected": rejected, "granted": granted}


# Who sits at the first project's meetings: the steering group with its chair, secretary
# and adjuster, and who was away from which meeting.
FIRST_CAST = {
    "members": [name for name, _organisation, _title in demo_data.STEERING_GROUP],
    "roles": {CHAIR: "ordforande", SECRETARY: "sekreterare", ADJUSTER: "justerare"},
    "secretary": SECRETARY,
    "absent": ABSENT,
}

# The second, invented project (core/demo_data.py's SECOND_PROJECT): one meeting with two
# decisions and approved minutes; the project leader keeps the minutes.
SECOND_SECRETARY = "Sara Nyberg"
SECOND_CAST = {
    "members": [name for name, _o, _t, body, _l in demo_data.SECOND_PEOPLE if body == "styrgrupp"],
    "roles": {demo_data.SECOND_CHAIR: "ordforande", "Mats Lindahl": "justerare"},
    "secretary": SECOND_SECRETARY,
    "absent": {},
}
SECOND_MEETINGS = [
    (
        datetime.date(2012, 3, 20),
        10,
        "Kommunhuset, Norrby (exempel)",
        Meeting.State.MINUTES_APPROVED,
        ["Mötets öppnande", "Projektplan och budget", "Kursstart"],
        [
            (
                "Projektplan och budget fastställs",
                Decision.Kind.BUDGET,
                "Styrgruppen fastställer projektplanen med arbetsområdena A och B och budgeten "
                "för 2012–2013 enligt version 1.",
                {"item": 1},
            ),
            (
                "Distanskursen i svetsning startar i augusti",
                Decision.Kind.PROJECT_PLAN,
                "Den första distanskursen startar i augusti 2012 med praktik hos tre "
                "arbetsgivare i Norrby.",
                {"item": 2},
            ),
        ],
    ),
]


def load_meeting(project, people, requests, user, facts, cast=FIRST_CAST):
    day, hour, place, state, agenda, recorded = facts
    starts_at = datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)
    meeting, created = Meeting.objects.get_or_create(
        project=project,
        body=Meeting.Body.STEERING_GROUP,
        starts_at=starts_at,
        defaults={"place": place, "agenda_published": True},
    )
    if not created:
        return meeting
    for order, name in enumerate(cast["members"]):
        MeetingAttendee.objects.create(
            meeting=meeting,
            person=people[name],
            role=cast["roles"].get(name, ""),
            present=cast["absent"].get(day) != name,
            sort_order=order,
        )
    secretary = people[cast["secretary"]]
    MeetingAttendee.objects.create(
        meeting=meeting, person=secretary, role="sekreterare", sort_order=99
    )
    items = [
        AgendaItem.objects.create(
            meeting=meeting, title=title, presenter=secretary, sort_order=order
        )
        for order, title in enumerate(agenda)
    ]
    for title, kind, text, extra in recorded:
        decision = Decision(meeting=meeting, title=title, kind=kind, text=EXAMPLE + text)
        decision.agenda_item = items[extra["item"]]
        decision.is_confidential = extra.get("is_confidential", False)
        if "change_request" in extra and requests[extra["change_request"]].state == "inlamnat":
            decision.change_request = requests[extra["change_request"]]
            decision.change_request_outcome = (
                Decision.Outcome.GRANTED
                if extra["change_request"] == "granted"
                else Decision.Outcome.REJECTED
            )
        if "revokes" in extra:
            year, sequence = extra["revokes"]
            decision.revokes = Decision.objects.get(project=project, year=year, sequence=sequence)
        decision.full_clean()
        services.record_decision(decision, user=user)
        if "basis" in extra:
            decision.bases.add(demo_document(*extra["basis"]))
    meeting.minutes = EXAMPLE + "Protokollet förs av projektledaren och justeras av ordföranden."
    meeting.registry_number = f"STY {day.year}/{day:%m%d}"
    if state == Meeting.State.MINUTES_APPROVED:
        meeting.signed_minutes = demo_document(
            f"Justerat protokoll {day:%Y-%m-%d}",
            f"protokoll-{day:%Y-%m-%d}.pdf",
            [f"Styrgruppens möte {day:%Y-%m-%d}, {place}.", "Protokollet är justerat."],
        )
    meeting.save()
    # The buttons' services: held, then the minutes approved (which freezes the documents).
    if state in (Meeting.State.HELD, Meeting.State.MINUTES_APPROVED):
        meeting = services.mark_meeting_held(meeting, user=user)
    if state == Meeting.State.MINUTES_APPROVED:
        meeting = services.approve_minutes(meeting, user=user)
    return meeting


def demo_document(title, file_name, lines):
    """A one-page PDF in the private collection of governance documents."""
    document = get_document_model()(title=title, collection=private_collection())
    document.file.save(file_name, ContentFile(demo_pdf([EXAMPLE + title, *lines])), save=False)
    document._set_document_file_metadata()  # size and hash, as the admin's upload sets
    document.save()
    return document


def demo_pdf(lines):
    """A minimal one-page PDF with the lines in Helvetica (Windows-1252, so å, ä, ö and – show)."""
    text = "".join(
        f"BT /F1 12 Tf 72 {760 - 20 * row} Td ({_pdf_text(line)}) Tj ET\n"
        for row, line in enumerate(lines)
    ).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return pdf


def _pdf_text(line):
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def load_register_page(project):
    """The public decision register on the project's own site (its public root, which
    governance's demo set: for the first project, the default site's home page)."""
    if DecisionRegisterPage.objects.filter(project=project).exists():
        return
    page = DecisionRegisterPage(
        title="Beslut",
        slug="beslut",
        project=project,
        show_in_menus=True,
        intro="<p>Styrgruppens beslut är allmänna handlingar. Här finns de när protokollet "
        "är justerat.</p>",
    )
    project.public_root.add_child(instance=page)
    page.save_revision().publish()


def load_second(stdout):
    project = Project.objects.get(slug=demo_data.SECOND_PROJECT["slug"])
    Project.objects.filter(pk=project.pk, plan_approved_on__isnull=True).update(
        plan_approved_on=SECOND_MEETINGS[0][0]
    )
    project.refresh_from_db()
    names = [name for name, *_rest in demo_data.SECOND_PEOPLE]
    people = {person.name: person for person in Person.objects.filter(name__in=names)}
    user = get_user_model().objects.filter(username="kompetens-styrgrupp1").first()
    for facts in SECOND_MEETINGS:
        load_meeting(project, people, {}, user, facts, cast=SECOND_CAST)
    load_register_page(project)


def load(stdout):
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])
    if not Meeting.objects.filter(project=project).exists():
        stdout.write("Styrgruppsmöten och beslut (exempeldata)")
    # The first meeting approves the plan (decision 2012:01): later moves are re-plannings.
    Project.objects.filter(pk=project.pk, plan_approved_on__isnull=True).update(
        plan_approved_on=MEETINGS[0][0]
    )
    project.refresh_from_db()
    people = {person.name: person for person in Person.objects.all()}
    requests = load_change_requests(project)
    user = get_user_model().objects.filter(username="styrgrupp").first()
    for facts in MEETINGS:
        load_meeting(project, people, requests, user, facts)
    load_register_page(project)
    load_second(stdout)
