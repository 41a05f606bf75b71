#!/usr/bin/env python3
"""Properties of lectern's output that tests/hostile/run.sh asserts.

  check.py inert FILE            no byte of a terminal control reaches it:
                                 ESC, other C0 but tab and newline, DEL,
                                 C1 (U+0080-U+009F) and bidi controls
  check.py sgr HOSTILE CLEAN     every ESC starts an SGR sequence; without
                                 them HOSTILE is inert; its SGR sequences,
                                 less those of the inert stand-ins (SGR 7),
                                 are those of CLEAN
  check.py screen HOSTILE CLEAN  the same for screens (capture-pane -e),
                                 where the stand-ins' own attributes are
                                 those of the SGR sequences around them
  check.py shows FILE STRING...  each STRING occurs in FILE

Prints what is wrong and exits 1.
"""
import re
import sys

SGR = re.compile(rb"\x1b\[[0-9;]*m")
# Stand-ins, the first and last maybe cut where a line was broken.
STANDIN = rb"(?:[U+0-9A-F]*>)?(?:\^[@-_?]|<U\+[0-9A-F]{4}>)+(?:<[U+0-9A-F]*)?"
AROUND = re.compile(rb"((?:\x1b\[[0-9;]*m)*)" + STANDIN +
                    rb"((?:\x1b\[[0-9;]*m)*)")
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" \
       "\u200e\u200f\u061c"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def inert(data, what):
    bad = []
    for i, b in enumerate(data):
        if (b < 0x20 and b not in (0x09, 0x0a)) or b == 0x7f:
            bad.append("byte 0x%02x at %d" % (b, i))
            break
    text = data.decode("utf-8", errors="replace")
    for i, c in enumerate(text):
        if 0x80 <= ord(c) <= 0x9f or c in BIDI:
            bad.append("U+%04X at character %d" % (ord(c), i))
            break
    if "\ufffd" in text and b"\xef\xbf\xbd" not in data:
        bad.append("not valid UTF-8")
    for b in bad:
        print("%s: %s" % (what, b))
    return not bad


def params(seq):
    return seq[2:-1].split(b";")


def sgr(hostile, clean):
    h, c = read(hostile), read(clean)
    ok = inert(SGR.sub(b"", h), hostile)
    hs = {s for s in SGR.findall(h) if b"7" not in params(s)}
    cs = set(SGR.findall(c))
    for s in sorted(hs - cs):
        print("%s: SGR %r not in %s" % (hostile, s, clean))
        ok = False
    return ok


def screen(hostile, clean):
    h, c = read(hostile), read(clean)
    ok = inert(SGR.sub(b"", h), hostile)
    allowed = set(SGR.findall(c))
    for m in AROUND.finditer(h):
        allowed |= set(SGR.findall(m.group(1) + m.group(2)))
    for s in sorted(set(SGR.findall(h)) - allowed):
        print("%s: SGR %r not in %s nor around a stand-in" %
              (hostile, s, clean))
        ok = False
    return ok


def shows(path, strings):
    text = read(path).decode("utf-8", errors="replace")
    missing = [s for s in strings if s not in text]
    for s in missing:
        print("%s: %r not shown" % (path, s))
    return not missing


def main():
    a = sys.argv[1:]
    if a[:1] == ["inert"] and len(a) == 2:
        ok = inert(read(a[1]), a[1])
    elif a[:1] == ["sgr"] and len(a) == 3:
        ok = sgr(a[1], a[2])
    elif a[:1] == ["screen"] and len(a) == 3:
        ok = screen(a[1], a[2])
    elif a[:1] == ["shows"] and len(a) >= 2:
        ok = shows(a[1], a[2:])
    else:
        sys.exit(__doc__)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
