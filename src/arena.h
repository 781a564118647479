/* Bump allocator: many small objects, freed all at once. */
#ifndef SCORCH_SRC_ARENA_H
#define SCORCH_SRC_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used;         /* bytes used in head */
	size_t total;        /* bytes handed out, for memory reports */
};

/* Memory is 8-byte aligned and owned by the arena until arena_free. */
void *arena_alloc(struct arena *a, size_t size);
/* Copies len bytes and appends a NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
void arena_free(struct arena *a);

#endif
