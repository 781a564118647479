#include "config.h"

#include <string.h>
#include <time.h>

#include "progress.h"

#define PROGRESS_INTERVAL 0.2   /* seconds between rewrites */
#define PROGRESS_MAX_WIDTH 79   /* never wraps on an 80-column terminal */
#define MIB (1024.0 * 1024.0)

static double
monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
progress_line_init(struct progress_line *p, FILE *out)
{
	p->out = out;
	p->shown = false;
	p->last = 0;
	p->width = 0;
}

/* The file name, its start cut ("...tail") to fit room bytes. */
static const char *
fit_name(const char *file, size_t room, char *buf, size_t size)
{
	size_t len = strlen(file);
	const char *tail;

	if (len <= room || room < 8 || room >= size)
		return file;
	tail = file + len - (room - 3);
	while (((unsigned char)*tail & 0xc0) == 0x80)
		tail++;   /* not inside a UTF-8 sequence */
	snprintf(buf, size, "...%s", tail);
	return buf;
}

void
progress_line_update(void *ctx, const char *file, const char *stage,
	size_t done, size_t total)
{
	struct progress_line *p = ctx;
	double now = monotonic();
	char what[96], line[PROGRESS_MAX_WIDTH + 1], name[PROGRESS_MAX_WIDTH + 1];
	int n;

	/* the first report at once (perf may think for a while before its
	 * first line), then at most every PROGRESS_INTERVAL */
	if (p->shown && now - p->last < PROGRESS_INTERVAL)
		return;
	if (stage)
		snprintf(what, sizeof what, "%s: %.0f MB of text", stage, done / MIB);
	else if (total > 0)
		snprintf(what, sizeof what, "%.0f of %.0f MB read", done / MIB,
			total / MIB);
	else
		snprintf(what, sizeof what, "%.0f MB read", done / MIB);
	/* "scorch: " + name + ": " + what */
	file = fit_name(file, PROGRESS_MAX_WIDTH - 10 - strlen(what), name,
		sizeof name);
	n = snprintf(line, sizeof line, "scorch: %s: %s", file, what);
	if (n < 0)
		return;
	if (n >= (int)sizeof line) {
		n = (int)sizeof line - 1;
		while (n > 0 && ((unsigned char)line[n] & 0xc0) == 0x80)
			line[--n] = '\0';   /* not inside a UTF-8 sequence */
	}
	/* pad over a longer previous line */
	fprintf(p->out, "\r%-*s", p->width, line);
	fflush(p->out);
	p->width = n;
	p->shown = true;
	p->last = now;
}

void
progress_line_end(void *ctx)
{
	struct progress_line *p = ctx;

	if (!p->shown)
		return;
	fprintf(p->out, "\r%*s\r", p->width, "");
	fflush(p->out);
	p->shown = false;
	p->width = 0;
}
