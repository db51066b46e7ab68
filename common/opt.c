/* See LICENSE file for copyright and license details. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/opt.h"

void
opt_init(struct opt_state *s, int argc, char **argv, char **rest)
{
	memset(s, 0, sizeof(*s));
	s->argc = argc;
	s->argv = argv;
	s->ind = 1;
	s->rest = rest;
	rest[0] = NULL;
}

static int
finish(struct opt_state *s)
{
	while (s->ind < s->argc)
		s->rest[s->nrest++] = s->argv[s->ind++];
	s->rest[s->nrest] = NULL;
	return -1;
}

static int
fail(struct opt_state *s, const char *fmt, const char *what, int len)
{
	snprintf(s->err, sizeof(s->err), fmt, len, what);
	return '?';
}

/* A long option: the word after "--", s->ind already past it. */
static int
longopt(struct opt_state *s, const char *w, const struct opt_long *longs)
{
	const struct opt_long *o, *hit = NULL;
	const char *eq = strchr(w, '=');
	size_t k = eq ? (size_t)(eq - w) : strlen(w);
	int nhit = 0;

	for (o = longs; o && o->name; o++) {
		if (strncmp(o->name, w, k))
			continue;
		if (o->name[k] == '\0') {       /* exact: no ambiguity */
			hit = o;
			nhit = 1;
			break;
		}
		if (!hit || hit->val != o->val || hit->has_arg != o->has_arg)
			nhit++;
		if (!hit)
			hit = o;
	}
	if (nhit == 0)
		return fail(s, "unknown option --%.*s", w, (int)k);
	if (nhit > 1)
		return fail(s, "ambiguous option --%.*s", w, (int)k);
	s->arg = NULL;
	if (eq) {
		if (hit->has_arg == OPT_NONE)
			return fail(s, "option --%s takes no argument",
			            hit->name, -1);
		s->arg = eq + 1;
	} else if (hit->has_arg == OPT_REQUIRED) {
		if (s->ind >= s->argc)
			return fail(s, "option --%s needs an argument",
			            hit->name, -1);
		s->arg = s->argv[s->ind++];
	}
	return hit->val;
}

int
opt_next(struct opt_state *s, const char *shortopts,
         const struct opt_long *longs)
{
	const char *w, *d;
	int c;

	s->arg = NULL;
	s->err[0] = '\0';
	if (!s->group || !*s->group) {
		s->group = NULL;
		for (;;) {
			if (s->ind >= s->argc)
				return finish(s);
			w = s->argv[s->ind];
			if (w[0] == '-' && w[1] != '\0')
				break;
			s->rest[s->nrest++] = s->argv[s->ind++];  /* operand */
		}
		s->ind++;
		if (w[1] == '-') {
			if (w[2] == '\0')
				return finish(s);
			return longopt(s, w + 2, longs);
		}
		s->group = w + 1;
	}
	c = (unsigned char)*s->group++;
	if (c == ':' || c == '?' || !(d = strchr(shortopts, c)))
		return fail(s, "unknown option -%.*s", s->group - 1, 1);
	if (d[1] != ':')
		return c;
	if (*s->group) {                /* -Lde */
		s->arg = s->group;
		s->group = NULL;
	} else if (d[2] != ':') {       /* -L de */
		if (s->ind >= s->argc)
			return fail(s, "option -%.*s needs an argument",
			            s->group - 1, 1);
		s->arg = s->argv[s->ind++];
	}
	s->group = NULL;
	return c;
}

int
opt_num(const char *s, long long min, long long max, const char *opt,
        long long *v, char *err, size_t errsize)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0') {
		snprintf(err, errsize, "%s: not a number: %s", opt, s);
		return -1;
	}
	if (errno == ERANGE || *v < min || *v > max) {
		snprintf(err, errsize, "%s: %s is out of range %lld..%lld", opt,
		         s, min, max);
		return -1;
	}
	return 0;
}

int
opt_size(const char *s, unsigned long long min, unsigned long long max,
         const char *opt, unsigned long long *v, char *err, size_t errsize)
{
	unsigned long long mul = 1;
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		goto bad;
	*v = strtoull(s, &end, 10);
	switch (*end) {
	case 'K': case 'k': mul = 1ULL << 10; end++; break;
	case 'M': case 'm': mul = 1ULL << 20; end++; break;
	case 'G': case 'g': mul = 1ULL << 30; end++; break;
	}
	if (*end == 'i' && mul > 1 && end[1] == 'B')  /* 8MiB */
		end += 2;
	else if (*end == 'B' && mul > 1)            /* 8MB: also powers of 1024 */
		end++;
	if (*end != '\0')
		goto bad;
	if (errno == ERANGE || *v > max / mul || *v * mul < min ||
	    *v * mul > max) {
		snprintf(err, errsize, "%s: %s is out of range %llu..%llu", opt,
		         s, min, max);
		return -1;
	}
	*v *= mul;
	return 0;
bad:
	snprintf(err, errsize, "%s: not a size: %s (a number, K, M or G)", opt,
	         s);
	return -1;
}
