/* test_match.c — tokens, WordNet lemmas, actor mentions (longest, case-aware) and cue words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

/* A small lexicon where "Korea" (a place) is a prefix-free part of "North Korea" (a state), so only
 * longest-first matching gets "North Korea’s" right. */
static const char lex_ttl[] =
    "@prefix ng: <https://w3id.org/newsgraph/ns#> .\n"
    "@prefix ngl: <https://w3id.org/newsgraph/lexicon/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "ngl:north-korea a ng:State ; skos:prefLabel \"North Korea\"@en ; ng:capital \"Pyongyang\"@en ;\n"
    "    ng:demonym \"North Korean\"@en .\n"
    "ngl:korea a ng:Place ; skos:prefLabel \"Korea\"@en .\n"
    "ngl:china a ng:State ; skos:prefLabel \"China\"@en ; ng:capital \"Beijing\"@en .\n"
    "ngl:turkey a ng:State ; skos:prefLabel \"Turkey\"@en .\n"
    "ngl:austria a ng:State ; skos:prefLabel \"Austria\"@en ; ng:capital \"Vienna\"@en .\n"
    "ngl:un a ng:Organisation ; skos:prefLabel \"United Nations\"@en ; skos:altLabel \"the U.N.\"@en .\n"
    "ngl:unsc a ng:Organisation ; skos:prefLabel \"Security Council\"@en ;\n"
    "    skos:altLabel \"U.N. Security Council\"@en .\n"
    "ngl:cue-meet a ng:EventTrigger ; skos:prefLabel \"meet\"@en .\n"
    "ngl:cue-may a ng:HedgeCue ; skos:prefLabel \"may\"@en .\n"
    "ngl:cue-say a ng:ReportingCue ; skos:prefLabel \"say\"@en .\n"
    "ngl:cue-abbr-us a ng:Abbreviation ; skos:prefLabel \"U.S.\"@en .\n"
    "ngl:cue-abbr-un a ng:Abbreviation ; skos:prefLabel \"U.N.\"@en .\n"
    "ngl:cue-backing a ng:RelationCue ; skos:prefLabel \"backing\"@en ; ng:evokes ng:supports .\n"
    "ngl:cue-with-backing-of a ng:RelationCue ; skos:prefLabel \"with backing of\"@en ;\n"
    "    ng:evokes ng:supports ; ng:reversed true .\n"
    "ngl:cue-ministry a ng:OrganisationHead ; skos:prefLabel \"Ministry\"@en .\n"
    "ngl:cue-board a ng:OrganisationHead ; skos:prefLabel \"Board\"@en .\n"
    "ngl:cue-president a ng:PersonTitle ; skos:prefLabel \"President\"@en .\n"
    "ngl:words-name-connector a ng:WordClass ; ng:word \"of\", \"and\", \"for\", \"the\" .\n"
    "ngl:words-name-particle a ng:WordClass ; ng:word \"da\" .\n"
    "ngl:words-and a ng:WordClass ; ng:word \"and\" .\n"
    "ngl:time-monday a ng:TimeWord ; skos:prefLabel \"monday\"@en .\n";

static NgLexicon *lx;

static int setup(void **state)
{
    (void)state;
    lx = test_lexicon_from(lex_ttl);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ng_lexicon_free(lx);
    return 0;
}

static const NgToken *find_token(const NgMatches *m, const char *surface)
{
    const char *t = ng_document_text(m->segments->doc);
    for (size_t i = 0; i < m->token_count; i++) {
        NgSpan s = m->tokens[i].span;
        if (s.end - s.begin == strlen(surface) && !memcmp(t + s.begin, surface, s.end - s.begin))
            return &m->tokens[i];
    }
    return NULL;
}

/* The label of every actor match, in order, joined by '|', with the matched text: "label=text". */
static char *actor_matches(const NgMatches *m)
{
    NgBuf b = {0};
    const char *t = ng_document_text(m->segments->doc);
    for (size_t i = 0; i < m->match_count; i++) {
        const NgMatch *x = &m->matches[i];
        if (x->type != NG_M_ACTOR)
            continue;
        assert_int_equal(ng_buf_appendf(&b, "%s%s=%.*s", b.len ? "|" : "", m->lexicon->actors[x->ref].label,
                                        (int)(x->span.end - x->span.begin), t + x->span.begin), NG_SUCCESS);
    }
    return ng_buf_take(&b);
}

static void test_tokens_and_lemmas(void **state)
{
    (void)state;
    TestRun r;
    test_run(&r, "t.txt", "Envoys met twice and said so. The U.S. talks were held in Kim\xE2\x80\x99s villa.", lx, false);
    static const struct {
        const char *surface, *lower, *lemma;
        bool word, capitalized;
    } want[] = {
        /* WordNet lemmas: at least where the lemma is a cue of the lexicon ("meet", "say") */
        {"met", "met", "meet", true, false},
        {"said", "said", "say", true, false},
        {"Envoys", "envoys", NULL, true, true},
        {"talks", "talks", NULL, true, false},
        {"U.S.", "u.s.", NULL, true, true},   /* a known abbreviation keeps its final period */
        {"Kim", "kim", NULL, true, true},     /* a possessive is shed, not part of the word */
        {".", ".", ".", false, false},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const NgToken *tok = find_token(r.m, want[i].surface);
        if (!tok)
            fail_msg("no token \"%s\"", want[i].surface);
        assert_string_equal(tok->lower, want[i].lower);
        if (want[i].lemma)
            assert_string_equal(tok->lemma, want[i].lemma);
        assert_int_equal(tok->word, want[i].word);
        assert_int_equal(tok->capitalized, want[i].capitalized);
    }
    assert_null(find_token(r.m, "Kim\xE2\x80\x99s"));
    /* sentence_first_token partitions the tokens by sentence */
    assert_int_equal(ng_segments_sentence_count(r.sg), 2);
    assert_int_equal(r.m->sentence_first_token[0], 0);
    assert_int_equal(r.m->sentence_first_token[2], r.m->token_count);
    for (size_t s = 0; s < 2; s++)
        for (size_t i = r.m->sentence_first_token[s]; i < r.m->sentence_first_token[s + 1]; i++)
            assert_int_equal(r.m->tokens[i].sentence, s);
    assert_true(r.m->tokens[0].sentence_start);
    assert_true(r.m->tokens[r.m->sentence_first_token[1]].sentence_start);
    test_run_free(&r);
}

static void test_longest_actor_match(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *want;
    } cases[] = {
        /* curly possessive: the mention is "North Korea", not "Korea", not "North Korea’s" */
        {"He praised North Korea\xE2\x80\x99s restraint.", "North Korea=North Korea"},
        {"He praised North Korea's restraint.", "North Korea=North Korea"},
        {"Korea was divided in 1945.", "Korea=Korea"},
        {"North Korean troops met Chinese officials in Beijing.", "North Korea=North Korean|China=Beijing"},
        {"Pyongyang and Beijing may meet.", "North Korea=Pyongyang|China=Beijing"},
        /* case-aware: a common noun is no country ... */
        {"They ate turkey on fine china.", ""},
        /* ... but a sentence-initial capital or an all-caps dateline still matches */
        {"VIENNA hosted the talks with Turkey.", "Austria=VIENNA|Turkey=Turkey"},
        {"Turkey said nothing.", "Turkey=Turkey"},
        {"The north Korea question remains.", "Korea=Korea"},
        /* a form overrun by a longer one that starts inside it gives way */
        {"In June the U.N. Security Council met.", "Security Council=U.N. Security Council"},
        {"He thanked the U.N. for its help.", "United Nations=the U.N."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TestRun r;
        test_run(&r, "a.txt", cases[i].text, lx, false);
        char *got = actor_matches(r.m);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("\"%s\": actors \"%s\", want \"%s\"", cases[i].text, got, cases[i].want);
        free(got);
        test_run_free(&r);
    }
}

static void test_cues_on_lemmas(void **state)
{
    (void)state;
    TestRun r;
    test_run(&r, "c.txt", "Officials said the leaders met and may meet again.", lx, false);
    const char *t = ng_document_text(r.doc);
    size_t meets = 0, hedges = 0, reports = 0;
    for (size_t i = 0; i < r.m->match_count; i++) {
        const NgMatch *x = &r.m->matches[i];
        if (x->type != NG_M_CUE)
            continue;
        const char *surface = t + x->span.begin;
        size_t len = x->span.end - x->span.begin;
        if (x->cue_kind == NG_CUE_EVENT) {
            assert_true((len == 3 && !memcmp(surface, "met", 3)) || (len == 4 && !memcmp(surface, "meet", 4)));
            meets++;
        } else if (x->cue_kind == NG_CUE_HEDGE) {
            assert_int_equal(len, 3);
            hedges++;
        } else if (x->cue_kind == NG_CUE_REPORTING) {
            assert_int_equal(len, 4); /* "said" -> "say" */
            reports++;
        }
    }
    assert_int_equal(meets, 2);
    assert_int_equal(hedges, 1);
    assert_int_equal(reports, 1);
    /* matches are ordered by position */
    for (size_t i = 1; i < r.m->match_count; i++)
        assert_true(r.m->matches[i - 1].tok_begin <= r.m->matches[i].tok_begin);
    test_run_free(&r);
}

/* A relation cue inside a longer relation cue is hidden by it: "with (the) backing of" relates
 * the pair in the reverse direction, and "backing" alone must not add the forward one. */
static void test_longer_relation_cue_wins(void **state)
{
    (void)state;
    TestRun r;
    test_run(&r, "r.txt", "Turkey acted with the backing of Austria.", lx, false);
    const char *t = ng_document_text(r.doc);
    size_t relations = 0;
    for (size_t i = 0; i < r.m->match_count; i++) {
        const NgMatch *x = &r.m->matches[i];
        if (x->type != NG_M_CUE || x->cue_kind != NG_CUE_RELATION)
            continue;
        relations++;
        assert_int_equal(x->span.end - x->span.begin, strlen("with the backing of"));
        assert_memory_equal(t + x->span.begin, "with the backing of", strlen("with the backing of"));
    }
    assert_int_equal(relations, 1);
    test_run_free(&r);
}

static void test_name_candidates(void **state)
{
    (void)state;
    TestRun r;
    test_run(&r, "n.txt", "Officials from the Ministry of Commerce met Beijing envoys.", lx, false);
    const char *t = ng_document_text(r.doc);
    bool found = false;
    for (size_t i = 0; i < r.m->match_count; i++) {
        const NgMatch *x = &r.m->matches[i];
        if (x->type == NG_M_NAME && span_is(r.doc, x->span, "Ministry of Commerce"))
            found = true;
        /* no name candidate covers an actor mention */
        if (x->type == NG_M_NAME) {
            char *name = ng_strndup(t + x->span.begin, x->span.end - x->span.begin);
            assert_null(strstr(name, "Beijing"));
            free(name);
        }
    }
    assert_true(found);
    assert_true(ng_matches_count(r.m) == r.m->match_count);
    test_run_free(&r);
}

/* The names of `text`, as "[name]" in text order, into out. */
static void names_of(const char *text, char *out, size_t cap)
{
    TestRun r;
    test_run(&r, "n.txt", text, lx, false);
    const char *t = ng_document_text(r.doc);
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r.m->match_count; i++) {
        const NgMatch *x = &r.m->matches[i];
        if (x->type == NG_M_NAME || x->type == NG_M_ACTOR)
            n += (size_t)snprintf(out + n, cap - n, "%s[%.*s]",
                                  x->type == NG_M_NAME ? "N" : x->shadowed ? "S" : "A",
                                  (int)(x->span.end - x->span.begin), t + x->span.begin);
    }
    test_run_free(&r);
}

/* The longer reading wins: a lexicon form inside a longer name is no mention of it (S[...]: kept
 * aside, shadowed, should the name become no actor); common words
 * after a form are no part of its name; a title ends a name; "and" joins halves of one
 * organisation's name only; a sentence's first word opens a name only when it is no common word. */
static void test_longest_name_wins(void **state)
{
    (void)state;
    char got[512];
    names_of("Title\n\nThe Turkey Grain Board met the China Resolution team in Vienna.", got, sizeof got);
    assert_string_equal(got, "N[Turkey Grain Board]S[Turkey]A[China]A[Vienna]");
    names_of("Title\n\nOn Monday President Ana da Silva met Turkey and China.", got, sizeof got);
    assert_string_equal(got, "N[Ana da Silva]A[Turkey]A[China]");
    names_of("Title\n\nThe Ministry of Trade and Industry and the Ministry of Energy met.", got, sizeof got);
    assert_string_equal(got, "N[Ministry of Trade and Industry]N[Ministry of Energy]");
    names_of("Title\n\nUnlike China, Vienna Ostrova says little.", got, sizeof got);
    assert_string_equal(got, "A[China]N[Vienna Ostrova]S[Vienna]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens_and_lemmas),
        cmocka_unit_test(test_longest_actor_match),
        cmocka_unit_test(test_cues_on_lemmas),
        cmocka_unit_test(test_longer_relation_cue_wins),
        cmocka_unit_test(test_name_candidates),
        cmocka_unit_test(test_longest_name_wins),
    };
    return cmocka_run_group_tests_name("match", tests, setup, teardown);
}
