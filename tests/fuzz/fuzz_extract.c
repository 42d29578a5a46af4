/* fuzz_extract.c — one article through the whole pipeline: read, segment, match, extract, graph,
 * explain, and Turtle serialization into a memory stream, which raptor must then parse back with
 * exactly as many triples as the graph holds (nothing lost, nothing injected); then again a small
 * part at a time (pipeline.c). */
#include "fuzz_common.h"

#include <raptor2.h>

static void count_triple(void *ud, raptor_statement *st)
{
    (void)st;
    (*(size_t *)ud)++;
}

static void on_log(void *ud, raptor_log_message *m)
{
    if (m->level >= RAPTOR_LOG_LEVEL_ERROR)
        *(int *)ud = 1;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    NgDocument *doc = NULL;
    NgSegments *sg = NULL;
    NgMatches *m = NULL;
    NgExtraction *x = NULL;
    NgGraph *g = NULL;
    NgReadOptions ro = {1 << 20};
    if (ng_document_read_buffer("fuzz-article.txt", (const char *)data, size, &ro, NULL, &doc))
        return 0;
    if (ng_segment(doc, fuzz_lexicon, &sg) || ng_match(sg, fuzz_lexicon, &m) || ng_extract(m, &x))
        goto done;
    FILE *devnull = fopen("/dev/null", "w");
    if (devnull) {
        ng_extraction_explain(x, devnull);
        fclose(devnull);
    }
    if (ng_graph_new(NULL, &g) || ng_graph_add_extraction(g, x))
        goto done;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        goto done;
    NgStatus st = ng_graph_write_stream(g, NG_FORMAT_TURTLE, mem, NULL);
    fclose(mem);
    if (st == NG_SUCCESS) {
        /* the Turtle must parse and hold every distinct triple the graph holds */
        raptor_world *w = raptor_new_world();
        size_t parsed = 0;
        int failed = 0;
        raptor_world_set_log_handler(w, &failed, on_log);
        raptor_parser *p = raptor_new_parser(w, "turtle");
        raptor_uri *base = raptor_new_uri(w, (const unsigned char *)"http://example.org/");
        raptor_parser_set_statement_handler(p, &parsed, count_triple);
        if (raptor_parser_parse_start(p, base) ||
            raptor_parser_parse_chunk(p, (const unsigned char *)buf, len, 1) || failed)
            abort();
        raptor_free_uri(base);
        raptor_free_parser(p);
        raptor_free_world(w);
        if (parsed == 0 || parsed > ng_graph_triple_count(g))
            abort();
    }
    free(buf);
    /* the same article in parts of 64 to 319 bytes (pipeline.c): it must come to its end */
    NgGraph *parts = NULL;
    if (!ng_graph_new(NULL, &parts))
        (void)ng_graph_add_document(parts, doc, fuzz_lexicon, NG_PROFILE_FULL, 64 + size % 256);
    ng_graph_free(parts);
done:
    ng_graph_free(g);
    ng_extraction_free(x);
    ng_matches_free(m);
    ng_segments_free(sg);
    ng_document_free(doc);
    return 0;
}
