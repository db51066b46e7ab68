/* See LICENSE file for copyright and license details. */
/*
 * apply: write the text a filter writes, from the spans its --attrs
 * reported (Dolma's attribute format, see common/rec.h), so that a corpus
 * can keep its raw text and be cleaned later, with thresholds chosen
 * then. The document is the text as read; its attributes come from the
 * record's member "attributes" (--jsonl; the record loses the member) or
 * from the lines of --from=FILE, one a document, in order (their ids are
 * checked against the records' where both have one).
 *
 *   sentsplit  each sentence [s, e) is the text it spans, where each join
 *              inside it is one space (value 1) or nothing (value 0),
 *              then a newline; a paragraph after the first starts with a
 *              blank line
 *   unboiler   each line whose score is at least the threshold (-t,
 *              default the score unboiler keeps at), as it was
 *   quotetag   the text with its tags put back (quotetag's render_quotetag,
 *              in filters/quotetag.c, with the tag writer quotetag uses)
 *   unmojibake each repair span (a line or a piece of one) as unmojibake
 *              repairs it, with -e if the document has the span
 *              option__entities, its bytes that are not UTF-8 read in the
 *              encoding its read_as__ENCODING names; a UTF-16 or UTF-32
 *              document, one span, as unmojibake writes it
 *              (render_unmojibake, filters/unmojibake.c)
 *
 * Offsets are code points, or bytes with --offsets=bytes, as --attrs
 * wrote them. A document whose spans do not fit its text (out of order,
 * past its end) is written as it was, with a warning.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/engine.h"
#include "common/io.h"
#include "common/json.h"
#include "common/rec.h"
#include "common/utf8.h"
#include "common/util.h"

#include "filters/apply.h"
#include "filters/quotetag.h"
#include "filters/unmojibake.h"

/* unboiler keeps a line whose score is at least this (filters/unboiler.c
 * writes the score so) */
#define UNBOILER_KEEP 0.5

static int render_sentsplit(const struct apply_doc *, struct buf *);
static int render_unboiler(const struct apply_doc *, struct buf *);

/* The filters whose spans can be applied, and the attributes each reads
 * (at most APPLY_NATTRS, in the order its renderer finds them in sp[]). */
static const struct applier appliers[] = {
	{ "sentsplit", { "sentence", "paragraph", "join" }, render_sentsplit,
	    NULL, NULL },
	{ "unboiler", { "line" }, render_unboiler, NULL, NULL },
	{ "quotetag", { "quote", "who", "cue", "markup" }, render_quotetag,
	    NULL, NULL },
	{ "unmojibake", { "repair", "option__entities" }, render_unmojibake,
	    unmojibake_applier_new, unmojibake_applier_free },
};
#define NPATHS APPLY_NATTRS

struct apply {
	struct diag *dg;
	const struct applier *what;     /* NULL before the operand */
	const char *from;               /* --from FILE, or NULL */
	double threshold;
	FILE *fp;
	char *line;
	size_t linecap;
	unsigned long long nline;
	struct rec_filter *f;
	struct rec_counter counters[4];
	/* [0] in a member: the attributes; [1] in a line: the attributes,
	 * then the object "attributes" and "id" (one scan of the line) */
	struct json_path paths[2][NPATHS + 2];
	void *ctx;                          /* what->create's */
	struct apply_spans sp[NPATHS];
	struct buf doc;
	int bytes;
	int warned_missing;
	int failed;                     /* a document's spans were bad */
};

enum { C_APPLIED, C_MISSING, C_BAD };

/* sentsplit: the sentences, their joins and paragraphs; -1 if the spans
 * do not fit the text */
static int
render_sentsplit(const struct apply_doc *d, struct buf *o)
{
	const char *p = d->p;
	struct apply_walk w = { d->p, d->n, 0, 0, d->bytes };
	const struct apply_spans *sent = &d->sp[0], *para = &d->sp[1],
	    *join = &d->sp[2];
	size_t i, j = 0, k = 0, s, e, x, y, start = o->len;

	for (i = 0; i < sent->n; i++) {
		/* a paragraph starts at this sentence: a blank line before
		 * all but the first */
		while (k < para->n && para->a[k].e <= sent->a[i].s &&
		    para->a[k].s < sent->a[i].s)
			k++;
		if (k < para->n && para->a[k].s == sent->a[i].s && k > 0)
			buf_putc(o, '\n');
		if ((s = apply_walk(&w, sent->a[i].s)) == (size_t)-1)
			goto bad;
		for (; j < join->n && join->a[j].s < sent->a[i].e; j++) {
			if (join->a[j].s < sent->a[i].s ||
			    join->a[j].e > sent->a[i].e ||
			    (x = apply_walk(&w, join->a[j].s)) == (size_t)-1 ||
			    (y = apply_walk(&w, join->a[j].e)) == (size_t)-1)
				goto bad;
			buf_put(o, p + s, x - s);
			if (join->a[j].v >= 0.5)
				buf_putc(o, ' ');
			s = y;
		}
		if ((e = apply_walk(&w, sent->a[i].e)) == (size_t)-1)
			goto bad;
		buf_put(o, p + s, e - s);
		buf_putc(o, '\n');
	}
	return j == join->n ? 0 : -1;
bad:
	o->len = start;
	return -1;
}

/* unboiler: the lines that score at least the threshold */
static int
render_unboiler(const struct apply_doc *d, struct buf *o)
{
	const char *p = d->p;
	struct apply_walk w = { d->p, d->n, 0, 0, d->bytes };
	const struct apply_spans *line = &d->sp[0];
	size_t i, s, e, start = o->len;

	for (i = 0; i < line->n; i++) {
		if ((s = apply_walk(&w, line->a[i].s)) == (size_t)-1 ||
		    (e = apply_walk(&w, line->a[i].e)) == (size_t)-1) {
			o->len = start;
			return -1;
		}
		if (line->a[i].v >= d->threshold)
			buf_put(o, p + s, e - s);
	}
	return 0;
}

/* The attributes of the document: the record's member, or the next line
 * of --from; NULL (and a warning) if there are none. in: 1 if a line. */
static const char *
attributes(struct apply *a, size_t *len, int *in)
{
	const struct rec_pos *pos = a->f->pos;
	char where[256] = "";
	ssize_t k;

	*in = 0;
	if (!a->fp) {
		if (pos && pos->member) {
			*len = pos->memberlen;
			return pos->member;
		}
		return NULL;
	}
	if ((k = getline(&a->line, &a->linecap, a->fp)) < 0) {
		if (ferror(a->fp))
			diag_warn(a->dg, "%s", a->from);
		else if (!a->warned_missing) {
			if (pos)
				rec_where(pos, where, sizeof(where));
			diag_warnx(a->dg, "%s: %s: no line left for it",
			    a->from, where);
		}
		a->warned_missing = 1;
		return NULL;
	}
	a->nline++;
	*in = 1;
	*len = (size_t)k;
	return a->line;
}

/* The id the line's scan found (hit) is the record's (pos->id), where
 * both have one. */
static int
same_id(const struct apply *a, const char *l, const struct json_hit *hit)
{
	const struct rec_pos *pos = a->f->pos;

	return !pos || !pos->id || !hit->found ||
	    (hit->ve - hit->vs == pos->idlen &&
	     !memcmp(l + hit->vs, pos->id, pos->idlen));
}

static int
apply_doc(void *ctx, const char *p, size_t n, struct buf *out)
{
	struct apply *a = ctx;

	(void)out;
	buf_put(&a->doc, p, n);
	return 0;
}

static void
apply_enddoc(void *ctx, struct buf *out)
{
	struct apply *a = ctx;
	struct json_hit hits[NPATHS + 2], obj;
	const char *at, *d = a->doc.p;
	char where[256] = "";
	size_t len, end, i, np = 0, dn = a->doc.len;
	int in, r = -1;

	while (np < NPATHS && a->what->attrs[np])
		np++;
	if (!(at = attributes(a, &len, &in))) {
		a->counters[C_MISSING].n++;
		buf_put(out, d, dn);
		a->doc.len = 0;
		return;
	}
	if (json_scan(at, len, a->paths[in], np + (in ? 2 : 0), hits, &end) !=
	    JSON_OK) {
		;       /* r: -1 */
	} else if (in && !same_id(a, at, &hits[np + 1])) {
		if (a->f->pos)
			rec_where(a->f->pos, where, sizeof(where));
		diag_warnx(a->dg, "%s: line %llu: not the attributes of %s",
		    a->from, a->nline, where);
	} else {
		r = 0;
		for (i = 0; i < np && r == 0; i++)
			if (!hits[i].found || apply_parse_spans(at + hits[i].vs,
			    hits[i].ve - hits[i].vs, &a->sp[i]) < 0)
				r = -1;
		/* the attributes object: in the line, or the member */
		if (in) {
			obj = hits[np];
		} else {
			obj.found = 1;
			obj.vs = 0;
			obj.ve = len;
		}
		if (r == 0) {
			struct apply_doc doc = { d, dn, a->sp, a->bytes,
			    a->threshold, a->ctx, obj.found ? at + obj.vs : NULL,
			    obj.found ? obj.ve - obj.vs : 0 };

			r = a->what->render(&doc, out);
		}
	}
	if (r == 0) {
		a->counters[C_APPLIED].n++;
	} else {
		if (a->f->pos)
			rec_where(a->f->pos, where, sizeof(where));
		diag_warnx(a->dg, "%s: the %s spans do not fit the text; "
		    "written as it was", where, a->what->name);
		a->counters[C_BAD].n++;
		a->failed = 1;
		buf_put(out, d, dn);
	}
	a->doc.len = 0;
}

/* ------------------------------------------------------------ engine */

enum { OPT_FROM = 0x300 };

static void *
create(struct diag *d)
{
	struct apply *a = ecalloc(1, sizeof(*a));

	a->dg = d;
	a->threshold = UNBOILER_KEEP;
	a->counters[C_APPLIED].name = "applied";
	a->counters[C_MISSING].name = "without_attributes";
	a->counters[C_BAD].name = "spans_not_fitting";
	return a;
}

static int
option(void *e, int c, const char *arg)
{
	struct apply *a = e;
	char *end;

	switch (c) {
	case 't':
		errno = 0;
		a->threshold = strtod(arg, &end);
		if (*end || errno || a->threshold != a->threshold) {
			diag_warnx(a->dg, "-t %s: not a number", arg);
			return 2;
		}
		return 0;
	case OPT_FROM:
		a->from = arg;
		return 0;
	}
	return 2;
}

static int
operand(void *e, const char *arg)
{
	struct apply *a = e;
	size_t i;

	for (i = 0; i < LEN(appliers); i++)
		if (!strcmp(arg, appliers[i].name) && !a->what) {
			a->what = &appliers[i];
			return 0;
		}
	diag_warnx(a->dg, "%s: expected one filter whose spans to apply: "
	    "%s", arg, APPLY_NAMES);
	return 2;
}

static int
start(void *e, const struct rec_opt *o, struct rec_filter *f)
{
	struct apply *a = e;
	char spec[128], err[128];
	size_t i;

	if (!a->what) {
		diag_warnx(a->dg, "which filter's spans? %s", APPLY_NAMES);
		return 2;
	}
	if (!a->from && o->mode != REC_JSONL) {
		diag_warnx(a->dg, "the attributes: --jsonl records that have "
		    "them, or --from=FILE");
		return 2;
	}
	for (i = 0; i < NPATHS && a->what->attrs[i]; i++) {
		json_path_free(&a->paths[0][i]);
		json_path_free(&a->paths[1][i]);
		snprintf(spec, sizeof(spec), "/copydesk__%s__%s",
		    a->what->name, a->what->attrs[i]);
		if (json_path_parse(spec, &a->paths[0][i], err, sizeof(err)) < 0)
			return 2;
		snprintf(spec, sizeof(spec), "/attributes/copydesk__%s__%s",
		    a->what->name, a->what->attrs[i]);
		if (json_path_parse(spec, &a->paths[1][i], err, sizeof(err)) < 0)
			return 2;
	}
	json_path_free(&a->paths[1][i]);
	json_path_free(&a->paths[1][i + 1]);
	if (json_path_parse("/attributes", &a->paths[1][i], err,
	    sizeof(err)) < 0 ||
	    json_path_parse("/id", &a->paths[1][i + 1], err, sizeof(err)) < 0)
		return 2;
	if (a->what->create && !a->ctx &&
	    !(a->ctx = a->what->create(a->dg)))
		return 1;
	if (a->fp)
		fclose(a->fp);
	a->fp = NULL;
	if (a->from && !(a->fp = fopen(a->from, "r"))) {
		diag_warn(a->dg, "%s", a->from);
		return 1;
	}
	a->bytes = o->offsets_set && o->offsets == REC_OFF_BYTES;
	if (!a->doc.p)
		buf_init_mem(&a->doc, 4096);
	a->f = f;
	f->unit = REC_DOC;
	f->fn = apply_doc;
	f->enddoc = apply_enddoc;
	f->ctx = a;
	f->counters = a->counters;
	f->take_member = a->from ? NULL : "attributes";
	return 0;
}

/* The run's end: 1 if a document's attributes were bad (each said). */
static int
finish(void *e)
{
	struct apply *a = e;
	int r = a->failed;

	a->failed = 0;
	return r;
}

static void
destroy(void *e)
{
	struct apply *a = e;
	size_t i;

	if (!a)
		return;
	if (a->fp)
		fclose(a->fp);
	free(a->line);
	for (i = 0; i < NPATHS + 2; i++) {
		json_path_free(&a->paths[0][i]);
		json_path_free(&a->paths[1][i]);
	}
	for (i = 0; i < NPATHS; i++)
		free(a->sp[i].a);
	if (a->ctx)
		a->what->destroy(a->ctx);
	buf_free(&a->doc);
	free(a);
}

static const struct opt_long longopts[] = {
	{ "from", OPT_REQUIRED, OPT_FROM },
	{ "threshold", OPT_REQUIRED, 't' },
	{ NULL, 0, 0 }
};

const struct engine apply_engine = {
	"apply",
	"apply [-t threshold] [--from=FILE] " APPLY_NAMES,
	"  -t, --threshold=T   unboiler: keep the lines that score T or more\n"
	"                      (default 0.5, what unboiler keeps)\n"
	"      --from=FILE     the attribute lines, one a document, in order\n"
	"                      (default: --jsonl records' member attributes)\n",
	"t:",
	longopts,
	create,
	option,
	start,
	finish,
	destroy,
	operand,
};
