"""`cablekg links`: write the link sets as N-Quads, or report their coverage."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from cablekg.links.linksets import LINKSETS, Iris, write_nquads
from cablekg.links.report import report
from cablekg.model import Cable
from cablekg.rdf.namespaces import DEFAULT_BASE


def read_records(path: Path) -> Iterator[Cable]:
    """Cables from a JSON Lines file of records (`cablekg parse` output), one at a time."""
    stream = sys.stdin if str(path) == "-" else path.open(encoding="utf-8")
    with stream:
        for number, line in enumerate(stream, 1):
            if line.strip():
                try:
                    yield Cable.from_record(json.loads(line))
                except (ValueError, KeyError, TypeError) as error:
                    message = f"{path}:{number}: not a cable record ({error})"
                    raise click.ClickException(message) from error


def read_cables(paths: tuple[Path, ...]) -> Iterator[Cable]:
    """Cables parsed from raw files, with the parser when this build has it."""
    try:
        from cablekg import read  # type: ignore[attr-defined]
    except ImportError as error:
        raise click.ClickException("this build has no parser: give --records") from error
    yield from read(paths)


@click.command("links")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--records", type=click.Path(path_type=Path), help="JSON Lines cable records.")
@click.option("--report", "show_report", is_flag=True, help="Print coverage per link set.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="N-Quads output.")
@click.option("--only", multiple=True, type=click.Choice(LINKSETS), help="Link sets to write.")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base of data IRIs.")
def links(
    paths: tuple[Path, ...],
    records: Path | None,
    show_report: bool,
    out: Path | None,
    only: tuple[str, ...],
    base_iri: str,
) -> None:
    """Links to Wikidata, GeoNames, DBpedia and the Office of the Historian.

    With --report, print how much of each link set's table is linked and, given cables (PATHS
    or --records), how much of those cables resolves. With --out, write the link sets as
    N-Quads, one named graph each, with the officials resolved in the given cables.
    """
    if not show_report and out is None:
        raise click.UsageError("give --report, --out FILE, or both")

    def cables() -> Iterator[Cable] | None:
        if records is not None:
            return read_records(records)
        return read_cables(paths) if paths else None

    if out is not None:
        with out.open("wb") as f:
            writers = write_nquads(f, Iris(base_iri), cables() or (), only=only or LINKSETS)
        for name, w in writers.items():
            click.echo(f"{name}: {w.total()} links", err=True)
    if show_report:
        click.echo(report(cables()), nl=False)
