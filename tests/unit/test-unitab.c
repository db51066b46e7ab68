/* See LICENSE file for copyright and license details. */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "common/unitab.h"
#include "tests/unit/tap.h"

static void
is_cls(uint32_t cp, unsigned want, const char *what)
{
	unsigned got = uclass(cp);

	ok((got & want) == want, "U+%04X is %s (classes %#x)", (unsigned)cp,
	   what, got);
}

static void
isnt_cls(uint32_t cp, unsigned no, const char *what)
{
	ok(!(uclass(cp) & no), "U+%04X is not %s", (unsigned)cp, what);
}

/* The classes that come from the general category agree with utf8proc's
 * for every code point (both Unicode 15). */
static void
categories(void)
{
	uint32_t cp;
	size_t bad = 0;
	unsigned c, want;
	int gc;

	for (cp = 0; cp < 0x110000; cp++) {
		gc = utf8proc_category((utf8proc_int32_t)cp);
		want = 0;
		if (gc == UTF8PROC_CATEGORY_LU || gc == UTF8PROC_CATEGORY_LT)
			want |= UC_UPPER;
		if (gc == UTF8PROC_CATEGORY_LL)
			want |= UC_LOWER;
		if (gc >= UTF8PROC_CATEGORY_LU && gc <= UTF8PROC_CATEGORY_LO)
			want |= UC_LETTER;
		if (gc >= UTF8PROC_CATEGORY_MN && gc <= UTF8PROC_CATEGORY_ME)
			want |= UC_MARK;
		if (gc == UTF8PROC_CATEGORY_ND)
			want |= UC_DIGIT;
		if (gc == UTF8PROC_CATEGORY_PS)
			want |= UC_OPEN;
		if (gc == UTF8PROC_CATEGORY_PE)
			want |= UC_CLOSE;
		if (gc == UTF8PROC_CATEGORY_PI)
			want |= UC_INITIAL;
		if (gc == UTF8PROC_CATEGORY_PF)
			want |= UC_FINAL;
		if (gc == UTF8PROC_CATEGORY_SO)
			want |= UC_SYMBOL;
		c = uclass(cp) & (UC_UPPER | UC_LOWER | UC_LETTER | UC_MARK |
		    UC_DIGIT | UC_OPEN | UC_CLOSE | UC_INITIAL | UC_FINAL |
		    UC_SYMBOL);
		if (c != want && bad++ < 5)
			diag("U+%04X: classes %#x, utf8proc says %#x",
			    (unsigned)cp, c, want);
	}
	ok(bad == 0, "letters, case, marks, digits, brackets and symbols "
	   "agree with utf8proc on every code point (%zu differ)", bad);
}

static void
is_prop(uint32_t cp, int want)
{
	int got = unitab_sentence_prop(cp);

	ok(got == want, "U+%04X is %s (got %s)", (unsigned)cp, unitab_sb_name[want],
	   unitab_sb_name[got]);
}

int
main(void)
{
	is_prop('.', SB_ATERM);
	is_prop('?', SB_STERM);
	is_prop('!', SB_STERM);
	is_prop(0x3002, SB_STERM);  /* ideographic full stop */
	is_prop(0x0964, SB_STERM);  /* devanagari danda */
	is_prop(0x061F, SB_STERM);  /* arabic question mark */
	is_prop('A', SB_UPPER);
	is_prop('z', SB_LOWER);
	is_prop(0xE9, SB_LOWER);
	is_prop('7', SB_NUMERIC);
	is_prop(' ', SB_SP);
	is_prop('\n', SB_LF);
	is_prop('\r', SB_CR);
	is_prop(0x2029, SB_SEP);
	is_prop('"', SB_CLOSE);
	is_prop(0x201D, SB_CLOSE);
	is_prop(')', SB_CLOSE);
	is_prop(',', SB_SCONTINUE);
	is_prop(0x0301, SB_EXTEND);
	is_prop(0x00AD, SB_FORMAT);
	is_prop(0x4E2D, SB_OLETTER);
	is_prop(0x0E42, SB_OLETTER);
	is_prop(0x1F600, SB_OTHER);
	is_prop(0x10FFFF, SB_OTHER);
	is_prop(0x110000, SB_OTHER);
	is_cls(' ', UC_SPACE, "a space");
	is_cls(0x2009, UC_SPACE, "a space (THIN SPACE)");
	is_cls(0x00A0, UC_SPACE, "a space (NO-BREAK SPACE)");
	is_cls(0x3000, UC_SPACE, "a space (IDEOGRAPHIC SPACE)");
	isnt_cls(0x200B, UC_SPACE, "a space (ZERO WIDTH SPACE)");
	is_cls('"', UC_QUOTE, "a quotation mark");
	is_cls(0x201C, UC_QUOTE | UC_INITIAL, "an opening quotation mark");
	is_cls(0x201D, UC_QUOTE | UC_FINAL, "a closing quotation mark");
	is_cls(0x00AB, UC_QUOTE | UC_INITIAL, "a guillemet");
	is_cls(0x300C, UC_QUOTE | UC_OPEN, "a corner bracket");
	is_cls(0x300D, UC_QUOTE | UC_CLOSE, "a closing corner bracket");
	is_cls(0x2014, UC_DASH, "a dash");
	is_cls('.', UC_STERM | UC_TERM, "a sentence terminator");
	is_cls(0x3002, UC_STERM, "a sentence terminator (。)");
	is_cls(0x0589, UC_STERM, "a sentence terminator (Armenian ։)");
	is_cls(0x1362, UC_STERM, "a sentence terminator (Ethiopic ።)");
	is_cls(';', UC_TERM, "terminal punctuation");
	isnt_cls(';', UC_STERM, "a sentence terminator");
	is_cls('(', UC_OPEN, "an opening bracket");
	is_cls(')', UC_CLOSE, "a closing bracket");
	is_cls('A', UC_UPPER | UC_LETTER, "an upper-case letter");
	is_cls(0x01C5, UC_UPPER | UC_LETTER, "title case");
	is_cls(0x00E9, UC_LOWER | UC_LETTER, "a lower-case letter");
	is_cls(0x0301, UC_MARK, "a mark");
	is_cls('7', UC_DIGIT, "a digit");
	is_cls(0x0663, UC_DIGIT, "a digit (Arabic-Indic)");
	is_cls(0x4E2D, UC_CJK | UC_LETTER, "CJK");
	is_cls(0x3042, UC_CJK | UC_LETTER, "CJK (hiragana)");
	is_cls(0x30AB, UC_CJK | UC_LETTER, "CJK (katakana)");
	is_cls(0xAC00, UC_HANGUL | UC_LETTER, "Hangul");
	isnt_cls(0x0E42, UC_CJK | UC_HANGUL | UC_UPPER, "CJK, Hangul or upper");
	ok(uclass(0x110000) == 0 && uclass(0xFFFFFFFFu) == 0,
	   "past U+10FFFF: no class");
	categories();
	ok(!strcmp(unitab_version, "15.0.0"), "pinned Unicode version %s",
	   unitab_version);
	return done_testing();
}
