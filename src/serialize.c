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

/* One triple to write and the graph it is in (NULL: the default graph, or the formats without
 * graphs). */
typedef struct {
    const NgTriple *t;
    const char *graph;
} Quad;

static int cmp_opt(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* The order of the output: by graph (the default graph first), then ng_triple_compare's. */
static int quad_compare(const void *pa, const void *pb)
{
    const Quad *a = pa, *b = pb;
    int r = cmp_opt(a->graph, b->graph);
    return r ? r : ng_triple_compare(&a->t, &b->t);
}

/* The graph's triples sorted for writing, each with its graph when `graphs`; a new array of
 * *n quads (the caller frees it), with the duplicates (in the same graph) left out. */
static Quad *sorted_quads(const NgGraph *graph, bool graphs, size_t *n)
{
    size_t count = ng_graph_triple_count(graph), kept = 0;
    const NgTriple *all = ng_graph_triples(graph);
    Quad *q = malloc((count ? count : 1) * sizeof *q);
    if (!q)
        return NULL;
    for (size_t i = 0; i < count; i++)
        q[i] = (Quad){&all[i], graphs ? ng_graph_name(graph, all[i].graph) : NULL};
    qsort(q, count, sizeof *q, quad_compare);
    for (size_t i = 0; i < count; i++)
        if (kept == 0 || quad_compare(&q[kept - 1], &q[i]) != 0)
            q[kept++] = q[i];
    *n = kept;
    return q;
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

/* Hands one quad to the serializer (its graph only when the syntax writes graphs). */
static NgStatus serialize_quad(raptor_world *w, raptor_serializer *ser, const Quad *q)
{
    const NgTriple *t = q->t;
    raptor_term *s = iri_term(w, t->s), *p = iri_term(w, t->p), *o = NULL;
    raptor_term *g = q->graph ? iri_term(w, q->graph) : NULL;
    if (t->o_is_literal) {
        raptor_uri *dt = t->datatype ? raptor_new_uri(w, (const unsigned char *)t->datatype) : NULL;
        o = raptor_new_term_from_counted_literal(w, (const unsigned char *)t->o, strlen(t->o), dt,
                                                 (const unsigned char *)t->lang,
                                                 t->lang ? (unsigned char)strlen(t->lang) : 0);
        if (dt)
            raptor_free_uri(dt);
    } else {
        o = iri_term(w, t->o);
    }
    NgStatus st = NG_SUCCESS;
    if (!s || !p || !o || (q->graph && !g)) {
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

/* Serializes quads [0, n) with raptor's `syntax` to `io`, with the prefixes when the syntax has
 * them. */
static NgStatus serialize_run(raptor_world *w, const char *syntax, const Quad *q, size_t n,
                              raptor_iostream *io)
{
    raptor_serializer *ser = raptor_new_serializer(w, syntax);
    NgStatus st = ser ? NG_SUCCESS : NG_ERR_INTERNAL;
    if (!st && strcmp(syntax, "ntriples") && strcmp(syntax, "nquads"))
        st = declare_prefixes(w, ser);
    if (!st && raptor_serializer_start_to_iostream(ser, NULL, io))
        st = NG_ERR_INTERNAL;
    for (size_t i = 0; i < n && !st; i++)
        st = serialize_quad(w, ser, &q[i]);
    if (ser && raptor_serializer_serialize_end(ser) && !st)
        st = NG_ERR_INTERNAL;
    raptor_free_serializer(ser);
    return st;
}

/* Writes the triples of one graph as Turtle without its prefix lines (TriG declares them once). */
static NgStatus write_trig_body(raptor_world *w, const Quad *q, size_t n, FILE *stream)
{
    void *text = NULL;
    size_t len = 0;
    raptor_iostream *io = raptor_new_iostream_to_string(w, &text, &len, malloc);
    NgStatus st = io ? serialize_run(w, "turtle", q, n, io) : NG_ERR_NOMEM;
    if (io)
        raptor_free_iostream(io);   /* sets text and len */
    const char *p = text, *end = p ? p + len : NULL;
    while (p && p < end && !strncmp(p, "@prefix ", 8)) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    while (p && p < end && *p == '\n')
        p++;
    if (!st && p && fwrite(p, 1, (size_t)(end - p), stream) != (size_t)(end - p))
        st = NG_ERR_IO;
    free(text);
    return st;
}

/* TriG: the prefixes once, the default graph's triples, then each named graph's in braces. */
static NgStatus write_trig(raptor_world *w, const Quad *q, size_t n, FILE *stream)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; i < NG_PREFIX_COUNT; i++)
        if (ng_prefixes[i].in_graphs)
            fprintf(stream, "@prefix %s: <%s> .\n", ng_prefixes[i].prefix, ng_prefixes[i].ns);
    for (size_t i = 0, j; i < n && !st; i = j) {
        for (j = i + 1; j < n && !cmp_opt(q[i].graph, q[j].graph);)
            j++;
        fputs("\n", stream);
        if (q[i].graph)
            fprintf(stream, "<%s> {\n", q[i].graph);
        st = write_trig_body(w, q + i, j - i, stream);
        if (q[i].graph)
            fputs("}\n", stream);
    }
    return st;
}

/* Serializes the sorted, de-duplicated triples (quads for N-Quads and TriG) to an open stream;
 * does not flush or close it. */
static NgStatus write_stream(const NgGraph *graph, NgFormat format, FILE *stream, const NgDiag *diag,
                             const char *name)
{
    size_t n = 0;
    Quad *q = sorted_quads(graph, ng_format_has_graphs(format), &n);
    if (!q)
        return NG_ERR_NOMEM;
    NgStatus st = NG_SUCCESS;
    LogCtx lc = {diag, name, false};
    raptor_world *w = raptor_new_world();
    if (!w || raptor_world_open(w)) {
        raptor_free_world(w);
        free(q);
        return NG_ERR_INTERNAL;
    }
    raptor_world_set_log_handler(w, &lc, on_log);
    if (format == NG_FORMAT_TRIG) {
        st = write_trig(w, q, n, stream);
    } else {
        const char *syntax = format == NG_FORMAT_TURTLE     ? "turtle"
                             : format == NG_FORMAT_NTRIPLES ? "ntriples"
                             : format == NG_FORMAT_NQUADS   ? "nquads"
                                                            : "rdfxml-abbrev";
        raptor_iostream *io = raptor_new_iostream_to_file_handle(w, stream);
        st = io ? serialize_run(w, syntax, q, n, io) : NG_ERR_INTERNAL;
        if (io)
            raptor_free_iostream(io);
    }
    raptor_free_world(w);
    free(q);
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
