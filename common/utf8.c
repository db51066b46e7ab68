/* See LICENSE file for copyright and license details. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/utf8.h"

/*
 * Well-formed sequences (Unicode 15, table 3-7):
 *   00..7F
 *   C2..DF 80..BF
 *   E0 A0..BF 80..BF | E1..EC 80..BF 80..BF | ED 80..9F 80..BF
 *   EE..EF 80..BF 80..BF
 *   F0 90..BF 80..BF 80..BF | F1..F3 80..BF x3 | F4 80..8F 80..BF 80..BF
 * On an ill-formed sequence we consume its maximal subpart: the longest
 * prefix that could start a well-formed sequence, at least one byte.
 */
size_t
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, i;
	uint32_t c;

	*cp = UTF8_INVALID;
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 1;
	if (s[0] < 0xE0) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] < 0xF0) {
		len = 3;
		c = s[0] & 0x0F;
		if (s[0] == 0xE0)
			lo = 0xA0;
		else if (s[0] == 0xED)
			hi = 0x9F;
	} else {
		len = 4;
		c = s[0] & 0x07;
		if (s[0] == 0xF0)
			lo = 0x90;
		else if (s[0] == 0xF4)
			hi = 0x8F;
	}
	for (i = 1; i < len; i++) {
		if (i >= n || s[i] < lo || s[i] > hi)
			return i;
		c = (c << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return len;
}

size_t
utf8_enc(uint32_t cp, char *str)
{
	unsigned char *s = (unsigned char *)str;

	if (cp < 0x80) {
		s[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		s[0] = (unsigned char)(0xC0 | (cp >> 6));
		s[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return 0;
		s[0] = (unsigned char)(0xE0 | (cp >> 12));
		s[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp < 0x110000) {
		s[0] = (unsigned char)(0xF0 | (cp >> 18));
		s[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (unsigned char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

size_t
utf8_valid(const char *s, size_t n)
{
	uint64_t w;
	uint32_t cp;
	size_t i = 0, k;

	while (i < n) {
		/* ASCII fast path, eight bytes at a time */
		while (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_INVALID)
			return i;
		i += k;
	}
	return n;
}

size_t
utf8_count_invalid(const char *s, size_t n)
{
	uint32_t cp;
	size_t i = 0, bad = 0;

	while (i < n) {
		i += utf8_valid(s + i, n - i);
		if (i >= n)
			break;
		i += utf8_decode(s + i, n - i, &cp);
		bad++;
	}
	return bad;
}

size_t
utf8_boundary(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;
	size_t i, back;

	/* Look at most three bytes back for a lead byte whose sequence would
	 * run past n; cut before it. */
	for (back = 1; back <= 3 && back <= n; back++) {
		i = n - back;
		if ((s[i] & 0xC0) != 0x80) {
			/* all of s[i..n) is the start of one sequence */
			if (utf8_decode(str + i, back, &cp) == back &&
			    cp == UTF8_INVALID && s[i] >= 0xC2 && s[i] <= 0xF4)
				return i;
			return n;
		}
	}
	return n;
}

size_t
utf8_prev(const char *str, size_t i)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;
	size_t j, k;

	for (k = 1; k <= 4 && k <= i; k++) {
		j = i - k;
		if ((s[j] & 0xC0) != 0x80) {
			if (utf8_decode(str + j, i - j, &cp) == k)
				return j;
			break;
		}
	}
	return i - 1;
}
