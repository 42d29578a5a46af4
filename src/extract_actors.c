/* extract_actors.c — the actors pass: who the article names.
 *
 * Lexicon mentions come from the matcher; unknown capitalised names become organisations when an
 * organisation word heads them and persons after a title; a one-word name is the person already
 * named with that first or last name; "the minister's delegation" is a group of its own.  Group
 * sources ("analysts", "a European diplomat") are made when a claim needs them (group_actor). */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

static size_t new_actor(NgxCtx *c, size_t lex, const char *label, NgActorKind kind)
{
    NgExtraction *x = c->x;
    if ((c->st = ng_grow((void **)&x->actors, &x->actor_cap, x->actor_count + 1, sizeof(NgXActor))))
        return SIZE_MAX;
    NgXActor *a = &x->actors[x->actor_count];
    memset(a, 0, sizeof *a);
    a->lex = lex;
    a->kind = kind;
    a->label = ng_strdup(label);
    char slug[200];
    if (ng_slug(label, slug, sizeof slug) == NG_ERR_BAD_ARG)
        slug[sizeof slug - 1] = '\0';
    a->slug = ng_strdup(slug);
    if (!a->label || !a->slug) {
        free(a->label);
        free(a->slug);
        c->st = NG_ERR_NOMEM;
        return SIZE_MAX;
    }
    if (lex != SIZE_MAX)
        a->same_as = c->lx->actors[lex].same_as;
    return x->actor_count++;
}

static size_t actor_for_lex(NgxCtx *c, size_t lex)
{
    if (c->actor_of_lex[lex] == SIZE_MAX) {
        const NgLexActor *la = &c->lx->actors[lex];
        c->actor_of_lex[lex] = new_actor(c, lex, la->label, la->kind);
    }
    return c->actor_of_lex[lex];
}

/* An actor not in the lexicon, found or made by a lower-cased key. */
size_t ngx_actor_for_key(NgxCtx *c, const char *label, NgActorKind kind)
{
    char *key = ng_form_key(label, strlen(label), true);
    if (!key) {
        c->st = NG_ERR_NOMEM;
        return SIZE_MAX;
    }
    size_t id;
    if (!ng_map_get(&c->actor_by_key, key, strlen(key), &id)) {
        id = new_actor(c, SIZE_MAX, label, kind);
        if (id != SIZE_MAX)
            c->st = ng_map_put(&c->actor_by_key, key, strlen(key), id);
    }
    free(key);
    return id;
}

void ngx_add_mention(NgxCtx *c, size_t actor, size_t tb, size_t te, NgFormRole role)
{
    if (c->st || actor == SIZE_MAX)
        return;
    if ((c->st = ng_grow((void **)&c->ments, &c->mcap, c->nm + 1, sizeof(NgxMention))))
        return;
    c->ments[c->nm++] = (NgxMention){actor, tb, te, ngx_tok(c, tb)->sentence, role};
    NgSpan sp = {ngx_tok(c, tb)->span.begin, ngx_tok(c, te - 1)->span.end};
    NgXActor *a = &c->x->actors[actor];
    bool first_mention = a->mentions.count == 0;
    c->st = ng_span_list_add_counted(&a->mentions, sp, c->work);
    (*c->mention_gen)++;
    if (!c->st && first_mention && a->kind == NG_KIND_PERSON)
        ngx_index_person(c, actor);
}

int ngx_mention_compare(const void *pa, const void *pb)
{
    const NgxMention *a = pa, *b = pb;
    if (a->tb != b->tb)
        return a->tb < b->tb ? -1 : 1;
    return a->te > b->te ? -1 : a->te < b->te;
}

/* Is the name [tb, te) headed by an organisation word ("Ministry of Commerce", "... Commission")? */
bool ngx_has_org_head(const NgxCtx *c, size_t tb, size_t te)
{
    for (size_t i = tb; i < te; i++)
        if (ngx_tok(c, i)->capitalized && ngx_cue_at(c, i, NG_CUE_ORGHEAD, NULL, NULL))
            return true;
    return false;
}

/* Skips person titles at the start of a name: "Foreign Minister Abbas Farahani" -> "Abbas ...". */
static size_t skip_titles(const NgxCtx *c, size_t tb, size_t te)
{
    size_t len;
    while (tb < te && ngx_cue_at(c, tb, NG_CUE_TITLE, &len, NULL))
        tb += len;
    return tb;
}

static bool title_before(const NgxCtx *c, size_t i, size_t sentence_tb)
{
    if (i == sentence_tb)
        return false;
    for (size_t b = i; b-- > sentence_tb && b + NGX_TITLE_REACH > i;) {
        size_t len;
        if (ngx_cue_at(c, b, NG_CUE_TITLE, &len, NULL) && b + len == i)
            return true;
    }
    return false;
}

/* Is lexicon match x a capital or seat that only says where ("a summit in Kampala", "a
 * Nairobi-based group")?  Then it names no actor: the state acts where the text says it does
 * ("Brussels then sought", "landed badly in Paris" still counts where France is named too). */
static bool only_where(const NgxCtx *c, const NgMatch *x)
{
    const uint64_t where = NG_WC(NG_WC_LOCATIVE); /* "in", "at": not "to", "closer to Moscow" */
    if (x->role != NG_FORM_METONYM || !ngx_on(c, NGX_R_ACTOR_LOCATION_ONLY))
        return false;
    size_t b = x->tok_begin, e = x->tok_end, stb = ngx_sent_tb(c, x->sentence);
    if (e + 1 < ngx_sent_te(c, x->sentence) && ngx_tok_is(c, e, "-") && ngx_tok(c, e + 1)->word &&
        !ngx_tok(c, e + 1)->capitalized)
        return true; /* "Nairobi-based" */
    if (b == stb || !ngx_is(c, b - 1, where))
        return false;
    /* named elsewhere as the state itself? then this is one more mention of it */
    for (size_t i = 0; i < c->m->match_count; i++) {
        const NgMatch *y = &c->m->matches[i];
        if (y->type == NG_M_ACTOR && !y->shadowed && y->ref == x->ref && y->role != NG_FORM_METONYM)
            return false;
    }
    return true;
}

/* Lexicon mentions: every actor match of the matcher ("French", "Paris", "the United Nations"). */
static void actors_from_lexicon(NgxCtx *c)
{
    const NgMatches *m = c->m;
    for (size_t i = 0; i < m->match_count && !c->st; i++) {
        const NgMatch *x = &m->matches[i];
        if (x->type != NG_M_ACTOR || x->shadowed || only_where(c, x))
            continue;
        ngx_add_mention(c, actor_for_lex(c, x->ref), x->tok_begin, x->tok_end, x->role);
        for (size_t k = x->tok_begin; k < x->tok_end; k++)
            c->tok_in_name[k] = true;
    }
}

/* "a West African diplomat": a name run that became no actor gives back the demonyms it
 * shadowed (the matcher's shadowed matches among tokens [tb, te), found next to name match k),
 * as mentions.  Rule actor.shadowed-form. */
static void shadowed_forms(NgxCtx *c, size_t k, size_t tb, size_t te)
{
    const NgMatches *m = c->m;
    if (!ngx_on(c, NGX_R_ACTOR_SHADOWED_FORM))
        return;
    size_t lo = k;
    while (lo > 0 && m->matches[lo - 1].tok_begin >= tb)
        lo--;
    for (size_t i = lo; i < m->match_count && m->matches[i].tok_begin < te && !c->st; i++) {
        const NgMatch *y = &m->matches[i];
        /* a demonym only: a name inside a longer one ("Ruritania" in "Port Ruritania") is no mention of it */
        if (y->type != NG_M_ACTOR || !y->shadowed || y->tok_end > te || y->role != NG_FORM_DEMONYM)
            continue;
        ngx_add_mention(c, actor_for_lex(c, y->ref), y->tok_begin, y->tok_end, y->role);
        for (size_t q = y->tok_begin; q < y->tok_end; q++)
            c->tok_in_name[q] = true;
    }
}

/* Unknown names (the matcher's name candidates), in text order so that surnames resolve to the
 * people named before them. */
static void actors_from_names(NgxCtx *c)
{
    const NgMatches *m = c->m;
    for (size_t i = 0; i < m->match_count && !c->st; i++) {
        const NgMatch *x = &m->matches[i];
        if (x->type != NG_M_NAME || c->sg->sentences[x->sentence].heading)
            continue;
        size_t stb = ngx_sent_tb(c, x->sentence);
        size_t tb = skip_titles(c, x->tok_begin, x->tok_end), te = x->tok_end;
        bool titled = tb > x->tok_begin || title_before(c, x->tok_begin, stb);
        if (tb >= te)
            continue;
        /* a leading "The" is not part of the name */
        if (ngx_is(c, tb, NG_WC(NG_WC_DEFINITE)) && te - tb > 1)
            tb++;
        if (c->tok_in_name[tb])
            continue; /* an acronym already given to a name before it */
        const char *why = NULL;
        size_t actor = ngx_name_actor(c, tb, te, titled, &why);
        if (actor == SIZE_MAX && why)
            ngx_note(c, x->sentence, tb, te, "name", why);
        if (actor == SIZE_MAX)
            shadowed_forms(c, i, x->tok_begin, x->tok_end);
        if (actor != SIZE_MAX) {
            ngx_add_mention(c, actor, tb, te, NG_FORM_NAME);
            for (size_t k = tb; k < te; k++)
                c->tok_in_name[k] = true;
            ngx_name_acronym_alias(c, actor, te);
        }
    }
}

/* Does a verb begin at token i: an auxiliary or modal, or a word WordNet knows as a verb? */
static bool verb_at(const NgxCtx *c, size_t i)
{
    const NgToken *t = ngx_tok(c, i);
    unsigned pos = 0;
    if (!t->word || t->capitalized)
        return false;
    if (ngx_is(c, i, NGX_AUXILIARY))
        return true;
    return !c->wc[i] && !ng_wordnet_pos(c->lx, t->lower, &pos) && (pos & NG_WN_VERB);
}

/* "Ruritania's parliament ratified": a state's own body, a singular noun whose commonest WordNet
 * sense is a social group of an ng:AgentNounClass (not a word of a class: "the government" is
 * the state itself), that acts: the verb follows it.  An organisation of its own. */
static bool state_institution(NgxCtx *c, const NgxMention *mm, size_t g, size_t te)
{
    const NgToken *t = ngx_tok(c, g);
    if (!ngx_on(c, NGX_R_ACTOR_STATE_INSTITUTION) || c->x->actors[mm->actor].kind != NG_KIND_STATE ||
        !t->word || t->capitalized || c->wc[g] || g + 1 >= te || !verb_at(c, g + 1))
        return false;
    char *files = NULL;
    if ((c->st = ng_wordnet_noun_files(c->lx, t->lower, &files)) || !files)
        return false;
    bool group = !strncmp(files, "noun.group", 10);
    free(files);
    return group && ngx_wordnet_cue(c, t->lower, 'n', NG_CUE_AGENTCLASS) != SIZE_MAX;
}

/* "the minister's delegation": an actor's own group, named by the possessive phrase. */
static void actors_from_possessive_groups(NgxCtx *c)
{
    size_t nm = ngx_on(c, NGX_R_ACTOR_POSSESSIVE_GROUP) ? c->nm : 0;
    for (size_t i = 0; i < nm && !c->st; i++) {
        NgxMention mm = c->ments[i];
        size_t te = ngx_sent_te(c, mm.sentence), g = mm.te + 2, glen = 1;
        if (g >= te || ngx_tok(c, mm.te)->word || !ngx_clitic_s(c, mm.te + 1))
            continue;
        NgActorKind kind = ngx_group_word(c, g)             ? NG_KIND_GROUP
                           : state_institution(c, &mm, g, te) ? NG_KIND_ORGANISATION
                                                              : NG_KIND_NONE;
        if (!kind || c->x->actors[mm.actor].kind == NG_KIND_GROUP)
            continue;
        ngx_cue_at(c, g, NG_CUE_GROUP, &glen, NULL); /* "the minister's negotiating team": all of it */
        char *label = ngx_text_of(c, mm.tb, g + glen);
        if (!label) {
            c->st = NG_ERR_NOMEM;
            break;
        }
        size_t a = ngx_actor_for_key(c, label, kind);
        free(label);
        ngx_add_mention(c, a, mm.tb, g + glen, NG_FORM_NAME);
    }
}

/* "French farmers blocked roads", "Russian peacekeepers withdrew": a plural group noun after a
 * demonym, the subject of a verb, takes part, so it is an actor, named by the phrase.  (Bare
 * plurals, "carmakers", are too often a topic rather than a party.) */
static void actors_from_groups(NgxCtx *c)
{
    if (!ngx_on(c, NGX_R_ACTOR_GROUP_SUBJECT))
        return;
    for (size_t s = 0; s < c->sg->sentence_count && !c->st; s++) {
        if (c->sg->sentences[s].heading)
            continue;
        size_t te = ngx_sent_te(c, s);
        for (size_t g = ngx_sent_tb(c, s); g < te && !c->st; g++) {
            size_t b, e;
            if (!ngx_group_word(c, g))
                continue;
            ngx_group_phrase(c, s, g, &b, &e);
            /* "French farmers", "the Russian peacekeepers": a demonym right before, perhaps "the";
             * "the commissions signed": "the" alone */
            bool the = b + 2 == g && ngx_is(c, b, NG_WC(NG_WC_DEFINITE));
            bool the_bare = b + 1 == g && ngx_is(c, b, NG_WC(NG_WC_DEFINITE));
            if (e != g + 1 || e >= te || !verb_at(c, e) || g == 0 || (!ngx_tok(c, g - 1)->capitalized && !the_bare) ||
                (b + 1 != g && !the) || !ngx_tok(c, g)->word || ngx_cue_at(c, g, NG_CUE_GROUP, NULL, NULL))
                continue;
            size_t a = ngx_group_actor(c, s, g);
            if (a != SIZE_MAX && !c->st)
                ngx_add_mention(c, a, b, e, NG_FORM_NAME);
            g = e - 1;
        }
    }
}

/* The actors pass: lexicon mentions, then unknown names, then groups that act and possessive
 * groups; the mentions end sorted by token. */
void ngx_pass_actors(NgxCtx *c)
{
    actors_from_lexicon(c);
    if (!c->st)
        actors_from_names(c);
    if (!c->st)
        actors_from_groups(c);
    if (!c->st)
        actors_from_possessive_groups(c);
    if (!c->st && c->nm)
        qsort(c->ments, c->nm, sizeof(NgxMention), ngx_mention_compare);
}

/* Indexes the mentions by sentence (ctx->sent_first), for every later pass. */
void ngx_pass_index_mentions(NgxCtx *c)
{
    size_t ns = c->sg->sentence_count;
    c->sent_first = calloc(ns + 1, sizeof(size_t));
    if (!c->sent_first) {
        c->st = NG_ERR_NOMEM;
        return;
    }
    size_t k = 0;
    for (size_t s = 0; s <= ns; s++) {
        while (k < c->nm && c->ments[k].sentence < s)
            k++;
        c->sent_first[s] = k;
    }
}

/* Adds `actor` and, for a person, the states the lexicon says it leads and that the article names. */
void ngx_add_with_led_states(NgxCtx *c, NgIndexList *list, size_t actor)
{
    if (c->st || actor == SIZE_MAX)
        return;
    if ((c->st = ng_index_list_add(list, actor)))
        return;
    const NgXActor *a = &c->x->actors[actor];
    if (a->kind != NG_KIND_PERSON)
        return;
    /* what the text says: "Ruritanian leader Ivan Orlovsky" (the relations pass, when it has run) */
    for (size_t r = 0; r < c->x->relation_count && !c->st; r++) {
        const NgXRelation *rel = &c->x->relations[r];
        if (rel->subject == actor && !strcmp(rel->property, NG_NS "leaderOf") &&
            c->x->actors[rel->object].kind == NG_KIND_STATE)
            c->st = ng_index_list_add_counted(list, rel->object, c->work);
    }
    if (a->lex == SIZE_MAX)
        return;
    const NgLexActor *la = &c->lx->actors[a->lex];
    for (size_t i = 0; i < la->leader_of_count && !c->st; i++) {
        size_t led;
        if (!ng_map_get(&c->lx->actor_by_iri, la->leader_of[i], strlen(la->leader_of[i]), &led))
            continue;
        if (c->actor_of_lex[led] != SIZE_MAX)
            c->st = ng_index_list_add_counted(list, c->actor_of_lex[led], c->work);
    }
}

/* A collective source: the noun phrase around a group noun at token g ("A former IAA inspector",
 * "Some Freedonian lawmakers", "An analyst at a Gulf research center", "Freedonian officials").  With a
 * determiner within five words to the left the phrase starts there; without one it takes only the
 * capitalised words (demonyms, names) right before the noun.  A prepositional tail ("at ...",
 * "in India", "of South Asia") is kept up to the verb.  Writes the phrase's last token to *end. */
/* Is token i a lower-case adjective that can modify a group noun ("senior", "ethnic"): WordNet has
 * it as an adjective, it is no verb form and no word of a class. */
static bool group_adjective(const NgxCtx *c, size_t i)
{
    const NgToken *t = ngx_tok(c, i);
    unsigned pos = 0;
    if (!t->word || t->capitalized || c->wc[i] || ng_wordnet_pos(c->lx, t->lower, &pos))
        return false;
    return (pos & NG_WN_ADJ) && !(pos & NG_WN_VERB);
}

void ngx_group_phrase(const NgxCtx *c, size_t sentence, size_t g, size_t *begin, size_t *end)
{
    /* the tail stops at a clause word, a verb or another preposition than its own */
    const uint64_t stops = NG_WC(NG_WC_COMPLEMENTIZER) | NG_WC(NG_WC_RELATIVE) | NGX_AUXILIARY |
                           NG_WC(NG_WC_AND) | NG_WC(NG_WC_DEMONSTRATIVE) | NG_WC(NG_WC_TIME_MODIFIER) |
                           NG_WC(NG_WC_FOCUS);
    size_t tb = ngx_sent_tb(c, sentence), te = ngx_sent_te(c, sentence);
    size_t b = g;
    for (size_t i = g; i > tb && g - i < NGX_GROUP_DETERMINER_REACH; i--) {
        const NgToken *p = ngx_tok(c, i - 1);
        if (!p->word && strcmp(p->lower, "-") != 0)
            break;
        if (p->word && ngx_is(c, i - 1, NGX_DETERMINER)) {
            b = i - 1;
            break;
        }
    }
    if (b == g) {
        /* no determiner: capitalised words (demonyms, names) and adjectives right before the noun
         * ("Russian peacekeepers", "ethnic Ruritanians", "senior officials") */
        while (b > tb && g - b < NGX_GROUP_DETERMINER_REACH &&
               (ngx_tok(c, b - 1)->capitalized || c->tok_in_name[b - 1] || group_adjective(c, b - 1)) &&
               !(ngx_tok(c, b - 1)->sentence_start && !c->tok_in_name[b - 1] && ngx_is(c, b - 1, NGX_DETERMINER)))
            b--;
    }
    size_t e = g + 1;
    const uint64_t tail = NG_WC(NG_WC_AFFILIATION) | NG_WC(NG_WC_LOCATIVE);
    if (e + 1 < te && ngx_is(c, e, tail)) {
        size_t j = e + 1, stop = e + NGX_GROUP_TAIL < te ? e + NGX_GROUP_TAIL : te;
        while (j < stop && (ngx_tok(c, j)->word || ngx_tok_is(c, j, "-")) && !ngx_is(c, j, stops) &&
               !(ngx_is(c, j, NG_WC(NG_WC_PREPOSITION)) && !ngx_is(c, j, tail)) &&
               !ngx_cue_at(c, j, NG_CUE_REPORTING, NULL, NULL) && !ngx_cue_at(c, j, NG_CUE_HEDGE, NULL, NULL) &&
               !ngx_cue_at(c, j, NG_CUE_PREDICTION, NULL, NULL) && !ngx_cue_at(c, j, NG_CUE_ASSESSMENT, NULL, NULL))
            j++;
        if (j > e + 1)
            e = j;
    }
    *begin = b;
    *end = e;
}

/* The group actor for the phrase around group noun g (made on first use), with its mention.  A
 * phrase opened by a quantifier ("Some analysts", "Most analysts in Vienna") is also known by its
 * bare head ("analysts"), as readers and annotators name such sources. */
size_t ngx_group_actor(NgxCtx *c, size_t sentence, size_t g)
{
    return ngx_group_actor_until(c, sentence, g, 0);
}

/* The same, with the phrase running on to token `until` when that is further ("A diplomat
 * involved in the talks": a modifier the phrase alone does not take). */
size_t ngx_group_actor_until(NgxCtx *c, size_t sentence, size_t g, size_t until)
{
    size_t b, e;
    ngx_group_phrase(c, sentence, g, &b, &e);
    if (until > e)
        e = until;
    char *label = ngx_text_of(c, b, e);
    if (!label) {
        c->st = NG_ERR_NOMEM;
        return SIZE_MAX;
    }
    size_t a = ngx_actor_for_key(c, label, NG_KIND_GROUP);
    free(label);
    if (a != SIZE_MAX && !c->st && ngx_is(c, b, NGX_DETERMINER) && b < g) {
        NgXActor *ac = &c->x->actors[a];
        if (!ac->alt[0] && !(ac->alt[0] = ngx_text_of(c, b + 1, e)))
            c->st = NG_ERR_NOMEM;
        if (e > g + 1 && !ac->alt[1] && !(ac->alt[1] = ngx_text_of(c, b + 1, g + 1)))
            c->st = NG_ERR_NOMEM;
    } else if (a != SIZE_MAX && !c->st && b < g && e == g + 1) {
        /* "Military analysts" is known as "analysts" too */
        NgXActor *ac = &c->x->actors[a];
        if (!ac->alt[0] && !(ac->alt[0] = ngx_text_of(c, g, g + 1)))
            c->st = NG_ERR_NOMEM;
    }
    if (a != SIZE_MAX && !c->st) {
        NgSpan sp = {ngx_tok(c, b)->span.begin, ngx_tok(c, e - 1)->span.end};
        c->st = ng_span_list_add_counted(&c->x->actors[a].mentions, sp, c->work);
        (*c->mention_gen)++;
    }
    return a;
}

/* Does the lexicon say that `person` leads `state`? */
bool ngx_leads(const NgxCtx *c, size_t person, size_t state)
{
    const NgXActor *p = &c->x->actors[person], *s = &c->x->actors[state];
    if (p->kind != NG_KIND_PERSON || p->lex == SIZE_MAX || s->lex == SIZE_MAX)
        return false;
    const NgLexActor *la = &c->lx->actors[p->lex];
    for (size_t k = 0; k < la->leader_of_count; k++)
        if (!strcmp(la->leader_of[k], c->lx->actors[s->lex].iri))
            return true;
    return false;
}
