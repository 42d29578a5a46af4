/* read.c — stage 1: bytes on disk -> NgDocument.
 *
 * The reader is strict about what it accepts (valid UTF-8, no NUL bytes, a size limit) and lenient
 * about layout (a BOM is dropped, CRLF and lone CR become LF), so every later stage sees one clean
 * text.  Errors carry the line and column of the offending byte in the file as given. */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static NgStatus fail(const NgDiag *diag, const char *name, unsigned line, unsigned col,
                     NgStatus st, const char *msg)
{
    ng_diag_report(diag, NG_DIAG_ERROR, name, line, col, "%s", msg);
    return st;
}

/* Builds the code-point checkpoints that make ng_document_cp_offset() O(stride). */
static NgStatus build_cp_marks(NgDocument *doc)
{
    doc->cp_mark_count = doc->size / NG_CP_STRIDE + 1;
    doc->cp_marks = malloc(doc->cp_mark_count * sizeof(size_t));
    if (!doc->cp_marks)
        return NG_ERR_NOMEM;
    size_t cp = 0;
    for (size_t i = 0; i < doc->size; i++) {
        if (i % NG_CP_STRIDE == 0)
            doc->cp_marks[i / NG_CP_STRIDE] = cp;
        cp += ((unsigned char)doc->text[i] & 0xC0) != 0x80;
    }
    if (doc->size % NG_CP_STRIDE == 0)
        doc->cp_marks[doc->size / NG_CP_STRIDE] = cp;
    return NG_SUCCESS;
}

/* Validates and normalizes `len` bytes into a new document. */
NgStatus ng_document_read_buffer(const char *name, const char *bytes, size_t len,
                                 const NgReadOptions *options, const NgDiag *diag,
                                 NgDocument **out)
{
    *out = NULL;
    if (!name || (!bytes && len))
        return NG_ERR_BAD_ARG;
    size_t max = options && options->max_size ? options->max_size : NG_DEFAULT_MAX_SIZE;
    if (len > max) {
        ng_diag_report(diag, NG_DIAG_ERROR, name, 0, 0,
                       "the file has %zu bytes, more than the limit of %zu; split it or raise "
                       "--max-size", len, max);
        return NG_ERR_TOO_LARGE;
    }
    const unsigned char *s = (const unsigned char *)bytes;
    size_t i = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    char *text = malloc(len + 1);
    if (!text)
        return NG_ERR_NOMEM;
    size_t n = 0;
    unsigned line = 1, col = 1;
    bool any_visible = false;
    while (i < len) {
        unsigned char c = s[i];
        if (c == 0) {
            free(text);
            return fail(diag, name, line, col, NG_ERR_ENCODING,
                        "NUL byte in the text; an article must be plain UTF-8 text");
        }
        if (c == '\r') {
            text[n++] = '\n';
            i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
            line++;
            col = 1;
            continue;
        }
        if (c == '\n') {
            text[n++] = '\n';
            i++;
            line++;
            col = 1;
            continue;
        }
        uint32_t cp;
        size_t k = ng_utf8_decode(s + i, len - i, &cp);
        if (!k) {
            free(text);
            ng_diag_report(diag, NG_DIAG_ERROR, name, line, col,
                           "invalid UTF-8 (byte 0x%02X); convert the file to UTF-8, e.g. with "
                           "iconv -f LATIN1 -t UTF-8", c);
            return NG_ERR_ENCODING;
        }
        if (!ng_cp_is_space(cp) && cp != 0xFEFF)
            any_visible = true;
        memcpy(text + n, s + i, k);
        n += k;
        i += k;
        col++;
    }
    text[n] = '\0';
    if (!any_visible) {
        free(text);
        return fail(diag, name, 0, 0, NG_ERR_EMPTY,
                    n ? "the file holds only white space; give an article with text"
                      : "the file is empty; give an article with text");
    }
    NgDocument *doc = calloc(1, sizeof *doc);
    if (!doc) {
        free(text);
        return NG_ERR_NOMEM;
    }
    doc->text = text;
    doc->size = n;
    doc->name = ng_strdup(name);
    if (!doc->name || build_cp_marks(doc)) {
        ng_document_free(doc);
        return NG_ERR_NOMEM;
    }
    *out = doc;
    return NG_SUCCESS;
}

/* Reads a whole regular file, refusing directories and files over the limit before reading. */
NgStatus ng_document_read_file(const char *path, const NgReadOptions *options, const NgDiag *diag,
                               NgDocument **out)
{
    *out = NULL;
    size_t max = options && options->max_size ? options->max_size : NG_DEFAULT_MAX_SIZE;
    bool in = !strcmp(path, "-");   /* "-": standard input, named "stdin" */
    if (in)
        path = "stdin";
    FILE *f = in ? stdin : fopen(path, "rb");
    if (!f) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "cannot open: %s; check the path",
                       strerror(errno));
        return NG_ERR_IO;
    }
    struct stat st;
    if (!in && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return fail(diag, path, 0, 0, NG_ERR_IO,
                    "is a directory; give an article file (a corpus build takes files)");
    }
    NgBuf buf = {0};
    char chunk[65536];
    size_t got;
    NgStatus status = NG_SUCCESS;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf.len + got > max) {
            ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0,
                           "the file is larger than the limit of %zu bytes; split it or raise "
                           "--max-size", max);
            status = NG_ERR_TOO_LARGE;
            break;
        }
        if ((status = ng_buf_append(&buf, chunk, got)))
            break;
    }
    if (!status && ferror(f)) {
        ng_diag_report(diag, NG_DIAG_ERROR, path, 0, 0, "read error: %s", strerror(errno));
        status = NG_ERR_IO;
    }
    if (!in)
        fclose(f);
    if (!status)
        status = ng_document_read_buffer(path, buf.data ? buf.data : "", buf.len, options, diag, out);
    ng_buf_free(&buf);
    return status;
}

void ng_document_free(NgDocument *doc)
{
    if (!doc)
        return;
    free(doc->name);
    free(doc->text);
    free(doc->cp_marks);
    free(doc);
}

const char *ng_document_name(const NgDocument *doc) { return doc->name; }
const char *ng_document_text(const NgDocument *doc) { return doc->text; }
size_t ng_document_size(const NgDocument *doc) { return doc->size; }

/* Code point offset of a byte offset: the checkpoint below it plus the characters since. */
size_t ng_document_cp_offset(const NgDocument *doc, size_t byte)
{
    if (byte > doc->size)
        byte = doc->size;
    size_t m = byte / NG_CP_STRIDE;
    size_t cp = doc->cp_marks[m];
    for (size_t i = m * NG_CP_STRIDE; i < byte; i++)
        cp += ((unsigned char)doc->text[i] & 0xC0) != 0x80;
    return cp;
}

/* 1-based line and code-point column of a byte offset (linear; used for messages only). */
void ng_document_line_col(const NgDocument *doc, size_t byte, unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;
    if (byte > doc->size)
        byte = doc->size;
    for (size_t i = 0; i < byte; i++) {
        if (doc->text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)doc->text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}
