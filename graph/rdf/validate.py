"""SHACL validation of the article graphs against ontology/shapes.ttl, with pySHACL."""
from __future__ import annotations

from pathlib import Path

import rdflib
from pyshacl import validate as shacl_validate

from graph.ontology_files import ontology_dir
from graph.rdf.export import export
from graph.rdf.store import GraphStore

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def data_graph(store: GraphStore) -> rdflib.Graph:
    """The union of the article graphs as an rdflib graph (through N-Triples)."""
    import io
    buf = io.BytesIO()
    export(store, buf, "ntriples")
    graph = rdflib.Graph()
    graph.parse(data=buf.getvalue(), format="nt")
    return graph


def ontology_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(ontology_dir() / "uscn.ttl", format="turtle")
    return graph


def validate(store: GraphStore, shapes: Path | None = None) -> tuple[bool, list[str]]:
    """(conforms, one line per violation: focus node, path, message)."""
    shapes_graph = rdflib.Graph().parse(shapes or ontology_dir() / "shapes.ttl", format="turtle")
    conforms, results, _ = shacl_validate(data_graph(store), shacl_graph=shapes_graph,
                                          ont_graph=ontology_graph(), inference="rdfs",
                                          allow_warnings=True)
    lines = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        message = results.value(r, SH.resultMessage)
        lines.append(f"{focus}  {path or ''}  {message}")
    return bool(conforms), sorted(lines)
