/*
 * test_mpi.c — tico under mpirun (make test MPI=1; issue 14): the files of macc, mc
 * --reoptimise and value on 3 ranks are byte for byte those of -j 1; only rank 0 prints;
 * progress names the tasks and the ranks working; a rank whose solver process dies mid-sweep
 * ends the run with exit 5, a message naming the rank and its task, and no file written; a
 * rank's MPI process killed mid-sweep: mpirun ends the run (its own status, 137), rank 0
 * names the rank and the task it was solving, writes no file and keeps the finished tasks
 * in the checkpoint, and --resume then writes the bytes of an uninterrupted run;
 * mpirun --enable-recovery is refused;
 * ranks that read other instance files stop the run before any solve (exit 2).
 *
 * Runs `mpirun --oversubscribe -n 3` (with --allow-run-as-root as root) on the sanitized
 * program; LeakSanitizer is off under mpirun (Open MPI's own allocations at exit, in modules
 * it has unloaded, cannot be told from ours). Built without MPI (plain make test), the suite
 * says so and runs nothing.
 */
#include <dirent.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "testing.h"
#include "tico.h"

#ifndef TICO_MPI

int main(void)
{
    printf("Suite mpi: skipped: tico is built without MPI (make test MPI=1 runs it under mpirun)\n");
    return tt_main("mpi", NULL, 0);
}

#else

#define OUT TT_TMP "/mpi"

static char mpirun[256];

static void set_mpirun(void)
{
    mkdir(TT_TMP, 0777);
    mkdir(OUT, 0777);
    snprintf(mpirun, sizeof mpirun, "mpirun %s--oversubscribe -x ASAN_OPTIONS=detect_leaks=0 -n 3",
             getuid() == 0 ? "--allow-run-as-root " : "");
}

/* Every file of folder a but run.json is in folder b with the same bytes (and a has n such files). */
static void assert_same_files(const char *a, const char *b, int n)
{
    DIR *d = opendir(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    int k = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "run.json") == 0) /* run.json: the date, -j, -o */
            continue;
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "cmp %s/%.255s %s/%.255s", a, e->d_name, b, e->d_name);
        char out[512];
        int rc = tt_sh(cmd, out, sizeof out);
        if (rc != 0)
            fprintf(stderr, "\n  %s: %s", cmd, out);
        CU_ASSERT_EQUAL(rc, 0);
        k++;
    }
    closedir(d);
    CU_ASSERT_EQUAL(k, n);
}

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

/* `tico ARGS -j 1 -o OUT/one` against `mpirun -n 3 tico ARGS -o OUT/three`. */
static void same_as_j1(const char *name, const char *args, int nfiles, const char *wrote)
{
    set_mpirun();
    char cmd[2048], out[65536];
    snprintf(cmd, sizeof cmd, "rm -rf %s/%s_one %s/%s_three", OUT, name, OUT, name);
    tt_sh(cmd, NULL, 0);
    snprintf(cmd, sizeof cmd, "ASAN_OPTIONS=detect_leaks=0 %s %s -j 1 -o %s/%s_one", TT_TICO, args, OUT, name);
    CU_ASSERT_EQUAL_FATAL(tt_sh(cmd, out, sizeof out), 0);
    snprintf(cmd, sizeof cmd, "%s %s %s -o %s/%s_three", mpirun, TT_TICO, args, OUT, name);
    int rc = tt_sh(cmd, out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n  %s: exit %d\n%s", cmd, rc, out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    char a[512], b[512];
    snprintf(a, sizeof a, "%s/%s_one", OUT, name);
    snprintf(b, sizeof b, "%s/%s_three", OUT, name);
    assert_same_files(a, b, nfiles);
    /* one rank printed: the closing line once */
    CU_ASSERT_EQUAL(count(out, wrote), 1);
    /* progress on stderr: tasks out of total and the ranks working (2 of them) */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tasks done, "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, " of 2 ranks working"));
}

static void test_macc(void)
{
    /* 5 prices: chains of 4 and 1 points, dealt to ranks 1 and 2 */
    same_as_j1("macc", "macc --prices 0:200:50 instances/teach_macc.cfg", 3, "tico macc: 5 points");
}

static void test_mc(void)
{
    /* 6 candidates, then 40 scenarios re-optimised: two pools in a row */
    same_as_j1("mc", "mc --reoptimise --samples 40 instances/teach_mc.cfg", 3, "tico mc: wrote");
}

static void test_value(void)
{
    /* families, then Shapley coalition rounds: every rank needs each round's results */
    same_as_j1("value", "value instances/teach_value.cfg", 3, "tico value: wrote");
}


/* The MPI rank of process pid (OMPI_COMM_WORLD_RANK in its environment), -1 if none. */
static int rank_of(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    static char env[1 << 16];
    size_t k = fread(env, 1, sizeof env - 1, f);
    fclose(f);
    env[k] = '\0';
    for (size_t i = 0; i < k; i += strlen(env + i) + 1)
        if (strncmp(env + i, "OMPI_COMM_WORLD_RANK=", 21) == 0)
            return atoi(env + i + 21);
    return -1;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Dunkirk's price sweep on 3 ranks; once rank 1's solver process runs its first chain,
 * SIGKILL it: rank 0 names rank 1, its chain and the signal, exits 5, writes nothing. */
static void test_dead_solver(void)
{
    set_mpirun();
    tt_sh("rm -rf " OUT "/dead", NULL, 0);
    int fds[2];
    CU_ASSERT_FATAL(pipe(fds) == 0);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "exec %s %s macc --prices 0:200:50 -o %s/dead instances/dunkirk.cfg", mpirun, TT_TICO, OUT);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    pid_t solver = 0;
    for (int k = 0; k < 1800 && !solver; k++) { /* up to 180 s: start, baseline solve, deal */
        sleep_ms(100);
        pid_t ranks[8], kids[4];
        int n = tt_children(pid, ranks, 8);
        for (int i = 0; i < n; i++)
            if (rank_of(ranks[i]) == 1 && tt_children(ranks[i], kids, 4) == 1)
                solver = kids[0];
    }
    CU_ASSERT_FATAL(solver > 0);
    sleep_ms(500);
    kill(solver, SIGKILL);
    static char out[1 << 16];
    size_t len = 0;
    ssize_t got;
    while ((got = read(fds[0], out + len, sizeof out - 1 - len)) > 0)
        len += (size_t)got;
    out[len] = '\0';
    close(fds[0]);
    int wst;
    waitpid(pid, &wst, 0);
    CU_ASSERT(WIFEXITED(wst) && WEXITSTATUS(wst) == TICO_EINTERNAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tico: rank 1 (pid "));
    /* the task it began (pool_begin) and its chain: chain 0 holds the first 4 points */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, ") failed in task "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, " of tico macc (chain 0), status 5"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "rank 1: tico: worker 0 stopped by signal 9"));
    CU_ASSERT_PTR_NULL(strstr(out, "wrote"));
    struct stat st;
    CU_ASSERT(stat(OUT "/dead", &st) != 0); /* not even the folder */
}

/* Start `sh -c cmd` with stdout and stderr into a pipe; its pid, the read end in *fd. */
static pid_t start(const char *cmd, int *fd)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    *fd = fds[0];
    return pid;
}

/* Everything fd gives until its end, then the exit status of pid (-1 if it did not exit). */
static int finish(int fd, pid_t pid, char *out, size_t cap)
{
    size_t len = 0;
    ssize_t got;
    while (len + 1 < cap && (got = read(fd, out + len, cap - 1 - len)) > 0)
        len += (size_t)got;
    out[len] = '\0';
    close(fd);
    int wst;
    waitpid(pid, &wst, 0);
    return WIFEXITED(wst) ? WEXITSTATUS(wst) : -1;
}

/* The names in folder dir that do not begin with a dot, space-separated, in out. */
static int visible(const char *dir, char *out, size_t cap)
{
    out[0] = '\0';
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') {
            snprintf(out + strlen(out), cap - strlen(out), "%s ", e->d_name);
            n++;
        }
    closedir(d);
    return n;
}

/* Humber's price sweep 0:400:100 on 3 ranks (a baseline, then chains of points 0-3 on one
 * rank and point 4 on the other). Once a finished point is in the checkpoint and rank 1's
 * solver process is running, SIGKILL rank 1's MPI process itself: Open MPI 4 ends every rank
 * and mpirun exits 128 + 9 (its own status; exit 5 cannot reach the shell, docs/mpi.md);
 * rank 0 names rank 1 and the task of chain 0 it was solving, writes no file, keeps the
 * finished points in OUT/.tico-checkpoint and says so. Then `--resume` on 3 ranks finishes
 * the sweep and writes the bytes of an uninterrupted -j 1 run, and removes the checkpoint. */
static void test_dead_rank(void)
{
    set_mpirun();
    tt_sh("rm -rf " OUT "/rank " OUT "/rank_one", NULL, 0);
    const char *args = "macc --prices 0:400:100 instances/humber.cfg";
    char cmd[2048];
    static char out[1 << 16];
    snprintf(cmd, sizeof cmd, "exec %s %s %s -o %s/rank", mpirun, TT_TICO, args, OUT);
    int fd;
    pid_t pid = start(cmd, &fd);
    CU_ASSERT_FATAL(pid > 0);
    pid_t rank1 = 0;
    struct stat st;
    for (int k = 0; k < 3000 && !rank1; k++) { /* up to 300 s */
        sleep_ms(100);
        if (stat(OUT "/rank/.tico-checkpoint", &st) != 0 || st.st_size < 200) /* header, then a point */
            continue;
        pid_t ranks[8], kids[4];
        int n = tt_children(pid, ranks, 8);
        for (int i = 0; i < n; i++)
            if (rank_of(ranks[i]) == 1 && tt_children(ranks[i], kids, 4) == 1)
                rank1 = ranks[i];
    }
    CU_ASSERT_FATAL(rank1 > 0);
    kill(rank1, SIGKILL);
    int rc = finish(fd, pid, out, sizeof out);
    CU_ASSERT_EQUAL(rc, 128 + SIGKILL);
    char who[64];
    snprintf(who, sizeof who, "tico: rank 1 (pid %d on ", (int)rank1);
    const char *msg = strstr(out, who);
    CU_ASSERT_PTR_NOT_NULL(msg);
    if (msg) { /* one of points 0-3, chain 0 */
        const char *what = strstr(msg, ") died while solving task ");
        CU_ASSERT_PTR_NOT_NULL(what);
        if (what) {
            int task = -1;
            char rest[64] = "";
            CU_ASSERT_EQUAL(sscanf(what, ") died while solving task %d %63[^\n]", &task, rest), 2);
            CU_ASSERT(task >= 0 && task <= 3);
            CU_ASSERT_STRING_EQUAL(rest, "of tico macc (chain 0)");
        }
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(out, " kept in " OUT "/rank/.tico-checkpoint: rerun the same command with --resume to skip them"));
    CU_ASSERT_PTR_NULL(strstr(out, "wrote"));
    char names[1024];
    CU_ASSERT_EQUAL(visible(OUT "/rank", names, sizeof names), 0); /* no file of the set */
    CU_ASSERT(stat(OUT "/rank/.tico-checkpoint", &st) == 0);

    /* --resume on 3 ranks: the rest of the sweep, the bytes of -j 1 */
    snprintf(cmd, sizeof cmd, "%s %s %s --resume -o %s/rank", mpirun, TT_TICO, args, OUT);
    rc = tt_sh(cmd, out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n  %s: exit %d\n%s", cmd, rc, out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tico macc: --resume: "));
    CU_ASSERT_EQUAL(count(out, "tico macc: 5 points"), 1);
    snprintf(cmd, sizeof cmd, "ASAN_OPTIONS=detect_leaks=0 %s %s -j 1 -o %s/rank_one", TT_TICO, args, OUT);
    CU_ASSERT_EQUAL_FATAL(tt_sh(cmd, out, sizeof out), 0);
    assert_same_files(OUT "/rank_one", OUT "/rank", 3);
    CU_ASSERT(stat(OUT "/rank/.tico-checkpoint", &st) != 0);
}

/* mpirun --enable-recovery: Open MPI 4.1 then exits 0 whatever the ranks return and leaves
 * the others waiting for a rank that died, so tico refuses it before any work (rank 0 says
 * why); mpirun's status is 0 all the same (measured, docs/mpi.md). */
static void test_recovery(void)
{
    set_mpirun();
    tt_sh("rm -rf " OUT "/rec", NULL, 0);
    char cmd[1024], out[8192];
    snprintf(cmd, sizeof cmd, "%s --enable-recovery %s macc -o %s/rec instances/teach_macc.cfg", mpirun, TT_TICO, OUT);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
    CU_ASSERT_EQUAL(count(out, "tico: mpirun --enable-recovery (orte_enable_recovery) is not supported: "), 1);
    CU_ASSERT_PTR_NULL(strstr(out, "solving the baseline"));
    struct stat st;
    CU_ASSERT(stat(OUT "/rec", &st) != 0);
}

/* Rank 0 reads one teach_macc.cfg, ranks 1 and 2 a copy with one more comment line: the
 * run stops before any solve, exit 2, naming both ranks. */
static void test_other_input(void)
{
    set_mpirun();
    tt_sh("rm -rf " OUT "/in0 " OUT "/in1 " OUT "/other && mkdir -p " OUT "/in0 " OUT "/in1 && "
          "cp instances/teach_macc.cfg " OUT "/in0/i.cfg && "
          "(cat instances/teach_macc.cfg; echo '# another comment') > " OUT "/in1/i.cfg", NULL, 0);
    char cwd[256], cmd[4096], out[8192];
    CU_ASSERT_FATAL(getcwd(cwd, sizeof cwd) != NULL);
    const char *root = getuid() == 0 ? "--allow-run-as-root " : "";
    snprintf(cmd, sizeof cmd,
             "mpirun %s--oversubscribe -x ASAN_OPTIONS=detect_leaks=0 -n 1 -wdir %s/%s/in0 %s/%s macc -o %s/%s/other "
             "i.cfg : -n 2 -wdir %s/%s/in1 %s/%s macc -o %s/%s/other i.cfg",
             root, cwd, OUT, cwd, TT_TICO, cwd, OUT, cwd, OUT, cwd, TT_TICO, cwd, OUT);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), TICO_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tico: rank 1 (pid "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tico: rank 2 (pid "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "read other instance files (input sha256 "));
    CU_ASSERT_PTR_NULL(strstr(out, "solving the baseline"));
    struct stat st;
    CU_ASSERT(stat(OUT "/other", &st) != 0);
}

/* Bad input under mpirun: the message once (rank 0), exit 2. */
static void test_bad_input(void)
{
    set_mpirun();
    const char *bad = tt_write("mpi_bad.cfg", "cluster = { name = \"x\"; };\nperiods = [ 2030 ];\n");
    char cmd[1024], out[16384];
    snprintf(cmd, sizeof cmd, "%s %s macc -o %s/bad %s", mpirun, TT_TICO, OUT, bad);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), TICO_EINPUT);
    CU_ASSERT_EQUAL(count(out, "found; nothing written"), 1);
}

TT_MAIN("mpi",
        {"macc on 3 ranks: the files of -j 1, one rank prints", test_macc},
        {"mc --reoptimise on 3 ranks: the files of -j 1", test_mc},
        {"value on 3 ranks: the files of -j 1 (rounds)", test_value},
        {"a rank whose solver dies: its task named, exit 5, nothing written", test_dead_solver},
        {"a rank killed: its task named, nothing written, --resume gives the bytes of -j 1", test_dead_rank},
        {"mpirun --enable-recovery: refused before any work", test_recovery},
        {"ranks that read other files: exit 2 before any solve", test_other_input},
        {"bad input: one message, exit 2", test_bad_input})

#endif
