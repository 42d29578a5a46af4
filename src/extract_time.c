/* extract_time.c — time expressions: years, days, "Aug. 28", "June 12, 2025", "last week", and
 * the article's own year (the first year its title names), which dates a "May 3" without one. */
#include "extract.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ngx_year_of(const NgxCtx *c, size_t i, int *year)
{
    const NgToken *k = ngx_tok(c, i);
    if (!k->word || k->span.end - k->span.begin != 4)
        return false;
    for (size_t j = k->span.begin; j < k->span.end; j++)
        if (!isdigit((unsigned char)c->t[j]))
            return false;
    int y = atoi(c->t + k->span.begin);
    if (y < 1900 || y > 2099)
        return false;
    *year = y;
    return true;
}

bool ngx_day_of(const NgxCtx *c, size_t i, int *day)
{
    const NgToken *k = ngx_tok(c, i);
    size_t n = k->span.end - k->span.begin;
    if (!k->word || n < 1 || n > 2 || !isdigit((unsigned char)c->t[k->span.begin]) ||
        (n == 2 && !isdigit((unsigned char)c->t[k->span.begin + 1])))
        return false;
    int d = atoi(c->t + k->span.begin);
    if (d < 1 || d > 31)
        return false;
    *day = d;
    return true;
}

/* The time expression nearest to token `at` within [tb, te): "Aug. 28", "June 12, 2025",
 * "in June 2024" (its year), "2019".  Writes "YYYY" or "YYYY-MM-DD"; false when none. */
bool ngx_time_near(const NgxCtx *c, size_t tb, size_t te, size_t at, char out[16])
{
    size_t best_dist = SIZE_MAX;
    for (size_t i = tb; i < te; i++) {
        size_t dist = i > at ? i - at : at - i;
        if (dist >= best_dist)
            continue;
        const NgLexCue *cue;
        size_t len;
        int y, d;
        if (ngx_cue_at(c, i, NG_CUE_MONTH, &len, &cue) && cue->month && i + len < te &&
            ngx_day_of(c, i + len, &d)) {
            size_t j = i + len + 1;
            if (j < te && ngx_tok_is(c, j, ","))
                j++;
            if (!(j < te && ngx_year_of(c, j, &y)))
                y = c->article_year;
            if (!y)
                continue;
            snprintf(out, 16, "%04d-%02d-%02d", y, cue->month, d);
            best_dist = dist;
        } else if (ngx_year_of(c, i, &y)) {
            snprintf(out, 16, "%04d", y);
            best_dist = dist;
        }
    }
    return best_dist != SIZE_MAX;
}

/* The month (1-12) that dates what token `at` tells, named after "in" or "on" before it from
 * tb on ("In August the commissions signed"; not "besieged since May", not "signed ... and by
 * November patrols resumed"), or 0 when none is. */
int ngx_month_before(const NgxCtx *c, size_t tb, size_t at)
{
    for (size_t i = at; i > tb + 1; i--) {
        const NgLexCue *cue;
        if (ngx_is_month_date(c, i - 1) && ngx_cue_at(c, i - 1, NG_CUE_MONTH, NULL, &cue) && cue->month)
            return ngx_is(c, i - 2, NG_WC(NG_WC_LOCATIVE)) ? cue->month : 0;
    }
    return 0;
}

/* Where the time expression that starts at token i (or after its preposition: "in February",
 * "on Sept. 19, 2023", "last week") ends, before e; i when none starts there. */
size_t ngx_time_end(const NgxCtx *c, size_t i, size_t e)
{
    const uint64_t mods = NG_WC(NG_WC_TIME_MODIFIER) | NGX_DETERMINER | NG_WC(NG_WC_ORDINAL);
    size_t j = i < e && ngx_is(c, i, NG_WC(NG_WC_TEMPORAL_PREP)) ? i + 1 : i;
    if (!(ngx_starts_time(c, j, e) || (j < e && ngx_is_month_date(c, j))))
        return i;
    size_t k = j;
    for (int y; k < e; k++) {
        bool month = ngx_tok(c, k)->capitalized && ngx_cue_at(c, k, NG_CUE_MONTH, NULL, NULL);
        bool comma = ngx_tok_is(c, k, ",") && k + 1 < e && ngx_year_of(c, k + 1, &y);
        if (!(month || comma || ngx_is(c, k, mods) || ngx_time_word(c, k) || ngx_year_of(c, k, &y) ||
              ngx_day_of(c, k, &y)))
            break;
    }
    return k > j ? k : i;
}

/* "May 28", "in May 2024": a month name, not the modal verb "may". */
bool ngx_is_month_date(const NgxCtx *c, size_t i)
{
    if (!ngx_tok(c, i)->capitalized || !ngx_cue_at(c, i, NG_CUE_MONTH, NULL, NULL))
        return false;
    if (i + 1 < c->m->token_count && ngx_tok(c, i + 1)->sentence == ngx_tok(c, i)->sentence) {
        const char *n = ngx_tok(c, i + 1)->lower;
        if (n[0] >= '0' && n[0] <= '9')
            return true;
    }
    return !ngx_tok(c, i)->sentence_start; /* a capital "May" inside a sentence is the month */
}

/* Is token i a time word of the lexicon (ng:TimeWord: "afterwards", "week", "Monday")? */
bool ngx_time_word(const NgxCtx *c, size_t i)
{
    const NgToken *k = ngx_tok(c, i);
    return k->word && ng_lexicon_find_cue(c->lx, NG_CUE_TIMEWORD, k->lower, strlen(k->lower)) != SIZE_MAX;
}

/* Does a time expression start at token i (before e)?  "soon afterwards", "last week", "in late
 * August" (after its preposition), "3 July", "2019", "two days later", "the first time". */
bool ngx_starts_time(const NgxCtx *c, size_t i, size_t e)
{
    const uint64_t mods = NG_WC(NG_WC_TIME_MODIFIER) | NGX_DETERMINER | NG_WC(NG_WC_ORDINAL);
    int y;
    if (i >= e)
        return false;
    if (ngx_time_word(c, i) || ngx_year_of(c, i, &y))
        return true;
    size_t j = i;
    while (j < e && j - i < NGX_TIME_MODIFIERS && (ngx_is(c, j, mods) || ngx_day_of(c, j, &y)))
        j++;
    return j < e && (ngx_time_word(c, j) || ngx_year_of(c, j, &y) ||
                     (ngx_tok(c, j)->capitalized && ngx_cue_at(c, j, NG_CUE_MONTH, NULL, NULL)));
}

/* The article's year: the first year its title names; failing that, the latest year of a full
 * date in the text ("On Aug. 14, 2024, ..."): an article dates in full what lies in other years,
 * and the latest such date lies closest to when it was written.  0 when neither. */
void ngx_pass_article_year(NgxCtx *c)
{
    NgSpan title = c->sg->title;
    for (size_t i = 0; c->sg->sentence_count && title.end > title.begin &&
                       i < c->m->sentence_first_token[1]; i++) {
        int y;
        if (ngx_year_of(c, i, &y)) {
            c->article_year = y;
            return;
        }
    }
    if (!ngx_on(c, NGX_R_TIME_FULL_DATE_YEAR))
        return;
    for (size_t i = 0; i + 3 < c->m->token_count; i++) {
        size_t len;
        const NgLexCue *cue;
        int d, y;
        if (ngx_cue_at(c, i, NG_CUE_MONTH, &len, &cue) && cue->month && i + len + 2 < c->m->token_count &&
            ngx_day_of(c, i + len, &d) && ngx_tok_is(c, i + len + 1, ",") && ngx_year_of(c, i + len + 2, &y) &&
            y > c->article_year)
            c->article_year = y;
    }
}
