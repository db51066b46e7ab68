/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_UNBOILER_DATA_H
#define COPYDESK_UNBOILER_DATA_H
/*
 * unboiler_data.h: the tables scripts/gen/unboiler-data generates from
 * data/unboiler/ into filters/unboiler_data.c.
 */
#include <stddef.h>

#define UB_MAXLANG 16

/* Pattern lists: data/unboiler/line.txt, end.txt and soft.txt. */
enum ub_pat_kind { UB_PAT_LINE, UB_PAT_END, UB_PAT_SOFT };

struct ub_word {
	const char *word;        /* lower case UTF-8 */
	unsigned langs;          /* bit i: the word is a stop word of ub_langs[i] */
};

struct ub_pat {
	enum ub_pat_kind kind;
	int lineno;              /* line in its data file, for --mark */
	const char *re;          /* PCRE2 source, compiled caseless */
};

extern const size_t ub_nlangs;
extern const char *const ub_langs[];   /* ISO 639-1 codes, sorted */
extern const struct ub_word ub_words[];
extern const size_t ub_nwords;
extern const struct ub_pat ub_pats[];
extern const size_t ub_npats;

#endif
