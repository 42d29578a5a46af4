/* query_validate.c — `newsgraph validate`: the checks of a directory, each a SELECT whose rows
 * are violations, run over a store (ng_query_select), their rows written one a line.
 */
#include "query_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The rule being run and what its violations go to. */
typedef struct {
    FILE *out;
    const char *rule;
    const char *checks;   /* the "# checks:" text of the rule, for rows without ?detail */
    size_t violations;
} ValidateCtx;

/* One violation: "RULE: NODE (var value, ...)" with the row's other bound values (and ": DETAIL"
 * when the query binds ?detail); the first of a rule is preceded by "# RULE: what it checks". */
static NgStatus violation_row(void *ud, int cols, const char **names, char **cells, NgTerm *terms)
{
    ValidateCtx *c = ud;
    int node = -1, detail = -1;
    for (int i = 0; i < cols; i++) {
        if (names[i] && !strcmp(names[i], "node"))
            node = i;
        else if (names[i] && !strcmp(names[i], "detail") && terms[i].kind != NG_TERM_UNBOUND)
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
        if (i == node || i == detail || terms[i].kind == NG_TERM_UNBOUND)
            continue;
        fprintf(c->out, "%s%s %s", first ? " (" : ", ", names[i] ? names[i] : "", cells[i]);
        first = false;
    }
    fputs(first ? "\n" : ")\n", c->out);
    c->violations++;
    return NG_SUCCESS;
}

/* Reads a whole file into `b`, reporting what fails. */
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

/* Runs every check of the directory in name order; each row a violation, written as it comes. */
NgStatus ng_validate(NgStore *store, const char *checks_dir, FILE *out, const NgDiag *diag,
                     size_t *violations)
{
    char **names;
    size_t n;
    NgStatus st = ng_dir_list(checks_dir, ".rq", false, &names, &n);
    if (st == NG_ERR_IO) {
        ng_diag_report(diag, NG_DIAG_ERROR, checks_dir, 0, 0, "cannot open the checks directory: %s",
                       strerror(errno));
        return NG_ERR_IO;
    }
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
            st = ng_query_select(store, path.data, text.data, diag, violation_row, &c);
        total += c.violations;
        free(rule);
        free(checks);
        ng_buf_free(&path);
        ng_buf_free(&text);
    }
    ng_strings_free(names, n);
    if (violations)
        *violations = total;
    return st;
}
