"""Resolve signers, classifiers and named officials to the Office of the Historian's records.

A name alone is not enough: GRAPPO is resolved because a cable from Muscat in 2008 falls within
Gary A. Grappo's tenure as Ambassador to Oman. Resolution uses the post (its host country's
chiefs of mission, or the mission to an organisation, or the Department's principal officers
for STATE), the cable date and the name together. Exactly one person must fit; otherwise the
name stays unlinked. Every link says how it was made (`method`) and how sure it is
(`confidence`).

Consulates are not resolved: their principal officers are not chiefs of mission, and the
Historian's records of chiefs would only give false matches there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache

from cablekg.links.tables import posts, read_csv
from cablekg.model import Cable

HISTORIAN_PEOPLE = "https://history.state.gov/departmenthistory/people/"

# Kinds of post whose cables are signed by the chief of mission to the host country.
BILATERAL_KINDS = frozenset(
    {"embassy", "interests-section", "office", "liaison-office", "mission", "department"}
)
# An ambassador signs cables from arrival, before presenting credentials (POCOM's start date),
# and reports may still leave under the name for a few days after departure.
AFTER_END = timedelta(days=10)
# Words that cannot be names in a signature line or a classification authority.
NOISE = frozenset({"XXXXXXXXXXXX", "ZFR", "SIPDIS", "NOFORN", "END", "JR", "SR", "II", "III", "IV"})
CHIEF_TITLES = ("AMBASSADOR", "CHARGE", "CDA", "COM", "CHIEF OF MISSION", "PERMANENT REP")


@dataclass(frozen=True)
class Tenure:
    tenure: str
    kind: str  # chief (of mission) or principal (officer of the Department)
    person: str
    role: str
    mission: str
    tags: tuple[str, ...]
    stations: tuple[str, ...]
    appointed: str
    started: str
    ended: str

    def covers(self, day: date) -> tuple[bool, bool]:
        """(within the tenure allowing for arrival and departure, strictly within it)."""
        start = parse_date(self.started) or parse_date(self.appointed)
        first = parse_date(self.appointed) or start
        end = parse_date(self.ended, last=True)
        if start is None or first is None:
            return False, False
        loose = first <= day and (end is None or day <= end + AFTER_END)
        strict = start <= day and (end is None or day <= end)
        return loose, strict


@dataclass(frozen=True)
class Person:
    person: str
    surname: str
    forenames: str
    altnames: tuple[str, ...]
    birth: str
    death: str
    viaf: str

    @property
    def iri(self) -> str:
        return HISTORIAN_PEOPLE + self.person

    @property
    def name(self) -> str:
        return f"{self.forenames} {self.surname}".strip()


@dataclass(frozen=True)
class OfficialLink:
    """A name in a cable resolved to a person of the Office of the Historian."""

    person: str
    tenure: str
    role: str
    method: str
    confidence: float

    @property
    def iri(self) -> str:
        return HISTORIAN_PEOPLE + self.person


@lru_cache(maxsize=65536)
def parse_date(text: str, *, last: bool = False) -> date | None:
    """A POCOM date, which may give only a year or a month (`2005-11`): its first day, or its
    last day when `last` (an end date). Cached: every cable checks the same few thousand
    tenure dates."""
    parts = text.strip().split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(text.strip()[:10])
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            if not last:
                return date(year, month, 1)
            return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        if len(parts) == 1 and parts[0].isdigit():
            return date(int(parts[0]), 12, 31) if last else date(int(parts[0]), 1, 1)
    except ValueError:
        pass
    return None


def words(text: str) -> list[str]:
    """Upper-case ASCII words of a name, without noise ('Gary A. Grappo' -> GARY A GRAPPO)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    return [w for w in re.findall(r"[A-Z]+", text.replace("'", "")) if w not in NOISE]


@cache
def tenures() -> tuple[Tenure, ...]:
    rows = read_csv("officials.csv")
    for r in rows:
        r["tags"] = tuple(filter(None, r["tags"].split("|")))
        r["stations"] = tuple(filter(None, r["stations"].split("|")))
    return tuple(Tenure(**r) for r in rows)


@cache
def persons() -> dict[str, Person]:
    out = {}
    for r in read_csv("persons.csv"):
        r["altnames"] = tuple(filter(None, r["altnames"].split("|")))
        out[r["person"]] = Person(**r)
    return out


@cache
def _by_place() -> tuple[dict[str, list[Tenure]], dict[str, list[Tenure]]]:
    by_tag: dict[str, list[Tenure]] = defaultdict(list)
    by_station: dict[str, list[Tenure]] = defaultdict(list)
    for t in tenures():
        for tag in t.tags:
            by_tag[tag].append(t)
        for station in t.stations:
            by_station[station].append(t)
    return by_tag, by_station


def candidates(station: str) -> list[Tenure]:
    """Tenures whose holders sign for `station`: its own mission, else its host country's."""
    by_tag, by_station = _by_place()
    post = posts().get(station)
    found = list(by_station.get(station, []))
    if post is not None and post.kind in BILATERAL_KINDS and post.host_country:
        found += by_tag.get(post.host_country, [])
    return found


_SUFFIX = re.compile(r",\s*(?:JR|SR|II|III|IV)\.?\s*$", re.IGNORECASE)


@cache
def _surnames(p: Person) -> frozenset[tuple[str, ...]]:
    """Surname word sequences a signer may use: POCOM's surname and those of alternate names.
    Cached per person, as `_forenames`: resolution compares names against thousands of them."""
    out = {tuple(words(p.surname))}
    for alt in p.altnames:
        alt = _SUFFIX.sub("", alt)  # "Richard G. Olson, Jr." is not "Surname, Forenames"
        alt_words = words(alt.split(",")[0]) if "," in alt else words(alt)[-1:]
        if alt_words:
            out.add(tuple(alt_words))
    return frozenset(s for s in out if s)


@cache
def _forenames(p: Person) -> tuple[str, ...]:
    return tuple(words(p.forenames))


@cache
def _by_last_surname_word() -> dict[str, frozenset[str]]:
    """Person ids by the last word of each surname they go by: a written name can only fit a
    person whose surname ends with its last word (see `name_matches`)."""
    index: dict[str, set[str]] = defaultdict(set)
    for person in persons().values():
        for surname in _surnames(person):
            index[surname[-1]].add(person.person)
    return {word: frozenset(ids) for word, ids in index.items()}


@cache
def _tenures_by_person() -> dict[str, tuple[Tenure, ...]]:
    by_person: dict[str, list[Tenure]] = defaultdict(list)
    for t in tenures():
        by_person[t.person].append(t)
    return {person: tuple(found) for person, found in by_person.items()}


def _tenures_of_name(name_words: list[str]) -> list[Tenure]:
    """The tenures, in table order, of the persons `name_matches` could accept for this name."""
    by_person = _tenures_by_person()
    ids = _by_last_surname_word().get(name_words[-1], frozenset())  # as in `resolve`
    return sorted(
        (t for person in ids for t in by_person.get(person, ())), key=_table_order().__getitem__
    )


@cache
def _table_order() -> dict[Tenure, int]:
    return {t: i for i, t in enumerate(tenures())}


def name_matches(name_words: list[str], p: Person) -> str | None:
    """'surname' or 'full name' when the written name fits the person, else None.

    The written name must end with the person's surname (VAN VOORST, or VOORST alone for a
    multi-word surname); any words before it must agree with the forenames (initials allowed).
    """
    found = None  # the best fit over every surname form, whatever the set's order
    for surname in _surnames(p):
        n = len(surname)
        if name_words[-n:] == list(surname):
            head = name_words[:-n]
        elif len(surname) > 1 and name_words[-1:] == [surname[-1]]:
            head = name_words[:-1]
        else:
            continue
        if head and _given_names_agree(head, _forenames(p)):
            return "full name"
        if not head:
            found = "surname"
    return found


def _given_names_agree(head: list[str], given: tuple[str, ...]) -> bool:
    """Written given names against POCOM's: each written name or initial must start one of
    POCOM's (CHRIS for Christopher, G for Gary), except a middle initial POCOM does not record
    (SUSAN E. against plain Susan); at least one must agree."""
    if not given:
        return False
    agree = [h for h in head if any(g.startswith(h) for g in given)]
    unknown_initials = [h for h in head if len(h) == 1 and h not in agree and len(given) == 1]
    return bool(agree) and len(agree) + len(unknown_initials) == len(head)


def resolve(name: str, station: str, day: str, *, role: str = "signer") -> OfficialLink | None:
    """The one Historian person who fits `name` at `station` on `day`, else None.

    `role` says where the name came from (signer, classifier, official) and is recorded in the
    link's method.
    """
    when = parse_date(day or "")
    name_words = words(name)
    if when is None or not name_words:
        return None
    people = persons()
    possible = _by_last_surname_word().get(name_words[-1], frozenset())
    fits: dict[str, tuple[Tenure, str, bool]] = {}
    for t in candidates(station):
        if t.person not in possible:
            continue
        loose, strict = t.covers(when)
        person = people.get(t.person)
        if not loose or person is None:
            continue
        how = name_matches(name_words, person)
        if how is not None and (t.person not in fits or strict):
            fits[t.person] = (t, how, strict)
    if len(fits) != 1:
        return None
    tenure, how, strict = next(iter(fits.values()))
    confidence = (0.95 if strict else 0.85) - (0.0 if how == "full name" else 0.05)
    method = f"{role} {how} + post + date within {'tenure' if strict else 'arrival/departure'}"
    return OfficialLink(tenure.person, tenure.tenure, tenure.role, method, round(confidence, 2))


# A title naming a principal officer of the Department -> the POCOM roles it can stand for.
PRINCIPAL_ROLES = (
    ("ASSISTANT SECRETARY", ("assistant-secretary",)),
    ("UNDER SECRETARY", ("under-secretary",)),
    ("UNDERSECRETARY", ("under-secretary",)),
    ("DEPUTY SECRETARY", ("deputy-secretary",)),
    ("SECRETARY", ("secretary",)),
    ("COUNSELOR OF THE DEPARTMENT", ("counselor",)),
    ("LEGAL ADVISER", ("legal-adviser",)),
    ("AMBASSADOR AT LARGE", ("ambassador-at-large",)),
    ("COORDINATOR FOR COUNTERTERRORISM", ("coordinator-combatting-terrorism",)),
)
# Titles of other governments, other departments and lesser offices than POCOM's.
NOT_PRINCIPAL = re.compile(
    r"DEPUTY ASSISTANT|ACTING|FORMER|SECRETARY[- ]GENERAL|STATE SECRETARY|FIRST SECRETARY|"
    r"SECOND SECRETARY|THIRD SECRETARY|PERMANENT SECRETARY|PRESS SECRETARY|PARLIAMENTARY|"
    r"DEFEN[CS]E|TREASURY|COMMERCE|ENERGY|HOMELAND|AGRICULTURE|LABOR|HEALTH|INTERIOR|"
    r"JUSTICE|TRANSPORTATION|EDUCATION|ARMY|NAVY|AIR FORCE|FOREIGN|MINIST|PARTY|SPECIAL|"
    r"EXECUTIVE|GENERAL|PRIVATE|CABINET"
)


def principal_roles(title: str) -> tuple[str, ...]:
    """The POCOM role prefixes a title can name, () when it names none of the Department's
    principal officers (State Secretary, Secretary of Defense, Deputy Assistant Secretary)."""
    upper = " ".join(words(title))
    if not upper or NOT_PRINCIPAL.search(upper.replace("-", " ")):
        return ()
    for phrase, roles in PRINCIPAL_ROLES:
        if phrase in upper:
            if phrase == "SECRETARY" and upper not in ("SECRETARY", "SECRETARY OF STATE"):
                return ()
            return roles
    return ()


def resolve_principal(name: str, title: str, day: str) -> OfficialLink | None:
    """An official named with a Department title ("Assistant Secretary Feltman"): the one
    principal officer of that kind in office on that day whose name fits."""
    roles = principal_roles(title)
    when = parse_date(day or "")
    name_words = words(name)
    if not roles or when is None or not name_words:
        return None
    people = persons()
    fits: dict[str, tuple[Tenure, str, bool]] = {}
    for t in _tenures_of_name(name_words):
        if t.kind != "principal" or not t.role.startswith(roles):
            continue
        loose, strict = t.covers(when)
        person = people.get(t.person)
        how = name_matches(name_words, person) if loose and person is not None else None
        if how is not None and (t.person not in fits or strict):
            fits[t.person] = (t, how, strict)
    if len(fits) != 1:
        return None
    tenure, how, strict = next(iter(fits.values()))
    confidence = (0.9 if strict else 0.8) - (0.0 if how == "full name" else 0.05)
    method = f"official {how} + title + date within {'tenure' if strict else 'arrival/departure'}"
    return OfficialLink(tenure.person, tenure.tenure, tenure.role, method, round(confidence, 2))


def resolve_titled(name: str, title: str | None, station: str, day: str) -> OfficialLink | None:
    """A named official ("Ambassador Grappo", "Assistant Secretary Feltman"): chiefs of mission
    of the cable's post and the Department's principal officers, only when the title says so."""
    upper = (title or "").upper()
    if principal_roles(upper):
        return resolve_principal(name, upper, day)
    if any(t in upper for t in CHIEF_TITLES) and not any(
        t in upper for t in ("DEPUTY", "FORMER", "DCM")
    ):
        return resolve(name, station, day, role="official")
    return None


@dataclass(frozen=True)
class NamedLink:
    """Where a resolved name came from in the cable (signer, classifier, official)."""

    source: str
    name: str
    link: OfficialLink


ACTING_TITLES = ("CHARGE", "CDA")
# How far from the cable an acting charge's own POCOM tenures may lie: officers who acted as
# charge d'affaires usually headed a mission of their own within a career's span.
CAREER = timedelta(days=365 * 20)


def resolve_acting(name: str, day: str) -> OfficialLink | None:
    """A charge d'affaires standing in for an absent chief: POCOM has no tenure for that, but
    knows the officer when they headed a mission at some other time. Needs the full name
    (given names agreeing), exactly one such person, a tenure of theirs within a career's span
    of the cable, and none that makes them chief elsewhere on that day."""
    when = parse_date(day or "")
    name_words = words(name)
    if when is None or len(name_words) < 2:
        return None
    people = persons()
    fits: dict[str, Tenure] = {}
    for t in _tenures_of_name(name_words):
        person = people.get(t.person)
        begun = parse_date(t.started) or parse_date(t.appointed)
        if person is None or begun is None or abs(begun - when) > CAREER:
            continue
        if name_matches(name_words, person) == "full name":
            fits.setdefault(t.person, t)
    if len(fits) != 1:
        return None
    person = next(iter(fits))
    if any(t.covers(when)[1] for t in _tenures_by_person()[person]):
        return None
    return OfficialLink(
        person,
        "",
        "charge-daffaires-acting",
        "classifier full name + charge title; acting, no POCOM tenure at the post",
        0.75,
    )


def resolve_cable(cable: Cable) -> list[NamedLink]:
    """Links for a cable's signers, its classification authority and its named officials."""
    station, day = cable.station or "", cable.date or ""
    found: list[NamedLink] = []
    for signer in cable.signers:
        if link := resolve(signer, station, day, role="signer"):
            found.append(NamedLink("signer", signer, link))
    authority = cable.classified_by.name if cable.classified_by else None
    title = (cable.classified_by.title or "").upper() if cable.classified_by else ""
    if authority and (link := resolve(authority, station, day, role="classifier")):
        found.append(NamedLink("classifier", authority, link))
    elif authority and any(t in title for t in ACTING_TITLES):
        post = posts().get(station)
        acting = resolve_acting(authority, day) if post and post.kind in BILATERAL_KINDS else None
        if acting is not None:
            found.append(NamedLink("classifier", authority, acting))
            surname = words(persons()[acting.person].surname)
            for signer in cable.signers:
                if words(signer)[-len(surname) :] == surname and not any(
                    n.source == "signer" for n in found
                ):
                    method = "signer surname = acting charge named as classifier"
                    found.append(NamedLink("signer", signer, replace(acting, method=method)))
    for official in cable.officials:
        if link := resolve_titled(official.name, official.title, station, day):
            found.append(NamedLink("official", official.name, link))
    return found
