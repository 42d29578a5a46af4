/* serialize.c — stage 6: NgGraph -> Turtle, N-Triples, RDF/XML, N-Quads or TriG through raptor2, written atomically.
 *
 * Triples are sorted and de-duplicated first, and no blank nodes are minted, so equal graphs give
 * byte-identical files.  N-Quads and TriG keep the graph of each triple (raptor 2.0.15 writes
 * N-Quads but not TriG: TriG is raptor's Turtle of each graph, in braces under one set of
 * prefixes).  A regular file is replaced by rename(2) of a fsync'd temporary file in the
 * same directory; anything else (a device, a pipe, a terminal) is written in place. */
#include "internal.h"
#include "ns.h"

#include <errno.h>
#include <stdint.h>
#include <raptor2.h>
#include <stdlib.h>
#include <string.h>


bool ng_format_parse(const char *name, NgFormat *format)
{
    static const struct {
        const char *name, *alias;
        NgFormat format;
    } names[] = {{"turtle", "ttl", NG_FORMAT_TURTLE},   {"ntriples", "nt", NG_FORMAT_NTRIPLES},
                 {"rdfxml", "xml", NG_FORMAT_RDFXML},   {"nquads", "nq", NG_FORMAT_NQUADS},
                 {"trig", NULL, NG_FORMAT_TRIG}};
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(name, names[i].name) || (names[i].alias && !strcmp(name, names[i].alias))) {
            *format = names[i].format;
            return true;
        }
    return false;
}

bool ng_format_has_graphs(NgFormat format)
{
    return format == NG_FORMAT_NQUADS || format == NG_FORMAT_TRIG;
}

static raptor_term *iri_term(raptor_world *w, const char *iri)
{
    return raptor_new_term_from_uri_string(w, (const unsigned char *)iri);
}

typedef struct {
    const NgDiag *diag;
    const char *name;
    bool failed;
} LogCtx;

static void on_log(void *ud, raptor_log_message *m)
{
    LogCtx *c = ud;
    if (m->level >= RAPTOR_LOG_LEVEL_ERROR) {
        c->failed = true;
        ng_diag_report(c->diag, NG_DIAG_ERROR, c->name, 0, 0, "serializer: %s", m->text ? m->text : "?");
    }
}

/* Declares the prefixes the graph writers use (ns.h) to a Turtle, TriG or RDF/XML serializer. */
static NgStatus declare_prefixes(raptor_world *w, raptor_serializer *ser)
{
    for (size_t i = 0; i < NG_PREFIX_COUNT; i++) {
        if (!ng_prefixes[i].in_graphs)
            continue;
        raptor_uri *u = raptor_new_uri(w, (const unsigned char *)ng_prefixes[i].ns);
        if (!u)
            return NG_ERR_NOMEM;
        raptor_serializer_set_namespace(ser, u, (const unsigned char *)ng_prefixes[i].prefix);
        raptor_free_uri(u);
    }
    return NG_SUCCESS;
}

/* Hands one triple to the serializer, in graph `graph` (NULL: none, or the syntax has none). */
static NgStatus serialize_triple(raptor_world *w, raptor_serializer *ser, const NgTriple *t,
                                 const char *graph)
{
    raptor_term *s = iri_term(w, t->s), *p = iri_term(w, t->p), *o = NULL;
    raptor_term *g = graph ? iri_term(w, graph) : NULL;
    if (t->o_is_literal) {
        raptor_uri *dt = t->datatype ? raptor_new_uri(w, (const unsigned char *)t->datatype) : NULL;
        o = raptor_new_term_from_counted_literal(w, (const unsigned char *)t->o,
                                                 t->o_len ? t->o_len : strlen(t->o), dt,
                                                 (const unsigned char *)t->lang,
                                                 t->lang ? (unsigned char)strlen(t->lang) : 0);
        if (dt)
            raptor_free_uri(dt);
    } else {
        o = iri_term(w, t->o);
    }
    NgStatus st = NG_SUCCESS;
    if (!s || !p || !o || (graph && !g)) {
        st = NG_ERR_NOMEM;
    } else {
        raptor_statement *stmt = raptor_new_statement_from_nodes(w, s, p, o, g);
        s = p = o = g = NULL; /* now owned by stmt */
        if (!stmt || raptor_serializer_serialize_statement(ser, stmt))
            st = NG_ERR_INTERNAL;
        raptor_free_statement(stmt);
    }
    if (s) raptor_free_term(s);
    if (p) raptor_free_term(p);
    if (o) raptor_free_term(o);
    if (g) raptor_free_term(g);
    return st;
}

/* The graph's triples as they go to the serializer: a cursor over them, sorted (by graph first
 * when `graphs`), and the triple read ahead. */
typedef struct {
    raptor_world *w;
    const NgGraph *graph;
    NgGraphCursor *cursor;
    bool graphs;
    const NgTriple *t;      /* the next triple to write; NULL at the end */
    NgBuf subject;          /* the subject of the triple written last, in Turtle */
    NgBuf text;             /* a piece of Turtle */
} Feed;

/* Moves the feed to its next triple; without graphs, a triple that is in two graphs once. */
static NgStatus feed_next(Feed *f)
{
    bool same = false;
    NgStatus st;
    do
        st = ng_graph_cursor_next(f->cursor, &f->t, &same);
    while (!st && f->t && same && !f->graphs);
    return st;
}

/* Any graph, for feed_in. */
#define ALL_GRAPHS SIZE_MAX

/* Does the feed's next triple belong where the triples before it went: in graph `graph`, when
 * graphs are kept and it is not ALL_GRAPHS? */
static bool feed_in(const Feed *f, size_t graph)
{
    return f->t && (!f->graphs || graph == ALL_GRAPHS || f->t->graph == graph);
}

/* Serializes the feed's triples of graph `graph` (see feed_in), or, when `chunk` is not
 * 0, those up to the first new subject after `chunk` triples. */
static NgStatus feed_run(Feed *f, raptor_serializer *ser, size_t graph, size_t chunk)
{
    NgStatus st = NG_SUCCESS;
    for (size_t n = 0; !st && feed_in(f, graph); n++) {
        if (chunk && strcmp(f->t->s, f->subject.data ? f->subject.data : "")) {
            if (n >= chunk)
                break;
            f->subject.len = 0;
            st = ng_buf_append(&f->subject, f->t->s, strlen(f->t->s));
        }
        if (!st)
            st = serialize_triple(f->w, ser, f->t,
                                  f->graphs ? ng_graph_name(f->graph, f->t->graph) : NULL);
        if (!st)
            st = feed_next(f);
    }
    return st;
}

/* Serializes the feed's triples (of graph `graph`) with raptor's `syntax` to `io`, with the
 * prefixes when the syntax has them. */
static NgStatus serialize_run(Feed *f, const char *syntax, size_t graph, size_t chunk,
                              raptor_iostream *io)
{
    raptor_serializer *ser = raptor_new_serializer(f->w, syntax);
    NgStatus st = ser ? NG_SUCCESS : NG_ERR_INTERNAL;
    if (!st && strcmp(syntax, "ntriples") && strcmp(syntax, "nquads"))
        st = declare_prefixes(f->w, ser);
    if (!st && raptor_serializer_start_to_iostream(ser, NULL, io))
        st = NG_ERR_INTERNAL;
    if (!st)
        st = feed_run(f, ser, graph, chunk);
    if (ser && raptor_serializer_serialize_end(ser) && !st)
        st = NG_ERR_INTERNAL;
    raptor_free_serializer(ser);
    return st;
}

/* Raptor's Turtle serializer holds every triple it is given until its end (about 1 KB each), so a
 * large graph is written in pieces of whole subjects, each piece with the prefixes cut but the
 * first (when `prefixes`): the same bytes one serializer writes (tests/test_serialize.c).  A piece
 * is about as large as the graph's run of triples in memory (NG_GRAPH_RUN_BYTES). */
static size_t turtle_chunk(const NgGraph *g)
{
    size_t n = ng_graph_run_bytes(g) / 4096;
    return n ? n : 1;
}

/* A raptor iostream into an NgBuf: appends without the allocation a write that raptor's own
 * string iostream makes (which took a third of a corpus's Turtle build). */
static int buf_write_byte(void *buf, const int byte)
{
    char c = (char)byte;
    return ng_buf_append(buf, &c, 1) ? 1 : 0;
}

static int buf_write_bytes(void *buf, const void *ptr, size_t size, size_t nmemb)
{
    return ng_buf_append(buf, ptr, size * nmemb) ? 0 : (int)nmemb;
}

static const raptor_iostream_handler to_buf = {2, NULL, NULL, buf_write_byte, buf_write_bytes,
                                               NULL, NULL, NULL};

/* Writes the feed's triples of graph `graph` (see feed_in) as Turtle. */
static NgStatus write_turtle(Feed *f, size_t graph, bool prefixes, FILE *stream)
{
    NgStatus st = NG_SUCCESS;
    bool first = true;
    do {
        f->text.len = 0;
        raptor_iostream *io = raptor_new_iostream_from_handler(f->w, &f->text, &to_buf);
        st = io ? serialize_run(f, "turtle", graph, turtle_chunk(f->graph), io) : NG_ERR_NOMEM;
        if (io)
            raptor_free_iostream(io);
        const char *p = f->text.data, *end = p ? p + f->text.len : NULL;
        if (!(first && prefixes)) {
            while (p && p < end && !strncmp(p, "@prefix ", 8)) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                p = nl ? nl + 1 : end;
            }
            while (p && p < end && *p == '\n')
                p++;
        }
        if (!st && p && fwrite(p, 1, (size_t)(end - p), stream) != (size_t)(end - p))
            st = NG_ERR_IO;
        first = false;
    } while (!st && feed_in(f, graph));
    return st;
}

/* TriG: the prefixes once, the default graph's triples, then each named graph's in braces. */
static NgStatus write_trig(Feed *f, FILE *stream)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; i < NG_PREFIX_COUNT; i++)
        if (ng_prefixes[i].in_graphs)
            fprintf(stream, "@prefix %s: <%s> .\n", ng_prefixes[i].prefix, ng_prefixes[i].ns);
    while (!st && f->t) {
        const char *name = ng_graph_name(f->graph, f->t->graph);
        fputs("\n", stream);
        if (name)
            fprintf(stream, "<%s> {\n", name);
        st = write_turtle(f, f->t->graph, false, stream);
        if (name)
            fputs("}\n", stream);
    }
    return st;
}

/* Serializes the sorted, de-duplicated triples (quads for N-Quads and TriG) to an open stream;
 * does not flush or close it. */
static NgStatus write_stream(const NgGraph *graph, NgFormat format, FILE *stream, const NgDiag *diag,
                             const char *name)
{
    Feed f = {NULL, graph, NULL, ng_format_has_graphs(format), NULL, {0}, {0}};
    NgStatus st = ng_graph_cursor_new(graph, f.graphs, &f.cursor);
    if (!st)
        st = feed_next(&f);
    LogCtx lc = {diag, name, false};
    f.w = st ? NULL : raptor_new_world();
    if (!st && (!f.w || raptor_world_open(f.w)))
        st = NG_ERR_INTERNAL;
    if (!st)
        raptor_world_set_log_handler(f.w, &lc, on_log);
    if (!st && format == NG_FORMAT_TRIG) {
        st = write_trig(&f, stream);
    } else if (!st && format == NG_FORMAT_TURTLE) {
        st = write_turtle(&f, ALL_GRAPHS, true, stream);
    } else if (!st) {
        const char *syntax = format == NG_FORMAT_NTRIPLES ? "ntriples"
                             : format == NG_FORMAT_NQUADS ? "nquads"
                                                          : "rdfxml-abbrev";
        raptor_iostream *io = raptor_new_iostream_to_file_handle(f.w, stream);
        st = io ? serialize_run(&f, syntax, ALL_GRAPHS, 0, io) : NG_ERR_INTERNAL;
        if (io)
            raptor_free_iostream(io);
    }
    raptor_free_world(f.w);
    ng_graph_cursor_free(f.cursor);
    ng_buf_free(&f.subject);
    ng_buf_free(&f.text);
    if (st == NG_ERR_IO)   /* raptor reports its own errors; these are ours */
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0, "write failed: %s",
                       strerror(errno ? errno : EIO));
    if (!st && lc.failed)
        st = NG_ERR_INTERNAL;
    return st;
}

NgStatus ng_graph_write_stream(const NgGraph *graph, NgFormat format, FILE *stream,
                               const NgDiag *diag)
{
    NgStatus st = write_stream(graph, format, stream, diag, "<stdout>");
    if (!st && (fflush(stream) || ferror(stream))) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot write the output: %s",
                       strerror(errno));
        st = NG_ERR_IO;
    }
    return st;
}

typedef struct {
    const NgGraph *graph;
    NgFormat format;
} GraphOut;

static NgStatus graph_writer(FILE *f, const char *path, void *data, const NgDiag *diag)
{
    const GraphOut *out = data;
    return write_stream(out->graph, out->format, f, diag, path);
}

NgStatus ng_graph_write_file(const NgGraph *graph, NgFormat format, const char *path,
                             const NgDiag *diag)
{
    GraphOut out = {graph, format};
    return ng_file_write_atomic(path, graph_writer, &out, diag);
}
