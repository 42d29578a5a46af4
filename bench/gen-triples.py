#!/usr/bin/env python3
"""Writes N generated N-Triples (default 1,000,000) to standard output, for bench/stores.sh.

The shape resembles newsgraph's own graphs at scale: documents with text spans (offsets, anchor
text), actors with labels and types, and links between them, in a namespace of its own
(http://bench.example.org/) so that the sample questions still find only the sample's answers.
Deterministic: the same N gives the same bytes.
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
B = "http://bench.example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
words = ("summit talks trade sanctions border treaty alliance visit aid railway port energy "
         "minister president delegation security partnership dialogue cooperation").split()
out = sys.stdout
written = 0
i = 0
while written < n:
    doc = f"<{B}doc/{i // 50}>"
    span = f"<{B}doc/{i // 50}#span-{i}>"
    actor = f"<{B}actor/{i % 20000}>"
    text = " ".join(words[(i + k) % len(words)] for k in range(3 + i % 5))
    lines = [
        f"{span} {RDF_TYPE} <{NIF}Phrase> .",
        f"{span} <{NIF}referenceContext> {doc} .",
        f'{span} <{NIF}beginIndex> "{i % 5000}"^^<{XSD}nonNegativeInteger> .',
        f'{span} <{NIF}anchorOf> "{text} {i}" .',
        f"{span} <{B}mentions> {actor} .",
    ]
    if i < 20000:
        lines.append(f'{actor} {LABEL} "Actor {i}" .')
        lines.append(f"{actor} {RDF_TYPE} <{B}Actor> .")
        lines.append(f"{actor} <{B}relatedTo> <{B}actor/{(i * 7 + 1) % 20000}> .")
    for line in lines:
        if written >= n:
            break
        out.write(line + "\n")
        written += 1
    i += 1
