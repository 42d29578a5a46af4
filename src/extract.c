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

/* Every named rule: its name and an example phrase of what it reads. */
static const struct {
    const char *name, *example;
} rules[NGX_R__COUNT] = {
    [NGX_R_ACTOR_REPEATED] = {"actor.repeated", "the Northern Defence Forces ... the Northern Defence Forces: one actor"},
    [NGX_R_ACTOR_ACRONYM] = {"actor.acronym", "the RCA welcomed: a word in capitals is an organisation"},
    [NGX_R_ACTOR_SHADOWED_FORM] = {"actor.shadowed-form", "a West African diplomat: a name that is no actor gives back the lexicon's 'African'"},
    [NGX_R_ACTOR_ACRONYM_ALIAS] = {"actor.acronym-alias", "Ruritanian Armed Forces (RAF): RAF names it too"},
    [NGX_R_ACTOR_APPOSITIVE] = {"actor.appositive", "Agri-Union, the umbrella group for farm unions: an organisation"},
    [NGX_R_ACTOR_ROLE_POSSESSOR] = {"actor.role-possessor", "Maxmart's chief executive: Maxmart is an organisation"},
    [NGX_R_ACTOR_COORDINATED] = {"actor.coordinated", "Ana Silva and Paul Dumont: a person like the other"},
    [NGX_R_ACTOR_PLACE] = {"actor.place", "the siege of Avalon: WordNet knows the place"},
    [NGX_R_ACTOR_ADJECTIVE] = {"actor.adjective", "the contested Alpine frontier: an adjective names no one"},
    [NGX_R_ACTOR_EVENT_APPOSED] = {"actor.event-apposed", "the climate conference, COP41, in Paris: the event's name"},
    [NGX_R_ACTOR_SPEAKER] = {"actor.speaker", "John Fairbank said: a speaker"},
    [NGX_R_ACTOR_PERSONAL] = {"actor.personal-name", "Ivan Orlovsky's attendance: a personal name"},
    [NGX_R_ACTOR_PLURAL_GROUP] = {"actor.plural-group", "French farmers blocked roads: a plural noun of persons is a group"},
    [NGX_R_ACTOR_GROUP_SUBJECT] = {"actor.group-subject", "Aid agencies warned: a group phrase that is a verb's subject is an actor"},
    [NGX_R_ACTOR_LOCATION_ONLY] = {"actor.location-only", "a summit in Kampala: a capital that only says where names no actor"},
    [NGX_R_ACTOR_ORG_NAME] = {"actor.organisation-name", "the Ruritanian Grain Board said: an unknown name headed by an organisation word"},
    [NGX_R_ACTOR_SURNAME] = {"actor.surname", "Ivan Orlov ... Orlov said: a one-word name is the person named before"},
    [NGX_R_ACTOR_TITLED] = {"actor.titled-person", "Deputy Minister Ana Silva: an unknown name after a title is a person"},
    [NGX_R_ACTOR_POSSESSIVE_GROUP] = {"actor.possessive-group", "the minister's delegation: a group of its own"},
    [NGX_R_ACTOR_STATE_INSTITUTION] = {"actor.state-institution", "Ruritania's parliament ratified: a state's body that acts, an organisation"},
    [NGX_R_COREF_DEFINITE_HEAD] = {"coref.definite-head", "the Grain Board ... the board: the one organisation with that head"},
    [NGX_R_COREF_DESCRIPTION] = {"coref.description", "The army chief, Gen. Ram Kumar, ... the army chief: the person apposed"},
    [NGX_R_COREF_PAIR] = {"coref.pair", "the two nations, both leaders: the pair named before"},
    [NGX_R_COREF_DEFINITE_HYPERNYM] = {"coref.definite-hypernym", "the Ruritanian Armed Forces ... the army: WordNet files a force over the army"},
    [NGX_R_COREF_GOVERNMENT] = {"coref.government", "France ... the government rejected it: the state named last"},
    [NGX_R_COREF_GOVERNMENT_DOMINANT] = {"coref.government-dominant", "no state named near: the government is the state the article is about"},
    [NGX_R_COREF_PRONOUN_SUBJECT] = {"coref.pronoun-subject", "Ruritania wants ... while it manages tensions with Freedonia"},
    [NGX_R_COREF_PRONOUN_SUBJECT_FIRST] = {"coref.previous-subject", "Ana Rose, who met X, left.  She said ...: the subject before, not the last speaker"},
    [NGX_R_EVENT_VERB_CLASS] = {"event.verb-class", "The envoys left the capital in May: a verb of a WordNet verb class"},
    [NGX_R_EVENT_VERB_PERFECT] = {"event.verb-perfect", "the NDF has besieged Port Avalon: the subject before 'has' and adverbs"},
    [NGX_R_EVENT_VERB_COORDINATED] = {"event.verb-coordinated", "... and in December 2023 took Wadi Salam: the subject of the first predicate"},
    [NGX_R_TIME_FULL_DATE_YEAR] = {"time.full-date-year", "On Aug. 14, 2024, ...: no year in the title, the latest full date's"},
    [NGX_R_EVENT_MERGE_DAY] = {"event.merge-day", "strikes began ... On June 22 the U.S. bombed: a day of its own, another event"},
    [NGX_R_EVENT_MERGE_OWN_MONTH_NOUN] = {"event.merge-own-month-noun", "the summit of October ... In May, Ruritania hosted the first summit: another event"},
    [NGX_R_EVENT_MERGE_OWN_MONTH] = {"event.merge-own-month", "a treaty in 2024 ... In August they signed rules: dated on its own, no article, another event"},
    [NGX_R_EVENT_PREDICATE] = {"event.predicate", "the alternative was a new war: a characterisation, no event"},
    [NGX_R_EVENT_WITHOUT] = {"event.without", "the conference ended without a treaty: no event"},
    [NGX_R_EVENT_PERSON_MODIFIER] = {"event.person-modifier", "a European trade official said: the event noun says who, no event"},
    [NGX_R_EVENT_DATED_FINDING] = {"event.dated-finding", "In June, the Grain Board (RGB) found that ...: an organisation's finding on a date is an event"},
    [NGX_R_EVENT_MERGE_SALIENT] = {"event.merge-salient", "the deal, undated: the deal most talked of, not the last one dated in passing"},
    [NGX_R_EVENT_REPORTED_TOPIC] = {"event.reported-topic", "Minister Ana Rose credited sustained talks: what she talks about, no event of hers"},
    [NGX_R_EVENT_PLACE_NOUN] = {"event.place-noun", "sending troops across bridges over the Nile: a place, no project"},
    [NGX_R_EVENT_SPAN_TIME] = {"event.span-time", "Novak and Horvat met in February: the time after the trigger is in its span"},
    [NGX_R_EVENT_QUALITY_OBJECT] = {"event.quality-object", "Ruritania gained legitimacy: a quality gained, no act on something"},
    [NGX_R_EVENT_VERB_OBJECT] = {"event.verb-object", "Ruritania handed over four villages: a named subject and a direct object"},
    [NGX_R_EVENT_IDIOM] = {"event.idiom", "followed suit, fell silent, turned to X for help: a movement verb as an idiom, no event"},
    [NGX_R_EVENT_NOUN_CLASS] = {"event.noun-class", "Freedonia's lightning offensive, the siege of Port Avalon: a noun of an event class tied to an actor"},
    [NGX_R_EVENT_GENERAL_HEAD] = {"event.general-head", "trade cooperation: the general head makes no second event"},
    [NGX_R_EVENT_HYPOTHETICAL] = {"event.hypothetical", "if talks resume, any future summit: no event"},
    [NGX_R_EVENT_ASPECTUAL] = {"event.aspectual", "the resumption of talks: the aspect, not an event"},
    [NGX_R_EVENT_PARTICIPLE_AGENT] = {"event.participle-agent", "talks between A and B, mediated by C: C's mediation is the talks"},
    [NGX_R_EVENT_SECTION_HEADING] = {"event.section-heading", "a section heading names topics, not events"},
    [NGX_R_EVENT_HEADLINE] = {"event.headline", "the headline lends its year to the body's events"},
    [NGX_R_EVENT_PARTS_PAIR] = {"event.parts-pair", "the two nations signed: the pair takes part"},
    [NGX_R_EVENT_NOT_NOUN] = {"event.not-noun", "a qualified majority, but not ratification by parliaments: what does not happen"},
    [NGX_R_EVENT_THING_OBJECT] = {"event.thing-object", "imports that did not meet European standards: a thing as object, no meeting"},
    [NGX_R_EVENT_PARTS_DOMINANT] = {"event.parts-dominant", "Troops pulled back from the valley, no one named near: the article's two parties"},
    [NGX_R_EVENT_PARTS_RECIPROCAL] = {"event.parts-reciprocal", "the joint declaration: the article's two leading states"},
    [NGX_R_EVENT_PARTS_SENTENCE] = {"event.parts-sentence", "no one in the clause: the actors of the sentence"},
    [NGX_R_EVENT_PARTS_PREVIOUS] = {"event.parts-previous-sentence", "A ceasefire took hold two days later: the actors of the sentence before"},
    [NGX_R_EVENT_PARTS_STORY] = {"event.parts-story", "An advance party returned in May: the story's participants"},
    [NGX_R_EVENT_MERGE_ADJACENT] = {"event.merge-adjacent", "would sign an agreement: one event"},
    [NGX_R_EVENT_MERGE_REFERENCE] = {"event.merge-reference", "the summit ... the summit: one event"},
    [NGX_R_CLAIM_BYLINE] = {"claim.byline", "By Jane Roe: three capitalised words are no claim"},
    [NGX_R_CLAIM_CUT_SEMICOLON_COLON] = {"claim.cut-semicolon-colon", "A; B and The stakes are high: the talks ...: two claims"},
    [NGX_R_CLAIM_CUT_CONCESSIVE] = {"claim.cut-concessive", "..., though the talks stalled: a claim of its own"},
    [NGX_R_CLAIM_CUT_APPOSITIVE] = {"claim.cut-appositive-comment", "..., a step that could ...: a claim of its own"},
    [NGX_R_CLAIM_CUT_PARTICIPLE] = {"claim.cut-participle-report", "..., noting that ...: a second statement"},
    [NGX_R_CLAIM_CUT_AND_CLAUSE] = {"claim.cut-and-clause", "..., and the army ...: a claim of its own"},
    [NGX_R_CLAIM_CUT_COORDINATED_REPORT] = {"claim.cut-coordinated-report", "X described A as B and said C: two claims of X"},
    [NGX_R_CLAIM_CUT_DASH] = {"claim.cut-dash", "A is so — and B is likely: two claims (not inside a quotation)"},
    [NGX_R_CLAIM_LEAD_IN] = {"claim.lead-in", "The stakes are high: the talks ...: one author claim"},
    [NGX_R_CLAIM_CONTINUES_REPORT] = {"claim.continues-report", "X said A, and that B: both X's"},
    [NGX_R_CLAIM_ENUMERATION] = {"claim.enumeration", "Analysts see three risks. First, ...: the analysts'"},
    [NGX_R_CLAIM_NARRATION] = {"claim.narration", "In May, Ruritania hosted the summit: narration, no claim"},
    [NGX_R_CLAIM_LIST_SOURCE] = {"claim.list-source", "The main points, according to X: - A. - B.: A and B are X's"},
    [NGX_R_CLAIM_TITLE] = {"claim.title", "a title written as a sentence ('X and Y seal a pact, but ...') is the author's claim"},
    [NGX_R_SOURCE_PAIR_SUBJECT] = {"source.pair-subject", "both sides committed to protect civilians: a claim of each party"},
    [NGX_R_SOURCE_GROUP_SUBJECT] = {"source.group-subject", "An analyst at a think tank said"},
    [NGX_R_SOURCE_GROUP_PARTICIPLE] = {"source.group-participle", "A diplomat involved in the talks said: the participle's phrase is the speaker's"},
    [NGX_R_SOURCE_APPOSITIVE_SUBJECT] = {"source.appositive-subject", "Washington, the first to leave the deal, welcomed"},
    [NGX_R_SOURCE_REPORTING_SUBJECT] = {"source.reporting-subject", "Ruritania's foreign minister said"},
    [NGX_R_SOURCE_AFFILIATION_HEAD] = {"source.affiliation-head", "Dr. Lee of the Asan Institute warned: Dr. Lee"},
    [NGX_R_SOURCE_COORDINATED] = {"source.coordinated", "France, Germany and Britain warned: one claim each"},
    [NGX_R_SOURCE_PRONOUN] = {"source.pronoun", "he said: the person he stands for"},
    [NGX_R_SOURCE_GROUP_AFTER] = {"source.group-after", "..., said a Western diplomat"},
    [NGX_R_SOURCE_SPEAKER_AFTER] = {"source.speaker-after", "..., said Ivan Orlov"},
    [NGX_R_SOURCE_ACCORDING_TO] = {"source.according-to", "according to the foreign ministry"},
    [NGX_R_SOURCE_NOUN_USE] = {"source.noun-use", "overlapping claims, the call: a reporting word used as a noun"},
    [NGX_R_CLAIM_NARRATION_PERFECT] = {"claim.narration-perfect", "the NDF has besieged Port Avalon since May: a present perfect narrates"},
    [NGX_R_MODALITY_CONVEYED_ITEMS] = {"modality.conveyed-items", "the message conveyed two things. First, X will ...: what it conveyed, no forecast"},
    [NGX_R_CLAIM_ANNOUNCEMENT] = {"claim.announcement", "this message conveyed two things. First, ...: the items are the claims"},
    [NGX_R_SOURCE_INFINITIVE] = {"source.infinitive", "Brandt appeared reluctant to commit to borrowing: an infinitive reports nothing"},
    [NGX_R_SOURCE_BACKGROUND] = {"source.background", "before the Commission sends it: a report inside a background clause attributes nothing"},
    [NGX_R_MODALITY_COULD_NOT] = {"modality.could-not", "could not return: an impossibility, not a hedge"},
    [NGX_R_MODALITY_NECESSITY] = {"modality.necessity", "would have to follow: a necessity, not a forecast"},
    [NGX_R_MODALITY_WITHOUT] = {"modality.without", "without doubt: no hedge"},
    [NGX_R_MODALITY_QUESTION] = {"modality.question", "whether the accord will hold: a question, not a forecast"},
    [NGX_R_MODALITY_SIGNALLED_THAT] = {"modality.signalled-that", "they signalled that the pact will endure: what they meant"},
    [NGX_R_MODALITY_OWN_CONDUCT] = {"modality.own-conduct", "X said it would act: a pledge, reported"},
    [NGX_R_MODALITY_COMMITMENT] = {"modality.commitment", "X pledged that its stores would stop selling: a pledge, reported"},
    [NGX_R_RELATION_NEGATED] = {"relation.negated", "would not back: no relation"},
    [NGX_R_RELATION_POSSESSIVE_FRAME] = {"relation.possessive-frame", "Ruritania is Freedonia's main arms supplier"},
    [NGX_R_RELATION_INTRANSITIVE_MEMBER] = {"relation.intransitive-member", "since Ruritania joined in 1999: member of the organisation named"},
    [NGX_R_RELATION_FOR_TOPIC] = {"relation.for-topic", "For Ruritania, ... its rivalry with Freedonia"},
    [NGX_R_RELATION_ALONGSIDE] = {"relation.alongside", "belongs to the Union alongside Freedonia"},
    [NGX_R_RELATION_SYMMETRIC] = {"relation.symmetric-subjects", "Paris and Berlin ... their partnership"},
    [NGX_R_RELATION_TITLE] = {"relation.title", "French President X: leader or member of the state"},
    [NGX_R_RELATION_DESCRIPTION] = {"relation.description", "Ruritania's army chief: member of Ruritania"},
    [NGX_R_RELATION_GROUP] = {"relation.group", "the minister's delegation: the minister leads it"},
    [NGX_R_RELATION_ORG_POSSESSIVE] = {"relation.organisation-possessive", "Ruritania's Interior Ministry: member of Ruritania"},
    [NGX_R_RELATION_POSSESSIVE_APPOSITION] = {"relation.possessive-apposition", "Ruritania, Freedonia's closest ally, backs: the apposition states it"},
    [NGX_R_RELATION_HEAD_TITLE] = {"relation.head-title", "Ruritanian President Ana Rose: a title that heads the body (ng:headsBody), its leader"},
    [NGX_R_RELATION_STATE_BODY] = {"relation.state-body", "Ruritania's parliament ratified: the body is a member of Ruritania"},
    [NGX_R_RELATION_APPOSED_MEMBERS] = {"relation.apposed-members", "A, B and C, the so-called R3: members of R3"},
};

size_t ng_extract_rule_count(void) { return NGX_R__COUNT; }
const char *ng_extract_rule_name(size_t i) { return i < NGX_R__COUNT ? rules[i].name : NULL; }
const char *ng_extract_rule_example(size_t i) { return i < NGX_R__COUNT ? rules[i].example : NULL; }

/* Switches off the rules named in `without` (NULL-terminated); NG_ERR_BAD_ARG for a name no rule
 * has. */
static NgStatus rules_off(NgxCtx *c, const char *const *without)
{
    for (; without && *without; without++) {
        size_t r = 0;
        while (r < NGX_R__COUNT && strcmp(rules[r].name, *without) != 0)
            r++;
        if (r == NGX_R__COUNT)
            return NG_ERR_BAD_ARG;
        c->off[r] = true;
    }
    return NG_SUCCESS;
}

/* The passes, in the order they run.  Each reads what the ones before it made. */
static const NgxPass passes[] = {
    ngx_pass_article_year,   /* the year that dates a "May 3" without one */
    ngx_pass_actors,         /* lexicon mentions, unknown names, possessive groups */
    ngx_pass_coref,          /* "the agency", "the army chief" for actors named before */
    ngx_pass_index_mentions, /* mentions by sentence, for everything after */
    ngx_pass_events,         /* triggers -> events, with participants, time, place */
    ngx_pass_index_events,   /* event spans by offset, for the claims */
    ngx_pass_relations,      /* relations between actors, which the claims' modality asks */
    ngx_pass_claims,         /* claims with source, modality, polarity, topics */
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
    return ng_extract_with(matches, NULL, out);
}

NgStatus ng_extract_with(const NgMatches *matches, const NgExtractOptions *options, NgExtraction **out)
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
    if (options && rules_off(&c, options->without)) {
        free(x);
        return NG_ERR_BAD_ARG;
    }
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

void ngx_note(NgxCtx *c, size_t s, size_t tb, size_t te, const char *kind, const char *why)
{
    NgExtraction *x = c->x;
    if (c->st || tb >= te || (c->st = ng_grow((void **)&x->notes, &x->note_cap, x->note_count + 1, sizeof(NgXNote))))
        return;
    x->notes[x->note_count++] = (NgXNote){{ngx_tok(c, tb)->span.begin, ngx_tok(c, te - 1)->span.end}, s, kind, why};
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
    free(x->notes);
    free(x);
}

size_t ng_extraction_actor_count(const NgExtraction *x) { return x->actor_count; }
size_t ng_extraction_event_count(const NgExtraction *x) { return x->event_count; }
size_t ng_extraction_claim_count(const NgExtraction *x) { return x->claim_count; }
size_t ng_extraction_relation_count(const NgExtraction *x) { return x->relation_count; }
