#include "config.h"

#include <string.h>

#include "breadcrumb.h"
#include "filter.h"
#include "palette.h"
#include "session.h"

#define SEP " \xe2\x80\xba "   /* " › " */
#define SEP_W 3
#define LABEL "Filters: "
#define LABEL_W 9
#define MORE "\xe2\x80\xa6"    /* "…" */

bool
breadcrumb_active(const struct session *s)
{
	return !filters_trivial(s->query.filters);
}

/* The word before an entry's text. */
static const char *
kind_word(const struct filter_entry *e)
{
	return filter_kind_name(e->kind);
}

/* Cells of an entry: "focus " + the text, "/re/" for a regex; the text
 * takes no more than cap cells. */
static int
entry_cells(const struct filter_entry *e, int cap)
{
	int tw = canvas_text_fits(e->text, strlen(e->text), cap)
		? canvas_text_width(e->text, strlen(e->text)) : cap;

	if (!e->exact && e->kind != FILTER_TAG)
		tw += 2;
	return (int)strlen(kind_word(e)) + 1 + tw;
}

static int
put_entry(struct canvas *c, int x, int y, int w, const struct filter_entry *e,
	int cap)
{
	const char *word = kind_word(e);
	unsigned role = e->matched ? ROLE_DEFAULT : ROLE_LABEL;
	bool slashes = !e->exact && e->kind != FILTER_TAG;
	int used = 0, tw;

	used += canvas_put(c, x, y, w, word, strlen(word), ROLE_LABEL, 0);
	used += canvas_put(c, x + used, y, w - used, " ", 1, ROLE_LABEL, 0);
	tw = cap - (slashes ? 2 : 0);
	if (tw > w - used - (slashes ? 2 : 0))
		tw = w - used - (slashes ? 2 : 0);
	if (tw <= 0)
		return used;
	if (slashes)
		used += canvas_put(c, x + used, y, 1, "/", 1, ROLE_LABEL, 0);
	used += canvas_put_elided(c, x + used, y, tw, e->text, strlen(e->text), role,
		ATTR_BOLD);
	if (slashes)
		used += canvas_put(c, x + used, y, 1, "/", 1, ROLE_LABEL, 0);
	return used;
}

int
breadcrumb_draw(struct canvas *c, int x, int y, int w, const struct session *s)
{
	const struct filters *f = s->query.filters;
	size_t n = filters_count(f), first;
	int cap = w / 3 > 12 ? w / 3 : 12, group_w = 0, total, x0 = x;
	bool label;

	if (!f || w <= 0)
		return 0;
	if (f->group_by)
		group_w = (n ? 3 : 0) + 9 + canvas_text_width(f->group_by, strlen(f->group_by));
	/* the newest entries that fit, with "… › " for the older ones */
	for (first = 0; first < n; first++) {
		total = group_w + (first > 0 ? 1 + SEP_W : 0);
		for (size_t i = first; i < n; i++)
			total += entry_cells(filters_entry(f, i), cap) + (i > first ? SEP_W : 0);
		if (total <= w)
			break;
	}
	if (first == n && n > 0)
		first = n - 1;   /* the last entry alone, cut to fit */
	total = group_w;
	for (size_t i = first; i < n; i++)
		total += entry_cells(filters_entry(f, i), cap) + (i > first ? SEP_W : 0);
	label = first == 0 && total + LABEL_W <= w;
	if (label)
		x += canvas_put(c, x, y, LABEL_W, LABEL, strlen(LABEL), ROLE_LABEL, 0);
	if (first > 0) {
		x += canvas_put(c, x, y, x0 + w - x, MORE, strlen(MORE), ROLE_LABEL, 0);
		x += canvas_put(c, x, y, x0 + w - x, SEP, strlen(SEP), ROLE_LABEL, 0);
	}
	for (size_t i = first; i < n && x < x0 + w; i++) {
		if (i > first)
			x += canvas_put(c, x, y, x0 + w - x, SEP, strlen(SEP), ROLE_LABEL, 0);
		x += put_entry(c, x, y, x0 + w - x - (group_w < x0 + w - x ? group_w : 0),
			filters_entry(f, i), cap);
	}
	if (f->group_by && x < x0 + w) {
		static const char by[] = "group by ";

		if (n > 0)
			x += canvas_put(c, x, y, x0 + w - x, " \xc2\xb7 ", 4, ROLE_LABEL, 0);
		x += canvas_put(c, x, y, x0 + w - x, by, strlen(by), ROLE_LABEL, 0);
		x += canvas_put_elided(c, x, y, x0 + w - x, f->group_by, strlen(f->group_by),
			ROLE_DEFAULT, ATTR_BOLD);
	}
	return x - x0;
}
