/* segment.c — stage 2: NgDocument -> title, sections, paragraphs and sentences.
 *
 * Layout knowledge that varies by language or site (heading keywords such as "Chapter", the
 * abbreviations whose period does not end a sentence, trailing boilerplate lines such as "Related
 * articles") comes from the lexicon; this file knows only the shapes: Markdown '#' headings, short
 * unpunctuated lines, blank-line or one-line paragraphs, sentence-final punctuation and quotes. */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t begin, end; /* the line without its '\n' */
} Line;

static bool is_blank(const char *t, Line l)
{
    for (size_t i = l.begin; i < l.end; i++)
        if (t[i] != ' ' && t[i] != '\t')
            return false;
    return true;
}

/* Trims ASCII and Unicode white space from both ends of [*b, *e). */
static void trim(const char *t, size_t *b, size_t *e)
{
    while (*b < *e) {
        uint32_t cp;
        size_t k = ng_utf8_decode((const unsigned char *)t + *b, *e - *b, &cp);
        if (!k || !ng_cp_is_space(cp))
            break;
        *b += k;
    }
    while (*e > *b) {
        size_t s = *e - 1;
        while (s > *b && ((unsigned char)t[s] & 0xC0) == 0x80)
            s--;
        uint32_t cp;
        size_t k = ng_utf8_decode((const unsigned char *)t + s, *e - s, &cp);
        if (!k || !ng_cp_is_space(cp))
            break;
        *e = s;
    }
}

static size_t word_count(const char *t, size_t b, size_t e)
{
    size_t n = 0;
    bool in = false;
    for (size_t i = b; i < e; i++) {
        bool sp = t[i] == ' ' || t[i] == '\t';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

/* The last code point before byte `e`, 0 when none. */
static uint32_t last_cp(const char *t, size_t b, size_t e)
{
    if (e <= b)
        return 0;
    size_t s = e - 1;
    while (s > b && ((unsigned char)t[s] & 0xC0) == 0x80)
        s--;
    uint32_t cp = 0;
    ng_utf8_decode((const unsigned char *)t + s, e - s, &cp);
    return cp;
}

static bool is_list_item(const char *t, size_t b, size_t e)
{
    if (e - b >= 2 && (t[b] == '-' || t[b] == '*' || t[b] == '+') && t[b + 1] == ' ')
        return true;
    return e - b >= 4 && memcmp(t + b, "\xE2\x80\xA2", 3) == 0; /* U+2022 bullet */
}

/* True when the whole line (sans trailing ':' and list marker) is a boilerplate entry. */
static bool is_boilerplate(const NgLexicon *lx, const char *t, size_t b, size_t e)
{
    trim(t, &b, &e);
    while (b < e && t[b] == '#')
        b++;
    trim(t, &b, &e);
    if (e > b && t[e - 1] == ':')
        e--;
    if (e <= b)
        return false;
    char *key = ng_form_key(t + b, e - b, true);
    bool hit = key && ng_lexicon_find_cue(lx, NG_CUE_BOILERPLATE, key, strlen(key)) != SIZE_MAX;
    free(key);
    return hit;
}

static bool ends_sentence_punct(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == ',' ||
           cp == '"' || cp == 0x201D || cp == 0x2019 || cp == ')' || cp == 0x2026 || cp == '\'';
}

/* A heading: a Markdown '#' line, or a short unpunctuated line whose first word is a heading
 * keyword ("Chapter 2: ...", "Conclusion: ..."), or any short capitalised unpunctuated line. */
static bool is_heading(const NgLexicon *lx, const char *t, size_t b, size_t e, size_t *text_b)
{
    trim(t, &b, &e);
    *text_b = b;
    if (b >= e)
        return false;
    if (t[b] == '#') {
        size_t i = b;
        while (i < e && t[i] == '#')
            i++;
        if (i < e && t[i] != ' ')
            return false;
        while (i < e && t[i] == ' ')
            i++;
        *text_b = i;
        return i < e;
    }
    size_t words = word_count(t, b, e);
    uint32_t last = last_cp(t, b, e);
    if (words == 0 || words > 16 || is_list_item(t, b, e))
        return false;
    size_t w = b;
    while (w < e && t[w] != ' ' && t[w] != ':' && t[w] != '\t')
        w++;
    char *key = ng_form_key(t + b, w - b, true);
    bool keyword = key && ng_lexicon_find_cue(lx, NG_CUE_HEADING, key, strlen(key)) != SIZE_MAX;
    free(key);
    if (keyword && last != '.' && last != '?' && last != '!')
        return true;
    uint32_t first = 0;
    ng_utf8_decode((const unsigned char *)t + b, e - b, &first);
    return words <= 12 && !ends_sentence_punct(last) && (ng_cp_is_upper(first) || ng_cp_is_digit(first));
}

static NgStatus add_sentence(NgSegments *sg, size_t b, size_t e, size_t para, bool heading)
{
    trim(sg->doc->text, &b, &e);
    if (b >= e)
        return NG_SUCCESS;
    NgStatus st = ng_grow((void **)&sg->sentences, &sg->sentence_cap, sg->sentence_count + 1,
                          sizeof(NgSentence));
    if (st)
        return st;
    NgSentence *s = &sg->sentences[sg->sentence_count++];
    s->span = (NgSpan){b, e};
    s->section = sg->section_count ? sg->section_count - 1 : 0;
    s->paragraph = para;
    s->heading = heading;
    if (sg->section_count)
        sg->sections[sg->section_count - 1].sentence_count++;
    return NG_SUCCESS;
}

/* Is the word that ends just before byte `dot` (the period itself included) an abbreviation or an
 * initial? */
static bool abbreviation_before(const NgLexicon *lx, const char *t, size_t pb, size_t dot)
{
    size_t w = dot;
    while (w > pb && t[w - 1] != ' ' && t[w - 1] != '\n' && t[w - 1] != '(' && t[w - 1] != '"' &&
           !(w >= pb + 3 && (unsigned char)t[w - 3] == 0xE2 && (unsigned char)t[w - 2] == 0x80 &&
             ((unsigned char)t[w - 1] == 0x9C || (unsigned char)t[w - 1] == 0x98)))
        w--;
    size_t len = dot + 1 - w;
    if (len == 2 && ng_cp_is_upper((unsigned char)t[w]))
        return true; /* an initial: "J. Smith" */
    if (ng_lexicon_find_cue(lx, NG_CUE_ABBREVIATION, t + w, len) != SIZE_MAX)
        return true;
    /* the lower-cased form, for "Jan." written "jan." is not worth it; but accept "e.g." etc. */
    return false;
}

static bool is_open_quote(uint32_t cp) { return cp == 0x201C || cp == 0x2018 || cp == '"' || cp == '\''; }
static bool is_close_char(uint32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == '"' || cp == '\'' || cp == ')' || cp == ']';
}

/* Splits one paragraph [pb, pe) into sentences.  A boundary is sentence-final punctuation (. ! ?
 * or an ellipsis) plus any closing quotes or brackets, followed by white space and a capital, digit
 * or opening quote — unless the period ends an abbreviation or an initial, or it lies inside a
 * quotation that closes within the paragraph. */
static NgStatus split_paragraph(NgSegments *sg, size_t pb, size_t pe, size_t para)
{
    const char *t = sg->doc->text;
    const NgLexicon *lx = sg->lexicon;
    size_t start = pb;
    size_t quote_end = 0; /* inside a quotation until this byte */
    /* Per closing quote (straight, curly): every byte before free_until[q] from the last search's
     * start holds no such quote, so a search never scans those bytes again.  Without this,
     * thousands of unclosed opening quotes cost 2000 bytes each. */
    size_t free_until[2] = {0, 0};
    size_t i = pb;
    while (i < pe) {
        uint32_t cp;
        size_t k = ng_utf8_decode((const unsigned char *)t + i, pe - i, &cp);
        if (!k)
            k = 1;
        sg->work++;
        /* an opening curly quote, or a straight one at a word start, protects up to its close */
        if (i >= quote_end && (cp == 0x201C || (cp == '"' && (i == pb || t[i - 1] == ' ' || t[i - 1] == '(')))) {
            int q = cp == '"' ? 0 : 1;
            const char *close = q == 0 ? "\"" : "\xE2\x80\x9D";
            size_t cl = strlen(close);
            size_t limit = pe - (i + k) < 2000 ? pe : i + k + 2000;
            size_t j = i + k > free_until[q] ? i + k : free_until[q];
            for (; j + cl <= limit; j++) {
                sg->work++;
                if (memcmp(t + j, close, cl) == 0) {
                    quote_end = j;
                    break;
                }
            }
            free_until[q] = j; /* the close found, or the first position not yet looked at */
        }
        bool term = cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
        if (!term) {
            i += k;
            continue;
        }
        size_t j = i + k;
        /* runs of terminators: "...", "?!" */
        while (j < pe && (t[j] == '.' || t[j] == '!' || t[j] == '?'))
            j++;
        bool ellipsis = cp == 0x2026 || j - i >= 3;
        size_t close_end = j;
        for (;;) {
            uint32_t c2;
            size_t k2 = ng_utf8_decode((const unsigned char *)t + close_end, pe - close_end, &c2);
            if (!k2 || !is_close_char(c2))
                break;
            close_end += k2;
        }
        if (close_end >= pe) {
            i = close_end;
            break;
        }
        if (t[close_end] != ' ' && t[close_end] != '\t' && t[close_end] != '\n') {
            i = j; /* "3.5", "U.S.-Mexico", "e.g.," */
            continue;
        }
        size_t n = close_end;
        while (n < pe && (t[n] == ' ' || t[n] == '\t' || t[n] == '\n'))
            n++;
        uint32_t next = 0;
        ng_utf8_decode((const unsigned char *)t + n, pe - n, &next);
        bool starts = ng_cp_is_upper(next) || ng_cp_is_digit(next) || is_open_quote(next);
        bool inside_quote = i < quote_end && close_end <= quote_end;
        bool abbrev = cp == '.' && j == i + 1 && abbreviation_before(lx, t, pb, i);
        if (starts && !inside_quote && !abbrev && (!ellipsis || ng_cp_is_upper(next))) {
            NgStatus st = add_sentence(sg, start, close_end, para, false);
            if (st)
                return st;
            start = n;
        }
        i = close_end;
    }
    return add_sentence(sg, start, pe, para, false);
}

static NgStatus open_section(NgSegments *sg, size_t begin, NgSpan heading)
{
    NgStatus st = ng_grow((void **)&sg->sections, &sg->section_cap, sg->section_count + 1,
                          sizeof(NgSection));
    if (st)
        return st;
    if (sg->section_count)
        sg->sections[sg->section_count - 1].span.end = begin;
    NgSection *s = &sg->sections[sg->section_count++];
    s->span = (NgSpan){begin, begin};
    s->heading = heading;
    s->first_sentence = sg->sentence_count;
    s->sentence_count = 0;
    return NG_SUCCESS;
}

/* The title: line `l`, the first non-blank one, when it reads like one (a heading, a Markdown
 * heading, or up to 30 words without a final period, comma or semicolon); *title says so. */
static NgStatus read_title(NgSegments *sg, Line l, bool *title, size_t *para)
{
    const char *t = sg->doc->text;
    size_t b = l.begin, e = l.end, tb;
    trim(t, &b, &e);
    uint32_t last = last_cp(t, b, e);
    bool heading = is_heading(sg->lexicon, t, b, e, &tb);
    if (!heading && t[b] != '#' && (word_count(t, b, e) > 30 || last == '.' || last == ',' || last == ';'))
        return NG_SUCCESS;
    if (!heading)
        tb = b;
    sg->title = (NgSpan){tb, e};
    *title = true;
    return add_sentence(sg, tb, e, (*para)++, true);
}

/* A heading line inside the body opens a section (or names the empty opening one, unless that one
 * goes on from the part before). */
static NgStatus read_heading(NgSegments *sg, Line l, size_t tb, size_t le, size_t *para)
{
    NgSection *cur = &sg->sections[sg->section_count - 1];
    NgStatus st = NG_SUCCESS;
    if (cur->sentence_count == 0 && cur->heading.begin == cur->heading.end &&
        !(sg->first_continued && sg->section_count == 1)) {
        cur->span.begin = l.begin;
        cur->heading = (NgSpan){tb, le};
    } else {
        st = open_section(sg, l.begin, (NgSpan){tb, le});
    }
    return st ? st : add_sentence(sg, tb, le, (*para)++, true);
}

/* ------------------------------------------------------------------ the segmenter
 *
 * A document is read a part at a time: each part holds whole lines (a line longer than a part is
 * cut at a space), ends where a paragraph ends once it holds part_bytes bytes, and is segmented
 * on its own, so that what the later stages keep per sentence and token is bounded by the part,
 * not the article.  What the whole text decides is decided first, without keeping its lines: where
 * the content ends (trailing boilerplate), whether blank lines separate paragraphs, the title.
 * With no limit (ng_segment) there is one part and the result is what it always was. */

struct NgSegmenter {
    const NgDocument *doc;
    const NgLexicon *lexicon;
    size_t part_bytes;   /* SIZE_MAX: one part */
    size_t stop;         /* lines that begin here or later are not content (boilerplate) */
    NgSpan content;      /* the content, trimmed */
    bool blank_paragraphs;
    size_t pos;          /* the next line begins here */
    size_t para;         /* paragraphs read so far */
    size_t section;      /* the global index of the section open at pos */
    size_t parts;        /* parts made so far */
    NgSpan title;        /* the first part's title */
    NgSection open;      /* the section open at pos: its beginning and heading */
    size_t work;
};

/* The line that ends at byte e (a '\n' or the end of the text): [after the '\n' before e, e). */
static Line line_ending_at(const char *t, size_t e)
{
    size_t b = e;
    while (b > 0 && t[b - 1] != '\n')
        b--;
    return (Line){b, e};
}

/* The next line from sr->pos, and sr->pos past it.  A line longer than a part is cut at its last
 * space in the part's second half (or at a character boundary): a "line" of megabytes would be
 * one paragraph and one sentence of megabytes. */
static Line next_line(NgSegmenter *sr)
{
    const char *t = sr->doc->text;
    size_t size = sr->doc->size, b = sr->pos;
    const char *nlp = memchr(t + b, '\n', size - b);
    size_t e = nlp ? (size_t)(nlp - t) : size;
    sr->work++;
    if (e - b > sr->part_bytes) {
        size_t cut = b + sr->part_bytes;
        while (cut > b + sr->part_bytes / 2 && t[cut] != ' ')
            cut--;
        if (t[cut] != ' ')
            for (cut = b + sr->part_bytes; ((unsigned char)t[cut] & 0xC0) == 0x80; cut--)
                ;
        sr->pos = cut;
        return (Line){b, cut};
    }
    sr->pos = e + 1;
    return (Line){b, e};
}

/* Where the content stops: from the end, over list items and short link lines, up to the topmost
 * boilerplate line (nothing is cut unless a boilerplate line is found); trailing blank lines go
 * too.  Returns the first byte of the first line that is not content (size + 1: all is content). */
static size_t content_stop(NgSegmenter *sr)
{
    const char *t = sr->doc->text;
    size_t stop = sr->doc->size + 1, next = stop, scanned = 0;
    while (next > 0 && scanned < 24) {
        Line l = line_ending_at(t, next - 1);
        next = l.begin;
        sr->work++;
        if (is_blank(t, l))
            continue;
        scanned++;
        size_t b = l.begin, e = l.end;
        trim(t, &b, &e);
        if (is_boilerplate(sr->lexicon, t, b, e)) {
            stop = l.begin;
            continue;
        }
        uint32_t last = last_cp(t, b, e);
        if (is_list_item(t, b, e) || (word_count(t, b, e) <= 14 && last != '.' && last != '!' &&
                                      last != '?' && last != 0x201D && last != '"'))
            continue;
        break;
    }
    while (stop > 0) {
        Line l = line_ending_at(t, stop - 1);
        sr->work++;
        if (!is_blank(t, l))
            break;
        stop = l.begin;
    }
    return stop;
}

/* Do blank lines separate the paragraphs (at least two blank lines that follow text)? */
static bool blank_paragraphs(NgSegmenter *sr)
{
    const char *t = sr->doc->text;
    size_t blank_between = 0;
    bool prev_blank = true;
    for (size_t b = 0, i = 0; b < sr->stop && blank_between < 2; i++) {
        const char *nlp = memchr(t + b, '\n', sr->doc->size - b);
        Line l = {b, nlp ? (size_t)(nlp - t) : sr->doc->size};
        bool blank = is_blank(t, l);
        sr->work++;
        blank_between += i > 0 && blank && !prev_blank;
        prev_blank = blank;
        b = l.end + 1;
    }
    return blank_between >= 2;
}

/* A new segmenter of `doc`: parts of about `part_bytes` bytes, at least NG_MIN_PART_BYTES (0 or
 * SIZE_MAX: the whole document as one part).  `doc` and `lexicon` must outlive it. */
NgStatus ng_segmenter_new(const NgDocument *doc, const NgLexicon *lexicon, size_t part_bytes,
                          NgSegmenter **out)
{
    NgSegmenter *sr = calloc(1, sizeof *sr);
    *out = sr;
    if (!sr)
        return NG_ERR_NOMEM;
    sr->doc = doc;
    sr->lexicon = lexicon;
    /* a cut line must move on past a character of up to four bytes (next_line) */
    sr->part_bytes = part_bytes == 0 ? SIZE_MAX : part_bytes < NG_MIN_PART_BYTES ? NG_MIN_PART_BYTES : part_bytes;
    sr->stop = content_stop(sr);
    size_t cb = 0, ce = sr->stop ? sr->stop - 1 : 0;
    trim(doc->text, &cb, &ce);
    sr->content = (NgSpan){cb, ce};
    sr->blank_paragraphs = blank_paragraphs(sr);
    return NG_SUCCESS;
}

void ng_segmenter_free(NgSegmenter *segmenter) { free(segmenter); }

/* Lines from sr->pos up to the content's stop, or up to the end of the part: headings open
 * sections; paragraphs end at a blank line (when blank lines separate paragraphs in this text), at
 * a heading or list item, or else at every line end; each paragraph is split into sentences.  A
 * part ends before the first line, past part_bytes, that no open paragraph needs; a paragraph
 * longer than a part is ended there. */
static NgStatus read_body(NgSegmenter *sr, NgSegments *sg, size_t part_begin)
{
    const char *t = sg->doc->text;
    NgStatus st = NG_SUCCESS;
    size_t pstart = SIZE_MAX, pend = 0;
    while (!st && sr->pos < sr->stop) {
        size_t at = sr->pos;
        Line l = next_line(sr);
        bool blank = is_blank(t, l);
        size_t tb;
        bool heading = !blank && is_heading(sg->lexicon, t, l.begin, l.end, &tb);
        size_t lb = l.begin, le = l.end;
        trim(t, &lb, &le);
        bool item = !blank && is_list_item(t, lb, le);
        bool full = at - part_begin >= sr->part_bytes;
        bool forced = pstart != SIZE_MAX && at - pstart >= sr->part_bytes;
        /* close the open paragraph? */
        if (pstart != SIZE_MAX && (blank || heading || item || !sr->blank_paragraphs || forced)) {
            st = split_paragraph(sg, pstart, pend, sr->para++);
            pstart = SIZE_MAX;
        }
        if (st)
            break;
        if (full && pstart == SIZE_MAX) {
            sr->pos = at;   /* the line opens the next part */
            break;
        }
        if (blank)
            continue;
        if (heading) {
            st = read_heading(sg, l, tb, le, &sr->para);
            continue;
        }
        if (pstart == SIZE_MAX)
            pstart = l.begin;
        pend = l.end;
        if (item) {
            st = split_paragraph(sg, pstart, pend, sr->para++);
            pstart = SIZE_MAX;
        }
    }
    if (!st && pstart != SIZE_MAX)
        st = split_paragraph(sg, pstart, pend, sr->para++);
    return st;
}

/* The first part's opening: the title (the first non-blank line, when it reads like one) and the
 * section that opens after it. */
static NgStatus read_opening(NgSegmenter *sr, NgSegments *sg)
{
    const char *t = sr->doc->text;
    NgStatus st = NG_SUCCESS;
    for (size_t at = sr->pos; sr->pos < sr->stop; at = sr->pos)
        if (!is_blank(t, next_line(sr))) {
            sr->pos = at;
            break;
        }
    if (sr->pos < sr->stop) {
        size_t at = sr->pos;
        Line l = next_line(sr);
        bool title = false;
        st = read_title(sg, l, &title, &sr->para);
        if (!title)
            sr->pos = at;
    }
    if (!st)
        st = open_section(sg, sr->pos < sr->stop ? sr->pos : sr->content.begin, (NgSpan){0, 0});
    return st;
}

/* The next part of the document, or *out NULL when all has been read.  Sentences and sections
 * hold the document's byte offsets; sections[0] is the global section section_base, continued
 * from the part before when first_continued (with the beginning and heading it had there), and
 * the last one goes on into the next part when last_open (its end is where the part ends). */
NgStatus ng_segmenter_next(NgSegmenter *sr, NgSegments **out)
{
    *out = NULL;
    if (sr->parts && sr->pos >= sr->stop)
        return NG_SUCCESS;
    NgSegments *sg = calloc(1, sizeof *sg);
    if (!sg)
        return NG_ERR_NOMEM;
    sg->doc = sr->doc;
    sg->lexicon = sr->lexicon;
    sg->content = sr->content;
    sg->section_base = sr->section;
    size_t part_begin = sr->pos;
    NgStatus st;
    if (sr->parts++ == 0) {
        st = read_opening(sr, sg);
    } else {
        sg->title = sr->title;
        sg->first_continued = true;
        st = open_section(sg, sr->open.span.begin, sr->open.heading);
    }
    if (!st)
        st = read_body(sr, sg, part_begin);
    sg->work += sr->work;
    sr->work = 0;
    if (st) {
        ng_segments_free(sg);
        return st;
    }
    if (sr->parts == 1)
        sr->title = sg->title;
    sg->last_open = sr->pos < sr->stop;
    sg->sections[sg->section_count - 1].span.end = sg->last_open ? sr->pos : sr->content.end;
    for (size_t i = 0; i < sg->section_count; i++)
        trim(sr->doc->text, &sg->sections[i].span.begin, &sg->sections[i].span.end);
    sr->section += sg->section_count - 1;
    sr->open = sg->sections[sg->section_count - 1];
    *out = sg;
    return NG_SUCCESS;
}

/* The whole document as one part. */
NgStatus ng_segment(const NgDocument *doc, const NgLexicon *lexicon, NgSegments **out)
{
    NgSegmenter *sr = NULL;
    *out = NULL;
    NgStatus st = ng_segmenter_new(doc, lexicon, SIZE_MAX, &sr);
    if (!st)
        st = ng_segmenter_next(sr, out);
    ng_segmenter_free(sr);
    return st;
}

void ng_segments_free(NgSegments *segments)
{
    if (!segments)
        return;
    free(segments->sections);
    free(segments->sentences);
    free(segments);
}

const NgDocument *ng_segments_document(const NgSegments *s) { return s->doc; }
NgSpan ng_segments_title(const NgSegments *s) { return s->title; }
NgSpan ng_segments_content(const NgSegments *s) { return s->content; }
size_t ng_segments_section_count(const NgSegments *s) { return s->section_count; }
const NgSection *ng_segments_section(const NgSegments *s, size_t i)
{
    return i < s->section_count ? &s->sections[i] : NULL;
}
size_t ng_segments_sentence_count(const NgSegments *s) { return s->sentence_count; }
const NgSentence *ng_segments_sentence(const NgSegments *s, size_t i)
{
    return i < s->sentence_count ? &s->sentences[i] : NULL;
}
