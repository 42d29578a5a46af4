/* store_stage.c — staging: files are parsed into a model in memory (Redland's `hashes` storage
 * with hash-type 'memory'; never the `memory` storage, a list that makes each add O(n)) before the
 * store is touched, so a syntax error anywhere leaves the store as it was.  A file larger than
 * NG_STAGE_MAX_BYTES (which would take about 800 bytes of memory per triple there) is instead
 * parsed once only to check it, and parsed again during the commit, straight into the store.
 * Blank nodes get labels derived from the file's bytes, so that a reload adds no duplicates.
 */
#include "store_impl.h"
#include "ns.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL

/* Files larger than this are checked, then streamed into the store at commit, rather than staged
 * in memory.  $NEWSGRAPH_STAGE_MAX (bytes) overrides it, for tests. */
#define NG_STAGE_MAX_BYTES ((off_t)64 * 1024 * 1024)

/* What to do with each parsed statement: add it to a model (staging, or the store at commit,
 * counting the new ones), or nothing (a check). */
typedef struct {
    librdf_model *model;   /* NULL: only check the syntax (unless `bulk`) */
    NgSqliteBulk *bulk;    /* not NULL: add to an sqlite: store through it instead */
    bool count_new;        /* check each statement first and count the new ones */
    bool staging;          /* `model` is the staging model: quads go to the quad stage */
    bool refused;          /* a quad came for a store that keeps no named graphs */
    size_t added;
} Sink;

/* One step of the 64-bit FNV-1a hash over `len` bytes. */
static uint64_t fnv1a(uint64_t h, const void *bytes, size_t len)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Sets the blank node prefix from a 64-bit FNV-1a hash of the bytes about to be parsed. */
static void bnode_scope(NgStore *s, uint64_t hash)
{
    snprintf(s->bnode_prefix, sizeof s->bnode_prefix, "b%016llx", (unsigned long long)hash);
    s->bnode_counter = 0;
}

/* Appends a path to a URL, percent-encoding every byte but ASCII letters, digits and -._~/ */
static NgStatus append_url_path(NgBuf *b, const char *path)
{
    NgStatus st = NG_SUCCESS;
    for (const char *p = path; !st && *p; p++)
        st = strchr("-._~/", *p) || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')
                 ? ng_buf_append(b, p, 1)
                 : ng_buf_appendf(b, "%%%02X", (unsigned char)*p);
    return st;
}

/* The file: URL of a path, percent-encoding what an IRI cannot hold. */
static char *file_url(const char *path)
{
    char cwd[PATH_MAX];
    NgBuf b = {0};
    NgStatus st = ng_buf_append(&b, "file://", 7);
    if (!st && path[0] != '/') {
        if (!getcwd(cwd, sizeof cwd))
            snprintf(cwd, sizeof cwd, "/");
        st = append_url_path(&b, cwd);
        if (!st && b.data[b.len - 1] != '/')
            st = ng_buf_append(&b, "/", 1);
    }
    if (!st)
        st = append_url_path(&b, path);
    if (st) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

/* Raptor's name of a format's parser. */
static const char *syntax_name(NgFormat format)
{
    switch (format) {
    case NG_FORMAT_NTRIPLES: return "ntriples";
    case NG_FORMAT_RDFXML: return "rdfxml";
    case NG_FORMAT_NQUADS: return "nquads";
    case NG_FORMAT_TRIG: return "trig";
    default: return "turtle";
    }
}

/* Does `path` end in `suffix`? */
static bool ends_with(const char *path, const char *suffix)
{
    size_t n = strlen(path), k = strlen(suffix);
    return n >= k && !strcmp(path + n - k, suffix);
}

/* The format of a file by its name: .nt N-Triples, .rdf or .owl RDF/XML, .nq N-Quads, .trig
 * TriG, else Turtle. */
static NgFormat format_of(const char *path)
{
    if (ends_with(path, ".nt"))
        return NG_FORMAT_NTRIPLES;
    if (ends_with(path, ".rdf") || ends_with(path, ".owl"))
        return NG_FORMAT_RDFXML;
    if (ends_with(path, ".nq"))
        return NG_FORMAT_NQUADS;
    if (ends_with(path, ".trig"))
        return NG_FORMAT_TRIG;
    return NG_FORMAT_TURTLE;
}

/* Adds one parsed statement, in the named graph `g` (NULL: none) to the sink.  A quad goes to
 * the quad stage when staging, into its graph at a commit; an in-memory store merges it into its
 * one graph; a hashes store refuses it. */
static NgStatus sink_add(NgStore *s, Sink *sink, librdf_statement *t, librdf_node *g)
{
    if (g && s->kind == NG_STORE_HASHES) {
        sink->refused = true;
        return NG_ERR_STORE;
    }
    if (g && s->kind == NG_STORE_MEMORY)
        g = NULL;
    NgStatus st = g ? ng_store_graphs_note(s, t, g) : NG_SUCCESS;
    if (!st && sink->bulk)
        return ng_sqlite_bulk_add(sink->bulk, t, g);
    if (st || !sink->model)
        return st;
    librdf_model *m = sink->model;
    if (g && sink->staging && !s->qstage &&
        ng_store_memory_model_with_graphs(s->world, &s->qstage_storage, &s->qstage))
        return NG_ERR_INTERNAL;
    if (g && sink->staging)
        m = s->qstage;
    if (g) {
        if (librdf_model_context_add_statement(m, g, t))
            return NG_ERR_STORE;
        sink->added++;
        return NG_SUCCESS;
    }
    if (sink->count_new && librdf_model_contains_statement(m, t))
        return NG_SUCCESS;
    if (librdf_model_add_statement(m, t))
        return NG_ERR_STORE;
    sink->added++;
    return NG_SUCCESS;
}

/* A Redland node for a raptor term (Redland's URIs are raptor's); NULL on no memory. */
static librdf_node *node_of_term(librdf_world *w, const raptor_term *t)
{
    switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
        return librdf_new_node_from_uri(w, (librdf_uri *)t->value.uri);
    case RAPTOR_TERM_TYPE_BLANK:
        return librdf_new_node_from_blank_identifier(w, t->value.blank.string);
    case RAPTOR_TERM_TYPE_LITERAL:
        return librdf_new_node_from_typed_literal(w, t->value.literal.string,
                                                  (const char *)t->value.literal.language,
                                                  (librdf_uri *)t->value.literal.datatype);
    default:
        return NULL;
    }
}

/* What raptor's statement handler needs for a file of quads. */
typedef struct {
    NgStore *s;
    Sink *sink;
    NgStatus st;
} QuadParse;

/* Raptor's statement handler for N-Quads and TriG (Redland's parsers drop the graph). */
static void on_quad(void *user_data, raptor_statement *rs)
{
    QuadParse *q = user_data;
    if (q->st)
        return;
    librdf_world *w = q->s->world;
    librdf_node *g = rs->graph ? node_of_term(w, rs->graph) : NULL;
    librdf_node *sn = node_of_term(w, rs->subject), *pn = node_of_term(w, rs->predicate);
    librdf_node *on = node_of_term(w, rs->object);
    librdf_statement *t = NULL;
    if (sn && pn && on) {   /* the statement owns the nodes, and frees them when it fails */
        t = librdf_new_statement_from_nodes(w, sn, pn, on);
    } else {
        if (sn) librdf_free_node(sn);
        if (pn) librdf_free_node(pn);
        if (on) librdf_free_node(on);
    }
    if (!t) {
        q->st = NG_ERR_NOMEM;
    } else {
        q->st = sink_add(q->s, q->sink, t, g);
        librdf_free_statement(t);
    }
    if (g)
        librdf_free_node(g);
}

/* Parses a file (`f`) or bytes of N-Quads or TriG with raptor itself into the sink; raptor's
 * messages reach the store's log sink through Redland's world.  Non-zero when raptor failed. */
static int parse_quads(NgStore *s, Sink *sink, FILE *f, const char *bytes, size_t len,
                       NgFormat format, librdf_uri *base, NgStatus *st)
{
    raptor_parser *p = raptor_new_parser(librdf_world_get_raptor(s->world), syntax_name(format));
    if (!p)
        return 1;
    QuadParse q = {s, sink, NG_SUCCESS};
    raptor_parser_set_statement_handler(p, &q, on_quad);
    int rc = f ? raptor_parser_parse_file_stream(p, f, NULL, (raptor_uri *)base)
               : raptor_parser_parse_start(p, (raptor_uri *)base) ||
                     raptor_parser_parse_chunk(p, (const unsigned char *)bytes, len, 1);
    raptor_free_parser(p);
    *st = q.st;
    return rc;
}

static off_t stage_max_bytes(void)
{
    const char *e = getenv("NEWSGRAPH_STAGE_MAX");
    long long v = e && *e ? atoll(e) : 0;
    return v > 0 ? (off_t)v : NG_STAGE_MAX_BYTES;
}

/* Drops everything staged (after a failed parse, or after a commit). */
NgStatus ng_store_stage_reset(NgStore *s)
{
    for (size_t i = 0; i < s->streamed_count; i++)
        free(s->streamed[i]);
    free(s->streamed);
    free(s->streamed_format);
    s->streamed = NULL;
    s->streamed_format = NULL;
    s->streamed_count = s->streamed_cap = 0;
    ng_store_close_model(&s->stage_storage, &s->stage);
    ng_store_close_model(&s->qstage_storage, &s->qstage);
    ng_map_free(&s->graphs);
    return ng_store_memory_model(s->world, false, &s->stage_storage, &s->stage);
}

/* Parses a file or a buffer into `sink`; reports syntax errors as name:line:col. */
static NgStatus parse_into(NgStore *s, Sink *sink, const char *name, const char *path,
                           const char *bytes, size_t len, NgFormat format, const NgDiag *diag)
{
    NgRdfLog *lg = ng_store_log_begin(s, diag, name);
    FILE *f = NULL;
    if (path) {
        f = fopen(path, "rb");
        if (!f) {
            ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
            return NG_ERR_IO;
        }
    }
    /* Turtle and TriG are read whole and checked first: raptor 2.0.15 crashes on a graph named
     * '<>' (the 3-byte file "<>{"; tests/fuzz/regressions), so Turtle with a '{' or '}' outside
     * a string, and TriG with such a graph, are refused with the position before raptor sees
     * them.  Staging holds every triple in memory anyway, so holding the text costs no more. */
    NgBuf whole = {0};
    if (f && (format == NG_FORMAT_TURTLE || format == NG_FORMAT_TRIG)) {
        char chunk[65536];
        size_t n;
        NgStatus rs = NG_SUCCESS;
        while (!rs && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
            rs = ng_buf_append(&whole, chunk, n);
        bool bad = ferror(f) != 0;
        fclose(f);
        f = NULL;
        if (rs || bad) {
            ng_buf_free(&whole);
            ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, rs ? "out of memory" : "read error");
            return rs ? rs : NG_ERR_IO;
        }
        bytes = whole.data ? whole.data : "";
        len = whole.len;
    }
    unsigned bl, bc;
    if (format == NG_FORMAT_TURTLE && bytes && ng_turtle_find_brace(bytes, len, &bl, &bc)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path ? path : name, bl, bc,
                       "'{' or '}' outside a string: not Turtle (name a TriG file *.trig); "
                       "remove it or quote it");
        ng_buf_free(&whole);
        return NG_ERR_SYNTAX;
    }
    if (format == NG_FORMAT_TRIG && bytes && ng_trig_find_empty_graph_name(bytes, len, &bl, &bc)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path ? path : name, bl, bc,
                       "a graph named '<>' (the file itself): give the graph an IRI");
        ng_buf_free(&whole);
        return NG_ERR_SYNTAX;
    }
    uint64_t h = FNV_OFFSET;
    if (f) {
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
            h = fnv1a(h, chunk, n);
        rewind(f);
    } else {
        h = fnv1a(h, bytes, len);
    }
    bnode_scope(s, h);
    char *url = file_url(path ? path : name);
    librdf_uri *base = url ? librdf_new_uri(s->world, (const unsigned char *)url) : NULL;
    bool quads = format == NG_FORMAT_NQUADS || format == NG_FORMAT_TRIG;
    librdf_parser *p = quads ? NULL : librdf_new_parser(s->world, syntax_name(format), NULL, NULL);
    NgStatus st = NG_SUCCESS;
    if (!base || (!quads && !p)) {
        st = NG_ERR_INTERNAL;
    } else {
        s->parsing = true;
        int rc = 0;
        librdf_stream *str = NULL;
        if (quads)
            rc = parse_quads(s, sink, f, bytes, len, format, base, &st);
        else if (!(str = f ? librdf_parser_parse_file_handle_as_stream(p, f, 0, base)
                           : librdf_parser_parse_counted_string_as_stream(
                                 p, (const unsigned char *)bytes, len, base)))
            rc = 1;
        for (; str && !st && !librdf_stream_end(str); librdf_stream_next(str)) {
            librdf_statement *t = librdf_stream_get_object(str);
            if (t)
                st = sink_add(s, sink, t, NULL);
        }
        if (str)
            librdf_free_stream(str);
        s->parsing = false;
        if (sink->refused) {
            ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                           "holds named graphs, which a hashes: store does not keep; load it "
                           "into an sqlite: store, or build the graph with -f ntriples");
        } else if (st) {
            /* the store refused a statement: reported by the caller */
        } else if (rc || lg->errors) {
            if (!lg->errors)
                ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0, "cannot parse the %s",
                               syntax_name(format));
            st = NG_ERR_SYNTAX;
        }
    }
    if (f && ferror(f)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "read error");
        st = NG_ERR_IO;
    }
    if (p)
        librdf_free_parser(p);
    if (base)
        librdf_free_uri(base);
    free(url);
    if (f)
        fclose(f);
    ng_buf_free(&whole);
    return st;
}

/* Parses a file or a buffer into the staging model, or only checks a big file and keeps its
 * path for the commit; on failure everything staged so far is dropped. */
static NgStatus stage(NgStore *s, const char *name, const char *path, const char *bytes,
                      size_t len, NgFormat format, const NgDiag *diag)
{
    struct stat sb;
    bool big = path && stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > stage_max_bytes();
    Sink sink = {big ? NULL : s->stage, NULL, false, true, false, 0};
    NgStatus st = parse_into(s, &sink, name, path, bytes, len, format, diag);
    if (!st && big) {
        st = ng_grow((void **)&s->streamed, &s->streamed_cap, s->streamed_count + 1,
                     sizeof *s->streamed);
        size_t cap = s->streamed_cap;   /* the formats array follows the paths array's capacity */
        NgFormat *more = st ? NULL : realloc(s->streamed_format, cap * sizeof *more);
        char *copy = more ? ng_strdup(path) : NULL;
        if (more)
            s->streamed_format = more;
        if (!st && !copy)
            st = NG_ERR_NOMEM;
        if (!st) {
            s->streamed[s->streamed_count] = copy;
            s->streamed_format[s->streamed_count++] = format;
        }
    }
    if (st) {
        NgStatus again = ng_store_stage_reset(s);
        (void)again;
    }
    return st;
}

/* Stages a file, its format told by its name. */
NgStatus ng_store_stage_file(NgStore *store, const char *path, const NgDiag *diag)
{
    return stage(store, path, path, NULL, 0, format_of(path), diag);
}

/* Stages bytes in memory. */
NgStatus ng_store_stage_buffer(NgStore *store, const char *name, const char *bytes, size_t len,
                               NgFormat format, const NgDiag *diag)
{
    return stage(store, name, NULL, bytes, len, format, diag);
}

/* Parses the big files again into `sink` (the store, at commit). */
static NgStatus add_streamed(NgStore *s, Sink *sink, const NgDiag *diag)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < s->streamed_count; i++) {
        st = parse_into(s, sink, s->streamed[i], s->streamed[i], NULL, 0, s->streamed_format[i],
                        diag);
        if (st == NG_ERR_SYNTAX)   /* it parsed when staged: it changed since */
            ng_diag_report(diag, NG_DIAG_ERROR, s->streamed[i], 0, 0,
                           "the file changed while it was being loaded");
        ng_store_capture(s, diag);
    }
    return st;
}

/* Adds the staged triples, then the big files' (parsed again), to `m`, and counts the new ones.
 * The hashes storage checks for duplicates itself but does not say whether it added, so each is
 * checked first there (`per_statement`); SQLite's size is a cheap COUNT(*). */
NgStatus ng_store_stage_add(NgStore *s, librdf_model *m, bool per_statement, const NgDiag *diag,
                           size_t *added)
{
    NgStatus st = NG_SUCCESS;
    size_t before = per_statement ? 0 : ng_store_model_size(m);
    Sink sink = {m, NULL, per_statement, false, false, 0};
    librdf_stream *ds = librdf_model_as_stream(s->stage);
    if (!ds)
        st = NG_ERR_INTERNAL;
    else if (!per_statement && librdf_model_add_statements(m, ds))
        st = NG_ERR_STORE;
    for (; ds && per_statement && !st && !librdf_stream_end(ds); librdf_stream_next(ds)) {
        librdf_statement *t = librdf_stream_get_object(ds);
        if (librdf_model_contains_statement(m, t))
            continue;
        if (librdf_model_add_statement(m, t))
            st = NG_ERR_STORE;
        else
            sink.added++;
    }
    if (ds)
        librdf_free_stream(ds);
    if (!st && s->qstage)
        st = ng_store_graphs_add(s, m, NULL);
    if (!st)
        st = add_streamed(s, &sink, diag);
    *added = per_statement ? sink.added : ng_store_model_size(m) - before;
    return st;
}

NgStatus ng_store_stage_add_bulk(NgStore *s, NgSqliteBulk *b, const NgDiag *diag)
{
    Sink sink = {NULL, b, false, false, false, 0};
    librdf_stream *ds = librdf_model_as_stream(s->stage);
    NgStatus st = ds ? NG_SUCCESS : NG_ERR_INTERNAL;
    for (; ds && !st && !librdf_stream_end(ds); librdf_stream_next(ds))
        st = ng_sqlite_bulk_add(b, librdf_stream_get_object(ds), NULL);
    if (ds)
        librdf_free_stream(ds);
    if (!st && s->qstage)
        st = ng_store_graphs_add(s, NULL, b);
    if (!st)
        st = add_streamed(s, &sink, diag);
    return st;
}

/* ---------------------------------------------------------------- one text per article */

/* The schema:name values of `subject` in `m` (the articles' file names), as "'a', 'b'" into `b`;
 * "an unnamed file" when there is none. */
static void append_names(librdf_world *w, librdf_model *m, librdf_node *subject, NgBuf *b)
{
    librdf_node *p = librdf_new_node_from_uri_string(w, (const unsigned char *)NG_NS_SCHEMA "name");
    librdf_iterator *it = p ? librdf_model_get_targets(m, subject, p) : NULL;
    size_t n = 0;
    for (; it && !librdf_iterator_end(it); librdf_iterator_next(it)) {
        librdf_node *v = librdf_iterator_get_object(it);
        const char *name = v && librdf_node_is_literal(v)
                               ? (const char *)librdf_node_get_literal_value(v) : NULL;
        if (name && !ng_buf_appendf(b, "%s'%s'", n ? " and " : "", name))
            n++;
    }
    if (!n)
        ng_buf_appendf(b, "an unnamed file");
    if (it)
        librdf_free_iterator(it);
    if (p)
        librdf_free_node(p);
}

/* Does `m` give `subject` a nif:isString other than `text`? */
static bool other_text(librdf_world *w, librdf_model *m, librdf_node *subject, librdf_node *text)
{
    librdf_node *p = librdf_new_node_from_uri_string(w, (const unsigned char *)NG_NS_NIF "isString");
    librdf_iterator *it = p ? librdf_model_get_targets(m, subject, p) : NULL;
    bool other = false;
    for (; it && !other && !librdf_iterator_end(it); librdf_iterator_next(it))
        other = !librdf_node_equals(librdf_iterator_get_object(it), text);
    if (it)
        librdf_free_iterator(it);
    if (p)
        librdf_free_node(p);
    return other;
}

/* Is `article` an article whose graph this load replaces (--replace), so that its text in the
 * store goes with it? */
static bool replaced(const NgStore *s, librdf_node *article)
{
    librdf_uri *u = librdf_node_is_resource(article) ? librdf_node_get_uri(article) : NULL;
    const char *iri = u ? (const char *)librdf_uri_as_string(u) : NULL;
    size_t flags = 0;
    return s->replace && iri && ng_map_get(&s->graphs, iri, strlen(iri), &flags) &&
           (flags & NG_GRAPH_ARTICLE);
}

/* Refuses a load that would give an article a second text: two staged files that give one
 * nif:Context two nif:isString (two articles whose file names make one IRI, "a b.txt" and
 * "a-b.txt"), or a staged text for an article `store` (NULL: none yet) holds with another.
 * Merged, they would be one article with two texts, every offset ambiguous.  Files too big to
 * stage are not checked here; nor is an article whose graph --replace empties. */
NgStatus ng_store_stage_check_texts(NgStore *s, librdf_model *store, const NgDiag *diag)
{
    librdf_node *p = librdf_new_node_from_uri_string(s->world,
                                                     (const unsigned char *)NG_NS_NIF "isString");
    librdf_statement *want = p ? librdf_new_statement_from_nodes(s->world, NULL, p, NULL) : NULL;
    librdf_stream *str = want ? librdf_model_find_statements(s->stage, want) : NULL;
    NgStatus st = str ? NG_SUCCESS : NG_ERR_INTERNAL;
    for (; str && !st && !librdf_stream_end(str); librdf_stream_next(str)) {
        librdf_statement *t = librdf_stream_get_object(str);
        librdf_node *subject = librdf_statement_get_subject(t);
        librdf_node *text = librdf_statement_get_object(t);
        bool twice = other_text(s->world, s->stage, subject, text);
        if (!twice && !(store && !replaced(s, subject) && other_text(s->world, store, subject, text)))
            continue;
        NgBuf names = {0}, held = {0};
        append_names(s->world, s->stage, subject, &names);
        if (!twice)
            append_names(s->world, store, subject, &held);
        librdf_uri *u = librdf_node_is_resource(subject) ? librdf_node_get_uri(subject) : NULL;
        const char *iri = u ? (const char *)librdf_uri_as_string(u) : "(a blank node)";
        if (twice)
            ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                           "the graphs give the article <%s> two texts (from %s): two articles "
                           "whose names make one IRI; rename one and build it again, nothing was "
                           "loaded", iri, names.data ? names.data : "");
        else
            ng_diag_report(diag, NG_DIAG_ERROR, s->path, 0, 0,
                           "the store holds the article <%s> (from %s) with another text than "
                           "the one loaded now (from %s): two articles whose names make one IRI; "
                           "rename one and build it again, nothing was loaded", iri,
                           held.data ? held.data : "", names.data ? names.data : "");
        ng_buf_free(&names);
        ng_buf_free(&held);
        st = NG_ERR_STORE;
    }
    if (str)
        librdf_free_stream(str);
    if (want)
        librdf_free_statement(want);
    else if (p)
        librdf_free_node(p);
    return st;
}
