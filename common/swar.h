/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_SWAR_H
#define COPYDESK_SWAR_H
/*
 * swar.h: eight bytes at a time in a uint64_t. swar_load puts s[0] in the
 * lowest byte on every machine, so bit j of swar_bits is byte j.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SWAR_ONES 0x0101010101010101ULL
#define SWAR_HIGH 0x8080808080808080ULL

/* The n bytes at s (at most 8 of them, the rest 0), s[0] lowest. */
static inline uint64_t
swar_load(const char *s, size_t n)
{
	unsigned char b[8] = { 0 };
	uint64_t x;

	if (n >= 8) {
		memcpy(&x, s, 8);
	} else {
		memcpy(b, s, n);
		memcpy(&x, b, 8);
	}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* Bits set in x. The CPU's instruction where the compiler may use it
 * (-mpopcnt, -march=native, AArch64); else this sum of bits in parallel,
 * branch-free and without the libgcc call __builtin_popcountll becomes on
 * plain x86-64. */
static inline unsigned
swar_popcount(uint64_t x)
{
#if defined(__POPCNT__) || defined(__aarch64__)
	return (unsigned)__builtin_popcountll(x);
#else
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (unsigned)((x * SWAR_ONES) >> 56);
#endif
}

/* The high bit of each byte of x that is c. */
static inline uint64_t
swar_eq(uint64_t x, unsigned c)
{
	uint64_t z = x ^ SWAR_ONES * c;

	return ~(((z & ~SWAR_HIGH) + ~SWAR_HIGH) | z) & SWAR_HIGH;
}

/* The high bit of each byte of x, all below 0x80, in lo..hi. */
static inline uint64_t
swar_range(uint64_t x, unsigned lo, unsigned hi)
{
	return (x + SWAR_ONES * (0x80 - lo)) & ~(x + SWAR_ONES * (0x7f - hi)) &
	    SWAR_HIGH;
}

/* The eight bytes x with A-Z in lower case (other bytes kept). */
static inline uint64_t
swar_lower(uint64_t x)
{
	return x | (swar_range(x & ~SWAR_HIGH, 'A', 'Z') & ~x) >> 2;
}

/* Bit j set when byte j of m has its high bit set. */
static inline uint64_t
swar_bits(uint64_t m)
{
	return ((m & SWAR_HIGH) >> 7) * 0x0102040810204080ULL >> 56;
}

#endif
