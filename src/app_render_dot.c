/* app_render_dot.c — drawing a view of the graph as Graphviz DOT text: the network (actors by
 * kind, events with their time, claims by modality, and the edges between them) and the timeline
 * (events in time order, each with its participants), each with its legend.  The nodes of a view
 * are sorted by IRI and kept or left out by degree (--max-nodes), so equal graphs give equal text.
 */
#include "app_picture.h"

#include <stdlib.h>
#include <string.h>

/* Appends `s` as the inside of a DOT double-quoted string: quotes and backslashes escaped, line
 * breaks and other control characters as spaces. */
static NgStatus dot_escape(NgBuf *b, const char *s)
{
    NgStatus st = NG_SUCCESS;
    for (const char *p = s; !st && *p; p++) {
        if (*p == '"' || *p == '\\')
            st = ng_buf_appendf(b, "\\%c", *p);
        else if ((unsigned char)*p < 0x20 || *p == 0x7f)
            st = ng_buf_append(b, " ", 1);
        else
            st = ng_buf_append(b, p, 1);
    }
    return st;
}

/* Appends `s` shortened to at most `max` code points (an ellipsis when cut) and wrapped into lines
 * of about `width` code points, as DOT label text ("\n" between lines). */
static NgStatus dot_wrapped(NgBuf *b, const char *s, size_t max, size_t width)
{
    NgBuf t = {0};
    NgStatus st = ng_buf_append(&t, "", 0);
    size_t cps = 0, line = 0;
    const char *p = s;
    while (!st && *p) {
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\n' && *p != '\t')
            p++;
        size_t wl = ng_utf8_length(w, (size_t)(p - w));
        if (cps + wl + 1 > max && cps > 0) {
            st = ng_buf_append(&t, "\xe2\x80\xa6", 3);
            break;
        }
        if (line > 0 && line + 1 + wl > width) {
            st = ng_buf_append(&t, "\n", 1);
            line = 0;
        } else if (line > 0) {
            st = ng_buf_append(&t, " ", 1);
            line++;
        }
        if (!st)
            st = ng_buf_append(&t, w, (size_t)(p - w));
        line += wl;
        cps += wl + 1;
    }
    /* escape, keeping our line breaks as DOT's \n */
    for (const char *q = t.data; !st && q && *q; q++) {
        if (*q == '\n')
            st = ng_buf_append(b, "\\n", 2);
        else if (*q == '"' || *q == '\\')
            st = ng_buf_appendf(b, "\\%c", *q);
        else if ((unsigned char)*q < 0x20)
            st = ng_buf_append(b, " ", 1);
        else
            st = ng_buf_append(b, q, 1);
    }
    ng_buf_free(&t);
    return st;
}

/* How each actor kind looks. */
static const struct {
    const char *shape, *fill, *border;
} kind_style[NG_PK__COUNT] = {
    [NG_PK_PERSON] = {"ellipse", "#fdd9a0", "#b35806"},
    [NG_PK_COUNTRY] = {"box", "#a6cee3", "#1f5f8b"},
    [NG_PK_ORGANIZATION] = {"hexagon", "#b2df8a", "#33a02c"},
    [NG_PK_GROUP] = {"octagon", "#d9c6e8", "#6a3d9a"},
    [NG_PK_PLACE] = {"house", "#e5e5e5", "#555555"},
    [NG_PK_OTHER] = {"ellipse", "#ffffff", "#555555"},
};

#define EVENT_STYLE "shape=box, style=\"rounded,filled\", fillcolor=\"#fbb4ae\", color=\"#b2182b\""
#define ARTICLE_STYLE "shape=folder, style=filled, fillcolor=\"#f0f0f0\", color=\"#444444\""

/* The line style that shows a claim's modality. */
static const char *modality_style(const char *m)
{
    if (!strcmp(m, "Hedged"))
        return "filled,dashed";
    if (!strcmp(m, "Predicted"))
        return "filled,dotted";
    if (!strcmp(m, "Reported"))
        return "filled,bold";
    return "filled";
}

/* The nodes of a view: every actor, event, claim and authoring article, with their degrees. */
typedef enum { VN_ACTOR, VN_EVENT, VN_CLAIM, VN_ARTICLE } VNodeType;

typedef struct {
    VNodeType type;
    size_t index;      /* into the graph's array of that type */
    size_t id;         /* the node's id (NgPicActor.id...): its name in the DOT text */
    const char *iri;
    size_t degree;
    bool kept;
} VNode;

typedef struct {
    size_t from, to;   /* into the node array */
    int type;          /* 0 participant, 1 place, 2 author, 3 about, 4 relation */
    const char *label; /* relation property, else NULL */
} VEdge;

typedef struct {
    VNode *nodes;
    size_t node_count, node_cap;
    VEdge *edges;
    size_t edge_count, edge_cap;
} View;

static void view_free(View *v)
{
    free(v->nodes);
    free(v->edges);
    memset(v, 0, sizeof *v);
}

static int cmp_vnode_iri(const void *a, const void *b)
{
    return strcmp(((const VNode *)a)->iri, ((const VNode *)b)->iri);
}

/* The node of `iri`, or SIZE_MAX (nodes are sorted by IRI once built). */
static size_t view_find(const View *v, const char *iri)
{
    VNode key = {.iri = iri};
    const VNode *n = v->node_count ? bsearch(&key, v->nodes, v->node_count, sizeof key,
                                             cmp_vnode_iri)
                                   : NULL;
    return n ? (size_t)(n - v->nodes) : SIZE_MAX;
}

static NgStatus view_node(View *v, VNodeType type, size_t index, size_t id, const char *iri)
{
    NgStatus st = ng_grow((void **)&v->nodes, &v->node_cap, v->node_count + 1, sizeof *v->nodes);
    if (!st)
        v->nodes[v->node_count++] = (VNode){type, index, id, iri, 0, true};
    return st;
}

static NgStatus view_edge(View *v, const char *from, const char *to, int type, const char *label)
{
    size_t f = view_find(v, from), t = view_find(v, to);
    if (f == SIZE_MAX || t == SIZE_MAX || f == t)
        return NG_SUCCESS;
    NgStatus st = ng_grow((void **)&v->edges, &v->edge_cap, v->edge_count + 1, sizeof *v->edges);
    if (st)
        return st;
    v->edges[v->edge_count++] = (VEdge){f, t, type, label};
    v->nodes[f].degree++;
    v->nodes[t].degree++;
    return NG_SUCCESS;
}

static NgStatus view_build(const NgPicGraph *g, View *v)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < g->actor_count; i++)
        st = view_node(v, VN_ACTOR, i, g->actors[i].id, g->actors[i].iri);
    for (size_t i = 0; !st && i < g->event_count; i++)
        st = view_node(v, VN_EVENT, i, g->events[i].id, g->events[i].iri);
    for (size_t i = 0; !st && i < g->claim_count; i++)
        st = view_node(v, VN_CLAIM, i, g->claims[i].id, g->claims[i].iri);
    for (size_t i = 0; !st && i < g->article_count; i++)
        if (g->articles[i].source)
            st = view_node(v, VN_ARTICLE, i, g->articles[i].id, g->articles[i].iri);
    if (st)
        return st;
    if (v->node_count)
        qsort(v->nodes, v->node_count, sizeof *v->nodes, cmp_vnode_iri);
    for (size_t i = 0; !st && i < g->event_count; i++) {
        const NgPicEvent *e = &g->events[i];
        for (size_t k = 0; !st && k < e->actor_count; k++)
            st = view_edge(v, e->iri, e->actors[k], 0, NULL);
        if (!st && e->place)
            st = view_edge(v, e->iri, e->place, 1, NULL);
    }
    for (size_t i = 0; !st && i < g->claim_count; i++) {
        const NgPicClaim *c = &g->claims[i];
        if (c->author)
            st = view_edge(v, c->author, c->iri, 2, NULL);
        for (size_t k = 0; !st && k < c->about_count; k++)
            st = view_edge(v, c->iri, c->about[k], 3, NULL);
    }
    for (size_t i = 0; !st && i < g->relation_count; i++)
        st = view_edge(v, g->relations[i].s, g->relations[i].o, 4, ng_pic_local(g->relations[i].p));
    return st;
}

/* Keeps the `max` nodes of the highest degree (ties: actors, events, claims, articles, then by
 * IRI) among those `eligible`; returns how many eligible nodes were dropped. */
static size_t view_keep(View *v, size_t max, bool events_only)
{
    size_t eligible = 0;
    for (size_t i = 0; i < v->node_count; i++) {
        bool e = !events_only || v->nodes[i].type == VN_EVENT;
        v->nodes[i].kept = e;
        eligible += e;
    }
    if (max == 0 || eligible <= max)
        return 0;
    size_t *order = malloc(v->node_count * sizeof *order);
    if (!order)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < v->node_count; i++)
        if (v->nodes[i].kept)
            order[n++] = i;
    /* insertion sort by (degree desc, type, index): stable and small */
    for (size_t i = 1; i < n; i++) {
        size_t x = order[i], j = i;
        while (j > 0) {
            const VNode *a = &v->nodes[order[j - 1]], *b = &v->nodes[x];
            bool before = b->degree > a->degree ||
                          (b->degree == a->degree &&
                           (b->type < a->type || (b->type == a->type && order[j - 1] > x)));
            if (!before)
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    for (size_t i = max; i < n; i++)
        v->nodes[order[i]].kept = false;
    free(order);
    return eligible - max;
}

static const char *node_id_prefix(VNodeType t)
{
    return t == VN_ACTOR ? "a" : t == VN_EVENT ? "e" : t == VN_CLAIM ? "c" : "d";
}

/* Appends an event's label text: its label wrapped into lines of about `width` code points,
 * then its time in parentheses when it has one. */
static NgStatus dot_event_label(NgBuf *b, const NgPicEvent *e, size_t width)
{
    NgStatus st = dot_wrapped(b, e->label, 40, width);
    if (!st && e->time) {
        st = ng_buf_append(b, "\\n(", 3);
        if (!st)
            st = dot_escape(b, e->time);
        if (!st)
            st = ng_buf_append(b, ")", 1);
    }
    return st;
}

/* Appends the DOT statement of node `i`, named `id`. */
static NgStatus dot_node(NgBuf *b, const NgPicGraph *g, const VNode *n, const char *id)
{
    NgStatus st = ng_buf_appendf(b, "  %s [label=\"", id);
    if (st)
        return st;
    switch (n->type) {
    case VN_ACTOR: {
        const NgPicActor *a = &g->actors[n->index];
        st = dot_wrapped(b, a->label, 48, 18);
        if (!st)
            st = ng_buf_appendf(b, "\", shape=%s, style=filled, fillcolor=\"%s\", color=\"%s\"",
                                kind_style[a->kind].shape, kind_style[a->kind].fill,
                                kind_style[a->kind].border);
        break;
    }
    case VN_EVENT: {
        st = dot_event_label(b, &g->events[n->index], 18);
        if (!st)
            st = ng_buf_appendf(b, "\", " EVENT_STYLE);
        break;
    }
    case VN_CLAIM: {
        const NgPicClaim *c = &g->claims[n->index];
        st = dot_wrapped(b, c->text, 56, 22);
        if (!st)
            st = ng_buf_appendf(b, "\", shape=note, fontsize=11, style=\"%s\", fillcolor=\"#fff7bc\", "
                                   "color=\"#8c6d1f\"",
                                modality_style(c->modality));
        break;
    }
    case VN_ARTICLE: {
        const NgPicArticle *d = &g->articles[n->index];
        st = ng_buf_append(b, "Article: ", 9);
        if (!st)
            st = dot_wrapped(b, d->headline[0] ? d->headline : ng_pic_local(d->iri), 60, 24);
        if (!st)
            st = ng_buf_appendf(b, "\", " ARTICLE_STYLE);
        break;
    }
    }
    if (!st)
        st = ng_buf_append(b, ", tooltip=\"", 11);
    if (!st)
        st = dot_escape(b, n->iri);
    if (!st)
        st = ng_buf_append(b, "\"];\n", 4);
    return st;
}

static const char *const edge_style[] = {
    "color=\"#555555\"",                                     /* participant */
    "color=\"#555555\", style=dotted, label=\"in\"",         /* place */
    "color=\"#8c6d1f\", penwidth=1.4",                       /* author -> claim */
    "color=\"#aaaaaa\", style=dashed, arrowsize=0.6",        /* claim -> about */
    "color=\"#1f4e99\", penwidth=1.8, fontcolor=\"#1f4e99\"" /* relation */
};

/* The legend: one sample of every node style, in a cluster; invisible chains stack the samples
 * in two short columns. */
static NgStatus dot_legend(NgBuf *b, bool claims)
{
    NgStatus st = ng_buf_appendf(b, "  subgraph cluster_legend {\n"
                                    "    label=\"Legend\"; fontsize=14; style=rounded; color=\"#888888\";\n"
                                    "    node [fontsize=11, margin=\"0.08,0.04\"];\n");
    for (int k = 0; !st && k < NG_PK_OTHER; k++)
        st = ng_buf_appendf(b, "    legend_k%d [label=\"%s\", shape=%s, style=filled, fillcolor=\"%s\", "
                               "color=\"%s\"];\n",
                            k, ng_pic_kind_name((NgPicKind)k), kind_style[k].shape, kind_style[k].fill,
                            kind_style[k].border);
    if (!st)
        st = ng_buf_appendf(b, "    legend_event [label=\"Event\\n(time)\", " EVENT_STYLE "];\n");
    if (!st && claims) {
        static const char *const mods[] = {"Asserted", "Hedged", "Predicted", "Reported"};
        for (int m = 0; !st && m < 4; m++)
            st = ng_buf_appendf(b, "    legend_m%d [label=\"Claim: %s\", shape=note, style=\"%s\", "
                                   "fillcolor=\"#fff7bc\", color=\"#8c6d1f\"];\n",
                                m, mods[m], modality_style(mods[m]));
        if (!st)
            st = ng_buf_appendf(b, "    legend_article [label=\"Article\", " ARTICLE_STYLE "];\n");
        if (!st)
            st = ng_buf_appendf(b, "    legend_rel_a [label=\"Actor\", shape=plaintext];\n"
                                   "    legend_rel_b [label=\"Actor\", shape=plaintext];\n"
                                   "    legend_rel_a -> legend_rel_b [%s, label=\"relation\"];\n",
                                edge_style[4]);
    }
    if (!st)
        st = ng_buf_appendf(b, "    legend_k0 -> legend_k1 -> legend_k2 -> legend_k3 -> legend_k4 "
                               "[style=invis];\n");
    if (!st && claims)
        st = ng_buf_appendf(b, "    legend_event -> legend_m0 -> legend_m1 -> legend_m2 -> legend_m3 -> "
                               "legend_article [style=invis];\n");
    return st ? st : ng_buf_append(b, "  }\n", 4);
}

static NgStatus dot_network(const NgPicGraph *g, const View *v, NgBuf *b)
{
    NgStatus st = ng_buf_appendf(b,
                                 "digraph newsgraph {\n"
                                 "  layout=dot; rankdir=LR; ranksep=1.1; nodesep=0.25; newrank=true;\n"
                                 "  fontname=\"Helvetica\"; pad=0.3;\n"
                                 "  node [fontname=\"Helvetica\", fontsize=13, margin=\"0.12,0.06\"];\n"
                                 "  edge [fontname=\"Helvetica\", fontsize=10, arrowsize=0.8];\n");
    if (!st)
        st = dot_legend(b, true);
    char id[32];
    for (size_t i = 0; !st && i < v->node_count; i++) {
        if (!v->nodes[i].kept)
            continue;
        snprintf(id, sizeof id, "%s%zu", node_id_prefix(v->nodes[i].type), v->nodes[i].id);
        st = dot_node(b, g, &v->nodes[i], id);
    }
    for (size_t i = 0; !st && i < v->edge_count; i++) {
        const VEdge *e = &v->edges[i];
        const VNode *f = &v->nodes[e->from], *t = &v->nodes[e->to];
        if (!f->kept || !t->kept)
            continue;
        st = ng_buf_appendf(b, "  %s%zu -> %s%zu [%s", node_id_prefix(f->type), f->id,
                            node_id_prefix(t->type), t->id, edge_style[e->type]);
        if (!st && e->label) {
            st = ng_buf_append(b, ", label=\"", 9);
            if (!st)
                st = dot_escape(b, e->label);
            if (!st)
                st = ng_buf_append(b, "\"", 1);
        }
        if (!st)
            st = ng_buf_append(b, "];\n", 3);
    }
    return st ? st : ng_buf_append(b, "}\n", 2);
}

/* Events in time order: dated ones by their time (then by where the text first states them),
 * undated ones after, by where the text first states them; ties by IRI. */
static int cmp_event_time(const void *a, const void *b)
{
    const NgPicEvent *x = *(const NgPicEvent *const *)a, *y = *(const NgPicEvent *const *)b;
    if (!x->time != !y->time)
        return x->time ? -1 : 1;
    if (x->time) {
        int c = strcmp(x->time, y->time);
        if (c)
            return c;
    }
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return strcmp(x->iri, y->iri);
}

static NgStatus dot_timeline(const NgPicGraph *g, const View *v, NgBuf *b)
{
    const NgPicEvent **order = g->event_count ? malloc(g->event_count * sizeof *order) : NULL;
    size_t n = 0;
    if (g->event_count && !order)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < v->node_count; i++)
        if (v->nodes[i].kept && v->nodes[i].type == VN_EVENT)
            order[n++] = &g->events[v->nodes[i].index];
    if (n)
        qsort(order, n, sizeof *order, cmp_event_time);
    NgStatus st = ng_buf_appendf(b,
                                 "digraph timeline {\n"
                                 "  layout=dot; rankdir=TB; ranksep=0.35; nodesep=0.3; newrank=true;\n"
                                 "  fontname=\"Helvetica\"; pad=0.3;\n"
                                 "  node [fontname=\"Helvetica\", fontsize=13, margin=\"0.12,0.06\"];\n"
                                 "  edge [fontname=\"Helvetica\", fontsize=10];\n");
    if (!st)
        st = dot_legend(b, false);
    /* The axis: one tick per event, labelled where the time changes, chained top to bottom. */
    for (size_t i = 0; !st && i < n; i++) {
        const NgPicEvent *e = order[i];
        bool first = i == 0 || (e->time ? !order[i - 1]->time || strcmp(order[i - 1]->time, e->time)
                                        : order[i - 1]->time != NULL);
        st = ng_buf_appendf(b, "  t%zu [shape=plaintext, fontsize=15, fontcolor=\"#333333\", label=\"", i);
        if (!st && first)
            st = e->time ? dot_escape(b, e->time) : ng_buf_append(b, "no date", 7);
        if (!st)
            st = ng_buf_append(b, "\"];\n", 4);
        if (!st && i > 0)
            st = ng_buf_appendf(b, "  t%zu -> t%zu [arrowhead=none, penwidth=3, color=\"#777777\", weight=100];\n",
                                i - 1, i);
    }
    if (!st && n)
        st = ng_buf_appendf(b, "  t_end [shape=plaintext, label=\"time\", fontcolor=\"#777777\"];\n"
                               "  t%zu -> t_end [penwidth=3, color=\"#777777\", weight=100];\n",
                            n - 1);
    for (size_t i = 0; !st && i < n; i++) {
        const NgPicEvent *e = order[i];
        size_t ei = e->id;
        st = ng_buf_appendf(b, "  e%zu [label=\"", ei);
        if (!st)
            st = dot_event_label(b, e, 24);
        if (!st)
            st = ng_buf_append(b, "\", " EVENT_STYLE ", tooltip=\"", strlen("\", " EVENT_STYLE ", tooltip=\""));
        if (!st)
            st = dot_escape(b, e->iri);
        if (!st)
            st = ng_buf_append(b, "\"];\n", 4);
        if (!st)
            st = ng_buf_appendf(b, "  t%zu -> e%zu [arrowhead=none, style=dotted, color=\"#999999\"];\n", i, ei);
        NgBuf same = {0};
        if (!st)
            st = ng_buf_appendf(&same, "  { rank=same; t%zu; e%zu;", i, ei);
        /* participants (and the place) as small copies beside the event */
        size_t parts = e->actor_count + (e->place ? 1 : 0);
        for (size_t k = 0; !st && k < parts; k++) {
            const char *iri = k < e->actor_count ? e->actors[k] : e->place;
            const NgPicActor *a = ng_pic_actor(g, iri);
            NgPicKind kind = a ? a->kind : NG_PK_OTHER;
            st = ng_buf_appendf(b, "  p%zu_%zu [label=\"%s", ei, k, k < e->actor_count ? "" : "in ");
            if (!st)
                st = dot_wrapped(b, a ? a->label : ng_pic_local(iri), 48, 18);
            if (!st)
                st = ng_buf_appendf(b, "\", fontsize=11, shape=%s, style=filled, fillcolor=\"%s\", color=\"%s\", tooltip=\"",
                                    kind_style[kind].shape, kind_style[kind].fill, kind_style[kind].border);
            if (!st)
                st = dot_escape(b, iri);
            if (!st)
                st = ng_buf_append(b, "\"];\n", 4);
            /* chained after the event, left to right: e - p0 - p1 ... */
            if (!st && k == 0)
                st = ng_buf_appendf(b, "  e%zu -> p%zu_0 [arrowhead=none, color=\"#555555\"%s];\n",
                                    ei, ei, k < e->actor_count ? "" : ", style=dotted");
            else if (!st)
                st = ng_buf_appendf(b, "  p%zu_%zu -> p%zu_%zu [arrowhead=none, color=\"#bbbbbb\"%s];\n",
                                    ei, k - 1, ei, k, k < e->actor_count ? "" : ", style=dotted");
            if (!st)
                st = ng_buf_appendf(&same, " p%zu_%zu;", ei, k);
        }
        if (!st)
            st = ng_buf_append(&same, " }\n", 3);
        if (!st)
            st = ng_buf_append(b, same.data, same.len);
        ng_buf_free(&same);
    }
    free(order);
    return st ? st : ng_buf_append(b, "}\n", 2);
}

NgStatus ng_pic_dot(const NgPicGraph *g, const NgRenderOptions *options, NgBuf *dot,
                    size_t *omitted)
{
    View v = {0};
    NgStatus st = view_build(g, &v);
    bool timeline = options && options->view == NG_VIEW_TIMELINE;
    size_t left = 0;
    if (!st)
        left = view_keep(&v, options ? options->max_nodes : 0, timeline);
    if (!st)
        st = timeline ? dot_timeline(g, &v, dot) : dot_network(g, &v, dot);
    if (omitted)
        *omitted = left;
    view_free(&v);
    return st;
}

