/*
 * xalloc.h — allocation that cannot fail: on out of memory, a message on stderr and abort()
 * (tico has no way to carry on without the memory). Zero sizes allocate one byte, so the
 * result is never NULL. The caller frees with free().
 */
#ifndef TICO_XALLOC_H
#define TICO_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s); /* NULL gives "" */

#endif
