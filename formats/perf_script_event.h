/* Event lines of `perf script` output ("comm pid/tid [cpu] time: period
 * event: rest"), parsed by tokens rather than columns because field
 * widths differ between perf versions. Private to formats/perf_script*.c. */
#ifndef SCORCH_FORMATS_PERF_SCRIPT_EVENT_H
#define SCORCH_FORMATS_PERF_SCRIPT_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ps_event {
	const char *comm;     /* NULL when the comm field is absent */
	size_t comm_len;
	int32_t pid, tid, cpu;   /* -1 when absent */
	int64_t time_ns;         /* -1 when absent */
	bool has_period;
	uint64_t period;
	const char *name;     /* event name without its final ':'; NULL if absent */
	size_t name_len;
	const char *rest;     /* after the event, trimmed: a frame or a payload */
	size_t rest_len;
};

enum ps_event_kind {
	PS_EVENT_BAD = -1,
	PS_EVENT_SAMPLE = 0,
	PS_EVENT_RECORD = 1,   /* a PERF_RECORD_* line */
};

/* Parses line[0..len) (no newline). With old set, lines without a time
 * field ("comm tid event:") are accepted too. */
enum ps_event_kind ps_event_parse(const char *line, size_t len, bool old,
	struct ps_event *ev);

/* Whether line[0..len) has a "digits.digits:" token: cheap test that
 * tells an indented event line from a frame line. */
bool ps_has_time_token(const char *line, size_t len);

/* The format probe (see perf-script.md, "Sniffing"): 100 for a perf
 * --header block, 95 for an event line followed by a frame line, less for
 * weaker evidence, 0 when it is not perf script. */
int ps_probe(const char *head, size_t len);

#endif
