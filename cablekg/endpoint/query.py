"""Query a remote SPARQL endpoint through SPARQLWrapper, answers as SPARQL JSON results."""

from __future__ import annotations

from typing import Any

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from cablekg.queries import strip_comments


class EndpointError(RuntimeError):
    """The endpoint refused the query or could not be reached."""


def query_endpoint(
    url: str, query: str, user: str | None = None, password: str | None = None
) -> dict[str, Any]:
    """SELECT/ASK results as the SPARQL 1.1 JSON results structure."""
    client = SPARQLWrapper(url)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setQuery(strip_comments(query))
    if user is not None:
        client.setCredentials(user, password or "")
    try:
        return client.queryAndConvert()
    except (SPARQLWrapperException, OSError) as error:
        raise EndpointError(f"{url}: {error}") from error
