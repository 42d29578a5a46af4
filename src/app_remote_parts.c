/* app_remote_parts.c — how push cuts a file into requests (docs/servers.md: Virtuoso holds a
 * whole request body in memory, so a large N-Triples file goes in parts of --part-size bytes,
 * each ending at a line end).  Only N-Triples without blank nodes can be cut: Turtle's prefixes
 * and multi-line statements cannot, and a blank node cut across two requests would become two
 * nodes.  app_remote.c sends the parts.
 */
#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Is `path` N-Triples by its name?  Only N-Triples can be cut at line ends into graphs whose
 * union is the file's graph (Turtle's prefixes and multi-line statements cannot). */
static bool ntriples_name(const char *path)
{
    size_t n = strlen(path);
    return (n > 3 && !strcasecmp(path + n - 3, ".nt")) ||
           (n > 9 && !strcasecmp(path + n - 9, ".ntriples"));
}

/* Does the file have a blank node label: "_:" at the start of a line or after a space or tab?
 * A literal that holds " _:" counts too, which errs on the safe side: such a file is sent whole,
 * because a blank node cut across two requests would become two nodes. */
static NgStatus has_blank_nodes(FILE *f, bool *found)
{
    char buf[1 << 16];
    char prev = '\n';
    size_t n;
    *found = false;
    if (fseeko(f, 0, SEEK_SET))
        return NG_ERR_IO;
    while (!*found && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i < n; i++) {
            if (buf[i] == '_' && (prev == '\n' || prev == ' ' || prev == '\t')) {
                int next = i + 1 < n ? buf[i + 1] : getc(f);
                if (i + 1 >= n && next != EOF)
                    ungetc(next, f);
                if (next == ':') {
                    *found = true;
                    break;
                }
            }
            prev = buf[i];
        }
    }
    return ferror(f) ? NG_ERR_IO : NG_SUCCESS;
}

/* The end of the part that starts at `start`: just past the first line end at or after
 * start + part - 1, or the end of the file. */
NgStatus ng_remote_part_end(FILE *f, off_t start, off_t part, off_t size, off_t *end)
{
    if (size - start <= part) {
        *end = size;
        return NG_SUCCESS;
    }
    off_t at = start + part - 1;
    if (fseeko(f, at, SEEK_SET))
        return NG_ERR_IO;
    int c;
    while ((c = getc(f)) != EOF) {
        at++;
        if (c == '\n')
            break;
    }
    if (ferror(f))
        return NG_ERR_IO;
    *end = at;
    return NG_SUCCESS;
}

/* How the file of `size` bytes is cut into requests: *part, the most bytes one sends (the whole
 * file when it is not N-Triples or has blank nodes, said in a note when parts were asked for), and
 * *parts, how many requests that makes, found by walking the cuts.  NG_ERR_IO, reported, when the
 * file cannot be read. */
NgStatus ng_remote_plan_parts(FILE *f, const char *path, off_t size,
                              const NgRemoteOptions *options, const NgDiag *diag, off_t *part_out, unsigned *parts_out)
{
    off_t part = options->part_size > 0 && options->part_size < (unsigned long long)INT64_MAX
                     ? (off_t)options->part_size
                     : size;
    NgStatus st = NG_SUCCESS;
    if (part < size && !ntriples_name(path)) {
        part = size;   /* Turtle goes whole; say so, the user asked for parts */
        ng_diag_report(diag, NG_DIAG_NOTE, path, 0, 0,
                       "sent in one request: only N-Triples (.nt) is cut into parts");
    } else if (part < size) {
        bool blank = false;
        st = has_blank_nodes(f, &blank);
        if (!st && blank) {
            part = size;
            ng_diag_report(diag, NG_DIAG_NOTE, path, 0, 0,
                           "sent in one request: it has blank nodes, and one cut across two "
                           "requests would become two nodes");
        }
    }
    unsigned parts = 0;
    for (off_t at = 0, e; !st && (at < size || parts == 0); at = e, parts++)
        st = size ? ng_remote_part_end(f, at, part, size, &e) : (e = 0, NG_SUCCESS);
    if (st) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return NG_ERR_IO;
    }
    *part_out = part;
    *parts_out = parts;
    return NG_SUCCESS;
}
