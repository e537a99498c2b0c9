"""The cleaner on literal strings: offsets into the raw text, HTML blocks, hostile input."""

import textwrap
import time

import pytest

from newsflow.schema import HTML, PLAIN, RawArticle
from newsflow.text.clean import clean, visible_text_lines


def raw(content, content_type=PLAIN):
    return RawArticle(id="t", content=content, content_type=content_type)


P1 = "The minister said on Monday that the new rules would take effect next year across the country."
P2 = "Critics argued that the changes had been rushed through parliament without a proper debate."


def test_plain_spans_point_into_the_raw_text():
    content = f"Home\nThe Title of the Story Here\n\n  {P1[:20]}\u00ad{P1[20:]}  \r\nA short one.\n{P2}\n"
    result = clean(raw(content))
    assert [(b.kind, b.text) for b in result.blocks] == [
        ("title", "The Title of the Story Here"), ("body", P1), ("body", "A short one."), ("body", P2)]
    for block in result.blocks:
        assert content[block.start : block.end].strip() == content[block.start : block.end]
        assert content[block.start : block.end].replace("\u00ad", "") == block.text
    assert result.removed == {"short": 1}


def test_hard_wrapped_text_keeps_its_paragraphs():
    # as html2text or lynx save a page: every paragraph broken at 72 characters
    paragraphs = [f"{P1} {P2} {P1}", f"{P2} {P1} {P2}", f"{P1} {P2}"]
    content = "\n\n".join(["The Title of the Story Here", *("\n".join(textwrap.wrap(p, 72)) for p in paragraphs)])
    result = clean(raw(content))
    assert [(b.kind, b.text) for b in result.blocks] == [("title", "The Title of the Story Here"),
                                                         *(("body", p) for p in paragraphs)]


def test_plain_text_date_is_read_off_the_header_not_the_body():
    content = f"Home\n12.11.2019\nThe Title of the Story Here\n10.12.2022 18:27\n{P1}\n{P2} It was 3 May 2021.\n"
    assert clean(raw(content)).published == "2022-12-10"  # under the headline; not the menu's, not the text's
    assert clean(raw(f"The Title of the Story Here\n{P1}\n{P2} It was 3 May 2021.\n")).published is None


def test_html_metadata_dates_become_iso_and_non_dates_are_dropped():
    def page(value):
        return (f"<html><head><meta property='article:published_time' content='{value}'></head>"
                f"<body><article><p>{P1}</p><p>{P2}</p></article></body></html>")

    assert clean(raw(page("14/01/2020"), HTML)).published == "2020-01-14"
    assert clean(raw(page("2020-02-24T14:32:00Z"), HTML)).published == "2020-02-24T14:32:00+00:00"
    assert clean(raw(page("PT15M"), HTML)).published is None


def test_html_date_from_json_ld_or_the_next_source_that_reads_as_one():
    body = f"<article><p>{P1}</p><p>{P2}</p></article>"
    json_ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-03-08T10:00:00Z"}</script>'
    assert clean(raw(f"<html><head>{json_ld}</head><body>{body}</body></html>", HTML)).published == "2021-03-08T10:00:00+00:00"
    not_a_date = "<meta itemprop='datePublished' content='PT15M'>"
    page = f"<html><head>{not_a_date}</head><body><time datetime='2019-05-01'>May 1</time>{body}</body></html>"
    assert clean(raw(page, HTML)).published == "2019-05-01"


def test_html_without_a_date_in_its_metadata_takes_the_one_over_its_text():
    body = (f"<article><h1>New Rules Pass After Heated Debate</h1><p>Veröffentlicht am 3. März 2019</p>"
            f"<p>{P1}</p><p>{P2}</p><p>On 4 April 2020 the rules were reviewed.</p></article>")
    assert clean(raw(f"<html><body>{body}</body></html>", HTML)).published == "2019-03-03"
    meta = '<meta property="article:published_time" content="2019-03-05">'
    assert clean(raw(f"<html><head>{meta}</head><body>{body}</body></html>", HTML)).published == "2019-03-05"


def test_html_authors_are_the_people_json_ld_names_before_the_author_meta():
    json_ld = ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "author": ['
               '{"@type": "Person", "name": "Lindsey O&#039;Donnell"}, {"@type": "Organization", "name": "Threatpost"}]}]}'
               '</script><script type="application/ld+json">{not json</script>')
    page = (f"<html><head>{json_ld}<meta name='author' content='Threatpost Staff'></head>"
            f"<body><article><p>{P1}</p><p>{P2}</p></article></body></html>")
    assert clean(raw(page, HTML)).authors == ["Lindsey O'Donnell"]
    assert clean(raw(page.replace('"Person"', '"Organization"'), HTML)).authors == ["Threatpost Staff"]


def test_html_blocks_without_scripts_and_with_title():
    page = (
        "<html><head><title>The Title</title><style>p{}</style></head><body>"
        f"<script>var x = 1;</script><article><p>{P1[:30]}<a href='#'>{P1[30:50]}</a>{P1[50:]}</p><p>{P2}</p>"
        "</article></body></html>"
    )
    result = clean(raw(page, HTML))
    assert result.title == "The Title"
    assert [b.text for b in result.blocks] == [P1, P2]
    assert all(b.start is None for b in result.blocks)


def test_deeply_nested_html_finishes():
    page = "<div>" * 100_000 + P1 + "</div>" * 100_000
    started = time.perf_counter()
    result = clean(raw(page, HTML))
    assert [b.text for b in result.blocks] == [P1]
    assert result.flags == ["html_too_deep"]
    assert time.perf_counter() - started < 60  # a hang guard, not a benchmark


def test_deep_fallback_keeps_blocks_and_drops_scripts():
    page = "<div>" * 2000 + f"<p>One &amp; {P1}</p><script>var a = '<p>no</p>';</script><p>{P2[:9]}<b>{P2[9:]}</b></p>"
    result = clean(raw(page, HTML))
    assert [b.text for b in result.blocks] == [f"One & {P1}", P2]


def test_deep_fallback_with_many_unclosed_scripts_finishes():
    page = "<div>" * 2000 + f"<p>{P1}</p>" + "<script>" * 200_000
    started = time.perf_counter()
    assert [b.text for b in clean(raw(page, HTML)).blocks] == [P1]
    assert time.perf_counter() - started < 60  # a hang guard, not a benchmark


def test_unclosed_angle_brackets_stay_linear():
    page = f"<p>{P1}</p><p>" + "<" * 300_000 + "</p>"
    started = time.perf_counter()
    result = clean(raw(page, HTML))
    assert result.blocks[0].text == P1
    assert time.perf_counter() - started < 60  # a hang guard, not a benchmark


def test_long_runs_do_not_backtrack():
    content = ("a" * 200_000 + " ") * 5 + "\n" + "\t " * 100_000 + P1
    started = time.perf_counter()
    result = clean(raw(content))
    assert result.blocks[-1].text == P1
    assert time.perf_counter() - started < 60  # a hang guard, not a benchmark


@pytest.mark.parametrize("content_type", [PLAIN, HTML])
def test_a_page_of_one_hard_wrapped_paragraph_is_joined_in_linear_time(content_type):
    # 16 MB of one paragraph wrapped at 70 characters (<br> in HTML): joined part by part once, not
    # by concatenating onto the growing text (quadratic: ~60 s for 9 MB before)
    lines = textwrap.wrap(" ".join([P1] * 160_000), 70)
    content = "\n".join(lines) if content_type == PLAIN else "<p>" + "<br>\n".join(lines) + "</p>"
    started = time.perf_counter()
    [block] = clean(raw(content, content_type)).blocks
    assert block.text == " ".join([P1] * 160_000)
    assert time.perf_counter() - started < 60  # a hang guard, not a benchmark


@pytest.mark.parametrize("paragraphs", [[P1, P2], [P1, P2] * 4])  # thin: read by trafilatura; long: by the rules
def test_an_html_headline_that_is_the_title_is_not_repeated_in_the_text(paragraphs):
    headline = "Council approves budget that opposition calls too little for schools and transport?"
    body = "".join(f"<p>{k}. {p}</p>" for k, p in enumerate(paragraphs))
    page = f"<html><head><title>{headline}</title></head><body><main><h1>{headline}</h1>{body}</main></body></html>"
    result = clean(raw(page, HTML))
    assert result.title == headline
    assert [b.kind for b in result.blocks if b.text == headline] == ["title"]
    alone = clean(raw(f"<html><head><title>{headline}</title></head><body><p>{headline}</p></body></html>", HTML))
    assert [(b.kind, b.text) for b in alone.blocks] == [("body", headline)]  # a page's only line stays its text


def test_thin_html_main_content_is_read_again_by_trafilatura(monkeypatch):
    from newsflow.text import clean as clean_mod

    asked = []
    longer = [P1, P2, P1.replace("Monday", "Tuesday")]
    monkeypatch.setattr(clean_mod, "_trafilatura_lines", lambda content: asked.append(content) or longer)
    result = clean(raw(f"<html><body><article><p>{P1}</p></article></body></html>", HTML))
    assert [b.text for b in result.blocks] == longer and [b.kind for b in result.blocks] == ["body"] * 3
    assert "trafilatura_main_content" in result.flags and len(asked) == 1

    rich = "<html><body><article>" + "".join(f"<p>{k}. {P1} {P2}</p>" for k in range(4)) + "</article></body></html>"
    result = clean(raw(rich, HTML))
    assert len(asked) == 1  # over 100 words of body: trafilatura is not asked
    assert "trafilatura_main_content" not in result.flags


def test_trafilatura_reads_a_thin_page_for_real():
    from newsflow.text.clean import _trafilatura_lines

    page = f"<html><body><nav><a href='/'>Home</a></nav><main><p>{P1}</p><p>{P2}</p></main></body></html>"
    assert _trafilatura_lines(page) == [P1, P2]


def test_a_naive_scrape_saves_a_block_or_a_text_node_a_line():
    page = ("<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav><p>Spotted by <a href='x'>Mike "
            "Rundle</a> on Twitter, the feature works on <b>new</b> phones.</p><script>var x = 1;</script></body></html>")
    assert visible_text_lines(page) == ["Home", "Spotted by Mike Rundle on Twitter, the feature works on new phones."]
    assert visible_text_lines(page, text_nodes=True) == [
        "Home", "Spotted by", "Mike Rundle", "on Twitter, the feature works on", "new", "phones."]
    # read as plain text, the sentence broken at its link and bold word is one paragraph again
    kept = clean(RawArticle(id="t", content="\n".join(visible_text_lines(page, text_nodes=True)), content_type=PLAIN))
    assert "Mike Rundle on Twitter, the feature works on new phones." in [b.text for b in kept.blocks][-1]


def test_metadata_authors_that_read_as_bylines_are_read_as_bylines():
    from newsflow.text.clean import _declared_names

    assert _declared_names(["Von Vanessa Franke"]) == ["Vanessa Franke"]
    assert _declared_names(["By Glen Owen And Brendan Carlin For The Mail On Sunday"]) == ["Glen Owen", "Brendan Carlin"]
    assert _declared_names(["Süddeutsche.de GmbH, Munich, Germany", "Jane Doe"]) == ["Süddeutsche.de GmbH, Munich, Germany", "Jane Doe"]


def test_calls_to_subscribe_under_an_html_article_are_furniture():
    paragraphs = [f"{k}. {p}" for k, p in enumerate([P1, P2] * 4)]
    closing = ["Subscribe now to our print edition for the full story.",
               "Follow us on Twitter and Instagram and like us on Facebook for the latest news."]
    body = "".join(f"<p>{p}</p>" for p in paragraphs + closing)
    result = clean(raw(f"<html><body><article>{body}</article></body></html>", HTML))
    assert [b.text for b in result.blocks if not b.furniture] == paragraphs
    assert [b.text for b in result.blocks if b.furniture] == closing
