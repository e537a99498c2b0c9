"""Source credibility: a domain → labels, from the OpenSources-derived list shipped in
``newsflow/data/websites.csv`` (see ``newsflow/data/ATTRIBUTION.md``)."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files
from urllib.parse import urlsplit

VERSION = "cred-opensources-1"


@lru_cache(maxsize=256)  # a page's url is read for its site, then for its source
def domain_of(url_or_domain: str | None) -> str | None:
    """``https://www.Example.com:443/a`` → ``example.com``; a bare domain is accepted too."""
    if not url_or_domain:
        return None
    value = url_or_domain.strip().lower()
    host = urlsplit(value if "//" in value else "//" + value).hostname
    if not host:
        return None
    return host.removeprefix("www.")


@lru_cache(maxsize=1)
def _labels() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    with files("newsflow.data").joinpath("websites.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            domain = domain_of(row["url"])
            if not domain:
                continue
            labels = [row[c].strip().lower() for c in ("type", "2nd_type", "3rd_type") if row.get(c, "").strip()]
            table[domain] = list(dict.fromkeys(labels))
    return table


def credibility(domain: str | None) -> list[str]:
    """Labels for ``domain`` or its nearest listed parent domain; [] when it is not listed."""
    if not domain:
        return []
    table = _labels()
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        labels = table.get(".".join(parts[i:]))
        if labels is not None:
            return list(labels)
    return []
