#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "units.h"

struct unit_alias {
	const char *alias;
	const char *canonical;
};

static const struct unit_alias unit_aliases[] = {
	{ "ns", UNIT_NANOSECONDS }, { "nanosecond", UNIT_NANOSECONDS },
	{ "nanoseconds", UNIT_NANOSECONDS }, { "nsecs", UNIT_NANOSECONDS },
	{ "us", UNIT_MICROSECONDS }, { "usecs", UNIT_MICROSECONDS },
	{ "microsecond", UNIT_MICROSECONDS }, { "microseconds", UNIT_MICROSECONDS },
	{ "\xc2\xb5s", UNIT_MICROSECONDS },
	{ "ms", UNIT_MILLISECONDS }, { "msecs", UNIT_MILLISECONDS },
	{ "millisecond", UNIT_MILLISECONDS }, { "milliseconds", UNIT_MILLISECONDS },
	{ "s", UNIT_SECONDS }, { "second", UNIT_SECONDS }, { "seconds", UNIT_SECONDS },
	{ "secs", UNIT_SECONDS },
	{ "b", UNIT_BYTES }, { "byte", UNIT_BYTES }, { "bytes", UNIT_BYTES },
	{ "sample", UNIT_SAMPLES }, { "samples", UNIT_SAMPLES },
	{ "count", UNIT_COUNT }, { "counts", UNIT_COUNT }, { "none", UNIT_COUNT },
	{ "", UNIT_COUNT },
};

const char *
units_canonical(const char *unit)
{
	if (!unit)
		return UNIT_COUNT;
	for (size_t i = 0; i < sizeof unit_aliases / sizeof unit_aliases[0]; i++)
		if (strcasecmp(unit, unit_aliases[i].alias) == 0)
			return unit_aliases[i].canonical;
	return unit;
}

/* Inserts thousands separators into a string of digits (with an optional
 * leading '-'). */
static const char *
group_digits(const char *digits, char *buf, size_t size)
{
	size_t len = strlen(digits), j = 0, lead = digits[0] == '-';
	size_t nd = len - lead;

	if (lead && j + 1 < size)
		buf[j++] = '-';
	for (size_t i = 0; i < nd && j + 2 < size; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = digits[lead + i];
	}
	buf[j] = '\0';
	return buf;
}

const char *
units_format_exact(double value, char *buf, size_t size)
{
	if (value == floor(value) && fabs(value) < 1e18) {
		snprintf(buf, size, "%.0f", value);
		return buf;
	}
	/* shortest of the usual precisions that reads back exactly */
	for (int prec = 6; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, value);
		if (strtod(buf, NULL) == value)
			break;
	}
	return buf;
}

const char *
units_format_number(double value, char *buf, size_t size)
{
	char tmp[64];

	if (value == floor(value) && fabs(value) < 1e18) {
		snprintf(tmp, sizeof tmp, "%.0f", value);
		return group_digits(tmp, buf, size);
	}
	if (fabs(value) >= 100)
		snprintf(tmp, sizeof tmp, "%.0f", value);
	else
		snprintf(tmp, sizeof tmp, "%.3g", value);
	if (strchr(tmp, '.') || strchr(tmp, 'e')) {
		snprintf(buf, size, "%s", tmp);
		return buf;
	}
	return group_digits(tmp, buf, size);
}

/* Three significant digits, trailing ".0" kept off for whole values. */
static void
format_scaled(double v, const char *suffix, char *buf, size_t size)
{
	if (v >= 100 || v == floor(v))
		snprintf(buf, size, "%.0f %s", v, suffix);
	else if (v >= 10)
		snprintf(buf, size, "%.1f %s", v, suffix);
	else
		snprintf(buf, size, "%.2f %s", v, suffix);
}

static const char *
format_time(double ns, char *buf, size_t size)
{
	double a = fabs(ns);

	if (a < 1e3)
		format_scaled(ns, "ns", buf, size);
	else if (a < 1e6)
		format_scaled(ns / 1e3, "\xc2\xb5s", buf, size);
	else if (a < 1e9)
		format_scaled(ns / 1e6, "ms", buf, size);
	else if (a < 60e9)
		format_scaled(ns / 1e9, "s", buf, size);
	else if (a < 3600e9)
		format_scaled(ns / 60e9, "min", buf, size);
	else
		format_scaled(ns / 3600e9, "h", buf, size);
	return buf;
}

static const char *
format_bytes(double b, char *buf, size_t size)
{
	static const char *const suffix[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	int i = 0;

	while (fabs(b) >= 1024 && i < 5) {
		b /= 1024;
		i++;
	}
	if (i == 0)
		snprintf(buf, size, "%.0f B", b);
	else
		format_scaled(b, suffix[i], buf, size);
	return buf;
}

const char *
units_format(double value, const char *unit, char *buf, size_t size)
{
	char num[64];

	unit = units_canonical(unit);
	if (strcmp(unit, UNIT_NANOSECONDS) == 0)
		return format_time(value, buf, size);
	if (strcmp(unit, UNIT_MICROSECONDS) == 0)
		return format_time(value * 1e3, buf, size);
	if (strcmp(unit, UNIT_MILLISECONDS) == 0)
		return format_time(value * 1e6, buf, size);
	if (strcmp(unit, UNIT_SECONDS) == 0)
		return format_time(value * 1e9, buf, size);
	if (strcmp(unit, UNIT_BYTES) == 0)
		return format_bytes(value, buf, size);
	units_format_number(value, num, sizeof num);
	if (strcmp(unit, UNIT_COUNT) == 0)
		snprintf(buf, size, "%s", num);
	else if (strcmp(unit, UNIT_SAMPLES) == 0)
		snprintf(buf, size, "%s %s", num, value == 1 ? "sample" : "samples");
	else
		snprintf(buf, size, "%s %s", num, unit);
	return buf;
}

const char *
units_format_percent(double part, double whole, char *buf, size_t size)
{
	double pct;

	if (whole == 0) {
		snprintf(buf, size, "-");
		return buf;
	}
	pct = 100.0 * part / whole;
	if (pct == 100.0 || pct == 0.0)
		snprintf(buf, size, "%.0f%%", pct);
	else if (fabs(pct) >= 10)
		snprintf(buf, size, "%.1f%%", pct);
	else
		snprintf(buf, size, "%.2f%%", pct);
	return buf;
}

bool
units_is_count(const char *unit)
{
	return strcmp(unit, UNIT_SAMPLES) == 0 || strcmp(unit, UNIT_COUNT) == 0;
}

const char *
units_format_value(double value, const char *unit, char *buf, size_t size)
{
	if (units_is_count(unit))
		return units_format_number(value, buf, size);
	return units_format(value, unit, buf, size);
}
