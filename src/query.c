/* query.c — SPARQL over a store: result formats, DESCRIBE, stats and validation checks.
 *
 * Queries are parsed by Rasqal first (for the query form, the prefixes and syntax errors with
 * their line), then run by Redland over the store's model.  Results are written here rather than
 * by librdf_query_results_to_string2, whose JSON and XML writers put non-standard "unbound"
 * entries in rows and whose CSV/TSV do not follow the W3C formats.  Rasqal 0.9.33 fails every
 * DESCRIBE ("Query execution failed"), so DESCRIBE runs as a SELECT of the described variables
 * followed by the concise bounded description (subject triples, through blank nodes) of each.
 */
#include "store_internal.h"
#include "internal.h"
#include "results_internal.h"
#include "ns.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

/* ---------------------------------------------------------------- prefixes */

typedef struct {
    char *prefix;
    char *ns;
} Prefix;

typedef struct {
    Prefix *items;
    size_t count, cap;
} Prefixes;

static void prefixes_free(Prefixes *px)
{
    for (size_t i = 0; i < px->count; i++) {
        free(px->items[i].prefix);
        free(px->items[i].ns);
    }
    free(px->items);
    memset(px, 0, sizeof *px);
}

/* Adds a prefix unless the name or the namespace is already taken. */
static NgStatus prefixes_add(Prefixes *px, const char *prefix, const char *ns)
{
    for (size_t i = 0; i < px->count; i++)
        if (!strcmp(px->items[i].prefix, prefix) || !strcmp(px->items[i].ns, ns))
            return NG_SUCCESS;
    NgStatus st = ng_grow((void **)&px->items, &px->cap, px->count + 1, sizeof *px->items);
    if (st)
        return st;
    Prefix p = {ng_strdup(prefix), ng_strdup(ns)};
    if (!p.prefix || !p.ns) {
        free(p.prefix);
        free(p.ns);
        return NG_ERR_NOMEM;
    }
    px->items[px->count++] = p;
    return NG_SUCCESS;
}

/* Adds the prefixes every table and Turtle output knows (ns.h), after those the query declares. */
static NgStatus prefixes_standard(Prefixes *px)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < NG_PREFIX_COUNT; i++)
        st = prefixes_add(px, ng_prefixes[i].prefix, ng_prefixes[i].ns);
    return st;
}

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
static NgStatus append_iri(NgBuf *b, const Prefixes *px, const char *iri)
{
    const Prefix *best = NULL;
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

/* ---------------------------------------------------------------- terms */

typedef enum { TERM_UNBOUND, TERM_IRI, TERM_BLANK, TERM_LITERAL } TermKind;

typedef struct {
    TermKind kind;
    const char *value;     /* IRI, blank label or lexical form (borrowed from the node) */
    size_t len;
    const char *lang;      /* NULL or "" when none */
    const char *datatype;  /* NULL for simple literals (xsd:string is reported as NULL) */
} Term;

static Term term_of(librdf_node *n)
{
    Term t = {TERM_UNBOUND, "", 0, NULL, NULL};
    if (!n)
        return t;
    if (librdf_node_is_resource(n)) {
        t.kind = TERM_IRI;
        t.value = (const char *)librdf_uri_as_counted_string(librdf_node_get_uri(n), &t.len);
    } else if (librdf_node_is_blank(n)) {
        t.kind = TERM_BLANK;
        t.value = (const char *)librdf_node_get_blank_identifier(n);
        t.len = strlen(t.value);
    } else if (librdf_node_is_literal(n)) {
        t.kind = TERM_LITERAL;
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
static bool turtle_bare(const Term *t)
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
static NgStatus append_tsv(NgBuf *b, const Term *t)
{
    switch (t->kind) {
    case TERM_UNBOUND:
        return NG_SUCCESS;
    case TERM_IRI:
        return ng_buf_appendf(b, "<%s>", t->value);
    case TERM_BLANK:
        return ng_buf_appendf(b, "_:%s", t->value);
    case TERM_LITERAL:
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
static NgStatus append_csv(NgBuf *b, const Term *t)
{
    if (t->kind == TERM_UNBOUND)
        return NG_SUCCESS;
    if (t->kind == TERM_BLANK)
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
static NgStatus append_cell(NgBuf *b, const Term *t, const Prefixes *px)
{
    NgStatus st = NG_SUCCESS;
    switch (t->kind) {
    case TERM_UNBOUND:
        return NG_SUCCESS;
    case TERM_IRI:
        return append_iri(b, px, t->value);
    case TERM_BLANK:
        return ng_buf_appendf(b, "_:%s", t->value);
    case TERM_LITERAL:
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

static NgStatus append_json_string(NgBuf *b, const char *s, size_t n)
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

static NgStatus append_json_term(NgBuf *b, const Term *t)
{
    const char *type = t->kind == TERM_IRI ? "uri" : t->kind == TERM_BLANK ? "bnode" : "literal";
    NgStatus st = ng_buf_appendf(b, "{ \"type\": \"%s\", \"value\": ", type);
    if (!st)
        st = append_json_string(b, t->value, t->len);
    if (!st && t->kind == TERM_LITERAL && t->lang) {
        st = ng_buf_append(b, ", \"xml:lang\": ", 14);
        if (!st)
            st = append_json_string(b, t->lang, strlen(t->lang));
    } else if (!st && t->kind == TERM_LITERAL && t->datatype) {
        st = ng_buf_append(b, ", \"datatype\": ", 14);
        if (!st)
            st = append_json_string(b, t->datatype, strlen(t->datatype));
    }
    if (!st)
        st = ng_buf_append(b, " }", 2);
    return st;
}

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

static NgStatus append_xml_term(NgBuf *b, const Term *t)
{
    NgStatus st;
    if (t->kind == TERM_IRI) {
        st = ng_buf_append(b, "<uri>", 5);
        if (!st)
            st = append_xml_text(b, t->value, t->len);
        return st ? st : ng_buf_append(b, "</uri>", 6);
    }
    if (t->kind == TERM_BLANK) {
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

/* ---------------------------------------------------------------- preparing a query */

typedef struct {
    NgStore *store;
    librdf_world *world;
    librdf_model *model;
    const char *name;      /* query file name for diagnostics */
    const char *text;
    const NgDiag *diag;
    rasqal_query *rq;      /* the parsed query */
    rasqal_query_verb verb;
    Prefixes prefixes;     /* the query's, then the standard ones */
    char *base;            /* base IRI of the query */
} Query;

static void query_clear(Query *q)
{
    if (q->rq)
        rasqal_free_query(q->rq);
    prefixes_free(&q->prefixes);
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
static NgStatus query_prepare(Query *q)
{
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
    NgStatus st = NG_SUCCESS;
    for (int i = 0; !st && seq && i < raptor_sequence_size(seq); i++) {
        rasqal_prefix *p = raptor_sequence_get_at(seq, i);
        if (p && p->uri)
            st = prefixes_add(&q->prefixes, p->prefix ? (const char *)p->prefix : "",
                              (const char *)raptor_uri_as_string(p->uri));
    }
    if (!st)
        st = prefixes_standard(&q->prefixes);
    return st;
}

/* Runs `text` (the query's own, or a rewrite of it) through Redland. */
static librdf_query_results *query_execute(Query *q, const char *text, librdf_query **lq)
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

/* ---------------------------------------------------------------- writing results */

typedef struct {
    char **cells;     /* rows * cols rendered cells */
    size_t count, cap;
} Cells;

static size_t display_width(const char *s)
{
    return ng_utf8_length(s, strlen(s));
}

static NgStatus write_out(FILE *out, NgBuf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
        return NG_ERR_IO;
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    return NG_SUCCESS;
}

static NgStatus write_table(const char **names, int cols, Cells *cells, FILE *out)
{
    size_t rows = cols ? cells->count / (size_t)cols : 0;
    size_t *w = calloc((size_t)(cols ? cols : 1), sizeof *w);
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
    for (size_t r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            const char *s = cells->cells[r * (size_t)cols + (size_t)c];
            fputs(c ? "  " : "", out);
            fputs(s, out);
            if (c + 1 < cols)
                for (size_t i = display_width(s); i < w[c]; i++)
                    fputc(' ', out);
        }
        fputc('\n', out);
    }
    free(w);
    return NG_SUCCESS;
}

/* Rows of bindings: a local query's results, or rows a server sent (app_remote.c). */
typedef struct {
    librdf_query_results *r;          /* local, or NULL */
    const NgForeignResults *foreign;  /* from a server */
    size_t at;                        /* the foreign row */
} Rows;

static int rows_count(Rows *r)
{
    return r->r ? librdf_query_results_get_bindings_count(r->r) : r->foreign->cols;
}

static const char *rows_name(Rows *r, int c)
{
    return r->r ? librdf_query_results_get_binding_name(r->r, c) : r->foreign->names[c];
}

static bool rows_finished(Rows *r)
{
    return r->r ? librdf_query_results_finished(r->r) : r->at >= r->foreign->rows;
}

/* The value of column `c` in the current row, a new node (NULL when unbound). */
static librdf_node *rows_value(Rows *r, int c)
{
    if (r->r)
        return librdf_query_results_get_binding_value(r->r, c);
    librdf_node *n = r->foreign->cells[r->at * (size_t)r->foreign->cols + (size_t)c];
    return n ? librdf_new_node_from_node(n) : NULL;
}

static void rows_next(Rows *r)
{
    if (r->r)
        librdf_query_results_next(r->r);
    else
        r->at++;
}

/* Writes SELECT results in `format`; counts the rows. */
static NgStatus write_bindings(Query *q, Rows *r, NgResultsFormat format, FILE *out,
                               size_t *rows)
{
    int cols = rows_count(r);
    /* Rasqal reports no variables for an empty result; the parsed query still knows them. */
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
    NgBuf b = {0};
    Cells cells = {0};
    NgStatus st = NG_SUCCESS;
    switch (format) {
    case NG_RESULTS_CSV:
        for (int c = 0; !st && c < cols; c++)
            st = ng_buf_appendf(&b, "%s%s", c ? "," : "", names[c]);
        if (!st)
            st = ng_buf_append(&b, "\r\n", 2);
        break;
    case NG_RESULTS_TSV:
        for (int c = 0; !st && c < cols; c++)
            st = ng_buf_appendf(&b, "%s?%s", c ? "\t" : "", names[c]);
        if (!st)
            st = ng_buf_append(&b, "\n", 1);
        break;
    case NG_RESULTS_JSON:
        st = ng_buf_append(&b, "{\n  \"head\": { \"vars\": [", 23);
        for (int c = 0; !st && c < cols; c++) {
            st = ng_buf_append(&b, c ? ", " : " ", c ? 2 : 1);
            if (!st)
                st = append_json_string(&b, names[c], strlen(names[c]));
        }
        if (!st)
            st = ng_buf_appendf(&b, "%s] },\n  \"results\": {\n    \"bindings\": [", cols ? " " : "");
        break;
    case NG_RESULTS_XML:
        st = ng_buf_append(&b, "<?xml version=\"1.0\"?>\n"
                               "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
                               "  <head>\n", 87);
        for (int c = 0; !st && c < cols; c++) {
            st = ng_buf_append(&b, "    <variable name=\"", 20);
            if (!st)
                st = append_xml_text(&b, names[c], strlen(names[c]));
            if (!st)
                st = ng_buf_append(&b, "\"/>\n", 4);
        }
        if (!st)
            st = ng_buf_append(&b, "  </head>\n  <results>\n", 22);
        break;
    default:
        break;
    }
    if (!st)
        st = write_out(out, &b);
    size_t n = 0;
    while (!st && !rows_finished(r)) {
        if (format == NG_RESULTS_JSON)
            st = ng_buf_append(&b, n ? ",\n      {" : "\n      {", n ? 9 : 8);
        else if (format == NG_RESULTS_XML)
            st = ng_buf_append(&b, "    <result>\n", 13);
        bool first = true;
        for (int c = 0; !st && c < cols; c++) {
            librdf_node *v = rows_value(r, c);
            Term t = term_of(v);
            switch (format) {
            case NG_RESULTS_CSV:
                if (c)
                    st = ng_buf_append(&b, ",", 1);
                if (!st)
                    st = append_csv(&b, &t);
                break;
            case NG_RESULTS_TSV:
                if (c)
                    st = ng_buf_append(&b, "\t", 1);
                if (!st)
                    st = append_tsv(&b, &t);
                break;
            case NG_RESULTS_JSON:
                if (t.kind == TERM_UNBOUND)
                    break;
                st = ng_buf_append(&b, first ? " " : ",\n        ", first ? 1 : 10);
                if (!st)
                    st = append_json_string(&b, names[c], strlen(names[c]));
                if (!st)
                    st = ng_buf_append(&b, ": ", 2);
                if (!st)
                    st = append_json_term(&b, &t);
                first = false;
                break;
            case NG_RESULTS_XML:
                if (t.kind == TERM_UNBOUND)
                    break;
                st = ng_buf_append(&b, "      <binding name=\"", 21);
                if (!st)
                    st = append_xml_text(&b, names[c], strlen(names[c]));
                if (!st)
                    st = ng_buf_append(&b, "\">", 2);
                if (!st)
                    st = append_xml_term(&b, &t);
                if (!st)
                    st = ng_buf_append(&b, "</binding>\n", 11);
                break;
            default: {
                NgBuf cell = {0};
                st = ng_buf_append(&cell, "", 0);
                if (!st)
                    st = append_cell(&cell, &t, &q->prefixes);
                if (!st)
                    st = ng_grow((void **)&cells.cells, &cells.cap, cells.count + 1,
                                 sizeof *cells.cells);
                if (!st)
                    cells.cells[cells.count++] = ng_buf_take(&cell);
                else
                    ng_buf_free(&cell);
            }
            }
            if (v)
                librdf_free_node(v);
        }
        if (!st && format == NG_RESULTS_CSV)
            st = ng_buf_append(&b, "\r\n", 2);
        else if (!st && format == NG_RESULTS_TSV)
            st = ng_buf_append(&b, "\n", 1);
        else if (!st && format == NG_RESULTS_JSON)
            st = ng_buf_append(&b, " }", 2);
        else if (!st && format == NG_RESULTS_XML)
            st = ng_buf_append(&b, "    </result>\n", 14);
        if (!st && b.len > 65536)
            st = write_out(out, &b);
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
    for (size_t i = 0; i < cells.count; i++)
        free(cells.cells[i]);
    free(cells.cells);
    ng_buf_free(&b);
    free(names);
    *rows = n;
    return st;
}

static NgStatus write_boolean(bool value, NgResultsFormat format, FILE *out)
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
static NgStatus write_graph(Query *q, librdf_model *g, NgResultsFormat format, FILE *out)
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

static NgStatus new_result_model(Query *q, librdf_storage **st, librdf_model **m)
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

/* ---------------------------------------------------------------- DESCRIBE */

/* Skips white space and comments; returns the next token's start. */
static const char *skip_space(const char *p)
{
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (*p != '#')
            return p;
        while (*p && *p != '\n')
            p++;
    }
}

/* The end of the token at p: an <IRI>, a string, a ?var, a name or one punctuation character. */
static const char *token_end(const char *p)
{
    if (*p == '<') {
        const char *e = strchr(p, '>');
        return e ? e + 1 : p + strlen(p);
    }
    if (*p == '"' || *p == '\'') {
        char qc = *p++;
        while (*p && *p != qc) {
            if (*p == '\\' && p[1])
                p++;
            p++;
        }
        return *p ? p + 1 : p;
    }
    if (isalnum((unsigned char)*p) || *p == '?' || *p == '$' || *p == '_' || *p == ':' ||
        (unsigned char)*p >= 0x80) {
        p++;
        while (*p && (isalnum((unsigned char)*p) || strchr("_-.:%", *p) || (unsigned char)*p >= 0x80))
            p++;
        while (p[-1] == '.')
            p--;
        return p;
    }
    return *p ? p + 1 : p;
}

static bool token_is(const char *p, const char *e, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(e - p) == n && !strncasecmp(p, word, n);
}

/* Rewrites "DESCRIBE targets" as "SELECT DISTINCT vars" (or "SELECT DISTINCT *"); sets *any_var
 * to whether the query names a variable or '*'. */
static char *describe_as_select(const char *text, bool *any_var)
{
    *any_var = false;
    const char *p = skip_space(text), *start = NULL, *end = NULL;
    while (*p) {
        const char *e = token_end(p);
        if (token_is(p, e, "DESCRIBE")) {
            start = p;
            end = e;
            break;
        }
        p = skip_space(e);
    }
    if (!start)
        return NULL;
    NgBuf vars = {0};
    bool star = false;
    p = skip_space(end);
    while (*p) {
        const char *e = token_end(p);
        if (*p == '{' || token_is(p, e, "WHERE") || token_is(p, e, "FROM") ||
            token_is(p, e, "ORDER") || token_is(p, e, "LIMIT") || token_is(p, e, "OFFSET") ||
            token_is(p, e, "VALUES"))
            break;
        if (*p == '*')
            star = true;
        if ((*p == '?' || *p == '$') && e > p + 1) {
            if (ng_buf_appendf(&vars, " ?%.*s", (int)(e - p - 1), p + 1)) {
                ng_buf_free(&vars);
                return NULL;
            }
        }
        end = e;
        p = skip_space(e);
    }
    *any_var = star || vars.len;
    NgBuf out = {0};
    NgStatus st = ng_buf_append(&out, text, (size_t)(start - text));
    if (!st)
        st = ng_buf_appendf(&out, "SELECT DISTINCT%s", star ? " *" : vars.data ? vars.data : "");
    if (!st)
        st = ng_buf_append(&out, end, strlen(end));
    ng_buf_free(&vars);
    if (st) {
        ng_buf_free(&out);
        return NULL;
    }
    return ng_buf_take(&out);
}

/* Adds the concise bounded description of `node` to `g`: its triples, and those of the blank
 * nodes they reach. */
static NgStatus describe_node(Query *q, librdf_model *g, librdf_node *node)
{
    librdf_node **queue = NULL;
    size_t qn = 0, qcap = 0, qi = 0;
    NgStatus st = ng_grow((void **)&queue, &qcap, 1, sizeof *queue);
    if (!st)
        queue[qn++] = librdf_new_node_from_node(node);
    while (!st && qi < qn) {
        librdf_node *s = queue[qi++];
        librdf_statement *pattern = librdf_new_statement_from_nodes(q->world,
                                                                    librdf_new_node_from_node(s),
                                                                    NULL, NULL);
        librdf_stream *str = pattern ? librdf_model_find_statements(q->model, pattern) : NULL;
        if (!str)
            st = NG_ERR_QUERY;
        for (; str && !st && !librdf_stream_end(str); librdf_stream_next(str)) {
            librdf_statement *t = librdf_stream_get_object(str);
            if (librdf_model_contains_statement(g, t))
                continue;
            if (librdf_model_add_statement(g, t))
                st = NG_ERR_INTERNAL;
            librdf_node *o = librdf_statement_get_object(t);
            if (!st && librdf_node_is_blank(o)) {
                st = ng_grow((void **)&queue, &qcap, qn + 1, sizeof *queue);
                if (!st)
                    queue[qn++] = librdf_new_node_from_node(o);
            }
        }
        if (str)
            librdf_free_stream(str);
        if (pattern)
            librdf_free_statement(pattern);
    }
    for (size_t i = 0; i < qn; i++)
        if (queue[i])
            librdf_free_node(queue[i]);
    free(queue);
    return st;
}

static NgStatus run_describe(Query *q, librdf_model *g)
{
    NgStatus st = NG_SUCCESS;
    raptor_sequence *seq = rasqal_query_get_describe_sequence(q->rq);
    for (int i = 0; !st && seq && i < raptor_sequence_size(seq); i++) {
        rasqal_literal *l = raptor_sequence_get_at(seq, i);
        if (!l || l->type != RASQAL_LITERAL_URI)
            continue;
        librdf_node *n = librdf_new_node_from_uri_string(q->world,
                                                         raptor_uri_as_string(l->value.uri));
        st = n ? describe_node(q, g, n) : NG_ERR_NOMEM;
        if (n)
            librdf_free_node(n);
    }
    bool any_var;
    char *select = st ? NULL : describe_as_select(q->text, &any_var);
    if (!st && !select)
        st = NG_ERR_QUERY;
    if (!st && any_var) {
        librdf_query *lq;
        librdf_query_results *r = query_execute(q, select, &lq);
        if (!r)
            st = NG_ERR_QUERY;
        while (!st && !librdf_query_results_finished(r)) {
            int cols = librdf_query_results_get_bindings_count(r);
            for (int c = 0; !st && c < cols; c++) {
                librdf_node *v = librdf_query_results_get_binding_value(r, c);
                if (v && !librdf_node_is_literal(v))
                    st = describe_node(q, g, v);
                if (v)
                    librdf_free_node(v);
            }
            librdf_query_results_next(r);
        }
        if (r)
            librdf_free_query_results(r);
        if (lq)
            librdf_free_query(lq);
    }
    free(select);
    return st;
}

/* ---------------------------------------------------------------- running a query */

static NgStatus query_begin(Query *q, NgStore *store, const char *name, const char *sparql,
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

NgStatus ng_query_run(NgStore *store, const char *name, const char *sparql, NgResultsFormat format,
                      FILE *out, const NgDiag *diag, size_t *count)
{
    Query q;
    size_t n = 0;
    NgStatus st = query_begin(&q, store, name, sparql, diag);
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
    if (!st && q.verb == RASQAL_QUERY_VERB_DESCRIBE) {
        st = new_result_model(&q, &gst, &g);
        if (!st)
            st = run_describe(&q, g);
    } else if (!st) {
        r = query_execute(&q, sparql, &lq);
        if (!r)
            st = NG_ERR_QUERY;
    }
    if (!st && q.verb == RASQAL_QUERY_VERB_SELECT) {
        Rows rows = {r, NULL, 0};
        st = write_bindings(&q, &rows, format, out, &n);
    } else if (!st && q.verb == RASQAL_QUERY_VERB_ASK) {
        int b = librdf_query_results_get_boolean(r);
        if (b < 0) {
            ng_diag_report(diag, NG_DIAG_ERROR, q.name, 0, 0, "the ASK query failed");
            st = NG_ERR_QUERY;
        } else {
            n = b > 0;
            st = write_boolean(b > 0, format, out);
        }
    } else if (!st && q.verb == RASQAL_QUERY_VERB_CONSTRUCT) {
        st = new_result_model(&q, &gst, &g);
        /* an empty template ("CONSTRUCT { } WHERE ...") makes an empty graph; rasqal 0.9.33
         * dereferences NULL when asked for its triples (found by tests/fuzz/fuzz_query.c) */
        raptor_sequence *tmpl = q.rq ? rasqal_query_get_construct_triples_sequence(q.rq) : NULL;
        bool empty = !tmpl || raptor_sequence_size(tmpl) == 0;
        librdf_stream *s = st || empty ? NULL : librdf_query_results_as_stream(r);
        for (; s && !st && !librdf_stream_end(s); librdf_stream_next(s))
            if (librdf_model_add_statement(g, librdf_stream_get_object(s)))
                st = NG_ERR_INTERNAL;
        if (s)
            librdf_free_stream(s);
    }
    if (!st && g) {
        n = (size_t)librdf_model_size(g);
        st = write_graph(&q, g, format == NG_RESULTS_NTRIPLES ? format : NG_RESULTS_TURTLE, out);
    }
    if (st == NG_ERR_IO || (!st && ferror(out))) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot write the results: %s",
                       strerror(errno));
        st = NG_ERR_IO;
    }
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

NgStatus ng_query_write_foreign(NgStore *store, const char *name, const char *sparql,
                                const NgForeignResults *results, NgResultsFormat format,
                                FILE *out, const NgDiag *diag, size_t *count)
{
    /* The query is parsed only for its prefixes: the server, not Rasqal, is the judge of its
     * syntax (it may use property paths, which Rasqal lacks). */
    Query q;
    NgDiag quiet = {NULL, NULL};
    size_t n = 0;
    NgStatus st = query_begin(&q, store, name, sparql, &quiet);
    q.diag = diag;
    if (st == NG_ERR_SYNTAX || st == NG_ERR_QUERY) {
        prefixes_free(&q.prefixes);
        st = prefixes_standard(&q.prefixes);
    }
    if (!st && results->kind == NG_FOREIGN_ROWS) {
        Rows rows = {NULL, results, 0};
        st = write_bindings(&q, &rows, format, out, &n);
    } else if (!st && results->kind == NG_FOREIGN_BOOLEAN) {
        n = results->boolean;
        st = write_boolean(results->boolean, format, out);
    } else if (!st) {
        n = (size_t)librdf_model_size(results->graph);
        st = write_graph(&q, results->graph,
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
typedef NgStatus (*RowFunc)(void *ud, int cols, const char **names, char **cells, Term *terms);

static NgStatus select_rows(NgStore *store, const char *name, const char *sparql,
                            const NgDiag *diag, RowFunc fn, void *ud)
{
    Query q;
    NgStatus st = query_begin(&q, store, name, sparql, diag);
    if (!st && q.verb != RASQAL_QUERY_VERB_SELECT) {
        ng_diag_report(diag, NG_DIAG_ERROR, q.name, 0, 0, "must be a SELECT query");
        st = NG_ERR_QUERY;
    }
    librdf_query *lq = NULL;
    librdf_query_results *r = st ? NULL : query_execute(&q, sparql, &lq);
    if (!st && !r)
        st = NG_ERR_QUERY;
    int cols = r ? librdf_query_results_get_bindings_count(r) : 0;
    if (cols < 0)
        cols = 0;
    const char **names = calloc((size_t)cols + 1, sizeof *names);
    char **cells = calloc((size_t)cols + 1, sizeof *cells);
    Term *terms = calloc((size_t)cols + 1, sizeof *terms);
    librdf_node **nodes = calloc((size_t)cols + 1, sizeof *nodes);
    if (!st && (!names || !cells || !terms || !nodes))
        st = NG_ERR_NOMEM;
    for (int c = 0; !st && c < cols; c++)
        names[c] = librdf_query_results_get_binding_name(r, c);
    while (!st && !librdf_query_results_finished(r)) {
        for (int c = 0; !st && c < cols; c++) {
            nodes[c] = librdf_query_results_get_binding_value(r, c);
            terms[c] = term_of(nodes[c]);
            NgBuf b = {0};
            st = ng_buf_append(&b, "", 0);
            if (!st)
                st = append_cell(&b, &terms[c], &q.prefixes);
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

/* ---------------------------------------------------------------- stats */

typedef struct {
    FILE *out;
    size_t total;
    int indent;
} StatsCtx;

static NgStatus stats_row(void *ud, int cols, const char **names, char **cells, Term *terms)
{
    (void)names;
    StatsCtx *c = ud;
    if (cols < 2)
        return NG_SUCCESS;
    fprintf(c->out, "  %-24s %s\n", cells[0], cells[1]);
    c->total += (size_t)strtoull(terms[1].value, NULL, 10);
    return NG_SUCCESS;
}

static NgStatus count_row(void *ud, int cols, const char **names, char **cells, Term *terms)
{
    (void)names;
    (void)cells;
    if (cols >= 1)
        *(size_t *)ud = (size_t)strtoull(terms[0].value, NULL, 10);
    return NG_SUCCESS;
}

NgStatus ng_stats_write(NgStore *store, FILE *out, const NgDiag *diag)
{
    size_t triples = 0, n = 0;
    NgStatus st = ng_store_count(store, diag, &triples);
    if (st)
        return st;
    fprintf(out, "store     %s%s\n", ng_store_kind(store) == NG_STORE_SQLITE ? "sqlite:"
                                     : ng_store_kind(store) == NG_STORE_HASHES ? "hashes:"
                                                                               : "",
            ng_store_path(store));
    fprintf(out, "triples   %zu\n", triples);
    st = select_rows(store, "stats:articles",
                     NG_SPARQL_PREFIXES "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
                     diag, count_row, &n);
    if (!st)
        fprintf(out, "articles  %zu\n", n);
    static const char *const groups[][3] = {
        {"actors", "ng:Actor",
         "SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ng:Actor . ?x a ?kind . "
         "FILTER(STRSTARTS(STR(?kind), STR(ng:)) && ?kind != ng:Actor) } GROUP BY ?kind "
         "ORDER BY DESC(?n) ?kind"},
        {"events", "ng:Event",
         "SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ng:Event . ?x a ?kind . "
         "FILTER(STRSTARTS(STR(?kind), STR(ng:)) && ?kind != ng:Event) } GROUP BY ?kind "
         "ORDER BY DESC(?n) ?kind"},
        {"claims", "schema:Claim",
         "SELECT ?modality (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a schema:Claim . "
         "?x ng:modality ?modality } GROUP BY ?modality ORDER BY DESC(?n) ?modality"},
    };
    for (size_t g = 0; !st && g < 3; g++) {
        NgBuf q = {0};
        st = ng_buf_appendf(&q, NG_SPARQL_PREFIXES "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a %s }",
                            groups[g][1]);
        n = 0;
        if (!st)
            st = select_rows(store, "stats", q.data, diag, count_row, &n);
        ng_buf_free(&q);
        if (st)
            break;
        fprintf(out, "%-9s %zu%s\n", groups[g][0], n,
                g == 0 ? ", by kind:" : g == 1 ? ", by kind (super-kinds counted too):" : ", by modality:");
        StatsCtx c = {out, 0, 2};
        st = ng_buf_appendf(&q, NG_SPARQL_PREFIXES "%s", groups[g][2]);
        if (!st)
            st = select_rows(store, groups[g][0], q.data, diag, stats_row, &c);
        ng_buf_free(&q);
    }
    if (!st && ferror(out))
        st = NG_ERR_IO;
    return st;
}

/* ---------------------------------------------------------------- validation */

typedef struct {
    FILE *out;
    const char *rule;
    const char *checks;   /* the "# checks:" text of the rule, for rows without ?detail */
    size_t violations;
} ValidateCtx;

/* One violation: "RULE: NODE (var value, ...)" with the row's other bound values (and ": DETAIL"
 * when the query binds ?detail); the first of a rule is preceded by "# RULE: what it checks". */
static NgStatus violation_row(void *ud, int cols, const char **names, char **cells, Term *terms)
{
    ValidateCtx *c = ud;
    int node = -1, detail = -1;
    for (int i = 0; i < cols; i++) {
        if (names[i] && !strcmp(names[i], "node"))
            node = i;
        else if (names[i] && !strcmp(names[i], "detail") && terms[i].kind != TERM_UNBOUND)
            detail = i;
    }
    if (node < 0 && cols)
        node = 0;
    if (!c->violations)
        fprintf(c->out, "# %s: %s\n", c->rule, c->checks);
    fprintf(c->out, "%s: %s", c->rule, node >= 0 ? cells[node] : "");
    if (detail >= 0)
        fprintf(c->out, ": %s", cells[detail]);
    bool first = true;
    for (int i = 0; i < cols; i++) {
        if (i == node || i == detail || terms[i].kind == TERM_UNBOUND)
            continue;
        fprintf(c->out, "%s%s %s", first ? " (" : ", ", names[i] ? names[i] : "", cells[i]);
        first = false;
    }
    fputs(first ? "\n" : ")\n", c->out);
    c->violations++;
    return NG_SUCCESS;
}

static NgStatus read_text(const char *path, const NgDiag *diag, NgBuf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return NG_ERR_IO;
    }
    char chunk[8192];
    size_t n;
    NgStatus st = ng_buf_append(b, "", 0);
    while (!st && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = ng_buf_append(b, chunk, n);
    if (!st && ferror(f)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "read error");
        st = NG_ERR_IO;
    }
    fclose(f);
    return st;
}

/* The text after "# checks:" in the query's leading comment, up to the end of that comment
 * paragraph, joined into one line. */
static char *checks_text(const char *text)
{
    const char *p = strstr(text, "# checks:");
    NgBuf b = {0};
    if (!p)
        return ng_strdup("violation");
    p += strlen("# checks:");
    for (;;) {
        while (*p == ' ')
            p++;
        const char *e = strchr(p, '\n');
        if (!e)
            e = p + strlen(p);
        if (ng_buf_appendf(&b, "%s%.*s", b.len ? " " : "", (int)(e - p), p)) {
            ng_buf_free(&b);
            return NULL;
        }
        if (!*e || strncmp(e + 1, "#   ", 4))
            break;
        p = e + 2;
    }
    return ng_buf_take(&b);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

NgStatus ng_validate(NgStore *store, const char *checks_dir, FILE *out, const NgDiag *diag,
                     size_t *violations)
{
    DIR *d = opendir(checks_dir);
    if (!d) {
        ng_diag_report(diag, NG_DIAG_ERROR, checks_dir, 0, 0, "cannot open the checks directory: %s",
                       strerror(errno));
        return NG_ERR_IO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    NgStatus st = NG_SUCCESS;
    struct dirent *e;
    while (!st && (e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 4 || strcmp(e->d_name + l - 3, ".rq") || e->d_name[0] == '.')
            continue;
        st = ng_grow((void **)&names, &cap, n + 1, sizeof *names);
        if (!st && !(names[n++] = ng_strdup(e->d_name)))
            st = NG_ERR_NOMEM;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    size_t total = 0;
    if (!st && n == 0) {
        ng_diag_report(diag, NG_DIAG_ERROR, checks_dir, 0, 0, "no checks (*.rq) found");
        st = NG_ERR_IO;
    }
    for (size_t i = 0; !st && i < n; i++) {
        NgBuf path = {0}, text = {0};
        st = ng_buf_appendf(&path, "%s/%s", checks_dir, names[i]);
        if (!st)
            st = read_text(path.data, diag, &text);
        char *rule = st ? NULL : ng_strndup(names[i], strlen(names[i]) - 3);
        char *checks = st ? NULL : checks_text(text.data);
        if (!st && (!rule || !checks))
            st = NG_ERR_NOMEM;
        ValidateCtx c = {out, rule, checks, 0};
        if (!st)
            st = select_rows(store, path.data, text.data, diag, violation_row, &c);
        total += c.violations;
        free(rule);
        free(checks);
        ng_buf_free(&path);
        ng_buf_free(&text);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (violations)
        *violations = total;
    return st;
}
