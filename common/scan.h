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

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/swar.h"

/* The first byte of p[0, n) that is a straight quotation mark (" or ')
 * or not ASCII (0x80 and above): its index, or n if there is none. */
static inline size_t
scan_qmark(const char *p, size_t n)
{
	size_t i = 0;
	uint64_t x, m;
#ifdef __SSE2__
	const __m128i dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\'');
	__m128i v;
	unsigned b;

	for (; i + 16 <= n; i += 16) {
		v = _mm_loadu_si128((const void *)(p + i));
		b = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq)), v));
		if (b)
			return i + (size_t)__builtin_ctz(b);
	}
#endif
	for (; i + 8 <= n; i += 8) {
		x = swar_load(p + i, 8);
		m = swar_eq(x, '"') | swar_eq(x, '\'') | (x & SWAR_HIGH);
		if (m)
			return i + (size_t)__builtin_ctzll(m) / 8;
	}
	for (; i < n; i++)
		if (p[i] == '"' || p[i] == '\'' || (unsigned char)p[i] >= 0x80)
			break;
	return i;
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

#endif
