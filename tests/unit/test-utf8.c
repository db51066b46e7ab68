/* See LICENSE file for copyright and license details. */
#include <stdint.h>
#include <string.h>

#include "common/utf8.h"
#include "tests/unit/tap.h"

static void
dec(const char *s, size_t n, size_t wantlen, uint32_t wantcp, const char *desc)
{
	uint32_t cp;
	size_t k = utf8_decode(s, n, &cp);

	ok(k == wantlen && cp == wantcp, "decode %s: %zu bytes, U+%04X", desc, k,
	   (unsigned)cp);
}

int
main(void)
{
	char b[4];
	uint32_t cp, c2;
	size_t k, bad = 0;

	dec("A", 1, 1, 'A', "ASCII");
	dec("\0", 1, 1, 0, "NUL is a character");
	dec("\xc3\xa9", 2, 2, 0xE9, "two bytes");
	dec("\xe2\x80\x99", 3, 3, 0x2019, "three bytes");
	dec("\xf0\x9f\x98\x80", 4, 4, 0x1F600, "four bytes");
	dec("\x80", 1, 1, UTF8_INVALID, "lone continuation");
	dec("\xc0\xaf", 2, 1, UTF8_INVALID, "overlong C0");
	dec("\xc1\xbf", 2, 1, UTF8_INVALID, "overlong C1");
	dec("\xe0\x80\xaf", 3, 1, UTF8_INVALID, "overlong E0 80");
	dec("\xed\xa0\x80", 3, 1, UTF8_INVALID, "surrogate D800");
	dec("\xf4\x90\x80\x80", 4, 1, UTF8_INVALID, "above U+10FFFF");
	dec("\xf5", 1, 1, UTF8_INVALID, "F5 never starts");
	dec("\xff", 1, 1, UTF8_INVALID, "FF");
	dec("\xe2\x80", 2, 2, UTF8_INVALID, "truncated three-byte: maximal subpart");
	dec("\xe2\x80" "A", 3, 2, UTF8_INVALID, "three-byte cut by ASCII");
	dec("\xf0\x9f\x98", 3, 3, UTF8_INVALID, "truncated four-byte");
	dec("\xc3", 1, 1, UTF8_INVALID, "truncated two-byte");
	k = utf8_decode("", 0, &cp);
	ok(k == 0 && cp == UTF8_INVALID, "decode of nothing consumes nothing");

	/* every scalar value round-trips; surrogates do not encode */
	for (cp = 0; cp < 0x110000; cp++) {
		k = utf8_enc(cp, b);
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			bad += k != 0;
			continue;
		}
		if (k == 0 || utf8_decode(b, k, &c2) != k || c2 != cp ||
		    utf8_valid(b, k) != k)
			bad++;
	}
	ok(bad == 0, "encode/decode round trip of all code points (%zu bad)", bad);
	ok(utf8_enc(0x110000, b) == 0, "U+110000 does not encode");

	ok(utf8_valid("plain ASCII text, longer than eight", 35) == 35,
	   "valid: ASCII fast path");
	ok(utf8_valid("caf\xc3\xa9 au lait \xff tail", 20) == 14,
	   "valid: stops at the bad byte");
	ok(utf8_valid("abcdefgh\xe2\x80", 10) == 8, "valid: stops at a cut sequence");
	ok(utf8_count_invalid("a\xff" "b\xe2\x80" "c\xc3", 7) == 3,
	   "count_invalid counts maximal subparts");
	ok(utf8_count_invalid("\xe2\x80\x99", 3) == 0, "count_invalid: clean");

	ok(utf8_boundary("ab\xe2\x80", 4) == 2, "boundary: before a cut sequence");
	ok(utf8_boundary("ab\xe2\x80\x99", 5) == 5, "boundary: whole sequence kept");
	ok(utf8_boundary("ab\xf0\x9f\x98", 5) == 2, "boundary: cut four-byte");
	ok(utf8_boundary("ab\xff", 3) == 3, "boundary: invalid byte is not cut");
	ok(utf8_boundary("ab\x80\x80\x80", 5) == 5, "boundary: stray continuations");
	ok(utf8_boundary("", 0) == 0, "boundary: empty");

	ok(utf8_prev("a\xe2\x80\x99", 4) == 1, "prev: three-byte");
	ok(utf8_prev("ab", 2) == 1, "prev: ASCII");
	ok(utf8_prev("a\x80", 2) == 1, "prev: stray continuation is one unit");
	return done_testing();
}
