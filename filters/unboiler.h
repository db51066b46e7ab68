/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_UNBOILER_H
#define COPYDESK_UNBOILER_H
/*
 * unboiler.h: what tests call in unboiler's engine (filters/unboiler.c)
 * besides common/engine.h. An engine object is made with
 * unboiler_engine.create() and started with unboiler_engine.start(),
 * which builds its stop-word table; then its word counter can be asked.
 */
#include <stddef.h>

#include "filters/unboiler_data.h"

struct unboiler;

/* What the word counter finds in a line. */
struct unboiler_words {
	unsigned nw;            /* words: \w+ runs that hold a letter */
	unsigned nwe;           /* the same, Han and kana counting 1/2.5 */
	unsigned ncjk;          /* Han, kana and Hangul characters */
	unsigned char dens[UB_MAXLANG]; /* stop words per word, * 256 */
};

/* Count the words of the trimmed line s[0..n) with the stop words of the
 * started engine object u. */
void unboiler_count_words(const struct unboiler *u, const char *s, size_t n,
    struct unboiler_words *w);

#endif
