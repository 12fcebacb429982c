"""Hand-built extraction records, for testing the graph layer without the extractors."""
from __future__ import annotations

from newsgraph.extractors.records import (PERSON, PLACE, Claim, Entity, Evidence, Extraction, Meeting,
                                          Mention)
from newsgraph.readers.article import Article


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def person(text, key, full, surname_forms=(), given=None):
    given = given or full.split()[0]
    s, e = _at(text, full)
    mentions = [Mention(s, e, full)]
    for f in surname_forms:
        s2, e2 = _at(text, f, 1 if f in full else 0)
        mentions.append(Mention(s2, e2, f))
    return Entity(key=key, kind=PERSON, name=full, alternate_names=list(surname_forms), mentions=mentions,
                  given_name=given, family_name=full.split()[-1])


def sample(identity: str = "a.txt", title: str = "Talks in Miami", date: str = "2026-01-17",
           lang: str = "de", who=("Wolodymyr Selenskyj", "Steve Witkoff"), city=("Miami", 4164138)):
    a, b = who
    text = f"{a} traf {b} in {city[0]}. {a.split()[-1]} warnte vor neuen Angriffen."
    ents = [person(text, "p1", a, (a.split()[-1],)), person(text, "p2", b)]
    s, e = _at(text, city[0])
    ents.append(Entity(key="l1", kind=PLACE, name=city[0], subtypes=["City"], geonames_id=city[1],
                       latitude=25.77, longitude=-80.19, mentions=[Mention(s, e, city[0])]))
    first = text.index(".") + 1
    ex = Extraction(entities=ents,
                    meetings=[Meeting(key="m1", kind="meeting", status="held", attendees=["p1", "p2"],
                                      location="l1", date=date, evidence=[Evidence(0, first, text[:first])])],
                    claims=[Claim(key="c1", author="p1", text="vor neuen Angriffen", claim_type="warning",
                                  direct=False, evidence=[Evidence(first + 1, len(text), text[first + 1:])])])
    return Article(text=text, path=identity, key_path=identity, title=title, date=date, lang=lang), ex
