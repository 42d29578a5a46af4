/*
 * newsgraph.h — the whole public API of libnewsgraph.
 *
 * newsgraph turns a news-analysis article into an RDF knowledge graph.  The pipeline, one module per
 * stage, each knowing only the stage before it:
 *
 *   read      bytes on disk        -> NgDocument  (validated UTF-8, LF line ends, code-point offsets)
 *   segment   NgDocument           -> NgSegments  (title, sections, paragraphs, sentences)
 *   match     NgSegments + lexicon -> NgMatches   (actor mentions and cue words per sentence)
 *   extract   NgMatches            -> NgExtraction (actors, events, claims, relations)
 *   graph     NgExtraction         -> NgGraph     (triples following docs/contract.md)
 *   serialize NgGraph              -> Turtle / N-Triples / RDF/XML, written atomically
 *   store     Turtle               -> a Redland store;  query: SPARQL over a store or files
 *
 * Conventions (stated once, valid everywhere):
 *   - Every fallible function returns NgStatus; NG_SUCCESS is 0.  ng_strerror() names each status.
 *   - Handles are opaque.  A function named *_new or taking an `NgX **out` hands the caller a new
 *     object that the caller owns and frees with the matching *_free.  Every *_free accepts NULL.
 *   - Pointer arguments are borrowed for the duration of the call unless a comment says "becomes
 *     owned by".  Strings returned by accessors are borrowed from their object and live as long as it.
 *   - Offsets in NgSpan are BYTE offsets into ng_document_text(); the graph converts them to Unicode
 *     code point offsets (what nif:beginIndex counts) with ng_document_cp_offset().
 *   - Diagnostics go to one sink (NgDiag) as "file:line:col: error: message".  No global state.
 */
#ifndef NEWSGRAPH_H
#define NEWSGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NG_VERSION "0.1.0"

/* ---------------------------------------------------------------- status and diagnostics */

typedef enum {
    NG_SUCCESS = 0,
    NG_ERR_NOMEM,      /* out of memory */
    NG_ERR_IO,         /* a file could not be opened, read, written or closed */
    NG_ERR_ENCODING,   /* input is not valid UTF-8 (or holds NUL bytes) */
    NG_ERR_EMPTY,      /* input holds no text */
    NG_ERR_TOO_LARGE,  /* input exceeds the configured size limit */
    NG_ERR_SYNTAX,     /* a Turtle or SPARQL text could not be parsed */
    NG_ERR_DATA,       /* data parsed but is not what newsgraph needs (e.g. an entry without label) */
    NG_ERR_BAD_ARG,    /* a caller passed an invalid argument */
    NG_ERR_STORE,      /* a triple store could not be opened or updated */
    NG_ERR_QUERY,      /* a query could not be prepared or executed */
    NG_ERR_INTERNAL    /* a library (raptor, librdf) failed unexpectedly */
} NgStatus;

/* Returns a short static English description of `status`; never NULL. */
const char *ng_strerror(NgStatus status);

typedef enum { NG_DIAG_ERROR, NG_DIAG_WARNING, NG_DIAG_NOTE } NgDiagLevel;

/* A diagnostic sink.  `file` may be NULL; `line`/`col` are 1-based, 0 when unknown. */
typedef void (*NgDiagFunc)(void *user_data, NgDiagLevel level, const char *file, unsigned line,
                           unsigned col, const char *message);

typedef struct {
    NgDiagFunc func;   /* NULL: diagnostics are dropped */
    void *user_data;
} NgDiag;

/* Formats a message and hands it to `diag` (which may be NULL). */
void ng_diag_report(const NgDiag *diag, NgDiagLevel level, const char *file, unsigned line,
                    unsigned col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* The standard sink: writes "file:line:col: error: message" lines to the FILE* in user_data,
 * each prefixed with `prefix` (e.g. "newsgraph: ") when the sink's user data is an NgDiagStream. */
typedef struct {
    FILE *stream;
    const char *prefix;
    unsigned errors;   /* counts NG_DIAG_ERROR messages written */
} NgDiagStream;
void ng_diag_stream_func(void *user_data, NgDiagLevel level, const char *file, unsigned line,
                         unsigned col, const char *message);

/* ---------------------------------------------------------------- spans */

typedef struct {
    size_t begin; /* byte offset, inclusive */
    size_t end;   /* byte offset, exclusive */
} NgSpan;

/* ---------------------------------------------------------------- lexicon (data, not code) */

typedef struct NgLexiconImpl NgLexicon;

/* Creates an empty lexicon. */
NgStatus ng_lexicon_new(NgLexicon **out);
void ng_lexicon_free(NgLexicon *lexicon);

/* Parses one Turtle file (an ontology or a lexicon file) and adds what it declares.  A syntax
 * error is reported through `diag` as file:line:col and returns NG_ERR_SYNTAX; the lexicon is then
 * left as it was before the call. */
NgStatus ng_lexicon_load_file(NgLexicon *lexicon, const char *path, const NgDiag *diag);

/* Parses Turtle held in memory; `name` is used in diagnostics and as the base IRI's file part. */
NgStatus ng_lexicon_load_string(NgLexicon *lexicon, const char *name, const char *turtle,
                                size_t len, const NgDiag *diag);

/* Loads every "*.ttl" file of a directory, in byte order of their names. */
NgStatus ng_lexicon_load_dir(NgLexicon *lexicon, const char *dir, const NgDiag *diag);

/* Counts, for reports and tests. */
size_t ng_lexicon_actor_count(const NgLexicon *lexicon);
size_t ng_lexicon_cue_count(const NgLexicon *lexicon);
size_t ng_lexicon_triple_count(const NgLexicon *lexicon);

/* ---------------------------------------------------------------- read */

typedef struct NgDocumentImpl NgDocument;

typedef struct {
    size_t max_size; /* bytes; 0 means NG_DEFAULT_MAX_SIZE */
} NgReadOptions;

#define NG_DEFAULT_MAX_SIZE ((size_t)16 * 1024 * 1024)

/* Reads and validates an article file: UTF-8 (a BOM is dropped), no NUL bytes, CRLF and CR turned
 * into LF.  Errors name the file, line and column through `diag`.  The path "-" reads standard
 * input, as the article "stdin". */
NgStatus ng_document_read_file(const char *path, const NgReadOptions *options, const NgDiag *diag,
                               NgDocument **out);

/* The same for bytes in memory; `name` stands for the file in diagnostics and IRIs. */
NgStatus ng_document_read_buffer(const char *name, const char *bytes, size_t len,
                                 const NgReadOptions *options, const NgDiag *diag,
                                 NgDocument **out);

void ng_document_free(NgDocument *doc);

const char *ng_document_name(const NgDocument *doc);   /* the path or name given */
const char *ng_document_text(const NgDocument *doc);   /* NUL-terminated normalized UTF-8 */
size_t ng_document_size(const NgDocument *doc);        /* bytes of text, without the NUL */
/* The code point offset of byte offset `byte` (which must lie on a character boundary). */
size_t ng_document_cp_offset(const NgDocument *doc, size_t byte);
/* The 1-based line and column (in code points) of byte offset `byte`. */
void ng_document_line_col(const NgDocument *doc, size_t byte, unsigned *line, unsigned *col);

/* ---------------------------------------------------------------- segment */

typedef struct NgSegmentsImpl NgSegments;

typedef struct {
    NgSpan span;        /* the whole section, heading included */
    NgSpan heading;     /* empty (begin == end) when the section has no heading */
    size_t first_sentence;
    size_t sentence_count;
} NgSection;

typedef struct {
    NgSpan span;
    size_t section;     /* index into the sections */
    size_t paragraph;   /* index of the paragraph within the document */
    bool heading;       /* the title or a section heading, kept as one "sentence" */
} NgSentence;

/* Splits a document into title, sections, paragraphs and sentences using the lexicon's
 * abbreviations, heading keywords and boilerplate lines.  `doc` and `lexicon` must outlive the
 * result. */
NgStatus ng_segment(const NgDocument *doc, const NgLexicon *lexicon, NgSegments **out);
void ng_segments_free(NgSegments *segments);

const NgDocument *ng_segments_document(const NgSegments *segments);
NgSpan ng_segments_title(const NgSegments *segments);      /* empty when there is none */
NgSpan ng_segments_content(const NgSegments *segments);    /* the text kept (boilerplate cut) */
size_t ng_segments_section_count(const NgSegments *segments);
const NgSection *ng_segments_section(const NgSegments *segments, size_t i);
size_t ng_segments_sentence_count(const NgSegments *segments);
const NgSentence *ng_segments_sentence(const NgSegments *segments, size_t i);

/* ---------------------------------------------------------------- match */

typedef struct NgMatchesImpl NgMatches;

/* Finds lexicon actor mentions, cue words and capitalised name candidates in every sentence. */
NgStatus ng_match(const NgSegments *segments, const NgLexicon *lexicon, NgMatches **out);
void ng_matches_free(NgMatches *matches);
size_t ng_matches_count(const NgMatches *matches);

/* ---------------------------------------------------------------- extract */

typedef struct NgExtractionImpl NgExtraction;

NgStatus ng_extract(const NgMatches *matches, NgExtraction **out);

/* What extraction may do.  A zeroed struct (or NULL) means every rule. */
typedef struct {
    const char *const *without; /* names of rules switched off, NULL-terminated; may be NULL */
} NgExtractOptions;

/* ng_extract with options; NG_ERR_BAD_ARG when `without` names no rule. */
NgStatus ng_extract_with(const NgMatches *matches, const NgExtractOptions *options, NgExtraction **out);

/* The named rules of extraction (docs/design.md): how many, and each one's name ("source.pronoun")
 * and example phrase, for `explain --rules`.  NULL past the last. */
size_t ng_extract_rule_count(void);
const char *ng_extract_rule_name(size_t i);
const char *ng_extract_rule_example(size_t i);
void ng_extraction_free(NgExtraction *extraction);
size_t ng_extraction_actor_count(const NgExtraction *x);
size_t ng_extraction_event_count(const NgExtraction *x);
size_t ng_extraction_claim_count(const NgExtraction *x);
size_t ng_extraction_relation_count(const NgExtraction *x);

/* Writes a compact, human-readable account of what was found in each sentence (for `explain`). */
NgStatus ng_extraction_explain(const NgExtraction *x, FILE *out);

/* ---------------------------------------------------------------- graph */

typedef struct NgGraphImpl NgGraph;

#define NG_DEFAULT_BASE "https://w3id.org/newsgraph/id/"
#define NG_NS "https://w3id.org/newsgraph/ns#"

/* Creates an empty graph whose minted IRIs live under `base` (copied; must end in '/' or '#'). */
NgStatus ng_graph_new(const char *base, NgGraph **out);
void ng_graph_free(NgGraph *graph);

/* Which classes a graph writes out (docs/contract.md, "Profiles"). */
typedef enum {
    NG_PROFILE_FULL, /* every super-class, for readers without inference (the default) */
    NG_PROFILE_LEAN  /* not the super-classes the contract's core and the questions never ask for:
                        nif:String, nif:OffsetBasedString, schema:Event, ng:Claim */
} NgProfile;

/* Adds the article, its text structure and everything extracted from it.  Classes are
 * materialized up their super-class chain from the ontology held by `lexicon`. */
NgStatus ng_graph_add_extraction(NgGraph *graph, const NgExtraction *x);
/* The same in the profile `profile` (ng_graph_add_extraction is NG_PROFILE_FULL). */
NgStatus ng_graph_add_extraction_profile(NgGraph *graph, const NgExtraction *x, NgProfile profile);

/* The size of the parts an article is read in (pipeline.c): articles up to this size are one. */
#define NG_DEFAULT_PART_BYTES ((size_t)256 * 1024)

/* Segments, matches and extracts `doc` and adds it to `graph`, as ng_graph_add_extraction_profile
 * does, a part of about `part_bytes` bytes (0: NG_DEFAULT_PART_BYTES) at a time, so that memory
 * stays bounded by the part whatever the article's size.  An article larger than a part loses the
 * links that cross a part's edge (docs/design.md, "Parts"). */
NgStatus ng_graph_add_document(NgGraph *graph, const NgDocument *doc, const NgLexicon *lexicon,
                               NgProfile profile, size_t part_bytes);

/* Low-level adders, for tests and for later stages.  Strings are copied. */
NgStatus ng_graph_add_iri(NgGraph *graph, const char *s, const char *p, const char *o);
NgStatus ng_graph_add_literal(NgGraph *graph, const char *s, const char *p, const char *value,
                              const char *datatype, const char *lang);
size_t ng_graph_triple_count(const NgGraph *graph);

/* Writes into `out` (size `cap`) a slug for `name`: lower case, letters and digits kept (non-ASCII
 * letters included), every other run of characters one '-', no leading or trailing '-'.  Never
 * empty: "x" when nothing is left.  Returns NG_ERR_BAD_ARG when `cap` is too small. */
NgStatus ng_slug(const char *name, char *out, size_t cap);

/* ---------------------------------------------------------------- serialize */

/* Graph formats.  N-Quads and TriG keep named graphs: each article's triples are in the graph
 * named by the article's IRI, what its actors are (types, labels, sameAs) in the graph shared by
 * every article, BASE "graph/actors"; the triple formats write the union. */
typedef enum {
    NG_FORMAT_TURTLE,
    NG_FORMAT_NTRIPLES,
    NG_FORMAT_RDFXML,
    NG_FORMAT_NQUADS,
    NG_FORMAT_TRIG
} NgFormat;

/* Parses "turtle" ("ttl"), "ntriples" ("nt"), "rdfxml" ("xml"), "nquads" ("nq") or "trig";
 * returns false for anything else. */
bool ng_format_parse(const char *name, NgFormat *format);

/* Does the format keep named graphs (N-Quads, TriG)? */
bool ng_format_has_graphs(NgFormat format);

/* Writes the graph, sorted (so output is byte-identical for equal graphs), to `stream`. */
NgStatus ng_graph_write_stream(const NgGraph *graph, NgFormat format, FILE *stream,
                               const NgDiag *diag);

/* Writes the graph to `path` atomically: a temporary file in the same directory, fsync, rename,
 * fsync of the directory.  A path that exists and is not a regular file (a device, a pipe) is
 * written directly.  On failure no new file is left behind and an existing one is untouched. */
NgStatus ng_graph_write_file(const NgGraph *graph, NgFormat format, const char *path,
                             const NgDiag *diag);

/* ================================================================================================
 * Stores, SPARQL and validation (store.c, query.c).  Kept apart from the pipeline above: these
 * stages read Turtle, not NgGraph, and work on Redland (librdf) stores.  See docs/queries.md.
 * ================================================================================================ */

/* ---------------------------------------------------------------- store */

typedef struct NgStoreImpl NgStore;

typedef enum {
    NG_STORE_SQLITE,  /* Redland's sqlite storage: the one file PATH */
    NG_STORE_HASHES,  /* Redland's hashes storage on Berkeley DB: PATH-sp2o.db, PATH-po2s.db... */
    NG_STORE_MEMORY   /* Redland's hashes storage with hash-type 'memory'; gone when freed */
} NgStoreKind;

/* The store used when none is named. */
#define NG_DEFAULT_STORE "sqlite:newsgraph.sqlite"

/* Opens the persistent store named by `spec`, "sqlite:PATH" or "hashes:PATH" (NULL means
 * NG_DEFAULT_STORE).  A `writable` store may not exist yet (the first commit creates it); a
 * read-only one must.  Fails with NG_ERR_BAD_ARG for a malformed spec, NG_ERR_IO when PATH's
 * directory is missing, NG_ERR_STORE when the file is not such a store or another process holds
 * its lock; each reported through `diag`. */
NgStatus ng_store_open(const char *spec, bool writable, const NgDiag *diag, NgStore **out);

/* Creates an empty in-memory store, for graphs given as files (query -d, validate). */
NgStatus ng_store_new_memory(const NgDiag *diag, NgStore **out);

/* Closes the store; anything staged but not committed is dropped.  Accepts NULL. */
void ng_store_free(NgStore *store);

NgStoreKind ng_store_kind(const NgStore *store);
/* The PATH of the spec, or "(memory)". */
const char *ng_store_path(const NgStore *store);

/* Parses a Turtle file (N-Triples when the name ends in ".nt", RDF/XML for ".rdf"/".owl", N-Quads
 * for ".nq", TriG for ".trig") into the store's staging area in memory.  An sqlite store keeps
 * each quad in its named graph; an in-memory store merges the graphs into one; a hashes store
 * keeps no named graphs and refuses a quad in one (NG_ERR_STORE). nothing reaches the store before ng_store_commit().  A file
 * over 64 MiB ($NEWSGRAPH_STAGE_MAX bytes) is only checked here and parsed again by the commit,
 * straight into the store, so memory does not grow with it.  A syntax error is reported as
 * file:line:col and returns NG_ERR_SYNTAX; everything staged so far is then dropped. */
NgStatus ng_store_stage_file(NgStore *store, const char *path, const NgDiag *diag);

/* The same for bytes in memory; `name` stands for the file in diagnostics and the base IRI. */
NgStatus ng_store_stage_buffer(NgStore *store, const char *name, const char *bytes, size_t len,
                               NgFormat format, const NgDiag *diag);

/* Adds everything staged, all or nothing: on any failure the store is left exactly as it was.
 * Triples already present are not added again.  `*added` (may be NULL) receives the number of new
 * data triples. */
NgStatus ng_store_commit(NgStore *store, const NgDiag *diag, size_t *added);

/* Like ng_store_commit, but each article's graph that the staged N-Quads or TriG files hold (a
 * named graph that holds "NAME rdf:type nif:Context") first empties the store's graph of that
 * name, so that a rebuilt article leaves nothing of its old version; then the actors that no graph
 * mentions any more (no ng:mentionCount of theirs is left) leave the named graphs too.  Other
 * graphs, and triples without one, are added as ng_store_commit adds them.  All or nothing.
 * sqlite stores only: hashes and in-memory stores keep no named graphs (NG_ERR_STORE, reported).
 * `*removed` (may be NULL) receives the number of triples taken out. */
NgStatus ng_store_commit_replace(NgStore *store, const NgDiag *diag, size_t *added,
                                 size_t *removed);

/* Removes the named graph `graph` (an article's) and, as ng_store_commit_replace does, the actors
 * that no other graph mentions, in one transaction.  NG_ERR_DATA, reported, when the store holds
 * no graph of that name; sqlite stores only.  `*removed` (may be NULL) receives the number of
 * triples taken out. */
NgStatus ng_store_drop_graph(NgStore *store, const char *graph, const NgDiag *diag,
                             size_t *removed);

/* Counts the store's named graphs (0 for a store that keeps none). */
NgStatus ng_store_graph_count(NgStore *store, const NgDiag *diag, size_t *graphs);

/* Counts the store's triples (the ontology's included when a load put it there). */
NgStatus ng_store_count(NgStore *store, const NgDiag *diag, size_t *triples);
/* Checks that the store is whole: SQLite's full integrity check for sqlite: (a writer runs its
 * quick check at open), then every triple read back through Redland and counted into *triples.
 * A damaged store is NG_ERR_STORE, its first problem reported. */
NgStatus ng_store_check(NgStore *store, const NgDiag *diag, size_t *triples);

/* ---------------------------------------------------------------- query */

typedef enum {
    NG_RESULTS_TABLE,    /* aligned columns with prefixed names; graphs as Turtle */
    NG_RESULTS_CSV,      /* W3C SPARQL 1.1 Query Results CSV */
    NG_RESULTS_TSV,      /* W3C SPARQL 1.1 Query Results TSV */
    NG_RESULTS_JSON,     /* W3C SPARQL 1.1 Query Results JSON */
    NG_RESULTS_XML,      /* W3C SPARQL Query Results XML */
    NG_RESULTS_TURTLE,   /* CONSTRUCT and DESCRIBE results */
    NG_RESULTS_NTRIPLES, /* CONSTRUCT and DESCRIBE results, one triple a line */
    NG_RESULTS_TEXT      /* whatever fits the query: tsv, true/false, or Turtle */
} NgResultsFormat;

/* Parses "table", "csv", "tsv", "json", "xml", "turtle" or "ntriples". */
bool ng_results_format_parse(const char *name, NgResultsFormat *format);

/* Runs the SPARQL query `sparql` (SELECT, ASK, CONSTRUCT or DESCRIBE) over the store and writes
 * its results to `out`.  `name` (the query file, or "-e") is used in diagnostics: a syntax error
 * is reported as name:line:col and returns NG_ERR_SYNTAX.  A format that does not fit the query
 * form (csv for CONSTRUCT, turtle for SELECT) returns NG_ERR_BAD_ARG.  `*count` (may be NULL)
 * receives the number of rows, or of triples, or the ASK answer (0 or 1). */
NgStatus ng_query_run(NgStore *store, const char *name, const char *sparql, NgResultsFormat format,
                      FILE *out, const NgDiag *diag, size_t *count);

/* A local query's limits (issue 14).  A query touches only the data it was given: SERVICE (which
 * Rasqal would send to another endpoint, or read from a file: IRI) and FROM / FROM NAMED with an
 * http:, https:, ftp: or file: IRI are refused unless `allow_fetch`.  More than `max_results`
 * rows (or triples) stop the query with NG_ERR_QUERY after what was written (0: no limit). */
typedef struct {
    bool allow_fetch;
    size_t max_results;
} NgQueryOptions;
#define NG_QUERY_MAX_RESULTS ((size_t)1000000) /* the command line's default --max-results */

/* ng_query_run with limits; ng_query_run is this with {false, 0}. */
NgStatus ng_query_run_with(NgStore *store, const char *name, const char *sparql,
                           NgResultsFormat format, const NgQueryOptions *options, FILE *out,
                           const NgDiag *diag, size_t *count);

/* Writes the store's counts: triples, named graphs, articles, actors by kind, events by kind,
 * claims by modality, as aligned text. */
NgStatus ng_stats_write(NgStore *store, FILE *out, const NgDiag *diag);

/* The same as text (NG_RESULTS_TABLE) or as one JSON object (NG_RESULTS_JSON): {"store",
 * "triples", "graphs", "articles", "actors": {"total", "by_kind": {KIND: N}}, "events": {...},
 * "claims": {"total", "by_modality": {...}}}. */
NgStatus ng_stats_write_as(NgStore *store, NgResultsFormat format, FILE *out, const NgDiag *diag);

/* Runs every "*.rq" file of `checks_dir` (in name order) over the store; each is a SELECT whose
 * rows are violations.  Writes one line per violation, "RULE: NODE (var value, ...)", where RULE
 * is the file's name without ".rq", NODE the row's ?node and the rest its other bound values;
 * before a rule's first violation, a line "# RULE: " and what the rule checks (the text after
 * "# checks:" in the file's comment).  Sets `*violations`. */
NgStatus ng_validate(NgStore *store, const char *checks_dir, FILE *out, const NgDiag *diag,
                     size_t *violations);

/* ================================================================================================
 * Pictures (app_render*.c, app_report.c): read back from a store with SPARQL, never from extraction
 * internals, so they work on any graph that follows the contract.  See docs/pictures.md.
 * ================================================================================================ */

typedef enum { NG_VIEW_NETWORK, NG_VIEW_TIMELINE } NgView;
typedef enum { NG_PICTURE_SVG, NG_PICTURE_PNG, NG_PICTURE_DOT } NgPictureFormat;

typedef struct {
    NgView view;
    size_t max_nodes;  /* keep the N most connected nodes (events for the timeline); 0: all */
} NgRenderOptions;

/* Parses "network" or "timeline". */
bool ng_view_parse(const char *name, NgView *view);

/* The picture format named by the extension of `path`: .svg, .png, .dot or .gv. */
bool ng_picture_format_of(const char *path, NgPictureFormat *format);

/* The picture format called `name`: svg, png, dot or gv. */
bool ng_picture_format_parse(const char *name, NgPictureFormat *format);

/* `render`'s default --max-nodes for the network: what stays legible on a page. */
#define NG_RENDER_NETWORK_NODES 40

/* Writes into *dot (caller frees) the Graphviz DOT text of a view of the store's graph; sorted, so
 * equal graphs give byte-identical text.  `*omitted` (may be NULL) receives the number of nodes
 * --max-nodes left out, which a caption under the picture also says. */
NgStatus ng_render_dot(NgStore *store, const NgRenderOptions *options, const NgDiag *diag,
                       char **dot, size_t *omitted);

/* Lays the view out with Graphviz and writes it to `path` (SVG, PNG, or the DOT text itself)
 * atomically: a temporary file renamed on success. */
NgStatus ng_render_file(NgStore *store, const NgRenderOptions *options, NgPictureFormat format,
                        const char *path, const NgDiag *diag, size_t *omitted);

/* Writes into *html (caller frees) one self-contained HTML page of the store's graph: every
 * article's text with its actor, event and claim spans highlighted, the network picture as inline
 * SVG, and tables of claims and events.  All text is escaped. */
NgStatus ng_report_html(NgStore *store, const NgDiag *diag, char **html);

/* The same page written to `path` atomically. */
NgStatus ng_report_write_file(NgStore *store, const char *path, const NgDiag *diag);

/* ================================================================================================
 * Corpus builds (app_corpus.c) and server triple stores over the SPARQL 1.1 protocols
 * (app_remote.c).  See docs/servers.md.
 * ================================================================================================ */

/* ---------------------------------------------------------------- article lists */

typedef struct NgPathsImpl NgPaths;

/* Creates an empty list of article paths. */
NgStatus ng_paths_new(NgPaths **out);
void ng_paths_free(NgPaths *paths);

/* Adds what one command-line argument names: a directory adds its "*.txt" and "*.md" files and
 * those of its sub-directories, recursively (hidden files and directories, and links to
 * directories, left out), in byte order of their paths; anything else, "-" (standard input)
 * among it, is added as it is.  A directory that cannot be read or holds no article is reported
 * through `diag` (NG_ERR_IO, NG_ERR_EMPTY). */
NgStatus ng_paths_add(NgPaths *paths, const char *arg, const NgDiag *diag);

/* Adds one path per line read from `list` (empty lines skipped, a CR before the LF dropped), each
 * as ng_paths_add adds it; `name` names the list in diagnostics. */
NgStatus ng_paths_add_list(NgPaths *paths, FILE *list, const char *name, const NgDiag *diag);

size_t ng_paths_count(const NgPaths *paths);
/* The i-th path (borrowed). */
const char *ng_paths_get(const NgPaths *paths, size_t i);

/* ---------------------------------------------------------------- atomic output files */

typedef struct NgOutputImpl NgOutput;

/* Opens an output for streaming: a regular file (or a new one) is written to a temporary file in
 * the same directory and only renamed over `path` by ng_output_commit(); a device, pipe or
 * symbolic link is written in place; NULL or "-" is standard output. */
NgStatus ng_output_open(const char *path, const NgDiag *diag, NgOutput **out);
/* The stream to write to (borrowed). */
FILE *ng_output_stream(NgOutput *output);
/* Flushes, fsyncs, closes and renames the temporary file into place; reports write errors. */
NgStatus ng_output_commit(NgOutput *output, const NgDiag *diag);
/* Closes the output; a temporary file not committed is removed.  Accepts NULL. */
void ng_output_free(NgOutput *output);

/* ---------------------------------------------------------------- corpus builds */

typedef struct {
    unsigned jobs;          /* worker threads; 0 means the number of online processors */
    const char *base;       /* as for ng_graph_new; NULL for NG_DEFAULT_BASE */
    size_t max_size;        /* as NgReadOptions.max_size */
    FILE *progress;         /* draws a one-line progress display here when not NULL */
    /* When *stop becomes non-zero (a signal handler sets it) the build stops after the articles
     * in progress and reports `stopped`.  May be NULL. */
    const volatile sig_atomic_t *stop;
    /* Keep named graphs (N-Quads, TriG): each article's triples in its own graph, with the
     * ng:mentionCount of its actors in that article; what the actors are in the shared graph,
     * each triple once.  Otherwise ng:mentionCount is the total over the corpus. */
    bool graphs;
    NgProfile profile;      /* the classes written (NG_PROFILE_FULL when zeroed) */
} NgCorpusOptions;

typedef struct {
    size_t total;           /* articles listed */
    size_t built;           /* articles whose triples were written */
    size_t skipped;         /* articles that failed (each reported with its path) */
    size_t triples;         /* triples written (N-Triples lines, or added to the merged graph) */
    size_t bytes;           /* bytes of article text read */
    size_t actors;          /* distinct actors */
    double seconds;         /* wall-clock time */
    bool stopped;           /* *stop was set: the output is incomplete and must be discarded */
} NgCorpusReport;

/* Builds the graph of every article of `paths` with `options.jobs` workers, which share the
 * read-only `lexicon`.  Actors are merged across articles: each actor triple is written once, and
 * ng:mentionCount is the total over the corpus (written after the last article), unless
 * options->graphs keeps each article's own.  With `merged`
 * NULL the triples are streamed to `ntriples` as N-Triples (N-Quads with options->graphs), article
 * by article in input order
 * (byte-identical for any number of workers), so memory holds only the actor index; otherwise
 * they are added to `merged` (for Turtle or a store) and nothing is written.  An article that
 * fails is reported through `diag` with its path and skipped; the build goes on.  Returns an
 * error only when the build itself fails (the output cannot be written, no memory). */
NgStatus ng_corpus_build(const NgLexicon *lexicon, const NgPaths *paths,
                         const NgCorpusOptions *options, FILE *ntriples, NgGraph *merged,
                         const NgDiag *diag, NgCorpusReport *report);

/* ---------------------------------------------------------------- SPARQL 1.1 protocols */

typedef struct {
    const char *endpoint;   /* the service URL (Graph Store or query endpoint) */
    const char *user;       /* NULL: no credentials (a netrc entry for the host is still used) */
    const char *password;   /* NULL: from netrc, when it has the host */
    const char *auth;       /* "any" (NULL), "basic" or "digest" */
    const char *graph;      /* query: the default-graph-uri to query (NULL: the server's) */
    long timeout;           /* seconds to connect, and the longest time without progress, 0: 30 */
    unsigned retries;       /* further attempts after a failure that may be transient (a refused
                             * or timed-out connection, HTTP 5xx or 429), 1 s, 2 s, 4 s... apart */
    unsigned long long part_size; /* push: an N-Triples file larger than this many bytes is sent
                             * in several requests, cut at line ends (0: always one request) */
} NgRemoteOptions;

/* A copy of `url` fit to print: a password in it (scheme://user:PASSWORD@host/...) becomes
 * "***".  NULL on no memory; the caller frees it.  Every URL newsgraph prints goes through it. */
char *ng_url_redact(const char *url);
/* Does `url` hold a password (user:PASSWORD@ before its host)? */
bool ng_url_has_password(const char *url);

/* Sends a Turtle or N-Triples file with the SPARQL 1.1 Graph Store HTTP Protocol: POST adds to
 * the graph `graph` (NULL: the default graph), PUT (`replace`) replaces it.  The file is streamed
 * from disk.  An N-Triples file (by its ".nt" name) larger than options->part_size is sent in
 * parts cut at line ends, one request each (a PUT first when replacing, then POSTs), each
 * retried on its own; a file with blank nodes is always sent whole.  Connection, timeout and
 * HTTP errors are reported through `diag` with the server's message and the part; NG_ERR_IO
 * then, and the parts before it stay on the server. */
NgStatus ng_remote_push(const NgRemoteOptions *options, const char *path, const char *graph,
                        bool replace, const NgDiag *diag);

/* What ng_remote_push_graphs sent. */
typedef struct {
    size_t graphs;     /* graphs sent to */
    size_t replaced;   /* articles' graphs replaced (PUT) */
    size_t triples;
    size_t requests;
} NgRemoteGraphsReport;

/* The graph syntax of a file by its name: "nquads" (.nq) or "trig" (.trig), else NULL. */
const char *ng_remote_graphs_syntax(const char *path);

/* Sends an N-Quads or TriG file (by its name) graph by graph: each run of triples in one named
 * graph goes to that graph with ng_remote_push, triples outside any named graph to
 * `default_graph` (NULL: the server's default graph).  With `replace`, the first run of each
 * article's graph (a graph that holds "NAME rdf:type nif:Context") and of the default graph
 * replaces it (PUT); every other run is added (POST), so the actors' shared graph gathers every
 * article's actors.  A syntax error is reported with its line; the graphs sent before it stay on
 * the server.  `*report` (may be NULL) says what was sent. */
NgStatus ng_remote_push_graphs(const NgRemoteOptions *options, const char *path,
                               const char *default_graph, bool replace, const NgDiag *diag,
                               NgRemoteGraphsReport *report);

/* Runs `sparql` on a SPARQL 1.1 Protocol endpoint (an URL-encoded POST form) and writes
 * the results as ng_query_run does.  `name` names the query in diagnostics.  `scratch` is any
 * store (an empty memory store will do): it lends its Redland world. */
NgStatus ng_remote_query(const NgRemoteOptions *options, NgStore *scratch, const char *name,
                         const char *sparql, NgResultsFormat format, FILE *out,
                         const NgDiag *diag, size_t *count);

#ifdef __cplusplus
}
#endif

#endif /* NEWSGRAPH_H */
