"""A page's title read off its address (newsflow.text.slug) and picked by it from plain text."""

import pytest

from newsflow.pipeline import clean_stage, segment_stage
from newsflow.schema import PLAIN, RawArticle
from newsflow.text.slug import share, slug_words
from tests.unit.test_segment import STORY_A


@pytest.mark.parametrize(("url", "words"), [
    ("https://www.stylegart.de/naturkosmetik-doch-gesuender/", {"natur", "doch", "gesue"}),
    ("https://www.bbc.com/news/world-us-canada-52241221", {"world", "canad"}),  # figures and two letters left out
    ("https://example.org/2020/01/05/storm-ciara.html", {"storm", "ciara"}),
    ("https://www.lemonde.fr/societe/article/2020/02/19/l-ecole-d-apres_6030000_3224.html", {"ecole", "apres"}),
    ("https://example.com/article/12345", set()),  # no part with two words
    (None, set()),
])
def test_slug_words_are_the_last_path_part_with_two_words(url, words):
    assert slug_words(url) == words


def test_a_line_holds_the_slug_with_its_accents_and_umlauts_spelt_either_way():
    words = slug_words("https://www.stylegart.de/naturkosmetik-doch-gesuender/")
    assert share("Naturkosmetik – doch gesünder?", words) == 1.0
    assert share("Naturkosmetik: gesünder", words) == pytest.approx(2 / 3)
    assert share("Alles über Naturkosmetik", words) == 0.0  # a single word found: no match at all
    assert share("Ist Naturkosmetik doch gesunder?", slug_words("https://x.com/naturkosmetik-doch-gesunder")) == 1.0


PAGE = "\n".join([
    "Borrowers Brace For Another Painful Year",  # a breadcrumb's last item: the headline printed twice
    "Markets",
    "Economy",
    "Borrowers Brace For Another Painful Year",
    "Read Our Latest Market Coverage Here",
    *STORY_A,
])
URL = "https://news.example.com/2019/03/03/borrowers-brace-for-another-painful-year/"
HEADLINE = "Borrowers Brace For Another Painful Year"


def test_the_line_that_spells_the_address_is_the_title_of_a_page_given_its_url():
    (unhinted,) = segment_stage(clean_stage(RawArticle(id="p", content=PAGE, content_type=PLAIN)))
    assert unhinted.title == "Read Our Latest Market Coverage Here"  # the title-like line over the text
    (found,) = segment_stage(clean_stage(RawArticle(id="p", content=PAGE, content_type=PLAIN, url=URL)))
    assert found.title == HEADLINE
    start, end = found.spans[0]
    assert PAGE[start:end] == HEADLINE
    assert found.text.startswith(STORY_A[0])
    # an address whose words no line holds changes nothing
    (other,) = segment_stage(clean_stage(RawArticle(id="p", content=PAGE, content_type=PLAIN, url="https://x.com/a/b/c")))
    assert other.title == unhinted.title
