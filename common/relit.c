/* See LICENSE file for copyright and license details. */
/*
 * relit: the literals a PCRE2 pattern needs (see relit.h).
 *
 * A recursive-descent reader of the pattern that keeps three sets for
 * each piece, in the manner of RE2's prefilter: exact, every string the
 * piece can match (when there are few and all are known); pre, strings
 * one of which begins every match; req, strings one of which every match
 * contains. Concatenation multiplies exact sets and takes the better req;
 * alternation unites; an optional piece knows nothing but its exact set.
 * Syntax it does not know (back references, \Q, (?x), verbs, ...) makes
 * the whole pattern unknown.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/relit.h"
#include "common/scan.h"
#include "common/swar.h"
#include "common/utf8.h"
#include "common/util.h"

#define DEPTH_MAX 32
#define BIT_SET(w, c) ((w)[(c) / 64] |= (uint64_t)1 << ((c) % 64))

struct info {
	struct relit exact, pre, req;
	uint64_t first[4];              /* bytes a match can start with */
	int nullable;                   /* it can match the empty string */
};

struct reader {
	const char *p;
	int bad, depth;
};

static void parse_alt(struct reader *, struct info *);

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void
set_unknown(struct relit *s)
{
	s->n = -1;
}

static void
set_empty_string(struct relit *s)
{
	s->n = 1;
	s->len[0] = 0;
	s->s[0][0] = '\0';
}

/* dst = src, copying only the strings in use */
static void
set_copy(struct relit *dst, const struct relit *src)
{
	int i;

	dst->n = src->n;
	for (i = 0; i < src->n; i++) {
		dst->len[i] = src->len[i];
		dst->at[i] = src->at[i];
		memcpy(dst->s[i], src->s[i], src->len[i] + 1u);
	}
}

/* Add a.b to s; longer than RELIT_LEN: cut when trunc, else give up. */
static int
set_add(struct relit *s, const char *a, size_t na, const char *b, size_t nb,
    int trunc)
{
	char t[2 * RELIT_LEN + 2];
	size_t n = na + nb;
	int i;

	if (s->n < 0)
		return -1;
	memcpy(t, a, na);
	memcpy(t + na, b, nb);
	if (n > RELIT_LEN) {
		if (!trunc)
			return -1;
		n = RELIT_LEN;
	}
	for (i = 0; i < s->n; i++)
		if (s->len[i] == n && memcmp(s->s[i], t, n) == 0)
			return 0;
	if (s->n == RELIT_MAX)
		return -1;
	memcpy(s->s[s->n], t, n);
	s->s[s->n][n] = '\0';
	s->len[s->n++] = (unsigned char)n;
	return 0;
}

/* Make room in s by cutting its longest strings by a byte (a string cut
 * short is still in every match, or still begins it). */
static int
set_shrink(struct relit *s)
{
	struct relit t;
	int i, max = 0;

	set_copy(&t, s);
	for (i = 0; i < t.n; i++)
		max = MAX(max, t.len[i]);
	if (max <= 1)
		return -1;
	s->n = 0;
	for (i = 0; i < t.n; i++)
		set_add(s, t.s[i], MIN(t.len[i], max - 1), "", 0, 0);
	return 0;
}

/* Add a.b to s; when trunc, cut strings short rather than give up. */
static int
set_put(struct relit *s, const char *a, size_t na, const char *b, size_t nb,
    int trunc)
{
	while (set_add(s, a, na, b, nb, trunc) < 0)
		if (!trunc || s->n < 0 || set_shrink(s) < 0)
			return -1;
	return 0;
}

/* out = every string of a followed by every string of b */
static void
set_cross(struct relit *out, const struct relit *a, const struct relit *b,
    int trunc)
{
	int i, j;

	out->n = 0;
	if (a->n < 0 || b->n < 0 || a->n * b->n > RELIT_MAX) {
		set_unknown(out);
		return;
	}
	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++)
			if (set_add(out, a->s[i], a->len[i], b->s[j], b->len[j],
			    trunc) < 0) {
				set_unknown(out);
				return;
			}
}

/* a = a united with b */
static void
set_unite(struct relit *a, const struct relit *b, int trunc)
{
	int j;

	if (b->n < 0)
		set_unknown(a);
	for (j = 0; a->n >= 0 && j < b->n; j++)
		if (set_put(a, b->s[j], b->len[j], "", 0, trunc) < 0)
			set_unknown(a);
}

/* A pre or req set that holds the empty string (or nothing) tells nothing. */
static void
set_norm(struct relit *s)
{
	int i;

	if (s->n == 0)
		set_unknown(s);
	for (i = 0; i < s->n; i++)
		if (s->len[i] == 0)
			set_unknown(s);
}

/* The length of the shortest string of s (RELIT_LEN if it has none) */
static int
set_minlen(const struct relit *s)
{
	int i, min = RELIT_LEN;

	for (i = 0; i < s->n; i++)
		min = MIN(min, s->len[i]);
	return min;
}

/* Longer strings are rarer, up to about six bytes; then fewer strings
 * are cheaper to look for; then longer ones again. */
static int
set_score(const struct relit *s)
{
	int min = set_minlen(s);

	if (s->n < 0)
		return -1;
	return MIN(min, 6) * 10000 - s->n * 64 + min;
}

static void
set_better(struct relit *dst, const struct relit *src)
{
	if (set_score(src) > set_score(dst))
		set_copy(dst, src);
}

/* Does s hold RELIT_WIDE? */
static int
set_wide(const struct relit *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (memchr(s->s[i], RELIT_WIDE, s->len[i]))
			return 1;
	return 0;
}

/* pre and req learn from a known exact set */
static void
finish(struct info *x)
{
	struct relit e;

	set_copy(&e, &x->exact);
	set_norm(&e);
	set_better(&x->pre, &e);
	set_better(&x->req, &e);
	if (!set_wide(&x->pre))
		set_better(&x->req, &x->pre);
}

static void
info_empty(struct info *x)
{
	set_empty_string(&x->exact);
	set_unknown(&x->pre);
	set_unknown(&x->req);
	memset(x->first, 0, sizeof(x->first));
	x->nullable = 1;
}

/* One character of a class: "" any; "d" \\d, "w" \\w, "s" \\s; the ASCII
 * ones PCRE2 gives, and every non-ASCII byte (PCRE2_UCP). */
static void
info_class(struct info *x, const char *cls)
{
	int c;

	set_unknown(&x->exact);
	set_unknown(&x->pre);
	set_unknown(&x->req);
	x->nullable = 0;
	memset(x->first, 0, sizeof(x->first));
	for (c = 0; c < 256; c++)
		if (c >= 0x80 || !*cls ||
		    (*cls == 'd' && c >= '0' && c <= '9') ||
		    (*cls == 'w' && (is_alnum(c) || c == '_')) ||
		    (*cls == 's' && (c == ' ' || (c >= '\t' && c <= '\r'))))
			BIT_SET(x->first, c);
}

static void
info_char(struct info *x, int c)
{
	char s = (char)(c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c);

	x->exact.n = 0;
	set_add(&x->exact, &s, 1, "", 0, 0);
	set_copy(&x->pre, &x->exact);
	set_copy(&x->req, &x->exact);
	memset(x->first, 0, sizeof(x->first));
	BIT_SET(x->first, c);
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		BIT_SET(x->first, c ^ 0x20);
	if (s == 'k')
		BIT_SET(x->first, 0xe2);        /* U+212A */
	if (s == 's')
		BIT_SET(x->first, 0xc5);        /* U+017F */
	x->nullable = 0;
}

/*
 * A non-ASCII character: its case partners are non-ASCII too, but for
 * U+212A and U+017F, which are partners of k and s (relit.h). So a match
 * starts with a byte of 0x80 or more, which pre strings write as
 * RELIT_WIDE; exact and req know nothing.
 */
static void
info_wide(struct info *x, const char *s, size_t n)
{
	const char w = RELIT_WIDE;
	uint32_t c;
	int b;

	if (utf8_decode(s, n, &c) != n || c == 0x212a || c == 0x17f ||
	    c == UTF8_INVALID) {
		info_class(x, "");
		return;
	}
	set_unknown(&x->exact);
	x->pre.n = 0;
	set_add(&x->pre, &w, 1, "", 0, 0);
	set_unknown(&x->req);
	memset(x->first, 0, sizeof(x->first));
	for (b = 0x80; b < 256; b++)
		BIT_SET(x->first, b);
	x->nullable = 0;
}

/* x = x followed by a */
static void
concat(struct info *x, const struct info *a)
{
	struct info r;
	struct relit bp;
	int c;

	for (c = 0; c < 4; c++)
		r.first[c] = x->first[c] | (x->nullable ? a->first[c] : 0);
	r.nullable = x->nullable && a->nullable;
	set_cross(&r.exact, &x->exact, &a->exact, 0);
	if (x->exact.n >= 0) {
		set_copy(&bp, &a->pre);
		if (bp.n < 0)
			set_empty_string(&bp);
		set_cross(&r.pre, &x->exact, &bp, 1);
		if (r.pre.n < 0)
			set_copy(&r.pre, &x->exact);
		set_norm(&r.pre);
	} else {
		set_copy(&r.pre, &x->pre);
	}
	set_copy(&r.req, &x->req);
	set_better(&r.req, &a->req);
	finish(&r);
	set_copy(&x->exact, &r.exact);
	set_copy(&x->pre, &r.pre);
	set_copy(&x->req, &r.req);
	memcpy(x->first, r.first, sizeof(x->first));
	x->nullable = r.nullable;
}

/* x repeated min to max times (max < 0: no bound) */
static void
repeat(struct info *x, long min, long max)
{
	struct relit t;
	long i;

	if (min == 1 && max == 1)
		return;
	if (min == 0) {
		x->nullable = 1;
		if (max == 1 && x->exact.n >= 0) {
			if (set_add(&x->exact, "", 0, "", 0, 0) < 0)
				set_unknown(&x->exact);
		} else {
			set_unknown(&x->exact);
		}
		set_unknown(&x->pre);
		set_unknown(&x->req);
		return;
	}
	if (min == max && x->exact.n >= 0 && min <= 8) {
		set_copy(&t, &x->exact);
		for (i = 1; i < min && x->exact.n >= 0; i++) {
			struct relit u;

			set_copy(&u, &x->exact);
			set_cross(&x->exact, &u, &t, 0);
		}
	} else {
		set_unknown(&x->exact);
	}
	finish(x);
}

/* A quantifier at r->p: set min and max, step over it and return 1. */
static int
quantifier(struct reader *r, long *min, long *max)
{
	const char *p = r->p;

	switch (*p) {
	case '?':
		*min = 0, *max = 1, p++;
		break;
	case '*':
		*min = 0, *max = -1, p++;
		break;
	case '+':
		*min = 1, *max = -1, p++;
		break;
	case '{':
		/* {n}, {n,}, {n,m} */
		if (!is_digit(*++p))
			return 0;
		for (*min = 0; is_digit(*p) && *min < 100000; p++)
			*min = *min * 10 + (*p - '0');
		*max = *min;
		if (*p == ',') {
			p++;
			*max = -1;
			if (is_digit(*p))
				for (*max = 0; is_digit(*p) && *max < 100000; p++)
					*max = *max * 10 + (*p - '0');
		}
		if (*p++ != '}')
			return 0;
		break;
	default:
		return 0;
	}
	if (*p == '+' || *p == '?')     /* possessive, lazy */
		p++;
	r->p = p;
	return 1;
}

/* Step over a character class; it matches one unknown character. */
static void
skip_class(struct reader *r)
{
	const char *p = r->p + 1, *q;

	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p != ']') {
		if (*p == '\0' || (p[0] == '\\' && (p[1] == 'Q' || p[1] == '\0'))) {
			r->bad = 1;
			return;
		}
		if (p[0] == '[' && p[1] == ':' && (q = strstr(p + 2, ":]")))
			p = q + 2;      /* [:alpha:] */
		else
			p += p[0] == '\\' ? 2 : 1;
	}
	r->p = p + 1;
}

static void
parse_escape(struct reader *r, struct info *x)
{
	int e = (unsigned char)r->p[1];

	r->p += 2;
	if (e != '\0' && !is_alnum(e) && e < 0x80) {
		info_char(x, e);        /* \. \( \@ ... */
		return;
	}
	switch (e) {
	case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
		info_empty(x);
		return;
	case 'd': case 'w': case 's':
		info_class(x, e == 'd' ? "d" : e == 'w' ? "w" : "s");
		return;
	case 'h': case 'v': case 'R':
		info_class(x, "s");
		return;
	case 'D': case 'W': case 'S': case 'H': case 'V': case 'N':
	case 'X': case 'C':
		info_class(x, "");
		return;
	case 'p': case 'P':
		if (*r->p == '{') {
			const char *q = strchr(r->p, '}');

			if (!q) {
				r->bad = 1;
				return;
			}
			r->p = q + 1;
		} else if (*r->p != '\0') {
			r->p++;
		}
		info_class(x, "");
		return;
	default:
		r->bad = 1;     /* \x, \Q, \1, \k, \g, \c, \n, ... */
	}
}

/* (...) of every kind; r->p is on the '(' */
static void
parse_group(struct reader *r, struct info *x)
{
	const char *p = r->p + 1;
	int look = 0;

	if (*p == '*') {
		r->bad = 1;             /* (*VERB) */
		return;
	}
	if (*p == '?') {
		p++;
		if (*p == ':' || *p == '>') {
			p++;
		} else if (*p == '=' || *p == '!') {
			p++, look = 1;
		} else if (*p == '<' && (p[1] == '=' || p[1] == '!')) {
			p += 2, look = 1;
		} else if (*p == '<' || (*p == 'P' && p[1] == '<')) {
			p = strchr(p, '>');     /* named group */
			if (!p) {
				r->bad = 1;
				return;
			}
			p++;
		} else {
			/* options: caseless on or off changes nothing here;
			 * x would change the syntax */
			while (*p != '\0' && strchr("imsnUJ-", *p))
				p++;
			if (p == r->p + 2 || (*p != ':' && *p != ')')) {
				r->bad = 1;
				return;
			}
			if (*p == ')') {
				r->p = p + 1;
				info_empty(x);
				return;
			}
			p++;
		}
	}
	r->p = p;
	parse_alt(r, x);
	if (r->bad)
		return;
	if (*r->p != ')') {
		r->bad = 1;
		return;
	}
	r->p++;
	if (look)
		info_empty(x);
}

static void
parse_atom(struct reader *r, struct info *x)
{
	int c = (unsigned char)*r->p;

	switch (c) {
	case '(':
		if (++r->depth > DEPTH_MAX) {
			r->bad = 1;
			return;
		}
		parse_group(r, x);
		r->depth--;
		return;
	case '[':
		skip_class(r);
		info_class(x, "");
		return;
	case '.':
		r->p++;
		info_class(x, "");
		return;
	case '^': case '$':
		r->p++;
		info_empty(x);
		return;
	case '\\':
		parse_escape(r, x);
		return;
	case '*': case '+': case '?': case '{': case '\0':
		/* '{' that is not {n}, {n,} or {n,m}: a literal to old
		 * PCRE2, {,m} or "{ 1, 2 }" to new ones */
		r->bad = 1;
		return;
	}
	r->p++;
	if (c >= 0x80) {
		/* one UTF-8 character: its case partners are other bytes */
		const char *q = r->p - 1;

		while ((*r->p & 0xc0) == 0x80)
			r->p++;
		info_wide(x, q, (size_t)(r->p - q));
		return;
	}
	info_char(x, c);
}

/* acc = acc followed by piece (piece alone if that is too many strings),
 * and a candidate for req */
static void
extend(struct relit *acc, const struct relit *piece, int trunc,
    struct relit *req)
{
	struct relit t;

	set_copy(&t, acc);
	set_cross(acc, &t, piece, trunc);
	if (acc->n < 0)
		set_copy(acc, piece);
	set_copy(&t, acc);
	set_norm(&t);
	set_better(req, &t);
}

/* A concatenation; tail is the exact set of its pieces since the last
 * one whose exact set is unknown, so "\\S+ says:" needs "says:"; run is
 * the one string of those since the last with more than one, so
 * "(a|b) cookies" needs " cookies". */
static void
parse_concat(struct reader *r, struct info *x)
{
	struct info a;
	struct relit tail, run;
	long min, max;

	info_empty(x);
	set_empty_string(&tail);
	set_empty_string(&run);
	while (!r->bad && *r->p != '\0' && *r->p != '|' && *r->p != ')') {
		parse_atom(r, &a);
		if (r->bad)
			return;
		if (quantifier(r, &min, &max))
			repeat(&a, min, max);
		concat(x, &a);
		if (a.exact.n < 0) {
			set_empty_string(&tail);
			set_empty_string(&run);
			continue;
		}
		extend(&tail, &a.exact, 0, &x->req);
		if (a.exact.n == 1)
			extend(&run, &a.exact, 1, &x->req);
		else
			set_empty_string(&run);
	}
}

static void
parse_alt(struct reader *r, struct info *x)
{
	struct info b;
	int c;

	parse_concat(r, x);
	while (!r->bad && *r->p == '|') {
		r->p++;
		parse_concat(r, &b);
		set_unite(&x->exact, &b.exact, 0);
		set_unite(&x->pre, &b.pre, 1);
		set_unite(&x->req, &b.req, 1);
		for (c = 0; c < 4; c++)
			x->first[c] |= b.first[c];
		x->nullable |= b.nullable;
	}
}

/* A search for req pays when its strings are long or hold punctuation. */
static int
worth(const struct relit *s)
{
	int i, j, odd;

	if (s->n > 0 && set_minlen(s) >= 3)
		return 1;
	for (i = 0; i < s->n; i++) {
		for (odd = j = 0; j < s->len[i]; j++)
			odd |= !is_alnum((unsigned char)s->s[i][j]) &&
			    s->s[i][j] != ' ';
		if (!odd)
			return 0;
	}
	return s->n > 0;
}

/* Where to start looking for each string of s: at its rarest byte, by
 * the frequency of letters in English text, digits and punctuation rarer
 * still (a guess that only makes the search faster or slower). */
static void
set_anchor(struct relit *s)
{
	static const char common[] = " etaoinsrhldcumfpgwybvkxjqz";
	const char *c;
	int i, j, r, best;

	for (i = 0; i < s->n; i++)
		for (best = -1, s->at[i] = 0, j = 0; j < s->len[i]; j++) {
			c = s->s[i][j] ? strchr(common, s->s[i][j]) : NULL;
			r = c ? (int)(c - common) : (int)sizeof(common);
			if (r > best) {
				best = r;
				s->at[i] = (unsigned char)j;
			}
		}
}

/* One string of five bytes or more that all strings of s contain, if
 * there is one: "cookie" for "we use cookies|ce site utilise des cookies". */
static void
set_common(struct relit *s)
{
	struct relit t;
	int i, j, k, len;

	if (s->n < 2)
		return;
	for (k = 0, j = 1; j < s->n; j++)       /* k: a shortest string */
		if (s->len[j] < s->len[k])
			k = j;
	for (len = s->len[k]; len >= 5; len--)
		for (i = 0; i + len <= s->len[k]; i++) {
			for (j = 0; j < s->n; j++)
				if (!mem_mem(s->s[j], s->len[j], s->s[k] + i,
				    (size_t)len))
					break;
			if (j < s->n)
				continue;
			/* the longest: any other scores no better */
			t.n = 0;
			set_add(&t, s->s[k] + i, (size_t)len, "", 0, 0);
			set_better(s, &t);
			return;
		}
}

int
relit(const char *re, struct relit *pre, struct relit *req,
    unsigned char first[256])
{
	struct reader r = { re, 0, 0 };
	struct info x;
	int c;

	parse_alt(&r, &x);
	if (r.bad || *r.p != '\0') {
		set_unknown(pre);
		set_unknown(req);
		memset(first, 1, 256);
		return -1;
	}
	*pre = x.pre;
	*req = x.req;
	set_norm(pre);
	set_norm(req);
	set_common(req);
	if (!worth(req))
		set_unknown(req);
	for (c = 0; c < 256; c++)
		first[c] = x.nullable || (x.first[c / 64] >> (c % 64) & 1);
	set_anchor(pre);
	set_anchor(req);
	return 0;
}

/* Does s[0..n) hold the bytes c, c1, c2 (c2 < 0: just c, c1)? */
static int
has3(const char *s, size_t n, int c, int c1, int c2)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;

	for (; (p = memchr(p, c, (size_t)(e - p))); p++)
		if (e - p > 1 && p[1] == c1 && (c2 < 0 || (e - p > 2 && p[2] == c2)))
			return 1;
	return 0;
}

int
relit_odd_case(const char *s, size_t n)
{
	return has3(s, n, 0xe2, 0x84, 0xaa) || has3(s, n, 0xc5, 0xbf, -1);
}

/* Does s[0..n) contain lit[0..len)? memchr for its byte at, then memcmp. */
static int
has(const char *s, size_t n, const char *lit, size_t len, size_t at)
{
	const char *p = s + at, *end;

	if (len > n)
		return 0;
	end = s + (n - len) + at + 1;   /* where lit[at] may stand */
	for (; p < end && (p = memchr(p, lit[at], (size_t)(end - p))); p++)
		if (p[-(ptrdiff_t)at] == lit[0] &&
		    p[len - 1 - at] == lit[len - 1] &&
		    memcmp(p - at, lit, len) == 0)
			return 1;
	return 0;
}

void
relit_subject(struct relit_subject *sub, const char *s, size_t n, char *low)
{
	int high = scan_lower(s, n, low);

	sub->s = low;
	sub->n = n;
	sub->odd = high && relit_odd_case(s, n);
	sub->padded = 0;
}

int
relit_starts(const char *s, size_t n, const char *lit, size_t len)
{
	const char *w;

	if (len > n)
		return 0;
	if (!(w = memchr(lit, RELIT_WIDE, len)))
		return memcmp(s, lit, len) == 0;
	/* RELIT_WIDE ends a string: nothing is known after it */
	return memcmp(s, lit, (size_t)(w - lit)) == 0 &&
	    (unsigned char)s[w - lit] >= 0x80;
}

void
relit_key8(const char *lit, size_t len, uint64_t *key, uint64_t *mask)
{
	unsigned char k[8] = { 0 }, m[8] = { 0 };
	size_t i;

	for (i = 0; i < len && i < 8; i++) {
		k[i] = lit[i] == RELIT_WIDE ? 0x80 : (unsigned char)lit[i];
		m[i] = lit[i] == RELIT_WIDE ? 0x80 : 0xff;
	}
	*key = swar_load((const char *)k, 8);
	*mask = swar_load((const char *)m, 8);
}

int
relit_any(const struct relit *set, const struct relit_subject *sub)
{
	int i;

	if (set->n < 0 || sub->odd)
		return 1;
	for (i = 0; i < set->n; i++)
		if (has(sub->s, sub->n, set->s[i], set->len[i], set->at[i]))
			return 1;
	return 0;
}

/* Where s's pair of bytes for relit_multi is: at s->at, its rarest byte,
 * and the one after it, or the one before the last. */
static int
multi_at(const struct relit *s, int j)
{
	return s->at[j] + 1 < s->len[j] ? s->at[j] : s->at[j] - 1;
}

/* The key of mu that is the pair c0, c1: its index, or -1. */
static int
multi_key(const struct relit_multi *mu, unsigned char c0, unsigned char c1)
{
	int j;

	for (j = 0; j < mu->nkeys; j++)
		if (mu->key[j][0] == c0 && mu->key[j][1] == c1)
			return j;
	return -1;
}

void
relit_multi_init(struct relit_multi *mu, const struct relit *const *sets,
    int nsets)
{
	unsigned char next[RELIT_MULTI_KEYS];
	const char *p;
	int i, j, k, ns = 0, many = 0;

	memset(mu, 0, sizeof(*mu));
	mu->nsets = MIN(nsets, RELIT_MULTI);
	for (i = 0; i < mu->nsets; i++) {
		mu->sets[i] = sets[i];
		if (sets[i]->n == 0)
			continue;       /* it never matches */
		mu->all |= (uint64_t)1 << i;
		if (sets[i]->n < 0) {
			mu->unknown |= (uint64_t)1 << i;
			continue;
		}
		for (j = 0; j < sets[i]->n && !many; j++) {
			/* a pre string's RELIT_WIDE is compared as relit_any
			 * compares it, by memcmp, only by relit_any */
			if (sets[i]->len[j] < 2 || ++ns > RELIT_MULTI_STR ||
			    memchr(sets[i]->s[j], RELIT_WIDE, sets[i]->len[j])) {
				many = 1;
				break;
			}
			p = sets[i]->s[j] + multi_at(sets[i], j);
			if (multi_key(mu, (unsigned char)p[0],
			    (unsigned char)p[1]) >= 0)
				continue;
			if (mu->nkeys == RELIT_MULTI_KEYS) {
				many = 1;
				break;
			}
			mu->key[mu->nkeys][0] = (unsigned char)p[0];
			mu->key[mu->nkeys][1] = (unsigned char)p[1];
			memset(mu->splat[mu->nkeys][0], p[0], 16);
			memset(mu->splat[mu->nkeys][1], p[1], 16);
			mu->nkeys++;
		}
	}
	if (many) {
		mu->nkeys = -1;
		return;
	}
	/* the strings, grouped by their key (a counting sort) */
	for (i = 0; i < mu->nsets; i++)
		for (j = 0; j < sets[i]->n; j++) {
			p = sets[i]->s[j] + multi_at(sets[i], j);
			mu->from[multi_key(mu, (unsigned char)p[0],
			    (unsigned char)p[1]) + 1]++;
		}
	for (k = 0; k < mu->nkeys; k++) {
		mu->from[k + 1] += mu->from[k];
		next[k] = mu->from[k];
	}
	for (i = 0; i < mu->nsets; i++)
		for (j = 0; j < sets[i]->n; j++) {
			p = sets[i]->s[j] + multi_at(sets[i], j);
			k = next[multi_key(mu, (unsigned char)p[0],
			    (unsigned char)p[1])]++;
			mu->str[k].s = sets[i]->s[j];
			mu->str[k].len = sets[i]->len[j];
			mu->str[k].at = (unsigned char)multi_at(sets[i], j);
			mu->str[k].set = (unsigned char)i;
			relit_key8(mu->str[k].s, mu->str[k].len,
			    &mu->str[k].key, &mu->str[k].mask);
		}
}

/* Bit k set for each k < 16 where p[k], p[k + 1] is a key of mu (p[0..17)
 * readable). */
static unsigned
multi_bits(const struct relit_multi *mu, const char *p)
{
#ifdef __SSE2__
	const __m128i v0 = _mm_loadu_si128((const void *)p);
	const __m128i v1 = _mm_loadu_si128((const void *)(p + 1));
	__m128i e = _mm_setzero_si128();

	/* spelled out, so that each key costs its two compares and no
	 * loop (as in scan.h) */
#define KEY(j) e = _mm_or_si128(e, _mm_and_si128(_mm_cmpeq_epi8(v0, \
	_mm_loadu_si128((const void *)mu->splat[j][0])), _mm_cmpeq_epi8(v1, \
	_mm_loadu_si128((const void *)mu->splat[j][1]))))
	switch (mu->nkeys) {
	case 12: KEY(11); /* FALLTHROUGH */
	case 11: KEY(10); /* FALLTHROUGH */
	case 10: KEY(9); /* FALLTHROUGH */
	case 9: KEY(8); /* FALLTHROUGH */
	case 8: KEY(7); /* FALLTHROUGH */
	case 7: KEY(6); /* FALLTHROUGH */
	case 6: KEY(5); /* FALLTHROUGH */
	case 5: KEY(4); /* FALLTHROUGH */
	case 4: KEY(3); /* FALLTHROUGH */
	case 3: KEY(2); /* FALLTHROUGH */
	case 2: KEY(1); /* FALLTHROUGH */
	case 1: KEY(0); /* FALLTHROUGH */
	default: break;
	}
#undef KEY
	return (unsigned)_mm_movemask_epi8(e);
#else
	unsigned m = 0;
	size_t k;
	int j;

	/* the plain loop the SSE2 one stands for */
	for (k = 0; k < 16; k++)
		for (j = 0; j < mu->nkeys; j++)
			if ((unsigned char)p[k] == mu->key[j][0] &&
			    (unsigned char)p[k + 1] == mu->key[j][1])
				m |= 1u << k;
	return m;
#endif
}

uint64_t
relit_multi_any(const struct relit_multi *mu, const struct relit_subject *sub)
{
	const struct relit_str *t;
	const char *s = sub->s, *p;
	char tmp[17];
	uint64_t want;
	size_t base, b, i, n = sub->n;
	unsigned m;
	int j, k;

	if (sub->odd)
		return mu->all;
	if (mu->nkeys < 0) {
		for (want = 0, j = 0; j < mu->nsets; j++)
			if (mu->all >> j & 1 && relit_any(mu->sets[j], sub))
				want |= (uint64_t)1 << j;
		return want;
	}
	want = mu->all & ~mu->unknown;  /* the sets still to find */
	for (base = 0; want && base + 1 < n; base += 16) {
		p = s + base;
		if (n - base < 17 && !sub->padded) {
			memset(tmp, 0, sizeof(tmp));
			memcpy(tmp, p, n - base);
			p = tmp;
		}       /* a key found past n is no string's: see the bounds */
		for (m = multi_bits(mu, p); m; m &= m - 1) {
			i = base + (size_t)__builtin_ctz(m);
			j = multi_key(mu, (unsigned char)s[i],
			    (unsigned char)s[i + 1]);
			for (k = mu->from[j]; k < mu->from[j + 1]; k++) {
				t = &mu->str[k];
				if (!(want >> t->set & 1) || i < t->at ||
				    (b = i - t->at) + t->len > n)
					continue;
				/* its first 8 bytes, then the rest */
				if ((swar_load(s + b, MIN(n - b, 8)) &
				    t->mask) == t->key && (t->len <= 8 ||
				    memcmp(s + b + 8, t->s + 8, t->len - 8u) ==
				    0))
					want &= ~((uint64_t)1 << t->set);
			}
		}
	}
	return mu->all & ~want;
}
