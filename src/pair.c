#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diffstat.h"
#include "hotcold.h"
#include "load.h"
#include "merge.h"
#include "options.h"
#include "pair.h"
#include "print.h"
#include "profile.h"
#include "session.h"
#include "warnings.h"
#include "write_folded.h"

static int
parse_number(const char *opt, const char *arg, double lo, double hi, double *out,
	struct error *err)
{
	char *end;
	double v = arg ? strtod(arg, &end) : 0;

	if (!arg || !*arg || *end || !(v >= lo && v <= hi))
		return error_set(err, 0, 0, "--%s: expected a number from %g to %g, "
			"got '%s'", opt, lo, hi, arg ? arg : "");
	*out = v;
	return 0;
}

/* Index of arg in names[n], or -1 with a usage message. */
static int
parse_word(const char *opt, const char *arg, const char *const *names, int n,
	struct error *err)
{
	for (int i = 0; i < n; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	return error_set(err, 0, 0, "--%s: expected %s, %s%s%s, got '%s'", opt,
		names[0], names[1], n > 2 ? " or " : "", n > 2 ? names[2] : "", arg);
}

int
pair_option(struct pair_options *o, enum pair_opt which, const char *arg,
	struct error *err)
{
	static const char *const widths[] = { "after", "before", "max" };
	static const char *const metrics[] = { "share", "absolute" };
	static const char *const views[] = { "both", "on", "off" };
	int i;

	switch (which) {
	case PAIR_OPT_DIFF:
	case PAIR_OPT_COLD:
		if (o->mode != PAIR_NONE)
			return error_set(err, 0, 0, "--diff and --cold exclude each other");
		o->mode = which == PAIR_OPT_DIFF ? PAIR_DIFF : PAIR_COLD;
		return 0;
	case PAIR_OPT_WIDTH_BY:
		if ((i = parse_word("width-by", arg, widths, 3, err)) < 0)
			return -1;
		o->width = (enum diff_width)i;
		return 0;
	case PAIR_OPT_DIFF_BY:
		if ((i = parse_word("diff-by", arg, metrics, 2, err)) < 0)
			return -1;
		o->metric = (enum diff_metric)i;
		return 0;
	case PAIR_OPT_NOISE:
		o->noise_set = true;
		return parse_number("noise", arg, 0, 100, &o->noise, err);
	case PAIR_OPT_COLD_VIEW:
		if ((i = parse_word("cold-view", arg, views, 3, err)) < 0)
			return -1;
		o->view = (enum cold_view)i;
		return 0;
	case PAIR_OPT_IDLE:
		o->idle = strcmp(arg, "none") == 0 ? "" : arg;
		/* a bad pattern fails now, before large inputs load */
		return hotcold_check_idle(o->idle, err);
	case PAIR_OPT_HZ:
		return parse_number("hz", arg, 1e-3, 1e9, &o->hz, err);
	}
	return error_set(err, 0, 0, "unknown option");
}

void
pair_diff_settings(const struct pair_options *o, struct diff_settings *s)
{
	diff_settings_default(s);
	s->width = o->width;
	s->metric = o->metric;
	if (o->noise_set)
		s->noise = o->noise;
}

/* ---- loading ------------------------------------------------------------- */

/* The column named want (or "want:modifiers", when only one), else the
 * profile's default; -1 with err set when want names none. */
static int
pick_type(const struct profile *p, const char *want, struct error *err)
{
	size_t n;
	int found = -1;

	if (!want)
		return p->default_type;
	if ((found = profile_find_type(p, want)) >= 0)
		return found;
	n = strlen(want);
	for (size_t i = 0; i < p->n_types; i++) {
		const char *name = profile_type_name(p, (int)i);

		if (strncmp(name, want, n) == 0 && name[n] == ':') {
			if (found >= 0) {
				found = -1;
				break;
			}
			found = (int)i;
		}
	}
	if (found < 0) {
		error_set_file(err, p->source);
		return error_set(err, 0, 0, "no sample type or event '%s'", want);
	}
	return found;
}

static const char *
wanted_type(const struct options *o)
{
	return o->load.parse.sample_type ? o->load.parse.sample_type :
		o->load.parse.event;
}

static int
load_one(struct profile *p, const char *path, const struct load_options *lo,
	FILE *warn, struct error *err)
{
	if (load_profile(p, path, lo, err) < 0)
		return -1;
	if (warn)
		warnings_print(warn, p);
	return 0;
}

static void
cold_opts(const struct options *o, struct cold_options *co)
{
	cold_options_default(co);
	co->hz = o->pair.hz;
	co->off_unit = o->load.parse.unit;
	co->idle = o->pair.idle;
}

/* One input: a two-count file, or (--cold) a perf script with switches. */
static int
load_single(struct profile *prof, const struct options *o, FILE *warn,
	struct error *err)
{
	struct profile in;
	struct cold_options co;
	int rc = -1;

	if (o->pair.mode == PAIR_DIFF) {
		if (load_profile(prof, o->path, &o->load, err) < 0)
			return -1;
		if (prof->differential)
			return 0;
		error_set_file(err, prof->source);
		return error_set(err, 0, 0, "--diff with one file needs a two-count "
			"(difffolded) file; otherwise give BEFORE and AFTER");
	}
	profile_init(&in);
	if (load_one(&in, o->path, &o->load, warn, err) < 0)
		goto out;
	cold_opts(o, &co);
	if (in.differential) {
		/* --cold --folded writes "stack on off": read it back */
		struct merge_side on = { &in, DIFF_COL_BEFORE, 1 };
		struct merge_side off = { &in, DIFF_COL_AFTER, 1 };

		rc = hotcold_merge(prof, &off, &on, &co, err);
	} else {
		if (wanted_type(o) && (co.on_type = pick_type(&in, wanted_type(o), err)) < 0)
			goto out;
		rc = hotcold_from_switches(prof, &in, &co, err);
	}
out:
	profile_free(&in);
	return rc;
}

int
pair_load(struct profile *prof, const struct options *o, FILE *warn,
	struct error *err)
{
	struct profile a, b;
	struct load_options la = o->load, lb = o->load;
	struct merge_side sa = { &a, 0, 1 }, sb = { &b, 0, 1 };
	struct cold_options co;
	int rc = -1;

	if (o->pair.mode == PAIR_NONE)
		return load_profile(prof, o->path, &o->load, err);
	if (!o->pair.path2)
		return load_single(prof, o, warn, err);
	/* --cold: --unit is the off-CPU file's (the first), the on-CPU file
	 * counts samples or carries its own unit */
	if (o->pair.mode == PAIR_COLD)
		lb.parse.unit = NULL;
	profile_init(&a);
	profile_init(&b);
	if (load_one(&a, o->path, &la, warn, err) < 0 ||
	    load_one(&b, o->pair.path2, &lb, warn, err) < 0)
		goto out;
	if (o->pair.mode == PAIR_DIFF) {
		if ((sa.type = pick_type(&a, wanted_type(o), err)) < 0 ||
		    (sb.type = pick_type(&b, wanted_type(o), err)) < 0)
			goto out;
		rc = merge_diff(prof, &sa, &sb, err);
		if (rc == 0 && warn && profile_info(prof, "warning"))
			fprintf(warn, "scorch: warning: %s\n", profile_info(prof, "warning"));
	} else {
		/* --event / --sample-type choose the on-CPU column */
		sa.type = a.default_type;
		if ((sb.type = pick_type(&b, wanted_type(o), err)) < 0)
			goto out;
		cold_opts(o, &co);
		rc = hotcold_merge(prof, &sa, &sb, &co, err);
	}
out:
	profile_free(&a);
	profile_free(&b);
	return rc;
}

void
pair_query(struct session *s)
{
	const struct pair_options *po = &s->opts->pair;
	struct cold_types ct;

	if (s->prof.differential) {
		diff_prepare(&s->prof);
		diff_query(&s->query, &s->prof, po->width);
	} else if (hotcold_types(&s->prof, &ct)) {
		hotcold_query(&s->query, &s->prof, po->view, false);
	}
}

/* ---- outputs ---------------------------------------------------------------- */

int
pair_print(FILE *out, const struct session *s, const struct print_options *po)
{
	struct diff_settings set;
	struct diffstat d;
	struct cold_types ct;
	int rc;

	if (hotcold_types(&s->prof, &ct))
		return print_cold_tree(out, s->tree, po);
	pair_diff_settings(&s->opts->pair, &set);
	if (diffstat_build(&d, s->tree, &set) < 0)
		return print_tree(out, s->tree, po);
	rc = print_diff_tree(out, &d, po);
	if (rc == 0)
		rc = print_diff_changes(out, &d, po);
	if (rc == 0 && d.has_threads)
		rc = print_diff_threads(out, &s->prof, po);
	diffstat_free(&d);
	return rc;
}

int
pair_folded(FILE *out, const struct session *s, const struct folded_options *fo)
{
	struct query q = s->query;
	struct cold_types ct;

	if (s->prof.differential) {
		/* always "before after", whatever the widths */
		diff_query(&q, &s->prof, DIFF_WIDTH_AFTER);
	} else if (hotcold_types(&s->prof, &ct)) {
		/* both: "on off" (write_folded puts series b first) */
		switch (s->opts->pair.view) {
		case COLD_VIEW_ON:
			q.type_a = ct.on;
			q.type_b = -1;
			break;
		case COLD_VIEW_OFF:
			q.type_a = ct.off;
			q.type_b = -1;
			break;
		default:
			q.type_a = ct.off;
			q.type_b = ct.on;
			break;
		}
	}
	return query_write_folded(out, &s->prof, &q, fo);
}

int
pair_top(FILE *out, const struct session *s, const struct print_options *po)
{
	struct diff_settings set;
	struct diffstat d;
	struct diff_table t;
	int rc;

	pair_diff_settings(&s->opts->pair, &set);
	if (diffstat_build(&d, s->tree, &set) < 0) {
		fputs("# --top: not a differential profile\n", out);
		return fflush(out) != 0 || ferror(out) ? -1 : 0;
	}
	diff_table_build(&t, &d);
	rc = print_diff_table(out, &d, &t, po);
	diff_table_free(&t);
	diffstat_free(&d);
	return rc;
}

int
pair_info(FILE *out, struct session *s)
{
	/* --info lines are not cut to a width */
	struct print_options po = { .width = 100000, .min_percent = 0 };
	struct diff_settings set;
	struct diffstat d;
	int rc;

	if (!s->prof.differential)
		return 0;
	if (!s->tree)
		session_rebuild(s);
	pair_diff_settings(&s->opts->pair, &set);
	if (diffstat_build(&d, s->tree, &set) < 0)
		return 0;
	rc = print_diff_changes(out, &d, &po);
	if (rc == 0 && d.has_threads)
		rc = print_diff_threads(out, &s->prof, &po);
	diffstat_free(&d);
	return rc;
}
