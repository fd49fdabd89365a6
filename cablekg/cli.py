"""The `cablekg` command: a thin click layer over the public Python API."""

from __future__ import annotations

from pathlib import Path

import click

from cablekg import __version__, results
from cablekg.endpoint import LoadError, Target, load_store, query_endpoint
from cablekg.endpoint.query import EndpointError
from cablekg.queries import QueryError, named_queries, resolve_query
from cablekg.store.query import query_store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cablekg")
def main() -> None:
    """Turn US diplomatic cables into a validated linked-data knowledge graph."""


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--param")
        params[name] = value
    return params


@main.command()
@click.argument("query", required=False)
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Embedded store.")
@click.option("--endpoint", help="SPARQL endpoint URL of a server, queried through SPARQLWrapper.")
@click.option("--user", help="User name for the endpoint.")
@click.option("--password", help="Password for the endpoint.")
@click.option("--format", "fmt", type=click.Choice(results.FORMATS), default="table")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a parameter.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries.")
def query(
    query: str | None,
    store: Path | None,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    fmt: str,
    params: tuple[str, ...],
    list_queries: bool,
) -> None:
    """Run QUERY: a named query of the library, a .rq file, or SPARQL text."""
    if list_queries:
        for name, named in named_queries().items():
            flag = "  [needs network]" if named.needs_network else ""
            click.echo(f"{name:32} {named.description}{flag}")
            for param in named.params:
                click.echo(
                    f"{'':34}--param {param.name}=... ({param.kind}, default {param.default})"
                )
        return
    if query is None:
        raise click.UsageError("give a QUERY, or --list")
    if (store is None) == (endpoint is None):
        raise click.UsageError("give exactly one of --store DIR or --endpoint URL")
    try:
        text = resolve_query(query, _params(params))
        answer = (
            query_store(store, text)
            if store is not None
            else query_endpoint(endpoint, text, user, password)
        )
    except (QueryError, EndpointError, SyntaxError, OSError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(results.render(answer, fmt), nl=False)


@main.command()
@click.option(
    "--store", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--endpoint", help="SPARQL query endpoint of the server (to check the load).")
@click.option("--update-endpoint", help="SPARQL 1.1 Update endpoint (used without --graph-store).")
@click.option("--graph-store", help="Graph Store HTTP Protocol endpoint (PUT per named graph).")
@click.option("--user", help="User name for the server.")
@click.option("--password", help="Password for the server.")
@click.option("--auth", type=click.Choice(["digest", "basic"]), default="digest", show_default=True)
@click.option("--retry-for", type=float, default=120.0, show_default=True,
              help="Seconds to keep retrying a server that does not answer.")  # fmt: skip
def load(
    store: Path,
    endpoint: str | None,
    update_endpoint: str | None,
    graph_store: str | None,
    user: str | None,
    password: str | None,
    auth: str,
    retry_for: float,
) -> None:
    """Push every named graph of the store into a running SPARQL 1.1 server."""
    try:
        target = Target(graph_store, update_endpoint, user, password, auth, retry_for)
        report = load_store(store, target)
        if endpoint:
            count = query_endpoint(
                endpoint, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                user, password,
            )["results"]["bindings"][0]["n"]["value"]  # fmt: skip
            click.echo(f"the server now holds {count} named graphs", err=True)
    except (LoadError, EndpointError, OSError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"loaded {report.graphs} graphs ({report.triples} triples) in {report.seconds:.1f} s"
        f" with {report.retries} retries",
        err=True,
    )
