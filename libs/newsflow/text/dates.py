"""Publication dates as ISO 8601, from a page's metadata or from a dateline in its text.

``published`` must be ISO 8601 (CONTRACT.md), but pages declare their dates in every shape:
``2020-02-24T14:32:00Z``, ``14/01/2020``, ``Di., 25.01.2022 - 14:45``, ``04 mayo 2022``,
``Tue Feb 20 2018 01:00:00 GMT+0100``, and some metadata fields that look like dates are not
(``PT15M``, ``Mo-Su 08:00-20:00``). :func:`iso_date` reads the common numeric orders and month
names in the 40 languages of :data:`MONTH_LANGUAGES` (CLDR's, via Babel, already pinned for the
country names), and returns None rather than guess: a slashed date whose day and month could be swapped
(``03/04/2020``) has no reading, nor has a year alone.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date, datetime
from functools import cache
from importlib.metadata import version
from urllib.parse import urlsplit

import orjson

from newsflow.text.frequency import cache_dir, save_to_cache

log = logging.getLogger(__name__)

MONTH_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "cs", "sk", "hu", "ro",
                   "hr", "sl", "sr", "bs", "tr", "ru", "uk", "bg", "el", "ca", "gl", "eu", "id", "ms", "lt", "lv",
                   "et", "is", "ga", "cy", "sq", "mk", "af", "vi")
"""Languages whose month names are read (CLDR's names, wide and abbreviated, in their running and
stand-alone forms: ``kwietnia`` and ``kwiecień``); the first listed wins a name two of them share."""

_WORD = r"[^\W\d_]+"
_YEAR = r"(\d{4})"
_NUMERIC = (
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"), "ymd"),
    (re.compile(r"(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日"), "ymd"),
    (re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), "dmy"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "d/m"),
)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?({_WORD})\.?,?\s+(?:de\s+)?{_YEAR}\b")
_MONTH_DAY = re.compile(rf"\b({_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b")
_HAS_TIME = re.compile(r"[T ]\d{2}:\d{2}")
_FOUR_DIGITS = re.compile(r"\d{4}")
FIRST_YEAR = 1970
"""Earlier years are not publication dates of web pages (a founding year, a birth date)."""


@cache
def _months() -> dict[str, int]:
    """Case-folded month name or abbreviation (without its dot) → month number. Read from
    :func:`~newsflow.text.frequency.cache_dir`, else built from Babel (0.3 s and ~50 MB of locale
    data, which a worker then keeps) and saved there."""
    languages = "-".join(MONTH_LANGUAGES)
    path = cache_dir() / f"months-babel-{version('babel')}-{hashlib.sha1(languages.encode()).hexdigest()[:12]}.json"
    try:
        return orjson.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except (OSError, orjson.JSONDecodeError) as exc:
        log.warning("rebuilding the unreadable month-name cache %s: %s", path, exc)
    from babel import Locale  # only when the table is built

    names: dict[str, int] = {}
    for code in MONTH_LANGUAGES:
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    names.setdefault(name.casefold().rstrip("."), number)
    save_to_cache(path, lambda tmp: tmp.write(orjson.dumps(names)))
    return names


def is_month(word: str) -> bool:
    """Whether ``word`` names a month, whole or cut short (``Feb``, ``févr.``), in one of
    :data:`MONTH_LANGUAGES`."""
    return word.casefold().rstrip(".") in _months()


_URL_DATES = (
    re.compile(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)(?=[/_-]|$)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)([01]\d)([0-3]\d)(?!\d)"),
)
"""A day in a page's address: ``/2020/01/05/``, ``/2016-04-15/``, ``/20200428/``."""


def url_date(url: str | None) -> str | None:
    """The day a page's address names (:data:`_URL_DATES`, in its path), as ISO 8601: where a site
    puts one, the day it published the page. html-dev pages whose metadata declares a date too: the
    same day on 113 of 121 (93%), within a day on 118; the first date in the page's header, read off
    its naive text, 47 of 51 (92%), and where the two disagree (4 pages) the address is right on 3."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        if (match := pattern.search(path)) and (day := _valid(*(int(g) for g in match.groups()))):
            return day
    return None


def _plausible(year: int) -> bool:
    """A web page's publication year: :data:`FIRST_YEAR` to next year."""
    return FIRST_YEAR <= year <= date.today().year + 1


def _valid(year: int, month: int, day: int) -> str | None:
    if not _plausible(year):
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_date(text: str | None) -> str | None:
    """``text``'s date as ISO 8601: a date-time (with its offset) when ``text`` is one in ISO form,
    else the day it names (the first date found in it); None when it names no day unambiguously."""
    if not text or not _FOUR_DIGITS.search(text):
        return None  # every reading below needs a year of four digits
    value = text.strip()
    if value[:4].isdigit():
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if not _plausible(parsed.year):
                return None
            return parsed.isoformat() if _HAS_TIME.search(value) else parsed.date().isoformat()
    for pattern, order in _NUMERIC:
        if match := pattern.search(value):
            a, b, c = (int(g) for g in match.groups())
            if order == "ymd":
                return _valid(a, b, c)
            if order == "dmy":
                return _valid(c, b, a)
            if a > 12 >= b:  # 14/01/2020
                return _valid(c, b, a)
            if b > 12 >= a:  # 01/14/2020
                return _valid(c, a, b)
            return None  # 03/04/2020: the third of April or the fourth of March
    for match in _DAY_MONTH.finditer(value):
        if month := _months().get(match.group(2).casefold()):
            return _valid(int(match.group(3)), month, int(match.group(1)))
    for match in _MONTH_DAY.finditer(value):
        if month := _months().get(match.group(1).casefold()):
            return _valid(int(match.group(3)), month, int(match.group(2)))
    return None
