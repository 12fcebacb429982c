"""Word senses that both meetings and reported speech must agree on, decided once from the context.

"Hasina called on President Kovind" is a courtesy visit (a meeting); "Kerry called on all parties to commit
to free elections" is a demand (a claim). The meeting rules must see the first and the speech rules must not
read it as a demand, so the decision lives here, read by both (the words are in data/<lang>.yaml,
`meetings.courtesy_calls`).
"""
from __future__ import annotations

from ..records import PERSON
from .context import DocContext, Sentence


def courtesy_call(ctx: DocContext, s: Sentence, i: int) -> bool:
    """Token i starts "called on <person>" with nothing after the person that makes it a demand
    ("called on X to …", "called on X for …")."""
    lex = ctx.lex
    verbs, particle, blockers = lex.courtesy_verbs, lex.courtesy_particle, lex.courtesy_blockers
    if not verbs or ctx.lowers[i] not in verbs or i + 2 >= s.end or ctx.lowers[i + 1] != particle:
        return False
    k = i + 2
    while k < s.end and ctx.mention_at(k) is None and (ctx.is_capitalised(k) or ctx.lowers[k] in lex.articles):
        k += 1  # "on President Kovind", "on the Prime Minister X": titles before the name
    m = ctx.mention_at(k) if k < s.end else None
    if m is None or m.kind != PERSON or m.possessive or k - (i + 2) > 4:
        return False
    end = m.end
    while end + 1 < s.end and ctx.lowers[end] in lex.coordinators | {","}:
        nxt = ctx.mention_at(end + 1)  # "called on X and Y to …": past the other people called on
        if nxt is None or nxt.kind != PERSON:
            break
        end = nxt.end
    return (ctx.lowers[end] if end < s.end else ".") not in blockers
