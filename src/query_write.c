/* query_write.c — writing a query's results: SELECT rows as a table, CSV, TSV, JSON or XML, an ASK
 * answer, a graph as Turtle or N-Triples; and the terms and prefixes they are written with.
 *
 * Results are written here rather than by librdf_query_results_to_string2, whose JSON and XML
 * writers put non-standard "unbound" entries in rows and whose CSV/TSV do not follow the W3C
 * formats.  The same writers serve results a server sent (app_remote.c through
 * ng_query_write_foreign), so local and remote results look alike.
 */
#include "query_internal.h"
#include "ns.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- prefixes */

/* Frees the prefixes' strings and empties the list. */
void ng_query_prefixes_free(NgQueryPrefixes *px)
{
    for (size_t i = 0; i < px->count; i++) {
        free(px->items[i].prefix);
        free(px->items[i].ns);
    }
    free(px->items);
    memset(px, 0, sizeof *px);
}

/* Adds a prefix unless the name or the namespace is already taken. */
NgStatus ng_query_prefixes_add(NgQueryPrefixes *px, const char *prefix, const char *ns)
{
    for (size_t i = 0; i < px->count; i++)
        if (!strcmp(px->items[i].prefix, prefix) || !strcmp(px->items[i].ns, ns))
            return NG_SUCCESS;
    NgStatus st = ng_grow((void **)&px->items, &px->cap, px->count + 1, sizeof *px->items);
    if (st)
        return st;
    NgQueryPrefix p = {ng_strdup(prefix), ng_strdup(ns)};
    if (!p.prefix || !p.ns) {
        free(p.prefix);
        free(p.ns);
        return NG_ERR_NOMEM;
    }
    px->items[px->count++] = p;
    return NG_SUCCESS;
}

/* Adds the prefixes every table and Turtle output knows (ns.h), after those the query declares. */
NgStatus ng_query_prefixes_standard(NgQueryPrefixes *px)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < NG_PREFIX_COUNT; i++)
        st = ng_query_prefixes_add(px, ng_prefixes[i].prefix, ng_prefixes[i].ns);
    return st;
}

/* ---------------------------------------------------------------- terms */

/* True for a local name a reader can take in at a glance (letters, digits, - _ . / ~ %). */
static bool plain_local(const char *s)
{
    if (!*s)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (!(isalnum(*p) || strchr("-_./~%", *p) || *p >= 0x80))
            return false;
    return s[strlen(s) - 1] != '.';
}

/* Appends `iri` as prefix:local when a namespace fits, else as <iri>. */
static NgStatus append_iri(NgBuf *b, const NgQueryPrefixes *px, const char *iri)
{
    const NgQueryPrefix *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; px && i < px->count; i++) {
        size_t n = strlen(px->items[i].ns);
        if (n > best_len && !strncmp(iri, px->items[i].ns, n) && plain_local(iri + n)) {
            best = &px->items[i];
            best_len = n;
        }
    }
    if (best)
        return ng_buf_appendf(b, "%s:%s", best->prefix, iri + best_len);
    return ng_buf_appendf(b, "<%s>", iri);
}

/* The term a node stands for; xsd:string and empty language tags are dropped, as SPARQL 1.1
 * results write simple literals. */
NgTerm ng_term_of(librdf_node *n)
{
    NgTerm t = {NG_TERM_UNBOUND, "", 0, NULL, NULL};
    if (!n)
        return t;
    if (librdf_node_is_resource(n)) {
        t.kind = NG_TERM_IRI;
        t.value = (const char *)librdf_uri_as_counted_string(librdf_node_get_uri(n), &t.len);
    } else if (librdf_node_is_blank(n)) {
        t.kind = NG_TERM_BLANK;
        t.value = (const char *)librdf_node_get_blank_identifier(n);
        t.len = strlen(t.value);
    } else if (librdf_node_is_literal(n)) {
        t.kind = NG_TERM_LITERAL;
        t.value = (const char *)librdf_node_get_literal_value_as_counted_string(n, &t.len);
        if (!t.value) {
            t.value = "";
            t.len = 0;
        }
        t.lang = librdf_node_get_literal_value_language(n);
        if (t.lang && !*t.lang)
            t.lang = NULL;
        librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
        t.datatype = dt ? (const char *)librdf_uri_as_string(dt) : NULL;
        if (t.datatype && !strcmp(t.datatype, NG_NS_XSD "string"))
            t.datatype = NULL;
    }
    return t;
}

/* Is the lexical form s[0..n) an integer (neither flag), a decimal, or a double? */
static bool matches_number(const char *s, size_t n, bool decimal, bool dbl)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < n && isdigit((unsigned char)s[i]))
        i++, digits++;
    if (decimal || dbl) {
        if (i < n && s[i] == '.') {
            i++;
            while (i < n && isdigit((unsigned char)s[i]))
                i++, digits++;
        } else if (decimal) {
            return false;
        }
        if (dbl) {
            if (i >= n || (s[i] != 'e' && s[i] != 'E'))
                return false;
            i++;
            if (i < n && (s[i] == '+' || s[i] == '-'))
                i++;
            size_t e = 0;
            while (i < n && isdigit((unsigned char)s[i]))
                i++, e++;
            if (!e)
                return false;
        }
    }
    return digits > 0 && i == n;
}

/* The Turtle shorthand for a number or boolean literal, when its lexical form allows one. */
static bool turtle_bare(const NgTerm *t)
{
    if (!t->datatype || strncmp(t->datatype, NG_NS_XSD, strlen(NG_NS_XSD)))
        return false;
    const char *local = t->datatype + strlen(NG_NS_XSD);
    if (!strcmp(local, "integer"))
        return matches_number(t->value, t->len, false, false);
    if (!strcmp(local, "decimal"))
        return matches_number(t->value, t->len, true, false);
    if (!strcmp(local, "double"))
        return matches_number(t->value, t->len, false, true);
    if (!strcmp(local, "boolean"))
        return (t->len == 4 && !memcmp(t->value, "true", 4)) ||
               (t->len == 5 && !memcmp(t->value, "false", 5));
    return false;
}

/* Appends a string with Turtle / N-Triples escapes. */
static NgStatus append_escaped(NgBuf *b, const char *s, size_t n)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\t': st = ng_buf_append(b, "\\t", 2); break;
        case '\n': st = ng_buf_append(b, "\\n", 2); break;
        case '\r': st = ng_buf_append(b, "\\r", 2); break;
        case '"': st = ng_buf_append(b, "\\\"", 2); break;
        case '\\': st = ng_buf_append(b, "\\\\", 2); break;
        default:
            st = c < 0x20 ? ng_buf_appendf(b, "\\u%04X", c) : ng_buf_append(b, (const char *)&c, 1);
        }
    }
    return st;
}

/* A term in SPARQL/Turtle syntax, as the TSV format wants it. */
static NgStatus append_tsv(NgBuf *b, const NgTerm *t)
{
    switch (t->kind) {
    case NG_TERM_UNBOUND:
        return NG_SUCCESS;
    case NG_TERM_IRI:
        return ng_buf_appendf(b, "<%s>", t->value);
    case NG_TERM_BLANK:
        return ng_buf_appendf(b, "_:%s", t->value);
    case NG_TERM_LITERAL:
        break;
    }
    if (turtle_bare(t))
        return ng_buf_append(b, t->value, t->len);
    NgStatus st = ng_buf_append(b, "\"", 1);
    if (!st)
        st = append_escaped(b, t->value, t->len);
    if (!st)
        st = ng_buf_append(b, "\"", 1);
    if (!st && t->lang)
        st = ng_buf_appendf(b, "@%s", t->lang);
    else if (!st && t->datatype)
        st = ng_buf_appendf(b, "^^<%s>", t->datatype);
    return st;
}

/* A CSV field: the IRI, the lexical form or _:label, quoted when it holds " , CR or LF. */
static NgStatus append_csv(NgBuf *b, const NgTerm *t)
{
    if (t->kind == NG_TERM_UNBOUND)
        return NG_SUCCESS;
    if (t->kind == NG_TERM_BLANK)
        return ng_buf_appendf(b, "_:%s", t->value);
    bool quote = false;
    for (size_t i = 0; i < t->len; i++)
        if (strchr("\",\r\n", t->value[i]))
            quote = true;
    if (!quote)
        return ng_buf_append(b, t->value, t->len);
    NgStatus st = ng_buf_append(b, "\"", 1);
    for (size_t i = 0; !st && i < t->len; i++)
        st = t->value[i] == '"' ? ng_buf_append(b, "\"\"", 2) : ng_buf_append(b, t->value + i, 1);
    if (!st)
        st = ng_buf_append(b, "\"", 1);
    return st;
}

/* A table cell: prefixed names, plain text for strings, no quotes. */
NgStatus ng_term_append_cell(NgBuf *b, const NgTerm *t, const NgQueryPrefixes *px)
{
    NgStatus st = NG_SUCCESS;
    switch (t->kind) {
    case NG_TERM_UNBOUND:
        return NG_SUCCESS;
    case NG_TERM_IRI:
        return append_iri(b, px, t->value);
    case NG_TERM_BLANK:
        return ng_buf_appendf(b, "_:%s", t->value);
    case NG_TERM_LITERAL:
        break;
    }
    for (size_t i = 0; !st && i < t->len; i++) {
        char c = t->value[i];
        st = c == '\n' ? ng_buf_append(b, "\\n", 2)
             : c == '\t' ? ng_buf_append(b, "\\t", 2)
             : c == '\r' ? ng_buf_append(b, "\\r", 2)
                         : ng_buf_append(b, &c, 1);
    }
    if (!st && t->lang)
        st = ng_buf_appendf(b, "@%s", t->lang);
    else if (!st && t->datatype && strncmp(t->datatype, NG_NS_XSD, strlen(NG_NS_XSD))) {
        st = ng_buf_append(b, "^^", 2);
        if (!st)
            st = append_iri(b, px, t->datatype);
    }
    return st;
}

/* Appends a JSON string, quoted and escaped. */
NgStatus ng_query_append_json_string(NgBuf *b, const char *s, size_t n)
{
    NgStatus st = ng_buf_append(b, "\"", 1);
    for (size_t i = 0; !st && i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            st = ng_buf_appendf(b, "\\%c", c);
        else if (c == '\n')
            st = ng_buf_append(b, "\\n", 2);
        else if (c == '\t')
            st = ng_buf_append(b, "\\t", 2);
        else if (c == '\r')
            st = ng_buf_append(b, "\\r", 2);
        else if (c < 0x20)
            st = ng_buf_appendf(b, "\\u%04x", c);
        else
            st = ng_buf_append(b, (const char *)&c, 1);
    }
    if (!st)
        st = ng_buf_append(b, "\"", 1);
    return st;
}

/* Appends a term as a SPARQL JSON results binding value. */
static NgStatus append_json_term(NgBuf *b, const NgTerm *t)
{
    const char *type = t->kind == NG_TERM_IRI ? "uri" : t->kind == NG_TERM_BLANK ? "bnode" : "literal";
    NgStatus st = ng_buf_appendf(b, "{ \"type\": \"%s\", \"value\": ", type);
    if (!st)
        st = ng_query_append_json_string(b, t->value, t->len);
    if (!st && t->kind == NG_TERM_LITERAL && t->lang) {
        st = ng_buf_append(b, ", \"xml:lang\": ", 14);
        if (!st)
            st = ng_query_append_json_string(b, t->lang, strlen(t->lang));
    } else if (!st && t->kind == NG_TERM_LITERAL && t->datatype) {
        st = ng_buf_append(b, ", \"datatype\": ", 14);
        if (!st)
            st = ng_query_append_json_string(b, t->datatype, strlen(t->datatype));
    }
    if (!st)
        st = ng_buf_append(b, " }", 2);
    return st;
}

/* Appends XML text with & < > " and CR escaped. */
static NgStatus append_xml_text(NgBuf *b, const char *s, size_t n)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < n; i++) {
        char c = s[i];
        st = c == '&' ? ng_buf_append(b, "&amp;", 5)
             : c == '<' ? ng_buf_append(b, "&lt;", 4)
             : c == '>' ? ng_buf_append(b, "&gt;", 4)
             : c == '"' ? ng_buf_append(b, "&quot;", 6)
             : (c == '\r') ? ng_buf_append(b, "&#13;", 5)
                          : ng_buf_append(b, &c, 1);
    }
    return st;
}

/* Appends a term as a SPARQL XML results binding value. */
static NgStatus append_xml_term(NgBuf *b, const NgTerm *t)
{
    NgStatus st;
    if (t->kind == NG_TERM_IRI) {
        st = ng_buf_append(b, "<uri>", 5);
        if (!st)
            st = append_xml_text(b, t->value, t->len);
        return st ? st : ng_buf_append(b, "</uri>", 6);
    }
    if (t->kind == NG_TERM_BLANK) {
        st = ng_buf_append(b, "<bnode>", 7);
        if (!st)
            st = append_xml_text(b, t->value, t->len);
        return st ? st : ng_buf_append(b, "</bnode>", 8);
    }
    st = ng_buf_append(b, "<literal", 8);
    if (!st && t->lang) {
        st = ng_buf_append(b, " xml:lang=\"", 11);
        if (!st)
            st = append_xml_text(b, t->lang, strlen(t->lang));
        if (!st)
            st = ng_buf_append(b, "\"", 1);
    } else if (!st && t->datatype) {
        st = ng_buf_append(b, " datatype=\"", 11);
        if (!st)
            st = append_xml_text(b, t->datatype, strlen(t->datatype));
        if (!st)
            st = ng_buf_append(b, "\"", 1);
    }
    if (!st)
        st = ng_buf_append(b, ">", 1);
    if (!st)
        st = append_xml_text(b, t->value, t->len);
    return st ? st : ng_buf_append(b, "</literal>", 10);
}

/* ---------------------------------------------------------------- writing results */

/* The rendered cells of a table: the first TABLE_HELD_ROWS rows are kept until the columns'
 * widths are known from them, then written, and every later row is written as it comes with
 * those widths (a wider cell overflows its column): a table of a million rows holds a thousand. */
#define TABLE_HELD_ROWS 1000
typedef struct {
    char **cells;     /* rows * cols rendered cells not yet written */
    size_t count, cap;
    size_t *w;        /* the columns' widths, once the head is written */
} Cells;

/* A cell's width on a terminal: its code points. */
static size_t display_width(const char *s)
{
    return ng_utf8_length(s, strlen(s));
}

/* Writes what the buffer holds and empties it. */
static NgStatus write_out(FILE *out, NgBuf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
        return NG_ERR_IO;
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    return NG_SUCCESS;
}

/* Writes the cells held: first (once) the names and a rule, each column as wide as its widest
 * name or held cell; then the rows, which are dropped. */
static NgStatus write_table(const char **names, int cols, Cells *cells, FILE *out)
{
    size_t rows = cols ? cells->count / (size_t)cols : 0;
    if (!cells->w) {
        size_t *w = cells->w = calloc((size_t)(cols ? cols : 1), sizeof *w);
        if (!w)
            return NG_ERR_NOMEM;
        for (int c = 0; c < cols; c++) {
            w[c] = display_width(names[c]);
            for (size_t r = 0; r < rows; r++) {
                size_t n = display_width(cells->cells[r * (size_t)cols + (size_t)c]);
                if (n > w[c])
                    w[c] = n;
            }
        }
        for (int c = 0; c < cols; c++)
            fprintf(out, "%s%-*s", c ? "  " : "", c + 1 < cols ? (int)w[c] : 0, names[c]);
        fputc('\n', out);
        for (int c = 0; c < cols; c++) {
            fputs(c ? "  " : "", out);
            for (size_t i = 0; i < w[c]; i++)
                fputc('-', out);
        }
        fputc('\n', out);
    }
    for (size_t r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            const char *s = cells->cells[r * (size_t)cols + (size_t)c];
            fputs(c ? "  " : "", out);
            fputs(s, out);
            if (c + 1 < cols)
                for (size_t i = display_width(s); i < cells->w[c]; i++)
                    fputc(' ', out);
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < cells->count; i++)
        free(cells->cells[i]);
    cells->count = 0;
    return NG_SUCCESS;
}

/* The rows' number of columns. */
static int rows_count(NgRows *r)
{
    return r->r ? librdf_query_results_get_bindings_count(r->r) : r->foreign->cols;
}

/* The name of column `c`. */
static const char *rows_name(NgRows *r, int c)
{
    return r->r ? librdf_query_results_get_binding_name(r->r, c) : r->foreign->names[c];
}

/* Are the rows all read? */
static bool rows_finished(NgRows *r)
{
    return r->r ? librdf_query_results_finished(r->r) : r->at >= r->foreign->rows;
}

/* The value of column `c` in the current row, a new node (NULL when unbound). */
static librdf_node *rows_value(NgRows *r, int c)
{
    if (r->r)
        return librdf_query_results_get_binding_value(r->r, c);
    librdf_node *n = r->foreign->cells[r->at * (size_t)r->foreign->cols + (size_t)c];
    return n ? librdf_new_node_from_node(n) : NULL;
}

/* Moves on to the next row. */
static void rows_next(NgRows *r)
{
    if (r->r)
        librdf_query_results_next(r->r);
    else
        r->at++;
}

/* The names of the columns, into a new array (the strings borrowed).  Rasqal reports no
 * variables for an empty result; the parsed query still knows them. */
static NgStatus binding_names(NgQuery *q, NgRows *r, const char ***out, int *count)
{
    int cols = rows_count(r);
    raptor_sequence *projected = q->rq ? rasqal_query_get_bound_variable_sequence(q->rq) : NULL;
    bool from_query = cols <= 0 && r->r && projected;
    if (from_query)
        cols = raptor_sequence_size(projected);
    if (cols < 0)
        cols = 0;
    const char **names = calloc((size_t)(cols ? cols : 1), sizeof *names);
    if (!names)
        return NG_ERR_NOMEM;
    for (int c = 0; c < cols; c++) {
        if (from_query) {
            rasqal_variable *v = raptor_sequence_get_at(projected, c);
            names[c] = v && v->name ? (const char *)v->name : "";
        } else {
            names[c] = rows_name(r, c);
        }
        if (!names[c])
            names[c] = "";
    }
    *out = names;
    *count = cols;
    return NG_SUCCESS;
}

/* Appends what comes before the rows: CSV's and TSV's header line, the head of the JSON and XML
 * documents (a table is written whole once its rows are in). */
static NgStatus bindings_head(NgBuf *b, NgResultsFormat format, const char **names, int cols)
{
    NgStatus st = NG_SUCCESS;
    switch (format) {
    case NG_RESULTS_CSV:
        for (int c = 0; !st && c < cols; c++)
            st = ng_buf_appendf(b, "%s%s", c ? "," : "", names[c]);
        return st ? st : ng_buf_append(b, "\r\n", 2);
    case NG_RESULTS_TSV:
        for (int c = 0; !st && c < cols; c++)
            st = ng_buf_appendf(b, "%s?%s", c ? "\t" : "", names[c]);
        return st ? st : ng_buf_append(b, "\n", 1);
    case NG_RESULTS_JSON:
        st = ng_buf_append(b, "{\n  \"head\": { \"vars\": [", 23);
        for (int c = 0; !st && c < cols; c++) {
            st = ng_buf_append(b, c ? ", " : " ", c ? 2 : 1);
            if (!st)
                st = ng_query_append_json_string(b, names[c], strlen(names[c]));
        }
        return st ? st
                  : ng_buf_appendf(b, "%s] },\n  \"results\": {\n    \"bindings\": [",
                                   cols ? " " : "");
    case NG_RESULTS_XML:
        st = ng_buf_append(b, "<?xml version=\"1.0\"?>\n"
                              "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
                              "  <head>\n", 87);
        for (int c = 0; !st && c < cols; c++) {
            st = ng_buf_append(b, "    <variable name=\"", 20);
            if (!st)
                st = append_xml_text(b, names[c], strlen(names[c]));
            if (!st)
                st = ng_buf_append(b, "\"/>\n", 4);
        }
        return st ? st : ng_buf_append(b, "  </head>\n  <results>\n", 22);
    default:
        return NG_SUCCESS;
    }
}

/* Appends what opens row number `n` (JSON's object, XML's result element) or, when `n` is
 * SIZE_MAX, what closes a row. */
static NgStatus bindings_row_edge(NgBuf *b, NgResultsFormat format, size_t n)
{
    bool close = n == SIZE_MAX;
    switch (format) {
    case NG_RESULTS_CSV:
        return close ? ng_buf_append(b, "\r\n", 2) : NG_SUCCESS;
    case NG_RESULTS_TSV:
        return close ? ng_buf_append(b, "\n", 1) : NG_SUCCESS;
    case NG_RESULTS_JSON:
        return close ? ng_buf_append(b, " }", 2)
                     : ng_buf_append(b, n ? ",\n      {" : "\n      {", n ? 9 : 8);
    case NG_RESULTS_XML:
        return close ? ng_buf_append(b, "    </result>\n", 14)
                     : ng_buf_append(b, "    <result>\n", 13);
    default:
        return NG_SUCCESS;
    }
}

/* Appends the value of column `c` (called `name`) in `format`; a table's cell goes to `cells`
 * instead.  *first says whether the row has no JSON binding yet. */
static NgStatus bindings_cell(NgBuf *b, NgResultsFormat format, int c, const char *name,
                              const NgTerm *t, bool *first, Cells *cells,
                              const NgQueryPrefixes *px)
{
    NgStatus st = NG_SUCCESS;
    switch (format) {
    case NG_RESULTS_CSV:
        if (c)
            st = ng_buf_append(b, ",", 1);
        return st ? st : append_csv(b, t);
    case NG_RESULTS_TSV:
        if (c)
            st = ng_buf_append(b, "\t", 1);
        return st ? st : append_tsv(b, t);
    case NG_RESULTS_JSON:
        if (t->kind == NG_TERM_UNBOUND)
            return NG_SUCCESS;
        st = ng_buf_append(b, *first ? " " : ",\n        ", *first ? 1 : 10);
        if (!st)
            st = ng_query_append_json_string(b, name, strlen(name));
        if (!st)
            st = ng_buf_append(b, ": ", 2);
        if (!st)
            st = append_json_term(b, t);
        *first = false;
        return st;
    case NG_RESULTS_XML:
        if (t->kind == NG_TERM_UNBOUND)
            return NG_SUCCESS;
        st = ng_buf_append(b, "      <binding name=\"", 21);
        if (!st)
            st = append_xml_text(b, name, strlen(name));
        if (!st)
            st = ng_buf_append(b, "\">", 2);
        if (!st)
            st = append_xml_term(b, t);
        return st ? st : ng_buf_append(b, "</binding>\n", 11);
    default: {
        NgBuf cell = {0};
        st = ng_buf_append(&cell, "", 0);
        if (!st)
            st = ng_term_append_cell(&cell, t, px);
        if (!st)
            st = ng_grow((void **)&cells->cells, &cells->cap, cells->count + 1,
                         sizeof *cells->cells);
        if (!st)
            cells->cells[cells->count++] = ng_buf_take(&cell);
        else
            ng_buf_free(&cell);
        return st;
    }
    }
}

/* Has a row of these `values` been seen before (SELECT DISTINCT, run without the keyword:
 * query_rewrite.c)?  Each term is keyed by its kind, value, language and datatype. */
static NgStatus row_seen(NgMap *seen, librdf_node **values, int cols, bool *again)
{
    NgBuf key = {0};
    NgStatus st = NG_SUCCESS;
    for (int c = 0; !st && c < cols; c++) {
        NgTerm t = ng_term_of(values[c]);
        st = ng_buf_appendf(&key, "%d%zu:", (int)t.kind, t.len);
        if (!st && t.len)
            st = ng_buf_append(&key, t.value, t.len);
        if (!st)
            st = ng_buf_appendf(&key, "%s\x01%s\x02", t.lang ? t.lang : "",
                                t.datatype ? t.datatype : "");
    }
    size_t one;
    *again = !st && ng_map_get(seen, key.data ? key.data : "", key.len, &one);
    if (!st && !*again)
        st = ng_map_put(seen, key.data ? key.data : "", key.len, 1);
    ng_buf_free(&key);
    return st;
}

/* Writes SELECT results in `format`, row by row (a table once all are in); counts the rows. */
NgStatus ng_query_write_bindings(NgQuery *q, NgRows *r, NgResultsFormat format, FILE *out,
                                 size_t *rows)
{
    const char **names;
    int cols;
    NgStatus st = binding_names(q, r, &names, &cols);
    if (st)
        return st;
    NgBuf b = {0};
    Cells cells = {0};
    NgMap seen = {0};
    librdf_node **values = calloc((size_t)cols + 1, sizeof *values);
    st = values ? bindings_head(&b, format, names, cols) : NG_ERR_NOMEM;
    if (!st)
        st = write_out(out, &b);
    size_t n = 0;
    size_t skip = r->offset;
    while (!st && !rows_finished(r)) {
        if (r->limit >= 0 && n == (size_t)r->limit)
            break;
        if (r->max && n == r->max) {
            r->cut = true;
            break;
        }
        for (int c = 0; c < cols; c++)
            values[c] = rows_value(r, c);
        bool again = false;
        if (r->distinct)
            st = row_seen(&seen, values, cols, &again);
        if (!st && !again && skip) {   /* OFFSET, after DISTINCT */
            skip--;
            again = true;
        }
        if (!st && !again)
            st = bindings_row_edge(&b, format, n);
        bool first = true;
        for (int c = 0; !st && !again && c < cols; c++) {
            NgTerm t = ng_term_of(values[c]);
            st = bindings_cell(&b, format, c, names[c], &t, &first, &cells, &q->prefixes);
        }
        for (int c = 0; c < cols; c++)
            if (values[c])
                librdf_free_node(values[c]);
        if (again) {
            rows_next(r);
            continue;
        }
        if (!st)
            st = bindings_row_edge(&b, format, SIZE_MAX);
        if (!st && b.len > 65536)
            st = write_out(out, &b);
        if (!st && format == NG_RESULTS_TABLE && (cells.w || n + 1 >= TABLE_HELD_ROWS))
            st = write_table(names, cols, &cells, out);
        n++;
        rows_next(r);
    }
    if (!st && format == NG_RESULTS_JSON)
        st = ng_buf_appendf(&b, "%s]\n  }\n}\n", n ? "\n    " : " ");
    else if (!st && format == NG_RESULTS_XML)
        st = ng_buf_append(&b, "  </results>\n</sparql>\n", 23);
    else if (!st && format == NG_RESULTS_TABLE)
        st = write_table(names, cols, &cells, out);
    if (!st)
        st = write_out(out, &b);
    ng_strings_free(cells.cells, cells.count);
    free(cells.w);
    ng_buf_free(&b);
    ng_map_free(&seen);
    free(values);
    free(names);
    *rows = n;
    return st;
}

/* An ASK answer: JSON and XML documents, else true or false on a line. */
NgStatus ng_query_write_boolean(bool value, NgResultsFormat format, FILE *out)
{
    const char *v = value ? "true" : "false";
    if (format == NG_RESULTS_JSON)
        fprintf(out, "{\n  \"head\": {},\n  \"boolean\": %s\n}\n", v);
    else if (format == NG_RESULTS_XML)
        fprintf(out, "<?xml version=\"1.0\"?>\n"
                     "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
                     "  <head/>\n  <boolean>%s</boolean>\n</sparql>\n",
                v);
    else
        fprintf(out, "%s\n", v);
    return NG_SUCCESS;
}

/* Serializes a model as Turtle (with the query's prefixes) or N-Triples. */
NgStatus ng_query_write_graph(NgQuery *q, librdf_model *g, NgResultsFormat format, FILE *out)
{
    bool nt = format == NG_RESULTS_NTRIPLES;
    librdf_serializer *ser = librdf_new_serializer(q->world, nt ? "ntriples" : "turtle", NULL, NULL);
    if (!ser)
        return NG_ERR_INTERNAL;
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !nt && i < q->prefixes.count; i++) {
        librdf_uri *u = librdf_new_uri(q->world, (const unsigned char *)q->prefixes.items[i].ns);
        if (!u) {
            st = NG_ERR_NOMEM;
            break;
        }
        librdf_serializer_set_namespace(ser, u, q->prefixes.items[i].prefix);
        librdf_free_uri(u);
    }
    if (!st && librdf_serializer_serialize_model_to_file_handle(ser, out, NULL, g))
        st = NG_ERR_INTERNAL;
    librdf_free_serializer(ser);
    return st;
}
