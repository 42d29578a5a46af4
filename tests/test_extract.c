/* test_extract.c — actors, events, claims (source and modality) from a small synthetic article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

static const char article[] =
    "A Week of Diplomacy\n"
    "\n"
    "Japan and South Korea met in Vienna on June 12, 2025 to discuss trade.\n"
    "\n"
    "Analysts say the agreement may weaken China's position in the region.\n"
    "\n"
    "Japan said the two countries will sign a new treaty next year.\n";

static NgLexicon *lx;
static TestRun run;

static int setup(void **state)
{
    (void)state;
    lx = test_full_lexicon();
    test_run(&run, "week.txt", article, lx, true);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    test_run_free(&run);
    ng_lexicon_free(lx);
    return 0;
}

static size_t actor_named(const NgExtraction *x, const char *label)
{
    size_t found = SIZE_MAX;
    for (size_t i = 0; i < x->actor_count; i++) {
        if (strcmp(x->actors[i].label, label) != 0)
            continue;
        if (found != SIZE_MAX)
            fail_msg("actor \"%s\" appears twice", label);
        found = i;
    }
    return found;
}

static const char *local_name(const char *iri)
{
    const char *h = strrchr(iri, '#');
    return h ? h + 1 : iri;
}

/* The sentence index whose text contains `needle`. */
static size_t sentence_with(const char *needle)
{
    const char *t = ng_document_text(run.doc);
    for (size_t s = 0; s < ng_segments_sentence_count(run.sg); s++) {
        const NgSentence *se = ng_segments_sentence(run.sg, s);
        char *text = ng_strndup(t + se->span.begin, se->span.end - se->span.begin);
        bool hit = strstr(text, needle) != NULL;
        free(text);
        if (hit)
            return s;
    }
    fail_msg("no sentence contains \"%s\"", needle);
    return SIZE_MAX;
}

static void test_actors(void **state)
{
    (void)state;
    const NgExtraction *x = run.x;
    assert_int_equal(ng_extraction_actor_count(x), x->actor_count);
    assert_int_equal(ng_extraction_event_count(x), x->event_count);
    assert_int_equal(ng_extraction_relation_count(x), x->relation_count);
    static const struct {
        const char *label;
        NgActorKind kind;
        bool in_lexicon;
    } want[] = {
        {"Japan", NG_KIND_STATE, true},
        {"South Korea", NG_KIND_STATE, true},
        {"China", NG_KIND_STATE, true},
        {"Analysts", NG_KIND_GROUP, false},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        size_t a = actor_named(x, want[i].label);
        if (a == SIZE_MAX)
            fail_msg("no actor \"%s\"", want[i].label);
        assert_int_equal(x->actors[a].kind, want[i].kind);
        assert_int_equal(x->actors[a].lex != SIZE_MAX, want[i].in_lexicon);
        assert_true(x->actors[a].mentions.count >= 1);
        for (size_t m = 0; m < x->actors[a].mentions.count; m++)
            assert_true(x->actors[a].mentions.items[m].end <= ng_document_size(run.doc));
    }
    assert_int_equal(x->actors[actor_named(x, "Japan")].mentions.count, 2);
    assert_string_equal(x->actors[actor_named(x, "Japan")].same_as, "http://www.wikidata.org/entity/Q17");
}

static void test_meeting_event(void **state)
{
    (void)state;
    const NgExtraction *x = run.x;
    size_t japan = actor_named(x, "Japan"), korea = actor_named(x, "South Korea");
    size_t s = sentence_with(" met ");
    bool found = false;
    assert_true(ng_extraction_event_count(x) >= 1);
    for (size_t i = 0; i < x->event_count; i++) {
        const NgXEvent *e = &x->events[i];
        assert_non_null(e->class_iri);
        assert_true(e->spans.count >= 1);
        if (strcmp(local_name(e->class_iri), "Meeting") != 0)
            continue;
        bool in_s = false;
        for (size_t k = 0; k < e->spans.count; k++) {
            const NgSentence *se = ng_segments_sentence(run.sg, s);
            in_s = in_s || (e->spans.items[k].begin >= se->span.begin && e->spans.items[k].end <= se->span.end);
        }
        if (!in_s)
            continue;
        found = true;
        bool has_japan = false, has_korea = false;
        for (size_t a = 0; a < e->actors.count; a++) {
            has_japan = has_japan || e->actors.items[a] == japan;
            has_korea = has_korea || e->actors.items[a] == korea;
        }
        assert_true(has_japan);
        assert_true(has_korea);
        assert_string_equal(e->time, "2025-06-12");
        assert_int_equal(e->modality, NG_MOD_ASSERTED);
    }
    if (!found)
        fail_msg("no Meeting event stated in the \"met\" sentence");
}

static const NgXClaim *claim_in(size_t sentence)
{
    for (size_t i = 0; i < run.x->claim_count; i++)
        if (run.x->claims[i].sentence == sentence)
            return &run.x->claims[i];
    return NULL;
}

static void test_hedged_analyst_claim(void **state)
{
    (void)state;
    const NgXClaim *c = claim_in(sentence_with(" may "));
    assert_non_null(c);
    assert_int_equal(c->modality, NG_MOD_HEDGED);
    size_t analysts = actor_named(run.x, "Analysts");
    assert_int_equal(c->source, analysts);
    assert_false(c->negated);
    /* the claim's words are in its sentence and include the hedge */
    const char *t = ng_document_text(run.doc);
    char *text = ng_strndup(t + c->span.begin, c->span.end - c->span.begin);
    assert_non_null(strstr(text, "may"));
    free(text);
    /* it is about China */
    size_t china = actor_named(run.x, "China");
    bool about_china = false;
    for (size_t i = 0; i < c->about_actors.count; i++)
        about_china = about_china || c->about_actors.items[i] == china;
    assert_true(about_china);
}

static void test_reported_claim(void **state)
{
    (void)state;
    const NgXClaim *c = claim_in(sentence_with(" said "));
    assert_non_null(c);
    assert_int_equal(c->modality, NG_MOD_REPORTED);
    assert_int_equal(c->source, actor_named(run.x, "Japan"));
    assert_int_equal(ng_extraction_claim_count(run.x), run.x->claim_count);
    /* the plain statement of fact is the article's own assertion */
    const NgXClaim *fact = claim_in(sentence_with(" met "));
    if (fact) {
        assert_int_equal(fact->source, SIZE_MAX);
        assert_int_equal(fact->modality, NG_MOD_ASSERTED);
    }
}

/* Dated narration is an event, not a claim; a question or what a signal meant is no forecast;
 * an author's lead-in before a colon and the claim after it are one claim. */
static void test_narration_and_modality(void **state)
{
    (void)state;
    static const char text[] =
        "Notes\n"
        "\n"
        "In May 2024, Chile signed a trade pact with Peru. "
        "The talks in 2024 were a turning point for the region. "
        "The sticking points are well known: whether the pact will be binding. "
        "They signalled that the pact will endure. "
        "The stakes are high for both: the pact has covered most of their trade. "
        "Mistrust remains deep.\n";
    TestRun r;
    test_run(&r, "notes.txt", text, lx, true);
    const char *t = ng_document_text(r.doc);
    bool narration = false, turning = false, question = false, signal = false, deep = false;
    size_t stakes = 0;
    for (size_t i = 0; i < r.x->claim_count; i++) {
        const NgXClaim *c = &r.x->claims[i];
        char *w = ng_strndup(t + c->span.begin, c->span.end - c->span.begin);
        narration = narration || strstr(w, "signed") != NULL;
        turning = turning || strstr(w, "turning point") != NULL;
        if (strstr(w, "whether")) {
            question = true;
            assert_int_equal(c->modality, NG_MOD_ASSERTED);
        }
        if (strstr(w, "signalled")) {
            signal = true;
            assert_int_equal(c->modality, NG_MOD_ASSERTED);
        }
        if (strstr(w, "stakes")) {
            stakes++;
            assert_non_null(strstr(w, "most of their trade"));
        }
        deep = deep || strstr(w, "Mistrust") != NULL;
        free(w);
    }
    assert_false(narration);
    assert_true(turning);
    assert_true(question);
    assert_true(signal);
    assert_int_equal(stakes, 1);
    assert_true(deep);
    test_run_free(&r);
}

/* Events narrated with an ordinary verb, triggered by the verb's WordNet class
 * (data/lexicon/cues-verbclasses.ttl): "left" and "returned" are no event cues; what makes them
 * events is that their commonest sense is a motion verb, their subject an agent ("observers",
 * "an advance party") and what follows them fits a movement (nothing, a time, a place as
 * object: ng:PlaceNounClass).  The same verb class makes none with a subject that is no agent
 * ("the economy"), in reported speech ("said the envoys returned"), after an auxiliary ("had
 * left"), before "to" and a verb ("moved quickly to calm"), nor in an idiom whose object is no
 * place, an adjective or adverb, or a purpose ("followed suit", "fell silent", "went further",
 * "turned to ... for help"). */
static void test_verb_class_events(void **state)
{
    (void)state;
    /* the sentences, in order; what each must give */
    static const char *const sentences[] = {
        "In May 2024, Chile signed a trade pact with Peru.",
        "Chilean observers left the region in June.",    /* an event, with Chile */
        "An advance party returned in August.",          /* an event of its own */
        "The economy slid into recession.",              /* none: the economy is no agent */
        "Peru said the envoys returned.",                /* none: reported speech */
        "By then monitors had left.",                    /* none: after an auxiliary */
        "The monitors moved quickly to calm the crowd.", /* none: a step, not a movement */
        "Argentina followed suit.",                      /* none: an object that is no place */
        "Peru ran a large deficit.",                     /* none: the same */
        "The minister led the review.",                  /* none: the same */
        "Chile passed a law.",                           /* none: the same */
        "Peru fell into recession.",                     /* none: a phrasal verb, no place */
        "Bolivia fell silent.",                          /* none: an adjective */
        "Argentina went further.",                       /* none: an adverb */
        "Santiago turned to Lima for help.",             /* none: a state's turn, a purpose */
        "Chilean soldiers crossed the river at dawn.",   /* an event: a place as object */
        "The observers left soon afterwards.",           /* an event: a time (ng:TimeWord) */
    };
    enum { N = sizeof sentences / sizeof *sentences };
    char text[1024] = "Notes\n\n";
    for (size_t i = 0; i < N; i++) {
        strcat(text, sentences[i]);
        strcat(text, i + 1 < N ? " " : "\n");
    }
    TestRun r;
    test_run(&r, "verbs.txt", text, lx, true);
    const char *t = ng_document_text(r.doc);
    size_t at[N];
    for (size_t i = 0; i < N; i++) {
        assert_non_null(strstr(t, sentences[i]));
        at[i] = (size_t)(strstr(t, sentences[i]) - t);
    }
    size_t chile = SIZE_MAX;
    for (size_t i = 0; i < r.x->actor_count; i++)
        if (!strcmp(r.x->actors[i].label, "Chile"))
            chile = i;
    assert_int_not_equal(chile, SIZE_MAX);
    size_t events_in[N] = {0};
    for (size_t i = 0; i < r.x->event_count; i++) {
        const NgXEvent *e = &r.x->events[i];
        size_t first = SIZE_MAX;
        for (size_t k = 0; k < e->spans.count; k++) {
            size_t b = e->spans.items[k].begin, which = 0;
            for (size_t q = 0; q < N; q++)
                if (b >= at[q] && e->spans.items[k].end <= at[q] + strlen(sentences[q]))
                    which = q;
            if (first == SIZE_MAX)
                first = which;
            /* one event per happening: the team's return is not merged with the departure */
            assert_int_equal(which, first);
            events_in[which]++;
        }
        if (first == 1) {
            assert_string_equal(local_name(e->class_iri), "OtherEvent");
            bool has_chile = false;
            for (size_t a = 0; a < e->actors.count; a++)
                has_chile = has_chile || e->actors.items[a] == chile;
            assert_true(has_chile);
        }
        if (first == 2) /* no one named: the actors of the event just told */
            assert_true(e->actors.count >= 1);
    }
    assert_int_equal(events_in[1], 1);
    assert_int_equal(events_in[2], 1);
    assert_int_equal(events_in[3], 0);
    assert_int_equal(events_in[4], 0);
    assert_int_equal(events_in[5], 0);
    for (size_t i = 6; i < N - 2; i++)
        assert_int_equal(events_in[i], 0);
    assert_int_equal(events_in[N - 2], 1);
    assert_int_equal(events_in[N - 1], 1);
    test_run_free(&r);
}

/* A place alone in the clause is where an event happened, not who acted: "Troops withdrew from
 * the Sahel" takes its actors from the sentence before, and keeps the place. */
static void test_place_is_no_participant(void **state)
{
    (void)state;
    static const char text[] = "Notes\n"
                               "\n"
                               "In May 2024, France and Germany agreed on a joint mission. "
                               "Troops withdrew from the Sahel in June.\n";
    TestRun r;
    test_run(&r, "place.txt", text, lx, true);
    const char *t = ng_document_text(r.doc);
    size_t at = (size_t)(strstr(t, "Troops withdrew") - t);
    bool found = false;
    for (size_t i = 0; i < r.x->event_count; i++) {
        const NgXEvent *e = &r.x->events[i];
        if (e->spans.items[0].begin < at)
            continue;
        found = true;
        bool france = false, sahel = false;
        for (size_t a = 0; a < e->actors.count; a++) {
            const char *label = r.x->actors[e->actors.items[a]].label;
            france = france || !strcmp(label, "France");
            sahel = sahel || !strcmp(label, "Sahel");
        }
        assert_true(france);
        assert_true(sahel);
    }
    assert_true(found);
    test_run_free(&r);
}

static void test_explain(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(ng_extraction_explain(run.x, f), NG_SUCCESS);
    long n = ftell(f);
    char *buf = calloc((size_t)n + 1, 1);
    assert_non_null(buf);
    rewind(f);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    assert_non_null(strstr(buf, "Japan and South Korea met in Vienna"));
    assert_non_null(strstr(buf, "hedged"));
    assert_non_null(strstr(buf, "source Analysts"));
    assert_non_null(strstr(buf, "reported"));
    assert_non_null(strstr(buf, "Meeting"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_actors),
        cmocka_unit_test(test_meeting_event),
        cmocka_unit_test(test_hedged_analyst_claim),
        cmocka_unit_test(test_reported_claim),
        cmocka_unit_test(test_narration_and_modality),
        cmocka_unit_test(test_verb_class_events),
        cmocka_unit_test(test_place_is_no_participant),
        cmocka_unit_test(test_explain),
    };
    return cmocka_run_group_tests_name("extract", tests, setup, teardown);
}
