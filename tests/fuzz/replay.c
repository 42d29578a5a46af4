/* replay.c — a main() for a fuzz harness built without libFuzzer: runs LLVMFuzzerTestOneInput
 * once over each file named (directories: each file in them).  `make check` uses it to replay
 * tests/fuzz/regressions/ and the seed corpora under the normal build (and ASan in `make asan`).
 * Exits non-zero when a file cannot be read; a crash is the harness's own abort(). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
void ng_fuzz_cleanup(void);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0, n;
    unsigned char chunk[65536];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n > cap) {
            cap = (len + n) * 2;
            unsigned char *more = realloc(buf, cap);
            if (!more) {
                free(buf);
                fclose(f);
                return 1;
            }
            buf = more;
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    /* an exact-size copy, so ASan sees reads past the end */
    unsigned char *exact = malloc(len ? len : 1);
    if (!exact) {
        free(buf);
        return 1;
    }
    if (len)
        memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int rc = 0, files = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            DIR *d = opendir(argv[i]);
            char **names = NULL;
            size_t n = 0;
            struct dirent *e;
            while (d && (e = readdir(d))) {
                if (e->d_name[0] == '.')
                    continue;
                char **more = realloc(names, (n + 1) * sizeof *names);
                if (!more)
                    break;
                names = more;
                size_t l = strlen(argv[i]) + strlen(e->d_name) + 2;
                names[n] = malloc(l);
                if (!names[n])
                    break;
                snprintf(names[n++], l, "%s/%s", argv[i], e->d_name);
            }
            if (d)
                closedir(d);
            if (n)
                qsort(names, n, sizeof *names, cmp);
            for (size_t k = 0; k < n; k++) {
                rc |= run_file(names[k]);
                files++;
                free(names[k]);
            }
            free(names);
        } else {
            rc |= run_file(argv[i]);
            files++;
        }
    }
    ng_fuzz_cleanup();
    printf("replay %s: %d file%s, %s\n", argv[0], files, files == 1 ? "" : "s", rc ? "FAILED" : "ok");
    return rc;
}
