# See LICENSE file for copyright and license details.
# randdocs.awk: seeded random documents for sentsplit's property tests,
# each ended by a NUL (for -z): most are runs of tokens that matter to
# the rules (stops of many scripts, abbreviations, quotes and brackets,
# list markers, links, line ends of three kinds, time stamps), some
# random bytes.
#
#   awk -v seed=1 -v n=3000 [-v max=40] -f randdocs.awk >docs
BEGIN {
	if (max == "")
		max = 40
	srand(seed)
	nt = split("He|said|.|\343\200\202|!|?|\357\274\237|\357\274\201|" \
	    "\330\237|...|\342\200\246|Dr.|Mr.|U.S.|\343\200\214|" \
	    "\343\200\215|\302\253|\302\273|\"|'|(|)|[17]|:-)|1.|2.|a)|b)|" \
	    "\342\200\242|http://x.com/a.b|a@b.c|www.x.org|\n|\n\n|\r|" \
	    "\r\n|\r\r|\r\r\n| |  |\t|the|The|It|ended|Then|Contact@|" \
	    "well-|known|No.|5|12.|Juni|XII.|\344\273\226\350\257\264|" \
	    "\343\200\202\343\200\215|\316\240\316\277\317\215|" \
	    "\316\265\316\257\316\275\316\261\316\271|;|:|\340\245\244|" \
	    "\333\224|\341\215\242|\357\274\216|\357\274\264|\357\275\224|" \
	    "Jr.'s|. . .|word|I|i.e.|e.g.|,|\342\200\224|-|Inc.|Co.|" \
	    "a.m.|p.m.|x|Y|zz|\302\240|vs.|etc.|a.|A.|\343\200\201|" \
	    "\343\200\210|\343\200\211|\342\200\234|\342\200\235|" \
	    "\342\200\231|\f|\v|Ab|cD|3.5|$|#|\343\200\202 |" \
	    "\345\274\225\347\224\250|08/16/2000 03:48 PM|" \
	    "04/25/01 12:42:55|2001-02-13|08:02|AM|08/16/2000", tok, "|")
	ns = split(". ! ? ; : \" ' ( ) [ ] , - a Z 1", sym, " ")
	for (d = 0; d < n; d++) {
		if (rand() < 0.3) {
			k = int(rand() * 80) + 1
			for (i = 0; i < k; i++) {
				r = rand()
				if (r < 0.3)
					printf "%s", sym[int(rand() * ns) + 1]
				else if (r < 0.5)
					printf "%s", substr(" \n\n\t\r", int(rand() * 5) + 1, 1)
				else
					printf "%c", int(rand() * 255) + 1
			}
		} else {
			k = int(rand() * max) + 1
			for (i = 0; i < k; i++) {
				printf "%s", tok[int(rand() * nt) + 1]
				if (rand() < 0.5)
					printf " "
			}
		}
		printf "%c", 0
	}
}
