/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_REC_H
#define COPYDESK_REC_H
/*
 * rec.h: the record reader that drives every filter, alone or chained.
 *
 * A filter says which unit it works on and gets each unit as (ptr, len),
 * never NUL-terminated, terminators included, so that writing every unit
 * back unchanged reproduces the input byte for byte:
 *
 *   REC_LINE   one line with its '\n' (the last may lack it)
 *   REC_BLOCK  as many whole lines as are at hand (fastest)
 *   REC_PARA   leading blank lines, then non-blank lines, then the blank
 *              lines after them (blank: only spaces, tabs and CR; a line
 *              ends at '\n', and with lone_cr set also at a CR that no
 *              '\n' follows, as in old Mac text)
 *   REC_DOC    a whole document: a file, a -z record, a --jsonl field
 *
 * Record modes (struct rec_opt.mode):
 *   REC_PLAIN  each file named on the command line is one document
 *   REC_NUL    -z: documents end with NUL; the NUL is written back after
 *              each one that had it (and after a file's last document
 *              when another file follows, so that they stay apart)
 *   REC_JSONL  --jsonl[=PATH]: one JSON value per line; the string member
 *              PATH (default "text"; "meta.text" or the JSON Pointer
 *              "/meta/text" for nested ones) is the document and is
 *              replaced by the filter's output; every other byte of the
 *              line is kept (common/json.c scans the line, it does not
 *              parse it into a tree). See rec.c for the cases.
 *
 * Attributes (--attrs[=FILE]): the text passes unchanged, and each filter
 * reports its decisions as spans of it (rec_span), which the run writes in
 * Dolma's attribute format: {"id": ..., "attributes": {"copydesk__<filter>
 * __<name>": [[start, end, value], ...]}}, offsets in code points (or in
 * bytes with --offsets=bytes) from the start of the document. With
 * --jsonl the record gets the member "attributes" (merged into one it
 * has); with FILE each document's line goes there and the records or
 * documents pass as they came; without both the lines are the output.
 * In a chain every stage reads the original text, so that all the spans
 * index the one text.
 *
 * Window: no unit is held beyond o->window bytes (REC_WINDOW by default).
 * A longer unit is handed over in pieces, each cut after the last newline
 * in the window, or else after the last space or tab, or else at a UTF-8
 * character boundary. A JSON Lines line is held up to o->max_record bytes;
 * a longer one is copied through unchanged with a warning.
 *
 * A run is a chain of one or more filters: each later stage reads what
 * the stage before it wrote as if through a pipe, in windows of the same
 * size, so a chain gives byte for byte what the pipe of the same programs
 * gives, in one process. With --jsonl the record is scanned once and its
 * field goes through every stage in memory.
 */
#include <stddef.h>

#include "diag.h"
#include "io.h"
#include "opt.h"

/* 4 MiB: the reader holds one window and an engine its output for it,
 * so that a filter stays under 16 MiB on any input but a JSON record */
#define REC_WINDOW (4 * 1024 * 1024)
#define REC_MAX_RECORD (8 * 1024 * 1024)
#define REC_MAX_REJECT 10       /* percent of records, with --reject */

enum rec_unit { REC_LINE, REC_BLOCK, REC_PARA, REC_DOC };
enum rec_mode { REC_PLAIN, REC_NUL, REC_JSONL };
enum rec_stats { REC_STATS_NONE, REC_STATS_TEXT, REC_STATS_JSON };
enum rec_offsets { REC_OFF_BYTES, REC_OFF_CHARS };

struct rec_counter {
	const char *name;
	unsigned long long n;
};

/* Where the reader is, for messages: engines name the record they warn
 * about or explain with rec_where(f->pos, ...). */
struct rec_pos {
	const char *file;               /* "<stdin>" or the path */
	unsigned long long doc;         /* the document or record, from 1 */
	unsigned long long line;        /* --jsonl: its line number */
	const char *id;                 /* --jsonl: the id member's JSON */
	size_t idlen;                   /* text, or NULL */
	const char *lang;               /* --lang-field: its string, or "" */
	const char *member;             /* --jsonl: take_member's JSON, or */
	size_t memberlen;               /* NULL if the record has none */
	int first;                      /* no document came before it in
	                                 * this run (the library ends a run
	                                 * at each call) */
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
	int lone_cr;            /* REC_PARA: a lone CR ends a line too */
	/* Set by rec_add: where the reader is, for the filter's messages. */
	const struct rec_pos *pos;
	/* --attrs: the engine sets spans if it reports them (rec_span), with
	 * the names of its attributes; rec_add sets attrs, and what fn
	 * writes is then dropped */
	int spans;
	const char *const *span_names;  /* NULL-ended */
	struct rec_attrs *attrs;
	/* --jsonl: a top-level member the filter reads (pos->member) and
	 * that the record loses (the applier takes "attributes"), or NULL */
	const char *take_member;
};

struct rec_opt {
	enum rec_mode mode;
	const char *field;              /* --jsonl=PATH: "text" */
	enum rec_stats stats;
	size_t window;                  /* -W/--window (tests): REC_WINDOW */
	size_t max_record;              /* --max-record: REC_MAX_RECORD */
	enum rec_offsets offsets;       /* --offsets: bytes, or chars */
	int offsets_set;                /* --offsets was given */
	const char *id_field;           /* --id-field: "id" */
	const char *lang_field;         /* --lang-field, or NULL */
	const char *reject;             /* --reject=FILE, or NULL */
	unsigned max_reject;            /* --max-reject: percent */
	int unbuffered;                 /* --unbuffered */
	int drop_empty;                 /* --drop-empty */
	int attrs;                      /* --attrs[=FILE] */
	const char *attrs_file;         /* ... FILE, or NULL */
};

/* The options every filter takes, for its option table and --help. */
enum {
	REC_OPT_JSONL = 0x100,
	REC_OPT_STATS,
	REC_OPT_VERSION,
	REC_OPT_OFFSETS,
	REC_OPT_ID_FIELD,
	REC_OPT_REJECT,
	REC_OPT_MAX_REJECT,
	REC_OPT_MAX_RECORD,
	REC_OPT_UNBUFFERED,
	REC_OPT_WINDOW,
	REC_OPT_LANG_FIELD,
	REC_OPT_DROP_EMPTY,
	REC_OPT_ATTRS,
	REC_OPT_HELP = 'h',
	REC_OPT_NUL = 'z',
};
extern const struct opt_long rec_longopts[];   /* ended by a NULL name */
#define REC_SHORTOPTS "hz"
#define REC_HELP \
	"  -z, --null          documents are separated by NUL bytes\n" \
	"      --jsonl[=PATH]  JSON Lines: process member PATH (default text)\n" \
	"      --id-field=PATH name records by this member (default id)\n" \
	"      --lang-field=PATH  --jsonl: the record's language, for filters\n" \
	"      --reject=FILE   --jsonl: lines that are not JSON go to FILE\n" \
	"      --max-reject=N  ...and more than N% of them is a failure (10)\n" \
	"      --max-record=SIZE  --jsonl: longest line processed (8M)\n" \
	"      --offsets=UNIT  offsets in bytes or chars (code points)\n" \
	"      --unbuffered    write each record as soon as it is done\n" \
	"      --drop-empty    leave out documents that end up empty\n" \
	"      --attrs[=FILE]  the text unchanged, the decisions as spans\n" \
	"                      (Dolma attributes; in the record, or in FILE)\n" \
	"      --stats[=json]  print counts to stderr at exit\n" \
	"  -h, --help          print this help and exit\n" \
	"      --version       print the version and exit\n"

void rec_opt_init(struct rec_opt *o);

/* Take option c (with arg) if it is a shared one: 1 if taken, 0 if not
 * ours, -1 if its argument is bad (err says why). --help and --version
 * are the caller's. */
int rec_option(struct rec_opt *o, int c, const char *arg, char *err,
               size_t errsize);

/* "file: line 12 (id \"a7\")" or "file: document 3", into buf. */
void rec_where(const struct rec_pos *pos, char *buf, size_t size);

/* Characters (code points; a maximal ill-formed subpart counts as one, as
 * Python's errors="replace" reads it) in p[0..n). */
size_t rec_chars(const char *p, size_t n);

struct rec_run;

/* A run over o, writing to out, warning through d. */
struct rec_run *rec_new(struct rec_opt *o, struct diag *d, struct buf *out);
/* Add a stage (after its engine was started with the run's options);
 * d is where its own warnings go; sets f->pos. Returns -1 (with a message
 * through the run's diag) if it cannot be added. */
int rec_add(struct rec_run *r, struct rec_filter *f, const char *name,
            struct diag *d);
/* Read one input: 0, or 1 if it could not be read or a record was bad. */
int rec_file(struct rec_run *r, int fd, const char *name);
/* Read from memory, as a part of the current input: rec_push, then
 * rec_push_end at its end (the library's way). */
int rec_push(struct rec_run *r, const char *p, size_t n);
int rec_push_end(struct rec_run *r);
/* --jsonl: one record, p[0..n) without its newline (the library's way). */
int rec_line(struct rec_run *r, const char *p, size_t n);
/* After the last input: end the stream and flush; 0 or 1. The run may
 * then take more input, as a new stream. */
int rec_end(struct rec_run *r);
void rec_free(struct rec_run *r);

/*
 * --attrs: a span [bs, be) of the document being read, in bytes, and
 * [cs, ce) in code points, from its start, with value v, under attribute
 * copydesk__<filter>__<name> (name lives as long as the run, or for one
 * not in span_names, until the document ends). Spans of one name come in
 * the order of their starts. Every document has the names of span_names;
 * one not among them is written for the documents that have spans of it.
 * A filter uses at most REC_ATTRS_NAMES names in one document (unmojibake
 * the most: 4 declared, a rule for each of its code pages and its other
 * rules, and the encoding the document was read in).
 */
#define REC_ATTRS_NAMES 40
void rec_span(struct rec_attrs *a, const char *name, unsigned long long bs,
              unsigned long long be, unsigned long long cs,
              unsigned long long ce, double v);

/* Bytes to code points along a document, for rec_span: a position known
 * in both, moved forward as the filter reads on. */
struct rec_cursor {
	unsigned long long b, c;
};
/* The code points before document byte offset b, where p[0..n) are the
 * document's bytes from offset pb and pb <= k->b, b <= pb + n (the cursor
 * moves to b when b is beyond it). */
unsigned long long rec_cursor_at(struct rec_cursor *k, const char *p,
                                 unsigned long long pb, size_t n,
                                 unsigned long long b);

/* Feed one in-memory document to f unit by unit, whole (no window). */
int rec_feed(struct rec_filter *f, const char *p, size_t n, struct buf *out);

/* The run's counts as --stats prints them, in text or JSON, to b. */
void rec_stats(struct rec_run *r, const char *prog, int json,
               struct buf *b);

#endif
