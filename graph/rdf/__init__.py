"""RDF: the ontology's namespace, triples from extractions, the store, export and SPARQL."""
