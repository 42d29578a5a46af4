/* extract_explain.c — `explain`: one block per sentence, its text and then the actors, events,
 * claims and relations found in it. */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *mod_name(NgModality m)
{
    return m == NG_MOD_HEDGED ? "hedged" : m == NG_MOD_PREDICTED ? "predicted"
           : m == NG_MOD_REPORTED ? "reported" : "asserted";
}

static const char *local_name(const char *iri)
{
    const char *h = strrchr(iri, '#');
    return h ? h + 1 : iri;
}

/* explain's items, bucketed by sentence in one pass (a stable counting sort), so that the output
 * costs O(sentences + items), not O(sentences x items). */
typedef struct {
    size_t sentence, a, b;
} ExplainItem;

typedef struct {
    ExplainItem *items;
    size_t count, cap;
    size_t *first; /* per sentence: first item; [sentence_count] = count */
} ExplainList;

/* The sentence that holds span `sp` whole, or SIZE_MAX. */
static size_t sentence_of_span(const NgSegments *sg, NgSpan sp)
{
    size_t lo = 0, hi = sg->sentence_count;
    while (lo < hi) { /* the first sentence that begins after sp.begin */
        size_t mid = lo + (hi - lo) / 2;
        if (sg->sentences[mid].span.begin <= sp.begin)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || sp.end > sg->sentences[lo - 1].span.end)
        return SIZE_MAX;
    return lo - 1;
}

static NgStatus explain_add(ExplainList *l, size_t sentence, size_t a, size_t b)
{
    if (sentence == SIZE_MAX)
        return NG_SUCCESS;
    NgStatus st = ng_grow((void **)&l->items, &l->cap, l->count + 1, sizeof(ExplainItem));
    if (!st)
        l->items[l->count++] = (ExplainItem){sentence, a, b};
    return st;
}

static NgStatus explain_sort(ExplainList *l, size_t sentences)
{
    l->first = calloc(sentences + 2, sizeof(size_t));
    ExplainItem *sorted = malloc((l->count ? l->count : 1) * sizeof(ExplainItem));
    if (!l->first || !sorted) {
        free(sorted);
        return NG_ERR_NOMEM;
    }
    for (size_t i = 0; i < l->count; i++)
        l->first[l->items[i].sentence + 1]++;
    for (size_t s = 0; s < sentences; s++)
        l->first[s + 1] += l->first[s];
    size_t *pos = malloc((sentences ? sentences : 1) * sizeof(size_t));
    if (!pos) {
        free(sorted);
        return NG_ERR_NOMEM;
    }
    memcpy(pos, l->first, sentences * sizeof(size_t));
    for (size_t i = 0; i < l->count; i++)
        sorted[pos[l->items[i].sentence]++] = l->items[i];
    free(pos);
    free(l->items);
    l->items = sorted;
    return NG_SUCCESS;
}

static void explain_free(ExplainList *l)
{
    free(l->items);
    free(l->first);
}

/* One block per sentence: its text, then the actors, events, claims and relations found in it,
 * and what was looked at and not taken ("untaken": a name no rule typed, a sentence kept out of the
 * claims), with why. */
NgStatus ng_extraction_explain(const NgExtraction *x, FILE *out)
{
    const NgSegments *sg = x->matches->segments;
    const char *t = sg->doc->text;
    size_t ns = sg->sentence_count;
    ExplainList acts = {0}, evs = {0}, cls = {0}, rels = {0}, notes = {0};
    NgStatus st = NG_SUCCESS;
    for (size_t a = 0; a < x->actor_count && !st; a++)
        for (size_t m = 0; m < x->actors[a].mentions.count && !st; m++)
            st = explain_add(&acts, sentence_of_span(sg, x->actors[a].mentions.items[m]), a, m);
    for (size_t e = 0; e < x->event_count && !st; e++)
        for (size_t k = 0; k < x->events[e].spans.count && !st; k++)
            st = explain_add(&evs, sentence_of_span(sg, x->events[e].spans.items[k]), e, k);
    for (size_t k = 0; k < x->claim_count && !st; k++)
        st = explain_add(&cls, x->claims[k].sentence < ns ? x->claims[k].sentence : SIZE_MAX, k, 0);
    for (size_t k = 0; k < x->relation_count && !st; k++)
        st = explain_add(&rels, x->relations[k].sentence < ns ? x->relations[k].sentence : SIZE_MAX, k, 0);
    for (size_t k = 0; k < x->note_count && !st; k++)
        st = explain_add(&notes, x->notes[k].sentence < ns ? x->notes[k].sentence : SIZE_MAX, k, 0);
    if (!st)
        st = explain_sort(&notes, ns);
    if (!st)
        st = explain_sort(&acts, ns);
    if (!st)
        st = explain_sort(&evs, ns);
    if (!st)
        st = explain_sort(&cls, ns);
    if (!st)
        st = explain_sort(&rels, ns);
    for (size_t s = 0; s < ns && !st; s++) {
        const NgSentence *se = &sg->sentences[s];
        fprintf(out, "[%zu]%s %.*s\n", s + 1, se->heading ? " (heading)" : "",
                (int)(se->span.end - se->span.begin), t + se->span.begin);
        for (size_t i = acts.first[s]; i < acts.first[s + 1]; i++) {
            const NgXActor *ac = &x->actors[acts.items[i].a];
            NgSpan sp = ac->mentions.items[acts.items[i].b];
            fprintf(out, "    actor    %-12s %s  <- \"%.*s\"%s\n", ng_kind_name(ac->kind), ac->label,
                    (int)(sp.end - sp.begin), t + sp.begin, ac->lex == SIZE_MAX ? "  (not in lexicon)" : "");
        }
        for (size_t i = evs.first[s]; i < evs.first[s + 1]; i++) {
            size_t e = evs.items[i].a;
            const NgXEvent *ev = &x->events[e];
            NgSpan sp = ev->spans.items[evs.items[i].b];
            fprintf(out, "    event    %-12s #%zu \"%.*s\" %s%s actors:", local_name(ev->class_iri), e + 1,
                    (int)(sp.end - sp.begin), t + sp.begin, ev->time[0] ? "time " : "", ev->time);
            for (size_t p = 0; p < ev->actors.count; p++)
                fprintf(out, "%s%s", p ? ", " : " ", x->actors[ev->actors.items[p]].label);
            fprintf(out, "%s\n", ev->actors.count ? "" : " none");
        }
        for (size_t i = cls.first[s]; i < cls.first[s + 1]; i++) {
            const NgXClaim *cl = &x->claims[cls.items[i].a];
            fprintf(out, "    claim    %-12s source %s%s\n", mod_name(cl->modality),
                    cl->source == SIZE_MAX ? "the article" : x->actors[cl->source].label,
                    cl->negated ? ", negated" : "");
        }
        for (size_t i = rels.first[s]; i < rels.first[s + 1]; i++) {
            const NgXRelation *r = &x->relations[rels.items[i].a];
            fprintf(out, "    relation %s %s %s\n", x->actors[r->subject].label, local_name(r->property),
                    x->actors[r->object].label);
        }
        for (size_t i = notes.first[s]; i < notes.first[s + 1]; i++) {
            const NgXNote *n = &x->notes[notes.items[i].a];
            if (!strcmp(n->kind, "name"))
                fprintf(out, "    untaken  name \"%.*s\": %s\n", (int)(n->span.end - n->span.begin),
                        t + n->span.begin, n->why);
            else if (n->span.begin == se->span.begin && n->span.end == se->span.end)
                fprintf(out, "    untaken  sentence: %s\n", n->why);
            else
                fprintf(out, "    untaken  \"%.*s\": %s\n", (int)(n->span.end - n->span.begin), t + n->span.begin, n->why);
        }
    }
    explain_free(&acts);
    explain_free(&evs);
    explain_free(&cls);
    explain_free(&rels);
    explain_free(&notes);
    if (st)
        return st;
    return ferror(out) ? NG_ERR_IO : NG_SUCCESS;
}
