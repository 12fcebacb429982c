"""Getting a file's bytes safely: size limit before reading, binary and encoding checks."""
from __future__ import annotations

import codecs
import errno
import os

from .errors import Unreadable

MB = 1024 * 1024
SNIFF_BYTES = 4096


def human_size(n: float) -> str:
    """52.4 MB, 50 MB, 1.5 KB, 100 bytes: sizes as a user reads them (1 MB = 1024² bytes)."""
    for unit, factor in (("MB", MB), ("KB", 1024)):
        if n >= factor:
            value = f"{n / factor:.1f}".removesuffix(".0")
            return f"{value} {unit}"
    return f"{int(n)} byte" + ("" if n == 1 else "s")


def os_reason(exc: OSError) -> str:
    """One line for an OS error, without the path (the ReadProblem names it)."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied (not readable)"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return (exc.strerror or str(exc)).lower()


def check_size(path: str, max_bytes: int) -> None:
    """Raise Unreadable when the file is over `max_bytes` (from its metadata: nothing is read)."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from exc
    if size > max_bytes:
        raise Unreadable(_over_limit(size, max_bytes))


def _over_limit(size: int, max_bytes: int) -> str:
    return f"file is {human_size(size)}, over the {human_size(max_bytes)} limit"


def read_head(path: str, n: int = SNIFF_BYTES) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(n)
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from exc


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The file's bytes; never more than `max_bytes` + 1 are read, even if the file grows."""
    check_size(path, max_bytes)
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from exc
    if len(data) > max_bytes:
        raise Unreadable(_over_limit(os.stat(path).st_size, max_bytes))
    return data


def check_not_binary(data: bytes) -> None:
    """Raise Unreadable for data that is not text at all (NUL bytes, UTF-16/32)."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise Unreadable("UTF-32 text, not UTF-8: save it as UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Unreadable("UTF-16 text, not UTF-8: save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise Unreadable(f"binary file, not text (NUL byte at offset {nul})")


def decode_utf8(data: bytes, offset_base: int = 0) -> str:
    """Strict UTF-8 (a leading BOM is dropped); Unreadable names the first bad byte."""
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = skip + exc.start
        raise Unreadable(f"not UTF-8 (byte 0x{data[at]:02x} at offset {offset_base + at})") from exc


def check_text(text: str) -> None:
    """Raise Unreadable when decoded text is mostly control characters (binary that decoded)."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if sample and controls > 0.05 * len(sample):
        raise Unreadable("binary file, not text (control characters)")


def bytes_to_text(data: bytes) -> str:
    """A UTF-8 text file's content (BOM dropped), or Unreadable with the reason."""
    check_not_binary(data)
    text = decode_utf8(data)
    check_text(text)
    return text
