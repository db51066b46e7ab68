/* See LICENSE file for copyright and license details. */
/*
 * unmojibake-gen: print filters/unmojibake_data.c.  Run by
 * scripts/gen/unmojibake-data from the top of the tree; reads
 * data/unmojibake/{codepages,classes,badness}.txt and entities.json and
 * asks iconv(3) what every byte 0x80-0xFF of each code page means.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPAGES 18
#define MAXCLS 64
#define MAXCP  0x10000
#define MAXENT 4096
#define ENTMAX 62 /* longest name we can read, without '&' and ';' */

static char pname[NPAGES][32], piconv[NPAGES][32];
static int psloppy[NPAGES];
static int plost[NPAGES]; /* the one byte of 80-BF iconv lacks, or 0 */
static uint32_t dec[NPAGES][128];
static uint64_t cls[MAXCP];
static unsigned char enc[MAXCP][NPAGES];
static char clsname[MAXCLS][32];
static int ncls;
static char litset[MAXCLS][256];
static struct ent {
	char name[ENTMAX + 1];
	uint32_t cp[2];
} ents[MAXENT];
static int nents, entmax;

static void
die(const char *file, int line, const char *msg)
{
	fprintf(stderr, "unmojibake-gen: %s:%d: %s\n", file, line, msg);
	exit(1);
}

/* Decode one UTF-8 character; return its length (0 at the end). */
static int
u8dec(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int n, i;

	if (!u[0])
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	n = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2;
	*cp = u[0] & (0x3F >> (n - 1));
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return -1;
		*cp = *cp << 6 | (u[i] & 0x3F);
	}
	return n;
}

/* Encode cp (< 0x10000) as UTF-8 into s, NUL-terminated. */
static void
u8enc(uint32_t cp, char *s)
{
	if (cp < 0x80) {
		*s++ = (char)cp;
	} else if (cp < 0x800) {
		*s++ = (char)(0xC0 | cp >> 6);
		*s++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*s++ = (char)(0xE0 | cp >> 12);
		*s++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*s++ = (char)(0x80 | (cp & 0x3F));
	}
	*s = '\0';
}

/* Parse one item of classes.txt or U+XXXX; set [*lo, *hi]. */
static int
item(const char *s, uint32_t *lo, uint32_t *hi)
{
	int n, m;

	if (s[0] == 'U' && s[1] == '+' && s[2]) {
		char *e;
		*lo = *hi = strtoul(s + 2, &e, 16);
		if (*e == '-' && e[1] == 'U' && e[2] == '+')
			*hi = strtoul(e + 3, &e, 16);
		return *e ? -1 : 0;
	}
	if ((n = u8dec(s, lo)) <= 0)
		return -1;
	*hi = *lo;
	if (!s[n])
		return 0;
	if (s[n] != '-' || (m = u8dec(s + n + 1, hi)) <= 0 || s[n + 1 + m])
		return -1;
	return 0;
}

static FILE *
eopen(const char *path)
{
	FILE *fp;

	if (!(fp = fopen(path, "r"))) {
		perror(path);
		exit(1);
	}
	return fp;
}

static int
classbit(const char *name)
{
	static const char *builtin[] = {"alpha", "lower", "space",
					"word",	 "start", "upper"};
	int i;

	for (i = 0; i < 6; i++)
		if (!strcmp(name, builtin[i]))
			return i;
	for (i = 6; i < ncls; i++)
		if (!strcmp(name, clsname[i]))
			return i;
	return -1;
}

static void
read_pages(void)
{
	const char *f = "data/unmojibake/codepages.txt";
	FILE *fp = eopen(f);
	char line[256], sl[32];
	int ln = 0, np = 0, b, nlost;

	while (fgets(line, sizeof(line), fp)) {
		ln++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (np == NPAGES || sscanf(line, "%31s %31s %31s", pname[np],
					   piconv[np], sl) != 3)
			die(f, ln, "bad line or too many pages");
		psloppy[np] = !strcmp(sl, "sloppy");
		nlost = 0;
		for (b = 0x80; b < 0x100; b++) {
			iconv_t cd = iconv_open("UTF-32LE", piconv[np]);
			char in[1], out[8], *ip = in, *op = out;
			size_t il = 1, ol = sizeof(out);
			unsigned char *u = (unsigned char *)out;

			if (cd == (iconv_t)-1)
				die(f, ln, "iconv_open failed");
			in[0] = (char)b;
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
			    ol != sizeof(out) - 4) {
				dec[np][b - 0x80] =
				    psloppy[np] ? (uint32_t)b : 0xFFFFFFFFu;
				if (b < 0xC0 && nlost++ == 0)
					plost[np] = b;
			} else
				dec[np][b - 0x80] = u[0] | u[1] << 8 |
						    u[2] << 16 |
						    (uint32_t)u[3] << 24;
			iconv_close(cd);
			if (dec[np][b - 0x80] < MAXCP)
				enc[dec[np][b - 0x80]][np] = (unsigned char)b;
		}
		if (nlost != 1)
			plost[np] = 0;
		np++;
	}
	if (np != NPAGES)
		die(f, ln, "expected 18 code pages");
	fclose(fp);
}

static void
read_classes(void)
{
	const char *f = "data/unmojibake/classes.txt";
	FILE *fp = eopen(f);
	char line[1024], *tok;
	int ln = 0, c;
	uint32_t lo, hi, cp;

	ncls = 6;
	while (fgets(line, sizeof(line), fp)) {
		ln++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		tok = strtok(line, " \t\n");
		if ((c = classbit(tok)) < 0) {
			if (ncls == MAXCLS)
				die(f, ln, "too many classes");
			c = ncls++;
			snprintf(clsname[c], sizeof(clsname[c]), "%s", tok);
		}
		while ((tok = strtok(NULL, " \t\n"))) {
			if (item(tok, &lo, &hi) < 0 || hi >= MAXCP || lo > hi)
				die(f, ln, "bad item");
			for (cp = lo; cp <= hi; cp++)
				cls[cp] |= 1ULL << c;
		}
	}
	fclose(fp);
}

/* A literal set gets a class bit of its own, shared by equal sets. */
static int
litbit(const char *set, const char *f, int ln)
{
	int i, n;
	uint32_t cp;
	const char *s;

	for (i = 6; i < ncls; i++)
		if (clsname[i][0] == '\'' && !strcmp(litset[i], set))
			return i;
	if (ncls == MAXCLS)
		die(f, ln, "too many classes");
	i = ncls++;
	snprintf(clsname[i], sizeof(clsname[i]), "'lit%d", i);
	snprintf(litset[i], sizeof(litset[i]), "%s", set);
	for (s = set; (n = u8dec(s, &cp)) > 0; s += n)
		cls[cp] |= 1ULL << i;
	if (n < 0)
		die(f, ln, "bad UTF-8");
	return i;
}

/* Classes an ASCII character can be in: the built-in ones and any class
 * or literal set holding ASCII. */
static uint64_t
asciicls(void)
{
	uint64_t m = (1ULL << 6) - 1;
	int c;

	for (c = 0; c < 128; c++)
		m |= cls[c];
	return m;
}

#define MAXRULES 128
static int nrules, rlen[MAXRULES], rneg[MAXRULES];
static uint64_t rpos[MAXRULES][6], rfirst;

static void
read_rules(void)
{
	const char *f = "data/unmojibake/badness.txt";
	FILE *fp = eopen(f);
	char line[1024], *save, *tok, *alt, *save2;
	int ln = 0, c, len, i;
	uint64_t m;
	uint32_t lo, hi;

	while (fgets(line, sizeof(line), fp)) {
		ln++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (nrules == MAXRULES)
			die(f, ln, "too many rules");
		len = 0;
		for (tok = strtok_r(line, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save)) {
			if (len == 6)
				die(f, ln, "rule too long");
			m = 0;
			if (*tok == '!') {
				rneg[nrules] |= 1 << len;
				tok++;
			}
			for (alt = strtok_r(tok, "|", &save2); alt;
			     alt = strtok_r(NULL, "|", &save2)) {
				if (alt[0] == '\'') {
					size_t l = strlen(alt);
					if (l < 3 || alt[l - 1] != '\'')
						die(f, ln, "bad literal");
					alt[l - 1] = '\0';
					c = litbit(alt + 1, f, ln);
				} else if (alt[0] == 'U' && alt[1] == '+') {
					char one[8];
					if (item(alt, &lo, &hi) < 0 ||
					    lo != hi || lo >= MAXCP)
						die(f, ln, "bad U+");
					u8enc(lo, one);
					c = litbit(one, f, ln);
				} else if ((c = classbit(alt)) < 0) {
					die(f, ln, "unknown class");
				}
				m |= 1ULL << c;
			}
			if (len == 0)
				rfirst |= m;
			rpos[nrules][len++] = m;
		}
		for (i = 0; i < len; i++)
			if (!(rneg[nrules] >> i & 1) &&
			    !(rpos[nrules][i] & asciicls()))
				break;
		if (i == len)
			die(f, ln, "every rule needs a position with no ASCII");
		rlen[nrules++] = len;
	}
	fclose(fp);
}

static void
print_tables(void)
{
	static uint16_t entof[MAXCP];
	static int blk[256];
	int i, j, p, nent = 1, nblk = 1, b;
	uint32_t cp;

	/* entries: distinct (class, encodings) pairs; 0 is "nothing" */
	static uint64_t ecls[4096];
	static unsigned char eenc[4096][NPAGES];

	for (cp = 0; cp < MAXCP; cp++) {
		int any = cls[cp] != 0;
		for (p = 0; p < NPAGES; p++)
			any |= enc[cp][p] != 0;
		if (!any)
			continue;
		for (i = 1; i < nent; i++)
			if (ecls[i] == cls[cp] &&
			    !memcmp(eenc[i], enc[cp], NPAGES))
				break;
		if (i == nent) {
			if (nent == 4096)
				die("tables", 0, "too many entries");
			ecls[nent] = cls[cp];
			memcpy(eenc[nent++], enc[cp], NPAGES);
		}
		entof[cp] = (uint16_t)i;
		if (!blk[cp >> 8])
			blk[cp >> 8] = nblk++;
	}
	printf("const uint16_t um_major[256] = {");
	for (b = 0; b < 256; b++)
		printf("%s%d,", b % 16 ? " " : "\n\t", blk[b]);
	printf("\n};\n\nconst uint16_t um_minor[][256] = {\n\t{ 0 },\n");
	for (j = 1; j < nblk; j++) {
		for (b = 0; b < 256 && blk[b] != j; b++)
			;
		printf("\t{ /* U+%02X00 */", b);
		for (i = 0; i < 256; i++)
			printf("%s%d,", i % 16 ? " " : "\n\t\t",
			       entof[b << 8 | i]);
		printf("\n\t},\n");
	}
	printf("};\n\nconst uint64_t um_ent_cls[] = {");
	for (i = 0; i < nent; i++)
		printf("%s0x%llx,", i % 4 ? " " : "\n\t",
		       (unsigned long long)ecls[i]);
	printf("\n};\n\nconst unsigned char um_ent_enc[][UM_NPAGES] = {\n");
	for (i = 0; i < nent; i++) {
		printf("\t{");
		for (p = 0; p < NPAGES; p++)
			printf("%s0x%02x", p ? ", " : " ", eenc[i][p]);
		printf(" },\n");
	}
	printf("};\n\n");
}

/* --- entities.json, a line at a time */

/* s past the literal t, or NULL if s does not begin with it. */
static const char *
lit(const char *s, const char *t)
{
	size_t n = strlen(t);

	return strncmp(s, t, n) ? NULL : s + n;
}

/* s past a decimal code point (no leading zero), stored in *v. */
static const char *
decimal(const char *s, uint32_t *v)
{
	int n = 0;

	if (!s)
		return NULL;
	for (*v = 0; s[n] >= '0' && s[n] <= '9' && n < 8; n++)
		*v = *v * 10 + (uint32_t)(s[n] - '0');
	if (!n || (s[0] == '0' && n > 1) || *v > 0x10FFFF)
		return NULL;
	return s + n;
}

/* s past one "\uXXXX" (upper-case hex), stored in *v. */
static const char *
u16(const char *s, uint32_t *v)
{
	int i;

	if (!s || !(s = lit(s, "\\u")))
		return NULL;
	for (*v = 0, i = 0; i < 4; i++, s++)
		if (*s >= '0' && *s <= '9')
			*v = *v << 4 | (uint32_t)(*s - '0');
		else if (*s >= 'A' && *s <= 'F')
			*v = *v << 4 | (uint32_t)(*s - 'A' + 10);
		else
			return NULL;
	return s;
}

/* s past the escape of one character, as WHATWG writes it (a surrogate
 * pair above U+FFFF), which must stand for cp. */
static const char *
character(const char *s, uint32_t cp)
{
	uint32_t hi, lo;

	if (!(s = u16(s, &hi)) || (hi >= 0xDC00 && hi < 0xE000))
		return NULL;
	if (hi >= 0xD800 && hi < 0xDC00) {
		if (!(s = u16(s, &lo)) || lo < 0xDC00 || lo >= 0xE000)
			return NULL;
		hi = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
	}
	return hi == cp ? s : NULL;
}

static int
entcmp(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->name,
	    ((const struct ent *)b)->name);
}

/*
 * Read entities.json in exactly the layout WHATWG publishes it in (see
 * data/unmojibake/SOURCE.md): "{", then one line per name,
 *	  "&NAME;": { "codepoints": [N, N], "characters": "\uXXXX\uXXXX" },
 * in byte order, the last without its comma, then "}".  Anything else is
 * refused rather than guessed at, so a bad refresh of the file fails here.
 * Keep the names that end in ';': unmojibake decodes only those.
 */
static void
read_entities(void)
{
	const char *f = "data/unmojibake/entities.json";
	FILE *fp = eopen(f);
	char line[256], prev[ENTMAX + 4] = "", key[ENTMAX + 4];
	const char *s, *e;
	uint32_t cp[2];
	int ln, last = 0, end = 0, n, k;

	if (!fgets(line, sizeof(line), fp) || strcmp(line, "{\n"))
		die(f, 1, "the first line is not \"{\"");
	for (ln = 2; fgets(line, sizeof(line), fp); ln++) {
		if (!strchr(line, '\n'))
			die(f, ln, "line too long or without a newline");
		if (!strcmp(line, "}\n")) {
			if (!last)
				die(f, ln, "\"}\" after a comma");
			end = 1;
			break;
		}
		if (last)
			die(f, ln, "a name after the last one");
		if (!(s = lit(line, "  \"&")))
			die(f, ln, "not an entry:   \"&NAME\": { ... },");
		for (e = s; (*e >= 'a' && *e <= 'z') ||
			    (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9');
		     e++)
			;
		n = (int)(e - s);
		if (!n || n > ENTMAX)
			die(f, ln, "no name, or one longer than ENTMAX");
		k = *e == ';';
		/* the name with its closing quote orders the lines as
		 * sort(1) does in the C locale */
		snprintf(key, sizeof(key), "%.*s\"", n + k, s);
		if (strcmp(prev, key) >= 0)
			die(f, ln, "names out of byte order or twice");
		memcpy(prev, key, sizeof(prev));
		cp[1] = 0;
		s = decimal(lit(e + k, "\": { \"codepoints\": ["), &cp[0]);
		if (s && *s == ',' && (s = decimal(lit(s, ", "), &cp[1])) &&
		    !cp[1])
			s = NULL;
		if (!s || !cp[0])
			die(f, ln, "bad \"codepoints\": one or two, in decimal");
		s = character(lit(s, "], \"characters\": \""), cp[0]);
		if (s && cp[1])
			s = character(s, cp[1]);
		if (!s || !(s = lit(s, "\" }")))
			die(f, ln, "\"characters\" are not the code points, "
			    "escaped as \\uXXXX");
		if (!strcmp(s, "\n"))
			last = 1;
		else if (strcmp(s, ",\n"))
			die(f, ln, "junk after the entry");
		if (!k)
			continue; /* the legacy form without ';' */
		if (nents == MAXENT)
			die(f, ln, "too many names");
		memcpy(ents[nents].name, e - n, (size_t)n);
		ents[nents].name[n] = '\0';
		ents[nents].cp[0] = cp[0];
		ents[nents].cp[1] = cp[1];
		nents++;
		if (n > entmax)
			entmax = n;
	}
	if (!end || ferror(fp) || fgetc(fp) != EOF)
		die(f, ln, "no \"}\" at the end, or text after it");
	fclose(fp);
	/* ';' sorts after the digits in the file, not in strcmp */
	qsort(ents, (size_t)nents, sizeof(ents[0]), entcmp);
}

int
main(void)
{
	int i, j, p;

	read_pages();
	read_classes();
	read_rules();
	printf("/* Automatically generated by scripts/gen/unmojibake-data "
	       "\xe2\x80\x94 do not edit */\n");
	printf("#include \"filters/unmojibake_data.h\"\n\n");
	printf("typedef char um_check_npages[UM_NPAGES == %d ? 1 : -1];\n\n",
	       NPAGES);
	printf("const char *const um_page_name[UM_NPAGES] = {");
	for (p = 0; p < NPAGES; p++)
		printf("%s\"%s\",", p % 6 ? " " : "\n\t", pname[p]);
	printf("\n};\n\nconst unsigned char um_page_sloppy[UM_NPAGES] = {\n\t");
	for (p = 0; p < NPAGES; p++)
		printf("%d,%s", psloppy[p], p + 1 < NPAGES ? " " : "\n");
	printf("};\n\nconst unsigned char um_page_lost[UM_NPAGES] = {\n\t");
	for (p = 0; p < NPAGES; p++)
		printf("0x%02x,%s", plost[p], p + 1 < NPAGES ?
		    (p % 8 == 7 ? "\n\t" : " ") : "\n");
	printf("};\n\nconst uint32_t um_page_dec[UM_NPAGES][128] = {\n");
	for (p = 0; p < NPAGES; p++) {
		printf("\t{ /* %s */", pname[p]);
		for (i = 0; i < 128; i++)
			printf("%s0x%04x,", i % 8 ? " " : "\n\t\t", dec[p][i]);
		printf("\n\t},\n");
	}
	printf("};\n\n");
	print_tables();
	printf("const uint64_t um_cls_c1 = 0x%llxULL;\n\n",
	       1ULL << classbit("c1"));
	printf("/* classes:");
	for (i = 6; i < ncls; i++)
		printf(" %d=%s", i,
		       clsname[i][0] == '\'' ? litset[i] : clsname[i]);
	printf(" */\nconst struct um_rule um_rules[] = {\n");
	for (i = 0; i < nrules; i++) {
		printf("\t{ %d, 0x%x, {", rlen[i], rneg[i]);
		for (j = 0; j < rlen[i]; j++)
			printf("%s0x%llxULL", j ? ", " : " ",
			       (unsigned long long)rpos[i][j]);
		printf(" } },\n");
	}
	printf("};\n\nconst size_t um_nrules = %d;\n", nrules);
	printf("const uint64_t um_rule_first = 0x%llxULL;\n\n",
	       (unsigned long long)rfirst);

	read_entities();
	/* unmojibake's buffer must hold the longest name */
	printf("typedef char um_check_entmax[UM_ENTITY_MAX == %d ? 1 : -1];\n\n",
	       entmax);
	printf("/* the names of data/unmojibake/entities.json that end in ';', "
	       "without\n * '&' and ';', sorted by strcmp for bsearch */\n");
	printf("const struct um_entity um_entities[] = {\n");
	for (i = 0; i < nents; i++)
		printf("\t{ \"%s\", { 0x%04x, 0x%04x } },\n", ents[i].name,
		       ents[i].cp[0], ents[i].cp[1]);
	printf("};\n\nconst size_t um_nentities = %d;\n", nents);
	if (ferror(stdout) || fflush(stdout))
		die("<stdout>", 0, "write error");
	return 0;
}
