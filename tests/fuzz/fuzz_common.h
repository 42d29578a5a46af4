/* fuzz_common.h — shared by the libFuzzer harnesses in tests/fuzz/ (issue 7).
 *
 * Each harness defines LLVMFuzzerTestOneInput; LLVMFuzzerInitialize (here) loads the ontology and
 * the lexicon once per process, from $NEWSGRAPH_DATA, else from the repository two directories
 * above the harness binary (build-fuzz/fuzz_x -> .), else NG_DATADIR.  replay.c gives the same
 * harness a main() that runs it over files, so `make check` can replay tests/fuzz/regressions/
 * without libFuzzer. */
#ifndef NG_FUZZ_COMMON_H
#define NG_FUZZ_COMMON_H

#include "internal.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NG_DATADIR
#define NG_DATADIR "."
#endif

static NgLexicon *fuzz_lexicon;

static int fuzz_try_data(const char *dir)
{
    char path[4096];
    NgLexicon *lx = NULL;
    if (ng_lexicon_new(&lx))
        return 0;
    snprintf(path, sizeof path, "%s/ontology", dir);
    if (access(path, R_OK) != 0 || ng_lexicon_load_dir(lx, path, NULL)) {
        ng_lexicon_free(lx);
        return 0;
    }
    snprintf(path, sizeof path, "%s/data/lexicon", dir);
    if (ng_lexicon_load_dir(lx, path, NULL)) {
        ng_lexicon_free(lx);
        return 0;
    }
    fuzz_lexicon = lx;
    return 1;
}

/* What a harness made once per process (e.g. fuzz_query's store), freed by ng_fuzz_cleanup. */
static void (*fuzz_cleanup_hook)(void);

/* Frees what LLVMFuzzerInitialize and the harness made; called by replay.c before it returns (so
 * LeakSanitizer sees a clean exit) and at exit under libFuzzer.  Safe to call twice. */
void ng_fuzz_cleanup(void);
void ng_fuzz_cleanup(void)
{
    if (fuzz_cleanup_hook)
        fuzz_cleanup_hook();
    fuzz_cleanup_hook = NULL;
    ng_lexicon_free(fuzz_lexicon);
    fuzz_lexicon = NULL;
}

static void fuzz_free_lexicon(void) { ng_fuzz_cleanup(); }

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    const char *env = getenv("NEWSGRAPH_DATA");
    if (env && *env && fuzz_try_data(env))
        goto done;
    if (argv && *argv && (*argv)[0]) {
        char self[4096], dir[4096];
        snprintf(self, sizeof self, "%s", (*argv)[0]);
        snprintf(dir, sizeof dir, "%s/..", dirname(self));
        if (fuzz_try_data(dir))
            goto done;
    }
    if (fuzz_try_data(NG_DATADIR))
        goto done;
    fprintf(stderr, "fuzz: cannot load the ontology and lexicon; set NEWSGRAPH_DATA\n");
    exit(2);
done:
    atexit(fuzz_free_lexicon);
    return 0;
}

#endif
