"""Publication dates in any common written form -> ISO `YYYY-MM-DD`.

Forms: date/datetime objects, `time.struct_time`, ISO dates and timestamps
("2026-01-17", "2026-01-17T08:00:00+01:00", "2026/01/17"), RFC 822 from feeds
("Sat, 17 Jan 2026 10:00:00 +0100"), German numeric ("17.01.2026", "17.1.2026, 10:15 Uhr"),
and month names in German or English ("17. Januar 2026", "January 17, 2026", "17 Jan 2026").
The date is taken as written: a timestamp's time zone never shifts it to another day.
"""
from __future__ import annotations

import datetime as dt
import re
import time
from email.utils import parsedate_tz

_MONTHS = {
    1: ("januar", "jänner", "january", "jan"),
    2: ("februar", "feber", "february", "feb"),
    3: ("märz", "maerz", "march", "mär", "mrz", "mar"),
    4: ("april", "apr"),
    5: ("mai", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("august", "aug"),
    9: ("september", "sept", "sep"),
    10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nov"),
    12: ("dezember", "december", "dez", "dec"),
}
_MONTH_OF = {name: number for number, names in _MONTHS.items() for name in names}
_MONTH_RE = "|".join(sorted(_MONTH_OF, key=len, reverse=True))

_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ]\d{1,2}:\d{2})")
_ISO_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:$|T\d{2})")
_GERMAN_NUMERIC = re.compile(r"(?:^|[\s,(])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)")
_DAY_MONTH_YEAR = re.compile(rf"(?<!\w)(\d{{1,2}})\.?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<!\w)({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+(\d{{4}})(?!\d)", re.IGNORECASE)


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(value: object) -> str | None:
    """ISO `YYYY-MM-DD` for `value`, or None when it is not a recognisable (valid) date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _make(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    for pattern in (_ISO, _ISO_COMPACT):
        m = pattern.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return _make(y, mo, d)
    m = _GERMAN_NUMERIC.search(text)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        return _make(y, mo, d)
    rfc = parsedate_tz(text) if "," in text or ":" in text else None
    if rfc and rfc[0] > 0:
        return _make(rfc[0], rfc[1], rfc[2])  # as written, before any time-zone shift
    m = _DAY_MONTH_YEAR.search(text)
    if m:
        return _make(int(m.group(3)), _MONTH_OF[m.group(2).lower()], int(m.group(1)))
    m = _MONTH_DAY_YEAR.search(text)
    if m:
        return _make(int(m.group(3)), _MONTH_OF[m.group(1).lower()], int(m.group(2)))
    return None
