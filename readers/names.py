"""File names as text that is safe to store and to show.

A POSIX file name is bytes. Python hands undecodable bytes over as lone surrogates
(`b"b\\xff.txt"` -> `"b\\udcff.txt"`), which opens the file fine but cannot be UTF-8
encoded, stored in RDF or hashed; and a name may hold control characters (ANSI escapes, a
newline) that would reach the terminal raw or split a one-line error message. So:

- `stored_name` is what goes into an article's identity: valid Unicode, the same on every
  run for the same bytes (undecodable bytes written as `\\xff`);
- `shown_name` is what goes into messages: additionally every non-printable character
  (control, format/bidi, line separators) escaped, so one problem is one line on screen.
"""
from __future__ import annotations

import os


def stored_name(path: str) -> str:
    """`path` as valid Unicode: undecodable bytes (lone surrogates) written as `\\xNN`."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace") if _fs_roundtrips(path) else \
            path.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace")


def _fs_roundtrips(path: str) -> bool:
    try:
        os.fsencode(path)
        return True
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte (e.g. from JSON "\ud800")
        return False


def shown_name(path: str) -> str:
    """`path` for a message: valid Unicode with every non-printable character escaped."""
    text = stored_name(path)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    n = ord(ch)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in `text` as `\\udXXX`, or None (valid Unicode)."""
    try:
        text.encode("utf-8")
        return None
    except UnicodeEncodeError as exc:
        return _escape(text[exc.start])
