"""Links from the graph to Wikidata, GeoNames, DBpedia and the Office of the Historian.

The link tables ship in `data/links/` (see its README); this package reads them, resolves the
officials named in cables, and writes each link set as a named graph with a VoID description.
"""

from cablekg.links.linksets import LINKSETS, Iris, cable_links, write_nquads
from cablekg.links.officials import OfficialLink, resolve, resolve_cable, resolve_titled
from cablekg.links.report import report
from cablekg.links.tables import countries, organization, organizations, post_by_address, posts

__all__ = [
    "LINKSETS",
    "Iris",
    "OfficialLink",
    "cable_links",
    "countries",
    "organization",
    "organizations",
    "post_by_address",
    "posts",
    "report",
    "resolve",
    "resolve_cable",
    "resolve_titled",
    "write_nquads",
]
