/* test_report.c — the HTML report of a graph: all text escaped, spans that nest and cross written
 * as well-formed elements (one "start" piece per span), every claim and event in its table, and
 * nothing loaded from outside the page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "app_picture.h"
#include "pictures_fixture.h"

static NgStore *store_of(const char *ttl)
{
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgStore *s = NULL;
    assert_int_equal(ng_store_new_memory(&diag, &s), NG_SUCCESS);
    assert_int_equal(ng_store_stage_buffer(s, "tiny.ttl", ttl, strlen(ttl), NG_FORMAT_TURTLE, &diag),
                     NG_SUCCESS);
    assert_int_equal(ng_store_commit(s, &diag, NULL), NG_SUCCESS);
    return s;
}

static char *report_of(NgStore *s, TestDiag *td)
{
    NgDiag diag = test_diag(td);
    char *page = NULL;
    assert_int_equal(ng_report_html(s, &diag, &page), NG_SUCCESS);
    assert_non_null(page);
    return page;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The part of the page between `from` and the next `to` (a new string). */
static char *between(const char *page, const char *from, const char *to)
{
    const char *a = strstr(page, from);
    assert_non_null(a);
    const char *b = strstr(a, to);
    assert_non_null(b);
    return ng_strndup(a, (size_t)(b - a));
}

static void test_escaping(void **state)
{
    (void)state;
    NgStore *s = store_of(tiny_ttl);
    TestDiag td;
    char *page = report_of(s, &td);
    /* the only script element is the page's own */
    assert_int_equal(count(page, "<script"), 1);
    assert_null(strstr(page, "alert(\"x\")"));
    assert_non_null(strstr(page, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"));
    assert_null(strstr(page, "<b>news"));
    assert_non_null(strstr(page, "<title>Tiny &lt;b&gt;news&lt;/b&gt; &amp; more</title>"));
    /* attribute values too: the actor label with a quote and a backslash */
    assert_non_null(strstr(page, "data-label=\"Caf\xC3\xA9 &quot;Q&quot; \\ Ltd\""));
    /* self-contained: nothing fetched */
    assert_null(strstr(page, "src="));
    assert_null(strstr(page, "<link"));
    assert_null(strstr(page, "@import"));
    assert_null(strstr(page, "url("));
    free(page);
    ng_store_free(s);
}

static void test_spans(void **state)
{
    (void)state;
    NgStore *s = store_of(tiny_ttl);
    TestDiag td;
    char *page = report_of(s, &td);
    assert_int_equal(td.count, 0);
    char *text = between(page, "<div class=\"text\">", "</section>");
    /* well formed: as many closes as opens */
    assert_int_equal(count(text, "<span"), count(text, "</span>"));
    /* one start piece per span: 4 actor mentions, 2 event spans, 3 claims */
    assert_int_equal(count(text, " start\""), 9);
    assert_int_equal(count(text, "data-span="), 9);
    assert_int_equal(count(text, "class=\"m m-claim mod-hedged start\""), 1);
    assert_int_equal(count(text, "class=\"m m-claim mod-predicted start\""), 1);
    assert_int_equal(count(text, "class=\"m m-claim mod-reported start\""), 1);
    assert_int_equal(count(text, "class=\"m m-event start\""), 2);
    assert_int_equal(count(text, "class=\"m m-actor k-person start\""), 2);
    /* the event 5,19 crosses the claims 0,10 and 11,57: it is split into pieces */
    assert_true(count(text, "data-node=\"http://example.org/t/talk\"") >= 2);
    /* offsets are code points: "Café" is the actor's whole mention */
    assert_non_null(strstr(text, "data-span=\"0,4\" data-node=\"http://example.org/t/cafe\""));
    assert_non_null(strstr(text, "Caf\xC3\xA9</span>"));
    /* the text itself survives, in order, once the markup is taken out */
    NgBuf plain = {0};
    assert_int_equal(ng_buf_append(&plain, "", 0), NG_SUCCESS);
    bool in_tag = false;
    for (const char *p = strchr(text, '>') + 1; *p; p++) {
        if (*p == '<')
            in_tag = true;
        else if (*p == '>')
            in_tag = false;
        else if (!in_tag)
            assert_int_equal(ng_buf_append(&plain, p, 1), NG_SUCCESS);
    }
    assert_string_equal(plain.data, "Caf\xC3\xA9 says: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                                    "&amp; &#39;quotes&#39; matter. Bob met Ann in Paris.");
    ng_buf_free(&plain);
    free(text);
    free(page);
    ng_store_free(s);
}

static void test_tables(void **state)
{
    (void)state;
    NgStore *s = store_of(tiny_ttl);
    TestDiag td;
    char *page = report_of(s, &td);
    char *claims = between(page, "<table id=\"claims-table\">", "</table>");
    assert_int_equal(count(claims, "<tr class=\"claim-row\""), 3);
    assert_non_null(strstr(claims, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; matter."));
    assert_non_null(strstr(claims, "Bob met Ann in Paris."));
    assert_non_null(strstr(claims, "Caf\xC3\xA9 says"));
    /* source and modality of each */
    assert_non_null(strstr(claims, "<td>Crowd</td><td class=\"mod\"><span class=\"m-claim mod-reported\">Reported"));
    assert_non_null(strstr(claims, "<td><i title=\"Tiny &lt;b&gt;news&lt;/b&gt; &amp; more\">the article</i></td><td class=\"mod\">"
                                   "<span class=\"m-claim mod-predicted\">Predicted"));
    assert_non_null(strstr(claims, "mod-hedged\">Hedged"));
    /* in the order of the text: "Café says" (0), the script claim (11), "Bob met..." (58) */
    const char *c3 = strstr(claims, "Caf\xC3\xA9 says"), *c1 = strstr(claims, "&lt;script&gt;alert");
    const char *c2 = strstr(claims, "Bob met Ann in Paris.");
    assert_true(c3 < c1 && c1 < c2);
    char *events = between(page, "<table id=\"events-table\">", "</table>");
    assert_int_equal(count(events, "<tr class=\"event-row\""), 2);
    /* dated first, with participants and place */
    const char *meet = strstr(events, ">meeting<");
    const char *talk = strstr(events, ">talks<");
    assert_true(meet && talk && meet < talk);
    assert_non_null(strstr(events, "<td>2024</td>"));
    assert_non_null(strstr(events, ">Ann</a>, <a href=\"#actor-"));
    assert_non_null(strstr(events, ">Paris</a></td></tr>"));
    /* the network picture is inline SVG */
    assert_non_null(strstr(page, "<div class=\"picture\">\n<svg"));
    assert_null(strstr(page, "<?xml"));
    free(claims);
    free(events);
    free(page);
    ng_store_free(s);
}

static void test_bad_spans_are_skipped(void **state)
{
    (void)state;
    /* a span past the end of the text is reported and left out; the page is still whole */
    NgBuf ttl = {0};
    assert_int_equal(ng_buf_appendf(&ttl, "%s%s", tiny_ttl,
                                    "<http://example.org/t/art#char=70,500> "
                                    "<http://www.w3.org/2005/11/its/rdf#taIdentRef> <http://example.org/t/ann> ;"
                                    " <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> 70 ;"
                                    " <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex> 500 ;"
                                    " <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext>"
                                    " <http://example.org/t/art> .\n"),
                     NG_SUCCESS);
    NgStore *s = store_of(ttl.data);
    TestDiag td;
    char *page = report_of(s, &td);
    assert_int_equal(td.errors, 0);
    assert_int_equal(td.count, 1);
    assert_non_null(strstr(td.text, "span 70,500 lies outside"));
    char *text = between(page, "<div class=\"text\">", "</section>");
    assert_int_equal(count(text, " start\""), 9);
    assert_int_equal(count(text, "<span"), count(text, "</span>"));
    free(text);
    free(page);
    ng_store_free(s);
    ng_buf_free(&ttl);
}

static void test_empty_store(void **state)
{
    (void)state;
    TestDiag td;
    NgDiag diag = test_diag(&td);
    NgStore *s = NULL;
    assert_int_equal(ng_store_new_memory(&diag, &s), NG_SUCCESS);
    char *page = report_of(s, &td);
    assert_non_null(strstr(page, "<h2>Claims (0)</h2>"));
    assert_non_null(strstr(page, "</html>"));
    free(page);
    ng_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_bad_spans_are_skipped),
        cmocka_unit_test(test_empty_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
