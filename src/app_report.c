/* app_report.c — one self-contained HTML page of a graph: each article's text with every actor,
 * event and claim span highlighted, a panel naming the node a span maps to, the network picture,
 * and tables of claims, events and actors.
 *
 * Like app_render.c it reads the graph back from a store, never from extraction internals: the
 * text and tables through ng_pic_load, the picture, as `render` draws it, through ng_pic_view_dot
 * (only the nodes drawn).  The text is the article's nif:isString, the highlights its NIF spans.
 * Spans nest or cross freely; they are written as properly nested <span> elements, an element that
 * a later span crosses being closed and reopened (the reopened piece lacks the "start" class), so
 * every span has exactly one "start" piece.  Every piece of text and every attribute value is HTML-escaped.
 * The page holds its CSS and script inline and loads nothing.
 */
#include "app_picture.h"

#include <stdlib.h>
#include <string.h>

/* The report's picture keeps this many of the most connected nodes, so labels stay readable. */
#define NG_REPORT_MAX_NODES NG_RENDER_NETWORK_NODES

/* ---------------------------------------------------------------- escaping */

/* Appends `len` bytes of `s` with &, <, >, " and ' escaped (safe in text and in attributes). */
static NgStatus html_n(NgBuf *b, const char *s, size_t len)
{
    NgStatus st = NG_SUCCESS;
    size_t run = 0;
    for (size_t i = 0; !st && i < len; i++) {
        const char *ent = NULL;
        switch (s[i]) {
        case '&': ent = "&amp;"; break;
        case '<': ent = "&lt;"; break;
        case '>': ent = "&gt;"; break;
        case '"': ent = "&quot;"; break;
        case '\'': ent = "&#39;"; break;
        default: break;
        }
        if (!ent) {
            run++;
            continue;
        }
        st = ng_buf_append(b, s + i - run, run);
        run = 0;
        if (!st)
            st = ng_buf_append(b, ent, strlen(ent));
    }
    return st ? st : ng_buf_append(b, s + len - run, run);
}

static NgStatus html(NgBuf *b, const char *s)
{
    return html_n(b, s ? s : "", s ? strlen(s) : 0);
}

/* Appends literal markup. */
static NgStatus raw(NgBuf *b, const char *s)
{
    return ng_buf_append(b, s, strlen(s));
}

static const char *kind_class(NgPicKind k)
{
    static const char *const names[] = {"person", "country", "organization", "group", "place",
                                        "actor"};
    return k < NG_PK__COUNT ? names[k] : "actor";
}

static const char *modality_class(const char *m)
{
    if (!strcmp(m, "Hedged"))
        return "hedged";
    if (!strcmp(m, "Predicted"))
        return "predicted";
    if (!strcmp(m, "Reported"))
        return "reported";
    if (!strcmp(m, "Asserted"))
        return "asserted";
    return "other";
}

/* ---------------------------------------------------------------- the highlighted text */

typedef struct {
    const NgPicGraph *g;
    bool *claim_seen, *event_seen, *actor_seen; /* the first piece of a node gets an id */
} Marks;

/* Opens the element of span `s`; `start` marks the span's first piece. */
static NgStatus open_mark(NgBuf *b, Marks *m, const NgPicSpan *s, bool start)
{
    const NgPicGraph *g = m->g;
    NgStatus st = NG_SUCCESS;
    const char *label = ng_pic_label(g, s->node);
    size_t idx = 0;
    bool *seen = NULL;
    if (s->kind == NG_PS_ACTOR) {
        const NgPicActor *a = ng_pic_actor(g, s->node);
        idx = (size_t)(a - g->actors);
        seen = &m->actor_seen[idx];
        st = ng_buf_appendf(b, "<span class=\"m m-actor k-%s%s\" data-kind=\"%s\"", kind_class(a->kind),
                            start ? " start" : "", ng_pic_kind_name(a->kind));
    } else if (s->kind == NG_PS_EVENT) {
        const NgPicEvent *e = ng_pic_event(g, s->node);
        idx = (size_t)(e - g->events);
        seen = &m->event_seen[idx];
        st = ng_buf_appendf(b, "<span class=\"m m-event%s\" data-kind=\"Event\"", start ? " start" : "");
        if (!st && e->time) {
            st = raw(b, " data-time=\"");
            if (!st)
                st = html(b, e->time);
            if (!st)
                st = raw(b, "\"");
        }
    } else {
        const NgPicClaim *c = ng_pic_claim(g, s->node);
        idx = (size_t)(c - g->claims);
        seen = &m->claim_seen[idx];
        st = ng_buf_appendf(b, "<span class=\"m m-claim mod-%s%s\" data-kind=\"Claim\" data-modality=\"",
                            modality_class(c->modality), start ? " start" : "");
        if (!st)
            st = html(b, c->modality);
        if (!st)
            st = raw(b, "\" data-author=\"");
        if (!st)
            st = html(b, c->author ? ng_pic_label(g, c->author) : "");
        if (!st)
            st = raw(b, "\"");
    }
    if (!st && start && !*seen) {
        *seen = true;
        st = ng_buf_appendf(b, " id=\"%s-%zu\"",
                            s->kind == NG_PS_ACTOR ? "actor" : s->kind == NG_PS_EVENT ? "event" : "claim",
                            idx);
    }
    if (!st && start)
        st = ng_buf_appendf(b, " data-span=\"%zu,%zu\"", s->begin, s->end);
    if (!st)
        st = raw(b, " data-node=\"");
    if (!st)
        st = html(b, s->node);
    if (!st)
        st = raw(b, "\" data-label=\"");
    if (!st)
        st = html(b, label);
    if (!st)
        st = raw(b, "\" title=\"");
    if (!st)
        st = html(b, s->kind == NG_PS_CLAIM ? "Claim" : s->kind == NG_PS_EVENT ? "Event" : "Actor");
    if (!st)
        st = raw(b, ": ");
    if (!st && s->kind != NG_PS_CLAIM)
        st = html(b, label);
    if (!st && s->kind != NG_PS_CLAIM)
        st = raw(b, " &#8212; ");
    if (!st)
        st = html(b, s->node);
    return st ? st : raw(b, "\">");
}

/* Writes the article's text with its spans (spans[first..last) of the graph, sorted by begin,
 * end descending, claims before events before actors) as nested elements. */
static NgStatus marked_text(NgBuf *b, Marks *m, const NgPicArticle *a, size_t first, size_t last,
                            const NgDiag *diag)
{
    const NgPicGraph *g = m->g;
    const char *text = a->text;
    size_t bytes = strlen(text);
    size_t cps = ng_utf8_length(text, bytes);
    size_t *at = malloc((cps + 1) * sizeof *at); /* byte offset of every code point */
    size_t *stack = malloc((last - first + 1) * sizeof *stack);
    size_t *reopen = malloc((last - first + 1) * sizeof *reopen);
    NgStatus st = at && stack && reopen ? NG_SUCCESS : NG_ERR_NOMEM;
    for (size_t i = 0, cp = 0; !st && i <= bytes; cp++) {
        at[cp] = i;
        if (i == bytes)
            break;
        uint32_t c;
        size_t n = ng_utf8_decode((const unsigned char *)text + i, bytes - i, &c);
        i += n ? n : 1;
    }
    size_t depth = 0, pos = 0, next = first;
    while (!st) {
        /* skip spans that cannot be shown */
        while (next < last && (g->spans[next].end > cps || g->spans[next].begin == g->spans[next].end)) {
            if (g->spans[next].end > cps)
                ng_diag_report(diag, NG_DIAG_WARNING, NULL, 0, 0,
                               "%s: span %zu,%zu lies outside its article's text; not highlighted",
                               g->spans[next].node, g->spans[next].begin, g->spans[next].end);
            next++;
        }
        /* the next boundary: an open span's end or the next span's begin */
        size_t bound = cps;
        for (size_t k = 0; k < depth; k++)
            if (g->spans[stack[k]].end < bound)
                bound = g->spans[stack[k]].end;
        if (next < last && g->spans[next].begin < bound)
            bound = g->spans[next].begin;
        if (bound > pos)
            st = html_n(b, text + at[pos], at[bound] - at[pos]);
        pos = bound;
        if (st)
            break;
        /* close what ends here; what was opened inside it but goes on is reopened */
        size_t keep = 0, nre = 0;
        bool ends = false;
        for (size_t k = 0; k < depth; k++)
            if (g->spans[stack[k]].end == pos) {
                ends = true;
                break;
            } else {
                keep = k + 1;
            }
        if (ends) {
            for (size_t k = depth; k > keep; k--) {
                st = st ? st : raw(b, "</span>");
                if (g->spans[stack[k - 1]].end != pos)
                    reopen[nre++] = stack[k - 1];
            }
            depth = keep;
            for (size_t k = nre; !st && k > 0; k--) {
                st = open_mark(b, m, &g->spans[reopen[k - 1]], false);
                stack[depth++] = reopen[k - 1];
            }
        }
        while (!st && next < last && g->spans[next].begin == pos && g->spans[next].end <= cps) {
            if (g->spans[next].begin < g->spans[next].end) {
                st = open_mark(b, m, &g->spans[next], true);
                stack[depth++] = next;
            }
            next++;
        }
        if (pos >= cps && next >= last) {
            while (depth > 0 && !st) {
                st = raw(b, "</span>");
                depth--;
            }
            break;
        }
    }
    free(at);
    free(stack);
    free(reopen);
    return st;
}

/* ---------------------------------------------------------------- page parts */

static const char *const page_css =
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.55 'DejaVu Sans',Helvetica,Arial,sans-serif;color:#1d1d1d;background:#fafafa}\n"
    "header{padding:14px 24px;background:#243447;color:#fff}\n"
    "header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#d0d8e0}\n"
    ".layout{display:flex;gap:20px;padding:16px 24px;align-items:flex-start}\n"
    "main{flex:1;min-width:0}\n"
    "aside{position:sticky;top:12px;width:320px;flex:none;background:#fff;border:1px solid #ccc;"
    "border-radius:6px;padding:12px 14px;font-size:14px}\n"
    "aside h2{margin:0 0 8px;font-size:16px}aside .iri{word-break:break-all;font-family:monospace;font-size:12px}\n"
    "aside dl{margin:0}aside dt{font-weight:bold;margin-top:6px}aside dd{margin:0}\n"
    ".legend span{display:inline-block;margin:2px 4px 2px 0;padding:0 5px;border-radius:3px}\n"
    "section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 18px;margin-bottom:18px}\n"
    "h2{font-size:19px;margin:4px 0 10px}\n"
    ".iri{color:#666;font-family:monospace;font-size:12px;word-break:break-all}\n"
    ".text{white-space:pre-wrap;line-height:1.9}\n"
    ".m{cursor:pointer;-webkit-box-decoration-break:clone;box-decoration-break:clone}\n"
    ".m-claim{background:#fff6cf;border-left:3px solid #c9a227;padding:1px 0 1px 2px}\n"
    ".m-claim.mod-hedged{background:#e7f0fb;border-left:3px dashed #3c78c2}\n"
    ".m-claim.mod-predicted{background:#eef8e8;border-left:3px dotted #3f8f2f}\n"
    ".m-claim.mod-reported{background:#f6e9f6;border-left:3px double #8e3f8e}\n"
    ".m-event{border-bottom:3px solid #d6453d;background:rgba(251,180,174,.55)}\n"
    ".m-actor{border-radius:3px;padding:0 2px;font-weight:600}\n"
    ".k-person{background:#fdd9a0}.k-country{background:#a6cee3}.k-organization{background:#b2df8a}\n"
    ".k-group{background:#d9c6e8}.k-place{background:#e5e5e5}.k-actor{background:#eee}\n"
    ".m.hl{outline:2px solid #e4572e;outline-offset:1px}\n"
    ".picture{overflow:auto;border:1px solid #eee;max-height:1400px}\n"
    ".picture svg{display:block}\n"
    "table{border-collapse:collapse;width:100%;font-size:14px}\n"
    "th,td{border-bottom:1px solid #e3e3e3;padding:5px 7px;text-align:left;vertical-align:top}\n"
    "th{background:#f0f2f5}\n"
    "td.mod{white-space:nowrap}td a{color:#1f4e99}\n";

static const char *const page_js =
    "(function(){\n"
    "var panel=document.getElementById('panel-body');\n"
    "function add(dl,k,v){if(!v)return;var t=document.createElement('dt');t.textContent=k;"
    "var d=document.createElement('dd');d.textContent=v;dl.appendChild(t);dl.appendChild(d);}\n"
    "function show(el){var ds=el.dataset;panel.textContent='';var h=document.createElement('h2');"
    "h.textContent=ds.kind+': '+ds.label;panel.appendChild(h);var dl=document.createElement('dl');"
    "add(dl,'Node IRI',ds.node);add(dl,'Modality',ds.modality);add(dl,'Source',ds.author);"
    "add(dl,'Time',ds.time);add(dl,'Text span (code points)',ds.span);panel.appendChild(dl);"
    "dl.querySelector('dd').className='iri';"
    "document.querySelectorAll('.m.hl').forEach(function(x){x.classList.remove('hl');});"
    "document.querySelectorAll('.m').forEach(function(x){if(x.dataset.node===ds.node)x.classList.add('hl');});}\n"
    "document.querySelectorAll('.m').forEach(function(el){"
    "el.addEventListener('mouseover',function(e){e.stopPropagation();show(el);});"
    "el.addEventListener('click',function(e){e.stopPropagation();show(el);});});\n"
    "document.body.setAttribute('data-ready','yes');\n"
    "})();\n";

static NgStatus panel_legend(NgBuf *b)
{
    NgStatus st = raw(b, "<aside id=\"panel\"><div id=\"panel-body\"><h2>Spans</h2>"
                         "<p>Hover over or click a highlighted span to see the node it maps to and its "
                         "IRI.</p></div><hr><div class=\"legend\"><strong>Actors</strong><br>");
    for (int k = 0; !st && k < NG_PK_OTHER; k++)
        st = ng_buf_appendf(b, "<span class=\"k-%s\">%s</span>", kind_class((NgPicKind)k),
                            ng_pic_kind_name((NgPicKind)k));
    if (!st)
        st = raw(b, "<br><strong>Events</strong><br><span class=\"m-event\">event</span>"
                    "<br><strong>Claims by modality</strong><br>"
                    "<span class=\"m-claim mod-asserted\">asserted</span>"
                    "<span class=\"m-claim mod-hedged\">hedged</span>"
                    "<span class=\"m-claim mod-predicted\">predicted</span>"
                    "<span class=\"m-claim mod-reported\">reported</span></div></aside>\n");
    return st;
}

/* Appends the labels of a list of nodes, comma separated, each linked to its first span. */
static NgStatus node_list(NgBuf *b, const NgPicGraph *g, char *const *iris, size_t n)
{
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < n; i++) {
        if (i)
            st = raw(b, ", ");
        const NgPicActor *a = ng_pic_actor(g, iris[i]);
        const NgPicEvent *e = a ? NULL : ng_pic_event(g, iris[i]);
        if (!st && (a || e))
            st = ng_buf_appendf(b, "<a href=\"#%s-%zu\" title=\"", a ? "actor" : "event",
                                a ? (size_t)(a - g->actors) : (size_t)(e - g->events));
        if (!st && (a || e)) {
            st = html(b, iris[i]);
            if (!st)
                st = raw(b, "\">");
        }
        if (!st)
            st = html(b, ng_pic_label(g, iris[i]));
        if (!st && (a || e))
            st = raw(b, "</a>");
    }
    return st;
}

/* Claims in the order the text states them (then by IRI). */
static int cmp_claim_ptr(const void *a, const void *b)
{
    const NgPicClaim *x = *(const NgPicClaim *const *)a, *y = *(const NgPicClaim *const *)b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return strcmp(x->iri, y->iri);
}

/* The source of a claim: an actor's label, or "the article" (its headline in a tooltip). */
static NgStatus claim_source(NgBuf *b, const NgPicGraph *g, const NgPicClaim *c)
{
    if (!c->author)
        return NG_SUCCESS;
    const NgPicArticle *a = ng_pic_article(g, c->author);
    if (!a)
        return html(b, ng_pic_label(g, c->author));
    NgStatus st = raw(b, "<i title=\"");
    if (!st)
        st = html(b, a->headline[0] ? a->headline : a->iri);
    return st ? st : raw(b, "\">the article</i>");
}

static NgStatus claims_table(NgBuf *b, const NgPicGraph *g)
{
    const NgPicClaim **order = g->claim_count ? malloc(g->claim_count * sizeof *order) : NULL;
    if (g->claim_count && !order)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < g->claim_count; i++)
        order[i] = &g->claims[i];
    if (g->claim_count)
        qsort(order, g->claim_count, sizeof *order, cmp_claim_ptr);
    NgStatus st = ng_buf_appendf(b, "<section id=\"claims\"><h2>Claims (%zu)</h2>\n"
                                    "<table id=\"claims-table\"><thead><tr><th>#</th><th>Source</th>"
                                    "<th>Modality</th><th>Text</th><th>About</th></tr></thead><tbody>\n",
                                 g->claim_count);
    for (size_t i = 0; !st && i < g->claim_count; i++) {
        const NgPicClaim *c = order[i];
        st = raw(b, "<tr class=\"claim-row\" data-node=\"");
        if (!st)
            st = html(b, c->iri);
        if (!st)
            st = ng_buf_appendf(b, "\"><td><a href=\"#claim-%zu\">%zu</a></td><td>",
                                (size_t)(c - g->claims), i + 1);
        if (!st)
            st = claim_source(b, g, c);
        if (!st)
            st = ng_buf_appendf(b, "</td><td class=\"mod\"><span class=\"m-claim mod-%s\">",
                                modality_class(c->modality));
        if (!st)
            st = html(b, c->modality);
        if (!st)
            st = raw(b, "</span></td><td>");
        if (!st)
            st = html(b, c->text);
        if (!st)
            st = raw(b, "</td><td>");
        if (!st)
            st = node_list(b, g, c->about, c->about_count);
        if (!st)
            st = raw(b, "</td></tr>\n");
    }
    free(order);
    return st ? st : raw(b, "</tbody></table></section>\n");
}

/* Events by time (dated first), then by where the text first states them. */
static int cmp_event_ptr(const void *a, const void *b)
{
    const NgPicEvent *x = *(const NgPicEvent *const *)a, *y = *(const NgPicEvent *const *)b;
    if (!x->time != !y->time)
        return x->time ? -1 : 1;
    int c = x->time ? strcmp(x->time, y->time) : 0;
    if (c)
        return c;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return strcmp(x->iri, y->iri);
}

static NgStatus events_table(NgBuf *b, const NgPicGraph *g)
{
    const NgPicEvent **order = g->event_count ? malloc(g->event_count * sizeof *order) : NULL;
    if (g->event_count && !order)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < g->event_count; i++)
        order[i] = &g->events[i];
    if (g->event_count)
        qsort(order, g->event_count, sizeof *order, cmp_event_ptr);
    NgStatus st = ng_buf_appendf(b, "<section id=\"events\"><h2>Events (%zu)</h2>\n"
                                    "<table id=\"events-table\"><thead><tr><th>Time</th><th>Event</th>"
                                    "<th>Participants</th><th>Place</th></tr></thead><tbody>\n",
                                 g->event_count);
    for (size_t i = 0; !st && i < g->event_count; i++) {
        const NgPicEvent *e = order[i];
        st = raw(b, "<tr class=\"event-row\" data-node=\"");
        if (!st)
            st = html(b, e->iri);
        if (!st)
            st = raw(b, "\"><td>");
        if (!st)
            st = html(b, e->time ? e->time : "");
        if (!st)
            st = ng_buf_appendf(b, "</td><td><a href=\"#event-%zu\" title=\"", (size_t)(e - g->events));
        if (!st)
            st = html(b, e->iri);
        if (!st)
            st = raw(b, "\">");
        if (!st)
            st = html(b, e->label);
        if (!st)
            st = raw(b, "</a></td><td>");
        if (!st)
            st = node_list(b, g, e->actors, e->actor_count);
        if (!st)
            st = raw(b, "</td><td>");
        if (!st && e->place)
            st = node_list(b, g, &e->place, 1);
        if (!st)
            st = raw(b, "</td></tr>\n");
    }
    free(order);
    return st ? st : raw(b, "</tbody></table></section>\n");
}

static NgStatus actors_table(NgBuf *b, const NgPicGraph *g)
{
    NgStatus st = ng_buf_appendf(b, "<section id=\"actors\"><h2>Actors (%zu)</h2>\n"
                                    "<table id=\"actors-table\"><thead><tr><th>Actor</th><th>Kind</th>"
                                    "<th>IRI</th></tr></thead><tbody>\n",
                                 g->actor_count);
    for (size_t i = 0; !st && i < g->actor_count; i++) {
        const NgPicActor *a = &g->actors[i];
        st = ng_buf_appendf(b, "<tr class=\"actor-row\"><td><a href=\"#actor-%zu\">", i);
        if (!st)
            st = html(b, a->label);
        if (!st)
            st = ng_buf_appendf(b, "</a></td><td><span class=\"k-%s\">%s</span></td><td class=\"iri\">",
                                kind_class(a->kind), ng_pic_kind_name(a->kind));
        if (!st)
            st = html(b, a->iri);
        if (!st)
            st = raw(b, "</td></tr>\n");
    }
    return st ? st : raw(b, "</tbody></table></section>\n");
}

/* The network picture as inline SVG (Graphviz's XML prologue and DOCTYPE dropped).  Like
 * `render`, it reads from the store only the nodes it draws (ng_pic_view_dot), not the whole
 * graph the rest of the page shows. */
static NgStatus network_section(NgBuf *b, NgStore *store, const NgDiag *diag)
{
    NgBuf dot = {0};
    NgRenderOptions o = {NG_VIEW_NETWORK, NG_REPORT_MAX_NODES};
    size_t omitted = 0;
    NgStatus st = ng_pic_view_dot(store, &o, diag, &dot, &omitted);
    char *svg = NULL;
    size_t len = 0;
    if (!st)
        st = ng_pic_layout(dot.data, "svg", diag, &svg, &len);
    ng_buf_free(&dot);
    if (!st)
        st = raw(b, "<section id=\"network\"><h2>Network</h2>");
    if (!st && omitted)
        st = ng_buf_appendf(b, "<p>The %d most connected nodes; %zu less connected ones are left "
                               "out (<code>newsgraph render</code> draws them all).</p>",
                            NG_REPORT_MAX_NODES, omitted);
    if (!st)
        st = raw(b, "<div class=\"picture\">\n");
    const char *start = svg ? strstr(svg, "<svg") : NULL;
    if (!st && start)
        st = ng_buf_append(b, start, len - (size_t)(start - svg));
    if (!st)
        st = raw(b, "</div></section>\n");
    free(svg);
    return st;
}

NgStatus ng_report_html(NgStore *store, const NgDiag *diag, char **out)
{
    NgPicGraph g;
    *out = NULL;
    NgStatus st = ng_pic_load(store, diag, &g);
    if (st)
        return st;
    NgBuf b = {0};
    Marks m = {&g, calloc(g.claim_count + 1, 1), calloc(g.event_count + 1, 1),
               calloc(g.actor_count + 1, 1)};
    if (!m.claim_seen || !m.event_seen || !m.actor_seen)
        st = NG_ERR_NOMEM;
    const char *title = g.article_count == 1 && g.articles[0].headline[0] ? g.articles[0].headline
                                                                           : "newsgraph report";
    if (!st)
        st = raw(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    if (!st)
        st = html(&b, title);
    if (!st)
        st = raw(&b, "</title>\n<style>\n");
    if (!st)
        st = raw(&b, page_css);
    if (!st)
        st = ng_buf_appendf(&b, "</style></head>\n<body data-articles=\"%zu\" data-actors=\"%zu\" "
                                "data-events=\"%zu\" data-claims=\"%zu\">\n<header><h1>",
                            g.article_count, g.actor_count, g.event_count, g.claim_count);
    if (!st)
        st = html(&b, title);
    if (!st)
        st = ng_buf_appendf(&b, "</h1><p>%zu article%s &#183; %zu actors &#183; %zu events &#183; "
                                "%zu claims &#183; %zu relations &#183; read back from the graph</p>"
                                "</header>\n<div class=\"layout\"><main>\n",
                            g.article_count, g.article_count == 1 ? "" : "s", g.actor_count,
                            g.event_count, g.claim_count, g.relation_count);
    size_t first = 0;
    for (size_t i = 0; !st && i < g.article_count; i++) {
        const NgPicArticle *a = &g.articles[i];
        while (first < g.span_count && strcmp(g.spans[first].context, a->iri) < 0)
            first++;
        size_t last = first;
        while (last < g.span_count && !strcmp(g.spans[last].context, a->iri))
            last++;
        st = ng_buf_appendf(&b, "<section class=\"article\" id=\"article-%zu\"><h2>", i);
        if (!st)
            st = html(&b, a->headline[0] ? a->headline : ng_pic_local(a->iri));
        if (!st)
            st = raw(&b, "</h2><p class=\"iri\">");
        if (!st)
            st = html(&b, a->iri);
        if (!st)
            st = raw(&b, "</p>\n<div class=\"text\">");
        if (!st)
            st = marked_text(&b, &m, a, first, last, diag);
        if (!st)
            st = raw(&b, "</div></section>\n");
        first = last;
    }
    if (!st)
        st = network_section(&b, store, diag);
    if (!st)
        st = claims_table(&b, &g);
    if (!st)
        st = events_table(&b, &g);
    if (!st)
        st = actors_table(&b, &g);
    if (!st)
        st = raw(&b, "</main>\n");
    if (!st)
        st = panel_legend(&b);
    if (!st)
        st = raw(&b, "</div>\n<script>\n");
    if (!st)
        st = raw(&b, page_js);
    if (!st)
        st = raw(&b, "</script>\n</body></html>\n");
    free(m.claim_seen);
    free(m.event_seen);
    free(m.actor_seen);
    ng_pic_free(&g);
    if (st) {
        ng_buf_free(&b);
        return st;
    }
    *out = ng_buf_take(&b);
    return *out ? NG_SUCCESS : NG_ERR_NOMEM;
}

NgStatus ng_report_write_file(NgStore *store, const char *path, const NgDiag *diag)
{
    char *page = NULL;
    NgStatus st = ng_report_html(store, diag, &page);
    if (!st)
        st = ng_pic_write_file(path, page, strlen(page), diag);
    free(page);
    return st;
}
