#include "config.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "help_view.h"
#include "keys.h"
#include "palette.h"

struct help_state {
	long top;        /* first line shown */
};

/* Lines are generated each time, for counting or drawing: the keymap is
 * live and the text is short. */
struct emitter {
	struct canvas *c;     /* NULL: only count */
	long top, line;
	int width, height;
	int name_col;         /* where action names start */
	int desc_col;         /* where their descriptions start */
};

static int
row_of(struct emitter *e)
{
	long y = e->line++ - e->top;

	if (!e->c || y < 0 || y >= e->height)
		return -1;
	return (int)y;
}

#define KEYS_COL 2
#define NAME_COL 24
#define DESC_COL 43
#define DESC_MIN 30   /* narrower than this: the description goes below */

/* Writes text word-wrapped in [x, width) from the current line on; the
 * first line may already hold the key and action columns. */
static void
emit_wrapped(struct emitter *e, int y, int x, const char *text, unsigned role)
{
	size_t len = strlen(text);
	int room = e->width - x;

	if (room < 8)
		room = 8;
	while (len > 0) {
		size_t cut = len;

		if (canvas_text_width(text, len) > room) {
			/* the last blank that keeps the line within room */
			cut = 0;
			for (size_t i = 0; i < len && canvas_text_width(text, i) <= room; i++)
				if (text[i] == ' ')
					cut = i;
			if (cut == 0)
				cut = (size_t)room;
		}
		if (y >= 0)
			canvas_put(e->c, x, y, e->width - x, text, cut, role, 0);
		text += cut;
		len -= cut;
		while (len > 0 && *text == ' ') {
			text++;
			len--;
		}
		if (len > 0)
			y = row_of(e);
	}
}

/* A paragraph from column x, wrapped at the screen's width. */
static void
emit_text(struct emitter *e, int x, const char *text, unsigned role)
{
	emit_wrapped(e, row_of(e), x, text, role);
}

static void
emit_action(struct emitter *e, const struct keymap *km, enum keymap_id map,
	enum action a, bool skip_unbound)
{
	const struct binding *keys[16];
	int y, x = KEYS_COL, room = e->name_col - KEYS_COL - 1;
	size_t n = keymap_keys(km, map, a, keys, 16);
	char name[64];

	if (n == 0 && skip_unbound)
		return;
	y = row_of(e);
	if (y >= 0 && n == 0)
		canvas_put(e->c, x, y, room, "(unbound)", 9, ROLE_DEFAULT, ATTR_DIM);
	for (size_t i = 0; y >= 0 && i < n && i < 16; i++) {
		int kw;

		keymap_binding_name(keys[i], name, sizeof name);
		kw = canvas_text_width(name, strlen(name));
		if (x + kw > KEYS_COL + room) {
			canvas_put(e->c, x, y, 1, "\xe2\x80\xa6", 3, ROLE_HELP_KEY, 0);
			break;
		}
		x += canvas_put(e->c, x, y, kw, name, strlen(name), ROLE_HELP_KEY, 0) + 1;
	}
	if (y >= 0 && e->width > e->name_col)
		canvas_put(e->c, e->name_col, y, e->width - e->name_col,
			action_name(a), strlen(action_name(a)), ROLE_DEFAULT, 0);
	if (e->width - e->desc_col >= DESC_MIN) {
		emit_wrapped(e, y, e->desc_col, action_help(a), ROLE_DEFAULT);
	} else {
		y = row_of(e);
		emit_wrapped(e, y, 6, action_help(a), ROLE_DEFAULT);
	}
}

/* Help groups: a heading and the action name prefixes under it. */
static const char *const groups[][2] = {
	{ "Select", "move-" },
	{ "Zoom", "zoom-" },
	{ "Scroll", "scroll-" },
	{ "Search", "search- toggle-search-" },
	{ "Change the picture", "toggle- cycle-" },
	{ "Two profiles: diff and hot/cold", "diff- cold-" },
	{ "Filter and group (pprof's transforms)", "filter- group-" },
	{ "Copy to the clipboard", "copy-" },
	{ "Tables, the label picker and prompts", "sort- pick- prompt-" },
	{ "Views and the program", "" },
};

static bool
has_prefix(const char *name, const char *prefixes)
{
	while (*prefixes) {
		size_t n = strcspn(prefixes, " ");

		if (strncmp(name, prefixes, n) == 0)
			return true;
		prefixes += n;
		prefixes += *prefixes == ' ';
	}
	return false;
}

static int
group_of(enum action a)
{
	const char *name = action_name(a);
	int g = 0, last = (int)(sizeof groups / sizeof groups[0]) - 1;

	while (g < last && !has_prefix(name, groups[g][1]))
		g++;
	return g;
}

static long
emit_all(struct emitter *e, const struct view *v)
{
	const struct keymap *km = v->ui->km;
	enum keymap_id map = v->below ? v->below->ops->keymap : KEYMAP_GENERIC;
	char buf[800], sources[600];
	int longest = 0;

	/* narrow screens: the names move left rather than lose their end */
	for (int a = 1; a < ACTION_COUNT; a++)
		if ((int)strlen(action_name((enum action)a)) > longest)
			longest = (int)strlen(action_name((enum action)a));
	e->name_col = e->width - longest - 1;
	if (e->name_col > NAME_COL)
		e->name_col = NAME_COL;
	if (e->name_col < 12)
		e->name_col = 12;
	/* a long name pushes the descriptions right, never into them */
	e->desc_col = NAME_COL + longest + 2 > DESC_COL ? NAME_COL + longest + 2 : DESC_COL;

	/* file names are untrusted too */
	escape_text(km->sources, strlen(km->sources), sources, sizeof sources);
	snprintf(buf, sizeof buf, "Keys of the %s view (keymap %s, then generic), from %s",
		v->below ? v->below->ops->name : "current", keymap_name(map), sources);
	emit_text(e, 1, buf, ROLE_HELP_HEADING);
	for (int g = 0; g < (int)(sizeof groups / sizeof groups[0]); g++) {
		emit_text(e, 1, "", ROLE_DEFAULT);
		emit_text(e, 1, groups[g][0], ROLE_HELP_HEADING);
		for (int a = 1; a < ACTION_COUNT; a++)
			if (group_of((enum action)a) == g)
				emit_action(e, km, map, (enum action)a, false);
	}
	emit_text(e, 1, "", ROLE_DEFAULT);
	emit_text(e, 1, "In this help screen (keymap help; the move and scroll keys "
		"scroll it)", ROLE_HELP_HEADING);
	for (int a = 1; a < ACTION_COUNT; a++) {
		bool own = false;

		for (size_t i = 0; i < km->n; i++)
			own |= km->b[i].map == KEYMAP_HELP && km->b[i].action == a;
		if (own)
			emit_action(e, km, KEYMAP_HELP, (enum action)a, true);
	}
	emit_text(e, 1, "", ROLE_DEFAULT);
	emit_text(e, 1, "Colours", ROLE_HELP_HEADING);
	emit_text(e, 3, "Red to yellow: your code; tan: kernel; green: JIT; aqua: "
		"inlined; blue: waker; lilac: process or thread. Grey \"+N\": N callees "
		"too narrow to draw (select them with the sibling keys, or zoom in). "
		"Pale grey: callers of the zoomed frame. Purple: frames the search "
		"matches.", ROLE_DEFAULT);
	emit_text(e, 3, "A diff: red grew, blue shrank (orange and blue with the "
		"colour-blind palette), darker for a larger change; grey: less than the "
		"noise threshold; underlined: only in one profile; without colour the "
		"marks + - ++ --. Two thread dumps: magenta stuck, green progressing. "
		"Hot/cold: each frame's on-CPU part warm, its off-CPU part cool (\":\" "
		"without colour). The line under the graph is the legend.", ROLE_DEFAULT);
	emit_text(e, 1, "", ROLE_DEFAULT);
	emit_text(e, 1, "Change the keys in ~/.config/scorch/keys (or "
		"$XDG_CONFIG_HOME/scorch/keys) with lines such as", ROLE_DEFAULT);
	emit_text(e, 3, "bind flame z zoom-in", ROLE_HELP_KEY);
	emit_text(e, 1, "and see them all with scorch --keys.", ROLE_DEFAULT);
	return e->line;
}

static long
line_count(const struct view *v)
{
	struct emitter e = { .c = NULL, .width = v->ui->canvas.width,
		.height = v->ui->canvas.height };

	return emit_all(&e, v);
}

static unsigned
help_action(struct view *v, enum action a)
{
	struct help_state *st = v->state;
	int r = ui_pager_action(&st->top, line_count(v), v->ui->canvas.height, a);

	if (r >= 0)
		return r ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
	switch (a) {
	case ACTION_VIEW_HELP:
		/* the help key closes the help again */
		ui_pop(v->ui);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_VIEW_CLOSE:
	case ACTION_QUIT:
	case ACTION_SCREEN_REDRAW:
		return VIEW_UNHANDLED;
	default:
		return VIEW_HANDLED;   /* the flame view's actions do nothing here */
	}
}

static void
help_draw(struct view *v, struct canvas *c)
{
	struct help_state *st = v->state;
	struct emitter e = { .c = c, .top = st->top, .width = c->width,
		.height = c->height };
	long max_top = line_count(v) - c->height;

	/* after a resize the old position may be past the end */
	if (st->top > max_top)
		st->top = max_top > 0 ? max_top : 0;
	e.top = st->top;
	emit_all(&e, v);
}

const struct view_ops help_view_ops = {
	.name = "help",
	.keymap = KEYMAP_HELP,
	.state_size = sizeof(struct help_state),
	.action = help_action,
	.draw = help_draw,
};
