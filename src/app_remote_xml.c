/* app_remote_xml.c — is a server's SPARQL Query Results XML whole? (issue 14, finding 8)
 *
 * Rasqal's XML results reader takes random bytes for an empty result and a document cut short
 * for the rows it has read, so app_remote.c asks this first: one XML document, its root
 * <sparql>, every element closed in order.  Not a validating parser: a tag-balance scan that
 * skips comments, processing instructions and CDATA, and counts the <result> elements.
 */
#include "internal.h"
#include "results_internal.h"

#include <ctype.h>
#include <string.h>

/* The local part of an XML name [p, p+n): what follows its prefix's ':'. */
static bool xml_name_is(const char *p, size_t n, const char *local)
{
    const char *colon = memchr(p, ':', n);
    if (colon) {
        n -= (size_t)(colon + 1 - p);
        p = colon + 1;
    }
    return n == strlen(local) && !memcmp(p, local, n);
}

/* Is the answer a whole XML document whose root is <sparql>: every element closed in order,
 * nothing but white space, comments and processing instructions around the root?  Rasqal's
 * reader takes random bytes for an empty result and a cut document for what it has read, so a
 * damaged answer is found here first.  *results counts the <result> elements. */
bool ng_results_xml_whole(const char *d, size_t len, size_t *results)
{
    enum { MAX_DEPTH = 64 };
    const char *open[MAX_DEPTH];
    size_t open_len[MAX_DEPTH], depth = 0, roots = 0;
    const char *end = d + len;
    *results = 0;
    for (const char *p = d; p < end;) {
        if (*p != '<') {
            if (!depth && !isspace((unsigned char)*p))
                return false;   /* text outside the root element */
            p++;
            continue;
        }
        static const struct { const char *open, *close; } skips[] = {
            {"<!--", "-->"}, {"<?", "?>"}, {"<![CDATA[", "]]>"}};
        const char *skipped = NULL;
        for (size_t k = 0; !skipped && k < sizeof skips / sizeof skips[0]; k++)
            if ((size_t)(end - p) >= strlen(skips[k].open) &&
                !memcmp(p, skips[k].open, strlen(skips[k].open))) {
                const char *c = p + 2;
                size_t cl = strlen(skips[k].close);
                while (c + cl <= end && memcmp(c, skips[k].close, cl))
                    c++;
                if (c + cl > end)
                    c = NULL;
                if (!c)
                    return false;
                skipped = c + strlen(skips[k].close);
            }
        if (skipped) {
            p = skipped;
            continue;
        }
        bool closing = p + 1 < end && p[1] == '/';
        const char *name = p + (closing ? 2 : 1), *q = name;
        while (q < end && !isspace((unsigned char)*q) && *q != '>' && *q != '/')
            q++;
        size_t n = (size_t)(q - name);
        char quote = 0;
        while (q < end && (quote || *q != '>')) {   /* to the tag's end, past quoted values */
            if (quote && *q == quote)
                quote = 0;
            else if (!quote && (*q == '"' || *q == '\''))
                quote = *q;
            q++;
        }
        if (!n || q >= end)
            return false;
        bool empty = !closing && q[-1] == '/';
        if (closing) {
            if (!depth || open_len[depth - 1] != n || memcmp(open[depth - 1], name, n))
                return false;
            depth--;
        } else {
            if ((!depth && (roots++ || !xml_name_is(name, n, "sparql"))) || depth == MAX_DEPTH)
                return false;
            if (xml_name_is(name, n, "result"))
                (*results)++;
            if (!empty) {
                open[depth] = name;
                open_len[depth++] = n;
            }
        }
        p = q + 1;
    }
    return depth == 0 && roots == 1;
}
