/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_UTF8_H
#define COPYDESK_UTF8_H
/*
 * utf8.h: UTF-8 that treats invalid bytes as data.
 *
 * utf8_decode never fails: it returns how many bytes it consumed (1..4) and
 * stores the code point, or UTF8_INVALID when the bytes at s are not the
 * start of a well-formed sequence (then it consumes the maximal ill-formed
 * subpart, as Unicode 15 §3.9 recommends, so callers can copy it through).
 */
#include <stddef.h>
#include <stdint.h>

#define UTF8_INVALID 0xFFFFFFFFu
#define UTF8_MAX 4

size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* utf8_decode with ASCII inline, for a filter's per-character loop */
static inline size_t
utf8_decode_fast(const char *s, size_t n, uint32_t *cp)
{
	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	return utf8_decode(s, n, cp);
}
size_t utf8_enc(uint32_t cp, char *s);  /* s has room for 4; 0 if cp invalid */
size_t utf8_valid(const char *s, size_t n); /* length of the valid prefix */
size_t utf8_count_invalid(const char *s, size_t n); /* ill-formed subparts */
/* Largest k <= n such that s[0..k) does not end inside a sequence. */
size_t utf8_boundary(const char *s, size_t n);
/* Start of the code point that ends at s[i] (i > 0): i minus its length. */
size_t utf8_prev(const char *s, size_t i);

#endif
