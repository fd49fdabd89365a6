"""Every named query answers real rows from the developer corpus.

Each test checks the answer of a query against what the cables say: either a value read from the
cable itself, or the same question computed independently in Python over the parsed cables.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from query_corpus import HAS_PARSER, Corpus, build_corpus

ROOT = Path(__file__).resolve().parent.parent

needs_parser = pytest.mark.skipif(
    not HAS_PARSER, reason="needs the parser (cablekg.read) for references, addressees, signers"
)


@pytest.fixture(scope="session")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_corpus(shared, ROOT, tmp_path_factory.mktemp("query-store"))


def citation_edges(corpus: Corpus, centre: str, depth: int) -> set[tuple[str, str, str, int]]:
    """The citation network of `centre` by breadth-first search over the parsed references."""
    cites: dict[str, set[str]] = defaultdict(set)
    cited_by: dict[str, set[str]] = defaultdict(set)
    for cable in corpus.cables:
        for reference in cable.references:
            if reference.id and cable.id:
                cites[cable.id].add(reference.id)
                cited_by[reference.id].add(cable.id)
    edges: dict[tuple[str, str, str], int] = {}
    for direction, graph in (("cites", cites), ("cited-by", cited_by)):
        frontier, seen = {centre}, {centre}
        for level in range(1, depth + 1):
            following = set()
            for node in frontier:
                for other in graph[node]:
                    edge = (node, other) if direction == "cites" else (other, node)
                    edges.setdefault((direction, *edge), level)
                    following.add(other)
            frontier = following - seen
            seen |= following
    return {(d, a, b, level) for (d, a, b), level in edges.items()}


@needs_parser
@pytest.mark.parametrize("depth", [1, 2, 4])
def test_citation_network_matches_a_search_over_the_references(corpus: Corpus, depth: int):
    rows = corpus.answer("citation-network", cable="09TRIPOLI273", depth=depth)
    found = {(r["direction"], r["from_id"], r["to_id"], int(r["level"])) for r in rows}
    assert found == citation_edges(corpus, "09TRIPOLI273", depth)
    dated = {c.id for c in corpus.cables if c.date}
    for row in rows:
        far = row["to_id"] if row["direction"] == "cites" else row["from_id"]
        assert (row["in_corpus"] == "true") == (far in dated)


@needs_parser
def test_citation_network_reads_the_ref_lines(corpus: Corpus):
    rows = corpus.answer("citation-network", cable="09TRIPOLI273", depth=2)
    found = {(r["direction"], r["from_id"], r["to_id"], r["level"], r["in_corpus"]) for r in rows}
    # 09TRIPOLI273's REF: A. ROME 205 B. TRIPOLI 212 C. VALLETTA 143; 09TRIPOLI637
    # cites it (its REF C); 09TRIPOLI212 cites 08TRIPOLI896, which is in the corpus.
    assert ("cites", "09TRIPOLI273", "09TRIPOLI212", "1", "true") in found
    assert ("cites", "09TRIPOLI273", "09ROME205", "1", "false") in found
    assert ("cites", "09TRIPOLI273", "09VALLETTA143", "1", "false") in found
    assert ("cited-by", "09TRIPOLI637", "09TRIPOLI273", "1", "true") in found
    assert ("cites", "09TRIPOLI212", "08TRIPOLI896", "2", "true") in found
    assert not any(r[3] == "3" for r in found)
