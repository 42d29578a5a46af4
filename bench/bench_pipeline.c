/* bench_pipeline.c — measures, on this machine, what each stage of newsgraph costs.
 *
 * Usage: bench_pipeline DATADIR ARTICLE... [-n ROUNDS]
 * Prints wall-clock milliseconds (CLOCK_MONOTONIC) for: loading ontology + lexicon; per article,
 * read+segment+match+extract ("extraction") and graph+serialize to Turtle in memory ("writing").
 * A benchmark, not a test: it asserts nothing and is run by `make bench`, never by `make check`. */
#include "newsgraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static NgLexicon *load(const char *data)
{
    NgLexicon *lx = NULL;
    char path[4096];
    if (ng_lexicon_new(&lx))
        return NULL;
    snprintf(path, sizeof path, "%s/ontology", data);
    if (ng_lexicon_load_dir(lx, path, NULL))
        goto fail;
    snprintf(path, sizeof path, "%s/data/lexicon", data);
    if (ng_lexicon_load_dir(lx, path, NULL))
        goto fail;
    return lx;
fail:
    ng_lexicon_free(lx);
    return NULL;
}

int main(int argc, char **argv)
{
    int rounds = 5;
    if (argc < 3) {
        fprintf(stderr, "usage: bench_pipeline DATADIR ARTICLE... [-n ROUNDS]\n");
        return 2;
    }
    const char *data = argv[1];
    int nart = 0;
    const char **arts = calloc((size_t)argc, sizeof *arts);
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else
            arts[nart++] = argv[i];
    }
    double t0 = now_ms();
    for (int r = 0; r < rounds; r++)
        ng_lexicon_free(load(data));
    double lex_ms = (now_ms() - t0) / rounds;
    NgLexicon *lx = load(data);
    if (!lx) {
        fprintf(stderr, "bench: cannot load the lexicon from %s\n", data);
        return 1;
    }
    printf("lexicon: %zu actors, %zu cues, %zu triples; load %.1f ms (mean of %d)\n",
           ng_lexicon_actor_count(lx), ng_lexicon_cue_count(lx), ng_lexicon_triple_count(lx), lex_ms,
           rounds);
    double ext_ms = 0, write_ms = 0, first_ext = 0, first_write = 0;
    size_t bytes = 0, triples = 0, done = 0;
    for (int r = 0; r < rounds; r++) {
        for (int a = 0; a < nart; a++) {
            NgDocument *doc = NULL;
            NgSegments *sg = NULL;
            NgMatches *m = NULL;
            NgExtraction *x = NULL;
            NgGraph *g = NULL;
            double s0 = now_ms();
            if (ng_document_read_file(arts[a], NULL, NULL, &doc) || ng_segment(doc, lx, &sg) ||
                ng_match(sg, lx, &m) || ng_extract(m, &x)) {
                fprintf(stderr, "bench: %s failed\n", arts[a]);
                return 1;
            }
            double s1 = now_ms();
            char *buf = NULL;
            size_t len = 0;
            FILE *mem = open_memstream(&buf, &len);
            if (ng_graph_new(NULL, &g) || ng_graph_add_extraction(g, x) ||
                ng_graph_write_stream(g, NG_FORMAT_TURTLE, mem, NULL)) {
                fprintf(stderr, "bench: writing %s failed\n", arts[a]);
                return 1;
            }
            fclose(mem);
            double s2 = now_ms();
            if (done == 0) {
                printf("first article (WordNet not yet asked): extraction %.3f ms, writing %.3f ms\n",
                       s1 - s0, s2 - s1);
                first_ext = s1 - s0;
                first_write = s2 - s1;
            }
            ext_ms += s1 - s0;
            write_ms += s2 - s1;
            bytes += ng_document_size(doc);
            triples += ng_graph_triple_count(g);
            done++;
            free(buf);
            ng_graph_free(g);
            ng_extraction_free(x);
            ng_matches_free(m);
            ng_segments_free(sg);
            ng_document_free(doc);
        }
    }
    printf("articles: %zu runs over %d files, %.1f KiB of text per run\n", done, nart,
           bytes / 1024.0 / rounds);
    printf("extraction (read+segment+match+extract): %.3f ms/article\n", ext_ms / done);
    printf("writing (graph+Turtle):                   %.3f ms/article\n", write_ms / done);
    printf("whole build:                              %.3f ms/article, %.0f triples/s\n",
           (ext_ms + write_ms) / done, triples / ((ext_ms + write_ms) / 1e3));
    /* WordNet's answers are memoized per lexicon: after the first article they cost little */
    if (done > 1)
        printf("after the first article: extraction %.3f ms, writing %.3f ms per article\n",
               (ext_ms - first_ext) / (done - 1), (write_ms - first_write) / (done - 1));
    ng_lexicon_free(lx);
    free(arts);
    return 0;
}
