"""Meetings and claims (`newsgraph.extractors.events`): ng_meetings and ng_claims.

Most tests build a Doc with hand-placed entity mentions (spaCy blank + sentencizer +
our two components), so they measure the event components and not the entity ones.
End-to-end tests through `Extractor` run too once the entity components are there.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.extractors import doc_extensions  # noqa: F401
from newsgraph.extractors.events import components  # noqa: F401  (registers the factories)
from newsgraph.extractors.events.dates import find_dates, resolve
from newsgraph.extractors.events.lexicon import lexicon
from newsgraph.extractors.records import (CLAIM_TYPES, COUNTRY, MEETING_KINDS, MEETING_STATUSES, ORGANIZATION, PERSON,
                                          PLACE, Entity, Mention)

import goldscore
from conftest import ROOT, shared_or_skip


# ---------------------------------------------------------------------------- building docs

@dataclass
class E:
    """An entity for a test doc: every name form is found in the text (also with a genitive -s)."""

    key: str
    kind: str
    names: list[str]
    adjectives: list[str] = field(default_factory=list)  # regex stems: "ukrainisch\\w*", "US-\\w+"
    roles: list[str] = field(default_factory=list)  # role phrases linked to this entity ("der Kanzler")
    job_titles: list[str] = field(default_factory=list)
    contained_in: str | None = None
    nationality: str | None = None


_NLP: dict[str, spacy.language.Language] = {}


@spacy.Language.component("test_blank_line_sentences")
def blank_line_sentences(doc):
    """Headlines and paragraphs end a sentence (as ng_sentences does)."""
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
    return doc


def nlp_for(lang: str) -> spacy.language.Language:
    if lang not in _NLP:
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("test_blank_line_sentences")
        nlp.add_pipe("ng_meetings", config={"lang": lang})
        nlp.add_pipe("ng_claims", config={"lang": lang})
        _NLP[lang] = nlp
    return _NLP[lang]


def place_mentions(text: str, ents: list[E]) -> list[tuple[int, int, str, str]]:
    """(start, end, key, form) for every name, adjective and role form; longest match wins."""
    found = []
    for e in ents:
        forms = []
        for n in e.names:
            forms.append((re.escape(n) + r"(?:s|'s|’s)?", "name"))
        for a in e.adjectives:
            forms.append((a, "adjective"))
        for r in e.roles:
            forms.append((re.escape(r), "role"))
        for pat, form in forms:
            for m in re.finditer(r"(?<![\w-])" + pat + r"(?!\w)", text):
                found.append((m.start(), m.end(), e.key, form))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out, last = [], -1
    for s, e_, k, f in found:
        if s >= last:
            out.append((s, e_, k, f))
            last = e_
    return out


def make_doc(text: str, lang: str, ents: list[E], published: dt.date | str | None = None):
    """A Doc through sentencizer + ng_meetings + ng_claims, with mentions placed by name."""
    nlp = nlp_for(lang)
    doc = nlp.make_doc(text)
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    doc._.ng_published = published
    entities = {}
    for e in ents:
        entities[e.key] = Entity(key=e.key, kind=e.kind, name=e.names[0], alternate_names=e.names[1:],
                                 job_titles=list(e.job_titles), contained_in=e.contained_in,
                                 nationality=e.nationality)
    spans = []
    for s, e_, key, form in place_mentions(text, ents):
        sp = doc.char_span(s, e_, label=key, alignment_mode="expand")
        if sp is None or (spans and spans[-1].end > sp.start):  # sorted by start: only the last can overlap
            continue
        sp._.ng_form = form
        spans.append(sp)
        entities[key].mentions.append(Mention(s, e_, text[s:e_], form))
    doc.spans["ng_mentions"] = spans
    doc._.ng_entities = entities
    doc._.ng_meetings, doc._.ng_claims = [], []
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def names(doc, keys) -> list[str]:
    return [doc._.ng_entities[k].name for k in keys]


def claims_by(doc, name: str):
    return [c for c in doc._.ng_claims if doc._.ng_entities[c.author].name == name]


def meeting_at(doc, place: str):
    """The meeting located at the place named `place` (exactly one)."""
    found = [m for m in doc._.ng_meetings if m.location and doc._.ng_entities[m.location].name == place]
    assert len(found) == 1, [(m.location, m.attendees) for m in doc._.ng_meetings]
    return found[0]


def check_evidence(text: str, doc) -> None:
    for rec in list(doc._.ng_meetings) + list(doc._.ng_claims):
        assert rec.evidence, rec
        for ev in rec.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.text


# ---------------------------------------------------------------------------- shared entities

def P(key, *names_, titles=(), roles=(), nationality=None):
    return E(key, PERSON, list(names_), roles=list(roles), job_titles=list(titles), nationality=nationality)


def C(key, *names_, adjectives=()):
    return E(key, COUNTRY, list(names_), adjectives=list(adjectives))


def L(key, *names_, inside=None):
    return E(key, PLACE, list(names_), contained_in=inside)


def O(key, *names_):
    return E(key, ORGANIZATION, list(names_))


DE_ADJ = {"ua": [r"ukrainisch\w*"], "ru": [r"russisch\w*"], "us": [r"US-\w+", r"amerikanisch\w*"]}
EN_ADJ = {"ua": [r"Ukrainian"], "ru": [r"Russian"], "us": [r"U\.S\.(?:-\w+)?", r"American"]}


def de_world(*extra):
    return [C("ua", "Ukraine", adjectives=DE_ADJ["ua"]), C("ru", "Russland", adjectives=DE_ADJ["ru"]),
            C("us", "USA", "Vereinigten Staaten", adjectives=DE_ADJ["us"]), C("ch", "Schweiz"),
            L("moskau", "Moskau"), L("kiew", "Kiew"), L("berlin", "Berlin", "BERLIN"), L("genf", "Genf", inside="ch"),
            L("davos", "Davos"), L("miami", "Miami"), L("florida", "Florida"), L("wien", "Wien"), *extra]


def en_world(*extra):
    return [C("ua", "Ukraine", adjectives=EN_ADJ["ua"]), C("ru", "Russia", adjectives=EN_ADJ["ru"]),
            C("us", "United States", adjectives=EN_ADJ["us"]), L("moscow", "Moscow", "MOSCOW"), L("kyiv", "Kyiv"),
            L("geneva", "Geneva"), L("paris", "Paris"), C("ie", "Ireland"), L("oslo", "Oslo"),
            L("helsinki", "Helsinki", "HELSINKI"), *extra]


# ---------------------------------------------------------------------------- components

def test_factories_take_the_language():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("ng_meetings", config={"lang": "en"})
    nlp.add_pipe("ng_claims", config={"lang": "en"})
    doc = nlp("Nothing happens here.")
    assert doc._.ng_meetings == [] and doc._.ng_claims == []


def test_no_sentences_no_entities_no_date():
    """Without a sentencizer, mentions or entities the components still run (and find no speaker)."""
    nlp = spacy.blank("de")
    nlp.add_pipe("ng_meetings", config={"lang": "de"})
    nlp.add_pipe("ng_claims", config={"lang": "de"})
    doc = nlp("„Wir sind bereit“, sagte er. Die Gespräche in Genf gehen weiter.")
    assert doc._.ng_claims == []
    assert doc._.ng_meetings == []


def test_empty_doc():
    doc = make_doc("", "de", [])
    assert doc._.ng_meetings == [] and doc._.ng_claims == []


# ---------------------------------------------------------------------------- meetings

def test_held_meeting_de_with_place_date_and_attendees():
    text = "Außenministerin Karla Brandt ist am Mittwoch in Ankara mit ihrem Amtskollegen Emre Yilmaz zusammengetroffen."
    doc = make_doc(text, "de", [P("b", "Karla Brandt", "Brandt"), P("y", "Emre Yilmaz", "Yilmaz"), L("a", "Ankara")],
                   "2026-02-12")
    m = meeting_at(doc, "Ankara")
    assert set(names(doc, m.attendees)) == {"Karla Brandt", "Emre Yilmaz"}
    assert (m.status, m.date, m.date_precision) == ("held", "2026-02-11", "day")
    assert m.evidence[0].text == text


def test_held_meeting_en_visit_and_host():
    text = ("Finnish President Aino Virtanen hosted her Estonian counterpart Mart Kask in Helsinki on Tuesday "
            "for talks on energy security.")
    doc = make_doc(text, "en", en_world(P("v", "Aino Virtanen", "Virtanen"), P("k", "Mart Kask", "Kask")),
                   "2026-03-05")
    m = meeting_at(doc, "Helsinki")
    assert {"Aino Virtanen", "Mart Kask"} <= set(names(doc, m.attendees))
    assert (m.status, m.date) == ("held", "2026-03-03")
    assert m.about == ["energy security"]


@pytest.mark.parametrize("text, place", [
    ("Die Verhandlungen sollen heute in Miami im US-Bundesstaat Florida fortgesetzt werden.", "Miami"),
    ("Bei einem guten Verlauf könne es kommende Woche beim Forum in Davos in der Schweiz zu einer Unterzeichnung "
     "kommen.", "Davos"),
    ("Witkoff und Kushner waren Anfang Dezember für ein Gespräch mit Putin nach Moskau gereist.", "Moskau"),
])
def test_location_is_the_place_of_the_meeting(text, place):
    doc = make_doc(text, "de", de_world(P("w", "Witkoff"), P("k", "Kushner"), P("p", "Putin")), "2026-01-17")
    assert [doc._.ng_entities[m.location].name for m in doc._.ng_meetings] == [place]


def test_place_in_a_job_title_or_topic_is_not_the_location():
    text = ("Die Botschafterin in Washington, Olha Stefanischyna, schrieb, bei dem Treffen heute gehe es um die Lage "
            "in Syrien.")
    doc = make_doc(text, "de", [P("s", "Olha Stefanischyna"), L("w", "Washington"), C("sy", "Syrien")], "2026-01-17")
    assert not [m for m in doc._.ng_meetings if m.location]


def test_gespraech_mit_kremlchef():
    text = "Witkoff und Kushner waren bereits Anfang Dezember für ein Gespräch mit Kremlchef Wladimir Putin nach Moskau gereist."
    doc = make_doc(text, "de", de_world(P("w", "Steve Witkoff", "Witkoff"), P("k", "Jared Kushner", "Kushner"),
                                        P("p", "Wladimir Putin", "Putin")), "2026-01-17")
    m = meeting_at(doc, "Moskau")
    assert set(names(doc, m.attendees)) == {"Steve Witkoff", "Jared Kushner", "Wladimir Putin"}
    assert (m.status, m.date, m.date_precision) == ("held", "2025-12", "month")


def test_us_envoys_and_trumps_son_in_law():
    """"US-Unterhändler Witkoff und Kushner" attend; "Trumps" in "Trumps Schwiegersohn" does not."""
    text = ("Erwartet wird bald eine Reise von US-Unterhändlern nach Moskau. Medienberichten zufolge sollen der "
            "US-Sondergesandte Steve Witkoff sowie Trumps Schwiegersohn Jared Kushner dabei sein.")
    doc = make_doc(text, "de", de_world(P("w", "Steve Witkoff", "Witkoff"), P("k", "Jared Kushner", "Kushner"),
                                        P("t", "Donald Trump", "Trump")), "2026-01-17")
    m = meeting_at(doc, "Moskau")
    assert {"Steve Witkoff", "Jared Kushner"} <= set(names(doc, m.attendees))
    assert "Donald Trump" not in names(doc, m.attendees)
    assert m.status == "expected"
    assert doc._.ng_claims == []  # "Medienberichten zufolge": no named source


def test_delegation_members_attend_the_talks():
    text = ("Die Verhandlungen zwischen den USA und der Ukraine sollen heute in Miami fortgesetzt werden. "
            "Zur ukrainischen Delegation gehören der Sekretär des Sicherheitsrates, Rustem Umjerow, der Leiter "
            "des Präsidentenbüros, Kyrylo Budanow, und David Arachamija.")
    doc = make_doc(text, "de", de_world(P("u", "Rustem Umjerow"), P("b", "Kyrylo Budanow"), P("a", "David Arachamija"),
                                        O("sr", "Sicherheitsrates"), O("pb", "Präsidentenbüros")), "2026-01-17")
    m = meeting_at(doc, "Miami")
    assert {"Rustem Umjerow", "Kyrylo Budanow", "David Arachamija"} <= set(names(doc, m.attendees))
    assert not {"Sicherheitsrates", "Präsidentenbüros"} & set(names(doc, m.attendees))
    assert (m.kind, m.status, m.date) == ("negotiation", "planned", "2026-01-17")
    assert len(m.evidence) == 2


def test_delegation_in_two_sentences_and_led_by():
    text = ("Die ersten Dreiergespräche sind am Samstag in Abu Dhabi zu Ende gegangen. Die ukrainische Delegation "
            "wurde von Rustem Umjerow angeführt. Ihr gehörten außerdem Kyrylo Budanow und Andrij Hnatow an.")
    doc = make_doc(text, "de", de_world(L("ad", "Abu Dhabi"), P("u", "Rustem Umjerow"), P("b", "Kyrylo Budanow"),
                                        P("h", "Andrij Hnatow")), "2026-01-25")
    m = meeting_at(doc, "Abu Dhabi")
    assert {"Rustem Umjerow", "Kyrylo Budanow", "Andrij Hnatow"} <= set(names(doc, m.attendees))


def test_english_delegation_led_by_and_included():
    text = ("A Ukrainian delegation held talks with Steve Witkoff in Miami on Saturday. The Ukrainian side was led "
            "by Rustem Umerov and included Kyrylo Budanov.")
    doc = make_doc(text, "en", en_world(L("miami", "Miami"), P("w", "Steve Witkoff"), P("u", "Rustem Umerov"),
                                        P("b", "Kyrylo Budanov")), "2026-01-18")
    m = meeting_at(doc, "Miami")
    assert {"Steve Witkoff", "Rustem Umerov", "Kyrylo Budanov"} <= set(names(doc, m.attendees))
    assert m.date == "2026-01-17"


def test_took_part_and_anaphoric_talks_merge():
    text = ("Russian President Vladimir Putin met U.S. envoy Steve Witkoff at the Kremlin in Moscow on Tuesday. "
            "Kirill Dmitriev also took part. Dmitriev said the talks had been productive.")
    doc = make_doc(text, "en", en_world(P("p", "Vladimir Putin", "Putin"), P("w", "Steve Witkoff", "Witkoff"),
                                        P("d", "Kirill Dmitriev", "Dmitriev")), "2025-12-03")
    assert len(doc._.ng_meetings) == 1
    m = meeting_at(doc, "Moscow")
    assert set(names(doc, m.attendees)) >= {"Vladimir Putin", "Steve Witkoff", "Kirill Dmitriev"}
    assert m.date == "2025-12-02"
    assert m.evidence[0].text.startswith("Russian President")


def test_mentions_of_one_meeting_merge_with_evidence_each():
    text = ("Die Verhandlungen zwischen den USA und der Ukraine sollen heute in Miami fortgesetzt werden. "
            "Dabei soll es vor allem um Sicherheitsgarantien gehen. Selenskyj warnte vor neuen Angriffen. "
            "Bei dem Treffen heute mit US-Vertretern solle an einem Abkommen gearbeitet werden, schrieb die "
            "Botschafterin Olha Stefanischyna.")
    doc = make_doc(text, "de", de_world(P("s", "Wolodymyr Selenskyj", "Selenskyj"), P("o", "Olha Stefanischyna")),
                   "2026-01-17")
    assert len(doc._.ng_meetings) == 1
    m = doc._.ng_meetings[0]
    assert m.about == ["Sicherheitsgarantien"]
    assert [e.text[:20] for e in m.evidence] == ["Die Verhandlungen zw", "Dabei soll es vor al", "Bei dem Treffen heut"]


def test_two_meetings_in_one_sentence():
    text = ("Ukrainian President Volodymyr Zelensky, who held talks with French President Emmanuel Macron in Paris "
            "on Monday, said during a visit to Ireland on Tuesday that Kyiv was waiting for news.")
    doc = make_doc(text, "en", en_world(P("z", "Volodymyr Zelensky", "Zelensky"), P("m", "Emmanuel Macron")),
                   "2025-12-03")
    paris, ireland = meeting_at(doc, "Paris"), meeting_at(doc, "Ireland")
    assert {"Volodymyr Zelensky", "Emmanuel Macron"} <= set(names(doc, paris.attendees))
    assert paris.date == "2025-12-01" and ireland.date == "2025-12-02"
    assert ireland.kind == "visit" and names(doc, ireland.attendees) == ["Volodymyr Zelensky"]


@pytest.mark.parametrize("lang, text", [
    ("de", "Direkte Friedensverhandlungen zwischen Russland und der Ukraine gibt es derzeit nicht."),
    ("de", "Eine russische Teilnahme an den Verhandlungen in Genf ist offenbar nicht geplant."),
    ("de", "Ein Treffen zwischen Putin und Selenskyj in Moskau wird es nicht geben."),
    ("en", "There are no plans for talks between Putin and Zelensky in Moscow."),
    ("en", "Putin did not meet Zelensky in Moscow on Tuesday."),
    ("en", "Russia did not take part in the talks in Geneva."),
    ("en", "Rubio skipped a meeting of NATO foreign ministers in Paris on Wednesday."),
    ("de", "Russland und die Ukraine verhandeln seit Monaten über einen Gefangenenaustausch."),
])
def test_negated_or_general_mentions_are_no_meetings(lang, text):
    ents = (de_world if lang == "de" else en_world)(P("p", "Putin"), P("s", "Selenskyj", "Zelensky"),
                                                     P("r", "Rubio"), O("n", "NATO"))
    doc = make_doc(text, lang, ents, "2026-01-17")
    assert doc._.ng_meetings == []


@pytest.mark.parametrize("lang, text", [
    ("de", "Ein überarbeiteter Friedensplan soll die Grundlage für weitere Gespräche bilden."),
    ("en", "Officials say more talks will be needed."),
    ("en", "Russia is ready to end the war through negotiations, Putin said."),
])
def test_no_attendee_no_place_no_meeting(lang, text):
    doc = make_doc(text, lang, (de_world if lang == "de" else en_world)(P("p", "Putin")), "2026-01-17")
    assert doc._.ng_meetings == []


def test_planned_signing_with_place_and_no_attendees():
    text = "Bei einem günstigen Verlauf könne es bereits kommende Woche in Davos zu einer Unterzeichnung kommen."
    doc = make_doc(text, "de", de_world(), "2026-01-17")
    m = meeting_at(doc, "Davos")
    assert (m.kind, m.status, m.date, m.date_precision, m.attendees) == ("signing", "possible", "2026-W04", "week", [])


@pytest.mark.parametrize("lang, text, status", [
    ("de", "Die Verhandlungen in Genf sollen morgen fortgesetzt werden.", "planned"),
    ("de", "Erwartet wird eine Reise von Witkoff nach Moskau.", "expected"),
    ("de", "Ein Treffen von Putin und Witkoff in Moskau könnte bald stattfinden.", "possible"),
    ("de", "Witkoff und Putin trafen sich am Dienstag in Moskau.", "held"),
    ("de", "In Genf laufen derzeit Gespräche zwischen Witkoff und Putin.", "ongoing"),
    ("de", "Witkoff wird am Freitag in Moskau mit Putin zusammenkommen.", "planned"),
    ("de", "Selenskyj schloss nicht aus, in die USA zu reisen, um Trump zu treffen.", "possible"),
    ("en", "Witkoff is expected to meet Putin in Moscow next week.", "expected"),
    ("en", "Witkoff will travel to Moscow on Friday for talks with Putin.", "planned"),
    ("en", "Witkoff could meet Putin in Moscow soon.", "possible"),
    ("en", "Witkoff met Putin in Moscow on Tuesday.", "held"),
    ("en", "Talks between Witkoff and Putin are under way in Geneva.", "ongoing"),
    ("en", "After a meeting with Putin in Moscow, Witkoff flew home.", "held"),
])
def test_status_cues(lang, text, status):
    ents = (de_world if lang == "de" else en_world)(P("w", "Witkoff"), P("p", "Putin"), P("s", "Selenskyj"),
                                                     P("t", "Trump"))
    doc = make_doc(text, lang, ents, "2026-01-14")
    assert [m.status for m in doc._.ng_meetings] == [status]


def test_phone_call():
    text = "Virtanen spoke with Polish Prime Minister Jan Nowak by phone on Monday."
    doc = make_doc(text, "en", en_world(P("v", "Aino Virtanen", "Virtanen"), P("n", "Jan Nowak")), "2026-03-05")
    [m] = doc._.ng_meetings
    assert (m.kind, m.status, m.date, m.location) == ("phone_call", "held", "2026-03-02", None)
    assert set(names(doc, m.attendees)) == {"Aino Virtanen", "Jan Nowak"}


def test_german_phone_call_with_pronoun():
    text = "Trump äußerte sich zuversichtlich. Er habe lange mit Selenskyj telefoniert, sagte er."
    doc = make_doc(text, "de", de_world(P("t", "Donald Trump", "Trump"), P("s", "Wolodymyr Selenskyj", "Selenskyj")),
                   "2025-12-16")
    [m] = doc._.ng_meetings
    assert m.kind == "phone_call" and m.status == "held"
    assert set(names(doc, m.attendees)) == {"Donald Trump", "Wolodymyr Selenskyj"}


def test_parallel_meeting_takes_time_and_place_of_the_main_one():
    text = ("Die Dreiergespräche in Abu Dhabi endeten am Samstag. Parallel zu den Dreiergesprächen trafen sich "
            "Witkoff und Kirill Dmitrijew zu Beratungen über wirtschaftliche Fragen.")
    doc = make_doc(text, "de", de_world(L("ad", "Abu Dhabi"), P("w", "Witkoff"), P("d", "Kirill Dmitrijew")),
                   "2026-01-25")
    side = [m for m in doc._.ng_meetings if "Kirill Dmitrijew" in names(doc, m.attendees)]
    assert len(side) == 1 and len(doc._.ng_meetings) == 2
    assert doc._.ng_entities[side[0].location].name == "Abu Dhabi" and side[0].date == "2026-01-24"
    assert side[0].about == ["wirtschaftliche Fragen"]


def test_dateline_gives_the_place_of_a_reported_meeting():
    text = ("BERLIN - Bundeskanzler Friedrich Merz hat am Montag mit dem französischen Präsidenten Emmanuel Macron "
            "beraten.")
    doc = make_doc(text, "de", de_world(P("m", "Friedrich Merz"), P("e", "Emmanuel Macron")), "2025-12-16")
    m = meeting_at(doc, "Berlin")
    assert m.date == "2025-12-15"
    assert set(names(doc, m.attendees)) == {"Friedrich Merz", "Emmanuel Macron"}


def test_two_day_talks_that_ended_give_a_range():
    text = ("Die Verhandlungen in Wien endeten am Samstag. Beide Seiten bezeichneten die zweitägigen Beratungen "
            "zwischen Serbien und dem Kosovo als konstruktiv.")
    doc = make_doc(text, "de", de_world(C("rs", "Serbien"), C("xk", "Kosovo")), "2026-01-25")
    m = meeting_at(doc, "Wien")
    assert (m.date, m.end_date, m.date_precision) == ("2026-01-23", "2026-01-24", "range")


def test_the_two_men():
    text = ("The plan was drafted by Steve Witkoff and Kirill Dmitriev. The two men met in Miami in late October.")
    doc = make_doc(text, "en", en_world(L("miami", "Miami"), P("w", "Steve Witkoff"), P("d", "Kirill Dmitriev")),
                   "2025-11-21")
    m = meeting_at(doc, "Miami")
    assert set(names(doc, m.attendees)) == {"Steve Witkoff", "Kirill Dmitriev"}
    assert (m.date, m.date_precision) == ("2025-10", "month")


def test_host_of_a_hoped_for_visit_is_its_place():
    text = ("Kremlin spokesman Dmitry Peskov said on Thursday that Moscow expected Witkoff and Kushner to visit "
            "in the near future.")
    doc = make_doc(text, "en", en_world(P("p", "Dmitry Peskov", "Peskov"), P("w", "Witkoff"), P("k", "Kushner"),
                                        O("kr", "Kremlin")), "2026-01-18")
    m = meeting_at(doc, "Moscow")
    assert set(names(doc, m.attendees)) == {"Witkoff", "Kushner"}
    assert m.status in ("expected", "planned")


# ---------------------------------------------------------------------------- dates

def resolved(text: str, lang: str, published: str, orient: str = "auto"):
    """The first date expression in `text`, resolved against `published`."""
    doc = spacy.blank(lang)(text)
    lows, texts = [t.lower_ for t in doc], [t.text for t in doc]
    found = find_dates(lows, texts, 0, len(doc), lexicon(lang))
    assert found, f"no date found in {text!r}"
    return resolve(found[0].spec, dt.date.fromisoformat(published), orient)


# published on Saturday 2026-01-17 unless the row says otherwise
@pytest.mark.parametrize("lang, text, orient, expected", [
    ("de", "heute", "auto", ("2026-01-17", None, "day")),
    ("de", "gestern", "past", ("2026-01-16", None, "day")),
    ("de", "vorgestern", "past", ("2026-01-15", None, "day")),
    ("de", "Sie treffen sich morgen.", "future", ("2026-01-18", None, "day")),
    ("de", "am Dienstag", "past", ("2026-01-13", None, "day")),
    ("de", "am Dienstag", "future", ("2026-01-20", None, "day")),
    ("de", "am Samstag", "past", ("2026-01-17", None, "day")),
    ("de", "am kommenden Sonntag", "auto", ("2026-01-18", None, "day")),
    ("de", "am vergangenen Montag", "auto", ("2026-01-12", None, "day")),
    ("de", "am Donnerstag", "past", ("2026-01-15", None, "day")),
    ("de", "am Sonntagnachmittag", "past", ("2026-01-11", None, "day")),
    ("de", "in der Nacht zum Freitag", "past", ("2026-01-15", None, "day")),
    ("de", "am Sonntag und Montag", "past", ("2026-01-11", "2026-01-12", "range")),
    ("de", "kommende Woche", "auto", ("2026-W04", None, "week")),
    ("de", "in der vergangenen Woche", "auto", ("2026-W02", None, "week")),
    ("de", "am kommenden Wochenende", "auto", ("2026-01-24", "2026-01-25", "range")),
    ("de", "Anfang Dezember", "past", ("2025-12", None, "month")),
    ("de", "Anfang Dezember", "future", ("2026-12", None, "month")),
    ("de", "im März", "future", ("2026-03", None, "month")),
    ("de", "am 23. Januar", "future", ("2026-01-23", None, "day")),
    ("de", "am 6. Januar", "past", ("2026-01-06", None, "day")),
    ("de", "am 30. November und 1. Dezember", "past", ("2025-11-30", "2025-12-01", "range")),
    ("de", "vom 1. bis 3. März", "future", ("2026-03-01", "2026-03-03", "range")),
    ("de", "am 14.12.2025", "auto", ("2025-12-14", None, "day")),
    ("de", "vor zwei Wochen", "past", ("2026-W01", None, "week")),
    ("de", "im Jahr 2024", "auto", ("2024", None, "year")),
    ("en", "today", "auto", ("2026-01-17", None, "day")),
    ("en", "yesterday", "past", ("2026-01-16", None, "day")),
    ("en", "tomorrow", "future", ("2026-01-18", None, "day")),
    ("en", "on Tuesday", "past", ("2026-01-13", None, "day")),
    ("en", "on Tuesday", "future", ("2026-01-20", None, "day")),
    ("en", "next Friday", "auto", ("2026-01-23", None, "day")),
    ("en", "last Friday", "auto", ("2026-01-16", None, "day")),
    ("en", "next week", "auto", ("2026-W04", None, "week")),
    ("en", "later this week", "auto", ("2026-W03", None, "week")),
    ("en", "over the weekend", "past", ("2026-01-17", "2026-01-18", "range")),
    ("en", "early December", "past", ("2025-12", None, "month")),
    ("en", "mid-December", "past", ("2025-12", None, "month")),
    ("en", "in late October", "past", ("2025-10", None, "month")),
    ("en", "on Dec. 4", "past", ("2025-12-04", None, "day")),
    ("en", "on December 4, 2024", "auto", ("2024-12-04", None, "day")),
    ("en", "on Jan. 23", "future", ("2026-01-23", None, "day")),
    ("en", "on Nov. 30 and Dec. 1", "past", ("2025-11-30", "2025-12-01", "range")),
    ("en", "March 3-5", "future", ("2026-03-03", "2026-03-05", "range")),
    ("en", "on 4 December", "past", ("2025-12-04", None, "day")),
    ("en", "two weeks ago", "past", ("2026-W01", None, "week")),
    ("en", "three days ago", "past", ("2026-01-14", None, "day")),
])
def test_date_normalisation(lang, text, orient, expected):
    assert resolved(text, lang, "2026-01-17", orient) == expected


@pytest.mark.parametrize("lang, text", [
    ("de", "Trump hatte Kiew eine Frist bis Donnerstag gesetzt."),
    ("en", "The deadline runs until Thursday."),
])
def test_deadlines_are_not_meeting_dates(lang, text):
    doc = spacy.blank(lang)(text)
    found = find_dates([t.lower_ for t in doc], [t.text for t in doc], 0, len(doc), lexicon(lang))
    assert found and all(d.deadline for d in found)


def test_may_the_month_is_no_modal():
    text = "Witkoff and Putin held talks in Moscow on May 23."
    doc = make_doc(text, "en", en_world(P("w", "Witkoff"), P("p", "Putin")), "2025-06-16")
    [m] = doc._.ng_meetings
    assert (m.status, m.date) == ("held", "2025-05-23")


def test_held_meeting_month_after_article_month_is_last_year():
    doc = make_doc("Witkoff traf Putin im Dezember in Moskau.", "de", de_world(P("w", "Witkoff"), P("p", "Putin")),
                   "2026-01-17")
    assert [m.date for m in doc._.ng_meetings] == ["2025-12"]


def test_no_article_date_no_relative_dates():
    doc = make_doc("Witkoff traf Putin am Dienstag in Moskau.", "de", de_world(P("w", "Witkoff"), P("p", "Putin")))
    [m] = doc._.ng_meetings
    assert m.date is None and doc._.ng_entities[m.location].name == "Moskau"


# ---------------------------------------------------------------------------- claims

QUOTE_CASES = [
    ("de", "„Wir sind bereit zu reden“, sagte Selenskyj."),
    ("de", '"Wir sind bereit zu reden", betonte Selenskyj.'),
    ("de", "»Wir sind bereit zu reden«, sagte Selenskyj am Abend."),
    ("de", "«Wir sind bereit zu reden», sagte Selenskyj."),
    ("de", "Selenskyj sagte: „Wir sind bereit zu reden.“"),
    ("de", "Selenskyj: „Wir sind bereit zu reden.“"),
    ("en", "“We are ready to talk,” Zelensky said."),
    ("en", '"We are ready to talk," said Zelensky.'),
    ("en", "'We are ready to talk,' Zelensky told reporters."),
    ("en", 'Zelensky said: "We are ready to talk."'),
    ("en", 'Zelensky wrote on social media, "We are ready to talk."'),
]


@pytest.mark.parametrize("lang, text", QUOTE_CASES)
def test_direct_quote_styles(lang, text):
    ents = [P("s", "Wolodymyr Selenskyj", "Selenskyj", "Zelensky")]
    doc = make_doc(text, lang, ents, "2026-01-17")
    [c] = doc._.ng_claims
    assert c.author == "s" and c.direct
    assert c.text.rstrip(".") in ("Wir sind bereit zu reden", "We are ready to talk")
    check_evidence(text, doc)


def test_quote_over_two_sentences_with_attribution_after():
    text = ('Zugleich kritisierte er die westlichen Verbündeten. "Wir reden ehrlich mit den Partnern über Raketen. '
            'Die Lieferungen reichen nicht aus", betonte Selenskyj.')
    doc = make_doc("Selenskyj warnte vor neuen Angriffen. " + text, "de",
                   de_world(P("s", "Wolodymyr Selenskyj", "Selenskyj")), "2026-01-17")
    quote = [c for c in doc._.ng_claims if c.direct]
    assert len(quote) == 1
    assert quote[0].text.startswith("Wir reden ehrlich") and quote[0].text.endswith("Die Lieferungen reichen nicht aus")
    # the bare criticism before it is the same claim: its type, the quote's words
    assert quote[0].claim_type == "criticism" and quote[0].cameo == "111"
    assert len(doc._.ng_claims) == 2


def test_scare_quote_is_part_of_reported_speech():
    text = 'Zuletzt hatte er mitgeteilt, ein Dokument sei "im Grunde bereit" zur Fertigstellung.'
    doc = make_doc("Selenskyj fordert mehr Druck auf Russland. " + text, "de",
                   de_world(P("s", "Wolodymyr Selenskyj", "Selenskyj")), "2026-01-17")
    assert [(c.direct, c.text) for c in doc._.ng_claims][1] == \
        (False, 'ein Dokument sei "im Grunde bereit" zur Fertigstellung')


@pytest.mark.parametrize("lang, text, speaker, ctype, cameo, content", [
    ("de", "Derweil warnte der ukrainische Präsident Wolodymyr Selenskyj vor dem Hintergrund einer Kältewelle vor neuen "
           "massiven russischen Luftangriffen.", "Wolodymyr Selenskyj", "warning", "012",
     "vor neuen massiven russischen Luftangriffen"),
    ("de", "Zuletzt hatte US-Präsident Trump Selenskyj erneut vorgeworfen, er halte die Friedensgespräche auf.",
     "Donald Trump", "accusation", "112", "er halte die Friedensgespräche auf"),
    ("de", "Selenskyj fordert immer wieder, den Druck auf Russland zu erhöhen.", "Wolodymyr Selenskyj", "demand",
     "10", "den Druck auf Russland zu erhöhen"),
    ("de", "Am Donnerstag hatte Kremlsprecher Dmitri Peskow deutlich gemacht, Russland hoffe auf einen baldigen "
           "Besuch.", "Dmitri Peskow", "hope", "013", "Russland hoffe auf einen baldigen Besuch"),
    ("de", "Die Botschafterin Olha Stefanischyna schrieb auf Facebook, die Gespräche seien konstruktiv.",
     "Olha Stefanischyna", "statement", "010", "die Gespräche seien konstruktiv"),
    ("de", "Peskow kündigte an, Russland werde seine Position überprüfen.", "Dmitri Peskow", "announcement", "010",
     "Russland werde seine Position überprüfen"),
    ("de", "Selenskyj wies die Vorwürfe umgehend zurück.", "Wolodymyr Selenskyj", "denial", "016",
     "die Vorwürfe umgehend"),
    ("de", "Selenskyj zufolge ist der Friedensplan zu 90 Prozent abgestimmt.", "Wolodymyr Selenskyj", "statement",
     "010", "ist der Friedensplan zu 90 Prozent abgestimmt"),
    ("de", "Laut Peskow ist der Dialog nicht beendet.", "Dmitri Peskow", "statement", "010",
     "ist der Dialog nicht beendet"),
    ("de", "Nach Angaben von Peskow unterrichtete Putin den US-Präsidenten.", "Dmitri Peskow", "statement", "010",
     "unterrichtete Putin den US-Präsidenten"),
    ("de", "Jermak sprach von „sehr guten Fortschritten“ auf dem Weg zum Frieden.", "Andrij Jermak", "statement", "010",
     "von „sehr guten Fortschritten“ auf dem Weg zum Frieden"),
    ("en", "Kremlin spokesman Dmitry Peskov said Moscow would not negotiate through the media.", "Dmitri Peskow",
     "statement", "010", "Moscow would not negotiate through the media"),
    ("en", "Zelensky warned that Russia was preparing another massive air attack.", "Wolodymyr Selenskyj",
     "warning", "012", "Russia was preparing another massive air attack"),
    ("en", "Trump accused Zelensky of delaying the talks.", "Donald Trump", "accusation", "112", "delaying the talks"),
    ("en", "Rubio called that session productive.", "Marco Rubio", "assessment", "010", "that session productive"),
    ("en", "Trump described the meeting as reasonably good.", "Donald Trump", "assessment", "010",
     "the meeting as reasonably good"),
    ("en", "Zelensky insists the text is all but finished.", "Wolodymyr Selenskyj", "statement", "010",
     "the text is all but finished"),
    ("en", "According to Peskov, no consultations are under way.", "Dmitri Peskow", "statement", "010",
     "no consultations are under way"),
    ("en", "Trump denied that he had spoken to Putin.", "Donald Trump", "denial", "016", "he had spoken to Putin"),
    ("en", "Rubio announced that talks would resume on Monday.", "Marco Rubio", "announcement", "010",
     "talks would resume on Monday"),
    ("en", "Zelensky urged allies to speed up deliveries.", "Wolodymyr Selenskyj", "demand", "10",
     "allies to speed up deliveries"),
])
def test_reported_speech(lang, text, speaker, ctype, cameo, content):
    ents = (de_world if lang == "de" else en_world)(
        P("s", "Wolodymyr Selenskyj", "Selenskyj", "Zelensky"), P("t", "Donald Trump", "Trump", titles=["US-Präsident"]),
        P("p", "Dmitri Peskow", "Peskow", "Peskov", "Dmitry Peskov"), P("o", "Olha Stefanischyna"),
        P("j", "Andrij Jermak", "Jermak"), P("r", "Marco Rubio", "Rubio"), P("w", "Wladimir Putin", "Putin"))
    doc = make_doc(text, lang, ents, "2026-01-17")
    [c] = doc._.ng_claims
    assert (doc._.ng_entities[c.author].name, c.claim_type, c.cameo, c.direct) == (speaker, ctype, cameo, False)
    assert c.text == content
    check_evidence(text, doc)


def test_accusation_targets_and_about():
    text = "Zuletzt hatte US-Präsident Trump Selenskyj erneut vorgeworfen, er halte die Gespräche mit Russland auf."
    doc = make_doc(text, "de", de_world(P("t", "Donald Trump", "Trump"), P("s", "Wolodymyr Selenskyj", "Selenskyj")),
                   "2026-01-17")
    [c] = doc._.ng_claims
    assert names(doc, c.targets) == ["Wolodymyr Selenskyj"] and names(doc, c.about) == ["Russland"]
    text = "Nowak accused Russia of using energy as a weapon."
    doc = make_doc(text, "en", en_world(P("n", "Jan Nowak", "Nowak")), "2026-01-17")
    [c] = doc._.ng_claims
    assert names(doc, c.targets) == ["Russia"] and c.text == "using energy as a weapon"


def test_claim_date_from_the_frame():
    text = "Am Donnerstag hatte Kremlsprecher Dmitri Peskow deutlich gemacht, Russland hoffe auf einen Besuch am Montag."
    doc = make_doc(text, "de", de_world(P("p", "Dmitri Peskow", "Peskow")), "2026-01-17")
    [c] = doc._.ng_claims
    assert c.date == "2026-01-15"
    text = "Peskov told reporters on Thursday that Moscow had received nothing."
    doc = make_doc(text, "en", en_world(P("p", "Dmitry Peskov", "Peskov")), "2025-11-21")
    assert doc._.ng_claims[0].date == "2025-11-20"


@pytest.mark.parametrize("lang, text", [
    ("de", "Selenskyj warnte vor neuen Angriffen. Zugleich kritisierte er die Partner scharf für ihre Zögerlichkeit."),
    ("de", "Selenskyj warnte vor neuen Angriffen. Zuletzt hatte er mitgeteilt, die Lage sei ernst."),
    ("de", "Selenskyj warnte vor neuen Angriffen. Die Lage sei sehr ernst, sagte er am Abend."),
    ("en", "Zelensky warned of new attacks. He said the situation was serious."),
    ("en", "Zelensky warned of new attacks. The situation is serious, he insisted."),
    ("en", "Zelensky warned of new attacks. “The situation is serious,” she said."),
])
def test_pronoun_speakers_are_the_last_speaker(lang, text):
    ents = (de_world if lang == "de" else en_world)(P("s", "Wolodymyr Selenskyj", "Selenskyj", "Zelensky"),
                                                     P("p", "Wladimir Putin", "Putin"))
    doc = make_doc("Putin schwieg. " + text if lang == "de" else "Putin said nothing new. " + text, lang, ents,
                   "2026-01-17")
    assert [doc._.ng_entities[c.author].name for c in doc._.ng_claims][-2:] == ["Wolodymyr Selenskyj"] * 2


def test_pronoun_after_a_named_subject_that_did_not_speak():
    text = "Kirill Dmitriev also took part. He wrote afterwards on social media that the meeting had been productive."
    doc = make_doc("Putin met Witkoff in Moscow on Tuesday, Ushakov said. " + text, "en",
                   en_world(P("p", "Putin"), P("w", "Witkoff"), P("u", "Ushakov"), P("d", "Kirill Dmitriev")),
                   "2025-12-03")
    assert names(doc, [c.author for c in doc._.ng_claims]) == ["Ushakov", "Kirill Dmitriev"]


def test_role_mention_resolves_through_job_title():
    text = ("Bundeskanzler Friedrich Merz traf Macron in Berlin. „Wir sind einig“, sagte der Kanzler nach dem "
            "Abendessen.")
    doc = make_doc(text, "de", de_world(P("m", "Friedrich Merz", "Merz", titles=["Bundeskanzler"]),
                                        P("e", "Emmanuel Macron", "Macron", titles=["Präsident"])), "2025-12-16")
    [c] = doc._.ng_claims
    assert doc._.ng_entities[c.author].name == "Friedrich Merz"


def test_role_with_a_country_prefix_beats_a_wrong_link():
    """"Der US-Präsident" linked (wrongly) to the Ukrainian president is checked against his country."""
    text = ("Überschattet wurde der Tag von einem Beitrag Donald Trumps. Der US-Präsident warf der ukrainischen "
            "Führung vor, sie zeige keine Dankbarkeit.")
    ents = de_world(P("t", "Donald Trump", "Trump", titles=["US-Präsident"], nationality="us"),
                    P("s", "Wolodymyr Selenskyj", "Selenskyj", titles=["ukrainische Präsident"], nationality="ua",
                      roles=["US-Präsident"]))
    doc = make_doc(text, "de", ents, "2025-11-24")
    [c] = doc._.ng_claims
    assert doc._.ng_entities[c.author].name == "Donald Trump" and names(doc, c.targets) == ["Ukraine"]


@pytest.mark.parametrize("lang, text, speakers", [
    ("de", "Russland beharrt bislang auf seinen Maximalforderungen.", ["Russland"]),
    ("de", "Die USA und die Ukraine sprachen von deutlichen Fortschritten.", ["USA", "Ukraine"]),
    ("en", "The Kremlin said it had not received the plan.", ["Kremlin"]),
    ("en", "The State Department declined to comment on the plan.", []),
    ("en", "Kyiv insists the bilateral text is all but finished.", ["Kyiv"]),
])
def test_organisations_and_states_speak(lang, text, speakers):
    ents = (de_world if lang == "de" else en_world)(O("k", "Kremlin"), O("sd", "State Department"))
    doc = make_doc(text, lang, ents, "2026-01-17")
    assert sorted(names(doc, [c.author for c in doc._.ng_claims])) == sorted(speakers)


@pytest.mark.parametrize("lang, text", [
    ("de", "Medienberichten zufolge sollen Witkoff und Kushner dabei sein."),
    ("de", "Die Beratungen seien konstruktiv verlaufen, heißt es in einer Erklärung."),
    ("de", "Dabei soll es ukrainischen Angaben zufolge um Sicherheitsgarantien gehen."),
    ("en", "The talks will resume next week, a Ukrainian official said."),
    ("en", "Officials said the plan was vague."),
    ("en", "He did not say whether a deal had been reached."),
    ("en", "Witkoff and Kushner were expected to attend, according to people briefed on the talks."),
])
def test_no_named_speaker_no_claim(lang, text):
    ents = (de_world if lang == "de" else en_world)(P("w", "Witkoff"), P("k", "Kushner"))
    doc = make_doc(text, lang, ents, "2026-01-17")
    assert doc._.ng_claims == []


def test_konjunktiv_goes_on_as_the_same_claim_of_the_speaker():
    # one continuous statement is one claim (GUIDELINES.md), its text and evidence both sentences
    text = ("Am Donnerstag hatte Kremlsprecher Dmitri Peskow deutlich gemacht, Russland hoffe auf einen Besuch. "
            "Der Dialog mit den Amerikanern laufe.")
    doc = make_doc(text, "de", de_world(P("p", "Dmitri Peskow", "Peskow")), "2026-01-17")
    assert [(names(doc, [c.author])[0], c.text) for c in doc._.ng_claims] == [
        ("Dmitri Peskow", "Russland hoffe auf einen Besuch. Der Dialog mit den Amerikanern laufe.")]
    assert len(doc._.ng_claims[0].evidence) == 2
    # the nested "Russland hoffe" is no claim of Russia's
    assert all(c.author == "p" for c in doc._.ng_claims)


def test_ihren_worten_nach_goes_on_with_her_claim():
    text = ("Die Botschafterin Olha Stefanischyna schrieb auf Facebook, die Gespräche seien konstruktiv. "
            "Zur Delegation gehören ihren Worten nach Rustem Umjerow und David Arachamija.")
    doc = make_doc(text, "de", [P("o", "Olha Stefanischyna"), P("u", "Rustem Umjerow"), P("a", "David Arachamija")],
                   "2026-01-17")
    [c] = doc._.ng_claims
    assert c.author == "o" and "Umjerow" in c.text and len(c.evidence) == 2
    assert "konstruktiv. Zur Delegation" in c.text  # the sentences stay sentences


def test_same_thing_said_twice_is_one_claim():
    text = ("Selenskyj warnt vor neuen russischen Luftangriffen\n\nSelenskyj warnte in seiner Videobotschaft vor neuen "
            "massiven russischen Luftangriffen.")
    doc = make_doc(text, "de", de_world(P("s", "Wolodymyr Selenskyj", "Selenskyj")), "2026-01-17")
    [c] = doc._.ng_claims
    assert len(c.evidence) == 2 and "Luftangriffen" in c.text


def test_coordinated_cues_share_the_speaker():
    text = ("President Donald Trump said he believed Putin was ready to make a deal and suggested that Zelensky was "
            "now the main obstacle.")
    doc = make_doc(text, "en", en_world(P("t", "Donald Trump", "Trump"), P("p", "Putin"), P("z", "Zelensky")),
                   "2026-01-18")
    assert [(names(doc, [c.author])[0], c.claim_type) for c in doc._.ng_claims] == [
        ("Donald Trump", "statement"), ("Donald Trump", "assessment")]


def test_parenthetical_attribution_keeps_both_halves():
    text = "If the Ukrainians rejected the offer, he said, the fighting would simply carry on."
    doc = make_doc("Trump spoke to Fox News Radio. " + text, "en", en_world(P("t", "Donald Trump", "Trump")),
                   "2025-11-21")
    c = doc._.ng_claims[-1]
    assert c.author == "t" and "rejected the offer" in c.text and "carry on" in c.text


# ---------------------------------------------------------------------------- robustness (hypothesis)

FUZZ_ENTS = [P("s", "Selenskyj", "Zelensky", titles=["Präsident"]), P("p", "Putin"), P("w", "Witkoff"),
             L("m", "Moskau", "Moscow", "MOSCOW"), O("k", "Kreml", "Kremlin"), C("u", "Ukraine", adjectives=[r"ukrainisch\w*"])]
FUZZ_WORDS = ("Selenskyj Zelensky Putin Witkoff Moskau Moscow MOSCOW Kreml Kremlin Ukraine ukrainischen sagte warnte vor "
              "traf Treffen Gespräche Verhandlungen Besuch Delegation gehören nahmen teil dabei sein er sie he she said "
              "told met talks visit call phone by on in nach am heute gestern morgen Dienstag Tuesday kommende Woche "
              "next week Anfang Dezember Dec. 4 Nov. 30 and und 1. März zufolge laut according to accused warf der die "
              "the of nicht not keine no parallel zu während during the two men die beiden „ “ \" ' » « ‚ ‘ ’ ” : ; , . - "
              "— – ( ) \n\n 2026 zweitägigen two-day").split(" ")


def _run(text: str, lang: str, published="2026-01-17"):
    doc = make_doc(text, lang, FUZZ_ENTS, published)
    check_evidence(text, doc)
    for m in doc._.ng_meetings:
        assert m.kind in MEETING_KINDS and m.status in MEETING_STATUSES
        assert all(k in doc._.ng_entities for k in m.attendees)
    for c in doc._.ng_claims:
        assert c.claim_type in CLAIM_TYPES and c.author in doc._.ng_entities and c.text
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400), lang=st.sampled_from(["de", "en"]))
def test_any_unicode_text(text, lang):
    _run(text, lang)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(FUZZ_WORDS), max_size=200), lang=st.sampled_from(["de", "en"]),
       sep=st.sampled_from([" ", "", "  "]), published=st.sampled_from([None, "2026-01-17", "2025-12-31"]))
def test_news_words_in_any_order(words, lang, sep, published):
    _run(sep.join(words), lang, published)


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="„“\"'»«‚‘’”.,;:!?-–—()[]/ \n", max_size=300), lang=st.sampled_from(["de", "en"]))
def test_only_punctuation(text, lang):
    doc = _run(text, lang)
    assert doc._.ng_meetings == [] and doc._.ng_claims == []


def test_no_spaces_at_all():
    text = "Selenskyjsagte„Wirsindbereitzureden“undtrafPutininMoskau." * 50
    _run(text, "de")


def test_huge_paragraph_is_linear():
    """One paragraph of thousands of sentences, then one sentence of thousands of words: no quadratic loops."""
    unit = ("Witkoff traf Putin am Dienstag in Moskau. „Wir sind bereit“, sagte Selenskyj. Er warnte vor neuen "
            "Angriffen. Die Gespräche sollen kommende Woche fortgesetzt werden. ")
    timings = []
    for n in (40, 160):
        text = unit * n
        t0 = time.perf_counter()
        doc = _run(text, "de")
        timings.append((time.perf_counter() - t0) / len(doc))
        # the same words said again are one claim with evidence for every sentence
        assert sum(len(c.evidence) for c in doc._.ng_claims if c.direct) >= n
    assert timings[1] < 3 * timings[0] + 1e-4, timings
    # one "sentence" of thousands of words, full of meeting words, quotes and reporting verbs
    for unit in ("Witkoff traf Putin in Moskau", "„Ja“, sagte Witkoff, er habe Putin in Moskau getroffen"):
        per_token = []
        for n in (300, 1200):
            sentence = " und ".join([unit] * n) + "."
            t0 = time.perf_counter()
            doc = _run(sentence, "de")
            per_token.append((time.perf_counter() - t0) / len(doc))
        assert per_token[1] < 3 * per_token[0] + 1e-4, (unit, per_token)


# ---------------------------------------------------------------------------- cost

def test_cost_per_1000_tokens():
    """The event components together stay well below the entity components' cost (report: README)."""
    unit = ("Russian President Vladimir Putin met U.S. envoy Steve Witkoff in Moscow on Tuesday. \"So far we have not "
            "found a compromise,\" Yuri Ushakov told reporters. He called the atmosphere friendly. The talks will "
            "continue next week, Peskov said. Officials described the weather as cold and the roads as empty. ")
    ents = en_world(P("p", "Vladimir Putin", "Putin"), P("w", "Steve Witkoff", "Witkoff"), P("u", "Yuri Ushakov"),
                    P("k", "Peskov"))
    text = unit * 100
    nlp = nlp_for("en")
    doc = make_doc(text, "en", ents, "2025-12-03")  # warm up, and the mentions
    meet, claims = nlp.get_pipe("ng_meetings"), nlp.get_pipe("ng_claims")
    best = float("inf")
    for _ in range(3):
        doc._.ng_meetings, doc._.ng_claims = [], []
        t0 = time.perf_counter()
        claims(meet(doc))
        best = min(best, time.perf_counter() - t0)
    ms_per_1000 = 1e6 * best / len(doc)
    print(f"ng_meetings + ng_claims: {ms_per_1000:.1f} ms per 1000 tokens")
    assert ms_per_1000 < 150  # generous for slow CI machines; about 15-25 on a laptop


# ---------------------------------------------------------------------------- gold floors

def score_extraction(gold: dict, ex) -> dict:
    """score.py's matching, applied to records (no RDF): found/gold/correct/pred and dates."""
    S = goldscore
    ents = {e.key: e for e in ex.entities}

    def nm(k):
        return set(ents[k].surface_forms()) if k in ents else set()
    events = [{"locs": nm(m.location) if m.location else set(), "who": [nm(k) for k in m.attendees],
               "dates": {d for d in (m.date, m.end_date) if d}} for m in ex.meetings]

    def meeting_ok(ev, gm, strict=True):
        if gm.get("where") and not S.place_matches(ev["locs"], gm["where"]):
            return False
        need = min(2, len(gm["who"])) if strict else min(1, len(gm["who"]))
        got = sum(1 for short in gm["who"]
                  if any(S.entity_matches(ns, S.person_variants(gold, short)) for ns in ev["who"]))
        return got >= need
    gms = gold.get("meetings", [])
    owner = S.max_matching([[i for i, ev in enumerate(events) if meeting_ok(ev, gm)] for gm in gms])
    # dates: a dated gold meeting is right when some matching event carries its date (order-free)
    dated = [gm for gm in gms if gm.get("date")]
    date_ok = sum(1 for gm in dated if any(meeting_ok(ev, gm) and any(d.startswith(gm["date"]) for d in ev["dates"])
                                           for ev in events))
    all_gm = gms + gold.get("optional_meetings", [])
    m_correct = sum(1 for ev in events if any(meeting_ok(ev, gm, strict=False) for gm in all_gm))
    claims = [{"by": nm(c.author), "text": S.norm(c.text)} for c in ex.claims]

    def claim_ok(cl, gc):
        if not S.entity_matches(cl["by"], gc["by"]) and not any(
                S.entity_matches(cl["by"], S.person_variants(gold, b)) for b in gc["by"]):
            return False
        return any(S.norm(cue) in cl["text"] for cue in gc["cue"])
    gcs = gold.get("claims", [])
    cowner = S.max_matching([[i for i, cl in enumerate(claims) if claim_ok(cl, gc)] for gc in gcs])
    c_correct = sum(1 for cl in claims if any(claim_ok(cl, gc) for gc in gcs + gold.get("optional_claims", [])))
    return {"meetings": (len(owner), len(gms), m_correct, len(events)), "dates": (date_ok, len(dated)),
            "claims": (len(cowner), len(gcs), c_correct, len(claims))}


def ents_from_gold(gold: dict) -> list[E]:
    """Hand-placed mentions from the gold name lists (the entity components are not under test here)."""
    import pycountry

    def is_country(variants):
        for v in variants:
            try:
                pycountry.countries.lookup(v)
                return True
            except LookupError:
                if len(v) > 3 and any(c.name.startswith(v) for c in pycountry.countries):
                    return True
        return False
    adjectives = {"Ukraine": [r"ukrainisch\w*", "Ukrainian"], "Russland": [r"russisch\w*", "Russian"],
                  "Russia": [r"russisch\w*", "Russian"], "USA": [r"US-\w+", r"amerikanisch\w*", r"U\.S\.(?:-\w+)?"]}
    out, seen = [], set()
    for n, vs in enumerate(gold["persons"] + gold.get("optional_persons", [])):
        out.append(E(f"p{n}", PERSON, vs))
    for n, vs in enumerate(gold["places"] + gold.get("optional_places", []) + gold.get("orgs", []) +
                           gold.get("optional_orgs", [])):
        if vs[0] in seen:
            continue
        seen.add(vs[0])
        is_place = n < len(gold["places"]) + len(gold.get("optional_places", []))
        kind = (COUNTRY if is_country(vs) else PLACE) if is_place else ORGANIZATION
        out.append(E(f"x{n}", kind, vs, adjectives=adjectives.get(vs[0], [])))
    return out


def shared_article():
    SH = shared_or_skip() / "seeds"
    from newsgraph.readers import iter_articles
    for gold_path in sorted(SH.glob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        if text_path.is_file():
            return next(iter(iter_articles([str(text_path)]))), json.loads(gold_path.read_text("utf-8"))
    pytest.skip(f"no article with gold in {SH}")


def test_shared_article_floors_with_hand_placed_mentions():
    art, gold = shared_article()
    doc = make_doc(art.text, art.lang, ents_from_gold(gold), art.date)
    from newsgraph.extractors.records import Extraction
    ex = Extraction(entities=list(doc._.ng_entities.values()), meetings=doc._.ng_meetings, claims=doc._.ng_claims)
    r = score_extraction(gold, ex)
    found, total, correct, pred = r["meetings"]
    assert found >= 3 and correct >= 0.8 * pred, r
    assert r["dates"][0] == r["dates"][1], r
    found, total, correct, pred = r["claims"]
    assert found >= 6 and correct >= 0.8 * pred, r
    check_evidence(art.text, doc)


def test_our_seed_floors_with_hand_placed_mentions():
    """The event components on every seed of ours with gold (seeds/gold/), given the gold names as
    mentions: what test_shared_article_floors_with_hand_placed_mentions checks on the shared
    article, here on articles the repository holds (summed; each article's evidence checked)."""
    from newsgraph.extractors.records import Extraction
    from newsgraph.readers import iter_articles
    from scoring import seed_pairs

    meetings, claims, dates = [0, 0, 0, 0], [0, 0, 0, 0], [0, 0]
    for path, gold_path in seed_pairs(ROOT / "seeds"):
        art = next(iter(iter_articles([str(path)])))
        gold = json.loads(gold_path.read_text("utf-8"))
        doc = make_doc(art.text, art.lang, ents_from_gold(gold), art.date)
        check_evidence(art.text, doc)
        ex = Extraction(entities=list(doc._.ng_entities.values()), meetings=doc._.ng_meetings, claims=doc._.ng_claims)
        r = score_extraction(gold, ex)
        meetings = [a + b for a, b in zip(meetings, r["meetings"])]
        claims = [a + b for a, b in zip(claims, r["claims"])]
        dates = [a + b for a, b in zip(dates, r["dates"])]
    found, total, correct, pred = meetings  # at this writing: 134 of 166 found, 180 of 221 right
    assert total >= 100 and found >= 0.75 * total and correct >= 0.75 * pred, meetings
    found, total, correct, pred = claims  # 331 of 361, 435 of 497
    assert total >= 200 and found >= 0.85 * total and correct >= 0.80 * pred, claims
    assert dates[0] >= 0.55 * dates[1], dates  # 104 of 162


# ---------------------------------------------------------------------------- end to end

@pytest.fixture(scope="module")
def extractor():
    try:
        from newsgraph.extractors.pipeline import Extractor
        x = Extractor()
        x.extract("Test.", "de")
    except Exception as exc:  # the entity components are built by a teammate
        pytest.skip(f"the full pipeline does not build: {exc}")
    return x


def test_end_to_end_shared_article(extractor):
    art, gold = shared_article()
    ex = extractor.extract(art.text, art.lang, dt.date.fromisoformat(art.date))
    r = score_extraction(gold, ex)
    found, total, correct, pred = r["meetings"]
    assert found >= 3 and correct >= 0.8 * pred, r
    assert r["dates"][0] == r["dates"][1], r
    found, total, correct, pred = r["claims"]
    assert found >= 6 and correct >= 0.8 * pred, r


# Articles written after the extractor, in real outlets' styles (see seeds/README.md): scored on their own,
# so that their (lower) scores neither hide behind nor drag down the floors of the first ten.
HELDOUT = {"en-2025-11-19-ankara-erdogan-zelenskiy", "de-2025-11-20-kiew-driscoll-dpa",
           "en-2025-11-27-putin-bishkek-basis", "en-2025-12-01-hallandale-beach-talks",
           "de-2026-01-02-budanow-praesidialamt", "de-2026-01-24-stationen-verhandlungen",
           "de-2026-02-04-liveticker-abu-dhabi", "en-2026-02-05-abu-dhabi-live"}


# A second batch, written blind to the extractor in other styles and on other stories (a short-news digest,
# a broadsheet analysis, a Kyiv outlet, AP, tagesschau-style, Kosovo and the Caucasus): scored on its own.
SECOND = {"de-2025-03-19-nachrichten-energie-waffenruhe", "de-2025-05-16-istanbul-direktgespraeche-medinski",
          "de-2025-08-16-anchorage-gipfel-reaktionen", "de-2026-03-11-kosovo-serbien-bruessel",
          "en-2025-02-19-riyadh-talks-without-kyiv", "en-2025-05-11-coalition-willing-kyiv-deadline",
          "en-2025-08-19-white-house-europeans-putin-call", "en-2026-02-19-tbilisi-armenia-azerbaijan"}
SECOND_FLOORS = (0.82, 0.83, 0.65)  # meetings F1, claims F1, share of dated gold meetings found with their date
# (measured 0.85, 0.85, 0.69; score.py meetings 0.73, claims 0.75 when they were written)


# A third batch, written blind to the extractor after the second one's fixes (a factbox timeline, a scoop, a
# live page, a markets piece; Spiegel-, NZZ-, dpa- and Bild-like German; Gaza talks among them).
THIRD = {"de-2025-12-05-cassis-osze-wien-genf", "de-2025-12-16-europa-kanzleramt-analyse",
         "de-2026-02-20-gaza-kairo-doha-zweite-phase", "de-2026-03-11-selenskyj-europa-reise",
         "en-2026-01-10-factbox-peace-timeline", "en-2026-01-24-abu-dhabi-trilateral-live",
         "en-2026-03-06-scoop-geneva-dmitriev-umerov", "en-2026-04-14-dmitriev-miami-sanctions-relief"}
THIRD_FLOORS = (0.8, 0.88, 0.6)  # meetings F1, claims F1, dated gold meetings found with their date
# (measured 0.82, 0.90, 0.62; score.py totals 0.65 and 0.84 when they were written)

# A fourth batch, written blind at the end of the fourth session (a NYT-style story with "Mr. X", a
# Guardian-style Kremlin report, a Deutschlandfunk-style report, a taz-style commentary); it arrived at
# score.py meetings F1 0.75, claims 0.78 and taught only the honorific, colon and particle rules.
FOURTH = {"de-2026-04-28-london-downing-street-selenskyj-europaeer", "de-2026-05-19-bruessel-aussenrat-kallas-glosse",
          "en-2026-04-24-kremlin-envoys-ushakov-briefing", "en-2026-05-14-dolmabahce-five-questions"}
FOURTH_FLOORS = (0.75, 0.85, 0.55)  # measured 0.79, 0.88, 0.57

HELDOUT_FLOORS = (0.75, 0.88, 0.7)  # meetings F1, claims F1, share of dates right (measured 0.79, 0.90, 0.73;
# 0.52, 0.82, 0.32 when they were written)


def _event_totals(extractor, which: str):
    """Summed scores of the sample articles of one batch: "first" (the first ten) or a name in BATCHES."""
    gold_dir = ROOT / "seeds" / "gold"
    if not gold_dir.is_dir() or not any(gold_dir.glob("*.gold.json")):
        pytest.skip("no gold for the sample articles")
    from newsgraph.readers import iter_articles
    tot = {"meetings": [0, 0, 0, 0], "claims": [0, 0, 0, 0], "dates": [0, 0]}
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        stem = gold_path.name.replace(".gold.json", "")
        if next((name for name, (stems, _) in BATCHES.items() if stem in stems), "first") != which:
            continue
        texts = [p for p in (ROOT / "seeds").glob(stem + ".*") if p.suffix in (".txt", ".md")]
        if not texts:
            continue
        art = next(iter(iter_articles([str(texts[0])])))
        ex = extractor.extract(art.text, art.lang, dt.date.fromisoformat(art.date) if art.date else None)
        r = score_extraction(json.loads(gold_path.read_text("utf-8")), ex)
        for k in tot:
            tot[k] = [a + b for a, b in zip(tot[k], r[k])]
    return tot


def _f1(found, total, correct, pred):
    p, rec = (correct / pred if pred else 0), (found / total if total else 0)
    return 2 * p * rec / (p + rec) if p + rec else 0


def test_end_to_end_sample_articles(extractor):
    """The first ten sample articles in seeds/ with gold in seeds/gold/: F1 floors over all of them."""
    tot = _event_totals(extractor, "first")
    assert _f1(*tot["meetings"]) >= 0.7, tot
    assert _f1(*tot["claims"]) >= 0.7, tot
    assert tot["dates"][0] >= 0.8 * tot["dates"][1], tot


BATCHES = {"heldout": (HELDOUT, HELDOUT_FLOORS), "second": (SECOND, SECOND_FLOORS), "third": (THIRD, THIRD_FLOORS),
           "fourth": (FOURTH, FOURTH_FLOORS)}


@pytest.mark.parametrize("batch", list(BATCHES))
def test_end_to_end_later_batches(extractor, batch):
    """Each batch written after the extractor, on its own: floors at the scores reached (rounded down), to be
    raised as rules improve."""
    tot = _event_totals(extractor, batch)
    floors = BATCHES[batch][1]
    assert _f1(*tot["meetings"]) >= floors[0], tot
    assert _f1(*tot["claims"]) >= floors[1], tot
    assert tot["dates"][0] >= floors[2] * tot["dates"][1], tot


@pytest.mark.parametrize("lang, text, published, meeting, claim", [
    ("de", "BERLIN - Bundeskanzler Friedrich Merz hat am Montag in Berlin mit dem französischen Präsidenten Emmanuel "
           "Macron über die Ukraine beraten. „Wir stehen zusammen“, sagte Merz nach dem Treffen.",
     "2025-12-16", ("Berlin", {"Merz", "Macron"}, "2025-12-15"), ("Merz", "Wir stehen zusammen")),
    ("en", "MOSCOW — Russian President Vladimir Putin met U.S. special envoy Steve Witkoff at the Kremlin on Tuesday. "
           "Kremlin spokesman Dmitry Peskov said the talks had been useful.",
     "2025-12-03", ("Moscow", {"Putin", "Witkoff"}, "2025-12-02"), ("Peskov", "the talks had been useful")),
])
def test_end_to_end_own_paragraphs(extractor, lang, text, published, meeting, claim):
    ex = extractor.extract(text, lang, dt.date.fromisoformat(published))
    ents = {e.key: e for e in ex.entities}
    place, who, date = meeting
    ms = [m for m in ex.meetings if m.location and place in ents[m.location].surface_forms()]
    assert len(ms) == 1, ex.meetings
    assert who <= {ents[k].name.split()[-1] for k in ms[0].attendees}
    assert ms[0].date == date
    speaker, words = claim
    assert any(ents[c.author].name.endswith(speaker) and words in c.text for c in ex.claims), ex.claims
    for rec in ex.meetings + ex.claims:
        for ev in rec.evidence:
            assert text[ev.start:ev.end] == ev.text


# ---------------------------------------------------------------------------- more phrasing

def _world2():
    return de_world(P("s", "Wolodymyr Selenskyj", "Selenskyj", "Zelenskyy"), P("t", "Donald Trump", "Trump"),
                    P("p", "Wladimir Putin", "Putin"), P("w", "Steve Witkoff", "Witkoff"), P("r", "Marco Rubio", "Rubio"),
                    P("l", "Sergej Lawrow", "Lawrow", "Sergei Lavrov", "Lavrov"), O("k", "Kreml", "Kremlin", "Kremls"),
                    L("wash", "Washington"), L("kyiv", "Kyiv", "Kiew"))


def test_quote_split_by_its_attribution_is_one_claim():
    for lang, text, words in (("de", "„Wir sind bereit“, sagte Selenskyj, „aber nicht um jeden Preis.“",
                               ("Wir sind bereit", "nicht um jeden Preis")),
                              ("en", '"We are close," Trump said, "but we are not there yet."',
                               ("We are close", "not there yet"))):
        doc = make_doc(text, lang, _world2(), "2026-01-20")
        [c] = doc._.ng_claims
        assert c.direct and all(w in c.text for w in words)


def test_fronted_participle_is_not_what_was_said():
    doc = make_doc("Speaking after the talks, Rubio said the sides had narrowed their differences.", "en", _world2(),
                   "2026-01-20")
    [c] = doc._.ng_claims
    assert c.author == "r" and c.text == "the sides had narrowed their differences"


def test_inverted_attribution_with_an_article():
    text = "Putin and Trump spoke for more than two hours by phone on Tuesday, the Kremlin said."
    doc = make_doc(text, "en", _world2(), "2026-01-20")
    [c] = doc._.ng_claims
    assert c.author == "k" and c.text.startswith("Putin and Trump spoke")
    [m] = doc._.ng_meetings
    assert m.kind == "phone_call" and set(m.attendees) == {"p", "t"}  # the Kremlin reports, it does not attend


def test_announced_trip_is_planned_and_the_speaker_goes():
    doc = make_doc("Selenskyj kündigte an, am Montag nach Washington zu reisen.", "de", _world2(), "2026-01-20")
    [m] = doc._.ng_meetings
    assert (m.kind, m.status, m.date, m.attendees) == ("visit", "planned", "2026-01-26", ["s"])
    assert doc._.ng_entities[m.location].name == "Washington"


def test_capital_as_accused():
    doc = make_doc("Lawrow warf Kiew vor, die Gespräche zu sabotieren.", "de", _world2(), "2026-01-20")
    [c] = doc._.ng_claims
    assert names(doc, c.targets) == ["Kiew"] and c.text == "die Gespräche zu sabotieren"


def test_office_speaks_for_the_person():
    doc = make_doc("Zelenskyy's office said the president would travel to Washington next week.", "en", _world2(),
                   "2026-01-20")
    [c] = doc._.ng_claims
    assert c.author == "s"
    [m] = doc._.ng_meetings
    assert (m.status, m.date, m.date_precision) == ("planned", "2026-W05", "week")


# ---------------------------------------------------------------------------- held-out articles (our own words)

OWN_ARTICLES = [
    ("en", "2026-03-02", """RIYADH, Saudi Arabia (Reuters) — U.S. and Russian delegations met for more than five hours in the Saudi capital on Sunday, the first formal talks between the two sides on Ukraine in over a year.

The American team was led by Secretary of State Marco Rubio and included national security adviser Mike Waltz. Russia sent Foreign Minister Sergei Lavrov and presidential aide Yuri Ushakov.

"This was a serious conversation," Lavrov told Russian state television after the meeting. "We listened to each other, and that in itself is a result."

Rubio said the two sides had agreed to restore embassy staffing and to set up expert groups that would meet regularly. He stressed that Ukraine would be consulted before any agreement and said no date had been set for a summit between President Donald Trump and Vladimir Putin.

Ukrainian President Volodymyr Zelensky, who was not invited to the talks, criticized the format. Kyiv would not accept any deal negotiated behind its back, he said in Ankara, where he met Turkish President Recep Tayyip Erdogan on Monday.""", {"lang": "en", "date": "2026-03-02",
 "persons": [["Marco Rubio", "Rubio"], ["Mike Waltz", "Waltz"], ["Sergei Lavrov", "Lavrov"], ["Yuri Ushakov", "Ushakov"], ["Donald Trump", "Trump"], ["Vladimir Putin", "Putin"], ["Volodymyr Zelensky", "Zelensky"], ["Recep Tayyip Erdogan", "Erdogan"]],
 "places": [["Riyadh"], ["Saudi Arabia"], ["Ukraine"], ["Russia"], ["Kyiv"], ["Ankara"]], "optional_places": [["United States", "U.S."]],
 "orgs": [["Reuters"]], "optional_orgs": [],
 "meetings": [{"where": ["Riyadh"], "who": ["Rubio", "Waltz", "Lavrov", "Ushakov"], "date": "2026-03-01"},
              {"where": ["Ankara"], "who": ["Zelensky", "Erdogan"], "date": "2026-03-02"}],
 "optional_meetings": [{"where": [], "who": ["Trump", "Putin"], "status": "possible"}],
 "claims": [{"by": ["Lavrov"], "cue": ["serious conversation", "listened"]}, {"by": ["Rubio"], "cue": ["embassy", "expert groups"]},
            {"by": ["Rubio"], "cue": ["consulted"]}, {"by": ["Rubio"], "cue": ["summit", "no date"]},
            {"by": ["Zelensky"], "cue": ["format"]}, {"by": ["Zelensky"], "cue": ["behind its back"]}],
 "optional_claims": []}),
    ("de", "2026-03-09", """BRÜSSEL - Der ukrainische Präsident Wolodymyr Selenskyj ist am Donnerstag in Brüssel mit den Staats- und Regierungschefs der EU zusammengekommen. Bei dem Sondergipfel wurde über ein neues Finanzpaket für die Ukraine beraten. EU-Ratspräsident António Costa sagte nach dem Treffen, die Europäische Union werde die Ukraine „so lange wie nötig“ unterstützen.

Ungarns Ministerpräsident Viktor Orbán blockierte allerdings eine gemeinsame Erklärung. Er forderte, zuerst müsse es direkte Verhandlungen mit Moskau geben. Ein Treffen Orbáns mit Kremlchef Wladimir Putin sei derzeit nicht vorgesehen, hieß es aus Budapest.

Selenskyj hätte sich nach eigenen Worten ein stärkeres Signal gewünscht. Man dürfe sich nicht von einem Land erpressen lassen, sagte er. Am Freitag sollte er in Paris mit Präsident Emmanuel Macron zusammentreffen.""", {"lang": "de", "date": "2026-03-09",
 "persons": [["Wolodymyr Selenskyj", "Selenskyj"], ["António Costa", "Costa"], ["Viktor Orbán", "Orbán"], ["Wladimir Putin", "Putin"], ["Emmanuel Macron", "Macron"]],
 "places": [["Brüssel", "Brussels"], ["Ukraine"], ["Ungarn", "Hungary"], ["Moskau", "Moscow"], ["Budapest"], ["Paris"]], "optional_places": [],
 "orgs": [["EU", "Europäische Union"]], "optional_orgs": [],
 "meetings": [{"where": ["Brüssel", "Brussels"], "who": ["Selenskyj", "Costa"], "date": "2026-03-05"},
              {"where": ["Paris"], "who": ["Selenskyj", "Macron"], "date": "2026-03-06"}],
 "optional_meetings": [],
 "claims": [{"by": ["Costa"], "cue": ["nötig", "unterstützen"]}, {"by": ["Orbán"], "cue": ["Verhandlungen", "Moskau"]},
            {"by": ["Selenskyj"], "cue": ["Signal"]}, {"by": ["Selenskyj"], "cue": ["erpressen"]}],
 "optional_claims": []}),
    ("de", "2026-02-03", """KIEW/ISTANBUL - Vertreter der Ukraine und Russlands sind am Montag in Istanbul zu einer neuen Runde direkter Gespräche zusammengekommen. Die ukrainische Delegation wird von Verteidigungsminister Denys Schmyhal geleitet, auf russischer Seite verhandelt der Präsidentenberater Wladimir Medinski. Im Mittelpunkt stehe ein weiterer Gefangenenaustausch, teilte das ukrainische Außenministerium mit.

Der türkische Außenminister Hakan Fidan begrüßte die Delegationen im Dolmabahçe-Palast. „Die Türkei wird alles tun, um diesen Prozess zu unterstützen“, sagte Fidan. Medinski sprach anschließend von einem „sachlichen“ Gespräch.

Selenskyj hatte am Sonntag in Kiew mit dem finnischen Präsidenten Alexander Stubb über Sicherheitsgarantien beraten. Stubb sagte, Europa müsse mehr für die Luftverteidigung der Ukraine tun. Ein Treffen zwischen Selenskyj und Kremlchef Wladimir Putin ist nach Angaben aus Moskau weiterhin nicht geplant.

Kremlsprecher Dmitri Peskow warf Kiew vor, die Gespräche mit überzogenen Forderungen zu belasten. Eine nächste Verhandlungsrunde könnte bereits Ende Februar stattfinden, sagte Peskow.""", {"lang": "de", "date": "2026-02-03",
 "persons": [["Denys Schmyhal", "Schmyhal"], ["Wladimir Medinski", "Medinski"], ["Hakan Fidan", "Fidan"], ["Wolodymyr Selenskyj", "Selenskyj"], ["Alexander Stubb", "Stubb"], ["Wladimir Putin", "Putin"], ["Dmitri Peskow", "Peskow"]],
 "places": [["Istanbul"], ["Kiew", "Kyiv"], ["Ukraine"], ["Russland", "Russia"], ["Türkei", "Turkey", "Türkiye"], ["Moskau", "Moscow"], ["Europa", "Europe"]],
 "optional_places": [["Dolmabahçe-Palast"]], "orgs": [], "optional_orgs": [["Außenministerium"]],
 "meetings": [{"where": ["Istanbul", "Dolmabahçe-Palast"], "who": ["Schmyhal", "Medinski", "Fidan"], "date": "2026-02-02"},
              {"where": ["Kiew", "Kyiv"], "who": ["Selenskyj", "Stubb"], "date": "2026-02-01", "about": ["Sicherheitsgarantien"]}],
 "optional_meetings": [{"where": [], "who": [], "date": "2026-02", "status": "possible"}],
 "claims": [{"by": ["Fidan"], "cue": ["Prozess", "unterstützen"]}, {"by": ["Medinski"], "cue": ["sachlich"]},
            {"by": ["Stubb"], "cue": ["Luftverteidigung"]}, {"by": ["Peskow"], "cue": ["überzogenen", "Forderungen"]},
            {"by": ["Peskow"], "cue": ["Verhandlungsrunde", "Februar"]}],
 "optional_claims": [{"by": ["Außenministerium", "Ukraine"], "cue": ["Gefangenenaustausch"]}, {"by": ["Moskau", "Moscow"], "cue": ["nicht geplant"]}]}),
    ("en", "2026-02-10", """WASHINGTON (AP) — President Donald Trump hosted Ukrainian President Volodymyr Zelenskyy at the White House on Monday, their first face-to-face meeting since the Davos forum. The two leaders discussed air defense and a possible minerals agreement, according to the White House.

"It was a very good meeting," Trump told reporters in the Oval Office afterwards. Zelenskyy said Ukraine needed at least ten more Patriot systems to protect its cities from Russian missile strikes.

Secretary of State Marco Rubio, who also attended, said talks with Russian officials would resume in Riyadh next week. Kremlin spokesman Dmitry Peskov confirmed that a Russian delegation would travel to Saudi Arabia but warned against "excessive expectations."

Earlier on Monday, Zelenskyy met with congressional leaders on Capitol Hill.""", {"lang": "en", "date": "2026-02-10",
 "persons": [["Donald Trump", "Trump"], ["Volodymyr Zelenskyy", "Zelenskyy"], ["Marco Rubio", "Rubio"], ["Dmitry Peskov", "Peskov"]],
 "places": [["Washington"], ["Ukraine"], ["Riyadh"], ["Saudi Arabia"], ["Davos"]],
 "optional_places": [["Capitol Hill"], ["White House"], ["Oval Office"], ["Russia"], ["Kremlin"]], "orgs": [["White House"]], "optional_orgs": [["Kremlin"]],
 "meetings": [{"where": ["White House", "Washington"], "who": ["Trump", "Zelenskyy", "Rubio"], "date": "2026-02-09", "about": ["air defense"]},
              {"where": ["Riyadh", "Saudi Arabia"], "who": [], "date": "2026-W08", "status": "planned"}],
 "optional_meetings": [{"where": ["Capitol Hill", "Washington"], "who": ["Zelenskyy"], "date": "2026-02-09"}],
 "claims": [{"by": ["White House"], "cue": ["air defense", "minerals"]}, {"by": ["Trump"], "cue": ["very good meeting"]},
            {"by": ["Zelenskyy"], "cue": ["Patriot"]}, {"by": ["Rubio"], "cue": ["Riyadh", "resume"]},
            {"by": ["Peskov"], "cue": ["Saudi Arabia", "travel"]}, {"by": ["Peskov"], "cue": ["excessive expectations"]}],
 "optional_claims": []}),
]


@pytest.mark.parametrize("lang, published, text, gold", OWN_ARTICLES)
def test_end_to_end_own_articles(extractor, lang, published, text, gold):
    """Two short reports written for these tests, with hand-made gold in score.py's format."""
    ex = extractor.extract(text, lang, dt.date.fromisoformat(published))
    r = score_extraction(gold, ex)
    found, total, correct, pred = r["meetings"]
    # the entity components miss a bare surname in one text and an upper-case dateline city in another
    assert correct >= pred - 1 and found >= total - 1, r
    assert r["dates"][0] >= r["dates"][1] - (total - found), r  # every meeting found has its date
    found, total, correct, pred = r["claims"]
    assert found == total and correct >= pred - 1, r
    for rec in ex.meetings + ex.claims:
        for ev in rec.evidence:
            assert text[ev.start:ev.end] == ev.text


def test_greeting_the_delegations_is_a_reception_not_a_claim():
    text = ("Vertreter der Ukraine und Russlands sind am Montag in Istanbul zu Gesprächen zusammengekommen. Der "
            "Außenminister Hakan Fidan begrüßte die Delegationen im Palast.")
    doc = make_doc(text, "de", de_world(L("ist", "Istanbul"), P("f", "Hakan Fidan", "Fidan")), "2026-02-03")
    assert doc._.ng_claims == []
    m = meeting_at(doc, "Istanbul")
    assert "Hakan Fidan" in names(doc, m.attendees) and len(m.evidence) == 2


def test_who_also_attended():
    text = ("Trump hosted Zelenskyy at the White House in Washington on Monday. Rubio, who also attended, said talks "
            "with Russian officials would resume in Riyadh next week.")
    doc = make_doc(text, "en", en_world(P("t", "Trump"), P("z", "Zelenskyy"), P("r", "Rubio"), L("w", "Washington"),
                                        L("ri", "Riyadh")), "2026-02-10")
    assert set(names(doc, meeting_at(doc, "Washington").attendees)) == {"Trump", "Zelenskyy", "Rubio"}
    riyadh = meeting_at(doc, "Riyadh")
    assert (riyadh.status, riyadh.date, names(doc, riyadh.attendees)) == ("planned", "2026-W08", ["Russia"])


def test_topic_of_a_verb_final_clause():
    doc = make_doc("Selenskyj hatte am Sonntag in Kiew mit Alexander Stubb über Sicherheitsgarantien beraten.", "de",
                   de_world(P("s", "Selenskyj"), P("a", "Alexander Stubb")), "2026-02-03")
    m = meeting_at(doc, "Kiew")
    assert m.about == ["Sicherheitsgarantien"] and m.date == "2026-02-01"
    assert set(names(doc, m.attendees)) == {"Selenskyj", "Alexander Stubb"}


@pytest.mark.parametrize("lang, text, speaker, content", [
    ("de", "Die Gespräche seien konstruktiv gewesen, wie das Präsidialamt mitteilte.", "Präsidialamt",
     "Die Gespräche seien konstruktiv gewesen"),
    ("de", "Wie das Präsidialamt mitteilte, seien die Gespräche konstruktiv gewesen.", "Präsidialamt",
     "seien die Gespräche konstruktiv gewesen"),
    ("de", "Russland sei zu Gesprächen bereit, wie Peskow sagte.", "Peskow", "Russland sei zu Gesprächen bereit"),
    ("en", "Talks will continue next week, as Peskov said on Monday.", "Peskow", "Talks will continue next week"),
])
def test_wie_x_sagte_as_x_said(lang, text, speaker, content):
    doc = make_doc(text, lang, [O("pa", "Präsidialamt"), P("p", "Peskow", "Peskov")], "2026-01-20")
    [c] = doc._.ng_claims
    assert (doc._.ng_entities[c.author].name, c.text) == (speaker, content)


@pytest.mark.parametrize("lang, text, speaker, content", [
    ("de", "Das sei ein wichtiger Fortschritt, so Selenskyj.", "Selenskyj", "Das sei ein wichtiger Fortschritt"),
    ("de", "Das sei so nicht geplant, so der Kreml am Montag.", "Kreml", "Das sei so nicht geplant"),
    ("de", "Die Gespräche seien konstruktiv, erklärte ein Sprecher des Auswärtigen Amts.", "Auswärtigen Amts",
     "Die Gespräche seien konstruktiv"),
    ("en", "The talks were useful, a spokesman for the Kremlin said.", "Kreml", "The talks were useful"),
])
def test_so_x_and_spokesman_for_x(lang, text, speaker, content):
    doc = make_doc(text, lang, [P("s", "Selenskyj"), O("k", "Kreml", "Kremlin"), O("aa", "Auswärtigen Amts")],
                   "2026-01-20")
    [c] = doc._.ng_claims
    assert (doc._.ng_entities[c.author].name, c.text) == (speaker, content)


@pytest.mark.parametrize("lang, text", [
    ("de", "Die Lage ist so ernst wie nie."),
    ("en", "A spokeswoman said the talks were useful."),
])
def test_so_and_spokesman_alone_are_no_speakers(lang, text):
    assert make_doc(text, lang, [P("s", "Selenskyj")], "2026-01-20")._.ng_claims == []


def test_nach_eigenen_worten_and_no_continuation_across_subjects():
    text = ("Orbán forderte, zuerst müsse es Verhandlungen mit Moskau geben. Selenskyj hätte sich nach eigenen Worten "
            "ein stärkeres Signal gewünscht. Man dürfe sich nicht erpressen lassen, sagte er.")
    doc = make_doc(text, "de", de_world(P("o", "Viktor Orbán", "Orbán"), P("s", "Selenskyj")), "2026-03-09")
    assert [names(doc, [c.author])[0] for c in doc._.ng_claims] == ["Viktor Orbán", "Selenskyj", "Selenskyj"]


def test_russia_sent_and_not_invited():
    text = ("U.S. and Russian delegations met in Riyadh on Sunday. The American team was led by Secretary of State "
            "Marco Rubio. Russia sent Foreign Minister Sergei Lavrov and aide Yuri Ushakov. Ukrainian President "
            "Volodymyr Zelensky, who was not invited to the talks, criticized the format.")
    doc = make_doc(text, "en", en_world(L("ri", "Riyadh"), P("r", "Marco Rubio", "Rubio"), P("l", "Sergei Lavrov"),
                                        P("u", "Yuri Ushakov"), P("z", "Volodymyr Zelensky", "Zelensky")), "2026-03-02")
    m = meeting_at(doc, "Riyadh")
    assert {"Marco Rubio", "Sergei Lavrov", "Yuri Ushakov"} <= set(names(doc, m.attendees))
    assert "Volodymyr Zelensky" not in names(doc, m.attendees)
    [c] = doc._.ng_claims
    assert (c.claim_type, c.text) == ("criticism", "the format")


def test_attribution_with_a_place_and_a_side_clause():
    text = ("Kyiv would not accept any deal negotiated behind its back, he said in Ankara, where he met Turkish "
            "President Recep Tayyip Erdogan on Monday.")
    doc = make_doc("Zelensky criticized the format. " + text, "en",
                   en_world(P("z", "Volodymyr Zelensky", "Zelensky"), P("e", "Recep Tayyip Erdogan"), L("a", "Ankara")),
                   "2026-03-02")
    said = doc._.ng_claims[-1]
    assert said.text == "Kyiv would not accept any deal negotiated behind its back" and said.author == "z"
    m = meeting_at(doc, "Ankara")
    assert set(names(doc, m.attendees)) == {"Volodymyr Zelensky", "Recep Tayyip Erdogan"} and m.date == "2026-03-02"


def test_sollte_am_freitag_is_the_nearest_friday():
    doc = make_doc("Am Freitag sollte er in Paris mit Präsident Emmanuel Macron zusammentreffen.", "de",
                   de_world(P("e", "Emmanuel Macron"), L("paris", "Paris")), "2026-03-09")
    m = meeting_at(doc, "Paris")
    assert (m.status, m.date) == ("planned", "2026-03-06")


# ---------------------------------------------------------------------------- wire-style attributions (held-out)

@pytest.mark.parametrize("attribution, speaker", [
    ("Interior Minister Kari Lehtonen said", "Kari Lehtonen"),
    ("Finland's top diplomat Kari Lehtonen said", "Kari Lehtonen"),
    ("regional governor Kari Lehtonen wrote on Telegram", "Kari Lehtonen"),
    ("U.S. Secretary of State Kari Lehtonen told reporters", "Kari Lehtonen"),
    ("Nordic Council spokesman Kari Lehtonen told reporters in Oslo", "Kari Lehtonen"),
])
def test_trailing_attribution_with_a_title_before_the_name(attribution, speaker):
    text = f"Power had been restored to most of the northern districts, {attribution}."
    doc = make_doc(text, "en", en_world(P("k", "Kari Lehtonen"), C("fi", "Finland"), O("nc", "Nordic Council")),
                   "2026-03-02")
    [c] = claims_by(doc, speaker)
    assert c.text == "Power had been restored to most of the northern districts"


def test_trailing_attribution_before_a_coordinated_clause():
    text = ("Kari Lehtonen flew to Oslo. Power had been restored in the north, Lehtonen told reporters in Oslo, "
            "and repairs would continue on Friday.")
    doc = make_doc(text, "en", en_world(P("k", "Kari Lehtonen", "Lehtonen")), "2026-03-02")
    [c] = claims_by(doc, "Kari Lehtonen")
    assert c.text.startswith("Power had been restored in the north") and "repairs would continue" in c.text


def test_quoted_phrase_inside_a_reported_clause_is_kept():
    text = ('Kari Lehtonen flew to Oslo. Helsinki was ready to do "whatever it takes" for a lasting settlement, '
            'he said, adding that he would call the Norwegian prime minister.')
    doc = make_doc(text, "en", en_world(P("k", "Kari Lehtonen", "Lehtonen"), L("h", "Helsinki")), "2026-03-02")
    [c] = claims_by(doc, "Kari Lehtonen")
    assert c.text.startswith('Helsinki was ready to do "whatever it takes"')


def test_telling_an_outlet_that_is_the_subjects_claim():
    text = "Kari Lehtonen did not deny the report, telling Bloomberg that the Finnish position was being heard."
    doc = make_doc(text, "en", en_world(P("k", "Kari Lehtonen"), O("b", "Bloomberg")), "2026-03-02")
    [c] = doc._.ng_claims
    assert c.author == "k" and c.text == "the Finnish position was being heard"


def test_said_clause_ends_before_a_participle():
    text = "Kari Lehtonen said the talks in Oslo were useful, adding that more work was needed."
    doc = make_doc(text, "en", en_world(P("k", "Kari Lehtonen")), "2026-03-02")
    assert any(c.text == "the talks in Oslo were useful" for c in claims_by(doc, "Kari Lehtonen"))


def test_dateline_city_with_its_state_is_where_talks_were_held(extractor):
    text = ("TAMPA, Fla. (AP) — Finnish Foreign Minister Elina Valtonen held talks with Norwegian Foreign Minister "
            "Espen Barth Eide on Sunday. Officials familiar with the talks said the plan drafted in Oslo was discussed.")
    ex = extractor.extract(text, "en", dt.date(2026, 3, 2))
    ents = {e.key: e for e in ex.entities}
    located = [ents[m.location].name for m in ex.meetings if m.location and len(m.attendees) >= 2]
    assert located == ["Tampa"], [(m.location, m.attendees) for m in ex.meetings]


@pytest.mark.parametrize("lang, text, city", [
    ("de", "Am Montag trafen sich Selenskyj und Merz in der tschechischen Hauptstadt Prag.", "Prag"),
    ("en", "On Monday, Zelensky met Merz in the Czech capital Prague.", "Prague"),
])
def test_place_after_an_adjective_and_its_type_word(lang, text, city):
    world = (de_world if lang == "de" else en_world)(P("s", "Selenskyj", "Zelensky"), P("m", "Merz"), L("p", city))
    doc = make_doc(text, lang, world, "2026-03-03")
    m = meeting_at(doc, city)
    assert set(m.attendees) == {"s", "m"}


def test_the_press_reports_a_meeting_and_does_not_attend_it(extractor):
    text = ("OSLO (Reuters) — Finnish Foreign Minister Elina Valtonen held talks with Norwegian Foreign Minister "
            "Espen Barth Eide on Sunday, an official told Reuters on condition of anonymity.")
    ex = extractor.extract(text, "en", dt.date(2026, 3, 2))
    ents = {e.key: e for e in ex.entities}
    assert [sorted(ents[k].name for k in m.attendees) for m in ex.meetings] == [["Elina Valtonen", "Espen Barth Eide"]]


@pytest.mark.parametrize("lang, text, city", [
    ("en", "Valtonen, who flew to the Swedish capital from Oslo, held talks with Swedish Foreign Minister "
           "Maria Malmer Stenergard there on Tuesday.", "Stockholm"),
    ("de", "Die Außenminister Elina Valtonen und Espen Barth Eide trafen sich am Montag in der norwegischen "
           "Hauptstadt.", "Oslo"),
])
def test_a_capital_described_by_its_country_is_the_city(extractor, lang, text, city):
    ex = extractor.extract(text, lang, dt.date(2026, 3, 2))
    ents = {e.key: e for e in ex.entities}
    assert city in {e.name for e in ents.values()}
    capital = next(e for e in ents.values() if e.name == city)
    assert capital.geonames_id and capital.alternate_names == []  # a description is not one of its names
    if lang == "de":
        assert [ents[m.location].name for m in ex.meetings if m.location] == [city]


def test_a_capital_named_after_its_description_is_that_name(extractor):
    ex = extractor.extract("On Monday, Zelensky met Merz in the Czech capital Prague.", "en", dt.date(2026, 3, 3))
    assert [e.name for e in ex.entities if e.kind == "place"] == ["Prague"]


def test_a_side_clause_with_its_own_place_tells_of_another_meeting(extractor):
    text = ("HELSINKI (AP) — Finnish Foreign Minister Elina Valtonen held talks with Norwegian Foreign Minister "
            "Espen Barth Eide on Sunday. Officials said Eide, who also led the fisheries talks in Reykjavik, "
            "was pleased with the outcome.")
    ex = extractor.extract(text, "en", dt.date(2026, 3, 2))
    ents = {e.key: e for e in ex.entities}
    pair = [m for m in ex.meetings if {ents[k].name for k in m.attendees} >= {"Elina Valtonen", "Espen Barth Eide"}]
    assert [ents[m.location].name for m in pair if m.location] == ["Helsinki"], [
        (m.location, m.attendees) for m in ex.meetings]


def test_talks_between_two_capitals_are_held_where_the_text_says(extractor):
    ex = extractor.extract("Der finnische Präsident bot an, Gespräche zwischen Oslo und Stockholm in Helsinki "
                           "auszurichten.", "de", dt.date(2026, 3, 2))
    ents = {e.key: e for e in ex.entities}
    assert {"Oslo", "Stockholm", "Helsinki"} <= {e.name for e in ents.values()}  # not "zwischen" as an adjective
    assert [ents[m.location].name for m in ex.meetings if m.location] == ["Helsinki"]  # Stockholm is not in Helsinki


def test_a_delegation_received_in_the_perfect_tense_is_a_meeting_with_its_leaders(extractor):
    text = ("Oslo (dpa) - Der norwegische Regierungschef Jonas Gahr Støre hat eine hochrangige Delegation des "
            "schwedischen Verteidigungsministeriums empfangen. Angeführt wurde sie von Verteidigungsminister "
            "Pål Jonson. Begleitet wurde er von Generalstabschef Michael Claesson.")
    ex = extractor.extract(text, "de", dt.date(2025, 11, 20))
    ents = {e.key: e for e in ex.entities}
    held = [m for m in ex.meetings if m.location and ents[m.location].name == "Oslo"]
    assert len(held) == 1
    assert {"Jonas Gahr Støre", "Pål Jonson", "Michael Claesson"} <= {ents[k].name for k in held[0].attendees}
    assert not extractor.extract("Die Antenne hat das Signal empfangen.", "de", dt.date(2025, 11, 20)).meetings


def _meetings_by_place(ex) -> dict[str, list]:
    ents = {e.key: e for e in ex.entities}
    out: dict[str, list] = {}
    for m in ex.meetings:
        out.setdefault(ents[m.location].name if m.location else None, []).append(
            (m.status, m.date, sorted(ents[k].name for k in m.attendees if ents[k].kind == "person")))
    return out


@pytest.mark.parametrize("lang, text, city", [
    ("de", "Am 4. März verhandelten Norweger und Schweden in der Hafenstadt Bergen.", "Bergen"),
    ("en", "On March 4, Elina Valtonen met Espen Barth Eide in the port city of Odesa.", "Odesa"),
    ("de", "Seit Montag beraten in der Hauptstadt Finnlands Elina Valtonen und Espen Barth Eide.", "Helsinki"),
    ("en", "Elina Valtonen met Espen Barth Eide in the capital of Norway on March 4.", "Oslo"),
])
def test_a_place_described_by_its_kind_or_country_is_where_the_meeting_is(extractor, lang, text, city):
    ex = extractor.extract(text, lang, dt.date(2026, 3, 9))
    assert list(_meetings_by_place(ex)) == [city], ex.meetings


def test_the_side_around_named_people_attended_the_meeting_just_reported(extractor):
    text = ("Am 4. März verhandelten Norweger und Schweden in Bergen. Die schwedische Seite um Außenministerin "
            "Maria Malmer Stenergard und Pål Jonson stimmte dort einem Fischereiabkommen zu, sofern Dänemark "
            "mitziehe.")
    ex = extractor.extract(text, "de", dt.date(2026, 3, 9))
    ents = {e.key: e for e in ex.entities}
    [m] = ex.meetings
    assert {ents[k].name for k in m.attendees} - {"Sweden"} == {"Maria Malmer Stenergard", "Pål Jonson"}  # not Denmark
    assert m.date == "2026-03-04"


def test_who_led_each_side_of_the_talks_attended_them(extractor):
    text = ("Sweden has held two rounds of talks with Finland in Tallinn since May, led on the Swedish side by "
            "Foreign Minister Maria Malmer Stenergard and on the Finnish side by Elina Valtonen.")
    ex = extractor.extract(text, "en", dt.date(2026, 3, 9))
    by_place = _meetings_by_place(ex)
    assert list(by_place) == ["Tallinn"]  # a country named before the city does not lie in it
    assert by_place["Tallinn"][0][2] == ["Elina Valtonen", "Maria Malmer Stenergard"]


@pytest.mark.parametrize("lang, text", [
    ("de", "Für den 12. März hat Finnlands Präsident Alexander Stubb die Außenminister des Nordischen Rates nach "
           "Helsinki eingeladen. Jonas Gahr Støre will daran teilnehmen."),
    ("en", "Finnish President Alexander Stubb has invited Jonas Gahr Støre to Helsinki for talks on March 12."),
])
def test_an_invitation_is_a_meeting_still_to_come(extractor, lang, text):
    ex = extractor.extract(text, lang, dt.date(2026, 3, 9))
    assert _meetings_by_place(ex) == {"Helsinki": [("planned", "2026-03-12", ["Alexander Stubb", "Jonas Gahr Støre"])]}


def _claims_by(ex) -> list[tuple[str, str]]:
    ents = {e.key: e for e in ex.entities}
    return [(ents[c.author].name, c.text) for c in ex.claims]


def test_a_woman_said_it_when_she_said_it(extractor):
    text = ("Finnish President Alexander Stubb said the talks went well. In Oslo, Foreign Minister Elina Valtonen "
            "warned against haste, and the Nordic states were ready to help, she said.")
    ex = extractor.extract(text, "en", dt.date(2026, 3, 9))
    assert {who for who, _ in _claims_by(ex)} == {"Alexander Stubb", "Elina Valtonen"}, _claims_by(ex)


def test_a_participle_phrase_inside_the_subject_is_skipped(extractor):
    text = ("Alexander Stubb, speaking in Helsinki before leaving to see Swedish Prime Minister Ulf Kristersson, "
            "said the Nordic side had \"clear ideas\" and that the work would go on.")
    ex = extractor.extract(text, "en", dt.date(2026, 3, 9))
    [(who, said)] = _claims_by(ex)
    assert who == "Alexander Stubb"
    assert "clear ideas" in said and "the work would go on" in said  # both things said


@pytest.mark.parametrize("text, speaker, said, not_said", [
    ("Präsident Alexander Stubb hat die Diplomatin Elina Valtonen zur Außenministerin ernannt. Das teilte Stubb "
     "am Freitag in einer Videobotschaft mit.", "Alexander Stubb", "zur Außenministerin ernannt", "Videobotschaft"),
    ("Stockholm fordert den Abzug der Fischereiflotte aus dem Gebiet, Oslo lehnt das ab.", "Stockholm",
     "den Abzug der Fischereiflotte aus dem Gebiet", "lehnt"),
])
def test_what_a_german_cue_reports_ends_where_it_should(extractor, text, speaker, said, not_said):
    ex = extractor.extract(text, "de", dt.date(2026, 3, 9))
    claims = _claims_by(ex)
    assert any(who == speaker and said in what and not_said not in what for who, what in claims), claims


def test_a_contrasting_clause_has_its_own_speaker(extractor):
    text = ("Swedish Prime Minister Ulf Kristersson said the Nordic states had to be heard, while NATO Secretary "
            "General Mark Rutte told reporters in Brussels that any deal must not reward aggression.")
    claims = _claims_by(extractor.extract(text, "en", dt.date(2026, 3, 9)))
    assert ("Ulf Kristersson", "the Nordic states had to be heard") in claims, claims
    assert any(who == "Mark Rutte" and "must not reward aggression" in what for who, what in claims), claims


def test_konjunktiv_one_carries_the_speaker_on_even_about_someone_else(extractor):
    text = ("Finnlands Präsident Alexander Stubb hat Elina Valtonen zur Außenministerin ernannt. Finnland brauche "
            "jetzt Erfahrung in der Diplomatie, sagte er. Elina Valtonen verfüge über die nötige Erfahrung. "
            "Sie nahm die Ernennung nach eigenen Worten „mit Freude“ an.")
    claims = _claims_by(extractor.extract(text, "de", dt.date(2026, 3, 9)))
    assert any(who == "Alexander Stubb" and "verfüge über die nötige Erfahrung" in what for who, what in claims), claims
    assert any(who == "Elina Valtonen" and "mit Freude" in what for who, what in claims), claims


@pytest.mark.parametrize("lang, text, said", [
    ("de", "Außenministerin Elina Valtonen hatte sich zuletzt zuversichtlich gezeigt, dass bis zum Sommer ein "
           "Abkommen möglich sei.", "bis zum Sommer ein Abkommen möglich sei"),
    ("en", "Elina Valtonen said she was confident that a deal could be reached by summer.",
     "a deal could be reached by summer"),
])
def test_confidence_that_something_happens_is_a_claim(extractor, lang, text, said):
    ex = extractor.extract(text, lang, dt.date(2026, 3, 9))
    assert _claims_by(ex) == [("Elina Valtonen", said)]
    assert not extractor.extract("Elina Valtonen zeigte sich zuversichtlich.", "de", dt.date(2026, 3, 9)).claims


def test_a_sentence_initial_given_name_starts_a_person_not_a_town(extractor):
    ex = extractor.extract("Marco Rubio said a deal was close.", "en", dt.date(2026, 3, 9))
    assert [(e.kind, e.name) for e in ex.entities] == [("person", "Marco Rubio")]


@pytest.mark.parametrize("lang, published, text, date", [
    ("de", "2026-03-10", "Alexander Stubb war am Vortag in Oslo mit Jonas Gahr Støre zusammengekommen.", "2026-03-09"),
    ("en", "2026-03-09", "Alexander Stubb was due to fly to Oslo on Tuesday for talks with Jonas Gahr Støre.",
     "2026-03-10"),  # wire copy's "was due to" looks ahead
    ("de", "2026-03-10", "OSLO (dpa) - Der finnische Präsident Alexander Stubb hat in Oslo den norwegischen "
                         "Regierungschef Jonas Gahr Støre getroffen.", "2026-03-10"),  # a dateline lead: today
])
def test_meeting_days_told_relative_to_the_article(extractor, lang, published, text, date):
    ex = extractor.extract(text, lang, dt.date.fromisoformat(published))
    assert [m.date for m in ex.meetings] == [date]


@pytest.mark.parametrize("lang, text", [
    ("de", "In Bergen wurde ein Wohnhaus getroffen, in Tromsø fiel der Strom aus."),  # hit, not met
    ("de", "Der Abgeordnete Jonas Gahr Støre begrüßte dagegen, dass das Parlament künftig mehr Rechte habe."),
    ("en", "Jonas Gahr Støre welcomed that the parliament would have more say."),
    ("en", "Norway had no plans to hold talks in Finland at this stage, Jonas Gahr Støre told reporters."),
])
def test_no_meeting_in_words_that_only_look_like_one(extractor, lang, text):
    assert extractor.extract(text, lang, dt.date(2026, 3, 9)).meetings == []


@pytest.mark.parametrize("lang, text, date", [
    ("de", "Seit Freitag beraten in Oslo Alexander Stubb und Jonas Gahr Støre über die Fischerei.", "2026-03-06"),
    ("en", "Finland has held two rounds of talks with Norway in Oslo since January, led by Alexander Stubb.", "2026-01"),
    ("en", "Alexander Stubb and Jonas Gahr Støre met in Oslo for the first direct talks since 2022.", None),
    ("de", "Seit Montag ist ein Treffen von Alexander Stubb und Jonas Gahr Støre in Oslo geplant.", None),
])
def test_since_dates_a_meeting_that_goes_on_from_then(extractor, lang, text, date):
    [m] = extractor.extract(text, lang, dt.date(2026, 3, 9)).meetings
    assert m.date == date


@pytest.mark.parametrize("lang, text, status, date", [
    ("en", "Alexander Stubb hosted Jonas Gahr Støre in Helsinki on Monday for talks on a possible fisheries deal.",
     "held", "2026-03-09"),  # "possible" describes the deal
    ("de", "Die Außenminister Elina Valtonen und Espen Barth Eide vereinbarten, sich im Mai in Bergen erneut zu "
           "treffen.", "planned", "2026-05"),
])
def test_status_comes_from_the_meeting_not_its_topic(extractor, lang, text, status, date):
    [m] = extractor.extract(text, lang, dt.date(2026, 3, 9)).meetings
    assert (m.status, m.date) == (status, date)


def test_an_english_verb_of_hosting_needs_its_guest_after_it(extractor):
    text = "Alexander Stubb said Finland was ready to host further rounds."
    assert extractor.extract(text, "en", dt.date(2026, 3, 9)).meetings == []


@pytest.mark.parametrize("lang, text, said", [
    ("en", "Jonas Gahr Støre said the talks went well. Finnish President Alexander Stubb will host the next round, "
           "his office said.", "Finnish President Alexander Stubb will host the next round"),
    ("de", "Alexander Stubb werde die nächste Runde ausrichten, teilte sein Büro mit.",
     "Alexander Stubb werde die nächste Runde ausrichten"),
])
def test_a_persons_office_speaks_for_the_person_named_in_the_sentence(extractor, lang, text, said):
    claims = _claims_by(extractor.extract(text, lang, dt.date(2026, 3, 9)))
    assert ("Alexander Stubb", said) in claims, claims


def test_leaders_expected_to_gather_is_a_meeting(extractor):
    text = "European leaders are expected to gather in Helsinki next week. Alexander Stubb will host the meeting."
    ms = extractor.extract(text, "en", dt.date(2026, 3, 9)).meetings
    assert [(m.status, m.date) for m in ms] == [("expected", "2026-W12")]


def test_a_pronoun_opening_a_side_clause_is_the_sentences_subject(extractor):
    text = ("Elina Valtonen sagte, die Gespräche seien gut gewesen. Alexander Stubb reiste am Abend nach Oslo weiter, "
            "wo er am Freitag Jonas Gahr Støre treffen will.")
    ex = extractor.extract(text, "de", dt.date(2026, 3, 4))
    ents = {e.key: e for e in ex.entities}
    oslo = [m for m in ex.meetings if m.location and ents[m.location].name == "Oslo"]
    assert [sorted(ents[k].name for k in m.attendees) for m in oslo] == [["Alexander Stubb", "Jonas Gahr Støre"]]


@pytest.mark.parametrize("attribution", ["he told the state news agency RIA", "he told Interfax",
                                         "he told public broadcaster NHK"])
def test_a_media_addressee_ends_the_attribution(extractor, attribution):
    text = f'Dmitry Peskov spoke after the session. It was "premature" to speak of a breakthrough, {attribution}.'
    ex = extractor.extract(text, "en", dt.date(2026, 3, 4))
    ents = {e.key: e for e in ex.entities}
    assert [(ents[c.author].name, c.text) for c in ex.claims] == \
        [("Dmitry Peskov", 'It was "premature" to speak of a breakthrough')]


def test_told_a_named_agency_that_keeps_the_clause(extractor):
    ex = extractor.extract("Dmitry Peskov told Interfax that the date was not yet fixed.", "en", dt.date(2026, 3, 4))
    assert [c.text for c in ex.claims] == ["the date was not yet fixed"]


def test_according_to_the_kremlin_aide_is_the_aide(extractor):
    text = ("Yuri Ushakov, a foreign policy aide to the president, met reporters. According to the Kremlin aide, "
            "no date has been set for a summit.")
    ex = extractor.extract(text, "en", dt.date(2026, 3, 4))
    ents = {e.key: e for e in ex.entities}
    assert [ents[c.author].name for c in ex.claims if "no date" in c.text] == ["Yuri Ushakov"]


def test_a_role_noun_after_an_untitled_speaker_is_that_speaker(extractor):
    text = ("Andrzej Duda went on to Ankara, where he held talks with Turkish President Recep Tayyip Erdogan "
            "and U.S. President Donald Trump.\n\n\"We will not accept a deal made without us,\" Duda said. "
            "Europe should be involved in the talks on guarantees, the president said.")
    ex = extractor.extract(text, "en", dt.date(2026, 3, 4))
    ents = {e.key: e for e in ex.entities}
    assert [ents[c.author].name for c in ex.claims if "Europe" in c.text] == ["Andrzej Duda"]


def test_a_role_noun_after_a_pronoun_subject(extractor):
    text = ("Keith Kellogg, the special envoy, arrived in Kyiv by train on Wednesday. He is expected to meet "
            "officials on Thursday. \"I am here mostly to listen,\" the retired general told reporters.")
    ex = extractor.extract(text, "en", dt.date(2026, 3, 4))
    ents = {e.key: e for e in ex.entities}
    assert [(ents[c.author].name, c.text) for c in ex.claims] == [("Keith Kellogg", "I am here mostly to listen")]


@pytest.mark.parametrize("lang, text, date", [
    ("de", "Außenminister Hakan Fidan kam am Vormittag mit Marco Rubio in Istanbul zusammen.", "2025-05-16"),
    ("en", "Marco Rubio met Hakan Fidan in Istanbul this morning.", "2025-05-16"),
    ("de", "Hakan Fidan traf Marco Rubio am Montag am Abend in Istanbul.", "2025-05-12"),
])
def test_a_time_of_day_dates_a_meeting_to_the_publication_day_unless_a_day_is_named(extractor, lang, text, date):
    ms = extractor.extract(text, lang, dt.date(2025, 5, 16)).meetings
    assert [(m.status, m.date) for m in ms] == [("held", date)]


def test_an_announcement_after_a_past_meeting_does_not_make_it_a_plan(extractor):
    text = ("Wolodymyr Selenskyj war nicht nach Istanbul gereist. Er hatte am Donnerstag in Ankara den türkischen "
            "Präsidenten Recep Tayyip Erdogan getroffen und danach angekündigt, eine Delegation zu entsenden.")
    ms = extractor.extract(text, "de", dt.date(2025, 5, 16)).meetings
    ents = {e.key: e for e in extractor.extract(text, "de", dt.date(2025, 5, 16)).entities}
    assert [(m.status, m.date, ents[m.location].name) for m in ms] == [("held", "2025-05-15", "Ankara")]


def test_a_genitive_office_before_a_named_spokesman_is_not_a_second_speaker(extractor):
    ex = extractor.extract("Die Sprecherin des Außenministeriums, Maria Sacharowa, sagte am Samstag der "
                           "Nachrichtenagentur Interfax, die Gespräche seien gut verlaufen; Sergej Lawrow ließ indes "
                           "wissen, über ein Treffen sei noch nicht gesprochen worden.", "de", dt.date(2025, 8, 16))
    ents = {e.key: e for e in ex.entities}
    assert [(ents[c.author].name, c.text) for c in ex.claims] == [
        ("Maria Sacharowa", "die Gespräche seien gut verlaufen"),
        ("Sergej Lawrow", "über ein Treffen sei noch nicht gesprochen worden")]


def test_a_quoted_word_inside_the_subject_is_no_boundary(extractor):
    ex = extractor.extract("Sergej Lawrow hatte bei der Ankunft, in einem Pullover mit der Aufschrift „UdSSR“, dem "
                           "Staatsfernsehen gesagt, Moskau habe eine klare Position.", "de", dt.date(2025, 8, 16))
    ents = {e.key: e for e in ex.entities}
    assert [(ents[c.author].name, c.text) for c in ex.claims] == [("Sergej Lawrow", "Moskau habe eine klare Position")]


@pytest.mark.parametrize("lang, text, speaker, said", [
    ("en", "Maria Zakharova, Sergei Lavrov's spokeswoman, said on Friday that Moscow would not accept ultimatums.",
     "Maria Zakharova", "Moscow would not accept ultimatums"),
    ("en", "Volodymyr Zelenskyy replied on Sunday that it was a positive sign.", "Volodymyr Zelenskyy",
     "it was a positive sign"),
    ("de", "Wolodymyr Selenskyj entgegnete, Russland spiele auf Zeit.", "Wolodymyr Selenskyj", "Russland spiele auf Zeit"),
])
def test_appositive_offices_and_reply_verbs(extractor, lang, text, speaker, said):
    ex = extractor.extract(text, lang, dt.date(2025, 5, 11))
    ents = {e.key: e for e in ex.entities}
    assert [(ents[c.author].name, c.text) for c in ex.claims] == [(speaker, said)]


def test_the_five_leaders_are_the_five_who_met_just_before(extractor):
    text = ("On Saturday, Emmanuel Macron, Keir Starmer, Donald Tusk and Friedrich Merz went into talks with "
            "Volodymyr Zelenskyy in Kyiv. From there, the five leaders spoke by telephone with Donald Trump.")
    ex = extractor.extract(text, "en", dt.date(2025, 5, 11))
    ents = {e.key: e for e in ex.entities}
    call = [m for m in ex.meetings if any(ents[k].name == "Donald Trump" for k in m.attendees)]
    assert len(call) == 1 and len(call[0].attendees) == 6


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Emmanuel Macron trifft am Donnerstag in Brüssel Friedrich Merz.", ("planned", "2025-03-20")),
    ("en", "Emmanuel Macron meets Friedrich Merz in Brussels on Thursday.", ("planned", "2025-03-20")),
    ("de", "Emmanuel Macron und Friedrich Merz kamen am Donnerstag in Brüssel zusammen.", ("held", "2025-03-13")),
])
def test_a_present_tense_meeting_on_a_weekday_is_still_to_come(extractor, lang, text, expected):
    ms = extractor.extract(text, lang, dt.date(2025, 3, 19)).meetings
    assert [(m.status, m.date) for m in ms] == [expected]


@pytest.mark.parametrize("lang, text, place, date", [
    ("de", "Donald Trump und Wladimir Putin trafen sich im japanischen Osaka im Juni 2019.", "Osaka", "2019-06"),
    ("de", "Donald Trump und Wladimir Putin trafen sich am 14. Dezember 2024.", None, "2024-12-14"),
    ("de", "Donald Trump und Wladimir Putin haben am Freitag am Rande von Anchorage verhandelt.", "Anchorage",
     "2025-08-15"),
    ("en", "Donald Trump and Vladimir Putin met on Friday at a base on the outskirts of Anchorage.", "Anchorage",
     "2025-08-15"),
])
def test_places_after_adjectives_and_phrases_and_years_ending_a_sentence(extractor, lang, text, place, date):
    ex = extractor.extract(text, lang, dt.date(2025, 8, 16))
    ents = {e.key: e for e in ex.entities}
    assert [(ents[m.location].name if m.location else None, m.date) for m in ex.meetings] == [(place, date)]


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "In Pristina kam Peter Sørensen am Dienstag vergangener Woche mit Albin Kurti zusammen, in Belgrad wurde "
           "der Diplomat dagegen nur von Beamten empfangen.", ("held", "2026-03-03", "Pristina")),
    ("de", "Peter Sørensen trifft Albin Kurti am Montag nächster Woche in Pristina.", ("planned", "2026-03-16", "Pristina")),
    ("en", "Peter Sorensen met Albin Kurti in Pristina on Tuesday last week.", ("held", "2026-03-03", "Pristina")),
])
def test_a_weekday_of_last_or_next_week_and_a_fronted_place(extractor, lang, text, expected):
    ex = extractor.extract(text, lang, dt.date(2026, 3, 11))
    ents = {e.key: e for e in ex.entities}
    assert [(m.status, m.date, ents[m.location].name) for m in ex.meetings] == [expected]


@pytest.mark.parametrize("text, said", [
    ('Jeyhun Bayramov sounded cautious. The meeting had been "constructive, but not yet conclusive," he said.',
     'The meeting had been "constructive, but not yet conclusive'),
    ("Prime Minister Nikol Pashinyan has said a referendum would only come after that vote.",
     "a referendum would only come after that vote"),
    ('Outside powers were "trying to redraw the region", spokeswoman Maria Zakharova told her weekly briefing.',
     'Outside powers were "trying to redraw the region"'),
    ("Maria Zakharova told reporters her country would not yield.", "her country would not yield"),
])
def test_partial_quotes_prepositions_and_briefings(extractor, text, said):
    assert [c.text for c in extractor.extract(text, "en", dt.date(2026, 2, 19)).claims] == [said]


def test_after_which_an_office_said_is_the_office(extractor):
    text = "Keir Starmer spoke to Mark Carney, after which Downing Street said the effort had entered a new phase."
    ex = extractor.extract(text, "en", dt.date(2025, 5, 11))
    ents = {e.key: e for e in ex.entities}
    assert [(ents[c.author].name, c.text) for c in ex.claims] == [("Downing Street", "the effort had entered a new phase")]


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Am Donnerstag geht es weiter nach Warschau. Dort trifft Wolodymyr Selenskyj Regierungschef Donald Tusk.",
     ("planned", "2026-03-12", "Warsaw", 2)),
    ("en", "On Thursday he flies on to Warsaw. There Volodymyr Zelensky meets Prime Minister Donald Tusk.",
     ("planned", "2026-03-12", "Warsaw", 2)),
    ("de", "Am Montag landete Wolodymyr Selenskyj in Paris. Im Élysée-Palast wartete schon Emmanuel Macron. "
           "Gut zwei Stunden saßen die beiden zusammen.", ("held", "2026-03-09", "Paris", 2)),
    ("de", "Am Dienstagabend schaltete sich Wolodymyr Selenskyj per Video mit dem britischen Premier Keir Starmer "
           "(63) zusammen.", ("held", "2026-03-10", None, 2)),
])
def test_meetings_told_across_sentences(extractor, lang, text, expected):
    ex = extractor.extract(text, lang, dt.date(2026, 3, 11))
    ents = {e.key: e for e in ex.entities}
    assert [(m.status, m.date, ents[m.location].name if m.location else None,
             len([k for k in m.attendees if ents[k].kind == "person"])) for m in ex.meetings] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Bundesrat Ignazio Cassis hat am Rande des OSZE-Ministerrats in Wien sowohl den russischen Aussenminister "
     "Sergei Lawrow als auch dessen ukrainischen Amtskollegen Andri Sybiha getroffen.",
     (None, "Vienna", ["Andri Sybiha", "Ignazio Cassis", "Sergei Lawrow"])),
    ("In Genf hatten Ende November Delegationen der USA und der Ukraine unter der Leitung von Aussenminister Marco "
     "Rubio und des zurückgetretenen Stabschefs Andri Jermak über den amerikanischen Friedensplan beraten.",
     ("2025-11", "Geneva", ["Andri Jermak", "Marco Rubio"])),
])
def test_a_german_clause_final_participle_reaches_back_to_its_clause(extractor, text, expected):
    ex = extractor.extract(text, "de", dt.date(2025, 12, 5))
    ents = {e.key: e for e in ex.entities}
    assert [(m.date, ents[m.location].name, sorted(ents[k].name for k in m.attendees if ents[k].kind == "person"))
            for m in ex.meetings] == [expected]


@pytest.mark.parametrize("text, speaker, said", [
    ("Kremlsprecher Dmitri Peskow (58) sagte laut der Staatsagentur Tass, die Reise ändere nichts.", "Dmitri Peskow",
     "die Reise ändere nichts"),
    ("Friedrich Merz (70, CDU) sagte, Europa werde nicht müde.", "Friedrich Merz", "Europa werde nicht müde"),
    ("Nach Angaben der Downing Street sagte Keir Starmer weitere Hilfe für die Ausbildung zu.", "Keir Starmer",
     "weitere Hilfe für die Ausbildung zu"),
])
def test_asides_in_parentheses_and_attributions_before_the_verb(extractor, text, speaker, said):
    ex = extractor.extract(text, "de", dt.date(2026, 3, 11))
    ents = {e.key: e for e in ex.entities}
    assert [(ents[c.author].name, c.text) for c in ex.claims] == [(speaker, said)]


@pytest.mark.parametrize("lang, text", [
    ("en", "Steve Witkoff and Jared Kushner met Rustem Umerov in Geneva on Thursday. The delegations agreed to meet "
           "again in Geneva on March 17."),
    ("de", "Steve Witkoff und Jared Kushner trafen Rustem Umerow am Donnerstag in Genf. Beide Seiten wollen sich am "
           "17. März erneut in Genf treffen."),
])
def test_meeting_again_is_the_same_people(extractor, lang, text):
    ms = extractor.extract(text, lang, dt.date(2026, 3, 6)).meetings
    assert [(m.status, m.date, len(m.attendees)) for m in ms] == [("held", "2026-03-05", 3), ("planned", "2026-03-17", 3)]


def test_a_month_abbreviation_is_no_name_and_hosting_leaders_is_a_meeting(extractor):
    ex = extractor.extract("On Jan. 6, Emmanuel Macron hosted Keir Starmer in Paris.", "en", dt.date(2026, 1, 10))
    assert sorted(e.name for e in ex.entities if e.kind == "person") == ["Emmanuel Macron", "Keir Starmer"]
    ms = extractor.extract("Jan. 6 - Emmanuel Macron hosts leaders of the coalition in Paris.", "en",
                           dt.date(2026, 1, 10)).meetings
    assert [(m.status, m.date) for m in ms] == [("held", "2026-01-06")]


@pytest.mark.parametrize("text, date", [
    ("Midway through the session, Donald Trump left the room to call Vladimir Putin.", None),
    ("Donald Trump called Vladimir Putin on Monday.", "2025-08-18"),
])
def test_calling_a_person_is_a_phone_call_with_the_caller(extractor, text, date):
    ex = extractor.extract(text, "en", dt.date(2025, 8, 19))
    ents = {e.key: e for e in ex.entities}
    assert [(m.kind, m.date, sorted(ents[k].name for k in m.attendees)) for m in ex.meetings] == \
        [("phone_call", date, ["Donald Trump", "Vladimir Putin"])]


def test_calling_someone_names_is_no_phone_call(extractor):
    assert extractor.extract("Donald Trump called Vladimir Putin a liar.", "en", dt.date(2025, 8, 19)).meetings == []


@pytest.mark.parametrize("apposition", ["the special envoy for peace missions", "the White House special envoy"])
def test_a_role_in_apposition_after_a_name_is_that_name(extractor, apposition):
    text = ('Kirill Dmitriev met Steve Witkoff on Saturday. "The talks were good," Dmitriev wrote on Sunday.\n\n'
            f'Witkoff, {apposition}, called the meeting "productive" in a post on X.')
    ex = extractor.extract(text, "en", dt.date(2026, 4, 14))
    ents = {e.key: e for e in ex.entities}
    assert [ents[c.author].name for c in ex.claims if "productive" in c.text] == ["Steve Witkoff"]


def test_a_quote_after_an_attributed_quote_is_a_claim_of_its_own(extractor):
    text = ('Kirill Dmitriev met Steve Witkoff. "The dialogue is businesslike," Dmitriev wrote on Telegram. '
            '"Russia and the US can build bridges."')
    ex = extractor.extract(text, "en", dt.date(2026, 4, 14))
    ents = {e.key: e for e in ex.entities}
    assert [(ents[c.author].name, c.text) for c in ex.claims] == [
        ("Kirill Dmitriev", "The dialogue is businesslike"), ("Kirill Dmitriev", "Russia and the US can build bridges.")]
    assert "Dmitriev wrote" in ex.claims[1].evidence[0].text  # the evidence names the speaker


def test_after_a_meeting_with_y_takes_the_speakers_place_and_day_from_the_sentence_before(extractor):
    text = ("Katars Ministerpräsident Mohammed bin Abdulrahman Al Thani sprach am Donnerstag in Doha von einer "
            "„echten Chance“. „Beide Seiten wissen das“, sagte er nach einem Treffen mit dem norwegischen "
            "Außenminister Espen Barth Eide.")
    ex = extractor.extract(text, "de", dt.date(2026, 2, 20))
    ents = {e.key: e for e in ex.entities}
    assert [(m.date, ents[m.location].name, len(m.attendees)) for m in ex.meetings] == [("2026-02-19", "Doha", 2)]


def test_a_meeting_after_an_arrival_is_where_the_visitor_arrived(extractor):
    text = "Keith Kellogg arrived in Kyiv by train on Wednesday morning. He is expected to meet Volodymyr Zelensky on Thursday."
    ex = extractor.extract(text, "en", dt.date(2025, 2, 19))
    ents = {e.key: e for e in ex.entities}
    assert [(m.status, m.date, ents[m.location].name) for m in ex.meetings if len(m.attendees) == 2] == \
        [("expected", "2025-02-20", "Kyiv")]


def test_von_dort_aus_points_to_the_venue_of_the_same_sentence(extractor):
    text = ("Wolodymyr Selenskyj werde am Montag nach Washington reisen. Friedrich Merz hatte Wolodymyr Selenskyj am "
            "Mittwoch im Kanzleramt empfangen und von dort aus gemeinsam mit ihm eine Videokonferenz bestritten.")
    ex = extractor.extract(text, "de", dt.date(2025, 8, 16))
    ents = {e.key: e for e in ex.entities}
    held = [m for m in ex.meetings if m.status == "held" and len(m.attendees) == 2]
    assert [(m.date, ents[m.location].name) for m in held] == [("2025-08-13", "Kanzleramt")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Negotiators from the US, Ukraine and Russia have met for a second day in Abu Dhabi."),
    ("de", "Am zweiten Verhandlungstag trafen sich Steve Witkoff und Rustem Umerow in Abu Dhabi."),
])
def test_a_second_day_of_talks_began_the_day_before(extractor, lang, text):
    ms = extractor.extract(text, lang, dt.date(2026, 1, 24)).meetings
    assert [(m.date, m.end_date) for m in ms] == [("2026-01-23", "2026-01-24")]


def test_a_clause_of_time_after_a_comma_keeps_its_place_to_itself(extractor):
    text = ("Russia fired missiles at Kyiv overnight, hours before the second day of negotiations was due to begin.")
    ms = extractor.extract(text, "en", dt.date(2026, 1, 24)).meetings
    assert all(m.location is None for m in ms)


@pytest.mark.parametrize("text, speaker, said", [
    ("Jean-Noël Barrot erklärte, Paris sei bereit. Noch deutlicher wurde Polens Außenminister Radosław Sikorski: Der "
     "Kreml spiele auf Zeit, sagte er.", "Radosław Sikorski", "Der Kreml spiele auf Zeit"),
    ("Ursula von der Leyen wird in Kiew erwartet. Sie werde dort ein Paket vorstellen, kündigte von der Leyen auf X "
     "an.", "Ursula von der Leyen", "Sie werde dort ein Paket vorstellen"),
    ("Johann Wadephul gab sich zuversichtlich. Es könne keinen Frieden geben, sagte der CDU-Politiker vor Beginn der "
     "Sitzung; Deutschland werde seine Hilfe aufstocken.", "Johann Wadephul", "Es könne keinen Frieden geben"),
])
def test_colon_introductions_name_particles_and_semicolons(extractor, text, speaker, said):
    ex = extractor.extract(text, "de", dt.date(2026, 5, 19))
    ents = {e.key: e for e in ex.entities}
    assert (speaker, said) in [(ents[c.author].name, c.text) for c in ex.claims]
    assert all(ents[c.author].name == speaker for c in ex.claims if c.text == said)


def test_a_reference_to_a_planned_round_does_not_date_a_meeting_that_took_place(extractor):
    text = ("Die nächste Runde soll im Juni in Washington stattfinden. Am Rande des Treffens kam Johann Wadephul zu "
            "einem Gespräch mit Andrij Sybiha zusammen.")
    ex = extractor.extract(text, "de", dt.date(2026, 5, 19))
    held = [m for m in ex.meetings if m.status == "held"]
    assert len(held) == 1 and held[0].date != "2026-06" and held[0].location is None


@pytest.mark.parametrize("lang, text, who", [
    ("de", "In Istanbul saßen am Montag Steve Witkoff, Rustem Umjerow und Wladimir Medinski an einem Tisch; die nächste "
           "Runde soll im Juni in Washington stattfinden.", 3),
    ("en", "Steve Witkoff and Rustem Umerov sat at the same table in Istanbul on Monday.", 2),
])
def test_sitting_at_one_table_is_a_meeting_and_a_semicolon_splits_two(extractor, lang, text, who):
    ex = extractor.extract(text, lang, dt.date(2026, 5, 19))
    ents = {e.key: e for e in ex.entities}
    ist = [m for m in ex.meetings if m.location and ents[m.location].name == "Istanbul"]
    assert [(m.status, m.date, len(m.attendees)) for m in ist] == [("held", "2026-05-18", who)]


@pytest.mark.parametrize("sentence", [
    "Europa verlängere nur den Krieg, zitierte ihn die Agentur Interfax.",
    "Die Agentur Interfax zitierte Dmitri Peskow mit den Worten, Europa verlängere nur den Krieg.",
    "Dmitri Peskow wurde von Interfax mit den Worten zitiert, Europa verlängere nur den Krieg.",
])
def test_who_is_quoted_spoke_not_who_quotes(extractor, sentence):
    ex = extractor.extract("Dmitri Peskow sprach in Moskau. " + sentence, "de", dt.date(2026, 5, 19))
    ents = {e.key: e for e in ex.entities}
    assert [(ents[c.author].name, c.text) for c in ex.claims] == [("Dmitri Peskow", "Europa verlängere nur den Krieg")]


def test_a_nationality_noun_stands_for_the_speaker_just_named(extractor):
    text = ("Die Außenbeauftragte Kaja Kallas sprach von einem klaren Signal. „Wer über Frieden redet, meint es nicht "
            "ernst“, sagte die Estin.")
    ex = extractor.extract(text, "de", dt.date(2026, 5, 19))
    ents = {e.key: e for e in ex.entities}
    assert [ents[c.author].name for c in ex.claims] == ["Kaja Kallas", "Kaja Kallas"]


def test_a_phone_call_with_someone_is_the_subjects_call(extractor):
    text = ("Donald Trump welcomed Volodymyr Zelenskiy in Palm Beach on Sunday, a few hours after a lengthy phone "
            "call with Vladimir Putin.")
    ex = extractor.extract(text, "en", dt.date(2025, 12, 29))
    ents = {e.key: e for e in ex.entities}
    calls = [sorted(ents[k].name for k in m.attendees) for m in ex.meetings if m.kind == "phone_call"]
    assert calls == [["Donald Trump", "Vladimir Putin"]]


def test_a_meeting_noun_with_someone_takes_the_clause_subject_and_a_call_no_destination(extractor):
    ex = extractor.extract("Steve Witkoff spent Tuesday night over a long dinner with Kirill Dmitriev in Istanbul.",
                           "en", dt.date(2026, 5, 14))
    ents = {e.key: e for e in ex.entities}
    assert [sorted(ents[k].name for k in m.attendees) for m in ex.meetings] == [["Kirill Dmitriev", "Steve Witkoff"]]
    ex = extractor.extract("Late on Wednesday, Marco Rubio spoke by phone with Hakan Fidan to thank Ankara for "
                           "hosting.", "en", dt.date(2026, 5, 14))
    assert [(m.kind, m.location) for m in ex.meetings] == [("phone_call", None)]


def test_an_attribution_at_the_very_end_of_the_text():
    """Found by the property test: "Selenskyj said Kreml", the organisation right at the end, no full stop."""
    doc = _run("Selenskyj said Kreml", "en", None)
    assert all(c.author in doc._.ng_entities for c in doc._.ng_claims)
