/* store_read.c — a store's triples as ids of their nodes, for query_memory.c: the one interface
 * (store_internal.h) over an sqlite: store's rows (store_sqlite_read.c) and a hashes: store's
 * Berkeley DB files (store_hashes_read.c).
 */
#include "store_impl.h"

#include <stdlib.h>

struct NgStoreReader {
    NgSqliteReader *sqlite;   /* one of the two, owned */
    NgHashesReader *hashes;
};

/* What a look-up by subject or object costs, in rows read (query_memory.c weighs a look-up per
 * node against reading every triple of a predicate with them).  sqlite: an indexed SELECT costs
 * about as much as reading 4 rows; hashes: a Berkeley DB search about as much as reading 8 values
 * in bulk (measured on 100 and 1,000 articles). */
#define SQLITE_LOOKUP_ROWS 4
#define HASHES_LOOKUP_ROWS 8

/* A reader for an sqlite: store, or a hashes: store with its predicate index; else NULL. */
NgStoreReader *ng_store_reader_open(const NgStore *store)
{
    NgStoreReader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (store->kind == NG_STORE_SQLITE)
        r->sqlite = ng_sqlite_read_open(store);
    else if (store->kind == NG_STORE_HASHES && store->has_p2so && store->exists)
        r->hashes = ng_hashes_read_open(store);
    if (!r->sqlite && !r->hashes) {
        free(r);
        return NULL;
    }
    return r;
}

void ng_store_reader_free(NgStoreReader *r)
{
    if (!r)
        return;
    ng_sqlite_read_free(r->sqlite);
    ng_hashes_read_free(r->hashes);
    free(r);
}

int ng_store_reader_uri(NgStoreReader *r, const char *iri, long long *id)
{
    return r->sqlite ? ng_sqlite_read_uri(r->sqlite, iri, id) : ng_hashes_read_uri(r->hashes, iri, id);
}

bool ng_store_reader_count(NgStoreReader *r, long long p, size_t *n)
{
    return r->sqlite ? ng_sqlite_read_count(r->sqlite, p, n) : ng_hashes_read_count(r->hashes, p, n);
}

size_t ng_store_reader_lookup_rows(const NgStoreReader *r)
{
    return r->sqlite ? SQLITE_LOOKUP_ROWS : HASHES_LOOKUP_ROWS;
}

int ng_store_reader_rows(NgStoreReader *r, long long p, NgStoreWhere s, NgStoreWhere o,
                         NgStoreRowFn each, void *ctx)
{
    return r->sqlite ? ng_sqlite_read_rows(r->sqlite, p, s, o, each, ctx)
                     : ng_hashes_read_rows(r->hashes, p, s, o, each, ctx);
}

librdf_node *ng_store_reader_node(NgStoreReader *r, librdf_world *w, NgStoreNode n)
{
    return r->sqlite ? ng_sqlite_read_node(r->sqlite, w, n) : ng_hashes_read_node(r->hashes, w, n);
}
