"""The SHACL shapes of graph/shapes.ttl as SPARQL queries that find their violations.

Why: pySHACL reads the whole data graph into Python and checks it at about 67 ms per article
(2 hours at 100,000 articles, benchmarks/validate_cost.py). The same constraints as SPARQL run
inside the store, over the default graph (each fact once, graph/view.py), streamed by Oxigraph:
minutes, with flat memory. The shapes file stays the one source; this module compiles the
SHACL Core subset it uses and refuses anything else, so a new kind of constraint cannot be
silently ignored. tests/test_validate.py checks the result against pySHACL.

Supported: sh:targetClass; sh:path as an IRI or a sequence; sh:minCount 1; sh:maxCount;
sh:datatype, sh:class, sh:in, sh:nodeKind sh:IRI, sh:pattern, sh:minInclusive, sh:maxInclusive,
and sh:or of those; sh:message. Targets are the explicitly typed instances (the writer types
every node with each of its classes); sh:class follows rdfs:subClassOf as SHACL says.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from .terms import nt

_VALUE_KEYS = {SH.datatype, SH["class"], SH["in"], SH.nodeKind, SH.pattern, SH.minInclusive, SH.maxInclusive, SH["or"]}
_KNOWN = _VALUE_KEYS | {SH.path, SH.minCount, SH.maxCount, SH.message, SH.name, SH.description}


class UnsupportedShape(ValueError):
    """shapes.ttl uses a SHACL feature this compiler does not translate."""


FOCUS = "%FOCUS%"  # where a query's focus nodes go (see Check.sparql)


@dataclass
class Check:
    shape: str
    path: str  # as written in SPARQL
    constraint: str  # e.g. "minCount 1", "datatype xsd:date"
    message: str | None
    template: str  # SELECT ?focus ?value, one row per violation, with FOCUS to fill
    classes: tuple[URIRef, ...] = ()  # the target classes: the focus nodes are their instances
    batch_template: str | None = None  # the same for a batch of given nodes, where it differs

    def sparql(self, focus: list[str] | None = None, blank_only: bool = False) -> str:
        """The query over the focus nodes given (N-Triples IRIs), or over every instance of the
        target classes when none are given (`blank_only`: every blank-node instance, which a
        query cannot name). With given nodes every part of the query is bounded by them, so its
        memory is that of one batch."""
        if focus is None:
            only = " FILTER(isBlank(?focus))" if blank_only else ""
            every = (f"{{ SELECT DISTINCT ?focus WHERE {{ VALUES ?class {{ {' '.join(nt(c) for c in self.classes)} }} "
                     f"?focus a ?class{only} }} }}")
            return self.template.replace(FOCUS, every)
        return (self.batch_template or self.template).replace(FOCUS, f"{{ VALUES ?focus {{ {' '.join(focus)} }} }}")

    @property
    def query(self) -> str:
        return self.sparql()


def _steps(shapes: Graph, node) -> list[URIRef]:
    if isinstance(node, URIRef):
        return [node]
    if isinstance(node, BNode) and (node, RDF.first, None) in shapes:
        return [s for n in Collection(shapes, node) for s in _steps(shapes, n)]
    raise UnsupportedShape(f"sh:path {node!r}: only IRIs and sequences are compiled")


def _pattern(steps: list[URIRef], subject: str, obj: str) -> str:
    """A sequence path as a chain of triple patterns (a minCount check subtracts it with MINUS:
    Oxigraph ran `FILTER NOT EXISTS { ?f a/b ?v }` as a nested loop, 3.7 s at 200 articles)."""
    nodes = [subject] + [f"{obj}_step{i}" for i in range(1, len(steps))] + [obj]
    return " . ".join(f"{nodes[i]} {nt(p)} {nodes[i + 1]}" for i, p in enumerate(steps))


def _condition(shapes: Graph, key, value) -> str:
    """A SPARQL expression true when ?value satisfies the constraint."""
    if key == SH.datatype:
        return f"(isLiteral(?value) && DATATYPE(?value) = {nt(value)})"
    if key == SH["class"]:
        return f"EXISTS {{ ?value a ?type . ?type <http://www.w3.org/2000/01/rdf-schema#subClassOf>* {nt(value)} }}"
    if key == SH["in"]:
        return f"(?value IN ({', '.join(nt(v) for v in Collection(shapes, value))}))"
    if key == SH.nodeKind:
        if value != SH.IRI:
            raise UnsupportedShape(f"sh:nodeKind {value}: only sh:IRI is compiled")
        return "isIRI(?value)"
    if key == SH.pattern:
        return f"(!isBlank(?value) && REGEX(STR(?value), {nt(Literal(str(value)))}))"
    if key == SH.minInclusive:
        return f"(?value >= {nt(value)})"
    if key == SH.maxInclusive:
        return f"(?value <= {nt(value)})"
    if key == SH["or"]:
        parts = []
        for alt in Collection(shapes, value):
            conds = [(k, v) for k, v in shapes.predicate_objects(alt) if k in _VALUE_KEYS]
            if len(conds) != len(list(shapes.predicate_objects(alt))):
                raise UnsupportedShape("sh:or alternatives may hold only value constraints")
            parts.append("(" + " && ".join(_condition(shapes, k, v) for k, v in conds) + ")")
        return "(" + " || ".join(parts) + ")"
    raise UnsupportedShape(f"{key}: not compiled")


def compile_shapes(shapes: Graph) -> list[Check]:
    checks = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        classes = tuple(sorted(shapes.objects(shape, SH.targetClass), key=str))
        if not classes:
            raise UnsupportedShape(f"{shape}: only sh:targetClass targets are compiled")
        focus = FOCUS
        name = shapes.namespace_manager.normalizeUri(shape)
        for prop in shapes.objects(shape, SH.property):
            unknown = {p for p in shapes.predicates(prop)} - _KNOWN
            if unknown:
                raise UnsupportedShape(f"{name}: {', '.join(sorted(map(str, unknown)))} not compiled")
            steps = _steps(shapes, shapes.value(prop, SH.path))
            path = "/".join(nt(p) for p in steps)
            message = shapes.value(prop, SH.message)
            message = str(message) if message is not None else None
            label = shapes.namespace_manager.normalizeUri(shapes.value(prop, SH.path)) \
                if isinstance(shapes.value(prop, SH.path), URIRef) else path
            n = shapes.value(prop, SH.minCount)
            if n is not None:
                if int(n) != 1:
                    raise UnsupportedShape(f"{name}: sh:minCount {n} (only 1 is compiled)")
                # over the whole store MINUS is fastest (a hash anti-join, 0.3 against 2.7 s
                # at 2,000 articles); over a batch its side would be every node with the path,
                # so a batch asks OPTIONAL (a lookup per focus node)
                chain = _pattern(steps, '?focus', '?any')
                checks.append(Check(name, label, "minCount 1", message,
                                    f"SELECT ?focus (?none AS ?value) WHERE {{ {focus} MINUS {{ {chain} }} }}",
                                    classes, f"SELECT ?focus (?none AS ?value) WHERE {{ {focus} "
                                             f"OPTIONAL {{ {chain} }} FILTER(!BOUND(?any)) }}"))
            n = shapes.value(prop, SH.maxCount)
            if n is not None:
                checks.append(Check(name, label, f"maxCount {n}", message,
                                    f"SELECT ?focus (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {focus} "
                                    f"{_pattern(steps, '?focus', '?v')} }} "
                                    f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {int(n)})", classes))
            for key in sorted(_VALUE_KEYS, key=str):
                for value in shapes.objects(prop, key):
                    cond = _condition(shapes, key, value)
                    what = f"{shapes.namespace_manager.normalizeUri(key)} " + \
                           (shapes.namespace_manager.normalizeUri(value) if isinstance(value, URIRef) else "…")
                    checks.append(Check(name, label, what, message,
                                        f"SELECT DISTINCT ?focus ?value WHERE {{ {focus} "
                                        f"{_pattern(steps, '?focus', '?value')} "
                                        f"FILTER(!({cond})) }}", classes))
    return checks
