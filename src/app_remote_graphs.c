/* app_remote_graphs.c — pushing N-Quads and TriG: each named graph of the file to its graph on
 * the server, with the Graph Store protocol of app_remote.c.
 *
 * The file is parsed with raptor as it is read; each run of consecutive triples in one graph is
 * written as N-Triples to a temporary file and sent with ng_remote_push (so a large graph is cut
 * into parts as any N-Triples file is).  `build -f nquads` writes each article's graph in one run
 * and the actors' shared graph in a run before each article that brings new actors, so memory
 * holds one run at most.  With `replace`, a graph that names the article it holds (it holds
 * "NAME rdf:type nif:Context") is replaced by its first run (HTTP PUT); every other run is added
 * (POST): the shared actors graph gathers the actors of every article pushed.
 */
#include "internal.h"
#include "ns.h"

#include <errno.h>
#include <raptor2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The push of one file, as raptor's statement handler sees it. */
typedef struct {
    const NgRemoteOptions *options;
    const char *path;
    const char *default_graph;  /* where triples outside any named graph go (NULL: default) */
    bool replace;
    const NgDiag *diag;
    raptor_world *world;
    char tmp[64];               /* the run's N-Triples, in a temporary file */
    FILE *run;
    raptor_serializer *nt;      /* writes the run's N-Triples, from its first triple on */
    raptor_iostream *io;
    char *graph;                /* the run's graph, NULL for the default graph */
    size_t triples;             /* in the run */
    bool article;               /* the run names the article it holds */
    NgMap sent;                 /* graphs already sent to -> 1 */
    NgRemoteGraphsReport report;
    NgStatus st;
} Push;

/* Ends the run's N-Triples (the serializer writes what it holds). */
static NgStatus end_run(Push *p)
{
    NgStatus st = NG_SUCCESS;
    if (p->nt && raptor_serializer_serialize_end(p->nt))
        st = NG_ERR_INTERNAL;
    raptor_free_serializer(p->nt);
    if (p->io)
        raptor_free_iostream(p->io);
    p->nt = NULL;
    p->io = NULL;
    return st;
}

/* Sends the run (if it holds anything) to its graph, and starts an empty one. */
static NgStatus flush_run(Push *p)
{
    if (!p->st)
        p->st = end_run(p);
    if (p->st || !p->triples)
        return p->st;
    size_t one;
    const char *g = p->graph ? p->graph : p->default_graph;
    const char *key = g ? g : "";   /* "": the server's default graph */
    bool first = !ng_map_get(&p->sent, key, strlen(key), &one);
    bool put = p->replace && first && (p->article || !p->graph);
    NgStatus st = fflush(p->run) || ferror(p->run) ? NG_ERR_IO : NG_SUCCESS;
    if (st)
        ng_diag_report(p->diag, NG_DIAG_ERROR, p->tmp, 0, 0, "cannot write: %s", strerror(errno));
    if (!st)
        st = ng_remote_push(p->options, p->tmp, g, put, p->diag);
    if (!st && first)
        st = ng_map_put(&p->sent, key, strlen(key), 1);
    if (!st) {
        p->report.graphs += first;
        p->report.replaced += put && p->graph;
        p->report.triples += p->triples;
        p->report.requests++;
    }
    if (!st && (fseeko(p->run, 0, SEEK_SET) || ftruncate(fileno(p->run), 0)))
        st = NG_ERR_IO;
    p->triples = 0;
    p->article = false;
    return p->st = st;
}

/* The IRI of a URI term (a new string), or NULL for the default graph or a blank graph name. */
static char *graph_iri(const raptor_term *g)
{
    return g && g->type == RAPTOR_TERM_TYPE_URI
               ? ng_strdup((const char *)raptor_uri_as_string(g->value.uri))
               : NULL;
}

/* Is the term the IRI `iri`? */
static bool term_is(const raptor_term *t, const char *iri)
{
    return t && t->type == RAPTOR_TERM_TYPE_URI &&
           !strcmp((const char *)raptor_uri_as_string(t->value.uri), iri);
}

/* raptor's statement handler: the triple goes to the current run, after the run of another
 * graph is sent. */
static void on_statement(void *user_data, raptor_statement *t)
{
    Push *p = user_data;
    if (p->st)
        return;
    char *g = graph_iri(t->graph);
    if ((g || p->graph) && (!g || !p->graph || strcmp(g, p->graph))) {
        if (flush_run(p)) {
            free(g);
            return;
        }
        free(p->graph);
        p->graph = g;
        g = NULL;
    }
    free(g);
    if (p->graph && term_is(t->subject, p->graph) && term_is(t->predicate, NG_NS_RDF "type") &&
        term_is(t->object, NG_NS_NIF "Context"))
        p->article = true;
    if (!p->nt && (!(p->io = raptor_new_iostream_to_file_handle(p->world, p->run)) ||
                   !(p->nt = raptor_new_serializer(p->world, "ntriples")) ||
                   raptor_serializer_start_to_iostream(p->nt, NULL, p->io))) {
        p->st = NG_ERR_INTERNAL;
        return;
    }
    raptor_term *graph = t->graph;
    t->graph = NULL;   /* N-Triples: the graph is the request's */
    if (raptor_serializer_serialize_statement(p->nt, t))
        p->st = NG_ERR_INTERNAL;
    else
        p->triples++;
    t->graph = graph;
}

/* raptor's errors, with the file's line and column. */
static void on_log(void *user_data, raptor_log_message *m)
{
    Push *p = user_data;
    if (m->level < RAPTOR_LOG_LEVEL_ERROR)
        return;
    ng_diag_report(p->diag, NG_DIAG_ERROR, p->path,
                   m->locator && m->locator->line > 0 ? (unsigned)m->locator->line : 0,
                   m->locator && m->locator->column > 0 ? (unsigned)m->locator->column : 0, "%s",
                   m->text ? m->text : "cannot parse");
    if (!p->st)
        p->st = NG_ERR_SYNTAX;
}

/* Reads a TriG file whole and refuses a graph named '<>', on which raptor 2.0.15 crashes. */
static NgStatus check_trig(const char *path, const NgDiag *diag)
{
    FILE *f = fopen(path, "rb");
    NgBuf b = {0};
    char chunk[65536];
    size_t n;
    NgStatus st = f ? NG_SUCCESS : NG_ERR_IO;
    while (!st && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = ng_buf_append(&b, chunk, n);
    if (f && ferror(f))
        st = NG_ERR_IO;
    unsigned line, col;
    if (st == NG_ERR_IO)
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
    else if (!st && b.len && ng_trig_find_empty_graph_name(b.data, b.len, &line, &col)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, line, col,
                       "a graph named '<>' (the file itself): give the graph an IRI");
        st = NG_ERR_SYNTAX;
    }
    if (f)
        fclose(f);
    ng_buf_free(&b);
    return st;
}

/* The file's graph syntax by its name: "nquads" (.nq) or "trig" (.trig); NULL for any other. */
const char *ng_remote_graphs_syntax(const char *path)
{
    size_t n = strlen(path);
    if (n > 3 && !strcmp(path + n - 3, ".nq"))
        return "nquads";
    if (n > 5 && !strcmp(path + n - 5, ".trig"))
        return "trig";
    return NULL;
}

NgStatus ng_remote_push_graphs(const NgRemoteOptions *options, const char *path,
                               const char *default_graph, bool replace, const NgDiag *diag,
                               NgRemoteGraphsReport *report)
{
    const char *syntax = ng_remote_graphs_syntax(path);
    Push p = {options, path, default_graph, replace, diag, NULL, "", NULL, NULL, NULL, NULL, 0,
              false, {0}, {0}, NG_SUCCESS};
    FILE *in = NULL;
    if (report)
        memset(report, 0, sizeof *report);
    if (!syntax)
        return NG_ERR_BAD_ARG;
    NgStatus st = !strcmp(syntax, "trig") ? check_trig(path, diag) : NG_SUCCESS;
    if (!st && !(in = fopen(path, "rb"))) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        st = NG_ERR_IO;
    }
    const char *dir = getenv("TMPDIR");
    snprintf(p.tmp, sizeof p.tmp, "%s/newsgraph-push-XXXXXX.nt",
             dir && *dir && strlen(dir) < 32 ? dir : "/tmp");
    int fd = st ? -1 : mkstemps(p.tmp, 3);
    if (!st && (fd < 0 || !(p.run = fdopen(fd, "w+")))) {
        ng_diag_report(diag, NG_DIAG_ERROR, p.tmp, 0, 0, "cannot create: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        st = NG_ERR_IO;
    }
    raptor_parser *parser = NULL;
    if (!st && (!(p.world = raptor_new_world()) || raptor_world_open(p.world) ||
                !(parser = raptor_new_parser(p.world, syntax))))
        st = NG_ERR_INTERNAL;
    if (!st) {
        raptor_world_set_log_handler(p.world, &p, on_log);
        raptor_parser_set_statement_handler(parser, &p, on_statement);
        raptor_uri *base = raptor_new_uri_from_uri_or_file_string(p.world, NULL,
                                                                  (const unsigned char *)path);
        if (raptor_parser_parse_file_stream(parser, in, path, base) && !p.st)
            p.st = NG_ERR_SYNTAX;
        if (base)
            raptor_free_uri(base);
        st = p.st ? p.st : flush_run(&p);
        if (st == NG_ERR_SYNTAX)
            ng_diag_report(diag, NG_DIAG_NOTE, path, 0, 0,
                           "%zu graph%s sent before the error stay on the server",
                           p.report.graphs, p.report.graphs == 1 ? " was" : "s were");
    }
    end_run(&p);
    raptor_free_parser(parser);
    raptor_free_world(p.world);
    if (p.run) {
        fclose(p.run);
        unlink(p.tmp);
    }
    if (in)
        fclose(in);
    free(p.graph);
    ng_map_free(&p.sent);
    if (report)
        *report = p.report;
    return st;
}
