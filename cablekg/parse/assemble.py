"""Turn the parts read from a cable's text into a normalised `Cable`.

Precedence of witnesses for each field: the telegram grammar first, then database records found
inside the text, then the source's metadata. Cross-checks: the banner's classification against
the ZNY indicator; the banner's station against the FM line and the originating routing
indicator; the banner's serial against the DE line's sequence number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date as Date

from cablekg import entities
from cablekg.model import Cable, Paragraph, Section, Source
from cablekg.parse.dtg import full_year
from cablekg.parse.ids import canonical_id, make_id, near_stations, repair_station, split_id
from cablekg.parse.references import Citing, read_references
from cablekg.parse.stations import code_of, stations
from cablekg.parse.summary import find_summary
from cablekg.parse.telegram import Parts
from cablekg.parse.year import estimate_year
from cablekg.sources.base import Metadata

_CLASS_NAMES = ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", "UNCLASSIFIED", "LIMITED OFFICIAL USE",
                "CONFIDENTIAL", "SECRET", "TOP SECRET")  # fmt: skip


def assemble(
    parts: Parts,
    source: Source,
    meta: Metadata,
    embedded: list[Metadata],
) -> Cable:
    """The record of the parts, without officials and agencies (`add_entities`)."""
    repairs: list[str] = list(parts.repairs)
    header = parts.header
    table = stations()
    witness = embedded[0] if embedded else Metadata()
    if embedded:
        repairs.append("took out a database record pasted into the text")

    # Who sent it: FM line, banner station, originating routing indicator.
    sender = _sender(header.sender)
    banner = parts.banner
    station = None
    if banner:
        station = table.from_written(banner.station_written)
        if set(station) == {"X"}:  # the station is redacted (XXXXXXXXXXXX)
            station = None
        elif not table.is_known(station):
            fixed = _fix_station(station, sender, header.originator_route)
            if fixed != station:
                repairs.append(f"banner station {banner.station_written} read as {fixed}")
                station = fixed
    serial = banner.serial if banner else None
    spliced = _spliced(banner, station, sender, header)
    if spliced and banner:
        repairs.append(
            f"banner {banner.station_written} {banner.serial} contradicts the header "
            f"(FM {sender}, DE #{header.sequence}); id, date and classification from the header"
        )
        station, serial = spliced, header.sequence
    elif banner and station and sender and _other_post(table, sender, station):
        repairs.append(
            f"banner names {banner.station_written} but the FM line {sender}: "
            "header and text may come from different cables"
        )
    if not station and sender:
        station = table.from_address(sender)
    if not station and header.originator_route:
        station = table.routing.get(header.originator_route)
    source_id = canonical_id(meta.id)
    source_parts = split_id(source_id) if source_id and not station else None
    if source_parts:
        station = source_parts[1]
    origin = sender or _address_of(station)

    # When: date-time group, then an embedded record, then the source.
    date = header.dtg.iso if header.dtg else None
    if not date and witness.date:
        date = witness.date
        repairs.append("date taken from the database record in the text")
    if not date and meta.date:
        date = meta.date

    # Serial, checked against the DE line's sequence number.
    if serial and header.sequence and _truncated(serial, header.sequence):
        repairs.append(f"banner serial {serial} completed from DE sequence {header.sequence}")
        serial = header.sequence
    if not serial and header.sequence and station and header.dtg:
        serial = header.sequence

    year = int(date[:4]) if date else None
    if year is None:
        year, how = estimate_year(parts)
        if year is not None:
            repairs.append(f"no date-time group: year {year} estimated from {how}")
    cable_id = source_id
    if not cable_id and station and serial and year is not None:
        cable_id = make_id(year, station, serial)
    if not cable_id and witness.id:
        cable_id = canonical_id(witness.id)
        repairs.append("id taken from the database record in the text")
    id_parts = split_id(cable_id) if cable_id and (not station or year is None) else None
    if id_parts and not station:
        station = id_parts[1]
    if id_parts and year is None:
        year = full_year(id_parts[0])

    classification = _classification(parts, meta, witness, spliced is not None)
    caveats = list(dict.fromkeys(parts.caveats))
    citing = Citing(
        year=year,
        station=station,
        serial=int(serial) if serial else None,
        day_of_year=_day_of_year(header.dtg.iso) if header.dtg else None,
    )
    references = read_references(parts.ref_text, citing, repairs) if parts.ref_text else []
    section = None
    if banner and banner.section and banner.of:
        section = Section(number=banner.section, of=banner.of)

    cable = Cable(
        source=source,
        id=cable_id,
        date=date,
        origin=origin,
        station=station,
        precedence=_precedence(parts),
        classification=classification,
        caveats=tuple(caveats),
        section=section,
        recipients=tuple(header.recipients),
        info_recipients=tuple(header.info_recipients),
        tags=tuple(parts.tags),
        subject=parts.subject,
        references=tuple(references),
        classified_by=parts.classified_by,
        declassification=parts.declassification,
        paragraphs=tuple(p for p in parts.paragraphs if p.text or p.number is not None),
        summary=find_summary(list(parts.paragraphs)),
        signers=tuple(parts.signers),
        repairs=tuple(dict.fromkeys(repairs)),
    )
    return cable


def add_entities(cable: Cable, office_lines: Sequence[str]) -> Cable:
    """`cable` with its officials and agencies; `office_lines` are the header's action-office
    lines, which the record does not keep. (Called through the `entities` module, which the
    build wraps to time the stage: this module stays interpreted, see setup.py.)"""
    officials, agencies = entities.extract(cable, office_lines)
    return cable.with_changes(officials=tuple(officials), agencies=tuple(agencies))


def _sender(address: str | None) -> str | None:
    if not address:
        return None
    address = address.split("//")[0].strip(" /")
    return " ".join(address.split()) or None


def _address_of(station: str | None) -> str | None:
    """The plain-language address of a station, for cables whose FM line is lost."""
    if not station:
        return None
    candidates = stations().by_code.get(station, [])
    for prefix in ("SECSTATE", "AMEMBASSY", "AMCONSUL", "USMISSION"):
        for address in candidates:
            if address.startswith(prefix):
                return address
    return candidates[0] if candidates else None


def _fix_station(station: str, sender: str | None, route: str | None) -> str:
    """An unknown banner station, checked against the FM line and routing indicator."""
    table = stations()
    witnesses = {
        s
        for s in (table.from_address(sender) if sender else None, table.routing.get(route or ""))
        if s
    }
    near = near_stations(station)
    for candidate in near:
        if candidate in witnesses:
            return candidate
    repaired = repair_station(station)
    return repaired if table.is_known(repaired) else station


def _spliced(banner, station: str | None, sender: str | None, header) -> str | None:
    """The header's station when the banner belongs to another cable than the header.

    The DE line's sequence number is the last four digits of the banner's serial in all but a
    handful of cables. When they differ (and the banner's serial is not merely cut short), the
    text joins one cable's header to another cable's body; the header, which also gives the
    date, is taken as the cable's identity.
    """
    sequence = header.sequence
    if not (banner and sequence) or int(banner.serial) >= 10000:
        return None
    if int(sequence) % 10000 == int(banner.serial) % 10000 or _truncated(banner.serial, sequence):
        return None
    table = stations()
    own = (table.from_address(sender) if sender else None) or table.routing.get(
        header.originator_route or ""
    )
    return own or station


def _other_post(table, sender: str, station: str) -> bool:
    """Whether the FM line names another post than the banner's station."""
    fm_station = table.from_address(sender)
    if fm_station in (None, station):
        return False
    return table.origin(sender) != table.origin(station=station)


def _truncated(serial: str, sequence: str) -> bool:
    """`00167` in the banner but `#1673` on the DE line: the banner lost a digit."""
    digits = serial.lstrip("0")
    return (
        len(serial) < 6
        and len(sequence.lstrip("0")) > len(digits)
        and sequence.lstrip("0").startswith(digits)
    )


def _classification(parts: Parts, meta: Metadata, witness: Metadata, spliced: bool) -> str | None:
    banner = None if spliced else parts.banner
    value = banner.classification if banner else None
    value = value or parts.header.zny_class or parts.header.printout_class
    if value == "UNCLASSIFIED" and "SBU" in parts.caveats and parts.sensitive:
        value = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    if value == "UNCLASSIFIED" and (witness.classification or "").upper() == _CLASS_NAMES[0]:
        value = _CLASS_NAMES[0]  # the pasted database record is more precise at the same level
    for fallback in (witness.classification, meta.classification):
        if value is None and fallback:
            upper = fallback.upper().strip()
            value = upper if upper in _CLASS_NAMES else upper.split("//")[0].strip()
            if value not in _CLASS_NAMES:
                value = None
    return value


def _precedence(parts: Parts) -> str | None:
    header = parts.header
    precedence = header.dtg.precedence if header.dtg else None
    precedence = precedence or header.route_precedence
    if precedence == "IMMEDIATE" and any(
        a.precedence == "NIACT IMMEDIATE" for a in header.recipients
    ):
        return "NIACT IMMEDIATE"
    if precedence is None and header.recipients:
        precedence = header.recipients[0].precedence
    return precedence


def _day_of_year(iso: str) -> int:
    return Date.fromisoformat(iso[:10]).timetuple().tm_yday


__all__ = ["Paragraph", "assemble", "code_of"]
