/* See LICENSE file for copyright and license details. */
/*
 * test-swar: the word-at-a-time helpers against plain loops: swar_popcount
 * (common/swar.h) on random words and every single bit, mem_rchr and
 * mem_mem (common/mem.c), scan_rchr, scan_any, scan_words,
 * scan_wordbits, scan_lowerkey and scan_lower (common/scan.h) at every
 * offset and length of random buffers. The
 * Makefile builds it a second time with __SSE2__ undefined, so that
 * scan.h's 8-byte path is held to the same answers as its 16-byte one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/scan.h"
#include "common/swar.h"
#include "common/util.h"
#include "tests/unit/tap.h"

static unsigned
popcount_ref(uint64_t x)
{
	unsigned n = 0;

	for (; x; x >>= 1)
		n += x & 1;
	return n;
}

static const void *
rchr_ref(const unsigned char *p, int c, size_t n)
{
	while (n-- > 0)
		if (p[n] == c)
			return p + n;
	return NULL;
}

static const void *
mem_ref(const unsigned char *h, size_t n, const unsigned char *q, size_t k)
{
	size_t i;

	for (i = 0; i + k <= n; i++)
		if (!memcmp(h + i, q, k))
			return h + i;
	return NULL;
}

static size_t
any_ref(const unsigned char *p, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] >= 0x80 || (p[i] != 0 && strchr(set, p[i])))
			break;
	return i;
}

static size_t
words_ref(const unsigned char *p, size_t n)
{
	size_t i, w = 0;
	int blank = 1, b;

	for (i = 0; i < n; i++) {
		b = p[i] == ' ' || p[i] == '\n' || p[i] == '\t';
		w += blank && !b;
		blank = b;
	}
	return w;
}

/* scan_wordbits' three masks of p[0, n), byte by byte. */
static void
wordbits_ref(const unsigned char *p, size_t n, uint64_t m[3])
{
	size_t j;
	unsigned c;

	m[0] = m[1] = m[2] = 0;
	for (j = 0; j < n && j < 64; j++) {
		c = p[j];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_')
			m[0] |= 1ULL << j;
		if (c >= 0x80)
			m[1] |= 1ULL << j;
		if (c == '\'')
			m[2] |= 1ULL << j;
	}
}

/* scan_wordbits on random buffers of bytes from set, at every offset and
 * length up to 64, and on every byte value at every place: how many
 * answers differ from the plain loop. */
static size_t
wordbits(const char *set, size_t nset)
{
	unsigned char buf[80];
	uint64_t m[3], r[3];
	size_t i, j, n, bad = 0;

	for (i = 0; i < 300; i++) {
		for (j = 0; j < sizeof(buf); j++)
			buf[j] = (unsigned char)set[(size_t)rand() % nset];
		for (j = 0; j < 16; j++)
			for (n = 0; n <= 64; n++) {
				scan_wordbits((const char *)buf + j, n, &m[0],
				    &m[1], &m[2]);
				wordbits_ref(buf + j, n, r);
				bad += m[0] != r[0] || m[1] != r[1] ||
				    m[2] != r[2];
			}
	}
	for (i = 0; i < 256; i++)
		for (j = 0; j < 64; j++) {
			memset(buf, 'a', sizeof(buf));
			buf[j] = (unsigned char)i;
			scan_wordbits((const char *)buf, 64, &m[0], &m[1], &m[2]);
			wordbits_ref(buf, 64, r);
			bad += m[0] != r[0] || m[1] != r[1] || m[2] != r[2];
		}
	return bad;
}

/* scan_lowerkey on random ASCII keys (every byte value below 0x80 in
 * every place): how many differ from a plain loop, in the key or in the
 * answer. */
static size_t
lowerkeys(void)
{
	unsigned char b[16];
	uint64_t k[2], r[2];
	size_t i, j, bad = 0;
	int any, got;

	for (i = 0; i < 20000; i++) {
		for (j = 0; j < 16; j++)
			b[j] = (unsigned char)(i < 128 * 16 && j == i % 16 ?
			    i / 16 : (size_t)rand() % 0x80);
		k[0] = swar_load((const char *)b, 8);
		k[1] = swar_load((const char *)b + 8, 8);
		got = scan_lowerkey(k);
		any = 0;
		for (j = 0; j < 16; j++) {
			if (b[j] >= 'A' && b[j] <= 'Z')
				b[j] += 32;
			any |= b[j] >= 'a' && b[j] <= 'z';
		}
		r[0] = swar_load((const char *)b, 8);
		r[1] = swar_load((const char *)b + 8, 8);
		bad += k[0] != r[0] || k[1] != r[1] || !got != !any;
	}
	return bad;
}

/* scan_lower on random buffers of letters, other ASCII and high bytes,
 * at every offset and length, into another buffer and in place: how many
 * differ from a plain loop, in the bytes or in the answer. */
static size_t
lowers(void)
{
	static const char set[] = "AZaz@[`{09 \x80\xc3\xff\x7f";
	unsigned char buf[80];
	char low[80], in[80], ref[80];
	size_t i, j, k, n, bad = 0;
	int high, got;

	for (i = 0; i < 200; i++) {
		for (j = 0; j < sizeof(buf); j++)
			buf[j] = (unsigned char)set[(size_t)rand() %
			    (sizeof(set) - 1)];
		for (j = 0; j < sizeof(buf); j++)
			for (n = 0; j + n <= sizeof(buf); n++) {
				high = 0;
				for (k = 0; k < n; k++) {
					ref[k] = (char)(buf[j + k] >= 'A' &&
					    buf[j + k] <= 'Z' ? buf[j + k] + 32 :
					    buf[j + k]);
					high |= buf[j + k] >= 0x80;
				}
				got = scan_lower((const char *)buf + j, n, low);
				bad += !got != !high || memcmp(low, ref, n) != 0;
				memcpy(in, buf + j, n);
				got = scan_lower(in, n, in);
				bad += !got != !high || memcmp(in, ref, n) != 0;
			}
	}
	return bad;
}

/* scan_qmark, scan_any with the sets the filters use and scan_words on
 * random buffers of bytes from set, at every offset and length: how many
 * answers differ from the plain loops. */
static size_t
scans(const char *set, size_t nset, size_t *badw)
{
	unsigned char buf[80];
	const char *q;
	size_t i, j, n, bad = 0;

	for (i = 0; i < 300; i++) {
		for (j = 0; j < sizeof(buf); j++)
			buf[j] = (unsigned char)set[(size_t)rand() % nset];
		for (j = 0; j < sizeof(buf); j++)
			for (n = 0; j + n <= sizeof(buf); n++) {
				q = (const char *)buf + j;
				bad += scan_qmark(q, n) !=
				    any_ref(buf + j, n, "\"'");
				bad += scan_any(q, n, ".!?\n\r)", 6) !=
				    any_ref(buf + j, n, ".!?\n\r)");
				bad += scan_any(q, n, ".!?\n\r):;", 8) !=
				    any_ref(buf + j, n, ".!?\n\r):;");
				*badw += scan_words(q, n) !=
				    words_ref(buf + j, n);
			}
	}
	return bad;
}

int
main(void)
{
	unsigned char buf[200], needle[4];
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	const void *q;
	size_t i, j, n, k, bad = 0, badr = 0, badm = 0;
	int b, c;

	for (b = 0; b < 64; b++)
		bad += swar_popcount(1ULL << b) != 1;
	bad += swar_popcount(0) != 0 || swar_popcount(~0ULL) != 64;
	for (i = 0; i < 100000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		bad += swar_popcount(x) != popcount_ref(x);
	}
	ok(bad == 0, "swar_popcount counts as a plain loop (%zu differ)", bad);
	srand(3);
	for (i = 0; i < 300; i++) {
		n = (size_t)rand() % sizeof(buf);
		for (j = 0; j < n; j++)
			buf[j] = (unsigned char)"ab\n\0x\xe2"[rand() % 6];
		for (j = 0; j <= n; j++)
			for (b = 0; b < 4; b++) {
				c = (unsigned char)"a\n\0\xe2"[b];
				q = rchr_ref(buf + j, c, n - j);
				badr += mem_rchr(buf + j, c, n - j) != q;
				k = scan_rchr((const char *)buf + j, n - j, c);
				badr += (k < n - j ? buf + j + k : NULL) != q;
			}
		for (k = 0; k <= 3; k++) {
			for (j = 0; j < k; j++)
				needle[j] = (unsigned char)"ab\n"[rand() % 3];
			for (j = 0; j <= n; j++)
				badm += mem_mem(buf + j, n - j, needle, k) !=
				    mem_ref(buf + j, n - j, needle, k);
		}
	}
	ok(badr == 0, "mem_rchr and scan_rchr find what a plain loop finds "
	    "(%zu differ)", badr);
	ok(badm == 0, "mem_mem finds what a plain loop finds (%zu differ)", badm);
	/* mostly plain bytes, so that the block loops run; then every kind */
	badm = 0;
#define SCANS(set) scans(set, sizeof(set) - 1, &badm)
	badr = SCANS("abcdefghijklmnopqrstuvwxyz0123456789,-_ \"");
	badr += SCANS("ab \n\t\"'\x80\xe2\xff\0.!?\r):;(");
	ok(badr == 0, "scan_qmark and scan_any find what a plain loop finds "
	    "(%zu differ)", badr);
	ok(badm == 0, "scan_words counts as a plain loop (%zu differ)", badm);
	badr = wordbits("abcXYZ09_' .\x80\xe2\xff\0@[`{/:", 22);
	ok(badr == 0, "scan_wordbits marks what a plain loop marks (%zu differ)",
	    badr);
	badr = lowerkeys();
	ok(badr == 0, "scan_lowerkey lowers as a plain loop (%zu differ)", badr);
	badr = lowers();
	ok(badr == 0, "scan_lower lowers as a plain loop, in place too (%zu "
	    "differ)", badr);
	return done_testing();
}
