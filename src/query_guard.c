/* query_guard.c — the SPARQL text read before Rasqal sees it (issue 14).
 *
 * Rasqal 0.9.33 evaluates and frees expressions recursively: a chain of 200,000 `||` overflows
 * the stack (SIGSEGV), 100,000 take minutes, and 5,000 nested braces exhaust its parser ("memory
 * exhausted" at 1:1).  So the text is scanned first, token by token (comments, strings and IRIs
 * skipped), and a query that nests brackets deeper than NG_QUERY_MAX_DEPTH or chains more
 * operators than NG_QUERY_MAX_OPERATORS is refused with the place where it crossed the limit.
 * The same scan finds the SERVICE keyword, with its place, so that a local query can be kept from
 * reaching the network or the file system (query.c decides).
 */
#include "query_internal.h"

#include <ctype.h>
#include <string.h>

/* What the scan is at: its place in code points, and the operators of each open bracket. */
typedef struct {
    const char *p;
    unsigned line, col;
    unsigned depth;
    unsigned long ops_total;
    unsigned ops[NG_QUERY_MAX_DEPTH + 1];   /* operators at each open level */
} Scan;

/* Moves on by `n` bytes, counting lines and code points. */
static void advance(Scan *s, size_t n)
{
    for (size_t i = 0; i < n && *s->p; i++, s->p++) {
        if (*s->p == '\n') {
            s->line++;
            s->col = 1;
        } else if (((unsigned char)*s->p & 0xC0) != 0x80) {
            s->col++;
        }
    }
}

/* Skips a string literal: '...', "...", '''...''' or """...""", escapes honoured. */
static void skip_string(Scan *s)
{
    char q = *s->p;
    bool triple = s->p[1] == q && s->p[2] == q;
    advance(s, triple ? 3 : 1);
    while (*s->p) {
        if (*s->p == '\\' && s->p[1]) {
            advance(s, 2);
        } else if (*s->p == q && (!triple || (s->p[1] == q && s->p[2] == q))) {
            advance(s, triple ? 3 : 1);
            return;
        } else if (!triple && *s->p == '\n') {
            return;   /* an unclosed short string: Rasqal will say so */
        } else {
            advance(s, 1);
        }
    }
}

/* The length of an IRI reference at `p` ("<...>"), 0 when the '<' is an operator. */
static size_t iri_length(const char *p)
{
    size_t n = 1;
    while (p[n] && p[n] != '>') {
        if (strchr(" \t\r\n<\"{}|^`", p[n]))
            return 0;
        n++;
    }
    return p[n] == '>' ? n + 1 : 0;
}

/* Is `c` part of a name (a keyword, prefixed name, variable or blank node label)? */
static bool name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-' || c == ':' || c == '.' ||
           (unsigned char)c >= 0x80;
}

/* The length of the operator at `p`, 0 when there is none. */
static size_t operator_length(const char *p)
{
    static const char *const two[] = {"||", "&&", "!=", "<=", ">="};
    for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
        if (!strncmp(p, two[i], 2))
            return 2;
    return strchr("=!<>+-*/", *p) ? 1 : 0;
}

/* Reports a query too deep to evaluate. */
static NgStatus too_deep(const char *name, const Scan *s, const char *what, const NgDiag *diag)
{
    ng_diag_report(diag, NG_DIAG_ERROR, name, s->line, s->col,
                   "the query %s: too deep to evaluate safely; simplify it", what);
    return NG_ERR_QUERY;
}

/* Scans `text`: refuses, reported, a query nested or chained too deep; says whether it holds the
 * SERVICE keyword, and where. */
NgStatus ng_query_guard(const char *name, const char *text, const NgDiag *diag,
                        NgQueryScan *out)
{
    Scan s = {text, 1, 1, 0, 0, {0}};
    memset(out, 0, sizeof *out);
    char what[160];
    while (*s.p) {
        char c = *s.p;
        size_t n;
        if (c == '#') {
            while (*s.p && *s.p != '\n')
                advance(&s, 1);
        } else if (c == '"' || c == '\'') {
            skip_string(&s);
        } else if (c == '<' && (n = iri_length(s.p)) > 0) {
            advance(&s, n);
        } else if (c == '(' || c == '{' || c == '[') {
            if (s.depth >= NG_QUERY_MAX_DEPTH) {
                snprintf(what, sizeof what, "nests brackets more than %d deep",
                         NG_QUERY_MAX_DEPTH);
                return too_deep(name, &s, what, diag);
            }
            s.ops[++s.depth] = 0;
            advance(&s, 1);
        } else if (c == ')' || c == '}' || c == ']') {
            if (s.depth)
                s.depth--;
            advance(&s, 1);
        } else if (c == '?' || c == '$' || (c == '_' && s.p[1] == ':') || name_char(c)) {
            const char *w = s.p;
            n = 1;
            while (name_char(w[n]))
                n++;
            if (n == 7 && !strncasecmp(w, "SERVICE", 7) && !out->service) {
                out->service = true;
                out->line = s.line;
                out->col = s.col;
            }
            advance(&s, n);
        } else if ((n = operator_length(s.p)) > 0) {
            if (++s.ops[s.depth] > NG_QUERY_MAX_OPERATORS || ++s.ops_total > 10ul * NG_QUERY_MAX_OPERATORS) {
                snprintf(what, sizeof what, "chains more than %d operators (use VALUES or IN (...) "
                                            "rather than long chains of || or =)",
                         s.ops[s.depth] > NG_QUERY_MAX_OPERATORS ? NG_QUERY_MAX_OPERATORS
                                                                 : 10 * NG_QUERY_MAX_OPERATORS);
                return too_deep(name, &s, what, diag);
            }
            advance(&s, n);
        } else {
            advance(&s, 1);
        }
    }
    return NG_SUCCESS;
}
