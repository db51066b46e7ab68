#!/usr/bin/env python3
# See LICENSE file for copyright and license details.
"""Check the spans of unmojibake --attrs against the text they index.

usage: checkattrs.py [-e] STORED ATTRS_BYTES ATTRS_CHARS EXPLAIN OUTPUT

STORED and OUTPUT are documents separated by NUL bytes (unmojibake -z's
input and output), ATTRS_BYTES and ATTRS_CHARS the attribute lines of
unmojibake -z --attrs=FILE with --offsets=bytes and with code points,
EXPLAIN its --explain=jsonl --offsets=bytes (standard input: "where" is
"<stdin>: document N"). -e: the run had -e. Every span must slice the
stored text, in code points as in bytes, to the text unmojibake changed
(each repair span holds the one change --explain reports for it, and the
stored text with those changes made is the output), left as it is (the
left_ spans), or chose the encoding from (read_as__). Prints a summary;
exits 1 after listing what does not hold.
"""
import json
import sys

P = "copydesk__unmojibake__"


def docs(path):
    with open(path, "rb") as f:
        data = f.read()
    d = data.split(b"\0")
    if data.endswith(b"\0"):
        d.pop()
    return d


def units(b):
    """Where each code point starts, as common/utf8.c decodes: an
    ill-formed sequence is its maximal subpart, at least one byte."""
    offs, i, n = [], 0, len(b)
    while i < n:
        offs.append(i)
        c = b[i]
        if c < 0xC2 or c > 0xF4:
            i += 1
            continue
        if c < 0xE0:
            k, lo, hi = 2, 0x80, 0xBF
        elif c < 0xF0:
            k = 3
            lo = 0xA0 if c == 0xE0 else 0x80
            hi = 0x9F if c == 0xED else 0xBF
        else:
            k = 4
            lo = 0x90 if c == 0xF0 else 0x80
            hi = 0x8F if c == 0xF4 else 0xBF
        j = 1
        while j < k and i + j < n and lo <= b[i + j] <= hi:
            lo, hi = 0x80, 0xBF
            j += 1
        i += j
    offs.append(n)
    return offs


class Text:
    """A document as --explain=jsonl quotes it (U+FFFD for each byte that
    is not UTF-8), s, and where its characters are: at(o), the character
    at byte offset o (None if none starts there); bytes_of(k), the byte
    offset of character k; and code points as common/utf8.c counts them:
    byte_of_cp(c)."""

    def __init__(self, b):
        self.b = b
        try:
            self.s = b.decode("utf-8")
            self.valid = True
        except UnicodeDecodeError:
            self.s, self.off = per_byte(b)
            self.valid = False
            self.pos = {o: k for k, o in enumerate(self.off)}
            self.u = units(b)

    def at(self, o):
        if not self.valid:
            return self.pos.get(o)
        try:
            return len(self.b[:o].decode("utf-8"))
        except UnicodeDecodeError:
            return None

    def bytes_of(self, k):
        if not self.valid:
            return self.off[k]
        return len(self.s[:k].encode("utf-8"))

    def byte_of_cp(self, c):
        if not self.valid:
            return self.u[c] if c < len(self.u) else None
        return self.bytes_of(c) if c <= len(self.s) else None


def per_byte(b):
    """b as --explain=jsonl quotes it, and the byte offset of each of its
    characters (and the end)."""
    s, off, i, n = [], [], 0, len(b)
    while i < n:
        for k in (1, 2, 3, 4):
            try:
                c = b[i:i + k].decode("utf-8")
            except UnicodeDecodeError:
                continue
            break
        else:
            c, k = "\ufffd", 1
        s.append(c)
        off.append(i)
        i += k
    off.append(n)
    return "".join(s), off


def whole_line(doc, bs, be):
    """Is doc[bs:be) a line without its terminator ("\n", and one "\r"
    before it), where the line is short enough (less than 4096 bytes) to
    be repaired whole?"""
    ls = doc.rfind(b"\n", 0, bs) + 1
    le = doc.find(b"\n", bs)
    le = len(doc) if le < 0 else le
    if le - ls >= 4096:
        return True
    if le > ls and doc[le - 1:le] == b"\r":
        le -= 1
    return (bs, be) == (ls, le)


def attrs(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
    return out


def main(argv):
    eflag = argv[:1] == ["-e"]
    if eflag:
        argv = argv[1:]
    stored, ab, ac, explain, output = argv
    stored, output = docs(stored), docs(output)
    ab, ac = attrs(ab), attrs(ac)
    notes = {}
    with open(explain, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            n = int(r["where"].rsplit(" ", 1)[1])
            notes.setdefault(n, []).append(r)
    bad = []
    count = {"repair": 0, "left": 0, "read_as": 0, "rule": 0}

    def no(i, what):
        bad.append("document %d: %s" % (i + 1, what))

    if not (len(stored) == len(output) == len(ab) == len(ac)):
        print("documents: %d stored, %d out, %d and %d attribute lines" %
              (len(stored), len(output), len(ab), len(ac)), file=sys.stderr)
        return 1
    for i, doc in enumerate(stored):
        if ab[i]["id"] != i + 1 or ac[i]["id"] != i + 1:
            no(i, "ids %r %r" % (ab[i]["id"], ac[i]["id"]))
            continue
        sb, sc = ab[i]["attributes"], ac[i]["attributes"]
        t = Text(doc)
        text = t.s if t.valid else None
        # code points and bytes name the same text
        if sorted(sb) != sorted(sc):
            no(i, "names differ: %s / %s" % (sorted(sb), sorted(sc)))
            continue
        for name in sb:
            if not name.startswith(P):
                no(i, "a name not unmojibake's: " + name)
            if len(sb[name]) != len(sc[name]):
                no(i, name + ": not as many spans")
                continue
            for (bs, be, v), (cs, ce, w) in zip(sb[name], sc[name]):
                if v != w or (t.byte_of_cp(cs), t.byte_of_cp(ce)) != (bs, be):
                    no(i, "%s: bytes [%d,%d) are not code points [%d,%d)"
                       % (name, bs, be, cs, ce))
                elif text is not None and \
                        text[cs:ce].encode("utf-8") != doc[bs:be]:
                    no(i, "%s: [%d,%d) slices another text" % (name, cs, ce))
        s = t.s
        ev = notes.get(i + 1, [])
        changes = [r for r in ev if "encoding" not in r and r["after"] is not None]
        lefts = [r for r in ev if "encoding" not in r and r["after"] is None]
        choices = [r for r in ev if "encoding" in r]
        rep = sb.get(P + "repair", [])
        rules = {k[len(P) + 6:]: v for k, v in sb.items()
                 if k.startswith(P + "rule__")}
        # each repair span holds its change, and the rules that made it
        if len(rep) != len(changes):
            no(i, "%d repair spans, %d changes" % (len(rep), len(changes)))
            continue
        last, rebuilt, pos = 0, [], 0
        for (bs, be, v), r in zip(rep, changes):
            count["repair"] += 1
            k = t.at(r["offset"])
            if v != 1 or bs < last or be > len(doc) or \
                    not whole_line(doc, bs, be):
                no(i, "repair [%d,%d,%g]: not a line in order" % (bs, be, v))
            if k is None or s[k:k + len(r["before"])] != r["before"]:
                no(i, "offset %d: not %r" % (r["offset"], r["before"]))
                continue
            end = t.bytes_of(k + len(r["before"]))
            if not bs <= r["offset"] <= end <= be:
                no(i, "the change at %d..%d is not in [%d,%d)" %
                   (r["offset"], end, bs, be))
            by = sorted(n for n, l in rules.items() if [bs, be, 1] in l)
            if by != sorted(r["rule"].split(",")):
                no(i, "[%d,%d): rules %s, not %s" % (bs, be, by, r["rule"]))
            rebuilt.append(s[pos:k])
            rebuilt.append(r["after"])
            pos = k + len(r["before"])
            last = be
        rebuilt.append(s[pos:])
        if "".join(rebuilt) != Text(output[i]).s:
            no(i, "the text with its changes made is not the output")
        n = sum(len(l) for l in rules.values())
        count["rule"] += n
        if n != sum(len(r["rule"].split(",")) for r in changes):
            no(i, "rule spans over no repair")
        # the lines left as they are
        left = sorted([(bs, be, name[len(P) + 5:]) for name in
                       (P + "left_ambiguous", P + "left_partial")
                       for bs, be, v in sb.get(name, [])])
        if len(left) != len(lefts):
            no(i, "%d left spans, %d left lines" % (len(left), len(lefts)))
        for (bs, be, why), r in zip(left, lefts):
            count["left"] += 1
            if (bs, why) != (r["offset"], r["rule"]) or \
                    not whole_line(doc, bs, be) or \
                    per_byte(doc[bs:be])[0] != r["before"]:
                no(i, "left [%d,%d) %s is not %r" % (bs, be, why, r))
        # the encoding of the bytes that are not UTF-8, and what it was
        # chosen from
        enc = [(k[len(P) + 9:], v) for k, v in sb.items()
               if k.startswith(P + "read_as__")]
        if text is not None and enc:
            no(i, "valid UTF-8 read as %s" % enc)
        for name, l in enc:
            count["read_as"] += 1
            if len(enc) != 1 or len(l) != 1:
                no(i, "read_as: not one span")
                continue
            bs, be, v = l[0]
            if choices:
                c = choices[0]
                if name != c["encoding"] or \
                        v != (2 if c["rule"] == "detected" else 1) or \
                        not bs <= c["offset"] < be:
                    no(i, "read_as__%s %s is not %r" % (name, l[0], c))
            elif v != 1:
                no(i, "read_as__%s: -f ENC, value %g" % (name, v))
        if sb.get(P + "option__entities") != ([[0, len(doc), 1]]
                                              if eflag else []):
            no(i, "option__entities: %r" % sb.get(P + "option__entities"))
    for b in bad[:20]:
        print(b, file=sys.stderr)
    print("%d documents, %d repair spans, %d rule spans, %d left, %d read_as"
          % (len(stored), count["repair"], count["rule"], count["left"],
             count["read_as"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
