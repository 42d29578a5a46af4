/* query_memory.c — the triples a query can match, held in memory as a Redland storage of
 * newsgraph's own ("ng-memory"), filled from an sqlite: or hashes: store (query_subgraph.c
 * decides what).
 *
 * Redland's `hashes` storage in memory cost about 15 µs a triple to fill (four hashes of encoded
 * statements, a dozen allocations, and as many to free), and answers a look-up whose three parts
 * are bound by reading every triple it holds.  Here each node is made once, from its id in the
 * store (store_read.c: an sqlite: row, a hashes: store's bytes), and a triple is three node
 * numbers; once filled, the triples are ordered three ways (by predicate; predicate and subject;
 * predicate and object) with counting sorts, and a look-up is a binary search.  The storage is read-only: adding to it fails.
 *
 * Look-ups answer in the order Redland's `hashes` storage did, so that a query's rows come in
 * the same order (ORDER BY keeps ties in the order rows come; some questions have ties): it kept
 * the triples of each key (predicate, predicate and subject, predicate and object) newest first,
 * and a triple copied twice where it was first copied.  So a triple keeps the number of its
 * first copy, and each key's triples are ordered by it, highest first.
 */
#include "query_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

typedef struct {
    uint32_t spo[3];     /* node numbers */
    long long rowid;     /* its row in the store's table */
} Triple;

typedef struct {
    long long key;                    /* id * 3 + kind, -1 empty */
    uint32_t node;
} IdSlot;

typedef struct {
    librdf_world *world;
    librdf_node **nodes;              /* by node number, owned */
    size_t node_count, node_cap;
    uint32_t *by_text;                /* open addressing on node content: number + 1, 0 empty */
    size_t text_cap;
    IdSlot *by_id;                    /* the store's ids already read */
    NgStoreNode *ids;                /* by node number: its id in the store */
    size_t id_count, id_cap;
    Triple *triples;                  /* in the order copied, then only the first copy of each */
    size_t count, cap;
    uint32_t *order[3];               /* triple numbers by key: KEY_P, KEY_PS, KEY_PO */
    size_t limit;                     /* the most triples a fill adds */
    struct {
        long long p;
        size_t n;
    } counts[64];                     /* the triples of each predicate, as the store counted */
    size_t count_count;
    /* while filling */
    NgStoreReader *reader;
    NgFillPart *parts[2];             /* subject, object */
} Mem;

enum { KEY_P, KEY_PS, KEY_PO };

/* ---------------------------------------------------------------- nodes */

/* A hash of a node's content (kind, text, language, datatype), as librdf_node_equals compares. */
static uint64_t node_hash(librdf_node *n)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)librdf_node_get_type(n);
    const unsigned char *parts[3] = {NULL, NULL, NULL};
    size_t lens[3] = {0, 0, 0};
    if (librdf_node_is_resource(n))
        parts[0] = librdf_uri_as_counted_string(librdf_node_get_uri(n), &lens[0]);
    else if (librdf_node_is_blank(n))
        parts[0] = librdf_node_get_counted_blank_identifier(n, &lens[0]);
    else {
        parts[0] = librdf_node_get_literal_value_as_counted_string(n, &lens[0]);
        const char *lang = librdf_node_get_literal_value_language(n);
        librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
        parts[1] = (const unsigned char *)lang;
        lens[1] = lang ? strlen(lang) : 0;
        parts[2] = dt ? librdf_uri_as_counted_string(dt, &lens[2]) : NULL;
    }
    for (int i = 0; i < 3; i++) {
        for (size_t k = 0; parts[i] && k < lens[i]; k++)
            h = (h ^ parts[i][k]) * 1099511628211u;
        h = (h ^ (uint64_t)(0x100 + i)) * 1099511628211u;
    }
    return h;
}

/* The slot of node `n` in m->by_text: where its number is, or the empty slot for it. */
static size_t text_slot(const Mem *m, librdf_node *n)
{
    size_t i = (size_t)node_hash(n) & (m->text_cap - 1);
    while (m->by_text[i] && !librdf_node_equals(m->nodes[m->by_text[i] - 1], n))
        i = (i + 1) & (m->text_cap - 1);
    return i;
}

/* The number of a node equal to `n`, or NONE when the storage has none. */
static uint32_t node_find(const Mem *m, librdf_node *n)
{
    if (!n || !m->text_cap)
        return NONE;
    size_t i = text_slot(m, n);
    return m->by_text[i] ? m->by_text[i] - 1 : NONE;
}

/* Doubles the table of node contents (or makes it), keeping it under half full. */
static bool text_grow(Mem *m)
{
    size_t cap = m->text_cap ? m->text_cap * 2 : 1024;
    uint32_t *old = m->by_text;
    size_t old_cap = m->text_cap;
    m->by_text = calloc(cap, sizeof *m->by_text);
    if (!m->by_text) {
        m->by_text = old;
        return false;
    }
    m->text_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            m->by_text[text_slot(m, m->nodes[old[i] - 1])] = old[i];
    free(old);
    return true;
}

/* The number of node `n` (taken: kept, or freed when an equal one is there), or NONE. */
static uint32_t node_add(Mem *m, librdf_node *n, NgStoreNode id)
{
    if ((m->node_count + 1) * 2 > m->text_cap && !text_grow(m)) {
        librdf_free_node(n);
        return NONE;
    }
    size_t i = text_slot(m, n);
    if (m->by_text[i]) {
        librdf_free_node(n);
        return m->by_text[i] - 1;
    }
    size_t cap = m->node_cap;
    if (m->node_count >= NONE - 1 ||
        ng_grow((void **)&m->nodes, &m->node_cap, m->node_count + 1, sizeof *m->nodes) ||
        (m->node_cap != cap &&
         ng_grow((void **)&m->ids, &cap, m->node_cap, sizeof *m->ids))) {
        librdf_free_node(n);
        return NONE;
    }
    m->ids[m->node_count] = id;
    m->nodes[m->node_count++] = n;
    m->by_text[i] = (uint32_t)m->node_count;
    return (uint32_t)m->node_count - 1;
}

/* The slot of store id `key` in m->by_id. */
static size_t id_slot(const Mem *m, long long key)
{
    size_t i = ((size_t)key * 0x9E3779B97F4A7C15u >> 16) & (m->id_cap - 1);
    while (m->by_id[i].key != -1 && m->by_id[i].key != key)
        i = (i + 1) & (m->id_cap - 1);
    return i;
}

/* Doubles the table of store ids (or makes it). */
static bool id_grow(Mem *m)
{
    size_t cap = m->id_cap ? m->id_cap * 2 : 1024, old_cap = m->id_cap;
    IdSlot *old = m->by_id;
    m->by_id = malloc(cap * sizeof *m->by_id);
    if (!m->by_id) {
        m->by_id = old;
        return false;
    }
    m->id_cap = cap;
    for (size_t i = 0; i < cap; i++)
        m->by_id[i].key = -1;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key != -1)
            m->by_id[id_slot(m, old[i].key)] = old[i];
    free(old);
    return true;
}

/* The number of the store's node `sn` when it was read already, else NONE. */
static uint32_t node_known(const Mem *m, NgStoreNode sn)
{
    if (!m->id_cap)
        return NONE;
    size_t i = id_slot(m, sn.id * 3 + sn.kind);
    return m->by_id[i].key == -1 ? NONE : m->by_id[i].node;
}

/* The number of the store's node `sn`, made from its row the first time; NONE on failure. */
static uint32_t node_of(Mem *m, NgStoreNode sn)
{
    long long key = sn.id * 3 + sn.kind;
    if ((m->id_count + 1) * 2 > m->id_cap && !id_grow(m))
        return NONE;
    size_t i = id_slot(m, key);
    if (m->by_id[i].key == key)
        return m->by_id[i].node;
    librdf_node *n = ng_store_reader_node(m->reader, m->world, sn);
    uint32_t num = n ? node_add(m, n, sn) : NONE;
    if (num != NONE) {
        m->by_id[i].key = key;
        m->by_id[i].node = num;
        m->id_count++;
    }
    return num;
}

/* ---------------------------------------------------------------- filling and ordering */

/* Is node number `n` in set `set`? */
static bool set_has(const NgNodeSet *set, uint32_t n)
{
    return n != NONE && n < set->cap && set->bits[n];
}

/* Adds node number `n` to `set`. */
static bool set_add(NgNodeSet *set, uint32_t n)
{
    if (n >= set->cap) {
        size_t cap = set->cap, need = (size_t)n + 1;
        if (ng_grow((void **)&set->bits, &set->cap, need < 1024 ? 1024 : need, 1))
            return false;
        memset(set->bits + cap, 0, set->cap - cap);
    }
    set->count += !set->bits[n];
    set->bits[n] = 1;
    return true;
}

void ng_node_set_clear(NgNodeSet *set)
{
    free(set->bits);
    memset(set, 0, sizeof *set);
}

/* Adds one row of the store (ng_store_reader_rows's callback) when its subject and object are
 * among the nodes the fill wants: 0 goes on, 1 stops on a failure, 2 at the limit. */
static int add_row(void *ctx, const NgStoreNode row[3], long long rowid)
{
    Mem *m = ctx;
    for (int k = 0; k < 2; k++)
        if (m->parts[k]->among && !set_has(m->parts[k]->among, node_known(m, row[2 * k])))
            return 0;
    Triple t = {{0, 0, 0}, rowid};
    for (int i = 0; i < 3; i++)
        if ((t.spo[i] = node_of(m, row[i])) == NONE)
            return 1;
    if (ng_grow((void **)&m->triples, &m->cap, m->count + 1, sizeof *m->triples))
        return 1;
    m->triples[m->count++] = t;
    for (int k = 0; k < 2; k++)
        if (m->parts[k]->found && !set_add(m->parts[k]->found, t.spo[2 * k]))
            return 1;
    return m->count > m->limit ? 2 : 0;
}

/* Orders idx[0..n) by part `part` of their triples, keeping the order of equal ones (a counting
 * sort over node numbers); `tmp` holds n numbers, `counts` node_count + 1. */
static void sort_by(const Mem *m, uint32_t *idx, uint32_t *tmp, size_t *counts, size_t n, int part)
{
    memset(counts, 0, (m->node_count + 1) * sizeof *counts);
    for (size_t i = 0; i < n; i++)
        counts[m->triples[idx[i]].spo[part] + 1]++;
    for (size_t k = 1; k <= m->node_count; k++)
        counts[k] += counts[k - 1];
    for (size_t i = 0; i < n; i++)
        tmp[counts[m->triples[idx[i]].spo[part]]++] = idx[i];
    memcpy(idx, tmp, n * sizeof *idx);
}

static int by_rowid(const void *a, const void *b)
{
    long long x = ((const Triple *)a)->rowid, y = ((const Triple *)b)->rowid;
    return (x > y) - (x < y);
}

/* Keeps only the first copy of each triple, then orders the triples of each key newest first
 * (KEY_P by predicate; KEY_PS by predicate, then subject; KEY_PO by predicate, then object). */
static NgStatus mem_index(Mem *m)
{
    size_t n = m->count;
    qsort(m->triples, n, sizeof *m->triples, by_rowid);
    uint32_t *tmp = malloc((n + 1) * sizeof *tmp), *idx = malloc((n + 1) * sizeof *idx);
    size_t *counts = malloc((m->node_count + 1) * sizeof *counts);
    NgStatus st = tmp && idx && counts ? NG_SUCCESS : NG_ERR_NOMEM;
    for (int k = 0; !st && k < 3; k++)
        if (!(m->order[k] = malloc((n + 1) * sizeof *m->order[k])))
            st = NG_ERR_NOMEM;
    if (!st) {
        /* equal triples next to each other, the first row first: keep that one */
        for (size_t i = 0; i < n; i++)
            idx[i] = (uint32_t)i;
        for (int part = 2; part >= 0; part--)
            sort_by(m, idx, tmp, counts, n, part == 2 ? 2 : part == 1 ? 0 : 1);
        memset(tmp, 0, n * sizeof *tmp);   /* now: 1 for a triple kept */
        for (size_t i = 0; i < n; i++)
            tmp[idx[i]] = i == 0 || memcmp(m->triples[idx[i]].spo, m->triples[idx[i - 1]].spo,
                                           sizeof m->triples->spo) != 0;
        size_t kept = 0;
        for (size_t i = 0; i < n; i++)
            if (tmp[i])
                m->triples[kept++] = m->triples[i];
        m->count = n = kept;
        static const int second[3] = {-1, 0, 2};   /* by key: the part after the predicate */
        for (int k = 0; k < 3; k++) {
            for (size_t i = 0; i < n; i++)
                m->order[k][i] = (uint32_t)(n - 1 - i);   /* the last row first */
            if (second[k] >= 0)
                sort_by(m, m->order[k], tmp, counts, n, second[k]);
            sort_by(m, m->order[k], tmp, counts, n, 1);
        }
    }
    free(tmp);
    free(idx);
    free(counts);
    return st;
}

/* The first position in m->order[key] whose triple's (predicate, then part `part` when not -1)
 * is not below (p, x); with `after`, the first above it. */
static size_t bound(const Mem *m, int key, int part, uint32_t p, uint32_t x, bool after)
{
    size_t lo = 0, hi = m->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const Triple *t = &m->triples[m->order[key][mid]];
        uint32_t a = t->spo[1], b = part >= 0 ? t->spo[part] : 0;
        bool below = a < p || (a == p && part >= 0 && b < x);
        bool above = a > p || (a == p && part >= 0 && b > x);
        if (after ? !above : below)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---------------------------------------------------------------- look-ups */

typedef struct {
    Mem *m;
    const uint32_t *order;      /* triple numbers to go through, or NULL: all, in turn */
    size_t at, end;
    uint32_t want[3];           /* node numbers, NONE: any */
    librdf_statement *statement; /* the current triple: its nodes are the storage's, lent */
} Stream;

/* Does the triple at the stream's position match what it wants? */
static bool stream_matches(const Stream *s)
{
    const Triple *t = &s->m->triples[s->order ? s->order[s->at] : s->at];
    for (int i = 0; i < 3; i++)
        if (s->want[i] != NONE && s->want[i] != t->spo[i])
            return false;
    return true;
}

/* Moves on to the next matching triple (from the current one, with `skip` from the next). */
static void stream_seek(Stream *s, bool skip)
{
    if (skip && s->at < s->end)
        s->at++;
    while (s->at < s->end && !stream_matches(s))
        s->at++;
}

static int stream_end(void *ctx)
{
    Stream *s = ctx;
    return s->at >= s->end;
}

static int stream_next(void *ctx)
{
    Stream *s = ctx;
    stream_seek(s, true);
    return s->at >= s->end;
}

static void *stream_get(void *ctx, int flags)
{
    Stream *s = ctx;
    if (flags != LIBRDF_ITERATOR_GET_METHOD_GET_OBJECT || s->at >= s->end)
        return NULL;   /* the context: none */
    const Triple *t = &s->m->triples[s->order ? s->order[s->at] : s->at];
    librdf_statement_set_subject(s->statement, s->m->nodes[t->spo[0]]);
    librdf_statement_set_predicate(s->statement, s->m->nodes[t->spo[1]]);
    librdf_statement_set_object(s->statement, s->m->nodes[t->spo[2]]);
    return s->statement;
}

static void stream_finished(void *ctx)
{
    Stream *s = ctx;
    if (s->statement) {
        /* the nodes were lent: not the statement's to free */
        librdf_statement_set_subject(s->statement, NULL);
        librdf_statement_set_predicate(s->statement, NULL);
        librdf_statement_set_object(s->statement, NULL);
        librdf_free_statement(s->statement);
    }
    free(s);
}

/* The triples matching `pattern` (its NULL parts: any), through the order of its key. */
static librdf_stream *mem_find(librdf_storage *storage, librdf_statement *pattern)
{
    Mem *m = librdf_storage_get_instance(storage);
    Stream *s = calloc(1, sizeof *s);
    librdf_statement *st = s ? librdf_new_statement(m->world) : NULL;
    if (!st) {
        free(s);
        return NULL;
    }
    s->m = m;
    s->statement = st;
    librdf_node *parts[3] = {librdf_statement_get_subject(pattern),
                             librdf_statement_get_predicate(pattern),
                             librdf_statement_get_object(pattern)};
    bool absent = false;   /* a bound node the storage has not: nothing matches */
    for (int i = 0; i < 3; i++) {
        s->want[i] = parts[i] ? node_find(m, parts[i]) : NONE;
        absent |= parts[i] && s->want[i] == NONE;
    }
    uint32_t p = s->want[1];
    int key = p == NONE ? -1 : s->want[0] != NONE ? KEY_PS : s->want[2] != NONE ? KEY_PO : KEY_P;
    int part = key == KEY_PS ? 0 : key == KEY_PO ? 2 : -1;
    if (absent) {
        s->end = 0;
    } else if (key < 0) {
        s->end = m->count;   /* no predicate: every triple is looked at */
    } else {
        s->order = m->order[key];
        s->at = bound(m, key, part, p, part >= 0 ? s->want[part] : 0, false);
        s->end = bound(m, key, part, p, part >= 0 ? s->want[part] : 0, true);
    }
    stream_seek(s, false);
    librdf_stream *out = librdf_new_stream(m->world, s, stream_end, stream_next, stream_get,
                                           stream_finished);
    if (!out)
        stream_finished(s);
    return out;
}

static librdf_stream *mem_serialise(librdf_storage *storage)
{
    Mem *m = librdf_storage_get_instance(storage);
    librdf_statement *any = librdf_new_statement(m->world);
    librdf_stream *s = any ? mem_find(storage, any) : NULL;
    if (any)
        librdf_free_statement(any);
    return s;
}

static int mem_contains(librdf_storage *storage, librdf_statement *statement)
{
    librdf_stream *s = mem_find(storage, statement);
    int found = s && !librdf_stream_end(s);
    if (s)
        librdf_free_stream(s);
    return found;
}

static int mem_size(librdf_storage *storage)
{
    Mem *m = librdf_storage_get_instance(storage);
    return m->count > INT32_MAX ? -1 : (int)m->count;
}

/* ---------------------------------------------------------------- the storage */

static int mem_init(librdf_storage *storage, const char *name, librdf_hash *options)
{
    (void)name;
    if (options)
        librdf_free_hash(options);   /* init owns them */
    Mem *m = calloc(1, sizeof *m);
    if (!m)
        return 1;
    m->world = librdf_storage_get_world(storage);
    librdf_storage_set_instance(storage, m);
    return 0;
}

static void mem_terminate(librdf_storage *storage)
{
    Mem *m = librdf_storage_get_instance(storage);
    if (!m)
        return;
    for (size_t i = 0; i < m->node_count; i++)
        librdf_free_node(m->nodes[i]);
    for (int k = 0; k < 3; k++)
        free(m->order[k]);
    free(m->nodes);
    free(m->by_text);
    free(m->by_id);
    free(m->ids);
    free(m->triples);
    free(m);
}

static int mem_open(librdf_storage *storage, librdf_model *model)
{
    (void)storage;
    (void)model;
    return 0;
}

static int mem_close(librdf_storage *storage)
{
    (void)storage;
    return 0;
}

/* Adding and removing fail: the storage holds what it was filled with, no more. */
static int mem_add(librdf_storage *storage, librdf_statement *statement)
{
    (void)storage;
    (void)statement;
    return 1;
}

static int mem_add_stream(librdf_storage *storage, librdf_stream *stream)
{
    (void)storage;
    (void)stream;
    return 1;
}

static void mem_factory(librdf_storage_factory *f)
{
    f->version = LIBRDF_STORAGE_INTERFACE_VERSION;
    f->init = mem_init;
    f->terminate = mem_terminate;
    f->open = mem_open;
    f->close = mem_close;
    f->size = mem_size;
    f->add_statement = mem_add;
    f->add_statements = mem_add_stream;
    f->remove_statement = mem_add;
    f->contains_statement = mem_contains;
    f->serialise = mem_serialise;
    f->find_statements = mem_find;
}

/* A new, empty storage of this kind in world `w` and its model (both the caller's). */
NgStatus ng_query_memory_new(librdf_world *w, librdf_storage **storage, librdf_model **model)
{
    *model = NULL;
    *storage = NULL;
    if (librdf_storage_register_factory(w, "ng-memory", "newsgraph's query index", mem_factory))
        return NG_ERR_INTERNAL;
    *storage = librdf_new_storage(w, "ng-memory", "subgraph", NULL);
    *model = *storage ? librdf_new_model(w, *storage, NULL) : NULL;
    if (*model)
        return NG_SUCCESS;
    if (*storage)
        librdf_free_storage(*storage);
    *storage = NULL;
    return NG_ERR_INTERNAL;
}

/* The triples of predicate id `p` in the store, counted once. */
static bool predicate_count(Mem *m, long long p, size_t *n)
{
    for (size_t i = 0; i < m->count_count; i++)
        if (m->counts[i].p == p) {
            *n = m->counts[i].n;
            return true;
        }
    if (!ng_store_reader_count(m->reader, p, n))
        return false;
    if (m->count_count < sizeof m->counts / sizeof m->counts[0]) {
        m->counts[m->count_count].p = p;
        m->counts[m->count_count++].n = *n;
    }
    return true;
}

/* Where a part of a look-up is bound to a constant (IRI or literal's text) into *w: false when
 * the store lacks the IRI (nothing matches); *err on an error. */
static bool part_where(Mem *m, const NgFillPart *part, NgStoreWhere *w, bool *err)
{
    w->kind = NG_WHERE_ANY;
    if (part->text) {
        w->kind = NG_WHERE_TEXT;
        w->text = part->text;
    } else if (part->iri) {
        int found = ng_store_reader_uri(m->reader, part->iri, &w->id);
        *err = found < 0;
        w->kind = NG_WHERE_URI;
        return found > 0;
    }
    return true;
}

/* A look-up for each node of `among` (the subject's when `k` is 0, else the object's), or -1
 * when reading every triple of the predicate costs less: a look-up by index costs about as much
 * as reading ng_store_reader_lookup_rows rows. */
static int by_each(Mem *m, long long p, int k, NgStoreWhere s, NgStoreWhere o)
{
    const NgNodeSet *among = m->parts[k]->among;
    size_t total = 0;
    if (!predicate_count(m, p, &total))
        return 1;
    if (among->count * ng_store_reader_lookup_rows(m->reader) >= total)
        return -1;
    int rc = 0;
    for (size_t n = 0; !rc && n < among->cap && n < m->node_count; n++) {
        if (!among->bits[n])
            continue;
        NgStoreWhere w = {m->ids[n].kind, m->ids[n].id, NULL};
        rc = ng_store_reader_rows(m->reader, p, k ? s : w, k ? w : o, add_row, m);
    }
    return rc;
}

/* Adds to the storage the store's triples with predicate IRI `p` whose subject and object are as
 * `s` and `o` say (a constant, or among a set of nodes; each part's found set receives what
 * came), until it holds more than `limit` triples; *n is the number it then holds. */
NgStatus ng_query_memory_fill(librdf_storage *storage, NgStoreReader *reader, const char *p,
                              NgFillPart *s, NgFillPart *o, size_t limit, size_t *n)
{
    Mem *m = librdf_storage_get_instance(storage);
    m->reader = reader;
    m->parts[0] = s;
    m->parts[1] = o;
    m->limit = limit;
    NgStoreWhere ws, wo;
    long long pid = 0;
    bool err = false;
    int rc = ng_store_reader_uri(reader, p, &pid);   /* 0: no such predicate, no triple */
    if (rc > 0 && !(part_where(m, s, &ws, &err) && part_where(m, o, &wo, &err)))
        rc = 0;   /* a constant the store lacks: no triple either */
    else if (rc > 0) {
        /* through the smaller set of nodes, unless that side is bound to a constant */
        int k = s->among && ws.kind == NG_WHERE_ANY ? 0 : 1;
        if (o->among && wo.kind == NG_WHERE_ANY && (k == 1 || o->among->count < s->among->count))
            k = 1;
        rc = m->parts[k]->among && (k ? wo : ws).kind == NG_WHERE_ANY ? by_each(m, pid, k, ws, wo)
                                                                       : -1;
        if (rc == -1)
            rc = ng_store_reader_rows(reader, pid, ws, wo, add_row, m);
    }
    m->reader = NULL;
    *n = m->count;
    return err || rc < 0 ? NG_ERR_STORE : rc == 1 ? NG_ERR_NOMEM : NG_SUCCESS;
}

/* Orders what was filled for look-ups: done once, after the last fill. */
NgStatus ng_query_memory_index(librdf_storage *storage)
{
    return mem_index(librdf_storage_get_instance(storage));
}
