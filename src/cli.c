/* cli.c — the newsgraph command line: the command table, and the prologue every command shares,
 * written once: the options parsed into one NgCliOptions (an option a command does not take is a
 * misuse), the diagnostic sink, the data directory, the lexicon, and exit codes.  The commands
 * themselves are cli_article.c's and cli_graph.c's.
 *
 * Exit codes (docs/errors.md): 0 success, 1 input or data error, 2 usage error.
 * Help goes to stdout; misuse goes to stderr with a hint; every message starts with "newsgraph: ". */
#include "cli.h"
#include "config.h"   /* NG_PKGDATADIR, made by make from PREFIX */

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* push: an N-Triples file larger than this goes in several requests (docs/servers.md: Virtuoso
 * holds a whole request body in memory and never finished one of 5 GB) */
#define PUSH_PART_SIZE (64ULL << 20)

static const char *const main_help =
    "Usage: newsgraph COMMAND [OPTION]... [ARG]...\n"
    "Turn news-analysis articles into an RDF knowledge graph.\n"
    "\n"
    "Commands:\n"
    "  build     build the graph of one or more articles and write it as Turtle\n"
    "  explain   show, sentence by sentence, what extraction found in an article\n"
    "  load      load graphs (Turtle, N-Triples, N-Quads, TriG) into a persistent store\n"
    "  drop      remove an article's graph from a store\n"
    "  query     run a SPARQL query over a store, graph files or a SPARQL endpoint\n"
    "  push      send graphs to a server triple store (SPARQL 1.1 Graph Store Protocol)\n"
    "  stats     count articles, actors, events, claims and triples\n"
    "  check     check that a store is whole (SQLite's integrity check, every triple read)\n"
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

/* The options each command takes, every spelling followed by a space. */
#define ARTICLE_OPTIONS "-o --output -f --format --base --lexicon --data --max-size "

static const NgCliCommand commands[] = {
    {"build", ng_cli_build, ng_cli_build_help,
     ARTICLE_OPTIONS "--files-from --store --replace -j --jobs -q --quiet --profile ", false},
    {"explain", ng_cli_explain, ng_cli_explain_help, ARTICLE_OPTIONS "--without --rules ", false},
    {"load", ng_cli_load, ng_cli_load_help, "--store --replace --no-ontology --data ", false},
    {"drop", ng_cli_drop, ng_cli_drop_help, "--store ", false},
    {"push", ng_cli_push, ng_cli_push_help,
     "--endpoint --graph --replace --user --auth --timeout --retries --part-size ", false},
    {"query", ng_cli_query, ng_cli_query_help,
     "--store -d --data-file -e --expression -r --results --no-ontology --data --endpoint "
     "--graph --user --auth --timeout --retries --allow-fetch --max-results ",
     true},
    {"stats", ng_cli_stats, ng_cli_stats_help, "--store -d --data-file -r --results ", false},
    {"check", ng_cli_check, ng_cli_check_help, "--store ", false},
    {"validate", ng_cli_validate, ng_cli_validate_help, "--checks --data --store -d --data-file ",
     false},
    {"render", ng_cli_render, ng_cli_render_help,
     "-o --output -T --type --view --max-nodes --store --spool-above ", false},
    {"report", ng_cli_report, ng_cli_report_help, ARTICLE_OPTIONS "--spool-above ", false},
};

/* ---------------------------------------------------------------- the prologue */

/* A misuse of command o->command: the message, then where its help is. */
int ng_cli_usage(const NgCliOptions *o, const char *fmt, const char *arg)
{
    fprintf(stderr, "newsgraph: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'newsgraph %s --help'.\n", o->command);
    return NG_EXIT_USAGE;
}

/* Does `dir` hold newsgraph's data: ontology/ and data/lexicon/? */
static bool is_data_dir(const char *dir)
{
    char path[4096 + 32];
    struct stat sb;
    if ((size_t)snprintf(path, sizeof path, "%s/ontology", dir) >= sizeof path ||
        stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return false;
    return (size_t)snprintf(path, sizeof path, "%s/data/lexicon", dir) < sizeof path &&
           stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The directory the running program is in, into `buf`; false when the system does not say. */
static bool program_dir(char *buf, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
    if (n <= 0 || (size_t)n >= cap - 1)
        return false;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return true;
}

/* Place `i` (0, 2 or 3) where the data may be, relative to the program's directory `exe`: the
 * installed share directory beside it (PREFIX/bin -> PREFIX/share/newsgraph), the build tree
 * (the directory itself), or the directory above it. */
static void data_place(const char *exe, int i, char *buf, size_t cap)
{
    const char *slash = strrchr(exe, '/');
    int up = slash ? (int)(slash - exe) : 0;   /* the parent's length ("" for "/x") */
    if (i == 0)
        snprintf(buf, cap, "%.*s/share/newsgraph", up, exe);
    else if (i == 2)
        snprintf(buf, cap, "%s", exe);
    else
        snprintf(buf, cap, "%.*s", up ? up : 1, up ? exe : "/");
}

/* Finds the data, in the order docs/errors.md gives: --data, $NEWSGRAPH_DATA (each taken as it
 * is), the installed share directory (../share/newsgraph beside the program's directory, so that
 * an installed tree can move, then NG_PKGDATADIR as installed), the build tree (the program's
 * directory, or the one above it for build-asan/newsgraph).  Never a path compiled in from the
 * build: a program moved out of its build tree finds its data or says where it looked.  Fills
 * o->data_dir (NULL when none holds the data) and o->program_dir. */
static void find_data(NgCliOptions *o)
{
    const char *given = o->data ? o->data : getenv("NEWSGRAPH_DATA");
    if (given && *given) {
        o->data_dir = given;
        return;
    }
    bool known = program_dir(o->program_dir, sizeof o->program_dir);
    for (int i = 0; i < 4 && !o->data_dir; i++) {
        if (i == 1)
            snprintf(o->data_buf, sizeof o->data_buf, "%s", NG_PKGDATADIR);
        else if (!known)
            continue;
        else
            data_place(o->program_dir, i, o->data_buf, sizeof o->data_buf);
        if (is_data_dir(o->data_buf))
            o->data_dir = o->data_buf;
    }
}

/* The data directory find_data found; when there is none, says where it looked. */
const char *ng_cli_data_dir(const NgCliOptions *o)
{
    if (!o->data_dir) {
        char share[4096 + 32] = "PREFIX/share/newsgraph", tree[4096 + 32] = "its directory";
        if (o->program_dir[0]) {
            data_place(o->program_dir, 0, share, sizeof share);
            data_place(o->program_dir, 2, tree, sizeof tree);
        }
        fprintf(stderr,
                "newsgraph: error: cannot find newsgraph's data (ontology/, data/lexicon/, "
                "queries/); looked in: --data (not given); $NEWSGRAPH_DATA (not set); the "
                "installed share directory (%s, %s); the build tree (%s); give --data DIR or set "
                "NEWSGRAPH_DATA, or run 'make install'\n",
                share, NG_PKGDATADIR, tree);
    }
    return o->data_dir;
}

/* The ontology, then the built-in lexicon, then each --lexicon file, into one new lexicon. */
NgStatus ng_cli_load_lexicon(const NgCliOptions *o, const NgDiag *diag, NgLexicon **out)
{
    const char *data = ng_cli_data_dir(o);
    *out = NULL;
    if (!data)
        return NG_ERR_IO;
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

/* -o against the inputs: the same file (device and inode, so a link or another name of an input
 * counts) would be destroyed by the output, so it is refused before anything is read. */
int ng_cli_check_output(const NgCliOptions *o, const char *const *inputs, size_t count)
{
    struct stat out, in;
    if (!o->output || stat(o->output, &out) != 0 || !S_ISREG(out.st_mode))
        return -1;
    for (size_t i = 0; i < count; i++)
        if (stat(inputs[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
            fprintf(stderr, "newsgraph: %s: error: the output is the input '%s'; writing it would "
                            "destroy it: give another -o\n",
                    o->output, inputs[i]);
            fprintf(stderr, "Try 'newsgraph %s --help'.\n", o->command);
            return NG_EXIT_USAGE;
        }
    return -1;
}

/* A status that no stage reported gets a message; every status gets its exit code.  Running out
 * of memory says what to do instead; any other failure that reached the end without a message
 * (a library that failed quietly: the CLI's sink counts the errors written) says at least what
 * it was, so that no failing run ends silently. */
int ng_cli_finish(NgStatus st, const NgDiag *diag)
{
    const NgDiagStream *ds = diag && diag->func == ng_diag_stream_func ? diag->user_data : NULL;
    if (st == NG_ERR_NOMEM)
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%s; for a large graph, load it into a "
                       "store once (newsgraph load GRAPH --store sqlite:PATH) and give --store, "
                       "or lower --spool-above where the command takes it", ng_strerror(st));
    else if (st == NG_ERR_INTERNAL || (st && st != NG_ERR_BAD_ARG && ds && !ds->errors))
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%s, with no further detail from the "
                       "library; if it persists, report it with the command that failed",
                       ng_strerror(st));
    return st == NG_SUCCESS ? NG_EXIT_OK : st == NG_ERR_BAD_ARG ? NG_EXIT_USAGE : NG_EXIT_DATA;
}

/* ---------------------------------------------------------------- options */

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

/* Reads a whole number without sign into *n; false when `v` is not one or does not fit. */
static bool parse_count(const char *v, unsigned long long *n)
{
    char *end;
    errno = 0;
    *n = strtoull(v, &end, 10);
    return !errno && !*end && v[0] != '-';
}

/* -f: turtle, ntriples, rdfxml, nquads or trig. */
static int set_format(NgCliOptions *o, const char *v)
{
    if (!ng_format_parse(v, &o->format))
        return ng_cli_usage(o, "unknown format '%s' (use turtle, ntriples, rdfxml, nquads or trig)",
                            v);
    return -1;
}

/* --base: an absolute http:, https:, urn: or tag: IRI ending in '/' or '#' (one '#', the last
 * character: every minted IRI appends to it), with no character an IRI cannot hold. */
static int set_base(NgCliOptions *o, const char *v)
{
    size_t n = strlen(v);
    const char *hash = strchr(v, '#');
    if (n == 0 || (v[n - 1] != '/' && v[n - 1] != '#') || !strstr(v, ":") ||
        (hash && hash != v + n - 1))
        return ng_cli_usage(o, "--base '%s' must be an absolute IRI ending in '/' or '#' (and "
                               "no other '#')", v);
    if (strncasecmp(v, "http://", 7) && strncasecmp(v, "https://", 8) && strncasecmp(v, "urn:", 4) &&
        strncasecmp(v, "tag:", 4))
        return ng_cli_usage(o, "--base '%s' must be an http://, https://, urn: or tag: IRI", v);
    if ((!strncasecmp(v, "http://", 7) && strchr("/#", v[7])) ||
        (!strncasecmp(v, "https://", 8) && strchr("/#", v[8])))
        return ng_cli_usage(o, "--base '%s' names no host", v);
    for (const char *p = v; *p; p++)
        if (strchr(" <>\"{}|^`\\", *p) || (unsigned char)*p < 0x21)
            return ng_cli_usage(o, "--base '%s' holds a character not allowed in an IRI", v);
    o->base = v;
    return -1;
}

/* --lexicon, repeatable. */
static int set_lexicon(NgCliOptions *o, const char *v)
{
    o->lexicons[o->lexicon_count++] = v;
    return -1;
}

/* --without RULE, repeatable: a rule of extraction by name (explain --rules lists them). */
static int set_without(NgCliOptions *o, const char *v)
{
    for (size_t i = 0; i < ng_extract_rule_count(); i++)
        if (!strcmp(ng_extract_rule_name(i), v)) {
            o->without[o->without_count++] = v;
            return -1;
        }
    return ng_cli_usage(o, "unknown rule '%s' ('newsgraph explain --rules' lists them)", v);
}

/* -j: from 1 to 1024 workers. */
static int set_jobs(NgCliOptions *o, const char *v)
{
    unsigned long long n;
    if (!parse_count(v, &n) || n == 0 || n > 1024)
        return ng_cli_usage(o, "-j '%s' must be a number of workers from 1 to 1024", v);
    o->jobs = (unsigned)n;
    return -1;
}

/* --profile: which classes the graph writes out (docs/contract.md, "Profiles"). */
static int set_profile(NgCliOptions *o, const char *v)
{
    if (!strcmp(v, "full"))
        o->profile = NG_PROFILE_FULL;
    else if (!strcmp(v, "lean"))
        o->profile = NG_PROFILE_LEAN;
    else
        return ng_cli_usage(o, "--profile '%s' must be full or lean", v);
    return -1;
}

/* --max-size: a positive byte count. */
static int set_max_size(NgCliOptions *o, const char *v)
{
    unsigned long long n;
    if (!parse_size(v, &n) || n == 0 || n > SIZE_MAX)
        return ng_cli_usage(o, "--max-size '%s' must be a positive number of bytes "
                               "(K, M, G: KiB, MiB, GiB)", v);
    o->max_size = (size_t)n;
    return -1;
}

/* -d: a graph file, like a positional one. */
static int set_data_file(NgCliOptions *o, const char *v)
{
    o->args[o->arg_count++] = v;
    return -1;
}

/* -e: the query itself; a positional argument taken for the query file was data after all. */
static int set_expression(NgCliOptions *o, const char *v)
{
    if (o->query_file) {
        o->args[o->arg_count++] = o->query_file;
        o->query_file = NULL;
    }
    o->expression = v;
    return -1;
}

/* --timeout: positive seconds; --retries: from 0; both at most 100000. */
static int set_timeout_or_retries(NgCliOptions *o, const char *v, bool timeout)
{
    unsigned long long n;
    if (!parse_count(v, &n) || !*v || (timeout && n == 0) || n > 100000)
        return ng_cli_usage(o, timeout ? "--timeout '%s' must be a positive number of seconds"
                                       : "--retries '%s' must be a number from 0",
                            v);
    if (timeout)
        o->remote.timeout = (long)n;
    else
        o->remote.retries = (unsigned)n;
    return -1;
}

/* --timeout */
static int set_timeout(NgCliOptions *o, const char *v)
{
    return set_timeout_or_retries(o, v, true);
}

/* --retries */
static int set_retries(NgCliOptions *o, const char *v)
{
    return set_timeout_or_retries(o, v, false);
}

/* --max-results: a whole number, 0 for no limit. */
static int set_max_results(NgCliOptions *o, const char *v)
{
    unsigned long long n;
    if (!parse_count(v, &n) || !*v || n > SIZE_MAX)
        return ng_cli_usage(o, "--max-results '%s' must be a number of rows or triples (0: no "
                               "limit)", v);
    o->max_results = (size_t)n;
    o->max_results_given = true;
    return -1;
}

/* --part-size: a byte count, 0 for one request per file. */
static int set_part_size(NgCliOptions *o, const char *v)
{
    if (!parse_size(v, &o->remote.part_size))
        return ng_cli_usage(o, "--part-size '%s' must be a number of bytes, with an optional K, M "
                               "or G (0: one request per file)", v);
    return -1;
}

/* --auth: any, basic or digest. */
static int set_auth(NgCliOptions *o, const char *v)
{
    if (strcmp(v, "any") && strcmp(v, "basic") && strcmp(v, "digest"))
        return ng_cli_usage(o, "--auth '%s' must be any, basic or digest", v);
    o->remote.auth = v;
    return -1;
}

/* --view: network or timeline. */
static int set_view(NgCliOptions *o, const char *v)
{
    if (!ng_view_parse(v, &o->render.view))
        return ng_cli_usage(o, "unknown view '%s' (use network or timeline)", v);
    return -1;
}

/* --max-nodes: a number, 0 for all. */
static int set_max_nodes(NgCliOptions *o, const char *v)
{
    unsigned long long n;
    if (!parse_count(v, &n) || !*v || n >= SIZE_MAX)
        return ng_cli_usage(o, "--max-nodes '%s' must be a number (0: all the nodes)", v);
    o->render.max_nodes = (size_t)n;
    return -1;
}

/* --spool-above: a byte count (0: every graph file goes through a temporary store). */
static int set_spool_above(NgCliOptions *o, const char *v)
{
    if (!parse_size(v, &o->spool_above))
        return ng_cli_usage(o, "--spool-above '%s' must be a number of bytes, with an optional K, "
                               "M or G (0: always a temporary store)", v);
    o->spool_above_given = true;
    return -1;
}

/* -T: svg, png or dot. */
static int set_picture(NgCliOptions *o, const char *v)
{
    NgPictureFormat f;
    if (!ng_picture_format_parse(v, &f))
        return ng_cli_usage(o, "unknown picture format '%s' (use svg, png or dot)", v);
    o->picture = v;
    return -1;
}

/* One option: its spellings, and what it sets: a string or a flag of NgCliOptions at `field`,
 * or whatever `set` checks and sets (returning -1, else the exit code of a misuse). */
typedef struct {
    const char *name, *alias;
    enum { OPT_STRING, OPT_FLAG, OPT_SET } kind;
    size_t field;
    int (*set)(NgCliOptions *o, const char *value);
} Option;

#define STRING(name, alias, field) {name, alias, OPT_STRING, offsetof(NgCliOptions, field), NULL}
#define FLAG(name, alias, field) {name, alias, OPT_FLAG, offsetof(NgCliOptions, field), NULL}
#define SET(name, alias, fn) {name, alias, OPT_SET, 0, fn}

static const Option options[] = {
    /* articles: build, explain, report */
    STRING("--output", "-o", output),
    SET("--format", "-f", set_format),
    SET("--base", NULL, set_base),
    SET("--lexicon", NULL, set_lexicon),
    STRING("--data", NULL, data),
    SET("--max-size", NULL, set_max_size),
    SET("--without", NULL, set_without),
    FLAG("--rules", NULL, rules),
    SET("--jobs", "-j", set_jobs),
    SET("--profile", NULL, set_profile),
    STRING("--files-from", NULL, files_from),
    FLAG("--quiet", "-q", quiet),
    /* stores and graph files */
    STRING("--store", NULL, store),
    FLAG("--no-ontology", NULL, no_ontology),
    SET("--data-file", "-d", set_data_file),
    SET("--expression", "-e", set_expression),
    STRING("--results", "-r", results),
    STRING("--checks", NULL, checks),
    FLAG("--allow-fetch", NULL, allow_fetch),
    SET("--max-results", NULL, set_max_results),
    /* servers: push, query --endpoint */
    STRING("--endpoint", NULL, remote.endpoint),
    STRING("--graph", NULL, remote.graph),
    FLAG("--replace", NULL, replace),
    STRING("--user", NULL, remote.user),
    SET("--auth", NULL, set_auth),
    SET("--timeout", NULL, set_timeout),
    SET("--retries", NULL, set_retries),
    SET("--part-size", NULL, set_part_size),
    /* pictures: render */
    SET("--view", NULL, set_view),
    SET("--max-nodes", NULL, set_max_nodes),
    SET("--type", "-T", set_picture),
    SET("--spool-above", NULL, set_spool_above),
};

/* Does the command take the option spelt `a`? */
static bool takes(const NgCliCommand *c, const char *a)
{
    size_t n = strlen(a);
    for (const char *p = c->options; (p = strstr(p, a)); p += n)
        if ((p == c->options || p[-1] == ' ') && p[n] == ' ')
            return true;
    return false;
}

/* The option spelt `a` (which the table holds, since a command takes it). */
static const Option *option_named(const char *a)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (!strcmp(a, options[i].name) || (options[i].alias && !strcmp(a, options[i].alias)))
            return &options[i];
    return NULL;
}

/* Parses a command's arguments into `o`: positional arguments, "--" (only those after it), -h
 * and --help (the help, exit 0), and the options it takes.  Returns -1 to go on, else the exit
 * code. */
static int parse_options(const NgCliCommand *c, int argc, char **argv, NgCliOptions *o)
{
    bool only_args = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_args || a[0] != '-' || !strcmp(a, "-")) {
            if (c->query_first && !o->query_file && !o->expression)
                o->query_file = a;
            else
                o->args[o->arg_count++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_args = true;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(c->help, stdout);
            return NG_EXIT_OK;
        }
        const Option *opt = takes(c, a) ? option_named(a) : NULL;
        if (!opt)
            return ng_cli_usage(o, "unknown option '%s'", a);
        if (opt->kind == OPT_FLAG) {
            *(bool *)((char *)o + opt->field) = true;
            continue;
        }
        if (i + 1 >= argc)
            return ng_cli_usage(o, "option '%s' needs a value", a);
        const char *v = argv[++i];
        int rc = -1;
        if (opt->kind == OPT_STRING)
            *(const char **)((char *)o + opt->field) = v;
        else
            rc = opt->set(o, v);
        if (rc >= 0)
            return rc;
    }
    return -1;
}

/* ---------------------------------------------------------------- the dispatcher */

/* Runs command `c` on its arguments: the options parsed, then the command itself. */
static int run(const NgCliCommand *c, int argc, char **argv, const NgDiag *diag)
{
    NgCliOptions o = {0};
    o.command = c->name;
    o.format = NG_FORMAT_TURTLE;
    o.remote.part_size = PUSH_PART_SIZE;
    o.render.max_nodes = SIZE_MAX;   /* not given: render chooses by the view */
    o.args = calloc((size_t)argc + 1, sizeof *o.args);
    o.lexicons = calloc((size_t)argc + 1, sizeof *o.lexicons);
    o.without = calloc((size_t)argc + 1, sizeof *o.without);
    int rc;
    if (!o.args || !o.lexicons || !o.without) {
        fprintf(stderr, "newsgraph: error: out of memory\n");
        rc = NG_EXIT_DATA;
    } else if ((rc = parse_options(c, argc, argv, &o)) < 0) {
        find_data(&o);
        rc = c->run(&o, diag);
    }
    free(o.args);
    free(o.lexicons);
    free(o.without);
    return rc;
}

/* The command named by the first argument runs with the rest; help and the version need none.
 * Standard output is closed here, so that a write error (a full disk) is an error too. */
int main(int argc, char **argv)
{
    NgDiagStream ds = {stderr, "newsgraph: ", 0};
    NgDiag diag = {ng_diag_stream_func, &ds};
    /* past a file size limit (ulimit -f) a write fails with EFBIG, reported, instead of the
     * process dying silently (and a load's store stays as it was) */
    signal(SIGXFSZ, SIG_IGN);
#ifdef __GLIBC__
    /* A build allocates and frees the same few megabytes for every article (its text, graph and
     * N-Triples).  glibc's defaults hand freed memory back to the kernel (a trim of the worker
     * threads' heaps, an munmap of each block past its adaptive mmap threshold), so every
     * article's pages were faulted in anew: a sixth of the CPU of `build` of 400 articles
     * (docs/performance.md).  Fixed thresholds keep up to 64 MiB of freed memory for reuse;
     * blocks of 4 MiB and more (a hostile article's) still go back when freed. */
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
    if (argc < 2) {
        fputs("newsgraph: error: no command given\nTry 'newsgraph --help'.\n", stderr);
        return NG_EXIT_USAGE;
    }
    const char *name = argv[1];
    const NgCliCommand *c = NULL;
    for (size_t i = 0; !c && i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            c = &commands[i];
    int rc;
    if (!strcmp(name, "-h") || !strcmp(name, "--help") || !strcmp(name, "help")) {
        fputs(main_help, stdout);
        rc = NG_EXIT_OK;
    } else if (!strcmp(name, "--version")) {
        printf("newsgraph %s\n", NG_VERSION);
        rc = NG_EXIT_OK;
    } else if (c) {
        rc = run(c, argc - 2, argv + 2, &diag);
    } else {
        fprintf(stderr, "newsgraph: error: unknown command '%s'\nTry 'newsgraph --help'.\n", name);
        return NG_EXIT_USAGE;
    }
    if (fclose(stdout) != 0 && rc == NG_EXIT_OK) {
        fprintf(stderr, "newsgraph: error: cannot write to standard output: %s\n", strerror(errno));
        rc = NG_EXIT_DATA;
    }
    return rc;
}
