/* extract_claims.c — the claims pass: every sentence that is no heading and no bare narration is
 * cut into the stretches that carry a claim of their own; each gets its source, its modality, its
 * polarity, and the actors and events it is about. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

/* Does a clause start at token b, or only a list of noun phrases or questions ("the issues that
 * matter: the war in Ruritania and the long-promised accord", "... well known: whether ...")?  A
 * clause has a verb we can see: an auxiliary, a pronoun subject, a cue verb or a past form. */
static bool clause_follows(const NgxCtx *c, size_t b, size_t te)
{
    if (b >= te || ngx_is(c, b, NG_WC(NG_WC_INTERROGATIVE)))
        return false;
    for (size_t i = b; i < te; i++) {
        if (ngx_is(c, i, NGX_AUXILIARY | NGX_PERSONAL))
            return true;
        if (i > b && !ngx_tok(c, i - 1)->word)
            continue; /* "long-promised": part of a compound */
        const char *w = ngx_tok(c, i)->lower;
        size_t n = strlen(w);
        if ((n > 4 && !strcmp(w + n - 2, "ed")) || ngx_cue_at(c, i, NG_CUE_REPORTING, NULL, NULL) ||
            ngx_cue_at(c, i, NG_CUE_ASSESSMENT, NULL, NULL) || ngx_cue_at(c, i, NG_CUE_HEDGE, NULL, NULL) ||
            ngx_cue_at(c, i, NG_CUE_PREDICTION, NULL, NULL))
            return true;
    }
    return false;
}

/* "noting", "adding": a reporting verb's participle */
static bool ing_report(const NgxCtx *c, size_t i)
{
    const char *w = ngx_tok(c, i)->lower;
    size_t n = strlen(w);
    return n > 4 && !strcmp(w + n - 3, "ing") && ngx_cue_at(c, i, NG_CUE_REPORTING, NULL, NULL);
}

/* ---------------------------------------------------------------- segments */

/* A cut rule looks at token i of a sentence ending before te and returns where a new stretch
 * would begin (SIZE_MAX: no cut here). */
typedef size_t (*CutRule)(const NgxCtx *c, size_t s, size_t i, size_t te);

/* "...; ..." and "The stakes are high: the talks ..." (a colon that introduces a clause). */
static size_t cut_semicolon_colon(const NgxCtx *c, size_t s, size_t i, size_t te)
{
    (void)s;
    if (ngx_tok_is(c, i, ";") || (ngx_tok_is(c, i, ":") && clause_follows(c, i + 1, te)))
        return i + 1;
    return SIZE_MAX;
}

/* "..., though the talks stalled": a concessive clause is a claim of its own. */
static size_t cut_concessive(const NgxCtx *c, size_t s, size_t i, size_t te)
{
    (void)s;
    (void)te;
    if (ngx_tok_is(c, i, ",") && ngx_is(c, i + 1, NG_WC(NG_WC_CONCESSIVE)))
        return i + 1;
    return SIZE_MAX;
}

/* "..., a step that could ...", "..., a charge he rejects": an appositive comment. */
static size_t cut_appositive_comment(const NgxCtx *c, size_t s, size_t i, size_t te)
{
    (void)s;
    if (ngx_tok_is(c, i, ",") && i + 3 < te && ngx_is(c, i + 1, NG_WC(NG_WC_INDEFINITE)) &&
        ngx_is(c, i + 3, NG_WC(NG_WC_COMPLEMENTIZER) | NG_WC(NG_WC_RELATIVE) | NGX_PERSONAL))
        return i + 1;
    return SIZE_MAX;
}

/* "..., noting that ...": a second statement of the same source. */
static size_t cut_participle_report(const NgxCtx *c, size_t s, size_t i, size_t te)
{
    (void)s;
    if (i + 2 < te && ngx_is(c, i + 2, NG_WC(NG_WC_COMPLEMENTIZER)) && ing_report(c, i + 1) &&
        (ngx_tok_is(c, i, ",") || (!ngx_tok(c, i)->word && ngx_tok_is(c, i - 1, ","))))
        return i + 1;
    return SIZE_MAX;
}

/* "..., and that ...", "..., and the army ...", "..., and Ruritania ...": a coordinated clause
 * with a subject of its own. */
static size_t cut_and_clause(const NgxCtx *c, size_t s, size_t i, size_t te)
{
    if (ngx_tok_is(c, i, ",") && ngx_is(c, i + 1, NG_WC(NG_WC_AND)) && i + 2 < te &&
        (ngx_is(c, i + 2, NG_WC(NG_WC_COMPLEMENTIZER) | NGX_ARTICLE) ||
         ngx_mention_at(c, s, i + 2) != SIZE_MAX || ngx_group_word(c, i + 2) ||
         (i + 3 < te && ngx_group_word(c, i + 3))))
        return i + 2;
    return SIZE_MAX;
}

/* Is token i inside a quotation that opened earlier in the sentence (from tb)? */
static bool quoted(const NgxCtx *c, size_t tb, size_t i)
{
    bool open = false;
    for (size_t k = tb; k < i; k++) {
        if (ngx_mark_in(c, k, (const char *const[]){"\xE2\x80\x9C", NULL}))
            open = true;
        else if (ngx_mark_in(c, k, (const char *const[]){"\xE2\x80\x9D", NULL}))
            open = false;
        else if (ngx_tok_is(c, k, "\""))
            open = !open;
    }
    return open;
}

/* "... cannot be a precondition — and a referendum is unlikely", "... calls the Marrow corridor —
 * a term Zenda rejects": a dash outside a quotation opens a claim of its own. */
static size_t cut_dash(const NgxCtx *c, size_t s, size_t i, size_t te)
{
    /* a spaced dash: "rhetoric—it was" joins what it separates */
    if (i + 1 >= te || !ngx_mark_in(c, i, (const char *const[]){"\xE2\x80\x94", NULL}) ||
        ngx_tok(c, i - 1)->span.end == ngx_tok(c, i)->span.begin || quoted(c, ngx_sent_tb(c, s), i))
        return SIZE_MAX;
    return ngx_is(c, i + 1, NG_WC(NG_WC_AND)) ? i + 2 : i + 1;
}

/* "He described X as a prison and said Y would ...": a past reporting verb after "and", its
 * subject left out, makes a claim of its own (of the same source). */
static size_t cut_coordinated_report(const NgxCtx *c, size_t s, size_t i, size_t te)
{
    (void)s;
    size_t v = i + 1;
    if (!ngx_is(c, i, NG_WC(NG_WC_AND)) || v >= te)
        return SIZE_MAX;
    if (ngx_tok(c, v)->word && !ngx_tok(c, v)->capitalized && ngx_cue_at(c, v, NG_CUE_REPORTING, NULL, NULL) &&
        ngx_past_form(c, v))
        return i;
    return SIZE_MAX;
}

static const struct {
    NgxRule rule;
    CutRule fn;
} cut_rules[] = {
    {NGX_R_CLAIM_CUT_SEMICOLON_COLON, cut_semicolon_colon},
    {NGX_R_CLAIM_CUT_CONCESSIVE, cut_concessive},
    {NGX_R_CLAIM_CUT_APPOSITIVE, cut_appositive_comment},
    {NGX_R_CLAIM_CUT_PARTICIPLE, cut_participle_report},
    {NGX_R_CLAIM_CUT_AND_CLAUSE, cut_and_clause},
    {NGX_R_CLAIM_CUT_COORDINATED_REPORT, cut_coordinated_report},
    {NGX_R_CLAIM_CUT_DASH, cut_dash},
};

/* Splits a sentence into the stretches that can carry a claim of their own, where a cut rule
 * says so.  A stretch shorter than five words stays with its neighbour (four after an appositive
 * "a"/"an").  Writes token starts into cut[], returns the count. */
static size_t claim_segments(const NgxCtx *c, size_t s, size_t cut[8])
{
    size_t tb = ngx_sent_tb(c, s), te = ngx_sent_te(c, s);
    size_t n = 0;
    cut[n++] = tb;
    for (size_t i = tb + 1; i + 1 < te && n < 7; i++) {
        size_t at = SIZE_MAX;
        for (size_t r = 0; r < sizeof cut_rules / sizeof cut_rules[0] && at == SIZE_MAX; r++)
            if (ngx_on(c, cut_rules[r].rule))
                at = cut_rules[r].fn(c, s, i, te);
        if (at == SIZE_MAX)
            continue;
        size_t wb = 0, wa = 0;
        for (size_t k = cut[n - 1]; k < at; k++)
            wb += ngx_tok(c, k)->word;
        for (size_t k = at; k < te; k++)
            wa += ngx_tok(c, k)->word;
        bool appositive = ngx_is(c, at, NG_WC(NG_WC_INDEFINITE));
        if (wb >= NGX_MIN_SEGMENT_WORDS &&
            (wa >= NGX_MIN_SEGMENT_WORDS || (appositive && wa >= NGX_MIN_SEGMENT_WORDS - 1)))
            cut[n++] = at;
    }
    cut[n] = te;
    return n;
}

static NgStatus new_claim(NgxCtx *c, size_t s, size_t tb, size_t te, size_t source, NgModality mod)
{
    NgExtraction *x = c->x;
    NgStatus st = ng_grow((void **)&x->claims, &x->claim_cap, x->claim_count + 1, sizeof(NgXClaim));
    if (st)
        return st;
    NgXClaim *cl = &x->claims[x->claim_count++];
    memset(cl, 0, sizeof *cl);
    /* the span: the segment without a leading conjunction or trailing punctuation */
    while (tb < te && (!ngx_tok(c, tb)->word || ngx_is(c, tb, NG_WC(NG_WC_AND))) &&
           !ngx_mark_in(c, tb, (const char *const[]){"\xE2\x80\x9C", "\"", NULL}))
        tb++;
    size_t e = te;
    while (e > tb + 1 && !ngx_tok(c, e - 1)->word && ngx_mark_in(c, e - 1, (const char *const[]){",", ";", ":", NULL}))
        e--;
    cl->span = (NgSpan){ngx_tok(c, tb)->span.begin, ngx_tok(c, e - 1)->span.end};
    if (te == ngx_sent_te(c, s) && tb == ngx_sent_tb(c, s))
        cl->span = c->sg->sentences[s].span;
    cl->sentence = s;
    cl->source = source;
    cl->modality = mod;
    bool omission = false;
    for (size_t i = tb; i < te; i++) {
        if (ngx_cue_at(c, i, NG_CUE_NEGATION, NULL, NULL))
            cl->negated = true;
        if (ngx_cue_at(c, i, NG_CUE_OMISSION, NULL, NULL))
            omission = true;
    }
    cl->negated = cl->negated || omission;
    cl->kind = omission ? NG_CLAIM_OMISSION
               : mod == NG_MOD_REPORTED ? NG_CLAIM_DECLARATION
               : mod == NG_MOD_PREDICTED ? NG_CLAIM_PREDICTION : NG_CLAIM_ASSESSMENT;
    size_t first, last;
    ngx_mentions_in(c, s, tb, te, &first, &last);
    for (size_t i = first; i < last && !c->st; i++)
        if (c->ments[i].actor != source)
            ngx_add_with_led_states(c, &cl->about_actors, c->ments[i].actor);
    for (size_t i = tb; i < te && !c->st; i++) {
        size_t a, b;
        if (ngx_pair_reference(c, s, i, &a, &b)) {
            c->st = ng_index_list_add_counted(&cl->about_actors, a, c->work);
            if (!c->st)
                c->st = ng_index_list_add_counted(&cl->about_actors, b, c->work);
        }
    }
    /* the events with a span inside the claim's, in event order: a binary search in the spans
     * sorted by begin, then only the spans that begin inside the claim */
    size_t lo = 0, hi = c->nevspans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        (*c->work)++;
        if (c->evspans[mid].span.begin < cl->span.begin)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t n = 0, *found = NULL, cap = 0;
    for (size_t k = lo; k < c->nevspans && c->evspans[k].span.begin <= cl->span.end && !c->st; k++) {
        (*c->work)++;
        if (c->evspans[k].span.end <= cl->span.end &&
            !(c->st = ng_grow((void **)&found, &cap, n + 1, sizeof *found)))
            found[n++] = c->evspans[k].event;
    }
    if (n > 1)
        qsort(found, n, sizeof *found, ngx_size_compare);
    for (size_t k = 0; k < n && !c->st; k++)
        if (k == 0 || found[k] != found[k - 1])
            c->st = ng_index_list_add_counted(&cl->about_events, found[k], c->work);
    free(found);
    return c->st;
}

/* Is [tb, te) plain narration, an event for the record rather than a claim?  "In May, Ruritania
 * hosted the first summit", "A truce took hold two days later", "the envoys met 21 times": wholly
 * in the past (a past-tense verb, no present-tense auxiliary), anchored to a date (a month, a year,
 * "later", "afterwards") or told with an event trigger as its verb, with no cue of a claim
 * (reporting, assessment, hedge, prediction, omission; a negation alone does not make one: "a
 * round planned for June never happened"), no cause or concession, no copular characterisation
 * ("was the first ...", "was not ..."), and about an event or an actor's deed.  A date inside a
 * clause opened by "when", "as", ... sets the scene for the main clause and does not count. */
static bool narration(const NgxCtx *c, size_t s, size_t tb, size_t te)
{
    /* a present tense, or a cause or a concession ("because", "despite", "but"): an argument, not
     * a record */
    const uint64_t arguing = NG_WC(NG_WC_PRESENT) | NG_WC(NG_WC_ARGUMENT);
    const uint64_t subordinate = NG_WC(NG_WC_TEMPORAL_CONJ) | NG_WC(NG_WC_CONDITIONAL_CONJ) |
                                 NG_WC(NG_WC_INTERROGATIVE);
    bool past = false, dated = false, scene = false, verbal = false, prev_past = false;
    for (size_t i = tb; i < te; i++) {
        size_t len;
        /* "the NDF has besieged Port Avalon since May": a present perfect narrates too */
        bool perfect = ngx_on(c, NGX_R_CLAIM_NARRATION_PERFECT) && ngx_is(c, i, NG_WC(NG_WC_HAVE)) &&
                       i + 1 < te && ngx_past_form(c, i + 1);
        if ((ngx_is(c, i, arguing) && !perfect) || ngx_tok_is(c, i, ":"))
            return false; /* a colon introduces an explanation: "The result was stark: ..." */
        if (i > tb && ngx_tok_is(c, i - 1, ",") && ngx_is(c, i, NG_WC(NG_WC_RELATIVE)))
            return false; /* "..., which changed the balance": a comment on what happened */
        if (ngx_is(c, i, NG_WC(NG_WC_PAST_BE)) && i + 1 < te) {
            size_t p = i + 1; /* past one adverb: "was only the first step" */
            if (p + 1 < te && ngx_is(c, p, NG_WC(NG_WC_FOCUS)))
                p++;
            if (ngx_is(c, p, NG_WC(NG_WC_CHARACTERISING)))
                return false;
        }
        if ((ngx_cue_at(c, i, NG_CUE_REPORTING, &len, NULL) && !ngx_reporting_noun(c, i, tb)) ||
            ngx_cue_at(c, i, NG_CUE_ASSESSMENT, &len, NULL) ||
            ngx_cue_at(c, i, NG_CUE_OMISSION, &len, NULL) ||
            ngx_cue_at(c, i, NG_CUE_PREDICTION, &len, NULL) ||
            (ngx_cue_at(c, i, NG_CUE_HEDGE, &len, NULL) && !ngx_is_month_date(c, i)))
            return false;
        int y;
        /* "since 2017", "before March": a preposition with its date, not a clause */
        bool prep = i + 1 < te && (ngx_year_of(c, i + 1, &y) || ngx_is_month_date(c, i + 1));
        if ((ngx_is(c, i, subordinate) && !prep) ||
            (i > tb && ngx_tok_is(c, i - 1, ",") && ngx_is(c, i, NG_WC(NG_WC_INDEFINITE))))
            scene = true; /* also an apposition: ", a practice the bloc adopted in 2021" */
        else if (ngx_tok_is(c, i, ",") || ngx_is_clause_break(c, i))
            scene = false;
        /* a month or year right after a determiner names a thing ("the October meeting", "the
         * 2015 accord"), not a time */
        bool attributive = i > tb && ngx_is(c, i - 1, NGX_ARTICLE | NGX_POSSESSIVE);
        if (!scene && ((ngx_is_month_date(c, i) && !attributive) || (ngx_year_of(c, i, &y) && !attributive) ||
                       ngx_is(c, i, NG_WC(NG_WC_SEQUENCE)) ||
                       (i + 1 < te && ngx_is(c, i, NG_WC(NG_WC_SEQUEL)) && ngx_time_word(c, i + 1))))
            dated = true;
        bool past_here = ngx_past_form(c, i);
        /* "the envoys met twice", "the talks were brokered by Freedonia": the past-tense verb
         * is itself an event's trigger (not a participle after another verb: "stayed deployed") */
        if (past_here && ngx_cue_at(c, i, NG_CUE_EVENT, NULL, NULL) &&
            (!prev_past || ngx_is(c, i - 1, NG_WC(NG_WC_PAST_BE))))
            verbal = true;
        past = past || past_here;
        prev_past = past_here;
    }
    if (!past || !(dated || verbal))
        return false;
    /* and it narrates an event or what an actor did; "the economy of Ruritania shrank in 2023"
     * is a finding, not a record */
    size_t b = ngx_tok(c, tb)->span.begin, e = ngx_tok(c, te - 1)->span.end;
    size_t lo = 0, hi = c->nevspans; /* the first event span beginning at or after b */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        (*c->work)++;
        if (c->evspans[mid].span.begin < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->nevspans && c->evspans[lo].span.begin < e)
        return true;
    for (size_t i = tb; i < te; i++)
        if (ngx_group_word(c, i))
            return true;
    size_t first, last;
    ngx_mentions_in(c, s, tb, te, &first, &last);
    for (size_t k = first; k < last; k++) {
        size_t after = c->ments[k].te;
        if (!(after + 1 < te && ngx_clitic_s(c, after + 1)))
            return true; /* not a possessive: "Ruritania's economy" */
    }
    return false;
}

/* ---------------------------------------------------------------- the pass */

/* What the claims pass carries from sentence to sentence and segment to segment. */
typedef struct {
    size_t last_speaker;    /* the last non-state source, for "he said" */
    NgxSource enum_source;  /* who began an enumeration ("three reasons: First, ...") */
    NgModality enum_mod;
    bool ordinal;           /* this sentence opens with "First", "Second", ... */
    NgxSource prev;         /* the previous segment's source */
    size_t lead_in;         /* where an author's "The stakes are high:" began, or SIZE_MAX */
    NgxSource list_source;  /* "The main points, according to X:": who the list items are */
    bool conveyed;          /* the items of "the message conveyed two things" are what it said */
} ClaimState;

/* Does sentence s open with a list marker ("- ", "* ", a bullet)? */
static bool list_item(const NgxCtx *c, size_t s)
{
    size_t tb = ngx_sent_tb(c, s);
    return tb < ngx_sent_te(c, s) &&
           ngx_mark_in(c, tb, (const char *const[]){"-", "*", "\xE2\x80\xA2", "\xE2\x80\x93", NULL});
}

/* "The main points, according to the European Commission:" followed by a list: the lead-in makes
 * no claim of its own, and its source is the source of every item of the list that follows.
 * True when sentence s is such a lead-in (cs->list_source then holds its source). */
static bool list_lead_in(NgxCtx *c, ClaimState *cs, size_t s)
{
    size_t tb = ngx_sent_tb(c, s), te = ngx_sent_te(c, s);
    if (!ngx_on(c, NGX_R_CLAIM_LIST_SOURCE) || te == tb || !ngx_tok_is(c, te - 1, ":") ||
        s + 1 >= c->sg->sentence_count || !list_item(c, s + 1))
        return false;
    NgxSource src = ngx_source_of(c, s, tb, te, cs->last_speaker);
    if (!src.count)
        return false;
    cs->list_source = src;
    return true;
}

/* Does sentence s tell what was communicated: a past-tense verb whose commonest WordNet sense
 * is a verb of communication ("the message conveyed two things", "the visit signalled three")?
 * Rule modality.conveyed-items. */
static bool tells_content(NgxCtx *c, size_t s)
{
    if (!ngx_on(c, NGX_R_MODALITY_CONVEYED_ITEMS))
        return false;
    bool told = false;
    for (size_t i = ngx_sent_tb(c, s); i < ngx_sent_te(c, s) && !told && !c->st; i++) {
        char *chain = NULL;
        if (!ngx_past_form(c, i) || c->tok_in_name[i])
            continue;
        told = !(c->st = ng_wordnet_class(c->lx, ngx_tok(c, i)->lower, 'v', &chain)) && chain &&
               !strncmp(chain, "verb.communication", 18);
        free(chain);
    }
    return told;
}

/* "For Ruritania, the summit conveyed two things. First, ...": an author's sentence that ends
 * in a number and a noun, when the next sentence opens the enumeration, announces the items that
 * follow and makes no claim of its own; the items do.  (An analyst's "Analysts highlight three
 * likely areas" is the analysts' claim, and their source goes to the items: claim.enumeration.) */
static bool announces_items(NgxCtx *c, const ClaimState *cs, size_t s)
{
    size_t tb = ngx_sent_tb(c, s), te = ngx_sent_te(c, s);
    if (!ngx_on(c, NGX_R_CLAIM_ANNOUNCEMENT) || s + 1 >= c->sg->sentence_count ||
        !ngx_is(c, ngx_sent_tb(c, s + 1), NG_WC(NG_WC_ENUMERATOR)))
        return false;
    size_t last = te;
    while (last > tb && !ngx_tok(c, last - 1)->word)
        last--; /* the final stop or colon */
    if (last < tb + 3 || !ngx_is(c, last - 2, NG_WC(NG_WC_CARDINAL)) || ngx_tok(c, last - 1)->capitalized)
        return false;
    NgxSource src = ngx_source_of(c, s, tb, te, cs->last_speaker);
    return !c->st && src.count == 0;
}

/* Is sentence s the article's title written as a sentence ("EU and Andesur seal a trade pact,
 * but the hardest fight is in Europe"), not in title case?  Such a title makes an assessment: a
 * claim of the author. */
static bool sentence_title(const NgxCtx *c, size_t s)
{
    const NgSegments *sg = c->sg;
    if (!ngx_on(c, NGX_R_CLAIM_TITLE) || !sg->sentences[s].heading || sg->title.end <= sg->title.begin ||
        sg->sentences[s].span.begin != sg->title.begin)
        return false;
    size_t lower = 0, upper = 0;
    for (size_t i = ngx_sent_tb(c, s) + 1; i < ngx_sent_te(c, s); i++) {
        const NgToken *t = ngx_tok(c, i);
        if (!t->word || c->tok_in_name[i] || (t->lower[0] >= '0' && t->lower[0] <= '9'))
            continue;
        if (t->capitalized)
            upper++;
        else
            lower++;
    }
    return lower >= 3 && lower > 2 * upper;
}

/* Can sentence s carry a claim at all?  Not a heading, and at least three words; three words only
 * with a lower-case word and a final stop ("Mistrust remains deep." is a claim, "By Jane Roe" a
 * byline). */
static bool may_claim(const NgxCtx *c, size_t s)
{
    if (c->sg->sentences[s].heading)
        return sentence_title(c, s);
    size_t tb = ngx_sent_tb(c, s), te = ngx_sent_te(c, s), words = 0;
    for (size_t i = tb; i < te; i++)
        words += ngx_tok(c, i)->word;
    if (words != 3 || !ngx_on(c, NGX_R_CLAIM_BYLINE))
        return words >= 3;
    bool lower = false;
    for (size_t i = tb + 1; i < te; i++)
        lower = lower || (ngx_tok(c, i)->word && !ngx_tok(c, i)->capitalized);
    return lower && ngx_mark_in(c, te - 1, (const char *const[]){".", "!", "?", NULL});
}

/* "..., and that it would ..." continues the same report; so do a speculative ", and the
 * question is likely to ..." after "Diplomats say ..." and "..., adding that ...": the segment
 * [sb, se) takes the previous segment's source. */
static bool continues_report(const NgxCtx *c, size_t sb, size_t se)
{
    bool speculative = ngx_modality_in(c, sb, se) != NG_MOD_ASSERTED;
    const uint64_t and = NG_WC(NG_WC_AND), that = NG_WC(NG_WC_COMPLEMENTIZER);
    size_t lead = sb < se && ngx_is(c, sb, and) ? sb + 1 : sb;
    bool after_and = lead > sb || (sb > 0 && ngx_is(c, sb - 1, and));
    size_t v = lead < se && ngx_is(c, lead, NG_WC(NG_WC_PRON_THING) | NG_WC(NG_WC_PRON_GROUP)) ? lead + 1 : lead;
    bool verb_first = v < se && ngx_tok(c, v)->word && !ngx_tok(c, v)->capitalized &&
                      ngx_cue_at(c, v, NG_CUE_REPORTING, NULL, NULL); /* "and said ...", "; it called for" */
    return ngx_is(c, lead, that) || (speculative && after_and) || verb_first ||
           (lead + 1 < se && ing_report(c, lead) && ngx_is(c, lead + 1, that));
}

/* Makes the claims of segment g of sentence s (cut[] from claim_segments). */
static void claim_segment(NgxCtx *c, ClaimState *cs, size_t s, const size_t *cut, size_t nseg, size_t g)
{
    size_t sb = cut[g], se = cut[g + 1];
    NgxSource src = ngx_source_of(c, s, sb, se, cs->last_speaker);
    if (c->st)
        return;
    NgModality mod = ngx_claim_modality(c, s, sb, se, &src);
    /* an author's lead-in before a colon announces the claim that follows; when the author makes
     * that one too, they are one claim */
    if (ngx_on(c, NGX_R_CLAIM_LEAD_IN) && !src.count && mod == NG_MOD_ASSERTED && g + 1 < nseg &&
        ngx_tok_is(c, se - 1, ":")) {
        NgxSource next = ngx_source_of(c, s, se, cut[g + 2], cs->last_speaker);
        if (c->st || !next.count) {
            cs->lead_in = sb;
            cs->prev = src;
            return;
        }
    }
    size_t cb = cs->lead_in != SIZE_MAX ? cs->lead_in : sb;
    cs->lead_in = SIZE_MAX;
    /* a dash opens the author's aside: "he said ... — and a referendum is unlikely" */
    bool aside = sb > 0 && (ngx_mark_in(c, sb - 1, (const char *const[]){"\xE2\x80\x94", NULL}) ||
                            (sb > 1 && ngx_mark_in(c, sb - 2, (const char *const[]){"\xE2\x80\x94", NULL})));
    if (ngx_on(c, NGX_R_CLAIM_CONTINUES_REPORT) && !src.count && g > 0 && cs->prev.count && !aside &&
        continues_report(c, sb, se)) {
        src = cs->prev;
        mod = ngx_claim_modality(c, s, sb, se, &src);
    }
    if (!src.count && cs->list_source.count && list_item(c, s)) {
        src = cs->list_source; /* an item of a list "according to X:" */
        mod = ngx_claim_modality(c, s, sb, se, &src);
    }
    if (ngx_on(c, NGX_R_CLAIM_ENUMERATION) && !src.count && cs->ordinal && cs->enum_source.count) {
        src = cs->enum_source; /* "First, ...", "Second, ..." continue an analyst's list */
        NgModality own = ngx_modality_in(c, sb, se);
        mod = own == NG_MOD_ASSERTED ? cs->enum_mod : own;
    }
    /* "this message conveyed two things. First, ... China will remain a partner": what the message
     * says, as in "they signalled that the pact will endure", not the author's forecast */
    if (cs->conveyed && cs->ordinal && !src.count && mod == NG_MOD_PREDICTED)
        mod = NG_MOD_ASSERTED;
    if (!cs->ordinal && src.count) {
        for (size_t i = sb; i < se; i++)
            if (ngx_is(c, i, NG_WC(NG_WC_CARDINAL) | NG_WC(NG_WC_QUANTIFIER))) {
                cs->enum_source = src;
                cs->enum_mod = mod;
            }
    }
    if (src.count == 0) {
        if (!(ngx_on(c, NGX_R_CLAIM_NARRATION) && mod == NG_MOD_ASSERTED && cb == sb && narration(c, s, sb, se)))
            c->st = new_claim(c, s, cb, se, SIZE_MAX, mod);
        else
            ngx_note(c, s, sb, se, "sentence", "plain narration in the past, dated: told for the record, not argued");
    } else {
        for (size_t k = 0; k < src.count && !c->st; k++)
            c->st = new_claim(c, s, cb, se, src.source[k], mod);
        if (c->x->actors[src.source[0]].kind != NG_KIND_STATE)
            cs->last_speaker = src.source[0];
    }
    cs->prev = src;
}

/* The claims pass: every sentence that may carry a claim, segment by segment. */
void ngx_pass_claims(NgxCtx *c)
{
    ClaimState cs = {.last_speaker = SIZE_MAX, .enum_mod = NG_MOD_ASSERTED, .lead_in = SIZE_MAX};
    for (size_t s = 0; s < c->sg->sentence_count && !c->st; s++) {
        if (!list_item(c, s))
            cs.list_source.count = 0;
        if (!may_claim(c, s)) {
            ngx_note(c, s, ngx_sent_tb(c, s), ngx_sent_te(c, s), "sentence",
                     c->sg->sentences[s].heading ? "a heading names a topic" : "under three words: a byline or a label");
            continue;
        }
        if (list_lead_in(c, &cs, s)) {
            ngx_note(c, s, ngx_sent_tb(c, s), ngx_sent_te(c, s), "sentence", "a list's lead-in: its items carry what it says");
            continue;
        }
        if (announces_items(c, &cs, s)) {
            ngx_note(c, s, ngx_sent_tb(c, s), ngx_sent_te(c, s), "sentence",
                     "announces the items that follow: they carry what it says");
            cs.enum_source.count = 0;
            cs.conveyed = tells_content(c, s);
            continue;
        }
        cs.ordinal = ngx_is(c, ngx_sent_tb(c, s), NG_WC(NG_WC_ENUMERATOR));
        if (!cs.ordinal)
            cs.enum_source.count = 0, cs.conveyed = false;
        size_t cut[8];
        size_t nseg = claim_segments(c, s, cut);
        cs.prev = (NgxSource){{0}, 0};
        cs.lead_in = SIZE_MAX;
        for (size_t g = 0; g < nseg && !c->st; g++)
            claim_segment(c, &cs, s, cut, nseg, g);
    }
}
