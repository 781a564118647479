#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "keymap.h"
#include "keys.h"
#include "xmalloc.h"

#ifndef SCORCH_KEYMAPDIR
#define SCORCH_KEYMAPDIR "/usr/local/share/scorch/keymaps"
#endif

/* A keys file is small; a bigger one is a mistake (or /dev/zero). */
#define KEYMAP_MAX_FILE (1024 * 1024)

static const char *const keymap_names[KEYMAP_COUNT] = {
#define KEYMAP_NAME(id, name) [KEYMAP_##id] = name,
	KEYMAPS(KEYMAP_NAME)
#undef KEYMAP_NAME
};

void
keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof *km);
}

void
keymap_free(struct keymap *km)
{
	free(km->b);
	memset(km, 0, sizeof *km);
}

const char *
keymap_name(enum keymap_id map)
{
	return (unsigned)map < KEYMAP_COUNT ? keymap_names[map] : "?";
}

int
keymap_lookup_name(const char *name, size_t len)
{
	for (int m = 0; m < KEYMAP_COUNT; m++)
		if (strlen(keymap_names[m]) == len && memcmp(keymap_names[m], name, len) == 0)
			return m;
	return -1;
}

const char *
keymap_builtin(const char *name)
{
	for (size_t i = 0; i < keymap_builtin_count; i++)
		if (strcmp(keymap_builtins[i].name, name) == 0)
			return keymap_builtins[i].text;
	return NULL;
}

static void
add_source(struct keymap *km, const char *source)
{
	size_t len = strlen(km->sources);

	snprintf(km->sources + len, sizeof km->sources - len, "%s%s",
		len ? ", " : "", source);
}

static bool
same_keys(const struct binding *b, const int *keys, size_t n)
{
	return b->n_keys == n && memcmp(b->keys, keys, n * sizeof *keys) == 0;
}

static void
add_binding(struct keymap *km, enum keymap_id map, const int *keys, size_t n,
	enum action a)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].map == map && same_keys(&km->b[i], keys, n)) {
			/* rebinding moves the key to the end: binding order is
			 * the order of the last bind */
			memmove(&km->b[i], &km->b[i + 1], (km->n - i - 1) * sizeof *km->b);
			km->n--;
			break;
		}
	km->b = xgrow(km->b, &km->cap, km->n + 1, sizeof *km->b);
	memset(&km->b[km->n], 0, sizeof km->b[km->n]);
	memcpy(km->b[km->n].keys, keys, n * sizeof *keys);
	km->b[km->n].n_keys = (unsigned char)n;
	km->b[km->n].map = (unsigned char)map;
	km->b[km->n].action = (unsigned char)a;
	km->n++;
}

/* Quotes a word from the file for an error message, escaped. */
static const char *
quote(const char *s, size_t len, char *buf, size_t size)
{
	if (len > 64)
		len = 64;
	escape_text(s, len, buf, size);
	return buf;
}

#define MAX_WORDS 5

/* Splits a line into words at blanks; '#' at the start of a word begins a
 * comment. Returns the number of words (at most MAX_WORDS are stored). */
static int
split_words(const char *p, const char *end, const char **w, size_t *wl,
	bool *comment)
{
	int n = 0;

	*comment = false;
	while (p < end) {
		const char *start;

		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v'))
			p++;
		if (p < end && *p == '#')
			*comment = true;
		if (p == end || *p == '#')
			break;
		start = p;
		while (p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\f' && *p != '\v')
			p++;
		if (n < MAX_WORDS) {
			w[n] = start;
			wl[n] = (size_t)(p - start);
		}
		n++;
	}
	return n;
}

static int
parse_line(struct keymap *km, const char *p, const char *end, long line,
	struct error *err)
{
	const char *w[MAX_WORDS];
	size_t wl[MAX_WORDS];
	char q[80];
	bool comment;
	int n = split_words(p, end, w, wl, &comment), map, n_keys, action;
	int keys[KEYMAP_MAX_SEQ];

	if (n == 0)
		return 0;
	if (wl[0] != 4 || memcmp(w[0], "bind", 4) != 0)
		return error_set(err, line, 0, "unknown command '%s' (expected bind)",
			quote(w[0], wl[0], q, sizeof q));
	if (n != 4)
		return error_set(err, line, 0, "expected: bind <keymap> <key> <action>%s",
			n > 4 ? " (too many words)" : comment ?
			" (# starts a comment: write the key # as <Hash>)" : "");
	map = keymap_lookup_name(w[1], wl[1]);
	if (map < 0) {
		char have[128] = "";

		for (int m = 0; m < KEYMAP_COUNT; m++)
			snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s",
				m ? ", " : "", keymap_names[m]);
		return error_set(err, line, 0, "unknown keymap '%s' (have %s)",
			quote(w[1], wl[1], q, sizeof q), have);
	}
	n_keys = keys_parse_seq(w[2], wl[2], keys, KEYMAP_MAX_SEQ);
	if (n_keys < 0) {
		int more[KEYMAP_MAX_SEQ + 1];

		if (keys_parse_seq(w[2], wl[2], more, KEYMAP_MAX_SEQ + 1) < 0)
			return error_set(err, line, 0, "unknown key '%s'",
				quote(w[2], wl[2], q, sizeof q));
		return error_set(err, line, 0, "key sequence '%s' is longer than %d keys",
			quote(w[2], wl[2], q, sizeof q), KEYMAP_MAX_SEQ);
	}
	action = action_lookup(w[3], wl[3]);
	if (action < 0)
		return error_set(err, line, 0, "unknown action '%s'",
			quote(w[3], wl[3], q, sizeof q));
	add_binding(km, (enum keymap_id)map, keys, (size_t)n_keys, (enum action)action);
	return 0;
}

int
keymap_load_text(struct keymap *km, const char *text, size_t len,
	const char *source, struct error *err)
{
	const char *p = text, *end = text + len;
	long line = 0;

	error_set_file(err, source);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		line++;
		if (memchr(p, '\0', (size_t)(eol - p)))
			return error_set(err, line, 0, "NUL byte in a keys file");
		if (parse_line(km, p, eol, line, err) < 0)
			return -1;
		p = nl ? nl + 1 : end;
	}
	add_source(km, source);
	return 0;
}

int
keymap_load_file(struct keymap *km, const char *path, struct error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = -1;

	error_set_file(err, path);
	if (!f)
		return error_set(err, 0, 0, "%s", strerror(errno));
	for (;;) {
		size_t got;

		buf = xgrow(buf, &cap, len + 4096, 1);
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (len > KEYMAP_MAX_FILE) {
			error_set(err, 0, 0, "keys file larger than %d bytes", KEYMAP_MAX_FILE);
			goto out;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		error_set(err, 0, 0, "%s", strerror(errno));
		goto out;
	}
	rc = keymap_load_text(km, buf, len, path, err);
out:
	free(buf);
	fclose(f);
	return rc;
}

/* The user's keys file, or "" when neither variable gives a place. */
static void
user_keys_path(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	buf[0] = '\0';
	if (xdg && xdg[0] == '/')
		snprintf(buf, size, "%s/scorch/keys", xdg);
	else if (home && home[0])
		snprintf(buf, size, "%s/.config/scorch/keys", home);
}

static int
load_named(struct keymap *km, const char *option, struct error *err)
{
	const char *text;
	char path[4096];
	FILE *f;

	if (strcmp(option, "default") == 0)
		return 0;
	if (!strchr(option, '/') && option[0] != '.') {
		snprintf(path, sizeof path, "%s/%s.keys", SCORCH_KEYMAPDIR, option);
		if ((f = fopen(path, "rb"))) {
			fclose(f);
			return keymap_load_file(km, path, err);
		}
		if ((text = keymap_builtin(option))) {
			snprintf(path, sizeof path, "%s.keys", option);
			return keymap_load_text(km, text, strlen(text), path, err);
		}
		if (!(f = fopen(option, "rb"))) {
			error_set_file(err, NULL);
			return error_set(err, 0, 0, "--keymap: no keymap named '%s' and no such file",
				option);
		}
		fclose(f);
	}
	return keymap_load_file(km, option, err);
}

int
keymap_load_active(struct keymap *km, const char *option, struct error *err)
{
	const char *text = keymap_builtin("default");
	char path[4096];

	if (text && keymap_load_text(km, text, strlen(text), "default.keys", err) < 0)
		return -1;
	if (option)
		return load_named(km, option, err);
	user_keys_path(path, sizeof path);
	if (path[0]) {
		FILE *f = fopen(path, "rb");

		if (!f) {
			if (errno == ENOENT || errno == ENOTDIR)
				return 0;
			error_set_file(err, path);
			return error_set(err, 0, 0, "%s", strerror(errno));
		}
		fclose(f);
		return keymap_load_file(km, path, err);
	}
	return 0;
}

/* keys[0..n) in one map: bound exactly, and/or the start of a longer
 * binding ("none" bindings do not make a prefix wait). */
static void
match_in(const struct keymap *km, enum keymap_id map, const int *keys, size_t n,
	struct keymap_match *m)
{
	for (size_t i = 0; i < km->n; i++) {
		const struct binding *b = &km->b[i];

		if (b->map != map || b->n_keys < n ||
		    memcmp(b->keys, keys, n * sizeof *keys) != 0)
			continue;
		if (b->n_keys == n) {
			m->exact = true;
			m->action = (enum action)b->action;
		} else if (b->action != ACTION_NONE) {
			m->longer = true;
		}
	}
}

void
keymap_match(const struct keymap *km, enum keymap_id view, const int *keys,
	size_t n, struct keymap_match *m)
{
	m->exact = m->longer = false;
	m->action = ACTION_NONE;
	if (n == 0)
		return;
	match_in(km, view, keys, n, m);
	if (!m->exact && !m->longer && view != KEYMAP_GENERIC)
		match_in(km, KEYMAP_GENERIC, keys, n, m);
}

enum action
keymap_lookup(const struct keymap *km, enum keymap_id view, int key)
{
	struct keymap_match m;

	keymap_match(km, view, &key, 1, &m);
	return m.exact ? m.action : ACTION_NONE;
}

/* True when typing b's keys in view runs b's action: every shorter part
 * waits for more, and the whole resolves to it. */
static bool
reachable(const struct keymap *km, enum keymap_id view, const struct binding *b)
{
	struct keymap_match m;

	for (size_t i = 1; i < b->n_keys; i++) {
		keymap_match(km, view, b->keys, i, &m);
		if (!m.longer)
			return false;
	}
	keymap_match(km, view, b->keys, b->n_keys, &m);
	return m.exact && m.action == b->action;
}

size_t
keymap_keys(const struct keymap *km, enum keymap_id view, enum action a,
	const struct binding **out, size_t max)
{
	size_t n = 0;

	if (a == ACTION_NONE)
		return 0;
	/* the view's own bindings first, then generic ones it does not shadow */
	for (int pass = 0; pass < 2; pass++) {
		enum keymap_id map = pass == 0 ? view : KEYMAP_GENERIC;

		if (pass == 1 && view == KEYMAP_GENERIC)
			break;
		for (size_t i = 0; i < km->n; i++) {
			const struct binding *b = &km->b[i];

			if (b->map != map || b->action != a || !reachable(km, view, b))
				continue;
			if (n < max)
				out[n] = b;
			n++;
		}
	}
	return n;
}

const char *
keymap_binding_name(const struct binding *b, char *buf, size_t size)
{
	return keys_seq_name(b->keys, b->n_keys, buf, size);
}

int
keymap_print_active(FILE *out, const char *keymap_option)
{
	struct keymap km;
	struct error err;
	char msg[1024], name[64];

	keymap_init(&km);
	error_clear(&err);
	if (keymap_load_active(&km, keymap_option, &err) < 0) {
		fprintf(stderr, "scorch: %s\n", error_format(&err, msg, sizeof msg));
		keymap_free(&km);
		return 2;
	}
	fprintf(out, "# scorch key bindings, from: %s\n", km.sources);
	for (int m = 0; m < KEYMAP_COUNT; m++) {
		fprintf(out, "\n# %s\n", keymap_names[m]);
		for (int a = 1; a < ACTION_COUNT; a++)
			for (size_t i = 0; i < km.n; i++)
				if (km.b[i].map == m && km.b[i].action == a)
					fprintf(out, "bind %-8s %-12s %s\n", keymap_names[m],
						keymap_binding_name(&km.b[i], name, sizeof name),
						action_name((enum action)a));
		for (size_t i = 0; i < km.n; i++)
			if (km.b[i].map == m && km.b[i].action == ACTION_NONE)
				fprintf(out, "bind %-8s %-12s none\n", keymap_names[m],
					keymap_binding_name(&km.b[i], name, sizeof name));
	}
	for (int a = 1, first = 1; a < ACTION_COUNT; a++) {
		bool bound = false;

		for (size_t i = 0; i < km.n; i++)
			if (km.b[i].action == a)
				bound = true;
		if (bound)
			continue;
		if (first)
			fputs("\n# not bound to any key:\n", out);
		first = 0;
		fprintf(out, "#   %-18s %s\n", action_name((enum action)a),
			action_help((enum action)a));
	}
	keymap_free(&km);
	if (fflush(out) != 0 || ferror(out))
		return 1;
	return 0;
}
