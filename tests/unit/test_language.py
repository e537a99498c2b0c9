"""Language identification: short text through lingua's high-accuracy models, long text through
its trigram models, and when the English NER model may read a text."""

from newsflow.text import language

GERMAN = ("Der Bundestag hat am Donnerstag nach langer Debatte ein neues Gesetz zum Schutz der Wälder "
          "beschlossen. Die Opposition kritisierte, dass die Regeln zu spät kämen und die Länder zu wenig "
          "Geld für die Umsetzung erhielten.")


def test_long_text_reads_the_same_in_both_modes():
    assert len(GERMAN) >= language.HIGH_ACCURACY_BELOW
    assert language.detect_language(GERMAN) == "de"
    among = language._high(language._candidates(GERMAN))
    assert among.detect_language_of(GERMAN) == language._low().detect_language_of(GERMAN)


def test_short_sentences_are_read_among_the_languages_low_accuracy_mode_finds_likely():
    for sentence, code in (("El gobierno anunció ayer nuevas medidas económicas.", "es"),
                           ("Il governo ha annunciato nuove misure ieri.", "it"),
                           ("Le gouvernement a présenté hier son budget.", "fr"),
                           ("Rząd przedstawił wczoraj nowy budżet.", "pl"),
                           ("De regering heeft gisteren de begroting gepresenteerd.", "nl")):
        assert language.detect_language(sentence) == code, sentence
        candidates = language._candidates(sentence)
        assert 2 <= len(candidates) <= language.CANDIDATES
        assert any(c.iso_code_639_1.name.lower() == code for c in candidates)


def test_english_model_reads_a_short_line_of_names_but_not_german():
    assert language.reads_as_english("Angela Merkel visited Paris.", language.detect_language("Angela Merkel visited Paris."))
    assert not language.reads_as_english("Der Zug nach Berlin kommt heute später.", "de")
    assert not language.reads_as_english(GERMAN, "de")


def test_claimed_languages_leave_out_the_ones_lingua_confuses():
    codes = {code for code, _ in language.claimed()}
    assert {"en", "de", "hr", "id", "nb"} <= codes
    assert not codes & {"bs", "ms", "nn"}


def test_the_english_model_reads_a_results_table_whose_names_read_as_another_language():
    table = ("CYCLING - TOUR OF NETHERLANDS FINAL RESULTS .\nLANDGRAAF , Netherlands 1996-08-30\n"
             "Leading results of the 205-km sixth and final stage of the Tour of the Netherlands :\n"
             + "".join(f"{k}. {name} ( Netherlands ) Rabobank {k * 3} seconds\n" for k, name in enumerate(
                 ("Erik Breukink", "Tristan Hoffman", "Maarten den Bakker", "Michael Boogerd", "Koos Moerenhout",
                  "Gerrit de Vries", "Jeroen Blijlevens", "Servais Knaven", "Marc Wauters", "Rolf Sorensen"), 1)))
    assert language.detect_language(table) != "en"  # its names say Dutch
    assert language.reads_as_english(table, language.detect_language(table))  # its prose is English
    assert not language.reads_as_english(GERMAN + "\n" + GERMAN, "de")


def test_names_and_figures_alone_go_to_the_english_model_a_german_line_does_not():
    for line in ("Puchon 3 1 0 6 1 10", "HONG KONG 1996-08-30", "Romania - Cosmin Contra ( 31st ) , Mihai Tararache ( 75th )"):
        assert language.reads_as_english(line, language.detect_language(line)), line
    for line in ("Der Vorsitzende des Aufsichtsrat Wolfgang", "東京 2024年"):
        assert not language.reads_as_english(line, "de" if "Der" in line else "ja"), line
