"""The activity plan in and out of Excel.

The export writes one sheet with a work-area column, so that a project leader can sort and
filter the whole plan at once; the import reads the same layout back. An import is two
steps: `read_activity_plan()` validates every row and returns a preview without touching
the database, and `save_activity_plan()` writes a valid preview in one transaction. Rows are
matched to existing activities by work area and code, so a re-import updates the plan
instead of duplicating it.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import log

from governance.common.spreadsheets import (
    DATE,
    NUMBER,
    TEXT,
    EmptyFile,
    RowError,
    SpreadsheetRefused,
    UnreadableFile,
    Workbook,
    is_blank,
    normalise,
    read_table,
)
from governance.common.spreadsheets import text as cell_text
from governance.register import replanning
from governance.register.models import Activity, Organisation, Person

# A plan is a few hundred rows; the limit keeps a stray huge file from tying up a worker.
MAX_ROWS = 20_000
PEOPLE_SEPARATOR = re.compile(r"[;\n]+")
# The history entry of an activity the import changed names the changed columns.
PLAN_IMPORT = "lagesbild.activity.plan_import"


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    width: int
    # A file must have the required columns; an absent optional column leaves that field of
    # existing activities as it is and gives new ones the model's default.
    required: bool = False
    kind: str = TEXT  # how the export writes the column's cells


WORK_AREA = Column("work_area", gettext_lazy("Work area"), 30, required=True)
CODE = Column("code", gettext_lazy("Code"), 9, required=True)
TITLE = Column("title", gettext_lazy("Activity"), 40, required=True)
DESCRIPTION = Column("description", gettext_lazy("Description"), 50)
ORGANISATION = Column("responsible_organisation", gettext_lazy("Responsible organisation"), 28)
PEOPLE = Column("responsible_people", gettext_lazy("Responsible people"), 30)
PLANNED_START = Column("planned_start", gettext_lazy("Planned start"), 14, required=True, kind=DATE)
PLANNED_END = Column("planned_end", gettext_lazy("Planned end"), 14, required=True, kind=DATE)
ACTUAL_START = Column("actual_start", gettext_lazy("Actual start"), 14, kind=DATE)
ACTUAL_END = Column("actual_end", gettext_lazy("Actual end"), 14, kind=DATE)
STATUS = Column("status", gettext_lazy("Status"), 12)
PROGRESS = Column("progress", gettext_lazy("Progress (%)"), 13, kind=NUMBER)
PUBLIC = Column("is_public", gettext_lazy("Public"), 9)

COLUMNS = [
    WORK_AREA,
    CODE,
    TITLE,
    DESCRIPTION,
    ORGANISATION,
    PEOPLE,
    PLANNED_START,
    PLANNED_END,
    ACTUAL_START,
    ACTUAL_END,
    STATUS,
    PROGRESS,
    PUBLIC,
]
DATE_COLUMNS = [PLANNED_START, PLANNED_END, ACTUAL_START, ACTUAL_END]
COLUMN_BY_FIELD = {column.key: column for column in COLUMNS}


def export_filename(project):
    name = _("activity-plan")
    return f"{project.slug}-{name}.xlsx"


def export_activity_plan(project):
    """The project's activity plan as the bytes of an .xlsx file, in four queries however
    large the plan is."""
    # Plain values and small lookups instead of model instances: building 8 000 objects
    # for 2 000 rows would cost more than writing the workbook.
    work_areas = {work_area.pk: str(work_area) for work_area in project.work_areas.all()}
    organisations = dict(Organisation.objects.values_list("pk", "name"))
    people = {}
    through = Activity.responsible_people.through.objects.filter(
        activity__work_area__project=project
    )
    for activity_id, name in through.order_by("person__name").values_list(
        "activity_id", "person__name"
    ):
        people.setdefault(activity_id, []).append(name)
    statuses = {value: str(label) for value, label in Activity.Status.choices}
    activities = list(
        Activity.objects.filter(work_area__project=project).values_list(
            "pk",
            "work_area_id",
            "code",
            "title",
            "description",
            "responsible_organisation_id",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "status",
            "progress",
            "is_public",
        )
    )

    workbook = Workbook()
    sheet = workbook.sheet(
        _("Activity plan"), [(column.label, column.kind, column.width) for column in COLUMNS]
    )
    yes, no = _("Yes"), _("No")
    for (
        pk,
        work_area_id,
        code,
        title,
        description,
        organisation_id,
        planned_start,
        planned_end,
        actual_start,
        actual_end,
        status,
        progress,
        is_public,
    ) in activities:
        sheet.row(
            work_areas[work_area_id],
            code,
            title,
            description or None,
            organisations.get(organisation_id),
            "; ".join(people.get(pk, ())) or None,
            planned_start,
            planned_end,
            actual_start,
            actual_end,
            statuses.get(status, status),
            progress,
            yes if is_public else no,
        )
    return workbook.bytes()


# Import ---------------------------------------------------------------------------------


@dataclass
class FieldChange:
    """One changed column of an activity, as the preview shows it: old → new."""

    label: str
    old: str
    new: str


@dataclass
class PlannedActivity:
    """One valid row of the file: the activity as it will be saved, and what changes."""

    row: int
    activity: Activity
    is_new: bool
    changed_columns: list[str] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    # None when the file has no people column: the activity keeps the people it has.
    people: list | None = None
    # The stored planned start and end when the file moves them (a re-planning).
    previous_dates: tuple | None = None


@dataclass
class ActivityPlanImport:
    project: object
    to_create: list[PlannedActivity] = field(default_factory=list)
    to_update: list[PlannedActivity] = field(default_factory=list)
    unchanged: list[PlannedActivity] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    saved: bool = False

    @property
    def is_valid(self):
        return not self.errors

    @property
    def row_count(self):
        return len(self.to_create) + len(self.to_update) + len(self.unchanged)

    @property
    def replannings(self):
        """Existing activities whose planned dates the file moves."""
        return [planned for planned in self.to_update if planned.previous_dates]

    @property
    def needs_justification(self):
        """The plan is approved and the file moves planned dates: saving it names the
        decision behind the moves or the reason for them."""
        return bool(self.replannings) and self.project.plan_is_approved()

    def add_error(self, row, column, message):
        label = str(column.label) if isinstance(column, Column) else (column or "")
        self.errors.append(RowError(row, label, str(message)))


def import_activity_plan(project, file, *, user=None, commit=True, decision=None, reason=""):
    """Reads and validates an activity plan; when `commit` is true and the whole file is
    valid, saves it in one transaction. Returns the preview either way."""
    plan = read_activity_plan(project, file)
    if commit and plan.is_valid:
        save_activity_plan(plan, user=user, decision=decision, reason=reason)
    return plan


@transaction.atomic
def save_activity_plan(plan, *, user=None, decision=None, reason=""):
    """Saves a valid preview. Planned dates the file moves are re-plannings, recorded with
    `decision` or `reason`; once the plan is approved one of them is required."""
    if not plan.is_valid:
        raise ValueError("An activity plan with errors cannot be saved.")
    if plan.needs_justification and not (decision or reason):
        raise ValidationError(replanning.justification_message())
    saved = plan.to_create + plan.to_update
    for planned in saved:
        planned.activity.save()
        if planned.is_new:
            log(planned.activity, "wagtail.create", user=user)
        else:
            log(
                planned.activity,
                PLAN_IMPORT,
                user=user,
                data={"columns": ", ".join(planned.changed_columns)},
            )
        if planned.previous_dates:
            previous_start, previous_end = planned.previous_dates
            replanning.record_replanning(
                planned.activity,
                previous_start=previous_start,
                previous_end=previous_end,
                decision=decision,
                reason=reason,
                user=user,
            )
    # The responsible people in two statements for the whole file instead of a read and a
    # write per row, which was almost half the time of saving a large plan.
    with_people = [planned for planned in saved if planned.people is not None]
    through = Activity.responsible_people.through
    through.objects.filter(
        activity_id__in=[planned.activity.pk for planned in with_people if not planned.is_new]
    ).delete()
    through.objects.bulk_create(
        through(activity_id=planned.activity.pk, person_id=person.pk)
        for planned in with_people
        for person in planned.people
    )
    plan.saved = True
    return plan


def read_activity_plan(project, file):
    """Validates every row of the file against the project without writing anything."""
    plan = ActivityPlanImport(project=project)
    try:
        with read_table(file, cells=True) as table:
            _read_rows(plan, project, table)
    except EmptyFile:
        plan.add_error(None, "", _("The file is empty."))
    except SpreadsheetRefused as refused:  # beyond the reading limits; the message says which
        plan.add_error(None, "", str(refused))
    except UnreadableFile:
        plan.add_error(
            None,
            "",
            _("The file could not be read as an Excel workbook (.xlsx). Save it as .xlsx."),
        )
    return plan


def _read_rows(plan, project, table):
    columns = _read_header(plan, table)
    if columns is None:
        return
    reader = _RowReader(project, plan, columns)
    seen_rows = 0
    for row_number, cells in table.rows:
        seen_rows += 1
        if seen_rows > MAX_ROWS:
            plan.add_error(
                None, "", _("The file has more than %(count)s rows.") % {"count": MAX_ROWS}
            )
            return
        reader.read(row_number, cells)
    if seen_rows == 0:
        plan.add_error(None, "", _("The file contains no activities below the header row."))


def _without_diacritics(value):
    """Reads "Pågår" as "pagar": the stored statuses are the Swedish words in ASCII."""
    decomposed = unicodedata.normalize("NFKD", normalise(value))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _labels(label):
    """The label as the current language, Swedish and English write it, so that a file
    exported in one admin language imports in another."""
    labels = {str(label)}
    for language in ("sv", "en"):
        with translation.override(language):
            labels.add(str(label))
    return labels


def _read_header(plan, table):
    columns = table.map_columns({column.key: _labels(column.label) for column in COLUMNS})
    missing = [
        str(column.label) for column in COLUMNS if column.required and column.key not in columns
    ]
    if missing:
        plan.add_error(
            table.header_row,
            "",
            _("The header row lacks the columns: %(columns)s. Start from an exported plan.")
            % {"columns": ", ".join(missing)},
        )
        return None
    return columns


class _ParseError(Exception):
    pass


class _RowReader:
    """Turns rows into activities, collecting every error; one instance per file, holding
    the lookups so that validating a row costs no query for work areas, organisations,
    people or existing activities."""

    def __init__(self, project, plan, columns):
        self.project = project
        self.plan = plan
        self.columns = columns
        self.work_areas = {}
        for work_area in project.work_areas.all():
            work_area.project = project  # spares Activity.clean() a query per row
            self.work_areas[normalise(work_area.code)] = work_area
        self.organisations = {normalise(o.name): o for o in Organisation.objects.all()}
        self.organisation_names = {o.pk: o.name for o in self.organisations.values()}
        self.people = {}
        for person in Person.objects.select_related("organisation"):
            for name in {normalise(person.name), normalise(str(person))}:
                self.people.setdefault(name, []).append(person)
        self.existing = {}
        activities = Activity.objects.filter(work_area__project=project).prefetch_related(
            "responsible_people"
        )
        for activity in activities:
            self.existing[(activity.work_area_id, activity.code)] = activity
        self.rows_by_key = {}
        self.statuses = self._status_lookup()

    @staticmethod
    def _status_lookup():
        statuses = {}
        for value, label in Activity.Status.choices:
            statuses[_without_diacritics(value)] = value
            for text in _labels(label):
                statuses[_without_diacritics(text)] = value
        return statuses

    def value(self, cells, column):
        position = self.columns.get(column.key)
        if position is None or position >= len(cells):
            return None
        return cells[position]

    def read(self, row_number, cells):
        errors_before = len(self.plan.errors)
        failed = set()
        values = {}

        def parse(column, parser):
            if column.key not in self.columns:
                return
            cell = self.value(cells, column)
            try:
                values[column.key] = parser(cell.value if cell is not None else None, cell)
            except _ParseError as error:
                failed.add(column.key)
                self.plan.add_error(row_number, column, error)

        parse(WORK_AREA, self.parse_work_area)
        parse(CODE, self.parse_required_text)
        parse(TITLE, self.parse_required_text)
        parse(DESCRIPTION, lambda value, cell: cell_text(value))
        parse(ORGANISATION, self.parse_organisation)
        parse(PEOPLE, self.parse_people)
        for column in DATE_COLUMNS:
            parse(column, self.parse_required_date if column.required else self.parse_date)
        parse(STATUS, self.parse_status)
        parse(PROGRESS, self.parse_progress)
        parse(PUBLIC, self.parse_public)

        work_area = values.get("work_area")
        code = values.get("code")
        if work_area is None or not code:
            return
        key = (work_area.pk, code)
        if key in self.rows_by_key:
            self.plan.add_error(
                row_number,
                CODE,
                _("The code %(code)s in work area %(work_area)s is already on row %(row)s.")
                % {"code": code, "work_area": work_area.code, "row": self.rows_by_key[key]},
            )
            return
        self.rows_by_key[key] = row_number

        existing = self.existing.get(key)
        activity = existing or Activity(code=code)
        activity.work_area = work_area  # the preloaded one, which knows its project
        before = _snapshot(activity) if existing else None
        shown_before = self.shown(activity) if existing else None
        people = values.pop("responsible_people", None)
        for name, value in values.items():
            if name not in ("work_area", "code"):
                setattr(activity, name, value)
        try:
            # The model's own rules (dates, period, progress against status) in Swedish.
            # Uniqueness is settled above against the file and the preloaded activities, and
            # the foreign keys come from preloaded rows, so the per-row queries Django would
            # spend re-checking them are skipped: 2 000 rows validate without a query each.
            activity.full_clean(
                exclude=failed | {"work_area", "responsible_organisation"},
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            self.add_validation_errors(row_number, error)
        if len(self.plan.errors) > errors_before:
            return

        planned = PlannedActivity(
            row=row_number, activity=activity, is_new=existing is None, people=people
        )
        if existing is None:
            self.plan.to_create.append(planned)
            return
        after = _snapshot(activity, people)
        if (before["planned_start"], before["planned_end"]) != (
            after["planned_start"],
            after["planned_end"],
        ):
            planned.previous_dates = (before["planned_start"], before["planned_end"])
        changed = [name for name in before if before[name] != after[name]]
        planned.changed_columns = [str(COLUMN_BY_FIELD[name].label) for name in changed]
        shown_after = self.shown(activity, people)
        planned.changes = [
            FieldChange(str(COLUMN_BY_FIELD[name].label), shown_before[name], shown_after[name])
            for name in changed
        ]
        (self.plan.to_update if planned.changed_columns else self.plan.unchanged).append(planned)

    def shown(self, activity, people=None):
        """The activity's values in the file's columns as the preview shows them."""
        values = {}
        for column in COLUMNS:
            key = column.key
            if key in ("work_area", "code"):
                continue
            if key == "responsible_people":
                people_shown = activity.responsible_people.all() if people is None else people
                values[key] = "; ".join(sorted(person.name for person in people_shown))
            elif key == "responsible_organisation":
                values[key] = self.organisation_names.get(activity.responsible_organisation_id, "")
            elif key == "status":
                values[key] = str(activity.get_status_display())
            elif key == "is_public":
                values[key] = str(_("Yes") if activity.is_public else _("No"))
            else:
                value = getattr(activity, key)
                values[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return values

    def add_validation_errors(self, row_number, error):
        for name, messages in error.message_dict.items():
            column = COLUMN_BY_FIELD.get(name) if name != NON_FIELD_ERRORS else None
            for message in messages:
                self.plan.add_error(row_number, column, message)

    # Parsers: each returns the field's value or raises _ParseError with a message.

    def parse_required_text(self, value, cell):
        text = cell_text(value)
        if not text:
            raise _ParseError(_("A value is required."))
        return text

    def parse_work_area(self, value, cell):
        text = cell_text(value)
        if not text:
            raise _ParseError(_("A value is required."))
        # "A" or "A. Title" as exported: the code is what comes before the first full stop.
        code = text.split(".", 1)[0].strip()
        work_area = self.work_areas.get(normalise(code))
        if work_area is None:
            raise _ParseError(
                _("The project %(project)s has no work area %(code)s.")
                % {"project": self.project, "code": code}
            )
        return work_area

    def parse_organisation(self, value, cell):
        text = cell_text(value)
        if not text:
            return None
        organisation = self.organisations.get(normalise(text))
        if organisation is None:
            raise _ParseError(
                _("There is no organisation named %(name)s. Add it in the register first.")
                % {"name": text}
            )
        return organisation

    def parse_people(self, value, cell):
        people = []
        for name in PEOPLE_SEPARATOR.split(cell_text(value)):
            name = name.strip()
            if not name:
                continue
            matches = self.people.get(normalise(name), [])
            if not matches:
                raise _ParseError(
                    _("There is no person named %(name)s. Add the person in the register first.")
                    % {"name": name}
                )
            if len(matches) > 1:
                raise _ParseError(
                    _(
                        "Several people are named %(name)s; write the name with the "
                        "organisation, e.g. %(example)s."
                    )
                    % {"name": name, "example": matches[0]}
                )
            if matches[0] not in people:
                people.append(matches[0])
        return people

    def parse_date(self, value, cell):
        if is_blank(value):
            return None
        if isinstance(value, datetime.datetime):
            if value.time() != datetime.time():
                raise _ParseError(_("Write a date without a time of day, e.g. 2013-04-30."))
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise _ParseError(
            _("%(value)s is not a date. Write dates as 2013-04-30.") % {"value": cell_text(value)}
        )

    def parse_required_date(self, value, cell):
        if is_blank(value):
            raise _ParseError(_("A value is required."))
        return self.parse_date(value, cell)

    def parse_status(self, value, cell):
        if is_blank(value):
            return Activity.Status.PLANNED
        status = self.statuses.get(_without_diacritics(value))
        if status is None:
            allowed = ", ".join(str(label) for _value, label in Activity.Status.choices)
            raise _ParseError(
                _("Unknown status %(value)s. Use one of: %(allowed)s.")
                % {"value": cell_text(value), "allowed": allowed}
            )
        return status

    def parse_progress(self, value, cell):
        if is_blank(value):
            return 0
        number = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            # A cell formatted as a percentage holds 0.5 for 50 %.
            percent_cell = cell is not None and "%" in (cell.number_format or "")
            number = value * 100 if percent_cell else value
        elif isinstance(value, str):
            try:
                number = float(value.strip().rstrip("%").strip().replace(",", "."))
            except ValueError:
                number = None
        if number is None or not float(number).is_integer() or not 0 <= number <= 100:
            raise _ParseError(
                _("%(value)s is not a whole number from 0 to 100.") % {"value": cell_text(value)}
            )
        return int(number)

    def parse_public(self, value, cell):
        if isinstance(value, bool):
            return value
        text = normalise(cell_text(value))
        if text in {"", "nej", "no", "n", "0", "false", "falskt"}:
            return False
        if text in {"ja", "yes", "j", "y", "x", "1", "true", "sant", normalise(_("Yes"))}:
            return True
        raise _ParseError(_("Write Yes or No, not %(value)s.") % {"value": cell_text(value)})


def _snapshot(activity, people=None):
    """The activity's values in the file's columns, to tell what a re-import changes;
    `people` are the file's responsible people, if it has the column."""
    values = {}
    for column in COLUMNS:
        if column.key in ("work_area", "code"):
            continue
        if column.key == "responsible_people":
            people = activity.responsible_people.all() if people is None else people
            values[column.key] = {person.pk for person in people}
        elif column.key == "responsible_organisation":
            values[column.key] = activity.responsible_organisation_id
        else:
            values[column.key] = getattr(activity, column.key)
    return values
