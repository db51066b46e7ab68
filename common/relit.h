/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_RELIT_H
#define COPYDESK_RELIT_H
/*
 * relit.h: the literal strings a PCRE2 pattern needs, so that a caller can
 * skip a match that cannot succeed with memcmp and memmem instead of
 * calling PCRE2 (a call costs some hundred instructions before it looks
 * at the subject; an alternation of patterns loses PCRE2's own
 * required-character check).
 *
 * The reading is conservative: whatever relit cannot follow counts as
 * "anything", so a set it gives is a necessary condition and never a
 * sufficient one. It reads the pattern as caseless: the strings are ASCII
 * in lower case, and a caller compares them with the subject's ASCII
 * letters lowered. Non-ASCII characters count as "anything", but for one
 * thing: a pre string may end in RELIT_WIDE, which stands for any byte of
 * 0x80 or more (a non-ASCII character of the pattern only matches one of
 * the subject, caseless or not); relit_starts compares so.
 *
 * Under PCRE2_UTF and PCRE2_CASELESS an ASCII 'k' also matches U+212A
 * KELVIN SIGN and 's' matches U+017F LONG S: a subject that contains
 * either (RELIT_ODD_CASE) must be matched without the sets.
 */
#include <stddef.h>
#include <stdint.h>

#define RELIT_MAX 32    /* strings in a set */
#define RELIT_LEN 47    /* bytes in a string */
#define RELIT_WIDE '\x80' /* ends a pre string: any non-ASCII byte */

struct relit {
	int n;          /* strings; -1: nothing is known */
	unsigned char len[RELIT_MAX];
	unsigned char at[RELIT_MAX];    /* its rarest byte, searched first */
	char s[RELIT_MAX][RELIT_LEN + 1];
};

/* A subject as the sets see it: its bytes with A-Z in lower case. */
struct relit_subject {
	const char *s;
	size_t n;
	int odd;        /* it holds U+212A or U+017F: the sets cannot tell */
	int padded;     /* s[n..n + RELIT_PAD) are there, and NUL */
};

#define RELIT_PAD 17    /* relit_multi_any reads 17 bytes at a time */

/*
 * Read PCRE2 pattern re. On return every match starts with one of the
 * strings of pre, and contains one of the strings of req (n is -1 when
 * nothing is known, and req is kept only when it is worth a search); and
 * first[b] is 0 for every byte b that no match starts with. Returns 0, or
 * -1 when re uses syntax relit does not know; then nothing is known.
 */
int relit(const char *re, struct relit *pre, struct relit *req,
    unsigned char first[256]);

/* Does s[0..n) contain U+212A or U+017F (see above)? */
int relit_odd_case(const char *s, size_t n);

/* Make sub the subject s[0..n), lowered into low (n bytes), not padded. */
void relit_subject(struct relit_subject *sub, const char *s, size_t n,
    char *low);

/* Does s[0..n), lowered, start with the pre string lit[0..len)? */
int relit_starts(const char *s, size_t n, const char *lit, size_t len);

/*
 * The first eight bytes of pre string lit[0..len) as a key and a mask: a
 * subject whose first eight bytes x (lowered, as swar_load reads them,
 * padded with 0 when it is shorter) meet (x & mask) == key starts with the
 * string's first eight bytes; for a string of eight or fewer, with the
 * string.
 */
void relit_key8(const char *lit, size_t len, uint64_t *key, uint64_t *mask);

/* May the subject hold a match: does it contain one of the strings of set
 * (or is nothing known)? */
int relit_any(const struct relit *set, const struct relit_subject *sub);

/*
 * Several sets looked for in one pass over the subject, sixteen bytes at
 * a time, by two bytes of each string: its rarest byte (at) and the one
 * after it (or before it, for the last). For the sets of the patterns that
 * are all tried on a line, or for one set of many strings, where a memchr
 * for each string would read the line again and again and stop at every
 * one of its common bytes. It holds pointers into the sets, which must
 * outlive it.
 */
#define RELIT_MULTI 64          /* sets */
#define RELIT_MULTI_KEYS 12     /* distinct pairs of bytes that find them
                                 * (multi_bits spells out 12) */
#define RELIT_MULTI_STR 64      /* strings in all */

struct relit_multi {
	int nsets;
	const struct relit *sets[RELIT_MULTI];
	uint64_t all;           /* bit i: sets[i] */
	uint64_t unknown;       /* sets of which nothing is known (n < 0) */
	int nkeys;              /* -1: too many pairs or strings for one pass
	                         * (or a string of one byte): each set is
	                         * searched alone (relit_any) */
	unsigned char key[RELIT_MULTI_KEYS][2];
	unsigned char splat[RELIT_MULTI_KEYS][2][16]; /* each byte 16 times */
	unsigned char from[RELIT_MULTI_KEYS + 1]; /* key[j]'s strings:
	                         * str[from[j]..from[j + 1]) */
	struct relit_str {
		uint64_t key, mask;     /* its first 8 bytes (relit_key8) */
		const char *s;
		unsigned char len;
		unsigned char at;       /* where its pair of bytes is */
		unsigned char set;
	} str[RELIT_MULTI_STR];
};

/* Make mu search the nsets sets (at most RELIT_MULTI) at once. */
void relit_multi_init(struct relit_multi *mu, const struct relit *const *sets,
    int nsets);

/* Bit i set for each set sets[i] that relit_any says may match sub. */
uint64_t relit_multi_any(const struct relit_multi *mu,
    const struct relit_subject *sub);

#endif
