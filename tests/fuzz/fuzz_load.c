/*
 * fuzz_load.c — libFuzzer harness for the instance loader (load_instance): any bytes, read
 * as an instance, must give either a Model or messages; never a crash, a leak, undefined
 * behaviour or a hang. Built and run by `make fuzz` (FUZZ_S seconds, default 60); see
 * tests/fuzz/README.md.
 *
 * The input is written to WORK/instances/input.cfg, where WORK is a fresh temporary folder
 * that mirrors the repository's layout by symbolic links: WORK/instances/NAME for every file
 * of instances/, WORK/models -> models/, WORK/cat -> tests/fixtures/load/cat. So the seeds'
 * own @include lines ("dunkirk_base.cfg", "../models/steel.cfg", "../cat/tech.cfg") resolve,
 * and the fuzzer explores whole instances with their catalogues, not only syntax errors.
 * The harness must be started from the repository's root (make does).
 */
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char work[PATH_MAX];   /* the temporary folder */
static char input[PATH_MAX];  /* WORK/instances/input.cfg */

static void die(const char *what)
{
    perror(what);
    exit(1);
}

/* WORK/rel_link -> ROOT/target */
static void link_to(const char *root, const char *target, const char *rel_link)
{
    char from[PATH_MAX * 2], to[PATH_MAX * 2];
    snprintf(to, sizeof to, "%s/%s", root, target);
    snprintf(from, sizeof from, "%s/%s", work, rel_link);
    if (symlink(to, from) != 0)
        die(from);
}

/* Remove the temporary folder: the links, the input and the two folders. */
static void cleanup(void)
{
    char p[PATH_MAX * 2];
    snprintf(p, sizeof p, "%s/instances", work);
    DIR *dir = opendir(p);
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char f[PATH_MAX * 3];
            snprintf(f, sizeof f, "%s/%s", p, e->d_name);
            unlink(f);
        }
        closedir(dir);
    }
    rmdir(p);
    snprintf(p, sizeof p, "%s/models", work);
    unlink(p);
    snprintf(p, sizeof p, "%s/cat", work);
    unlink(p);
    rmdir(work);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char root[PATH_MAX];
    if (!getcwd(root, sizeof root))
        die("getcwd");
    if (access("instances", F_OK) != 0 || access("tests/fixtures/load/cat", F_OK) != 0) {
        fprintf(stderr, "fuzz_load: run from the repository's root (instances/ and tests/ not found)\n");
        exit(1);
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(work, sizeof work, "%s/tico_fuzz_load.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(work))
        die("mkdtemp");
    atexit(cleanup);
    char p[PATH_MAX * 2];
    snprintf(p, sizeof p, "%s/instances", work);
    if (mkdir(p, 0700) != 0)
        die(p);
    DIR *dir = opendir("instances");
    if (!dir)
        die("instances");
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        char t[PATH_MAX], l[PATH_MAX];
        snprintf(t, sizeof t, "instances/%s", e->d_name);
        snprintf(l, sizeof l, "instances/%s", e->d_name);
        link_to(root, t, l);
    }
    closedir(dir);
    link_to(root, "models", "models");
    link_to(root, "tests/fixtures/load/cat", "cat");
    snprintf(input, sizeof input, "%s/instances/input.cfg", work);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(input, "wb");
    if (!f)
        die(input);
    if (size && fwrite(data, 1, size, f) != size)
        die(input);
    if (fclose(f) != 0)
        die(input);
    Diag d = {0};
    Model *m = load_instance(input, NULL, 0, &d);
    /* Exactly one of the two: a model, or at least one message saying why not. */
    if (!m && d.n == 0) {
        fprintf(stderr, "fuzz_load: load_instance returned no model and no message\n");
        abort();
    }
    model_free(m);
    diag_free(&d);
    return 0;
}
