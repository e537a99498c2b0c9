"""Segmentation on literal pages and the bundled samples: multi-article dumps split at their
titles, single articles stay whole, and the evidence becomes title, dek and authors."""

import math
from types import SimpleNamespace

import numpy as np
import pytest

from newsflow.pipeline import clean_stage, segment_stage
from newsflow.schema import PLAIN, RawArticle
from newsflow.text.boilerplate import author_names
from tests.conftest import SAMPLES

# Over 100 words each, like real stories (shorter parts of a page are not articles of their own).
# Real stories keep coming back to their own vocabulary; that cohesion is what the segmenter reads.
STORY_A = [
    "The central bank raised interest rates by half a point on Thursday, its third rise in rates this year.",
    "Bank officials said inflation remained far above the bank target and that more rate rises could follow.",
    "Mortgage lenders said repayments would climb for households as the bank rates and inflation rise.",
    "Economists had expected the bank to raise rates after inflation figures showed prices rising fast.",
    "The bank governor told reporters that rates would stay high until inflation was back near the target.",
    "Markets had priced in the rise, and bank shares moved little after the rates decision was announced.",
]
STORY_B = [
    "The home side scored twice in the final minutes to win the cup final in front of a full stadium.",
    "Their striker headed in the winner of the cup final from a corner as the stadium erupted.",
    "Supporters of the home side celebrated the cup win outside the stadium late into the night.",
    "The coach of the home side said winning the cup final was the proudest moment of his career.",
    "The visitors had led the final for most of the match before the home side struck twice late on.",
    "It was the first cup win for the home side in twenty years, and the stadium stayed full long after.",
]


def articles(text, doc_id="t"):
    return segment_stage(clean_stage(RawArticle(id=doc_id, content=text, content_type=PLAIN)))


def test_dump_with_titles_splits_into_articles():
    text = "\n\n".join(["Bank Raises Interest Rates Again", *STORY_A, "Home Side Wins The Cup Final", *STORY_B])
    found = articles(text, "dump")
    assert [a.id for a in found] == ["dump#0", "dump#1"]
    assert [a.title for a in found] == ["Bank Raises Interest Rates Again", "Home Side Wins The Cup Final"]
    assert found[1].text == "\n\n".join(STORY_B)
    assert all(a.segments == 2 for a in found)


def test_a_story_of_two_long_paragraphs_is_an_article_of_its_own():
    short = [" ".join(STORY_A[:3]), " ".join(STORY_A[3:])]
    found = articles("\n\n".join(["Bank Raises Interest Rates Again", *short, "Home Side Wins The Cup Final", *STORY_B]))
    assert [a.title for a in found] == ["Bank Raises Interest Rates Again", "Home Side Wins The Cup Final"]
    assert found[0].text == "\n\n".join(short)


def test_numbered_sections_of_a_list_article_stay_one_article():
    text = "\n\n".join(["Two Things That Happened This Week", "1. The Bank Raises Interest Rates Again", *STORY_A,
                       "2. The Home Side Wins The Cup Final", *STORY_B])
    (article,) = articles(text)
    assert "2. The Home Side Wins The Cup Final" in article.text.split("\n\n")


def test_single_article_with_a_subheading_stays_whole():
    text = "\n\n".join(["Bank Raises Interest Rates Again", *STORY_A[:2], "What comes next", *STORY_A[2:]])
    (article,) = articles(text, "one")
    assert article.id == "one"
    assert article.text == "\n\n".join([*STORY_A[:2], "What comes next", *STORY_A[2:]])  # the subheading is text


def test_untitled_dump_splits_where_the_subject_changes():
    (first, second) = articles("\n\n".join([*STORY_A, *STORY_B]), "untitled")
    assert first.text == "\n\n".join(STORY_A)
    assert second.text == "\n\n".join(STORY_B)


def rule_parts(text):
    """The parts the rules find (segment.candidates), before the learned check weighs them: what
    these tests are about; the check has its own (test_boundaries.py)."""
    from newsflow.text import segment

    groups, _ = segment.candidates(clean_stage(RawArticle(id="x", content=text, content_type=PLAIN)).blocks)
    return [segment.parts(group, opened=k > 0) for k, group in enumerate(groups)]


def test_a_paragraph_with_a_web_address_closes_the_story_before_it_not_the_next():
    # by its words (the cup, the stadium) it would open the next story; by its web address it
    # closes one ("Source: http://…"), so the cut found by content goes after it
    source = "Weekly Ledger readers find more reports on the cup final and the stadium at https://ledger.example.org/ every week."
    (first, second) = rule_parts("\n\n".join([*STORY_A, source, *STORY_B]))
    assert [b.text for b in first.body] == [*STORY_A, source]
    assert [b.text for b in second.body] == STORY_B


def test_a_headline_under_a_web_address_closing_the_story_above_opens_an_article_by_the_rules():
    from newsflow.text import segment

    # the two stories share their words (the bank, rates, inflation): by content they are one, and a
    # headline alone opens no article; the source's address under the first marks where it ends
    follow_up = [
        "The bank governor warned on Monday that interest rates could rise again if inflation stays high.",
        "Speaking to the bank's staff, the governor said the target for inflation was still far away.",
        "Rates have risen three times this year, and lenders have passed the bank rises on to households.",
        "The governor said the bank would watch prices and wages closely before the next rates decision.",
        "Some economists said the bank risked raising rates too far as inflation showed signs of easing.",
        "Bank shares rose slightly after the governor spoke, while the rates markets barely moved.",
    ]
    page = ["Bank Raises Interest Rates Again", *STORY_A, "Source: https://ledger.example.org/2026/11/bank-raises-rates",
            "Governor Warns Of Further Rate Rises", *follow_up]
    blocks = clean_stage(RawArticle(id="x", content="\n".join(page), content_type=PLAIN)).blocks
    groups, rows = segment.candidates(blocks)
    assert [g[0].text for g in groups] == ["Bank Raises Interest Rates Again", "Governor Warns Of Further Rate Rises"]
    assert rows is not None  # the learned check still settles it (short stories alike in words: joined)


def test_a_story_right_under_a_source_line_opens_an_article_though_no_headline_stands_over_it():
    from newsflow.text import segment

    # content cuts off (as in HTML): only the source line, the story above's last, marks the boundary
    source = "Source: https://ledger.example.org/2026/11/bank-raises-rates"
    blocks = clean_stage(RawArticle(id="x", content="\n".join([*STORY_A, source, *STORY_B]), content_type=PLAIN)).blocks
    groups, _ = segment.candidates(blocks, content_boundaries=False)
    assert [[b.text for b in g] for g in groups] == [[*STORY_A, source], STORY_B]


# What a naive scraper saves around each page's article (two sites): menus, teasers, footer links.
# Several headline-like teasers in a row are no article's header, so titles alone find no boundary.
FURNITURE_A = ["Home", "World", "Business", "Sport", "Weather", "Video", "Most read",
               "Markets Rally As Oil Prices Fall Sharply", "Five Things To Know Before Buying A House",
               "Storm Warning Issued For The Coast", "About us", "Contact us", "Terms of use", "Privacy policy",
               "Cookie settings", "Your privacy choices", "Report a technical problem", "Sitemap", "Help centre", "Download the app", "Manage preferences",
               "Copyright 2026 The Daily Example. All rights reserved."]
FURNITURE_B = ["Start", "Latest", "Politics", "Football", "Opinion", "Podcasts", "Trending now",
               "Ten Films To Watch This Weekend", "Why Train Fares Are Going Up Again",
               "The Best Walks In The National Park", "Imprint", "Careers", "Advertise with us",
               "Accessibility help", "Subscriptions", "Gift cards", "Reader offers", "Corrections",
               "Follow us on social media", "Sign up for our morning newsletter"]


def test_dump_of_whole_pages_splits_at_the_furniture_between_them():
    page_a = [*FURNITURE_A[:6], "Bank Raises Interest Rates Again", *STORY_A, *FURNITURE_A[6:]]
    page_b = [*FURNITURE_B[:6], "Home Side Wins The Cup Final", *STORY_B, *FURNITURE_B[6:]]
    first, second = articles("\n".join(page_a + page_b))
    assert (first.title, first.text) == ("Bank Raises Interest Rates Again", "\n\n".join(STORY_A))
    assert (second.title, second.text) == ("Home Side Wins The Cup Final", "\n\n".join(STORY_B))


def test_a_short_widget_break_inside_one_story_is_no_boundary():
    text = "\n".join(["Bank Raises Interest Rates Again", *STORY_A[:3], "Advertisement",
                      "The bank headquarters in the capital. Photo: REUTERS", *STORY_A[3:], *FURNITURE_A[6:]])
    (article,) = articles(text)
    assert article.text == "\n\n".join(STORY_A)


def test_untitled_dump_with_a_subheading_splits_between_stories_not_at_the_heading():
    first, second = articles("\n\n".join([*STORY_A[:3], "What comes next for rates", *STORY_A[3:], *STORY_B]))
    assert first.text == "\n\n".join([*STORY_A[:3], "What comes next for rates", *STORY_A[3:]])
    assert second.text == "\n\n".join(STORY_B)


def test_a_list_of_teasers_after_the_story_opens_no_article():
    # each blurb is a paragraph, but no run of paragraphs with nothing between them is article-long
    blurbs = [
        "The city council approved a plan on Monday to build two hundred new homes on the site of the old bus depot near the river.",
        "A new exhibition of paintings by local artists opens at the town museum this weekend, with free entry for children under twelve.",
        "Volunteers planted more than a thousand trees along the canal path in a project that organisers hope to repeat every spring.",
        "The library will extend its opening hours during the exam season so that students have a quiet place to study in the evenings.",
        "Police have asked drivers to avoid the ring road on Saturday while a charity cycle race passes through the centre of town.",
    ]
    page = ["Bank Raises Interest Rates Again", *STORY_A, "More from the Daily Example"]
    for blurb in blurbs:
        page += [blurb, "Read more"]
    (article,) = articles("\n".join(page))
    assert article.text.startswith("\n\n".join(STORY_A))


def test_photo_credits_that_also_stand_between_paragraphs_mark_no_article_heads():
    more = [
        "Savers welcomed the rise in rates, which the bank said would lift returns on deposits this year.",
        "Bank lending to small firms has slowed as rates climbed, according to figures the bank published.",
        "The bank said it would publish its next inflation forecast in the spring, alongside its rates decision.",
        "Some members of the bank committee had voted for a smaller rise in rates, the minutes showed.",
        "The bank expects inflation to ease next year as energy prices fall and rates weigh on spending.",
        "Ministers said they backed the bank and its independence in setting rates to bring inflation down.",
    ]
    later = [
        "Retailers warned that higher rates would squeeze spending in the shops before the holiday season.",
        "House builders said buyers were waiting to see whether the bank would raise rates again this year.",
        "The pound rose against the dollar after the bank signalled that rates could stay higher for longer.",
        "Union leaders said the bank was wrong to raise rates while wages were still behind inflation.",
        "The bank governor will give evidence to members of parliament on the rates decision next week.",
        "Analysts expect the bank to hold rates at its next meeting if inflation falls as forecast.",
        "Businesses said the bank should explain how long rates would need to stay at their present level.",
    ]
    # one picture without a caption: its credit stands between two paragraphs
    lines = ["Bank Raises Interest Rates Again", *STORY_A, "Photo: Shutterstock",
             "Economists said the rise in rates was the largest the bank had made in a single step for years.",
             "Photo: Shutterstock", "The Governor Speaking To Reporters In London", *more,
             "Photo: Shutterstock", "Traders Watching The Screens On Thursday Morning", *later]
    without_credits = [line for line in lines if line != "Photo: Shutterstock"]
    def heads(found):
        return [(a.title, a.text.split("\n\n")[0]) for a in found]

    assert heads(articles("\n".join(lines))) == heads(articles("\n".join(without_credits)))


STORY_C = [
    "Heavy snow closed roads across the north on Monday as the storm brought freezing winds and ice.",
    "Drivers were stranded on snow-covered roads overnight while the storm cut power to thousands of homes.",
    "Forecasters said more snow and ice would follow, and warned people to avoid the roads until the storm passed.",
    "Schools in the north stayed closed as snow drifts blocked roads and the freezing winds kept blowing.",
    "Crews worked through the night to clear snow and ice from the main roads before the storm returned.",
    "The storm is expected to ease by Wednesday, when the snow should turn to rain and the roads reopen.",
]


def test_a_headline_too_shallow_to_open_an_article_still_heads_the_story_found_by_content(monkeypatch):
    # three titled stories; the third headline has no dip in cohesion around it by itself (valley
    # patched), yet the part it stands in holds two stories: content finds the cut, at the headline
    from newsflow.text import segment

    text = "\n\n".join(["Bank Raises Interest Rates Again", *STORY_A, "Home Side Wins The Cup Final", *STORY_B,
                        "Snow Storm Closes Roads In The North", *STORY_C])
    monkeypatch.setattr(segment, "_valley", lambda vectors, gap, width=2: 1.0 if gap == len(STORY_A) else 0.0)
    found = articles(text)
    assert [a.title for a in found] == ["Bank Raises Interest Rates Again", "Home Side Wins The Cup Final",
                                        "Snow Storm Closes Roads In The North"]
    assert [a.text for a in found] == ["\n\n".join(story) for story in (STORY_A, STORY_B, STORY_C)]


def test_one_byline_in_a_dump_leaves_the_untitled_stories_to_content():
    # a story under a headline and a byline, between two without either: one cue is no feed layout
    # (a feed marks all its stories so), so content still finds the stories that carry none
    text = "\n\n".join([*STORY_A, "Home Side Wins The Cup Final", "By Jane Smith", *STORY_B, *STORY_C])
    found = articles(text)
    assert [a.title for a in found] == [None, "Home Side Wins The Cup Final", None]
    assert [a.text for a in found] == ["\n\n".join(story) for story in (STORY_A, STORY_B, STORY_C)]
    assert found[1].authors == ["Jane Smith"]


def test_no_content_cut_inside_a_numbered_list():
    # "99 ways to …": its items drift from one subject to the next, yet no article starts at item 7
    items = [f"{k}. {text}" for k, text in enumerate([*STORY_A, *STORY_B], start=1)]
    assert len(articles("\n\n".join(items))) == 1
    assert len(articles("\n\n".join([*STORY_A, *STORY_B]))) == 2  # the same text unnumbered: two stories


def test_content_cuts_need_parts_much_less_alike_across_than_inside(monkeypatch):
    from newsflow.text import segment

    monkeypatch.setattr(segment, "MAX_CROSS_RATIO", 0.0)  # no cut can pass: the dump stays whole
    assert len(articles("\n\n".join([*STORY_A, *STORY_B]))) == 1


def test_no_content_cut_after_a_paragraph_that_runs_on():
    # an article does not end on a comma or a semicolon: what follows is more of its list
    ends_on_semicolon = [*STORY_A[:-1], STORY_A[-1].rstrip(".") + ";"]
    assert len(articles("\n\n".join([*STORY_A, *STORY_B]))) == 2
    assert len(articles("\n\n".join([*ends_on_semicolon, *STORY_B]))) == 1


def test_a_long_page_is_segmented_in_pieces_cut_at_headlines(monkeypatch):
    from newsflow.text import segment

    text = "\n\n".join(["Bank Raises Interest Rates Again", *STORY_A, "Home Side Wins The Cup Final", *STORY_B,
                        "Snow Storm Closes Roads In The North", *STORY_C])
    whole = [(a.title, a.text) for a in articles(text)]
    monkeypatch.setattr(segment, "PIECE_PARAGRAPHS", 4)  # pieces cut at the headline after the 4th and 10th paragraph
    blocks = clean_stage(RawArticle(id="t", content=text, content_type=PLAIN)).blocks
    assert [piece[0].text for piece in segment._pieces(blocks)] == [
        "Bank Raises Interest Rates Again", "Home Side Wins The Cup Final", "Snow Storm Closes Roads In The North"]
    assert [(a.title, a.text) for a in articles(text)] == whole and len(whole) == 3
    untitled = clean_stage(RawArticle(id="u", content="\n\n".join([*STORY_A, *STORY_B]), content_type=PLAIN)).blocks
    assert segment._pieces(untitled) == [untitled]


def test_stories_of_two_long_paragraphs_are_found_by_content(monkeypatch):
    from newsflow.text import segment

    stories = [STORY_A, STORY_B, STORY_C]
    text = "\n\n".join(" ".join(half) for story in stories for half in (story[:3], story[3:]))
    monkeypatch.setattr(segment, "LONG_PAIR_WORDS", 10**9)  # no two paragraphs are enough
    assert len(articles(text)) == 1
    monkeypatch.setattr(segment, "LONG_PAIR_WORDS", 100)  # these stories are short: ~110 words each
    assert [a.text for a in articles(text)] == [" ".join(story[:3]) + "\n\n" + " ".join(story[3:]) for story in stories]
    # two such stories alone are too few paragraphs to cut: a roundup of two sections stays one article
    assert len(articles("\n\n".join(text.split("\n\n")[:4]))) == 1


def test_titled_stories_with_headings_of_their_own_split_at_their_titles(monkeypatch):
    from newsflow.text import segment

    # five headlines stand between paragraphs, and only one opens a story: too few for a dump of
    # stories (SECTION_SHARE), but the parts it parts are as unlike as two saved pages
    text = "\n\n".join(["Bank Raises Interest Rates Again", *STORY_A[:2], "What The Bank Governor Said", *STORY_A[2:4],
                        "What Comes Next For Borrowers", *STORY_A[4:], "Home Side Wins The Cup Final", *STORY_B[:2],
                        "How The Final Was Won Late", *STORY_B[2:4], "What The Supporters Said Afterwards", *STORY_B[4:]])
    assert [a.title for a in articles(text)] == ["Bank Raises Interest Rates Again", "Home Side Wins The Cup Final"]
    monkeypatch.setattr(segment, "FURNITURE_PART_SIMILARITY", 1e-9)  # no two parts are that unlike
    assert len(articles(text)) == 1


def test_a_header_begins_at_the_headline_over_its_byline():
    # the title-like lines that end the story before (a credit, a teaser) make no menu of its header
    text = "\n\n".join(["Bank Raises Interest Rates Again", *STORY_A, "Reporting By The Economics Desk In London",
                        "More Stories About Interest Rates And Inflation", "Home Side Wins The Cup Final",
                        "By Jane Smith", *STORY_B])
    _, second = articles(text)
    assert (second.title, second.authors, second.text) == ("Home Side Wins The Cup Final", ["Jane Smith"], "\n\n".join(STORY_B))


def test_a_brief_between_separator_lines_is_an_article(monkeypatch):
    from newsflow.text import segment

    brief = [" ".join(STORY_B[:3]), " ".join(STORY_B[3:])]
    titles = ["Bank Raises Interest Rates Again", "Home Side Wins The Cup Final", "Snow Storm Closes Roads In The North"]
    text = "\n\n".join(["* * *", titles[0], *STORY_A, "* * *", titles[1], *brief, "* * *", titles[2], *STORY_C])
    monkeypatch.setattr(segment, "LONG_PAIR_WORDS", 10**9)  # two paragraphs between such headers: comments
    assert len(articles(text)) < 3
    monkeypatch.setattr(segment, "LONG_PAIR_WORDS", 100)  # this brief is short: ~110 words
    assert [a.title for a in articles(text)] == titles


def test_stories_longer_than_the_longest_run_considered_stay_whole(monkeypatch):
    from newsflow.text import segment

    monkeypatch.setattr(segment, "MAX_RUN", 4)  # each 6-paragraph story is cut first, then made whole
    (first, second) = articles("\n\n".join([*STORY_A, *STORY_B]))
    assert (first.text, second.text) == ("\n\n".join(STORY_A), "\n\n".join(STORY_B))


def test_run_cohesions_are_the_mean_pairwise_cosines_of_their_paragraphs(monkeypatch):
    from newsflow.text import segment

    monkeypatch.setattr(segment, "MAX_RUN", 7)
    rng = np.random.default_rng(3)
    units = rng.random((20, 5))
    units /= np.linalg.norm(units, axis=1)[:, None]
    words = rng.integers(10, 120, 20)
    runs = segment._Runs(units, words)
    pairs = 0
    for first, last in ((0, 15), (6, 21)):
        cohesion = runs.cohesions(first, last)
        for stop in range(first, last):
            for start in range(first, last):
                length = stop - start
                long_pair = length == 2 and words[start:stop].sum() >= segment.LONG_PAIR_WORDS
                pairs += long_pair
                if segment.MIN_PARAGRAPHS <= length <= 7 or long_pair:
                    cosines = units[start:stop] @ units[start:stop].T
                    expected = (cosines.sum() - np.trace(cosines)) / length
                    assert cohesion[stop - first, start - first] == pytest.approx(expected, abs=1e-9)
                else:
                    assert cohesion[stop - first, start - first] == -np.inf
    assert pairs  # some pairs of paragraphs are long enough to stand as a run


@pytest.mark.parametrize("seed", range(5))
def test_the_weakest_cut_goes_first_until_every_cut_left_parts_runs_unlike_enough(seed):
    # the heap removes what a plain loop does: the cut of the highest ratio, the first of equals,
    # its neighbours' ratios recomputed after each removal
    from newsflow.text import segment

    rng = np.random.default_rng(seed)
    n = 120
    units = rng.random((n, 8)) ** 4  # sparse-ish, so some neighbours are far more alike than others
    units /= np.linalg.norm(units, axis=1)[:, None]
    runs = segment._Runs(units, np.full(n, 40))
    cuts = sorted(rng.choice(np.arange(1, n), 40, replace=False).tolist())
    cuts = [c for c, d in zip(cuts, [0, *cuts], strict=False) if c - d >= 2 and n - c >= 2]  # every run two paragraphs or more

    expected = list(cuts)
    ratios = [runs.cross_ratio(([0, *expected])[k], expected[k], ([*expected, n])[k + 1]) for k in range(len(expected))]
    limit = float(np.median(ratios))
    while expected:
        ratios = [runs.cross_ratio(([0, *expected])[k], expected[k], ([*expected, n])[k + 1]) for k in range(len(expected))]
        if max(ratios) < limit:
            break
        del expected[ratios.index(max(ratios))]
    assert 0 < len(expected) < len(cuts)
    assert segment._weakest_removed(cuts, runs, n, limit) == expected


def test_a_boundary_stays_only_between_parts_less_alike_than_its_limit():
    from newsflow.text import segment

    cosine = 0.12  # between the two halves of four paragraphs
    vectors = segment._Vectors(np.array([[1.0, 0.0], [1.0, 0.0], [cosine, (1 - cosine**2) ** 0.5],
                                         [cosine, (1 - cosine**2) ** 0.5]]), np.zeros(4))
    assert segment._dissimilar(vectors, [2], [segment.MAX_TITLE_PART_SIMILARITY]) == {2}  # a headline's
    assert segment._dissimilar(vectors, [2], [segment.FURNITURE_PART_SIMILARITY]) == set()  # furniture's
    assert segment._dissimilar(vectors, [2], [math.inf]) == {2}  # furniture cues around a headline


def test_a_separator_at_two_later_heads_but_not_the_first_is_no_furniture_cue():
    from newsflow.text import segment

    def headed(kicker, title, story):
        return [kicker, title, *story]

    def cues(text):
        blocks = clean_stage(RawArticle(id="t", content=text, content_type=PLAIN)).blocks
        body_at = [i for i, b in enumerate(blocks) if b.kind == "body"]
        vectors = segment._Vectors.of([blocks[i].text for i in body_at])
        return [cue for *_, cue in segment._title_starts(blocks, {i: k for k, i in enumerate(body_at)}, vectors)]

    later = [*headed("Anzeige", "Home Side Wins The Cup Final", STORY_B),
             *headed("Anzeige", "Snow Storm Closes Roads In The North", STORY_C)]
    assert True not in cues("\n\n".join(["Bank Raises Interest Rates Again", *STORY_A, *later]))
    # at the first article's head too, it marks all three
    assert cues("\n\n".join(headed("Anzeige", "Bank Raises Interest Rates Again", STORY_A) + later)) == [True, True]


def test_a_subheading_right_before_the_next_header_takes_none_of_its_cues():
    # the last section of a story ("A Last Word On Rates" over one paragraph) ends right before the
    # next story's header, whose "Published" recurs at every head: that cue is the next header's,
    # not the subheading's, which would otherwise crowd the real head out (two cued heads a
    # paragraph apart read as a thread of comments)
    def headed(title, story):
        return [title, "Published", story[0], *story[1:]]

    text = "\n\n".join([*headed("Bank Raises Interest Rates Again", STORY_A), "A Last Word On The Bank Rates",
                         STORY_A[0] + " " + STORY_A[1], *headed("Home Side Wins The Cup Final", STORY_B),
                         *headed("Snow Storm Closes Roads In The North", STORY_C)])
    from newsflow.text import segment

    blocks = clean_stage(RawArticle(id="t", content=text, content_type=PLAIN)).blocks
    body_at = [i for i, b in enumerate(blocks) if b.kind == "body"]
    vectors = segment._Vectors.of([blocks[i].text for i in body_at])
    starts = segment._title_starts(blocks, {i: k for k, i in enumerate(body_at)}, vectors)
    assert [(blocks[i].text, cue) for i, _, cue in starts] == [("Home Side Wins The Cup Final", True),
                                                             ("Snow Storm Closes Roads In The North", True)]


def test_a_story_whose_paragraphs_stand_between_short_subheadings_is_long_enough_to_be_an_article():
    # an abstract's sections ("Late Goals" over each paragraph): no run of 100 words with nothing
    # taken out between, but the few characters of a subheading do not break the run
    from newsflow.text import segment

    story = [STORY_B[0]]
    for heading, paragraph in zip(["Late Goals", "Fans Celebrate", "Coach Speaks", "Early Lead", "Long Wait"],
                                  STORY_B[1:], strict=True):
        story += [heading, f"{paragraph} {paragraph}"]  # 40 words: a paragraph, not a lone notice
    blocks = clean_stage(RawArticle(id="t", content="\n\n".join(
        ["Bank Raises Interest Rates Again", *STORY_A, "Home Side Wins The Cup Final", *story]), content_type=PLAIN)).blocks
    at = next(i for i, b in enumerate(blocks) if b.text == "Home Side Wins The Cup Final")
    assert len(segment._merge_small([blocks[:at], blocks[at:]])) == 2
    # a comment thread, each comment under its author's name and date, still joins the story
    thread = [f"Reader Number {k} said on 12 March 2021 at 10:4{k} in the morning\n\n{p}" for k, p in enumerate(STORY_B)]
    blocks = clean_stage(RawArticle(id="t", content="\n\n".join(
        ["Bank Raises Interest Rates Again", *STORY_A, "Comments", *thread]), content_type=PLAIN)).blocks
    at = next(i for i, b in enumerate(blocks) if b.start > len("\n\n".join(["x", *STORY_A])))
    assert len(segment._merge_small([blocks[:at], blocks[at:]])) == 1


def test_a_sidebar_of_archive_months_and_categories_after_the_story_is_no_article():
    months = " ".join(f"{month} 2019 ({k % 4 + 1})" for k, month in enumerate(
        ["Dezember", "November", "Oktober", "September", "August", "Juli", "Juni", "Mai", "April", "März"] * 3))
    sidebar = ["Kategorie auswählen Allgemein (12) Bücher (4) Garten (31) Kochen (17) Musik (8) Reisen (22) Sport (5) "
               "Technik (9) Theater (3) Wandern (14) Wetter (6) Zeitgeschehen (19) Archiv und Suche Monat auswählen",
               months, "Ältere Beiträge Neuere Beiträge Startseite Impressum Datenschutz Kontakt Suche nach Beiträgen"]
    menu = [f"Menu item number {k}" for k in range(40)]  # a stretch the cleaner takes out, as between pages
    (article,) = articles("\n".join(["Bank Raises Interest Rates Again", *STORY_A, *menu,
                                     "Archiv Der Letzten Zwei Jahre Hier", *sidebar]))
    assert article.title == "Bank Raises Interest Rates Again"


def test_a_single_story_whose_paragraphs_share_few_words_stays_whole():
    loose = [
        "Asked about the harvest, the farmer said the rain came late this year and the wheat suffered.",
        "He remembers his father working the same fields with horses before the first tractors arrived.",
        "The farmer says prices at the market barely cover diesel, seed and the loan on the new barn.",
        "His daughter studies engineering in the city and phones every Sunday evening after dinner.",
        "Neighbours have sold their land to a solar company, and the farmer admits he was tempted.",
        "He laughs when asked about retirement and points at the old dog asleep by the kitchen door.",
        "The village school closed last spring, so the children now ride a bus for forty minutes.",
        "Still, the farmer says, there is nothing like the smell of the fields after the first rain.",
    ]
    (article,) = articles("\n\n".join(loose))
    assert article.text == "\n\n".join(loose)


def test_sample_003_gives_four_articles_with_titles_authors_and_deks():
    path = next(SAMPLES.glob("003*"))
    found = articles(path.read_text(encoding="utf-8"), path.name)
    assert [a.title for a in found] == [
        "Russia to respond after massive drone attack hits Syrian base",
        "May Forces Brexit Betrayal to its Crisis Point",
        "The DOJ Is Preparing To Indict Julian Assange",
        "Trump Understands The Important Difference Between Nationalism And Globalism",
    ]
    assert [a.authors for a in found] == [["Alexander Mercouris"], ["Tom Luongo"], [], ["Raheem Kassam"]]
    assert found[1].description.startswith("We’re 29 months later")
    content = path.read_text(encoding="utf-8")
    for article in found:  # spans: the title, then every paragraph of the text
        assert content[slice(*article.spans[0])] == article.title
        assert len(article.spans) == 1 + len(article.text.split("\n\n"))


def test_other_samples_stay_single():
    for prefix in ("000", "001", "002", "004"):
        path = next(SAMPLES.glob(f"{prefix}*"))
        assert len(articles(path.read_text(encoding="utf-8"))) == 1, prefix


def test_each_article_of_a_dump_gets_the_date_of_its_own_header():
    # the date a site's menu shows above the first headline is not the first article's
    text = "\n\n".join(["Heute ist Montag, der 30. November 2020", "Bank Raises Interest Rates Again", "Published on March 3, 2019", *STORY_A,
                        "Home Side Wins The Cup Final", "Published on 4 March 2019", *STORY_B,
                        "Snow Storm Closes Roads In The North", "Published on 5. März 2019", *STORY_C])
    assert [(p.title, p.published) for p in rule_parts(text)] == [
        ("Bank Raises Interest Rates Again", "2019-03-03"), ("Home Side Wins The Cup Final", "2019-03-04"),
        ("Snow Storm Closes Roads In The North", "2019-03-05")]


def test_author_names_from_bylines():
    assert author_names("Authored by Raheem Kassam, op-ed via The Daily Caller:") == ["Raheem Kassam"]
    assert author_names("By Jim Babka") == ["Jim Babka"]
    assert author_names("Von Ursula von der Leyen") == ["Ursula von der Leyen"]
    assert author_names("Von Sarajevo zum Flächenbrand") == []  # a phrase, not a name


@pytest.mark.parametrize(("byline", "names"), [
    ("Von Anna Schmidt und Max Muster", ["Anna Schmidt", "Max Muster"]),
    ("Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR", ["Volkmar Kabisch", "Jan Lukas Strozyk", "Benedikt Strunz"]),
    ("By Jane Doe, Associated Press", ["Jane Doe"]),  # a comma with no conjunction after it: a role or an outlet
    ("Von Jule Radeck und Team", ["Jule Radeck"]),
    ("By Amelie Marie Nishizawa Feb 8, 2020 5:00 pm", ["Amelie Marie Nishizawa"]),  # the month before the day
    ("Par Matthieu Hy le 07 Mai 2020", ["Matthieu Hy"]),
    ("Von Jule Radeck Vom 3. Februar 2022", ["Jule Radeck"]),
    ("by Jake Goulding on January 20, 2020", ["Jake Goulding"]),
    ("By John Walk - January 3, 2020", ["John Walk"]),
    ("Stephen Bryen / American Thinker", ["Stephen Bryen"]),
    ("Von Felix Eisenreich // 1. November 2023", ["Felix Eisenreich"]),
    ("Par Olivier Minot Olivier Minot", ["Olivier Minot"]),  # a link's text and its title
    ("By Perry Bacon Jr.", ["Perry Bacon Jr."]),
    ("By Tatyana Turner.", ["Tatyana Turner"]),
    ("Shinzo Abe 3 March 2020", ["Shinzo Abe"]),  # a name's last word that is a month's abbreviation elsewhere stays
])
def test_author_names_end_where_a_date_an_outlet_or_a_role_begins_and_list_every_name(byline, names):
    assert author_names(byline) == names


def test_readers_comments_under_names_and_dates_stay_with_the_article():
    comments = []
    for k, name in enumerate(["Anna Berg", "Tom Hale", "Lisa Moor", "Ken Adams", "Eva Stone"]):
        comments += [f"{name} 1{k}. Februar 2019 um 10:19 Uhr",
                     f"I read this piece {k + 2} times and I still think the bank should have waited another month.",
                     f"Households here are already stretched, and rise number {k + 3} this year will hurt many of them.",
                     "Antworten"]
    text = "\n\n".join(["Bank Raises Interest Rates Again", *STORY_A, *comments])
    (article,) = articles(text, "one")
    assert article.title == "Bank Raises Interest Rates Again"


def test_the_last_of_a_thread_of_readers_comments_opens_no_article_either():
    # each comment under its author and date, the last one long enough to pass for a story
    comments = []
    for k, name in enumerate(["Anna Berg", "Tom Hale", "Lisa Moor", "Ken Adams", "Eva Stone"]):
        comments += [f"{name} on the rate decision", f"1{k}. Februar 2019 um 10:19 Uhr",
                     f"I read this piece {k + 2} times and I still think the bank should have waited another "
                     "month before it raised rates again, because households are stretched."]
    comments += [
        "My own bank wrote to me last week to say that the repayments on our mortgage will climb again from next "
        "month, and nobody in the family knows where the money should come from.",
        "We have already cut back on heating, on the car and on holidays, and the children have given up their "
        "music lessons, which hurts more than anything else we had to give up.",
        "If the bank keeps raising rates like this, the people who will pay for it are families like ours, not the "
        "people who caused the inflation in the first place, and I think that is unfair.",
        "Antworten",
    ]
    (article,) = articles("\n\n".join(["Bank Raises Interest Rates Again", *STORY_A, *comments]), "one")
    assert article.title == "Bank Raises Interest Rates Again"


# One long story in two sections: cohesion dips at the subheading (the second section is about
# drilling), but the sections share the story's names and terms.
OIL_EXPORTS = [
    "Iraq exported more crude from Basra in March than in any month since the invasion, the oil ministry said.",
    "Basra terminals loaded Rumaila crude for buyers in India and China, and the oil ministry expects Basra exports to keep rising.",
    "Crude from Basra now pays for most of the budget, and exports from the north are still small, the oil ministry said.",
    "Officials in Baghdad said crude exports from Basra would fund schools, roads and power for the whole of Iraq.",
    "The oil ministry said Basra crude exports averaged three million barrels a day, a record for the southern terminals.",
    "Buyers in Asia took most of the Rumaila crude, the ministry said, and exports to Europe rose as well.",
]
OIL_WELLS = [
    "Foreign engineers are drilling horizontal wells in the Rumaila field, so that crude exports from the old fields keep rising.",
    "The new wells use water injection, and the engineers say drilling costs for Basra crude exports are among the lowest anywhere.",
    "Drilling contracts pay the foreign firms a fee for each barrel, so the oil ministry keeps control of Basra crude exports.",
    "The oil ministry expects the new wells to lift Basra crude exports by half a million barrels a day, engineers said.",
    "Engineers said drilling at Rumaila had sped up since the oil ministry eased the rules on foreign firms selling to India and China.",
    "The ministry said the new wells would keep Basra crude exports rising for years, with more terminals for buyers in India and China.",
]


def test_a_last_part_without_a_run_of_prose_outside_the_furniture_joins_the_article_before_it(monkeypatch):
    # a page's tail (comments, teasers, a footer) which the line filter read as furniture, under a
    # title-like line: however the boundary check weighs it, it opens no article of its own
    from newsflow.schema import Block
    from newsflow.text import boundaries, segment

    monkeypatch.setattr(boundaries, "model", lambda: SimpleNamespace(probabilities=lambda rows: np.ones(len(rows)),
                                                                      threshold=0.5))

    def page(tail):
        blocks, at = [], 0
        lines = [("Bank Raises Interest Rates Again", segment.TITLE, False), *((p, segment.BODY, False) for p in STORY_A),
                 ("More From Our Readers", segment.TITLE, False), *tail, ("Reply to this comment below.", segment.BODY, False)]
        for text, kind, furniture in lines:
            blocks.append(Block(text, kind, at, at + len(text), furniture))
            at += len(text) + 2
        return blocks

    assert len(segment.segment(page([(p, segment.BODY, False) for p in STORY_B]))) == 2
    (article,) = segment.segment(page([(p, segment.BODY, True) for p in STORY_B]))
    assert article[0].text == "Bank Raises Interest Rates Again"
    # as many words of text, but each comment set apart by a line of furniture: no run of prose
    widget = ("Like this comment · Reply · Report · Share on Facebook · 3 hours ago", segment.BODY, True)
    (article,) = segment.segment(page([line for p in STORY_B for line in ((p, segment.BODY, False), widget)]))
    assert article[0].text == "Bank Raises Interest Rates Again"


NOTICE = [
    "We use cookies and similar technologies to give you the best experience on our website, to analyse our "
    "traffic and to show you personalised advertising. By clicking Accept all you agree to the storing of cookies "
    "on your device.",
    "You can change your cookie settings at any time in our privacy policy. Some cookies are necessary for the "
    "website to work and cannot be switched off in our systems.",
    "Read our privacy policy and terms of service to find out how we collect, store and use your personal data "
    "and which third parties we share it with. You can withdraw your consent at any time.",
]


@pytest.mark.parametrize(("p", "byline", "found"), [(0.8, False, 1), (0.99, False, 2), (0.8, True, 2)])
def test_a_last_part_that_reads_as_a_notice_is_left_out(monkeypatch, p, byline, found):
    # a cookie notice of 100 words of prose under a page's article, set apart by furniture the
    # cleaner took out: the line filter's n-grams read it as furniture, far below the article; it
    # stands where the check is sure of the boundary, where a byline signs it, and right under the article
    from newsflow.schema import Block
    from newsflow.text import boundaries, segment

    monkeypatch.setattr(boundaries, "model", lambda: SimpleNamespace(probabilities=lambda rows: np.full(len(rows), p),
                                                                      threshold=0.5))
    lines = [("Home Side Wins The Cup Final", segment.TITLE), *((t, segment.BODY) for t in STORY_B),
             ("Your Privacy Choices On This Website", segment.TITLE), *([("By Jane Smith", segment.BYLINE)] if byline else []),
             *((t, segment.BODY) for t in NOTICE)]

    def page(gap: int) -> list[Block]:
        blocks, at = [], 0
        for k, (text, kind) in enumerate(lines):
            at += gap if k == len(STORY_B) + 1 else 0  # share buttons and teasers the cleaner took out
            blocks.append(Block(text, kind, at, at + len(text)))
            at += len(text) + 2
        return blocks

    groups = segment.segment(page(300))
    assert len(groups) == found
    assert any(b.text in NOTICE for group in groups for b in group) == (found == 2)  # else attached to no article
    assert len(segment.segment(page(0))) == 2
    article, notice = page(300)[: len(STORY_B) + 1], page(300)[len(STORY_B) + 1 :]
    assert len(segment.settled([article, notice], [p], 0.5, [False])) == 2  # e.g. a cue opened it


def test_a_notice_is_looked_for_at_the_page_end_only(monkeypatch):
    # a page segmented piece by piece: the end of a piece is no page's tail, and nothing of it is left out
    from newsflow.schema import Block
    from newsflow.text import boundaries, segment

    monkeypatch.setattr(boundaries, "model", lambda: SimpleNamespace(probabilities=lambda rows: np.full(len(rows), 0.8),
                                                                      threshold=0.5))
    monkeypatch.setattr(segment, "PIECE_PARAGRAPHS", len(STORY_B) + len(NOTICE))
    lines = [("Home Side Wins The Cup Final", segment.TITLE), *((t, segment.BODY) for t in STORY_B),
             ("Your Privacy Choices On This Website", segment.TITLE), *((t, segment.BODY) for t in NOTICE),
             ("Bank Raises Interest Rates Again", segment.TITLE), *((t, segment.BODY) for t in STORY_A)]
    blocks, at = [], 0
    for k, (text, kind) in enumerate(lines):
        at += 300 if k == len(STORY_B) + 1 else 0  # furniture the cleaner took out
        blocks.append(Block(text, kind, at, at + len(text)))
        at += len(text) + 2
    groups = segment.segment(blocks)
    assert sum(len(group) for group in groups) == len(blocks)


def test_headline_length_subheading_inside_one_story_stays_whole():
    text = "\n\n".join(["Iraq Crude Exports Hit A Record", *OIL_EXPORTS,
                        "Newer Technologies Boost Iraqi Output", *OIL_WELLS])
    (article,) = articles(text, "one")
    assert article.text == "\n\n".join([*OIL_EXPORTS, "Newer Technologies Boost Iraqi Output", *OIL_WELLS])


def test_text_keeps_subheadings_but_not_teasers_or_the_repeated_headline():
    teaser = "Opposition Leader Says The Rate Rise Will Push Thousands Of Families Into Arrears"
    text = "\n\n".join(["Bank Raises Interest Rates Again", *STORY_A[:2], "Bank raises interest rates, again",
                        *STORY_A[2:4], teaser, *STORY_A[4:], "What comes next", STORY_A[0] + " Again."])
    (article,) = articles(text, "one")
    assert article.text.split("\n\n") == [*STORY_A, "What comes next", STORY_A[0] + " Again."]


def test_a_heading_beside_a_paragraph_read_as_furniture_is_no_subheading():
    # a newsletter box inside the article: its title lines stand between a paragraph and its pitch
    from newsflow.schema import Block
    from newsflow.text import segment

    box = [Block("Essential news, delivered daily", kind="title"),
           Block("The Standard would like to keep you informed about offers, events and updates by email.", furniture=True),
           Block("Read our full mailing list consent terms here", kind="title")]
    blocks = [Block(STORY_A[0]), Block(STORY_A[1]), *box, Block(STORY_A[2]), Block("What comes next", kind="title"),
              Block(STORY_A[3])]
    assert [b.text for b in segment.text_blocks(blocks)] == [*STORY_A[:3], "What comes next", STORY_A[3]]
    assert segment.text_blocks(blocks, furniture=True) == blocks  # as a part's length is read


def test_a_page_too_big_for_dense_vectors_keeps_its_widespread_words(monkeypatch):
    # past MAX_CELLS only the words found in the most paragraphs stay columns; norms stay exact
    from newsflow.text import segment

    monkeypatch.setattr(segment, "MAX_CELLS", 12 * 10)
    assert segment._Vectors.of(STORY_A + STORY_B)._prefix.shape == (13, 10)  # 12 paragraphs, 10 columns
    text = "\n\n".join(["Bank Raises Interest Rates Again", *STORY_A, "Home Side Wins The Cup Final", *STORY_B])
    assert [a.title for a in articles(text, "dump")] == ["Bank Raises Interest Rates Again", "Home Side Wins The Cup Final"]


# Chinese has no spaces between words: cohesion is read from characters (each story ~600 of them,
# about 300 words' worth: shorter untitled parts need more than a change of subject, see
# newsflow.text.boundaries).
STORY_ZH_A = [
    "中央银行周四宣布将利率上调半个百分点，这是该行今年第三次加息。",
    "银行官员表示，通货膨胀仍然远高于银行设定的目标，未来可能继续加息。",
    "房贷机构说，随着银行利率和通货膨胀上升，家庭的还款压力将会增加。",
    "经济学家此前就预计，在通货膨胀数据显示物价快速上涨之后银行会加息。",
    "银行行长对记者说，在通货膨胀回到目标附近之前，利率将保持在高位。",
    "市场早已预期这次加息，利率决定公布后银行股的股价几乎没有变化。",
    "分析人士认为，银行今年的利率政策将继续影响房贷市场和通货膨胀。",
    "一些储户则欢迎银行加息，因为存款利率终于开始跟上通货膨胀的速度。",
    "银行在声明中说，能源和食品价格上涨是推高通货膨胀的主要原因。",
    "部分企业担心，利率上升会增加贷款成本，使投资计划被迫推迟。",
    "银行预计明年经济增长将放缓，但通货膨胀也会随之逐步回落。",
    "政府官员表示支持银行的决定，并称控制通货膨胀是当前的首要任务。",
    "银行下一次利率会议将在六周后举行，届时将公布新的经济预测。",
    "有经济学家警告说，过快加息可能使房贷市场陷入更深的困境。",
    "上个月公布的数据显示，消费者物价指数同比上涨了百分之六点八。",
    "银行还决定继续减少持有的政府债券，以进一步收紧货币政策。",
    "受加息消息影响，本国货币兑美元的汇率在午后小幅走高。",
    "商业银行随即宣布上调存款和贷款利率，新利率将从下周一开始执行。",
    "首次购房者表示，每月的房贷支出已经占到家庭收入的一半左右。",
    "银行行长在记者会上强调，央行有足够的工具把通货膨胀压下来。",
]
STORY_ZH_B = [
    "主队在比赛最后几分钟连进两球，在座无虚席的球场赢得了杯赛决赛。",
    "主队前锋在角球后头球破门，攻入制胜一球，整个球场随之沸腾起来。",
    "主队的球迷在球场外庆祝杯赛的胜利，一直庆祝到深夜才陆续散去。",
    "主队主教练说，赢得这场杯赛决赛是他执教生涯中最自豪的时刻。",
    "客队在决赛的大部分时间里一直领先，直到主队在最后时刻连进两球。",
    "这是主队二十年来第一次赢得杯赛冠军，赛后球场里的球迷久久不愿离开。",
    "球员们在球场中央举起奖杯，主队球迷齐声高唱球队的队歌庆祝胜利。",
    "客队主教练赛后承认，球队在决赛最后阶段体能下降，没能守住领先。",
    "主队门将在上半场做出多次精彩扑救，让球队一直保持着追赶的希望。",
    "这场决赛吸引了五万多名球迷到场观看，门票在几分钟内就被抢购一空。",
    "主队队长赛后说，全队在落后时从未放弃，最终用进球回报了球迷。",
    "客队球迷在终场哨响后默默离开球场，不少人对球队的表现感到失望。",
    "主队将在下周举行游行，带着奖杯穿过市中心与球迷一同庆祝。",
    "两队下个赛季还将在联赛中再次相遇，客队球员表示一定会赢回来。",
    "替补登场的年轻边锋在第八十八分钟扳平比分，成为全场最大的功臣。",
    "裁判在下半场判给客队一个点球，但主队门将准确判断方向将球扑出。",
    "当地电视台的直播收视率创下新高，全城的酒吧里都挤满了看球的人。",
    "主队俱乐部主席宣布，将为全体球员和教练组发放一笔丰厚的奖金。",
    "赛后新闻发布会上，客队主教练拒绝回答有关自己去留的问题。",
    "主队上一次打进杯赛决赛还是十二年前，那一次他们在加时赛中落败。",
]


def test_untitled_chinese_dump_splits_where_the_subject_changes():
    (first, second) = articles("\n\n".join([*STORY_ZH_A, *STORY_ZH_B]))
    assert first.text == "\n\n".join(STORY_ZH_A)
    assert second.text == "\n\n".join(STORY_ZH_B)


def test_inflected_forms_of_a_word_count_as_the_same_word(monkeypatch):
    # "Regierung" / "Regierungen", "Reform" / "Reformen": an inflecting language's paragraphs on one
    # subject share stems, not always whole words
    from newsflow.text import segment

    paragraphs = ["Die Regierung plant Reformen der Verwaltung", "Regierungen planten eine Reform der Verwaltungen",
                  "Der Verein gewann das Pokalfinale"]

    def similarities():
        vectors = segment._Vectors.of(paragraphs)
        return [vectors.similarity(vectors.window(k, k + 1), vectors.window(k + 1, k + 2)) for k in (0, 1)]

    related, unrelated = similarities()
    assert related > 0.2 and unrelated == 0.0
    monkeypatch.setattr(segment, "PREFIX", 100)  # whole words: only "der", found in every paragraph
    assert similarities() == [0.0, 0.0]


def test_a_rare_word_in_every_paragraph_still_ties_them_together(monkeypatch):
    # the page's own idf gives a word found in all its paragraphs log(1) = 0; that the parts share
    # their subject is still evidence they are one story
    from newsflow.text import segment

    paragraphs = ["Lyft reported its first quarterly results since the listing",
                  "Drivers for Lyft in Toronto protested about their pay"]

    def related():
        vectors = segment._Vectors.of(paragraphs, "en")
        return vectors.similarity(vectors.window(0, 1), vectors.window(1, 2))

    assert related() > 0.02  # ~0.05: the two paragraphs share no other word that is not common
    monkeypatch.setattr(segment, "IDF_BASE", 0.0)
    assert related() == 0.0


def test_words_as_common_as_the_weigh_nothing_in_cohesion(monkeypatch):
    # a page of three paragraphs cannot tell from its own statistics that "the", "of" and "and"
    # say nothing; the language's word frequencies can
    from newsflow.text import segment

    paragraphs = ["The price of oil and the cost of gas rose again",
                  "The keeper of the home side and the captain of the team were injured",
                  "Voters went to the polls in the capital"]

    def related():
        vectors = segment._Vectors.of(paragraphs, "en")
        return vectors.similarity(vectors.window(0, 1), vectors.window(1, 2))

    assert related() == 0.0
    monkeypatch.setattr(segment, "informativeness", lambda language, prefix: {})
    assert related() > 0.1


def test_informativeness_falls_with_frequency_in_the_language_of_the_page():
    from newsflow.text.frequency import informativeness, likeliest_language
    from newsflow.text.normalize import words

    english, german, unknown = (informativeness(language, 6) for language in ("en", "de", None))
    assert english["the"] == 0.0 and german["und"] == 0.0 and unknown == {}
    assert 0.0 < english["govern"] < 1.0 and "shoigu" not in english  # rare: weighs 1
    assert german.get("regier", 1.0) > german["haben"]

    assert [likeliest_language([w[:6] for w in words(t)], 6) for t in ("The plan will go ahead, the government said on Monday",
                                                    "Die Regierung sagte am Montag, der Plan werde umgesetzt",
                                                    "政府周一表示该计划将继续推进", "1234 5678")] == ["en", "de", "zh", None]


def test_a_section_heading_that_drifts_opens_no_article_unless_its_part_is_as_unlike_as_another_page():
    # a long piece with three section headings, the last drifting to football clubs' loans: in a dump
    # nearly every headline opens a story, here one of three might, and its section still shares the
    # piece's words; the same heading over an unrelated story opens it
    drift = ["Football clubs that borrowed from the bank to build new stadiums will pay more as rates rise again.",
             "Club owners said higher bank rates would cut what they can spend on players and wages this season.",
             "Some clubs expect the bank to raise rates further, and have asked their lenders for fixed terms.",
             "Supporters fear ticket prices will climb as the clubs pass on the cost of their loans to fans."]
    piece = ["Bank Raises Interest Rates Again", *STORY_A[:2], "What The Rise Means For Borrowers", *STORY_A[2:4],
             "What Savers Can Expect Next Year", *STORY_A[4:], "And Finally What It Means For Football Clubs"]
    assert len(articles("\n\n".join([*piece, *drift]))) == 1
    assert [a.title for a in articles("\n\n".join([*piece, *STORY_B]))] == [
        "Bank Raises Interest Rates Again", "And Finally What It Means For Football Clubs"]


def test_word_frequency_table_is_built_once_then_read_from_the_cache_dir(monkeypatch, tmp_path, caplog):
    from newsflow.text import frequency

    builds = []

    def build(prefix):
        builds.append(prefix)
        return ("de", "en"), {"und": 0, "the": 1}, np.array([[7.5, 3.0], [3.0, 7.7]], dtype=np.float16)

    monkeypatch.setenv("NEWSFLOW_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(frequency, "_build_table", build)
    table = frequency._table.__wrapped__  # past the in-process cache
    first, second = table(6), table(6)
    assert builds == [6]  # the second came from the file
    assert second[0] == first[0] and second[1] == first[1] and (second[2] == first[2]).all()
    (cached,) = (tmp_path / "cache").iterdir()
    assert oct(cached.stat().st_mode & 0o777) == oct(0o644)

    cached.write_bytes(b"not an npz")  # unreadable: rebuilt, with a warning, and saved again
    assert table(6)[1] == first[1] and builds == [6, 6] and "rebuilding" in caplog.text
    assert table(6)[1] == first[1] and builds == [6, 6]

    monkeypatch.setenv("NEWSFLOW_CACHE_DIR", "/proc/no-such-dir")  # unwritable: built, not kept
    assert table(6)[1] == first[1] and builds == [6, 6, 6]


def test_cache_dir_without_a_home_directory(monkeypatch, tmp_path):
    from pathlib import Path

    from newsflow.text import frequency

    for name in ("NEWSFLOW_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    assert frequency.cache_dir().name == "newsflow-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert frequency.cache_dir() == tmp_path / "newsflow"


def test_the_headline_is_the_title_line_whose_words_the_article_shares_not_a_share_row_under_it():
    page = "\n".join(["Central Bank Raises Interest Rates Again", "Share on Facebook Share on Twitter Email", *STORY_A])
    assert articles(page)[0].title == "Central Bank Raises Interest Rates Again"
    # the line right above the text is the headline when it shares the article's words
    page = "\n".join(["Latest News From Around the World", "Central Bank Raises Interest Rates Again", *STORY_A])
    assert articles(page)[0].title == "Central Bank Raises Interest Rates Again"
    # when none does, still the last, as before
    page = "\n".join(["Latest News From Around the World", "Read More Stories From Our Team", *STORY_A])
    assert articles(page)[0].title == "Read More Stories From Our Team"


def test_an_article_the_page_is_cut_before_is_headed_by_the_title_line_it_opens_with_not_its_subtitle():
    subtitle = "Two late goals from the home side win the cup final in a full stadium"
    page = "\n".join(["Central Bank Raises Interest Rates Again", *STORY_A,
                      "Home Side Wins The Cup Final At Last", subtitle, *STORY_B])
    found = articles(page)
    assert [a.title for a in found] == ["Central Bank Raises Interest Rates Again", "Home Side Wins The Cup Final At Last"]
    assert found[1].spans[0][0] == page.index("Home Side Wins")  # the article starts where the page was cut
    # the page's first article has no cut before it: a line above the headline may be a menu's
    page = "\n".join(["Business News From Around The World", "Central Bank Raises Interest Rates Again", *STORY_A])
    assert articles(page)[0].title == "Central Bank Raises Interest Rates Again"


def test_a_headline_right_under_a_standfirst_heads_an_article_with_no_title_line_above_its_text():
    standfirst = "Households face higher bills as the central bank raises rates for the third time this year."
    headline = "Central Bank Raises Interest Rates Again"
    (found,) = articles("\n".join([standfirst, headline, *STORY_A]))
    assert found.title == headline
    assert found.text == "\n\n".join([standfirst, *STORY_A])  # a lead over a caption-like line: still text
    assert found.description is None
    # a dek over the headline (no sentence's end) is the description, and the text starts under the
    # headline, which is no subheading of it (a page's first line of that shape is its headline:
    # blocks as a page's middle gives them)
    from newsflow.schema import Block
    from newsflow.text import segment

    dek = standfirst.rstrip(".")
    group = [Block(dek), Block(headline, "title"), *[Block(p) for p in STORY_A]]
    found = segment.parts(group)
    assert (found.title, found.description, [b.text for b in found.body]) == (headline, dek, STORY_A)
    assert segment.text_blocks(group) == group[2:]  # the cleaner's text is the same
    # a short label there is no headline, nor is a line under a paragraph read as furniture
    (found,) = articles("\n".join([standfirst, "Tags: Bank, Rates, Inflation", *STORY_A]))
    assert found.title is None


def test_a_menu_above_the_headline_gives_no_authors_a_byline_under_it_does():
    menu = ["Close Menu", "Home", "Primary Menu", "Home"]  # bare names before a repeated line: bylines by their shape
    (found,) = articles("\n".join([*menu, "Central Bank Raises Interest Rates Again", *STORY_A]))
    assert found.authors == []
    (found,) = articles("\n".join([*menu, "Central Bank Raises Interest Rates Again", "By Emily Burack 8 January 2020",
                                   *STORY_A]))
    assert found.authors == ["Emily Burack"]
    # with no headline, a byline that says so still counts
    (found,) = articles("\n".join(["By Emily Burack", *STORY_A]))
    assert found.authors == ["Emily Burack"]


def test_a_byline_under_a_paragraph_of_site_furniture_is_still_in_the_header():
    from newsflow.schema import Block
    from newsflow.text.segment import header_authors

    group = [Block("Five Rules For A Quiet Life In The City", "title"),
             Block("% of readers think this story is Fact. Add your two cents.", furniture=True),
             Block("Headline: Bitcoin Searches Exceed Trump! Blockchain Stocks Are Next!", furniture=True),
             Block("By Lisa Haven", "byline"), *[Block(p) for p in STORY_A]]
    assert header_authors(group) == ["Lisa Haven"]
    for block in group[1:3]:  # paragraphs of the article's own: a byline under two is no header's
        block.furniture = False
    assert header_authors(group) == []


def test_a_bare_name_is_an_author_alone_and_not_between_two_separators():
    from newsflow.schema import Block
    from newsflow.text.segment import header_authors

    def group(*header):
        return [Block("Five Rules For A Quiet Life In The City", "title"), *header, *[Block(p) for p in STORY_A]]

    published = Block("Published", "separator")
    signed = Block("Alexander Mercouris", "byline")
    assert header_authors(group(Block(STORY_B[0]), signed, published)) == ["Alexander Mercouris"]
    # a menu's item: a separator on either side ("News" / "Show More" / "Opinion")
    menu = [Block("News", "separator"), Block("Show More", "byline"), Block("Opinion", "separator")]
    assert header_authors(group(*menu)) == []
    # beside a byline that says so, or another bare name, a bare name is a menu's too
    assert header_authors(group(Block("Sign Out", "byline"), published, Block("By Eric Levitz", "byline"))) == ["Eric Levitz"]
    assert header_authors(group(Block("Healthy Eating", "byline"), published, Block(STORY_B[0]), signed, published)) == []


def test_a_headline_sharing_far_more_of_the_text_than_the_line_under_it_is_taken_over_it():
    # a tag line under the headline shares a third of its words with the article; the headline most
    headline, tags = "Inflation Keeps Mortgage Rates Rising", "Tags: Inflation, Politics, Finance"
    (found,) = articles("\n".join([headline, tags, *STORY_A]))
    assert found.title == headline
    # a subtitle that shares as much stays the title, as the line right above the text
    subtitle = "Mortgage Repayments Will Climb For Households"
    (found,) = articles("\n".join([headline, subtitle, *STORY_A]))
    assert found.title == subtitle


def _blocks(lines):
    from newsflow.schema import Block

    blocks, at = [], 0
    for text, kind, in_text in lines:
        blocks.append(Block(text, kind, at, at + len(text), False, in_text))
        at += len(text) + 2
    return blocks


def test_asides_are_not_read_by_the_segmenter_and_the_text_keeps_those_among_its_paragraphs():
    from newsflow.text import segment

    blocks = _blocks([("Bank Raises Interest Rates Again", segment.TITLE, False),
                      *((p, segment.BODY, False) for p in STORY_A[:3]), ("1. Rates", segment.ASIDE, True),
                      *((p, segment.BODY, False) for p in STORY_A[3:]),
                      ("Home Side Wins The Cup Final", segment.TITLE, False), *((p, segment.BODY, False) for p in STORY_B),
                      ("2. Fans", segment.ASIDE, True)])
    groups = segment.segment(blocks)
    # the same articles as without the asides, each aside with the block before it
    assert [[b for b in g if b.kind != segment.ASIDE] for g in groups] == segment.segment(
        [b for b in blocks if b.kind != segment.ASIDE])
    assert blocks[4] in groups[0] and blocks[-1] in groups[1]
    assert [b.text for b in segment.text_blocks(groups[0])] == [*STORY_A[:3], "1. Rates", *STORY_A[3:]]
    assert "1. Rates" not in [b.text for b in segment.text_blocks(groups[0], in_text=False)]  # as articles' runs are read
    assert [b.text for b in segment.text_blocks(groups[1])] == STORY_B  # after its last paragraph: not text


def test_a_listicle_keeps_its_numbered_subheadings_with_their_spans():
    from tests.unit.test_boilerplate import INTRO, LISTICLE, TIPS

    text = "\n".join(LISTICLE)
    (article,) = articles(text)
    assert article.title == "How to lose weight without a diet"
    assert article.text.split("\n\n") == [*INTRO, TIPS[0], "2. Eat at the same times", TIPS[1], "3. Skip the sugary drinks",
                                          TIPS[2], "4. Walk after meals", TIPS[3]]
    assert [text[a:b] for a, b in article.spans[1:]] == article.text.split("\n\n")


def test_a_tag_cloud_is_no_prose_an_ordinal_ends_no_sentence():
    from newsflow.schema import Block
    from newsflow.text.segment import _article_words

    cloud = ("2. Weltkrieg Afghanistan Afrika Alpen Alptraum Alter Amerika Angela Merkel Angst Arbeit Audio CD Bank "
             "Banken Barack Obama Bayern Berlin Beruf Beziehung Bildung Buch Bundestag Bundeswehr China Computer "
             "22. Oktober Datenschutz Demokratie Deutschland Europa Familie Fernsehen Film Frankreich Freiheit")
    assert _article_words([Block(cloud, start=0, end=len(cloud))]) == 0
    prose = cloud + ". Sie stehen unter jedem Beitrag."  # one sentence's end makes it prose
    assert _article_words([Block(prose, start=0, end=len(prose))]) > 0


def test_paragraphs_over_a_signed_headline_are_no_part_of_its_article():
    pitch = ("Sign up for our free morning newsletter and get the best of our journalism delivered to your inbox every "
             "day, with an easy way to unsubscribe at any time.")
    headline = "Central Bank Raises Interest Rates Again"
    page = "\n".join(["Home", "News", pitch, headline, "By Jane Smith", "3 March 2024", *STORY_A])
    (found,) = articles(page)
    assert (found.title, found.authors, found.published) == (headline, ["Jane Smith"], "2024-03-03")
    assert found.text == "\n\n".join(STORY_A)
    assert clean_stage(RawArticle(id="t", content=page, content_type=PLAIN)).provenance["removed"]["leading"] == 1
    # a section label over a date shares none of the text's words: no headline, the text as it was
    (found,) = articles("\n".join([pitch, "National / Crime & Legal News", "3 March 2024", *STORY_A]))
    assert found.title is None and found.text.startswith(pitch)


def test_a_headline_under_a_teaser_and_a_notice_heads_the_article_one_under_a_byline_does_not():
    teaser = "Read our latest report on the housing market, out today, and what it means for buyers this spring."
    notice = "This site uses cookies to give you the best experience; by reading on you agree to their use."
    headline = "Central Bank Raised Interest Rates"  # all of its words stand in STORY_A
    (found,) = articles("\n".join([teaser, notice, headline, *STORY_A]))
    assert found.title == headline
    assert found.text == "\n\n".join([teaser, notice, *STORY_A])  # unsigned and further down: they stay
    # under a byline the header stands above: a title-like line there heads nothing
    (found,) = articles("\n".join([teaser, "By Jane Smith", headline, *STORY_A]))
    assert found.title is None


def test_sections_sharing_the_subject_word_are_one_article_unless_the_headline_names_it():
    from newsflow.text.segment import _one_topic, _Vectors

    paragraphs = ["Hemp seeds and their oils give all the amino acids a body needs, and hemp grows without pesticides.",
                  "Farmers say hemp also improves the soil, so the field can carry a different crop the next year.",
                  "Plastics made from hemp break down in months, while those made from oil last for centuries.",
                  "Car makers once built panels from hemp fibre, which weighs less than steel and costs less too."]
    vectors = _Vectors.of(paragraphs, "en")
    # "hemp", a rare word, is in every paragraph on both sides of a section heading: one article
    assert _one_topic(vectors, {2}, set(), {2: "Eliminating Toxic Petrochemical Plastics"}.get) == {2}
    # a headline naming it opens a story of the same subject; a cued start always stands
    assert _one_topic(vectors, {2}, set(), {2: "Hemp Plastics Break Down In Months"}.get) == set()
    assert _one_topic(vectors, {2}, {2}, {2: "Eliminating Toxic Petrochemical Plastics"}.get) == set()
    # common words shared on both sides ("the", "and") are no subject
    other = [p.replace("hemp", "it").replace("Hemp", "It") for p in paragraphs]
    assert _one_topic(_Vectors.of(other, "en"), {2}, set(), {2: "Eliminating Toxic Petrochemical Plastics"}.get) == set()


TRAVEL = [
    "Pack light for the trip: two pairs of shoes, a rain jacket and clothes you can layer will cover most weeks on "
    "the road, and a small bag saves fees at every airline desk. Roll rather than fold shirts, and keep a spare "
    "charger and medicine in the cabin bag.",
    "Check visa rules well before you book, since several countries now ask travellers to register online and pay "
    "a fee days before arrival at the border. Passports should be valid six months past the return date, with two "
    "blank pages for stamps. Embassies answer email slowly in holiday seasons, so apply in good time.",
    "Street food is often the best meal in town; look for stalls crowded with locals, where the turnover keeps "
    "ingredients fresh and prices stay low. Carry small change, wash your hands, and try the dish the queue is "
    "ordering. Markets at dawn sell fruit cheaper than any supermarket near the hotels.",
    "Spring and autumn bring mild weather and thinner crowds to the coast, while summer heat drives visitors inland "
    "toward the mountain villages and lakes. Winter suits skiers and city breaks, when museums are quiet and hotel "
    "rates fall. Ferries run fewer crossings then, so island hopping needs more planning.",
]
GARDEN = [
    "Good soil comes first: dig in compost each November so worms can drag organic matter down and the ground "
    "drains freely after heavy storms. Clay wants grit and sand wants manure; a cheap test kit shows whether lime "
    "is wanted. Never tread on beds when they are wet, or the structure collapses into mud.",
    "Water seedlings early in the morning, soaking the roots deeply twice a week instead of sprinkling the leaves "
    "every evening. A mulch of straw holds moisture during dry spells and smothers weeds between the rows. "
    "Seedlings in pots dry out faster than those planted straight into beds.",
    "Prune roses in late February, cutting just above an outward facing bud so new shoots grow away from the "
    "centre of the bush. Remove dead or rubbing stems first, then thin congested growth to let air and sun reach "
    "the buds. Sharp secateurs make clean cuts that heal ahead of fungus.",
    "Aphids and slugs do less harm where birds and hedgehogs find shelter, so leave a wild corner with log piles "
    "and nettles. Copper tape around pots and beer traps at dusk protect lettuce without poison.",
]


def test_a_headline_between_stories_whose_paragraphs_share_few_words_opens_an_article():
    # no valley in cohesion marks the second headline (each story's tips share no words either),
    # but the text on either side of it shares almost none: segment.TITLE_APART
    titles = ["Ten Things To Know Before Your Next Holiday Abroad", "A Beginner's Calendar For The Vegetable Garden"]
    found = articles("\n\n".join([titles[0], *TRAVEL, titles[1], *GARDEN]))
    assert [a.title for a in found] == titles
    assert found[1].text.split("\n\n") == GARDEN


def test_a_short_story_under_a_byline_is_an_article_of_its_own_unsigned_it_joins_the_one_before():
    brief = ["Firefighters put out a blaze at a timber yard near the harbour early on Sunday morning.",
             "Nobody was hurt in the fire, which destroyed two sheds of timber, the fire service said.",
             "The cause of the timber yard fire is not yet known and an inquiry has begun.",
             "Neighbours said the smoke from the timber yard could be seen across the harbour for hours."]
    titles = ["Bank Raises Interest Rates Again", "Fire Destroys Timber Yard Sheds", "Home Side Wins The Cup Final"]
    bylines = [["By Jane Smith", "12 May 2024"], ["By Tom Brown", "12 May 2024"], ["By Ann Lee", "12 May 2024"]]

    def dump(signed):
        stories = [STORY_A, brief, STORY_B]
        return "\n\n".join(line for k in range(3) for line in [titles[k], *(bylines[k] if signed[k] else []), *stories[k]])

    found = articles(dump([True, True, True]))
    assert [(a.title, a.authors) for a in found] == [(t, [b[0][3:]]) for t, b in zip(titles, bylines, strict=True)]
    assert found[1].text == "\n\n".join(brief)
    # under a bare title, fewer than MIN_ARTICLE_WORDS words of prose are no article of their own
    found = articles(dump([True, False, True]))
    assert [a.title for a in found] == [titles[0], titles[2]]
    assert found[0].text.endswith("\n\n".join(brief))
