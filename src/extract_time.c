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

/* The article's year: the first year its title names (0 when none). */
void ngx_pass_article_year(NgxCtx *c)
{
    NgSpan title = c->sg->title;
    for (size_t i = 0; c->sg->sentence_count && title.end > title.begin &&
                       i < c->m->sentence_first_token[1]; i++) {
        int y;
        if (ngx_year_of(c, i, &y)) {
            c->article_year = y;
            break;
        }
    }
}
