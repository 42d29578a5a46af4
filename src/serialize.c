/* serialize.c — stage 6: NgGraph -> Turtle, N-Triples or RDF/XML through raptor2, written atomically.
 *
 * Triples are sorted and de-duplicated first, and no blank nodes are minted, so equal graphs give
 * byte-identical files.  A regular file is replaced by rename(2) of a fsync'd temporary file in the
 * same directory; anything else (a device, a pipe, a terminal) is written in place. */
#include "internal.h"
#include "ns.h"

#include <errno.h>
#include <raptor2.h>
#include <stdlib.h>
#include <string.h>


bool ng_format_parse(const char *name, NgFormat *format)
{
    if (!name)
        return false;
    if (!strcmp(name, "turtle") || !strcmp(name, "ttl"))
        *format = NG_FORMAT_TURTLE;
    else if (!strcmp(name, "ntriples") || !strcmp(name, "nt"))
        *format = NG_FORMAT_NTRIPLES;
    else if (!strcmp(name, "rdfxml") || !strcmp(name, "xml"))
        *format = NG_FORMAT_RDFXML;
    else
        return false;
    return true;
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

/* Serializes the sorted, de-duplicated triples to an open stream; does not flush or close it. */
static NgStatus write_stream(const NgGraph *graph, NgFormat format, FILE *stream, const NgDiag *diag,
                             const char *name)
{
    size_t n = ng_graph_triple_count(graph);
    const NgTriple *all = ng_graph_triples(graph);
    const NgTriple **sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        sorted[i] = &all[i];
    qsort(sorted, n, sizeof *sorted, ng_triple_compare);
    NgStatus st = NG_SUCCESS;
    LogCtx lc = {diag, name, false};
    raptor_world *w = raptor_new_world();
    if (!w || raptor_world_open(w)) {
        raptor_free_world(w);
        free(sorted);
        return NG_ERR_INTERNAL;
    }
    raptor_world_set_log_handler(w, &lc, on_log);
    const char *syntax = format == NG_FORMAT_TURTLE ? "turtle"
                         : format == NG_FORMAT_NTRIPLES ? "ntriples" : "rdfxml-abbrev";
    raptor_serializer *ser = raptor_new_serializer(w, syntax);
    raptor_iostream *io = raptor_new_iostream_to_file_handle(w, stream);
    if (!ser || !io) {
        st = NG_ERR_INTERNAL;
        goto done;
    }
    if (format != NG_FORMAT_NTRIPLES) {
        for (size_t i = 0; i < NG_PREFIX_COUNT; i++) {
            if (!ng_prefixes[i].in_graphs)
                continue;
            raptor_uri *u = raptor_new_uri(w, (const unsigned char *)ng_prefixes[i].ns);
            if (!u) {
                st = NG_ERR_NOMEM;
                goto done;
            }
            raptor_serializer_set_namespace(ser, u, (const unsigned char *)ng_prefixes[i].prefix);
            raptor_free_uri(u);
        }
    }
    if (raptor_serializer_start_to_iostream(ser, NULL, io)) {
        st = NG_ERR_INTERNAL;
        goto done;
    }
    for (size_t i = 0; i < n && !st; i++) {
        if (i > 0 && ng_triple_compare(&sorted[i - 1], &sorted[i]) == 0)
            continue;
        const NgTriple *t = sorted[i];
        raptor_term *s = iri_term(w, t->s), *p = iri_term(w, t->p), *o = NULL;
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
        if (!s || !p || !o) {
            st = NG_ERR_NOMEM;
        } else {
            raptor_statement *stmt = raptor_new_statement_from_nodes(w, s, p, o, NULL);
            s = p = o = NULL; /* now owned by stmt */
            if (!stmt || raptor_serializer_serialize_statement(ser, stmt))
                st = NG_ERR_INTERNAL;
            raptor_free_statement(stmt);
        }
        if (s) raptor_free_term(s);
        if (p) raptor_free_term(p);
        if (o) raptor_free_term(o);
    }
    if (raptor_serializer_serialize_end(ser) && !st)
        st = NG_ERR_INTERNAL;
done:
    raptor_free_serializer(ser);
    if (io)
        raptor_free_iostream(io);
    raptor_free_world(w);
    free(sorted);
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
