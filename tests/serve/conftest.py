"""A store to serve, and `cablekg serve` running on it on 127.0.0.1 (stopped afterwards).

The store holds tests/data/serve/cables.trig (real cables: 07MUSCAT920, 08TRIPOLI36) plus one
hostile cable whose subject and text carry `<script>` and HTML entities, as a cable from a
crafted source could.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from cablekg.store import open_store
from tests.servers import free_port, stop

DATA = Path(__file__).resolve().parent.parent / "data" / "serve"
BASE = "https://w3id.org/cablekg/"
HOSTILE_ID = "10HOSTILE1"
HOSTILE_TEXT = (
    '<script>alert("xss")</script> AT&amp;T &lt;b&gt;not bold&lt;/b&gt; '
    "</script><img src=x onerror=alert(2)> &#x3C;done&#x3E;"
)


def hostile_cable() -> str:
    """TriG of a cable whose subject and paragraph are markup, to prove they stay text."""
    text = HOSTILE_TEXT.replace("\\", "\\\\").replace('"', '\\"')
    return f"""
@prefix ckg: <https://w3id.org/cablekg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
<{BASE}graph/{HOSTILE_ID}> {{
  <{BASE}cable/{HOSTILE_ID}> a ckg:Cable ; dcterms:identifier "{HOSTILE_ID}" ;
    dcterms:title "{text}" ;
    dcterms:created "2010-01-05T10:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> ;
    schema:sender <{BASE}post/MUSCAT> ;
    dcterms:hasPart <{BASE}paragraph/{HOSTILE_ID}-1> .
  <{BASE}paragraph/{HOSTILE_ID}-1> a ckg:Paragraph ; schema:position 1 ;
    ckg:paragraphNumber 1 ; ckg:portionMarking "U" ; schema:text "{text}" .
}}
<{BASE}graph/metadata> {{
  <{BASE}graph/{HOSTILE_ID}> a ckg:CableGraph ; foaf:primaryTopic <{BASE}cable/{HOSTILE_ID}> .
}}
"""


def build_store(directory: Path) -> Path:
    store = open_store(directory, read_only=False)
    store.load(path=str(DATA / "cables.trig"), format=ox.RdfFormat.TRIG)
    store.load(hostile_cable().encode(), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return directory


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve") / "store")


@contextmanager
def running_server(store: Path, *options: str) -> Iterator[str]:
    """`cablekg serve` on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cablekg", "serve", "--store", str(store), "--port", str(port),
         *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2], env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode())
            try:
                requests.get(url + "/static/style.css", timeout=2)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        stop(process)


def wait_prepared(url: str, seconds: float = 60) -> None:
    """Block until the search index and the dumps are built (the whole dump is written last)."""
    deadline = time.monotonic() + seconds
    while requests.head(url + "/dumps/cablekg.nq.gz", timeout=5).status_code == 503:
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not prepare its search index and dumps")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def server(store_dir: Path) -> Iterator[str]:
    with running_server(store_dir, "--sparql-timeout", "2", "--result-limit", "50") as url:
        wait_prepared(url)
        yield url
