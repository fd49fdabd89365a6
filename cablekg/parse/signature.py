"""The signature: the sender's name(s) closing the cable (`FONTENEAU`, `RICE`).

It stands on its own last line, or ends the last paragraph after its final sentence
(`... cleared this cable. FONTENEAU`). Closing formulas (`END SUMMARY`, `BT`, `NNNN`) are not
names.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][A-Z'`-]+(?:\s+[A-Z][A-Z'`.-]*){0,2}"
_STANDALONE = re.compile(rf"^\s*({_NAME}(?:\s*/\s*{_NAME})*)\s*\.?\s*$")
_TRAILING = re.compile(rf"(?<=[.!?\"')])\s+({_NAME}(?:\s*/\s*{_NAME})*)\s*$")
_NOT_NAMES = frozenset(
    """END SUMMARY COMMENT TEXT QUOTE UNQUOTE BT NNNN SIPDIS NOFORN CONFIDENTIAL SECRET UNCLASSIFIED
    UNCLAS LIMITED OFFICIAL USE MINIMIZE CONSIDERED NOTE ACTION INFO PAGE CORRECTED COPY SENSITIVE
    THE AND OF FOR TO IN ON AT BY WITH NOT DEPT STATE REFTEL PARA PARAS ABOVE BELOW AS EXDIS NODIS
    UNQTE QTE ENDS GOA GOB USG GOM GOI FYI TFG FM AM PM YES NO OK""".split()
)


def split_signature(text: str, standalone: bool) -> tuple[str, list[str]]:
    """(text without the signature, signers) of the last piece of body text."""
    match = (_STANDALONE if standalone else _TRAILING).search(text)
    if not match:
        return text, []
    names = [" ".join(n.split()) for n in re.split(r"\s*/\s*", match[1].strip().rstrip("."))]
    if not names or any(not _is_name(n) for n in names):
        return text, []
    if not standalone and not _shouting_after_prose(text[: match.start(1)], names):
        return text, []
    return text[: match.start(1)].rstrip(), names


def _is_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 3:
        return False
    if any(w.strip(".") in _NOT_NAMES for w in words):
        return False
    return all(len(w.strip(".")) >= 2 for w in words) and len(words[-1].strip(".")) >= 3


def _shouting_after_prose(before: str, names: list[str]) -> bool:
    """A trailing upper-case name counts when the text before it is prose or ends a sentence."""
    tail = before.rstrip()
    return bool(tail) and (tail[-1] in ".!?\"')" or any(c.islower() for c in tail[-200:]))
