#!/bin/sh
# The Python module (python/copydesk.py, ctypes over libcopydesk) with
# Debian's python3 and nothing else: the same bytes as the programs, two
# chains used in turn, chains in threads, records with other fields kept,
# quotes whose character offsets slice the text, and clear errors.
. "${0%/*}/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
	skip 'python' 'python3 is not installed'
	done_testing
	exit
fi
if sanitized; then
	skip 'python' 'a sanitizer build cannot be loaded into python3'
	done_testing
	exit
fi
if noshared; then
	skip 'python' 'no shared library in this build (make musl)'
	done_testing
	exit
fi
for f in "$top"/samples/*.txt; do
	unmojibake <"$f" | unboiler | sentsplit | quotetag -u >"$T/${f##*/}.clean"
	sentsplit -L de <"$f" >"$T/${f##*/}.de"
done
COPYDESK_LIB=$top/libcopydesk.so.0 PYTHONPATH=$top/python \
	python3 - "$T" "$top"/samples/*.txt >"$T/tap" 2>"$T/err" <<'PY'
import json, sys, threading
import copydesk

n = 0
def ok(cond, what):
    global n
    n += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, what))

tmp, files = sys.argv[1], sys.argv[2:]
texts = [open(f, encoding="utf-8", errors="surrogateescape").read() for f in files]
ok(copydesk.version().count(".") == 2, "version() " + copydesk.version())

# the module's calls against the programs' bytes
a = copydesk.Chain()
b = copydesk.Chain("sentsplit -L de")
same_a = same_b = True
for f, t in zip(files, texts):
    name = f.rsplit("/", 1)[1]
    want_a = open(tmp + "/" + name + ".clean", encoding="utf-8").read()
    want_b = open(tmp + "/" + name + ".de", encoding="utf-8").read()
    same_a &= a(t).text == want_a        # two chains in turn
    same_b &= b(t).text == want_b
    same_b &= copydesk.sentsplit(t, "de") == want_b
ok(same_a, "Chain() gives the four programs' text, document after document")
st = a.stats()
ok(st["records"] == len(texts) and "sentsplit" in st, "stats(): records and each stage's counts")
ok(same_b, "a second chain used in turn, and sentsplit(lang=), give sentsplit -L de's")

# quotes: character offsets slice the text
bad = total = 0
for t in texts + ["Er sagte: \u201eDas ist gut\u201c, so M\u00fcller. \U0001F600 \"Yes,\" Smith said."]:
    r = copydesk.Chain(["quotetag"])(t)
    for q in r.quotes:
        total += 1
        bad += r.text[q["start"]:q["end"]] != q["text"]
        if q.get("cue") and q.get("cue_start") is not None:
            bad += r.text[q["cue_start"]:q["cue_end"]] != q["cue"]
        if q.get("speaker_start") is not None:   # the mention: a name, "he"
            bad += not r.text[q["speaker_start"]:q["speaker_end"]].strip()
ok(total > 5 and bad == 0, "quote, cue and speaker offsets slice the text in characters (%d quotes, %d off)" % (total, bad))
ok(copydesk.quotes('"We will win," Smith said.')[0]["speaker"] == "Smith", "quotes() as dicts")

# records keep their other fields
rec = {"id": 7, "big": 18446744073709551615, "meta": {"x": [1, 2]}, "text": texts[0]}
got = copydesk.Chain(["unmojibake"]).record(rec)
ok(got["id"] == 7 and got["big"] == rec["big"] and got["meta"] == rec["meta"], "record(): other fields kept")
raw = b'{"n":1E+2,"text":"Caf\\u00c3\\u00a9 au lait."}'
out = copydesk.Chain(["unmojibake"]).record(raw)
ok(out.startswith(b'{"n":1E+2,"text":"Caf\xc3\xa9'), "record() on bytes: the other bytes as they were")

# threads: a chain each, at once
res = {}
def work(i):
    c = copydesk.Chain()
    res[i] = [c(t).text for t in texts]
th = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for x in th: x.start()
for x in th: x.join()
ok(all(res[i] == res[0] for i in res) and res[0][0] == a(texts[0]).text, "four threads, a chain each, give the same text")

# errors
try:
    copydesk.Chain("sentsplit | nosuch")
    ok(False, "a bad chain is refused")
except copydesk.CopydeskError as e:
    ok("nosuch: not a filter" in str(e), "a bad chain is refused: " + str(e))
try:
    copydesk.Chain(["unmojibake"]).record(b"not json")
    ok(False, "a bad record raises")
except copydesk.CopydeskError as e:
    ok("not JSON" in str(e), "a bad record raises: " + str(e))
print("1..%d" % n)
PY
st=$?
is 'python3: exit 0' "$st" 0
[ -s "$T/err" ] && diag "$(head -20 "$T/err")"
is 'python3: every check passes' "$(grep -c '^not ok' "$T/tap")" 0
grep '^not ok' "$T/tap" | while IFS= read -r l; do diag "$l"; done
ok 'python3: the checks ran' grep -q '^1..11$' "$T/tap"
done_testing
