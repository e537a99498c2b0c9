"""The line classifier on literal pages: what is body, what is evidence, what is removed and why."""

from newsflow.text.boilerplate import (
    ASIDE,
    BODY,
    BYLINE,
    DATELINE,
    IN_TEXT,
    SEPARATOR,
    SOURCE,
    TITLE,
    classify,
)

P = [
    "The army said on Sunday that the town had been fully retaken after weeks of heavy fighting.",
    "Officials in the capital said the offensive would continue towards the river in the coming days.",
    "Aid groups warned that thousands of civilians were still trapped without water or electricity.",
    "The ministry did not say how many soldiers had been killed in the operation so far this month.",
]


ARTICLE = [*P, "The ministry said the figures would be published once the families had been told by the army.",
           "Reporters who reached the town on Monday saw whole streets of houses burnt out along the main road."]
"""An article's run of paragraphs, over ``ARTICLE_RUN_WORDS``."""


def kinds(lines):
    return [(c.kind, c.reason) for c in classify(lines)]


def rule_kinds(lines):
    """The rules' kinds, the learned line filter aside (it flags some readers' posts too)."""
    return [(c.kind, c.reason) for c in classify(lines, line_filter=False)]


def test_paragraphs_are_body_and_short_sentences_join_them():
    assert kinds([P[0], "Because it was.", P[1]]) == [(BODY, None)] * 3


def test_a_short_sentence_ending_on_a_colon_joins_the_paragraph_after_it_only():
    assert kinds([P[0], "The minister said on Monday:", P[1]])[1] == (BODY, None)
    assert kinds([P[0], P[1], "Share this article with friends:", "Facebook"])[2] == ("boilerplate", "fragment")


def test_page_furniture_is_removed_with_reasons():
    lines = ["Support Us", P[0], "8,603 Views", "Support Us", "2,500 $", "Trump and Putin in SyriaGETTY",
             "© Photo: Ministry of Defence", P[1]]
    # a short line repeated on the page is kept out of the text but marked as a separator
    assert kinds(lines) == [
        (SEPARATOR, None), (BODY, None), ("boilerplate", "numeric"), (SEPARATOR, None),
        ("boilerplate", "numeric"), ("boilerplate", "credit"), ("boilerplate", "credit"), (BODY, None)]


def test_a_headline_ending_on_an_acronym_its_article_names_is_no_credit():
    # an agency's name ends captions only; an organisation the article names can end its headline
    body = "Athletics' governing body IAAF said the two sprinters had missed three tests in a year."
    lines = ["Greek sprinters suspended by IAAF", body, P[0], "Kenteris at the Athens stadium GETTY", P[1]]
    assert kinds(lines)[0] == (TITLE, None)
    assert kinds(lines)[3] == ("boilerplate", "credit")
    assert kinds(lines[:1] + lines[2:])[0] == ("boilerplate", "credit")  # named nowhere else: a credit


def test_a_caption_that_ends_on_its_photo_credit_is_removed_in_any_of_its_languages():
    captions = [
        "Striking members of the UCU and other unions at University College last year. Photograph: Guy Smallman/Getty Images",
        "One algorithm used as much energy as three nuclear plants produce in an hour.Photograph: Getty Images",
        "Nur die beiden Engländer Bertram und Ward waren zu stark, Taucher ist in der Weltspitze angekommen. (Foto: Privat)",
        "Lee Elder sprach Tiger Woods vor der Finalrunde des Masters 1997 Mut zu. | © Augusta National/Getty Images",
        "Dmitry Muratov, periodista ruso y Premio Nobel de la Paz, en Oslo durante la ceremonia (REUTERS/Denis Balibouse)",
        "Photo by Jeremy Holden, Fauna & Flora International",
    ]
    for caption in captions:
        assert kinds([P[0], caption, P[1]])[1] == ("boilerplate", "credit"), caption
    # an agency's tag at a paragraph's end, or photos named in a sentence, are the article's
    for text in ["Bundeskanzler Olaf Scholz hat sich dazu bisher skeptisch geäußert, sagte ein Sprecher am Montag. (dpa)",
                 "Im Buch finden sich viele Fotos von Pamela und wundervolle Zitate, die man so noch nicht gelesen hat.",
                 "The minister said he had a clear picture: nobody would be left behind by the reform this year."]:
        assert kinds([P[0], text, P[1]])[1][1] != "credit", text
    # HTML main content keeps them: its extractor chose them, and it knows a caption from its markup
    assert classify([P[0], captions[0], P[1]], main_content=True, line_filter=False)[1].reason != "credit"


def test_an_acronym_counts_as_named_only_as_a_whole_word_with_more_of_its_line_after_it():
    def named(*lines):
        return kinds(["Greek sprinters suspended by IAAF", *lines, P[0], P[1]])[0] == (TITLE, None)

    assert named("The IAAF said so.") and named("IAAF, the governing body.") and named("(IAAF) rules")
    assert not named("It was the IAAFS ruling.")  # inside a longer word
    assert not named("The XIAAF said so.") and not named("The IAAF_2 said so.")
    assert not named("Suspended by IAAF")  # at a line's end, as a credit stands: no evidence
    assert named("By IAAFIAAF and IAAF again")  # a later whole-word copy after a false start


def test_a_line_with_a_web_address_is_no_headline():
    # it closes the article before it; taken for the next article's headline it opened that one early
    lines = [P[0], P[1], "Read more great articles here: http://americanthinker.com", "Cancer Drug Shows Promise",
             P[2], P[3]]
    assert [k for k, _ in kinds(lines)] == [BODY, BODY, SOURCE, TITLE, BODY, BODY]
    assert kinds(["Visit Our Shop At www.example.com", P[0], P[1]])[0] == ("boilerplate", "short")
    assert kinds([P[0], "Visit Our Shop At Our Store", P[1]])[1][0] == TITLE


def test_repeated_lines_are_furniture():
    plea = "Liked it? Take a second to support us on Patreon!"
    assert [c.reason for c in classify([P[0], plea, P[1], plea])] == [None, "repeated", None, "repeated"]


def test_a_page_repeating_its_headline_above_the_text_keeps_it_as_a_title_line():
    # a breadcrumb, then the headline: both copies stand above the first paragraph
    headline = "Town Retaken After Weeks of Fighting"
    got = kinds(["Home", "News", headline, "Menu", headline, *P[:2], "Related", headline, P[2]])
    assert got[2] == got[4] == (TITLE, None)
    assert got[8] == ("boilerplate", "repeated")  # below the text's start it stays furniture: no new title cue


def test_a_page_opening_on_a_question_or_a_long_unpunctuated_line_opens_on_its_headline():
    assert kinds(["Will The Town Be Retaken Before Winter?", *P])[0] == (TITLE, None)
    headline = "Army Retakes The Town After Weeks Of Heavy Fighting As Aid Groups Warn Of Civilians Trapped Without Water"
    assert kinds([headline, *P])[0] == (TITLE, None)  # 18 words: a paragraph's length, but no sentence
    # a first paragraph stays one: a statement, two sentences, a line below the first
    assert kinds(["The town was retaken on Sunday after weeks of fighting.", *P])[0] == (BODY, None)
    assert kinds(["The town is free again. Will it stay free this winter?", *P])[0] == (BODY, None)
    assert kinds([P[0], "Will The Town Be Retaken Before Winter?", *P[1:]])[1] == (BODY, None)
    # past the page's furniture; an initial's full stop ends no sentence; a quotation is no headline
    assert kinds(["Subscribe to The Daily Courier for FREE", "Will The Town Be Retaken Before Winter?", *P])[1] == (TITLE, None)
    assert kinds(["The Feud Between Donald Sterling and V. Stiviano Ends In Court", *P])[0] == (TITLE, None)
    quote = "“We will not leave the town and its people to their fate this winter, whatever it costs us in the end”"
    assert kinds([quote, *P])[0] == (BODY, None)


def test_a_long_headline_in_title_case_is_a_title_line_anywhere_on_the_page():
    # 17 words: a paragraph's length, but no sentence, every longer word capitalised, some short one not
    headline = "Cronyism: For the Likes of Google, It is Really, REALLY Good to be a Friend of Obama"
    assert rule_kinds([*ARTICLE, headline, *P])[len(ARTICLE)] == (TITLE, None)
    # a menu capitalises every word; German capitalises its nouns only; a caption holds two sentences
    menu = "Home News Sport Business Weather Travel Culture Future Worklife Reel Music Video Radio Games Shop More Search"
    german = "Die Regierung hat am Sonntag erklärt, dass die Stadt nach wochenlangen Kämpfen vollständig zurückerobert worden sei, sagte ein Sprecher"
    caption = "In den Gassen von Syrakus im Anzug mit Schleppe von Dolce & Gabbana Alta Moda. Sonnenbrille und Schmuck: Dolce & Gabbana"
    for line in (menu, german, caption):
        assert rule_kinds([*ARTICLE, line, *P])[len(ARTICLE)][0] != TITLE, line


def test_comment_zone_after_body_until_a_new_title():
    comment = "I think this is a great article and everyone should read it before the election next year."
    lines = [*P[:3], "Leave a Reply", "Notify of", "1 Comment", comment,
             "A New Headline About Something Else Entirely", P[3]]
    got = kinds(lines)
    assert got[6] == ("boilerplate", "comments")
    assert got[7] == (TITLE, None)
    assert got[8] == (BODY, None)


def test_comment_zone_ends_at_a_long_stretch_without_paragraphs():
    # a dump of whole saved pages: the footer of one and the menu of the next, then its article
    comment = "I think this is a great article and everyone should read it before the election next year."
    furniture = ["Home", "World", "Sport", "Contact", "Privacy", "Terms", "Cookies", "Jobs", "Help",
                 "Sitemap", "Archive", "Video", "Audio", "Weather", "Search"]
    lines = [*P[:3], "Leave a Reply", "Notify of", "1 Comment", comment, *furniture, P[3]]
    got = kinds(lines)
    assert got[6] == ("boilerplate", "comments")
    assert got[-1] == (BODY, None)


def test_a_quote_s_sources_given_as_bare_web_addresses_open_no_comment_zone():
    sources = ["(http://www.skepticalraptor.com/japan-bans-gardasil/", "https://sciblogs.co.nz/2017/02/14/hpv/,",
               "https://www.snopes.com/fact-check/on-gardasil/)"]
    assert [k for k, _ in kinds([*P[:3], *sources, P[3]])][-1] == BODY
    # a label over its links still opens one
    plea = "Spread the word and share this article or leave a comment to help direct attention to the story."
    assert kinds([*P[:3], "VIDEO Source:", *sources[1:], plea])[-1] == ("boilerplate", "comments")


def test_a_share_bar_that_the_article_goes_on_under_opens_no_comment_zone():
    lead = ["The storm reached the coast on Tuesday night and flooded the old harbour within a few hours.",
            "Fishermen who had stayed on their boats were brought ashore by the coastguard before midnight.",
            "By the morning the water had reached the market square and most of the shops on the main street."]
    share_bar = ["teilen", "twittern", "E-Mail"]
    more = ["Engineers from the power company said it could take weeks before the grid was working again in the town.",
            "The governor promised that schools and the hospital would be the first buildings to get power back.",
            "Farmers outside the town said their fields had been flooded and that they could not reach their animals.",
            "A convoy of trucks carrying food and medicine was expected to arrive from the capital by the weekend.",
            "Residents who had fled to the hills said they would not return until the roads were declared safe.",
            "The harbour master said the sea wall, built in the last century, had never been breached before.",
            "Insurers have sent assessors to the town, but many owners of the shops on the square have no cover.",
            "The national weather service warned that a second storm could reach the same coast within days.",
            "Volunteers from the neighbouring villages spent the whole of Wednesday filling sandbags by the river."]
    rest = [*ARTICLE, *more]  # paragraphs one after another, over ZONE_ARTICLE_WORDS
    got = rule_kinds([*lead, *share_bar, *rest])
    assert got[6:] == [(BODY, None)] * len(rest)
    # under the same widgets, a post or two of readers' comments is a comment zone
    comment = "I think this is a great article and everyone should read it before the election next year."
    assert rule_kinds([*lead, *share_bar, comment, "Anna", comment])[6] == ("boilerplate", "comments")


def test_widgets_before_the_first_paragraphs_do_not_open_a_comment_zone():
    lines = ["Headline Of The Story Goes Here", P[0], "Author Name", "Published", "on", P[1], P[2]]
    assert [k for k, _ in kinds(lines)][-2:] == [BODY, BODY]


def test_bylines_and_titles_are_kept_as_evidence():
    got = kinds(["Russia To Respond After Drone Attack", "By Alexander Mercouris", P[0]])
    assert got == [(TITLE, None), (BYLINE, None), (BODY, None)]


def test_a_byline_prefix_before_a_lower_case_word_opens_a_phrase_not_a_byline():
    got = kinds(["Von der Nachkriegsarmut zum Wirtschaftsaufschwung der Bundesrepublik", P[0],
                 "Von Ursula Meier", P[1], "by admin", P[2]])
    assert got[0][0] != BYLINE
    assert got[2] == (BYLINE, None) and got[4] == (BYLINE, None)


def test_other_languages_and_scripts():
    german = "Die Regierung hat am Montag beschlossen, die Steuern für kleine Unternehmen deutlich zu senken."
    chinese = "政府周一宣布，将从明年起降低小企业的税收，以支持经济复苏和增加就业机会。"
    assert [k for k, _ in kinds(["Kommentar schreiben", german, chinese])] == ["boilerplate", BODY, BODY]


def test_datelines_in_several_languages_are_evidence():
    # (a bare date of up to 4 words goes as a number)
    dates = ["Published on April 30, 2019 at 10:00", "Updated 30th April 2019, 10:00 BST",
             "Veröffentlicht am 23. November 2022 um 7:46 Uhr", "Opublikowano 30 kwietnia 2019 o 10:00",
             "Mis à jour le 30 avril 2019", "发布时间 2019年4月30日 08:00 来源 新华社", "Rezept vom 2 Aug. 2013",
             "Posted Jan. 21, 2015 by Anna"]
    assert [kind for kind, _ in kinds([P[0], *dates, P[1]])[1:-1]] == [DATELINE] * len(dates)
    assert kinds([P[0], "Five Things To Watch In Markets This Week", P[1]])[1][0] == TITLE


def test_a_paragraph_scraped_twice_keeps_its_first_copy():
    long_para = P[0] + " " + P[1]
    assert [c.reason for c in classify([long_para, P[2], long_para])] == [None, None, "repeated"]


def test_a_bare_name_before_a_recurring_separator_is_a_byline():
    lines = ["Headline Of The First Story", P[0], "Alexander Mercouris", "Published", P[1], P[2],
             "Headline Of The Second Story", P[3], "Jane Doe", "Published", P[0] + " Again."]
    got = kinds(lines)
    assert got[2] == (BYLINE, None) and got[3] == (SEPARATOR, None)
    assert got[8] == (BYLINE, None)


def test_lone_notices_around_an_article_go_but_its_dek_stays():
    notice = "We use cookies to give you the best experience on our website, as our policy explains."
    signup = "Sign up for our newsletter. We will never share your email address."
    dek = "The town was retaken after weeks of fighting, the army said."
    article = [f"{p} {p}" for p in P]  # one run of paragraphs of over 100 words
    lines = ["Home", "World", "Politics", notice, "Sport", "Army Retakes The Town After Weeks Of Fighting",
             dek, "© Photo: Ministry of Defence", *article, "Share this", "Contact us", signup, "Imprint"]
    got = kinds(lines)
    assert got[3] == got[-2] == ("boilerplate", "lone")
    assert got[6] == (BODY, None)
    assert [k for k, _ in got[8:12]] == [BODY] * 4
    # without an article on the page there is nothing to tell a notice from a short text by
    assert kinds(["Home", notice, "World"])[1] == (BODY, None)


def test_a_run_of_teasers_cut_off_with_an_ellipsis_is_furniture_still_body_for_the_segmenter():
    from newsflow.text.boilerplate import is_furniture

    teasers = ["Barbados senior men's national football team left the island today to set up a two-week training...",
               "Head coach of the senior national men's team says the absence of the...",
               "Die enen endless energy GmbH wurde auch in diesem Jahr mit dem Zertifikat ausgezeichnet und bestätigt di…",
               "Kurz gesagt, es wird kalt"]
    got = classify([*P, *teasers])
    assert [(c.kind, c.reason) for c in got[4:7]] == [(BODY, "teasers")] * 3 and all(map(is_furniture, got[4:7]))
    assert [c.kind for c in got[:4]] == [BODY] * 4
    # two in a row, or an ellipsis after a space ("and then …"), make no list
    assert kinds([*P, *teasers[:2], P[0] + " And then …"])[4:] == [(BODY, None)] * 3
    # an article written in trailing ellipses has lines of any length: no teasers, cut at a length
    styled = ["Dow remains below 26k…", "And it is the only major index green on the week…",
              "And unlike recent times, the VIX is not instantly reverting lower, but extending its spike back above 12…"]
    assert [k for k, _ in kinds([*P, *styled])[4:]] == [BODY] * 3 and kinds([*P, *styled])[5] == (BODY, None)
    # a page of nothing but teasers (a list page) keeps them as its text
    assert [(c.kind, c.reason) for c in classify(teasers[:3])] == [(BODY, None)] * 3


def test_a_column_of_headlines_with_their_standfirsts_run_on_is_furniture_still_body_for_the_segmenter():
    from newsflow.text.boilerplate import HEADLINE_RUN, is_furniture

    column = ["Amanda Holden, 49, marks her friend's 50th birthday with a stunning bikini throwback snap and likens the group to Golden Girls",
              "Kerry Katona leaves little to the imagination as she strikes a provocative pose in sheer lace lingerie for her new account Saucy",
              "Love Island's Laura Anderson showcases her toned physique in an orange thong bikini during a Dubai getaway with her friends",
              "Lily Allen apologises as she flaunts freebies on social media including accessories, gifts, silk pyjamas and an iPhone from a brand",
              "The Apprentice star announces the arrival of his baby boy as he welcomes a first child with his fiancée after a long wait Sweet",
              "Lizzie Cundy, 52, flaunts her figure in a skimpy white swimsuit as she shares a throwback fishing snap from her holiday Cheeky"]
    assert len(column) == HEADLINE_RUN
    got = classify([*ARTICLE, *column])
    assert [(c.kind, c.reason) for c in got[len(ARTICLE):]] == [(BODY, "teasers")] * HEADLINE_RUN
    assert all(map(is_furniture, got[len(ARTICLE):]))
    assert [(c.kind, c.reason) for c in got[: len(ARTICLE)]] == [(BODY, None)] * len(ARTICLE)
    # one fewer makes no column
    assert [c.reason for c in classify([*ARTICLE, *column[1:]])[len(ARTICLE):]] == [None] * (HEADLINE_RUN - 1)
    # a list inside an article, prose on both sides of it, is the article's
    before, after = " ".join(P[:2]), " ".join(P[2:])  # paragraphs of 25 words or more
    inside = classify([*ARTICLE, before, *column, after, *ARTICLE])
    at = len(ARTICLE) + 1
    assert [c.reason for c in inside[at : at + HEADLINE_RUN]] == [None] * HEADLINE_RUN
    # HTML main content keeps its lists: the extractor chose them
    assert [c.reason for c in classify([*ARTICLE, *column], main_content=True, line_filter=False)[len(ARTICLE):]] == [None] * HEADLINE_RUN
    # no headline starts in lower case: steps that run on from the line before are the page's own
    steps = [line[0].lower() + line[1:] for line in column]
    assert [c.reason for c in classify([*ARTICLE, *steps])[len(ARTICLE):]] == [None] * HEADLINE_RUN


def test_a_thread_of_dated_posts_between_repeated_reply_labels_is_furniture_still_body_for_the_segmenter():
    from newsflow.text.boilerplate import COMMENTS, is_furniture

    posts = ["Guten Morgen Martina, da hast du wirklich eine einzigartige Tasche gezeigt. Ich wünsche dir ein "
             "wundervolles langes Wochenende mit deiner Familie.",
             "Liebe Beate, das Geheimnis habe ich doch gerne mit meinen Leserinnen geteilt. Es freut mich sehr, "
             "dass dir die Tasche so gut gefällt.",
             "Hallo Evi, freut mich sehr, dass der Beitrag so gut ankommt. Die Tasche ist wirklich nicht zu groß, "
             "es passt alles hinein, was man braucht."]
    thread = ["3 Kommentare",
              "Beate", "19. Juni 2019 / 6:16", posts[0], "Antworten",
              "Martina Berg", "19. Juni 2019 / 13:20", posts[1], "Sonnige Grüße aus München", "Antworten",
              "Evi", "19. Juni 2019 / 16:28", posts[2], "Antworten"]
    got = classify([*ARTICLE, *thread], line_filter=False)
    at = {text: got[i] for i, text in enumerate([*ARTICLE, *thread])}
    # the first post too, above the first label, back to its date
    assert [(at[p].kind, at[p].reason) for p in posts] == [(BODY, COMMENTS)] * 3
    assert all(is_furniture(at[p]) for p in posts)
    assert at["Sonnige Grüße aus München"].kind == "boilerplate"  # a signature is no title cue
    assert [c.kind for c in got[: len(ARTICLE)]] == [BODY] * len(ARTICLE)
    # without a date or time between the labels (a table's repeated cells, a listicle's "Mehr Info"),
    # or without an article above, the paragraphs stay
    undated = [line for line in thread if "2019" not in line]
    assert [rule_kinds([*ARTICLE, *undated])[len(ARTICLE) + undated.index(p)] for p in posts] == [(BODY, None)] * 3
    assert [rule_kinds(thread)[thread.index(p)] for p in posts] == [(BODY, None)] * 3
    # once two posts are marked, a long one (over LABELLED_POST_WORDS) between two more labels goes on with them
    long_post = " ".join([posts[1]] * 9)
    longer = [*thread, "Astrid", "20. Juni 2019 / 9:02", long_post, "Antworten"]
    assert rule_kinds([*ARTICLE, *longer])[len(ARTICLE) + longer.index(long_post)] == (BODY, COMMENTS)


def test_posts_headed_by_a_name_over_a_date_are_a_thread_without_any_reply_label():
    from newsflow.text.boilerplate import COMMENTS

    posts = ["I think the ministry knew far more than it said, and the families deserve to hear it now. "
             "Nobody should have to learn this from a newspaper.",
             "Ja. Es scheint mir so zu sein, dass es nur darum ginge, die Argumente des Gegners zu entkräften. "
             "Das ist schade, denn die Frage wäre es wert.",
             "Über die Hälfte dieses Kommentars habe ich mich geärgert, immer dann, wenn ich mich ertappt fühlte. "
             "Das ist klug analysiert, danke.",
             "Sowas ist in rein schriftlichen Kommentaren immer etwas schwierig, finde ich, bei jeder Diskussion. "
             "Ironie liest man eben nicht mit."]
    thread = [line for n, post in enumerate(posts)
              for line in (f"Reader {'ABCD'[n]} sagt:", f"{n + 3}. November 2023 um 20:14 Uhr", post)]
    got = rule_kinds([*ARTICLE, *thread])
    assert [got[len(ARTICLE) + thread.index(p)] for p in posts] == [(BODY, COMMENTS)] * 4
    # posts of any length under a comment form's signature ("… sagt:" over three headers or more);
    # the same long posts under dates alone (a party's press releases) are no thread
    long_posts = [" ".join([post] * 4) for post in posts]
    signed = [line for n, post in enumerate(long_posts)
              for line in (f"Reader {'ABCD'[n]} sagt:", f"{n + 3}. November 2023 um 20:14 Uhr", post)]
    got = rule_kinds([*ARTICLE, *signed])
    assert [got[len(ARTICLE) + signed.index(p)] for p in long_posts] == [(BODY, COMMENTS)] * 4
    dated = [line for n, post in enumerate(long_posts) for line in (f"{n + 3}. November 2023 um 20:14 Uhr", post)]
    got = rule_kinds([*ARTICLE, *dated])
    assert [got[len(ARTICLE) + dated.index(p)] for p in long_posts] == [(BODY, None)] * 4
    # a date with its time heads a post whatever stands above it
    timed = [line for n, post in enumerate(posts) for line in (f"Reader{n} July {n + 6}, 2015 at 6:57 pm", post)]
    got = rule_kinds([*ARTICLE, *timed])
    assert [got[len(ARTICLE) + timed.index(p)] for p in posts] == [(BODY, COMMENTS)] * 4
    # a longer header with a date and a time heads a post too; a shop box's price stamp, which says a
    # sentence first, does not
    headed = [line for n, post in enumerate(posts)
              for line in (f"Ein Argument geschrieben von reader{n} am {n + 3}. Jan. 2015, 19:04 [ antworten ]", post)]
    got = rule_kinds([*ARTICLE, *headed])
    assert [got[len(ARTICLE) + headed.index(p)] for p in posts] == [(BODY, COMMENTS)] * 4
    # its date in a form no date pattern reads (a blog's own "d.m, Y"): the year beside the time will do
    odd = [line for n, post in enumerate(posts)
           for line in (f"Comment by Gerhard Reader{n} — 17.07, 2011 @ 13:{n + 10}", post)]
    got = rule_kinds([*ARTICLE, *odd])
    assert [got[len(ARTICLE) + odd.index(p)] for p in posts] == [(BODY, COMMENTS)] * 4
    priced = [line for n, post in enumerate(posts)
              for line in (f"Preis kann jetzt höher sein. Preis vom 02.01.2023 {n + 8}:29 Uhr", post)]
    got = rule_kinds([*ARTICLE, *priced])
    assert [got[len(ARTICLE) + priced.index(p)] for p in posts] == [(BODY, None)] * 4
    # an embedded post's date under its text, as a tweet has it, heads no post
    tweets = [line for n, post in enumerate(posts) for line in (post, f"— Reader (@reader) November {n + 3}, 2023")]
    got = rule_kinds([*ARTICLE, *tweets])
    assert [got[len(ARTICLE) + tweets.index(p)] for p in posts] == [(BODY, None)] * 4


TIPS = ["The first step is to write down what you eat every day, including snacks and drinks between meals, so "
        "that you can see where the extra calories come from.",
        "Eating at the same time every day helps the body settle into a rhythm and keeps hunger in check, which makes it "
        "easier to skip the snacks between meals.",
        "Sugary drinks add hundreds of calories a day without making anyone feel any less hungry at all, so water or tea "
        "is the easiest change of all to make.",
        "A short walk after lunch and dinner is enough to make a difference over a few weeks, doctors say, and it helps "
        "the body deal with the sugar in a meal."]
INTRO = ["Most people who want to lose weight start a diet, and most of them give it up within a few weeks of starting.",
         "Doctors say small changes to everyday habits do more over a year than any diet, and they are easier to keep.",
         "A study of two thousand adults found that those who changed three habits lost more weight than those who dieted.",
         "The researchers followed the group for two years and found that the habits lasted far longer than any of the diets.",
         "Here are the habits that the doctors we spoke to recommend most often to patients who want to lose weight."]
PITCH = "Get the best of our journalism delivered to your inbox every morning: sign up for free today and never miss a story."
LISTICLE = ["Home", "News", "Health", "How to lose weight without a diet", *INTRO,
            "1. Write everything down", "© Getty Images", TIPS[0], "2. Eat at the same times", "© Reuters", TIPS[1],
            "3. Skip the sugary drinks", "© Jane Doe / AFP", TIPS[2], "4. Walk after meals", TIPS[3],
            "Share this:", "Facebook", "Twitter", "Newsletter", PITCH, "Privacy", "Terms"]
"""A listicle among menus, with a newsletter pitch in the footer (furniture around the article, which
the line filter judges); its numbered subheadings over photo credits."""


def test_lines_among_paragraphs_that_read_as_article_text_are_kept_in_it():
    found = dict(zip(LISTICLE, kinds(LISTICLE), strict=True))
    # numbered subheadings the line filter reads as article text: the rules read a longer one as a
    # title, which it stays for the segmenter, and a short one as a figure, now an aside it does not read
    assert [found[t] for t in ("2. Eat at the same times", "3. Skip the sugary drinks")] == [(TITLE, IN_TEXT)] * 2
    assert found["4. Walk after meals"] == (ASIDE, IN_TEXT)
    # the headline, the credits, the pitch and the sharing widget after the last paragraph are not text
    assert found["How to lose weight without a diet"] == (TITLE, None) and found["© Reuters"] == ("boilerplate", "credit")
    assert found[PITCH] == (BODY, "line_filter")
    assert {found[t] for t in ("Share this:", "Facebook", "Twitter")} == {("boilerplate", "short")}
    # without the line filter, the rules alone keep none of them
    assert IN_TEXT not in {reason for _, reason in rule_kinds(LISTICLE)}


def test_counters_and_web_addresses_among_paragraphs_stay_out_of_the_text():
    assert kinds([P[0], "8,603 Views", P[1]])[1] == ("boilerplate", "numeric")
    # a web address right under a paragraph is handed on as a source line, out of the text too
    assert kinds([P[0], "Visit Our Shop At www.example.com", P[1]])[1] == (SOURCE, "short")


def test_a_quantity_among_paragraphs_that_reads_as_article_text_is_kept_a_view_counter_is_not():
    page = list(LISTICLE)
    at = page.index(TIPS[1]) + 1
    page[at:at] = ["2 litres of water", "8,603 Views"]
    found = dict(zip(page, kinds(page), strict=True))
    assert found["2 litres of water"] == (ASIDE, IN_TEXT)
    assert found["8,603 Views"] == ("boilerplate", "numeric")


def test_calls_to_subscribe_and_follow_under_the_article_are_furniture_still_body_for_the_segmenter():
    closing = ["Subscribe now to our print edition for the full story.",
               "Follow us on Twitter and Instagram and like us on Facebook for the latest news."]
    assert kinds(ARTICLE + closing)[-3:] == [(BODY, None), (BODY, "line_filter"), (BODY, "line_filter")]
    assert kinds(ARTICLE) == [(BODY, None)] * len(ARTICLE)  # an article's own last paragraph stays


def test_a_web_address_right_under_a_paragraph_is_a_source_line_handed_on():
    source = "Source: https://ledger.example.org/2026/11/town-retaken"
    assert kinds([*P[:2], source, "Town Retaken After Weeks Of Fighting", *P[2:]])[2] == (SOURCE, "numeric")
    # nowhere near a paragraph, the same line is furniture
    assert kinds(["Home", source, "Town Retaken After Weeks Of Fighting", *P])[1][0] == "boilerplate"
