/* See LICENSE file for copyright and license details. */
/*
 * libcopydesk: a handle is a chain (lib/chain.c) and one record-reader
 * run (common/rec.c) kept open across calls, so that a document costs no
 * allocation once the buffers have grown; each copydesk_process() is one
 * input ended at once (rec_push, rec_push_end, rec_end), exactly what a
 * program does with a file holding that document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/io.h"
#include "common/util.h"
#include "lib/chain.h"
#include "lib/copydesk.h"

struct copydesk {
	struct chain c;
	struct diag d;
	struct rec_run *r;
	struct buf out;                 /* the output of the chain */
	struct buf stats;
	void (*sink)(void *arg, const char *p, size_t n);
	void *sinkarg;
	void (*warn)(void *arg, const char *msg);
	void *warnarg;
	char err[600];
};

const char *
copydesk_version(void)
{
	return COPYDESK_VERSION;
}

/* Every message of the chain: kept, and handed to the caller's warn. */
static void
onmsg(void *arg, const char *prog, const char *msg)
{
	struct copydesk *h = arg;

	snprintf(h->err, sizeof(h->err), "%s: %s", prog, msg);
	if (h->warn)
		h->warn(h->warnarg, h->err);
}

/* Explanations (unmojibake --explain) have no place in the library yet:
 * annotations are what copydesk_record's added members are for. */
static void
onnote(void *arg, const char *p, size_t n)
{
	(void)arg;
	(void)p;
	(void)n;
}

/* Output through the caller's sink, when streaming. */
static void
tosink(void *arg, const char *p, size_t n)
{
	struct copydesk *h = arg;

	if (h->sink)
		h->sink(h->sinkarg, p, n);
}

/* The run, made at first use (the options are final then). */
static int
ready(struct copydesk *h)
{
	int i;

	if (h->r)
		return 0;
	if (!(h->r = rec_new(&h->c.ro, &h->d, &h->out)))
		return -1;
	for (i = 0; i < h->c.n; i++)
		if (rec_add(h->r, &h->c.st[i].f, h->c.st[i].e->name,
		    &h->c.st[i].d) < 0) {
			rec_free(h->r);
			h->r = NULL;
			return -1;
		}
	return 0;
}

copydesk *
copydesk_new(const char *chain, char **err)
{
	struct copydesk *h = ecalloc(1, sizeof(*h));
	char msg[600];
	int i, r;

	chain_init(&h->c);
	diag_init(&h->d, "copydesk");
	r = chain_parse(&h->c, chain ? chain : "", msg, sizeof(msg));
	if (r == CHAIN_HELP || r == CHAIN_VERSION)
		snprintf(msg, sizeof(msg), "--help and --version are for "
		    "the programs");
	if (r == CHAIN_OK) {
		for (i = 0; i < h->c.n; i++) {
			h->c.st[i].d.emit = onmsg;
			h->c.st[i].d.note = onnote;
			h->c.st[i].d.arg = h;
		}
		h->d.emit = onmsg;
		h->d.arg = h;
		r = chain_start(&h->c, msg, sizeof(msg));
	}
	if (r == CHAIN_OK && h->c.ro.reject) {
		snprintf(msg, sizeof(msg), "--reject is for the programs: "
		    "copydesk_record returns a bad line as it came");
		r = CHAIN_USAGE;
	}
	if (r != CHAIN_OK) {
		if (err)
			*err = estrdup(msg[0] ? msg : "cannot make the chain");
		chain_free(&h->c);
		free(h);
		return NULL;
	}
	buf_init_mem(&h->out, 4096);
	h->out.keep_err = 1;
	return h;
}

static int
result(struct copydesk *h, int ret, char **out, size_t *outlen)
{
	buf_putc(&h->out, '\0');
	*outlen = h->out.len - 1;
	*out = emalloc(h->out.len);
	memcpy(*out, h->out.p, h->out.len);
	h->out.len = 0;
	/* keep a big buffer from one huge document only as long as needed */
	if (h->out.cap > 4 * 1024 * 1024) {
		buf_free(&h->out);
		buf_init_mem(&h->out, 4096);
	}
	return ret ? -1 : 0;
}

int
copydesk_process(copydesk *h, const char *in, size_t n, char **out,
                 size_t *outlen)
{
	int ret;

	*out = NULL;
	*outlen = 0;
	h->err[0] = '\0';
	if (h->c.ro.mode == REC_JSONL) {
		snprintf(h->err, sizeof(h->err), "copydesk_process: the chain "
		    "has --jsonl: use copydesk_record");
		return -1;
	}
	if (h->sink) {
		snprintf(h->err, sizeof(h->err), "copydesk_process: a stream "
		    "is open: copydesk_close it first");
		return -1;
	}
	if (ready(h) < 0)
		return -1;
	ret = rec_push(h->r, in, n);
	ret |= rec_push_end(h->r);
	ret |= rec_end(h->r);
	return result(h, ret, out, outlen);
}

int
copydesk_record(copydesk *h, const char *line, size_t n, char **out,
                size_t *outlen)
{
	int ret;

	*out = NULL;
	*outlen = 0;
	h->err[0] = '\0';
	if (h->c.ro.mode != REC_JSONL) {
		snprintf(h->err, sizeof(h->err), "copydesk_record: the chain "
		    "needs --jsonl");
		return -1;
	}
	if (ready(h) < 0)
		return -1;
	if (n > 0 && line[n - 1] == '\n')
		n--;
	if (memchr(line, '\n', n)) {
		snprintf(h->err, sizeof(h->err), "copydesk_record: a record "
		    "is one line");
		return -1;
	}
	ret = rec_line(h->r, line, n);
	return result(h, ret, out, outlen);
}

int
copydesk_stream(copydesk *h, void (*sink)(void *, const char *, size_t),
                void *arg)
{
	h->err[0] = '\0';
	if (h->c.ro.mode == REC_JSONL) {
		snprintf(h->err, sizeof(h->err), "copydesk_stream: the chain "
		    "has --jsonl: use copydesk_record");
		return -1;
	}
	if (!sink) {
		snprintf(h->err, sizeof(h->err), "copydesk_stream: no sink");
		return -1;
	}
	if (ready(h) < 0)
		return -1;
	h->sink = sink;
	h->sinkarg = arg;
	h->out.sink = tosink;
	h->out.arg = h;
	return 0;
}

int
copydesk_write(copydesk *h, const char *p, size_t n)
{
	if (!h->sink) {
		snprintf(h->err, sizeof(h->err), "copydesk_write: no stream "
		    "(copydesk_stream)");
		return -1;
	}
	return rec_push(h->r, p, n) ? -1 : 0;
}

int
copydesk_close(copydesk *h)
{
	int ret;

	if (!h->sink) {
		snprintf(h->err, sizeof(h->err), "copydesk_close: no stream "
		    "(copydesk_stream)");
		return -1;
	}
	ret = rec_push_end(h->r);
	ret |= rec_end(h->r);
	buf_flush(&h->out);
	h->out.sink = NULL;
	h->sink = NULL;
	return ret ? -1 : 0;
}

const char *
copydesk_error(const copydesk *h)
{
	return h->err;
}

void
copydesk_set_warn(copydesk *h, void (*fn)(void *, const char *), void *arg)
{
	h->warn = fn;
	h->warnarg = arg;
}

const char *
copydesk_stats(copydesk *h)
{
	if (!h->stats.p)
		buf_init_mem(&h->stats, 512);
	h->stats.len = 0;
	if (ready(h) == 0)
		rec_stats(h->r, h->c.n == 1 ? h->c.st[0].e->name : "copydesk",
		    1, &h->stats);
	while (h->stats.len > 0 && h->stats.p[h->stats.len - 1] == '\n')
		h->stats.len--;
	buf_putc(&h->stats, '\0');
	return h->stats.p;
}

int
copydesk_free(copydesk *h)
{
	int ret;

	if (!h)
		return 0;
	if (h->sink)
		copydesk_close(h);
	ret = chain_finish(&h->c);
	rec_free(h->r);
	chain_free(&h->c);
	buf_free(&h->out);
	buf_free(&h->stats);
	free(h);
	return ret ? -1 : 0;
}
