/* See LICENSE file for copyright and license details. */
/*
 * test-json: the string scanner of common/json.c (16 bytes at a time with
 * SSE2, else 8) against plain loops and jansson. It includes json.c, so it
 * sees the static helpers; the Makefile builds it twice, the second time
 * with __SSE2__ undefined, so both paths are held to the same answers.
 *
 * Strings are built from pieces (plain ASCII, quotes, backslashes, every
 * escape, control characters, valid and ill-formed UTF-8) and each is
 * tried at every offset of a 16-byte block, so every special byte falls
 * in every lane, in the block loop and in the tails.
 */
#include <jansson.h>
#include <stdlib.h>

#include "common/json.c"
#include "tests/unit/tap.h"

static const char *pieces[] = {
	"a", "plain text ", "0123456789abcdef", "\"", "\\", "\\\"", "\\\\",
	"\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041", "\\u00e9",
	"\\u0000", "\\ud83d\\ude00", "\\ud83d", "\\ude00", "\\ud83dx",
	"\\u12", "\\uzzzz", "\\x", "\x01", "\x1f", "\t", " ", "\x7f",
	"\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x98\x80", "\xd0\xa0\xd1\x83",
	"\xc3", "\xe2\x80", "\xff", "\x80", "\xc0\xaf", "\xed\xa0\x80",
	"\xf4\x90\x80\x80",
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

/* the reference: the byte loop plain() stands for */
static size_t
plain_ref(const char *s, size_t j, size_t n, int stophigh)
{
	unsigned char c;

	for (; j < n; j++) {
		c = (unsigned char)s[j];
		if (c < 0x20 || c == '"' || c == '\\' || (stophigh && c >= 0x80))
			break;
	}
	return j;
}

static void
escape_ref(struct buf *b, const char *s, size_t n)
{
	char e[8];
	size_t i;
	unsigned char c;

	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_put(b, "\\\"", 2); break;
		case '\\': buf_put(b, "\\\\", 2); break;
		case '\b': buf_put(b, "\\b", 2); break;
		case '\f': buf_put(b, "\\f", 2); break;
		case '\n': buf_put(b, "\\n", 2); break;
		case '\r': buf_put(b, "\\r", 2); break;
		case '\t': buf_put(b, "\\t", 2); break;
		default:
			if (c < 0x20) {
				snprintf(e, sizeof(e), "\\u%04x", c);
				buf_put(b, e, 6);
			} else if (c == 0xED && i + 2 < n &&
			    (unsigned char)s[i + 1] >= 0xA0 &&
			    (unsigned char)s[i + 1] <= 0xBF &&
			    (unsigned char)s[i + 2] >= 0x80 &&
			    (unsigned char)s[i + 2] <= 0xBF) {
				/* a surrogate's three bytes: its escape */
				snprintf(e, sizeof(e), "\\u%04x", 0xD000 |
				    ((unsigned char)s[i + 1] & 0x3F) << 6 |
				    ((unsigned char)s[i + 2] & 0x3F));
				buf_put(b, e, 6);
				i += 2;
			} else {
				buf_putc(b, c);
			}
		}
	}
	buf_putc(b, '"');
}

/* Whether s[0..n) holds a surrogate's three bytes. */
static int
hassurrogate(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n; i++)
		if ((unsigned char)s[i] == 0xED &&
		    (unsigned char)s[i + 1] >= 0xA0 &&
		    (unsigned char)s[i + 1] <= 0xBF)
			return 1;
	return 0;
}

static void
show(const char *what, const char *p, size_t n)
{
	size_t i;

	printf("# %s: ", what);
	for (i = 0; i < n; i++)
		printf((unsigned char)p[i] < 0x20 || (unsigned char)p[i] >= 0x7f ?
		    "\\x%02x" : "%c", (unsigned char)p[i]);
	putchar('\n');
}

int
main(void)
{
	static struct buf s, line, a, b;
	struct json_path path;
	struct json_hit m;
	json_t *root, *v;
	char err[64];
	size_t i, j, off, k, np, nplain = 0, nscan = 0, nesc = 0;
	size_t badplain = 0, badscan = 0, badesc = 0, accepted = 0;
	int r;

	json_path_parse("text", &path, err, sizeof(err));
	buf_init_mem(&s, 256);
	buf_init_mem(&line, 256);
	buf_init_mem(&a, 256);
	buf_init_mem(&b, 256);
	srand(1);
	for (i = 0; i < 20000; i++) {
		/* a string of 0 to 11 pieces, at offset 0 to 15 */
		s.len = 0;
		np = (size_t)rand() % 12;
		off = (size_t)rand() % 16;
		for (j = 0; j < off; j++)
			buf_putc(&s, 'x');
		for (j = 0; j < np; j++)
			buf_puts(&s, pieces[(size_t)rand() % NPIECES]);

		/* plain() from every start, both ways */
		for (j = 0; j <= s.len; j++) {
			for (r = 0; r < 2; r++) {
				nplain++;
				if (plain(s.p, j, s.len, r) !=
				    plain_ref(s.p, j, s.len, r) && !badplain++)
					show("plain() differs on", s.p, s.len);
			}
		}

		/* json_escape() against the byte loop */
		a.len = b.len = 0;
		json_escape(&a, s.p + off, s.len - off);
		escape_ref(&b, s.p + off, s.len - off);
		nesc++;
		if ((a.len != b.len || memcmp(a.p, b.p, a.len)) && !badesc++)
			show("json_escape() differs on", s.p + off, s.len - off);

		/* the same bytes as a JSON string: the scanner accepts what
		 * jansson accepts, and decodes it the same way; it also takes
		 * a lone surrogate's escape, which jansson refuses */
		line.len = 0;
		buf_put(&line, "{\"id\":1,\"text\":\"", 16);
		buf_put(&line, s.p + off, s.len - off);
		buf_put(&line, "\"}", 2);
		nscan++;
		r = json_scan(line.p, line.len, &path, 1, &m, &k) == JSON_OK;
		root = json_loadb(line.p, line.len, JSON_ALLOW_NUL, NULL);
		v = root ? json_object_get(root, "text") : NULL;
		k = 0;
		if (r && !v) {
			a.len = 0;
			json_unescape(&a, line.p + m.vs + 1, m.ve - m.vs - 2);
			k = !hassurrogate(a.p, a.len);
			/* ... and writes it back as it came */
			b.len = 0;
			json_escape(&b, a.p, a.len);
			if (!k && json_scan(b.p, b.len, &path, 0, &m, &j) !=
			    JSON_NOTOBJECT)
				k = 1;
		} else if (r != (v != NULL)) {
			k = 1;
		} else if (r) {
			accepted++;
			a.len = 0;
			json_unescape(&a, line.p + m.vs + 1, m.ve - m.vs - 2);
			k = a.len != json_string_length(v) ||
			    memcmp(a.p, json_string_value(v), a.len);
		}
		if (k && !badscan++)
			show(r ? "scanner accepts, jansson does not (or decodes otherwise)" :
			    "jansson accepts, scanner does not", line.p, line.len);
		json_decref(root);
	}
	ok(badplain == 0, "plain() finds the first special byte: %zu of %zu differ",
	    badplain, nplain);
	ok(badesc == 0, "json_escape() escapes as the byte loop: %zu of %zu differ",
	    badesc, nesc);
	ok(badscan == 0, "json_scan() accepts and decodes as jansson: %zu of %zu differ",
	    badscan, nscan);
	/* a test that saw only rejections would prove little */
	ok(accepted > nscan / 10 && accepted < nscan - nscan / 10,
	    "both accepted and rejected strings were tried: %zu of %zu accepted",
	    accepted, nscan);
	json_path_free(&path);
	return done_testing();
}
