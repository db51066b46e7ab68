/* See LICENSE file for copyright and license details. */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "common/io.h"
#include "common/json.h"
#include "common/rec.h"
#include "common/src.h"
#include "common/utf8.h"
#include "common/util.h"

/*
 * The input of a stage: bytes held until they make whole units.
 * Stage 0 reads its files into it; every later stage is pushed the
 * output of the stage before it, through that stage's buffer's sink.
 */
struct stage {
	struct rec_run *run;
	struct rec_filter *f;
	struct rec_pos pos;
	const char *name;
	struct diag *d;
	char *buf;
	size_t cap, start, end;
	size_t tried;           /* bytes held when no unit could be taken */
	size_t nulfrom;         /* -z: no NUL in buf[start..nulfrom) */
	struct buf o;           /* its output, when a later stage reads it */
	struct buf jx;          /* --jsonl: the value of the member it adds */
	size_t pathi;           /* ... and that member's path */
	struct buf *out;        /* where its units go: &o, or the run's */
	struct buf discard;     /* --attrs: what the filter writes */
	unsigned long long ndocs;
	int held_doc;           /* bytes of a document were taken */
	int eof;
	int ret;
};

struct rec_run {
	struct rec_opt *o;
	struct diag *d;
	struct buf *out;
	struct stage *st;
	size_t nst;
	struct rec_pos pos;
	struct src src;
	int nfiles;
	int pending_nul;        /* -z: a file ended inside a document */
	int pushing;            /* rec_push began an input */
	/* documents that end up empty, without --jsonl: the last stage
	 * writes to fin, whose sink holds a document's output while it is
	 * all white space (up to EMPTY_HOLD bytes) */
	int track;              /* --stats or --drop-empty */
	struct buf fin, held;
	int nonblank;           /* the document's output has a character */
	int drop_nul;           /* -z: its NUL goes with it */
	unsigned long long empties;
	/* --attrs */
	FILE *attrsf;           /* FILE, or NULL */
	struct buf hole;        /* the text nobody wants: no FILE, no --jsonl */
	struct buf aline;       /* an attribute line, or the member's value */
	struct buf none;        /* what a taken member becomes */
	size_t attrs_pathi;     /* --jsonl: the member "attributes" */
	size_t take_pathi;      /* --jsonl: the member a stage takes, or 0 */
	/* --jsonl */
	struct json_path paths[3 + 13]; /* field, id, lang, members added */
	size_t npaths;
	char *line;             /* the line being read */
	size_t lcap, lstart, lend;
	struct buf jin, jout;
	struct buf lang;                /* --lang-field's value */
	FILE *rejf;
	int warned_missing, warned_notstr, warned_dup;
	/* counts */
	unsigned long long nrecords, bytes_in, lines;
	unsigned long long processed, missing, notstr, rejected, oversized;
	unsigned long long dups;
};

const struct opt_long rec_longopts[] = {
	{ "attrs",      OPT_OPTIONAL, REC_OPT_ATTRS },
	{ "drop-empty", OPT_NONE,     REC_OPT_DROP_EMPTY },
	{ "help",       OPT_NONE,     REC_OPT_HELP },
	{ "id-field",   OPT_REQUIRED, REC_OPT_ID_FIELD },
	{ "jsonl",      OPT_OPTIONAL, REC_OPT_JSONL },
	{ "lang-field", OPT_REQUIRED, REC_OPT_LANG_FIELD },
	{ "max-record", OPT_REQUIRED, REC_OPT_MAX_RECORD },
	{ "max-reject", OPT_REQUIRED, REC_OPT_MAX_REJECT },
	{ "null",       OPT_NONE,     REC_OPT_NUL },
	{ "offsets",    OPT_REQUIRED, REC_OPT_OFFSETS },
	{ "reject",     OPT_REQUIRED, REC_OPT_REJECT },
	{ "stats",      OPT_OPTIONAL, REC_OPT_STATS },
	{ "unbuffered", OPT_NONE,     REC_OPT_UNBUFFERED },
	{ "version",    OPT_NONE,     REC_OPT_VERSION },
	{ "window",     OPT_REQUIRED, REC_OPT_WINDOW },
	{ NULL, 0, 0 }
};

void
rec_opt_init(struct rec_opt *o)
{
	memset(o, 0, sizeof(*o));
	o->mode = REC_PLAIN;
	o->field = "text";
	o->window = REC_WINDOW;
	o->max_record = REC_MAX_RECORD;
	o->id_field = "id";
	o->max_reject = REC_MAX_REJECT;
}

static int
checkpath(const char *opt, const char *spec, char *err, size_t errsize)
{
	struct json_path path;
	char why[160];

	if (json_path_parse(spec, &path, why, sizeof(why)) < 0) {
		snprintf(err, errsize, "%s: %s", opt, why);
		return -1;
	}
	json_path_free(&path);
	return 0;
}

int
rec_option(struct rec_opt *o, int c, const char *arg, char *err,
           size_t errsize)
{
	unsigned long long v;
	long long n;
	char num[32];

	switch (c) {
	case REC_OPT_NUL:
		if (o->mode == REC_JSONL)
			goto both;
		o->mode = REC_NUL;
		return 1;
	case REC_OPT_JSONL:
		if (o->mode == REC_NUL)
			goto both;
		if (arg && !*arg) {
			snprintf(err, errsize, "--jsonl=: an empty field name");
			return -1;
		}
		if (arg && checkpath("--jsonl", arg, err, errsize) < 0)
			return -1;
		o->mode = REC_JSONL;
		o->field = arg ? arg : "text";
		return 1;
	case REC_OPT_STATS:
		if (!arg || !strcmp(arg, "text"))
			o->stats = REC_STATS_TEXT;
		else if (!strcmp(arg, "json"))
			o->stats = REC_STATS_JSON;
		else {
			snprintf(err, errsize,
			    "--stats: expected text or json, not %s", arg);
			return -1;
		}
		return 1;
	case REC_OPT_OFFSETS:
		if (!strcmp(arg, "bytes"))
			o->offsets = REC_OFF_BYTES;
		else if (!strcmp(arg, "chars"))
			o->offsets = REC_OFF_CHARS;
		else {
			snprintf(err, errsize,
			    "--offsets: expected bytes or chars, not %s", arg);
			return -1;
		}
		o->offsets_set = 1;
		return 1;
	case REC_OPT_ID_FIELD:
		if (checkpath("--id-field", arg, err, errsize) < 0)
			return -1;
		o->id_field = arg;
		return 1;
	case REC_OPT_LANG_FIELD:
		if (checkpath("--lang-field", arg, err, errsize) < 0)
			return -1;
		o->lang_field = arg;
		return 1;
	case REC_OPT_REJECT:
		if (!*arg) {
			snprintf(err, errsize, "--reject: an empty file name");
			return -1;
		}
		o->reject = arg;
		return 1;
	case REC_OPT_MAX_REJECT:        /* "5" or "5%" */
		snprintf(num, sizeof(num), "%s", arg);
		if (*num && num[strlen(num) - 1] == '%')
			num[strlen(num) - 1] = '\0';
		if (opt_num(num, 0, 100, "--max-reject", &n, err, errsize) < 0)
			return -1;
		o->max_reject = (unsigned)n;
		return 1;
	case REC_OPT_MAX_RECORD:
		if (opt_size(arg, 64, (unsigned long long)1 << 34,
		    "--max-record", &v, err, errsize) < 0)
			return -1;
		o->max_record = (size_t)v;
		return 1;
	case REC_OPT_WINDOW:
		if (opt_size(arg, 16, (unsigned long long)1 << 34, "--window",
		    &v, err, errsize) < 0)
			return -1;
		o->window = (size_t)v;
		return 1;
	case REC_OPT_DROP_EMPTY:
		o->drop_empty = 1;
		return 1;
	case REC_OPT_ATTRS:
		if (arg && !*arg) {
			snprintf(err, errsize, "--attrs=: an empty file name");
			return -1;
		}
		o->attrs = 1;
		o->attrs_file = arg;
		return 1;
	case REC_OPT_UNBUFFERED:
		o->unbuffered = 1;
		return 1;
	}
	return 0;
both:
	snprintf(err, errsize, "-z and --jsonl cannot be used together");
	return -1;
}

void
rec_where(const struct rec_pos *pos, char *buf, size_t size)
{
	int k;

	if (pos->line)
		k = snprintf(buf, size, "%s: line %llu", pos->file, pos->line);
	else
		k = snprintf(buf, size, "%s: document %llu", pos->file,
		    pos->doc);
	if (pos->id && k >= 0 && (size_t)k < size)
		snprintf(buf + k, size - (size_t)k, " (id %.*s)",
		    (int)MIN(pos->idlen, 80), pos->id);
}

size_t
rec_chars(const char *p, size_t n)
{
	size_t i = 0, k = 0;
	uint32_t cp;
	uint64_t w;
	unsigned char c;

	while (i < n) {
		/* ASCII eight bytes at a time (--attrs counts every byte) */
		if (i + 8 <= n && (memcpy(&w, p + i, 8),
		    !(w & 0x8080808080808080ULL))) {
			i += 8;
			k += 8;
			continue;
		}
		c = (unsigned char)p[i];
		if (c < 0x80)
			i++;
		else if (c >= 0xC2 && c <= 0xDF && i + 1 < n &&
		    ((unsigned char)p[i + 1] & 0xC0) == 0x80)
			i += 2;         /* Latin, Greek, Cyrillic */
		else if (c >= 0xE1 && c <= 0xEC && i + 2 < n &&
		    ((unsigned char)p[i + 1] & 0xC0) == 0x80 &&
		    ((unsigned char)p[i + 2] & 0xC0) == 0x80)
			i += 3;         /* punctuation, CJK */
		else
			i += utf8_decode(p + i, n - i, &cp);
		k++;
	}
	return k;
}

static int
isblankline(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	return 1;
}

/* The end of the line that starts at p[i]: just after its '\n', or after
 * a CR that no '\n' follows (old Mac text); 0 if no line ends in
 * p[i..n). The CR is looked for only up to the '\n', so every byte is
 * read at most twice. lone_cr 0: '\n' alone ends a line. */
static size_t
lineend(const char *p, size_t n, size_t i, int lone_cr)
{
	const char *q = memchr(p + i, '\n', n - i);
	size_t nl = q ? (size_t)(q - p) : n, c;

	if (lone_cr && (q = memchr(p + i, '\r', nl - i))) {
		c = (size_t)(q - p);
		if (c + 1 == n)
			return 0;       /* a '\n' may follow */
		if (p[c + 1] != '\n')
			return c + 1;   /* a lone CR */
	}
	return nl < n ? nl + 1 : 0;
}

/* Length of the first complete unit in p[0..n), or 0 if it may go on past
 * n; at_end says that nothing follows p[n-1] in this document; lone_cr
 * that a CR no '\n' follows ends a line (REC_PARA). */
static size_t
unitlen(const struct rec_filter *f, const char *p, size_t n, int at_end,
        int lone_cr)
{
	const char *q;
	size_t i, e;
	int text = 0, gap = 0, blank;

	switch (f->unit) {
	case REC_LINE:
		if ((q = memchr(p, '\n', n)))
			return (size_t)(q - p) + 1;
		break;
	case REC_BLOCK:
		if ((q = mem_rchr(p, '\n', n)))
			return (size_t)(q - p) + 1;
		break;
	case REC_PARA:
		for (i = 0; i < n; i = e) {
			if (!(e = lineend(p, n, i, lone_cr)))
				break;
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

	if ((q = mem_rchr(p, '\n', n)))
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
	int ret = 0, cr;

	/* a lone CR is looked for line by line only in text that has a CR
	 * at all: one pass here, not one search more for every line */
	cr = f->lone_cr && f->unit == REC_PARA && memchr(p, '\r', n) != NULL;
	while (off < n) {
		len = unitlen(f, p + off, n - off, at_end, cr);
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

/* ------------------------------------------------------------ stages */

/* Room for at least want more bytes at s->buf + s->end, within the
 * window: how many there are (0 when the window is full). */
static size_t
room(struct stage *s, size_t want)
{
	size_t window = s->run->o->window, cap;

	if (s->start > 0 && (s->end == s->cap || s->start >= s->cap / 2)) {
		memmove(s->buf, s->buf + s->start, s->end - s->start);
		s->end -= s->start;
		s->nulfrom -= MIN(s->nulfrom, s->start);
		s->start = 0;
	}
	if (s->cap - s->end < want && s->cap < window) {
		cap = MIN(MAX(s->cap * 2, s->end + want), window);
		s->buf = erealloc(s->buf, cap);
		s->cap = cap;
	}
	return s->cap - s->end;
}

/* ------------------------------------------------------------ --attrs */

static int blank_byte(unsigned char c);
static int blank(const char *p, size_t n);

struct rec_attrs {
	struct rec_run *run;
	const char *filter;     /* the stage's name */
	struct {
		const char *name;
		struct buf b;   /* "[s,e,v],[s,e,v]" (p kept once made) */
		int any;
	} a[REC_ATTRS_NAMES];
	size_t na;
	size_t ndecl;           /* a[0..ndecl): the declared names, written
	                         * for every document; the rest came with
	                         * this document's spans and go with it */
	struct buf done;        /* finished documents' members, each ended
	                         * by a NUL, for the last stage to take */
};

static struct rec_attrs *
attrs_new(struct rec_run *r, const char *filter,
    const char *const *names)
{
	struct rec_attrs *a = ecalloc(1, sizeof(*a));

	a->run = r;
	a->filter = filter;
	buf_init_mem(&a->done, 256);
	for (; names && *names && a->na < REC_ATTRS_NAMES; names++) {
		a->a[a->na].name = *names;
		buf_init_mem(&a->a[a->na++].b, 256);
	}
	a->ndecl = a->na;
	return a;
}

static void
attrs_free(struct rec_attrs *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < REC_ATTRS_NAMES; i++)
		free(a->a[i].b.p);
	free(a->done.p);
	free(a);
}

/* n in decimal: a span's offsets, faster than printf (a span a word) */
static void
put_uint(struct buf *b, unsigned long long n)
{
	char d[20];
	int k = 20;

	do
		d[--k] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	buf_put(b, d + k, (size_t)(20 - k));
}

/* JSON has no infinity nor NaN: a value is written as a finite number;
 * a whole number (a count, an index) in full */
static void
put_value(struct buf *b, double v)
{
	if (v != v)
		v = 0;
	else if (v > 1e300)
		v = 1e300;
	else if (v < -1e300)
		v = -1e300;
	if (v >= 0 && v < 1e15 && v == (double)(long long)v) {
		put_uint(b, (unsigned long long)v);
	} else if (v > -1e15 && v < 0 && v == (double)(long long)v) {
		buf_putc(b, '-');
		put_uint(b, (unsigned long long)-v);
	} else if (v > -1e9 && v < 1e9) {
		/* six decimals at most, as printf would round them, the zeros
		 * at the end left out: 0.93375, 0.05 */
		unsigned long long m = (unsigned long long)((v < 0 ? -v : v) *
		    1e6 + 0.5);
		char d[8];
		int k;

		if (v < 0)
			buf_putc(b, '-');
		put_uint(b, m / 1000000);
		for (k = 5, m %= 1000000; k >= 0; k--, m /= 10)
			d[k] = (char)('0' + m % 10);
		for (k = 6; k > 0 && d[k - 1] == '0'; k--)
			;
		if (k > 0) {
			buf_putc(b, '.');
			buf_put(b, d, (size_t)k);
		}
	} else {
		buf_printf(b, "%.6g", v);
	}
}

void
rec_span(struct rec_attrs *a, const char *name, unsigned long long bs,
         unsigned long long be, unsigned long long cs, unsigned long long ce,
         double v)
{
	int bytes = a->run->o->offsets_set &&
	    a->run->o->offsets == REC_OFF_BYTES;
	size_t i;

	for (i = 0; i < a->na && strcmp(a->a[i].name, name) != 0; i++)
		;
	if (i == a->na) {       /* a name the engine did not declare */
		if (a->na == REC_ATTRS_NAMES)
			abort();
		a->a[i].name = name;
		if (!a->a[i].b.p)
			buf_init_mem(&a->a[i].b, 256);
		a->na++;
	}
	if (a->a[i].any)
		buf_putc(&a->a[i].b, ',');
	a->a[i].any = 1;
	buf_putc(&a->a[i].b, '[');
	put_uint(&a->a[i].b, bytes ? bs : cs);
	buf_putc(&a->a[i].b, ',');
	put_uint(&a->a[i].b, bytes ? be : ce);
	buf_putc(&a->a[i].b, ',');
	put_value(&a->a[i].b, v);
	buf_putc(&a->a[i].b, ']');
}

unsigned long long
rec_cursor_at(struct rec_cursor *k, const char *p, unsigned long long pb,
              size_t n, unsigned long long b)
{
	(void)n;
	if (b >= k->b) {
		k->c += rec_chars(p + (k->b - pb), (size_t)(b - k->b));
		k->b = b;
		return k->c;
	}
	return k->c - rec_chars(p + (b - pb), (size_t)(k->b - b));
}

/* The document ended for this stage: its members, to done: every
 * declared name, and the names that came with its spans (not those of
 * the documents before it, so that a document's line is the same
 * wherever it stands in a run), which then go. */
static void
attrs_docend(struct rec_attrs *a)
{
	size_t i;
	int first = 1;

	for (i = 0; i < a->na; i++) {
		if (i >= a->ndecl && !a->a[i].any)
			continue;
		if (!first)
			buf_putc(&a->done, ',');
		first = 0;
		buf_puts(&a->done, "\"copydesk__");
		buf_puts(&a->done, a->filter);
		buf_puts(&a->done, "__");
		buf_puts(&a->done, a->a[i].name);
		buf_puts(&a->done, "\":[");
		buf_put(&a->done, a->a[i].b.p, a->a[i].b.len);
		buf_putc(&a->done, ']');
		a->a[i].b.len = 0;
		a->a[i].any = 0;
	}
	a->na = a->ndecl;
	buf_putc(&a->done, '\0');
}

/* The first finished document's members, appended to o (after a comma
 * if o has members already: *first says if not); taken from done. */
static void
attrs_take(struct rec_attrs *a, struct buf *o, int *first)
{
	const char *z = memchr(a->done.p, '\0', a->done.len);
	size_t k = z ? (size_t)(z - a->done.p) : a->done.len;

	if (k > 0) {
		if (!*first)
			buf_putc(o, ',');
		buf_put(o, a->done.p, k);
		*first = 0;
	}
	if (z)
		k++;
	memmove(a->done.p, a->done.p + k, a->done.len - k);
	a->done.len -= k;
}

/* Every stage's members for the document the last stage ended, as one
 * object "{...}" in o. */
static void
attrs_object(struct rec_run *r, struct buf *o)
{
	size_t i;
	int first = 1;

	buf_putc(o, '{');
	for (i = 0; i < r->nst; i++)
		attrs_take(r->st[i].f->attrs, o, &first);
	buf_putc(o, '}');
}

/* Write the attribute line of a document named by the JSON text id. */
static void
attrs_line(struct rec_run *r, const char *id, size_t idlen)
{
	struct buf *o = &r->aline;

	o->len = 0;
	buf_puts(o, "{\"id\":");
	buf_put(o, id, idlen);
	buf_puts(o, ",\"attributes\":");
	attrs_object(r, o);
	buf_puts(o, "}\n");
	if (r->attrsf)
		fwrite(o->p, 1, o->len, r->attrsf);
	else
		buf_put(r->out, o->p, o->len);
}

/* --jsonl: the value of the member "attributes" in r->aline: every
 * stage's members, after those of the object old[0..n) the record has
 * (NULL: none, or not an object; it is replaced) */
static void
attrs_merge(struct rec_run *r, const char *old, size_t n)
{
	struct buf *o = &r->aline;
	size_t e;
	int first = 1;

	o->len = 0;
	if (!old) {
		attrs_object(r, o);
		return;
	}
	for (e = n - 1; e > 1 && blank_byte((unsigned char)old[e - 1]); e--)
		;
	buf_put(o, old, e);             /* up to its '}' */
	first = blank(old + 1, e - 1);
	for (e = 0; e < r->nst; e++)
		attrs_take(r->st[e].f->attrs, o, &first);
	buf_putc(o, '}');
}

/* -z and text: the last stage ended its document number n */
static void
attrs_doc(struct rec_run *r, unsigned long long n)
{
	char id[32];

	snprintf(id, sizeof(id), "%llu", n);
	attrs_line(r, id, strlen(id));
}

static void
drop_sink(void *arg, const char *p, size_t n)
{
	(void)arg;
	(void)p;
	(void)n;
}

/* ------------------------------------------------- empty documents */

#define EMPTY_HOLD 65536 /* more white space than this is kept, not held */

static int
blank_byte(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Is p[0..n) all white space (ASCII, and the no-break and other spaces
 * of Unicode are text)? */
static int
blank(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!blank_byte((unsigned char)p[i]))
			return 0;
	return 1;
}

/* The sink of fin, the last stage's output: a document's bytes are held
 * while they are all white space; its NUL (-z) passes, or goes with a
 * document left out (final_docend decides, before the NUL comes). */
static void
final_sink(void *arg, const char *p, size_t n)
{
	struct rec_run *r = arg;
	size_t k;

	while (n > 0) {
		if (r->nonblank) {
			buf_put(r->out, p, n);
			return;
		}
		if (*p == '\0') {              /* a NUL that ends a document */
			if (!r->drop_nul)
				buf_putc(r->out, '\0');
			r->drop_nul = 0;
			p++;
			n--;
			continue;
		}
		r->drop_nul = 0;
		for (k = 0; k < n && blank_byte((unsigned char)p[k]); k++)
			;
		if (k == n && r->held.len + k <= EMPTY_HOLD) {
			buf_put(&r->held, p, k);
			return;
		}
		/* a character, or more white space than is held */
		buf_put(r->out, r->held.p, r->held.len);
		r->held.len = 0;
		r->nonblank = 1;
	}
}

/* The last stage ended a document: was its output empty? */
static void
final_docend(struct rec_run *r)
{
	buf_flush(&r->fin);
	if (!r->nonblank) {
		r->empties++;
		if (r->o->drop_empty)
			r->drop_nul = r->o->mode == REC_NUL;
		else
			buf_put(r->out, r->held.p, r->held.len);
	}
	r->held.len = 0;
	r->nonblank = 0;
}

static void
enddoc(struct stage *s)
{
	if (s == s->run->st)
		s->run->nrecords++;
	if (s->f->enddoc)  /* before the NUL: it is in the document */
		s->f->enddoc(s->f->ctx, s->f->attrs ? &s->discard : s->out);
	/* (--jsonl: rec_end's stage_eof of a later stage ends no record) */
	if (s->f->attrs && s->run->o->mode != REC_JSONL) {
		s->discard.len = 0;
		attrs_docend(s->f->attrs);
		if (s == &s->run->st[s->run->nst - 1])
			attrs_doc(s->run, s->ndocs + 1);
	}
	if (s->out == &s->run->fin)
		final_docend(s->run);
	s->ndocs++;     /* only now: the engine may name the one it ends */
	s->pos.doc = s->ndocs + 1;
	s->pos.first = 0;
}

/*
 * Hand the stage every whole unit it holds. A unit is whole when what
 * follows it shows where it ends, or at a document's end (a NUL with -z,
 * the end of the input). When no unit can be taken the stage waits for
 * more, and looks again only once it holds twice as much, so that a long
 * unit arriving in small pieces is not rescanned after each piece; a
 * unit that fills the window is cut (see cutpoint).
 */
static void
drain(struct stage *s)
{
	struct rec_run *r = s->run;
	const char *p, *q;
	size_t avail, docend, used;
	int hard, nul, force;

	for (;;) {
		p = s->buf + s->start;
		avail = s->end - s->start;
		docend = avail;
		hard = s->eof;
		nul = 0;
		if (r->o->mode == REC_NUL) {
			q = s->nulfrom > s->start ? memchr(s->buf + s->nulfrom,
			    '\0', s->end - s->nulfrom) :
			    memchr(p, '\0', avail);
			if (q) {
				docend = (size_t)(q - p);
				hard = nul = 1;
			} else {
				s->nulfrom = s->end;
			}
		}
		force = !hard && avail >= r->o->window;
		if (!hard && !force && s->tried && avail < 2 * s->tried)
			return;         /* wait for more */
		if (s->f->attrs) {      /* the filter's output dropped, the
		                         * text passed on as it came */
			s->ret |= feed(s->f, p, docend, hard, force,
			    &s->discard, &used);
			s->discard.len = 0;
			buf_put(s->out, p, used);
		} else {
			s->ret |= feed(s->f, p, docend, hard, force, s->out,
			    &used);
		}
		s->start += used;
		if (used > 0)
			s->held_doc = 1;
		if (!hard || used < docend) {
			s->tried = used == 0 && !force ? avail : 0;
			if (force && used == 0)
				abort();        /* cutpoint never gives 0 */
			if (!force || s->end == s->start)
				return;
			continue;
		}
		s->tried = 0;
		/* a document ends here: at a NUL; at the end of the input if
		 * it held any of one, or always without -z (every file is a
		 * document, even an empty one) */
		if (nul || s->held_doc || r->o->mode != REC_NUL) {
			enddoc(s);
			/* -z: a file's last document without its NUL; if
			 * another file follows, rec_file writes one */
			if (!nul && r->o->mode == REC_NUL && s == r->st)
				r->pending_nul = 1;
		}
		s->held_doc = 0;
		if (!nul)
			return;         /* the end of the input */
		buf_putc(s->out, '\0');
		s->start++;
		s->nulfrom = s->start;
		if (r->o->unbuffered) {
			buf_flush(s->out);
			buf_flush(r->out);
		}
	}
}

/* -z: when the stage holds nothing, the documents p[0..n) holds whole
 * that fit the window (as each would in the stage's buffer) are taken
 * from p itself, not copied into the buffer first (a copy at each joint
 * of a chain); returns the bytes taken. */
static size_t
take_whole(struct stage *s, const char *p, size_t n)
{
	char *buf = s->buf;
	size_t cap = s->cap, whole = 0, used, len;
	const char *q;

	if (s->run->o->mode != REC_NUL || s->start != s->end || s->eof)
		return 0;
	while ((q = memchr(p + whole, '\0', n - whole)) &&
	    (len = (size_t)(q - (p + whole)) + 1) <= s->run->o->window)
		whole += len;
	if (whole == 0)
		return 0;
	s->buf = (char *)(uintptr_t)p;  /* only read */
	s->cap = s->end = whole;
	s->start = s->nulfrom = 0;
	drain(s);
	used = s->start;
	s->buf = buf;
	s->cap = cap;
	s->start = s->end = s->nulfrom = 0;
	return used;
}

/* Append p[0..n) to the stage's input and take what units it can. */
static void
push(struct stage *s, const char *p, size_t n)
{
	const char *q;
	size_t k, m;

	while (n > 0) {
		k = take_whole(s, p, n);
		p += k;
		n -= k;
		/* what is copied: with -z, up to the end of the document
		 * held, after which the rest may be taken whole */
		m = n;
		if (s->run->o->mode == REC_NUL && (q = memchr(p, '\0', n)))
			m = (size_t)(q - p) + 1;
		while (m > 0) {
			if ((k = room(s, m)) == 0) {
				drain(s);       /* the window is full: it cuts */
				continue;
			}
			k = MIN(k, m);
			memcpy(s->buf + s->end, p, k);
			s->end += k;
			p += k;
			n -= k;
			m -= k;
			drain(s);
		}
	}
}

/* The sink of a stage's output buffer: the next stage's input. */
static void
sink(void *arg, const char *p, size_t n)
{
	push(arg, p, n);
}

/* The end of stage s's input: take what it holds, window by window,
 * and pass its output on. */
static void
stage_eof(struct stage *s)
{
	s->eof = 1;
	s->tried = 0;
	drain(s);
	s->eof = 0;             /* another input may follow */
	buf_flush(s->out);
}

static void
stage_init(struct rec_run *r, struct stage *s, struct rec_filter *f,
           const char *name, struct diag *d)
{
	memset(s, 0, sizeof(*s));
	s->pos.lang = "";
	s->run = r;
	s->f = f;
	s->name = name;
	s->d = d;
	s->cap = MIN((size_t)IO_BLKSIZE, r->o->window);
	s->buf = emalloc(s->cap);
	s->out = r->out;
}

/* ------------------------------------------------------------ --jsonl */

static void
jwarn(struct rec_run *r, const char *fmt, ...)
{
	char where[256], msg[400];
	va_list ap;

	rec_where(&r->pos, where, sizeof(where));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_warnx(r->d, "%s: %s", where, msg);
}

/* A line that is not a JSON object: to the --reject file, or through to
 * the output (and the exit status is 1). */
static int
reject(struct rec_run *r, const char *p, size_t n, const char *why)
{
	r->rejected++;
	if (!r->rejf) {
		jwarn(r, "%s; passed through unchanged", why);
		buf_put(r->out, p, n);
		return 1;
	}
	jwarn(r, "%s; written to %s", why, r->o->reject);
	fprintf(r->rejf, "%s:%llu:", r->pos.file, r->pos.line);
	fwrite(p, 1, n, r->rejf);
	if (n == 0 || p[n - 1] != '\n')
		putc('\n', r->rejf);
	return 0;
}

/* Why p[0..n) is not JSON, in jansson's words. */
static void
why_bad(const char *p, size_t n, char *why, size_t size)
{
	json_error_t jerr;
	json_t *v;

	if ((v = json_loadb(p, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr))) {
		json_decref(v);
		snprintf(why, size, "not valid JSON");
		return;
	}
	snprintf(why, size, "not JSON: %s", jerr.text);
}

struct piece {
	size_t s, e;            /* replace p[s..e) ... */
	const struct buf *b;    /* ... by this, or by the new text if NULL */
	int add;                /* add ,"key": before it */
	size_t key;
};

/* A piece that puts b as the value of member k: where it stands, or
 * added at the end of the object (end). */
static void
member_piece(struct piece *pc, size_t *np, const struct json_hit *hits,
    size_t k, size_t end, const struct buf *b)
{
	struct piece *q = &pc[(*np)++];

	q->b = b;
	q->key = k;
	q->add = !hits[k].found;
	q->s = hits[k].found ? hits[k].vs : end;
	q->e = hits[k].found ? hits[k].ve : end;
}

static int
piececmp(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;

	return x->s < y->s ? -1 : x->s > y->s;
}

static void
once(struct rec_run *r, int *warned, const char *fmt, const char *field)
{
	if (*warned)
		return;
	*warned = 1;
	jwarn(r, fmt, field);
}

/* One line of JSON Lines, p[0..n) with its '\n' if it has one. */
static int
jsonl_line(struct rec_run *r, const char *p, size_t n)
{
	struct json_hit hits[LEN(r->paths)];
	struct piece pc[LEN(r->paths) + 1];
	struct buf *cur = &r->jin, *next = &r->jout, *t;
	char why[200];
	size_t len = n, end, i, np = 0, k;
	int ret = 0, changed = 0, sc;

	r->lines++;
	r->pos.line = r->lines;
	r->pos.id = NULL;
	if (len > 0 && p[len - 1] == '\n')
		len--;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
		p += 3;         /* a byte order mark: dropped */
		len -= 3;
		n -= 3;
	}
	if (isblankline(p, len)) {
		buf_put(r->out, p, n);
		return 0;
	}
	r->nrecords++;
	r->pos.doc = r->nrecords;
	sc = json_scan(p, len, r->paths, r->npaths, hits, &end);
	if (sc == JSON_BAD) {
		why_bad(p, len, why, sizeof(why));
		return reject(r, p, n, why);
	}
	if (sc == JSON_NOTOBJECT)
		return reject(r, p, n, "not a JSON object");
	r->pos.lang = "";
	if (hits[2].found && hits[2].isstr) {   /* a short string, decoded */
		r->lang.len = 0;
		if (hits[2].ve - hits[2].vs <= 64)
			json_unescape(&r->lang, p + hits[2].vs + 1,
			    hits[2].ve - hits[2].vs - 2);
		buf_putc(&r->lang, '\0');
		r->pos.lang = r->lang.p;
	}
	if (hits[1].found) {
		r->pos.id = p + hits[1].vs;
		r->pos.idlen = hits[1].ve - hits[1].vs;
	}
	r->pos.member = NULL;
	r->pos.memberlen = 0;
	if (r->take_pathi && hits[r->take_pathi].found) {
		r->pos.member = p + hits[r->take_pathi].vs;
		r->pos.memberlen = hits[r->take_pathi].ve -
		    hits[r->take_pathi].vs;
	}
	cur->len = 0;
	if (hits[0].dups) {
		r->dups++;
		once(r, &r->warned_dup, "member \"%s\" named more than once; "
		    "the last is processed (warned once; --stats counts them)",
		    r->o->field);
	}
	if (!hits[0].found) {
		r->missing++;
		once(r, &r->warned_missing, "no member \"%s\"; records "
		    "without it pass unchanged (warned once; --stats counts "
		    "them)", r->o->field);
	} else if (!hits[0].isstr) {
		r->notstr++;
		once(r, &r->warned_notstr, "member \"%s\" is not a string; "
		    "such records pass unchanged (warned once; --stats counts "
		    "them)", r->o->field);
	} else {
		r->processed++;
		json_unescape(cur, p + hits[0].vs + 1,
		    hits[0].ve - hits[0].vs - 2);
	}
	/* the field through every stage */
	for (i = 0; i < r->nst; i++) {
		struct rec_filter *f = r->st[i].f;

		next->len = 0;
		if (hits[0].found && hits[0].isstr) {
			if (rec_feed(f, cur->p, cur->len, next))
				ret = 1;
		}
		if (f->enddoc)
			f->enddoc(f->ctx, next);
		if (f->jsonl) {
			r->st[i].jx.len = 0;
			f->jsonl(f->ctx, &r->st[i].jx);
		}
		if (f->attrs) {         /* the text stays: spans only */
			attrs_docend(f->attrs);
			continue;
		}
		if (!hits[0].found || !hits[0].isstr)
			continue;
		/* the same text: nothing to write back, nothing to check */
		if (next->len == cur->len && !memcmp(next->p, cur->p, cur->len))
			continue;
		if (!json_encodable(next->p, next->len)) {
			jwarn(r, "%s: output is not valid UTF-8; its input "
			    "kept", r->st[i].name);
			ret = 1;
			continue;
		}
		changed = 1;
		t = cur;
		cur = next;
		next = t;
	}
	r->st[0].ndocs++;
	if (hits[0].found && hits[0].isstr && blank(cur->p, cur->len)) {
		r->empties++;
		if (r->o->drop_empty) {
			if (r->o->attrs)        /* its spans with it */
				attrs_object(r, &r->aline);
			return ret;     /* the record is left out */
		}
	}
	if (r->o->attrs && r->attrsf) {
		/* the record as it came; its attributes to FILE, named by
		 * its id, or else by its line number */
		char num[32];

		if (hits[1].found) {
			attrs_line(r, p + hits[1].vs, hits[1].ve - hits[1].vs);
		} else {
			snprintf(num, sizeof(num), "%llu", r->lines);
			attrs_line(r, num, strlen(num));
		}
	} else if (r->o->attrs) {
		/* the member "attributes": added, or merged into the object
		 * the record has */
		k = r->attrs_pathi;
		if (hits[k].found && p[hits[k].vs] == '{')
			attrs_merge(r, p + hits[k].vs, hits[k].ve - hits[k].vs);
		else
			attrs_merge(r, NULL, 0);
		member_piece(pc, &np, hits, k, end, &r->aline);
	}
	/* the record back: the field's new text and the added members, the
	 * rest of the line as it was, but for the member a stage took */
	if (r->take_pathi && hits[r->take_pathi].found) {
		k = r->take_pathi;
		r->none.len = 0;
		pc[np].b = &r->none;
		pc[np].key = k;
		pc[np].s = hits[k].ms;
		pc[np].e = hits[k].me;
		pc[np++].add = 0;
	}
	if (changed) {
		pc[np].s = hits[0].vs;
		pc[np].e = hits[0].ve;
		pc[np].b = NULL;
		pc[np++].add = 0;
	}
	for (i = 0; i < r->nst; i++) {
		if (!r->st[i].f->jsonl)
			continue;
		member_piece(pc, &np, hits, r->st[i].pathi, end, &r->st[i].jx);
	}
	if (np == 0) {
		buf_put(r->out, p, n);
		return ret;
	}
	qsort(pc, np, sizeof(pc[0]), piececmp);
	for (i = 0, k = 0; i < np; i++) {
		buf_put(r->out, p + k, pc[i].s - k);
		if (pc[i].add) {
			if (p[pc[i].s - 1] != '{' || (i > 0 && pc[i - 1].add))
				buf_putc(r->out, ',');
			json_escape(r->out, r->paths[pc[i].key].seg[0].s,
			    r->paths[pc[i].key].seg[0].len);
			buf_putc(r->out, ':');
		}
		if (pc[i].b)
			buf_put(r->out, pc[i].b->p, pc[i].b->len);
		else
			json_escape(r->out, cur->p, cur->len);
		k = pc[i].e;
	}
	buf_put(r->out, p + k, n - k);
	return ret;
}

static int
run_jsonl(struct rec_run *r)
{
	const char *p, *q;
	size_t avail, len, cap, bom;
	ssize_t k;
	int ret = 0, skipping = 0, eof = 0;

	r->lines = 0;
	r->lstart = r->lend = 0;
	for (;;) {
		while (r->lstart < r->lend) {
			p = r->line + r->lstart;
			avail = r->lend - r->lstart;
			q = memchr(p, '\n', avail);
			if (!q && !eof)
				break;
			len = q ? (size_t)(q - p) + 1 : avail;
			if (skipping)   /* the rest of an overlong line */
				buf_put(r->out, p, len);
			else
				ret |= jsonl_line(r, p, len);
			skipping = 0;
			r->lstart += len;
			if (r->o->unbuffered)
				buf_flush(r->out);
		}
		if (eof)
			break;
		if (r->lstart > 0) {
			memmove(r->line, r->line + r->lstart,
			    r->lend - r->lstart);
			r->lend -= r->lstart;
			r->lstart = 0;
		}
		if (r->lend == r->lcap) {
			if (r->lcap >= r->o->max_record) {
				/* too long to hold: through, unchanged */
				r->lines++;
				r->pos.line = r->lines;
				r->pos.id = NULL;
				if (!skipping) {
					r->nrecords++;
					r->oversized++;
					jwarn(r, "longer than %zu bytes "
					    "(--max-record); passed through "
					    "unchanged", r->o->max_record);
					ret |= !r->rejf;
					r->lines--;
				}
				/* its byte order mark is dropped, as any
				 * line's (jsonl_line) */
				bom = !skipping && !memcmp(r->line,
				    "\xEF\xBB\xBF", 3) ? 3 : 0;
				buf_put(r->out, r->line + bom, r->lend - bom);
				r->lend = 0;
				skipping = 1;
				continue;
			}
			cap = MIN(r->lcap * 2, r->o->max_record);
			r->line = erealloc(r->line, cap);
			r->lcap = cap;
		}
		k = src_read(&r->src, r->line + r->lend, r->lcap - r->lend);
		if (k <= 0) {
			ret |= k < 0;
			eof = 1;
			continue;
		}
		r->lend += (size_t)k;
		r->bytes_in += (unsigned long long)k;
	}
	if (skipping)
		r->lines++;
	return ret;
}

/* ------------------------------------------------------------ the run */

struct rec_run *
rec_new(struct rec_opt *o, struct diag *d, struct buf *out)
{
	struct rec_run *r = ecalloc(1, sizeof(*r));
	char err[200];

	r->o = o;
	r->d = d;
	r->out = out;
	r->pos.file = "<stdin>";
	r->pos.doc = 1;
	r->pos.first = 1;        /* every record stands alone */
	r->pos.lang = "";
	if (o->mode != REC_JSONL && (o->stats || o->drop_empty)) {
		r->track = 1;
		buf_init_sink(&r->fin, IO_BLKSIZE, final_sink, r);
		buf_init_mem(&r->held, 256);
	}
	if (o->attrs) {
		buf_init_mem(&r->aline, 4096);
		buf_init_sink(&r->hole, IO_BLKSIZE, drop_sink, NULL);
		if (o->attrs_file && !(r->attrsf = fopen(o->attrs_file, "w"))) {
			diag_warn(d, "%s", o->attrs_file);
			rec_free(r);
			return NULL;
		}
	}
	if (o->mode != REC_JSONL)
		return r;
	if (json_path_parse(o->field, &r->paths[0], err, sizeof(err)) < 0 ||
	    json_path_parse(o->id_field, &r->paths[1], err, sizeof(err)) < 0 ||
	    (o->lang_field && json_path_parse(o->lang_field, &r->paths[2], err,
	    sizeof(err)) < 0)) {
		diag_warnx(d, "%s", err);
		rec_free(r);
		return NULL;
	}
	r->npaths = 3;          /* paths[2].n is 0 without --lang-field */
	if (o->attrs && !o->attrs_file) {
		struct json_path *path = &r->paths[r->attrs_pathi = r->npaths++];

		path->mem = estrdup("attributes");
		path->n = 1;
		path->seg[0].s = path->mem;
		path->seg[0].len = strlen(path->mem);
	}
	r->lcap = MIN((size_t)IO_BLKSIZE, o->max_record);
	r->line = emalloc(r->lcap);
	buf_init_mem(&r->jin, IO_BLKSIZE);
	buf_init_mem(&r->jout, IO_BLKSIZE);
	buf_init_mem(&r->lang, 80);
	if (o->reject && !(r->rejf = fopen(o->reject, "w"))) {
		diag_warn(d, "%s", o->reject);
		rec_free(r);
		return NULL;
	}
	return r;
}

int
rec_add(struct rec_run *r, struct rec_filter *f, const char *name,
        struct diag *d)
{
	struct json_path *path;
	struct stage *s;
	size_t i;

	if (r->o->mode == REC_JSONL && f->jsonl) {
		if (r->npaths >= LEN(r->paths)) {
			diag_warnx(r->d, "too many stages that add a member");
			return -1;
		}
		if (!strcmp(r->paths[0].seg[0].s, f->jsonl_key)) {
			diag_warnx(r->d, "--jsonl=%s: %s adds the member "
			    "\"%s\"; process another field", r->o->field, name,
			    f->jsonl_key);
			return -1;
		}
	}
	if (r->o->attrs && !f->spans) {
		diag_warnx(r->d, "--attrs: %s reports no spans", name);
		return -1;
	}
	if (f->take_member && r->o->mode == REC_JSONL) {
		if (r->take_pathi || r->npaths >= LEN(r->paths)) {
			diag_warnx(r->d, "%s: one stage a chain takes a member",
			    name);
			return -1;
		}
		path = &r->paths[r->take_pathi = r->npaths++];
		path->mem = estrdup(f->take_member);
		path->n = 1;
		path->seg[0].s = path->mem;
		path->seg[0].len = strlen(path->mem);
	}
	if (r->o->attrs && r->o->mode == REC_JSONL && f->jsonl) {
		diag_warnx(r->d, "--attrs: %s adds the member \"%s\" instead",
		    name, f->jsonl_key);
		return -1;
	}
	r->st = erealloc(r->st, (r->nst + 1) * sizeof(*r->st));
	s = &r->st[r->nst++];
	stage_init(r, s, f, name, d);
	if (r->o->attrs) {
		f->attrs = attrs_new(r, name, f->span_names);
		buf_init_mem(&s->discard, 4096);
	}
	if (r->o->mode == REC_JSONL && f->jsonl) {
		/* the member it adds: replaced where it stands, or added */
		buf_init_mem(&s->jx, 4096);
		s->pathi = r->npaths;
		path = &r->paths[r->npaths++];
		path->mem = estrdup(f->jsonl_key);
		path->n = 1;
		path->seg[0].s = path->mem;
		path->seg[0].len = strlen(path->mem);
	}
	if (r->nst > 1)         /* the stage before now writes to this one */
		buf_init_sink(&r->st[r->nst - 2].o, IO_BLKSIZE, sink, NULL);
	/* the array moved: point the sinks and positions anew */
	for (i = 0; i < r->nst; i++) {
		s = &r->st[i];
		s->f->pos = r->o->mode == REC_JSONL ? &r->pos : &s->pos;
		s->pos.file = r->pos.file;
		s->pos.doc = s->ndocs + 1;
		s->pos.first = s->ndocs == 0;
		s->o.arg = i + 1 < r->nst ? &r->st[i + 1] : NULL;
		s->out = i + 1 < r->nst ? &s->o : r->track ? &r->fin : r->out;
		/* --attrs without FILE on text: the attribute lines are the
		 * output, not the text */
		if (i + 1 == r->nst && r->o->attrs && !r->o->attrs_file &&
		    r->o->mode != REC_JSONL)
			s->out = &r->hole;
	}
	return 0;
}

static int
read_plain(struct rec_run *r)
{
	struct stage *s = &r->st[0];
	ssize_t k;
	size_t n;
	int ret = 0;

	for (;;) {
		if ((n = room(s, IO_BLKSIZE)) == 0) {
			drain(s);       /* the window is full: it cuts */
			continue;
		}
		if ((k = src_read(&r->src, s->buf + s->end, n)) <= 0) {
			ret = k < 0;
			break;
		}
		s->end += (size_t)k;
		r->bytes_in += (unsigned long long)k;
		drain(s);
	}
	stage_eof(s);
	return ret;
}

static void
start_input(struct rec_run *r, const char *name)
{
	size_t i;

	r->pos.file = name;
	for (i = 0; i < r->nst; i++)
		r->st[i].pos.file = i == 0 || r->o->mode == REC_JSONL ? name :
		    "<stream>";
	if (r->pending_nul) {   /* keep the last file's document apart */
		buf_putc(r->st[0].out, '\0');
		r->pending_nul = 0;
	}
	r->nfiles++;
}

int
rec_file(struct rec_run *r, int fd, const char *name)
{
	int ret;

	start_input(r, name);
	src_init(&r->src, fd, name, r->d);
	if (r->o->mode == REC_JSONL)
		ret = run_jsonl(r);
	else
		ret = read_plain(r);
	src_free(&r->src);
	if (r->o->unbuffered)
		buf_flush(r->out);
	return ret;
}

int
rec_line(struct rec_run *r, const char *p, size_t n)
{
	r->pos.file = "<record>";
	return jsonl_line(r, p, n);
}

int
rec_push(struct rec_run *r, const char *p, size_t n)
{
	if (r->o->mode == REC_JSONL) {
		diag_warnx(r->d, "JSON Lines cannot be pushed: feed documents");
		return 1;
	}
	if (!r->pushing) {
		start_input(r, "<memory>");
		r->pushing = 1;
	}
	r->bytes_in += n;
	push(&r->st[0], p, n);
	return 0;
}

int
rec_push_end(struct rec_run *r)
{
	if (!r->pushing)
		start_input(r, "<memory>");
	r->pushing = 0;
	stage_eof(&r->st[0]);
	return 0;
}

int
rec_end(struct rec_run *r)
{
	size_t i;
	int ret = 0;

	for (i = 1; i < r->nst; i++) {
		buf_flush(&r->st[i - 1].o);
		stage_eof(&r->st[i]);
	}
	for (i = 0; i < r->nst; i++) {
		ret |= r->st[i].ret;
		r->st[i].ret = 0;       /* the run may go on (the library) */
		r->st[i].pos.first = 1; /* ... and its next input is new */
	}
	r->pos.first = 1;
	if (r->track)
		buf_flush(&r->fin);
	buf_flush(r->out);
	if (r->attrsf && fflush(r->attrsf) != 0) {
		diag_warn(r->d, "%s", r->o->attrs_file);
		ret = 1;
	}
	if (r->rejf) {
		if ((r->rejected + r->oversized) * 100 >
		    (unsigned long long)r->o->max_reject * r->nrecords) {
			diag_warnx(r->d, "%llu of %llu records were rejected or "
			    "too long: more than %u%% (--max-reject)",
			    r->rejected + r->oversized, r->nrecords,
			    r->o->max_reject);
			ret = 1;
		}
		if (fclose(r->rejf) != 0) {
			diag_warn(r->d, "%s", r->o->reject);
			ret = 1;
		}
		r->rejf = NULL;
	}
	return ret;
}

void
rec_free(struct rec_run *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nst; i++) {
		free(r->st[i].buf);
		free(r->st[i].o.p);
		free(r->st[i].jx.p);
		free(r->st[i].discard.p);
		attrs_free(r->st[i].f->attrs);
		r->st[i].f->attrs = NULL;
	}
	free(r->st);
	for (i = 0; i < r->npaths; i++)
		json_path_free(&r->paths[i]);
	free(r->line);
	free(r->jin.p);
	free(r->jout.p);
	free(r->lang.p);
	free(r->fin.p);
	free(r->held.p);
	free(r->aline.p);
	free(r->hole.p);
	if (r->attrsf && fclose(r->attrsf) != 0)
		diag_warn(r->d, "%s", r->o->attrs_file);
	if (r->rejf)
		fclose(r->rejf);
	free(r);
}

static void
counters(struct buf *b, const struct rec_counter *c, int json)
{
	for (; c && c->name; c++) {
		if (json)
			buf_printf(b, ",\"%s\":%llu", c->name, c->n);
		else
			buf_printf(b, ", %s %llu", c->name, c->n);
	}
}

void
rec_stats(struct rec_run *r, const char *prog, int json, struct buf *b)
{
	static const char *const jname[] = { "processed", "missing_field",
		"not_string", "rejected", "oversized", "duplicate_field" };
	unsigned long long jn[] = { r->processed, r->missing, r->notstr,
		r->rejected, r->oversized, r->dups };
	size_t i;

	if (json)
		buf_printf(b, "{\"program\":\"%s\",\"records\":%llu,"
		    "\"bytes_in\":%llu,\"bytes_out\":%llu,\"empty\":%llu", prog,
		    r->nrecords, r->bytes_in, r->out->total, r->empties);
	else
		buf_printf(b, "%s: records %llu, bytes in %llu, bytes out %llu, "
		    "empty %llu", prog, r->nrecords, r->bytes_in, r->out->total,
		    r->empties);
	for (i = 0; r->o->mode == REC_JSONL && i < LEN(jname); i++) {
		if (json)
			buf_printf(b, ",\"%s\":%llu", jname[i], jn[i]);
		else
			buf_printf(b, ", %s %llu", jname[i], jn[i]);
	}
	if (r->nst == 1) {
		counters(b, r->st[0].f->counters, json);
	} else {
		for (i = 0; i < r->nst; i++) {
			if (json) {
				buf_printf(b, ",\"%s\":{\"documents\":%llu",
				    r->st[i].name, r->st[i].ndocs);
				counters(b, r->st[i].f->counters, 1);
				buf_putc(b, '}');
			} else {
				buf_printf(b, "; %s: documents %llu",
				    r->st[i].name, r->st[i].ndocs);
				counters(b, r->st[i].f->counters, 0);
			}
		}
	}
	buf_puts(b, json ? "}\n" : "\n");
}
