/* See LICENSE file for copyright and license details. */
/*
 * copydesk --each DIR: a long-lived worker of copydesk-batch. It runs the
 * chain over shard after shard, the engines made once, taking the next
 * shard from DIR/todo under a lock, so that any number of workers share
 * the list and each shard is taken once:
 *
 *   DIR/todo       the shards: input, output, name, each ended by NUL
 *   DIR/next       the index of the next shard to take (text), locked
 *                  with flock(2) while it is read and bumped
 *   DIR/done       a line per shard done or failed: name, status (0
 *                  done, 1 failed), seconds, bytes out
 *   DIR/stats.jsonl  with --stats=json: each shard's counts, a line each
 *   REJECT/NAME    with --reject=REJECT (a directory): the shard's
 *                  lines that are not JSON, when it has any
 *
 * Each output is written to .NAME.part beside it, through gzip -n, zstd,
 * xz or bzip2 when its name ends in .gz, .zst, .xz or .bz2 (as the batch
 * runner's shell jobs do, so the bytes are the same), and renamed to NAME
 * only when the shard went through without a failure. SIGHUP stops the
 * worker after the shard at hand; SIGINT and SIGTERM stop it at once, and
 * its .part is removed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/each.h"
#include "common/io.h"
#include "common/util.h"

struct shard {
	const char *in, *out, *name;
};

static volatile sig_atomic_t stop;
static char curtmp[4096];       /* the .part being written, or "" */

/* HUP: finish the shard at hand, take no more. INT, TERM: stop now,
 * without leaving the .part behind. */
static void
onsignal(int sig)
{
	stop = sig;
	if (sig == SIGHUP)
		return;
	if (curtmp[0])
		unlink(curtmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static char *
slurp(const char *path, size_t *n, struct diag *d)
{
	struct buf b;
	char tmp[65536];
	ssize_t k;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0) {
		diag_warn(d, "%s", path);
		return NULL;
	}
	buf_init_mem(&b, 4096);
	while ((k = io_read(fd, tmp, sizeof(tmp))) > 0)
		buf_put(&b, tmp, (size_t)k);
	close(fd);
	if (k < 0) {
		diag_warn(d, "%s", path);
		buf_free(&b);
		return NULL;
	}
	buf_putc(&b, '\0');
	*n = b.len - 1;
	return b.p;
}

/* The shards of DIR/todo. */
static struct shard *
load(const char *dir, size_t *nshards, char **mem, struct diag *d)
{
	struct shard *sv = NULL;
	char path[4096], *p, *end;
	size_t n, k = 0, cap = 0;

	snprintf(path, sizeof(path), "%s/todo", dir);
	if (!(*mem = slurp(path, &n, d)))
		return NULL;
	for (p = *mem, end = *mem + n; p < end; ) {
		if (k == cap) {
			cap = cap ? 2 * cap : 64;
			sv = erealloc(sv, cap * sizeof(*sv));
		}
		sv[k].in = p;
		p += strlen(p) + 1;
		sv[k].out = p < end ? p : "";
		p += strlen(p) + 1;
		sv[k].name = p < end ? p : "";
		p += strlen(p) + 1;
		if (p > end + 1 || !*sv[k].out || !*sv[k].name) {
			diag_warnx(d, "%s: not a list of shards", path);
			free(sv);
			return NULL;
		}
		k++;
	}
	*nshards = k;
	return sv;
}

/* Take the next shard: its index, or -1 when none is left. */
static long
take(int fd, size_t n, struct diag *d)
{
	char num[32];
	ssize_t k;
	long i;

	if (flock(fd, LOCK_EX) < 0) {
		diag_warn(d, "next: lock");
		return -1;
	}
	k = pread(fd, num, sizeof(num) - 1, 0);
	num[k > 0 ? k : 0] = '\0';
	i = strtol(num, NULL, 10);
	if (i < 0)
		i = 0;
	if ((size_t)i < n) {
		k = snprintf(num, sizeof(num), "%ld\n", i + 1);
		if (pwrite(fd, num, (size_t)k, 0) != k) {
			diag_warn(d, "next: write");
			i = -1;
		}
	} else {
		i = -1;
	}
	flock(fd, LOCK_UN);
	return i;
}

static const char *const *
compressor(const char *name)
{
	static const char *const gz[] = { "gzip", "-nc", NULL };
	static const char *const zst[] = { "zstd", "-qc", NULL };
	static const char *const xz[] = { "xz", "-c", NULL };
	static const char *const bz2[] = { "bzip2", "-c", NULL };
	size_t n = strlen(name);

	if (n > 3 && !strcmp(name + n - 3, ".gz"))
		return gz;
	if (n > 4 && !strcmp(name + n - 4, ".zst"))
		return zst;
	if (n > 3 && !strcmp(name + n - 3, ".xz"))
		return xz;
	if (n > 4 && !strcmp(name + n - 4, ".bz2"))
		return bz2;
	return NULL;
}

/* Start argv writing to fd; the pipe to write to, or -1. */
static int
spawn(const char *const *argv, int fd, pid_t *pid, struct diag *d)
{
	int p[2];

	if (pipe(p) < 0) {
		diag_warn(d, "pipe");
		return -1;
	}
	if ((*pid = fork()) < 0) {
		diag_warn(d, "fork");
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (*pid == 0) {
		signal(SIGINT, SIG_IGN);        /* the worker decides */
		signal(SIGTERM, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		dup2(p[0], 0);
		dup2(fd, 1);
		close(p[0]);
		close(p[1]);
		close(fd);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "copydesk: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(p[0]);
	return p[1];
}

static int
mkdirs(char *path)
{
	char *s;

	for (s = path + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return 0;
}

static double
now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

static void
append(const char *path, const char *p, size_t n, struct diag *d)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0666)) < 0 ||
	    write(fd, p, n) != (ssize_t)n)
		diag_warn(d, "%s", path);
	if (fd >= 0)
		close(fd);
}

/* One shard through the chain; 0 done, 1 failed. */
static int
shard(struct each *e, const struct shard *s, struct rec_opt *ro,
      unsigned long long *outn)
{
	char tmp[4096], rej[4096];
	const char *slash;
	const char *const *z = compressor(s->out);
	struct rec_run *r;
	struct buf ob, st;
	pid_t zpid = -1;
	int ifd, tfd, ofd, wst, ret = 0;
	size_t i;

	slash = strrchr(s->out, '/');
	snprintf(tmp, sizeof(tmp), "%.*s.%s.part",
	    slash ? (int)(slash - s->out) + 1 : 0, s->out,
	    slash ? slash + 1 : s->out);
	if (mkdirs(tmp) < 0) {
		diag_warn(e->d, "%s", tmp);
		return 1;
	}
	if ((ifd = open(s->in, O_RDONLY)) < 0) {
		diag_warn(e->d, "%s", s->in);
		return 1;
	}
	snprintf(curtmp, sizeof(curtmp), "%s", tmp);
	if ((tfd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0) {
		diag_warn(e->d, "%s", tmp);
		close(ifd);
		return 1;
	}
	ofd = tfd;
	if (z && (ofd = spawn(z, tfd, &zpid, e->d)) < 0) {
		close(ifd);
		close(tfd);
		unlink(tmp);
		return 1;
	}
	if (ro->reject) {
		snprintf(rej, sizeof(rej), "%s/%s", e->reject, s->name);
		if (mkdirs(rej) < 0)
			diag_warn(e->d, "%s", rej);
		ro->reject = rej;
	}
	buf_init_fd(&ob, ofd, IO_BLKSIZE);
	ob.keep_err = 1;
	for (i = 0; i < e->nst; i++) {         /* this shard's counts */
		struct rec_counter *c;

		for (c = e->f[i]->counters; c && c->name; c++)
			c->n = 0;
		snprintf(e->prog[i], sizeof(e->prog[i]), "%s: %s", s->name,
		    e->names[i]);
		e->sd[i]->prog = e->prog[i];
	}
	if (!(r = rec_new(ro, e->d, &ob))) {
		ret = 1;
	} else {
		for (i = 0; i < e->nst; i++)
			if (rec_add(r, e->f[i], e->names[i], e->sd[i]) < 0)
				ret = 1;
		if (!ret) {
			ret |= rec_file(r, ifd, s->name);
			ret |= rec_end(r);
		}
		if (ob.err) {
			errno = ob.err;
			diag_warn(e->d, "%s", tmp);
			ret = 1;
		}
		*outn = ob.total;
		if (e->stats && !ret) {
			buf_init_mem(&st, 512);
			rec_stats(r, "copydesk", 1, &st);
			snprintf(rej, sizeof(rej), "%s/stats.jsonl", e->dir);
			append(rej, st.p, st.len, e->d);
			buf_free(&st);
		}
		rec_free(r);
	}
	buf_free(&ob);
	close(ifd);
	if (ro->reject) {       /* an empty reject file says nothing */
		struct stat sb;

		if (stat(ro->reject, &sb) == 0 && sb.st_size == 0)
			unlink(ro->reject);
		ro->reject = e->reject;
	}
	if (z) {
		close(ofd);
		if (waitpid(zpid, &wst, 0) < 0 || !WIFEXITED(wst) ||
		    WEXITSTATUS(wst) != 0) {
			diag_warnx(e->d, "%s: %s failed", s->name, z[0]);
			ret = 1;
		}
	}
	if (close(tfd) < 0) {
		diag_warn(e->d, "%s", tmp);
		ret = 1;
	}
	if (ret || rename(tmp, s->out) < 0) {
		if (!ret)
			diag_warn(e->d, "%s", s->out);
		unlink(tmp);
		curtmp[0] = '\0';
		return 1;
	}
	curtmp[0] = '\0';
	return 0;
}

int
each_run(struct each *e, struct rec_opt *ro)
{
	struct sigaction sa;
	struct shard *sv;
	unsigned long long outn;
	char path[4096], line[4200], *mem;
	size_t n;
	long i;
	double t0;
	int fd, st, ret = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsignal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	e->reject = ro->reject;
	if (!(sv = load(e->dir, &n, &mem, e->d)))
		return 1;
	snprintf(path, sizeof(path), "%s/next", e->dir);
	if ((fd = open(path, O_RDWR | O_CREAT, 0666)) < 0) {
		diag_warn(e->d, "%s", path);
		free(sv);
		free(mem);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/done", e->dir);
	while (!stop && (i = take(fd, n, e->d)) >= 0) {
		t0 = now();
		outn = 0;
		st = shard(e, &sv[i], ro, &outn);
		ret |= st;
		snprintf(line, sizeof(line), "%s\t%d\t%.3f\t%llu\n",
		    sv[i].name, st, now() - t0, outn);
		append(path, line, strlen(line), e->d);
	}
	close(fd);
	free(sv);
	free(mem);
	if (stop) {
		signal(stop, SIG_DFL);
		raise(stop);
	}
	return ret;
}
