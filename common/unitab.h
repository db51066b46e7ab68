/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_UNITAB_H
#define COPYDESK_UNITAB_H
/*
 * unitab.h: Unicode property tables generated from the pinned UCD files
 * in scripts/gen/ucd/ (see UNICODE_VERSION in config.mk): the
 * Sentence_Break property (scripts/gen/unitab.awk) and the character
 * classes every filter uses (scripts/gen/uclass.awk), so that, say,
 * U+2009 THIN SPACE is a space to every filter. Case mappings and
 * normalization come from utf8proc.
 */
#include <stdint.h>

enum unitab_sb {       /* Sentence_Break, UAX #29 */
	SB_OTHER,
	SB_CR,
	SB_LF,
	SB_EXTEND,
	SB_SEP,
	SB_FORMAT,
	SB_SP,
	SB_LOWER,
	SB_UPPER,
	SB_OLETTER,
	SB_NUMERIC,
	SB_ATERM,
	SB_SCONTINUE,
	SB_STERM,
	SB_CLOSE,
	SB_NPROPS
};

/* The classes of a code point: a set of these bits (uclass()). */
enum uclass {
	UC_SPACE = 1 << 0,      /* White_Space */
	UC_QUOTE = 1 << 1,      /* Quotation_Mark */
	UC_DASH = 1 << 2,       /* Dash */
	UC_STERM = 1 << 3,      /* Sentence_Terminal: . ! ? 。 ։ ። */
	UC_TERM = 1 << 4,       /* Terminal_Punctuation: those, , ; : ، */
	UC_OPEN = 1 << 5,       /* Ps: ( [ { 「 */
	UC_CLOSE = 1 << 6,      /* Pe: ) ] } 」 */
	UC_INITIAL = 1 << 7,    /* Pi: “ ‘ « */
	UC_FINAL = 1 << 8,      /* Pf: ” ’ » */
	UC_UPPER = 1 << 9,      /* Lu, Lt */
	UC_LOWER = 1 << 10,     /* Ll */
	UC_LETTER = 1 << 11,    /* L* */
	UC_MARK = 1 << 12,      /* M* */
	UC_DIGIT = 1 << 13,     /* Nd */
	UC_CJK = 1 << 14,       /* Han, Hiragana, Katakana, Bopomofo */
	UC_HANGUL = 1 << 15,    /* Hangul */
	UC_SYMBOL = 1 << 16,    /* So: emoji, dingbats, arrows, ❤ © ° */
};

extern const uint16_t unitab_cls_major[0x1100];
extern const uint32_t unitab_cls_minor[][256];

static inline unsigned
uclass(uint32_t cp)
{
	if (cp >= 0x110000)
		return 0;
	return unitab_cls_minor[unitab_cls_major[cp >> 8]][cp & 0xff];
}

extern const char *const unitab_sb_name[SB_NPROPS];
extern const char unitab_version[];

int unitab_sentence_prop(uint32_t cp);

#endif
