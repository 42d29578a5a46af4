/* cli_graph.c — the commands that read graphs, from files or stores: load (into a persistent
 * store), push (to a server), query (a store, graph files or a server), stats, validate and
 * render; and build --store's way into a store.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char ng_cli_load_help[] =
    "Usage: newsgraph load GRAPH... [--store SPEC] [--replace] [--no-ontology] [--data DIR]\n"
    "Load graphs into a persistent store: Turtle, or by the name's ending N-Triples (.nt),\n"
    "N-Quads (.nq) or TriG (.trig).  All or nothing: every file is parsed before the store is\n"
    "touched, and the triples are added in one transaction, so a failed load leaves the store\n"
    "exactly as it was.  Triples already in the store are not added again.  An sqlite: store\n"
    "keeps named graphs: 'build -f nquads' puts each article in the graph named by its IRI.\n"
    "\n"
    "  --store SPEC     sqlite:PATH (Redland's SQLite storage, keeps named graphs) or\n"
    "                   hashes:PATH (Berkeley DB, files PATH-sp2o.db, PATH-po2s.db, ...; one\n"
    "                   graph only); default " NG_DEFAULT_STORE "\n"
    "  --replace        each article's graph in the files replaces the store's graph of that\n"
    "                   name, so a rebuilt article leaves none of its old triples; actors that\n"
    "                   no article mentions any more go too (sqlite: stores)\n"
    "  --no-ontology    do not add the ontology (ontology/*.ttl and ontology/imports/*.ttl);\n"
    "                   by default it is loaded with the data, so queries can use its labels\n"
    "  --data DIR       where ontology/ lives (default: $NEWSGRAPH_DATA, else the installed\n"
    "                   share directory, else the build tree; see 'man newsgraph', FILES)\n"
    "  -h, --help       show this help and exit\n"
    "\n"
    "Example: newsgraph load out/nk.ttl --store sqlite:news.sqlite\n"
    "         newsgraph build nk.txt -f nquads -o nk.nq &&\n"
    "         newsgraph load nk.nq --replace --store sqlite:news.sqlite\n";

const char ng_cli_drop_help[] =
    "Usage: newsgraph drop ARTICLE-IRI... [--store SPEC]\n"
    "Remove an article's named graph from an sqlite: store (see 'newsgraph load --help'), and\n"
    "the actors that no other article mentions, in one transaction.\n"
    "\n"
    "  --store SPEC     sqlite:PATH; default " NG_DEFAULT_STORE "\n"
    "  -h, --help       show this help and exit\n"
    "\n"
    "Exit status: 0 dropped; 1 the store holds no such graph, or cannot be changed; 2 usage.\n"
    "Example: newsgraph drop https://w3id.org/newsgraph/id/article/nk-china-summit-2025 \\\n"
    "           --store sqlite:news.sqlite\n";

const char ng_cli_query_help[] =
    "Usage: newsgraph query QUERY.rq [--store SPEC | -d GRAPH...] [-r FORMAT] [OPTION]...\n"
    "       newsgraph query -e 'SPARQL' [--store SPEC | -d GRAPH...] [-r FORMAT] [OPTION]...\n"
    "Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over a store or over graph files.\n"
    "Files given with -d (and any further arguments) are loaded into memory together with the\n"
    "ontology, so queries can use its labels.  Without --store or -d the store is\n"
    NG_DEFAULT_STORE ".\n"
    "\n"
    "  --store SPEC     sqlite:PATH or hashes:PATH (see 'newsgraph load --help')\n"
    "  -d, --data-file GRAPH  a Turtle or N-Triples file to query (repeatable)\n"
    "  -e, --expression SPARQL  the query text itself instead of a file\n"
    "  -r, --results FORMAT   table, csv, tsv, json or xml for SELECT and ASK; turtle or\n"
    "                   ntriples for CONSTRUCT and DESCRIBE.  Default: table when standard\n"
    "                   output is a terminal, else tsv (CONSTRUCT/DESCRIBE: Turtle)\n"
    "  --no-ontology    with -d: do not load the ontology beside the data\n"
    "  --data DIR       where ontology/ lives (default: $NEWSGRAPH_DATA, else the installed\n"
    "                   share directory, else the build tree; see 'man newsgraph', FILES)\n"
    "  --timeout S      give up after S seconds (default 300; with --endpoint: 30)\n"
    "  --max-results N  stop after N rows (CONSTRUCT, DESCRIBE: triples) with an error;\n"
    "                   default 1000000, 0 for no limit.  Every format is written as the rows\n"
    "                   come (a table aligns its columns on the first 1000 rows)\n"
    "  --allow-fetch    let SERVICE send the query to another endpoint (or read a file:\n"
    "                   IRI), and FROM name http:, https:, ftp: or file: graphs; without it\n"
    "                   such a query is refused: a query reads only the data it was given\n"
    "  -h, --help       show this help and exit\n"
    "\n"
    "A query nested more than 128 brackets deep, or chaining more than 2000 operators in one\n"
    "expression, is refused before it runs: it is too deep to evaluate safely.\n"
    "Exit status: 0 success; 1 an error, a refused query, --timeout or --max-results reached\n"
    "(what was written before is incomplete); 2 usage error.\n"
    "\n"
    "csv and tsv follow the W3C SPARQL 1.1 Query Results CSV and TSV formats, json and xml\n"
    "the SPARQL results JSON and XML formats; an empty result is a header only.\n"
    "\n"
    "On a server (SPARQL 1.1 Protocol; see docs/servers.md):\n"
    "  --endpoint URL   POST the query to URL (e.g. http://127.0.0.1:8890/sparql); the\n"
    "                   results are written in the same formats as above\n"
    "  --graph IRI      query the named graph IRI as the default graph (default-graph-uri)\n"
    "  --user NAME      the password comes from $NEWSGRAPH_PASSWORD or ~/.netrc ($NETRC)\n"
    "  --auth METHOD    any (default), basic or digest\n"
    "  --retries N      try N more times after a refused connection, timeout or HTTP 5xx\n"
    "Example: newsgraph query queries/actors.rq -d out/nk.ttl\n";

const char ng_cli_push_help[] =
    "Usage: newsgraph push GRAPH... --endpoint URL [--graph IRI] [--replace] [OPTION]...\n"
    "Send graphs (Turtle or N-Triples files) to a server triple store with the SPARQL 1.1\n"
    "Graph Store HTTP Protocol: POST adds the triples to the graph, --replace PUTs them in\n"
    "place of what the graph held (with several files, the first replaces, the others add).\n"
    "N-Quads (.nq) and TriG (.trig) files go graph by graph, each named graph to its graph\n"
    "on the server: with --replace each article's graph replaces the server's, the actors'\n"
    "shared graph is added to.  Files are streamed from disk.  See docs/servers.md for\n"
    "Virtuoso, Fuseki, GraphDB and Oxigraph.\n"
    "\n"
    "  --endpoint URL   the Graph Store endpoint, e.g.\n"
    "                   http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso)\n"
    "  --graph IRI      the named graph (sent as ?graph=IRI; default: the default graph),\n"
    "                   unless URL already has graph=, graph-uri= or default; for N-Quads and\n"
    "                   TriG, where the triples outside any named graph go\n"
    "  --replace        replace the graph's content (HTTP PUT) instead of adding (POST)\n"
    "  --user NAME      the user; the password comes from $NEWSGRAPH_PASSWORD, else from\n"
    "                   ~/.netrc (or the file $NETRC names), never from the command line\n"
    "                   (one in URL, user:PASSWORD@host, is used with a warning: other users\n"
    "                   see it; messages print it as ***)\n"
    "  --auth METHOD    any (default: what the server asks for), basic or digest\n"
    "  --timeout S      give up when the server does not answer or nothing moves for S\n"
    "                   seconds (default 30)\n"
    "  --retries N      after a refused connection, a timeout or HTTP 5xx, try again up to N\n"
    "                   times, 1 s, 2 s, 4 s... apart (default 0: no retry)\n"
    "  --part-size SIZE send an N-Triples (.nt) file larger than SIZE bytes (K, M, G: KiB,\n"
    "                   MiB, GiB) in parts cut at line ends, one request each, each retried\n"
    "                   on its own (default 64M; 0: one request; files with blank nodes and\n"
    "                   Turtle always go in one)\n"
    "  -h, --help       show this help and exit\n"
    "\n"
    "Example: NEWSGRAPH_PASSWORD=... newsgraph push out/nk.ttl --user dba --replace \\\n"
    "           --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --graph urn:news\n";

const char ng_cli_stats_help[] =
    "Usage: newsgraph stats [--store SPEC | -d GRAPH...] [-r text|json]\n"
    "Count the triples, named graphs, articles, actors by kind, events by kind and claims by\n"
    "modality of a store (default " NG_DEFAULT_STORE ") or of graph files (their union).\n"
    "\n"
    "  --store SPEC     sqlite:PATH or hashes:PATH\n"
    "  -d, --data-file GRAPH  a Turtle, N-Triples, N-Quads or TriG file (repeatable)\n"
    "  -r, --results FORMAT   text (default) or json: one object, {\"triples\": N, \"graphs\": N,\n"
    "                   \"articles\": N, \"actors\": {\"total\": N, \"by_kind\": {...}}, ...}\n"
    "  -h, --help       show this help and exit\n";

const char ng_cli_check_help[] =
    "Usage: newsgraph check [--store SPEC]\n"
    "Check that a store is whole: SQLite's full integrity check (sqlite:), then every triple\n"
    "read back and counted.  A load runs SQLite's quick check before it adds to a store, and\n"
    "refuses a damaged one.\n"
    "\n"
    "  --store SPEC     sqlite:PATH or hashes:PATH (default " NG_DEFAULT_STORE ")\n"
    "  -h, --help       show this help and exit\n"
    "\n"
    "Exit status: 0 the store is whole; 1 it is damaged (the first problem is named) or cannot\n"
    "be opened; 2 usage error.\n";

const char ng_cli_validate_help[] =
    "Usage: newsgraph validate GRAPH... [--checks DIR] [--data DIR]\n"
    "       newsgraph validate --store SPEC [--checks DIR] [--data DIR]\n"
    "Check graphs against the ontology and the graph contract: every class and property used\n"
    "is declared, domains and ranges hold, events have actors and spans, claims have text,\n"
    "modality, author and span, offsets lie inside their text and anchors match it.  Each\n"
    "check is a SPARQL file of DIR (default DATA/queries/checks), run over the graphs (with\n"
    "the ontology and the standard-vocabulary declarations in DATA/ontology/imports), or over\n"
    "a store, which holds the ontology when it was loaded with it.\n"
    "Prints one line per violation, RULE: NODE: DETAIL, and exits 1 when there is any; else\n"
    "one line, '# valid: N checks, no violation, T triples'.\n"
    "\n"
    "  --store SPEC     check the store SPEC (sqlite:PATH or hashes:PATH) instead of files\n"
    "  --checks DIR     the checks to run\n"
    "  --data DIR       where ontology/ and queries/ live\n"
    "  -h, --help       show this help and exit\n";

const char ng_cli_render_help[] =
    "Usage: newsgraph render GRAPH... -o OUT.svg|OUT.png|OUT.dot [--view VIEW] [--max-nodes N]\n"
    "       newsgraph render GRAPH... -T svg|png|dot [-o -] [OPTION]...\n"
    "       newsgraph render --store SPEC -o OUT.svg|OUT.png|OUT.dot [OPTION]...\n"
    "Draw a graph (Turtle; N-Triples, N-Quads or TriG by the name's ending .nt, .nq, .trig)\n"
    "or a store with Graphviz.  The format is -T's, else OUT's extension: .svg, .png, or .dot\n"
    "(the Graphviz input itself).\n"
    "\n"
    "  -o, --output OUT   the picture, written atomically; '-' or none: standard output\n"
    "  -T, --type FORMAT  svg, png or dot (needed for standard output)\n"
    "  --view VIEW        network (default): actors by kind, events with their time, claims by\n"
    "                     modality and the edges between them; timeline: events in time order\n"
    "                     (undated ones after), each with its participants\n"
    "  --max-nodes N      keep the N most connected nodes (events, for the timeline); a caption\n"
    "                     under the picture and a note on standard error say how many were left\n"
    "                     out.  Default: 40 for the network (one article has hundreds: a\n"
    "                     hairball), all for the timeline; 0: all\n"
    "  --store SPEC       draw the store SPEC (sqlite:PATH or hashes:PATH) instead of files\n"
    "  --spool-above BYTES  graph files over BYTES in all (K, M, G: KiB, MiB, GiB; default\n"
    "                     8M) are read through a temporary sqlite: store in $TMPDIR (else\n"
    "                     /tmp), removed afterwards, instead of memory (about 3.6 KB a triple\n"
    "                     there); 0: always\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Example: newsgraph render out/nk.ttl -o nk.svg --max-nodes 40\n";

/* ---------------------------------------------------------------- opening stores */

/* scandir's filter: the name of a Turtle file ("*.ttl"), not a hidden one. */
static int is_turtle_name(const struct dirent *e)
{
    size_t l = strlen(e->d_name);
    return l > 4 && !strcmp(e->d_name + l - 4, ".ttl") && e->d_name[0] != '.';
}

/* scandir's order: the names' bytes, whatever the locale. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Stages every .ttl file of `dir` (in name order) as vocabulary; a directory that cannot be
 * opened is an error only when `required`. */
static NgStatus stage_vocabulary_dir(NgStore *store, const char *dir, bool required,
                                     const NgDiag *diag)
{
    struct dirent **names;
    int n = scandir(dir, &names, is_turtle_name, by_name);
    if (n < 0 && errno == ENOMEM)
        return NG_ERR_NOMEM;
    if (n < 0 && !required)
        return NG_SUCCESS;
    if (n < 0) {
        ng_diag_report(diag, NG_DIAG_ERROR, dir, 0, 0, "cannot open the ontology directory: %s",
                       strerror(errno));
        return NG_ERR_IO;
    }
    NgStatus st = NG_SUCCESS;
    char path[4096];
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (!st)
            st = ng_store_stage_file(store, path, diag);
        free(names[i]);
    }
    free(names);
    return st;
}

/* Stages the ontology (the .ttl files of DATA/ontology) and the declarations it imports (those
 * of DATA/ontology/imports). */
static NgStatus stage_ontology(NgStore *store, const NgCliOptions *o, const NgDiag *diag)
{
    char path[4096];
    const char *data = ng_cli_data_dir(o);
    if (!data)
        return NG_ERR_IO;
    snprintf(path, sizeof path, "%s/ontology", data);
    NgStatus st = stage_vocabulary_dir(store, path, true, diag);
    snprintf(path, sizeof path, "%s/ontology/imports", data);
    if (!st)
        st = stage_vocabulary_dir(store, path, false, diag);
    return st;
}

/* Says what a load added (and, replacing, removed) and what the store now holds. */
static void print_store_totals(NgStore *store, size_t added, const size_t *removed, size_t files,
                               const NgDiag *diag)
{
    size_t triples = 0;
    if (ng_store_count(store, diag, &triples))
        return;
    printf("loaded %zu file%s into %s:%s: %zu new triples", files, files == 1 ? "" : "s",
           ng_store_kind(store) == NG_STORE_HASHES ? "hashes" : "sqlite", ng_store_path(store),
           added);
    if (removed)
        printf(", %zu old ones removed", *removed);
    printf("; the store holds %zu\n", triples);
}

/* Commits what was staged, replacing the articles' graphs with --replace, and says so. */
static NgStatus commit_and_say(NgStore *store, const NgCliOptions *o, size_t files,
                               const NgDiag *diag)
{
    size_t added = 0, removed = 0;
    NgStatus st = o->replace ? ng_store_commit_replace(store, diag, &added, &removed)
                             : ng_store_commit(store, diag, &added);
    if (!st)
        print_store_totals(store, added, o->replace ? &removed : NULL, files, diag);
    return st;
}

/* build --store: the graph goes to the store as N-Triples (N-Quads, keeping the articles'
 * graphs, with -f nquads or trig), with the ontology. */
NgStatus ng_cli_store_graph(const NgGraph *g, const NgCliOptions *o, const NgDiag *diag)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return NG_ERR_NOMEM;
    NgFormat format = ng_format_has_graphs(o->format) ? NG_FORMAT_NQUADS : NG_FORMAT_NTRIPLES;
    NgStatus st = ng_graph_write_stream(g, format, mem, diag);
    if (fclose(mem) != 0 && !st)
        st = NG_ERR_NOMEM;
    NgStore *store = NULL;
    if (!st)
        st = ng_store_open(o->store, true, diag, &store);
    if (!st)
        st = stage_ontology(store, o, diag);
    if (!st)
        st = ng_store_stage_buffer(store, format == NG_FORMAT_NQUADS ? "graph.nq" : "graph.nt",
                                   buf, len, format, diag);
    /* with --store the graph goes to -o or nowhere: standard output is free */
    if (!st)
        st = commit_and_say(store, o, o->arg_count, diag);
    ng_store_free(store);
    free(buf);
    return st;
}

/* Opens --store read-only, or loads the graph files (and the ontology) into memory. */
static NgStatus open_for_reading(const NgCliOptions *o, bool ontology, const NgDiag *diag,
                                 NgStore **out)
{
    if (!o->arg_count)
        return ng_store_open(o->store, false, diag, out);
    NgStatus st = ng_store_new_memory(diag, out);
    if (!st && ontology)
        st = stage_ontology(*out, o, diag);
    for (size_t i = 0; !st && i < o->arg_count; i++)
        st = ng_store_stage_file(*out, o->args[i], diag);
    if (!st)
        st = ng_store_commit(*out, diag, NULL);
    return st;
}

/* ---------------------------------------------------------------- load, push */

/* load: the graph files (and the ontology) into the store, all or nothing. */
int ng_cli_load(NgCliOptions *o, const NgDiag *diag)
{
    if (o->arg_count == 0)
        return ng_cli_usage(o, "%s", "no graph file given");
    NgStore *store = NULL;
    NgStatus st = ng_store_open(o->store, true, diag, &store);
    if (!st && !o->no_ontology)
        st = stage_ontology(store, o, diag);
    for (size_t i = 0; !st && i < o->arg_count; i++)
        st = ng_store_stage_file(store, o->args[i], diag);
    if (!st)
        st = commit_and_say(store, o, o->arg_count, diag);
    ng_store_free(store);
    return ng_cli_finish(st, diag);
}

/* drop: each article's graph out of the store, one transaction each. */
int ng_cli_drop(NgCliOptions *o, const NgDiag *diag)
{
    if (o->arg_count == 0)
        return ng_cli_usage(o, "%s", "no graph given (an article's IRI)");
    for (size_t i = 0; i < o->arg_count; i++)
        if (!strchr(o->args[i], ':'))
            return ng_cli_usage(o, "'%s' is not an IRI (an article's, e.g. "
                                   NG_DEFAULT_BASE "article/NAME)", o->args[i]);
    NgStore *store = NULL;
    NgStatus st = ng_store_open(o->store, true, diag, &store);
    for (size_t i = 0; !st && i < o->arg_count; i++) {
        size_t removed = 0, triples = 0;
        st = ng_store_drop_graph(store, o->args[i], diag, &removed);
        if (!st)
            st = ng_store_count(store, diag, &triples);
        if (!st)
            printf("dropped <%s> from sqlite:%s: %zu triples removed; the store holds %zu\n",
                   o->args[i], ng_store_path(store), removed, triples);
    }
    ng_store_free(store);
    return ng_cli_finish(st, diag);
}

/* --endpoint: an http:// or https:// URL (printed without its password when it is not); a
 * password in it is visible to every user of the machine, which a warning says.  -1 when it
 * may be used. */
static int endpoint_misuse(const NgCliOptions *o)
{
    const char *url = o->remote.endpoint;
    char *shown = ng_url_redact(url);
    int rc = -1;
    if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8))
        rc = ng_cli_usage(o, "--endpoint '%s' must be an http:// or https:// URL",
                          shown ? shown : "");
    else if (ng_url_has_password(url))
        fprintf(stderr, "newsgraph: warning: --endpoint %s holds a password, which other users of "
                        "this machine can see (ps); give it in NEWSGRAPH_PASSWORD or ~/.netrc\n",
                shown ? shown : "");
    free(shown);
    return rc;
}

/* push: each graph file to the server, the first replacing the graph with --replace. */
int ng_cli_push(NgCliOptions *o, const NgDiag *diag)
{
    NgRemoteOptions *r = &o->remote;
    if (o->arg_count == 0)
        return ng_cli_usage(o, "%s", "no graph file given");
    if (!r->endpoint)
        return ng_cli_usage(o, "%s", "no --endpoint given");
    int rc = endpoint_misuse(o);
    if (rc >= 0)
        return rc;
    r->password = getenv("NEWSGRAPH_PASSWORD");
    NgStatus st = NG_SUCCESS;
    for (size_t i = 0; !st && i < o->arg_count; i++) {
        NgRemoteGraphsReport rep;
        if (ng_remote_graphs_syntax(o->args[i])) {
            st = ng_remote_push_graphs(r, o->args[i], r->graph, o->replace, diag, &rep);
            if (!st)
                printf("pushed %s to %zu graph%s (%zu replaced): %zu triples in %zu requests\n",
                       o->args[i], rep.graphs, rep.graphs == 1 ? "" : "s", rep.replaced,
                       rep.triples, rep.requests);
            continue;
        }
        st = ng_remote_push(r, o->args[i], r->graph, o->replace && i == 0, diag);
        if (!st)
            printf("pushed %s to %s%s%s\n", o->args[i], r->graph ? "<" : "the default graph",
                   r->graph ? r->graph : "", r->graph ? ">" : "");
    }
    return ng_cli_finish(st, diag);
}

/* ---------------------------------------------------------------- query */

/* The text of a query file ("-": standard input), a new string; NULL, reported, on failure. */
static char *read_query_file(const char *path, const NgDiag *diag)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open the query: %s",
                       strerror(errno));
        return NULL;
    }
    char *text = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[8192];
    bool ok = true;
    while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            size_t want = (len + n + 1) * 2;
            char *more = realloc(text, want);
            if (!more)
                ok = false;
            else {
                text = more;
                cap = want;
            }
        }
        if (ok) {
            memcpy(text + len, chunk, n);
            len += n;
        }
    }
    if (ferror(f))
        ok = false;
    if (f != stdin)
        fclose(f);
    if (!ok) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot read the query");
        free(text);
        return NULL;
    }
    if (!text)
        text = calloc(1, 1);
    else
        text[len] = '\0';
    return text;
}

/* The misuses of query's options that its running does not catch; -1 when there is none. */
static int query_misuse(const NgCliOptions *o)
{
    if (!o->query_file && !o->expression)
        return ng_cli_usage(o, "%s", "no query given (a file, or -e 'SPARQL')");
    NgResultsFormat format;
    if (o->results && !ng_results_format_parse(o->results, &format))
        return ng_cli_usage(o, "unknown results format '%s' (use table, csv, tsv, json, xml, "
                               "turtle or ntriples)", o->results);
    if (o->store && o->arg_count)
        return ng_cli_usage(o, "%s", "give either --store or graph files (-d), not both");
    if (o->no_ontology && !o->arg_count)
        return ng_cli_usage(o, "%s",
                            "--no-ontology applies to graph files (-d); a store holds the ontology "
                            "when it was loaded with the data (see 'newsgraph load --no-ontology')");
    return -1;
}

/* query --endpoint: the query goes to a server (the SPARQL 1.1 Protocol, docs/servers.md). */
static int query_remote(NgCliOptions *o, const char *text, NgResultsFormat format,
                        const NgDiag *diag)
{
    if (o->store || o->arg_count)
        return ng_cli_usage(o, "%s", "give --endpoint, --store or graph files (-d), only one of "
                                     "them");
    int rc = endpoint_misuse(o);
    if (rc >= 0)
        return rc;
    o->remote.password = getenv("NEWSGRAPH_PASSWORD");
    NgStore *scratch = NULL;
    NgStatus st = ng_store_new_memory(diag, &scratch);
    if (!st)
        st = ng_remote_query(&o->remote, scratch, o->expression ? "-e" : o->query_file,
                             o->expression ? o->expression : text, format, stdout, diag, NULL);
    ng_store_free(scratch);
    return ng_cli_finish(st, diag);
}

/* A local query's --timeout: the message the alarm writes.  Rasqal cannot be interrupted
 * (ORDER BY over a cross product works for minutes before the first row), so when the time is up
 * the process ends from the signal handler, with only async-signal-safe calls; what was written
 * stays written.  Static because a signal handler reaches nothing else. */
static char timeout_message[256];

/* SIGALRM during a local query: say so and end with exit code 1. */
static void on_query_timeout(int sig)
{
    (void)sig;
    ssize_t w = write(STDERR_FILENO, timeout_message, strlen(timeout_message));
    (void)w;
    _exit(NG_EXIT_DATA);
}

/* query over a store or graph files, within --timeout (default NG_QUERY_TIMEOUT s) and
 * --max-results (default NG_QUERY_MAX_RESULTS); SERVICE only with --allow-fetch. */
static int query_local(const NgCliOptions *o, const char *text, NgResultsFormat format,
                       const NgDiag *diag)
{
    const char *name = o->expression ? "-e" : o->query_file;
    long timeout = o->remote.timeout > 0 ? o->remote.timeout : NG_QUERY_TIMEOUT;
    NgQueryOptions qo = {o->allow_fetch, o->max_results_given ? o->max_results
                                                              : NG_QUERY_MAX_RESULTS};
    snprintf(timeout_message, sizeof timeout_message,
             "newsgraph: %s: error: the query did not finish within %ld s (--timeout); what was "
             "written is incomplete: add LIMIT to the query or raise --timeout\n", name, timeout);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_query_timeout;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, &old);
    alarm((unsigned)timeout);
    NgStore *store = NULL;
    NgStatus st = open_for_reading(o, !o->no_ontology, diag, &store);
    if (!st)
        st = ng_query_run_with(store, name, o->expression ? o->expression : text, format, &qo,
                               stdout, diag, NULL);
    alarm(0);
    sigaction(SIGALRM, &old, NULL);
    ng_store_free(store);
    return ng_cli_finish(st, diag);
}

/* query: the query over a store, graph files or a server, its results to standard output. */
int ng_cli_query(NgCliOptions *o, const NgDiag *diag)
{
    int rc = query_misuse(o);
    if (rc >= 0)
        return rc;
    NgResultsFormat format = isatty(STDOUT_FILENO) ? NG_RESULTS_TABLE : NG_RESULTS_TEXT;
    if (o->results)
        ng_results_format_parse(o->results, &format);
    char *text = o->expression ? NULL : read_query_file(o->query_file, diag);
    if (!o->expression && !text)
        return NG_EXIT_DATA;
    if (o->remote.endpoint) {
        rc = query_remote(o, text, format, diag);
    } else if (o->remote.graph || o->remote.user || o->remote.auth || o->remote.retries) {
        rc = ng_cli_usage(o, "%s", "--graph, --user, --auth and --retries go with --endpoint");
    } else {
        rc = query_local(o, text, format, diag);
    }
    free(text);
    return rc;
}

/* ---------------------------------------------------------------- stats, validate, render */

/* stats: the counts of a store or of graph files, as text or JSON. */
int ng_cli_stats(NgCliOptions *o, const NgDiag *diag)
{
    if (o->store && o->arg_count)
        return ng_cli_usage(o, "%s", "give either --store or graph files (-d), not both");
    bool json = o->results && !strcmp(o->results, "json");
    if (o->results && !json && strcmp(o->results, "text"))
        return ng_cli_usage(o, "unknown results format '%s' (use text or json)", o->results);
    NgStore *store = NULL;
    NgStatus st = open_for_reading(o, false, diag, &store);
    if (!st)
        st = ng_stats_write_as(store, json ? NG_RESULTS_JSON : NG_RESULTS_TABLE, stdout, diag);
    ng_store_free(store);
    return ng_cli_finish(st, diag);
}

/* check: the store's integrity, and every triple read back. */
int ng_cli_check(NgCliOptions *o, const NgDiag *diag)
{
    if (o->arg_count)
        return ng_cli_usage(o, "unexpected argument '%s' (check takes --store SPEC)", o->args[0]);
    NgStore *store = NULL;
    size_t triples = 0;
    NgStatus st = ng_store_open(o->store, false, diag, &store);
    if (!st)
        st = ng_store_check(store, diag, &triples);
    if (!st)
        printf("%s: the store is whole: %zu triples\n", o->store ? o->store : NG_DEFAULT_STORE,
               triples);
    ng_store_free(store);
    return ng_cli_finish(st, diag);
}

/* scandir's filter: a check ("*.rq"), not a hidden file. */
static int is_check_name(const struct dirent *e)
{
    size_t l = strlen(e->d_name);
    return l > 3 && !strcmp(e->d_name + l - 3, ".rq") && e->d_name[0] != '.';
}

/* How many checks `dir` holds, for validate's summary. */
static size_t count_checks(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, is_check_name, NULL);
    for (int i = 0; i < n; i++)
        free(names[i]);
    if (n >= 0)
        free(names);
    return n > 0 ? (size_t)n : 0;
}

/* validate: the checks over the graph files (with the ontology) or a store; any violation is
 * exit 1, none a one-line summary. */
int ng_cli_validate(NgCliOptions *o, const NgDiag *diag)
{
    if (o->arg_count == 0 && !o->store)
        return ng_cli_usage(o, "%s", "no graph given (graph files, or --store SPEC)");
    if (o->arg_count && o->store)
        return ng_cli_usage(o, "%s", "give either --store or graph files, not both");
    char checks[4096];
    const char *data = o->checks ? "" : ng_cli_data_dir(o);
    if (!data)
        return NG_EXIT_DATA;
    if (o->checks)
        snprintf(checks, sizeof checks, "%s", o->checks);
    else
        snprintf(checks, sizeof checks, "%s/queries/checks", data);
    NgStore *store = NULL;
    NgStatus st = open_for_reading(o, true, diag, &store);
    size_t violations = 0, triples = 0;
    if (!st)
        st = ng_validate(store, checks, stdout, diag, &violations);
    if (!st && !violations && !(st = ng_store_count(store, diag, &triples)))
        printf("# valid: %zu checks, no violation, %zu triples\n", count_checks(checks), triples);
    ng_store_free(store);
    int rc = ng_cli_finish(st, diag);
    if (!st && violations) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%zu violation%s", violations,
                       violations == 1 ? "" : "s");
        rc = NG_EXIT_DATA;
    }
    return rc;
}

/* render: a picture of graph files or a store, its format told by -T or the output's name. */
int ng_cli_render(NgCliOptions *o, const NgDiag *diag)
{
    NgPictureFormat format = NG_PICTURE_SVG;
    bool to_stdout = !o->output || !strcmp(o->output, "-");
    if (o->picture)
        ng_picture_format_parse(o->picture, &format);
    else if (to_stdout)
        return ng_cli_usage(o, "%s", "no output given (-o OUT.svg, OUT.png or OUT.dot, or -T "
                                     "svg|png|dot for standard output)");
    else if (!ng_picture_format_of(o->output, &format))
        return ng_cli_usage(o, "cannot tell the format of '%s' (name it .svg, .png or .dot, or "
                               "give -T)", o->output);
    if (o->render.max_nodes == SIZE_MAX)
        o->render.max_nodes = o->render.view == NG_VIEW_NETWORK ? NG_RENDER_NETWORK_NODES : 0;
    if (o->store && o->arg_count)
        return ng_cli_usage(o, "%s", "give either --store or graph files, not both");
    if (!o->store && !o->arg_count)
        return ng_cli_usage(o, "%s", "no graph given (Turtle files, or --store SPEC)");
    int rc = ng_cli_check_output(o, o->args, o->arg_count);
    if (rc >= 0)
        return rc;
    NgStore *store = NULL;
    bool spooled = ng_cli_spool_wanted(o);
    NgStatus st = spooled ? ng_cli_spool_make(o, diag, NULL) : open_for_reading(o, false, diag,
                                                                              &store);
    if (spooled && !st)
        st = ng_cli_spool_load(o->args, o->arg_count, diag, &store);
    size_t omitted = 0;
    if (!st)
        st = ng_render_file(store, &o->render, format, to_stdout ? "-" : o->output, diag,
                            &omitted);
    if (!st && omitted)
        ng_diag_report(diag, NG_DIAG_NOTE, NULL, 0, 0,
                       "--max-nodes %zu: left out %zu less connected %s%s (--max-nodes 0 draws "
                       "all)", o->render.max_nodes, omitted,
                       o->render.view == NG_VIEW_TIMELINE ? "event" : "node",
                       omitted == 1 ? "" : "s");
    if (spooled)
        ng_cli_spool_close(store);
    else
        ng_store_free(store);
    return ng_cli_finish(st, diag);
}
