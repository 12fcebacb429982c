"""Meetings: talks, negotiations, visits, calls, summits, signings, with who, where, when, status.

Per sentence: trigger words from `data/<lang>.yaml` (nouns, compounds by their head, verbs
with the checks they need), grouped into one candidate per distinct place/date; attendees,
location, date, status, topic and negation from the trigger's clause. Delegation lists,
"dabei sein" / "took part" sentences and "es geht um" topics attach to the meeting just
reported. Candidates that name the same meeting (an anaphoric noun, the same place and
date, an underspecified follow-up) merge into one meeting with evidence for each sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from ..records import ADJECTIVE, COUNTRY, ORGANIZATION, PERSON, PLACE, PRONOUN, Meeting
from .claims import Frame, Speech
from .context import MAX_PER_SENTENCE, DocContext, Sentence
from .senses import courtesy_call
from .dates import AUTO, FUTURE, PAST, date_compatible, more_precise, resolve

KIND_PRIORITY = ("signing", "summit", "phone_call", "video_call", "working_group", "negotiation", "talks",
                 "meeting", "reception", "visit")
KIND_GROUP = {"phone_call": "call", "video_call": "video", "signing": "signing"}
NONPAST = ("ongoing", "planned", "expected", "possible")
FAMILY = {"talks": "talk", "negotiation": "talk", "meeting": "talk", "working_group": "talk", "summit": "summit",
          "visit": "visit", "reception": "visit", "phone_call": "call", "video_call": "call", "signing": "signing"}
WINDOW_BACK = 20
WINDOW_BACK_CLAUSE = 40  # German: back to the auxiliary's clause start, at most this far
WINDOW_AHEAD = 18
ANAPHOR_SENTENCES = 6
TRAVELLER_SENTENCES = 3  # how far back a one-person visit or reception gives a partner-only meeting its protagonist
LEADER_COUNTRIES_REACH = 8  # words after "the leaders of" that may name its countries
DATELINE_DASHES = frozenset({"-", "–", "—"})  # "MOSCOW —", "Kiew/Washington -": the end of a dateline
ROLE_MODIFIERS = 2  # "der neue deutsche Außenminister": adjectives between a role noun and its article
ROLE_SUBJECT_AFTER = 5  # "trifft sich die Ministerin …": a subject after the verb (words from the trigger)
TOPIC_REACH = 7  # words back from a country to the topic word it belongs to ("über Fragen zu Europa und …")
VENUE_REACH = 20  # words after a trigger to a building named as where ("met X, chairman of Y, at the Z Centre")
CAUSE_REACH = 5  # words back from a place's preposition to a cause word ("wegen des jüngsten Vorfalls im …")
LINK_SENTENCES = 12
ROUND_SENTENCES = 8  # how far a held meeting with no place may stand from the round of meetings it belongs to

# organisation types (organizations.yaml) that report on meetings and never attend them
REPORTING_TYPES = frozenset({"NewsMediaOrganization"})


@dataclass
class Trigger:
    i: int
    end: int
    kind: str
    pos: str  # noun | verb
    tense: str | None = None
    anaphoric_only: bool = False
    definite: bool = False
    indefinite: bool = False
    negdet: bool = False
    det_word: str = ""  # the determiner found before a noun ("weitere", "the")
    bare: bool = False  # no determiner, right after a preposition ("durch Verhandlungen")
    ref: bool = False  # named for its time: "parallel zu den Gesprächen", "on the sidelines of the talks"
    after: bool = False  # "nach einem Treffen", "after the meeting": it took place
    word: str = ""
    loc: str | None = None
    loc_tok: int = -1
    date_tok: int = -1
    date: object = None  # DateMention


@dataclass
class Cand:
    sent: int
    triggers: list[Trigger]
    lo: int
    hi: int
    kind: str = "meeting"
    status: str = "held"
    status_explicit: bool = False
    location: str | None = None
    date: tuple | None = None
    attendees: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    about_entities: list[str] = field(default_factory=list)
    anaphoric: bool = False
    negated: bool = False
    cancelled: bool = False  # "sagte das Treffen ab", "the talks were postponed": reported, but not held
    frame: Frame | None = None
    named: set[str] = field(default_factory=set)  # attendees named in the sentence (not via a pronoun)
    new: bool = False  # "eine weitere Runde", "another meeting": not one reported before
    bare: bool = False
    duration: int = 0  # "zweitägige Beratungen": days
    ends: bool = False  # "endeten am Samstag": the date is the last day
    continues: bool = False  # "sollen fortgesetzt werden", "would continue on Sunday"
    additive: bool = False  # "will sich zudem mit X treffen": one more meeting on the same stop

    @property
    def score(self) -> float:
        return (2 if self.location else 0) + (2 if self.date else 0) + 0.5 * len(self.attendees) + \
            (0 if self.anaphoric else 1)


@dataclass
class Meet:
    kind: str
    status: str
    status_explicit: bool
    location: str | None
    date: tuple | None
    attendees: list[str]
    about: list[str]
    about_entities: list[str]
    trigger: str
    sents: list[int]
    main: int
    main_score: float
    last_sent: int
    created: int = -1  # the sentence that first reported it
    words: set[str] = field(default_factory=set)  # the words that named it
    trigger_toks: list[tuple[int, int]] = field(default_factory=list)  # (sentence, token) of each of them
    duration: int = 0
    ends: bool = False
    named: set[str] = field(default_factory=set)


class Meetings:
    def __init__(self, ctx: DocContext, speech: Speech):
        self.ctx = ctx
        self.lex = ctx.lex
        self.speech = speech
        self.meets: list[Meet] = []
        self._date_tokens: set[int] = set()
        self._plural_first = frozenset(seq[0] for seq in self.lex.plural_anaphors)
        self._rel_cache: dict[int, list[tuple[int, int]]] = {}
        self._dateline_end: dict[int, int] = {}
        self.dateline_places: list[str] = []
        self._datelines()
        self._delegation_sent = -10
        self._delegation_memo: dict[str, bool] = {}
        for s in ctx.sents:
            self._sentence(s)

    # ================================================================== datelines
    def _datelines(self) -> None:
        """"MOSCOW —", "Kiew/Washington -", "BERLIN (dpa) —": where the report was filed."""
        ctx = self.ctx
        seen_para = set()
        for s in ctx.sents:
            if s.para in seen_para:
                continue
            seen_para.add(s.para)
            places: list[str] = []
            for j in range(s.start, min(s.end, s.start + 12)):
                w = ctx.texts[j]
                # "New Delhi: …", "Dresden, 13.11.2016: …": a colon closes a dateline only right after its place
                # and date, never after words ("In Berlin sagte Merz: …")
                colon = w == ":" and self._dateline_head(s, j)
                if (w in DATELINE_DASHES or colon) and j > s.start:
                    if places:
                        self._dateline_end[s.i] = j
                        # "DAVOS, Switzerland", "PALM BEACH, Fla.": the city, not the country or state around it
                        cities = [p for p in places if self.speech.kind(p) == PLACE and not self._is_region(p)]
                        if len(cities) == 1 and len(places) == 2 and \
                                all(self.speech.kind(p) == COUNTRY or self._is_region(p)
                                    for p in places if p not in cities):
                            places = cities
                        if not self.dateline_places:
                            self.dateline_places = places
                    break
                m = ctx.mention_at(j)
                if m is not None and m.kind in (PLACE, COUNTRY):
                    if m.key not in places:
                        places.append(m.key)
                    continue
                if m is None and w.isupper() and len(w) > 2:
                    key = self._place_named(w)
                    if key and key not in places:
                        places.append(key)
                    elif not key and not places:
                        break  # "RIYADH, Saudi Arabia": the city is unknown, the country alone is no place to meet
                if w in ("/", ",", "(", ")") or w[:1].isdigit() or (w[:1].isupper() and (w.isupper() or j < s.start + 3)) or \
                        w.lower() in self.lex.fw.news_agencies or (places and w.lower() in self.lex.dates.months):
                    continue
                break

    def _place_named(self, word: str) -> str | None:
        low = word.lower()
        for e in self.ctx.entities.values():
            if e.kind == PLACE and any(f.lower() == low for f in e.surface_forms()):
                return e.key
        return None

    # ================================================================== triggers
    def _triggers(self, s: Sentence) -> list[Trigger]:
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        g = lex.grammar
        out: list[Trigger] = []
        i = s.start
        while i < s.end:
            if (ctx.in_quote[i] and not self._scare_quoted(i)) or ctx.space[i]:
                i += 1
                continue
            w = lw[i]
            if w not in lex.trigger_words and not (g.closed_compounds and lex.head_re is not None and ctx.texts[i][:1].isupper()
                                                   and lex.head_re.match(w)):
                i += 1
                continue
            t = None
            for words, kind in lex.multi_nouns.get(w, ()):
                n = len(words)
                if i + n <= s.end and tuple(lw[i:i + n]) == words:
                    t = Trigger(i, i + n, kind, "noun", word=ctx.token_text(i, i + n))
                    break
            if t is None:
                t = self._single_trigger(s, i, w)
            if t is not None:
                if t.pos == "noun":
                    self._determiner(s, t)
                    if t.anaphoric_only and not t.definite and t.det_word not in lex.fw.new_words:
                        i = t.end
                        continue  # "Runde" alone is no meeting; "die Runde", "eine weitere Runde" are
                    if i - 1 >= s.start and lw[i - 1] in lex.non_meeting_modifiers and not (
                            t.end < s.end and lw[t.end] in lex.fw.with_preps and
                            self._actor_after(s, t.end + 1, 4, persons=True)):
                        i = t.end
                        continue  # "press conference" (but "a news conference with Macri" is a joint one)
                    t.ref = t.definite and self._preceded_by(s, t.i, lex.reference_preps)
                    t.after = any(lw[j] in lex.after_preps for j in range(max(s.start, t.i - 3), t.i)) and \
                        not t.definite
                out.append(t)
                if len(out) >= MAX_PER_SENTENCE:
                    break
                i = t.end
                continue
            i += 1
        return out

    def _single_trigger(self, s: Sentence, i: int, w: str) -> Trigger | None:
        ctx, lex = self.ctx, self.lex
        if w in lex.partner_nouns and not any(ctx.lowers[j] in lex.talk_preps and self._actor_after(s, j + 1, 4, persons=True)
                                              for j in range(i + 1, min(s.end, i + 8))):
            return None  # "the discussion centred on …": no one met
        cap = ctx.is_capitalised(i)
        initial = self._sentence_initial(s, i)
        word = ctx.texts[i]
        if courtesy_call(ctx, s, i):  # "called on President X": a courtesy visit
            return Trigger(i, i + 2, "meeting", "verb", tense=lex.courtesy_verbs[w], word=ctx.token_text(i, i + 2))
        if lex.grammar.nouns_capitalised:  # a capitalised word is a noun, a lowercase one a verb
            if cap:
                kind = lex.noun_kind.get(w)
                if kind is None:
                    head = lex.compound_head(w)
                    if head:
                        kind = lex.noun_kind[head]
                if kind is not None and not (initial and w in lex.verb and self._verb_checks(s, i, w)):
                    return Trigger(i, i + 1, kind, "noun", word=word)
                if w in lex.anaphoric_nouns:
                    return Trigger(i, i + 1, lex.anaphoric_nouns[w], "noun", anaphoric_only=True, word=word)
                if not initial:
                    return None
            if w in lex.verb:
                if self._verb_checks(s, i, w):
                    kind, tense = lex.verb[w]
                    return Trigger(i, i + 1, kind, "verb", tense=tense, word=word)
                return None
        else:
            if w in lex.call_verbs and i + 1 < s.end and not self._noun_context(s, i) and \
                    self.speech._called_is_phone(s, i + 1):
                # "left the room to call Putin", "called Putin on Tuesday": a phone call
                return Trigger(i, i + 1, "phone_call", "verb", tense=lex.call_verbs[w], word=word)
            kind = lex.noun_kind.get(w)
            if kind is not None and not (w in lex.verb and not self._noun_context(s, i)):
                if w in lex.call_verbs and not self._noun_context(s, i):
                    return None
                if w in lex.call_verbs and i + 1 < s.end and ctx.lowers[i + 1] in lex.call_not_followed_by:
                    return None  # "calls for", "call on", "called off"
                return Trigger(i, i + 1, kind, "noun", word=word)
            if w in lex.anaphoric_nouns:
                return Trigger(i, i + 1, lex.anaphoric_nouns[w], "noun", anaphoric_only=True, word=word)
            if w in lex.verb:
                if self._verb_checks(s, i, w):
                    kind, tense = lex.verb[w]
                    return Trigger(i, i + 1, kind, "verb", tense=tense, word=word)
                return None
        if w in lex.table_verbs:
            # "In Istanbul saßen X, Y und Z an einem Tisch", "sat at the same table"
            for j in range(i + 1, min(s.end, i + 24)):
                if ctx.lowers[j] in (";", ":") or ctx.in_quote[j]:
                    break
                if self._phrase_at(j, lex.table_phrases) is not None:
                    return Trigger(i, i + 1, "meeting", "verb", tense=lex.table_verbs[w], word=word)
        if w in lex.particle_verbs:
            kind, particle = lex.particle_verbs[w]
            for j in range(i + 1, min(s.end, i + 24)):
                if ctx.lowers[j] in (";", ":") or ctx.in_quote[j]:
                    break
                if ctx.lowers[j] == particle:
                    if not lex.grammar.verb_final and not self._actor_after(s, j + 1, 4) and not any(
                            self._role_or_delegation(ctx.lowers[k]) for k in range(j + 1, min(s.end, j + 5))):
                        break
                    return Trigger(i, i + 1, kind, "verb", tense="past" if w in lex.particle_verbs_past else "present", word=word)
        if w in lex.phone_verbs:
            cl_a, cl_b = ctx.clause_of(s, i)
            for j in range(max(cl_a, i - 6), min(cl_b, i + 12)):
                if ctx.lowers[j] in lex.phone_markers and j != i:
                    return Trigger(i, i + 1, "phone_call", "verb",
                                   tense="past" if w in lex.phone_verbs_past else None, word=word)
        if w in lex.talk_verbs and (not lex.grammar.nouns_capitalised or not cap or initial):
            # "hatte ... im Kreml mit Putin gesprochen", "spoke with Zelensky": a conversation
            cl_a, cl_b = ctx.clause_of(s, i)
            # (a German verb at the clause end reaches back over the topic: "mit X über die Pläne in Y und Z sprechen")
            for j in list(range(i + 1, min(cl_b, i + 10))) + list(range(max(cl_a, i - WINDOW_BACK), i)):
                if ctx.lowers[j] in lex.talk_preps and self._actor_after(s, j + 1, 4, persons=True):
                    return Trigger(i, i + 1, "talks", "verb", tense=lex.talk_verbs[w], word=word)
        return None

    def _scare_quoted(self, i: int) -> bool:
        """"had a “very good discussion” with Biden": a phrase of up to four words in quotation marks inside the
        reporter's sentence is the reporter's report, not a quotation of someone's speech."""
        ctx = self.ctx
        q = ctx.quotes[ctx.quote_of[i]]
        return sum(1 for t in range(q.start, q.end) if ctx.word[t]) <= 4

    def _preceded_by(self, s: Sentence, i: int, seqs) -> bool:
        """Does one of the word sequences stand right before token i (articles and adjectives between)?"""
        lw = self.ctx.lowers
        j = i - 1
        while j >= s.start and (lw[j] in self.lex.articles or lw[j] in self.lex.definite or
                                (self.ctx.texts[j].isalpha() and self.ctx.texts[j].islower() and
                                 not any(lw[j] == q[-1] for q in seqs)) or
                                (self.ctx.mention_at(j) is not None and self.ctx.mention_at(j).form == ADJECTIVE)):
            j -= 1
            if i - j > 5:
                return False
        for q in seqs:
            n = len(q)
            if j - n + 1 >= s.start and tuple(lw[j - n + 1:j + 1]) == q:
                return True
        return False

    def _in_pp(self, s: Sentence, t: Trigger) -> bool:
        lw = self.ctx.lowers
        lex = self.lex
        for j in range(t.i - 1, max(s.start, t.i - 4) - 1, -1):
            if lw[j] in lex.prepositions or lw[j] in lex.fw.occasion_preps:
                return True
            if lw[j] in lex.articles or lw[j] in lex.definite or lw[j] in lex.indefinite or \
                    (self.ctx.texts[j].isalpha() and self.ctx.texts[j].islower()) or \
                    self.ctx.mention_at(j) is not None:
                continue
            return False
        return False

    def _sentence_initial(self, s: Sentence, i: int) -> bool:
        return i <= s.first_word

    def _noun_context(self, s: Sentence, i: int) -> bool:
        """English noun/verb homographs ("visit", "meeting", "call"): a determiner or adjective before."""
        lw = self.ctx.lowers
        lex = self.lex
        for j in range(i - 1, max(s.start, i - 3) - 1, -1):
            w = lw[j]
            if w in lex.definite or w in lex.indefinite or w in lex.negative_determiners or \
                    w in lex.fw.noun_modifiers:
                return True
            m = self.ctx.mention_at(j)
            if m is not None:
                continue
            if w in lex.fw.verb_context_words:
                return False
            if self.ctx.texts[j].isalpha() and self.ctx.texts[j].islower():
                continue
            return False
        return False

    def _verb_checks(self, s: Sentence, i: int, w: str) -> bool:
        ctx, lex = self.ctx, self.lex
        cl_a, cl_b = ctx.clause_of(s, i)
        if w in lex.needs_destination:
            lo, hi = max(cl_a, i - 8), min(cl_b, i + 12)
            for j in range(lo, hi):
                if ctx.lowers[j] in lex.destination_preps or ctx.lowers[j] in lex.location_preps:
                    for k in range(j + 1, min(hi, j + 4)):
                        m = ctx.mention_at(k)
                        if m is not None and m.kind in (PLACE, COUNTRY, PERSON, ORGANIZATION) and m.form != ADJECTIVE:
                            return True
            # "besuchte Kiew", "visited Ireland": a place or actor right after (or before a participle)
            for k in list(range(i + 1, min(hi, i + 4))) + list(range(max(lo, i - 3), i)):
                m = ctx.mention_at(k)
                if m is not None and m.kind in (PLACE, COUNTRY, PERSON) and m.form != ADJECTIVE and not m.possessive:
                    if k > i and any(ctx.lowers[x] in lex.prepositions for x in range(i + 1, m.start)):
                        continue
                    return True
            return self._joint(cl_a, cl_b)
        if w in lex.passive_not_meeting and any(ctx.lowers[k] in lex.passive_auxiliaries
                                                 for k in range(max(cl_a, i - 12), min(cl_b, i + 3))):
            return False  # "In Charkiw wurde ein Wohnhaus getroffen": hit, not met
        if w in lex.needs_actor:
            if any(ctx.lowers[k] in lex.content_openers for k in range(i + 1, min(cl_b + 2, s.end, i + 4))):
                return False  # "begrüßte dagegen, dass ...", "welcomed that ...": a statement
            if lex.verb.get(w, ("",))[0] == "signing" and any(
                    ctx.mention_at(k) is not None and ctx.mention_at(k).kind in (PERSON, COUNTRY)
                    for k in range(max(cl_a, i - 6), i)):
                return True
            if any(self._delegation_word(ctx.lowers[k]) or ctx.lowers[k] in lex.group_nouns
                   for k in range(i + 1, min(s.end, i + 4))):
                return True  # "hosted a delegation", "hosts leaders of the coalition"
            if lex.verb.get(w, ("", ""))[1] == "nonfinite" and lex.grammar.verb_final:
                # "hat ... eine Delegation empfangen", "hat am Montag X empfangen": the object stands
                # before the participle, with the subject: a delegation, or two actors
                before = range(max(cl_a, i - 12), i)
                if any(self._delegation_word(ctx.lowers[k]) for k in before):
                    return True
                actors = {m.key for k in before if (m := ctx.mention_at(k)) is not None and m.start == k and
                          m.kind in (PERSON, COUNTRY, ORGANIZATION) and not m.possessive and m.form != ADJECTIVE}
                if len(actors) >= 2:
                    return True
            return self._actor_after(s, i + 1, 6) or any(
                ctx.lowers[j] in lex.fw.agent_preps and self._actor_after(s, j + 1, 3)
                for j in range(max(cl_a, i - 8), min(cl_b, i + 10)))
        return True

    def _joint(self, a: int, b: int) -> bool:
        """"Steinbrück und Wallner wollen gemeinsam die Gedenkstätte besuchen", "visited the school together":
        two named people doing something together meet, whatever they visit."""
        ctx = self.ctx
        if not any(ctx.lowers[k] in self.lex.fw.joint_words for k in range(a, b)):
            return False
        persons = {m.key for m in ctx.mentions_in(a, b) if m.kind == PERSON and not m.possessive and
                   m.form != ADJECTIVE}
        return len(persons) >= 2

    def _actor_after(self, s: Sentence, j: int, n: int, persons: bool = False) -> bool:
        for k in range(j, min(s.end, j + n)):
            m = self.ctx.mention_at(k)
            if m is not None and m.kind in ((PERSON,) if persons else (PERSON, COUNTRY, ORGANIZATION)) and \
                    not m.possessive and m.form != ADJECTIVE:
                return True
            if self.ctx.lowers[k] in self.lex.pronouns:
                return True
        return False

    def _determiner(self, s: Sentence, t: Trigger) -> None:
        lw = self.ctx.lowers
        lex = self.lex
        for j in range(t.i - 1, max(s.start, t.i - 4) - 1, -1):
            w = lw[j]
            t.det_word = w
            if w in lex.negative_determiners:
                t.negdet = True
                return
            if w in self.lex.fw.new_words:
                t.indefinite = True  # "weitere Gespräche", "another round"
                continue
            if w in lex.definite:
                t.definite = True
                return
            if w in lex.indefinite:
                t.indefinite = True
                return
            if w in ("'s", "’s"):
                t.definite = True  # "Friday's meetings", "Trump's meeting"
                return
            m = self.ctx.mention_at(j)
            if m is not None:
                if m.possessive:
                    t.definite = True  # "Trump's meeting", "Putins Treffen"
                    return
                continue
            if w in lex.prepositions and not t.indefinite:
                t.bare = True  # "durch Verhandlungen", "through negotiations"
                return
            if w.isalpha() and self.ctx.texts[j].islower():
                continue  # an adjective
            if w in ("-", "–") or "-" in w:
                continue
            return

    # ================================================================== per sentence
    def _sentence(self, s: Sentence) -> None:
        triggers = self._triggers(s)
        # "Parallel zu den Dreiergesprächen trafen sich ...", "on the sidelines of the summit": the
        # meeting named for its time is not reported here; the other one happens at its time and place
        refs = [t for t in triggers if t.ref]
        others = [t for t in triggers if not t.ref]
        ref_meet = None
        if refs and others:
            ref_meet = self._reference(s, refs[0])
            if ref_meet is not None:
                triggers = others
        cands = self._candidates(s, triggers) if triggers else []
        cands = [part for c in cands for part in self._one_call_each(c)]
        touched: list[Meet] = []
        for c in cands:
            if c.negated:
                continue
            if c.additive and c.location is None and c.date is None and self.meets:
                # "In Brüssel will sie mit X sprechen. Darüber hinaus wolle sie Y treffen.": the same stop
                last = max(self.meets, key=lambda m_: m_.last_sent)
                if c.sent - last.last_sent <= 1 and self._status_group(last.status) == self._status_group(c.status):
                    c.location, c.date = last.location, last.date
            if ref_meet is not None:
                # (not a planned meeting's place and day for one that took place: "Am Rande des Treffens kam X
                # mit Y zusammen" does not point to next month's round)
                same_time = self._status_group(ref_meet.status) == self._status_group(c.status)
                if c.date is None and ref_meet.date is not None and same_time:
                    c.date = ref_meet.date
                if c.location is None and ref_meet.location is not None and same_time:
                    c.location = ref_meet.location
                c.new = True
            m = self._merge(c)
            if m is not None:
                touched.append(m)
        self._attendance(s, touched, bool(triggers))
        if not triggers:
            self._topic_sentence(s)

    def _reference(self, s: Sentence, t: Trigger) -> Meet | None:
        """The meeting a reference like "während des Treffens" points to."""
        stem = t.word.lower()[:8]
        for m in sorted(self.meets, key=lambda m_: -m_.last_sent):
            if any(w.lower()[:8] == stem for w in m.words) and s.i - m.last_sent <= LINK_SENTENCES * 2:
                return m  # "parallel zu den Dreiergesprächen": the meeting called so before
        for m in sorted(self.meets, key=lambda m_: -m_.last_sent):
            if s.i - m.last_sent <= LINK_SENTENCES and FAMILY.get(m.kind) == FAMILY.get(t.kind):
                return m
        return None

    # ================================================================== candidates
    def _region(self, s: Sentence, tok: int) -> tuple[int, int, Frame | None]:
        """The stretch of the sentence a trigger speaks in: a reported clause, or the frame around it."""
        sp = self.speech
        lo, hi = s.start, s.end
        inside = None
        for f in sp.sent_frames.get(s.i, ()):
            for a, b in f.content:
                if a <= tok < b:
                    lo, hi, inside = max(lo, a), min(hi, b), f
        if inside is None:
            for f in sp.sent_frames.get(s.i, ()):
                for a, b in f.content:
                    if b <= tok:
                        lo = max(lo, b)
                    elif a > tok:
                        hi = min(hi, a)
            cont = sp.cont_frame.get(s.i)
            if cont is not None:
                inside = cont
        return lo, hi, inside

    def _ahead_end(self, start: int, hi: int) -> int:
        """WINDOW_AHEAD words after a trigger, not counting parenthesised asides: "X (Estland), Y (Lettland) und
        Z (Litauen) in Riga" reaches the place after a list of tagged names."""
        lw = self.ctx.lowers
        j, counted, depth = start, 0, 0
        while j < hi and counted < WINDOW_AHEAD:
            if lw[j] == "(":
                depth += 1
            elif lw[j] == ")" and depth:
                depth -= 1
            elif not depth:
                counted += 1
            j += 1
        return j

    def _phrase_at(self, j: int, phrases) -> tuple[str, ...] | None:
        """The word sequence of `phrases` that starts at token j, if any."""
        lw = self.ctx.lowers
        return next((p for p in phrases if tuple(lw[j:j + len(p)]) == p), None)

    def _back_start(self, s: Sentence, t: Trigger) -> int:
        """How far back a trigger's people, place and day may stand: WINDOW_BACK words, or in German the
        whole clause before a clause-final participle or infinitive ("Cassis hat am Rande … in Wien … X
        getroffen", "Zum Auftakt will X … in Abuja mit dem Präsidenten … (Ecowas), Y, zusammentreffen")."""
        if self.lex.grammar.verb_final and t.pos == "verb":
            cl_a, _ = self.ctx.clause_of(s, t.i)
            if any(self.ctx.lowers[j] in self.lex.auxiliaries for j in range(cl_a, t.i)):
                return min(t.i - WINDOW_BACK, max(cl_a, t.i - WINDOW_BACK_CLAUSE))
        return t.i - WINDOW_BACK

    def _clause_stop(self, s: Sentence, frm: int, hi: int) -> int:
        """Where the trigger's clause ends: a clause break, a dash, "and that", a new clause of time."""
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        breaks = set(ctx.clause_breaks(s))
        for j in range(frm, hi):
            if j in breaks or lw[j] in lex.topic_clause_starts:
                return j
            if lw[j] in lex.coordinators and j + 1 < hi and (lw[j + 1] in lex.content_openers or
                                                            lw[j + 1] in lex.subordinators):
                return j
            if lw[j] in lex.temporal_connectors:
                return j
        return hi

    def _candidates(self, s: Sentence, triggers: list[Trigger]) -> list[Cand]:
        ctx = self.ctx
        regions = [self._region(s, t.i) for t in triggers]
        all_dates = self.speech.dates_in(s)
        # "May 21": the month is not the modal; weekday and month words are not status cues
        self._date_tokens = {j for d in all_dates for j in range(d.start, d.end)
                             if self.lex.status_of.get(ctx.lowers[j]) in ("possible", "possible_adverb")}
        # "seit Freitag beraten", "talks since May": the start of what goes on (not "the first talks since 2022")
        dates = [d for d in all_dates if not d.deadline or (d.since and not any(
            ctx.lowers[j] in self.lex.first_words for j in range(ctx.clause_of(s, d.start)[0], d.start)))]
        # German perfect: "hat ... telefoniert", "habe ... getroffen" is past
        if self.lex.grammar.verb_final:
            for t in triggers:
                if t.pos == "verb" and t.tense not in ("past", "planned"):
                    cl_a, _ = ctx.clause_of(s, t.i)
                    if any(ctx.lowers[j] in self.lex.fw.perfect_aux for j in range(cl_a, t.i)):
                        t.tense = "past"
        # local place and date of each trigger, not reaching past its neighbours
        for k, t in enumerate(triggers):
            lo, hi, _ = regions[k]
            prev_end = triggers[k - 1].end if k > 0 and regions[k - 1][:2] == (lo, hi) else lo
            next_start = triggers[k + 1].i if k + 1 < len(triggers) and regions[k + 1][:2] == (lo, hi) else hi
            ahead = min(next_start, self._clause_stop(s, t.end, min(hi, t.end + 30)))
            t.loc, t.loc_tok = self._location(s, t, max(lo, self._back_start(s, t)), ahead, prev_end, next_start)
            fwd = [d for d in dates if t.end <= d.start < ahead and d.start >= lo]
            back = [d for d in dates if max(prev_end, self._back_start(s, t), lo) <= d.start < t.i and
                    not any(ctx.lowers[j] in self.lex.temporal_connectors for j in range(d.end, t.i))]
            if fwd:
                t.date, t.date_tok = fwd[0], fwd[0].start
            elif back:
                t.date, t.date_tok = back[-1], back[-1].start
        # group triggers that do not name different places or dates
        groups: list[list[int]] = []
        for k, t in enumerate(triggers):
            if groups:
                g = groups[-1]
                u = triggers[g[-1]]
                same_region = regions[g[-1]][:2] == regions[k][:2]
                g_loc = next((triggers[x].loc for x in g if triggers[x].loc), None)
                g_date = next((triggers[x].date for x in g if triggers[x].date is not None), None)
                loc_clash = bool(g_loc and t.loc and not self._loc_compatible(g_loc, t.loc))
                date_clash = g_date is not None and t.date is not None and g_date.spec != t.date.spec
                if len(g) >= 6:
                    loc_clash = True  # no sentence reports one meeting with more words than this
                kind_clash = KIND_GROUP.get(u.kind, "meet") != KIND_GROUP.get(t.kind, "meet")
                # "held talks on Saturday, a day after the Americans sat down with ...": two events
                apart = any(ctx.lowers[j] in self.lex.temporal_connectors for j in range(u.end, t.i))
                if same_region and not loc_clash and not date_clash and not kind_clash and not apart and \
                        t.i - u.end <= 25:
                    g.append(k)
                    continue
            groups.append([k])
        cands: list[Cand] = []
        semis = [j for j in range(s.start, s.end) if ctx.lowers[j] == ";" and not ctx.in_quote[j]]
        for gi, g in enumerate(groups):
            ts = [triggers[x] for x in g]
            lo, hi, frame = regions[g[0]]
            a = max(lo, self._back_start(s, ts[0]))
            b = self._ahead_end(ts[-1].end, hi)
            if gi > 0 and regions[groups[gi - 1][0]][:2] == (lo, hi):
                prev_t = triggers[groups[gi - 1][-1]]
                # two meetings split at a semicolon between them, else halfway
                semi = next((j for j in semis if prev_t.end <= j < ts[0].i), None)
                a = max(a, semi + 1 if semi is not None else (prev_t.end + ts[0].i) // 2 + 1)
            if gi + 1 < len(groups) and regions[groups[gi + 1][0]][:2] == (lo, hi):
                nxt = triggers[groups[gi + 1][0]]
                semi = next((j for j in semis if ts[-1].end <= j < nxt.i), None)
                b = min(b, semi if semi is not None else (ts[-1].end + nxt.i) // 2 + 1)
            else:
                b = self._leaders_end(s, ts[-1].end, b, hi)
            # "handed X a draft during talks in Kyiv": a meeting noun in a prepositional phrase belongs to
            # the clause around it, whose subject and object take part
            if ts[0].pos == "noun" and self._in_pp(s, ts[0]) and not (gi > 0 and regions[groups[gi - 1][0]][:2] == (lo, hi)):
                a = max(lo, ctx.hard_start(s, ts[0].i))
            c = Cand(sent=s.i, triggers=ts, lo=a, hi=b, frame=frame)
            nouns = [t for t in ts if t.pos == "noun"]
            c.kind = (nouns or ts)[0].kind  # "Besuch ... für Gespräche" is a visit
            c.location = next((t.loc for t in ts if t.loc), None)
            c.anaphoric = bool(nouns) and all((t.definite or t.anaphoric_only) for t in nouns) and \
                not any(t.pos == "verb" for t in ts)
            c.additive = any(t.pos == "verb" for t in ts) and \
                any(self._phrase_at(j, self.lex.additive_phrases) for j in range(a, min(b, ts[-1].end)))
            c.new = any(t.det_word in self.lex.fw.new_words for t in nouns) or c.additive
            if not nouns and any(t.kind == "reception" for t in ts) and any(
                    lw_ in self.lex.definite and self._delegation_word(lw2)
                    for lw_, lw2 in zip(ctx.lowers[ts[0].end:ts[0].end + 3], ctx.lowers[ts[0].end + 1:ts[0].end + 4])):
                c.anaphoric = True
            c.bare = bool(nouns) and all(t.bare for t in nouns) and not any(t.pos == "verb" for t in ts)
            c.duration, c.ends = self._duration(a, max(b, self._clause_stop(s, ts[-1].end, min(hi, ts[-1].end + 40))))
            c.continues = any(ctx.lowers[j] in self.lex.continue_words for j in range(a, b))
            if c.location is None:
                c.location = self._same_place(s, a, b)
            c.negated = self._negated(s, c)
            if c.negated:
                cands.append(c)
                continue
            c.cancelled = self._cancelled(s, c)
            status, explicit = self._status(s, c)
            dm = next((t.date for t in ts if t.date is not None), None)
            if dm is None:
                used = {t.date_tok for gg in groups for t in (triggers[x] for x in gg)}
                free = [d for d in dates if a <= d.start < b and d.start not in used]
                dm = free[0] if free else None
            if dm is None and self._opens_with_there(s):
                # "Am Donnerstag geht es weiter nach Warschau. Dort trifft er Tusk.": the sentence before dates it
                prev = [d for d in self.speech.dates_in(ctx.sents[s.i - 1]) if not d.deadline]
                dm = prev[-1] if prev else None
            if dm is not None and dm.since and status in ("planned", "expected", "possible"):
                dm = None  # "seit Montag ist ein Treffen geplant": when the plan began, not the meeting
            if dm is not None:
                orient = PAST if status == "held" or dm.since else (
                    FUTURE if status in ("planned", "expected", "possible") else AUTO)
                if status == "planned" and any(ctx.lowers[j] in self.lex.past_modals for j in range(a, b)):
                    orient = AUTO  # "Am Freitag sollte er in Paris ...": planned as seen before the article
                if not explicit:
                    # "X trifft am Donnerstag Y", "X meets Y on Thursday": a present-tense verb with a weekday
                    # tells what is coming
                    orient = PAST if any(t.tense == "past" for t in ts) else (
                        FUTURE if dm.spec[0] == "weekday" and any(t.tense == "present" for t in ts) else AUTO)
                c.date = resolve(dm.spec, ctx.pub, orient)
                if not explicit and c.date and ctx.pub is not None:
                    d0 = c.date[0]
                    today = ctx.pub.isoformat()
                    if len(d0) == 7 and d0 != today[:7]:
                        # "vereinbarten, sich im Mai erneut zu treffen" (in March): a month still to come
                        status, explicit = ("planned" if d0 > today[:7] else "held"), True
                    if len(d0) == 10:
                        if d0 > today:
                            status, explicit = "planned", True
                        elif d0 < today:
                            status, explicit = "held", True
                        else:
                            # the day of the article: reported as done unless the verb says it goes on
                            status = "ongoing" if any(t.tense == "present" for t in ts) else "held"
                            explicit = True
            if c.date is None and ctx.pub is not None and status in ("held", "ongoing"):
                # "met for a second day", "am zweiten Verhandlungstag": it began days before the article
                n = next((self.lex.day_ordinals[lw_] for lw_, nxt in zip(ctx.lowers[a:b], ctx.lowers[a + 1:b + 1])
                          if lw_ in self.lex.day_ordinals and nxt in self.lex.day_words), None)
                if n:
                    first = ctx.pub - dt.timedelta(days=n - 1)
                    c.date = (first.isoformat(), ctx.pub.isoformat(), "range")
            if self._durative(c) and c.date is None:
                c.negated = True
                cands.append(c)
                continue
            c.status, c.status_explicit = ("cancelled", True) if c.cancelled else (status, explicit)
            c.about, c.about_entities, topic_span = self._topic(s, c)
            if c.location and any(t.loc_tok >= 0 and topic_span[0] <= t.loc_tok < topic_span[1] for t in ts):
                c.location = None  # "es ging um die Lage in Syrien": what it was about, not where
            c.attendees = self._attendees(s, c, topic_span)
            self._traveller(s, c)
            if c.location is None and c.kind in ("visit", "reception"):
                c.location = self._host(s, c)
            if len(c.attendees) >= 2 and any(t.pos == "verb" for t in ts) and \
                    not any(ctx.mentions[mi].key in c.attendees for mi in s.mentions):
                self._from_before(s, c)
            if c.location is None and c.kind not in ("phone_call", "video_call") and any(t.after for t in ts):
                self._where_they_were(s, c)
            if c.location is None and FAMILY.get(c.kind) == "talk":
                self._same_stop(s, c)
            cands.append(c)
        return cands

    def _leaders_end(self, s: Sentence, frm: int, b: int, hi: int) -> int:
        """"talks in Istanbul, led on the Russian side by X and on the Ukrainian side by Y": the clause naming
        who led the talks belongs to them however long it runs."""
        lw = self.ctx.lowers
        for j in range(frm, b):
            if lw[j] in self.lex.leader_participles and j > s.start and lw[j - 1] == ",":
                return max(b, self._clause_stop(s, j + 1, hi))
        return b

    def _duration(self, a: int, b: int) -> tuple[int, bool]:
        """("zweitägigen", "two-day") -> days; and whether an end word ("endeten", "ended") stands near."""
        lw = self.ctx.lowers
        days, ends = 0, False
        for j in range(a, b):
            w = lw[j]
            if w in self.lex.end_cues:
                ends = True
            for stem, n in self.lex.durations.items():
                if w.startswith(stem):
                    days = max(days, n)
        return days, ends

    def _from_before(self, s: Sentence, c: Cand) -> None:
        """"Am Montag landete X in Paris. Im Élysée wartete Y. Zwei Stunden saßen die beiden zusammen.": a
        meeting whose people were all named in the sentences before takes its place and day from them."""
        ctx = self.ctx
        for t in (s.i - 1, s.i - 2, s.i - 3):
            if t < 0 or ctx.sents[t].para != s.para:
                break
            if c.location is None:
                places = [ctx.mentions[mi] for mi in ctx.sents[t].mentions
                          if ctx.mentions[mi].kind == PLACE and ctx.mentions[mi].form != ADJECTIVE]
                if places:
                    c.location = places[-1].key
            if c.date is None:
                ds = [d for d in self.speech.dates_in(ctx.sents[t]) if not d.deadline]
                if ds and ctx.pub is not None:
                    c.date = resolve(ds[-1].spec, ctx.pub, PAST if c.status == "held" else AUTO)

    def _one_call_each(self, c: Cand) -> list[Cand]:
        """"führte Telefonate mit Juncker und Stoltenberg", "held calls with X and Y": one caller and several
        people after "mit"/"with" under a plural call noun are one call with each of them; so are the guests of
        separate audiences."""
        ctx, sp = self.ctx, self.speech
        plural = [t for t in c.triggers if ctx.token_text(t.i, t.end).lower() in self.lex.plural_calls]
        if c.negated:
            return [c]
        cl_a, cl_b = ctx.clause_of(ctx.sents[c.sent], c.triggers[0].i)
        separate = not plural and any(ctx.lowers[j] in self.lex.fw.separate_words
                                      for j in range(max(c.lo, cl_a), min(c.hi, cl_b)))
        if not plural and not separate:
            return [c]
        pos = {}
        for m in ctx.mentions_in(c.lo, c.hi):
            pos.setdefault(m.key, m.start)
        persons = [k for k in c.attendees if sp.kind(k) == PERSON and k in pos]
        if separate:
            # "Papst F. hat X und Y zu Privataudienzen empfangen", "met X and Y separately": the host with each
            host, *guests = sorted(persons, key=pos.get) or [None]
            if len(guests) < 2:
                return [c]
            return [replace(c, attendees=[host, k], named=set(c.named) & {host, k}) for k in guests]
        prep = next((j for j in range(plural[0].end, c.hi) if ctx.lowers[j] in self.lex.talk_preps), None)
        if prep is None:
            return [c]
        callers = [k for k in persons if pos[k] < prep]
        partners = [k for k in persons if pos[k] > prep]
        if len(callers) != 1 or len(partners) < 2:
            return [c]
        return [replace(c, attendees=callers + [k], named=set(c.named) & {callers[0], k}) for k in partners]

    def _traveller(self, s: Sentence, c: Cand) -> None:
        """"Baerbock reist nach Paris. Dort ist ein Treffen mit Le Drian geplant.": a meeting with one person,
        named after "mit"/"with", and nobody else in its clause is the meeting of the one person whose visit was
        told in the two sentences before."""
        ctx, sp = self.ctx, self.speech
        persons = [k for k in c.attendees if sp.kind(k) == PERSON]
        if len(persons) != 1 or any(sp.kind(k) == ORGANIZATION for k in c.attendees):
            return  # (a country beside the one person is theirs: "the president of Chile X")
        m = next((m for m in ctx.mentions_in(c.lo, c.hi) if m.key == persons[0]), None)
        if m is None or not any(ctx.lowers[j] in self.lex.talk_preps for j in range(max(c.lo, m.start - 6), m.start)):
            return
        for meet in reversed(self.meets):
            if s.i - meet.last_sent > TRAVELLER_SENTENCES:
                break
            people = [k for k in meet.attendees if sp.kind(k) == PERSON]
            # the visitor of a visit, or the host of a day of receptions ("receiving heads of state")
            if meet.kind in ("visit", "reception") and len(people) == 1 and people[0] != persons[0]:
                c.attendees.insert(0, people[0])
                c.named.add(people[0])
                return

    def _where_they_were(self, s: Sentence, c: Cand) -> None:
        """"…, sagte Steinmeier in Riad. Dies sei nötig, sagte Steinmeier nach einem Gespräch mit Y.": a meeting
        told after the fact, with no place of its own, took place where one of its people just spoke or was."""
        ctx, sp = self.ctx, self.speech
        people = {k for k in c.attendees if sp.kind(k) == PERSON}
        for t in (s.i - 1, s.i - 2):
            if t < 0:
                break
            ms = [ctx.mentions[mi] for mi in ctx.sents[t].mentions]
            if not any(m.key in people for m in ms):
                continue
            places = [m for m in ms if m.kind == PLACE and m.form != ADJECTIVE and self._after_location_prep(m.start)]
            if places:
                c.location = places[-1].key
                return

    def _same_stop(self, s: Sentence, c: Cand) -> None:
        """"Kovac held separate talks in Seoul. … Kovac also had a one-on-one meeting with Li.": a meeting with no
        place of its own, of a person whose meeting or visit with a place was told in the three sentences before
        (at the same time: held or planned alike, days that fit), took place there."""
        sp = self.speech
        people = {k for k in c.named if sp.kind(k) == PERSON}
        if len(people) < 2:
            return
        for m in sorted(self.meets, key=lambda m_: -m_.last_sent):
            if s.i - m.last_sent > 3:
                break
            if m.location and FAMILY.get(m.kind) == "talk" and people & set(m.attendees) and \
                    self._status_group(m.status) == self._status_group(c.status) and date_compatible(c.date, m.date):
                c.location = m.location
                return

    def _after_location_prep(self, i: int) -> bool:
        """"in Riad", "in Saudi-Arabiens Hauptstadt Riad": a location preposition up to three words before."""
        lw = self.ctx.lowers
        for j in range(i - 1, max(-1, i - 4), -1):
            if lw[j] in self.lex.location_preps:
                return True
            if not any(ch.isalpha() for ch in lw[j]):
                return False
        return False

    def _opens_with_there(self, s: Sentence) -> bool:
        """"Dort trifft er …", "There he met …": the sentence goes on from the one before (same paragraph)."""
        ctx = self.ctx
        return s.i > 0 and ctx.sents[s.i - 1].para == s.para and \
            any(len(seq) == 1 and ctx.lowers[s.first_word] == seq[0] for seq in self.lex.same_place)

    def _same_place(self, s: Sentence, a: int, b: int) -> str | None:
        """"in derselben Stadt", "there": the place named last (in this sentence, the one before it in the same
        paragraph, or for the last meeting)."""
        lw = self.ctx.lowers
        for j in range(a, b):
            for seq in self.lex.same_place:
                if tuple(lw[j:j + len(seq)]) == seq:
                    for mi in reversed(s.mentions):
                        m = self.ctx.mentions[mi]
                        if m.start < j and m.kind in (PLACE,) and m.form != ADJECTIVE:
                            return m.key
                        if m.start < j and m.kind == ORGANIZATION and m.start > s.start and \
                                lw[m.start - 1] in self.lex.location_preps and self._is_venue(m.key):
                            return m.key  # "hatte X im Kanzleramt empfangen und von dort aus …"
                    if s.i > 0 and self.ctx.sents[s.i - 1].para == s.para:
                        # "X kam nach Tromsø. Am Dienstag führte Y dort ein Gespräch mit ihm.": the sentence before
                        for mi in reversed(self.ctx.sents[s.i - 1].mentions):
                            m = self.ctx.mentions[mi]
                            if m.kind == PLACE and m.form != ADJECTIVE:
                                return m.key
                    last = max(self.meets, key=lambda m_: m_.last_sent) if self.meets else None
                    return last.location if last is not None else None
        return None

    def _host(self, s: Sentence, c: Cand) -> str | None:
        """"Moscow expected Witkoff and Kushner to visit", "Russland hoffe auf einen Besuch": the host."""
        ctx = self.ctx
        lo = c.lo if c.frame is None else self._region(s, c.triggers[0].i)[0]
        for m in ctx.mentions_in(lo, c.triggers[0].i):
            # a city ("Moscow expected ..."); a country host ("Russland hoffe auf einen Besuch") is too vague
            if m.kind == PLACE and m.form != ADJECTIVE and not m.possessive and \
                    not any(ctx.lowers[k] in self.lex.prepositions for k in range(max(lo, m.start - 2), m.start)):
                return m.key
            break
        return None

    # ------------------------------------------------------------------ location
    def _location(self, s: Sentence, t: Trigger, lo: int, hi: int, prev_end: int, next_start: int):
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        # "the Moscow talks", "Genfer Gespräche": a place right before the noun
        if t.pos == "noun":
            for j in range(t.i - 1, max(lo, t.i - 2) - 1, -1):
                m = ctx.mention_at(j)
                if m is not None and m.kind == PLACE and not m.possessive:
                    return m.key, m.start
                if m is None and not lw[j].isalpha():
                    break
        preps = lex.location_preps | lex.destination_preps
        if t.kind in ("phone_call", "video_call"):
            preps = lex.location_preps - lex.motion_preps  # "spoke by phone with X to thank Ankara": no destination

        def governed(j: int):
            """A place governed by the preposition at j ("in der Schweiz", "im US-Bundesstaat Florida"); a city's
            adjective when nothing else is named ("im Brüsseler Europa-Gebäude")."""
            city_adj = None
            for k in range(j + 1, min(hi, j + 7)):
                m = ctx.mention_at(k)
                if m is not None and m.start == k:
                    if m.kind in (PLACE, COUNTRY) and m.form != ADJECTIVE:
                        return None if self._continent(m.key) else m  # "die Lage in Europa": no venue
                    if m.form == ADJECTIVE:
                        if m.kind == PLACE and city_adj is None and k == j + 1:
                            city_adj = m
                        continue
                    return None
                if city_adj is not None and ctx.texts[k][:1].isupper():
                    return city_adj  # "im Brüsseler Europa-Gebäude": the building is in Brussels
                w = lw[k]
                if w in lex.articles or lex.is_place_type(w):
                    continue
                if w in lex.fw.place_type_links and k > j + 1 and lex.is_place_type(lw[k - 1]):
                    continue  # "in the port city of Odesa"
                # "in der saudischen Hauptstadt Riad", "in the Saudi capital Riyadh": an adjective before the type word
                if k + 1 < hi and ctx.texts[k].isalpha() and lex.is_place_type(lw[k + 1]):
                    continue
                # "im japanischen Osaka": an adjective right before the place
                nm = ctx.mention_at(k + 1) if k + 1 < hi else None
                if ctx.texts[k].isalpha() and ctx.texts[k].islower() and nm is not None and nm.start == k + 1 and \
                        nm.kind in (PLACE, COUNTRY) and nm.form != ADJECTIVE:
                    continue
                return None
            return None

        found = None
        if t.pos == "verb" and t.kind == "visit" and ctx.lowers[t.i] in lex.visit_objects:
            # "visited Oslo", "besuchte am 21. Dezember Istanbul", "hat Kiew besucht": the place visited
            for j in list(range(t.end, min(hi, next_start, t.end + 7))) + list(range(max(lo, t.i - 3), t.i)):
                m = ctx.mention_at(j)
                if m is not None and m.start == j and m.kind in (PLACE, COUNTRY) and m.form != ADJECTIVE and \
                        not m.possessive:
                    between = range(min(t.end, m.end), max(t.i, m.start))
                    if not any(lw[k] in lex.prepositions and lw[k] not in lex.location_preps and
                               lw[k] not in lex.fw.weekday_preps for k in between):
                        found = m
                        break
        after_comma = False
        for j in range(t.end, min(hi, next_start)):
            if found is not None:
                break
            after_comma = after_comma or lw[j] == ","
            if lw[j] in preps and not self._in_aside_phrase(j, t.end):
                m = governed(j)
                if m is not None:
                    found = m
                    break
            phrase = self._phrase_at(j, lex.location_phrases)
            if phrase is not None:
                m = governed(j + len(phrase) - 1)  # "am Rande von Anchorage"
                if m is not None:
                    found = m
                    break
            if lw[j] in (";",):
                break
            if j >= t.end and lw[j] in lex.cues_single and any(c.mode == "say" for c in lex.cues_single[lw[j]]):
                break  # "Officials familiar with the talks said the plan drafted in Geneva ...": reported, not where
        if found is None or (after_comma and lex.grammar.verb_second):
            # (German: "In Pristina kam er mit X zusammen, in Belgrad wurde ...": the fronted place is this
            # clause's; one after a comma belongs to the next)
            for j in range(t.i - 1, max(lo, prev_end) - 1, -1):
                if lw[j] == "," and lw[j + 1] not in lex.place_relatives and any(
                        lw[k] in lex.temporal_connectors or lw[k] in lex.subordinators
                        for k in range(j + 1, min(t.i, j + 3))):
                    break  # "Russia fired missiles at Kyiv, hours before the talks were due to begin": another clause
                phrase = self._phrase_at(j, lex.location_phrases)
                if (lw[j] in preps and not self._in_aside_phrase(j, lo)) or phrase is not None:
                    m = governed(j + len(phrase) - 1 if phrase else j)
                    if m is None and phrase is not None and lw[j] in preps:
                        m = governed(j)
                    if m is not None and m.end <= t.i:
                        found = m
                        break
        if found is None:
            return None, -1
        # the most specific place of a chain: "in Davos in der Schweiz" -> Davos
        best = found
        ms = ctx.mentions
        k = best.i - 1
        while k >= 0 and ms[k].start >= max(lo, best.start - 5):
            m = ms[k]
            if m.kind in (PLACE, COUNTRY) and m.form != ADJECTIVE and ctx.contains(best.key, m.key) and \
                    m.start >= lo:
                best = m
            k -= 1
        return best.key, best.start

    def _in_aside_phrase(self, j: int, lo: int, reach: int = CAUSE_REACH) -> bool:
        """"wegen des Vorfalls im Kosovo", "because of the fighting in Gaza", "über den Konflikt in der
        Ukraine", "the ambassador in Paris": a place inside the reason for something, the topic talked about
        or the title of someone posted there is not where the meeting was. A name right before the
        preposition ends the topic ("Gespräche über Syrien in Genf"), and a topic word before a date is the
        date's ("on Monday in Oslo")."""
        ctx, lw, lex = self.ctx, self.ctx.lowers, self.lex
        if j > lo and lw[j - 1].split("-")[-1] in lex.fw.posted_roles:
            return True  # "mit dem deutschen Botschafter in Paris": where he serves
        for k in range(j - 1, max(lo, j - reach) - 1, -1):
            if lw[k] in (",", ";") or ctx.in_quote[k]:
                return False
            if any(tuple(lw[k:k + len(p)]) == p for p in lex.fw.cause_phrases):
                return True
            m = ctx.mention_at(k)
            if m is not None and m.end == j and m.form != ADJECTIVE:
                return False
            if lw[k] in lex.topic_preps and k + 1 < j and self._common_topic(k + 1) and \
                    self._phrase_at(k, lex.location_phrases) is None:
                return True
        return False

    def _common_topic(self, j: int) -> bool:
        """The topic word at j starts a common noun phrase ("über den Konflikt"), not a date ("on Monday")
        or a name ("the forum on ASEAN 2017 in Phnom Penh": the place is the forum's)."""
        lw, lex = self.ctx.lowers, self.lex
        if lw[j] in lex.articles:
            j += 1
        return not (lw[j] in lex.dates.starters or lw[j][:1].isdigit() or self.ctx.mention_at(j) is not None)

    def _loc_compatible(self, a: str | None, b: str | None) -> bool:
        if not a or not b or a == b:
            return True
        return self.ctx.contains(a, b) or self.ctx.contains(b, a)

    # ------------------------------------------------------------------ status, negation
    def _status(self, s: Sentence, c: Cand) -> tuple[str, bool]:
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        # the trigger's own stretch between commas first, then the rest of its window except
        # side clauses (", opening what officials expect ...", ", who ...")
        seg_set: set[int] = set()
        for t in c.triggers:
            a = t.i
            while a > max(c.lo, t.i - 40):
                if lw[a - 1] == ",":
                    app = self._apposition_before(a - 1, max(c.lo, t.i - 40))
                    if app is None:
                        break
                    a = app  # "will sich mit dem Chef von Nordtel, Ola Brekke, treffen": past the apposition
                a -= 1
            b = t.end
            while b < min(c.hi, t.end + 40) and lw[b] != "," and not (
                    t.pos == "verb" and t.tense == "past" and lw[b] in lex.coordinators):
                b += 1  # "hatte X getroffen und danach angekündigt, …": the announcement is a clause of its own
            seg_set.update(range(a, b))
        near = {j for t in c.triggers for j in range(t.i - 6, t.end + 6)}
        seg = [j for j in sorted(seg_set) if j in near or lw[j] not in lex.status_near_only]
        found = self._status_words(seg)
        if any(t.after for t in c.triggers):
            return "held", True  # "nach einem mehrstündigen Treffen", "after the meeting"
        if not found - {"held"} and not any(t.tense for t in c.triggers):
            rest: list[int] = []
            skip = False
            for j in range(c.lo, c.hi):
                if lw[j] == ",":
                    nxt = lw[j + 1] if j + 1 < c.hi else ""
                    skip = nxt in lex.subordinators or lex.grammar.is_participle(nxt) or nxt in lex.fw.relative_pronouns
                    continue
                if not skip and (j in near or lw[j] not in lex.status_near_only):
                    rest.append(j)
            found |= self._status_words(rest)
        if c.frame is not None and c.frame.cue is not None and not found & {"possible", "expected", "planned"}:
            # "kündigte an, am Montag nach Washington zu reisen", "urged Putin to meet": not yet happened
            kind = c.frame.claim_type
            if kind in ("announcement", "demand"):
                found.add("planned")
            elif kind == "hope":
                found.add("possible")
        if c.frame is not None and "possible" not in found:
            # "schloss nicht aus, ... zu reisen", "hopes to visit": the frame says how likely it is
            t0 = c.triggers[0].i
            outside = [j for j in range(max(s.start, t0 - 60), min(s.end, t0 + 60)) if not c.frame.contains(j)]
            frame_found = self._status_words(outside)
            if "possible" in frame_found:
                found.add("possible")
        for t in c.triggers:
            if t.tense == "past":
                found.add("held")
            elif t.tense == "planned":
                found.add("planned")  # "hat ... nach Paris eingeladen", "invited X to Paris": to come
        for cls in lex.status_order:
            if cls in found:
                return ("possible" if cls == "possible_adverb" else cls), True
        if any(t.tense == "present" for t in c.triggers):
            return "ongoing", False
        return "held", False

    def _in_topic_phrase(self, j: int) -> bool:
        """"talks on a possible prisoner exchange", "Gespräche über eine mögliche Waffenruhe": the word
        describes the topic, not the meeting."""
        lw, lex = self.ctx.lowers, self.lex
        k = j - 1
        if k >= 0 and (lw[k] in lex.articles or lw[k] in lex.indefinite):
            k -= 1
        return k >= 0 and k < j - 1 and lw[k] in lex.topic_preps

    def _apposition_before(self, comma: int, lo: int) -> int | None:
        """", Ola Brekke," closing at `comma`: the comma that opens it, if a short name stands between them."""
        ctx = self.ctx
        for p in range(comma - 1, max(lo, comma - 6) - 1, -1):
            if ctx.lowers[p] == ",":
                inner = ctx.mentions_in(p + 1, comma)
                return p if inner and all(m.start >= p + 1 and m.end <= comma for m in inner) and \
                    any(m.kind == PERSON for m in inner) else None
        return None

    def _status_words(self, toks) -> set[str]:
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        found: set[str] = set()
        for j in toks:
            if ctx.in_quote[j] or j in self._date_tokens:
                continue
            w = lw[j]
            cls = lex.status_of.get(w)
            if cls and not self._in_topic_phrase(j):
                found.add(cls)
            if w in lex.negation:
                for seq in lex.negation_exceptions:
                    n = len(seq)
                    if tuple(lw[j:j + n]) == seq and seq[-1] in lex.fw.ruling_out_words:
                        found.add("possible")
        return found

    def _negated(self, s: Sentence, c: Cand) -> bool:
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        if any(t.negdet for t in c.triggers):
            return True
        exceptions = lex.negation_exceptions

        def excepted(j: int) -> bool:
            for seq in exceptions:
                n = len(seq)
                for off in range(n):
                    if seq[off] == lw[j] and tuple(lw[j - off:j - off + n]) == seq:
                        return True
            return False

        seen_clauses: set[tuple[int, int]] = set()
        for t in c.triggers:
            cl_a, cl_b = ctx.clause_of(s, t.i)
            a, b = max(c.lo, cl_a), min(c.hi, cl_b)
            if (a, b) in seen_clauses:
                continue
            seen_clauses.add((a, b))
            negs = [j for j in range(a, b) if lw[j] in lex.negation and not ctx.in_quote[j] and not excepted(j)]
            if negs:
                if t.pos == "verb":
                    if lex.grammar.negation_after_verb or any(t.i - 5 <= j < t.i for j in negs):
                        return True
                if any(lw[j] in lex.negation_predicates for j in range(a, b)):
                    return True
        # "Rubio skipped a meeting of NATO ministers": he stayed away; no meeting of his
        return self._clause_has(s, c, lex.absence_single, lex.absence_particle)

    def _cancelled(self, s: Sentence, c: Cand) -> bool:
        """A cancel word in a trigger's clause ("musste ein Gespräch mit X absagen", "the talks were postponed"):
        the meeting is reported with status cancelled (it was arranged, and a user asks about it)."""
        return self._clause_has(s, c, self.lex.cancel_single, self.lex.cancel_particle)

    def _clause_has(self, s: Sentence, c: Cand, single: frozenset, particle_verbs: dict) -> bool:
        """One of the words, or a verb with its particle ("sagte … ab"), in the clause of one of c's triggers."""
        ctx = self.ctx
        lw = ctx.lowers
        for t in c.triggers:
            cl_a, cl_b = ctx.clause_of(s, t.i)
            a, b = max(c.lo, cl_a), min(c.hi, cl_b)
            for j in range(a, b):
                w = lw[j]
                if w in single:
                    return True
                if w in particle_verbs:
                    particle = particle_verbs[w]
                    if any(lw[k] == particle for k in range(j + 1, min(b + 2, s.end, j + 15))):
                        return True
        return False

    def _durative(self, c: Cand) -> bool:
        lw = self.ctx.lowers
        first = self.lex.durative_first
        for j in range(c.lo, c.hi):
            if lw[j] not in first:
                continue
            for seq in self.lex.durative:
                if tuple(lw[j:j + len(seq)]) == seq:
                    return True
        return False

    # ------------------------------------------------------------------ attendees
    def _attendees(self, s: Sentence, c: Cand, topic_span: tuple[int, int] = (0, 0)) -> list[str]:
        ctx, lex, sp = self.ctx, self.lex, self.speech
        out: list[str] = []
        # the window lies inside the reported clause when the trigger does: the speaker's own mention
        # is outside it. A pronoun there may still point back at the speaker, which is right
        # ("Selenskyj sagte, er habe Trump getroffen").
        excluded: set[str] = set()
        trig_pos = [t.i for t in c.triggers]
        has_person = False
        dateline_end = self._dateline_end.get(s.i, s.start)  # "NAIROBI, Kenya Aug 27 –": where it was filed
        for m in ctx.mentions_in(c.lo, c.hi):
            if ctx.in_quote[m.start] or m.key == c.location or topic_span[0] <= m.start < topic_span[1] or \
                    m.start < dateline_end or \
                    self._side_mention(s, m) or self._in_other_relative(s, m, trig_pos):
                continue
            if m.kind not in (PERSON, ORGANIZATION, COUNTRY):
                continue
            if m.kind == ORGANIZATION and (self._governed_by_location(s, m) or self._genitive(s, m)):
                continue  # "beim Weltwirtschaftsforum", "Sekretär des Sicherheitsrates"
            if m.form == ADJECTIVE:
                if m.kind != COUNTRY or not self._adjective_attends(s, m, trig_pos):
                    continue
            elif m.possessive:
                # "die Sicherheitsberater Deutschlands, Frankreichs und Großbritanniens": the countries they serve
                named_after = any((q := ctx.mention_at(k)) is not None and q.kind == PERSON
                                  for k in range(m.end, min(s.end, m.end + 3)))
                # ("der Außenministerin Kanadas, Mary Lowe": the person named represents the country)
                if m.kind == PERSON or named_after or not (m.start > s.start and (
                        self._role_or_delegation(ctx.lowers[m.start - 1]) or
                        (ctx.lowers[m.start - 1] in self.lex.fw.pair_joiners and m.start - 2 >= s.start and
                         ctx.mention_at(m.start - 2) is not None and ctx.mention_at(m.start - 2).possessive and
                         ctx.mention_at(m.start - 2).key in out))):
                    continue
            if m.kind == COUNTRY and m.form != ADJECTIVE and (
                    self._governed_by_location(s, m) or self._in_aside_phrase(m.start, s.start, TOPIC_REACH)):
                continue  # "in Polen", "über Fragen zu Europa und Georgien": a place, a topic
            key = m.key
            if m.form == PRONOUN:
                key = sp.resolve_pronoun(s.i, m.start) or m.key
            if key in excluded or key in out:
                continue
            if self._org_modifier(s, m):
                continue
            out.append(key)
            if m.form != PRONOUN:
                c.named.add(key)
            if sp.kind(key) == PERSON:
                has_person = True
        for key in self._role_subjects(s, c) + self._country_leaders(s, c):
            if key not in out and key not in excluded:
                out.append(key)
                has_person = True
        # pronouns the entity components did not mark ("Er habe mit X telefoniert", "ein Gespräch mit ihm")
        for j in range(c.lo, c.hi):
            w = ctx.lowers[j]
            if (w in lex.pronouns or w in lex.partner_pronouns) and ctx.mention_at(j) is None and not ctx.in_quote[j]:
                key = sp.resolve_pronoun(s.i, j) if w in lex.pronouns else sp.resolve_partner_pronoun(s.i, j)
                if key and key not in out and key not in excluded:
                    out.append(key)
                    has_person = True
        # "the two men", "die beiden": the two persons named in the sentence before
        lw = ctx.lowers
        firsts = self._plural_first
        for j in range(c.lo, c.hi):
            if lw[j] not in firsts:
                continue
            for seq in lex.plural_anaphors:
                hit = tuple(lw[j:j + len(seq)]) == seq
                if not hit and len(seq) == 3 and tuple(lw[j:j + 2]) == seq[:2] and j + 2 < c.hi:
                    # "the two ministers", "die beiden Außenminister": any person noun after the numeral
                    nxt = lw[j + 2]
                    hit = self._role_or_delegation(nxt) or self._role_or_delegation(nxt.rstrip("s")) or \
                        nxt in lex.fw.leader_nouns
                if not hit and len(seq) == 2 and tuple(lw[j:j + 2]) == seq and j + 2 <= c.hi:
                    # "der beiden": a pronoun-like use, no noun after it
                    hit = j + 2 >= s.end or not ctx.texts[j + 2][:1].isupper()
                if hit:
                    persons = self._pair_before(s, j)
                    if len(persons) >= 2:
                        for k in persons[:2]:
                            c.named.add(k)
                            if k not in out:
                                out.append(k)
                        has_person = True
        # "bat bei einem Empfang seinen Trierer Gast", "welcomed his guest": the visitor of the visit just told
        if any(lw[j] in lex.fw.guest_words for j in range(c.lo, c.hi)):
            visit = next((m for m in reversed(self.meets) if m.kind == "visit" and
                          s.i - m.last_sent <= LINK_SENTENCES), None)
            for k in (visit.attendees if visit else []):
                if sp.kind(k) == PERSON and k not in out and k not in excluded:
                    out.append(k)
                    c.named.add(k)
                    has_person = True
        # "the five leaders spoke by telephone with Trump": the meeting just before with that many persons
        for j in range(c.lo, c.hi - 1):
            n = lex.group_numerals.get(lw[j])
            if n is None or lw[j + 1] not in lex.group_nouns or j - 1 < s.start or lw[j - 1] not in lex.definite:
                continue
            for m in reversed(self.meets):
                persons = [k for k in m.attendees if sp.kind(k) == PERSON]
                if s.i - m.last_sent <= LINK_SENTENCES and len(persons) == n:
                    for k in persons:
                        c.named.add(k)
                        if k not in out:
                            out.append(k)
                    has_person = True
                    break
            break
        # "schloss nicht aus, in die USA zu reisen", "promised to visit Kyiv": the speaker is the one who goes
        if c.frame is not None and c.frame.speakers and c.frame in sp.sent_frames.get(s.i, ()):
            for t in c.triggers:
                content_start = next((a for a, b in c.frame.content if a <= t.i < b), c.lo)
                others = [m for m in ctx.mentions_in(content_start, t.i) if m.kind == PERSON]
                if t.pos == "verb" and t.i - 1 >= c.lo and ctx.lowers[t.i - 1] in self.lex.fw.infinitive_markers and not others:
                    for k in c.frame.speakers:
                        if sp.kind(k) == PERSON and k not in out:
                            out.append(k)
                            c.named.add(k)
                            has_person = True
                    break
        if not has_person:
            # the sentence's subject shares the trigger ("Zelensky ... said during a visit to Ireland")
            region_lo = self._region(s, c.triggers[0].i)[0]
            for m in ctx.mentions_in(region_lo, c.triggers[0].i):
                if m.kind == PERSON and m.form not in (ADJECTIVE,) and not m.possessive and not ctx.in_quote[m.start]:
                    key = sp.resolve_pronoun(s.i, m.start) if m.form == PRONOUN else m.key
                    if key and key not in out and key not in excluded:
                        out.insert(0, key)
                        if m.form != PRONOUN:
                            c.named.add(key)
                    break
        for t in c.triggers:
            if (t.kind == "phone_call" or t.pos == "noun") and len([k for k in out if sp.kind(k) == PERSON]) == 1 and \
                    any(ctx.lowers[j] in lex.talk_preps for j in range(t.end, min(c.hi, t.end + 3))):
                # "Trump welcomed Zelensky, hours after a phone call with Putin": the sentence's subject called
                subj = sp.subject_of(s.i)
                semi = max((j for j in range(s.start, t.i) if ctx.lowers[j] == ";"), default=None)
                if semi is not None and not any(m.key == subj and m.start > semi for m in ctx.mentions_in(semi, t.i)):
                    subj = None  # the subject of another clause ("Peskov said …; then Putin proposed talks with Kyiv")
                reporting = {k for f in sp.sent_frames.get(s.i, ()) if f.contains(t.i) for k in f.speakers}
                if subj and sp.kind(subj) == PERSON and subj not in out and subj not in excluded and \
                        subj not in reporting:  # (not who reports on it: "Peskov said … talks with Ukraine")
                    out.insert(0, subj)
                    c.named.add(subj)
            if t.pos == "verb" and ctx.lowers[t.i] in lex.call_verbs:
                # "Trump left the room to call Putin": the caller is the clause's subject
                before = [m for m in ctx.mentions_in(s.start, t.i) if m.kind == PERSON and m.form != ADJECTIVE and
                          not m.possessive and not ctx.in_quote[m.start]]
                if before:
                    key = sp.resolve_pronoun(s.i, before[-1].start) if before[-1].form == PRONOUN else before[-1].key
                    if key and key not in out and key not in excluded:
                        out.insert(0, key)
                        c.named.add(key)
        if not any(sp.kind(k) == PERSON for k in out) and self.meets:
            # "The delegations agreed to meet again in Geneva on March 17", "Beide Seiten wollen sich erneut
            # treffen": the people of the meeting just before
            lw = ctx.lowers
            toks = range(c.lo, c.hi)
            again = any(lw[j] in lex.again_words for j in toks)
            sides = any((lw[j] in lex.definite or lw[j] in lex.side_determiners) and j + 1 < c.hi and
                        (self._delegation_word(lw[j + 1]) or lw[j + 1] in lex.side_nouns) for j in toks)
            if again and sides:
                last = max(self.meets, key=lambda m_: m_.last_sent)
                if s.i - last.last_sent <= LINK_SENTENCES:
                    for k in last.attendees:
                        if sp.kind(k) == PERSON and k not in out and k not in excluded:
                            out.append(k)
        return out

    def _role_subjects(self, s: Sentence, c: Cand) -> list[str]:
        """"Morgen trifft sich die Bundesaußenministerin mit …", "the minister will meet …": a definite role noun
        with no name after it, before the first trigger, stands for the person of that role named earlier."""
        ctx, sp = self.ctx, self.speech
        lw = ctx.lowers
        out = []
        for j in range(max(c.lo, s.start + 1), c.triggers[0].i + ROLE_SUBJECT_AFTER):
            if j >= c.hi or ctx.in_quote[j] or ctx.mention_at(j) is not None:
                continue
            article = self._article_before_role(s, j)
            if article is None:
                continue
            head = sp._role_head(lw[j])
            nxt = ctx.mention_at(j + 1) if j + 1 < s.end else None
            if head is None or (nxt is not None and nxt.kind == PERSON) or self._in_pp_at(s, article):
                continue  # "der Kanzler Olaf Scholz": the name is the mention; "mit dem Minister": a partner
            key = sp.resolve_role(s.i, head, j, ctx.texts[j])
            if key is not None and sp.kind(key) == PERSON:
                out.append(key)
        return out

    def _article_before_role(self, s: Sentence, j: int) -> int | None:
        """The definite article of the role noun at j, over up to ROLE_MODIFIERS modifiers: "der Minister",
        "der deutsche Außenminister", "the French foreign minister" (words that name no one, or a nation's
        adjective)."""
        ctx, lw = self.ctx, self.ctx.lowers
        k = j - 1
        while k >= s.start and j - k <= ROLE_MODIFIERS + 1:
            if lw[k] in self.lex.definite:
                return k
            m = ctx.mention_at(k)
            modifier = (m is not None and m.kind == COUNTRY and not m.possessive) or \
                (m is None and ctx.texts[k].isalpha() and lw[k] not in self.lex.prepositions)
            if not modifier:
                return None
            k -= 1
        return None

    def _country_leaders(self, s: Sentence, c: Cand) -> list[str]:
        """"The leaders of Japan and the United States … their talks": the persons the article names as head of
        state or government of those countries (by nationality and a leader's title)."""
        ctx, lex = self.ctx, self.lex
        countries: list[str] = []
        for j in range(s.start, c.hi):  # (from the sentence's start: "The leaders of X and Y said … their talks")
            phrase = self._phrase_at(j, lex.leader_phrases)
            if phrase is None:
                continue
            for m in ctx.mentions_in(j + len(phrase), min(c.hi, j + len(phrase) + LEADER_COUNTRIES_REACH)):
                if m.kind == COUNTRY and m.key not in countries:
                    countries.append(m.key)
        out = []
        for key in countries:
            for e in ctx.entities.values():
                if e.kind == PERSON and e.nationality == key and any(self._leader_title(t) for t in e.job_titles):
                    out.append(e.key)
        return out

    def _leader_title(self, title: str) -> bool:
        words = title.lower().replace("-", " ").split()
        text = " ".join(words)
        return any(f" {t} " in f" {text} " for t in self.lex.leader_titles) and \
            not any(w in self.lex.leader_title_exclusions for w in words)

    def _in_pp_at(self, s: Sentence, j: int) -> bool:
        """A preposition right before token j (an article's phrase): "mit dem Minister", "des Ministers"."""
        return j - 1 >= s.start and (self.ctx.lowers[j - 1] in self.lex.prepositions or
                                     self.ctx.lowers[j] in self.lex.fw.genitive_preps)

    def _pair_before(self, s: Sentence, j: int) -> list[str]:
        """The two persons "the two men" / "die beiden" point to: the last pair named together (X and Y)
        in this sentence or the two before, else the first two persons of the sentence before."""
        ctx, lw = self.ctx, self.ctx.lowers
        coord = self.lex.coordinators | self.lex.fw.list_joiners
        for t in (s.i, s.i - 1, s.i - 2, s.i - 3):
            if t < 0:
                break
            ms = [ctx.mentions[mi] for mi in ctx.sents[t].mentions]
            ms = [m for m in ms if m.kind == PERSON and m.form not in (ADJECTIVE, PRONOUN) and not m.possessive and
                  (t < s.i or m.end <= j)]
            for a, b in reversed(list(zip(ms, ms[1:]))):
                between = [lw[k] for k in range(a.end, b.start)]
                if a.key != b.key and between and all(w in coord for w in between):
                    return [a.key, b.key]
        persons = []
        for t in (s.i - 1, s.i - 2, s.i - 3):
            # the persons of the sentence before; more from the sentences before that if it names only one
            # ("Am Montag landete X in Paris. Dort wartete schon Y. Zwei Stunden saßen die beiden zusammen.")
            if t < 0 or (t < s.i - 1 and (not persons or ctx.sents[t].para != s.para)):
                break
            for mi in ctx.sents[t].mentions:
                m = ctx.mentions[mi]
                if m.kind == PERSON and m.form not in (ADJECTIVE, PRONOUN) and not m.possessive and m.key not in persons:
                    persons.append(m.key)
            if len(persons) >= 2:
                break
        return persons[:2]

    def _side_mention(self, s: Sentence, m) -> bool:
        """Named only to describe someone or something else: not a participant."""
        return m.i in self.speech.media_mentions or self._not_attending(s, m) or self._relation_of(s, m) or \
            self._party_tag(s, m) or self._place_description(s, m) or m.end <= self._dateline_end.get(s.i, -1)

    def _in_other_relative(self, s: Sentence, m, toks) -> bool:
        """In a side clause (", who ... ,") that the meeting words are not in?"""
        return any(a <= m.start < b and not any(a <= t < b for t in toks) for a, b in self._relatives(s))

    def _relatives(self, s: Sentence) -> list[tuple[int, int]]:
        return self.ctx.relative_spans(s)

    def _place_description(self, s: Sentence, m) -> bool:
        """"in der Hauptstadt der Vereinigten Arabischen Emirate", "the capital of Ukraine"."""
        if m.kind not in (PLACE, COUNTRY):
            return False  # "Secretary of State Marco Rubio" is a person
        lw = self.ctx.lowers
        j = m.start - 1
        while j > s.start and lw[j] in self.lex.articles:
            j -= 1
        if j > s.start and lw[j] in self.lex.fw.genitive_words and j - 1 >= s.start:
            j -= 1
            while j > s.start and lw[j] in self.lex.articles:
                j -= 1
        return j >= s.start and self.lex.is_place_type(lw[j])

    def _relation_of(self, s: Sentence, m) -> bool:
        """"der Schwiegersohn von US-Präsident Donald Trump": Trump is named to say who Kushner is."""
        ctx, lex = self.ctx, self.lex
        if m.kind != PERSON:
            return False
        j = m.start - 1
        while j > s.start and (ctx.lowers[j] in lex.articles or self._role_or_delegation(ctx.lowers[j]) or
                               (ctx.mention_at(j) is not None and ctx.mention_at(j).form == ADJECTIVE)):
            j -= 1
        if j <= s.start or ctx.lowers[j] not in self.lex.fw.from_preps:
            return False
        k = j - 1
        while k > s.start and ctx.lowers[k] in lex.articles:
            k -= 1
        w = ctx.lowers[k]
        return w in lex.relation_nouns or w.split("-")[-1] in lex.relation_nouns

    def _party_tag(self, s: Sentence, m) -> bool:
        """"Friedrich Merz (CDU)", "Urmas Kask (Estland)": the party or country in brackets is not a participant."""
        ctx = self.ctx
        if m.kind not in (ORGANIZATION, COUNTRY) or m.start - 2 < s.start or ctx.texts[m.start - 1] != "(":
            return False
        before = ctx.mention_at(m.start - 2)
        return before is not None and before.kind == PERSON

    def _not_attending(self, s: Sentence, m) -> bool:
        """"der Krieg mit Russland", "ein Dokument mit den USA": "mit/with" after a noun that is no meeting."""
        ctx, lex = self.ctx, self.lex
        j = m.start - 1
        while j >= s.start and ctx.lowers[j] in lex.articles:
            j -= 1
        if j <= s.start or ctx.lowers[j] not in self.lex.fw.with_preps:
            return False
        k = j - 1
        prev = ctx.lowers[k]
        if prev in lex.non_attendance_nouns:
            return True
        # German compounds: "Angriffskrieg mit", "Sicherheitsabkommen mit"
        if lex.grammar.closed_compounds and ctx.is_capitalised(k) and any(prev.endswith(n) for n in lex.non_attendance_nouns):
            return True
        return False

    def _adjective_attends(self, s: Sentence, m, trig_pos: list[int]) -> bool:
        """"ukrainische Delegation", "US-Unterhändler", "U.S.-Ukrainian talks": the country takes part."""
        ctx = self.ctx
        low = m.text.lower()
        if "-" in low and self._role_or_delegation(low.rsplit("-", 1)[1]):
            return True
        for j in range(m.end, min(s.end, m.end + 3)):
            if j in trig_pos or self._role_or_delegation(ctx.lowers[j]):
                return True
            mm = ctx.mention_at(j)
            if mm is not None and mm.form == ADJECTIVE:
                continue
            if not ctx.lowers[j].isalpha() and ctx.lowers[j] not in ("-",):
                break
        return False

    def _role_or_delegation(self, w: str) -> bool:
        lex = self.lex
        if w in lex.delegation_nouns or w.split("-")[-1] in lex.delegation_nouns:
            return True
        if w in lex.role_heads or w.split("-")[-1] in lex.role_heads:
            return True
        # German compounds: "Sicherheitsberater", "Spitzenpolitikern"
        if lex.grammar.closed_compounds and len(w) > 6:
            stem = w[:-1] if w.endswith("n") else w
            return any(stem.endswith(h) for h in lex.role_heads if len(h) > 4) or \
                any(stem.endswith(h) for h in lex.delegation_nouns if len(h) > 5)
        return False

    def _governed_by_location(self, s: Sentence, m) -> bool:
        lw = self.ctx.lowers
        for j in range(m.start - 1, max(s.start, m.start - 3) - 1, -1):
            if lw[j] in self.lex.location_preps or lw[j] in self.lex.destination_preps:
                return True
            if lw[j] in self.lex.articles:
                continue
            return False
        return False

    def _genitive(self, s: Sentence, m) -> bool:
        """"des Sicherheitsrates", "Chef der Parlamentsfraktion", "secretary of the Council"."""
        ctx = self.ctx
        j = m.start - 1
        fw = self.lex.fw
        if j >= s.start and ctx.lowers[j] in fw.genitive_skip_articles:
            j -= 1
        if j < s.start:
            return False
        w = ctx.lowers[j]
        if w in fw.genitive_preps:
            return True
        if w in fw.genitive_articles and j - 1 >= s.start and ctx.texts[j - 1][:1].isupper() and ctx.mention_at(j - 1) is None \
                and not self._sentence_initial(s, j - 1):
            return True
        return False

    def _org_modifier(self, s: Sentence, m) -> bool:
        """"Kremlin spokesman Dmitry Peskov", "United States President Donald Trump": the organisation or country
        only describes the person named after its role word."""
        if m.kind not in (ORGANIZATION, COUNTRY) or m.end >= s.end:
            return False
        w = self.ctx.lowers[m.end]
        if w not in self.lex.role_heads:
            return False
        return m.kind == ORGANIZATION or any(
            p.kind == PERSON for p in self.ctx.mentions_in(m.end + 1, min(s.end, m.end + 5)))

    # ------------------------------------------------------------------ topic
    def _topic(self, s: Sentence, c: Cand):
        """What a meeting is about: "Gespräche über X", "talks on X", German verb-final "über X beraten"."""
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        dates = {k for d in self.speech.dates_in(s) for k in range(d.start, d.end)}

        def topic_at(j: int):
            if lw[j] in lex.topic_preps and j + 1 < c.hi and j not in dates and j + 1 not in dates and \
                    not any(tuple(lw[j:j + len(q)]) == q for q in lex.reference_preps + lex.location_phrases) and \
                    not (not lex.grammar.nouns_capitalised and ctx.texts[j + 1][:1].isupper()):
                return self._phrase(s, j + 1, c.hi, dates)
            return None

        for t in c.triggers:
            for j in range(t.end, min(c.hi, t.end + 6)):
                if lw[j] in (",", ";", ".") or ctx.in_quote[j]:
                    break
                phrase = topic_at(j)
                if phrase:
                    return phrase
            if t.pos == "verb" and lex.grammar.verb_final:
                for j in range(t.i - 1, max(c.lo, t.i - 16) - 1, -1):
                    if lw[j] in (",", ";", ".") or ctx.in_quote[j]:
                        break
                    phrase = topic_at(j)
                    if phrase:
                        return phrase
        return [], [], (0, 0)

    def _phrase(self, s: Sentence, a: int, hi: int, dates: set[int]):
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        b = a
        while b < min(hi, a + 12):
            w = lw[b]
            if w in (",", ";", ".", ":", "!", "?") or w in lex.topic_stop or b in dates or ctx.in_quote[b]:
                break
            m = ctx.mention_at(b)
            if m is not None and m.kind == PLACE and b > a and lw[b - 1] in lex.location_preps and \
                    not (b - 2 >= a and ctx.texts[b - 2][:1].isupper() and lex.grammar.nouns_capitalised):
                b -= 1
                break
            b += 1
        if b <= a:
            return None
        text = ctx.token_text(a, b).strip(" ,")
        if not any(ch.isalpha() for ch in text):
            return None
        ents = []
        for m in ctx.mentions_in(a, b):
            if m.key not in ents:
                ents.append(m.key)
        return [text], ents, (a, b)

    def _topic_sentence(self, s: Sentence) -> None:
        """"Dabei soll es vor allem um Sicherheitsgarantien gehen": the topic of the meeting just reported."""
        ctx, lex = self.ctx, self.lex
        if not lex.topic_verbs or not self.meets:
            return
        lw = ctx.lowers
        toks = range(s.start, s.end)
        if not any(lw[j] in lex.topic_verbs for j in toks) or not any(lw[j] in lex.anaphoric_adverbs for j in toks):
            return
        m = self.meets[-1]
        if s.i - m.last_sent > 2:
            return
        dates = {d.start for d in self.speech.dates_in(s)}
        for j in toks:
            if lw[j] in lex.fw.topic_around_preps and not ctx.in_quote[j]:
                k = j + 1
                while k < s.end and any(tuple(lw[k:k + len(p)]) == p for p in lex.fw.focus_phrases):
                    k += 2
                ph = self._phrase(s, k, s.end, dates)
                if ph:
                    for x in ph[0]:
                        if x not in m.about:
                            m.about.append(x)
                    for x in ph[1]:
                        if x not in m.about_entities:
                            m.about_entities.append(x)
                    if s.i not in m.sents:
                        m.sents.append(s.i)
                return

    # ================================================================== merging
    def _status_group(self, status: str) -> str:
        return "past" if status == "held" else "cancelled" if status == "cancelled" else "nonpast"

    def _compatible(self, c: Cand, m: Meet) -> bool:
        if c.status_explicit and m.status_explicit and self._status_group(c.status) != self._status_group(m.status) \
                and not (c.anaphoric and c.continues):
            return False
        if not self._loc_compatible(c.location, m.location):
            return False
        if not date_compatible(c.date, m.date):
            return False
        if KIND_GROUP.get(c.kind, "meet") != KIND_GROUP.get(m.kind, "meet"):
            return False
        return not self._other_partners(c, m)

    def _other_partners(self, c: Cand, m: Meet) -> bool:
        """"ein Gespräch mit Stoltenberg", then "ein Treffen mit Rau": two one-on-one meetings that each name a
        person the other does not, the new one not pointing back ("the meeting"): the traveller meets another."""
        if c.anaphoric:
            return False
        sp = self.speech
        cp = {k for k in c.named if sp.kind(k) == PERSON}
        mp = {k for k in m.named if sp.kind(k) == PERSON}
        small = len([k for k in c.attendees if sp.kind(k) == PERSON]) <= 2 and \
            len([k for k in m.attendees if sp.kind(k) == PERSON]) <= 2  # one-on-one meetings of a trip
        return small and bool(cp - mp) and bool(mp - cp)

    def _linked(self, c: Cand, m: Meet) -> bool:
        if c.location and m.location:
            return True
        # a lead and the sentence right after it, one giving the place and the other the day
        if c.sent - m.last_sent <= 1 and FAMILY.get(c.kind) == FAMILY.get(m.kind) and \
                (not c.location or not m.location) and (not c.date or not m.date):
            return True
        if c.date and m.date and (c.date[0] == m.date[0]) and FAMILY.get(c.kind) == FAMILY.get(m.kind):
            return True
        persons = [k for k in c.attendees if self.speech.kind(k) == PERSON and k in m.attendees]
        if c.anaphoric and persons and any(k in c.named for k in persons) and \
                FAMILY.get(c.kind) == FAMILY.get(m.kind):
            return True
        return len(persons) >= 2

    def _merge(self, c: Cand) -> Meet | None:
        target = None
        underspecified = not c.location and not c.date
        named = [k for k in c.attendees if k in c.named]
        if underspecified and c.frame is not None and not named:
            return None  # "er halte die Friedensgespräche auf": a reference inside what someone said
        if underspecified and c.bare:
            return None  # "durch Verhandlungen", "through negotiations": talks in general
        if c.kind == "signing" and any(t.pos == "verb" for t in c.triggers) and self.meets:
            # "Frankreich und Großbritannien unterzeichneten am Dienstag eine Absichtserklärung" right after
            # the summit: signed there
            last = max(self.meets, key=lambda m_: m_.last_sent)
            if c.sent - last.last_sent <= 1 and last.created != c.sent and last.kind != "signing" and \
                    self._status_group(last.status) == self._status_group(c.status) and \
                    date_compatible(c.date, last.date):
                c.location = None
                return self._join(last, c)
        ref_only = all(t.ref for t in c.triggers)
        if c.new and not ref_only:
            return self._create(c)
        if underspecified and not c.attendees:
            # "weitere Gespräche": a reference, not a report
            if c.frame is not None or not c.anaphoric:
                return None
            m = max(self.meets, key=lambda m_: m_.last_sent) if self.meets else None
            if m is None or c.sent - m.last_sent > 3 or not self._compatible(c, m):
                return None
            return self._join(m, c)
        meets = [m for m in self.meets if m.created != c.sent]  # split apart in this sentence on purpose
        if c.anaphoric and (c.location or c.date):
            # "The Miami meetings", "die Beratungen am Sonntag": the one with that place or day
            for m in reversed(meets):
                if self._compatible(c, m) and ((c.location and m.location and
                                                self._loc_compatible(c.location, m.location)) or
                                               (c.date and m.date and date_compatible(c.date, m.date))):
                    target = m
                    break
        # ", who also handled the grain talks in Istanbul,": a side clause with its own place or day
        # tells of another meeting, not of the one reported nearby
        side = bool(c.location or c.date) and all(
            any(a <= t.i < b for a, b in self._relatives(self.ctx.sents[c.sent])) for t in c.triggers)
        if target is None and (c.anaphoric or underspecified) and not side:
            # the meeting of the sentence just before, if it fits ("Erwartet wird eine Reise nach Moskau.
            # ... hoffe auf einen baldigen Besuch der Unterhändler")
            last = max(meets, key=lambda m_: m_.last_sent) if meets else None
            if last is not None and c.sent - last.last_sent <= 1 and self._compatible(c, last) and \
                    (FAMILY.get(last.kind) == FAMILY.get(c.kind) or
                     (FAMILY.get(c.kind) == "visit" and FAMILY.get(last.kind) == "talk") or
                     (underspecified and not c.anaphoric)):
                target = last
        if target is None and underspecified and not c.anaphoric:
            return self._create(c)  # "a three-way meeting" said of some other time: a new one, if anything
        if target is None and (c.anaphoric or underspecified) and not side:
            # "der Verhandlungstag" points back to talks rather than to the summit mentioned since
            for same_family in (True, False):
                for m in reversed(meets):
                    if not self._compatible(c, m) or (same_family and FAMILY.get(m.kind) != FAMILY.get(c.kind)):
                        continue
                    if c.sent - m.last_sent <= ANAPHOR_SENTENCES or self._linked(c, m):
                        target = m
                        break
                if target is not None:
                    break
        elif not (c.anaphoric or underspecified):
            for m in reversed(meets):
                if self._compatible(c, m) and self._linked(c, m) and c.sent - m.last_sent <= LINK_SENTENCES and \
                        not self._other_pair(c, m):
                    target = m
                    break
        if target is None:
            # "am Rande des G20-Gipfels": named for its time; a meeting only if reported before
            return None if ref_only else self._create(c)
        return self._join(target, c)

    def _other_pair(self, c: Cand, m: Meet) -> bool:
        """"A received B in Riyadh. Earlier that day B met C in Riyadh.": each names someone the other does not,
        so they are two encounters, however alike their place and day."""
        persons = lambda keys: {k for k in keys if self.speech.kind(k) == PERSON}  # noqa: E731
        mine, theirs = persons(c.attendees), persons(m.attendees)
        return len(mine) >= 2 and len(theirs) >= 2 and bool(mine - theirs) and bool(theirs - mine)

    def _create(self, c: Cand) -> Meet:
        m = Meet(kind=c.kind, status=c.status, status_explicit=c.status_explicit, location=c.location,
                 date=c.date, attendees=list(c.attendees), about=list(c.about),
                 about_entities=list(c.about_entities), trigger=c.triggers[0].word, sents=[c.sent],
                 main=c.sent, main_score=c.score, last_sent=c.sent, created=c.sent, duration=c.duration,
                 ends=c.ends, named=set(c.named), words={t.word for t in c.triggers},
                 trigger_toks=[(c.sent, t.i) for t in c.triggers])
        self.meets.append(m)
        return m

    def _join(self, m: Meet, c: Cand) -> Meet:
        m.words.update(t.word for t in c.triggers)
        m.trigger_toks.extend((c.sent, t.i) for t in c.triggers)
        m.duration = max(m.duration, c.duration)
        m.ends = m.ends or c.ends
        m.named |= c.named
        if KIND_PRIORITY.index(c.kind) < KIND_PRIORITY.index(m.kind) and c.kind != "signing":
            m.kind = c.kind
        for k in c.attendees:
            if k not in m.attendees:
                m.attendees.append(k)
        if c.location and (not m.location or self.ctx.contains(m.location, c.location)):
            m.location = c.location
        if c.date and (not m.date or (more_precise(c.date, m.date) and m.date[2] != "range")):
            m.date = c.date
        for x in c.about:
            if x not in m.about:
                m.about.append(x)
        for x in c.about_entities:
            if x not in m.about_entities:
                m.about_entities.append(x)
        if c.sent not in m.sents:
            m.sents.append(c.sent)
        if c.score > m.main_score:
            m.main, m.main_score, m.trigger = c.sent, c.score, c.triggers[0].word
            if c.status_explicit:
                m.status, m.status_explicit = c.status, True
        elif not m.status_explicit and c.status_explicit:
            m.status, m.status_explicit = c.status, True
        m.last_sent = max(m.last_sent, c.sent)
        return m

    # ================================================================== attendance, delegations
    def _attendance(self, s: Sentence, touched: list[Meet], had_triggers: bool) -> None:
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        toks = [j for j in range(s.start, s.end) if not ctx.in_quote[j]]
        cue = None
        aw = lex.attendance_words
        for j in toks:
            w = lw[j]
            if w not in aw:
                continue
            if w in lex.attendance_single:
                cue = j
                break
            if w in lex.attendance_particle:
                p = lex.attendance_particle[w]
                if any(lw[k] == p for k in range(j + 1, min(s.end, j + 20))):
                    cue = j
                    break
            for seq in lex.attendance_seqs:
                if tuple(lw[j:j + len(seq)]) == seq:
                    cue = j
                    break
            if cue is not None:
                break
        delegation = False
        has_delegation_word = any(self._delegation_word(lw[j]) for j in toks)
        hi = s.end
        link = next((j + 1 for j in toks if j + 1 < s.end and lw[j + 1] in lex.delegation_links and
                     self._delegation_word(lw[j])), None) if cue is None and not had_triggers else None
        if link is not None:
            # "Die ukrainische Seite um X und Y stimmte dort ... zu": the side at the meeting just reported
            delegation, cue = True, link
            hi = ctx.clause_of(s, link)[1]
        elif cue is None and not had_triggers and any(lw[j] in lex.membership_cues for j in toks):
            # "Die Delegation wurde von X angeführt. Ihr gehörten außerdem Y und Z an."
            if has_delegation_word or s.i - self._delegation_sent <= 1:
                delegation = True
                cue = s.start
        if has_delegation_word:
            self._delegation_sent = s.i
        if cue is None:
            return
        cl_a, cl_b = ctx.clause_of(s, cue)
        if any(lw[j] in lex.negation for j in range(cl_a, cl_b) if not ctx.in_quote[j]):
            return
        if any(lw[j] in lex.normative_modals for j in toks):
            return  # "Europa müsse mit am Tisch sitzen": a demand, not who was there
        # who: the clause of the cue (after "that"/a comma-subordinator), or the whole list of a delegation
        lo = s.start
        if not delegation:
            for j in range(cue - 1, s.start - 1, -1):
                if lw[j] in lex.content_openers or (j in set(ctx.clause_breaks(s)) and lw[j] != ","):
                    lo = j + 1
                    break
                if lw[j] == "," and j + 1 < s.end and (lw[j + 1] in self.lex.fw.contrast_conjunctions or
                                                       lw[j + 1] in lex.subordinators):
                    lo = j + 1
                    break
        # who: the actors of the sentence (not the speaker reporting it, not "Trumps" in "Trumps Schwiegersohn")
        excluded: set[str] = set()
        who: list[str] = []
        rel = next(((a, b) for a, b in self._relatives(s) if a <= cue < b), None)
        if rel is not None and not delegation:
            ante = ctx.mention_at(rel[0] - 1)
            if ante is not None and ante.kind == PERSON and not ante.possessive:
                target = self._attendance_target(s, rel[0], span=rel)
                if target is not None:
                    target.named.add(ante.key)
                    if ante.key not in target.attendees:
                        target.attendees.append(ante.key)
                    if s.i not in target.sents:
                        target.sents.append(s.i)
                return
        for mi in s.mentions:
            m = ctx.mentions[mi]
            if m.start < lo or m.start >= hi or ctx.in_quote[m.start] or m.kind not in (PERSON, ORGANIZATION, COUNTRY):
                continue
            if m.form == ADJECTIVE and not (m.kind == COUNTRY and self._adjective_attends(s, m, [])):
                continue
            if m.possessive or self._org_modifier(s, m) or self._side_mention(s, m) or \
                    self._is_speaker_mention(s, m, cue) or self._in_other_relative(s, m, [cue]):
                continue
            if m.kind == ORGANIZATION and (delegation or self._governed_by_location(s, m) or self._genitive(s, m)):
                continue  # a delegation list names people (and their country), not their offices
            if m.kind == COUNTRY and m.form != ADJECTIVE and (
                    self._governed_by_location(s, m) or self._in_aside_phrase(m.start, s.start, TOPIC_REACH)):
                continue  # "in Polen", "über Fragen zu Europa und Georgien": a place, a topic
            key = self.speech.resolve_pronoun(s.i, m.start) if m.form == PRONOUN else m.key
            if key and key not in who and key not in excluded:
                who.append(key)
        if not who:
            return
        target = touched[-1] if touched else self._attendance_target(s, lo)
        if target is None:
            return
        for k in who:
            target.named.add(k)
            if k not in target.attendees:
                target.attendees.append(k)
        if s.i not in target.sents:
            target.sents.append(s.i)
        target.last_sent = max(target.last_sent, s.i)

    def _is_speaker_mention(self, s: Sentence, m, cue: int) -> bool:
        """Is m the speaker reporting (from outside) what the attendance cue says?"""
        for f in self.speech.sent_frames.get(s.i, ()):
            if m.key in f.speakers and not f.contains(m.start) and f.contains(cue):
                return True
        return False

    def _delegation_word(self, w: str) -> bool:
        got = self._delegation_memo.get(w)
        if got is None:
            got = self._delegation_memo[w] = self._is_delegation_word(w)
        return got

    def _is_delegation_word(self, w: str) -> bool:
        lex = self.lex
        return w in lex.delegation_nouns or w.split("-")[-1] in lex.delegation_nouns or \
            (lex.grammar.closed_compounds and w.endswith(lex.delegation_compound_heads))

    def _attendance_target(self, s: Sentence, lo: int, span: tuple[int, int] | None = None) -> Meet | None:
        ctx = self.ctx
        a, b = span if span else (s.start, s.end)
        # a place named in the sentence picks its meeting ("who would represent Washington in Abu Dhabi")
        ms = [ctx.mentions[mi] for mi in s.mentions if ctx.mentions[mi].kind == PLACE and a <= ctx.mentions[mi].start < b]
        governed = {m.key for m in ms if self._governed_by_location(s, m)}
        for places in (governed, {m.key for m in ms}):
            for m in reversed(self.meets):
                if m.location and m.location in places and s.i - m.last_sent <= LINK_SENTENCES * 2:
                    return m
        # the tense of the sentence: "sollen dabei sein" goes with a coming meeting, "nahmen teil" a past one
        words = {ctx.lowers[j] for j in range(a, b)}
        classes = {self.lex.status_of[w] for w in words if w in self.lex.status_of}
        if span and not classes and any(w.endswith(self.lex.fw.past_suffixes) or w in self.lex.fw.past_forms for w in words):
            classes = {"held"}  # "who also attended"
        want = "nonpast" if classes & {"planned", "expected", "possible"} else (
            "past" if "held" in classes else None)
        for tense in (want, None) if want else (None,):
            best = None
            for m in reversed(self.meets):
                if s.i - m.last_sent > LINK_SENTENCES:
                    continue
                if tense and self._status_group(m.status) != tense:
                    continue
                if m.kind in ("signing", "phone_call", "video_call") or m.status == "possible":
                    if best is None:
                        best = m
                    continue
                return m
            if best is not None:
                return best
        return None

    def _continent(self, key: str) -> bool:
        ent = self.ctx.entities.get(key)
        return ent is not None and "Continent" in ent.subtypes

    def _is_region(self, key: str) -> bool:
        ent = self.ctx.entities.get(key)
        return ent is not None and any(st in ("State", "AdministrativeArea") for st in ent.subtypes)

    def _dateline_head(self, s: Sentence, j: int) -> bool:
        """Tokens s.start..j are a dateline's head: a place first, then only places, punctuation, numbers
        (a date) and a news agency."""
        ctx = self.ctx
        first = ctx.mention_at(s.start)
        if first is None or first.kind not in (PLACE, COUNTRY):
            return False
        for k in range(s.start, j):
            m = ctx.mention_at(k)
            w = ctx.texts[k]
            if not (m is not None and m.kind in (PLACE, COUNTRY) or not any(ch.isalpha() for ch in w) or
                    ctx.lowers[k] in self.lex.fw.news_agencies):
                return False
        return True

    # ================================================================== records
    def _finalise(self) -> None:
        """What a whole article tells about each meeting: its lead, the dateline, a venue, its length."""
        ctx = self.ctx
        pub = ctx.pub
        first_para = min((ctx.sents[i].para for i in self._dateline_end), default=0)
        for m in self.meets:
            if (not m.location or not m.date) and ctx.sents[m.main].para <= first_para + 1:
                self._complete_from_lead(m)
            if not m.location and m.kind not in ("phone_call", "video_call"):
                # "X arrived in Kyiv on Wednesday. He is expected to meet Y on Thursday.": where X went
                # "… traf am 17.01. mit X zusammen. … X macht in Berlin Station": where the visitor is now
                before = [v for v in self.meets if v is not m and v.kind == "visit" and v.location and
                          (v.main == m.main - 1 and v.status in ("held", "ongoing") or
                           m.main < v.main <= m.main + 2 and v.status == "ongoing" and m.status == "held") and
                          ctx.sents[v.main].para == ctx.sents[m.main].para and set(v.attendees) & set(m.attendees)
                          and not (m.date and v.date and m.date[0] < v.date[0])]
                if before:
                    m.location = before[-1].location
            if not m.location and m.kind not in ("phone_call", "video_call"):
                self._continue_sequence(m)
            if (not m.location or not m.date) and self._reported_after(m):
                # "X sprach am Donnerstag in Doha von einer Chance. „…“, sagte er nach einem Treffen mit Y.":
                # the speaker's place and day in the sentence before
                self._complete_from_lead(m, (m.main - 1,))
            if not m.date and pub is not None and m.main in self._dateline_end and m.status in ("held", "ongoing"):
                # "KIEW (dpa) - ... hat Selenskyj eine Delegation empfangen.": wire copy's lead tells today's news
                m.date = (pub.isoformat(), None, "day")
            if not m.location and m.kind not in ("phone_call", "video_call") and m.status in ("held", "ongoing") \
                    and len(self.dateline_places) == 1:
                near = False
                if m.date and pub is not None and len(m.date[0]) == 10:
                    try:
                        near = abs((dt.date.fromisoformat(m.date[0]) - pub).days) <= 3
                    except ValueError:
                        near = False
                elif not m.date:
                    first_para = min((p for p in (ctx.sents[i].para for i in self._dateline_end)), default=0)
                    near = ctx.sents[m.main].para <= first_para + 1
                if near:
                    m.location = self.dateline_places[0]
            if not m.location or self.speech.kind(m.location) == COUNTRY:
                # (a building named at the trigger says more than a country told later: "talks with X in the
                # White House … Y is in the US at the invitation of his host")
                m.location = self._venue(m) or m.location
            if not m.location and m.kind not in ("phone_call", "video_call") and m.status in ("held", "ongoing"):
                self._same_round(m)
            if not m.location and m.kind not in ("phone_call", "video_call") and \
                    ctx.sents[m.main].para == ctx.sents[0].para:
                # "Bundesliga-Gipfel in Frankfurt" over "… haben sich DFB und DFL … getroffen": the lead's meeting
                m.location = self._headline_place()
            # "die zweitägigen Beratungen ... endeten am Samstag": from Friday to Saturday
            if m.duration > 1 and m.date and m.date[2] == "day":
                try:
                    d0 = dt.date.fromisoformat(m.date[0])
                except ValueError:
                    continue
                span = dt.timedelta(days=m.duration - 1)
                first, last = (d0 - span, d0) if m.ends else (d0, d0 + span)
                m.date = (first.isoformat(), last.isoformat(), "range")

    def _continue_sequence(self, m: Meet) -> None:
        """"Zum Auftakt trifft X in Abuja Y. Anschließend wird ihn Z begrüßen …", "Later he met Z": a meeting
        told as the next step of the one just before (by a sequence adverb first in its sentence) shares one of
        its people and takes its place, and its day when it has none."""
        ctx = self.ctx
        main = ctx.sents[m.main]
        if ctx.lowers[main.first_word] not in self.lex.fw.sequence_adverbs:
            return
        self._take_from_latest(m, [v for v in self.meets if v is not m and v.location and
                                   m.main - 2 <= v.main < m.main and v.kind not in ("phone_call", "video_call") and
                                   set(v.attendees) & set(m.attendees) and ctx.sents[v.main].para >= main.para - 1])

    def _headline_place(self) -> str | None:
        """The one city the headline names after a preposition of place ("Gipfel in Frankfurt") or as what is
        visited ("Delegation besucht die Partnerstadt Buckow"), when the body names it too."""
        title = self.ctx.doc._.ng_headline or ""
        preps = "|".join(re.escape(p) for p in sorted(self.lex.location_preps))
        visits = "|".join(re.escape(p) for p in sorted(self.lex.visit_objects)) or preps
        if not title or not preps:
            return None
        found = {e.key for e in self.ctx.entities.values() if e.kind == PLACE and not self._is_region(e.key) and
                 any(re.search(rf"\b(?:(?:{preps})|(?:{visits})(?:\s+\w+){{0,2}})\s+{re.escape(f)}\b", title,
                               re.IGNORECASE) for f in e.surface_forms())}
        return found.pop() if len(found) == 1 else None

    def _same_round(self, m: Meet) -> None:
        """"X met business leaders in Phnom Penh on May 12. … The Vietnamese leader also met with Y.": a held
        meeting told without a place, a few sentences after a held meeting of one of its people that has one,
        on the same day (or with no day of its own), is part of that round: its place, and its day."""
        persons = {k for k in m.attendees if self.speech.kind(k) == PERSON}
        self._take_from_latest(m, [v for v in self.meets if v is not m and v.location and
                                   v.main < m.main <= v.main + ROUND_SENTENCES and v.status in ("held", "ongoing")
                                   and v.kind not in ("phone_call", "video_call") and persons & set(v.attendees)
                                   and (not m.date or (v.date and v.date[0] == m.date[0]))])

    @staticmethod
    def _take_from_latest(m: Meet, before: list[Meet]) -> None:
        """m takes the place of the latest of `before`, and its day when m has none."""
        if before:
            prev = max(before, key=lambda v: v.main)
            m.location = prev.location
            if not m.date and prev.date:
                m.date = prev.date

    def _complete_from_lead(self, m: Meet, sents: tuple[int, ...] | None = None) -> None:
        """"Nach einem Treffen mit X zeigte sich Y zuversichtlich. „…“, sagte Y am Sonntag in Palm Beach.":
        the speaker's own place and day, in the next sentences of the lead (or the given ones), are the
        meeting's."""
        ctx, sp = self.ctx, self.speech
        main = ctx.sents[m.main]
        for t in sents or (m.main + 1, m.main + 2):
            if t < 0:
                break
            if t >= len(ctx.sents) or ctx.sents[t].para != main.para:
                break
            for f in sp.sent_frames.get(t, ()):
                if not any(k in m.attendees for k in f.speakers):
                    continue
                s = ctx.sents[t]
                outside = [j for j in range(s.start, s.end) if not f.contains(j) and not ctx.in_quote[j]]
                date_filled = False
                if not m.date:
                    for dm in sp.dates_in(s):
                        if dm.start in outside and not dm.deadline:
                            r = resolve(dm.spec, ctx.pub, PAST if m.status == "held" else AUTO)
                            if r:
                                m.date = r
                                date_filled = True
                                break
                filled = False
                if not m.location:
                    for j in outside:
                        if ctx.lowers[j] in self.lex.location_preps:
                            mm = next((ctx.mention_at(k) for k in range(j + 1, min(s.end, j + 4))
                                       if ctx.mention_at(k) is not None), None)
                            if mm is not None and mm.kind == PLACE and mm.form != ADJECTIVE:
                                m.location = mm.key
                                filled = True
                                break
                if (filled or date_filled) and t not in m.sents:
                    m.sents.append(t)
                return

    def _is_venue(self, key: str) -> bool:
        ent = self.ctx.entities.get(key)
        return ent is not None and any("Government" in st or "Building" in st or "Landmark" in st
                                       for st in ent.subtypes)

    def _named_by_building(self, key: str) -> bool:
        """"the Diplomatic Centre": a body named by its building (`venue_heads`) stands for where it is."""
        ent = self.ctx.entities.get(key)
        return ent is not None and ent.name.split()[-1].lower() in self.lex.fw.venue_heads

    def _reported_after(self, m: Meet) -> bool:
        """Named only as what came before a statement: "sagte er nach einem Treffen mit Y"."""
        lw = self.ctx.lowers
        return bool(m.trigger_toks) and all(
            any(lw[j] in self.lex.after_preps for j in range(max(self.ctx.sents[si].start, tok - 3), tok))
            for si, tok in m.trigger_toks)

    def _venue(self, m: Meet) -> str | None:
        """"at the Kremlin", "im Kanzleramt", "at the Diplomatic Centre": a government seat or a building named as
        where it took place."""
        ctx, lex = self.ctx, self.lex
        for si, tok in m.trigger_toks:
            s = ctx.sents[si]
            region = self._region(s, tok)
            for mm in ctx.mentions_in(max(s.start, region[0], tok - 8), min(s.end, region[1], tok + VENUE_REACH)):
                if mm.kind != ORGANIZATION or mm.form == ADJECTIVE:
                    continue
                if any(ctx.lowers[k] in self.lex.fw.when_words
                       for k in range(min(tok, mm.start), max(tok, mm.start))):
                    continue  # "... when speaking to reporters at the White House": another place and time
                if not (self._is_venue(mm.key) or self._named_by_building(mm.key)):
                    continue
                j = mm.start - 1
                while j > s.start and ctx.lowers[j] in lex.articles:
                    j -= 1
                if j >= s.start and ctx.lowers[j] in lex.location_preps and ctx.lowers[j] not in self.lex.fw.direction_preps:
                    return mm.key
        return None

    def _reporter(self, key: str) -> bool:
        ent = self.ctx.entities.get(key)
        return ent is not None and any(t in REPORTING_TYPES for t in ent.subtypes)

    def meetings(self) -> list[Meeting]:
        ctx = self.ctx
        self._finalise()
        out: list[Meeting] = []
        n = 0
        for m in self.meets:
            # "a U.S. official told Reuters", "a call ... published by Bloomberg": the press reports, it does not attend
            attendees = [k for k in m.attendees if not self._reporter(k)]
            if not m.location and len(attendees) < 2:
                continue
            # "a three-way meeting of U.S., Ukrainian and Russian negotiators": nobody named, nowhere, never
            if not m.location and not m.date and not any(self.speech.kind(k) == PERSON for k in m.named):
                continue
            # "Gaza negotiations between the U.S. and Egypt", with no place: no one to ask about it, nowhere to look
            if not m.location and not any(self.speech.kind(k) == PERSON for k in attendees):
                continue
            n += 1
            sents = [m.main] + sorted(x for x in set(m.sents) if x != m.main)
            ev = [ctx.sentence_span(x) for x in sents]
            date, end, prec = m.date if m.date else (None, None, None)
            out.append(Meeting(key=f"meeting-{n}", kind=m.kind, status=m.status, attendees=attendees,
                               location=m.location, date=date, end_date=end, date_precision=prec,
                               about=list(m.about), about_entities=list(m.about_entities), trigger=m.trigger,
                               evidence=ev))
        return out
