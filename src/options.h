/* Command-line options, parsed without side effects so that tests can
 * check them. */
#ifndef SCORCH_SRC_OPTIONS_H
#define SCORCH_SRC_OPTIONS_H

#include <stdbool.h>

#include "calltree.h"
#include "error.h"
#include "filter.h"
#include "load.h"
#include "pair.h"
#include "top.h"

enum run_mode {
	MODE_TUI = 0,
	MODE_PRINT,
	MODE_FOLDED,
	MODE_INFO,
	MODE_TOP,        /* --top */
	MODE_FORMATS,
	MODE_KEYS,
	MODE_HELP,
	MODE_VERSION
};

enum color_mode {
	COLOR_AUTO = 0,
	COLOR_ALWAYS,
	COLOR_NEVER
};

/* --focus, --ignore, --hide, --root and --tag, kept in command-line order */
struct option_filter {
	enum filter_kind kind;
	const char *arg;
};

#define OPTIONS_MAX_FILTERS 64

struct options {
	enum run_mode mode;
	const char *path;            /* input file, "-" = stdin */
	int width;                   /* --width for --print; 0 = terminal or 100 */
	double min_percent;          /* --print: hide nodes below this share */
	enum color_mode color;
	bool colorblind;             /* --palette=colorblind: diff colours */
	bool flame;                  /* root at the bottom */
	bool inverted;
	enum calltree_order order;
	bool annotate;               /* --folded: kind suffixes */
	const char *keymap;          /* --keymap=NAME|FILE */
	struct option_filter filters[OPTIONS_MAX_FILTERS];
	size_t n_filters;
	const char *group_by;        /* --group-by=KEY: label roots at query time */
	enum top_column top_sort;    /* --top-sort */
	struct pair_options pair;    /* --diff, --cold and their settings */
	struct load_options load;
};

/* Fills o from argv. Returns 0, or -1 with a usage message in err. */
int options_parse(struct options *o, int argc, char **argv, struct error *err);
/* Parses "512M", "4G", "1000" (bytes); -1 when malformed. */
int options_parse_size(const char *s, unsigned long long *out);
/* The --help text. */
const char *options_usage(void);

#endif
