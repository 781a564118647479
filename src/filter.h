/* Query filters: pprof's focus/ignore/hide/show_from transforms and label
 * (tag) filters, kept as a stack so that the explorer can show them as a
 * breadcrumb and undo them one by one; plus grouping by a label as
 * synthetic root frames.
 *
 * Frame filters take a POSIX extended regex (or an exact frame name) and
 * are matched against frame names, unanchored, once per distinct frame
 * (the answer is cached per frame id), never once per occurrence. They
 * apply in push order to every stack, root first:
 *   focus   keep the stacks with a frame matching;
 *   ignore  drop the stacks with a frame matching;
 *   hide    remove the matching frames and merge what remains (a stack
 *           left with no frame is dropped, as pprof does);
 *   root    keep each stack from its first (root-most) matching frame
 *           down to the leaf; stacks without a match are dropped (pprof's
 *           show_from).
 * Tag entries ("key=value") select per-sample records: values given for
 * one key OR together, different keys AND. Their position in the stack
 * does not matter (a record passes or not, whatever the frames). Samples
 * kept without a record (no time, thread or label) have no labels and
 * never pass a tag filter.
 *
 * Grouping (filters_group_by) puts a FRAME_PROCESS frame "KEY=value" above
 * each stack, after the filters ran; samples without the key go under
 * "KEY=?". Unlike the parse-time --group (perf, bcc: the parser's root
 * frame from comm/pid/tid), it works for any label key and for the record
 * fields pid, tid and cpu, and it can be changed without reloading.
 *
 * Ownership: the filters own their entries and caches. They borrow
 * nothing between calls; every function that needs the profile takes it.
 * The caches assume the profile's stacks and records do not change after
 * loading; after a reload call filters_invalidate (it keeps the entries
 * and drops the grouping) and filters_group_by again if needed. */
#ifndef SCORCH_SRC_FILTER_H
#define SCORCH_SRC_FILTER_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "labels.h"

struct profile;
struct sample;

enum filter_kind {
	FILTER_FOCUS = 0,
	FILTER_IGNORE,
	FILTER_HIDE,
	FILTER_ROOT,
	FILTER_TAG,
	FILTER_KIND_COUNT
};

struct filter_entry {
	enum filter_kind kind;
	char *text;          /* as given: regex, exact name or "key=value"; owned */
	bool exact;          /* text is a frame name compared as bytes */
	bool matched;        /* the last run matched a frame (or a record, for tags) */
	/* private */
	size_t text_len;
	regex_t re;
	bool has_re;
	uint8_t *match;      /* per frame id: 0 unknown, 1 no, 2 yes */
	size_t n_match;
	char *tag_value;     /* FILTER_TAG: points into text after '=' */
	struct label_key key;
	bool key_ready;
};

/* One transformed stack per profile stack; depth FILTER_DROPPED when the
 * stack does not survive the frame filters. */
#define FILTER_DROPPED UINT32_MAX

struct filter_stack {
	uint32_t off;        /* into the profile's stack_ids or filters.ids */
	uint32_t depth;
	bool own;            /* off is into filters.ids */
};

struct filters {
	struct filter_entry *entries;  /* bottom of the stack first; owned */
	size_t n, cap;
	char *group_by;                /* label key, NULL = no grouping; owned */
	/* private caches, rebuilt when needed */
	struct filter_stack *map;      /* per profile stack, valid when map_ok */
	size_t n_map;
	uint32_t *ids;
	size_t n_ids, cap_ids;
	bool map_ok;
	uint32_t *group_frame;         /* per record: the group's frame id */
	size_t n_group;
	uint32_t group_unknown;        /* frame "KEY=?" */
	uint32_t *scratch;
	size_t scratch_cap;
};

void filters_init(struct filters *f);
void filters_free(struct filters *f);
/* Drops every cache and the grouping (after the profile changed). */
void filters_invalidate(struct filters *f);

/* Pushes a filter. For the frame kinds text is a POSIX ERE; for
 * FILTER_TAG it is "key=value". Returns 0, or -1 with err set to
 * "bad regular expression 'TEXT': REASON" or "expected KEY=VALUE, got
 * 'TEXT'"; the stack is unchanged then. */
int filters_push(struct filters *f, enum filter_kind kind, const char *text,
	struct error *err);
/* Checks text as filters_push would, without a filters object (for the
 * command line, before loading). Returns 0 or -1 with err set. */
int filter_check(enum filter_kind kind, const char *text, struct error *err);
/* Pushes a frame filter that matches exactly one name (name[0..len), any
 * bytes): "focus on / hide / re-root at the selected function". Not for
 * FILTER_TAG. */
void filters_push_name(struct filters *f, enum filter_kind kind,
	const char *name, size_t len);
/* Removes the top entry; false when the stack was empty. */
bool filters_pop(struct filters *f);
/* Removes every entry (grouping stays). */
void filters_clear(struct filters *f);
static inline size_t
filters_count(const struct filters *f)
{
	return f ? f->n : 0;
}
/* Entry i, 0 = the first pushed (the breadcrumb's left end). Borrowed. */
static inline const struct filter_entry *
filters_entry(const struct filters *f, size_t i)
{
	return &f->entries[i];
}
/* "focus", "ignore", "hide", "root", "tag". */
const char *filter_kind_name(enum filter_kind kind);
/* Parses such a name; -1 when unknown. */
int filter_kind_parse(const char *name);

/* Groups by a label key (or pid, tid, cpu), interning the group frames
 * "KEY=value" into p; key NULL or "" stops grouping. Adds frames: do not
 * keep struct frame pointers across this call. */
void filters_group_by(struct filters *f, struct profile *p, const char *key);

/* True when the filters change nothing (no entry, no grouping). */
bool filters_trivial(const struct filters *f);
bool filters_has_tags(const struct filters *f);
bool filters_has_frame_filters(const struct filters *f);

/* The frames of profile stack s after the frame filters, root first;
 * NULL when dropped. Borrowed until the filters change. Computes the
 * per-stack map on first use (one pass over all stacks, the regexes run
 * once per distinct frame). */
const uint32_t *filters_stack(struct filters *f, const struct profile *p,
	uint32_t s, uint32_t *depth);
/* Whether record r passes the tag entries; entries on skip_key (may be
 * NULL) are left out, so a picker can list the alternatives of one key. */
bool filters_record_passes(struct filters *f, const struct profile *p,
	const struct sample *r, const char *skip_key);
/* Resets the per-entry matched flags before a run. */
void filters_begin_run(struct filters *f);
/* The group frame of record i, or of a sample without a record when i is
 * SIZE_MAX; FRAME_NONE when not grouping. */
uint32_t filters_group_frame(const struct filters *f, size_t i);

#endif
