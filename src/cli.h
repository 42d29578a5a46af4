/*
 * cli.h — what the command line's files share: the options every command is parsed into, the
 * command table's entry, and the prologue written once in cli.c (data directory, lexicon, exit
 * codes).  cli_article.c holds the commands that read articles (build, explain, report),
 * cli_graph.c those that read graphs (load, push, query, stats, validate, render).  Not part of
 * the library.  Ownership follows newsgraph.h's rule.
 */
#ifndef NG_CLI_H
#define NG_CLI_H

#include "newsgraph.h"

/* query: seconds a local query may run when --timeout does not say (docs/errors.md). */
#define NG_QUERY_TIMEOUT 300L
/* Graph files over this many bytes in all (render), a graph over this many bytes of N-Triples
 * (report), go through a temporary store on disk (cli_spool.c) instead of memory, unless
 * --spool-above says otherwise.  Measured (docs/performance.md): render from the disk store is
 * faster from 15 MB of N-Triples on and takes less memory; report, which reads everything back
 * with SPARQL, is slower from sqlite: (100 articles: 28.6 s and 312 MiB against 12.4 s and
 * 569 MiB), so it goes to disk only past about 1.2 GiB of memory store. */
#define NG_SPOOL_RENDER_ABOVE (8ULL << 20)
#define NG_SPOOL_REPORT_ABOVE (128ULL << 20)
/* report: the N-Triples bytes a triple is taken to need against --spool-above (the mean of
 * generated corpora is 196). */
#define NG_SPOOL_TRIPLE_BYTES 200ULL
/* Exit codes (docs/errors.md). */
enum {
    NG_EXIT_OK = 0,
    NG_EXIT_DATA = 1,          /* an input or data error */
    NG_EXIT_USAGE = 2,         /* a usage error */
    NG_EXIT_SKIPPED = 3,       /* build: some articles were skipped */
    NG_EXIT_INTERRUPTED = 130  /* build: interrupted */
};

/* Everything any command's options can say; each command reads the fields of the options it
 * takes.  The arrays are the parser's (cli.c frees them); the strings are borrowed from argv. */
typedef struct {
    const char *command;    /* the command's name, for messages */
    const char **args;      /* articles, or graph files (positional arguments and -d's) */
    size_t arg_count;
    const char **lexicons;  /* --lexicon, in order */
    size_t lexicon_count;
    const char *output;     /* -o */
    const char *base;       /* --base */
    const char *data;       /* --data */
    const char *store;      /* --store */
    const char *query_file; /* query: the first positional argument, unless -e is given */
    const char *expression; /* query -e */
    const char *results;    /* query -r */
    const char *checks;     /* validate --checks */
    const char *files_from; /* build --files-from: a list of articles ("-": standard input) */
    const char *picture;    /* render -T: svg, png or dot */
    NgFormat format;        /* -f: turtle when not given */
    size_t max_size;        /* --max-size: 0 for the default */
    const char **without;   /* explain --without: extraction rules switched off, NULL-terminated */
    size_t without_count;
    bool rules;             /* explain --rules */
    unsigned jobs;          /* build -j: 0 for the number of processors */
    NgProfile profile;      /* build --profile: full (the default) or lean */
    bool quiet;             /* build -q */
    bool no_ontology;       /* load, query --no-ontology */
    bool replace;           /* push, load, build --store: --replace */
    bool allow_fetch;       /* query --allow-fetch */
    bool max_results_given; /* query --max-results, into max_results (0: no limit) */
    size_t max_results;
    NgRemoteOptions remote; /* push, query --endpoint and their options */
    NgRenderOptions render; /* render --view, --max-nodes */
    bool spool_above_given; /* render, report --spool-above, into spool_above (bytes) */
    unsigned long long spool_above;
    const char *data_dir;   /* where the data was found (cli.c), NULL when nowhere */
    char data_buf[4096];    /* data_dir when it was searched for */
    char program_dir[4096]; /* the directory of the running program, "" when unknown */
} NgCliOptions;

/* A command: runs with its parsed options and returns the exit code. */
typedef int (*NgCliRun)(NgCliOptions *o, const NgDiag *diag);

/* One entry of the command table (cli.c). */
typedef struct {
    const char *name;
    NgCliRun run;
    const char *help;       /* printed for -h and --help */
    const char *options;    /* every spelling it takes, each followed by a space */
    bool query_first;       /* the first positional argument is the query, unless -e is given */
} NgCliCommand;

/* ---------------------------------------------------------------- the prologue (cli.c) */

/* Reports a misuse ("newsgraph: error: " then `fmt` with `arg`, then where help is) and returns
 * NG_EXIT_USAGE. */
int ng_cli_usage(const NgCliOptions *o, const char *fmt, const char *arg);
/* Where ontology/, data/lexicon/ and queries/ are: --data, else $NEWSGRAPH_DATA, else the
 * installed share directory, else the build tree; NULL, said on standard error with the four
 * places, when none holds them. */
const char *ng_cli_data_dir(const NgCliOptions *o);
/* Loads the ontology, the built-in lexicon and the --lexicon files into a new lexicon (*out, the
 * caller's); on failure *out is NULL and the errors are reported. */
NgStatus ng_cli_load_lexicon(const NgCliOptions *o, const NgDiag *diag, NgLexicon **out);
/* Refuses an -o that is one of the `count` inputs (the same file, through any name or link):
 * reports it and returns NG_EXIT_USAGE; -1 when it is none of them. */
int ng_cli_check_output(const NgCliOptions *o, const char *const *inputs, size_t count);
/* Reports what a status that no stage reported means (no memory, a library's failure) and
 * returns its exit code: 0, 2 for a bad argument, else 1. */
int ng_cli_finish(NgStatus st, const NgDiag *diag);

/* ---------------------------------------------------------------- the commands */

/* cli_article.c */
extern const char ng_cli_build_help[], ng_cli_explain_help[], ng_cli_report_help[];
int ng_cli_build(NgCliOptions *o, const NgDiag *diag);
int ng_cli_explain(NgCliOptions *o, const NgDiag *diag);
int ng_cli_report(NgCliOptions *o, const NgDiag *diag);

/* cli_graph.c */
extern const char ng_cli_load_help[], ng_cli_drop_help[], ng_cli_query_help[],
    ng_cli_push_help[], ng_cli_stats_help[], ng_cli_validate_help[], ng_cli_render_help[],
    ng_cli_check_help[];
int ng_cli_load(NgCliOptions *o, const NgDiag *diag);
int ng_cli_drop(NgCliOptions *o, const NgDiag *diag);
int ng_cli_query(NgCliOptions *o, const NgDiag *diag);
int ng_cli_push(NgCliOptions *o, const NgDiag *diag);
int ng_cli_stats(NgCliOptions *o, const NgDiag *diag);
int ng_cli_check(NgCliOptions *o, const NgDiag *diag);
int ng_cli_validate(NgCliOptions *o, const NgDiag *diag);
int ng_cli_render(NgCliOptions *o, const NgDiag *diag);
/* cli_spool.c: are the graph files together over ng_cli_spool_limit bytes? */
bool ng_cli_spool_wanted(const NgCliOptions *o);
/* --spool-above, else the command's default (NG_SPOOL_RENDER_ABOVE, NG_SPOOL_REPORT_ABOVE). */
unsigned long long ng_cli_spool_limit(const NgCliOptions *o);
/* Makes the temporary directory (reported when it cannot be made) and catches SIGINT, SIGTERM
 * and SIGHUP to remove it; *graph (when not NULL) is the path of a graph file there the caller
 * may write.  ng_cli_spool_close undoes it, also on failure. */
NgStatus ng_cli_spool_make(const NgCliOptions *o, const NgDiag *diag, const char **graph);
/* Loads the graph files into a new sqlite: store in that directory (*out, the caller's, for
 * ng_cli_spool_close); failures are reported. */
NgStatus ng_cli_spool_load(const char *const *files, size_t count, const NgDiag *diag,
                           NgStore **out);
/* Frees the store (may be NULL) and removes the temporary store's files and directory. */
void ng_cli_spool_close(NgStore *store);
/* build --store: loads the graph into the store o->store with the ontology, and says so. */
NgStatus ng_cli_store_graph(const NgGraph *g, const NgCliOptions *o, const NgDiag *diag);

#endif /* NG_CLI_H */
