/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_SCAN_H
#define COPYDESK_SCAN_H
/*
 * scan.h: byte searches for the rule code, sixteen bytes at a time with
 * SSE2 where the compiler gives it (x86-64), else eight in a uint64_t
 * (swar.h), then byte by byte. tests/unit/test-swar.c holds each to the
 * plain loop it stands for, built with and without __SSE2__.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/swar.h"

/* The high bit of each byte of v, and of each byte of v that is one of
 * the k bytes of c (k at most 8, a constant once inlined, so that the
 * tests that are not needed drop out). */
#ifdef __SSE2__
static inline __m128i
scan_eq16(__m128i v, const __m128i *c, size_t k)
{
	__m128i e = v;

	if (k > 0)
		e = _mm_or_si128(e, _mm_cmpeq_epi8(v, c[0]));
	if (k > 1)
		e = _mm_or_si128(e, _mm_cmpeq_epi8(v, c[1]));
	if (k > 2)
		e = _mm_or_si128(e, _mm_cmpeq_epi8(v, c[2]));
	if (k > 3)
		e = _mm_or_si128(e, _mm_cmpeq_epi8(v, c[3]));
	if (k > 4)
		e = _mm_or_si128(e, _mm_cmpeq_epi8(v, c[4]));
	if (k > 5)
		e = _mm_or_si128(e, _mm_cmpeq_epi8(v, c[5]));
	if (k > 6)
		e = _mm_or_si128(e, _mm_cmpeq_epi8(v, c[6]));
	if (k > 7)
		e = _mm_or_si128(e, _mm_cmpeq_epi8(v, c[7]));
	return e;
}
#endif

/* The same for the eight bytes x and the k bytes of set. */
static inline uint64_t
scan_eq8(uint64_t x, const char *set, size_t k)
{
	uint64_t m = x & SWAR_HIGH;

	if (k > 0)
		m |= swar_eq(x, (unsigned char)set[0]);
	if (k > 1)
		m |= swar_eq(x, (unsigned char)set[1]);
	if (k > 2)
		m |= swar_eq(x, (unsigned char)set[2]);
	if (k > 3)
		m |= swar_eq(x, (unsigned char)set[3]);
	if (k > 4)
		m |= swar_eq(x, (unsigned char)set[4]);
	if (k > 5)
		m |= swar_eq(x, (unsigned char)set[5]);
	if (k > 6)
		m |= swar_eq(x, (unsigned char)set[6]);
	if (k > 7)
		m |= swar_eq(x, (unsigned char)set[7]);
	return m;
}

/* The first byte of p[0, n) that is one of the k bytes of set (ASCII,
 * k at most 8) or not ASCII (0x80 and above): its index, or n if there
 * is none. */
static inline size_t
scan_any(const char *p, size_t n, const char *set, size_t k)
{
	size_t i = 0, j;
	uint64_t m;
#ifdef __SSE2__
	__m128i c[8];
	unsigned b;

	/* spelled out, so that a constant set and k inlined give constant
	 * vectors (a loop over j is not unrolled, and costs more than the
	 * search itself between two stops of sentsplit's scan) */
	if (k > 0)
		c[0] = _mm_set1_epi8(set[0]);
	if (k > 1)
		c[1] = _mm_set1_epi8(set[1]);
	if (k > 2)
		c[2] = _mm_set1_epi8(set[2]);
	if (k > 3)
		c[3] = _mm_set1_epi8(set[3]);
	if (k > 4)
		c[4] = _mm_set1_epi8(set[4]);
	if (k > 5)
		c[5] = _mm_set1_epi8(set[5]);
	if (k > 6)
		c[6] = _mm_set1_epi8(set[6]);
	if (k > 7)
		c[7] = _mm_set1_epi8(set[7]);
	for (; i + 16 <= n; i += 16) {
		b = (unsigned)_mm_movemask_epi8(scan_eq16(_mm_loadu_si128(
		    (const void *)(p + i)), c, k));
		if (b)
			return i + (size_t)__builtin_ctz(b);
	}
#endif
	for (; i + 8 <= n; i += 8)
		if ((m = scan_eq8(swar_load(p + i, 8), set, k)))
			return i + (size_t)__builtin_ctzll(m) / 8;
	for (; i < n; i++) {
		if ((unsigned char)p[i] >= 0x80)
			break;
		for (j = 0; j < k && p[i] != set[j]; j++)
			;
		if (j < k)
			break;
	}
	return i;
}

#ifdef __SSE2__
/* 0xFF in each byte of v in lo..hi (unsigned), else 0: (v - lo) <
 * (hi - lo + 1), the sign bits flipped for the signed compare SSE2 has. */
static inline __m128i
scan_rangev16(__m128i v, unsigned lo, unsigned hi)
{
	const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));

	return _mm_cmplt_epi8(_mm_xor_si128(d, _mm_set1_epi8((char)0x80)),
	    _mm_set1_epi8((char)((hi - lo + 1) ^ 0x80)));
}

/* The same as a bit per byte. */
static inline unsigned
scan_range16(__m128i v, unsigned lo, unsigned hi)
{
	return (unsigned)_mm_movemask_epi8(scan_rangev16(v, lo, hi));
}

/* v with A-Z in lower case, other bytes kept. */
static inline __m128i
scan_lowerv16(__m128i v)
{
	return _mm_or_si128(v, _mm_and_si128(scan_rangev16(v, 'A', 'Z'),
	    _mm_set1_epi8(0x20)));
}
#endif

/* The word bytes of p[0, n), n at most 64 (the rest read as NUL): bit j
 * of *word set when byte j is an ASCII letter, digit or '_', of *high
 * when it is not ASCII, of *quote when it is an apostrophe ('). "it's 5€"
 * gives, bit 0 first, word 1101010, quote 0010000 and high 000000111 (€
 * is three bytes). unboiler's per-word pass starts each block of 64
 * bytes with it. */
static inline void
scan_wordbits(const char *p, size_t n, uint64_t *word, uint64_t *high,
    uint64_t *quote)
{
	uint64_t w = 0, h = 0, q = 0;
	size_t o;
#ifdef __SSE2__
	char tmp[64];
	__m128i v;
	unsigned m;

	if (n < 64) {
		memset(tmp, 0, sizeof(tmp));
		memcpy(tmp, p, n);
		p = tmp;
	}
	for (o = 0; o < 64; o += 16) {
		v = _mm_loadu_si128((const void *)(p + o));
		m = scan_range16(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a',
		    'z') | scan_range16(v, '0', '9') | (unsigned)
		    _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
		w |= (uint64_t)m << o;
		h |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << o;
		q |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8('\''))) << o;
	}
#else
	uint64_t x, t;

	for (o = 0; o < 64 && o < n; o += 8) {
		x = swar_load(p + o, n - o);
		t = x & ~SWAR_HIGH;
		w |= swar_bits((swar_range(t | SWAR_ONES * 0x20, 'a', 'z') |
		    swar_range(t, '0', '9') | swar_eq(t, '_')) & ~x) << o;
		h |= swar_bits(x) << o;
		q |= swar_bits(swar_eq(x, '\'')) << o;
	}
#endif
	*word = w;
	*high = h;
	*quote = q;
}

/* The sixteen ASCII bytes of k[0] and k[1] (s[0] in the low byte, as
 * swar_load reads them) with A-Z in lower case: is any of them a letter?
 * unboiler's key of a word, looked up among the stop words. */
static inline int
scan_lowerkey(uint64_t k[2])
{
#ifdef __SSE2__
	const __m128i lo = scan_lowerv16(_mm_set_epi64x((long long)k[1],
	    (long long)k[0]));
	uint64_t out[2];

	_mm_storeu_si128((void *)out, lo);
	k[0] = out[0];
	k[1] = out[1];
	return scan_range16(lo, 'a', 'z') != 0;
#else
	k[0] = swar_lower(k[0]);
	k[1] = swar_lower(k[1]);
	return (swar_range(k[0], 'a', 'z') | swar_range(k[1], 'a', 'z')) != 0;
#endif
}

/* p[0, n) with A-Z in lower case, into low (n bytes; low may be p): is
 * any byte 0x80 or above? unboiler's line hash and relit's subject. */
static inline int
scan_lower(const char *p, size_t n, char *low)
{
	size_t i = 0;
	uint64_t x, high = 0;
#ifdef __SSE2__
	__m128i v, hv = _mm_setzero_si128();

	for (; i + 16 <= n; i += 16) {
		v = _mm_loadu_si128((const void *)(p + i));
		hv = _mm_or_si128(hv, v);
		_mm_storeu_si128((void *)(low + i), scan_lowerv16(v));
	}
	if (_mm_movemask_epi8(hv))
		high = SWAR_HIGH;
#endif
	for (; i + 8 <= n; i += 8) {
		memcpy(&x, p + i, 8);
		high |= x;
		x = swar_lower(x);
		memcpy(low + i, &x, 8);
	}
	for (; i < n; i++) {
		high |= (unsigned char)p[i];
		low[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	}
	return (high & SWAR_HIGH) != 0;
}

/* The first byte of p[0, n) that is a straight quotation mark (" or ')
 * or not ASCII: its index, or n. */
static inline size_t
scan_qmark(const char *p, size_t n)
{
	return scan_any(p, n, "\"'", 2);
}

/* The words of p[0, n), as runs of bytes other than space, tab and
 * newline: how many start in it (a run starts where such a byte follows
 * a blank, or at p[0]). */
static inline size_t
scan_words(const char *p, size_t n)
{
	size_t i = 0, w = 0;
	uint64_t x, m, prev = 0;
#ifdef __SSE2__
	const __m128i sp = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n');
	const __m128i tab = _mm_set1_epi8('\t');
	__m128i v;

	for (; i + 16 <= n; i += 16) {
		v = _mm_loadu_si128((const void *)(p + i));
		m = ~(uint64_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, nl)),
		    _mm_cmpeq_epi8(v, tab))) & 0xffff;
		w += swar_popcount(m & ~(m << 1 | prev));
		prev = m >> 15;
	}
#endif
	for (; i < n; i += 8) {
		x = swar_load(p + i, n - i);
		m = ~(swar_eq(x, ' ') | swar_eq(x, '\n') | swar_eq(x, '\t'));
		m = swar_bits(m) & (n - i >= 8 ? 0xff : (1u << (n - i)) - 1);
		w += swar_popcount(m & ~(m << 1 | prev));
		prev = m >> 7 & 1;
	}
	return w;
}

/* The last byte of p[0, n) equal to c: its index, or n if there is none.
 * From the end, thirty-two bytes a step with SSE2: a line's end is
 * looked for over the whole of a document's last paragraph. */
static inline size_t
scan_rchr(const char *p, size_t n, unsigned char c)
{
	size_t i = n;
	uint64_t m;
#ifdef __SSE2__
	const __m128i v = _mm_set1_epi8((char)c);
	unsigned lo, hi;

	for (; i >= 32; i -= 32) {
		lo = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(
		    (const void *)(p + i - 32)), v));
		hi = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(
		    (const void *)(p + i - 16)), v));
		if (hi)
			return i - 16 + (size_t)(31 - __builtin_clz(hi));
		if (lo)
			return i - 32 + (size_t)(31 - __builtin_clz(lo));
	}
#endif
	for (; i >= 8; i -= 8)
		if ((m = swar_eq(swar_load(p + i - 8, 8), c)))
			return i - 8 + (size_t)(63 - __builtin_clzll(m)) / 8;
	while (i > 0)
		if ((unsigned char)p[--i] == c)
			return i;
	return n;
}

#endif
