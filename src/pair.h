/* Runs over two profiles: `--diff BEFORE AFTER` and `--cold OFF ON` (or
 * one file: a two-count folded file, or for --cold a perf script with
 * cpu-clock and sched_switch). Parses their options, loads and merges the
 * inputs into the session's profile, sets the query, and writes the
 * non-interactive outputs. The explorer uses diffstat.h and hotcold.h on
 * the same session. */
#ifndef SCORCH_SRC_PAIR_H
#define SCORCH_SRC_PAIR_H

#include <stdbool.h>
#include <stdio.h>

#include "diffstat.h"
#include "error.h"
#include "hotcold.h"

struct folded_options;
struct options;
struct print_options;
struct profile;
struct session;

enum pair_mode {
	PAIR_NONE = 0,
	PAIR_DIFF,            /* --diff */
	PAIR_COLD             /* --cold */
};

/* All-zero is the default (options_parse clears the struct). */
struct pair_options {
	enum pair_mode mode;
	const char *path2;            /* the second input; NULL with one file */
	enum diff_width width;        /* --width-by */
	enum diff_metric metric;      /* --diff-by */
	double noise;                 /* --noise, when noise_set */
	bool noise_set;
	enum cold_view view;          /* --cold-view */
	const char *idle;             /* --idle: NULL = default, "" = none */
	double hz;                    /* --hz, 0 = unset */
};

/* Option ids, in the order options.c lists them after OPT_DIFF. */
enum pair_opt {
	PAIR_OPT_DIFF = 0,
	PAIR_OPT_COLD,
	PAIR_OPT_WIDTH_BY,
	PAIR_OPT_DIFF_BY,
	PAIR_OPT_NOISE,
	PAIR_OPT_COLD_VIEW,
	PAIR_OPT_IDLE,
	PAIR_OPT_HZ
};

/* Applies one option (arg NULL for flags). 0, or -1 with a usage
 * message in err. */
int pair_option(struct pair_options *o, enum pair_opt which, const char *arg,
	struct error *err);
/* The diff settings the options ask for. */
void pair_diff_settings(const struct pair_options *o, struct diff_settings *s);

/* Loads the input(s) of o into prof (initialised by the caller): plainly
 * without --diff/--cold, else both inputs merged. Warnings about skipped
 * lines of merged inputs go to warn. 0, or -1 with err set. */
int pair_load(struct profile *prof, const struct options *o, FILE *warn,
	struct error *err);
/* After query_default: points the query at the columns of a differential
 * or hot/cold profile (width source, view); no-op for others. */
void pair_query(struct session *s);

/* The writers: a diff or hot/cold profile gets its own columns, any other
 * the plain output. 0, or -1 when writing failed. */
int pair_print(FILE *out, const struct session *s, const struct print_options *po);
int pair_folded(FILE *out, const struct session *s, const struct folded_options *fo);
/* --diff --top: the delta table. */
int pair_top(FILE *out, const struct session *s, const struct print_options *po);
/* --info extras of a diff: gone and new stacks, threads of two dumps
 * (builds the tree when there is none). */
int pair_info(FILE *out, struct session *s);

#endif
