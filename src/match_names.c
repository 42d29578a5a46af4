/* match_names.c — stage 3, names: runs of capitalised words that may be a proper name, and which
 * reading wins where a lexicon form lies inside a longer name.
 *
 * A name is a run of capitalised words, with name connectors between them ("Ministry of Foreign
 * Affairs", "Ana da Silva", "von der Heide"), hyphen-joined parts ("Agri-Voz", "Ana Rose-Pereira",
 * "al-Borak") and initials.  Person titles ("President", "Foreign Minister"), months and weekdays
 * end a run; "and" joins two parts only inside an organisation's name ("Ministry of Trade and
 * Industry", not "France and Germany").  At a sentence start a word joins only when WordNet does
 * not know it as a common English word ("Ortega said", not "Unlike China").
 *
 * The longest reading wins: a run that holds a lexicon form and a capitalised word the lexicon does
 * not know is one name, and the form inside it is no mention ("Tomas Vega" is no mention of
 * Chile's capital, "Ruritanian Armed Forces" no mention of Ruritania, "Federal Security Council" none of
 * the UN's).  Headings, in title case throughout, keep their lexicon forms. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* The length in tokens of a person title starting at token i (0: none), "Prime Minister",
 * "Gen.", looked up among the lexicon's ng:PersonTitle cues by the lower-cased words. */
static size_t title_at(const NgMatches *m, size_t i, size_t te)
{
    const NgLexicon *lx = m->lexicon;
    char key[128];
    size_t best = 0, n = 0;
    for (size_t k = 0; i + k < te && k < lx->max_cue_tokens; k++) {
        const NgToken *t = &m->tokens[i + k];
        if (!t->word)
            break;
        size_t l = strlen(t->lower);
        if (n + l + 2 > sizeof key)
            break;
        if (n)
            key[n++] = ' ';
        memcpy(key + n, t->lower, l);
        n += l;
        if (ng_lexicon_find_cue(lx, NG_CUE_TITLE, key, n) != SIZE_MAX)
            best = k + 1;
    }
    return best;
}

/* Is token i a month or a weekday ("May", "Friday")?  It dates, it names no one. */
static bool time_name(const NgMatches *m, size_t i)
{
    const NgToken *t = &m->tokens[i];
    size_t n = strlen(t->lower);
    return ng_lexicon_find_cue(m->lexicon, NG_CUE_MONTH, t->lower, n) != SIZE_MAX ||
           ng_lexicon_find_cue(m->lexicon, NG_CUE_TIMEWORD, t->lower, n) != SIZE_MAX;
}

/* Is the word at token i a title here: a person title not followed by an organisation head
 * ("General" in "Gen. Ram Kumar" is one, in "General Assembly" none)? */
static bool title_here(const NgMatches *m, size_t i, size_t te)
{
    size_t len = title_at(m, i, te);
    if (!len)
        return false;
    const NgToken *n = i + len < te ? &m->tokens[i + len] : NULL;
    return !(n && n->word && n->capitalized &&
             ng_lexicon_find_cue(m->lexicon, NG_CUE_ORGHEAD, n->lower, strlen(n->lower)) != SIZE_MAX);
}

/* Is token i a capital letter and a period, an initial ("A. Rose")? */
static bool initial(const NgMatches *m, size_t i, size_t te)
{
    const NgToken *t = &m->tokens[i];
    return t->span.end - t->span.begin == 1 && t->capitalized && i + 2 < te && !m->tokens[i + 1].word &&
           !strcmp(m->tokens[i + 1].lower, ".") && m->tokens[i + 1].span.begin == t->span.end &&
           m->tokens[i + 2].word && m->tokens[i + 2].capitalized;
}

/* Is token i a word in capitals of three letters or more ("PORT")? */
static bool all_caps(const NgMatches *m, size_t i)
{
    const NgToken *t = &m->tokens[i];
    const char *s = m->segments->doc->text;
    size_t letters = 0;
    for (size_t k = t->span.begin; k < t->span.end; k++) {
        if (s[k] >= 'a' && s[k] <= 'z')
            return false;
        letters += s[k] >= 'A' && s[k] <= 'Z';
    }
    return t->word && letters >= 3;
}

/* Can the sentence's first word, token i, open a name?  A lexicon form may; a function word ("For",
 * "If") may not; an English word may only when WordNet has it as a noun and an unknown capitalised
 * word follows ("John Fairbank, the envoy", not "Unlike China" or "Talks"). */
static bool initial_name_word(NgMatches *m, size_t i, size_t te, const size_t *lex_len, size_t tb)
{
    const NgToken *t = &m->tokens[i];
    if (lex_len[i - tb])
        return true;
    if (ng_lexicon_word_classes(m->lexicon, t->lower, strlen(t->lower)))
        return false;
    /* a dateline in capitals: "PORT RURITANIA, Sept. 30" */
    if (i + 1 < te && all_caps(m, i) && all_caps(m, i + 1))
        return true;
    bool common = false;
    if (ng_wordnet_common(m->lexicon, t->lower, &common) || !common)
        return !common;
    const NgToken *n = i + 1 < te ? &m->tokens[i + 1] : NULL;
    if (!n || !n->word || !n->capitalized || lex_len[i + 1 - tb] || title_here(m, i + 1, te) ||
        time_name(m, i + 1))
        return false;
    char *chain = NULL;
    if (ng_wordnet_class(m->lexicon, t->lower, 'n', &chain) || !chain)
        return false;
    free(chain);
    bool next_common = false;
    return !ng_wordnet_common(m->lexicon, n->lower, &next_common) && !next_common;
}

/* Can token i be a word of a name?  A capitalised word that is no title here, month or weekday, no
 * lone capital letter ("I"), and at a sentence start one that initial_name_word allows. */
static bool name_word(NgMatches *m, size_t i, size_t te, const size_t *lex_len, size_t tb)
{
    const NgToken *t = &m->tokens[i];
    if (!t->word || !t->capitalized || title_here(m, i, te) || time_name(m, i))
        return false;
    if (t->span.end - t->span.begin == 1 && !initial(m, i, te))
        return false;
    return !t->sentence_start || initial_name_word(m, i, te, lex_len, tb);
}

/* Are tokens i and i + 1 joined without spaces ("Copa" "-", "-" "Cogeca")? */
static bool touching(const NgMatches *m, size_t i)
{
    return m->tokens[i].span.end == m->tokens[i + 1].span.begin;
}

/* Is there an organisation head word among tokens [b, e) ("Ministry", "Council")? */
static bool has_org_head_word(const NgMatches *m, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++) {
        const NgToken *t = &m->tokens[i];
        if (t->word && t->capitalized &&
            ng_lexicon_find_cue(m->lexicon, NG_CUE_ORGHEAD, t->lower, strlen(t->lower)) != SIZE_MAX)
            return true;
    }
    return false;
}

/* How many tokens after token j (the last word so far of a run that began at b) continue the
 * name: a hyphen and the word it joins, or connectors and the capitalised word after them; 0 when
 * the name ends here. */
static size_t continuation(NgMatches *m, size_t b, size_t j, size_t te, const size_t *lex_len, size_t tb,
                           bool personal)
{
    /* after a title the name is a person's: only its particles join ("Ana da Silva of the
     * Ministry" ends before "of") */
    const uint64_t joins = personal ? NG_WC(NG_WC_NAME_PARTICLE)
                                    : NG_WC(NG_WC_NAME_PARTICLE) | NG_WC(NG_WC_NAME_CONNECTOR);
    const NgLexicon *lx = m->lexicon;
    if (initial(m, j, te))
        return 2; /* "A. Rose": the period and the name after it */
    if (j + 2 < te && !m->tokens[j + 1].word && !strcmp(m->tokens[j + 1].lower, "-") &&
        m->tokens[j + 2].word && touching(m, j) && touching(m, j + 1))
        return 2; /* "Jean-Luc", "Agri-Union" */
    size_t k = j + 1, conn = 0;
    while (k < te && conn < 2 && m->tokens[k].word && !m->tokens[k].capitalized &&
           (ng_lexicon_word_classes(lx, m->tokens[k].lower, strlen(m->tokens[k].lower)) & joins)) {
        conn++;
        k++;
    }
    if (!conn || k >= te)
        return 0;
    /* "al-Borak": a connector joined by a hyphen to the next part */
    if (!m->tokens[k].word && !strcmp(m->tokens[k].lower, "-") && k + 1 < te && m->tokens[k + 1].word &&
        touching(m, k - 1) && touching(m, k))
        return k + 1 - j;
    if (!name_word(m, k, te, lex_len, tb))
        return 0;
    /* "and" joins the two halves of one organisation's name, the head in one of them ("Ministry of
     * Trade and Industry", "National Development and Reform Commission"), not two names ("France
     * and Germany", "the Ministry of Commerce and the National ... Commission") */
    bool and = false;
    for (size_t q = j + 1; q < k; q++)
        and = and || (ng_lexicon_word_classes(lx, m->tokens[q].lower, strlen(m->tokens[q].lower)) &
                      NG_WC(NG_WC_AND));
    if (and) {
        size_t e = k + 1;
        while (e < te && m->tokens[e].word && m->tokens[e].capitalized && !lex_len[e - tb])
            e++;
        if (conn > 1 || has_org_head_word(m, b, j + 1) == has_org_head_word(m, k, e))
            return 0;
    }
    return k - j;
}

/* Is the run [b, e) a longer name than the lexicon forms inside it?  It is when a capitalised
 * word the lexicon does not know comes before a form ("Federal Security Council", "Port Ruritania") or,
 * after one, an organisation head or a word that is no common English word follows ("Ruritanian Armed
 * Forces", "Tomas Vega").  Common words after a form are no part of its name ("the Security
 * Council Resolution", "the Paris Agreement"). */
static bool longer_name(NgMatches *m, size_t b, size_t e, const size_t *lex_len, size_t tb)
{
    bool seen_form = false;
    for (size_t i = b; i < e;) {
        if (lex_len[i - tb]) {
            seen_form = true;
            i += lex_len[i - tb];
            continue;
        }
        const NgToken *t = &m->tokens[i++];
        if (!t->word || !t->capitalized)
            continue;
        if (!seen_form)
            return true;
        bool common = false;
        if (ng_lexicon_find_cue(m->lexicon, NG_CUE_ORGHEAD, t->lower, strlen(t->lower)) != SIZE_MAX ||
            (!ng_wordnet_common(m->lexicon, t->lower, &common) && !common))
            return true;
    }
    return false;
}

NgStatus ng_match_name_runs(NgMatches *m, size_t tb, size_t te, size_t *lex_len, size_t *run_end)
{
    bool heading = m->segments->sentences[m->tokens[tb].sentence].heading;
    for (size_t i = tb; i < te; i++)
        run_end[i - tb] = 0;
    if (heading)
        return NG_SUCCESS;
    bool after_title = false;
    for (size_t i = tb; i < te;) {
        m->work++;
        size_t title = title_here(m, i, te) ? title_at(m, i, te) : 0;
        if (title || !name_word(m, i, te, lex_len, tb)) {
            i += title ? title : 1;
            after_title = title > 0;
            continue;
        }
        bool personal = after_title;
        after_title = false;
        size_t last = i;
        /* a lexicon form inside the run counts as its words */
        if (lex_len[i - tb])
            last = i + lex_len[i - tb] - 1;
        for (;;) {
            size_t more = continuation(m, i, last, te, lex_len, tb, personal);
            if (more) {
                last += more;
                if (lex_len[last - tb])
                    last += lex_len[last - tb] - 1;
                continue;
            }
            if (last + 1 < te && name_word(m, last + 1, te, lex_len, tb)) {
                last++;
                if (lex_len[last - tb])
                    last += lex_len[last - tb] - 1;
                continue;
            }
            break;
        }
        size_t e = last + 1;
        /* the longest reading wins: the lexicon forms inside a longer name are no mentions */
        if (longer_name(m, i, e, lex_len, tb))
            for (size_t q = i; q < e; q++)
                lex_len[q - tb] = 0;
        run_end[i - tb] = e;
        i = e;
    }
    return NG_SUCCESS;
}
