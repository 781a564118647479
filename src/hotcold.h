/* Hot/cold: on-CPU and off-CPU time of one program in one tree.
 *
 * A hot/cold profile (hotcold_merge, hotcold_from_switches) has the
 * nanosecond columns of merge.h: on-cpu, off-cpu, wall (= on + off per
 * stack), and off-cpu+idle / wall+idle, which also keep the stacks that
 * match the idle pattern. Series a of a tree is what widths come from, so
 * the view picks the columns:
 *
 *   view   series a   series b      idle included (+idle columns)
 *   both   wall       off-cpu       wall+idle, off-cpu+idle
 *   on     on-cpu     off-cpu       on-cpu,    off-cpu+idle
 *   off    off-cpu    on-cpu        off-cpu+idle, on-cpu
 *
 * so that on, off and wall of every node can be read back in every view
 * (hotcold_values). For the UI: after loading, the query comes from
 * hotcold_query(); the view toggle and the idle toggle call it again and
 * rebuild; a frame draws its on part (warm) and off part (cool) from
 * hotcold_values(); the idle pattern can be changed on the loaded profile
 * with hotcold_set_idle() followed by a rebuild. Nothing here draws. */
#ifndef SCORCH_SRC_HOTCOLD_H
#define SCORCH_SRC_HOTCOLD_H

#include <stdbool.h>
#include <stdint.h>

#include "calltree.h"
#include "error.h"
#include "query.h"

struct profile;
struct merge_side;

enum cold_view {
	COLD_VIEW_BOTH = 0,   /* wall time: on + off */
	COLD_VIEW_ON,         /* on-CPU only */
	COLD_VIEW_OFF         /* off-CPU only */
};

/* Idle waits: a stack with a frame matching this POSIX extended regex
 * leaves off-cpu and wall (it stays in the +idle columns). It names the
 * waits of idle worker pools and event loops: condition variable waits
 * and glibc's futex wait under them (__futex_abstimed_wait*, also used by
 * sem_wait and pthread_join, and all that is left of a pthread_cond_wait
 * when libc has no frame pointers; mutex contention goes through
 * __lll_lock_wait and is kept), epoll waits, the idle getters of Java
 * pools and queues, Go's scheduler and netpoller idling, and kernel
 * threads that only wait for work. On-CPU time is never excluded. */
#define HOTCOLD_IDLE_DEFAULT \
	"pthread_cond_(timed|clock)?wait|__futex_abstimed_wait|" \
	"epoll_wait|ep_poll|" \
	"ThreadPoolExecutor\\.getTask|ForkJoinPool\\.awaitWork|" \
	"LinkedBlockingQueue\\.take|SynchronousQueue\\.take|" \
	"runtime\\.findrunnable|runtime\\.findRunnable|runtime\\.netpoll|" \
	"^(worker_thread|smpboot_thread_fn|rcu_gp_kthread|kthreadd|do_idle)$"

struct cold_options {
	double hz;            /* on-CPU sampling rate for inputs that count
	                       * samples; 0 = use the profile's period */
	const char *off_unit; /* unit of off-CPU values that are plain counts
	                       * (--unit); NULL = they must carry a time unit */
	const char *idle;     /* idle regex; NULL = HOTCOLD_IDLE_DEFAULT,
	                       * "" = exclude nothing */
	int on_type;          /* single perf script: on-CPU event, -1 = auto */
};

void cold_options_default(struct cold_options *o);

/* The columns of a hot/cold profile, or -1 in all when p is not one. */
struct cold_types {
	int on, off, wall, off_all, wall_all;
};

bool hotcold_types(const struct profile *p, struct cold_types *t);

/* Fills out (initialised by the caller) from an off-CPU and an on-CPU
 * input (they may be the same profile, two columns of a two-count folded
 * file). On-CPU values in a time unit are converted to nanoseconds; sample
 * counts are multiplied by 1e9 / hz, or by the profile's "period" (pprof:
 * "10000000 nanoseconds") when hz is 0. Off-CPU values must be time, or
 * counts with o->off_unit. 0, or -1 with err set. */
int hotcold_merge(struct profile *out, const struct merge_side *off,
	const struct merge_side *on, const struct cold_options *o,
	struct error *err);

/* One perf script holding a cpu-clock (or task-clock) event and
 * sched:sched_switch, with time and thread of every sample: on-CPU time
 * is the cpu-clock column; off-CPU time is derived per thread from its
 * sched_switch samples: an interval starts when the thread switches out
 * (charged to the stack of that switch) and ends when it runs again. The
 * end is the last context switch on the CPU where the thread shows up
 * next, when the recording is system-wide (it has swapper samples, so
 * every switch is seen): exact. Otherwise it is the time of the thread's
 * next sample: an upper bound, over by at most the time the thread ran
 * before that sample (about one cpu-clock period). Intervals still open
 * at the end are not counted (like bcc offcputime), only reported in the
 * info entries. 0, or -1 with err set when the file lacks the events. */
int hotcold_from_switches(struct profile *out, const struct profile *in,
	const struct cold_options *o, struct error *err);

/* Recomputes off-cpu and wall of p for an idle regex (NULL = default,
 * "" = none); updates the info entries. 0, or -1 with err set for a bad
 * regex or a profile that is not hot/cold. */
int hotcold_set_idle(struct profile *p, const char *regex, struct error *err);

/* 0 when regex compiles (or is NULL or ""), else -1 with err set. */
int hotcold_check_idle(const char *regex, struct error *err);

/* Sets q's series for view v (idle: include idle waits). */
void hotcold_query(struct query *q, const struct profile *p, enum cold_view v,
	bool idle);

/* How a tree's series map to on/off; view -1 when not a hot/cold query. */
struct cold_map {
	int view;             /* enum cold_view or -1 */
	bool idle;            /* the +idle columns are in use */
};

void hotcold_map(const struct query *q, const struct profile *p,
	struct cold_map *m);

struct cold_values {
	double on, off, wall;                /* node and below, ns */
	double self_on, self_off, self_wall; /* ending here */
};

/* The on/off/wall of node id of a tree whose query came from
 * hotcold_query (m from hotcold_map of that query). */
static inline void
hotcold_values(const struct calltree *t, const struct cold_map *m, uint32_t id,
	struct cold_values *v)
{
	double a = calltree_total(t, id, 0), b = calltree_total(t, id, 1);
	double sa = calltree_self(t, id, 0), sb = calltree_self(t, id, 1);

	switch (m->view) {
	case COLD_VIEW_ON:
		v->on = a, v->off = b;
		v->self_on = sa, v->self_off = sb;
		break;
	case COLD_VIEW_OFF:
		v->off = a, v->on = b;
		v->self_off = sa, v->self_on = sb;
		break;
	default:
		v->off = b, v->on = a - b;
		v->self_off = sb, v->self_on = sa - sb;
		break;
	}
	v->wall = v->on + v->off;
	v->self_wall = v->self_on + v->self_off;
}

const char *hotcold_view_name(enum cold_view v);

#endif
