/*
 * testing.h — shared helpers for tico's CUnit suites (header-only; one suite per file).
 *
 * A suite file defines its tests and ends with
 *     TT_MAIN("loader", {"name of test", fn}, ...)
 * The runner prints CUnit's report, then one line "TICO-RESULT suite passed failed" that
 * tests/run.sh adds up, and exits non-zero when any test failed (CU_basic_run_tests()
 * alone does not).
 *
 * Tests run from the repository root. TT_TICO is the sanitized program build/san/tico.
 */
#ifndef TICO_TESTING_H
#define TICO_TESTING_H

#include <CUnit/Basic.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "diag.h"
#include "load.h"
#include "model.h"

#ifndef TT_TICO
#define TT_TICO "build/san/tico"
#endif
#define TT_TMP "tests/tmp"

/* Relative closeness for objective values and the like. */
#define TT_ASSERT_REL(actual, expected, rel)                                                          \
    do {                                                                                              \
        double a_ = (actual), e_ = (expected);                                                        \
        double tol_ = (rel) * (fabs(e_) > 1.0 ? fabs(e_) : 1.0);                                      \
        if (!(fabs(a_ - e_) <= tol_))                                                                 \
            fprintf(stderr, "\n  %s:%d: %s = %.12g, expected %.12g\n", __FILE__, __LINE__, #actual, a_, e_); \
        CU_ASSERT(fabs(a_ - e_) <= tol_);                                                             \
    } while (0)

/* Write text to tests/tmp/<name> (creating the folder); returns the path (static buffer). */
static inline const char *tt_write(const char *name, const char *text)
{
    static char path[4][512];
    static int k;
    mkdir(TT_TMP, 0777);
    char *p = path[k++ % 4];
    snprintf(p, 512, "%s/%s", TT_TMP, name);
    FILE *f = fopen(p, "w");
    if (!f) {
        perror(p);
        exit(99);
    }
    fputs(text, f);
    fclose(f);
    return p;
}

/* Run a shell command line, capture stdout+stderr into out (NUL-terminated, truncated to n)
 * and return the exit code (or -1 when it did not exit normally). */
static inline int tt_sh(const char *cmd, char *out, size_t n)
{
    size_t len = strlen(cmd) + 8;
    char *full = malloc(len);
    if (!full)
        return -1;
    snprintf(full, len, "%s 2>&1", cmd);
    FILE *p = popen(full, "r");
    free(full);
    if (!p)
        return -1;
    size_t k = 0;
    if (out && n) {
        k = fread(out, 1, n - 1, p);
        out[k] = '\0';
    }
    char sink[4096];
    while (fread(sink, 1, sizeof sink, p) > 0)
        ;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Read a whole file into a malloc'd string (NULL if it cannot be read). */
static inline char *tt_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    size_t k = fread(b, 1, (size_t)n, f);
    b[k] = '\0';
    fclose(f);
    return b;
}

/* Does the file exist and contain text? */
static inline int tt_file_has(const char *path, const char *text)
{
    char *s = tt_slurp(path);
    int r = s && strstr(s, text) != NULL;
    free(s);
    return r;
}

/* Field `col` (0-based) of the first line of a CSV file that starts with `key`; NaN if absent
 * or empty. Fields may be quoted (no escaped quotes needed in tico's test files). */
static inline double tt_csv_field(const char *path, const char *key, int col)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NAN;
    char line[4096];
    double v = NAN;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, strlen(key)) != 0)
            continue;
        int c = 0;
        const char *p = line;
        while (c < col && *p) {
            if (*p == '"') {
                p = strchr(p + 1, '"');
                if (!p)
                    break;
            }
            if (*p == ',')
                c++;
            p++;
        }
        if (p && c == col && *p != ',' && *p != '\n')
            v = strtod(p, NULL);
        break;
    }
    fclose(f);
    return v;
}

/* Load an instance file; on failure the messages are in d (caller frees d and model). */
static inline Model *tt_load(const char *path, Diag *d)
{
    return load_instance(path, NULL, 0, d);
}

/* True if some message of d contains all of the given substrings (NULL-terminated). */
static inline int tt_diag_has(const Diag *d, const char *a, const char *b, const char *c)
{
    for (int i = 0; i < d->n; i++) {
        if (a && !strstr(d->msg[i], a))
            continue;
        if (b && !strstr(d->msg[i], b))
            continue;
        if (c && !strstr(d->msg[i], c))
            continue;
        return 1;
    }
    return 0;
}

typedef struct {
    const char *name;
    void (*fn)(void);
} TTCase;

static inline int tt_main(const char *suite, const TTCase *cases, int n)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 98;
    CU_pSuite s = CU_add_suite(suite, NULL, NULL);
    for (int i = 0; i < n; i++)
        CU_add_test(s, cases[i].name, cases[i].fn);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned run = CU_get_number_of_tests_run();
    unsigned failed = CU_get_number_of_tests_failed();
    printf("TICO-RESULT %s %u %u\n", suite, run - failed, failed);
    CU_cleanup_registry();
    return failed ? 1 : 0;
}

/* glpsol's raw solution file (-w): the MIP line is "s mip ROWS COLS STATUS OBJ". */
static inline double tt_glpsol_objective(const char *lp, const char *dir)
{
    size_t n = strlen(lp) + strlen(dir) + 64;
    char *cmd = malloc(n), *path = malloc(n), out[8192];
    if (!cmd || !path)
        abort();
    snprintf(cmd, n, "glpsol --lp %s -w %s/glpsol.sol", lp, dir);
    snprintf(path, n, "%s/glpsol.sol", dir);
    int rc = tt_sh(cmd, out, sizeof out);
    free(cmd);
    FILE *f = rc == 0 ? fopen(path, "r") : NULL;
    free(path);
    if (!f)
        return NAN;
    char line[512];
    double v = NAN;
    while (fgets(line, sizeof line, f)) {
        int r, c;
        char st;
        double obj;
        if (sscanf(line, "s mip %d %d %c %lf", &r, &c, &st, &obj) == 4 && st == 'o')
            v = obj;
    }
    fclose(f);
    return v;
}

/* The same for dir/model.lp (a folder of `tico export`). */
static inline double tt_glpsol_objective_in(const char *dir)
{
    size_t n = strlen(dir) + 16;
    char *lp = malloc(n);
    if (!lp)
        abort();
    snprintf(lp, n, "%s/model.lp", dir);
    double v = tt_glpsol_objective(lp, dir);
    free(lp);
    return v;
}

/* Pids of the live (not zombie) children of `parent`, from /proc; returns how many (<= max). */
static inline int tt_children(pid_t parent, pid_t *out, int max)
{
    DIR *d = opendir("/proc");
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        pid_t pid = (pid_t)atoi(e->d_name);
        if (pid <= 0)
            continue;
        char path[64], buf[512];
        snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t k = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[k] = '\0';
        char *cp = strrchr(buf, ')'), state;
        int ppid;
        if (cp && sscanf(cp + 1, " %c %d", &state, &ppid) == 2 && ppid == parent && state != 'Z' &&
            n < max)
            out[n++] = pid;
    }
    if (d)
        closedir(d);
    return n;
}

#define TT_MAIN(suite, ...)                                                       \
    int main(void)                                                                \
    {                                                                             \
        static const TTCase cases_[] = {__VA_ARGS__};                             \
        return tt_main(suite, cases_, (int)(sizeof cases_ / sizeof cases_[0]));   \
    }

#endif
