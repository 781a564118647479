/* Thread-dump parsers (gdb, eu-stack, Go, jstack): per-thread labels and
 * metadata, the dump summary, detection between the four, and parsing of
 * every truncation of an input without reading past it. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "format.h"
#include "input.h"
#include "profile.h"
#include "sink.h"
#include "sniff.h"

static const char gdb_text[] =
	"[New LWP 8812]\n"
	"0x00007f2a5df1b1b6 in __GI___poll () at poll.c:29\n"
	"29\tpoll.c: No such file or directory.\n"
	"\n"
	"Thread 2 (Thread 0x7f2a5c9ff6c0 (LWP 8812) \"io\"):\n"
	"#0  0x00007f2a5e0c4f7c in ?? () from /lib/x86_64-linux-gnu/libz.so.1\n"
	"#1  0x00007f2a5e0c609c in deflate () from /lib/x86_64-linux-gnu/libz.so.1\n"
	"#2  0x000055d1a0a0119c in pack (buf=0x55d1a1e2c2a0 \"\") at pack.c:40\n"
	"        n = 3\n"
	"No locals.\n"
	"#3  0x00007f2a5df288ec in clone3 () at clone3.S:81\n"
	"\n"
	"Thread 1 (Thread 0x7f2a5db2c740 (LWP 8811) \"app\"):\n"
	"#0  handle_usr1 (sig=10) at main.c:20\n"
	"#1  <signal handler called>\n"
	"#2  0x000055d1a0a01300 in main () at main.c:55\n"
	"[Inferior 1 (process 8811) detached]\n";

static const char eu_text[] =
	"PID 5150 - process\n"
	"TID 5151:\n"
	"#0  0x00007f1e8c2e3f77\n"
	"#1  0x00007f1e8c25f1f5 start_thread\n"
	"TID 5152:\n"
	"#0  0x00007f1e8c27a0ba - 1 poll - /usr/lib/libc.so.6\n";

static const char go_text[] =
	"panic: boom\n"
	"\n"
	"goroutine 1 [running]:\n"
	"main.main()\n"
	"\t/src/main.go:31 +0x1bd\n"
	"\n"
	"goroutine 7 [chan receive, 12 minutes]:\n"
	"main.(*Pool).worker(0xc000012345, 0x3)\n"
	"\t/src/pool.go:88 +0x5e\n"
	"created by main.NewPool in goroutine 1\n"
	"\t/src/pool.go:40 +0x7a\n";

static const char go_debug1_text[] =
	"goroutine profile: total 4\n"
	"3 @ 0x437556 0x4b4ddb 0x461181\n"
	"#\t0x4b4dda\tmain.park+0x1a\t/tmp/main.go:11\n"
	"\n"
	"1 @ 0x437556 0x4b4ddb 0x461181\n"
	"# labels: {\"handler\":\"/api\"}\n"
	"#\t0x4b4dda\tmain.park+0x1a\t/tmp/main.go:11\n";

static const char jstack_text[] =
	"2025-03-01 10:00:00\n"
	"Full thread dump OpenJDK 64-Bit Server VM (17.0.9+9 mixed mode):\n"
	"\n"
	"\"exec-3\" #41 daemon prio=5 os_prio=0 tid=0x00007f3b2c0e1000 nid=0x1f2a runnable  [0x00007f3ae11fe000]\n"
	"   java.lang.Thread.State: RUNNABLE\n"
	"\tat com.acme.Router.route(Router.java:77)\n"
	"\t- locked <0x00000006c0a1b2c8> (a com.acme.Router)\n"
	"\tat com.acme.Servlet.service(app@1.0/Servlet.java:30)\n"
	"\n"
	"\"VM Thread\" os_prio=0 tid=0x00007f3b2c0b2000 nid=0x1e05 runnable  \n"
	"\n"
	"JNI global refs: 22, weak refs: 0\n";

struct loaded {
	struct profile p;
	struct error err;
	int rc;
};

static void
load(struct loaded *l, const char *format, const char *text, size_t len)
{
	const struct format *f = format_by_name(format);
	struct input in;
	struct sink s;

	assert_non_null(f);
	profile_init(&l->p);
	error_clear(&l->err);
	assert_int_equal(input_from_memory(&in, "test", text, len, 0, &l->err), 0);
	sink_init(&s, &l->p, &l->err, NULL);
	l->rc = f->parse(&in, &s, &l->err);
	sink_free(&s);
	input_close(&in);
}

/* Loads the whole of text (NUL-ended), which must parse. */
static void
load_whole(struct loaded *l, const char *format, const char *text)
{
	load(l, format, text, strlen(text));
	assert_int_equal(l->rc, 0);
}

/* The string value of label key on sample i, or NULL. */
static const char *
label(const struct profile *p, size_t i, const char *key)
{
	const struct labelset *ls = &p->labelsets[p->samples[i].labelset];

	for (uint32_t k = 0; k < ls->n; k++) {
		const struct label *l = &p->labels[ls->off + k];

		if (strcmp(strtab_get(&p->strings, l->key), key) == 0)
			return l->str ? strtab_get(&p->strings, l->str) : NULL;
	}
	return NULL;
}

/* The frame names of sample i, root first, joined by ';'. Valid until
 * the next call. */
static const char *
stack_of(const struct profile *p, size_t i)
{
	static char buf[512];
	uint32_t st = p->samples[i].stack;
	const uint32_t *ids = profile_stack_frames(p, st);
	size_t n = 0;

	buf[0] = '\0';
	for (uint32_t k = 0; k < p->stacks[st].depth; k++) {
		const struct frame *f = profile_frame(p, ids[k]);

		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", k ? ";" : "", f->name);
		assert_true(n < sizeof buf);
	}
	return buf;
}

static bool
has_info(const struct profile *p, const char *key, const char *value)
{
	for (size_t i = 0; i < p->n_info; i++)
		if (strcmp(p->info[i].key, key) == 0 && strcmp(p->info[i].value, value) == 0)
			return true;
	return false;
}

static void
gdb_threads(void **state)
{
	struct loaded l;

	load_whole(&l, "gdb", gdb_text);
	assert_int_equal(l.p.n_samples, 2);
	assert_string_equal(stack_of(&l.p, 0),
		"clone3;pack;deflate;libz.so.1+0x7f2a5e0c4f7c");
	assert_string_equal(label(&l.p, 0, "thread"), "io");
	assert_string_equal(label(&l.p, 0, "tid"), "8812");
	assert_int_equal(l.p.samples[0].tid, 8812);
	assert_string_equal(stack_of(&l.p, 1),
		"main;<signal handler called>;handle_usr1");
	assert_string_equal(label(&l.p, 1, "thread"), "app");
	assert_true(has_info(&l.p, "threads", "2"));
	assert_int_equal(l.p.n_skips, 0);   /* noise and locals are not errors */
	profile_free(&l.p);
}

static void
eu_stack_threads(void **state)
{
	struct loaded l;

	load_whole(&l, "eu-stack", eu_text);
	assert_int_equal(l.p.n_samples, 2);
	assert_string_equal(stack_of(&l.p, 0), "start_thread;0x7f1e8c2e3f77");
	assert_string_equal(label(&l.p, 0, "tid"), "5151");
	assert_string_equal(label(&l.p, 0, "pid"), "5150");
	assert_int_equal(l.p.samples[0].pid, 5150);
	assert_int_equal(l.p.samples[1].tid, 5152);
	assert_string_equal(stack_of(&l.p, 1), "poll");
	assert_string_equal(strtab_get(&l.p.strings,
		profile_frame(&l.p, profile_stack_frames(&l.p, l.p.samples[1].stack)[0])->module),
		"/usr/lib/libc.so.6");
	profile_free(&l.p);
}

static void
go_goroutines(void **state)
{
	struct loaded l;

	load_whole(&l, "goroutines", go_text);
	assert_int_equal(l.p.n_samples, 2);
	assert_string_equal(label(&l.p, 1, "goroutine"), "7");
	assert_string_equal(label(&l.p, 1, "state"), "chan receive");
	assert_string_equal(label(&l.p, 1, "created by"), "main.NewPool");
	assert_string_equal(stack_of(&l.p, 1), "main.(*Pool).worker");
	assert_true(has_info(&l.p, "threads", "2"));
	assert_true(has_info(&l.p, "state", "chan receive 1"));
	assert_true(has_info(&l.p, "state", "running 1"));
	profile_free(&l.p);

	load_whole(&l, "goroutines", go_debug1_text);
	assert_int_equal(l.p.n_stacks, 1);
	assert_true(profile_total(&l.p, 0) == 4);
	assert_int_equal(l.p.n_samples, 1);   /* the labelled record */
	assert_true(l.p.sample_values[0] == 1);
	assert_string_equal(label(&l.p, 0, "handler"), "/api");
	profile_free(&l.p);
}

static void
jstack_threads(void **state)
{
	struct loaded l;

	load_whole(&l, "jstack", jstack_text);
	assert_int_equal(l.p.n_samples, 1);
	assert_string_equal(stack_of(&l.p, 0),
		"com.acme.Servlet.service;com.acme.Router.route");
	assert_string_equal(label(&l.p, 0, "thread"), "exec-3");
	assert_string_equal(label(&l.p, 0, "state"), "RUNNABLE");
	assert_string_equal(label(&l.p, 0, "tid"), "7978");
	assert_true(has_info(&l.p, "threads", "2"));
	assert_true(has_info(&l.p, "threads without frames", "1"));
	assert_true(has_info(&l.p, "state", "RUNNABLE 1"));
	profile_free(&l.p);
}

static const char *
sniffed(const char *text)
{
	struct input in;
	struct error err;
	const struct format *f;

	error_clear(&err);
	assert_int_equal(input_from_memory(&in, "test", text, strlen(text), 0, &err), 0);
	f = sniff_format(&in, &err);
	input_close(&in);
	return f ? f->name : "(none)";
}

static void
detection(void **state)
{
	assert_string_equal(sniffed(gdb_text), "gdb");
	assert_string_equal(sniffed(eu_text), "eu-stack");
	assert_string_equal(sniffed(go_text), "goroutines");
	assert_string_equal(sniffed(go_debug1_text), "goroutines");
	assert_string_equal(sniffed(jstack_text), "jstack");
	/* pstack: headers and frames only; plain `bt` loops: frames only */
	assert_string_equal(sniffed("Thread 1 (process 9):\n#0  spin () at s.c:3\n"
		"#1  0x0000000000401150 in main () at s.c:9\n"), "gdb");
	assert_string_equal(sniffed("#0  main (argc=1) at a.c:3\n"), "gdb");
	/* eu-stack frames never have " in " or an argument list */
	assert_string_equal(sniffed("TID 1:\n#0  0x0000000000401136 fu(int)\n"), "eu-stack");
	/* jcmd without the "Full thread dump" line */
	assert_string_equal(sniffed("42:\n\"main\" #1 prio=5 tid=0x1 nid=0x2 runnable\n"
		"   java.lang.Thread.State: RUNNABLE\n\tat A.b(A.java:1)\n"), "jstack");
}

/* Every prefix of every input parses (or fails cleanly); with ASan this
 * also proves no read past the end of a buffer that is not NUL-ended. */
static void
truncations(void **state)
{
	static const struct {
		const char *format, *text;
	} cases[] = {
		{ "gdb", gdb_text }, { "eu-stack", eu_text }, { "goroutines", go_text },
		{ "goroutines", go_debug1_text }, { "jstack", jstack_text },
	};

	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		size_t len = strlen(cases[c].text);

		for (size_t n = 1; n <= len; n++) {
			char *copy = malloc(n);
			struct loaded l;

			memcpy(copy, cases[c].text, n);   /* no NUL after it */
			load(&l, cases[c].format, copy, n);
			assert_true(l.rc == 0 || l.rc == -1);
			profile_free(&l.p);
			free(copy);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gdb_threads),
		cmocka_unit_test(eu_stack_threads),
		cmocka_unit_test(go_goroutines),
		cmocka_unit_test(jstack_threads),
		cmocka_unit_test(detection),
		cmocka_unit_test(truncations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
