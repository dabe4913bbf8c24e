/*
 * export.c — the MILP of a Build written as model.lp (CPLEX LP, default), model.mps (free MPS)
 * or model.glpk (GLPK's own format), with the readable row and column names of build_*.c.
 *
 * The file is written under a temporary name in the output folder and renamed, so a reader
 * never sees half a file. The objective's constant part rides on the column
 * const_fixed_om fixed at 1 (build_objective.c), so another solver reading the file reports
 * the same objective value as tico.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "export.h"
#include "xalloc.h"

/* mkdir -p */
static int make_dirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *q = p + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *q = '/';
    }
    int r = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return r;
}

typedef struct {
    Build *B;
    const char *format;
    const char *path;
    int ret;
} WriteArg;

static int write_glpk(void *arg)
{
    WriteArg *a = arg;
    if (strcmp(a->format, "mps") == 0)
        a->ret = glp_write_mps(a->B->lp, GLP_MPS_FILE, NULL, a->path);
    else if (strcmp(a->format, "glpk") == 0)
        a->ret = glp_write_prob(a->B->lp, 0, a->path);
    else
        a->ret = glp_write_lp(a->B->lp, NULL, a->path);
    return 0;
}

TicoStatus export_write(Build *B, const char *format, const char *dir, char **path)
{
    *path = NULL;
    if (make_dirs(dir) != 0) {
        fprintf(stderr, "tico export: cannot create the folder %s: %s\n", dir, strerror(errno));
        return TICO_EINTERNAL;
    }
    char *final = xasprintf("%s/model.%s", dir, format);
    char *tmp = xasprintf("%s/.model.%s.XXXXXX", dir, format);
    TicoStatus st = TICO_OK;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "tico export: cannot write in %s: %s\n", dir, strerror(errno));
        st = TICO_EINTERNAL;
    } else {
        /* mkstemp makes the file 0600; the model is a report like the others (0666 & ~umask) */
        mode_t um = umask(0);
        umask(um);
        fchmod(fd, 0666 & ~um);
        close(fd);
        WriteArg a = {B, format, tmp, 0};
        if (build_glpk_call(write_glpk, &a) != 0 || a.ret != 0) {
            fprintf(stderr, "tico export: writing %s failed\n", final);
            st = TICO_EINTERNAL;
        } else if (rename(tmp, final) != 0) {
            fprintf(stderr, "tico export: cannot rename %s to %s: %s\n", tmp, final, strerror(errno));
            st = TICO_EINTERNAL;
        }
        if (st != TICO_OK)
            unlink(tmp);
    }
    free(tmp);
    if (st == TICO_OK)
        *path = final;
    else
        free(final);
    return st;
}
