"""Compiled regular expressions of entity extraction, built once from the lexicon.

Word lists become prefix-tree alternations (`trie`), which the regex engine walks in one pass
instead of trying hundreds of branches at each position. No pattern nests a quantifier over a
sub-pattern that could match the same text in two ways, so matching stays linear on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from cablekg.entities.lexicon import lexicon
from cablekg.entities.words import ABBREVIATIONS

UPPER: Final = "A-ZÀ-ÖØ-Þ"
LETTER: Final = r"[^\W\d_]"
# A body named by a nationality and a common noun: "the Turkish government", "the Iraqi police"
# (not "the U.S. military" or "the Venezuelan army": readers count those as no named body).
LOWER_BODY: Final = re.compile(
    r" (?:government|navy|air force|police|parliament"
    r"|security forces|intelligence services?|embassy(?: in (?P<place>[A-Z][a-z'-]+))?)(?![\w-])"
)
APPOSITIVE_END: Final = (
    "and|who|said|told|to|has|had|was|is|will|would|noted|stated|added|explained"
)
# words that cannot describe a person before a title noun ("a talk by the ... Adviser")
_NOT_DESCRIBING: Final = "by|the|of|to|for|in|on|at|with|from|and|or|who|which|that|is|was|has|had"
CONNECTORS: Final = "and|of|for|the|&|in|on|to|de|del|des|du|da|das|dos|do|la|las|los|el|y|e|et|al"


# A prefix tree of words: each character leads to the tree of what may follow it; the key ""
# marks a word ending there.
_Tree = dict[str, "_Tree"]


def trie(words: list[str], caseless: bool = False) -> str:
    """A regex alternation of `words` factored by common prefixes (longest match first).

    `caseless`: letters match in either case, written as classes ("[Mm]inister") rather than
    under (?i), where the engine cannot reject a branch by its first letter and enters each one
    (a quarter of the title patterns' time)."""
    tree: _Tree = {}
    for word in words:
        node = tree
        for char in word:
            if caseless and len(char.lower()) == 1:
                char = char.lower()
            node = node.setdefault(char, {})
        node[""] = {}

    def letter(char: str) -> str:
        upper = char.upper()
        if caseless and upper != char and len(upper) == 1:
            return f"[{char}{upper}]"
        return re.escape(char)

    def render(node: _Tree) -> str:
        ends = "" in node
        branches = [letter(c) + render(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return "(?:" + render(tree) + ")"


def _words_regex(phrases: set[str] | frozenset[str]) -> str:
    """Phrases (lower case) as a case-insensitive alternation allowing space or hyphen joins."""
    return trie(sorted(phrases), caseless=True)


def starts_word(text: str, start: int) -> bool:
    """Whether a match at `start` begins a word (patterns leave this check to their callers:
    a leading look-behind would stop the engine from scanning ahead for the first letter)."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-_/&.'\u2019")


# "Raul Castro became president", "... was named Minister of ..."
_BECAME: Final = trie(sorted(("became", "becomes", "was appointed", "was appointed as", "was named",
                       "was named as", "was elected", "was elected as", "took over as",
                       "serves as", "served as")), caseless=True)  # fmt: skip
_SPEECH_VERBS: Final = (
    "who", "said", "says", "told", "noted", "stated", "explained", "added", "asked", "argued",
    "claimed", "commented", "emphasized", "emphasised", "stressed", "replied", "responded",
    "remarked", "agreed", "complained", "expressed", "underscored", "confirmed", "insisted",
    "acknowledged", "suggested", "warned", "urged", "recalled", "observed", "opined", "lamented",
    "welcomed", "thanked", "briefed", "reported", "announced", "indicated", "characterized",
    "described", "believes", "believed", "thinks", "thought", "promised", "pledged", "offered",
    "proposed", "requested",
)  # fmt: skip
_SPEECH_ADVERBS: Final = ("also", "then", "later", "again", "further", "separately", "privately")


def _spoken(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """A verb of `verbs` right after a name, in either case: "Nasrallah said", ", WHO"."""
    adverb = trie(sorted(_SPEECH_ADVERBS), caseless=True)
    verb = trie(sorted(verbs), caseless=True)
    return re.compile(rf"(?:['\u2019][sS])?,? (?:{adverb} )?{verb}\b")


@dataclass(frozen=True)
class Patterns:
    chunk: re.Pattern[str]  # a run of capitalised words (mixed-case text)
    title_before: dict[bool, re.Pattern[str]]  # by upper-case mode: title ending a window
    title_after: dict[bool, re.Pattern[str]]  # appositive title right after a name
    became: dict[bool, re.Pattern[str]]  # "... became president", "... was named Minister of ..."
    title_start: re.Pattern[str]  # a title at the start of a string ("Classified By")
    speech: re.Pattern[str]
    speaks: re.Pattern[str]  # a verb of speech proper, no auxiliary
    acronym: re.Pattern[str]
    org: dict[bool, re.Pattern[str]]
    known_org: dict[bool, re.Pattern[str]]
    definition: re.Pattern[str]  # "(ROP)" right after a name


_COMPILED: Final[list[Patterns]] = []


def patterns() -> Patterns:
    """The compiled patterns (on first use; kept in a list, like the lexicon)."""
    if not _COMPILED:
        _COMPILED.append(_compile())
    return _COMPILED[0]


@cache
def _compile() -> Patterns:
    """The patterns, compiled. (Cached as well: a `functools.cache` builder is how the regex
    safety test finds patterns built on first use.)"""
    lex = lexicon()
    # word lists as tries: the engine rejects "al", "bin", "de la" ... at one letter, where a
    # flat alternation tries each word in turn at every capitalised word of the text
    particles = trie(sorted(lex.particles))
    joined = trie(sorted(p[:-1] for p in lex.joined_particles), caseless=True)
    abbreviation = trie(sorted(ABBREVIATIONS)) + r"\."
    initials = rf"[{UPPER}]\.(?:-?[{UPPER}]\.)*"
    capword = rf"[{UPPER}]{LETTER}*(?:['\u2019]{LETTER}+)?(?:-{LETTER}+(?:['\u2019]{LETTER}+)?)*"
    joined_word = rf"{joined}-{LETTER}+(?:['\u2019]{LETTER}+)?"
    # office symbols and coded names: NEA/ARP, G/TIP, G8, G-20, MI6
    slashed = r"[A-Z][A-Z0-9&]*(?:/[A-Z][A-Z0-9&]*)+(?![\w/])|[A-Z]{1,4}-?[0-9]{1,2}(?![\w/-])"
    word = f"(?:{abbreviation}|{initials}|{joined_word}|{slashed}|{capword})"
    # A chunk starts with a capital letter, so the engine scans for one instead of trying every
    # position; callers check the word boundary and take in particles before it ("al-", "van").
    tails = trie(sorted({a[1:] for a in ABBREVIATIONS}))
    first = (
        rf"[{UPPER}](?:{tails}\.|\.(?:-?[{UPPER}]\.)*|[A-Z0-9&]*(?:/[A-Z][A-Z0-9&]*)+(?![\w/])"
        r"|[A-Z]{0,3}-?[0-9]{1,2}(?![\w/-])"
        rf"|{LETTER}*(?:['\u2019]{LETTER}+)?(?:-{LETTER}+(?:['\u2019]{LETTER}+)?)*)"
    )
    chunk = re.compile(rf"{first}(?: (?:{particles} ){{0,3}}{word}){{0,9}}")

    title = "(?:" + _words_regex(lex.titles) + ")"
    modifier = _words_regex(lex.modifiers)
    rank = _words_regex(lex.ranks)
    honorific = _words_regex(lex.honorifics)
    title_phrase = rf"(?:{modifier}[ -]){{0,4}}{title}"
    # Complements of a title or an organisation head: capitalised words in mixed-case text, words
    # of the lexicon (portfolios, organisation heads, nationalities, acronyms) in upper case.
    cap = rf"(?:[A-Z](?:\.[A-Z])+\.?|[{UPPER}][\w'\u2019&/-]*)"  # "U.S." but not "April."
    complement_mixed = rf"{cap}(?: (?:(?:{CONNECTORS}) ){{0,2}}{cap}){{0,9}}"
    lexical = sorted(
        lex.portfolios
        | lex.org_first
        | lex.org_last
        | lex.nationalities
        | lex.place_words
        | lex.complement_words
    )
    acronyms = sorted(a for a in lex.acronyms if a.isupper() and a not in lex.ambiguous_acronyms)
    lexical_word = "(?:(?i:" + trie(lexical) + ")|" + trie(acronyms) + ")(?:['\u2019]S)?(?![\\w-])"
    complement_upper = rf"{lexical_word}(?: (?:(?i:and|of|for|the|&) ){{0,2}}{lexical_word}){{0,7}}"
    org_prefix = rf"(?:[{UPPER}][\w'\u2019&/-]*(?:['\u2019]s)? ){{0,3}}"
    # in capitals only words of the lexicon: "AMERICAN UNIVERSITY OF BEIRUT PRESIDENT"
    org_prefix_upper = rf"(?:{lexical_word} (?:(?:OF|FOR|AND|THE) )?){{0,4}}"
    title_before = {}
    title_after = {}
    became = {}
    for upper, complement in ((False, complement_mixed), (True, complement_upper)):
        prefix = org_prefix_upper if upper else org_prefix
        # an article and words describing the person before the title noun: "an environmental
        # lawyer", "AN ELECTRICAL ENGINEERING PROFESSOR" (fewest first: an organisation before
        # the title keeps its words)
        plain_word = "[A-Z][A-Z-]+" if upper else "[a-z][a-z-]+"
        described = rf"(?i:an?) (?:(?!(?i:{_NOT_DESCRIBING})\b){plain_word} ){{0,3}}?"
        phrase = (
            rf"(?P<pre>{prefix})(?P<title>{title_phrase})"
            rf"(?: (?i:of|for|at|to|in) (?:(?i:the) )?(?P<of>{complement}))?"
        )
        title_before[upper] = re.compile(
            rf"(?<![\w-])(?:{phrase}(?P<comma>,)? )?(?P<rank>(?:(?:{rank}|{honorific}) ){{0,3}})$"
        )
        title_after[upper] = re.compile(
            rf"(?:['\u2019]s)?, (?:{described}|(?i:the|his|her|its|their|then|now|also|as) )?"
            rf"(?:(?i:former|current|outgoing|incoming|new|acting|newly appointed) )?"
            rf"(?P<pre>{prefix})(?P<title>{title_phrase})"
            rf"(?: (?i:of|for|at|to|in) (?:(?i:the) )?(?P<of>{complement}))?"
            rf"(?: \((?P<acr>[A-Z][\w/&.-]{{1,10}})\))?"
            rf"(?=[,.;:)]|$| (?i:{APPOSITIVE_END}|at|from|with|since|for|of|in|on)\b)"
        )
        became[upper] = re.compile(
            rf" {_BECAME}(?: {trie(['a', 'an', 'the'], caseless=True)})? "
            rf"(?P<pre>{prefix})(?P<title>{title_phrase})"
            rf"(?: (?i:of|for|at|to|in) (?:(?i:the) )?(?P<of>{complement}))?(?![\w-])"
        )
    title_start = re.compile(
        rf"(?P<title>(?:{title_phrase}|{rank})(?: (?i:of|for|at|to|in) (?:(?i:the) )?"
        rf"(?P<of>{complement_mixed}))?)(?:,? (?i:a\.i\.|ad interim|acting),?)? "
    )
    # case-insensitive for upper-case cables ("NASRALLAH SAID"); "who" speaks of a person too
    speech = _spoken((*_SPEECH_VERBS, "is", "was", "has", "had", "will", "would"))
    speaks = _spoken(_SPEECH_VERBS)
    acronym = re.compile(r"[A-Z][A-Za-z]{0,2}[A-Z&][A-Z0-9&]*(?:[/-][A-Z][A-Z0-9&]*)*(?![\w/&-])")
    heads = [h for h, _ in lex.org_heads]
    boundary = r"(?<![\w-])"  # kept in case-insensitive patterns, which scan every letter anyway
    org = {}
    for upper, complement in ((False, complement_mixed), (True, complement_upper)):
        connectors = "OF|FOR" if upper else "(?i:of|for|on|to|de|del|da|das|dos|do|des|du)"
        head = trie(heads) if not upper else trie(sorted({h.lower() for h in heads}), caseless=True)
        # a head-first language's head takes its complement directly: "Banco Macro"
        direct = "" if upper else "".join(f"|(?<={re.escape(h)} )" for h in sorted(lex.org_lead))
        org[upper] = re.compile(
            rf"{boundary if upper else ''}(?P<head>{head})(?![\w-]|['\u2019](?![sS]\b))"
            rf"(?: (?:(?P<conn>{connectors}) (?:(?i:the|la|las|los|el|le) )?{direct})"
            rf"(?P<of>{complement}))?"
        )
    names = sorted(lex.organisations)
    known_org = {
        False: re.compile(rf"(?:{trie(list(lex.organisations.values()))})(?![\w-])"),
        True: re.compile(rf"(?<![\w-])(?i:{trie(names)})(?![\w-])"),
    }
    definition = re.compile(
        r" \((?P<acr>[A-Z][A-Za-z]{0,3}[A-Z&](?:[A-Z0-9&]*)(?:[/-][A-Z0-9&]+)*)\)"
    )
    return Patterns(
        chunk=chunk,
        title_before=title_before,
        title_after=title_after,
        became=became,
        title_start=title_start,
        speech=speech,
        speaks=speaks,
        acronym=acronym,
        org=org,
        known_org=known_org,
        definition=definition,
    )
