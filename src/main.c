/* scorch: load a profile, then explore it or write it out. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "calltree.h"
#include "escape.h"
#include "format.h"
#include "keymap.h"
#include "labels.h"
#include "load.h"
#include "options.h"
#include "print.h"
#include "progress.h"
#include "session.h"
#include "top.h"
#include "tui.h"
#include "units.h"
#include "warnings.h"
#include "write_folded.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE   2

static int
print_formats(void)
{
	for (size_t i = 0; i < format_registry_count; i++)
		printf("%-16s %s\n", format_registry[i]->name,
			format_registry[i]->description);
	return 0;
}

/* "label keys: state (412), thread (412)": what --tag and --group-by take;
 * only for profiles with labels (pid, tid and cpu are in the man page) */
static void
print_label_keys(const struct profile *p)
{
	struct label_keys k;
	char safe[256];

	if (p->n_labels == 0)
		return;
	labels_keys(p, &k);
	for (size_t i = 0; i < k.n; i++) {
		escape_text(k.keys[i].name, strlen(k.keys[i].name), safe, sizeof safe);
		printf("%s%s (%zu)%s", i ? ", " : "label keys: ", safe,
			k.keys[i].n_records, i + 1 == k.n ? "\n" : "");
	}
	labels_keys_free(&k);
}

static void
print_info(const struct session *s)
{
	const struct profile *p = &s->prof;
	char buf[128], safe[1024];

	printf("file: %s\n", p->source);
	printf("format: %s\n", p->format);
	for (size_t t = 0; t < p->n_types; t++)
		printf("sample type: %s (%s), total %s%s\n", profile_type_name(p, (int)t),
			profile_type_unit(p, (int)t),
			units_format(profile_total(p, (int)t), profile_type_unit(p, (int)t),
				buf, sizeof buf),
			(int)t == s->query.type_a ? " [shown]" : "");
	printf("stacks: %zu distinct\n", p->n_stacks);
	printf("frames: %zu distinct\n", p->frames.n);
	if (p->n_samples)
		printf("sample records: %zu\n", p->n_samples);
	print_label_keys(p);
	for (size_t i = 0; i < p->n_info; i++) {
		escape_text(p->info[i].value, strlen(p->info[i].value), safe, sizeof safe);
		printf("%s: %s\n", p->info[i].key, safe);
	}
	for (size_t i = 0; i < p->n_skips; i++) {
		char cat[256];

		printf("skipped: %llu %s", (unsigned long long)p->skips[i].count,
			warnings_category(p->skips[i].count, p->skips[i].category, cat,
			sizeof cat));
		if (p->skips[i].first_line > 0)
			printf(" (first at line %ld)", p->skips[i].first_line);
		putchar('\n');
	}
}

static int
output_width(const struct options *o)
{
	struct winsize ws;
	const char *cols;

	if (o->width)
		return o->width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40)
		return ws.ws_col;
	cols = getenv("COLUMNS");
	if (cols && atoi(cols) >= 40)
		return atoi(cols);
	return 100;
}

/* The one type whose name is want followed by ':' (perf modifiers, as in
 * "cpu-clock:ppp"), or -1 when none or several. */
static int
find_type_prefix(const struct profile *p, const char *want)
{
	size_t n = strlen(want);
	int found = -1;

	for (size_t i = 0; i < p->n_types; i++) {
		const char *name = profile_type_name(p, (int)i);

		if (strncmp(name, want, n) == 0 && name[n] == ':') {
			if (found >= 0)
				return -1;
			found = (int)i;
		}
	}
	return found;
}

/* Picks the sample type named by --sample-type or --event when the parser
 * did not already. */
static int
choose_type(struct session *s, struct error *err)
{
	const char *want = s->opts->load.parse.sample_type;
	int t;

	if (!want)
		want = s->opts->load.parse.event;
	if (!want || s->prof.differential)
		return 0;
	t = profile_find_type(&s->prof, want);
	if (t < 0)
		t = find_type_prefix(&s->prof, want);
	if (t < 0) {
		size_t len = 0;
		char names[512] = "";

		for (size_t i = 0; i < s->prof.n_types && len < sizeof names - 64; i++)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
				i ? ", " : "", profile_type_name(&s->prof, (int)i));
		error_set_file(err, s->prof.source);
		return error_set(err, 0, 0, "no sample type or event '%s' (have: %s)",
			want, names);
	}
	s->query.type_a = t;
	return 0;
}

int
main(int argc, char **argv)
{
	struct options opts;
	struct session s = { 0 };
	struct progress_line progress;
	struct error err;
	char msg[1024];
	int rc = 0;

	error_clear(&err);
	if (options_parse(&opts, argc, argv, &err) < 0) {
		fprintf(stderr, "scorch: %s\n", error_format(&err, msg, sizeof msg));
		return EXIT_USAGE;
	}
	switch (opts.mode) {
	case MODE_HELP:
		fputs(options_usage(), stdout);
		return 0;
	case MODE_VERSION:
		printf("scorch %s\n", PACKAGE_VERSION);
		return 0;
	case MODE_FORMATS:
		return print_formats();
	case MODE_KEYS:
		return keymap_print_active(stdout, opts.keymap);
	default:
		break;
	}
	/* writers stop quietly when the reader goes away (`| head`) */
	if (opts.mode != MODE_TUI)
		signal(SIGPIPE, SIG_DFL);

	/* a terminal that cannot show the explorer is refused before loading */
	if (opts.mode == MODE_TUI && tui_check(&err) < 0) {
		fprintf(stderr, "scorch: %s\n", error_format(&err, msg, sizeof msg));
		return EXIT_USAGE;
	}
	s.opts = &opts;
	s.order = opts.order;
	profile_init(&s.prof);
	if (isatty(STDERR_FILENO)) {
		progress_line_init(&progress, stderr);
		opts.load.progress = progress_line_update;
		opts.load.progress_end = progress_line_end;
		opts.load.progress_ctx = &progress;
	}
	if (pair_load(&s.prof, &opts, stderr, &err) < 0) {
		fprintf(stderr, "scorch: %s\n", error_format(&err, msg, sizeof msg));
		session_free(&s);
		return EXIT_USAGE;
	}
	warnings_print(stderr, &s.prof);
	query_default(&s.query, &s.prof);
	s.query.inverted = opts.inverted;
	if (opts.pair.mode == PAIR_NONE && choose_type(&s, &err) < 0) {
		fprintf(stderr, "scorch: %s\n", error_format(&err, msg, sizeof msg));
		session_free(&s);
		return EXIT_USAGE;
	}
	pair_query(&s);
	if (query_apply_options(&s.query, &s.prof, &opts, &err) < 0) {
		fprintf(stderr, "scorch: %s\n", error_format(&err, msg, sizeof msg));
		session_free(&s);
		return EXIT_USAGE;
	}

	switch (opts.mode) {
	case MODE_FOLDED: {
		struct folded_options fo = { .annotate = opts.annotate };

		if (pair_folded(stdout, &s, &fo) < 0) {
			fprintf(stderr, "scorch: writing output: %s\n", strerror(errno));
			rc = EXIT_RUNTIME;
		}
		break;
	}
	case MODE_INFO:
		print_info(&s);
		pair_info(stdout, &s);
		break;
	case MODE_PRINT: {
		struct print_options po = { .width = output_width(&opts),
			.min_percent = opts.min_percent };

		session_rebuild(&s);
		if (pair_print(stdout, &s, &po) < 0) {
			fprintf(stderr, "scorch: writing output: %s\n", strerror(errno));
			rc = EXIT_RUNTIME;
		}
		break;
	}
	case MODE_TOP: {
		struct top *tp;

		session_rebuild(&s);
		if (s.prof.differential) {
			struct print_options po = { .width = output_width(&opts),
				.min_percent = opts.min_percent };

			if (pair_top(stdout, &s, &po) < 0) {
				fprintf(stderr, "scorch: writing output: %s\n", strerror(errno));
				rc = EXIT_RUNTIME;
			}
			break;
		}
		tp = top_build(s.tree);
		top_sort(tp, opts.top_sort);
		if (top_print(stdout, tp, output_width(&opts)) < 0) {
			fprintf(stderr, "scorch: writing output: %s\n", strerror(errno));
			rc = EXIT_RUNTIME;
		}
		top_free(tp);
		break;
	}
	default:
		session_rebuild(&s);
		rc = tui_run(&s);
		break;
	}
	session_free(&s);
	return rc;
}
