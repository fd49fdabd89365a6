"""One entry per person and per organisation: mentions that name the same one are merged.

People: a mention joins a fuller name when its name words are a surname-consistent part of it
("Lagon", "LAGON", "Mark Lagon" -> "Mark Lagon"; "Hilali" -> "Zahir Ali al-Hilali") or begin it
("Kevin Casas" -> "Kevin Casas Zamora"). Organisations:
the same normalised name, the same acronym, or the same ministry written two ways ("Foreign
Ministry", "Ministry of Foreign Affairs", "MFA").
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Final

from cablekg.entities.agencies import OrgMention
from cablekg.entities.lexicon import lexicon
from cablekg.entities.people import Mention
from cablekg.entities.words import SUFFIXES, remember, spelled_title, title_case
from cablekg.model import Agency, Official

_JOINED: Final = re.compile(r"^(?:al|el|as|ash|ad|an|ar|at|az|ud|ul)-", re.I)
_PUNCT: Final = re.compile(r"[^\w\s]")
_ALIAS: Final = re.compile(r" \([^()]*\)")
_MINISTER_OF: Final = re.compile(
    r"(?i)(?:(?:deputy|vice|assistant|acting|former|first) )*minister (?:of|for) (?:the )?(.+)"
)
_PORTFOLIO_MINISTER: Final = re.compile(
    r"(?i)(?:(?:deputy|vice|assistant|acting|former|first) ){0,4}(.+?) minister$"
)


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A name word compared across spellings: case, accents, "al-" and dots ignored."""
    word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    return _JOINED.sub("", word).strip(".'\u2019")


@lru_cache(maxsize=1 << 14)
def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words that identify a person: particles and generational suffixes ("Jr") out,
    hyphenated parts apart ("Abdul-Rahman" is also "Rahman")."""
    lex = lexicon()
    keys = [part for w in words for part in name_key(w).split("-")]
    return tuple(
        k for k in keys if k and k not in lex.particles and len(k) > 1 and k not in SUFFIXES
    )


def _alike(a: str, b: str, least: float) -> bool:
    """Two spellings of a name: the same first letter and letters at least `least` alike (the
    quick upper bound first: most pairs fail it)."""
    if a[0] != b[0]:
        return False
    matcher = SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= least and matcher.ratio() >= least


def _same_given(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a) or _alike(a, b, 0.8)


def _near(a: str, b: str) -> bool:
    """Two spellings of one surname: length within one, close letters; not a family's two
    forms ("Karimov", "Karimova")."""
    if abs(len(a) - len(b)) > 1 or a + "a" == b or b + "a" == a:
        return False
    return _alike(a, b, 0.85)


class _Person:
    def __init__(self, mention: Mention, core: tuple[str, ...]) -> None:
        self.mentions = [mention]
        self.core = core

    def accepts(self, core: tuple[str, ...]) -> bool:
        if len(core) == 1:
            word = core[0]
            if word in (self.core[-1], self.core[0]):
                return True
            # an office line's mail handle: "NDAVES" is Nancy Daves
            return len(self.core) > 1 and word[1:] == self.core[-1] and word[0] == self.core[0][0]
        if core == self.core[: len(core)]:
            return True  # "Kevin Casas" of "Kevin Casas Zamora": a double surname cut short
        if core[-1] != self.core[-1]:
            return False
        rest = self.core[:-1]
        # a given name cut short ("Mohd" of "Mohammed") or spelled another way ("Padraig",
        # "Padraic") is the same; another name is not ("Muammar" and "Mu'tassim al-Qadhafi")
        return all(any(_same_given(k, r) for r in rest) for k in core[:-1])

    def official(self, agencies: dict[str, str]) -> Official:
        # the Classified By name, which the graph names the classifier by, else the fullest
        best = max(self.mentions, key=lambda m: (m.written, len(m.words), not m.upper, -m.order))
        titled = max(self.mentions, key=lambda m: (m.quality, not m.upper, -m.order))
        organization = _resolve_organisation(titled, agencies) if titled.quality else None
        if organization is None:
            for mention in self.mentions:
                organization = _resolve_organisation(mention, agencies)
                if organization:
                    break
        return Official(
            name=" ".join(best.words),
            title=spelled_title(titled.title) if titled.quality else None,
            organization=organization,
        )


def merge_people(mentions: list[Mention], agencies: dict[str, str]) -> list[Official]:
    """Officials from mentions, fullest names first; shorter ones join the person they fit."""
    cores = [(m, _core(m.words)) for m in mentions]
    cores.sort(key=lambda pair: (-len(pair[1]), pair[0].order))
    people: list[_Person] = []
    # People by the first and by the last of their name words: a mention is only compared with
    # the people sharing a word with it (a mail handle "NDAVES" with those named "Daves").
    by_word: dict[str, list[_Person]] = {}
    for mention, core in cores:
        if not core:
            continue
        keys = (core[0], core[0][1:]) if len(core) == 1 else (core[-1], core[0])
        candidates = {id(p): p for key in keys for p in by_word.get(key, ())}
        homes = [p for p in candidates.values() if p.accepts(core)]
        if len(homes) > 1:
            # "Mohammad" after "Mohammad al-Gergawi" and "Mohammad al-Qemzi": surnames decide
            homes = [p for p in homes if p.core[-1] == core[-1]]
        if not homes and len(core) == 1 and len(core[0]) > 4:
            # a surname misspelled once: "Rumsfield" of "Donald Rumsfeld", "Shalgam", "Wilders"
            homes = [p for p in people if len(p.core) > 1 and _near(core[0], p.core[-1])]
        if len(homes) == 1:
            homes[0].mentions.append(mention)
        elif not homes:
            person = _Person(mention, core)
            people.append(person)
            for key in {core[0], core[-1]}:
                by_word.setdefault(key, []).append(person)
    people.sort(key=lambda p: min(m.order for m in p.mentions))
    return [p.official(agencies) for p in people]


def _resolve_organisation(mention: Mention, agencies: dict[str, str]) -> str | None:
    """The full name of a mention's organisation: "ROP" -> "Royal Oman Police"; "Minister of
    Manpower" -> "Ministry of Manpower" when the cable names that ministry."""
    if mention.organization:
        org = mention.organization
        known = agencies.get(org) or agencies.get(org_key(org))
        if known:
            return known
        if org in lexicon().acronyms:
            return lexicon().acronyms[org]
        return title_case(org) if org.isupper() and " " in org else org
    return _ministry(mention.title or "", agencies)


def _ministry(title: str, agencies: dict[str, str]) -> str | None:
    """The ministry a minister's title names, when the cable names it too: "Minister of
    Manpower" -> "Ministry of Manpower"; "Finance Minister" -> "Ministry of Finance"."""
    if "inister" not in title and "INISTER" not in title:
        return None
    found = _MINISTER_OF.match(title) or _PORTFOLIO_MINISTER.match(title)
    if not found:
        return None
    portfolio = found.group(1)
    for key in (org_key("Ministry of " + portfolio), org_key(portfolio + " Ministry")):
        if key in agencies:
            return agencies[key]
    return None


# Nationalities and short names whose country's name starts otherwise ("Egyptian" and "Egypt"
# share their first four letters, "Dutch" and "Netherlands" do not)
_DEMONYMS: Final = {
    **{"dutch": "netherlands", "british": "united kingdom", "uk": "united kingdom"},
    **{"french": "france", "swiss": "switzerland", "danish": "denmark", "finnish": "finland"},
    **{"spanish": "spain", "polish": "poland", "irish": "ireland", "filipino": "philippines"},
    **{"salvadoran": "el salvador", "american": "united states", "emirati": "united arab"},
}


def _country_key(words: list[str]) -> str:
    """Four letters that tell a country apart: "egyp", "neth"; "stat" and "king" for the United
    States and Kingdom."""
    return (words[1] if words[0] == "united" and len(words) > 1 else words[0])[:4]


_ORG_KEYS: Final[dict[str, str]] = {}


def org_key(name: str) -> str:
    """A normalised organisation name: "the Foreign Ministry" and "Ministry of Foreign Affairs"
    share "ministry of foreign"."""
    found = _ORG_KEYS.get(name)
    return found if found is not None else remember(_ORG_KEYS, name, _org_key(name))


def _org_key(name: str) -> str:
    lex = lexicon()
    text = name.replace("\u2019", "'")  # a curly apostrophe would vanish below
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = _ALIAS.sub(" ", text)  # "Japan Business Federation (Keidanren)"
    text = _PUNCT.sub(" ", text.replace("'s ", " ").replace("\u2019s ", " "))
    words = [w for w in text.split() if w != "the"]
    if words[:1] == ["un"]:
        words[:1] = ["united", "nations"]  # "UN Security Council"
    elif words[:1] == ["eu"] and len(words) > 1:
        words[0] = "european"  # "EU Commission" is the European Commission
    elif words[:2] == ["u", "s"] or words[:1] == ["us"]:
        words[: 2 if words[0] == "u" else 1] = ["united", "states"]  # "U.S. Government"
    if words[:3] == ["united", "states", "department"]:
        words = words[2:]  # "U.S. Department of Justice" is the Department of Justice
    if len(words) >= 2 and words[-1] == "government":
        country = " ".join(words[:-1])
        if country in lex.nationalities or country in lex.places or country in _DEMONYMS:
            # "Egyptian government", "Dutch government", "UK government": the Government of X
            return "government " + _country_key(_DEMONYMS.get(country, country).split())
    if len(words) >= 3 and words[:2] == ["government", "of"]:
        return "government " + _country_key(words[2:])
    while words and words[0] in lex.nationalities and len(words) > 2:
        words.pop(0)
    for head in ("ministry", "department"):
        if len(words) >= 2 and words[-1] == head and all(w in lex.portfolios for w in words[:-1]):
            words = [head, "of", *words[:-1]]
    if words and words[0] in ("ministry", "department") and words[-1] == "affairs":
        words = words[:-1]
    return " ".join(words)


def merge_agencies(orgs: list[OrgMention]) -> list[Agency]:
    """One Agency per organisation, with the fullest name the cable spells and its acronym."""
    groups: list[list[OrgMention]] = []
    by_key: dict[str, list[OrgMention]] = {}
    by_acronym: dict[str, list[OrgMention]] = {}
    for org in sorted(orgs, key=lambda o: o.order):
        key = org_key(org.name)
        group = by_key.get(key) or (by_acronym.get(org.acronym) if org.acronym else None)
        if group is None:
            group = []
            groups.append(group)
        group.append(org)
        by_key.setdefault(key, group)
        if org.acronym:
            by_acronym.setdefault(org.acronym, group)
    agencies = []
    for group in _join_short_names(groups):
        spelled = [o for o in group if o.spelled] or group
        best = max(spelled, key=lambda o: (not o.name.isupper(), len(o.name), -o.order))
        ending = " " + org_key(best.name)
        fuller = [o for o in group if not o.spelled and org_key(o.name).endswith(ending)]
        if fuller:  # "Red Cross" written, ICRC known: the International Committee of the Red Cross
            best = max(fuller, key=lambda o: len(o.name))
        name = best.name
        if name.isupper() and " " in name:
            name = title_case(name)
        # The acronym the text defines or uses beats one read off a header or a table.
        acronym = next((o.acronym for o in group if o.acronym and o.spelled), None) or next(
            (o.acronym for o in group if o.acronym), None
        )
        agencies.append(Agency(name=name, acronym=acronym))
    return agencies


def _join_short_names(groups: list[list[OrgMention]]) -> list[list[OrgMention]]:
    """A later short name that ends one fuller name of the cable is that organisation: "the
    Council for the Family" after "the Pontifical Council for the Family". So is a short name
    before a fuller one the text does not spell (a TAG's meaning: "Human Rights Council" and
    UNHRC). Not when two fuller names end with it ("Air Force" after "Egyptian Air Force" and
    "U.S. Air Force")."""
    keys = [org_key(max(g, key=lambda o: len(o.name)).name) for g in groups]
    endings: dict[str, list[int]] = {}  # "council for family" -> groups whose key ends so
    for j, key in enumerate(keys):
        words = key.split(" ")
        for n in range(1, len(words)):
            endings.setdefault(" ".join(words[n:]), []).append(j)
    kept = []
    for group, key in zip(groups, keys, strict=True):
        fuller = endings.get(key, [])
        one = groups[fuller[0]] if len(fuller) == 1 else []
        joins = bool(one) and (one[0].order < group[0].order or not any(o.spelled for o in one))
        if joins and " " in key and not group[0].acronym:
            one.extend(group)
        else:
            kept.append(group)
    return kept


def agency_lookup(agencies: list[Agency]) -> dict[str, str]:
    """Acronyms, as-written names and normalised keys of the cable's agencies -> display names."""
    lookup: dict[str, str] = {}
    for agency in agencies:
        lookup[org_key(agency.name)] = agency.name
        if agency.acronym:
            lookup[agency.acronym] = agency.name
    return lookup
