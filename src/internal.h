/*
 * internal.h — what the modules of libnewsgraph share with each other and with their unit tests.
 * Not installed, not part of the API: newsgraph.h is.  Ownership follows newsgraph.h's rule.
 */
#ifndef NG_INTERNAL_H
#define NG_INTERNAL_H

#include "newsgraph.h"

#include <pthread.h>
#include <stdint.h>

/* ---------------------------------------------------------------- small utilities (util.c) */

/* A growable byte buffer that is always NUL-terminated once anything was appended. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} NgBuf;

NgStatus ng_buf_append(NgBuf *buf, const char *bytes, size_t len);
NgStatus ng_buf_appendf(NgBuf *buf, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void ng_buf_free(NgBuf *buf);
/* Hands the buffer's bytes to the caller (who frees them) and resets the buffer. */
char *ng_buf_take(NgBuf *buf);

/* What fills a file for ng_file_write_atomic: writes everything to `f` (the caller flushes and
 * closes it), reports its own errors naming `path`, and returns the first failure's status. */
typedef NgStatus (*NgFileWriter)(FILE *f, const char *path, void *data, const NgDiag *diag);

/* Replaces the file at `path` with what `writer` writes, all or nothing, through ng_output_open
 * and ng_output_commit (newsgraph.h): into a temporary file in the same directory, fsync'd,
 * renamed over `path`, then the directory fsync'd.  On any failure the temporary file is removed
 * and `path` is as it was.  A device, a pipe or a symbolic link (never renamed over: /dev/stdout
 * may be one) is written in place; a directory is refused. */
NgStatus ng_file_write_atomic(const char *path, NgFileWriter writer, void *data, const NgDiag *diag);

/* Grows an array of `elem` bytes so that it can hold `need` elements. */
NgStatus ng_grow(void **array, size_t *cap, size_t need, size_t elem);

char *ng_strdup(const char *s);
char *ng_strndup(const char *s, size_t n);
uint64_t ng_hash(const char *bytes, size_t len);

/* A string -> size_t map (open addressing).  Keys are copied; each slot keeps its key's length
 * and hash, so that a probe compares no string of another length and growing hashes nothing. */
typedef struct {
    char **keys;
    size_t *values;
    size_t cap;   /* power of two, or 0 */
    size_t count;
    size_t *lens;     /* the length of keys[i] */
    uint64_t *hashes; /* ng_hash of keys[i] */
} NgMap;

NgStatus ng_map_put(NgMap *map, const char *key, size_t len, size_t value);
/* Returns true and sets *value when `key` is present. */
bool ng_map_get(const NgMap *map, const char *key, size_t len, size_t *value);
/* The same, `hash` being ng_hash(key, len). */
bool ng_map_get_hashed(const NgMap *map, uint64_t hash, const char *key, size_t len, size_t *value);
void ng_map_free(NgMap *map);

/* Finds a '{' or '}' outside comments, IRIs and strings of Turtle text `s` (1-based line and
 * code-point column).  Turtle has no braces; raptor 2.0.15 crashes on some ("<>{"), so the
 * lexicon loader refuses them before raptor sees them (tests/fuzz/regressions/lexicon/). */
bool ng_turtle_find_brace(const char *s, size_t len, unsigned *line, unsigned *col);
/* Finds, the same way, a graph named '<>' in TriG text: "<>" followed by '{' (white space and
 * one '=' between allowed), on which raptor 2.0.15 crashes. */
bool ng_trig_find_empty_graph_name(const char *s, size_t len, unsigned *line, unsigned *col);

/* Lists the files of directory `dir` whose names end in `suffix` after at least one character
 * (names starting with '.' left out), in byte order of their names: *names becomes a new array of
 * *count new strings, each "DIR/NAME" when `join`, else NAME; the caller frees them with
 * ng_strings_free.  NG_ERR_IO, with errno saying why, when the directory cannot be opened;
 * NG_ERR_NOMEM, with nothing listed, when memory runs out. */
NgStatus ng_dir_list(const char *dir, const char *suffix, bool join, char ***names,
                     size_t *count);
/* Frees `count` strings and the array holding them (which may be NULL). */
void ng_strings_free(char **strings, size_t count);

/* ---------------------------------------------------------------- UTF-8 (utf8.c) */

/* Decodes one code point at s[0..len); returns its byte length (1..4) or 0 when invalid. */
size_t ng_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (4 bytes at least); returns the byte length. */
size_t ng_utf8_encode(uint32_t cp, char *out);
bool ng_cp_is_letter(uint32_t cp);
bool ng_cp_is_upper(uint32_t cp);
bool ng_cp_is_digit(uint32_t cp);
bool ng_cp_is_space(uint32_t cp);
uint32_t ng_cp_lower(uint32_t cp);
/* Code point length of a UTF-8 string that is known to be valid. */
size_t ng_utf8_length(const char *s, size_t len);

/* ---------------------------------------------------------------- lexicon (lexicon.c) */

typedef enum {
    NG_KIND_NONE = 0,
    NG_KIND_PERSON,
    NG_KIND_STATE,
    NG_KIND_ORGANISATION,
    NG_KIND_GROUP,
    NG_KIND_PLACE,
    NG_KIND__COUNT
} NgActorKind;

typedef enum { NG_FORM_NAME, NG_FORM_DEMONYM, NG_FORM_METONYM } NgFormRole;

typedef enum {
    NG_CUE_EVENT,
    NG_CUE_REPORTING,
    NG_CUE_HEDGE,
    NG_CUE_PREDICTION,
    NG_CUE_NEGATION,
    NG_CUE_OMISSION,
    NG_CUE_ASSESSMENT,
    NG_CUE_RELATION,
    NG_CUE_GROUP,
    NG_CUE_TITLE,
    NG_CUE_ORGHEAD,
    NG_CUE_HEADING,
    NG_CUE_ABBREVIATION,
    NG_CUE_BOILERPLATE,
    NG_CUE_MONTH,
    NG_CUE_RECIPROCAL,
    NG_CUE_CONDITIONAL,
    NG_CUE_VERBCLASS,   /* a WordNet verb class whose past-tense main verbs trigger events */
    NG_CUE_AGENTCLASS,  /* a WordNet noun class whose heads can be such a verb's subject */
    NG_CUE_PLACECLASS,  /* a WordNet noun class whose heads are places: such a verb's object */
    NG_CUE_TIMEWORD,    /* a word that says when: "afterwards", "week", "Monday" */
    NG_CUE_COMITATIVE,  /* "alongside", "together with": who shares the subject's relation */
    NG_CUE_EVENTNOUNCLASS, /* a WordNet noun class whose nouns tied to an actor are events */
    NG_CUE_QUALITYCLASS,   /* a WordNet noun class of qualities and ideas: no object taken */
    NG_CUE__COUNT
} NgCueKind;

/* Cues of these kinds are looked up word by word (ng_lexicon_find_cue), never matched in the
 * text: WordNet classes, and the time words of a verb's complement. */
static inline bool ng_cue_kind_looked_up(int kind)
{
    return kind == NG_CUE_VERBCLASS || kind == NG_CUE_AGENTCLASS || kind == NG_CUE_PLACECLASS ||
           kind == NG_CUE_TIMEWORD || kind == NG_CUE_EVENTNOUNCLASS || kind == NG_CUE_QUALITYCLASS;
}

/* Cues of these kinds are matched in running text by phrase (match_cues): not the looked-up
 * ones, nor abbreviations, boilerplate and heading cues, which have matchers of their own. */
static inline bool ng_cue_kind_in_text(int kind)
{
    return kind != NG_CUE_ABBREVIATION && kind != NG_CUE_BOILERPLATE && kind != NG_CUE_HEADING &&
           !ng_cue_kind_looked_up(kind);
}

/* Closed classes of English function words that the clause rules ask about (ng:WordClass in
 * data/lexicon/cues-grammar.ttl, each entry's ng:word literals).  C names the classes it asks
 * about; which words each holds is data.  A word may be in several classes. */
typedef enum {
    NG_WC_DEFINITE,          /* the */
    NG_WC_INDEFINITE,        /* a, an, another */
    NG_WC_DEMONSTRATIVE,     /* this, that, these, those */
    NG_WC_POSS_PERSON,       /* his, her, my, your */
    NG_WC_POSS_THING,        /* its */
    NG_WC_POSS_GROUP,        /* their, our */
    NG_WC_QUANTIFIER,        /* some, most, many, several, both, each, every, no, ... */
    NG_WC_DUAL,              /* both, two: a pair */
    NG_WC_CARDINAL,          /* one, two, three, ... */
    NG_WC_ORDINAL,           /* first, second, ..., final */
    NG_WC_ENUMERATOR,        /* first, second, finally, lastly: opening an item of a list */
    NG_WC_PRON_PERSON,       /* he, she */
    NG_WC_PRON_THING,        /* it */
    NG_WC_PRON_GROUP,        /* they, we, and the speaker and addressee: i, you */
    NG_WC_BE,                /* be, is, are, was, ... */
    NG_WC_PAST_BE,           /* was, were */
    NG_WC_HAVE,              /* have, has, had */
    NG_WC_DO,                /* do, does, did */
    NG_WC_MODAL,             /* will, would, can, could, may, might, must, ... */
    NG_WC_ABILITY,           /* can, could: "could not" is an impossibility, not a doubt */
    NG_WC_NECESSITY,         /* have, need: "would have to" is a necessity, not a forecast */
    NG_WC_PRESENT,           /* is, are, has, does, can, must, remains: present tense */
    NG_WC_CHANGE,            /* become, remain: copulas of change and state */
    NG_WC_NEGATOR,           /* not, never */
    NG_WC_PRIVATIVE,         /* without */
    NG_WC_AND,               /* and */
    NG_WC_OR,                /* or, nor */
    NG_WC_BUT,               /* but */
    NG_WC_COMPLEMENTIZER,    /* that */
    NG_WC_RELATIVE,          /* which, who, whom, whose */
    NG_WC_INTERROGATIVE,     /* whether */
    NG_WC_TEMPORAL_CONJ,     /* when, since, after, before, until, while, as */
    NG_WC_CONDITIONAL_CONJ,  /* if, unless */
    NG_WC_CONCESSIVE,        /* although, though */
    NG_WC_CONTRASTIVE,       /* whereas, while */
    NG_WC_ARGUMENT,          /* because, therefore, despite, however, ...: cause and concession */
    NG_WC_PREPOSITION,       /* of, in, on, at, to, from, for, with, by, ... */
    NG_WC_AFFILIATION,       /* of, at, from: "an analyst at ...", "Dr. X of ..." */
    NG_WC_VENUE,             /* to, in, at: where an event takes place */
    NG_WC_DIRECTION,         /* to, from, into, back, home, abroad, ...: where a movement goes */
    NG_WC_LOCATIVE,          /* in, at, on, near, inside */
    NG_WC_TEMPORAL_PREP,     /* in, on, at, by, during, within, after, ... */
    NG_WC_AGENT,             /* by: the agent of a passive */
    NG_WC_PURPOSE,           /* for */
    NG_WC_GENITIVE,          /* of */
    NG_WC_INFINITIVE,        /* to */
    NG_WC_PARTICLE,          /* back, out, off, away, up, down: a phrasal verb's particle */
    NG_WC_IDIOM_PARTICLE,    /* through, into, ahead, ...: a particle that makes an idiom */
    NG_WC_TIME_MODIFIER,     /* last, next, early, late, following, ... */
    NG_WC_SEQUENCE,          /* later, afterwards, then */
    NG_WC_SEQUEL,            /* next, following: "the next day" */
    NG_WC_FOCUS,             /* also, still, only, now, already, ... */
    NG_WC_CHARACTERISING,    /* what after "was" characterises: "the", "not", "more", "among" */
    NG_WC_APPOSITION,        /* so, called, so-called */
    NG_WC_STATE_NOUN,        /* nations, countries: "the two nations" */
    NG_WC_PARTY_NOUN,        /* sides, parties: "both sides", the article's two parties */
    NG_WC_GOVERNMENT_NOUN,   /* government, authorities, junta: "the government" is a state */
    NG_WC_LEADER_NOUN,       /* leaders, presidents: "the two leaders" */
    NG_WC_BLOC_NOUN,         /* blocs, alliances: "the two blocs" are organisations */
    NG_WC_CONTENDING,        /* rival, competing: "rival claims" are nouns */
    NG_WC_NAME_CONNECTOR,    /* of, for, and, the, on: lower-case words inside a name */
    NG_WC_NAME_PARTICLE,     /* da, de, von, der, al, bin: particles of a personal name */
    NG_WC_DEGREE,            /* further, more, even: transparent inside a cue phrase */
    NG_WC_BACKGROUND,        /* before, after, when, if, because: a clause that is not the claim */
    NG_WC__COUNT
} NgWordClass;

/* One word class as a bit of a word's class set. */
#define NG_WC(k) ((uint64_t)1 << (k))

typedef struct {
    char *iri;          /* the lexicon entry's IRI */
    char *label;        /* skos:prefLabel */
    char *slug;         /* stable slug of the label, for minted IRIs */
    NgActorKind kind;
    char *class_iri;    /* the ontology class it was typed with */
    char *same_as;      /* a Wikidata IRI, or NULL */
    char **leader_of;   /* IRIs of actors it leads */
    size_t leader_of_count;
} NgLexActor;

typedef struct {
    char *text;         /* the surface form, as written */
    size_t actor;       /* index into actors */
    NgFormRole role;
} NgLexForm;

typedef struct {
    NgCueKind kind;
    char *iri;
    char *lemma;        /* skos:prefLabel */
    char **forms;       /* skos:altLabel */
    size_t form_count;
    char *evokes;       /* ng:evokes IRI, or NULL */
    bool reversed;      /* ng:reversed */
    bool aspectual;     /* ng:aspectual */
    bool needs_to;      /* ng:needsInfinitive */
    bool needs_possessor; /* ng:needsPossessor: only in "X is Y's CUE" */
    bool source_follows;  /* ng:sourceFollows: the source comes after ("according to X") */
    bool commitment;      /* ng:commitment: the source binds itself ("pledge", "vow") */
    bool needs_actor_object; /* ng:needsActorObject: a verb class that needs an actor after it */
    bool dated_finding;      /* ng:datedFinding: only an organisation's finding on a date */
    bool heads;              /* ng:headsBody: a title of the one who leads the body before it */
    bool someone_object;     /* ng:someoneAsObject: a direct object must be someone ("met the envoy") */
    int month;          /* ng:monthNumber, 0 when none */
} NgLexCue;

typedef struct {
    char *s, *p, *o;    /* o is the lexical form for literals */
    char *datatype;     /* NULL for IRIs and plain literals */
    char *lang;
    bool o_is_literal;
    size_t graph;       /* in an NgGraph: the named graph it belongs to (ng_graph_name), 0 for the
                         * default graph; unused elsewhere */
    unsigned line, file; /* in a lexicon: where it was read (the line raptor was at, 0 when
                          * unknown; an index into NgLexiconImpl.files) */
    size_t o_len;       /* from an NgGraph's cursor: 0, or o is a text the graph borrows
                         * (ng_graph_put_text), o_len bytes and no NUL after them */
} NgTriple;

/* WordNet's answers, memoized (defined with the WordNet look-ups in the match section). */
typedef struct NgLemmaMemo NgLemmaMemo;

struct NgLexiconImpl {
    NgLemmaMemo *memo;
    NgTriple *triples;
    size_t triple_count, triple_cap;
    char **files;              /* the names of the files (or buffers) loaded, for NgTriple.file */
    size_t file_count, file_cap;
    /* the index, rebuilt from all triples after every successful load */
    NgLexActor *actors;
    size_t actor_count;
    NgLexForm *forms;
    size_t form_count;
    NgLexCue *cues;
    size_t cue_count;
    NgMap actor_by_iri;
    NgMap form_by_text;        /* exact surface form -> index into forms */
    NgMap form_first;          /* first token of any form (and its lower-case variant) -> 1 */
    NgMap irregular;           /* WordNet's verb.exc/noun.exc inflected forms -> 1 */
    NgMap cue_words;           /* every word of every cue lemma and form, lower case -> 1 */
    NgMap cue_by_form[NG_CUE__COUNT]; /* lower-cased lemma or form -> index into cues */
    NgMap cue_prefixes;        /* every key of a kind matched in text, and its first 1, 2 ... words */
    NgMap word_class_of;       /* lower-case word -> index into word_classes */
    uint64_t *word_classes;    /* the class sets (NG_WC bits) of the words of word_class_of */
    size_t word_count;
    size_t max_form_tokens;    /* longest surface form, in words */
    size_t max_cue_tokens;
    /* rdfs:subClassOf pairs, for materializing super-types */
    char **sub, **super;
    size_t subclass_count;
    NgMap super_first;         /* sub-class IRI -> its first pair; super_next[i]: its next, or SIZE_MAX */
    size_t *super_next;
    NgMap typed;               /* "IRI CLASS" for every rdf:type triple (IRIs hold no space) -> 1 */
};

/* Checks what the loaded lexicon says against the ontology loaded with it (lexicon_check.c):
 * every ng: type is a class it declares, every ng: property one it declares, every lexicon entry
 * that is named (ng:leaderOf ngl:X) exists.  Each typo is reported as file:line:col; NG_ERR_DATA
 * when there is any. */
NgStatus ng_lexicon_check(const NgLexicon *lexicon, const NgDiag *diag);

/* Calls `fn` for every super-class of `class_iri` (transitively, each once, not itself). */
void ng_lexicon_each_superclass(const NgLexicon *lexicon, const char *class_iri,
                                void (*fn)(void *ud, const char *super_iri), void *ud);
/* Does the loaded ontology type `iri` with `type_iri` (e.g. owl:SymmetricProperty)? */
bool ng_lexicon_has_type(const NgLexicon *lexicon, const char *iri, const char *type_iri);
/* The word classes (NG_WC bits) of a lower-case word; 0 when it is in none. */
uint64_t ng_lexicon_word_classes(const NgLexicon *lexicon, const char *lower, size_t len);
/* The local name of a word class in the lexicon namespace ("words-definite-article"). */
const char *ng_word_class_name(NgWordClass k);
/* Looks a cue up by its lower-cased lemma or form; returns its index or SIZE_MAX. */
size_t ng_lexicon_find_cue(const NgLexicon *lexicon, NgCueKind kind, const char *text, size_t len);
/* The same, `hash` being ng_hash(text, len). */
size_t ng_lexicon_find_cue_hashed(const NgLexicon *lexicon, NgCueKind kind, uint64_t hash,
                                  const char *text, size_t len);
/* Normalizes a surface form for lookup: curly apostrophes and hyphens to ASCII, white space runs to
 * one space, lower case when asked.  Returns a new string the caller frees, NULL on no memory. */
char *ng_form_key(const char *s, size_t len, bool lower);
/* Appends the key of s[0..len) to `b` (len 0 to start a key); *space (false to start) carries a
 * pending white-space run from one call to the next, so a slice keyed piece by piece gets the key
 * of the whole. */
NgStatus ng_form_key_append(NgBuf *b, const char *s, size_t len, bool lower, bool *space);
/* The ontology class IRI for an actor kind. */
const char *ng_kind_class(NgActorKind kind);
const char *ng_kind_name(NgActorKind kind);

/* ---------------------------------------------------------------- read (read.c) */

struct NgDocumentImpl {
    char *name;
    char *text;          /* normalized, NUL-terminated */
    size_t size;
    size_t *cp_marks;    /* code point offset at every NG_CP_STRIDE-th byte */
    size_t cp_mark_count;
};
#define NG_CP_STRIDE 64

/* ---------------------------------------------------------------- segment (segment.c) */

struct NgSegmentsImpl {
    const NgDocument *doc;
    const NgLexicon *lexicon;
    NgSpan title;
    NgSpan content;
    NgSection *sections;
    size_t section_count, section_cap;
    NgSentence *sentences;
    size_t sentence_count, sentence_cap;
    size_t work;          /* steps taken (lines, characters, quote-scan bytes): tests check it
                           * grows linearly with the input (tests/test_limits.c) */
    size_t section_base;  /* the global index of sections[0] (segment.c's parts) */
    bool first_continued; /* sections[0] goes on from the part before: its span begins here */
    bool last_open;       /* the last section goes on into the next part: its span ends here */
};

/* Reads a document a part at a time (segment.c): each part is an NgSegments of whole paragraphs
 * (a paragraph or line longer than a part is cut), of about part_bytes bytes. */
typedef struct NgSegmenter NgSegmenter;
#define NG_MIN_PART_BYTES ((size_t)64)
NgStatus ng_segmenter_new(const NgDocument *doc, const NgLexicon *lexicon, size_t part_bytes,
                          NgSegmenter **out);
/* The next part (caller frees), or *out NULL when the document is done. */
NgStatus ng_segmenter_next(NgSegmenter *segmenter, NgSegments **out);
void ng_segmenter_free(NgSegmenter *segmenter);

/* One article's graph built a part at a time (graph.c): new, add each part's extraction, end
 * (what the parts add up to), free (NULL is fine).  ng_graph_add_extraction is one part. */
typedef struct NgGraphArticle NgGraphArticle;
NgStatus ng_graph_article_new(NgGraph *graph, const NgDocument *doc, NgProfile profile,
                              NgGraphArticle **out);
NgStatus ng_graph_article_add(NgGraphArticle *article, const NgExtraction *x);
NgStatus ng_graph_article_end(NgGraphArticle *article);
void ng_graph_article_free(NgGraphArticle *article);
/* The IRI an article read from the file `name` gets in `graph`: BASE article/SLUG, the slug of its
 * file name without directory and extension.  Caller frees; NULL on no memory. */
char *ng_graph_article_iri(const NgGraph *graph, const char *name);

/* ---------------------------------------------------------------- match (match.c) */

typedef struct {
    NgSpan span;
    size_t sentence;
    char *lower;        /* lower-cased, apostrophes normalized */
    char *lemma;        /* WordNet base form (or `lower`) */
    bool word;          /* letters or digits (false: punctuation) */
    bool capitalized;   /* starts with an upper-case letter */
    bool sentence_start;
} NgToken;

typedef enum { NG_M_ACTOR, NG_M_CUE, NG_M_NAME } NgMatchType;

typedef struct {
    NgMatchType type;
    NgSpan span;
    size_t sentence;
    size_t tok_begin, tok_end; /* token range [b, e) */
    size_t ref;                /* actor (NG_M_ACTOR) or cue (NG_M_CUE) index in the lexicon */
    NgFormRole role;           /* for actors */
    NgCueKind cue_kind;        /* for cues */
    bool shadowed;             /* an actor form inside a longer name run: a mention only when
                                * that name becomes no actor ("West African diplomat") */
} NgMatch;

struct NgMatchesImpl {
    const NgSegments *segments;
    const NgLexicon *lexicon;
    NgToken *tokens;
    size_t token_count, token_cap;
    size_t *sentence_first_token; /* per sentence: its first token; [count] = token_count */
    NgMatch *matches;             /* ordered by position */
    size_t match_count, match_cap;
    size_t work;                  /* steps taken (tokens, look-ups, comparisons); see test_limits */
};

/* Name runs of one sentence's tokens [tb, te) (match_names.c).  lex_len[i - tb] is the length of
 * the lexicon form the matcher found at token i (0: none); a form that a longer name holds is set
 * to 0.  run_end[i - tb] is the end of a name run starting at token i, 0 where none starts. */
NgStatus ng_match_name_runs(NgMatches *m, size_t tb, size_t te, size_t *lex_len, size_t *run_end);
/* match_wordnet.c: the bytes of a WordNet stream, mapped by match.c, for WordNet's binary searches
 * (held, not owned; they must outlive the process's WordNet use).  Called under the WordNet lock. */
void ng_wordnet_register(FILE *fp, const char *bytes, size_t len);
/* Does WordNet know the lower-case word as a common English word: a verb, an adjective, an adverb
 * or a noun whose commonest sense is no proper name?  Memoized for the lexicon's lifetime. */
NgStatus ng_wordnet_common(const NgLexicon *lexicon, const char *lower, bool *common);
/* What WordNet knows of a lower-case word: NG_WN_ bits (a common noun, a verb, an adjective, an
 * adverb, a proper name, a plural noun form).  Memoized for the lexicon's lifetime. */
enum { NG_WN_NOUN = 1, NG_WN_VERB = 2, NG_WN_ADJ = 4, NG_WN_ADV = 8, NG_WN_NAME = 16, NG_WN_PLURAL = 32 };
NgStatus ng_wordnet_pos(const NgLexicon *lexicon, const char *lower, unsigned *pos);
/* The WordNet lexicographer files of the first three noun senses of a lower-case word, space-
 * separated ("noun.possession noun.location"); *out NULL when none.  Memoized; caller frees. */
NgStatus ng_wordnet_noun_files(const NgLexicon *lexicon, const char *lower, char **out);

/* The order of NgMatches.matches, for qsort: by first token, the longer match first, then by
 * type and cue kind. */
int ng_match_compare(const void *a, const void *b);

/* WordNet (match.c).  WordNet keeps process-wide state of its own, so match.c calls into it under
 * one lock; its answers are memoized here, for the lexicon's lifetime, shared by every article
 * (and thread) matched against it: logically part of the read-only lexicon, so the memo lives
 * behind the lexicon's pointer, with its own lock.  lexicon.c creates and frees it. */
struct NgLemmaMemo {
    pthread_mutex_t lock;
    NgMap index;       /* lower-case word (or "POS word" for a class) -> slot in values */
    char **values;     /* its lemma (NULL when the word is its own lemma), or its class */
    size_t count, cap;
};

/* Where WordNet files the most frequent sense of a lower-case word as a verb (pos 'v') or a noun
 * ('n'): its lexicographer file, then its hypernyms' first words, most specific first, separated by
 * spaces ("verb.motion travel"); *out is NULL when WordNet does not know it.  Memoized for the
 * lexicon's lifetime; the caller frees *out. */
NgStatus ng_wordnet_class(const NgLexicon *lexicon, const char *lemma, char pos, char **out);

/* ---------------------------------------------------------------- extract (extract.c) */

typedef enum { NG_MOD_ASSERTED, NG_MOD_HEDGED, NG_MOD_PREDICTED, NG_MOD_REPORTED } NgModality;
typedef enum { NG_CLAIM_ASSESSMENT, NG_CLAIM_DECLARATION, NG_CLAIM_PREDICTION, NG_CLAIM_OMISSION } NgClaimKind;

typedef struct {
    NgSpan *items;
    size_t count, cap;
    bool unsorted;      /* false while items are in increasing (begin, end) order */
} NgSpanList;

typedef struct {
    size_t *items;
    size_t count, cap;
    bool unsorted;      /* false while items are increasing */
} NgIndexList;

/* Both keep each value once (one implementation, in util.c).  Appending in increasing order (the
 * usual case: text order, index order) costs O(1); a value out of order costs a binary search
 * while the list is still sorted, else a scan.  `work` (may be NULL) is increased by the number
 * of items compared. */
NgStatus ng_index_list_add(NgIndexList *l, size_t v);
NgStatus ng_span_list_add_counted(NgSpanList *l, NgSpan s, size_t *work);
NgStatus ng_index_list_add_counted(NgIndexList *l, size_t v, size_t *work);
bool ng_index_list_has(const NgIndexList *l, size_t v);

typedef struct {
    size_t lex;           /* lexicon actor index, SIZE_MAX when not in the lexicon */
    char *label;          /* canonical name */
    char *slug;
    NgActorKind kind;
    const char *same_as;  /* borrowed from the lexicon */
    NgSpanList mentions;
    char *alt[2];         /* other names not seen as mentions ("analysts" for "Some analysts") */
} NgXActor;

typedef struct {
    const char *class_iri;  /* borrowed from the lexicon (a cue's ng:evokes) */
    char *label;
    NgIndexList actors;
    char time[16];          /* "2019" or "2019-06-12"; empty when unknown */
    size_t place;           /* actor index or SIZE_MAX */
    NgSpanList spans;
    NgModality modality;
    size_t sentence;        /* first sentence that states it */
} NgXEvent;

typedef struct {
    NgSpan span;
    size_t sentence;
    size_t source;          /* actor index; SIZE_MAX: the article (its author) */
    NgModality modality;
    NgClaimKind kind;
    bool negated;
    NgIndexList about_actors;
    NgIndexList about_events;
} NgXClaim;

typedef struct {
    size_t subject, object;
    const char *property;   /* borrowed from the lexicon */
    NgSpan span;
    size_t sentence;
} NgXRelation;

/* What the extractor looked at and did not take, for `explain`: a capitalised name that became
 * no actor, a sentence or segment kept out of the claims.  `kind` and `why` are static strings. */
typedef struct {
    NgSpan span;
    size_t sentence;
    const char *kind;       /* "name", "sentence" */
    const char *why;
} NgXNote;

/* graph_store.c: the triples of the graph in the order added, or NULL once a run has been
 * spilled (ng_graph_spilled_runs); for tests.  Writers read a cursor. */
const NgTriple *ng_graph_triples(const NgGraph *graph);
/* The memory a graph's run of triples (and their strings) may take before it is sorted and
 * written to a temporary file (issue 14, finding 9).  Set per graph by ng_graph_set_run_bytes. */
#define NG_GRAPH_RUN_BYTES ((size_t)16 << 20)
void ng_graph_set_run_bytes(NgGraph *graph, size_t bytes);
size_t ng_graph_run_bytes(const NgGraph *graph);
/* How many runs the graph has spilled to its temporary file so far. */
size_t ng_graph_spilled_runs(const NgGraph *graph);
/* The base IRI the graph was made with (borrowed). */
const char *ng_graph_base(const NgGraph *graph);
/* Adds a triple (copies of its strings) to the named graph in use. */
NgStatus ng_graph_put(NgGraph *graph, const char *s, const char *p, const char *o, bool literal,
                      const char *datatype, const char *lang);
/* Adds a literal triple whose value is the `len` bytes at `text` (no NUL among them), without a
 * copy when the graph borrows texts (ng_graph_set_borrow_texts) and it is longer than
 * NG_GRAPH_TEXT_BYTES: then it never enters a run, the cursor hands it out at its sorted place
 * with o_len set, and `text` must outlive every cursor of the graph.  Else ng_graph_put. */
#define NG_GRAPH_TEXT_BYTES ((size_t)64 << 10)
NgStatus ng_graph_put_text(NgGraph *graph, const char *s, const char *p, const char *text,
                           size_t len);
/* Lets ng_graph_put_text borrow (false by default): only for a graph whose triples are read,
 * o_len-aware (app_corpus.c's N-Triples), while the texts given to it live. */
void ng_graph_set_borrow_texts(NgGraph *graph, bool borrow);
/* How many texts the graph borrows. */
size_t ng_graph_borrowed_texts(const NgGraph *graph);
/* Makes `name` (NULL: the default graph) the graph that ng_graph_put puts triples into, giving
 * it an index the first time. */
NgStatus ng_graph_use(NgGraph *graph, const char *name);
/* A cursor over the graph's triples, sorted and without duplicates (the same triple in the same
 * named graph): by the named graph's IRI (the default graph first), then ng_triple_compare when
 * `graph_first`, else by ng_triple_compare, then the graph.  Spilled runs are merged with the
 * run in memory.  The graph must not change while the cursor is open; free it with
 * ng_graph_cursor_free. */
typedef struct NgGraphCursor NgGraphCursor;
NgStatus ng_graph_cursor_new(const NgGraph *graph, bool graph_first, NgGraphCursor **out);
/* The next triple in *t (borrowed until the next call; t->graph its graph's index for
 * ng_graph_name), or NULL at the end; *same: it is the triple before but in another graph. */
NgStatus ng_graph_cursor_next(NgGraphCursor *c, const NgTriple **t, bool *same);
void ng_graph_cursor_free(NgGraphCursor *c);
/* The IRI of named graph `i` of the graph (borrowed), NULL for 0, the default graph.  An article's
 * triples are in the graph named by its IRI; what the actors are whatever the article (their
 * types, labels, sameAs) in the shared graph NG_ACTORS_GRAPH under the base. */
const char *ng_graph_name(const NgGraph *graph, size_t i);
#define NG_ACTORS_GRAPH "graph/actors"
/* Adds a copy of `t` to the graph, in the named graph `name` (NULL: the default graph). */
NgStatus ng_graph_add_triple(NgGraph *graph, const NgTriple *t, const char *name);
/* The order every writer sorts triples in, for byte-identical output: subject, predicate, IRIs
 * before literals, object, datatype, language (no datatype or language first).  A qsort
 * comparator over arrays of `const NgTriple *`. */
int ng_triple_compare(const void *pa, const void *pb);

/* app_corpus_nt.c: N-Triples lines.  ng_nt_line appends t's line (an N-Quads line when `graph`
 * is not NULL) to b.  An NgNtOut writes lines to an open file, rendered into a buffer that a
 * thread of its own (when `thread` and one can be started) writes while the next is rendered; the
 * bytes arrive in order.  From ng_nt_out_new (which flushes f) to ng_nt_out_end nothing else may
 * write f.  ng_nt_out_end writes what is left, frees the NgNtOut and returns the first failure
 * (NG_ERR_IO with errno set). */
NgStatus ng_nt_line(NgBuf *b, const NgTriple *t, const char *graph);
typedef struct NgNtOut NgNtOut;
NgStatus ng_nt_out_new(FILE *f, bool thread, NgNtOut **out);
NgStatus ng_nt_out_line(NgNtOut *out, const NgTriple *t, const char *graph);
NgStatus ng_nt_out_bytes(NgNtOut *out, const char *bytes, size_t n);
NgStatus ng_nt_out_end(NgNtOut *out);

/* app_remote_parts.c: how push cuts the file `path` of `size` bytes into requests.  *part is the
 * most bytes one request sends (the whole file when it is not N-Triples or has blank nodes, said
 * in a note when parts were asked for), *parts how many requests that makes; NG_ERR_IO, reported,
 * when the file cannot be read.  ng_remote_part_end gives the end of the part that starts at
 * `start`: just past the first line end at or after start + part - 1, or the end of the file. */
NgStatus ng_remote_plan_parts(FILE *f, const char *path, off_t size,
                              const NgRemoteOptions *options, const NgDiag *diag,
                              off_t *part, unsigned *parts);
NgStatus ng_remote_part_end(FILE *f, off_t start, off_t part, off_t size, off_t *end);

struct NgExtractionImpl {
    const NgMatches *matches;
    NgXActor *actors;
    size_t actor_count, actor_cap;
    NgXEvent *events;
    size_t event_count, event_cap;
    NgXClaim *claims;
    size_t claim_count, claim_cap;
    NgXRelation *relations;
    size_t relation_count, relation_cap;
    NgXNote *notes;
    size_t note_count, note_cap;
    size_t work;          /* steps taken (comparisons in the per-sentence scans); see test_limits */
};

#endif /* NG_INTERNAL_H */
