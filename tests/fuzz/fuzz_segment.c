/* fuzz_segment.c — the document reader and the segmenter on arbitrary bytes.
 * Checks the invariants later stages rely on: sentences lie inside the text, in order, on
 * character boundaries, and every section's sentences exist. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    NgDocument *doc = NULL;
    NgReadOptions ro = {1 << 20};
    if (ng_document_read_buffer("fuzz.txt", (const char *)data, size, &ro, NULL, &doc))
        return 0;
    NgSegments *sg = NULL;
    if (ng_segment(doc, fuzz_lexicon, &sg) == NG_SUCCESS) {
        const char *t = ng_document_text(doc);
        size_t n = ng_document_size(doc), prev_end = 0;
        for (size_t i = 0; i < ng_segments_sentence_count(sg); i++) {
            const NgSentence *s = ng_segments_sentence(sg, i);
            if (s->span.begin >= s->span.end || s->span.end > n || s->span.begin < prev_end ||
                ((unsigned char)t[s->span.begin] & 0xC0) == 0x80 ||
                (s->span.end < n && ((unsigned char)t[s->span.end] & 0xC0) == 0x80))
                abort();
            prev_end = s->span.end;
            unsigned line, col;
            ng_document_line_col(doc, s->span.begin, &line, &col);
            (void)ng_document_cp_offset(doc, s->span.end);
        }
        for (size_t i = 0; i < ng_segments_section_count(sg); i++) {
            const NgSection *sec = ng_segments_section(sg, i);
            if (sec->first_sentence + sec->sentence_count > ng_segments_sentence_count(sg))
                abort();
        }
    }
    ng_segments_free(sg);
    ng_document_free(doc);
    return 0;
}
