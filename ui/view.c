#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "help_view.h"
#include "info_view.h"
#include "keys.h"
#include "pair_ui.h"
#include "view.h"
#include "xmalloc.h"

void
ui_init(struct ui *ui, struct session *s, const struct keymap *km)
{
	memset(ui, 0, sizeof *ui);
	ui->s = s;
	ui->km = km;
	canvas_init(&ui->canvas);
}

void
ui_free(struct ui *ui)
{
	while (ui->n_views > 0)
		ui_pop(ui);
	canvas_free(&ui->canvas);
}

struct view *
ui_top(const struct ui *ui)
{
	return ui->n_views ? ui->views[ui->n_views - 1] : NULL;
}

int
ui_push(struct ui *ui, const struct view_ops *ops)
{
	struct view *v;

	if (ui->n_views == UI_MAX_VIEWS)
		return -1;
	v = xcalloc(1, sizeof *v);
	v->ops = ops;
	v->ui = ui;
	v->below = ui_top(ui);
	v->state = ops->state_size ? xcalloc(1, ops->state_size) : NULL;
	if (ops->open && ops->open(v, ui->s) < 0) {
		free(v->state);
		free(v);
		return -1;
	}
	ui->views[ui->n_views++] = v;
	return 0;
}

void
ui_pop(struct ui *ui)
{
	struct view *v;

	if (ui->n_views == 0)
		return;
	v = ui->views[--ui->n_views];
	if (v->ops->close)
		v->ops->close(v);
	free(v->state);
	free(v);
	if (ui->n_views == 0)
		ui->quit = true;
}

int
ui_pager_action(long *top, long n_lines, long height, enum action a)
{
	long old = *top, page = height > 1 ? height - 1 : 1, max_top = n_lines - height;

	switch (a) {
	case ACTION_MOVE_UP:
	case ACTION_SCROLL_LINE_UP:
		(*top)--;
		break;
	case ACTION_MOVE_DOWN:
	case ACTION_SCROLL_LINE_DOWN:
		(*top)++;
		break;
	case ACTION_SCROLL_PAGE_UP:
		*top -= page;
		break;
	case ACTION_SCROLL_PAGE_DOWN:
		*top += page;
		break;
	case ACTION_SCROLL_TOP:
	case ACTION_MOVE_ROOT:
		*top = 0;
		break;
	case ACTION_SCROLL_BOTTOM:
	case ACTION_MOVE_LEAF:
		*top = max_top;
		break;
	default:
		return -1;
	}
	if (*top > max_top)
		*top = max_top;
	if (*top < 0)
		*top = 0;
	return *top != old;
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
}

bool
ui_draw_message(const struct ui *ui, struct canvas *c, int x, int y)
{
	if (!ui->message[0])
		return false;
	canvas_put_untrusted(c, x, y, c->width - x, ui->message,
		strlen(ui->message), ROLE_MESSAGE, 0);
	return true;
}

/* What every view shares: quitting, help, info, closing, redrawing. */
static bool
generic_action(struct ui *ui, enum action a)
{
	switch (a) {
	case ACTION_QUIT:
		ui->quit = true;
		return false;
	case ACTION_VIEW_HELP:
		if (ui_top(ui)->ops != &help_view_ops)
			ui_push(ui, &help_view_ops);
		return true;
	case ACTION_VIEW_INFO:
		if (ui_top(ui)->ops != &info_view_ops)
			ui_push(ui, &info_view_ops);
		return true;
	case ACTION_VIEW_CLOSE:
		if (ui->n_views > 1)
			ui_pop(ui);
		return true;
	case ACTION_SCREEN_REDRAW:
		ui->full_redraw = true;
		return true;
	case ACTION_VIEW_DELTA:
	case ACTION_VIEW_CHANGES:
		/* from the top table and the like: over the view on top */
		return pair_ui_action(pair_ui_flame_below(ui_top(ui)), a) != VIEW_UNHANDLED;
	default:
		return false;
	}
}

bool
ui_action(struct ui *ui, enum action a)
{
	struct view *v = ui_top(ui);
	unsigned r;

	if (!v)
		return false;
	r = v->ops->action ? v->ops->action(v, a) : VIEW_UNHANDLED;
	if (r == VIEW_UNHANDLED)
		return generic_action(ui, a);
	return (r & VIEW_REDRAW) != 0;
}

static void
not_bound(struct ui *ui, const int *keys, size_t n)
{
	char name[80], help[32];

	keys_seq_name(keys, n, name, sizeof name);
	if (ui_action_key(ui, ACTION_VIEW_HELP, help, sizeof help))
		ui_message(ui, "%s is not bound to anything here; press %s for help",
			name, help);
	else
		ui_message(ui, "%s is not bound to anything here", name);
}

bool
ui_key(struct ui *ui, int key)
{
	struct view *v = ui_top(ui);
	struct keymap_match m;
	bool had_message = ui->message[0] != '\0', redraw = true;
	int before[KEYMAP_MAX_SEQ];
	size_t n;

	if (!v)
		return false;
	if (v->ops->key && ui->n_pending == 0) {
		unsigned r = v->ops->key(v, key);

		if (r != VIEW_UNHANDLED)
			return (r & VIEW_REDRAW) != 0;
	}
	ui->message[0] = '\0';
	if (ui->n_pending >= KEYMAP_MAX_SEQ)
		ui->n_pending = 0;
	ui->pending[ui->n_pending++] = key;
	n = ui->n_pending;
	keymap_match(ui->km, v->ops->keymap, ui->pending, n, &m);
	if (m.longer) {
		char name[80];

		ui_message(ui, "%s\xe2\x80\xa6", keys_seq_name(ui->pending, n, name, sizeof name));
		return true;
	}
	ui->n_pending = 0;
	if (m.exact && m.action != ACTION_NONE)
		return ui_action(ui, m.action) || had_message || ui->message[0];
	if (n == 1 || m.exact) {
		not_bound(ui, ui->pending, n);
		return true;
	}
	/* the key does not go on with the sequence: Esc drops it; otherwise
	 * the keys before it run what they are bound to on their own, and
	 * the key starts afresh */
	if (key == KEYC_ESC)
		return true;
	memcpy(before, ui->pending, (n - 1) * sizeof *before);
	keymap_match(ui->km, v->ops->keymap, before, n - 1, &m);
	if (m.exact && m.action != ACTION_NONE) {
		redraw = ui_action(ui, m.action) || ui->message[0];
		if (ui->quit || ui_top(ui) == NULL)
			return redraw;
	}
	return ui_key(ui, key) || redraw;
}

const char *
ui_action_key(const struct ui *ui, enum action a, char *buf, size_t size)
{
	struct view *v = ui_top(ui);
	const struct binding *b;

	buf[0] = '\0';
	if (!v || keymap_keys(ui->km, v->ops->keymap, a, &b, 1) == 0)
		return NULL;
	return keymap_binding_name(b, buf, size);
}

bool
ui_mouse(struct ui *ui, enum mouse_kind kind, int x, int y)
{
	struct view *v = ui_top(ui);

	if (!v || !v->ops->mouse)
		return false;
	ui->message[0] = '\0';
	ui->n_pending = 0;
	return (v->ops->mouse(v, kind, x, y) & VIEW_REDRAW) != 0;
}

void
ui_resize(struct ui *ui, int width, int height)
{
	canvas_resize(&ui->canvas, width, height);
	ui->full_redraw = true;
}

void
ui_draw(struct ui *ui)
{
	struct view *v = ui_top(ui);

	canvas_clear(&ui->canvas);
	if (v && ui->canvas.width > 0 && ui->canvas.height > 0)
		v->ops->draw(v, &ui->canvas);
}
