/* extract_relations.c — the relations pass: relation cues between the actor before and the actor
 * after them in a clause, and the frames that relate actors without a cue verb ("French President
 * X", "Ruritania's Interior Ministry", "A, B and C, the so-called R3"). */
#include "extract.h"
#include "ns.h"

#include <stdlib.h>
#include <string.h>

static const char *prop_local(const char *prop)
{
    const char *l = strrchr(prop, '#');
    return l ? l + 1 : prop;
}

/* Relations that cannot hold between actors of these kinds: no one is a member or leader of a
 * person or a place, a state is not a member or leader of another state, and a leader is not the
 * partner, rival or backer of the state it leads (the cue then relates someone else). */
static bool plausible(const NgxCtx *c, size_t subj, size_t obj, const char *prop)
{
    NgActorKind sk = c->x->actors[subj].kind, ok = c->x->actors[obj].kind;
    const char *l = prop_local(prop);
    if (!strcmp(l, "memberOf") || !strcmp(l, "leaderOf"))
        return ok != NG_KIND_PERSON && ok != NG_KIND_PLACE &&
               !(sk == NG_KIND_STATE && ok == NG_KIND_STATE);
    return !ngx_leads(c, subj, obj) && !ngx_leads(c, obj, subj);
}

static void add_relation(NgxCtx *c, size_t subj, size_t obj, const char *prop, NgSpan span, size_t s)
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

static bool relatable(const NgxCtx *c, size_t a)
{
    NgActorKind k = c->x->actors[a].kind;
    return k == NG_KIND_STATE || k == NG_KIND_PERSON || k == NG_KIND_ORGANISATION || k == NG_KIND_PLACE;
}

/* Does the ontology declare the property symmetric (owl:SymmetricProperty: partners, allies)? */
static bool symmetric(const NgxCtx *c, const char *prop)
{
    return ng_lexicon_has_type(c->lx, prop, NG_NS_OWL "SymmetricProperty");
}

/* Is the mention a premodifier of an event noun rather than a noun phrase of its own ("joined the
 * Ruritania summit", "attended the Ruritania-Freedonia talks")? */
static bool premodifies_event(const NgxCtx *c, size_t k)
{
    const NgxMention *m = &c->ments[k];
    size_t t = m->te, te = ngx_sent_te(c, m->sentence);
    /* "A–B summit": skip the dash and the next name */
    while (t + 1 < te && !ngx_tok(c, t)->word && ngx_mark_in(c, t, (const char *const[]){"-", "\xE2\x80\x93", NULL})) {
        size_t n = ngx_mention_at(c, m->sentence, t + 1);
        if (n == SIZE_MAX)
            return false;
        t = c->ments[n].te;
    }
    return t < te && ngx_tok(c, t)->word && !ngx_tok(c, t)->capitalized && ngx_cue_at(c, t, NG_CUE_EVENT, NULL, NULL);
}

/* "Ruritania is Freedonia's main arms supplier": a copula (or the comma of an apposition:
 * "Ruritania, Freedonia's closest ally,") between two mentions and a possessive right before the
 * cue (a few lower-case modifiers between).  The copula's subject is the
 * relation's subject, the possessor its object. */
static bool possessive_frame(const NgxCtx *c, size_t s, size_t lo, size_t *subj, size_t *obj, size_t *sb)
{
    const uint64_t copula = NG_WC(NG_WC_BE) | NG_WC(NG_WC_HAVE) | NG_WC(NG_WC_CHANGE) | NG_WC(NG_WC_MODAL);
    size_t tb = ngx_sent_tb(c, s), j = lo;
    for (size_t w = 0; w < NGX_POSSESSIVE_MODIFIERS && j > tb && ngx_tok(c, j - 1)->word && !ngx_tok(c, j - 1)->capitalized &&
                       !ngx_clitic_s(c, j - 1) && !c->tok_in_name[j - 1]; w++)
        j--;
    if (j < tb + 3 || !ngx_clitic_s(c, j - 1))
        return false;
    size_t pe = j - 2, first = c->sent_first[s], last = c->sent_first[s + 1];
    size_t pk = SIZE_MAX;
    for (size_t k = first; k < last; k++)
        if (c->ments[k].te == pe)
            pk = k;
    if (pk == SIZE_MAX || pk == first || !relatable(c, c->ments[pk].actor))
        return false;
    const NgxMention *pm = &c->ments[pk], *sm = &c->ments[pk - 1];
    if (!relatable(c, sm->actor) || sm->te >= pm->tb || pm->tb - sm->te > NGX_COPULA_GAP)
        return false;
    /* "Ruritania, Freedonia's closest ally, backs ...": the apposition says it as the copula does */
    bool apposed = pm->tb == sm->te + 1 && ngx_tok_is(c, sm->te, ",") && ngx_on(c, NGX_R_RELATION_POSSESSIVE_APPOSITION);
    bool verb = apposed;
    for (size_t t = sm->te; t < pm->tb && !apposed; t++) {
        if (!ngx_is(c, t, copula | NG_WC(NG_WC_FOCUS)))
            return false;
        verb = verb || !ngx_is(c, t, NG_WC(NG_WC_FOCUS));
    }
    if (!verb)
        return false;
    *subj = sm->actor;
    *obj = pm->actor;
    *sb = sm->tb;
    return true;
}

/* ---------------------------------------------------------------- relation cues */

/* A relation cue being read: its match, its clause, the relatable actors before it (nearest
 * first) and after it (coordinated objects only). */
typedef struct {
    const NgMatch *mt;
    const NgLexCue *cue;
    size_t s, cb, ce, first, last;
    size_t before[4], before_m[4], nb;
    size_t after[4], na, after_last;
    NgSpan span;
} RelCue;

/* Is the relation cue at match mt one that can state a relation: in a body sentence, evoking a
 * property, not part of a name ("the Pacific Alliance"), not negated ("would not back", "no longer
 * relies on")? */
static bool cue_states_relation(const NgxCtx *c, const NgMatch *mt)
{
    size_t s = mt->sentence;
    if (c->sg->sentences[s].heading || !c->lx->cues[mt->ref].evokes)
        return false;
    if (ngx_tok(c, mt->tok_begin)->capitalized && !ngx_tok(c, mt->tok_begin)->sentence_start)
        return false;
    for (size_t q = mt->tok_begin; ngx_on(c, NGX_R_RELATION_NEGATED) && q > ngx_sent_tb(c, s) &&
                                   mt->tok_begin - q < NGX_NEGATION_REACH; q--) {
        size_t nlen;
        if (ngx_cue_at(c, q - 1, NG_CUE_NEGATION, &nlen, NULL) && q - 1 + nlen == mt->tok_begin)
            return false;
    }
    return true;
}

/* Collects the relatable actors of the cue's clause before and after it. */
static void rel_cue_read(const NgxCtx *c, const NgMatch *mt, RelCue *r)
{
    memset(r, 0, sizeof *r);
    r->mt = mt;
    r->cue = &c->lx->cues[mt->ref];
    r->s = mt->sentence;
    r->after_last = SIZE_MAX;
    ngx_clause_of(c, r->s, mt->tok_begin, NGX_RELATION_CLAUSE_REACH, &r->cb, &r->ce);
    ngx_mentions_in(c, r->s, r->cb, r->ce, &r->first, &r->last);
    for (size_t i = r->last; i-- > r->first;) {
        const NgxMention *mm = &c->ments[i];
        if (mm->te <= mt->tok_begin && r->nb < 4 && relatable(c, mm->actor)) {
            r->before_m[r->nb] = i;
            r->before[r->nb++] = mm->actor;
        }
    }
    for (size_t i = r->first; i < r->last; i++) {
        const NgxMention *mm = &c->ments[i];
        if (mm->tb < mt->tok_end || r->na >= 4 || !relatable(c, mm->actor))
            continue;
        if (r->na > 0) {
            /* only coordinated objects: "Sylvania and Japan" */
            const NgxMention *prev = &c->ments[i - 1];
            if (!ngx_coordinating(c, prev->te, mm->tb))
                break;
        } else if (premodifies_event(c, i)) {
            continue;
        }
        r->after[r->na++] = mm->actor;
        r->after_last = i;
    }
    r->span = (NgSpan){ngx_tok(c, mt->tok_begin)->span.begin, ngx_tok(c, mt->tok_end - 1)->span.end};
}

/* "... since Ruritania joined in 1999": an intransitive membership verb joins the one
 * organisation the sentence named before its subject.  True when the cue was such a verb. */
static bool intransitive_membership(NgxCtx *c, const RelCue *r)
{
    size_t s = r->s, hi = r->mt->tok_end, ste = ngx_sent_te(c, s);
    if (!ngx_on(c, NGX_R_RELATION_INTRANSITIVE_MEMBER) || !r->nb || r->na || r->cue->reversed || strcmp(prop_local(r->cue->evokes), "memberOf") != 0 ||
        hi >= ste)
        return false;
    if (ngx_tok(c, hi)->word &&
        !(hi + 1 < ste && ngx_is(c, hi, NG_WC(NG_WC_TEMPORAL_PREP)) &&
          (ngx_year_of(c, hi + 1, &(int){0}) || ngx_cue_at(c, hi + 1, NG_CUE_MONTH, NULL, NULL))))
        return false;
    size_t org = SIZE_MAX;
    bool two = false;
    for (size_t q = c->sent_first[s]; q < r->before_m[0]; q++)
        if (c->x->actors[c->ments[q].actor].kind == NG_KIND_ORGANISATION) {
            two = two || (org != SIZE_MAX && org != c->ments[q].actor);
            org = c->ments[q].actor;
        }
    if (org != SIZE_MAX && !two)
        add_relation(c, r->before[0], org, r->cue->evokes, r->span, s);
    return true;
}

/* "For Ruritania, ... its rivalry with Freedonia and ... a pressure point against Sylvania": in a
 * sentence framed "For X," the relation is X's when the cue follows "its" or no actor stands right
 * before it.  Returns X or SIZE_MAX. */
static size_t framing_topic(const NgxCtx *c, const RelCue *r)
{
    size_t s = r->s, stb = ngx_sent_tb(c, s), lo = r->mt->tok_begin, topic = SIZE_MAX;
    if (!ngx_on(c, NGX_R_RELATION_FOR_TOPIC) || !r->na || !ngx_is(c, stb, NG_WC(NG_WC_PURPOSE)))
        return SIZE_MAX;
    size_t k0 = ngx_mention_at(c, s, stb + 1);
    if (k0 != SIZE_MAX && c->ments[k0].te < r->ce + 64 && ngx_tok_is(c, c->ments[k0].te, ","))
        topic = c->ments[k0].actor;
    if (topic == SIZE_MAX)
        return SIZE_MAX;
    bool its = false, near = false;
    for (size_t q = lo; q > stb && lo - q < NGX_PRONOUN_REACH; q--)
        its = its || ngx_is(c, q - 1, NG_WC(NG_WC_POSS_THING) | NG_WC(NG_WC_POSS_GROUP));
    for (size_t q = r->first; q < r->last; q++) {
        if (c->ments[q].te > lo || lo - c->ments[q].te > NGX_TOPIC_REACH)
            continue;
        bool coord = false; /* "... the United States and as a pressure point" */
        for (size_t t = c->ments[q].te; t < lo; t++)
            coord = coord || ngx_is(c, t, NG_WC(NG_WC_AND) | NG_WC(NG_WC_OR)) || ngx_tok_is(c, t, ",");
        near = near || !coord;
    }
    return its || !near ? topic : SIZE_MAX;
}

/* "Ruritania belongs to the Union alongside Freedonia and Sylvania": the actors after "alongside"
 * / "along with" / "together with" share the subject's relation. */
static void alongside(NgxCtx *c, const RelCue *r)
{
    size_t s = r->s, ste = ngx_sent_te(c, s);
    size_t t = r->na == 1 && !r->cue->reversed ? c->ments[r->after_last].te : ste;
    size_t len;
    if (!ngx_on(c, NGX_R_RELATION_ALONGSIDE) || t >= ste || !ngx_cue_at(c, t, NG_CUE_COMITATIVE, &len, NULL) ||
        t + len >= ste)
        return;
    t += len;
    if (t < ste && ngx_is(c, t, NG_WC(NG_WC_DEFINITE)))
        t++;
    for (size_t i = r->after_last + 1, n = 0; i < c->sent_first[s + 1] && n < 4; i++, n++) {
        const NgxMention *mm = &c->ments[i];
        if (n > 0 ? !ngx_coordinating(c, c->ments[i - 1].te, mm->tb) : mm->tb != t)
            break;
        if (c->x->actors[mm->actor].kind != c->x->actors[r->before[0]].kind)
            break;
        add_relation(c, mm->actor, r->after[0], r->cue->evokes, r->span, s);
    }
}

/* "Paris and Berlin ... their strategic partnership": a symmetric cue relates coordinated
 * subjects; "their alliance" with no one named: the article's two leading states. */
static void symmetric_subjects(NgxCtx *c, const RelCue *r)
{
    size_t a = SIZE_MAX, b = SIZE_MAX, lo = r->mt->tok_begin;
    const NgxMention *m0 = r->nb >= 2 ? &c->ments[r->before_m[0]] : NULL;
    const NgxMention *m1 = r->nb >= 2 ? &c->ments[r->before_m[1]] : NULL;
    if (m0 && r->before[0] != r->before[1] && m1->te + 1 == m0->tb && ngx_is(c, m1->te, NG_WC(NG_WC_AND))) {
        a = r->before[1];
        b = r->before[0];
    } else if (r->nb == 0) {
        for (size_t i = lo > 2 ? lo - 2 : 0; i < lo && a == SIZE_MAX; i++)
            if (i >= ngx_sent_tb(c, r->s) && ngx_is(c, i, NG_WC(NG_WC_POSS_GROUP)))
                ngx_dominant_pair(c, NG_KIND_STATE, &a, &b);
    }
    add_relation(c, a, b, r->cue->evokes, r->span, r->s);
}

/* Reads one relation cue through its frames, the first that fits deciding: the possessive frame
 * ("Ruritania is Freedonia's main supplier"), the intransitive membership, then subject and
 * objects (with "it" or a "For X," topic standing in for a missing subject), else the symmetric
 * subjects. */
static void cue_relation(NgxCtx *c, const NgMatch *mt)
{
    RelCue r;
    rel_cue_read(c, mt, &r);
    size_t fs, fo, fb;
    if (ngx_on(c, NGX_R_RELATION_POSSESSIVE_FRAME) && possessive_frame(c, r.s, mt->tok_begin, &fs, &fo, &fb)) {
        if (!r.cue->reversed)
            add_relation(c, fs, fo, r.cue->evokes, (NgSpan){ngx_tok(c, fb)->span.begin, r.span.end}, r.s);
        return;
    }
    if (r.cue->needs_possessor || intransitive_membership(c, &r))
        return;
    if (r.nb == 0 && r.na) {
        size_t it = ngx_pronoun_subject(c, r.s, r.cb, mt->tok_begin);
        if (it != SIZE_MAX) {
            r.before[0] = it;
            r.nb = 1;
        }
    }
    size_t topic = framing_topic(c, &r);
    if (topic != SIZE_MAX) {
        r.before[0] = topic;
        r.nb = r.nb ? r.nb : 1;
    }
    if (r.nb && r.na) {
        for (size_t j = 0; j < r.na; j++) {
            size_t subj = r.cue->reversed ? r.after[j] : r.before[0];
            size_t obj = r.cue->reversed ? r.before[0] : r.after[j];
            add_relation(c, subj, obj, r.cue->evokes, r.span, r.s);
        }
        alongside(c, &r);
    } else if (ngx_on(c, NGX_R_RELATION_SYMMETRIC) && symmetric(c, r.cue->evokes)) {
        symmetric_subjects(c, &r);
    }
}

/* Every relation cue of the article. */
static void relations_from_cues(NgxCtx *c)
{
    const NgMatches *m = c->m;
    for (size_t k = 0; k < m->match_count && !c->st; k++) {
        const NgMatch *mt = &m->matches[k];
        if (mt->type == NG_M_CUE && mt->cue_kind == NG_CUE_RELATION && cue_states_relation(c, mt))
            cue_relation(c, mt);
    }
}

/* ---------------------------------------------------------------- frames without a cue */

/* The first token of the title phrase that ends right before person mention p, with a state's
 * possessive before it ("India's army chief, Gen. ..."), or SIZE_MAX when no title precedes p. */
static size_t title_phrase_start(const NgxCtx *c, const NgxMention *p)
{
    size_t tb = ngx_sent_tb(c, p->sentence), j = p->tb;
    if (j > tb && ngx_tok_is(c, j - 1, ","))
        j--;
    bool titled = false;
    size_t title_end = j;
    for (size_t b = j; b-- > tb && b + NGX_TITLE_PHRASE > j;) {
        size_t len;
        if (ngx_cue_at(c, b, NG_CUE_TITLE, &len, NULL) && b + len >= j && b + len <= title_end) {
            j = b;
            titled = true;
        } else if (titled || !ngx_tok(c, b)->word || ngx_tok(c, b)->capitalized) {
            break;
        }
    }
    /* lower-case words of a longer title ("national security adviser") may precede it */
    while (titled && j > tb + 1 && ngx_tok(c, j - 1)->word && !ngx_tok(c, j - 1)->capitalized &&
           !c->tok_in_name[j - 1] && !ngx_clitic_s(c, j - 1) && !ngx_is(c, j - 1, NGX_DETERMINER) &&
           p->tb - j < NGX_TITLE_PHRASE)
        j--;
    if (j > tb + 1 && ngx_clitic_s(c, j - 1))
        j -= 2; /* possessive 's */
    return titled ? j : SIZE_MAX;
}

/* Is the title right after mention st (and its "'s") one that heads it (ng:headsBody) and the
 * whole of what stands between st and person p ("Ruritanian President Ana Rose", "the Guard's
 * commander, Ivan Orlovsky"; not "Ruritania's army chief", not "Deputy Prime Minister")? */
static bool heads_title(const NgxCtx *c, const NgxMention *st, const NgxMention *p)
{
    size_t b = st->te, len;
    const NgLexCue *cue;
    if (b + 2 < p->tb && ngx_clitic_s(c, b + 1))
        b += 2;
    if (!ngx_on(c, NGX_R_RELATION_HEAD_TITLE) || !ngx_cue_at(c, b, NG_CUE_TITLE, &len, &cue) || !cue->heads)
        return false;
    size_t e = b + len;
    if (e < p->tb && ngx_tok_is(c, e, ","))
        e++;
    return e == p->tb;
}

/* STATE ['s] TITLE [,] PERSON: "French President Paul Dumont", "India's army chief, Gen.
 * Ravi Kapoor", "U.S. envoy Mark Elden": leaderOf when the lexicon says the person leads
 * the state or the title heads it, else memberOf. */
static void relations_from_titles(NgxCtx *c)
{
    for (size_t i = 1; i < c->nm && !c->st; i++) {
        const NgxMention *p = &c->ments[i];
        const NgXActor *pa = &c->x->actors[p->actor];
        size_t j;
        if (pa->kind != NG_KIND_PERSON || (j = title_phrase_start(c, p)) == SIZE_MAX)
            continue;
        size_t sk = SIZE_MAX;
        for (size_t q = i; q-- > c->sent_first[p->sentence];)
            if (c->ments[q].te == j) {
                sk = q;
                break;
            }
        if (sk == SIZE_MAX)
            continue;
        const NgxMention *st = &c->ments[sk];
        NgActorKind sk_kind = c->x->actors[st->actor].kind;
        if (sk_kind != NG_KIND_STATE && sk_kind != NG_KIND_ORGANISATION)
            continue;
        const char *prop = heads_title(c, st, p) ? NG_NS "leaderOf" : NG_NS "memberOf";
        if (pa->lex != SIZE_MAX) {
            const NgLexActor *la = &c->lx->actors[pa->lex];
            const NgXActor *sa = &c->x->actors[st->actor];
            for (size_t k = 0; k < la->leader_of_count; k++)
                if (sa->lex != SIZE_MAX && !strcmp(la->leader_of[k], c->lx->actors[sa->lex].iri))
                    prop = NG_NS "leaderOf";
        }
        NgSpan span = {ngx_tok(c, st->tb)->span.begin, ngx_tok(c, p->te - 1)->span.end};
        add_relation(c, p->actor, st->actor, prop, span, p->sentence);
    }
}

/* "Ruritania's army chief" standing for a person named elsewhere (the coreference pass's
 * descriptions), "Sylvania's Tomas Vega": the person is a member (or the leader) of the
 * possessor. */
static void relations_from_descriptions(NgxCtx *c)
{
    for (size_t k = 1; k < c->nm && !c->st; k++) {
        const NgxMention *p = &c->ments[k], *st = &c->ments[k - 1];
        const NgXActor *pa = &c->x->actors[p->actor], *sa = &c->x->actors[st->actor];
        if (pa->kind != NG_KIND_PERSON || st->sentence != p->sentence ||
            st->te + 2 != p->tb || !ngx_clitic_s(c, st->te + 1) ||
            (sa->kind != NG_KIND_STATE && sa->kind != NG_KIND_ORGANISATION))
            continue;
        NgSpan span = {ngx_tok(c, st->tb)->span.begin, ngx_tok(c, p->te - 1)->span.end};
        const char *prop = ngx_leads(c, p->actor, st->actor) ? NG_NS "leaderOf" : NG_NS "memberOf";
        add_relation(c, p->actor, st->actor, prop, span, p->sentence);
    }
}

/* "the minister's delegation": a person and the group named by its possessive, related as the
 * group noun's cue says (ng:evokes). */
static void relations_from_groups(NgxCtx *c)
{
    for (size_t k = 0; k < c->nm && !c->st; k++) {
        const NgxMention *gm = &c->ments[k];
        if (c->x->actors[gm->actor].kind != NG_KIND_GROUP)
            continue;
        for (size_t q = c->sent_first[gm->sentence]; q < c->sent_first[gm->sentence + 1]; q++) {
            const NgxMention *pm = &c->ments[q];
            const NgLexCue *gc;
            size_t len;
            if (pm->tb != gm->tb || pm->te + 2 >= gm->te || c->x->actors[pm->actor].kind != NG_KIND_PERSON ||
                !ngx_clitic_s(c, pm->te + 1) ||
                !ngx_cue_at(c, pm->te + 2, NG_CUE_GROUP, &len, &gc) || pm->te + 2 + len != gm->te || !gc->evokes)
                continue;
            NgSpan span = {ngx_tok(c, gm->tb)->span.begin, ngx_tok(c, gm->te - 1)->span.end};
            add_relation(c, pm->actor, gm->actor, gc->evokes, span, gm->sentence);
        }
    }
}

/* "Ruritania, Freedonia and Sylvania, the so-called R3,": a closed list of states in apposition
 * with organisation mention k are its members. */
static void apposed_members(NgxCtx *c, size_t k)
{
    const NgxMention *om = &c->ments[k], *p = &c->ments[k - 1];
    size_t s = om->sentence, ste = ngx_sent_te(c, s);
    bool appos = true, the = false;
    for (size_t t = p->te + 1; t < om->tb && appos; t++) {
        the = the || ngx_is(c, t, NG_WC(NG_WC_DEFINITE));
        appos = ngx_is(c, t, NG_WC(NG_WC_DEFINITE) | NG_WC(NG_WC_APPOSITION)) || ngx_tok_is(c, t, "-");
    }
    /* the apposition closes: the sentence or clause ends, or a comma and a lower-case verb
     * follow ("..., the so-called R3, warned"), not more of a list (", and Sylvania") */
    bool closed = om->te >= ste || ngx_is_clause_break(c, om->te) || ngx_tok_is(c, om->te, ".") ||
                  (ngx_tok_is(c, om->te, ",") && om->te + 1 < ste && ngx_tok(c, om->te + 1)->word &&
                   !ngx_tok(c, om->te + 1)->capitalized &&
                   !ngx_is(c, om->te + 1, NG_WC(NG_WC_AND) | NG_WC(NG_WC_OR) | NG_WC(NG_WC_TEMPORAL_CONJ)));
    bool and_before = false; /* "..., Freedonia and Sylvania": the list ends before the comma */
    for (size_t t = c->ments[k - 2].te; t < p->tb; t++)
        and_before = and_before || ngx_is(c, t, NG_WC(NG_WC_AND));
    if (!appos || !the || !closed || !and_before)
        return;
    NgxSource list;
    ngx_coordinated(c, k - 1, &list);
    if (list.count < 2)
        return;
    NgSpan span = {ngx_tok(c, c->ments[k - list.count].tb)->span.begin, ngx_tok(c, om->te - 1)->span.end};
    for (size_t i = 0; i < list.count; i++)
        add_relation(c, list.source[i], om->actor, NG_NS "memberOf", span, s);
}

/* "Ruritania's parliament" (actor.state-institution): the state whose possessive opens the
 * organisation mention k and whose body it is, or SIZE_MAX. */
static size_t state_of_body(const NgxCtx *c, size_t k)
{
    const NgxMention *om = &c->ments[k];
    for (size_t q = c->sent_first[om->sentence]; q < c->sent_first[om->sentence + 1]; q++) {
        const NgxMention *sm = &c->ments[q];
        if (q != k && sm->tb == om->tb && sm->te + 3 == om->te && ngx_clitic_s(c, sm->te + 1) &&
            c->x->actors[sm->actor].kind == NG_KIND_STATE)
            return sm->actor;
    }
    return SIZE_MAX;
}

/* memberOf from the noun phrase: "Ruritania's Interior Ministry" (a possessor before a name headed
 * by an organisation word) and the apposition of apposed_members. */
static void relations_from_organisations(NgxCtx *c)
{
    for (size_t k = 0; k < c->nm && !c->st; k++) {
        const NgxMention *om = &c->ments[k];
        size_t s = om->sentence, first = c->sent_first[s];
        size_t owner = c->x->actors[om->actor].kind == NG_KIND_ORGANISATION && ngx_on(c, NGX_R_RELATION_STATE_BODY)
                           ? state_of_body(c, k)
                           : SIZE_MAX;
        if (owner != SIZE_MAX) {
            NgSpan span = {ngx_tok(c, om->tb)->span.begin, ngx_tok(c, om->te - 1)->span.end};
            add_relation(c, om->actor, owner, NG_NS "memberOf", span, s);
            continue;
        }
        if (k == first || c->x->actors[om->actor].kind != NG_KIND_ORGANISATION)
            continue;
        const NgxMention *p = &c->ments[k - 1];
        NgActorKind pk = c->x->actors[p->actor].kind;
        if (ngx_on(c, NGX_R_RELATION_ORG_POSSESSIVE) && om->tb == p->te + 2 && ngx_clitic_s(c, p->te + 1) &&
            (pk == NG_KIND_STATE || pk == NG_KIND_ORGANISATION) && ngx_has_org_head(c, om->tb, om->te)) {
            NgSpan span = {ngx_tok(c, p->tb)->span.begin, ngx_tok(c, om->te - 1)->span.end};
            add_relation(c, om->actor, p->actor, NG_NS "memberOf", span, s);
            continue;
        }
        if (ngx_on(c, NGX_R_RELATION_APPOSED_MEMBERS) && k >= first + 2 && pk == NG_KIND_STATE && om->tb > p->te + 1 && om->tb - p->te <= NGX_APPOSITION_GAP &&
            ngx_tok_is(c, p->te, ","))
            apposed_members(c, k);
    }
}

/* The relations pass: relation cues, then the frames that relate actors without one. */
void ngx_pass_relations(NgxCtx *c)
{
    static const struct {
        NgxRule rule;
        void (*fn)(NgxCtx *c);
    } steps[] = {
        {NGX_R__COUNT, relations_from_cues},
        {NGX_R_RELATION_TITLE, relations_from_titles},
        {NGX_R_RELATION_DESCRIPTION, relations_from_descriptions},
        {NGX_R_RELATION_GROUP, relations_from_groups},
        {NGX_R__COUNT, relations_from_organisations},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !c->st; i++)
        if (steps[i].rule == NGX_R__COUNT || ngx_on(c, steps[i].rule))
            steps[i].fn(c);
}
