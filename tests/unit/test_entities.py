"""Entities on literal text: labels, offsets into the text, canonical names through the alias
table, short mentions resolved to earlier full names, and no English model on other languages."""

from newsflow.text.entities import alias_key, extract_entities


def entities(text, language="en"):
    return extract_entities([(text, language)])[0]


def test_offsets_point_into_the_text_and_labels_are_contract_labels():
    text = "Russian Defence Minister Sergey Shoigu met Bashar al-Assad in Damascus on Monday."
    found = entities(text)
    assert found
    for e in found:
        assert text[e["start"] : e["end"]] == e["text"]
        assert e["label"] in {"PERSON", "ORG", "LOC", "MISC"}
    assert {"Sergey Shoigu", "Bashar al-Assad", "Damascus"} <= {e["canonical"] for e in found}


def test_aliases_link_to_one_canonical_name():
    text = ("Daesh fighters attacked Deir Ezzor. The SAA said ISIL had lost ground near Deir-ez-Zor, "
            "and Russian jets flew from Hmeymim.")
    canon = {e["text"]: e["canonical"] for e in entities(text)}
    assert canon.get("Daesh") == canon.get("ISIL") == "Islamic State"
    assert canon.get("Deir Ezzor") == canon.get("Deir-ez-Zor") == "Deir ez-Zor"
    assert canon.get("SAA") == "Syrian Arab Army"


def test_short_mentions_resolve_to_the_full_name_used_earlier():
    text = "Jacinda Ardern spoke to reporters in Wellington. Later, Ardern said the plan would go ahead."
    found = [e for e in entities(text) if e["text"] == "Ardern"]
    assert found and found[0]["canonical"] == "Jacinda Ardern"


def test_alias_keys_ignore_case_hyphens_and_the():
    assert alias_key("the Deir-ez-Zor") == alias_key("Deir Ez Zor") == "deirezzor"


def test_other_languages_get_alias_matches_only():
    found = entities("Der Präsident Wladimir Putin traf Baschar al-Assad in Damaskus.", "de")
    # "Assad" inside "al-Assad" is an alias; "Damaskus" is not in the table and no model ran
    assert [e["canonical"] for e in found] == ["Vladimir Putin", "Bashar al-Assad"]


def test_model_view_keeps_offsets_and_blanks_only_long_runs_without_capitals():
    from newsflow.text.entities import _model_view

    text = ("Yesterday Angela Merkel said that the plan would be put to the vote again once the "
            "committee had read all of the amendments in full, and Paris agreed.")
    view = _model_view(text)
    assert len(view) == len(text)
    assert view.startswith("Yesterday Angela Merkel said that the plan ")
    assert view.endswith(" amendments in full, and Paris agreed.")
    assert "committee" not in view  # the middle of a 20-word run without a capital
    assert _model_view("the plan was put to the vote.") == "the plan was put to the vote."


def test_a_sentence_opening_function_word_does_not_end_a_run_a_name_does():
    from newsflow.text.entities import _model_view

    text = ("the plan would be put to the vote again once the committee had read it.\nThe members said "
            "they would wait for the report before they made up their minds on it.")
    view = _model_view(text)
    assert len(view) == len(text) and "members" not in view and "committee" not in view  # one run, across the line
    named = text.replace("The members", "Merkel's members")
    assert "committee had read it.\nMerkel's members said they" in _model_view(named)  # the name's window is kept


def test_a_short_mention_of_a_person_is_a_person_whatever_the_model_called_it():
    from newsflow.text.entities import _link

    text = "Charles de Gaulle returned to Paris, where de Gaulle met Gaulle's son."
    at = {"Charles de Gaulle": 0, "Paris": text.index("Paris"), "de Gaulle": text.index("de Gaulle met"),
          "Gaulle": text.rindex("Gaulle")}
    labels = {"Charles de Gaulle": "PERSON", "Paris": "LOC", "de Gaulle": "LOC", "Gaulle": "ORG"}
    found = _link(text, [(at[m], at[m] + len(m), labels[m]) for m in at], {})
    assert [(e["text"], e["label"], e["canonical"]) for e in found] == [
        ("Charles de Gaulle", "PERSON", "Charles de Gaulle"),
        ("Paris", "LOC", "Paris"),  # not part of a name seen before
        ("de Gaulle", "PERSON", "Charles de Gaulle"),
        ("Gaulle", "PERSON", "Charles de Gaulle"),
    ]


def test_person_names_grow_over_initials_and_rare_given_names_not_titles():
    from newsflow.text.entities import _first_names

    text = "Sandrine Testud beat D. Lehmann while President Clinton watched."
    spans = [(9, 15, "PERSON"), (24, 31, "PERSON"), (48, 55, "PERSON")]
    assert [text[s:e] for s, e, _ in _first_names(text, spans)] == ["Sandrine Testud", "D. Lehmann", "Clinton"]


def test_a_town_before_a_score_is_a_team_a_country_stays_a_place():
    found = {e["text"]: e["label"] for e in entities("Standings: Japan 3 1 0 2 , Houston 5 3 1 1 .")}
    assert found == {"Japan": "LOC", "Houston": "ORG"}


def test_the_place_of_a_wire_dateline_is_a_location_a_caps_headline_is_not():
    from newsflow.text.entities import _datelines

    text = ("SOCCER - LEAGUE RESULTS\nBUCHAREST 1996-08-22\nMOSCOW (Reuters) - Talks began.\nNEW YORK, Aug 22 - Stocks fell.\n"
            "SEPA (Single Euro Payments Area) transfers take a day.")
    assert [text[s:e] for s, e, _ in _datelines(text)] == ["BUCHAREST", "MOSCOW", "NEW YORK"]


def test_no_name_runs_across_a_dash_a_bracket_or_a_line_break():
    from newsflow.text.entities import _model_view, _nlp

    text = ("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY .\nLONDON 1996-08-30\n"
            "West Indian all-rounder Phil Simmons took four for 38 on Friday.\nRomania - Cosmin Contra , Dan Petrescu .")
    assert any(" - " in ent.text for ent in _nlp()(_model_view(text)).ents)  # what the model does here
    found = entities(text)
    assert not any(" - " in e["text"] or "\n" in e["text"] for e in found)
    assert {"LONDON", "Phil Simmons", "Dan Petrescu"} <= {e["text"] for e in found}


def test_scores_are_not_part_of_names():
    text = "Surrey 429-7 ( C. Lewis 80 not out , M. Butcher 70 , G. Kersey 63 , J. Ratcliffe 63 , D. Bicknell 55 ) ."
    people = [e["text"] for e in entities(text) if e["label"] == "PERSON"]
    assert "G. Kersey" in people and "J. Ratcliffe" in people
    assert not any(ch.isdigit() for name in people for ch in name)


def test_country_names_are_places_in_headlines_too():
    from newsflow.text.entities import _country_names

    text = "SOCCER - ROMANIA BEAT LITHUANIA IN UNDER-21 MATCH\nTurkey and New Zealand drew; Chadwick played."
    assert [text[s:e] for s, e, _ in _country_names(text)] == ["ROMANIA", "LITHUANIA", "Turkey", "New Zealand"]


def test_a_results_table_names_teams_and_national_teams_are_places():
    text = ("Division one\nStoke 4 3 1 0 7 4 10\nQueen of South 3 2 0 1 5 4 6\nBolton 2 Swindon 1\nRomania 3 2 1 0 6 2 7\n"
            "HOUSTON 72 63 .533 -\nST LOUIS 69 65 .515 2 1/2\nSales 1,204 1,130 +6.5%\nM1 3.2 2.9 0.3")
    found = {e["text"]: e["label"] for e in entities(text)}
    assert {k: found.get(k) for k in ("Stoke", "Queen of South", "Bolton", "Swindon", "Romania", "HOUSTON", "ST LOUIS")} == {
        "Stoke": "ORG", "Queen of South": "ORG", "Bolton": "ORG", "Swindon": "ORG", "Romania": "LOC", "HOUSTON": "ORG",
        "ST LOUIS": "ORG"}
    assert found.get("Sales") is None and found.get("M1") != "ORG"  # a financial table's rows


def test_names_lose_the_possessive_figures_and_lower_case_words_at_their_ends():
    from newsflow.text.entities import _trim

    for span, label, name in (("the Interfax news agency", "ORG", "Interfax"), ("G. Kersey 63", "PERSON", "G. Kersey"),
                              ("Essex 532-8", "ORG", "Essex"), ("Putin's", "PERSON", "Putin"),
                              ("Windows 95", "MISC", "Windows 95"), ("Bank of England", "ORG", "Bank of England"),
                              ("Deir ez-Zor", "LOC", "Deir ez-Zor"), ("Bashar al-Assad", "PERSON", "Bashar al-Assad")):
        start, end = _trim(span, 0, len(span), label)
        assert span[start:end] == name


def test_names_lose_quotation_marks_dashes_and_punctuation_at_their_edges():
    from newsflow.text.entities import _trim

    for span, label, name in (("the “Star Wars", "MISC", "Star Wars"), ("Comey &", "PERSON", "Comey"),
                              ("Nneka Obazee - the", "PERSON", "Nneka Obazee"), ("– Strauss & Howe", "PERSON", "Strauss & Howe"),
                              ("Obama FBI/", "ORG", "Obama FBI"), ("U.S.", "LOC", "U.S."), ("Acme Inc.", "ORG", "Acme Inc."),
                              ("“", "MISC", "“")):  # nothing but punctuation: left as it is
        start, end = _trim(span, 0, len(span), label)
        assert span[start:end] == name
    text = "The raids are part of “The Saga of Exhaustion”, an offensive announced by Isis."
    assert "Saga of Exhaustion" in {e["text"] for e in entities(text)}


def test_a_country_is_a_place_whatever_the_model_said_a_namesake_person_stays_a_person():
    from newsflow.text.entities import _model_view, _nlp

    text = "Liechtenstein and Benin signed the accord . Michael Jordan scored 30 points . Jordan said he was tired ."
    assert ("Benin", "PERSON") in {(e.text, e.label_) for e in _nlp()(_model_view(text)).ents}  # the model's view
    found = [(e["text"], e["label"], e["canonical"]) for e in entities(text)]
    assert ("Benin", "LOC", "Benin") in found and ("Liechtenstein", "LOC", "Liechtenstein") in found
    assert ("Jordan", "PERSON", "Michael Jordan") in found


def test_two_capitalised_words_of_a_made_up_name_are_not_a_person_unless_the_model_says_so():
    from newsflow.text.entities import _link

    text = "Every Fourth Turning ends. The next Fourth Turning is due."
    spans = [(0, 20, "PERSON"), (text.rindex("Fourth Turning"), text.rindex("Fourth Turning") + 14, "LOC")]
    assert [e["label"] for e in _link(text, spans, {})] == ["PERSON", "LOC"]


def test_a_short_alias_is_an_acronym_so_case_counts():
    found = entities("Un grupo de la ONU visitó la ciudad. La UN dijo que sí; die EU- und Nato-Staaten auch.", "es")
    assert [(e["text"], e["canonical"]) for e in found] == [("UN", "United Nations"), ("EU", "European Union")]


def test_one_line_of_name_and_figures_is_no_table():
    from newsflow.text.entities import _table_rows

    assert _table_rows("Visit us at Hochstr 12 3 4 any day.\nHochstr 12 3 4") == []
    assert len(_table_rows("Stoke 4 3 1 0 7 4 10\nBarnsley 3 3 0 0 8 2 9")) == 2
