/* pipeline.c — stages 2 to 5 over one article, a part at a time.
 *
 * segment -> match -> extract -> graph hold, per sentence, token and match of the text they are
 * given, several times the text's size.  An article of a few kilobytes is one part and none of this
 * matters; a file of megabytes (a log, a dump, a hostile input) would take gigabytes.  So the
 * segmenter hands the article over in parts of about NG_DEFAULT_PART_BYTES, each of whole
 * paragraphs, and each part goes through matching, extraction and into the graph before the next
 * is read: memory is bounded by the part, the graph's spilled runs (graph_store.c) and the text.
 * Offsets, section numbers and IRIs are the article's; what an article larger than a part gives up
 * is what crosses a part's edge (docs/design.md, "Parts"): a pronoun or "the ministry" that refers
 * to a name in an earlier part, one event told in two parts (two events), a year lent by the title. */
#include "internal.h"

#include <stdlib.h>

NgStatus ng_graph_add_document(NgGraph *graph, const NgDocument *doc, const NgLexicon *lexicon,
                               NgProfile profile, size_t part_bytes)
{
    NgSegmenter *sr = NULL;
    NgGraphArticle *article = NULL;
    NgStatus st = ng_segmenter_new(doc, lexicon, part_bytes ? part_bytes : NG_DEFAULT_PART_BYTES, &sr);
    if (!st)
        st = ng_graph_article_new(graph, doc, profile, &article);
    while (!st) {
        NgSegments *sg = NULL;
        NgMatches *m = NULL;
        NgExtraction *x = NULL;
        st = ng_segmenter_next(sr, &sg);
        if (st || !sg)
            break;
        st = ng_match(sg, lexicon, &m);
        if (!st)
            st = ng_extract(m, &x);
        if (!st)
            st = ng_graph_article_add(article, x);
        ng_extraction_free(x);
        ng_matches_free(m);
        ng_segments_free(sg);
    }
    if (!st)
        st = ng_graph_article_end(article);
    ng_graph_article_free(article);
    ng_segmenter_free(sr);
    return st;
}
