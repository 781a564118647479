/* Interned byte strings: each distinct string is stored once and named by
 * a 32-bit id. Id 0 is always the empty string. */
#ifndef SCORCH_SRC_STRTAB_H
#define SCORCH_SRC_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct strtab {
	const char **strs;    /* id -> NUL-terminated bytes, owned by the arena */
	uint32_t *lens;
	size_t n, cap;
	uint32_t *slots;      /* open addressing: id + 1, 0 = empty */
	size_t nslots;
	struct arena arena;
};

void strtab_init(struct strtab *t);
void strtab_free(struct strtab *t);
/* Returns the id of the string, adding it if new. */
uint32_t strtab_intern(struct strtab *t, const char *s, size_t len);
/* Id of the string, or UINT32_MAX when it was never interned. */
uint32_t strtab_find(const struct strtab *t, const char *s, size_t len);

static inline const char *
strtab_get(const struct strtab *t, uint32_t id)
{
	return t->strs[id];
}

#endif
