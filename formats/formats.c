/* The format registry. The order is the tie-break order of detection
 * (shared/formats/README.md): formats with unique markers first, folded
 * last because it is the most permissive. */
#include "config.h"

#include <string.h>

#include "format.h"

extern const struct format format_folded;
extern const struct format format_perf_script;
extern const struct format format_pprof;
extern const struct format format_speedscope, format_cpuprofile;
extern const struct format format_goroutines, format_jstack, format_eu_stack,
	format_gdb;
extern const struct format format_bpftrace, format_bcc;

const struct format *const format_registry[] = {
	&format_pprof,
	&format_speedscope,
	&format_cpuprofile,
	&format_goroutines,
	&format_jstack,
	&format_eu_stack,
	&format_gdb,
	&format_bpftrace,
	&format_perf_script,
	&format_bcc,
	&format_folded,
};

const size_t format_registry_count =
	sizeof format_registry / sizeof format_registry[0];

const struct format *
format_by_name(const char *name)
{
	for (size_t i = 0; i < format_registry_count; i++)
		if (strcmp(format_registry[i]->name, name) == 0)
			return format_registry[i];
	return NULL;
}
