/*
 * test_task.c — the task record: one pack/unpack pair, round trip of every field, every
 * byte of the packed form determined (no padding), truncated and corrupt bytes refused.
 */
#include <math.h>

#include "task.h"
#include "testing.h"

static void fill(TaskRecord *r)
{
    task_init(r);
    r->status = TICO_EINFEASIBLE;
    task_set_why(r, "plant 'steel' cannot make its required production in 2030");
    unsigned char *sol = malloc(5);
    memcpy(sol, "\x01\x02\x00\x04\xff", 5);
    task_take_solution(r, sol, 5);
    task_set(r, "objective", 1234.5);
    double plan[3] = {1.0, -2.5, NAN};
    task_set_vec(r, "plan", plan, 3);
    task_set_vec(r, "empty", NULL, 0);
}

static void test_round_trip(void)
{
    TaskRecord a, b;
    fill(&a);
    size_t len;
    unsigned char *bytes = task_pack(&a, &len);
    /* magic 4 + status 4 + why (4 + 57) + solution (8 + 5) + count 4
     * + "objective" (4 + 9 + 4 + 8) + "plan" (4 + 4 + 4 + 24) + "empty" (4 + 5 + 4) */
    CU_ASSERT_EQUAL(strlen(a.why), 57u);
    CU_ASSERT_EQUAL(len, 4u + 4 + 4 + 57 + 8 + 5 + 4 + (4 + 9 + 4 + 8) + (4 + 4 + 4 + 24) + (4 + 5 + 4));
    CU_ASSERT_FATAL(task_unpack(bytes, len, &b));
    CU_ASSERT_EQUAL(b.status, TICO_EINFEASIBLE);
    CU_ASSERT_STRING_EQUAL(b.why, a.why);
    CU_ASSERT_EQUAL(b.solution_len, 5u);
    CU_ASSERT(b.solution && memcmp(b.solution, "\x01\x02\x00\x04\xff", 5) == 0);
    CU_ASSERT_EQUAL(b.nvalues, 3);
    CU_ASSERT_EQUAL(task_get(&b, "objective", 0), 1234.5);
    int n;
    const double *v = task_get_vec(&b, "plan", &n);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT(v[0] == 1.0 && v[1] == -2.5 && isnan(v[2]));
    CU_ASSERT_PTR_NOT_NULL(task_get_vec(&b, "empty", &n));
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(task_get(&b, "empty", 7.0), 7.0);   /* empty: the default */
    CU_ASSERT_EQUAL(task_get(&b, "absent", -1.0), -1.0);
    CU_ASSERT_PTR_NULL(task_get_vec(&b, "absent", &n));
    /* packing the unpacked record gives the same bytes */
    size_t len2;
    unsigned char *bytes2 = task_pack(&b, &len2);
    CU_ASSERT(len2 == len && memcmp(bytes, bytes2, len) == 0);
    free(bytes);
    free(bytes2);
    task_free(&a);
    task_free(&b);
}

/* Two records built by different paths (set twice, different garbage on the heap) pack to the
 * same bytes: nothing uninitialised travels. */
static void test_deterministic(void)
{
    TaskRecord a, b;
    fill(&a);
    task_init(&b);
    task_set(&b, "objective", 99.0);      /* replaced below, keeps its place */
    char *junk = malloc(4096);
    memset(junk, 0xab, 4096);
    free(junk);
    b.status = TICO_EINFEASIBLE;
    task_set_why(&b, "first");
    task_set_why(&b, a.why);
    unsigned char *sol = malloc(5);
    memcpy(sol, "\x01\x02\x00\x04\xff", 5);
    task_take_solution(&b, sol, 5);
    task_set(&b, "objective", 1234.5);
    double plan[3] = {1.0, -2.5, NAN};
    task_set_vec(&b, "plan", plan, 3);
    task_set_vec(&b, "empty", NULL, 0);
    size_t la, lb;
    unsigned char *pa = task_pack(&a, &la), *pb = task_pack(&b, &lb);
    CU_ASSERT(la == lb && memcmp(pa, pb, la) == 0);
    free(pa);
    free(pb);
    task_free(&a);
    task_free(&b);
}

static void test_empty_record(void)
{
    TaskRecord a, b;
    task_init(&a);
    size_t len;
    unsigned char *bytes = task_pack(&a, &len);
    CU_ASSERT_EQUAL(len, 4u + 4 + 4 + 8 + 4); /* magic, status, why length, solution length, count */
    CU_ASSERT_FATAL(task_unpack(bytes, len, &b));
    CU_ASSERT_EQUAL(b.status, TICO_OK);
    CU_ASSERT_STRING_EQUAL(b.why, "");
    CU_ASSERT_PTR_NULL(b.solution);
    CU_ASSERT_EQUAL(b.nvalues, 0);
    free(bytes);
    task_free(&a);
    task_free(&b);
}

/* Every proper prefix, a byte too many, and a wrong magic are refused, leaving an empty record. */
static void test_refused(void)
{
    TaskRecord a, b;
    fill(&a);
    size_t len;
    unsigned char *bytes = task_pack(&a, &len);
    for (size_t k = 0; k < len; k++) {
        CU_ASSERT_FALSE(task_unpack(bytes, k, &b));
        CU_ASSERT_PTR_NULL(b.why);
        CU_ASSERT_EQUAL(b.nvalues, 0);
    }
    unsigned char *more = calloc(len + 1, 1);
    memcpy(more, bytes, len);
    CU_ASSERT_FALSE(task_unpack(more, len + 1, &b));
    bytes[0] = 'X';
    CU_ASSERT_FALSE(task_unpack(bytes, len, &b));
    CU_ASSERT_FALSE(task_unpack(NULL, 0, &b));
    free(more);
    free(bytes);
    task_free(&a);
}

TT_MAIN("task",
        {"pack then unpack gives every field back", test_round_trip},
        {"the packed bytes depend on the contents only", test_deterministic},
        {"an empty record", test_empty_record},
        {"truncated, overlong and corrupt bytes are refused", test_refused})
