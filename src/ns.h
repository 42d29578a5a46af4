/*
 * ns.h — the namespace IRIs newsgraph writes and reads, and the prefixes they go by, stated once.
 * Not installed, not part of the API; newsgraph.h holds the two that are (NG_NS, the ontology's
 * namespace, and NG_DEFAULT_BASE, where minted IRIs live).  A term is written as its namespace
 * followed by its local name: NG_NS_RDF "type", NG_NS "modality".
 */
#ifndef NG_NS_H
#define NG_NS_H

#include "newsgraph.h"

#define NG_NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NG_NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NG_NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define NG_NS_OWL "http://www.w3.org/2002/07/owl#"
#define NG_NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define NG_NS_NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define NG_NS_SEM "http://semanticweb.cs.vu.nl/2009/11/sem/"
#define NG_NS_SCHEMA "http://schema.org/"
#define NG_NS_PROV "http://www.w3.org/ns/prov#"
#define NG_NS_FOAF "http://xmlns.com/foaf/0.1/"
#define NG_NS_ITSRDF "http://www.w3.org/2005/11/its/rdf#"
#define NG_NS_DCTERMS "http://purl.org/dc/terms/"
#define NG_NS_WD "http://www.wikidata.org/entity/"
/* The lexicon's own entries (data/lexicon/), never written into a graph. */
#define NG_NS_LEXICON "https://w3id.org/newsgraph/lexicon/"

/* The prefix table, as an X-macro: X(prefix, namespace, in_graphs) for each, in the order outputs
 * declare them.  `in_graphs` marks those the graph writers declare (serialize.c: the Turtle and
 * RDF/XML of `build`); query results (query_write.c) know them all, and the SPARQL the library
 * writes itself starts with all of them (NG_SPARQL_PREFIXES). */
#define NG_PREFIX_TABLE(X)                                                                         \
    X("rdf", NG_NS_RDF, true)                                                                      \
    X("rdfs", NG_NS_RDFS, true)                                                                    \
    X("xsd", NG_NS_XSD, true)                                                                      \
    X("owl", NG_NS_OWL, true)                                                                      \
    X("skos", NG_NS_SKOS, true)                                                                    \
    X("nif", NG_NS_NIF, true)                                                                      \
    X("sem", NG_NS_SEM, true)                                                                      \
    X("schema", NG_NS_SCHEMA, true)                                                                \
    X("prov", NG_NS_PROV, true)                                                                    \
    X("foaf", NG_NS_FOAF, true)                                                                    \
    X("itsrdf", NG_NS_ITSRDF, true)                                                                \
    X("dcterms", NG_NS_DCTERMS, false)                                                             \
    X("wd", NG_NS_WD, true)                                                                        \
    X("ng", NG_NS, true)                                                                           \
    X("id", NG_DEFAULT_BASE, false)

typedef struct {
    const char *prefix;
    const char *ns;
    bool in_graphs;   /* declared by the graph writers, not only by query results */
} NgPrefix;

#define NG_PREFIX_ENTRY(prefix, ns, in_graphs) {prefix, ns, in_graphs},
/* The table itself (static: a header-defined constant each user reads in place). */
static const NgPrefix ng_prefixes[] = {NG_PREFIX_TABLE(NG_PREFIX_ENTRY)};
#define NG_PREFIX_COUNT (sizeof ng_prefixes / sizeof ng_prefixes[0])
#undef NG_PREFIX_ENTRY

/* "PREFIX rdf: <...>\n" for every prefix of the table: the head of the SPARQL queries the
 * library writes itself (stats, pictures). */
#define NG_SPARQL_PREFIX(prefix, ns, in_graphs) "PREFIX " prefix ": <" ns ">\n"
#define NG_SPARQL_PREFIXES NG_PREFIX_TABLE(NG_SPARQL_PREFIX)

#endif /* NG_NS_H */
