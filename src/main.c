/* main.c — the newsgraph command line: parses arguments, runs the pipeline, reports errors.
 *
 * Exit codes (docs/errors.md): 0 success, 1 input or data error, 2 usage error.
 * Help goes to stdout; misuse goes to stderr with a hint; every message starts with "newsgraph: ". */
#include "newsgraph.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifndef NG_DATADIR
#define NG_DATADIR "."
#endif

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

static const char *const main_help =
    "Usage: newsgraph COMMAND [OPTION]... [ARG]...\n"
    "Turn news-analysis articles into an RDF knowledge graph.\n"
    "\n"
    "Commands:\n"
    "  build     build the graph of one or more articles and write it as Turtle\n"
    "  explain   show, sentence by sentence, what extraction found in an article\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  --version      show the version and exit\n"
    "\n"
    "Run 'newsgraph COMMAND --help' for a command's options.\n"
    "Exit status: 0 success, 1 input or data error, 2 usage error.\n";

static const char *const build_help =
    "Usage: newsgraph build ARTICLE... [-o OUT] [-f FORMAT] [--base IRI] [OPTION]...\n"
    "Build the knowledge graph of the articles (UTF-8 text files) and write it.\n"
    "\n"
    "  -o, --output OUT     write to OUT (atomically: a temporary file renamed on success);\n"
    "                       standard output when omitted\n"
    "  -f, --format FORMAT  turtle (default), ntriples or rdfxml\n"
    "  --base IRI           base for minted IRIs (default " NG_DEFAULT_BASE ");\n"
    "                       must end in '/' or '#'\n"
    "  --lexicon FILE       load a Turtle lexicon file on top of the built-in one (repeatable)\n"
    "  --data DIR           where ontology/ and data/lexicon/ live (default: $NEWSGRAPH_DATA,\n"
    "                       else " NG_DATADIR ")\n"
    "  --max-size BYTES     refuse articles larger than this (default 16777216 = 16 MiB)\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Example: newsgraph build data/articles/nk-china-summit-2025.txt -o out/nk.ttl\n";

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
    NgFormat format;
    size_t max_size;
} Options;

static int usage_error(const char *command, const char *fmt, const char *arg)
{
    fprintf(stderr, "newsgraph: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'newsgraph %s--help'.\n", command ? command : "");
    return EXIT_USAGE;
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
        bool has_value = !strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "-f") ||
                         !strcmp(a, "--format") || !strcmp(a, "--base") || !strcmp(a, "--lexicon") ||
                         !strcmp(a, "--data") || !strcmp(a, "--max-size");
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
        } else {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(v, &end, 10);
            if (errno || *end || n == 0 || v[0] == '-')
                return usage_error(cmd_space, "--max-size '%s' must be a positive number of bytes", v);
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

static int cmd_build(int argc, char **argv, const NgDiag *diag)
{
    Options o = {0};
    int rc = parse_options(argc, argv, "build", build_help, &o);
    NgLexicon *lx = NULL;
    NgGraph *g = NULL;
    NgStatus st = NG_SUCCESS;
    if (rc >= 0)
        goto done;
    rc = EXIT_DATA;
    if ((st = load_knowledge(&o, diag, &lx)))
        goto done;
    if ((st = ng_graph_new(o.base, &g)))
        goto done;
    for (size_t i = 0; i < o.article_count && !st; i++) {
        Article a;
        st = article_run(o.articles[i], &o, lx, diag, &a);
        if (!st)
            st = ng_graph_add_extraction(g, a.extraction);
        article_free(&a);
    }
    if (st)
        goto done;
    if (o.output)
        st = ng_graph_write_file(g, o.format, o.output, diag);
    else
        st = ng_graph_write_stream(g, o.format, stdout, diag);
    if (!st)
        rc = EXIT_OK;
done:
    if (st == NG_ERR_NOMEM || st == NG_ERR_INTERNAL)
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%s", ng_strerror(st));
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
