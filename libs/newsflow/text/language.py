"""Language identification with lingua (its models ship inside the package).

Two of lingua's modes, by length. Text under :data:`HIGH_ACCURACY_BELOW` characters (a sentence,
a headline) goes to high-accuracy mode (1- to 5-gram models): on single sentences lingua's
published accuracy is 96% mean over its 75 languages against 93% with trigrams only (Spanish 97%
vs 83%). Longer text goes to low-accuracy mode (trigrams), which loads in 0.4 s and ~90 MB
instead of 7 s and ~1.2 GB: on html-dev text of 200 characters or more the two modes gave the
same answer for all 367 chunks (0.2% differed at 120-200 characters). So a run of whole articles
never waits for the big models; they load on the first short text.

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

VERSION = f"lang-lingua-2.1.1-{len(LANGUAGES)}-high-below-200"
_SAMPLE_CHARS = 1000
"""The start of an article is enough: ~4 ms an article, and the language rarely changes after it."""


HIGH_ACCURACY_BELOW = 200
"""Characters: shorter text is read with lingua's high-accuracy models."""


@lru_cache(maxsize=2)
def _detector(high_accuracy: bool) -> LanguageDetector:
    # models preloaded: loaded lazily, a script's models come one language at a time (~8 s)
    builder = LanguageDetectorBuilder.from_languages(*LANGUAGES)
    if not high_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.with_preloaded_language_models().build()


def _detector_for(text: str) -> LanguageDetector:
    return _detector(len(text) < HIGH_ACCURACY_BELOW)


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
    sample = text[:_SAMPLE_CHARS]
    language = _detector_for(sample).detect_language_of(sample)
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
    if (prose := _prose(text)) and _detector_for(prose).detect_language_of(prose) == Language.ENGLISH:
        return True
    if len(text) >= HIGH_ACCURACY_BELOW:
        return False
    return _detector(True).compute_language_confidence(text, Language.ENGLISH) >= _ENGLISH_PLAUSIBLE


def model_language(text: str, language: str | None) -> str | None:
    """The language the entity tagger should read ``text`` (detected as ``language``) in:
    English wherever :func:`reads_as_english`."""
    return "en" if reads_as_english(text, language) else language


def warm_up() -> None:
    """Load both modes' models now (a worker must not stall on its first short text)."""
    _detector(True)
    _detector(False)


def claimed() -> list[tuple[str, str]]:
    """``(iso code, English name)`` of every language the detector can answer."""
    return [(lang.iso_code_639_1.name.lower(), lang.name.title()) for lang in LANGUAGES]
