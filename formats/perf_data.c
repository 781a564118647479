/* Raw perf.data: scorch does not decode the binary format itself; perf
 * knows its own files (and where the symbols are) best, so `perf script`
 * is run on it and its text is read like any perf script output. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escape.h"
#include "perf_data.h"
#include "xmalloc.h"

#define READ_CHUNK (1u << 20)
#define PROGRESS_STEP (16u << 20)

bool
perf_data_is_raw(const char *data, size_t len)
{
	return len >= 8 && memcmp(data, "PERFILE2", 8) == 0;
}

/* The perf executable on PATH, or NULL (caller frees). */
static char *
find_perf(void)
{
	const char *path = getenv("PATH"), *p;

	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; ; p++) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		char *cand = xmalloc(n + 6);
		struct stat sb;

		memcpy(cand, n ? p : ".", n ? n : 1);
		strcpy(cand + (n ? n : 1), "/perf");
		if (stat(cand, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    access(cand, X_OK) == 0)
			return cand;
		free(cand);
		if (!colon)
			return NULL;
		p = colon;
	}
}

/* First line of what perf wrote on stderr, for the error message. */
static void
stderr_line(FILE *f, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!f || fseek(f, 0, SEEK_SET) != 0)
		return;
	while (fgets(buf, (int)size, f)) {
		buf[strcspn(buf, "\r\n")] = '\0';
		if (buf[0])
			return;
	}
	buf[0] = '\0';
}

struct run {
	char *text;
	size_t len, cap;
	int status;
	char msg[256];
};

/* Runs perf with argv, collecting stdout in r->text. Returns 0 when perf
 * ran (whatever its exit status), -1 with err set otherwise. */
static int
run_perf(const char *perf, char *const argv[], struct run *r,
	struct error *err, void (*progress)(void *, size_t, size_t), void *ctx)
{
	int out[2], devnull;
	FILE *errf = tmpfile();
	pid_t pid;
	size_t next_progress = PROGRESS_STEP;

	if (pipe(out) < 0) {
		if (errf)
			fclose(errf);
		return error_set(err, 0, 0, "cannot run perf: %s", strerror(errno));
	}
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(out[0]);
		close(out[1]);
		if (errf)
			fclose(errf);
		return error_set(err, 0, 0, "cannot run perf: %s", strerror(e));
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0)
			dup2(devnull, STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		dup2(errf ? fileno(errf) : devnull, STDERR_FILENO);
		close(out[0]);
		close(out[1]);
		signal(SIGPIPE, SIG_DFL);
		execv(perf, argv);
		_exit(127);
	}
	close(out[1]);
	r->len = 0;
	for (;;) {
		ssize_t n;

		r->text = xgrow(r->text, &r->cap, r->len + READ_CHUNK + 1, 1);
		n = read(out[0], r->text + r->len, READ_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		r->len += (size_t)n;
		if (r->len > INPUT_DEFAULT_MAX_BYTES) {
			kill(pid, SIGTERM);
			close(out[0]);
			waitpid(pid, NULL, 0);
			if (errf)
				fclose(errf);
			return error_set(err, 0, 0, "perf script output exceeds %llu bytes",
				(unsigned long long)INPUT_DEFAULT_MAX_BYTES);
		}
		if (progress && r->len >= next_progress) {
			progress(ctx, r->len, 0);
			next_progress += PROGRESS_STEP;
		}
	}
	close(out[0]);
	while (waitpid(pid, &r->status, 0) < 0) {
		if (errno != EINTR) {
			r->status = -1;
			break;
		}
	}
	stderr_line(errf, r->msg, sizeof r->msg);
	if (errf)
		fclose(errf);
	r->text[r->len] = '\0';
	return 0;
}

static bool
run_ok(const struct run *r)
{
	return r->len > 0 || (WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0);
}

int
perf_data_convert_progress(const char *path, struct input *out,
	struct error *err, void (*progress)(void *ctx, size_t done, size_t total),
	void *ctx)
{
	char *perf = NULL;
	struct run r = { 0 };
	/* --force: the file may belong to another user (perf refuses then);
	 * +pid so that --group=pid works. Older perf lacks one or the other:
	 * then plain `perf script`. */
	char *full[] = { "perf", "script", "--force", "-F", "+pid", "-i",
		(char *)path, NULL };
	char *plain[] = { "perf", "script", "-i", (char *)path, NULL };
	/* the path and perf's own words go into messages: escaped */
	size_t need = escape_text(path, strlen(path), NULL, 0);
	char *shown = xmalloc(need + 1), msg[sizeof r.msg * 4];

	escape_text(path, strlen(path), shown, need + 1);
	memset(out, 0, sizeof *out);
	out->fd = -1;
	error_set_file(err, shown);
	if (strcmp(path, "-") == 0) {
		error_set(err, 0, 0, "raw perf.data on standard input; save "
			"it to a file, or run `perf script -i FILE` and read its output");
		goto fail;
	}
	perf = find_perf();
	if (!perf) {
		error_set(err, 0, 0, "raw perf.data file and perf is not "
			"installed here; run `perf script -i %s > %s.txt` where it is "
			"and open %s.txt", shown, shown, shown);
		goto fail;
	}
	if (run_perf(perf, full, &r, err, progress, ctx) < 0)
		goto fail;
	if (!run_ok(&r) && run_perf(perf, plain, &r, err, progress, ctx) < 0)
		goto fail;
	if (!run_ok(&r)) {
		if (WIFEXITED(r.status) && WEXITSTATUS(r.status) == 127) {
			error_set(err, 0, 0, "cannot execute %s", perf);
		} else {
			escape_text(r.msg, strlen(r.msg), msg, sizeof msg);
			error_set(err, 0, 0, "`perf script -i %s` failed: %s", shown,
				msg[0] ? msg : "no output");
		}
		goto fail;
	}
	free(perf);
	out->name = out->name_buf = shown;   /* freed by input_close() */
	out->buf = r.text;
	out->data = r.text;
	out->len = r.len;
	out->cap = r.len + 1;
	out->size = r.len;
	out->whole = true;
	out->wrapper = "perf.data";
	return 0;
fail:
	free(perf);
	free(r.text);
	free(shown);
	return -1;
}

int
perf_data_convert(const char *path, struct input *out, struct error *err)
{
	return perf_data_convert_progress(path, out, err, NULL, NULL);
}
