"""The `cablekg` command: a thin click layer over the public Python API."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cablekg import Cable, __version__, read_outcomes, results
from cablekg.endpoint import LoadError, Target, load_store, query_endpoint
from cablekg.endpoint.query import EndpointError
from cablekg.links.command import links
from cablekg.queries import QueryError, named_queries, resolve_query
from cablekg.rdf import DEFAULT_BASE, RdfFormat, write
from cablekg.records import read_cables
from cablekg.store.query import query_store
from cablekg.validate import ENGINES, validate

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
@click.option("--no-entities", is_flag=True,
              help="Skip entity extraction (officials, agencies stay empty): faster.")  # fmt: skip
def parse(paths: tuple[str, ...], output, rejects, no_metadata: bool, no_entities: bool) -> None:
    """Print one JSON cable record per line for every cable in PATHS.

    PATHS are files, directories, Cablegate trees, cables.csv files or - for standard input.
    Inputs that yield no record are reported as JSON lines on the rejects stream.
    """
    rejects = rejects or sys.stderr
    rejected = 0
    for outcome in read_outcomes(paths, use_metadata=not no_metadata, entities=not no_entities):
        if isinstance(outcome, Cable):
            output.write(outcome.to_json() + "\n")
        else:
            rejected += 1
            rejects.write(json.dumps(outcome.to_record(), ensure_ascii=False) + "\n")
    output.flush()
    rejects.flush()
    sys.exit(EXIT_REJECTED if rejected else 0)


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
@click.option("--list", "list_queries", is_flag=True,
              help="List the named queries (or describe QUERY) with their parameters.")  # fmt: skip
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
        library = named_queries()
        if query is not None and query not in library:
            raise click.UsageError(f"no named query {query!r}; see cablekg query --list")
        for name in [query] if query else library:
            click.echo(library[name].listing())
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


@main.command()
@click.option(
    "--store", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Embedded store built by `cablekg build` (opened read-only).",
)  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--base-iri", default="https://w3id.org/cablekg/", show_default=True,
              help="Base of the data IRIs; request paths are resolved against it.")  # fmt: skip
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the search index and dumps go [default: STORE/serve-cache].")  # fmt: skip
@click.option("--sparql-timeout", default=20.0, show_default=True, type=float,
              help="Seconds a SPARQL query may run.")  # fmt: skip
@click.option("--sparql-workers", default=2, show_default=True, type=click.IntRange(1, 32))
@click.option("--sparql-queue", default=32, show_default=True, type=click.IntRange(0),
              help="SPARQL queries that may wait for a busy worker; more get 503.")  # fmt: skip
@click.option("--sparql-queue-wait", default=10.0, show_default=True, type=float,
              help="Seconds a SPARQL query may wait for a worker before a 503.")  # fmt: skip
@click.option("--result-limit", default=10_000, show_default=True, type=click.IntRange(1),
              help="Rows or triples a SPARQL answer may hold.")  # fmt: skip
def serve(
    store: Path,
    host: str,
    port: int,
    base_iri: str,
    cache_dir: Path | None,
    sparql_timeout: float,
    sparql_workers: int,
    sparql_queue: int,
    sparql_queue_wait: float,
    result_limit: int,
) -> None:
    """Publish the store as linked data: pages, RDF, SPARQL, search, VoID and dumps."""
    from cablekg.serve import ServeConfig, run

    config = ServeConfig(
        store=store, base_iri=base_iri, cache_dir=cache_dir, sparql_timeout=sparql_timeout,
        sparql_workers=sparql_workers, sparql_queue=sparql_queue,
        sparql_queue_wait=sparql_queue_wait, result_limit=result_limit,
    )  # fmt: skip
    try:
        run(config, host, port)
    except OSError as error:  # no store there, or the port is taken
        raise click.ClickException(str(error)) from error


main.add_command(links)


def _rdf_format(name: str | None, output: Path | None) -> RdfFormat:
    if name:
        return RdfFormat.named(name)
    if output is not None and output.suffix:
        return RdfFormat.of_path(output)
    return RdfFormat.NQUADS


@main.command("rdf")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(RdfFormat.keys()),
              help="Serialisation (default: from the output's extension, else nq).")  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: standard output).")  # fmt: skip
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base of data IRIs.")
@click.option("--with-vocabulary", is_flag=True,
              help="Also write the ontology and TAGS schemes (in graph/vocabulary).")  # fmt: skip
def rdf_command(
    paths: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    base_iri: str,
    with_vocabulary: bool,
) -> None:
    """Map cables (records .jsonl, or raw sources) to RDF, streamed one cable at a time."""
    rdf_format = _rdf_format(fmt, output)
    try:
        cables = read_cables(paths)
        if output is None:
            stream = click.get_text_stream("stdout")
            stats = write(cables, stream, rdf_format, base_iri, with_vocabulary)
        else:
            stats = write(cables, output, rdf_format, base_iri, with_vocabulary)
    except (ValueError, OSError) as error:
        raise click.ClickException(str(error)) from error
    rate = stats.triples / stats.seconds if stats.seconds else 0
    click.echo(
        f"{stats.cables} cables, {stats.triples} triples as {rdf_format.key}"
        f" in {stats.seconds:.1f} s ({rate:,.0f} triples/s)",
        err=True,
    )


@main.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--store", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Validate every cable graph of this store instead.")  # fmt: skip
@click.option("--engine", "engine_name", type=click.Choice(sorted(ENGINES)), default="fast",
              show_default=True, help="fast (shacl package) or pyshacl (reference).")  # fmt: skip
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the SHACL validation report as Turtle.")  # fmt: skip
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True,
              help="Base of data IRIs when PATH holds cables to map.")  # fmt: skip
def validate_command(
    paths: tuple[Path, ...],
    store: Path | None,
    engine_name: str,
    report_path: Path | None,
    base_iri: str,
) -> None:
    """Validate RDF files (.nq .nt .ttl .trig .jsonld), cables, or a store against the shapes.

    Prints the violations grouped by shape and message, with counts and example focus nodes;
    exits with status 1 when the data does not conform.
    """
    if (store is None) == (not paths):
        raise click.UsageError("give PATH... or --store DIR")
    try:
        report = validate(paths, store, engine_name, base_iri)
    except (ValueError, OSError, SyntaxError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(report.text(), nl=False)
    if report_path is not None:
        report.write_turtle(report_path)
    if not report.conforms:
        sys.exit(1)


@main.command("build")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--store", "store_dir", required=True, help="Store directory.",
              type=click.Path(file_okay=False, path_type=Path))  # fmt: skip
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base of data IRIs.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [all cores].")
@click.option("--force", is_flag=True, help="Rebuild cables whose source did not change.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("--strict", is_flag=True, help="Exit 1 on rejects or SHACL violations.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build_command(
    sources: tuple[Path, ...],
    store_dir: Path,
    base_iri: str,
    jobs: int | None,
    force: bool,
    no_validate: bool,
    strict: bool,
    quiet: bool,
) -> None:
    """Parse, map, validate and store SOURCES in the embedded store DIR."""
    from cablekg.store.build import build
    from cablekg.store.lock import StoreBusy

    try:
        report = build(sources, store_dir, base_iri=base_iri, jobs=jobs, force=force,
                       validate=not no_validate, quiet=quiet)  # fmt: skip
    except (StoreBusy, OSError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(report.summary(), err=True)
    click.echo(f"store: {store_dir} (rejects and validation report beside it)", err=True)
    if report.built + report.skipped == 0:
        raise click.ClickException("nothing could be built")
    if strict and (report.rejected or report.validation.count):
        sys.exit(1)


@main.command("export")
@click.option("--store", "store_dir", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path))  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(RdfFormat.keys()), default="nq",
              show_default=True)  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file [standard output].")  # fmt: skip
@click.option("--gzip", "compress", is_flag=True, help="Compress the output with gzip.")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True,
              help="Base of data IRIs (for Turtle prefixes and JSON-LD).")  # fmt: skip
def export_command(
    store_dir: Path, fmt: str, output: Path | None, compress: bool, base_iri: str
) -> None:
    """Write the whole store as one RDF document, streaming."""
    from cablekg.store.export import export
    from cablekg.store.export import output as open_output

    try:
        with open_output(output, compress) as out:
            stats = export(store_dir, out, fmt, base_iri)
    except OSError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"exported {stats.graphs} graphs, {stats.triples} triples "
               f"in {stats.seconds:.1f} s", err=True)  # fmt: skip
