"""The mapping of a cable onto the ontology: IRIs, values, stubs, provenance."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from cablekg import map_cable, to_quads
from cablekg.model import Addressee, Paragraph, Reference
from cablekg.rdf.iris import code_key, name_key
from cablekg.rdf.mapping import Described, Mapper, post_kind
from tests.rdf_cables import cablegate_cable, seed_cable

B = "https://w3id.org/cablekg/"
CKG = "https://w3id.org/cablekg/ontology#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
OTHER_VOCABULARIES = (
    "<http://www.w3.org/",
    "<http://purl.org/",
    "<http://xmlns.com/",
    "<https://schema.org/",
)


def triples(cable, base=B):
    """The mapped cable, its graph's triples with its entity descriptions, and its metadata."""
    mapped = Mapper(base, generated="2024-01-01T00:00:00Z").map(cable)
    return mapped, set(mapped.triples) | set(mapped.descriptions), set(mapped.metadata)


def test_seed_cable_maps_its_record(shared):
    mapped, data, meta = triples(seed_cable(shared))
    c = f"<{B}cable/07MUSCAT920>"
    assert mapped.graph == f"<{B}graph/07MUSCAT920>"
    assert (c, RDF_TYPE, f"<{CKG}Cable>") in data
    assert (c, f"<{DCT}identifier>", '"07MUSCAT920"') in data
    created = '"2007-09-29T07:28:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>'
    assert (c, f"<{DCT}created>", created) in data
    assert (c, "<https://schema.org/sender>", f"<{B}post/MUSCAT>") in data
    assert (f"<{B}post/MUSCAT>", RDF_TYPE, f"<{CKG}Embassy>") in data
    assert (f"<{B}post/MUSCAT>", f"<{CKG}stationCode>", '"MUSCAT"') in data
    classification = f"<{B}vocab/classification/CONFIDENTIAL>"
    assert (c, f"<{DCT}accessRights>", classification) in data
    assert (c, f"<{CKG}caveat>", f"<{B}vocab/caveat/SIPDIS>") in data
    # TAGS: MU is the geographic (FIPS) tag of Oman, KCRM a program tag.
    mu = f"<{B}vocab/tag/MU>"
    assert (c, f"<{DCT}subject>", mu) in data
    skos = "http://www.w3.org/2004/02/skos/core#"
    assert (mu, f"<{skos}inScheme>", f"<{B}vocab/tags/geographic>") in data
    assert (f"<{B}vocab/tag/KCRM>", f"<{skos}inScheme>", f"<{B}vocab/tags/program>") in data
    # References: a node per REF item, and the cited cable as a stub with its id.
    ref = f"<{B}reference/07MUSCAT920-A>"
    assert (c, f"<{CKG}hasReference>", ref) in data
    assert (ref, f"<{CKG}target>", f"<{B}cable/07MUSCAT375>") in data
    assert (ref, "<https://schema.org/text>", '"MUSCAT 375"') in data
    assert (c, f"<{DCT}references>", f"<{B}cable/07MUSCAT883>") in data
    assert (f"<{B}cable/07MUSCAT375>", f"<{DCT}identifier>", '"07MUSCAT375"') in data
    assert (f"<{B}cable/07MUSCAT375>", RDF_TYPE, f"<{CKG}Cable>") in data
    # Paragraphs under their cable, by number.
    p4 = f"<{B}paragraph/07MUSCAT920-4>"
    assert (c, f"<{DCT}hasPart>", p4) in data
    assert (p4, f"<{CKG}portionMarking>", '"C"') in data
    # The classifier holds a position at the sending post.
    fonteneau = f"<{B}person/alfred-f-fonteneau>"
    position = f"<{B}position/MUSCAT--charge-d-affaires>"
    assert (c, f"<{CKG}classifiedBy>", fonteneau) in data
    assert (fonteneau, "<http://www.w3.org/ns/org#holds>", position) in data
    assert (position, "<http://www.w3.org/ns/org#postIn>", f"<{B}post/MUSCAT>") in data
    assert (c, f"<{CKG}classificationReason>", f"<{B}vocab/reason/1.4(b)>") in data
    # An official with title and organisation: a position in an agency.
    minister = f"<{B}position/ministry-of-manpower--minister-of-manpower>"
    assert (
        f"<{B}person/juma-bin-ali-al-juma>",
        "<http://www.w3.org/ns/org#holds>",
        minister,
    ) in data
    assert (f"<{B}agency/royal-oman-police>", f"<{CKG}acronym>", '"ROP"') in data
    # Provenance in the metadata graph.
    g = mapped.graph
    assert (g, "<http://xmlns.com/foaf/0.1/primaryTopic>", c) in meta
    assert (g, f"<{CKG}repair>", '"caveat STPDIS read as SIPDIS"') in meta
    source = next(o for s, p, o in meta if p.endswith("wasDerivedFrom>"))
    assert source == f"<{B}source/{seed_cable(shared).source.sha256}>"
    assert (source, f"<{CKG}sourceFormat>", '"telegram-text"') in meta


def test_mapping_is_deterministic_and_has_no_blank_nodes(shared, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cable = seed_cable(shared)
    first = map_cable(cable).nquads()
    assert first == map_cable(cable).nquads()
    assert "_:" not in first
    assert '"2023-11-14T22:13:20Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in first
    quads = list(ox.parse(first.encode(), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(to_quads(cable))
    assert not any(isinstance(term, ox.BlankNode) for q in quads for term in q)


def test_base_iri_moves_data_but_not_vocabularies(shared):
    base = "http://example.org/kg/"
    _, data, meta = triples(seed_cable(shared), base)
    iris = {term for triple in data | meta for term in triple if term.startswith("<")}
    assert f"<{base}cable/07MUSCAT920>" in iris
    assert f"<{B}vocab/tag/PHUM>" in iris
    for iri in iris:
        assert iri.startswith((f"<{base}", f"<{B}vocab/", f"<{CKG}", *OTHER_VOCABULARIES))
        assert not iri.startswith(f"<{B}cable/")


def test_cable_without_id_still_gets_a_stable_iri(shared):
    cable = seed_cable(shared).with_changes(id=None)
    mapped, data, _ = triples(cable)
    assert mapped.cable.startswith(f"<{B}cable/unidentified-")
    assert mapped.cable == triples(cable)[0].cable
    assert not any(p == f"<{DCT}identifier>" and s == mapped.cable for s, p, o in data)


def test_a_date_that_is_not_iso_stays_a_plain_string(shared):
    _, data, _ = triples(seed_cable(shared).with_changes(date="29 SEP 07"))
    assert (f"<{B}cable/07MUSCAT920>", f"<{DCT}created>", '"29 SEP 07"') in data


def test_duplicate_or_missing_keys_get_positions(shared):
    cable = seed_cable(shared).with_changes(
        paragraphs=(Paragraph("a", 1), Paragraph("b", 1), Paragraph("c", None)),
        references=(Reference("MUSCAT 375", "07MUSCAT375"), Reference("STATE 1", "07STATE1")),
    )
    _, data, _ = triples(cable)
    subjects = {s for s, _, _ in data}
    for key in ("paragraph/07MUSCAT920-p1", "paragraph/07MUSCAT920-p2", "paragraph/07MUSCAT920-p3"):
        assert f"<{B}{key}>" in subjects
    assert f"<{B}reference/07MUSCAT920-r1>" in subjects
    assert f"<{B}reference/07MUSCAT920-r2>" in subjects


def test_unnumbered_text_is_a_text_block_and_labels_never_collide_with_positions(shared):
    # 09TRIPOLI197: a REF without label, then text the REF block swallowed under label "1".
    cable = seed_cable(shared).with_changes(
        paragraphs=(Paragraph("SUMMARY"), Paragraph("In an August 20 conversation ...", 1, "S/NF")),
        references=(
            Reference("STATE 16254", "09STATE16254"),
            Reference("We well report any substantive response septel. CRETZ", None, "1"),
        ),
    )
    _, data, _ = triples(cable)
    block, first = f"<{B}paragraph/07MUSCAT920-p1>", f"<{B}paragraph/07MUSCAT920-1>"
    assert (block, RDF_TYPE, f"<{CKG}TextBlock>") in data
    assert (first, RDF_TYPE, f"<{CKG}Paragraph>") in data
    position = "<https://schema.org/position>"
    integer = "^^<http://www.w3.org/2001/XMLSchema#integer>"
    assert (block, position, f'"1"{integer}') in data
    assert (first, position, f'"2"{integer}') in data
    texts = {s: o for s, p, o in data if p == "<https://schema.org/text>" and "reference/" in s}
    assert texts[f"<{B}reference/07MUSCAT920-r1>"] == '"STATE 16254"'
    assert texts[f"<{B}reference/07MUSCAT920-1>"].startswith('"We well report')


def test_addressees_are_addresses_keyed_by_their_plain_language(shared):
    cable = seed_cable(shared)
    _, data, _ = triples(cable)
    address = f"<{B}address/GULF_COOPERATION_COUNCIL_COLLECTIVE>"
    assert (f"<{B}cable/07MUSCAT920>", "<https://schema.org/ccRecipient>", address) in data
    assert (address, f"<{CKG}routingIndicator>", '"RUEHZM"') in data
    assert cable.info_recipients[0] == Addressee("GULF COOPERATION COUNCIL COLLECTIVE", "RUEHZM")


@pytest.mark.parametrize(
    ("origin", "station", "kind"),
    [
        ("AMEMBASSY MUSCAT", "MUSCAT", "Embassy"),
        ("AMCONSUL CASABLANCA", "CASABLANCA", "Consulate"),
        ("USMISSION USNATO", "USNATO", "Mission"),
        ("USEU BRUSSELS", "BRUSSELS", "Mission"),
        ("SECSTATE WASHDC", "STATE", "Department"),
        ("USINT HAVANA", "HAVANA", None),
    ],
)
def test_post_kind_from_the_fm_line(origin, station, kind):
    assert post_kind(origin, station) == kind


def test_keys_of_names_and_codes():
    assert name_key("Juma bin Ali al-Juma") == "juma-bin-ali-al-juma"
    assert name_key("Charge d'Affaires") == "charge-d-affaires"
    assert name_key("Salim bin Musallam") == name_key("SALIM BIN MUSALLAM")
    assert code_key("RICE, CONDOLEEZZA") == "RICE_CONDOLEEZZA"
    assert code_key("UNCLASSIFIED//FOR OFFICIAL USE ONLY") == "UNCLASSIFIED_FOR_OFFICIAL_USE_ONLY"


def test_cablegate_page_maps_with_its_tags_and_paragraphs(shared):
    page = shared / "corpus/cablegate/cable/2009/08/09CAIRO1495.html"
    _, data, _ = triples(cablegate_cable(page, shared))
    c = f"<{B}cable/09CAIRO1495>"
    assert (c, f"<{DCT}subject>", f"<{B}vocab/tag/KIRF>") in data
    five = '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert (f"<{B}paragraph/09CAIRO1495-5>", f"<{CKG}paragraphNumber>", five) in data
    assert (c, "<https://schema.org/sender>", f"<{B}post/CAIRO>") in data


def test_unlisted_caveats_are_described_with_the_cable(shared):
    # Caveats of 09STATE72112 (developer corpus): NOFORN is listed, REL TO USA, YEM is not.
    cable = seed_cable(shared).with_changes(caveats=("NOFORN", "REL TO USA, YEM"))
    _, data, _ = triples(cable)
    rel = f"<{B}vocab/caveat/REL_TO_USA_YEM>"
    noforn = f"<{B}vocab/caveat/NOFORN>"
    assert (f"<{B}cable/07MUSCAT920>", f"<{CKG}caveat>", rel) in data
    assert (rel, "<http://www.w3.org/2004/02/skos/core#notation>", '"REL TO USA, YEM"') in data
    assert (rel, "<http://www.w3.org/2004/02/skos/core#inScheme>", f"<{B}vocab/caveat>") in data
    assert not any(s == noforn for s, _, _ in data)


def test_what_entities_are_goes_to_the_entities_graph(shared):
    # 07MUSCAT920: Juma bin Ali al-Juma is Minister of Manpower; it cites MUSCAT 375.
    mapped = Mapper(B).map(seed_cable(shared))
    cable, described = set(mapped.triples), set(mapped.descriptions)
    assert mapped.entities_graph == f"<{B}graph/entities>"
    c, post = f"<{B}cable/07MUSCAT920>", f"<{B}post/MUSCAT>"
    juma = f"<{B}person/juma-bin-ali-al-juma>"
    minister = f"<{B}position/ministry-of-manpower--minister-of-manpower>"
    name = "<http://xmlns.com/foaf/0.1/name>"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    # What the cable says stays in its graph: sender, officials as it spells their names, the
    # positions it gives them with its titles.
    assert (c, "<https://schema.org/sender>", post) in cable
    assert (c, f"<{CKG}official>", juma) in cable
    assert (juma, name, '"Juma bin Ali al-Juma"') in cable
    assert (juma, "<http://www.w3.org/ns/org#holds>", minister) in cable
    assert (minister, label, '"Minister of Manpower"') in cable
    # What the entities are is described apart, once per output.
    assert (juma, RDF_TYPE, "<http://xmlns.com/foaf/0.1/Person>") in described
    ministry = f"<{B}agency/ministry-of-manpower>"
    assert (minister, "<http://www.w3.org/ns/org#postIn>", ministry) in described
    assert (post, f"<{CKG}stationCode>", '"MUSCAT"') in described
    assert (f"<{B}cable/07MUSCAT375>", f"<{DCT}identifier>", '"07MUSCAT375"') in described
    assert not any(p in (name, label) for _, p, _ in described)
    assert not cable & described
    quads = list(mapped.quads())
    assert {g for *_, g in quads} == {mapped.graph, mapped.entities_graph, mapped.metadata_graph}


def test_an_output_describes_each_entity_once(shared):
    cable = seed_cable(shared)
    other = cable.with_changes(id="07MUSCAT921")  # the same post, people and TAGS
    described = Described()
    mapper = Mapper(B)
    first, second = mapper.map(cable), mapper.map(other)
    assert len(described.new(first.descriptions)) == len(first.descriptions)
    fresh = described.new(second.descriptions)
    assert second.descriptions
    assert fresh == [d for d in second.descriptions if d not in set(first.descriptions)]
    text = second.nquads(fresh)
    assert f" {second.entities_graph} .\n" not in text
    assert text.count(f" {second.graph} .\n") == len(second.triples)
