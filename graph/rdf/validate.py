"""SHACL validation of the article graphs against ontology/shapes.ttl, with pySHACL.

The shapes need RDFS inference (events are typed only with subclasses, and a
wrong object of a property shows up through the property's range; see the head
of shapes.ttl). pySHACL's own ``inference="rdfs"`` runs OWL-RL's closure in pure
Python, which took minutes on the corpus; here the same entailments the shapes
rely on are computed by Oxigraph's SPARQL engine instead (sub-properties,
domains, ranges, sub-classes), and pySHACL checks the result with no inference
of its own. :func:`validate_rdfs` keeps the slow way, to compare against.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
import rdflib.collection
from pyshacl import validate as shacl_validate
from rdflib.namespace import NamespaceManager

from graph.ontology_files import ontology_dir
from graph.rdf.export import export
from graph.rdf.store import GraphStore
from graph.rdf.vocab import PREFIXES as VOCAB_PREFIXES

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

# The RDFS rules the shapes depend on, as SPARQL over (data + ontology):
# rdfs5/7 (sub-properties), rdfs2/3 (domain, range) and rdfs9/11 (sub-classes).
SUB_PROPERTIES = """
CONSTRUCT { ?s ?super ?o } WHERE {
  ?p rdfs:subPropertyOf+ ?super . ?s ?p ?o
}"""
DOMAIN_RANGE = """
CONSTRUCT { ?x a ?c } WHERE {
  { ?p rdfs:domain ?c . ?x ?p ?o }
  UNION
  { ?p rdfs:range ?c . ?s ?p ?x FILTER(!isLiteral(?x)) }
}"""
SUPER_CLASSES = """
CONSTRUCT { ?x a ?super } WHERE {
  ?c rdfs:subClassOf+ ?super . ?x a ?c
}"""
PREFIXES = {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def data_graph(store: GraphStore) -> rdflib.Graph:
    """The union of the article graphs as an rdflib graph (through N-Triples)."""
    return _to_rdflib(_union_store(store))


def _union_store(store: GraphStore) -> ox.Store:
    """The union of the article graphs in an in-memory Oxigraph store."""
    buf = io.BytesIO()
    export(store, buf, "ntriples", mention_articles=False)   # the mentions as stored, to be checked
    union = ox.Store()
    union.bulk_load(buf.getvalue(), ox.RdfFormat.N_TRIPLES)
    return union


class _KnownPrefixes(NamespaceManager):
    """Names IRIs with the prefixes bound, and writes any other IRI in full.

    rdflib's own manager adds the namespace of every IRI it names to a trie
    (one per mention and span here), which grows the cost of each new name
    with the number named before: most of pySHACL's time on the corpus went
    there, writing the messages of failed alternatives of sh:or / sh:xone.
    """

    def normalizeUri(self, rdfTerm: str) -> str:  # noqa: N802, N803 - rdflib's name
        if isinstance(rdfTerm, rdflib.Variable):
            return f"?{rdfTerm}"
        for prefix, namespace in self._known:
            if rdfTerm.startswith(namespace):
                local = rdfTerm[len(namespace):]
                if local and all(c.isalnum() or c in "_-" for c in local):
                    return f"{prefix}:{local}"
        return f"<{rdfTerm}>"

    @property
    def _known(self) -> list[tuple[str, str]]:
        if not hasattr(self, "_known_cache"):
            self._known_cache = sorted(((p, str(n)) for p, n in self.namespaces()), key=lambda pn: -len(pn[1]))
        return self._known_cache


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _to_rdflib(store: ox.Store) -> rdflib.Graph:
    """The default graph of ``store`` as an rdflib graph, term by term: rdflib's N-Triples
    parser (pure Python) took twice as long for the same graph."""
    graph = rdflib.Graph()
    graph.namespace_manager = _KnownPrefixes(graph)
    for prefix, namespace in VOCAB_PREFIXES.items():
        graph.bind(prefix, namespace)
    terms: dict = {}

    def term(t):
        found = terms.get(t)
        if found is None:
            if isinstance(t, ox.NamedNode):
                found = rdflib.URIRef(t.value)
            elif isinstance(t, ox.BlankNode):
                found = rdflib.BNode(t.value)
            elif t.language:
                found = rdflib.Literal(t.value, lang=t.language)
            else:     # a plain string is xsd:string in RDF 1.1, no datatype in rdflib, as the parser gives it
                found = rdflib.Literal(t.value, datatype=None if t.datatype.value == XSD_STRING
                                       else rdflib.URIRef(t.datatype.value))
            terms[t] = found
        return found

    graph.addN((term(q.subject), term(q.predicate), term(q.object), graph)
               for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return graph


def entailed(data: ox.Store, ontology: Path, wanted: set[str] | None = None) -> ox.Store:
    """``data`` with the RDFS entailments the shapes use added, in place.

    The rules run over the data and the ontology together; what they entail is
    added to ``data`` (the ontology itself is not). With ``wanted`` (the IRIs
    the shapes name), only entailed triples whose predicate, and for
    ``rdf:type`` whose class, the shapes name are kept: the others (schema:,
    prov: super-classes ...) cannot change a result, and pySHACL's time grows
    with the size of the graph.
    """
    work = ox.Store()
    work.bulk_extend(data.quads_for_pattern(None, None, None))
    work.bulk_load(path=str(ontology), format=ox.RdfFormat.TURTLE)
    inferred = set()
    for rule in (SUB_PROPERTIES, DOMAIN_RANGE, SUPER_CLASSES):   # in this order: each feeds the next
        triples = [t for t in work.query(rule, prefixes=PREFIXES)]
        work.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        inferred.update(triples)
    keep = (lambda t: t.predicate.value in wanted and (t.predicate != RDF_TYPE or t.object.value in wanted)) \
        if wanted is not None else (lambda t: True)
    data.extend(ox.Quad(t.subject, t.predicate, t.object) for t in inferred if keep(t))
    return data


def named_iris(graph: rdflib.Graph) -> set[str]:
    """Every IRI a graph names, as subject, predicate or object."""
    return {str(term) for triple in graph for term in triple if isinstance(term, rdflib.URIRef)}


def ontology_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(ontology_dir() / "uscn.ttl", format="turtle")
    return graph


def shapes_graph(shapes: Path | None) -> rdflib.Graph:
    return rdflib.Graph().parse(shapes or ontology_dir() / "shapes.ttl", format="turtle")


def validate(store: GraphStore, shapes: Path | None = None) -> tuple[bool, list[str]]:
    """(conforms, one line per violation: focus node, path, message)."""
    shapes_g = shapes_graph(shapes)
    data = entailed(_union_store(store), ontology_dir() / "uscn.ttl", named_iris(shapes_g))
    lines = []
    for choice in class_choices(shapes_g):
        lines.extend(choice.violations(data))
        shapes_g.remove((choice.owner, choice.kind, None))     # checked here: pySHACL need not
    for simple in simple_properties(shapes_g):
        lines.extend(simple.violations(data))
        shapes_g.remove((simple.node_shape, SH.property, simple.owner))
    conforms, results, _ = shacl_validate(_to_rdflib(data), shacl_graph=shapes_g, inference="none",
                                          allow_warnings=True, inplace=True)
    lines.extend(result_lines(results))
    return bool(conforms) and not lines, sorted(lines)


@dataclass(frozen=True)
class ClassChoice:
    """A constraint that a node is an instance of exactly one (``sh:xone``) or at
    least one (``sh:or``) of some classes: a list of shapes that are each only
    ``sh:class``, on a node shape's targets or on the values of one of its
    property shapes (``path``). One SPARQL query over the entailed types checks
    it, where pySHACL tries every class on every node and writes a result for
    every miss (most of its time on the corpus).
    """
    owner: rdflib.term.Node          # the shape that holds the list (node or property shape)
    kind: rdflib.URIRef              # SH.xone or SH["or"]
    targets: "Targets"
    path: str | None
    classes: tuple[str, ...]
    message: str

    def query(self) -> str:
        values = lambda names: " ".join(f"<{n}>" for n in names)
        focus = focus_nodes(self.targets)
        if self.path:
            focus += f" ?x <{self.path}> ?v ."
        else:
            focus += " BIND(?x AS ?v)"
        if self.kind == SH.xone:
            return (f"SELECT ?x ?v (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {focus} "
                    f"OPTIONAL {{ VALUES ?c {{ {values(self.classes)} }} ?v a ?c }} }} GROUP BY ?x ?v HAVING (COUNT(DISTINCT ?c) != 1)")
        return (f"SELECT DISTINCT ?x ?v WHERE {{ {focus} "
                f"FILTER NOT EXISTS {{ VALUES ?c {{ {values(self.classes)} }} ?v a ?c }} }}")

    def violations(self, data: ox.Store) -> list[str]:
        """One line per focus node and value that breaks the constraint, as pySHACL writes them."""
        return [f"{_plain(sol['x'])}  {self.path or ''}  {self.message}" for sol in data.query(self.query())]


def _plain(term) -> str:
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _class_list(shapes: rdflib.Graph, members) -> tuple[str, ...] | None:
    """The classes of a list of shapes that each say only ``sh:class C``, else None."""
    classes = []
    for member in rdflib.collection.Collection(shapes, members):
        described = {p for p, _ in shapes.predicate_objects(member)} - {rdflib.RDF.type}
        cls = list(shapes.objects(member, SH["class"]))
        if described != {SH["class"]} or len(cls) != 1:
            return None
        classes.append(str(cls[0]))
    return tuple(classes) or None


#: A node shape's targets: (the classes of sh:targetClass, the properties of sh:targetSubjectsOf).
Targets = tuple[tuple[str, ...], tuple[str, ...]]


def _class_targets(shapes: rdflib.Graph, shape) -> Targets | None:
    """A node shape's target classes and target subjects-of properties when it has no other kind
    of target, else None. (Mentions are reached as the subjects of uscn:refersTo: a store writes
    no rdf:type for them.)"""
    if any((shape, p, None) in shapes for p in (SH.targetNode, SH.targetObjectsOf)):
        return None
    classes = tuple(str(t) for t in shapes.objects(shape, SH.targetClass))
    subjects_of = tuple(str(p) for p in shapes.objects(shape, SH.targetSubjectsOf))
    if not all(isinstance(p, rdflib.URIRef) for p in shapes.objects(shape, SH.targetSubjectsOf)):
        return None
    return (classes, subjects_of) if classes or subjects_of else None


def focus_nodes(targets: Targets) -> str:
    """A SPARQL group binding ``?x`` to each focus node of the targets, once."""
    classes, subjects_of = targets
    parts = [f"{{ VALUES ?t {{ {' '.join(f'<{c}>' for c in classes)} }} ?x a ?t }}"] if classes else []
    parts += [f"{{ ?x <{p}> ?target_value }}" for p in subjects_of]
    return f"{{ SELECT DISTINCT ?x WHERE {{ {' UNION '.join(parts)} }} }}"


def class_choices(shapes: rdflib.Graph) -> list[ClassChoice]:
    """The constraints of ``shapes`` that :class:`ClassChoice` can check.

    Only where nothing else could change the outcome: the list is the only
    logical constraint of its kind on that shape, the shape is not deactivated,
    a property shape's path is one IRI and its node shape targets only classes and subjects of
    properties.
    """
    found = []
    for kind in (SH.xone, SH["or"]):
        for owner, members in shapes.subject_objects(kind):
            classes = _class_list(shapes, members)
            if classes is None or len(list(shapes.objects(owner, kind))) != 1 \
                    or (owner, SH.deactivated, rdflib.Literal(True)) in shapes:
                continue
            path = shapes.value(owner, SH.path)
            if path is None:
                node_shape, path = owner, None
            elif isinstance(path, rdflib.URIRef):
                node_shape = shapes.value(predicate=SH.property, object=owner)
            else:
                continue
            targets = _class_targets(shapes, node_shape) if node_shape is not None else None
            if not targets:
                continue
            message = shapes.value(owner, SH.message)
            found.append(ClassChoice(owner, kind, targets, str(path) if path else None, classes,
                                     str(message) if message else f"must be an instance of "
                                     f"{'exactly' if kind == SH.xone else 'at least'} one of {', '.join(classes)}"))
    return found


XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
#: What a property shape may say to be checked by :class:`SimpleProperty` (with the values below).
_SIMPLE = {SH.minCount, SH.maxCount, SH.nodeKind, SH["class"], SH.datatype, SH.minInclusive, SH.maxInclusive,
           SH.minLength, SH.lessThan}
_DESCRIBING = {SH.path, SH.message, SH.name, SH.description, rdflib.RDF.type}


@dataclass(frozen=True)
class SimpleProperty:
    """A property shape made only of the simplest core constraints (counts, an IRI node kind,
    a class, an integer or string datatype, bounds, a length, lessThan), on an IRI path of a
    node shape that targets classes and subjects of properties. One SPARQL query per constraint
    finds what pySHACL would report, one line per result as it writes them: pySHACL evaluates such a shape once per
    focus node in Python, which for the tens of thousands of mention and evidence spans of
    the corpus was most of its time.
    """
    owner: rdflib.term.Node          # the property shape
    node_shape: rdflib.term.Node
    targets: Targets
    path: str
    constraints: tuple[tuple[str, str], ...]     # (local name of the component, value as SPARQL)
    message: str

    def queries(self) -> list[str]:
        focus = focus_nodes(self.targets)
        template = f"SELECT ?x ?v WHERE {{ {focus} ?x <{self.path}> ?v FILTER (CONDITION) }}"
        each = lambda condition: template.replace("CONDITION", condition)   # noqa: E731
        out = []
        for name, value in self.constraints:
            if name in ("minCount", "maxCount"):
                op = "<" if name == "minCount" else ">"
                out.append(f"SELECT ?x WHERE {{ {focus} OPTIONAL {{ ?x <{self.path}> ?v }} }} "
                           f"GROUP BY ?x HAVING (COUNT(DISTINCT ?v) {op} {value})")
            elif name == "nodeKind":
                out.append(each("!isIRI(?v)"))
            elif name == "class":
                out.append(each(f"NOT EXISTS {{ ?v a {value} }}"))
            elif name == "datatype" and value == f"<{XSD.string}>":
                out.append(each(f"!isLiteral(?v) || lang(?v) != \"\" || datatype(?v) != {value}"))
            elif name == "datatype":                                  # xsd:integer, well-formed
                out.append(each(f"!isLiteral(?v) || datatype(?v) != {value} "
                                       f"|| !COALESCE(isNumeric({value}(STR(?v))), false)"))
            elif name in ("minInclusive", "maxInclusive"):
                op = ">=" if name == "minInclusive" else "<="
                out.append(each(f"!COALESCE(?v {op} {value}, false)"))
            elif name == "minLength":
                out.append(each(f"isBlank(?v) || STRLEN(STR(?v)) < {value}"))
            elif name == "lessThan":
                out.append(f"SELECT ?x ?v WHERE {{ {focus} ?x <{self.path}> ?v . ?x {value} ?w "
                           f"FILTER (!COALESCE(?v < ?w, false)) }}")
        return out

    def violations(self, data: ox.Store) -> list[str]:
        """One line per result (per focus node for counts, per value else), as pySHACL writes them."""
        return [f"{_plain(sol['x'])}  {self.path}  {self.message}"
                for query in self.queries() for sol in data.query(query)]


def simple_properties(shapes: rdflib.Graph) -> list[SimpleProperty]:
    """The property shapes of ``shapes`` that :class:`SimpleProperty` checks exactly as pySHACL:
    each constraint one of those it knows with a value it knows, a message of its own (else
    pySHACL writes one per constraint), one sh:property link, on a node shape of class and
    subjects-of targets only; anything else is left to pySHACL."""
    found = []
    for node_shape, owner in shapes.subject_objects(SH.property):
        said = {p for p, _ in shapes.predicate_objects(owner)}
        path, message = shapes.value(owner, SH.path), shapes.value(owner, SH.message)
        if not said <= _SIMPLE | _DESCRIBING or not isinstance(path, rdflib.URIRef) or message is None \
                or len(list(shapes.subjects(None, owner))) != 1 or len(list(shapes.objects(owner, SH.message))) != 1 \
                or (node_shape, SH.deactivated, rdflib.Literal(True)) in shapes:
            continue
        targets = _class_targets(shapes, node_shape)
        constraints = []
        for component in sorted(said & _SIMPLE):
            values = list(shapes.objects(owner, component))
            value = values[0]
            known = len(values) == 1 and (
                component in (SH.minCount, SH.maxCount, SH.minLength) and isinstance(value, rdflib.Literal)
                and value.datatype == XSD.integer
                or component == SH.nodeKind and value == SH.IRI
                or component in (SH["class"], SH.lessThan) and isinstance(value, rdflib.URIRef)
                or component == SH.datatype and value in (XSD.integer, XSD.string)
                or component in (SH.minInclusive, SH.maxInclusive) and isinstance(value, rdflib.Literal)
                and value.datatype in (XSD.integer, XSD.decimal))
            if not known:
                break
            constraints.append((component.rsplit("#", 1)[-1], value.n3()))
        else:
            if targets:
                found.append(SimpleProperty(owner, node_shape, targets, str(path), tuple(constraints), str(message)))
    return found


def validate_rdfs(store: GraphStore, shapes: Path | None = None) -> tuple[bool, list[str]]:
    """The same check with pySHACL's own RDFS inference (OWL-RL): slow, kept as the reference."""
    conforms, results, _ = shacl_validate(data_graph(store), shacl_graph=shapes_graph(shapes),
                                          ont_graph=ontology_graph(), inference="rdfs",
                                          allow_warnings=True)
    return bool(conforms), result_lines(results)


def result_lines(results: rdflib.Graph) -> list[str]:
    """One sorted line per validation result: focus node, path, message."""
    lines = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        message = results.value(r, SH.resultMessage)
        lines.append(f"{focus}  {path_text(results, path)}  {message}")
    return sorted(lines)


def path_text(graph: rdflib.Graph, path) -> str:
    """A SHACL property path as text: an IRI, or (a|b), a/b, ^a, a* ... for the complex
    ones (rather than the id of a blank node, which differs from run to run)."""
    if path is None:
        return ""
    if not isinstance(path, rdflib.BNode):
        return str(path)
    if (path, rdflib.RDF.first, None) in graph:
        return "/".join(path_text(graph, p) for p in rdflib.collection.Collection(graph, path))
    for predicate, form in ((SH.alternativePath, "({})"), (SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                            (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            if predicate == SH.alternativePath:
                return form.format("|".join(path_text(graph, p) for p in rdflib.collection.Collection(graph, inner)))
            return form.format(path_text(graph, inner))
    return str(path)
