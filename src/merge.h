/* Two loaded profiles become one: the differential profile of
 * `--diff BEFORE AFTER` and the hot/cold profile of `--cold OFF ON`. The
 * result is an ordinary profile with a shared frame table, so the query,
 * calltree, layout and writers work on it unchanged; the meaning of its
 * columns is fixed here and read back by diffstat.h and hotcold.h.
 *
 * Frames are matched by name only, not by kind or module, so that two
 * formats describing one program line up (perf script and its folded
 * form, pprof and perf, a folded file whose first frame is the process
 * name). A merged frame keeps the kind of its first occurrence that is not
 * a plain user frame, and the module and source detail of its first
 * occurrence.
 *
 * Process roots: when one input roots every stack in a process frame, the
 * other has none and no root name of the one is a root name of the other
 * (perf script vs pprof, say), the process frames are dropped, or the two
 * would never share a node.
 *
 * Thread dumps (both inputs with the types "threads" or "goroutines" and
 * one record per thread): threads are matched by tid, else by goroutine
 * id, else by thread name. A thread of AFTER whose stack is the same as in
 * BEFORE is "stuck", one whose stack changed is "progressing"; the merged
 * profile then has the extra columns "stuck" and "progressing" (threads of
 * AFTER, per stack) and one record per thread labelled "dump" (before,
 * after), "thread" / "tid" (when known) and "thread diff" (stuck,
 * progressing, new, ended); see diffstat.h for reading them back. */
#ifndef SCORCH_SRC_MERGE_H
#define SCORCH_SRC_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "sink.h"

struct profile;

/* Columns of a differential profile (a merged one, or a two-count folded
 * file, which the folded parser marks differential the same way). */
#define DIFF_COL_BEFORE 0
#define DIFF_COL_AFTER  1
/* Added by diff_prepare(): per stack the larger of the two, so that a
 * graph sized by it holds every stack of either profile. */
#define DIFF_TYPE_MAX         "max"
#define DIFF_TYPE_STUCK       "stuck"
#define DIFF_TYPE_PROGRESSING "progressing"

/* Columns of a hot/cold profile, all in nanoseconds. The "+idle" columns
 * hold everything; "off-cpu" and "wall" leave out the stacks matching the
 * idle pattern (hotcold_set_idle). wall = on-cpu + off-cpu per stack. */
#define COLD_TYPE_ON       "on-cpu"
#define COLD_TYPE_OFF      "off-cpu"
#define COLD_TYPE_WALL     "wall"
#define COLD_TYPE_OFF_ALL  "off-cpu+idle"
#define COLD_TYPE_WALL_ALL "wall+idle"

/* One input column going into the merged profile. */
struct merge_side {
	const struct profile *prof;   /* borrowed */
	int type;                     /* input column */
	double scale;                 /* factor on every value (units) */
};

/* Re-interning of stacks from several inputs into one output profile.
 * The output's types must be declared (merger_type) before stacks are
 * added. Names are copied: the inputs may be freed after merger_free. */
struct merger;

struct merger *merger_new(struct profile *out, const struct profile *const *ins,
	size_t n_ins, struct error *err);
void merger_free(struct merger *m);
/* Declares an output column; its index or -1 with the error set. */
int merger_type(struct merger *m, const char *name, const char *unit);
/* Adds stack (of input in, one of merger_new's) with one value per output
 * type; meta as for sink_sample (NULL = no record). 0 or -1. */
int merger_add(struct merger *m, const struct profile *in, uint32_t stack,
	const double *values, const struct sample_meta *meta);
/* The output stack id of input stack, interned into the output with zero
 * values when new; UINT32_MAX on failure (error set). */
uint32_t merger_stack_id(struct merger *m, const struct profile *in,
	uint32_t stack);

/* Nanoseconds per unit for time units, 0 for anything else. */
double merge_ns_per_unit(const char *unit);

/* Fills out (initialised by the caller) with the differential profile of
 * before and after: columns "before" and "after" in one unit (time units
 * become nanoseconds; counts and samples of either kind compare as they
 * are; other mismatches are noted in the info entries), marked
 * differential, then diff_prepare'd. 0, or -1 with err set. */
int merge_diff(struct profile *out, const struct merge_side *before,
	const struct merge_side *after, struct error *err);

/* For a differential profile: adds the "max" column if missing. Idempotent;
 * a no-op for other profiles. Call once after loading a two-count file. */
void diff_prepare(struct profile *p);

/* True for a profile whose sample type is one count per thread. */
bool merge_is_dump(const struct profile *p, int type);

struct sample;
/* The string label key of record r, or NULL. Borrowed from p. */
const char *merge_record_label(const struct profile *p, const struct sample *r,
	const char *key);
/* A thread's identity across two dumps ("tid 12", "goroutine 7", "thread
 * main"), into buf; false when the record has none. */
bool merge_thread_key(const struct profile *p, const struct sample *r,
	char *buf, size_t size);

#endif
