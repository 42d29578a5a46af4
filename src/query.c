/* query.c — SPARQL over a store: preparing and running a query, and the SELECT helper that
 * stats and validation are built on.
 *
 * Queries are parsed by Rasqal first (for the query form, the prefixes and syntax errors with
 * their line), then run by Redland over the store's model.  Their results are written by
 * query_write.c; DESCRIBE, which Rasqal 0.9.33 cannot run, is query_describe.c's.
 */
#include "query_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The results format of a -r name. */
bool ng_results_format_parse(const char *name, NgResultsFormat *format)
{
    static const struct {
        const char *name;
        NgResultsFormat format;
    } names[] = {{"table", NG_RESULTS_TABLE}, {"csv", NG_RESULTS_CSV},
                 {"tsv", NG_RESULTS_TSV},     {"json", NG_RESULTS_JSON},
                 {"xml", NG_RESULTS_XML},     {"turtle", NG_RESULTS_TURTLE},
                 {"ntriples", NG_RESULTS_NTRIPLES}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(name, names[i].name)) {
            *format = names[i].format;
            return true;
        }
    return false;
}

/* ---------------------------------------------------------------- preparing a query */

/* Frees what preparing the query made: Rasqal's parse, the prefixes, the base IRI. */
static void query_clear(NgQuery *q)
{
    if (q->rq)
        rasqal_free_query(q->rq);
    if (q->sub_model)
        librdf_free_model(q->sub_model);
    if (q->sub_storage)
        librdf_free_storage(q->sub_storage);
    q->sub_model = NULL;
    q->sub_storage = NULL;
    ng_query_prefixes_free(&q->prefixes);
    free(q->base);
    q->rq = NULL;
    q->base = NULL;
}

/* Byte offset of the start of 1-based `line` in `text`, or NULL past the end. */
static const char *line_start(const char *text, int line)
{
    const char *p = text;
    for (int l = 1; l < line; l++) {
        p = strchr(p, '\n');
        if (!p)
            return NULL;
        p++;
    }
    return p;
}

/* The 1-based code point column of `to` in the line that starts at `from`. */
static unsigned cp_column(const char *from, const char *to)
{
    return (unsigned)ng_utf8_length(from, (size_t)(to - from)) + 1;
}

/* Rasqal reports only the line of a syntax error.  Point the column at the token it calls
 * unexpected when it quotes it (or names a keyword) and the token occurs on that line; else at
 * the line's first non-blank character. */
static unsigned guess_column(const char *text, int line, const char *msg)
{
    const char *ls = line_start(text, line);
    if (!ls)
        return 0;
    const char *le = strchr(ls, '\n');
    if (!le)
        le = ls + strlen(ls);
    const char *u = strstr(msg, "unexpected ");
    if (u) {
        u += strlen("unexpected ");
        char tok[64] = "";
        bool keyword = false;
        if (*u == '\'' && u[1] && u[2] == '\'') {
            tok[0] = u[1];
            tok[1] = '\0';
        } else if (!strncmp(u, "$end", 4) || !strncmp(u, "end of file", 11)) {
            const char *end = le;
            while (end > ls && isspace((unsigned char)end[-1]))
                end--;
            return cp_column(ls, end) + (end > ls ? 0 : 0);
        } else {
            size_t n = 0;
            while (n + 1 < sizeof tok && isupper((unsigned char)u[n]))
                n++;
            memcpy(tok, u, n);
            tok[n] = '\0';
            keyword = n > 0 && (u[n] == '\0' || u[n] == ',' || u[n] == ' ');
            static const char *const not_words[] = {"IDENTIFIER", "VARNAME", "STRING_LITERAL",
                                                    "INTEGER_LITERAL", "DECIMAL_LITERAL",
                                                    "DOUBLE_LITERAL", "URI_LITERAL", "QNAME_LITERAL",
                                                    "BLANK_LITERAL", "BOOLEAN_LITERAL"};
            for (size_t i = 0; keyword && i < sizeof not_words / sizeof not_words[0]; i++)
                if (!strncmp(tok, not_words[i], strlen(not_words[i])))
                    keyword = false;
            if (!keyword)
                tok[0] = '\0';
        }
        size_t tl = strlen(tok);
        for (const char *p = ls; tl && p + tl <= le; p++) {
            if (*p == '#')
                break;
            if (keyword ? !strncasecmp(p, tok, tl) && (p == ls || !isalnum((unsigned char)p[-1])) &&
                              !isalnum((unsigned char)p[tl])
                        : !strncmp(p, tok, tl))
                return cp_column(ls, p);
        }
    }
    const char *p = ls;
    while (p < le && isspace((unsigned char)*p))
        p++;
    return cp_column(ls, p);
}

/* The base IRI a query file is parsed against: file:/// and its name, percent-encoded. */
static char *query_base(const char *name)
{
    NgBuf b = {0};
    NgStatus st = ng_buf_append(&b, "file:///", 8);
    for (const char *p = name; !st && *p; p++)
        st = isalnum((unsigned char)*p) || strchr("-._~/", *p) ? ng_buf_append(&b, p, 1)
                                                               : ng_buf_appendf(&b, "%%%02X", (unsigned char)*p);
    if (st) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

/* Parses the query with Rasqal: its form, prefixes and syntax errors. */
static NgStatus query_prepare(NgQuery *q)
{
    NgStatus st = ng_query_guard(q->name, q->text, q->diag, &q->scan);
    if (st)
        return st;
    NgRdfLog *lg = ng_store_log_begin(q->store, q->diag, q->name);
    lg->capture_only = true;
    q->base = query_base(q->name[0] == '/' ? q->name + 1 : q->name);
    rasqal_world *rw = librdf_world_get_rasqal(q->world);
    q->rq = q->base && rw ? rasqal_new_query(rw, "sparql", NULL) : NULL;
    raptor_uri *base = q->rq ? raptor_new_uri(librdf_world_get_raptor(q->world),
                                              (const unsigned char *)q->base)
                             : NULL;
    if (!base)
        return NG_ERR_INTERNAL;
    int rc = rasqal_query_prepare(q->rq, (const unsigned char *)q->text, base);
    raptor_free_uri(base);
    if (rc || lg->errors) {
        unsigned line = lg->line > 0 ? (unsigned)lg->line : 0;
        unsigned col = line ? guess_column(q->text, lg->line, lg->first) : 0;
        ng_diag_report(q->diag, NG_DIAG_ERROR, q->name, line, col, "%s",
                       lg->errors ? lg->first : "the SPARQL query could not be parsed");
        return NG_ERR_SYNTAX;
    }
    q->verb = rasqal_query_get_verb(q->rq);
    if (q->verb != RASQAL_QUERY_VERB_SELECT && q->verb != RASQAL_QUERY_VERB_ASK &&
        q->verb != RASQAL_QUERY_VERB_CONSTRUCT && q->verb != RASQAL_QUERY_VERB_DESCRIBE) {
        ng_diag_report(q->diag, NG_DIAG_ERROR, q->name, 0, 0,
                       "only SELECT, ASK, CONSTRUCT and DESCRIBE queries are supported");
        return NG_ERR_QUERY;
    }
    raptor_sequence *seq = rasqal_query_get_prefix_sequence(q->rq);
    for (int i = 0; !st && seq && i < raptor_sequence_size(seq); i++) {
        rasqal_prefix *p = raptor_sequence_get_at(seq, i);
        if (p && p->uri)
            st = ng_query_prefixes_add(&q->prefixes, p->prefix ? (const char *)p->prefix : "",
                              (const char *)raptor_uri_as_string(p->uri));
    }
    if (!st)
        st = ng_query_prefixes_standard(&q->prefixes);
    return st;
}

/* Runs `text` (the query's own, or a rewrite of it) through Redland. */
librdf_query_results *ng_query_execute(NgQuery *q, const char *text, librdf_query **lq)
{
    NgRdfLog *lg = ng_store_log_begin(q->store, q->diag, q->name);
    lg->capture_only = true;
    librdf_uri *base = librdf_new_uri(q->world, (const unsigned char *)q->base);
    *lq = base ? librdf_new_query(q->world, "sparql", NULL, (const unsigned char *)text, base)
               : NULL;
    if (base)
        librdf_free_uri(base);
    librdf_query_results *r = *lq ? librdf_query_execute(*lq, q->model) : NULL;
    if (!r) {
        if (lg->locked)
            ng_diag_report(q->diag, NG_DIAG_ERROR, q->name, 0, 0,
                           "the store is locked by another process; try again when it is done");
        else
            ng_diag_report(q->diag, NG_DIAG_ERROR, q->name, 0, 0, "the query failed%s%s",
                           lg->errors ? ": " : "", lg->errors ? lg->first : "");
        if (*lq)
            librdf_free_query(*lq);
        *lq = NULL;
    }
    return r;
}

/* ---------------------------------------------------------------- running a query */

/* An empty graph in memory for CONSTRUCT and DESCRIBE results; the caller owns both. */
static NgStatus new_result_model(NgQuery *q, librdf_storage **st, librdf_model **m)
{
    *st = librdf_new_storage(q->world, "hashes", "result", "hash-type='memory'");
    *m = *st ? librdf_new_model(q->world, *st, NULL) : NULL;
    if (!*m) {
        if (*st)
            librdf_free_storage(*st);
        return NG_ERR_INTERNAL;
    }
    return NG_SUCCESS;
}

/* Fills `q` for the query `sparql` on the store and prepares it. */
static NgStatus query_begin(NgQuery *q, NgStore *store, const char *name, const char *sparql,
                            const NgDiag *diag)
{
    memset(q, 0, sizeof *q);
    q->store = store;
    q->world = ng_store_world(store);
    q->name = name ? name : "-e";
    q->text = sparql;
    q->diag = diag;
    q->model = ng_store_model(store, diag);
    if (!q->model)
        return NG_ERR_STORE;
    return query_prepare(q);
}

/* The triples the memory copy of query `sparql` on `store` holds (query_subgraph.c) into *n,
 * SIZE_MAX when the query runs on the store: what tests check the copy's plan by. */
NgStatus ng_query_copied(NgStore *store, const char *sparql, size_t *n)
{
    NgQuery q;
    NgDiag quiet = {NULL, NULL};
    NgStatus st = query_begin(&q, store, NULL, sparql, &quiet);
    if (!st)
        st = ng_query_subgraph(&q, &q.sub_storage, &q.sub_model);
    *n = q.sub_model ? (size_t)librdf_model_size(q.sub_model) : SIZE_MAX;
    query_clear(&q);
    return st;
}

/* Refuses what would make a local query fetch: SERVICE (Rasqal sends the query to the IRI with
 * libcurl, file: IRIs included, and merges the answer), and FROM or FROM NAMED with an IRI of a
 * scheme that names something to fetch (Redland ignores them today; a newer one may not). */
static NgStatus refuse_fetch(NgQuery *q)
{
    static const char hint[] = "a local query reads only the data it was given; add --allow-fetch "
                               "to let it";
    if (q->scan.service) {
        ng_diag_report(q->diag, NG_DIAG_ERROR, q->name, q->scan.line, q->scan.col,
                       "SERVICE would send the query to another endpoint (or read a file): %s",
                       hint);
        return NG_ERR_QUERY;
    }
    raptor_sequence *graphs = rasqal_query_get_data_graph_sequence(q->rq);
    for (int i = 0; graphs && i < raptor_sequence_size(graphs); i++) {
        rasqal_data_graph *g = raptor_sequence_get_at(graphs, i);
        const char *iri = g && g->uri ? (const char *)raptor_uri_as_string(g->uri) : "";
        static const char *const schemes[] = {"http:", "https:", "ftp:", "file:"};
        for (size_t k = 0; k < sizeof schemes / sizeof schemes[0]; k++)
            if (!strncasecmp(iri, schemes[k], strlen(schemes[k]))) {
                ng_diag_report(q->diag, NG_DIAG_ERROR, q->name, 0, 0,
                               "FROM <%s> names a graph to fetch: %s", iri, hint);
                return NG_ERR_QUERY;
            }
    }
    return NG_SUCCESS;
}

/* Says that a query was cut at the limit of `max` results. */
static NgStatus cut_at(NgQuery *q, size_t max)
{
    ng_diag_report(q->diag, NG_DIAG_ERROR, q->name, 0, 0,
                   "more than %zu results: the rest were not written; add LIMIT to the query or "
                   "raise --max-results", max);
    return NG_ERR_QUERY;
}

/* Runs the query as ng_query_rewrite has it (query_rewrite.c) and, when its ORDER BY was taken
 * out, sorts the rows into *sorted (query_sort.c); runs it again as written when the sort finds
 * keys that Rasqal cannot compare. */
static NgStatus execute_rewritten(NgQuery *q, librdf_query_results **r, librdf_query **lq,
                                  NgRewrite *rw, NgForeignResults *sorted)
{
    for (int pass = 0; pass < 2; pass++) {
        char *text = ng_query_rewrite(q, pass == 0, rw);
        *r = ng_query_execute(q, text ? text : q->text, lq);
        free(text);
        if (!*r)
            return NG_ERR_QUERY;
        bool again = false;
        NgStatus st = rw->sort ? ng_query_sort(q, *r, rw->hidden, sorted, &again) : NG_SUCCESS;
        if (st || !again)
            return st;
        librdf_free_query_results(*r);
        librdf_free_query(*lq);
        *r = NULL;
        *lq = NULL;
    }
    return NG_ERR_INTERNAL;
}

/* The query with no options: nothing fetched, no limit on the results. */
NgStatus ng_query_run(NgStore *store, const char *name, const char *sparql, NgResultsFormat format,
                      FILE *out, const NgDiag *diag, size_t *count)
{
    return ng_query_run_with(store, name, sparql, format, NULL, out, diag, count);
}

/* Prepares the query, checks that the format fits its form and that it fetches nothing, runs it
 * (DESCRIBE by hand) and writes the results, at most options->max_results of them. */
NgStatus ng_query_run_with(NgStore *store, const char *name, const char *sparql,
                           NgResultsFormat format, const NgQueryOptions *options, FILE *out,
                           const NgDiag *diag, size_t *count)
{
    NgQuery q;
    size_t n = 0, max = options ? options->max_results : 0;
    NgStatus st = query_begin(&q, store, name, sparql, diag);
    if (!st && !(options && options->allow_fetch))
        st = refuse_fetch(&q);
    bool graph = q.verb == RASQAL_QUERY_VERB_CONSTRUCT || q.verb == RASQAL_QUERY_VERB_DESCRIBE;
    if (!st && format == NG_RESULTS_TEXT)
        format = graph ? NG_RESULTS_TURTLE : NG_RESULTS_TSV;
    if (!st && graph && format != NG_RESULTS_TABLE && format != NG_RESULTS_TURTLE &&
        format != NG_RESULTS_NTRIPLES) {
        ng_diag_report(diag, NG_DIAG_ERROR, q.name, 0, 0,
                       "a %s query returns a graph: use -r turtle or -r ntriples",
                       q.verb == RASQAL_QUERY_VERB_DESCRIBE ? "DESCRIBE" : "CONSTRUCT");
        st = NG_ERR_BAD_ARG;
    } else if (!st && !graph && (format == NG_RESULTS_TURTLE || format == NG_RESULTS_NTRIPLES)) {
        ng_diag_report(diag, NG_DIAG_ERROR, q.name, 0, 0,
                       "a %s query returns %s: use -r table, csv, tsv, json or xml",
                       q.verb == RASQAL_QUERY_VERB_ASK ? "ASK" : "SELECT",
                       q.verb == RASQAL_QUERY_VERB_ASK ? "a boolean" : "rows");
        st = NG_ERR_BAD_ARG;
    }
    librdf_storage *gst = NULL;
    librdf_model *g = NULL;
    librdf_query *lq = NULL;
    librdf_query_results *r = NULL;
    NgRewrite rw = {.limit = -1};
    NgForeignResults sorted = {.kind = NG_FOREIGN_ROWS};
    if (!st && q.verb == RASQAL_QUERY_VERB_DESCRIBE) {
        st = new_result_model(&q, &gst, &g);
        if (!st)
            st = ng_query_describe(&q, g);
    } else if (!st) {
        st = ng_query_subgraph(&q, &q.sub_storage, &q.sub_model);
        if (q.sub_model)
            q.model = q.sub_model;
    }
    if (!st && q.verb != RASQAL_QUERY_VERB_DESCRIBE)
        st = execute_rewritten(&q, &r, &lq, &rw, &sorted);
    if (!st && q.verb == RASQAL_QUERY_VERB_SELECT) {
        NgRows rows = {.r = rw.sort ? NULL : r, .foreign = rw.sort ? &sorted : NULL, .max = max,
                       .distinct = rw.distinct, .offset = rw.offset, .limit = rw.limit};
        st = ng_query_write_bindings(&q, &rows, format, out, &n);
        if (!st && rows.cut)
            st = cut_at(&q, max);
    } else if (!st && q.verb == RASQAL_QUERY_VERB_ASK) {
        int b = librdf_query_results_get_boolean(r);
        if (b < 0) {
            ng_diag_report(diag, NG_DIAG_ERROR, q.name, 0, 0, "the ASK query failed");
            st = NG_ERR_QUERY;
        } else {
            n = b > 0;
            st = ng_query_write_boolean(b > 0, format, out);
        }
    } else if (!st && q.verb == RASQAL_QUERY_VERB_CONSTRUCT) {
        st = new_result_model(&q, &gst, &g);
        /* an empty template ("CONSTRUCT { } WHERE ...") makes an empty graph; rasqal 0.9.33
         * dereferences NULL when asked for its triples (found by tests/fuzz/fuzz_query.c) */
        raptor_sequence *tmpl = q.rq ? rasqal_query_get_construct_triples_sequence(q.rq) : NULL;
        bool empty = !tmpl || raptor_sequence_size(tmpl) == 0;
        librdf_stream *s = st || empty ? NULL : librdf_query_results_as_stream(r);
        for (size_t k = 0; s && !st && !librdf_stream_end(s); librdf_stream_next(s), k++)
            if (max && k == max)
                st = cut_at(&q, max);
            else if (librdf_model_add_statement(g, librdf_stream_get_object(s)))
                st = NG_ERR_INTERNAL;
        if (s)
            librdf_free_stream(s);
    }
    if (!st && g && max && (size_t)librdf_model_size(g) > max)
        st = cut_at(&q, max);
    if (!st && g) {
        n = (size_t)librdf_model_size(g);
        st = ng_query_write_graph(&q, g, format == NG_RESULTS_NTRIPLES ? format : NG_RESULTS_TURTLE, out);
    }
    if (st == NG_ERR_IO || (!st && ferror(out))) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot write the results: %s",
                       strerror(errno));
        st = NG_ERR_IO;
    }
    ng_query_sorted_free(&sorted);
    if (r)
        librdf_free_query_results(r);
    if (lq)
        librdf_free_query(lq);
    if (g)
        librdf_free_model(g);
    if (gst)
        librdf_free_storage(gst);
    query_clear(&q);
    if (count)
        *count = st ? 0 : n;
    return st;
}

/* ---------------------------------------------------------------- results from a server */

/* Writes a server's results with the local writers, the query parsed only for its prefixes. */
NgStatus ng_query_write_foreign(NgStore *store, const char *name, const char *sparql,
                                NgForeignResults *results, NgResultsFormat format,
                                FILE *out, const NgDiag *diag, size_t *count)
{
    /* The query is parsed only for its prefixes: the server, not Rasqal, is the judge of its
     * syntax (it may use property paths, which Rasqal lacks). */
    NgQuery q;
    NgDiag quiet = {NULL, NULL};
    size_t n = 0;
    NgStatus st = query_begin(&q, store, name, sparql, &quiet);
    q.diag = diag;
    if (st == NG_ERR_SYNTAX || st == NG_ERR_QUERY) {
        ng_query_prefixes_free(&q.prefixes);
        st = ng_query_prefixes_standard(&q.prefixes);
    }
    else if (!st)   /* parsed: the booleans Virtuoso returns as 0/1 */
        st = ng_remote_restore_booleans(q.world, q.rq, results);
    if (format == NG_RESULTS_TEXT)
        format = results->kind == NG_FOREIGN_GRAPH ? NG_RESULTS_TURTLE : NG_RESULTS_TSV;
    if (!st && results->kind == NG_FOREIGN_ROWS) {
        NgRows rows = {.foreign = results, .limit = -1};
        st = ng_query_write_bindings(&q, &rows, format, out, &n);
    } else if (!st && results->kind == NG_FOREIGN_BOOLEAN) {
        n = results->boolean;
        st = ng_query_write_boolean(results->boolean, format, out);
    } else if (!st) {
        n = (size_t)librdf_model_size(results->graph);
        st = ng_query_write_graph(&q, results->graph,
                         format == NG_RESULTS_NTRIPLES ? format : NG_RESULTS_TURTLE, out);
    }
    if (st == NG_ERR_IO || (!st && ferror(out))) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot write the results: %s",
                       strerror(errno));
        st = NG_ERR_IO;
    }
    query_clear(&q);
    if (count)
        *count = st ? 0 : n;
    return st;
}

/* ---------------------------------------------------------------- SELECT helper */

/* Runs a SELECT and hands each row's values (rendered for reading) to `fn`. */
NgStatus ng_query_select(NgStore *store, const char *name, const char *sparql, const NgDiag *diag,
                         NgRowFunc fn, void *ud)
{
    NgQuery q;
    NgStatus st = query_begin(&q, store, name, sparql, diag);
    if (!st && q.verb != RASQAL_QUERY_VERB_SELECT) {
        ng_diag_report(diag, NG_DIAG_ERROR, q.name, 0, 0, "must be a SELECT query");
        st = NG_ERR_QUERY;
    }
    librdf_query *lq = NULL;
    librdf_query_results *r = st ? NULL : ng_query_execute(&q, sparql, &lq);
    if (!st && !r)
        st = NG_ERR_QUERY;
    int cols = r ? librdf_query_results_get_bindings_count(r) : 0;
    if (cols < 0)
        cols = 0;
    const char **names = calloc((size_t)cols + 1, sizeof *names);
    char **cells = calloc((size_t)cols + 1, sizeof *cells);
    NgTerm *terms = calloc((size_t)cols + 1, sizeof *terms);
    librdf_node **nodes = calloc((size_t)cols + 1, sizeof *nodes);
    if (!st && (!names || !cells || !terms || !nodes))
        st = NG_ERR_NOMEM;
    for (int c = 0; !st && c < cols; c++)
        names[c] = librdf_query_results_get_binding_name(r, c);
    while (!st && !librdf_query_results_finished(r)) {
        for (int c = 0; !st && c < cols; c++) {
            nodes[c] = librdf_query_results_get_binding_value(r, c);
            terms[c] = ng_term_of(nodes[c]);
            NgBuf b = {0};
            st = ng_buf_append(&b, "", 0);
            if (!st)
                st = ng_term_append_cell(&b, &terms[c], &q.prefixes);
            cells[c] = ng_buf_take(&b);
        }
        if (!st)
            st = fn(ud, cols, names, cells, terms);
        for (int c = 0; c < cols; c++) {
            free(cells[c]);
            cells[c] = NULL;
            if (nodes[c])
                librdf_free_node(nodes[c]);
            nodes[c] = NULL;
        }
        librdf_query_results_next(r);
    }
    free(names);
    free(cells);
    free(terms);
    free(nodes);
    if (r)
        librdf_free_query_results(r);
    if (lq)
        librdf_free_query(lq);
    query_clear(&q);
    return st;
}
