"""Per-token arrays of a Doc, read once and shared by our components.

Creating spaCy Token objects (`for tok in doc`, `doc[i]`) is what costs in a rule pass; the
components read these plain lists instead. Kept in `doc.user_data` and rebuilt when the Doc
changed length or someone else set sentence boundaries (`refresh`).
"""
from __future__ import annotations

from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

_KEY = "ng_tokens"


class TokenView:
    """texts, idx, is_lower, is_alpha, sent_start (truthy like Token.is_sent_start), one entry a token;
    `text` is doc.text and `span_text(i, j)` is doc[i:j].text, both without Token objects."""

    __slots__ = ("n", "texts", "idx", "is_lower", "is_alpha", "sent_start", "text_set", "text")

    def __init__(self, doc: Doc):
        self.n = len(doc)
        strings = doc.vocab.strings
        if self.n:
            arr = doc.to_array([ORTH, IDX, IS_LOWER, IS_ALPHA, SENT_START, SPACY]).tolist()
            self.texts = [strings[r[0]] for r in arr]
            self.idx = [r[1] for r in arr]
            self.is_lower = [r[2] == 1 for r in arr]
            self.is_alpha = [r[3] == 1 for r in arr]
            self.sent_start = [r[4] == 1 for r in arr]
            self.text = "".join([t + " " if r[5] else t for t, r in zip(self.texts, arr)])
        else:
            self.texts, self.idx, self.is_lower, self.is_alpha, self.sent_start = [], [], [], [], []
            self.text = ""
        self.text_set = frozenset(self.texts)

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text"""
        if start >= end:
            return ""
        return self.text[self.idx[start]:self.idx[end - 1] + len(self.texts[end - 1])]

    def __len__(self) -> int:
        return self.n


def token_view(doc: Doc) -> TokenView:
    """The Doc's TokenView, built on first use."""
    view = doc.user_data.get(_KEY)
    if view is None or view.n != len(doc):
        view = doc.user_data[_KEY] = TokenView(doc)
    return view


def refresh(doc: Doc) -> None:
    """Forget the view (after sentence boundaries changed)."""
    doc.user_data.pop(_KEY, None)
