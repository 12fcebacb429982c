"""A read-only view of a Doc that the meeting and claim finders share.

Built once per Doc in linear time: lowercase forms, sentences and paragraphs, entity
mentions sorted and indexed by token, quotation spans. No loop here (or in the finders)
runs over tokens x mentions; lookups go through per-token arrays or bisect.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

from ..records import ADJECTIVE, COUNTRY, ORGANIZATION, PERSON, PLACE, Entity, Evidence
from .lexicon import LANGUAGES, Lexicon, lexicon

ACTOR_KINDS = (PERSON, ORGANIZATION, COUNTRY)
SENT_END = frozenset({".", "!", "?", "…"})
HARD_BOUNDARY = frozenset({";", ":", "–", "—", "(", ")", "[", "]"})
NAME_TAG_WORDS = 3  # "(Estland)", "(CDU/CSU)", "(Bündnis 90/Die Grünen)": a name's tag in brackets
POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
# opening quotation mark -> closing marks that end it
QUOTE_PAIRS = {"„": "“”", "“": "”", "»": "«", "«": "»", "‚": "‘’", "‘": "’", '"': '"', "'": "'"}
QUOTE_MARKS = frozenset(QUOTE_PAIRS) | frozenset("".join(QUOTE_PAIRS.values()))  # every opening or closing mark
MAX_QUOTE_CHARS = 3000
UNOPENED_CLOSERS = frozenset("”")  # a closing mark no opening one shares
# no real sentence has more meeting words or reporting cues than this: a cap keeps every per-sentence
# step linear on pathological input (one "sentence" of thousands of words)
MAX_PER_SENTENCE = 40
_MARKS = re.compile("[" + re.escape("".join(QUOTE_PAIRS) + "”’") + "]|\n\n")
_WORD = re.compile(r"[^\W_]")

# how large a kind of place is: a place lies only in a larger kind
PLACE_RANK = {"City": 1, "AdministrativeArea": 2, "State": 2, "Country": 3, "Continent": 4}


@dataclass
class Ment:
    i: int  # index in DocContext.mentions
    start: int  # token offsets
    end: int
    start_char: int
    end_char: int
    key: str
    form: str
    kind: str | None
    text: str
    possessive: bool = False

    @property
    def is_actor(self) -> bool:
        return self.kind in ACTOR_KINDS and self.form != ADJECTIVE

    @property
    def is_place(self) -> bool:
        return self.kind in (PLACE, COUNTRY)


@dataclass
class Quote:
    start_char: int  # the opening mark
    end_char: int  # just after the closing mark
    start: int  # first token inside (or the opening mark's token)
    end: int  # token after the closing mark
    inner: str  # the quoted words
    inner_start: int  # char offset of the quoted words
    inner_end: int


@dataclass
class Sentence:
    i: int
    start: int
    end: int
    start_char: int  # trimmed of surrounding whitespace
    end_char: int
    para: int = 0
    mentions: list[int] = field(default_factory=list)  # indexes into DocContext.mentions
    first_word: int = 0  # the first token with a letter or digit


class DocContext:
    def __init__(self, doc: Doc, lang: str):
        self.doc = doc
        self.lang = lang if lang in LANGUAGES else (doc.lang_ if doc.lang_ in LANGUAGES else "en")
        self.lex: Lexicon = lexicon(self.lang)
        pub = getattr(doc._, "ng_published", None) if doc.has_extension("ng_published") else None
        if isinstance(pub, dt.datetime):
            pub = pub.date()
        if isinstance(pub, str):
            try:
                pub = dt.date.fromisoformat(pub[:10])
            except ValueError:
                pub = None
        self.pub: dt.date | None = pub if isinstance(pub, dt.date) else None
        ents = getattr(doc._, "ng_entities", None) if doc.has_extension("ng_entities") else None
        self.entities: dict[str, Entity] = ents if isinstance(ents, dict) else {}
        self.n = len(doc)
        # one pass over the token array (creating Token objects is what costs in spaCy)
        strings = doc.vocab.strings
        if self.n:
            arr = doc.to_array([ORTH, LOWER, IDX, IS_SPACE, SPACY, SENT_START])
            self.texts = [strings[int(x)] for x in arr[:, 0]]
            self.lowers = [strings[int(x)] for x in arr[:, 1]]
            self.idx = arr[:, 2].tolist()
            self.space = [bool(x) for x in arr[:, 3]]
            self.ws_after = [bool(x) for x in arr[:, 4]]
            self._sent_start = arr[:, 5].tolist()
        else:
            self.texts, self.lowers, self.idx, self.space, self.ws_after, self._sent_start = [], [], [], [], [], []
        # tokens with a letter or digit (not punctuation, not space)
        self.word = [_WORD.search(t) is not None for t in self.texts]
        # doc.text, without creating a Token per word
        self.text = "".join([t + " " if w else t for t, w in zip(self.texts, self.ws_after)])
        self._sentences()
        self._mentions()
        self._quotes()
        self._containment: dict[str, set[str]] = {}
        self._local_containment()

    # ------------------------------------------------------------------ sentences
    def _sentences(self) -> None:
        n = self.n
        bounds: list[tuple[int, int]] = []
        if n and any(x != 0 for x in self._sent_start[1:]):  # doc.has_annotation("SENT_START"), array-based
            start = 0
            ss = self._sent_start
            for i in range(1, n):
                if ss[i] == 1:
                    bounds.append((start, i))
                    start = i
            bounds.append((start, n))
        elif n:
            # no sentence boundaries: split after . ! ? and at blank lines
            start = 0
            for i in range(n):
                t = self.texts[i]
                if (t in SENT_END and i + 1 < n and (self.space[i + 1] or self.texts[i + 1][:1].isupper())) or \
                        (self.space[i] and "\n" in t):
                    bounds.append((start, i + 1))
                    start = i + 1
            if start < n:
                bounds.append((start, n))
        self.sents: list[Sentence] = []
        self.sent_of = [0] * n
        for start, end in bounds:
            a, b = start, end
            while a < b and self.space[a]:
                a += 1
            while b > a and self.space[b - 1]:
                b -= 1
            if a >= b:
                continue
            s = Sentence(len(self.sents), a, b, self.idx[a], self.idx[b - 1] + len(self.texts[b - 1]))
            s.first_word = next((k for k in range(a, b) if self.word[k]), b)
            self.sents.append(s)
            for i in range(start, end):
                self.sent_of[i] = s.i
        para = 0
        for s in self.sents:
            if s.i:
                gap = self.text[self.sents[s.i - 1].end_char:s.start_char]
                if "\n" in gap:
                    para += 1
            s.para = para
        # each sentence's clause boundaries (token indexes) are computed on demand
        self._clauses: dict[int, list[int]] = {}
        self._hard_cache: dict[int, tuple[list[int], list[int]]] = {}
        self._parens_cache: dict[int, set[int]] = {}
        self._rel_cache: dict[int, list[tuple[int, int]]] = {}

    def sentence_span(self, first: int, last: int | None = None) -> Evidence:
        """Evidence covering sentences first..last (inclusive)."""
        a = self.sents[first]
        b = self.sents[last if last is not None else first]
        return Evidence(a.start_char, b.end_char, self.text[a.start_char:b.end_char])

    # ------------------------------------------------------------------ mentions
    def _mentions(self) -> None:
        doc = self.doc
        spans = doc.spans["ng_mentions"] if "ng_mentions" in doc.spans else []
        raw = []
        for sp in spans:
            key = sp.label_
            if not key:
                continue
            ent = self.entities.get(key)
            try:
                form = sp._.ng_form or "name"
            except AttributeError:
                form = "name"
            start, end = sp.start, sp.end
            # character offsets from the arrays: sp.start_char would create Token objects
            chars = (self.idx[start], self.idx[end - 1] + len(self.texts[end - 1])) if end > start else \
                (sp.start_char, sp.end_char)
            raw.append((start, -end, key, form, ent.kind if ent is not None else None, chars))
        raw.sort(key=lambda x: (x[0], x[1]))
        self.mentions: list[Ment] = []
        self._forms: dict[str, tuple[set[str], set[str]]] = {}
        self.ment_at = [-1] * self.n  # token -> the longest mention covering it
        for start, negend, key, form, kind, (sc, ec) in raw:
            m = Ment(len(self.mentions), start, -negend, sc, ec, key, form, kind, self.text[sc:ec])
            m.possessive = self._is_possessive(m)
            self.mentions.append(m)
            for t in range(m.start, m.end):
                cur = self.ment_at[t]
                if cur < 0 or (self.mentions[cur].end - self.mentions[cur].start) < (m.end - m.start):
                    self.ment_at[t] = m.i
        self.ment_starts = [m.start for m in self.mentions]
        if self.sents:
            for m in self.mentions:
                if 0 <= m.start < self.n:
                    self.sents[self.sent_of[m.start]].mentions.append(m.i)

    def _is_possessive(self, m: Ment) -> bool:
        if m.end < self.n and self.texts[m.end] in POSSESSIVE_TOKENS:
            return True
        low = m.text.lower()
        if low.endswith(("'s", "’s")):
            return True
        if self.lex.grammar.genitive_s and m.kind in (PERSON, COUNTRY, ORGANIZATION) and low.endswith("s") and m.form == "name":
            got = self._forms.get(m.key)
            if got is None:
                ent = self.entities.get(m.key)
                forms = {f.lower() for f in ent.surface_forms()} if ent is not None else set()
                words = {w for f in forms for w in f.replace("-", " ").split()}
                got = self._forms[m.key] = (forms, words)
            forms, words = got
            if low not in forms and (low[:-1] in words or low[:-1] in forms):
                return True
        return False

    def mentions_in(self, start: int, end: int) -> list[Ment]:
        """Mentions starting in tokens [start, end), in order (bisect: no scan over all mentions)."""
        a = bisect_left(self.ment_starts, start)
        b = bisect_left(self.ment_starts, end)
        return self.mentions[a:b]

    def mention_at(self, i: int) -> Ment | None:
        if 0 <= i < self.n and self.ment_at[i] >= 0:
            return self.mentions[self.ment_at[i]]
        return None

    def entity(self, key: str) -> Entity | None:
        return self.entities.get(key)

    # ------------------------------------------------------------------ places
    def _cannot_lie_in(self, inner: str, outer: str) -> bool:
        """Two gazetteer places whose kinds rule out containment: a city in a city ("zwischen Kiew und Moskau in
        Istanbul"), a country in a city ("talks with Russia in Istanbul")."""
        ei, eo = self.entities.get(inner), self.entities.get(outer)
        if ei is None or eo is None or not ei.geonames_id or not eo.geonames_id:
            return False
        ri, ro = (max((PLACE_RANK.get(t, 0) for t in e.subtypes), default=0) for e in (ei, eo))
        return bool(ri and ro) and ri >= ro

    def _local_containment(self) -> None:
        """Containment the entities state, plus what the text says ("Miami im US-Bundesstaat Florida")."""
        for e in self.entities.values():
            if e.contained_in:
                self._containment.setdefault(e.key, set()).add(e.contained_in)
        lex = self.lex
        ms = self.mentions
        for k, m in enumerate(ms):
            if m.kind not in (PLACE, COUNTRY):
                continue
            # next place mention within 4 tokens, joined by in/im/, and place-type words
            j = k + 1
            while j < len(ms) and ms[j].start < m.end:
                j += 1
            if j >= len(ms):
                continue
            nxt = ms[j]
            if nxt.start - m.end > 4 or nxt.kind not in (PLACE, COUNTRY) or nxt.key == m.key:
                continue
            if self._cannot_lie_in(m.key, nxt.key):
                continue
            between = [self.lowers[t] for t in range(m.end, nxt.start)]
            if not between or between[0] not in ("in", "im", ",", "of") or any(
                    w in SENT_END for w in between):
                continue
            if not all(w in ("in", "im", ",", "der", "dem", "den", "the", "of", "state", "us", "u.s.") or
                       lex.is_place_type(w) or
                       self.mention_at(m.end + idx) is not None
                       for idx, w in enumerate(between)):
                continue
            self._containment.setdefault(m.key, set()).add(nxt.key)
            # "im US-Bundesstaat Florida": Florida lies in the country the type word names
            for t in range(m.end, nxt.start):
                inner = self.mention_at(t)
                if inner is not None and inner.kind == COUNTRY and inner.key != nxt.key:
                    self._containment.setdefault(nxt.key, set()).add(inner.key)

    def contains(self, outer: str, inner: str) -> bool:
        """Does place `outer` contain place `inner` (transitively)?"""
        seen, todo = set(), [inner]
        while todo:
            k = todo.pop()
            if k in seen:
                continue
            seen.add(k)
            for up in self._containment.get(k, ()):
                if up == outer:
                    return True
                todo.append(up)
        return False

    # ------------------------------------------------------------------ quotes
    def _quotes(self) -> None:
        text = self.text
        quotes: list[tuple[int, int]] = []
        # the positions of every quotation mark and paragraph break; pairing walks these only
        marks = [(mm.start(), mm.group()) for mm in _MARKS.finditer(text)]
        k = 0
        resume = 0
        while k < len(marks):
            i, c = marks[k]
            if i < resume or c not in QUOTE_PAIRS or not self._can_open(i):
                k += 1
                continue
            closers = QUOTE_PAIRS[c]
            limit = i + MAX_QUOTE_CHARS
            found = -1
            j = k + 1
            while j < len(marks) and marks[j][0] < limit:
                pos, d = marks[j]
                if d == "\n\n":
                    break
                if d in closers and self._can_close(pos, c):
                    found = pos
                    break
                j += 1
            if found > i + 1 and any(ch.isalnum() for ch in text[i + 1:found]):
                quotes.append((i, found + 1))
                resume = found + 1
            k += 1
        quotes += self._unopened_quotes(marks, quotes)
        # single-mark quotes inside double ones are nested quotations: keep the outer ones only
        quotes.sort()
        self.quotes: list[Quote] = []
        last_end = -1
        for a, b in quotes:
            if a < last_end:
                continue
            inner_a, inner_b = a + 1, b - 1
            ta = self._token_at_char(a if text[a] in QUOTE_MARKS else a + 1)  # (a dropped opening mark)
            tb = self._token_at_char(b - 1) + 1
            self.quotes.append(Quote(a, b, ta, tb, text[inner_a:inner_b], inner_a, inner_b))
            last_end = b
        self.in_quote = [False] * self.n
        self.quote_of = [-1] * self.n
        for k, q in enumerate(self.quotes):
            for t in range(q.start, min(q.end, self.n)):
                self.in_quote[t] = True
                self.quote_of[t] = k

    def _unopened_quotes(self, marks: list[tuple[int, str]], quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """"The number one issue is climate change,” X said.": a closing mark after a sentence's end punctuation,
        the first quotation mark of its paragraph (not the first paragraph), closes a quotation whose opening
        mark the outlet dropped; it runs from the paragraph's start."""
        text, out = self.text, []
        para_start, seen_mark = 0, False
        for pos, d in marks:
            if d == "\n\n":
                para_start, seen_mark = pos + 2, False
                continue
            if d in UNOPENED_CLOSERS and not seen_mark and pos > para_start > 0 and text[pos - 1] in ",.!?" and \
                    not any(a <= pos < b for a, b in quotes):
                out.append((para_start - 1, pos + 1))  # (the paragraph break stands where the mark would)
            seen_mark = True
        return [(a, b) for a, b in out if any(ch.isalnum() for ch in text[a + 1:b])]

    def _can_open(self, i: int) -> bool:
        text = self.text
        c = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if nxt.isspace():
            return False
        if c in "\"'":
            return prev.isspace() or prev in "([{„“‚‘—–-/:" or i == 0
        if c in "‘’":
            return not prev.isalnum()
        if c == "“":
            return not prev.isalnum() or self.lex.grammar.curly_quote_opens
        return True

    def _can_close(self, j: int, opener: str) -> bool:
        text = self.text
        prev = text[j - 1]
        nxt = text[j + 1] if j + 1 < len(text) else " "
        if prev.isspace() and opener not in "»«":
            return False
        if opener in "'‘‚" or text[j] == "’":
            # an apostrophe inside a word ("didn’t", "Trump’s") does not close a quotation
            if nxt.isalnum():
                return False
        if opener == '"' and nxt.isalnum():
            return False
        return True

    def _token_at_char(self, c: int) -> int:
        k = bisect_right(self.idx, c) - 1
        return max(0, min(k, self.n - 1)) if self.n else 0

    def token_at_char(self, c: int) -> int:
        return self._token_at_char(c)

    # ------------------------------------------------------------------ clauses
    def clause_breaks(self, s: Sentence) -> list[int]:
        """Token indexes that end one clause of sentence s and begin the next."""
        got = self._clauses.get(s.i)
        if got is not None:
            return got
        lex = self.lex
        out: list[int] = []
        lw = self.lowers
        tags = self._name_tags(s)
        for i in range(s.start, s.end):
            w = self.texts[i]
            if i in tags:
                continue
            if w in HARD_BOUNDARY or (w == "-" and i > s.start and self.ws_after[i - 1] and self.ws_after[i]):
                out.append(i)
            elif w == "," and i + 1 < s.end and (lw[i + 1] in lex.subordinators or
                                                 (lex.grammar.comma_coordinated_subordinate and lw[i + 1] in lex.coordinators and i + 2 < s.end
                                                  and lw[i + 2] in lex.subordinators)):
                out.append(i)
        self._clauses[s.i] = out
        return out

    def _name_tags(self, s: Sentence) -> set[int]:
        """The brackets of short tags after a name ("Kask (Estland)", "Merz (CDU)"): they close no clause."""
        out: set[int] = set()
        for i in range(s.start + 1, s.end):
            if self.texts[i] != "(" or not self.texts[i - 1][:1].isupper():
                continue
            close = next((j for j in range(i + 1, min(s.end, i + 2 + NAME_TAG_WORDS)) if self.texts[j] == ")"), None)
            if close is not None and close > i + 1:
                out.update((i, close))
        return out

    def clause_of(self, s: Sentence, i: int) -> tuple[int, int]:
        """The clause (token range) of sentence s around token i."""
        breaks = self.clause_breaks(s)
        k = bisect_right(breaks, i)
        a = breaks[k - 1] + 1 if k > 0 else s.start
        if k > 0 and breaks[k - 1] == i:
            a = i
        b = breaks[k] if k < len(breaks) else s.end
        return a, b

    def _hard(self, s: Sentence) -> tuple[list[int], list[int]]:
        """Hard boundaries of a sentence (; : dashes) and the ends of its quotations, as sorted token lists."""
        got = self._hard_cache.get(s.i)
        if got is None:
            hard, qends = [], []
            short_parens = self.short_parentheses(s)
            for j in range(s.start, s.end):
                w = self.texts[j]
                if j in short_parens:
                    continue  # "Dmitri Peskow (58) sagte", "Merz (70, CDU)": an aside, no boundary
                if w in HARD_BOUNDARY or (w == "-" and j > s.start and self.ws_after[j - 1] and self.ws_after[j]):
                    hard.append(j)
                if self.in_quote[j] and self.quote_of[j] >= 0 and self.quotes[self.quote_of[j]].end - 1 <= j + 1 \
                        and j + 1 < s.end and not self.in_quote[j + 1] and \
                        (len(self.quotes[self.quote_of[j]].inner.split()) > 2 or
                         not self._word_before(s, self.quotes[self.quote_of[j]].start)):
                    qends.append(j)  # (a quoted word or two inside a clause, „UdSSR“, is no boundary)
            got = self._hard_cache[s.i] = (hard, qends)
        return got

    def _word_before(self, s: Sentence, k: int) -> bool:
        """A word (not punctuation or a quote mark) stands right before token k's quotation."""
        j = k - 1
        while j >= s.start and (self.space[j] or (not self.word[j] and self.in_quote[j])):
            j -= 1
        while j >= s.start and self.texts[j] in QUOTE_MARKS:
            j -= 1
        return j >= s.start and self.word[j]

    def short_parentheses(self, s: Sentence) -> set[int]:
        """The marks of parentheses holding at most three words (an age, a party, an abbreviation)."""
        got = self._parens_cache.get(s.i)
        if got is None:
            got = self._parens_cache[s.i] = self._find_short_parentheses(s)
        return got

    def _find_short_parentheses(self, s: Sentence) -> set[int]:
        out: set[int] = set()
        j = s.start
        while j < s.end:
            if self.texts[j] == "(":
                k = j + 1
                while k < s.end and k - j <= 5 and self.texts[k] != ")":
                    k += 1
                if k < s.end and self.texts[k] == ")" and k - j <= 5:
                    out.update((j, k))
                    j = k
            j += 1
        return out

    def hard_start(self, s: Sentence, i: int, quotes: bool = True) -> int:
        """First token after the last hard boundary (; : dash, or a closed quotation) before token i."""
        hard, qends = self._hard(s)
        k = bisect_left(hard, i) - 1
        best = hard[k] + 1 if k >= 0 else s.start
        if quotes:
            q = bisect_left(qends, i - 1) - 1
            if q >= 0 and qends[q] + 1 > best:
                best = qends[q] + 1
        return best

    def hard_end(self, s: Sentence, i: int) -> int:
        hard, _ = self._hard(s)
        k = bisect_left(hard, i)
        return hard[k] if k < len(hard) else s.end

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Token range without punctuation at its ends (a quotation inside keeps its marks)."""
        while a < b and (self.space[a] or (not self.word[a] and not (
                self.in_quote[a] and self.quote_of[a] >= 0 and self.quotes[self.quote_of[a]].start == a and
                self.quotes[self.quote_of[a]].end <= b))):
            a += 1
        while b > a and (self.space[b - 1] or (not self.word[b - 1] and not (
                self.in_quote[b - 1] and self.quote_of[b - 1] >= 0 and
                self.quotes[self.quote_of[b - 1]].start >= a and self.quotes[self.quote_of[b - 1]].end <= b))):
            b -= 1
        return a, b

    def relative_spans(self, s: Sentence) -> list[tuple[int, int]]:
        """", who held talks in Paris on Monday," and the like: side clauses about a noun."""
        got = self._rel_cache.get(s.i)
        if got is not None:
            return got
        out = self._rel_cache[s.i] = []
        lw = self.lowers
        for j in range(s.start, s.end - 1):
            if lw[j] == "," and (lw[j + 1] in self.lex.fw.relative_openers or lw[j + 1] in self.lex.fw.place_relatives):
                k = j + 2
                while k < s.end and lw[k] not in (",", ";", ":", "."):
                    k += 1
                out.append((j, k))
        return out

    def token_text(self, a: int, b: int) -> str:
        if a >= b:
            return ""
        return self.text[self.idx[a]:self.idx[b - 1] + len(self.texts[b - 1])]

    def is_capitalised(self, i: int) -> bool:
        t = self.texts[i]
        return bool(t) and t[0].isupper()
