#!/bin/bash
# scorch setup: install what is missing (Debian, as root), build, and then
#   ./setup.sh          open scorch on the bundled example profile
#   ./setup.sh check    run the whole test suite: make check in a normal
#                       build and in an -fsanitize=address,undefined build,
#                       then one line "N passed, N failed"
#   ./setup.sh build    only install and build
# Builds go to build/ and build-asan/ (out of tree).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
what=${1:-run}
jobs=$(nproc 2>/dev/null || echo 2)

packages="build-essential autoconf automake pkg-config libncurses-dev \
libzstd-dev zlib1g-dev libprotobuf-c-dev protobuf-c-compiler uthash-dev \
libjansson-dev libcmocka-dev tmux zstd gzip ncurses-term valgrind python3"

# the test suite also fuzzes (clang's libFuzzer) and converts a raw
# perf.data with perf
check_packages="clang libclang-rt-14-dev linux-perf"

install_missing() {
	local missing=
	for p in $packages; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "setup: missing Debian packages:$missing" >&2
		echo "setup: run as root, or: sudo apt-get install$missing" >&2
		exit 1
	fi
	echo "setup: installing$missing"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# build DIR [configure args...]
build() {
	local dir=$1
	shift
	[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] ||
		autoreconf -fi >/dev/null
	mkdir -p "$dir"
	(cd "$dir" && { [ -f Makefile ] || ../configure -q "$@"; } && make -s -j"$jobs")
}

# Runs make check in DIR; prints its log summary; never stops the script.
check_in() {
	local dir=$1
	(cd "$dir" && make -s -j"$jobs" check) || true
	if [ -f "$dir/test-suite.log" ]; then
		sed -n '1,12p' "$dir/test-suite.log" | grep -E '^# ' || true
	fi
}

count() { # count DIR KEY
	sed -n "s/^# $2: *\\([0-9]*\\)\$/\\1/p" "$1/test-suite.log" 2>/dev/null | head -n 1
}

[ "$what" = check ] && packages="$packages $check_packages"
install_missing
case $what in
run)
	build build
	exec build/scorch tests/data/gcc-compile.perf.zst
	;;
build)
	build build
	;;
check)
	build build
	build build-asan --enable-sanitizers CFLAGS="-O1 -g"
	echo "== make check (plain build)"
	check_in build
	echo "== make check (ASan + UBSan build)"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 check_in build-asan
	echo "== fuzz smoke (fixed seed, ${FUZZ_RUNS:-30000} runs per target)"
	(cd build && make -s fuzz-smoke) 2>&1 | tee build/fuzz-smoke.log | grep -v '^INFO' || true
	pass=0 fail=0
	fp=$(sed -n 's/^fuzz: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' build/fuzz-smoke.log)
	ff=$(sed -n 's/^fuzz: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' build/fuzz-smoke.log)
	if [ -z "$fp" ]; then
		echo "fuzz smoke did not run" >&2
		fail=1
	else
		pass=$fp fail=$ff
	fi
	for d in build build-asan; do
		p=$(count $d PASS) f=$(count $d FAIL) e=$(count $d ERROR) x=$(count $d XPASS)
		if [ -z "$p" ]; then
			echo "no test results in $d" >&2
			fail=$((fail + 1))
			continue
		fi
		pass=$((pass + p))
		fail=$((fail + ${f:-0} + ${e:-0} + ${x:-0}))
		s=$(count $d SKIP)
		[ "${s:-0}" = 0 ] || echo "$d: ${s} skipped"
	done
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	;;
*)
	echo "usage: ./setup.sh [run|check|build]" >&2
	exit 2
	;;
esac
