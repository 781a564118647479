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

/* Starts perf with argv, its stdout a pipe read by out (head read now),
 * its stderr a temporary file. When perf wrote nothing, waits for it and
 * leaves its exit status and first stderr line in *status and msg.
 * Returns 0 when perf ran (whatever it did), -1 with err set otherwise. */
static int
start_perf(const char *perf, char *const argv[], struct input *out,
	int *status, char *msg, size_t msg_size, struct error *err)
{
	int pipefd[2], devnull;
	FILE *errf = tmpfile();
	pid_t pid;

	*status = 0;
	msg[0] = '\0';
	if (pipe(pipefd) < 0) {
		if (errf)
			fclose(errf);
		return error_set(err, 0, 0, "cannot run perf: %s", strerror(errno));
	}
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(pipefd[0]);
		close(pipefd[1]);
		if (errf)
			fclose(errf);
		return error_set(err, 0, 0, "cannot run perf: %s", strerror(e));
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0)
			dup2(devnull, STDIN_FILENO);
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(errf ? fileno(errf) : devnull, STDERR_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		signal(SIGPIPE, SIG_DFL);
		execv(perf, argv);
		_exit(127);
	}
	close(pipefd[1]);
	fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
	if (input_from_fd(out, pipefd[0], pid, err) < 0) {
		if (errf)
			fclose(errf);
		return -1;
	}
	if (out->len == 0) {
		/* nothing at all: perf failed, or is too old for the options */
		while (waitpid(pid, status, 0) < 0) {
			if (errno != EINTR) {
				*status = -1;
				break;
			}
		}
		out->child = 0;
		stderr_line(errf, msg, msg_size);
	}
	if (errf)
		fclose(errf);
	return 0;
}

int
perf_data_convert(const char *path, struct input *out, uint64_t max_bytes,
	struct error *err)
{
	char *perf = NULL;
	/* --force: the file may belong to another user (perf refuses then);
	 * +pid so that --group=pid works. Older perf lacks one or the other:
	 * then plain `perf script`. */
	char *full[] = { "perf", "script", "--force", "-F", "+pid", "-i",
		(char *)path, NULL };
	char *plain[] = { "perf", "script", "-i", (char *)path, NULL };
	/* the path and perf's own words go into messages: escaped */
	size_t need = escape_text(path, strlen(path), NULL, 0);
	char *shown = xmalloc(need + 1), perf_msg[256], msg[sizeof perf_msg * 4];
	int status;

	escape_text(path, strlen(path), shown, need + 1);
	memset(out, 0, sizeof *out);
	out->fd = -1;
	out->name = out->name_buf = shown;   /* freed by input_close() */
	out->max_bytes = max_bytes ? max_bytes : INPUT_DEFAULT_MAX_BYTES;
	out->wrapper = "perf.data";
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
	if (start_perf(perf, full, out, &status, perf_msg, sizeof perf_msg, err) < 0)
		goto fail;
	if (out->len == 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0) &&
	    start_perf(perf, plain, out, &status, perf_msg, sizeof perf_msg, err) < 0)
		goto fail;
	if (out->len == 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
			error_set(err, 0, 0, "cannot execute %s", perf);
		} else {
			escape_text(perf_msg, strlen(perf_msg), msg, sizeof msg);
			error_set(err, 0, 0, "`perf script -i %s` failed: %s", shown,
				msg[0] ? msg : "no output");
		}
		goto fail;
	}
	free(perf);
	return 0;
fail:
	free(perf);
	input_close(out);
	return -1;
}
