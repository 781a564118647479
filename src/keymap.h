/* Key bindings: keys files in tig syntax ("bind <keymap> <key> <action>",
 * "none" unbinds, '#' starts a comment), loaded in layers. A key may be a
 * short sequence typed one key after the other ("gg"). Lookup tries the
 * view's keymap, then "generic". */
#ifndef SCORCH_SRC_KEYMAP_H
#define SCORCH_SRC_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "action.h"
#include "error.h"

#define KEYMAPS(X) \
	X(GENERIC, "generic") \
	X(FLAME,   "flame") \
	X(HELP,    "help") \
	X(INFO,    "info") \
	X(TOP,     "top") \
	X(SANDWICH, "sandwich") \
	X(LABELS,  "labels") \
	X(PROMPT,  "prompt") \
	X(DIFF,    "diff")

enum keymap_id {
#define KEYMAP_ENUM(id, name) KEYMAP_##id,
	KEYMAPS(KEYMAP_ENUM)
#undef KEYMAP_ENUM
	KEYMAP_COUNT
};

/* Longest key sequence a binding may have. */
#define KEYMAP_MAX_SEQ 4

struct binding {
	int keys[KEYMAP_MAX_SEQ];  /* keys.h codes, in the order typed */
	unsigned char n_keys;      /* 1..KEYMAP_MAX_SEQ */
	unsigned char map;         /* enum keymap_id */
	unsigned char action;      /* enum action; ACTION_NONE = unbound here */
};

struct keymap {
	struct binding *b;       /* owned; later binds replace earlier ones */
	size_t n, cap;
	char sources[512];       /* what was loaded, for --keys and help */
};

/* A keys file compiled into the program (keymaps/embed.sh). */
struct keymap_builtin {
	const char *name;        /* "default", "emacs" */
	const char *text;
};
extern const struct keymap_builtin keymap_builtins[];
extern const size_t keymap_builtin_count;

void keymap_init(struct keymap *km);
void keymap_free(struct keymap *km);

const char *keymap_name(enum keymap_id map);
/* The keymap named name, or -1. */
int keymap_lookup_name(const char *name, size_t len);

/* Adds the bindings in text[0..len); errors name "source:LINE". Returns 0
 * or -1 with err filled in (bindings before the bad line are kept). */
int keymap_load_text(struct keymap *km, const char *text, size_t len,
	const char *source, struct error *err);
int keymap_load_file(struct keymap *km, const char *path, struct error *err);
/* The built-in text named name, or NULL. Static. */
const char *keymap_builtin(const char *name);

/* The active bindings: the built-in default, then either the user's file
 * ($XDG_CONFIG_HOME/scorch/keys, else ~/.config/scorch/keys, when it
 * exists) or, when option is given, the keymap it names: "default" (the
 * built-in map alone), an installed or built-in NAME, or a FILE. */
int keymap_load_active(struct keymap *km, const char *option, struct error *err);

/* What the keys typed so far mean in a view. The view's keymap decides
 * when it binds them or a longer sequence starting with them; only
 * otherwise does "generic". */
struct keymap_match {
	bool exact;              /* keys[0..n) are bound, to action (maybe none) */
	bool longer;             /* and/or they begin a longer binding: wait */
	enum action action;
};
void keymap_match(const struct keymap *km, enum keymap_id view,
	const int *keys, size_t n, struct keymap_match *m);
/* The action one key triggers in view on its own (ACTION_NONE when it
 * is unbound or only begins sequences). */
enum action keymap_lookup(const struct keymap *km, enum keymap_id view, int key);
/* Bindings that trigger a in view (reachable, not shadowed), in binding
 * order; returns how many (up to max are stored). Borrowed until the
 * keymap changes. */
size_t keymap_keys(const struct keymap *km, enum keymap_id view, enum action a,
	const struct binding **out, size_t max);
/* "gg", "<Enter>": the keys of b as written in keys files; returns buf. */
const char *keymap_binding_name(const struct binding *b, char *buf, size_t size);

/* --keys: prints the active bindings as a keys file. Returns the exit
 * status: 0, or 2 after printing "scorch: FILE:LINE: ..." on stderr. */
int keymap_print_active(FILE *out, const char *keymap_option);

#endif
