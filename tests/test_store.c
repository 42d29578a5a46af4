/* test_store.c — persistent stores: specs, loading without duplicates, all-or-nothing loads
 * (a syntax error at line 900, a write failure half-way through), and the bad stores of issue 5:
 * a path in a missing directory, a file that is not a store, a store locked by another process. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "newsgraph.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---------------------------------------------------------------- helpers */

typedef struct {
    unsigned errors;
    unsigned line;
    char text[8192];
} Diag;

static void diag_func(void *ud, NgDiagLevel level, const char *file, unsigned line, unsigned col,
                      const char *message)
{
    (void)col;
    Diag *d = ud;
    if (level == NG_DIAG_ERROR) {
        d->errors++;
        if (!d->line)
            d->line = line;
    }
    size_t n = strlen(d->text);
    snprintf(d->text + n, sizeof d->text - n, "%s:%u: %s\n", file ? file : "", line, message);
}

static NgDiag make_diag(Diag *d)
{
    memset(d, 0, sizeof *d);
    NgDiag diag = {diag_func, d};
    return diag;
}

static const char *datadir(void)
{
    const char *d = getenv("NEWSGRAPH_DATA");
    return d && *d ? d : ".";
}

/* A fresh scratch directory per test. */
static char scratch[256];

static int setup(void **state)
{
    (void)state;
    snprintf(scratch, sizeof scratch, "/tmp/ng-test-store-XXXXXX");
    return mkdtemp(scratch) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
    return system(cmd) == 0 ? 0 : -1;
}

static void spec_of(char *out, size_t cap, const char *kind, const char *name)
{
    snprintf(out, cap, "%s:%s/%s", kind, scratch, name);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* N-Triples lines s1..sN, one of them (bad_line, 0 for none) broken. */
static void write_triples(const char *path, int n, int bad_line, const char *tag)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 1; i <= n; i++) {
        if (i == bad_line)
            fprintf(f, "<http://example.org/%s/s%d> <http://example.org/p> .\n", tag, i);
        else
            fprintf(f, "<http://example.org/%s/s%d> <http://example.org/p> \"value %d, with text "
                       "long enough to take some room in the store\" .\n",
                    tag, i, i);
    }
    assert_int_equal(fclose(f), 0);
}

static const char *valid_graph(char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/tests/validate/valid.ttl", datadir());
    return buf;
}

static int cmp_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The store's triples as sorted N-Triples lines (the way to compare before and after). */
static char *dump(const char *spec)
{
    Diag d;
    NgDiag diag = make_diag(&d);
    NgStore *s = NULL;
    if (ng_store_open(spec, false, &diag, &s) != NG_SUCCESS)
        return strdup("(no store)");
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    NgStatus st = ng_query_run(s, "dump", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                               NG_RESULTS_NTRIPLES, mem, &diag, NULL);
    fclose(mem);
    ng_store_free(s);
    if (st)
        fail_msg("dump of %s: %s", spec, d.text);
    /* sort the lines */
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += buf[i] == '\n';
    char **v = calloc(lines + 1, sizeof *v);
    size_t k = 0;
    for (char *p = strtok(buf, "\n"); p; p = strtok(NULL, "\n"))
        v[k++] = p;
    qsort(v, k, sizeof *v, cmp_lines);
    char *out = calloc(len + 2, 1);
    for (size_t i = 0; i < k; i++) {
        strcat(out, v[i]);
        strcat(out, "\n");
    }
    free(v);
    free(buf);
    return out;
}

static size_t count(const char *spec)
{
    Diag d;
    NgDiag diag = make_diag(&d);
    NgStore *s = NULL;
    assert_int_equal(ng_store_open(spec, false, &diag, &s), NG_SUCCESS);
    size_t n = 0;
    assert_int_equal(ng_store_count(s, &diag, &n), NG_SUCCESS);
    ng_store_free(s);
    return n;
}

/* Loads files into a store as `newsgraph load` does; returns the commit's status. */
static NgStatus load(const char *spec, const char *const *files, size_t nfiles, size_t *added,
                     Diag *d)
{
    NgDiag diag = make_diag(d);
    NgStore *s = NULL;
    NgStatus st = ng_store_open(spec, true, &diag, &s);
    for (size_t i = 0; !st && i < nfiles; i++)
        st = ng_store_stage_file(s, files[i], &diag);
    if (!st)
        st = ng_store_commit(s, &diag, added);
    ng_store_free(s);
    return st;
}

/* ---------------------------------------------------------------- specs and paths */

static void test_free_null(void **state)
{
    (void)state;
    ng_store_free(NULL);
}

static void test_bad_specs(void **state)
{
    (void)state;
    Diag d;
    NgDiag diag = make_diag(&d);
    NgStore *s = (NgStore *)1;
    assert_int_equal(ng_store_open("mysql:x", true, &diag, &s), NG_ERR_BAD_ARG);
    assert_null(s);
    assert_int_equal(ng_store_open("sqlite:", true, &diag, &s), NG_ERR_BAD_ARG);
    assert_int_equal(ng_store_open("hashes:", false, &diag, &s), NG_ERR_BAD_ARG);
    assert_int_equal(d.errors, 3);
}

static void test_missing_directory(void **state)
{
    (void)state;
    char spec[512];
    const char *kinds[] = {"sqlite", "hashes"};
    for (int k = 0; k < 2; k++) {
        Diag d;
        NgDiag diag = make_diag(&d);
        NgStore *s = NULL;
        spec_of(spec, sizeof spec, kinds[k], "no/such/dir/store");
        assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_ERR_IO);
        assert_null(s);
        assert_non_null(strstr(d.text, "does not exist"));
    }
}

static void test_read_missing_store(void **state)
{
    (void)state;
    char spec[512];
    Diag d;
    NgDiag diag = make_diag(&d);
    NgStore *s = NULL;
    spec_of(spec, sizeof spec, "sqlite", "absent.sqlite");
    assert_int_equal(ng_store_open(spec, false, &diag, &s), NG_ERR_STORE);
    assert_non_null(strstr(d.text, "no store"));
    spec_of(spec, sizeof spec, "hashes", "absent");
    assert_int_equal(ng_store_open(spec, false, &diag, &s), NG_ERR_STORE);
}

/* ---------------------------------------------------------------- loading */

static void check_reload(const char *kind)
{
    char spec[512], path[512], graph[512];
    spec_of(spec, sizeof spec, kind, "s");
    const char *files[] = {valid_graph(graph, sizeof graph)};
    Diag d;
    size_t added = 0;
    assert_int_equal(load(spec, files, 1, &added, &d), NG_SUCCESS);
    assert_true(added > 50);
    assert_int_equal(count(spec), added);
    char *before = dump(spec);
    /* the same file again adds nothing; so does a file with blank nodes, the second time */
    assert_int_equal(load(spec, files, 1, &added, &d), NG_SUCCESS);
    assert_int_equal(added, 0);
    snprintf(path, sizeof path, "%s/blank.ttl", scratch);
    write_file(path, "@prefix ex: <http://example.org/> .\n"
                     "ex:list ex:items ( ex:a ex:b ) .\n"
                     "ex:x ex:knows [ ex:name \"anon\" ] , _:named .\n"
                     "_:named ex:name \"named\" .\n");
    const char *blank[] = {path};
    assert_int_equal(load(spec, blank, 1, &added, &d), NG_SUCCESS);
    assert_int_equal(added, 9);
    size_t n = count(spec);
    assert_int_equal(load(spec, blank, 1, &added, &d), NG_SUCCESS);
    assert_int_equal(added, 0);
    assert_int_equal(count(spec), n);
    char *after = dump(spec);
    assert_true(strlen(after) > strlen(before));
    free(before);
    free(after);
}

static void test_sqlite_reload_no_duplicates(void **state)
{
    (void)state;
    check_reload("sqlite");
    /* the literals(text) index exists */
    char path[512];
    snprintf(path, sizeof path, "%s/s", scratch);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE name = "
                                            "'literalindex'", -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_non_null(strstr((const char *)sqlite3_column_text(q, 0), "literals (text)"));
    sqlite3_finalize(q);
    /* Redland's listing of the graphs, before every query, reads an index, not every triple */
    assert_int_equal(sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT DISTINCT uris.uri FROM "
                                            "triples LEFT JOIN uris ON uris.id = contextUri "
                                            "WHERE contextUri NOT NULL", -1, &q, NULL),
                     SQLITE_OK);
    bool indexed = false;
    while (sqlite3_step(q) == SQLITE_ROW)
        indexed |= strstr((const char *)sqlite3_column_text(q, 3), "graphindex") != NULL;
    assert_true(indexed);
    sqlite3_finalize(q);
    sqlite3_close(db);
}

static void test_hashes_reload_no_duplicates(void **state)
{
    (void)state;
    check_reload("hashes");
    char path[512];
    snprintf(path, sizeof path, "%s/s-sp2o.db", scratch);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
}

/* A syntax error at line 900 of the second file: nothing of either file reaches the store. */
static void check_syntax_error_keeps_store(const char *kind)
{
    char spec[512], good[512], more[512], bad[512], graph[512];
    spec_of(spec, sizeof spec, kind, "s");
    const char *first[] = {valid_graph(graph, sizeof graph)};
    Diag d;
    assert_int_equal(load(spec, first, 1, NULL, &d), NG_SUCCESS);
    char *before = dump(spec);
    snprintf(good, sizeof good, "%s/good.nt", scratch);
    snprintf(more, sizeof more, "%s/more.ttl", scratch);
    snprintf(bad, sizeof bad, "%s/bad.ttl", scratch);
    write_triples(good, 500, 0, "good");
    write_triples(more, 1000, 0, "more");
    write_triples(bad, 1000, 900, "bad");
    const char *files[] = {good, more, bad};
    size_t added = 7;
    assert_int_equal(load(spec, files, 3, &added, &d), NG_ERR_SYNTAX);
    assert_int_equal(d.line, 900);
    assert_non_null(strstr(d.text, "bad.ttl:900:"));
    char *after = dump(spec);
    assert_string_equal(before, after);
    free(after);
    /* and a new store is not even created */
    char spec2[512];
    spec_of(spec2, sizeof spec2, kind, "never");
    const char *only_bad[] = {bad};
    assert_int_equal(load(spec2, only_bad, 1, NULL, &d), NG_ERR_SYNTAX);
    Diag d2;
    NgDiag diag = make_diag(&d2);
    NgStore *s = NULL;
    assert_int_equal(ng_store_open(spec2, false, &diag, &s), NG_ERR_STORE);
    free(before);
}

static void test_sqlite_syntax_error_line_900(void **state)
{
    (void)state;
    check_syntax_error_keeps_store("sqlite");
}

static void test_hashes_syntax_error_line_900(void **state)
{
    (void)state;
    check_syntax_error_keeps_store("hashes");
}

/* A write that fails half-way (the file size limit stands in for a full disk): the store is
 * unchanged.  The load runs in a child process, which is the one the limit applies to. */
static void check_write_failure_keeps_store(const char *kind)
{
    char spec[512], big[512], graph[512];
    spec_of(spec, sizeof spec, kind, "s");
    const char *first[] = {valid_graph(graph, sizeof graph)};
    Diag d;
    assert_int_equal(load(spec, first, 1, NULL, &d), NG_SUCCESS);
    char *before = dump(spec);
    snprintf(big, sizeof big, "%s/big.nt", scratch);
    write_triples(big, 6000, 0, "big");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 2);   /* Berkeley DB reports each failed page write on stderr */
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {256 * 1024, 256 * 1024};
        setrlimit(RLIMIT_FSIZE, &rl);
        const char *files[] = {big};
        Diag cd;
        NgStatus st = load(spec, files, 1, NULL, &cd);
        _exit(st == NG_ERR_STORE ? 42 : st == NG_SUCCESS ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 42);
    char *after = dump(spec);
    assert_string_equal(before, after);
    /* nothing of the failed attempt is left next to the store */
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -q staging", scratch);
    assert_int_not_equal(system(cmd), 0);
    /* and the store still takes loads */
    const char *files[] = {big};
    size_t added = 0;
    assert_int_equal(load(spec, files, 1, &added, &d), NG_SUCCESS);
    assert_int_equal(added, 6000);
    free(before);
    free(after);
}

static void test_sqlite_write_failure(void **state)
{
    (void)state;
    check_write_failure_keeps_store("sqlite");
}

static void test_hashes_write_failure(void **state)
{
    (void)state;
    check_write_failure_keeps_store("hashes");
}

/* Files bigger than the staging limit are checked by a first parse and streamed into the store
 * by a second one at commit: the same guarantees must hold. */
static void test_streamed_loads(void **state)
{
    (void)state;
    setenv("NEWSGRAPH_STAGE_MAX", "1000", 1);
    const char *kinds[] = {"sqlite", "hashes"};
    for (int k = 0; k < 2; k++) {
        char cmd[600];
        check_reload(kinds[k]);
        snprintf(cmd, sizeof cmd, "rm -rf '%s'/* '%s'/.s.*", scratch, scratch);
        assert_int_equal(system(cmd), 0);
        check_syntax_error_keeps_store(kinds[k]);
        assert_int_equal(system(cmd), 0);
        check_write_failure_keeps_store(kinds[k]);
        assert_int_equal(system(cmd), 0);
    }
    unsetenv("NEWSGRAPH_STAGE_MAX");
}

/* ---------------------------------------------------------------- bad stores */

static void test_not_a_store(void **state)
{
    (void)state;
    char spec[600], path[512];
    Diag d;
    NgDiag diag = make_diag(&d);
    NgStore *s = NULL;
    /* a text file */
    snprintf(path, sizeof path, "%s/notes.txt", scratch);
    write_file(path, "These are notes, not an SQLite database.  Long enough to look like one?\n"
                     "No: SQLite checks the header of the first page.\n");
    snprintf(spec, sizeof spec, "sqlite:%s", path);
    assert_int_equal(ng_store_open(spec, false, &diag, &s), NG_ERR_STORE);
    assert_non_null(strstr(d.text, "not an SQLite database"));
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_ERR_STORE);
    /* an SQLite database of something else */
    snprintf(path, sizeof path, "%s/other.sqlite", scratch);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    snprintf(spec, sizeof spec, "sqlite:%s", path);
    d = (Diag){0};
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_ERR_STORE);
    assert_non_null(strstr(d.text, "without Redland's tables"));
    /* a directory */
    snprintf(spec, sizeof spec, "sqlite:%s", scratch);
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_ERR_STORE);
    /* hashes whose index file is not Berkeley DB */
    snprintf(path, sizeof path, "%s/h-sp2o.db", scratch);
    write_file(path, "not a Berkeley DB file, just text that happens to have the right name\n");
    spec_of(spec, sizeof spec, "hashes", "h");
    d = (Diag){0};
    assert_int_equal(ng_store_open(spec, false, &diag, &s), NG_ERR_STORE);
    assert_non_null(strstr(d.text, "not a Berkeley DB file"));
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_ERR_STORE);
    assert_null(s);
}

/* Another process holds the store: SQLite's own lock (as any SQLite client takes it). */
static void test_sqlite_locked(void **state)
{
    (void)state;
    char spec[512], path[512], graph[512];
    spec_of(spec, sizeof spec, "sqlite", "s");
    snprintf(path, sizeof path, "%s/s", scratch);
    const char *files[] = {valid_graph(graph, sizeof graph)};
    Diag d;
    assert_int_equal(load(spec, files, 1, NULL, &d), NG_SUCCESS);
    int ready[2], release[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(release), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *db;
        char c = 'x';
        if (sqlite3_open(path, &db) != SQLITE_OK ||
            sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
            c = 'e';
        if (write(ready[1], &c, 1) != 1 || read(release[0], &c, 1) != 1)
            _exit(1);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db);
        _exit(0);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    assert_int_equal(c, 'x');
    NgDiag diag = make_diag(&d);
    NgStore *s = NULL;
    assert_int_equal(ng_store_open(spec, false, &diag, &s), NG_ERR_STORE);
    assert_non_null(strstr(d.text, "locked by another process"));
    d = (Diag){0};
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_ERR_STORE);
    assert_non_null(strstr(d.text, "locked by another process"));
    assert_int_equal(write(release[1], "x", 1), 1);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    /* free again */
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_SUCCESS);
    ng_store_free(s);
    close(ready[0]);
    close(ready[1]);
    close(release[0]);
    close(release[1]);
}

/* Another newsgraph process is loading a hashes store (it holds PATH.lock): a second writer
 * waits for it, saying so, and opens the store once it is done (issue 14: loads serialize). */
static void test_hashes_locked(void **state)
{
    (void)state;
    char spec[512];
    spec_of(spec, sizeof spec, "hashes", "h");
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        Diag cd;
        NgDiag cdiag = make_diag(&cd);
        NgStore *s = NULL;
        char c = ng_store_open(spec, true, &cdiag, &s) == NG_SUCCESS ? 'x' : 'e';
        if (write(ready[1], &c, 1) != 1)
            _exit(1);
        usleep(300000);
        ng_store_free(s);
        _exit(0);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    assert_int_equal(c, 'x');
    Diag d;
    NgDiag diag = make_diag(&d);
    NgStore *s = NULL;
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_SUCCESS);
    assert_non_null(strstr(d.text, "another process is writing the store; waiting"));
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    ng_store_free(s);
    close(ready[0]);
    close(ready[1]);
}

/* ---------------------------------------------------------------- in memory, buffers */

static void test_memory_store_and_buffer(void **state)
{
    (void)state;
    Diag d;
    NgDiag diag = make_diag(&d);
    NgStore *s = NULL;
    assert_int_equal(ng_store_new_memory(&diag, &s), NG_SUCCESS);
    assert_int_equal(ng_store_kind(s), NG_STORE_MEMORY);
    assert_string_equal(ng_store_path(s), "(memory)");
    const char nt[] = "<http://example.org/a> <http://example.org/b> \"c\" .\n"
                      "<http://example.org/a> <http://example.org/b> \"c\" .\n";
    assert_int_equal(ng_store_stage_buffer(s, "x.nt", nt, sizeof nt - 1, NG_FORMAT_NTRIPLES, &diag),
                     NG_SUCCESS);
    size_t added = 0, n = 0;
    assert_int_equal(ng_store_commit(s, &diag, &added), NG_SUCCESS);
    assert_int_equal(added, 1);
    assert_int_equal(ng_store_count(s, &diag, &n), NG_SUCCESS);
    assert_int_equal(n, 1);
    /* a broken buffer: the error names it with its line */
    const char bad[] = "<http://example.org/a> <http://example.org/b> \"c\" .\n<x> .\n";
    assert_int_equal(ng_store_stage_buffer(s, "broken.ttl", bad, sizeof bad - 1, NG_FORMAT_TURTLE,
                                           &diag),
                     NG_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "broken.ttl:2:"));
    assert_int_equal(ng_store_commit(s, &diag, &added), NG_SUCCESS);
    assert_int_equal(added, 0);
    /* a missing file */
    assert_int_equal(ng_store_stage_file(s, "/nonexistent/graph.ttl", &diag), NG_ERR_IO);
    ng_store_free(s);
}

/* Named graphs in an sqlite store: an article's graph replaced by its new version leaves nothing
 * of the old one, and the actor only the old one mentioned goes too; drop removes a graph; a
 * hashes store refuses quads. */
static void test_named_graphs(void **state)
{
    (void)state;
#define NQ_ARTICLE(name, claim, actor)                                                             \
    "<http://e/article/" name "> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "              \
    "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context> <http://e/article/" \
    name "> .\n<http://e/claim/" claim "> <http://e/about> <http://e/actor/" actor               \
    "> <http://e/article/" name "> .\n<http://e/actor/" actor                                     \
    "> <https://w3id.org/newsgraph/ns#mentionCount> \"1\" <http://e/article/" name "> .\n"     \
    "<http://e/actor/" actor "> <http://e/label> \"" actor "\" <http://e/graph/actors> .\n"
    static const char v1[] = NQ_ARTICLE("a", "old", "x") NQ_ARTICLE("b", "other", "y");
    static const char v2[] = NQ_ARTICLE("a", "new", "z");
    Diag d;
    NgDiag diag = make_diag(&d);
    char spec[512];
    spec_of(spec, sizeof spec, "sqlite", "g.sqlite");
    NgStore *s = NULL;
    size_t added = 0, removed = 0, n = 0, graphs = 0;
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_SUCCESS);
    assert_int_equal(ng_store_stage_buffer(s, "v1.nq", v1, sizeof v1 - 1, NG_FORMAT_NQUADS, &diag),
                     NG_SUCCESS);
    assert_int_equal(ng_store_commit(s, &diag, &added), NG_SUCCESS);
    assert_int_equal(added, 8);
    assert_int_equal(ng_store_graph_count(s, &diag, &graphs), NG_SUCCESS);
    assert_int_equal(graphs, 3);
    /* a's new version: a's three triples and x's label go, three and z's label come */
    assert_int_equal(ng_store_stage_buffer(s, "v2.nq", v2, sizeof v2 - 1, NG_FORMAT_NQUADS, &diag),
                     NG_SUCCESS);
    assert_int_equal(ng_store_commit_replace(s, &diag, &added, &removed), NG_SUCCESS);
    assert_int_equal(added, 4);
    assert_int_equal(removed, 4);
    assert_int_equal(ng_store_count(s, &diag, &n), NG_SUCCESS);
    assert_int_equal(n, 8);
    ng_store_free(s);   /* one Redland world at a time: dump() opens its own */
    char *all = dump(spec);
    assert_null(strstr(all, "claim/old"));
    assert_null(strstr(all, "actor/x"));
    assert_non_null(strstr(all, "claim/new"));
    assert_non_null(strstr(all, "actor/y"));
    free(all);
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_SUCCESS);
    /* drop b: its triples and y, whom no other article mentions */
    assert_int_equal(ng_store_drop_graph(s, "http://e/article/b", &diag, &removed), NG_SUCCESS);
    assert_int_equal(removed, 4);
    assert_int_equal(ng_store_drop_graph(s, "http://e/article/b", &diag, &removed), NG_ERR_DATA);
    assert_non_null(strstr(d.text, "holds no graph <http://e/article/b>"));
    ng_store_free(s);
    assert_int_equal(count(spec), 4);
    /* a hashes store keeps no graphs: it refuses them, and is not created */
    spec_of(spec, sizeof spec, "hashes", "h");
    assert_int_equal(ng_store_open(spec, true, &diag, &s), NG_SUCCESS);
    assert_int_equal(ng_store_stage_buffer(s, "v1.nq", v1, sizeof v1 - 1, NG_FORMAT_NQUADS, &diag),
                     NG_ERR_STORE);
    assert_non_null(strstr(d.text, "which a hashes: store does not keep"));
    assert_int_equal(ng_store_commit_replace(s, &diag, &added, &removed), NG_ERR_STORE);
    ng_store_free(s);
#undef NQ_ARTICLE
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_free_null),
        cmocka_unit_test_setup_teardown(test_bad_specs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_missing_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sqlite_reload_no_duplicates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hashes_reload_no_duplicates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sqlite_syntax_error_line_900, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hashes_syntax_error_line_900, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sqlite_write_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hashes_write_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_streamed_loads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sqlite_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hashes_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_store_and_buffer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_named_graphs, setup, teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
