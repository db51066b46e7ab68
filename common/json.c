/* See LICENSE file for copyright and license details. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/io.h"
#include "common/json.h"
#include "common/swar.h"
#include "common/utf8.h"
#include "common/util.h"

enum { BAD = -1, OK = 0 };

/* Eight bytes at a time: the high bit of each byte of v that is below
 * 0x20, a quote or a backslash. The borrow trick can only misfire above
 * a byte that truly matches, so the lowest bit set is exact. */
static inline uint64_t
special(uint64_t v)
{
	return ((v - SWAR_ONES * 0x20) & ~v & SWAR_HIGH) | swar_eq(v, '"') |
	    swar_eq(v, '\\');
}

/* The first byte of s[j..n) below 0x20, a quote or a backslash (or, with
 * stophigh, not ASCII), or n. */
static inline size_t
plain(const char *s, size_t j, size_t n, int stophigh)
{
	uint64_t v, m;
	unsigned char c;
#ifdef __SSE2__
	/* sixteen bytes at a time where SSE2 is given (x86-64): a byte is
	 * below 0x20 when max(byte, 0x1f) is 0x1f */
	const __m128i quote = _mm_set1_epi8('"'), bsl = _mm_set1_epi8('\\');
	const __m128i c1f = _mm_set1_epi8(0x1f);
	__m128i x;
	unsigned w;

	for (; j + 16 <= n; j += 16) {
		x = _mm_loadu_si128((const void *)(s + j));
		w = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bsl)),
		    _mm_cmpeq_epi8(_mm_max_epu8(x, c1f), c1f)));
		if (stophigh)
			w |= (unsigned)_mm_movemask_epi8(x);
		if (w)
			return j + (size_t)__builtin_ctz(w);
	}
#endif
	for (; j + 8 <= n; j += 8) {
		v = swar_load(s + j, 8);
		if ((m = special(v) | (stophigh ? v & SWAR_HIGH : 0)))
			return j + (size_t)__builtin_ctzll(m) / 8;
	}
	for (; j < n; j++) {
		c = (unsigned char)s[j];
		if (c < 0x20 || c == '"' || c == '\\' || (stophigh && c >= 0x80))
			break;
	}
	return j;
}

/* How many bytes of s[0..n) are valid UTF-8 before the first that is not
 * (as utf8_valid counts them): sixteen ASCII bytes at a time with SSE2,
 * eight without. */
static size_t
valid_prefix(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t v;
	uint32_t cp;
	unsigned k;

	while (i < n) {
#ifdef __SSE2__
		for (; i + 16 <= n; i += 16)
			if ((k = (unsigned)_mm_movemask_epi8(_mm_loadu_si128(
			    (const void *)(s + i)))))
				break;
		if (i + 16 <= n)
			i += (size_t)__builtin_ctz(k);
#endif
		for (; i + 8 <= n; i += 8)
			if ((v = swar_load(s + i, 8) & SWAR_HIGH))
				break;
		if (i + 8 <= n)
			i += (size_t)__builtin_ctzll(v) / 8;
		while (i < n && (unsigned char)s[i] < 0x80)
			i++;
		if (i >= n)
			break;
		i += (k = (unsigned)utf8_decode(s + i, n - i, &cp));
		if (cp == UTF8_INVALID)
			return i - k;
	}
	return n;
}

static size_t
ws(const char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' ||
	    p[i] == '\r'))
		i++;
	return i;
}

static int
hex4(const char *p, size_t n, size_t i, uint32_t *v)
{
	size_t k;
	int c;

	if (n < 4 || i > n - 4)
		return -1;
	*v = 0;
	for (k = i; k < i + 4; k++) {
		c = (unsigned char)p[k];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			c = (c | 0x20) - 'a' + 10;
		else
			return -1;
		*v = *v << 4 | (uint32_t)c;
	}
	return 0;
}

/* The string that starts at p[*i] ('"'): check it and step past it. *esc
 * says whether it has escapes. A \u escape of a surrogate needs no
 * partner (RFC 8259 8.2 allows it; Python reads it). */
static int
str(const char *p, size_t n, size_t *i, int *esc)
{
	size_t k = *i + 1;
	uint32_t cp;

	*esc = 0;
	for (;;) {
		if ((k = plain(p, k, n, 1)) >= n)
			return BAD;
		if (p[k] == '"')
			break;
		if ((unsigned char)p[k] >= 0x80) {
			k += utf8_decode(p + k, n - k, &cp);
			if (cp == UTF8_INVALID)
				return BAD;
			continue;
		}
		if (p[k] != '\\' || k + 1 >= n)
			return BAD;     /* a control character */
		*esc = 1;
		switch (p[k + 1]) {
		case '"': case '\\': case '/':
		case 'b': case 'f': case 'n': case 'r': case 't':
			k += 2;
			continue;
		case 'u':
			break;
		default:
			return BAD;
		}
		if (hex4(p, n, k + 2, &cp))
			return BAD;
		k += 6;         /* a lone surrogate is kept as it is */
	}
	*i = k + 1;
	return OK;
}

static int
isdigit_(int c)
{
	return c >= '0' && c <= '9';
}

/* A number at p[*i], of any size: it is copied, never converted. */
static int
num(const char *p, size_t n, size_t *i)
{
	size_t k = *i;

	if (k < n && p[k] == '-')
		k++;
	if (k < n && p[k] == '0')
		k++;
	else if (k < n && p[k] >= '1' && p[k] <= '9')
		while (k < n && isdigit_(p[k]))
			k++;
	else
		return BAD;
	if (k < n && p[k] == '.') {
		if (++k >= n || !isdigit_(p[k]))
			return BAD;
		while (k < n && isdigit_(p[k]))
			k++;
	}
	if (k < n && (p[k] == 'e' || p[k] == 'E')) {
		k++;
		if (k < n && (p[k] == '+' || p[k] == '-'))
			k++;
		if (k >= n || !isdigit_(p[k]))
			return BAD;
		while (k < n && isdigit_(p[k]))
			k++;
	}
	*i = k;
	return OK;
}

/* A key and its colon at p[*i]: the key's contents are p[*ks..*ke), *esc
 * says whether they hold escapes. */
static int
key(const char *p, size_t n, size_t *i, size_t *ks, size_t *ke, int *esc)
{
	size_t k = ws(p, n, *i);
	int r;

	if (k >= n || p[k] != '"')
		return BAD;
	*ks = k + 1;
	if ((r = str(p, n, &k, esc)) != OK)
		return r;
	*ke = k - 1;
	k = ws(p, n, k);
	if (k >= n || p[k] != ':')
		return BAD;
	*i = k + 1;
	return OK;
}

/* A surrogate code point in its three-byte form (WTF-8), which is not
 * UTF-8: how a lone \\uD800 escape is decoded, and written back. */
static size_t
wtf8(uint32_t cp, char *u)
{
	u[0] = (char)0xED;
	u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static int
issurrogate3(const unsigned char *s, size_t n)
{
	return n >= 3 && s[0] == 0xED && s[1] >= 0xA0 && s[1] <= 0xBF &&
	    s[2] >= 0x80 && s[2] <= 0xBF;
}

/* Whether the key p[ks..ke) (escaped if esc) is s[0..len). */
static int
keyeq(const char *p, size_t ks, size_t ke, int esc, const char *s,
      size_t len)
{
	char u[UTF8_MAX];
	size_t i = ks, j = 0, m;
	uint32_t cp, lo;

	if (!esc)
		return ke - ks == len && !memcmp(p + ks, s, len);
	while (i < ke) {
		if (p[i] != '\\') {
			if (j >= len || p[i++] != s[j++])
				return 0;
			continue;
		}
		switch (p[i + 1]) {
		case 'b': u[0] = '\b'; m = 1; break;
		case 'f': u[0] = '\f'; m = 1; break;
		case 'n': u[0] = '\n'; m = 1; break;
		case 'r': u[0] = '\r'; m = 1; break;
		case 't': u[0] = '\t'; m = 1; break;
		case 'u':
			hex4(p, ke, i + 2, &cp);
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= ke &&
			    p[i + 6] == '\\' && p[i + 7] == 'u' &&
			    !hex4(p, ke, i + 8, &lo) && lo >= 0xDC00 &&
			    lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 6;
			}
			m = utf8_enc(cp, u);
			if (m == 0)     /* a lone surrogate */
				m = wtf8(cp, u);
			i += 4;
			break;
		default: u[0] = p[i + 1]; m = 1; break;  /* " \ / */
		}
		i += 2;
		if (len - j < m || memcmp(u, s + j, m))
			return 0;
		j += m;
	}
	return j == len;
}

/* One value at p[*i] (after blanks), containers and all, nested to any
 * depth: the closing bracket of each level is kept on a stack that
 * moves to the heap past 256 levels. */
static int
value(const char *p, size_t n, size_t *i)
{
	char small[256], *stack = small, *big = NULL;
	const char *lit;
	size_t k = *i, ks, ke, ln, d = 0, cap = sizeof(small);
	int r = OK, esc;

	for (;;) {
		k = ws(p, n, k);
		if (k >= n)
			goto bad;
		switch (p[k]) {
		case '"':
			if ((r = str(p, n, &k, &esc)) != OK)
				goto out;
			break;
		case '{':
		case '[':
			if (d == cap) {
				cap *= 2;
				big = erealloc(big, cap);
				if (stack == small)
					memcpy(big, small, sizeof(small));
				stack = big;
			}
			stack[d++] = p[k] == '{' ? '}' : ']';
			k = ws(p, n, k + 1);
			if (k < n && p[k] == stack[d - 1]) {
				d--;
				k++;
				break;
			}
			if (stack[d - 1] == '}' &&
			    (r = key(p, n, &k, &ks, &ke, &esc)) != OK)
				goto out;
			continue;
		case 't':
		case 'f':
		case 'n':
			lit = p[k] == 't' ? "true" :
			    p[k] == 'f' ? "false" : "null";
			ln = strlen(lit);
			if (n - k < ln || memcmp(p + k, lit, ln))
				goto bad;
			k += ln;
			break;
		default:
			if ((r = num(p, n, &k)) != OK)
				goto out;
			break;
		}
		/* after a value: close what ends here, or go on after a
		 * comma */
		for (;;) {
			if (d == 0) {
				*i = k;
				goto out;
			}
			k = ws(p, n, k);
			if (k >= n)
				goto bad;
			if (p[k] == stack[d - 1]) {
				d--;
				k++;
				continue;
			}
			if (p[k] != ',')
				goto bad;
			k++;
			if (stack[d - 1] == '}' &&
			    (r = key(p, n, &k, &ks, &ke, &esc)) != OK)
				goto out;
			break;
		}
	}
bad:
	r = BAD;
out:
	free(big);
	return r;
}

/* The object at p[*i] ('{'), whose members the paths in the set active
 * have matched down to level: find their values in it. */
static int
object(const char *p, size_t n, size_t *i, const struct json_path *paths,
       size_t np, unsigned active, size_t level, struct json_hit *hits,
       size_t *end)
{
	size_t k = ws(p, n, *i + 1), ks, ke, vs, j, prev = 0, first = 1;
	unsigned sub;
	int esc, r;

	if (end)
		*end = *i + 1;
	if (k < n && p[k] == '}') {
		*i = k + 1;
		return OK;
	}
	for (;;) {
		if ((r = key(p, n, &k, &ks, &ke, &esc)) != OK)
			return r;
		vs = k = ws(p, n, k);
		sub = 0;
		for (j = 0; j < np; j++) {
			if (!(active >> j & 1) || !keyeq(p, ks, ke, esc,
			    paths[j].seg[level].s, paths[j].seg[level].len))
				continue;
			/* named again: the last one is what a reader sees */
			if (hits[j].found)
				hits[j].dups++;
			hits[j].found = 0;
			if (level + 1 < paths[j].n)
				sub |= 1u << j;
		}
		if (sub && k < n && p[k] == '{')
			r = object(p, n, &k, paths, np, sub, level + 1, hits,
			    NULL);
		else
			r = value(p, n, &k);
		if (r != OK)
			return r;
		for (j = 0; j < np; j++) {
			if (!(active >> j & 1) || level + 1 != paths[j].n ||
			    !keyeq(p, ks, ke, esc, paths[j].seg[level].s,
			    paths[j].seg[level].len))
				continue;
			hits[j].found = 1;
			hits[j].vs = vs;
			hits[j].ve = k;
			hits[j].isstr = p[vs] == '"';
			/* with the comma before it, or the first one with
			 * the comma after it (and the blanks to the next) */
			hits[j].ms = first ? ks - 1 : prev;
			hits[j].me = k;
			if (first) {
				size_t c = ws(p, n, k);
				if (c < n && p[c] == ',')
					hits[j].me = ws(p, n, c + 1);
			}
		}
		if (end)
			*end = k;
		prev = k;
		first = 0;
		k = ws(p, n, k);
		if (k < n && p[k] == ',') {
			k++;
			continue;
		}
		if (k < n && p[k] == '}') {
			*i = k + 1;
			return OK;
		}
		return BAD;
	}
}

/* The paths to look for: all but empty ones (a path not asked for). */
static unsigned
active(const struct json_path *paths, size_t np)
{
	unsigned m = 0;
	size_t j;

	for (j = 0; j < np && j < 32; j++)
		if (paths[j].n > 0)
			m |= 1u << j;
	return m;
}

int
json_scan(const char *p, size_t n, const struct json_path *paths,
          size_t npaths, struct json_hit *hits, size_t *end)
{
	size_t k;
	int r;

	memset(hits, 0, npaths * sizeof(*hits));
	*end = 0;
	k = ws(p, n, 0);
	if (k < n && p[k] == '{')
		r = object(p, n, &k, paths, npaths, active(paths, npaths), 0,
		    hits, end);
	else
		r = value(p, n, &k);
	if (r != OK || ws(p, n, k) != n)
		return JSON_BAD;
	return p[ws(p, n, 0)] == '{' ? JSON_OK : JSON_NOTOBJECT;
}

int
json_path_parse(const char *spec, struct json_path *path, char *err,
                size_t errsize)
{
	char *s, *w, *q;
	int pointer = spec[0] == '/';

	memset(path, 0, sizeof(*path));
	if (!*spec) {
		snprintf(err, errsize, "an empty field name");
		return -1;
	}
	path->mem = s = estrdup(spec + pointer);
	for (;;) {
		if (path->n == JSON_MAXPATH) {
			snprintf(err, errsize, "%s: more than %d members", spec,
			    JSON_MAXPATH);
			goto bad;
		}
		q = s + strcspn(s, pointer ? "/" : ".");
		path->seg[path->n].s = s;
		if (pointer) {          /* ~1 is '/', ~0 is '~' */
			for (w = s; s < q; s++) {
				if (*s == '~' && (s[1] == '0' || s[1] == '1'))
					*w++ = *++s == '0' ? '~' : '/';
				else if (*s == '~')
					goto badtilde;
				else
					*w++ = *s;
			}
		} else {
			w = q;
		}
		path->seg[path->n].len = (size_t)(w - path->seg[path->n].s);
		if (!pointer && w == path->seg[path->n].s) {
			snprintf(err, errsize, "%s: an empty member name (use "
			    "a JSON Pointer, /a/b, for names with dots)", spec);
			goto bad;
		}
		path->n++;
		if (!*q)
			return 0;
		s = q + 1;
	}
badtilde:
	snprintf(err, errsize, "%s: '~' must be followed by 0 or 1", spec);
bad:
	json_path_free(path);
	return -1;
}

void
json_path_free(struct json_path *path)
{
	free(path->mem);
	memset(path, 0, sizeof(*path));
}

void
json_unescape(struct buf *b, const char *p, size_t n)
{
	const char *q;
	char u[UTF8_MAX];
	size_t i = 0, j;
	uint32_t cp, lo;

	while (i < n) {
		q = memchr(p + i, '\\', n - i);
		j = q ? (size_t)(q - p) : n;
		buf_put(b, p + i, j - i);
		if ((i = j) >= n)
			break;
		switch (p[i + 1]) {
		case 'b': buf_putc(b, '\b'); break;
		case 'f': buf_putc(b, '\f'); break;
		case 'n': buf_putc(b, '\n'); break;
		case 'r': buf_putc(b, '\r'); break;
		case 't': buf_putc(b, '\t'); break;
		case 'u':
			hex4(p, n, i + 2, &cp);
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= n &&
			    p[i + 6] == '\\' && p[i + 7] == 'u' &&
			    !hex4(p, n, i + 8, &lo) && lo >= 0xDC00 &&
			    lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 6;
			}
			if (cp >= 0xD800 && cp <= 0xDFFF)
				buf_put(b, u, wtf8(cp, u));
			else
				buf_put(b, u, utf8_enc(cp, u));
			i += 4;
			break;
		default: buf_putc(b, p[i + 1]); break;   /* " \ / */
		}
		i += 2;
	}
}

/* json_escape for s[i..n), which holds no lone surrogate. */
static void
escape_run(struct buf *b, const char *s, size_t i, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', '0', '0' };
	size_t j;
	unsigned char c;

	while (i < n) {
		j = plain(s, i, n, 0);
		buf_put(b, s + i, j - i);
		if (j >= n)
			break;
		c = (unsigned char)s[j];
		switch (c) {
		case '"': buf_put(b, "\\\"", 2); break;
		case '\\': buf_put(b, "\\\\", 2); break;
		case '\b': buf_put(b, "\\b", 2); break;
		case '\f': buf_put(b, "\\f", 2); break;
		case '\n': buf_put(b, "\\n", 2); break;
		case '\r': buf_put(b, "\\r", 2); break;
		case '\t': buf_put(b, "\\t", 2); break;
		default:
			e[4] = hex[c >> 4];
			e[5] = hex[c & 15];
			buf_put(b, e, 6);
		}
		i = j + 1;
	}
}

void
json_escape(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *q;
	size_t i = 0, k;
	uint32_t cp;

	buf_putc(b, '"');
	/* lone surrogates (0xED 0xA0..0xBF) are rare; Hangul shares 0xED */
	for (k = 0; (q = memchr(s + k, 0xED, n - k)); ) {
		k = (size_t)(q - s);
		if (!issurrogate3(u + k, n - k)) {
			k++;
			continue;
		}
		escape_run(b, s, i, k);
		cp = 0xD000 | (uint32_t)(u[k + 1] & 0x3F) << 6 |
		    (uint32_t)(u[k + 2] & 0x3F);
		buf_printf(b, "\\u%04x", cp);
		i = k = k + 3;
	}
	escape_run(b, s, i, n);
	buf_putc(b, '"');
}

int
json_encodable(const char *s, size_t n)
{
	size_t i = 0, k;

	while ((k = i + valid_prefix(s + i, n - i)) < n) {
		if (!issurrogate3((const unsigned char *)s + k, n - k))
			return 0;
		i = k + 3;
	}
	return 1;
}
