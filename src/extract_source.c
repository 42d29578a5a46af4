/* extract_source.c — who puts a claim forward: "according to X", a group noun phrase that is a
 * reporting verb's subject, the subject before the verb (past an apposition, widened over a
 * coordination), a pronoun, a speaker after the verb; else the article's author. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

/* The actor whose mention ends nearest before token `before` within [from, before), allowing only
 * words between (no clause punctuation); SIZE_MAX when none. Also reports the mention start. */
static size_t subject_before(const NgxCtx *c, size_t sentence, size_t from, size_t before, size_t *mb)
{
    size_t first, last;
    ngx_mentions_in(c, sentence, from, before, &first, &last);
    for (size_t i = last; i-- > first;) {
        const NgxMention *mm = &c->ments[i];
        bool clean = true;
        for (size_t k = mm->te; k < before; k++)
            if (ngx_is_clause_break(c, k))
                clean = false;
        if (!clean)
            return SIZE_MAX;
        if (c->x->actors[mm->actor].kind == NG_KIND_PLACE)
            continue;
        /* a demonym used as an adjective ("the Freedonian readout") is not a subject */
        if (mm->role == NG_FORM_DEMONYM && mm->te < before && ngx_tok(c, mm->te)->word &&
            !ngx_tok(c, mm->te)->capitalized)
            continue;
        if (mb)
            *mb = mm->tb;
        return mm->actor;
    }
    return SIZE_MAX;
}

/* The subject found at mention k, widened over a coordination ("France, Germany and the United
 * Kingdom") and past an apposition ("..., the so-called E3, notified"): one source each. */
void ngx_coordinated(const NgxCtx *c, size_t k, NgxSource *src)
{
    size_t s = c->ments[k].sentence, first = c->sent_first[s];
    /* an apposition: ", the ... M ," — the subject is the mention before it */
    if (k > first) {
        const NgxMention *m = &c->ments[k], *p = &c->ments[k - 1];
        /* the mention before must end at the comma: in "Germany's car industry association, the
         * RCA," the subject is the association, named RCA, not Germany */
        bool comma_before = p->te < m->tb && ngx_tok_is(c, p->te, ",");
        bool the = false;
        for (size_t t = p->te; t < m->tb; t++)
            the = the || ngx_is(c, t, NG_WC(NG_WC_DEFINITE));
        bool comma_after = m->te < ngx_sent_te(c, s) && ngx_tok_is(c, m->te, ",");
        if (comma_before && the && comma_after && m->tb - p->te <= NGX_APPOSITION_GAP)
            k--;
    }
    src->source[0] = c->ments[k].actor;
    src->count = 1;
    while (k > first && src->count < 4) {
        const NgxMention *m = &c->ments[k], *p = &c->ments[k - 1];
        if (!ngx_coordinating(c, p->te, m->tb) || c->x->actors[p->actor].kind != c->x->actors[m->actor].kind)
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

/* Is the reporting word at i used as a noun ("overlapping claims", "which also have claims",
 * "the call", "in Gezira state")?  Then it reports nothing. */
bool ngx_reporting_noun(const NgxCtx *c, size_t i, size_t tb)
{
    if (i == tb || !ngx_on(c, NGX_R_SOURCE_NOUN_USE))
        return false;
    if (ngx_is(c, i - 1, NGX_DETERMINER | NGX_POSSESSIVE | NG_WC(NG_WC_CONTENDING)))
        return true;
    /* after a possessive, perhaps with one modifier: "Ruritania's (sweeping) claims" */
    for (size_t p = i - 1, hops = 0; p > tb + 1 && hops < NGX_NOUN_HOPS; p--, hops++) {
        if (ngx_clitic_s(c, p))
            return true;
        if (!ngx_tok(c, p)->word || ngx_tok(c, p)->capitalized)
            break;
    }
    /* a base form after a name that follows a preposition, and before punctuation or another
     * preposition: "in Gezira state,", "of Rakhine state in 2017" (not "Critics in India say that",
     * "In Delhi Mehta said") */
    const char *b = ngx_tok(c, i)->lower;
    size_t after = i + 1 < c->m->token_count && ngx_tok(c, i + 1)->sentence == ngx_tok(c, i)->sentence ? i + 1 : SIZE_MAX;
    bool ends = after == SIZE_MAX || !ngx_tok(c, after)->word || ngx_is(c, after, NG_WC(NG_WC_PREPOSITION));
    size_t p = !ends || ngx_past_form(c, i) || b[strlen(b) - 1] == 's' ? 0 : i;
    while (p > tb && ngx_tok(c, p - 1)->word && ngx_tok(c, p - 1)->capitalized && !ngx_tok(c, p - 1)->sentence_start)
        p--;
    if (p < i && p > tb && ngx_is(c, p - 1, NG_WC(NG_WC_PREPOSITION)))
        return true;
    const char *w = ngx_tok(c, i)->lower;
    size_t n = strlen(w);
    return ngx_is(c, i - 1, NG_WC(NG_WC_HAVE)) && n > 2 &&
           w[n - 1] == 's' && w[n - 2] != 's';
}

/* ---------------------------------------------------------------- source rules */

/* A cue that may have a source: a reporting verb, or a prediction, assessment or hedge cue (a
 * group noun can be the subject of "expect", "doubt", "likely" too). */
typedef struct {
    size_t s, tb, te;       /* the sentence and the stretch the claim covers */
    size_t i, len;          /* the cue's first token and length */
    bool reporting;         /* a reporting verb, used as a verb */
    size_t last_speaker;    /* who spoke last, for "he said" */
} SourceCue;

/* A source rule: fills *src and returns true when it finds who speaks through the cue. */
typedef bool (*SourceRule)(NgxCtx *c, const SourceCue *q, NgxSource *src);

/* "An analyst at a Singapore think tank said", "Most analysts expect": a group noun phrase that
 * ends at most two words before the cue.  The leftmost head whose phrase reaches the cue wins (the
 * analyst, not the think tank). */
/* "A diplomat involved in the talks said", "an official familiar with the plan said": between a
 * group phrase ending at `from` and the reporting verb at `to`, a past participle or adjective
 * and its prepositional phrase, words only, a few of them. */
static bool participle_between(const NgxCtx *c, size_t from, size_t to)
{
    if (!ngx_on(c, NGX_R_SOURCE_GROUP_PARTICIPLE) || from + 2 >= to || to - from > NGX_GROUP_TAIL)
        return false;
    if (!ngx_past_form(c, from) || !ngx_is(c, from + 1, NG_WC(NG_WC_PREPOSITION)))
        return false;
    for (size_t k = from; k < to; k++)
        if (!ngx_tok(c, k)->word || ngx_is_clause_break(c, k) || ngx_cue_at(c, k, NG_CUE_REPORTING, NULL, NULL))
            return false;
    return true;
}

static bool source_group_subject(NgxCtx *c, const SourceCue *q, NgxSource *src)
{
    size_t from = q->i > q->tb + NGX_GROUP_SUBJECT_REACH ? q->i - NGX_GROUP_SUBJECT_REACH : q->tb;
    size_t chosen = SIZE_MAX, until = 0;
    for (size_t g = q->i; g-- > from;) {
        if (ngx_is_clause_break(c, g))
            break;
        if (!ngx_group_word(c, g))
            continue;
        /* before a hedge or a forecast only a group of observers speaks ("Most analysts expect");
         * "the juntas are unlikely to return" is said of them, not by them */
        if (!q->reporting && !ngx_cue_at(c, g, NG_CUE_GROUP, NULL, NULL))
            continue;
        size_t pb, pe;
        ngx_group_phrase(c, q->s, g, &pb, &pe);
        bool adjacent = pe <= q->i && q->i - pe <= NGX_GROUP_GAP;
        for (size_t k = pe; adjacent && k < q->i; k++)
            adjacent = ngx_tok(c, k)->word || ngx_tok_is(c, k, "-");
        bool participle = !adjacent && q->reporting && pe <= q->i && participle_between(c, pe, q->i);
        if (adjacent || participle) {
            chosen = g;
            until = participle ? q->i : 0;
        }
    }
    if (chosen == SIZE_MAX)
        return false;
    src->source[src->count++] = ngx_group_actor_until(c, q->s, chosen, until);
    return true;
}

/* "both sides committed to protect civilians", "the two countries said": the pair the phrase
 * stands for, one source each. */
static bool source_pair_subject(NgxCtx *c, const SourceCue *q, NgxSource *src)
{
    for (size_t d = q->i; d-- > q->tb && q->i - d <= NGX_PAIR_NOUN_REACH;) {
        if (!ngx_tok(c, d)->word)
            return false;
        size_t a, b;
        if (ngx_is(c, d, NG_WC(NG_WC_DUAL)) && ngx_pair_reference(c, q->s, d, &a, &b)) {
            src->source[src->count++] = a;
            src->source[src->count++] = b;
            return true;
        }
    }
    return false;
}

/* The source whose mention begins at token mb, widened over coordination.  "Dr. Lee Min-ji of the
 * Asan Institute warned": the head of "X of/at Y" speaks, not Y. */
static bool source_at_mention(const NgxCtx *c, const SourceCue *q, size_t mb, NgxSource *src)
{
    size_t k0 = ngx_mention_at(c, q->s, mb), p = mb;
    while (p > q->tb && ngx_is(c, p - 1, NG_WC(NG_WC_DEFINITE)))
        p--;
    if (ngx_on(c, NGX_R_SOURCE_AFFILIATION_HEAD) && k0 != SIZE_MAX && k0 > c->sent_first[q->s] && p > q->tb &&
        ngx_is(c, p - 1, NG_WC(NG_WC_AFFILIATION))) {
        const NgxMention *h = &c->ments[k0 - 1];
        if (h->te + 1 == p && c->x->actors[h->actor].kind == NG_KIND_PERSON)
            mb = h->tb;
    }
    size_t k = ngx_mention_at(c, q->s, mb);
    if (ngx_on(c, NGX_R_SOURCE_COORDINATED))
        ngx_coordinated(c, k, src);
    else
        src->source[src->count++] = c->ments[k].actor;
    return true;
}

/* "Washington, the first to abandon the agreement, welcomed", "Germany and Spain, which see South
 * America as an outlet for their carmakers, pressed": the subject before an apposition or a
 * relative clause that ends right before the verb. */
static bool source_appositive_subject(NgxCtx *c, const SourceCue *q, NgxSource *src)
{
    if (q->i <= q->tb + 1 || !ngx_tok_is(c, q->i - 1, ","))
        return false;
    for (size_t k = q->i - 1; k-- > q->tb && q->i - k < NGX_RELATIVE_REACH;) {
        if (!ngx_tok_is(c, k, ","))
            continue;
        /* a long stretch only when it is a relative clause: ", which ...", ", who ..." */
        if (q->i - k >= NGX_APPOSITION_REACH && !ngx_is(c, k + 1, NG_WC(NG_WC_RELATIVE)))
            return false;
        size_t mb;
        size_t from = k > q->tb + NGX_APPOSED_SUBJECT_REACH ? k - NGX_APPOSED_SUBJECT_REACH : q->tb;
        if (subject_before(c, q->s, from, k, &mb) == SIZE_MAX)
            return false;
        /* the subject ends at the comma; "Germany's car industry association, the RCA, welcomed"
         * is the association's, named in the apposition (source.reporting-subject) */
        size_t km = ngx_mention_at(c, q->s, mb);
        if (km == SIZE_MAX || c->ments[km].te != k)
            return false;
        return source_at_mention(c, q, mb, src);
    }
    return false;
}

/* "Ruritania's foreign minister said", "France, Germany and Britain warned": the nearest actor
 * before the verb, with no clause punctuation between. */
static bool source_reporting_subject(NgxCtx *c, const SourceCue *q, NgxSource *src)
{
    size_t mb;
    size_t from = q->i > q->tb + NGX_SUBJECT_REACH ? q->i - NGX_SUBJECT_REACH : q->tb;
    if (subject_before(c, q->s, from, q->i, &mb) == SIZE_MAX)
        return false;
    return source_at_mention(c, q, mb, src);
}

/* "he said", "she warned": the person the pronoun stands for. */
static bool source_pronoun(NgxCtx *c, const SourceCue *q, NgxSource *src)
{
    if (q->i <= q->tb || !ngx_is(c, q->i - 1, NG_WC(NG_WC_PRON_PERSON)))
        return false;
    size_t who = ngx_pronoun_referent(c, q->s, q->i - 1, q->last_speaker);
    if (who == SIZE_MAX)
        return false;
    src->source[src->count++] = who;
    return true;
}

/* "..., said a Southeast Asian diplomat": a group noun right after the verb. */
static bool source_group_after(NgxCtx *c, const SourceCue *q, NgxSource *src)
{
    for (size_t g = q->i + q->len; g < q->te && g < q->i + q->len + NGX_SPEAKER_AFTER; g++) {
        if (!ngx_tok(c, g)->word)
            return false;
        if (ngx_group_word(c, g)) {
            src->source[src->count++] = ngx_group_actor(c, q->s, g);
            return true;
        }
    }
    return false;
}

/* "..., said Ivan Orlov": a person named right after the verb. */
static bool source_speaker_after(NgxCtx *c, const SourceCue *q, NgxSource *src)
{
    size_t k = ngx_mention_at(c, q->s, q->i + q->len);
    if (k == SIZE_MAX || c->x->actors[c->ments[k].actor].kind != NG_KIND_PERSON)
        return false;
    src->source[src->count++] = c->ments[k].actor;
    return true;
}

/* The source rules, first match wins.  Only the first applies to a cue that is no reporting
 * verb (a hedge, prediction or assessment cue). */
static const struct {
    NgxRule rule;
    SourceRule fn;
    bool reporting_only;
} source_rules[] = {
    {NGX_R_SOURCE_PAIR_SUBJECT, source_pair_subject, true},
    {NGX_R_SOURCE_GROUP_SUBJECT, source_group_subject, false},
    {NGX_R_SOURCE_APPOSITIVE_SUBJECT, source_appositive_subject, true},
    {NGX_R_SOURCE_REPORTING_SUBJECT, source_reporting_subject, true},
    {NGX_R_SOURCE_PRONOUN, source_pronoun, true},
    {NGX_R_SOURCE_GROUP_AFTER, source_group_after, true},
    {NGX_R_SOURCE_SPEAKER_AFTER, source_speaker_after, true},
};

/* "according to X" (a reporting cue whose source follows it) in [tb, te): X, a group noun phrase
 * or the actor named right after (or one word later); SIZE_MAX when none. */
static size_t according_to(NgxCtx *c, size_t s, size_t tb, size_t te)
{
    for (size_t i = tb; i < te && !c->st; i++) {
        size_t len;
        const NgLexCue *cue;
        if (!ngx_cue_at(c, i, NG_CUE_REPORTING, &len, &cue) || !cue->source_follows)
            continue;
        for (size_t g = i + len; g < te && g < i + len + NGX_ACCORDING_REACH; g++)
            if (ngx_group_word(c, g))
                return ngx_group_actor(c, s, g);
        size_t k = ngx_mention_at(c, s, i + len);
        if (k == SIZE_MAX && i + len + 1 < te)
            k = ngx_mention_at(c, s, i + len + 1);
        if (k != SIZE_MAX)
            return c->ments[k].actor;
    }
    return SIZE_MAX;
}

/* Who puts [tb, te) forward.  Each cue in the stretch is tried in text order against the source
 * rules; "according to X" gives X only when no cue has a source of its own ("Mr. Orlov, according
 * to the Freedonian readout, said ..." is Mr. Orlov's).  No source: the article's author. */
NgxSource ngx_source_of(NgxCtx *c, size_t s, size_t tb, size_t te, size_t last_speaker)
{
    NgxSource src = {{0}, 0};
    bool background = false; /* inside "before the Commission sends it": no attribution */
    for (size_t i = tb; i < te && !c->st; i++) {
        if (ngx_on(c, NGX_R_SOURCE_BACKGROUND) && ngx_is(c, i, NG_WC(NG_WC_BACKGROUND)))
            background = true;
        else if (ngx_tok_is(c, i, ",") || ngx_is_clause_break(c, i))
            background = false;
        if (background)
            continue;
        SourceCue q = {s, tb, te, i, 0, false, last_speaker};
        /* "long-promised", "self-declared": the second half of a compound is no verb */
        bool compound = i > tb && ngx_tok_is(c, i - 1, "-");
        const NgLexCue *cue = NULL;
        /* "reluctant to commit to", "declined to say": an infinitive reports nothing said */
        bool infinitive = i > tb && ngx_is(c, i - 1, NG_WC(NG_WC_INFINITIVE)) && ngx_on(c, NGX_R_SOURCE_INFINITIVE);
        q.reporting = ngx_cue_at(c, i, NG_CUE_REPORTING, &q.len, &cue) && !ngx_reporting_noun(c, i, tb) && !compound &&
                      !infinitive;
        if (!q.reporting && !ngx_cue_at(c, i, NG_CUE_PREDICTION, &q.len, NULL) &&
            !ngx_cue_at(c, i, NG_CUE_ASSESSMENT, &q.len, NULL) && !ngx_cue_at(c, i, NG_CUE_HEDGE, &q.len, NULL))
            continue;
        if (cue && cue->source_follows)
            continue; /* according_to, below */
        for (size_t r = 0; r < sizeof source_rules / sizeof source_rules[0] && !c->st; r++)
            if ((q.reporting || !source_rules[r].reporting_only) && ngx_on(c, source_rules[r].rule) &&
                source_rules[r].fn(c, &q, &src))
                return src;
    }
    size_t according = c->st || !ngx_on(c, NGX_R_SOURCE_ACCORDING_TO) ? SIZE_MAX : according_to(c, s, tb, te);
    if (according != SIZE_MAX)
        src.source[src.count++] = according;
    return src;
}
