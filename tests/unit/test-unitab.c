/* See LICENSE file for copyright and license details. */
#include <stdint.h>
#include <string.h>

#include "common/unitab.h"
#include "tests/unit/tap.h"

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
	ok(!strcmp(unitab_version, "15.0.0"), "pinned Unicode version %s",
	   unitab_version);
	return done_testing();
}
