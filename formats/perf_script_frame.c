/* Frame lines of `perf script`: "ADDR SYM[+0xOFF] (DSO)", named the way
 * stackcollapse-perf.pl names them so that folded output compares with
 * FlameGraph's, with kinds (kernel, JIT, inlined) kept on the frame. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "perf_script_frame.h"
#include "xmalloc.h"

#define H 1
#define B 2
const unsigned char ps_ctype[256] = {
	['\t'] = B, ['\r'] = B, [' '] = B,
	['0'] = H, ['1'] = H, ['2'] = H, ['3'] = H, ['4'] = H, ['5'] = H,
	['6'] = H, ['7'] = H, ['8'] = H, ['9'] = H,
	['a'] = H, ['b'] = H, ['c'] = H, ['d'] = H, ['e'] = H, ['f'] = H,
	['A'] = H, ['B'] = H, ['C'] = H, ['D'] = H, ['E'] = H, ['F'] = H,
};
#undef H
#undef B

void
ps_scratch_free(struct ps_scratch *sc)
{
	free(sc->name);
	free(sc->text);
	free(sc->ids);
	memset(sc, 0, sizeof *sc);
}

size_t
ps_address_len(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len && ps_is_hex(p[i]))
		i++;
	if (i == 0 || (i < len && !ps_is_space(p[i])))
		return 0;
	return i;
}

static bool
has_prefix(const char *s, size_t n, const char *pre)
{
	size_t k = strlen(pre);

	return n >= k && memcmp(s, pre, k) == 0;
}

static bool
has_suffix(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Length of a trailing "+0x<hex>" of s[0..n), or 0. */
static size_t
hex_offset_suffix(const char *s, size_t n, bool lower_only)
{
	size_t i = n;

	while (i > 0 && (lower_only ? ((s[i - 1] >= '0' && s[i - 1] <= '9') ||
	    (s[i - 1] >= 'a' && s[i - 1] <= 'f')) : ps_is_hex(s[i - 1])))
		i--;
	if (i == n || i < 3 || memcmp(s + i - 3, "+0x", 3) != 0)
		return 0;
	return n - (i - 3);
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && ps_is_space((*s)[0])) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ps_is_space((*s)[*n - 1]))
		(*n)--;
}

/* "file.c:123" (optionally " (inlined)") after a frame line. */
static void
split_srcline(const char *c, size_t n, struct ps_frame_line *out)
{
	size_t i;
	uint32_t line = 0;

	trim(&c, &n);
	if (has_suffix(c, n, "(inlined)")) {
		out->inlined = true;
		n -= 9;
		trim(&c, &n);
	}
	i = n;
	while (i > 0 && c[i - 1] >= '0' && c[i - 1] <= '9')
		i--;
	if (i == n || i < 2 || c[i - 1] != ':')
		return;
	for (size_t k = i; k < n && line < 100000000; k++)
		line = line * 10 + (uint32_t)(c[k] - '0');
	out->src = c;
	out->src_len = i - 1;
	out->src_line = line;
}

int
ps_frame_split(const char *rest, size_t len, const char *cont,
	size_t cont_len, struct ps_frame_line *out)
{
	const char *sym = rest;
	size_t sym_len = len, k;

	out->off = out->dso = out->src = NULL;
	out->off_len = out->dso_len = out->src_len = 0;
	out->src_line = 0;
	out->inlined = false;
	trim(&sym, &sym_len);
	if (sym_len > 0 && sym[sym_len - 1] == ')') {
		/* the dso is the last balanced group, after a blank */
		int depth = 0;

		k = sym_len;
		while (k > 0) {
			char c = sym[--k];

			if (c == ')')
				depth++;
			else if (c == '(' && --depth == 0)
				break;
		}
		if (depth != 0) {
			/* unbalanced, e.g. a line spliced with another: like
			 * the reference, take the last " (" with no blank after */
			for (k = sym_len - 1; k > 0; k--) {
				if (ps_is_space(sym[k]))
					break;
				if (sym[k] == '(' && ps_is_space(sym[k - 1])) {
					depth = 0;
					break;
				}
			}
		}
		if (depth == 0 && (k == 0 || ps_is_space(sym[k - 1]))) {
			out->dso = sym + k + 1;
			out->dso_len = sym_len - k - 2;
			sym_len = k;
			trim(&sym, &sym_len);
		}
	} else {
		/* "sym (/lib/x86_64-linux-gnu": a line cut short */
		int depth = 0;

		for (k = 0; k < sym_len; k++) {
			if (sym[k] == '(')
				depth++;
			else if (sym[k] == ')' && depth > 0)
				depth--;
		}
		if (depth > 0)
			return -1;
	}
	if (out->dso) {
		out->dso_len -= hex_offset_suffix(out->dso, out->dso_len, false);
		if (out->dso_len == 7 && memcmp(out->dso, "inlined", 7) == 0) {
			out->inlined = true;
			out->dso = NULL;
			out->dso_len = 0;
		}
	}
	k = hex_offset_suffix(sym, sym_len, true);
	if (k) {
		out->off = sym + sym_len - k;
		out->off_len = k;
		sym_len -= k;
	}
	out->sym = sym;
	out->sym_len = sym_len;
	if (cont)
		split_srcline(cont, cont_len, out);
	return 0;
}

static const char *
basename_of(const char *s, size_t n, size_t *len)
{
	size_t i = n;

	while (i > 0 && s[i - 1] != '/')
		i--;
	*len = n - i;
	return s + i;
}

/* Kernel image, kallsyms or module. Unlike the reference tools, [vdso]
 * and friends are user space. */
static bool
dso_is_kernel(const char *d, size_t n)
{
	size_t bn;
	const char *b;

	if (n >= 2 && d[0] == '[' && d[n - 1] == ']') {
		static const char *const user[] = {
			"[unknown]", "[vdso]", "[vsyscall]", "[vvar]", "[heap]",
			"[stack", "[anon", "[uprobes]", "[vectors]", "[sigpage]",
			"[jit",
		};

		if (has_prefix(d, n, "[kernel.kallsyms") ||
		    has_prefix(d, n, "[guest.kernel.kallsyms"))
			return true;
		for (size_t i = 0; i < sizeof user / sizeof user[0]; i++)
			if (has_prefix(d, n, user[i]))
				return false;
		return true;   /* a module: [nf_conntrack] */
	}
	if (n >= 2 && d[0] == '[')
		return has_prefix(d, n, "[kernel.kallsyms");  /* ].init.text */
	if (has_suffix(d, n, ".ko") || has_suffix(d, n, ".ko.xz") ||
	    has_suffix(d, n, ".ko.zst") || has_suffix(d, n, ".ko.gz"))
		return true;
	b = basename_of(d, n, &bn);
	return has_prefix(b, bn, "vmlinux");
}

/* /tmp/perf-PID.map (perf map files) or jitted-PID-N.so (perf inject). */
static bool
dso_is_jit(const char *d, size_t n)
{
	size_t bn, i;
	const char *b = basename_of(d, n, &bn);

	if (has_prefix(b, bn, "jitted-") && has_suffix(b, bn, ".so"))
		return true;
	if (!has_prefix(b, bn, "perf-") || !has_suffix(b, bn, ".map") || bn < 10)
		return false;
	for (i = 5; i < bn - 4; i++)
		if (b[i] < '0' || b[i] > '9')
			return false;
	return true;
}

static char *
name_reserve(struct ps_scratch *sc, size_t n)
{
	sc->name = xgrow(sc->name, &sc->name_cap, n + 1, 1);
	return sc->name;
}

/* Go method names keep their parentheses: "net/http.(*Client).Do". */
static bool
looks_like_go_method(const char *s, size_t n)
{
	const char *open = NULL;

	for (size_t i = 0; i + 1 < n; i++) {
		if (!open && s[i] == '.' && s[i + 1] == '(')
			open = s + i;
		else if (open && s + i > open + 1 && s[i] == ')' && s[i + 1] == '.')
			return true;
	}
	return false;
}

/* Names one element of a frame the way stackcollapse-perf.pl does: an
 * unknown symbol becomes "[dso basename]", ';' becomes ':', a C++
 * argument list (everything from the first '(' that does not open
 * "(anonymous namespace)") goes, quotes go, and Java "Lpkg/Class;" loses
 * its 'L'. Returns the length of the name in sc->name. */
static size_t
tidy_name(const char *p, size_t n, const struct ps_frame_line *f, bool java,
	struct ps_scratch *sc)
{
	char *o;
	size_t len = 0, start = 0;

	if (n == 0 || (n == 9 && memcmp(p, "[unknown]", 9) == 0)) {
		/* an empty symbol is as unknown as "[unknown]" */
		if (f->dso && !(f->dso_len == 9 && memcmp(f->dso, "[unknown]", 9) == 0)) {
			size_t bn;
			const char *b = basename_of(f->dso, f->dso_len, &bn);

			o = name_reserve(sc, bn + 2);
			o[0] = '[';
			memcpy(o + 1, b, bn);
			o[bn + 1] = ']';
			n = bn + 2;
		} else {
			n = 9;
			memcpy(name_reserve(sc, n), "[unknown]", n);
		}
	} else {
		memcpy(name_reserve(sc, n), p, n);
	}
	o = sc->name;
	if (!looks_like_go_method(o, n)) {
		for (size_t i = 0; i < n; i++) {
			if (o[i] != '(')
				continue;
			if (n - i - 1 >= 20 && memcmp(o + i + 1, "anonymous namespace)", 20) == 0)
				continue;
			n = i;
			break;
		}
	}
	if (java && n > 1 && o[0] == 'L' && memchr(o, '/', n))
		start = 1;
	for (size_t i = start; i < n; i++) {
		char c = o[i];

		if (c == '"' || c == '\'')
			continue;
		o[len++] = c == ';' ? ':' : c;
	}
	return len;
}

static const char *
text_copy(struct ps_scratch *sc, size_t at, const char *s, size_t n)
{
	sc->text = xgrow(sc->text, &sc->text_cap, at + n + 1, 1);
	memcpy(sc->text + at, s, n);
	sc->text[at + n] = '\0';
	return sc->text + at;
}

size_t
ps_frame_intern(struct sink *s, const struct ps_frame_line *f, bool java,
	struct ps_scratch *sc)
{
	struct frame_desc d = { 0 };
	enum frame_kind kind = FRAME_USER;
	size_t parts = 1, n = 0, mod_at, off_at, src_at;
	const char *p = f->sym, *end = f->sym + f->sym_len;

	for (const char *q = p; q + 1 < end; q++)
		if (q[0] == '-' && q[1] == '>')
			parts++;
	/* C++ "operator->" is not an inline chain */
	if (parts > 1 && memmem(p, f->sym_len, "operator->", 10))
		parts = 1;
	sc->ids = xgrow(sc->ids, &sc->ids_cap, parts, sizeof *sc->ids);
	if (f->inlined)
		kind = FRAME_INLINED;
	else if (f->dso && dso_is_kernel(f->dso, f->dso_len))
		kind = FRAME_KERNEL;
	else if (f->dso && dso_is_jit(f->dso, f->dso_len))
		kind = FRAME_JIT;

	/* module, detail and file must be NUL-terminated for the sink; their
	 * offsets are fixed before any pointer into sc->text is taken */
	mod_at = 0;
	off_at = mod_at + f->dso_len + 1;
	src_at = off_at + f->off_len + 1;
	sc->text = xgrow(sc->text, &sc->text_cap, src_at + f->src_len + 1, 1);
	d.module = f->dso ? text_copy(sc, mod_at, f->dso, f->dso_len) : NULL;
	d.detail = f->off ? text_copy(sc, off_at, f->off, f->off_len) : NULL;
	d.file = f->src ? text_copy(sc, src_at, f->src, f->src_len) : NULL;
	d.line = f->src_line;
	d.address = f->address;

	/* "A->B->C" (perf-map-agent inline chains) is outermost first; the
	 * ids go out leaf first, so the last element is written first */
	for (size_t i = 0; i < parts; i++) {
		const char *q = p;
		uint32_t id;

		while (parts > 1 && q + 1 < end && !(q[0] == '-' && q[1] == '>'))
			q++;
		if (parts == 1 || q + 1 >= end)
			q = end;
		d.name_len = tidy_name(p, (size_t)(q - p), f, java, sc);
		d.name = sc->name;
		d.kind = i > 0 ? FRAME_INLINED : kind;
		id = sink_frame_desc(s, &d);
		if (id == FRAME_NONE)
			return 0;
		sc->ids[parts - 1 - i] = id;
		n++;
		p = q + 2 <= end ? q + 2 : end;
	}
	return n;
}
