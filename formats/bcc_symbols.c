#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bcc_symbols.h"
#include "xmalloc.h"

struct sym {
	const char *s;
	size_t len;
};

#define S(x) { x, sizeof x - 1 }

/* Functions that only exist in the kernel and that show up in most kernel
 * stacks: entry points, syscall and fault paths, the scheduler. Names a
 * program might plausibly use itself (schedule, worker_thread) are left
 * out: a wrong "kernel" would recolour a whole user stack. */
static const struct sym kernel_names[] = {
	S("page_fault"), S("async_page_fault"), S("do_page_fault"),
	S("__do_page_fault"), S("exc_page_fault"), S("handle_mm_fault"),
	S("ret_from_fork"), S("ret_from_fork_asm"), S("ret_from_intr"),
	S("system_call"), S("system_call_fastpath"), S("tracesys"),
	S("int_ret_from_sys_call"), S("return_from_execve"),
	S("common_interrupt"), S("apic_timer_interrupt"),
	S("reschedule_interrupt"), S("call_function_interrupt"),
	S("call_function_single_interrupt"), S("irq_work_interrupt"),
	S("error_entry"), S("xen_do_hypervisor_callback"),
	S("xen_hypervisor_callback"), S("secondary_startup_64"),
	S("secondary_startup_64_no_verify"), S("x86_64_start_kernel"),
	S("x86_64_start_reservations"), S("start_kernel"), S("rest_init"),
	S("kernel_init"), S("kthread"), S("cpu_startup_entry"), S("cpu_idle"),
	S("do_idle"), S("default_idle"), S("start_secondary"),
	S("smpboot_thread_fn"), S("process_one_work"), S("do_syscall_64"),
	S("syscall_exit_to_user_mode"), S("irqentry_exit_to_user_mode"),
	S("exit_to_user_mode_prepare"), S("exit_to_usermode_loop"),
	S("syscall_return_slowpath"), S("__schedule"), S("schedule_timeout"),
	S("io_schedule"), S("io_schedule_timeout"), S("preempt_schedule_common"),
	S("__cond_resched"), S("_cond_resched"), S("finish_task_switch"),
	S("do_nanosleep"), S("hrtimer_nanosleep"), S("do_futex"),
	S("__do_softirq"), S("irq_exit"), S("irq_exit_rcu"), S("handle_softirqs"),
	S("ret_to_user"), S("ret_fast_syscall"), S("vector_swi"), S("el0_svc"),
	S("el0_sync"), S("el0_irq"), S("invoke_syscall"), S("el0_svc_common"),
	S("do_el0_svc"), S("[Missed Kernel Stack]"),
};

static const struct sym kernel_prefixes[] = {
	S("entry_SYSCALL"), S("entry_SYSENTER"), S("entry_INT80"),
	S("entry_syscall"), S("asm_exc_"), S("asm_sysvec_"),
	S("asm_common_interrupt"), S("sysvec_"), S("el0t_"), S("el1h_"),
	S("__x64_sys_"), S("__ia32_sys_"), S("__arm64_sys_"), S("__do_sys_"),
	S("__se_sys_"), S("SyS_"), S("ksys_"), S("do_sys_"),
};

static const struct sym user_names[] = {
	S("main"), S("_start"), S("__libc_start_main"),
	S("__libc_start_call_main"), S("start_thread"), S("clone"), S("clone3"),
	S("__clone"), S("__clone3"), S("__GI___clone"), S("__GI___clone3"),
	S("_dl_start_user"), S("[Missed User Stack]"),
};

static bool
in_list(const char *name, size_t len, const struct sym *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].len == len && list[i].s[0] == name[0] &&
		    memcmp(list[i].s, name, len) == 0)
			return true;
	return false;
}

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

enum bcc_side
bcc_symbol_side(const char *name, size_t len)
{
	if (len == 0)
		return BCC_SIDE_UNKNOWN;
	if (in_list(name, len, kernel_names, COUNT(kernel_names)))
		return BCC_SIDE_KERNEL;
	for (size_t i = 0; i < COUNT(kernel_prefixes); i++) {
		const struct sym *p = &kernel_prefixes[i];

		if (len > p->len && name[0] == p->s[0] &&
		    memcmp(name, p->s, p->len) == 0)
			return BCC_SIDE_KERNEL;
	}
	if (in_list(name, len, user_names, COUNT(user_names)))
		return BCC_SIDE_USER;
	return BCC_SIDE_UNKNOWN;
}

enum bcc_side
bcc_address_side(uint64_t addr)
{
	if (addr >= 0xffff800000000000ull)
		return BCC_SIDE_KERNEL;
	/* below the first page is garbage from a frame-pointer-less walk */
	if (addr >= 0x1000 && addr < 0x0000800000000000ull)
		return BCC_SIDE_USER;
	return BCC_SIDE_UNKNOWN;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
bcc_parse_hex(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;

	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		len -= 2;
	}
	if (len == 0 || len > 16)
		return false;
	for (size_t i = 0; i < len; i++) {
		int d = hex_digit(s[i]);

		if (d < 0)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return true;
}

/* Length of name without its offset; len when it has none. */
static size_t
strip_offset(const char *name, size_t len)
{
	size_t i = len;

	/* "+49" (bpftrace) */
	while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9')
		i--;
	if (i < len && i >= 2 && name[i - 1] == '+')
		return i - 1;
	/* "+0x1a" (bcc -s, perf-style) */
	i = len;
	while (i > 0 && hex_digit(name[i - 1]) >= 0)
		i--;
	if (i < len && i >= 4 && name[i - 1] == 'x' && name[i - 2] == '0' &&
	    name[i - 3] == '+')
		return i - 3;
	return len;
}

void
bcc_split_offset(const char *name, size_t *len, const char **offset,
	size_t *offset_len)
{
	size_t n = strip_offset(name, *len);

	if (n < *len && n > 0) {
		*offset = name + n;
		*offset_len = *len - n;
		*len = n;
	}
}

int
bcc_stack_push(struct bcc_stack *st, uint32_t id)
{
	if (id == FRAME_NONE)
		return -1;
	if (st->n == st->cap)
		st->ids = xgrow(st->ids, &st->cap, st->n + 1, sizeof *st->ids);
	st->ids[st->n++] = id;
	return 0;
}

char *
bcc_stack_scratch(struct bcc_stack *st, size_t need)
{
	if (need > st->cap_buf)
		st->buf = xgrow(st->buf, &st->cap_buf, need, 1);
	return st->buf;
}

/* Copies [s, s + len) to *m with a NUL and moves *m past it. */
static const char *
put(char **m, const char *s, size_t len)
{
	char *r = *m;

	memcpy(r, s, len);
	r[len] = '\0';
	*m += len + 1;
	return r;
}

int
bcc_stack_push_frame(struct bcc_stack *st, struct sink *out,
	const struct bcc_frame_text *f, enum frame_kind kind)
{
	struct frame_desc d = { .name = f->name, .name_len = f->len,
		.kind = kind, .line = f->lineno, .address = f->address };
	char *m;

	if (!f->module && !f->file && !f->offset && !f->address)
		return bcc_stack_push(st, sink_frame(out, f->name, f->len,
			kind));
	m = bcc_stack_scratch(st, f->module_len + f->file_len +
		f->offset_len + 3);
	if (f->module)
		d.module = put(&m, f->module, f->module_len);
	if (f->file)
		d.file = put(&m, f->file, f->file_len);
	if (f->offset)
		d.detail = put(&m, f->offset, f->offset_len);
	return bcc_stack_push(st, sink_frame_desc(out, &d));
}

void
bcc_stack_free(struct bcc_stack *st)
{
	free(st->ids);
	free(st->buf);
	memset(st, 0, sizeof *st);
}
