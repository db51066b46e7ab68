#!/usr/bin/env python3
# See LICENSE file for copyright and license details.
"""checkoffsets.py: do quotetag's offsets mean what they say?

  checkoffsets.py records UNIT < OUT.jsonl
      OUT is quotetag --jsonl output: for every quote of every record,
      text[start:end] is its "text", text[cue_start:cue_end] its "cue",
      and the speaker's mention lies in the text.
  checkoffsets.py lines UNIT INPUT < OUT
      OUT is quotetag -f jsonl output for the plain text INPUT, offsets
      into INPUT (UTF-8 read with errors="replace").
  checkoffsets.py tsv UNIT INPUT < OUT
      the same for -f tsv (text escaped as quotetag escapes it).

UNIT is bytes or chars (code points, as Python indexes a str). Prints
"QUOTES BAD" and exits 1 if any quote is bad (the first few on stderr).

  checkoffsets.py -f JOBS
      one check a line of the file JOBS: MODE UNIT OUT, or MODE UNIT INPUT
      OUT (OUT read instead of the standard input); prints "QUOTES BAD" a
      line (Python starts once: slowly on a busy machine).

Standard library only.
"""
import json
import sys


def cut(text, raw, unit, s, e):
    if unit == "chars":
        return text[s:e]
    # (a lone surrogate of a JSON string is three bytes, as written)
    return raw[s:e].decode("utf-8", "surrogatepass" if RECORDS else
                           "replace")


RECORDS = False


def tsvunesc(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\",
                        "0": "\0"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def check(q, text, raw, unit, bad, where):
    ok = cut(text, raw, unit, q["start"], q["end"]) == q["text"]
    if q.get("cue_start") is not None:
        ok = ok and cut(text, raw, unit, q["cue_start"],
                        q["cue_end"]) == q["cue"]
    if q.get("speaker_start") is not None:
        n = len(text) if unit == "chars" else len(raw)
        ok = ok and 0 <= q["speaker_start"] < q["speaker_end"] <= n
    if not ok:
        bad.append((where, q))


def job(mode, unit, inp, out):
    global RECORDS
    RECORDS = mode == "records"
    n, bad = 0, []
    if mode == "records":
        for ln, line in enumerate(out, 1):
            r = json.loads(line)
            text = r.get("text", "")
            raw = text.encode("utf-8", "surrogatepass")
            for q in r.get("quotes", []):
                n += 1
                check(q, text, raw, unit, bad, ln)
    else:
        with open(inp, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8", "replace")
        for ln, line in enumerate(out, 1):
            if mode == "lines":
                q = json.loads(line)
            else:
                f = line.rstrip("\n").split("\t")
                q = {"start": int(f[0]), "end": int(f[1]),
                     "text": tsvunesc(f[2])}
                if f[4]:
                    q["speaker_start"] = int(f[4])
                    q["speaker_end"] = int(f[5])
            n += 1
            check(q, text, raw, unit, bad, ln)
    for where, q in bad[:3]:
        print("bad quote (line %s): %s" % (where, json.dumps(q)),
              file=sys.stderr)
    print(n, len(bad))
    return 1 if bad else 0


def main():
    if sys.argv[1] != "-f":
        return job(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv)
                   > 3 else None, sys.stdin)
    ret = 0
    with open(sys.argv[2]) as jobs:
        for line in jobs:
            w = line.split()
            with open(w[-1], encoding="utf-8", errors="replace") as out:
                ret |= job(w[0], w[1], w[2] if len(w) > 3 else None, out)
    return ret


if __name__ == "__main__":
    sys.exit(main())
