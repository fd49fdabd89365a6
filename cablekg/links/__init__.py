"""Links from the graph to Wikidata, GeoNames, DBpedia and the Office of the Historian."""
