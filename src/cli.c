/* main.c — the newsgraph command line: parses arguments, runs the pipeline, reports errors.
 *
 * Exit codes (docs/errors.md): 0 success, 1 input or data error, 2 usage error.
 * Help goes to stdout; misuse goes to stderr with a hint; every message starts with "newsgraph: ". */
#include "newsgraph.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NG_DATADIR
#define NG_DATADIR "."
#endif

/* push: an N-Triples file larger than this goes in several requests (docs/servers.md: Virtuoso
 * holds a whole request body in memory and never finished one of 5 GB) */
#define PUSH_PART_SIZE (64ULL << 20)

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_SKIPPED = 3, EXIT_INTERRUPTED = 130 };

static const char *const main_help =
    "Usage: newsgraph COMMAND [OPTION]... [ARG]...\n"
    "Turn news-analysis articles into an RDF knowledge graph.\n"
    "\n"
    "Commands:\n"
    "  build     build the graph of one or more articles and write it as Turtle\n"
    "  explain   show, sentence by sentence, what extraction found in an article\n"
    "  load      load graphs (Turtle, N-Triples) into a persistent store\n"
    "  query     run a SPARQL query over a store, graph files or a SPARQL endpoint\n"
    "  push      send graphs to a server triple store (SPARQL 1.1 Graph Store Protocol)\n"
    "  stats     count articles, actors, events, claims and triples\n"
    "  validate  check graphs against the ontology and the graph contract\n"
    "  render    draw a graph (network or timeline) as SVG, PNG or DOT with Graphviz\n"
    "  report    one HTML page of articles: highlighted text, picture, claims, events\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  --version      show the version and exit\n"
    "\n"
    "Run 'newsgraph COMMAND --help' for a command's options.\n"
    "Exit status: 0 success, 1 input or data error, 2 usage error,\n"
    "3 some articles skipped (build), 130 interrupted (build).\n";

static const char *const build_help =
    "Usage: newsgraph build ARTICLE|DIR|-... [-o OUT] [-f FORMAT] [-j N] [OPTION]...\n"
    "Build the knowledge graph of the articles (UTF-8 text files) and write it.\n"
    "A DIR stands for its *.txt and *.md files (in name order); '-' reads a list of paths,\n"
    "one a line, from standard input.  Actors are merged across articles; each article is its\n"
    "own nif:Context.  An article that fails is reported with its path and skipped.\n"
    "\n"
    "  -o, --output OUT     write to OUT (atomically: a temporary file renamed on success);\n"
    "                       standard output when omitted\n"
    "  -f, --format FORMAT  turtle (default), ntriples or rdfxml.  ntriples is streamed:\n"
    "                       each article is written as soon as it is built, in input order,\n"
    "                       and memory holds only the actor index.  turtle and rdfxml hold\n"
    "                       the whole graph in memory to write it sorted and abbreviated\n"
    "  -j, --jobs N         build N articles at a time (default: the number of processors);\n"
    "                       the output is the same for every N\n"
    "  -q, --quiet          no progress line (shown only when standard error is a terminal)\n"
    "  --base IRI           base for minted IRIs (default " NG_DEFAULT_BASE ");\n"
    "                       must end in '/' or '#'\n"
    "  --lexicon FILE       load a Turtle lexicon file on top of the built-in one (repeatable)\n"
    "  --data DIR           where ontology/ and data/lexicon/ live (default: $NEWSGRAPH_DATA,\n"
    "                       else " NG_DATADIR ")\n"
    "  --max-size BYTES     refuse articles larger than this (default 16777216 = 16 MiB)\n"
    "  --store SPEC         also load the graph into the store SPEC (sqlite:PATH or\n"
    "                       hashes:PATH, with the ontology); then nothing goes to standard\n"
    "                       output unless -o names a file\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "\n"
    "Exit status: 0 success; 1 error, or no article could be built; 2 usage error; 3 some\n"
    "articles were skipped (the graph of the others was written); 130 interrupted (Ctrl-C):\n"
    "nothing is left at OUT.\n"
    "\n"
    "Example: newsgraph build data/articles/nk-china-summit-2025.txt -o out/nk.ttl\n"
    "         newsgraph build corpus/ -f ntriples -j 4 -o corpus.nt\n";

static const char *const explain_help =
    "Usage: newsgraph explain ARTICLE [--lexicon FILE] [--data DIR]\n"
    "Print every sentence of the article with the actors, events, claims and relations found in\n"
    "it, so a lexicon author can see why something was or was not found.\n"
    "\n"
    "  --lexicon FILE   load a Turtle lexicon file on top of the built-in one (repeatable)\n"
    "  --data DIR       where ontology/ and data/lexicon/ live\n"
    "  --max-size BYTES refuse articles larger than this (default 16 MiB)\n"
    "  -h, --help       show this help and exit\n";

typedef struct {
    const char **articles;
    size_t article_count;
    const char **lexicons;
    size_t lexicon_count;
    const char *output;
    const char *base;
    const char *data;
    const char *store;   /* build --store SPEC */
    NgFormat format;
    size_t max_size;
    unsigned jobs;       /* build -j; 0: the number of processors */
    bool quiet;          /* build -q */
} Options;

static int usage_error(const char *command, const char *fmt, const char *arg)
{
    fprintf(stderr, "newsgraph: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'newsgraph %s--help'.\n", command ? command : "");
    return EXIT_USAGE;
}

/* Reads a byte count: digits with an optional K, M or G (KiB, MiB, GiB).  False when it is not
 * one or does not fit. */
static bool parse_size(const char *v, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)v[0]))
        return false;
    unsigned long long n = strtoull(v, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (errno || *end || n > (ULLONG_MAX >> shift))
        return false;
    *out = n << shift;
    return true;
}

/* Parses the options shared by build and explain; returns -1 to go on, else an exit code. */
static int parse_options(int argc, char **argv, const char *command, const char *help,
                         Options *o)
{
    char cmd_space[64];
    snprintf(cmd_space, sizeof cmd_space, "%s ", command);
    o->articles = calloc((size_t)argc, sizeof(char *));
    o->lexicons = calloc((size_t)argc, sizeof(char *));
    if (!o->articles || !o->lexicons) {
        fprintf(stderr, "newsgraph: error: out of memory\n");
        return EXIT_DATA;
    }
    o->format = NG_FORMAT_TURTLE;
    bool only_args = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_args || a[0] != '-' || !strcmp(a, "-")) {
            o->articles[o->article_count++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_args = true;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(help, stdout);
            return EXIT_OK;
        }
        if ((!strcmp(a, "-q") || !strcmp(a, "--quiet")) && !strcmp(command, "build")) {
            o->quiet = true;
            continue;
        }
        bool has_value = (!strcmp(a, "-j") || !strcmp(a, "--jobs")) ? !strcmp(command, "build") :
                         !strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "-f") ||
                         !strcmp(a, "--format") || !strcmp(a, "--base") || !strcmp(a, "--lexicon") ||
                         !strcmp(a, "--data") || !strcmp(a, "--max-size") ||
                         (!strcmp(a, "--store") && !strcmp(command, "build"));
        if (!has_value)
            return usage_error(cmd_space, "unknown option '%s'", a);
        if (i + 1 >= argc)
            return usage_error(cmd_space, "option '%s' needs a value", a);
        const char *v = argv[++i];
        if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            o->output = v;
        } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
            if (!ng_format_parse(v, &o->format))
                return usage_error(cmd_space, "unknown format '%s' (use turtle, ntriples or rdfxml)", v);
        } else if (!strcmp(a, "--base")) {
            size_t n = strlen(v);
            if (n == 0 || (v[n - 1] != '/' && v[n - 1] != '#') || !strstr(v, ":"))
                return usage_error(cmd_space, "--base '%s' must be an absolute IRI ending in '/' or '#'", v);
            for (const char *p = v; *p; p++)
                if (strchr(" <>\"{}|^`\\", *p) || (unsigned char)*p < 0x21)
                    return usage_error(cmd_space, "--base '%s' holds a character not allowed in an IRI", v);
            o->base = v;
        } else if (!strcmp(a, "--lexicon")) {
            o->lexicons[o->lexicon_count++] = v;
        } else if (!strcmp(a, "--data")) {
            o->data = v;
        } else if (!strcmp(a, "--store")) {
            o->store = v;
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            char *end;
            errno = 0;
            unsigned long n = strtoul(v, &end, 10);
            if (errno || *end || n == 0 || n > 1024 || v[0] == '-')
                return usage_error(cmd_space, "-j '%s' must be a number of workers from 1 to 1024", v);
            o->jobs = (unsigned)n;
        } else {
            unsigned long long n;
            if (!parse_size(v, &n) || n == 0 || n > SIZE_MAX)
                return usage_error(cmd_space, "--max-size '%s' must be a positive number of bytes "
                                              "(K, M, G: KiB, MiB, GiB)", v);
            o->max_size = (size_t)n;
        }
    }
    if (o->article_count == 0)
        return usage_error(cmd_space, "%s", "no article given");
    return -1;
}

/* Loads the ontology, the built-in lexicon and the user's lexicon files. */
static NgStatus load_knowledge(const Options *o, const NgDiag *diag, NgLexicon **out)
{
    const char *data = o->data ? o->data : getenv("NEWSGRAPH_DATA");
    if (!data || !*data)
        data = NG_DATADIR;
    NgStatus st = ng_lexicon_new(out);
    char path[4096];
    if (!st) {
        snprintf(path, sizeof path, "%s/ontology", data);
        st = ng_lexicon_load_dir(*out, path, diag);
    }
    if (!st) {
        snprintf(path, sizeof path, "%s/data/lexicon", data);
        st = ng_lexicon_load_dir(*out, path, diag);
    }
    for (size_t i = 0; !st && i < o->lexicon_count; i++)
        st = ng_lexicon_load_file(*out, o->lexicons[i], diag);
    if (st) {
        ng_lexicon_free(*out);
        *out = NULL;
    }
    return st;
}

/* Runs read -> segment -> match -> extract for one article; the caller frees all four. */
typedef struct {
    NgDocument *doc;
    NgSegments *segments;
    NgMatches *matches;
    NgExtraction *extraction;
} Article;

static void article_free(Article *a)
{
    ng_extraction_free(a->extraction);
    ng_matches_free(a->matches);
    ng_segments_free(a->segments);
    ng_document_free(a->doc);
    memset(a, 0, sizeof *a);
}

static NgStatus article_run(const char *path, const Options *o, const NgLexicon *lx,
                            const NgDiag *diag, Article *a)
{
    memset(a, 0, sizeof *a);
    NgReadOptions ro = {o->max_size};
    NgStatus st = ng_document_read_file(path, &ro, diag, &a->doc);
    if (!st)
        st = ng_segment(a->doc, lx, &a->segments);
    if (!st)
        st = ng_match(a->segments, lx, &a->matches);
    if (!st)
        st = ng_extract(a->matches, &a->extraction);
    if (st == NG_ERR_NOMEM)
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "out of memory");
    if (st)
        article_free(a);
    return st;
}

static NgStatus store_graph(const NgGraph *g, const Options *o, const NgDiag *diag);

/* Set by SIGINT or SIGTERM while a build runs; the corpus build polls it and stops cleanly.  The
 * one global of the program: a signal handler has no user data to reach anything else. */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static int cmd_build(int argc, char **argv, const NgDiag *diag)
{
    Options o = {0};
    int rc = parse_options(argc, argv, "build", build_help, &o);
    NgLexicon *lx = NULL;
    NgGraph *g = NULL;
    NgPaths *paths = NULL;
    NgOutput *out = NULL;
    NgStatus st = NG_SUCCESS;
    NgCorpusReport rep = {0};
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C ends the process at once */
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    if (rc >= 0)
        goto done;
    rc = EXIT_DATA;
    if ((st = ng_paths_new(&paths)))
        goto done;
    for (size_t i = 0; i < o.article_count; i++)
        if ((st = ng_paths_add(paths, o.articles[i], stdin, diag)))
            goto done;
    if ((st = load_knowledge(&o, diag, &lx)))
        goto done;
    /* N-Triples stream article by article; Turtle, RDF/XML and --store need the whole graph */
    bool stream = o.format == NG_FORMAT_NTRIPLES && !o.store;
    if (stream ? (st = ng_output_open(o.output, diag, &out)) : (st = ng_graph_new(o.base, &g)))
        goto done;
    NgCorpusOptions co = {o.jobs, o.base, o.max_size,
                          !o.quiet && isatty(STDERR_FILENO) ? stderr : NULL, &interrupted};
    st = ng_corpus_build(lx, paths, &co, out ? ng_output_stream(out) : NULL, g, diag, &rep);
    if (st)
        goto done;
    if (rep.stopped || interrupted) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "interrupted after %zu of %zu articles; %s", rep.built + rep.skipped,
                       rep.total, stream && !o.output ? "the output is incomplete"
                                                      : "nothing was written");
        rc = EXIT_INTERRUPTED;
        goto done;
    }
    if (rep.built == 0) {
        if (rep.total > 1)
            ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                           "none of the %zu articles could be built; nothing was written",
                           rep.total);
        goto done;
    }
    if (stream)
        st = ng_output_commit(out, diag);
    else if (o.output)
        st = ng_graph_write_file(g, o.format, o.output, diag);
    else if (!o.store)
        st = ng_graph_write_stream(g, o.format, stdout, diag);
    if (!st && o.store)
        st = store_graph(g, &o, diag);
    if (!st && rep.skipped) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "skipped %zu of %zu articles (see above); the graph holds the other %zu",
                       rep.skipped, rep.total, rep.built);
        rc = EXIT_SKIPPED;
    } else if (!st) {
        rc = EXIT_OK;
    }
done:
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (st == NG_ERR_NOMEM || st == NG_ERR_INTERNAL)
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%s", ng_strerror(st));
    ng_output_free(out);
    ng_paths_free(paths);
    ng_graph_free(g);
    ng_lexicon_free(lx);
    free(o.articles);
    free(o.lexicons);
    return rc;
}

static int cmd_explain(int argc, char **argv, const NgDiag *diag)
{
    Options o = {0};
    int rc = parse_options(argc, argv, "explain", explain_help, &o);
    NgLexicon *lx = NULL;
    if (rc >= 0)
        goto done;
    rc = EXIT_DATA;
    if (load_knowledge(&o, diag, &lx))
        goto done;
    rc = EXIT_OK;
    for (size_t i = 0; i < o.article_count; i++) {
        Article a;
        if (article_run(o.articles[i], &o, lx, diag, &a)) {
            rc = EXIT_DATA;
            continue;
        }
        if (o.article_count > 1)
            printf("== %s\n", o.articles[i]);
        if (ng_extraction_explain(a.extraction, stdout))
            rc = EXIT_DATA;
        article_free(&a);
    }
done:
    ng_lexicon_free(lx);
    free(o.articles);
    free(o.lexicons);
    return rc;
}

/* ================================================================ stores, queries, validation */

static const char *const load_help =
    "Usage: newsgraph load GRAPH... [--store SPEC] [--no-ontology] [--data DIR]\n"
    "Load graphs (Turtle; N-Triples when the name ends in .nt) into a persistent store.\n"
    "All or nothing: every file is parsed before the store is touched, and the triples are\n"
    "added in one transaction, so a failed load leaves the store exactly as it was.  Triples\n"
    "already in the store are not added again.\n"
    "\n"
    "  --store SPEC     sqlite:PATH (Redland's SQLite storage) or hashes:PATH (Berkeley DB,\n"
    "                   files PATH-sp2o.db, PATH-po2s.db, ...); default " NG_DEFAULT_STORE "\n"
    "  --no-ontology    do not add the ontology (ontology/*.ttl and ontology/imports/*.ttl);\n"
    "                   by default it is loaded with the data, so queries can use its labels\n"
    "  --data DIR       where ontology/ lives (default: $NEWSGRAPH_DATA, else " NG_DATADIR ")\n"
    "  -h, --help       show this help and exit\n"
    "\n"
    "Example: newsgraph load out/nk.ttl --store sqlite:news.sqlite\n";

static const char *const query_help =
    "Usage: newsgraph query QUERY.rq [--store SPEC | -d GRAPH...] [-r FORMAT] [OPTION]...\n"
    "       newsgraph query -e 'SPARQL' [--store SPEC | -d GRAPH...] [-r FORMAT] [OPTION]...\n"
    "Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over a store or over graph files.\n"
    "Files given with -d (and any further arguments) are loaded into memory together with the\n"
    "ontology, so queries can use its labels.  Without --store or -d the store is\n"
    NG_DEFAULT_STORE ".\n"
    "\n"
    "  --store SPEC     sqlite:PATH or hashes:PATH (see 'newsgraph load --help')\n"
    "  -d, --data-file GRAPH  a Turtle or N-Triples file to query (repeatable)\n"
    "  -e, --expression SPARQL  the query text itself instead of a file\n"
    "  -r, --results FORMAT   table, csv, tsv, json or xml for SELECT and ASK; turtle or\n"
    "                   ntriples for CONSTRUCT and DESCRIBE.  Default: table when standard\n"
    "                   output is a terminal, else tsv (CONSTRUCT/DESCRIBE: Turtle)\n"
    "  --no-ontology    with -d: do not load the ontology beside the data\n"
    "  --data DIR       where ontology/ lives (default: $NEWSGRAPH_DATA, else " NG_DATADIR ")\n"
    "  -h, --help       show this help and exit\n"
    "\n"
    "csv and tsv follow the W3C SPARQL 1.1 Query Results CSV and TSV formats, json and xml\n"
    "the SPARQL results JSON and XML formats; an empty result is a header only.\n"
    "\n"
    "On a server (SPARQL 1.1 Protocol; see docs/servers.md):\n"
    "  --endpoint URL   POST the query to URL (e.g. http://127.0.0.1:8890/sparql); the\n"
    "                   results are written in the same formats as above\n"
    "  --graph IRI      query the named graph IRI as the default graph (default-graph-uri)\n"
    "  --user NAME      the password comes from $NEWSGRAPH_PASSWORD or ~/.netrc ($NETRC)\n"
    "  --auth METHOD    any (default), basic or digest\n"
    "  --timeout S      give up after S seconds without an answer (default 30)\n"
    "  --retries N      try N more times after a refused connection, timeout or HTTP 5xx\n"
    "Example: newsgraph query queries/actors.rq -d out/nk.ttl\n";

static const char *const push_help =
    "Usage: newsgraph push GRAPH... --endpoint URL [--graph IRI] [--replace] [OPTION]...\n"
    "Send graphs (Turtle or N-Triples files) to a server triple store with the SPARQL 1.1\n"
    "Graph Store HTTP Protocol: POST adds the triples to the graph, --replace PUTs them in\n"
    "place of what the graph held (with several files, the first replaces, the others add).\n"
    "Files are streamed from disk.  See docs/servers.md for Virtuoso, Fuseki, GraphDB and\n"
    "Oxigraph.\n"
    "\n"
    "  --endpoint URL   the Graph Store endpoint, e.g.\n"
    "                   http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso)\n"
    "  --graph IRI      the named graph (sent as ?graph=IRI; default: the default graph),\n"
    "                   unless URL already has graph=, graph-uri= or default\n"
    "  --replace        replace the graph's content (HTTP PUT) instead of adding (POST)\n"
    "  --user NAME      the user; the password comes from $NEWSGRAPH_PASSWORD, else from\n"
    "                   ~/.netrc (or the file $NETRC names), never from the command line\n"
    "  --auth METHOD    any (default: what the server asks for), basic or digest\n"
    "  --timeout S      give up when the server does not answer or nothing moves for S\n"
    "                   seconds (default 30)\n"
    "  --retries N      after a refused connection, a timeout or HTTP 5xx, try again up to N\n"
    "                   times, 1 s, 2 s, 4 s... apart (default 0: no retry)\n"
    "  --part-size SIZE send an N-Triples (.nt) file larger than SIZE bytes (K, M, G: KiB,\n"
    "                   MiB, GiB) in parts cut at line ends, one request each, each retried\n"
    "                   on its own (default 64M; 0: one request; files with blank nodes and\n"
    "                   Turtle always go in one)\n"
    "  -h, --help       show this help and exit\n"
    "\n"
    "Example: NEWSGRAPH_PASSWORD=... newsgraph push out/nk.ttl --user dba --replace \\\n"
    "           --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --graph urn:news\n";

static const char *const stats_help =
    "Usage: newsgraph stats [--store SPEC | -d GRAPH...]\n"
    "Count the articles, actors by kind, events by kind, claims by modality and triples of a\n"
    "store (default " NG_DEFAULT_STORE ") or of graph files.\n"
    "\n"
    "  --store SPEC     sqlite:PATH or hashes:PATH\n"
    "  -d, --data-file GRAPH  a Turtle or N-Triples file (repeatable)\n"
    "  -h, --help       show this help and exit\n";

static const char *const validate_help =
    "Usage: newsgraph validate GRAPH... [--checks DIR] [--data DIR]\n"
    "Check graphs against the ontology and the graph contract: every class and property used\n"
    "is declared, domains and ranges hold, events have actors and spans, claims have text,\n"
    "modality, author and span, offsets lie inside their text and anchors match it.  Each\n"
    "check is a SPARQL file of DIR (default DATA/queries/checks), run over the graphs, the\n"
    "ontology and the standard-vocabulary declarations in DATA/ontology/imports.\n"
    "Prints one line per violation, RULE: NODE: DETAIL; exits 1 when there is any.\n"
    "\n"
    "  --checks DIR     the checks to run\n"
    "  --data DIR       where ontology/ and queries/ live\n"
    "  -h, --help       show this help and exit\n";

typedef struct {
    const char **files;
    size_t file_count;
    const char *store;
    const char *query_file;
    const char *expression;
    const char *results;
    const char *data;
    const char *checks;
    bool no_ontology;
    bool data_given;   /* -d was used */
    NgRemoteOptions remote; /* push, query --endpoint */
    bool replace;      /* push --replace */
} StoreOptions;

static const char *data_dir(const char *given)
{
    const char *data = given ? given : getenv("NEWSGRAPH_DATA");
    return data && *data ? data : NG_DATADIR;
}

/* Parses the options of load, query, stats and validate; returns -1 to go on, else an exit
 * code.  `allowed` lists the options the command takes, each followed by a space. */
static int parse_store_options(int argc, char **argv, const char *command, const char *help,
                               const char *allowed, StoreOptions *o)
{
    char cmd_space[64];
    snprintf(cmd_space, sizeof cmd_space, "%s ", command);
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    if (!o->files) {
        fprintf(stderr, "newsgraph: error: out of memory\n");
        return EXIT_DATA;
    }
    bool only_args = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_args || a[0] != '-' || !strcmp(a, "-")) {
            if (!strcmp(command, "query") && !o->query_file && !o->expression)
                o->query_file = a;
            else
                o->files[o->file_count++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_args = true;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(help, stdout);
            return EXIT_OK;
        }
        char key[64];
        snprintf(key, sizeof key, "%s ", a);
        if (!strstr(allowed, key))
            return usage_error(cmd_space, "unknown option '%s'", a);
        if (!strcmp(a, "--no-ontology")) {
            o->no_ontology = true;
            continue;
        }
        if (!strcmp(a, "--replace")) {
            o->replace = true;
            continue;
        }
        if (i + 1 >= argc)
            return usage_error(cmd_space, "option '%s' needs a value", a);
        const char *v = argv[++i];
        if (!strcmp(a, "--timeout") || !strcmp(a, "--retries")) {
            char *end;
            errno = 0;
            unsigned long n = strtoul(v, &end, 10);
            bool timeout = !strcmp(a, "--timeout");
            if (errno || *end || !*v || v[0] == '-' || (timeout && n == 0) || n > 100000)
                return usage_error(cmd_space, timeout ? "--timeout '%s' must be a positive number "
                                                        "of seconds"
                                                      : "--retries '%s' must be a number from 0",
                                   v);
            if (timeout)
                o->remote.timeout = (long)n;
            else
                o->remote.retries = (unsigned)n;
        } else if (!strcmp(a, "--part-size")) {
            if (!parse_size(v, &o->remote.part_size))
                return usage_error(cmd_space, "--part-size '%s' must be a number of bytes, with "
                                              "an optional K, M or G (0: one request per file)",
                                   v);
        } else if (!strcmp(a, "--endpoint")) {
            o->remote.endpoint = v;
        } else if (!strcmp(a, "--graph")) {
            o->remote.graph = v;
        } else if (!strcmp(a, "--user")) {
            o->remote.user = v;
        } else if (!strcmp(a, "--auth")) {
            if (strcmp(v, "any") && strcmp(v, "basic") && strcmp(v, "digest"))
                return usage_error(cmd_space, "--auth '%s' must be any, basic or digest", v);
            o->remote.auth = v;
        } else if (!strcmp(a, "--store")) {
            o->store = v;
        } else if (!strcmp(a, "-d") || !strcmp(a, "--data-file")) {
            o->files[o->file_count++] = v;
            o->data_given = true;
        } else if (!strcmp(a, "-e") || !strcmp(a, "--expression")) {
            if (o->query_file) {   /* the positional taken for the query file is data */
                o->files[o->file_count++] = o->query_file;
                o->query_file = NULL;
            }
            o->expression = v;
        } else if (!strcmp(a, "-r") || !strcmp(a, "--results")) {
            o->results = v;
        } else if (!strcmp(a, "--data")) {
            o->data = v;
        } else if (!strcmp(a, "--checks")) {
            o->checks = v;
        }
    }
    return -1;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Stages every .ttl file of `dir` (in name order) as vocabulary. */
static NgStatus stage_vocabulary_dir(NgStore *store, const char *dir, bool required,
                                     const NgDiag *diag)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (!required)
            return NG_SUCCESS;
        ng_diag_report(diag, NG_DIAG_ERROR, dir, 0, 0, "cannot open the ontology directory: %s",
                       strerror(errno));
        return NG_ERR_IO;
    }
    char **names = NULL;
    size_t n = 0;
    NgStatus st = NG_SUCCESS;
    struct dirent *e;
    while (!st && (e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".ttl") || e->d_name[0] == '.')
            continue;
        char **more = realloc(names, (n + 1) * sizeof *names);
        size_t need = strlen(dir) + l + 2;
        char *path = more ? malloc(need) : NULL;
        if (more)
            names = more;
        if (!path) {
            st = NG_ERR_NOMEM;
            break;
        }
        snprintf(path, need, "%s/%s", dir, e->d_name);
        names[n++] = path;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_cstr);
    for (size_t i = 0; i < n; i++) {
        if (!st)
            st = ng_store_stage_file(store, names[i], diag);
        free(names[i]);
    }
    free(names);
    return st;
}

/* Stages the ontology (the .ttl files of DATA/ontology) and the declarations it imports (those
 * of DATA/ontology/imports). */
static NgStatus stage_ontology(NgStore *store, const char *data, const NgDiag *diag)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/ontology", data);
    NgStatus st = stage_vocabulary_dir(store, path, true, diag);
    snprintf(path, sizeof path, "%s/ontology/imports", data);
    if (!st)
        st = stage_vocabulary_dir(store, path, false, diag);
    return st;
}

static int exit_for(NgStatus st)
{
    return st == NG_SUCCESS ? EXIT_OK : st == NG_ERR_BAD_ARG ? EXIT_USAGE : EXIT_DATA;
}

static void report_status(NgStatus st, const NgDiag *diag)
{
    if (st == NG_ERR_NOMEM || st == NG_ERR_INTERNAL)
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%s", ng_strerror(st));
}

static void print_store_totals(NgStore *store, size_t added, size_t files, const NgDiag *diag)
{
    size_t triples = 0;
    if (ng_store_count(store, diag, &triples))
        return;
    printf("loaded %zu file%s into %s:%s: %zu new triples; the store holds %zu\n", files,
           files == 1 ? "" : "s", ng_store_kind(store) == NG_STORE_HASHES ? "hashes" : "sqlite",
           ng_store_path(store), added, triples);
}

/* build --store: the graph goes to the store as N-Triples, with the ontology. */
static NgStatus store_graph(const NgGraph *g, const Options *o, const NgDiag *diag)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return NG_ERR_NOMEM;
    NgStatus st = ng_graph_write_stream(g, NG_FORMAT_NTRIPLES, mem, diag);
    if (fclose(mem) != 0 && !st)
        st = NG_ERR_NOMEM;
    NgStore *store = NULL;
    if (!st)
        st = ng_store_open(o->store, true, diag, &store);
    if (!st)
        st = stage_ontology(store, data_dir(o->data), diag);
    if (!st)
        st = ng_store_stage_buffer(store, "graph.nt", buf, len, NG_FORMAT_NTRIPLES, diag);
    size_t added = 0;
    if (!st)
        st = ng_store_commit(store, diag, &added);
    if (!st) /* with --store the graph goes to -o or nowhere: standard output is free */
        print_store_totals(store, added, o->article_count, diag);
    ng_store_free(store);
    free(buf);
    return st;
}

static int cmd_load(int argc, char **argv, const NgDiag *diag)
{
    StoreOptions o = {0};
    int rc = parse_store_options(argc, argv, "load", load_help,
                                 "--store --no-ontology --data ", &o);
    NgStore *store = NULL;
    NgStatus st = NG_SUCCESS;
    if (rc >= 0)
        goto done;
    if (o.file_count == 0) {
        rc = usage_error("load ", "%s", "no graph file given");
        goto done;
    }
    st = ng_store_open(o.store, true, diag, &store);
    if (!st && !o.no_ontology)
        st = stage_ontology(store, data_dir(o.data), diag);
    for (size_t i = 0; !st && i < o.file_count; i++)
        st = ng_store_stage_file(store, o.files[i], diag);
    size_t added = 0;
    if (!st)
        st = ng_store_commit(store, diag, &added);
    if (!st)
        print_store_totals(store, added, o.file_count, diag);
    report_status(st, diag);
    rc = exit_for(st);
done:
    ng_store_free(store);
    free(o.files);
    return rc;
}

/* Opens --store read-only, or loads the -d files (and the ontology) into memory. */
static NgStatus open_for_reading(const StoreOptions *o, bool ontology, const NgDiag *diag,
                                 NgStore **out)
{
    if (!o->file_count)
        return ng_store_open(o->store, false, diag, out);
    NgStatus st = ng_store_new_memory(diag, out);
    if (!st && ontology)
        st = stage_ontology(*out, data_dir(o->data), diag);
    for (size_t i = 0; !st && i < o->file_count; i++)
        st = ng_store_stage_file(*out, o->files[i], diag);
    if (!st)
        st = ng_store_commit(*out, diag, NULL);
    return st;
}

static char *read_query_file(const char *path, const NgDiag *diag)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open the query: %s",
                       strerror(errno));
        return NULL;
    }
    char *text = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[8192];
    bool ok = true;
    while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            size_t want = (len + n + 1) * 2;
            char *more = realloc(text, want);
            if (!more)
                ok = false;
            else {
                text = more;
                cap = want;
            }
        }
        if (ok) {
            memcpy(text + len, chunk, n);
            len += n;
        }
    }
    if (ferror(f))
        ok = false;
    if (f != stdin)
        fclose(f);
    if (!ok) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot read the query");
        free(text);
        return NULL;
    }
    if (!text)
        text = calloc(1, 1);
    else
        text[len] = '\0';
    return text;
}

static int cmd_query(int argc, char **argv, const NgDiag *diag)
{
    StoreOptions o = {0};
    int rc = parse_store_options(argc, argv, "query", query_help,
                                 "--store -d --data-file -e --expression -r --results "
                                 "--no-ontology --data --endpoint --graph --user --auth "
                                 "--timeout --retries ",
                                 &o);
    NgStore *store = NULL;
    char *text = NULL;
    NgStatus st = NG_SUCCESS;
    if (rc >= 0)
        goto done;
    NgResultsFormat format = isatty(STDOUT_FILENO) ? NG_RESULTS_TABLE : NG_RESULTS_TEXT;
    if (!o.query_file && !o.expression) {
        rc = usage_error("query ", "%s", "no query given (a file, or -e 'SPARQL')");
        goto done;
    }
    if (o.results && !ng_results_format_parse(o.results, &format)) {
        rc = usage_error("query ", "unknown results format '%s' (use table, csv, tsv, json, xml, "
                                   "turtle or ntriples)", o.results);
        goto done;
    }
    if (o.store && o.file_count) {
        rc = usage_error("query ", "%s", "give either --store or graph files (-d), not both");
        goto done;
    }
    if (o.no_ontology && !o.file_count) {
        rc = usage_error("query ", "%s",
                         "--no-ontology applies to graph files (-d); a store holds the ontology "
                         "when it was loaded with the data (see 'newsgraph load --no-ontology')");
        goto done;
    }
    text = o.expression ? NULL : read_query_file(o.query_file, diag);
    if (!o.expression && !text) {
        rc = EXIT_DATA;
        goto done;
    }
    if (o.remote.endpoint) {   /* the SPARQL 1.1 Protocol (docs/servers.md) */
        if (o.store || o.file_count) {
            rc = usage_error("query ", "%s", "give --endpoint, --store or graph files (-d), "
                                             "only one of them");
            goto done;
        }
        o.remote.password = getenv("NEWSGRAPH_PASSWORD");
        st = ng_store_new_memory(diag, &store);
        if (!st)
            st = ng_remote_query(&o.remote, store, o.expression ? "-e" : o.query_file,
                                 o.expression ? o.expression : text, format, stdout, diag, NULL);
        report_status(st, diag);
        rc = exit_for(st);
        goto done;
    }
    if (o.remote.graph || o.remote.user || o.remote.auth || o.remote.timeout ||
        o.remote.retries) {
        rc = usage_error("query ", "%s", "--graph, --user, --auth, --timeout and --retries go "
                                         "with --endpoint");
        goto done;
    }
    st = open_for_reading(&o, !o.no_ontology, diag, &store);
    if (!st)
        st = ng_query_run(store, o.expression ? "-e" : o.query_file,
                          o.expression ? o.expression : text, format, stdout, diag, NULL);
    report_status(st, diag);
    rc = exit_for(st);
done:
    ng_store_free(store);
    free(text);
    free(o.files);
    return rc;
}

static int cmd_stats(int argc, char **argv, const NgDiag *diag)
{
    StoreOptions o = {0};
    int rc = parse_store_options(argc, argv, "stats", stats_help,
                                 "--store -d --data-file ", &o);
    NgStore *store = NULL;
    NgStatus st = NG_SUCCESS;
    if (rc >= 0)
        goto done;
    if (o.store && o.file_count) {
        rc = usage_error("stats ", "%s", "give either --store or graph files (-d), not both");
        goto done;
    }
    st = open_for_reading(&o, false, diag, &store);
    if (!st)
        st = ng_stats_write(store, stdout, diag);
    report_status(st, diag);
    rc = exit_for(st);
done:
    ng_store_free(store);
    free(o.files);
    return rc;
}

static int cmd_validate(int argc, char **argv, const NgDiag *diag)
{
    StoreOptions o = {0};
    int rc = parse_store_options(argc, argv, "validate", validate_help, "--checks --data ", &o);
    NgStore *store = NULL;
    NgStatus st = NG_SUCCESS;
    if (rc >= 0)
        goto done;
    if (o.file_count == 0) {
        rc = usage_error("validate ", "%s", "no graph file given");
        goto done;
    }
    char checks[4096];
    if (o.checks)
        snprintf(checks, sizeof checks, "%s", o.checks);
    else
        snprintf(checks, sizeof checks, "%s/queries/checks", data_dir(o.data));
    st = open_for_reading(&o, true, diag, &store);
    size_t violations = 0;
    if (!st)
        st = ng_validate(store, checks, stdout, diag, &violations);
    report_status(st, diag);
    rc = exit_for(st);
    if (!st && violations) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%zu violation%s", violations,
                       violations == 1 ? "" : "s");
        rc = EXIT_DATA;
    }
done:
    ng_store_free(store);
    free(o.files);
    return rc;
}

/* ================================================================ pictures: render, report */

static const char *const render_help =
    "Usage: newsgraph render GRAPH... -o OUT.svg|OUT.png|OUT.dot [--view VIEW] [--max-nodes N]\n"
    "       newsgraph render --store SPEC -o OUT.svg|OUT.png|OUT.dot [OPTION]...\n"
    "Draw a graph (Turtle; N-Triples when the name ends in .nt) or a store with Graphviz.\n"
    "The format is OUT's extension: .svg, .png, or .dot (the Graphviz input itself).\n"
    "\n"
    "  -o, --output OUT   the picture, written atomically\n"
    "  --view VIEW        network (default): actors by kind, events with their time, claims by\n"
    "                     modality and the edges between them; timeline: events in time order\n"
    "                     (undated ones after), each with its participants\n"
    "  --max-nodes N      keep the N most connected nodes (events, for the timeline) and say on\n"
    "                     standard error how many were left out\n"
    "  --store SPEC       draw the store SPEC (sqlite:PATH or hashes:PATH) instead of files\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Example: newsgraph render out/nk.ttl -o nk.svg --max-nodes 40\n";

static const char *const report_help =
    "Usage: newsgraph report ARTICLE... [-o OUT.html] [--lexicon FILE] [OPTION]...\n"
    "Build the articles' graph in memory and write one self-contained HTML page of it: the text\n"
    "with every actor, event and claim span highlighted (hover a span for its node and IRI),\n"
    "the network picture, and tables of claims and events.  Everything shown is read back from\n"
    "the graph.  The page loads nothing from the network.\n"
    "\n"
    "  -o, --output OUT   write to OUT (atomically); standard output when omitted\n"
    "  --lexicon FILE     load a Turtle lexicon file on top of the built-in one (repeatable)\n"
    "  --data DIR         where ontology/ and data/lexicon/ live\n"
    "  --base IRI         base for minted IRIs\n"
    "  --max-size BYTES   refuse articles larger than this (default 16 MiB)\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Example: newsgraph report data/articles/nk-china-summit-2025.txt -o nk.html\n";

static int cmd_render(int argc, char **argv, const NgDiag *diag)
{
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t file_count = 0;
    const char *output = NULL, *store_spec = NULL;
    NgRenderOptions ro = {NG_VIEW_NETWORK, 0};
    NgPictureFormat format = NG_PICTURE_SVG;
    NgStore *store = NULL;
    NgStatus st = NG_SUCCESS;
    int rc = -1;
    if (!files) {
        fprintf(stderr, "newsgraph: error: out of memory\n");
        return EXIT_DATA;
    }
    bool only_args = false;
    for (int i = 0; rc < 0 && i < argc; i++) {
        const char *a = argv[i];
        if (only_args || a[0] != '-' || !strcmp(a, "-")) {
            files[file_count++] = a;
        } else if (!strcmp(a, "--")) {
            only_args = true;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(render_help, stdout);
            rc = EXIT_OK;
        } else if (strcmp(a, "-o") && strcmp(a, "--output") && strcmp(a, "--view") &&
                   strcmp(a, "--max-nodes") && strcmp(a, "--store")) {
            rc = usage_error("render ", "unknown option '%s'", a);
        } else if (i + 1 >= argc) {
            rc = usage_error("render ", "option '%s' needs a value", a);
        } else {
            const char *v = argv[++i];
            if (!strcmp(a, "--view")) {
                if (!ng_view_parse(v, &ro.view))
                    rc = usage_error("render ", "unknown view '%s' (use network or timeline)", v);
            } else if (!strcmp(a, "--max-nodes")) {
                char *end;
                errno = 0;
                unsigned long long n = strtoull(v, &end, 10);
                if (errno || *end || n == 0 || v[0] == '-')
                    rc = usage_error("render ", "--max-nodes '%s' must be a positive number", v);
                ro.max_nodes = (size_t)n;
            } else if (!strcmp(a, "--store")) {
                store_spec = v;
            } else {
                output = v;
            }
        }
    }
    if (rc < 0 && !output)
        rc = usage_error("render ", "%s", "no output given (-o OUT.svg, OUT.png or OUT.dot)");
    if (rc < 0 && !ng_picture_format_of(output, &format))
        rc = usage_error("render ", "cannot tell the format of '%s' (name it .svg, .png or .dot)",
                         output);
    if (rc < 0 && store_spec && file_count)
        rc = usage_error("render ", "%s", "give either --store or graph files, not both");
    if (rc < 0 && !store_spec && !file_count)
        rc = usage_error("render ", "%s", "no graph given (Turtle files, or --store SPEC)");
    if (rc >= 0)
        goto done;
    if (store_spec) {
        st = ng_store_open(store_spec, false, diag, &store);
    } else {
        st = ng_store_new_memory(diag, &store);
        for (size_t i = 0; !st && i < file_count; i++)
            st = ng_store_stage_file(store, files[i], diag);
        if (!st)
            st = ng_store_commit(store, diag, NULL);
    }
    size_t omitted = 0;
    if (!st)
        st = ng_render_file(store, &ro, format, output, diag, &omitted);
    if (!st && omitted)
        ng_diag_report(diag, NG_DIAG_NOTE, NULL, 0, 0,
                       "--max-nodes %zu: left out %zu less connected node%s", ro.max_nodes,
                       omitted, omitted == 1 ? "" : "s");
    report_status(st, diag);
    rc = exit_for(st);
done:
    ng_store_free(store);
    free(files);
    return rc;
}

static int cmd_report(int argc, char **argv, const NgDiag *diag)
{
    Options o = {0};
    int rc = parse_options(argc, argv, "report", report_help, &o);
    NgLexicon *lx = NULL;
    NgGraph *g = NULL;
    NgStore *store = NULL;
    char *nt = NULL, *page = NULL;
    size_t nt_len = 0;
    NgStatus st = NG_SUCCESS;
    if (rc >= 0)
        goto done;
    if (o.format != NG_FORMAT_TURTLE) {
        rc = usage_error("report ", "%s", "report writes HTML; -f does not apply");
        goto done;
    }
    rc = EXIT_DATA;
    if ((st = load_knowledge(&o, diag, &lx)) || (st = ng_graph_new(o.base, &g)))
        goto done;
    for (size_t i = 0; i < o.article_count && !st; i++) {
        Article a;
        st = article_run(o.articles[i], &o, lx, diag, &a);
        if (!st)
            st = ng_graph_add_extraction(g, a.extraction);
        article_free(&a);
    }
    /* The page is made from the graph only: through Turtle (what `build` writes; raptor's
     * N-Triples parser leaks typed literals' datatypes) into an in-memory store. */
    FILE *mem = st ? NULL : open_memstream(&nt, &nt_len);
    if (!st && !mem)
        st = NG_ERR_NOMEM;
    if (mem) {
        st = ng_graph_write_stream(g, NG_FORMAT_TURTLE, mem, diag);
        if (fclose(mem) && !st)
            st = NG_ERR_NOMEM;
    }
    if (!st)
        st = ng_store_new_memory(diag, &store);
    if (!st)
        st = ng_store_stage_buffer(store, "graph.ttl", nt, nt_len, NG_FORMAT_TURTLE, diag);
    if (!st)
        st = ng_store_commit(store, diag, NULL);
    if (!st && o.output)
        st = ng_report_write_file(store, o.output, diag);
    else if (!st && !(st = ng_report_html(store, diag, &page)) && fputs(page, stdout) < 0)
        st = NG_ERR_IO;
    if (!st)
        rc = EXIT_OK;
done:
    report_status(st, diag);
    ng_store_free(store);
    free(nt);
    free(page);
    ng_graph_free(g);
    ng_lexicon_free(lx);
    free(o.articles);
    free(o.lexicons);
    return rc;
}

static int cmd_push(int argc, char **argv, const NgDiag *diag)
{
    StoreOptions o = {0};
    o.remote.part_size = PUSH_PART_SIZE;
    int rc = parse_store_options(argc, argv, "push", push_help,
                                 "--endpoint --graph --replace --user --auth --timeout --retries "
                                 "--part-size ",
                                 &o);
    NgStatus st = NG_SUCCESS;
    if (rc >= 0)
        goto done;
    if (o.file_count == 0) {
        rc = usage_error("push ", "%s", "no graph file given");
        goto done;
    }
    if (!o.remote.endpoint) {
        rc = usage_error("push ", "%s", "no --endpoint given");
        goto done;
    }
    if (strncmp(o.remote.endpoint, "http://", 7) && strncmp(o.remote.endpoint, "https://", 8)) {
        rc = usage_error("push ", "--endpoint '%s' must be an http:// or https:// URL",
                         o.remote.endpoint);
        goto done;
    }
    o.remote.password = getenv("NEWSGRAPH_PASSWORD");
    for (size_t i = 0; !st && i < o.file_count; i++) {
        st = ng_remote_push(&o.remote, o.files[i], o.remote.graph, o.replace && i == 0, diag);
        if (!st)
            printf("pushed %s to %s%s%s\n", o.files[i], o.remote.graph ? "<" : "the default graph",
                   o.remote.graph ? o.remote.graph : "", o.remote.graph ? ">" : "");
    }
    report_status(st, diag);
    rc = exit_for(st);
done:
    free(o.files);
    return rc;
}

int main(int argc, char **argv)
{
    NgDiagStream ds = {stderr, "newsgraph: ", 0};
    NgDiag diag = {ng_diag_stream_func, &ds};
    int rc;
    if (argc < 2) {
        fputs("newsgraph: error: no command given\nTry 'newsgraph --help'.\n", stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(main_help, stdout);
        rc = EXIT_OK;
    } else if (!strcmp(cmd, "--version")) {
        printf("newsgraph %s\n", NG_VERSION);
        rc = EXIT_OK;
    } else if (!strcmp(cmd, "build")) {
        rc = cmd_build(argc - 2, argv + 2, &diag);
    } else if (!strcmp(cmd, "explain")) {
        rc = cmd_explain(argc - 2, argv + 2, &diag);
    } else if (!strcmp(cmd, "load")) {
        rc = cmd_load(argc - 2, argv + 2, &diag);
    } else if (!strcmp(cmd, "push")) {
        rc = cmd_push(argc - 2, argv + 2, &diag);
    } else if (!strcmp(cmd, "query")) {
        rc = cmd_query(argc - 2, argv + 2, &diag);
    } else if (!strcmp(cmd, "stats")) {
        rc = cmd_stats(argc - 2, argv + 2, &diag);
    } else if (!strcmp(cmd, "validate")) {
        rc = cmd_validate(argc - 2, argv + 2, &diag);
    } else if (!strcmp(cmd, "render")) {
        rc = cmd_render(argc - 2, argv + 2, &diag);
    } else if (!strcmp(cmd, "report")) {
        rc = cmd_report(argc - 2, argv + 2, &diag);
    } else {
        fprintf(stderr, "newsgraph: error: unknown command '%s'\nTry 'newsgraph --help'.\n", cmd);
        return EXIT_USAGE;
    }
    if (fclose(stdout) != 0 && rc == EXIT_OK) {
        fprintf(stderr, "newsgraph: error: cannot write to standard output: %s\n", strerror(errno));
        rc = EXIT_DATA;
    }
    return rc;
}
