/* See LICENSE file for copyright and license details. */
/*
 * fuzz-utf8: libFuzzer target for common/utf8.c. Properties: decode always
 * makes progress and never reads past n; a decoded scalar value encodes back
 * to the same bytes; utf8_valid agrees with decoding; utf8_boundary only
 * cuts before a truncated sequence; utf8_prev walks back to a decode start.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char enc[4];
	uint32_t cp;
	size_t i, k, valid = size, b;

	for (i = 0; i < size; i += k) {
		k = utf8_decode(s + i, size - i, &cp);
		if (k < 1 || k > 4 || k > size - i)
			abort();
		if (cp != UTF8_INVALID) {
			if (utf8_enc(cp, enc) != k || memcmp(enc, s + i, k))
				abort();
		} else if (valid == size) {
			valid = i;
		}
		if (utf8_prev(s, i + k) != i && cp != UTF8_INVALID)
			abort();
	}
	if (utf8_valid(s, size) != valid)
		abort();
	b = utf8_boundary(s, size);
	if (b > size || size - b > 3)
		abort();
	if (b < size && utf8_valid(s + b, size - b) == size - b)
		abort();   /* it cut a complete sequence */
	return 0;
}
