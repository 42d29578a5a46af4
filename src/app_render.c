/* app_render.c — pictures of the graph: the network of actors, events and claims, and the
 * timeline of events, laid out by Graphviz.
 *
 * Everything is read back from a store, so a picture shows what the graph says, whoever wrote it:
 * what is drawn is chosen first and only that is read (app_render_pick.c, ng_pic_load_view).
 * The view is written as DOT text (app_render_dot.c), sorted throughout so that equal graphs give equal text, then parsed by
 * cgraph (agmemread), laid out by libgvc (gvLayout: dot) and rendered by it (gvRenderData) into
 * memory, here; the bytes reach the output file atomically.  No geometry is computed here.
 */
#include "app_picture.h"

#include <errno.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- small parsers */

/* The view named by --view. */
bool ng_view_parse(const char *name, NgView *view)
{
    if (!strcmp(name, "network"))
        *view = NG_VIEW_NETWORK;
    else if (!strcmp(name, "timeline"))
        *view = NG_VIEW_TIMELINE;
    else
        return false;
    return true;
}

/* A picture format by its name: svg, png, dot or gv (any case). */
bool ng_picture_format_parse(const char *name, NgPictureFormat *format)
{
    if (!strcasecmp(name, "svg"))
        *format = NG_PICTURE_SVG;
    else if (!strcasecmp(name, "png"))
        *format = NG_PICTURE_PNG;
    else if (!strcasecmp(name, "dot") || !strcasecmp(name, "gv"))
        *format = NG_PICTURE_DOT;
    else
        return false;
    return true;
}

/* The picture format of an output file, by its extension. */
bool ng_picture_format_of(const char *path, NgPictureFormat *format)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return false;
    return ng_picture_format_parse(dot + 1, format);
}

/* ---------------------------------------------------------------- a view as DOT text */

/* The DOT text of a view of the store, chosen before it is read (ng_pic_load_view), appended to
 * *dot; *omitted receives how many nodes were left out.  `render` and the picture in `report`
 * share it, so neither reads more of the graph than it draws. */
NgStatus ng_pic_view_dot(NgStore *store, const NgRenderOptions *options, const NgDiag *diag,
                         NgBuf *dot, size_t *omitted)
{
    NgPicGraph g;
    size_t none = 0;
    NgStatus st = ng_pic_load_view(store, options, diag, &g, omitted);
    if (st)
        return st;
    st = ng_pic_dot(&g, options, dot, &none); /* g holds only what is drawn: none left out */
    ng_pic_free(&g);
    return st;
}

/* Reads the view from the store and writes its DOT text, with a caption saying what was left
 * out. */
NgStatus ng_render_dot(NgStore *store, const NgRenderOptions *options, const NgDiag *diag,
                       char **dot, size_t *omitted)
{
    *dot = NULL;
    size_t left = 0;
    NgBuf b = {0};
    NgStatus st = ng_pic_view_dot(store, options, diag, &b, &left);
    /* say in the picture what was left out: a caption under it, before the closing brace */
    if (!st && left && b.len >= 2 && !strcmp(b.data + b.len - 2, "}\n")) {
        b.len -= 2;
        st = ng_buf_appendf(&b, "  label=\"The %zu most connected %s; %zu less connected left "
                                "out (--max-nodes 0 draws all)\";\n  labelloc=b;\n  fontsize=11;\n}\n",
                            options->max_nodes,
                            options->view == NG_VIEW_TIMELINE ? "events" : "nodes", left);
    }
    if (omitted)
        *omitted = left;
    if (st) {
        ng_buf_free(&b);
        return st;
    }
    *dot = ng_buf_take(&b);
    return *dot ? NG_SUCCESS : NG_ERR_NOMEM;
}

/* ---------------------------------------------------------------- Graphviz */

/* Lays DOT text out and renders it with libgvc, into memory. */
NgStatus ng_pic_layout(const char *dot, const char *format, const NgDiag *diag, char **out,
                       size_t *len)
{
    *out = NULL;
    *len = 0;
    GVC_t *gvc = gvContext();
    if (!gvc) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "cannot start Graphviz");
        return NG_ERR_INTERNAL;
    }
    NgStatus st = NG_SUCCESS;
    Agraph_t *g = agmemread(dot);
    if (!g) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "Graphviz could not read the picture");
        st = NG_ERR_INTERNAL;
    }
    const char *engine = g ? agget(g, "layout") : NULL;
    if (!st && gvLayout(gvc, g, engine && *engine ? engine : "dot") != 0) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "Graphviz could not lay the picture out");
        st = NG_ERR_INTERNAL;
    }
    char *data = NULL;
    unsigned int n = 0;
    if (!st && (gvRenderData(gvc, g, format, &data, &n) != 0 || !data)) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "Graphviz could not render %s (is its plugin installed?)", format);
        st = NG_ERR_INTERNAL;
    }
    if (!st) {
        *out = malloc((size_t)n + 1);
        if (!*out) {
            st = NG_ERR_NOMEM;
        } else {
            memcpy(*out, data, n);
            (*out)[n] = '\0';
            *len = n;
        }
    }
    if (data)
        gvFreeRenderData(data);
    if (g) {
        gvFreeLayout(gvc, g);
        agclose(g);
    }
    gvFreeContext(gvc);
    return st;
}

/* ---------------------------------------------------------------- atomic output */

typedef struct {
    const char *bytes;
    size_t len;
} Bytes;

/* Writes the bytes to the temporary file of an atomic write. */
static NgStatus bytes_writer(FILE *f, const char *path, void *data, const NgDiag *diag)
{
    const Bytes *b = data;
    if (b->len && fwrite(b->bytes, 1, b->len, f) != b->len) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "write failed: %s", strerror(errno));
        return NG_ERR_IO;
    }
    return NG_SUCCESS;
}

/* Writes bytes to `path` atomically. */
NgStatus ng_pic_write_file(const char *path, const char *bytes, size_t len, const NgDiag *diag)
{
    Bytes b = {bytes, len};
    return ng_file_write_atomic(path, bytes_writer, &b, diag);
}

/* Renders the view to `path`: the DOT text itself, or Graphviz's SVG or PNG. */
NgStatus ng_render_file(NgStore *store, const NgRenderOptions *options, NgPictureFormat format,
                        const char *path, const NgDiag *diag, size_t *omitted)
{
    char *dot = NULL;
    NgStatus st = ng_render_dot(store, options, diag, &dot, omitted);
    if (st)
        return st;
    if (format == NG_PICTURE_DOT) {
        st = ng_pic_write_file(path, dot, strlen(dot), diag);
    } else {
        char *bytes = NULL;
        size_t len = 0;
        st = ng_pic_layout(dot, format == NG_PICTURE_PNG ? "png" : "svg", diag, &bytes, &len);
        if (!st)
            st = ng_pic_write_file(path, bytes, len, diag);
        free(bytes);
    }
    free(dot);
    return st;
}
