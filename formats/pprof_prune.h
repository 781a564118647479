/* pprof's drop_frames / keep_frames: which function names cut a stack.
 * The regexes are RE2 syntax in the file; they are translated to POSIX
 * extended regexes (the common subset), anchored as pprof anchors them. */
#ifndef SCORCH_FORMATS_PPROF_PRUNE_H
#define SCORCH_FORMATS_PPROF_PRUNE_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

struct pprof_prune {
	regex_t drop, keep;
	bool have_drop, have_keep;
	char *buf;        /* scratch for the simplified, NUL-terminated name */
	size_t buf_cap;
};

/* Compiles drop (and keep, which only matters with drop). An empty drop
 * disables pruning. Returns 0, or -1 with why filled when a regex cannot
 * be used; pruning is then disabled. */
int pprof_prune_init(struct pprof_prune *pr, const char *drop, size_t drop_len,
	const char *keep, size_t keep_len, char *why, size_t why_size);
/* True when a function of this name is dropped: its simplified name
 * (argument list cut, as pprof does) matches drop and not keep. */
bool pprof_prune_match(struct pprof_prune *pr, const char *name, size_t len);
void pprof_prune_free(struct pprof_prune *pr);

#endif
