"""Source credibility lookups from the shipped OpenSources-derived list."""

from newsflow.text.credibility import credibility, domain_of


def test_domain_of_handles_urls_www_ports_and_case():
    assert domain_of("https://www.Example.com:8080/a/b?c=1") == "example.com"
    assert domain_of("example.com") == "example.com"
    assert domain_of("") is None
    assert domain_of(None) is None


def test_listed_domain_and_its_subdomains():
    assert credibility("100percentfedup.com") == ["bias"]
    assert credibility("news.100percentfedup.com") == ["bias"]
    assert credibility(domain_of("http://www.100percentfedup.com/some/path")) == ["bias"]


def test_unlisted_domain_has_no_labels():
    assert credibility("surely-not-listed.example") == []
    assert credibility(None) == []
