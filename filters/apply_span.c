/* See LICENSE file for copyright and license details. */
/*
 * apply_span.c: what the renderers of copydesk apply share (filters/apply.h):
 * the spans of an attribute parsed, code points walked to bytes, and an
 * attribute found by the start of its name. Apart from apply.c, so that a
 * filter's renderer links without the applier's table of every filter.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "common/util.h"
#include "filters/apply.h"

/* Parse "[[s,e,v],...]" at p[0..n) into l; -1 if it is not that. */
int
apply_parse_spans(const char *p, size_t n, struct apply_spans *l)
{
	size_t i = 0, k;
	char num[64];
	unsigned long long x[2];
	char *end;
	int j;

	l->n = 0;
#define WS() while (i < n && (p[i] == ' ' || p[i] == '\t')) i++
	WS();
	if (i >= n || p[i++] != '[')
		return -1;
	WS();
	if (i < n && p[i] == ']')
		return 0;
	for (;;) {
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 64;
			l->a = erealloc(l->a, l->cap * sizeof(*l->a));
		}
		WS();
		if (i >= n || p[i++] != '[')
			return -1;
		for (j = 0; j < 3; j++) {
			WS();
			for (k = 0; i < n && k < sizeof(num) - 1 &&
			    strchr("0123456789+-.eE", p[i]); i++)
				num[k++] = p[i];
			num[k] = '\0';
			if (k == 0)
				return -1;
			errno = 0;
			if (j < 2) {
				if (num[0] < '0' || num[0] > '9')
					return -1;
				x[j] = strtoull(num, &end, 10);
			} else {
				l->a[l->n].v = strtod(num, &end);
			}
			if (*end || errno)
				return -1;
			WS();
			if (i >= n || p[i++] != (j < 2 ? ',' : ']'))
				return -1;
		}
		l->a[l->n].s = x[0];
		l->a[l->n].e = x[1];
		if (x[1] < x[0])
			return -1;
		l->n++;
		WS();
		if (i < n && p[i] == ',') {
			i++;
			continue;
		}
		WS();
		if (i < n && p[i] == ']')
			break;
		return -1;
	}
#undef WS
	return 0;
}

size_t
apply_walk(struct apply_walk *w, unsigned long long x)
{
	uint32_t cp;

	if (w->bytes) {
		if (x > w->n || x < w->b)
			return (size_t)-1;
		w->b = (size_t)x;
		return w->b;
	}
	if (x < w->c)
		return (size_t)-1;
	while (w->c < x) {
		if (w->b >= w->n)
			return (size_t)-1;
		w->b += utf8_decode(w->p + w->b, w->n - w->b, &cp);
		w->c++;
	}
	return w->b;
}

/* The end of the JSON value p[i..n) starts with (the scanner passed
 * the text, so it is well-formed). */
static size_t
value_end(const char *p, size_t n, size_t i)
{
	int depth = 0;

	do {
		if (i < n && p[i] == '"') {
			for (i++; i < n && p[i] != '"'; i++)
				if (p[i] == '\\')
					i++;
			i++;
		} else if (i < n && (p[i] == '[' || p[i] == '{')) {
			depth++;
			i++;
		} else if (i < n && (p[i] == ']' || p[i] == '}')) {
			depth--;
			i++;
		} else if (depth > 0) {
			i++;
		} else {        /* a number, true, false or null */
			while (i < n && !strchr(",]} \t\r\n", p[i]))
				i++;
		}
	} while (depth > 0 && i < n);
	return MIN(i, n);
}

int
apply_member(const struct apply_doc *d, const char *prefix,
             const char **rest, size_t *restlen, struct apply_spans *sp)
{
	const char *p = d->attrs;
	size_t n = d->attrslen, k = strlen(prefix), i = 0, ks, ke, vs;

#define WS() while (i < n && strchr(" \t\r\n", p[i])) i++
	WS();
	if (!p || i >= n || p[i++] != '{')
		return -1;
	for (;;) {
		WS();
		if (i >= n || p[i] != '"')
			return -1;      /* '}': none */
		for (ks = ++i; i < n && p[i] != '"'; i++)
			if (p[i] == '\\')
				i++;
		ke = MIN(i, n);
		i++;
		WS();
		if (i >= n || p[i++] != ':')
			return -1;
		WS();
		vs = i;
		i = value_end(p, n, i);
		if (ke - ks >= k && !memcmp(p + ks, prefix, k) &&
		    !memchr(p + ks, '\\', ke - ks)) {
			*rest = p + ks + k;
			*restlen = ke - ks - k;
			return apply_parse_spans(p + vs, i - vs, sp);
		}
		WS();
		if (i >= n || p[i++] != ',')
			return -1;
	}
#undef WS
}

