/* match.c — stage 3: sentences + lexicon -> tokens, actor mentions, cue words and name candidates.
 *
 * Tokens carry a lower-cased form and a WordNet lemma ("met" -> "meet", "talks" -> "talk"), so one
 * lemma in the cue lexicon covers every inflection.  Actor forms are matched case-sensitively,
 * longest first, left to right, without overlaps; cues are matched on surface and lemma forms, the
 * longest per start position and kind.  Capitalised word runs that no lexicon entry covers become
 * name candidates for the extractor to judge. */
#include "internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <wn.h>

/* WordNet keeps process-wide state and returns static buffers; one lock serializes its use.
 * This is the library's global, not ours: nothing of newsgraph's own is global. */
static pthread_mutex_t wordnet_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t wordnet_once = PTHREAD_ONCE_INIT;
static int wordnet_ok;

/* WordNet reads its index and data files through stdio, a binary search of seeks and reads per
 * look-up: about 2 ms a word, most of a build's time.  The files are mapped into memory once and
 * WordNet's streams replaced by memory streams over them (fmemopen), so a look-up costs no system
 * call.  The mappings live as long as the process, as WordNet's own streams do.  A file that
 * cannot be mapped keeps its stdio stream. */
static void wordnet_map(FILE **fp)
{
    struct stat sb;
    if (!*fp || fstat(fileno(*fp), &sb) != 0 || sb.st_size <= 0)
        return;
    void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fileno(*fp), 0);
    if (map == MAP_FAILED)
        return;
    FILE *mem = fmemopen(map, (size_t)sb.st_size, "r");
    if (!mem) {
        munmap(map, (size_t)sb.st_size);
        return;
    }
    /* every use of WordNet holds wordnet_lock already: stdio's own lock on each getc is not needed */
    __fsetlocking(mem, FSETLOCKING_BYCALLER);
    fclose(*fp);
    *fp = mem;
    ng_wordnet_register(mem, map, (size_t)sb.st_size);
}

static void wordnet_init(void)
{
    wordnet_ok = wninit() == 0;
    for (int p = 1; wordnet_ok && p <= NUMPARTS; p++) {
        wordnet_map(&indexfps[p]);
        wordnet_map(&datafps[p]);
    }
}

/* WordNet's base form of `word` as part of speech wpos (morphstr's first answer), or NULL, asked
 * once per (word, pos) for the memo's lifetime: the lemma, the part-of-speech, the class and the
 * noun-file questions each ask it of the same words, and its exception lists are read through
 * stdio, a seek and a read per step of a binary search.  The caller holds wordnet_lock (so the
 * memo's lock nests inside it, never the other way round); the answer lives as long as the memo. */
static const char *morph_base(NgLemmaMemo *memo, const char *word, int wpos)
{
    char key[72], buf[64];
    size_t n = strlen(word), slot;
    if (n + 4 > sizeof key || n >= sizeof buf)
        return NULL;
    /* "m<pos> word": neither a word (no spaces) nor a "c word" key (a space second) */
    key[0] = 'm';
    key[1] = (char)('0' + wpos);
    key[2] = ' ';
    memcpy(key + 3, word, n + 1);
    pthread_mutex_lock(&memo->lock);
    bool known = ng_map_get(&memo->index, key, n + 3, &slot);
    const char *v = known ? memo->values[slot] : NULL;
    pthread_mutex_unlock(&memo->lock);
    if (known)
        return v;
    memcpy(buf, word, n + 1);
    const char *m = morphstr(buf, wpos);
    char *copy = m ? ng_strdup(m) : NULL;
    if (m && !copy)
        return m; /* out of memory: answer this once, unmemoized (morphstr's buffer) */
    pthread_mutex_lock(&memo->lock);
    if (ng_grow((void **)&memo->values, &memo->cap, memo->count + 1, sizeof(char *)) ||
        ng_map_put(&memo->index, key, n + 3, memo->count)) {
        pthread_mutex_unlock(&memo->lock);
        free(copy);
        return m;
    }
    memo->values[memo->count++] = copy;
    pthread_mutex_unlock(&memo->lock);
    return copy;
}

/* Lemma of a lower-cased word: WordNet's verb base form, else its noun base form, else NULL.
 * Words that cannot inflect into a cue (numbers, non-ASCII words, English function words) are not
 * looked up: WordNet's look-ups are the costliest step of matching. */
static char *lemma_of(NgLemmaMemo *memo, const char *lower)
{
    static const char *const function_words[] = {
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "as", "that", "this", "these", "those", "it", "its", "their", "they", "them", "he",
        "she", "his", "her", "we", "our", "is", "was", "were", "are", "be", "been", "has", "have",
        "had", "not", "no", "which", "who", "whom", "whose", "than", "then", "so", "if", "into",
        "over", "after", "before", "about", "also", "more", "most", "such", "both", "while", NULL};
    size_t n = strlen(lower);
    if (n < 2 || n > 60)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)lower[i] >= 0x80 || (lower[i] >= '0' && lower[i] <= '9'))
            return NULL;
    for (size_t i = 0; function_words[i]; i++)
        if (!strcmp(lower, function_words[i]))
            return NULL;
    pthread_once(&wordnet_once, wordnet_init);
    if (!wordnet_ok)
        return NULL;
    char *out = NULL;
    pthread_mutex_lock(&wordnet_lock);
    int poses[] = {VERB, NOUN};
    for (int i = 0; i < 2 && !out; i++) {
        const char *m = morph_base(memo, lower, poses[i]);
        if (m && strcmp(m, lower) != 0)
            out = ng_strdup(m);
    }
    pthread_mutex_unlock(&wordnet_lock);
    return out;
}

static bool stem_is_cue_word(const NgLexicon *lx, const char *w, size_t n, const char *add)
{
    char buf[72];
    size_t a = strlen(add);
    if (n == 0 || n + a >= sizeof buf)
        return false;
    memcpy(buf, w, n);
    memcpy(buf + n, add, a);
    return ng_map_get(&lx->cue_words, buf, n + a, NULL);
}

/* Is WordNet worth asking?  Only an inflected form has a lemma other than itself, and the lemma
 * matters only when it is a word of some cue.  An irregular form is in WordNet's exception lists;
 * a regular one (-s, -es, -ies, -ed, -ied, -ing, doubled consonants) must have a stem that is a
 * cue word.  WordNet still decides the lemma: this only spares it the look-ups (dozens of file
 * seeks each) whose answer could not change a match. */
static bool may_inflect(const NgLexicon *lx, const char *w)
{
    size_t n = strlen(w);
    if (n < 3)
        return false;
    if (ng_map_get(&lx->irregular, w, n, NULL))
        return true;
    bool dbl = n > 4 && w[n - 4] == w[n - 5];
    if (w[n - 1] == 's')
        return stem_is_cue_word(lx, w, n - 1, "") || stem_is_cue_word(lx, w, n - 2, "") ||
               (n > 3 && !strcmp(w + n - 3, "ies") && stem_is_cue_word(lx, w, n - 3, "y"));
    if (w[n - 2] == 'e' && w[n - 1] == 'd')
        return stem_is_cue_word(lx, w, n - 2, "") || stem_is_cue_word(lx, w, n - 1, "") ||
               (n > 3 && w[n - 3] == 'i' && stem_is_cue_word(lx, w, n - 3, "y")) ||
               (n > 4 && w[n - 3] == w[n - 4] && stem_is_cue_word(lx, w, n - 3, ""));
    if (n > 4 && !strcmp(w + n - 3, "ing"))
        return stem_is_cue_word(lx, w, n - 3, "") || stem_is_cue_word(lx, w, n - 3, "e") ||
               (dbl && stem_is_cue_word(lx, w, n - 4, ""));
    return false;
}

/* The memo's answer for `key` (n bytes) as a new string in *out (NULL for "none"); when the key
 * is new, compute(word, pos) answers it outside the lock and the answer, NULL too, is kept for
 * the lexicon's lifetime. */
typedef char *(*MemoCompute)(NgLemmaMemo *memo, const char *word, char pos);
static NgStatus memo_answer(NgLemmaMemo *memo, const char *key, size_t n, MemoCompute compute,
                            const char *word, char pos, char **out)
{
    size_t slot;
    pthread_mutex_lock(&memo->lock);
    bool known = ng_map_get(&memo->index, key, n, &slot);
    const char *v = known ? memo->values[slot] : NULL;
    NgStatus st = NG_SUCCESS;
    if (known && v && !(*out = ng_strdup(v)))
        st = NG_ERR_NOMEM;
    pthread_mutex_unlock(&memo->lock);
    if (known || st)
        return st;
    char *l = compute(memo, word, pos);
    pthread_mutex_lock(&memo->lock);
    if (!ng_map_get(&memo->index, key, n, &slot)) {
        st = ng_grow((void **)&memo->values, &memo->cap, memo->count + 1, sizeof(char *));
        if (!st) {
            memo->values[memo->count] = l ? ng_strdup(l) : NULL;
            if (l && !memo->values[memo->count])
                st = NG_ERR_NOMEM;
            else
                st = ng_map_put(&memo->index, key, n, memo->count++);
        }
    }
    pthread_mutex_unlock(&memo->lock);
    *out = l;
    return st;
}

static char *lemma_compute(NgLemmaMemo *memo, const char *word, char pos)
{
    (void)pos;
    return lemma_of(memo, word);
}

/* The lemma of a lower-cased word as a new string (NULL: the word is its own lemma), asking
 * WordNet at most once per word for the lexicon's lifetime. */
static NgStatus lemma_lookup(const NgLexicon *lx, const char *lower, char **out)
{
    *out = NULL;
    if (!may_inflect(lx, lower))
        return NG_SUCCESS;
    return memo_answer(lx->memo, lower, strlen(lower), lemma_compute, lower, 'n', out);
}

/* Where WordNet files the most frequent sense of a lower-case word, inflected or not, as a verb
 * (pos 'v') or noun ('n'): its lexicographer file, then the first word of each hypernym up the
 * first-hypernym chain, space-separated ("noun.group unit organization social_group group ..."),
 * or NULL.  The caller frees the answer. */
static char *lexfile_of(NgLemmaMemo *memo, const char *lemma, char pos)
{
    size_t n = strlen(lemma);
    if (n < 2 || n > 60)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!((lemma[i] >= 'a' && lemma[i] <= 'z') || lemma[i] == '_' || lemma[i] == '-'))
            return NULL;
    pthread_once(&wordnet_once, wordnet_init);
    if (!wordnet_ok)
        return NULL;
    char *out = NULL;
    int wpos = pos == 'v' ? VERB : NOUN;
    pthread_mutex_lock(&wordnet_lock);
    /* an inflected form ("left", "observers", "pulled_back") is looked up by its base form */
    const char *base = morph_base(memo, lemma, wpos);
    char word[64];
    snprintf(word, sizeof word, "%s", base && strlen(base) < sizeof word ? base : lemma);
    IndexPtr idx = index_lookup(word, wpos);
    if (idx && idx->off_cnt > 0) {
        SynsetPtr syn = read_synset(wpos, idx->offset[0], word);
        NgBuf b = {0};
        bool oom = false;
        const char *file = syn && syn->fnum >= 0 && lexfiles[syn->fnum] ? lexfiles[syn->fnum] : NULL;
        if (file)
            oom = ng_buf_append(&b, file, strlen(file)) != NG_SUCCESS;
        /* then the first word of each hypernym, most specific first, along the first hypernym */
        for (int depth = 0; syn && depth < 24 && !oom; depth++) {
            long up = -1;
            for (int i = 0; i < syn->ptrcount && up < 0; i++)
                if (syn->ptrtyp[i] == HYPERPTR && syn->ppos[i] == wpos)
                    up = syn->ptroff[i];
            free_synset(syn);
            syn = up >= 0 ? read_synset(wpos, up, "") : NULL;
            if (syn && syn->wcount > 0 && syn->words[0])
                oom = ng_buf_append(&b, " ", 1) || ng_buf_append(&b, syn->words[0], strlen(syn->words[0]));
        }
        if (syn)
            free_synset(syn);
        if (oom)
            ng_buf_free(&b);
        else
            out = ng_buf_take(&b);
    }
    if (idx)
        free_index(idx);
    pthread_mutex_unlock(&wordnet_lock);
    return out;
}

NgStatus ng_wordnet_class(const NgLexicon *lx, const char *lemma, char pos, char **out)
{
    *out = NULL;
    NgLemmaMemo *memo = lx->memo;
    char key[72];
    size_t n = strlen(lemma);
    if (n + 3 > sizeof key)
        return NG_SUCCESS;
    /* memoized beside the lemmas; a key no word can be (words have no space) */
    key[0] = pos;
    key[1] = ' ';
    memcpy(key + 2, lemma, n + 1);
    n += 2;
    return memo_answer(memo, key, n, lexfile_of, lemma, pos, out);
}

/* What WordNet knows of a lower-case word, as the letters of NG_WN_* (see internal.h) in a new
 * string, or NULL for nothing.  A noun whose commonest sense is an instance (a proper name such
 * as "santiago") counts as a name, not a common noun. */
static char *pos_of(NgLemmaMemo *memo, const char *word, char pos)
{
    (void)pos;
    size_t n = strlen(word);
    if (n < 1 || n > 60)
        return NULL;
    pthread_once(&wordnet_once, wordnet_init);
    if (!wordnet_ok)
        return NULL;
    char out[8];
    size_t k = 0;
    pthread_mutex_lock(&wordnet_lock);
    int poses[] = {NOUN, VERB, ADJ, ADV};
    const char letters[] = "nvar";
    for (int p = 0; p < 4; p++) {
        const char *base = morph_base(memo, word, poses[p]);
        char w[64];
        snprintf(w, sizeof w, "%s", base && strlen(base) < sizeof w ? base : word);
        IndexPtr idx = index_lookup(w, poses[p]);
        if (!idx)
            continue;
        bool instance = false;
        if (poses[p] == NOUN && idx->off_cnt > 0) {
            SynsetPtr syn = read_synset(NOUN, idx->offset[0], w);
            instance = true;
            for (int i = 0; syn && i < syn->ptrcount && instance; i++)
                instance = syn->ptrtyp[i] != HYPERPTR;
            if (syn)
                free_synset(syn);
            if (strcmp(w, word) != 0)
                out[k++] = 's'; /* an inflected noun: a plural */
        }
        out[k++] = instance ? 'i' : letters[p];
        free_index(idx);
    }
    pthread_mutex_unlock(&wordnet_lock);
    out[k] = '\0';
    return k ? ng_strdup(out) : NULL;
}

/* The lexicographer files of the first three noun senses of a lower-case word, space-separated
 * ("noun.possession noun.location noun.artifact"), or NULL. */
static char *noun_files_of(NgLemmaMemo *memo, const char *word, char pos)
{
    (void)pos;
    size_t n = strlen(word);
    if (n < 1 || n > 60)
        return NULL;
    pthread_once(&wordnet_once, wordnet_init);
    if (!wordnet_ok)
        return NULL;
    char w[64];
    NgBuf b = {0};
    bool oom = false;
    pthread_mutex_lock(&wordnet_lock);
    const char *base = morph_base(memo, word, NOUN);
    snprintf(w, sizeof w, "%s", base && strlen(base) < sizeof w ? base : word);
    IndexPtr idx = index_lookup(w, NOUN);
    for (int s = 0; idx && s < idx->off_cnt && s < 3 && !oom; s++) {
        SynsetPtr syn = read_synset(NOUN, idx->offset[s], w);
        const char *file = syn && syn->fnum >= 0 && lexfiles[syn->fnum] ? lexfiles[syn->fnum] : NULL;
        if (file)
            oom = (b.len && ng_buf_append(&b, " ", 1)) || ng_buf_append(&b, file, strlen(file));
        if (syn)
            free_synset(syn);
    }
    if (idx)
        free_index(idx);
    pthread_mutex_unlock(&wordnet_lock);
    if (oom)
        ng_buf_free(&b);
    return oom ? NULL : ng_buf_take(&b);
}

NgStatus ng_wordnet_noun_files(const NgLexicon *lx, const char *lower, char **out)
{
    char key[72];
    size_t n = strlen(lower);
    *out = NULL;
    if (n + 3 > sizeof key)
        return NG_SUCCESS;
    key[0] = 'f';
    key[1] = ' ';
    memcpy(key + 2, lower, n + 1);
    return memo_answer(lx->memo, key, n + 2, noun_files_of, lower, 'n', out);
}

NgStatus ng_wordnet_pos(const NgLexicon *lx, const char *lower, unsigned *pos)
{
    char key[72], *answer = NULL;
    size_t n = strlen(lower);
    *pos = 0;
    if (n + 3 > sizeof key)
        return NG_SUCCESS;
    key[0] = 'p'; /* memoized beside the lemmas and classes */
    key[1] = ' ';
    memcpy(key + 2, lower, n + 1);
    NgStatus st = memo_answer(lx->memo, key, n + 2, pos_of, lower, 'p', &answer);
    for (const char *a = answer; a && *a; a++)
        *pos |= *a == 'n' ? NG_WN_NOUN : *a == 'v' ? NG_WN_VERB : *a == 'a' ? NG_WN_ADJ
                : *a == 'r' ? NG_WN_ADV : *a == 'i' ? NG_WN_NAME : NG_WN_PLURAL;
    free(answer);
    return st;
}

NgStatus ng_wordnet_common(const NgLexicon *lx, const char *lower, bool *common)
{
    unsigned pos = 0;
    NgStatus st = ng_wordnet_pos(lx, lower, &pos);
    *common = (pos & (NG_WN_NOUN | NG_WN_VERB | NG_WN_ADJ | NG_WN_ADV)) != 0;
    return st;
}

static bool is_word_cp(uint32_t cp) { return ng_cp_is_letter(cp) || ng_cp_is_digit(cp); }

static uint32_t cp_at(const char *t, size_t i, size_t end, size_t *len)
{
    uint32_t cp = 0;
    size_t k = i < end ? ng_utf8_decode((const unsigned char *)t + i, end - i, &cp) : 0;
    *len = k ? k : 1;
    return k ? cp : 0;
}

static NgStatus add_token(NgMatches *m, const NgLexicon *lx, size_t b, size_t e, size_t sentence,
                          bool word, bool first)
{
    const char *t = m->segments->doc->text;
    NgStatus st = ng_grow((void **)&m->tokens, &m->token_cap, m->token_count + 1, sizeof(NgToken));
    if (st)
        return st;
    NgToken *tok = &m->tokens[m->token_count];
    memset(tok, 0, sizeof *tok);
    m->work++;
    tok->span = (NgSpan){b, e};
    tok->sentence = sentence;
    tok->word = word;
    tok->sentence_start = first;
    size_t k;
    uint32_t c0 = cp_at(t, b, e, &k);
    tok->capitalized = ng_cp_is_upper(c0);
    tok->lower = ng_form_key(t + b, e - b, true);
    if (!tok->lower)
        return NG_ERR_NOMEM;
    char *lemma = NULL;
    /* a name mid-sentence has nothing to lemmatize */
    if (word && !(tok->capitalized && !first) && (st = lemma_lookup(lx, tok->lower, &lemma))) {
        free(tok->lower);
        return st;
    }
    tok->lemma = lemma ? lemma : ng_strdup(tok->lower);
    if (!tok->lemma) {
        free(tok->lower);
        return NG_ERR_NOMEM;
    }
    m->token_count++;
    return NG_SUCCESS;
}

/* Splits one sentence into word and punctuation tokens.  A word keeps inner apostrophes and
 * periods ("O'Neill", "U.S"), a final period when it has inner ones or is a known abbreviation
 * ("U.S.", "Mr."), and sheds a possessive "'s" as a token of its own.  Hyphens are tokens of their
 * own, so "South Ruritania-Kenya" holds "South Ruritania"; actor forms are matched on the text slice, so
 * "Jean-Yves Le Drian" still matches across its hyphens. */
static NgStatus tokenize(NgMatches *m, const NgLexicon *lx, size_t sentence, NgSpan sp)
{
    const char *t = m->segments->doc->text;
    size_t i = sp.begin;
    bool first = true;
    NgStatus st = NG_SUCCESS;
    while (i < sp.end && !st) {
        size_t k;
        uint32_t cp = cp_at(t, i, sp.end, &k);
        if (ng_cp_is_space(cp)) {
            i += k;
            continue;
        }
        if (!is_word_cp(cp)) {
            st = add_token(m, lx, i, i + k, sentence, false, first);
            i += k;
            continue;
        }
        size_t b = i, inner_dots = 0;
        i += k;
        for (;;) {
            size_t k1, k2;
            uint32_t c1 = cp_at(t, i, sp.end, &k1);
            if (i < sp.end && is_word_cp(c1)) {
                i += k1;
                continue;
            }
            bool joiner = c1 == '\'' || c1 == 0x2019 || c1 == '.';
            if (!joiner || i + k1 >= sp.end)
                break;
            uint32_t c2 = cp_at(t, i + k1, sp.end, &k2);
            if (!is_word_cp(c2))
                break;
            if ((c1 == '\'' || c1 == 0x2019) && (c2 == 's' || c2 == 'S')) {
                size_t k3;
                uint32_t c3 = cp_at(t, i + k1 + k2, sp.end, &k3);
                if (i + k1 + k2 >= sp.end || !is_word_cp(c3))
                    break; /* possessive: stop before the apostrophe */
            }
            if (c1 == '.')
                inner_dots++;
            i += k1 + k2;
        }
        if (i < sp.end && t[i] == '.') {
            bool abbrev = inner_dots > 0 ||
                          ng_lexicon_find_cue(lx, NG_CUE_ABBREVIATION, t + b, i + 1 - b) != SIZE_MAX;
            if (abbrev)
                i++;
        }
        st = add_token(m, lx, b, i, sentence, true, first);
        first = false;
    }
    return st;
}

static NgStatus add_match(NgMatches *m, NgMatchType type, size_t tb, size_t te, size_t ref,
                          NgFormRole role, NgCueKind cue)
{
    NgStatus st = ng_grow((void **)&m->matches, &m->match_cap, m->match_count + 1, sizeof(NgMatch));
    if (st)
        return st;
    NgMatch *x = &m->matches[m->match_count++];
    x->type = type;
    x->span = (NgSpan){m->tokens[tb].span.begin, m->tokens[te - 1].span.end};
    x->sentence = m->tokens[tb].sentence;
    x->tok_begin = tb;
    x->tok_end = te;
    x->ref = ref;
    x->role = role;
    x->cue_kind = cue;
    x->shadowed = false;
    return NG_SUCCESS;
}

/* Looks a form key (kl bytes of `key`, normalized by ng_form_key) up as an actor form: exact,
 * then (sentence-initial) with a lower-case first letter ("The Kremlin"), then ALL-CAPS words in
 * title case ("VIENNA"), which is written into `scratch`.  The key is left as it was. */
static bool find_form(const NgLexicon *lx, char *key, size_t kl, bool sentence_start,
                      NgBuf *scratch, size_t *form)
{
    bool hit = ng_map_get(&lx->form_by_text, key, kl, form);
    if (!hit && sentence_start && key[0] >= 'A' && key[0] <= 'Z') {
        key[0] = (char)(key[0] - 'A' + 'a');
        hit = ng_map_get(&lx->form_by_text, key, kl, form);
        key[0] = (char)(key[0] - 'a' + 'A');
    }
    if (!hit && kl > 2) {
        bool caps = true;
        for (size_t i = 0; i < kl; i++)
            if (key[i] >= 'a' && key[i] <= 'z')
                caps = false;
        if (caps) {
            scratch->len = 0;
            if (ng_buf_append(scratch, key, kl))
                return false;
            char *t = scratch->data;
            bool start = true;
            for (size_t i = 0; i < kl; i++) {
                if (t[i] >= 'A' && t[i] <= 'Z' && !start)
                    t[i] = (char)(t[i] - 'A' + 'a');
                start = t[i] == ' ' || t[i] == '-';
            }
            hit = ng_map_get(&lx->form_by_text, t, kl, form);
        }
    }
    return hit;
}

static bool transparent(const char *lower)
{
    static const char *const words[] = {"the", "a", "an", "its", "their", "his", "her", "our",
                                        "further", "more", "even", NULL};
    for (size_t i = 0; words[i]; i++)
        if (!strcmp(lower, words[i]))
            return true;
    size_t n = strlen(lower);
    return n > 4 && !strcmp(lower + n - 2, "ly") && strcmp(lower, "likely") && strcmp(lower, "unlikely");
}

/* Can an actor form start at this token?  Its text (as written, with a lower-case initial, or in
 * title case for ALL-CAPS words) must be the first token of some form. */
static bool may_start_form(const NgLexicon *lx, const char *t, const NgToken *tok)
{
    size_t n = tok->span.end - tok->span.begin;
    const char *w = t + tok->span.begin;
    if (n == 0 || n > 63)
        return n > 63;
    if (ng_map_get(&lx->form_first, w, n, NULL))
        return true;
    char buf[64];
    memcpy(buf, w, n);
    if (buf[0] >= 'A' && buf[0] <= 'Z') {
        buf[0] = (char)(buf[0] - 'A' + 'a');
        if (ng_map_get(&lx->form_first, buf, n, NULL))
            return true;
        buf[0] = (char)(buf[0] - 'a' + 'A');
    }
    for (size_t i = 1; i < n; i++)
        if (buf[i] >= 'A' && buf[i] <= 'Z')
            buf[i] = (char)(buf[i] - 'A' + 'a');
    if (ng_map_get(&lx->form_first, buf, n, NULL))
        return true;
    /* curly apostrophes are stored straight: "People’s" */
    return memchr(w, 0xE2, n) != NULL;
}

/* Transparent words skipped inside one cue phrase, at most. */
#define NG_MAX_TRANSPARENT 4

/* The longest lexicon form starting at token i (before te): its length in tokens (0: none) and
 * its form in *form.  The longest slice that could be one is keyed once, token by token (ends[j]:
 * the key's length after token i + j), and every shorter slice tried is a prefix of that key:
 * keying each length anew was the build's largest cost in matching. */
static size_t longest_form_at(NgMatches *m, size_t i, size_t te, size_t *ends, NgBuf *key, NgBuf *scratch,
                              size_t *form)
{
    const NgLexicon *lx = m->lexicon;
    const char *t = m->segments->doc->text;
    size_t maxk = lx->max_form_tokens * 2 + 1;
    if (!m->tokens[i].word || !may_start_form(lx, t, &m->tokens[i]))
        return 0;
    size_t kmax = te - i < maxk ? te - i : maxk, at = m->tokens[i].span.begin;
    bool space = false;
    key->len = 0;
    for (size_t j = 0; j < kmax; j++) {
        size_t end = m->tokens[i + j].span.end;
        if (ng_form_key_append(key, t + at, end - at, false, &space) != NG_SUCCESS)
            return 0;
        ends[j] = key->len;
        at = end;
    }
    for (size_t k = kmax; k >= 1; k--) {
        if (!m->tokens[i + k - 1].word)
            continue;
        size_t f;
        m->work++;
        char *kp = key->data;
        char keep = kp[ends[k - 1]];
        kp[ends[k - 1]] = '\0';
        bool hit = find_form(lx, kp, ends[k - 1], m->tokens[i].sentence_start, scratch, &f);
        kp[ends[k - 1]] = keep;
        if (hit) {
            *form = f;
            return k;
        }
    }
    return 0;
}

/* Lexicon forms of tokens [tb, te): the longest form at each position, no overlaps; its length
 * in lex_len[i - tb] and its form in lex_form[i - tb].  A form that a longer one starting inside
 * it overruns gives way to it: "the U.N. Security Council" is the Security Council, not "the
 * U.N." and a stray "Security Council" (the longest reading wins, as for unknown names).  With
 * no memory, no forms are found (as before). */
static void find_actor_forms(NgMatches *m, size_t tb, size_t te, size_t *lex_len, size_t *lex_form)
{
    size_t maxk = m->lexicon->max_form_tokens * 2 + 1;
    for (size_t i = tb; i < te; i++)
        lex_len[i - tb] = 0;
    size_t *ends = malloc(maxk * sizeof *ends);
    NgBuf key = {0}, scratch = {0};
    for (size_t i = tb; ends && i < te;) {
        size_t form = 0, best = longest_form_at(m, i, te, ends, &key, &scratch, &form);
        for (size_t j = i + 1; j < i + best; j++) {
            size_t f, inner = longest_form_at(m, j, te, ends, &key, &scratch, &f);
            if (inner > best && j + inner > i + best)
                best = 0; /* overrun by a longer form: start again one token on */
        }
        lex_len[i - tb] = best;
        lex_form[i - tb] = form;
        i += best ? best : 1;
    }
    ng_buf_free(&key);
    ng_buf_free(&scratch);
    free(ends);
}

/* Cue matches of tokens [tb, te): per cue kind, the longest at each start, on surface and lemma
 * forms, with transparent words skipped inside a phrase.  Inside an actor's name (covered) only
 * event triggers count. */
static NgStatus match_cues(NgMatches *m, size_t tb, size_t te, const bool *covered)
{
    const NgLexicon *lx = m->lexicon;
    NgStatus st = NG_SUCCESS;
    size_t maxc = lx->max_cue_tokens;
    NgBuf surf = {0}, lem = {0};
    for (size_t i = tb; i < te && !st; i++) {
        if (!m->tokens[i].word)
            continue;
        /* inside an actor's name only event triggers count ("the PALC Summit"); "States" in
         * "United States" is not the verb "state" */
        bool in_name = covered[i - tb];
        size_t found[NG_CUE__COUNT];
        size_t found_len[NG_CUE__COUNT] = {0};
        surf.len = lem.len = 0;
        size_t k = 0, skipped = 0;
        for (size_t j = i; j < te && k < maxc && !st; j++) {
            const NgToken *tok = &m->tokens[j];
            m->work++;
            if (!tok->word)
                break;
            /* inside a phrase, articles, possessive pronouns, -ly adverbs and degree words are
             * transparent: "close its borders" ~ "close border", "rely heavily on" ~ "rely on",
             * "drift further toward" ~ "drift toward"; a few per
             * phrase, so "the the the ..." costs a bounded look-ahead per word */
            if (j > i && j + 1 < te && transparent(tok->lower)) {
                if (++skipped > NG_MAX_TRANSPARENT)
                    break;
                continue;
            }
            k++;
            if (k > 1) {
                st = ng_buf_append(&surf, " ", 1);
                if (!st) st = ng_buf_append(&lem, " ", 1);
            }
            if (!st) st = ng_buf_append(&surf, tok->lower, strlen(tok->lower));
            if (!st) st = ng_buf_append(&lem, tok->lemma, strlen(tok->lemma));
            if (st)
                break;
            /* each form hashed once for all the kinds; the lemma asked only when it differs */
            uint64_t hs = ng_hash(surf.data, surf.len), hl = hs;
            bool same = lem.len == surf.len && memcmp(lem.data, surf.data, surf.len) == 0;
            if (!same)
                hl = ng_hash(lem.data, lem.len);
            /* a phrase that starts no cue (as written or as lemmas) starts none longer either:
             * one probe ends most starts, where each kind was asked for every length */
            if (!ng_map_get_hashed(&lx->cue_prefixes, hs, surf.data, surf.len, NULL) &&
                (same || !ng_map_get_hashed(&lx->cue_prefixes, hl, lem.data, lem.len, NULL)))
                break;
            for (int kind = 0; kind < NG_CUE__COUNT && !st; kind++) {
                if (!ng_cue_kind_in_text(kind))
                    continue;
                if (in_name && kind != NG_CUE_EVENT)
                    continue;
                size_t c = ng_lexicon_find_cue_hashed(lx, (NgCueKind)kind, hs, surf.data, surf.len);
                if (c == SIZE_MAX && !same)
                    c = ng_lexicon_find_cue_hashed(lx, (NgCueKind)kind, hl, lem.data, lem.len);
                if (c != SIZE_MAX) {
                    found[kind] = c;
                    found_len[kind] = j + 1 - i; /* tokens spanned, transparent ones included */
                }
            }
        }
        for (int kind = 0; kind < NG_CUE__COUNT && !st; kind++) {
            if (!found_len[kind])
                continue;
            if (lx->cues[found[kind]].needs_to) {
                /* "expect the sanctions to return": 'to' must follow within the clause */
                bool to = false;
                for (size_t j = i + found_len[kind]; j < te && j < i + found_len[kind] + 7 && m->tokens[j].word; j++)
                    to = to || !strcmp(m->tokens[j].lower, "to");
                if (!to)
                    continue;
            }
            st = add_match(m, NG_M_CUE, i, i + found_len[kind], found[kind], 0, (NgCueKind)kind);
        }
    }
    ng_buf_free(&surf);
    ng_buf_free(&lem);
    return st;
}

/* Matches one sentence's tokens [tb, te): lexicon forms and name runs (the longer reading wins,
 * match_names.c), then cues, then the name candidates no lexicon form covers.  A lone capitalised
 * word that opens the sentence is a candidate only when it is no common English word. */
static NgStatus match_sentence(NgMatches *m, size_t tb, size_t te)
{
    size_t n = te - tb + 1;
    bool *covered = calloc(n, sizeof(bool));
    size_t *lex = malloc(3 * n * sizeof(size_t));
    if (!covered || !lex) {
        free(covered);
        free(lex);
        return NG_ERR_NOMEM;
    }
    size_t *lex_len = lex, *lex_form = lex + n, *run_end = lex + 2 * n;
    find_actor_forms(m, tb, te, lex_len, lex_form);
    /* the forms a longer name shadows (ng_match_name_runs clears their lengths) stay as shadowed
     * matches: the extractor falls back on them when the name becomes no actor */
    size_t *before = malloc(n * sizeof(size_t));
    if (!before) {
        free(covered);
        free(lex);
        return NG_ERR_NOMEM;
    }
    memcpy(before, lex_len, n * sizeof(size_t));
    NgStatus st = ng_match_name_runs(m, tb, te, lex_len, run_end);
    for (size_t i = tb; i < te && !st; i++) {
        if (!before[i - tb] || lex_len[i - tb])
            continue;
        const NgLexForm *f = &m->lexicon->forms[lex_form[i - tb]];
        if (!(st = add_match(m, NG_M_ACTOR, i, i + before[i - tb], f->actor, f->role, 0)))
            m->matches[m->match_count - 1].shadowed = true;
    }
    free(before);
    for (size_t i = tb; i < te && !st; i++) {
        size_t len = lex_len[i - tb];
        if (!len)
            continue;
        const NgLexForm *f = &m->lexicon->forms[lex_form[i - tb]];
        st = add_match(m, NG_M_ACTOR, i, i + len, f->actor, f->role, 0);
        for (size_t j = i; j < i + len; j++)
            covered[j - tb] = true;
    }
    if (!st)
        st = match_cues(m, tb, te, covered);
    for (size_t i = tb; i < te && !st; i++)
        if (run_end[i - tb] && !covered[i - tb])
            st = add_match(m, NG_M_NAME, i, run_end[i - tb], SIZE_MAX, 0, 0);
    free(covered);
    free(lex);
    return st;
}

int ng_match_compare(const void *pa, const void *pb)
{
    const NgMatch *a = pa, *b = pb;
    if (a->tok_begin != b->tok_begin)
        return a->tok_begin < b->tok_begin ? -1 : 1;
    if (a->tok_end != b->tok_end)
        return a->tok_end > b->tok_end ? -1 : 1;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    return a->cue_kind < b->cue_kind ? -1 : a->cue_kind > b->cue_kind;
}

/* Longest match across cue kinds: a reporting, assessment, event or relation cue lying inside a
 * longer cue of another kind is part of that phrase ("state" in "state visit", "accord" in
 * "according to", "question" in "question whether").  Hedges and negations are kept: "likely"
 * still hedges inside "likely to".  Matches are sorted by start, longest first. */
static void drop_shadowed_cues(NgMatches *m)
{
    size_t out = 0;
    for (size_t i = 0; i < m->match_count; i++) {
        const NgMatch *x = &m->matches[i];
        bool shadowed = false;
        if (x->type == NG_M_CUE && (x->cue_kind == NG_CUE_REPORTING || x->cue_kind == NG_CUE_ASSESSMENT ||
                                    x->cue_kind == NG_CUE_EVENT || x->cue_kind == NG_CUE_RELATION)) {
            for (size_t k = i; k-- > 0 && m->matches[k].sentence == x->sentence && !shadowed;) {
                const NgMatch *y = &m->matches[k];
                m->work++;
                if (y->tok_end <= x->tok_begin && y->tok_begin + 8 < x->tok_begin)
                    break;
                /* an event and a relation may share words ("clashed with"): neither hides the other */
                bool independent = (x->cue_kind == NG_CUE_EVENT && y->cue_kind == NG_CUE_RELATION) ||
                                   (x->cue_kind == NG_CUE_RELATION && y->cue_kind == NG_CUE_EVENT);
                /* a relation cue inside a longer one hides too ("backing" in "with the backing
                 * of", "back" in "backed by"): both would relate the pair, the longer one in the
                 * right direction */
                bool same_relation = x->cue_kind == NG_CUE_RELATION && y->cue_kind == NG_CUE_RELATION;
                shadowed = y->type == NG_M_CUE && (y->cue_kind != x->cue_kind || same_relation) &&
                           !independent &&
                           y->tok_begin <= x->tok_begin && y->tok_end >= x->tok_end &&
                           y->tok_end - y->tok_begin > x->tok_end - x->tok_begin;
            }
        }
        if (!shadowed)
            m->matches[out++] = *x;
    }
    m->match_count = out;
}

NgStatus ng_match(const NgSegments *segments, const NgLexicon *lexicon, NgMatches **out)
{
    *out = NULL;
    NgMatches *m = calloc(1, sizeof *m);
    if (!m)
        return NG_ERR_NOMEM;
    m->segments = segments;
    m->lexicon = lexicon;
    size_t ns = segments->sentence_count;
    m->sentence_first_token = calloc(ns + 1, sizeof(size_t));
    NgStatus st = m->sentence_first_token ? NG_SUCCESS : NG_ERR_NOMEM;
    for (size_t s = 0; s < ns && !st; s++) {
        m->sentence_first_token[s] = m->token_count;
        st = tokenize(m, lexicon, s, segments->sentences[s].span);
    }
    if (!st)
        m->sentence_first_token[ns] = m->token_count;
    for (size_t s = 0; s < ns && !st; s++)
        st = match_sentence(m, m->sentence_first_token[s], m->sentence_first_token[s + 1]);
    if (!st && m->match_count)
        qsort(m->matches, m->match_count, sizeof(NgMatch), ng_match_compare);
    if (!st)
        drop_shadowed_cues(m);
    if (st) {
        ng_matches_free(m);
        return st;
    }
    *out = m;
    return NG_SUCCESS;
}

void ng_matches_free(NgMatches *matches)
{
    if (!matches)
        return;
    for (size_t i = 0; i < matches->token_count; i++) {
        free(matches->tokens[i].lower);
        free(matches->tokens[i].lemma);
    }
    free(matches->tokens);
    free(matches->sentence_first_token);
    free(matches->matches);
    free(matches);
}

size_t ng_matches_count(const NgMatches *matches) { return matches->match_count; }
