/* See LICENSE file for copyright and license details. */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/io.h"
#include "common/json.h"
#include "common/swar.h"
#include "common/utf8.h"

enum { BAD = -1, OK = 0, SLOW = 1 };

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
 * says whether it has escapes. */
static int
str(const char *p, size_t n, size_t *i, int *esc)
{
	size_t k = *i + 1;
	uint32_t cp, lo;

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
		k += 6;
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			return BAD;     /* a lone low surrogate */
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (k + 1 >= n || p[k] != '\\' || p[k + 1] != 'u' ||
			    hex4(p, n, k + 2, &lo) || lo < 0xDC00 ||
			    lo > 0xDFFF)
				return BAD;
			k += 6;
		}
	}
	*i = k + 1;
	return OK;
}

static int
isdigit_(int c)
{
	return c >= '0' && c <= '9';
}

/* A number at p[*i]. One jansson might refuse as too big is SLOW. */
static int
num(const char *p, size_t n, size_t *i)
{
	size_t k = *i, d0, ne = 0;
	int real = 0;

	if (k < n && p[k] == '-')
		k++;
	d0 = k;
	if (k < n && p[k] == '0')
		k++;
	else if (k < n && p[k] >= '1' && p[k] <= '9')
		while (k < n && isdigit_(p[k]))
			k++;
	else
		return BAD;
	if (k < n && p[k] == '.') {
		real = 1;
		if (++k >= n || !isdigit_(p[k]))
			return BAD;
		while (k < n && isdigit_(p[k]))
			k++;
	}
	if (k < n && (p[k] == 'e' || p[k] == 'E')) {
		real = 1;
		k++;
		if (k < n && (p[k] == '+' || p[k] == '-'))
			k++;
		if (k >= n || !isdigit_(p[k]))
			return BAD;
		while (k < n && isdigit_(p[k])) {
			k++;
			ne++;
		}
	}
	/* 64-bit integers have 19 digits; a real overflows past 1e308 */
	if ((!real && k - d0 > 18) || (real && (ne > 2 || k - d0 > 200)))
		return SLOW;
	*i = k;
	return OK;
}

/* A key and its colon at p[*i]; an escaped key is SLOW. */
static int
key(const char *p, size_t n, size_t *i, size_t *ks, size_t *ke)
{
	size_t k = ws(p, n, *i);
	int esc, r;

	if (k >= n || p[k] != '"')
		return BAD;
	*ks = k + 1;
	if ((r = str(p, n, &k, &esc)) != OK)
		return r;
	if (esc)
		return SLOW;
	*ke = k - 1;
	k = ws(p, n, k);
	if (k >= n || p[k] != ':')
		return BAD;
	*i = k + 1;
	return OK;
}

/* One value at p[*i] (after blanks), containers and all. */
static int
value(const char *p, size_t n, size_t *i)
{
	char stack[JSON_MAXDEPTH];
	const char *lit;
	size_t k = *i, ks, ke, ln;
	int d = 0, r, esc;

	for (;;) {
		k = ws(p, n, k);
		if (k >= n)
			return BAD;
		switch (p[k]) {
		case '"':
			if ((r = str(p, n, &k, &esc)) != OK)
				return r;
			break;
		case '{':
		case '[':
			if (d == JSON_MAXDEPTH)
				return SLOW;
			stack[d++] = p[k] == '{' ? '}' : ']';
			k = ws(p, n, k + 1);
			if (k < n && p[k] == stack[d - 1]) {
				d--;
				k++;
				break;
			}
			if (stack[d - 1] == '}' &&
			    (r = key(p, n, &k, &ks, &ke)) != OK)
				return r;
			continue;
		case 't':
		case 'f':
		case 'n':
			lit = p[k] == 't' ? "true" :
			    p[k] == 'f' ? "false" : "null";
			ln = strlen(lit);
			if (n - k < ln || memcmp(p + k, lit, ln))
				return BAD;
			k += ln;
			break;
		default:
			if ((r = num(p, n, &k)) != OK)
				return r;
			break;
		}
		/* after a value: close what ends here, or go on after a
		 * comma */
		for (;;) {
			if (d == 0) {
				*i = k;
				return OK;
			}
			k = ws(p, n, k);
			if (k >= n)
				return BAD;
			if (p[k] == stack[d - 1]) {
				d--;
				k++;
				continue;
			}
			if (p[k] != ',')
				return BAD;
			k++;
			if (stack[d - 1] == '}' &&
			    (r = key(p, n, &k, &ks, &ke)) != OK)
				return r;
			break;
		}
	}
}

int
json_scan(const char *p, size_t n, const char *name, const char *also,
          struct json_member *m)
{
	size_t k, ks, ke, vs, namelen = strlen(name);
	size_t alsolen = also ? strlen(also) : 0;
	int found = 0;

	memset(m, 0, sizeof(*m));
	k = ws(p, n, 0);
	if (k >= n || p[k] != '{')
		return JSON_SLOW;
	k = ws(p, n, k + 1);
	if (k < n && p[k] == '}')
		return ws(p, n, k + 1) == n ? JSON_OK : JSON_SLOW;
	for (;;) {
		if (key(p, n, &k, &ks, &ke) != OK)
			return JSON_SLOW;
		vs = ws(p, n, k);
		k = vs;
		if (value(p, n, &k) != OK)
			return JSON_SLOW;
		if (ke - ks == namelen && !memcmp(p + ks, name, namelen)) {
			if (found++)
				return JSON_SLOW;       /* the last would win */
			m->vs = vs;
			m->ve = k;
			m->isstr = p[vs] == '"';
		} else if (also && ke - ks == alsolen &&
		    !memcmp(p + ks, also, alsolen)) {
			m->also = 1;
		}
		m->end = k;
		k = ws(p, n, k);
		if (k < n && p[k] == ',') {
			k++;
			continue;
		}
		if (k < n && p[k] == '}')
			return ws(p, n, k + 1) == n ? JSON_OK : JSON_SLOW;
		return JSON_SLOW;
	}
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
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				hex4(p, n, i + 8, &lo);
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 6;
			}
			buf_put(b, u, utf8_encode(cp, u));
			i += 4;
			break;
		default: buf_putc(b, p[i + 1]); break;   /* " \ / */
		}
		i += 2;
	}
}

void
json_escape(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', '0', '0' };
	size_t i = 0, j;
	unsigned char c;

	buf_putc(b, '"');
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
	buf_putc(b, '"');
}
