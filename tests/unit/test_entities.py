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
