/* cli_article.c — the commands that read articles: build (the graph, written or stored),
 * explain (what extraction found, sentence by sentence) and report (one HTML page).  Each runs
 * read -> segment -> match -> extract on every article it is given.
 */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char ng_cli_build_help[] =
    "Usage: newsgraph build ARTICLE|DIR|-... [-o OUT] [-f FORMAT] [-j N] [OPTION]...\n"
    "       newsgraph build --files-from LIST|- [-o OUT] [OPTION]...\n"
    "Build the knowledge graph of the articles (UTF-8 text files) and write it.\n"
    "A DIR stands for the *.txt and *.md files in it and, recursively, in its sub-directories\n"
    "(hidden ones left out), in byte order of their paths; '-' is one article read from\n"
    "standard input (its IRI ends in article/stdin).  Actors are merged across articles; each\n"
    "article is its own nif:Context.  An article that fails is reported with its path and\n"
    "skipped.\n"
    "\n"
    "  -o, --output OUT     write to OUT (atomically: a temporary file renamed on success);\n"
    "                       standard output when omitted\n"
    "  -f, --format FORMAT  turtle (default), ntriples, rdfxml, nquads or trig.  nquads and\n"
    "                       trig keep one named graph per article (its IRI) and one for the\n"
    "                       actors; load --replace and push --replace replace an article's.\n"
    "                       ntriples and nquads are streamed: each article is written as soon\n"
    "                       as it is built, in input order, and memory holds only the actor\n"
    "                       index.  The others hold the whole graph in memory, to write it\n"
    "                       sorted and abbreviated\n"
    "  --files-from LIST    also build the articles (or directories) LIST names, one a line;\n"
    "                       '-' reads the list from standard input\n"
    "  -j, --jobs N         build N articles at a time (default: the number of processors);\n"
    "                       the output is the same for every N\n"
    "  -q, --quiet          no progress line (shown only when standard error is a terminal)\n"
    "  --profile PROFILE    full (default): every class with all its super-classes, for\n"
    "                       SPARQL without inference; lean: not nif:String,\n"
    "                       nif:OffsetBasedString, schema:Event or ng:Claim, which the\n"
    "                       ontology implies and no sample question asks for (a sixth fewer\n"
    "                       triples)\n"
    "  --base IRI           base for minted IRIs (default " NG_DEFAULT_BASE ");\n"
    "                       must end in '/' or '#'\n"
    "  --lexicon FILE       load a Turtle lexicon file on top of the built-in one (repeatable)\n"
    "  --data DIR           where ontology/ and data/lexicon/ live (default: $NEWSGRAPH_DATA,\n"
    "                       else the installed share directory, else the build tree)\n"
    "  --max-size BYTES     refuse articles larger than this (default 16777216 = 16 MiB)\n"
    "  --store SPEC         also load the graph into the store SPEC (sqlite:PATH or\n"
    "                       hashes:PATH, with the ontology); then nothing goes to standard\n"
    "                       output unless -o names a file.  With -f nquads or trig the\n"
    "                       articles keep their graphs (sqlite: only)\n"
    "  --replace            with --store: each article's graph replaces the store's\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "\n"
    "Exit status: 0 success; 1 error, or no article could be built; 2 usage error; 3 some\n"
    "articles were skipped (the graph of the others was written); 130 interrupted (Ctrl-C):\n"
    "nothing is left at OUT.\n"
    "\n"
    "Example: newsgraph build data/articles/nk-china-summit-2025.txt -o out/nk.ttl\n"
    "         newsgraph build corpus/ -f nquads -j 4 -o corpus.nq\n"
    "         curl -s https://example.org/a.txt | newsgraph build - -f ntriples\n";

const char ng_cli_explain_help[] =
    "Usage: newsgraph explain ARTICLE... [--without RULE]... [--lexicon FILE] [--data DIR]\n"
    "       newsgraph explain --rules\n"
    "Print every sentence of the article with the actors, events, claims and relations found in\n"
    "it, and what was looked at and not taken ('untaken': a name no rule typed, a sentence kept\n"
    "out of the claims) with why, so a lexicon author can see why something was or was not found.\n"
    "\n"
    "  --without RULE   switch one extraction rule off (repeatable), to see what it does\n"
    "  --rules          list the extraction rules, each with its example phrase, and exit\n"
    "  --lexicon FILE   load a Turtle lexicon file on top of the built-in one (repeatable)\n"
    "  --data DIR       where ontology/ and data/lexicon/ live\n"
    "  --max-size BYTES refuse articles larger than this (default 16 MiB)\n"
    "  -h, --help       show this help and exit\n"
    "\n"
    "Example: newsgraph explain article.txt --without source.pronoun\n";

const char ng_cli_report_help[] =
    "Usage: newsgraph report ARTICLE... [-o OUT.html] [--lexicon FILE] [OPTION]...\n"
    "Build the articles' graph (in memory; on disk past --spool-above) and write one\n"
    "self-contained HTML page of it: the text with every actor, event and claim span highlighted\n"
    "(hover a span for its node and IRI), the network picture, and tables of claims and events.\n"
    "Everything shown is read back from the graph.  The page loads nothing from the network.\n"
    "\n"
    "  -o, --output OUT   write to OUT (atomically); standard output when omitted\n"
    "  --lexicon FILE     load a Turtle lexicon file on top of the built-in one (repeatable)\n"
    "  --data DIR         where ontology/ and data/lexicon/ live\n"
    "  --base IRI         base for minted IRIs\n"
    "  --max-size BYTES   refuse articles larger than this (default 16 MiB)\n"
    "  --spool-above BYTES  when the graph's N-Triples would pass BYTES (200 bytes a triple;\n"
    "                     K, M, G: KiB, MiB, GiB; default 128M), build the page from a\n"
    "                     temporary sqlite: store in $TMPDIR (else /tmp), removed afterwards,\n"
    "                     instead of memory (about 3.6 KB a triple there); 0: always\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Example: newsgraph report data/articles/nk-china-summit-2025.txt -o nk.html\n";

/* One article through read -> segment -> match -> extract; article_free frees all four. */
typedef struct {
    NgDocument *doc;
    NgSegments *segments;
    NgMatches *matches;
    NgExtraction *extraction;
} Article;

/* Frees what article_run made and zeroes the article. */
static void article_free(Article *a)
{
    ng_extraction_free(a->extraction);
    ng_matches_free(a->matches);
    ng_segments_free(a->segments);
    ng_document_free(a->doc);
    memset(a, 0, sizeof *a);
}

/* Runs the first four stages on the article at `path`; on failure nothing is left to free. */
static NgStatus article_run(const char *path, const NgCliOptions *o, const NgLexicon *lx,
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
        st = ng_extract_with(a->matches, &(NgExtractOptions){o->without_count ? o->without : NULL},
                             &a->extraction);
    if (st == NG_ERR_NOMEM)
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "out of memory");
    if (st)
        article_free(a);
    return st;
}

/* ---------------------------------------------------------------- build */

/* Set by SIGINT or SIGTERM while a build runs; the corpus build polls it and stops cleanly.  The
 * one global of the program: a signal handler has no user data to reach anything else. */
static volatile sig_atomic_t interrupted;

/* The handler of SIGINT and SIGTERM during a build. */
static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* What a build's outcome means for its exit code, said on standard error when it is not plain
 * success: interrupted, nothing built, or some articles skipped.  -1 when the output is still to
 * be written. */
static int build_outcome(const NgCorpusReport *rep, bool stream, const NgCliOptions *o,
                         const NgDiag *diag)
{
    if (rep->stopped || interrupted) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "interrupted after %zu of %zu articles; %s", rep->built + rep->skipped,
                       rep->total, stream && !o->output ? "the output is incomplete"
                                                        : "nothing was written");
        return NG_EXIT_INTERRUPTED;
    }
    if (rep->built == 0) {
        if (rep->total > 1)
            ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                           "none of the %zu articles could be built; nothing was written",
                           rep->total);
        return NG_EXIT_DATA;
    }
    return -1;
}

/* Builds the corpus of the articles given: streamed as N-Triples, else merged into one graph
 * that is written (-o or standard output) and/or stored (--store). */
static int build_run(const NgCliOptions *o, const NgDiag *diag)
{
    NgLexicon *lx = NULL;
    NgGraph *g = NULL;
    NgPaths *paths = NULL;
    NgOutput *out = NULL;
    NgCorpusReport rep = {0};
    int rc = NG_EXIT_DATA;
    NgStatus st = ng_paths_new(&paths);
    for (size_t i = 0; !st && i < o->arg_count; i++)
        st = ng_paths_add(paths, o->args[i], diag);
    FILE *list = NULL;
    if (!st && o->files_from)
        list = strcmp(o->files_from, "-") ? fopen(o->files_from, "r") : stdin;
    if (!st && o->files_from && !list) {
        ng_diag_report(diag, NG_DIAG_ERROR, o->files_from, 0, 0, "cannot open the list: %s",
                       strerror(errno));
        st = NG_ERR_IO;
    }
    if (list)
        st = ng_paths_add_list(paths, list, o->files_from, diag);
    if (list && list != stdin)
        fclose(list);
    for (size_t i = 0; !st && i < ng_paths_count(paths); i++) {
        const char *in = ng_paths_get(paths, i);
        if ((rc = ng_cli_check_output(o, &in, 1)) >= 0) {
            ng_paths_free(paths);
            return rc;
        }
    }
    rc = NG_EXIT_DATA;
    if (!st)
        st = ng_cli_load_lexicon(o, diag, &lx);
    /* N-Triples and N-Quads stream article by article; Turtle, RDF/XML, TriG and --store need
     * the whole graph */
    bool stream = (o->format == NG_FORMAT_NTRIPLES || o->format == NG_FORMAT_NQUADS) && !o->store;
    if (!st)
        st = stream ? ng_output_open(o->output, diag, &out) : ng_graph_new(o->base, &g);
    NgCorpusOptions co = {o->jobs, o->base, o->max_size,
                          !o->quiet && isatty(STDERR_FILENO) ? stderr : NULL, &interrupted,
                          ng_format_has_graphs(o->format), o->profile};
    if (!st)
        st = ng_corpus_build(lx, paths, &co, out ? ng_output_stream(out) : NULL, g, diag, &rep);
    if (!st && (rc = build_outcome(&rep, stream, o, diag)) < 0) {
        rc = NG_EXIT_DATA;
        if (stream)
            st = ng_output_commit(out, diag);
        else if (o->output)
            st = ng_graph_write_file(g, o->format, o->output, diag);
        else if (!o->store)
            st = ng_graph_write_stream(g, o->format, stdout, diag);
        if (!st && o->store)
            st = ng_cli_store_graph(g, o, diag);
        if (!st && rep.skipped) {
            ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                           "skipped %zu of %zu articles (see above); the graph holds the other %zu",
                           rep.skipped, rep.total, rep.built);
            rc = NG_EXIT_SKIPPED;
        } else if (!st) {
            rc = NG_EXIT_OK;
        }
    }
    if (st == NG_ERR_NOMEM || st == NG_ERR_INTERNAL)
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%s", ng_strerror(st));
    ng_output_free(out);
    ng_paths_free(paths);
    ng_graph_free(g);
    ng_lexicon_free(lx);
    return rc;
}

/* build: the corpus build, with SIGINT and SIGTERM caught while it runs. */
int ng_cli_build(NgCliOptions *o, const NgDiag *diag)
{
    if (o->arg_count == 0 && !o->files_from)
        return ng_cli_usage(o, "%s", "no article given");
    size_t stdin_users = o->files_from && !strcmp(o->files_from, "-");
    for (size_t i = 0; i < o->arg_count; i++)
        stdin_users += !strcmp(o->args[i], "-");
    if (stdin_users > 1)
        return ng_cli_usage(o, "%s", "standard input can be read once: give '-' (an article) or "
                                     "--files-from - (a list), once");
    if (o->replace && !o->store)
        return ng_cli_usage(o, "%s", "--replace goes with --store");
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C ends the process at once */
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    int rc = build_run(o, diag);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    return rc;
}

/* ---------------------------------------------------------------- explain, report */

/* explain: each article's account of what extraction found, headed by its path when there are
 * several; an article that fails is reported and the others still explained. */
int ng_cli_explain(NgCliOptions *o, const NgDiag *diag)
{
    if (o->rules) {
        if (o->arg_count)
            return ng_cli_usage(o, "%s", "--rules takes no article");
        for (size_t i = 0; i < ng_extract_rule_count(); i++)
            printf("%-32s %s\n", ng_extract_rule_name(i), ng_extract_rule_example(i));
        return NG_EXIT_OK;
    }
    if (o->arg_count == 0)
        return ng_cli_usage(o, "%s", "no article given");
    NgLexicon *lx = NULL;
    if (ng_cli_load_lexicon(o, diag, &lx))
        return NG_EXIT_DATA;
    int rc = NG_EXIT_OK;
    for (size_t i = 0; i < o->arg_count; i++) {
        Article a;
        if (article_run(o->args[i], o, lx, diag, &a)) {
            rc = NG_EXIT_DATA;
            continue;
        }
        if (o->arg_count > 1)
            printf("== %s\n", o->args[i]);
        if (ng_extraction_explain(a.extraction, stdout))
            rc = NG_EXIT_DATA;
        article_free(&a);
    }
    ng_lexicon_free(lx);
    return rc;
}

/* The graph into a new in-memory store, through Turtle (what `build` writes; raptor's N-Triples
 * parser leaks typed literals' datatypes). */
static NgStatus memory_store(const NgGraph *g, const NgDiag *diag, NgStore **store)
{
    char *nt = NULL;
    size_t nt_len = 0;
    NgStatus st = NG_SUCCESS;
    FILE *mem = open_memstream(&nt, &nt_len);
    if (!mem)
        st = NG_ERR_NOMEM;
    if (mem) {
        st = ng_graph_write_stream(g, NG_FORMAT_TURTLE, mem, diag);
        if (fclose(mem) && !st)
            st = NG_ERR_NOMEM;
    }
    if (!st)
        st = ng_store_new_memory(diag, store);
    if (!st)
        st = ng_store_stage_buffer(*store, "graph.ttl", nt, nt_len, NG_FORMAT_TURTLE, diag);
    if (!st)
        st = ng_store_commit(*store, diag, NULL);
    free(nt);
    return st;
}

/* The graph into a temporary sqlite: store on disk (cli_spool.c), through an N-Triples file
 * beside it: the in-memory store takes about 3.6 KB a triple, over 10 GiB for 1,000 articles. */
static NgStatus spool_store(const NgCliOptions *o, const NgGraph *g, const NgDiag *diag,
                            NgStore **store)
{
    const char *path = NULL;
    NgStatus st = ng_cli_spool_make(o, diag, &path);
    FILE *f = st ? NULL : fopen(path, "wb");
    if (!st && !f) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot write the temporary graph: %s; "
                       "set TMPDIR to a writable directory with room", strerror(errno));
        st = NG_ERR_IO;
    }
    if (f) {   /* written in place, not atomically: a temporary name could outlive a signal */
        st = ng_graph_write_stream(g, NG_FORMAT_NTRIPLES, f, diag);
        if (fclose(f) && !st) {
            ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot write the temporary graph: "
                           "%s; set TMPDIR to a directory with room", strerror(errno));
            st = NG_ERR_IO;
        }
    }
    if (!st)
        st = ng_cli_spool_load(&path, 1, diag, store);
    return st;
}

/* The graph of the articles, in a store the report is made from (the graph only): in memory,
 * or, when its N-Triples would pass --spool-above bytes, on disk (*spooled says so). */
static NgStatus report_store(const NgCliOptions *o, const NgLexicon *lx, const NgDiag *diag,
                             NgStore **store, bool *spooled)
{
    NgGraph *g = NULL;
    NgStatus st = ng_graph_new(o->base, &g);
    for (size_t i = 0; i < o->arg_count && !st; i++) {
        Article a;
        st = article_run(o->args[i], o, lx, diag, &a);
        if (!st)
            st = ng_graph_add_extraction(g, a.extraction);
        article_free(&a);
    }
    *spooled = !st && (unsigned long long)ng_graph_triple_count(g) * NG_SPOOL_TRIPLE_BYTES >
                          ng_cli_spool_limit(o);
    if (!st)
        st = *spooled ? spool_store(o, g, diag, store) : memory_store(g, diag, store);
    ng_graph_free(g);
    return st;
}

/* report: the articles' graph as one HTML page, to -o or standard output. */
int ng_cli_report(NgCliOptions *o, const NgDiag *diag)
{
    if (o->arg_count == 0)
        return ng_cli_usage(o, "%s", "no article given");
    if (o->format != NG_FORMAT_TURTLE)
        return ng_cli_usage(o, "%s", "report writes HTML; -f does not apply");
    int rc = ng_cli_check_output(o, o->args, o->arg_count);
    if (rc >= 0)
        return rc;
    NgLexicon *lx = NULL;
    NgStore *store = NULL;
    char *page = NULL;
    bool spooled = false;
    NgStatus st = ng_cli_load_lexicon(o, diag, &lx);
    if (!st)
        st = report_store(o, lx, diag, &store, &spooled);
    if (!st && o->output)
        st = ng_report_write_file(store, o->output, diag);
    else if (!st && !(st = ng_report_html(store, diag, &page)) && fputs(page, stdout) < 0)
        st = NG_ERR_IO;
    ng_cli_finish(st, diag);
    if (spooled)
        ng_cli_spool_close(store);
    else
        ng_store_free(store);
    free(page);
    ng_lexicon_free(lx);
    return st ? NG_EXIT_DATA : NG_EXIT_OK;
}
