/* util.c — growable buffers and arrays, string copies, a string map and directory listings used
 * by every module. */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Grows *array (of `elem`-byte elements, capacity *cap) to hold at least `need` elements. */
NgStatus ng_grow(void **array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return NG_SUCCESS;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return NG_ERR_NOMEM;
        n *= 2;
    }
    if (elem && n > SIZE_MAX / elem)
        return NG_ERR_NOMEM;
    void *p = realloc(*array, n * elem);
    if (!p)
        return NG_ERR_NOMEM;
    *array = p;
    *cap = n;
    return NG_SUCCESS;
}

/* Appends `len` bytes and keeps the buffer NUL-terminated.  ng_grow is called only when the
 * bytes do not fit: the N-Triples writers append a few bytes at a time, millions of times. */
NgStatus ng_buf_append(NgBuf *buf, const char *bytes, size_t len)
{
    if (len > SIZE_MAX - buf->len - 1)
        return NG_ERR_NOMEM;
    if (buf->len + len + 1 > buf->cap) {
        NgStatus st = ng_grow((void **)&buf->data, &buf->cap, buf->len + len + 1, 1);
        if (st)
            return st;
    }
    if (len)
        memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return NG_SUCCESS;
}

/* Appends printf-formatted text. */
NgStatus ng_buf_appendf(NgBuf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NG_ERR_INTERNAL;
    NgStatus st = ng_grow((void **)&buf->data, &buf->cap, buf->len + (size_t)n + 1, 1);
    if (st)
        return st;
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
    return NG_SUCCESS;
}

void ng_buf_free(NgBuf *buf)
{
    if (!buf)
        return;
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

/* Hands the bytes over (an empty string when nothing was appended) and resets the buffer. */
char *ng_buf_take(NgBuf *buf)
{
    char *p = buf->data;
    if (!p)
        p = ng_strdup("");
    buf->data = NULL;
    buf->len = buf->cap = 0;
    return p;
}

char *ng_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ng_strdup(const char *s)
{
    return s ? ng_strndup(s, strlen(s)) : NULL;
}

/* FNV-1a, 64 bit: simple and good enough for short keys. */
uint64_t ng_hash(const char *bytes, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)bytes[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Finds the slot of the key whose hash is `h`, or the empty slot where it would go. */
static size_t map_slot(const NgMap *map, uint64_t h, const char *key, size_t len)
{
    size_t mask = map->cap - 1;
    size_t i = (size_t)h & mask;
    while (map->keys[i]) {
        if (map->hashes[i] == h && map->lens[i] == len && memcmp(map->keys[i], key, len) == 0)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

/* Doubles the table (64 slots at first), moving every key to its slot there in the order of the
 * old slots, as before lengths and hashes were kept. */
static NgStatus map_grow(NgMap *map)
{
    size_t ncap = map->cap ? map->cap * 2 : 64;
    NgMap n = {calloc(ncap, sizeof(char *)), calloc(ncap, sizeof(size_t)), ncap, 0,
               calloc(ncap, sizeof(size_t)), calloc(ncap, sizeof(uint64_t))};
    if (!n.keys || !n.values || !n.lens || !n.hashes) {
        free(n.keys);
        free(n.values);
        free(n.lens);
        free(n.hashes);
        return NG_ERR_NOMEM;
    }
    for (size_t i = 0; i < map->cap; i++) {
        if (!map->keys[i])
            continue;
        size_t j = map_slot(&n, map->hashes[i], map->keys[i], map->lens[i]);
        n.keys[j] = map->keys[i];
        n.values[j] = map->values[i];
        n.lens[j] = map->lens[i];
        n.hashes[j] = map->hashes[i];
        n.count++;
    }
    free(map->keys);
    free(map->values);
    free(map->lens);
    free(map->hashes);
    *map = n;
    return NG_SUCCESS;
}

/* Inserts or replaces key -> value. */
NgStatus ng_map_put(NgMap *map, const char *key, size_t len, size_t value)
{
    if ((map->count + 1) * 2 > map->cap && map_grow(map))
        return NG_ERR_NOMEM;
    uint64_t h = ng_hash(key, len);
    size_t i = map_slot(map, h, key, len);
    if (!map->keys[i]) {
        map->keys[i] = ng_strndup(key, len);
        if (!map->keys[i])
            return NG_ERR_NOMEM;
        map->lens[i] = len;
        map->hashes[i] = h;
        map->count++;
    }
    map->values[i] = value;
    return NG_SUCCESS;
}

bool ng_map_get(const NgMap *map, const char *key, size_t len, size_t *value)
{
    return ng_map_get_hashed(map, ng_hash(key, len), key, len, value);
}

/* ng_map_get with the key's ng_hash already known: one text looked up in several maps is hashed
 * once. */
bool ng_map_get_hashed(const NgMap *map, uint64_t hash, const char *key, size_t len, size_t *value)
{
    if (!map->cap)
        return false;
    size_t i = map_slot(map, hash, key, len);
    if (!map->keys[i])
        return false;
    if (value)
        *value = map->values[i];
    return true;
}

void ng_map_free(NgMap *map)
{
    if (!map)
        return;
    for (size_t i = 0; i < map->cap; i++)
        free(map->keys[i]);
    free(map->keys);
    free(map->values);
    free(map->lens);
    free(map->hashes);
    map->keys = NULL;
    map->values = NULL;
    map->lens = NULL;
    map->hashes = NULL;
    map->cap = map->count = 0;
}

/* What scan_turtle looks for outside comments, IRIs and strings. */
typedef enum { SCAN_BRACE, SCAN_EMPTY_GRAPH_NAME } ScanFor;

/* Is s[i..] "<>", then optional white space, '=' and white space, then '{': the token raptor
 * 2.0.15's Turtle lexer takes for a graph name and crashes on when the IRI is empty? */
static bool empty_graph_name_at(const char *s, size_t len, size_t i)
{
    if (i + 1 >= len || s[i] != '<' || s[i + 1] != '>')
        return false;
    size_t k = i + 2;
    bool eq = false;
    for (; k < len; k++) {
        if (s[k] == '=' && !eq)
            eq = true;
        else if (!strchr(" \t\v\r\n", s[k]))
            break;
    }
    return k < len && s[k] == '{';
}

/* Scans Turtle (or TriG) text for what `what` asks, skipping comments, IRIs and strings, and
 * gives its 1-based line and code-point column. */
static bool scan_turtle(const char *s, size_t len, ScanFor what, unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;
    size_t i = 0;
#define NG_ADVANCE()                                                                              \
    do {                                                                                          \
        if (s[i] == '\n') {                                                                       \
            l++;                                                                                  \
            c = 1;                                                                                \
        } else if (((unsigned char)s[i] & 0xC0) != 0x80) {                                         \
            c++;                                                                                  \
        }                                                                                         \
        i++;                                                                                      \
    } while (0)
    while (i < len) {
        char ch = s[i];
        if (what == SCAN_BRACE ? ch == '{' || ch == '}' : empty_graph_name_at(s, len, i)) {
            *line = l;
            *col = c;
            return true;
        }
        if (ch == '#') {
            while (i < len && s[i] != '\n')
                NG_ADVANCE();
        } else if (ch == '<') {
            NG_ADVANCE();
            while (i < len && s[i] != '>' && s[i] != '\n')
                NG_ADVANCE();
            if (i < len && s[i] == '>')
                NG_ADVANCE();
        } else if (ch == '"' || ch == '\'') {
            bool triple = i + 2 < len && s[i + 1] == ch && s[i + 2] == ch;
            size_t q = triple ? 3 : 1;
            for (size_t k = 0; k < q; k++)
                NG_ADVANCE();
            while (i < len) {
                if (s[i] == '\\') {
                    NG_ADVANCE();
                    if (i < len)
                        NG_ADVANCE();
                    continue;
                }
                if (s[i] == ch && (!triple || (i + 2 < len && s[i + 1] == ch && s[i + 2] == ch))) {
                    for (size_t k = 0; k < q; k++)
                        NG_ADVANCE();
                    break;
                }
                if (!triple && s[i] == '\n')
                    break;
                NG_ADVANCE();
            }
        } else {
            NG_ADVANCE();
        }
    }
#undef NG_ADVANCE
    return false;
}

/* Finds a '{' or '}' outside comments, IRIs and strings (see internal.h). */
bool ng_turtle_find_brace(const char *s, size_t len, unsigned *line, unsigned *col)
{
    return scan_turtle(s, len, SCAN_BRACE, line, col);
}

/* Finds a graph named '<>' in TriG text (see internal.h). */
bool ng_trig_find_empty_graph_name(const char *s, size_t len, unsigned *line, unsigned *col)
{
    return scan_turtle(s, len, SCAN_EMPTY_GRAPH_NAME, line, col);
}

/* ---------------------------------------------------------------- atomic output */

/* How an output path is written: refused (a directory; reported to `diag`), written in place (a
 * device, a pipe, or a symbolic link, which is never renamed over: /dev/stdout may be one), or
 * replaced by renaming a finished temporary file over it (a regular file, or nothing yet). */
typedef enum { NG_OUTPUT_REFUSED, NG_OUTPUT_IN_PLACE, NG_OUTPUT_REPLACE } NgOutputMode;

static NgOutputMode output_mode(const char *path, const NgDiag *diag)
{
    struct stat sb, lsb;
    bool link = lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode);
    bool exists = stat(path, &sb) == 0;
    if (exists && S_ISDIR(sb.st_mode)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0,
                       "is a directory; give a file name for the output");
        return NG_OUTPUT_REFUSED;
    }
    return link || (exists && !S_ISREG(sb.st_mode)) ? NG_OUTPUT_IN_PLACE : NG_OUTPUT_REPLACE;
}

struct NgOutputImpl {
    FILE *f;
    char *path;     /* the final name; NULL for standard output */
    char *tmp;      /* the temporary file, NULL when written in place */
    char *dir;
    bool own;       /* f is ours to close */
    bool done;
};

NgStatus ng_output_open(const char *path, const NgDiag *diag, NgOutput **out)
{
    *out = NULL;
    NgOutput *o = calloc(1, sizeof *o);
    if (!o)
        return NG_ERR_NOMEM;
    if (!path || !strcmp(path, "-")) {
        o->f = stdout;
        *out = o;
        return NG_SUCCESS;
    }
    if (!(o->path = ng_strdup(path))) {
        free(o);
        return NG_ERR_NOMEM;
    }
    NgOutputMode mode = output_mode(path, diag);
    if (mode == NG_OUTPUT_REFUSED) {
        ng_output_free(o);
        return NG_ERR_IO;
    }
    if (mode == NG_OUTPUT_IN_PLACE) {
        o->f = fopen(path, "w");
        if (!o->f) {
            ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open for writing: %s",
                           strerror(errno));
            ng_output_free(o);
            return NG_ERR_IO;
        }
        o->own = true;
        *out = o;
        return NG_SUCCESS;
    }
    const char *slash = strrchr(path, '/');
    o->dir = slash ? ng_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : ng_strdup(".");
    NgBuf tmp = {0};
    if (!o->dir || ng_buf_appendf(&tmp, "%s/.%s.tmp-XXXXXX", o->dir, slash ? slash + 1 : path)) {
        ng_buf_free(&tmp);
        ng_output_free(o);
        return NG_ERR_NOMEM;
    }
    o->tmp = ng_buf_take(&tmp);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0,
                       "cannot create a file in %s: %s; check that the directory exists and is "
                       "writable", o->dir, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        ng_output_free(o);
        return NG_ERR_IO;
    }
    (void)fchmod(fd, 0644);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "write failed: %s", strerror(errno));
        close(fd);
        ng_output_free(o);
        return NG_ERR_IO;
    }
    o->own = true;
    *out = o;
    return NG_SUCCESS;
}

FILE *ng_output_stream(NgOutput *output) { return output->f; }

NgStatus ng_output_commit(NgOutput *o, const NgDiag *diag)
{
    int err = 0;
    if (fflush(o->f) || ferror(o->f))
        err = errno ? errno : EIO;
    if (!err && o->tmp && fsync(fileno(o->f)))
        err = errno;
    if (o->own) {
        if (fclose(o->f) && !err)
            err = errno ? errno : EIO;
        o->f = NULL;
        o->own = false;
    }
    if (err) {
        if (o->path)
            ng_diag_report(diag, NG_DIAG_ERROR, o->path, 0, 0, "write failed: %s", strerror(err));
        else
            ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot write the output: %s",
                           strerror(err));
        return NG_ERR_IO;
    }
    if (o->tmp) {
        if (rename(o->tmp, o->path)) {
            ng_diag_report(diag, NG_DIAG_ERROR, o->path, 0, 0,
                           "cannot rename the finished file into place: %s", strerror(errno));
            return NG_ERR_IO;
        }
        free(o->tmp);
        o->tmp = NULL;
        int dfd = open(o->dir, O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) {
            (void)fsync(dfd);
            close(dfd);
        }
    }
    o->done = true;
    return NG_SUCCESS;
}

void ng_output_free(NgOutput *output)
{
    if (!output)
        return;
    if (output->own && output->f)
        fclose(output->f);
    if (output->tmp)
        unlink(output->tmp);
    free(output->tmp);
    free(output->path);
    free(output->dir);
    free(output);
}

/* The whole-file case of the output above: open, let `writer` fill the stream, commit. */
NgStatus ng_file_write_atomic(const char *path, NgFileWriter writer, void *data, const NgDiag *diag)
{
    NgOutput *o = NULL;
    NgStatus st = ng_output_open(path, diag, &o);
    if (!st)
        st = writer(o->f, path, data, diag);
    if (!st)
        st = ng_output_commit(o, diag);
    ng_output_free(o);
    return st;
}

/* ---------------------------------------------------------------- sorted sets (NgSpanList, NgIndexList) */

/* Lists keep insertion order and each value once.  While values arrive in increasing order (text
 * order, index order: nearly always) the list is sorted, an append costs O(1) and a look-up a
 * binary search; only after a value arrived out of order does a look-up scan the list.  This keeps
 * a million mentions of one actor linear (tests/test_limits.c).  One implementation serves every
 * element type: the typed lists below pass their items, element size and order. */
typedef int (*NgCompare)(const void *a, const void *b);

static bool set_has(const char *items, size_t count, bool unsorted, const void *v, size_t size,
                    NgCompare cmp, size_t *work)
{
    if (!unsorted) {
        size_t lo = 0, hi = count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int r = cmp(items + mid * size, v);
            if (work)
                (*work)++;
            if (r == 0)
                return true;
            if (r < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return false;
    }
    if (work)
        *work += count;
    for (size_t i = 0; i < count; i++)
        if (cmp(items + i * size, v) == 0)
            return true;
    return false;
}

/* Appends `v` (of `size` bytes) unless the list holds it already. */
static NgStatus set_add(void **items, size_t *count, size_t *cap, bool *unsorted, const void *v,
                        size_t size, NgCompare cmp, size_t *work)
{
    bool after = *count == 0 || (!*unsorted && cmp((char *)*items + (*count - 1) * size, v) < 0);
    if (!after && set_has(*items, *count, *unsorted, v, size, cmp, work))
        return NG_SUCCESS;
    NgStatus st = ng_grow(items, cap, *count + 1, size);
    if (!st) {
        memcpy((char *)*items + (*count)++ * size, v, size);
        *unsorted = *unsorted || !after;
    }
    return st;
}

/* Spans by begin, then end. */
static int span_compare(const void *pa, const void *pb)
{
    const NgSpan *a = pa, *b = pb;
    if (a->begin != b->begin)
        return a->begin < b->begin ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

static int index_compare(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

NgStatus ng_span_list_add_counted(NgSpanList *l, NgSpan s, size_t *work)
{
    return set_add((void **)&l->items, &l->count, &l->cap, &l->unsorted, &s, sizeof s, span_compare, work);
}

NgStatus ng_index_list_add_counted(NgIndexList *l, size_t v, size_t *work)
{
    return set_add((void **)&l->items, &l->count, &l->cap, &l->unsorted, &v, sizeof v, index_compare, work);
}

NgStatus ng_index_list_add(NgIndexList *l, size_t v) { return ng_index_list_add_counted(l, v, NULL); }

bool ng_index_list_has(const NgIndexList *l, size_t v)
{
    return set_has((const char *)l->items, l->count, l->unsorted, &v, sizeof v, index_compare, NULL);
}

/* ---------------------------------------------------------------- directory listings */

/* Frees `count` strings and their array. */
void ng_strings_free(char **strings, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(strings[i]);
    free(strings);
}

/* qsort's comparison of two strings held in an array of char *. */
static int cmp_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

NgStatus ng_dir_list(const char *dir, const char *suffix, bool join, char ***names, size_t *count)
{
    *names = NULL;
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NG_ERR_IO;
    char **v = NULL;
    size_t n = 0, cap = 0, sl = strlen(suffix);
    NgStatus st = NG_SUCCESS;
    struct dirent *e;
    while (!st && (e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l <= sl || strcmp(e->d_name + l - sl, suffix) || e->d_name[0] == '.')
            continue;
        NgBuf b = {0};
        st = ng_grow((void **)&v, &cap, n + 1, sizeof *v);
        if (!st)
            st = join ? ng_buf_appendf(&b, "%s/%s", dir, e->d_name)
                      : ng_buf_append(&b, e->d_name, l);
        if (!st)
            v[n++] = ng_buf_take(&b);
        ng_buf_free(&b);
    }
    closedir(d);
    if (st) {
        ng_strings_free(v, n);
        return st;
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_strings);
    *names = v;
    *count = n;
    return NG_SUCCESS;
}

/* ---------------------------------------------------------------- URLs */

/* Where the password of `url` is: [*begin, *end) between "user:" and "@" of the authority. */
static bool url_password(const char *url, const char **begin, const char **end)
{
    const char *auth = strstr(url, "://");
    if (!auth)
        return false;
    auth += 3;
    size_t n = strcspn(auth, "/?#");
    const char *at = NULL;
    for (size_t i = 0; i < n; i++)
        if (auth[i] == '@')
            at = auth + i;   /* the last '@' ends the user information */
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (!colon)
        return false;
    *begin = colon + 1;
    *end = at;
    return true;
}

/* Is there a password in the URL? */
bool ng_url_has_password(const char *url)
{
    const char *b, *e;
    return url && url_password(url, &b, &e);
}

/* The URL with its password (if any) replaced by "***". */
char *ng_url_redact(const char *url)
{
    const char *b, *e;
    if (!url)
        return NULL;
    if (!url_password(url, &b, &e))
        return ng_strdup(url);
    NgBuf out = {0};
    if (ng_buf_appendf(&out, "%.*s***%s", (int)(b - url), url, e)) {
        ng_buf_free(&out);
        return NULL;
    }
    return ng_buf_take(&out);
}
