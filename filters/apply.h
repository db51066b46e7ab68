/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_APPLY_H
#define COPYDESK_APPLY_H
/*
 * apply.h: what filters/apply.c hands the renderer of each filter whose
 * --attrs spans it applies (one per filter, in its table).
 */
#include <stddef.h>

#include "common/io.h"

#define APPLY_NATTRS 4
#define APPLY_NAMES "sentsplit|unboiler|quotetag|unmojibake"

struct diag;

struct apply_span {
	unsigned long long s, e;        /* code points, or bytes */
	double v;
};

struct apply_spans {
	struct apply_span *a;
	size_t n, cap;
};

/* A document and the spans of its attributes, in the applier's order. */
struct apply_doc {
	const char *p;
	size_t n;
	const struct apply_spans *sp;   /* [APPLY_NATTRS] */
	int bytes;                      /* offsets are bytes, not code points */
	double threshold;               /* -t */
	void *ctx;                      /* the applier's create(), or NULL */
	const char *attrs;              /* the attributes object, its JSON */
	size_t attrslen;                /* text (for apply_member) */
};

struct applier {
	const char *name;               /* the filter */
	const char *attrs[APPLY_NATTRS]; /* its attribute names, NULL-ended */
	/* Write the filter's output for d to o: 0, or -1 if the spans do
	 * not fit the text (o is then as it was) */
	int (*render)(const struct apply_doc *d, struct buf *o);
	/* Optional: what render needs across documents (d->ctx), made
	 * when the stage starts, or NULL if it cannot be */
	void *(*create)(struct diag *dg);
	void (*destroy)(void *ctx);
};

/* A position in the document, code points to bytes, moved forward. */
struct apply_walk {
	const char *p;
	size_t n;
	size_t b;                       /* byte */
	unsigned long long c;           /* code point */
	int bytes;                      /* offsets are bytes already */
};

/* The byte offset of position x (code points, or bytes), at or after the
 * last one asked; (size_t)-1 if it is past the end or before that one. */
size_t apply_walk(struct apply_walk *w, unsigned long long x);

/* The first member of d's attributes object whose name starts with
 * prefix (a name written with escapes is passed over): the rest of its
 * name in *rest[0..*restlen), and its spans in sp (which the caller
 * frees). 0, or -1 if there is none or its value is not spans: for the
 * attributes whose names a filter makes as it goes (unmojibake's
 * read_as__ENCODING). */
/* Parse "[[s,e,v],...]" at p[0..n) into l; -1 if it is not that. */
int apply_parse_spans(const char *p, size_t n, struct apply_spans *l);

int apply_member(const struct apply_doc *d, const char *prefix,
                 const char **rest, size_t *restlen, struct apply_spans *sp);

#endif
