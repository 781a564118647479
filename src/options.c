#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum {
	OPT_FORMAT = 256, OPT_FORMATS, OPT_PRINT, OPT_FOLDED, OPT_INFO, OPT_WIDTH,
	OPT_COLOR, OPT_FLAME, OPT_ICICLE, OPT_ORDER, OPT_ANNOTATE, OPT_KEYMAP,
	OPT_KEYS, OPT_MAX_INPUT, OPT_MAX_DEPTH, OPT_MAX_NAME_LEN, OPT_MAX_FRAMES,
	OPT_EVENT, OPT_WEIGHT, OPT_GROUP, OPT_SAMPLE_TYPE, OPT_UNIT, OPT_MIN_PERCENT,
	OPT_INVERTED, OPT_VERSION, OPT_ALL_FRAMES, OPT_PALETTE
};

/* query filters, grouping and the top table */
enum {
	OPT_FOCUS = 512, OPT_IGNORE, OPT_HIDE, OPT_ROOT, OPT_TAG, OPT_GROUP_BY,
	OPT_TOP, OPT_TOP_SORT
};

/* --diff and --cold (pair.h), in enum pair_opt order */
enum {
	OPT_DIFF = 768, OPT_COLD, OPT_WIDTH_BY, OPT_DIFF_BY, OPT_NOISE,
	OPT_COLD_VIEW, OPT_IDLE, OPT_HZ
};

static const struct option long_options[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "formats", no_argument, NULL, OPT_FORMATS },
	{ "print", no_argument, NULL, OPT_PRINT },
	{ "folded", no_argument, NULL, OPT_FOLDED },
	{ "info", no_argument, NULL, OPT_INFO },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "min-percent", required_argument, NULL, OPT_MIN_PERCENT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "palette", required_argument, NULL, OPT_PALETTE },
	{ "flame", no_argument, NULL, OPT_FLAME },
	{ "icicle", no_argument, NULL, OPT_ICICLE },
	{ "inverted", no_argument, NULL, OPT_INVERTED },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "annotate", no_argument, NULL, OPT_ANNOTATE },
	{ "focus", required_argument, NULL, OPT_FOCUS },
	{ "ignore", required_argument, NULL, OPT_IGNORE },
	{ "hide", required_argument, NULL, OPT_HIDE },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "tag", required_argument, NULL, OPT_TAG },
	{ "group-by", required_argument, NULL, OPT_GROUP_BY },
	{ "top", no_argument, NULL, OPT_TOP },
	{ "top-sort", required_argument, NULL, OPT_TOP_SORT },
	{ "keymap", required_argument, NULL, OPT_KEYMAP },
	{ "keys", no_argument, NULL, OPT_KEYS },
	{ "max-input", required_argument, NULL, OPT_MAX_INPUT },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "max-name-len", required_argument, NULL, OPT_MAX_NAME_LEN },
	{ "max-frames", required_argument, NULL, OPT_MAX_FRAMES },
	{ "event", required_argument, NULL, OPT_EVENT },
	{ "weight", required_argument, NULL, OPT_WEIGHT },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "sample-type", required_argument, NULL, OPT_SAMPLE_TYPE },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "all-frames", no_argument, NULL, OPT_ALL_FRAMES },
	{ "diff", no_argument, NULL, OPT_DIFF },
	{ "cold", no_argument, NULL, OPT_COLD },
	{ "width-by", required_argument, NULL, OPT_WIDTH_BY },
	{ "diff-by", required_argument, NULL, OPT_DIFF_BY },
	{ "noise", required_argument, NULL, OPT_NOISE },
	{ "cold-view", required_argument, NULL, OPT_COLD_VIEW },
	{ "idle", required_argument, NULL, OPT_IDLE },
	{ "hz", required_argument, NULL, OPT_HZ },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

const char *
options_usage(void)
{
	return
"Usage: scorch [OPTION]... FILE\n"
"Explore a profile as an interactive flame graph in the terminal.\n"
"FILE may be '-' for standard input; gzip and zstd are read transparently.\n"
"A perf.data FILE is read through `perf script`. While a big file loads,\n"
"its progress is shown on standard error when that is a terminal.\n"
"\n"
"Output modes (default: the interactive explorer):\n"
"  --print              print the call tree as text, fitting --width\n"
"  --folded             print normalised folded stacks (sorted, summed)\n"
"  --info               print what was loaded: format, sample types, skips\n"
"  --top                print the top table: self, total and calls per function\n"
"  --formats            list the input formats\n"
"  --keys               print the active key bindings\n"
"\n"
"Input:\n"
"  --format=NAME        skip detection and read FILE as NAME\n"
"  --unit=UNIT          unit of folded counts (samples, nanoseconds, bytes...)\n"
"  --event=NAME         perf: the event to show (default: the first seen)\n"
"  --weight=samples     perf: count samples instead of summing periods\n"
"  --group=MODE         root frame: comm (default), pid, tid or none\n"
"  --sample-type=NAME   pprof: the sample type to show\n"
"  --all-frames         pprof: keep frames that drop_frames would remove\n"
"  --max-input=SIZE     decompressed size limit (default 4G; K, M, G suffixes)\n"
"  --max-depth=N        frames per stack limit (default 65536)\n"
"  --max-name-len=N     bytes per frame name limit (default 65536)\n"
"  --max-frames=N       distinct frames limit (default 16777216)\n"
"\n"
"Filters (frame filters apply in command-line order, as in pprof):\n"
"  --focus=REGEX        keep stacks with a frame matching REGEX\n"
"  --ignore=REGEX       drop stacks with a frame matching REGEX\n"
"  --hide=REGEX         remove frames matching REGEX, merge what remains\n"
"  --root=REGEX         start stacks at their first frame matching REGEX\n"
"  --tag=KEY=VALUE      keep samples labelled so (values of a key OR, keys AND)\n"
"  --group-by=KEY       one root frame per value of a label, pid, tid or cpu\n"
"\n"
"Display:\n"
"  --flame              root at the bottom (default: icicle, root on top)\n"
"  --icicle             root on top\n"
"  --inverted           leaf-rooted tree (callers of the hottest leaves)\n"
"  --order=name|weight  sibling order: alphabetical (default) or heaviest first\n"
"  --color=WHEN         auto (default), always or never; NO_COLOR is honoured\n"
"  --palette=NAME       diff colours: default (red/blue) or colorblind\n"
"                       (orange/blue)\n"
"  --keymap=NAME|FILE   key bindings: default, a built-in/installed NAME\n"
"                       (vim, emacs), or a keys FILE (replaces\n"
"                       ~/.config/scorch/keys)\n"
"  --width=N            width of --print output (default: terminal, else 100)\n"
"  --min-percent=P      --print: leave out frames below P% of the total\n"
"  --annotate           --folded: add _[k] _[j] _[i] _[w] kind suffixes\n"
"  --top-sort=COLUMN    --top: sort by self (default), total, name or calls\n"
"\n"
"Two profiles:\n"
"  --diff BEFORE AFTER  differential view (or one two-count folded file);\n"
"                       --top prints the delta table\n"
"  --width-by=SOURCE    diff widths: after (default), before or max\n"
"  --diff-by=METRIC     diff colour: share (default) or absolute change\n"
"  --noise=PCT          diff: changes below PCT (default 0.2) count as same\n"
"  --cold OFF ON        hot/cold: off-CPU and on-CPU time in one tree (or one\n"
"                       perf script with cpu-clock and sched:sched_switch)\n"
"  --cold-view=VIEW     hot/cold: both (wall time, default), on or off\n"
"  --idle=REGEX         hot/cold: idle waits to leave out ('none': keep all)\n"
"  --hz=N               hot/cold: sampling rate of an on-CPU sample count\n"
"\n"
"  -h, --help           show this help\n"
"  --version            show the version\n"
"\n"
"Exit status: 0 success, 1 runtime failure, 2 usage or input error.\n"
"In the explorer press ? for the keys.\n";
}

int
options_parse_size(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (!s || !*s || *s == '-')
		return -1;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	case 't': case 'T': v <<= 40; end++; break;
	default: break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end)
		return -1;
	*out = v;
	return 0;
}

static int
parse_count(const char *opt, const char *arg, size_t *out, struct error *err)
{
	unsigned long long v;

	if (options_parse_size(arg, &v) < 0 || v == 0)
		return error_set(err, 0, 0, "--%s: expected a positive number, got '%s'",
			opt, arg);
	*out = (size_t)v;
	return 0;
}

/* Keeps a filter option in order; the regex or KEY=VALUE is checked now,
 * before a large file loads. */
static int
add_filter(struct options *o, int opt, const char *arg, struct error *err)
{
	static const enum filter_kind kinds[] = {
		[OPT_FOCUS - OPT_FOCUS] = FILTER_FOCUS,
		[OPT_IGNORE - OPT_FOCUS] = FILTER_IGNORE,
		[OPT_HIDE - OPT_FOCUS] = FILTER_HIDE,
		[OPT_ROOT - OPT_FOCUS] = FILTER_ROOT,
		[OPT_TAG - OPT_FOCUS] = FILTER_TAG,
	};
	enum filter_kind kind = kinds[opt - OPT_FOCUS];

	if (o->n_filters == OPTIONS_MAX_FILTERS)
		return error_set(err, 0, 0, "more than %d filter options",
			OPTIONS_MAX_FILTERS);
	if (filter_check(kind, arg, err) < 0) {
		char why[sizeof err->msg];

		snprintf(why, sizeof why, "%s", err->msg);
		return error_set(err, 0, 0, "--%s: %s", filter_kind_name(kind), why);
	}
	o->filters[o->n_filters].kind = kind;
	o->filters[o->n_filters++].arg = arg;
	return 0;
}

int
options_parse(struct options *o, int argc, char **argv, struct error *err)
{
	unsigned long long size;
	char *end;
	int c;

	memset(o, 0, sizeof *o);
	o->min_percent = 0;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT: o->load.format = optarg; break;
		case OPT_FORMATS: o->mode = MODE_FORMATS; break;
		case OPT_PRINT: o->mode = MODE_PRINT; break;
		case OPT_FOLDED: o->mode = MODE_FOLDED; break;
		case OPT_INFO: o->mode = MODE_INFO; break;
		case OPT_KEYS: o->mode = MODE_KEYS; break;
		case 'h': o->mode = MODE_HELP; break;
		case OPT_VERSION: o->mode = MODE_VERSION; break;
		case OPT_WIDTH:
			o->width = (int)strtol(optarg, &end, 10);
			if (*end || o->width < 10 || o->width > 100000)
				return error_set(err, 0, 0, "--width: expected 10..100000, got '%s'", optarg);
			break;
		case OPT_MIN_PERCENT:
			o->min_percent = strtod(optarg, &end);
			if (*end || !(o->min_percent >= 0 && o->min_percent <= 100))
				return error_set(err, 0, 0, "--min-percent: expected 0..100, got '%s'", optarg);
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				o->color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				o->color = COLOR_NEVER;
			else
				return error_set(err, 0, 0, "--color: expected auto, always or never, got '%s'", optarg);
			break;
		case OPT_PALETTE:
			if (strcmp(optarg, "default") == 0 || strcmp(optarg, "colorblind") == 0 ||
			    strcmp(optarg, "colourblind") == 0)
				o->colorblind = optarg[0] == 'c';
			else
				return error_set(err, 0, 0, "--palette: expected default or colorblind, got '%s'", optarg);
			break;
		case OPT_FLAME: o->flame = true; break;
		case OPT_ICICLE: o->flame = false; break;
		case OPT_INVERTED: o->inverted = true; break;
		case OPT_ORDER:
			if (strcmp(optarg, "name") == 0)
				o->order = CALLTREE_BY_NAME;
			else if (strcmp(optarg, "weight") == 0)
				o->order = CALLTREE_BY_WEIGHT;
			else
				return error_set(err, 0, 0, "--order: expected name or weight, got '%s'", optarg);
			break;
		case OPT_ANNOTATE: o->annotate = true; break;
		case OPT_KEYMAP: o->keymap = optarg; break;
		case OPT_MAX_INPUT:
			if (options_parse_size(optarg, &size) < 0 || size == 0)
				return error_set(err, 0, 0, "--max-input: expected a size such as 512M, got '%s'", optarg);
			o->load.max_input_bytes = size;
			break;
		case OPT_MAX_DEPTH:
			if (parse_count("max-depth", optarg, &o->load.limits.max_depth, err) < 0)
				return -1;
			break;
		case OPT_MAX_NAME_LEN:
			if (parse_count("max-name-len", optarg, &o->load.limits.max_name_len, err) < 0)
				return -1;
			break;
		case OPT_MAX_FRAMES:
			if (parse_count("max-frames", optarg, &o->load.limits.max_frames, err) < 0)
				return -1;
			break;
		case OPT_EVENT: o->load.parse.event = optarg; break;
		case OPT_WEIGHT:
			if (strcmp(optarg, "samples") == 0)
				o->load.parse.weight_samples = true;
			else if (strcmp(optarg, "period") == 0)
				o->load.parse.weight_samples = false;
			else
				return error_set(err, 0, 0, "--weight: expected samples or period, got '%s'", optarg);
			break;
		case OPT_GROUP:
			if (strcmp(optarg, "comm") == 0)
				o->load.parse.root = SINK_ROOT_COMM;
			else if (strcmp(optarg, "pid") == 0)
				o->load.parse.root = SINK_ROOT_PID;
			else if (strcmp(optarg, "tid") == 0)
				o->load.parse.root = SINK_ROOT_TID;
			else if (strcmp(optarg, "none") == 0)
				o->load.parse.root = SINK_ROOT_NONE;
			else
				return error_set(err, 0, 0, "--group: expected comm, pid, tid or none, got '%s'", optarg);
			break;
		case OPT_SAMPLE_TYPE: o->load.parse.sample_type = optarg; break;
		case OPT_UNIT: o->load.parse.unit = optarg; break;
		case OPT_ALL_FRAMES: o->load.parse.all_frames = true; break;
		case OPT_FOCUS: case OPT_IGNORE: case OPT_HIDE: case OPT_ROOT: case OPT_TAG:
			if (add_filter(o, c, optarg, err) < 0)
				return -1;
			break;
		case OPT_GROUP_BY:
			if (!*optarg)
				return error_set(err, 0, 0, "--group-by: expected a label key, pid, tid or cpu");
			o->group_by = optarg;
			break;
		case OPT_TOP: o->mode = MODE_TOP; break;
		case OPT_TOP_SORT:
			if (top_column_parse(optarg) < 0)
				return error_set(err, 0, 0, "--top-sort: expected self, total, name or calls, got '%s'", optarg);
			o->top_sort = (enum top_column)top_column_parse(optarg);
			break;
		case OPT_DIFF: case OPT_COLD: case OPT_WIDTH_BY: case OPT_DIFF_BY:
		case OPT_NOISE: case OPT_COLD_VIEW: case OPT_IDLE: case OPT_HZ:
			if (pair_option(&o->pair, (enum pair_opt)(c - OPT_DIFF), optarg,
			    err) < 0)
				return -1;
			break;
		case ':':
			return error_set(err, 0, 0, "option '%s' needs a value", argv[optind - 1]);
		default:
			return error_set(err, 0, 0, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (o->mode == MODE_HELP || o->mode == MODE_VERSION || o->mode == MODE_FORMATS ||
	    (o->mode == MODE_KEYS && optind == argc))
		return 0;
	if (optind == argc)
		return error_set(err, 0, 0, "no input file (try scorch --help)");
	if (argc - optind > 1 + (o->pair.mode != PAIR_NONE))
		return error_set(err, 0, 0, "%s input file%s expected, got %d",
			o->pair.mode != PAIR_NONE ? "one or two" : "one",
			o->pair.mode != PAIR_NONE ? "s" : "", argc - optind);
	o->path = argv[optind];
	o->pair.path2 = argc - optind > 1 ? argv[optind + 1] : NULL;
	return 0;
}
