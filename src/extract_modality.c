/* extract_modality.c — how sure a stretch of text is: hedged > predicted > reported > asserted,
 * as the annotation conventions rank them; a named source's forecast about its own conduct is a
 * pledge, so it stays reported. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

/* The modality a stretch states by its own words: hedged when a hedge cue occurs (not "without
 * doubt", not "May 3", not "could not"), predicted when a prediction cue occurs outside a question,
 * else asserted.  A source's report is made of it by ngx_claim_modality. */
NgModality ngx_modality_in(const NgxCtx *c, size_t tb, size_t te)
{
    bool pred = false;
    /* "whether the accord will hold": a question, not a forecast */
    bool question = false;
    for (size_t i = tb; i < te; i++) {
        /* "could not return": the past of "cannot", an impossibility rather than a doubt */
        bool cannot = ngx_on(c, NGX_R_MODALITY_COULD_NOT) && ngx_is(c, i, NG_WC(NG_WC_ABILITY)) && i + 1 < te &&
                      ngx_is(c, i + 1, NG_WC(NG_WC_NEGATOR));
        /* "would have to follow": a necessity rather than a forecast */
        bool must = ngx_on(c, NGX_R_MODALITY_NECESSITY) && i + 2 < te && ngx_is(c, i + 1, NG_WC(NG_WC_NECESSITY)) &&
                    ngx_is(c, i + 2, NG_WC(NG_WC_INFINITIVE));
        if (ngx_cue_at(c, i, NG_CUE_HEDGE, NULL, NULL) && !(ngx_on(c, NGX_R_MODALITY_WITHOUT) && i > tb && ngx_is(c, i - 1, NG_WC(NG_WC_PRIVATIVE))) &&
            !ngx_is_month_date(c, i) && !cannot)
            return NG_MOD_HEDGED;
        if (must)
            continue;
        size_t len;
        if (ngx_on(c, NGX_R_MODALITY_QUESTION) && ngx_is(c, i, NG_WC(NG_WC_INTERROGATIVE)))
            question = true;
        else if (ngx_on(c, NGX_R_MODALITY_SIGNALLED_THAT) && ngx_cue_at(c, i, NG_CUE_ASSESSMENT, &len, NULL) && i + len < te &&
                 ngx_is(c, i + len, NG_WC(NG_WC_COMPLEMENTIZER)) && ngx_agent_before(c, tb, i))
            question = true; /* "they signalled that the pact will endure": what they meant */
        else if (ngx_is_clause_break(c, i))
            question = false;
        pred = pred || (!question && ngx_cue_at(c, i, NG_CUE_PREDICTION, NULL, NULL));
    }
    return pred ? NG_MOD_PREDICTED : NG_MOD_ASSERTED;
}

/* Is the forecast at prediction cue p about the source's own conduct?  Its subject (the word
 * before the modal) is a pronoun, the source itself, or a state the source leads: "Israel will
 * act again" said by Israel's prime minister, "it would cease to apply" said by a minister. */
/* Does `person` lead or belong to `actor`, by the lexicon or by a relation the text states
 * ("Sylvania's Tomas Vega", "Foreign Minister X of Y")? */
static bool affiliated(const NgxCtx *c, size_t person, size_t actor)
{
    if (ngx_leads(c, person, actor))
        return true;
    for (size_t i = 0; i < c->x->relation_count; i++) {
        const NgXRelation *r = &c->x->relations[i];
        if (r->subject == person && r->object == actor &&
            (!strcmp(r->property, NG_NS "leaderOf") || !strcmp(r->property, NG_NS "memberOf")))
            return true;
    }
    return false;
}

static bool own_conduct(const NgxCtx *c, size_t s, size_t tb, size_t p, size_t source)
{
    if (p == tb)
        return true;
    if (ngx_is(c, p - 1, NGX_PERSONAL | NG_WC(NG_WC_COMPLEMENTIZER) | NG_WC(NG_WC_RELATIVE)))
        return true;
    /* "his government will not accept": the source's own */
    if (p >= tb + 2 && ngx_is(c, p - 2, NGX_POSSESSIVE) && ngx_tok(c, p - 1)->word)
        return true;
    /* "Japan said the two countries will sign": a pair that includes the source */
    for (size_t q = p > tb + NGX_PRONOUN_REACH ? p - NGX_PRONOUN_REACH : tb; q < p; q++) {
        size_t a, b;
        if (ngx_pair_reference(c, s, q, &a, &b) && (a == source || b == source))
            return true;
    }
    for (size_t k = c->sent_first[s]; k < c->sent_first[s + 1]; k++) {
        if (c->ments[k].te != p)
            continue;
        /* the subject and whoever is coordinated with it: "France and Germany would sign" */
        for (size_t q = k + 1; q-- > c->sent_first[s];) {
            const NgxMention *mm = &c->ments[q];
            if (q < k) {
                if (!ngx_coordinating(c, mm->te, c->ments[q + 1].tb))
                    break;
            }
            if (mm->actor == source || affiliated(c, source, mm->actor))
                return true;
        }
        return false;
    }
    return false;
}

/* Modality by the annotation conventions' precedence: hedged > predicted > reported > asserted.
 * A named source's forecast about its own conduct is a pledge, so it stays reported. */
NgModality ngx_claim_modality(const NgxCtx *c, size_t s, size_t tb, size_t te, const NgxSource *src)
{
    NgModality mod = ngx_modality_in(c, tb, te);
    bool named = src->count && c->x->actors[src->source[0]].kind != NG_KIND_GROUP;
    if (mod == NG_MOD_ASSERTED && src->count)
        mod = NG_MOD_REPORTED;
    /* "pledged that its stores would stop": a source that binds itself reports its own conduct */
    for (size_t i = tb; i < te && mod == NG_MOD_PREDICTED && named && ngx_on(c, NGX_R_MODALITY_COMMITMENT); i++) {
        const NgLexCue *cue;
        if (ngx_cue_at(c, i, NG_CUE_REPORTING, NULL, &cue) && cue->commitment)
            mod = NG_MOD_REPORTED;
    }
    if (mod == NG_MOD_PREDICTED && named && ngx_on(c, NGX_R_MODALITY_OWN_CONDUCT)) {
        for (size_t i = tb; i < te; i++)
            if (ngx_cue_at(c, i, NG_CUE_PREDICTION, NULL, NULL)) {
                if (own_conduct(c, s, tb, i, src->source[0]))
                    mod = NG_MOD_REPORTED;
                break;
            }
    }
    return mod;
}
