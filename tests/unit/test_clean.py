"""The cleaner on literal strings: offsets into the raw text, HTML blocks, hostile input."""

import time

from newsflow.schema import HTML, PLAIN, RawArticle
from newsflow.text.clean import clean


def raw(content, content_type=PLAIN):
    return RawArticle(id="t", content=content, content_type=content_type)


def test_plain_spans_point_into_the_raw_text():
    content = "Title here\n\n  First para\u00ad graph.  \r\nSecond.\n"
    result = clean(raw(content))
    assert [b.text for b in result.blocks] == ["Title here", "First para graph.", "Second."]
    for block in result.blocks:
        assert content[block.start : block.end].strip() == content[block.start : block.end]
        assert content[block.start : block.end].replace("\u00ad", "") == block.text


def test_html_blocks_without_scripts_and_with_title():
    page = (
        "<html><head><title>The Title</title><style>p{}</style></head><body>"
        "<script>var x = 1;</script><p>Hello <a href='#'>world</a> again.</p><ul><li>one</li><li>two</li></ul>"
        "</body></html>"
    )
    result = clean(raw(page, HTML))
    assert result.title == "The Title"
    assert [b.text for b in result.blocks] == ["Hello world again.", "one", "two"]
    assert all(b.start is None for b in result.blocks)


def test_deeply_nested_html_finishes():
    page = "<div>" * 100_000 + "deep text" + "</div>" * 100_000
    started = time.perf_counter()
    result = clean(raw(page, HTML))
    assert [b.text for b in result.blocks] == ["deep text"]
    assert result.flags == ["html_too_deep"]
    assert time.perf_counter() - started < 60  # a hang guard, not a benchmark


def test_deep_fallback_keeps_blocks_and_drops_scripts():
    page = "<div>" * 2000 + "<p>One &amp; two</p><script>var a = '<p>no</p>';</script><p>Three <b>four</b></p>"
    result = clean(raw(page, HTML))
    assert [b.text for b in result.blocks] == ["One & two", "Three four"]


def test_deep_fallback_with_many_unclosed_scripts_finishes():
    page = "<div>" * 2000 + "<p>kept</p>" + "<script>" * 200_000
    started = time.perf_counter()
    assert [b.text for b in clean(raw(page, HTML)).blocks] == ["kept"]
    assert time.perf_counter() - started < 60  # a hang guard, not a benchmark


def test_unclosed_angle_brackets_stay_linear():
    page = "<p>" + "<" * 300_000 + "</p>"
    result = clean(raw(page, HTML))
    assert result.blocks


def test_long_runs_do_not_backtrack():
    content = ("a" * 200_000 + " ") * 5 + "\n" + "\t " * 100_000 + "x"
    result = clean(raw(content))
    assert result.blocks[-1].text == "x"
