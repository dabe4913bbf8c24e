/*
 * fuzz_load.c — libFuzzer harness for the instance loader: any bytes, as an instance that
 * may @include the test catalogue, must give either a Model or messages; never a crash,
 * a leak or a hang. Build and run (not part of make test):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isolver tests/fuzz/fuzz_load.c \
 *     solver/load/{load,load_src,model}.c solver/base/{diag,sha256}.c -lconfig -lm -o /tmp/fuzz_load
 *   /tmp/fuzz_load -max_total_time=300 tests/fixtures/load/invalid tests/fixtures/load
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "tests/fixtures/load/invalid/fuzz-%d.cfg", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    Diag d = {0};
    Model *m = load_instance(path, NULL, 0, &d);
    model_free(m);
    diag_free(&d);
    unlink(path);
    return 0;
}
