/* The profile: interned frames, deduplicated stacks with one value per
 * sample type, optional per-sample records (time, pid, tid, cpu, labels),
 * and what the loader learnt about the input. Parsers fill it only through
 * the sink (sink.h); everything after parsing reads it. */
#ifndef SCORCH_SRC_PROFILE_H
#define SCORCH_SRC_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frames.h"
#include "strtab.h"

#define PROFILE_MAX_TYPES 64

struct sample_type {
	uint32_t name;   /* strtab id: "samples", "cpu", "alloc_space", "cycles:u" */
	uint32_t unit;   /* strtab id: canonical unit, see units.h */
};

struct stack {
	uint32_t off;    /* into profile.stack_ids */
	uint32_t depth;  /* frames, root first */
};

/* A label as stored: key and string value are strtab ids; numeric labels
 * have str == 0 and carry num and unit. */
struct label {
	uint32_t key;
	uint32_t str;
	double   num;
	uint32_t unit;
};

struct labelset {
	uint32_t off;    /* into profile.labels */
	uint32_t n;
};

/* One recorded sample; kept only when the parser gave time, thread or
 * labels (otherwise it folds into its stack's totals). Values live in
 * profile.sample_values[i * n_types + type]. */
struct sample {
	uint32_t stack;
	uint32_t labelset;   /* 0 = no labels */
	int64_t  time_ns;    /* -1 = unknown */
	int32_t  pid, tid;   /* -1 = unknown */
	int32_t  cpu;        /* -1 = unknown */
};

/* How much of a skipped line is kept to show (lines may be megabytes). */
#define PROFILE_EXCERPT_MAX 80

/* Lines (or records) a parser skipped, per category. */
struct skip_stat {
	char *category;       /* "malformed line", "histogram map", ... */
	uint64_t count;
	long first_line;
	char *first_excerpt;  /* escaped later, raw bytes here */
};

struct info_entry {
	char *key;            /* "period", "comment", "event", "duration" ... */
	char *value;
};

struct profile {
	struct strtab strings;
	struct frame_table frames;

	struct sample_type types[PROFILE_MAX_TYPES];
	size_t n_types;
	int default_type;     /* chosen by the parser (pprof rule, first event) */
	bool differential;    /* two-count folded: type 0 before, type 1 after */
	bool fractional;      /* some value was not an integer */

	uint32_t *stack_ids;  /* all stacks' frame ids, back to back */
	size_t n_stack_ids, cap_stack_ids;
	struct stack *stacks;
	size_t n_stacks, cap_stacks;
	double *stack_values; /* n_stacks * n_types */
	uint32_t *stack_slots; /* dedup hash: id + 1, 0 = empty */
	uint32_t *stack_slot_tags; /* high hash bits per slot, to skip compares */
	size_t n_stack_slots;

	struct sample *samples;
	size_t n_samples, cap_samples;
	double *sample_values; /* n_samples * n_types */

	struct label *labels;
	size_t n_labels, cap_labels;
	struct labelset *labelsets;  /* [0] is the empty set */
	size_t n_labelsets, cap_labelsets;
	uint32_t *labelset_slots;
	size_t n_labelset_slots;

	char *format;         /* detected or forced format name */
	char *source;         /* file name as given */
	struct skip_stat *skips;
	size_t n_skips;
	struct info_entry *info;
	size_t n_info;
};

void profile_init(struct profile *p);
void profile_free(struct profile *p);

/* Adds (or finds) a sample type; returns its index, -1 when there are
 * PROFILE_MAX_TYPES already. Existing stacks get 0 in the new column. */
int profile_add_type(struct profile *p, const char *name, const char *unit);
/* Index of the type named name, or -1. */
int profile_find_type(const struct profile *p, const char *name);

/* Adds values (n_types doubles, NULL entries not allowed) to the stack
 * root..leaf, creating it if new; returns the stack id. */
uint32_t profile_add_stack(struct profile *p, const uint32_t *ids, size_t depth,
	const double *values);
/* Adds one value to one column of a stack. */
uint32_t profile_add_stack_value(struct profile *p, const uint32_t *ids,
	size_t depth, int type, double value);
/* Interns a set of labels (order-independent); 0 for an empty set. */
uint32_t profile_labelset(struct profile *p, const struct label *labels, size_t n);

static inline const uint32_t *
profile_stack_frames(const struct profile *p, uint32_t stack)
{
	return p->stack_ids + p->stacks[stack].off;
}

static inline const struct frame *
profile_frame(const struct profile *p, uint32_t id)
{
	return frame_table_get(&p->frames, id);
}

static inline const char *
profile_type_name(const struct profile *p, int type)
{
	return strtab_get(&p->strings, p->types[type].name);
}

static inline const char *
profile_type_unit(const struct profile *p, int type)
{
	return strtab_get(&p->strings, p->types[type].unit);
}

/* Sum of one column over all stacks. */
double profile_total(const struct profile *p, int type);

void profile_add_skip(struct profile *p, const char *category, long line,
	const char *text, size_t len);
/* Total skipped lines over all categories. */
uint64_t profile_skipped(const struct profile *p);
/* Adds a fact for the info screen; an exact repeat is dropped, and after
 * PROFILE_MAX_INFO facts one note says that more were not kept. */
#define PROFILE_MAX_INFO 256
void profile_add_info(struct profile *p, const char *key, const char *value);
/* First info value for key, or NULL. */
const char *profile_info(const struct profile *p, const char *key);

#endif
