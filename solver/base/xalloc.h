/*
 * xalloc.h — allocation that cannot fail: on out of memory, a message on stderr and abort()
 * (tico has no way to carry on without the memory). Zero sizes allocate one byte, so the
 * result is never NULL. The caller frees with free().
 */
#ifndef TICO_XALLOC_H
#define TICO_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s); /* NULL gives "" */
/* A malloc'd string formatted as by printf; xvasprintf leaves ap unused (va_copy). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
