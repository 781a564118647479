#!/usr/bin/env python3
"""Writes a large, realistic pprof profile (raw profile.proto bytes) for
the load benchmark: a Go-like CPU profile (samples/count, cpu/nanoseconds)
with deep stacks over a few tens of thousands of functions, inlined lines,
many unique stacks, and string + numeric labels on every sample.

    pprof-gen.py OUT [--mb N] [--seed S] [--gzip]

Standard library only; deterministic for a given seed. The protobuf bytes
are written by hand (see shared/formats/pprof.md for the field numbers).
"""
import argparse
import gzip
import random
import sys


def varint(v, out):
    v &= (1 << 64) - 1   # int64 -> two's complement, as protobuf does
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)


def key(field, wire, out):
    varint((field << 3) | wire, out)


def field_varint(field, v, out):
    if v:
        key(field, 0, out)
        varint(v, out)


def field_bytes(field, data, out):
    key(field, 2, out)
    varint(len(data), out)
    out += data


def message(*pairs):
    """pairs of (field, int) -> encoded bytes of a message of varints."""
    b = bytearray()
    for f, v in pairs:
        field_varint(f, v, b)
    return bytes(b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=64, help="approximate size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gzip", action="store_true")
    args = ap.parse_args()
    rnd = random.Random(args.seed)

    strings = [""]
    index = {"": 0}

    def s(text):
        i = index.get(text)
        if i is None:
            i = index[text] = len(strings)
            strings.append(text)
        return i

    prof = bytearray()
    # header fields in Go's order: time first, then the types
    field_varint(9, 1700000000123456789, prof)
    field_bytes(1, message((1, s("samples")), (2, s("count"))), prof)
    field_bytes(1, message((1, s("cpu")), (2, s("nanoseconds"))), prof)
    field_varint(10, 30 * 10**9, prof)
    field_bytes(11, message((1, s("cpu")), (2, s("nanoseconds"))), prof)
    field_varint(12, 10000000, prof)

    # functions: package.(*Type).method names over a few hundred packages
    n_funcs = 40000
    pkgs = ["github.com/acme/svc%d/pkg%d" % (i // 20, i) for i in range(400)]
    for fid in range(1, n_funcs + 1):
        pkg = pkgs[rnd.randrange(len(pkgs))]
        if rnd.random() < 0.6:
            name = "%s.(*T%d).Method%d" % (pkg, rnd.randrange(200), fid)
        else:
            name = "%s.func%d" % (pkg, fid)
        fn = message((1, fid), (2, s(name)), (3, s(name)),
                     (4, s("/src/%s/file%d.go" % (pkg, fid % 97))))
        field_bytes(5, fn, prof)

    # locations: one to three lines (the last is the caller)
    n_locs = 120000
    for lid in range(1, n_locs + 1):
        loc = bytearray()
        field_varint(1, lid, loc)
        field_varint(2, 1, loc)
        field_varint(3, 0x400000 + lid * 16, loc)
        for _ in range(1 if rnd.random() < 0.8 else rnd.randrange(2, 4)):
            field_bytes(4, message((1, rnd.randrange(1, n_funcs + 1)),
                                   (2, rnd.randrange(1, 3000))), loc)
        field_bytes(4, loc, prof)
    field_bytes(3, message((1, 1), (2, 0x400000), (3, 0x400000 + n_locs * 16 + 4096),
                           (5, s("/usr/local/bin/server")), (7, 1)), prof)

    # unique stacks: random walks down a shared call tree, so that stacks
    # share prefixes as real ones do
    roots = [rnd.randrange(1, n_locs + 1) for _ in range(8)]
    children = {}

    def child(loc):
        c = children.get(loc)
        if c is None:
            c = children[loc] = [rnd.randrange(1, n_locs + 1)
                                 for _ in range(rnd.randrange(2, 12))]
        return c[min(int(rnd.expovariate(0.5)), len(c) - 1)]

    n_stacks = 300000
    stacks = []
    for _ in range(n_stacks):
        path = [roots[rnd.randrange(len(roots))]]
        for _ in range(rnd.randrange(8, 72)):
            path.append(child(path[-1]))
        packed = bytearray()
        for loc in reversed(path):   # leaf first
            varint(loc, packed)
        enc = bytearray()
        field_bytes(1, packed, enc)
        stacks.append(bytes(enc))

    endpoints = [s("/api/v1/resource%d" % i) for i in range(60)]
    traces = [s("%016x" % rnd.getrandbits(64)) for _ in range(150000)]
    k_trace, k_endpoint, k_bytes, u_bytes = s("trace_id"), s("endpoint"), s("bytes"), s("bytes")
    labels_ep = [message((1, k_endpoint), (2, e)) for e in endpoints]

    target = int(args.mb * 1024 * 1024)
    samples = 0
    while len(prof) < target:
        st = stacks[min(int(rnd.paretovariate(1.1)) - 1, n_stacks - 1)
                    if rnd.random() < 0.3 else rnd.randrange(n_stacks)]
        n = 1 + int(rnd.expovariate(1.0))
        sm = bytearray(st)
        key(2, 0, sm)
        varint(n, sm)
        key(2, 0, sm)
        varint(n * 10000000, sm)
        field_bytes(3, labels_ep[rnd.randrange(len(labels_ep))], sm)
        field_bytes(3, message((1, k_trace), (2, traces[rnd.randrange(len(traces))])), sm)
        if rnd.random() < 0.2:
            field_bytes(3, message((1, k_bytes), (3, rnd.randrange(1, 1 << 20)),
                                   (4, u_bytes)), sm)
        field_bytes(2, sm, prof)
        samples += 1

    # the string table goes last, as Go writes it
    for text in strings:
        field_bytes(6, text.encode(), prof)

    data = bytes(prof)
    if args.gzip:
        data = gzip.compress(data, 6)
    with open(args.out, "wb") as f:
        f.write(data)
    print("%s: %d bytes, %d samples, %d unique stacks (at most), %d strings"
          % (args.out, len(data), samples, n_stacks, len(strings)), file=sys.stderr)


if __name__ == "__main__":
    main()
