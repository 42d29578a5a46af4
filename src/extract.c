/* extract.c — stage 4: tokens and matches -> actors, events, claims and relations.
 *
 * The extractor knows English clause shapes, not the world: which words are triggers, cues, titles
 * or organisation heads comes from the lexicon through the matches.  This file is the driver: it
 * sets up one working context (extract.h) and runs the passes in order; each pass is a file of
 * its own (extract_*.c), listed in extract.h and in docs/design.md. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

typedef void (*NgxPass)(NgxCtx *c);

/* The passes, in the order they run.  Each reads what the ones before it made. */
static const NgxPass passes[] = {
    ngx_pass_article_year,   /* the year that dates a "May 3" without one */
    ngx_pass_actors,         /* lexicon mentions, unknown names, possessive groups */
    ngx_pass_coref,          /* "the agency", "the army chief" for actors named before */
    ngx_pass_index_mentions, /* mentions by sentence, for everything after */
    ngx_pass_events,         /* triggers -> events, with participants, time, place */
    ngx_pass_index_events,   /* event spans by offset, for the claims */
    ngx_pass_claims,         /* claims with source, modality, polarity, topics */
    ngx_pass_relations,      /* relations between actors */
};

/* Frees what the context owns (not the extraction). */
static void ctx_free(NgxCtx *c)
{
    free(c->actor_of_lex);
    free(c->tok_in_name);
    free(c->wc);
    free(c->ments);
    free(c->sent_first);
    ng_map_free(&c->actor_by_key);
    ng_map_free(&c->person_part);
    free(c->evspans);
}

NgStatus ng_extract(const NgMatches *matches, NgExtraction **out)
{
    *out = NULL;
    NgExtraction *x = calloc(1, sizeof *x);
    if (!x)
        return NG_ERR_NOMEM;
    x->matches = matches;
    NgxPairCache dom = {0};
    size_t mention_gen = 0;
    NgxCtx c = {0};
    c.x = x;
    c.m = matches;
    c.lx = matches->lexicon;
    c.sg = matches->segments;
    c.t = c.sg->doc->text;
    c.work = &x->work;
    c.mention_gen = &mention_gen;
    c.dom = &dom;
    c.actor_of_lex = malloc((c.lx->actor_count ? c.lx->actor_count : 1) * sizeof(size_t));
    c.tok_in_name = calloc(matches->token_count + 1, sizeof(bool));
    c.wc = calloc(matches->token_count + 1, sizeof(uint64_t));
    if (!c.actor_of_lex || !c.tok_in_name || !c.wc)
        c.st = NG_ERR_NOMEM;
    for (size_t i = 0; !c.st && i < matches->token_count; i++) {
        const NgToken *t = &matches->tokens[i];
        if (t->word)
            c.wc[i] = ng_lexicon_word_classes(c.lx, t->lower, strlen(t->lower));
    }
    for (size_t i = 0; !c.st && i < c.lx->actor_count; i++)
        c.actor_of_lex[i] = SIZE_MAX;
    for (size_t p = 0; p < sizeof passes / sizeof passes[0] && !c.st; p++)
        passes[p](&c);
    ctx_free(&c);
    if (c.st) {
        ng_extraction_free(x);
        return c.st;
    }
    *out = x;
    return NG_SUCCESS;
}

void ng_extraction_free(NgExtraction *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->actor_count; i++) {
        free(x->actors[i].label);
        free(x->actors[i].slug);
        free(x->actors[i].mentions.items);
        free(x->actors[i].alt[0]);
        free(x->actors[i].alt[1]);
    }
    for (size_t i = 0; i < x->event_count; i++) {
        free(x->events[i].label);
        free(x->events[i].actors.items);
        free(x->events[i].spans.items);
    }
    for (size_t i = 0; i < x->claim_count; i++) {
        free(x->claims[i].about_actors.items);
        free(x->claims[i].about_events.items);
    }
    free(x->actors);
    free(x->events);
    free(x->claims);
    free(x->relations);
    free(x);
}

size_t ng_extraction_actor_count(const NgExtraction *x) { return x->actor_count; }
size_t ng_extraction_event_count(const NgExtraction *x) { return x->event_count; }
size_t ng_extraction_claim_count(const NgExtraction *x) { return x->claim_count; }
size_t ng_extraction_relation_count(const NgExtraction *x) { return x->relation_count; }
