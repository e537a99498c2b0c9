"""IPTC topics from the lexicon scorer: labels from the contract's list, best first, several
per article, and none for languages the lexicon does not cover."""

import pytest

from newsflow.text.topics import LEXICON, topics

CONTRACT_LABELS = {
    "arts, culture, entertainment and media", "conflict, war and peace", "crime, law and justice",
    "disaster, accident and emergency incident", "economy, business and finance", "education", "environment",
    "health", "human interest", "labour", "lifestyle and leisure", "politics", "religion",
    "science and technology", "society", "sport", "weather",
}


def test_lexicon_covers_exactly_the_contract_labels():
    assert set(LEXICON) == CONTRACT_LABELS


def test_sport_article():
    text = ("The striker scored twice as the home team won the cup final. The coach praised his players "
            "after the match, and the league champions now lead the table by six points this season.")
    found = topics(text, "en")
    assert found[0]["label"] == "sport"
    assert all(0 < t["score"] <= 1 for t in found)
    assert [t["score"] for t in found] == sorted((t["score"] for t in found), reverse=True)


def test_mixed_article_gets_several_topics():
    text = ("The prime minister said the government would raise taxes on banks after the election. "
            "Shares in the banks fell and investors sold stock as markets reacted to the budget plans. "
            "Opposition party leaders said the policy would hurt the economy.")
    labels = [t["label"] for t in topics(text, "en")]
    assert {"politics", "economy, business and finance"} <= set(labels)


def test_other_languages_get_none():
    assert topics("Die Regierung hat die Steuern erhöht.", "de") == []


def test_word_beginnings_do_not_stand_for_other_words():
    # "authorities" is no author, "window" no wind, "set" no tennis set, "billion" no bill, "examples"
    # no exam, "category" no cat: none of these words says anything about a topic
    assert topics("The authorities said the window was set to close for a billion examples of the category.",
                  "en") == []


def test_sums_of_money_count_for_the_economy():
    assert topics("They paid $8m for it, and the rest will cost £155bn.", "en")[0]["label"] == "economy, business and finance"


@pytest.mark.parametrize(("lead", "label"), [
    ("Top-seeded Andy Roddick survived a scare to reach the last eight in San Jose.", "sport"),
    ("The rookie outfielder drove in three runs in the ninth inning to keep the postseason hopes alive.", "sport"),
    ("Shareholders of the carmaker will receive a higher dividend after a strong quarterly result.", "economy, business and finance"),
    ("Astronauts on the station will test a quantum sensor built by the agency.", "science and technology"),
    ("The record industry has sued 500 people accused of piracy on peer-to-peer file-sharing networks.", "science and technology"),
])
def test_short_leads(lead, label):
    assert topics(lead, "en")[0]["label"] == label
