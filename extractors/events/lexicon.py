"""Word lists for meetings, statuses, dates and reported speech, loaded from `data/`.

Everything language-specific lives in `data/<lang>.yaml` and `data/reporting_verbs.tsv`;
this module only turns those lists into lookup tables. Blank spaCy pipelines have no
lemmatizer, so the lists hold inflected forms (lowercase, as written).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import yaml

from ..grammar import grammar

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Cue:
    """One reporting word (or word sequence) and how it introduces what was said."""

    form: tuple[str, ...]
    claim_type: str
    cameo: str | None
    mode: str  # say | prep | need | object | complement | attrib_after | attrib_before | unnamed
    preps: tuple[str, ...] = ()
    particle: str | None = None
    konjunktiv: bool = False


def _words(items) -> frozenset[str]:
    return frozenset(str(x).lower() for x in (items or []))


def _word_map(items, lower_values: bool = False) -> dict[str, str]:
    """A mapping of a data file (word -> tense, kind, particle ...), its keys lowercase."""
    return {str(k).lower(): (str(v).lower() if lower_values else str(v)) for k, v in (items or {}).items()}


def _seqs(items) -> tuple[tuple[str, ...], ...]:
    out = []
    for x in items or []:
        if isinstance(x, str):
            out.append(tuple(x.lower().split()))
        else:
            out.append(tuple(str(w).lower() for w in x))
    return tuple(out)


class DateLexicon:
    def __init__(self, d: dict):
        self.months: dict[str, int] = {str(k).lower(): int(v) for k, v in (d.get("months") or {}).items()}
        self.weekdays: dict[str, int] = {str(k).lower(): int(v) for k, v in (d.get("weekdays") or {}).items()}
        self.weekday_suffixes = tuple(str(s).lower() for s in (d.get("weekday_suffixes") or [""]))
        self.relative_days: dict[str, int] = {str(k).lower(): int(v) for k, v in (d.get("relative_days") or {}).items()}
        self.not_tomorrow_after = _words(d.get("not_tomorrow_after"))
        self.ambiguous_relative = _words(d.get("ambiguous_relative"))
        self.week_words = _words(d.get("week_words"))
        self.weekend_words = _words(d.get("weekend_words"))
        self.future_markers = _words(d.get("future_markers"))
        self.past_markers = _words(d.get("past_markers"))
        self.this_markers = _words(d.get("this_markers"))
        self.month_parts: dict[str, str] = _word_map(d.get("month_parts"))
        self.month_preps = _words(d.get("month_preps"))
        self.day_preps = _words(d.get("day_preps"))
        self.range_connectors = _words(d.get("range_connectors"))
        self.ago_words = _words(d.get("ago_words"))
        self.units: dict[str, str] = _word_map(d.get("units"))
        self.numbers: dict[str, int] = {str(k).lower(): int(v) for k, v in (d.get("numbers") or {}).items()}
        self.year_words = _words(d.get("year_words"))
        self.deadline_preps = _words(d.get("deadline_preps"))
        self.since_preps = _words(d.get("since_preps"))
        self.day_parts = _words(d.get("day_parts"))
        self.day_part_preps = _words(d.get("day_part_preps"))
        # "Sonntagnachmittag", "Montagabend": a weekday with a time of day
        self.weekday_forms: dict[str, int] = {}
        for name, num in self.weekdays.items():
            for suf in self.weekday_suffixes:
                self.weekday_forms[name + suf] = num
        # words a date expression can start with (digits are checked apart): a cheap pre-filter
        self.starters = frozenset(self.months) | frozenset(self.weekday_forms) | frozenset(self.relative_days) | \
            self.week_words | self.weekend_words | self.future_markers | self.past_markers | self.this_markers | \
            frozenset(self.month_parts) | self.month_preps | self.ago_words | self.year_words | \
            frozenset(self.units) | self.day_preps | self.day_parts


@dataclass(frozen=True)
class FunctionWords:
    """Closed-class words the rules look for, named by what they do (`function_words` in data/<lang>.yaml).

    A language lists the words it has for each role; a role it lacks stays empty, and a name the dataclass
    does not declare is an error at load. Rules read `lex.fw.perfect_aux`, never a word in Python."""

    perfect_aux: frozenset = frozenset()  # "hat … getroffen": the perfect's auxiliary makes a clause-final verb past
    new_words: frozenset = frozenset()  # "eine weitere Runde", "another round": a new meeting, not one told before
    news_agencies: frozenset = frozenset()  # "(dpa)", "Reuters": a dateline's agency, not a place
    occasion_preps: frozenset = frozenset()  # "during the summit": a meeting noun inside an occasion phrase
    noun_modifiers: frozenset = frozenset()  # "phone call", "state visit": words that make the next word a noun
    verb_context_words: frozenset = frozenset()  # "to visit", "will meet": words that make the next word a verb
    agent_preps: frozenset = frozenset()  # "received by X": the passive's agent
    place_type_links: frozenset = frozenset()  # "the city of X"
    weekday_preps: frozenset = frozenset()  # "am Montag", "on Monday": a day, not a place's preposition
    relative_pronouns: frozenset = frozenset()  # ", die …": a relative clause after a comma
    ruling_out_words: frozenset = frozenset()  # "schloss … nicht aus", "did not rule out": a possible meeting
    pair_joiners: frozenset = frozenset()  # "X and Y": words joining two named sides
    leader_nouns: frozenset = frozenset()  # "the two leaders": people named by a group noun
    infinitive_markers: frozenset = frozenset()  # "to meet", "zu treffen"
    list_joiners: frozenset = frozenset()  # words that continue a list of attendees besides the coordinators
    genitive_words: frozenset = frozenset()  # "Chef des …", "head of …": a name in the genitive is no attendee
    from_preps: frozenset = frozenset()  # "von X", "of X": the relation a name stands in
    with_preps: frozenset = frozenset()  # "mit X", "with X"
    genitive_skip_articles: frozenset = frozenset()  # "of the Council": an article between the link and the name
    genitive_preps: frozenset = frozenset()  # "des", "of"
    genitive_articles: frozenset = frozenset()  # "der" after a noun: genitive only after a capitalised noun
    topic_around_preps: frozenset = frozenset()  # "Gespräche um …": what talks turned on
    focus_phrases: tuple = ()  # "um vor allem …": words skipped before the topic
    contrast_conjunctions: frozenset = frozenset()  # ", but …": a contrasting clause
    past_forms: frozenset = frozenset()  # "war", "nahm": a past finite verb
    past_suffixes: tuple = ()  # "attended": a past form by its ending
    when_words: frozenset = frozenset()  # ", when …", ", where …": a clause about time or place
    direction_preps: frozenset = frozenset()  # "to", "nach": where someone goes, not where they meet
    relative_adverbs: frozenset = frozenset()  # ", where he met …": a side clause about the frame's place or time
    relative_openers: frozenset = frozenset()  # ", who met X, said": a relative clause inside a subject
    place_relatives: frozenset = frozenset()  # ", where …" opening a relative clause as "who" does
    spokes_words: frozenset = frozenset()  # "spokesman": searched after a cue for the start of what was said
    clause_contrasts: frozenset = frozenset()  # ", but …", ", aber …": a new clause, not more of what was said
    time_clause_openers: frozenset = frozenset()  # "… when speaking to reporters": the frame's side clause
    attribution_adverbs: frozenset = frozenset()  # ", sagte X anschließend.": words that close an attribution
    as_attribution: frozenset = frozenset()  # "…, wie X sagte", "…, as X said": the main clause was said
    sequence_adverbs: frozenset = frozenset()  # "Anschließend …", "Later, …": the next step of what was just told
    cause_phrases: tuple = ()  # "wegen des Vorfalls im Kosovo", "because of": a place in a reason is not the venue
    posted_roles: frozenset = frozenset()  # "der Botschafter in Paris": a place in the title of one posted there
    object_relatives: frozenset = frozenset()  # "after which Downing Street said": a relative word after a preposition
    title_links: frozenset = frozenset()  # "Secretary of State Marco Rubio": a word inside a title, no preposition
    venue_heads: frozenset = frozenset()  # "at the Diplomatic Centre": a body named by its building is where
    guest_words: frozenset = frozenset()  # "bat bei einem Empfang seinen Gast": the visitor just told of
    separate_words: frozenset = frozenset()  # "empfing X und Y zu Privataudienzen": one meeting with each
    joint_words: frozenset = frozenset()  # "A und B besuchen gemeinsam …", "together": what two do together

    @classmethod
    def load(cls, section) -> "FunctionWords":
        values = {}
        for f in fields(cls):
            raw = section.get(f.name)
            if f.name in SEQUENCE_LISTS:
                values[f.name] = _seqs(raw)
            elif f.name in SUFFIX_LISTS:
                values[f.name] = tuple(str(x).lower() for x in raw or [])  # for str.endswith
            else:
                values[f.name] = _words(raw)
        return cls(**values)


SEQUENCE_LISTS = frozenset({"focus_phrases", "cause_phrases"})  # FunctionWords lists of word sequences
SUFFIX_LISTS = frozenset({"past_suffixes"})  # FunctionWords lists of word endings


class LexiconError(ValueError):
    """A language data file names a key that no rule reads (a misspelling would silently disable a rule)."""


class _Section(dict):
    """A section of a language data file that remembers which keys the loader read: after loading, any key it
    did not read is reported as an error, so that `additve_phrases:` fails at load instead of doing nothing."""

    def __init__(self, data, where: str):
        super().__init__(data or {})
        self.where = where
        self.read: set = set()

    def get(self, key, default=None):
        self.read.add(key)
        value = super().get(key, default)
        return _Section(value, f"{self.where}.{key}") if isinstance(value, dict) and key in SECTIONS else value

    def unknown(self) -> list[str]:
        return sorted(str(k) for k in set(self) - self.read)


# the sections whose keys are rule names (their own keys are checked); other mappings hold free data
SECTIONS = frozenset({"meetings", "speech", "dates", "attendance", "cancel", "function_words"})


def _check_read(*sections: "_Section") -> None:
    for sec in sections:
        bad = sec.unknown()
        if bad:
            raise LexiconError(f"{sec.where}: unknown key(s) {', '.join(bad)} (misspelt? no rule reads them)")


class Lexicon:
    def __init__(self, lang: str):
        self.lang = lang
        self.grammar = grammar(lang)
        raw = _Section(yaml.safe_load((DATA / f"{lang}.yaml").read_text("utf-8")), f"{lang}.yaml")
        m = raw.get("meetings") or _Section({}, "meetings")
        self.noun_kind: dict[str, str] = {}
        self.multi_nouns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind, forms in (m.get("nouns") or {}).items():
            for f in forms or []:
                words = tuple(str(f).lower().split())
                if len(words) == 1:
                    self.noun_kind[words[0]] = kind
                else:
                    self.multi_nouns.setdefault(words[0], []).append((words, kind))
        for lst in self.multi_nouns.values():
            lst.sort(key=lambda x: -len(x[0]))
        heads = sorted(_words(m.get("compound_heads")), key=len, reverse=True)
        # a compound's head: at least three letters of modifier before it ("Friedensgespräche")
        self.head_re = re.compile(r"^(.{3,}?)-?(" + "|".join(map(re.escape, heads)) + r")$") if heads else None
        self.compound_exclude = _words(m.get("compound_exclude"))
        self.anaphoric_nouns: dict[str, str] = {}
        for kind, forms in (m.get("anaphoric_nouns") or {}).items():
            for f in forms or []:
                self.anaphoric_nouns[str(f).lower()] = kind
        self.verb: dict[str, tuple[str, str]] = {}
        for kind, forms in (m.get("verbs") or {}).items():
            for f, tense in (forms or {}).items():
                self.verb[str(f).lower()] = (kind, str(tense))
        self.needs_destination = _words(m.get("needs_destination"))
        self.needs_actor = _words(m.get("needs_actor"))
        self.passive_not_meeting = _words(m.get("passive_not_meeting"))
        self.passive_auxiliaries = _words(m.get("passive_auxiliaries"))
        self.visit_objects = _words(m.get("visit_objects"))
        self.particle_verbs: dict[str, tuple[str, str]] = {}
        for kind, forms in (m.get("particle_verbs") or {}).items():
            for f, particle in (forms or {}).items():
                self.particle_verbs[str(f).lower()] = (kind, str(particle).lower())
        self.particle_verbs_past = _words(m.get("particle_verbs_past"))
        self.call_verbs: dict[str, str] = _word_map(m.get("call_verbs"))
        self.table_verbs: dict[str, str] = _word_map(m.get("table_verbs"))
        self.table_phrases = _seqs(m.get("table_phrases"))
        self.phone_verbs = _words(m.get("phone_verbs"))
        self.phone_markers = _words(m.get("phone_markers"))
        self.phone_verbs_past = _words(m.get("phone_verbs_past"))
        self.relation_nouns = _words(m.get("relation_nouns"))
        self.non_attendance_nouns = _words(m.get("non_attendance_nouns"))
        self.plural_anaphors = _seqs(m.get("plural_anaphors"))
        self.group_numerals: dict[str, int] = {str(k).lower(): int(v) for k, v in (m.get("group_numerals") or {}).items()}
        self.group_nouns = _words(m.get("group_nouns"))
        self.leader_phrases = _seqs(m.get("leader_phrases"))
        self.leader_titles = tuple(str(x).lower() for x in m.get("leader_titles") or [])
        self.leader_title_exclusions = _words(m.get("leader_title_exclusions"))
        self.again_words = _words(m.get("again_words"))
        self.side_determiners = _words(m.get("side_determiners"))
        self.side_nouns = _words(m.get("side_nouns"))
        self.motion_preps = _words(m.get("motion_preps"))
        self.place_relatives = _words(m.get("place_relatives"))
        self.day_ordinals: dict[str, int] = {str(k).lower(): int(v) for k, v in (m.get("day_ordinals") or {}).items()}
        self.day_words = _words(m.get("day_words"))
        self.definite = _words(m.get("definite"))
        self.indefinite = _words(m.get("indefinite"))
        self.anaphoric_adverbs = _words(m.get("anaphoric_adverbs"))
        self.location_preps = _words(m.get("location_preps"))
        self.location_phrases = _seqs(m.get("location_phrases"))
        self.destination_preps = _words(m.get("destination_preps"))
        self.origin_preps = _words(m.get("origin_preps"))
        self.topic_preps = _words(m.get("topic_preps"))
        self.topic_verbs = _words(m.get("topic_verbs"))
        self.topic_stop = _words(m.get("topic_stop"))
        self.addressees = _words(m.get("addressees"))
        self.media_addressee_words = _words(m.get("media_addressee_words"))
        self.addressee_modifiers = _words(m.get("addressee_modifiers"))
        self.place_type_words = _words(m.get("place_type_words"))
        self.place_type_heads = tuple(sorted(_words(m.get("place_type_heads")), key=len, reverse=True))
        self.delegation_nouns = _words(m.get("delegation_nouns"))
        self.delegation_compound_heads = tuple(sorted(_words(m.get("delegation_compound_heads"))))
        self.non_meeting_modifiers = _words(m.get("non_meeting_modifiers"))
        self.call_not_followed_by = _words(m.get("call_not_followed_by"))
        courtesy = m.get("courtesy_calls") or {}
        self.courtesy_verbs: dict[str, str] = _word_map(courtesy.get("verbs"))
        self.courtesy_particle = str(courtesy.get("particle") or "").lower()
        self.courtesy_blockers = _words(courtesy.get("not_followed_by"))
        self.membership_cues = _words(m.get("membership_cues"))
        self.delegation_links = _words(m.get("delegation_links"))
        self.leader_participles = _words(m.get("leader_participles"))
        att = m.get("attendance") or _Section({}, "attendance")
        self.attendance_single = _words(att.get("single"))
        self.attendance_particle = _word_map(att.get("particle"), lower_values=True)
        self.attendance_seqs = _seqs(att.get("sequences"))
        self.negation = _words(m.get("negation"))
        self.negative_determiners = _words(m.get("negative_determiners"))
        self.negation_predicates = _words(m.get("negation_predicates"))
        self.negation_exceptions = _seqs(m.get("negation_exceptions"))
        cancel = m.get("cancel") or _Section({}, "cancel")
        self.cancel_single = _words(cancel.get("single"))
        self.cancel_particle = _word_map(cancel.get("particle"), lower_values=True)
        self.absence_single = _words(cancel.get("absence"))
        self.absence_particle = _word_map(cancel.get("absence_particle"), lower_values=True)
        self.durative = _seqs(m.get("durative"))
        self.durations: dict[str, int] = {str(k).lower(): int(v) for k, v in (m.get("durations") or {}).items()}
        self.end_cues = _words(m.get("end_cues"))
        self.continue_words = _words(m.get("continue_words"))
        self.past_modals = _words(m.get("past_modals"))
        self.reference_preps = _seqs(m.get("reference_preps"))
        self.after_preps = _words(m.get("after_preps"))
        self.same_place = _seqs(m.get("same_place"))
        self.talk_verbs: dict[str, str] = _word_map(m.get("talk_verbs"))
        self.talk_preps = _words(m.get("talk_preps"))
        self.plural_calls = _words(m.get("plural_calls"))
        self.partner_nouns = _words(m.get("partner_nouns"))
        self.topic_clause_starts = _words(m.get("topic_clause_starts"))
        self.additive_phrases = _seqs(m.get("additive_phrases"))
        self.normative_modals = _words(m.get("normative_modals"))
        self.temporal_connectors = _words(m.get("temporal_connectors"))
        self.first_words = _words(m.get("first_words"))

        st = raw.get("status") or {}
        # strongest first; possible_adverb ("möglicherweise") ranks below a plan and counts as possible
        self.status_order = ("possible", "expected", "planned", "possible_adverb", "held", "ongoing")
        self.status_words: dict[str, frozenset[str]] = {k: _words(v) for k, v in st.items() if k != "near_only"}
        self.status_near_only = _words(st.get("near_only"))
        # word -> the strongest status class it signals
        self.status_of: dict[str, str] = {}
        for cls in reversed(self.status_order):
            for w in self.status_words.get(cls, ()):
                self.status_of[w] = cls

        sp = raw.get("speech") or _Section({}, "speech")
        self.pronouns = _words(sp.get("pronouns"))
        self.partner_pronouns = _words(sp.get("partner_pronouns"))
        self.possessive_pronouns = _words(sp.get("possessive_pronouns"))
        self.anaphoric_objects = _words(sp.get("anaphoric_objects"))
        self.contrast_openers = _words(sp.get("contrast_openers"))
        self.speaker_offices = _words(sp.get("speaker_offices"))
        self.pronoun_genders = _word_map(sp.get("pronoun_genders"))
        self.singular_pronoun_genders = _word_map(sp.get("singular_pronoun_genders"))
        self.plural_verb_forms = _words(sp.get("plural_verb_forms"))
        self.role_heads = _words(sp.get("role_heads"))
        self.role_heads_longest_first = tuple(sorted(self.role_heads, key=lambda h: (-len(h), h)))
        self.unnamed_heads = _words(sp.get("unnamed_heads"))
        self.office_words = _words(sp.get("office_words"))
        self.title_words = _words(sp.get("title_words"))
        self.guest_nouns = _words(sp.get("guest_nouns"))
        self.role_synonyms: dict[str, tuple[str, ...]] = {
            str(k).lower(): tuple(str(x).lower() for x in v) for k, v in (sp.get("role_synonyms") or {}).items()}
        self.quote_verbs = _words(sp.get("quote_verbs"))
        self.object_pronouns = _words(sp.get("object_pronouns"))
        self.konjunktiv = _words(sp.get("konjunktiv"))
        self.konjunktiv_two = _words(sp.get("konjunktiv_two"))
        self.skip_phrases = _seqs(sp.get("skip_phrases"))
        self.that = _words(sp.get("that"))
        self.subordinators = _words(sp.get("subordinators"))
        self.coordinators = _words(sp.get("coordinators"))
        self.prepositions = _words(sp.get("prepositions"))
        self.auxiliaries = _words(sp.get("auxiliaries"))
        self.articles = _words(sp.get("articles"))
        self.noun_markers = _words(sp.get("noun_markers"))
        self.object_preps = _words(sp.get("object_preps"))
        self.content_openers = _words(sp.get("content_openers"))
        self.phone_sense_cues = frozenset(_seqs(sp.get("phone_sense_cues")))
        self.cue_cancelling_particles = _words(sp.get("cue_cancelling_particles"))
        self.refusal_verbs = _words(sp.get("refusal_verbs"))
        self.negation_after_cue = _words(sp.get("negation_after_cue"))
        self.negated_particles = _words(sp.get("negated_particles"))
        self.rank_adjectives = _words(sp.get("rank_adjectives"))

        dates = raw.get("dates") or _Section({}, "dates")
        self.dates = DateLexicon(dates)
        fw = raw.get("function_words") or _Section({}, "function_words")
        self.fw = FunctionWords.load(fw)
        _check_read(raw, m, att, cancel, sp, dates, fw)

        self.cues_single: dict[str, list[Cue]] = {}
        self.cues_multi: dict[str, list[Cue]] = {}
        for line in (DATA / "reporting_verbs.tsv").read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 7 or cols[0] != lang:
                continue
            _, form, ctype, cameo, mode, particle, konj = cols[:7]
            preps: tuple[str, ...] = ()
            if ":" in mode:
                mode, arg = mode.split(":", 1)
                preps = tuple(p.strip().lower() for p in arg.split(",") if p.strip())
            cue = Cue(tuple(form.lower().split()), ctype, cameo if cameo not in ("", "-") else None, mode, preps,
                      None if particle in ("", "-") else particle.lower(), konj.strip() == "1")
            table = self.cues_single if len(cue.form) == 1 else self.cues_multi
            table.setdefault(cue.form[0], []).append(cue)
        for lst in self.cues_multi.values():
            lst.sort(key=lambda c: -len(c.form))

        # pre-filters: words that can start a meeting trigger / an attendance or delegation cue
        self.trigger_words = frozenset(self.noun_kind) | frozenset(self.multi_nouns) | \
            frozenset(self.anaphoric_nouns) | frozenset(self.verb) | frozenset(self.particle_verbs) | self.phone_verbs | frozenset(self.call_verbs) | frozenset(self.table_verbs) | \
            frozenset(self.talk_verbs) | frozenset(self.courtesy_verbs)
        self.attendance_words = self.attendance_single | frozenset(self.attendance_particle) | \
            frozenset(s[0] for s in self.attendance_seqs)
        self.durative_first = frozenset(s[0] for s in self.durative)

    # ------------------------------------------------------------------ helpers
    def is_place_type(self, lower: str) -> bool:
        """A word naming a kind of place: "capital", "US-Bundesstaat", and in German compounds by their head
        ("Hafenstadt", "Küstenmetropole")."""
        if lower in self.place_type_words or lower.split("-")[-1] in self.place_type_words:
            return True
        return any(lower.endswith(h) and len(lower) > len(h) + 2 for h in self.place_type_heads)

    def compound_head(self, lower: str) -> str | None:
        """The meeting noun heading a compound ("friedensgespräche" -> "gespräche"), if any."""
        if self.head_re is None or lower in self.compound_exclude:
            return None
        if "-" in lower:
            last = lower.rsplit("-", 1)[1]
            if last in self.noun_kind:
                return last
        m = self.head_re.match(lower)
        if m and m.group(2) in self.noun_kind:
            return m.group(2)
        return None


@lru_cache(maxsize=4)
def lexicon(lang: str) -> Lexicon:
    if lang not in LANGUAGES:
        lang = "en"
    return Lexicon(lang)
