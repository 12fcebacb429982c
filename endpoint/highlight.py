"""An article's text cut into segments at every evidence and mention boundary, for the article page.

The graph stores each fact's evidence as character offsets into the article text (Web Annotation
TextPositionSelector, Python string indices). Spans overlap (a meeting and a claim from one
sentence, a name inside both), so the text is cut at every start and end: each segment then lies
wholly inside or outside every span, and the page wraps it in one <mark> (the facts it supports)
and at most one link (the entity it names). Segments are plain data; the template escapes their
text, so nothing from an article is ever markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Span:
    start: int
    end: int
    fact: int  # index into the page's list of facts (evidence) or of entities (mention)
    mention: bool = False  # an entity's name (oa:identifying), not a fact's evidence


@dataclass
class Segment:
    text: str
    facts: list[int] = field(default_factory=list)  # the facts whose evidence covers it
    entity: int | None = None  # the entity whose mention covers it (the innermost)
    anchors: list[int] = field(default_factory=list)  # facts with an evidence span starting here
    firsts: list[int] = field(default_factory=list)  # facts whose first evidence span starts here (#ev-N)


def segments(text: str, spans: list[Span]) -> tuple[list[Segment], list[Span]]:
    """Cut `text` at every span boundary. Returns the segments and the spans that could not be
    placed (offsets outside the text or empty), which the page lists instead of dropping."""
    good, bad = [], []
    for s in spans:
        (good if 0 <= s.start < s.end <= len(text) else bad).append(s)
    cuts = sorted({0, len(text), *(s.start for s in good), *(s.end for s in good)})
    starts: dict[int, list[Span]] = {}
    for s in good:
        starts.setdefault(s.start, []).append(s)
    out: list[Segment] = []
    open_: list[Span] = []
    seen: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        open_ = [s for s in open_ if s.end > a] + starts.get(a, [])
        facts = sorted({s.fact for s in open_ if not s.mention})
        mentions = [s for s in open_ if s.mention]
        entity = min(mentions, key=lambda s: s.end - s.start).fact if mentions else None
        anchors = sorted({s.fact for s in starts.get(a, []) if not s.mention})
        firsts = [f for f in anchors if f not in seen]
        seen.update(anchors)
        seg = Segment(text[a:b], facts, entity, anchors, firsts)
        if out and not anchors and out[-1].facts == facts and out[-1].entity == entity and entity is None:
            out[-1].text += seg.text  # merge plain neighbours: fewer elements, same page
        else:
            out.append(seg)
    return out, bad
