"""The stages composed offline, on the bundled sample pages and literal strings."""

import pytest

from newsflow.pipeline import clean_stage, run_stages, segment_stage, tag_stage
from newsflow.schema import Article, RawArticle, Rejected
from tests.conftest import SAMPLES


def sample(name):
    path = next(SAMPLES.glob(f"{name}*"))
    return RawArticle.from_obj({"id": path.name, "content": path.read_text(encoding="utf-8")})


def test_every_sample_gives_articles_with_contract_fields():
    for path in sorted(SAMPLES.glob("*.txt")):
        articles = list(run_stages(sample(path.name[:3])))
        assert articles
        for a in articles:
            d = a.to_dict()
            for field in ("id", "parent_id", "segment", "segments", "url", "source", "title", "authors", "published",
                          "description", "text", "spans", "language", "entities", "topics", "keywords",
                          "duplicate_of", "quality", "versions"):
                assert field in d
            assert d["parent_id"] == path.name
            assert d["language"] == "en"
            assert "blocks" not in d
            assert set(d["quality"]) == {"boilerplate_ratio", "spun"}


def test_the_clean_stage_reads_the_header_of_plain_text_as_the_segmenter_does():
    page = clean_stage(sample("003"))  # not split: the first article's header is the page's
    first = segment_stage(page)[0]
    assert (page.title, page.authors) == (first.title, first.authors) == (
        "Russia to respond after massive drone attack hits Syrian base", ["Alexander Mercouris"])
    dated = clean_stage(RawArticle.from_obj({"id": "d", "content": "The Title of the Story Here\nBy Ann Lee | 3 May 2021\n"
                                             "The minister said on Monday that the new rules would take effect next year.\n"
                                             "Critics argued that the changes had been rushed through without a debate.\n"}))
    assert (dated.authors, dated.published) == (["Ann Lee"], "2021-05-03")
    hinted = RawArticle.from_obj({"id": "h", "content": "A short page.", "published": "May 3, 2021"})
    assert clean_stage(hinted).published == "2021-05-03"  # the scraper's hint, as ISO 8601


def test_a_short_run_set_apart_after_the_article_leaves_its_text():
    article = [
        "The minister said on Monday that the new rules would take effect early next year, after a vote.",
        "Critics argued that the changes had been rushed through parliament without a proper debate.",
        "The opposition leader called the bill a mistake and promised to repeal it after the election.",
        "Business groups welcomed the rules but asked for more time to adapt their systems and staff.",
        "A spokesman for the ministry said the timetable would not change, whatever the critics said.",
    ]
    bio = "Ann Lee covers politics for the paper and has reported from the capital since the last election."
    menu = [f"Section number {k} of the site" for k in range(12)]  # 12 short lines: furniture, 380 characters

    def cleaned(lines):
        return clean_stage(RawArticle.from_obj({"id": "p", "content": "\n".join(lines), "content_type": "text/plain"}))

    apart = cleaned([*article, *menu, bio])
    assert bio not in apart.text and article[-1] in apart.text
    assert apart.provenance["removed"]["trailing"] == 1
    (only,) = segment_stage(apart)  # the segmenter still reads it, as the article's
    assert bio not in only.text and len(only.spans) == len(article)  # untitled: a span a paragraph
    assert bio in cleaned([*article, bio, *menu]).text  # right after the article: its last paragraph
    assert bio in cleaned([bio, *menu, *article]).text  # before the article's run: a dek, an intro



def test_a_note_on_the_author_under_the_article_leaves_its_text():
    article = ["The Title of the Story Here", "By Ann Lee | 3 May 2021",
               "The minister said on Monday that the new rules would take effect early next year, after a vote.",
               "Critics argued that the changes had been rushed through parliament without a proper debate.",
               "The opposition leader called the bill a mistake and promised to repeal it after the election."]
    note = "Ann Lee covers politics for the paper and has reported from the capital since the last election."
    page = clean_stage(RawArticle.from_obj({"id": "p", "content": "\n".join([*article, note]), "content_type": "text/plain"}))
    assert page.authors == ["Ann Lee"] and note not in page.text and article[-1] in page.text
    assert page.provenance["removed"]["author_note"] == 1
    (only,) = segment_stage(page)
    assert note not in only.text and len(only.spans) == 1 + 3  # the title and the three paragraphs
    # a paragraph that names someone else, or the author mid-sentence, is the article's
    for kept in ["Ann Leeds covers politics for the paper and has reported from the capital since the election.",
                 "Asked about it, Ann Lee said the paper had reported from the capital since the last election."]:
        assert kept in clean_stage(RawArticle.from_obj({"id": "q", "content": "\n".join([*article, kept]),
                                                        "content_type": "text/plain"})).text

def test_a_notice_under_an_article_of_a_dump_leaves_its_text():
    # sample 003's second article ends on its author's Patreon appeal, mid-page: the cleaner, which
    # reads the page's own end, keeps it; the segmenter reads each article's end but the last
    appeal = "Please support the production of independent and alternative political and financial commentary"
    last = "By then Theresa May will be a distant memory, being properly rewarded by her masters"
    page = clean_stage(sample("003"))
    assert appeal in page.text
    articles = segment_stage(page)
    assert articles[1].title == "May Forces Brexit Betrayal to its Crisis Point"
    assert appeal not in articles[1].text and articles[1].text.split("\n\n")[-1].startswith(last)


def test_ids_are_deterministic():
    first = [a.id for a in run_stages(sample("003"))]
    assert first == [a.id for a in run_stages(sample("003"))]


def test_spans_cover_the_text_paragraphs():
    raw = sample("001")
    (article,) = segment_stage(clean_stage(raw))
    paragraphs = article.text.split("\n\n")
    title_span, *spans = article.spans  # the title's offsets come first
    assert raw.content[slice(*title_span)] == article.title
    for (start, end), para in zip(spans, paragraphs, strict=True):
        assert raw.content[start:end].split() == para.split()


def test_tag_stage_keeps_text_and_reads_credibility():
    article = Article(id="x", parent_id="x", text="Der Bundestag hat heute ein neues Gesetz beschlossen.",
                      source={"domain": "100percentfedup.com", "credibility": []})
    tagged = tag_stage(article)
    assert tagged.text == article.text
    assert tagged.language == "de"
    assert tagged.source["credibility"] == ["bias"]
    assert tagged.quality["spun"] is None  # English only


def test_page_with_nothing_left_is_rejected():
    with pytest.raises(Rejected) as info:
        clean_stage(RawArticle(id="x", content="<script>1</script>", content_type="text/html"))
    assert info.value.reason == "no_text"


@pytest.mark.parametrize(("content", "language"), [
    ("El gobierno anunció ayer nuevas medidas económicas.", "es"),
    ("Der Zug nach Berlin kommt heute später", "de"),
    ("Это было очень давно, когда мы жили в деревне.", "ru"),
])
def test_a_one_line_page_is_its_own_article(content, language):
    (article,) = run_stages(RawArticle(id="x", content=content, content_type="text/plain"))
    assert article.text == content
    assert article.language == language


def test_a_page_of_menu_words_is_rejected():
    with pytest.raises(Rejected) as info:
        clean_stage(RawArticle(id="x", content="Home\nAbout\nContact", content_type="text/plain"))
    assert info.value.reason == "no_text"


def test_one_failing_article_does_not_fail_its_batch(monkeypatch):
    import newsflow.pipeline as pipeline

    real = pipeline.kw_mod.keywords

    def keywords(text, language):
        if "poison" in text:
            raise ValueError("boom")
        return real(text, language)

    monkeypatch.setattr(pipeline.kw_mod, "keywords", keywords)
    batch = [Article(id=str(i), parent_id=str(i), text=t) for i, t in
             enumerate(["Angela Merkel visited Paris.", "A poison pill.", "Emmanuel Macron met her."])]
    first, failed, last = pipeline.tag_batch_each(batch)
    assert isinstance(failed, ValueError)
    assert [e["canonical"] for e in first.entities] == ["Angela Merkel", "Paris"]
    assert [e["canonical"] for e in last.entities] == ["Emmanuel Macron"]


def test_topics_read_the_title_too():
    text = "He said on Tuesday that the decision had been a long time coming and that he was relieved."
    untitled = tag_stage(Article(id="t", parent_id="t", text=text))
    titled = tag_stage(Article(id="t", parent_id="t", text=text, title="Striker scores twice as league leaders win cup final"))
    assert "sport" not in [t["label"] for t in untitled.topics]
    assert titled.topics[0]["label"] == "sport"
    assert titled.text == text and all(text[e["start"]:e["end"]] == e["text"] for e in titled.entities)


def test_the_names_a_reader_sees_first_come_each_under_one_canonical_name():
    found: dict[str, set[str]] = {}  # canonical name -> labels, over all sample articles
    texts: dict[str, set[str]] = {}  # canonical name -> how it was written
    for path in sorted(SAMPLES.glob("*.txt")):
        for article in run_stages(sample(path.name[:3])):
            for e in article.entities:
                found.setdefault(e["canonical"], set()).add(e["label"])
                texts.setdefault(e["canonical"], set()).add(e["text"])
    expected = {"Vladimir Putin": "PERSON", "Bashar al-Assad": "PERSON", "Sergey Shoigu": "PERSON",
                "Islamic State": "ORG", "Syrian Arab Army": "ORG", "Deir ez-Zor": "LOC", "Idlib": "LOC",
                "Theresa May": "PERSON", "Julian Assange": "PERSON", "WikiLeaks": "ORG", "Ecuador": "LOC",
                "Emmanuel Macron": "PERSON"}
    assert {name: found.get(name) for name in expected} == {name: {label} for name, label in expected.items()}
    assert {"Deir Ezzor", "Deir ez-Zor"} <= texts["Deir ez-Zor"]  # spelt two ways, one entity
    assert not {"Deir", "Bashar", "Shoigu", "Assad", "Isis", "Deir Ezzor"} & set(found)  # no short or variant duplicates
