"""Raw-message validation: every kind of bad input is rejected with its reason code, and ids
are derived deterministically. Pure; no services."""

import orjson
import pytest

from newsflow.schema import HTML, PLAIN, Article, Block, RawArticle, Rejected, is_binary, sniff_content_type


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{not json", "bad_json"),
        (b'{"content": "caf\xe9"}', "invalid_utf8"),
        (b"[1, 2]", "not_an_object"),
        (b'{"id": "x"}', "missing_content"),
        (b'{"content": "   \\n\\t  "}', "empty_content"),
        (b'{"content": ""}', "empty_content"),
        (b'{"content": "abc\\u0000\\u0001def"}', "binary_content"),
        (b'{"content": 12}', "bad_field"),
        (b'{"content": "x", "meta": [1]}', "bad_field"),
        (b'{"content": "x", "content_type": "application/pdf"}', "bad_field"),
        (b'{"content": "x", "authors": {"a": 1}}', "bad_field"),
    ],
)
def test_bad_input_is_rejected_with_reason(data, reason):
    with pytest.raises(Rejected) as info:
        RawArticle.from_bytes(data)
    assert info.value.reason == reason


def test_a_message_without_content_names_the_fields_it_has():
    """A scraper's own name for the text ("maintext", "body") shows in the rejection at once."""
    with pytest.raises(Rejected, match=r"no 'content' field \(it has 'url', 'maintext'\)"):
        RawArticle.from_bytes(b'{"url": "https://example.org/a", "maintext": "Text"}')


def test_a_byte_order_mark_before_the_json_is_passed_over():
    raw = RawArticle.from_bytes(b'\xef\xbb\xbf{"id": "x", "content": "Hello"}')
    assert (raw.id, raw.content) == ("x", "Hello")


def test_too_large_is_rejected_before_parsing():
    data = orjson.dumps({"content": "x" * 2_000_000})
    with pytest.raises(Rejected) as info:
        RawArticle.from_bytes(data, max_bytes=1_000_000)
    assert info.value.reason == "too_large"


def test_id_is_kept_or_derived_from_url_then_content():
    assert RawArticle.from_obj({"id": 7, "content": "a"}).id == "7"
    by_url = RawArticle.from_obj({"url": "http://a.com/x", "content": "a"}).id
    assert by_url == RawArticle.from_obj({"url": "http://a.com/x", "content": "b"}).id
    by_content = RawArticle.from_obj({"content": "same text"}).id
    assert by_content == RawArticle.from_obj({"content": "same text"}).id
    assert by_content != RawArticle.from_obj({"content": "other text"}).id


def test_authors_from_string_or_list():
    assert RawArticle.from_obj({"content": "a", "authors": "Ruth Harris, Bob Li"}).authors == ["Ruth Harris", "Bob Li"]
    assert RawArticle.from_obj({"content": "a", "authors": ["A"]}).authors == ["A"]


def test_content_type_sniffing():
    assert sniff_content_type("<!DOCTYPE html><html><body><p>x</p></body></html>") == HTML
    assert sniff_content_type("  <div class=a><p>Hello</p></div>") == HTML
    assert sniff_content_type("Plain text with a < b and c > d.") == PLAIN
    assert RawArticle.from_obj({"content": "Hello"}).content_type == PLAIN


def test_article_round_trips_through_bytes():
    article = Article(id="a", parent_id="a", text="t", entities=[{"text": "X", "label": "ORG"}])
    again = Article.from_bytes(article.to_bytes())
    assert again == article
    assert orjson.loads(article.to_bytes())["schema_version"] == 1


def test_a_cleaned_message_from_a_newer_cleaner_still_parses():
    # during a rolling upgrade the segmenter reads messages whose blocks carry fields it does not know
    article = Article(id="a", parent_id="a", text="t", blocks=[Block("t", "body", 0, 1, False, True)])
    obj = orjson.loads(article.to_bytes())
    obj["blocks"][0]["reading_order"] = 3
    obj["added_later"] = "x"
    assert Article.from_bytes(orjson.dumps(obj)) == article


@pytest.mark.parametrize(
    ("declared", "read_as"),
    [("text/plain", PLAIN), ("text/html; charset=UTF-8", HTML), (" Text/HTML ", HTML),
     ("application/xhtml+xml", HTML), ("text/plain;charset=windows-1252", PLAIN)],
)
def test_content_type_is_read_as_a_media_type(declared, read_as):
    """Scrapers often save the HTTP header's value, parameters and all."""
    assert RawArticle.from_obj({"content": "<p>x</p>", "content_type": declared}).content_type == read_as


def test_a_page_with_a_few_stray_nul_characters_is_text():
    """A real page (one of html-dev's) carries 22 NULs in 190 KB after an image tag: text all the same."""
    content = "<p>" + "Noticia del día. " * 2000 + "\x00" * 22 + "</p>"
    raw = RawArticle.from_obj({"content": content})
    assert raw.content == content
    assert not is_binary(content)
    assert is_binary("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
