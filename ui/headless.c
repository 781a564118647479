#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "flame_view.h"
#include "headless.h"
#include "keys.h"
#include "session.h"
#include "view.h"
#include "xmalloc.h"

#define MAX_SIDE 10000

static int
parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a, b;

	a = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (end == s || *end || a < 0 || b < 0 || a > MAX_SIDE || b > MAX_SIDE)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

static int
parse_point(const char *s, int *x, int *y)
{
	char *end;
	long a, b;

	a = strtol(s, &end, 10);
	if (end == s || *end != ',')
		return -1;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (end == s || *end != '>' || end[1] || a < 0 || b < 0 || a > MAX_SIDE || b > MAX_SIDE)
		return -1;
	*x = (int)a;
	*y = (int)b;
	return 0;
}

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		buf = xgrow(buf, &cap, n + 4096 + 1, 1);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The clipboard of a headless run: the bytes a terminal would get go to
 * the file named by SCORCH_TEST_CLIPBOARD, appended; without it, nowhere. */
static int
clipboard_write(void *ctx, const char *bytes, size_t len)
{
	const char *path = ctx;
	FILE *f;
	int rc = 0;

	if (!path || !path[0])
		return 0;
	if (!(f = fopen(path, "ab")))
		return -1;
	if (fwrite(bytes, 1, len, f) != len)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

static void
snapshot(struct ui *ui, FILE *out, bool roles)
{
	ui_draw(ui);
	canvas_dump(&ui->canvas, out, roles);
}

/* One script word; 1 = go on, 0 = the program quit, -1 = bad word. */
static int
run_word(struct ui *ui, const char *w, size_t len, FILE *out, bool roles)
{
	char word[64];
	int keys[16], n, a, b;

	if (len >= sizeof word)
		return -1;
	memcpy(word, w, len);
	word[len] = '\0';
	if (strcmp(word, "<Snapshot>") == 0) {
		snapshot(ui, out, roles);
		fputs("=====\n", out);
		return 1;
	}
	if (strncmp(word, "<Resize:", 8) == 0) {
		if (word[len - 1] != '>')
			return -1;
		word[len - 1] = '\0';
		if (parse_size(word + 8, &a, &b) < 0)
			return -1;
		ui_resize(ui, a, b);
		ui_draw(ui);
		return 1;
	}
	if (strncmp(word, "<Click:", 7) == 0 || strncmp(word, "<DoubleClick:", 13) == 0) {
		bool dbl = word[1] == 'D';

		if (parse_point(word + (dbl ? 13 : 7), &a, &b) < 0)
			return -1;
		ui_mouse(ui, dbl ? MOUSE_DOUBLE_CLICK : MOUSE_CLICK, a, b);
		ui_draw(ui);
		return 1;
	}
	/* a key, or keys typed in turn ("gg") */
	n = keys_parse_seq(word, len, keys, sizeof keys / sizeof keys[0]);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		ui_key(ui, keys[i]);
		if (ui->quit)
			return 0;
		ui_draw(ui);
	}
	return 1;
}

int
headless_run(struct session *s, const struct keymap *km, const char *script_path,
	const char *size, const char *screen_path, bool roles)
{
	struct ui ui;
	char *script;
	size_t len;
	int w = 80, h = 24, rc = 0;
	long line = 1;
	FILE *out = stdout;

	if (size && size[0] && parse_size(size, &w, &h) < 0) {
		fprintf(stderr, "scorch: SCORCH_TEST_SIZE: expected COLSxROWS, got '%s'\n", size);
		return 2;
	}
	script = read_all(script_path, &len);
	if (!script) {
		fprintf(stderr, "scorch: %s: %s\n", script_path, strerror(errno));
		return 2;
	}
	if (screen_path && screen_path[0] && !(out = fopen(screen_path, "w"))) {
		fprintf(stderr, "scorch: %s: %s\n", screen_path, strerror(errno));
		free(script);
		return 2;
	}
	ui_init(&ui, s, km);
	ui.raw_write = clipboard_write;
	ui.raw_ctx = getenv("SCORCH_TEST_CLIPBOARD");
	/* no colour as the terminal would decide it: --color=never, NO_COLOR */
	ui.mono = (s->opts && s->opts->color == COLOR_NEVER) ||
		((!s->opts || s->opts->color == COLOR_AUTO) && getenv("NO_COLOR") &&
		getenv("NO_COLOR")[0]);
	ui_resize(&ui, w, h);
	if (ui_push(&ui, &flame_view_ops) < 0) {
		fprintf(stderr, "scorch: nothing to show\n");
		rc = 1;
		goto out;
	}
	ui_draw(&ui);
	for (size_t i = 0; i < len && !ui.quit;) {
		size_t start;
		int r;

		if (script[i] == '\n')
			line++;
		if (script[i] == ' ' || script[i] == '\t' || script[i] == '\n' || script[i] == '\r') {
			i++;
			continue;
		}
		if (script[i] == '#') {   /* a comment to the end of the line */
			while (i < len && script[i] != '\n')
				i++;
			continue;
		}
		start = i;
		while (i < len && script[i] != ' ' && script[i] != '\t' &&
		       script[i] != '\n' && script[i] != '\r')
			i++;
		r = run_word(&ui, script + start, i - start, out, roles);
		if (r < 0) {
			char q[128];

			escape_text(script + start, i - start < 40 ? i - start : 40, q, sizeof q);
			fprintf(stderr, "scorch: %s:%ld: unknown key or command '%s'\n",
				script_path, line, q);
			rc = 2;
			goto out;
		}
		if (r == 0)
			break;
	}
	snapshot(&ui, out, roles);
out:
	ui_free(&ui);
	if (out != stdout) {
		if (fclose(out) != 0 && rc == 0)
			rc = 1;
	} else {
		fflush(out);
	}
	free(script);
	return rc;
}
