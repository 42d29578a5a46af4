/*
 * extract.h — what the passes of stage 4 (extraction) share.  Private to the extract_*.c files and
 * their tests; internal.h and newsgraph.h are what the rest of the library sees.
 *
 * Extraction is a driver (extract.c) and a family of passes, run in this order over one article:
 *
 *   extract_actors.c     actors: lexicon mentions, unknown names, possessive groups
 *   extract_coref.c      coreference: surnames, definite heads ("the agency"), descriptions
 *                        ("the army chief"), pairs ("the two nations"), pronouns
 *   extract_time.c       time expressions: dates, years, the article's year
 *   extract_verbs.c      events told by a verb of a WordNet verb class ("the envoys left")
 *   extract_events.c     events: trigger filters, participants, merging of mentions
 *   extract_claims.c     claims: segments, narration filter, claim spans and what they are about
 *   extract_source.c     the source of a claim: a first-match table of source rules
 *   extract_modality.c   the modality of an event or claim (hedged > predicted > reported)
 *   extract_relations.c  relations: cue frames, titles, possessives, appositions
 *   extract_explain.c    `explain`: what was found, sentence by sentence
 *   extract_clause.c     clause queries every pass asks ("is there a cue here", "the clause
 *                        around this token", "the mentions in this stretch")
 *
 * Ownership: the context borrows the matches (and through them the segments, the document and
 * the lexicon) and owns its working arrays; the extraction it fills is handed to the caller.
 * Indexes: "token" means an index into NgMatches.tokens, "mention" an index into ctx->ments,
 * "actor" an index into the extraction's actors; SIZE_MAX means none.
 */
#ifndef NG_EXTRACT_H
#define NG_EXTRACT_H

#include "internal.h"

#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------- rules */

/* The named rules of the passes, each a small function or a step with its own test case in
 * tests/extract/.  Their names and examples are listed by `newsgraph explain --rules`; any of
 * them can be switched off (ng_extract_with, `explain --without RULE`) to see what it does. */
typedef enum {
    NGX_R_ACTOR_REPEATED,
    NGX_R_ACTOR_ORG_NAME,
    NGX_R_ACTOR_SURNAME,
    NGX_R_ACTOR_TITLED,
    NGX_R_ACTOR_ACRONYM,
    NGX_R_ACTOR_ACRONYM_ALIAS,
    NGX_R_ACTOR_SHADOWED_FORM,
    NGX_R_ACTOR_APPOSITIVE,
    NGX_R_ACTOR_ROLE_POSSESSOR,
    NGX_R_ACTOR_COORDINATED,
    NGX_R_ACTOR_PLACE,
    NGX_R_ACTOR_ADJECTIVE,
    NGX_R_ACTOR_EVENT_APPOSED,
    NGX_R_ACTOR_SPEAKER,
    NGX_R_ACTOR_PERSONAL,
    NGX_R_ACTOR_PLURAL_GROUP,
    NGX_R_ACTOR_GROUP_SUBJECT,
    NGX_R_ACTOR_LOCATION_ONLY,
    NGX_R_ACTOR_POSSESSIVE_GROUP,
    NGX_R_ACTOR_STATE_INSTITUTION,
    NGX_R_COREF_DEFINITE_HEAD,
    NGX_R_COREF_DESCRIPTION,
    NGX_R_COREF_PAIR,
    NGX_R_COREF_GOVERNMENT,
    NGX_R_COREF_DEFINITE_HYPERNYM,
    NGX_R_COREF_GOVERNMENT_DOMINANT,
    NGX_R_COREF_PRONOUN_SUBJECT,
    NGX_R_COREF_PRONOUN_SUBJECT_FIRST,
    NGX_R_EVENT_VERB_CLASS,
    NGX_R_EVENT_VERB_PERFECT,
    NGX_R_EVENT_VERB_COORDINATED,
    NGX_R_EVENT_VERB_OBJECT,
    NGX_R_EVENT_QUALITY_OBJECT,
    NGX_R_EVENT_SPAN_TIME,
    NGX_R_EVENT_PLACE_NOUN,
    NGX_R_EVENT_REPORTED_TOPIC,
    NGX_R_EVENT_MERGE_SALIENT,
    NGX_R_EVENT_DATED_FINDING,
    NGX_R_EVENT_PERSON_MODIFIER,
    NGX_R_EVENT_WITHOUT,
    NGX_R_EVENT_PREDICATE,
    NGX_R_EVENT_MERGE_DAY,
    NGX_R_EVENT_MERGE_OWN_MONTH,
    NGX_R_EVENT_MERGE_OWN_MONTH_NOUN,
    NGX_R_TIME_FULL_DATE_YEAR,
    NGX_R_EVENT_IDIOM,
    NGX_R_EVENT_NOUN_CLASS,
    NGX_R_EVENT_GENERAL_HEAD,
    NGX_R_EVENT_HYPOTHETICAL,
    NGX_R_EVENT_ASPECTUAL,
    NGX_R_EVENT_PARTICIPLE_AGENT,
    NGX_R_EVENT_SECTION_HEADING,
    NGX_R_EVENT_HEADLINE,
    NGX_R_EVENT_PARTS_PAIR,
    NGX_R_EVENT_PARTS_DOMINANT,
    NGX_R_EVENT_THING_OBJECT,
    NGX_R_EVENT_NOT_NOUN,
    NGX_R_EVENT_PARTS_RECIPROCAL,
    NGX_R_EVENT_PARTS_SENTENCE,
    NGX_R_EVENT_PARTS_PREVIOUS,
    NGX_R_EVENT_PARTS_STORY,
    NGX_R_EVENT_MERGE_ADJACENT,
    NGX_R_EVENT_MERGE_REFERENCE,
    NGX_R_CLAIM_BYLINE,
    NGX_R_CLAIM_CUT_SEMICOLON_COLON,
    NGX_R_CLAIM_CUT_CONCESSIVE,
    NGX_R_CLAIM_CUT_APPOSITIVE,
    NGX_R_CLAIM_CUT_PARTICIPLE,
    NGX_R_CLAIM_CUT_AND_CLAUSE,
    NGX_R_CLAIM_CUT_COORDINATED_REPORT,
    NGX_R_CLAIM_CUT_DASH,
    NGX_R_CLAIM_LEAD_IN,
    NGX_R_CLAIM_CONTINUES_REPORT,
    NGX_R_CLAIM_ENUMERATION,
    NGX_R_CLAIM_NARRATION,
    NGX_R_CLAIM_LIST_SOURCE,
    NGX_R_CLAIM_TITLE,
    NGX_R_SOURCE_PAIR_SUBJECT,
    NGX_R_SOURCE_GROUP_SUBJECT,
    NGX_R_SOURCE_GROUP_PARTICIPLE,
    NGX_R_SOURCE_APPOSITIVE_SUBJECT,
    NGX_R_SOURCE_REPORTING_SUBJECT,
    NGX_R_SOURCE_AFFILIATION_HEAD,
    NGX_R_SOURCE_COORDINATED,
    NGX_R_SOURCE_PRONOUN,
    NGX_R_SOURCE_GROUP_AFTER,
    NGX_R_SOURCE_SPEAKER_AFTER,
    NGX_R_SOURCE_ACCORDING_TO,
    NGX_R_SOURCE_NOUN_USE,
    NGX_R_SOURCE_BACKGROUND,
    NGX_R_SOURCE_INFINITIVE,
    NGX_R_CLAIM_NARRATION_PERFECT,
    NGX_R_CLAIM_ANNOUNCEMENT,
    NGX_R_MODALITY_CONVEYED_ITEMS,
    NGX_R_MODALITY_COULD_NOT,
    NGX_R_MODALITY_NECESSITY,
    NGX_R_MODALITY_WITHOUT,
    NGX_R_MODALITY_QUESTION,
    NGX_R_MODALITY_SIGNALLED_THAT,
    NGX_R_MODALITY_OWN_CONDUCT,
    NGX_R_MODALITY_COMMITMENT,
    NGX_R_RELATION_NEGATED,
    NGX_R_RELATION_POSSESSIVE_FRAME,
    NGX_R_RELATION_INTRANSITIVE_MEMBER,
    NGX_R_RELATION_FOR_TOPIC,
    NGX_R_RELATION_ALONGSIDE,
    NGX_R_RELATION_SYMMETRIC,
    NGX_R_RELATION_TITLE,
    NGX_R_RELATION_DESCRIPTION,
    NGX_R_RELATION_GROUP,
    NGX_R_RELATION_ORG_POSSESSIVE,
    NGX_R_RELATION_STATE_BODY,
    NGX_R_RELATION_HEAD_TITLE,
    NGX_R_RELATION_POSSESSIVE_APPOSITION,
    NGX_R_RELATION_APPOSED_MEMBERS,
    NGX_R__COUNT
} NgxRule;

/* One actor mention as the passes see it: by tokens, in text order (longest first at a token). */
typedef struct {
    size_t actor;           /* extraction actor index */
    size_t tb, te;          /* token range [tb, te) */
    size_t sentence;
    NgFormRole role;
} NgxMention;

/* An event span and its event, for the look-up of the events inside a claim. */
typedef struct {
    NgSpan span;
    size_t event;
} NgxEventSpan;

/* dominant_pair's answer per actor kind, valid while no actor gains a mention. */
typedef struct {
    size_t gen[NG_KIND__COUNT], a[NG_KIND__COUNT], b[NG_KIND__COUNT];
    bool valid[NG_KIND__COUNT], found[NG_KIND__COUNT];
} NgxPairCache;

/* The sources of one claim: up to four coordinated actors; count 0 means the article's author. */
typedef struct {
    size_t source[4];
    size_t count;
} NgxSource;

/* The working state of one extraction. */
typedef struct {
    NgExtraction *x;
    const NgMatches *m;
    const NgLexicon *lx;
    const NgSegments *sg;
    const char *t;          /* the document's text */
    size_t *actor_of_lex;   /* lexicon actor -> extraction actor, SIZE_MAX when not yet made */
    NgMap actor_by_key;     /* lower-cased key -> extraction actor, for actors not in the lexicon */
    NgxMention *ments;
    size_t nm, mcap;
    size_t *sent_first;     /* per sentence: first mention index; [n] = nm */
    bool *tok_in_name;      /* tokens inside an accepted actor name */
    uint64_t *wc;           /* per token: its word classes (NG_WC bits, from the lexicon) */
    int article_year;
    NgMap person_part;      /* first or last word of a person's label -> actor (SIZE_MAX: two) */
    NgxEventSpan *evspans;  /* every event span, by begin: what the claims look up */
    size_t nevspans;
    size_t *work;           /* &x->work: steps of the scans that could grow with the input */
    size_t *mention_gen;    /* bumped whenever an actor gains a mention (through const too) */
    NgxPairCache *dom;      /* dominant_pair's answers, valid for one *mention_gen */
    bool off[NGX_R__COUNT]; /* rules switched off */
    NgStatus st;            /* the first failure; every pass stops when it is set */
} NgxCtx;

/* Is rule r switched on (the default)? */
static inline bool ngx_on(const NgxCtx *c, NgxRule r) { return !c->off[r]; }

/* ---------------------------------------------------------------- token windows */

/* How far, in tokens, the clause rules look.  Each is the span of the English construction it
 * bounds; the values were set on the sample and the dev articles (docs/quality.md), where one
 * more or less either misses the construction or reaches into the next clause. */
#define NGX_TITLE_REACH 4            /* a title ends this close before a name: "Foreign Minister ," */
#define NGX_DESCRIPTION_WORDS 4      /* "the army chief": at most this many lower-case words */
#define NGX_DESCRIPTION_REACH 6      /* "the umbrella group for ...": an apposed description's head */
#define NGX_PREMODIFIER_REACH 6      /* proper-noun premodifiers of a trigger: "the A-B summit" */
#define NGX_DETERMINER_REACH 4       /* a determiner before a trigger, past a few adjectives */
#define NGX_NESTED_CUE_REACH 4       /* a trigger modifying the next one: "resumption of ... talks" */
#define NGX_CONDITION_REACH 8        /* "if", "any future" this far before a trigger */
#define NGX_DESCRIBED_EVENT_REACH 10 /* "talks between A and B, mediated by C": the event named */
#define NGX_EVENT_CLAUSE_REACH 10    /* an event trigger's clause, each way */
#define NGX_RELATION_CLAUSE_REACH 12 /* a relation cue's clause, each way */
#define NGX_SENTENCE_STAND_INS 4     /* actors the sentence lends an event that names no one */
#define NGX_PREVIOUS_STAND_INS 3     /* ... and the sentence before */
#define NGX_RECIPROCAL_REACH 2       /* "joint", "bilateral" this close before the trigger */
#define NGX_SAME_EVENT_BYTES 8       /* "would sign an agreement": two triggers this close */
#define NGX_THING_OBJECT_REACH 4     /* "meet European safety standards": the object's head */
#define NGX_MONTH_NOUN_REACH 8       /* "In May, Ruritania hosted the first summit": the month before a noun */
#define NGX_GROUP_DETERMINER_REACH 5 /* "Some senior Freedonian officials": the determiner */
#define NGX_GROUP_TAIL 9             /* "an analyst at a Gulf research center": the tail */
#define NGX_GROUP_SUBJECT_REACH 10   /* a group phrase before its verb */
#define NGX_GROUP_GAP 2              /* words between a group phrase and its verb */
#define NGX_APPOSITION_REACH 14      /* "Washington, the first to leave the deal, welcomed" */
#define NGX_RELATIVE_REACH 30        /* "Germany and Spain, which see ... builders, pressed" */
#define NGX_APPOSED_SUBJECT_REACH 6  /* the subject before that apposition */
#define NGX_SUBJECT_REACH 8          /* the subject before a reporting verb */
#define NGX_SPEAKER_AFTER 5          /* "..., said a Southeast Asian diplomat" */
#define NGX_ACCORDING_REACH 6        /* "according to a senior official" */
#define NGX_APPOSITION_GAP 5         /* ", the so-called E3," between two mentions */
#define NGX_PAIR_NOUN_REACH 4        /* "the two most populous countries": the noun */
#define NGX_PRONOUN_REACH 3          /* "it", "its" before a cue; a subject before a modal */
#define NGX_POSSESSIVE_MODIFIERS 3   /* "Freedonia's main arms supplier": modifiers */
#define NGX_COPULA_GAP 4             /* "Ruritania has long been ...": the copula's words */
#define NGX_NEGATION_REACH 2         /* "would not back": a negation before a cue */
#define NGX_TOPIC_REACH 4            /* "For X," framing: an actor this close before the cue */
#define NGX_TITLE_PHRASE 6           /* "India's army chief, Gen.": the title phrase */
#define NGX_TIME_MODIFIERS 3         /* "the first two weeks": modifiers of a time word */
#define NGX_SUBJECT_PREMODIFIERS 3   /* "an advance party": premodifiers of an agent noun */
#define NGX_FRONTED_TIME_REACH 16    /* "In June, the Grain Board (RGB) found": a fronted date's distance */
#define NGX_NAME_APPOSED_EVENT 4     /* "the climate conference, COP41": an event noun's words before the comma */
#define NGX_PLACE_HEAD 4             /* "the northern border town": a place phrase's head */
#define NGX_NAMES_NEXT 6             /* "flew in for the summit": the event named next */
#define NGX_OBJECT_REACH 8           /* "toppled Prime Minister Henri Valois's government" */
#define NGX_MIN_SEGMENT_WORDS 5      /* a claim segment shorter stays with its neighbour */
#define NGX_NOUN_HOPS 2              /* "Ruritania's sweeping claims": words after a possessive */

/* ---------------------------------------------------------------- tokens (inline) */

static inline const NgToken *ngx_tok(const NgxCtx *c, size_t i) { return &c->m->tokens[i]; }
/* The first token of sentence s, and the token after its last. */
static inline size_t ngx_sent_tb(const NgxCtx *c, size_t s) { return c->m->sentence_first_token[s]; }
static inline size_t ngx_sent_te(const NgxCtx *c, size_t s) { return c->m->sentence_first_token[s + 1]; }

/* Is token i the punctuation mark `mark` (",", ";", an en dash)?  Words are asked by class. */
static inline bool ngx_tok_is(const NgxCtx *c, size_t i, const char *mark)
{
    return !strcmp(c->m->tokens[i].lower, mark);
}

/* Is punctuation token i one of `marks` (a NULL-terminated list)? */
static inline bool ngx_mark_in(const NgxCtx *c, size_t i, const char *const *marks)
{
    if (c->m->tokens[i].word)
        return false;
    for (; *marks; marks++)
        if (!strcmp(c->m->tokens[i].lower, *marks))
            return true;
    return false;
}

/* Is token i a word of one of the classes in `mask` (NG_WC bits or the NGX_ unions below)? */
static inline bool ngx_is(const NgxCtx *c, size_t i, uint64_t mask) { return (c->wc[i] & mask) != 0; }

/* Are tokens i and j the same word (lower case)? */
static inline bool ngx_same_word(const NgxCtx *c, size_t i, size_t j)
{
    return !strcmp(c->m->tokens[i].lower, c->m->tokens[j].lower);
}

/* The "s" of a possessive: "Ruritania's" is tokenized "Ruritania", an apostrophe, "s". */
static inline bool ngx_clitic_s(const NgxCtx *c, size_t i)
{
    return i > 0 && !strcmp(c->m->tokens[i].lower, "s") && !c->m->tokens[i - 1].word;
}

/* Unions of word classes that the rules ask about together. */
#define NGX_ARTICLE (NG_WC(NG_WC_DEFINITE) | NG_WC(NG_WC_INDEFINITE))
#define NGX_POSSESSIVE (NG_WC(NG_WC_POSS_PERSON) | NG_WC(NG_WC_POSS_THING) | NG_WC(NG_WC_POSS_GROUP))
#define NGX_PERSONAL (NG_WC(NG_WC_PRON_PERSON) | NG_WC(NG_WC_PRON_THING) | NG_WC(NG_WC_PRON_GROUP))
/* what opens a noun phrase and counts or points: "the", "some", "these", "two" */
#define NGX_DETERMINER                                                                              \
    (NGX_ARTICLE | NG_WC(NG_WC_DEMONSTRATIVE) | NG_WC(NG_WC_QUANTIFIER) | NG_WC(NG_WC_CARDINAL))
#define NGX_AUXILIARY (NG_WC(NG_WC_BE) | NG_WC(NG_WC_HAVE) | NG_WC(NG_WC_DO) | NG_WC(NG_WC_MODAL))
#define NGX_CONJUNCTION (NG_WC(NG_WC_AND) | NG_WC(NG_WC_OR) | NG_WC(NG_WC_BUT))

/* ---------------------------------------------------------------- clause queries (extract_clause.c) */

bool ngx_is_clause_break(const NgxCtx *c, size_t i);
/* Is there a cue of `kind` starting at token i?  Its length in tokens and its lexicon entry. */
bool ngx_cue_at(const NgxCtx *c, size_t i, NgCueKind kind, size_t *len, const NgLexCue **cue);
/* The text of tokens [tb, te), a new string the caller frees (NULL on no memory). */
char *ngx_text_of(const NgxCtx *c, size_t tb, size_t te);
bool ngx_group_word(const NgxCtx *c, size_t i);
void ngx_clause_of(const NgxCtx *c, size_t sentence, size_t at, size_t reach, size_t *cb, size_t *ce);
void ngx_mentions_in(const NgxCtx *c, size_t sentence, size_t tb, size_t te, size_t *first, size_t *last);
size_t ngx_mention_at(const NgxCtx *c, size_t sentence, size_t tb);
bool ngx_lists_overlap(const NgIndexList *a, const NgIndexList *b);
void ngx_index_list_clear(NgIndexList *l);
bool ngx_is_subclass(const NgLexicon *lx, const char *sub, const char *super);
bool ngx_past_form(const NgxCtx *c, size_t i);
size_t ngx_wordnet_cue(NgxCtx *c, const char *word, char pos, NgCueKind kind);
bool ngx_agent_before(const NgxCtx *c, size_t tb, size_t i);
/* Do the tokens [from, to) between two noun phrases coordinate them: ",", "and", ", and", "and
 * the", ", and the"? */
bool ngx_coordinating(const NgxCtx *c, size_t from, size_t to);
/* qsort order of size_t values. */
int ngx_size_compare(const void *pa, const void *pb);

/* ---------------------------------------------------------------- actors (extract_actors.c) */

size_t ngx_actor_for_key(NgxCtx *c, const char *label, NgActorKind kind);
void ngx_add_mention(NgxCtx *c, size_t actor, size_t tb, size_t te, NgFormRole role);
/* Notes that tokens [tb, te) of sentence s were looked at and not taken, and why (a static
 * string), for explain. */
void ngx_note(NgxCtx *c, size_t s, size_t tb, size_t te, const char *kind, const char *why);
int ngx_mention_compare(const void *pa, const void *pb);
bool ngx_has_org_head(const NgxCtx *c, size_t tb, size_t te);
void ngx_add_with_led_states(NgxCtx *c, NgIndexList *list, size_t actor);
void ngx_group_phrase(const NgxCtx *c, size_t sentence, size_t g, size_t *begin, size_t *end);
size_t ngx_group_actor(NgxCtx *c, size_t sentence, size_t g);
size_t ngx_group_actor_until(NgxCtx *c, size_t sentence, size_t g, size_t until);
bool ngx_leads(const NgxCtx *c, size_t person, size_t state);

/* ---------------------------------------------------------------- names (extract_names.c) */

/* The actor the unknown name [tb, te) stands for (made on first use), or SIZE_MAX when no typing
 * rule takes it; *why (may be NULL) then says why, for explain. */
size_t ngx_name_actor(NgxCtx *c, size_t tb, size_t te, bool titled, const char **why);
/* "Ruritanian Armed Forces (RAF)": gives the actor the acronym in parentheses after token te. */
void ngx_name_acronym_alias(NgxCtx *c, size_t actor, size_t te);

/* ---------------------------------------------------------------- coreference (extract_coref.c) */

void ngx_index_person(NgxCtx *c, size_t actor);
size_t ngx_person_by_part(const NgxCtx *c, const char *word);
bool ngx_dominant_pair(const NgxCtx *c, NgActorKind kind, size_t *a, size_t *b);
bool ngx_pair_reference(const NgxCtx *c, size_t sentence, size_t i, size_t *a, size_t *b);
size_t ngx_pronoun_referent(const NgxCtx *c, size_t s, size_t i, size_t last_speaker);
size_t ngx_pronoun_subject(const NgxCtx *c, size_t s, size_t cb, size_t lo);

/* ---------------------------------------------------------------- time (extract_time.c) */

bool ngx_year_of(const NgxCtx *c, size_t i, int *year);
bool ngx_day_of(const NgxCtx *c, size_t i, int *day);
int ngx_month_before(const NgxCtx *c, size_t tb, size_t at);
bool ngx_time_near(const NgxCtx *c, size_t tb, size_t te, size_t at, char out[16]);
bool ngx_is_month_date(const NgxCtx *c, size_t i);
bool ngx_starts_time(const NgxCtx *c, size_t i, size_t e);
size_t ngx_time_end(const NgxCtx *c, size_t i, size_t e);
/* Is the reporting word at token i (of a stretch from tb) used as a noun ("overlapping claims",
 * "the call", "in Gezira state")?  (extract_source.c) */
bool ngx_reporting_noun(const NgxCtx *c, size_t i, size_t tb);
bool ngx_time_word(const NgxCtx *c, size_t i);

/* ---------------------------------------------------------------- events, claims */

/* The verb-class triggers of the article: event-cue matches whose cue is a WordNet verb class
 * (extract_verbs.c).  *out is a new array the caller frees. */
NgStatus ngx_verb_class_triggers(NgxCtx *c, NgMatch **out, size_t *count);
NgModality ngx_modality_in(const NgxCtx *c, size_t tb, size_t te);
NgModality ngx_claim_modality(const NgxCtx *c, size_t s, size_t tb, size_t te, const NgxSource *src);
NgxSource ngx_source_of(NgxCtx *c, size_t s, size_t tb, size_t te, size_t last_speaker);
void ngx_coordinated(const NgxCtx *c, size_t k, NgxSource *src);

/* ---------------------------------------------------------------- the passes, in order */

void ngx_pass_article_year(NgxCtx *c);   /* extract_time.c */
void ngx_pass_actors(NgxCtx *c);         /* extract_actors.c */
void ngx_pass_coref(NgxCtx *c);          /* extract_coref.c */
void ngx_pass_index_mentions(NgxCtx *c); /* extract_actors.c */
void ngx_pass_events(NgxCtx *c);         /* extract_events.c */
void ngx_pass_index_events(NgxCtx *c);   /* extract_events.c */
void ngx_pass_claims(NgxCtx *c);         /* extract_claims.c */
void ngx_pass_relations(NgxCtx *c);      /* extract_relations.c */

#endif /* NG_EXTRACT_H */
