"""Publication dates in every shape pages give them → ISO 8601, or None rather than a guess."""

from datetime import date

import pytest

from newsflow.text.dates import iso_date, url_date


@pytest.mark.parametrize(("text", "expected"), [
    ("2020-02-24T14:32:00Z", "2020-02-24T14:32:00+00:00"),
    ("2022-01-27T12:45:36.270+01", "2022-01-27T12:45:36.270000+01:00"),
    ("2019-04-30", "2019-04-30"),
    ("2022-5-5 22:17:36", "2022-05-05"),
    ("14/01/2020", "2020-01-14"),  # only the day can be 14
    ("01/14/2020", "2020-01-14"),
    ("Di., 25.01.2022 - 14:45", "2022-01-25"),
    ("Published on March 3, 2019", "2019-03-03"),
    ("Sept. 5, 2019", "2019-09-05"),
    ("Tue Feb 20 2018 01:00:00 GMT+0100 (Central European Standard Time)", "2018-02-20"),
    ("30th April 2019", "2019-04-30"),
    ("Jo 12. Dezember 2012 um 15:53", "2012-12-12"),
    ("18 février 2020", "2020-02-18"),
    ("5 de mayo de 2020", "2020-05-05"),
    ("12 kwietnia 2021", "2021-04-12"),  # Polish genitive
    ("9 апреля 2019", "2019-04-09"),
    ("2019年4月30日", "2019-04-30"),
])
def test_dates_in_many_shapes_and_languages(text, expected):
    assert iso_date(text) == expected


@pytest.mark.parametrize("text", [
    "03/04/2020",  # the third of April or the fourth of March
    "PT15M", "Mo-Su 08:00-20:00", "1988", "31.02.2020", "12 Bananen 2020", "5. Mai 1890", "", None,
    f"1 January {date.today().year + 2}",
])
def test_no_day_or_an_ambiguous_one_gives_none(text):
    assert iso_date(text) is None


def test_month_names_are_built_once_then_read_from_the_cache_dir(monkeypatch, tmp_path):
    import sys

    from newsflow.text import dates

    monkeypatch.setenv("NEWSFLOW_CACHE_DIR", str(tmp_path))
    dates._months.cache_clear()
    assert iso_date("3 mai 2021") == "2021-05-03"
    assert [p.name.startswith("months-babel-") for p in tmp_path.iterdir()] == [True]
    dates._months.cache_clear()
    monkeypatch.setitem(sys.modules, "babel", None)  # importing Babel now fails: the file must do
    assert iso_date("3 mai 2021") == "2021-05-03"
    dates._months.cache_clear()


@pytest.mark.parametrize(("url", "expected"), [
    ("https://ritinardo.wordpress.com/2017/11/26/bundesregierung-2017-btw17-groko/", "2017-11-26"),
    ("https://www.dobszay.ch/2016-04-15/was-ist-der-unterschied/", "2016-04-15"),
    ("https://www.thelocal.se/20200428/meet-the-swede-who-tattooed", "2020-04-28"),
    ("https://www.infobae.com/america/mundo/2022/05/03/el-nobel-de-la-paz/", "2022-05-03"),
    ("https://example.com/news/2020/02/", None),  # a month, no day
    ("https://example.com/article/1000200033136171577956287380194268.html", None),  # an id's figures
    ("https://example.com/2020/13/45/x", None),
    ("https://example.com/a/b?d=2020-01-01", None),  # the query is not the page's place
    (None, None),
])
def test_the_day_a_page_address_names(url, expected):
    assert url_date(url) == expected


def test_a_plain_page_given_its_url_is_dated_by_it_before_its_header():
    from newsflow.pipeline import clean_stage
    from newsflow.schema import PLAIN, RawArticle

    page = "A Headline Over The Story\nUpdated 4 March 2019\n" + "The story has a paragraph of more than twenty words, so it is read as the body of the article it opens. " * 3
    assert clean_stage(RawArticle(id="p", content=page, content_type=PLAIN)).published == "2019-03-04"
    dated = RawArticle(id="p", content=page, content_type=PLAIN, url="https://news.example.com/2019/03/01/a-headline/")
    assert clean_stage(dated).published == "2019-03-01"
