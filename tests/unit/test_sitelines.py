"""Site furniture: a paragraph a site prints on many of its pages is furniture; versions of the
same page, replays and a page's only text are not."""

from newsflow.pipeline import run_stages
from newsflow.schema import PLAIN, RawArticle
from newsflow.text import sitelines
from newsflow.text.sitelines import SiteMemory, line_keys, pack, repeated, unpack

BLURB = "% of readers think this story is Fact. Add your two cents."


def page(n: int, *extra: str) -> list[str]:
    return [f"Story {n} opens with its own first paragraph about topic number {n}.",
            f"Its second paragraph, number {n}, goes on with the details of the story.", *extra]


def history(*pages: list[str]) -> list[tuple[str, frozenset[int]]]:
    return [(f"p{i}", frozenset(line_keys(lines))) for i, lines in enumerate(pages)]


def test_a_line_on_enough_other_pages_of_the_site_is_furniture():
    lines = page(9, BLURB)
    seen = history(*(page(i, BLURB) for i in range(sitelines.MIN_PAGES)))
    assert repeated(line_keys(lines), seen, "p9") == [False, False, True]
    assert not any(repeated(line_keys(lines), seen[1:], "p9"))  # one page short


def test_versions_of_the_same_page_and_replays_do_not_count():
    lines = page(1, BLURB)
    versions = history(*(page(1, BLURB, f"Update {i}: a line added later.") for i in range(5)))
    assert not any(repeated(line_keys(lines), versions, "p9"))
    replays = [("p9", frozenset(line_keys(page(i, BLURB)))) for i in range(5)]
    assert not any(repeated(line_keys(lines), replays, "p9"))
    same_id_twice = [*history(page(2, BLURB), page(3, BLURB)), ("p0", frozenset(line_keys(page(4, BLURB))))]
    assert not any(repeated(line_keys(lines), same_id_twice, "p9"))  # p0 counts once


def test_a_page_is_never_emptied():
    seen = history(*(page(i, BLURB, "Share this") for i in range(5)))
    assert repeated(line_keys([BLURB, "Share this"]), seen, "p9") == [False, False]
    assert repeated(line_keys([BLURB]), seen, "p9") == [False]


def test_memory_keeps_the_newest_pages_of_the_most_recent_sites():
    memory = SiteMemory(pages=2, sites=2)
    for i in range(3):
        memory.remember("a.com", f"a{i}", [i])
    memory.remember("b.com", "b0", [7])
    memory.remember(None, "x", [1])
    assert [page_id for page_id, _ in memory.recent("a.com")] == ["a2", "a1"]
    memory.remember("c.com", "c0", [8])
    assert memory.recent("a.com") == [] and memory.recent("b.com") == [("b0", frozenset({7}))]
    assert memory.recent(None) == []


def test_pack_round_trip():
    keys = line_keys(["One line.", "Another line.", "One line."])
    for page_id in ("page/1", "odd\0id\u00e9", ""):
        assert unpack(pack(page_id, keys)) == (page_id, frozenset(keys))


def test_run_stages_takes_a_sites_repeated_paragraph_out():
    memory = SiteMemory()
    body = ("{n} The council approved the budget for next year after a long debate on Tuesday.\n\n"
            "{n} Opposition members said the plan did too little for schools and for public transport.\n\n")
    for i in range(4):
        (out,) = run_stages(RawArticle(id=f"p{i}", content=body.format(n=i) + BLURB, content_type=PLAIN, url=f"https://www.site.com/{i}"),
                            ["clean"], sites=memory)
    assert BLURB not in out.text and out.text.startswith("3 The council")
    assert out.provenance["removed"][sitelines.REASON] == 1
    (other,) = run_stages(RawArticle(id="q", content=body.format(n=5) + BLURB, content_type=PLAIN, url="https://other.org/x"),
                          ["clean"], sites=memory)
    assert BLURB in other.text
