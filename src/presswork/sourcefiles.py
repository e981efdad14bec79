"""Source files that are not UTF-8 text: what is wrong, and the command that fixes it."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from presswork.diagnostics import Subtype

# Encodings a source file is realistically saved in; the detector guesses among these only.
LIKELY_ENCODINGS = (
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "utf_32",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "mac_roman",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
)
# Short Western text fits several single-byte encodings equally well; Windows-1252 is the one
# editors and old blogs save, so it wins a near tie.
WESTERN = "cp1252"
NEAR_TIE = 0.1
ICONV_NAMES = {"utf_16": "UTF-16", "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE"}


@dataclass(frozen=True)
class Unreadable:
    """Why a file cannot be read as UTF-8 text: the warning's subtype, line and message."""

    subtype: Subtype
    line: int
    message: str


def read_source(path: Path, shown: str) -> str | Unreadable:
    """The text of ``path``, or why it is not UTF-8 text (``shown`` names it in the command)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return Unreadable(
            Subtype.SOURCE_UNREADABLE,
            0,
            f"cannot read this file ({reason}); it is left out of the build",
        )
    return decode_source(data, shown)


def decode_source(data: bytes, shown: str) -> str | Unreadable:
    """``data`` as text if it is UTF-8; if not, where it fails and what it most likely is."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return not_utf8(data, error.start, shown)
    if "\x00" in text:
        return not_utf8(data, data.index(b"\x00"), shown)
    return text.removeprefix("\ufeff")


def not_utf8(data: bytes, position: int, shown: str) -> Unreadable:
    """A file that is binary, or text in another encoding, with the command to convert it."""
    line = data.count(b"\n", 0, position) + 1
    column = position - (data.rfind(b"\n", 0, position) + 1) + 1
    where = f"byte 0x{data[position]:02x} at line {line}, column {column}"
    encoding = likely_encoding(data)
    if encoding is None:
        return Unreadable(
            Subtype.SOURCE_BINARY,
            line,
            f"this is not a text file ({where} is not UTF-8 and no text encoding fits); "
            "it is left out of the build",
        )
    name = ICONV_NAMES.get(encoding, encoding.upper().replace("_", "-"))
    converted = shlex.quote(f"{shown}.utf8")
    command = (
        f"iconv -f {name} -t UTF-8 {shlex.quote(shown)} > {converted} && "
        f"mv {converted} {shlex.quote(shown)}"
    )
    return Unreadable(
        Subtype.SOURCE_ENCODING,
        line,
        f"this file is not UTF-8 ({where}); it is most likely {name}. It is left out of the "
        f"build; convert it with: {command}",
    )


def likely_encoding(data: bytes) -> str | None:
    """The text encoding that best explains ``data``, or None when it is not text."""
    matches = from_bytes(data, cp_isolation=list(LIKELY_ENCODINGS))
    best = matches.best()
    if best is None:
        return None
    near = [match for match in matches if match.chaos <= best.chaos + NEAR_TIE]
    if any(WESTERN in match.could_be_from_charset for match in near):
        return WESTERN
    return str(best.encoding)
