#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "escape.h"
#include "input.h"
#include "xmalloc.h"

/* A growable output buffer bounded by the decompressed-size cap. */
struct outbuf {
	char *data;
	size_t len, cap;
	uint64_t max;
};

static int
outbuf_reserve(struct outbuf *o, size_t extra, struct error *err)
{
	if (o->len + extra > o->max) {
		return error_set(err, 0, 0,
			"decompressed input exceeds the limit of %llu bytes "
			"(raise it with --max-input=SIZE)", (unsigned long long)o->max);
	}
	/* +1 keeps room for the terminating NUL */
	o->data = xgrow(o->data, &o->cap, o->len + extra + 1, 1);
	return 0;
}

static int
is_gzip(const unsigned char *p, size_t n)
{
	return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static int
is_zstd(const unsigned char *p, size_t n)
{
	return n >= 4 && ((p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) ||
		((p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d && p[3] == 0x18));
}

/* Inflates every gzip member back to back. */
static int
gunzip_all(const unsigned char *src, size_t len, struct outbuf *o,
	struct error *err)
{
	z_stream zs;
	int rc;

	while (len > 0) {
		if (!is_gzip(src, len)) {
			/* trailing zero padding after the last member is common */
			size_t k = 0;

			while (k < len && src[k] == 0)
				k++;
			if (k == len)
				return 0;
			return error_set(err, 0, 0,
				"gzip: unexpected data after the last member");
		}
		memset(&zs, 0, sizeof zs);
		if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
			return error_set(err, 0, 0, "gzip: cannot initialise zlib");
		zs.next_in = (unsigned char *)src;
		zs.avail_in = len > UINT32_MAX ? UINT32_MAX : (uInt)len;
		do {
			if (outbuf_reserve(o, 1 << 20, err) < 0) {
				inflateEnd(&zs);
				return -1;
			}
			zs.next_out = (unsigned char *)o->data + o->len;
			zs.avail_out = 1 << 20;
			rc = inflate(&zs, Z_NO_FLUSH);
			o->len += (1 << 20) - zs.avail_out;
			if (zs.avail_in == 0 && rc == Z_OK && len > zs.total_in) {
				size_t used = zs.total_in;

				src += used;
				len -= used;
				zs.next_in = (unsigned char *)src;
				zs.avail_in = len > UINT32_MAX ? UINT32_MAX : (uInt)len;
				zs.total_in = 0;
			}
		} while (rc == Z_OK);
		if (rc != Z_STREAM_END) {
			const char *why = rc == Z_BUF_ERROR ? "truncated data" :
				(zs.msg ? zs.msg : "corrupt data");

			inflateEnd(&zs);
			return error_set(err, 0, 0, "gzip: %s", why);
		}
		src += zs.total_in;
		len -= zs.total_in;
		inflateEnd(&zs);
	}
	return 0;
}

/* Decompresses concatenated zstd frames (skippable frames skipped). */
static int
unzstd_all(const unsigned char *src, size_t len, struct outbuf *o,
	struct error *err)
{
	ZSTD_DStream *ds = ZSTD_createDStream();
	ZSTD_inBuffer in = { src, len, 0 };
	size_t rc = 1;

	if (!ds)
		return error_set(err, 0, 0, "zstd: cannot initialise");
	while (in.pos < in.size) {
		ZSTD_outBuffer out;

		if (outbuf_reserve(o, 1 << 20, err) < 0)
			goto fail;
		out.dst = o->data + o->len;
		out.size = 1 << 20;
		out.pos = 0;
		rc = ZSTD_decompressStream(ds, &out, &in);
		o->len += out.pos;
		if (ZSTD_isError(rc)) {
			error_set(err, 0, 0, "zstd: %s", ZSTD_getErrorName(rc));
			goto fail;
		}
		if (rc == 0 && in.pos < in.size && !is_zstd(src + in.pos, in.size - in.pos)) {
			error_set(err, 0, 0, "zstd: unexpected data after the last frame");
			goto fail;
		}
	}
	/* drain what the decoder still holds */
	while (rc != 0) {
		ZSTD_outBuffer out;
		size_t before;

		if (outbuf_reserve(o, 1 << 20, err) < 0)
			goto fail;
		out.dst = o->data + o->len;
		out.size = 1 << 20;
		out.pos = 0;
		before = in.pos;
		rc = ZSTD_decompressStream(ds, &out, &in);
		o->len += out.pos;
		if (ZSTD_isError(rc)) {
			error_set(err, 0, 0, "zstd: %s", ZSTD_getErrorName(rc));
			goto fail;
		}
		if (out.pos == 0 && in.pos == before && rc != 0) {
			error_set(err, 0, 0, "zstd: truncated data");
			goto fail;
		}
	}
	ZSTD_freeDStream(ds);
	return 0;
fail:
	ZSTD_freeDStream(ds);
	return -1;
}

static const char *
unsupported_wrapper(const unsigned char *p, size_t n)
{
	if (n >= 6 && memcmp(p, "\xfd" "7zXZ\0", 6) == 0)
		return "xz";
	if (n >= 3 && memcmp(p, "BZh", 3) == 0 && n >= 4 && p[3] >= '1' && p[3] <= '9')
		return "bzip2";
	if (n >= 4 && memcmp(p, "\x04\x22\x4d\x18", 4) == 0)
		return "lz4";
	return NULL;
}

/* Removes one wrapper layer if present. Returns 1 when bytes were
 * replaced by o->data, 0 when there was no wrapper, -1 on error. */
static int
unwrap(struct input *in, const char *data, size_t len, uint64_t max,
	struct error *err, struct outbuf *o)
{
	const unsigned char *p = (const unsigned char *)data;
	const char *other = unsupported_wrapper(p, len);

	if (other)
		return error_set(err, 0, 0,
			"%s-compressed input not supported; decompress it first", other);
	memset(o, 0, sizeof *o);
	o->max = max;
	if (is_gzip(p, len)) {
		in->wrapper = "gzip";
		if (gunzip_all(p, len, o, err) < 0)
			goto fail;
		return 1;
	}
	if (is_zstd(p, len)) {
		in->wrapper = "zstd";
		if (unzstd_all(p, len, o, err) < 0)
			goto fail;
		return 1;
	}
	return 0;
fail:
	free(o->data);
	o->data = NULL;
	return -1;
}

/* Names the input in messages: a file name is anybody's bytes, and it
 * is printed in errors, warnings, --info and the status line. */
static void
set_name(struct input *in, const char *name, struct error *err)
{
	size_t len = strlen(name), need;

	in->name = name;
	if (!escape_is_clean(name, len)) {
		need = escape_text(name, len, NULL, 0);
		in->name_buf = xmalloc(need + 1);
		escape_text(name, len, in->name_buf, need + 1);
		in->name = in->name_buf;
	}
	error_set_file(err, in->name);
}

int
input_from_memory(struct input *in, const char *name, const char *data,
	size_t len, uint64_t max_bytes, struct error *err)
{
	struct outbuf o;
	int rc;

	memset(in, 0, sizeof *in);
	in->fd = -1;
	in->whole = true;
	set_name(in, name, err);
	if (!max_bytes)
		max_bytes = INPUT_DEFAULT_MAX_BYTES;
	in->max_bytes = max_bytes;
	if (len > max_bytes)
		rc = error_set(err, 0, 0,
			"input exceeds the limit of %llu bytes (raise it with --max-input=SIZE)",
			(unsigned long long)max_bytes);
	else
		rc = unwrap(in, data, len, max_bytes, err, &o);
	if (rc < 0) {
		input_close(in);
		return -1;
	}
	if (rc == 0) {
		/* a copy: parsers rely on data[len] == '\0', and the caller's
		 * buffer may end exactly at len */
		in->buf = xstrndup(data, len);
		in->data = in->buf;
		in->len = in->size = len;
		in->cap = len + 1;
		return 0;
	}
	o.data = o.data ? o.data : xmalloc(1);
	o.data[o.len] = '\0';
	in->buf = o.data;
	in->data = o.data;
	in->len = in->size = o.len;
	in->cap = o.len + 1;
	return 0;
}

bool
input_is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
		      s[i] == '\f' || s[i] == '\v'))
			return false;
	return true;
}

static int
over_cap(uint64_t max, struct error *err)
{
	return error_set(err, 0, 0,
		"input exceeds the limit of %llu bytes (raise it with --max-input=SIZE)",
		(unsigned long long)max);
}

/* The end of the input: later reads give nothing. */
static void
stop_reading(struct input *in)
{
	if (in->fd > 0)
		close(in->fd);
	in->fd = -1;
}

/* Reads until at least want bytes are held or the input ends, after
 * moving what is held to the front of the buffer. A file is read rather
 * than mapped: a mapping turns a file truncated while it is parsed (log
 * rotation with copytruncate) into SIGBUS. */
static int
fill(struct input *in, size_t want, struct error *err)
{
	if (in->data != in->buf && in->len > 0)
		memmove(in->buf, in->data, in->len);
	if (want + 1 > in->cap) {
		in->buf = xrealloc(in->buf, want + 1);
		in->cap = want + 1;
	}
	in->data = in->buf;
	while (in->len < want && in->fd >= 0) {
		size_t room = want - in->len;
		ssize_t n = read(in->fd, in->buf + in->len,
			room > (1u << 30) ? 1u << 30 : room);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			in->buf[in->len] = '\0';
			return error_set(err, 0, 0, "read failed: %s", strerror(errno));
		}
		if (n == 0) {
			stop_reading(in);
			break;
		}
		in->len += (size_t)n;
		in->read += (uint64_t)n;
		if (in->read > in->max_bytes) {
			in->buf[in->len] = '\0';
			return over_cap(in->max_bytes, err);
		}
	}
	in->buf[in->len] = '\0';
	return 0;
}

/* Forgets the piece handed out last, restoring the byte its NUL hid. */
static void
drop_piece(struct input *in)
{
	if (!in->piece)
		return;
	in->buf[in->data - in->buf + in->piece] = in->saved;
	in->data += in->piece;
	in->len -= in->piece;
	in->done += in->piece;
	in->piece = 0;
}

int
input_read_all(struct input *in, struct error *err)
{
	/* pieces were handed out: the rest is what remains */
	drop_piece(in);
	while (in->fd >= 0) {
		/* a file's size says how much is left: one buffer, read once
		 * (+1 sees a file that grew); a stream doubles */
		size_t want = in->len + 65536;

		if (in->size > in->read)
			want = in->len + (size_t)(in->size - in->read) + 1;
		else if (in->len > 65536)
			want = in->len * 2;
		if (fill(in, want, err) < 0)
			return -1;
	}
	in->whole = true;
	in->size = in->done + in->len;
	return 0;
}

size_t
input_cut_lines(const char *p, size_t len)
{
	const char *nl = len ? memrchr(p, '\n', len) : NULL;

	return nl ? (size_t)(nl - p) + 1 : 0;
}

int
input_next_piece(struct input *in, input_cut_fn cut, const char **data,
	size_t *len, struct error *err)
{
	size_t step = in->piece_bytes ? in->piece_bytes : INPUT_PIECE_BYTES;

	drop_piece(in);
	for (;;) {
		size_t end;

		if (in->fd < 0) {
			size_t n = in->len;

			if (n == 0)
				return 0;
			/* in memory and given a piece size (tests, fuzzers): cut as a
			 * read of that size would */
			for (size_t w = step; in->piece_bytes && w < in->len; w *= 2)
				if ((end = cut(in->data, w)) > 0) {
					n = end;
					break;
				}
			in->piece = n;
			in->saved = in->data[n];
			in->buf[in->data - in->buf + n] = '\0';
			*data = in->data;
			*len = n;
			return 1;
		}
		/* a unit longer than a step doubles what is read */
		if (fill(in, in->len + (in->len > step ? in->len : step), err) < 0)
			return -1;
		if (in->fd < 0)
			continue;
		end = cut(in->data, in->len);
		if (end > 0) {
			in->piece = end;
			in->saved = in->buf[end];
			in->buf[end] = '\0';
			*data = in->data;
			*len = end;
			return 1;
		}
	}
}

uint64_t
input_offset(const struct input *in)
{
	return in->done;
}

/* A named FIFO opened without blocking may have no writer yet: a read
 * would then see end-of-file at once, and a blocking open or read could
 * wait forever. Waits (bounded) until a writer connects, which a
 * non-blocking read tells apart: EAGAIN (a writer, nothing written yet),
 * data, or 0 after a writer came and went (POLLHUP). Data read on the
 * way is kept in *buf. */
static int
wait_for_writer(int fd, char **buf, size_t *len, struct error *err)
{
	int waited = 0;

	*buf = NULL;
	*len = 0;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		char tmp[4096];
		ssize_t n;
		int ready = poll(&pfd, 1, 50);

		n = read(fd, tmp, sizeof tmp);
		if (n > 0) {
			*buf = xmalloc((size_t)n + 1);
			memcpy(*buf, tmp, (size_t)n);
			*len = (size_t)n;
			return 0;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n < 0 && errno != EINTR)
			return error_set(err, 0, 0, "read failed: %s", strerror(errno));
		if (n == 0 && ready > 0 && (pfd.revents & POLLHUP))
			return 0;   /* the writer closed without writing */
		waited += 50;
		if (waited >= INPUT_FIFO_WAIT_MS)
			return error_set(err, 0, 0, "FIFO: no writer connected within "
				"%d s (start the writer first)", INPUT_FIFO_WAIT_MS / 1000);
	}
}

/* Reads the head: INPUT_HEAD_BYTES, and on until something other than
 * white space (sniffing must not call a file empty that is not), or to
 * the end. A wrapped input is read and unwrapped whole. */
static int
read_head(struct input *in, struct error *err)
{
	struct outbuf o;
	int rc;

	if (fill(in, INPUT_HEAD_BYTES, err) < 0)
		return -1;
	while (in->fd >= 0 && input_is_blank(in->data, in->len))
		if (fill(in, in->len * 2, err) < 0)
			return -1;
	if (is_gzip((const unsigned char *)in->data, in->len) ||
	    is_zstd((const unsigned char *)in->data, in->len)) {
		if (input_read_all(in, err) < 0)
			return -1;
	}
	rc = unwrap(in, in->data, in->len, in->max_bytes, err, &o);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		o.data = o.data ? o.data : xmalloc(1);
		o.data[o.len] = '\0';
		free(in->buf);
		in->buf = o.data;
		in->cap = o.len + 1;
		in->data = o.data;
		in->len = o.len;
	}
	if (in->fd < 0) {
		in->whole = true;
		in->size = in->len;
	}
	return 0;
}

int
input_open(struct input *in, const char *path, uint64_t max_bytes,
	struct error *err)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct stat st;
	int fd;

	memset(in, 0, sizeof *in);
	in->fd = -1;
	set_name(in, name, err);
	if (!max_bytes)
		max_bytes = INPUT_DEFAULT_MAX_BYTES;
	in->max_bytes = max_bytes;
	fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		error_set(err, 0, 0, "cannot open: %s", strerror(errno));
		input_close(in);
		return -1;
	}
	in->fd = fd;
	if (fstat(fd, &st) < 0) {
		error_set(err, 0, 0, "cannot stat: %s", strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		error_set(err, 0, 0, "is a directory");
		goto fail;
	}
	if (fd != 0 && S_ISFIFO(st.st_mode) &&
	    wait_for_writer(fd, &in->buf, &in->len, err) < 0)
		goto fail;
	in->data = in->buf;
	in->cap = in->buf ? in->len + 1 : 0;
	in->read = in->len;
	if (fd != 0)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (S_ISREG(st.st_mode)) {
		if ((uint64_t)st.st_size > max_bytes) {
			error_set(err, 0, 0,
				"input of %llu bytes exceeds the limit of %llu bytes "
				"(raise it with --max-input=SIZE)",
				(unsigned long long)st.st_size, (unsigned long long)max_bytes);
			goto fail;
		}
		in->size = (uint64_t)st.st_size;
	}
	if (read_head(in, err) < 0)
		goto fail;
	return 0;
fail:
	input_close(in);
	return -1;
}

int
input_from_fd(struct input *in, int fd, pid_t child, struct error *err)
{
	in->fd = fd;
	in->child = child;
	in->whole = false;
	in->size = 0;
	if (!in->max_bytes)
		in->max_bytes = INPUT_DEFAULT_MAX_BYTES;
	return read_head(in, err);
}

void
input_close(struct input *in)
{
	if (in->child > 0) {
		/* stopped before the end: the writer need not finish */
		if (in->fd >= 0)
			kill(in->child, SIGTERM);
		stop_reading(in);
		while (waitpid(in->child, NULL, 0) < 0 && errno == EINTR)
			;
		in->child = 0;
	}
	stop_reading(in);
	free(in->buf);
	if (in->name_buf) {
		free(in->name_buf);
		in->name = "";
	}
	in->buf = NULL;
	in->name_buf = NULL;
	in->data = NULL;
	in->len = 0;
	in->cap = 0;
	in->piece = 0;
}
