/* graph.c — stage 5: NgExtraction -> triples that follow docs/contract.md.
 *
 * Every node gets a stable IRI under the graph's base: the article from its file name, text spans
 * as RFC 5147 fragments (#char=begin,end in code points of nif:isString), actors from their
 * canonical name (so the same actor is one node across articles), events, claims and relations
 * from the article, a few words that say what they are and a hash of the text that states them
 * (mint_stated), so that an edit elsewhere in the article leaves them as they were.  Classes are
 * written together with all their super-classes from the ontology, because SPARQL users (and
 * rasqal) have no inference.  Each triple also knows its named graph (the article's own, or the
 * graph every article's actors share), which N-Quads and TriG write. */
#include "internal.h"
#include "ns.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* Adds a triple to the named graph in use (graph_store.c keeps it). */
static NgStatus add(NgGraph *g, const char *s, const char *p, const char *o, bool literal,
                    const char *dt, const char *lang)
{
    return ng_graph_put(g, s, p, o, literal, dt, lang);
}

/* Makes `name` (NULL: the default graph) the graph that add() puts triples into. */
static NgStatus use_graph(NgGraph *g, const char *name)
{
    return ng_graph_use(g, name);
}

/* Slug: letters and digits (any script, lower-cased), other runs -> '-'. */
NgStatus ng_slug(const char *name, char *out, size_t cap)
{
    if (!name || !out || cap < 2)
        return NG_ERR_BAD_ARG;
    size_t n = 0, len = strlen(name);
    bool dash = false;
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = ng_utf8_decode((const unsigned char *)name + i, len - i, &cp);
        if (!k) {
            i++;
            dash = n > 0;
            continue;
        }
        i += k;
        if (!(ng_cp_is_letter(cp) || ng_cp_is_digit(cp))) {
            dash = n > 0;
            continue;
        }
        char enc[4];
        size_t e = ng_utf8_encode(ng_cp_lower(cp), enc);
        if (n + (dash ? 1 : 0) + e + 1 > cap) {
            st = NG_ERR_BAD_ARG;
            break;
        }
        if (dash)
            out[n++] = '-';
        dash = false;
        memcpy(out + n, enc, e);
        n += e;
    }
    if (n == 0)
        out[n++] = 'x';
    out[n] = '\0';
    return st;
}

/* ------------------------------------------------------------------ from an extraction */

typedef struct {
    NgGraph *g;
    const NgExtraction *x;
    const NgSegments *sg;
    const NgDocument *doc;
    const NgLexicon *lx;
    char *article;     /* article IRI, and the name of its graph */
    char *actors_graph; /* the name of the graph shared by every article's actors */
    char *aslug;       /* article slug */
    size_t cp0;        /* code point offset of the content start */
    NgMap minted;      /* event, claim and relation IRIs minted so far -> times minted */
    NgMap mentions;    /* actor IRIs described so far -> mentions in the parts so far */
    size_t parts;      /* parts of the article added so far (segment.c) */
    NgProfile profile;
    NgStatus st;
} Ctx;

static void put(Ctx *c, const char *s, const char *p, const char *o)
{
    if (!c->st)
        c->st = add(c->g, s, p, o, false, NULL, NULL);
}

/* Puts what follows into the named graph `name`. */
static void in_graph(Ctx *c, const char *name)
{
    if (!c->st)
        c->st = use_graph(c->g, name);
}

static void lit(Ctx *c, const char *s, const char *p, const char *v, const char *dt)
{
    if (!c->st)
        c->st = add(c->g, s, p, v, true, dt, NULL);
}

/* Writes v in decimal, NUL-terminated, ending at end[-1]; returns where it starts.  Without
 * printf: span IRIs and offsets are three numbers a span, and vsnprintf (called twice by
 * ng_buf_appendf) was 7% of the hostile lines article's instructions. */
static char *decimal(size_t v, char *end)
{
    char *w = end;
    *--w = '\0';
    do
        *--w = (char)('0' + v % 10);
    while (v /= 10);
    return w;
}

static void lit_n(Ctx *c, const char *s, const char *p, size_t v)
{
    char buf[32];
    lit(c, s, p, decimal(v, buf + sizeof buf), NG_NS_XSD "nonNegativeInteger");
}

static void lit_span(Ctx *c, const char *s, const char *p, NgSpan sp)
{
    char *v = ng_strndup(c->doc->text + sp.begin, sp.end - sp.begin);
    if (!v) {
        c->st = NG_ERR_NOMEM;
        return;
    }
    lit(c, s, p, v, NULL);
    free(v);
}

/* Does the profile leave class `cls` out?  The lean one (docs/contract.md, "Profiles") writes a
 * node's own classes and the standard ones the contract and the questions in queries/ name, not
 * the super-classes that only repeat them: a span's nif:String and nif:OffsetBasedString (its
 * nif:Phrase, nif:Sentence, nif:Title or ng:Section says it is a string, and its IRI and offsets
 * that they count), an event's schema:Event beside sem:Event, a claim's ng:Claim beside
 * schema:Claim and its kind.  A reader with the ontology infers each (rdfs:subClassOf, and the
 * NIF properties' rdfs:domain).  They were a sixth of every article's triples. */
static bool omitted(const Ctx *c, const char *cls)
{
    static const char *const lean_omits[] = {NG_NS_NIF "String", NG_NS_NIF "OffsetBasedString",
                                             NG_NS_SCHEMA "Event", NG_NS "Claim", NULL};
    if (c->profile != NG_PROFILE_LEAN)
        return false;
    for (size_t i = 0; lean_omits[i]; i++)
        if (!strcmp(cls, lean_omits[i]))
            return true;
    return false;
}

/* rdf:type `cls`, unless the profile leaves it out. */
static void put_type(Ctx *c, const char *node, const char *cls)
{
    if (!omitted(c, cls))
        put(c, node, NG_NS_RDF "type", cls);
}

typedef struct {
    Ctx *c;
    const char *node;
} TypeCtx;

static void on_super(void *ud, const char *super)
{
    TypeCtx *t = ud;
    put_type(t->c, t->node, super);
}

/* rdf:type `cls` and all its super-classes (those of the profile). */
static void type(Ctx *c, const char *node, const char *cls)
{
    put_type(c, node, cls);
    TypeCtx t = {c, node};
    ng_lexicon_each_superclass(c->lx, cls, on_super, &t);
}

static size_t cp_of(Ctx *c, size_t byte)
{
    return ng_document_cp_offset(c->doc, byte) - c->cp0;
}

/* The IRI of a text span: ARTICLE#char=b,e. Caller frees. */
static char *span_iri(Ctx *c, NgSpan sp)
{
    char begin[32], end[32];
    const char *parts[] = {c->article, "#char=", decimal(cp_of(c, sp.begin), begin + sizeof begin),
                           ",", decimal(cp_of(c, sp.end), end + sizeof end)};
    NgBuf b = {0};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (ng_buf_append(&b, parts[i], strlen(parts[i]))) {
            ng_buf_free(&b);
            return NULL;
        }
    return ng_buf_take(&b);
}

/* The IRI of section `i` (0-based) of the article: ARTICLE#section-N. Caller frees. */
static char *section_iri(Ctx *c, size_t i)
{
    NgBuf b = {0};
    if (ng_buf_appendf(&b, "%s#section-%zu", c->article, c->sg->section_base + i + 1)) {
        ng_buf_free(&b);
        c->st = NG_ERR_NOMEM;
        return NULL;
    }
    return ng_buf_take(&b);
}

/* The index of the last of `n` spans, `stride` bytes apart from `first`, that begins at or before
 * `begin` (the spans are in text order), or SIZE_MAX when none does. */
static size_t last_at_or_before(const void *first, size_t n, size_t stride, size_t begin)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const NgSpan *m = (const NgSpan *)((const char *)first + mid * stride);
        if (m->begin <= begin)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : SIZE_MAX;
}

/* Which direct links a span gets (span_links). */
typedef enum {
    LINK_NONE,     /* a sentence, heading or the title itself */
    LINK_SENTENCE, /* a mention: its sentence */
    LINK_ALL       /* the evidence of an event, claim or relation: its sentence and section */
} SpanLinks;

/* The direct links of a mention or evidence span that the questions follow instead of comparing
 * offsets: nif:sentence the sentence that holds it (a span that is a whole sentence names
 * itself), and for evidence nif:superString the section that holds it.  A mention's section is
 * its sentence's, and is not written again: an article of one long sentence naming actors
 * 200,000 times must still build in bounded memory (tests/hostile.sh).  The title and section
 * headings are no sentences. */
static void span_links(Ctx *c, const char *iri, NgSpan sp, SpanLinks links)
{
    const NgSegments *sg = c->sg;
    size_t k = last_at_or_before(sg->sections, sg->section_count, sizeof *sg->sections, sp.begin);
    if (links == LINK_ALL && k != SIZE_MAX && sp.end <= sg->sections[k].span.end) {
        char *sec = section_iri(c, k);
        if (sec)
            put(c, iri, NG_NS_NIF "superString", sec);
        free(sec);
    }
    k = last_at_or_before(sg->sentences, sg->sentence_count, sizeof *sg->sentences, sp.begin);
    if (k != SIZE_MAX && !sg->sentences[k].heading && sp.end <= sg->sentences[k].span.end) {
        char *sent = span_iri(c, sg->sentences[k].span);
        if (!sent)
            c->st = NG_ERR_NOMEM;
        else
            put(c, iri, NG_NS_NIF "sentence", sent);
        free(sent);
    }
}

/* Writes a span node (offsets, anchor, context) typed `cls` and returns its IRI, with the direct
 * links `links` (span_links). */
static char *span_node(Ctx *c, NgSpan sp, const char *cls, SpanLinks links)
{
    char *iri = span_iri(c, sp);
    if (!iri) {
        c->st = NG_ERR_NOMEM;
        return NULL;
    }
    put_type(c, iri, NG_NS_NIF "String");
    put_type(c, iri, NG_NS_NIF "OffsetBasedString");
    if (cls)
        put_type(c, iri, cls);
    lit_n(c, iri, NG_NS_NIF "beginIndex", cp_of(c, sp.begin));
    lit_n(c, iri, NG_NS_NIF "endIndex", cp_of(c, sp.end));
    lit_span(c, iri, NG_NS_NIF "anchorOf", sp);
    put(c, iri, NG_NS_NIF "referenceContext", c->article);
    if (links != LINK_NONE)
        span_links(c, iri, sp, links);
    return iri;
}

/* BASE KIND/SLUG, or BASE KIND when `slug` is NULL. */
static char *mint(Ctx *c, const char *kind, const char *slug)
{
    NgBuf b = {0};
    if (ng_buf_appendf(&b, "%s%s%s%s", ng_graph_base(c->g), kind, slug ? "/" : "", slug ? slug : "")) {
        ng_buf_free(&b);
        c->st = NG_ERR_NOMEM;
        return NULL;
    }
    return ng_buf_take(&b);
}

/* Up to `words` words of text[0..len) (runs of letters and digits, any script, lower-cased),
 * joined by '-', into out (size cap, at least 2): the readable part of a minted IRI.  Words that
 * do not fit are left out; "x" when there is none. */
static void key_words(const char *text, size_t len, size_t words, char *out, size_t cap)
{
    size_t n = 0, taken = 0;
    bool in_word = false;
    for (size_t i = 0; i < len && taken < words;) {
        uint32_t cp;
        size_t k = ng_utf8_decode((const unsigned char *)text + i, len - i, &cp);
        bool letter = k && (ng_cp_is_letter(cp) || ng_cp_is_digit(cp));
        i += k ? k : 1;
        if (!letter) {
            taken += in_word;
            in_word = false;
            continue;
        }
        char enc[4];
        size_t e = ng_utf8_encode(ng_cp_lower(cp), enc);
        size_t dash = !in_word && n > 0;
        if (n + dash + e + 1 > cap)
            break;
        if (dash)
            out[n++] = '-';
        memcpy(out + n, enc, e);
        n += e;
        in_word = true;
    }
    if (n == 0)
        out[n++] = 'x';
    out[n] = '\0';
}

/* The IRI of an event, claim or relation: BASE KIND/ARTICLE/KEY-HASH, from what it is, never from
 * where it is: KEY is a few words that say what (its class and label, or its text's first words),
 * HASH the first 32 bits of the FNV-1a hash of the text it is stated in, so that an edit
 * elsewhere in the article leaves the IRI as it was.  The same IRI minted again in the article
 * (the same words in the same text: coordinated sources of one claim, a sentence repeated) gets
 * "-2", "-3"... in extraction order. */
static char *mint_stated(Ctx *c, const char *kind, const char *key, NgSpan text)
{
    uint64_t h = ng_hash(c->doc->text + text.begin, text.end - text.begin);
    NgBuf b = {0};
    size_t seen = 0;
    /* the map knows them without the base and the article's slug, the same for every one: an
     * article of 16 MiB mints 200,000 (issue 14, finding 9) */
    NgStatus st = ng_buf_appendf(&b, "%s/%s-%08lx", kind, key, (unsigned long)(h & 0xffffffffu));
    if (!st && ng_map_get(&c->minted, b.data, b.len, &seen))
        st = ng_map_put(&c->minted, b.data, b.len, seen + 1);
    else if (!st)
        st = ng_map_put(&c->minted, b.data, b.len, 1);
    b.len = 0;
    if (!st)
        st = ng_buf_appendf(&b, "%s%s/%s/%s-%08lx", ng_graph_base(c->g), kind, c->aslug, key,
                            (unsigned long)(h & 0xffffffffu));
    if (!st && seen)
        st = ng_buf_appendf(&b, "-%zu", seen + 1);
    if (st) {
        ng_buf_free(&b);
        c->st = NG_ERR_NOMEM;
        return NULL;
    }
    return ng_buf_take(&b);
}

static const char *modality_iri(NgModality m)
{
    switch (m) {
    case NG_MOD_HEDGED: return NG_NS "Hedged";
    case NG_MOD_PREDICTED: return NG_NS "Predicted";
    case NG_MOD_REPORTED: return NG_NS "Reported";
    default: return NG_NS "Asserted";
    }
}

static const char *claim_kind_iri(NgClaimKind k)
{
    switch (k) {
    case NG_CLAIM_DECLARATION: return NG_NS "DeclarationClaim";
    case NG_CLAIM_PREDICTION: return NG_NS "PredictionClaim";
    case NG_CLAIM_OMISSION: return NG_NS "OmissionClaim";
    default: return NG_NS "AssessmentClaim";
    }
}

/* The readable part of a minted IRI: at most KEY_WORDS words, KEY_CAP bytes. */
enum { KEY_WORDS = 4, KEY_CAP = 64 };

/* The span of sentence `i`, or `fallback` when there is no such sentence. */
static NgSpan sentence_span(const Ctx *c, size_t i, NgSpan fallback)
{
    return i < c->sg->sentence_count ? c->sg->sentences[i].span : fallback;
}

/* An event's IRI: its class and label ("meeting-talks"), and the sentence that first states it. */
static char *mint_event(Ctx *c, const NgXEvent *e)
{
    const char *local = strrchr(e->class_iri, '#');
    local = local ? local + 1 : "event";
    char key[2 * KEY_CAP], label[KEY_CAP];
    key_words(local, strlen(local), 1, key, KEY_CAP);
    if (e->label) {
        key_words(e->label, strlen(e->label), KEY_WORDS, label, sizeof label);
        if (strcmp(label, key) != 0)
            snprintf(key + strlen(key), sizeof key - strlen(key), "-%s", label);
    }
    return mint_stated(c, "event", key, sentence_span(c, e->sentence, e->spans.items[0]));
}

/* A relation's IRI: its property and the two actors ("leaderof-xi-jinping-china"), and the
 * sentence that states it. */
static char *mint_relation(Ctx *c, const NgXRelation *r)
{
    const char *local = strrchr(r->property, '#');
    local = local ? local + 1 : r->property;
    char key[3 * KEY_CAP], part[KEY_CAP];
    key_words(local, strlen(local), 1, key, KEY_CAP);
    for (size_t k = 0; k < 2; k++) {
        const char *slug = c->x->actors[k ? r->object : r->subject].slug;
        key_words(slug, strlen(slug), KEY_WORDS, part, sizeof part);
        snprintf(key + strlen(key), sizeof key - strlen(key), "-%s", part);
    }
    return mint_stated(c, "relation", key, sentence_span(c, r->sentence, r->span));
}

/* The article node: its text, headline and file name (once, with the first part). */
static void add_article(Ctx *c)
{
    const NgSegments *sg = c->sg;
    type(c, c->article, NG_NS_SCHEMA "NewsArticle");
    put_type(c, c->article, NG_NS_NIF "Context");
    put_type(c, c->article, NG_NS_NIF "String");
    if (sg->title.end > sg->title.begin)
        lit_span(c, c->article, NG_NS_SCHEMA "headline", sg->title);
    if (!c->st)   /* the text itself, not a copy, when the graph borrows (graph_store.c) */
        c->st = ng_graph_put_text(c->g, c->article, NG_NS_NIF "isString",
                                  c->doc->text + sg->content.begin,
                                  sg->content.end - sg->content.begin);
    /* No nif:beginIndex/endIndex on the context itself: tools that collect "the spans linked to
     * a node" would take the whole article as evidence of every claim authored by it. */
    const char *slash = strrchr(c->doc->name, '/');
    lit(c, c->article, NG_NS_SCHEMA "name", slash ? slash + 1 : c->doc->name, NULL);
}

/* Section `i` of the part, iri: its offsets, kind, position and heading.  A section that goes on
 * into the next part is written there, where its end is known (segment.c carries its beginning
 * and heading over). */
static void add_section(Ctx *c, size_t i, const char *iri)
{
    const NgSegments *sg = c->sg;
    NgSpan span = sg->sections[i].span, heading = sg->sections[i].heading;
    if (i + 1 == sg->section_count && sg->last_open)
        return;
    char what[32];
    snprintf(what, sizeof what, "%zu", sg->section_base + i + 1);
    put_type(c, iri, NG_NS_NIF "String");
    put_type(c, iri, NG_NS_NIF "OffsetBasedString");
    type(c, iri, heading.end > heading.begin ? NG_NS "Section" : NG_NS "Lead");
    lit_n(c, iri, NG_NS_NIF "beginIndex", cp_of(c, span.begin));
    lit_n(c, iri, NG_NS_NIF "endIndex", cp_of(c, span.end));
    put(c, iri, NG_NS_NIF "referenceContext", c->article);
    lit(c, iri, NG_NS "position", what, NG_NS_XSD "integer");
    if (heading.end > heading.begin)
        lit_span(c, iri, NG_NS_RDFS "label", heading);
}

/* The part's text structure: sections and sentences (and the article node with the first part). */
static void add_text(Ctx *c)
{
    const NgSegments *sg = c->sg;
    if (c->parts == 0)
        add_article(c);
    char **sections = calloc(sg->section_count ? sg->section_count : 1, sizeof(char *));
    if (!sections) {
        c->st = NG_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < sg->section_count && !c->st; i++) {
        if (!(sections[i] = section_iri(c, i)))
            break;
        add_section(c, i, sections[i]);
    }
    for (size_t i = 0; i < sg->sentence_count && !c->st; i++) {
        const NgSentence *s = &sg->sentences[i];
        char *iri = span_node(c, s->span, s->heading ? NG_NS_NIF "Title" : NG_NS_NIF "Sentence",
                              LINK_NONE);
        if (iri && !s->heading && s->section < sg->section_count && sections[s->section])
            put(c, iri, NG_NS_NIF "superString", sections[s->section]);
        free(iri);
    }
    for (size_t i = 0; i < sg->section_count; i++)
        free(sections[i]);
    free(sections);
}

/* What actor `a` (IRI `iri`) is, whatever the article: the shared graph. */
static void describe_actor(Ctx *c, const NgXActor *a, const char *iri)
{
    in_graph(c, c->actors_graph);
    put_type(c, iri, NG_NS_SEM "Actor");
    type(c, iri, ng_kind_class(a->kind));
    lit(c, iri, NG_NS_RDFS "label", a->label, NULL);
    if (a->same_as) {
        put(c, iri, NG_NS_OWL "sameAs", a->same_as);
        put(c, iri, NG_NS_SCHEMA "sameAs", a->same_as);
    }
    if (a->lex == SIZE_MAX)
        lit(c, iri, NG_NS "notInLexicon", "true", NG_NS_XSD "boolean");
}

/* The part's actors: each described once per article (describe_actor), its names and mentions
 * in the article's graph, its mentions counted for add_mention_counts. */
static char **add_actors(Ctx *c)
{
    const NgExtraction *x = c->x;
    char **iris = calloc(x->actor_count ? x->actor_count : 1, sizeof(char *));
    if (!iris) {
        c->st = NG_ERR_NOMEM;
        return NULL;
    }
    for (size_t i = 0; i < x->actor_count && !c->st; i++) {
        const NgXActor *a = &x->actors[i];
        iris[i] = mint(c, "actor", a->slug);
        if (!iris[i])
            break;
        size_t n = 0, len = strlen(iris[i]);
        bool described = ng_map_get(&c->mentions, iris[i], len, &n);
        if (ng_map_put(&c->mentions, iris[i], len, n + a->mentions.count))
            c->st = NG_ERR_NOMEM;
        if (!described || c->parts == 0)
            describe_actor(c, a, iris[i]);
        /* what this article says of it: its own graph (so that replacing or dropping the
         * article's graph takes it away) */
        in_graph(c, c->article);
        for (size_t k = 0; k < 2; k++)
            if (a->alt[k] && strcmp(a->alt[k], a->label) != 0)
                lit(c, iris[i], NG_NS_SKOS "altLabel", a->alt[k], NULL);
        for (size_t m = 0; m < a->mentions.count && !c->st; m++) {
            NgSpan sp = a->mentions.items[m];
            char *form = ng_strndup(c->doc->text + sp.begin, sp.end - sp.begin);
            if (!form) {
                c->st = NG_ERR_NOMEM;
                break;
            }
            if (strcmp(form, a->label) != 0)
                lit(c, iris[i], NG_NS_SKOS "altLabel", form, NULL);
            free(form);
            char *s = span_node(c, sp, NG_NS_NIF "Phrase", LINK_SENTENCE);
            if (s)
                put(c, s, NG_NS_ITSRDF "taIdentRef", iris[i]);
            free(s);
        }
    }
    return iris;
}

/* ng:mentionCount of every actor the article mentions, summed over its parts (it also marks,
 * in the article's graph, the actors the article mentions). */
static void add_mention_counts(Ctx *c)
{
    in_graph(c, c->article);
    for (size_t i = 0; i < c->mentions.cap && !c->st; i++)
        if (c->mentions.keys[i])
            lit_n(c, c->mentions.keys[i], NG_NS "mentionCount", c->mentions.values[i]);
}

static void add_events(Ctx *c, char **actors, char **events)
{
    const NgExtraction *x = c->x;
    for (size_t i = 0; i < x->event_count && !c->st; i++) {
        const NgXEvent *e = &x->events[i];
        events[i] = mint_event(c, e);
        if (!events[i])
            break;
        put_type(c, events[i], NG_NS_SEM "Event");
        type(c, events[i], e->class_iri);
        /* its most specific kind, which a question would otherwise find through an OPTIONAL
         * over the hierarchy (every type of the event against every sub-class) */
        put(c, events[i], NG_NS_SEM "eventType", e->class_iri);
        if (e->label)
            lit(c, events[i], NG_NS_RDFS "label", e->label, NULL);
        for (size_t a = 0; a < e->actors.count; a++)
            put(c, events[i], NG_NS_SEM "hasActor", actors[e->actors.items[a]]);
        /* A time and a place, or that the text gives none: a question then asks for each case
         * with a pattern of its own (a UNION) rather than an OPTIONAL, which Rasqal evaluates
         * again for every row (so it grew with the square of the corpus). */
        if (e->time[0])
            lit(c, events[i], NG_NS_SEM "hasTimeStamp", e->time,
                strlen(e->time) == 4 ? NG_NS_XSD "gYear" : NG_NS_XSD "date");
        else
            lit(c, events[i], NG_NS "undated", "true", NG_NS_XSD "boolean");
        if (e->place != SIZE_MAX) {
            put(c, events[i], NG_NS_SEM "hasPlace", actors[e->place]);
            /* the range of sem:hasPlace */
            put_type(c, actors[e->place], NG_NS_SEM "Place");
        } else
            lit(c, events[i], NG_NS "unplaced", "true", NG_NS_XSD "boolean");
        put(c, events[i], NG_NS "modality", modality_iri(e->modality));
        put(c, events[i], NG_NS_SCHEMA "isPartOf", c->article);
        for (size_t s = 0; s < e->spans.count && !c->st; s++) {
            char *sp = span_node(c, e->spans.items[s], NG_NS_NIF "Phrase", LINK_ALL);
            if (sp)
                put(c, events[i], NG_NS_PROV "wasDerivedFrom", sp);
            free(sp);
        }
    }
}

static void add_claims(Ctx *c, char **actors, char **events)
{
    const NgExtraction *x = c->x;
    for (size_t i = 0; i < x->claim_count && !c->st; i++) {
        const NgXClaim *cl = &x->claims[i];
        /* its first words and its text; claims that share a span (one per coordinated source)
         * get -2, -3, ... */
        char key[KEY_CAP];
        key_words(c->doc->text + cl->span.begin, cl->span.end - cl->span.begin, KEY_WORDS, key,
                  sizeof key);
        char *iri = mint_stated(c, "claim", key, cl->span);
        if (!iri)
            break;
        type(c, iri, NG_NS "Claim");
        put_type(c, iri, NG_NS_SCHEMA "Claim");
        put_type(c, iri, claim_kind_iri(cl->kind));
        lit_span(c, iri, NG_NS_SCHEMA "text", cl->span);
        const char *author = cl->source == SIZE_MAX ? c->article : actors[cl->source];
        put(c, iri, NG_NS_SCHEMA "author", author);
        put(c, iri, NG_NS_PROV "wasAttributedTo", author);
        put(c, iri, NG_NS "modality", modality_iri(cl->modality));
        put(c, iri, NG_NS "polarity", cl->negated ? NG_NS "Negated" : NG_NS "Affirmed");
        put(c, iri, NG_NS_SCHEMA "isPartOf", c->article);
        for (size_t a = 0; a < cl->about_actors.count; a++)
            put(c, iri, NG_NS_SCHEMA "about", actors[cl->about_actors.items[a]]);
        for (size_t e = 0; e < cl->about_events.count; e++)
            put(c, iri, NG_NS_SCHEMA "about", events[cl->about_events.items[e]]);
        char *sp = span_node(c, cl->span, NG_NS_NIF "Phrase", LINK_ALL);
        if (sp)
            put(c, iri, NG_NS_PROV "wasDerivedFrom", sp);
        free(sp);
        free(iri);
    }
}

static void add_relations(Ctx *c, char **actors)
{
    const NgExtraction *x = c->x;
    for (size_t i = 0; i < x->relation_count && !c->st; i++) {
        const NgXRelation *r = &x->relations[i];
        put(c, actors[r->subject], r->property, actors[r->object]);
        /* SPARQL users have no inference: a symmetric relation is written both ways */
        if (ng_lexicon_has_type(c->lx, r->property, NG_NS_OWL "SymmetricProperty"))
            put(c, actors[r->object], r->property, actors[r->subject]);
        char *iri = mint_relation(c, r);
        if (!iri)
            break;
        type(c, iri, NG_NS "RelationStatement");
        put(c, iri, NG_NS_RDF "subject", actors[r->subject]);
        put(c, iri, NG_NS_RDF "predicate", r->property);
        put(c, iri, NG_NS_RDF "object", actors[r->object]);
        char *sp = span_node(c, r->span, NG_NS_NIF "Phrase", LINK_ALL);
        if (sp)
            put(c, iri, NG_NS_PROV "wasDerivedFrom", sp);
        free(sp);
        free(iri);
    }
}

/* Adds the article's text structure and everything extracted from it, in the full profile. */
NgStatus ng_graph_add_extraction(NgGraph *graph, const NgExtraction *x)
{
    return ng_graph_add_extraction_profile(graph, x, NG_PROFILE_FULL);
}

/* What one article's graph carries from one of its parts to the next (segment.c): the IRIs minted,
 * the actors described and their mentions, the section left open. */
struct NgGraphArticle {
    Ctx c;
    char slug[200];
};

/* The slug of an article's file `name`: its base name without the extension. */
static void article_slug(const char *name, char *slug, size_t cap, NgStatus *st)
{
    const char *slash = strrchr(name, '/');
    const char *stem = slash ? slash + 1 : name;
    const char *dot = strrchr(stem, '.');
    char *stem_copy = dot && dot != stem ? ng_strndup(stem, (size_t)(dot - stem)) : ng_strdup(stem);
    if (!stem_copy) {
        *st = NG_ERR_NOMEM;
        return;
    }
    if (ng_slug(stem_copy, slug, cap) == NG_ERR_BAD_ARG)
        slug[cap - 1] = '\0';
    free(stem_copy);
}

/* Starts the graph of article `doc` in `graph`, its classes chosen by `profile`; its parts follow
 * (ng_graph_article_add), then ng_graph_article_end. */
NgStatus ng_graph_article_new(NgGraph *graph, const NgDocument *doc, NgProfile profile,
                              NgGraphArticle **out)
{
    NgGraphArticle *a = calloc(1, sizeof *a);
    *out = a;
    if (!a)
        return NG_ERR_NOMEM;
    Ctx *c = &a->c;
    c->profile = profile;
    c->g = graph;
    c->doc = doc;
    article_slug(doc->name, a->slug, sizeof a->slug, &c->st);
    if (c->st)
        return c->st;
    c->aslug = a->slug;
    if (!(c->article = ng_graph_article_iri(graph, doc->name)))
        c->st = NG_ERR_NOMEM;
    c->actors_graph = mint(c, NG_ACTORS_GRAPH, NULL);
    return c->st;
}

/* The IRI of the article read from file `name` (the caller frees it), as ng_graph_article_new
 * mints it: what a build that writes an article's lines in one pass needs before the graph. */
char *ng_graph_article_iri(const NgGraph *graph, const char *name)
{
    char slug[sizeof ((NgGraphArticle *)NULL)->slug];
    NgStatus st = NG_SUCCESS;
    article_slug(name, slug, sizeof slug, &st);
    NgBuf b = {0};
    if (st || ng_buf_appendf(&b, "%sarticle/%s", ng_graph_base(graph), slug)) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

/* Adds one part of the article: its text structure and everything extracted from it. */
NgStatus ng_graph_article_add(NgGraphArticle *a, const NgExtraction *x)
{
    Ctx *c = &a->c;
    c->x = x;
    c->sg = x->matches->segments;
    c->lx = x->matches->lexicon;
    c->cp0 = ng_document_cp_offset(c->doc, c->sg->content.begin);
    in_graph(c, c->article);
    if (!c->st)
        add_text(c);
    char **actors = c->st ? NULL : add_actors(c);
    char **events = calloc(x->event_count ? x->event_count : 1, sizeof(char *));
    if (!events && !c->st)
        c->st = NG_ERR_NOMEM;
    if (!c->st)
        add_events(c, actors, events);
    if (!c->st)
        add_claims(c, actors, events);
    if (!c->st)
        add_relations(c, actors);
    for (size_t i = 0; actors && i < x->actor_count; i++)
        free(actors[i]);
    for (size_t i = 0; events && i < x->event_count; i++)
        free(events[i]);
    free(actors);
    free(events);
    c->parts++;
    (void)use_graph(c->g, NULL);   /* the default graph again; cannot fail */
    return c->st;
}

/* Ends the article: what its parts add up to (ng:mentionCount). */
NgStatus ng_graph_article_end(NgGraphArticle *a)
{
    add_mention_counts(&a->c);
    (void)use_graph(a->c.g, NULL);
    return a->c.st;
}

void ng_graph_article_free(NgGraphArticle *a)
{
    if (!a)
        return;
    free(a->c.article);
    free(a->c.actors_graph);
    ng_map_free(&a->c.minted);
    ng_map_free(&a->c.mentions);
    free(a);
}

/* The same, the classes written chosen by `profile` (omitted): the article as one part. */
NgStatus ng_graph_add_extraction_profile(NgGraph *graph, const NgExtraction *x, NgProfile profile)
{
    NgGraphArticle *a = NULL;
    NgStatus st = ng_graph_article_new(graph, x->matches->segments->doc, profile, &a);
    if (!st)
        st = ng_graph_article_add(a, x);
    if (!st)
        st = ng_graph_article_end(a);
    ng_graph_article_free(a);
    return st;
}

/* strcmp, with interned strings (one copy each) equal at a glance. */
static int cmp_str(const char *a, const char *b)
{
    return a == b ? 0 : strcmp(a, b);
}

/* Objects in strcmp's order, a borrowed text's (o_len) too: they hold no NUL. */
static int cmp_object(const NgTriple *a, const NgTriple *b)
{
    if (!a->o_len && !b->o_len)
        return cmp_str(a->o, b->o);
    size_t na = a->o_len ? a->o_len : strlen(a->o), nb = b->o_len ? b->o_len : strlen(b->o);
    int r = memcmp(a->o, b->o, na < nb ? na : nb);
    return r ? r : (na > nb) - (na < nb);
}

static int cmp_opt(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return cmp_str(a, b);
}

int ng_triple_compare(const void *pa, const void *pb)
{
    const NgTriple *a = *(const NgTriple *const *)pa, *b = *(const NgTriple *const *)pb;
    int r;
    if ((r = cmp_str(a->s, b->s)) || (r = cmp_str(a->p, b->p)))
        return r;
    if (a->o_is_literal != b->o_is_literal)
        return a->o_is_literal ? 1 : -1;
    if ((r = cmp_object(a, b)) || (r = cmp_opt(a->datatype, b->datatype)))
        return r;
    return cmp_opt(a->lang, b->lang);
}
