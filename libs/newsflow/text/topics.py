"""Topics: the top level of the IPTC Media Topics, several per article with scores.

A transparent lexicon scorer (English): every label has a list of indicative terms (a trailing
``*`` matches any ending, ``a_b`` is the phrase "a b"; sums of money count for economy); an
article's score for a label is how densely its terms occur, and scores are normalised to sum to 1
over the labels that matched. Labels scoring at least
:data:`MIN_SHARE` of the best are returned, best first. No training data was used, so there is
no licence question; how good it is is measured by ``make eval-tag`` on the BBC articles of the
development dumps (their five sections mapped to IPTC labels). Other languages get no topics.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache

VERSION = "topics-lexicon-6"
MIN_SHARE = 0.5
MAX_TOPICS = 3

LEXICON: dict[str, str] = {
    "arts, culture, entertainment and media": """
        film* movie* cinema* actor* actress* director* hollywood oscar* bafta* award* album* song* singer*
        band music* musician* concert* festival* theatre theater* stage play plays playwright* comedy
        comedian* drama* television tv show shows showbiz series sitcom* soap* star stars starring starred
        celebrit* box-office box_office novel* author authors book* poet* art artist* gallery museum*
        exhibition* painting* fashion* broadcaster* bbc channel* radio dvd chart* pop rock hip-hop rap*
        grammy* brit emmy* premiere* studio* documentar* entertainment""",
    "conflict, war and peace": """
        war wars military troop* soldier* army armies airstrike* air_strike* bomb* bombing* missile* drone*
        attack* offensive* militant* rebel* insurgen* terror* jihad* isis daesh al-qaeda taliban ceasefire
        truce peace_talks invasion occupied occupation battle* fighting fighter* weapon* nuclear_arms
        defence defense ministry_of_defence pentagon nato casualt* killed shelling siege frontline hostage*
        peacekeep*""",
    "crime, law and justice": """
        police officer* arrest* charged charge* court* judge* jury trial* prosecut* lawyer* attorney*
        convict* sentence* prison* jail* crime* criminal* murder* theft fraud* corruption investigat*
        detective* suspect* victim* lawsuit* sued legal law laws supreme_court indict* guilty innocent
        appeal* justice_department fbi smuggl* trafficking""",
    "disaster, accident and emergency incident": """
        earthquake* tsunami* flood* hurricane* typhoon* cyclone* wildfire* fire fires firefight* blaze*
        crash* collision* accident* explosion* disaster* emergency rescue* evacuat* survivor* death_toll
        injured derail* landslide* drought famine eruption* volcan* collapse*""",
    "economy, business and finance": """
        economy econom* market* stock* share* shares investor* invest* bank* banking interest_rate*
        inflation gdp growth recession profit* revenue* sales earnings company companies firm* business*
        corporat* chief_executive ceo merger* acquisition* takeover* deal* trade tariff* export* import*
        price* oil dollar* euro* currency pound* budget* tax* debt* deficit* industry industrial manufactur*
        retail* consumer* unemployment jobs workers wage* financ* fund funds funding fundrais* bond*
        analyst* quarter* brand* percent wall_street nasdaq dow_jones ftse ipo bankrupt* airline* opec crude
        barrel* yen yuan mortgage* lender* lending insurer* insurance regulator* executive* boss bosses
        housing_market property_market shareholder* dividend* carmaker* automaker* stake stakes subsidiar*
        tycoon* billionaire* customers subscriber* federal_reserve quarterly""",
    "education": """
        school* pupil* student* teacher* university universities college* campus* education* exam exams
        curriculum* tuition degree graduate* classroom* academic* lecture*""",
    "environment": """
        climate* global_warming carbon emission* greenhouse pollution* environment* environmental* wildlife
        species conservation* renewable* solar wind_power recycling* deforestation biodiversity habitat*
        endangered fossil_fuel* green""",
    "health": """
        health* hospital* doctor* nurse* patient* disease* virus* vaccine* vaccin* medical medicine* drug*
        cancer* treatment* surgery surgeon* nhs epidemic* pandemic* outbreak* infection* diabetes obesity
        mental_health clinic* diet* smoking alcohol""",
    "human interest": """
        family families mother father daughter son wife husband birthday wedding* baby babies pet pets dog*
        cat cats animal* heartwarming celebrat* charity charities volunteer* community* life_story""",
    "labour": """
        strike strikes striking unions labour_union* trade_union* workers employee* employer* labour labor
        wage* pay dispute* pension* minimum_wage unemployment jobless layoff* redundanc* workforce""",
    "lifestyle and leisure": """
        travel* holiday* tourism tourist* restaurant* food recipe* cooking chef* hobby garden* shopping
        leisure lifestyle wine beer fitness""",
    "politics": """
        government* minister* prime_minister president* parliament* congress* senate* senator* election*
        elected electoral electorate vote* voter* voting campaign* party parties labour conservative* tory
        tories democrat* republican* liberal* politic* policy policies legislation bill bills mp mps
        lawmaker* cabinet chancellor* opposition referendum brexit diplomat* sanction* treaty
        foreign_secretary home_secretary white_house kremlin downing_street leader* reform* constitution*
        united_nations summit* embassy embassies ambassador* diplomacy coup""",
    "religion": """
        church* christian* catholic* pope vatican mosque* muslim* islam* islamic jewish jew* synagogue*
        hindu* buddhis* religio* faith* priest* bishop* imam* prayer* god""",
    "science and technology": """
        technolog* tech computer* software internet online web* digital* broadband mobile* phone*
        smartphone* device* gadget* apple microsoft google sony nintendo games* gaming console* video_game*
        science scientist* research* researcher* study space nasa satellite* robot* artificial_intelligence
        data network* cyber* hacker* virus* spam* e-mail email* users download* chip* laboratory linux
        browser* search_engine* wireless wi-fi bluetooth processor* semiconductor* ibm intel yahoo ebay
        spyware malware firewall* open_source app apps ipod* iphone* handheld* pc pcs laptop* telecom*
        genom* dna physic* astronom* planet* telescope* orbit* rocket* spacecraft xbox playstation gamer*
        multiplayer file-sharing file_sharing peer-to-peer piracy pirat* mobile_phone* hi-tech high-tech
        astronaut* dinosaur* genetic* genes stem_cell* nanotech* quantum""",
    "society": """
        society social* immigra* migrant* refugee* asylum* minorit* racism racial discrimination* gender
        women rights equality poverty homeless* welfare housing population protest* demonstrat* activist*
        civil_rights lgbt* youth elderly""",
    "sport": """
        sport* football* soccer match* game* team* player* coach* manager* league* cup championship*
        champion* tournament* olympic* medal* goal* scored score* striker* midfielder* defender* goalkeeper*
        tennis golf cricket rugby athlet* race* racing marathon boxing boxer* fifa uefa premiership
        premier_league world_cup final finals finalist* semi-final* quarter-final* season* win wins winning
        winner* won victory defeat* injur* squad* stadium* wicket* innings grand_slam six_nations nfl nba
        mlb nhl baseball basketball hockey quarterback* touchdown* pitcher* playoff* formula_one grand_prix
        motogp nascar cycling cyclist* tour_de_france swimm* sprinter* athletics wrestl* ufc snooker darts
        skiing skier* scrum* fly-half lineout* referee* wimbledon hurdler* keeper* seeded top-seeded doping
        club clubs golfer* pga lpga atp wta ncaa inning* hitter* outfielder* linebacker* rookie* postseason
        preseason unbeaten relegat* fixture* mvp super_bowl world_series stanley_cup ryder_cup""",
    "weather": """
        weather forecast* rain* rainfall snow* storm* temperature* heatwave heat_wave cold wind winds windy
        sunshine meteorolog* frost fog""",
}

_WORD = re.compile(r"[a-z][a-z'-]*")
_MONEY = re.compile(r"[$£€¥]\s?\d")
MONEY_LABEL = "economy, business and finance"
"""Sums of money ("$8m", "£155bn") count as terms of this label."""


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]]:
    """label → (exact words, word prefixes, multi-word phrases); ``a_b`` in the lexicon is a phrase."""
    out = {}
    for label, terms in LEXICON.items():
        words, prefixes, phrases = set(), [], []
        for term in terms.split():
            if "_" in term:
                phrases.append(term.rstrip("*").replace("_", " "))
            elif term.endswith("*"):
                prefixes.append(term[:-1])
            else:
                words.add(term)
        out[label] = (frozenset(words), tuple(prefixes), tuple(phrases))
    return out


@lru_cache(maxsize=1 << 16)
def _labels_of(token: str) -> tuple[str, ...]:
    """The labels whose words or word prefixes ``token`` is (a page's words repeat: each is looked up once)."""
    return tuple(label for label, (words, prefixes, _) in _patterns().items()
                 if token in words or token.startswith(prefixes))


def topics(text: str, language: str | None) -> list[dict]:
    """``[{"label", "score"}]`` best first; [] for non-English text or when no term matched."""
    if language not in (None, "en") or not text:
        return []
    lowered = text.lower()
    tokens = _WORD.findall(lowered)
    if not tokens:
        return []
    hits: dict[str, Counter] = defaultdict(Counter)  # label → term matched → times
    for token, times in Counter(tokens).items():
        for label in _labels_of(token):
            hits[label][token] += times
    for label, (_words, _prefixes, phrases) in _patterns().items():
        for phrase in phrases:
            if times := lowered.count(phrase):
                hits[label][phrase] += times
    for money in _MONEY.findall(text):
        hits[MONEY_LABEL][money] += 1
    raw = {label: sum(hits[label].values()) / math.sqrt(len(tokens)) for label in _patterns() if label in hits}
    distinct = {label: len(terms) for label, terms in hits.items()}  # breaks ties ("games": sport, technology)
    if not raw:
        return []
    total = sum(raw.values())
    best = max(raw.values())
    ranked = sorted(((v / total, distinct[label], label) for label, v in raw.items() if v >= MIN_SHARE * best),
                    reverse=True)
    return [{"label": label, "score": round(score, 3)} for score, _, label in ranked[:MAX_TOPICS]]
