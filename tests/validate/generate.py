#!/usr/bin/env python3
"""Writes the graphs of tests/validate/: valid.ttl, which follows the graph contract and must
validate with no violation, and one broken copy per check of queries/checks/, each with exactly
one defect.  The first "# expect:" line of each file names the one rule it must violate (none
for valid.ttl); test_query.c runs `ng_validate` on every file and compares.

Run it from this directory after changing the control graph: python3 generate.py
"""
text = "Zoë Åberg met Xi Jinping — 😀 — at the summit in Geneva.\nAnalysts say the talks may resume."
def cp(sub, start=0):
    i = text.index(sub, start)
    return i, i + len(sub)
A = "https://example.org/news/"
def span(b, e):
    return f"<{A}a1#char={b},{e}>"
s1 = text.split("\n")[0]; s2 = text.split("\n")[1]
S1 = cp(s1); S2 = cp(s2)
zoe = cp("Zoë Åberg"); xi = cp("Xi Jinping"); summit = cp("summit"); analysts = cp("Analysts")
out = []
w = out.append
w("# A small graph that follows the contract and validates with no violation: the control for")
w("# the broken graphs beside it.  Its text holds 2-, 3- and 4-byte UTF-8 characters (ë, —, 😀)")
w("# so that offsets counted in bytes or UTF-16 units, not code points, would show.")
w("# expect: none")
w("@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .")
w("@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .")
w("@prefix schema: <http://schema.org/> .")
w("@prefix sem:    <http://semanticweb.cs.vu.nl/2009/11/sem/> .")
w("@prefix prov:   <http://www.w3.org/ns/prov#> .")
w("@prefix foaf:   <http://xmlns.com/foaf/0.1/> .")
w("@prefix nif:    <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .")
w("@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .")
w("@prefix ng:     <https://w3id.org/newsgraph/ns#> .")
w("")
def offs(b, e):
    return f'nif:beginIndex "{b}"^^xsd:nonNegativeInteger ; nif:endIndex "{e}"^^xsd:nonNegativeInteger'
w(f"<{A}a1> a schema:NewsArticle, nif:Context, nif:String ;")
w(f'    schema:name "a1.txt" ; schema:headline "Zoë Åberg meets Xi" ;')
w(f'    {offs(0, len(text))} ;')
esc = text.replace("\n", "\\n")
w(f'    nif:isString "{esc}" .')
w("")
for (b, e), anchor, extra in [(S1, s1, "nif:Sentence, nif:Structure, "), (S2, s2, "nif:Sentence, nif:Structure, ")]:
    w(f"{span(b, e)} a {extra}nif:OffsetBasedString, nif:String ;")
    w(f'    nif:anchorOf "{anchor}" ; {offs(b, e)} ;')
    w(f"    nif:referenceContext <{A}a1> .")
    w("")
for (b, e), anchor, who in [(zoe, "Zoë Åberg", "zoe"), (xi, "Xi Jinping", "xi"), (analysts, "Analysts", "analysts")]:
    w(f"{span(b, e)} a nif:Phrase, nif:Structure, nif:OffsetBasedString, nif:String ;")
    w(f'    nif:anchorOf "{anchor}" ; {offs(b, e)} ;')
    w(f"    nif:referenceContext <{A}a1> ;")
    w(f"    itsrdf:taIdentRef <{A}actor/{who}> .")
    w("")
b, e = summit
w(f"{span(b, e)} a nif:Phrase, nif:Structure, nif:OffsetBasedString, nif:String ;")
w(f'    nif:anchorOf "summit" ; {offs(b, e)} ;')
w(f"    nif:referenceContext <{A}a1> .")
w("")
w(f"<{A}actor/zoe> a sem:Actor, ng:Actor, ng:Person, schema:Person, foaf:Person ;")
w(f'    rdfs:label "Zoë Åberg" ; ng:mentionCount "1"^^xsd:nonNegativeInteger ;')
w(f"    ng:partnerOf <{A}actor/xi> .")
w(f"<{A}actor/xi> a sem:Actor, ng:Actor, ng:Person, schema:Person, foaf:Person ;")
w(f'    rdfs:label "Xi Jinping" ; ng:mentionCount "1"^^xsd:nonNegativeInteger .')
w(f"<{A}actor/analysts> a sem:Actor, ng:Actor, ng:Group, foaf:Group ;")
w(f'    rdfs:label "Analysts" ; ng:mentionCount "1"^^xsd:nonNegativeInteger .')
w("")
w(f"<{A}event/summit> a sem:Event, schema:Event, ng:Event, ng:Summit ;")
w(f'    rdfs:label "summit" ;')
w(f"    sem:hasActor <{A}actor/zoe>, <{A}actor/xi> ;")
w(f"    prov:wasDerivedFrom {span(*summit)} .")
w("")
w(f"<{A}claim/c1> a schema:Claim, ng:Claim, ng:PredictionClaim ;")
w(f'    schema:text "{s2}" ;')
w(f"    schema:author <{A}actor/analysts> ;")
w(f"    schema:about <{A}event/summit> ;")
w(f"    ng:modality ng:Hedged ;")
w(f"    ng:polarity ng:Affirmed ;")
w(f"    prov:wasDerivedFrom {span(*S2)} .")

valid = "\n".join(out) + "\n"
open("valid.ttl", "w").write(valid)

def variant(name, rule, why, old, new, count=1):
    body = valid.split("# expect: none\n", 1)[1]
    assert body.count(old) == count, (name, old, body.count(old))
    body = body.replace(old, new)
    head = f"# Broken on purpose: {why}\n# expect: {rule}\n"
    open(name + ".ttl", "w").write(head + body)

ev = f"<{A}event/summit> a sem:Event, schema:Event, ng:Event, ng:Summit ;"
variant("undeclared-class", "class-declared",
        "the event is typed with a class no vocabulary declares (ng:Sumit).",
        ev, ev.replace("ng:Summit ;", "ng:Summit, ng:Sumit ;"))
variant("undeclared-property", "property-declared",
        "an actor uses a property no vocabulary declares (ng:mentionTotal).",
        f'    rdfs:label "Xi Jinping" ;', f'    rdfs:label "Xi Jinping" ; ng:mentionTotal 1 ;')
variant("domain", "domain",
        "the event has ng:mentionCount, whose domain is ng:Actor.",
        f'    rdfs:label "summit" ;', f'    rdfs:label "summit" ; ng:mentionCount "1"^^xsd:nonNegativeInteger ;')
variant("range-class", "range-class",
        "ng:partnerOf (range ng:Actor) points at the claim, which is no actor.",
        f"    ng:partnerOf <{A}actor/xi> .", f"    ng:partnerOf <{A}actor/xi>, <{A}claim/c1> .")
variant("range-datatype", "range-datatype",
        "ng:mentionCount (range xsd:nonNegativeInteger) is the plain string \"one\".",
        f'    rdfs:label "Analysts" ; ng:mentionCount "1"^^xsd:nonNegativeInteger .',
        f'    rdfs:label "Analysts" ; ng:mentionCount "one" .')
variant("event-without-actor", "event-has-actor",
        "the event has no sem:hasActor.",
        f"    sem:hasActor <{A}actor/zoe>, <{A}actor/xi> ;\n", "")
variant("event-without-span", "event-has-span",
        "the event has no prov:wasDerivedFrom span.",
        f'    sem:hasActor <{A}actor/zoe>, <{A}actor/xi> ;\n    prov:wasDerivedFrom {span(*summit)} .',
        f'    sem:hasActor <{A}actor/zoe>, <{A}actor/xi> .')
variant("claim-without-text", "claim-has-text",
        "the claim has no schema:text.", f'    schema:text "{s2}" ;\n', "")
variant("claim-without-author", "claim-has-author",
        "the claim has no schema:author.", f"    schema:author <{A}actor/analysts> ;\n", "")
variant("claim-without-modality", "claim-has-modality",
        "the claim has no ng:modality.", "    ng:modality ng:Hedged ;\n", "")
variant("claim-without-span", "claim-has-span",
        "the claim's span lacks nif:anchorOf, so it is no evidence.",
        f'    nif:anchorOf "{s2}" ; ', "")
variant("offsets-outside-text", "offsets-in-context",
        "a mention ends past the end of the text (its nif:endIndex is 900 of 90 code points).",
        f'nif:anchorOf "summit" ; {offs(*summit)}', f'nif:anchorOf "summit" ; {offs(summit[0], 900)}')
bz = len(text[:xi[0]].encode()); ez = bz + len("Xi Jinping".encode())
variant("anchor-in-bytes", "anchor-matches-text",
        "the mention of Xi Jinping has UTF-8 byte offsets (17,27), not code points (14,24).",
        f'nif:anchorOf "Xi Jinping" ; {offs(*xi)}', f'nif:anchorOf "Xi Jinping" ; {offs(bz, ez)}')
