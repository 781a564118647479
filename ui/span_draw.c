#include "config.h"

#include <stdio.h>
#include <string.h>

#include "calltree.h"
#include "palette.h"
#include "profile.h"
#include "span_draw.h"

#define ELLIPSIS "\xe2\x80\xa6"

unsigned
span_role(const struct calltree *t, const struct span *sp)
{
	uint32_t f;
	enum frame_kind kind;

	if (sp->kind == SPAN_ANCESTOR)
		return ROLE_ANCESTOR;
	if (sp->kind == SPAN_AGGREGATE)
		return ROLE_AGGREGATE;
	f = calltree_node(t, sp->node)->frame;
	kind = f == FRAME_NONE ? FRAME_USER : (enum frame_kind)profile_frame(t->prof, f)->kind;
	return palette_frame_role(calltree_name(t, sp->node),
		calltree_name_len(t, sp->node), kind);
}

void
span_draw(struct canvas *c, const struct calltree *t, const struct span *sp,
	int y, unsigned role)
{
	/* a cell of padding on the right once there are three */
	int avail = sp->w >= 3 ? sp->w - 1 : sp->w == 2 ? 1 : 0;
	const char *name;
	size_t len;

	if (role == 0)
		role = span_role(t, sp);
	canvas_fill(c, sp->x, y, sp->w, role, 0);
	if (avail <= 0)
		return;
	if (sp->kind == SPAN_AGGREGATE) {
		char buf[24];
		int n = snprintf(buf, sizeof buf, "+%u", sp->agg_count);

		canvas_put(c, sp->x, y, avail, buf, n <= avail ? (size_t)n : 1, role, 0);
		return;
	}
	name = calltree_name(t, sp->node);
	len = calltree_name_len(t, sp->node);
	if (avail == 1 || canvas_text_fits(name, len, avail)) {
		canvas_put_untrusted(c, sp->x, y, avail, name, len, role, 0);
	} else {
		int used = canvas_put_untrusted(c, sp->x, y, avail - 1, name, len, role, 0);

		canvas_put(c, sp->x + used, y, 1, ELLIPSIS, strlen(ELLIPSIS), role, 0);
	}
}
