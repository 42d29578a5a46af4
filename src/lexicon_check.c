/* lexicon_check.c — a typo in the lexicon is an error at load, with its file:line:col, not silence.
 *
 * Raptor accepts any IRI, so "ngl:kim a ng:Persn" or "ngl:xi ng:leaderOf ngl:chnia" load without a
 * word, and the entry is then never an actor, or the relation never made.  After each load the
 * lexicon's triples are checked against the ontology loaded with them: every ng: type must be a
 * class the ontology declares, every ng: property one it declares (once an ontology is loaded:
 * a lexicon loaded alone is not checked for these), and every lexicon entry named as an object
 * must exist.  Raptor gives the line it was at when the triple ended; the term is looked for
 * back from there, so the column points at it.
 */
#include "internal.h"
#include "ns.h"

#include <string.h>

/* The ontology's declarations, and the subjects of the lexicon. */
typedef struct {
    NgMap classes, properties, subjects;
} Declared;

/* Does `iri` start with `ns`?  Its local name then goes to *local. */
static bool in_ns(const char *iri, const char *ns, const char **local)
{
    size_t n = strlen(ns);
    if (strncmp(iri, ns, n) != 0)
        return false;
    if (local)
        *local = iri + n;
    return true;
}

/* Is `type` a class of properties (owl:ObjectProperty, rdf:Property, owl:SymmetricProperty...)? */
static bool is_property_type(const char *type)
{
    const char *l = NULL;
    size_t n;
    return (in_ns(type, NG_NS_OWL, &l) || in_ns(type, NG_NS_RDF, &l) ||
            in_ns(type, NG_NS_RDFS, &l)) &&
           (n = strlen(l)) >= 8 && !strcmp(l + n - 8, "Property");
}

/* Collects what the triples declare: classes (typed owl:Class or rdfs:Class, or a subclass),
 * properties (typed as one, or a subproperty), and every subject. */
static NgStatus declared_read(const NgLexicon *lx, Declared *d)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; i < lx->triple_count && !st; i++) {
        const NgTriple *t = &lx->triples[i];
        st = ng_map_put(&d->subjects, t->s, strlen(t->s), 1);
        bool type = !strcmp(t->p, NG_NS_RDF "type") && !t->o_is_literal;
        if (!st && ((type && (!strcmp(t->o, NG_NS_OWL "Class") || !strcmp(t->o, NG_NS_RDFS "Class"))) ||
                    !strcmp(t->p, NG_NS_RDFS "subClassOf")))
            st = ng_map_put(&d->classes, t->s, strlen(t->s), 1);
        if (!st && ((type && is_property_type(t->o)) || !strcmp(t->p, NG_NS_RDFS "subPropertyOf")))
            st = ng_map_put(&d->properties, t->s, strlen(t->s), 1);
    }
    return st;
}

/* Is `iri` in the map? */
static bool has(const NgMap *m, const char *iri)
{
    size_t one;
    return ng_map_get(m, iri, strlen(iri), &one);
}

/* Whether an ontology of our namespace was loaded: some ng: class is declared. */
static bool ontology_loaded(const Declared *d)
{
    for (size_t k = 0; k < d->classes.cap; k++)
        if (d->classes.keys[k] && in_ns(d->classes.keys[k], NG_NS, NULL))
            return true;
    return false;
}

/* The line and column of the last `needle` at or before line `*line` of file `path` (the line
 * raptor was at when the triple ended); *col is 1 when the file cannot be read or lacks it. */
static void locate(const char *path, const char *needle, unsigned *line, unsigned *col)
{
    *col = 1;
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f || !*needle || !*line) {
        if (f)
            fclose(f);
        return;
    }
    char buf[4096];
    unsigned l = 0, found = 0, found_col = 1;
    while (l < *line && fgets(buf, sizeof buf, f)) {
        l++;
        const char *p = strstr(buf, needle);
        if (p) {
            found = l;
            found_col = (unsigned)ng_utf8_length(buf, (size_t)(p - buf)) + 1;
        }
    }
    fclose(f);
    if (found) {
        *line = found;
        *col = found_col;
    }
}

/* Reports one typo: the triple's file, line and column of `term`, and what is wrong. */
static void report(const NgLexicon *lx, const NgTriple *t, const char *term, const char *what,
                   const NgDiag *diag)
{
    const char *file = t->file < lx->file_count ? lx->files[t->file] : "lexicon";
    const char *local = strrchr(term, '#');
    if (!local)
        local = strrchr(term, '/');
    local = local ? local + 1 : term;
    unsigned line = t->line, col = 0;
    locate(file, local, &line, &col);
    ng_diag_report(diag, NG_DIAG_ERROR, file, line, col, "<%s> %s", term, what);
}

NgStatus ng_lexicon_check(const NgLexicon *lexicon, const NgDiag *diag)
{
    Declared d = {{0}, {0}, {0}};
    NgStatus st = declared_read(lexicon, &d);
    bool ontology = !st && ontology_loaded(&d);
    size_t typos = 0;
    for (size_t i = 0; i < lexicon->triple_count && !st; i++) {
        const NgTriple *t = &lexicon->triples[i];
        if (ontology && !strcmp(t->p, NG_NS_RDF "type") && !t->o_is_literal &&
            in_ns(t->o, NG_NS, NULL) && !has(&d.classes, t->o)) {
            report(lexicon, t, t->o, "is not a class of the ontology: check its spelling "
                                     "(ontology/newsgraph.ttl, docs/lexicon.md)", diag);
            typos++;
        }
        if (ontology && in_ns(t->p, NG_NS, NULL) && !has(&d.properties, t->p)) {
            report(lexicon, t, t->p, "is not a property of the ontology: check its spelling "
                                     "(ontology/newsgraph.ttl, docs/lexicon.md)", diag);
            typos++;
        }
        if (!t->o_is_literal && in_ns(t->o, NG_NS_LEXICON, NULL) && !has(&d.subjects, t->o)) {
            report(lexicon, t, t->o, "names no lexicon entry: check its spelling, or add the entry",
                   diag);
            typos++;
        }
    }
    ng_map_free(&d.classes);
    ng_map_free(&d.properties);
    ng_map_free(&d.subjects);
    return st ? st : typos ? NG_ERR_DATA : NG_SUCCESS;
}
