/* match_wordnet.c — WordNet's binary search of its sorted files, over their bytes in memory.
 *
 * libwordnet finds a word in its index files and in its exception lists (verb.exc, noun.exc, ...,
 * which `morphstr` searches, often twice a word) with bin_search: per step an fseek, a getc per
 * byte to the next line and an fgets, through the library's own stdio streams.  On the exception
 * lists, which newsgraph cannot reach to map, each step is an lseek and a 4 KiB read (121,000
 * lseeks for a 400-article build, about 6% of its CPU with the kernel's share).  libwordnet calls
 * bin_search through its procedure linkage table, so the definition here takes its place in a
 * program that links libwordnet dynamically: the same probes in the same order over the same
 * bytes, read once per stream (or registered by match.c, which maps the index files), so every
 * answer, the line returned and last_bin_search_offset are the library's.  A stream that cannot
 * be read into memory is left to the library's own bin_search (dlsym RTLD_NEXT).
 *
 * The returned line is a static buffer, as the library's is: WordNet's interface, used only under
 * match.c's one WordNet lock, as is the table of streams here (which lives as long as the
 * process, as WordNet's streams do).  That table and that buffer are the library's globals,
 * reproduced; nothing of newsgraph's own state is global.
 */
#define _GNU_SOURCE
#include "internal.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wn.h>

/* libwordnet's: where the last search's line starts (binsrch.c; not in wn.h). */
extern long last_bin_search_offset;

#define WN_KEY_LEN 1024
#define WN_LINE_LEN (1024 * 25)
#define WN_STREAMS 64

/* A stream's bytes: registered by match.c (its mapping) or read here at first use. */
typedef struct {
    FILE *fp;
    const char *bytes;
    long len;
} WnFile;

static struct {
    WnFile files[WN_STREAMS];
    size_t count;
    char line[WN_LINE_LEN];
} wn;

void ng_wordnet_register(FILE *fp, const char *bytes, size_t len)
{
    if (wn.count < WN_STREAMS && len <= (size_t)LONG_MAX)
        wn.files[wn.count++] = (WnFile){fp, bytes, (long)len};
}

/* The bytes of `fp`, read whole at the first search of it; NULL when they cannot be. */
static const WnFile *wn_file(FILE *fp)
{
    for (size_t i = 0; i < wn.count; i++)
        if (wn.files[i].fp == fp)
            return &wn.files[i];
    if (wn.count >= WN_STREAMS || fseek(fp, 0L, SEEK_END) != 0)
        return NULL;
    long len = ftell(fp);
    char *bytes = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (!bytes)
        return NULL;
    rewind(fp);
    if (fread(bytes, 1, (size_t)len, fp) != (size_t)len) {
        free(bytes);
        return NULL;
    }
    wn.files[wn.count] = (WnFile){fp, bytes, len};
    return &wn.files[wn.count++];
}

/* fgets of `n` bytes at `pos` into wn.line: up to n - 1 bytes, through the first newline; false
 * at the end of the bytes (the line is then left as it was, as fgets leaves its buffer). */
static bool wn_fgets(const WnFile *f, long pos, size_t n)
{
    if (pos >= f->len)
        return false;
    size_t avail = (size_t)(f->len - pos), take = avail < n - 1 ? avail : n - 1;
    const char *nl = memchr(f->bytes + pos, '\n', take);
    if (nl)
        take = (size_t)(nl - (f->bytes + pos)) + 1;
    memcpy(wn.line, f->bytes + pos, take);
    wn.line[take] = '\0';
    return true;
}

/* The search of libwordnet's bin_search over memory: the same probes (the line after byte mid - 1,
 * or the first line when mid is 1), the same key (the line up to its first space), the same
 * narrowing and the same end (the key found, or the step down to 0). */
static char *wn_search(const WnFile *f, const char *searchkey)
{
    long top = 0, bot = f->len, mid = (bot - top) / 2, diff = 666;
    char key[WN_KEY_LEN];
    int cmp;
    wn.line[0] = '\0';
    do {
        long pos = mid - 1 < 0 ? 0 : mid - 1;
        if (mid != 1) {
            const char *nl = pos < f->len ? memchr(f->bytes + pos, '\n', (size_t)(f->len - pos))
                                          : NULL;
            pos = nl ? nl - f->bytes + 1 : f->len;
        }
        last_bin_search_offset = pos;
        wn_fgets(f, pos, WN_LINE_LEN);
        const char *sp = strchr(wn.line, ' ');
        size_t length = sp ? (size_t)(sp - wn.line) : strlen(wn.line);
        if (length >= sizeof key)
            length = sizeof key - 1;
        memcpy(key, wn.line, length);
        key[length] = '\0';
        cmp = strcmp(key, searchkey);
        if (cmp < 0) {
            top = mid;
            diff = (bot - top) / 2;
            mid = top + diff;
        } else if (cmp > 0) {
            bot = mid;
            diff = (bot - top) / 2;
            mid = top + diff;
        }
    } while (cmp && diff != 0);
    return cmp ? NULL : wn.line;
}

/* libwordnet's entry point, interposed (see above). */
char *bin_search(char *searchkey, FILE *fp)
{
    const WnFile *f = fp && searchkey ? wn_file(fp) : NULL;
    if (f)
        return wn_search(f, searchkey);
    char *(*library)(char *, FILE *) = NULL;
    *(void **)&library = dlsym(RTLD_NEXT, "bin_search");
    return library && library != bin_search ? library(searchkey, fp) : NULL;
}
