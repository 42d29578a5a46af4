/* pictures_fixture.h — a tiny graph for test_render.c and test_report.c: every actor kind, a
 * dated and an undated event, a hedged, a predicted and a reported claim, one relation, and an
 * article whose text holds markup, quotes, "&" and a non-ASCII letter, with spans that nest and
 * cross.  Offsets count code points ("Caf\u00e9" is 4). */
#ifndef NG_PICTURES_FIXTURE_H
#define NG_PICTURES_FIXTURE_H

static const char tiny_ttl[] =
    "@prefix ex: <http://example.org/t/> .\n"
    "@prefix schema: <http://schema.org/> .\n"
    "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
    "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .\n"
    "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix ng: <https://w3id.org/newsgraph/ns#> .\n"
    "\n"
    "ex:art a schema:NewsArticle, nif:Context ;\n"
    "  schema:headline \"Tiny <b>news</b> & more\" ;\n"
    "  nif:isString \"Caf\xC3\xA9" " says: <script>alert(\\\"x\\\")</script> & 'quotes' matter. Bob met Ann in Paris.\" .\n"
    "ex:cafe a sem:Actor, schema:Organization ; rdfs:label \"Caf\xC3\xA9" " \\\"Q\\\" \\\\ Ltd\" .\n"
    "ex:bob a sem:Actor, schema:Person ; rdfs:label \"Bob\" ; ng:partnerOf ex:ann .\n"
    "ex:ann a sem:Actor, schema:Person ; rdfs:label \"Ann\" .\n"
    "ex:france a sem:Actor, schema:Country ; rdfs:label \"France\" .\n"
    "ex:paris a sem:Actor, schema:Place ; rdfs:label \"Paris\" .\n"
    "ex:crowd a sem:Actor, foaf:Group ; rdfs:label \"Crowd\" .\n"
    "ex:meet a sem:Event ; rdfs:label \"meeting\" ; sem:hasTimeStamp \"2024\"^^xsd:gYear ;\n"
    "  sem:hasActor ex:bob, ex:ann ; sem:hasPlace ex:paris ; prov:wasDerivedFrom <http://example.org/t/art#char=62,65> .\n"
    "ex:talk a sem:Event ; rdfs:label \"talks\" ; sem:hasActor ex:cafe ;\n"
    "  prov:wasDerivedFrom <http://example.org/t/art#char=5,19> .\n"
    "ex:c1 a schema:Claim ; schema:text \"<script>alert(\\\"x\\\")</script> & 'quotes' matter.\" ;\n"
    "  schema:author ex:cafe ; ng:modality ng:Hedged ; schema:about ex:talk ;\n"
    "  prov:wasDerivedFrom <http://example.org/t/art#char=11,57> .\n"
    "ex:c2 a schema:Claim ; schema:text \"Bob met Ann in Paris.\" ; schema:author ex:art ;\n"
    "  ng:modality ng:Predicted ; schema:about ex:bob, ex:ann, ex:meet ;\n"
    "  prov:wasDerivedFrom <http://example.org/t/art#char=58,79> .\n"
    "ex:c3 a schema:Claim ; schema:text \"Caf\xC3\xA9" " says\" ; schema:author ex:crowd ;\n"
    "  ng:modality ng:Reported ; prov:wasDerivedFrom <http://example.org/t/art#char=0,10> .\n"
    "<http://example.org/t/art#char=0,4> itsrdf:taIdentRef ex:cafe ; nif:beginIndex \"0\"^^xsd:nonNegativeInteger ; nif:endIndex \"4\"^^xsd:nonNegativeInteger ; nif:referenceContext ex:art ; nif:anchorOf \"Caf\xC3\xA9" "\" .\n"
    "<http://example.org/t/art#char=58,61> itsrdf:taIdentRef ex:bob ; nif:beginIndex \"58\"^^xsd:nonNegativeInteger ; nif:endIndex \"61\"^^xsd:nonNegativeInteger ; nif:referenceContext ex:art ; nif:anchorOf \"Bob\" .\n"
    "<http://example.org/t/art#char=66,69> itsrdf:taIdentRef ex:ann ; nif:beginIndex \"66\"^^xsd:nonNegativeInteger ; nif:endIndex \"69\"^^xsd:nonNegativeInteger ; nif:referenceContext ex:art ; nif:anchorOf \"Ann\" .\n"
    "<http://example.org/t/art#char=73,78> itsrdf:taIdentRef ex:paris ; nif:beginIndex \"73\"^^xsd:nonNegativeInteger ; nif:endIndex \"78\"^^xsd:nonNegativeInteger ; nif:referenceContext ex:art ; nif:anchorOf \"Paris\" .\n"
    "<http://example.org/t/art#char=62,65> nif:beginIndex \"62\"^^xsd:nonNegativeInteger ; nif:endIndex \"65\"^^xsd:nonNegativeInteger ; nif:referenceContext ex:art ; nif:anchorOf \"met\" .\n"
    "<http://example.org/t/art#char=5,19> nif:beginIndex \"5\"^^xsd:nonNegativeInteger ; nif:endIndex \"19\"^^xsd:nonNegativeInteger ; nif:referenceContext ex:art ; nif:anchorOf \"says: <script>\" .\n"
    "<http://example.org/t/art#char=11,57> nif:beginIndex \"11\"^^xsd:nonNegativeInteger ; nif:endIndex \"57\"^^xsd:nonNegativeInteger ; nif:referenceContext ex:art .\n"
    "<http://example.org/t/art#char=58,79> nif:beginIndex \"58\"^^xsd:nonNegativeInteger ; nif:endIndex \"79\"^^xsd:nonNegativeInteger ; nif:referenceContext ex:art .\n"
    "<http://example.org/t/art#char=0,10> nif:beginIndex \"0\"^^xsd:nonNegativeInteger ; nif:endIndex \"10\"^^xsd:nonNegativeInteger ; nif:referenceContext ex:art .\n";

#endif
