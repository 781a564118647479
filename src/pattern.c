#include "config.h"

#include "pattern.h"

int
pattern_compile(regex_t *re, const char *text, bool icase, struct error *err)
{
	char why[256];
	int rc = regcomp(re, text, REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0));

	if (rc == 0)
		return 0;
	regerror(rc, re, why, sizeof why);
	regfree(re);
	return error_set(err, 0, 0, "bad regular expression '%s': %s", text, why);
}
