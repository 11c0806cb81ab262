"""Facts about the first user's project, for the demo content.

The facts (names, organisations, roles, dates, places, work areas) come from the project's
own public documents of 2012–2015; every sentence here is written afresh for Lägesbild.
The application never reads those documents at run time.
"""

import datetime

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
}

# One local-only demo account per role. The passwords are public in README.md: never
# run load_demo against a database that is reachable from the internet.
DEMO_USERS = [
    ("admin", "demo-admin-2012", None, "Admin", "Lägesbild"),
    ("projektledare", "demo-projektledare-2012", "Projektledare", "Carina", "Lindberg"),
    ("gastskribent", "demo-gastskribent-2012", "Gästskribent", "Malin", "Gäst"),
    ("styrgrupp", "demo-styrgrupp-2012", "Styrgrupp", "Anna", "Olofsson"),
    ("projektgrupp", "demo-projektgrupp-2012", "Projektgrupp", "Camilla", "Fahlander"),
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
