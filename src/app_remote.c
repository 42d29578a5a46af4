/* app_remote.c — server triple stores through the W3C SPARQL 1.1 protocols, with libcurl.
 *
 * push: the Graph Store HTTP Protocol.  POST adds the file's triples to a graph, PUT replaces
 * it; the graph is named by a "graph=" parameter (or "default"), unless the endpoint URL already
 * names one (Virtuoso's "graph-uri=").  The file is read from disk as curl sends it
 * (CURLOPT_READFUNCTION, and a seek callback so that curl can rewind after an authentication
 * challenge or for a retry), so memory does not grow with its size.  Turtle is sent as text/turtle
 * whatever the file's extension: N-Triples is Turtle.
 *
 * query: the SPARQL 1.1 Protocol, "query via URL-encoded POST" (query= and default-graph-uri=
 * as a form; every server takes it, and it has no URL length limit).  SELECT and ASK ask for
 * SPARQL Query Results XML, which Rasqal reads back into bindings; CONSTRUCT and DESCRIBE ask for
 * Turtle (or N-Triples), which Raptor parses into a memory model.  query.c then writes either
 * exactly as it writes local results.
 *
 * Errors name the URL and what to check; an HTTP error quotes the start of the server's message
 * with the markup removed. */
#include "internal.h"
#include "results_internal.h"
#include "store_internal.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RESPONSE_LIMIT ((size_t)256 * 1024 * 1024) /* query results kept in memory at most */
#define ERROR_BODY_LIMIT ((size_t)64 * 1024)       /* what is kept of an error response */

typedef struct {
    NgBuf body;
    size_t limit;
    bool truncated;
    char content_type[128];
    long max_rows;            /* Virtuoso's X-SPARQL-MaxRows: the result was cut */
    char location[512];       /* a redirect's Location */
    bool probe;               /* push's authentication round trip: any answer but 401 will do */
} Response;

/* The most bytes of an answer kept in memory: RESPONSE_LIMIT, or $NEWSGRAPH_RESPONSE_LIMIT
 * (bytes; for tests). */
static size_t response_limit(void)
{
    const char *e = getenv("NEWSGRAPH_RESPONSE_LIMIT");
    long long v = e && *e ? atoll(e) : 0;
    return v > 0 ? (size_t)v : RESPONSE_LIMIT;
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *ud)
{
    Response *r = ud;
    size_t n = size * nmemb;
    if (r->body.len + n > r->limit) {
        r->truncated = true;
        size_t room = r->limit > r->body.len ? r->limit - r->body.len : 0;
        if (room)
            ng_buf_append(&r->body, ptr, room);
        return 0;   /* stop here: the status is known, and the rest could be endless */
    }
    return ng_buf_append(&r->body, ptr, n) ? 0 : n;
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *ud)
{
    Response *r = ud;
    size_t n = size * nmemb;
    if (n > 13 && !strncasecmp(ptr, "Content-Type:", 13)) {
        const char *v = ptr + 13;
        while (*v == ' ' || *v == '\t')
            v++;
        size_t k = 0;
        while (k + 1 < sizeof r->content_type && v + k < ptr + n && v[k] != ';' && v[k] != '\r' &&
               v[k] != '\n' && v[k] != ' ') {
            r->content_type[k] = (char)tolower((unsigned char)v[k]);
            k++;
        }
        r->content_type[k] = '\0';
    } else if (n > 17 && !strncasecmp(ptr, "X-SPARQL-MaxRows:", 17)) {
        r->max_rows = strtol(ptr + 17, NULL, 10);
    } else if (n > 9 && !strncasecmp(ptr, "Location:", 9)) {
        size_t k = 9;
        while (k < n && (ptr[k] == ' ' || ptr[k] == '\t'))
            k++;
        size_t e = n;
        while (e > k && (ptr[e - 1] == '\r' || ptr[e - 1] == '\n' || ptr[e - 1] == ' '))
            e--;
        snprintf(r->location, sizeof r->location, "%.*s", (int)(e - k), ptr + k);
    }
    return n;
}

/* One request's body: the bytes [start, start + len) of the file. */
typedef struct {
    FILE *f;
    off_t start;
    off_t len;
    off_t pos;      /* bytes of this body sent so far */
    bool failed;
} Upload;

static size_t on_read(char *buf, size_t size, size_t nmemb, void *ud)
{
    Upload *u = ud;
    size_t want = size * nmemb;
    if ((off_t)want > u->len - u->pos)
        want = (size_t)(u->len - u->pos);
    size_t n = want ? fread(buf, 1, want, u->f) : 0;
    if (n < want && (ferror(u->f) || feof(u->f))) {
        u->failed = true;   /* an error, or the file shrank under us */
        return CURL_READFUNC_ABORT;
    }
    u->pos += (off_t)n;
    return n;
}

/* Positions the body at `offset` (curl rewinds after an authentication challenge). */
static int upload_seek(Upload *u, off_t offset)
{
    if (offset < 0 || offset > u->len)
        return CURL_SEEKFUNC_FAIL;
    clearerr(u->f);
    if (fseeko(u->f, u->start + offset, SEEK_SET))
        return CURL_SEEKFUNC_FAIL;
    u->pos = offset;
    return CURL_SEEKFUNC_OK;
}

static int on_seek(void *ud, curl_off_t offset, int origin)
{
    Upload *u = ud;
    if (origin == SEEK_CUR)
        offset += u->pos;
    else if (origin == SEEK_END)
        offset += u->len;
    return upload_seek(u, (off_t)offset);
}

/* The first few hundred characters of an error body, markup removed, white space collapsed. */
static void excerpt(const NgBuf *body, char *out, size_t cap)
{
    size_t n = 0;
    bool tag = false, space = true;
    for (size_t i = 0; body->data && i < body->len && n + 4 < cap; i++) {
        char c = body->data[i];
        if (c == '<') {
            tag = true;
            continue;
        }
        if (tag) {
            if (c == '>') {
                tag = false;
                if (!space)
                    out[n++] = ' ';
                space = true;
            }
            continue;
        }
        if (isspace((unsigned char)c) || (unsigned char)c < 0x20) {
            if (!space)
                out[n++] = ' ';
            space = true;
            continue;
        }
        out[n++] = c;
        space = false;
    }
    while (n && out[n - 1] == ' ')
        n--;
    if (n + 4 >= cap) {
        while (n && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
            n--;   /* do not cut a UTF-8 character */
        if (n)
            n--;
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = '\0';
}

static const char *reason(long code)
{
    switch (code) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    default: return code >= 500 ? "server error" : code >= 400 ? "client error" : "unexpected";
    }
}

/* Reports a failed request; `what` is e.g. "push of FILE" and names it in the message. */
static void report_failure(const NgRemoteOptions *o, const char *url, CURLcode cc,
                           const char *errbuf, long http, const Response *resp, const char *what,
                           const NgDiag *diag)
{
    long timeout = o->timeout > 0 ? o->timeout : 30;
    if (cc == CURLE_COULDNT_CONNECT) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "%s: cannot connect to %s: %s; check that the server is running and "
                       "--endpoint", what, url, *errbuf ? errbuf : "connection refused");
    } else if (cc == CURLE_COULDNT_RESOLVE_HOST) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%s: unknown host in %s: %s", what, url,
                       errbuf);
    } else if (cc == CURLE_OPERATION_TIMEDOUT) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "%s: %s did not answer within %ld s (%s); raise --timeout", what, url,
                       timeout, errbuf);
    } else if (cc == CURLE_LOGIN_DENIED) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "%s: %s refused the credentials; check --user and NEWSGRAPH_PASSWORD "
                       "(or ~/.netrc)", what, url);
    } else if (cc == CURLE_READ_ERROR || cc == CURLE_ABORTED_BY_CALLBACK) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%s: cannot read the file: %s", what,
                       strerror(errno));
    } else if (cc != CURLE_OK) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%s: %s: %s", what, url,
                       *errbuf ? errbuf : curl_easy_strerror(cc));
    } else {
        char msg[400];
        excerpt(&resp->body, msg, sizeof msg);
        if (http >= 300 && http < 400) {
            char *to = ng_url_redact(resp->location);
            ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                           "%s: %s answered HTTP %ld %s, a redirect to %s; newsgraph follows no "
                           "redirect: give that URL as --endpoint", what, url, http, reason(http),
                           to && *to ? to : "an unnamed place");
            free(to);
            return;
        }
        const char *hint = http == 401 ? "; check --user and NEWSGRAPH_PASSWORD (or ~/.netrc)"
                           : http == 403 ? "; the user may not write there"
                           : http == 404 ? "; check --endpoint"
                           : http == 405 ? "; the URL is not a Graph Store (or query) endpoint"
                           : "";
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0, "%s: %s answered HTTP %ld %s%s%s%s", what,
                       url, http, reason(http), hint, *msg ? ": " : "", msg);
    }
}

/* --timeout as "nothing moved for S seconds": curl's low-speed check averages over a window of
 * several seconds, so `push --timeout 3` gave up after 9.  This watches the bytes themselves. */
typedef struct {
    long timeout;
    curl_off_t up, down;     /* bytes moved when last seen */
    struct timespec since;   /* when they last moved */
    bool stalled;
} Stall;

static int on_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal;
    (void)ultotal;
    Stall *w = ud;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (dlnow != w->down || ulnow != w->up) {
        w->down = dlnow;
        w->up = ulnow;
        w->since = now;
        return 0;
    }
    double idle = (double)(now.tv_sec - w->since.tv_sec) +
                  (double)(now.tv_nsec - w->since.tv_nsec) / 1e9;
    if (idle < (double)w->timeout)
        return 0;
    w->stalled = true;
    return 1;   /* abort: CURLE_ABORTED_BY_CALLBACK, reported as a timeout */
}

static bool transient(CURLcode cc, long http)
{
    return cc == CURLE_COULDNT_CONNECT || cc == CURLE_OPERATION_TIMEDOUT ||
           cc == CURLE_GOT_NOTHING || cc == CURLE_SEND_ERROR || cc == CURLE_RECV_ERROR ||
           (cc == CURLE_OK && (http >= 500 || http == 429));
}

static long auth_mask(const char *auth)
{
    if (auth && !strcmp(auth, "basic"))
        return CURLAUTH_BASIC;
    if (auth && !strcmp(auth, "digest"))
        return CURLAUTH_DIGEST;
    return CURLAUTH_ANY;
}

/* Sets what every request shares: timeouts, credentials, the response sinks. */
static NgStatus setup(CURL *h, const NgRemoteOptions *o, const char *url, Response *resp,
                      char *errbuf)
{
    long timeout = o->timeout > 0 ? o->timeout : 30;
    CURLcode cc = CURLE_OK;
#define SET(opt, val) if (cc == CURLE_OK) cc = curl_easy_setopt(h, opt, val)
    SET(CURLOPT_URL, url);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_ERRORBUFFER, errbuf);
    SET(CURLOPT_USERAGENT, "newsgraph/" NG_VERSION);
    SET(CURLOPT_CONNECTTIMEOUT, timeout);
    /* a whole-request limit would cut a long upload; "no progress for S seconds" does not:
     * perform() watches the bytes (on_progress) */
    SET(CURLOPT_NOPROGRESS, 0L);
    SET(CURLOPT_XFERINFOFUNCTION, on_progress);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, resp);
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, resp);
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
    const char *netrc = getenv("NETRC");
    if (netrc && *netrc)
        SET(CURLOPT_NETRC_FILE, netrc);
    if (o->user)
        SET(CURLOPT_USERNAME, o->user);
    if (o->password)
        SET(CURLOPT_PASSWORD, o->password);
    SET(CURLOPT_HTTPAUTH, auth_mask(o->auth));
#undef SET
    return cc == CURLE_OK ? NG_SUCCESS : NG_ERR_INTERNAL;
}

/* Runs the request, again after a transient failure when retries are allowed.  `up` (may be
 * NULL) is rewound before each attempt. */
static NgStatus perform(CURL *h, const NgRemoteOptions *o, const char *url, Upload *up,
                        Response *resp, char *errbuf, const char *what, const NgDiag *diag)
{
    long http = 0;
    CURLcode cc = CURLE_OK;
    for (unsigned attempt = 0;; attempt++) {
        errbuf[0] = '\0';
        resp->body.len = 0;
        resp->truncated = false;
        resp->content_type[0] = '\0';
        resp->max_rows = 0;
        if (up && upload_seek(up, 0) != CURL_SEEKFUNC_OK)
            return NG_ERR_IO;
        Stall stall = {o->timeout > 0 ? o->timeout : 30, -1, -1, {0, 0}, false};
        clock_gettime(CLOCK_MONOTONIC, &stall.since);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, &stall);
        cc = curl_easy_perform(h);
        http = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &http);
        if (cc == CURLE_ABORTED_BY_CALLBACK && stall.stalled) {
            cc = CURLE_OPERATION_TIMEDOUT;
            snprintf(errbuf, CURL_ERROR_SIZE, "nothing came or went for %ld s", stall.timeout);
        }
        if (cc == CURLE_WRITE_ERROR && resp->truncated)
            cc = CURLE_OK;   /* the answer passed its limit: the caller says so */
        if (cc == CURLE_OK && http >= 200 && http < 300)
            return NG_SUCCESS;
        if (cc == CURLE_OK && !up && resp->probe && http != 401 && http != 407)
            return NG_SUCCESS;   /* authenticated: what the resource says does not matter */
        if (attempt >= o->retries || !transient(cc, http))
            break;
        unsigned wait = attempt < 5 ? 1u << attempt : 32;
        ng_diag_report(diag, NG_DIAG_NOTE, NULL, 0, 0, "%s: %s; retrying in %u s (%u of %u)",
                       what, cc != CURLE_OK ? (*errbuf ? errbuf : curl_easy_strerror(cc))
                                            : reason(http),
                       wait, attempt + 1, o->retries);
        sleep(wait);
    }
    if (up && up->failed)
        cc = CURLE_READ_ERROR;
    char *shown = ng_url_redact(url);   /* never a password in a message */
    report_failure(o, shown ? shown : "the endpoint", cc, errbuf, http, resp, what, diag);
    free(shown);
    return NG_ERR_IO;
}

/* endpoint + (? or &) + name=escaped(value) */
static char *with_param(CURL *h, const char *endpoint, const char *name, const char *value)
{
    NgBuf b = {0};
    char *esc = value ? curl_easy_escape(h, value, 0) : NULL;
    if (value && !esc)
        return NULL;
    NgStatus st = ng_buf_appendf(&b, "%s%s%s%s%s", endpoint, strchr(endpoint, '?') ? "&" : "?",
                                 name, value ? "=" : "", value ? esc : "");
    curl_free(esc);
    if (st) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_take(&b);
}

/* Does the URL's query string already have the parameter `name`? */
static bool has_param(const char *url, const char *name)
{
    const char *q = strchr(url, '?');
    size_t n = strlen(name);
    for (const char *p = q; p && *p; p = strchr(p + 1, '&')) {
        const char *k = p + 1;
        if (!strncmp(k, name, n) && (k[n] == '=' || k[n] == '&' || k[n] == '\0'))
            return true;
    }
    return false;
}

static bool valid_endpoint(const char *url)
{
    return url && (!strncmp(url, "http://", 7) || !strncmp(url, "https://", 8));
}

/* Sends the file in its parts, one request each (a PUT first when replacing, then POSTs), each
 * retried on its own; a failure says which parts reached the server. */
NgStatus ng_remote_push(const NgRemoteOptions *options, const char *path, const char *graph,
                        bool replace, const NgDiag *diag)
{
    if (!options || !path || !valid_endpoint(options->endpoint)) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "the endpoint must be an http:// or https:// URL");
        return NG_ERR_BAD_ARG;
    }
    FILE *f = fopen(path, "rb");
    struct stat sb;
    if (!f || fstat(fileno(f), &sb) || !S_ISREG(sb.st_mode)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open: %s",
                       f ? "not a regular file" : strerror(errno));
        if (f)
            fclose(f);
        return NG_ERR_IO;
    }
    off_t size = sb.st_size, part;
    unsigned parts;   /* how many requests, for the messages */
    NgStatus st = ng_remote_plan_parts(f, path, size, options, diag, &part, &parts);
    if (st) {
        fclose(f);
        return st;
    }
    CURL *h = curl_easy_init();
    if (!h) {
        fclose(f);
        return NG_ERR_INTERNAL;
    }
    char *url = NULL;
    if (has_param(options->endpoint, "graph") || has_param(options->endpoint, "graph-uri") ||
        has_param(options->endpoint, "default"))
        url = ng_strdup(options->endpoint);
    else if (graph)
        url = with_param(h, options->endpoint, "graph", graph);
    else
        url = with_param(h, options->endpoint, "default", NULL);
    Response resp = {.limit = ERROR_BODY_LIMIT};
    char errbuf[CURL_ERROR_SIZE];
    Upload up = {.f = f};
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: text/turtle");
    st = url && headers ? setup(h, options, url, &resp, errbuf) : NG_ERR_NOMEM;
    CURLcode cc = CURLE_OK;
#define SET(opt, val) if (cc == CURLE_OK) cc = curl_easy_setopt(h, opt, val)
    if (!st) {
        SET(CURLOPT_HTTPHEADER, headers);
        SET(CURLOPT_READFUNCTION, on_read);
        SET(CURLOPT_READDATA, &up);
        SET(CURLOPT_SEEKFUNCTION, on_seek);
        SET(CURLOPT_SEEKDATA, &up);
        if (cc != CURLE_OK)
            st = NG_ERR_INTERNAL;
    }
    NgBuf what = {0};
    /* With credentials, the authentication round trip comes first, in a request without a body
     * (HEAD): curl sends the first request without credentials when it must learn the method
     * (--auth any), and a server that answers 401 and closes while a large body is still being
     * sent resets the connection (Virtuoso, just started: "Send failure: Connection reset by
     * peer" one time in three).  Then every part goes with the credentials from the start. */
    if (!st && (options->user || options->password) &&
        !(options->auth && !strcmp(options->auth, "basic"))) {
        resp.probe = true;
        if (curl_easy_setopt(h, CURLOPT_NOBODY, 1L) != CURLE_OK)
            st = NG_ERR_INTERNAL;
        else if (ng_buf_appendf(&what, "push of %s (authenticating)", path))
            st = NG_ERR_NOMEM;
        else
            st = perform(h, options, url, NULL, &resp, errbuf, what.data, diag);
        resp.probe = false;
        if (curl_easy_setopt(h, CURLOPT_NOBODY, 0L) != CURLE_OK && !st)
            st = NG_ERR_INTERNAL;
    }
    /* One request per part: the first a PUT when replacing, every other one a POST. */
    unsigned k = 0;
    for (off_t at = 0, e = 0; !st && (at < size || k == 0); at = e, k++) {
        st = size ? ng_remote_part_end(f, at, part, size, &e) : NG_SUCCESS;
        if (st) {
            ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
            break;
        }
        up.start = at;
        up.len = e - at;
        up.pos = 0;
        up.failed = false;
        if (replace && k == 0) {
            SET(CURLOPT_UPLOAD, 1L);
            SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)up.len);
        } else {
            SET(CURLOPT_UPLOAD, 0L);
            SET(CURLOPT_POST, 1L);
            SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)up.len);
        }
        what.len = 0;
        if (cc != CURLE_OK)
            st = NG_ERR_INTERNAL;
        else if (parts == 1 ? ng_buf_appendf(&what, "push of %s", path)
                            : ng_buf_appendf(&what, "push of %s, part %u of %u (bytes %lld-%lld)",
                                             path, k + 1, parts, (long long)at,
                                             (long long)e - 1))
            st = NG_ERR_NOMEM;
        else
            st = perform(h, options, url, &up, &resp, errbuf, what.data, diag);
        if (st == NG_ERR_IO && k > 0)
            ng_diag_report(diag, NG_DIAG_NOTE, path, 0, 0,
                           "parts 1 to %u (bytes 0-%lld) are on the server, and maybe some of "
                           "part %u; push the file again to complete the graph", k,
                           (long long)at - 1, k + 1);
    }
#undef SET
    if (!st && parts > 1)
        ng_diag_report(diag, NG_DIAG_NOTE, path, 0, 0, "sent in %u requests of at most %lld bytes",
                       parts, (long long)part);
    ng_buf_free(&what);
    curl_slist_free_all(headers);
    ng_buf_free(&resp.body);
    free(url);
    curl_easy_cleanup(h);
    fclose(f);
    return st;
}

/* ---------------------------------------------------------------- query */

typedef enum { FORM_UNKNOWN, FORM_SELECT, FORM_ASK, FORM_CONSTRUCT, FORM_DESCRIBE } Form;

/* The query form: the first of SELECT/ASK/CONSTRUCT/DESCRIBE outside IRIs, strings, comments. */
static Form query_form(const char *q)
{
    static const struct {
        const char *word;
        Form form;
    } words[] = {{"SELECT", FORM_SELECT},
                 {"ASK", FORM_ASK},
                 {"CONSTRUCT", FORM_CONSTRUCT},
                 {"DESCRIBE", FORM_DESCRIBE}};
    for (const char *p = q; *p;) {
        if (*p == '#') {
            while (*p && *p != '\n')
                p++;
        } else if (*p == '<') {
            const char *e = strpbrk(p + 1, "> \n");
            p = e && *e == '>' ? e + 1 : p + 1;
        } else if (*p == '"' || *p == '\'') {
            char c = *p++;
            while (*p && *p != c)
                p += p[0] == '\\' && p[1] ? 2 : 1;
            if (*p)
                p++;
        } else if (isalpha((unsigned char)*p) && (p == q || !isalnum((unsigned char)p[-1]))) {
            const char *e = p;
            while (isalnum((unsigned char)*e) || *e == '_' || *e == ':' || *e == '-')
                e++;
            for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
                if ((size_t)(e - p) == strlen(words[i].word) &&
                    !strncasecmp(p, words[i].word, (size_t)(e - p)))
                    return words[i].form;
            p = e;
        } else {
            p++;
        }
    }
    return FORM_UNKNOWN;
}

static librdf_node *node_of(librdf_world *w, rasqal_literal *l)
{
    if (!l)
        return NULL;
    if (l->type == RASQAL_LITERAL_URI)
        return librdf_new_node_from_uri_string(w, raptor_uri_as_string(l->value.uri));
    if (l->type == RASQAL_LITERAL_BLANK)
        return librdf_new_node_from_blank_identifier(w, l->string);
    const unsigned char *s = rasqal_literal_as_string(l);
    return librdf_new_node_from_typed_literal(w, s ? s : (const unsigned char *)"", l->language,
                                              (librdf_uri *)l->datatype);
}

/* The variables of the head of SPARQL Query Results XML (<variable name="x"/>), into fr's names:
 * Rasqal 0.9.33 reads them only with the first row, so an empty result would lose them. */
static NgStatus head_variables(const Response *resp, NgForeignResults *fr)
{
    const char *d = resp->body.data ? resp->body.data : "";
    const char *end = strstr(d, "</head>");
    int n = 0;
    for (const char *p = d; end && (p = strstr(p, "<variable")) && p < end; p++)
        n++;
    free(fr->names);
    fr->cols = 0;
    if (!(fr->names = calloc((size_t)(n ? n : 1), sizeof *fr->names)))
        return NG_ERR_NOMEM;
    for (const char *p = d; end && (p = strstr(p, "<variable")) && p < end; p++) {
        const char *a = strstr(p, "name=");
        char q = a ? a[5] : 0;
        const char *v = q == '"' || q == '\'' ? a + 6 : NULL;
        const char *e = v ? strchr(v, q) : NULL;
        if (!e || e > end)
            continue;
        if (!(fr->names[fr->cols] = ng_strndup(v, (size_t)(e - v))))
            return NG_ERR_NOMEM;
        fr->cols++;
    }
    return NG_SUCCESS;
}

/* Reads SPARQL Query Results XML into nodes. */
static NgStatus read_rows(librdf_world *w, const Response *resp, const char *name,
                          NgForeignResults *fr, const NgDiag *diag)
{
    size_t results = 0;
    if (!ng_results_xml_whole(resp->body.data ? resp->body.data : "", resp->body.len, &results)) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "the server's answer is not SPARQL Query Results XML (%s): it is cut "
                       "short or damaged", resp->body.len ? "a broken document" : "empty");
        return NG_ERR_QUERY;
    }
    rasqal_world *rw = librdf_world_get_rasqal(w);
    raptor_world *raw = librdf_world_get_raptor(w);
    rasqal_query_results *qr = rasqal_new_query_results2(rw, NULL, RASQAL_QUERY_RESULTS_BINDINGS);
    rasqal_query_results_formatter *fmt =
        rasqal_new_query_results_formatter(rw, "xml", NULL, NULL);
    raptor_iostream *io = raptor_new_iostream_from_string(raw, resp->body.data, resp->body.len);
    raptor_uri *base = raptor_new_uri(raw, (const unsigned char *)"http://localhost/results");
    NgStatus st = qr && fmt && io && base ? NG_SUCCESS : NG_ERR_INTERNAL;
    if (!st && rasqal_query_results_formatter_read(rw, io, fmt, qr, base)) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "the server's answer is not SPARQL Query Results XML");
        st = NG_ERR_QUERY;
    }
    if (!st) {
        fr->cols = rasqal_query_results_get_bindings_count(qr);
        if (fr->cols < 0)
            fr->cols = 0;
        fr->names = calloc((size_t)(fr->cols ? fr->cols : 1), sizeof *fr->names);
        if (!fr->names)
            st = NG_ERR_NOMEM;
        for (int c = 0; !st && c < fr->cols; c++) {
            const unsigned char *n = rasqal_query_results_get_binding_name(qr, c);
            if (!(fr->names[c] = ng_strdup(n ? (const char *)n : "")))
                st = NG_ERR_NOMEM;
        }
        if (!st && fr->cols == 0)
            st = head_variables(resp, fr);
    }
    size_t cap = 0;
    while (!st && !rasqal_query_results_finished(qr)) {
        st = ng_grow((void **)&fr->cells, &cap, (fr->rows + 1) * (size_t)fr->cols + 1,
                     sizeof *fr->cells);
        for (int c = 0; !st && c < fr->cols; c++) {
            rasqal_literal *l = rasqal_query_results_get_binding_value(qr, c);
            librdf_node *n = node_of(w, l);
            if (l && !n)
                st = NG_ERR_NOMEM;
            fr->cells[fr->rows * (size_t)fr->cols + (size_t)c] = n;
        }
        if (!st)
            fr->rows++;
        rasqal_query_results_next(qr);
    }
    if (!st && fr->rows != results) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "the server's answer holds %zu results, of which %zu could be read",
                       results, fr->rows);
        st = NG_ERR_QUERY;
    }
    if (base)
        raptor_free_uri(base);
    if (io)
        raptor_free_iostream(io);
    if (fmt)
        rasqal_free_query_results_formatter(fmt);
    if (qr)
        rasqal_free_query_results(qr);
    return st;
}

static void foreign_free(NgForeignResults *fr)
{
    for (size_t i = 0; fr->cells && i < fr->rows * (size_t)fr->cols; i++)
        if (fr->cells[i])
            librdf_free_node(fr->cells[i]);
    free(fr->cells);
    for (int c = 0; fr->names && c < fr->cols; c++)
        free((char *)fr->names[c]);
    free(fr->names);
}

/* `<boolean>true</boolean>` (XML) or `"boolean" : true` (JSON). */
static int read_boolean(const Response *resp)
{
    const char *d = resp->body.data ? resp->body.data : "";
    const char *p = strstr(d, "<boolean>");
    if (p) {
        p += 9;
        while (isspace((unsigned char)*p))
            p++;
        return !strncmp(p, "true", 4) ? 1 : !strncmp(p, "false", 5) ? 0 : -1;
    }
    /* Virtuoso 7.2 answers ASK as one row: __ASK_RETVAL = 0 or 1 (XML or JSON) */
    p = strstr(d, "__ASK_RETVAL");
    const char *v = p ? strstr(p + 12, "__ASK_RETVAL") : NULL;
    if (v && (p = strstr(v, "<literal")) && (p = strchr(p, '>')))
        return p[1] == '1' ? 1 : p[1] == '0' ? 0 : -1;
    if (v && (p = strstr(v, "\"value\"")) && (p = strchr(p + 7, '"')))
        return p[1] == '1' ? 1 : p[1] == '0' ? 0 : -1;
    if (p && !v)
        return 0;   /* no row: false */
    p = strstr(d, "\"boolean\"");
    if (p) {
        p += 9;
        while (isspace((unsigned char)*p) || *p == ':')
            p++;
        return !strncmp(p, "true", 4) ? 1 : !strncmp(p, "false", 5) ? 0 : -1;
    }
    return -1;
}

static NgStatus read_graph(librdf_world *w, const Response *resp, const char *name,
                           librdf_storage **gs, librdf_model **g, const NgDiag *diag)
{
    *gs = librdf_new_storage(w, "hashes", "remote", "hash-type='memory'");
    *g = *gs ? librdf_new_model(w, *gs, NULL) : NULL;
    if (!*g)
        return NG_ERR_INTERNAL;
    const char *ct = resp->content_type;
    const char *syntax = strstr(ct, "n-triples") || !strcmp(ct, "text/plain") ? "ntriples"
                         : strstr(ct, "rdf+xml") ? "rdfxml"
                                                 : "turtle";
    librdf_parser *p = librdf_new_parser(w, syntax, NULL, NULL);
    librdf_uri *base = librdf_new_uri(w, (const unsigned char *)"http://localhost/results");
    NgStatus st = p && base ? NG_SUCCESS : NG_ERR_INTERNAL;
    if (!st && resp->body.len &&
        librdf_parser_parse_counted_string_into_model(p, (const unsigned char *)resp->body.data,
                                                      resp->body.len, base, *g)) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "the server's graph (%s) could not be parsed", ct[0] ? ct : "no type");
        st = NG_ERR_QUERY;
    }
    if (base)
        librdf_free_uri(base);
    if (p)
        librdf_free_parser(p);
    return st;
}

/* Does the results format misfit the query's form (rows or a boolean as Turtle, a graph as
 * rows)?  Then it says so. */
static bool form_misfits(Form form, NgResultsFormat format, const char *name, const NgDiag *diag)
{
    bool graph = form == FORM_CONSTRUCT || form == FORM_DESCRIBE;
    if (graph && format != NG_RESULTS_TABLE && format != NG_RESULTS_TURTLE &&
        format != NG_RESULTS_NTRIPLES) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "a %s query returns a graph: use -r turtle or -r ntriples",
                       form == FORM_DESCRIBE ? "DESCRIBE" : "CONSTRUCT");
        return true;
    }
    if ((form == FORM_SELECT || form == FORM_ASK) &&
        (format == NG_RESULTS_TURTLE || format == NG_RESULTS_NTRIPLES)) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "a %s query returns %s: use -r table, csv, tsv, json or xml",
                       form == FORM_ASK ? "ASK" : "SELECT", form == FORM_ASK ? "a boolean" : "rows");
        return true;
    }
    return false;
}

/* Reads the server's answer into `fr`: a graph (into a new model, its storage in *gs, when the
 * form or the content type says so), a boolean, or rows of SPARQL Query Results XML. */
static NgStatus read_answer(librdf_world *w, Response *resp, Form form, const char *name,
                            NgForeignResults *fr, librdf_storage **gs, const NgDiag *diag)
{
    bool is_graph = form == FORM_CONSTRUCT || form == FORM_DESCRIBE ||
                    strstr(resp->content_type, "turtle") ||
                    strstr(resp->content_type, "n-triples") ||
                    strstr(resp->content_type, "rdf+xml");
    int b = is_graph ? -1 : read_boolean(resp);
    if (is_graph) {
        fr->kind = NG_FOREIGN_GRAPH;
        return read_graph(w, resp, name, gs, &fr->graph, diag);
    }
    if (form == FORM_ASK || (form == FORM_UNKNOWN && b >= 0)) {
        fr->kind = NG_FOREIGN_BOOLEAN;
        fr->boolean = b > 0;
        if (b >= 0)
            return NG_SUCCESS;
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "the server's answer to ASK holds no boolean");
        return NG_ERR_QUERY;
    }
    if (resp->content_type[0] && !strstr(resp->content_type, "xml")) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "the server's answer (%s) is not SPARQL Query Results XML",
                       resp->content_type);
        return NG_ERR_QUERY;
    }
    fr->kind = NG_FOREIGN_ROWS;
    return read_rows(w, resp, name, fr, diag);
}

/* POSTs the query as an HTML form and writes the server's answer as a local query's would be. */
NgStatus ng_remote_query(const NgRemoteOptions *options, NgStore *scratch, const char *name,
                         const char *sparql, NgResultsFormat format, FILE *out,
                         const NgDiag *diag, size_t *count)
{
    if (count)
        *count = 0;
    if (!options || !valid_endpoint(options->endpoint)) {
        ng_diag_report(diag, NG_DIAG_ERROR, NULL, 0, 0,
                       "the endpoint must be an http:// or https:// URL");
        return NG_ERR_BAD_ARG;
    }
    name = name ? name : "-e";
    Form form = query_form(sparql);
    bool graph = form == FORM_CONSTRUCT || form == FORM_DESCRIBE;
    if (format == NG_RESULTS_TEXT)   /* what fits the form, as a local query writes it */
        format = graph ? NG_RESULTS_TURTLE : NG_RESULTS_TSV;
    if (form_misfits(form, format, name, diag))
        return NG_ERR_BAD_ARG;
    CURL *h = curl_easy_init();
    if (!h)
        return NG_ERR_INTERNAL;
    char *url = ng_strdup(options->endpoint);
    /* query=...&default-graph-uri=... as an HTML form: Virtuoso 7.2 answers a direct POST of
     * application/sparql-query but never ends the response */
    char *q = curl_easy_escape(h, sparql, 0);
    char *g = options->graph ? curl_easy_escape(h, options->graph, 0) : NULL;
    NgBuf post = {0};
    NgStatus fst = q && (g || !options->graph)
                       ? ng_buf_appendf(&post, "query=%s%s%s", q, g ? "&default-graph-uri=" : "",
                                        g ? g : "")
                       : NG_ERR_NOMEM;
    curl_free(q);
    curl_free(g);
    Response resp = {.limit = response_limit()};
    char errbuf[CURL_ERROR_SIZE];
    struct curl_slist *headers =
        curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded");
    if (headers)
        headers = curl_slist_append(headers,
                                    graph ? "Accept: text/turtle, application/n-triples;q=0.9"
                                    : form == FORM_ASK
                                        ? "Accept: application/sparql-results+json, "
                                          "application/sparql-results+xml;q=0.9"
                                        : "Accept: application/sparql-results+xml");
    NgStatus st = fst ? fst : url && headers ? setup(h, options, url, &resp, errbuf) : NG_ERR_NOMEM;
    /* a query is one request and one answer: --timeout bounds the whole of it */
    if (!st && (curl_easy_setopt(h, CURLOPT_TIMEOUT, options->timeout > 0 ? options->timeout : 30L) !=
                    CURLE_OK ||
                curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers) != CURLE_OK ||
                curl_easy_setopt(h, CURLOPT_POSTFIELDS, post.data) != CURLE_OK ||
                curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)post.len) !=
                    CURLE_OK))
        st = NG_ERR_INTERNAL;
    if (!st) {
        NgBuf what = {0};
        if (ng_buf_appendf(&what, "%s", name))
            st = NG_ERR_NOMEM;
        else
            st = perform(h, options, url, NULL, &resp, errbuf, what.data, diag);
        ng_buf_free(&what);
    }
    if (!st && resp.truncated) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "the results are larger than %zu %s; add LIMIT/OFFSET to the query",
                       resp.limit % (1u << 20) ? resp.limit : resp.limit >> 20,
                       resp.limit % (1u << 20) ? "bytes" : "MiB");
        st = NG_ERR_QUERY;
    }
    NgForeignResults fr = {0};
    librdf_storage *gs = NULL;
    if (!st)
        st = read_answer(ng_store_world(scratch), &resp, form, name, &fr, &gs, diag);
    if (!st)
        st = ng_query_write_foreign(scratch, name, sparql, &fr, format, out, diag, count);
    if (!st && resp.max_rows > 0) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "the server cut the results at %ld rows (X-SPARQL-MaxRows; Virtuoso's "
                       "ResultSetMaxRows): raise it in the server's configuration",
                       resp.max_rows);
        st = NG_ERR_QUERY;
    }
    foreign_free(&fr);
    if (fr.graph)
        librdf_free_model(fr.graph);
    if (gs)
        librdf_free_storage(gs);
    curl_slist_free_all(headers);
    ng_buf_free(&resp.body);
    ng_buf_free(&post);
    free(url);
    curl_easy_cleanup(h);
    return st;
}
