/* extract_clause.c — the clause queries every pass asks: is there a cue at this token, where does
 * the clause around it begin and end, which mentions lie in a stretch, is this word a past form.
 * They read the tokens and matches and change nothing. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

/* Does punctuation token i end a clause: ";", ":", a dash, a parenthesis? */
bool ngx_is_clause_break(const NgxCtx *c, size_t i)
{
    static const char *const breaks[] = {";", "\xE2\x80\x94", "\xE2\x80\x93", ":", "(", ")", NULL};
    return ngx_mark_in(c, i, breaks);
}

bool ngx_cue_at(const NgxCtx *c, size_t i, NgCueKind kind, size_t *len, const NgLexCue **cue)
{
    /* matches are sorted by token, longest first; a linear scan per call is avoided by callers
     * that only probe a few tokens. */
    const NgMatches *m = c->m;
    size_t lo = 0, hi = m->match_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->matches[mid].tok_begin < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < m->match_count && m->matches[k].tok_begin == i; k++) {
        const NgMatch *x = &m->matches[k];
        if (x->type == NG_M_CUE && x->cue_kind == kind) {
            if (len)
                *len = x->tok_end - x->tok_begin;
            if (cue)
                *cue = &c->lx->cues[x->ref];
            return true;
        }
    }
    return false;
}

char *ngx_text_of(const NgxCtx *c, size_t tb, size_t te)
{
    return ng_strndup(c->t + ngx_tok(c, tb)->span.begin, ngx_tok(c, te - 1)->span.end - ngx_tok(c, tb)->span.begin);
}

/* Is token i a demonym used as a plural noun ("Ruritanians" for the demonym "Ruritanian")? */
static bool ngx_is_demonym_noun(const NgxCtx *c, size_t i)
{
    const NgToken *t = ngx_tok(c, i);
    size_t n = t->span.end - t->span.begin, f;
    if (n < 3 || c->t[t->span.end - 1] != 's')
        return false;
    return ng_map_get(&c->lx->form_by_text, c->t + t->span.begin, n - 1, &f) &&
           c->lx->forms[f].role == NG_FORM_DEMONYM;
}

/* Is token i the head noun of a collective or unnamed source?  A group noun of the lexicon
 * ("analyst", "official", "diplomat"), or a plural noun whose commonest WordNet sense is a person
 * or a group ("farmers", "meatpackers", "protesters", "peacekeepers", "Ruritanians"), not inside a
 * name. */
bool ngx_group_word(const NgxCtx *c, size_t i)
{
    const NgToken *t = ngx_tok(c, i);
    if (!t->word || c->tok_in_name[i])
        return false;
    if (ngx_cue_at(c, i, NG_CUE_GROUP, NULL, NULL))
        return true;
    if (!ngx_on(c, NGX_R_ACTOR_PLURAL_GROUP) || c->wc[i] || (t->capitalized && !t->sentence_start && !ngx_is_demonym_noun(c, i)))
        return false;
    /* a plural ends in -s or is one of WordNet's irregular forms ("people", "police"): the others
     * need no look-up */
    size_t n = strlen(t->lower);
    if (t->lower[n - 1] != 's' && !ng_map_get(&c->lx->irregular, t->lower, n, NULL))
        return false;
    unsigned pos = 0;
    if (ng_wordnet_pos(c->lx, t->lower, &pos) || !(pos & NG_WN_PLURAL) || !(pos & NG_WN_NOUN))
        return false;
    char *files = NULL;
    if (ng_wordnet_noun_files(c->lx, t->lower, &files) || !files)
        return false;
    bool person = !strncmp(files, "noun.person", 11) || !strncmp(files, "noun.group", 10);
    free(files);
    return person;
}

/* The clause around token `at`: bounded by the sentence, clause punctuation and contrast words. */
void ngx_clause_of(const NgxCtx *c, size_t sentence, size_t at, size_t reach, size_t *cb, size_t *ce)
{
    const uint64_t contrast = NG_WC(NG_WC_BUT) | NG_WC(NG_WC_CONCESSIVE) | NG_WC(NG_WC_CONTRASTIVE);
    size_t tb = ngx_sent_tb(c, sentence), te = ngx_sent_te(c, sentence);
    size_t b = at, e = at + 1;
    while (b > tb && at - (b - 1) <= reach && !ngx_is_clause_break(c, b - 1) && !ngx_is(c, b - 1, contrast))
        b--;
    while (e < te && e - at <= reach && !ngx_is_clause_break(c, e) && !ngx_is(c, e, contrast))
        e++;
    *cb = b;
    *ce = e;
}

/* Mentions whose tokens lie within [tb, te). */
void ngx_mentions_in(const NgxCtx *c, size_t sentence, size_t tb, size_t te, size_t *first, size_t *last)
{
    size_t a = c->sent_first[sentence], b = c->sent_first[sentence + 1];
    while (a < b && c->ments[a].tb < tb)
        a++;
    size_t e = a;
    while (e < b && c->ments[e].te <= te)
        e++;
    *first = a;
    *last = e;
}

/* Index of the mention (in c->ments) that starts at token tb, or SIZE_MAX. */
size_t ngx_mention_at(const NgxCtx *c, size_t sentence, size_t tb)
{
    for (size_t k = c->sent_first[sentence]; k < c->sent_first[sentence + 1]; k++)
        if (c->ments[k].tb == tb)
            return k;
    return SIZE_MAX;
}

bool ngx_lists_overlap(const NgIndexList *a, const NgIndexList *b)
{
    for (size_t i = 0; i < a->count; i++)
        if (ng_index_list_has(b, a->items[i]))
            return true;
    return false;
}

void ngx_index_list_clear(NgIndexList *l)
{
    free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}

typedef struct {
    const char *target;
    bool found;
} SuperSearch;

static void on_super_class(void *ud, const char *super)
{
    SuperSearch *ss = ud;
    ss->found = ss->found || !strcmp(ss->target, super);
}

/* Is class `sub` a proper subclass of `super` in the loaded ontology? */
bool ngx_is_subclass(const NgLexicon *lx, const char *sub, const char *super)
{
    SuperSearch ss = {super, false};
    if (!strcmp(sub, super))
        return false;
    ng_lexicon_each_superclass(lx, sub, on_super_class, &ss);
    return ss.found;
}

/* Is token i a past-tense form ("returned", "left")?  The same test narration() makes. */
bool ngx_past_form(const NgxCtx *c, size_t i)
{
    const NgToken *k = ngx_tok(c, i);
    size_t n = strlen(k->lower);
    return k->word && !k->capitalized &&
           ((n > 4 && !strcmp(k->lower + n - 2, "ed")) ||
            (ng_map_get(&c->lx->irregular, k->lower, n, NULL) && k->lower[n - 1] != 's'));
}

/* The cue of `kind` (ng:VerbClass, ng:AgentNounClass, ng:PlaceNounClass) that names one of the
 * WordNet hypernyms of `word` as part of speech pos (the most specific first) or else its
 * lexicographer file, or SIZE_MAX. */
size_t ngx_wordnet_cue(NgxCtx *c, const char *word, char pos, NgCueKind kind)
{
    char *chain = NULL;
    if ((c->st = ng_wordnet_class(c->lx, word, pos, &chain)) || !chain)
        return SIZE_MAX;
    size_t file_len = strcspn(chain, " ");
    size_t cue = SIZE_MAX;
    for (const char *w = chain + file_len; *w && cue == SIZE_MAX;) {
        while (*w == ' ')
            w++;
        size_t n = strcspn(w, " ");
        if (n)
            cue = ng_lexicon_find_cue(c->lx, kind, w, n);
        w += n;
    }
    if (cue == SIZE_MAX)
        cue = ng_lexicon_find_cue(c->lx, kind, chain, file_len);
    free(chain);
    return cue;
}

/* Is the word before token i a person or actor that can mean something ("they", "Ruritania")? */
bool ngx_agent_before(const NgxCtx *c, size_t tb, size_t i)
{
    if (i <= tb)
        return false;
    if (ngx_is(c, i - 1, NG_WC(NG_WC_PRON_PERSON) | NG_WC(NG_WC_PRON_GROUP)))
        return true;
    size_t s = ngx_tok(c, i)->sentence;
    for (size_t k = c->sent_first[s]; k < c->sent_first[s + 1]; k++)
        if (c->ments[k].te == i)
            return true;
    return false;
}

bool ngx_coordinating(const NgxCtx *c, size_t from, size_t to)
{
    const uint64_t and = NG_WC(NG_WC_AND), the = NG_WC(NG_WC_DEFINITE);
    size_t gap = to - from, t = from;
    if (to <= from)
        return false;
    return (gap == 1 && (ngx_tok_is(c, t, ",") || ngx_is(c, t, and))) ||
           (gap == 2 && ngx_tok_is(c, t, ",") && ngx_is(c, t + 1, and)) ||
           (gap == 2 && ngx_is(c, t, and) && ngx_is(c, t + 1, the)) ||
           (gap == 3 && ngx_tok_is(c, t, ",") && ngx_is(c, t + 1, and) && ngx_is(c, t + 2, the));
}

int ngx_size_compare(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}
