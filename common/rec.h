/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_REC_H
#define COPYDESK_REC_H
/*
 * rec.h: the record reader that drives every filter.
 *
 * A filter says which unit it works on and gets each unit as (ptr, len),
 * never NUL-terminated, terminators included, so that writing every unit
 * back unchanged reproduces the input byte for byte:
 *
 *   REC_LINE   one line with its '\n' (the last may lack it)
 *   REC_BLOCK  as many whole lines as one read brought in (fastest)
 *   REC_PARA   leading blank lines, then non-blank lines, then the blank
 *              lines after them (blank: only spaces, tabs and CR)
 *   REC_DOC    a whole document: a file, a -z record, a --jsonl field
 *
 * Record modes (struct rec_opt.mode):
 *   REC_PLAIN  each file named on the command line is one document
 *   REC_NUL    -z: documents end with NUL; the NUL is written back after
 *              each one that had it
 *   REC_JSONL  --jsonl[=FIELD]: one JSON object per line; the string FIELD
 *              (default "text") is the document and is replaced by the
 *              filter's output; every other byte of the line is kept
 *              (common/json.c finds the field without parsing the rest;
 *              the rare line it leaves to jansson, with escaped keys or
 *              FIELD twice, is written back compactly). A record the
 *              filter leaves unchanged is written back byte for byte.
 *              A line that is not a JSON object, or whose FIELD
 *              is not a string, is passed through unchanged with a warning
 *              naming its line number, and the exit status becomes 1; a
 *              blank line or an object without FIELD passes through quietly.
 *
 * Window: no unit and no JSONL line is held in memory beyond rec_window
 * bytes (REC_WINDOW by default). A longer unit is handed over in pieces,
 * each cut after the last newline in the window, or else after the last
 * space or tab, or else at a UTF-8 character boundary. A longer JSONL line
 * is copied through unchanged with a warning, and the exit status is 1.
 */
#include <stddef.h>

#include "io.h"

#define REC_WINDOW (8 * 1024 * 1024)

enum rec_unit { REC_LINE, REC_BLOCK, REC_PARA, REC_DOC };
enum rec_mode { REC_PLAIN, REC_NUL, REC_JSONL };
enum rec_stats { REC_STATS_NONE, REC_STATS_TEXT, REC_STATS_JSON };

struct rec_counter {
	const char *name;
	unsigned long long n;
};

struct rec_filter {
	enum rec_unit unit;
	/* Write the processed unit to out; return 0, or -1 if the unit was
	 * bad (the filter has warned; the exit status becomes 1). */
	int (*fn)(void *ctx, const char *p, size_t n, struct buf *out);
	/* Optional: called after each document, e.g. to reset state. */
	void (*enddoc)(void *ctx, struct buf *out);
	/* Optional, --jsonl only: after a record's document was processed,
	 * append to b the JSON text of the value of member jsonl_key, which
	 * is added to the record, or replaced where it stands (quotetag adds
	 * "quotes"). */
	void (*jsonl)(void *ctx, struct buf *b);
	void *ctx;
	struct rec_counter *counters;  /* NULL or ended by a NULL name */
	const char *jsonl_key;
};

struct rec_opt {
	enum rec_mode mode;
	const char *field;
	enum rec_stats stats;
};

/* Long options every filter takes; put REC_LONGOPTS in the option table
 * and hand unknown option characters to rec_option(). */
enum {
	REC_OPT_JSONL = 0x100,
	REC_OPT_STATS,
	REC_OPT_VERSION,
};
#define REC_LONGOPTS \
	{ "help",    no_argument,       NULL, 'h' }, \
	{ "jsonl",   optional_argument, NULL, REC_OPT_JSONL }, \
	{ "null",    no_argument,       NULL, 'z' }, \
	{ "stats",   optional_argument, NULL, REC_OPT_STATS }, \
	{ "version", no_argument,       NULL, REC_OPT_VERSION }

/* The options every filter shares, for its --help text. */
#define REC_HELP \
	"  -z, --null          documents are separated by NUL bytes\n" \
	"      --jsonl[=FIELD] JSON Lines: process FIELD (default text)\n" \
	"      --stats[=json]  print counts to stderr at exit\n" \
	"  -h, --help          print this help and exit\n" \
	"      --version       print the version and exit\n"

extern size_t rec_window;

/* For fuzz targets: when rec_capture is set, rec_run only copies the
 * filter into rec_captured and returns 0, so that a harness can call the
 * program's main once for its set-up and then rec_feed() inputs to it. */
extern int rec_capture;
extern struct rec_filter rec_captured;

/* Handle -z, --jsonl, --stats, --version; return 1 if c was one of them. */
int rec_option(struct rec_opt *o, int c, const char *arg);

/* Run f over the files in argv (stdin if argc == 0, "-" is stdin);
 * return 0, or 1 if a file could not be read or a record was bad. */
int rec_run(const struct rec_opt *o, struct rec_filter *f, int argc, char **argv);

/* Feed one in-memory document to f unit by unit (used by --jsonl). */
int rec_feed(struct rec_filter *f, const char *p, size_t n, struct buf *out);

#endif
