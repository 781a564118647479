#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breadcrumb.h"
#include "explore.h"
#include "filter.h"
#include "labels.h"
#include "palette.h"
#include "picker_view.h"
#include "profile.h"
#include "list_cursor.h"
#include "prompt.h"
#include "session.h"
#include "units.h"
#include "xmalloc.h"

#define SEP " \xc2\xb7 "
#define BAR_W 10

struct picker_state {
	struct session *s;          /* borrowed */
	struct label_keys keys;     /* owned */
	bool in_values;             /* the values of key are listed */
	char *key;                  /* owned */
	size_t key_sel;             /* the key's row, to go back to */
	struct label_values vals;   /* owned when in_values */
	size_t *shown;              /* value indexes passing the filter; owned */
	size_t n_shown, cap_shown;
	size_t sel, top;            /* rows of the list shown */
	char *filter;               /* value filter, NULL for none; owned */
	bool icase;
};

static size_t
n_rows(const struct picker_state *st)
{
	return st->in_values ? st->n_shown : st->keys.n;
}

/* Case-blind (ASCII) or exact substring test. */
static bool
contains(const char *hay, const char *needle, bool icase)
{
	size_t n = strlen(needle);

	for (const char *p = hay; *p; p++) {
		size_t i = 0;

		while (i < n && p[i] && (icase ? tolower((unsigned char)p[i]) ==
		       tolower((unsigned char)needle[i]) : p[i] == needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

static void
refilter(struct picker_state *st)
{
	st->n_shown = 0;
	for (size_t i = 0; i < st->vals.n; i++) {
		if (st->filter && !contains(st->vals.values[i].value, st->filter, st->icase))
			continue;
		st->shown = xgrow(st->shown, &st->cap_shown, st->n_shown + 1, sizeof *st->shown);
		st->shown[st->n_shown++] = i;
	}
	if (st->sel >= st->n_shown)
		st->sel = st->n_shown ? st->n_shown - 1 : 0;
}

static void
load_values(struct picker_state *st)
{
	if (st->in_values)
		labels_values_free(&st->vals);
	labels_values(&st->s->prof, &st->s->query, st->key, &st->vals);
	st->in_values = true;
	refilter(st);
}

static void
leave_values(struct picker_state *st)
{
	labels_values_free(&st->vals);
	st->in_values = false;
	free(st->key);
	st->key = NULL;
	free(st->filter);
	st->filter = NULL;
	st->sel = st->key_sel;
	st->top = 0;
}

void
picker_view_rebuilt(struct view *v)
{
	struct picker_state *st = v->state;

	if (st->in_values)
		load_values(st);
}

/* Whether the tag filter key=value is in use. */
static bool
tag_in_use(const struct picker_state *st, const char *key, const char *value)
{
	const struct filters *f = st->s->query.filters;
	size_t kl = strlen(key);

	for (size_t i = 0; i < filters_count(f); i++) {
		const struct filter_entry *e = filters_entry(f, i);

		if (e->kind != FILTER_TAG || strncmp(e->text, key, kl) != 0 || e->text[kl] != '=')
			continue;
		if (!value || strcmp(e->text + kl + 1, value) == 0)
			return true;
	}
	return false;
}

static bool
grouped_by(const struct picker_state *st, const char *key)
{
	const struct filters *f = st->s->query.filters;

	return f && f->group_by && strcmp(f->group_by, key) == 0;
}

/* --- the value filter prompt ---------------------------------------------------- */

static void
set_filter(struct picker_state *st, const char *text, bool icase)
{
	char *copy = text && text[0] ? xstrdup(text) : NULL;

	free(st->filter);
	st->filter = copy;
	st->icase = icase;
	st->sel = st->top = 0;
	refilter(st);
}

static void
filter_changed(struct view *owner, int arg, const char *text, bool icase, char *note,
	size_t size)
{
	struct picker_state *st = owner->state;

	(void)arg;
	set_filter(st, text, icase);
	snprintf(note, size, "%zu of %zu", st->n_shown, st->vals.n);
}

/* Enter keeps the filter as typed, Esc restores the one before. */
static const struct prompt_ops filter_prompt = {
	.changed = filter_changed,
};

/* --- actions -------------------------------------------------------------------- */

static void
clamp(struct picker_state *st, int rows_h)
{
	list_cursor_fit_index(&st->sel, &st->top, n_rows(st), rows_h);
}

/* Enter: a key lists its values; a value becomes a tag filter, and the
 * picker closes to show its graph. */
static unsigned
pick(struct view *v, struct picker_state *st)
{
	struct ui *ui = v->ui;
	const char *value;
	char *tag, note[300];
	size_t len;

	if (!st->in_values) {
		if (st->keys.n == 0)
			return VIEW_HANDLED;
		st->key_sel = st->sel;
		st->key = xstrdup(st->keys.keys[st->sel].name);
		st->sel = st->top = 0;
		load_values(st);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (st->n_shown == 0)
		return VIEW_HANDLED;
	value = st->vals.values[st->shown[st->sel]].value;
	if (tag_in_use(st, st->key, value)) {
		ui_message(ui, "Already filtered to that value (undo the filter to remove it)");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	len = strlen(st->key) + 1 + strlen(value);
	tag = xmalloc(len + 1);
	snprintf(tag, len + 1, "%s=%s", st->key, value);
	note[0] = '\0';
	if (!explore_filter_text(ui, FILTER_TAG, tag, note, sizeof note))
		ui_message(ui, "%s", note);
	else if (ui_top(ui) == v)
		ui_pop(ui);   /* v is freed: nothing of it after this */
	free(tag);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
group(struct view *v, struct picker_state *st)
{
	struct ui *ui = v->ui;
	char *key;

	if (!st->in_values && st->keys.n == 0)
		return VIEW_HANDLED;
	key = xstrdup(st->in_values ? st->key : st->keys.keys[st->sel].name);
	explore_group_by(ui, key);
	free(key);
	if (ui_top(ui) == v)
		ui_pop(ui);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
picker_action(struct view *v, enum action a)
{
	struct picker_state *st = v->state;
	struct list_geom g;
	size_t n = n_rows(st), old_sel = st->sel, old_top = st->top;

	list_geom(v->ui->canvas.height, breadcrumb_active(st->s), &g);
	if (list_cursor_action_index(&st->sel, &st->top, n, g.rows_h, a) < 0) switch (a) {
	case ACTION_PICK_ITEM:
	case ACTION_ZOOM_IN:
		return pick(v, st);
	case ACTION_GROUP_BY_KEY:
		return group(v, st);
	case ACTION_SEARCH_REGEX: {
		struct prompt_setup ps = {
			.label = "filter values: ", .text = st->filter, .icase = st->icase,
			.has_case = true, .restore = true, .ops = &filter_prompt,
		};

		if (!st->in_values)
			ui_message(v->ui, "Open a key first: its values can be filtered");
		else
			prompt_open(v->ui, &ps);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	case ACTION_VIEW_CLOSE:
	case ACTION_ZOOM_OUT:
		if (!st->in_values)
			return a == ACTION_VIEW_CLOSE ? VIEW_UNHANDLED : VIEW_HANDLED;
		leave_values(st);
		break;
	case ACTION_VIEW_LABELS:
		return VIEW_HANDLED;
	case ACTION_FILTER_UNDO:
	case ACTION_FILTER_CLEAR:
	case ACTION_CYCLE_SAMPLE_TYPE:
	case ACTION_VIEW_TOP:
		return explore_action(v, a, NULL, 0);
	case ACTION_VIEW_HELP:
	case ACTION_VIEW_INFO:
	case ACTION_QUIT:
	case ACTION_SCREEN_REDRAW:
		return VIEW_UNHANDLED;
	default:
		return VIEW_HANDLED;
	}
	clamp(st, g.rows_h);
	return st->sel != old_sel || st->top != old_top || a == ACTION_VIEW_CLOSE ||
		a == ACTION_ZOOM_OUT ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
}

static unsigned
picker_mouse(struct view *v, enum mouse_kind kind, int x, int y)
{
	struct picker_state *st = v->state;
	struct list_geom g;

	(void)x;
	list_geom(v->ui->canvas.height, breadcrumb_active(st->s), &g);
	if (!list_geom_click(&g, y, st->top, n_rows(st), &st->sel))
		return VIEW_HANDLED;
	if (kind == MOUSE_DOUBLE_CLICK)
		return pick(v, st);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* --- drawing -------------------------------------------------------------------- */

static void
draw_title(const struct picker_state *st, struct canvas *c, int y)
{
	char buf[200], p[32];
	int x = 1;

	canvas_fill(c, 0, y, c->width, ROLE_TITLE, 0);
	if (!st->in_values) {
		snprintf(buf, sizeof buf, "Labels \xc2\xb7 %zu key%s", st->keys.n,
			st->keys.n == 1 ? "" : "s");
		canvas_put(c, x, y, c->width - x, buf, strlen(buf), ROLE_TITLE, 0);
		return;
	}
	x += canvas_put(c, x, y, c->width - x, "Label ", 6, ROLE_TITLE, 0);
	x += canvas_put_elided(c, x, y, c->width / 3, st->key, strlen(st->key), ROLE_TITLE,
		ATTR_BOLD);
	snprintf(buf, sizeof buf, SEP "%zu value%s", st->vals.n, st->vals.n == 1 ? "" : "s");
	if (st->filter)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), ", %zu shown", st->n_shown);
	if (st->vals.missing > 0)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), SEP "%s without it",
			units_format_percent(st->vals.missing, st->vals.total, p, sizeof p));
	canvas_put(c, x, y, c->width - x - 1, buf, strlen(buf), ROLE_TITLE, 0);
}

/* A bar of share in w cells with eighths: "█████▍". */
static void
put_bar(struct canvas *c, int x, int y, int w, double share, unsigned role)
{
	static const char *const eighths[] = {
		"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
		"\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89",
	};
	long units = (long)(share * w * 8 + 0.5);

	if (share < 0)
		units = 0;
	for (int i = 0; i < w && units > 0; i++, units -= 8) {
		const char *s = units >= 8 ? "\xe2\x96\x88" : eighths[units];

		if (*s)
			canvas_put(c, x + i, y, 1, s, strlen(s), role, 0);
	}
}

static void
draw_key_row(const struct picker_state *st, struct canvas *c, int y, size_t i, bool sel)
{
	const struct label_key_info *k = &st->keys.keys[i];
	unsigned role = sel ? ROLE_SELECTED : ROLE_DEFAULT;
	char buf[96];
	int right;

	snprintf(buf, sizeof buf, "%zu sample%s%s%s", k->n_records,
		k->n_records == 1 ? "" : "s", grouped_by(st, k->name) ? SEP "grouped" : "",
		tag_in_use(st, k->name, NULL) ? SEP "filtered" : "");
	right = canvas_text_width(buf, strlen(buf));
	if (right > c->width / 2)
		right = c->width / 2;
	canvas_put_elided(c, 2, y, c->width - right - 5, k->name, strlen(k->name), role,
		ATTR_BOLD);
	canvas_put(c, c->width - right - 1, y, right, buf, strlen(buf), role, 0);
}

static void
draw_value_row(const struct picker_state *st, struct canvas *c, int y, size_t i, bool sel)
{
	const struct label_value *lv = &st->vals.values[st->shown[i]];
	unsigned role = sel ? ROLE_SELECTED : ROLE_DEFAULT;
	double share = st->vals.total > 0 ? lv->value_a / st->vals.total : 0;
	char pct[32], n[64];
	int right, bar = c->width >= 60 ? BAR_W : 0, x;

	units_format_percent(lv->value_a, st->vals.total, pct, sizeof pct);
	snprintf(n, sizeof n, "%7s  %7zu", pct, lv->n_records);
	right = canvas_text_width(n, strlen(n));
	x = c->width - 1 - right;
	canvas_put(c, x, y, right, n, strlen(n), role, 0);
	if (bar) {
		x -= bar + 2;
		put_bar(c, x, y, bar, share, sel ? ROLE_SELECTED : ROLE_HELP_KEY);
	}
	if (tag_in_use(st, st->key, lv->value))
		canvas_put(c, 1, y, 1, "\xe2\x9c\x93", 3, role, ATTR_BOLD);
	canvas_put_elided(c, 3, y, x - 5, lv->value, strlen(lv->value), role, 0);
}

static const struct explore_hint key_hints[] = {
	{ ACTION_PICK_ITEM, "values" },
	{ ACTION_GROUP_BY_KEY, "group by it" },
	{ ACTION_VIEW_CLOSE, "back" },
	{ ACTION_VIEW_HELP, "help" },
};

static const struct explore_hint value_hints[] = {
	{ ACTION_PICK_ITEM, "filter to it" },
	{ ACTION_SEARCH_REGEX, "find" },
	{ ACTION_GROUP_BY_KEY, "group" },
	{ ACTION_VIEW_CLOSE, "keys" },
	{ ACTION_VIEW_HELP, "help" },
};

static void
picker_draw(struct view *v, struct canvas *c)
{
	struct picker_state *st = v->state;
	struct list_geom g;
	size_t n = n_rows(st);

	list_geom(c->height, breadcrumb_active(st->s), &g);
	clamp(st, g.rows_h);
	if (g.title_y >= 0)
		draw_title(st, c, g.title_y);
	if (g.crumb_y >= 0)
		breadcrumb_draw(c, 1, g.crumb_y, c->width - 2, st->s);
	if (g.head_y >= 0) {
		const char *head = st->in_values ? "value" : "key";
		const char *right = st->in_values ? "  share  samples" : "samples";
		int rw = (int)strlen(right);

		canvas_put(c, st->in_values ? 3 : 2, g.head_y, c->width, head, strlen(head),
			ROLE_LABEL, 0);
		if (c->width > rw + 10)
			canvas_put(c, c->width - rw - 1, g.head_y, rw, right, strlen(right),
				ROLE_LABEL, 0);
	}
	for (int k = 0; k < g.rows_h && st->top + (size_t)k < n; k++) {
		size_t i = st->top + (size_t)k;
		int y = g.rows_y + k;

		if (i == st->sel)
			canvas_fill(c, 0, y, c->width, ROLE_SELECTED, 0);
		if (st->in_values)
			draw_value_row(st, c, y, i, i == st->sel);
		else
			draw_key_row(st, c, y, i, i == st->sel);
	}
	if (n == 0 && g.rows_h > 0) {
		const char *none = st->in_values ? "(no value matches)"
			: "(no labels: the samples carry no thread, label or pid)";

		canvas_put(c, 2, g.rows_y, c->width - 2, none, strlen(none), ROLE_LABEL, 0);
	}
	if (g.status_y >= 0) {
		if (st->in_values)
			explore_status(c, g.status_y, v->ui, value_hints,
				sizeof value_hints / sizeof value_hints[0]);
		else
			explore_status(c, g.status_y, v->ui, key_hints,
				sizeof key_hints / sizeof key_hints[0]);
	}
}

static int
picker_open(struct view *v, struct session *s)
{
	struct picker_state *st = v->state;

	st->s = s;
	st->icase = true;
	labels_keys(&s->prof, &st->keys);
	return 0;
}

static void
picker_close(struct view *v)
{
	struct picker_state *st = v->state;

	if (st->in_values)
		labels_values_free(&st->vals);
	labels_keys_free(&st->keys);
	free(st->key);
	free(st->shown);
	free(st->filter);
}

const struct view_ops picker_view_ops = {
	.name = "labels",
	.keymap = KEYMAP_LABELS,
	.state_size = sizeof(struct picker_state),
	.open = picker_open,
	.action = picker_action,
	.mouse = picker_mouse,
	.draw = picker_draw,
	.close = picker_close,
};
