/* See LICENSE file for copyright and license details. */
/*
 * fuzz-rec: libFuzzer target for the record reader (common/rec.c): every
 * unit, -z, --jsonl, a small window and --max-record, and a chain of one
 * or two stages, chosen by the first bytes. The filter writes each unit
 * back unchanged, so the output must equal the input byte for byte in
 * every mode, JSON Lines included (unchanged records, malformed lines and
 * overlong lines all pass through as they were; only a byte order mark at
 * the start of a line is dropped).
 *
 * It also holds the JSON scanner (common/json.c) to jansson: an object
 * jansson reads is one the scanner accepts, with the same field value, and
 * that value encoded and parsed again is the same string; what only the
 * scanner accepts is what jansson refuses on purpose (numbers too big for
 * a double, lone surrogates, deep nesting).
 */
#define _GNU_SOURCE     /* memfd_create */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <stdio.h>

#include <jansson.h>

#include "common/io.h"
#include "common/json.h"
#include "common/rec.h"

static int
ident(void *ctx, const char *p, size_t n, struct buf *o)
{
	(void)ctx;
	buf_put(o, p, n);
	return 0;
}

static void
scanner(const uint8_t *data, size_t size)
{
	static struct buf a, b;
	static struct json_path path;
	struct json_hit m;
	json_error_t jerr;
	json_t *root, *v, *w;
	const char *p = (const char *)data;
	const char *nl = memchr(p, '\n', size);
	size_t n = nl ? (size_t)(nl - p) : size, end;
	char err[64];
	int r;

	if (!a.p) {
		buf_init_mem(&a, 1024);
		buf_init_mem(&b, 1024);
		json_path_parse("text", &path, err, sizeof(err));
	}
	r = json_scan(p, n, &path, 1, &m, &end);
	if (memchr(p, '\0', n))
		return;         /* jansson stops reading at a NUL byte */
	root = json_loadb(p, n, JSON_ALLOW_NUL | JSON_DECODE_ANY, &jerr);
	if (!root) {
		if (r != JSON_BAD && !strstr(jerr.text, "too big") &&
		    !strstr(jerr.text, "overflow") &&
		    !strstr(jerr.text, "nvalid Unicode") &&
		    !strstr(jerr.text, "depth"))
			abort();
		return;
	}
	if (r == JSON_BAD || (r == JSON_OK) != json_is_object(root))
		abort();
	if (r != JSON_OK) {
		json_decref(root);
		return;
	}
	v = json_object_get(root, "text");
	if (!v != !m.found || (v && !json_is_string(v) != !m.isstr))
		abort();
	if (v && m.isstr) {
		a.len = b.len = 0;
		json_unescape(&a, p + m.vs + 1, m.ve - m.vs - 2);
		if (a.len != json_string_length(v) ||
		    memcmp(a.p, json_string_value(v), a.len))
			abort();
		json_escape(&b, a.p, a.len);
		w = json_loadb(b.p, b.len, JSON_ALLOW_NUL | JSON_DECODE_ANY,
		    NULL);
		if (!w || !json_equal(v, w))
			abort();
		json_decref(w);
	}
	json_decref(root);
}

static void
quiet(void *arg, const char *prog, const char *msg)
{
	(void)arg;
	(void)prog;
	(void)msg;
}

/* data[0..size) without a byte order mark at the start of a line */
static size_t
nobom(const uint8_t *data, size_t size, char *dst)
{
	size_t i, k = 0;

	for (i = 0; i < size; i++) {
		if ((i == 0 || data[i - 1] == '\n') && size - i >= 3 &&
		    !memcmp(data + i, "\xEF\xBB\xBF", 3)) {
			i += 2;
			continue;
		}
		dst[k++] = (char)data[i];
	}
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf mem;
	static int fd = -1;
	struct rec_opt o;
	struct rec_filter f = { REC_LINE, ident, NULL, NULL, NULL, NULL, NULL,
		0, NULL };
	struct rec_filter g;
	struct rec_run *r;
	struct diag d;
	char *want;
	size_t nwant;

	if (size < 3)
		return 0;
	rec_opt_init(&o);
	f.unit = (enum rec_unit)(data[0] & 3);
	o.mode = (enum rec_mode)((data[0] >> 2) % 3);
	f.lone_cr = data[0] >> 4 & 1;
	g = f;
	o.window = 16 + data[1] * 17u;
	o.max_record = 64 + data[2] * 29u;
	data += 3;
	size -= 3;
	scanner(data, size);

	diag_init(&d, "fuzz-rec");
	d.emit = quiet;
	if (fd < 0) {
		if ((fd = memfd_create("fuzz-rec", 0)) < 0)
			abort();
		buf_init_mem(&mem, 1024);
	}
	mem.len = 0;
	if (!(r = rec_new(&o, &d, &mem)) || rec_add(r, &f, "one", &d) < 0)
		abort();
	if (data[-3] & 0x80 && rec_add(r, &g, "two", &d) < 0)
		abort();
	if (o.mode == REC_JSONL) {
		/* compressed input would be decompressed: not an identity */
		if (size >= 2 && ((data[0] == 0x1f && data[1] == 0x8b) ||
		    data[0] == 0x28 || data[0] == 0xfd || data[0] == 'B'))
			goto out;
		if (ftruncate(fd, 0) ||
		    pwrite(fd, data, size, 0) != (ssize_t)size ||
		    lseek(fd, 0, SEEK_SET) != 0)
			abort();
		rec_file(r, fd, "memfd");
	} else {
		rec_push(r, (const char *)data, size);
		rec_push_end(r);
	}
	rec_end(r);
	want = malloc(size + 1);
	nwant = o.mode == REC_JSONL ? nobom(data, size, want) : size;
	if (o.mode != REC_JSONL)
		memcpy(want, data, size);
	if (mem.len != nwant || memcmp(mem.p, want, nwant))
		abort();
	free(want);
out:
	rec_free(r);
	return 0;
}
