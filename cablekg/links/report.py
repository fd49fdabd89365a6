"""Coverage of each link set: over its table, and over a corpus of cables when one is given."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from cablekg.links import officials as off
from cablekg.links.tables import countries, organization, organizations, post_by_address, posts
from cablekg.model import Cable

_GEOGRAPHIC = re.compile(r"[A-Z]{2}")
# Posts whose signers are chiefs of mission (of the host country or of a mission).
SIGNED_BY_CHIEFS = off.BILATERAL_KINDS
YEAR = timedelta(days=365)


@dataclass
class CorpusCoverage:
    """Counts gathered from cables, one cable at a time."""

    cables: int = 0
    geographic_tags: Counter[str] = field(default_factory=Counter)
    stations: Counter[str] = field(default_factory=Counter)
    addressees: Counter[str] = field(default_factory=Counter)
    agencies: Counter[str] = field(default_factory=Counter)
    signed_at_chief_posts: int = 0
    signed_resolved: int = 0
    signed_by_chiefs: int = 0
    chiefs_resolved: int = 0
    links_by_source: Counter[str] = field(default_factory=Counter)

    def add(self, cable: Cable) -> None:
        self.cables += 1
        for tag in cable.tags:
            if _GEOGRAPHIC.fullmatch(tag):
                self.geographic_tags[tag] += 1
        if cable.station:
            self.stations[cable.station] += 1
        for a in (*cable.recipients, *cable.info_recipients):
            self.addressees[a.route or a.name] += 1
        for agency in cable.agencies:
            self.agencies[agency.acronym or agency.name] += 1
        links = off.resolve_cable(cable)
        for named in links:
            self.links_by_source[named.source] += 1
        post = posts().get(cable.station or "")
        if cable.signers and post is not None and post.kind in SIGNED_BY_CHIEFS:
            self.signed_at_chief_posts += 1
            resolved = any(n.source == "signer" and n.link.tenure for n in links)
            self.signed_resolved += resolved
            if signed_by_a_chief(cable):
                self.signed_by_chiefs += 1
                self.chiefs_resolved += resolved


def signed_by_a_chief(cable: Cable) -> bool:
    """Whether a signer's surname is that of a chief of mission of the post whose POCOM tenure
    lies within a year of the cable: the cables the Historian's records can answer for."""
    when = off.parse_date(cable.date or "")
    if when is None:
        return False
    people = off.persons()
    for t in off.candidates(cable.station or ""):
        start = off.parse_date(t.appointed) or off.parse_date(t.started)
        end = off.parse_date(t.ended, last=True)
        if start is None or when < start - YEAR or (end is not None and when > end + YEAR):
            continue
        person = people.get(t.person)
        if person and any(off.name_matches(off.words(s), person) for s in cable.signers):
            return True
    return False


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def table_lines() -> list[str]:
    tags = countries().values()
    places = [c for c in tags if c.is_place]
    explained = [c for c in tags if not c.is_place]
    table = [p for p in posts().values() if p.kind != "collective"]
    people = off.persons().values()
    orgs = organizations().values()
    return [
        "countries",
        f"  geographic TAGS known: {len(tags)}; places {len(places)}, "
        f"non-country codes with a reason {len(explained)}",
        f"  places with Wikidata {_pct(sum(bool(c.wikidata) for c in places), len(places))}, "
        f"GeoNames {_pct(sum(bool(c.geonames) for c in places), len(places))}, "
        f"DBpedia {_pct(sum(bool(c.dbpedia) for c in places), len(places))}",
        "posts",
        f"  stations (collectives aside): {len(table)}; with host country "
        f"{_pct(sum(bool(p.host_country) for p in table), len(table))}, GeoNames city "
        f"{_pct(sum(bool(p.city_geonames) for p in table), len(table))}, Wikidata city "
        f"{_pct(sum(bool(p.city_wikidata) for p in table), len(table))}",
        "organizations",
        f"  organisations linked to Wikidata: {len(orgs)}",
        "officials",
        f"  persons: {len(people)} (VIAF {sum(bool(p.viaf) for p in people)}); "
        f"tenures since 1960: {len(off.tenures())}",
    ]


def corpus_lines(cov: CorpusCoverage) -> list[str]:
    tags = countries()
    seen = cov.geographic_tags
    resolved = [t for t in seen if t in tags and (tags[t].has_links or tags[t].note)]
    unknown = sorted(set(seen) - set(resolved))
    by_address = post_by_address()
    table = posts()
    found_addr = [a for a in cov.addressees if a in by_address]
    agencies = [a for a in cov.agencies if organization(a)]
    sending = sum(s in table for s in cov.stations)
    lines = [
        f"corpus: {cov.cables} cables",
        "  countries: geographic TAGS resolved or explained "
        f"{_pct(len(resolved), len(seen))}"
        + (f"; unknown: {' '.join(unknown)}" if unknown else ""),
        f"  posts: sending stations {_pct(sending, len(cov.stations))}"
        f", addressees {_pct(len(found_addr), len(cov.addressees))} (agencies and military "
        "commands are not posts)",
        f"  organizations: agency names linked {_pct(len(agencies), len(cov.agencies))}",
        "  officials: cables signed by a chief of mission of their post (POCOM, within a year), "
        f"signer resolved {_pct(cov.chiefs_resolved, cov.signed_by_chiefs)}",
        "  officials: all cables from embassies, missions and the Department with a signer "
        f"(deputies and acting charges included), signer resolved through a tenure "
        f"{_pct(cov.signed_resolved, cov.signed_at_chief_posts)}",
        "  officials: links by source "
        + ", ".join(f"{k} {v}" for k, v in sorted(cov.links_by_source.items())),
    ]
    return lines


def report(cables: Iterable[Cable] | None = None) -> str:
    lines = table_lines()
    if cables is not None:
        cov = CorpusCoverage()
        for cable in cables:
            cov.add(cable)
        lines += corpus_lines(cov)
    return "\n".join(lines) + "\n"
