"""What every reader yields: a cable's text with its source, or a reject."""

from __future__ import annotations

from dataclasses import dataclass, field

from cablekg.model import Source


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a source says about a cable besides its text; used only as fallback and cross-check."""

    id: str | None = None
    date: str | None = None  # ISO 8601, e.g. 2007-09-05T13:01:00Z
    classification: str | None = None  # as the source spells it, e.g. SECRET//NOFORN
    origin: str | None = None  # Cablegate origin name, e.g. Embassy Muscat
    subject: str | None = None
    references: tuple[str, ...] = ()

    def __reduce__(self):
        """Pickled as its fields, like `RawCable`."""
        fields = (self.id, self.date, self.classification, self.origin, self.subject)
        return Metadata, (*fields, self.references)


@dataclass(frozen=True, slots=True)
class RawCable:
    """One cable as read from its source, not yet parsed."""

    text: str
    source: Source
    metadata: Metadata = field(default_factory=Metadata)
    repairs: tuple[str, ...] = ()  # repairs the reader made to the source (e.g. a CSV quote)

    def __reduce__(self):
        """Pickled as its fields (to worker processes): several times cheaper than the default
        of slotted dataclasses, which reads and sets each field through Python code."""
        return RawCable, (self.text, self.source, self.metadata, self.repairs)


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that yields no record, and why."""

    path: str | None
    reason: str
    row: int | None = None
    offset: int | None = None

    def to_record(self) -> dict:
        return {"path": self.path, "row": self.row, "offset": self.offset, "reason": self.reason}
