#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum {
	OPT_FORMAT = 256, OPT_FORMATS, OPT_PRINT, OPT_FOLDED, OPT_INFO, OPT_WIDTH,
	OPT_COLOR, OPT_FLAME, OPT_ICICLE, OPT_ORDER, OPT_ANNOTATE, OPT_KEYMAP,
	OPT_KEYS, OPT_MAX_INPUT, OPT_MAX_DEPTH, OPT_MAX_NAME_LEN, OPT_MAX_FRAMES,
	OPT_EVENT, OPT_WEIGHT, OPT_GROUP, OPT_SAMPLE_TYPE, OPT_UNIT, OPT_MIN_PERCENT,
	OPT_INVERTED, OPT_VERSION, OPT_ALL_FRAMES
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
	{ "flame", no_argument, NULL, OPT_FLAME },
	{ "icicle", no_argument, NULL, OPT_ICICLE },
	{ "inverted", no_argument, NULL, OPT_INVERTED },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "annotate", no_argument, NULL, OPT_ANNOTATE },
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
"\n"
"Output modes (default: the interactive explorer):\n"
"  --print              print the call tree as text, fitting --width\n"
"  --folded             print normalised folded stacks (sorted, summed)\n"
"  --info               print what was loaded: format, sample types, skips\n"
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
"  --max-frames=N       distinct frames limit (default 67108864)\n"
"\n"
"Display:\n"
"  --flame              root at the bottom (default: icicle, root on top)\n"
"  --icicle             root on top\n"
"  --inverted           leaf-rooted tree (callers of the hottest leaves)\n"
"  --order=name|weight  sibling order: alphabetical (default) or heaviest first\n"
"  --color=WHEN         auto (default), always or never; NO_COLOR is honoured\n"
"  --keymap=NAME|FILE   key bindings: default, or a keys file\n"
"  --width=N            width of --print output (default: terminal, else 100)\n"
"  --min-percent=P      --print: leave out frames below P% of the total\n"
"  --annotate           --folded: add _[k] _[j] _[i] _[w] kind suffixes\n"
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
	if (argc - optind > 1)
		return error_set(err, 0, 0, "one input file expected, got %d", argc - optind);
	o->path = argv[optind];
	return 0;
}
