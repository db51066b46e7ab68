/* See LICENSE file for copyright and license details. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "common/io.h"
#include "common/json.h"
#include "common/rec.h"
#include "common/utf8.h"
#include "common/util.h"

extern char *program_invocation_short_name;

size_t rec_window = REC_WINDOW;
int rec_capture;
struct rec_filter rec_captured;

struct reader {
	int fd;
	const char *name;
	char *buf;
	size_t cap, start, end;
	int eof;
};

static struct reader rd;
static unsigned long long nrecords, bytes_in;
static struct buf jbuf;         /* --jsonl: the filter's output field */
static struct buf jin;          /* --jsonl: the field, decoded */
static struct buf jx;           /* --jsonl: the member the filter adds */

#define JSON_FLAGS \
	(JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17))

static int
isblankline(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	return 1;
}

/* Length of the first complete unit in p[0..n), or 0 if it may go on past
 * n; at_end says that nothing follows p[n-1] in this document. */
static size_t
unitlen(enum rec_unit unit, const char *p, size_t n, int at_end)
{
	const char *q;
	size_t i, e;
	int text = 0, gap = 0, blank;

	switch (unit) {
	case REC_LINE:
		if ((q = memchr(p, '\n', n)))
			return (size_t)(q - p) + 1;
		break;
	case REC_BLOCK:
		if ((q = memrchr(p, '\n', n)))
			return (size_t)(q - p) + 1;
		break;
	case REC_PARA:
		for (i = 0; i < n; i = e) {
			if (!(q = memchr(p + i, '\n', n - i)))
				break;
			e = (size_t)(q - p) + 1;
			blank = isblankline(p + i, e - i - 1);
			if (!blank && gap)
				return i;
			if (!blank)
				text = 1;
			else if (text)
				gap = 1;
		}
		/* the rest is one unfinished line */
		if (i < n && gap && !isblankline(p + i, n - i))
			return i;
		break;
	case REC_DOC:
		break;
	}
	return at_end ? n : 0;
}

/* Where to cut a unit that fills the whole window: after the last
 * newline, else after the last space or tab, else at a character
 * boundary. Never 0. */
static size_t
cutpoint(const char *p, size_t n)
{
	const char *q;
	size_t i;

	if ((q = memrchr(p, '\n', n)))
		return (size_t)(q - p) + 1;
	for (i = n; i > n / 2; i--)
		if (p[i - 1] == ' ' || p[i - 1] == '\t')
			return i;
	i = utf8_boundary(p, n);
	return i ? i : n;
}

static int
feed(struct rec_filter *f, const char *p, size_t n, int at_end, int force,
     struct buf *o, size_t *used)
{
	size_t off = 0, len;
	int ret = 0;

	while (off < n) {
		len = unitlen(f->unit, p + off, n - off, at_end);
		if (len == 0) {
			if (!force || off > 0)
				break;
			len = cutpoint(p, n);
		}
		if (f->fn(f->ctx, p + off, len, o) != 0)
			ret = 1;
		off += len;
	}
	*used = off;
	return ret;
}

int
rec_feed(struct rec_filter *f, const char *p, size_t n, struct buf *o)
{
	size_t used;

	return feed(f, p, n, 1, 0, o, &used);
}

/* Read more. want_full: keep reading until the buffer is full (used when
 * no unit could be taken, so that a long unit is not rescanned after every
 * small pipe read). Return 0 if the buffer is already at the window. */
static int
fill(struct reader *r, int want_full)
{
	ssize_t k;
	size_t cap;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		if (r->cap >= rec_window)
			return 0;
		cap = MIN(r->cap * 2, rec_window);
		r->buf = erealloc(r->buf, cap);
		r->cap = cap;
	}
	do {
		k = io_read(r->fd, r->buf + r->end, r->cap - r->end);
		if (k <= 0) {
			if (k < 0)
				warn("%s", r->name);
			r->eof = k < 0 ? -1 : 1;
			break;
		}
		r->end += (size_t)k;
		bytes_in += (unsigned long long)k;
	} while (want_full && r->end < r->cap);
	return 1;
}

static int
run_plain(const struct rec_opt *o, struct rec_filter *f, struct reader *r)
{
	const char *p, *q;
	size_t avail, docend, used;
	int ret = 0, hard, nul, force = 0, ndocs = 0;

	for (;;) {
		p = r->buf + r->start;
		avail = r->end - r->start;
		docend = avail;
		hard = r->eof != 0;
		nul = 0;
		if (o->mode == REC_NUL && (q = memchr(p, '\0', avail))) {
			docend = (size_t)(q - p);
			hard = nul = 1;
		}
		ret |= feed(f, p, docend, hard, force, out, &used);
		r->start += used;
		force = 0;
		if (hard && used == docend) {
			if (nul || docend > 0 || ndocs == 0 ||
			    o->mode != REC_NUL) {
				nrecords++;
				ndocs++;
				if (f->enddoc)  /* before the NUL: it is in the doc */
					f->enddoc(f->ctx, out);
			}
			if (nul) {
				buf_putc(out, '\0');
				r->start++;
			}
			if (!nul)
				break;
			continue;
		}
		if (!fill(r, used == 0))
			force = 1;
	}
	return ret | (r->eof < 0);
}

static int
dump_cb(const char *p, size_t n, void *data)
{
	buf_put(data, p, n);
	return 0;
}

/* Set the member the filter adds to the record, from the JSON text the
 * filter writes. */
static void
addfield(struct rec_filter *f, json_t *root)
{
	jx.len = 0;
	f->jsonl(f->ctx, &jx);
	json_object_set_new(root, f->jsonl_key,
	                    json_loadb(jx.p, jx.len, JSON_DECODE_ANY, NULL));
}

/* The slow path: jansson parses the line, words what is wrong with it,
 * and dumps the changed record compactly. */
static int
jsonl_slow(const struct rec_opt *o, struct rec_filter *f, const char *p,
           size_t len, size_t n, unsigned long long lineno)
{
	json_error_t jerr;
	json_t *root, *v, *s;
	int ret = 0;

	if (!(root = json_loadb(p, len, JSON_ALLOW_NUL, &jerr))) {
		warnx("%s: line %llu: %s", rd.name, lineno, jerr.text);
		buf_put(out, p, n);
		return 1;
	}
	if (!json_is_object(root)) {
		warnx("%s: line %llu: not a JSON object", rd.name, lineno);
		goto pass;
	}
	if (!(v = json_object_get(root, o->field)))
		goto pass_quietly;
	if (!json_is_string(v)) {
		warnx("%s: line %llu: field \"%s\" is not a string", rd.name,
		      lineno, o->field);
		goto pass;
	}
	jbuf.len = 0;
	ret = rec_feed(f, json_string_value(v), json_string_length(v), &jbuf);
	if (f->enddoc)
		f->enddoc(f->ctx, &jbuf);
	if (f->jsonl)
		addfield(f, root);
	else if (jbuf.len == json_string_length(v) &&
	         !memcmp(jbuf.p, json_string_value(v), jbuf.len))
		goto pass_quietly;      /* unchanged: keep the line's bytes */
	if (!(s = json_stringn(jbuf.p, jbuf.len))) {
		warnx("%s: line %llu: output is not valid UTF-8; record passed "
		      "through", rd.name, lineno);
		goto pass;
	}
	json_object_set_new(root, o->field, s);
	json_dump_callback(root, dump_cb, out, JSON_FLAGS);
	if (len < n)
		buf_putc(out, '\n');
	json_decref(root);
	return ret;
pass:
	ret = 1;
pass_quietly:
	buf_put(out, p, n);
	json_decref(root);
	return ret;
}

/* The fast path: json_scan finds the field, only its string is decoded
 * and encoded, and the rest of the line is copied. */
static int
jsonl_line(const struct rec_opt *o, struct rec_filter *f, const char *p,
           size_t n, unsigned long long lineno)
{
	struct json_member m;
	size_t len = n;
	int ret;

	if (len > 0 && p[len - 1] == '\n')
		len--;
	if (isblankline(p, len)) {
		buf_put(out, p, n);
		return 0;
	}
	nrecords++;
	/* jansson words what is wrong with a field that is not a string,
	 * and replaces the member the filter adds where it stands */
	if (json_scan(p, len, o->field, f->jsonl ? f->jsonl_key : NULL, &m) !=
	    JSON_OK || (m.ve && !m.isstr) || m.also)
		return jsonl_slow(o, f, p, len, n, lineno);
	if (m.ve == 0) {
		buf_put(out, p, n);     /* no such field: quietly */
		return 0;
	}
	jin.len = 0;
	json_unescape(&jin, p + m.vs + 1, m.ve - m.vs - 2);
	jbuf.len = 0;
	ret = rec_feed(f, jin.p, jin.len, &jbuf);
	if (f->enddoc)
		f->enddoc(f->ctx, &jbuf);
	if (!f->jsonl && jbuf.len == jin.len &&
	    !memcmp(jbuf.p, jin.p, jin.len)) {
		buf_put(out, p, n);     /* unchanged: keep the line's bytes */
		return ret;
	}
	if (utf8_valid(jbuf.p, jbuf.len) != jbuf.len) {
		warnx("%s: line %llu: output is not valid UTF-8; record passed "
		      "through", rd.name, lineno);
		buf_put(out, p, n);
		if (f->jsonl) {         /* its state ends with the record */
			jx.len = 0;
			f->jsonl(f->ctx, &jx);
		}
		return 1;
	}
	buf_put(out, p, m.vs);
	json_escape(out, jbuf.p, jbuf.len);
	buf_put(out, p + m.ve, m.end - m.ve);
	if (f->jsonl) {
		buf_putc(out, ',');
		json_escape(out, f->jsonl_key, strlen(f->jsonl_key));
		buf_putc(out, ':');
		f->jsonl(f->ctx, out);
	}
	buf_put(out, p + m.end, n - m.end);
	return ret;
}

static int
run_jsonl(const struct rec_opt *o, struct rec_filter *f, struct reader *r)
{
	static unsigned long long lineno;
	const char *p, *q;
	size_t avail, len;
	int ret = 0, skipping = 0;

	lineno = 0;
	for (;;) {
		p = r->buf + r->start;
		avail = r->end - r->start;
		if (skipping) {         /* the rest of an overlong line */
			q = memchr(p, '\n', avail);
			len = q ? (size_t)(q - p) + 1 : avail;
			buf_put(out, p, len);
			r->start += len;
			skipping = !q;
		}
		while (!skipping && r->start < r->end) {
			p = r->buf + r->start;
			avail = r->end - r->start;
			if (!(q = memchr(p, '\n', avail)) && !r->eof)
				break;
			len = q ? (size_t)(q - p) + 1 : avail;
			ret |= jsonl_line(o, f, p, len, ++lineno);
			r->start += len;
		}
		if (r->eof && r->start == r->end)
			break;
		if (!fill(r, 1)) {
			warnx("%s: line %llu: longer than %zu bytes; passed "
			      "through unchanged", r->name, lineno + 1, rec_window);
			nrecords++;
			lineno++;
			ret = 1;
			buf_put(out, r->buf, r->end);
			r->start = r->end;
			skipping = 1;
		}
	}
	return ret | (r->eof < 0);
}

static void
print_stats(const struct rec_opt *o, const struct rec_filter *f)
{
	const struct rec_counter *c;

	if (o->stats == REC_STATS_JSON) {
		fprintf(stderr, "{\"program\":\"%s\",\"records\":%llu,"
		        "\"bytes_in\":%llu,\"bytes_out\":%llu",
		        program_invocation_short_name, nrecords, bytes_in,
		        out->total);
		for (c = f->counters; c && c->name; c++)
			fprintf(stderr, ",\"%s\":%llu", c->name, c->n);
		fputs("}\n", stderr);
	} else {
		fprintf(stderr, "%s: records %llu, bytes in %llu, bytes out %llu",
		        program_invocation_short_name, nrecords, bytes_in,
		        out->total);
		for (c = f->counters; c && c->name; c++)
			fprintf(stderr, ", %s %llu", c->name, c->n);
		fputc('\n', stderr);
	}
}

static int
run_fd(const struct rec_opt *o, struct rec_filter *f, int fd, const char *name)
{
	rd.fd = fd;
	rd.name = name;
	rd.start = rd.end = 0;
	rd.eof = 0;
	if (o->mode == REC_JSONL)
		return run_jsonl(o, f, &rd);
	return run_plain(o, f, &rd);
}

int
rec_run(const struct rec_opt *o, struct rec_filter *f, int argc, char **argv)
{
	int fd, ret = 0, i;

	if (rec_capture) {      /* a fuzz target drives the filter itself */
		rec_captured = *f;
		return 0;
	}
	if (!rd.buf) {
		rd.cap = MIN((size_t)IO_BLKSIZE, rec_window);
		rd.buf = emalloc(rd.cap);
	}
	if (o->mode == REC_JSONL && !jbuf.p) {
		buf_init_mem(&jbuf, IO_BLKSIZE);
		buf_init_mem(&jin, IO_BLKSIZE);
		buf_init_mem(&jx, 4096);
	}
	if (argc == 0)
		ret |= run_fd(o, f, 0, "<stdin>");
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-")) {
			ret |= run_fd(o, f, 0, "<stdin>");
			continue;
		}
		if ((fd = open(argv[i], O_RDONLY)) < 0) {
			warn("%s", argv[i]);
			ret = 1;
			continue;
		}
		ret |= run_fd(o, f, fd, argv[i]);
		close(fd);
	}
	buf_flush(out);
	if (o->stats != REC_STATS_NONE)
		print_stats(o, f);
	return ret;
}
