"""Language identification with lingua (its models ship inside the package).

High-accuracy mode (1- to 5-gram models): on single sentences lingua's published accuracy is
96% mean over its 75 languages in this mode against 93% with trigrams only (Spanish 97% vs 83%),
and scraped text often arrives a sentence at a time. The cost is memory: ~0.9 GB once the models
of a script are loaded, instead of ~0.1 GB.

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

VERSION = f"lang-lingua-2.1.1-high-{len(LANGUAGES)}"
_SAMPLE_CHARS = 1000
"""The start of an article is enough: ~4 ms an article, and the language rarely changes after it."""


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Preloaded: lazily, the first articles of each script would wait ~10 s for the models.
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_preloaded_language_models().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when lingua cannot tell."""
    language = _detector().detect_language_of(text[:_SAMPLE_CHARS])
    return language.iso_code_639_1.name.lower() if language is not None else None


_SHORT = 300
_ENGLISH_PLAUSIBLE = 0.02


def reads_as_english(text: str, language: str | None) -> bool:
    """Whether the English NER model applies: the detector says English, or the text is too short
    to tell and English is still a candidate. A line of names ("Angela Merkel visited Paris.") has
    few words of any language: lingua may answer Norwegian there, yet gives English a confidence
    of ~0.03-0.08, where German or Spanish sentences give it 0.00."""
    if language == "en":
        return True
    if len(text) > _SHORT:
        return False
    return _detector().compute_language_confidence(text, Language.ENGLISH) >= _ENGLISH_PLAUSIBLE


def claimed() -> list[tuple[str, str]]:
    """``(iso code, English name)`` of every language the detector can answer."""
    return [(lang.iso_code_639_1.name.lower(), lang.name.title()) for lang in LANGUAGES]
