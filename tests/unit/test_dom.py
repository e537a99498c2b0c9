"""Main content on the DOM: which element is chosen, and what inside it is dropped; the page's title."""

import textwrap

import pytest

from newsflow.text import dom

P1 = "The minister said on Monday that the new rules would take effect next year across the country."
P2 = "Critics argued that the changes had been rushed through parliament without a proper debate."
P3 = "A reader wrote that the rules were a long time coming and that he welcomed them warmly here."


def main_text(page: str) -> list[str]:
    return [block.text for block in dom.main_content(dom.blocks(dom.parse(page)))]


def test_article_chosen_over_navigation_sidebar_and_comments():
    page = (
        "<body><nav><a href=/>Home</a> <a href=/w>World</a></nav>"
        f"<div class=sidebar><p>{P3}</p></div>"
        f"<div class=story><h2>Sub</h2><p>{P1}</p><p>{P2}</p>"
        f"<div id=comments><p>{P3}</p></div></div>"
        "<footer>© 2024 The Paper</footer></body>"
    )
    assert main_text(page) == ["Sub", P1, P2]


LEAD = "Police investigators are trying to unravel the mystery behind the death of a hunter in the jungle."
P4 = "Two loggers have since claimed that they had heard the hunter scream for help late at night there."
P5 = "The two men are presently in police custody, assisting with the investigation into his death."


def post(*inner: str) -> str:
    """A post whose own text element outweighs it: a list of links under the text."""
    links = "".join(f"<p><a href=/{i}>Another story with a long enough headline, number {i}</a></p>" for i in range(10))
    return f"<body><div class=post>{''.join(inner)}{links}</div></body>"


TEXT = f"<div class=text><p>{P1}</p><p>{P2}</p><p>{P4}</p><p>{P5}</p></div>"


def test_a_lead_set_apart_from_the_text_over_its_photo_is_read_with_it():
    page = post("<h2>Hunter found dead</h2><p>May 6, 2022</p>", f"<div class=lead><p>{LEAD}</p></div>",
                "<div class=photo><p>The hunter.</p></div>", TEXT)
    assert main_text(page) == [LEAD, P1, P2, P4, P5]


def test_a_lead_under_the_headline_in_an_element_beside_the_text_is_read_with_it():
    page = post(f"<div class=head><h1>Hunter found dead</h1><p>{LEAD}</p></div>",
                f"<div class=body>{TEXT}</div>")
    assert main_text(page) == [LEAD, P1, P2, P4, P5]  # the text's element's grandparent holds both


def test_a_paragraph_three_elements_above_the_text_is_no_lead():
    page = post(f"<div class=head><h1>Hunter found dead</h1><p>{LEAD}</p></div>",
                f"<div class=body><div class=inner>{TEXT}</div></div>")
    assert main_text(page) == [P1, P2, P4, P5]


def test_a_paragraph_above_a_heading_is_no_lead():
    page = post(f"<div class=lead><p>{LEAD}</p></div>", "<h2>Hunter found dead</h2>", TEXT)
    assert main_text(page) == [P1, P2, P4, P5]


def test_the_paragraph_the_page_s_description_quotes_is_read_with_the_text():
    page = post(f"<div class=header><h1>Hunter found dead</h1><p>{LEAD}</p></div>", TEXT)  # furniture by its name
    blocks = dom.blocks(dom.parse(page))
    assert [b.text for b in dom.main_content(blocks)] == [P1, P2, P4, P5]
    described = LEAD[:60] + "…"  # og:description, cut off
    assert [b.text for b in dom.main_content(blocks, described)] == [LEAD, P1, P2, P4, P5]
    # the metadata's apostrophes and quotes straight, the paragraph's curly
    curly = "The hunter’s brother said the police “didn’t listen” when he reported him missing in the jungle."
    page = post(f"<div class=header><h1>Hunter found dead</h1><p>{curly}</p></div>", TEXT)
    straight = "The hunter's brother said the police \"didn't listen\" when he reported him missing"
    assert [b.text for b in dom.main_content(dom.blocks(dom.parse(page)), straight)] == [curly, P1, P2, P4, P5]


def test_a_heading_over_a_photo_and_its_caption_stays_with_the_text_under_them():
    page = (f"<body><article><p>{P1}</p><p>{P2}</p><h3>Why it matters</h3>"
            "<figure><img src=a.jpg><figcaption>The minister, speaking in parliament</figcaption></figure>"
            f"<p>{P4}</p><p>{P5}</p></article></body>")
    assert main_text(page) == [P1, P2, "Why it matters", P4, P5]


def test_link_lists_inside_the_article_are_dropped():
    links = "".join(f"<li><a href=/{i}>Another story with a long enough headline number {i}</a></li>" for i in range(3))
    page = f"<body><article><p>{P1}</p><h3>Read more</h3><ul>{links}</ul><p>{P2}</p></article></body>"
    assert main_text(page) == [P1, P2]  # the list's heading goes with it


def test_a_photo_gallery_inside_the_article_does_not_outweigh_its_text():
    captions = "".join(f"<figure><img src=/{i}.jpg><figcaption>{P3} Photo {i}.</figcaption></figure>"
                       for i in range(5))
    page = f"<body><div class=story><p>{P1}</p><div class=gallery>{captions}</div><p>{P2}</p></div></body>"
    assert main_text(page) == [P1, P2]


def test_ruby_readings_are_not_text():
    page = "<body><p>" + "<ruby>子<rt>こ</rt></ruby>どもへの虐待をなくすための法律ができました。" * 3 + "</p></body>"
    assert main_text(page) == ["子どもへの虐待をなくすための法律ができました。" * 3]


def test_wrapper_named_like_furniture_holding_the_article_is_content():
    # themes name page wrappers "has-sidebar", "no-sidebars"…: the flag yields to the prose it holds
    page = f"<body><div class='layout has-sidebar'><p>{P1}</p><p>{P2}</p></div><aside>{P3}</aside></body>"
    assert main_text(page) == [P1, P2]


def test_text_split_across_sibling_containers_is_kept_whole():
    page = f"<body><div><p>{P1}</p></div><div><p>{P2}</p></div></body>"
    assert main_text(page) == [P1, P2]


def test_link_share_counts_only_text_inside_links():
    [block] = dom.blocks(dom.parse(f"<body><p>{P1[:10]}<a href=#>{P1[10:40]}</a>{P1[40:]}</p></body>"))
    assert block.link_chars == len(P1[10:40].strip())
    assert block.tag == "p"


@pytest.mark.parametrize(("head", "body", "title"), [
    # a skip link's h1 before the article's: the one the <title> names
    ("<title>Rede von Bundespräsident Rau beim Konvent</title>",
     "<h1>Navigation und Service</h1><h1>Rede von Bundespräsident Johannes Rau beim Föderalismuskonvent</h1>",
     "Rede von Bundespräsident Johannes Rau beim Föderalismuskonvent"),
    # og:title first
    ('<meta property="og:title" content="Storm Leaves Town Dark"><title>News</title>',
     "<h1>Menu</h1><h1>Storm leaves the town dark</h1>", "Storm Leaves Town Dark"),
    # one h1: taken whatever the <title> says
    ("<title>Ausflugtipps Niederrhein und Ruhrgebiet</title>", "<h1>Essen-Westviertel</h1>", "Essen-Westviertel"),
    # no h1 shares a word with the <title>: the first
    ("<title>Site</title>", "<h1>Quicklinks</h1><h1>Partners</h1>", "Quicklinks"),
    ("<title>Just The Title</title>", "<p>No heading here.</p>", "Just The Title"),
])
def test_page_title_prefers_the_h1_the_title_names(head, body, title):
    tree = dom.parse(f"<html><head>{head}</head><body>{body}</body></html>")
    assert dom.page_title(tree) == title


def test_a_paragraph_hard_wrapped_with_br_is_one_block_and_a_verse_stays_lines():
    wrapped = "<br>\n".join(textwrap.wrap(f"{P1} {P2} {P3}", 66))
    verse = "<br>".join(["Roses are red", "violets are blue", "sugar is sweet", "and so are you"])
    page = f"<body><article><p>{wrapped}</p><p>{P1}</p><p>{verse}</p></article></body>"
    blocks = dom.unwrapped_blocks(dom.main_content(dom.blocks(dom.parse(page))))
    assert [block.text for block in blocks] == [f"{P1} {P2} {P3}", P1, "Roses are red", "violets are blue",
                                                "sugar is sweet", "and so are you"]


@pytest.mark.parametrize(("head", "body", "title"), [
    # the site's name after the headline, as og:site_name gives it
    ('<meta property="og:title" content="Storm Leaves Town Dark | Daily Planet"><meta property="og:site_name" content="Daily Planet">',
     "", "Storm Leaves Town Dark"),
    # the host of the canonical link, before the headline
    ('<title>CNET.de - So schützen Sie Ihre Daten</title><link rel="canonical" href="https://www.cnet.de/88130484/">',
     "", "So schützen Sie Ihre Daten"),
    # held in a short last part: "Stack Overflow Blog" on stackoverflow.blog
    ('<meta property="og:title" content="What is Rust - and why is it so popular? - Stack Overflow Blog">'
     '<meta property="og:url" content="https://stackoverflow.blog/2020/01/20/what-is-rust/">',
     "", "What is Rust - and why is it so popular?"),
    # no site named: the part that leaves the page's h1 goes
    ('<meta property="og:title" content="Penny - Stardew Valley Wiki">', "<h1>Penny</h1>", "Penny"),
    # nothing says which part is the site's: the title stays whole
    ("<title>Brexit - What Happens Next</title>", "<p>No heading here.</p>", "Brexit - What Happens Next"),
    # a dash inside a word or a colon after one is no separator
    ('<meta property="og:title" content="Tote Hummeln: Die Erklärung für Ultium-Zellen"><meta property="og:site_name" content="Zellen">',
     "", "Tote Hummeln: Die Erklärung für Ultium-Zellen"),
])
def test_page_title_leaves_out_the_sites_name(head, body, title):
    tree = dom.parse(f"<html><head>{head}</head><body>{body}</body></html>")
    assert dom.page_title(tree) == title


@pytest.mark.parametrize(("body", "authors"), [
    ('<p class="byline">Von <a href="/a">Anna Schmidt</a> | 3. März 2020</p>', ["Anna Schmidt"]),
    ('<span itemprop="author"><span itemprop="name">Jane Doe</span></span>', ["Jane Doe"]),
    ('<div class="post-author">Posted by Jo Ray<span>Jo Ray</span></div>', ["Jo Ray"]),
    # a commenter's name is no author, nor a form's label, nor a single word or a date
    ('<div id="comments"><span class="comment-author">Max Muster</span></div>', []),
    ('<form><label class="author">Name (erforderlich)</label></form>', []),
    ('<span class="author">admin</span><span class="byline">29. Juni</span>', []),
])
def test_byline_authors_name_the_person_the_markup_credits(body, authors):
    tree = dom.parse(f"<html><body>{body}<article><p>{P1}</p></article></body></html>")
    assert dom.byline_authors(tree) == authors
