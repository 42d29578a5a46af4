/* app_corpus.c — building the graph of many articles at once: article lists, atomic streamed
 * output files, and the worker pool.
 *
 * Workers (pthreads) share the read-only lexicon and each run read -> segment -> match -> extract
 * -> graph on one article at a time, taking the next index from a counter.  Each renders its
 * article's triples (sorted, de-duplicated) as N-Triples in memory and collects its diagnostics.
 * The calling thread is the writer: it takes the results strictly in input order from a window of
 * slots (so at most `window` finished articles wait in memory and output order never depends on
 * scheduling), replays the diagnostics, writes each actor triple only the first time it is seen
 * (the merged actor index), adds up ng:mentionCount per actor, and writes the article's own
 * triples.  The totals of ng:mentionCount follow the last article. */
#include "internal.h"
#include "ns.h"

#include <dirent.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RDF_TYPE NG_NS_RDF "type"
#define NIF_CONTEXT NG_NS_NIF "Context"
#define MENTION_COUNT NG_NS "mentionCount"
#define NNI NG_NS_XSD "nonNegativeInteger"

/* ================================================================ article lists */

struct NgPathsImpl {
    char **items;
    size_t count, cap;
};

NgStatus ng_paths_new(NgPaths **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? NG_SUCCESS : NG_ERR_NOMEM;
}

void ng_paths_free(NgPaths *paths)
{
    if (!paths)
        return;
    for (size_t i = 0; i < paths->count; i++)
        free(paths->items[i]);
    free(paths->items);
    free(paths);
}

size_t ng_paths_count(const NgPaths *paths) { return paths ? paths->count : 0; }

const char *ng_paths_get(const NgPaths *paths, size_t i)
{
    return paths && i < paths->count ? paths->items[i] : NULL;
}

/* Appends a copy of bytes[0..len). */
static NgStatus paths_push(NgPaths *p, const char *bytes, size_t len)
{
    NgStatus st = ng_grow((void **)&p->items, &p->cap, p->count + 1, sizeof *p->items);
    if (st)
        return st;
    char *s = ng_strndup(bytes, len);
    if (!s)
        return NG_ERR_NOMEM;
    p->items[p->count++] = s;
    return NG_SUCCESS;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool article_name(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '.')
        return false;
    return (n > 4 && !strcmp(name + n - 4, ".txt")) || (n > 3 && !strcmp(name + n - 3, ".md"));
}

/* How deep add_tree goes into sub-directories. */
#define MAX_DEPTH 64

/* Adds the articles of `dir` and, recursively, of its sub-directories (not hidden ones, nor links
 * to directories, so that no loop is followed); unordered. */
static NgStatus add_tree(NgPaths *p, const char *dir, unsigned depth, const NgDiag *diag)
{
    DIR *d = opendir(dir);
    if (!d) {
        ng_diag_report(diag, NG_DIAG_ERROR, dir, 0, 0, "cannot read the directory: %s",
                       strerror(errno));
        return NG_ERR_IO;
    }
    size_t dl = strlen(dir);
    bool slash = dl > 0 && dir[dl - 1] == '/';
    NgStatus st = NG_SUCCESS;
    struct dirent *e;
    while (!st && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        NgBuf b = {0};
        st = ng_buf_appendf(&b, "%s%s%s", dir, slash ? "" : "/", e->d_name);
        struct stat sb, lsb;
        bool ok = !st && stat(b.data, &sb) == 0 && lstat(b.data, &lsb) == 0;
        if (ok && S_ISDIR(sb.st_mode) && !S_ISLNK(lsb.st_mode) && depth < MAX_DEPTH)
            st = add_tree(p, b.data, depth + 1, diag);
        else if (ok && S_ISREG(sb.st_mode) && article_name(e->d_name))
            st = paths_push(p, b.data, b.len);
        ng_buf_free(&b);   /* else: not an article (a dangling link, a sub-directory x.txt) */
    }
    closedir(d);
    return st;
}

/* Adds the articles under `dir`, in byte order of their paths; none is an error. */
static NgStatus add_dir(NgPaths *p, const char *dir, const NgDiag *diag)
{
    size_t first = p->count;
    NgStatus st = add_tree(p, dir, 0, diag);
    if (st)
        return st;
    if (p->count == first) {
        ng_diag_report(diag, NG_DIAG_ERROR, dir, 0, 0,
                       "is a directory with no article in it (*.txt or *.md files, in it or in "
                       "its sub-directories)");
        return NG_ERR_EMPTY;
    }
    qsort(p->items + first, p->count - first, sizeof *p->items, cmp_str);
    return NG_SUCCESS;
}

NgStatus ng_paths_add_list(NgPaths *paths, FILE *list, const char *name, const NgDiag *diag)
{
    if (!paths || !list)
        return NG_ERR_BAD_ARG;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    NgStatus st = NG_SUCCESS;
    while (!st && (n = getline(&line, &cap, list)) >= 0) {
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n')
            len--;
        if (len && line[len - 1] == '\r')
            len--;
        line[len] = '\0';
        if (len)
            st = ng_paths_add(paths, line, diag);
    }
    if (!st && ferror(list)) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0, "cannot read the list of articles: %s",
                       strerror(errno));
        st = NG_ERR_IO;
    }
    free(line);
    return st;
}

NgStatus ng_paths_add(NgPaths *paths, const char *arg, const NgDiag *diag)
{
    if (!paths || !arg)
        return NG_ERR_BAD_ARG;
    struct stat sb;
    if (strcmp(arg, "-") && stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode))
        return add_dir(paths, arg, diag);
    return paths_push(paths, arg, strlen(arg));
}

/* ================================================================ one article */

typedef struct {
    NgDiagLevel level;
    char *file;
    unsigned line, col;
    char *message;
} Msg;

typedef struct {
    size_t mentions;
    char *actor;
} Mention;

/* What a worker hands the writer for one article. */
typedef struct {
    bool ready;
    NgStatus st;
    Msg *msgs;
    size_t msg_count, msg_cap;
    NgBuf body;          /* stream mode: N-Triples lines of the article's own triples */
    FILE *spill;         /* stream mode: the body's earlier lines, past SPILL_BYTES (or NULL) */
    NgBuf actor_lines;   /* stream mode: N-Triples lines whose subject is an actor */
    size_t body_triples;
    Mention *mentions;   /* ng:mentionCount per actor in this article */
    size_t mention_count, mention_cap;
    NgGraph *graph;      /* merged mode, or its lines written later: the article's graph */
    NgDocument *doc;     /* the article, when `graph` borrows its text (ng_graph_put_text) */
    char *article;       /* the article's IRI (nif:Context) */
    size_t bytes;
} Result;

static void result_clear(Result *r)
{
    for (size_t i = 0; i < r->msg_count; i++) {
        free(r->msgs[i].file);
        free(r->msgs[i].message);
    }
    free(r->msgs);
    ng_buf_free(&r->body);
    if (r->spill)
        fclose(r->spill);
    ng_buf_free(&r->actor_lines);
    for (size_t i = 0; i < r->mention_count; i++)
        free(r->mentions[i].actor);
    free(r->mentions);
    ng_graph_free(r->graph);
    ng_document_free(r->doc);
    free(r->article);
    memset(r, 0, sizeof *r);
}

/* A diagnostic sink that keeps the messages for the writer to replay in input order. */
static void capture(void *ud, NgDiagLevel level, const char *file, unsigned line, unsigned col,
                    const char *message)
{
    Result *r = ud;
    if (ng_grow((void **)&r->msgs, &r->msg_cap, r->msg_count + 1, sizeof *r->msgs))
        return;
    Msg m = {level, file ? ng_strdup(file) : NULL, line, col, ng_strdup(message)};
    if (!m.message) {
        free(m.file);
        free(m.message);
        return;
    }
    r->msgs[r->msg_count++] = m;
}

static bool is_actor(const char *iri, const char *prefix, size_t plen)
{
    return !strncmp(iri, prefix, plen);
}

/* An article's N-Triples beyond this many bytes wait for their turn in a temporary file, not in
 * memory: a hostile article of 3 MB renders 1.4 GB of them (issue 14, finding 9). */
#define SPILL_BYTES ((size_t)4 << 20)

/* Moves the body's lines to the result's temporary file (made on first use). */
static NgStatus spill_body(Result *r)
{
    if (!r->spill && !(r->spill = tmpfile()))
        return NG_ERR_IO;
    if (fwrite(r->body.data, 1, r->body.len, r->spill) != r->body.len)
        return NG_ERR_IO;
    r->body.len = 0;
    return NG_SUCCESS;
}

/* Writes n bytes to `o`, or to `f` when there is no `o`. */
static NgStatus put_out(FILE *f, NgNtOut *o, const char *s, size_t n)
{
    if (o)
        return ng_nt_out_bytes(o, s, n);
    return !n || fwrite(s, 1, n, f) == n ? NG_SUCCESS : NG_ERR_IO;
}

/* Writes the body: the spilled lines, then those still in memory (to `o` when not NULL). */
static NgStatus write_body(Result *r, FILE *out, NgNtOut *o)
{
    char chunk[65536];
    size_t n;
    NgStatus st = NG_SUCCESS;
    if (r->spill && (fflush(r->spill) || fseek(r->spill, 0, SEEK_SET)))
        return NG_ERR_IO;
    while (!st && r->spill && (n = fread(chunk, 1, sizeof chunk, r->spill)) > 0)
        st = put_out(out, o, chunk, n);
    if (!st && r->spill && ferror(r->spill))
        st = NG_ERR_IO;
    return st ? st : put_out(out, o, r->body.data, r->body.len);
}

/* The names a worker sorts triples by: actors' IRIs start with `actor_prefix`; with named
 * graphs, `shared` names the actors' shared graph. */
typedef struct {
    const char *actor_prefix;
    size_t plen;
    const char *shared;
} Names;

/* Is triple t (in named graph `graph`) about an actor, written apart from the article's own? */
static bool actor_triple(const NgTriple *t, const char *graph, bool graphs, const Names *nm)
{
    return graphs ? graph && !strcmp(graph, nm->shared) : is_actor(t->s, nm->actor_prefix, nm->plen);
}

/* The next triple of an article's graph that the writers keep, or *t NULL at the end: the same
 * triple twice is kept once, unless it is in two graphs (`graphs`); *graph is its named graph's
 * IRI when graphs are kept, else NULL. */
static NgStatus next_kept(NgGraphCursor *cur, const NgGraph *g, bool graphs, const NgTriple **t,
                          const char **graph)
{
    bool same = false;
    NgStatus st;
    while (!(st = ng_graph_cursor_next(cur, t, &same)) && *t && same && !graphs)
        ;
    *graph = !st && *t && graphs ? ng_graph_name(g, (*t)->graph) : NULL;
    return st;
}

/* Writes the article's own lines from its graph to `o`, as render would have put them in its
 * body (N-Quads: the article's actor triples are not together in the triples' order, see
 * write_later). */
static NgStatus write_later_body(const NgGraph *g, bool graphs, const Names *nm, NgNtOut *o)
{
    NgGraphCursor *cur = NULL;
    NgStatus st = ng_graph_cursor_new(g, false, &cur);
    const NgTriple *t = NULL;
    const char *graph = NULL;
    while (!st && !(st = next_kept(cur, g, graphs, &t, &graph)) && t)
        if (!actor_triple(t, graph, graphs, nm))
            st = ng_nt_out_line(o, t, graph);
    ng_graph_cursor_free(cur);
    return st;
}

/* Notes an article's triples, sorted, for the writer: its IRI, its actors' ng:mentionCount (for
 * the corpus totals, unless graphs are kept), and unless `merged`, its N-Triples (N-Quads) lines:
 * what the actors are apart from the article's own triples.  Unless `body`, the article's own
 * lines are only counted: write_later_body writes them at the article's turn. */
static NgStatus render(const NgGraph *g, bool merged, bool graphs, bool body, const Names *nm,
                       Result *r)
{
    NgGraphCursor *cur = NULL;
    NgStatus st = ng_graph_cursor_new(g, false, &cur);
    const NgTriple *t = NULL;
    const char *graph = NULL;
    while (!st && !(st = next_kept(cur, g, graphs, &t, &graph)) && t) {
        bool actor = actor_triple(t, graph, graphs, nm);
        if (!r->article && !t->o_is_literal && !strcmp(t->p, RDF_TYPE) &&
            !strcmp(t->o, NIF_CONTEXT) && !(r->article = ng_strdup(t->s)))
            st = NG_ERR_NOMEM;
        if (!st && !graphs && actor && t->o_is_literal && !strcmp(t->p, MENTION_COUNT)) {
            st = ng_grow((void **)&r->mentions, &r->mention_cap, r->mention_count + 1,
                         sizeof *r->mentions);
            if (!st) {
                Mention mc = {strtoull(t->o, NULL, 10), ng_strdup(t->s)};
                if (!mc.actor)
                    st = NG_ERR_NOMEM;
                else
                    r->mentions[r->mention_count++] = mc;
            }
            continue;
        }
        if (merged || st)
            continue;
        if (actor) {
            st = ng_nt_line(&r->actor_lines, t, graph);
        } else if (!body) {
            r->body_triples++;
        } else {
            st = ng_nt_line(&r->body, t, graph);
            r->body_triples++;
            if (!st && r->body.len >= SPILL_BYTES)
                st = spill_body(r);
        }
    }
    ng_graph_cursor_free(cur);
    return st;
}

/* An article larger than this gives its freed memory back to the system when built. */
#define TRIM_AFTER_BYTES ((size_t)1 << 20)

/* Runs the pipeline on one article and renders what the writer needs. */
static void build_one(const NgLexicon *lx, const char *path, const NgCorpusOptions *opt,
                      bool merged, const Names *nm, Result *r)
{
    NgDiag diag = {capture, r};
    NgReadOptions ro = {opt->max_size};
    NgDocument *doc = NULL;
    NgGraph *g = NULL;
    NgStatus st = ng_document_read_file(path, &ro, &diag, &doc);
    if (!st)
        r->bytes = ng_document_size(doc);
    if (!st)
        st = ng_graph_new(opt->base, &g);
    if (!st)   /* the N-Triples escape a long text from the document itself */
        ng_graph_set_borrow_texts(g, !merged);
    if (!st)
        st = ng_graph_add_document(g, doc, lx, opt->profile, 0);
    /* an article whose graph spilled or borrows its text (megabytes of it) renders its own lines
     * at its turn, straight to the output, not first to a temporary file of its own (issue 14,
     * finding 9) */
    bool later = !merged && !st && (ng_graph_spilled_runs(g) > 0 || ng_graph_borrowed_texts(g));
    /* N-Triples: write_later finds all else in the one pass that writes it (the actors' lines,
     * their ng:mentionCount), and the article's IRI is known without one */
    if (later && !opt->graphs && !(r->article = ng_graph_article_iri(g, ng_document_name(doc))))
        st = NG_ERR_NOMEM;
    else if (!st && !(later && !opt->graphs))
        st = render(g, merged, opt->graphs, !later, nm, r);
    if (st == NG_ERR_NOMEM)
        ng_diag_report(&diag, NG_DIAG_ERROR, path, 0, 0, "out of memory");
    else if (st == NG_ERR_IO && doc)
        ng_diag_report(&diag, NG_DIAG_ERROR, path, 0, 0,
                       "cannot write its N-Triples to a temporary file: %s", strerror(errno));
    else if (st == NG_ERR_INTERNAL || (st == NG_ERR_BAD_ARG && doc))
        ng_diag_report(&diag, NG_DIAG_ERROR, path, 0, 0, "%s", ng_strerror(st));
    if (!st && (merged || later)) {
        r->graph = g;
        g = NULL;
    }
    if (r->graph && ng_graph_borrowed_texts(r->graph)) {
        r->doc = doc;
        doc = NULL;
    }
    ng_graph_free(g);
    ng_document_free(doc);
#ifdef __GLIBC__
    /* cli.c keeps up to 64 MiB of freed memory for the next article's reuse; what an article of
     * megabytes let go (its parts' tokens, its graph's runs) would stay resident while the writer
     * writes it, so it goes back now (issue 14, finding 9) */
    if (r->bytes > TRIM_AFTER_BYTES)
        malloc_trim(0);
#endif
    r->st = st;
}

/* ================================================================ the pool */

typedef struct {
    const NgLexicon *lx;
    const NgPaths *paths;
    const NgCorpusOptions *opt;
    bool merged;
    Names names;
    pthread_mutex_t lock;
    pthread_cond_t ready;     /* a slot was filled: the writer may go on */
    pthread_cond_t space;     /* the writer emptied a slot: a worker may take the next article */
    Result *slots;
    size_t window;
    size_t next_claim;        /* the next article a worker takes */
    size_t next_write;        /* the next article the writer takes */
    bool stop;
} Pool;

static void *worker(void *arg)
{
    Pool *p = arg;
    size_t n = ng_paths_count(p->paths);
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->stop && p->next_claim < n && p->next_claim >= p->next_write + p->window)
            pthread_cond_wait(&p->space, &p->lock);
        if (p->stop || p->next_claim >= n) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        size_t i = p->next_claim++;
        pthread_mutex_unlock(&p->lock);
        Result r = {0};
        build_one(p->lx, ng_paths_get(p->paths, i), p->opt, p->merged, &p->names, &r);
        pthread_mutex_lock(&p->lock);
        r.ready = true;
        p->slots[i % p->window] = r;
        pthread_cond_broadcast(&p->ready);
        pthread_mutex_unlock(&p->lock);
    }
}

/* ================================================================ the writer */

typedef struct {
    NgMap index;         /* actor IRI -> slot in sums */
    size_t *sums;
    char **iris;
    size_t count, cap;
    NgMap seen;          /* actor triples already written (N-Triples lines) */
    NgMap articles;      /* article IRIs already written */
} Merge;

static void merge_free(Merge *mg)
{
    ng_map_free(&mg->index);
    ng_map_free(&mg->seen);
    ng_map_free(&mg->articles);
    free(mg->sums);
    free(mg->iris);   /* borrowed from the index's keys */
}

/* Adds `n` mentions of `actor` to its total. */
static NgStatus add_mention(Merge *mg, const char *actor, size_t n)
{
    size_t slot;
    if (!ng_map_get(&mg->index, actor, strlen(actor), &slot)) {
        NgStatus st = ng_grow((void **)&mg->sums, &mg->cap, mg->count + 1, sizeof *mg->sums);
        if (!st) {
            size_t cap = mg->cap;
            void *more = realloc(mg->iris, cap * sizeof *mg->iris);
            if (!more)
                return NG_ERR_NOMEM;
            mg->iris = more;
        }
        if (!st)
            st = ng_map_put(&mg->index, actor, strlen(actor), mg->count);
        if (st)
            return st;
        slot = mg->count++;
        mg->sums[slot] = 0;
        mg->iris[slot] = NULL;
    }
    mg->sums[slot] += n;
    return NG_SUCCESS;
}

static NgStatus add_mentions(Merge *mg, const Result *r)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < r->mention_count; i++)
        st = add_mention(mg, r->mentions[i].actor, r->mentions[i].mentions);
    return st;
}

/* Finds the map's own copy of each actor IRI (for sorting without copies). */
static void merge_names(Merge *mg)
{
    for (size_t k = 0; k < mg->index.cap; k++)
        if (mg->index.keys[k])
            mg->iris[mg->index.values[k]] = mg->index.keys[k];
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
    FILE *f;
    double start, last;
    bool shown;
} Progress;

static void progress_clear(Progress *pg)
{
    if (pg->f && pg->shown) {
        fputs("\r\033[K", pg->f);
        fflush(pg->f);
        pg->shown = false;
    }
}

static void progress_draw(Progress *pg, size_t done, size_t total, size_t bytes, bool force)
{
    if (!pg->f)
        return;
    double t = now_seconds();
    if (!force && t - pg->last < 0.2)
        return;
    pg->last = t;
    double el = t - pg->start;
    double rate = el > 0 ? (double)done / el : 0;
    char eta[32] = "?";
    if (rate > 0) {
        unsigned long s = (unsigned long)((double)(total - done) / rate + 0.5);
        if (s >= 3600)
            snprintf(eta, sizeof eta, "%luh%02lum", s / 3600, s / 60 % 60);
        else
            snprintf(eta, sizeof eta, "%lum%02lus", s / 60, s % 60);
    }
    fprintf(pg->f, "\r\033[Knewsgraph: %zu/%zu articles (%.0f%%), %.1f/s, %.2f MB/s, ETA %s", done,
            total, total ? 100.0 * (double)done / (double)total : 100.0, rate,
            el > 0 ? (double)bytes / 1e6 / el : 0.0, eta);
    fflush(pg->f);
    pg->shown = true;
}

/* Copies the article's triples into the merged graph, each actor triple once (the ones of the
 * actors' shared graph, with named graphs; else those about actors, but ng:mentionCount, whose
 * totals come last). */
static NgStatus merge_graph(NgGraph *into, Merge *mg, const Result *r, bool graphs,
                           const Names *nm, size_t *added)
{
    NgGraphCursor *cur = NULL;
    NgStatus st = ng_graph_cursor_new(r->graph, false, &cur);
    NgBuf key = {0};
    const NgTriple *t = NULL;
    const char *graph = NULL;
    while (!st && !(st = next_kept(cur, r->graph, graphs, &t, &graph)) && t) {
        if (actor_triple(t, graph, graphs, nm)) {
            if (!graphs && t->o_is_literal && !strcmp(t->p, MENTION_COUNT))
                continue;
            key.len = 0;
            size_t one;
            st = ng_nt_line(&key, t, graph);
            if (st || ng_map_get(&mg->seen, key.data, key.len, &one))
                continue;
            st = ng_map_put(&mg->seen, key.data, key.len, 1);
        }
        if (!st)
            st = ng_graph_add_triple(into, t, graph);
        if (!st)
            (*added)++;
    }
    ng_graph_cursor_free(cur);
    ng_buf_free(&key);
    return st;
}

/* Writes the actor lines not seen before. */
static NgStatus write_actor_lines(FILE *out, Merge *mg, const Result *r, size_t *written)
{
    const char *p = r->actor_lines.data, *end = p + r->actor_lines.len;
    while (p && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
        size_t one;
        if (!ng_map_get(&mg->seen, p, len, &one)) {
            NgStatus st = ng_map_put(&mg->seen, p, len, 1);
            if (st)
                return st;
            if (fwrite(p, 1, len, out) != len)
                return NG_ERR_IO;
            (*written)++;
        }
        p += len;
    }
    return NG_SUCCESS;
}

/* Writes the line of actor triple `t` unless written before. */
static NgStatus write_actor_line(NgNtOut *o, Merge *mg, const NgTriple *t, NgBuf *line,
                                 size_t *written)
{
    size_t one;
    line->len = 0;
    NgStatus st = ng_nt_line(line, t, NULL);
    if (st || ng_map_get(&mg->seen, line->data, line->len, &one))
        return st;
    st = ng_map_put(&mg->seen, line->data, line->len, 1);
    if (!st)
        st = ng_nt_out_bytes(o, line->data, line->len);
    if (!st)
        (*written)++;
    return st;
}

/* Writes the N-Triples of an article whose graph spilled in one pass over it, the bytes that
 * render, write_actor_lines and write_later_body write in two (the first pass was a tenth of the
 * hostile lines article's build): the actors' lines not written before, then the article's own,
 * each in the triples' order, with the actors' ng:mentionCount added to the totals.  The triples
 * come sorted by subject first, so those whose subject has the actors' prefix come together: the
 * article's lines before them (subjects that sort before the prefix; none under the usual bases)
 * wait in the result's body (and temporary file), the ones after are written as they come. */
static NgStatus write_later(Merge *mg, Result *r, const Names *nm, NgNtOut *o, size_t *written)
{
    NgGraphCursor *cur = NULL;
    NgStatus st = ng_graph_cursor_new(r->graph, false, &cur);
    NgBuf line = {0};
    const NgTriple *t = NULL;
    const char *graph = NULL;
    bool waiting = true;   /* the lines before the actors' are still in r->body */
    while (!st && !(st = next_kept(cur, r->graph, false, &t, &graph)) && t) {
        int side = strncmp(t->s, nm->actor_prefix, nm->plen);
        if (side == 0 && t->o_is_literal && !strcmp(t->p, MENTION_COUNT)) {
            st = add_mention(mg, t->s, strtoull(t->o, NULL, 10));
        } else if (side == 0) {
            st = write_actor_line(o, mg, t, &line, written);
        } else if (side < 0) {
            st = ng_nt_line(&r->body, t, NULL);
            r->body_triples++;
            if (!st && r->body.len >= SPILL_BYTES)
                st = spill_body(r);
        } else {
            if (waiting && !(st = write_body(r, NULL, o)))
                waiting = false;
            if (!st)
                st = ng_nt_out_line(o, t, NULL);
            r->body_triples++;
        }
    }
    if (!st && waiting)
        st = write_body(r, NULL, o);
    ng_buf_free(&line);
    ng_graph_cursor_free(cur);
    return st;
}

static int cmp_iri_slot(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The totals of ng:mentionCount, in IRI order. */
static NgStatus write_totals(FILE *out, NgGraph *into, Merge *mg, size_t *written)
{
    merge_names(mg);
    char **names = malloc((mg->count ? mg->count : 1) * sizeof *names);
    NgStatus st = names ? NG_SUCCESS : NG_ERR_NOMEM;
    for (size_t i = 0; !st && i < mg->count; i++)
        names[i] = mg->iris[i];
    if (!st)
        qsort(names, mg->count, sizeof *names, cmp_iri_slot);
    NgBuf line = {0};
    for (size_t i = 0; !st && i < mg->count; i++) {
        size_t slot = 0;
        ng_map_get(&mg->index, names[i], strlen(names[i]), &slot);
        char num[32];
        snprintf(num, sizeof num, "%zu", mg->sums[slot]);
        if (into) {
            st = ng_graph_add_literal(into, names[i], MENTION_COUNT, num, NNI, NULL);
        } else {
            NgTriple t = {names[i], (char *)MENTION_COUNT, num, (char *)NNI, NULL, true, 0, 0, 0, 0};
            line.len = 0;
            st = ng_nt_line(&line, &t, NULL);
            if (!st && fwrite(line.data, 1, line.len, out) != line.len)
                st = NG_ERR_IO;
        }
        if (!st)
            (*written)++;
    }
    ng_buf_free(&line);
    free(names);
    return st;
}

/* Waits until article `i`'s result is in, drawing the progress line meanwhile, and takes it out
 * of its slot, making room for a worker.  False, with nothing taken, when the build is told to
 * stop. */
static bool take_result(Pool *p, size_t i, Progress *pg, const NgCorpusReport *rep, Result *r)
{
    const volatile sig_atomic_t *stop = p->opt->stop;
    Result *slot = &p->slots[i % p->window];
    pthread_mutex_lock(&p->lock);
    while (!slot->ready && !(stop && *stop)) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 200 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&p->ready, &p->lock, &until);
        if (!slot->ready) {
            pthread_mutex_unlock(&p->lock);
            progress_draw(pg, rep->built + rep->skipped, rep->total, rep->bytes, false);
            pthread_mutex_lock(&p->lock);
        }
    }
    if (stop && *stop) {
        pthread_mutex_unlock(&p->lock);
        return false;
    }
    *r = *slot;
    memset(slot, 0, sizeof *r);
    p->next_write = i + 1;
    pthread_cond_broadcast(&p->space);
    pthread_mutex_unlock(&p->lock);
    return true;
}

/* Reports article `i`'s messages, then adds what it built to the output (N-Triples written in
 * order, or triples merged into `merged`) and counts it.  An article that failed, or whose IRI
 * another article of the corpus has, is counted as skipped. */
static NgStatus use_result(Pool *p, Merge *mg, Result *r, size_t i, Progress *pg, FILE *ntriples,
                           NgGraph *merged, const NgDiag *diag, NgCorpusReport *rep)
{
    if (r->msg_count)
        progress_clear(pg);
    for (size_t k = 0; k < r->msg_count; k++)
        ng_diag_report(diag, r->msgs[k].level, r->msgs[k].file, r->msgs[k].line, r->msgs[k].col,
                       "%s", r->msgs[k].message);
    size_t one;
    if (!r->st && r->article && ng_map_get(&mg->articles, r->article, strlen(r->article), &one)) {
        progress_clear(pg);
        ng_diag_report(diag, NG_DIAG_ERROR, ng_paths_get(p->paths, i), 0, 0,
                       "another article of the corpus has the same file name, so the same "
                       "IRI <%s>; rename one of them", r->article);
        r->st = NG_ERR_DATA;
    }
    if (r->st) {
        rep->skipped++;
        return NG_SUCCESS;
    }
    NgStatus st = NG_SUCCESS;
    if (r->article)
        st = ng_map_put(&mg->articles, r->article, strlen(r->article), 1);
    if (!st)
        st = add_mentions(mg, r);
    if (!st && merged) {
        st = merge_graph(merged, mg, r, p->opt->graphs, &p->names, &rep->triples);
    } else if (!st) {
        NgNtOut *o = NULL;
        bool one_pass = r->graph && !p->opt->graphs;
        if (!one_pass)
            st = write_actor_lines(ntriples, mg, r, &rep->triples);
        if (!st && r->graph)   /* gigabytes, written by a thread of their own (app_corpus_nt.c) */
            st = ng_nt_out_new(ntriples, true, &o);
        if (!st && one_pass)
            st = write_later(mg, r, &p->names, o, &rep->triples);
        else if (!st && r->graph)
            st = write_later_body(r->graph, true, &p->names, o);
        else if (!st)
            st = write_body(r, ntriples, NULL);
        NgStatus end = ng_nt_out_end(o);
        st = st ? st : end;
        rep->triples += r->body_triples;
        if (!st && ferror(ntriples))
            st = NG_ERR_IO;
    }
    rep->built++;
    rep->bytes += r->bytes;
    return st;
}

/* The number of processors online, for -j's default. */
static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* Starts the workers, then takes the articles' results in input order as they come in, writes
 * or merges them, and ends with the totals of ng:mentionCount. */
NgStatus ng_corpus_build(const NgLexicon *lexicon, const NgPaths *paths,
                         const NgCorpusOptions *options, FILE *ntriples, NgGraph *merged,
                         const NgDiag *diag, NgCorpusReport *report)
{
    NgCorpusReport rep = {0};
    NgCorpusOptions opt = options ? *options : (NgCorpusOptions){0};
    if (!lexicon || !paths || (!merged && !ntriples)) {
        if (report)
            *report = rep;
        return NG_ERR_BAD_ARG;
    }
    size_t total = ng_paths_count(paths);
    rep.total = total;
    unsigned jobs = opt.jobs ? opt.jobs : default_jobs();
    if (jobs > 256)
        jobs = 256;
    if (jobs > total)
        jobs = total ? (unsigned)total : 1;
    Pool p = {0};
    p.lx = lexicon;
    p.paths = paths;
    p.opt = &opt;
    p.merged = merged != NULL;
    p.window = (size_t)jobs * 4;
    Merge mg = {0};
    NgBuf prefix = {0}, shared = {0};
    const char *base = opt.base ? opt.base : NG_DEFAULT_BASE;
    NgStatus st = ng_buf_appendf(&prefix, "%sactor/", base);
    if (!st)
        st = ng_buf_appendf(&shared, "%s" NG_ACTORS_GRAPH, base);
    p.names = (Names){prefix.data, prefix.len, shared.data};
    p.slots = st ? NULL : calloc(p.window, sizeof *p.slots);
    pthread_t *threads = st ? NULL : calloc(jobs, sizeof *threads);
    if (!st && (!p.slots || !threads))
        st = NG_ERR_NOMEM;
    if (st) {
        free(p.slots);
        free(threads);
        ng_buf_free(&prefix);
        ng_buf_free(&shared);
        if (report)
            *report = rep;
        return st;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.space, NULL);
    Progress pg = {opt.progress, now_seconds(), 0, false};
    unsigned started = 0;
    for (; started < jobs && !(opt.stop && *opt.stop); started++)
        if (pthread_create(&threads[started], NULL, worker, &p))
            break;
    if (started == 0 && total > 0 && !(opt.stop && *opt.stop)) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot start a worker thread");
        st = NG_ERR_INTERNAL;
    }
    for (size_t i = 0; !st && i < total; i++) {
        Result r;
        if (!take_result(&p, i, &pg, &rep, &r)) {
            rep.stopped = true;
            break;
        }
        st = use_result(&p, &mg, &r, i, &pg, ntriples, merged, diag, &rep);
        result_clear(&r);
        progress_draw(&pg, rep.built + rep.skipped, total, rep.bytes, i + 1 == total);
    }
    pthread_mutex_lock(&p.lock);
    p.stop = true;
    pthread_cond_broadcast(&p.space);
    pthread_mutex_unlock(&p.lock);
    for (unsigned k = 0; k < started; k++)
        pthread_join(threads[k], NULL);
    for (size_t k = 0; k < p.window; k++)
        result_clear(&p.slots[k]);
    progress_clear(&pg);
    if (!st && !rep.stopped && rep.built && !opt.graphs)
        st = write_totals(ntriples, merged, &mg, &rep.triples);
    if (st == NG_ERR_IO)
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot write the output: %s",
                       strerror(errno ? errno : EIO));
    rep.actors = mg.count;
    rep.seconds = now_seconds() - pg.start;
    pthread_cond_destroy(&p.space);
    pthread_cond_destroy(&p.ready);
    pthread_mutex_destroy(&p.lock);
    merge_free(&mg);
    free(p.slots);
    free(threads);
    ng_buf_free(&prefix);
    ng_buf_free(&shared);
    if (report)
        *report = rep;
    return st;
}
