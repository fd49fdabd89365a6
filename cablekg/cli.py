"""The `cablekg` command: a thin click layer over the public Python API."""

from __future__ import annotations

import click

from cablekg import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cablekg")
def main() -> None:
    """Turn US diplomatic cables into a validated linked-data knowledge graph."""
