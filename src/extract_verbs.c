/* extract_verbs.c — events told by an ordinary verb ("The delegation left the capital in May"):
 * the past-tense main verb of a clause whose subject is an actor, a pronoun or an agent noun, when
 * its commonest WordNet sense lies in a verb class of the lexicon (ng:VerbClass), and what follows
 * it is consistent with the movement or act the class stands for. */
#include "extract.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Can a clause begin after token i: punctuation that opens one, "and", "but", "then"? */
static bool clause_opener(const NgxCtx *c, size_t i)
{
    return ngx_mark_in(c, i, (const char *const[]){",", ";", ":", "\xE2\x80\x94", NULL}) ||
           ngx_is(c, i, NG_WC(NG_WC_AND) | NG_WC(NG_WC_BUT) | NG_WC(NG_WC_SEQUENCE));
}

/* Is token i an adverb of manner ("quickly", "formally"): a lower-case word in -ly that WordNet
 * knows as an adverb? */
static bool manner_adverb(NgxCtx *c, size_t i)
{
    const NgToken *t = ngx_tok(c, i);
    size_t n = strlen(t->lower);
    unsigned pos = 0;
    if (!t->word || t->capitalized || n < 5 || strcmp(t->lower + n - 2, "ly") != 0)
        return false;
    return !(c->st = ng_wordnet_pos(c->lx, t->lower, &pos)) && (pos & NG_WN_ADV);
}

/* Where the subject of the verb at token v ends: right before it, or before the adverbs ("The
 * NDF quickly overran", "Brussels then sought") and the perfect's "has"/"had" between them ("the
 * NDF has besieged Port Avalon"; *perfect is then set).  Rule event.verb-perfect. */
static size_t subject_end(NgxCtx *c, size_t s, size_t v, bool *perfect)
{
    size_t h = v, stb = ngx_sent_tb(c, s);
    bool have = false;
    *perfect = false;
    while (h > stb && ngx_on(c, NGX_R_EVENT_VERB_PERFECT) && !c->st) {
        if (manner_adverb(c, h - 1) || ngx_is(c, h - 1, NG_WC(NG_WC_SEQUENCE)))
            h--;
        else if (!have && ngx_is(c, h - 1, NG_WC(NG_WC_HAVE)) && h - 1 > stb)
            have = *perfect = true, h--;
        else
            break;
    }
    return h;
}

/* The subject right before token v (v: where the subject ends, see subject_end) when it opens
 * its clause: a named actor (not a mere place), a personal pronoun, or a common noun phrase ("an
 * advance party", "observers") whose head is of an ng:AgentNounClass.  actor_ending[v]: the first
 * token of the longest actor mention (not a place) that ends right before token v, or SIZE_MAX. */
static bool clause_subject(NgxCtx *c, const size_t *actor_ending, size_t s, size_t v)
{
    const uint64_t dets = NGX_DETERMINER | NGX_POSSESSIVE;
    size_t stb = ngx_sent_tb(c, s);
    if (v <= stb)
        return false;
    size_t h = v - 1, b = actor_ending[v];
    if (ngx_is(c, h, NGX_AUXILIARY | NG_WC(NG_WC_INFINITIVE) | NG_WC(NG_WC_NEGATOR)))
        return false; /* "had left", "was returned", "never left" */
    if (b == SIZE_MAX && ngx_is(c, h, NG_WC(NG_WC_PRON_PERSON) | NG_WC(NG_WC_PRON_GROUP)))
        b = h;
    if (b == SIZE_MAX) {
        const NgToken *ht = ngx_tok(c, h);
        if (!ht->word || (ht->capitalized && !ht->sentence_start) || c->tok_in_name[h] ||
            ngx_is(c, h, dets))
            return false;
        if (ngx_wordnet_cue(c, ht->lower, 'n', NG_CUE_AGENTCLASS) == SIZE_MAX)
            return false;
        b = h;
        if (actor_ending[b] != SIZE_MAX)
            b = actor_ending[b]; /* a named premodifier: "Ruritanian observers" */
        /* premodifiers back to a determiner: "an advance party", "the last observers" */
        while (b > stb && h - b < NGX_SUBJECT_PREMODIFIERS && ngx_tok(c, b - 1)->word &&
               (!ngx_tok(c, b - 1)->capitalized || ngx_tok(c, b - 1)->sentence_start) &&
               !clause_opener(c, b - 1) && !ngx_past_form(c, b - 1)) {
            b--;
            if (ngx_is(c, b, dets))
                break;
        }
        if (b > stb && !ngx_is(c, b, dets) && ngx_tok(c, b - 1)->word && !clause_opener(c, b - 1))
            return false;
    } else {
        /* "Prime Minister Petar Novak accused": the longest title before the name */
        size_t named = b;
        for (size_t q = named; q-- > stb && q + NGX_TITLE_REACH > named;) {
            size_t len;
            if (ngx_cue_at(c, q, NG_CUE_TITLE, &len, NULL) && q + len == named)
                b = q;
        }
        if (b > stb && ngx_is(c, b - 1, dets))
            b--; /* "the Ruritanian army" */
    }
    return b == stb || clause_opener(c, b - 1);
}

/* Mentions by token: the longest actor mention (not a place) ending right before token t, as its
 * first token (ending_tb) and its index (ending); the longest mention of any kind starting at t. */
typedef struct {
    size_t *ending_tb, *ending, *starting;
} MentionIndex;

/* Is the noun phrase at token i (before e) a place: a named place, a state (unless the subject
 * is a state itself: "Ruritania overtook Freedonia" is no movement) or a common noun whose
 * commonest WordNet sense is of an ng:PlaceNounClass ("the border town", "the river")? */
static bool place_phrase(NgxCtx *c, const MentionIndex *mi, size_t i, size_t e, bool state_subject)
{
    const uint64_t stops = NG_WC(NG_WC_PREPOSITION) | NGX_CONJUNCTION | NG_WC(NG_WC_COMPLEMENTIZER) |
                           NG_WC(NG_WC_RELATIVE) | NG_WC(NG_WC_TEMPORAL_CONJ) | NG_WC(NG_WC_NEGATOR);
    if (i < e && ngx_is(c, i, NGX_DETERMINER | NGX_POSSESSIVE))
        i++;
    if (i >= e)
        return false;
    if (mi->starting[i] != SIZE_MAX) {
        const NgxMention *m = &c->ments[mi->starting[i]];
        if (!(m->te + 1 < e && ngx_clitic_s(c, m->te + 1))) {
            NgActorKind k = c->x->actors[m->actor].kind;
            return k == NG_KIND_PLACE || (k == NG_KIND_STATE && !state_subject);
        }
        i = m->te + 2; /* "Freedonia's northern province": the head follows */
    }
    size_t head = SIZE_MAX;
    for (size_t j = i; j < e && j - i < NGX_PLACE_HEAD; j++) {
        const NgToken *k = ngx_tok(c, j);
        size_t n = strlen(k->lower);
        if (!k->word || ngx_is(c, j, stops) || ngx_starts_time(c, j, e) ||
            (n > 4 && !strcmp(k->lower + n - 2, "ly")))
            break;
        head = j;
    }
    return head != SIZE_MAX && !c->st &&
           ngx_wordnet_cue(c, ngx_tok(c, head)->lower, 'n', NG_CUE_PLACECLASS) != SIZE_MAX;
}

/* What follows a verb of a verb class (its first token after it and its particle: t) is
 * consistent with a movement: nothing ("the envoys left.", "left, and"), a preposition of
 * direction or origin and no verb after it ("returned to the border", "pulled back from the
 * ridge", not "moved to calm the markets"), a time ("left soon afterwards", "returned in late
 * May"), or a place as object or location ("crossed the river", "arrived in Freedonia").  An
 * object that is no place ("followed suit", "ran a deficit", "led the review"), an adjective
 * or adverb ("fell silent", "went further", "moved forward") and a purpose after the movement
 * ("turned to Freedonia for help") make the verb an idiom, not an event. */
static bool movement_complement(NgxCtx *c, const MentionIndex *mi, size_t s, size_t t, bool state_subject)
{
    const uint64_t direction = NG_WC(NG_WC_DIRECTION);
    const uint64_t ends = NGX_CONJUNCTION | NG_WC(NG_WC_TEMPORAL_CONJ);
    size_t e = ngx_sent_te(c, s);
    /* the end of the clause the complement lies in */
    size_t ce = t;
    while (ce < e && !ngx_is_clause_break(c, ce) && !ngx_tok_is(c, ce, ",") && !ngx_is(c, ce, ends))
        ce++;
    if (t < e) { /* past one adverb of manner: "moved quickly", "left abruptly" */
        size_t n = strlen(ngx_tok(c, t)->lower);
        if (n > 4 && !strcmp(ngx_tok(c, t)->lower + n - 2, "ly") && !ngx_starts_time(c, t, e))
            t++;
    }
    bool ok;
    if (t >= e || !ngx_tok(c, t)->word || ngx_is(c, t, ends)) {
        ok = true; /* "A small team returned.", "the envoys fled, and" */
    } else if (ngx_is(c, t, direction)) {
        size_t p = t; /* "out of": a direction, then its genitive */
        while (p < ce && (ngx_is(c, p, direction) || (ngx_is(c, p, NG_WC(NG_WC_GENITIVE)) && ngx_is(c, p - 1, direction))))
            p++;
        size_t n = p < e ? strlen(ngx_tok(c, p)->lower) : 0;
        if (p >= ce || !ngx_tok(c, p)->word)
            ok = true; /* "pulled back.", "went home" */
        else if (n > 4 && !strcmp(ngx_tok(c, p)->lower + n - 3, "ing"))
            ok = false; /* "turned away from supporting" */
        else if (state_subject || (!ngx_tok(c, p)->capitalized && !ngx_is(c, p, NGX_DETERMINER | NGX_POSSESSIVE) &&
                                   !isdigit((unsigned char)ngx_tok(c, p)->lower[0])))
            /* a bare word must be a place ("into town", not "moved to calm the markets",
             * "returned to power", "fell into recession"); so must where a state goes, else it
             * is a policy ("Ruritania turned to Freedonia", "moved to the centre") */
            ok = place_phrase(c, mi, p, ce, state_subject);
        else
            ok = true; /* "returned to the border", "crossed into Freedonia" */
    } else if (ngx_starts_time(c, t, e)) {
        ok = true; /* "left soon afterwards", "returned last week" */
    } else if (ngx_is(c, t, NG_WC(NG_WC_TEMPORAL_PREP)) && ngx_starts_time(c, t + 1, e)) {
        ok = true; /* "returned in late August", "left on 3 July" */
    } else if (ngx_is(c, t, NG_WC(NG_WC_PURPOSE))) {
        /* "left for Freedonia" is a destination; "ran for a seat", "went for broke" are not */
        size_t q = t + 1 < e ? mi->starting[t + 1] : SIZE_MAX;
        NgActorKind k = q != SIZE_MAX ? c->x->actors[c->ments[q].actor].kind : NG_KIND_NONE;
        ok = k == NG_KIND_PLACE || (k == NG_KIND_STATE && !state_subject);
    } else if (ngx_is(c, t, NG_WC(NG_WC_LOCATIVE))) {
        ok = place_phrase(c, mi, t + 1, ce, state_subject); /* "arrived in the border town" */
    } else {
        ok = place_phrase(c, mi, t, ce, state_subject); /* "crossed the river", not "followed suit" */
    }
    /* "turned to Freedonia for help": the movement serves a purpose, it is no event of its own
     * ("left for the border", right after the verb, is its destination; "for the first time" a
     * time) */
    for (size_t f = t + 1; ok && f < ce; f++)
        if (ngx_is(c, f, NG_WC(NG_WC_PURPOSE)) && !ngx_starts_time(c, f + 1, e))
            ok = false;
    return ok;
}

/* Is there an actor mention after token t in its clause, as object or complement ("toppled the
 * prime minister's government", "took Wadi Salam", "froze its participation in the CSTO")? */
static bool actor_after(const NgxCtx *c, const MentionIndex *mi, size_t s, size_t t)
{
    for (size_t i = t; i < ngx_sent_te(c, s) && i < t + NGX_OBJECT_REACH; i++) {
        if (ngx_is_clause_break(c, i) || ngx_tok_is(c, i, ",") || ngx_is(c, i, NGX_CONJUNCTION))
            return false;
        if (mi->starting[i] != SIZE_MAX)
            return true;
    }
    return false;
}

/* Is the verb whose subject ends at token h the second of two predicates of one subject ("The
 * NDF quickly overran most of Strelsau and in December 2023 took Wadi Salam", "Novak accused
 * Russia ... and in February froze ...")?  "and", a time, then the verb; an earlier verb of
 * the sentence with a named subject of its own.  The mention of that subject, or SIZE_MAX.  Rule
 * event.verb-coordinated. */
static size_t coordinated_subject(NgxCtx *c, const MentionIndex *mi, size_t s, size_t h)
{
    size_t stb = ngx_sent_tb(c, s), a = h;
    const uint64_t timeish = NG_WC(NG_WC_TEMPORAL_PREP) | NGX_DETERMINER | NG_WC(NG_WC_ORDINAL) |
                             NG_WC(NG_WC_TIME_MODIFIER);
    if (!ngx_on(c, NGX_R_EVENT_VERB_COORDINATED))
        return SIZE_MAX;
    /* back over a time: "in December 2023", "on Sept. 11", "later" */
    while (a > stb && h - a < NGX_TIME_MODIFIERS + 3) {
        int y;
        const NgToken *t = ngx_tok(c, a - 1);
        if (!(ngx_is(c, a - 1, timeish) || ngx_time_word(c, a - 1) || ngx_year_of(c, a - 1, &y) ||
              ngx_day_of(c, a - 1, &y) || !strcmp(t->lower, ".") ||
              (t->capitalized && ngx_cue_at(c, a - 1, NG_CUE_MONTH, NULL, NULL))))
            break;
        a--;
    }
    /* without a time of its own, the second predicate tells more of the same event ("blocked roads
     * and rallied outside prefectures") */
    if (a <= stb + 1 || a == h || !ngx_is(c, a - 1, NG_WC(NG_WC_AND)) ||
        (!ngx_starts_time(c, a, h) && !(ngx_is(c, a, NG_WC(NG_WC_TEMPORAL_PREP)) && ngx_starts_time(c, a + 1, h))))
        return SIZE_MAX;
    for (size_t u = a - 1; u-- > stb && !c->st;) {
        if (ngx_is_clause_break(c, u))
            return SIZE_MAX;
        if (ngx_is(c, u, NGX_AUXILIARY))
            return SIZE_MAX; /* "the text was more balanced ... and protected Brazil" */
        if (!ngx_past_form(c, u) || c->tok_in_name[u])
            continue;
        /* the nearest verb before "and" is the first predicate, or there is none */
        bool perfect;
        size_t e = subject_end(c, s, u, &perfect);
        return mi->ending[e] != SIZE_MAX && clause_subject(c, mi->ending_tb, s, e) ? mi->ending[e] : SIZE_MAX;
    }
    return SIZE_MAX;
}

/* Is the noun phrase at token t headed by a noun whose two commonest WordNet senses both lie in
 * an ng:QualityNounClass ("gained legitimacy", "offered his own plan"; not "sought commitments",
 * whose second sense is an act)?  Its head: the last word before a preposition, a conjunction or
 * punctuation, a few words on. */
static bool quality_object(NgxCtx *c, size_t s, size_t t)
{
    const uint64_t stops = NG_WC(NG_WC_PREPOSITION) | NGX_CONJUNCTION | NG_WC(NG_WC_COMPLEMENTIZER) |
                           NG_WC(NG_WC_RELATIVE) | NG_WC(NG_WC_TEMPORAL_PREP) | NG_WC(NG_WC_INFINITIVE);
    size_t head = SIZE_MAX;
    for (size_t j = t; j < ngx_sent_te(c, s) && j - t < NGX_PLACE_HEAD + 1; j++) {
        if (!ngx_tok(c, j)->word || ngx_is(c, j, stops))
            break;
        head = j;
    }
    char *files = NULL;
    if (head == SIZE_MAX || ngx_tok(c, head)->capitalized ||
        (c->st = ng_wordnet_noun_files(c->lx, ngx_tok(c, head)->lower, &files)) || !files)
        return false;
    bool quality = true;
    const char *f = files;
    for (int sense = 0; sense < 2 && *f && quality; sense++) {
        size_t n = strcspn(f, " ");
        quality = ng_lexicon_find_cue(c->lx, NG_CUE_QUALITYCLASS, f, n) != SIZE_MAX;
        f += n + (f[n] == ' ');
    }
    free(files);
    return quality;
}

/* Does a noun phrase follow the verb at token t, its direct object ("handed over four abandoned
 * villages", "sought extra environmental commitments"), not a preposition, an infinitive, a
 * clause or an adverb ("agreed to disarm", "went further"), nor a quality ("gained legitimacy")? */
static bool direct_object(NgxCtx *c, size_t s, size_t t)
{
    const uint64_t not_np = NG_WC(NG_WC_PREPOSITION) | NG_WC(NG_WC_INFINITIVE) | NGX_CONJUNCTION |
                            NG_WC(NG_WC_COMPLEMENTIZER) | NG_WC(NG_WC_RELATIVE) |
                            NG_WC(NG_WC_TEMPORAL_CONJ) | NG_WC(NG_WC_NEGATOR) | NGX_PERSONAL |
                            NG_WC(NG_WC_DIRECTION) | NG_WC(NG_WC_TEMPORAL_PREP) | NGX_AUXILIARY;
    if (t >= ngx_sent_te(c, s) || !ngx_tok(c, t)->word || ngx_is(c, t, not_np) || manner_adverb(c, t))
        return false;
    if ((ngx_on(c, NGX_R_EVENT_QUALITY_OBJECT) && quality_object(c, s, t)) || c->st)
        return false;
    if (ngx_is(c, t, NGX_DETERMINER | NGX_POSSESSIVE) || isdigit((unsigned char)ngx_tok(c, t)->lower[0]))
        return true;
    unsigned pos = 0;
    return !(c->st = ng_wordnet_pos(c->lx, ngx_tok(c, t)->lower, &pos)) && (pos & (NG_WN_NOUN | NG_WN_ADJ));
}

/* "In June, the RGB found that ...", "on Aug. 1 its Harvest Review Committee confirmed losses": an
 * organisation named right before the verb at token v, and a date in its clause, make the verb an
 * institution's finding on a day, an event (a reporting verb included).  Rule event.dated-finding,
 * for reporting verbs and the verb classes marked ng:datedFinding. */
static bool dated_finding(NgxCtx *c, const MentionIndex *mi, size_t s, size_t v)
{
    bool perfect;
    size_t h = subject_end(c, s, v, &perfect), q = mi->ending[h], cb, ce;
    char when[16];
    if (q == SIZE_MAX && h > ngx_sent_tb(c, s) && ngx_tok_is(c, h - 1, ")"))
        q = mi->ending[h - 1]; /* "the Ruritanian Grain Board (RGB) found" */
    if (q == SIZE_MAX || c->x->actors[c->ments[q].actor].kind != NG_KIND_ORGANISATION)
        return false;
    ngx_clause_of(c, s, v, NGX_EVENT_CLAUSE_REACH, &cb, &ce);
    if (ngx_time_near(c, cb, ce, v, when) && when[0])
        return true;
    /* "In June, the RGB found": the date opens the sentence, a few words before the clause */
    size_t stb = ngx_sent_tb(c, s);
    return cb > stb && cb - stb <= NGX_FRONTED_TIME_REACH && ngx_time_near(c, stb, cb, v, when) && when[0];
}

/* The verb-class cue of the past-tense verb at token v in sentence s, when it narrates an event,
 * with the token after it (and its particle) in *te; SIZE_MAX otherwise. */
static size_t verb_trigger(NgxCtx *c, const MentionIndex *mi, size_t s, size_t v, size_t *te)
{
    *te = v + 1;
    if (!ngx_past_form(c, v) || c->tok_in_name[v] || ngx_is(c, v, NGX_AUXILIARY))
        return SIZE_MAX;
    /* a verb that is a cue of its own (an event trigger, a reporting verb) keeps its role, but
     * for a reporting verb that tells an organisation's dated finding */
    bool reporting = false;
    for (int k = 0; k < NG_CUE__COUNT; k++)
        if (ngx_cue_at(c, v, (NgCueKind)k, NULL, NULL)) {
            if (k != NG_CUE_REPORTING || !ngx_on(c, NGX_R_EVENT_DATED_FINDING))
                return SIZE_MAX;
            reporting = true;
        }
    /* "the RGB found that ...": a verb before "that" reports as a reporting verb does; such a
     * verb is looked at further only as an organisation's dated finding (cheap tests first:
     * "He said \"she said ..." must not ask WordNet for every "said") */
    size_t ste = ngx_sent_te(c, s), cue = SIZE_MAX;
    reporting = reporting || (v + 1 < ste && ngx_is(c, v + 1, NG_WC(NG_WC_COMPLEMENTIZER)) &&
                              ngx_on(c, NGX_R_EVENT_DATED_FINDING));
    if (reporting && !dated_finding(c, mi, s, v))
        return SIZE_MAX;
    (*c->work)++;
    char phrase[96];
    if (v + 1 < ste)
        snprintf(phrase, sizeof phrase, "%s_%s", ngx_tok(c, v)->lower, ngx_tok(c, v + 1)->lower);
    /* a phrasal verb first: "pulled back" */
    if (v + 1 < ste && ngx_is(c, v + 1, NG_WC(NG_WC_PARTICLE))) {
        cue = ngx_wordnet_cue(c, phrase, 'v', NG_CUE_VERBCLASS);
        if (cue != SIZE_MAX)
            *te = v + 2;
    }
    /* a phrasal verb of another class is an idiom, not a movement: "went through the files"
     * (go_through), "fell into recession", "ran for a seat" (fall_into, run_for: verb.stative).
     * Not with a word of direction, whose phrasal verbs WordNet files apart from the movement
     * ("went back", "came to"). */
    if (cue == SIZE_MAX && !c->st && v + 1 < ste && ngx_is(c, v + 1, NG_WC(NG_WC_IDIOM_PARTICLE))) {
        char *chain = NULL;
        bool idiom = !(c->st = ng_wordnet_class(c->lx, phrase, 'v', &chain)) && chain &&
                     ngx_wordnet_cue(c, phrase, 'v', NG_CUE_VERBCLASS) == SIZE_MAX;
        free(chain);
        if (idiom)
            return SIZE_MAX;
    }
    if (cue == SIZE_MAX && !c->st)
        cue = ngx_wordnet_cue(c, ngx_tok(c, v)->lower, 'v', NG_CUE_VERBCLASS);
    if (cue == SIZE_MAX || c->st || !c->lx->cues[cue].evokes)
        return SIZE_MAX;
    if (reporting || c->lx->cues[cue].dated_finding)
        return ngx_on(c, NGX_R_EVENT_DATED_FINDING) && dated_finding(c, mi, s, v) && !c->st ? cue : SIZE_MAX;
    bool perfect;
    size_t h = subject_end(c, s, v, &perfect), subject = mi->ending[h];
    if (perfect && subject == SIZE_MAX)
        return SIZE_MAX; /* "By then the monitors had left": only a named actor's perfect narrates */
    if (!clause_subject(c, mi->ending_tb, s, h) && (subject = coordinated_subject(c, mi, s, h)) == SIZE_MAX)
        return SIZE_MAX;
    bool state_subject = subject != SIZE_MAX && c->x->actors[c->ments[subject].actor].kind == NG_KIND_STATE;
    /* a class of acts on others needs a named subject and an actor after the verb, or its direct
     * object (rule event.verb-object); a movement needs a complement that fits one */
    bool acts_on = subject != SIZE_MAX && actor_after(c, mi, s, *te);
    if (c->lx->cues[cue].needs_actor_object) {
        bool object = subject != SIZE_MAX && ngx_on(c, NGX_R_EVENT_VERB_OBJECT) && direct_object(c, s, *te);
        /* "handed over the villages": the particle of a phrasal verb of the same class */
        if (!acts_on && !object && subject != SIZE_MAX && ngx_on(c, NGX_R_EVENT_VERB_OBJECT) && *te == v + 1 &&
            v + 2 < ste && ngx_is(c, v + 1, NG_WC(NG_WC_IDIOM_PARTICLE)) &&
            ngx_wordnet_cue(c, phrase, 'v', NG_CUE_VERBCLASS) == cue && direct_object(c, s, v + 2))
            object = true, *te = v + 2;
        if (!acts_on && !object)
            return SIZE_MAX;
    } else if (ngx_on(c, NGX_R_EVENT_IDIOM) && !movement_complement(c, mi, s, *te, state_subject) && !c->st) {
        /* no movement, but a named actor acting on another, its object right after the verb:
         * "the NDF overran most of Strelsau", "Ruritania froze its participation in the CSTO" (not
         * "turned to Freedonia", a direction) */
        if (!acts_on || *te >= ngx_sent_te(c, s) || ngx_is(c, *te, NG_WC(NG_WC_DIRECTION) | NG_WC(NG_WC_PURPOSE)))
            return SIZE_MAX;
    }
    if (c->st)
        return SIZE_MAX;
    /* "the envoys sat down for talks", "flew in for the summit": the verb narrates the event its
     * clause names next, it is not another one */
    for (size_t t = *te; t < ste && t < *te + NGX_NAMES_NEXT; t++) {
        if (ngx_is_clause_break(c, t) || ngx_tok_is(c, t, ","))
            break;
        if (ngx_cue_at(c, t, NG_CUE_EVENT, NULL, NULL))
            return SIZE_MAX;
    }
    return cue;
}

/* Is the noun at token n tied to an actor: a possessor ("Freedonia's lightning offensive"), an
 * actor or demonym right before it ("the NDF siege", "the Freedonian offensive"), or "of"/"by"
 * and an actor or a group after it ("the siege of Port Avalon", "the exodus of ethnic Ruritanians")? */
static bool tied_to_actor(const NgxCtx *c, const MentionIndex *mi, size_t s, size_t n)
{
    size_t stb = ngx_sent_tb(c, s), ste = ngx_sent_te(c, s), b = n;
    while (b > stb && n - b < 2 && ngx_tok(c, b - 1)->word && !ngx_tok(c, b - 1)->capitalized &&
           !c->wc[b - 1])
        b--; /* past a modifier or two: "lightning" */
    for (size_t q = b; q <= n && q > stb; q++) {
        if (mi->ending[q] != SIZE_MAX && (q == n || q == b))
            return true; /* "the NDF siege" */
        if (q >= stb + 2 && ngx_clitic_s(c, q - 1) && mi->ending[q - 2] != SIZE_MAX)
            return true; /* "Freedonia's offensive" */
    }
    if (n + 2 < ste && ngx_is(c, n + 1, NG_WC(NG_WC_GENITIVE) | NG_WC(NG_WC_AGENT))) {
        size_t a = n + 2 + (ngx_is(c, n + 2, NGX_ARTICLE) ? 1 : 0);
        for (size_t q = a; q < ste && q < a + 3; q++)
            if (mi->starting[q] != SIZE_MAX || ngx_group_word(c, q))
                return true;
    }
    return false;
}

/* The event-noun-class cue of the noun at token n, when it names an event tied to an actor, or
 * SIZE_MAX. */
static size_t noun_trigger(NgxCtx *c, const MentionIndex *mi, size_t s, size_t n)
{
    const NgToken *t = ngx_tok(c, n);
    if (!t->word || t->capitalized || c->tok_in_name[n] || c->wc[n])
        return SIZE_MAX;
    for (int k = 0; k < NG_CUE__COUNT; k++)
        if (ngx_cue_at(c, n, (NgCueKind)k, NULL, NULL))
            return SIZE_MAX;
    /* tied to an actor first: it costs no WordNet look-up, and most nouns are not */
    if (!tied_to_actor(c, mi, s, n))
        return SIZE_MAX;
    unsigned pos = 0;
    if ((c->st = ng_wordnet_pos(c->lx, t->lower, &pos)) || !(pos & NG_WN_NOUN))
        return SIZE_MAX;
    size_t cue = ngx_wordnet_cue(c, t->lower, 'n', NG_CUE_EVENTNOUNCLASS);
    if (cue == SIZE_MAX || c->st || !c->lx->cues[cue].evokes)
        return SIZE_MAX;
    return cue;
}

/* Appends an event-cue match of cue `cue` over tokens [b, e) of sentence s to *out. */
static void add_trigger(NgxCtx *c, NgMatch **out, size_t *count, size_t *cap, size_t cue, size_t s,
                        size_t b, size_t e)
{
    if ((c->st = ng_grow((void **)out, cap, *count + 1, sizeof(NgMatch))))
        return;
    NgMatch *x = &(*out)[(*count)++];
    memset(x, 0, sizeof *x);
    x->type = NG_M_CUE;
    x->cue_kind = NG_CUE_EVENT;
    x->ref = cue;
    x->sentence = s;
    x->tok_begin = b;
    x->tok_end = e;
    x->span = (NgSpan){ngx_tok(c, b)->span.begin, ngx_tok(c, e - 1)->span.end};
}

/* Events told without a cue word, by WordNet class: the past-tense main verb of a clause whose
 * subject is an actor, a pronoun or an agent noun, when its commonest WordNet sense lies in a verb
 * class of the lexicon (ng:VerbClass: "The delegation left the capital in May", "lawmakers toppled
 * the government"), and a noun of an ng:EventNounClass tied to an actor ("Freedonia's
 * offensive").  They are event-cue matches whose cue is the class; *out holds them. */
NgStatus ngx_verb_class_triggers(NgxCtx *c, NgMatch **out, size_t *count)
{
    const NgMatches *m = c->m;
    size_t cap = 0;
    *out = NULL;
    *count = 0;
    bool verbs = false, nouns = false;
    for (size_t i = 0; i < c->lx->cue_count; i++) {
        verbs = verbs || (c->lx->cues[i].kind == NG_CUE_VERBCLASS && c->lx->cues[i].evokes);
        nouns = nouns || (c->lx->cues[i].kind == NG_CUE_EVENTNOUNCLASS && c->lx->cues[i].evokes);
    }
    verbs = verbs && ngx_on(c, NGX_R_EVENT_VERB_CLASS);
    nouns = nouns && ngx_on(c, NGX_R_EVENT_NOUN_CLASS);
    if (!verbs && !nouns)
        return NG_SUCCESS; /* no classes in the lexicon: nothing to do */
    size_t slots = m->token_count + 1;
    size_t *arrays = malloc(3 * slots * sizeof(size_t));
    if (!arrays)
        return c->st = NG_ERR_NOMEM;
    MentionIndex mi = {arrays, arrays + slots, arrays + 2 * slots};
    for (size_t i = 0; i < 3 * slots; i++)
        arrays[i] = SIZE_MAX;
    for (size_t q = 0; q < c->nm; q++) {
        const NgxMention *mm = &c->ments[q];
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
        for (size_t v = ngx_sent_tb(c, s); v < ngx_sent_te(c, s) && !c->st; v++) {
            size_t te, cue = verbs ? verb_trigger(c, &mi, s, v, &te) : SIZE_MAX;
            if (cue == SIZE_MAX && nouns && !c->st) {
                cue = noun_trigger(c, &mi, s, v);
                te = v + 1;
            }
            if (cue != SIZE_MAX && !c->st)
                add_trigger(c, out, count, &cap, cue, s, v, te);
        }
    }
    free(arrays);
    return c->st;
}
