#!/usr/bin/env python3
"""Turn the newsgraph ontology (Turtle) into a Graphviz DOT diagram.

    python3 tools/ontology2dot.py [ontology/newsgraph.ttl] > docs/ontology.dot
    dot -Tsvg docs/ontology.dot -o docs/ontology.svg
    (or: python3 tools/ontology2dot.py | dot -Tsvg -o docs/ontology.svg)

Classes of the ontology are boxes (external super-classes from SEM, schema.org, FOAF, PROV-O, NIF,
SKOS are grey dashed boxes), rdfs:subClassOf is a hollow-arrow edge, and every owl:ObjectProperty
with a named rdfs:domain and rdfs:range is a labelled edge domain -> range (several properties with
the same domain and range share one edge). Named individuals are ellipses linked to their class.
Parses the Turtle by shelling out to `rapper -o ntriples` (raptor2-utils). Standard library only.
Output is deterministic.
"""

import re
import subprocess
import sys

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
PREFIXES = [
    ("ng", "https://w3id.org/newsgraph/ns#"),
    ("sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"),
    ("schema", "http://schema.org/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("owl", OWL),
    ("rdfs", RDFS),
]
NG = PREFIXES[0][1]
LINE = re.compile(r'^(<[^>]*>|_:\S+) <([^>]*)> (<[^>]*>|_:\S+|".*) \.$')


def qname(iri):
    for p, ns in PREFIXES:
        if iri.startswith(ns):
            return "%s:%s" % (p, iri[len(ns):])
    return iri


def load(path):
    nt = subprocess.run(["rapper", "-q", "-i", "turtle", "-o", "ntriples", path],
                        check=True, capture_output=True, text=True).stdout
    triples = []
    for line in nt.splitlines():
        m = LINE.match(line.strip())
        if not m:
            continue
        s, p, o = m.groups()
        strip = lambda x: x[1:-1] if x.startswith("<") else x
        triples.append((strip(s), p, strip(o) if not o.startswith('"') else o))
    return triples


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "ontology/newsgraph.ttl"
    triples = load(path)
    types, sub, dom, rng, indiv = {}, set(), {}, {}, []
    for s, p, o in triples:
        if p == RDF + "type":
            types.setdefault(s, set()).add(o)
        elif p == RDFS + "subClassOf" and not o.startswith("_:"):
            sub.add((s, o))
        elif p == RDFS + "domain" and not o.startswith("_:"):
            dom[s] = o
        elif p == RDFS + "range" and not o.startswith("_:"):
            rng[s] = o
    classes = sorted(s for s, t in types.items() if OWL + "Class" in t and s.startswith(NG))
    objprops = sorted(s for s, t in types.items() if OWL + "ObjectProperty" in t and s.startswith(NG))
    for s, t in sorted(types.items()):
        if OWL + "NamedIndividual" in t and s.startswith(NG):
            for c in sorted(t - {OWL + "NamedIndividual"}):
                indiv.append((s, c))

    nodes = set(classes)
    edges = []
    for s, o in sorted(sub):
        if s in nodes:
            edges.append((s, o, None, "sub"))
    prop_edges = {}
    for p in objprops:
        d, r = dom.get(p), rng.get(p)
        if d and r and not (d.startswith("http://www.w3.org/2001/XMLSchema#")):
            prop_edges.setdefault((d, r), []).append(qname(p))
    ext = set()
    for s, o, _, _ in edges:
        if o not in nodes:
            ext.add(o)
    for (d, r) in prop_edges:
        for x in (d, r):
            if x not in nodes:
                ext.add(x)

    out = ["digraph newsgraph {",
           '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.6, '
           'label="newsgraph ontology (ng:)", labelloc=t];',
           '  node [shape=box, style="rounded,filled", fillcolor="#eef4fb", color="#3b6ea5", '
           'fontname="Helvetica", fontsize=10];',
           '  edge [fontname="Helvetica", fontsize=8];']
    for c in classes:
        out.append('  "%s" [label="%s"];' % (qname(c), qname(c)))
    for c in sorted(ext):
        out.append('  "%s" [label="%s", style="dashed,filled", fillcolor="#f2f2f2", color="#888888"];'
                   % (qname(c), qname(c)))
    for i, c in indiv:
        out.append('  "%s" [label="%s", shape=ellipse, fillcolor="#fdf3e1", color="#b07a1e"];'
                   % (qname(i), qname(i)))
    for s, o, _, _ in edges:
        out.append('  "%s" -> "%s" [arrowhead=onormal, color="#555555"];' % (qname(s), qname(o)))
    for i, c in indiv:
        out.append('  "%s" -> "%s" [style=dotted, arrowhead=none, color="#b07a1e"];' % (qname(i), qname(c)))
    for (d, r), names in sorted(prop_edges.items()):
        out.append('  "%s" -> "%s" [label="%s", color="#a0392b", fontcolor="#a0392b", '
                   'constraint=false];' % (qname(d), qname(r), "\\n".join(sorted(names))))
    out.append("}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
