#!/bin/sh
# Writes a large, realistic `perf script` text file on stdout, for the
# perf-script parsing benchmark:
#
#   perf-script-gen.sh [SIZE_MB] > big.perf      (default 500 MB)
#
# Shape (as `perf record -a -g` then `perf script` on perf 6.x): several
# comms and threads, CPU and period fields, deep stacks (15-90 frames) of
# C, C++ (templates, argument lists) and JIT (/tmp/perf-PID.map) frames,
# kernel syscall/irq tails on about a third of the samples, [unknown]
# frames, a dozen sampled addresses per function, fixed return addresses
# per call site, and tens of thousands of distinct stacks with a skewed
# (hot-path) distribution. SEED=N changes
# the data; the same SEED always gives the same file.
size_mb=${1:-500}
seed=${SEED:-42}

exec awk -v target_mb="$size_mb" -v seed="$seed" '
function hex(n, w) { return sprintf("%0" w "x", n) }
function pick(n) { return int(rand() * n) }

function init_funcs(   i, k, dso) {
	nd = split("/usr/sbin/appd /usr/lib/x86_64-linux-gnu/libc.so.6 " \
		"/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30 /opt/app/lib/libcore.so " \
		"/tmp/perf-4242.map /usr/lib/x86_64-linux-gnu/libz.so.1.2.13", dsos, " ")
	split("parse handle read write encode decode hash lookup insert " \
		"compress flush poll dispatch render update merge sort scan " \
		"alloc free visit resolve commit apply", verbs, " ")
	split("Request Buffer Session Table Index Json Frame Node Cache " \
		"Query Stream Worker Token Graph Page", nouns, " ")
	nu = 3000
	for (i = 0; i < nu; i++) {
		k = pick(nd)
		fdso[i] = dsos[k + 1]
		fsize[i] = 64 + pick(4000)
		fbase[i] = (k + 1) * 1048576 + pick(900000)
		v = verbs[pick(24) + 1]; n = nouns[pick(15) + 1]
		if (fdso[i] ~ /perf-/)
			fname[i] = "Lcom/example/" tolower(n) "/" n "Service;::" v n
		else if (fdso[i] ~ /libstdc|libcore/)
			fname[i] = "app::" n "<std::basic_string<char>, " n "Traits>::" v "_" i "(" n "&, unsigned long) const"
		else if (fdso[i] ~ /libc/)
			fname[i] = "__" v "_" i
		else
			fname[i] = v "_" tolower(n) "_" i
		fexe[i] = fdso[i] ~ /appd/
		# callees: a few later functions, so that paths share prefixes
		ncallee[i] = 1 + pick(5)
		for (k = 0; k < ncallee[i]; k++) {
			callee[i, k] = (i + 1 + pick(200)) % nu
			retoff[i, k] = pick(fsize[i])
		}
		# hot instructions where samples land in this function
		for (k = 0; k < 12; k++)
			hot[i, k] = pick(fsize[i])
	}
	split("entry_SYSCALL_64_after_hwframe do_syscall_64 __x64_sys_read " \
		"ksys_read vfs_read new_sync_read sock_read_iter tcp_recvmsg " \
		"__x64_sys_write ksys_write vfs_write pipe_write __wake_up_common " \
		"asm_sysvec_apic_timer_interrupt sysvec_apic_timer_interrupt " \
		"__irq_exit_rcu __do_softirq net_rx_action __napi_poll " \
		"copy_user_enhanced_fast_string _raw_spin_lock mutex_lock " \
		"schedule __schedule finish_task_switch.isra.0 page_fault " \
		"exc_page_fault do_user_addr_fault handle_mm_fault __handle_mm_fault " \
		"clear_page_erms ext4_file_read_iter filemap_read", kfn, " ")
	nk = 33
	for (i = 0; i < 300; i++) {
		d = 4 + pick(20)
		s = ""
		for (k = 0; k < d; k++) {
			f = pick(nk) + 1
			s = s sprintf("\t%16s %s+0x%x ([kernel.kallsyms])\n",
				"ffffffff8" hex(1048576 * f + pick(60000), 7), kfn[f], pick(400))
		}
		kchain[i] = s
	}
}

function init_paths(   p, d, k, f, c, s, root) {
	np = 30000
	for (p = 0; p < np; p++) {
		root = pick(40)
		d = 12 + pick(75)
		f = root
		# frames root first; stored as caller lines, printed reversed
		for (k = 0; k < d; k++) {
			path[p, k] = f
			c = pick(ncallee[f])
			slot[p, k] = c
			f = callee[f, c]
		}
		plen[p] = d
		# the caller frames of a path are fixed return addresses
		pbytes[p] = 0
		for (k = 0; k < d - 1; k++) {
			pline[p, k] = frame(path[p, k], retoff[path[p, k], slot[p, k]])
			pbytes[p] += length(pline[p, k])
		}
		ptail[p] = (pick(100) < 8) ? sprintf("\t%16s [unknown] ([unknown])\n", "0") : ""
		pbytes[p] += length(ptail[p]) + 1
	}
}

function frame(f, off,   a) {
	if (fexe[f])
		a = "55d0c0" hex(fbase[f] + off, 6)
	else
		a = "7f" hex(fbase[f] + off + 16777216, 10)
	return sprintf("\t%16s %s+0x%x (%s)\n", a, fname[f], off, fdso[f])
}

BEGIN {
	srand(seed)
	target = target_mb * 1048576
	ncomm = split("appd|appd|appd|Web Worker|java|postgres|nginx|kworker/3:1", comms, "|")
	init_funcs()
	init_paths()
	t = 8801.000000
	bytes = 0
	while (bytes < target) {
		ci = pick(ncomm) + 1
		comm = comms[ci]
		tid = 1000 * ci + pick(16)
		r = rand()
		p = int(np * r * r)
		t += 0.000197
		out = sprintf("%s %d/%d [%03d] %12.6f: %10d cpu-clock:ppp: \n",
			comm, 1000 * ci, tid, pick(32), t, 1001001)
		if (pick(100) < 35)
			out = out kchain[pick(300)]
		d = plen[p]
		f = path[p, d - 1]
		out = out frame(f, hot[f, pick(12)])
		printf "%s", out
		# the callers, printed one by one: building one string is slow
		for (k = d - 2; k >= 0; k--)
			printf "%s", pline[p, k]
		printf "%s\n", ptail[p]
		bytes += length(out) + pbytes[p]
	}
}'
