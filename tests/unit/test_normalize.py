"""Normalisation repairs encoding damage and invisible characters but never rewrites words."""

import textwrap

from newsflow.text.clean import plain_lines
from newsflow.text.normalize import (
    line_spacing,
    normalize_line,
    normalize_lines,
    normalize_text,
    rejoined,
    unwrapped,
    word_stems,
    words,
)


def test_mojibake_is_repaired():
    assert normalize_line("The cafÃ© was closed") == "The café was closed"
    assert normalize_line("Assadâ€™s army") == "Assad’s army"


def test_invisible_characters_are_removed_but_zwnj_kept():
    assert normalize_line("co\u00adop\u200beration\ufeff") == "cooperation"
    assert normalize_line("می\u200cخواهم") == "می\u200cخواهم"


def test_nfc_and_quotes_kept():
    assert normalize_line("Cafe\u0301") == "Caf\u00e9"
    assert normalize_line("“quoted” ‘text’") == "“quoted” ‘text’"


def test_whitespace_collapsed_per_line_and_lines_kept():
    assert normalize_text("  a\u00a0\u00a0b\t c  \n\n  d ") == "a b c\n\nd"


def test_control_characters_dropped():
    assert normalize_line("a\x07b\x1bc") == "abc"


def test_lone_surrogates_dropped_pairs_kept():
    # a Python string may hold a lone surrogate, which no UTF-8 encoder takes; a real astral
    # character (one code point) stays
    assert normalize_line("a\ud800b \U0001f600") == "ab \U0001f600"
    assert list(normalize_lines("x\udfffy\nz")) == [("xy", 0, 3), ("z", 4, 5)]


def test_words_split_unspaced_scripts_into_characters():
    assert words("Hello Wörld, 2026年 東京タワー 서울 특별시") == [
        "hello", "wörld", "2026", "年", "東", "京", "タ", "ワ", "ー", "서울", "특별시"]


def test_accented_text_without_unspaced_scripts_reads_as_words_too():
    """Such text takes the faster pattern: the same words as the one that reads unspaced scripts."""
    text = "Grüße aus Köln, 42x „élan“ _x_"
    assert words(text) == ["grüsse", "aus", "köln", "42x", "élan", "_x_"]
    assert word_stems(text, 3) == ["grü", "aus", "köl", "42x", "éla", "_x_"]
    assert word_stems(text + " 東京", 3) == ["grü", "aus", "köl", "42x", "éla", "_x_", "東", "京"]


def test_word_stems_are_the_words_cut_to_their_first_characters():
    for text in ("Hello Wörld, 2026年 東京タワー 서울 특별시", "Regierungen_und Regierung: élections 42x",
                 "STRASSE Straße İstanbul", "a-b--c ... überé́"):
        for length in (1, 3, 6):
            assert word_stems(text, length) == [w[:length] for w in words(text)]


def test_chinese_near_duplicates_share_shingles():
    from newsflow.text.minhash import Params, signature, similarity

    text = "中央银行周四宣布加息半个百分点，这是今年第三次加息。官员表示通胀仍远高于目标，未来可能继续加息。"
    edited = text.replace("第三次", "第四次")
    other = "主队在比赛最后几分钟连进两球，在座无虚席的体育场赢得了杯赛决赛。"
    params = Params()
    assert similarity(signature(text, params), signature(edited, params)) > 0.6
    assert similarity(signature(text, params), signature(other, params)) < 0.2


def test_letter_count_is_str_isalpha_on_every_path():
    from newsflow.text.normalize import letter_count

    western = "".join(bytes([b]).decode("cp1252", "ignore") for b in range(32, 256))  # the fast path's characters
    for text in ("Hello, World 42", "Grüße „aus“ Köln – 3 Œuvres ½ ²", western, "Zażółć gęślą jaźń", "東京 2024 год"):
        assert letter_count(text) == sum(map(str.isalpha, text))


PARAGRAPHS = [
    "The army said on Sunday that the town had been fully retaken after weeks of heavy fighting in its "
    "eastern districts, where the last well-defended positions fell after a night of shelling.",
    "Officials in the capital said the offensive would continue towards the river in the coming days, "
    "and that the roads to the north would reopen once engineers had cleared them of mines.",
]


def test_hard_wrapped_paragraphs_are_joined_back_with_their_raw_spans():
    raw = "\n\n".join("\n".join(textwrap.wrap(p, 60)) for p in ["Town Retaken", *PARAGRAPHS])
    lines = unwrapped(raw, list(normalize_lines(raw)))
    assert [text for text, _, _ in lines] == ["Town Retaken", *PARAGRAPHS]
    assert [raw[start:end].replace("\n", " ") for _, start, end in lines] == ["Town Retaken", *PARAGRAPHS]
    # wrapped at 70, the first paragraph breaks after "well-": the word joins back without a space
    raw = "\n\n".join("\n".join(textwrap.wrap(p, 70)) for p in PARAGRAPHS)
    assert "well-\ndefended" in raw
    assert [text for text, _, _ in unwrapped(raw, list(normalize_lines(raw)))] == PARAGRAPHS


def test_text_that_is_not_hard_wrapped_stays_as_it_is():
    for raw in ("\n".join(PARAGRAPHS * 3),  # a paragraph a line
                "\n".join(["Home", "World news", "Business and markets today", "Sport", "Weather"] * 4)):  # menus
        lines = list(normalize_lines(raw))
        assert unwrapped(raw, lines) == lines


def test_sentences_broken_at_links_are_joined_back_with_their_raw_spans():
    # saved a text node a line: the links and the closing full stop stand on lines of their own
    raw = ("The feature, first spotted by\nMike Rundle\non Twitter, only appears to work on the newest phones\n"
           "when the user is\nwearing sunglasses\n.\nHome\nabout us\ncontact")
    lines = rejoined(raw, list(normalize_lines(raw)))
    assert [text for text, _, _ in lines] == [
        "The feature, first spotted by",  # the next line is a name: its case says nothing
        "Mike Rundle on Twitter, only appears to work on the newest phones when the user is wearing sunglasses.",
        "Home", "about us", "contact",  # lower-case menu items: too few words to be a sentence
    ]
    start, end = lines[1][1:]
    assert raw[start:end] == raw[raw.index("Mike"):raw.index("\nHome")]


def test_a_line_ending_on_a_comma_joins_the_next_whatever_its_case():
    # a text node a line broke the sentence before a name: "Además de Punta Arenas," / "Boric se …"
    raw = "Además de Punta Arenas,\nBoric se desplazará a Puerto Natales.\nUm eine Diagnose zu bekommen,\nmusst du"
    assert [text for text, _, _ in rejoined(raw, list(normalize_lines(raw)))] == [
        "Además de Punta Arenas, Boric se desplazará a Puerto Natales.", "Um eine Diagnose zu bekommen, musst du"]
    raw = "Dear readers,\n\nWe are closing the comments."  # a blank line between: paragraphs apart
    lines = list(normalize_lines(raw))
    assert rejoined(raw, lines) == lines


def test_on_a_page_with_a_blank_line_between_all_its_lines_broken_sentences_join_as_one_break_apart():
    # scrapers that write each block as a paragraph of its own (most of the news sample's pages):
    # a sentence broken at a link comes apart by a blank line
    single = "\n".join([*PARAGRAPHS, "The feature, first spotted by", "Mike Rundle",
                        "on Twitter, only appears to work here.", "Read more", "about us"])
    double = single.replace("\n", "\n\n")
    assert line_spacing(single, list(normalize_lines(single))) == 1
    assert line_spacing(double, list(normalize_lines(double))) == 2
    texts = [text for text, _, _ in plain_lines(double)]
    assert texts == [text for text, _, _ in plain_lines(single)]
    assert texts == [*PARAGRAPHS, "The feature, first spotted by",
                     "Mike Rundle on Twitter, only appears to work here.", "Read more", "about us"]
    start, end = plain_lines(double)[3][1:]
    assert double[start:end] == "Mike Rundle\n\non Twitter, only appears to work here."
    # a lone mark closes the line above; a block that opens on one and goes on is a list's bullet
    raw = "The money goes to three things (in euros)\n\n.\n\n? Clean air: 3.2 billion\n\n? Rail: 2.4 billion"
    assert [text for text, _, _ in plain_lines(raw)] == [
        "The money goes to three things (in euros).", "? Clean air: 3.2 billion", "? Rail: 2.4 billion"]


def test_two_long_lines_stay_apart_whatever_their_case():
    # list items, or a sentence and the line of code it announces: paragraphs of their own
    items = ["The army said the town had been retaken after weeks of heavy fighting in its east:",
             "civilians were evacuated through a corridor opened by the river crossing at dawn",
             "engineers started clearing the roads to the north of mines and unexploded shells"]
    raw = "\n".join(items)
    assert [text for text, _, _ in plain_lines(raw)] == items
    assert [text for text, _, _ in plain_lines(raw.replace("\n", "\n\n"))] == items


def test_a_byline_under_a_headline_stays_apart_whatever_its_case():
    raw = ("Kommunalwahlen in Nordmazedonien\nvon Daniel Braun, Davor Pasoski\n"
           "The study that found the effect was funded\nby the Gates Foundation and two smaller charities.")
    assert [text for text, _, _ in plain_lines(raw)] == [
        "Kommunalwahlen in Nordmazedonien", "von Daniel Braun, Davor Pasoski",
        "The study that found the effect was funded by the Gates Foundation and two smaller charities."]


def test_where_some_lines_are_one_break_apart_a_blank_line_still_parts_paragraphs():
    raw = "Dear readers,\n\nwe are closing the comments on this page for the night.\nThey reopen at nine."
    assert line_spacing(raw, list(normalize_lines(raw))) == 1
    assert [text for text, _, _ in plain_lines(raw)] == [
        "Dear readers,", "we are closing the comments on this page for the night.", "They reopen at nine."]


def test_a_function_word_joins_the_next_line_only_on_a_page_saved_a_node_a_line():
    sentence = "Besonders bei Babyschalen sollte geprüft werden, ob die\nGurtlänge im Fahrzeug ausreicht."
    nodes = "Er kam\n.\nSie ging\n!\nWir blieben\n.\n" + sentence  # three links before a full stop: a node a line
    texts = [text for text, _, _ in rejoined(nodes, list(normalize_lines(nodes)))]
    assert texts[-1] == "Besonders bei Babyschalen sollte geprüft werden, ob die Gurtlänge im Fahrzeug ausreicht."
    blocks = "Folgen Sie uns auf\nFacebook Twitter Instagram\n" + sentence  # a widget's label over its links
    assert [text for text, _, _ in rejoined(blocks, list(normalize_lines(blocks)))] == blocks.split("\n")


def test_on_a_page_saved_a_node_a_line_a_short_lower_case_line_joins_too():
    nodes = "Er kam\n.\nSie ging\n!\nWir blieben\n.\nAz egyik kedvencem\nhalloween\ni para-repertoárból."
    texts = [text for text, _, _ in rejoined(nodes, list(normalize_lines(nodes)))]
    assert texts[-1] == "Az egyik kedvencem halloween i para-repertoárból."
    blocks = "Az egyik kedvencem\nhalloween\ni para-repertoárból."  # a naive scrape's blocks: a menu item, maybe
    assert [text for text, _, _ in rejoined(blocks, list(normalize_lines(blocks)))] == blocks.split("\n")


def test_a_line_ending_on_an_opening_mark_joins_the_next():
    raw = "Benedikt XVI., Enzyklika „\nDeus caritas est“ 5/6, 25. Dezember 2005\nSie sagte (\nlaut Protokoll) nein."
    assert [text for text, _, _ in rejoined(raw, list(normalize_lines(raw)))] == [
        "Benedikt XVI., Enzyklika „Deus caritas est“ 5/6, 25. Dezember 2005", "Sie sagte (laut Protokoll) nein."]


def test_lines_apart_or_after_a_sentence_end_are_not_joined():
    for raw in ("The minister resigned on Monday after a long row with her party\n\nbut the vote went ahead as planned",
                "The minister resigned on Monday.\nbut the vote went ahead as planned on Tuesday night"):
        lines = list(normalize_lines(raw))
        assert rejoined(raw, lines) == lines
