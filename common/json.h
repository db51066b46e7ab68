/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_JSON_H
#define COPYDESK_JSON_H
/*
 * json.h: the fast path of --jsonl. A JSON Lines record is scanned, not
 * parsed into a tree: json_scan checks that the line is one well-formed
 * JSON object and finds one member's value in it; only that string is
 * decoded, and only the new string is encoded. Every other byte of the
 * line is written back as it was.
 *
 * json_scan is strict where jansson is (RFC 8259, UTF-8, no lone
 * surrogates) and gives up (JSON_SLOW) on what it does not handle itself:
 * malformed lines, escaped keys, a repeated key, integers that may not fit
 * 64 bits, reals that may overflow, nesting deeper than JSON_MAXDEPTH. The
 * caller then takes jansson's slow path, which also words the warnings.
 */
#include <stddef.h>

#include "io.h"

#define JSON_MAXDEPTH 512

enum { JSON_OK, JSON_SLOW };

struct json_member {
	size_t vs, ve;          /* the value: p[vs..ve); 0, 0 if absent */
	size_t end;             /* where the last member's value ends */
	int isstr;              /* the value is a string */
	int also;               /* the object has a member named also */
};

/* Scan the object p[0..n) for the member named name, and see whether it
 * has one named also (NULL: no matter); JSON_OK or JSON_SLOW. */
int json_scan(const char *p, size_t n, const char *name, const char *also,
              struct json_member *m);

/* Append the decoded contents of the string p[0..n), quotes excluded, that
 * json_scan accepted. */
void json_unescape(struct buf *b, const char *p, size_t n);

/* Append s[0..n) as a JSON string, quotes included, escaped as jansson
 * does: '"', '\\' and control characters only. */
void json_escape(struct buf *b, const char *s, size_t n);

#endif
