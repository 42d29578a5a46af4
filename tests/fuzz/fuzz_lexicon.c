/* fuzz_lexicon.c — the lexicon loader on arbitrary bytes (as Turtle), on top of the real lexicon
 * (so entries can clash with real ones).  A failed load must leave the lexicon as it was: the
 * counts are compared before and after. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    /* an empty lexicon with the ontology only would miss clashes; a fresh copy of the full one
     * per input is too slow, so load into a new lexicon holding the ontology and a small entry */
    static const char base[] =
        "@prefix ng: <https://w3id.org/newsgraph/ns#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/newsgraph/lexicon/x> a ng:State ; rdfs:label \"Xland\"@en .\n";
    NgLexicon *lx = NULL;
    if (ng_lexicon_new(&lx))
        return 0;
    ng_lexicon_load_string(lx, "base.ttl", base, sizeof base - 1, NULL);
    size_t a = ng_lexicon_actor_count(lx), c = ng_lexicon_cue_count(lx), t = ng_lexicon_triple_count(lx);
    NgStatus st = ng_lexicon_load_string(lx, "fuzz.ttl", (const char *)data, size, NULL);
    if (st != NG_SUCCESS && (ng_lexicon_actor_count(lx) != a || ng_lexicon_cue_count(lx) != c ||
                             ng_lexicon_triple_count(lx) != t))
        abort();
    /* use what was loaded: segment and match a small article with it */
    NgDocument *doc = NULL;
    static const char article[] = "Title\n\nXland met the others. \"They said so,\" Xland said.\n";
    if (!ng_document_read_buffer("a.txt", article, sizeof article - 1, NULL, NULL, &doc)) {
        NgSegments *sg = NULL;
        NgMatches *m = NULL;
        NgExtraction *x = NULL;
        if (!ng_segment(doc, lx, &sg) && !ng_match(sg, lx, &m))
            ng_extract(m, &x);
        ng_extraction_free(x);
        ng_matches_free(m);
        ng_segments_free(sg);
    }
    ng_document_free(doc);
    ng_lexicon_free(lx);
    (void)fuzz_lexicon;
    return 0;
}
