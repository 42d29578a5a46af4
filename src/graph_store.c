/* graph_store.c — where an NgGraph keeps its triples, and the cursor that gives them back sorted.
 *
 * Strings are interned (one copy each, in 1 MiB blocks, found through a hash set), and the
 * triples of the run being built are held in memory.  When a run outgrows its budget
 * (NG_GRAPH_RUN_BYTES), it is sorted by named graph, then by ng_triple_compare, written to a
 * temporary file as one segment per named graph (each string front-coded against the one of
 * the record before), and its triples and strings are let go.  A cursor merges the spilled
 * segments and the run in memory back into one sorted, de-duplicated sequence, so that what the
 * writers produce is the same bytes whether or not anything was spilled; the memory a graph
 * needs no longer grows with its triples (issue 14, finding 9: 7.2 million triples of an
 * article of 300,000 short lines took 785 MB). */
#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Block {
    struct Block *next;
    size_t used, cap;
    char data[];
} Block;

#define BLOCK_SIZE ((size_t)1 << 20)

/* One spilled stretch of triples, all in one named graph, sorted by ng_triple_compare. */
typedef struct {
    size_t graph;          /* index into names */
    size_t run;            /* the spilled run it belongs to (runs are written one after another) */
    uint64_t offset, bytes;
    size_t count;
} Segment;

/* A string of the hash set and its hash (hash_of), which spares most probes a strcmp (the graph's
 * IRIs share long prefixes) and growing the set any hashing. */
typedef struct {
    char *s;
    uint32_t h;
} Slot;

#define RECENT 4

struct NgGraphImpl {
    char *base;
    NgTriple *triples;     /* the run in memory, in the order added */
    size_t count, cap;
    size_t total;          /* every triple added, spilled or not */
    Slot *set;             /* open addressing, NULL: free; at most half full */
    size_t set_cap, set_used;
    Slot recent[RECENT];   /* the strings interned last (a node's triples come together) */
    size_t recent_next;
    Block *blocks;         /* the strings of the run in memory; the newest first */
    size_t string_bytes;
    char **names;          /* named graph IRIs; [0] is NULL, the default graph */
    size_t name_count, name_cap;
    NgMap name_index;      /* IRI -> index into names */
    size_t current;        /* the named graph that ng_graph_put puts triples into */
    size_t run_bytes;      /* the budget of the run in memory */
    FILE *spill;           /* the spilled runs (NULL until the first) */
    uint64_t spill_end;
    Segment *segs;
    size_t seg_count, seg_cap, runs;
    bool borrow;           /* ng_graph_put_text may borrow texts */
    NgTriple *texts;       /* the borrowed texts' triples (o_len set), in no run */
    size_t text_count, text_cap;
};

NgStatus ng_graph_new(const char *base, NgGraph **out)
{
    *out = NULL;
    if (!base)
        base = NG_DEFAULT_BASE;
    size_t n = strlen(base);
    if (n == 0 || (base[n - 1] != '/' && base[n - 1] != '#'))
        return NG_ERR_BAD_ARG;
    NgGraph *g = calloc(1, sizeof *g);
    if (!g || !(g->base = ng_strdup(base))) {
        free(g);
        return NG_ERR_NOMEM;
    }
    g->run_bytes = NG_GRAPH_RUN_BYTES;
    *out = g;
    return NG_SUCCESS;
}

void ng_graph_set_run_bytes(NgGraph *graph, size_t bytes)
{
    graph->run_bytes = bytes;
}

size_t ng_graph_run_bytes(const NgGraph *graph) { return graph->run_bytes; }

static void free_blocks(NgGraph *g)
{
    for (Block *b = g->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    g->blocks = NULL;
    g->string_bytes = 0;
}

void ng_graph_free(NgGraph *graph)
{
    if (!graph)
        return;
    free_blocks(graph);
    for (size_t i = 0; i < graph->name_count; i++)
        free(graph->names[i]);
    free(graph->names);
    ng_map_free(&graph->name_index);
    free(graph->set);
    free(graph->triples);
    free(graph->segs);
    for (size_t i = 0; i < graph->text_count; i++) {
        free(graph->texts[i].s);
        free(graph->texts[i].p);
    }
    free(graph->texts);
    if (graph->spill)
        fclose(graph->spill);
    free(graph->base);
    free(graph);
}

size_t ng_graph_triple_count(const NgGraph *graph) { return graph->total; }
const NgTriple *ng_graph_triples(const NgGraph *graph)
{
    return graph->runs || graph->text_count ? NULL : graph->triples;
}
size_t ng_graph_spilled_runs(const NgGraph *graph) { return graph->runs; }
const char *ng_graph_base(const NgGraph *graph) { return graph->base; }

/* A 32-bit hash of a string, eight bytes a step (FNV-1a's byte a step was 60% of intern on the
 * hostile articles' millions of IRIs); only the hash set sees it, so it changes no output. */
static uint32_t hash_of(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    for (; n >= 8; n -= 8, s += 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 29;
    return (uint32_t)h;
}

/* Each string in the blocks is preceded by its rank (rank_subjects). */
#define RANK_BYTES sizeof(uint32_t)

/* A copy of `s` in the graph's blocks (a string longer than a block gets one of its own). */
static char *store_string(NgGraph *g, const char *s, size_t n)
{
    Block *b = g->blocks;
    if (!b || b->cap - b->used < RANK_BYTES + n + 1) {
        size_t cap = RANK_BYTES + n + 1 > BLOCK_SIZE / 4 ? RANK_BYTES + n + 1 : BLOCK_SIZE;
        Block *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        g->string_bytes += cap;
        if (cap == BLOCK_SIZE || !b) {
            nb->next = b;
            g->blocks = b = nb;
        } else {   /* a big string: its block goes behind the current one, which stays open */
            nb->next = b->next;
            b->next = nb;
            b = nb;
        }
    }
    char *copy = b->data + b->used + RANK_BYTES;
    memset(copy - RANK_BYTES, 0, RANK_BYTES);
    memcpy(copy, s, n + 1);
    b->used += RANK_BYTES + n + 1;
    return copy;
}

/* The graph's one copy of `s`, made on first sight; NULL on no memory.  The strings interned last
 * are tried first (graph.c writes a node's triples one after another), by their hash before any
 * strcmp: the graph's IRIs share long prefixes, and four strcmp calls a string through them were
 * a tenth of the hostile lines article's build. */
static char *intern(NgGraph *g, const char *s)
{
    size_t n = strlen(s);
    uint32_t h = hash_of(s, n);
    for (size_t i = 0; i < RECENT; i++)
        if (g->recent[i].s && g->recent[i].h == h && !strcmp(g->recent[i].s, s))
            return g->recent[i].s;
    if (g->set_used * 2 >= g->set_cap) {
        size_t cap = g->set_cap ? g->set_cap * 2 : 1024;
        Slot *set = calloc(cap, sizeof *set);
        if (!set)
            return NULL;
        for (size_t i = 0; i < g->set_cap; i++)
            if (g->set[i].s) {
                size_t k = g->set[i].h & (cap - 1);
                while (set[k].s)
                    k = (k + 1) & (cap - 1);
                set[k] = g->set[i];
            }
        free(g->set);
        g->set = set;
        g->set_cap = cap;
    }
    size_t k = h & (g->set_cap - 1);
    char *copy = NULL;
    for (; g->set[k].s; k = (k + 1) & (g->set_cap - 1))
        if (g->set[k].h == h && !strcmp(g->set[k].s, s)) {
            copy = g->set[k].s;
            break;
        }
    if (!copy && (copy = store_string(g, s, n))) {
        g->set[k] = (Slot){copy, h};
        g->set_used++;
    }
    if (copy)
        g->recent[g->recent_next++ % RECENT] = (Slot){copy, h};
    return copy;
}

/* ------------------------------------------------------------------ spilled runs */

/* A triple and the IRI of its named graph (NULL: the default graph), for sorting. */
typedef struct {
    const NgTriple *t;
    const char *graph;
} Item;

static int cmp_name(const char *a, const char *b)
{
    if (a == b)
        return 0;
    return !a || !b ? (a != NULL) - (b != NULL) : strcmp(a, b);
}

/* Orders by named graph (the default graph first), then ng_triple_compare: the order of a
 * spilled run, and of the writers that keep graphs. */
static int cmp_graph_first(const Item *a, const Item *b)
{
    int r = cmp_name(a->graph, b->graph);
    return r ? r : ng_triple_compare(&a->t, &b->t);
}

/* ng_triple_compare, then the named graph: the order of the writers without graphs. */
static int cmp_triple_first(const Item *a, const Item *b)
{
    int r = ng_triple_compare(&a->t, &b->t);
    return r ? r : cmp_name(a->graph, b->graph);
}

static int sort_graph_first(const void *a, const void *b) { return cmp_graph_first(a, b); }
static int sort_triple_first(const void *a, const void *b) { return cmp_triple_first(a, b); }

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The rank of a string of the run (rank_subjects). */
static uint32_t rank_of(const char *s)
{
    uint32_t r;
    memcpy(&r, s - RANK_BYTES, RANK_BYTES);
    return r;
}

static void set_rank(char *s, uint32_t r)
{
    memcpy(s - RANK_BYTES, &r, RANK_BYTES);
}

/* Numbers the subjects of the run in memory in strcmp's order, each in the RANK_BYTES before
 * it, so that sort_run can order the run by counting: the hostile lines article's IRIs share
 * their first 50 bytes, and sorting its runs by ng_triple_compare was a sixth of its
 * instructions.  Each subject is compared with strcmp once a sort, not once a triple that
 * holds it.  Returns how many there are; `all` has room for a pointer a triple. */
static size_t rank_subjects(const NgGraph *g, char **all)
{
    const NgTriple *t = g->triples;
    size_t n = g->count, k = 0;
    for (size_t i = 0; i < n; i++)   /* a rank left by an earlier sort is not a mark */
        set_rank(t[i].s, UINT32_MAX);
    for (size_t i = 0; i < n; i++)
        if (rank_of(t[i].s) == UINT32_MAX) {
            set_rank(t[i].s, 0);
            all[k++] = t[i].s;
        }
    qsort(all, k, sizeof *all, cmp_strp);
    for (size_t i = 0; i < k; i++)
        set_rank(all[i], (uint32_t)i);
    return k;
}

/* Moves items[0..n) into `to`, stably ordered by key(item) < keys (a counting sort). */
static void count_sort(const Item *items, size_t n, Item *to, uint32_t *count, size_t keys,
                       size_t (*key)(const Item *, const void *), const void *data)
{
    memset(count, 0, (keys + 1) * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[key(&items[i], data) + 1]++;
    for (size_t k = 1; k <= keys; k++)
        count[k] += count[k - 1];
    for (size_t i = 0; i < n; i++)
        to[count[key(&items[i], data)]++] = items[i];
}

static size_t key_subject(const Item *it, const void *data)
{
    (void)data;
    return rank_of(it->t->s);
}

static size_t key_graph(const Item *it, const void *data)
{
    return ((const size_t *)data)[it->t->graph];
}

/* The named graphs' ranks in cmp_name's order ([0], the default graph, first), by index; NULL
 * on no memory. */
static size_t *graph_ranks(const NgGraph *g)
{
    size_t n = g->name_count ? g->name_count : 1;
    size_t *rank = malloc(n * sizeof *rank);
    char **sorted = malloc(n * sizeof *sorted);
    if (!rank || !sorted) {
        free(rank);
        free(sorted);
        return NULL;
    }
    rank[0] = 0;
    for (size_t i = 1; i < g->name_count; i++)
        sorted[i - 1] = g->names[i];
    qsort(sorted, n - 1, sizeof *sorted, cmp_strp);
    for (size_t k = 0; k + 1 < n; k++) {
        size_t i = 0;
        ng_map_get(&g->name_index, sorted[k], strlen(sorted[k]), &i);
        rank[i] = k + 1;
    }
    free(sorted);
    return rank;
}

/* Sorts the items of the ranked run (rank_subjects) with `cmp` without comparing most of them:
 * by subject with a counting sort (and then by named graph, when `graph_first`), then each
 * stretch of one subject (in one graph) with `cmp`, a few triples a node.  False when there is
 * no memory for it. */
static bool sort_run(const NgGraph *g, Item *items, size_t n, bool graph_first,
                     int (*cmp)(const void *, const void *))
{
    /* tmp holds the subjects while they are ranked, then the items: a second array beside it
     * stayed resident after the sort (glibc keeps what is freed below M_TRIM_THRESHOLD) */
    Item *tmp = n <= UINT32_MAX ? malloc(n * sizeof *tmp) : NULL;
    size_t subjects = tmp ? rank_subjects(g, (char **)(void *)tmp) : 0;
    size_t keys = subjects > g->name_count ? subjects : g->name_count;
    uint32_t *count = tmp ? malloc((keys + 1) * sizeof *count) : NULL;
    size_t *grank = graph_first && count ? graph_ranks(g) : NULL;
    bool ok = tmp && count && (grank || !graph_first);
    if (ok)
        count_sort(items, n, tmp, count, keys, key_subject, NULL);
    if (ok && graph_first)
        count_sort(tmp, n, items, count, keys, key_graph, grank);
    else if (ok)
        memcpy(items, tmp, n * sizeof *items);
    free(grank);   /* before the stretches' sorts, which may want as much again */
    free(count);
    free(tmp);
    for (size_t i = 0, j; ok && i < n; i = j) {
        for (j = i + 1; j < n && items[j].t->s == items[i].t->s &&
                        (!graph_first || items[j].t->graph == items[i].t->graph); j++)
            ;
        if (j - i > 1)
            qsort(items + i, j - i, sizeof *items, cmp);
    }
    return ok;
}

/* The `n` triples as items, sorted in the order asked for; NULL on no memory.  `run`: they are
 * the run in memory, whose subjects rank_subjects can number. */
static Item *sorted_items(const NgGraph *g, const NgTriple *triples, size_t n, bool graph_first,
                          bool run)
{
    Item *items = malloc((n ? n : 1) * sizeof *items);
    if (!items)
        return NULL;
    for (size_t i = 0; i < n; i++)
        items[i] = (Item){&triples[i], ng_graph_name(g, triples[i].graph)};
    if (run && n > 1 &&
        sort_run(g, items, n, graph_first, graph_first ? sort_graph_first : sort_triple_first))
        return items;
    qsort(items, n, sizeof *items, graph_first ? sort_graph_first : sort_triple_first);
    return items;
}

/* Writes an unsigned LEB128 number at `w`; returns where it ends. */
static char *put_varint(char *w, uint64_t v)
{
    do {
        *w++ = (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    return w;
}

/* A field of the record before, which the next is front-coded against. */
typedef struct {
    const char *s;   /* NULL at a segment's start */
    size_t n;
} Prev;

/* The length of the prefix that a and b (at least n bytes each) share, eight bytes a step: a
 * byte a step was a tenth of the hostile lines article's instructions (its IRIs share 50). */
static size_t shared_prefix(const char *a, const char *b, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y)
            break;
    }
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

/* Writes `s` (n bytes) at `w` as the length of the prefix it shares with `*prev`, the length of
 * the rest, and the rest; returns where it ends. */
static char *put_field(char *w, const char *s, size_t n, Prev *prev)
{
    size_t shared = prev->s ? shared_prefix(prev->s, s, n < prev->n ? n : prev->n) : 0;
    *prev = (Prev){s, n};
    w = put_varint(w, shared);
    w = put_varint(w, n - shared);
    memcpy(w, s + shared, n - shared);
    return w + (n - shared);
}

/* Appends one triple's record: flags (literal, datatype, language), then s, p, o, datatype and
 * language (those not NULL), each front-coded against the record before (`prev`; all NULL at a
 * segment's start).  The room is made once and the record written in place: an append per
 * number and field was a tenth of a hostile build's instructions. */
static NgStatus put_record(NgBuf *b, const NgTriple *t, Prev prev[5])
{
    const char *f[5] = {t->s, t->p, t->o, t->datatype, t->lang};
    size_t n[5], need = 2;
    for (size_t k = 0; k < 5; k++) {
        n[k] = f[k] ? strlen(f[k]) : 0;
        if (n[k] > SIZE_MAX / 2 - need - 20)
            return NG_ERR_NOMEM;
        need += n[k] + 20;
    }
    if (b->len > SIZE_MAX - need)
        return NG_ERR_NOMEM;
    NgStatus st = ng_grow((void **)&b->data, &b->cap, b->len + need, 1);
    if (st)
        return st;
    char *w = b->data + b->len;
    *w++ = (char)((t->o_is_literal ? 1 : 0) | (t->datatype ? 2 : 0) | (t->lang ? 4 : 0));
    for (size_t k = 0; k < 5; k++)
        if (f[k])
            w = put_field(w, f[k], n[k], &prev[k]);
    *w = '\0';
    b->len = (size_t)(w - b->data);
    return NG_SUCCESS;
}

/* Starts a segment of graph `graph` at the end of the spill file. */
static NgStatus open_segment(NgGraph *g, size_t graph)
{
    NgStatus st = ng_grow((void **)&g->segs, &g->seg_cap, g->seg_count + 1, sizeof *g->segs);
    if (!st)
        g->segs[g->seg_count++] = (Segment){graph, g->runs, g->spill_end, 0, 0};
    return st;
}

/* Writes the run in memory, sorted, to the spill file as one segment per named graph, then lets
 * its triples and strings go.  Nobody holds the interned strings: add() hands none out. */
static NgStatus spill_run(NgGraph *g)
{
    if (!g->spill && !(g->spill = tmpfile()))
        return NG_ERR_IO;
    Item *order = sorted_items(g, g->triples, g->count, true, true);
    if (!order)
        return NG_ERR_NOMEM;
    NgBuf rec = {0};
    Prev prev[5] = {{0}};
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; i < g->count && !st; i++) {
        if (i == 0 || order[i].t->graph != order[i - 1].t->graph) {
            memset(prev, 0, sizeof prev);
            st = open_segment(g, order[i].t->graph);
        }
        rec.len = 0;
        if (!st)
            st = put_record(&rec, order[i].t, prev);
        if (!st && fwrite(rec.data, 1, rec.len, g->spill) != rec.len)
            st = NG_ERR_IO;
        if (!st) {
            g->segs[g->seg_count - 1].bytes += rec.len;
            g->segs[g->seg_count - 1].count++;
            g->spill_end += rec.len;
        }
    }
    ng_buf_free(&rec);
    free(order);
    if (st)
        return st;
    g->runs++;
    g->count = 0;
    free_blocks(g);
    if (g->set)
        memset(g->set, 0, g->set_cap * sizeof *g->set);
    g->set_used = 0;
    memset(g->recent, 0, sizeof g->recent);
    return NG_SUCCESS;
}

/* Adds one triple to the named graph in use; spills the run first when it is over budget. */
NgStatus ng_graph_put(NgGraph *g, const char *s, const char *p, const char *o, bool literal,
                      const char *dt, const char *lang)
{
    if (!s || !p || !o)
        return NG_ERR_BAD_ARG;
    size_t array = g->count < g->cap ? g->cap : 2 * g->cap;   /* ng_grow doubles it when full */
    if (g->count && g->string_bytes + g->set_cap * sizeof(Slot) + array * sizeof(NgTriple) >
                        g->run_bytes) {
        NgStatus st = spill_run(g);
        if (st)
            return st;
    }
    NgStatus st = ng_grow((void **)&g->triples, &g->cap, g->count + 1, sizeof(NgTriple));
    if (st)
        return st;
    NgTriple t = {intern(g, s), intern(g, p), intern(g, o), dt ? intern(g, dt) : NULL,
                  lang ? intern(g, lang) : NULL, literal, g->current, 0, 0, 0};
    if (!t.s || !t.p || !t.o || (dt && !t.datatype) || (lang && !t.lang))
        return NG_ERR_NOMEM;
    g->triples[g->count++] = t;
    g->total++;
    return NG_SUCCESS;
}

void ng_graph_set_borrow_texts(NgGraph *graph, bool borrow) { graph->borrow = borrow; }
size_t ng_graph_borrowed_texts(const NgGraph *graph) { return graph->text_count; }

/* An article's text (nif:isString) is the one string of its graph that grows with the article:
 * interned, spilled, read back and rendered, a file of 16 MiB was held four times over.  Borrowed,
 * it stays where it is, the document, until the writer escapes it from there. */
NgStatus ng_graph_put_text(NgGraph *g, const char *s, const char *p, const char *text, size_t len)
{
    if (!g->borrow || len <= NG_GRAPH_TEXT_BYTES) {
        char *copy = ng_strndup(text, len);
        NgStatus st = copy ? ng_graph_put(g, s, p, copy, true, NULL, NULL) : NG_ERR_NOMEM;
        free(copy);
        return st;
    }
    /* s and p of their own: the run's strings go with a spill */
    NgStatus st = ng_grow((void **)&g->texts, &g->text_cap, g->text_count + 1, sizeof *g->texts);
    char *sc = st ? NULL : ng_strdup(s), *pc = sc ? ng_strdup(p) : NULL;
    if (!st && !pc) {
        free(sc);
        st = NG_ERR_NOMEM;
    }
    if (st)
        return st;
    g->texts[g->text_count++] = (NgTriple){sc, pc, (char *)text, NULL, NULL, true, g->current,
                                           0, 0, len};
    g->total++;
    return NG_SUCCESS;
}

NgStatus ng_graph_use(NgGraph *g, const char *name)
{
    size_t i = 0;
    if (name && !ng_map_get(&g->name_index, name, strlen(name), &i)) {
        size_t need = g->name_count ? g->name_count + 1 : 2;   /* [0]: the default graph */
        NgStatus st = ng_grow((void **)&g->names, &g->name_cap, need, sizeof *g->names);
        char *copy = st ? NULL : ng_strdup(name);
        if (!st && !copy)
            st = NG_ERR_NOMEM;
        if (!st && g->name_count == 0)
            g->names[g->name_count++] = NULL;
        if (!st)
            st = ng_map_put(&g->name_index, name, strlen(name), g->name_count);
        if (st) {
            free(copy);
            return st;
        }
        i = g->name_count;
        g->names[g->name_count++] = copy;
    }
    g->current = i;
    return NG_SUCCESS;
}

const char *ng_graph_name(const NgGraph *graph, size_t i)
{
    return i < graph->name_count ? graph->names[i] : NULL;
}

NgStatus ng_graph_add_triple(NgGraph *graph, const NgTriple *t, const char *name)
{
    size_t was = graph->current;
    NgStatus st = ng_graph_use(graph, name);
    if (!st)
        st = t->o_len ? ng_graph_put_text(graph, t->s, t->p, t->o, t->o_len)
                      : ng_graph_put(graph, t->s, t->p, t->o, t->o_is_literal, t->datatype, t->lang);
    graph->current = was;
    return st;
}

NgStatus ng_graph_add_iri(NgGraph *graph, const char *s, const char *p, const char *o)
{
    return ng_graph_put(graph, s, p, o, false, NULL, NULL);
}

NgStatus ng_graph_add_literal(NgGraph *graph, const char *s, const char *p, const char *value,
                              const char *datatype, const char *lang)
{
    return ng_graph_put(graph, s, p, value, true, datatype, lang);
}

/* ------------------------------------------------------------------ the cursor */

/* What the sources of a cursor read at a time: 64 KiB each, and all of them together at most
 * READ_BYTES, as an article of 16 MiB spills hundreds of runs (each its segments). */
#define READ_CHUNK ((size_t)64 << 10)
#define READ_MIN ((size_t)4 << 10)
#define READ_BYTES ((size_t)4 << 20)

/* One sorted source of the merge: the run in memory (items), or spilled segments
 * [seg, seg_end) read from the spill file through a buffer. */
typedef struct {
    const Item *mem;
    size_t mi, mn;
    size_t seg, seg_end, left;   /* left: records still to read in segment `seg` */
    uint64_t pos, end;           /* the next byte to read, the end of the source's bytes */
    char *buf;
    size_t cap, len, at;
    NgBuf f[5];                  /* s, p, o, datatype, language of the record read last */
    NgTriple t;
    Item cur;                    /* the source's smallest triple not yet merged */
} Source;

struct NgGraphCursor {
    const NgGraph *g;
    int (*cmp)(const Item *, const Item *);
    int fd;
    Item *items;                 /* the run in memory, sorted */
    Item *texts;                 /* the borrowed texts, sorted */
    Source *src;
    size_t src_count;
    size_t *heap;                /* indices into src, a binary min-heap by cmp of cur */
    size_t chunk;                /* what a source reads at a time (READ_CHUNK, READ_BYTES) */
    size_t heap_count;
    NgBuf kept[5];               /* the strings of the triple handed out last, when spilled */
    NgTriple kept_t;
    Item prev;
    bool have_prev;
    NgStatus st;
};

/* Makes `n` bytes of the source available at buf + at, reading what it can; false (with the
 * cursor's status set) when they are not there. */
static bool src_fill(NgGraphCursor *c, Source *s, size_t n)
{
    if (s->len - s->at >= n)
        return true;
    size_t have = s->len - s->at;
    if (have)
        memmove(s->buf, s->buf + s->at, have);
    s->len = have;
    s->at = 0;
    uint64_t remaining = s->end - s->pos;
    size_t want = n > c->chunk ? n : c->chunk;
    if (want > have + remaining)
        want = have + remaining > n ? (size_t)(have + remaining) : n;
    /* grown for a long record (a text of hundreds of kilobytes), the buffer shrinks again: the
     * sources that once read one would otherwise hold it for the rest of the merge */
    if (want > s->cap || (s->cap > 2 * want && s->cap > c->chunk)) {
        char *more = realloc(s->buf, want);
        if (!more) {
            c->st = NG_ERR_NOMEM;
            return false;
        }
        s->buf = more;
        s->cap = want;
    }
    while (s->len < n) {
        size_t ask = s->cap - s->len;
        if (ask > s->end - s->pos)
            ask = (size_t)(s->end - s->pos);
        ssize_t got = ask ? pread(c->fd, s->buf + s->len, ask, (off_t)s->pos) : 0;
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            c->st = got < 0 ? NG_ERR_IO : NG_ERR_INTERNAL;   /* 0: a record cut short */
            return false;
        }
        s->len += (size_t)got;
        s->pos += (uint64_t)got;
    }
    return true;
}

/* Reads an unsigned LEB128 number; a byte a call of src_fill only near the buffer's end. */
static bool src_varint(NgGraphCursor *c, Source *s, uint64_t *v)
{
    *v = 0;
    if (s->len - s->at >= 10) {   /* the longest a uint64_t takes */
        const unsigned char *p = (const unsigned char *)s->buf + s->at;
        for (unsigned shift = 0, k = 0; k < 10; shift += 7, k++) {
            *v |= (uint64_t)(p[k] & 0x7f) << shift;
            if (!(p[k] & 0x80)) {
                s->at += k + 1;
                return true;
            }
        }
        c->st = NG_ERR_INTERNAL;
        return false;
    }
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (!src_fill(c, s, 1))
            return false;
        unsigned char b = (unsigned char)s->buf[s->at++];
        *v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return true;
    }
    c->st = NG_ERR_INTERNAL;
    return false;
}

/* Reads one front-coded string into `f`, which holds the one before. */
static bool src_field(NgGraphCursor *c, Source *s, NgBuf *f)
{
    uint64_t shared, rest;
    if (!src_varint(c, s, &shared) || !src_varint(c, s, &rest))
        return false;
    if (shared > f->len || rest > SIZE_MAX / 2) {
        c->st = NG_ERR_INTERNAL;
        return false;
    }
    if (!src_fill(c, s, (size_t)rest))
        return false;
    f->len = (size_t)shared;
    if (f->cap > READ_CHUNK && (f->len + rest + 1) * 4 < f->cap) {   /* see src_fill */
        char *less = realloc(f->data, f->len + rest + 1);
        if (less) {
            f->data = less;
            f->cap = f->len + rest + 1;
        }
    }
    if (ng_buf_append(f, s->buf + s->at, (size_t)rest)) {
        c->st = NG_ERR_NOMEM;
        return false;
    }
    s->at += (size_t)rest;
    if (s->cap > 2 * c->chunk && s->len - s->at <= c->chunk) {   /* its copy is in f now */
        memmove(s->buf, s->buf + s->at, s->len - s->at);
        s->len -= s->at;
        s->at = 0;
        char *less = realloc(s->buf, c->chunk);
        if (less) {
            s->buf = less;
            s->cap = c->chunk;
        }
    }
    return true;
}

/* Moves the source on to its next triple (s->cur); false at its end or on an error. */
static bool src_next(NgGraphCursor *c, Source *s)
{
    if (s->mem) {
        if (s->mi >= s->mn)
            return false;
        s->cur = s->mem[s->mi++];
        return true;
    }
    while (s->left == 0) {
        if (++s->seg >= s->seg_end)
            return false;
        s->left = c->g->segs[s->seg].count;
    }
    if (!src_fill(c, s, 1))
        return false;
    unsigned flags = (unsigned char)s->buf[s->at++];
    bool has[5] = {true, true, true, flags & 2, flags & 4};
    for (size_t k = 0; k < 5; k++)
        if (has[k] && !src_field(c, s, &s->f[k]))
            return false;
    size_t graph = c->g->segs[s->seg].graph;
    s->t = (NgTriple){s->f[0].data, s->f[1].data, s->f[2].data, has[3] ? s->f[3].data : NULL,
                      has[4] ? s->f[4].data : NULL, flags & 1, graph, 0, 0, 0};
    s->cur = (Item){&s->t, ng_graph_name(c->g, graph)};
    s->left--;
    return true;
}

static bool heap_less(const NgGraphCursor *c, size_t a, size_t b)
{
    return c->cmp(&c->src[c->heap[a]].cur, &c->src[c->heap[b]].cur) < 0;
}

static void heap_swap(NgGraphCursor *c, size_t a, size_t b)
{
    size_t t = c->heap[a];
    c->heap[a] = c->heap[b];
    c->heap[b] = t;
}

static void sift_down(NgGraphCursor *c, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < c->heap_count && heap_less(c, l, m))
            m = l;
        if (r < c->heap_count && heap_less(c, r, m))
            m = r;
        if (m == i)
            return;
        heap_swap(c, i, m);
        i = m;
    }
}

/* Reads the first triple of source `i` and puts the source on the heap (not when empty). */
static void heap_push(NgGraphCursor *c, size_t i)
{
    if (!src_next(c, &c->src[i]))
        return;
    size_t k = c->heap_count++;
    c->heap[k] = i;
    while (k > 0 && heap_less(c, k, (k - 1) / 2)) {
        heap_swap(c, k, (k - 1) / 2);
        k = (k - 1) / 2;
    }
}

/* Sets up source `i` over spilled segments [first, last). */
static void src_segments(NgGraphCursor *c, size_t i, size_t first, size_t last)
{
    const Segment *segs = c->g->segs;
    Source *s = &c->src[i];
    s->seg = first;
    s->seg_end = last;
    s->left = segs[first].count;
    s->pos = segs[first].offset;
    s->end = segs[last - 1].offset + segs[last - 1].bytes;
    heap_push(c, i);
}

NgStatus ng_graph_cursor_new(const NgGraph *g, bool graph_first, NgGraphCursor **out)
{
    *out = NULL;
    NgGraphCursor *c = calloc(1, sizeof *c);
    if (!c)
        return NG_ERR_NOMEM;
    size_t spilled = graph_first ? g->runs : g->seg_count;
    c->chunk = spilled && READ_BYTES / spilled < READ_CHUNK ? READ_BYTES / spilled : READ_CHUNK;
    if (c->chunk < READ_MIN)
        c->chunk = READ_MIN;
    c->g = g;
    c->cmp = graph_first ? cmp_graph_first : cmp_triple_first;
    c->fd = g->spill ? fileno(g->spill) : -1;
    size_t n = 2 + (graph_first ? g->runs : g->seg_count);   /* [0] the run, [n - 1] texts */
    c->src = calloc(n, sizeof *c->src);
    c->heap = malloc(n * sizeof *c->heap);
    c->items = sorted_items(g, g->triples, g->count, graph_first, true);
    c->texts = sorted_items(g, g->texts, g->text_count, graph_first, false);
    c->src_count = c->src ? n : 0;
    if (!c->src || !c->heap || !c->items || !c->texts)
        c->st = NG_ERR_NOMEM;
    else if (g->spill && fflush(g->spill))
        c->st = NG_ERR_IO;
    for (size_t i = 0, k = 1; !c->st && i < g->seg_count; k++) {
        size_t j = i + 1;
        while (graph_first && j < g->seg_count && g->segs[j].run == g->segs[i].run)
            j++;
        src_segments(c, k, i, j);
        i = j;
    }
    if (!c->st && g->count) {
        c->src[0].mem = c->items;
        c->src[0].mn = g->count;
        heap_push(c, 0);
    }
    if (!c->st && g->text_count) {
        c->src[n - 1].mem = c->texts;
        c->src[n - 1].mn = g->text_count;
        heap_push(c, n - 1);
    }
    NgStatus st = c->st;
    if (st)
        ng_graph_cursor_free(c);
    else
        *out = c;
    return st;
}

/* Makes the cursor's own copy of source s's triple, which the source is about to overwrite (a
 * triple in memory stays where it is). */
static NgStatus keep(NgGraphCursor *c, const Source *s)
{
    if (s->mem) {
        c->prev = s->cur;
        return NG_SUCCESS;
    }
    const char *f[5] = {s->t.s, s->t.p, s->t.o, s->t.datatype, s->t.lang};
    char *copy[5] = {0};
    for (size_t k = 0; k < 5; k++) {
        if (!f[k])
            continue;
        c->kept[k].len = 0;
        if (ng_buf_append(&c->kept[k], f[k], strlen(f[k])))
            return NG_ERR_NOMEM;
        copy[k] = c->kept[k].data;
    }
    c->kept_t = (NgTriple){copy[0], copy[1], copy[2], copy[3], copy[4], s->t.o_is_literal,
                           s->t.graph, 0, 0, 0};
    c->prev = (Item){&c->kept_t, s->cur.graph};
    return NG_SUCCESS;
}

NgStatus ng_graph_cursor_next(NgGraphCursor *c, const NgTriple **t, bool *same)
{
    *t = NULL;
    while (!c->st && c->heap_count) {
        Source *s = &c->src[c->heap[0]];
        int r = c->have_prev ? ng_triple_compare(&s->cur.t, &c->prev.t) : 1;
        bool dup = r == 0 && !cmp_name(s->cur.graph, c->prev.graph);
        if (!dup) {
            if ((c->st = keep(c, s)))
                break;
            c->have_prev = true;
            *same = r == 0;
        }
        if (!src_next(c, s)) {
            if (c->st)
                break;
            c->heap[0] = c->heap[--c->heap_count];
        }
        sift_down(c, 0);
        if (!dup) {
            *t = c->prev.t;
            return NG_SUCCESS;
        }
    }
    return c->st;
}

void ng_graph_cursor_free(NgGraphCursor *c)
{
    if (!c)
        return;
    for (size_t i = 0; c->src && i < c->src_count; i++) {
        free(c->src[i].buf);
        for (size_t k = 0; k < 5; k++)
            ng_buf_free(&c->src[i].f[k]);
    }
    for (size_t k = 0; k < 5; k++)
        ng_buf_free(&c->kept[k]);
    free(c->src);
    free(c->heap);
    free(c->items);
    free(c->texts);
    free(c);
}
