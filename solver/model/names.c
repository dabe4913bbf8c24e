/* names.c — valid, readable row and column names (see names.h). */
#include "names.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Characters CPLEX LP allows in names besides letters and digits. */
static const char EXTRA[] = "!\"#$%&()/,.;?@_`'{}|~";

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr(EXTRA, c) != NULL);
}

bool name_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > NAME_MAX_LEN || (s[0] >= '0' && s[0] <= '9') || s[0] == '.')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!name_char(s[i]))
            return false;
    return true;
}

/* FNV-1a, 32 bits: a short fingerprint of the full name for cut names. */
static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

const char *name_fmt(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0)
        need = 0;
    char *full = xmalloc((size_t)need + 2);
    /* room for a leading '_' */
    va_start(ap, fmt);
    vsnprintf(full + 1, (size_t)need + 1, fmt, ap);
    va_end(ap);
    full[0] = '_';
    char *s = full + 1;
    size_t n = (size_t)need;
    for (size_t i = 0; i < n; i++)
        if (!name_char(s[i]))
            s[i] = '_';
    if (n == 0 || (s[0] >= '0' && s[0] <= '9') || s[0] == '.') {
        s = full;
        n++;
    }
    if (n > NAME_MAX_LEN) {
        const size_t keep = NAME_MAX_LEN - 9;
        memcpy(buf, s, keep);
        snprintf(buf + keep, NAME_BUF - keep, "~%08x", (unsigned)fnv1a(s, n));
    } else {
        memcpy(buf, s, n);
        buf[n] = '\0';
    }
    free(full);
    return buf;
}
