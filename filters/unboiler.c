/* See LICENSE file for copyright and license details. */
/*
 * unboiler: delete the boilerplate lines of scraped news text and keep the
 * article body. Only whole lines are deleted, never edited.
 *
 * Per line: words, stop words per language (data/unboiler/stopwords),
 * terminal punctuation, CJK characters, and PCRE2 pattern lists:
 * boilerplate lines, trailing-section markers ("ends the body"), in-article
 * widget titles ("soft" markers), photo credits and the stamps of reader
 * comments. Lines are then classified in context, the way jusText does: a
 * line is good, near-good, short or bad; some shapes of page are found
 * (comment threads, numbered lists, teaser lists, captions, a widget's
 * items: classify_all's steps); the body is the best-scoring run of lines
 * (good lines score their words, short and bad lines cost), it ends at the
 * first trailing-section marker once some body has been seen and before
 * what follows outweighs it, a short article is found under its headline,
 * a lede above a caption joins it, near-good lines next to good ones are
 * body, short lines between good ones are body, and so are lists. Lines
 * repeated in the document (a title printed twice, a caption twice, the
 * article again in one line) are boilerplate. The whole procedure runs
 * again on the lines it kept until nothing changes, so that the filter is
 * idempotent.
 *
 * Corpus knowledge, as in CCNet: --learn counts in how many documents each
 * normalised line occurs (lower case, digits as 0, punctuation dropped)
 * and writes the counts to a file; --known reads such a file and treats
 * lines that occur in at least -n documents as boilerplate.
 *
 * All state is in a struct unboiler (the engine object): the options, the
 * stop-word table and the compiled patterns (built by start(), freed by
 * destroy()), the line counts, the working arrays of the document being
 * decided and the counters. Functions take the part they use.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

#include "common/engine.h"
#include "common/io.h"
#include "common/rec.h"
#include "common/relit.h"
#include "common/scan.h"
#include "common/swar.h"
#include "common/utf8.h"
#include "common/util.h"
#include "filters/unboiler.h"
#include "filters/unboiler_data.h"

/* Tuning (words are \w+ runs that hold a letter; Han and kana count 1/2.5) */
#ifndef GOOD_WORDS
#define GOOD_WORDS 10   /* a good line has at least this many words */
#endif
#ifndef GOOD_DENS
#define GOOD_DENS 64    /* and stop-word density >= 64/256 (0.25) */
#endif
#ifndef LONG_WORDS
#define LONG_WORDS 20   /* a good line without terminal punctuation */
#endif
#ifndef NEAR_WORDS
#define NEAR_WORDS 6    /* a near-good line has this many words */
#endif
#ifndef NEAR_DENS
#define NEAR_DENS 32    /* and density >= 32/256 (0.125) */
#endif
#ifndef WALL_MIN
#define WALL_MIN 50     /* body words before an end marker counts */
#endif
#ifndef AFTER_PCT
#define AFTER_PCT 200   /* an end marker with more good words after it
                         * than this % of those before does not end */
#endif
#ifndef HEAD_MAX
#define HEAD_MAX 120    /* ... when fewer than this many are before it */
#endif
#ifndef ITEM_GAP
#define ITEM_GAP 12     /* a list item's repeated field: at most this many
                         * lines from one copy to the next */
#endif
#ifndef SOFT_COST
#define SOFT_COST 20    /* score of a soft marker */
#endif
#ifndef REPEAT_MAX
#define REPEAT_MAX 15   /* repeated lines up to this many words are dropped */
#endif
#ifndef PAT_MAXLEN
#define PAT_MAXLEN 400  /* longer lines are not matched against patterns */
#endif
#ifndef MULTI_MAXLEN
#define MULTI_MAXLEN 120 /* an anchored one's many strings are looked for
                          * first on lines up to this long (on longer ones
                          * the pass costs more than a match that fails
                          * at the line's start: 120 was best of 80-400) */
#endif
#ifndef FLOAT_MAXLEN
#define FLOAT_MAXLEN 160 /* nor against floating ones (no leading ^) */
#endif
#ifndef STAMP_WORDS
#define STAMP_WORDS 14  /* a comment's stamp has at most this many words */
#endif
#ifndef THREAD_MIN
#define THREAD_MIN 3    /* stamps with prose between: a comment thread */
#endif
#ifndef THREAD_GAP
#define THREAD_GAP 12   /* at most this many lines from stamp to stamp */
#endif
#ifndef LIST_MIN
#define LIST_MIN 4      /* items numbered 1, 2, 3 ...: a list */
#endif
#ifndef COPY_HEAD
#define COPY_HEAD 32    /* bytes two lines begin with alike: copies */
#endif
#ifndef COPY_TRIES
#define COPY_TRIES 8    /* lines that begin alike tried for each */
#endif
#ifndef CREDIT_WORDS
#define CREDIT_WORDS 8  /* a credit line alone has at most this many words */
#endif
#ifndef CAPTION_WORDS
#define CAPTION_WORDS 40 /* a caption next to one, at most this many */
#endif
#ifndef BRIDGE_MAX
#define BRIDGE_MAX 6    /* lines between the lede and the body */
#endif
#ifndef WEAK_WORDS
#define WEAK_WORDS 50   /* a body with fewer good words: a short article */
#endif
#ifndef HEAD_LINES
#define HEAD_LINES 8    /* ... whose prose is this close under its headline */
#endif
#ifndef SKEL_MAXLEN
#define SKEL_MAXLEN 160 /* items alike are lines of at most this many bytes */
#endif
#ifndef SKEL_MARKS
#define SKEL_MARKS 3    /* ... and begin with the same marks */
#endif
#ifndef GLUED_WORDS
#define GLUED_WORDS 6   /* a headline glued to its summary has this many */
#endif
#ifndef RIVER_MIN
#define RIVER_MIN 4     /* headlines with times going back: a river */
#endif
#ifndef RIVER_WORDS
#define RIVER_WORDS 5   /* ... each of at least this many words */
#endif
#ifndef AMID_LINES
#define AMID_LINES 2    /* ... or with good lines this close around them */
#endif
#ifndef TEASER_MIN
#define TEASER_MIN 3    /* teasers in a row: a list of other stories */
#endif
#ifndef MAX_ROUNDS
#define MAX_ROUNDS 20   /* fixpoint rounds (2 are usual) */
#endif
#ifndef ISO_PCT
#define ISO_PCT 25      /* an isolated good line scores this % */
#endif
#ifndef ISO_WORDS
#define ISO_WORDS 100   /* ... when it has fewer words than this (a body
                         * scraped as one line is not a teaser) */
#endif
#ifndef BAD_MIN
#define BAD_MIN 2       /* a bad line costs at least this */
#endif
#ifndef NEAR_PCT
#define NEAR_PCT 25     /* a near-good line scores this % of its words */
#endif
#ifndef SCORE_MAX
#define SCORE_MAX 100   /* a line scores at most this */
#endif
#ifndef BAD_DIV
#define BAD_DIV 2       /* a bad line costs its words / BAD_DIV */
#endif
#define COUNTS_CAP (1 << 19) /* slots of a line-count table, 12 bytes each */
#define LEARN_MAX (COUNTS_CAP / 4 * 3) /* lines it holds: 393216 */
#define MAX_LINES 65536 /* lines decided together; more go in pieces */
#ifndef LANG_MIN
#define LANG_MIN 20     /* a language has >= 20/256 stop words a word */
#endif
#define FALLBACK_WORDS 8 /* nothing is body: lines of this many words stay */
#define CJK_MIN 10      /* a line of more CJK characters than this (and
                         * than words) has no stop words to count */
#define TERM_DENS 77    /* without stop words: the density of a line with
                         * terminal punctuation (0.30) */
#define NOTERM_DENS 26  /* ... and of one without (0.10) */
#define MATCH_LIMIT 100000 /* PCRE2 match limit: beyond, no match */
#define DEPTH_LIMIT 1000   /* PCRE2 depth limit */
#define TITLE_BIT 0x80000000u
#define SEEN_BIT 0x40000000u
#define NEXT_BIT 0x20000000u    /* seen by the items' pass */
#define FAR_BIT 0x10000000u     /* a copy next to or far from another */

enum cls { C_BAD, C_SHORT, C_NEAR, C_GOOD };

enum why {
	W_GOOD, W_NEAR_BODY, W_SHORT_BODY, W_LIST, W_FALLBACK, W_KEPT, /* kept */
	W_UNDER,
	W_SHORT, W_NEAR, W_BAD_SHAPE, W_PATTERN, W_END, W_SOFT, W_REPEAT,
	W_TITLE, W_OUTSIDE, W_AFTER_END, W_BLANK, W_KNOWN, W_THREAD,
	W_CAPTION, W_TEASER, W_NWHY
};

static const char why_name[][16] = {
	"good", "near-good", "short-in-body", "list", "fallback", "kept",
	"under-headline",
	"short", "near-good-alone", "bad-shape", "pattern", "end-marker",
	"soft-marker", "repeated", "title", "outside-body", "after-end",
	"blank", "known", "comment-thread", "caption", "teaser"
};

struct line {
	size_t off, len;        /* bytes in the document, terminator included */
	size_t blank;           /* blank bytes (whole lines) before this one */
	uint64_t hash;          /* of the trimmed, ASCII-lowered text */
	uint64_t prefhash;      /* of the part before a " - " style separator */
	uint64_t nhash;         /* of the normalised text, with -k or -l */
	unsigned nw, nwe;       /* words; words with CJK weighted */
	unsigned ncjk;          /* Han, kana and Hangul characters */
	unsigned char dens[UB_MAXLANG]; /* stop words per word, * 256 */
	unsigned char term;     /* ends with terminal punctuation */
	unsigned char colon;    /* ends with a colon */
	unsigned char pkind;    /* 0, or 1 + enum ub_pat_kind */
	unsigned short pat;     /* index into ub_pats when pkind != 0 */
	unsigned char cls, why, keep, dup, known;
	unsigned char stamp;    /* a comment's name or time line: is_stamp */
	unsigned char num;      /* "3. Whisk the eggs": 3 (item_number) */
	unsigned short numhead; /* ... and a hash of "Whisk" */
	unsigned char copy;     /* the lines after another one, run together */
	uint64_t headhash;      /* of its first COPY_HEAD bytes, or 0 */
	uint32_t headnext;      /* the line before it with that head */
	uint32_t skel;          /* a hash of its punctuation (skeleton), or 0 */
	unsigned char glued;    /* a headline run into its summary (glued) */
	unsigned short clock;   /* 1 + minutes of its time of day, or 0 */
};

/* The document (or piece of one) being decided, and its working arrays. */
struct doc {
	struct line *l;
	size_t nl, capl;
	size_t *act, *nxt;      /* active line indexes, next round */
	int *score;
	unsigned char *before, *after; /* classes around each body line */
	size_t capa;
	uint64_t *ht;           /* repetition hash set */
	unsigned *htn;
	size_t *htlast;         /* where each was last seen (repeats) */
	size_t capht;
	size_t *heads;          /* copies: the shortest line of each head */
	size_t capheads;
	uint64_t *dh;           /* normalised hashes seen in this document */
	size_t capdh;
};

/* line counts for --learn and --known: hash -> documents (see counts_add) */
struct count {
	uint32_t lo, hi;        /* the hash; 0: an empty slot */
	uint32_t n;             /* documents */
};

struct counts {
	struct count *t;
	size_t cap, len;
	unsigned long long docs;
	uint32_t pruned;        /* counts up to this were forgotten */
};

/*
 * Stop words: an open-addressing table built at start-up. A word is its
 * lower-case bytes packed into two 64-bit keys (an ASCII word is read from
 * the line at once and lowered eight bytes at a time; others are built a
 * byte at a time, SW_PUT), so a lookup is a multiply and two compares. Half
 * the words of a text are not stop words: a bit array of their hashes
 * turns most of those away before the table is read.
 */
#define SW_MAX 16
#define SW_PUT(k0, k1, i, b) do { \
	if ((i) < 8) \
		(k0) |= (uint64_t)(b) << ((i) * 8); \
	else if ((i) < SW_MAX) \
		(k1) |= (uint64_t)(b) << (((i) - 8) * 8); \
} while (0)

/* ASCII classes: word character, letter */
#define A_WORD 1
#define A_ALPHA 2

/* What the word counter reads: the stop words and the ASCII tables. */
struct words {
	uint64_t (*keys)[2];
	uint16_t *langs;        /* 0: empty slot */
	uint64_t bloom[128];
	size_t mask, maxlen;
	unsigned shift;         /* a hash's top bits are its home slot */
	unsigned char aclass[128];      /* A_WORD, A_ALPHA */
	unsigned char alower[128];      /* the lower case of a byte */
	uint64_t keymask[SW_MAX + 1][2]; /* a key's first len bytes of 16 */
	uint64_t spread[256];   /* bit i of a byte: 1 in byte i (tally) */
};

/*
 * Patterns. Each is compiled on its own and JIT-compiled when a line first
 * needs it. A line is handed to PCRE2 only when it passes what the
 * pattern allows, which costs a few compares instead of a call
 * (common/relit.h; read in the patterns when the table was generated,
 * ub_lits): for a pattern anchored at ^, the line's first byte
 * (PCRE2 tells which bytes a match can start with) and a string that
 * every match starts with; for every pattern, a string that every match
 * contains. The anchored ones are tried end markers first, then soft
 * markers, then boilerplate lines, and the first that matches wins; the
 * floating ones only on short lines.
 */
struct pat {
	pcre2_code *re;         /* NULL until a line first needs it */
	int jit;                /* 1 JIT-compiled, -1 JIT failed, -2 did
	                         * not compile, 0 not yet */
	int anchored;
	struct relit pre, req;
	struct relit_multi *rmulti; /* req, when it is searched in one pass */
};

/* The pre strings a line may start with are looked up by its first two
 * bytes (each 128 for any of 0x80 and above): by the first alone, a line
 * that starts with "t" was tried against 44 of the 478. Pairs that meet
 * in a bucket share it. */
#define PIDX_BUCKETS 1024

struct pidx {
	uint64_t key, mask;     /* its first eight bytes: relit_key8 */
	size_t pat;
	const char *s;
	size_t len;
};

/* The req sets of a list of patterns (at most RELIT_MULTI), looked for
 * in as few passes as relit_multi allows: groups of sets one after
 * another, each searched in one pass (a set that fits no group, alone). */
struct reqs {
	struct relit_multi *mu; /* ngroups of them */
	int *start;             /* the first set of each */
	int ngroups;
};

struct matcher {
	struct pat *pats;
	size_t *cand, candoff[257]; /* anchored ones a first byte allows */
	size_t *floating, nfloating; /* the others, in order */
	size_t *stamps, nstamps; /* stamp.txt's, tried apart (is_stamp) */
	struct reqs floatreq;   /* their req sets */
	struct reqs stampreq;   /* the stamps' */
	struct pidx *pidx;
	size_t pidxoff[PIDX_BUCKETS + 1]; /* pre strings by pidx_bucket */
	unsigned *preok, pregen; /* pats[i] met a pre string: pregen */
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	unsigned long long *limits; /* matches stopped by a limit */
	struct diag *dg;
	int failed;             /* a pattern did not compile */
};

enum { N_DOCS, N_KEPT, N_DELETED, N_LIMITS };

/* The engine object. */
struct unboiler {
	struct diag *dg;
	/* options */
	int mflag;
	int forcelang;          /* -L, or -1: detected */
	char *lang;             /* the options' arguments, copied */
	char *learnfile, *knownfile;
	unsigned long mindocs;
	int nflag;              /* -n was given */
	/* built by start */
	struct words w;
	struct matcher m;
	struct counts learned, known;
	struct doc x;
	struct rec_counter counters[N_LIMITS + 2];
	/* where the document being read is (see process) */
	int indoc;              /* a piece of it was seen */
	int cut;                /* the last piece ended inside a line */
	int cutkeep;            /* ... which was kept */
	int opennl;             /* --mark: the last line awaits its newline */
	/* --mark: what is explained (note) */
	size_t cutlen;          /* the cut line's bytes in its first piece */
	int cutnote;            /* ... still to explain */
	int pieces;             /* the document came in more than one piece */
	int manylines;          /* ... or has more than MAX_LINES lines */
	int noted;              /* one of its lines longer than the window was
	                         * explained */
	char where[300];        /* the record, as rec_where names it */
	const struct rec_filter *f; /* f->pos: where the reader is */
	size_t window;          /* the run's */
	char reason[W_NWHY][32]; /* "reason__good", ... */
	/* --attrs: where p is in the document, and the cut line's value */
	unsigned long long docb;
	struct rec_cursor cur;
	double cutvalue;
};

/* --attrs: "line", every line with its value (kept at 0.5 or more), and
 * "reason__<why>" over each line that is not blank */
static const char *const span_names[] = { "line", NULL };

static uint64_t
sw_hash(uint64_t k0, uint64_t k1)
{
	return k0 * 0x9e3779b97f4a7c15ULL ^ k1 * 0xc2b2ae3d27d4eb4fULL;
}

/* The ASCII tables and the stop-word table of ub_words. */
static void
words_init(struct words *w)
{
	uint64_t k0, k1, h;
	size_t i, j, n, cap;
	int c;

	for (c = 0; c <= SW_MAX; c++) {
		w->keymask[c][0] = c >= 8 ? ~0ULL : ~(~0ULL << c * 8);
		w->keymask[c][1] = c <= 8 ? 0 : c == 16 ? ~0ULL :
		    ~(~0ULL << (c - 8) * 8);
	}
	for (c = 0; c < 256; c++)
		for (j = 0; j < 8; j++)
			w->spread[c] |= (uint64_t)(c >> j & 1) << j * 8;
	for (c = 0; c < 128; c++) {
		w->alower[c] = (unsigned char)(c >= 'A' && c <= 'Z' ?
		    c + 32 : c);
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			w->aclass[c] = A_WORD | A_ALPHA;
		else if ((c >= '0' && c <= '9') || c == '_')
			w->aclass[c] = A_WORD;
	}
	for (cap = 64; cap < ub_nwords * 2; cap *= 2)
		;
	w->keys = ecalloc(cap, sizeof(*w->keys));
	w->langs = ecalloc(cap, sizeof(*w->langs));
	w->mask = cap - 1;
	for (w->shift = 64; cap > 1; cap /= 2)
		w->shift--;
	for (i = 0; i < ub_nwords; i++) {
		n = strlen(ub_words[i].word);
		/* the generator checks these: 1 to SW_MAX bytes, 1 to 16
		 * languages */
		if (n == 0 || n > SW_MAX || !ub_words[i].langs ||
		    ub_words[i].langs > 0xffff)
			abort();
		for (k0 = k1 = 0, j = 0; j < n; j++)
			SW_PUT(k0, k1, j, (unsigned char)ub_words[i].word[j]);
		h = sw_hash(k0, k1);
		w->bloom[h >> 51 & 127] |= (uint64_t)1 << (h >> 45 & 63);
		for (j = h >> w->shift; w->langs[j]; j = (j + 1) & w->mask)
			;
		w->keys[j][0] = k0;
		w->keys[j][1] = k1;
		w->langs[j] = (uint16_t)ub_words[i].langs;
		w->maxlen = MAX(w->maxlen, n);
	}
}

static void
words_free(struct words *w)
{
	free(w->keys);
	free(w->langs);
}

/* The languages of the word with keys k0, k1, or 0. */
static inline unsigned
sw_lookup(const struct words *w, uint64_t k0, uint64_t k1)
{
	uint64_t h = sw_hash(k0, k1);
	size_t j;

	if (!(w->bloom[h >> 51 & 127] >> (h >> 45 & 63) & 1))
		return 0;
	for (j = h >> w->shift; w->langs[j]; j = (j + 1) & w->mask)
		if (w->keys[j][0] == k0 && w->keys[j][1] == k1)
			return w->langs[j];
	return 0;
}

/* A set of strings of ub_lits as a struct relit holds it. */
static void
lit_set(struct relit *dst, const struct ub_litset *src)
{
	const char *s = src->s;
	size_t len;
	int j;

	dst->n = src->n;
	for (j = 0; j < src->n; j++, s += len + 1) {
		len = strlen(s);
		dst->len[j] = (unsigned char)len;
		dst->at[j] = src->at[j];
		memcpy(dst->s[j], s, len + 1);
	}
}

static int
rank(size_t i)
{
	return ub_pats[i].kind == UB_PAT_END ? 0 :
	    ub_pats[i].kind == UB_PAT_SOFT ? 1 :
	    ub_pats[i].kind == UB_PAT_LINE ||
	    ub_pats[i].kind == UB_PAT_CREDIT ? 2 : 3; /* stamps: their own */
}

static int
first_ok(size_t i, int b)
{
	return ub_lits[i].first[b / 64] >> (b % 64) & 1;
}

/* Byte k of p's pre string j, 128 for any of 0x80 and above. */
static int
pre_byte(const struct pat *p, size_t j, int k)
{
	return MIN((unsigned char)p->pre.s[j][k], 128);
}

/* The bucket of the pre strings that start with c0, c1. */
static size_t
pidx_bucket(int c0, int c1)
{
	return ((size_t)c0 * 131 + (size_t)c1) % PIDX_BUCKETS;
}

/* Group the req sets of the n patterns pats[idx[0..n)] into r: each
 * group takes as many sets after the last as one relit_multi searches in
 * one pass. 0, or 1 after saying why (more than RELIT_MULTI of them, a
 * bit each in reqs_any's answer: "more than 64 <what>"). */
static int
reqs_init(struct reqs *r, const struct pat *pats, const size_t *idx,
    size_t n, const char *what, struct diag *dg)
{
	const struct relit **sets;
	struct relit_multi *mu;
	size_t a, b, k;

	if (n > RELIT_MULTI) {
		diag_warnx(dg, "more than %d %s", RELIT_MULTI, what);
		return 1;
	}
	sets = ecalloc(n + 1, sizeof(*sets));
	for (k = 0; k < n; k++)
		sets[k] = &pats[idx[k]].req;
	r->mu = ecalloc(n + 1, sizeof(*r->mu));
	r->start = ecalloc(n + 1, sizeof(*r->start));
	r->ngroups = 0;
	for (a = 0; a < n; a = b) {
		mu = &r->mu[r->ngroups];
		for (b = a + 1; b < n; b++) {
			relit_multi_init(mu, sets + a, (int)(b + 1 - a));
			if (mu->nkeys < 0)
				break;
		}
		relit_multi_init(mu, sets + a, (int)(b - a));
		r->start[r->ngroups++] = (int)a;
	}
	free(sets);
	return 0;
}

static void
reqs_free(struct reqs *r)
{
	free(r->mu);
	free(r->start);
}

/* Bit i set for each set i of r that relit_any says may match sub. */
static uint64_t
reqs_any(const struct reqs *r, const struct relit_subject *sub)
{
	uint64_t want = 0;
	int g;

	for (g = 0; g < r->ngroups; g++)
		want |= relit_multi_any(&r->mu[g], sub) << r->start[g];
	return want;
}

/* Index every pattern of ub_pats in m, by what ub_lits says of it (a
 * pattern is compiled when a line first needs it: see match); 0, or 1
 * after saying why. */
static int
pat_init(struct matcher *m, struct diag *dg)
{
	const struct relit *set;
	size_t i, j, k, n, *byrank, next[PIDX_BUCKETS + 1];
	int b, r, pass, lo, hi;

	if (!(m->mctx = pcre2_match_context_create(NULL)) ||
	    !(m->md = pcre2_match_data_create(1, NULL))) {
		diag_warnx(dg, "PCRE2: out of memory");
		return 1;
	}
	m->dg = dg;
	pcre2_set_match_limit(m->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(m->mctx, DEPTH_LIMIT);
	m->pats = ecalloc(ub_npats, sizeof(*m->pats));
	m->preok = ecalloc(ub_npats, sizeof(*m->preok));
	for (i = 0; i < ub_npats; i++) {
		struct pat *p = &m->pats[i];

		lit_set(&p->pre, &ub_lits[i].pre);
		lit_set(&p->req, &ub_lits[i].req);
		p->anchored = ub_pats[i].re[0] == '^';
		if (!p->anchored || p->req.n <= 2)
			continue;
		/* one that does not fit fails at the line's start: a search
		 * for more than two strings, a memchr each, would cost more
		 * than the match. One with pre strings is skipped by them;
		 * one without has its req searched in one pass (relit_multi),
		 * which costs less than the match on a short line */
		if (p->pre.n > 0) {
			p->req.n = -1;
			continue;
		}
		set = &p->req;
		p->rmulti = ecalloc(1, sizeof(*p->rmulti));
		relit_multi_init(p->rmulti, &set, 1);
	}
	/* for each first byte, its anchored patterns by rank */
	byrank = ecalloc(ub_npats, sizeof(*byrank));
	for (r = 0, k = 0; r < 3; r++)
		for (i = 0; i < ub_npats; i++)
			if (m->pats[i].anchored && rank(i) == r)
				byrank[k++] = i;
	for (b = n = 0; b < 256; b++)
		for (j = 0; j < k; j++)
			n += first_ok(byrank[j], b);
	m->cand = ecalloc(n + 1, sizeof(*m->cand));
	for (b = n = 0; b < 256; b++) {
		m->candoff[b] = n;
		for (j = 0; j < k; j++)
			if (first_ok(byrank[j], b))
				m->cand[n++] = byrank[j];
	}
	m->candoff[256] = n;
	free(byrank);
	m->floating = ecalloc(ub_npats, sizeof(*m->floating));
	m->stamps = ecalloc(ub_npats, sizeof(*m->stamps));
	for (i = 0; i < ub_npats; i++)
		if (ub_pats[i].kind == UB_PAT_STAMP)
			m->stamps[m->nstamps++] = i;
		else if (!m->pats[i].anchored)
			m->floating[m->nfloating++] = i;
	/* their req strings, and the stamps', looked for in few passes */
	if (reqs_init(&m->floatreq, m->pats, m->floating, m->nfloating,
	    "patterns without ^", dg) ||
	    reqs_init(&m->stampreq, m->pats, m->stamps, m->nstamps,
	    "stamp patterns", dg))
		return 1;
	/* the pre strings of anchored patterns, by their first two bytes
	 * (pidx_bucket), in the order of the patterns: counted, then put */
	memset(m->pidxoff, 0, sizeof(m->pidxoff));
	for (pass = n = 0; pass < 2; pass++) {
		if (pass == 1) {
			for (b = 0; b < PIDX_BUCKETS; b++)
				m->pidxoff[b + 1] += m->pidxoff[b];
			memcpy(next, m->pidxoff, sizeof(next));
			m->pidx = ecalloc(n + 1, sizeof(*m->pidx));
		}
		for (i = 0; i < ub_npats; i++) {
			const struct pat *p = &m->pats[i];

			for (j = 0; p->anchored && rank(i) < 3 &&
			    (int)j < p->pre.n; j++) {
				/* one byte: whatever the second */
				lo = p->pre.len[j] > 1 ? pre_byte(p, j, 1) : 0;
				hi = p->pre.len[j] > 1 ? lo : 128;
				for (b = lo; b <= hi; b++) {
					k = pidx_bucket(pre_byte(p, j, 0), b);
					if (pass == 0) {
						m->pidxoff[k + 1]++, n++;
						continue;
					}
					k = next[k]++;
					m->pidx[k].pat = i;
					m->pidx[k].s = p->pre.s[j];
					m->pidx[k].len = p->pre.len[j];
					relit_key8(m->pidx[k].s,
					    m->pidx[k].len, &m->pidx[k].key,
					    &m->pidx[k].mask);
				}
			}
		}
	}
	return 0;
}

static void
pat_free(struct matcher *m)
{
	size_t i;

	for (i = 0; m->pats && i < ub_npats; i++) {
		pcre2_code_free(m->pats[i].re);
		free(m->pats[i].rmulti);
	}
	free(m->pats);
	free(m->preok);
	free(m->cand);
	free(m->floating);
	free(m->stamps);
	reqs_free(&m->floatreq);
	reqs_free(&m->stampreq);
	free(m->pidx);
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
}

/* Compile pattern i, and JIT-compile it, at its first use. The generator
 * compiled every one (scripts/gen/unboiler-lit), so a pattern fails here
 * only for want of memory: it is said once, the pattern matches nothing
 * and the document that met it is bad (m->failed). */
static int
pat_compile(struct matcher *m, struct pat *p, size_t i)
{
	PCRE2_SIZE eoff;
	PCRE2_UCHAR msg[256];
	int ec;

	p->re = pcre2_compile((PCRE2_SPTR)ub_pats[i].re,
	    PCRE2_ZERO_TERMINATED, UB_PAT_OPTIONS, &ec, &eoff, NULL);
	if (!p->re) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		diag_warnx(m->dg, "pattern %s: offset %zu: %s", ub_pats[i].re,
		    (size_t)eoff, (char *)msg);
		m->failed = 1;
		return p->jit = -2;
	}
	return p->jit = pcre2_jit_compile(p->re, PCRE2_JIT_COMPLETE) == 0 ?
	    1 : -1;
}

/* Does pattern i match s[0..n)? */
static int
match(struct matcher *m, size_t i, const char *s, size_t n)
{
	struct pat *p = &m->pats[i];
	int rc;

	if (!p->jit && pat_compile(m, p, i) == -2)
		return 0;
	if (p->jit == -2)
		return 0;
	if (p->jit > 0)
		rc = pcre2_jit_match(p->re, (PCRE2_SPTR)s, n, 0, 0, m->md,
		    m->mctx);
	else
		rc = pcre2_match(p->re, (PCRE2_SPTR)s, n, 0, 0, m->md, m->mctx);
	if (rc < PCRE2_ERROR_NOMATCH)
		(*m->limits)++;         /* taken as no match */
	return rc >= 0;
}

/* Match the trimmed line s against the lists; set l->pkind and l->pat.
 * End markers win over soft markers over boilerplate lines. low is s
 * with A-Z in lower case and RELIT_PAD NULs after it, odd whether s holds
 * U+212A or U+017F (features gives both). */
static void
classify_patterns(struct matcher *m, struct line *l, const char *s, size_t n,
    const char *low, int odd)
{
	struct relit_subject sub;
	uint64_t x, req;
	size_t i, k, b, best = ub_npats;
	int c0;

	if (n == 0 || n > PAT_MAXLEN)
		return;
	/* as relit_subject makes it, from what features gave */
	sub.s = low;
	sub.n = n;
	sub.odd = odd;
	sub.padded = 1;
	if (++m->pregen == 0) {
		memset(m->preok, 0, ub_npats * sizeof(*m->preok));
		m->pregen = 1;
	}
	x = swar_load(low, n);
	b = pidx_bucket(MIN((unsigned char)low[0], 128),
	    MIN((unsigned char)low[1], 128));   /* low is padded */
	for (k = m->pidxoff[b]; k < m->pidxoff[b + 1]; k++)
		if ((x & m->pidx[k].mask) == m->pidx[k].key &&
		    (m->pidx[k].len <= 8 ||
		    relit_starts(low, n, m->pidx[k].s, m->pidx[k].len)))
			m->preok[m->pidx[k].pat] = m->pregen;
	c0 = (unsigned char)s[0];
	for (k = m->candoff[c0]; k < m->candoff[c0 + 1]; k++) {
		i = m->cand[k];
		if (!sub.odd && m->pats[i].pre.n > 0 &&
		    m->preok[i] != m->pregen)
			continue;
		/* rmulti: on a short line only, a longer one is matched */
		if (m->pats[i].rmulti ? n <= MULTI_MAXLEN &&
		    !relit_multi_any(m->pats[i].rmulti, &sub) :
		    !relit_any(&m->pats[i].req, &sub))
			continue;
		if (match(m, i, s, n)) {
			best = i;
			break;
		}
	}
	if (best < ub_npats && rank(best) == 0)
		goto found;
	if (n > FLOAT_MAXLEN)
		goto done;
	req = reqs_any(&m->floatreq, &sub);
	for (k = 0; k < m->nfloating; k++) {
		i = m->floating[k];
		if (best < ub_npats && rank(i) >= rank(best))
			continue;
		if ((req >> k & 1) && match(m, i, s, n))
			best = i;
	}
done:
	if (best == ub_npats)
		return;
found:
	l->pat = (unsigned short)best;
	l->pkind = 1 + ub_pats[best].kind;
}

/* Is c an ASCII digit? */
static int
is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

/* Is c an ASCII letter? */
static int
is_alpha(char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* Could the line s[0..n) be a stamp at all? It has a time of day
 * ("6:18"), a year ("2012"), a date in numbers ("10/23") or a word of
 * "how long ago" ("5 hours ago", "vor 3 Stunden", "3 часа назад"), or
 * ends like "says:", "said..." or a year of two digits ("07 Nov 12").
 * What stamp.txt's patterns need; a line with none of them is not tried
 * against them. */
static int
stamp_cue(const char *s, size_t n)
{
	static const char *const ago[] = { " ago", "vor ", "il y a ",
		"hace ", "h\xc3\xa1 ", "\xd0\xbd\xd0\xb0\xd0\xb7\xd0\xb0\xd0\xb4" };
	size_t i, j, d = 0, len;
	int digit = 0;

	if (s[n - 1] == ':' || (unsigned char)s[n - 1] == 0xa6 ||
	    (n >= 3 && !memcmp(s + n - 3, "...", 3)))
		return 1;
	if (n >= 3 && s[n - 3] == ' ' && is_digit(s[n - 2]) &&
	    is_digit(s[n - 1]))
		return 1;       /* "07 Nov 12" */
	for (i = 0; i < n; i++) {
		if (!is_digit(s[i])) {
			d = 0;
			continue;
		}
		d++;
		digit = 1;
		if (i + 2 < n && (s[i + 1] == ':' || s[i + 1] == '/' ||
		    s[i + 1] == '.' || s[i + 1] == '-') &&
		    is_digit(s[i + 2]))
			return 1;       /* "6:18", "10/23", "23.10" */
		if (d == 4 && (i + 1 == n || !is_digit(s[i + 1])) &&
		    ((s[i - 3] == '1' && s[i - 2] == '9') ||
		    (s[i - 3] == '2' && s[i - 2] == '0')))
			return 1;       /* "2012" */
	}
	for (j = 0; digit && j < sizeof(ago) / sizeof(ago[0]); j++) {
		len = strlen(ago[j]);
		for (i = 0; i + len <= n; i++)
			if (s[i] == ago[j][0] && memcmp(s + i, ago[j], len) == 0)
				return 1;
	}
	return 0;
}

/* Is the trimmed line s a comment's stamp (stamp.txt): "Heather on
 * October 23rd, 2012 1:37 pm", "martinealison said..."? 0, or 1 + the
 * index in stamp.txt of the first pattern that matches: the stamps of
 * one thread are alike. Only a line of STAMP_WORDS words or fewer is
 * tried. low and odd as classify_patterns has them. */
static int
is_stamp(struct matcher *m, const struct line *l, const char *s, size_t n,
    const char *low, int odd)
{
	struct relit_subject sub;
	uint64_t req;
	size_t k, i;

	if (n == 0 || n > FLOAT_MAXLEN || l->nw > STAMP_WORDS)
		return 0;
	if (!stamp_cue(s, n))
		return 0;
	sub.s = low;
	sub.n = n;
	sub.odd = odd;
	sub.padded = 1;
	req = reqs_any(&m->stampreq, &sub);
	for (k = 0; k < m->nstamps; k++) {
		i = m->stamps[k];
		if ((req >> k & 1) && match(m, i, s, n))
			return (int)k + 1;
	}
	return 0;
}

static int
is_cjk(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

static int
is_hangul(uint32_t c)
{
	return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) ||
	    (c >= 0x3130 && c <= 0x318f);
}

static int
is_word(uint32_t c)
{
	utf8proc_category_t cat;

	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_';
	if (c == UTF8_INVALID)
		return 0;
	cat = utf8proc_category((utf8proc_int32_t)c);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO
	    ? 1 : (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

static int
is_closer(uint32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201d ||
	    c == 0x2019 || c == 0xbb || c == 0x300d || c == 0x300f ||
	    c == 0xff09 || c == '*';
}

static int
is_term(uint32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
	    c == ',' ||
	    c == 0x2026 || c == 0x3002 || c == 0xff01 || c == 0xff1f ||
	    c == 0xff0e;
}

/* Strip white space (ASCII, NBSP, BOM) from both ends of s[0..n). */
static const char *
trim(const char *s, size_t *n)
{
	uint32_t c;
	size_t k;

	while (*n) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' ||
		    *s == '\v') {
			s++, (*n)--;
			continue;
		}
		if ((unsigned char)*s < 0x80)
			break;
		k = utf8_decode(s, *n, &c);
		if (c != 0xa0 && c != 0xfeff && c != 0x3000)
			break;
		s += k, *n -= k;
	}
	while (*n) {
		unsigned char b = s[*n - 1];

		if (b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == '\v') {
			(*n)--;
			continue;
		}
		if (b < 0x80)
			break;
		k = utf8_prev(s, *n);
		utf8_decode(s + k, *n - k, &c);
		if (c != 0xa0 && c != 0xfeff && c != 0x3000)
			break;
		*n = k;
	}
	return s;
}

/* A hash of s[0..n) with A-Z in lower case, sixteen bytes at a time
 * (hash16), then eight; it only ever meets hashes made in the same run. */
#define HASH_STEP(h, x) ((h) = ((h) ^ (x)) * 0xff51afd7ed558ccdULL, \
	(h) ^= (h) >> 32)

/* h and sixteen bytes a, b: the two halves of a 128-bit product xored
 * (wyhash's "mum"), one multiply where two steps would take two, one
 * after the other; without a 128-bit type, two steps. */
static inline uint64_t
hash16(uint64_t h, uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
	__extension__ unsigned __int128 r = (unsigned __int128)(h ^ a) *
	    (b ^ 0xe7037ed1a0b428dbULL);

	return (uint64_t)r ^ (uint64_t)(r >> 64);
#else
	HASH_STEP(h, a);
	HASH_STEP(h, b);
	return h;
#endif
}

/* The hash goes on over low[0..m), bytes of a line already lowered:
 * sixteen at a time, then eight, then the rest, m % 8 of them, read as
 * eight with NULs after them (low holds them). Only a line's last piece
 * may be of other than a multiple of sixteen. */
static inline uint64_t
hash_more(uint64_t h, const char *low, size_t m)
{
	uint64_t w[2];

	for (; m >= 16; low += 16, m -= 16) {
		memcpy(w, low, 16);
		h = hash16(h, w[0], w[1]);
	}
	if (m >= 8) {
		HASH_STEP(h, swar_load(low, 8));
		low += 8, m -= 8;
	}
	if (m)
		h = (h ^ swar_load(low, 8)) * 0xff51afd7ed558ccdULL;
	return h;
}

/* The hash of a line of n bytes begins with its length, */
static uint64_t
hash_start(size_t n)
{
	return 0x9e3779b97f4a7c15ULL * (n + 1);
}

/* and ends so. */
static uint64_t
hash_end(uint64_t h)
{
	h ^= h >> 29;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return (h ^ h >> 32) | 1;  /* 0 means "none" */
}

/* A hash of s[0..n) with A-Z in lower case: what features gives a line. */
static uint64_t
hash_lower(const char *s, size_t n)
{
	uint64_t h = hash_start(n);
	char low[64 + 8];
	size_t k;

	for (; n; s += k, n -= k) {
		k = MIN(n, 64);
		memset(low + (k & ~(size_t)7), 0, 8);
		scan_lower(s, k, low);
		h = hash_more(h, low, k);
	}
	return hash_end(h);
}

/* The part of a title line before its last " - ", " | ", " – " or " — ". */
static uint64_t
title_prefix(const char *s, size_t n)
{
	size_t i, cut = 0;

	for (i = 1; i + 2 < n; i++) {
		/* to the next '-', '|' or non-ASCII byte */
		i += scan_any(s + i, n - 2 - i, "-|", 2);
		if (i + 2 >= n)
			break;
		if (s[i - 1] != ' ')
			continue;
		if ((s[i] == '-' || s[i] == '|') && s[i + 1] == ' ')
			cut = i - 1;
		else if (i + 4 < n && (unsigned char)s[i] == 0xe2 &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x93 ||
		    (unsigned char)s[i + 2] == 0x94) && s[i + 3] == ' ')
			cut = i - 1;
	}
	if (cut == 0)
		return 0;
	n = cut;
	s = trim(s, &n);
	return n ? hash_lower(s, n) : 0;
}

/*
 * The stop words of a line, by language: sixteen 8-bit counts, eight to
 * a 64-bit word, to which a stop word's languages m (a bit each) add in
 * two adds, whatever its languages: each byte of m is spread to the low
 * bits of eight bytes by the words' table spread. Before a count can
 * overflow, the counts move on to sum.
 */
#define TALLY_MAX 255           /* stop words before the counts move */

struct tally {
	uint64_t c[2];          /* languages 0-7 and 8-15 */
	unsigned n;             /* stop words in c */
	unsigned sum[UB_MAXLANG];
};

/* The stop words of language j. */
static unsigned
tally_get(const struct tally *t, unsigned j)
{
	return t->sum[j] + (unsigned)(t->c[j / 8] >> j % 8 * 8 & 0xff);
}

static void
tally_move(struct tally *t)
{
	unsigned j;

	for (j = 0; j < UB_MAXLANG; j++)
		t->sum[j] = tally_get(t, j);
	t->c[0] = t->c[1] = 0;
	t->n = 0;
}

/* Count a stop word of the languages m. m = 0x0105, languages 0, 2 and
 * 8, adds 0x0000000000010001 to c[0] and 1 to c[1]. */
static inline void
tally_add(const struct words *wt, struct tally *t, unsigned m)
{
	t->c[0] += wt->spread[m & 0xff];
	t->c[1] += wt->spread[m >> 8 & 0xff];
	if (++t->n == TALLY_MAX)
		tally_move(t);
}

/*
 * Words are found 64 bytes at a time, in four steps over each block: a
 * bit per byte says whether it is an ASCII word byte (ascii_bits); the
 * other characters that are letters or digits join them (other_bits); so
 * do apostrophes inside a word (join_apostrophes); then the bits where
 * "in a word" changes are visited in order (visit_words). An ASCII word
 * of up to 16 bytes is then read as its key from the block's bytes, which
 * step 1 lowered (so are the line's hash and the text the patterns are
 * tried on); a longer one, or one with other letters, is read byte by
 * byte.
 */

/* The word s[a..b) byte by byte: one that is long or not ASCII. */
static void
word_slow(const struct words *wt, struct line *l, struct tally *sw,
    const char *s, size_t a, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t k0 = 0, k1 = 0;
	size_t lw = 0, i = a, e, j;
	uint32_t c;
	unsigned m;
	char tmp[4];
	int alpha = 0;

	while (i < b) {
		if (u[i] < 0x80) {
			alpha |= wt->aclass[u[i]] & A_ALPHA;
			SW_PUT(k0, k1, lw, wt->alower[u[i]]);
			i++, lw++;
			continue;
		}
		alpha = 1;
		i += utf8_decode(s + i, b - i, &c);
		e = utf8_enc((uint32_t)utf8proc_tolower(
		    (utf8proc_int32_t)c), tmp);
		for (j = 0; j < e; j++, lw++)
			SW_PUT(k0, k1, lw, (unsigned char)tmp[j]);
	}
	if (!alpha)
		return;
	l->nw++;
	if (lw <= wt->maxlen && (m = sw_lookup(wt, k0, k1)))
		tally_add(wt, sw, m);
}

#define BLOCK_LOW SW_MAX        /* where a block's bytes are in its low */

/* A block of 64 bytes of a line, a bit per byte, and its bytes lowered. */
struct block {
	uint64_t w;             /* in a word */
	uint64_t h;             /* non-ASCII, still to decode */
	uint64_t q;             /* an apostrophe */
	/* the line's bytes with A-Z in lower case: the last 16 of the block
	 * before (a word of up to 16 bytes that ends in this block starts
	 * there at the earliest), the block's 64 (NUL after the line's
	 * end), and 16 NULs that a key of 16 bytes may read */
	char low[BLOCK_LOW + 64 + SW_MAX];
};

/* The word s[a..b), which ends in the block at s + base: count it, and
 * its stop-word languages. An ASCII word of up to 16 bytes is its own
 * key, read at once from the block's lowered bytes. */
static inline void
word(const struct words *wt, struct line *l, struct tally *sw, const char *s,
    const struct block *bk, size_t base, size_t a, size_t b)
{
	uint64_t k0, k1;
	size_t len = b - a, at;
	unsigned m;

	if (len > SW_MAX)
		goto slow;
	at = BLOCK_LOW + a - base;      /* a >= base - SW_MAX */
	k0 = swar_load(bk->low + at, 8) & wt->keymask[len][0];
	k1 = swar_load(bk->low + at + 8, 8) & wt->keymask[len][1];
	if ((k0 | k1) & SWAR_HIGH)
		goto slow;
	/* lowered, an ASCII word's bytes are digits, '_', apostrophes
	 * and a-z (and the NULs of the mask): the letters are the bytes
	 * above '`', 0x61 to 0x7a, which 0x1f more takes to 0x80 */
	if (!(((k0 + SWAR_ONES * 0x1f) | (k1 + SWAR_ONES * 0x1f)) & SWAR_HIGH))
		return;
	l->nw++;
	if (len <= wt->maxlen && (m = sw_lookup(wt, k0, k1)))
		tally_add(wt, sw, m);
	return;
slow:
	word_slow(wt, l, sw, s, a, b);
}

/* Step 1: the ASCII word bytes, non-ASCII bytes and apostrophes of
 * s[0..MIN(n, 64)), and those bytes lowered. "it's 5€" gives w
 * 1101010..., q 0010000... */
static inline void
ascii_bits(struct block *bk, const char *s, size_t n)
{
	char tmp[64];

	if (n < 64) {           /* the line's last block */
		memset(tmp, 0, sizeof(tmp));
		memcpy(tmp, s, n);
		s = tmp;
	}
	scan_wordbits(s, 64, &bk->w, &bk->h, &bk->q);
	memcpy(bk->low, bk->low + 64, BLOCK_LOW);
	scan_lower(s, 64, bk->low + BLOCK_LOW);
}

/* What carries from one block to the next. */
struct carry {
	uint64_t spill;         /* bytes of a character begun before */
	uint64_t spillw;        /* ... which is a letter or digit: ~0 */
	uint64_t prev;          /* the last byte before was in a word */
	size_t ws;              /* where the word being read started */
	unsigned hk;            /* Han and kana characters so far */
	int odd;                /* U+212A or U+017F so far (relit.h) */
};

/* Step 2: the other characters of the block at s + base that are letters
 * or digits are word bytes ("café": the two bytes of é); Han, kana and
 * Hangul are counted. The first may have begun in the last block. */
static inline void
other_bits(struct block *bk, struct carry *cy, struct line *l,
    const char *s, size_t n, size_t base)
{
	size_t b, k;
	uint64_t mk;
	uint32_t c;
	int isw;

	bk->w |= cy->spill & cy->spillw;
	bk->h &= ~cy->spill;
	cy->spill = 0;
	while (bk->h) {
		b = (size_t)__builtin_ctzll(bk->h);
		k = utf8_decode(s + base + b, n - base - b, &c);
		cy->odd |= c == 0x212a || c == 0x17f;
		isw = is_word(c);
		if (isw && c >= 0x1100) {
			if (is_cjk(c))
				cy->hk++, l->ncjk++;
			else if (is_hangul(c))
				l->ncjk++;
		}
		mk = ~(~0ULL << k) << b;   /* k < 64 */
		if (b + k > 64)
			cy->spill = ~(~0ULL << (b + k - 64));
		cy->spillw = isw ? ~0ULL : 0;
		if (isw)
			bk->w |= mk;
		bk->h &= ~mk;
	}
}

/* Step 3: "don't" is one word: an apostrophe between a word character
 * and an ASCII letter is a word byte ("'quoted'" and "9'" are not). */
static inline void
join_apostrophes(struct block *bk, const struct carry *cy,
    const struct words *wt, const char *s, size_t n, size_t base)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t q = bk->q;
	size_t b, i;

	while (q) {
		b = (size_t)__builtin_ctzll(q);
		q &= q - 1;
		i = base + b;
		if ((b ? bk->w >> (b - 1) & 1 : cy->prev) && i + 1 < n &&
		    u[i + 1] < 0x80 && (wt->aclass[u[i + 1]] & A_ALPHA))
			bk->w |= 1ULL << b;
	}
}

/* Step 4: visit the words the block ends, in order: a word that goes on
 * past the block's end is counted with the next block. Starts and ends
 * alternate; a word begun in the last block ends first. */
static inline void
visit_words(const struct block *bk, struct carry *cy,
    const struct words *wt, struct line *l, struct tally *sw, const char *s,
    size_t base)
{
	uint64_t w = bk->w, st, en;
	size_t a = cy->ws;

	st = w & ~(w << 1 | cy->prev);
	en = ~w & (w << 1 | cy->prev);
	if (!cy->prev) {
		if (!st)
			return;         /* no word: w is 0 */
		a = base + (size_t)__builtin_ctzll(st);
		st &= st - 1;
	}
	for (; en; en &= en - 1) {
		word(wt, l, sw, s, bk, base, a,
		    base + (size_t)__builtin_ctzll(en));
		if (!st)
			break;
		a = base + (size_t)__builtin_ctzll(st);
		st &= st - 1;
	}
	cy->ws = a;
	cy->prev = w >> 63;
}

/* Terminal punctuation, looking through closing quotes: "He left." and
 * "He left.\xe2\x80\x9d" end a sentence; "Home" does not; "Tags:" ends
 * with a colon. */
static void
line_end(struct line *l, const char *s, size_t n)
{
	size_t i, k;
	uint32_t c;

	for (i = n; i > 0; i = k) {
		if ((unsigned char)s[i - 1] < 0x80) {
			k = i - 1;
			c = (unsigned char)s[k];
		} else {
			k = utf8_prev(s, i);
			utf8_decode(s + k, i - k, &c);
		}
		if (!is_closer(c)) {
			l->term = is_term(c);
			l->colon = c == ':' || c == 0xff1a;
			break;
		}
	}
}

/* Weigh the words: Han and kana count 1/2.5 each when they outnumber
 * the words ("市议会周一表示" is one word of 7 characters: 2), and each
 * language's stop words per word, * 256. */
static void
weigh(struct line *l, const struct tally *sw, unsigned hk)
{
	unsigned j, c;

	l->nwe = l->nw;
	if (hk * 2 > l->nwe * 5)
		l->nwe = hk * 2 / 5;
	for (j = 0; j < ub_nlangs; j++) {
		c = tally_get(sw, j);   /* most are 0: no division */
		l->dens[j] = c ? (unsigned char)MIN(255u, c * 256 / l->nw) : 0;
	}
}

/* Words, stop words, CJK, terminal punctuation of the trimmed line s, and
 * the hash of its ASCII-lowered text; when low is not NULL and the line
 * is of PAT_MAXLEN bytes or fewer, that text into low, and RELIT_PAD NULs
 * after it (classify_patterns reads it). Returns whether the line holds
 * U+212A or U+017F, which the patterns' strings cannot tell (relit.h: the
 * character decoded here is where relit_odd_case would find its bytes).
 */
static int
features(const struct words *wt, struct line *l, const char *s, size_t n,
    char *low)
{
	struct tally sw;
	struct carry cy = { 0, 0, 0, 0, 0, 0 };
	struct block bk;
	uint64_t h = hash_start(n);
	size_t base;

	memset(&sw, 0, sizeof(sw));
	memset(bk.low + 64, 0, sizeof(bk.low) - 64);
	if (n > PAT_MAXLEN)
		low = NULL;

	/* the last word may end at n, in a block of its own */
	for (base = 0; base < n || (base == n && cy.prev); base += 64) {
		ascii_bits(&bk, s + base, n - base);
		h = hash_more(h, bk.low + BLOCK_LOW, MIN(n - base, 64));
		if (low)
			memcpy(low + base, bk.low + BLOCK_LOW, 64);
		other_bits(&bk, &cy, l, s, n, base);
		join_apostrophes(&bk, &cy, wt, s, n, base);
		visit_words(&bk, &cy, wt, l, &sw, s, base);
	}
	if (low)                /* relit_multi_any may read past n */
		memset(low + n, 0, RELIT_PAD);
	l->hash = hash_end(h);
	line_end(l, s, n);
	weigh(l, &sw, cy.hk);
	return cy.odd;
}

void
unboiler_count_words(const struct unboiler *u, const char *s, size_t n,
    struct unboiler_words *w)
{
	struct line l;

	memset(&l, 0, sizeof(l));
	features(&u->w, &l, s, n, NULL);
	w->nw = l.nw;
	w->nwe = l.nwe;
	w->ncjk = l.ncjk;
	memcpy(w->dens, l.dens, sizeof(w->dens));
}

/* The hash of a line's words, lower case, digits as 0, single spaces
 * between them and nothing else; 0 when it has no word. */
#define FNV0 0xcbf29ce484222325ULL

static uint64_t
norm_hash(const struct words *wt, const char *s, size_t n)
{
	uint64_t h = FNV0;
	size_t i = 0, k, e, j;
	uint32_t c;
	char tmp[4];
	int sep = 0, any = 0;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &c);
		i += k;
		if (!is_word(c)) {
			sep = any;
			continue;
		}
		if (sep)
			h = (h ^ ' ') * 0x100000001b3ULL;
		sep = 0;
		any = 1;
		if (c < 0x80) {
			tmp[0] = c >= '0' && c <= '9' ? '0' :
			    (char)wt->alower[c];
			e = 1;
		} else if (utf8proc_category((utf8proc_int32_t)c) ==
		    UTF8PROC_CATEGORY_ND) {
			tmp[0] = '0';
			e = 1;
		} else {
			e = utf8_enc((uint32_t)utf8proc_tolower(
			    (utf8proc_int32_t)c), tmp);
		}
		for (j = 0; j < e; j++)
			h = (h ^ (unsigned char)tmp[j]) * 0x100000001b3ULL;
	}
	return any ? h | 1 : 0;
}

/* ------------------------------------------------------------ counts */

/*
 * A table of line counts is open addressing with linear probing: COUNTS_CAP
 * slots of 12 bytes (6 MiB), allocated at once and never filled beyond
 * 3/4, so it holds at most LEARN_MAX lines. It never grows, so there is no
 * second table while the first is copied: calloc leaves the pages it maps
 * untouched until a line is put there, and a table that fills takes its
 * 6 MiB and no more. When a new line finds it full, the lines of the
 * fewest documents are forgotten, in place, until at most half of it is
 * left (pruned says up to which count), so that the lines frequent across
 * documents are the ones kept. Writing sorts the entries in the table
 * itself.
 */
static uint64_t
count_hash(const struct count *e)
{
	return (uint64_t)e->hi << 32 | e->lo;
}

static size_t
count_home(const struct counts *c, uint64_t h)
{
	return (size_t)(h ^ (h >> 29)) & (c->cap - 1);
}

static struct count *
counts_slot(struct counts *c, uint64_t h)
{
	size_t j = count_home(c, h), mask = c->cap - 1;

	while ((c->t[j].lo | c->t[j].hi) && count_hash(&c->t[j]) != h)
		j = (j + 1) & mask;
	return &c->t[j];
}

static uint32_t
counts_get(struct counts *c, uint64_t h)
{
	return c->cap && h ? counts_slot(c, h)->n : 0;
}

/* Empty slot i, and move back each entry after it that the slot kept from
 * its home (Knuth's algorithm R), so that every entry stays reachable. */
static void
counts_del(struct counts *c, size_t i)
{
	size_t j = i, k, mask = c->cap - 1;

	for (;;) {
		memset(&c->t[i], 0, sizeof(c->t[i]));
		do {
			j = (j + 1) & mask;
			if (!(c->t[j].lo | c->t[j].hi))
				return;
			k = count_home(c, count_hash(&c->t[j]));
		} while (i <= j ? i < k && k <= j : i < k || k <= j);
		c->t[i] = c->t[j];
		i = j;
	}
}

/* The entries of more than f documents. */
static size_t
counts_above(const struct counts *c, uint32_t f)
{
	size_t i, k = 0;

	for (i = 0; i < c->cap; i++)
		k += (c->t[i].lo | c->t[i].hi) && c->t[i].n > f;
	return k;
}

/* Forget the lines of the fewest documents: those of at most f, the
 * smallest f that leaves at most half of LEARN_MAX (1 when most lines
 * are in one document, as usual; else found by halving). A deletion may
 * move a later entry into the slot just looked at, so it is looked at
 * again. */
static void
counts_prune(struct counts *c)
{
	uint32_t lo = 1, hi = UINT32_MAX, f;
	size_t i;

	if (counts_above(c, 1) > LEARN_MAX / 2) {
		for (lo = 2; lo < hi;) {
			f = lo + (hi - lo) / 2;
			if (counts_above(c, f) <= LEARN_MAX / 2)
				hi = f;
			else
				lo = f + 1;
		}
	}
	for (i = 0; i < c->cap;) {
		if ((c->t[i].lo | c->t[i].hi) && c->t[i].n <= lo) {
			counts_del(c, i);
			c->len--;
		} else {
			i++;
		}
	}
	c->pruned = MAX(c->pruned, lo);
}

/* Add n documents to hash h. */
static void
counts_add(struct counts *c, uint64_t h, uint32_t n)
{
	struct count *e;

	if (!h)
		return;
	if (!c->t) {
		c->t = ecalloc(COUNTS_CAP, sizeof(*c->t));
		c->cap = COUNTS_CAP;
	}
	e = counts_slot(c, h);
	if (!(e->lo | e->hi)) {
		if (c->len == LEARN_MAX) {
			counts_prune(c);
			e = counts_slot(c, h);
		}
		e->lo = (uint32_t)h;
		e->hi = (uint32_t)(h >> 32);
		c->len++;
	}
	e->n = e->n > UINT32_MAX - n ? UINT32_MAX : e->n + n;
}

static void
counts_free(struct counts *c)
{
	free(c->t);
	memset(c, 0, sizeof(*c));
}

/* Read the count file fp (named path) into c, keeping the entries of at
 * least min documents; with c NULL only check it. 0, or 1 after saying
 * why. */
static int
counts_parse(struct counts *c, FILE *fp, const char *path, uint32_t min,
    struct diag *dg)
{
	char line[256], *end;
	unsigned long long h, n, docs;
	size_t lineno = 0;

	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		if (line[0] == '#') {
			if (!c)
				continue;
			if (sscanf(line, "# documents %llu", &docs) == 1)
				c->docs += docs;
			else if (sscanf(line, "# forgot lines of at most %llu",
			    &n) == 1)
				c->pruned = (uint32_t)MAX(c->pruned,
				    MIN(n, UINT32_MAX));
			continue;
		}
		if (line[0] == '\n')
			continue;
		errno = 0;
		h = strtoull(line, &end, 16);
		if (end == line || *end != ' ' || errno)
			goto bad;
		n = strtoull(end + 1, &end, 10);
		if (*end != '\n' || errno || n == 0 || n > UINT32_MAX || h == 0)
			goto bad;
		if (c && n >= min)
			counts_add(c, h, (uint32_t)n);
	}
	if (ferror(fp)) {
		diag_warn(dg, "%s", path);
		return 1;
	}
	return 0;
bad:
	diag_warnx(dg, "%s:%zu: not a line count", path, lineno);
	return 1;
}

/* Read the count file path into c (NULL: only check it); a missing file is
 * empty if missing_ok. 0, or 1 after saying why. */
static int
counts_read(struct counts *c, const char *path, uint32_t min, int missing_ok,
    struct diag *dg)
{
	FILE *fp;
	int ret;

	if (!(fp = fopen(path, "r"))) {
		if (missing_ok && errno == ENOENT)
			return 0;
		diag_warn(dg, "%s", path);
		return 1;
	}
	ret = counts_parse(c, fp, path, min, dg);
	fclose(fp);
	return ret;
}

/* Sift v[i] down the heap v[0..n) (largest hash at the top). */
static void
count_sift(struct count *v, size_t i, size_t n)
{
	struct count t;
	size_t k;

	for (; (k = 2 * i + 1) < n; i = k) {
		if (k + 1 < n && count_hash(&v[k + 1]) > count_hash(&v[k]))
			k++;
		if (count_hash(&v[k]) <= count_hash(&v[i]))
			break;
		t = v[i], v[i] = v[k], v[k] = t;
	}
}

/* Sort v[0..n) by hash in place (heapsort: qsort may allocate a copy). */
static void
count_sort(struct count *v, size_t n)
{
	struct count t;
	size_t i;

	for (i = n / 2; i-- > 0;)
		count_sift(v, i, n);
	for (i = n; i-- > 1;) {
		t = v[0], v[0] = v[i], v[i] = t;
		count_sift(v, 0, i);
	}
}

/* Write c (sorted by hash, in its own table, which is then no longer a
 * hash table) to tmp; 0, or 1 after saying why and removing tmp. */
static int
counts_put(struct counts *c, const char *tmp, struct diag *dg)
{
	size_t i, n = 0;
	FILE *fp;
	int bad;

	for (i = 0; i < c->cap; i++)
		if (c->t[i].lo | c->t[i].hi)
			c->t[n++] = c->t[i];
	count_sort(c->t, n);
	c->len = c->cap = 0;
	if (!(fp = fopen(tmp, "w"))) {
		diag_warn(dg, "%s", tmp);
		return 1;
	}
	fprintf(fp, "# unboiler line counts: hash, documents\n");
	fprintf(fp, "# documents %llu\n", c->docs);
	if (c->pruned)
		fprintf(fp, "# forgot lines of at most %u documents\n",
		    (unsigned)c->pruned);
	for (i = 0; i < n; i++)
		fprintf(fp, "%016llx %u\n",
		    (unsigned long long)count_hash(&c->t[i]),
		    (unsigned)c->t[i].n);
	/* a full disk shows at a write, at the flush, at fsync or at close */
	bad = fflush(fp) != 0 || ferror(fp);
	if (!bad && fsync(fileno(fp)) < 0 && errno != EINVAL &&
	    errno != ENOTSUP)
		bad = 1;
	if (fclose(fp) != 0)
		bad = 1;
	if (bad) {
		diag_warn(dg, "%s", tmp);
		unlink(tmp);
		return 1;
	}
	return 0;
}

/* Open and lock (flock, exclusive) the count file path, made empty if it
 * is not there (*created), and the one at path when the lock is had:
 * another run may have replaced it while this one waited. The fd, or -1
 * after saying why. */
static int
counts_lock(const char *path, int *created, struct diag *dg)
{
	struct stat a, b;
	int fd;

	for (;;) {
		*created = 0;
		if ((fd = open(path, O_RDONLY)) < 0) {
			if (errno != ENOENT)
				goto bad;
			fd = open(path, O_RDONLY | O_CREAT | O_EXCL, 0666);
			if (fd < 0 && errno == EEXIST)
				continue;
			if (fd < 0)
				goto bad;
			*created = 1;
		}
		while (flock(fd, LOCK_EX) < 0)
			if (errno != EINTR)
				goto badfd;
		if (fstat(fd, &a) < 0)
			goto badfd;
		if (stat(path, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return fd;
		close(fd);
	}
badfd:
	close(fd);
bad:
	diag_warn(dg, "%s", path);
	return -1;
}

/*
 * Add c to the count file path: under an exclusive lock on the file, read
 * it, add its counts to c, write the sum to path.tmp and rename that over
 * path. Runs that learn at once each add theirs in turn: N runs over parts
 * of a corpus give the counts one run over all of it gives (as long as
 * none forgets lines). On a failure path is left as it was, without a
 * temporary file. 0, or 1 after saying why.
 */
static int
counts_save(struct counts *c, const char *path, struct diag *dg)
{
	size_t len = strlen(path) + 8;
	char *tmp = emalloc(len);
	FILE *fp = NULL;
	int fd, fd2, created, ret = 1;

	snprintf(tmp, len, "%s.tmp", path);
	if ((fd = counts_lock(path, &created, dg)) < 0)
		goto out;
	if ((fd2 = dup(fd)) < 0 || !(fp = fdopen(fd2, "r"))) {
		diag_warn(dg, "%s", path);
		if (fd2 >= 0)
			close(fd2);
		goto fail;
	}
	if (counts_parse(c, fp, path, 1, dg) || counts_put(c, tmp, dg))
		goto fail;
	if (rename(tmp, path) < 0) {
		diag_warn(dg, "%s", path);
		unlink(tmp);
		goto fail;
	}
	ret = 0;
	goto unlock;
fail:
	if (created)            /* the empty file this run made */
		unlink(path);
unlock:
	if (fp)
		fclose(fp);
	close(fd);              /* and the lock goes */
out:
	free(tmp);
	return ret;
}

/* Count each distinct normalised line of the document once (a document
 * of more than MAX_LINES lines: once per piece). */
static void
learn_doc(struct doc *x, struct counts *learned)
{
	size_t i, j, cap, mask;
	uint64_t h;

	for (cap = 16; cap < x->nl * 2; cap *= 2)
		;
	if (cap > x->capdh) {
		x->capdh = cap;
		x->dh = erealloc(x->dh, cap * sizeof(*x->dh));
	}
	mask = cap - 1;
	memset(x->dh, 0, cap * sizeof(*x->dh));
	for (i = 0; i < x->nl; i++) {
		if (!(h = x->l[i].nhash))
			continue;
		for (j = (size_t)h & mask; x->dh[j] && x->dh[j] != h;)
			j = (j + 1) & mask;
		if (x->dh[j])
			continue;
		x->dh[j] = h;
		counts_add(learned, h, 1);
	}
}

/* ------------------------------------------------------------ lines */

static void
grow(struct doc *x, size_t nl)
{
	if (nl <= x->capl)
		return;
	x->capl = MAX(nl, x->capl * 2);
	x->l = erealloc(x->l, x->capl * sizeof(*x->l));
}

/* The number an item of a numbered list starts with, 1 to 255, when
 * words follow it: "3. Whisk the eggs", "2a etapa: 8 de abril", "10)
 * Olive wood spoon"; else 0 ("2012 was a year", "3", "1,000 people").
 * *head: a hash of the word after it, or 0. */
static unsigned char
item_number(const char *s, size_t n, unsigned nw, unsigned short *head)
{
	size_t i, j;
	unsigned v = 0, h = 0;

	*head = 0;
	for (i = 0; i < n && i < 3 && is_digit(s[i]); i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	if (i == 0 || i == n || v == 0 || v > 255 || nw < 3)
		return 0;
	if (s[i] == 'a' || s[i] == 'o')         /* "1a", "2o": ordinals */
		i++;
	if (i < n && (s[i] == '.' || s[i] == ')' || s[i] == ':'))
		i++;
	if (i >= n || s[i] != ' ')
		return 0;
	if (i + 2 < n && s[i + 1] == '-' && s[i + 2] == ' ')
		i += 2;         /* "1 - Active User Involvement" */
	else if (i + 4 < n && !memcmp(s + i + 1, "\xe2\x80", 2) &&
	    (s[i + 3] == '\x93' || s[i + 3] == '\x94') && s[i + 4] == ' ')
		i += 4;         /* an en or em dash */
	for (j = i + 1; j < n && s[j] != ' '; j++)
		h = h * 31 + (unsigned char)(s[j] | 0x20);
	*head = (unsigned short)(h | 1);
	return (unsigned char)v;
}

/* The bytes of l in the document p, without its newline. */
static size_t
text_len(const char *p, const struct line *l)
{
	return l->len - (p[l->off + l->len - 1] == '\n');
}

/* Does the line l hold the line s and then the beginning of the line
 * after s: "Para one. Para two. Para three." after "Para one." and
 * "Para two."? p is the document. */
static int
runs_on(const char *p, const struct line *l, const struct line *s,
    const struct line *next)
{
	const char *lt, *st, *nt;
	size_t ln = text_len(p, l), sn = text_len(p, s), nn = text_len(p, next);
	size_t k;

	lt = trim(p + l->off, &ln);
	st = trim(p + s->off, &sn);
	nt = trim(p + next->off, &nn);
	if (sn >= ln || memcmp(lt, st, sn) != 0)
		return 0;
	for (k = sn; k < ln && (lt[k] == ' ' || lt[k] == '\t'); k++)
		;
	nn = MIN(nn, COPY_HEAD / 2);
	return ln - k >= nn && memcmp(lt + k, nt, nn) == 0;
}

/* The slot of the head hash h in x's heads: where its latest line is,
 * or the empty one where it would go. */
static size_t
head_slot(const struct doc *x, size_t mask, uint64_t h)
{
	size_t j;

	for (j = h & mask; x->heads[j] != (size_t)-1 &&
	    x->l[x->heads[j]].headhash != h;)
		j = (j + 1) & mask;
	return j;
}

/* Mark the lines of x that are other lines run together ("Good morning!
 * This is the tech news ... The New York state attorney general ..."
 * after the same paragraphs one by one): a copy, as a repeated line is.
 * Of the lines that begin alike, COPY_TRIES are tried. */
static void
copies(struct doc *x, const char *p)
{
	size_t i, j, cap, mask, t;
	uint32_t k;
	struct line *l;

	for (cap = 16; cap < x->nl * 2; cap *= 2)
		;
	if (cap > x->capheads) {
		x->capheads = cap;
		x->heads = erealloc(x->heads, cap * sizeof(*x->heads));
	}
	mask = cap - 1;
	for (i = 0; i < cap; i++)
		x->heads[i] = (size_t)-1;
	/* the lines that begin alike, the latest in heads, each one's
	 * the one before in headnext */
	for (i = 0; i < x->nl; i++) {
		l = &x->l[i];
		l->copy = 0;
		l->headnext = UINT32_MAX;
		if (!l->headhash)
			continue;
		j = head_slot(x, mask, l->headhash);
		if (x->heads[j] != (size_t)-1)
			l->headnext = (uint32_t)x->heads[j];
		x->heads[j] = i;
	}
	for (i = 0; i < x->nl; i++) {
		l = &x->l[i];
		if (!l->headhash)
			continue;
		j = head_slot(x, mask, l->headhash);
		for (k = (uint32_t)x->heads[j], t = 0;
		    k != UINT32_MAX && t < COPY_TRIES;
		    k = x->l[k].headnext, t++)
			if (k != i && k + 1 < x->nl && k + 1 != i &&
			    runs_on(p, l, &x->l[k], &x->l[k + 1])) {
				l->copy = 1;
				break;
			}
	}
}

/* Is c a list's bullet: "•", "·", "▪", "●", "◦", "‣", "►", "–", "-", "*"? */
static int
is_bullet(uint32_t c)
{
	return c == 0x2022 || c == 0xb7 || c == 0x25aa || c == 0x25cf ||
	    c == 0x25e6 || c == 0x2023 || c == 0x25ba || c == 0x2013 ||
	    c == '-' || c == '*';
}

/* A hash of the first SKEL_MARKS punctuation marks and numbers of a
 * short line, in order, its words and spaces left out: "June 9 - Tampa,
 * FL @ Arena" and "June 14 - Alpharetta, GA @ Ameris Bank Amphitheatre
 * (Formerly Verizon Amphitheatre)" both begin "0-,"; 0 when the line
 * has none but numbers ("Formula 1") or is longer than SKEL_MAXLEN bytes.
 * A line that begins with a bullet and a space hashes the bullet alone:
 * "• Amazon Kindle (DX)" and "• Barnes & Noble Nook" are alike. The
 * items of a list are alike. */
static uint32_t
skeleton(const struct words *wt, const char *s, size_t n)
{
	uint32_t h = 2166136261u, c;
	size_t i, k;
	int punct = 0, digit = 0, marks = 0;

	if (n > SKEL_MAXLEN)
		return 0;
	if ((k = utf8_decode(s, n, &c)) != 0 && k < n && s[k] == ' ' &&
	    is_bullet(c))
		return ((h ^ c) * 16777619u) | 1;
	for (i = 0; i < n && marks < SKEL_MARKS; i += k) {
		c = (unsigned char)s[i];
		k = 1;
		if (c < 0x80 && (c == ' ' || ((wt->aclass[c] & A_ALPHA)))) {
			digit = 0;
			continue;       /* the common case: a letter, a space */
		}
		if (c >= 0x80 && (k = utf8_decode(s + i, n - i, &c)) == 0)
			k = 1;
		if (c >= '0' && c <= '9') {
			if (!digit) {
				h = (h ^ '0') * 16777619u;
				marks++;
			}
			digit = 1;
			continue;
		}
		digit = 0;
		if (c == ' ' || c == '\t' || is_word(c))
			continue;
		h = (h ^ c) * 16777619u;
		punct = 1;
		marks++;
	}
	return punct ? h | 1 : 0;
}

/* Does the line s run a headline into its summary with no space between
 * ("Council delays budget voteThe mayor said ...", "... in JuneThe
 * health board ...")? Two small letters, then a capital that begins a
 * stop word of three letters or more, in small letters, a space and a
 * small letter; not "WordPress", "iPhone", "macOS is", "LinkedIn co",
 * "StumbleUpon - we". */
static int
glued(const struct words *wt, const char *s, size_t n)
{
	uint64_t k0, k1;
	size_t i, j;

	if (n > PAT_MAXLEN)
		return 0;
	for (i = 2; i + 1 < n; i++) {
		if (s[i] < 'A' || s[i] > 'Z' || s[i - 1] < 'a' ||
		    s[i - 1] > 'z' || s[i - 2] < 'a' || s[i - 2] > 'z')
			continue;
		k0 = wt->alower[(unsigned char)s[i]];
		k1 = 0;
		for (j = i + 1; j < n && s[j] >= 'a' && s[j] <= 'z' &&
		    j - i < SW_MAX; j++)
			SW_PUT(k0, k1, j - i, (unsigned char)s[j]);
		if (j - i >= 3 && j + 1 < n && s[j] == ' ' &&
		    s[j + 1] >= 'a' && s[j + 1] <= 'z' &&
		    j - i <= wt->maxlen && sw_lookup(wt, k0, k1))
			return 1;
	}
	return 0;
}

/* 1 + the minutes since midnight of the first time of day in s[0..n),
 * or 0: "cia 3:16 PM 0 CIA Director ..." 916, "14:05 Markets close" 846,
 * "Leaderboard 1:44p" 824, "9:15 people" 556; not "Score 3:1" (one
 * digit after the colon), "Psalm 119:105" (three before it), "25:70"
 * (out of range); "12:30:45" is 12:30. */
static unsigned short
clock_of(const char *s, size_t n)
{
	const char *c, *e = s + n;
	unsigned h, m;
	size_t i;

	for (c = s; (c = memchr(c, ':', (size_t)(e - c))) != NULL; c++) {
		if (c == s || !is_digit(c[-1]) || e - c < 3 ||
		    !is_digit(c[1]) || !is_digit(c[2]) ||
		    (e - c > 3 && is_digit(c[3])))
			continue;
		h = (unsigned)(c[-1] - '0');
		if (c - s >= 2 && is_digit(c[-2])) {
			h += 10 * (unsigned)(c[-2] - '0');
			if (c - s >= 3 && is_digit(c[-3]))
				continue;
		}
		m = 10 * (unsigned)(c[1] - '0') + (unsigned)(c[2] - '0');
		if (h > 23 || m > 59)
			continue;
		for (i = 3; c + i < e && c[i] == ' '; i++)
			;
		if (c + i < e && (c + i + 1 == e || (c[i + 1] | 0x20) == 'm' ||
		    !is_alpha(c[i + 1]))) {  /* "5:47 PM", "p.m.", "1:44p" */
			if ((c[i] | 0x20) == 'p' && h < 12)
				h += 12;
			else if ((c[i] | 0x20) == 'a' && h == 12)
				h = 0;
		}
		return (unsigned short)(1 + h * 60 + m);
	}
	return 0;
}

/* Split the document into non-blank lines and measure each, up to
 * MAX_LINES of them; return the bytes taken. */
static size_t
scan(struct unboiler *u, const char *p, size_t n)
{
	struct doc *x = &u->x;
	size_t off = 0, blank = 0, len, tn;
	const char *e, *t;
	struct line *l;
	char low[PAT_MAXLEN + 64];      /* a short line lowered: features */
	char pad[PAT_MAXLEN + 64];      /* ... and as it is, NULs after it */
	int odd;

	x->nl = 0;
	while (off < n && x->nl < MAX_LINES) {
		e = memchr(p + off, '\n', n - off);
		len = e ? (size_t)(e - (p + off)) + 1 : n - off;
		tn = len - (e != NULL);
		t = trim(p + off, &tn);
		if (tn == 0) {
			blank += len;
			off += len;
			continue;
		}
		grow(x, x->nl + 1);
		l = &x->l[x->nl++];
		memset(l, 0, sizeof(*l));
		l->off = off;
		l->len = len;
		l->blank = blank;
		blank = 0;
		odd = features(&u->w, l, t, tn, low);
		if (l->nw <= 2 * REPEAT_MAX)
			l->prefhash = title_prefix(t, tn);
		if (u->learnfile || u->knownfile) {
			l->nhash = norm_hash(&u->w, t, tn);
			l->known = u->knownfile &&
			    counts_get(&u->known, l->nhash) >= u->mindocs;
		}
		if (tn <= PAT_MAXLEN) {
			/* PCRE2's JIT may read a little past the end of
			 * its subject (valgrind says so when the record's
			 * buffer ends there): it reads NULs here */
			memcpy(pad, t, tn);
			memset(pad + tn, 0, 64);
			classify_patterns(&u->m, l, pad, tn, low, odd);
			l->stamp = is_stamp(&u->m, l, pad, tn, low, odd);
		}
		l->num = item_number(t, tn, l->nw, &l->numhead);
		if (tn >= COPY_HEAD)
			l->headhash = hash_lower(t, COPY_HEAD) | 1;
		l->skel = skeleton(&u->w, t, tn);
		if (l->nw >= GLUED_WORDS)
			l->glued = (unsigned char)glued(&u->w, t, tn);
		if (l->nw >= RIVER_WORDS)
			l->clock = clock_of(t, tn);
		off += len;
	}
	return x->nl < MAX_LINES ? n : off;
}

/* The slot of hash h in x's repetition set: where it is, or the empty
 * one where it would go. */
static size_t
ht_slot(const struct doc *x, size_t mask, uint64_t h)
{
	size_t j;

	for (j = h & mask; x->ht[j] && x->ht[j] != h;)
		j = (j + 1) & mask;
	return j;
}

/* Count lines by hash among the active ones; mark repeats and titles. */
static void
repeats(struct doc *x, size_t na)
{
	size_t i, j, cap, mask;
	struct line *l;

	for (cap = 16; cap < na * 2; cap *= 2)
		;
	if (cap > x->capht) {
		x->capht = cap;
		x->ht = erealloc(x->ht, cap * sizeof(*x->ht));
		x->htn = erealloc(x->htn, cap * sizeof(*x->htn));
		x->htlast = erealloc(x->htlast, cap * sizeof(*x->htlast));
	}
	mask = cap - 1;
	memset(x->ht, 0, cap * sizeof(*x->ht));
	for (i = 0; i < na; i++) {
		l = &x->l[x->act[i]];
		j = ht_slot(x, mask, l->hash);
		if (!x->ht[j]) {
			x->ht[j] = l->hash;
			x->htn[j] = 0;
		}
		x->htn[j] += 1;
	}
	/* a repeated short line is boilerplate; a title "Head - Site" marks
	 * itself and the line "Head" */
	for (i = 0; i < na; i++) {
		l = &x->l[x->act[i]];
		l->dup = 0;
		if (!l->prefhash || l->nw > 2 * REPEAT_MAX)
			continue;
		j = ht_slot(x, mask, l->prefhash);
		if (x->ht[j]) {
			x->htn[j] |= TITLE_BIT;
			l->dup = 2;
		}
	}
	for (i = 0; i < na; i++) {
		l = &x->l[x->act[i]];
		j = ht_slot(x, mask, l->hash);
		if (x->htn[j] & TITLE_BIT)
			l->dup = 2;
		else if ((x->htn[j] & ~(TITLE_BIT | SEEN_BIT)) > 1 &&
		    ((l->nw <= REPEAT_MAX && !l->term) ||
		    (x->htn[j] & SEEN_BIT)))
			l->dup = 1;  /* short: every copy; long: all but the first */
		x->htn[j] |= SEEN_BIT;
	}
	for (i = 0; i < na; i++)
		if (x->l[x->act[i]].copy)
			x->l[x->act[i]].dup = 4;
	/* a short line repeated every few lines, no copy next to another,
	 * is an item's field ("Price: $25" under each item of a gift guide;
	 * not "Home" in the menus above and under the article) */
	for (i = 0; i < na; i++) {
		l = &x->l[x->act[i]];
		if (l->dup != 1)
			continue;
		j = ht_slot(x, mask, l->hash);
		if (x->htn[j] & NEXT_BIT && (i - x->htlast[j] < 2 ||
		    i - x->htlast[j] > ITEM_GAP))
			x->htn[j] |= FAR_BIT;
		x->htn[j] |= NEXT_BIT;
		x->htlast[j] = i;
	}
	for (i = 0; i < na; i++) {
		l = &x->l[x->act[i]];
		if (l->dup != 1 || l->nw > REPEAT_MAX || l->term)
			continue;
		j = ht_slot(x, mask, l->hash);
		if (!(x->htn[j] & FAR_BIT))
			l->dup = 3;
	}
}

/* The language of the active lines: the one whose stop words are most
 * frequent, or -1 when no list has LANG_MIN/256 of them a word. */
static int
pick_lang(const struct doc *x, size_t na, int forcelang)
{
	unsigned long long tot[UB_MAXLANG] = { 0 }, best = 0, words = 0;
	size_t i, j;
	int lang = -1;

	if (forcelang >= 0)
		return forcelang;
	for (i = 0; i < na; i++) {
		const struct line *l = &x->l[x->act[i]];

		words += l->nw;
		/* all UB_MAXLANG, a count the compiler knows (the rest are
		 * 0): the adds go two at a time */
		for (j = 0; j < UB_MAXLANG; j++)
			tot[j] += (unsigned long long)l->dens[j] * l->nw;
	}
	for (j = 0; j < ub_nlangs; j++)
		if (tot[j] > best) {
			best = tot[j];
			lang = (int)j;
		}
	/* too few stop words of any list: a language we have no list for */
	if (best < words * LANG_MIN)
		lang = -1;
	return lang;
}

/* ------------------------------------------------------------ decisions */

/* What a line's class is decided from. */
struct shape {
	unsigned nwe;           /* words, CJK weighted */
	unsigned dens;          /* stop words per word * 256, or what
	                         * stands in for them (line_density) */
	int term;               /* ends with terminal punctuation */
	int pkind;              /* 0, or 1 + the kind of its pattern */
	int known;              /* in -n documents of -k's file */
	int dup;                /* 1 repeated, 2 a title or its headline,
	                         * 3 a short line repeated apart, 4 lines
	                         * run together (copies) */
};

struct verdict {
	unsigned char cls, why;
};

/* The stop-word density of l in language lang. Without stop words to
 * count (Chinese, Japanese, Korean, or a language we have no list for),
 * terminal punctuation stands in for them: "市议会周一表示，计划将继续。"
 * has TERM_DENS, "最新新闻 体育 财经" NOTERM_DENS. */
static unsigned
line_density(const struct line *l, int lang)
{
	if ((l->ncjk > CJK_MIN && l->ncjk > l->nw) || lang < 0)
		return l->term ? TERM_DENS : NOTERM_DENS;
	return l->dens[lang];
}

/* The class of a line on its own, and why. */
static struct verdict
classify(const struct shape *s)
{
	struct verdict v = { C_BAD, W_BAD_SHAPE };

	if (s->pkind) {
		/* "Share this:" (line.txt), "12 Comments" (end.txt),
		 * "Related stories" (soft.txt) */
		v.why = s->pkind == 1 + UB_PAT_END ? W_END :
		    s->pkind == 1 + UB_PAT_SOFT ? W_SOFT : W_PATTERN;
	} else if (s->known) {
		/* "The Riverside Courier is an independent newspaper..."
		 * in -n documents of the -k file */
		v.why = W_KNOWN;
	} else if ((s->dup == 1 && s->term) || s->dup == 3) {
		/* "What will change?" asked twice in an interview: a
		 * repeated sentence counts as short */
		v.cls = C_SHORT;
		v.why = W_REPEAT;
	} else if (s->dup) {
		/* "Two cats" under both copies of a photo; "Plan passes -
		 * The Courier" and "Plan passes"; "Para one. Para two."
		 * after them one by one */
		v.why = s->dup == 2 ? W_TITLE : W_REPEAT;
	} else if (s->nwe >= GOOD_WORDS && s->dens >= GOOD_DENS &&
	    (s->term || s->nwe >= LONG_WORDS)) {
		/* "The council said that the plan would make the streets
		 * safer for all of the people who use them." */
		v.cls = C_GOOD;
		v.why = W_GOOD;
	} else if (s->nwe >= NEAR_WORDS && s->dens >= NEAR_DENS) {
		/* "Work on the new lanes begins in spring" */
		v.cls = C_NEAR;
		v.why = W_NEAR;
	} else if (s->nwe < GOOD_WORDS) {
		/* "By Jo Smith", "A subheading" */
		v.cls = C_SHORT;
		v.why = W_SHORT;
	}
	/* else "Home News Sport Business Culture Weather Travel Video
	 * Audio Games Puzzles" (long, without stop words): bad shape */
	return v;
}

/* What a bad line costs: a menu of 12 words -6. */
static int
bad_cost(const struct line *l)
{
	return -(int)MAX((unsigned)BAD_MIN, l->nwe / BAD_DIV);
}

/* What a line adds to the body's score. */
static int
score(const struct line *l)
{
	switch (l->cls) {
	case C_GOOD:            /* a sentence of 18 words: 18 */
		return (int)MIN(l->nwe, (unsigned)SCORE_MAX);
	case C_NEAR:            /* a near-good line of 8 words: 2 */
		return (int)MIN(l->nwe, (unsigned)SCORE_MAX) * NEAR_PCT / 100;
	case C_SHORT:           /* "A subheading": -1 */
		if (l->dup == 3)  /* "Price: $25" under items: as a bad line */
			return bad_cost(l);
		return -1;
	default:
		if (l->why == W_SOFT)   /* "Related stories": -20 */
			return -SOFT_COST;
		if (l->why == W_PATTERN || l->why == W_KNOWN)
			return -BAD_MIN;  /* known boilerplate, maybe embedded */
		return bad_cost(l);
	}
}

/* Make the active line k boilerplate, for why, at a bad line's cost. */
static void
make_bad(struct doc *x, size_t k, int why, int *score)
{
	struct line *l = &x->l[x->act[k]];

	l->cls = C_BAD;
	l->why = (unsigned char)why;
	score[k] = bad_cost(l);
}

static int
cls_at(const struct doc *x, size_t na, size_t k, long d)
{
	if ((d < 0 && (size_t)-d > k) || k + d >= na)
		return C_SHORT;  /* the ends of the document are neutral */
	if (x->l[x->act[k + d]].dup == 3)
		return C_BAD;    /* an item's field scores as bad (score) */
	return x->l[x->act[k + d]].cls;
}

/* Neither neighbour is good and a bad line is at most two lines away:
 * "Breaking news / A teaser sentence of twenty words. / 12 May 2024". */
static int
isolated(const struct doc *x, size_t na, size_t k)
{
	if (cls_at(x, na, k, -1) == C_GOOD || cls_at(x, na, k, 1) == C_GOOD)
		return 0;
	return cls_at(x, na, k, -1) == C_BAD || cls_at(x, na, k, 1) == C_BAD ||
	    cls_at(x, na, k, -2) == C_BAD || cls_at(x, na, k, 2) == C_BAD;
}

/* Best-scoring run of active lines in [a, b): *lo, *hi (hi < lo: none). */
static void
best_run(const struct doc *x, size_t a, size_t b, size_t *lo, size_t *hi)
{
	long cur = 0, best = 0;
	size_t k, cs = a;

	*lo = 1;
	*hi = 0;
	for (k = a; k < b; k++) {
		if (cur <= 0) {
			cur = 0;
			cs = k;
		}
		cur += x->score[k];
		if (cur > best) {
			best = cur;
			*lo = cs;
			*hi = k;
		}
	}
}

/* Is the active line k prose, as a comment's text is: a good line, or
 * a near-good one that ends a sentence ("I love the octopus!"), not a
 * headline ("Russia: Israeli strikes on Syria wrong move")? */
static int
prose_at(const struct doc *x, size_t k)
{
	const struct line *l = &x->l[x->act[k]];

	return !l->stamp && (l->cls == C_GOOD ||
	    (l->cls == C_NEAR && l->term));
}

/* The active lines [*a, *b] of a comment thread that has its first stamp
 * at s: THREAD_MIN stamps or more, alike (is_stamp), each at most
 * THREAD_GAP lines from the one before, with prose between each two. The
 * thread takes its last comment's prose after the last stamp ("Kate on
 * October 23rd, 2012 1:38 pm", prose, "Chloe on ...", prose), or its
 * first comment's before the first when the stamps come after their
 * comments (prose, "7:28 PM", prose, "12:43 PM"): as many lines as a
 * comment has, up to a bad line. Return the stamps it has (fewer than
 * THREAD_MIN: no thread). */
static size_t
thread_at(const struct doc *x, size_t na, size_t s, size_t *a, size_t *b)
{
	size_t k, last = s, ns = 1, after = 0, before = 0, len = 0;
	int prose = 0;

	for (k = s + 1; k < na && k - last <= THREAD_GAP; k++) {
		if (x->l[x->act[k]].pkind == 1 + UB_PAT_END)
			break;  /* "Comments": the stamp above is the article's */
		if (x->l[x->act[k]].stamp != x->l[x->act[s]].stamp) {
			prose |= prose_at(x, k);
			continue;
		}
		if (!prose)
			break;
		after += prose_at(x, last + 1);
		before += prose_at(x, k - 1);
		len = MAX(len, k - last);
		last = k;
		ns++;
		prose = 0;
	}
	*a = s;
	*b = last;
	if (before > after) {
		while (*a > 0 && s - *a < len &&
		    x->l[x->act[*a - 1]].cls != C_BAD &&
		    !x->l[x->act[*a - 1]].stamp)
			--*a;
	} else {
		while (*b + 1 < na && *b - last < len &&
		    x->l[x->act[*b + 1]].cls != C_BAD)
			++*b;
	}
	return ns;
}

/* Step 1b: comment threads (thread_at) are boilerplate, however good
 * their prose; one after WALL_MIN words of good lines takes the rest of
 * the document with it (its comments without a stamp, the sidebar). */
static void
threads(struct doc *x, size_t na, int *score)
{
	size_t k, a, b, j;
	unsigned gw = 0;
	struct line *l;

	for (k = 0; k < na; k++) {
		l = &x->l[x->act[k]];
		if (!l->stamp || thread_at(x, na, k, &a, &b) < THREAD_MIN) {
			gw += l->cls == C_GOOD ? l->nwe : 0;
			continue;
		}
		if (gw >= WALL_MIN)
			b = na - 1;
		for (j = a; j <= b; j++) {
			l = &x->l[x->act[j]];
			if (l->cls != C_BAD || l->why == W_BAD_SHAPE)
				make_bad(x, j, W_THREAD, score);
		}
		k = b;
	}
}

/* Are the items of a numbered list (lines items[0..n) of the active
 * ones) the body's: steps or entries that end a sentence, most of them,
 * or entries alike ("1a etapa: 10 de março", "2a etapa: 8 de abril")?
 * Not "1: Second huge power cut hits India", "2: Appeal made over ...":
 * the most-read stories. */
static int
body_items(const struct doc *x, const size_t *items, size_t n)
{
	size_t j, term = 0, alike = 0;
	const struct line *l;

	for (j = 0; j < n; j++) {
		l = &x->l[x->act[items[j]]];
		term += l->term;
		alike += l->numhead == x->l[x->act[items[0]]].numhead;
	}
	return term * 2 > n || alike == n;
}

/* Do the active lines [a, b] stand amid prose: a good line at most
 * AMID_LINES lines above a and one at most AMID_LINES under b ("Each of
 * us can learn it.", "How to be positive", "1. Find a topic you love",
 * ..., "10. Live by the creed", "Each day make a conscious effort ...")? */
static int
amid_prose(const struct doc *x, size_t na, size_t a, size_t b)
{
	size_t k;
	int above = 0, under = 0;

	for (k = a; k > 0 && a - k < AMID_LINES && !above; k--)
		above = x->l[x->act[k - 1]].cls == C_GOOD;
	for (k = b + 1; k < na && k - b <= AMID_LINES && !under; k++)
		under = x->l[x->act[k]].cls == C_GOOD;
	return above && under;
}

/* Step 1c: the items of a numbered list, 1, 2, 3 ... up to LIST_MIN
 * or more, each at most ITEM_GAP lines after the one before, are body
 * however short when body_items says so or they stand amid_prose: a
 * recipe's steps, a calendar ("1a etapa: 10 de março - Interlagos"), a
 * how-to's headings between its paragraphs. They score as good lines. */
static void
numbered(struct doc *x, size_t na, int *sc)
{
	size_t k, j, last, items[256];
	unsigned want;
	struct line *l;

	for (k = 0; k < na; k++) {
		if (x->l[x->act[k]].num != 1)
			continue;
		items[0] = last = k;
		for (want = 2, j = k + 1; j < na && j - last <= ITEM_GAP &&
		    want < 256; j++)
			if (x->l[x->act[j]].num == want) {
				items[want - 1] = last = j;
				want++;
			}
		if (want - 1 < LIST_MIN || (!body_items(x, items, want - 1) &&
		    !amid_prose(x, na, k, last)))
			continue;
		for (j = 0; j < want - 1; j++) {
			l = &x->l[x->act[items[j]]];
			if (l->cls == C_GOOD || (l->cls == C_BAD &&
			    l->why != W_BAD_SHAPE))
				continue;
			l->cls = C_GOOD;
			l->why = W_LIST;
			sc[items[j]] = score(l);
		}
		k = last;
	}
}

/* Is the active line k, next to the credit line c with no blank line
 * between, its caption: a line of prose of CAPTION_WORDS words or fewer,
 * not a pattern's? */
static int
caption_at(const struct doc *x, size_t k, size_t c)
{
	const struct line *l = &x->l[x->act[k]];
	size_t a = MIN(k, c), b = MAX(k, c);

	return x->act[a] + 1 == x->act[b] && !x->l[x->act[b]].blank &&
	    !l->pkind && l->nw <= CAPTION_WORDS &&
	    (l->cls == C_GOOD || l->cls == C_NEAR);
}

/* Step 1f: a credit line of a few words (credit.txt: "Image: Mark Tully
 * / Eastfield Echo") makes the line printed against it, above or below,
 * a caption: "Residents queue outside the medical centre on Monday." */
static void
captions(struct doc *x, size_t na, int *score)
{
	size_t k, j;
	struct line *l;

	for (k = 0; k < na; k++) {
		l = &x->l[x->act[k]];
		if (l->pkind != 1 + UB_PAT_CREDIT || l->nw > CREDIT_WORDS)
			continue;
		for (j = k > 0 ? k - 1 : k + 1; j <= k + 1 && j < na; j += 2)
			if (caption_at(x, j, k))
				make_bad(x, j, W_CAPTION, score);
	}
}

/* Is the active line k a headline: a line of a few words that does not
 * end a sentence, not a pattern's nor a stamp ("Council delays budget
 * vote until April")? */
static int
headline_at(const struct doc *x, size_t k)
{
	const struct line *l = &x->l[x->act[k]];

	return !l->term && !l->colon && !l->stamp && !l->pkind &&
	    l->nw >= 3 && l->nw < GOOD_WORDS * 2 &&
	    (l->cls == C_SHORT || l->cls == C_NEAR);
}

/* Does a block (lines one under the other, no blank line between) begin
 * at the active line k? */
static int
block_at(const struct doc *x, size_t na, size_t k)
{
	return k == 0 || k >= na || x->l[x->act[k]].blank ||
	    x->act[k] != x->act[k - 1] + 1;
}

/* The lines of the teaser at the active line k, or 0: a block of a
 * headline and one line of prose (its summary), or a block with a glued
 * line in it. */
static size_t
teaser_at(const struct doc *x, size_t na, size_t k)
{
	size_t j;
	int g = 0;

	if (k >= na || !block_at(x, na, k))
		return 0;
	for (j = k; j < na && (j == k || !block_at(x, na, j)); j++)
		g |= x->l[x->act[j]].glued;
	if (g)
		return j - k;
	if (k + 1 < na && headline_at(x, k) && !block_at(x, na, k + 1) &&
	    prose_at(x, k + 1) && block_at(x, na, k + 2))
		return 2;
	return 0;
}

/* Step 1g: the lines under a widget's title (soft.txt: "Related:", "Top
 * stories") are its items: up to a blank line or a good line ("Health
 * board names a new chief"), or as many headlines over one line of
 * prose each as follow it, blank lines or not, when they are two or more
 * ("Urartu relics unearthed in Iran", "Archaeological relics ...
 * have been found.", "Pentagon announces ...", "Work will be ..."). */
static void
widgets(struct doc *x, size_t na, int *score)
{
	size_t k, j, e;
	struct line *l;

	for (k = 0; k < na; k++) {
		if (x->l[x->act[k]].pkind != 1 + UB_PAT_SOFT)
			continue;
		for (e = k + 1; e + 1 < na && headline_at(x, e) &&
		    prose_at(x, e + 1); e += 2)
			;
		if (e - (k + 1) < 4)
			for (e = k + 1; e < na &&
			    x->act[e] == x->act[e - 1] + 1; e++) {
				l = &x->l[x->act[e]];
				if (l->blank || l->cls == C_GOOD || l->pkind)
					break;
			}
		for (j = k + 1; j < e; j++)
			make_bad(x, j, W_SOFT, score);
	}
}

/* Step 1d: a river of stories. RIVER_MIN lines or more one after the
 * other, each a headline with its time of day, the times going back, most
 * of them not a sentence, are the latest stories of the site: "Petraeus
 * Affair 5:47 PM 0 And The Reporter Who ...", "war 3:20 PM 0 How Dare
 * Someone ...". Not a schedule (its times go forward: "9:00 Doors open",
 * "10:30 Keynote"), nor a live blog's entries (sentences). */
static void
rivers(struct doc *x, size_t na, int *score)
{
	const struct line *l, *p;
	size_t k, j, term;

	for (k = 0; k < na; k = j) {
		term = 0;
		for (j = k; j < na; j++) {
			l = &x->l[x->act[j]];
			p = j > k ? &x->l[x->act[j - 1]] : NULL;
			if (!l->clock || (p && l->clock > p->clock))
				break;
			term += l->term;
		}
		if (j - k >= RIVER_MIN && term * 2 < j - k) {
			for (; k < j; k++)
				make_bad(x, k, W_TEASER, score);
		}
		if (j == k)
			j++;
	}
}

/* Is one of the active lines [k, e) glued? */
static int
glued_in(const struct doc *x, size_t k, size_t e)
{
	for (; k < e; k++)
		if (x->l[x->act[k]].glued)
			return 1;
	return 0;
}

/* Step 1e: teasers. TEASER_MIN teasers in a row (teaser_at) or more are
 * a list of other stories: "Council delays budget vote until April" over
 * "The mayor said on Monday that ...", then the next. A block with a
 * glued line is one on its own. An article's subheading is a block of
 * its own. */
static void
teasers(struct doc *x, size_t na, int *score)
{
	size_t k, j, n, t;

	for (k = 0; k < na; k++) {
		for (j = k, n = 0; (t = teaser_at(x, na, j)) > 0; j += t)
			n++;
		if (n < TEASER_MIN && !(n == 1 && glued_in(x, k, j)))
			continue;
		for (; k < j; k++)
			make_bad(x, k, W_TEASER, score);
		k--;
	}
}

/* Step 1: classify every active line and score it; a good line alone
 * between bad ones (a teaser under a headline and a date) does not carry
 * the body on. */
static void
classify_all(struct doc *x, size_t na, int lang)
{
	struct shape s;
	struct verdict v;
	struct line *l;
	size_t k;

	for (k = 0; k < na; k++) {
		l = &x->l[x->act[k]];
		s.nwe = l->nwe;
		s.dens = line_density(l, lang);
		s.term = l->term;
		s.pkind = l->pkind;
		s.known = l->known;
		s.dup = l->dup;
		v = classify(&s);
		l->cls = v.cls;
		l->why = v.why;
		l->keep = 0;
		x->score[k] = score(l);
	}
	threads(x, na, x->score);
	numbered(x, na, x->score);
	rivers(x, na, x->score);
	teasers(x, na, x->score);
	captions(x, na, x->score);
	widgets(x, na, x->score);
	for (k = 0; k < na; k++) {
		l = &x->l[x->act[k]];
		if (l->cls == C_GOOD && l->nwe < ISO_WORDS && isolated(x, na, k))
			x->score[k] = x->score[k] * ISO_PCT / 100;
	}
}

/* Good words of the active lines (k, e): up to the next end marker that
 * comes after a good line, or e ("Previous post", "Next post", a byline,
 * "Categories: Air Force", the story: the story's words). */
static unsigned
good_after(const struct doc *x, size_t k, size_t e)
{
	const struct line *l;
	unsigned gw = 0;
	int seen = 0;

	for (k++; k < e; k++) {
		l = &x->l[x->act[k]];
		if (l->why == W_END && seen)
			break;
		if (l->cls == C_GOOD) {
			gw += l->nwe;
			seen = 1;
		}
	}
	return gw;
}

/* Does the end marker at k, with gw words of good lines above it in the
 * body, end the body? Not before WALL_MIN of them ("Comments" in the
 * menu), nor after fewer than HEAD_MAX when more than AFTER_PCT% as many
 * follow it up to the next marker: a "Previous post" under a blurb above
 * the story has the story after it. */
static int
ends_body(unsigned gw, unsigned after)
{
	return gw >= WALL_MIN && (gw >= HEAD_MAX ||
	    (unsigned long)after * 100 <= (unsigned long)gw * AFTER_PCT);
}

/* Step 2: the body, [*lo, *hi] of the active lines (*hi < *lo: none):
 * the best-scoring run, cut at an end marker that ends it (ends_body:
 * "12 Comments" after the article; not "Comments" in the menu above it).
 * The lines after the marker are after-end. A marker with the story
 * after it starts the body again after it (a site's blurb, "Next post",
 * the story). */
static void
find_body(struct doc *x, size_t na, size_t *lo, size_t *hi)
{
	unsigned gw = 0, after;
	struct line *l;
	size_t k, e;

	best_run(x, 0, na, lo, hi);
	for (k = *lo; *hi >= *lo && k <= *hi; k++) {
		l = &x->l[x->act[k]];
		if (l->cls == C_GOOD)
			gw += l->nwe;
		if (l->why != W_END || k == *lo)
			continue;
		after = good_after(x, k, *hi + 1);
		if (ends_body(gw, after)) {
			for (e = k; e < na; e++)
				if (x->l[x->act[e]].cls != C_BAD)
					x->l[x->act[e]].why = W_AFTER_END;
			best_run(x, *lo, k, lo, hi);
			break;
		}
		if (gw >= WALL_MIN) {   /* the story is after it */
			best_run(x, k + 1, *hi + 1, lo, hi);
			k = *lo - 1;
			gw = 0;
		}
	}
}

/* Does around() look through the line l: a short one, or with sentences
 * a near-good one that ends a sentence? */
static int
see_through(const struct line *l, int sentences)
{
	return l->cls == C_SHORT || (sentences && l->cls == C_NEAR && l->term);
}

/* Good words of the active lines [lo, hi]. */
static unsigned
good_words(const struct doc *x, size_t lo, size_t hi)
{
	unsigned gw = 0;
	size_t k;

	for (k = lo; hi >= lo && k <= hi; k++)
		if (x->l[x->act[k]].cls == C_GOOD)
			gw += x->l[x->act[k]].nwe;
	return gw;
}

/* Step 2b: a short article. A body of fewer than WEAK_WORDS words of
 * good lines away from the headline (the page's title again, below its
 * first line) gives way to the prose under the headline, up to
 * HEAD_LINES lines before a bad line: "Creative Food Sculptures",
 * "Repurposing food as art is creative.", and not the blogger's "I live.
 * I learn. I teach." in the sidebar. Prose: a line that ends a sentence
 * or has NEAR_WORDS words. */
static void
under_headline(struct doc *x, size_t na, size_t *lo, size_t *hi)
{
	size_t h, k, a = 1, b = 0;
	struct line *l;

	if (*hi >= *lo && good_words(x, *lo, *hi) >= WEAK_WORDS)
		return;
	for (h = 1; h < na && x->l[x->act[h]].why != W_TITLE; h++)
		;
	if (h >= na || (*hi >= *lo && h + 1 >= *lo && h <= *hi + 1))
		return;
	for (k = h + 1; k < na && k - h <= HEAD_LINES; k++) {
		l = &x->l[x->act[k]];
		if (l->cls == C_BAD)
			break;
		if (l->term || l->nw >= NEAR_WORDS) {
			if (a > b)
				a = k;
			b = k;
		}
	}
	if (a > b)
		return;
	for (k = a; k <= b; k++) {
		l = &x->l[x->act[k]];
		l->cls = C_GOOD;
		l->why = W_UNDER;
	}
	*lo = a;
	*hi = b;
}

/* Can a lede be joined to the body over the line l: a caption, a
 * credit or another pattern's line, a widget's, or a short one? Not an
 * end marker nor the headline. */
static int
bridged(const struct line *l)
{
	return l->why == W_CAPTION || l->why == W_SOFT ||
	    l->why == W_PATTERN || l->why == W_SHORT;
}

/* The good line (reason good) step lines away from the active line k,
 * -1 above it or 1 under it, with at most BRIDGE_MAX lines between that
 * bridged() allows; or SIZE_MAX. */
static size_t
bridge_to(const struct doc *x, size_t na, size_t k, int step)
{
	const struct line *l;
	size_t n;

	for (n = 0; n <= BRIDGE_MAX; n++) {
		if ((step < 0 && k == 0) || (step > 0 && k + 1 >= na))
			return SIZE_MAX;
		k += (size_t)step;
		l = &x->l[x->act[k]];
		if (l->cls == C_GOOD)
			return l->why == W_GOOD ? k : SIZE_MAX;
		if (!bridged(l))
			return SIZE_MAX;
	}
	return SIZE_MAX;
}

/* Step 2c: the lede and the rest of the story, good lines above the body
 * or after it with at most BRIDGE_MAX lines between that bridged()
 * allows, are body: "Patients in Eastfield are waiting ...", a caption,
 * "Image: ...", "Related:", a headline, the body, an inline "Related:"
 * box, the rest. */
static void
find_lede(const struct doc *x, size_t na, size_t *lo, size_t *hi)
{
	size_t k;

	if (*hi < *lo)
		return;
	while ((k = bridge_to(x, na, *lo, -1)) != SIZE_MAX)
		*lo = k;
	while ((k = bridge_to(x, na, *hi, 1)) != SIZE_MAX)
		*hi = k;
}

/* Step 3: for each line of the body, the class of the nearest line
 * before it and after it that see_through does not look through, within
 * the body (C_BAD beyond its ends): GOOD, "A subheading", "Photo: AP",
 * GOOD gives the subheading GOOD before and GOOD after. */
static void
around(struct doc *x, size_t lo, size_t hi, int sentences)
{
	const struct line *l;
	unsigned char c;
	size_t k;

	for (c = C_BAD, k = lo; k <= hi; k++) {
		x->before[k] = c;
		l = &x->l[x->act[k]];
		if (!see_through(l, sentences))
			c = l->cls;
	}
	for (c = C_BAD, k = hi + 1; k-- > lo;) {
		x->after[k] = c;
		l = &x->l[x->act[k]];
		if (!see_through(l, sentences))
			c = l->cls;
	}
}

/* Is a near-good line of the body body? Next to a good line (short lines
 * between do not count): GOOD, NEAR, BAD yes; BAD, NEAR, BAD no. */
static int
near_is_body(unsigned before, unsigned after)
{
	return before == C_GOOD || after == C_GOOD;
}

/* Is a short line of the body body? Between good lines: GOOD, "A
 * subheading", GOOD yes; GOOD, "Photo: AP", BAD no. */
static int
short_is_body(unsigned before, unsigned after)
{
	return before == C_GOOD && after == C_GOOD;
}

/* Step 4: the lines of the body that stay: near-good lines next to good
 * ones (which then count as good), good lines, and short lines between
 * good ones. The rest of the document is outside the body. */
static void
keep_body(struct doc *x, size_t na, size_t lo, size_t hi)
{
	struct line *l;
	size_t k;

	for (k = 0; k < na; k++) {
		l = &x->l[x->act[k]];
		if (hi < lo || k < lo || k > hi) {
			if (l->cls != C_BAD && l->why != W_AFTER_END)
				l->why = W_OUTSIDE;
		}
	}
	if (hi < lo)
		return;
	around(x, lo, hi, 1);
	for (k = lo; k <= hi; k++) {
		l = &x->l[x->act[k]];
		if (l->cls == C_NEAR && near_is_body(x->before[k], x->after[k]))
			l->keep = W_NEAR_BODY + 1;
	}
	for (k = lo; k <= hi; k++) {
		l = &x->l[x->act[k]];
		if (l->keep)
			l->cls = C_GOOD;
	}
	around(x, lo, hi, 0);
	for (k = lo; k <= hi; k++) {
		l = &x->l[x->act[k]];
		if (l->cls == C_GOOD)
			l->keep = l->keep ? l->keep : l->why == W_UNDER ?
			    W_UNDER + 1 : W_GOOD + 1;
		else if (l->cls == C_SHORT &&
		    short_is_body(x->before[k], x->after[k]))
			l->keep = W_SHORT_BODY + 1;
	}
}

/* Is the line l another story's or a reader's, as a step judged it (a
 * teaser, a river's headline, a comment)? No list keeps it. */
static int
other_story(const struct line *l)
{
	return l->why == W_TEASER || l->why == W_THREAD;
}

/* How many active lines from k on are items alike (skeleton), one under
 * the other with no blank line between? */
static size_t
items_at(const struct doc *x, size_t na, size_t k)
{
	size_t j;

	if (k >= na || !x->l[x->act[k]].skel || other_story(&x->l[x->act[k]]))
		return 0;
	for (j = k + 1; j < na && x->act[j] == x->act[j - 1] + 1 &&
	    !x->l[x->act[j]].blank && !other_story(&x->l[x->act[j]]) &&
	    x->l[x->act[j]].skel == x->l[x->act[k]].skel; j++)
		;
	return j - k;
}

/* Is one of the active lines [k, e) kept? */
static int
kept_in(const struct doc *x, size_t k, size_t e)
{
	for (; k < e; k++)
		if (x->l[x->act[k]].keep)
			return 1;
	return 0;
}

/* Keep the active lines [k, e) that are not kept yet, as a list's. */
static void
keep_items(struct doc *x, size_t k, size_t e)
{
	for (; k < e; k++)
		if (!x->l[x->act[k]].keep)
			x->l[x->act[k]].keep = W_LIST + 1;
}

/* Step 5: a body line that ends with a colon brings the rest of its block
 * (the lines after it up to a blank line, a pattern, a repeat or a known
 * line): a list it introduces ("on these streets:", "Main Street",
 * "Oak Avenue"). LIST_MIN items alike or more (items_at) in the body,
 * one of them kept, are kept together ("• Inline privacy controls", "•
 * Mobile versions of your privacy controls"); so are those right under
 * the body, after a heading or not: "Tour Dates", "June 9 - Tampa, FL @
 * Arena", "June 10 - ...". */
static void
keep_lists(struct doc *x, size_t na, size_t lo, size_t hi)
{
	struct line *l, *m;
	size_t j, k, n = 0;

	for (k = lo; hi >= lo && k <= hi; k++) {
		l = &x->l[x->act[k]];
		if (!l->keep || !l->colon)
			continue;
		for (j = k + 1; j < na && x->act[j] == x->act[j - 1] + 1; j++) {
			m = &x->l[x->act[j]];
			if (m->blank || m->pkind || m->dup || m->known)
				break;
			if (!m->keep)
				m->keep = W_LIST + 1;
		}
	}
	if (hi < lo)
		return;
	/* items alike inside the body, one of them kept: all of them */
	for (k = lo; k <= hi; k += MAX(n, (size_t)1)) {
		if ((n = items_at(x, na, k)) < LIST_MIN || !kept_in(x, k, k + n))
			continue;
		keep_items(x, k, k + n);
	}
	if (!x->l[x->act[hi]].keep)
		return;
	for (k = hi + 1; k <= hi + 2 && k < na; k++) {
		if ((n = items_at(x, na, k)) >= LIST_MIN)
			break;
		l = &x->l[x->act[k]];
		if (l->cls != C_SHORT && l->cls != C_NEAR)
			return;
	}
	if (k > hi + 2 || k >= na)
		return;
	keep_items(x, hi + 1, k + n);
}

/* One round over the active lines; return how many are kept (in nxt). */
static size_t
round1(struct doc *x, size_t na, int forcelang)
{
	size_t k, lo, hi, nk = 0;
	struct line *l;

	repeats(x, na);
	classify_all(x, na, pick_lang(x, na, forcelang));
	find_body(x, na, &lo, &hi);
	under_headline(x, na, &lo, &hi);
	find_lede(x, na, &lo, &hi);
	keep_body(x, na, lo, hi);
	keep_lists(x, na, lo, hi);
	for (k = 0; k < na; k++) {
		l = &x->l[x->act[k]];
		if (l->keep) {
			l->why = l->keep - 1;
			x->nxt[nk++] = x->act[k];
		}
	}
	return nk;
}

/* A round kept nothing: keep the lines of FALLBACK_WORDS words or more
 * ("Menu", "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta", "X" keeps
 * the second), those no pattern matches when there are some ("Your email
 * address will not be published." goes, the video's title stays), else,
 * after the first round, the lines the round before kept (a later round
 * never empties the page); return how many. */
static size_t
fallback(struct doc *x, size_t na, size_t round)
{
	size_t i, nk = 0;
	int pass;

	for (pass = 0; pass < 2 && nk == 0; pass++)
		for (i = 0; i < na; i++)
			if (x->l[x->act[i]].nw >= FALLBACK_WORDS &&
			    (pass || !x->l[x->act[i]].pkind))
				x->nxt[nk++] = x->act[i];
	if (nk == 0 && round > 0)
		for (i = 0; i < na; i++)
			x->nxt[nk++] = x->act[i];
	for (i = 0; i < nk; i++)
		x->l[x->nxt[i]].why = W_FALLBACK;
	return nk;
}

/* Decide the lines of x: round after round on the lines the last one
 * kept, until a round keeps them all; set each line's keep. */
static void
decide(struct doc *x, int forcelang)
{
	size_t na, nk, i, r;
	size_t *t;

	if (x->nl > x->capa) {
		x->capa = MAX(x->nl, x->capa * 2);
		x->act = erealloc(x->act, x->capa * sizeof(*x->act));
		x->nxt = erealloc(x->nxt, x->capa * sizeof(*x->nxt));
		x->score = erealloc(x->score, x->capa * sizeof(*x->score));
		x->before = erealloc(x->before, x->capa);
		x->after = erealloc(x->after, x->capa);
	}
	for (i = 0; i < x->nl; i++)
		x->act[i] = i;
	na = x->nl;
	for (r = 0; r < MAX_ROUNDS && na; r++) {
		if ((nk = round1(x, na, forcelang)) == 0)
			nk = fallback(x, na, r);
		if (nk == na)
			break;
		t = x->act, x->act = x->nxt, x->nxt = t;
		na = nk;
		if (nk == 0)
			break;
	}
	for (i = 0; i < x->nl; i++)
		x->l[i].keep = 0;
	for (i = 0; i < na; i++) {
		x->l[x->act[i]].keep = 1;
		if (r > 0 && x->l[x->act[i]].why >= W_SHORT)
			x->l[x->act[i]].why = W_KEPT;
	}
}

/* ------------------------------------------------------------ output */

/*
 * The value of a line for --attrs: at least KEEP_VALUE where unboiler
 * keeps it, below where it deletes it, and within each side the more
 * the likelier it is body, so that an applier's threshold trades
 * precision for recall: above 0.5 the short and near-good lines of the
 * body go first, below it the good lines outside the body come first.
 * A blank line is 1 or 0, as it was written or not.
 */
#define KEEP_VALUE 0.5
static double
line_value(const struct line *l)
{
	double words = (double)MIN(l->nwe, 40u) / 40;

	switch (l->why) {
	case W_GOOD:            /* a sentence of the body: 0.9 to 0.99 */
		return 0.9 + 0.09 * words;
	case W_LIST:            /* an item of a list in the body */
		return 0.8;
	case W_NEAR_BODY:
		return 0.75;
	case W_KEPT:
		return 0.7;
	case W_UNDER:           /* a short article's prose */
		return 0.65;
	case W_SHORT_BODY:      /* a subheading */
		return 0.6;
	case W_FALLBACK:        /* the best there was */
		return 0.55;
	case W_OUTSIDE:         /* a good line away from the body */
		return l->cls == C_GOOD ? 0.45 : l->cls == C_NEAR ? 0.4 : 0.3;
	case W_AFTER_END:
		return l->cls == C_GOOD ? 0.42 : l->cls == C_NEAR ? 0.38 : 0.2;
	case W_NEAR:
		return 0.35;
	case W_SHORT:
		return 0.25;
	case W_REPEAT:
	case W_TITLE:
		return 0.15;
	case W_BAD_SHAPE:
		return 0.1;
	default:                /* a pattern, a marker, known boilerplate */
		return 0.05;
	}
}

/* --attrs: the span p[off..off+len) of the piece at document offset
 * u->docb, of value v, and its reason (NULL: a blank line) */
static void
span_line(struct unboiler *u, const char *p, size_t n, size_t off,
    size_t len, double v, int why)
{
	struct rec_attrs *a = u->f ? u->f->attrs : NULL;
	unsigned long long bs = u->docb + off, be = bs + len, cs, ce;
	char *name;

	if (!a)
		return;
	cs = rec_cursor_at(&u->cur, p, u->docb, n, bs);
	ce = rec_cursor_at(&u->cur, p, u->docb, n, be);
	rec_span(a, "line", bs, be, cs, ce, v);
	if (why >= 0) {
		name = u->reason[why];
		rec_span(a, name, bs, be, cs, ce, 1);
	}
}

static void
mark_line(struct buf *o, int keep, const char *why, const struct line *l,
    const char *p, size_t off, size_t len)
{
	buf_putc(o, keep ? '+' : '-');
	buf_putc(o, ' ');
	buf_puts(o, why);
	if (l && l->pkind) {
		static const char file[][7] = { "line", "end", "soft",
			"stamp", "credit" };

		buf_printf(o, ":%s:%d", file[ub_pats[l->pat].kind],
		    ub_pats[l->pat].lineno);
	}
	buf_putc(o, '\t');
	buf_put(o, p + off, len);
	/* a line without its newline is the document's last, or the reader
	 * cut it: the newline comes at its end (process, enddoc) */
}

/* Write the blank lines in p[off..off+n) of the piece p[0..pn): all, the
 * first, or none. */
static void
put_blanks(struct unboiler *u, struct buf *o, const char *p, size_t pn,
    size_t off, size_t n, int all)
{
	const char *e;
	size_t len;

	while (n) {
		e = memchr(p + off, '\n', n);
		len = e ? (size_t)(e - (p + off)) + 1 : n;
		span_line(u, p, pn, off, len, all >= 0 ? 1 : 0, -1);
		if (u->mflag)
			mark_line(o, all >= 0, "blank", NULL, p, off, len);
		else if (all >= 0)
			buf_put(o, p + off, len);
		if (all == 0)
			all = -1;
		off += len;
		n -= len;
	}
}

/* Decide and write one piece of a document; return whether its last line
 * was kept. */
static int
piece(struct unboiler *u, const char *p, size_t n, struct buf *o)
{
	struct doc *x = &u->x;
	size_t i, lastkept = (size_t)-1, tail;
	int deleted = 0;
	struct line *l;

	if (u->learnfile)
		learn_doc(x, &u->learned);
	copies(x, p);
	decide(x, u->forcelang);
	for (i = 0; i < x->nl; i++) {
		l = &x->l[i];
		/* blank lines before l: keep them all when no line was
		 * deleted since the last kept line, else keep the first */
		if (l->keep)
			put_blanks(u, o, p, n, l->off - l->blank, l->blank,
			    deleted ? (lastkept == (size_t)-1 ? -1 : 0) : 1);
		else
			put_blanks(u, o, p, n, l->off - l->blank, l->blank,
			    -1);
		/* the value agrees with the decision, whatever the why */
		u->cutvalue = line_value(l);
		if (l->keep && u->cutvalue < KEEP_VALUE)
			u->cutvalue = KEEP_VALUE;
		else if (!l->keep && u->cutvalue >= KEEP_VALUE)
			u->cutvalue = KEEP_VALUE - 0.01;
		span_line(u, p, n, l->off, l->len, u->cutvalue, l->why);
		if (l->keep) {
			u->counters[N_KEPT].n++;
			deleted = 0;
			lastkept = i;
		} else {
			u->counters[N_DELETED].n++;
			deleted = 1;
		}
		if (u->mflag)
			mark_line(o, l->keep, why_name[l->why], l, p, l->off,
			    l->len);
		else if (l->keep)
			buf_put(o, p + l->off, l->len);
	}
	tail = x->nl ? x->l[x->nl - 1].off + x->l[x->nl - 1].len : 0;
	put_blanks(u, o, p, n, tail, n - tail, deleted ? -1 : 1);
	return n > tail ? !deleted : x->nl > 0 && x->l[x->nl - 1].keep;
}

/* --mark: explain on standard error (the diag's notes), naming the
 * record. */
static void
note(struct unboiler *u, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	int k;

	k = snprintf(msg, sizeof(msg), "%s: %s: ", u->dg->prog, u->where);
	if (k < 0 || (size_t)k >= sizeof(msg) - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(msg + k, sizeof(msg) - 1 - (size_t)k, fmt, ap);
	va_end(ap);
	k = (int)strlen(msg);
	msg[k++] = '\n';
	diag_note(u->dg, msg, (size_t)k);
}

/*
 * A document comes in pieces when it is longer than the window: the
 * reader cuts it after the last newline in the window, so that a piece is
 * whole lines, except when a single line fills the window: then the piece
 * is the start of that line alone, and the rest of the line starts the
 * next piece. Such a line is decided by its first piece, alone, and the
 * rest of it is written or not as its start was, so that only whole lines
 * are deleted (the start of a line decides it in every run: a line longer
 * than the window always starts a window).
 */
static int
process(void *ctx, const char *p, size_t n, struct buf *o)
{
	struct unboiler *u = ctx;
	const char *e;
	size_t used, k;
	int kept = 0;

	if (u->cut) {
		if (u->cutnote) {
			note(u, "a line longer than the window (%zu bytes) is "
			    "%s whole, as its first %zu bytes decide",
			    u->window, u->cutkeep ? "kept" : "deleted",
			    u->cutlen);
			u->cutnote = 0;
			u->noted = 1;
		}
		e = memchr(p, '\n', n);
		k = e ? (size_t)(e - p) + 1 : n;
		if (u->cutkeep || u->mflag)
			buf_put(o, p, k);
		/* the rest of the line, as its start */
		span_line(u, p, n, 0, k, u->cutvalue, -1);
		if (e)
			u->cut = u->opennl = 0;
		p += k;
		n -= k;
		u->docb += k;
		if (n == 0)
			return 0;
	}
	if (!u->indoc) {
		u->indoc = 1;
		u->counters[N_DOCS].n++;
		if (u->learnfile)
			u->learned.docs++;
		if (u->mflag) {
			if (u->f && u->f->pos)
				rec_where(u->f->pos, u->where,
				    sizeof(u->where));
			else
				snprintf(u->where, sizeof(u->where),
				    "a document");
		}
	} else {
		u->pieces = 1;
	}
	do {
		/* a document of very many lines goes in pieces, so that
		 * memory stays small whatever the lines */
		used = scan(u, p, n);
		if (used < n)
			u->manylines = 1;
		kept = piece(u, p, used, o);
		p += used;
		n -= used;
		u->docb += used;
	} while (n);
	if (p[-1] != '\n') {   /* the document's end, or a cut line */
		e = mem_rchr(p - used, '\n', used);
		u->cut = 1;
		u->cutkeep = kept;
		u->cutlen = e ? (size_t)(p - e) - 1 : used;
		u->cutnote = u->mflag;
		u->opennl = u->mflag;
	}
	if (u->m.failed) {      /* a pattern did not compile: said */
		u->m.failed = 0;
		return -1;
	}
	return 0;
}

static void
enddoc(void *ctx, struct buf *o)
{
	struct unboiler *u = ctx;

	if (u->opennl)          /* --mark: every line ends with a newline */
		buf_putc(o, '\n');
	if (u->mflag && u->manylines)
		note(u, "more than %d lines: decided %d at a time",
		    MAX_LINES, MAX_LINES);
	else if (u->mflag && u->pieces && !u->noted)
		note(u, "longer than the window (%zu bytes): decided in pieces",
		    u->window);
	u->cut = u->cutkeep = u->cutnote = u->opennl = u->indoc = 0;
	u->pieces = u->manylines = u->noted = 0;
	u->docb = 0;
	memset(&u->cur, 0, sizeof(u->cur));
}

/* ------------------------------------------------------------ engine */

static void *
create(struct diag *d)
{
	struct unboiler *u = ecalloc(1, sizeof(*u));
	int i;

	u->dg = d;
	u->forcelang = -1;
	u->mindocs = 3;
	for (i = 0; i < W_NWHY; i++)
		snprintf(u->reason[i], sizeof(u->reason[i]), "reason__%.15s",
		    why_name[i]);
	u->counters[N_DOCS].name = "documents";
	u->counters[N_KEPT].name = "lines_kept";
	u->counters[N_DELETED].name = "lines_deleted";
	u->counters[N_LIMITS].name = "pattern_errors"; /* match limit or JIT
	                                                * stack hit */
	u->m.limits = &u->counters[N_LIMITS].n;
	return u;
}

static int
option(void *e, int c, const char *arg)
{
	struct unboiler *u = e;
	char err[128];
	long long v;

	switch (c) {
	case 'k':
		free(u->knownfile);
		u->knownfile = estrdup(arg);
		return 0;
	case 'L':
		free(u->lang);
		u->lang = estrdup(arg);
		return 0;
	case 'l':
		free(u->learnfile);
		u->learnfile = estrdup(arg);
		return 0;
	case 'm':
		u->mflag = 1;
		return 0;
	case 'n':
		if (opt_num(arg, 1, UINT32_MAX, "-n", &v, err, sizeof(err))) {
			diag_warnx(u->dg, "%s", err);
			return 2;
		}
		u->mindocs = (unsigned long)v;
		u->nflag = 1;
		return 0;
	}
	return 2;
}

static int
start(void *e, const struct rec_opt *o, struct rec_filter *f)
{
	struct unboiler *u = e;
	size_t i;

	if (u->nflag && !u->knownfile) {
		diag_warnx(u->dg, "-n without -k: -n sets in how many "
		    "documents of the -k counts a line is known");
		return 2;
	}
	if (u->lang) {
		for (i = 0; i < ub_nlangs; i++)
			if (strcmp(u->lang, ub_langs[i]) == 0)
				u->forcelang = (int)i;
		if (u->forcelang < 0) {
			diag_warnx(u->dg, "-L: unknown language: %s", u->lang);
			return 2;
		}
	}
	words_init(&u->w);
	if (pat_init(&u->m, u->dg))
		return 1;
	if (u->knownfile && counts_read(&u->known, u->knownfile,
	    (uint32_t)u->mindocs, 0, u->dg))
		return 1;
	/* the counts of -l are added at the end (counts_save); a file that
	 * would fail then fails now, before the corpus is read */
	if (u->learnfile && counts_read(NULL, u->learnfile, 1, 1, u->dg))
		return 1;
	f->unit = REC_DOC;
	f->spans = 1;
	f->span_names = span_names;
	u->f = f;
	u->window = o->window;
	f->fn = process;
	f->enddoc = enddoc;
	f->ctx = u;
	f->counters = u->counters;
	return 0;
}

static int
finish(void *e)
{
	struct unboiler *u = e;

	if (u->learnfile)
		return counts_save(&u->learned, u->learnfile, u->dg);
	return 0;
}

static void
destroy(void *e)
{
	struct unboiler *u = e;
	struct doc *x = &u->x;

	words_free(&u->w);
	pat_free(&u->m);
	counts_free(&u->learned);
	counts_free(&u->known);
	free(x->l);
	free(x->act);
	free(x->nxt);
	free(x->score);
	free(x->before);
	free(x->after);
	free(x->ht);
	free(x->htn);
	free(x->htlast);
	free(x->heads);
	free(x->dh);
	free(u->lang);
	free(u->learnfile);
	free(u->knownfile);
	free(u);
}

static const struct opt_long longopts[] = {
	{ "known", OPT_REQUIRED, 'k' },
	{ "lang", OPT_REQUIRED, 'L' },
	{ "learn", OPT_REQUIRED, 'l' },
	{ "mark", OPT_NONE, 'm' },
	{ "min-docs", OPT_REQUIRED, 'n' },
	{ NULL, 0, 0 }
};

const struct engine unboiler_engine = {
	"unboiler",
	"unboiler [-mz] [-k file] [-L lang] [-l file] [-n docs] "
	"[--jsonl[=field]] [file ...]",
	"  -k, --known=FILE    lines in -n documents of FILE are boilerplate\n"
	"  -L, --lang=LANG     stop words of LANG (de en es fr id it nl pt ru),\n"
	"                      not detected\n"
	"  -l, --learn=FILE    add each line's document count to FILE\n"
	"  -m, --mark          print every line with its decision and reason\n"
	"  -n, --min-docs=N    with -k: a line in N documents is known (3)\n",
	"k:L:l:mn:",
	longopts,
	create,
	option,
	start,
	finish,
	destroy,
	NULL,
};
