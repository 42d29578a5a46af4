/* extract_events.c — the events pass: one event per trigger (an ng:EventTrigger cue or a verb of
 * a verb class), unless a filter rule says the trigger names no event of its own; its participants,
 * time and place; merged with an earlier event of the same class when the mention refers back to
 * it, so "the summit" five times is one event with five spans. */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* how far the span reaches out from the trigger to its participants: 6 and 7 score alike on the
 * sample and dev set, 3 and 8 worse */
#define SPAN_REACH 6

#define NG_EVENT_LOOKBACK 512

/* How a trigger is introduced: its determiner ("a" starts a new event, "the"/"this"/a possessive
 * may refer back) and its proper-noun premodifiers ("the Ukraine war" vs "the Crimean War"), which
 * name the event and keep differently named ones apart.  Writes the premodifier key (lower case). */
static bool trigger_intro(const NgxCtx *c, size_t sentence, size_t tb, char key[96], bool *definite)
{
    *definite = false;
    size_t stb = ngx_sent_tb(c, sentence);
    bool heading = c->sg->sentences[sentence].heading; /* Title Case says nothing there */
    key[0] = '\0';
    size_t b = tb;
    while (b > stb && tb - b < NGX_PREMODIFIER_REACH) {
        const NgToken *p = ngx_tok(c, b - 1);
        /* "A-B talks", "A–B summit" (an en dash joining two names, no spaces) */
        bool hyphen = !p->word && (!strcmp(p->lower, "-") ||
                                   (!strcmp(p->lower, "\xE2\x80\x93") && b - 1 > stb &&
                                    ngx_tok(c, b - 2)->span.end == p->span.begin &&
                                    p->span.end == ngx_tok(c, b)->span.begin));
        bool poss = (!p->word && (!strcmp(p->lower, "'"))) || (b - 1 > stb && ngx_clitic_s(c, b - 1));
        bool name = c->tok_in_name[b - 1];
        if (!(name || hyphen || poss || (p->capitalized && !heading && !p->sentence_start)))
            break;
        if (poss || ngx_is(c, b - 1, NGX_DETERMINER))
            break;
        b--;
    }
    size_t n = 0;
    for (size_t i = b; i < tb; i++) {
        const char *w = ngx_tok(c, i)->lower;
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
    for (size_t i = b; i > stb && b - i < NGX_DETERMINER_REACH; i--) {
        if (ngx_is(c, i - 1, NG_WC(NG_WC_INDEFINITE)))
            return false;
        if (ngx_is(c, i - 1, NG_WC(NG_WC_DEFINITE) | NG_WC(NG_WC_DEMONSTRATIVE))) {
            *definite = true;
            break;
        }
        /* "the two armies had fought": an auxiliary makes the trigger a verb, and the article
         * before it its subject's */
        if (!ngx_tok(c, i - 1)->word || ngx_is(c, i - 1, NGX_AUXILIARY))
            break;
    }
    return true;
}

/* Does the event's last mention lie in sentence s before the temporal conjunction at offset
 * sub_at (SIZE_MAX: none)? */
static bool split_by(const NgxCtx *c, const NgXEvent *ev, size_t s, size_t sub_at)
{
    if (sub_at == SIZE_MAX || !ev->spans.count)
        return false;
    size_t b = ev->spans.items[ev->spans.count - 1].begin;
    return b >= c->sg->sentences[s].span.begin && b < sub_at;
}

/* ---------------------------------------------------------------- trigger filters */

/* Each filter rule looks at the event-cue match k of the (augmented) matches and says whether it
 * names no event of its own.  They are tried in table order; the first that says so decides. */
typedef bool (*TriggerFilter)(NgxCtx *c, size_t k);

/* "infrastructure collaboration", "trade cooperation": the general head names the specific event
 * its modifier already evokes, so it makes no second event. */
static bool filter_general_head(NgxCtx *c, size_t k)
{
    const NgMatches *m = c->m;
    const NgMatch *mt = &m->matches[k];
    const NgLexCue *cue = &c->lx->cues[mt->ref];
    if (k == 0 || mt->tok_begin == 0)
        return false;
    for (size_t q = k; q-- > 0 && m->matches[q].tok_begin + NGX_NESTED_CUE_REACH > mt->tok_begin;) {
        const NgMatch *pm = &m->matches[q];
        if (pm->type != NG_M_CUE || pm->cue_kind != NG_CUE_EVENT || pm->tok_end != mt->tok_begin)
            continue;
        const NgLexCue *pc = &c->lx->cues[pm->ref];
        if (pc->evokes && ngx_is_subclass(c->lx, pc->evokes, cue->evokes))
            return true;
    }
    return false;
}

/* "a treaty could be initialled within months if Freedonia dropped ...", "... could be signed ... if":
 * a trigger with a modal right after it (its verb) or right before it ("could be"), and a
 * condition later in its clause, is hypothetical too. */
static bool modal_on_condition(NgxCtx *c, const NgMatch *mt)
{
    size_t stb = ngx_sent_tb(c, mt->sentence), ste = ngx_sent_te(c, mt->sentence), i = mt->tok_end;
    bool modal = i < ste && ngx_is(c, i, NG_WC(NG_WC_MODAL));
    for (size_t b = mt->tok_begin; !modal && b > stb && mt->tok_begin - b < 3; b--)
        modal = ngx_is(c, b - 1, NG_WC(NG_WC_MODAL));
    if (!modal)
        return false;
    for (; i < ste && i - mt->tok_end < NGX_CONDITION_REACH; i++) {
        if (ngx_tok_is(c, i, ",") || ngx_is_clause_break(c, i))
            break;
        if (ngx_cue_at(c, i, NG_CUE_CONDITIONAL, NULL, NULL))
            return true;
    }
    return false;
}

/* "if dialogue with the United States resumes", "any future talks": a conditional cue earlier in
 * the trigger's clause makes it hypothetical. */
static bool filter_hypothetical(NgxCtx *c, size_t k)
{
    const NgMatch *mt = &c->m->matches[k];
    if (modal_on_condition(c, mt))
        return true;
    for (size_t i = mt->tok_begin; i > ngx_sent_tb(c, mt->sentence) && mt->tok_begin - i < NGX_CONDITION_REACH; i--) {
        if (ngx_tok_is(c, i - 1, ",") || ngx_is_clause_break(c, i - 1))
            break;
        if (ngx_cue_at(c, i - 1, NG_CUE_CONDITIONAL, NULL, NULL))
            return true;
    }
    return false;
}

/* "the resumption of labour deployment": an aspectual trigger is the aspect of the next event,
 * not one itself. */
static bool filter_aspectual(NgxCtx *c, size_t k)
{
    const NgMatches *m = c->m;
    const NgMatch *mt = &m->matches[k];
    if (!c->lx->cues[mt->ref].aspectual)
        return false;
    for (size_t q = k + 1; q < m->match_count && m->matches[q].tok_begin <= mt->tok_end + NGX_NESTED_CUE_REACH; q++)
        if (m->matches[q].type == NG_M_CUE && m->matches[q].cue_kind == NG_CUE_EVENT &&
            m->matches[q].sentence == mt->sentence && m->matches[q].tok_begin >= mt->tok_end)
            return true;
    return false;
}

/* "talks between A and B, mediated by C", "the meeting was brokered by C": a participle with its
 * agent describes the event just named, it is not another one. */
static bool filter_participle_agent(NgxCtx *c, size_t k)
{
    const NgMatches *m = c->m;
    const NgMatch *mt = &m->matches[k];
    if (mt->tok_end >= ngx_sent_te(c, mt->sentence) || !ngx_is(c, mt->tok_end, NG_WC(NG_WC_AGENT)) ||
        ngx_tok(c, mt->tok_begin)->capitalized)
        return false;
    for (size_t q = k; q-- > 0;) {
        const NgMatch *pm = &m->matches[q];
        if (pm->sentence != mt->sentence || pm->tok_end + NGX_DESCRIBED_EVENT_REACH < mt->tok_begin)
            break;
        if (pm->type != NG_M_CUE || pm->cue_kind != NG_CUE_EVENT || pm->tok_end > mt->tok_begin)
            continue;
        bool clean = true;
        for (size_t t = pm->tok_end; t < mt->tok_begin && clean; t++)
            clean = !ngx_is_clause_break(c, t);
        if (clean)
            return true;
    }
    return false;
}

/* "sending troops across bridges over the Nile", "moved to Port Ruritania": a noun that is a place by
 * its commonest WordNet sense (ng:PlaceNounClass), after a preposition of place or direction, says
 * where, it names no project. */
static bool filter_place_noun(NgxCtx *c, size_t k)
{
    const NgMatch *mt = &c->m->matches[k];
    size_t b = mt->tok_begin, stb = ngx_sent_tb(c, mt->sentence);
    const NgToken *head = ngx_tok(c, mt->tok_end - 1);
    if (!head->word || ngx_past_form(c, mt->tok_end - 1))
        return false;
    while (b > stb && mt->tok_begin - b < NGX_DETERMINER_REACH && ngx_tok(c, b - 1)->word &&
           !ngx_is(c, b - 1, NG_WC(NG_WC_DIRECTION) | NG_WC(NG_WC_LOCATIVE)) &&
           (ngx_is(c, b - 1, NGX_DETERMINER) || !c->wc[b - 1]))
        b--;
    if (b == stb || !ngx_is(c, b - 1, NG_WC(NG_WC_DIRECTION) | NG_WC(NG_WC_LOCATIVE)))
        return false;
    if (b == mt->tok_begin && ngx_is(c, b - 1, NG_WC(NG_WC_INFINITIVE)) && !ngx_tok(c, b)->capitalized)
        return false; /* "to close its borders": a verb after "to" */
    return ngx_wordnet_cue(c, head->lower, 'n', NG_CUE_PLACECLASS) != SIZE_MAX && !c->st;
}

/* "A European trade official said", "the summit organisers": an event noun right before a noun
 * of people (a group noun, a title, or a WordNet person noun) names who they are, no event. */
static bool filter_person_modifier(NgxCtx *c, size_t k)
{
    const NgMatch *mt = &c->m->matches[k];
    size_t n = mt->tok_end;
    if (n >= ngx_sent_te(c, mt->sentence) || !ngx_tok(c, n)->word || ngx_tok(c, n)->capitalized ||
        ngx_past_form(c, mt->tok_begin))
        return false;
    if (ngx_cue_at(c, n, NG_CUE_GROUP, NULL, NULL) || ngx_cue_at(c, n, NG_CUE_TITLE, NULL, NULL))
        return true;
    /* a noun and nothing else ("organisers"; not "temporary", "have") */
    unsigned pos = 0;
    char *files = NULL;
    if (c->wc[n] || (c->st = ng_wordnet_pos(c->lx, ngx_tok(c, n)->lower, &pos)) || !(pos & NG_WN_NOUN) ||
        (pos & (NG_WN_VERB | NG_WN_ADJ)))
        return false;
    if ((c->st = ng_wordnet_noun_files(c->lx, ngx_tok(c, n)->lower, &files)) || !files)
        return false;
    bool person = !strncmp(files, "noun.person", 11);
    free(files);
    return person;
}

/* "the conference ended without a treaty", "collapsed without a ceasefire": a trigger after
 * "without" names an event that did not happen. */
/* "but not ratification by national parliaments", "not a treaty": a negator right before the
 * trigger (or its article), with no auxiliary before it ("did not sign" tells a negated deed),
 * names what does not happen. */
static bool filter_not_noun(NgxCtx *c, size_t k)
{
    const NgMatch *mt = &c->m->matches[k];
    size_t stb = ngx_sent_tb(c, mt->sentence), n = mt->tok_begin;
    if (n > stb && ngx_is(c, n - 1, NGX_DETERMINER))
        n--;
    if (n == stb || !ngx_is(c, n - 1, NG_WC(NG_WC_NEGATOR)))
        return false;
    return n - 1 == stb || !ngx_is(c, n - 2, NGX_AUXILIARY | NG_WC(NG_WC_MODAL) | NG_WC(NG_WC_BE) | NG_WC(NG_WC_HAVE));
}

static bool filter_without(NgxCtx *c, size_t k)
{
    const NgMatch *mt = &c->m->matches[k];
    size_t stb = ngx_sent_tb(c, mt->sentence);
    for (size_t b = mt->tok_begin; b > stb && mt->tok_begin - b < NGX_DETERMINER_REACH; b--) {
        if (ngx_is(c, b - 1, NG_WC(NG_WC_PRIVATIVE)))
            return true;
        if (!ngx_tok(c, b - 1)->word || (c->wc[b - 1] && !ngx_is(c, b - 1, NGX_DETERMINER)))
            return false;
    }
    return false;
}

/* "the alternative was a new war", "it would be a summit of equals": a trigger with "a"/"an" after
 * a form of "be" characterises its subject; it tells no event. */
/* "imports that did not meet European standards", "met the deadline": a trigger marked
 * ng:someoneAsObject whose direct object (after a determiner and up to a few modifiers) is no
 * actor and whose head noun WordNet files under neither persons nor groups tells no event. */
static bool filter_thing_object(NgxCtx *c, size_t k)
{
    const NgMatch *mt = &c->m->matches[k];
    size_t te = ngx_sent_te(c, mt->sentence), i = mt->tok_end;
    if (!c->lx->cues[mt->ref].someone_object || i >= te || !ngx_tok(c, i)->word ||
        ngx_is(c, i, NG_WC(NG_WC_PREPOSITION)) || ngx_time_word(c, i))
        return false;
    for (size_t j = i; j < te && j < i + NGX_THING_OBJECT_REACH; j++) {
        const NgToken *t = ngx_tok(c, j);
        size_t mk = ngx_mention_at(c, mt->sentence, j);
        bool last = j + 1 >= te || !ngx_tok(c, j + 1)->word || ngx_is(c, j + 1, NG_WC(NG_WC_PREPOSITION) | NGX_CONJUNCTION);
        /* a demonym before the head modifies it ("European standards"); any other actor is someone */
        /* "met 21 times", "met twice": how often, no object */
        bool count = (t->lower[0] >= '0' && t->lower[0] <= '9') || ngx_is(c, j, NG_WC(NG_WC_CARDINAL)) ||
                     ngx_time_word(c, j);
        if (!t->word || count || (mk != SIZE_MAX && (last || c->ments[mk].role != NG_FORM_DEMONYM)) ||
            (mk == SIZE_MAX && c->tok_in_name[j]))
            return false;
        if (!last || ngx_is(c, j, NGX_DETERMINER) || mk != SIZE_MAX)
            continue;
        unsigned pos = 0;
        if ((c->st = ng_wordnet_pos(c->lx, t->lower, &pos)) || !(pos & NG_WN_NOUN) || (pos & NG_WN_ADV))
            return false; /* "met openly with": no object */
        char *files = NULL;
        if ((c->st = ng_wordnet_noun_files(c->lx, t->lower, &files)) || !files)
            return false;
        bool someone = !strncmp(files, "noun.person", 11) || !strncmp(files, "noun.group", 10);
        free(files);
        return !someone;
    }
    return false;
}

static bool filter_predicate(NgxCtx *c, size_t k)
{
    const NgMatch *mt = &c->m->matches[k];
    size_t stb = ngx_sent_tb(c, mt->sentence);
    for (size_t b = mt->tok_begin; b > stb + 1 && mt->tok_begin - b < NGX_DETERMINER_REACH; b--) {
        if (ngx_is(c, b - 1, NG_WC(NG_WC_INDEFINITE)))
            return ngx_is(c, b - 2, NG_WC(NG_WC_BE));
        if (!ngx_tok(c, b - 1)->word || ngx_tok(c, b - 1)->capitalized || c->wc[b - 1])
            return false;
    }
    return false;
}

/* Is sentence s the article's title? */
static bool is_title(const NgxCtx *c, size_t s)
{
    return c->sg->sentences[s].heading && c->sg->title.end > c->sg->title.begin &&
           c->sg->sentences[s].span.begin == c->sg->title.begin;
}

/* Section headings name topics, not events. */
static bool filter_section_heading(NgxCtx *c, size_t k)
{
    size_t s = c->m->matches[k].sentence;
    return c->sg->sentences[s].heading && !is_title(c, s);
}

/* The headline's events are the body's: it lends them its year (lend_title_years), makes none. */
static bool filter_headline(NgxCtx *c, size_t k)
{
    return is_title(c, c->m->matches[k].sentence);
}

static const struct {
    NgxRule rule;
    TriggerFilter fn;
} trigger_filters[] = {
    {NGX_R_EVENT_GENERAL_HEAD, filter_general_head},
    {NGX_R_EVENT_HYPOTHETICAL, filter_hypothetical},
    {NGX_R_EVENT_ASPECTUAL, filter_aspectual},
    {NGX_R_EVENT_PARTICIPLE_AGENT, filter_participle_agent},
    {NGX_R_EVENT_PLACE_NOUN, filter_place_noun},
    {NGX_R_EVENT_PERSON_MODIFIER, filter_person_modifier},
    {NGX_R_EVENT_WITHOUT, filter_without},
    {NGX_R_EVENT_NOT_NOUN, filter_not_noun},
    {NGX_R_EVENT_PREDICATE, filter_predicate},
    {NGX_R_EVENT_THING_OBJECT, filter_thing_object},
    {NGX_R_EVENT_SECTION_HEADING, filter_section_heading},
    {NGX_R_EVENT_HEADLINE, filter_headline},
};

/* ---------------------------------------------------------------- one trigger */

/* A trigger being read: its match, its clause, and what the participant rules found. */
typedef struct {
    const NgMatch *mt;
    const NgLexCue *cue;
    size_t s;                /* its sentence */
    bool heading;
    size_t cb, ce;           /* its clause */
    size_t first, last;      /* the mentions of the clause */
    size_t lo, hi;           /* the span's tokens: the trigger and the participants next to it */
    size_t placed;           /* participants that are only places (where, not who) */
    NgIndexList parts;
} Trigger;

/* Is there a comma among tokens [b, e)? */
static bool comma_between(const NgxCtx *c, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (ngx_tok_is(c, i, ","))
            return true;
    return false;
}

/* The actors of the trigger's clause (groups aside), with the states the people lead.  The span
 * covers the trigger and the participants next to it ("Dumont's visit to Berlin"), not the whole
 * clause, so it does not swallow a neighbour event. */
static void parts_in_clause(NgxCtx *c, Trigger *tr)
{
    for (size_t i = tr->first; i < tr->last; i++) {
        const NgxMention *mm = &c->ments[i];
        if (c->x->actors[mm->actor].kind == NG_KIND_GROUP)
            continue;
        ngx_add_with_led_states(c, &tr->parts, mm->actor);
        if (mm->tb < tr->lo && tr->mt->tok_begin - mm->te <= SPAN_REACH)
            tr->lo = mm->tb;
        if (mm->te > tr->hi && mm->tb - tr->mt->tok_end <= SPAN_REACH)
            tr->hi = mm->te;
    }
}

/* "the two nations", "both leaders" in the clause: the pair they stand for. */
static void parts_from_pairs(NgxCtx *c, Trigger *tr)
{
    for (size_t i = tr->cb; i < tr->ce && !c->st; i++) {
        size_t a, b;
        if (ngx_pair_reference(c, tr->s, i, &a, &b)) {
            ngx_add_with_led_states(c, &tr->parts, a);
            ngx_add_with_led_states(c, &tr->parts, b);
        }
    }
}

/* "the joint declaration", "a bilateral meeting", "diplomatic ties": both parties of the
 * article's bilateral relationship, when the trigger is so modified or names no one. */
static void parts_from_reciprocal(NgxCtx *c, Trigger *tr)
{
    bool reciprocal = false, modified = false;
    for (size_t i = tr->cb; i < tr->ce; i++) {
        bool r = ngx_cue_at(c, i, NG_CUE_RECIPROCAL, NULL, NULL);
        reciprocal = reciprocal || r;
        modified = modified || (r && i < tr->mt->tok_begin && tr->mt->tok_begin - i <= NGX_RECIPROCAL_REACH);
    }
    size_t a, b;
    if ((modified || (reciprocal && tr->parts.count == 0)) && ngx_dominant_pair(c, NG_KIND_STATE, &a, &b)) {
        ngx_add_with_led_states(c, &tr->parts, a);
        ngx_add_with_led_states(c, &tr->parts, b);
    }
}

/* Is this actor one that can take part when the clause names no one (a state, person or
 * organisation)? */
static bool may_stand_in(const NgxCtx *c, size_t actor)
{
    NgActorKind kind = c->x->actors[actor].kind;
    return kind == NG_KIND_STATE || kind == NG_KIND_PERSON || kind == NG_KIND_ORGANISATION;
}

/* No one in the clause, or only places ("Troops pulled back from Ruritania's border valley": a
 * place alone is where it happened, not who acted): the states and people of the whole sentence
 * ("The relationship between India and Pakistan ... dating back to the partition war"). */
static void parts_from_sentence(NgxCtx *c, Trigger *tr)
{
    bool only_places = tr->parts.count > 0;
    for (size_t i = 0; i < tr->parts.count; i++)
        only_places = only_places && c->x->actors[tr->parts.items[i]].kind == NG_KIND_PLACE;
    tr->placed = only_places ? tr->parts.count : 0;
    if ((tr->parts.count > 0 && !only_places) || tr->heading)
        return;
    for (size_t q = c->sent_first[tr->s]; q < c->sent_first[tr->s + 1] && tr->parts.count < NGX_SENTENCE_STAND_INS + tr->placed; q++)
        if (may_stand_in(c, c->ments[q].actor))
            ngx_add_with_led_states(c, &tr->parts, c->ments[q].actor);
}

/* "A ceasefire took hold two days later.": the states and people of the sentence before. */
static void parts_from_previous_sentence(NgxCtx *c, Trigger *tr)
{
    size_t s = tr->s;
    if (tr->parts.count != tr->placed || tr->heading || s == 0 || c->sg->sentences[s - 1].heading)
        return;
    for (size_t q = c->sent_first[s - 1]; q < c->sent_first[s] && tr->parts.count < NGX_PREVIOUS_STAND_INS + tr->placed; q++)
        if (may_stand_in(c, c->ments[q].actor))
            c->st = ng_index_list_add_counted(&tr->parts, c->ments[q].actor, c->work);
}

/* "Troops pulled back from the valley" with no one named in it or the sentence before: the
 * article's two parties, when it has a clear pair (the bilateral story the event belongs to). */
static void parts_from_dominant_pair(NgxCtx *c, Trigger *tr)
{
    size_t a, b;
    if (tr->parts.count != tr->placed || tr->parts.count == 0 || tr->heading ||
        !ngx_dominant_pair(c, NG_KIND_STATE, &a, &b))
        return;
    ngx_add_with_led_states(c, &tr->parts, a);
    ngx_add_with_led_states(c, &tr->parts, b);
}

/* "Observers left the capital. An advance party returned in May.": a verb narrating with a
 * common-noun subject and no one named near it continues the story of the event just told, one
 * sentence back. */
static void parts_from_story(NgxCtx *c, Trigger *tr)
{
    const NgExtraction *x = c->x;
    size_t s = tr->s;
    if (tr->parts.count != 0 || tr->cue->kind != NG_CUE_VERBCLASS || x->event_count == 0 || s == 0)
        return;
    const NgXEvent *pe = &x->events[x->event_count - 1];
    if (pe->sentence + 1 == s && !c->sg->sentences[s - 1].heading)
        for (size_t i = 0; i < pe->actors.count && !c->st; i++)
            c->st = ng_index_list_add_counted(&tr->parts, pe->actors.items[i], c->work);
}

/* The participant rules, run in order; each adds to what the ones before found, or steps in
 * when they found no one.  The clause's own actors are no rule: they always take part. */
static const struct {
    NgxRule rule;
    void (*fn)(NgxCtx *c, Trigger *tr);
} participant_rules[] = {
    {NGX_R__COUNT, parts_in_clause},
    {NGX_R_EVENT_PARTS_PAIR, parts_from_pairs},
    {NGX_R_EVENT_PARTS_RECIPROCAL, parts_from_reciprocal},
    {NGX_R_EVENT_PARTS_SENTENCE, parts_from_sentence},
    {NGX_R_EVENT_PARTS_PREVIOUS, parts_from_previous_sentence},
    {NGX_R_EVENT_PARTS_DOMINANT, parts_from_dominant_pair},
    {NGX_R_EVENT_PARTS_STORY, parts_from_story},
};

/* The place: "to/in/at PLACE" right after the trigger, a state or a place. */
static size_t trigger_place(const NgxCtx *c, const Trigger *tr)
{
    size_t place = SIZE_MAX, te = tr->mt->tok_end;
    if (te + 1 < tr->ce && ngx_is(c, te, NG_WC(NG_WC_VENUE))) {
        for (size_t i = tr->first; i < tr->last; i++) {
            NgActorKind k = c->x->actors[c->ments[i].actor].kind;
            if (c->ments[i].tb == te + 1 && (k == NG_KIND_STATE || k == NG_KIND_PLACE))
                place = c->ments[i].actor;
        }
    }
    return place;
}

/* ---------------------------------------------------------------- merging */

/* What decides whether a mention refers back to an earlier event. */
typedef struct {
    char key[96];           /* proper-noun premodifiers, lower case */
    bool definite;          /* "the", "this", "that" before it */
    bool may_refer;         /* not "a"/"an"/"another", not a verb of a verb class */
    int np_year;            /* "the 2015 deal": a year inside the noun phrase, or 0 */
    bool modal_verb;        /* "would meet": a verb under a modal */
    size_t sub_at;          /* offset of a temporal conjunction before it, or SIZE_MAX */
    char when[16];
    int month;              /* "In August ... signed": the month before a verb, or 0 */
    NgSpan span;
} Reference;

/* Fills how the trigger is introduced and dated, for the merge rules. */
static void reference_of(const NgxCtx *c, const Trigger *tr, Reference *r)
{
    size_t s = tr->s, tb = tr->mt->tok_begin;
    r->may_refer = trigger_intro(c, s, tb, r->key, &r->definite);
    r->np_year = 0;
    for (size_t i = tb; i > ngx_sent_tb(c, s) && tb - i < NGX_DETERMINER_REACH && ngx_tok(c, i - 1)->word &&
                        !ngx_is(c, i - 1, NGX_DETERMINER); i--)
        if (ngx_year_of(c, i - 1, &r->np_year))
            break;
    r->modal_verb = tb > ngx_sent_tb(c, s) && ngx_is(c, tb - 1, NG_WC(NG_WC_MODAL));
    /* "the first enlargement since Ruritania joined": an event of this sentence before a temporal
     * conjunction that precedes the trigger is another event */
    r->sub_at = SIZE_MAX;
    for (size_t t = tb; t > ngx_sent_tb(c, s) && r->sub_at == SIZE_MAX; t--)
        if (ngx_is(c, t - 1, NG_WC(NG_WC_TEMPORAL_CONJ)))
            r->sub_at = ngx_tok(c, t - 1)->span.begin;
    /* a verb of a verb class tells a happening of its own ("the army advanced ... the rebels
     * retreated"); it does not refer back to an earlier one as "the summit" does */
    if (tr->cue->kind == NG_CUE_VERBCLASS)
        r->may_refer = false;
}

/* Is the trigger at token i a verb form that WordNet knows as no noun ("signed", "agreed"; not
 * "imports", "talks")? */
static bool told_by_verb(const NgxCtx *c, size_t i)
{
    unsigned pos = 0;
    return !ng_wordnet_pos(c->lx, ngx_tok(c, i)->lower, &pos) && (pos & NG_WN_VERB) && !(pos & NG_WN_NOUN);
}

/* The events pass's state across triggers. */
typedef struct {
    size_t reach, reach_sentence;   /* furthest token an earlier trigger covers, and where */
    size_t *title_cues;             /* headline triggers, for lend_title_years */
    size_t title_count, title_cap;
    char (*keys)[96];               /* per event: its premodifier key */
    size_t key_cap;
    int *months;                    /* per event: the month of its first mention, or 0 */
    size_t month_cap;
    size_t *trigger_end;            /* per event: the token after its latest trigger */
    size_t end_cap;
} EventsState;

/* "would sign an agreement": an event of the same class whose last span ends in this sentence
 * a few bytes before the trigger is the same event. */
static size_t merge_adjacent(NgxCtx *c, const EventsState *es, const Trigger *tr, const Reference *r,
                             size_t oldest)
{
    const NgExtraction *x = c->x;
    if (tr->cue->kind == NG_CUE_VERBCLASS || !ngx_on(c, NGX_R_EVENT_MERGE_ADJACENT))
        return SIZE_MAX;
    for (size_t e = x->event_count; e-- > oldest;) {
        const NgXEvent *ev = &x->events[e];
        (*c->work)++;
        if (strcmp(ev->class_iri, tr->cue->evokes) != 0 || !ev->spans.count)
            continue;
        NgSpan last_span = ev->spans.items[ev->spans.count - 1];
        size_t at = ngx_tok(c, tr->mt->tok_begin)->span.begin;
        if (last_span.end > c->sg->sentences[tr->s].span.begin && last_span.begin <= r->span.end &&
            last_span.end + NGX_SAME_EVENT_BYTES >= at && !split_by(c, ev, tr->s, r->sub_at) &&
            !comma_between(c, es->trigger_end[e], tr->mt->tok_begin))
            return e; /* not across a comma: "the Munich Security Conference, in talks hosted by" */
    }
    return SIZE_MAX;
}

/* The latest earlier event of the same class that this mention may refer back to: its time,
 * participants, name and mood agree. */
static size_t merge_reference(NgxCtx *c, const Trigger *tr, const Reference *r, const EventsState *es,
                              size_t oldest)
{
    const NgExtraction *x = c->x;
    if (!ngx_on(c, NGX_R_EVENT_MERGE_REFERENCE))
        return SIZE_MAX;
    /* "the deal", undated and unnamed, is the deal the article keeps talking about, not one a
     * paragraph dated in passing ("negotiators had reached a first agreement in June 2019") */
    bool salient = r->definite && !r->when[0] && !r->key[0] && !r->np_year &&
                   ngx_on(c, NGX_R_EVENT_MERGE_SALIENT);
    size_t best = SIZE_MAX;
    for (size_t e = x->event_count; r->may_refer && e-- > oldest;) {
        const NgXEvent *ev = &x->events[e];
        (*c->work)++;
        if (strcmp(ev->class_iri, tr->cue->evokes) != 0)
            continue;
        bool time_ok = !r->when[0] || !ev->time[0] || !strncmp(ev->time, r->when, 4);
        /* "On June 22 the United States bombed" after strikes undated or dated June 13: a mention
         * narrated on a day of its own is another event than one of another day or of none (one
         * dated only to its year may be the same: "the deal" of 2024, endorsed on Oct. 23) */
        if (strlen(r->when) > 4 && strlen(ev->time) != 4 && strcmp(ev->time, r->when) != 0 &&
            ngx_on(c, NGX_R_EVENT_MERGE_DAY))
            time_ok = false;
        /* "closer to a peace treaty" ... "In August the commissions signed rules": a verb that
         * its sentence dates to a month of its own narrates a happening; it does not refer back
         * to an event of no month or another (a noun may: "the deal, endorsed on Oct. 23") */
        if (r->month && es->months[e] != r->month &&
            ngx_on(c, NGX_R_EVENT_MERGE_OWN_MONTH))
            time_ok = false;
        if (r->np_year) {
            char y[8];
            snprintf(y, sizeof y, "%04d", r->np_year);
            time_ok = ev->time[0] && !strncmp(ev->time, y, 4);
        }
        /* "the agreement" refers back to the last agreement whoever the sentence names */
        bool parts_ok = r->definite || tr->parts.count == 0 || ev->actors.count == 0 ||
                        ngx_lists_overlap(&tr->parts, &ev->actors);
        size_t shared = 0;
        for (size_t i = 0; i < tr->parts.count; i++)
            shared += ng_index_list_has(&ev->actors, tr->parts.items[i]);
        /* "the Ruritania–Freedonia summit" names its own format: no other name will do */
        bool paired_key = strstr(r->key, " - ") || strstr(r->key, " \xE2\x80\x93 ");
        const char *key = es->keys[e];
        bool key_ok = !r->key[0] || !key[0] || !strcmp(r->key, key) || (shared >= 2 && !paired_key);
        /* "... would meet soon": a verb under a modal forecasts an event; it does not refer back
         * to one already reported */
        bool mood_ok = !r->modal_verb || ev->modality != NG_MOD_ASSERTED;
        if (!(time_ok && parts_ok && key_ok && mood_ok && !split_by(c, ev, tr->s, r->sub_at)))
            continue;
        if (!salient)
            return e;
        if (best == SIZE_MAX || ev->spans.count > x->events[best].spans.count)
            best = e;
    }
    return best;
}

/* A new event for the trigger; its index, or SIZE_MAX on no memory. */
static size_t new_event(NgxCtx *c, EventsState *es, const Trigger *tr, const Reference *r)
{
    NgExtraction *x = c->x;
    if ((c->st = ng_grow((void **)&x->events, &x->event_cap, x->event_count + 1, sizeof(NgXEvent))) ||
        (c->st = ng_grow((void **)&es->keys, &es->key_cap, x->event_count + 1, sizeof *es->keys)) ||
        (c->st = ng_grow((void **)&es->months, &es->month_cap, x->event_count + 1, sizeof(int))) ||
        (c->st = ng_grow((void **)&es->trigger_end, &es->end_cap, x->event_count + 1, sizeof(size_t))))
        return SIZE_MAX;
    memcpy(es->keys[x->event_count], r->key, sizeof r->key);
    es->months[x->event_count] = r->month;
    NgXEvent *ev = &x->events[x->event_count];
    memset(ev, 0, sizeof *ev);
    ev->class_iri = tr->cue->evokes;
    ev->place = SIZE_MAX;
    ev->sentence = tr->s;
    ev->modality = ngx_modality_in(c, tr->cb, tr->ce);
    if (!(ev->label = ngx_text_of(c, tr->mt->tok_begin, tr->mt->tok_end))) {
        c->st = NG_ERR_NOMEM;
        return SIZE_MAX;
    }
    return x->event_count++;
}

/* Adds the trigger's participants, time, place and span to event `target`. */
static void event_absorb(NgxCtx *c, EventsState *es, size_t target, const Trigger *tr,
                         const Reference *r, size_t place)
{
    NgXEvent *ev = &c->x->events[target];
    es->trigger_end[target] = tr->mt->tok_end;
    if (!es->keys[target][0] && r->key[0])
        memcpy(es->keys[target], r->key, sizeof r->key);
    if (!ev->time[0] && r->when[0])
        memcpy(ev->time, r->when, sizeof ev->time);
    if (ev->place == SIZE_MAX)
        ev->place = place;
    for (size_t i = 0; i < tr->parts.count && !c->st; i++)
        c->st = ng_index_list_add_counted(&ev->actors, tr->parts.items[i], c->work);
    if (!c->st && (!tr->heading || ev->spans.count == 0))
        c->st = ng_span_list_add_counted(&ev->spans, r->span, c->work);
}

/* "Minister Ana Rose credited sustained talks", "Ivan Orlovsky was more guarded, describing
 * disengagement": an event noun after a reporting verb (and no "and" between) whose participants
 * are all named before that verb is what the speaker talks about, not an event the speaker takes
 * part in: no new event, and no part in the event it refers back to ("officials said the deal"). */
static bool reported_topic(NgxCtx *c, const Trigger *tr)
{
    if (!ngx_on(c, NGX_R_EVENT_REPORTED_TOPIC) || tr->cue->kind == NG_CUE_VERBCLASS ||
        tr->parts.count == 0)
        return false;
    size_t verb = SIZE_MAX;
    for (size_t i = tr->mt->tok_begin; i-- > tr->cb && verb == SIZE_MAX;)
        if (ngx_cue_at(c, i, NG_CUE_REPORTING, NULL, NULL))
            verb = i;
    if (verb == SIZE_MAX)
        return false;
    for (size_t i = verb + 1; i < tr->mt->tok_begin; i++)
        if (ngx_is(c, i, NGX_CONJUNCTION))
            return false; /* "share that view and have circulated a draft resolution": a deed */
    for (size_t p = 0; p < tr->parts.count; p++) {
        bool before = false, after = false;
        for (size_t i = tr->first; i < tr->last; i++) {
            if (c->ments[i].actor != tr->parts.items[p])
                continue;
            before = before || c->ments[i].te <= verb;
            after = after || c->ments[i].tb > verb;
        }
        if (!before || after)
            return false;
    }
    return true;
}

/* Reads the trigger at match k: who takes part, when and where, and which event it is. */
static void read_trigger(NgxCtx *c, EventsState *es, size_t k)
{
    Trigger tr = {0};
    tr.mt = &c->m->matches[k];
    tr.cue = &c->lx->cues[tr.mt->ref];
    tr.s = tr.mt->sentence;
    tr.heading = c->sg->sentences[tr.s].heading;
    ngx_clause_of(c, tr.s, tr.mt->tok_begin, NGX_EVENT_CLAUSE_REACH, &tr.cb, &tr.ce);
    if (tr.ce < tr.mt->tok_end)
        tr.ce = tr.mt->tok_end;
    ngx_mentions_in(c, tr.s, tr.cb, tr.ce, &tr.first, &tr.last);
    tr.lo = tr.mt->tok_begin;
    tr.hi = tr.mt->tok_end;
    for (size_t r = 0; r < sizeof participant_rules / sizeof participant_rules[0] && !c->st; r++)
        if (participant_rules[r].rule == NGX_R__COUNT || ngx_on(c, participant_rules[r].rule))
            participant_rules[r].fn(c, &tr);
    bool topic = reported_topic(c, &tr);
    if (topic)
        ngx_index_list_clear(&tr.parts); /* the speaker takes no part in it */
    Reference ref;
    bool timed = ngx_time_near(c, tr.cb, tr.ce, tr.mt->tok_begin, ref.when);
    if (!timed)
        ref.when[0] = '\0';
    if (tr.heading && !timed && c->article_year)
        snprintf(ref.when, sizeof ref.when, "%04d", c->article_year);
    size_t place = trigger_place(c, &tr);
    /* "Novak and Horvat met in February": the time right after is part of the mention */
    if (ngx_on(c, NGX_R_EVENT_SPAN_TIME))
        tr.hi = ngx_time_end(c, tr.hi, tr.ce);
    ref.span = (NgSpan){ngx_tok(c, tr.lo)->span.begin, ngx_tok(c, tr.hi - 1)->span.end};
    reference_of(c, &tr, &ref);
    /* a verb anywhere in its sentence ("In August the commissions signed"), a noun close to the
     * month ("In May, Ruritania hosted the first summit", not "In May, farmers ... imports") */
    size_t stb = ngx_sent_tb(c, tr.s), at = tr.mt->tok_begin;
    if (told_by_verb(c, at))
        ref.month = ngx_month_before(c, stb, at);
    else if (ngx_on(c, NGX_R_EVENT_MERGE_OWN_MONTH_NOUN))
        ref.month = ngx_month_before(c, at > stb + NGX_MONTH_NOUN_REACH ? at - NGX_MONTH_NOUN_REACH : stb, at);
    else
        ref.month = 0;
    /* both look-backs stop NG_EVENT_LOOKBACK events back, so an article of many events stays
     * linear; no real article has that many between an event and its mention */
    size_t n = c->x->event_count, oldest = n > NG_EVENT_LOOKBACK ? n - NG_EVENT_LOOKBACK : 0;
    size_t target = merge_adjacent(c, es, &tr, &ref, oldest);
    if (target == SIZE_MAX)
        target = merge_reference(c, &tr, &ref, es, oldest);
    if (target == SIZE_MAX && topic)
        ngx_note(c, tr.s, tr.mt->tok_begin, tr.mt->tok_end, "event",
                 "what a speaker talks about, not an event the speaker takes part in");
    else if (target == SIZE_MAX && !c->st)
        target = new_event(c, es, &tr, &ref);
    if (target != SIZE_MAX && !c->st)
        event_absorb(c, es, target, &tr, &ref, place);
    ngx_index_list_clear(&tr.parts);
}

/* Does the event-cue match k make an event?  Not when it lies inside an earlier trigger's match,
 * evokes no class, is part of a name, or a filter rule claims it (a headline trigger is kept
 * aside for lend_title_years). */
static bool takes_trigger(NgxCtx *c, EventsState *es, size_t k)
{
    const NgMatch *mt = &c->m->matches[k];
    bool nested = es->reach_sentence == mt->sentence && es->reach >= mt->tok_end;
    if (es->reach_sentence != mt->sentence || mt->tok_end > es->reach) {
        es->reach = mt->tok_end;
        es->reach_sentence = mt->sentence;
    }
    if (nested || !c->lx->cues[mt->ref].evokes || c->tok_in_name[mt->tok_begin])
        return false;
    for (size_t f = 0; f < sizeof trigger_filters / sizeof trigger_filters[0]; f++) {
        if (!ngx_on(c, trigger_filters[f].rule) || !trigger_filters[f].fn(c, k))
            continue;
        if (trigger_filters[f].fn == filter_headline &&
            !(c->st = ng_grow((void **)&es->title_cues, &es->title_cap, es->title_count + 1, sizeof(size_t))))
            es->title_cues[es->title_count++] = k;
        return false;
    }
    return true;
}

/* The headline's triggers lend the article's year to the first event of their class that has
 * no time of its own. */
static void lend_title_years(NgxCtx *c, const EventsState *es)
{
    NgExtraction *x = c->x;
    for (size_t i = 0; i < es->title_count && !c->st && c->article_year; i++) {
        const NgLexCue *cue = &c->lx->cues[c->m->matches[es->title_cues[i]].ref];
        for (size_t e = 0; e < x->event_count; e++) {
            NgXEvent *ev = &x->events[e];
            if (cue->evokes && !strcmp(ev->class_iri, cue->evokes)) {
                if (!ev->time[0])
                    snprintf(ev->time, sizeof ev->time, "%04d", c->article_year);
                break;
            }
        }
    }
}

/* An event nobody takes part in is dropped: the graph promises every event an actor
 * (queries/checks/event-has-actor.rq), and such mentions are mostly topic words. */
static void drop_unparticipated(NgExtraction *x)
{
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

/* Reads every event trigger of the (augmented) matches in text order. */
static void read_triggers(NgxCtx *c)
{
    EventsState es = {.reach_sentence = SIZE_MAX};
    const NgMatches *m = c->m;
    for (size_t k = 0; k < m->match_count && !c->st; k++) {
        const NgMatch *mt = &m->matches[k];
        if (mt->type != NG_M_CUE || mt->cue_kind != NG_CUE_EVENT)
            continue;
        if (takes_trigger(c, &es, k) && !c->st)
            read_trigger(c, &es, k);
    }
    lend_title_years(c, &es);
    free(es.title_cues);
    free(es.keys);
    free(es.months);
    free(es.trigger_end);
    drop_unparticipated(c->x);
}

/* The events pass.  Event triggers are the lexicon's cue matches and the verbs of a WordNet verb
 * class (extract_verbs.c), read together in text order. */
void ngx_pass_events(NgxCtx *c)
{
    NgMatch *verbal = NULL;
    size_t nverbal = 0;
    if (ngx_verb_class_triggers(c, &verbal, &nverbal) || !nverbal) {
        free(verbal);
        if (!c->st)
            read_triggers(c);
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
    read_triggers(c);
    c->m = orig;
    free(aug.matches);
}

static int cmp_evspan(const void *pa, const void *pb)
{
    const NgxEventSpan *a = pa, *b = pb;
    if (a->span.begin != b->span.begin)
        return a->span.begin < b->span.begin ? -1 : 1;
    if (a->span.end != b->span.end)
        return a->span.end < b->span.end ? -1 : 1;
    return a->event < b->event ? -1 : a->event > b->event;
}

/* Lists every event span, sorted by begin, for the claims (what a claim is about). */
void ngx_pass_index_events(NgxCtx *c)
{
    size_t n = 0, cap = 0;
    for (size_t e = 0; e < c->x->event_count && !c->st; e++) {
        const NgXEvent *ev = &c->x->events[e];
        for (size_t k = 0; k < ev->spans.count && !c->st; k++)
            if (!(c->st = ng_grow((void **)&c->evspans, &cap, n + 1, sizeof(NgxEventSpan))))
                c->evspans[n++] = (NgxEventSpan){ev->spans.items[k], e};
    }
    if (n > 1)
        qsort(c->evspans, n, sizeof(NgxEventSpan), cmp_evspan);
    c->nevspans = n;
}
