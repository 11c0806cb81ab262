"""A reader of SIE 4 files, the Swedish standard export of accounting systems (Fortnox,
Visma, Unit4/Agresso, Raindance …), for the cost import.

A SIE file is lines of a label and fields: `#KONTO 5010 "Lokalhyra"`, a voucher
`#VER A 123 20130224 "Hyra februari"` followed by its rows between `{` and `}`:
`#TRANS 5010 {6 "P123"} 12500.00 20130224 "Hyra"` (account, objects as dimension and
object pairs, amount, optional date and text). Dimensions (`#DIM 6 "Projekt"`) and their
objects (`#OBJEKT 6 "P123" "Regionprojektet"`) mark what a row belongs to. Every other
label (#FLAGGA, #SIETYP, #RAR, #IB, #UB, #RES, #PSALDO …) is read past.

The file is read line by line, never as a whole: a municipality's export of a year can
hold millions of rows. The standard's character set is "PC8" (code page 437); files in
UTF-8 are read too (the first line with letters outside ASCII decides).
"""

import datetime
import functools
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_FILE_SIZE = 50 * 1024 * 1024
MAX_LINE_LENGTH = 10_000

TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)(?:"|$)|(\{)|(\})|([^\s"{}]+)')
ESCAPE = re.compile(r"\\(.)")


class SieError(Exception):
    """The file cannot be read as SIE; the message says why, in Swedish."""


@dataclass(frozen=True)
class Transaction:
    line: int  # in the file, for messages
    voucher: str  # series and number: "A 123"
    account: int
    objects: tuple  # ((dimension, object), …)
    amount: Decimal
    date: datetime.date
    text: str


@dataclass
class Summary:
    """What the file holds: for choosing the project's object before anything is read."""

    company: str = ""
    program: str = ""
    dimensions: dict = field(default_factory=dict)  # number → name
    objects: dict = field(default_factory=dict)  # (dimension, object) → name
    object_rows: Counter = field(default_factory=Counter)  # (dimension, object) → rows
    accounts: dict = field(default_factory=dict)  # number → name
    voucher_count: int = 0
    transaction_count: int = 0

    def object_choices(self):
        """(dimension, object, dimension's name, object's name) of every object with rows,
        by dimension and object."""
        choices = []
        for dimension, object_id in sorted(self.object_rows):
            name = self.objects.get((dimension, object_id), "")
            dimension_name = self.dimensions.get(dimension, "")
            choices.append((dimension, object_id, dimension_name, name))
        return choices


def is_sie(head):
    """Whether the first bytes of a file look like SIE: it starts with #FLAGGA (the
    standard's first line), or with another label of the standard."""
    start = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return start.startswith((b"#FLAGGA", b"#PROGRAM", b"#FORMAT", b"#SIETYP", b"#GEN"))


def tokens(text):
    """The fields of a line: strings, and lists for `{…}`: `#TRANS 5010 {6 "P1"} 10`
    is ["#TRANS", "5010", ["6", "P1"], "10"]."""
    fields, inner = [], None
    for quoted, opening, closing, bare in TOKEN.findall(text):
        if opening:
            inner = []
        elif closing:
            if inner is not None:
                fields.append(inner)
            inner = None
        else:
            value = bare or (ESCAPE.sub(r"\1", quoted) if "\\" in quoted else quoted)
            (fields if inner is None else inner).append(value)
    if inner is not None:  # an object list that is never closed
        fields.append(inner)
    return fields


def _decoded_lines(file_obj):
    """(line number, text) of the file, decoded as UTF-8 or code page 437."""
    encoding = None
    file_obj.seek(0)
    number = 0
    while True:
        raw = file_obj.readline(MAX_LINE_LENGTH + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_LENGTH and not raw.endswith(b"\n"):
            raise SieError(
                _(
                    "Line %(line)s of the file is longer than %(limit)s characters. "
                    "Is it a SIE file?"
                )
                % {"line": number, "limit": f"{MAX_LINE_LENGTH:,}".replace(",", "\u00a0")}
            )
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if raw.isascii():
            yield number, raw.decode("ascii")
            continue
        if encoding is None:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                encoding = "cp437"
            else:
                encoding = "utf-8"
                yield number, text
                continue
        yield number, raw.decode(encoding, errors="replace")


@functools.lru_cache(maxsize=4096)
def _date_or_none(value):
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _date(value, line):
    date = _date_or_none(value) if isinstance(value, str) else None
    if date is None:
        raise SieError(
            _("Line %(line)s: “%(value)s” is not a date (SIE writes dates as 20130224).")
            % {"line": line, "value": value}
        )
    return date


def _amount(value, line):
    try:
        amount = Decimal(value.replace(",", "."))
    except (AttributeError, InvalidOperation) as error:
        raise SieError(
            _("Line %(line)s: “%(value)s” is not an amount.") % {"line": line, "value": value}
        ) from error
    if not amount.is_finite():
        raise SieError(
            _("Line %(line)s: “%(value)s” is not an amount.") % {"line": line, "value": value}
        )
    return amount


def _account(value, line):
    if not (isinstance(value, str) and value.isdigit()):
        raise SieError(
            _("Line %(line)s: “%(value)s” is not an account number.")
            % {"line": line, "value": value}
        )
    return int(value)


def _objects(value):
    if not isinstance(value, list):
        return ()
    pairs = []
    for position in range(0, len(value) - 1, 2):
        dimension, object_id = value[position], value[position + 1]
        if dimension.isdigit():
            pairs.append((int(dimension), object_id))
    return tuple(pairs)


DESCRIBED = frozenset({"#FNAMN", "#PROGRAM", "#KONTO", "#DIM", "#OBJEKT"})
NOTHING = object()  # an object no row carries: `wanted` for reading names and counts only


def read(file_obj, summary=None, wanted=None):
    """The transactions of every voucher (#TRANS rows; #BTRANS, rows removed later, are
    left out, and #RTRANS, rows added later, come again as #TRANS), or with `wanted`
    (dimension, object) only those that carry that object. Fills `summary` with the
    file's names and counts on the way (the counts of rows and objects only when every
    row is read or `wanted` is NOTHING). Raises SieError."""
    skip_unless_in_line = wanted is not None and wanted is not NOTHING
    seen_label = False
    voucher = None  # (name, date, text) from the #VER line until its closing brace
    for number, text in _decoded_lines(file_obj):
        line = text.strip()
        if not line or line == "{":
            continue
        if line == "}":
            voucher = None
            continue
        label = line.split(None, 1)[0]
        if not seen_label:
            if not label.startswith("#"):
                raise SieError(_("The file is not a SIE file: it does not start with #FLAGGA."))
            seen_label = True
        if label == "#TRANS":
            if voucher is None:
                raise SieError(
                    _("Line %(line)s: a #TRANS row outside a voucher (#VER).") % {"line": number}
                )
            if skip_unless_in_line and wanted[1] not in line:
                continue  # cannot carry the object: not worth reading
            objects = _objects_of(line)
            if summary is not None:
                summary.transaction_count += 1
                for pair in objects:
                    summary.object_rows[pair] += 1
            if wanted is None or wanted in objects:
                yield _transaction(tokens(line), number, voucher)
        elif label == "#VER":
            voucher = _voucher(tokens(line), number)
            if summary is not None:
                summary.voucher_count += 1
        elif summary is not None and label in DESCRIBED:
            _describe(summary, label, tokens(line))


def _objects_of(line):
    """The object list of a #TRANS line, reading only its braces when that is safe."""
    start = line.find("{")
    end = line.find("}", start)
    if start < 0 or end < 0:
        return ()
    inner = line[start + 1 : end]
    if inner.count('"') % 2 or line[:start].count('"'):
        # A brace inside quotes: read the whole line.
        fields = tokens(line)
        return _objects(fields[2]) if len(fields) > 2 else ()
    return _objects(tokens(inner))


def _voucher(fields, line):
    series = fields[1] if len(fields) > 1 and isinstance(fields[1], str) else ""
    number = fields[2] if len(fields) > 2 and isinstance(fields[2], str) else ""
    if len(fields) < 4 or not isinstance(fields[3], str):
        raise SieError(_("Line %(line)s: the voucher has no date.") % {"line": line})
    name = " ".join(part for part in (series, number) if part)
    if not name:
        raise SieError(_("Line %(line)s: the voucher has no number.") % {"line": line})
    text = fields[4] if len(fields) > 4 and isinstance(fields[4], str) else ""
    return name, _date(fields[3], line), text


def _transaction(fields, line, voucher):
    if len(fields) < 4 or not isinstance(fields[2], list):
        raise SieError(
            _("Line %(line)s: a #TRANS row needs an account, an object list and an amount.")
            % {"line": line}
        )
    name, date, voucher_text = voucher
    if len(fields) > 4 and isinstance(fields[4], str) and fields[4]:
        date = _date(fields[4], line)
    text = fields[5] if len(fields) > 5 and isinstance(fields[5], str) else ""
    return Transaction(
        line=line,
        voucher=name,
        account=_account(fields[1], line),
        objects=_objects(fields[2]),
        amount=_amount(fields[3], line),
        date=date,
        text=text or voucher_text,
    )


def _describe(summary, label, fields):
    values = [value for value in fields[1:] if isinstance(value, str)]
    if label == "#FNAMN" and values:
        summary.company = values[0]
    elif label == "#PROGRAM" and values:
        summary.program = " ".join(values)
    elif label == "#KONTO" and len(values) >= 2 and values[0].isdigit():
        summary.accounts[int(values[0])] = values[1]
    elif label == "#DIM" and len(values) >= 2 and values[0].isdigit():
        summary.dimensions[int(values[0])] = values[1]
    elif label == "#OBJEKT" and len(values) >= 3 and values[0].isdigit():
        summary.objects[(int(values[0]), values[1])] = values[2]


def summarise(file_obj):
    """The file's names and counts, having read it to the end once. Raises SieError."""
    summary = Summary()
    deque(read(file_obj, summary, wanted=NOTHING), maxlen=0)  # names and counts only
    if not summary.voucher_count:
        raise SieError(_("The SIE file has no vouchers (#VER). Export it as SIE 4, with vouchers."))
    return summary
