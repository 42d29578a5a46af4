/* lexicon.c — loads the ontology and the lexicon (Turtle, through raptor) and indexes them.
 *
 * All triples of all files loaded so far are kept; after each successful load the index (actors,
 * surface forms, cues, class hierarchy) is rebuilt from them, so a later file can add labels to an
 * entry of an earlier one.  A file that fails to parse adds nothing. */
#include "internal.h"
#include "ns.h"

#include <raptor2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


static const char *const kind_local[NG_KIND__COUNT] = {
    NULL, "Person", "State", "Organisation", "Group", "Place",
};
static const char *const kind_names[NG_KIND__COUNT] = {
    "none", "person", "state", "organisation", "group", "place",
};
static const char *const cue_local[NG_CUE__COUNT] = {
    "EventTrigger", "ReportingCue", "HedgeCue", "PredictionCue", "NegationCue",
    "OmissionCue", "AssessmentCue", "RelationCue", "GroupNoun", "PersonTitle",
    "OrganisationHead", "HeadingKeyword", "Abbreviation", "Boilerplate", "Month",
    "ReciprocalCue", "ConditionalCue", "VerbClass", "AgentNounClass",
    "PlaceNounClass", "TimeWord", "ComitativeCue", "EventNounClass", "QualityNounClass",
};

const char *ng_kind_class(NgActorKind kind)
{
    static const char *const iris[NG_KIND__COUNT] = {
        NULL, NG_NS "Person", NG_NS "State", NG_NS "Organisation", NG_NS "Group", NG_NS "Place",
    };
    return kind < NG_KIND__COUNT ? iris[kind] : NULL;
}

const char *ng_kind_name(NgActorKind kind)
{
    return kind < NG_KIND__COUNT ? kind_names[kind] : "none";
}

/* Reads the inflected forms of a WordNet exception list ("met meet" -> "met"). */
static NgStatus load_exceptions(NgMap *map, const char *dir, const char *file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    if (!f)
        return NG_SUCCESS; /* no list: the matcher falls back to inflection suffixes */
    char line[256];
    NgStatus st = NG_SUCCESS;
    while (!st && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, " \n");
        if (n)
            st = ng_map_put(map, line, n, 1);
    }
    fclose(f);
    return st;
}

NgStatus ng_lexicon_new(NgLexicon **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return NG_ERR_NOMEM;
    (*out)->memo = calloc(1, sizeof(NgLemmaMemo));
    if (!(*out)->memo || pthread_mutex_init(&(*out)->memo->lock, NULL)) {
        free((*out)->memo);
        free(*out);
        *out = NULL;
        return NG_ERR_NOMEM;
    }
    const char *dir = getenv("WNSEARCHDIR");
    if (!dir || !*dir)
        dir = "/usr/share/wordnet";
    NgStatus st = load_exceptions(&(*out)->irregular, dir, "verb.exc");
    if (!st)
        st = load_exceptions(&(*out)->irregular, dir, "noun.exc");
    if (st) {
        ng_lexicon_free(*out);
        *out = NULL;
    }
    return st;
}

static void triple_clear(NgTriple *t)
{
    free(t->s);
    free(t->p);
    free(t->o);
    free(t->datatype);
    free(t->lang);
}

/* Drops the index (not the triples). */
static void index_clear(NgLexicon *lx)
{
    for (size_t i = 0; i < lx->actor_count; i++) {
        NgLexActor *a = &lx->actors[i];
        free(a->slug);
        free(a->leader_of);
    }
    free(lx->actors);
    lx->actors = NULL;
    lx->actor_count = 0;
    free(lx->forms);
    lx->forms = NULL;
    lx->form_count = 0;
    for (size_t i = 0; i < lx->cue_count; i++)
        free(lx->cues[i].forms);
    free(lx->cues);
    lx->cues = NULL;
    lx->cue_count = 0;
    ng_map_free(&lx->actor_by_iri);
    ng_map_free(&lx->form_by_text);
    ng_map_free(&lx->form_first);
    ng_map_free(&lx->cue_words);
    for (int k = 0; k < NG_CUE__COUNT; k++)
        ng_map_free(&lx->cue_by_form[k]);
    ng_map_free(&lx->cue_prefixes);
    ng_map_free(&lx->word_class_of);
    free(lx->word_classes);
    lx->word_classes = NULL;
    lx->word_count = 0;
    free(lx->sub);
    free(lx->super);
    lx->sub = lx->super = NULL;
    lx->subclass_count = 0;
    ng_map_free(&lx->super_first);
    free(lx->super_next);
    lx->super_next = NULL;
    ng_map_free(&lx->typed);
    lx->max_form_tokens = lx->max_cue_tokens = 0;
}

void ng_lexicon_free(NgLexicon *lexicon)
{
    if (!lexicon)
        return;
    index_clear(lexicon);
    ng_map_free(&lexicon->irregular);
    if (lexicon->memo) {
        for (size_t i = 0; i < lexicon->memo->count; i++)
            free(lexicon->memo->values[i]);
        free(lexicon->memo->values);
        ng_map_free(&lexicon->memo->index);
        pthread_mutex_destroy(&lexicon->memo->lock);
        free(lexicon->memo);
    }
    for (size_t i = 0; i < lexicon->triple_count; i++)
        triple_clear(&lexicon->triples[i]);
    free(lexicon->triples);
    for (size_t i = 0; i < lexicon->file_count; i++)
        free(lexicon->files[i]);
    free(lexicon->files);
    free(lexicon);
}

size_t ng_lexicon_actor_count(const NgLexicon *lexicon) { return lexicon->actor_count; }
size_t ng_lexicon_cue_count(const NgLexicon *lexicon) { return lexicon->cue_count; }
size_t ng_lexicon_triple_count(const NgLexicon *lexicon) { return lexicon->triple_count; }

/* ------------------------------------------------------------------ parsing */

typedef struct {
    NgLexicon *lx;
    const NgDiag *diag;
    const char *name;
    const char *path;     /* the file being parsed, or NULL */
    const char *mem;      /* the buffer being parsed, or NULL */
    size_t mem_len;
    size_t first;        /* triple count before this file: rolled back to on error */
    unsigned long file_no;
    NgStatus status;
    raptor_parser *parser;  /* for the line of each triple */
    unsigned file;          /* the file's index in lx->files */
} LoadCtx;

static char *term_string(raptor_term *t, unsigned long file_no)
{
    switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
        return ng_strdup((const char *)raptor_uri_as_string(t->value.uri));
    case RAPTOR_TERM_TYPE_BLANK: {
        NgBuf b = {0};
        if (ng_buf_appendf(&b, "_:f%lu_%s", file_no, (const char *)t->value.blank.string)) {
            ng_buf_free(&b);
            return NULL;
        }
        return ng_buf_take(&b);
    }
    case RAPTOR_TERM_TYPE_LITERAL:
        return ng_strndup((const char *)t->value.literal.string, t->value.literal.string_len);
    default:
        return NULL;
    }
}

static void on_statement(void *user_data, raptor_statement *st)
{
    LoadCtx *c = user_data;
    if (c->status)
        return;
    NgLexicon *lx = c->lx;
    if (ng_grow((void **)&lx->triples, &lx->triple_cap, lx->triple_count + 1, sizeof(NgTriple))) {
        c->status = NG_ERR_NOMEM;
        return;
    }
    NgTriple t = {0};
    t.s = term_string(st->subject, c->file_no);
    t.p = term_string(st->predicate, c->file_no);
    t.o = term_string(st->object, c->file_no);
    t.o_is_literal = st->object->type == RAPTOR_TERM_TYPE_LITERAL;
    raptor_locator *loc = c->parser ? raptor_parser_get_locator(c->parser) : NULL;
    t.line = loc && loc->line > 0 ? (unsigned)loc->line : 0;
    t.file = c->file;
    if (t.o_is_literal && st->object->value.literal.datatype)
        t.datatype = ng_strdup((const char *)raptor_uri_as_string(st->object->value.literal.datatype));
    if (t.o_is_literal && st->object->value.literal.language)
        t.lang = ng_strdup((const char *)st->object->value.literal.language);
    if (!t.s || !t.p || !t.o) {
        triple_clear(&t);
        c->status = NG_ERR_NOMEM;
        return;
    }
    lx->triples[lx->triple_count++] = t;
}

/* raptor's Turtle parser reports lines but no columns: point at the first non-blank character of
 * the reported line (1 when it cannot be read), so every message still reads file:line:col. */
static unsigned first_column(const LoadCtx *c, unsigned line)
{
    const char *text = c->mem;
    size_t len = c->mem_len;
    char *owned = NULL;
    if (!text && c->path) {
        FILE *f = fopen(c->path, "rb");
        NgBuf b = {0};
        char chunk[8192];
        size_t got;
        while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < ((size_t)1 << 26))
            if (ng_buf_append(&b, chunk, got))
                break;
        if (f)
            fclose(f);
        owned = b.data;
        text = b.data;
        len = b.len;
    }
    unsigned col = 1, l = 1;
    size_t i = 0;
    for (; text && i < len && l < line; i++)
        l += text[i] == '\n';
    if (text && l == line)
        for (; i < len && (text[i] == ' ' || text[i] == '\t'); i++)
            col++;
    free(owned);
    return col;
}

static void on_log(void *user_data, raptor_log_message *m)
{
    LoadCtx *c = user_data;
    if (m->level < RAPTOR_LOG_LEVEL_ERROR) {
        return;
    }
    unsigned line = m->locator && m->locator->line > 0 ? (unsigned)m->locator->line : 0;
    unsigned col = m->locator && m->locator->column > 0 ? (unsigned)m->locator->column : 0;
    if (line && !col)
        col = first_column(c, line);
    ng_diag_report(c->diag, NG_DIAG_ERROR, c->name, line, col,
                   "%s; fix the Turtle (check it with rapper -i turtle -c)", m->text ? m->text : "parse error");
    if (!c->status)
        c->status = NG_ERR_SYNTAX;
}

static NgStatus rebuild_index(NgLexicon *lx, const NgDiag *diag);

/* Parses with raptor from either a FILE* or a memory buffer; rolls back on any error. */
static NgStatus load_any(NgLexicon *lx, const char *name, FILE *f, const char *mem, size_t len,
                         const NgDiag *diag, bool index)
{
    unsigned bl, bc;
    if (mem && ng_turtle_find_brace(mem, len, &bl, &bc)) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, bl, bc,
                       "'{' or '}' is not allowed in Turtle; fix the Turtle (check it with rapper -i "
                       "turtle -c)");
        return NG_ERR_SYNTAX;
    }
    LoadCtx c = {lx, diag, name, f ? name : NULL, mem, len, lx->triple_count, 0, NG_SUCCESS,
                 NULL, (unsigned)lx->file_count};
    c.file_no = (unsigned long)lx->triple_count;
    char *copy = ng_strdup(name);   /* where its triples were read, for ng_lexicon_check */
    if (!copy || ng_grow((void **)&lx->files, &lx->file_cap, lx->file_count + 1, sizeof *lx->files)) {
        free(copy);
        return NG_ERR_NOMEM;
    }
    lx->files[lx->file_count++] = copy;
    raptor_world *world = raptor_new_world();
    if (!world || raptor_world_open(world)) {
        raptor_free_world(world);
        return NG_ERR_INTERNAL;
    }
    raptor_world_set_log_handler(world, &c, on_log);
    raptor_parser *p = raptor_new_parser(world, "turtle");
    raptor_uri *base = raptor_new_uri(world, (const unsigned char *)"file:///newsgraph-lexicon/");
    if (!p || !base) {
        c.status = NG_ERR_INTERNAL;
    } else {
        raptor_parser_set_statement_handler(p, &c, on_statement);
        c.parser = p;
        int rc;
        if (f) {
            rc = raptor_parser_parse_file_stream(p, f, name, base);
        } else {
            rc = raptor_parser_parse_start(p, base);
            if (!rc)
                rc = raptor_parser_parse_chunk(p, (const unsigned char *)mem, len, 1);
        }
        if (rc && !c.status) {
            ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0, "could not parse the Turtle file");
            c.status = NG_ERR_SYNTAX;
        }
    }
    if (base)
        raptor_free_uri(base);
    raptor_free_parser(p);
    raptor_free_world(world);
    if (!c.status && index)
        c.status = rebuild_index(lx, diag);
    if (c.status) {
        for (size_t i = c.first; i < lx->triple_count; i++)
            triple_clear(&lx->triples[i]);
        lx->triple_count = c.first;
        NgStatus again = rebuild_index(lx, NULL);
        (void)again;
    }
    return c.status;
}

static NgStatus load_path(NgLexicon *lexicon, const char *path, const NgDiag *diag, bool index)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open the lexicon file");
        return NG_ERR_IO;
    }
    /* read whole, so the text can be checked before raptor parses it (load_any) */
    NgBuf buf = {0};
    char chunk[65536];
    size_t got;
    NgStatus st = NG_SUCCESS;
    while (!st && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = ng_buf_append(&buf, chunk, got);
    if (!st && ferror(f)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot read the lexicon file");
        st = NG_ERR_IO;
    }
    fclose(f);
    if (!st)
        st = load_any(lexicon, path, NULL, buf.data ? buf.data : "", buf.len, diag, index);
    ng_buf_free(&buf);
    return st;
}

NgStatus ng_lexicon_load_file(NgLexicon *lexicon, const char *path, const NgDiag *diag)
{
    return load_path(lexicon, path, diag, true);
}

NgStatus ng_lexicon_load_string(NgLexicon *lexicon, const char *name, const char *turtle,
                                size_t len, const NgDiag *diag)
{
    return load_any(lexicon, name, NULL, turtle, len, diag, true);
}

NgStatus ng_lexicon_load_dir(NgLexicon *lexicon, const char *dir, const NgDiag *diag)
{
    char **names;
    size_t n;
    NgStatus st = ng_dir_list(dir, ".ttl", true, &names, &n);
    if (st == NG_ERR_IO) {
        ng_diag_report(diag, NG_DIAG_ERROR, dir, 0, 0, "cannot open the lexicon directory");
        return NG_ERR_IO;
    }
    /* The index is rebuilt once, after the last file: a directory of many files costs one
     * rebuild, not one per file.  A file that fails is rolled back by load_any; the files
     * before it stay loaded, as documented. */
    for (size_t i = 0; i < n; i++) {
        if (!st)
            st = load_path(lexicon, names[i], diag, false);
        free(names[i]);
    }
    free(names);
    NgStatus ix = rebuild_index(lexicon, diag);
    return st ? st : ix;
}

/* ------------------------------------------------------------------ index */

static bool starts_ns(const char *iri, const char **local)
{
    size_t n = strlen(NG_NS);
    if (strncmp(iri, NG_NS, n) != 0)
        return false;
    *local = iri + n;
    return true;
}

static NgActorKind kind_of_class(const char *iri)
{
    const char *l;
    if (!starts_ns(iri, &l))
        return NG_KIND_NONE;
    for (int k = 1; k < NG_KIND__COUNT; k++)
        if (strcmp(l, kind_local[k]) == 0)
            return (NgActorKind)k;
    return NG_KIND_NONE;
}

static int cue_of_class(const char *iri)
{
    const char *l;
    if (!starts_ns(iri, &l))
        return -1;
    for (int k = 0; k < NG_CUE__COUNT; k++)
        if (strcmp(l, cue_local[k]) == 0)
            return k;
    return -1;
}

/* Appends the form key of s[0..len) to `b`, which holds the key so far (len 0 to start one):
 * curly apostrophes become straight ones, non-breaking hyphens plain ones, white space runs one
 * space (none at either end).  *space carries a pending run from one call to the next, so that a
 * slice keyed piece by piece gives the key of the whole, and each piece's end is a prefix of it
 * (find_actor_forms).  ASCII, nearly all of an article, takes no code point look-up; the buffer
 * grows once (a byte becomes at most two). */
NgStatus ng_form_key_append(NgBuf *b, const char *s, size_t len, bool lower, bool *space)
{
    if (len > (SIZE_MAX - b->len - 2) / 2)
        return NG_ERR_NOMEM;
    NgStatus st = ng_grow((void **)&b->data, &b->cap, b->len + 2 * len + 2, 1);
    if (st)
        return st;
    char *out = b->data;
    size_t n = b->len;
    for (size_t i = 0; i < len;) {
        uint32_t cp = (unsigned char)s[i];
        size_t k = 1;
        if (cp >= 0x80 && !(k = ng_utf8_decode((const unsigned char *)s + i, len - i, &cp)))
            k = 1;
        i += k;
        if (ng_cp_is_space(cp)) {
            *space = n > 0;
            continue;
        }
        if (*space)
            out[n++] = ' ';
        *space = false;
        if (cp == 0x2019 || cp == 0x2018)
            cp = '\'';
        if (cp == 0x2010 || cp == 0x2011)
            cp = '-';
        if (lower)
            cp = ng_cp_lower(cp);
        if (cp < 0x80)
            out[n++] = (char)cp;
        else
            n += ng_utf8_encode(cp, out + n);
    }
    b->len = n;
    out[n] = '\0';
    return NG_SUCCESS;
}

/* The form key of s[0..len) (ng_form_key_append) in a new buffer the caller frees. */
char *ng_form_key(const char *s, size_t len, bool lower)
{
    NgBuf b = {0};
    bool space = false;
    if (ng_form_key_append(&b, s, len, lower, &space) || !b.data) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

static size_t count_words(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        bool sp = *s == ' ';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

static NgStatus add_form(NgLexicon *lx, size_t *form_cap, const char *text, size_t actor,
                         NgFormRole role)
{
    char *key = ng_form_key(text, strlen(text), false);
    if (!key)
        return NG_ERR_NOMEM;
    if (!*key) {
        free(key);
        return NG_SUCCESS;
    }
    NgStatus st = ng_grow((void **)&lx->forms, form_cap, lx->form_count + 1, sizeof(NgLexForm));
    if (!st) {
        lx->forms[lx->form_count] = (NgLexForm){(char *)text, actor, role};
        st = ng_map_put(&lx->form_by_text, key, strlen(key), lx->form_count);
        lx->form_count++;
        /* the first token (up to a space or hyphen), as written and with a lower-case initial,
         * so the matcher tries only positions where some form can start */
        size_t ft = strcspn(key, " -");
        if (!st)
            st = ng_map_put(&lx->form_first, key, ft, 1);
        if (!st && key[0] >= 'A' && key[0] <= 'Z') {
            key[0] = (char)(key[0] - 'A' + 'a');
            st = ng_map_put(&lx->form_first, key, ft, 1);
            key[0] = (char)(key[0] - 'a' + 'A');
        }
        size_t w = count_words(key);
        if (w > lx->max_form_tokens)
            lx->max_form_tokens = w;
    }
    free(key);
    return st;
}

static NgStatus add_cue_key(NgLexicon *lx, int kind, const char *text, size_t cue)
{
    bool keep_case = kind == NG_CUE_ABBREVIATION;
    char *key = ng_form_key(text, strlen(text), !keep_case);
    if (!key)
        return NG_ERR_NOMEM;
    NgStatus st = *key ? ng_map_put(&lx->cue_by_form[kind], key, strlen(key), cue) : NG_SUCCESS;
    if (ng_cue_kind_looked_up(kind)) {
        free(key);   /* never matched in the text: no word of it needs a lemma, no span grows */
        return st;
    }
    for (const char *w = key; !st && *w;) {
        size_t n = strcspn(w, " ");
        if (n)
            st = ng_map_put(&lx->cue_words, w, n, 1);
        /* the phrase so far: match_cues stops growing a phrase that starts no cue */
        if (n && !st && ng_cue_kind_in_text(kind))
            st = ng_map_put(&lx->cue_prefixes, key, (size_t)(w + n - key), 1);
        w += n;
        while (*w == ' ')
            w++;
    }
    size_t w = count_words(key);
    if (w > lx->max_cue_tokens)
        lx->max_cue_tokens = w;
    free(key);
    return st;
}

/* What one subject of the loaded triples declares, read in one walk over its triples. */
typedef struct {
    size_t first;               /* its first triple; the rest follow through next[] */
    NgActorKind kind;
    int cue;                    /* cue kind, or -1 */
    bool word_class;            /* typed ng:WordClass */
    const char *class_iri, *pref, *same, *evokes;
    bool reversed, aspectual, needs_to, needs_possessor, source_follows, commitment, needs_actor_object,
        dated_finding, heads, someone_object;
    int month;
} Entry;

/* Is the literal `o` of a boolean property true? */
static bool flag(const char *o) { return !strcmp(o, "true") || !strcmp(o, "1"); }

/* Reads the entry's types, label and cue properties; records rdfs:subClassOf pairs. */
static NgStatus entry_read(NgLexicon *lx, const size_t *next, Entry *e, size_t *sc_cap, size_t *super_cap)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = e->first; i != SIZE_MAX && !st; i = next[i]) {
        NgTriple *t = &lx->triples[i];
        if (!strcmp(t->p, NG_NS_RDF "type") && !t->o_is_literal) {
            NgActorKind k = kind_of_class(t->o);
            int c = cue_of_class(t->o);
            if (k) {
                e->kind = k;
                e->class_iri = t->o;
            }
            if (c >= 0)
                e->cue = c;
            e->word_class = e->word_class || !strcmp(t->o, NG_NS "WordClass");
        } else if (!strcmp(t->p, NG_NS_SKOS "prefLabel") && t->o_is_literal) {
            if (!e->pref || (t->lang && !strcmp(t->lang, "en")))
                e->pref = t->o;
        } else if ((!strcmp(t->p, NG_NS_OWL "sameAs") || !strcmp(t->p, NG_NS_SCHEMA "sameAs")) &&
                   !t->o_is_literal) {
            if (!e->same && strstr(t->o, "wikidata.org/"))
                e->same = t->o;
        } else if (!strcmp(t->p, NG_NS "evokes") && !t->o_is_literal) {
            e->evokes = t->o;
        } else if (!strcmp(t->p, NG_NS "reversed")) {
            e->reversed = flag(t->o);
        } else if (!strcmp(t->p, NG_NS "needsInfinitive")) {
            e->needs_to = flag(t->o);
        } else if (!strcmp(t->p, NG_NS "needsPossessor")) {
            e->needs_possessor = flag(t->o);
        } else if (!strcmp(t->p, NG_NS "sourceFollows")) {
            e->source_follows = flag(t->o);
        } else if (!strcmp(t->p, NG_NS "commitment")) {
            e->commitment = flag(t->o);
        } else if (!strcmp(t->p, NG_NS "needsActorObject")) {
            e->needs_actor_object = flag(t->o);
        } else if (!strcmp(t->p, NG_NS "datedFinding")) {
            e->dated_finding = flag(t->o);
        } else if (!strcmp(t->p, NG_NS "headsBody")) {
            e->heads = flag(t->o);
        } else if (!strcmp(t->p, NG_NS "someoneAsObject")) {
            e->someone_object = flag(t->o);
        } else if (!strcmp(t->p, NG_NS "aspectual")) {
            e->aspectual = flag(t->o);
        } else if (!strcmp(t->p, NG_NS "monthNumber")) {
            e->month = atoi(t->o);
        } else if (!strcmp(t->p, NG_NS_RDFS "subClassOf") && !t->o_is_literal) {
            if ((st = ng_grow((void **)&lx->sub, sc_cap, lx->subclass_count + 1, sizeof(char *))) ||
                (st = ng_grow((void **)&lx->super, super_cap, lx->subclass_count + 1, sizeof(char *))))
                break;
            lx->sub[lx->subclass_count] = t->s;
            lx->super[lx->subclass_count] = t->o;
            lx->subclass_count++;
        }
    }
    return st;
}

/* Indexes an actor entry: the actor, its surface forms (names, demonyms, metonyms) and whom it
 * leads. */
static NgStatus index_actor(NgLexicon *lx, const size_t *next, const Entry *e, size_t *actor_cap,
                            size_t *form_cap)
{
    NgStatus st = ng_grow((void **)&lx->actors, actor_cap, lx->actor_count + 1, sizeof(NgLexActor));
    if (st)
        return st;
    size_t ai = lx->actor_count++;
    NgLexActor *a = &lx->actors[ai];
    memset(a, 0, sizeof *a);
    a->iri = lx->triples[e->first].s;
    a->label = (char *)e->pref;
    a->kind = e->kind;
    a->class_iri = (char *)e->class_iri;
    a->same_as = (char *)e->same;
    char slug[256];
    if (ng_slug(e->pref, slug, sizeof slug) == NG_ERR_BAD_ARG)
        slug[sizeof slug - 1] = '\0';
    if (!(a->slug = ng_strdup(slug)))
        return NG_ERR_NOMEM;
    if ((st = ng_map_put(&lx->actor_by_iri, a->iri, strlen(a->iri), ai)))
        return st;
    size_t lo_cap = 0;
    for (size_t i = e->first; i != SIZE_MAX && !st; i = next[i]) {
        NgTriple *t = &lx->triples[i];
        if (t->o_is_literal) {
            if (!strcmp(t->p, NG_NS_SKOS "prefLabel") || !strcmp(t->p, NG_NS_SKOS "altLabel"))
                st = add_form(lx, form_cap, t->o, ai, NG_FORM_NAME);
            else if (!strcmp(t->p, NG_NS "demonym"))
                st = add_form(lx, form_cap, t->o, ai, NG_FORM_DEMONYM);
            else if (!strcmp(t->p, NG_NS "capital") || !strcmp(t->p, NG_NS "metonym"))
                st = add_form(lx, form_cap, t->o, ai, NG_FORM_METONYM);
        } else if (!strcmp(t->p, NG_NS "leaderOf")) {
            a = &lx->actors[ai];
            if (!(st = ng_grow((void **)&a->leader_of, &lo_cap, a->leader_of_count + 1, sizeof(char *))))
                a->leader_of[a->leader_of_count++] = t->o;
        }
    }
    return st;
}

/* Indexes a cue entry under its lemma and every skos:altLabel form. */
static NgStatus index_cue(NgLexicon *lx, const size_t *next, const Entry *e, size_t *cue_cap)
{
    NgStatus st = ng_grow((void **)&lx->cues, cue_cap, lx->cue_count + 1, sizeof(NgLexCue));
    if (st)
        return st;
    size_t ci = lx->cue_count++;
    NgLexCue *c = &lx->cues[ci];
    memset(c, 0, sizeof *c);
    c->kind = (NgCueKind)e->cue;
    c->iri = lx->triples[e->first].s;
    c->lemma = (char *)e->pref;
    c->evokes = (char *)e->evokes;
    c->reversed = e->reversed;
    c->aspectual = e->aspectual;
    c->needs_to = e->needs_to;
    c->needs_possessor = e->needs_possessor;
    c->source_follows = e->source_follows;
    c->commitment = e->commitment;
    c->needs_actor_object = e->needs_actor_object;
    c->dated_finding = e->dated_finding;
    c->heads = e->heads;
    c->someone_object = e->someone_object;
    c->month = e->month;
    st = add_cue_key(lx, e->cue, e->pref, ci);
    size_t f_cap = 0;
    for (size_t i = e->first; i != SIZE_MAX && !st; i = next[i]) {
        NgTriple *t = &lx->triples[i];
        if (!t->o_is_literal || strcmp(t->p, NG_NS_SKOS "altLabel"))
            continue;
        if ((st = ng_grow((void **)&c->forms, &f_cap, c->form_count + 1, sizeof(char *))))
            break;
        c->forms[c->form_count++] = t->o;
        st = add_cue_key(lx, e->cue, t->o, ci);
    }
    return st;
}

static const char *const word_class_names[NG_WC__COUNT] = {
    "definite-article", "indefinite-article", "demonstrative", "possessive-person",
    "possessive-thing", "possessive-group", "quantifier", "dual", "cardinal",
    "ordinal", "enumerator", "pronoun-person", "pronoun-thing", "pronoun-group",
    "be", "past-be", "have", "do", "modal", "ability-modal", "necessity", "present-tense",
    "copula-of-change", "negator", "privative", "and", "or", "but", "complementizer", "relative",
    "interrogative", "temporal-conjunction", "conditional-conjunction", "concessive", "contrastive",
    "argument",
    "preposition", "affiliation", "venue", "direction", "locative", "temporal-preposition", "agent",
    "purpose", "genitive", "infinitive", "particle", "idiom-particle", "time-modifier", "sequence",
    "sequel",
    "focus", "characterising", "apposition", "state-noun", "party-noun", "government-noun",
    "leader-noun", "bloc-noun", "contending",
    "name-connector", "name-particle", "degree", "background",
};

const char *ng_word_class_name(NgWordClass k)
{
    return k < NG_WC__COUNT ? word_class_names[k] : NULL;
}

/* The word class an IRI names ("...lexicon/words-and"), or -1. */
static int word_class_of_iri(const char *iri)
{
    static const char prefix[] = NG_NS_LEXICON "words-";
    if (strncmp(iri, prefix, sizeof prefix - 1) != 0)
        return -1;
    for (int k = 0; k < NG_WC__COUNT; k++)
        if (!strcmp(iri + sizeof prefix - 1, word_class_names[k]))
            return k;
    return -1;
}

/* Indexes a word class entry: each of its ng:word literals, lower-cased, gains the class's bit.
 * An ng:WordClass whose IRI names no class the rules ask about is refused, so that a misspelt
 * class is an error, not a class nobody reads. */
static NgStatus index_word_class(NgLexicon *lx, const size_t *next, const Entry *e, size_t *word_cap,
                                 const NgDiag *diag)
{
    int k = word_class_of_iri(lx->triples[e->first].s);
    if (k < 0) {
        ng_diag_report(diag, NG_DIAG_ERROR, "lexicon", 0, 0,
                       "<%s> is an ng:WordClass that no rule asks about; name it "
                       "ngl:words-CLASS after one of docs/lexicon.md's word classes",
                       lx->triples[e->first].s);
        return NG_ERR_DATA;
    }
    NgStatus st = NG_SUCCESS;
    for (size_t i = e->first; i != SIZE_MAX && !st; i = next[i]) {
        NgTriple *t = &lx->triples[i];
        if (!t->o_is_literal || strcmp(t->p, NG_NS "word"))
            continue;
        char *key = ng_form_key(t->o, strlen(t->o), true);
        if (!key)
            return NG_ERR_NOMEM;
        size_t w;
        if (!ng_map_get(&lx->word_class_of, key, strlen(key), &w)) {
            w = lx->word_count;
            if (!(st = ng_grow((void **)&lx->word_classes, word_cap, w + 1, sizeof(uint64_t)))) {
                lx->word_classes[lx->word_count++] = 0;
                st = ng_map_put(&lx->word_class_of, key, strlen(key), w);
            }
        }
        if (!st)
            lx->word_classes[w] |= NG_WC(k);
        free(key);
    }
    return st;
}

/* Groups the triples by subject, in load order: first[id] starts each subject's list, next[]
 * links its triples.  *nsubj subjects; the caller frees first and next. */
static NgStatus group_by_subject(const NgLexicon *lx, size_t **first_out, size_t **next_out, size_t *nsubj)
{
    size_t n = lx->triple_count, first_cap = 0, last_cap = 0, *first = NULL, *last = NULL;
    size_t *next = malloc((n ? n : 1) * sizeof *next);
    NgMap subj = {0};
    NgStatus st = next ? NG_SUCCESS : NG_ERR_NOMEM;
    *nsubj = 0;
    for (size_t i = 0; i < n && !st; i++) {
        size_t id;
        const char *s = lx->triples[i].s;
        next[i] = SIZE_MAX;
        if (ng_map_get(&subj, s, strlen(s), &id)) {
            next[last[id]] = i;
            last[id] = i;
            continue;
        }
        id = (*nsubj)++;
        if ((st = ng_grow((void **)&first, &first_cap, *nsubj, sizeof *first)) ||
            (st = ng_grow((void **)&last, &last_cap, *nsubj, sizeof *last)))
            break;
        first[id] = last[id] = i;
        st = ng_map_put(&subj, s, strlen(s), id);
    }
    free(last);
    ng_map_free(&subj);
    *first_out = first;
    *next_out = next;
    return st;
}

/* Indexes the class hierarchy and the rdf:type triples, which the graph stage asks about for
 * every node it types: scanning every pair (and every triple) each time was 7% of a corpus
 * build.  The pairs of one sub-class stay in load order. */
static NgStatus index_types(NgLexicon *lx)
{
    NgStatus st = NG_SUCCESS;
    size_t n = lx->subclass_count;
    if (!(lx->super_next = malloc((n ? n : 1) * sizeof *lx->super_next)))
        return NG_ERR_NOMEM;
    for (size_t i = n; i-- > 0 && !st;) {
        size_t first;
        const char *c = lx->sub[i];
        lx->super_next[i] = ng_map_get(&lx->super_first, c, strlen(c), &first) ? first : SIZE_MAX;
        st = ng_map_put(&lx->super_first, c, strlen(c), i);
    }
    NgBuf key = {0};
    for (size_t i = 0; i < lx->triple_count && !st; i++) {
        const NgTriple *t = &lx->triples[i];
        if (t->o_is_literal || strcmp(t->p, NG_NS_RDF "type"))
            continue;
        key.len = 0;
        if (!(st = ng_buf_appendf(&key, "%s %s", t->s, t->o)))
            st = ng_map_put(&lx->typed, key.data, key.len, 1);
    }
    ng_buf_free(&key);
    return st;
}

/* Rebuilds actors, forms, cues, word classes and the class hierarchy from every triple loaded. */
static NgStatus rebuild_index(NgLexicon *lx, const NgDiag *diag)
{
    index_clear(lx);
    size_t *first = NULL, *next = NULL, nsubj = 0;
    NgStatus st = group_by_subject(lx, &first, &next, &nsubj);
    size_t actor_cap = 0, form_cap = 0, cue_cap = 0, sc_cap = 0, super_cap = 0, word_cap = 0;
    for (size_t id = 0; id < nsubj && !st; id++) {
        Entry e = {0};
        e.first = first[id];
        e.cue = -1;
        if ((st = entry_read(lx, next, &e, &sc_cap, &super_cap)))
            break;
        if (e.kind && e.pref)
            st = index_actor(lx, next, &e, &actor_cap, &form_cap);
        else if (e.cue >= 0 && e.pref)
            st = index_cue(lx, next, &e, &cue_cap);
        else if (e.word_class)
            st = index_word_class(lx, next, &e, &word_cap, diag);
    }
    free(first);
    free(next);
    if (!st)
        st = index_types(lx);
    if (!st && diag)
        st = ng_lexicon_check(lx, diag);
    return st;
}

uint64_t ng_lexicon_word_classes(const NgLexicon *lexicon, const char *lower, size_t len)
{
    size_t w;
    return ng_map_get(&lexicon->word_class_of, lower, len, &w) ? lexicon->word_classes[w] : 0;
}

size_t ng_lexicon_find_cue(const NgLexicon *lexicon, NgCueKind kind, const char *text, size_t len)
{
    return ng_lexicon_find_cue_hashed(lexicon, kind, ng_hash(text, len), text, len);
}

/* The cue of kind `kind` whose form is text[0..len), hashed already (match_cues asks every kind
 * for the same words), or SIZE_MAX. */
size_t ng_lexicon_find_cue_hashed(const NgLexicon *lexicon, NgCueKind kind, uint64_t hash,
                                  const char *text, size_t len)
{
    size_t v;
    if (kind >= NG_CUE__COUNT || !ng_map_get_hashed(&lexicon->cue_by_form[kind], hash, text, len, &v))
        return SIZE_MAX;
    return v;
}

/* Walks rdfs:subClassOf upward breadth-first, reporting each ancestor once. */
void ng_lexicon_each_superclass(const NgLexicon *lexicon, const char *class_iri,
                                void (*fn)(void *ud, const char *super_iri), void *ud)
{
    const char *queue[64];
    size_t head = 0, tail = 0;
    queue[tail++] = class_iri;
    while (head < tail) {
        const char *c = queue[head++];
        size_t i;
        if (!ng_map_get(&lexicon->super_first, c, strlen(c), &i))
            continue;
        for (; i != SIZE_MAX; i = lexicon->super_next[i]) {
            const char *sup = lexicon->super[i];
            bool seen = false;
            for (size_t j = 0; j < tail; j++)
                seen = seen || !strcmp(queue[j], sup);
            if (seen || tail == 64)
                continue;
            queue[tail++] = sup;
            fn(ud, sup);
        }
    }
}

/* Does the loaded ontology type `iri` with `type_iri` (e.g. owl:SymmetricProperty)? */
bool ng_lexicon_has_type(const NgLexicon *lexicon, const char *iri, const char *type_iri)
{
    size_t a = strlen(iri), b = strlen(type_iri);
    char buf[512];
    if (a + b + 1 > sizeof buf || strchr(iri, ' ')) {
        /* an IRI too long for the key (or, in a file read by hand, with a space): the scan */
        for (size_t i = 0; i < lexicon->triple_count; i++) {
            const NgTriple *t = &lexicon->triples[i];
            if (!t->o_is_literal && !strcmp(t->s, iri) && !strcmp(t->p, NG_NS_RDF "type") &&
                !strcmp(t->o, type_iri))
                return true;
        }
        return false;
    }
    memcpy(buf, iri, a);
    buf[a] = ' ';
    memcpy(buf + a + 1, type_iri, b);
    return ng_map_get(&lexicon->typed, buf, a + b + 1, NULL);
}
