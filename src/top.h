/* The top table: one row per function of a calltree, with self, total
 * and calls, sortable by each column and filtered by a substring or regex.
 *
 * Decisions (also in the man page):
 *   - A function is a frame name: frames that differ only in kind or
 *     module (a JIT and an interpreted copy, inlined and not, user and
 *     kernel) merge into one row. Synthetic FRAME_PROCESS frames (process,
 *     thread and group roots) get no row.
 *   - self = value of the samples whose leaf is the function; total =
 *     value of the samples with the function anywhere on the stack,
 *     counted once per sample however deep the recursion.
 *   - calls = how many distinct callers (call sites at function level) the
 *     function has in the tree: the number of different functions seen
 *     directly above it, the stack's root (or a process frame) counting
 *     as one caller. Sampled data has no call counts; this says whether a
 *     hot function is reached from one place or from many.
 *   - The table is the same for a tree and its inverted twin.
 * Values are series a and b of the tree (b is 0 unless comparing). */
#ifndef SCORCH_SRC_TOP_H
#define SCORCH_SRC_TOP_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

struct calltree;
struct profile;

enum top_column {
	TOP_BY_SELF = 0,     /* heaviest first */
	TOP_BY_TOTAL,        /* heaviest first */
	TOP_BY_NAME,         /* bytewise */
	TOP_BY_CALLS,        /* most callers first */
	TOP_COLUMN_COUNT
};

struct top_row {
	uint32_t frame;      /* the first frame seen with this name */
	const char *name;    /* borrowed from the profile; raw bytes */
	size_t name_len;
	double self[2];
	double total[2];
	uint32_t calls;      /* distinct callers */
	uint32_t nodes;      /* call-tree nodes of the function */
};

struct top {
	struct top_row *rows;    /* every function, in no particular order */
	size_t n;
	uint32_t *view;          /* rows passing the filter, sorted: what to show */
	size_t n_view;
	double total[2];         /* the tree's total: the denominator of the % */
	enum top_column sort;
	const struct profile *prof;  /* borrowed */
	int type;                /* series a's sample type, for units */
	/* private */
	uint32_t *name_rank;     /* per row: place in name order */
	char *pattern;
	bool regex, icase;
	regex_t re;
};

/* Builds the table of t, sorted by self, no filter. Caller frees with
 * top_free. One pass over the nodes. */
struct top *top_build(const struct calltree *t);
void top_free(struct top *tp);
/* Re-sorts the view (ties by name, so the order is deterministic). */
void top_sort(struct top *tp, enum top_column col);
/* Shows only rows whose name contains pattern (regex false) or matches
 * the POSIX ERE pattern (regex true), ignoring case when icase. NULL or
 * "" shows every row. Returns 0, or -1 with err set for a bad regex (the
 * view is unchanged then). Cost O(rows): fine per keystroke. */
int top_filter(struct top *tp, const char *pattern, bool regex, bool icase,
	struct error *err);
/* The row index of the function named name[0..len), SIZE_MAX if none. */
size_t top_find(const struct top *tp, const char *name, size_t len);

/* "self", "total", "name", "calls"; top_column_parse gives -1 for others. */
const char *top_column_name(enum top_column col);
int top_column_parse(const char *name);

/* Writes the view as text fitting width columns: self, self%, total,
 * total%, calls, function (narrow widths drop the value columns, then
 * calls). Names are escaped and cut with "...". Returns 0, or -1 when
 * writing failed. */
int top_print(FILE *out, const struct top *tp, int width);

#endif
