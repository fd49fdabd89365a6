"""Officials and agencies named in a cable (the `officials` and `agencies` of its record)."""

from __future__ import annotations

from collections.abc import Sequence

from cablekg.model import Agency, Cable, Official


def extract(
    cable: Cable, office_lines: Sequence[str] = ()
) -> tuple[tuple[Official, ...], tuple[Agency, ...]]:
    """People and organisations named in `cable`.

    `office_lines` are the header's action-office lines (`DEPARTMENT OF LABOR FOR JAMES RUDE`),
    which the record does not keep. Placeholder until the entity extractor lands.
    """
    return (), ()
