"""Who said what: direct quotes and reported speech.

For every sentence: quotations with their attribution (before, inside or after the quote),
then reporting cues from `data/reporting_verbs.tsv` (sagte, warnte vor, warf ... vor, X zufolge,
according to X, accused X of ...). Each cue gets a speaker (the actor in subject position;
pronouns and role nouns resolved to the last speaker or subject), the reported clause, a
claim type and CAMEO code, targets and a date. German Konjunktiv sentences that carry
someone's speech on ("Der Dialog laufe.") extend that speaker's claim. A claim without
a speaker is never emitted.

`Speech` is also what the meeting finder asks about who speaks where, so a speaker is not
counted as attending the meeting they report on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import ADJECTIVE, COUNTRY, ORGANIZATION, PERSON, PLACE, PRONOUN, ROLE, Claim, Evidence
from .senses import courtesy_call
from .context import ACTOR_KINDS, HARD_BOUNDARY, MAX_PER_SENTENCE, QUOTE_MARKS, DocContext, Sentence
from .dates import PAST, find_dates, resolve
from .lexicon import Cue

PUNCT_TRIM = " \t\n,;:.–—-\"'„“”»«‚‘’"
MAX_CUE_WINDOW = 15
MAX_PARTICLE_DISTANCE = 30
AUX_REACH = 3  # words back from a reporting verb to its auxiliary ("has said")
AUX_REACH_VERB_FINAL = 12  # where the participle closes the clause ("hatte … vorgeworfen")
APPOSITION_WORDS = 6  # words of a role apposition between a named speaker and the body it names


@dataclass
class Cand:
    start: int
    end: int
    kind: str  # ment | pron | role | place | unnamed
    keys: list[str] = field(default_factory=list)
    in_pp: bool = False
    modifier: bool = False
    head: str = ""


@dataclass
class Frame:
    sent: int
    cue: Cue | None
    cue_tok: int
    cue_word: str
    speakers: list[str]
    content: list[tuple[int, int]]  # token ranges of what was said
    direct: bool
    claim_type: str
    cameo: str | None
    first_sent: int = -1
    last_sent: int = -1
    targets: list[str] = field(default_factory=list)
    date: str | None = None
    thin: bool = False
    text: str | None = None  # direct quotes: the quoted words
    extra_sents: list[int] = field(default_factory=list)
    extra_texts: list[str] = field(default_factory=list)
    extra_ranges: list[tuple[int, int]] = field(default_factory=list)
    pronoun_attrib: bool = False  # "ihren Worten nach": attributed through a pronoun
    konjunktiv_only: bool = False
    dropped: bool = False
    continues: "Frame | None" = None  # a Konjunktiv sentence carrying on this claim

    def contains(self, tok: int) -> bool:
        return any(a <= tok < b for a, b in self.content)


class Speech:
    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.lex = ctx.lex
        self.frames: list[Frame] = []
        self.sent_frames: dict[int, list[Frame]] = {}
        self.consumed: set[int] = set()
        self.unnamed_sents: set[int] = set()
        self.media_mentions: set[int] = set()
        self._prefixes: dict[str, str] | None = None
        self.cont_frame: dict[int, Frame] = {}  # sentence -> the claim it continues
        self._current: list[Frame] = []
        self._current_direct: list[Frame] = []
        self._subject: dict[int, str | None] = {}
        self._dates: dict[int, list] = {}
        self.quotes_ending: dict[int, list[int]] = {}
        for k, q in enumerate(ctx.quotes):
            if ctx.n:
                self.quotes_ending.setdefault(ctx.sent_of[max(q.start, min(q.end, ctx.n) - 1)], []).append(k)
        for s in ctx.sents:
            self._sentence(s)
        self._finish()

    # ================================================================== queries (also for meetings)
    def frame_containing(self, s: int, tok: int) -> Frame | None:
        for f in self.sent_frames.get(s, ()):
            if f.contains(tok):
                return f
        f = self.cont_frame.get(s)
        return f

    def dates_in(self, s: Sentence) -> list:
        got = self._dates.get(s.i)
        if got is None:
            got = find_dates(self.ctx.lowers, self.ctx.texts, s.start, s.end, self.lex)
            self._dates[s.i] = got
        return got

    def kind(self, key: str) -> str | None:
        e = self.ctx.entities.get(key)
        return e.kind if e is not None else None

    def subject_of(self, si: int, allow_possessive: bool = False) -> str | None:
        """The first person named in subject-like position in sentence si ("Selenskyjs Bilanz" too, if asked)."""
        if (si, allow_possessive) in self._subject:
            return self._subject[(si, allow_possessive)]
        ctx, lex = self.ctx, self.lex
        s = ctx.sents[si]
        out = None
        for mi in s.mentions:
            m = ctx.mentions[mi]
            if m.kind != PERSON or (m.possessive and not allow_possessive) or m.form == ADJECTIVE or \
                    ctx.in_quote[m.start]:
                continue
            if m.form == PRONOUN:
                continue
            if any(ctx.lowers[j] in lex.prepositions for j in range(max(s.start, m.start - 2), m.start)):
                continue
            out = m.key
            break
        self._subject[(si, allow_possessive)] = out
        return out

    def resolve_pronoun(self, si: int, tok: int, exclude: frozenset[str] = frozenset()) -> str | None:
        """er/sie/he/she: the speaker or subject of the sentences just before, of the pronoun's gender."""
        gender = self._pronoun_gender(tok)
        for k in self._antecedents(si, tok):
            if k in exclude:
                continue
            ent = self.ctx.entities.get(k) if gender else None
            if ent is None or ent.gender is None or ent.gender == gender:
                return k
        return None

    def resolve_partner_pronoun(self, si: int, tok: int) -> str | None:
        """ihn/ihm/him: as resolve_pronoun, but never a person its own clause names before it ("Anschließend wird
        ihn Präsident Y begrüßen und ein Gespräch mit ihm führen": the visitor, not Y)."""
        ctx = self.ctx
        clause_start = ctx.clause_of(ctx.sents[si], tok)[0]
        return self.resolve_pronoun(si, tok, frozenset(m.key for m in ctx.mentions_in(clause_start, tok)
                                                       if m.kind == PERSON))

    def _pronoun_gender(self, tok: int) -> str | None:
        """he/she/er; German "sie" is "she" only with a singular verb beside it ("sie nahm", "sagte sie")."""
        lex, lw, texts = self.lex, self.ctx.lowers, self.ctx.texts
        w = lw[tok]
        if w in lex.pronoun_genders:
            return lex.pronoun_genders[w]
        if w not in lex.singular_pronoun_genders:
            return None
        nxt = tok + 1 if tok + 1 < len(lw) and texts[tok + 1].isalpha() and texts[tok + 1].islower() else tok - 1
        verb = lw[nxt] if nxt >= 0 else ""
        if not verb.isalpha() or verb.endswith("en") or verb in lex.plural_verb_forms:
            return None
        return lex.singular_pronoun_genders[w]

    def _antecedents(self, si: int, tok: int):
        """Who a pronoun may stand for, most likely first."""
        ctx = self.ctx
        for f in self.sent_frames.get(si, ()):
            if f.contains(tok) and f.speakers and f.cue_tok < tok:
                # "X warf Y vor, er halte ...": the accused; "X sagte, er habe ...": the speaker
                targets = [k for k in f.targets if self.kind(k) == PERSON]
                if targets and f.claim_type in ("accusation", "criticism", "demand"):
                    yield targets[0]
                if self.kind(f.speakers[0]) == PERSON:
                    yield f.speakers[0]
        s = ctx.sents[si]
        # "Noch deutlicher wurde X: Der Kreml spiele auf Zeit, sagte er.": the person introduced before the colon
        colon = next((j for j in range(s.start, tok) if ctx.lowers[j] == ":" and not ctx.in_quote[j]), None)
        if colon is not None:
            named = [m for m in ctx.mentions_in(s.start, colon) if m.kind == PERSON and m.form not in
                     (ADJECTIVE, PRONOUN) and not m.possessive]
            if named:
                yield named[-1].key
        # "Witkoff reiste nach Berlin weiter, wo er Merz treffen will": opening a side clause, the sentence's
        # subject (not in ", he said": that is the speaker before)
        if tok - 1 > s.first_word and ctx.lowers[tok - 1] in self.lex.subordinators:
            subj = self.subject_of(si)
            if subj is not None and any(m.key == subj and m.start < tok for m in ctx.mentions_in(s.start, tok)):
                yield subj
        para = s.para
        for back in (1, 2, 3):
            t = si - back
            if t < 0 or ctx.sents[t].para < para - 1:
                break
            frames = list(self.sent_frames.get(t, ()))
            if t in self.cont_frame:
                frames.append(self.cont_frame[t])
            persons = [k for f in frames if not f.dropped for k in f.speakers if self.kind(k) == PERSON]
            yield from reversed(persons)
            if not persons:  # the subject of the sentences before, before their last-named person (centering)
                subj = self.subject_of(t)
                if subj:
                    yield subj
        for back in (1, 2):
            t = si - back
            if t < 0:
                break
            for mi in reversed(ctx.sents[t].mentions[-60:]):
                m = ctx.mentions[mi]
                if m.kind == PERSON and m.form != ADJECTIVE and not m.possessive:
                    yield m.key
        # earlier in the same sentence
        for mi in ctx.sents[si].mentions:
            m = ctx.mentions[mi]
            if m.start >= tok:
                break
            if m.kind == PERSON and m.form not in (ADJECTIVE, PRONOUN) and not m.possessive:
                yield m.key

    def resolve_role(self, si: int, head: str, at: int = -1, full: str = "") -> str | None:
        """"der Kanzler", "the minister": a person named before whose job title has that word; failing that,
        the person the sentence before was about."""
        ctx = self.ctx
        head = head.lower()
        heads = (head,) + self.lex.role_synonyms.get(head, ()) + \
            (self.lex.role_synonyms.get(full.split()[-1], ()) if full else ())
        # "der ukrainische Präsident": the country the role names
        nation = None
        if at >= 0:
            for k in range(max(ctx.sents[si].start, at - 3), at + 1):
                mm = ctx.mention_at(k)
                if mm is not None and mm.kind == COUNTRY:
                    nation = mm.key
        if nation is None and "-" in full:
            nation = self._country_named(full.split()[-1].split("-", 1)[0])
        best, best_score = None, 0
        speakers_before = {k for f in self.sent_frames.get(si - 1, ()) for k in f.speakers} if si > 0 else set()
        for back in range(0, 6):
            t = si - back
            if t < 0:
                break
            for mi in reversed(ctx.sents[t].mentions[-60:]):
                m = ctx.mentions[mi]
                if m.kind != PERSON or m.form == PRONOUN or (back == 0 and at >= 0 and m.start >= at):
                    continue
                e = ctx.entities.get(m.key)
                if e is None:
                    continue
                if nation and e.nationality and e.nationality != nation:
                    continue
                score = 0
                for title in e.job_titles:
                    tl = title.lower()
                    if full and (tl == full or tl.endswith(full.split(" ", 1)[-1]) and "-" in full and tl == full):
                        score = max(score, 4)
                    for h in heads:
                        if tl == h or tl.endswith(" " + h):
                            score = max(score, 3 if h == head else 2)
                        elif tl.endswith(h) or h in tl.split("-"):
                            score = max(score, 2 if not nation else 1)
                        elif h in tl:
                            score = max(score, 1)
                if nation and e.nationality == nation:
                    score += 1
                if back == 1 and not e.job_titles and m.key in speakers_before and ctx.sents[t].para == ctx.sents[si].para:
                    # "…," Zelensky said. "…, the president said.": the speaker just before, whose title the
                    # article never gave, before a titled person further back
                    score = max(score, 3)
                if score > best_score:
                    best, best_score = m.key, score
            if best_score >= 3:
                return best
        if best is not None:
            return best
        for back in (1, 2):
            t = si - back
            if t < 0:
                break
            persons = [k for f in self.sent_frames.get(t, ()) for k in f.speakers if self.kind(k) == PERSON and not (
                nation and getattr(ctx.entities.get(k), "nationality", None) not in (None, nation))]
            if persons:
                return persons[-1]
            subj = self.subject_of(t, allow_possessive=True)
            if subj is None and ctx.lowers[ctx.sents[t].first_word] in self.lex.pronouns:
                # "He is expected to meet X. "…," the retired general said."
                subj = self.resolve_pronoun(t, ctx.sents[t].first_word)
            if subj:
                ent = ctx.entities.get(subj)
                if not (nation and ent is not None and ent.nationality and ent.nationality != nation):
                    return subj
        return self._headline_person(si, nation)

    def _headline_person(self, si: int, nation: str | None) -> str | None:
        """A role noun in the lead with no one named before it ("Der deutsche Außenminister traf sich mit …" under
        the headline "Steinmeier zu Besuch in Warschau"): the one person the headline names, when the body names
        them too."""
        ctx = self.ctx
        words = set(re.findall(r"[^\W\d_][\w'’-]*", ctx.doc._.ng_headline or ""))
        if not words or not ctx.sents or ctx.sents[si].para != ctx.sents[0].para:
            return None
        named = [e.key for e in ctx.entities.values() if e.kind == PERSON and e.family_name in words and
                 not (nation and e.nationality and e.nationality != nation)]
        return named[0] if len(named) == 1 else None

    # ================================================================== per sentence
    def _sentence(self, s: Sentence) -> None:
        frames: list[Frame] = []
        self._current_direct = frames
        for qk in self.quotes_ending.get(s.i, ())[:MAX_PER_SENTENCE]:
            f = self._direct(qk)
            if f is not None:
                frames.append(f)
        cues = self._cues(s)
        indirect: list[Frame] = []
        self._current = indirect
        for (i, end, cue, part) in cues:
            if i in self.consumed:
                continue
            f = self._indirect(s, i, end, cue, part, cues)
            if f is not None:
                indirect.append(f)
        # "…," he said, urging allies to speed up shipments: the participle elaborates the same claim
        indirect = [f for f in indirect if not (
            self.lex.grammar.is_participle(f.cue_word.lower()) and
            any(g is not f and g.cue_tok < f.cue_tok and g.speakers == f.speakers for g in frames + indirect))]
        # a cue inside another cue's reported clause belongs to it ("sagte, Russland hoffe auf ...")
        kept: list[Frame] = []
        for f in indirect:
            host = next((g for g in indirect if g is not f and g.contains(f.cue_tok) and not f.contains(g.cue_tok)),
                        None)
            if host is not None:
                if host.claim_type == "statement" and f.claim_type != "statement" and f.cue is not None and \
                        host.content and f.cue_tok - host.content[0][0] <= 4:
                    host.claim_type, host.cameo = f.claim_type, f.cameo
                continue
            if any(g.speakers == f.speakers and g.content == f.content for g in kept):
                continue  # "said he was confident that ...": one claim, not one per cue
            kept.append(f)
        frames.extend(kept)
        if not frames and self.lex.quote_verbs:
            f = self._quoted(s)
            if f is not None:
                frames.append(f)
        # Konjunktiv speech carried on from the sentence before
        if self.lex.grammar.konjunktiv_speech and s.i not in self.unnamed_sents:
            prev = self._previous_claim(s)
            own = self.subject_of(s.i)
            if prev is not None and own is not None and own not in prev.speakers and \
                    not any(f.cue is not None for f in frames) and not self._has_konjunktiv(s, first_only=True):
                # "Selenskyj hätte sich ... gewünscht": another person's sentence, not the speaker's (but
                # "Budanow verfüge über die nötige Erfahrung" is still the speaker talking about Budanow)
                prev = None
            if prev is not None:
                if (not frames and self._has_konjunktiv(s)) or (frames and all(f.konjunktiv_only for f in frames)):
                    # "Der Dialog laufe.": the same speaker goes on; one continuous statement is one claim
                    self._extend(prev, s)
                    return
                # "Zur Delegation gehören ihren Worten nach ...": the same speaker goes on
                if frames and all(f.pronoun_attrib and f.speakers == prev.speakers for f in frames):
                    self._extend(prev, s)
                    return
        for f in frames:
            f.first_sent = f.first_sent if f.first_sent >= 0 else s.i
            f.last_sent = s.i
            self.frames.append(f)
            self.sent_frames.setdefault(s.i, []).append(f)

    def _quoted(self, s: Sentence) -> Frame | None:
        """"…, zitierte ihn die Agentur Interfax.", "Interfax zitierte X mit den Worten, …", "X wurde mit den
        Worten zitiert, …": who is quoted spoke, not who quotes."""
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        v = next((j for j in range(s.start, s.end) if lw[j] in lex.quote_verbs and not ctx.in_quote[j]), None)
        if v is None:
            return None
        persons = [m for m in ctx.mentions_in(s.start, s.end) if m.kind == PERSON and m.form not in (ADJECTIVE,)
                   and not m.possessive and not ctx.in_quote[m.start]]
        worten = next((j for j in range(s.start, s.end - 1) if lw[j] == "worten"), None)
        speaker, content = None, None
        if worten is not None:
            # "zitierte X mit den Worten, …" / "X wurde … mit den Worten zitiert, …"
            last = max(worten, v)
            if last + 1 < s.end and lw[last + 1] == ",":
                content = ctx.trim(last + 2, s.end)
            before = [m for m in persons if m.start < min(worten, v) or (v < worten and v < m.start < worten)]
            if before:
                speaker = before[-1].key if before[-1].form != PRONOUN else self.resolve_pronoun(s.i, before[-1].start)
        elif v - 1 > s.start and lw[v - 1] == "," and v + 1 < s.end and lw[v + 1] in lex.object_pronouns:
            # "…, zitierte ihn die Agentur": the pronoun object spoke, the sentence before the comma is what
            content = ctx.trim(ctx.hard_start(s, v - 1, quotes=False), v - 1)
            speaker = self.resolve_pronoun(s.i, v + 1)
        if speaker is None or content is None or content[0] >= content[1]:
            return None
        f = Frame(sent=s.i, cue=None, cue_tok=v, cue_word=ctx.texts[v], speakers=[speaker], content=[content],
                  direct=False, claim_type="statement", cameo="010", first_sent=s.i)
        f.date = self._date(s, [content], v)
        return f

    def _previous_claim(self, s: Sentence) -> Frame | None:
        if s.i == 0:
            return None
        for t in (s.i - 1, s.i - 2):
            if t < 0:
                break
            if self.ctx.sents[t].para < s.para - 1:
                break
            fs = [f for f in self.sent_frames.get(t, ()) if not f.dropped]
            if fs:
                return fs[-1]
            if t == s.i - 1 and self.ctx.sents[t].para != s.para:
                continue
            break
        return None

    def _has_konjunktiv(self, s: Sentence, first_only: bool = False) -> bool:
        """A Konjunktiv verb among the first words (first_only: Konjunktiv I, which only reports speech)."""
        ctx, lex = self.ctx, self.lex
        for j in range(s.start, min(s.end, s.start + 25)):
            if ctx.in_quote[j]:
                continue
            w = ctx.lowers[j]
            if w in lex.konjunktiv and not (first_only and w in lex.konjunktiv_two):
                return True
            if first_only:
                continue
            for c in lex.cues_single.get(w, ()):
                if c.konjunktiv:
                    return True
        return False

    def _continuation(self, prev: Frame, s: Sentence) -> Frame:
        ctx = self.ctx
        a, b = ctx.trim(s.start, s.end)
        f = Frame(sent=s.i, cue=None, cue_tok=s.start, cue_word="", speakers=list(prev.speakers), content=[(a, b)],
                  direct=False, claim_type="statement", cameo="010", first_sent=s.i, continues=prev)
        self.cont_frame[s.i] = f
        return f

    def _extend(self, f: Frame, s: Sentence) -> None:
        ctx = self.ctx
        if s.i not in f.extra_sents:
            f.extra_sents.append(s.i)
            f.extra_texts.append(ctx.token_text(s.start, s.end))
            f.extra_ranges.append((s.start, s.end))
        self.cont_frame[s.i] = f

    # ================================================================== cues
    def _cues(self, s: Sentence) -> list[tuple[int, int, Cue, int | None]]:
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        out = []
        i = s.start
        while i < s.end:
            if ctx.in_quote[i]:
                i += 1
                continue
            w = lw[i]
            hit = None
            for cue in lex.cues_multi.get(w, ()):
                n = len(cue.form)
                if i + n <= s.end and tuple(lw[i:i + n]) == cue.form:
                    hit = (i, i + n, cue)
                    break
            part = None
            if hit is None and w in lex.cues_single:
                # a form may have several readings told apart by their particle ("wies ... hin/zurück")
                entries = lex.cues_single[w]
                for cue in sorted(entries, key=lambda c_: c_.particle is None):
                    if cue.particle:
                        p = self._particle(s, i + 1, cue.particle)
                        if p is not None:
                            hit, part = (i, i + 1, cue), p
                            break
                    else:
                        hit = (i, i + 1, cue)
                        break
            if hit is None:
                i += 1
                continue
            a, b, cue = hit
            ok = True
            if cue.particle and part is None:
                part = self._particle(s, b, cue.particle)
                ok = part is not None
            # "did not say", "sagte nicht", "declined to say": nothing was said
            if ok and self._negated_cue(s, a, b, part):
                ok = False
            if ok and cue.mode == "so":
                ok = self._so_speaker(s, a) is not None
            # "begrüßte die Delegationen", "welcomed Zelensky": a reception, not a statement
            if ok and cue.cameo == "051" and self._people_follow(s, b):
                ok = False
            if ok and cue.mode == "say" and cue.preps:
                ok = any(lw[j] in cue.preps for j in range(b, min(s.end, b + 6)))  # "zeigte sich zuversichtlich, dass"
            if ok and cue.mode == "need":
                ok = any(lw[j] in cue.preps for j in range(b, min(s.end, b + 12)) if lw[j] != ",") and \
                    not any(lw[j] == "," for j in range(b, self._first(s, b, cue.preps)))
            if ok and cue.form in lex.phone_sense_cues:  # "called Putin on Tuesday": a phone call, not speech
                ok = not self._called_is_phone(s, b)
            if ok and b < s.end and lw[b] in lex.cue_cancelling_particles:  # "called off"
                ok = False
            if ok and courtesy_call(self.ctx, s, a):  # "called on President X": a visit, not a demand
                ok = False
            # "held phone calls with", "the calls": a cue word after an article or a phone word is a noun
            if ok and a > s.start and lw[a - 1] in lex.noun_markers:
                ok = False
            if ok:
                out.append((a, b, cue, part))
                if len(out) >= MAX_PER_SENTENCE:
                    break
            i = b
        return out

    def _so_speaker(self, s: Sentence, a: int):
        """", so Selenskyj." / ", so der Kreml am Montag.": the actor right after "so", at the end of the sentence."""
        ctx, lw = self.ctx, self.ctx.lowers
        if a - 1 < s.start or lw[a - 1] != ",":
            return None
        j = a + 1
        while j < s.end and lw[j] in self.lex.articles:
            j += 1
        m = ctx.mention_at(j)
        if m is None or m.kind not in ACTOR_KINDS or m.form in (ADJECTIVE, PRONOUN) or m.possessive:
            return None
        rest = [k for k in range(m.end, s.end) if ctx.word[k]]
        # (", so Blatter, der sich mit X einigte": a relative clause about the speaker may follow)
        relative = m.end + 1 < s.end and lw[m.end] == "," and lw[m.end + 1] in self.lex.fw.relative_pronouns
        return m if len(rest) <= 4 or relative else None

    def _people_follow(self, s: Sentence, b: int) -> bool:
        """"welcomed Zelensky", "begrüßte am Montag Präsident X", "welcomed the delegation": people are the
        object (over articles, lowercase words, a day and the person's titles)."""
        lw = self.ctx.lowers
        days = {j for d in self.dates_in(s) for j in range(d.start, d.end)}
        for k in range(b, min(s.end, b + 4 + len(days & set(range(b, b + 6))))):
            m = self.ctx.mention_at(k)
            if m is not None and m.kind == PERSON and m.form != ADJECTIVE:
                return not m.possessive  # "welcomed X's decision": what X did
            w = lw[k]
            if w in self.lex.articles or (self.ctx.texts[k].isalpha() and self.ctx.texts[k].islower()) or \
                    k in days or w in self.lex.title_words or self._role_head(w):
                continue
            stem = w[:-2] if w.endswith("en") else w.rstrip("s")
            return any(stem.endswith(d) or w.endswith(d) for d in self.lex.guest_nouns)
        return False

    def _negated_cue(self, s: Sentence, a: int, b: int, part: int | None) -> bool:
        lw = self.ctx.lowers
        neg = self.lex.negation
        before = [lw[j] for j in range(max(s.start, a - 2), a)]
        if any(w in neg for w in before) or any(w in self.lex.refusal_verbs
                                                 for w in [lw[j] for j in range(max(s.start, a - 3), a)]):
            return True
        # German: "sagte dazu nichts", "machte ... nicht": the negation right after the verb
        after = [lw[j] for j in range(b, min(s.end, b + 2))]
        if any(w in self.lex.negation_after_cue for w in after) and \
                not (part is not None and lw[part] in self.lex.negated_particles):
            return True
        return False

    def _first(self, s: Sentence, b: int, words) -> int:
        for j in range(b, min(s.end, b + 12)):
            if self.ctx.lowers[j] in words:
                return j
        return b

    def _particle(self, s: Sentence, b: int, particle: str) -> int | None:
        ctx = self.ctx
        for j in range(b, min(s.end, b + MAX_PARTICLE_DISTANCE)):
            w = ctx.lowers[j]
            if w == particle and not ctx.in_quote[j]:
                nxt = ctx.lowers[j + 1] if j + 1 < s.end else "."
                if nxt in (",", ".", ":", ";", "und", "–", "-", "!", "?", "\"", "“", "”") or j + 1 >= s.end or \
                        ctx.texts[j + 1][:1] in "„“\"»«":
                    return j
        return None

    def _called_is_phone(self, s: Sentence, b: int) -> bool:
        ctx = self.ctx
        m = ctx.mention_at(b) or (ctx.mention_at(b + 1) if b + 1 < s.end and ctx.lowers[b] == "the" else None)
        if m is None or m.kind not in (PERSON, COUNTRY):
            return False
        nxt = ctx.lowers[m.end] if m.end < s.end else "."
        return nxt in (".", ",", "on", "to", "and", "late", "earlier", "last", "after", "before", "from", "by", "in",
                       "yesterday", "today", "for", ";")

    # ================================================================== subjects
    def _candidates(self, s: Sentence, a: int, b: int) -> list[Cand]:
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        out: list[Cand] = []
        j = max(a, s.start)
        b = min(b, s.end)
        short_parens = ctx.short_parentheses(s)
        while j < b:
            if ctx.in_quote[j]:
                j += 1
                continue
            if lw[j] == "(" and j in short_parens:
                # "Friedrich Merz (70, CDU) sagte": the party in the aside is not the subject
                j += 1
                while j < b and lw[j] != ")":
                    j += 1
                continue
            # relative and participial clauses inside the subject: ", who met X in Y, said", ", speaking in
            # Kyiv before leaving to see X, said", ", flanked by X, said"
            if lw[j] == "," and j + 1 < b and (lw[j + 1] in self.lex.fw.relative_openers or
                                               self._participle_opens(j + 1, b)):
                k = j + 2
                while k < b and lw[k] != ",":
                    k += 1
                j = k + 1
                continue
            m = ctx.mention_at(j)
            if m is not None and m.start >= j:
                c = self._cand_from_mention(s, m, a)
                if c is not None and not (m.kind == ORGANIZATION and j - 1 >= a and
                                          lw[j - 1] in lex.media_addressee_words and lw[j - 1] not in lex.articles):
                    out.append(c)  # (not "sagte der Nachrichtenagentur Tass": who was told)
                j = max(m.end, j + 1)
                continue
            if m is not None:
                j = max(m.end, j + 1)
                continue
            w = lw[j]
            if w in lex.pronouns:
                out.append(Cand(j, j + 1, "pron"))
            elif w in lex.possessive_pronouns and j + 1 < b and lw[j + 1] in lex.speaker_offices:
                # ", his office said", "teilte sein Büro mit": the person's office speaks for them, the person
                # named before in the sentence (else whom the pronoun points to)
                gender = self._pronoun_gender(j)
                named = [m for m in ctx.mentions_in(s.start, j) if m.kind == PERSON and m.form not in
                         (ADJECTIVE, PRONOUN) and not ctx.in_quote[m.start] and
                         (gender is None or getattr(ctx.entities.get(m.key), "gender", None) in (None, gender))]
                out.append(Cand(j, j + 2, "ment", [named[-1].key]) if named else Cand(j, j + 2, "pron"))
                j += 2
                continue
            elif self._role_head(w) and self._definite_before(s, j, a):
                out.append(Cand(j, j + 1, "role", head=self._role_head(w)))
            elif self._spokes_org(s, j, b) is not None:
                org = self._spokes_org(s, j, b)
                out.append(Cand(j, org.end, "ment", [org.key]))
                j = org.end
                continue
            elif (w in lex.unnamed_heads or w.split("-")[-1] in lex.unnamed_heads) and self._unnamed(s, j):
                out.append(Cand(j, j + 1, "unnamed"))
            j += 1
        # a title right before a name ("CDU-Politiker Merz", "Kremlin spokesman Peskov") is not a subject;
        # before a name the entity components did not find ("Secretary of State Marco Rubio") it is nobody
        kept = []
        skip = -1
        for k, c in enumerate(out):
            if k == skip:
                continue
            if c.kind == "role":
                head_of = self._head_of(c, out[k + 1]) if k + 1 < len(out) else None
                if head_of is not None:  # "der Chef des Fußball-Weltverbandes": that body's head, named before
                    kept.append(Cand(c.start, out[k + 1].end, "ment", [head_of]))
                    skip = k + 1
                    continue
                if k + 1 < len(out) and out[k + 1].kind == "ment" and out[k + 1].start - c.end <= 1:
                    continue
                nxt = c.end
                while nxt < b and lw[nxt] in ("of", "state", "general"):
                    nxt += 1
                if nxt < b and ctx.texts[nxt][:1].isupper() and ctx.mention_at(nxt) is None and ctx.word[nxt] \
                        and not self._role_head(lw[nxt]):
                    c = Cand(c.start, c.end, "unnamed")
            kept.append(c)
        return kept

    def _head_of(self, role: Cand, nxt: Cand) -> str | None:
        """"der Chef des Verbandes X", "the head of X": the one person of the article who holds a title with the
        role's word and belongs to X (its affiliation or, for a country, nationality)."""
        ctx = self.ctx
        if nxt.kind != "ment" or nxt.start - role.end != 1 or ctx.lowers[role.end] not in self.lex.fw.genitive_words \
                or len(nxt.keys) != 1 or self.kind(nxt.keys[0]) not in (ORGANIZATION, COUNTRY):
            return None
        body = ctx.entities.get(nxt.keys[0])
        if body is None:
            return None
        names = {body.name, *body.alternate_names}
        found = [e for e in ctx.entities.values() if e.kind == PERSON and e.job_titles and (
            body.key in (e.affiliation, e.nationality) or any(n in t for n in names for t in e.job_titles))]
        if len(found) > 1:  # "Chef" is the "FIFA-Boss", not the "FIFA-Generalsekretär"
            same = {role.head, *self.lex.role_synonyms.get(role.head, ())}
            found = [e for e in found if any(t.lower().split("-")[-1].split()[-1] in same for t in e.job_titles)]
        return found[0].key if len(found) == 1 else None

    def _participle_opens(self, j: int, b: int) -> bool:
        """An English participle opening a side phrase closed by a comma before b ("speaking in Kyiv,")."""
        if not self.lex.grammar.participle_suffix:
            return False
        w, texts = self.ctx.lowers[j], self.ctx.texts
        if not (texts[j].isalpha() and texts[j].islower() and len(w) > 5 and
                (self.lex.grammar.is_participle(w) or (w.endswith("ed") and j + 1 < b and self.ctx.lowers[j + 1] == "by"))):
            return False
        return any(self.ctx.lowers[k] == "," for k in range(j + 1, b))

    def _country_named(self, word: str) -> str | None:
        """The country a name or a fused prefix stands for ("us" in "US-Präsident", "usa")."""
        low = word.lower()
        if self._prefixes is None:
            # prefixes the entity components linked ("US-Sondergesandte" -> United States)
            self._prefixes = {}
            for m in self.ctx.mentions:
                if m.kind == COUNTRY and "-" in m.text:
                    self._prefixes.setdefault(m.text.split("-", 1)[0].lower(), m.key)
        if low in self._prefixes:
            return self._prefixes[low]
        for e in self.ctx.entities.values():
            if e.kind == COUNTRY and any(f.lower() == low for f in e.surface_forms()):
                return e.key
        return None

    def _spokes_org(self, s: Sentence, j: int, b: int):
        """"ein Sprecher des Auswärtigen Amts", "a spokeswoman for the State Department" -> that organisation."""
        lw = self.ctx.lowers
        if lw[j] not in self.lex.fw.spokes_words:
            return None
        k = j + 1
        if k < b and lw[k] in ("des", "der", "for", "of"):
            k += 1
            while k < b and lw[k] in self.lex.articles:
                k += 1
            m = self.ctx.mention_at(k)
            if m is not None and m.kind in (ORGANIZATION, COUNTRY) and m.form != ADJECTIVE:
                return m
        return None

    def _unnamed(self, s: Sentence, j: int) -> bool:
        """"a Ukrainian official", "Beamte", "officials": an unnamed source (not "Putin's aide, X,")."""
        lw = self.ctx.lowers
        for k in range(j - 1, max(s.start, j - 4) - 1, -1):
            w = lw[k]
            if w in ("a", "an", "ein", "eine", "einer", "eines", "einem", "one", "two", "several", "mehrere",
                     "some", "einige", "other", "andere", "senior"):
                return True
            if w in ("'s", "’s", "his", "her", "their", "sein", "seine", "ihr", "ihre", "der", "die", "the"):
                return False
            if self.ctx.mention_at(k) is not None and self.ctx.mention_at(k).possessive:
                return False
        return lw[j].endswith("s") or self.lex.grammar.nouns_capitalised

    def _role_head(self, w: str) -> str | None:
        heads = self.lex.role_heads
        if w in heads:
            return w
        tail = w.split("-")[-1]
        if tail in heads:
            return tail
        if self.lex.grammar.closed_compounds:
            for h in self.lex.role_heads_longest_first:  # "Bundesaußenministerin": "außenministerin", not "ministerin"
                if len(w) > len(h) + 2 and w.endswith(h):
                    return h
        return None

    def _title_before(self, s: Sentence, k: int, first: int) -> bool:
        """Token k belongs to a title phrase right before a named speaker: ", Interior Minister X said",
        ", Kremlin spokesman X said", ", Ukraine's top negotiator X said" (organisation and country names
        count, as do role heads and title words; at most six tokens back)."""
        if first - k > 6 or first >= self.ctx.n:
            return False
        m0 = self.ctx.mention_at(first)
        if m0 is None or m0.kind != PERSON or m0.form in (PRONOUN, ROLE):
            return False
        w = self.ctx.lowers[k]
        if w in self.lex.title_words or self._role_head(w):
            return True
        mk = self.ctx.mention_at(k)
        return mk is not None and mk.kind in (ORGANIZATION, COUNTRY) and mk.key != m0.key

    def _definite_before(self, s: Sentence, j: int, a: int) -> bool:
        lw = self.ctx.lowers
        for k in range(j - 1, max(a, s.start, j - 4) - 1, -1):
            if lw[k] in ("der", "die", "the", "dem", "den", "des"):
                return True
            if not lw[k].isalpha() or lw[k] in self.lex.prepositions:
                return False
        return False

    def _cand_from_mention(self, s: Sentence, m, a: int) -> Cand | None:
        ctx, lex = self.ctx, self.lex
        low = m.text.lower()
        # "der CDU-Politiker", "Der US-Präsident": a person described by party or country
        if m.kind in (ORGANIZATION, COUNTRY) and "-" in low and m.end - m.start == 1:
            head = self._role_head(low.rsplit("-", 1)[1])
            if head:
                return Cand(m.start, m.end, "role", [], False, modifier=True, head=head)
        if m.form == ADJECTIVE:
            return None
        in_pp = False
        for k in range(m.start - 1, max(a, s.start, m.start - 6) - 1, -1):
            w = ctx.lowers[k]
            if w in lex.fw.title_links and k - 1 >= s.start and ctx.texts[k - 1][:1].isupper() and \
                    ctx.texts[k + 1][:1].isupper():
                continue  # "Secretary of State Marco Rubio": a title, not a prepositional phrase
            if w in lex.fw.object_relatives and k + 1 == m.start and k - 1 >= s.start and \
                    ctx.lowers[k - 1] in lex.prepositions:
                break  # "after which Downing Street said": the relative clause's subject, not in the phrase
            if w in lex.prepositions and k - 1 >= s.start and self._role_head(ctx.lowers[k - 1]) and any(
                    (q := ctx.mention_at(x)) is not None and q.kind in (PLACE, COUNTRY, ORGANIZATION)
                    for x in range(k + 1, m.start)):
                continue  # "Ambassador to the US Kwesi Boateng": what the role is for, then the name
            if w in lex.prepositions and m.kind == PERSON and \
                    " ".join(ctx.texts[k:m.end]) in getattr(ctx.entities.get(m.key), "name", ""):
                continue  # "kündigte von der Leyen an": the particle is the name's, not a preposition
            if w in lex.prepositions:
                in_pp = True
                break
            if lex.grammar.nouns_capitalised and ctx.texts[k][:1].isupper() and ctx.mention_at(k) is None and k - 1 >= s.start \
                    and ctx.lowers[k - 1] in lex.prepositions:
                in_pp = True  # "Nach Angaben der Downing Street": the noun after a preposition governs the name
                break
            mk = ctx.mention_at(k)
            # "mit Kremlchef Wladimir Putin", "with NATO Secretary General Mark Rutte": titles in between
            if w in lex.articles or (ctx.texts[k].isalpha() and ctx.texts[k].islower() and mk is None) or \
                    (mk is None and self._role_head(w)) or w in lex.title_words or \
                    (mk is not None and mk.kind in (ORGANIZATION, COUNTRY) and mk.key != m.key and
                     (mk.form == ADJECTIVE or mk.end == m.start or self._role_head(ctx.lowers[mk.end]))) or \
                    (lex.grammar.nouns_capitalised and mk is None and k == m.start - 1 and ctx.texts[k][:1].isupper() and
                     k - 2 >= s.start and ctx.lowers[k - 1] in lex.articles and ctx.lowers[k - 2] in lex.prepositions):
                continue  # "von der Partei Holos": a German noun after its article, the preposition may follow
            break
        if m.possessive:
            # "Merz's office said", "Selenskyjs Büro teilte mit": the office speaks for the person
            nxt = m.end
            while nxt < s.end and ctx.texts[nxt] in ("'s", "’s", "'", "’"):
                nxt += 1
            if nxt < s.end and ctx.lowers[nxt] in lex.office_words:
                return Cand(m.start, nxt + 1, "ment", [m.key], in_pp)
            return None
        if m.form == PRONOUN:
            return Cand(m.start, m.end, "pron", [m.key], in_pp)
        if m.form == ROLE and m.kind == PERSON and "-" in low:
            # "Der US-Präsident" linked to someone of another country: resolve the role again
            nation = self._country_named(low.split("-", 1)[0])
            ent = ctx.entities.get(m.key)
            if nation and ent is not None and ent.nationality and ent.nationality != nation:
                head = self._role_head(low.rsplit("-", 1)[1]) or low.rsplit("-", 1)[1]
                return Cand(m.start, m.end, "role", [], in_pp, modifier=True, head=head)
        if m.kind in (ORGANIZATION, COUNTRY):
            # "Kremlin spokesman Dmitry Peskov", "the Kremlin leader": the organisation describes a person
            k = m.end
            if k < s.end and self._role_head(ctx.lowers[k]):
                return Cand(m.start, k + 1, "role", [], in_pp, modifier=True, head=self._role_head(ctx.lowers[k]))
        if m.kind in ACTOR_KINDS:
            return Cand(m.start, m.end, "ment", [m.key], in_pp)
        if m.kind == PLACE:
            return Cand(m.start, m.end, "place", [m.key], in_pp)
        return None

    def _body_in_apposition(self, person: Cand, body: Cand) -> bool:
        """"Jonas Wendt, Erster Bevollmächtigter der IG Metall Kassel, zeigt sich empört": the body named in a
        role apposition after a person is the person's, who speaks."""
        lw = self.ctx.lowers
        return person.kind == "ment" and bool(person.keys) and self.kind(person.keys[0]) == PERSON and \
            body.kind in ("ment", "place") and bool(body.keys) and self.kind(body.keys[0]) != PERSON and \
            person.end + 1 < body.start <= person.end + APPOSITION_WORDS and lw[person.end] == "," and \
            "," not in lw[person.end + 1:body.start] and "," in lw[body.end:body.end + 3]  # (", … der IG Metall Kassel,")

    def _pick(self, cands: list[Cand], last: bool, region_start: int | None = None,
              verb: int | None = None) -> list[Cand]:
        """The subject among candidates (last before the verb, or first after it) plus coordinated ones."""
        pool = [c for c in cands if not c.in_pp]
        if not pool:
            return []
        if last and verb is not None and pool[-1].kind == "place" and pool[-1].end == verb:
            if pool[-1].start > 0 and self.ctx.lowers[pool[-1].start - 1] == ",":
                return []  # "..., Moscow said.": a capital for its government, not a speaker we keep
            return [pool[-1]]  # "a package that Kyiv hopes can be signed": the city right before the verb
        actors = [c for c in pool if c.kind in ("ment", "pron", "role", "unnamed")]
        # a city speaks for its government only as the subject itself ("Moscow said", "Kiew dränge")
        lw = self.ctx.lowers
        places = [c for c in pool if c.kind == "place" and (
            region_start is None or c.start - region_start <= 1 or
            (c.start - 1 >= 0 and lw[c.start - 1] == "," and c is pool[-1]))]
        use = actors or places
        if not use:
            return []
        lw = self.ctx.lowers
        coord = self.lex.coordinators | {",", "sowie", "as", "well"} | self.lex.articles
        idx = pool.index(use[-1] if last else use[0])
        if last and pool[idx].kind == "role" and idx > 0:
            # "Witkoff, the (White House) special envoy for peace missions, said": the role is the name's apposition
            head = idx
            while head > 0 and pool[head - 1].kind == "ment" and pool[head - 1].keys and \
                    self.kind(pool[head - 1].keys[0]) in (ORGANIZATION, COUNTRY) and \
                    all(self.ctx.texts[t].isalpha() and self.ctx.texts[t].islower()
                        for t in range(pool[head - 1].end, pool[head].start)):
                head -= 1  # an organisation describing the role
            if head > 0 and pool[head - 1].kind == "ment" and pool[head - 1].keys and \
                    self.kind(pool[head - 1].keys[0]) == PERSON:
                between = range(pool[head - 1].end, pool[head].start)
                if between and lw[between[0]] == "," and all(
                        lw[t] == "," or lw[t] in self.lex.articles or
                        (self.ctx.texts[t].isalpha() and self.ctx.texts[t].islower()) for t in between):
                    idx = head - 1
        if last and idx > 0 and self._body_in_apposition(pool[idx - 1], pool[idx]):
            idx -= 1
        group = [pool[idx]]
        if last:
            k = idx - 1
            while k >= 0:
                between = [lw[t] for t in range(pool[k].end, group[0].start)]
                if between and all(w in coord for w in between) and pool[k].kind == group[0].kind:
                    group.insert(0, pool[k])
                    k -= 1
                else:
                    break
        else:
            k = idx + 1
            while k < len(pool):
                between = [lw[t] for t in range(group[-1].end, pool[k].start)]
                if between and all(w in coord for w in between) and pool[k].kind == group[-1].kind:
                    group.append(pool[k])
                    k += 1
                else:
                    break
        return group

    def _speakers(self, s: Sentence, group: list[Cand]) -> tuple[list[str], bool]:
        """Entity keys for a subject group; (keys, resolved through a pronoun)."""
        keys: list[str] = []
        via_pronoun = False
        lw = self.ctx.lowers

        def comma_apposed(a: Cand, b: Cand) -> bool:
            """b follows a with only commas between them: an apposition."""
            return b.start > a.end and all(lw[j] == "," for j in range(a.end, b.start))

        def is_person(c: Cand) -> bool:
            return c.kind == "ment" and bool(c.keys) and self.kind(c.keys[0]) == PERSON

        # "Der Sprecher des Kremls, Dmitri Peskow, sagte": the name in apposition speaks, not the office
        group = [c for k, c in enumerate(group)
                 if not (c.kind == "ment" and len(c.keys) == 1 and self.kind(c.keys[0]) == ORGANIZATION and
                         k + 1 < len(group) and is_person(group[k + 1]) and comma_apposed(c, group[k + 1]))]
        # "Dmitry Peskov, Putin's spokesman, said": the apposition's office is the named speaker's
        group = [c for k, c in enumerate(group)
                 if not (k > 0 and c.kind == "ment" and c.end - 1 > c.start and lw[c.end - 1] in self.lex.office_words
                         and self.ctx.mention_at(c.start) is not None and self.ctx.mention_at(c.start).possessive and
                         is_person(group[k - 1]) and comma_apposed(group[k - 1], c))]
        for c in group:
            if c.kind == "unnamed":
                return [], False
            if c.kind == "pron":
                k = self.resolve_pronoun(s.i, c.start)
                if k is None and c.keys:
                    k = c.keys[0]
                if k:
                    keys.append(k)
                    via_pronoun = True
            elif c.kind == "role":
                if c.keys:
                    keys.extend(c.keys)
                    continue
                k = self.resolve_role(s.i, c.head or self.ctx.lowers[c.end - 1], c.start,
                                      self.ctx.token_text(c.start, c.end).lower())
                if k:
                    keys.append(k)
            else:
                keys.extend(c.keys)
        out = []
        for k in keys:
            if k not in out:
                out.append(k)
        return out, via_pronoun

    # ================================================================== direct quotes
    def _direct(self, qk: int) -> Frame | None:
        ctx = self.ctx
        q = ctx.quotes[qk]
        if not ctx.n:
            return None
        s1 = ctx.sents[ctx.sent_of[q.start]]
        s2 = ctx.sents[ctx.sent_of[max(q.start, min(q.end, ctx.n) - 1)]]
        inner = q.inner.strip()
        words = [w for w in inner.split() if any(ch.isalnum() for ch in w)]
        if not words:
            return None
        # what stands before the quote in its sentence (a sentencizer may have glued the opening mark
        # to the end of the previous sentence: "... Verbündeten. \"Wir reden ...")
        pre_a = max(s1.start, q.start - 40)  # the attribution stands within a few dozen words of the quote
        for j in range(q.start - 1, pre_a - 1, -1):
            if ctx.texts[j] in (".", "!", "?", "…"):
                pre_a = j + 1
                break
        pre = [j for j in range(pre_a, q.start) if ctx.word[j]]
        post = [j for j in range(q.end, min(s2.end, q.end + 40)) if ctx.word[j]]
        last_pre = next((ctx.texts[j] for j in range(q.start - 1, s1.start - 1, -1) if not ctx.space[j]), "")
        cue = None
        speakers: list[str] = []
        via_pron = False
        if not pre and not post:
            return self._standalone_quote(q, s1, s2)
        if not pre:
            region = (q.end, s2.end)
        elif last_pre == ":" or (last_pre == "," and not post):
            region = (pre_a, q.start)
        else:
            return None  # embedded in reported speech: the indirect pass takes it
        if len(words) < 2 and not (last_pre == ":"):
            return None  # a single quoted word is a scare quote, not a statement
        cues = [c for c in self._cues_between(s2 if region[0] >= q.end else s1, region[0], region[1])]
        if cues and region[0] < q.start and cues[-1][0] in self.consumed:
            # the second half of a quotation split by its attribution: the same claim goes on
            prev = next((f for f in reversed(self._current_direct) if f.cue_tok == cues[-1][0]), None)
            if prev is not None:
                prev.text = (prev.text or "").rstrip(" ,") + " … " + q.inner.strip().rstrip(" ,")
                prev.content.append((ctx.token_at_char(q.inner_start), min(q.end, ctx.n)))
                return None
        if cues:
            i, end, cue, part = cues[0] if region[0] >= q.end else cues[-1]
            before = self._candidates(ctx.sents[ctx.sent_of[i]], region[0], i)
            group = self._pick(before, last=True)
            if not group:
                after_end = region[1]
                group = self._pick(self._candidates(ctx.sents[ctx.sent_of[i]], end, min(after_end, end + 8)),
                                   last=False)
            speakers, via_pron = self._speakers(ctx.sents[ctx.sent_of[i]], group)
            self.consumed.add(i)
        elif last_pre == ":":
            group = self._pick(self._candidates(s1, region[0], region[1]), last=True)
            speakers, via_pron = self._speakers(s1, group)
        if not speakers:
            return None
        text = inner.rstrip(" ,")
        a = ctx.token_at_char(q.inner_start) if q.inner_start < len(ctx.text) else q.start
        b = min(q.end, ctx.n)
        f = Frame(sent=s2.i, cue=cue, cue_tok=cues[0][0] if cues else q.start,
                  cue_word=ctx.token_text(cues[0][0], cues[0][1]) if cues else "",
                  speakers=speakers, content=[(a, b)], direct=True,
                  claim_type=cue.claim_type if cue else "statement", cameo=cue.cameo if cue else "010",
                  first_sent=ctx.sent_of[min(a, ctx.n - 1)], text=text)
        f.date = self._date(s2, [(a, b)]) or (self._date(s1, [(a, b)]) if s1.i != s2.i else None)
        return f

    def _cues_between(self, s: Sentence, a: int, b: int):
        return [c for c in self._cues(s) if a <= c[0] < b]

    def _standalone_quote(self, q, s1: Sentence, s2: Sentence) -> Frame | None:
        """A quotation that is a sentence of its own: introduced by "X sagte:" or going on from one."""
        ctx = self.ctx
        if s1.i == 0:
            return None
        prev = ctx.sents[s1.i - 1]
        if prev.para != s1.para and not ctx.text[prev.start_char:prev.end_char].rstrip().endswith(":"):
            return None
        prev_text = ctx.text[prev.start_char:prev.end_char].rstrip()
        if prev_text.endswith(":"):
            cues = self._cues(prev)
            group = []
            cue = None
            if cues:
                i, end, cue, part = cues[-1]
                group = self._pick(self._candidates(prev, prev.start, i), last=True) or \
                    self._pick(self._candidates(prev, end, prev.end), last=False)
                self.consumed.add(i)
            else:
                group = self._pick(self._candidates(prev, prev.start, prev.end), last=True)
            speakers, _ = self._speakers(prev, group)
            if not speakers:
                return None
            a = ctx.token_at_char(q.inner_start)
            f = Frame(sent=s2.i, cue=cue, cue_tok=cues[-1][0] if cues else prev.start,
                      cue_word=ctx.token_text(cues[-1][0], cues[-1][1]) if cues else "", speakers=speakers,
                      content=[(a, min(q.end, ctx.n))], direct=True,
                      claim_type=cue.claim_type if cue else "statement", cameo=cue.cameo if cue else "010",
                      first_sent=prev.i, text=q.inner.strip().rstrip(" ,"))
            return f
        # a quotation right after another one of the same speaker: a statement of theirs too, its own claim
        # (evidence from the attributed quote on, which names the speaker)
        fs = [f for f in self.sent_frames.get(prev.i, ()) if f.direct]
        if fs and prev.para == s1.para:
            f = fs[-1]
            a = ctx.token_at_char(q.inner_start)
            g = Frame(sent=s2.i, cue=f.cue, cue_tok=f.cue_tok, cue_word=f.cue_word, speakers=list(f.speakers),
                      content=[(a, min(q.end, ctx.n))], direct=True, claim_type=f.claim_type, cameo=f.cameo,
                      first_sent=f.first_sent, text=q.inner.strip().rstrip(" ,"))
            for i in range(s1.i, s2.i + 1):
                self.cont_frame[i] = g
            return g
        return None

    # ================================================================== reported speech
    def _indirect(self, s: Sentence, i: int, end: int, cue: Cue, part: int | None, cues) -> Frame | None:
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        if cue.mode == "unnamed":
            self.unnamed_sents.add(s.i)
            return None
        if cue.mode in ("attrib_after", "attrib_before"):
            return self._attribution(s, i, end, cue, cues)
        if cue.mode == "self":
            # "Selenskyj hätte sich nach eigenen Worten ein stärkeres Signal gewünscht", "Er nahm ... an"
            subj = self.subject_of(s.i)
            if subj is None and lw[s.first_word] in lex.pronouns:
                subj = self.resolve_pronoun(s.i, s.first_word)
            if subj is None:
                return None
            ranges = [r for r in (ctx.trim(ctx.hard_start(s, i, quotes=False), i), ctx.trim(end, ctx.hard_end(s, end)))
                      if r[0] < r[1]]
            if not ranges:
                return None
            f = Frame(sent=s.i, cue=cue, cue_tok=i, cue_word=ctx.token_text(i, end), speakers=[subj], content=ranges,
                      direct=False, claim_type=cue.claim_type, cameo=cue.cameo, first_sent=s.i)
            f.date = self._date(s, ranges, i)
            return f
        if cue.mode == "so":
            m = self._so_speaker(s, i)
            a, b = ctx.trim(ctx.hard_start(s, i - 1, quotes=False), i - 1)
            if m is None or a >= b:
                return None
            f = Frame(sent=s.i, cue=cue, cue_tok=i, cue_word=ctx.texts[i], speakers=[m.key], content=[(a, b)],
                      direct=False, claim_type=cue.claim_type, cameo=cue.cameo, first_sent=s.i)
            f.date = self._date(s, [(a, b)], i)
            return f
        if cue.mode == "media":
            # "Tass reported": the outlet only relays; remember it so it is not taken for an attendee
            j = end
            while j < s.end and ctx.lowers[j] in self.lex.articles:
                j += 1
            after = ctx.mention_at(j) if j < s.end else None
            if after is not None and after.kind == ORGANIZATION:
                self.media_mentions.add(after.i)  # "…, reported the Saudi Press Agency": the outlet follows
                return None
            for c in self._pick(self._candidates(s, ctx.hard_start(s, i), i), last=True):
                m = ctx.mention_at(c.start)
                if m is not None:
                    self.media_mentions.add(m.i)
            return None
        after = part + 1 if part is not None else end
        cl_a, _ = ctx.clause_of(s, i)
        # the finite verb: an auxiliary before a participle ("hatte ... vorgeworfen")
        v = i
        back_limit = max(cl_a, i - (AUX_REACH_VERB_FINAL if lex.grammar.verb_final else AUX_REACH))
        for j in range(i - 1, back_limit - 1, -1):
            if lw[j] == "," or ctx.in_quote[j]:
                break
            if lw[j] in lex.auxiliaries:
                v = j
                break
        # the subject before the verb: from the clause's start (relative clauses are skipped), unless a
        # comma stands right before the verb (German ", sagte X", English ", said X")
        pre_a = max(ctx.hard_start(s, v), v - 40)  # a subject stands within a few dozen words of its verb
        k = v - 1
        while k >= s.start and ctx.space[k]:
            k -= 1
        comma_before = k >= s.start and lw[k] == ","
        before = self._candidates(s, pre_a, v)
        group = self._pick(before, last=True, region_start=pre_a, verb=v)
        # "said he believed ... and suggested that", "warnte ... und kritisierte": the same speaker
        shared = self._coordinated_speakers(s, v)
        if shared:
            group = [Cand(v, v, "ment", list(shared))]
        participle = lex.grammar.is_participle(lw[i]) and v == i
        if comma_before and group and not participle:
            # ", sagte der Kanzler" (subject after) vs "Die Botschafterin, Olha X, schrieb" (apposition)
            # (not for ", telling Reuters that": a participle's subject is the clause's, the name its addressee)
            stop = self._content_stop(s, end, cue)
            after_group = self._pick(self._candidates(s, v + 1 if v != i else end,
                                                      stop if stop is not None else min(s.end, end + 10)),
                                     last=False)
            if after_group and after_group[0].kind in ("ment", "pron", "role") and \
                    after_group[-1].end < s.end and lw[after_group[-1].end] not in lex.auxiliaries:
                group = []
        subject_after = False
        subj_end = after
        if not group and not participle:
            stop = self._content_stop(s, max(v + 1, end if v == i else v + 1), cue)
            region_end = stop if stop is not None else min(s.end, end + 10)
            if v != i:
                region_end = max(region_end, i)
            group = self._pick(self._candidates(s, v + 1, region_end), last=False)
            if group:
                subject_after = True
                subj_end = max(after, group[-1].end)
        speakers, via_pron = self._speakers(s, group)
        konj_only = cue.konjunktiv
        # what was said
        content, opener, inverted = self._content(s, i, end, after, subj_end, cue, group, subject_after, cues)
        if cue.mode == "complement" and subject_after and pre_a < v:
            # "Die Frage des Donbass nannte er „schmerzhaft“": the object stands before the verb
            a_, b_ = ctx.trim(pre_a, v)
            if a_ < b_:
                content = [(a_, b_)] + content
        first_sent = s.i
        told = self._told_before(s, v, subject_after)
        if told is not None:
            content, first_sent = [told], s.i - 1
        if not content:
            return None
        if not speakers:
            return None
        f = Frame(sent=s.i, cue=cue, cue_tok=i, cue_word=ctx.token_text(i, end) if part is None else
                  ctx.token_text(i, end) + " … " + ctx.texts[part], speakers=speakers, content=content, direct=False,
                  claim_type=cue.claim_type, cameo=cue.cameo, first_sent=first_sent, konjunktiv_only=konj_only)
        f.thin = False
        if cue.mode in ("object", "say") and not opener and not inverted:
            words = 0
            for a, b in content:
                for j in range(a, min(b, a + 12)):
                    words += ctx.word[j]
            f.thin = words <= (4 if cue.mode == "say" else 3) and \
                not any(ctx.in_quote[j] for a, b in content for j in range(a, min(b, a + 12)))
        f.targets = self._targets(s, group, i, end, content, cue, speakers, v)
        f.date = self._date(s, content, i)
        f.direct = bool(content) and all(ctx.in_quote[a] or ctx.in_quote[min(b - 1, ctx.n - 1)] for a, b in content) \
            and len(content) == 1 and self._quote_covers(content[0])
        return f

    def _told_before(self, s: Sentence, v: int, subject_after: bool) -> tuple[int, int] | None:
        """"Das teilte Selenskyj am Freitag mit.": what was said is the sentence before (its token range)."""
        ctx = self.ctx
        if not subject_after or s.i == 0 or s.first_word != v - 1 or ctx.lowers[s.first_word] not in \
                self.lex.anaphoric_objects:
            return None
        prev = ctx.sents[s.i - 1]
        if prev.para != s.para or any(ctx.in_quote[j] for j in range(prev.start, prev.end)):
            return None
        a, b = ctx.trim(prev.start, prev.end)
        return (a, b) if a < b else None

    def _coordinated_speakers(self, s: Sentence, v: int) -> list[str] | None:
        lw = self.ctx.lowers
        j = v - 1
        while j >= s.start and (self.ctx.space[j] or lw[j] in ("also", "auch", "then", "dann", "später", "later")):
            j -= 1
        if j < s.start or not (lw[j] in self.lex.coordinators or lw[j] in self.lex.fw.clause_contrasts):
            return None
        if j - 1 >= s.start and lw[j - 1] == "," and lw[j] in self.lex.coordinators:
            pass
        prev = [f for f in self._current if f.cue_tok < v and f.speakers]
        if not prev:
            return None
        return prev[-1].speakers

    def _quote_covers(self, rng: tuple[int, int]) -> bool:
        ctx = self.ctx
        a, b = rng
        k = ctx.quote_of[a] if a < ctx.n else -1
        if k < 0:
            return False
        q = ctx.quotes[k]
        return q.start <= a and q.end >= b - 1

    def _content_stop(self, s: Sentence, frm: int, cue: Cue) -> int | None:
        """Where the reported clause begins (or None): a comma, dass/that, a governed preposition."""
        ctx, lex = self.ctx, self.lex
        for j in range(frm, min(s.end, frm + MAX_CUE_WINDOW)):
            w = ctx.lowers[j]
            if w in (",", ":") or w in lex.content_openers or ctx.in_quote[j]:
                return j
            if cue.mode in ("prep", "need") and w in cue.preps:
                return j
        return None

    def _skip_phrase_at(self, j: int, end: int) -> int:
        lw = self.ctx.lowers
        for ph in self.lex.skip_phrases:
            n = len(ph)
            if j + n <= end and tuple(lw[j:j + n]) == ph:
                return n
        return 0

    def _content(self, s: Sentence, i: int, end: int, after: int, subj_end: int, cue: Cue, group: list[Cand],
                 subject_after: bool, cues) -> tuple[list[tuple[int, int]], bool, bool]:
        """(token ranges of what was said, introduced by an opener?, inverted attribution?)"""
        ctx, lex = self.ctx, self.lex
        part = None if after == end else after - 1
        lw = ctx.lowers
        s_end = s.end
        while s_end > s.start and lw[s_end - 1] in (".", "!", "?", "…"):
            s_end -= 1
        frm = max(after, subj_end)
        # the next coordinated cue ("... but cautioned that", "und sagte") ends this one's clause
        limit = s_end
        if cue.mode == "complement":
            # "described X as Y when speaking to reporters": the side clause is the frame's, not what was said
            for j in range(after, min(s_end, after + 60)):
                if lw[j] in lex.fw.time_clause_openers and j > after + 1:
                    limit = j
                    break
        for (ci, cend, ccue, cpart) in cues:
            if ci <= frm:
                continue
            if ci > frm + 60:
                break
            if ci - 1 >= s.start and (lw[ci - 1] in lex.coordinators or lw[ci - 1] in
                                                  lex.fw.clause_contrasts or
                                                  (ci - 2 >= s.start and lw[ci - 2] in lex.coordinators and
                                                   lw[ci - 1] in lex.auxiliaries)):
                cut = ci - 1 if lw[ci - 1] not in lex.auxiliaries else ci - 2
                limit = min(limit, cut)
                break
            # "said X, while Rutte told reporters that Y": a contrasting clause with its own speaker
            # ("told reporters 'the chemistry was good' while Kasuri said …": after a quotation no comma is needed)
            contrast = next((j for j in range(frm + 1, ci - 1) if lw[j + 1] in lex.contrast_openers and
                             (lw[j] == "," or (ctx.in_quote[j] and not ctx.in_quote[j + 1]))), None)
            if contrast is not None:
                limit = min(limit, contrast if lw[contrast] == "," else contrast + 1)
                break
        start = None
        opener = False
        j = frm
        hard = False
        sk = (group[0].start if group else i) - 1
        while sk > s.start and lw[sk] in lex.articles:
            sk -= 1
        if sk > s.start and lw[sk] in lex.fw.as_attribution and lw[sk - 1] == "," and \
                not any(lw[x] == "," for x in range(frm, min(limit, frm + 12))):
            limit = frm  # trailing ", as X said (on Monday)": nothing said after the cue
        while j < min(limit, frm + MAX_CUE_WINDOW):
            w = lw[j]
            if ctx.texts[j] in HARD_BOUNDARY and w != ":":
                hard = True
                break
            if ctx.in_quote[j] and ctx.quote_of[j] >= 0 and ctx.quotes[ctx.quote_of[j]].start == j:
                # "sagte: „…“", "said "…"": a quotation right after the cue (not one glued to the sentence end)
                if (cue.mode in ("say",) or j == frm) and j - frm <= 3 and \
                        not any(lw[x] in (".", "!", "?") for x in range(frm, j)) and \
                        ctx.quotes[ctx.quote_of[j]].end <= ctx.idx[s.end - 1] + len(ctx.texts[s.end - 1]) + 1:
                    start, opener = j, True
                    break
                j += 1
                continue
            if w == "," and j + 1 < limit and cue.mode in ("say", "object") and \
                    (lw[j + 1] in lex.coordinators or lw[j + 1] in lex.fw.clause_contrasts) and j > frm:
                break  # "confirmed the visit, and Ushakov said ...": the object ends here
            if w == "," and j > frm + 1 and j + 1 < limit and lex.grammar.is_participle(lw[j + 1]) and \
                    cue.mode in ("say", "object") and lw[frm] not in lex.prepositions:
                limit = j  # "said the talks were productive, adding that ...": the clause ends at the participle
                break
            if w == "," and self._closing_apposition(s, j + 1):
                j += 1  # "…, sagte X nach einem Gespräch mit dem Kronprinzen, Y.": a name, not what was said
                continue
            if w in (",", ":"):
                nxt = j + 1
                if w == "," and cue.mode == "object" and j > frm and nxt < limit and \
                        (ctx.mention_at(nxt) is not None or lw[nxt] in lex.pronouns):
                    # "Moskau fordert den Abzug der Truppen, Kiew lehnt das ab": the object ends where a new
                    # subject begins
                    start, limit = frm, j
                    break
                # ", dass" / ", that": begin after it
                if nxt < limit and lw[nxt] in lex.content_openers:
                    nxt += 1
                # ", while others ..." right after an inverted attribution is not a new clause of the cue
                if nxt < limit and lw[nxt] in lex.subordinators and lw[nxt] not in lex.content_openers and \
                        cue.mode not in ("object",):
                    break
                # "If the Ukrainians rejected the offer, he said, the fighting would go on": both halves
                subj_start = group[0].start if group else i
                k = min(subj_start, i) - 1
                while k >= s.start and ctx.space[k]:
                    k -= 1
                parenthetical = bool(group) and (group[0].kind == "pron" or group[0].start > i)
                if w == "," and j - frm <= 3 and k > s.start and lw[k] == "," and parenthetical:
                    # a quoted phrase inside the clause ('ready to do "whatever it takes" for peace') is no boundary
                    a0 = ctx.hard_start(s, k, quotes=False)
                    while a0 < k and ctx.in_quote[a0]:
                        a0 += 1
                    if a0 < k:
                        return [r for r in (ctx.trim(a0, k), ctx.trim(nxt, limit)) if r[0] < r[1]], True, True
                start, opener = nxt, True
                break
            if w in lex.content_openers and cue.mode == "say" and j > frm + 2 and lw[j - 1] in lex.coordinators \
                    and not any(lw[x] in lex.content_openers or lw[x] == "," for x in range(frm, j - 1)):
                # "said the American side had ideas and that the talks would continue": both were said
                ranges = [ctx.trim(self._past_addressees(frm, j - 1), j - 1), ctx.trim(j + 1, limit)]
                return [r for r in ranges if r[0] < r[1]], True, False
            if w in lex.content_openers and cue.mode != "complement" and not (
                    lex.grammar.ambiguous_complementizer and j - 1 >= s.start and lw[j - 1] in lex.prepositions):  # "after that vote"
                start, opener = j + 1, True
                break
            if cue.mode in ("prep", "need") and w in cue.preps:
                n = self._skip_phrase_at(j, limit)
                if n:
                    j += n
                    continue
                start = j
                opener = True
                break
            if cue.mode == "object" and w in lex.object_preps and j > frm and (cue.claim_type == "accusation" or any(
                    ctx.mention_at(t) is not None or lw[t] in lex.pronouns for t in range(frm, j))):
                # "accused X of Y" -> Y; but "dankte X für die Hilfe" keeps the object too, and "praised the
                # efforts of the city" (no accusation, no one named before "of"): all of it was praised
                rest = sum(1 for t in range(j + 1, limit) if ctx.lowers[t].isalpha())
                start = j + 1 if (rest > 3 or (rest >= 1 and w == "of")) else frm
                break
            j += 1
        if start is not None and start < limit:
            # "…, die Gespräche seien gut verlaufen; Uschakow ließ wissen, …": a semicolon ends what was said
            limit = next((j for j in range(start + 1, limit) if lw[j] == ";" and not ctx.in_quote[j]), limit)
            a_, b_ = ctx.trim(start, limit)
            return ([(a_, b_)] if a_ < b_ else []), opener, False
        # ", wie das Präsidialamt mitteilte." / ", as Peskov said on Monday.": the main clause was said
        subj_start = group[0].start if group else i
        k = min(subj_start, i) - 1
        # (over the speaker's title: ", wie Irans Außenminister X dem Staatsfernsehen sagte")
        while k > s.start and (lw[k] in lex.articles or self._title_before(s, k, subj_start)):
            k -= 1
        if k > s.start and lw[k] in lex.fw.as_attribution and lw[k - 1] == ",":
            a = ctx.hard_start(s, k - 1, quotes=False)
            a, b = ctx.trim(a, k - 1)
            if a < b:
                return [(a, b)], False, True
        # inverted: "..., sagte X." / "..., X said." / "..., räumte X ein."
        first = min(subj_start, i)
        k = first - 1
        while k >= s.start and (ctx.space[k] or lw[k] in lex.articles or
                                (ctx.mention_at(k) is not None and ctx.mention_at(k).form == ADJECTIVE) or
                                (lw[k] in lex.rank_adjectives and ctx.texts[k].isalpha() and ctx.texts[k].islower() and
                                 k + 1 < s.end and lw[k + 1] not in (",",) and self._unnamed(s, first) is False and
                                 first - k <= 3) or
                                self._title_before(s, k, first)):
            k -= 1
        rest_end = min(s_end, frm + 30)
        for j in range(frm, rest_end):
            if lw[j] == ";" and not ctx.in_quote[j]:
                rest_end = j  # "…, sagte X vor der Sitzung; Deutschland werde …": the attribution ends here
                break
            if lw[j] == "," and j + 1 < rest_end and (lw[j + 1] in lex.subordinators or
                                                      lw[j + 1] in lex.coordinators):
                # ", where he met ...": a side clause of the place, not more words of the cue;
                # ", and Russia was still studying ...": a clause of its own
                rest_end = j
                break
        rest_words = [j for j in range(frm, rest_end) if ctx.word[j]]
        # ", the Kremlin said." / ", sagte er am Montag vor Journalisten." - but not
        # "Speaking after the talks, Rubio said the sides had ...": there the words after the cue are what was said
        f2 = frm
        if cue.mode == "say":
            # ", X told reporters (in Moscow).", ", he told the state news agency TASS." - who was told is part
            # of the attribution
            f2 = self._past_addressees(frm, rest_end)
        rest_ok = not rest_words or f2 >= rest_end or lw[f2] in (",", ".") or lw[f2] in lex.prepositions or \
            lw[f2] in lex.fw.attribution_adverbs or \
            any(d.start == frm for d in self.dates_in(s)) or lex.grammar.verb_second
        if k - 1 >= s.start and ctx.texts[k] in QUOTE_MARKS and lw[k - 1] == "," and ctx.in_quote[k - 1]:
            k -= 1  # 'The meeting had been "constructive, but not conclusive," he said.': the comma inside the quote
        # (an adverbial after the speaker may run long: "…, sagte X nach einem Gespräch mit dem Kronprinzen und
        # Herrscher des Landes, Y.")
        cap = 18 if f2 < rest_end and lw[f2] in lex.prepositions else 8
        if k >= s.start and lw[k] == "," and (not rest_words or len(rest_words) <= cap) and rest_ok:
            a = ctx.hard_start(s, k, quotes=False)
            # skip a leading quotation (it is a claim of its own)
            while a < k and ctx.in_quote[a]:
                a += 1
            while a < k and lw[a] in (",", "–", "-"):
                a += 1
            if a < k:
                ranges = [ctx.trim(a, k)]
                # "..., Ushakov said, while others ...": the clause after the attribution goes with it
                for j in range(frm, min(s_end, frm + 30)):
                    if lw[j] == "," and j + 1 < s_end and (lw[j + 1] in lex.subordinators or
                                                            lw[j + 1] in lex.coordinators):
                        if lw[j + 1] not in lex.fw.relative_adverbs:  # ", where he met ...": about the frame's place
                            ranges.append(ctx.trim(j + 1, s_end))
                        break
                return [r for r in ranges if r[0] < r[1]], False, True
        if hard:
            return [], False, False
        if cue.mode in ("attrib_after", "attrib_before", "need"):
            return [], False, False
        # "said Moscow would not ...", "kritisierte die Verbündeten": what follows the cue
        a = frm
        while a < limit and lw[a] in lex.content_openers and cue.mode != "complement":
            a += 1
        if cue.mode == "say":
            a = self._past_addressees(a, limit)
        stop = limit
        if cue.mode in ("say", "object"):
            for j in range(a + 1, limit):
                if lw[j] == "," and j + 1 < limit and (lw[j + 1] in lex.coordinators or
                                                       lw[j + 1] in lex.fw.clause_contrasts):
                    stop = j
                    break
        a, b = ctx.trim(a, stop)
        if a < b:
            return [(a, b)], False, False
        # "wies die Vorwürfe umgehend zurück": between the verb and its particle
        a0 = group[-1].end if (group and group[0].start > i) else end
        if part is not None and part > a0:
            a, b = ctx.trim(a0, part)
            if a < b:
                return [(a, b)], False, False
        # German verb-final: "hatte ... telefoniert und das Gespräch als „sehr produktiv“ bezeichnet"
        if lex.grammar.verb_final and i + 1 >= s_end - 1 or (part is None and i + 1 >= s_end):
            k = i - 1
            while k > s.start and lw[k] not in lex.coordinators and lw[k] != "," and not (
                    group and k < group[-1].end):
                k -= 1
            a, b = ctx.trim(k + 1, i)
            if a < b and cue.mode in ("complement", "object", "say"):
                return [(a, b)], False, False
        return [], False, False

    def _closing_apposition(self, s: Sentence, j: int) -> bool:
        """Does the sentence end with just a person's name from token j on (", Mohammed bin Salman.")?"""
        m = self.ctx.mention_at(j)
        return m is not None and m.kind == PERSON and \
            not any(self.ctx.word[k] for k in range(m.end, s.end))

    def _past_addressees(self, a: int, limit: int) -> int:
        """"told reporters the two leaders had agreed", "told the state news agency TASS that": who was told
        is not what was said (an organisation only right after the cue or after media words)."""
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        start = a
        media = False
        while a < limit:
            if lw[a] in lex.addressees and lw[a] not in lex.articles or \
                    (lw[a] in lex.articles and a + 1 < limit and lw[a + 1] in lex.addressees and
                     lw[a + 1] not in lex.articles):
                a += 1
                continue
            if lw[a] in lex.possessive_pronouns:
                b = a + 1
                while b < limit and lw[b] in lex.addressee_modifiers:
                    b += 1
                if b < limit and lw[b] in lex.addressees and lw[b] not in lex.articles:
                    a = b + 1  # "told her weekly briefing"
                    continue
            if lw[a] in lex.media_addressee_words or (lw[a] in lex.articles and a + 1 < limit and
                                                      lw[a + 1] in lex.media_addressee_words):
                a, media = a + 1, True
                continue
            m = ctx.mention_at(a)
            if m is not None and m.kind == ORGANIZATION and m.start == a and (media or a == start) and \
                    m.end <= limit and (m.end >= limit or lw[m.end] in lex.content_openers or
                                        lw[m.end] in (",", ".", ":") or lw[m.end] in lex.prepositions):
                return m.end
            if media and ctx.texts[a][:1].isupper():
                b = a  # "the state news agency RIA": a name the gazetteer does not know
                while b < limit and ctx.texts[b][:1].isupper() and ctx.texts[b].isalpha():
                    b += 1
                if b >= limit or lw[b] in lex.content_openers or lw[b] in (",", ".", ":") or lw[b] in lex.prepositions:
                    return b
            break
        return a if not media or a >= limit or lw[a] in lex.content_openers or lw[a] in (",", ".") else start

    def _attribution(self, s: Sentence, i: int, end: int, cue: Cue, cues) -> Frame | None:
        """X zufolge / laut X / nach Angaben von X / according to X / ihren Worten nach."""
        ctx, lex = self.ctx, self.lex
        lw = ctx.lowers
        # a reporting verb in the same clause wins ("sagte am Montag der Agentur Tass zufolge")
        cl_a, cl_b = ctx.clause_of(s, i)
        if any(c[2].mode not in ("attrib_after", "attrib_before", "unnamed") and cl_a <= c[0] < cl_b for c in cues):
            return None
        speakers: list[str] = []
        via_pron = False
        if cue.mode == "attrib_after":
            a = i - 1
            lo = max(s.start, i - 5)
            group: list[Cand] = []
            if a >= s.start and lw[a] in lex.possessive_pronouns:
                k = self.resolve_pronoun(s.i, a)
                if k:
                    speakers, via_pron = [k], True
                phrase = (a, end)
            else:
                # the actor right before "zufolge" (possessive allowed: "Angaben des Kremls zufolge")
                m = None
                for k in range(i - 1, lo - 1, -1):
                    mm = ctx.mention_at(k)
                    if mm is not None and mm.kind in ACTOR_KINDS and mm.form != ADJECTIVE:
                        m = mm
                        break
                    if lw[k] in (",", ".") or lw[k] in lex.prepositions and lw[k] not in ("von", "vom"):
                        break
                    if lw[k] in lex.articles:
                        break  # "will Wendt den Angaben zufolge": the phrase starts at its article, no actor in it
                if m is not None:
                    speakers = [m.key]
                    phrase_start = m.start
                    for k in range(m.start - 1, max(s.start, m.start - 4) - 1, -1):
                        if lw[k] in lex.articles or lw[k] in ("nach", "angaben", "von", "vom", "worten"):
                            phrase_start = k
                        else:
                            break
                    phrase = (phrase_start, end)
                else:
                    return None
        else:
            j = end
            lo, hi = end, min(s.end, end + 6)
            while j < hi and (lw[j] in lex.articles or lw[j] in ("von", "vom", "des", "of", "dem")):
                j += 1
            if j < hi and lw[j] in lex.possessive_pronouns:
                k = self.resolve_pronoun(s.i, j)
                if k:
                    speakers, via_pron = [k], True
                phrase = (i, j + 1 + (1 if j + 1 < s.end and lw[j + 1] in ("worten", "angaben") else 0))
            else:
                mm = next((ctx.mention_at(k) for k in range(j, hi) if ctx.mention_at(k) is not None), None)
                if mm is not None and mm.kind in ACTOR_KINDS and mm.form not in (ADJECTIVE, PRONOUN, ROLE) and \
                        mm.start <= j + 2 and not (mm.kind == ORGANIZATION and mm.end < s.end and
                                                   self._role_head(lw[mm.end])):  # "the Kremlin aide": a person
                    group = [Cand(mm.start, mm.end, "ment", [mm.key])]
                else:
                    group = self._pick(self._candidates(s, lo, hi), last=False)
                speakers, via_pron = self._speakers(s, group)
                if not group:
                    return None
                phrase = (i, group[-1].end)
                # "according to Merz's office": the office word belongs to the phrase
                if phrase[1] < s.end and lw[phrase[1]] in lex.office_words:
                    phrase = (i, phrase[1] + 1)
        if not speakers:
            return None
        c_a, c_b = ctx.hard_start(s, i), ctx.hard_end(s, i)
        ranges = []
        a, b = phrase
        if a > c_a:
            ranges.append(ctx.trim(c_a, a))
        if b < c_b:
            ranges.append(ctx.trim(b, c_b))
        ranges = [(x, y) for x, y in ranges if x < y]
        if not ranges:
            return None
        f = Frame(sent=s.i, cue=cue, cue_tok=i, cue_word=ctx.token_text(i, end), speakers=speakers, content=ranges,
                  direct=False, claim_type=cue.claim_type, cameo=cue.cameo, first_sent=s.i,
                  pronoun_attrib=via_pron)
        f.date = self._date(s, ranges)
        return f

    def _targets(self, s: Sentence, group: list[Cand], i: int, end: int, content, cue: Cue, speakers,
                 v: int | None = None) -> list[str]:
        """Actors a demand, accusation, criticism or denial is aimed at."""
        if cue.claim_type not in ("accusation", "criticism", "demand", "denial", "warning") and cue.cameo != "051":
            return []
        ctx = self.ctx
        # between the subject and what was said: "warf der ukrainischen Führung ... vor",
        # "hatte Trump Selenskyj vorgeworfen, ..." (the subject after the auxiliary)
        v = i if v is None else v
        if group and group[0].start > v:
            lo = group[-1].end
        else:
            lo = end
        hi = content[0][0] if content else min(s.end, end + 8)
        if hi <= lo:
            hi = lo
        spans = [(lo, hi)]
        if content and cue.mode == "object" and (content[0][0] <= end + 1 or
                                                  self.ctx.lowers[content[0][0] - 1] not in (",", ":") and
                                                  self.ctx.lowers[content[0][0] - 1] not in self.lex.content_openers):
            a, b = content[0]
            spans.append((a, min(b, a + 6)))
        out: list[str] = []
        spans = [(a, b) for a, b in spans]
        for a, b in spans:
            for m in ctx.mentions_in(a, b):
                if i <= m.start < end:
                    continue
                if m.kind not in ACTOR_KINDS + (PLACE,) or m.key in speakers or m.possessive or \
                        ctx.in_quote[m.start] or (m.kind == PLACE and m.form == ADJECTIVE):
                    continue
                # "auf seiner Plattform Truth Social": not a target
                if any(ctx.lowers[k] in self.lex.prepositions and ctx.lowers[k] not in ("an",)
                       for k in range(max(a, m.start - 3), m.start)):
                    continue
                if m.key not in out:
                    out.append(m.key)
        return out

    def _date(self, s: Sentence, content: list[tuple[int, int]], near: int | None = None) -> str | None:
        """When it was said: a date in the frame (not in what was said), the one nearest the cue."""
        if self.ctx.pub is None:
            return None
        rel = self.ctx.relative_spans(s)
        found = [dm for dm in self.dates_in(s) if not dm.deadline and not self.ctx.in_quote[dm.start] and
                 not any(a <= dm.start < b for a, b in content) and not any(a <= dm.start < b for a, b in rel)]
        if near is not None:
            found.sort(key=lambda dm: min(abs(dm.start - near), abs(dm.end - 1 - near)))
        for dm in found:
            r = resolve(dm.spec, self.ctx.pub, PAST)
            if r:
                return r[0]
        return None

    # ================================================================== wrap-up
    def _finish(self) -> None:
        frames = [f for f in self.frames if not f.dropped]
        by_sent: dict[int, list[Frame]] = {}
        for f in frames:
            by_sent.setdefault(f.sent, []).append(f)
        # a bare "kritisierte er die Verbündeten" followed by what they said: one claim
        for f in frames:
            if not f.thin or f.dropped:
                continue
            nxt = None
            near = by_sent.get(f.sent, []) + by_sent.get(f.sent + 1, []) + by_sent.get(f.sent + 2, [])
            for g in near:
                if g is f or g.dropped or set(g.speakers) != set(f.speakers):
                    continue
                starts = g.first_sent if g.first_sent >= 0 else g.sent
                if (starts == f.sent and g.cue_tok > f.cue_tok) or (f.sent < starts <= f.sent + 1) or \
                        (g.sent == f.sent + 1):
                    nxt = g
                    break
            if nxt is not None and not nxt.direct and self._names_something(f):
                nxt = None  # "criticized the format. ..., he said": two claims
            if nxt is not None:
                if nxt.claim_type == "statement" and f.claim_type != "statement":
                    nxt.claim_type, nxt.cameo = f.claim_type, f.cameo
                    nxt.cue_word = f.cue_word
                for k in f.targets:
                    if k not in nxt.targets:
                        nxt.targets.append(k)
                nxt.first_sent = min(nxt.first_sent, f.first_sent)
                if f.sent not in nxt.extra_sents and f.sent != nxt.sent:
                    nxt.extra_sents.insert(0, f.sent)
                f.dropped = True
            elif not f.targets and self._word_count(f) < 2:
                f.dropped = True
        # the same thing said twice by the same speaker (teaser, lead, body): one claim
        kept: list[Frame] = []
        for f in frames:
            if f.dropped:
                continue
            words = self._content_words(f)
            dup = None
            for g in kept:
                if set(g.speakers) == set(f.speakers) and g.claim_type == f.claim_type and g.direct == f.direct:
                    gw = self._content_words(g)
                    if words and gw and (len(words & gw) / len(words | gw) >= 0.5 or words <= gw or gw <= words):
                        dup = g
                        break
            if dup is not None:
                for t in [f.first_sent, f.sent, *f.extra_sents]:
                    if t not in dup.extra_sents and t != dup.sent and t != dup.first_sent:
                        dup.extra_sents.append(t)
                if len(self.text_of(f)) > len(self.text_of(dup)) and not dup.extra_texts:
                    dup.content, dup.text = f.content, f.text
                f.dropped = True
                continue
            kept.append(f)
        self.frames = [f for f in self.frames if not f.dropped]

    def _names_something(self, f: Frame) -> bool:
        """Does a short claim name a thing ("die westlichen Verbündeten", "the format"), not just a mood?"""
        ctx = self.ctx
        for a, b in f.content:
            for j in range(a, b):
                if ctx.mention_at(j) is not None or not ctx.word[j]:
                    continue
                if self.lex.grammar.nouns_capitalised and ctx.texts[j][:1].isupper():
                    return True
                if not self.lex.grammar.nouns_capitalised and j > a and ctx.lowers[j - 1] in self.lex.articles:
                    return True
        return False

    def _word_count(self, f: Frame) -> int:
        return sum(1 for a, b in f.content for j in range(a, b) if self.ctx.word[j])

    def _content_words(self, f: Frame) -> set[str]:
        text = self.text_of(f).lower()
        return {w.strip(PUNCT_TRIM) for w in text.split() if len(w.strip(PUNCT_TRIM)) > 3}

    def text_of(self, f: Frame) -> str:
        ctx = self.ctx
        if f.text is not None:
            base = f.text
        else:
            parts = []
            for a, b in f.content:
                t = ctx.token_text(a, b).strip(" ,;:")
                if t:
                    parts.append(t)
            base = " … ".join(parts)
            base = base.rstrip(" .,;:")
        if f.extra_texts:  # sentences carrying on the claim: each keeps its full stop
            if base and base[-1] not in ".!?…\"“”»«'":
                base += "."
            base = " ".join([base, *f.extra_texts])
        return base.strip()

    # ================================================================== records
    def claims(self) -> list[Claim]:
        ctx = self.ctx
        out: list[Claim] = []
        n = 0
        for f in self.frames:
            text = self.text_of(f)
            if not text:
                continue
            sents = sorted({f.first_sent, f.sent, *f.extra_sents})
            ev = self._evidence(f, sents)
            about: list[str] = []
            ranges = list(f.content) + list(f.extra_ranges)
            for a, b in ranges:
                for m in ctx.mentions_in(a, b):
                    if m.key not in about and m.key not in f.speakers:
                        about.append(m.key)
            for sp in f.speakers:
                n += 1
                out.append(Claim(key=f"claim-{n}", author=sp, text=text, claim_type=f.claim_type, direct=f.direct,
                                 cameo=f.cameo, targets=[t for t in f.targets if t != sp],
                                 about=[k for k in about if k != sp], date=f.date, cue=f.cue_word, evidence=ev))
        return out

    def _evidence(self, f: Frame, sents: list[int]) -> list[Evidence]:
        ctx = self.ctx
        main = [f.first_sent, f.sent]
        out = [ctx.sentence_span(min(main), max(main))]
        for t in sents:
            if min(main) <= t <= max(main):
                continue
            out.append(ctx.sentence_span(t))
        return out
