"""Language identification with lingua (its models ship inside the package).

Two of lingua's modes, by length. Longer text goes to low-accuracy mode (trigrams), whose models
for every claimed language load in 0.2 s and ~90 MB: on html-dev text of 200 characters or more it
gave the same answer as high-accuracy mode for all 367 chunks (0.2% differed at 120-200
characters). Text under :data:`HIGH_ACCURACY_BELOW` characters (a sentence, a headline) goes to
high-accuracy mode (1- to 5-gram models): on single sentences lingua's published accuracy is 96%
mean over its 75 languages against 93% with trigrams only (Spanish 97% vs 83%). High-accuracy
mode reads a text among the few languages low-accuracy mode finds likely for it
(:func:`_candidates`), so only those languages' models load, on first use and once for the process
(lingua shares them between detectors), instead of all of them up front (3.6 s and ~1.2 GB).

Three languages are left out because lingua cannot tell them from a close neighbour (its
published sentence accuracy): Bosnian (41%, read as Croatian or Serbian), Malay (28%, read as
Indonesian) and Nynorsk (read as Bokmål). Leaving them out lifts the neighbours; their text is
reported as the neighbour. :data:`LANGUAGES` is what the tagger claims.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_NOT_CLAIMED = frozenset({"bs", "ms", "nn"})
LANGUAGES: tuple[Language, ...] = tuple(
    sorted((lang for lang in Language.all() if lang.iso_code_639_1.name.lower() not in _NOT_CLAIMED),
           key=lambda lang: lang.iso_code_639_1.name)
)
"""The languages the detector can answer, ISO 639-1 order."""

HIGH_ACCURACY_BELOW = 200
"""Characters: shorter text is read with lingua's high-accuracy models."""
CANDIDATES = 16
CANDIDATE_FLOOR = 1e-5
"""A short text is read in high-accuracy mode among the languages low-accuracy mode gives a confidence
of at least this, at most :data:`CANDIDATES` and at least the likeliest two. On 1,676 html-dev
sentences (1,654 of them short), against high-accuracy mode over every language: the same answer on
1,675 (accuracy against the pages' `<html lang>` 0.923 either way), 4.8 candidates a sentence; floors
of 1e-3 / 1e-4: 1,670 / 1,674; the likeliest 3 / 8 / 16 whatever their confidence: 1,642 / 1,668 /
1,675. The languages whose models load are few: 7 for the 19 short articles of the cleaned news
sample (37 with 16 candidates each)."""

VERSION = f"lang-lingua-2.1.1-{len(LANGUAGES)}-high-below-{HIGH_ACCURACY_BELOW}-among-{CANDIDATE_FLOOR}"
_SAMPLE_CHARS = 1000
"""The start of an article is enough: ~4 ms an article, and the language rarely changes after it."""


@lru_cache(maxsize=1)
def _low() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_low_accuracy_mode() \
        .with_preloaded_language_models().build()


@lru_cache(maxsize=1024)
def _high(languages: frozenset[Language]) -> LanguageDetector:
    """High-accuracy mode among ``languages``; their models load on first use, once for every detector."""
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _candidates(text: str, also: Language | None = None) -> frozenset[Language]:
    """The languages low-accuracy mode finds likely for ``text`` (:data:`CANDIDATE_FLOOR`), and ``also``."""
    values = _low().compute_language_confidence_values(text)[:CANDIDATES]
    likely = [value.language for rank, value in enumerate(values) if rank < 2 or value.value >= CANDIDATE_FLOOR]
    return frozenset(likely + ([also] if also is not None else []))


def _language_of(text: str) -> Language | None:
    if len(text) >= HIGH_ACCURACY_BELOW:
        return _low().detect_language_of(text)
    return _high(_candidates(text)).detect_language_of(text)


PROSE_WORDS = 5
"""A line of prose has this many words or more, most of them not capitalised."""
MIN_PROSE_CHARS = 60
"""Less prose than this is too little to read a language from."""
_PROSE_SCAN = 20_000
"""Characters of a text searched for prose."""


def _prose(text: str) -> str:
    """The start of ``text``'s prose: its lines of :data:`PROSE_WORDS` words or more, most of them
    not capitalised, up to :data:`_SAMPLE_CHARS` characters. A results table's or a line-up's names
    ("Tristan Hoffman ( Netherlands ) TVM") say where its people come from, not the article's
    language; "" when there is too little (a caseless script: Chinese, Arabic, Thai)."""
    kept, size = [], 0
    for line in text[:_PROSE_SCAN].split("\n"):
        words = line.split()
        if len(words) >= PROSE_WORDS and sum(w[0].islower() for w in words) * 2 >= len(words):
            kept.append(line)
            size += len(line) + 1
            if size >= _SAMPLE_CHARS:
                break
    sample = "\n".join(kept)[:_SAMPLE_CHARS]
    return sample if len(sample) >= MIN_PROSE_CHARS else ""


def _names_and_figures(text: str) -> bool:
    """Capitalised words and figures without a lower-case word: a line-up, a results table's row, a
    dateline ("Puchon 3 1 0 6 1 10", "HONG KONG 1996-08-30"). No language shows in it, and the
    English model reads names there as well as any (a caseless script is not this; a German line
    has its "der" or "und")."""
    words = text[:_SAMPLE_CHARS].split()
    return not any(w[0].islower() for w in words) and any(w[0].isupper() for w in words)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when lingua cannot tell."""
    language = _language_of(text[:_SAMPLE_CHARS])
    return language.iso_code_639_1.name.lower() if language is not None else None


_ENGLISH_PLAUSIBLE = 0.02


def reads_as_english(text: str, language: str | None) -> bool:
    """Whether the English NER model applies: the detector says English; or the text is names and
    figures alone (:func:`_names_and_figures`; CoNLL dev fed sentence by sentence: the entities of
    sentences kept from the model 459 -> 126 of 5,942); or the text's prose
    (:func:`_prose`) reads as English, as in a results table whose riders' and clubs' names make
    the whole read as Dutch, Latin or Croatian (3 of CoNLL dev's 216 documents, 218 of its
    entities); or the text is too short to tell (under :data:`HIGH_ACCURACY_BELOW` characters) and
    English is still a candidate. A line of names ("Angela Merkel visited Paris.") has few words of
    any language: lingua may answer Norwegian there, yet gives English a confidence of ~0.03-0.08,
    where German or Spanish sentences give it 0.00."""
    if language == "en" or _names_and_figures(text):
        return True
    if (prose := _prose(text)) and _language_of(prose) == Language.ENGLISH:
        return True
    if len(text) >= HIGH_ACCURACY_BELOW:
        return False
    among = _high(_candidates(text, also=Language.ENGLISH))
    return among.compute_language_confidence(text, Language.ENGLISH) >= _ENGLISH_PLAUSIBLE


def model_language(text: str, language: str | None) -> str | None:
    """The language the entity tagger should read ``text`` (detected as ``language``) in:
    English wherever :func:`reads_as_english`."""
    return "en" if reads_as_english(text, language) else language


def warm_up() -> None:
    """Load low-accuracy mode's models now, and high-accuracy mode's for English (a worker must not
    stall on its first text)."""
    _language_of("The language of a short English sentence.")


def claimed() -> list[tuple[str, str]]:
    """``(iso code, English name)`` of every language the detector can answer."""
    return [(lang.iso_code_639_1.name.lower(), lang.name.title()) for lang in LANGUAGES]
