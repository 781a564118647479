/* Key names, actions and keys files: parsing, layering, lookup order and
 * error positions. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "action.h"
#include "keymap.h"
#include "keys.h"

static void
key_names_round_trip(void **state)
{
	static const char *const names[] = {
		"q", "?", "+", "0", "<Up>", "<Down>", "<Left>", "<Right>", "<Enter>",
		"<Backspace>", "<Esc>", "<Tab>", "<BackTab>", "<Home>", "<End>",
		"<PageUp>", "<PageDown>", "<Insert>", "<Delete>", "<WheelUp>",
		"<WheelDown>", "<F1>", "<F12>", "<Space>", "<Hash>", "<LessThan>",
		"<Ctrl-L>", "<Ctrl-A>", "\xc3\xa9", "\xe6\xbc\xa2",
	};
	char buf[32];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int k = keys_parse(names[i], strlen(names[i]));

		assert_true(k >= 0);
		assert_string_equal(keys_name(k, buf, sizeof buf), names[i]);
	}
}

static void
key_name_spellings(void **state)
{
	assert_int_equal(keys_parse("<enter>", 7), KEYC_ENTER);
	assert_int_equal(keys_parse("<Return>", 8), KEYC_ENTER);
	assert_int_equal(keys_parse("<PgDn>", 6), KEYC_PAGE_DOWN);
	assert_int_equal(keys_parse("^L", 2), KEY_CTRL('L'));
	assert_int_equal(keys_parse("<C-l>", 5), KEY_CTRL('L'));
	assert_int_equal(keys_parse("<Ctrl-l>", 8), KEY_CTRL('L'));
	/* Ctrl keys that terminals send as named keys */
	assert_int_equal(keys_parse("<Ctrl-M>", 8), KEYC_ENTER);
	assert_int_equal(keys_parse("<Ctrl-I>", 8), KEYC_TAB);
	assert_int_equal(keys_parse("<Ctrl-H>", 8), KEYC_BACKSPACE);
	assert_int_equal(keys_normalise('\r'), KEYC_ENTER);
	assert_int_equal(keys_normalise('\n'), KEYC_ENTER);
	assert_int_equal(keys_normalise(0x7f), KEYC_BACKSPACE);
	assert_int_equal(keys_normalise(27), KEYC_ESC);
	assert_int_equal(keys_normalise('q'), 'q');
}

static void
bad_key_names(void **state)
{
	static const char *const bad[] = {
		"", "qq", "<Nope>", "<F13>", "<F0>", "<Ctrl-1>", "<>", "^^x", "\x1b",
		"\x7f", "\xff", "\xc3", "<Ctrl->",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(keys_parse(bad[i], strlen(bad[i])), -1);
}

static void
actions_named_once(void **state)
{
	for (int a = 1; a < ACTION_COUNT; a++) {
		const char *name = action_name((enum action)a);

		assert_int_equal(action_lookup(name, strlen(name)), a);
		assert_true(strlen(action_help((enum action)a)) > 10);
		for (int b = a + 1; b < ACTION_COUNT; b++)
			assert_string_not_equal(name, action_name((enum action)b));
	}
	assert_int_equal(action_lookup("none", 4), ACTION_NONE);
	assert_int_equal(action_lookup("zoom", 4), -1);
}

static void
load(struct keymap *km, const char *text)
{
	struct error err;

	error_clear(&err);
	assert_int_equal(keymap_load_text(km, text, strlen(text), "test.keys", &err), 0);
}

static void
default_map_lookups(void **state)
{
	struct keymap km;
	struct error err;
	const char *text = keymap_builtin("default");

	assert_non_null(text);
	keymap_init(&km);
	error_clear(&err);
	assert_int_equal(keymap_load_text(&km, text, strlen(text), "default.keys", &err), 0);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, KEYC_ENTER), ACTION_ZOOM_IN);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, KEYC_BACKSPACE), ACTION_ZOOM_OUT);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, 'q'), ACTION_QUIT);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, 'j'), ACTION_MOVE_DOWN);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, KEYC_LEFT), ACTION_MOVE_LEFT);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, '?'), ACTION_VIEW_HELP);
	/* the help view's own map comes first */
	assert_int_equal(keymap_lookup(&km, KEYMAP_HELP, 'q'), ACTION_VIEW_CLOSE);
	assert_int_equal(keymap_lookup(&km, KEYMAP_HELP, KEYC_DOWN), ACTION_MOVE_DOWN);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, 'x'), ACTION_NONE);
	keymap_free(&km);
}

static void
later_binds_win(void **state)
{
	struct keymap km;
	const struct binding *keys[8];

	keymap_init(&km);
	load(&km, "bind generic q quit\nbind flame z zoom-in\n");
	load(&km, "# user file\nbind flame q zoom-out   # comment\n"
		"bind flame z none\r\nbind generic <Hash> toggle-flame\n");
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, 'q'), ACTION_ZOOM_OUT);
	assert_int_equal(keymap_lookup(&km, KEYMAP_HELP, 'q'), ACTION_QUIT);
	/* "none" in the view's map hides the key, also from generic */
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, 'z'), ACTION_NONE);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, '#'), ACTION_TOGGLE_FLAME);
	/* quit's q is shadowed in flame, so help must not list it there */
	assert_int_equal(keymap_keys(&km, KEYMAP_FLAME, ACTION_QUIT, keys, 8), 0);
	assert_int_equal(keymap_keys(&km, KEYMAP_HELP, ACTION_QUIT, keys, 8), 1);
	assert_int_equal(keys[0]->keys[0], 'q');
	assert_int_equal(keys[0]->n_keys, 1);
	assert_string_equal(km.sources, "test.keys, test.keys");
	keymap_free(&km);
}

static void
expect_error_n(const char *text, size_t len, const char *want)
{
	struct keymap km;
	struct error err;
	char msg[600];

	keymap_init(&km);
	error_clear(&err);
	assert_int_equal(keymap_load_text(&km, text, len, "my.keys", &err), -1);
	assert_string_equal(error_format(&err, msg, sizeof msg), want);
	keymap_free(&km);
}

static void
expect_error(const char *text, const char *want)
{
	expect_error_n(text, strlen(text), want);
}

static void
errors_name_file_and_line(void **state)
{
	expect_error("bind flame <Enter> zoom-inn\n",
		"my.keys:1: unknown action 'zoom-inn'");
	{
		/* every keymap is named, in their order */
		char want[256] = "my.keys:3: unknown keymap 'flam' (have ";

		for (int m = 0; m < KEYMAP_COUNT; m++)
			snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s",
				m ? ", " : "", keymap_name((enum keymap_id)m));
		strcat(want, ")");
		expect_error("# ok\n\nbind flam q quit\n", want);
	}
	expect_error("bind flame <Entr> quit\n", "my.keys:1: unknown key '<Entr>'");
	expect_error("bind flame q\n", "my.keys:1: expected: bind <keymap> <key> <action>");
	expect_error("bind flame q quit now\n",
		"my.keys:1: expected: bind <keymap> <key> <action> (too many words)");
	expect_error("bind generic # quit\n", "my.keys:1: expected: bind <keymap> <key> "
		"<action> (# starts a comment: write the key # as <Hash>)");
	expect_error("set x = 1\n", "my.keys:1: unknown command 'set' (expected bind)");
	/* the bad word is shown escaped */
	expect_error("bind flame \x1b[2J quit\n", "my.keys:1: unknown key '\\x1b[2J'");
	expect_error_n("bind flame q quit\nbind\0 x", 24, "my.keys:2: NUL byte in a keys file");
}

static void
sequences(void **state)
{
	struct keymap km;
	struct keymap_match m;
	const struct binding *b[8];
	int keys[KEYMAP_MAX_SEQ + 1];
	char name[64];

	/* parsing: a key name alone, else one key per character or <Name> */
	assert_int_equal(keys_parse_seq("gg", 2, keys, 4), 2);
	assert_int_equal(keys[0], 'g');
	assert_int_equal(keys_parse_seq("<Esc><LT>", 9, keys, 4), 2);
	assert_int_equal(keys[0], KEYC_ESC);
	assert_int_equal(keys[1], '<');
	assert_int_equal(keys_parse_seq("<Ctrl-X><Ctrl-C>", 16, keys, 4), 2);
	assert_int_equal(keys[1], KEY_CTRL('C'));
	assert_int_equal(keys_parse_seq("<Enter>", 7, keys, 4), 1);
	assert_int_equal(keys_parse_seq("abcde", 5, keys, 4), -1);
	assert_int_equal(keys_parse_seq("<Entr>", 6, keys, 4), -1);
	assert_int_equal(keys_parse_seq("g<", 2, keys, 4), -1);
	assert_int_equal(keys_parse_seq("g\x1b", 2, keys, 4), -1);
	assert_string_equal(keys_seq_name(keys, (size_t)keys_parse_seq("g<Home>", 7,
		keys, 4), name, sizeof name), "g<Home>");

	keymap_init(&km);
	load(&km, "bind generic gx quit\nbind flame g zoom-reset\n"
		"bind help gg move-root\nbind help g move-leaf\nbind generic zz none\n");
	/* the view's map decides: g runs at once in flame... */
	keymap_match(&km, KEYMAP_FLAME, (int[]){ 'g' }, 1, &m);
	assert_true(m.exact && !m.longer);
	assert_int_equal(m.action, ACTION_ZOOM_RESET);
	/* ... so generic gx is out of reach there */
	assert_int_equal(keymap_keys(&km, KEYMAP_FLAME, ACTION_QUIT, b, 8), 0);
	/* in help g waits (gg is longer), and gx falls through to generic */
	keymap_match(&km, KEYMAP_HELP, (int[]){ 'g' }, 1, &m);
	assert_true(m.exact && m.longer);
	assert_int_equal(m.action, ACTION_MOVE_LEAF);
	keymap_match(&km, KEYMAP_HELP, (int[]){ 'g', 'g' }, 2, &m);
	assert_true(m.exact && !m.longer);
	assert_int_equal(m.action, ACTION_MOVE_ROOT);
	assert_int_equal(keymap_keys(&km, KEYMAP_HELP, ACTION_QUIT, b, 8), 1);
	assert_string_equal(keymap_binding_name(b[0], name, sizeof name), "gx");
	/* a view with no g of its own: generic's g waits */
	keymap_match(&km, KEYMAP_INFO, (int[]){ 'g' }, 1, &m);
	assert_true(m.longer && !m.exact);
	assert_int_equal(keymap_lookup(&km, KEYMAP_INFO, 'g'), ACTION_NONE);
	/* a "none" sequence makes no prefix */
	keymap_match(&km, KEYMAP_FLAME, (int[]){ 'z' }, 1, &m);
	assert_false(m.longer || m.exact);
	keymap_free(&km);

	expect_error("bind flame abcde quit\n",
		"my.keys:1: key sequence 'abcde' is longer than 4 keys");
}

static char tmpdir[64] = "/tmp/scorch-keymap-XXXXXX";

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
user_file_and_option(void **state)
{
	struct keymap km;
	struct error err;
	char path[512], dir[256], want[1024], msg[1200];

	assert_non_null(mkdtemp(tmpdir));
	snprintf(dir, sizeof dir, "%s/scorch", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/keys", dir);
	write_file(path, "bind flame x zoom-in\n");
	setenv("XDG_CONFIG_HOME", tmpdir, 1);

	keymap_init(&km);
	error_clear(&err);
	assert_int_equal(keymap_load_active(&km, NULL, &err), 0);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, 'x'), ACTION_ZOOM_IN);
	keymap_free(&km);

	/* --keymap=default: the built-in map alone */
	keymap_init(&km);
	assert_int_equal(keymap_load_active(&km, "default", &err), 0);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, 'x'), ACTION_NONE);
	keymap_free(&km);

	/* a named built-in map on top of the default */
	keymap_init(&km);
	assert_int_equal(keymap_load_active(&km, "emacs", &err), 0);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, KEY_CTRL('N')), ACTION_MOVE_DOWN);
	assert_int_equal(keymap_lookup(&km, KEYMAP_FLAME, 'j'), ACTION_MOVE_DOWN);
	keymap_free(&km);

	/* a broken user file names itself and the line */
	write_file(path, "bind flame x zoom-in\nbind flame y fly\n");
	keymap_init(&km);
	error_clear(&err);
	assert_int_equal(keymap_load_active(&km, NULL, &err), -1);
	snprintf(want, sizeof want, "%s:2: unknown action 'fly'", path);
	assert_string_equal(error_format(&err, msg, sizeof msg), want);
	keymap_free(&km);

	keymap_init(&km);
	error_clear(&err);
	assert_int_equal(keymap_load_active(&km, "no-such-map", &err), -1);
	assert_string_equal(error_format(&err, msg, sizeof msg),
		"--keymap: no keymap named 'no-such-map' and no such file");
	keymap_free(&km);

	/* no user file at all is fine */
	unlink(path);
	keymap_init(&km);
	assert_int_equal(keymap_load_active(&km, NULL, &err), 0);
	assert_string_equal(km.sources, "default.keys");
	keymap_free(&km);
	snprintf(path, sizeof path, "%s/scorch", tmpdir);
	rmdir(path);
	rmdir(tmpdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_names_round_trip),
		cmocka_unit_test(key_name_spellings),
		cmocka_unit_test(bad_key_names),
		cmocka_unit_test(actions_named_once),
		cmocka_unit_test(default_map_lookups),
		cmocka_unit_test(later_binds_win),
		cmocka_unit_test(errors_name_file_and_line),
		cmocka_unit_test(sequences),
		cmocka_unit_test(user_file_and_option),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
