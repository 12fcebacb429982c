"""Text normalisation shared by every reader.

Unicode NFC (not NFKC: typographic quotes and dashes „“ ” » « – — stay as they are),
one kind of line ending, no BOM or invisible format characters, runs of spaces collapsed
within lines, paragraphs separated by exactly one blank line.
"""
from __future__ import annotations

import re
import unicodedata

# Invisible characters that only get in the way of tokenisation: BOM / zero-width no-break
# space, zero-width space, word joiner, soft hyphen. (ZWJ/ZWNJ stay: emoji and some scripts.)
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u2060\u00ad"))
# C0/C1 control characters other than tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Horizontal white space: tab and the Unicode space separators (Zs).
_HSPACE = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACE_RUN = re.compile(f"[{_HSPACE}]{{2,}}|\t")
_BLANK_RUN = re.compile(r"\n{3,}")


def normalise_newlines(text: str) -> str:
    """CRLF, CR, NEL, LS, FF, VT -> "\\n"; the paragraph separator U+2029 -> a blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n")
    return re.sub("[\u0085\u2028\x0b\x0c]", "\n", text)


def normalise_text(text: str) -> str:
    """Normalised article text (possibly empty)."""
    text = normalise_newlines(text).translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    lines = [_SPACE_RUN.sub(" ", line).strip(_HSPACE) for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANK_RUN.sub("\n\n", text).strip("\n")


def normalise_title(title: str | None) -> str | None:
    """A title on one line with single spaces; None when nothing is left."""
    if title is None:
        return None
    text = normalise_text(str(title))
    return " ".join(line for line in text.split("\n") if line) or None


def strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text
