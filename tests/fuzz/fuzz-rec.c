/* See LICENSE file for copyright and license details. */
/*
 * fuzz-rec: libFuzzer target for the record reader (common/rec.c): every
 * unit, -z, --jsonl and a small window chosen by the first bytes. The
 * filter writes each unit back unchanged, so the output must equal the
 * input byte for byte in every mode, JSON Lines included (unchanged
 * records, malformed lines and overlong lines all pass through as they
 * were).
 *
 * It also holds the JSON scanner (common/json.c) to jansson: a line the
 * scanner accepts is an object to jansson too, with the same field value,
 * and that value encoded and parsed again is the same string.
 */
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
	struct json_member m;
	json_t *root, *v, *w;
	const char *p = (const char *)data;
	const char *nl = memchr(p, '\n', size);
	size_t n = nl ? (size_t)(nl - p) : size;

	if (!a.p) {
		buf_init_mem(&a, 1024);
		buf_init_mem(&b, 1024);
	}
	if (json_scan(p, n, "text", NULL, &m) != JSON_OK)
		return;
	if (!(root = json_loadb(p, n, JSON_ALLOW_NUL, NULL)) ||
	    !json_is_object(root))
		abort();
	v = json_object_get(root, "text");
	if (!v != !m.ve || (v && !json_is_string(v) != !m.isstr))
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf mem;
	static int fd = -1;
	struct rec_opt o = { REC_PLAIN, "text", REC_STATS_NONE };
	struct rec_filter f = { REC_LINE, ident, NULL, NULL, NULL, NULL, NULL };
	char path[64], *argv[1];

	if (size < 2)
		return 0;
	f.unit = (enum rec_unit)(data[0] & 3);
	o.mode = (enum rec_mode)((data[0] >> 2) % 3);
	rec_window = 4 + data[1] * 17u;
	data += 2;
	size -= 2;
	scanner(data, size);

	if (fd < 0) {
		if ((fd = memfd_create("fuzz-rec", 0)) < 0)
			abort();
		buf_init_mem(&mem, 1024);
		out = &mem;
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	argv[0] = path;
	mem.len = 0;
	rec_run(&o, &f, 1, argv);
	if (mem.len != size || memcmp(mem.p, data, size))
		abort();
	return 0;
}
