/* fuzz_query.c — the query runner.  There is no library entry point for the command line's
 * argument parsing (parse_options is static in cli.c), so this fuzzes what `query` hands the
 * library: the first byte picks the results format (table, csv, tsv, json, xml, turtle,
 * ntriples), the rest is the SPARQL text (-e or a query file), run by ng_query_run over a small
 * in-memory store built once from a graph newsgraph wrote.  DESCRIBE goes through
 * query_describe.c's own rewriting (describe_as_select), which is hand-written parsing. */
#include "fuzz_common.h"

static NgStore *store;

static void free_store(void)
{
    ng_store_free(store);
    store = NULL;
}

static void init_store(void)
{
    static const char nt[] =
        "<https://w3id.org/newsgraph/id/actor/china> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newsgraph/ns#State> .\n"
        "<https://w3id.org/newsgraph/id/actor/china> <http://www.w3.org/2000/01/rdf-schema#label> \"China\" .\n"
        "<https://w3id.org/newsgraph/id/actor/japan> <http://www.w3.org/2000/01/rdf-schema#label> \"Japan\\n\\\"\\u00E9\"@en .\n"
        "<https://w3id.org/newsgraph/id/event/a/meeting-1> <http://semanticweb.cs.vu.nl/2009/11/sem/hasActor> <https://w3id.org/newsgraph/id/actor/china> .\n"
        "<https://w3id.org/newsgraph/id/event/a/meeting-1> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> \"12\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\n"
        "<https://w3id.org/newsgraph/id/event/a/meeting-1> <http://www.w3.org/2000/01/rdf-schema#comment> \"tab\\there, comma, \\\"quote\\\"\" .\n";
    if (ng_store_new_memory(NULL, &store) ||
        ng_store_stage_buffer(store, "seed.nt", nt, sizeof nt - 1, NG_FORMAT_NTRIPLES, NULL) ||
        ng_store_commit(store, NULL, NULL)) {
        fprintf(stderr, "fuzz_query: cannot build the store\n");
        exit(2);
    }
    fuzz_cleanup_hook = free_store;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (!store)
        init_store();
    if (size < 1 || size > 4096)
        return 0;
    NgResultsFormat format = (NgResultsFormat)(data[0] % 7);
    char *sparql = malloc(size);
    if (!sparql)
        return 0;
    memcpy(sparql, data + 1, size - 1);
    sparql[size - 1] = '\0';
    FILE *devnull = fopen("/dev/null", "w");
    if (devnull) {
        size_t count = 0;
        ng_query_run(store, "-e", sparql, format, devnull, NULL, &count);
        fclose(devnull);
    }
    free(sparql);
    (void)fuzz_lexicon;
    return 0;
}
