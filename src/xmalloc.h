/* Allocation that never returns NULL, and the one fatal exit path. */
#ifndef SCORCH_SRC_XMALLOC_H
#define SCORCH_SRC_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows *ptr so that it holds at least need elements of elem_size; *cap is
 * updated. Amortised doubling. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t elem_size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

/* Runs the registered hook (the UI restores the terminal there), prints
 * "scorch: <message>" on stderr and exits with status 1. */
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One hook, replaced by each call; NULL clears it. */
void fatal_set_hook(void (*hook)(void));

#endif
