#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "help_view.h"
#include "keys.h"
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

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
}

/* What every view shares: quitting, help, closing, redrawing. */
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
	case ACTION_VIEW_CLOSE:
		if (ui->n_views > 1)
			ui_pop(ui);
		return true;
	case ACTION_SCREEN_REDRAW:
		ui->full_redraw = true;
		return true;
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

bool
ui_key(struct ui *ui, int key)
{
	struct view *v = ui_top(ui);
	enum action a;
	bool had_message = ui->message[0] != '\0';
	char name[32];

	if (!v)
		return false;
	ui->message[0] = '\0';
	a = keymap_lookup(ui->km, v->ops->keymap, key);
	if (a == ACTION_NONE) {
		char help[32];

		if (ui_help_key(ui, help, sizeof help))
			ui_message(ui, "%s is not bound to anything here; press %s for help",
				keys_name(key, name, sizeof name), help);
		else
			ui_message(ui, "%s is not bound to anything here",
				keys_name(key, name, sizeof name));
		return true;
	}
	return ui_action(ui, a) || had_message || ui->message[0];
}

const char *
ui_help_key(const struct ui *ui, char *buf, size_t size)
{
	struct view *v = ui_top(ui);
	int key;

	if (!v || keymap_keys(ui->km, v->ops->keymap, ACTION_VIEW_HELP, &key, 1) == 0)
		return NULL;
	return keys_name(key, buf, size);
}

bool
ui_mouse(struct ui *ui, enum mouse_kind kind, int x, int y)
{
	struct view *v = ui_top(ui);

	if (!v || !v->ops->mouse)
		return false;
	ui->message[0] = '\0';
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
