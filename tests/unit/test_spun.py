"""The spun-text score: thesaurus swaps raise it, normal news stays low, and it stays silent where
it cannot tell (other languages, too little prose)."""

from newsflow.text.spun import spun_score

NORMAL = (
    "The Russian military announced on Sunday that the town had been fully liberated after being captured "
    "in 2015. The defence minister said the army would continue to support the government forces in the "
    "region, while experts have suggested that the next offensive could begin within weeks. Officials in "
    "the capital said they were ready to hold talks with the opposition, but warned that the fighting would "
    "not stop until the last of the militants had left the city."
)
# the same paragraph through a thesaurus, as spinners do it (sample 000 of the shared data reads so)
SPUN = (
    "The Russian military announced on Sunday that the burg had been fully liberated after being bewitched "
    "in 2015. The barricade minister said the army would proceed to bear the government energies in the "
    "realm, while wizards have suggested that the next violative could commence within weeks. Officials in "
    "the working capital said they were prepare to contain lecture with the confrontation, but warned that "
    "the press would not diaphragm until the utmost of the activist had leave the metropolis."
)


def test_normal_news_scores_low_and_spun_text_high():
    normal, spun = spun_score(NORMAL, "en"), spun_score(SPUN, "en")
    assert normal < 1.0
    assert spun > normal + 2.0


def test_no_score_for_other_languages_or_too_little_prose():
    assert spun_score(SPUN, "de") is None
    assert spun_score("Putin meets Assad\n\nBy Staff Writer\n\nMarch 3, 2017", "en") is None
    assert spun_score("", "en") is None
