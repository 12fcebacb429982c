"""ng_persons: people by their names, with their roles.

A run of capitalised words is a person when its first word is a known given name (name
lists from the gender-guesser package), or when a role title stands right before it
("Kremlsprecher Dmitri Peskow", "US-Präsident Trump", "envoy Witkoff"). Role phrases before
the name or in an apposition become job titles; demonyms and prefixes in them ("ukrainische",
"US-") give the nationality, institution compounds ("Kreml…") the affiliation.
"""
from __future__ import annotations

import re

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import NAME, PERSON, Entity
from ..tokens import token_view
from .lexicon import Lexicon, given_name_gender
from .mentions import add_mention, free, slug

# "al-Sisi", "el-Sisi" (one token in German): an Arabic article joined to the surname
_JOINED_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|ar|az|an)-[A-ZÄÖÜ][\w'’-]+$")
APOSTROPHES = ("'s", "’s", "'", "’")


@dataclass
class RoleInfo:
    title: str | None = None
    nationality: str | None = None  # ISO
    institution: str | None = None  # org key


def _is_name_token(tok: Token, lx: Lexicon) -> bool:
    return _is_name_text(tok.text, lx)


def _is_name_text(t: str, lx: Lexicon) -> bool:
    """Could this word be part of a name? (Decided once per word string and language.)"""
    memo = lx._memo
    got = memo.get(("name_token", t))
    if got is None:
        got = memo[("name_token", t)] = _name_shape(t, lx)
    return got


def _name_shape(t: str, lx: Lexicon) -> bool:
    if _JOINED_PARTICLE.match(t):
        return True
    if not t[:1].isupper() or not any(c.isalpha() for c in t) or t.isupper() and len(t) > 3:
        return False
    if t.lower() in lx.common_words or lx.is_role_word(t) or lx.demonym_country(t):
        return False  # "Russian Foreign Minister …": a nationality, not a name
    return all(c.isalpha() or c in "-'’." for c in t)


def _strip_genitive(name: str, doc_tokens: set[str], lx: Lexicon) -> str:
    for ap in APOSTROPHES:
        if name.endswith(ap) and len(name) > len(ap) + 1:
            return name[: -len(ap)]
    base = lx.grammar.genitive_base(name)
    return base if base is not None and base in doc_tokens else name


def _role_before(doc: Doc, start: int, lx: Lexicon) -> RoleInfo | None:
    """The role phrase right before a name: "der ukrainische Präsident", "US-Sondergesandte", "Kremlsprecher"."""
    j = start - 1
    words: list[Token] = []
    while j >= 0 and len(words) < 6:
        tok = doc[j]
        low = tok.text.lower()
        if tok.text in ("-",) or lx.is_role_word(tok.text) or low in lx.role_modifiers or \
                ((tok.is_lower or lx.grammar.demonyms_capitalised) and lx.demonym_country(tok.text)) or (words and tok.text in lx.prefixes and
                                                                     doc[j + 1].text == "-"):
            words.insert(0, tok)
            j -= 1
            continue
        if tok.text in ("'s", "’s") and j > 0:  # "Trump's son-in-law Jared Kushner"
            words.insert(0, tok)
            words.insert(0, doc[j - 1])
            j -= 2
            continue
        break
    if not words or not any(lx.is_role_word(w.text) for w in words):
        # a German genitive possessor before a kinship role: "Trumps Schwiegersohn"
        if start >= 2 and lx.is_role_word(doc[start - 1].text) and doc[start - 2].text[:1].isupper():
            words = [doc[start - 2], doc[start - 1]]
        else:
            return None
    text = doc[words[0].i:words[-1].i + 1].text
    info = RoleInfo(title=text)
    for w in words:
        iso = lx.demonym_country(w.text) if (w.is_lower or lx.grammar.demonyms_capitalised) else None
        if iso:
            info.nationality = iso
        if w.text in lx.prefixes:
            info.nationality = lx.prefixes[w.text]
        low = w.text.lower()
        for prefix, inst in lx.institutions.items():
            if low.startswith(prefix):
                if inst.startswith("org:"):
                    info.institution = inst
                else:
                    info.nationality = info.nationality or inst
    return info


def _role_with_qualifier(doc: Doc, start: int, lx: Lexicon) -> RoleInfo | None:
    """"Kenya's Ambassador to the US Robinson Githae", "Minister of Finance Ama Owusu": a role, a preposition
    and up to three capitalised words naming what the role is for, then the name (a run of capitalised words
    after a title of more than one word is otherwise no name)."""
    j, caps = start - 1, 0
    # (what the role is for is a name found already, a place or a body, or a ministry's field: not "for
    # Government Coordination Department")
    while j >= 0 and caps < 3 and doc[j].text[:1].isupper() and not lx.is_role_word(doc[j].text) and \
            (not free(doc, j, j + 1) or doc[j].text.lower() in lx.ministry_fields):
        j, caps = j - 1, caps + 1
    if not caps:
        return None
    if j >= 0 and doc[j].text.lower() in lx.determiners:
        j -= 1
    if j < 1 or doc[j].text.lower() not in lx.role_qualifier_preps or not lx.is_role_word(doc[j - 1].text):
        return None
    info = _role_before(doc, j, lx)
    if info is not None:
        info.title = f"{info.title} {doc[j:start].text}"
    return info


def _apposition_after(doc: Doc, end: int, lx: Lexicon) -> RoleInfo | None:
    """", President Zelenskyy's new chief of staff," / ", der Sekretär des Sicherheitsrates,"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    j = end + 1
    words = []
    while j < len(doc) and len(words) < 9 and doc[j].text not in (",", ".", ";", ":", "(", ")") \
            and not doc[j].is_sent_start:
        words.append(doc[j])
        j += 1
    if not words or j >= len(doc) or doc[j].text not in (",", "."):
        return None
    if words[0].text.lower() in lx.relatives and len(words) > 1 and \
            not lx.is_role_word(words[1].text):
        return None
    if not any(lx.is_role_word(w.text) or w.text.lower() in lx.role_phrases for w in words) and \
            not _multiword_role(" ".join(w.text.lower() for w in words), lx):
        return None
    while words and words[0].text.lower() in lx.determiners:
        words.pop(0)
    info = RoleInfo(title=doc[words[0].i:words[-1].i + 1].text)
    for w in words:
        if w.is_lower and lx.demonym_country(w.text):
            info.nationality = lx.demonym_country(w.text)
    return info


def _role_before_comma(doc: Doc, start: int, lx: Lexicon) -> RoleInfo | None:
    """"der Sekretär des Sicherheitsrates, Rustem Umjerow" - the role phrase, then a comma, then the name."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    j = start - 2
    words = []
    while j >= 0 and len(words) < 8 and doc[j].text not in (",", ".", ";", ":") and not doc[j + 1].is_sent_start:
        if doc[j].text.lower() in lx.determiners and words and lx.is_role_word(words[0].text):
            break
        words.insert(0, doc[j])
        j -= 1
    while words and words[0].text.lower() in lx.determiners:
        words.pop(0)
    if not any(lx.is_role_word(w.text) for w in words[:3]):
        return None
    info = RoleInfo(title=doc[words[0].i:words[-1].i + 1].text)
    for w in words:
        if w.is_lower and lx.demonym_country(w.text):
            info.nationality = lx.demonym_country(w.text)
    return info


def _multiword_role(text: str, lx: Lexicon) -> bool:
    return any(p in text for p in lx.role_phrases)


def find_persons(doc: Doc, lx: Lexicon) -> None:
    v = token_view(doc)
    texts = v.texts
    n = v.n
    tokens = v.text_set
    upper = [t[:1].isupper() for t in texts]
    # capitalised words that also stand alone (not as the first of a run): surnames, not given names
    alone = {texts[i] for i in range(n) if upper[i] and (i + 1 >= n or not upper[i + 1])
             and (i == 0 or not upper[i - 1])}
    # ... and of those, the ones standing where a name stands, not a noun: after punctuation or at a sentence
    # start, not after an article or adjective ("Sefcovic said", ". Sefcovic"; not "beide Seiten")
    alone_named = {texts[i] for i in range(n) if texts[i] in alone and (i + 1 >= n or not upper[i + 1]) and
                   (i == 0 or v.sent_start[i] or not any(c.isalnum() for c in texts[i - 1]))}
    i = 0
    while i < n:
        if not upper[i] or not _is_name_text(texts[i], lx) or not free(doc, i, i + 1):
            i += 1
            continue
        j = i
        while j < n and j - i < (6 if any(t == "-" or lx.is_name_particle(t) for t in texts[i:j]) else 4) and \
                free(doc, j, j + 1):
            if j > i and (texts[j] in lx.named_after_modifiers or texts[j] in lx.named_after_heads):
                break  # "Indira Gandhi International Airport": the name ends before what is named after it
            if j > i and lx.grammar.genitive_base(texts[j]) in lx.places:
                break  # "Yoon Nordkoreas Raketenstart": a place's genitive ends the name
            if _is_name_text(texts[j], lx) or (j > i and _common_word_surname(v, lx, j - 1, j)):
                j += 1
                continue
            if j > i and _hyphen_joined(v, j) and texts[j + 1].isalpha() and free(doc, j, j + 2) and \
                    (texts[j + 1].islower() or lx.is_given_name(texts[j - 1])):  # not "Putin-Trump"
                j += 2  # "Cho Tae-yul", "Jean-Claude" split by the English tokenizer: one name word
                continue
            # "Ursula von der Leyen", "Mohammed bin Salman": up to two particles, then a name word; a German
            # article alone is no particle ("Dmitri Peskow der Nachrichtenagentur")
            p = j
            while p < n and p - j < 2 and lx.is_name_particle(texts[p]) and free(doc, p, p + 1):
                p += 1
            hyphen = p > j and p + 1 < n and texts[p] == "-" and v.idx[p] == v.idx[p - 1] + len(texts[p - 1]) and \
                free(doc, p, p + 1)
            if hyphen:
                p += 1  # "al-Sisi" split by the English tokenizer: "al", "-", "Sisi"
            if p > j and j > i and p - i < (5 if hyphen else 4) and p < n and free(doc, p, p + 1) and _is_name_text(texts[p], lx) and \
                    texts[j] not in lx.determiners:
                j = p
                continue
            break
        # "Beitrag Donald Trumps", "Gastgeber Emmanuel Macron", "Gen. Randy George": the name
        # starts at the given name; the capitalised words before it are nouns or titles.
        k = next((k for k in range(i + 1, j - 1) if lx.is_given_name(texts[k])), None)
        if k is not None and not lx.is_given_name(texts[i]) and texts[i] not in lx.surname_first:
            i = k
        elif k is None and j - i > 2 and not lx.is_given_name(texts[i]) and _surname_used_alone(v, lx, j - 2, j, alone_named):
            i = j - 2  # "Economic Security Maros Sefcovic … Sefcovic said": the last two words are the name
        if j - i == 3 and lx.is_given_name(texts[i]) and texts[i + 1] in alone_named and texts[j - 1] not in alone \
                and not lx.is_given_name(texts[i + 1]) and not lx.has_surname_shape(texts[j - 1]):
            j -= 1  # "führte Carla Wendt Telefonate": the name, then a noun the article never uses as one
        size = j - i
        first = texts[i]
        role = _role_before(doc, i, lx) or _role_with_qualifier(doc, i, lx)
        if role is None and size >= 3 and not lx.is_given_name(first):
            role = _role_with_qualifier(doc, i + 1, lx)  # "Minister of Finance Ama Owusu": the office, then the name
            if role is not None:
                i, size, first = i + 1, size - 1, texts[i + 1]
        if size >= 2 and not lx.is_given_name(first) and role is not None and first in alone:
            j = i + 1  # "US-Präsident Trump Selenskyj …": a surname, then another person
            size = 1
        elif size == 2 and not lx.is_given_name(first) and first in alone and texts[i + 1] in alone and \
                not v.sent_start[i]:
            j = i + 1  # "hatte Starmer Selenskyj … empfangen": two surnames the article also uses alone
            size = 1
        arabic = any(_JOINED_PARTICLE.match(t) or t.lower() in lx.arabic_particles for t in texts[i + 1:j])
        if arabic:
            # "unter Leitung von Chalil al-Hajja": a European particle before an Arabic name ends the noun before it
            cut = max((k for k in range(i, j) if texts[k] in lx.european_particles), default=None)
            if cut is not None and cut + 1 < j:
                i = cut + 1
                size = j - i
                first = texts[i]
                role = _role_before(doc, i, lx)
        if _named_after(texts, j, lx):
            i = j  # "Indira Gandhi International Airport": a place named after a person
            continue
        if size >= 2 and (lx.is_given_name(first) or role is not None or arabic or
                          (size == 2 and lx.has_surname_shape(texts[j - 1]) and not v.sent_start[i]) or
                          _surname_used_alone(v, lx, i, j, alone_named)):
            # "Cho Tae-yul … Cho said": a family name written first is the one the article uses alone
            family_first = first in lx.surname_first and first in alone_named and texts[j - 1] not in alone_named
            _add_person(doc, lx, i, j, role or _role_before_comma(doc, i, lx) or _apposition_after(doc, j, lx),
                        tokens, given=first, family_first=family_first)
            i = j
            continue
        if size == 1 and role is not None and not first.endswith(APOSTROPHES):
            _add_person(doc, lx, i, j, role, tokens, given=None)
        elif size == 1 and i > 0 and texts[i - 1] in lx.honorifics and not first.endswith(APOSTROPHES) and \
                not lx.is_given_name(first):
            _add_person(doc, lx, i, j, None, tokens, given=None)  # "Mr Trump", "Frau Merkel"
        i = j


def _named_after(texts: list[str], j: int, lx: Lexicon) -> bool:
    """The words after a name (j on) make it a place or body named after a person."""
    k = j
    while k < len(texts) and texts[k] in lx.named_after_modifiers:
        k += 1
    return k < len(texts) and texts[k] in lx.named_after_heads


def _common_word_surname(v, lx: Lexicon, i: int, j: int) -> bool:
    """"Stephan Weil", "Theresa May", "Anna Koch": a capitalised common word right after a given name, inside
    a sentence, is a surname (a function word is never capitalised there; a month would be followed by a day)."""
    t, given = v.texts[j], v.texts[i]
    if not (t[:1].isupper() and t.isalpha() and t.lower() in lx.common_words and lx.is_given_name(given)):
        return False
    if given.lower() in lx.common_words or lx.places.get(given):
        return False  # "On Monday", "London Russland": the word before is no given name here
    if v.sent_start[j] or lx.is_role_word(t) or lx.demonym_country(t):
        return False
    nxt = v.texts[j + 1] if j + 1 < v.n else ""
    return not nxt[:1].isdigit() and not (nxt[:1].isupper() and nxt.isalpha())


def _hyphen_joined(v, j: int) -> bool:
    """A hyphen written with no space on either side, between two words ("Tae-yul")."""
    return v.texts[j] == "-" and 0 < j and j + 1 < v.n and v.idx[j] == v.idx[j - 1] + len(v.texts[j - 1]) and \
        v.idx[j + 1] == v.idx[j] + 1


def _surname_used_alone(v, lx: Lexicon, i: int, j: int, alone: set[str]) -> bool:
    """"Maros Sefcovic … Sefcovic said": two or three capitalised words whose last one the article also uses
    on its own are a full name and its surname, whatever the given name (no list holds every one)."""
    base = v.texts[j - 1]  # (a genitive is no introduction: "Pressebegegnungen Baerbocks")
    return 2 <= j - i <= 3 and base in alone and len(base) > 2 and not lx.places.get(base) and \
        base not in lx.orgs and not v.sent_start[i] and \
        all(_is_name_text(t, lx) and not (t.isupper() and len(t) > 1) for t in v.texts[i:j] if t != "-")


def find_possessors(doc: Doc, lx: Lexicon) -> None:
    """"Putins Berater", "Trump's envoy", "Zelensky's chief of staff": a name in the genitive
    before a role noun is the person whose adviser, envoy or spokesman it is, even when the
    article never names them otherwise. Places and organisations are taken by then."""
    v = token_view(doc)
    texts, n = v.texts, v.n
    for i, t in enumerate(texts):
        if not t[:1].isupper() or i + 2 > n or not free(doc, i, i + 1) or \
                (i > 0 and texts[i - 1].lower() in lx.determiners):  # "the Army's chief of staff"
            continue
        if lx.grammar.genitive_s and t.endswith("s") and len(t) > 4 and t[-2] != "s":
            family, role_at = t[:-1], i + 1
        elif i + 2 < n and texts[i + 1] in ("'s", "’s"):
            family, role_at = t, i + 2
        else:
            continue
        if not (_is_name_text(family, lx) and _is_name_text(t, lx)) or family.isupper() or \
                family in lx.orgs or lx.places.get(family) or lx.is_given_name(family):
            continue
        if lx.is_role_word(texts[role_at]) or _multiword_role(v.span_text(role_at, min(n, role_at + 3)), lx):
            _add_person(doc, lx, i, i + 1, None, v.text_set, given=None, family=family)


def find_bare_surnames(doc: Doc, lx: Lexicon) -> None:
    """"Selenskyj warnt …" with no given name or role anywhere: a word of surname shape that the
    article uses at least twice on its own is a person."""
    known = {e.family_name for e in doc._.ng_entities.values() if e.kind == PERSON}
    counts: dict[str, list[int]] = {}
    v = token_view(doc)
    for i, t in enumerate(v.texts):
        if not t[:1].isupper():  # not a name token (checked first: it is the cheap test)
            continue
        stem = lx.grammar.genitive_base(t, min_len=2)
        base = stem if stem is not None and lx.has_surname_shape(stem) else t
        # (a family name written first, "Yoon", "Kim", is also a given name in the lists: where it stands as a
        # name, twice, it is one)
        if free(doc, i, i + 1) and _is_name_text(t, lx) and base not in known and \
                ((lx.has_surname_shape(base) and not lx.is_given_name(base)) or
                 (base in lx.surname_first and _in_name_slot(v, lx, i))):
            counts.setdefault(base, []).append(i)
    tokens = v.text_set
    for name, where in counts.items():
        if len(where) >= 2:
            _add_person(doc, lx, where[0], where[0] + 1, None, tokens, given=None)
    _headline_surnames(doc, lx, known)


def _in_name_slot(v, lx: Lexicon, i: int) -> bool:
    """Token i stands where a person's name stands: after a verb ("sagte Yoon", "said Yoon") or before one
    ("Yoon said"), not after an article or a preposition ("im Park")."""
    before = v.texts[i - 1] if i > 0 else ""
    after = v.texts[i + 1] if i + 1 < v.n else ""
    verb_before = before.isalpha() and before.islower() and before not in lx.determiners and len(before) > 3
    verb_after = after.isalpha() and after.islower() and len(after) > 3
    return verb_before or verb_after


def _headline_surnames(doc: Doc, lx: Lexicon, known: set[str]) -> None:
    """"Oberbürgermeister Wolfgang Griesert empfängt …" in the headline, then "sagte Griesert" in the body: a bare
    surname of a person the headline named in full is that person."""
    heads = doc._.ng_known_persons or {}
    if not heads:
        return
    v = token_view(doc)
    for i, t in enumerate(v.texts):
        base = t[:-1] if t not in heads and t.endswith("s") and t[:-1] in heads else t
        if base in heads and base not in known and free(doc, i, i + 1):
            full, given = heads[base]
            _add_person(doc, lx, i, i + 1, None, v.text_set, given=None)
            e = _same_surname(doc, base, None)
            if e is not None and len(full.split()) > len(e.name.split()):
                if e.name not in e.alternate_names:
                    e.alternate_names.append(e.name)
                e.name, e.given_name = full, given
            known.add(base)


def _add_person(doc: Doc, lx: Lexicon, start: int, end: int, role: RoleInfo | None, tokens: set[str],
                given: str | None, family: str | None = None, family_first: bool = False) -> None:
    words = doc[start:end].text.split()  # (tokens joined as written: "al-Sisi" split by the tokenizer is one word)
    if family is None and len(words) >= 2 and words[-2] in ("Al", "El"):  # (capitalised: part of the name)
        # "Mohammed bin Abdulrahman Al Thani", "Al Thani": the family name keeps its article
        family = words[-2] + " " + _strip_genitive(words[-1], tokens, lx)
        words = words[:-2] + [family]
        if len(words) == 1:
            given = None
    if family is None and len(words) >= 2 and family_first:
        family, given = words[0], " ".join(words[1:])  # "Cho Tae-yul", "Li Qiang": the family name first
        full = " ".join(words[:-1] + [_strip_genitive(words[-1], tokens, lx)])
    else:
        family = family or _strip_genitive(words[-1], tokens, lx)
        full = " ".join(words[:-1] + [family])
    key = f"person:{slug(family)}" + (f"-{slug(given)[:1]}" if given else "")
    existing = doc._.ng_entities.get(key) or _same_surname(doc, family, given)
    entity = existing or Entity(key=key, kind=PERSON, name=full, given_name=given if len(words) > 1 else None,
                                family_name=family, resolution_key=f"person:{slug(family)}")
    if existing is not None and len(full.split()) > len(existing.name.split()):
        if existing.name not in existing.alternate_names:
            existing.alternate_names.append(existing.name)
        existing.name, existing.given_name = full, given
    if role is not None:
        if role.title and role.title not in entity.job_titles:
            entity.job_titles.append(role.title)
        entity._ng_nationality = getattr(entity, "_ng_nationality", None) or role.nationality
        entity._ng_institution = getattr(entity, "_ng_institution", None) or role.institution
    add_mention(doc, entity, start, end, NAME, surface=full)


def _same_surname(doc: Doc, family: str, given: str | None) -> Entity | None:
    for e in doc._.ng_entities.values():
        if e.kind == PERSON and e.family_name == family and (given is None or e.given_name in (None, given)):
            return e
    return None


def set_genders(doc: Doc) -> None:
    """A person's gender where the given name tells it, so that "she said" finds Kaja Kallas, not the man
    named last."""
    for e in doc._.ng_entities.values():
        if e.kind == PERSON and e.given_name and e.gender is None:
            e.gender = given_name_gender(e.given_name)
