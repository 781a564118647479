# Builds the libFuzzer targets with clang into BUILDDIR/tests/fuzz/:
# fuzz-load (whole load path), fuzz-sniff (sniffing), fuzz-unwrap
# (decompression and pieces) and fuzz-<format> for every registered
# format. usage: build.sh SRCDIR BUILDDIR
set -eu
src=$1 build=$2
cc=${FUZZ_CC:-clang}
command -v "$cc" >/dev/null || { echo "fuzz: $cc not found (Debian: clang)"; exit 1; }
out=$build/tests/fuzz
mkdir -p "$out"
# the core library sources, straight from Makefile.am, minus the UI's
libsrc=$(sed -n '/^libscorch_a_SOURCES/,/^$/p' "$src/Makefile.am" |
	tr ' \t\\' '\n\n\n' | grep -E '^(src|formats)/.*\.c$' | sort -u)
flags="-g -O1 -std=c11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
-I$build -I$build/formats -I$src/src -I$src/formats"
libs="-lzstd -lz -lprotobuf-c -ljansson -lm"
files=
for f in $libsrc; do files="$files $src/$f"; done
[ -f "$build/formats/profile.pb-c.c" ] && files="$files $build/formats/profile.pb-c.c"
# compile the library once, then link each target
objdir=$out/obj
mkdir -p "$objdir"
objs=
for f in $files; do
	o=$objdir/$(echo "$f" | tr '/' '_' | sed 's/\.c$/.o/')
	[ "$o" -nt "$f" ] || $cc $flags -c "$f" -o "$o"
	objs="$objs $o"
done
$cc $flags "$src/tests/fuzz/fuzz-format.c" $objs $libs -o "$out/fuzz-load"
$cc $flags -DFUZZ_STAGE=FUZZ_SNIFF "$src/tests/fuzz/fuzz-format.c" $objs $libs -o "$out/fuzz-sniff"
$cc $flags -DFUZZ_STAGE=FUZZ_UNWRAP "$src/tests/fuzz/fuzz-format.c" $objs $libs -o "$out/fuzz-unwrap"
names=$(sed -n 's/^[[:space:]]*&format_\([a-z_0-9]*\),.*/\1/p' "$src/formats/formats.c")
for n in $names; do
	fname=$(grep -h -A3 "^const struct format format_$n = {" "$src"/formats/*.c |
		sed -n 's/.*\.name = "\([^"]*\)".*/\1/p' | head -n 1)
	[ -n "$fname" ] || continue
	$cc $flags -DFUZZ_FORMAT="\"$fname\"" "$src/tests/fuzz/fuzz-format.c" $objs $libs \
		-o "$out/fuzz-$fname"
done
ls "$out"/fuzz-*
