/* extract.c — stage 4: tokens and matches -> actors, events, claims and relations.
 *
 * The extractor knows English clause shapes, not the world: which words are triggers, cues, titles
 * or organisation heads comes from the lexicon through the matches.  It works sentence by sentence:
 *   actors    lexicon mentions; unknown capitalised names with an organisation head word or after a
 *             person title; surnames of persons already named; collective sources ("analysts",
 *             "a European diplomat") when they speak.
 *   events    one per trigger, merged with an earlier event of the same class whose participants
 *             agree, so "the summit" five times is one event with five spans.
 *   claims    every sentence that is not a heading and not bare narration, with its source
 *             (reporting verb subject, "according to", a quote's speaker, else the article), its
 *             modality (hedged > predicted > reported > asserted, as the annotation conventions
 *             rank them) and its polarity.
 *   relations relation cues between the actor before and the actor after them in a clause. */
#include "internal.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Lists keep insertion order and each value once.  While values arrive in increasing order (text
 * order, index order: nearly always) the list is sorted, an append costs O(1) and a look-up a
 * binary search; only after a value arrived out of order does a look-up scan the list.  This keeps
 * a million mentions of one actor linear (tests/test_limits.c). */
static int span_cmp(NgSpan a, NgSpan b)
{
    if (a.begin != b.begin)
        return a.begin < b.begin ? -1 : 1;
    return a.end < b.end ? -1 : a.end > b.end;
}

static bool span_list_has(const NgSpanList *l, NgSpan s, size_t *work)
{
    if (!l->unsorted) {
        size_t lo = 0, hi = l->count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int r = span_cmp(l->items[mid], s);
            if (work)
                (*work)++;
            if (r == 0)
                return true;
            if (r < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return false;
    }
    if (work)
        *work += l->count;
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].begin == s.begin && l->items[i].end == s.end)
            return true;
    return false;
}

NgStatus ng_span_list_add_counted(NgSpanList *l, NgSpan s, size_t *work)
{
    bool after = l->count == 0 || (!l->unsorted && span_cmp(l->items[l->count - 1], s) < 0);
    if (!after && span_list_has(l, s, work))
        return NG_SUCCESS;
    NgStatus st = ng_grow((void **)&l->items, &l->cap, l->count + 1, sizeof(NgSpan));
    if (!st) {
        l->items[l->count++] = s;
        l->unsorted = l->unsorted || !after;
    }
    return st;
}

NgStatus ng_span_list_add(NgSpanList *l, NgSpan s) { return ng_span_list_add_counted(l, s, NULL); }

static bool index_list_has_counted(const NgIndexList *l, size_t v, size_t *work)
{
    if (!l->unsorted) {
        size_t lo = 0, hi = l->count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (work)
                (*work)++;
            if (l->items[mid] == v)
                return true;
            if (l->items[mid] < v)
                lo = mid + 1;
            else
                hi = mid;
        }
        return false;
    }
    if (work)
        *work += l->count;
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i] == v)
            return true;
    return false;
}

NgStatus ng_index_list_add_counted(NgIndexList *l, size_t v, size_t *work)
{
    bool after = l->count == 0 || (!l->unsorted && l->items[l->count - 1] < v);
    if (!after && index_list_has_counted(l, v, work))
        return NG_SUCCESS;
    NgStatus st = ng_grow((void **)&l->items, &l->cap, l->count + 1, sizeof(size_t));
    if (!st) {
        l->items[l->count++] = v;
        l->unsorted = l->unsorted || !after;
    }
    return st;
}

NgStatus ng_index_list_add(NgIndexList *l, size_t v) { return ng_index_list_add_counted(l, v, NULL); }

static bool index_list_has(const NgIndexList *l, size_t v) { return index_list_has_counted(l, v, NULL); }

/* ------------------------------------------------------------------ working state */

typedef struct {
    size_t actor;           /* extraction actor index */
    size_t tb, te;          /* token range */
    size_t sentence;
    NgFormRole role;
} Mention;

typedef struct {
    NgSpan span;
    size_t event;
} EvSpan;

typedef struct {
    size_t gen[NG_KIND__COUNT], a[NG_KIND__COUNT], b[NG_KIND__COUNT];
    bool valid[NG_KIND__COUNT], found[NG_KIND__COUNT];
} DomCache;

typedef struct {
    NgExtraction *x;
    const NgMatches *m;
    const NgLexicon *lx;
    const NgSegments *sg;
    const char *t;
    size_t *actor_of_lex;   /* lexicon actor -> extraction actor, SIZE_MAX when not yet made */
    NgMap actor_by_key;     /* lower-cased key -> extraction actor, for actors not in the lexicon */
    Mention *ments;
    size_t nm, mcap;
    size_t *sent_first;     /* per sentence: first mention index; [n] = nm */
    bool *tok_in_name;      /* tokens inside an accepted actor name */
    int article_year;
    NgMap person_part;      /* first or last word of a person's label -> actor (SIZE_MAX: two) */
    EvSpan *evspans;        /* every event span, by begin: what new_claim looks up */
    size_t nevspans;
    size_t *work;           /* &x->work: steps of the scans that could grow with the input */
    size_t *mention_gen;    /* bumped whenever an actor gains a mention */
    DomCache *dom;          /* dominant_pair's answer per kind, valid for one mention_gen */
    NgStatus st;
} X;

static const NgToken *tok(const X *c, size_t i) { return &c->m->tokens[i]; }
static size_t sent_tb(const X *c, size_t s) { return c->m->sentence_first_token[s]; }
static size_t sent_te(const X *c, size_t s) { return c->m->sentence_first_token[s + 1]; }

static bool tok_is(const X *c, size_t i, const char *lower)
{
    return !strcmp(tok(c, i)->lower, lower);
}

static bool tok_in(const X *c, size_t i, const char *const *words)
{
    for (; *words; words++)
        if (tok_is(c, i, *words))
            return true;
    return false;
}

/* English function words used by the clause heuristics: grammar, not world knowledge. */
static const char *const determiners[] = {"a", "an", "the", "some", "most", "many", "several",
                                          "other", "few", "two", "three", "both", "senior",
                                          "these", "those", NULL};
static const char *const ordinals[] = {"first", "second", "third", "fourth", "fifth", "finally",
                                       "lastly", NULL};
static const char *const clause_breaks[] = {";", "\xE2\x80\x94", "\xE2\x80\x93", ":", "(", ")",
                                            NULL};

static bool is_clause_break(const X *c, size_t i)
{
    return !tok(c, i)->word && tok_in(c, i, clause_breaks);
}

static size_t new_actor(X *c, size_t lex, const char *label, NgActorKind kind)
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

static size_t actor_for_lex(X *c, size_t lex)
{
    if (c->actor_of_lex[lex] == SIZE_MAX) {
        const NgLexActor *la = &c->lx->actors[lex];
        c->actor_of_lex[lex] = new_actor(c, lex, la->label, la->kind);
    }
    return c->actor_of_lex[lex];
}

/* An actor not in the lexicon, found or made by a lower-cased key. */
static size_t actor_for_key(X *c, const char *label, NgActorKind kind)
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

/* Files a person under the first and the last word of its label, for person_by_part: one map
 * look-up instead of a scan over every actor per one-word name. */
static void person_part_put(X *c, const char *word, size_t len, size_t actor)
{
    size_t old;
    if (c->st || len == 0)
        return;
    if (ng_map_get(&c->person_part, word, len, &old))
        actor = old == actor ? actor : SIZE_MAX; /* ambiguous: two people share it */
    c->st = ng_map_put(&c->person_part, word, len, actor);
}

static void index_person(X *c, size_t actor)
{
    const char *l = c->x->actors[actor].label;
    const char *first_sp = strchr(l, ' '), *last_sp = strrchr(l, ' ');
    if (!first_sp)
        return; /* a one-word label is no one's first or last name */
    person_part_put(c, l, (size_t)(first_sp - l), actor);
    person_part_put(c, last_sp + 1, strlen(last_sp + 1), actor);
}

static void add_mention(X *c, size_t actor, size_t tb, size_t te, NgFormRole role)
{
    if (c->st || actor == SIZE_MAX)
        return;
    if ((c->st = ng_grow((void **)&c->ments, &c->mcap, c->nm + 1, sizeof(Mention))))
        return;
    c->ments[c->nm++] = (Mention){actor, tb, te, tok(c, tb)->sentence, role};
    NgSpan sp = {tok(c, tb)->span.begin, tok(c, te - 1)->span.end};
    NgXActor *a = &c->x->actors[actor];
    bool first_mention = a->mentions.count == 0;
    c->st = ng_span_list_add_counted(&a->mentions, sp, c->work);
    (*c->mention_gen)++;
    if (!c->st && first_mention && a->kind == NG_KIND_PERSON)
        index_person(c, actor);
}

static bool cue_at(const X *c, size_t i, NgCueKind kind, size_t *len, const NgLexCue **cue)
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

static char *text_of(const X *c, size_t tb, size_t te)
{
    return ng_strndup(c->t + tok(c, tb)->span.begin, tok(c, te - 1)->span.end - tok(c, tb)->span.begin);
}

/* ------------------------------------------------------------------ actors */

static bool group_word(const X *c, size_t i)
{
    return tok(c, i)->word && cue_at(c, i, NG_CUE_GROUP, NULL, NULL);
}

static int cmp_mention(const void *pa, const void *pb)
{
    const Mention *a = pa, *b = pb;
    if (a->tb != b->tb)
        return a->tb < b->tb ? -1 : 1;
    return a->te > b->te ? -1 : a->te < b->te;
}

/* Is the name [tb, te) headed by an organisation word ("Ministry of Commerce", "... Commission")? */
static bool has_org_head(const X *c, size_t tb, size_t te)
{
    for (size_t i = tb; i < te; i++)
        if (tok(c, i)->capitalized && cue_at(c, i, NG_CUE_ORGHEAD, NULL, NULL))
            return true;
    return false;
}

/* Skips person titles at the start of a name: "Foreign Minister Abbas Araghchi" -> "Abbas ...". */
static size_t skip_titles(const X *c, size_t tb, size_t te)
{
    size_t len;
    while (tb < te && cue_at(c, tb, NG_CUE_TITLE, &len, NULL))
        tb += len;
    return tb;
}

static bool title_before(const X *c, size_t i, size_t sentence_tb)
{
    if (i == sentence_tb)
        return false;
    for (size_t b = i; b-- > sentence_tb && b + 4 > i;) {
        size_t len;
        if (cue_at(c, b, NG_CUE_TITLE, &len, NULL) && b + len == i)
            return true;
    }
    return false;
}

/* The person already named whose first or last name is this one token ("Kim", "Grossi"). */
static size_t person_by_part(const X *c, const char *word)
{
    size_t found;
    (*c->work)++;
    if (strchr(word, ' ') || !ng_map_get(&c->person_part, word, strlen(word), &found))
        return SIZE_MAX;
    return found; /* SIZE_MAX when ambiguous: two people share it */
}

/* The lower-case words [b, e) before token `at` that describe someone: "the army chief" or
 * "Ruritania's army chief" (two to four words after "the" or a possessive). */
static bool description_before(const X *c, size_t at, size_t stb, size_t *b)
{
    size_t j = at;
    while (j > stb && at - j < 4 && tok(c, j - 1)->word && !tok(c, j - 1)->capitalized &&
           !c->tok_in_name[j - 1] && !tok_in(c, j - 1, determiners) && !tok_is(c, j - 1, "s"))
        j--;
    if (at - j < 2 || j == stb)
        return false;
    bool the = tok_is(c, j - 1, "the");
    bool poss = j >= stb + 3 && tok_is(c, j - 1, "s") && !tok(c, j - 2)->word && c->tok_in_name[j - 3];
    *b = j;
    return the || poss;
}

/* "The army chief, Gen. Ram Kumar, said ...": the description before an apposed name refers to
 * that person elsewhere too ("as Ruritania's army chief conceded"), when no one else has it. */
static void find_descriptions(X *c)
{
    typedef struct { size_t b, e, actor; bool ambiguous; } Desc;
    Desc d[32];
    size_t nd = 0, nm = c->nm;
    for (size_t k = 0; k < nm && nd < 32; k++) {
        const Mention *p = &c->ments[k];
        if (c->x->actors[p->actor].kind != NG_KIND_PERSON)
            continue;
        size_t stb = sent_tb(c, p->sentence), j = p->tb, len;
        for (size_t b = j; b-- > stb && j - b < 4;) /* titles before the name: "Gen." */
            if (cue_at(c, b, NG_CUE_TITLE, &len, NULL) && b + len == j)
                j = b;
        size_t db;
        if (j <= stb || !tok_is(c, j - 1, ",") || !description_before(c, j - 1, stb, &db))
            continue;
        bool dup = false;
        for (size_t i = 0; i < nd; i++) {
            if (d[i].e - d[i].b != j - 1 - db)
                continue;
            bool same = true;
            for (size_t t = 0; t < j - 1 - db && same; t++)
                same = tok_is(c, d[i].b + t, tok(c, db + t)->lower);
            if (same) {
                dup = true;
                d[i].ambiguous = d[i].ambiguous || d[i].actor != p->actor;
            }
        }
        if (!dup)
            d[nd++] = (Desc){db, j - 1, p->actor, false};
    }
    for (size_t i = 0; i < nd && !c->st; i++) {
        if (d[i].ambiguous)
            continue;
        size_t n = d[i].e - d[i].b;
        for (size_t t = 0; t + n <= c->m->token_count && !c->st; t++) {
            if (t == d[i].b)
                continue;
            bool same = true;
            for (size_t q = 0; q < n && same; q++)
                same = tok(c, t + q)->word && tok_is(c, t + q, tok(c, d[i].b + q)->lower) &&
                       tok(c, t + q)->sentence == tok(c, t)->sentence;
            size_t stb = sent_tb(c, tok(c, t)->sentence), db;
            if (!same || t == stb || c->sg->sentences[tok(c, t)->sentence].heading ||
                !description_before(c, t + n, stb, &db) || db != t)
                continue;
            /* not itself apposed to a name ("the army chief, Gen. Ram Kumar") */
            size_t after = t + n;
            if (after + 1 < sent_te(c, tok(c, t)->sentence) && tok_is(c, after, ",") &&
                tok(c, after + 1)->capitalized)
                continue;
            add_mention(c, d[i].actor, t, t + n, NG_FORM_METONYM);
        }
    }
    if (c->nm > nm)
        qsort(c->ments, c->nm, sizeof(Mention), cmp_mention);
}

static void find_actors(X *c)
{
    const NgMatches *m = c->m;
    /* lexicon mentions */
    for (size_t i = 0; i < m->match_count && !c->st; i++) {
        const NgMatch *x = &m->matches[i];
        if (x->type != NG_M_ACTOR)
            continue;
        add_mention(c, actor_for_lex(c, x->ref), x->tok_begin, x->tok_end, x->role);
        for (size_t k = x->tok_begin; k < x->tok_end; k++)
            c->tok_in_name[k] = true;
    }
    /* unknown names, in text order so surnames resolve to people named before */
    for (size_t i = 0; i < m->match_count && !c->st; i++) {
        const NgMatch *x = &m->matches[i];
        if (x->type != NG_M_NAME || c->sg->sentences[x->sentence].heading)
            continue;
        size_t stb = sent_tb(c, x->sentence);
        size_t tb = skip_titles(c, x->tok_begin, x->tok_end), te = x->tok_end;
        bool titled = tb > x->tok_begin || title_before(c, x->tok_begin, stb);
        if (tb >= te)
            continue;
        /* a leading "The" is not part of the name */
        if (tok_is(c, tb, "the") && te - tb > 1)
            tb++;
        size_t words = 0;
        for (size_t k = tb; k < te; k++)
            words += tok(c, k)->word;
        char *label = text_of(c, tb, te);
        if (!label) {
            c->st = NG_ERR_NOMEM;
            break;
        }
        size_t actor = SIZE_MAX;
        if (has_org_head(c, tb, te) && words >= 2) {
            actor = actor_for_key(c, label, NG_KIND_ORGANISATION);
        } else if (words == 1) {
            actor = person_by_part(c, label);
        } else if (titled && words <= 4) {
            actor = actor_for_key(c, label, NG_KIND_PERSON);
        }
        free(label);
        if (actor != SIZE_MAX) {
            add_mention(c, actor, tb, te, NG_FORM_NAME);
            for (size_t k = tb; k < te; k++)
                c->tok_in_name[k] = true;
        }
    }
    /* "the minister's delegation": an actor's own group, named by the possessive phrase */
    size_t nm = c->nm;
    for (size_t i = 0; i < nm && !c->st; i++) {
        Mention mm = c->ments[i];
        size_t te = sent_te(c, mm.sentence), g = mm.te + 2, glen = 1;
        if (g >= te || tok(c, mm.te)->word || !tok_is(c, mm.te + 1, "s") || !group_word(c, g))
            continue;
        if (c->x->actors[mm.actor].kind == NG_KIND_GROUP)
            continue;
        cue_at(c, g, NG_CUE_GROUP, &glen, NULL); /* "the minister's negotiating team": all of it */
        char *label = text_of(c, mm.tb, g + glen);
        if (!label) {
            c->st = NG_ERR_NOMEM;
            break;
        }
        size_t a = actor_for_key(c, label, NG_KIND_GROUP);
        free(label);
        add_mention(c, a, mm.tb, g + glen, NG_FORM_NAME);
    }
    if (c->st)
        return;
    if (c->nm)
        qsort(c->ments, c->nm, sizeof(Mention), cmp_mention);
    /* "the agency", "the council": a definite description by the head word of exactly one
     * organisation named before ("the Atomic Agency ... the agency's director") */
    nm = c->nm;
    NgMap heads = {0}; /* lower-cased head word -> organisation (SIZE_MAX: two share it) */
    for (size_t i = 0, k = 0; i + 1 < m->token_count && !c->st; i++) {
        for (; k < nm && c->ments[k].tb < i && !c->st; k++) {
            size_t a = c->ments[k].actor, old;
            if (c->x->actors[a].kind != NG_KIND_ORGANISATION)
                continue;
            /* the head: the last word, or the word before "of" ("Board of Governors") */
            const char *l = c->x->actors[a].label, *of = strstr(l, " of ");
            size_t end = of ? (size_t)(of - l) : strlen(l), b = end;
            while (b > 0 && l[b - 1] != ' ')
                b--;
            char key[64];
            if (end - b == 0 || end - b >= sizeof key)
                continue;
            for (size_t q = b; q < end; q++)
                key[q - b] = (char)tolower((unsigned char)l[q]);
            if (ng_map_get(&heads, key, end - b, &old) && old != a)
                a = SIZE_MAX;
            c->st = ng_map_put(&heads, key, end - b, a);
        }
        const NgToken *w = tok(c, i + 1);
        size_t found;
        if (!tok_is(c, i, "the") || !w->word || w->capitalized || c->tok_in_name[i + 1] ||
            tok(c, i)->sentence != w->sentence || c->sg->sentences[w->sentence].heading)
            continue;
        if (ng_map_get(&heads, w->lower, strlen(w->lower), &found) && found != SIZE_MAX)
            add_mention(c, found, i, i + 2, NG_FORM_METONYM);
    }
    ng_map_free(&heads);
    if (c->nm > nm)
        qsort(c->ments, c->nm, sizeof(Mention), cmp_mention);
    if (!c->st)
        find_descriptions(c);
}

static void index_mentions(X *c)
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

/* Mentions whose tokens lie within [tb, te). */
static void mentions_in(const X *c, size_t sentence, size_t tb, size_t te, size_t *first, size_t *last)
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

/* Adds `actor` and, for a person, the states the lexicon says it leads and that the article names. */
static void add_with_led_states(X *c, NgIndexList *list, size_t actor)
{
    if (c->st || actor == SIZE_MAX)
        return;
    if ((c->st = ng_index_list_add(list, actor)))
        return;
    const NgXActor *a = &c->x->actors[actor];
    if (a->kind != NG_KIND_PERSON || a->lex == SIZE_MAX)
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

/* The two states (or people) the article names most, when they clearly lead: the default
 * referent of "the two nations" in a bilateral analysis. */
static bool dominant_pair(const X *c, NgActorKind kind, size_t *a, size_t *b)
{
    /* asked once per trigger or "the two nations": remembered until some actor gains a mention */
    DomCache *dc = c->dom;
    if (dc->valid[kind] && dc->gen[kind] == *c->mention_gen) {
        if (dc->found[kind]) {
            *a = dc->a[kind];
            *b = dc->b[kind];
        }
        return dc->found[kind];
    }
    size_t best[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX}, cnt[3] = {0, 0, 0};
    *c->work += c->x->actor_count;
    dc->valid[kind] = true;
    dc->gen[kind] = *c->mention_gen;
    dc->found[kind] = false;
    for (size_t i = 0; i < c->x->actor_count; i++) {
        const NgXActor *x = &c->x->actors[i];
        if (x->kind != kind)
            continue;
        size_t n = x->mentions.count;
        for (int k = 0; k < 3; k++) {
            if (n > cnt[k]) {
                for (int j = 2; j > k; j--) {
                    cnt[j] = cnt[j - 1];
                    best[j] = best[j - 1];
                }
                cnt[k] = n;
                best[k] = i;
                break;
            }
        }
    }
    if (best[1] == SIZE_MAX || cnt[1] < 3 || cnt[1] < 2 * cnt[2])
        return false;
    *a = dc->a[kind] = best[0];
    *b = dc->b[kind] = best[1];
    return dc->found[kind] = true;
}

/* "the two nations", "both countries", "the two leaders": the last two distinct actors of the
 * matching kind named in this or the two previous sentences, else the article's dominant pair;
 * nothing when neither is clear. */
static bool pair_reference(const X *c, size_t sentence, size_t i, size_t *a, size_t *b)
{
    static const char *const states[] = {"nations", "countries", "states", "governments", "sides",
                                         "neighbours", "neighbors", NULL};
    static const char *const people[] = {"leaders", "men", "presidents", NULL};
    size_t te = sent_te(c, sentence);
    bool two = tok_is(c, i, "both") || tok_is(c, i, "two");
    if (!two || i + 1 >= te)
        return false;
    /* "the two nations", "both countries", "the world's two most populous countries" */
    NgActorKind kind = NG_KIND_NONE;
    for (size_t j = i + 1; j < te && j <= i + 4 && tok(c, j)->word && !kind; j++) {
        if (tok_in(c, j, states))
            kind = NG_KIND_STATE;
        else if (tok_in(c, j, people))
            kind = NG_KIND_PERSON;
        else if (tok_is(c, i, "both"))
            break;
    }
    if (!kind)
        return false;
    size_t found[2], n = 0;
    size_t from = sentence >= 2 ? sentence - 2 : 0;
    for (size_t k = c->sent_first[sentence + 1]; k-- > c->sent_first[from] && n < 2;) {
        const Mention *mm = &c->ments[k];
        if ((mm->sentence == sentence && mm->tb > i) || c->x->actors[mm->actor].kind != kind)
            continue;
        if (n == 1 && found[0] == mm->actor)
            continue;
        found[n++] = mm->actor;
    }
    if (n == 2) {
        *a = found[0];
        *b = found[1];
        return true;
    }
    return dominant_pair(c, kind, a, b);
}

/* ------------------------------------------------------------------ time */

static bool year_of(const X *c, size_t i, int *year)
{
    const NgToken *k = tok(c, i);
    if (!k->word || k->span.end - k->span.begin != 4)
        return false;
    for (size_t j = k->span.begin; j < k->span.end; j++)
        if (!isdigit((unsigned char)c->t[j]))
            return false;
    int y = atoi(c->t + k->span.begin);
    if (y < 1900 || y > 2099)
        return false;
    *year = y;
    return true;
}

static bool day_of(const X *c, size_t i, int *day)
{
    const NgToken *k = tok(c, i);
    size_t n = k->span.end - k->span.begin;
    if (!k->word || n < 1 || n > 2 || !isdigit((unsigned char)c->t[k->span.begin]) ||
        (n == 2 && !isdigit((unsigned char)c->t[k->span.begin + 1])))
        return false;
    int d = atoi(c->t + k->span.begin);
    if (d < 1 || d > 31)
        return false;
    *day = d;
    return true;
}

/* The time expression nearest to token `at` within [tb, te): "Aug. 28", "June 12, 2025",
 * "in June 2024" (its year), "2019".  Writes "YYYY" or "YYYY-MM-DD"; false when none. */
static bool time_near(const X *c, size_t tb, size_t te, size_t at, char out[16])
{
    size_t best_dist = SIZE_MAX;
    for (size_t i = tb; i < te; i++) {
        size_t dist = i > at ? i - at : at - i;
        if (dist >= best_dist)
            continue;
        const NgLexCue *cue;
        size_t len;
        int y, d;
        if (cue_at(c, i, NG_CUE_MONTH, &len, &cue) && cue->month && i + len < te &&
            day_of(c, i + len, &d)) {
            size_t j = i + len + 1;
            if (j < te && tok_is(c, j, ","))
                j++;
            if (!(j < te && year_of(c, j, &y)))
                y = c->article_year;
            if (!y)
                continue;
            snprintf(out, 16, "%04d-%02d-%02d", y, cue->month, d);
            best_dist = dist;
        } else if (year_of(c, i, &y)) {
            snprintf(out, 16, "%04d", y);
            best_dist = dist;
        }
    }
    return best_dist != SIZE_MAX;
}

/* ------------------------------------------------------------------ events */

/* The clause around token `at`: bounded by the sentence, clause punctuation and contrast words. */
static void clause_of(const X *c, size_t sentence, size_t at, size_t reach, size_t *cb, size_t *ce)
{
    static const char *const contrast[] = {"while", "but", "whereas", "although", "though", NULL};
    size_t tb = sent_tb(c, sentence), te = sent_te(c, sentence);
    size_t b = at, e = at + 1;
    while (b > tb && at - (b - 1) <= reach && !is_clause_break(c, b - 1) && !tok_in(c, b - 1, contrast))
        b--;
    while (e < te && e - at <= reach && !is_clause_break(c, e) && !tok_in(c, e, contrast))
        e++;
    *cb = b;
    *ce = e;
}

/* "May 28", "in May 2024": a month name, not the modal verb "may". */
static bool is_month_date(const X *c, size_t i)
{
    if (!tok(c, i)->capitalized || !cue_at(c, i, NG_CUE_MONTH, NULL, NULL))
        return false;
    if (i + 1 < c->m->token_count && tok(c, i + 1)->sentence == tok(c, i)->sentence) {
        const char *n = tok(c, i + 1)->lower;
        if (n[0] >= '0' && n[0] <= '9')
            return true;
    }
    return !tok(c, i)->sentence_start; /* a capital "May" inside a sentence is the month */
}

/* Is the word before token i a person or actor that can mean something ("they", "Ruritania")? */
static bool agent_before(const X *c, size_t tb, size_t i)
{
    if (i <= tb)
        return false;
    if (tok_in(c, i - 1, (const char *const[]){"they", "he", "she", "we", NULL}))
        return true;
    size_t s = tok(c, i)->sentence;
    for (size_t k = c->sent_first[s]; k < c->sent_first[s + 1]; k++)
        if (c->ments[k].te == i)
            return true;
    return false;
}

static NgModality modality_in(const X *c, size_t tb, size_t te)
{
    bool pred = false;
    /* "whether the accord will hold": a question, not a forecast */
    bool question = false;
    for (size_t i = tb; i < te; i++) {
        /* "could not return": the past of "cannot", an impossibility rather than a doubt */
        bool cannot = tok_is(c, i, "could") && i + 1 < te && tok_is(c, i + 1, "not");
        /* "would have to follow": a necessity rather than a forecast */
        bool must = i + 2 < te && tok_in(c, i + 1, (const char *const[]){"have", "need", NULL}) &&
                    tok_is(c, i + 2, "to");
        if (cue_at(c, i, NG_CUE_HEDGE, NULL, NULL) && !(i > tb && tok_is(c, i - 1, "without")) &&
            !is_month_date(c, i) && !cannot)
            return NG_MOD_HEDGED;
        if (must)
            continue;
        size_t len;
        if (tok_is(c, i, "whether"))
            question = true;
        else if (cue_at(c, i, NG_CUE_ASSESSMENT, &len, NULL) && i + len < te &&
                 tok_is(c, i + len, "that") && agent_before(c, tb, i))
            question = true; /* "they signalled that the pact will endure": what they meant */
        else if (is_clause_break(c, i))
            question = false;
        pred = pred || (!question && cue_at(c, i, NG_CUE_PREDICTION, NULL, NULL));
    }
    return pred ? NG_MOD_PREDICTED : NG_MOD_ASSERTED;
}

static bool lists_overlap(const NgIndexList *a, const NgIndexList *b)
{
    for (size_t i = 0; i < a->count; i++)
        if (index_list_has(b, a->items[i]))
            return true;
    return false;
}

static void free_index_list(NgIndexList *l)
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
static bool is_subclass(const NgLexicon *lx, const char *sub, const char *super)
{
    SuperSearch ss = {super, false};
    if (!strcmp(sub, super))
        return false;
    ng_lexicon_each_superclass(lx, sub, on_super_class, &ss);
    return ss.found;
}

/* How a trigger is introduced: its determiner ("a" starts a new event, "the"/"this"/a possessive
 * may refer back) and its proper-noun premodifiers ("the Ukraine war" vs "the Korean War"), which
 * name the event and keep differently named ones apart.  Writes the premodifier key (lower case). */
static bool trigger_intro(const X *c, size_t sentence, size_t tb, char key[96], bool *definite)
{
    *definite = false;
    size_t stb = sent_tb(c, sentence);
    bool heading = c->sg->sentences[sentence].heading; /* Title Case says nothing there */
    key[0] = '\0';
    size_t b = tb;
    while (b > stb && tb - b < 6) {
        const NgToken *p = tok(c, b - 1);
        /* "A-B talks", "A–B summit" (an en dash joining two names, no spaces) */
        bool hyphen = !p->word && (!strcmp(p->lower, "-") ||
                                   (!strcmp(p->lower, "\xE2\x80\x93") && b - 1 > stb &&
                                    tok(c, b - 2)->span.end == p->span.begin &&
                                    p->span.end == tok(c, b)->span.begin));
        bool poss = (!p->word && (!strcmp(p->lower, "'"))) || (p->word && !strcmp(p->lower, "s") &&
                    b - 1 > stb && !tok(c, b - 2)->word);
        bool name = c->tok_in_name[b - 1];
        if (!(name || hyphen || poss || (p->capitalized && !heading && !p->sentence_start)))
            break;
        if (poss || tok_in(c, b - 1, determiners))
            break;
        b--;
    }
    size_t n = 0;
    for (size_t i = b; i < tb; i++) {
        const char *w = tok(c, i)->lower;
        size_t l = strlen(w);
        if (n + l + 2 >= 96)
            break;
        if (n)
            key[n++] = ' ';
        memcpy(key + n, w, l);
        n += l;
    }
    key[n] = '\0';
    /* the determiner before the premodifiers (skipping a few adjectives) */
    for (size_t i = b; i > stb && b - i < 4; i--) {
        const char *w = tok(c, i - 1)->lower;
        if (!strcmp(w, "a") || !strcmp(w, "an") || !strcmp(w, "another"))
            return false;
        if (!strcmp(w, "the") || !strcmp(w, "this") || !strcmp(w, "that")) {
            *definite = true;
            break;
        }
        /* "the two armies had fought": an auxiliary makes the trigger a verb, and the article
         * before it its subject's */
        static const char *const aux[] = {"had", "has", "have", "was", "were", "is", "are", "will",
                                          "would", "did", "been", NULL};
        if (!tok(c, i - 1)->word || tok_in(c, i - 1, aux))
            break;
    }
    return true;
}

/* Does the event's last mention lie in sentence s before the temporal conjunction at offset
 * sub_at (SIZE_MAX: none)? */
static bool split_by(const X *c, const NgXEvent *ev, size_t s, size_t sub_at)
{
    if (sub_at == SIZE_MAX || !ev->spans.count)
        return false;
    size_t b = ev->spans.items[ev->spans.count - 1].begin;
    return b >= c->sg->sentences[s].span.begin && b < sub_at;
}

/* ------------------------------------------------------------------ events told by their verb */

/* Is token i a past-tense form ("returned", "left")?  The same test narration() makes. */
static bool past_form(const X *c, size_t i)
{
    const NgToken *k = tok(c, i);
    size_t n = strlen(k->lower);
    return k->word && !k->capitalized &&
           ((n > 4 && !strcmp(k->lower + n - 2, "ed")) ||
            (ng_map_get(&c->lx->irregular, k->lower, n, NULL) && k->lower[n - 1] != 's'));
}

/* The cue of `kind` (ng:VerbClass, ng:AgentNounClass, ng:PlaceNounClass) that names one of the
 * WordNet hypernyms of `word` as part of speech pos (the most specific first) or else its
 * lexicographer file, or SIZE_MAX. */
static size_t wordnet_cue(X *c, const char *word, char pos, NgCueKind kind)
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

/* The subject right before token v when it opens its clause: a named actor (not a mere place),
 * a personal pronoun, or a common noun phrase ("an advance party", "observers") whose head is of an
 * ng:AgentNounClass.  actor_ending[v]: the first token of the longest actor mention (not a place)
 * that ends right before token v, or SIZE_MAX. */
static bool clause_subject(X *c, const size_t *actor_ending, size_t s, size_t v)
{
    static const char *const pronouns[] = {"he", "she", "they", "we", NULL};
    static const char *const openers[] = {",", ";", ":", "and", "but", "then", "\xE2\x80\x94", NULL};
    static const char *const dets[] = {"a", "an", "the", "its", "their", "his", "her", "our", "some",
                                       "several", "both", "two", "three", NULL};
    size_t stb = sent_tb(c, s);
    if (v <= stb)
        return false;
    static const char *const aux[] = {"had", "has", "have", "was", "were", "is", "are", "be",
                                      "been", "being", "will", "would", "could", "should", "might",
                                      "may", "must", "can", "did", "does", "do", "to", "not",
                                      "never", NULL};
    size_t h = v - 1, b = actor_ending[v];
    if (tok_in(c, h, aux))
        return false; /* "had left", "was returned", "never left" */
    if (b == SIZE_MAX && tok_in(c, h, pronouns))
        b = h;
    if (b == SIZE_MAX) {
        const NgToken *ht = tok(c, h);
        if (!ht->word || (ht->capitalized && !ht->sentence_start) || c->tok_in_name[h] ||
            tok_in(c, h, dets))
            return false;
        if (wordnet_cue(c, ht->lower, 'n', NG_CUE_AGENTCLASS) == SIZE_MAX)
            return false;
        b = h;
        if (actor_ending[b] != SIZE_MAX)
            b = actor_ending[b]; /* a named premodifier: "Ruritanian observers" */
        /* premodifiers back to a determiner: "an advance party", "the last observers" */
        while (b > stb && h - b < 3 && tok(c, b - 1)->word &&
               (!tok(c, b - 1)->capitalized || tok(c, b - 1)->sentence_start) &&
               !tok_in(c, b - 1, openers) && !past_form(c, b - 1)) {
            b--;
            if (tok_in(c, b, dets))
                break;
        }
        if (b > stb && !tok_in(c, b, dets) && tok(c, b - 1)->word && !tok_in(c, b - 1, openers))
            return false;
    } else if (b > stb && tok_in(c, b - 1, dets)) {
        b--; /* "the Ruritanian army" */
    }
    return b == stb || tok_in(c, b - 1, openers);
}

/* Is token i a time word of the lexicon (ng:TimeWord: "afterwards", "week", "Monday")? */
static bool time_word(const X *c, size_t i)
{
    const NgToken *k = tok(c, i);
    return k->word && ng_lexicon_find_cue(c->lx, NG_CUE_TIMEWORD, k->lower, strlen(k->lower)) != SIZE_MAX;
}

/* Does a time expression start at token i (before e)?  "soon afterwards", "last week", "in late
 * August" (after its preposition), "3 July", "2019", "two days later", "the first time". */
static bool starts_time(const X *c, size_t i, size_t e)
{
    static const char *const mods[] = {"last", "next", "this", "that", "the", "a", "an", "each",
                                       "every", "early", "late", "mid", "following", "same",
                                       "previous", "first", "second", "third", "final", "few",
                                       "several", "two", "three", "four", "five", "some", NULL};
    int y;
    if (i >= e)
        return false;
    if (time_word(c, i) || year_of(c, i, &y))
        return true;
    size_t j = i;
    while (j < e && j - i < 3 && (tok_in(c, j, mods) || day_of(c, j, &y)))
        j++;
    return j < e && (time_word(c, j) || year_of(c, j, &y) ||
                     (tok(c, j)->capitalized && cue_at(c, j, NG_CUE_MONTH, NULL, NULL)));
}

/* Mentions by token: the longest actor mention (not a place) ending right before token t, as its
 * first token (ending_tb) and its index (ending); the longest mention of any kind starting at t. */
typedef struct {
    size_t *ending_tb, *ending, *starting;
} MentionIndex;

/* Is the noun phrase at token i (before e) a place: a named place, a state (unless the subject
 * is a state itself: "Ruritania overtook Freedonia" is no movement) or a common noun whose
 * commonest WordNet sense is of an ng:PlaceNounClass ("the border town", "the river")? */
static bool place_phrase(X *c, const MentionIndex *mi, size_t i, size_t e, bool state_subject)
{
    static const char *const lead[] = {"a", "an", "the", "its", "their", "his", "her", "our",
                                       "this", "that", "these", "those", "each", "every", NULL};
    static const char *const stops[] = {"of", "in", "on", "at", "to", "from", "for", "with", "by",
                                        "into", "across", "through", "toward", "towards", "after",
                                        "before", "during", "near", "over", "under", "and", "or",
                                        "but", "that", "which", "who", "as", "than", "while",
                                        "when", "since", "until", "not", NULL};
    if (i < e && tok_in(c, i, lead))
        i++;
    if (i >= e)
        return false;
    if (mi->starting[i] != SIZE_MAX) {
        const Mention *m = &c->ments[mi->starting[i]];
        bool possessive = m->te < e && (tok_is(c, m->te, "'s") || tok_is(c, m->te, "\xE2\x80\x99s"));
        if (!possessive) {
            NgActorKind k = c->x->actors[m->actor].kind;
            return k == NG_KIND_PLACE || (k == NG_KIND_STATE && !state_subject);
        }
        i = m->te + 1; /* "Freedonia's northern province": the head follows */
    }
    size_t head = SIZE_MAX;
    for (size_t j = i; j < e && j - i < 4; j++) {
        const NgToken *k = tok(c, j);
        size_t n = strlen(k->lower);
        if (!k->word || tok_in(c, j, stops) || starts_time(c, j, e) ||
            (n > 4 && !strcmp(k->lower + n - 2, "ly")))
            break;
        head = j;
    }
    return head != SIZE_MAX && !c->st &&
           wordnet_cue(c, tok(c, head)->lower, 'n', NG_CUE_PLACECLASS) != SIZE_MAX;
}

/* What follows a verb of a verb class (its first token after it and its particle: t) is
 * consistent with a movement: nothing ("the envoys left.", "left, and"), a preposition of
 * direction or origin and no verb after it ("returned to the border", "pulled back from the
 * ridge", not "moved to calm the markets"), a time ("left soon afterwards", "returned in late
 * May"), or a place as object or location ("crossed the river", "arrived in Freedonia").  An
 * object that is no place ("followed suit", "ran a deficit", "led the review"), an adjective
 * or adverb ("fell silent", "went further", "moved forward") and a purpose after the movement
 * ("turned to Freedonia for help") make the verb an idiom, not an event. */
static bool movement_complement(X *c, const MentionIndex *mi, size_t s, size_t t, bool state_subject)
{
    static const char *const direction[] = {"from", "to", "into", "out", "across", "through",
                                            "toward", "towards", "away", "home", "back", "onto",
                                            "abroad", "overseas", "ashore", "via", NULL};
    static const char *const locative[] = {"in", "at", "on", "near", "inside", NULL};
    static const char *const temporal[] = {"in", "on", "at", "by", "during", "within", "after",
                                           "before", "until", "since", "over", "throughout",
                                           "for", NULL};
    static const char *const ends[] = {"and", "but", "or", "after", "before", "until", "when",
                                       "while", NULL};
    static const char *const possessives[] = {"its", "their", "his", "her", "our", NULL};
    size_t e = sent_te(c, s);
    /* the end of the clause the complement lies in */
    size_t ce = t;
    while (ce < e && !is_clause_break(c, ce) && !tok_is(c, ce, ",") && !tok_in(c, ce, ends))
        ce++;
    if (t < e) { /* past one adverb of manner: "moved quickly", "left abruptly" */
        size_t n = strlen(tok(c, t)->lower);
        if (n > 4 && !strcmp(tok(c, t)->lower + n - 2, "ly") && !starts_time(c, t, e))
            t++;
    }
    bool ok;
    if (t >= e || !tok(c, t)->word || tok_in(c, t, ends)) {
        ok = true; /* "A small team returned.", "the envoys fled, and" */
    } else if (tok_in(c, t, direction)) {
        size_t p = t;
        while (p < ce && (tok_in(c, p, direction) || (tok_is(c, p, "of") && tok_is(c, p - 1, "out"))))
            p++;
        size_t n = p < e ? strlen(tok(c, p)->lower) : 0;
        if (p >= ce || !tok(c, p)->word)
            ok = true; /* "pulled back.", "went home" */
        else if (n > 4 && !strcmp(tok(c, p)->lower + n - 3, "ing"))
            ok = false; /* "turned away from supporting" */
        else if (state_subject || (!tok(c, p)->capitalized && !tok_in(c, p, determiners) &&
                                   !tok_in(c, p, possessives) &&
                                   !isdigit((unsigned char)tok(c, p)->lower[0])))
            /* a bare word must be a place ("into town", not "moved to calm the markets",
             * "returned to power", "fell into recession"); so must where a state goes, else it
             * is a policy ("Ruritania turned to Freedonia", "moved to the centre") */
            ok = place_phrase(c, mi, p, ce, state_subject);
        else
            ok = true; /* "returned to the border", "crossed into Freedonia" */
    } else if (starts_time(c, t, e)) {
        ok = true; /* "left soon afterwards", "returned last week" */
    } else if (tok_in(c, t, temporal) && starts_time(c, t + 1, e)) {
        ok = true; /* "returned in late August", "left on 3 July" */
    } else if (tok_is(c, t, "for")) {
        /* "left for Freedonia" is a destination; "ran for a seat", "went for broke" are not */
        size_t q = t + 1 < e ? mi->starting[t + 1] : SIZE_MAX;
        NgActorKind k = q != SIZE_MAX ? c->x->actors[c->ments[q].actor].kind : NG_KIND_NONE;
        ok = k == NG_KIND_PLACE || (k == NG_KIND_STATE && !state_subject);
    } else if (tok_in(c, t, locative)) {
        ok = place_phrase(c, mi, t + 1, ce, state_subject); /* "arrived in the border town" */
    } else {
        ok = place_phrase(c, mi, t, ce, state_subject); /* "crossed the river", not "followed suit" */
    }
    /* "turned to Freedonia for help": the movement serves a purpose, it is no event of its own
     * ("left for the border", right after the verb, is its destination; "for the first time" a
     * time) */
    for (size_t f = t + 1; ok && f < ce; f++)
        if (tok_is(c, f, "for") && !starts_time(c, f + 1, e))
            ok = false;
    return ok;
}

/* Events narrated with an ordinary verb ("The delegation left the capital in May"): the
 * past-tense main verb of a clause whose subject is an actor, a pronoun or an agent noun, when
 * its most frequent WordNet sense lies in a verb class of the lexicon (ng:VerbClass, data).  They
 * are event-cue matches whose cue is the verb class; *out holds them, sorted like the matcher's. */
static NgStatus verb_class_triggers(X *c, NgMatch **out, size_t *count)
{
    static const char *const particles[] = {"back", "out", "off", "away", "up", "down", NULL};
    static const char *const idiomatic[] = {"through", "into", "for", "ahead", "behind", "under",
                                            "on", "in", "off", "out", "up", "down", "over",
                                            "along", "after", "around", NULL};
    const NgMatches *m = c->m;
    size_t cap = 0;
    *out = NULL;
    *count = 0;
    bool any = false;
    for (size_t i = 0; i < c->lx->cue_count && !any; i++)
        any = c->lx->cues[i].kind == NG_CUE_VERBCLASS && c->lx->cues[i].evokes;
    if (!any)
        return NG_SUCCESS; /* no verb classes in the lexicon: nothing to do */
    size_t slots = m->token_count + 1;
    size_t *arrays = malloc(3 * slots * sizeof(size_t));
    if (!arrays)
        return c->st = NG_ERR_NOMEM;
    MentionIndex mi = {arrays, arrays + slots, arrays + 2 * slots};
    for (size_t i = 0; i < 3 * slots; i++)
        arrays[i] = SIZE_MAX;
    for (size_t q = 0; q < c->nm; q++) {
        const Mention *mm = &c->ments[q];
        (*c->work)++;
        if (c->x->actors[mm->actor].kind != NG_KIND_PLACE && mm->tb < mi.ending_tb[mm->te]) {
            mi.ending_tb[mm->te] = mm->tb;
            mi.ending[mm->te] = q;
        }
        size_t *st = &mi.starting[mm->tb];
        if (*st == SIZE_MAX || c->ments[*st].te < mm->te)
            *st = q;
    }
    for (size_t s = 0; s < c->sg->sentence_count && !c->st; s++) {
        if (c->sg->sentences[s].heading)
            continue;
        for (size_t v = sent_tb(c, s); v < sent_te(c, s) && !c->st; v++) {
            if (!past_form(c, v) || c->tok_in_name[v])
                continue;
            /* a verb that is a cue of its own (an event trigger, a reporting verb) keeps its role */
            bool cued = false;
            for (int k = 0; k < NG_CUE__COUNT && !cued; k++)
                cued = cue_at(c, v, (NgCueKind)k, NULL, NULL);
            if (cued)
                continue;
            (*c->work)++;
            /* a phrasal verb first: "pulled back" */
            size_t te = v + 1, cue = SIZE_MAX;
            if (v + 1 < sent_te(c, s) && tok_in(c, v + 1, particles)) {
                char phrase[96];
                snprintf(phrase, sizeof phrase, "%s_%s", tok(c, v)->lower, tok(c, v + 1)->lower);
                cue = wordnet_cue(c, phrase, 'v', NG_CUE_VERBCLASS);
                if (cue != SIZE_MAX)
                    te = v + 2;
            }
            /* a phrasal verb of another class is an idiom, not a movement: "went through the
             * files" (go_through), "fell into recession", "ran for a seat" (fall_into, run_for:
             * verb.stative).  Not with a word of direction, whose phrasal verbs WordNet files
             * apart from the movement ("went back", "came to"). */
            if (cue == SIZE_MAX && !c->st && v + 1 < sent_te(c, s) && tok_in(c, v + 1, idiomatic)) {
                char phrase[96], *chain = NULL;
                snprintf(phrase, sizeof phrase, "%s_%s", tok(c, v)->lower, tok(c, v + 1)->lower);
                if (!(c->st = ng_wordnet_class(c->lx, phrase, 'v', &chain)) && chain &&
                    wordnet_cue(c, phrase, 'v', NG_CUE_VERBCLASS) == SIZE_MAX) {
                    free(chain);
                    continue;
                }
                free(chain);
            }
            if (cue == SIZE_MAX && !c->st)
                cue = wordnet_cue(c, tok(c, v)->lower, 'v', NG_CUE_VERBCLASS);
            if (cue == SIZE_MAX || c->st || !c->lx->cues[cue].evokes ||
                !clause_subject(c, mi.ending_tb, s, v))
                continue;
            bool state_subject = mi.ending[v] != SIZE_MAX &&
                                 c->x->actors[c->ments[mi.ending[v]].actor].kind == NG_KIND_STATE;
            if (!movement_complement(c, &mi, s, te, state_subject) || c->st)
                continue;
            /* "the envoys sat down for talks", "flew in for the summit": the verb narrates the
             * event its clause names next, it is not another one */
            bool names_next = false;
            for (size_t t = te; t < sent_te(c, s) && t < te + 6 && !names_next; t++) {
                if (is_clause_break(c, t) || tok_is(c, t, ","))
                    break;
                names_next = cue_at(c, t, NG_CUE_EVENT, NULL, NULL);
            }
            if (names_next)
                continue;
            if ((c->st = ng_grow((void **)out, &cap, *count + 1, sizeof(NgMatch))))
                break;
            NgMatch *x = &(*out)[(*count)++];
            memset(x, 0, sizeof *x);
            x->type = NG_M_CUE;
            x->cue_kind = NG_CUE_EVENT;
            x->ref = cue;
            x->sentence = s;
            x->tok_begin = v;
            x->tok_end = te;
            x->span = (NgSpan){tok(c, v)->span.begin, tok(c, te - 1)->span.end};
        }
    }
    free(arrays);
    return c->st;
}

#define SPAN_REACH 6 /* words; 6 and 7 score alike on the sample and dev set, 3 and 8 worse */

#define NG_EVENT_LOOKBACK 512

static void find_events_in(X *c);

/* Event triggers are the lexicon's cue matches and the verbs of a WordNet verb class. */
static void find_events(X *c)
{
    NgMatch *verbal = NULL;
    size_t nverbal = 0;
    if (verb_class_triggers(c, &verbal, &nverbal) || !nverbal) {
        free(verbal);
        if (!c->st)
            find_events_in(c);
        return;
    }
    const NgMatches *orig = c->m;
    NgMatches aug = *orig;
    aug.match_count = orig->match_count + nverbal;
    aug.matches = malloc(aug.match_count * sizeof(NgMatch));
    if (!aug.matches) {
        free(verbal);
        c->st = NG_ERR_NOMEM;
        return;
    }
    if (orig->match_count)
        memcpy(aug.matches, orig->matches, orig->match_count * sizeof(NgMatch));
    memcpy(aug.matches + orig->match_count, verbal, nverbal * sizeof(NgMatch));
    free(verbal);
    qsort(aug.matches, aug.match_count, sizeof(NgMatch), ng_match_compare);
    c->m = &aug;
    find_events_in(c);
    c->m = orig;
    free(aug.matches);
}

static void find_events_in(X *c)
{
    const NgMatches *m = c->m;
    NgExtraction *x = c->x;
    size_t reach = 0, reach_sentence = SIZE_MAX; /* furthest token an earlier trigger covers */
    size_t *title_cues = NULL, title_count = 0, title_cap = 0;
    char (*keys)[96] = NULL;
    size_t key_cap = 0;
    for (size_t k = 0; k < m->match_count && !c->st; k++) {
        const NgMatch *mt = &m->matches[k];
        if (mt->type != NG_M_CUE || mt->cue_kind != NG_CUE_EVENT)
            continue;
        const NgLexCue *cue = &c->lx->cues[mt->ref];
        bool nested = reach_sentence == mt->sentence && reach >= mt->tok_end;
        if (reach_sentence != mt->sentence || mt->tok_end > reach) {
            reach = mt->tok_end;
            reach_sentence = mt->sentence;
        }
        if (nested || !cue->evokes || c->tok_in_name[mt->tok_begin])
            continue;
        /* "infrastructure collaboration", "trade cooperation": the general head names the
         * specific event its modifier already evokes, so it makes no second event */
        if (k > 0 && mt->tok_begin > 0) {
            bool general_head = false;
            for (size_t q = k; q-- > 0 && m->matches[q].tok_begin + 4 > mt->tok_begin;) {
                const NgMatch *pm = &m->matches[q];
                if (pm->type != NG_M_CUE || pm->cue_kind != NG_CUE_EVENT || pm->tok_end != mt->tok_begin)
                    continue;
                const NgLexCue *pc = &c->lx->cues[pm->ref];
                if (pc->evokes && is_subclass(c->lx, pc->evokes, cue->evokes))
                    general_head = true;
            }
            if (general_head)
                continue;
        }
        /* "if dialogue with the United States resumes", "any future talks": hypothetical */
        bool hypothetical = false;
        for (size_t i = mt->tok_begin; i > sent_tb(c, mt->sentence) && mt->tok_begin - i < 8; i--) {
            if (tok_is(c, i - 1, ",") || is_clause_break(c, i - 1))
                break;
            hypothetical = hypothetical || cue_at(c, i - 1, NG_CUE_CONDITIONAL, NULL, NULL);
        }
        if (hypothetical)
            continue;
        /* "the resumption of labour deployment": the aspect of the next event, not one itself */
        if (cue->aspectual) {
            bool modifies = false;
            for (size_t q = k + 1; q < m->match_count && m->matches[q].tok_begin <= mt->tok_end + 4; q++)
                modifies = modifies || (m->matches[q].type == NG_M_CUE &&
                                        m->matches[q].cue_kind == NG_CUE_EVENT &&
                                        m->matches[q].sentence == mt->sentence &&
                                        m->matches[q].tok_begin >= mt->tok_end);
            if (modifies)
                continue;
        }
        /* "talks between A and B, mediated by C", "the meeting was brokered by C": a participle
         * with its agent describes the event just named, it is not another one */
        if (mt->tok_end < sent_te(c, mt->sentence) && tok_is(c, mt->tok_end, "by") &&
            !tok(c, mt->tok_begin)->capitalized) {
            bool describes = false;
            for (size_t q = k; q-- > 0 && !describes;) {
                const NgMatch *pm = &m->matches[q];
                if (pm->sentence != mt->sentence || pm->tok_end + 10 < mt->tok_begin)
                    break;
                if (pm->type != NG_M_CUE || pm->cue_kind != NG_CUE_EVENT || pm->tok_end > mt->tok_begin)
                    continue;
                bool clean = true;
                for (size_t t = pm->tok_end; t < mt->tok_begin && clean; t++)
                    clean = !is_clause_break(c, t);
                describes = clean;
            }
            if (describes)
                continue;
        }
        size_t s = mt->sentence;
        bool heading = c->sg->sentences[s].heading;
        bool title = heading && c->sg->title.end > c->sg->title.begin &&
                     c->sg->sentences[s].span.begin == c->sg->title.begin;
        if (heading && !title)
            continue; /* section headings name topics, not events */
        if (title) {
            /* the headline's events are the body's: it lends them its year, makes none itself */
            if ((c->st = ng_grow((void **)&title_cues, &title_cap, title_count + 1, sizeof(size_t))))
                break;
            title_cues[title_count++] = k;
            continue;
        }
        /* "according to": a trigger inside a longer cue of another kind is part of that cue (a
         * relation cue aside: "clashed with" is a clash and a rivalry) */
        bool inside_other = false;
        for (size_t q = k; q-- > 0 && m->matches[q].tok_begin == mt->tok_begin;)
            inside_other = inside_other || (m->matches[q].type == NG_M_CUE &&
                                            m->matches[q].cue_kind != NG_CUE_EVENT &&
                                            m->matches[q].cue_kind != NG_CUE_RELATION &&
                                            m->matches[q].tok_end > mt->tok_end);
        if (inside_other)
            continue;
        size_t cb, ce;
        clause_of(c, s, mt->tok_begin, 10, &cb, &ce);
        if (ce < mt->tok_end)
            ce = mt->tok_end;
        NgIndexList parts = {0};
        size_t first, last, lo = mt->tok_begin, hi = mt->tok_end;
        mentions_in(c, s, cb, ce, &first, &last);
        for (size_t i = first; i < last; i++) {
            const Mention *mm = &c->ments[i];
            if (c->x->actors[mm->actor].kind == NG_KIND_GROUP)
                continue;
            add_with_led_states(c, &parts, mm->actor);
            /* the span covers the trigger and the participants next to it ("Macron's visit
             * to Berlin"), not the whole clause, so it does not swallow a neighbour event */
            if (mm->tb < lo && mt->tok_begin - mm->te <= SPAN_REACH)
                lo = mm->tb;
            if (mm->te > hi && mm->tb - mt->tok_end <= SPAN_REACH)
                hi = mm->te;
        }
        for (size_t i = cb; i < ce && !c->st; i++) {
            size_t a, b;
            if (pair_reference(c, s, i, &a, &b)) {
                add_with_led_states(c, &parts, a);
                add_with_led_states(c, &parts, b);
            }
        }
        /* "the joint declaration", "a bilateral meeting", "diplomatic ties": both parties of the
         * article's bilateral relationship — when the trigger is so modified, or names no one */
        bool reciprocal = false, modified = false;
        for (size_t i = cb; i < ce; i++) {
            bool r = cue_at(c, i, NG_CUE_RECIPROCAL, NULL, NULL);
            reciprocal = reciprocal || r;
            modified = modified || (r && i < mt->tok_begin && mt->tok_begin - i <= 2);
        }
        if (modified || (reciprocal && parts.count == 0)) {
            size_t a, b;
            if (dominant_pair(c, NG_KIND_STATE, &a, &b)) {
                add_with_led_states(c, &parts, a);
                add_with_led_states(c, &parts, b);
            }
        }
        /* "Troops pulled back from Ruritania's border valley": a place alone in the clause is
         * where it happened, not who acted; the actors still come from the sentence or the one
         * before, as when no one is there */
        bool only_places = parts.count > 0;
        for (size_t i = 0; i < parts.count; i++)
            only_places = only_places && c->x->actors[parts.items[i]].kind == NG_KIND_PLACE;
        size_t placed = only_places ? parts.count : 0;
        /* no one in the clause: the states and people of the whole sentence ("The relationship
         * between India and Pakistan ... dating back to the partition war") */
        if ((parts.count == 0 || only_places) && !heading) {
            for (size_t q = c->sent_first[s]; q < c->sent_first[s + 1] && parts.count < 4 + placed; q++) {
                NgActorKind kind = c->x->actors[c->ments[q].actor].kind;
                if (kind == NG_KIND_STATE || kind == NG_KIND_PERSON || kind == NG_KIND_ORGANISATION)
                    add_with_led_states(c, &parts, c->ments[q].actor);
            }
        }
        /* "A ceasefire took hold two days later.": the states and people of the sentence before */
        if (parts.count == placed && !heading && s > 0 && !c->sg->sentences[s - 1].heading) {
            for (size_t q = c->sent_first[s - 1]; q < c->sent_first[s] && parts.count < 3 + placed; q++) {
                NgActorKind kind = c->x->actors[c->ments[q].actor].kind;
                if (kind == NG_KIND_STATE || kind == NG_KIND_PERSON || kind == NG_KIND_ORGANISATION)
                    c->st = ng_index_list_add_counted(&parts, c->ments[q].actor, c->work);
            }
        }
        /* "Observers left the capital. An advance party returned in May.": a verb narrating
         * with a common-noun subject and no one named near it continues the story of the event
         * just told, one sentence back */
        if (parts.count == 0 && cue->kind == NG_CUE_VERBCLASS && x->event_count > 0 && s > 0) {
            const NgXEvent *pe = &x->events[x->event_count - 1];
            if (pe->sentence + 1 == s && !c->sg->sentences[s - 1].heading)
                for (size_t i = 0; i < pe->actors.count && !c->st; i++)
                    c->st = ng_index_list_add_counted(&parts, pe->actors.items[i], c->work);
        }
        char when[16] = "";
        bool timed = time_near(c, cb, ce, mt->tok_begin, when);
        if (heading && !timed && c->article_year)
            snprintf(when, sizeof when, "%04d", c->article_year);
        /* the place: "to/in/at PLACE" right after the trigger */
        size_t place = SIZE_MAX;
        if (mt->tok_end + 1 < ce && tok_in(c, mt->tok_end, (const char *const[]){"to", "in", "at", NULL})) {
            for (size_t i = first; i < last; i++)
                if (c->ments[i].tb == mt->tok_end + 1 &&
                    (c->x->actors[c->ments[i].actor].kind == NG_KIND_STATE ||
                     c->x->actors[c->ments[i].actor].kind == NG_KIND_PLACE))
                    place = c->ments[i].actor;
        }
        NgSpan span = {tok(c, lo)->span.begin, tok(c, hi - 1)->span.end};
        char key[96];
        bool definite;
        bool may_refer = trigger_intro(c, s, mt->tok_begin, key, &definite);
        /* "the 2015 deal": a year inside the noun phrase dates this mention; it refers back only
         * to an event of that year */
        int np_year = 0;
        for (size_t i = mt->tok_begin; i > sent_tb(c, s) && mt->tok_begin - i < 4 && tok(c, i - 1)->word &&
                                       !tok_in(c, i - 1, determiners); i--)
            if (year_of(c, i - 1, &np_year))
                break;
        /* merge with an earlier event of the same class whose name, participants and time agree */
        size_t target = SIZE_MAX;
        static const char *const modals[] = {"will", "would", "could", "might", "may", "shall",
                                             "should", NULL};
        bool modal_verb = mt->tok_begin > sent_tb(c, s) && tok_in(c, mt->tok_begin - 1, modals);
        /* "would sign an agreement": two triggers of one class a word apart are one event */
        /* both look-backs stop NG_EVENT_LOOKBACK events back, so an article of many events
         * stays linear; no real article has that many between an event and its mention */
        size_t oldest = x->event_count > NG_EVENT_LOOKBACK ? x->event_count - NG_EVENT_LOOKBACK : 0;
        /* "the first enlargement since Ruritania joined": an event of this sentence before a
         * temporal conjunction that precedes the trigger is another event */
        size_t sub_at = SIZE_MAX;
        for (size_t t = mt->tok_begin; t > sent_tb(c, s) && sub_at == SIZE_MAX; t--)
            if (tok_in(c, t - 1, (const char *const[]){"since", "after", "before", "until", "when", NULL}))
                sub_at = tok(c, t - 1)->span.begin;
        /* a verb of a verb class tells a happening of its own ("the army advanced ... the
         * rebels retreated"); it does not refer back to an earlier one as "the summit" does */
        bool verbal = cue->kind == NG_CUE_VERBCLASS;
        if (verbal)
            may_refer = false;
        for (size_t e = x->event_count; !verbal && e-- > oldest && target == SIZE_MAX;) {
            NgXEvent *ev = &x->events[e];
            (*c->work)++;
            if (strcmp(ev->class_iri, cue->evokes) != 0 || !ev->spans.count)
                continue;
            NgSpan last_span = ev->spans.items[ev->spans.count - 1];
            if (last_span.end > c->sg->sentences[s].span.begin && last_span.begin <= span.end &&
                last_span.end + 8 >= tok(c, mt->tok_begin)->span.begin &&
                !split_by(c, ev, s, sub_at))
                target = e;
        }
        for (size_t e = x->event_count; may_refer && target == SIZE_MAX && e-- > oldest;) {
            NgXEvent *ev = &x->events[e];
            (*c->work)++;
            if (strcmp(ev->class_iri, cue->evokes) != 0)
                continue;
            bool time_ok = !when[0] || !ev->time[0] || !strncmp(ev->time, when, 4);
            if (np_year) {
                char y[8];
                snprintf(y, sizeof y, "%04d", np_year);
                time_ok = ev->time[0] && !strncmp(ev->time, y, 4);
            }
            /* "the agreement" refers back to the last agreement whoever the sentence names */
            bool parts_ok = definite || parts.count == 0 || ev->actors.count == 0 ||
                            lists_overlap(&parts, &ev->actors);
            size_t shared = 0;
            for (size_t i = 0; i < parts.count; i++)
                shared += index_list_has(&ev->actors, parts.items[i]);
            /* "the Ruritania–Freedonia summit" names its own format: no other name will do */
            bool paired_key = strstr(key, " - ") || strstr(key, " \xE2\x80\x93 ");
            bool key_ok = !key[0] || !keys[e][0] || !strcmp(key, keys[e]) || (shared >= 2 && !paired_key);
            /* "... would meet soon": a verb under a modal forecasts an event; it does not refer
             * back to one already reported */
            bool mood_ok = !modal_verb || ev->modality != NG_MOD_ASSERTED;
            if (time_ok && parts_ok && key_ok && mood_ok && !split_by(c, ev, s, sub_at)) {
                target = e;
                break;
            }
        }
        if (target == SIZE_MAX) {
            if ((c->st = ng_grow((void **)&x->events, &x->event_cap, x->event_count + 1, sizeof(NgXEvent)))) {
                free_index_list(&parts);
                break;
            }
            if ((c->st = ng_grow((void **)&keys, &key_cap, x->event_count + 1, sizeof *keys))) {
                free_index_list(&parts);
                break;
            }
            memcpy(keys[x->event_count], key, sizeof key);
            target = x->event_count++;
            NgXEvent *ev = &x->events[target];
            memset(ev, 0, sizeof *ev);
            ev->class_iri = cue->evokes;
            ev->place = SIZE_MAX;
            ev->sentence = s;
            ev->modality = modality_in(c, cb, ce);
            char *surface = text_of(c, mt->tok_begin, mt->tok_end);
            if (!surface) {
                c->st = NG_ERR_NOMEM;
                free_index_list(&parts);
                break;
            }
            ev->label = surface;
        }
        NgXEvent *ev = &x->events[target];
        if (!keys[target][0] && key[0])
            memcpy(keys[target], key, sizeof key);
        if (!ev->time[0] && when[0])
            memcpy(ev->time, when, sizeof ev->time);
        if (ev->place == SIZE_MAX)
            ev->place = place;
        for (size_t i = 0; i < parts.count && !c->st; i++)
            c->st = ng_index_list_add_counted(&ev->actors, parts.items[i], c->work);
        if (!c->st && !heading)
            c->st = ng_span_list_add_counted(&ev->spans, span, c->work);
        else if (!c->st && ev->spans.count == 0)
            c->st = ng_span_list_add_counted(&ev->spans, span, c->work);
        free_index_list(&parts);
    }
    for (size_t i = 0; i < title_count && !c->st && c->article_year; i++) {
        const NgLexCue *cue = &c->lx->cues[m->matches[title_cues[i]].ref];
        for (size_t e = 0; e < x->event_count; e++) {
            NgXEvent *ev = &x->events[e];
            if (cue->evokes && !strcmp(ev->class_iri, cue->evokes)) {
                if (!ev->time[0])
                    snprintf(ev->time, sizeof ev->time, "%04d", c->article_year);
                break;
            }
        }
    }
    free(title_cues);
    free(keys);
    /* An event nobody takes part in is dropped: the graph promises every event an actor
     * (queries/checks/event-has-actor.rq), and such mentions are mostly topic words. */
    size_t kept = 0;
    for (size_t e = 0; e < x->event_count; e++) {
        NgXEvent *ev = &x->events[e];
        if (ev->actors.count == 0) {
            free(ev->label);
            free(ev->actors.items);
            free(ev->spans.items);
            continue;
        }
        x->events[kept++] = *ev;
    }
    x->event_count = kept;
}

/* ------------------------------------------------------------------ claims */


/* A collective source: the noun phrase around a group noun at token g ("A former IAEA inspector",
 * "Some Iranian lawmakers", "An analyst at a Gulf research center", "Iranian officials").  With a
 * determiner within five words to the left the phrase starts there; without one it takes only the
 * capitalised words (demonyms, names) right before the noun.  A prepositional tail ("at ...",
 * "in India", "of South Asia") is kept up to the verb.  Writes the phrase's last token to *end. */
static void group_phrase(const X *c, size_t sentence, size_t g, size_t *begin, size_t *end)
{
    static const char *const preps[] = {"at", "of", "in", "from", NULL};
    static const char *const stops[] = {"that", "who", "which", "have", "has", "had", "was", "were",
                                        "is", "are", "will", "would", "and", "to", "on", "for",
                                        "this", "last", "also", "said", NULL};
    size_t tb = sent_tb(c, sentence), te = sent_te(c, sentence);
    size_t b = g;
    for (size_t i = g; i > tb && g - i < 5; i--) {
        const NgToken *p = tok(c, i - 1);
        if (!p->word && strcmp(p->lower, "-") != 0)
            break;
        if (p->word && tok_in(c, i - 1, determiners)) {
            b = i - 1;
            break;
        }
    }
    if (b == g) {
        while (b > tb && (tok(c, b - 1)->capitalized || c->tok_in_name[b - 1]) &&
               !(tok(c, b - 1)->sentence_start && !c->tok_in_name[b - 1] && tok_in(c, b - 1, determiners)))
            b--;
    }
    size_t e = g + 1;
    if (e + 1 < te && tok_in(c, e, preps)) {
        size_t j = e + 1, stop = e + 7 < te ? e + 7 : te;
        while (j < stop && tok(c, j)->word && !tok_in(c, j, stops) &&
               !cue_at(c, j, NG_CUE_REPORTING, NULL, NULL) && !cue_at(c, j, NG_CUE_HEDGE, NULL, NULL) &&
               !cue_at(c, j, NG_CUE_PREDICTION, NULL, NULL) && !cue_at(c, j, NG_CUE_ASSESSMENT, NULL, NULL))
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
static size_t group_actor(X *c, size_t sentence, size_t g)
{
    size_t b, e;
    group_phrase(c, sentence, g, &b, &e);
    char *label = text_of(c, b, e);
    if (!label) {
        c->st = NG_ERR_NOMEM;
        return SIZE_MAX;
    }
    size_t a = actor_for_key(c, label, NG_KIND_GROUP);
    free(label);
    if (a != SIZE_MAX && !c->st && tok(c, b)->word && tok_in(c, b, determiners) && b < g) {
        NgXActor *ac = &c->x->actors[a];
        if (!ac->alt[0] && !(ac->alt[0] = text_of(c, b + 1, e)))
            c->st = NG_ERR_NOMEM;
        if (e > g + 1 && !ac->alt[1] && !(ac->alt[1] = text_of(c, b + 1, g + 1)))
            c->st = NG_ERR_NOMEM;
    }
    if (a != SIZE_MAX && !c->st) {
        NgSpan sp = {tok(c, b)->span.begin, tok(c, e - 1)->span.end};
        c->st = ng_span_list_add_counted(&c->x->actors[a].mentions, sp, c->work);
        (*c->mention_gen)++;
    }
    return a;
}

/* The actor whose mention ends nearest before token `before` within [from, before), allowing only
 * words between (no clause punctuation); SIZE_MAX when none. Also reports the mention start. */
static size_t subject_before(const X *c, size_t sentence, size_t from, size_t before, size_t *mb)
{
    size_t first, last;
    mentions_in(c, sentence, from, before, &first, &last);
    for (size_t i = last; i-- > first;) {
        const Mention *mm = &c->ments[i];
        bool clean = true;
        for (size_t k = mm->te; k < before; k++)
            if (is_clause_break(c, k))
                clean = false;
        if (!clean)
            return SIZE_MAX;
        if (c->x->actors[mm->actor].kind == NG_KIND_PLACE)
            continue;
        /* a demonym used as an adjective ("the Freedonian readout") is not a subject */
        if (mm->role == NG_FORM_DEMONYM && mm->te < before && tok(c, mm->te)->word &&
            !tok(c, mm->te)->capitalized)
            continue;
        if (mb)
            *mb = mm->tb;
        return mm->actor;
    }
    return SIZE_MAX;
}

typedef struct {
    size_t source[4];     /* actors; count 0 = the article's author */
    size_t count;
} Source;

/* Index of the mention (in c->ments) that starts at token tb, or SIZE_MAX. */
static size_t mention_at(const X *c, size_t sentence, size_t tb)
{
    for (size_t k = c->sent_first[sentence]; k < c->sent_first[sentence + 1]; k++)
        if (c->ments[k].tb == tb)
            return k;
    return SIZE_MAX;
}

/* The subject found at mention k, widened over a coordination ("France, Germany and the United
 * Kingdom") and past an apposition ("..., the so-called E3, notified"): one source each. */
static void coordinated(const X *c, size_t k, Source *src)
{
    size_t s = c->ments[k].sentence, first = c->sent_first[s];
    /* an apposition: ", the ... M ," — the subject is the mention before it */
    if (k > first) {
        const Mention *m = &c->ments[k], *p = &c->ments[k - 1];
        bool comma_before = p->te < m->tb && tok_is(c, p->te, ",");
        bool the = false;
        for (size_t t = p->te; t < m->tb; t++)
            the = the || tok_is(c, t, "the");
        bool comma_after = m->te < sent_te(c, s) && tok_is(c, m->te, ",");
        if (comma_before && the && comma_after && m->tb - p->te <= 5)
            k--;
    }
    src->source[0] = c->ments[k].actor;
    src->count = 1;
    while (k > first && src->count < 4) {
        const Mention *m = &c->ments[k], *p = &c->ments[k - 1];
        size_t gap = m->tb - p->te;
        bool coord = (gap == 1 && (tok_is(c, p->te, ",") || tok_is(c, p->te, "and"))) ||
                     (gap == 2 && tok_is(c, p->te, ",") && tok_is(c, p->te + 1, "and")) ||
                     (gap == 2 && tok_is(c, p->te, "and") && tok_is(c, p->te + 1, "the")) ||
                     (gap == 3 && tok_is(c, p->te, ",") && tok_is(c, p->te + 1, "and") &&
                      tok_is(c, p->te + 2, "the"));
        if (!coord || c->x->actors[p->actor].kind != c->x->actors[m->actor].kind)
            break;
        bool dup = false;
        for (size_t i = 0; i < src->count; i++)
            dup = dup || src->source[i] == p->actor;
        if (!dup)
            src->source[src->count++] = p->actor;
        k--;
    }
    /* text order */
    for (size_t a = 0, b = src->count - 1; a < b; a++, b--) {
        size_t t = src->source[a];
        src->source[a] = src->source[b];
        src->source[b] = t;
    }
}

/* "he"/"she" before token i: the nearest person named earlier in the sentence, else the last
 * speaker, else the last person of the previous sentence. */
static size_t pronoun_referent(const X *c, size_t s, size_t i, size_t last_speaker)
{
    for (size_t k = c->sent_first[s + 1]; k-- > c->sent_first[s];)
        if (c->ments[k].te <= i && c->x->actors[c->ments[k].actor].kind == NG_KIND_PERSON)
            return c->ments[k].actor;
    if (last_speaker != SIZE_MAX)
        return last_speaker;
    if (s > 0)
        for (size_t k = c->sent_first[s]; k-- > c->sent_first[s - 1];)
            if (c->x->actors[c->ments[k].actor].kind == NG_KIND_PERSON)
                return c->ments[k].actor;
    return SIZE_MAX;
}

/* Is the reporting word at i used as a noun ("overlapping claims", "which also have claims",
 * "the call")?  Then it reports nothing. */
static bool noun_context(const X *c, size_t i, size_t tb)
{
    static const char *const before_noun[] = {"a", "an", "the", "its", "their", "his", "her", "our",
                                              "these", "those", "such", "no", "any", "many",
                                              "overlapping", "rival", "competing", NULL};
    if (i == tb)
        return false;
    if (tok_in(c, i - 1, before_noun))
        return true;
    /* after a possessive, perhaps with one modifier: "Ruritania's (sweeping) claims" */
    for (size_t p = i - 1, hops = 0; p > tb + 1 && hops < 2; p--, hops++) {
        if (tok_is(c, p, "s") && !tok(c, p - 1)->word)
            return true;
        if (!tok(c, p)->word || tok(c, p)->capitalized)
            break;
    }
    const char *w = tok(c, i)->lower;
    size_t n = strlen(w);
    return tok_in(c, i - 1, (const char *const[]){"have", "has", "had", NULL}) && n > 2 &&
           w[n - 1] == 's' && w[n - 2] != 's';
}

/* Who puts [tb, te) forward: "according to X", the subject of a reporting verb (before it, or after
 * it in "..., said X"), a collective source, a pronoun standing for a person named before. */
static Source source_of(X *c, size_t s, size_t tb, size_t te, size_t last_speaker)
{
    Source src = {{0}, 0};
    size_t according = SIZE_MAX;
    for (size_t i = tb; i < te && !c->st; i++) {
        size_t len;
        const NgLexCue *cue;
        /* "long-promised", "self-declared": the second half of a compound is no verb */
        bool compound = i > tb && tok_is(c, i - 1, "-");
        bool reporting = cue_at(c, i, NG_CUE_REPORTING, &len, &cue) && !noun_context(c, i, tb) && !compound;
        if (!reporting && !cue_at(c, i, NG_CUE_PREDICTION, &len, &cue) &&
            !cue_at(c, i, NG_CUE_ASSESSMENT, &len, &cue) && !cue_at(c, i, NG_CUE_HEDGE, &len, &cue))
            continue;
        /* "according to X" gives X, unless a reporting verb of the same stretch has a subject
         * of its own ("Mr. Orlov, according to the Freedonian readout, said ...") */
        if (len >= 2 && tok_is(c, i, "according")) {
            if (according != SIZE_MAX)
                continue;
            for (size_t g = i + len; g < te && g < i + len + 6 && according == SIZE_MAX; g++)
                if (group_word(c, g))
                    according = group_actor(c, s, g);
            size_t k = mention_at(c, s, i + len);
            if (k == SIZE_MAX && i + len + 1 < te)
                k = mention_at(c, s, i + len + 1);
            if (according == SIZE_MAX && k != SIZE_MAX)
                according = c->ments[k].actor;
            continue;
        }
        /* a group noun phrase that is the verb's subject: it ends at most two words before it */
        size_t from = i > tb + 10 ? i - 10 : tb, chosen = SIZE_MAX;
        for (size_t g = i; g-- > from;) {
            if (is_clause_break(c, g))
                break;
            if (!group_word(c, g))
                continue;
            size_t pb, pe;
            group_phrase(c, s, g, &pb, &pe);
            bool adjacent = pe <= i && i - pe <= 2;
            for (size_t k = pe; adjacent && k < i; k++)
                adjacent = tok(c, k)->word;
            if (adjacent)
                chosen = g; /* the leftmost head whose phrase reaches the verb: "An analyst at
                             * a Singapore think tank said" is the analyst, not the think tank */
        }
        if (chosen != SIZE_MAX) {
            src.source[src.count++] = group_actor(c, s, chosen);
            return src;
        }
        if (!reporting)
            continue;
        size_t mb;
        size_t subj = SIZE_MAX;
        /* "Washington, the first to abandon the agreement, welcomed": past the apposition */
        if (i > tb + 1 && tok_is(c, i - 1, ",")) {
            for (size_t k = i - 1; k-- > tb && i - k < 14;)
                if (tok_is(c, k, ",")) {
                    subj = subject_before(c, s, k > tb + 6 ? k - 6 : tb, k, &mb);
                    break;
                }
        }
        if (subj == SIZE_MAX)
            subj = subject_before(c, s, i > tb + 8 ? i - 8 : tb, i, &mb);
        /* "Dr. Lee Min-ji of the Asan Institute warned": the head of "X of/at Y" speaks */
        if (subj != SIZE_MAX) {
            size_t k0 = mention_at(c, s, mb);
            size_t q = mb;
            while (q > tb && tok_in(c, q - 1, (const char *const[]){"the", NULL}))
                q--;
            if (k0 != SIZE_MAX && k0 > c->sent_first[s] && q > tb &&
                tok_in(c, q - 1, (const char *const[]){"of", "at", "from", NULL})) {
                const Mention *h = &c->ments[k0 - 1];
                if (h->te + 1 == q && c->x->actors[h->actor].kind == NG_KIND_PERSON)
                    mb = h->tb;
            }
        }
        if (subj != SIZE_MAX) {
            coordinated(c, mention_at(c, s, mb), &src);
            return src;
        }
        if (i > tb && tok_in(c, i - 1, (const char *const[]){"he", "she", NULL})) {
            size_t who = pronoun_referent(c, s, i - 1, last_speaker);
            if (who != SIZE_MAX) {
                src.source[src.count++] = who;
                return src;
            }
        }
        /* "..., said a Southeast Asian diplomat" */
        for (size_t g = i + len; g < te && g < i + len + 5; g++) {
            if (!tok(c, g)->word)
                break;
            if (group_word(c, g)) {
                src.source[src.count++] = group_actor(c, s, g);
                return src;
            }
        }
        /* "..., said X" */
        size_t k = mention_at(c, s, i + len);
        if (k != SIZE_MAX && c->x->actors[c->ments[k].actor].kind == NG_KIND_PERSON) {
            src.source[src.count++] = c->ments[k].actor;
            return src;
        }
    }
    if (according != SIZE_MAX)
        src.source[src.count++] = according;
    return src;
}

/* Does a clause start at token b, or only a list of noun phrases or questions ("the issues that
 * matter: the war in Ruritania and the long-promised accord", "... well known: whether ...")?  A
 * clause has a verb we can see: an auxiliary, a pronoun subject, a cue verb or a past form. */
static bool clause_follows(const X *c, size_t b, size_t te)
{
    static const char *const verbal[] = {"is", "are", "was", "were", "be", "been", "has", "have",
                                         "had", "will", "would", "can", "could", "may", "might",
                                         "must", "should", "does", "did", "do", "he", "she", "they",
                                         "it", "we", "i", NULL};
    if (b >= te || tok_is(c, b, "whether"))
        return false;
    for (size_t i = b; i < te; i++) {
        if (tok_in(c, i, verbal))
            return true;
        if (i > b && !tok(c, i - 1)->word)
            continue; /* "long-promised": part of a compound */
        const char *w = tok(c, i)->lower;
        size_t n = strlen(w);
        if ((n > 4 && !strcmp(w + n - 2, "ed")) || cue_at(c, i, NG_CUE_REPORTING, NULL, NULL) ||
            cue_at(c, i, NG_CUE_ASSESSMENT, NULL, NULL) || cue_at(c, i, NG_CUE_HEDGE, NULL, NULL) ||
            cue_at(c, i, NG_CUE_PREDICTION, NULL, NULL))
            return true;
    }
    return false;
}

/* "noting", "adding": a reporting verb's participle */
static bool ing_report(const X *c, size_t i)
{
    const char *w = tok(c, i)->lower;
    size_t n = strlen(w);
    return n > 4 && !strcmp(w + n - 3, "ing") && cue_at(c, i, NG_CUE_REPORTING, NULL, NULL);
}

/* Splits a sentence into the stretches that can carry a claim of their own: at ';', after a ':'
 * that introduces a clause, and before ", and that ..." or ", and SUBJECT ...".  A stretch shorter
 * than five words stays with its neighbour.  Writes token starts into cut[], returns the count. */
static size_t claim_segments(const X *c, size_t s, size_t cut[8])
{
    size_t tb = sent_tb(c, s), te = sent_te(c, s);
    size_t n = 0;
    cut[n++] = tb;
    for (size_t i = tb + 1; i + 1 < te && n < 7; i++) {
        size_t at = SIZE_MAX;
        if (tok_is(c, i, ";") || (tok_is(c, i, ":") && clause_follows(c, i + 1, te)))
            at = i + 1;
        else if (tok_is(c, i, ",") && tok_in(c, i + 1, (const char *const[]){"though", "although", NULL}))
            at = i + 1; /* a concessive clause is a claim of its own */
        else if (tok_is(c, i, ",") && i + 3 < te && tok_in(c, i + 1, (const char *const[]){"a", "an", NULL}) &&
                 (tok_in(c, i + 3, (const char *const[]){"that", "which", "he", "she", "they", "it", NULL})))
            at = i + 1; /* ", a step that could ...", ", a charge he rejects" */
        else if (i + 2 < te && tok_is(c, i + 2, "that") && ing_report(c, i + 1) &&
                 (tok_is(c, i, ",") || (!tok(c, i)->word && tok_is(c, i - 1, ","))))
            at = i + 1; /* "..., noting that ...": a second statement of the same source */
        else if (tok_is(c, i, ",") && tok_is(c, i + 1, "and") && i + 2 < te &&
                 (tok_in(c, i + 2, (const char *const[]){"that", "the", "a", "an", NULL}) ||
                  mention_at(c, s, i + 2) != SIZE_MAX || group_word(c, i + 2) ||
                  (i + 3 < te && group_word(c, i + 3))))
            at = i + 2;
        if (at == SIZE_MAX)
            continue;
        size_t wb = 0, wa = 0;
        for (size_t k = cut[n - 1]; k < at; k++)
            wb += tok(c, k)->word;
        for (size_t k = at; k < te; k++)
            wa += tok(c, k)->word;
        bool appositive = tok_in(c, at, (const char *const[]){"a", "an", NULL});
        if (wb >= 5 && (wa >= 5 || (appositive && wa >= 4)))
            cut[n++] = at;
    }
    cut[n] = te;
    return n;
}

static int cmp_size(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

static int cmp_evspan(const void *pa, const void *pb)
{
    const EvSpan *a = pa, *b = pb;
    int r = span_cmp(a->span, b->span);
    return r ? r : cmp_size(&a->event, &b->event);
}

/* Lists every event span, sorted by begin, for new_claim. */
static void index_event_spans(X *c)
{
    size_t n = 0, cap = 0;
    for (size_t e = 0; e < c->x->event_count && !c->st; e++) {
        const NgXEvent *ev = &c->x->events[e];
        for (size_t k = 0; k < ev->spans.count && !c->st; k++)
            if (!(c->st = ng_grow((void **)&c->evspans, &cap, n + 1, sizeof(EvSpan))))
                c->evspans[n++] = (EvSpan){ev->spans.items[k], e};
    }
    if (n > 1)
        qsort(c->evspans, n, sizeof(EvSpan), cmp_evspan);
    c->nevspans = n;
}

static NgStatus new_claim(X *c, size_t s, size_t tb, size_t te, size_t source, NgModality mod)
{
    NgExtraction *x = c->x;
    NgStatus st = ng_grow((void **)&x->claims, &x->claim_cap, x->claim_count + 1, sizeof(NgXClaim));
    if (st)
        return st;
    NgXClaim *cl = &x->claims[x->claim_count++];
    memset(cl, 0, sizeof *cl);
    /* the span: the segment without a leading conjunction or trailing punctuation */
    while (tb < te && (!tok(c, tb)->word || tok_is(c, tb, "and")) && !tok_in(c, tb, (const char *const[]){"\xE2\x80\x9C", "\"", NULL}))
        tb++;
    size_t e = te;
    while (e > tb + 1 && !tok(c, e - 1)->word && tok_in(c, e - 1, (const char *const[]){",", ";", ":", NULL}))
        e--;
    cl->span = (NgSpan){tok(c, tb)->span.begin, tok(c, e - 1)->span.end};
    if (te == sent_te(c, s) && tb == sent_tb(c, s))
        cl->span = c->sg->sentences[s].span;
    cl->sentence = s;
    cl->source = source;
    cl->modality = mod;
    bool omission = false;
    for (size_t i = tb; i < te; i++) {
        if (cue_at(c, i, NG_CUE_NEGATION, NULL, NULL))
            cl->negated = true;
        if (cue_at(c, i, NG_CUE_OMISSION, NULL, NULL))
            omission = true;
    }
    cl->negated = cl->negated || omission;
    cl->kind = omission ? NG_CLAIM_OMISSION
               : mod == NG_MOD_REPORTED ? NG_CLAIM_DECLARATION
               : mod == NG_MOD_PREDICTED ? NG_CLAIM_PREDICTION : NG_CLAIM_ASSESSMENT;
    size_t first, last;
    mentions_in(c, s, tb, te, &first, &last);
    for (size_t i = first; i < last && !c->st; i++)
        if (c->ments[i].actor != source)
            add_with_led_states(c, &cl->about_actors, c->ments[i].actor);
    for (size_t i = tb; i < te && !c->st; i++) {
        size_t a, b;
        if (pair_reference(c, s, i, &a, &b)) {
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
        qsort(found, n, sizeof *found, cmp_size);
    for (size_t k = 0; k < n && !c->st; k++)
        if (k == 0 || found[k] != found[k - 1])
            c->st = ng_index_list_add_counted(&cl->about_events, found[k], c->work);
    free(found);
    return c->st;
}

/* Modality by the annotation conventions' precedence: hedged > predicted > reported > asserted.
 * A named source's "will" is a pledge about its own conduct, so it stays reported. */
/* Is the forecast at prediction cue p about the source's own conduct?  Its subject (the word
 * before the modal) is a pronoun, the source itself, or a state the source leads: "Israel will
 * act again" said by Israel's prime minister, "it would cease to apply" said by a minister. */
static bool own_conduct(const X *c, size_t s, size_t tb, size_t p, size_t source)
{
    if (p == tb)
        return true;
    if (tok_in(c, p - 1, (const char *const[]){"it", "he", "she", "we", "they", "i", "that", "which",
                                               "who", NULL}))
        return true;
    /* "Japan said the two countries will sign": a pair that includes the source */
    for (size_t q = p > tb + 3 ? p - 3 : tb; q < p; q++) {
        size_t a, b;
        if (pair_reference(c, s, q, &a, &b) && (a == source || b == source))
            return true;
    }
    for (size_t k = c->sent_first[s]; k < c->sent_first[s + 1]; k++) {
        if (c->ments[k].te != p)
            continue;
        /* the subject and whoever is coordinated with it: "France and Germany would sign" */
        for (size_t q = k + 1; q-- > c->sent_first[s];) {
            const Mention *mm = &c->ments[q];
            if (q < k) {
                const Mention *next = &c->ments[q + 1];
                size_t gap = next->tb - mm->te;
                bool coord = (gap == 1 && (tok_is(c, mm->te, ",") || tok_is(c, mm->te, "and"))) ||
                             (gap == 2 && tok_is(c, mm->te, ",") && tok_is(c, mm->te + 1, "and"));
                if (!coord)
                    break;
            }
            if (mm->actor == source)
                return true;
            const NgXActor *a = &c->x->actors[source];
            if (a->lex == SIZE_MAX || c->x->actors[mm->actor].lex == SIZE_MAX)
                continue;
            const NgLexActor *la = &c->lx->actors[a->lex];
            for (size_t i = 0; i < la->leader_of_count; i++)
                if (!strcmp(la->leader_of[i], c->lx->actors[c->x->actors[mm->actor].lex].iri))
                    return true;
        }
        return false;
    }
    return false;
}

/* Modality by the annotation conventions' precedence: hedged > predicted > reported > asserted.
 * A named source's forecast about its own conduct is a pledge, so it stays reported. */
static NgModality claim_modality(const X *c, size_t s, size_t tb, size_t te, const Source *src)
{
    NgModality mod = modality_in(c, tb, te);
    bool named = src->count && c->x->actors[src->source[0]].kind != NG_KIND_GROUP;
    if (mod == NG_MOD_ASSERTED && src->count)
        mod = NG_MOD_REPORTED;
    if (mod == NG_MOD_PREDICTED && named) {
        for (size_t i = tb; i < te; i++)
            if (cue_at(c, i, NG_CUE_PREDICTION, NULL, NULL)) {
                if (own_conduct(c, s, tb, i, src->source[0]))
                    mod = NG_MOD_REPORTED;
                break;
            }
    }
    return mod;
}

/* Is [tb, te) plain narration, an event for the record rather than a claim?  "In May, Ruritania
 * hosted the first summit", "A truce took hold two days later", "the envoys met 21 times": wholly
 * in the past (a past-tense verb, no present-tense auxiliary), anchored to a date (a month, a year,
 * "later", "afterwards") or told with an event trigger as its verb, with no cue of a claim
 * (reporting, assessment, hedge, prediction, omission; a negation alone does not make one: "a
 * round planned for June never happened"), no cause or concession, no copular characterisation
 * ("was the first ...", "was not ..."), and about an event or an actor's deed.  A date inside a
 * clause opened by "when", "as", ... sets the scene for the main clause and does not count. */
static bool narration(const X *c, size_t s, size_t tb, size_t te)
{
    static const char *const present[] = {"is", "are", "am", "has", "have", "does", "do", "can",
                                          "must", "remains", NULL};
    static const char *const subordinate[] = {"when", "since", "as", "while", "after", "before",
                                              "until", "if", "whether", NULL};
    /* a cause or a concession is an argument, not a record: "because", "despite", "but" */
    static const char *const arguing[] = {"because", "therefore", "thus", "hence", "despite",
                                          "although", "though", "but", "however", "yet",
                                          "nevertheless", NULL};
    static const char *const characterising[] = {"the", "a", "an", "not", "more", "less", "its",
                                                 "their", "his", "her", "one", "among", "no", "far",
                                                 NULL};
    bool past = false, dated = false, scene = false, verbal = false, prev_past = false;
    for (size_t i = tb; i < te; i++) {
        size_t len;
        if (tok_in(c, i, present) || tok_in(c, i, arguing) || tok_is(c, i, ":"))
            return false; /* a colon introduces an explanation: "The result was stark: ..." */
        if (i > tb && tok_is(c, i - 1, ",") && tok_is(c, i, "which"))
            return false; /* "..., which changed the balance": a comment on what happened */
        if (tok_in(c, i, (const char *const[]){"was", "were", NULL}) && i + 1 < te) {
            size_t p = i + 1; /* past one adverb: "was only the first step" */
            if (p + 1 < te && tok_in(c, p, (const char *const[]){"also", "still", "only", "then", NULL}))
                p++;
            if (tok_in(c, p, characterising))
                return false;
        }
        if (cue_at(c, i, NG_CUE_REPORTING, &len, NULL) || cue_at(c, i, NG_CUE_ASSESSMENT, &len, NULL) ||
            cue_at(c, i, NG_CUE_OMISSION, &len, NULL) ||
            cue_at(c, i, NG_CUE_PREDICTION, &len, NULL) ||
            (cue_at(c, i, NG_CUE_HEDGE, &len, NULL) && !is_month_date(c, i)))
            return false;
        int y;
        /* "since 2017", "before March": a preposition with its date, not a clause */
        bool prep = i + 1 < te && (year_of(c, i + 1, &y) || is_month_date(c, i + 1));
        if ((tok_in(c, i, subordinate) && !prep) ||
            (i > tb && tok_is(c, i - 1, ",") && tok_in(c, i, (const char *const[]){"a", "an", NULL})))
            scene = true; /* also an apposition: ", a practice the bloc adopted in 2021" */
        else if (tok_is(c, i, ",") || is_clause_break(c, i))
            scene = false;
        /* a month or year right after a determiner names a thing ("the October meeting", "the
         * 2015 accord"), not a time */
        bool attributive = i > tb && tok_in(c, i - 1, (const char *const[]){"the", "a", "an", "its",
                                                                           "their", NULL});
        if (!scene && ((is_month_date(c, i) && !attributive) || (year_of(c, i, &y) && !attributive) ||
                       tok_in(c, i, (const char *const[]){"later", "afterwards", "afterward", NULL}) ||
                       (i + 1 < te && tok_in(c, i, (const char *const[]){"next", "following", NULL}) &&
                        tok_in(c, i + 1, (const char *const[]){"day", "week", "month", "year", NULL}))))
            dated = true;
        bool past_here = past_form(c, i);
        /* "the envoys met twice", "the talks were brokered by Freedonia": the past-tense verb
         * is itself an event's trigger (not a participle after another verb: "stayed deployed") */
        if (past_here && cue_at(c, i, NG_CUE_EVENT, NULL, NULL) &&
            (!prev_past || tok_in(c, i - 1, (const char *const[]){"was", "were", NULL})))
            verbal = true;
        past = past || past_here;
        prev_past = past_here;
    }
    if (!past || !(dated || verbal))
        return false;
    /* and it narrates an event or what an actor did; "the economy of Ruritania shrank in 2023"
     * is a finding, not a record */
    size_t b = tok(c, tb)->span.begin, e = tok(c, te - 1)->span.end;
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
        if (group_word(c, i))
            return true;
    size_t first, last;
    mentions_in(c, s, tb, te, &first, &last);
    for (size_t k = first; k < last; k++) {
        size_t after = c->ments[k].te;
        if (!(after + 1 < te && !tok(c, after)->word && tok_is(c, after + 1, "s")))
            return true; /* not a possessive: "Ruritania's economy" */
    }
    return false;
}

static void find_claims(X *c)
{
    size_t last_speaker = SIZE_MAX;
    Source enum_source = {{0}, 0};
    NgModality enum_mod = NG_MOD_ASSERTED;
    for (size_t s = 0; s < c->sg->sentence_count && !c->st; s++) {
        if (c->sg->sentences[s].heading)
            continue;
        size_t tb = sent_tb(c, s), te = sent_te(c, s);
        size_t words = 0;
        for (size_t i = tb; i < te; i++)
            words += tok(c, i)->word;
        if (words < 3)
            continue;
        if (words == 3) { /* "Mistrust remains deep." is a claim, "By Jane Roe" a byline */
            bool lower = false;
            for (size_t i = tb + 1; i < te; i++)
                lower = lower || (tok(c, i)->word && !tok(c, i)->capitalized);
            if (!lower || !tok_in(c, te - 1, (const char *const[]){".", "!", "?", NULL}))
                continue;
        }
        bool ordinal = tok_in(c, tb, ordinals);
        if (!ordinal)
            enum_source.count = 0;
        size_t cut[8];
        size_t nseg = claim_segments(c, s, cut);
        Source prev = {{0}, 0};
        size_t lead_in = SIZE_MAX; /* where an author's "The stakes are high:" began */
        for (size_t g = 0; g < nseg && !c->st; g++) {
            size_t sb = cut[g], se = cut[g + 1];
            Source src = source_of(c, s, sb, se, last_speaker);
            if (c->st)
                break;
            NgModality mod = claim_modality(c, s, sb, se, &src);
            /* an author's lead-in before a colon announces the claim that follows; when the
             * author makes that one too, they are one claim */
            if (!src.count && mod == NG_MOD_ASSERTED && g + 1 < nseg && tok_is(c, se - 1, ":")) {
                Source next = source_of(c, s, se, cut[g + 2], last_speaker);
                if (c->st)
                    break;
                if (!next.count) {
                    lead_in = sb;
                    prev = src;
                    continue;
                }
            }
            size_t cb = lead_in != SIZE_MAX ? lead_in : sb;
            lead_in = SIZE_MAX;
            /* "..., and that it would ..." continues the same report; so does a speculative
             * ", and the question is likely to ..." after "Diplomats say ..." */
            bool speculative = modality_in(c, sb, se) != NG_MOD_ASSERTED;
            size_t lead = sb < se && tok_is(c, sb, "and") ? sb + 1 : sb;
            bool after_and = lead > sb || (sb > 0 && tok_is(c, sb - 1, "and"));
            if (!src.count && g > 0 && prev.count &&
                (tok_is(c, lead, "that") || (speculative && after_and) ||
                 (lead + 1 < se && ing_report(c, lead) && tok_is(c, lead + 1, "that")))) {
                src = prev;
                mod = claim_modality(c, s, sb, se, &src);
            }
            if (!src.count && ordinal && enum_source.count) {
                src = enum_source; /* "First, ...", "Second, ..." continue an analyst's list */
                NgModality own = modality_in(c, sb, se);
                mod = own == NG_MOD_ASSERTED ? enum_mod : own;
            }
            if (!ordinal && src.count) {
                for (size_t i = sb; i < se; i++)
                    if (tok_in(c, i, (const char *const[]){"two", "three", "four", "five", "several", NULL})) {
                        enum_source = src;
                        enum_mod = mod;
                    }
            }
            if (src.count == 0) {
                if (!(mod == NG_MOD_ASSERTED && cb == sb && narration(c, s, sb, se)))
                    c->st = new_claim(c, s, cb, se, SIZE_MAX, mod);
            } else {
                for (size_t k = 0; k < src.count && !c->st; k++)
                    c->st = new_claim(c, s, cb, se, src.source[k], mod);
                if (c->x->actors[src.source[0]].kind != NG_KIND_STATE)
                    last_speaker = src.source[0];
            }
            prev = src;
        }
    }
}

/* ------------------------------------------------------------------ relations */

static const char *prop_local(const char *prop)
{
    const char *l = strrchr(prop, '#');
    return l ? l + 1 : prop;
}

/* Does the lexicon say that `person` leads `state`? */
static bool leads(const X *c, size_t person, size_t state)
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

/* Relations that cannot hold between actors of these kinds: no one is a member or leader of a
 * person or a place, a state is not a member or leader of another state, and a leader is not the
 * partner, rival or backer of the state it leads (the cue then relates someone else). */
static bool plausible(const X *c, size_t subj, size_t obj, const char *prop)
{
    NgActorKind sk = c->x->actors[subj].kind, ok = c->x->actors[obj].kind;
    const char *l = prop_local(prop);
    if (!strcmp(l, "memberOf") || !strcmp(l, "leaderOf"))
        return ok != NG_KIND_PERSON && ok != NG_KIND_PLACE &&
               !(sk == NG_KIND_STATE && ok == NG_KIND_STATE);
    return !leads(c, subj, obj) && !leads(c, obj, subj);
}

static void add_relation(X *c, size_t subj, size_t obj, const char *prop, NgSpan span, size_t s)
{
    if (c->st || subj == obj || subj == SIZE_MAX || obj == SIZE_MAX)
        return;
    if (!plausible(c, subj, obj, prop))
        return;
    NgExtraction *x = c->x;
    for (size_t i = 0; i < x->relation_count; i++) {
        NgXRelation *r = &x->relations[i];
        if (r->subject == subj && r->object == obj && !strcmp(r->property, prop))
            return;
    }
    if ((c->st = ng_grow((void **)&x->relations, &x->relation_cap, x->relation_count + 1, sizeof(NgXRelation))))
        return;
    x->relations[x->relation_count++] = (NgXRelation){subj, obj, prop, span, s};
}

static bool relatable(const X *c, size_t a)
{
    NgActorKind k = c->x->actors[a].kind;
    return k == NG_KIND_STATE || k == NG_KIND_PERSON || k == NG_KIND_ORGANISATION || k == NG_KIND_PLACE;
}

static bool symmetric(const char *prop)
{
    const char *l = prop_local(prop);
    return !strcmp(l, "partnerOf") || !strcmp(l, "allyOf") || !strcmp(l, "rivalOf") ||
           !strcmp(l, "alignedWith");
}

/* Is the mention a premodifier of an event noun rather than a noun phrase of its own ("joined the
 * Ruritania summit", "attended the Ruritania-Freedonia talks")? */
static bool premodifies_event(const X *c, size_t k)
{
    const Mention *m = &c->ments[k];
    size_t t = m->te, te = sent_te(c, m->sentence);
    /* "A–B summit": skip the dash and the next name */
    while (t + 1 < te && !tok(c, t)->word && tok_in(c, t, (const char *const[]){"-", "\xE2\x80\x93", NULL})) {
        size_t n = mention_at(c, m->sentence, t + 1);
        if (n == SIZE_MAX)
            return false;
        t = c->ments[n].te;
    }
    return t < te && tok(c, t)->word && !tok(c, t)->capitalized && cue_at(c, t, NG_CUE_EVENT, NULL, NULL);
}

/* "Ruritania is Freedonia's main arms supplier": a copula between two mentions and a possessive
 * right before the cue (a few lower-case modifiers between).  The copula's subject is the
 * relation's subject, the possessor its object. */
static bool possessive_frame(const X *c, size_t s, size_t lo, size_t *subj, size_t *obj, size_t *sb)
{
    static const char *const copula[] = {"is", "was", "are", "were", "remains", "remained", "became",
                                         "becomes", "has", "have", "had", "been", "become", "be",
                                         "will", "still", "now", "also", "long", "already", NULL};
    size_t tb = sent_tb(c, s), j = lo;
    for (size_t w = 0; w < 3 && j > tb && tok(c, j - 1)->word && !tok(c, j - 1)->capitalized &&
                       !tok_is(c, j - 1, "s") && !c->tok_in_name[j - 1]; w++)
        j--;
    if (j < tb + 3 || !tok_is(c, j - 1, "s") || tok(c, j - 2)->word)
        return false;
    size_t pe = j - 2, first = c->sent_first[s], last = c->sent_first[s + 1];
    size_t pk = SIZE_MAX;
    for (size_t k = first; k < last; k++)
        if (c->ments[k].te == pe)
            pk = k;
    if (pk == SIZE_MAX || pk == first || !relatable(c, c->ments[pk].actor))
        return false;
    const Mention *pm = &c->ments[pk], *sm = &c->ments[pk - 1];
    if (!relatable(c, sm->actor) || sm->te >= pm->tb || pm->tb - sm->te > 4)
        return false;
    bool verb = false;
    for (size_t t = sm->te; t < pm->tb; t++) {
        if (!tok(c, t)->word || !tok_in(c, t, copula))
            return false;
        verb = verb || !tok_in(c, t, (const char *const[]){"still", "now", "also", "long", "already", NULL});
    }
    if (!verb)
        return false;
    *subj = sm->actor;
    *obj = pm->actor;
    *sb = sm->tb;
    return true;
}

/* "it"/"its" right before a cue whose clause names no one ("... while it manages tensions with
 * Freedonia"): the one state or organisation the sentence names before the pronoun, when that
 * mention stands in subject position (opening the sentence, or after "that" or a reporting,
 * hedging or assessing verb: "analysts suggest Ruritania wants ..."); SIZE_MAX otherwise ("The
 * deal angered Ruritania, while it ..." is about the deal). */
static size_t pronoun_subject(const X *c, size_t s, size_t cb, size_t lo)
{
    size_t p = SIZE_MAX;
    for (size_t t = cb; t < lo && lo - t <= 3; t++)
        if (tok(c, t)->word && tok_in(c, t, (const char *const[]){"it", "its", NULL}))
            p = t;
    if (p == SIZE_MAX)
        return SIZE_MAX;
    size_t who = SIZE_MAX;
    for (size_t k = c->sent_first[s]; k < c->sent_first[s + 1] && c->ments[k].te <= p; k++) {
        NgActorKind kk = c->x->actors[c->ments[k].actor].kind;
        if (kk != NG_KIND_STATE && kk != NG_KIND_ORGANISATION)
            continue;
        if (who != SIZE_MAX && who != c->ments[k].actor)
            return SIZE_MAX;
        size_t b = c->ments[k].tb, tb = sent_tb(c, s);
        if (b > tb && tok_is(c, b - 1, "the"))
            b--;
        bool opens = b == tb || tok_is(c, b - 1, "that") ||
                     (tok(c, b - 1)->word && !tok(c, b - 1)->capitalized &&
                      (cue_at(c, b - 1, NG_CUE_REPORTING, NULL, NULL) ||
                       cue_at(c, b - 1, NG_CUE_HEDGE, NULL, NULL) ||
                       cue_at(c, b - 1, NG_CUE_ASSESSMENT, NULL, NULL)));
        if (!opens)
            return SIZE_MAX;
        who = c->ments[k].actor;
    }
    return who;
}

static void find_relations(X *c)
{
    const NgMatches *m = c->m;
    for (size_t k = 0; k < m->match_count && !c->st; k++) {
        const NgMatch *mt = &m->matches[k];
        if (mt->type != NG_M_CUE || mt->cue_kind != NG_CUE_RELATION)
            continue;
        size_t s = mt->sentence;
        if (c->sg->sentences[s].heading)
            continue;
        const NgLexCue *cue = &c->lx->cues[mt->ref];
        if (!cue->evokes)
            continue;
        /* a capitalised cue inside a sentence is part of a name ("the Pacific Alliance") */
        if (tok(c, mt->tok_begin)->capitalized && !tok(c, mt->tok_begin)->sentence_start)
            continue;
        /* "would not back", "no longer relies on": a negated cue states no relation */
        bool negated = false;
        for (size_t q = mt->tok_begin; q > sent_tb(c, s) && mt->tok_begin - q < 2 && !negated; q--) {
            size_t nlen;
            negated = cue_at(c, q - 1, NG_CUE_NEGATION, &nlen, NULL) && q - 1 + nlen == mt->tok_begin;
        }
        if (negated)
            continue;
        size_t cb, ce;
        clause_of(c, s, mt->tok_begin, 12, &cb, &ce);
        size_t first, last;
        mentions_in(c, s, cb, ce, &first, &last);
        size_t before[4], before_m[4], nb = 0, after[4], na = 0, after_last = SIZE_MAX;
        for (size_t i = last; i-- > first;) {
            const Mention *mm = &c->ments[i];
            if (mm->te <= mt->tok_begin && nb < 4 && relatable(c, mm->actor)) {
                before_m[nb] = i;
                before[nb++] = mm->actor;
            }
        }
        for (size_t i = first; i < last; i++) {
            const Mention *mm = &c->ments[i];
            if (mm->tb >= mt->tok_end && na < 4 && relatable(c, mm->actor)) {
                if (na > 0) {
                    /* only coordinated objects: "South Korea and Japan" */
                    const Mention *prev = &c->ments[i - 1];
                    bool coord = mm->tb == prev->te + 1 &&
                                 (tok_is(c, prev->te, "and") || tok_is(c, prev->te, ","));
                    if (!coord)
                        break;
                } else if (premodifies_event(c, i)) {
                    continue;
                }
                after[na++] = mm->actor;
                after_last = i;
            }
        }
        size_t lo = mt->tok_begin, hi = mt->tok_end;
        NgSpan span = {tok(c, lo)->span.begin, tok(c, hi - 1)->span.end};
        size_t fs, fo, fb;
        if (possessive_frame(c, s, lo, &fs, &fo, &fb)) {
            if (!cue->reversed) {
                NgSpan fspan = {tok(c, fb)->span.begin, span.end};
                add_relation(c, fs, fo, cue->evokes, fspan, s);
            }
            continue;
        }
        if (cue->needs_possessor)
            continue;
        /* "... since Ruritania joined in 1999": an intransitive membership verb joins the one
         * organisation the sentence named before its subject */
        if (nb && !na && !cue->reversed && !strcmp(prop_local(cue->evokes), "memberOf") &&
            hi < sent_te(c, s) &&
            (!tok(c, hi)->word ||
             (hi + 1 < sent_te(c, s) && tok_in(c, hi, (const char *const[]){"in", "on", NULL}) &&
              (year_of(c, hi + 1, &(int){0}) || cue_at(c, hi + 1, NG_CUE_MONTH, NULL, NULL))))) {
            size_t org = SIZE_MAX;
            bool two = false;
            for (size_t q = c->sent_first[s]; q < before_m[0]; q++)
                if (c->x->actors[c->ments[q].actor].kind == NG_KIND_ORGANISATION) {
                    two = two || (org != SIZE_MAX && org != c->ments[q].actor);
                    org = c->ments[q].actor;
                }
            if (org != SIZE_MAX && !two)
                add_relation(c, before[0], org, cue->evokes, span, s);
            continue;
        }
        if (nb == 0 && na) {
            size_t it = pronoun_subject(c, s, cb, lo);
            if (it != SIZE_MAX) {
                before[0] = it;
                nb = 1;
            }
        }
        /* "For Ruritania, ... its rivalry with Freedonia and ... a pressure point against
         * Sylvania": in a sentence framed "For X," the relation is X's when the cue follows "its" or
         * no actor stands right before it */
        size_t stb = sent_tb(c, s), topic = SIZE_MAX;
        if (tok_is(c, stb, "for")) {
            size_t k0 = mention_at(c, s, stb + 1);
            if (k0 != SIZE_MAX && c->ments[k0].te < ce + 64 && tok_is(c, c->ments[k0].te, ","))
                topic = c->ments[k0].actor;
        }
        if (topic != SIZE_MAX && na) {
            bool its = false, near = false;
            for (size_t q = lo; q > stb && lo - q < 3; q--)
                its = its || tok_in(c, q - 1, (const char *const[]){"its", "their", NULL});
            for (size_t q = first; q < last; q++) {
                if (c->ments[q].te > lo || lo - c->ments[q].te > 4)
                    continue;
                bool coord = false; /* "... the United States and as a pressure point" */
                for (size_t t = c->ments[q].te; t < lo; t++)
                    coord = coord || tok_in(c, t, (const char *const[]){"and", "or", ",", NULL});
                near = near || !coord;
            }
            if (its || !near) {
                before[0] = topic;
                nb = nb ? nb : 1;
            }
        }
        if (nb && na) {
            for (size_t j = 0; j < na; j++) {
                size_t subj = before[0], obj = after[j];
                if (cue->reversed) {
                    subj = after[j];
                    obj = before[0];
                }
                add_relation(c, subj, obj, cue->evokes, span, s);
            }
            /* "Ruritania belongs to the Union alongside Freedonia and Sylvania": the actors after
             * "alongside" / "along with" / "together with" share the subject's relation */
            size_t t = na == 1 && !cue->reversed ? c->ments[after_last].te : sent_te(c, s);
            size_t ste = sent_te(c, s);
            if (t + 1 < ste && (tok_is(c, t, "alongside") ||
                                (tok_in(c, t, (const char *const[]){"along", "together", NULL}) &&
                                 tok_is(c, t + 1, "with")))) {
                t += tok_is(c, t, "alongside") ? 1 : 2;
                if (t < ste && tok_is(c, t, "the"))
                    t++;
                for (size_t i = after_last + 1, n = 0; i < c->sent_first[s + 1] && n < 4; i++, n++) {
                    const Mention *mm = &c->ments[i];
                    if (n > 0) {
                        const Mention *prev = &c->ments[i - 1];
                        size_t g = mm->tb - prev->te;
                        t = prev->te;
                        bool coord = (g == 1 && tok_in(c, t, (const char *const[]){",", "and", NULL})) ||
                                     (g == 2 && tok_is(c, t, ",") && tok_is(c, t + 1, "and")) ||
                                     (g == 2 && tok_is(c, t, "and") && tok_is(c, t + 1, "the")) ||
                                     (g == 3 && tok_is(c, t, ",") && tok_is(c, t + 1, "and") &&
                                      tok_is(c, t + 2, "the"));
                        if (!coord)
                            break;
                    } else if (mm->tb != t) {
                        break;
                    }
                    if (c->x->actors[mm->actor].kind != c->x->actors[before[0]].kind)
                        break;
                    add_relation(c, mm->actor, after[0], cue->evokes, span, s);
                }
            }
        } else if (symmetric(cue->evokes)) {
            /* "Paris and Berlin ... their strategic partnership": coordinated subjects;
             * "their alliance" with no one named: the article's two leading states */
            size_t a = SIZE_MAX, b = SIZE_MAX;
            const Mention *m0 = nb >= 2 ? &c->ments[before_m[0]] : NULL;
            const Mention *m1 = nb >= 2 ? &c->ments[before_m[1]] : NULL;
            bool coordinated_pair = m0 && before[0] != before[1] && m1->te + 1 == m0->tb &&
                                    tok_is(c, m1->te, "and");
            if (coordinated_pair) {
                a = before[1];
                b = before[0];
            } else if (nb == 0) {
                for (size_t i = lo > 2 ? lo - 2 : 0; i < lo && a == SIZE_MAX; i++)
                    if (i >= sent_tb(c, s) && tok_in(c, i, (const char *const[]){"their", NULL}))
                        dominant_pair(c, NG_KIND_STATE, &a, &b);
            }
            add_relation(c, a, b, cue->evokes, span, s);
        }
    }
    /* leaderOf / memberOf from "STATE TITLE PERSON" ("French President Emmanuel Macron") */
    for (size_t i = 0; i < c->nm && !c->st; i++) {
        const Mention *p = &c->ments[i];
        const NgXActor *pa = &c->x->actors[p->actor];
        if (pa->kind != NG_KIND_PERSON)
            continue;
        /* STATE ['s] TITLE [,] PERSON: "French President Emmanuel Macron", "India's army chief, Gen.
         * Upendra Dwivedi", "Iranian Foreign Minister Abbas Araghchi", "U.S. envoy Steve Witkoff" */
        size_t tb = sent_tb(c, p->sentence);
        size_t j = p->tb;
        if (j > tb && tok_is(c, j - 1, ","))
            j--;
        bool titled = false;
        size_t title_end = j;
        for (size_t b = j; b-- > tb && b + 6 > j;) {
            size_t len;
            if (cue_at(c, b, NG_CUE_TITLE, &len, NULL) && b + len >= j && b + len <= title_end) {
                j = b;
                titled = true;
            } else if (titled || !tok(c, b)->word || tok(c, b)->capitalized) {
                break;
            }
        }
        /* lower-case words of a longer title ("national security adviser") may precede it */
        while (titled && j > tb + 1 && tok(c, j - 1)->word && !tok(c, j - 1)->capitalized &&
               !c->tok_in_name[j - 1] && !tok_is(c, j - 1, "s") && !tok_in(c, j - 1, determiners) &&
               p->tb - j < 6)
            j--;
        if (j > tb + 1 && tok_is(c, j - 1, "s") && !tok(c, j - 2)->word)
            j -= 2; /* possessive 's */
        if (!titled || i == 0)
            continue;
        size_t sk = SIZE_MAX;
        for (size_t q = i; q-- > c->sent_first[p->sentence];)
            if (c->ments[q].te == j) {
                sk = q;
                break;
            }
        if (sk == SIZE_MAX)
            continue;
        const Mention *st = &c->ments[sk];
        if (c->x->actors[st->actor].kind != NG_KIND_STATE &&
            c->x->actors[st->actor].kind != NG_KIND_ORGANISATION)
            continue;
        const char *prop = NG_NS "memberOf";
        if (pa->lex != SIZE_MAX) {
            const NgLexActor *la = &c->lx->actors[pa->lex];
            const NgXActor *sa = &c->x->actors[st->actor];
            for (size_t k = 0; k < la->leader_of_count; k++)
                if (sa->lex != SIZE_MAX && !strcmp(la->leader_of[k], c->lx->actors[sa->lex].iri))
                    prop = NG_NS "leaderOf";
        }
        NgSpan span = {tok(c, st->tb)->span.begin, tok(c, p->te - 1)->span.end};
        add_relation(c, p->actor, st->actor, prop, span, p->sentence);
    }
    /* "Ruritania's army chief" standing for a person named elsewhere (find_descriptions) */
    for (size_t k = 1; k < c->nm && !c->st; k++) {
        const Mention *p = &c->ments[k], *st = &c->ments[k - 1];
        const NgXActor *pa = &c->x->actors[p->actor], *sa = &c->x->actors[st->actor];
        if (pa->kind != NG_KIND_PERSON || tok(c, p->tb)->capitalized || st->sentence != p->sentence ||
            st->te + 2 != p->tb || tok(c, st->te)->word || !tok_is(c, st->te + 1, "s") ||
            (sa->kind != NG_KIND_STATE && sa->kind != NG_KIND_ORGANISATION))
            continue;
        NgSpan span = {tok(c, st->tb)->span.begin, tok(c, p->te - 1)->span.end};
        const char *prop = leads(c, p->actor, st->actor) ? NG_NS "leaderOf" : NG_NS "memberOf";
        add_relation(c, p->actor, st->actor, prop, span, p->sentence);
    }
    /* "the minister's delegation": a person and the group named by its possessive, related as the
     * group noun's cue says (ng:evokes) */
    for (size_t k = 0; k < c->nm && !c->st; k++) {
        const Mention *gm = &c->ments[k];
        if (c->x->actors[gm->actor].kind != NG_KIND_GROUP)
            continue;
        for (size_t q = c->sent_first[gm->sentence]; q < c->sent_first[gm->sentence + 1]; q++) {
            const Mention *pm = &c->ments[q];
            const NgLexCue *gc;
            size_t len;
            if (pm->tb != gm->tb || pm->te + 2 >= gm->te || c->x->actors[pm->actor].kind != NG_KIND_PERSON ||
                tok(c, pm->te)->word || !tok_is(c, pm->te + 1, "s") ||
                !cue_at(c, pm->te + 2, NG_CUE_GROUP, &len, &gc) || pm->te + 2 + len != gm->te || !gc->evokes)
                continue;
            NgSpan span = {tok(c, gm->tb)->span.begin, tok(c, gm->te - 1)->span.end};
            add_relation(c, pm->actor, gm->actor, gc->evokes, span, gm->sentence);
        }
    }
    /* memberOf from the noun phrase: "Ruritania's Interior Ministry" (a possessor before a name
     * headed by an organisation word) and "Ruritania, Freedonia and Sylvania, the so-called R3,"
     * (a closed list of states in apposition with an organisation) */
    for (size_t k = 0; k < c->nm && !c->st; k++) {
        const Mention *om = &c->ments[k];
        size_t s = om->sentence, first = c->sent_first[s];
        if (k == first || c->x->actors[om->actor].kind != NG_KIND_ORGANISATION)
            continue;
        const Mention *p = &c->ments[k - 1];
        NgActorKind pk = c->x->actors[p->actor].kind;
        NgSpan span = {tok(c, p->tb)->span.begin, tok(c, om->te - 1)->span.end};
        if (om->tb == p->te + 2 && !tok(c, p->te)->word && tok_is(c, p->te + 1, "s") &&
            (pk == NG_KIND_STATE || pk == NG_KIND_ORGANISATION) && has_org_head(c, om->tb, om->te)) {
            add_relation(c, om->actor, p->actor, NG_NS "memberOf", span, s);
            continue;
        }
        if (k < first + 2 || pk != NG_KIND_STATE || om->tb <= p->te + 1 || om->tb - p->te > 5 ||
            !tok_is(c, p->te, ","))
            continue;
        bool appos = true, the = false;
        for (size_t t = p->te + 1; t < om->tb && appos; t++) {
            the = the || tok_is(c, t, "the");
            appos = tok_in(c, t, (const char *const[]){"the", "so", "-", "called", "so-called", NULL});
        }
        size_t ste = sent_te(c, s);
        /* the apposition closes: the sentence or clause ends, or a comma and a lower-case verb
         * follow ("..., the so-called R3, warned"), not more of a list (", and Sylvania") */
        bool closed = om->te >= ste || is_clause_break(c, om->te) || tok_is(c, om->te, ".") ||
                      (tok_is(c, om->te, ",") && om->te + 1 < ste && tok(c, om->te + 1)->word &&
                       !tok(c, om->te + 1)->capitalized &&
                       !tok_in(c, om->te + 1, (const char *const[]){"and", "or", "as", "well", NULL}));
        bool and_before = false; /* "..., Freedonia and Sylvania": the list ends before the comma */
        for (size_t t = c->ments[k - 2].te; t < p->tb; t++)
            and_before = and_before || tok_is(c, t, "and");
        if (!appos || !the || !closed || !and_before)
            continue;
        Source list;
        coordinated(c, k - 1, &list);
        if (list.count < 2)
            continue;
        span.begin = tok(c, c->ments[k - list.count].tb)->span.begin;
        for (size_t i = 0; i < list.count; i++)
            add_relation(c, list.source[i], om->actor, NG_NS "memberOf", span, s);
    }
}

/* ------------------------------------------------------------------ driver */

NgStatus ng_extract(const NgMatches *matches, NgExtraction **out)
{
    *out = NULL;
    NgExtraction *x = calloc(1, sizeof *x);
    if (!x)
        return NG_ERR_NOMEM;
    x->matches = matches;
    X c = {0};
    c.x = x;
    c.m = matches;
    c.lx = matches->lexicon;
    c.sg = matches->segments;
    c.t = c.sg->doc->text;
    DomCache dom = {0};
    size_t mention_gen = 0;
    c.work = &x->work;
    c.mention_gen = &mention_gen;
    c.dom = &dom;
    c.actor_of_lex = malloc((c.lx->actor_count ? c.lx->actor_count : 1) * sizeof(size_t));
    c.tok_in_name = calloc(matches->token_count + 1, sizeof(bool));
    if (!c.actor_of_lex || !c.tok_in_name)
        c.st = NG_ERR_NOMEM;
    for (size_t i = 0; !c.st && i < c.lx->actor_count; i++)
        c.actor_of_lex[i] = SIZE_MAX;
    /* the article's year: the first year its title names */
    NgSpan title = c.sg->title;
    for (size_t i = 0; !c.st && c.sg->sentence_count && title.end > title.begin &&
                       i < matches->sentence_first_token[1]; i++) {
        int y;
        if (year_of(&c, i, &y)) {
            c.article_year = y;
            break;
        }
    }
    if (!c.st)
        find_actors(&c);
    if (!c.st)
        index_mentions(&c);
    if (!c.st)
        find_events(&c);
    if (!c.st)
        index_event_spans(&c);
    if (!c.st)
        find_claims(&c);
    if (!c.st)
        find_relations(&c);
    free(c.actor_of_lex);
    free(c.tok_in_name);
    free(c.ments);
    free(c.sent_first);
    ng_map_free(&c.actor_by_key);
    ng_map_free(&c.person_part);
    free(c.evspans);
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

static const char *mod_name(NgModality m)
{
    return m == NG_MOD_HEDGED ? "hedged" : m == NG_MOD_PREDICTED ? "predicted"
           : m == NG_MOD_REPORTED ? "reported" : "asserted";
}

static const char *local_name(const char *iri)
{
    const char *h = strrchr(iri, '#');
    return h ? h + 1 : iri;
}

/* explain's items, bucketed by sentence in one pass (a stable counting sort), so that the output
 * costs O(sentences + items), not O(sentences x items). */
typedef struct {
    size_t sentence, a, b;
} ExplainItem;

typedef struct {
    ExplainItem *items;
    size_t count, cap;
    size_t *first; /* per sentence: first item; [sentence_count] = count */
} ExplainList;

/* The sentence that holds span `sp` whole, or SIZE_MAX. */
static size_t sentence_of_span(const NgSegments *sg, NgSpan sp)
{
    size_t lo = 0, hi = sg->sentence_count;
    while (lo < hi) { /* the first sentence that begins after sp.begin */
        size_t mid = lo + (hi - lo) / 2;
        if (sg->sentences[mid].span.begin <= sp.begin)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || sp.end > sg->sentences[lo - 1].span.end)
        return SIZE_MAX;
    return lo - 1;
}

static NgStatus explain_add(ExplainList *l, size_t sentence, size_t a, size_t b)
{
    if (sentence == SIZE_MAX)
        return NG_SUCCESS;
    NgStatus st = ng_grow((void **)&l->items, &l->cap, l->count + 1, sizeof(ExplainItem));
    if (!st)
        l->items[l->count++] = (ExplainItem){sentence, a, b};
    return st;
}

static NgStatus explain_sort(ExplainList *l, size_t sentences)
{
    l->first = calloc(sentences + 2, sizeof(size_t));
    ExplainItem *sorted = malloc((l->count ? l->count : 1) * sizeof(ExplainItem));
    if (!l->first || !sorted) {
        free(sorted);
        return NG_ERR_NOMEM;
    }
    for (size_t i = 0; i < l->count; i++)
        l->first[l->items[i].sentence + 1]++;
    for (size_t s = 0; s < sentences; s++)
        l->first[s + 1] += l->first[s];
    size_t *pos = malloc((sentences ? sentences : 1) * sizeof(size_t));
    if (!pos) {
        free(sorted);
        return NG_ERR_NOMEM;
    }
    memcpy(pos, l->first, sentences * sizeof(size_t));
    for (size_t i = 0; i < l->count; i++)
        sorted[pos[l->items[i].sentence]++] = l->items[i];
    free(pos);
    free(l->items);
    l->items = sorted;
    return NG_SUCCESS;
}

static void explain_free(ExplainList *l)
{
    free(l->items);
    free(l->first);
}

/* One block per sentence: its text, then the actors, events, claims and relations found in it. */
NgStatus ng_extraction_explain(const NgExtraction *x, FILE *out)
{
    const NgSegments *sg = x->matches->segments;
    const char *t = sg->doc->text;
    size_t ns = sg->sentence_count;
    ExplainList acts = {0}, evs = {0}, cls = {0}, rels = {0};
    NgStatus st = NG_SUCCESS;
    for (size_t a = 0; a < x->actor_count && !st; a++)
        for (size_t m = 0; m < x->actors[a].mentions.count && !st; m++)
            st = explain_add(&acts, sentence_of_span(sg, x->actors[a].mentions.items[m]), a, m);
    for (size_t e = 0; e < x->event_count && !st; e++)
        for (size_t k = 0; k < x->events[e].spans.count && !st; k++)
            st = explain_add(&evs, sentence_of_span(sg, x->events[e].spans.items[k]), e, k);
    for (size_t k = 0; k < x->claim_count && !st; k++)
        st = explain_add(&cls, x->claims[k].sentence < ns ? x->claims[k].sentence : SIZE_MAX, k, 0);
    for (size_t k = 0; k < x->relation_count && !st; k++)
        st = explain_add(&rels, x->relations[k].sentence < ns ? x->relations[k].sentence : SIZE_MAX, k, 0);
    if (!st)
        st = explain_sort(&acts, ns);
    if (!st)
        st = explain_sort(&evs, ns);
    if (!st)
        st = explain_sort(&cls, ns);
    if (!st)
        st = explain_sort(&rels, ns);
    for (size_t s = 0; s < ns && !st; s++) {
        const NgSentence *se = &sg->sentences[s];
        fprintf(out, "[%zu]%s %.*s\n", s + 1, se->heading ? " (heading)" : "",
                (int)(se->span.end - se->span.begin), t + se->span.begin);
        for (size_t i = acts.first[s]; i < acts.first[s + 1]; i++) {
            const NgXActor *ac = &x->actors[acts.items[i].a];
            NgSpan sp = ac->mentions.items[acts.items[i].b];
            fprintf(out, "    actor    %-12s %s  <- \"%.*s\"%s\n", ng_kind_name(ac->kind), ac->label,
                    (int)(sp.end - sp.begin), t + sp.begin, ac->lex == SIZE_MAX ? "  (not in lexicon)" : "");
        }
        for (size_t i = evs.first[s]; i < evs.first[s + 1]; i++) {
            size_t e = evs.items[i].a;
            const NgXEvent *ev = &x->events[e];
            NgSpan sp = ev->spans.items[evs.items[i].b];
            fprintf(out, "    event    %-12s #%zu \"%.*s\" %s%s actors:", local_name(ev->class_iri), e + 1,
                    (int)(sp.end - sp.begin), t + sp.begin, ev->time[0] ? "time " : "", ev->time);
            for (size_t p = 0; p < ev->actors.count; p++)
                fprintf(out, "%s%s", p ? ", " : " ", x->actors[ev->actors.items[p]].label);
            fprintf(out, "%s\n", ev->actors.count ? "" : " none");
        }
        for (size_t i = cls.first[s]; i < cls.first[s + 1]; i++) {
            const NgXClaim *cl = &x->claims[cls.items[i].a];
            fprintf(out, "    claim    %-12s source %s%s\n", mod_name(cl->modality),
                    cl->source == SIZE_MAX ? "the article" : x->actors[cl->source].label,
                    cl->negated ? ", negated" : "");
        }
        for (size_t i = rels.first[s]; i < rels.first[s + 1]; i++) {
            const NgXRelation *r = &x->relations[rels.items[i].a];
            fprintf(out, "    relation %s %s %s\n", x->actors[r->subject].label, local_name(r->property),
                    x->actors[r->object].label);
        }
    }
    explain_free(&acts);
    explain_free(&evs);
    explain_free(&cls);
    explain_free(&rels);
    if (st)
        return st;
    return ferror(out) ? NG_ERR_IO : NG_SUCCESS;
}
