/* Key codes and their names in keys files (tig syntax: "q", "<Enter>",
 * "<Ctrl-L>", "^L", "<F1>"). No curses here: ui/term.c translates the
 * terminal's codes into these. */
#ifndef SCORCH_SRC_KEYS_H
#define SCORCH_SRC_KEYS_H

#include <stddef.h>

/* A key is a Unicode code point (printable characters), a control code
 * 0..31 (Ctrl-letter, except Tab, Enter, Esc and Backspace, which have
 * their own codes below), or one of these named keys. */
enum key_code {
	KEYC_BASE = 0x110000,
	KEYC_UP,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_ENTER,
	KEYC_BACKSPACE,
	KEYC_ESC,
	KEYC_TAB,
	KEYC_BACKTAB,
	KEYC_HOME,
	KEYC_END,
	KEYC_PAGE_UP,
	KEYC_PAGE_DOWN,
	KEYC_INSERT,
	KEYC_DELETE,
	KEYC_WHEEL_UP,
	KEYC_WHEEL_DOWN,
	KEYC_F1,            /* F1..F12 are consecutive */
	KEYC_F12 = KEYC_F1 + 11,
	KEYC_LAST
};

#define KEY_CTRL(c) ((c) & 0x1f)

/* Parses one key name (the whole of s[0..len)); returns the key code or
 * -1 when it is not a key name. */
int keys_parse(const char *s, size_t len);
/* Parses a key or a sequence of keys typed one after the other ("gg",
 * "g<Home>", "<Ctrl-W>j"). A word that is one key name is that key;
 * otherwise each character is a key and '<' must open a <Name> (write a
 * literal '<' as <LT>). Stores up to max keys; returns how many, or -1
 * when the word is not a key sequence of at most max keys. */
int keys_parse_seq(const char *s, size_t len, int *keys, size_t max);
/* The canonical name of key ("q", "<Enter>", "<Ctrl-L>") into buf
 * (NUL-terminated); returns buf. */
const char *keys_name(int key, char *buf, size_t size);
/* The name of a sequence: the names of its keys back to back ("gg"). */
const char *keys_seq_name(const int *keys, size_t n, char *buf, size_t size);
/* Normalises raw codes the way terminals send them: 10 and 13 are Enter,
 * 8 and 127 Backspace, 9 Tab, 27 Esc. Other values are returned as is. */
int keys_normalise(int key);

#endif
