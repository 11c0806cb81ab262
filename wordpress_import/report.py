"""What an import did (or, in a dry run, would do), counted per kind of object."""

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .fidelity import ELEMENT_KINDS

KINDS = {
    "posts": _("posts"),
    "pages": _("pages"),
    "comments": _("comments"),
    "authors": _("authors"),
    "categories": _("categories"),
    "tags": _("tags"),
    "images": _("images"),
    "redirects": _("redirects"),
}
OUTCOMES = {
    "created": _("created"),
    "updated": _("updated"),
    "matched": _("matched existing"),
    "skipped": _("skipped"),
    "failed": _("failed"),
}
MAX_EXAMPLES = 5


class ImportReport:
    """Outcomes are counted once per object (keyed by its WordPress id or name), however
    often a run meets it; reasons are grouped, with a few examples each."""

    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.outcomes = {kind: {} for kind in KINDS}
        self.reasons = {}  # (kind, outcome, reason) -> {"count": n, "examples": [...]}
        self.fidelity = {}  # (kind, wp id) -> what the page kept of the post; see fidelity.py
        self._pending = None

    # Recording inside a unit of work: kept back until the unit commits ---------------------

    def begin(self):
        self._pending = []

    def commit(self):
        pending, self._pending = self._pending or [], None
        for entry in pending:
            self._record(*entry)

    def discard(self):
        self._pending = None

    def record(self, kind, key, outcome, reason="", example=""):
        if self._pending is not None:
            self._pending.append((kind, key, outcome, reason, example))
        else:
            self._record(kind, key, outcome, reason, example)

    def record_fidelity(self, kind, wp_id, title, page_id, measured):
        # A dry run's pages are rolled back: nothing to link to.
        page_id = None if self.dry_run else page_id
        entry = {"kind": kind, "wp_id": wp_id, "title": str(title), "page_id": page_id}
        entry.update(measured.as_dict(), complete=measured.is_complete)
        if self._pending is not None:
            self._pending.append(("fidelity", (kind, wp_id), entry))
        else:
            self.fidelity[(kind, wp_id)] = entry

    def _record(self, kind, key, outcome, reason="", example=""):
        if kind == "fidelity":
            self.fidelity[key] = outcome
            return
        seen = self.outcomes[kind]
        if seen.get(key) == outcome:
            return
        seen[key] = outcome
        if reason:
            entry = self.reasons.setdefault(
                (kind, outcome, str(reason)), {"count": 0, "examples": []}
            )
            entry["count"] += 1
            if example and len(entry["examples"]) < MAX_EXAMPLES:
                entry["examples"].append(str(example))

    # Reading -------------------------------------------------------------------------------

    def counts(self):
        table = {kind: dict.fromkeys(OUTCOMES, 0) for kind in KINDS}
        for kind, outcomes in self.outcomes.items():
            for outcome in outcomes.values():
                table[kind][outcome] += 1
        return table

    def count(self, kind, outcome):
        return sum(1 for value in self.outcomes[kind].values() if value == outcome)

    @property
    def failed(self):
        return sum(self.count(kind, "failed") for kind in KINDS)

    def as_dict(self):
        """JSON for the admin: counts and reasons, not every key."""
        return {
            "dry_run": self.dry_run,
            "counts": self.counts(),
            "reasons": [
                {"kind": kind, "outcome": outcome, "reason": reason, **entry}
                for (kind, outcome, reason), entry in sorted(self.reasons.items())
            ],
            # Every imported post and page, those that lost something first.
            "fidelity": sorted(
                self.fidelity.values(),
                key=lambda e: (e["complete"], e["text_percent"], e["kind"], e["wp_id"]),
            ),
        }


def table_rows(data):
    """(kind label, created, updated, matched, skipped, failed) rows from as_dict() data."""
    counts = data.get("counts", {})
    return [
        (str(label), *(counts.get(kind, {}).get(outcome, 0) for outcome in OUTCOMES))
        for kind, label in KINDS.items()
    ]


def reason_rows(data):
    """(kind label, outcome label, count, reason, examples) rows from as_dict() data."""
    return [
        (
            str(KINDS[entry["kind"]]),
            str(OUTCOMES[entry["outcome"]]),
            entry["count"],
            entry["reason"],
            ", ".join(entry["examples"]),
        )
        for entry in data.get("reasons", [])
    ]


def lost_parts(entry):
    """What a post lost besides text: "3 table cells, not carried over: wp:latest-posts"."""
    parts = [
        f"{count} {ELEMENT_KINDS.get(kind, kind)}" for kind, count in entry.get("lost", {}).items()
    ]
    parts += [str(_("not carried over: %(what)s") % {"what": what}) for what in entry["dropped"]]
    return ", ".join(parts)


def loss_description(entry):
    """What a post lost, in words: "92,5 % of the text; lost: 3 table cells"."""
    percent = number_format(entry["text_percent"], 1)
    text = str(_("%(percent)s %% of the text") % {"percent": percent})
    parts = lost_parts(entry)
    return text + (str(_("; lost: ")) + parts if parts else "")


def fidelity_rows(data):
    """(kind label, title, page id or None, text %, what was lost or "", complete) rows."""
    return [
        (
            str(KINDS[entry["kind"]]),
            entry["title"],
            entry["page_id"],
            entry["text_percent"],
            "" if entry["complete"] else lost_parts(entry),
            entry["complete"],
        )
        for entry in data.get("fidelity", [])
    ]


def losses(data):
    """The posts and pages below the text threshold or with something lost."""
    return [entry for entry in data.get("fidelity", []) if not entry["complete"]]


def text_table(data):
    """The summary as a plain text table for the terminal."""
    header = (str(_("what")), *(str(label) for label in OUTCOMES.values()))
    rows = [header, *table_rows(data)]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [str(row[0]).ljust(widths[0])]
        cells += [str(cell).rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells))
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    for entry in data.get("reasons", []):
        examples = ", ".join(entry["examples"])
        lines.append(
            f"{KINDS[entry['kind']]} {OUTCOMES[entry['outcome']]} ({entry['count']}): "
            f"{entry['reason']}" + (f" – {examples}" if examples else "")
        )
    lossy = losses(data)
    if lossy:
        lines.append(str(_("Posts and pages that did not come over whole:")))
        for entry in lossy:
            lines.append(
                f"  {KINDS[entry['kind']]} {entry['wp_id']} “{entry['title']}”: "
                + loss_description(entry)
            )
    return "\n".join(lines)


def fidelity_table(data):
    """Every post and page with the share of its text the new page shows and the elements
    it lost ("none" when it came over whole), as a plain text table for the terminal."""
    header = (str(_("post or page")), str(_("what")), str(_("text kept")), str(_("lost")))
    rows = [header]
    for entry in sorted(data.get("fidelity", []), key=lambda e: (e["kind"], e["title"])):
        rows.append(
            (
                entry["title"],
                str(KINDS[entry["kind"]]),
                f"{number_format(entry['text_percent'], 1)} %",
                lost_parts(entry) or str(_("none")),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].rjust(widths[2])]
        lines.append("  ".join([*cells, row[3]]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in [*widths, len(row[3])]))
    return "\n".join(lines)
