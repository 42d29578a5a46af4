/* store_hashes_read.c — reading a hashes: store's triples from its Berkeley DB files, for
 * query_memory.c.
 *
 * Rasqal asks Redland's hashes storage once for every triple pattern and every row bound so far,
 * and each answer is a Berkeley DB search, a cursor, and new nodes for every part: `co-mentions`
 * on 100 articles made 25,000 of them.  Reading through Redland's own stream was no cure: its
 * cursor walks a predicate's thousands of duplicates with a search from the root for each
 * (about 3 us a triple, nodes made).  Here the files are read as Redland wrote them, with
 * Berkeley DB's bulk reads: a predicate's triples come from PATH-p2so.db a buffer at a time, a
 * subject's from PATH-sp2o.db and an object's from PATH-po2s.db.  A node's id is the reader's
 * number for its bytes (Redland's encoding of the node: librdf_node_encode), so a node is made
 * once, from those bytes, with librdf_node_decode.
 *
 * Redland's layout (rdf_storage_hashes.c, rdf_statement_common.c): a key or a value is 'x', then
 * for each part it holds, in the order subject, predicate, object, a letter ('s', 'p', 'o') and
 * the node's encoding; keys of p2so hold the predicate, its values subject and object; sp2o's
 * keys subject and predicate, values the object; po2s's keys predicate and object, values the
 * subject.  A key's values are duplicates in the order they were added, which is the order
 * Redland's look-ups return them.  Keys are made with librdf_statement_encode_parts2, Redland's
 * own function, and values read by the lengths its encodings state (node_size).
 */
#include "store_impl.h"

#include <db.h>
#include <stdlib.h>
#include <string.h>

enum { FILE_P2SO, FILE_SP2O, FILE_PO2S, FILES };
static const char *const file_suffix[FILES] = {"p2so", "sp2o", "po2s"};

struct NgHashesReader {
    librdf_world *world;
    DB *db[FILES];
    unsigned char **bytes;   /* by id - 1: a node's encoding, owned */
    size_t *lens;
    size_t count, cap;
    uint32_t *table;         /* open addressing on the bytes: id, 0 empty */
    size_t table_cap;
    unsigned char *buf;      /* the bulk read's buffer */
    size_t buf_cap;
    unsigned char *key;      /* the key being looked up */
    size_t key_cap;
    long long read;          /* the triples read: their order numbers, the first highest */
};

/* The size of the node encoded at b[0..n), as librdf_node_decode reads it; 0 when it is not one. */
static size_t node_size(const unsigned char *b, size_t n)
{
    size_t head, text, dt = 0, lang = 0;
    if (n < 3)
        return 0;
    switch (b[0]) {
    case 'R':
    case 'B':
        head = 3;
        text = (size_t)b[1] << 8 | b[2];
        break;
    case 'M':
        if (n < 6)
            return 0;
        head = 6;
        text = (size_t)b[1] << 8 | b[2];
        dt = (size_t)b[3] << 8 | b[4];
        lang = b[5];
        break;
    case 'N':
        if (n < 8)
            return 0;
        head = 8;
        text = (size_t)b[1] << 24 | (size_t)b[2] << 16 | (size_t)b[3] << 8 | b[4];
        dt = (size_t)b[5] << 8 | b[6];
        lang = b[7];
        break;
    case 'L':
        if (n < 6)
            return 0;
        head = 6;
        text = (size_t)b[2] << 8 | b[3];
        lang = b[5];
        break;
    default:
        return 0;
    }
    size_t size = head + text + 1 + (dt ? dt + 1 : 0) + (lang ? lang + 1 : 0);
    return size <= n ? size : 0;
}

/* The kind of the node encoded at b (NG_NODE_*). */
static int node_kind(const unsigned char *b)
{
    return b[0] == 'R' ? NG_NODE_URI : b[0] == 'B' ? NG_NODE_BLANK : NG_NODE_LITERAL;
}

/* Is the node encoded at b[0..n) a literal whose text is `text`? */
static bool literal_is(const unsigned char *b, size_t n, const char *text)
{
    size_t head = b[0] == 'N' ? 8 : 6, len;
    if (b[0] == 'M')
        len = (size_t)b[1] << 8 | b[2];
    else if (b[0] == 'N')
        len = (size_t)b[1] << 24 | (size_t)b[2] << 16 | (size_t)b[3] << 8 | b[4];
    else if (b[0] == 'L')
        len = (size_t)b[2] << 8 | b[3];
    else
        return false;
    return head + len <= n && strlen(text) == len && !memcmp(b + head, text, len);
}

/* ---------------------------------------------------------------- node ids */

static uint64_t bytes_hash(const unsigned char *b, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211u;
    return h;
}

/* The slot of bytes b[0..n) in the table: where its id is, or the empty slot for it. */
static size_t id_slot(const NgHashesReader *r, const unsigned char *b, size_t n)
{
    size_t i = (size_t)bytes_hash(b, n) & (r->table_cap - 1);
    for (uint32_t id; (id = r->table[i]); i = (i + 1) & (r->table_cap - 1))
        if (r->lens[id - 1] == n && !memcmp(r->bytes[id - 1], b, n))
            break;
    return i;
}

/* Doubles the table (or makes it), keeping it under half full. */
static bool table_grow(NgHashesReader *r)
{
    size_t cap = r->table_cap ? r->table_cap * 2 : 4096;
    uint32_t *old = r->table;
    size_t old_cap = r->table_cap;
    if (!(r->table = calloc(cap, sizeof *r->table))) {
        r->table = old;
        return false;
    }
    r->table_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            r->table[id_slot(r, r->bytes[old[i] - 1], r->lens[old[i] - 1])] = old[i];
    free(old);
    return true;
}

/* The id of the node encoded as b[0..n), numbered the first time it is seen; 0 on failure. */
static uint32_t node_id(NgHashesReader *r, const unsigned char *b, size_t n)
{
    if ((r->count + 1) * 2 > r->table_cap && !table_grow(r))
        return 0;
    size_t i = id_slot(r, b, n);
    if (r->table[i])
        return r->table[i];
    size_t cap = r->cap;
    unsigned char *copy = malloc(n);
    if (!copy || r->count >= UINT32_MAX - 1 ||
        ng_grow((void **)&r->bytes, &r->cap, r->count + 1, sizeof *r->bytes) ||
        (r->cap != cap && ng_grow((void **)&r->lens, &cap, r->cap, sizeof *r->lens))) {
        free(copy);
        return 0;
    }
    memcpy(copy, b, n);
    r->bytes[r->count] = copy;
    r->lens[r->count++] = n;
    r->table[i] = (uint32_t)r->count;
    return (uint32_t)r->count;
}

/* ---------------------------------------------------------------- opening */

/* Opens the store's index files read-only; NULL when one is missing or Berkeley DB fails. */
NgHashesReader *ng_hashes_read_open(const NgStore *store)
{
    NgHashesReader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->world = store->world;
    for (int f = 0; f < FILES; f++) {
        NgBuf path = {0};
        int rc = ng_buf_appendf(&path, "%s/%s-%s.db", store->dir, store->base, file_suffix[f]);
        if (!rc)
            rc = db_create(&r->db[f], NULL, 0);
        if (!rc)
            rc = r->db[f]->set_flags(r->db[f], DB_DUP);
        if (!rc)
            rc = r->db[f]->open(r->db[f], NULL, path.data, NULL, DB_BTREE, DB_RDONLY, 0);
        ng_buf_free(&path);
        if (rc) {
            ng_hashes_read_free(r);
            return NULL;
        }
    }
    return r;
}

void ng_hashes_read_free(NgHashesReader *r)
{
    if (!r)
        return;
    for (int f = 0; f < FILES; f++)
        if (r->db[f])
            r->db[f]->close(r->db[f], 0);
    for (size_t i = 0; i < r->count; i++)
        free(r->bytes[i]);
    free(r->bytes);
    free(r->lens);
    free(r->table);
    free(r->buf);
    free(r->key);
    free(r);
}

/* The id of IRI `iri`: always 1 (a node the store lacks matches no triple), -1 on failure. */
int ng_hashes_read_uri(NgHashesReader *r, const char *iri, long long *id)
{
    librdf_node *n = librdf_new_node_from_uri_string(r->world, (const unsigned char *)iri);
    size_t len = n ? librdf_node_encode(n, NULL, 0) : 0;
    unsigned char *b = len ? malloc(len) : NULL;
    uint32_t num = b && librdf_node_encode(n, b, len) == len ? node_id(r, b, len) : 0;
    free(b);
    if (n)
        librdf_free_node(n);
    *id = num;
    return num ? 1 : -1;
}

/* A new node (the caller's) from the bytes of node `n`, as Redland makes it; NULL on failure. */
librdf_node *ng_hashes_read_node(NgHashesReader *r, librdf_world *w, NgStoreNode n)
{
    if (n.id < 1 || (size_t)n.id > r->count)
        return NULL;
    return librdf_node_decode(w, NULL, r->bytes[n.id - 1], r->lens[n.id - 1]);
}

/* ---------------------------------------------------------------- look-ups */

/* Makes in r->key the key 'x', then 's' and node `s` when not 0, 'p' and node `p`, 'o' and node
 * `o` when not 0 (ids); its size into *n, false on failure. */
static bool make_key(NgHashesReader *r, long long s, long long p, long long o, size_t *n)
{
    long long parts[3] = {s, p, o};
    size_t size = 1;
    for (int i = 0; i < 3; i++)
        size += parts[i] ? 1 + r->lens[parts[i] - 1] : 0;
    if (ng_grow((void **)&r->key, &r->key_cap, size, 1))
        return false;
    unsigned char *k = r->key;
    *k++ = 'x';
    for (int i = 0; i < 3; i++) {
        if (!parts[i])
            continue;
        *k++ = (unsigned char)"spo"[i];
        memcpy(k, r->bytes[parts[i] - 1], r->lens[parts[i] - 1]);
        k += r->lens[parts[i] - 1];
    }
    *n = size;
    return true;
}

/* The triples of predicate `p` (an id), as ng_hashes_read_count says. */
bool ng_hashes_read_count(NgHashesReader *r, long long p, size_t *n)
{
    size_t klen;
    DBC *c = NULL;
    *n = 0;
    if (p < 1 || (size_t)p > r->count || !make_key(r, 0, p, 0, &klen) ||
        r->db[FILE_P2SO]->cursor(r->db[FILE_P2SO], NULL, &c, 0))
        return false;
    DBT key = {.data = r->key, .size = (u_int32_t)klen};
    DBT data = {.flags = DB_DBT_PARTIAL};   /* dlen 0: no bytes copied */
    db_recno_t dups = 0;
    int rc = c->get(c, &key, &data, DB_SET);
    if (!rc)
        rc = c->count(c, &dups, 0);
    c->close(c);
    *n = dups;
    return !rc || rc == DB_NOTFOUND;
}

/* What one row of a look-up gives: the part the key does not hold (`want`: 's', 'o', or both
 * for p2so), checked against `s` and `o`. */
typedef struct {
    NgHashesReader *r;
    long long p;
    NgStoreWhere s, o;
    NgStoreRowFn each;
    void *ctx;
    NgStoreNode fixed[3];   /* the key's nodes */
    bool want_s, want_o;
} Look;

/* Does the node at b[0..n) match `w`?  (Its id then into *id.) */
static bool part_matches(NgHashesReader *r, NgStoreWhere w, const unsigned char *b, size_t n,
                         uint32_t *id, bool *err)
{
    if (w.kind == NG_WHERE_TEXT && !literal_is(b, n, w.text))
        return false;
    *id = node_id(r, b, n);
    *err = !*id;
    return *id && (w.kind == NG_WHERE_ANY || w.kind == NG_WHERE_TEXT || *id == w.id);
}

/* One value of a key: 'x', then the parts the look-up wants; calls `each` when they match.
 * 0 goes on, what `each` returned, or -1 when the value is not Redland's. */
static int look_value(Look *l, const unsigned char *v, size_t n)
{
    NgStoreNode row[3] = {l->fixed[0], l->fixed[1], l->fixed[2]};
    size_t at = 1;
    if (n < 1 || v[0] != 'x')
        return -1;
    for (int k = 0; k < 2; k++) {
        bool want = k ? l->want_o : l->want_s;
        if (!want)
            continue;
        size_t size = at < n && v[at] == (k ? 'o' : 's') ? node_size(v + at + 1, n - at - 1) : 0;
        if (!size)
            return -1;
        uint32_t id = 0;
        bool err = false;
        if (!part_matches(l->r, k ? l->o : l->s, v + at + 1, size, &id, &err))
            return err ? -1 : 0;
        row[2 * k] = (NgStoreNode){node_kind(v + at + 1), id};
        at += 1 + size;
    }
    return l->each(l->ctx, row, -++l->r->read);
}

/* Reads every value of key r->key[0..klen) in file `f`, a buffer at a time. */
static int look_up(Look *l, int f, size_t klen)
{
    NgHashesReader *r = l->r;
    DBC *c = NULL;
    if (!r->buf && ng_grow((void **)&r->buf, &r->buf_cap, 1 << 18, 1))
        return -1;
    if (r->db[f]->cursor(r->db[f], NULL, &c, 0))
        return -1;
    DBT key = {.data = r->key, .size = (u_int32_t)klen};
    int rc = 0, flag = DB_SET;
    while (!rc) {
        DBT data = {.data = r->buf, .ulen = (u_int32_t)r->buf_cap, .flags = DB_DBT_USERMEM};
        int got = c->get(c, &key, &data, flag | DB_MULTIPLE);
        if (got == DB_BUFFER_SMALL) {   /* one value larger than the buffer */
            size_t need = ((size_t)data.size + 1023) / 1024 * 1024;
            rc = ng_grow((void **)&r->buf, &r->buf_cap, need, 1) ? -1 : 0;
            continue;
        }
        if (got)
            rc = got == DB_NOTFOUND ? 1 : -1;
        void *p;
        DB_MULTIPLE_INIT(p, &data);
        while (!rc) {
            void *v;
            u_int32_t vlen;
            DB_MULTIPLE_NEXT(p, &data, v, vlen);
            if (!p)
                break;
            rc = look_value(l, v, vlen);
        }
        flag = DB_NEXT_DUP;
    }
    c->close(c);
    return rc == 1 ? 0 : rc;
}

/* The triples of predicate `p` whose subject and object are as `s` and `o` say, as
 * ng_store_reader_rows says: through sp2o when the subject is a node, else po2s when the object
 * is one, else p2so. */
int ng_hashes_read_rows(NgHashesReader *r, long long p, NgStoreWhere s, NgStoreWhere o,
                        NgStoreRowFn each, void *ctx)
{
    if (s.kind == NG_WHERE_LITERAL || s.kind == NG_WHERE_TEXT)
        return 0;   /* a literal is never a subject */
    bool by_s = s.kind != NG_WHERE_ANY;
    bool by_o = !by_s && o.kind != NG_WHERE_ANY && o.kind != NG_WHERE_TEXT;
    for (int k = 0; k < 2; k++) {
        NgStoreWhere w = k ? o : s;
        if (w.kind != NG_WHERE_ANY && w.kind != NG_WHERE_TEXT &&
            (w.id < 1 || (size_t)w.id > r->count))
            return 0;   /* a node the reader never saw: the store has no such triple */
    }
    if (p < 1 || (size_t)p > r->count)
        return 0;
    Look l = {r, p, s, o, each, ctx, {{NG_NODE_URI, 0}, {NG_NODE_URI, p}, {NG_NODE_URI, 0}},
              !by_s, !by_o};
    if (by_s)
        l.fixed[0] = (NgStoreNode){s.kind, s.id};
    if (by_o)
        l.fixed[2] = (NgStoreNode){o.kind, o.id};
    size_t klen;
    if (!make_key(r, by_s ? s.id : 0, p, by_o ? o.id : 0, &klen))
        return -1;
    return look_up(&l, by_s ? FILE_SP2O : by_o ? FILE_PO2S : FILE_P2SO, klen);
}
