"""Date expressions in a sentence, normalised against the article's publication date.

`find_dates` returns where each expression stands and what it says ("am Dienstag",
"kommende Woche", "Anfang Dezember", "Nov. 30 and Dec. 1"); `resolve` turns that into an
ISO date or prefix, given the article date and whether the sentence speaks of the past
(a held meeting: the last such day) or the future (a planned one: the next such day).

Outputs: ("2026-01-17", None, "day"), ("2026-W04", None, "week"), ("2025-12", None, "month"),
("2025-11-30", "2025-12-01", "range"), ("2025", None, "year").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .lexicon import Lexicon

PAST, FUTURE, AUTO = "past", "future", "auto"
_YEAR = re.compile(r"^(19|20)\d\d\.?$")  # "2019." : German tokenization keeps a sentence's full stop


@dataclass(frozen=True)
class DateMention:
    start: int  # token offsets
    end: int
    spec: tuple  # what the words say; see resolve()
    deadline: bool = False  # "bis Donnerstag", "seit Montag": not when something takes place
    since: bool = False  # "seit Freitag", "since May": when something began
    day_part: bool = False  # "am Mittag", "this morning": only when the sentence has no other date


def find_dates(lowers: list[str], texts: list[str], start: int, end: int, lex: Lexicon) -> list[DateMention]:
    """Date expressions in tokens [start, end); linear in the number of tokens."""
    d = lex.dates
    out: list[DateMention] = []
    i = start
    g = lex.grammar

    def cap(k: int) -> bool:
        return bool(texts[k]) and texts[k][0].isupper()

    def month_at(k: int) -> int | None:
        if start <= k < end and cap(k):
            return d.months.get(lowers[k])
        return None

    def year_at(k: int) -> int | None:
        if start <= k < end and _YEAR.match(lowers[k]):
            return int(lowers[k].rstrip("."))
        return None

    def day_num(k: int) -> int | None:
        if not (start <= k < end):
            return None
        m = g.day_ordinal.match(lowers[k])
        if m:
            v = int(m.group(1))
            return v if 1 <= v <= 31 else None
        return None

    def deadline_before(k: int) -> bool:
        if start <= k < end and lowers[k] in d.deadline_preps:
            return True  # "bis Donnerstag" taken into the expression
        j = k - 1
        while j >= start and j >= k - 2:
            if lowers[j] in d.deadline_preps:
                return True
            if lowers[j] not in d.future_markers and lowers[j] not in d.past_markers and \
                    lowers[j] not in ("der", "den", "dem", "the", "am", "zum"):
                return False
            j -= 1
        return False

    starters = d.starters
    while i < end:
        w = lowers[i]
        if w not in starters and not w[:1].isdigit():
            i += 1
            continue
        # ---- numeric German date "14.12.2025"
        m = g.numeric_date.match(w) if g.numeric_date is not None else None
        if m:
            day, mon = int(m.group(1)), int(m.group(2))
            if 1 <= mon <= 12 and 1 <= day <= 31:
                yr = int(m.group(3)) if m.group(3) else None
                out.append(DateMention(i, i + 1, ("day", yr, mon, day, None, None, None), deadline_before(i)))
                i += 1
                continue
        # ---- day + month (German "23. Januar", English "4 December")
        dn = day_num(i)
        if dn is not None and month_at(i + 1) is not None:
            mon = month_at(i + 1)
            j = i + 2
            yr = year_at(j)
            if yr:
                j += 1
            rng = None
            if j < end and lowers[j] in d.range_connectors:
                dn2 = day_num(j + 1)
                if dn2 is not None and month_at(j + 2) is not None:
                    mon2 = month_at(j + 2)
                    k = j + 3
                    yr2 = year_at(k)
                    if yr2:
                        k += 1
                    rng = (yr2 or yr, mon2, dn2, k)
            if rng:
                out.append(DateMention(i, rng[3], ("day", yr or rng[0], mon, dn, rng[0], rng[1], rng[2]),
                                       deadline_before(i)))
                i = rng[3]
            else:
                out.append(DateMention(i, j, ("day", yr, mon, dn, None, None, None), deadline_before(i)))
                i = j
            continue
        # ---- "24. und 25.08.", "vom 3. bis 5.11.2031": a day, a connector, then a numeric date closing the range
        if dn is not None and g.numeric_date is not None and i + 2 < end and lowers[i + 1] in d.range_connectors:
            m2 = g.numeric_date.match(lowers[i + 2])
            if m2 and 1 <= int(m2.group(2)) <= 12 and dn <= int(m2.group(1)) <= 31:
                yr = int(m2.group(3)) if m2.group(3) else None
                mon = int(m2.group(2))
                out.append(DateMention(i, i + 3, ("day", yr, mon, dn, yr, mon, int(m2.group(1))), deadline_before(i)))
                i += 3
                continue
        # ---- "1. bis 3. März": day, connector, day + month (where the day comes first)
        if dn is not None and not g.month_before_day and i + 3 < end + 1 and i + 1 < end and lowers[i + 1] in d.range_connectors:
            dn2 = day_num(i + 2)
            mon = month_at(i + 3)
            if dn2 is not None and mon is not None:
                j = i + 4
                yr = year_at(j)
                if yr:
                    j += 1
                out.append(DateMention(i, j, ("day", yr, mon, dn, yr, mon, dn2), deadline_before(i)))
                i = j
                continue
        # ---- English "Dec. 4", "December 4, 2025", "Nov. 30 and Dec. 1", "March 3-5"
        mon = month_at(i)
        if mon is not None and g.month_before_day:
            dn = day_num(i + 1)
            if dn is not None:
                j = i + 2
                if j + 1 < end and lowers[j] == "," and year_at(j + 1):
                    yr = year_at(j + 1)
                    j += 2
                else:
                    yr = year_at(j)
                    if yr:
                        j += 1
                rng = None
                if j < end and lowers[j] in d.range_connectors:
                    mon2 = month_at(j + 1)
                    if mon2 is not None and day_num(j + 2) is not None:
                        rng = (mon2, day_num(j + 2), j + 3)
                    elif day_num(j + 1) is not None and day_num(j + 1) > dn:
                        rng = (mon, day_num(j + 1), j + 2)
                if rng:
                    k = rng[2]
                    yr2 = None
                    if k + 1 < end and lowers[k] == "," and year_at(k + 1):
                        yr2 = year_at(k + 1)
                        k += 2
                    out.append(DateMention(i, k, ("day", yr or yr2, mon, dn, yr2 or yr, rng[0], rng[1]),
                                           deadline_before(i)))
                    i = k
                else:
                    out.append(DateMention(i, j, ("day", yr, mon, dn, None, None, None), deadline_before(i)))
                    i = j
                continue
        # ---- month only: "Anfang Dezember", "im Dezember 2025", "early December", "mid-December"
        if mon is not None:
            part = None
            a = i
            if i - 1 >= start and lowers[i - 1] in d.month_parts:
                part, a = d.month_parts[lowers[i - 1]], i - 1
            elif i - 2 >= start and lowers[i - 1] == "-" and lowers[i - 2] in d.month_parts:
                part, a = d.month_parts[lowers[i - 2]], i - 2
            elif i - 2 >= start and lowers[i - 1] == "of" and lowers[i - 2] in d.month_parts:
                part, a = d.month_parts[lowers[i - 2]], i - 2
            yr = year_at(i + 1)
            prep = i - 1 >= start and lowers[i - 1] in d.month_preps
            if part or yr or prep:
                out.append(DateMention(a, i + 2 if yr else i + 1, ("month", yr, mon, part),
                                       deadline_before(a)))
                i = i + 2 if yr else i + 1
                continue
        # ---- weekdays: "am Dienstag", "on Tuesday", "kommenden Montag", "Sonntagnachmittag"
        wd = d.weekday_forms.get(w)
        if wd is not None and (cap(i) or not g.weekday_capitalised):
            hint = None
            a = i
            k = i - 1
            while k >= start and k >= i - 3:
                lk = lowers[k]
                if lk in d.future_markers:
                    hint, a = "next", k
                elif lk in d.past_markers:
                    hint, a = "last", k
                elif lk in d.this_markers:
                    hint, a = "this", k
                elif lk in d.day_preps or lk in ("der", "dem", "den", "zum", "nacht", "in"):
                    a = k
                else:
                    break
                k -= 1
            j = i + 1
            # "am Dienstag vergangener Woche", "Tuesday of last week", "on Monday next week"
            k = j + (1 if j < end and lowers[j] in ("der", "of") else 0)
            if k + 1 < end and lowers[k + 1] in d.week_words and (lowers[k] in d.past_markers or
                                                                  lowers[k] in d.future_markers):
                hint = "prev_week" if lowers[k] in d.past_markers else "next_week"
                j = k + 2
            wd2 = None
            if j + 1 < end and lowers[j] in d.range_connectors and d.weekday_forms.get(lowers[j + 1]) is not None:
                wd2 = d.weekday_forms[lowers[j + 1]]
                j += 2
            # "in der Nacht zum Freitag": the night before, dated by its evening
            night = 1 if (a <= i - 2 and lowers[i - 1] in ("zum", "zu") and "nacht" in lowers[a:i]) else 0
            # "Tuesday, Dec. 2" / "Dienstag, 2. Dezember": the explicit date follows and wins
            out.append(DateMention(a, j, ("weekday", wd, hint, wd2, night), deadline_before(a)))
            i = j
            continue
        # ---- "am Mittag", "this morning": a time of the publication day, when nothing else dates the sentence
        if w in d.day_parts and i - 1 >= start and lowers[i - 1] in d.day_part_preps:
            out.append(DateMention(i - 1, i + 1, ("rel", 0), day_part=True))
            i += 1
            continue
        # ---- heute / gestern / morgen / today / yesterday / tomorrow
        if w in d.relative_days:
            ok = True
            if w in d.ambiguous_relative:  # "morgen" is also "morning": not capitalised, not after "am"
                # (capitalised it is the noun "Morgen", except first in a sentence: "Morgen trifft sie …")
                ok = (not cap(i) or i == start) and not (i - 1 >= start and lowers[i - 1] in d.not_tomorrow_after)
            if ok:
                out.append(DateMention(i, i + 1, ("rel", d.relative_days[w]), deadline_before(i)))
                i += 1
                continue
        # ---- weeks: "kommende Woche", "in der vergangenen Woche", "next week", "later this week"
        if w in d.week_words and i - 1 >= start:
            prev = lowers[i - 1]
            off = None
            if prev in d.future_markers:
                off = 1
            elif prev in d.past_markers:
                off = -1
            elif prev in d.this_markers:
                off = 0
            if off is not None:
                a = i - 1
                while a - 1 >= start and lowers[a - 1] in ("in", "der", "the", "later", "earlier", "im", "am"):
                    a -= 1
                out.append(DateMention(a, i + 1, ("week", off), deadline_before(a)))
                i += 1
                continue
        # ---- weekend
        if w in d.weekend_words:
            hint = None
            a = i
            k = i - 1
            while k >= start and k >= i - 3:
                lk = lowers[k]
                if lk in d.future_markers:
                    hint, a = "next", k
                elif lk in d.past_markers:
                    hint, a = "last", k
                elif lk in d.this_markers:
                    hint, a = "this", k
                elif lk in ("am", "an", "at", "the", "over", "on", "this", "dem", "des", "übers"):
                    a = k
                else:
                    break
                k -= 1
            out.append(DateMention(a, i + 1, ("weekend", hint), deadline_before(a)))
            i += 1
            continue
        # ---- "vor zwei Wochen" / "two weeks ago"
        if g.ago_before_number and w in d.ago_words and i + 2 < end:
            n = d.numbers.get(lowers[i + 1]) or (int(lowers[i + 1]) if lowers[i + 1].isdigit() else None)
            unit = d.units.get(lowers[i + 2])
            if n and unit and n < 400:
                out.append(DateMention(i, i + 3, ("ago", n, unit)))
                i += 3
                continue
        if not g.ago_before_number and w in d.units and i + 1 < end and lowers[i + 1] in d.ago_words and i - 1 >= start:
            n = d.numbers.get(lowers[i - 1]) or (int(lowers[i - 1]) if lowers[i - 1].isdigit() else None)
            if n and n < 400:
                out.append(DateMention(i - 1, i + 2, ("ago", n, d.units[w])))
                i += 2
                continue
        # ---- a year: "im Jahr 2025", "in 2025"
        if _YEAR.match(w) and i - 1 >= start and (lowers[i - 1] in d.year_words or lowers[i - 1] in ("in", "im")):
            a = i - 1
            if lowers[a] in d.year_words and a - 1 >= start and lowers[a - 1] in ("im", "in", "the"):
                a -= 1
            out.append(DateMention(a, i + 1, ("year", int(w.rstrip(".")))))
            i += 1
            continue
        i += 1
    if any(not m.day_part for m in out):
        out = [m for m in out if not m.day_part]
    if d.since_preps:
        out = [replace(m, since=True) if m.deadline and any(
            lowers[k] in d.since_preps for k in range(max(start, m.start - 2), m.start + 1)) else m for m in out]
    return out


# ---------------------------------------------------------------------------- resolution

def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int | None, pub: dt.date, orient: str) -> int:
    y = pub.year
    if orient == PAST:
        return y - 1 if month > pub.month else y
    if orient == FUTURE:
        return y + 1 if month < pub.month else y
    # unknown: the year that puts the date nearest the article
    best, best_gap = y, None
    for cand in (y - 1, y, y + 1):
        d = _safe(cand, month, min(day or 15, 28))
        if d is None:
            continue
        gap = abs((d - pub).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = cand, gap
    return best


def _weekday(wd: int, hint: str | None, pub: dt.date, orient: str) -> dt.date:
    back = (pub.weekday() - wd) % 7  # days since the last such weekday (0: today)
    ahead = (wd - pub.weekday()) % 7  # days until the next one (0: today)
    if hint in ("prev_week", "next_week"):
        return pub + dt.timedelta(days=wd - pub.weekday() + (-7 if hint == "prev_week" else 7))
    if hint == "next":
        return pub + dt.timedelta(days=ahead or 7)
    if hint == "last":
        return pub - dt.timedelta(days=back or 7)
    if orient == FUTURE:
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=back)


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def resolve(spec: tuple, pub: dt.date | None, orient: str = AUTO) -> tuple[str, str | None, str] | None:
    """(date, end_date, precision) for a date expression, or None when it cannot be placed."""
    kind = spec[0]
    if kind == "day":
        _, yr, mon, day, yr2, mon2, day2 = spec
        if yr is None:
            if pub is None:
                return None
            yr = _infer_year(mon, day, pub, orient)
        first = _safe(yr, mon, day)
        if first is None:
            return None
        if mon2 is None:
            return first.isoformat(), None, "day"
        y2 = yr2 or yr
        second = _safe(y2, mon2, day2)
        if second is not None and second < first:
            second = _safe(y2 + 1, mon2, day2)
        if second is None or second == first:
            return first.isoformat(), None, "day"
        return first.isoformat(), second.isoformat(), "range"
    if kind == "month":
        _, yr, mon, _part = spec
        if yr is None:
            if pub is None:
                return None
            yr = _infer_year(mon, None, pub, orient)
        return f"{yr:04d}-{mon:02d}", None, "month"
    if kind == "year":
        return f"{spec[1]:04d}", None, "year"
    if pub is None:
        return None
    if kind == "rel":
        return (pub + dt.timedelta(days=spec[1])).isoformat(), None, "day"
    if kind == "weekday":
        _, wd, hint, wd2 = spec[:4]
        night = spec[4] if len(spec) > 4 else 0
        if night and wd2 is None:
            day = _weekday(wd, hint, pub, orient)
            return (day - dt.timedelta(days=1)).isoformat(), None, "day"
        if wd2 is not None:
            second = _weekday(wd2, hint, pub, orient)
            first = second - dt.timedelta(days=(wd2 - wd) % 7)
            if first == second:
                return second.isoformat(), None, "day"
            return first.isoformat(), second.isoformat(), "range"
        if hint == "this":
            hint = None if orient == PAST else None
        return _weekday(wd, hint, pub, orient).isoformat(), None, "day"
    if kind == "week":
        return _iso_week(pub + dt.timedelta(days=7 * spec[1])), None, "week"
    if kind == "weekend":
        hint = spec[1]
        if hint == "next" or (hint is None and orient == FUTURE) or (hint == "this" and orient != PAST):
            sat = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
            if hint == "next" and pub.weekday() >= 5:
                sat += dt.timedelta(days=7)
        else:
            sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
            if hint == "last" and pub.weekday() >= 5:
                sat -= dt.timedelta(days=7)
        return sat.isoformat(), (sat + dt.timedelta(days=1)).isoformat(), "range"
    if kind == "ago":
        _, n, unit = spec
        if unit == "day":
            return (pub - dt.timedelta(days=n)).isoformat(), None, "day"
        if unit == "week":
            return _iso_week(pub - dt.timedelta(days=7 * n)), None, "week"
        if unit == "month":
            m = pub.month - n
            y = pub.year
            while m <= 0:
                m += 12
                y -= 1
            return f"{y:04d}-{m:02d}", None, "month"
    return None


def date_compatible(a: tuple | None, b: tuple | None) -> bool:
    """Could two resolved dates name the same meeting? (missing dates are compatible)"""
    if not a or not b:
        return True
    da, ea, _ = a
    db, eb, _ = b
    if da == db:
        return True
    if da.startswith(db) or db.startswith(da):
        return True
    # a day inside the other's range
    for x, (s, e) in ((da, (db, eb)), (db, (da, ea))):
        if e and len(x) == 10 and s <= x <= e:
            return True
    # a day in an ISO week
    for x, y in ((da, db), (db, da)):
        if "-W" in y and len(x) == 10:
            try:
                if _iso_week(dt.date.fromisoformat(x)) == y:
                    return True
            except ValueError:
                pass
    return False


def more_precise(a: tuple, b: tuple) -> bool:
    """Is resolved date a more precise than b?"""
    rank = {"day": 4, "range": 3, "week": 2, "month": 1, "year": 0}
    return rank.get(a[2], 0) > rank.get(b[2], 0)
