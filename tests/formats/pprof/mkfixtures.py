#!/usr/bin/env python3
"""Writes the binary pprof fixtures of this directory (NAME.in, plus
NAME.args where a case needs options). The .expected / .err files are
written by hand (or by `make update-golden`, then reviewed). Run it from
anywhere: python3 tests/formats/pprof/mkfixtures.py

Each case is a small profile built field by field, so that the encoding
details under test (packed vs unpacked, field order, unknown fields,
broken framing) are explicit here.
"""
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def varint(v):
    v &= (1 << 64) - 1
    b = bytearray()
    while v >= 0x80:
        b.append((v & 0x7F) | 0x80)
        v >>= 7
    b.append(v)
    return bytes(b)


def vf(field, v):
    """A varint field (also for unpacked repeated scalars)."""
    return varint(field << 3) + varint(v)


def bf(field, data):
    """A length-delimited field."""
    if isinstance(data, str):
        data = data.encode()
    return varint(field << 3 | 2) + varint(len(data)) + data


def packed(field, values):
    return bf(field, b"".join(varint(v) for v in values))


class P:
    """A profile under construction; strings are interned on use."""

    def __init__(self, types=(("samples", "count"), ("cpu", "nanoseconds"))):
        self.strings = [""]
        self.body = bytearray()
        for t, u in types:
            self.body += bf(1, vf(1, self.s(t)) + vf(2, self.s(u)))

    def s(self, text):
        if text not in self.strings:
            self.strings.append(text)
        return self.strings.index(text)

    def func(self, fid, name, filename="", system=""):
        m = vf(1, fid) + vf(2, self.s(name))
        if system:
            m += vf(3, self.s(system))
        if filename:
            m += vf(4, self.s(filename))
        self.body += bf(5, m)

    def loc(self, lid, funcs=(), mapping=0, address=0):
        """funcs: function ids, innermost first (the caller last)."""
        m = vf(1, lid)
        if mapping:
            m += vf(2, mapping)
        if address:
            m += vf(3, address)
        for i, f in enumerate(funcs):
            m += bf(4, vf(1, f) + vf(2, 10 + i))
        self.body += bf(4, m)

    def mapping(self, mid, filename):
        self.body += bf(3, vf(1, mid) + vf(2, 0x400000) + vf(3, 0x800000) +
                        vf(5, self.s(filename)))

    def sample(self, locs, values, labels=(), packed_locs=True):
        """locs leaf first; labels: (key, str) or (key, None, num, unit)."""
        m = packed(1, locs) if packed_locs else b"".join(vf(1, l) for l in locs)
        m += b"".join(vf(2, v) for v in values)
        for lab in labels:
            k, s = lab[0], lab[1]
            lm = vf(1, self.s(k))
            if s is not None:
                lm += vf(2, self.s(s))
            else:
                lm += vf(3, lab[2])
                if len(lab) > 3:
                    lm += vf(4, self.s(lab[3]))
            m += bf(3, lm)
        self.body += bf(2, m)

    def raw(self, data):
        self.body += data

    def bytes(self, strings_last=True):
        st = b"".join(bf(6, s) for s in self.strings)
        return bytes(self.body) + st if strings_last else st + bytes(self.body)


def write(name, data, args=None):
    path = os.path.join(HERE, name + ".in")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    if args:
        with open(os.path.join(HERE, name + ".args"), "w") as f:
            f.write(args + "\n")


def inline():
    # the worked example of pprof.md: strings.Index inlined into main.work
    p = P()
    for i, n in enumerate(["main.main", "main.work", "strings.Index", "runtime.main"], 1):
        p.func(i, n, filename="/src/%s.go" % n.split(".")[0])
    p.loc(10, [3, 2])
    p.loc(11, [1])
    p.loc(12, [4])
    p.sample([10, 11, 12], [3, 30000000])
    p.sample([11, 12], [1, 10000000])
    p.sample([10, 11, 12], [2, 20000000])     # same stack: summed
    p.sample([12], [0, 0])                    # all zero: dropped
    return p


def main():
    write("inline", inline().bytes())
    write("inline-samples", inline().bytes(), "--sample-type=samples")
    write("gzip", gzip.compress(inline().bytes()))

    # default_sample_type names the first type
    p = inline()
    p.raw(vf(14, p.s("samples")))
    write("default-type", p.bytes())

    # Go heap-like: period_type first, strings first, unpacked location ids,
    # unknown fields of every wire type, sparse ids (hash map path)
    p = P(types=(("alloc_objects", "count"), ("alloc_space", "bytes"),
                 ("inuse_objects", "count"), ("inuse_space", "bytes")))
    p.raw(bf(11, vf(1, p.s("space")) + vf(2, p.s("bytes"))) + vf(12, 524288))
    p.raw(vf(20, 7) + bf(21, b"future") + varint(22 << 3 | 5) + b"\0\0\0\0" +
          varint(23 << 3 | 1) + b"\1\2\3\4\5\6\7\x08")
    p.func(1 << 40, "main.alloc")
    p.func(5, "runtime.main")
    p.func(77777, "main.main")
    p.loc(900000001, [1 << 40])
    p.loc(3, [77777])
    p.loc(1 << 50, [5])
    p.sample([900000001, 3, 1 << 50], [4, 4096, 1, 1024], packed_locs=False)
    p.sample([3, 1 << 50], [1, 100, 0, 0], labels=[("bytes", None, 100, "bytes")])
    write("heap-unpacked", p.bytes(strings_last=False))
    write("heap-alloc", p.bytes(strings_last=False), "--sample-type=alloc_space")

    # unsymbolised locations: module basename kept aside, name = address
    p = P(types=(("samples", "count"),))
    p.mapping(1, "/usr/lib/libfoo.so.1")
    p.mapping(2, "/opt/app/server")
    p.loc(1, mapping=1, address=0x1234)
    p.loc(2, mapping=2, address=0x400abc)
    p.loc(3, address=0xdeadbeef)              # no mapping at all
    p.func(1, "main")
    p.loc(4, [1], mapping=2, address=0x400100)
    p.sample([1, 2, 4], [5])
    p.sample([3, 4], [2])
    write("unsymbolized", p.bytes())

    # drop_frames / keep_frames, as pprof applies them on load
    p = P(types=(("space", "bytes"),))
    names = ["main", "alloc", "malloc", "tc_internal", "operator new[]",
             "runtime.mallocgc", "runtime.panic", "caller", "helper",
             ".malloc", "malloc(unsigned long)", "(anonymous namespace)::malloc",
             "Foo::operator()(int)", "leaf"]
    for i, n in enumerate(names, 1):
        p.func(i, n)
    for i in range(1, len(names) + 1):
        p.loc(i, [i])
    p.loc(100, [4, 3, 8])      # tc_internal, malloc inlined into caller
    p.raw(vf(7, p.s(r"malloc|operator new(\[\])?|runtime\..*|tc_.*|Foo::operator\(\)")) +
          vf(8, p.s(r"runtime\.panic")))
    p.sample([4, 3, 2, 1], [1])            # main;alloc
    p.sample([14, 1, 3], [2])              # malloc at the root is kept
    p.sample([14, 5, 2, 1], [4])           # operator new[] dropped
    p.sample([14, 7, 6, 2, 1], [8])        # runtime.panic kept, still cut at mallocgc
    p.sample([14, 7, 2, 1], [16])          # keep_frames wins
    p.sample([14, 100, 1], [32])           # inlined match: only "caller" stays
    p.sample([14, 10, 1], [64])            # ".malloc" is malloc
    p.sample([14, 11, 1], [128])           # "malloc(unsigned long)" too
    p.sample([14, 12, 1], [256])           # anonymous namespace is not cut
    p.sample([14, 13, 1], [512])           # operator() is not an argument list
    write("drop-frames", p.bytes())

    # diff profile values, names with UTF-8 and spaces, system_name fallback
    p = P(types=(("samples", "count"),))
    p.func(1, "main.Größe.計算")
    p.func(2, "", system="_ZN3foo3barEv")
    p.func(3, "")
    p.func(4, "std::vector<int, std::allocator<int> >::push_back")
    for i in range(1, 5):
        p.loc(i, [i])
    p.sample([2, 1], [-5])
    p.sample([3, 1], [7])
    p.sample([4, 1], [3])
    write("names", p.bytes())

    # bad samples are skipped and counted, the rest loads
    p = P(types=(("samples", "count"),))
    p.func(1, "main")
    p.loc(1, [1])
    p.loc(2, [99])                          # unknown function
    p.sample([1], [1])
    p.sample([5, 1], [2])                   # unknown location
    p.sample([2, 1], [4])
    p.sample([1], [8, 9])                   # two values for one type
    write("skipped-samples", p.bytes())

    # threadcreate-like: a sample without locations
    p = P(types=(("threadcreate", "count"),))
    p.func(1, "runtime.main")
    p.loc(1, [1])
    p.sample([], [6])
    p.sample([1], [1])
    write("empty-stack", p.bytes())

    # ---- fatal errors ---------------------------------------------------
    good = inline().bytes()
    write("bad/truncated", good[:-3], "--format=pprof")
    write("bad/not-pprof", good[:-3])
    p = inline()
    p.strings[0] = "oops"
    write("bad/string0", p.bytes(), "--format=pprof")
    p = inline()
    p.raw(bf(5, vf(1, 9) + vf(2, 99)))
    write("bad/string-range", p.bytes())
    p = inline()
    p.loc(11, [1])
    write("bad/duplicate-id", p.bytes())
    p = inline()
    p.raw(bf(5, vf(2, 1)))
    write("bad/function-id0", p.bytes())
    write("bad/group", good + varint(3 << 3 | 3), "--format=pprof")
    write("bad/long-varint", vf(9, 1) + varint(12 << 3) + b"\xff" * 10 + b"\x01",
          "--format=pprof")
    write("bad/length", good + varint(2 << 3 | 2) + varint(1000) + b"\0",
          "--format=pprof")
    p = inline()
    p.raw(vf(9, 1) + vf(9, 2))
    write("bad/concatenated", p.bytes())
    p = P(types=())
    p.func(1, "main")
    p.loc(1, [1])
    p.sample([1], [1])
    write("bad/no-sample-type", p.bytes())
    p = inline()
    p.raw(bf(2, packed(1, [11]) + vf(2, 1) + vf(2, 1) + bf(3, vf(1, 1) + vf(2, 500))))
    write("bad/label-range", p.bytes())
    write("bad/wire-type", good + vf(6, 1), "--format=pprof")
    write("bad/no-such-type", good, "--sample-type=wall")
    write("bad/garbage", b"\0\1\2\3 not a profile \xff\xfe\0" * 4)


if __name__ == "__main__":
    main()
