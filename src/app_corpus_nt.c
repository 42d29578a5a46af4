/* app_corpus_nt.c — the N-Triples (N-Quads) lines of a corpus build, and the output a large
 * article's lines go to.
 *
 * A line is rendered into an NgBuf.  An article whose graph spilled (issue 14, finding 9: 3.3 MB
 * of short lines make 1.58 GB of N-Triples) writes its lines at its turn through an NgNtOut: the
 * calling thread renders them into one buffer while a thread of the NgNtOut's own writes the other
 * to the file, so that the kernel's copying of 1.58 GB overlaps the rendering on a second core.
 * The bytes go to the file in the order they were rendered, whatever the threads' timing. */
#define _GNU_SOURCE   /* sync_file_range */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Does an IRI's byte need a \u escape in N-Triples?  Controls, space and <>"{}|^`\ do, and NUL
 * (which ends the scan): a table made by the compiler, one load a byte (a switch a byte was a
 * sixth of a hostile build's instructions). */
#define NT_ESC(c)                                                                           \
    ((c) <= 0x20 || (c) == '"' || (c) == '<' || (c) == '>' || (c) == '\\' || (c) == '^' ||   \
     (c) == '`' || (c) == '{' || (c) == '|' || (c) == '}')
#define NT_ESC4(c) NT_ESC(c), NT_ESC((c) + 1), NT_ESC((c) + 2), NT_ESC((c) + 3)
#define NT_ESC16(c) NT_ESC4(c), NT_ESC4((c) + 4), NT_ESC4((c) + 8), NT_ESC4((c) + 12)
#define NT_ESC64(c) NT_ESC16(c), NT_ESC16((c) + 16), NT_ESC16((c) + 32), NT_ESC16((c) + 48)
static const bool IRI_ESCAPED[256] = {NT_ESC64(0), NT_ESC64(64), NT_ESC64(128), NT_ESC64(192)};

/* Writes <iri>, escaping what an IRIREF cannot hold.  The room for the worst case (every byte a
 * six-byte \u escape) is made once, then the bytes are written in place: an append per run of
 * plain bytes was a third of a hostile build's time, and its calls still a tenth. */
static NgStatus nt_iri(NgBuf *b, const char *iri)
{
    size_t n = strlen(iri);
    if (n > (SIZE_MAX - b->len - 3) / 6)
        return NG_ERR_NOMEM;
    NgStatus st = ng_grow((void **)&b->data, &b->cap, b->len + 6 * n + 3, 1);
    if (st)
        return st;
    char *w = b->data + b->len;
    *w++ = '<';
    const unsigned char *p = (const unsigned char *)iri;
    while (*p) {
        const unsigned char *run = p;
        while (!IRI_ESCAPED[*p])
            p++;
        memcpy(w, run, (size_t)(p - run));
        w += p - run;
        if (*p) {
            static const char hex[] = "0123456789ABCDEF";
            memcpy(w, "\\u00", 4);
            w[4] = hex[*p >> 4];
            w[5] = hex[*p & 15];
            w += 6;
            p++;
        }
    }
    *w++ = '>';
    *w = '\0';
    b->len = (size_t)(w - b->data);
    return NG_SUCCESS;
}

/* ================================================================ the output */

/* What an NgNtOut's buffer holds before it goes to the file: large enough that a write costs
 * little beside its bytes, small beside the build's 64 MB (two of them). */
#define NT_FLUSH ((size_t)128 << 10)

/* How far the file's dirty pages may run ahead of their write-back (out_write). */
#define WRITE_BACK_BYTES ((int64_t)32 << 20)

struct NgNtOut {
    FILE *f;                 /* written with fwrite when it has no descriptor (open_memstream) */
    int fd;                  /* the file's descriptor, written by the NgNtOut alone (write(2)) */
    NgBuf buf;               /* what the caller renders into */
    NgBuf full;              /* what the thread writes (when `pending`); the caller's next buffer */
    bool threaded, pending, ending;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;     /* `pending` or `ending` changed */
    NgStatus st;             /* the first failure of a write; errno's value then in `err` */
    int err;
    bool write_back;         /* a regular file, whose write-back out_write starts as it goes */
    off_t synced, at;        /* write-back asked up to `synced`; the offset after the bytes written */
};

/* Writes `n` bytes to the file.  The output of a build replaces its file through an fsync (util.c,
 * ng_output_commit), and with gigabytes of memory the kernel keeps what was written dirty until
 * then: the fsync alone took 1.5 s of the hostile lines article's build.  So on Linux the
 * write-back of a regular file is started every WRITE_BACK_BYTES (sync_file_range, which does not
 * wait for it), and the disk works beside the build.  Called by one thread at a time (the writer
 * thread, or the caller without one). */
static void out_write(NgNtOut *o, const char *s, size_t n)
{
    if (!o->st && n && o->fd < 0 && fwrite(s, 1, n, o->f) != n) {
        o->st = NG_ERR_IO;
        o->err = errno ? errno : EIO;
    }
    while (!o->st && n && o->fd >= 0) {
        ssize_t k = write(o->fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            o->st = NG_ERR_IO;
            o->err = k < 0 ? errno : EIO;
            return;
        }
        s += k;
        n -= (size_t)k;
        o->at += k;
    }
#ifdef SYNC_FILE_RANGE_WRITE
    if (o->write_back && o->at - o->synced >= WRITE_BACK_BYTES) {
        if (sync_file_range(o->fd, o->synced, o->at - o->synced, SYNC_FILE_RANGE_WRITE))
            o->write_back = false;
        o->synced = o->at;
    }
#endif
}

/* The writer thread: writes each buffer handed over, in order, until told to end. */
static void *out_thread(void *arg)
{
    NgNtOut *o = arg;
    pthread_mutex_lock(&o->lock);
    for (;;) {
        while (!o->pending && !o->ending)
            pthread_cond_wait(&o->cond, &o->lock);
        if (!o->pending)
            break;
        pthread_mutex_unlock(&o->lock);
        out_write(o, o->full.data, o->full.len);   /* the caller waits for `pending` first */
        pthread_mutex_lock(&o->lock);
        o->full.len = 0;
        o->pending = false;
        pthread_cond_broadcast(&o->cond);
    }
    pthread_mutex_unlock(&o->lock);
    return NULL;
}

/* Hands the rendered buffer to the file: to the thread, once it is done with the buffer before
 * (which becomes the caller's), or written here without one. */
static NgStatus out_hand(NgNtOut *o)
{
    if (!o->threaded) {
        out_write(o, o->buf.data, o->buf.len);
        o->buf.len = 0;
        return o->st;
    }
    pthread_mutex_lock(&o->lock);
    while (o->pending)
        pthread_cond_wait(&o->cond, &o->lock);
    NgBuf t = o->full;
    o->full = o->buf;
    o->buf = t;
    o->pending = o->full.len > 0;
    pthread_cond_broadcast(&o->cond);
    NgStatus st = o->st;
    pthread_mutex_unlock(&o->lock);
    return st;
}

NgStatus ng_nt_out_new(FILE *f, bool thread, NgNtOut **out)
{
    *out = NULL;
    if (fflush(f))   /* the NgNtOut writes the descriptor alone from now on */
        return NG_ERR_IO;
    NgNtOut *o = calloc(1, sizeof *o);
    if (!o)
        return NG_ERR_NOMEM;
    if (ng_grow((void **)&o->buf.data, &o->buf.cap, NT_FLUSH + 1, 1) ||
        (thread && ng_grow((void **)&o->full.data, &o->full.cap, NT_FLUSH + 1, 1))) {
        ng_buf_free(&o->buf);
        free(o);
        return NG_ERR_NOMEM;
    }
    o->f = f;
    o->fd = fileno(f);
    struct stat sb;
    o->at = o->synced = lseek(o->fd, 0, SEEK_CUR);
    o->write_back = o->at >= 0 && fstat(o->fd, &sb) == 0 && S_ISREG(sb.st_mode);
    if (thread) {
        pthread_mutex_init(&o->lock, NULL);
        pthread_cond_init(&o->cond, NULL);
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, (size_t)64 << 10);   /* it calls write(2), no more */
        o->threaded = pthread_create(&o->thread, &attr, out_thread, o) == 0;
        pthread_attr_destroy(&attr);
        if (!o->threaded) {
            pthread_cond_destroy(&o->cond);
            pthread_mutex_destroy(&o->lock);
        }
    }
    *out = o;
    return NG_SUCCESS;
}

NgStatus ng_nt_out_end(NgNtOut *o)
{
    if (!o)
        return NG_SUCCESS;
    NgStatus st = out_hand(o);
    if (o->threaded) {
        pthread_mutex_lock(&o->lock);
        o->ending = true;
        pthread_cond_broadcast(&o->cond);
        pthread_mutex_unlock(&o->lock);
        pthread_join(o->thread, NULL);
        pthread_cond_destroy(&o->cond);
        pthread_mutex_destroy(&o->lock);
    }
    if (!st)
        st = o->st;
    if (st == NG_ERR_IO)
        errno = o->err;   /* the thread's errno, for the caller's message */
    ng_buf_free(&o->buf);
    ng_buf_free(&o->full);
    free(o);
    return st;
}

/* Appends `n` bytes to the output's buffer, handing it over each time it is full (a borrowed
 * text is megabytes). */
static NgStatus out_put(NgNtOut *o, const char *s, size_t n)
{
    while (o->buf.len + n >= NT_FLUSH) {
        size_t k = o->buf.len < NT_FLUSH ? NT_FLUSH - o->buf.len : 0;
        NgStatus st = ng_buf_append(&o->buf, s, k);
        if (!st)
            st = out_hand(o);
        if (st)
            return st;
        s += k;
        n -= k;
    }
    return ng_buf_append(&o->buf, s, n);
}

NgStatus ng_nt_out_bytes(NgNtOut *o, const char *s, size_t n) { return out_put(o, s, n); }

/* ================================================================ lines */

/* Appends `n` bytes to b, or through the output `o` (whose buffer b then is). */
static NgStatus nt_put(NgBuf *b, const char *s, size_t n, NgNtOut *o)
{
    return o ? out_put(o, s, n) : ng_buf_append(b, s, n);
}

/* Writes a literal: "value" escaped, then its language or datatype; plain runs in one append.
 * With `o`, a long literal goes out in pieces as it is made (see out_put). */
static NgStatus nt_literal(NgBuf *b, const NgTriple *t, NgNtOut *o)
{
    NgStatus st = ng_buf_append(b, "\"", 1);
    const unsigned char *p = (const unsigned char *)t->o;
    const unsigned char *end = p + (t->o_len ? t->o_len : strlen(t->o));
    while (!st && p < end) {
        const unsigned char *run = p;
        while (p < end && *p >= 0x20 && *p != 0x7f && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            st = nt_put(b, (const char *)run, (size_t)(p - run), o);
        if (st || p == end)
            break;
        char u[8];
        const char *e = *p == '"' ? "\\\"" : *p == '\\' ? "\\\\" : *p == '\n' ? "\\n"
                        : *p == '\r' ? "\\r" : *p == '\t' ? "\\t" : NULL;
        if (!e) {
            snprintf(u, sizeof u, "\\u%04X", *p);
            e = u;
        }
        st = nt_put(b, e, strlen(e), o);
        p++;
    }
    if (!st)
        st = ng_buf_append(b, "\"", 1);
    if (!st && t->lang && *t->lang)
        st = ng_buf_appendf(b, "@%s", t->lang);
    else if (!st && t->datatype) {
        st = ng_buf_append(b, "^^", 2);
        if (!st)
            st = nt_iri(b, t->datatype);
    }
    return st;
}

/* One N-Triples line, or an N-Quads line when `graph` is not NULL, appended to b (the buffer of
 * `o` when there is one). */
static NgStatus nt_line(NgBuf *b, const NgTriple *t, const char *graph, NgNtOut *o)
{
    NgStatus st = nt_iri(b, t->s);
    if (!st)
        st = ng_buf_append(b, " ", 1);
    if (!st)
        st = nt_iri(b, t->p);
    if (!st)
        st = ng_buf_append(b, " ", 1);
    if (!st)
        st = t->o_is_literal ? nt_literal(b, t, o) : nt_iri(b, t->o);
    if (!st && graph && !(st = ng_buf_append(b, " ", 1)))
        st = nt_iri(b, graph);
    return st ? st : ng_buf_append(b, " .\n", 3);
}

NgStatus ng_nt_line(NgBuf *b, const NgTriple *t, const char *graph)
{
    return nt_line(b, t, graph, NULL);
}

NgStatus ng_nt_out_line(NgNtOut *o, const NgTriple *t, const char *graph)
{
    NgStatus st = nt_line(&o->buf, t, graph, o);
    return st || o->buf.len < NT_FLUSH ? st : out_hand(o);
}
