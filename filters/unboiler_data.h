/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_UNBOILER_DATA_H
#define COPYDESK_UNBOILER_DATA_H
/*
 * unboiler_data.h: the tables scripts/gen/unboiler-data generates from
 * data/unboiler/ into filters/unboiler_data.c.
 */
#include <stddef.h>
#include <stdint.h>

#define UB_MAXLANG 16

/* Pattern lists: data/unboiler/line.txt, end.txt, soft.txt, stamp.txt and
 * credit.txt. */
enum ub_pat_kind { UB_PAT_LINE, UB_PAT_END, UB_PAT_SOFT, UB_PAT_STAMP,
	UB_PAT_CREDIT };

struct ub_word {
	const char *word;        /* lower case UTF-8 */
	unsigned langs;          /* bit i: the word is a stop word of ub_langs[i] */
};

struct ub_pat {
	enum ub_pat_kind kind;
	int lineno;              /* line in its data file, for --mark */
	const char *re;          /* PCRE2 source, compiled caseless */
};

/* How unboiler compiles every pattern (the PCRE2_ names need <pcre2.h>). */
#define UB_PAT_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | \
	PCRE2_MATCH_INVALID_UTF)

/* A set of strings that common/relit.c read in a pattern: as a struct
 * relit holds them (relit.h), n of them one after another. */
struct ub_litset {
	int n;                   /* strings; -1: nothing is known */
	const unsigned char *at; /* the index of each one's rarest byte */
	const char *s;           /* the strings, each ended by a NUL */
};

/* What unboiler knows of a pattern before it calls PCRE2 (relit.h says
 * what pre and req are): made by scripts/gen/unboiler-lit, which also
 * checks that every pattern compiles and that one which starts with ^ is
 * anchored in every branch. */
struct ub_lit {
	struct ub_litset pre, req;
	uint64_t first[4];       /* anchored: bit b % 64 of first[b / 64] is
	                          * set when a match can start with byte b */
};

extern const size_t ub_nlangs;
extern const char *const ub_langs[];   /* ISO 639-1 codes, sorted */
extern const struct ub_word ub_words[];
extern const size_t ub_nwords;
extern const struct ub_pat ub_pats[];
extern const size_t ub_npats;
extern const struct ub_lit ub_lits[];  /* ub_npats of them */

#endif
