#include "config.h"

#include <stdio.h>
#include <string.h>

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
};

static int
row_of(struct emitter *e)
{
	long y = e->line++ - e->top;

	if (!e->c || y < 0 || y >= e->height)
		return -1;
	return (int)y;
}

static void
emit_text(struct emitter *e, const char *text, unsigned role, unsigned attr)
{
	int y = row_of(e);

	if (y >= 0)
		canvas_put(e->c, 1, y, e->width - 1, text, strlen(text), role, attr);
}

#define KEYS_COL 2
#define NAME_COL 24
#define DESC_COL 43
#define DESC_MIN 30   /* narrower than this: the description goes below */

/* Writes text word-wrapped in [x, width) from the current line on; the
 * first line may already hold the key and action columns. */
static void
emit_wrapped(struct emitter *e, int y, int x, const char *text)
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
			canvas_put(e->c, x, y, e->width - x, text, cut, ROLE_DEFAULT, 0);
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

static void
emit_action(struct emitter *e, const struct keymap *km, enum keymap_id map,
	enum action a, bool skip_unbound)
{
	int keys[16], y, x = KEYS_COL, room = NAME_COL - KEYS_COL - 1;
	size_t n = keymap_keys(km, map, a, keys, 16);
	char name[32];

	if (n == 0 && skip_unbound)
		return;
	y = row_of(e);
	if (y >= 0 && n == 0)
		canvas_put(e->c, x, y, room, "(unbound)", 9, ROLE_DEFAULT, ATTR_DIM);
	for (size_t i = 0; y >= 0 && i < n && i < 16; i++) {
		int kw;

		keys_name(keys[i], name, sizeof name);
		kw = canvas_text_width(name, strlen(name));
		if (x + kw > KEYS_COL + room) {
			canvas_put(e->c, x, y, 1, "\xe2\x80\xa6", 3, ROLE_HELP_KEY, 0);
			break;
		}
		x += canvas_put(e->c, x, y, kw, name, strlen(name), ROLE_HELP_KEY, 0) + 1;
	}
	if (y >= 0 && e->width > NAME_COL)
		canvas_put(e->c, NAME_COL, y, e->width - NAME_COL,
			action_name(a), strlen(action_name(a)), ROLE_DEFAULT, 0);
	if (e->width - DESC_COL >= DESC_MIN) {
		emit_wrapped(e, y, DESC_COL, action_help(a));
	} else {
		y = row_of(e);
		emit_wrapped(e, y, 6, action_help(a));
	}
}

static const char *const groups[][2] = {
	{ "move-", "Select" },
	{ "zoom-", "Zoom" },
	{ "scroll-", "Scroll" },
	{ "toggle-", "Change the picture" },
	{ "", "Views and the program" },
};

static int
group_of(enum action a)
{
	const char *name = action_name(a);
	int g = 0;

	while (strncmp(name, groups[g][0], strlen(groups[g][0])) != 0)
		g++;
	return g;
}

static long
emit_all(struct emitter *e, const struct view *v)
{
	const struct keymap *km = v->ui->km;
	enum keymap_id map = v->below ? v->below->ops->keymap : KEYMAP_GENERIC;
	char buf[600];

	snprintf(buf, sizeof buf, "Keys of the %s view (keymap %s, then generic), from %s",
		v->below ? v->below->ops->name : "current", keymap_name(map), km->sources);
	emit_text(e, buf, ROLE_HELP_HEADING, 0);
	for (int g = 0; g < (int)(sizeof groups / sizeof groups[0]); g++) {
		emit_text(e, "", ROLE_DEFAULT, 0);
		emit_text(e, groups[g][1], ROLE_HELP_HEADING, 0);
		for (int a = 1; a < ACTION_COUNT; a++)
			if (group_of((enum action)a) == g)
				emit_action(e, km, map, (enum action)a, false);
	}
	emit_text(e, "", ROLE_DEFAULT, 0);
	emit_text(e, "In this help screen (keymap help; move and scroll keys scroll it)",
		ROLE_HELP_HEADING, 0);
	for (int a = 1; a < ACTION_COUNT; a++) {
		bool own = false;

		for (size_t i = 0; i < km->n; i++)
			own |= km->b[i].map == KEYMAP_HELP && km->b[i].action == a;
		if (own)
			emit_action(e, km, KEYMAP_HELP, (enum action)a, true);
	}
	emit_text(e, "", ROLE_DEFAULT, 0);
	emit_text(e, "Colours", ROLE_HELP_HEADING, 0);
	emit_text(e, "  red to yellow: your code; tan: kernel; green: JIT; aqua: inlined;",
		ROLE_DEFAULT, 0);
	emit_text(e, "  grey \"+N\": N callees too narrow to draw (select them with the", ROLE_DEFAULT, 0);
	emit_text(e, "  sibling keys, or zoom in); pale grey: callers of the zoomed frame.",
		ROLE_DEFAULT, 0);
	emit_text(e, "", ROLE_DEFAULT, 0);
	emit_text(e, "Rebind keys in ~/.config/scorch/keys with lines such as", ROLE_DEFAULT, 0);
	emit_text(e, "  bind flame z zoom-in", ROLE_HELP_KEY, 0);
	emit_text(e, "(see scorch --keys for the whole active map).", ROLE_DEFAULT, 0);
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
	long h = v->ui->canvas.height, max_top, old = st->top;

	max_top = line_count(v) - h;
	if (max_top < 0)
		max_top = 0;
	switch (a) {
	case ACTION_MOVE_UP:
	case ACTION_SCROLL_LINE_UP:
		st->top--;
		break;
	case ACTION_MOVE_DOWN:
	case ACTION_SCROLL_LINE_DOWN:
		st->top++;
		break;
	case ACTION_SCROLL_PAGE_UP:
		st->top -= h > 1 ? h - 1 : 1;
		break;
	case ACTION_SCROLL_PAGE_DOWN:
		st->top += h > 1 ? h - 1 : 1;
		break;
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
	if (st->top > max_top)
		st->top = max_top;
	if (st->top < 0)
		st->top = 0;
	return st->top != old ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
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
