"""The `cablekg` command: a thin click layer over the public Python API."""

from __future__ import annotations

import json
import sys

import click

from cablekg import Cable, __version__, read_outcomes

# Exit status of `cablekg parse`: 0 all read, 3 some input rejected (2 is click's usage error).
EXIT_REJECTED = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cablekg")
def main() -> None:
    """Turn US diplomatic cables into a validated linked-data knowledge graph."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write records here (default: standard output).")  # fmt: skip
@click.option("--rejects", type=click.File("w", encoding="utf-8"), default=None,
              help="Write rejects here as JSON lines (default: standard error).")  # fmt: skip
@click.option("--no-metadata", is_flag=True,
              help="Read the text alone, ignoring the source's metadata.")  # fmt: skip
def parse(paths: tuple[str, ...], output, rejects, no_metadata: bool) -> None:
    """Print one JSON cable record per line for every cable in PATHS.

    PATHS are files, directories, Cablegate trees, cables.csv files or - for standard input.
    Inputs that yield no record are reported as JSON lines on the rejects stream.
    """
    rejects = rejects or sys.stderr
    rejected = 0
    for outcome in read_outcomes(paths, use_metadata=not no_metadata):
        if isinstance(outcome, Cable):
            output.write(outcome.to_json() + "\n")
        else:
            rejected += 1
            rejects.write(json.dumps(outcome.to_record(), ensure_ascii=False) + "\n")
    output.flush()
    rejects.flush()
    sys.exit(EXIT_REJECTED if rejected else 0)
