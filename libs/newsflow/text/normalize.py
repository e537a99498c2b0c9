"""Unicode and whitespace normalisation that never rewrites the article's words.

- mojibake and broken escapes repaired by ftfy (quotes stay curly, full-width forms stay);
- NFC; soft hyphens, zero-width spaces, word joiners and byte-order marks removed
  (ZWJ/ZWNJ are kept: they are spelling in Persian, Indic scripts and emoji);
- runs of horizontal whitespace (tabs, no-break and typographic spaces) become one space.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=False,
)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)
_HSPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """Repair and normalise ``text``; line breaks are kept, each line is stripped."""
    if not text.isascii():
        text = ftfy.fix_text(text, _FTFY).translate(_INVISIBLE)
        text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    return "\n".join(_HSPACE.sub(" ", line).strip() for line in text.split("\n"))


def normalize_line(line: str) -> str:
    """:func:`normalize_text` for one line (no line breaks in the result)."""
    return normalize_text(line).replace("\n", " ").strip()
