/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_JSON_H
#define COPYDESK_JSON_H
/*
 * json.h: the record scanner of --jsonl. A JSON Lines record is scanned, not
 * parsed into a tree: json_scan checks that the line is one well-formed
 * JSON value (RFC 8259) and finds the members it is asked for in it; only
 * the string being processed is decoded, and only the new string is
 * encoded. Every other byte of the line is written back as it was, so
 * numbers of any size and precision, escapes, key order, duplicate keys
 * and spacing all survive.
 *
 * Where the RFC leaves a choice, the scanner takes the lenient one that
 * loses nothing: nesting of any depth, numbers of any size, a \u escape
 * of a lone surrogate (decoded to its three-byte "WTF-8" form, which
 * json_escape writes back as the same escape). A member named twice is
 * found at its last occurrence, as Python's json and jq read it.
 */
#include <stddef.h>

#include "io.h"

#define JSON_MAXPATH 16         /* members in a field path */

enum { JSON_OK, JSON_BAD, JSON_NOTOBJECT };

/* A member of nested objects: "meta.text" or the JSON Pointer
 * "/meta/text" (RFC 6901: ~1 is '/', ~0 is '~'). */
struct json_path {
	size_t n;
	struct { char *s; size_t len; } seg[JSON_MAXPATH];
	char *mem;
};

/* What json_scan found for one path. */
struct json_hit {
	size_t vs, ve;          /* the value: p[vs..ve); found says if */
	size_t ms, me;          /* top level: p[ms..me) is the member with a
	                         * comma, that the object is valid without */
	int found;
	int isstr;              /* the value is a string */
	unsigned dups;          /* it was named that many more times */
};

/* Parse spec into path (segments point into path->mem, owned); 0, or -1
 * with a message in err. */
int json_path_parse(const char *spec, struct json_path *path, char *err,
                    size_t errsize);
void json_path_free(struct json_path *path);

/* Scan p[0..n): JSON_OK if it is one JSON object (blanks around it
 * allowed), JSON_NOTOBJECT if it is another well-formed JSON value,
 * JSON_BAD if it is not JSON. For each of the npaths paths, hits[i] says
 * where its value is; *end is where the value of the object's last member
 * ends, or just after its '{' if it has none (then p[*end - 1] is '{'),
 * so that a member can be added there. */
int json_scan(const char *p, size_t n, const struct json_path *paths,
              size_t npaths, struct json_hit *hits, size_t *end);

/* Append the decoded contents of the string p[0..n), quotes excluded, that
 * json_scan accepted. */
void json_unescape(struct buf *b, const char *p, size_t n);

/* Append s[0..n) as a JSON string, quotes included, escaped as jansson
 * does: '"', '\\' and control characters only, and a lone surrogate's
 * three bytes as its \u escape. */
void json_escape(struct buf *b, const char *s, size_t n);

/* Whether s[0..n) can be written by json_escape as valid JSON: valid UTF-8
 * but for lone surrogates in their three-byte form. */
int json_encodable(const char *s, size_t n);

#endif
