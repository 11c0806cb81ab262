"""Facts about the first user's project, for the demo content.

The facts (names, organisations, roles, dates, places, work areas) come from the project's
own public documents of 2012–2015; every sentence here is written afresh for Lägesbild.
The application never reads those documents at run time.
"""

import datetime

from core import roles

PROJECT = {
    "name": "En gemensam funktionell arbetsmarknadsregion Örnsköldsvik–Umeåregionen",
    "short_name": "Arbetsmarknadsregionen",
    "slug": "arbetsmarknadsregionen",
    "start": datetime.date(2012, 10, 1),
    "end": datetime.date(2014, 9, 30),
    "effect_goal": (
        "Örnsköldsvik och Umeåregionen fungerar som en arbetsmarknad: fler pendlar mellan "
        "kommunerna, arbetsgivare rekryterar i hela regionen och invånarna ser regionen som "
        "sin. Det formella kriteriet för en gemensam arbetsmarknadsregion är att minst 7,5 % "
        "pendlar mellan kommunerna."
    ),
    "background": (
        "Kommunerna sökte regionala utvecklingsmedel hos Tillväxtverket våren 2012 men fick "
        "avslag. I oktober 2012 valde Örnsköldsvik och Umeåregionen att ändå genomföra "
        "aktiviteterna med egen finansiering."
    ),
}

WORK_AREAS = [
    {
        "code": "A",
        "title": "Från två lokala arbetsmarknader till en region",
        "goal": (
            "Arbetsgivare på båda orterna möts, byter erfarenheter och börjar se den andra "
            "kommunens arbetskraft och arbetsplatser som sina egna."
        ),
    },
    {
        "code": "B",
        "title": "Synliga styrkor för konkurrenskraft och rekrytering",
        "goal": (
            "Regionens samlade attraktionskraft beskrivs på ett ställe, så att arbetsgivare "
            "kan använda den när de rekryterar."
        ),
    },
    {
        "code": "C",
        "title": "En gemensam regional identitet",
        "goal": (
            "Opinionsbildning och fritidsresor inom regionen gör att invånarna känner sig "
            "hemma i hela regionen, inte bara i sin egen kommun."
        ),
    },
    {
        "code": "D",
        "title": "Samverkan över kommun- och länsgränser",
        "goal": (
            "Kommunerna prövar nya former för samarbete och fördjupar det som redan fungerar, "
            "trots att gränsen mellan Västerbotten och Västernorrland går emellan."
        ),
    },
]

# (name, kind) with kinds as in governance: kommun, region, myndighet, lärosäte,
# näringslivsorganisation, företag, övrigt.
ORGANISATIONS = [
    ("Umeå kommun", "kommun"),
    ("Örnsköldsviks kommun", "kommun"),
    ("Nordmalings kommun", "kommun"),
    ("Umeåregionen", "region"),
    ("Handelskammaren Västerbotten", "naringsliv"),
    ("Industrigruppen Örnsköldsvik", "naringsliv"),
    ("Umeå universitet", "larosate"),
    ("Arbetsförmedlingen Örnsköldsvik", "myndighet"),
    ("Företagarna Västerbotten/Umeå", "naringsliv"),
    ("Företagarna Örnsköldsvik", "naringsliv"),
]

# (name, organisation, title)
PROJECT_LEADERS = [
    ("Carina Lindberg", "Umeå kommun", "Projektledare, näringslivskontoret"),
    ("Johan Eklund", "Örnsköldsviks kommun", "Projektledare, tillväxtavdelningen"),
]

STEERING_GROUP = [
    ("Anna Olofsson", "Umeå kommun", "Marknadschef"),
    ("Peter Holmqvist", "Örnsköldsviks kommun", "Chef för tillväxtavdelningen"),
    ("Kurt-Allan Egelby", "Umeåregionen", "Kommunchef i Nordmaling"),
    ("Jan Bergmark", "Handelskammaren Västerbotten", "Vd"),
    ("Anna Edblad", "Industrigruppen Örnsköldsvik", "Vd"),
]

PROJECT_GROUP = [
    ("Camilla Fahlander", "Umeå universitet", ""),
    ("Per Renström", "Arbetsförmedlingen Örnsköldsvik", ""),
    ("Runa Sörstam", "Arbetsförmedlingen Örnsköldsvik", ""),
    ("Roland Carlsson", "Umeå kommun", "Näringslivschef"),
    ("Emmy Sundin", "Umeå kommun", ""),
    ("Frida Bylin", "Örnsköldsviks kommun", ""),
    ("Hanna Wallin", "Örnsköldsviks kommun", ""),
    ("Erik Sedig", "Umeåregionen", ""),
    ("Thorbjörn Halvardsson", "Företagarna Västerbotten/Umeå", ""),
    ("Lena Sellin", "Företagarna Örnsköldsvik", ""),
    ("Kristina Svensson", "Industrigruppen Örnsköldsvik", ""),
    ("Gunilla Lindner", "Handelskammaren Västerbotten", ""),
]

EVENTS = {
    "kick_off": {
        "title": "Intern kick-off för arbetsmarknadsregionen",
        "start": datetime.datetime(2012, 10, 22, 9, 0),
        "end": datetime.datetime(2012, 10, 22, 16, 0),
        "place": "Rådhuset, Umeå",
    },
    "engagement_party": {
        "title": "Förlovningsfesten i Örnsköldsvik",
        "start": datetime.datetime(2012, 10, 31, 19, 0),
        "end": datetime.datetime(2012, 10, 31, 21, 0),
        "place": "Örnsköldsvik",
    },
    "regional_conference": {
        "title": "Regional konferens om regionalt ledarskap",
        "start": datetime.datetime(2012, 11, 16, 9, 0),
        "end": datetime.datetime(2012, 11, 16, 16, 0),
        "place": "Örnsköldsvik",
        "signup_deadline": datetime.date(2012, 11, 5),
        "signup_email": "tillvaxt@ornskoldsvik.se",
    },
    "uniaden": {
        "title": "Uniaden: gemensam monter på arbetsmarknadsdagen",
        "start": datetime.datetime(2013, 1, 28, 10, 0),
        "end": datetime.datetime(2013, 1, 28, 16, 0),
        "place": "Umeå universitet",
    },
}

MEDIA_OUTLETS = [
    "SVT Mittnytt",
    "SVT Västerbottensnytt",
    "Sveriges Radio Västernorrland",
    "Örnsköldsviks Allehanda",
    "Västerbottens-Kuriren",
]

CONTACT = {
    "organisation_name": "Arbetsmarknadsregionen Örnsköldsvik–Umeåregionen",
    "tagline": "Två lokala arbetsmarknader blir en",
    "email": "tillvaxt@ornskoldsvik.se",
    "postal_address": "Örnsköldsviks kommun\nTillväxtavdelningen\n891 88 Örnsköldsvik",
    "funder_statement": (
        "Projektet finansieras av Umeå kommun och Örnsköldsviks kommun med egna medel, "
        "utan bidrag från EU eller staten."
    ),
}

# The guest writer of the blog, who has an account and sits in the project's body of guest
# writers (a placeholder name: the real blog's guests are in BLOG_AUTHORS).
GUEST_WRITERS = [("Malin Gäst", None, "Gästskribent")]

# One local-only demo account per role. The passwords are public in README.md: never
# run load_demo against a database that is reachable from the internet. The role is the
# one the user's person holds in the project through their membership (the project leader
# Carina Lindberg sits in the project management, …); only the superuser holds rights
# outside a project.
DEMO_USERS = [
    ("admin", "demo-admin-2012", None, "Admin", "Lägesbild"),
    ("projektledare", "demo-projektledare-2012", "Projektledare", "Carina", "Lindberg"),
    ("gastskribent", "demo-gastskribent-2012", "Gästskribent", "Malin", "Gäst"),
    ("styrgrupp", "demo-styrgrupp-2012", "Styrgrupp", "Anna", "Olofsson"),
    ("projektgrupp", "demo-projektgrupp-2012", "Projektgrupp", "Camilla", "Fahlander"),
]

# An example of a detailed activity plan. The project description names the work areas
# and what each is about; the breakdown into activities, dates and statuses is invented
# for the demo and says so in every description.
# (code, title, responsible organisation, responsible person, planned start, planned end,
#  status, progress, actual start, actual end)
EXAMPLE_ACTIVITY_NOTE = "Exempeldata för demonstrationen, inte projektets verkliga plan."
ACTIVITIES = [
    (
        "A.1",
        "Kick-off för projektgruppen",
        "Umeå kommun",
        "Carina Lindberg",
        datetime.date(2012, 10, 1),
        datetime.date(2012, 10, 31),
        "klar",
        100,
        datetime.date(2012, 10, 1),
        datetime.date(2012, 10, 22),
    ),
    (
        "A.2",
        "Nätverksträffar för HR-chefer i båda kommunerna",
        "Örnsköldsviks kommun",
        "Johan Eklund",
        datetime.date(2012, 11, 1),
        datetime.date(2013, 6, 30),
        "klar",
        100,
        datetime.date(2012, 11, 15),
        datetime.date(2013, 6, 14),
    ),
    (
        "A.3",
        "Arbetsgivarträffar på pendlingsstråket",
        "Handelskammaren Västerbotten",
        "Jan Bergmark",
        datetime.date(2013, 2, 1),
        datetime.date(2014, 5, 31),
        "pagar",
        60,
        datetime.date(2013, 3, 1),
        None,
    ),
    (
        "A.4",
        "Gemensam monter på arbetsmarknadsdagen Uniaden",
        "Umeå universitet",
        "Camilla Fahlander",
        datetime.date(2013, 1, 7),
        datetime.date(2013, 1, 31),
        "klar",
        100,
        datetime.date(2013, 1, 7),
        datetime.date(2013, 1, 28),
    ),
    (
        "A.5",
        "Praktikplatser över kommungränsen",
        "Arbetsförmedlingen Örnsköldsvik",
        "Per Renström",
        datetime.date(2013, 9, 1),
        datetime.date(2014, 6, 30),
        "forsenad",
        25,
        datetime.date(2013, 11, 1),
        None,
    ),
    (
        "B.1",
        "Kartläggning av regionens attraktionsfaktorer",
        "Umeå kommun",
        "Emmy Sundin",
        datetime.date(2012, 11, 1),
        datetime.date(2013, 4, 30),
        "klar",
        100,
        datetime.date(2012, 11, 1),
        datetime.date(2013, 5, 20),
    ),
    (
        "B.2",
        "Gemensam rekryteringsportal för regionen",
        "Umeåregionen",
        "Erik Sedig",
        datetime.date(2013, 5, 1),
        datetime.date(2014, 3, 31),
        "pagar",
        45,
        datetime.date(2013, 6, 1),
        None,
    ),
    (
        "B.3",
        "Material om regionen för arbetsgivarnas rekrytering",
        "Örnsköldsviks kommun",
        "Frida Bylin",
        datetime.date(2013, 9, 1),
        datetime.date(2014, 2, 28),
        "pagar",
        70,
        datetime.date(2013, 9, 15),
        None,
    ),
    (
        "B.4",
        "Statistik över pendling och rekrytering",
        "Umeå universitet",
        "Camilla Fahlander",
        datetime.date(2014, 1, 1),
        datetime.date(2014, 8, 31),
        "planerad",
        0,
        None,
        None,
    ),
    (
        "C.1",
        "Förlovningsfesten i Örnsköldsvik",
        "Örnsköldsviks kommun",
        "Johan Eklund",
        datetime.date(2012, 10, 15),
        datetime.date(2012, 10, 31),
        "klar",
        100,
        datetime.date(2012, 10, 15),
        datetime.date(2012, 10, 31),
    ),
    (
        "C.2",
        "Regional konferens om ledarskap",
        "Örnsköldsviks kommun",
        "Hanna Wallin",
        datetime.date(2012, 10, 1),
        datetime.date(2012, 11, 30),
        "klar",
        100,
        datetime.date(2012, 10, 1),
        datetime.date(2012, 11, 16),
    ),
    (
        "C.3",
        "Fritidsresor: upptäck grannkommunen",
        "Umeåregionen",
        "Erik Sedig",
        datetime.date(2013, 4, 1),
        datetime.date(2013, 9, 30),
        "klar",
        100,
        datetime.date(2013, 4, 15),
        datetime.date(2013, 9, 30),
    ),
    (
        "C.4",
        "Medverkan i regionala medier",
        "Umeå kommun",
        "Carina Lindberg",
        datetime.date(2012, 10, 1),
        datetime.date(2014, 9, 30),
        "pagar",
        65,
        datetime.date(2012, 10, 1),
        None,
    ),
    (
        "C.5",
        "Bloggen som kanal till allmänheten",
        "Örnsköldsviks kommun",
        "Johan Eklund",
        datetime.date(2012, 10, 1),
        datetime.date(2014, 9, 30),
        "pagar",
        70,
        datetime.date(2012, 10, 15),
        None,
    ),
    (
        "C.6",
        "Gemensam sommarkampanj",
        "Umeåregionen",
        "Erik Sedig",
        datetime.date(2014, 4, 1),
        datetime.date(2014, 8, 31),
        "installd",
        0,
        None,
        None,
    ),
    (
        "D.1",
        "Kartlägga befintlig samverkan mellan kommunerna",
        "Umeåregionen",
        "Kurt-Allan Egelby",
        datetime.date(2012, 10, 1),
        datetime.date(2013, 3, 31),
        "klar",
        100,
        datetime.date(2012, 10, 1),
        datetime.date(2013, 3, 28),
    ),
    (
        "D.2",
        "Studieresa till en annan arbetsmarknadsregion",
        "Örnsköldsviks kommun",
        "Peter Holmqvist",
        datetime.date(2013, 3, 1),
        datetime.date(2013, 10, 31),
        "klar",
        100,
        datetime.date(2013, 5, 1),
        datetime.date(2013, 10, 10),
    ),
    (
        "D.3",
        "Förslag till samverkansformer över länsgränsen",
        "Umeå kommun",
        "Anna Olofsson",
        datetime.date(2013, 9, 1),
        datetime.date(2014, 4, 30),
        "pagar",
        40,
        datetime.date(2013, 10, 1),
        None,
    ),
    (
        "D.4",
        "Samverkan med näringslivets organisationer",
        "Industrigruppen Örnsköldsvik",
        "Anna Edblad",
        datetime.date(2013, 1, 1),
        datetime.date(2014, 6, 30),
        "pagar",
        55,
        datetime.date(2013, 2, 1),
        None,
    ),
    (
        "D.5",
        "Slutrapport och erfarenhetsseminarium",
        "Örnsköldsviks kommun",
        "Johan Eklund",
        datetime.date(2014, 6, 1),
        datetime.date(2014, 9, 30),
        "planerad",
        0,
        None,
        None,
    ),
]

# Who signs the demo blog: (name, organisation, role title, guest writer?). The project
# blog was written by the project leaders and Frida at Örnsköldsviks kommun, with guest
# posts from partners.
BLOG_AUTHORS = [
    ("Carina Lindberg", "Umeå kommun", "Projektledare, näringslivskontoret", False),
    ("Johan Eklund", "Örnsköldsviks kommun", "Projektledare, tillväxtavdelningen", False),
    ("Frida Bylin", "Örnsköldsviks kommun", "Kommunikatör, tillväxtavdelningen", False),
    ("Birgith Larserud", "Örnsköldsviks kommun", "HR-chef", True),
    ("Per Renström", "Arbetsförmedlingen Örnsköldsvik", "Arbetsförmedlare", True),
]

# Speakers and guests named in the project's own reports of 2012.
KICK_OFF_SPEAKERS = [
    ("Roland Carlsson", "näringslivschef, Umeå kommun"),
    ("Kerstin Westin", "professor i kulturgeografi, Umeå universitet"),
    ("Ulf Arumskog", "utvecklingsledare, Norrköpings kommun"),
]
CONFERENCE_KEYNOTE = ("Dan Hjalmarsson", "generaldirektör, Tillväxtanalys")

# The report to the funder (governance/funder_report): the funder, its cost types with the
# project's cost categories mapped to them, and the flat rate for indirect costs as a
# percentage of personnel. Example settings for the demonstration, not the project's own:
# the project was refused regional funds in 2012 and financed itself (PROJECT's background),
# so the funder is an example one with Tillväxtverket's cost types.
FUNDER_REPORT = {
    "funder": "Exempelfinansiären (Tillväxtverkets kostnadsslag)",
    "case_number": "20XX-0000 (exempel)",
    "flat_rate_percent": "15.00",
    "flat_rate_label": "Schablon för indirekta kostnader",
    "working_methods": (
        "Exempeltext för demonstrationen. Projektet drivs gemensamt av Umeå kommun och "
        "Örnsköldsviks kommun med en projektledare i varje kommun. Styrgruppen med "
        "företrädare för kommunerna och regionen följer upp arbetet kvartalsvis och "
        "fattar beslut om budget och ändringar; projektgruppen genomför aktiviteterna "
        "i fyra arbetsområden."
    ),
}
# (the funder's cost type, kind "kostnad"/"intakt", basis of the flat rate, our categories)
FUNDER_COST_TYPES = [
    ("Personal", "kostnad", True, ["Personal"]),
    ("Externa tjänster", "kostnad", False, ["Externa tjänster"]),
    ("Resor och logi", "kostnad", False, ["Resor"]),
    ("Lokaler", "kostnad", False, ["Lokaler"]),
    ("Investeringar och utrustning", "kostnad", False, ["Utrustning"]),
    ("Övriga kostnader", "kostnad", False, ["Övrigt"]),
]


# ---------------------------------------------------------------------------------------
# The second demo project: invented from start to end, so that the demo shows several
# projects in one installation, each with its own people, data and public site. Nothing
# here is about a real project, organisation or person, and every text says it is an example.
# It starts before the first project, so that the first stays the one an administrator
# who sees both is shown first (projects are listed newest first).

SECOND_PROJECT = {
    "name": "Exempelprojektet Kompetenslyft Norr (exempeldata)",
    "short_name": "Kompetenslyft Norr",
    "slug": "kompetenslyft-norr",
    "start": datetime.date(2012, 3, 1),
    "end": datetime.date(2013, 12, 31),
    "effect_goal": (
        "Exempeldata: fler vuxna i Norrby kan utbilda sig till de yrken som arbetsgivarna "
        "saknar utan att flytta, och det de redan kan räknas dem till godo."
    ),
    "background": (
        "Ett påhittat projekt som visar hur flera projekt delar en installation av "
        "Lägesbild: egna personer, egen budget, egna beslut och en egen webbplats."
    ),
    # Its own public site (a Wagtail Site); `make run` serves it at
    # http://kompetens.localhost:8000/ (browsers send *.localhost to this machine).
    "hostname": "kompetens.localhost",
    "home_slug": "kompetenslyft-norr",
}

SECOND_CONTACT = {
    "organisation_name": "Kompetenslyft Norr (exempelprojekt)",
    "tagline": "Exempelwebbplats för ett påhittat projekt",
    "email": "kompetenslyft@example.se",
    "postal_address": "Norrby kommun (exempel)\nBox 1\n999 99 Norrby",
    "funder_statement": (
        "Exempeldata: projektet och dess finansiering är påhittade för demonstrationen."
    ),
}

SECOND_WORK_AREAS = [
    {
        "code": "A",
        "title": "Yrkesutbildning på distans",
        "goal": "Vuxna kan läsa yrkeskurser på hemorten med praktik hos lokala arbetsgivare.",
    },
    {
        "code": "B",
        "title": "Validering på arbetsplatsen",
        "goal": "Det en anställd redan kan bedöms på arbetsplatsen och ger betyg eller intyg.",
    },
]

SECOND_ORGANISATIONS = [
    ("Norrby kommun (exempel)", "kommun"),
    ("Region Nord (exempel)", "region"),
    ("Norrby yrkeshögskola (exempel)", "larosate"),
    ("Företagarföreningen Norrby (exempel)", "naringsliv"),
]

# (name, organisation, title, body, login). Each person gets a user account with rights
# in this project only, through the membership in their body.
SECOND_PEOPLE = [
    ("Sara Nyberg", "Norrby kommun (exempel)", "Projektledare", "projektledning",
     "kompetens-projektledare"),
    ("Eva Strand", "Region Nord (exempel)", "Utvecklingsstrateg", "styrgrupp",
     "kompetens-styrgrupp1"),
    ("Mats Lindahl", "Norrby kommun (exempel)", "Förvaltningschef", "styrgrupp",
     "kompetens-styrgrupp2"),
    ("Karin Åström", "Företagarföreningen Norrby (exempel)", "Ordförande", "styrgrupp",
     "kompetens-styrgrupp3"),
    ("Jonas Wiklund", "Norrby yrkeshögskola (exempel)", "Utbildningsledare", "projektgrupp",
     "kompetens-projektgrupp1"),
    ("Lina Berg", "Norrby kommun (exempel)", "Studie- och yrkesvägledare", "projektgrupp",
     "kompetens-projektgrupp2"),
    ("Amira Haddad", "Norrby yrkeshögskola (exempel)", "Studerande", "gastskribenter",
     "kompetens-gastskribent"),
]  # fmt: skip
SECOND_CHAIR = "Eva Strand"

SECOND_ACTIVITY_NOTE = "Exempeldata: aktiviteten är påhittad för demonstrationen."
# As ACTIVITIES: (code, title, responsible organisation, responsible person, planned start,
# planned end, status, progress, actual start, actual end)
SECOND_ACTIVITIES = [
    ("A.1", "Behovsinventering hos arbetsgivarna", "Norrby kommun (exempel)", "Lina Berg",
     datetime.date(2012, 3, 1), datetime.date(2012, 5, 31), "klar", 100,
     datetime.date(2012, 3, 5), datetime.date(2012, 5, 25)),
    ("A.2", "Distanskurs i svetsning med lokal praktik", "Norrby yrkeshögskola (exempel)",
     "Jonas Wiklund", datetime.date(2012, 8, 20), datetime.date(2013, 6, 14), "pagar", 50,
     datetime.date(2012, 8, 27), None),
    ("A.3", "Gemensam lärplattform för yrkeskurserna", "Norrby yrkeshögskola (exempel)",
     "Jonas Wiklund", datetime.date(2013, 1, 7), datetime.date(2013, 10, 31), "planerad", 0,
     None, None),
    ("B.1", "Handledarutbildning för arbetsplatshandledare", "Norrby kommun (exempel)",
     "Sara Nyberg", datetime.date(2012, 4, 1), datetime.date(2012, 6, 30), "klar", 100,
     datetime.date(2012, 4, 10), datetime.date(2012, 6, 20)),
    ("B.2", "Validering av undersköterskor i äldreomsorgen", "Norrby kommun (exempel)",
     "Lina Berg", datetime.date(2012, 9, 1), datetime.date(2013, 9, 30), "pagar", 40,
     datetime.date(2012, 9, 10), None),
    ("B.3", "Erfarenhetsseminarium om validering", "Region Nord (exempel)", "Sara Nyberg",
     datetime.date(2013, 10, 1), datetime.date(2013, 11, 30), "planerad", 0, None, None),
]  # fmt: skip

# The accounts of the second project's people: one public demo password for all of them
# (hashed once: hashing is most of the time an account takes to make).
ROLE_OF_BODY = {
    "projektledning": roles.PROJECT_LEADER,
    "styrgrupp": roles.STEERING_GROUP,
    "projektgrupp": roles.PROJECT_GROUP,
    "gastskribenter": roles.GUEST_WRITER,
}
SECOND_DEMO_PASSWORD = "demo-kompetens-2012"
SECOND_DEMO_USERS = [
    (login, SECOND_DEMO_PASSWORD, ROLE_OF_BODY[body], *name.split(" ", 1))
    for name, _organisation, _title, body, login in SECOND_PEOPLE
]
