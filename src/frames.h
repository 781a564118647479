/* The frame table: every distinct frame of a profile, interned once and
 * named by a 32-bit id everywhere after parsing. */
#ifndef SCORCH_SRC_FRAMES_H
#define SCORCH_SRC_FRAMES_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

enum frame_kind {
	FRAME_USER = 0,
	FRAME_KERNEL,
	FRAME_JIT,
	FRAME_INLINED,
	FRAME_WAKER,     /* flamegraph.pl `_[w]`: the waker part of a chain graph */
	FRAME_PROCESS,   /* synthetic root naming a process, thread or group */
	FRAME_KIND_COUNT
};

#define FRAME_NONE UINT32_MAX

/* What a parser knows about a frame. Only name is required; the identity
 * of a frame is (name, kind, module): the same function seen at different
 * lines or addresses merges into one frame, keeping the first detail. */
struct frame_desc {
	const char *name;
	size_t name_len;
	enum frame_kind kind;
	const char *module;   /* dso, jar, library; NULL when unknown */
	const char *file;     /* source file; NULL when unknown */
	uint32_t line;        /* 0 when unknown */
	uint64_t address;     /* 0 when unknown */
	const char *detail;   /* e.g. a stripped "+0x1a" offset; NULL when none */
};

struct frame {
	const char *name;     /* NUL-terminated raw bytes (may hold any byte) */
	uint32_t name_len;
	uint8_t kind;         /* enum frame_kind */
	uint32_t module;      /* string id in the profile's strtab, 0 = none */
	uint32_t file;        /* string id, 0 = none */
	uint32_t line;
	uint64_t address;
	uint32_t detail;      /* string id, 0 = none */
};

struct frame_table {
	struct frame *frames;  /* id -> frame; names owned by the arena */
	size_t n, cap;
	uint32_t *slots;       /* open addressing: id + 1, 0 = empty */
	uint32_t *slot_hash;   /* low hash bits per slot, to skip memcmp */
	size_t nslots;
	struct arena arena;
};

void frame_table_init(struct frame_table *t);
void frame_table_free(struct frame_table *t);
/* Returns the id of (name, kind, module), adding it if new. */
uint32_t frame_table_intern(struct frame_table *t, const char *name,
	size_t len, enum frame_kind kind, uint32_t module);

static inline const struct frame *
frame_table_get(const struct frame_table *t, uint32_t id)
{
	return &t->frames[id];
}

const char *frame_kind_name(enum frame_kind kind);

#endif
