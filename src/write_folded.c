#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "profile.h"
#include "query.h"
#include "units.h"
#include "textbuf.h"
#include "write_folded.h"
#include "xmalloc.h"

struct line {
	const char *s;      /* stack text, set once the buffer stops moving */
	size_t off, len;    /* stack text in the buffer */
	double v[2];
};

static const char *const kind_suffix[FRAME_KIND_COUNT] = {
	[FRAME_KERNEL] = "_[k]", [FRAME_JIT] = "_[j]",
	[FRAME_INLINED] = "_[i]", [FRAME_WAKER] = "_[w]",
};

/* A frame name made safe for a folded line: no ';' (it separates frames)
 * and no control bytes. */
static void
put_frame(struct textbuf *t, const struct frame *f, bool annotate)
{
	const char *s = f->name;
	size_t n = f->name_len, start = t->len;

	if (escape_is_clean(s, n))
		textbuf_put(t, s, n);
	else
		textbuf_put_escaped(t, s, n);
	for (size_t i = start; i < t->len; i++) {
		if (t->s[i] == ';')
			t->s[i] = ':';
	}
	if (n == 0)
		textbuf_put(t, "[empty]", 7);
	if (annotate && kind_suffix[f->kind])
		textbuf_put(t, kind_suffix[f->kind], 4);
}

/* Each frame's folded form is made once and copied into every line that
 * holds it: escaping and checks run per frame, not per occurrence. */
struct name_cache {
	struct textbuf text;
	uint64_t *spans;     /* per frame id: offset << 24 | length + 1; 0 = not yet */
};

static void
put_cached(struct textbuf *t, struct name_cache *c, const struct profile *p,
	uint32_t id, bool annotate)
{
	uint64_t sp = c->spans[id];

	if (!sp) {
		size_t off = c->text.len;

		put_frame(&c->text, profile_frame(p, id), annotate);
		sp = ((uint64_t)off << 24) | (uint64_t)(c->text.len - off + 1);
		if (c->text.len - off + 1 >= (1u << 24)) {
			/* a name too long for the cache: write it directly */
			put_frame(t, profile_frame(p, id), annotate);
			return;
		}
		c->spans[id] = sp;
	}
	textbuf_put(t, c->text.s + (sp >> 24), (size_t)(sp & 0xffffff) - 1);
}

static int
line_cmp(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);

	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

int
write_folded(FILE *out, const struct profile *p, const struct query *q,
	const struct folded_options *opts)
{
	struct textbuf t = { 0 };
	struct line *lines = xcalloc(p->n_stacks ? p->n_stacks : 1, sizeof *lines);
	size_t n = 0, nt = p->n_types;
	bool two = q->type_b >= 0;
	char num[64];
	int rc = 0;

	struct name_cache cache = { { 0 }, NULL };

	cache.spans = xcalloc(p->frames.n ? p->frames.n : 1, sizeof *cache.spans);
	textbuf_put(&t, "", 0); /* the buffer exists even for empty stacks */
	for (size_t s = 0; s < p->n_stacks; s++) {
		const double *row = p->stack_values + s * nt;
		const uint32_t *ids = profile_stack_frames(p, (uint32_t)s);
		struct line *l = &lines[n];

		l->v[0] = two ? row[q->type_b] : row[q->type_a];
		l->v[1] = two ? row[q->type_a] : 0;
		if (l->v[0] == 0 && l->v[1] == 0)
			continue;
		l->off = t.len;
		/* a sample with no frames at all still needs a frame to be
		 * a folded line that reads back */
		if (p->stacks[s].depth == 0)
			textbuf_put(&t, "[no frames]", 11);
		for (uint32_t i = 0; i < p->stacks[s].depth; i++) {
			if (i > 0)
				textbuf_put(&t, ";", 1);
			put_cached(&t, &cache, p, ids[i], opts && opts->annotate);
		}
		l->len = t.len - l->off;
		n++;
	}
	for (size_t i = 0; i < n; i++)
		lines[i].s = t.s + lines[i].off;
	qsort(lines, n, sizeof *lines, line_cmp);
	for (size_t i = 0; i < n;) {
		struct line sum = lines[i];
		size_t j = i + 1;

		/* stacks that print alike (kinds not annotated) merge */
		while (j < n && line_cmp(&lines[j], &sum) == 0) {
			sum.v[0] += lines[j].v[0];
			sum.v[1] += lines[j].v[1];
			j++;
		}
		fwrite(sum.s, 1, sum.len, out);
		fputc(' ', out);
		fputs(units_format_exact(sum.v[0], num, sizeof num), out);
		if (two) {
			fputc(' ', out);
			fputs(units_format_exact(sum.v[1], num, sizeof num), out);
		}
		if (fputc('\n', out) == EOF) {
			rc = -1;
			break;
		}
		i = j;
	}
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	free(t.s);
	free(cache.text.s);
	free(cache.spans);
	free(lines);
	return rc;
}
