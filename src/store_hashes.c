/* store_hashes.c — the Berkeley DB backend of stores (hashes:PATH): Redland's hashes storage, in
 * the index files PATH-sp2o.db, PATH-po2s.db...  Berkeley DB without an environment has no
 * transactions, so a commit copies the index files to staging files, adds the triples there, and
 * renames the copies over the originals only when everything succeeded.  Writers hold an flock on
 * PATH.lock (store.c).
 */
#include "store_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The index files of a hashes store; sp2o last, since its presence marks the store. */
static const char *const hash_suffixes[] = {"po2s", "so2p", "p2so", "contexts", "sp2o"};
enum { HASH_FILES = 5 };

/* True when `path` starts like a Berkeley DB btree file (magic 0x053162, either byte order). */
static bool is_bdb_file(const char *path)
{
    unsigned char h[16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    if (n < 16)
        return false;
    uint32_t le = (uint32_t)h[12] | (uint32_t)h[13] << 8 | (uint32_t)h[14] << 16 |
                  (uint32_t)h[15] << 24;
    uint32_t be = (uint32_t)h[15] | (uint32_t)h[14] << 8 | (uint32_t)h[13] << 16 |
                  (uint32_t)h[12] << 24;
    return le == 0x053162 || be == 0x053162;
}

/* Does anything exist at `path`? */
static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The index file `suffix` of the hashes store called `name` in the store's directory. */
static char *hash_file(const NgStore *s, const char *name, const char *suffix)
{
    NgBuf b = {0};
    if (ng_buf_appendf(&b, "%s/%s-%s.db", s->dir, name, suffix)) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

/* Checks that an existing store's sp2o file is Berkeley DB's and notes whether the predicate
 * index exists (a writer holds the lock already: store.c). */
NgStatus ng_store_hashes_probe(NgStore *s, const NgDiag *diag)
{
    char *sp2o = hash_file(s, s->base, "sp2o");
    char *p2so = hash_file(s, s->base, "p2so");
    NgStatus st = NG_SUCCESS;
    if (!sp2o || !p2so) {
        st = NG_ERR_NOMEM;
        goto done;
    }
    struct stat sb;
    s->exists = stat(sp2o, &sb) == 0;
    if (s->exists && (!S_ISREG(sb.st_mode) || !is_bdb_file(sp2o))) {
        ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                       "not a store: '%s' is not a Berkeley DB file", sp2o);
        st = NG_ERR_STORE;
        goto done;
    }
    s->has_p2so = !s->exists || file_exists(p2so);
done:
    free(sp2o);
    free(p2so);
    return st;
}

/* Opens Redland's hashes storage on the Berkeley DB files `name`-*.db of the store's directory. */
NgStatus ng_store_hashes_open(NgStore *s, const char *name, bool write, librdf_storage **st_out,
                            librdf_model **m_out)
{
    librdf_hash *opts = librdf_new_hash(s->world, NULL);
    NgStatus st = NG_SUCCESS;
    if (!opts)
        st = NG_ERR_INTERNAL;
    if (!st) {
        librdf_hash_put_strings(opts, "hash-type", "bdb");
        librdf_hash_put_strings(opts, "dir", s->dir);
        librdf_hash_put_strings(opts, "write", write ? "yes" : "no");
        librdf_hash_put_strings(opts, "new", "no");
        librdf_hash_put_strings(opts, "contexts", "no");
        librdf_hash_put_strings(opts, "index-predicates", s->has_p2so ? "yes" : "no");
        *st_out = librdf_new_storage_with_options(s->world, "hashes", name, opts);
        *m_out = *st_out ? librdf_new_model(s->world, *st_out, NULL) : NULL;
        if (!*m_out) {
            ng_store_close_model(st_out, m_out);
            st = NG_ERR_STORE;
        }
    }
    if (opts)
        librdf_free_hash(opts);
    return st;
}

/* Copies a file byte for byte (a hashes index file, to stage a commit). */
static NgStatus copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return NG_ERR_IO;
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        close(in);
        return NG_ERR_IO;
    }
    static const size_t chunk = 1 << 20;
    char *buf = malloc(chunk);
    NgStatus st = buf ? NG_SUCCESS : NG_ERR_NOMEM;
    while (!st) {
        ssize_t n = read(in, buf, chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            st = NG_ERR_IO;
        if (n <= 0)
            break;
        for (ssize_t off = 0; off < n && !st;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                st = NG_ERR_IO;
            else
                off += w;
        }
    }
    free(buf);
    close(in);
    if (close(out) != 0 && !st)
        st = NG_ERR_IO;
    return st;
}

/* fsyncs a file, or a directory after renames in it. */
static NgStatus fsync_path(const char *path, bool dir)
{
    int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0)
        return NG_ERR_IO;
    int rc = fsync(fd);
    close(fd);
    return rc ? NG_ERR_IO : NG_SUCCESS;
}

/* Adds what was staged to copies of the index files, then renames the copies over the originals:
 * Berkeley DB without an environment has no transactions, and this way readers see the old files
 * or the new ones, never a half-written one. */
NgStatus ng_store_hashes_commit(NgStore *s, const NgDiag *diag, size_t *added)
{
    char *orig[HASH_FILES] = {0}, *copy[HASH_FILES] = {0};
    NgBuf staging = {0};
    NgStatus st = ng_buf_appendf(&staging, ".%s.staging", s->base);
    ng_store_close_model(&s->storage, &s->model);   /* readers see the old files until the renames */
    for (int i = 0; i < HASH_FILES && !st; i++) {
        orig[i] = hash_file(s, s->base, hash_suffixes[i]);
        copy[i] = hash_file(s, staging.data, hash_suffixes[i]);
        if (!orig[i] || !copy[i])
            st = NG_ERR_NOMEM;
    }
    const char *what = "cannot copy the store for staging";
    for (int i = 0; i < HASH_FILES && !st; i++) {
        unlink(copy[i]);
        if (file_exists(orig[i]))
            st = copy_file(orig[i], copy[i]);
    }
    librdf_storage *sst = NULL;
    librdf_model *sm = NULL;
    if (!st) {
        what = "cannot open the staging copy of the store";
        ng_store_capture(s, diag);
        st = ng_store_hashes_open(s, staging.data, true, &sst, &sm);
    }
    if (!st) {
        what = "load failed; the store is unchanged";
        st = ng_store_stage_add(s, sm, true, diag, added);
        if (!st && librdf_model_sync(sm))   /* Berkeley DB writes its cached pages here */
            st = NG_ERR_STORE;
    }
    ng_store_close_model(&sst, &sm);   /* closes the Berkeley DB files, flushing them */
    if (!st && s->log.errors)
        st = NG_ERR_STORE;
    for (int i = 0; i < HASH_FILES && !st; i++)
        if (file_exists(copy[i]))
            st = fsync_path(copy[i], false);
    if (!st) {
        what = "cannot replace the store's files";
        for (int i = 0; i < HASH_FILES && !st; i++)
            if (file_exists(copy[i]) && rename(copy[i], orig[i]) != 0)
                st = NG_ERR_IO;
        if (!st)
            st = fsync_path(s->dir, true);
    }
    if (st) {
        for (int i = 0; i < HASH_FILES; i++)
            if (copy[i])
                unlink(copy[i]);
        ng_store_error(s, diag, st == NG_ERR_NOMEM ? st : NG_ERR_STORE, what);
    } else {
        s->exists = true;
    }
    for (int i = 0; i < HASH_FILES; i++) {
        free(orig[i]);
        free(copy[i]);
    }
    ng_buf_free(&staging);
    return st ? (st == NG_ERR_NOMEM ? st : NG_ERR_STORE) : NG_SUCCESS;
}
