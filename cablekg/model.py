"""The cable record: the typed, immutable form of what `cablekg parse` prints.

Every later stage (entities, RDF mapping, store, server) reads a `Cable`. Its JSON form
(`Cable.to_record()`) is the documented record of `data/cable-record.schema.json`: every field
present, lists as JSON arrays, unknown values as null or [].
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

Precedence = Literal["FLASH", "NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE"]
Classification = Literal[
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "LIMITED OFFICIAL USE",
    "CONFIDENTIAL",
    "SECRET",
    "TOP SECRET",
]
SourceFormat = Literal["telegram-text", "cablegate-html", "cables-csv"]

PRECEDENCES: tuple[str, ...] = ("FLASH", "NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE")
CLASSIFICATIONS: tuple[str, ...] = (
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "LIMITED OFFICIAL USE",
    "CONFIDENTIAL",
    "SECRET",
    "TOP SECRET",
)
SOURCE_FORMATS: tuple[str, ...] = ("telegram-text", "cablegate-html", "cables-csv")


@dataclass(frozen=True, slots=True)
class Addressee:
    """One line of a TO or INFO block: `RUEHC/SECSTATE WASHDC PRIORITY 8810`."""

    name: str
    route: str | None = None
    precedence: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """One item of a REF block; `id` is None when the reference is not a cable."""

    text: str
    id: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class ClassifiedBy:
    name: str | None = None
    title: str | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Declassification:
    order: str | None = None
    date: str | None = None
    instruction: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    of: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    number: int | None = None
    marking: str | None = None


@dataclass(frozen=True, slots=True)
class Official:
    name: str
    title: str | None = None
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class Agency:
    name: str
    acronym: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a cable was read from. `sha256` hashes the cable's own source bytes (file or row)."""

    format: str
    path: str | None = None
    row: int | None = None
    sha256: str | None = None

    def __reduce__(self):
        """Pickled as its fields: raw cables cross to worker processes with their source."""
        return Source, (self.format, self.path, self.row, self.sha256)


@dataclass(frozen=True, slots=True)
class Cable:
    """One parsed cable. Build it with the parser; derive changed copies with `replace`."""

    source: Source
    id: str | None = None
    date: str | None = None
    origin: str | None = None
    station: str | None = None
    precedence: str | None = None
    classification: str | None = None
    caveats: tuple[str, ...] = ()
    section: Section | None = None
    recipients: tuple[Addressee, ...] = ()
    info_recipients: tuple[Addressee, ...] = ()
    tags: tuple[str, ...] = ()
    subject: str | None = None
    references: tuple[Reference, ...] = ()
    classified_by: ClassifiedBy | None = None
    declassification: Declassification | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    summary: str | None = None
    signers: tuple[str, ...] = ()
    officials: tuple[Official, ...] = ()
    agencies: tuple[Agency, ...] = ()
    repairs: tuple[str, ...] = field(default=())

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready record, fields in the order of the schema."""
        return {name: _plain(getattr(self, name)) for name in RECORD_FIELDS}

    def to_json(self) -> str:
        return json.dumps(self.to_record(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Cable:
        """Inverse of `to_record`: read a record printed by `cablekg parse`."""

        def objects(kind: type, items: list[dict[str, Any]] | None) -> tuple:
            return tuple(kind(**_known(kind, item)) for item in items or ())

        def optional(kind: type, item: dict[str, Any] | None) -> Any:
            return None if item is None else kind(**_known(kind, item))

        classified = record.get("classified_by")
        if classified is not None:
            classified = dict(classified, reasons=tuple(classified.get("reasons") or ()))
        return cls(
            source=Source(**_known(Source, record["source"])),
            id=record.get("id"),
            date=record.get("date"),
            origin=record.get("origin"),
            station=record.get("station"),
            precedence=record.get("precedence"),
            classification=record.get("classification"),
            caveats=tuple(record.get("caveats") or ()),
            section=optional(Section, record.get("section")),
            recipients=objects(Addressee, record.get("recipients")),
            info_recipients=objects(Addressee, record.get("info_recipients")),
            tags=tuple(record.get("tags") or ()),
            subject=record.get("subject"),
            references=objects(Reference, record.get("references")),
            classified_by=optional(ClassifiedBy, classified),
            declassification=optional(Declassification, record.get("declassification")),
            paragraphs=objects(Paragraph, record.get("paragraphs")),
            summary=record.get("summary"),
            signers=tuple(record.get("signers") or ()),
            officials=objects(Official, record.get("officials")),
            agencies=objects(Agency, record.get("agencies")),
            repairs=tuple(record.get("repairs") or ()),
        )

    def with_changes(self, **changes: Any) -> Cable:
        return replace(self, **changes)


RECORD_FIELDS: tuple[str, ...] = (
    "id", "date", "origin", "station", "precedence", "classification", "caveats", "section",
    "recipients", "info_recipients", "tags", "subject", "references", "classified_by",
    "declassification", "paragraphs", "summary", "signers", "officials", "agencies", "source",
    "repairs",
)  # fmt: skip


def _known(kind: type, item: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(kind)}
    return {k: v for k, v in item.items() if k in names}


def _plain(value: Any) -> Any:
    """Dataclasses to dicts (schema field order), tuples to lists."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value
