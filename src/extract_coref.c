/* extract_coref.c — coreference: which mention stands for an actor already named.
 *
 * A surname or first name for the person who bears it, "the agency" for the one organisation
 * headed by that word, a description ("the army chief") for the person it was apposed to, "the two
 * nations" for the pair the article is about, "he"/"she" for the nearest person, "it" for the
 * subject state.  The pass adds the mentions it can settle before any event or claim is read;
 * the pronoun and pair look-ups are asked by the later passes. */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Files a person under the first and the last word of its label, for person_by_part: one map
 * look-up instead of a scan over every actor per one-word name. */
static void person_part_put(NgxCtx *c, const char *word, size_t len, size_t actor)
{
    size_t old;
    if (c->st || len == 0)
        return;
    if (ng_map_get(&c->person_part, word, len, &old))
        actor = old == actor ? actor : SIZE_MAX; /* ambiguous: two people share it */
    c->st = ng_map_put(&c->person_part, word, len, actor);
}

void ngx_index_person(NgxCtx *c, size_t actor)
{
    const char *l = c->x->actors[actor].label;
    const char *first_sp = strchr(l, ' '), *last_sp = strrchr(l, ' ');
    if (!first_sp)
        return; /* a one-word label is no one's first or last name */
    person_part_put(c, l, (size_t)(first_sp - l), actor);
    person_part_put(c, last_sp + 1, strlen(last_sp + 1), actor);
    /* "al-Borak" is "Borak" too: a surname after a lower-case particle and a hyphen */
    const char *hy = strrchr(last_sp + 1, '-');
    if (hy && last_sp[1] >= 'a' && last_sp[1] <= 'z' && hy[1])
        person_part_put(c, hy + 1, strlen(hy + 1), actor);
}

/* The person already named whose first or last name is this one token ("Marta", "Bianchi"). */
size_t ngx_person_by_part(const NgxCtx *c, const char *word)
{
    size_t found;
    (*c->work)++;
    if (strchr(word, ' ') || !ng_map_get(&c->person_part, word, strlen(word), &found))
        return SIZE_MAX;
    return found; /* SIZE_MAX when ambiguous: two people share it */
}

/* The lower-case words [b, e) before token `at` that describe someone: "the army chief" or
 * "Ruritania's army chief" (two to four words after "the" or a possessive). */
static bool description_before(const NgxCtx *c, size_t at, size_t stb, size_t *b)
{
    size_t j = at;
    while (j > stb && at - j < NGX_DESCRIPTION_WORDS && ngx_tok(c, j - 1)->word && !ngx_tok(c, j - 1)->capitalized &&
           !c->tok_in_name[j - 1] && !ngx_is(c, j - 1, NGX_DETERMINER) && !ngx_clitic_s(c, j - 1))
        j--;
    if (at - j < 2 || j == stb)
        return false;
    bool the = ngx_is(c, j - 1, NG_WC(NG_WC_DEFINITE));
    bool poss = j >= stb + 3 && ngx_clitic_s(c, j - 1) && c->tok_in_name[j - 3];
    *b = j;
    return the || poss;
}

/* "The army chief, Gen. Ram Kumar, said ...": the description before an apposed name refers to
 * that person elsewhere too ("as Ruritania's army chief conceded"), when no one else has it. */
static void descriptions(NgxCtx *c)
{
    if (!ngx_on(c, NGX_R_COREF_DESCRIPTION))
        return;
    typedef struct { size_t b, e, actor; bool ambiguous; } Desc;
    Desc d[32];
    size_t nd = 0, nm = c->nm;
    for (size_t k = 0; k < nm && nd < 32; k++) {
        const NgxMention *p = &c->ments[k];
        if (c->x->actors[p->actor].kind != NG_KIND_PERSON)
            continue;
        size_t stb = ngx_sent_tb(c, p->sentence), j = p->tb, len;
        for (size_t b = j; b-- > stb && j - b < NGX_TITLE_REACH;) /* titles before the name: "Gen." */
            if (ngx_cue_at(c, b, NG_CUE_TITLE, &len, NULL) && b + len == j)
                j = b;
        size_t db;
        if (j <= stb || !ngx_tok_is(c, j - 1, ",") || !description_before(c, j - 1, stb, &db))
            continue;
        bool dup = false;
        for (size_t i = 0; i < nd; i++) {
            if (d[i].e - d[i].b != j - 1 - db)
                continue;
            bool same = true;
            for (size_t t = 0; t < j - 1 - db && same; t++)
                same = ngx_same_word(c, d[i].b + t, db + t);
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
                same = ngx_tok(c, t + q)->word && ngx_same_word(c, t + q, d[i].b + q) &&
                       ngx_tok(c, t + q)->sentence == ngx_tok(c, t)->sentence;
            size_t stb = ngx_sent_tb(c, ngx_tok(c, t)->sentence), db;
            if (!same || t == stb || c->sg->sentences[ngx_tok(c, t)->sentence].heading ||
                !description_before(c, t + n, stb, &db) || db != t)
                continue;
            /* not itself apposed to a name ("the army chief, Gen. Ram Kumar") */
            size_t after = t + n;
            if (after + 1 < ngx_sent_te(c, ngx_tok(c, t)->sentence) && ngx_tok_is(c, after, ",") &&
                ngx_tok(c, after + 1)->capitalized)
                continue;
            ngx_add_mention(c, d[i].actor, t, t + n, NG_FORM_METONYM);
        }
    }
    if (c->nm > nm)
        qsort(c->ments, c->nm, sizeof(NgxMention), ngx_mention_compare);
}

/* The two states (or people) the article names most, when they clearly lead: the default
 * referent of "the two nations" in a bilateral analysis. */
bool ngx_dominant_pair(const NgxCtx *c, NgActorKind kind, size_t *a, size_t *b)
{
    /* asked once per trigger or "the two nations": remembered until some actor gains a mention */
    NgxPairCache *dc = c->dom;
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
        /* NG_KIND_NONE asks for the article's two parties, states or organisations ("both sides") */
        if (kind == NG_KIND_NONE ? x->kind != NG_KIND_STATE && x->kind != NG_KIND_ORGANISATION : x->kind != kind)
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
bool ngx_pair_reference(const NgxCtx *c, size_t sentence, size_t i, size_t *a, size_t *b)
{
    size_t te = ngx_sent_te(c, sentence);
    bool two = ngx_on(c, NGX_R_COREF_PAIR) && ngx_is(c, i, NG_WC(NG_WC_DUAL));
    if (!two || i + 1 >= te)
        return false;
    /* "the two nations", "both countries", "the world's two most populous countries" */
    NgActorKind kind = NG_KIND_NONE;
    bool party = false;
    for (size_t j = i + 1; j < te && j <= i + NGX_PAIR_NOUN_REACH && ngx_tok(c, j)->word && !kind && !party; j++) {
        if (ngx_is(c, j, NG_WC(NG_WC_STATE_NOUN)))
            kind = NG_KIND_STATE;
        else if (ngx_is(c, j, NG_WC(NG_WC_LEADER_NOUN)))
            kind = NG_KIND_PERSON;
        else if (ngx_is(c, j, NG_WC(NG_WC_BLOC_NOUN)))
            kind = NG_KIND_ORGANISATION;
        else if (ngx_is(c, j, NG_WC(NG_WC_PARTY_NOUN)))
            party = true;
        else if (ngx_is(c, i, NG_WC(NG_WC_QUANTIFIER)))
            break; /* "both" takes its noun at once; "the two most populous countries" may wait */
    }
    /* "both sides", "the two parties": the article's two parties, whatever their kind */
    if (party)
        return ngx_dominant_pair(c, NG_KIND_NONE, a, b);
    if (!kind)
        return false;
    size_t found[2], n = 0;
    size_t from = sentence >= 2 ? sentence - 2 : 0;
    for (size_t k = c->sent_first[sentence + 1]; k-- > c->sent_first[from] && n < 2;) {
        const NgxMention *mm = &c->ments[k];
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
    return ngx_dominant_pair(c, kind, a, b);
}

/* "he"/"she" before token i: the nearest person named earlier in the sentence, else the last
 * speaker, else the last person of the previous sentence. */
size_t ngx_pronoun_referent(const NgxCtx *c, size_t s, size_t i, size_t last_speaker)
{
    for (size_t k = c->sent_first[s + 1]; k-- > c->sent_first[s];)
        if (c->ments[k].te <= i && c->x->actors[c->ments[k].actor].kind == NG_KIND_PERSON)
            return c->ments[k].actor;
    /* "Ortega, who took over from Sosa Ruiz, struck a different note.  He described ...": the
     * person the sentence before is about, its subject, before whoever spoke last */
    if (s > 0 && !c->sg->sentences[s - 1].heading && ngx_on(c, NGX_R_COREF_PRONOUN_SUBJECT_FIRST)) {
        size_t k = c->sent_first[s - 1];
        if (k < c->sent_first[s] && c->x->actors[c->ments[k].actor].kind == NG_KIND_PERSON &&
            c->ments[k].tb < ngx_sent_tb(c, s - 1) + NGX_TITLE_REACH)
            return c->ments[k].actor;
    }
    if (last_speaker != SIZE_MAX)
        return last_speaker;
    if (s > 0)
        for (size_t k = c->sent_first[s]; k-- > c->sent_first[s - 1];)
            if (c->x->actors[c->ments[k].actor].kind == NG_KIND_PERSON)
                return c->ments[k].actor;
    return SIZE_MAX;
}

/* "it"/"its" right before a cue whose clause names no one ("... while it manages tensions with
 * Freedonia"): the one state or organisation the sentence names before the pronoun, when that
 * mention stands in subject position (opening the sentence, or after "that" or a reporting,
 * hedging or assessing verb: "analysts suggest Ruritania wants ..."); SIZE_MAX otherwise ("The
 * deal angered Ruritania, while it ..." is about the deal). */
size_t ngx_pronoun_subject(const NgxCtx *c, size_t s, size_t cb, size_t lo)
{
    if (!ngx_on(c, NGX_R_COREF_PRONOUN_SUBJECT))
        return SIZE_MAX;
    size_t p = SIZE_MAX;
    for (size_t t = cb; t < lo && lo - t <= NGX_PRONOUN_REACH; t++)
        if (ngx_is(c, t, NG_WC(NG_WC_PRON_THING) | NG_WC(NG_WC_POSS_THING)))
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
        size_t b = c->ments[k].tb, tb = ngx_sent_tb(c, s);
        if (b > tb && ngx_is(c, b - 1, NG_WC(NG_WC_DEFINITE)))
            b--;
        bool opens = b == tb || ngx_is(c, b - 1, NG_WC(NG_WC_COMPLEMENTIZER)) ||
                     (ngx_tok(c, b - 1)->word && !ngx_tok(c, b - 1)->capitalized &&
                      (ngx_cue_at(c, b - 1, NG_CUE_REPORTING, NULL, NULL) ||
                       ngx_cue_at(c, b - 1, NG_CUE_HEDGE, NULL, NULL) ||
                       ngx_cue_at(c, b - 1, NG_CUE_ASSESSMENT, NULL, NULL)));
        if (!opens)
            return SIZE_MAX;
        who = c->ments[k].actor;
    }
    return who;
}

/* "the army" after "the Ruritanian Armed Forces": the one organisation named before whose head
 * word (singular or plural) is a hypernym of the description's commonest WordNet sense, when
 * that sense is a group (army: military_service, force, organization); SIZE_MAX otherwise. */
static size_t hypernym_head(NgxCtx *c, const NgMap *heads, const char *word)
{
    char *chain = NULL;
    size_t found = SIZE_MAX;
    if (!ngx_on(c, NGX_R_COREF_DEFINITE_HYPERNYM) || (c->st = ng_wordnet_class(c->lx, word, 'n', &chain)) ||
        !chain)
        return SIZE_MAX;
    if (!strncmp(chain, "noun.group ", 11)) {
        for (const char *h = chain + 11; *h && found == SIZE_MAX;) {
            size_t n = strcspn(h, " ");
            char plural[64];
            size_t a;
            /* "organization", "group": every organisation is one; they say nothing */
            bool general = (n == 12 && !strncmp(h, "organization", 12)) || (n == 5 && !strncmp(h, "group", 5));
            if (!general && n + 2 < sizeof plural) {
                memcpy(plural, h, n);
                plural[n] = 's';
                if ((ng_map_get(heads, h, n, &a) || ng_map_get(heads, plural, n + 1, &a)) && a != SIZE_MAX)
                    found = a;
            }
            h += n;
            while (*h == ' ')
                h++;
        }
    }
    free(chain);
    return found;
}

/* "the agency", "the council": a definite description by the head word of exactly one
 * organisation named before ("the Atomic Agency ... the agency's director"); else by a
 * hypernym of its head (hypernym_head). */
static void definite_heads(NgxCtx *c)
{
    const NgMatches *m = c->m;
    size_t nm;
    if (!ngx_on(c, NGX_R_COREF_DEFINITE_HEAD))
        return;
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
        const NgToken *w = ngx_tok(c, i + 1);
        size_t found;
        if (!ngx_is(c, i, NG_WC(NG_WC_DEFINITE)) || !w->word || w->capitalized || c->tok_in_name[i + 1] ||
            ngx_tok(c, i)->sentence != w->sentence || c->sg->sentences[w->sentence].heading)
            continue;
        if (ng_map_get(&heads, w->lower, strlen(w->lower), &found) && found != SIZE_MAX)
            ngx_add_mention(c, found, i, i + 2, NG_FORM_METONYM);
        else if (heads.count && (found = hypernym_head(c, &heads, w->lower)) != SIZE_MAX)
            ngx_add_mention(c, found, i, i + 2, NG_FORM_METONYM);
    }
    ng_map_free(&heads);
    if (c->nm > nm)
        qsort(c->ments, c->nm, sizeof(NgxMention), ngx_mention_compare);
}


/* The state the article names most, when it clearly leads (half again as often as the next,
 * three times at least): whose "the government" a paragraph about others means.  SIZE_MAX when none. */
static size_t dominant_state(NgxCtx *c)
{
    size_t best = SIZE_MAX, first = 0, second = 0;
    size_t *count = calloc(c->x->actor_count + 1, sizeof *count);
    if (!count) {
        c->st = NG_ERR_NOMEM;
        return SIZE_MAX;
    }
    for (size_t k = 0; k < c->nm; k++)
        count[c->ments[k].actor]++;
    *c->work += c->nm + c->x->actor_count;
    for (size_t a = 0; a < c->x->actor_count; a++) {
        if (c->x->actors[a].kind != NG_KIND_STATE)
            continue;
        size_t n = count[a];
        if (n > first) {
            second = first;
            first = n;
            best = a;
        } else if (n > second) {
            second = n;
        }
    }
    free(count);
    return first >= 3 && 2 * first >= 3 * second ? best : SIZE_MAX;
}

/* "the government rejected the report", "the junta": a state's government, the state named last
 * in this or the two sentences before ("the government of X" is X's, found elsewhere), else the
 * state the article is about. */
static void governments(NgxCtx *c)
{
    size_t nm = c->nm;
    if (!ngx_on(c, NGX_R_COREF_GOVERNMENT))
        return;
    size_t dominant = ngx_on(c, NGX_R_COREF_GOVERNMENT_DOMINANT) ? dominant_state(c) : SIZE_MAX;
    for (size_t i = 0; i + 1 < c->m->token_count && !c->st; i++) {
        const NgToken *w = ngx_tok(c, i + 1);
        size_t s = w->sentence;
        if (!ngx_is(c, i, NG_WC(NG_WC_DEFINITE)) || !ngx_is(c, i + 1, NG_WC(NG_WC_GOVERNMENT_NOUN)) ||
            w->capitalized || ngx_tok(c, i)->sentence != s || c->sg->sentences[s].heading || c->tok_in_name[i + 1])
            continue;
        if (i + 2 < ngx_sent_te(c, s) && ngx_is(c, i + 2, NG_WC(NG_WC_GENITIVE)))
            continue;
        size_t state = SIZE_MAX;
        for (size_t k = nm; k-- > 0 && state == SIZE_MAX;) {
            const NgxMention *mm = &c->ments[k];
            if (mm->tb >= i || mm->sentence + 2 < s)
                continue;
            if (c->x->actors[mm->actor].kind == NG_KIND_STATE)
                state = mm->actor;
        }
        if (state == SIZE_MAX)
            state = dominant;
        if (state != SIZE_MAX)
            ngx_add_mention(c, state, i, i + 2, NG_FORM_METONYM);
    }
    if (c->nm > nm)
        qsort(c->ments, c->nm, sizeof(NgxMention), ngx_mention_compare);
}

/* The coreference pass: definite heads, governments, then descriptions; the mentions end sorted
 * by token. */
void ngx_pass_coref(NgxCtx *c)
{
    definite_heads(c);
    if (!c->st)
        governments(c);
    if (!c->st)
        descriptions(c);
}
