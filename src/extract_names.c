/* extract_names.c — what an unknown name is: the typing rules of the actors pass.
 *
 * The matcher hands over capitalised names the lexicon does not know ("Ruritanian Grain Board",
 * "Ana Silva", "RAF", "Agri-Union").  Each is tried against a first-match table of small rules:
 * the name an actor already has, an organisation head word, a person named before, a title, an
 * acronym, an apposition ("X, the umbrella group for ..."), a role it holds ("X's chief
 * executive"), a name coordinated with a known actor, WordNet's knowledge of a place, a speaker's
 * verb, the shape of a personal name.  A name no rule takes is no actor; `explain` says so. */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One unknown name being typed. */
typedef struct {
    size_t tb, te;       /* its tokens, titles and a leading "The" already cut */
    size_t sentence;
    size_t words;
    bool titled;         /* a person title right before it or at its start */
    const char *label;
    const char *why;     /* the last reason a rule gave for not taking it, for explain */
    bool refused;        /* a rule found it is no name: no later rule may take it */
} NameCand;

/* A typing rule: the actor the name stands for, or SIZE_MAX when the rule does not apply. */
typedef size_t (*NameRule)(NgxCtx *c, NameCand *n);

/* Is token i a word WordNet knows as a common English word? */
static bool common_word(NgxCtx *c, size_t i)
{
    bool common = false;
    if (!c->st)
        c->st = ng_wordnet_common(c->lx, ngx_tok(c, i)->lower, &common);
    return common;
}

/* The WordNet lexicographer file of the commonest noun sense of `word` ("noun.person"), written
 * into out (empty when WordNet does not know it). */
static void noun_file(NgxCtx *c, const char *word, char out[32])
{
    char *chain = NULL;
    out[0] = '\0';
    if (!c->st)
        c->st = ng_wordnet_class(c->lx, word, 'n', &chain);
    if (chain)
        snprintf(out, 32, "%.*s", (int)strcspn(chain, " "), chain);
    free(chain);
}

/* The actor kind WordNet gives a head noun: persons, groups (organisations), places, from its
 * commonest sense, or with `senses` 2 from either of the first two ("the capital of Gezira state":
 * money first, a city second). */
static NgActorKind kind_of_noun(NgxCtx *c, const char *word, int senses)
{
    char *files = NULL;
    NgActorKind kind = NG_KIND_NONE;
    if (!c->st)
        c->st = ng_wordnet_noun_files(c->lx, word, &files);
    const char *f = files;
    for (int s = 0; f && *f && s < senses && kind == NG_KIND_NONE; s++) {
        size_t n = strcspn(f, " ");
        if (n == 11 && !strncmp(f, "noun.person", n))
            kind = NG_KIND_PERSON;
        else if (n == 10 && !strncmp(f, "noun.group", n))
            kind = NG_KIND_ORGANISATION;
        else if (n == 13 && !strncmp(f, "noun.location", n))
            kind = NG_KIND_PLACE;
        f += n + (f[n] == ' ');
    }
    free(files);
    return kind;
}

/* Is token i one word in capitals (and digits), two to six of them ("RAF", "RCA", "E3")? */
static bool acronym_at(const NgxCtx *c, size_t i)
{
    const NgToken *t = ngx_tok(c, i);
    size_t letters = 0, digits = 0;
    for (size_t k = t->span.begin; k < t->span.end; k++) {
        char ch = c->t[k];
        if (ch >= 'A' && ch <= 'Z')
            letters++;
        else if (ch >= '0' && ch <= '9')
            digits++;
        else if (ch != '.' && ch != '&')
            return false;
    }
    return t->word && letters >= 1 && letters + digits >= 2 && letters + digits <= 6;
}

/* The actor made for the name with `kind`, or found by its key. */
static size_t take(NgxCtx *c, NameCand *n, NgActorKind kind)
{
    return ngx_actor_for_key(c, n->label, kind);
}

/* "Northern Defence Forces ... the Northern Defence Forces", "RAF" after "Ruritanian Armed Forces (RAF)":
 * a name an actor already bears, or an acronym given to one. */
static size_t name_repeated(NgxCtx *c, NameCand *n)
{
    char *key = ng_form_key(n->label, strlen(n->label), true);
    size_t id = SIZE_MAX;
    if (!key)
        c->st = NG_ERR_NOMEM;
    else if (!ng_map_get(&c->actor_by_key, key, strlen(key), &id))
        id = SIZE_MAX;
    free(key);
    return id;
}

/* "the Ruritanian Grain Board", "the National Assembly": an organisation head word. */
static size_t name_organisation(NgxCtx *c, NameCand *n)
{
    return n->words >= 2 && ngx_has_org_head(c, n->tb, n->te) ? take(c, n, NG_KIND_ORGANISATION) : SIZE_MAX;
}

/* "Orlov" after "Ivan Orlov", "Sosa Ruiz" after "Luis Sosa Ruiz": the person named before
 * whose name ends (or, for one word, begins) with it. */
static size_t name_surname(NgxCtx *c, NameCand *n)
{
    if (n->words == 1)
        return ngx_person_by_part(c, n->label);
    size_t found = SIZE_MAX, len = strlen(n->label);
    for (size_t a = 0; a < c->x->actor_count; a++) {
        const NgXActor *ac = &c->x->actors[a];
        size_t l = strlen(ac->label);
        if (ac->kind != NG_KIND_PERSON || l <= len + 1 || ac->label[l - len - 1] != ' ' ||
            strcmp(ac->label + l - len, n->label) != 0)
            continue;
        if (found != SIZE_MAX)
            return SIZE_MAX; /* two people share it */
        found = a;
    }
    return found;
}

/* "Deputy Minister Ana Silva", "Gen. Abdel Fattah al-Borak": a person title before the name. */
static size_t name_titled(NgxCtx *c, NameCand *n)
{
    return n->titled && n->words <= 6 ? take(c, n, NG_KIND_PERSON) : SIZE_MAX;
}

/* "the Ruritanian Grain Board (RGB)": a name given an acronym is an
 * organisation's. */
static size_t name_defines_acronym(NgxCtx *c, NameCand *n)
{
    size_t ste = ngx_sent_te(c, n->sentence);
    if (n->words < 2 || n->te + 2 >= ste || !ngx_tok_is(c, n->te, "(") || !acronym_at(c, n->te + 1) ||
        !ngx_tok_is(c, n->te + 2, ")"))
        return SIZE_MAX;
    return take(c, n, NG_KIND_ORGANISATION);
}

/* "RAF", "RCA", "RDA": one word in capitals that is no English word is an organisation. */
static size_t name_acronym(NgxCtx *c, NameCand *n)
{
    if (n->te - n->tb != 1 || !acronym_at(c, n->tb) || common_word(c, n->tb))
        return SIZE_MAX;
    return take(c, n, NG_KIND_ORGANISATION);
}

/* The head noun of a description [b, e) ("the umbrella group for EU farm unions" -> "group"): the
 * last lower-case word before a preposition, clause word or punctuation. */
static size_t description_head(const NgxCtx *c, size_t b, size_t e)
{
    const uint64_t stop = NG_WC(NG_WC_PREPOSITION) | NG_WC(NG_WC_RELATIVE) | NG_WC(NG_WC_COMPLEMENTIZER) |
                          NGX_CONJUNCTION;
    size_t head = SIZE_MAX;
    for (size_t i = b; i < e && i < b + NGX_DESCRIPTION_REACH; i++) {
        const NgToken *t = ngx_tok(c, i);
        if (!t->word || ngx_is(c, i, stop))
            break;
        if (!t->capitalized && !ngx_is(c, i, NGX_DETERMINER | NGX_POSSESSIVE))
            head = i;
    }
    return head;
}

/* "Agri-Union, the umbrella group for EU farm unions", "NAME, a commodities analyst", "Maxmart's
 * chief executive, Luc Lenoir": a description apposed to the name, after or before it, whose
 * head noun WordNet files under persons, groups or places. */
static size_t name_appositive(NgxCtx *c, NameCand *n)
{
    size_t stb = ngx_sent_tb(c, n->sentence), ste = ngx_sent_te(c, n->sentence), head = SIZE_MAX;
    if (n->te + 2 < ste && ngx_tok_is(c, n->te, ",") && ngx_is(c, n->te + 1, NGX_ARTICLE | NGX_POSSESSIVE))
        head = description_head(c, n->te + 1, ste);
    if (head == SIZE_MAX && n->tb >= stb + 2 && ngx_tok_is(c, n->tb - 1, ",")) {
        size_t b = n->tb - 1; /* back over the description's words to its start */
        while (b > stb && n->tb - 1 - b < NGX_DESCRIPTION_REACH && ngx_tok(c, b - 1)->word &&
               !ngx_tok(c, b - 1)->capitalized)
            b--;
        if (b < n->tb - 1 && (b == stb || !ngx_tok(c, b - 1)->word || ngx_clitic_s(c, b - 1) ||
                              ngx_is(c, b, NGX_ARTICLE)))
            head = n->tb - 2;
    }
    if (head == SIZE_MAX || ngx_tok(c, head)->capitalized)
        return SIZE_MAX;
    /* an organisation head word of the lexicon ("group", "association"), else what WordNet files
     * the noun's first senses under */
    NgActorKind k = ngx_cue_at(c, head, NG_CUE_ORGHEAD, NULL, NULL) ? NG_KIND_ORGANISATION
                                                                     : kind_of_noun(c, ngx_tok(c, head)->lower, 3);
    if (k == NG_KIND_PLACE && n->words > 1 && ngx_tok(c, n->tb)->capitalized)
        return take(c, n, NG_KIND_PLACE);
    return k == NG_KIND_PERSON || k == NG_KIND_ORGANISATION ? take(c, n, k) : SIZE_MAX;
}

/* "Maxmart's chief executive", "the NDF's commander": a name whose possessive holds a person's
 * role (a title or a noun WordNet files under persons) is an organisation. */
static size_t name_role_possessor(NgxCtx *c, NameCand *n)
{
    size_t ste = ngx_sent_te(c, n->sentence);
    if (n->te + 2 >= ste || !ngx_clitic_s(c, n->te + 1) || n->words > 3)
        return SIZE_MAX;
    /* the words after the possessive, up to a preposition or clause word: "chief executive" */
    const uint64_t stop = NG_WC(NG_WC_PREPOSITION) | NGX_CONJUNCTION | NGX_AUXILIARY;
    for (size_t r = n->te + 2; r < ste && r < n->te + 5 && ngx_tok(c, r)->word && !ngx_is(c, r, stop); r++)
        if (ngx_cue_at(c, r, NG_CUE_TITLE, NULL, NULL) ||
            (!ngx_tok(c, r)->capitalized && kind_of_noun(c, ngx_tok(c, r)->lower, 1) == NG_KIND_PERSON))
            return take(c, n, NG_KIND_ORGANISATION);
    return SIZE_MAX;
}

/* "Ana Rose and Paul Dumont", "Agrivoz and Maxmart": a name coordinated with a person or an
 * organisation the text already names is one of the same kind. */
static size_t name_coordinated(NgxCtx *c, NameCand *n)
{
    for (size_t k = 0; k < c->nm; k++) {
        const NgxMention *mm = &c->ments[k];
        if (mm->sentence != n->sentence)
            continue;
        bool before = mm->te < n->tb && ngx_coordinating(c, mm->te, n->tb);
        bool after = mm->tb > n->te && ngx_coordinating(c, n->te, mm->tb);
        NgActorKind k2 = c->x->actors[mm->actor].kind;
        if ((before || after) && (k2 == NG_KIND_PERSON || k2 == NG_KIND_ORGANISATION))
            return take(c, n, k2);
    }
    return SIZE_MAX;
}

/* How many of the article's name candidates read as this one (at most 2), not counting those
 * that only modify a noun ("the Kampala track", "the Lyon format"). */
static size_t times_named(const NgxCtx *c, const NameCand *n)
{
    size_t again = 0;
    for (size_t i = 0; i < c->m->match_count && again < 2; i++) {
        const NgMatch *x = &c->m->matches[i];
        if (x->type != NG_M_NAME || x->tok_end - x->tok_begin != n->te - n->tb)
            continue;
        const NgToken *after = x->tok_end < c->m->token_count ? ngx_tok(c, x->tok_end) : NULL;
        if (after && after->word && !after->capitalized && after->sentence == x->sentence &&
            !ngx_is(c, x->tok_end, ~(uint64_t)0))
            continue;
        bool same = true;
        for (size_t q = 0; q < n->te - n->tb && same; q++)
            same = ngx_same_word(c, x->tok_begin + q, n->tb + q);
        again += same;
    }
    return again;
}

/* "their contested Alpine frontier", "four Alpine winters": one capitalised word that WordNet
 * knows as an adjective, and neither as a noun nor as a name, modifies the noun after it; it names
 * no actor (a place's adjective is not the place). */
static size_t name_adjective(NgxCtx *c, NameCand *n)
{
    unsigned pos = 0;
    if (n->words != 1 || n->titled || n->te - n->tb != 1)
        return SIZE_MAX;
    if (!c->st)
        c->st = ng_wordnet_pos(c->lx, ngx_tok(c, n->tb)->lower, &pos);
    if ((pos & NG_WN_ADJ) && !(pos & (NG_WN_NOUN | NG_WN_NAME))) {
        n->why = "an adjective (WordNet), which names no one";
        n->refused = true;
    }
    return SIZE_MAX;
}

/* "the U.N. climate conference, COP41, in Paris": a name apposed to an event noun names that
 * event, no actor. */
static size_t name_event_apposed(NgxCtx *c, NameCand *n)
{
    size_t stb = ngx_sent_tb(c, n->sentence), len = 0;
    if (n->tb < stb + 2 || !ngx_tok_is(c, n->tb - 1, ","))
        return SIZE_MAX;
    for (size_t k = n->tb - 2 + 1; k-- > stb && k + NGX_NAME_APPOSED_EVENT >= n->tb;)
        if (ngx_cue_at(c, k, NG_CUE_EVENT, &len, NULL) && k + len == n->tb - 1) {
            n->why = "apposed to an event noun: the event's name";
            n->refused = true;
            break;
        }
    return SIZE_MAX;
}

/* "Port Ruritania", "Avalon", "Ruritania's Lorvia province", "in Valdo-Karst ... Valdo-Karst's":
 * a place, because WordNet knows it as one, a place noun follows it, or the text names it twice and
 * once after a preposition of place.  Such a place is an actor when the text names it twice or as
 * more than where something happened ("talks in Geneva", "the Geneva talks" are no actor). */
static size_t name_place(NgxCtx *c, NameCand *n)
{
    char key[128];
    size_t k = 0;
    for (size_t i = n->tb; i < n->te && k + 40 < sizeof key; i++) {
        const char *w = ngx_tok(c, i)->lower;
        if (!ngx_tok(c, i)->word)
            continue;
        k += (size_t)snprintf(key + k, sizeof key - k, "%s%s", k ? "_" : "", w);
    }
    const uint64_t where = NG_WC(NG_WC_LOCATIVE) | NG_WC(NG_WC_VENUE) | NG_WC(NG_WC_DIRECTION);
    size_t ste = ngx_sent_te(c, n->sentence), again = times_named(c, n);
    bool located = n->tb > ngx_sent_tb(c, n->sentence) && ngx_is(c, n->tb - 1, where);
    bool place_noun = n->te < ste && ngx_tok(c, n->te)->word && !ngx_tok(c, n->te)->capitalized &&
                      kind_of_noun(c, ngx_tok(c, n->te)->lower, 1) == NG_KIND_PLACE;
    char file[32];
    noun_file(c, key, file);
    if (strcmp(file, "noun.location") != 0 && !place_noun && !(located && again >= 2))
        return SIZE_MAX;
    /* "the Lyon talks", "the Kampala commitments": the name only says where of the noun after */
    unsigned pos = 0;
    bool the_noun = n->tb > ngx_sent_tb(c, n->sentence) && ngx_is(c, n->tb - 1, NGX_ARTICLE) &&
                    n->te < ste && ngx_tok(c, n->te)->word && !ngx_tok(c, n->te)->capitalized;
    if (the_noun && !c->st)
        c->st = ng_wordnet_pos(c->lx, ngx_tok(c, n->te)->lower, &pos);
    bool premodifier = n->te < ste && (ngx_cue_at(c, n->te, NG_CUE_EVENT, NULL, NULL) ||
                                       (the_noun && (pos & NG_WN_NOUN)));
    if ((located || premodifier) && again < 2 && !place_noun) {
        n->why = "a place named once, only as where something happened";
        return SIZE_MAX;
    }
    return take(c, n, NG_KIND_PLACE);
}

/* "Maxmart said", "John Fairbank warned": a name right before a reporting verb speaks (not
 * after a preposition); a person when it has two words or more and ends in no common word, else an
 * organisation ("the Carnegie Endowment argues"). */
static size_t name_speaker(NgxCtx *c, NameCand *n)
{
    size_t ste = ngx_sent_te(c, n->sentence), v = n->te;
    while (v < ste && v < n->te + 2 && ngx_is(c, v, NG_WC(NG_WC_HAVE) | NG_WC(NG_WC_MODAL)))
        v++;
    if (v >= ste || !ngx_cue_at(c, v, NG_CUE_REPORTING, NULL, NULL))
        return SIZE_MAX;
    /* "Analysts at the Carnegie Endowment argue": after a preposition the name is an object */
    size_t b = n->tb, stb = ngx_sent_tb(c, n->sentence);
    if (b > stb && ngx_is(c, b - 1, NGX_ARTICLE))
        b--;
    if (b > stb && ngx_is(c, b - 1, NG_WC(NG_WC_PREPOSITION)))
        return SIZE_MAX;
    /* a person's name ends in a word that is no common English word ("John Fairbank"), an
     * organisation's may not ("the Carnegie Endowment") */
    bool common = false;
    const char *last = ngx_tok(c, n->te - 1)->lower;
    if (n->words >= 2 && !(c->st = ng_wordnet_common(c->lx, last, &common)) && !common)
        return take(c, n, NG_KIND_PERSON);
    return c->st ? SIZE_MAX : take(c, n, NG_KIND_ORGANISATION);
}

/* Is the first sense WordNet gives the lower-case noun a place or a natural object ("outskirts",
 * "banks", "valley")? */
static bool land_noun(NgxCtx *c, const char *word)
{
    char *files = NULL;
    if (!c->st)
        c->st = ng_wordnet_noun_files(c->lx, word, &files);
    bool land = files && (!strncmp(files, "noun.location", 13) || !strncmp(files, "noun.object", 11));
    free(files);
    return land;
}

/* "Ivan Orlovsky", "Ana Rose-Pereira": two or three capitalised words ending in one that is no English
 * word (a surname), not after a preposition of place, are a person's name.  Not after an article
 * either ("the Vara Lodhi pilgrimage" names a thing), nor after a land noun and "of" ("both banks
 * of Lake Orlak" names a place). */
static size_t name_personal(NgxCtx *c, NameCand *n)
{
    if (n->words < 2 || n->words > 4)
        return SIZE_MAX;
    /* the surname: the label's last part, hyphens and all ("Jean-Luc") */
    const char *sp = strrchr(n->label, ' ');
    char *last = ng_form_key(sp ? sp + 1 : n->label, strlen(sp ? sp + 1 : n->label), true);
    bool common = false;
    if (!last)
        c->st = NG_ERR_NOMEM;
    else if (!c->st)
        c->st = ng_wordnet_common(c->lx, last, &common);
    free(last);
    if (common || c->st)
        return SIZE_MAX;
    for (size_t i = n->tb; i < n->te; i++)
        if (acronym_at(c, i))
            return SIZE_MAX;
    const uint64_t where = NG_WC(NG_WC_LOCATIVE) | NG_WC(NG_WC_VENUE) | NG_WC(NG_WC_DIRECTION);
    if (n->tb > ngx_sent_tb(c, n->sentence) && ngx_is(c, n->tb - 1, where))
        return SIZE_MAX; /* "in Wadi Salam": where, not who */
    if (n->tb > ngx_sent_tb(c, n->sentence) && ngx_is(c, n->tb - 1, NGX_ARTICLE)) {
        n->why = "a name after an article: a thing's, not a person's";
        return SIZE_MAX;
    }
    if (n->tb > ngx_sent_tb(c, n->sentence) + 1 && ngx_is(c, n->tb - 1, NG_WC(NG_WC_GENITIVE)) &&
        !ngx_tok(c, n->tb - 2)->capitalized && land_noun(c, ngx_tok(c, n->tb - 2)->lower)) {
        n->why = "a name after a land noun and 'of': a place's, not a person's";
        return SIZE_MAX;
    }
    return take(c, n, NG_KIND_PERSON);
}

static const struct {
    NgxRule rule;
    NameRule fn;
} name_rules[] = {
    {NGX_R_ACTOR_REPEATED, name_repeated},
    {NGX_R_ACTOR_ADJECTIVE, name_adjective},
    {NGX_R_ACTOR_EVENT_APPOSED, name_event_apposed},
    {NGX_R_ACTOR_ORG_NAME, name_organisation},
    {NGX_R_ACTOR_SURNAME, name_surname},
    {NGX_R_ACTOR_TITLED, name_titled},
    {NGX_R_ACTOR_ACRONYM, name_acronym},
    {NGX_R_ACTOR_ACRONYM_ALIAS, name_defines_acronym},
    {NGX_R_ACTOR_APPOSITIVE, name_appositive},
    {NGX_R_ACTOR_ROLE_POSSESSOR, name_role_possessor},
    {NGX_R_ACTOR_COORDINATED, name_coordinated},
    {NGX_R_ACTOR_PLACE, name_place},
    {NGX_R_ACTOR_SPEAKER, name_speaker},
    {NGX_R_ACTOR_PERSONAL, name_personal},
};

/* Title case for a name written in capitals ("PORT RURITANIA" -> "Port Ruritania"), so that it reads as
 * the name elsewhere does; acronyms stay as they are. */
static void title_case(char *s)
{
    size_t letters = 0, upper = 0;
    for (char *p = s; *p; p++) {
        letters += (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
        upper += *p >= 'A' && *p <= 'Z';
    }
    if (letters <= 6 || upper != letters || !strchr(s, ' '))
        return;
    bool start = true;
    for (char *p = s; *p; p++) {
        if (!start && *p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
        start = *p == ' ' || *p == '-';
    }
}

size_t ngx_name_actor(NgxCtx *c, size_t tb, size_t te, bool titled, const char **why)
{
    NameCand n = {tb, te, ngx_tok(c, tb)->sentence, 0, titled, NULL, "no rule types it", false};
    for (size_t k = tb; k < te; k++)
        n.words += ngx_tok(c, k)->word;
    char *label = ngx_text_of(c, tb, te);
    if (!label) {
        c->st = NG_ERR_NOMEM;
        return SIZE_MAX;
    }
    title_case(label);
    n.label = label;
    size_t actor = SIZE_MAX;
    for (size_t r = 0; r < sizeof name_rules / sizeof name_rules[0] && actor == SIZE_MAX &&
                       !n.refused && !c->st; r++)
        if (ngx_on(c, name_rules[r].rule))
            actor = name_rules[r].fn(c, &n);
    free(label);
    if (why)
        *why = n.why;
    return actor;
}

/* "Ruritanian Armed Forces (RAF)": the acronym in parentheses right after a name is that actor's
 * name too, for the mentions that follow. */
void ngx_name_acronym_alias(NgxCtx *c, size_t actor, size_t te)
{
    size_t ste = ngx_sent_te(c, ngx_tok(c, te - 1)->sentence);
    if (!ngx_on(c, NGX_R_ACTOR_ACRONYM_ALIAS) || te + 2 >= ste || !ngx_tok_is(c, te, "(") ||
        !acronym_at(c, te + 1) || !ngx_tok_is(c, te + 2, ")"))
        return;
    const char *w = ngx_tok(c, te + 1)->lower;
    size_t old;
    if (!ng_map_get(&c->actor_by_key, w, strlen(w), &old))
        c->st = ng_map_put(&c->actor_by_key, w, strlen(w), actor);
    ngx_add_mention(c, actor, te + 1, te + 2, NG_FORM_NAME);
    c->tok_in_name[te + 1] = true;
}
