#include "config.h"

#include <string.h>

#include "bcc_symbols.h"

/* Functions that only exist in the kernel and that show up in most kernel
 * stacks: entry points, syscall and fault paths, the scheduler. Names a
 * program might plausibly use itself (schedule, worker_thread) are left
 * out: a wrong "kernel" would recolour a whole user stack. */
static const char *const kernel_names[] = {
	"page_fault", "async_page_fault", "do_page_fault", "__do_page_fault",
	"exc_page_fault", "handle_mm_fault",
	"ret_from_fork", "ret_from_fork_asm", "ret_from_intr",
	"system_call", "system_call_fastpath", "tracesys",
	"int_ret_from_sys_call", "return_from_execve",
	"common_interrupt", "apic_timer_interrupt", "reschedule_interrupt",
	"call_function_interrupt", "call_function_single_interrupt",
	"irq_work_interrupt", "error_entry",
	"xen_do_hypervisor_callback", "xen_hypervisor_callback",
	"secondary_startup_64", "secondary_startup_64_no_verify",
	"x86_64_start_kernel", "x86_64_start_reservations", "start_kernel",
	"rest_init", "kernel_init", "kthread", "cpu_startup_entry", "cpu_idle",
	"do_idle", "default_idle", "start_secondary", "smpboot_thread_fn",
	"process_one_work",
	"do_syscall_64", "syscall_exit_to_user_mode",
	"irqentry_exit_to_user_mode", "exit_to_user_mode_prepare",
	"exit_to_usermode_loop", "syscall_return_slowpath",
	"__schedule", "schedule_timeout", "io_schedule", "io_schedule_timeout",
	"preempt_schedule_common", "__cond_resched", "_cond_resched",
	"finish_task_switch", "do_nanosleep", "hrtimer_nanosleep", "do_futex",
	"__do_softirq", "irq_exit", "irq_exit_rcu", "handle_softirqs",
	"ret_to_user", "ret_fast_syscall", "vector_swi",
	"el0_svc", "el0_sync", "el0_irq", "invoke_syscall", "el0_svc_common",
	"do_el0_svc",
	"[Missed Kernel Stack]",
};

static const char *const kernel_prefixes[] = {
	"entry_SYSCALL", "entry_SYSENTER", "entry_INT80", "entry_syscall",
	"asm_exc_", "asm_sysvec_", "asm_common_interrupt", "sysvec_",
	"el0t_", "el1h_",
	"__x64_sys_", "__ia32_sys_", "__arm64_sys_", "__do_sys_", "__se_sys_",
	"SyS_", "ksys_", "do_sys_",
};

static const char *const user_names[] = {
	"main", "_start", "__libc_start_main", "__libc_start_call_main",
	"start_thread", "clone", "clone3", "__clone", "__clone3",
	"__GI___clone", "__GI___clone3", "_dl_start_user",
	"[Missed User Stack]",
};

static bool
in_list(const char *name, size_t len, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], name, len) == 0)
			return true;
	return false;
}

enum bcc_side
bcc_symbol_side(const char *name, size_t len)
{
	if (len == 0)
		return BCC_SIDE_UNKNOWN;
	if (in_list(name, len, kernel_names,
	    sizeof kernel_names / sizeof kernel_names[0]))
		return BCC_SIDE_KERNEL;
	for (size_t i = 0; i < sizeof kernel_prefixes / sizeof kernel_prefixes[0]; i++) {
		size_t n = strlen(kernel_prefixes[i]);

		if (len > n && memcmp(name, kernel_prefixes[i], n) == 0)
			return BCC_SIDE_KERNEL;
	}
	if (in_list(name, len, user_names,
	    sizeof user_names / sizeof user_names[0]))
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

size_t
bcc_strip_offset(const char *name, size_t len)
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
