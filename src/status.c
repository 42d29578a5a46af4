/* status.c — status names and the diagnostic sink: the one place errors are formatted. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Returns a short static English description of `status`. */
const char *ng_strerror(NgStatus status)
{
    switch (status) {
    case NG_SUCCESS: return "success";
    case NG_ERR_NOMEM: return "out of memory";
    case NG_ERR_IO: return "input/output error";
    case NG_ERR_ENCODING: return "invalid UTF-8";
    case NG_ERR_EMPTY: return "no text";
    case NG_ERR_TOO_LARGE: return "input too large";
    case NG_ERR_SYNTAX: return "syntax error";
    case NG_ERR_DATA: return "invalid data";
    case NG_ERR_BAD_ARG: return "invalid argument";
    case NG_ERR_STORE: return "store error";
    case NG_ERR_QUERY: return "query error";
    case NG_ERR_INTERNAL: return "internal library error";
    }
    return "unknown status";
}

/* Formats a message and hands it to the sink; a NULL sink or function drops it. */
void ng_diag_report(const NgDiag *diag, NgDiagLevel level, const char *file, unsigned line,
                    unsigned col, const char *fmt, ...)
{
    if (!diag || !diag->func)
        return;
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        diag->func(diag->user_data, level, file, line, col, small);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        diag->func(diag->user_data, level, file, line, col, small);
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    diag->func(diag->user_data, level, file, line, col, big);
    free(big);
}

/* The standard sink: "prefix file:line:col: level: message" on an NgDiagStream's stream. */
/* Writes `s` with every control character (C0, DEL, and C1 as UTF-8) as \xNN: a file name or a
 * quoted text holding ESC sequences must not drive the terminal the message is read on. */
static void put_visible(const char *s, FILE *f)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\x%02x", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            fprintf(f, "\\xc2\\x%02x", *++p);
        else
            fputc(*p, f);
    }
}

void ng_diag_stream_func(void *user_data, NgDiagLevel level, const char *file, unsigned line,
                         unsigned col, const char *message)
{
    NgDiagStream *ds = user_data;
    FILE *f = ds && ds->stream ? ds->stream : stderr;
    const char *what = level == NG_DIAG_ERROR ? "error" : level == NG_DIAG_WARNING ? "warning" : "note";
    fputs(ds && ds->prefix ? ds->prefix : "", f);
    if (file) {
        put_visible(file, f);
        if (line) {
            fprintf(f, ":%u", line);
            if (col)
                fprintf(f, ":%u", col);
        }
        fputs(": ", f);
    }
    fprintf(f, "%s: ", what);
    put_visible(message, f);
    fputc('\n', f);
    if (ds && level == NG_DIAG_ERROR)
        ds->errors++;
}
