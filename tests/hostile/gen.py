#!/usr/bin/env python3
"""Hostile inputs for tests/hostile/run.sh, made at test time (big ones
are never committed). Python 3 standard library only.

    gen.py list            case names, in order, one per line
    gen.py make DIR NAME   writes DIR/NAME/: the input and the expectation

A case directory holds:
    in        the input (or nothing, when 'kind' makes it)
    args      scorch's arguments, one per line ('in' names the input)
    code      the exit status wanted
    err       an ERE stderr must match (absent: stderr must be empty)
    out       the exact stdout wanted (optional)
    outre     an ERE stdout must match (optional)
    kind      how run.sh runs it: file (default), stdin, dir, fifo-none,
              fifo-late, fifo-early, fifo-slow, fifo-close, unreadable, path
    payload   what a FIFO writer writes (fifo-* kinds)
    rss       peak RSS budget in MiB for the plain build (default 256;
              an ASan build gets twice as much plus 256)
    fmt, cat  the format and category, for the summary
"""
import gzip
import json
import os
import struct
import sys
import zlib

CASES = []          # (name, fmt, cat, function returning a dict)


def case(name, fmt, cat):
    def add(fn):
        CASES.append((name, fmt, cat, fn))
        return fn
    return add


def b(s):
    return s if isinstance(s, bytes) else s.encode('utf-8', 'surrogateescape')


# ---- what scorch prints: escaping as src/escape.c does --------------------

def utf8_len(s, i):
    """Length of the valid, non-C1 UTF-8 sequence at s[i], or 0."""
    c = s[i]
    if c < 0x80:
        return 1
    if 0xc2 <= c <= 0xdf:
        n, cp = 2, c & 0x1f
    elif 0xe0 <= c <= 0xef:
        n, cp = 3, c & 0x0f
    elif 0xf0 <= c <= 0xf4:
        n, cp = 4, c & 0x07
    else:
        return 0
    if len(s) - i < n:
        return 0
    for k in range(1, n):
        if s[i + k] & 0xc0 != 0x80:
            return 0
        cp = (cp << 6) | (s[i + k] & 0x3f)
    if (n == 3 and cp < 0x800) or (n == 4 and not 0x10000 <= cp <= 0x10ffff) \
            or 0xd800 <= cp <= 0xdfff or 0x80 <= cp <= 0x9f:
        return 0
    return n


def escape(s):
    s, out, i = b(s), bytearray(), 0
    while i < len(s):
        c = s[i]
        n = utf8_len(s, i) if c >= 0x20 and c != 0x7f else 0
        if n:
            out += s[i:i + n]
            i += n
            continue
        out += {9: b'\\t', 10: b'\\n', 13: b'\\r'}.get(c, b'\\x%02x' % c)
        i += 1
    return bytes(out)


def folded_line(frames, count):
    """One line of `scorch --folded`: escaped frames, ';' shown as ':'."""
    path = b';'.join(escape(f).replace(b';', b':') for f in frames)
    return path + b' ' + b(str(count)) + b'\n'


def folded(samples):
    """The whole --folded output for [(frames, count)], merged and sorted."""
    merged = {}
    for frames, count in samples:
        key = tuple(b(f) for f in frames)
        merged[key] = merged.get(key, 0) + count
    lines = [folded_line(k, v) for k, v in merged.items()]
    return b''.join(sorted(lines))


# ---- the text formats, each from [(frames root first, count)] -------------
# ROOT: the frame each format puts above the stack (perf: the command).

ROOT = {'perf-script': [b'prog'], 'bcc': [b'prog (1)']}
DUMPS = ('gdb', 'eu-stack', 'goroutines', 'jstack')   # one thread = 1
FORMATS = ('folded', 'perf-script', 'pprof', 'bcc', 'bpftrace', 'gdb',
           'eu-stack', 'goroutines', 'jstack', 'cpuprofile', 'speedscope')
TEXT = ('folded', 'perf-script', 'bcc', 'bpftrace', 'gdb', 'eu-stack',
        'goroutines', 'jstack')


def render_text(fmt, samples):
    out = []
    if fmt == 'bcc':
        out.append(b'Tracing off-CPU time (us) of all threads by user + '
                   b'kernel stack... Hit Ctrl-C to end.\n\n')
    if fmt == 'eu-stack':
        out.append(b'PID 1 - process\n')
    if fmt == 'jstack':
        out.append(b'Full thread dump OpenJDK 64-Bit Server VM (17.0.9+9 '
                   b'mixed mode, sharing):\n\n')
    tid = 0
    for frames, count in samples:
        leaf = [b(f) for f in reversed(frames)]
        reps = count if fmt in DUMPS else 1
        for _ in range(reps):
            tid += 1
            out.append(render_one(fmt, leaf, count, tid))
    return b''.join(out)


def render_one(fmt, leaf, count, tid):
    n = b(str(count))
    if fmt == 'folded':
        return b';'.join(reversed(leaf)) + b' ' + n + b'\n'
    if fmt == 'perf-script':
        head = b'prog 1 %d.%06d: ' % (tid // 1000000, tid % 1000000)
        return head + n + b' cycles:\n' + b''.join(
            b'\t%x %s (/bin/prog)\n' % (0x401000 + i, f)
            for i, f in enumerate(leaf)) + b'\n'
    if fmt == 'bcc':
        return b''.join(b'    %s\n' % f for f in leaf) + \
            b'    -                prog (1)\n        ' + n + b'\n\n'
    if fmt == 'bpftrace':
        return b'@[\n' + b''.join(b'    %s+4\n' % f for f in leaf) + \
            b']: ' + n + b'\n'
    if fmt == 'gdb':
        return b'Thread %d (LWP %d):\n' % (tid, tid) + b''.join(
            b'#%d  0x%016x in %s () at app.c:%d\n' % (i, 0x401000 + i, f, i + 1)
            for i, f in enumerate(leaf)) + b'\n'
    if fmt == 'eu-stack':
        return b'TID %d:\n' % tid + b''.join(
            b'#%-2d 0x%016x %s\n' % (i, 0x401000 + i, f)
            for i, f in enumerate(leaf))
    if fmt == 'goroutines':
        return b'goroutine %d [running]:\n' % tid + b''.join(
            b'%s()\n\t/src/app.go:%d +0x1d\n' % (f, i + 1)
            for i, f in enumerate(leaf)) + b'\n'
    if fmt == 'jstack':
        return (b'"t-%d" #%d prio=5 os_prio=0 tid=0x00007f3b2c0e%04x '
                b'nid=0x%x runnable  [0x00007f3ae11fe000]\n'
                b'   java.lang.Thread.State: RUNNABLE\n' % (tid, tid, tid, tid)) + \
            b''.join(b'\tat %s(App.java:%d)\n' % (f, i + 1)
                     for i, f in enumerate(leaf)) + b'\n'
    raise ValueError(fmt)


def jstr(s):
    """A JSON string literal for bytes (control bytes as \\u escapes)."""
    return json.dumps(b(s).decode('utf-8', 'surrogateescape'),
                      ensure_ascii=False).encode('utf-8', 'surrogateescape')


def render_cpuprofile(samples):
    """A call tree with one chain of nodes per sample stack."""
    nodes = [b'{"id":1,"callFrame":{"functionName":"(root)"},"children":[%s]}']
    kids, hits, nid = [], [], 1
    for frames, count in samples:
        parent_kids = kids
        for i, f in enumerate(frames):
            nid += 1
            if i == 0:
                parent_kids.append(nid)
            child = b'[%d]' % (nid + 1) if i < len(frames) - 1 else b'[]'
            nodes.append(b'{"id":%d,"callFrame":{"functionName":%s},'
                         b'"children":%s}' % (nid, jstr(f), child))
        hits += [nid] * count
    nodes[0] = nodes[0] % b(','.join(map(str, kids)))
    return (b'{"nodes":[' + b',\n'.join(nodes) + b'],"startTime":0,'
            b'"endTime":%d,"samples":[%s],"timeDeltas":[%s]}\n'
            % (len(hits), b(','.join(map(str, hits))),
               b(','.join(['1'] * len(hits)))))


SPEEDSCOPE_SCHEMA = b'"$schema":"https://www.speedscope.app/file-format-schema.json"'


def render_speedscope(samples, weights=None):
    names, index = [], {}
    for frames, _ in samples:
        for f in frames:
            if b(f) not in index:
                index[b(f)] = len(names)
                names.append(b(f))
    stacks = [b'[%s]' % b(','.join(str(index[b(f)]) for f in frames))
              for frames, _ in samples]
    w = weights or [b(str(c)) for _, c in samples]
    return (b'{' + SPEEDSCOPE_SCHEMA + b',"shared":{"frames":[' +
            b','.join(b'{"name":%s}' % jstr(n) for n in names) +
            b']},"profiles":[{"type":"sampled","name":"p","unit":"none",'
            b'"startValue":0,"endValue":1,"samples":[' + b','.join(stacks) +
            b'],"weights":[' + b','.join(w) + b']}]}\n')


# ---- pprof: a small protobuf writer -----------------------------------------

def varint(v):
    v &= (1 << 64) - 1
    out = bytearray()
    while True:
        if v < 0x80:
            out.append(v)
            return bytes(out)
        out.append((v & 0x7f) | 0x80)
        v >>= 7


def fvar(num, v):
    return varint(num << 3) + varint(v)


def fbytes(num, data):
    return varint(num << 3 | 2) + varint(len(data)) + data


def packed(num, vals):
    return fbytes(num, b''.join(varint(v) for v in vals))


class Pprof:
    """Profile pieces; bytes() joins them. Ids and string indices are
    plain numbers so that cases can make them lie."""

    def __init__(self, types=(('samples', 'count'),)):
        self.strings = [b'']
        self.index = {b'': 0}
        self.fields = []
        self.funcs = {}
        for t, u in types:
            self.fields.append(fbytes(1, fvar(1, self.s(t)) + fvar(2, self.s(u))))

    def s(self, text):
        text = b(text)
        if text not in self.index:
            self.index[text] = len(self.strings)
            self.strings.append(text)
        return self.index[text]

    def loc(self, name):
        """Location id of a frame name (one function, one location each)."""
        name = b(name)
        if name not in self.funcs:
            i = len(self.funcs) + 1
            self.funcs[name] = i
            self.fields.append(fbytes(5, fvar(1, i) + fvar(2, self.s(name))))
            self.fields.append(fbytes(4, fvar(1, i) + fvar(3, 0x1000 + i) +
                                      fbytes(4, fvar(1, i) + fvar(2, 1))))
        return self.funcs[name]

    def sample(self, frames, values, extra=b''):
        ids = [self.loc(f) for f in reversed(frames)]
        self.fields.append(fbytes(2, packed(1, ids) + packed(2, values) + extra))

    def bytes(self, strings=True):
        table = b''.join(fbytes(6, t) for t in self.strings) if strings else b''
        return b''.join(self.fields) + table


def render_pprof(samples):
    p = Pprof()
    for frames, count in samples:
        p.sample(frames, [count])
    return p.bytes()


def render(fmt, samples):
    if fmt == 'cpuprofile':
        return render_cpuprofile(samples)
    if fmt == 'speedscope':
        return render_speedscope(samples)
    if fmt == 'pprof':
        return render_pprof(samples)
    return render_text(fmt, samples)


def expected(fmt, samples):
    """--folded output of render(fmt, samples)."""
    root = ROOT.get(fmt, [])
    if fmt == 'folded':   # there ';' separates frames
        samples = [([p for f in frames for p in b(f).split(b';')], c)
                   for frames, c in samples]
    return folded([(root + [b(f) for f in frames], c) for frames, c in samples])


# ---- compression ----------------------------------------------------------

def gzip_bytes(data):
    return gzip.compress(data, 6, mtime=0)


def gzip_stream(chunk, times):
    """A gzip member of chunk repeated, written without holding it all."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = []
    for _ in range(times):
        out.append(z.compress(chunk))
    out.append(z.flush())
    return b''.join(out)


def zstd_raw(data, last=True):
    """A zstd frame of raw (stored) blocks: no compressor needed."""
    out = bytearray(b'\x28\xb5\x2f\xfd\x00\x58')   # window 1 MiB, no size
    blocks = [data[i:i + 65536] for i in range(0, len(data), 65536)] or [b'']
    for i, blk in enumerate(blocks):
        end = 1 if (last and i == len(blocks) - 1) else 0
        out += struct.pack('<I', end | (0 << 1) | (len(blk) << 3))[:3] + blk
    return bytes(out)


def zstd_rle(byte, size):
    """A zstd frame of RLE blocks (4 bytes per 128 KiB): a bomb."""
    out = bytearray(b'\x28\xb5\x2f\xfd\x00\x58')
    left = size
    while left > 0:
        n = min(left, 1 << 17)
        left -= n
        out += struct.pack('<I', (1 if left == 0 else 0) | (1 << 1) | (n << 3))[:3]
        out.append(byte)
    return bytes(out)


# ---- case helpers ---------------------------------------------------------

def spec(inp=None, args=('--folded', 'in'), code=0, err=None, out=None,
         outre=None, kind=None, payload=None, rss=None):
    return dict(inp=inp, args=list(args), code=code, err=err, out=out,
                outre=outre, kind=kind, payload=payload, rss=rss)


def fmt_args(fmt, *extra):
    """--folded plus --format=FMT for a format that sniffing cannot see in
    the input at hand."""
    return ['--folded', '--format=' + fmt] + list(extra) + ['in']


BASE = [(['main', 'run', 'work'], 3), (['main', 'idle'], 2)]

DEPTH_RE = (r'stack of (more than )?[0-9]+ frames (exceeds the limit of 65536 )?'
            r'\(raise (it|the limit) with --max-depth\)')
NAME_RE = (r'frame name of 1048576 bytes exceeds the limit of 65536 '
           r'\(raise it with --max-name-len\)')
FRAMES_RE = r'more than 20 distinct frames \(raise the limit with --max-frames\)'

# Names that try to drive a terminal: CSI, OSC 52 and title with BEL,
# DCS, 8-bit CSI, C1 in UTF-8, DEL, backspace, alternate screen.
NASTY = [b'\x1b[31mred\x1b[0m', b'\x1b]52;c;aGk=\x07', b'\x1b]0;pwned\x07title',
         b'bel\x07x', b'\x1bP1$q\x1b\\dcs', b'csi\x9b2J', b'c1\xc2\x9b2J',
         b'del\x7fx', b'bs\x08\x08x', b'\x1b[?1049h\x1b[2J\x1b[H']
BAD_UTF8 = [b'bad\xff\xfe', b'cut\xe2\x82', b'overlong\xc0\xaf',
            b'surrogate\xed\xa0\x80', b'big\xf5\x80\x80\x80', b'ok\xc3\xa9']


def json_safe(names):
    """JSON text must be UTF-8: raw 8-bit bytes cannot be in it."""
    def utf8_ok(n):
        try:
            n.decode('utf-8')
            return True
        except UnicodeDecodeError:
            return False
    return [n for n in names if utf8_ok(n)]


# ---- per-format cases -------------------------------------------------------

def per_format():
    for fmt in FORMATS:
        deep = ['f%d' % i for i in range(100000)]
        big = ['main', 'x' * (1 << 20)]
        many = [['main', 'f%d' % i] for i in range(50)]

        case(fmt + '-depth-100k', fmt, 'depth')(
            lambda fmt=fmt, deep=deep: spec(render(fmt, [(deep, 1)]), code=2,
                                            err=DEPTH_RE, rss=400))
        case(fmt + '-depth-raised', fmt, 'depth')(
            lambda fmt=fmt, deep=deep: spec(
                render(fmt, [(deep, 1)]), args=['--folded', '--max-depth=200000', 'in'],
                out=expected(fmt, [(deep, 1)]), rss=600))
        case(fmt + '-name-1mb', fmt, 'name-len')(
            lambda fmt=fmt, big=big: spec(render(fmt, [(big, 1)]), code=2,
                                          err=NAME_RE, rss=300))
        case(fmt + '-name-raised', fmt, 'name-len')(
            lambda fmt=fmt, big=big: spec(
                render(fmt, [(big, 1)]), args=['--folded', '--max-name-len=2000000', 'in'],
                out=expected(fmt, [(big, 1)]), rss=300))
        case(fmt + '-frames-limit', fmt, 'max-frames')(
            lambda fmt=fmt, many=many: spec(
                render(fmt, [(m, 1) for m in many]),
                args=['--folded', '--max-frames=20', 'in'], code=2, err=FRAMES_RE))
        case(fmt + '-frames-raised', fmt, 'max-frames')(
            lambda fmt=fmt, many=many: spec(
                render(fmt, [(m, 1) for m in many]),
                args=['--folded', '--max-frames=60', 'in'],
                out=expected(fmt, [(m, 1) for m in many])))
        nasty = NASTY if fmt not in ('cpuprofile', 'speedscope') else json_safe(NASTY)
        ctl = [(['main'] + nasty, 3), (['main', b'\x1b[1mbold\x1b[0m'], 1)]
        # folded lines of nothing but escapes are mostly control bytes:
        # sniffing calls that binary, so the format is named
        force = ['--format=folded'] if fmt == 'folded' else []
        case(fmt + '-control-folded', fmt, 'control')(
            lambda fmt=fmt, ctl=ctl, force=force: spec(
                render(fmt, ctl), args=['--folded'] + force + ['in'], out=expected(fmt, ctl)))
        case(fmt + '-control-print', fmt, 'control')(
            lambda fmt=fmt, ctl=ctl, force=force: spec(
                render(fmt, ctl), args=['--print', '--width=200'] + force + ['in'],
                outre=r'\\x1b\[31mred'))
        case(fmt + '-control-top', fmt, 'control')(
            lambda fmt=fmt, ctl=ctl, force=force: spec(
                render(fmt, ctl), args=['--top'] + force + ['in'],
                outre=r'\\x1b\[1mbold\\x1b\[0m$'))
        case(fmt + '-control-info', fmt, 'control')(
            lambda fmt=fmt, ctl=ctl, force=force: spec(
                render(fmt, ctl), args=['--info'] + force + ['in'],
                outre='^format: ' + fmt + '$'))
        if fmt == 'folded':
            case('folded-control-sniffed', fmt, 'control')(
                lambda ctl=ctl: spec(render('folded', ctl), code=2,
                                     err=r'^scorch: in: unrecognised binary input$'))
        if fmt in ('cpuprofile', 'speedscope'):
            uni = [(['main', b'nul\x00z', b'ok\xc3\xa9', b'\xe2\x80\xaeevil'], 2)]
            case(fmt + '-nul-escaped', fmt, 'nul')(
                lambda fmt=fmt, uni=uni: spec(render(fmt, uni), out=expected(fmt, uni)))
            raw = render(fmt, [(['main', 'XbadX'], 1)]).replace(b'XbadX', b'bad\xff\xfe')
            case(fmt + '-invalid-utf8', fmt, 'utf8')(
                lambda raw=raw: spec(raw, code=2,
                                     err=r'invalid JSON: unable to decode byte 0xff'))
            nul = render(fmt, [(['main', 'XnulX'], 1)]).replace(b'XnulX', b'n\x00l')
            case(fmt + '-raw-nul', fmt, 'nul')(
                lambda nul=nul: spec(nul, code=2, err=r'unrecognised binary input'))
        else:
            utf = [(['main'] + BAD_UTF8, 2)]
            case(fmt + '-invalid-utf8', fmt, 'utf8')(
                lambda fmt=fmt, utf=utf: spec(render(fmt, utf), out=expected(fmt, utf)))
        if fmt == 'pprof':
            nul = [(['main', b'nul\x00byte', b'x\x00'], 2)]
            case('pprof-nul-escaped', fmt, 'nul')(
                lambda nul=nul: spec(render('pprof', nul), out=expected('pprof', nul)))
        if fmt in TEXT:
            nul = [(['main', b'nul\x00byte', b'x\x00'], 2)]
            case(fmt + '-nul-sniffed', fmt, 'nul')(
                lambda fmt=fmt, nul=nul: spec(render(fmt, nul), code=2,
                                              err=r'unrecognised binary input'))
            case(fmt + '-nul-forced', fmt, 'nul')(
                lambda fmt=fmt, nul=nul: spec(render(fmt, nul), args=fmt_args(fmt),
                                              out=expected(fmt, nul)))
        case(fmt + '-empty-forced', fmt, 'empty')(
            lambda fmt=fmt: spec(b'', args=fmt_args(fmt), code=2,
                                 err=r'^scorch: in: empty input$'))
        case(fmt + '-gzip-truncated', fmt, 'compress')(
            lambda fmt=fmt: spec(gzip_bytes(render(fmt, BASE * 40))[:-30], code=2,
                                 err=r'^scorch: in: gzip: (truncated data|'
                                     r'unexpected end of file)$'))
        case(fmt + '-gzip-ok', fmt, 'compress')(
            lambda fmt=fmt: spec(gzip_bytes(render(fmt, BASE)), out=expected(fmt, BASE)))
        case(fmt + '-zstd-truncated', fmt, 'compress')(
            lambda fmt=fmt: spec(zstd_raw(render(fmt, BASE))[:-7], code=2,
                                 err=r'^scorch: in: zstd: truncated data$'))
        case(fmt + '-zstd-ok', fmt, 'compress')(
            lambda fmt=fmt: spec(zstd_raw(render(fmt, BASE)), out=expected(fmt, BASE)))
        case(fmt + '-gzip-bomb', fmt, 'bomb')(
            lambda fmt=fmt: spec(gzip_stream(render(fmt, BASE),
                                             24000000 // len(render(fmt, BASE))),
                                 args=['--folded', '--max-input=20M', 'in'], code=2,
                                 err=r'decompressed input exceeds the limit of 20971520 '
                                     r'bytes \(raise it with --max-input=SIZE\)',
                                 rss=120))


per_format()


# ---- long lines with no newline ---------------------------------------------

TEN_MB = 10 * 1000 * 1000
LONG_WARN = {
    'folded': r'warning: 1 line skipped \(no count\), first at in:3: x{20}',
    'perf-script': r'warning: 1 record skipped \(bad event line\), first at in:[0-9]+: x{20}',
    'bcc': r'warning: 1 [a-z ]+, first at in:[0-9]+: x{20}',
    'bpftrace': r'warning: 1 [a-z ]+, first at in:[0-9]+: x{20}',
    'gdb': r'warning: 1 unrecognised line, first at in:[0-9]+: x{20}',
    'eu-stack': r'warning: 1 unrecognised line, first at in:[0-9]+: x{20}',
    'goroutines': r'warning: 1 unrecognised line, first at in:[0-9]+: x{20}',
    'jstack': r'warning: 1 unrecognised line, first at in:[0-9]+: x{20}',
}
for _fmt in TEXT:
    case(_fmt + '-line-10mb', _fmt, 'long-line')(
        lambda fmt=_fmt: spec(render(fmt, BASE) + b'x' * TEN_MB,
                              out=expected(fmt, BASE), err=LONG_WARN[fmt], rss=250))
for _fmt in ('cpuprofile', 'speedscope'):
    case(_fmt + '-line-10mb-blank', _fmt, 'long-line')(
        lambda fmt=_fmt: spec(render(fmt, BASE).rstrip(b'\n') + b' ' * TEN_MB,
                              out=expected(fmt, BASE), rss=250))
    case(_fmt + '-line-10mb-junk', _fmt, 'long-line')(
        lambda fmt=_fmt: spec(render(fmt, BASE) + b'x' * TEN_MB, code=2,
                              err=r'invalid JSON: end of file expected', rss=250))
case('pprof-10mb-tail', 'pprof', 'long-line')(
    lambda: spec(render('pprof', BASE) + fbytes(99, b'x' * TEN_MB),
                 out=expected('pprof', BASE), rss=250))


# ---- counts: negative, huge, NaN --------------------------------------------

def count_cases():
    good = [(['main', 'ok'], 7)]
    bad = ['-5', '1e30', '18446744073709551616', 'NaN']
    for v in bad:
        tag = {'-5': 'negative', '1e30': '1e30', '18446744073709551616': '2to64',
               'NaN': 'nan'}[v]
        # folded: counts are unsigned decimals
        case('folded-count-' + tag, 'folded', 'counts')(
            lambda v=v: spec(b'main;bad ' + b(v) + b'\n' + render('folded', good),
                             out=expected('folded', good),
                             err=r'warning: 1 line skipped \((no|bad) count\), first at in:1: main;bad'))
        bcc_bad = render('bcc', [(['main', 'bad'], 1)]).replace(
            b'        1\n', b'        ' + b(v) + b'\n')
        case('bcc-count-' + tag, 'bcc', 'counts')(
            lambda bcc_bad=bcc_bad: spec(bcc_bad + render_one('bcc', [b'ok', b'main'], 7, 2),
                             out=expected('bcc', good),
                             err=r'warning: 1 record (without a|with a bad) value, first at in:3: bad'))
        case('bpftrace-count-' + tag, 'bpftrace', 'counts')(
            lambda v=v: spec(b'@[\n    bad+1\n    main+2\n]: ' + b(v) + b'\n' +
                             render('bpftrace', good), out=expected('bpftrace', good),
                             err=r'warning: 1 entry with a (negative|non-integer) value, first at in:1: @\['))
    # speedscope weights are JSON numbers: -5 is refused by the parser,
    # 1e30 by the sink's range, NaN by JSON itself; 2^64 is the largest kept
    def sp(w):
        return render_speedscope([(['main', 'bad'], 1)] + good, weights=[b(w), b'7'])
    sp_ok = expected('speedscope', good)
    case('speedscope-weight-negative', 'speedscope', 'counts')(
        lambda: spec(sp('-5'), out=sp_ok, err=r'warning: 1 sample with a bad weight in in'))
    case('speedscope-weight-1e30', 'speedscope', 'counts')(
        lambda: spec(sp('1e30'), out=sp_ok, err=r'warning: 1 sample with a value out of '
                     r'range in in, first: value 1e\+30'))
    case('speedscope-weight-2to64', 'speedscope', 'counts')(
        lambda: spec(sp('18446744073709551616'),
                     out=b'main;bad 1.8446744073709552e+19\n' + sp_ok))
    case('speedscope-weight-nan', 'speedscope', 'counts')(
        lambda: spec(sp('NaN'), code=2, err=r'invalid JSON: invalid token near .NaN.'))
    case('speedscope-weight-sum-overflow', 'speedscope', 'counts')(
        lambda: spec(render_speedscope([(['main', 'a'], 1), (['main', 'b'], 1)] + good,
                                       weights=[b'1.7e308', b'1.7e308', b'7']),
                     out=sp_ok, err=r'warning: 2 samples with a value out of range'))
    # Go debug=1 records: "N @ pcs"
    def go1(count):
        return (b'goroutine profile: total 9\n' + b(count) + b' @ 0x4375 0x4061\n'
                b'#\t0x4375\tmain.bad+0x1\t/a.go:1\n#\t0x4061\tmain.main+0x1\t/a.go:2\n\n'
                b'7 @ 0x4376 0x4062\n#\t0x4376\tmain.ok+0x1\t/a.go:3\n'
                b'#\t0x4062\tmain.main+0x1\t/a.go:4\n\n')
    go_ok = expected('goroutines', [(['main.main', 'main.ok'], 7)])
    case('goroutines-count-2to64', 'goroutines', 'counts')(
        lambda: spec(go1('18446744073709551616'), out=go_ok,
                     err=r'warning: 1 record with a count out of range, first at in:2: 18446744073709551616 @'))
    case('goroutines-count-huge', 'goroutines', 'counts')(
        lambda: spec(go1('99999999999999999999999999'), out=go_ok,
                     err=r'warning: 1 record with a count out of range, first at in:2'))
    case('goroutines-count-max', 'goroutines', 'counts')(
        lambda: spec(go1('18446744073709551615'), out=go_ok,
                     err=r'warning: 1 record with a count out of range'))
    # perf: the period is a u64; more is a damaged line, skipped
    def perf2(period):
        return render('perf-script', [(['main', 'ok'], 7)]) + \
            b'prog 1 9.000000: ' + b(period) + b' cycles:\n\t401000 bad (/bin/prog)\n\n'
    case('perf-script-period-2to64', 'perf-script', 'counts')(
        lambda: spec(perf2('18446744073709551616'), out=expected('perf-script', [(['main', 'ok'], 7)]),
                     err=r'warning: 1 record skipped \(bad event line\), first at in:5: prog 1 9.000000: 18446744073709551616'))
    case('perf-script-period-max', 'perf-script', 'counts')(
        lambda: spec(perf2('18446744073709551615'),
                     out=b'prog;bad 1.8446744073709552e+19\n' +
                     expected('perf-script', [(['main', 'ok'], 7)])))
    # a time of more seconds than int64 nanoseconds hold: time unknown
    case('perf-script-time-overflow', 'perf-script', 'counts')(
        lambda: spec(render('perf-script', [(['main', 'a'], 1)]) +
                     b'prog 1 99999999999999999999999.000000: 2 cycles:\n'
                     b'\t401000 b (/bin/prog)\n\n',
                     out=b'prog;b 2\nprog;main;a 1\n'))
    # cpuprofile: hit counts and time deltas
    cp = (b'{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"},"children":[2,3]},'
          b'{"id":2,"callFrame":{"functionName":"bad"},"hitCount":%s},'
          b'{"id":3,"callFrame":{"functionName":"ok"},"hitCount":7}]}\n')
    case('cpuprofile-hitcount-negative', 'cpuprofile', 'counts')(
        lambda: spec(cp % b'-5', out=b'ok 7\n',
                     err=r'warning: 1 node with a negative hitCount in in, first: node 2: hitCount -5'))
    case('cpuprofile-hitcount-1e30', 'cpuprofile', 'counts')(
        lambda: spec(cp % b'1e30', out=b'ok 7\n',
                     err=r'warning: 1 sample with a value out of range in in, first: value 1e\+30'))
    case('cpuprofile-hitcount-nan', 'cpuprofile', 'counts')(
        lambda: spec(cp % b'NaN', code=2, err=r'invalid JSON: invalid token near .NaN.'))
    case('cpuprofile-hitcount-1e400', 'cpuprofile', 'counts')(
        lambda: spec(cp % b'1e400', code=2, err=r'invalid JSON: real number overflow'))
    deltas = (b'{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"},"children":[2]},'
              b'{"id":2,"callFrame":{"functionName":"a"}}],"startTime":0,"endTime":9,'
              b'"samples":[2,2,2],"timeDeltas":[1,%s,1]}\n')
    case('cpuprofile-delta-huge', 'cpuprofile', 'counts')(
        lambda: spec(deltas % b'1e300', out=b'a 2\n',
                     err=r'warning: 1 sample with a value out of range in in, first: value 1e\+300'))
    case('cpuprofile-delta-2to64', 'cpuprofile', 'counts')(
        lambda: spec(deltas % b'18446744073709551616', out=b'a 3\n'))
    # pprof values are int64: kept, negative ones too (diff profiles)
    def pp_vals(vals):
        p = Pprof()
        p.sample(['main', 'a'], [vals[0]])
        p.sample(['main', 'b'], [vals[1]])
        return p.bytes()
    case('pprof-value-int64-extremes', 'pprof', 'counts')(
        lambda: spec(pp_vals([(1 << 63) - 1, -(1 << 63)]),
                     out=b'main;a 9.223372036854776e+18\nmain;b -9.223372036854776e+18\n'))
    case('pprof-value-negative', 'pprof', 'counts')(
        lambda: spec(pp_vals([-5, 7]), out=b'main;a -5\nmain;b 7\n'))


count_cases()


# ---- pprof: lengths and counts that lie, bad string indices ---------------

def pprof_cases():
    two = [(['main', 'a'], 3), (['main', 'b'], 4)]
    ok = expected('pprof', two)

    def base():
        p = Pprof()
        for frames, c in two:
            p.sample(frames, [c])
        return p

    def err(code_re):
        return r'^scorch: in: pprof: ' + code_re + '$'

    def top_lie():
        data = base().bytes()
        return data + varint(6 << 3 | 2) + varint(1000) + b'short'
    case('pprof-length-past-end', 'pprof', 'pprof-lies')(
        lambda: spec(top_lie(), code=2, err=err(r'length past the end of the message at byte [0-9]+')))

    def huge_len():
        return base().bytes() + varint(6 << 3 | 2) + varint(1 << 62) + b'x' * 20
    case('pprof-length-2to62', 'pprof', 'pprof-lies')(
        lambda: spec(huge_len(), code=2, err=err(r'length past the end of the message at byte [0-9]+')))

    def inner_lie():
        p = base()
        # a Location whose Line claims 50 bytes inside a 6-byte message
        p.fields.insert(2, fbytes(4, fvar(1, 77) + varint(4 << 3 | 2) + varint(50) + b'\x08\x01'))
        return p.bytes()
    case('pprof-nested-length-lie', 'pprof', 'pprof-lies')(
        lambda: spec(inner_lie(), args=fmt_args('pprof'), code=2,
                     err=err(r'malformed Location message at byte [0-9]+')))

    def sample_varint_cut():
        p = base()
        p.fields.append(fbytes(2, fbytes(1, b'\x01\x82') + packed(2, [1])))
        return p.bytes()
    case('pprof-sample-varint-cut', 'pprof', 'pprof-lies')(
        lambda: spec(sample_varint_cut(), code=2,
                     err=err(r'truncated varint in sample 3 at byte [0-9]+')))

    def long_varint():
        return base().bytes() + varint(9 << 3) + b'\xff' * 11 + b'\x01'
    case('pprof-varint-11-bytes', 'pprof', 'pprof-lies')(
        lambda: spec(long_varint(), code=2, err=err(r'varint longer than 10 bytes at byte [0-9]+')))

    def value_count_lie():
        p = base()
        p.fields.append(fbytes(2, packed(1, [1]) + packed(2, [5, 6, 7])))
        return p.bytes()
    case('pprof-value-count-lie', 'pprof', 'pprof-lies')(
        lambda: spec(value_count_lie(), out=ok,
                     err=r'warning: 1 sample with a wrong number of values, first at in:3: '
                         r'3 values for the sample types'))

    def wire_lie():
        return fvar(1, 1) + base().bytes()
    case('pprof-wrong-wire-type', 'pprof', 'pprof-lies')(
        lambda: spec(wire_lie(), args=fmt_args('pprof'), code=2,
                     err=err(r'wrong wire type for sample_type \(field 1\) at byte 0')))

    def group():
        return base().bytes() + varint(7 << 3 | 3) + b'\x00'
    case('pprof-group-wire-type', 'pprof', 'pprof-lies')(
        lambda: spec(group(), code=2, err=err(r'invalid wire type \(group or reserved\) at byte [0-9]+')))

    def truncated():
        data = base().bytes()
        return data[:len(data) // 2]
    case('pprof-truncated-half', 'pprof', 'pprof-lies')(
        lambda: spec(truncated(), args=fmt_args('pprof'), code=2,
                     err=err(r'(length past the end of the message|truncated varint) at byte [0-9]+')))

    def no_types():
        p = Pprof(types=())
        p.sample(['main'], [1])
        return p.bytes()
    case('pprof-samples-without-types', 'pprof', 'pprof-lies')(
        lambda: spec(no_types(), code=2, err=err(r'malformed profile: samples but no sample_type')))

    def no_table():
        p = base()
        return p.bytes(strings=False)
    case('pprof-no-string-table', 'pprof', 'pprof-lies')(
        lambda: spec(no_table(), args=fmt_args('pprof'), code=2,
                     err=err(r'malformed profile: no string table')))

    def two_profiles():
        p = base()
        p.fields.append(fvar(9, 1700000000000000000))
        return p.bytes() + p.bytes()
    case('pprof-two-concatenated', 'pprof', 'mixed')(
        lambda: spec(two_profiles(), code=2,
                     err=err(r'two profiles concatenated \(a second time_nanos field\) at byte [0-9]+')))

    # ids: zero, duplicates, unknown
    def dup_loc():
        p = base()
        p.fields.append(fbytes(4, fvar(1, 1) + fbytes(4, fvar(1, 1))))
        return p.bytes()
    case('pprof-duplicate-location', 'pprof', 'pprof-lies')(
        lambda: spec(dup_loc(), code=2, err=err(r'malformed profile: duplicate location id 1')))

    def zero_func():
        p = base()
        p.fields.append(fbytes(5, fvar(2, 1)))
        return p.bytes()
    case('pprof-function-id-0', 'pprof', 'pprof-lies')(
        lambda: spec(zero_func(), code=2, err=err(r'malformed profile: function with reserved id 0')))

    def unknown_loc():
        p = base()
        p.fields.append(fbytes(2, packed(1, [999, 1]) + packed(2, [9])))
        return p.bytes()
    case('pprof-unknown-location', 'pprof', 'pprof-lies')(
        lambda: spec(unknown_loc(), out=ok,
                     err=r'warning: 1 sample with an unknown location id, first at in:3: '
                         r'location id 999 not found'))

    def unknown_func():
        p = base()
        p.fields.append(fbytes(4, fvar(1, 50) + fbytes(4, fvar(1, 4242))))
        p.fields.append(fbytes(2, packed(1, [50]) + packed(2, [9])))
        return p.bytes()
    case('pprof-unknown-function', 'pprof', 'pprof-lies')(
        lambda: spec(unknown_func(), out=ok,
                     err=r'warning: 1 sample with an unknown function id, first at in:3: '
                         r'location id 50 references an unknown function'))

    # string indices
    def bad_str(field):
        p = base()
        if field == 'function':
            p.fields.append(fbytes(5, fvar(1, 60) + fvar(2, 999)))
        elif field == 'sample_type':
            p.fields.insert(0, fbytes(1, fvar(1, 999) + fvar(2, 0)))
        elif field == 'mapping':
            p.fields.append(fbytes(3, fvar(1, 1) + fvar(5, 999)))
        elif field == 'label':
            p.fields.append(fbytes(2, packed(1, [1]) + packed(2, [1]) +
                                   fbytes(3, fvar(1, 999) + fvar(2, 1))))
        elif field == 'comment':
            p.fields.append(fvar(13, 1 << 40))
        elif field == 'default':
            p.fields.append(fvar(14, 12345))
        return p.bytes()
    n = len(base().strings)
    for field, where in (('function', 'function name'), ('sample_type', 'sample_type'),
                         ('mapping', 'mapping filename'), ('default', 'default_sample_type'),
                         ('comment', 'comment')):
        idx = {'comment': str(1 << 40), 'default': '12345'}.get(field, '999')
        case('pprof-bad-string-' + field, 'pprof', 'strings')(
            lambda field=field, where=where, idx=idx: spec(
                bad_str(field), code=2,
                err=err(r'string index %s out of range \(the table has %d\) in %s' % (idx, n, where))))
    case('pprof-bad-string-label', 'pprof', 'strings')(
        lambda: spec(bad_str('label'), code=2,
                     err=err(r'label string index out of range in sample 3 at byte [0-9]+')))

    def first_not_empty():
        p = base()
        p.strings[0] = b'oops'
        return p.bytes()
    case('pprof-string0-not-empty', 'pprof', 'strings')(
        lambda: spec(first_not_empty(), args=fmt_args('pprof'), code=2,
                     err=err(r"malformed profile: string_table\[0\] is not the empty string")))

    # cycles: pprof has no parent links, but a sample may name one location
    # over and over (unbounded recursion), and a location may inline itself
    def recursion(n):
        p = Pprof()
        i = p.loc('self')
        p.fields.append(fbytes(2, packed(1, [i] * n) + packed(2, [1])))
        return p.bytes()
    case('pprof-recursion-100k', 'pprof', 'cycles')(
        lambda: spec(recursion(100000), code=2,
                     err=r'sample 1: stack of more than 65536 frames \(raise the limit with --max-depth\)'))
    case('pprof-recursion-raised', 'pprof', 'cycles')(
        lambda: spec(recursion(100000), args=['--folded', '--max-depth=100000', 'in'],
                     out=b';'.join([b'self'] * 100000) + b' 1\n'))

    def inline_storm():
        p = Pprof()
        p.s('f')
        p.fields.append(fbytes(5, fvar(1, 1) + fvar(2, p.s('f'))))
        lines = fbytes(4, fvar(1, 1) + fvar(2, 1)) * 70000
        p.fields.append(fbytes(4, fvar(1, 1) + lines))
        p.fields.append(fbytes(2, packed(1, [1]) + packed(2, [1])))
        return p.bytes()
    case('pprof-inline-70k', 'pprof', 'cycles')(
        lambda: spec(inline_storm(), code=2,
                     err=r'sample 1: stack of more than 65536 frames \(raise the limit with --max-depth\)'))

    # memory: empty locations cost 2 bytes each in the file, far more in
    # tables; they are bounded like the input
    def empty_locations(n):
        return Pprof().bytes() + fbytes(4, b'') * n
    case('pprof-table-bomb', 'pprof', 'bomb')(
        lambda: spec(empty_locations(2000000), args=['--folded', '--max-input=32M', 'in'],
                     code=2, rss=150,
                     err=r"the profile's tables \(strings, functions, locations\) take more "
                         r"than 32 MiB, the limit \(raise it with --max-input=SIZE\)"))
    case('pprof-table-bomb-default', 'pprof', 'bomb')(
        lambda: spec(empty_locations(2000000), code=2, rss=400,
                     err=r'malformed profile: location with reserved id 0'))

    def gz_lie(kind):
        data = bytearray(gzip_bytes(base().bytes()))
        if kind == 'isize':
            data[-4:] = struct.pack('<I', 0xffffffff)
        else:
            data[-8] ^= 0xff
        return bytes(data)
    case('pprof-gzip-size-lie', 'pprof', 'compress')(
        lambda: spec(gz_lie('isize'), code=2, err=r'^scorch: in: gzip: incorrect length check$'))
    case('pprof-gzip-crc-lie', 'pprof', 'compress')(
        lambda: spec(gz_lie('crc'), code=2, err=r'^scorch: in: gzip: incorrect data check$'))


pprof_cases()


# ---- JSON: cycles, lies and trees bigger than their text -----------------

def json_cases():
    def cp(nodes, samples):
        return (b'{"nodes":[' + b','.join(nodes) + b'],"startTime":0,"endTime":9,'
                b'"samples":[' + b(','.join(map(str, samples))) + b'],"timeDeltas":[' +
                b(','.join(['1'] * len(samples))) + b']}\n')

    def node(i, name, kids=None, parent=None):
        s = b'{"id":%d,"callFrame":{"functionName":"%s"}' % (i, b(name))
        if kids is not None:
            s += b',"children":[' + b(','.join(map(str, kids))) + b']'
        if parent is not None:
            s += b',"parent":%d' % parent
        return s + b'}'
    case('cpuprofile-child-cycle', 'cpuprofile', 'cycles')(
        lambda: spec(cp([node(1, '(root)', [2]), node(2, 'a', [3]), node(3, 'b', [2])], [2, 3, 3]),
                     out=b'a 1\na;b 2\n',
                     err=r'warning: 1 conflicting parent link in in, first: node 2: parent 3'))
    case('cpuprofile-self-child', 'cpuprofile', 'cycles')(
        lambda: spec(cp([node(1, '(root)', [2]), node(2, 'a', [2, 3]), node(3, 'b')], [3, 2]),
                     out=b'a 1\na;b 1\n',
                     err=r'warning: 1 conflicting parent link in in, first: node 2: parent 2'))
    case('cpuprofile-parent-cycle', 'cpuprofile', 'cycles')(
        lambda: spec(cp([node(1, '(root)'), node(2, 'a', parent=3), node(3, 'b', parent=2)], [2, 3]),
                     code=2, err=r'no samples \(1 cycle in parent links, first: node 2\)'))
    case('cpuprofile-two-parents', 'cpuprofile', 'cycles')(
        lambda: spec(cp([node(1, '(root)', [2, 4]), node(2, 'a', [3]), node(3, 'b'), node(4, 'c', [3])],
                        [3, 4]), out=b'a;b 1\nc 1\n',
                     err=r'warning: 1 conflicting parent link in in, first: node 3: parent 4'))
    case('cpuprofile-unknown-ids', 'cpuprofile', 'cycles')(
        lambda: spec(cp([node(1, '(root)', [2, 99]), node(2, 'a')], [2, 77, 2]),
                     out=b'a 2\n', err=r'unknown (child|node) id'))
    case('cpuprofile-deep-parent-chain', 'cpuprofile', 'depth')(
        lambda: spec(cp([node(1, '(root)')] + [node(i, 'f', parent=i - 1) for i in range(2, 100002)],
                        [100001]), code=2, err=DEPTH_RE, rss=500))

    def sp_events(events):
        return (b'{' + SPEEDSCOPE_SCHEMA + b',"shared":{"frames":[{"name":"a"},{"name":"b"}]},'
                b'"profiles":[{"type":"evented","name":"p","unit":"none","startValue":0,'
                b'"endValue":10,"events":[' + b(events) + b']}]}\n')
    for tag, ev, why in (
            ('crossed', '{"type":"O","frame":0,"at":0},{"type":"O","frame":1,"at":1},'
                        '{"type":"C","frame":0,"at":2},{"type":"C","frame":1,"at":3}',
             'close event does not match the innermost open frame'),
            ('close-first', '{"type":"C","frame":0,"at":0}',
             'close event does not match the innermost open frame'),
            ('backwards', '{"type":"O","frame":0,"at":5},{"type":"C","frame":0,"at":1}',
             'time goes backwards'),
            ('bad-frame', '{"type":"O","frame":7,"at":0},{"type":"C","frame":7,"at":1}',
             'frame index out of range')):
        case('speedscope-events-' + tag, 'speedscope', 'cycles')(
            lambda ev=ev, why=why: spec(sp_events(ev), code=2,
                                        err=r'no samples \(1 evented profile with bad events, '
                                            r'first: profile "p": event [0-9]+: ' + why + r'\)'))
    case('speedscope-events-unclosed', 'speedscope', 'cycles')(
        lambda: spec(sp_events('{"type":"O","frame":0,"at":0},{"type":"O","frame":1,"at":2}'),
                     out=b'a 2\na;b 8\n', err=r'warning: 1 evented profile with unclosed frames '
                                               r'\(closed at endValue\) in in, first: profile "p": 2 open'))

    def nested(n):
        return b'{"nodes":' + b'[' * n + b']' * n + b'}'
    case('cpuprofile-nesting-100k', 'cpuprofile', 'depth')(
        lambda: spec(nested(100000), args=fmt_args('cpuprofile'), code=2,
                     err=r'invalid JSON: maximum parsing depth reached'))

    # the tree jansson builds is ~35 times the text: bounded by --max-input
    def many_samples(n):
        return (b'{' + SPEEDSCOPE_SCHEMA + b',"shared":{"frames":[{"name":"a"}]},'
                b'"profiles":[{"type":"sampled","name":"p","unit":"none","startValue":0,'
                b'"endValue":1,"samples":[' + b','.join([b'[0]'] * n) + b'],"weights":[' +
                b','.join([b'1'] * n) + b']}]}\n')
    case('speedscope-tree-bomb', 'speedscope', 'bomb')(
        lambda: spec(many_samples(1000000), args=['--folded', '--max-input=32M', 'in'],
                     code=2, rss=100,
                     err=r'loading this JSON \(3000027 values\) takes about [0-9]+ MiB, over the '
                         r'limit of 32 MiB \(raise it with --max-input=SIZE\)'))
    case('speedscope-tree-ok', 'speedscope', 'bomb')(
        lambda: spec(many_samples(1000000), out=b'a 1000000\n', rss=600))

    def many_nodes(n):
        kids = b(','.join(str(i) for i in range(2, n + 2)))
        nodes = [b'{"id":1,"callFrame":{"functionName":"(root)"},"children":[' + kids + b']}']
        nodes += [b'{"id":%d,"callFrame":{"functionName":"f"},"hitCount":1}' % i
                  for i in range(2, n + 2)]
        return b'{"nodes":[' + b','.join(nodes) + b']}\n'
    case('cpuprofile-tree-bomb', 'cpuprofile', 'bomb')(
        lambda: spec(many_nodes(300000), args=['--folded', '--max-input=32M', 'in'],
                     code=2, rss=100, err=r'loading this JSON \([0-9]+ values\) takes about '
                                          r'[0-9]+ MiB, over the limit of 32 MiB \(raise it with --max-input=SIZE\)'))


json_cases()


# ---- files that are not files, and wrappers --------------------------------

def input_cases():
    ok = render('folded', BASE)
    want = expected('folded', BASE)
    case('input-directory', 'input', 'special')(
        lambda: spec(kind='dir', code=2, err=r'^scorch: in: is a directory$'))
    case('input-fifo-no-writer', 'input', 'special')(
        lambda: spec(kind='fifo-none', code=2,
                     err=r'^scorch: in: FIFO: no writer connected within 5 s \(start the writer first\)$'))
    case('input-fifo-late-writer', 'input', 'special')(
        lambda: spec(kind='fifo-late', payload=ok, out=want))
    case('input-fifo-early-writer', 'input', 'special')(
        lambda: spec(kind='fifo-early', payload=ok, out=want))
    case('input-fifo-slow-writer', 'input', 'special')(
        lambda: spec(kind='fifo-slow', payload=ok, out=want))
    case('input-fifo-writer-closes', 'input', 'special')(
        lambda: spec(kind='fifo-close', code=2, err=r'^scorch: in: empty input$'))
    case('input-unreadable', 'input', 'special')(
        lambda: spec(ok, kind='unreadable', code=2, err=r'^scorch: in: cannot open: Permission denied$'))
    case('input-missing', 'input', 'special')(
        lambda: spec(args=['--folded', 'nothing-here'], code=2,
                     err=r'^scorch: nothing-here: cannot open: No such file or directory$'))
    case('input-dev-null', 'input', 'special')(
        lambda: spec(kind='path', args=['--folded', '/dev/null'], code=2,
                     err=r'^scorch: /dev/null: empty input$'))
    # an endless stream: sniffing needs only its head; a parser reading
    # all of it (bcc) or piece by piece (folded, perf script) stops at the cap
    case('input-dev-zero', 'input', 'special')(
        lambda: spec(kind='path', args=['--folded', '--max-input=1M', '/dev/zero'], code=2, rss=60,
                     err=r'^scorch: /dev/zero: unrecognised binary input$'))
    case('input-dev-zero-whole', 'input', 'special')(
        lambda: spec(kind='path', args=['--folded', '--format=bcc', '--max-input=1M', '/dev/zero'],
                     code=2, rss=60,
                     err=r'^scorch: /dev/zero: input exceeds the limit of 1048576 bytes '
                         r'\(raise it with --max-input=SIZE\)$'))
    case('input-dev-zero-pieces', 'input', 'special')(
        lambda: spec(kind='path', args=['--folded', '--format=perf-script', '--max-input=1M', '/dev/zero'],
                     code=2, rss=60,
                     err=r'^scorch: /dev/zero: perf-script: input exceeds the limit of 1048576 bytes '
                         r'\(raise it with --max-input=SIZE\)$'))
    case('input-stdin-zero', 'input', 'special')(
        lambda: spec(kind='stdin-zero', args=['--folded', '--format=folded', '--max-input=1M', '-'],
                     code=2, rss=60,
                     err=r'^scorch: <stdin>: folded: input exceeds the limit of 1048576 bytes'))
    case('input-stdin-perf-over-cap', 'input', 'special')(
        lambda: spec(render('perf-script', [(['main', 'f%d' % (i % 50)], 1) for i in range(40000)]),
                     kind='stdin-pipe', args=['--folded', '--max-input=1M', '-'], code=2, rss=60,
                     err=r'^scorch: <stdin>: perf-script: input exceeds the limit of 1048576 bytes'))
    case('input-empty-sniffed', 'input', 'empty')(
        lambda: spec(b'', code=2, err=r'^scorch: in: empty input$'))
    case('input-blank-sniffed', 'input', 'empty')(
        lambda: spec(b' \n\t\r\n\n', code=2, err=r'^scorch: in: empty input$'))
    case('input-bom-only', 'input', 'empty')(
        lambda: spec(b'\xef\xbb\xbf', code=2, err=r'^scorch: in: empty input$'))
    case('input-utf16', 'input', 'utf8')(
        lambda: spec('a;b 1\n'.encode('utf-16'), code=2, err=r'UTF-16 text; convert to UTF-8 first'))
    case('input-hostile-file-name', 'input', 'control')(
        lambda: spec(b'a;b 1\nzz\n', kind='rename', args=['--folded', 'in'],
                     out=b'a;b 1\n', err=r'warning: 1 line skipped \(no count\), first at '
                                         r'e\\x1b\[31mvil\\x07\.txt:2: zz'))
    case('input-hostile-file-name-info', 'input', 'control')(
        lambda: spec(b'a;b 1\n', kind='rename', args=['--info', 'in'],
                     outre=r'^file: e\\x1b\[31mvil\\x07\.txt$'))
    case('input-hostile-missing-name', 'input', 'control')(
        lambda: spec(args=['--folded', 'x\x1b]0;t\x07'], code=2,
                     err=r'^scorch: x\\x1b\]0;t\\x07: cannot open: No such file'))

    # wrappers
    case('gzip-members-and-padding', 'input', 'compress')(
        lambda: spec(gzip_bytes(b'a;b 1\n') + gzip_bytes(b'a;b 2\nc 1\n') + b'\0' * 512,
                     out=b'a;b 3\nc 1\n'))
    case('gzip-trailing-garbage', 'input', 'compress')(
        lambda: spec(gzip_bytes(ok) + b'garbage', code=2,
                     err=r'^scorch: in: gzip: unexpected data after the last member$'))
    case('gzip-header-only', 'input', 'compress')(
        lambda: spec(gzip_bytes(ok)[:10], code=2, err=r'^scorch: in: gzip: truncated data$'))
    case('gzip-magic-only', 'input', 'compress')(
        lambda: spec(b'\x1f\x8b', code=2, err=r'^scorch: in: gzip: '))
    case('gzip-of-gzip', 'input', 'compress')(
        lambda: spec(gzip_bytes(gzip_bytes(ok)), code=2, err=r'^scorch: in: unrecognised binary input$'))
    case('gzip-bomb-zeros', 'input', 'bomb')(
        lambda: spec(gzip_stream(b'\0' * 65536, 3200), args=['--folded', '--max-input=64M', 'in'],
                     code=2, rss=150, err=r'decompressed input exceeds the limit of 67108864 bytes '
                                          r'\(raise it with --max-input=SIZE\)'))
    case('gzip-bomb-stdin', 'input', 'bomb')(
        lambda: spec(gzip_stream(b'a;b 1\n' * 10000, 3000), kind='stdin',
                     args=['--folded', '--max-input=16M', '-'], code=2, rss=100,
                     err=r'^scorch: <stdin>: decompressed input exceeds the limit of 16777216 bytes'))
    case('zstd-bomb-rle', 'input', 'bomb')(
        lambda: spec(zstd_rle(0, 1 << 30), args=['--folded', '--max-input=64M', 'in'],
                     code=2, rss=150, err=r'decompressed input exceeds the limit of 67108864 bytes '
                                          r'\(raise it with --max-input=SIZE\)'))
    case('zstd-bomb-rle-default', 'input', 'bomb')(
        lambda: spec(zstd_rle(ord('x'), 100 << 20), code=2, rss=400,
                     err=r'^scorch: in: unknown format; first line: "x{60}"'))
    case('zstd-frames-and-skippable', 'input', 'compress')(
        lambda: spec(zstd_raw(b'a;b 1\n') + b'\x50\x2a\x4d\x18' + struct.pack('<I', 5) + b'skip!' +
                     zstd_raw(b'a;b 2\n'), out=b'a;b 3\n'))
    case('zstd-trailing-garbage', 'input', 'compress')(
        lambda: spec(zstd_raw(ok) + b'garbage!', code=2,
                     err=r'^scorch: in: zstd: unexpected data after the last frame$'))
    case('zstd-bad-block-type', 'input', 'compress')(
        lambda: spec(b'\x28\xb5\x2f\xfd\x00\x58' + struct.pack('<I', 1 | (3 << 1) | (8 << 3))[:3] + b'x' * 8,
                     code=2, err=r'^scorch: in: zstd: '))
    for name, magic in (('xz', b'\xfd7zXZ\x00'), ('bzip2', b'BZh9'), ('lz4', b'\x04\x22\x4d\x18')):
        case('wrapper-' + name, 'input', 'compress')(
            lambda name=name, magic=magic: spec(magic + b'\x00' * 32, code=2,
                                                err=r'^scorch: in: %s-compressed input not supported; '
                                                    r'decompress it first$' % name))

    # raw perf.data goes to `perf script`: garbage after the magic must
    # come back as perf's complaint (or "not installed"), names escaped
    fake = b'PERFILE2' + bytes(range(256)) * 8
    case('input-fake-perf-data', 'perf-script', 'special')(
        lambda: spec(fake, code=2,
                     err=r'^scorch: in: (`perf script -i in` failed: .*|raw perf.data file and perf is not installed.*)$'))
    case('input-fake-perf-data-hostile-name', 'perf-script', 'control')(
        lambda: spec(fake, kind='rename', code=2,
                     err=r'^scorch: e\\x1b\[31mvil\\x07\.txt: (`perf script -i e\\x1b\[31mvil|raw perf.data)'))

    # a file cut short while it is read (log rotation with copytruncate)
    # must not kill the reader (SIGBUS through a mapping)
    case('input-truncated-while-read', 'input', 'special')(
        lambda: spec(b'main;run;work 1\n' * 2500000 + b'main;idle 1\n' * 500000,
                     kind='truncate', code='any'))

    # fixed limits without an option still name themselves
    def many_types(n):
        p = Pprof(types=[('t%d' % i, 'count') for i in range(n)])
        p.sample(['main'], [1] * n)
        return p.bytes()
    case('pprof-types-limit', 'pprof', 'max-frames')(
        lambda: spec(many_types(300), code=2, err=r'^scorch: in: pprof: more than 64 sample types$'))
    case('perf-script-events-limit', 'perf-script', 'max-frames')(
        lambda: spec(b''.join(b'prog 1 1.%06d: 1 ev%d:\n\t401000 f (/bin/prog)\n\n' % (i, i)
                              for i in range(300)), code=2,
                     err=r'^scorch: in:[0-9]+: perf-script: more than 64 sample types$'))
    case('bpftrace-maps-limit', 'bpftrace', 'max-frames')(
        lambda: spec(b''.join(b'@m%d[\n    f+1\n]: 1\n' % i for i in range(300)), code=2,
                     err=r'^scorch: in: bpftrace: more than 64 sample types$'))

    # distinct frames: --max-frames bounds the frame table, so memory
    def distinct(n):
        return b''.join(b'f%d 1\n' % i for i in range(n))
    case('folded-frames-bound', 'folded', 'max-frames')(
        lambda: spec(distinct(1000000), args=['--folded', '--max-frames=1000', 'in'], code=2, rss=60,
                     err=r'^scorch: in:1001: folded: more than 1000 distinct frames '
                         r'\(raise the limit with --max-frames\)$'))


input_cases()


# ---- mixed formats concatenated -------------------------------------------

def mixed_cases():
    def text(fmt, samples=BASE):
        return render(fmt, samples)
    folded_b = [(['x', 'y'], 5)]
    case('mixed-perf-then-folded', 'perf-script', 'mixed')(
        lambda: spec(text('perf-script') + text('folded', folded_b), out=expected('perf-script', BASE),
                     err=r'warning: 1 record skipped \(bad event line\), first at in:[0-9]+: x;y 5'))
    folded_10 = [(['x', 'y%d' % i], i + 1) for i in range(10)]
    case('mixed-folded-then-perf', 'folded', 'mixed')(
        lambda: spec(text('folded', folded_10) + text('perf-script', [(['p'], 1)]),
                     out=expected('folded', folded_10),
                     err=r'warning: 2 lines skipped \(no count\), first at in:11: prog 1 0.000001: 1 cycles:'))
    case('mixed-perf-mostly-then-folded', 'folded', 'mixed')(
        lambda: spec(text('folded', folded_b) + text('perf-script', BASE * 5), code=2,
                     err=r'^scorch: in: unknown format; first line: "x;y 5"'))
    case('mixed-gdb-then-folded', 'gdb', 'mixed')(
        lambda: spec(text('gdb') + text('folded', folded_b), out=expected('gdb', BASE),
                     err=r'warning: 1 unrecognised line, first at in:[0-9]+: x;y 5'))
    case('mixed-goroutines-then-jstack', 'goroutines', 'mixed')(
        lambda: spec(text('goroutines') + text('jstack'), out=expected('goroutines', BASE),
                     err=r'warning: [0-9]+ unrecognised lines?, first at in:[0-9]+: Full thread dump'))
    case('mixed-jstack-then-gdb', 'jstack', 'mixed')(
        lambda: spec(text('jstack') + text('gdb'), out=expected('jstack', BASE),
                     err=r'warning: [0-9]+ unrecognised lines?, first at in:[0-9]+: Thread 1 \(LWP 1\):'))
    case('mixed-eu-stack-then-gdb', 'eu-stack', 'mixed')(
        lambda: spec(text('eu-stack') + text('gdb'), out=expected('eu-stack', BASE),
                     err=r'warning: [0-9]+ malformed frame lines?, first at in:[0-9]+: #0  0x0+401000 in work'))
    case('mixed-bcc-then-folded', 'bcc', 'mixed')(
        lambda: spec(text('bcc') + text('folded', folded_b), out=expected('bcc', BASE),
                     err=r'warning: 1 [a-z ]+, first at in:[0-9]+: x;y 5'))
    case('mixed-bpftrace-then-folded', 'bpftrace', 'mixed')(
        lambda: spec(text('bpftrace') + text('folded', folded_b), out=expected('bpftrace', BASE),
                     err=r'warning: 1 [a-z ]+, first at in:[0-9]+: x;y 5'))
    case('mixed-cpuprofile-then-text', 'cpuprofile', 'mixed')(
        lambda: spec(text('cpuprofile') + text('folded', folded_b), code=2,
                     err=r'^scorch: in:[0-9]+: cpuprofile: invalid JSON: end of file expected'))
    case('mixed-speedscope-twice', 'speedscope', 'mixed')(
        lambda: spec(text('speedscope') + text('speedscope'), code=2,
                     err=r'^scorch: in:[0-9]+: speedscope: invalid JSON: end of file expected'))
    case('mixed-pprof-then-text', 'pprof', 'mixed')(
        lambda: spec(text('pprof') + text('folded', folded_b), code=2,
                     err=r'^scorch: in: (pprof: .* at byte [0-9]+|unrecognised binary input)$'))
    case('mixed-gzip-then-zstd', 'input', 'mixed')(
        lambda: spec(gzip_bytes(text('folded')) + zstd_raw(text('folded')), code=2,
                     err=r'^scorch: in: gzip: unexpected data after the last member$'))
    case('mixed-text-then-gzip', 'folded', 'mixed')(
        lambda: spec(text('folded') + gzip_bytes(text('folded')), code=2,
                     err=r'^scorch: in: unrecognised binary input$'))
    case('mixed-gzip-members-two-formats', 'perf-script', 'mixed')(
        lambda: spec(gzip_bytes(text('perf-script')) + gzip_bytes(text('folded', folded_b)),
                     out=expected('perf-script', BASE),
                     err=r'warning: 1 record skipped \(bad event line\)'))

    # the same output concatenated thousands of times (a sampling loop):
    # its header is one fact, not thousands; distinct ones are capped
    case('mixed-bcc-repeated-headers', 'bcc', 'mixed')(
        lambda: spec(render('bcc', BASE) * 20000, args=['--info', 'in'],
                     outre=r'^comment: Tracing off-CPU time'))
    case('mixed-pprof-many-comments', 'pprof', 'mixed')(
        lambda: spec(pprof_comments(5000), args=['--info', 'in'],
                     outre=r'^note: more facts in the input, not kept$'))


def pprof_comments(n):
    p = Pprof()
    p.sample(['main'], [1])
    for i in range(n):
        p.fields.append(fvar(13, p.s('comment %d' % i)))
    return p.bytes()


mixed_cases()


# ---- control bytes in messages and metadata, not only in frames ---------

def message_cases():
    esc = b'\x1b[2J\x1b]0;pwned\x07'
    case('control-unknown-format-line', 'input', 'control')(
        lambda: spec(b'hello ' + esc + b' there, a line of plain words around a few escapes\n',
                     code=2, err=r'unknown format; first line: "hello \\x1b\[2J\\x1b\]0;pwned\\x07 there'))
    case('control-warning-excerpt', 'folded', 'control')(
        lambda: spec(b'a;b 1\n' + esc + b' no count\n', out=b'a;b 1\n',
                     err=r'warning: 1 line skipped \(no count\), first at in:2: \\x1b\[2J'))
    case('control-no-samples-excerpt', 'folded', 'control')(
        lambda: spec(b'a;b ' + esc + b'\n', args=fmt_args('folded'), code=2,
                     err=r'folded: no samples \(1 line skipped \((no|bad) count\), first at line 1: a;b \\x1b'))
    case('control-json-token', 'cpuprofile', 'control')(
        lambda: spec(b'{"nodes":[' + esc + b']}', args=fmt_args('cpuprofile'), code=2,
                     err=r'invalid JSON: invalid token near .\\x1b'))
    case('control-json-string', 'speedscope', 'control')(
        lambda: spec(b'{' + SPEEDSCOPE_SCHEMA + b',"shared":{"frames":[{"name":"' + esc + b'"}]}}',
                     code=2, err=r'invalid JSON: control character 0x1b'))
    case('control-perf-event-name', 'perf-script', 'control')(
        lambda: spec(b'prog 1 1.000000: 1 cyc\x1b[2Jles:\n\t401000 f (/bin/prog)\n\n',
                     args=['--info', 'in'], outre=r'^sample type: cyc\\x1b\[2Jles '))

    def pprof_meta():
        p = Pprof(types=(('cpu\x1b[2J', 'nano\x07seconds'), ('alloc\x9b', 'by\x1btes')))
        label = fbytes(3, fvar(1, p.s('k\x1b]0;x\x07ey')) + fvar(2, p.s('v\x1b[5mal')))
        label += fbytes(3, fvar(1, p.s('num\x1bkey')) + fvar(3, 5) + fvar(4, p.s('u\x1bnit')))
        p.sample(['main', 'f'], [1, 2], label)
        p.fields.append(fvar(13, p.s('comment \x1b[31m')))
        p.fields.append(fbytes(11, fvar(1, p.s('per\x1biod')) + fvar(2, p.s('un\x1bit'))))
        p.fields.append(fvar(12, 100))
        p.fields.append(fbytes(3, fvar(1, 1) + fvar(5, p.s('/bin/\x1b[31mbinary'))))
        return p.bytes()
    case('pprof-control-metadata-info', 'pprof', 'control')(
        lambda: spec(pprof_meta(), args=['--info', 'in'],
                     outre=r'^sample type: alloc\\xc2\\x9b \(by\\x1btes\), total 2 by\\x1btes \[shown\]$'))
    case('pprof-control-metadata-print', 'pprof', 'control')(
        lambda: spec(pprof_meta(), args=['--print', 'in'], outre=r'^# in: pprof, alloc\\xc2\\x9b'))
    case('pprof-control-sample-type-error', 'pprof', 'control')(
        lambda: spec(pprof_meta(), args=['--print', '--sample-type=nope', 'in'], code=2,
                     err=r"no sample type or event 'nope' \(have: cpu\\x1b\[2J, alloc\\xc2\\x9b\)"))


message_cases()


# ---- command line ---------------------------------------------------------

def main():
    if len(sys.argv) >= 2 and sys.argv[1] == 'list':
        for name, fmt, cat, _ in CASES:
            print(name, fmt, cat)
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == 'make':
        table = {name: (fmt, cat, fn) for name, fmt, cat, fn in CASES}
        for name in sys.argv[3:]:
            fmt, cat, fn = table[name]
            write_case(os.path.join(sys.argv[2], name), fmt, cat, fn())
        return 0
    sys.stderr.write(__doc__)
    return 2


def write_case(d, fmt, cat, c):
    os.makedirs(d, exist_ok=True)

    def put(name, data):
        with open(os.path.join(d, name), 'wb') as f:
            f.write(b(data))
    if c['inp'] is not None:
        put('in', c['inp'])
    put('args', '\n'.join(c['args']) + '\n')
    put('code', '%s\n' % c['code'])
    for key in ('err', 'outre', 'kind', 'rss', 'payload'):
        if c[key] is not None:
            put(key, c[key] if key == 'payload' else '%s\n' % c[key])
    if c['out'] is not None:
        put('out', c['out'])
    put('fmt', fmt + '\n')
    put('cat', cat + '\n')


if __name__ == '__main__':
    sys.exit(main())
