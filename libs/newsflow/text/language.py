"""Language identification with lingua (its models ship inside the package)."""

from __future__ import annotations

from functools import lru_cache

from lingua import LanguageDetector, LanguageDetectorBuilder

VERSION = "lang-lingua-2.1.1-low"
_SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Low-accuracy mode uses trigram models only: ~60 MB instead of ~1 GB, and articles are long
    # enough that the larger n-grams add little.
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when lingua cannot tell."""
    language = _detector().detect_language_of(text[:_SAMPLE_CHARS])
    return language.iso_code_639_1.name.lower() if language is not None else None
