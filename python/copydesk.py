# See LICENSE file for copyright and license details.
"""copydesk: the copydesk filters from Python.

A thin wrapper over libcopydesk (the C library, through ctypes), with the
standard library only::

    import copydesk
    copydesk.clean(text)                       # all four filters
    copydesk.clean(text, ["unmojibake", "sentsplit -L de"])
    copydesk.sentsplit(text, lang="de")        # one filter
    copydesk.quotes(text)                      # quotetag's quotes, as dicts

    chain = copydesk.Chain("unmojibake | unboiler | sentsplit | quotetag")
    doc = chain(text)                          # a Result: .text, .quotes
    rec = chain.record({"id": 7, "text": text})  # a JSON Lines record

Stages are written as the copydesk command takes them: a filter's name
followed by the options of its program ("sentsplit -L de"), as a list or
one string with '|' between stages. Offsets (quote spans and their
speakers and cues) are characters, as Python indexes a str:
``doc.text[q["start"]:q["end"]]`` is the quote.

A Chain keeps its C handle; it is not to be shared by threads without a
lock (make one per thread: distinct chains run in parallel). The
module-level functions keep one chain per thread and stage list.

The library is found through the COPYDESK_LIB environment variable (a
path), then beside this file or in the build tree above it, then where
the system keeps libraries (libcopydesk.so.0).
"""

import ctypes
import ctypes.util
import json
import os
import threading

__all__ = ["Chain", "CopydeskError", "Result", "clean", "quotes",
           "quotetag", "sentsplit", "unboiler", "unmojibake", "version"]

DEFAULT = ["unmojibake", "unboiler", "sentsplit", "quotetag"]


class CopydeskError(Exception):
    """A chain could not be made, or a document was refused."""


def _find():
    env = os.environ.get("COPYDESK_LIB")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    for d in (here, os.path.dirname(here)):
        p = os.path.join(d, "libcopydesk.so.0")
        if os.path.exists(p):
            return p
    return ctypes.util.find_library("copydesk") or "libcopydesk.so.0"


_lib = None
_lock = threading.Lock()


def _load():
    global _lib
    with _lock:
        if _lib is not None:
            return _lib
        lib = ctypes.CDLL(_find())
        c_p = ctypes.c_void_p
        sz = ctypes.c_size_t
        outp = ctypes.POINTER(ctypes.c_void_p)
        lib.copydesk_version.restype = ctypes.c_char_p
        lib.copydesk_new.argtypes = [ctypes.c_char_p, outp]
        lib.copydesk_new.restype = c_p
        for f in (lib.copydesk_process, lib.copydesk_record):
            f.argtypes = [c_p, ctypes.c_char_p, sz, outp,
                          ctypes.POINTER(sz)]
            f.restype = ctypes.c_int
        lib.copydesk_error.argtypes = [c_p]
        lib.copydesk_error.restype = ctypes.c_char_p
        lib.copydesk_stats.argtypes = [c_p]
        lib.copydesk_stats.restype = ctypes.c_char_p
        lib.copydesk_free.argtypes = [c_p]
        lib.copydesk_free.restype = ctypes.c_int
        lib.free = ctypes.CDLL(None).free
        lib.free.argtypes = [c_p]
        _lib = lib
        return lib


def version():
    """The library's version, "0.2.0"."""
    return _load().copydesk_version().decode()


def _spec(stages):
    if isinstance(stages, str):
        return stages
    return " | ".join(stages)


class Result:
    """A document through a chain: its text and, if quotetag ran, its
    quotes (dicts with character offsets into text)."""

    __slots__ = ("text", "quotes", "record")

    def __init__(self, text, quotes, record):
        self.text = text
        self.quotes = quotes
        self.record = record

    def __str__(self):
        return self.text

    def __repr__(self):
        return "Result(text=%r, quotes=%r)" % (self.text, self.quotes)


class Chain:
    """A chain of filters with its C handle. Call it on a str for a
    Result; record() takes a JSON Lines record (a dict, str or bytes)."""

    def __init__(self, stages=DEFAULT, field="text"):
        lib = _load()
        self._lib = lib
        self.field = field
        self.stages = _spec(stages)
        # the record options go with the first stage
        first, sep, rest = self.stages.partition("|")
        if "," in first and not sep:
            first, sep, rest = self.stages.partition(",")
        spec = "%s --jsonl=%s%s%s" % (first.rstrip(), field,
                                     " | " if sep else "", rest)
        err = ctypes.c_void_p()
        h = lib.copydesk_new(spec.encode(), ctypes.byref(err))
        if not h:
            msg = ctypes.cast(err, ctypes.c_char_p).value.decode()
            lib.free(err)
            raise CopydeskError(msg)
        self._h = h

    def _call(self, fn, data):
        out = ctypes.c_void_p()
        n = ctypes.c_size_t()
        r = fn(self._h, data, len(data), ctypes.byref(out), ctypes.byref(n))
        try:
            b = ctypes.string_at(out, n.value) if out else b""
        finally:
            if out:
                self._lib.free(out)
        return r, b

    def record(self, rec):
        """Run one record: a dict (returned as a dict), or its JSON text
        as str or bytes (returned as bytes, every other byte kept)."""
        if isinstance(rec, dict):
            line = json.dumps(rec, ensure_ascii=False).encode(
                "utf-8", "surrogatepass")
        elif isinstance(rec, str):
            line = rec.encode("utf-8", "surrogatepass")
        else:
            line = bytes(rec)
        r, b = self._call(self._lib.copydesk_record, line)
        if r < 0:
            raise CopydeskError(self.error())
        return json.loads(b) if isinstance(rec, dict) else b

    def __call__(self, text):
        got = self.record({self.field: text})
        return Result(got.get(self.field, text), got.get("quotes"), got)

    def error(self):
        """The last error or warning, "" if none."""
        return self._lib.copydesk_error(self._h).decode("utf-8", "replace")

    def stats(self):
        """The counts so far, as the programs' --stats=json gives them."""
        return json.loads(self._lib.copydesk_stats(self._h))

    def close(self):
        """End the chain now (unboiler -l writes its counts)."""
        if self._h:
            h, self._h = self._h, None
            if self._lib.copydesk_free(h) < 0:
                raise CopydeskError("the chain did not end cleanly")

    def __del__(self):
        try:
            if getattr(self, "_h", None):
                self._lib.copydesk_free(self._h)
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_chains = threading.local()


def _chain(stages):
    spec = _spec(stages)
    d = getattr(_chains, "d", None)
    if d is None:
        d = _chains.d = {}
    c = d.get(spec)
    if c is None:
        c = d[spec] = Chain(spec)
    return c


def clean(text, stages=DEFAULT):
    """text through the stages (all four filters by default)."""
    return _chain(stages)(text).text


def unmojibake(text, *options):
    """Repair broken encodings: unmojibake with its options ("-e")."""
    return clean(text, [" ".join(("unmojibake",) + options)])


def unboiler(text, *options):
    """Delete boilerplate lines: unboiler with its options."""
    return clean(text, [" ".join(("unboiler",) + options)])


def sentsplit(text, lang=None, *options):
    """One sentence per line; lang is sentsplit's -L."""
    opts = (("-L", lang) if lang else ()) + options
    return clean(text, [" ".join(("sentsplit",) + opts)])


def quotetag(text, *options):
    """quotetag's Result: the text (untouched) and its quotes."""
    return _chain([" ".join(("quotetag",) + options)])(text)


def quotes(text, *options):
    """The quotes of text: dicts with start, end, text, speaker, cue and
    their offsets, in characters."""
    return quotetag(text, *options).quotes
