#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pprof_prune.h"
#include "xmalloc.h"

/* Rewrites the RE2 constructs POSIX lacks: (?: groups and the \d \s \w
 * classes. Returns a malloc'd "^(...)$" string. */
static char *
re2_to_posix(const char *re, size_t len)
{
	char *out = xmalloc(len * 12 + 8), *o = out;
	bool in_class = false;

	o += sprintf(o, "^(");
	for (size_t i = 0; i < len; i++) {
		char c = re[i];

		if (c == '\\' && i + 1 < len) {
			const char *cls = NULL;

			switch (re[i + 1]) {
			case 'd': cls = in_class ? "0-9" : "[0-9]"; break;
			case 'D': cls = in_class ? NULL : "[^0-9]"; break;
			case 's': cls = in_class ? "[:space:]" : "[[:space:]]"; break;
			case 'S': cls = in_class ? NULL : "[^[:space:]]"; break;
			case 'w': cls = in_class ? "[:alnum:]_" : "[[:alnum:]_]"; break;
			case 'W': cls = in_class ? NULL : "[^[:alnum:]_]"; break;
			}
			if (cls) {
				o += sprintf(o, "%s", cls);
			} else {
				*o++ = c;
				*o++ = re[i + 1];
			}
			i++;
			continue;
		}
		if (in_class) {
			if (c == ']')
				in_class = false;
		} else if (c == '[') {
			in_class = true;
			*o++ = c;
			/* a leading ] or ^] is a literal, not the end */
			if (i + 1 < len && re[i + 1] == '^')
				*o++ = re[++i];
			if (i + 1 < len && re[i + 1] == ']')
				*o++ = re[++i];
			continue;
		} else if (c == '(' && i + 2 < len && re[i + 1] == '?' &&
			re[i + 2] == ':') {
			*o++ = '(';
			i += 2;
			continue;
		}
		*o++ = c;
	}
	o += sprintf(o, ")$");
	return out;
}

static int
compile(regex_t *rx, const char *re, size_t len, const char *what, char *why,
	size_t why_size)
{
	char *posix = re2_to_posix(re, len);
	int rc = regcomp(rx, posix, REG_EXTENDED | REG_NOSUB);

	free(posix);
	if (rc != 0) {
		char msg[128];

		regerror(rc, rx, msg, sizeof msg);
		snprintf(why, why_size, "%s regex not supported (%s)", what, msg);
		return -1;
	}
	return 0;
}

int
pprof_prune_init(struct pprof_prune *pr, const char *drop, size_t drop_len,
	const char *keep, size_t keep_len, char *why, size_t why_size)
{
	memset(pr, 0, sizeof *pr);
	if (drop_len == 0)
		return 0;
	if (compile(&pr->drop, drop, drop_len, "drop_frames", why, why_size) < 0)
		return -1;
	pr->have_drop = true;
	if (keep_len > 0) {
		if (compile(&pr->keep, keep, keep_len, "keep_frames", why,
			why_size) < 0) {
			regfree(&pr->drop);
			pr->have_drop = false;
			return -1;
		}
		pr->have_keep = true;
	}
	return 0;
}

/* pprof's simplifyFunc: drop a leading '.' (PPC ELF v1), then cut at the
 * first '(' that does not start "(anonymous namespace)" or belong to
 * "operator()". */
static size_t
simplify(const char **name, size_t len)
{
	static const char anon[] = "(anonymous namespace)";
	static const char op[] = "operator()";
	const char *s = *name;

	if (len > 0 && s[0] == '.') {
		s++;
		len--;
	}
	*name = s;
	for (size_t i = 0; i < len; ) {
		if (len - i >= sizeof anon - 1 && memcmp(s + i, anon, sizeof anon - 1) == 0)
			i += sizeof anon - 1;
		else if (len - i >= sizeof op - 1 && memcmp(s + i, op, sizeof op - 1) == 0)
			i += sizeof op - 1;
		else if (s[i] == '(')
			return i;
		else
			i++;
	}
	return len;
}

bool
pprof_prune_match(struct pprof_prune *pr, const char *name, size_t len)
{
	if (!pr->have_drop)
		return false;
	len = simplify(&name, len);
	if (memchr(name, '\0', len))
		return false;   /* regexec cannot see past a NUL */
	pr->buf = xgrow(pr->buf, &pr->buf_cap, len + 1, 1);
	memcpy(pr->buf, name, len);
	pr->buf[len] = '\0';
	if (regexec(&pr->drop, pr->buf, 0, NULL, 0) != 0)
		return false;
	return !(pr->have_keep && regexec(&pr->keep, pr->buf, 0, NULL, 0) == 0);
}

void
pprof_prune_free(struct pprof_prune *pr)
{
	if (pr->have_drop)
		regfree(&pr->drop);
	if (pr->have_keep)
		regfree(&pr->keep);
	free(pr->buf);
	memset(pr, 0, sizeof *pr);
}
