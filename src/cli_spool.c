/* cli_spool.c — graph files too large for memory, read through a temporary store on disk.
 *
 * Commands given graph files read them into Redland's in-memory store, which takes about 3.6 KB
 * a triple: the 575 MB N-Triples of 1,000 articles need over 10 GiB there, and `render` of them
 * ran out of memory after minutes (issue 15).  Past --spool-above bytes of graph files (default
 * NG_SPOOL_RENDER_ABOVE), the files go instead into a new `sqlite:` store in a directory of its own
 * under $TMPDIR (else /tmp), through the store's bulk loader (the file checked first, nothing
 * half-loaded), and the command reads that store; the directory is removed when the command
 * ends, on error too, and on SIGINT, SIGTERM or SIGHUP, whose handler removes it and then dies
 * of the signal as it would have.  The handler needs the paths in static storage: the one
 * mutable state of this file, set while a spool exists (a process has at most one).  `report`
 * writes its articles' graph as N-Triples into the same directory first.  Not part of the
 * library.
 */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The spool's directory and the files the store may leave in it, for the signal handler. */
static struct {
    char dir[4096];
    char file[5][4200];  /* the store, its lock, its journal, a graph file; the last one "" */
    struct sigaction old[3];
} spool;

static const int spool_signals[3] = {SIGINT, SIGTERM, SIGHUP};

/* Removes the spool's files and directory (async-signal-safe: unlink and rmdir only). */
static void spool_remove_files(void)
{
    for (size_t i = 0; spool.file[i][0]; i++)
        unlink(spool.file[i]);
    if (spool.dir[0])
        rmdir(spool.dir);
}

/* SIGINT, SIGTERM, SIGHUP while a spool exists: remove it, then die of the signal. */
static void on_spool_signal(int sig)
{
    spool_remove_files();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* The total size of the graph files; standard input and what cannot be read count 0 (a file
 * that cannot be read is reported by the load itself). */
static unsigned long long files_size(const NgCliOptions *o)
{
    unsigned long long total = 0;
    struct stat sb;
    for (size_t i = 0; i < o->arg_count; i++)
        if (strcmp(o->args[i], "-") && stat(o->args[i], &sb) == 0 && S_ISREG(sb.st_mode))
            total += (unsigned long long)sb.st_size;
    return total;
}

unsigned long long ng_cli_spool_limit(const NgCliOptions *o)
{
    if (o->spool_above_given)
        return o->spool_above;
    return strcmp(o->command, "report") ? NG_SPOOL_RENDER_ABOVE : NG_SPOOL_REPORT_ABOVE;
}

bool ng_cli_spool_wanted(const NgCliOptions *o)
{
    return o->arg_count && files_size(o) > ng_cli_spool_limit(o);
}

/* Makes the spool's directory and notes its files' names; reports a failure with what to do. */
static NgStatus spool_make_dir(const NgCliOptions *o, const NgDiag *diag)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    int n = snprintf(spool.dir, sizeof spool.dir, "%s/newsgraph-spool-XXXXXX", tmp);
    if (n < 0 || (size_t)n >= sizeof spool.dir || !mkdtemp(spool.dir)) {
        ng_diag_report(diag, NG_DIAG_ERROR, tmp, 0, 0,
                       "cannot make a temporary store for graph files over %llu bytes: %s; set "
                       "TMPDIR to a writable directory with room, or raise --spool-above",
                       ng_cli_spool_limit(o),
                       n < 0 || (size_t)n >= sizeof spool.dir ? "path too long" : strerror(errno));
        spool.dir[0] = '\0';
        return NG_ERR_IO;
    }
    static const char *const name[4] = {"graph.sqlite", "graph.sqlite.lock",
                                        "graph.sqlite-journal", "graph.nt"};
    for (size_t i = 0; i < 4; i++)
        snprintf(spool.file[i], sizeof spool.file[i], "%s/%s", spool.dir, name[i]);
    spool.file[4][0] = '\0';
    return NG_SUCCESS;
}

NgStatus ng_cli_spool_make(const NgCliOptions *o, const NgDiag *diag, const char **graph)
{
    NgStatus st = spool_make_dir(o, diag);
    if (st)
        return st;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_spool_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < 3; i++)
        sigaction(spool_signals[i], &sa, &spool.old[i]);
    if (graph)
        *graph = spool.file[3];
    return NG_SUCCESS;
}

NgStatus ng_cli_spool_load(const char *const *files, size_t count, const NgDiag *diag,
                           NgStore **out)
{
    *out = NULL;
    char spec[4300];
    snprintf(spec, sizeof spec, "sqlite:%s", spool.file[0]);
    NgStatus st = ng_store_open(spec, true, diag, out);
    for (size_t i = 0; !st && i < count; i++)
        st = ng_store_stage_file(*out, files[i], diag);
    if (!st)
        st = ng_store_commit(*out, diag, NULL);
    return st;
}

void ng_cli_spool_close(NgStore *store)
{
    ng_store_free(store);
    if (!spool.dir[0])
        return;
    spool_remove_files();
    for (size_t i = 0; i < 3; i++)
        sigaction(spool_signals[i], &spool.old[i], NULL);
    memset(&spool, 0, sizeof spool);
}
