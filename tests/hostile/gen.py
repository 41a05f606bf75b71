#!/usr/bin/env python3
"""Writes the hostile inputs of tests/hostile/run.sh (big ones are made at
test time, never committed).

  gen.py controls DIR       DIR/ctl-NAME.md and its twin DIR/ctl-NAME.clean.md
                            for each way of encoding a control character
  gen.py shapes             the names of the pathological shapes
  gen.py shape NAME FILE    one pathological shape
  gen.py cves               the names of the advisory inputs
  gen.py cve NAME N FILE    one advisory input at size N
  gen.py scales             the names of every shape that scales: the
                            pathological shapes, the advisory inputs and
                            the shapes of SCALES
  gen.py scale NAME B FILE  one of them at about B bytes
  gen.py scale-dir DIR B... each of them at about each B bytes, in
                            DIR/NAME.B.md
"""
import re
import sys

# Every place where document text can appear; {X} is the hostile part.
TEMPLATE = """---
title: "Title {X} end"
author: A {X} B
---

# Heading {X} one

Setext {X} two
--------------

Para before {X} after, *emph {X} here*, **strong{X}**, ~~strike {X}~~.

Links: [link {X} text](http://example.com/a{X}b "title {X}") and
[ref {X}][r] and [bad{X}](#nowhere{X}).

[r]: http://example.com/r{X}s

Bare www.example.com/p{X}q and <http://example.com/auto{X}> and
`code {X} span`.

![alt {X} image](img{X}.png)

> Quote {X} line
>
> - item {X} one
>   1. nested {X}

- list {X}
  continuation {X}

```sh
fenced {X} code
```

    indented {X} code

| head {X} | h2 |
|---|---|
| cell {X} | x |

Footnote ref[^n{X}] and[^ok].

[^ok]: Note {X} text.

[^u{X}]: Uncited {X} note.

<span>inline {X} html</span>

<div>
block {X} html
</div>

Tail {X}
"""

# name: (hostile text, stand-ins that the plain dump must show, and the
# twin where it is not the hostile text with each control character,
# raw or as an entity, replaced by as many "Z" as its stand-in has columns)
CONTROLS = {
    "esc-raw": ("\x1b[31mRED\x1b[0m", ["^["]),
    "osc-raw": ("\x1b]0;pwned\x07", ["^[", "^G"]),
    "osc8-st": ("\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\", ["^["]),
    "dcs-raw": ("\x1bP1$r\x1b\\", ["^["]),
    "c0-misc": ("\x01\x07\x08\x0b\x0c\x0e\x0f\x1a\x7f", ["^G", "^H", "^?"]),
    "c1-utf8": ("\u009b31m\u009d0;x\u009c\u0085\u0090\u0080\u009f",
                ["<U+009B>", "<U+009D>", "<U+0085>"]),
    "ent-dec": ("&#27;[31m&#155;31m&#7;", ["^[", "<U+009B>"]),
    "ent-hex": ("&#x1b;[31m&#x9b;31m&#X9B;&#x7f;", ["^[", "<U+009B>", "^?"]),
    "ent-split": ("&#2*7*;&*#27*;&#x1<!-- -->b;&amp;#27;&#x9\\b;&#x9b", [],
                  "&N2*7*;&*N27*;&Nx1<!-- -->b;&amp;N27;&Nx9\\b;&Nx9b"),
    "bidi-raw": ("\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
                 "\u202a\u202b\u202c\u202d",
                 ["<U+202E>", "<U+2066>", "<U+200F>", "<U+061C>"]),
    "bidi-ent": ("&#x202E;&#8238;&#x2066;&#x200f;&#x61c;",
                 ["<U+202E>", "<U+2066>", "<U+200F>", "<U+061C>"]),
}

# Latin-1 bytes 0x9b (CSI) and 0x85 (NEL): the file is not UTF-8, so it is
# read as ISO-8859-1 and they become U+009B and U+0085.
LATIN1 = (b"\x9b31m\x85\xe9", ["<U+009B>", "<U+0085>"],
          b"ZZZZZZZZ31mZZZZZZZZ\xe9")


def inert_width(c):
    """Columns of the stand-in of code point C, 0 when C is shown as is."""
    if c < 0x20 or c == 0x7f:
        return 2
    if 0x80 <= c <= 0x9f or 0x202a <= c <= 0x202e or \
            0x2066 <= c <= 0x2069 or c in (0x200e, 0x200f, 0x61c):
        return 8
    return 0


def twin(bad):
    def entity(m):
        c = int(m.group(2), 16) if m.group(1) else int(m.group(2))
        return "Z" * inert_width(c) if inert_width(c) else m.group(0)
    bad = re.sub(r"&#([xX]?)([0-9a-fA-F]+);", entity, bad)
    return "".join("Z" * inert_width(ord(c)) if inert_width(ord(c)) else c
                   for c in bad)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def controls(d):
    for name, c in CONTROLS.items():
        write("%s/ctl-%s.md" % (d, name), TEMPLATE.replace("{X}", c[0]))
        write("%s/ctl-%s.clean.md" % (d, name),
              TEMPLATE.replace("{X}", c[2] if len(c) > 2 else twin(c[0])))
    t = TEMPLATE.encode()
    write("%s/ctl-latin1.md" % d, t.replace(b"{X}", LATIN1[0]))
    write("%s/ctl-latin1.clean.md" % d, t.replace(b"{X}", LATIN1[2]))
    # name and stand-ins, for run.sh
    for name, c in list(CONTROLS.items()) + [("latin1", LATIN1)]:
        print(name, " ".join(c[1]))


def r(s, n):
    return s * n


# The pathological shapes of cmark's and comrak's tests, and the limits of
# guard.c; each is dumped within the time and memory bounds of run.sh.
# Each is a function of a count, and the count it is dumped at.
SHAPES = {
    "emph-nested": (lambda k: r("*a **a ", k) + "b" + r(" a** a*", k),
                    50000),
    "emph-openers": (lambda k: r("_a ", k), 50000),
    "emph-closers": (lambda k: r("a_ ", k), 50000),
    "emph-mismatched": (lambda k: r("*a_ ", k), 50000),
    "emph-multiple-of-3": (lambda k: "a**b" + r("c* ", k), 50000),
    "brackets-nested": (lambda k: r("[", k) + "a" + r("]", k), 50000),
    "link-openers": (lambda k: r("[a", k), 50000),
    "link-closers": (lambda k: r("a]", k), 50000),
    "link-emph": (lambda k: r("[ a_", k), 50000),
    "link-paren": (lambda k: r("[ (](", k), 50000),
    "quotes-nested": (lambda k: r("> ", k) + "a", 50000),
    "lists-1000-deep": (lambda k: "".join(r("  ", i) + "* a\n"
                                          for i in range(k)), 1000),
    "lists-one-line": (lambda k: r("- ", k) + "a", 1000),
    "unclosed-links-a": (lambda k: r("[a](<b", k), 50000),
    "unclosed-links-b": (lambda k: r("[a](b", k), 50000),
    "backticks": (lambda k: "".join("e" + r("`", i) for i in range(1, k)),
                  5000),
    "html-comments": (lambda k: "a" + r("<!--", k), 50000),
    "table-100000-columns": (lambda k: "|" + r("x|", k) + "\n|" +
                             r("-|", k), 100000),
    "table-100000-rows": (lambda k: "| a | b |\n|---|---|\n" +
                          r("| c | d |\n", k), 100000),
    "footnotes-10000": (lambda k: "".join("Text[^%d].\n\n" % i
                                          for i in range(k)) +
                        "".join("[^%d]: Note %d.\n" % (i, i)
                                for i in range(k)), 10000),
    "ref-collisions": (lambda k: "".join("[x%d]: /u\n\n[x0]\n\n" % i
                                         for i in range(k)), 50000),
    "line-10mb": (lambda k: r("lorem ipsum dolor sit amet, ", k), 374491),
    "whitespace-only": (lambda k: r(" \t \n\n   \n", k), 1000),
    "empty": (lambda k: "", 0),
}


def lazy(text, quote="> ", lazy_quote="", width=160):
    """TEXT in lines of WIDTH, every other one a lazy continuation line
    (with LAZY_QUOTE, fewer '>' than QUOTE): one paragraph to the parser."""
    return "".join((quote if i % 2 == 0 else lazy_quote) +
                   text[k:k + width] + "\n"
                   for i, k in enumerate(range(0, len(text), width)))


# More shapes that only scale: what a paragraph is to the parser (lazy
# lines, list items, HTML blocks, link definitions), tables in list items,
# nested footnotes, and links to headings.
SCALES = {
    "table-in-list": lambda k: r("- a|b\n  -|-\n", k),
    "table-in-list-rows": lambda k: r("- a|b\n  -|-\n  c|d\n", k),
    "lazy-image": lambda k: lazy(r("![[]()", k)),
    "lazy-link-openers": lambda k: lazy(r("[a", k)),
    "lazy-emph": lambda k: lazy(r("*t ", k) + r("_t*_ ", k)),
    "lazy-strike": lambda k: lazy("~e" + r(",z~~", k)),
    "lazy-pi": lambda k: lazy("-1" + r("<?x", k) + "y"),
    "lazy-table-para": lambda k: r("> |-\nt>|-\n", k),
    "lazy-quote-image": lambda k: lazy(r("![[]()", k), "> > ", "> "),
    "lazy-list-strike": lambda k: "- " + lazy("~e" + r(",z~~", k), "",
                                              "   "),
    "html-fence-image": lambda k: "<div>\n```\n\n" + r("![[]()", k),
    "refdef-underline-image": lambda k: "[a]:\n/u\n===\n" +
    r("    ![[]()\n", k),
    "footnotes-nested": lambda k: r("[^a]: ", k) + "x" + r("\n", k),
    "headings-anchors": lambda k: r("# h\n\n[a](#h-zz)\n\n", k),
    # Markers behind a list item's indentation, then blank lines: every
    # blank line walks the open items.
    "nest-behind-item": lambda k: "1.  x\n    " + r("- ", k) + "y\n" +
    r("\n", k),
    # Raw HTML: gumbo's tree building is quadratic in nesting and in a
    # tag's attributes (html-guard.c bounds both); inline tags pair up.
    "html-div-nested": lambda k: r("<div>", k) + "x\n",
    "html-list-nested": lambda k: r("<ul><li>", k) + "x\n",
    "html-attrs": lambda k: "<div " + " ".join("a%d" % i
                                               for i in range(k)) + ">x\n",
    "html-table-unclosed": lambda k: "<table><tr>" + r("<td>x<b>", k),
    "html-inline-open": lambda k: "a" + r(" <b>x <a href=y>z", k),
    "html-inline-pairs": lambda k: r("<b>x</b> <a href=\"y\">z</a> ", k),
    # Lines that only start like link definitions, full of brackets.
    "refdef-brackets": lambda k: r("[a]: b " + r("![[]()", 150) + "\n", k),
}


def sized(f, size):
    """F at the count that makes it about SIZE bytes (F grows with it)."""
    lo, hi = 1, 2
    while len(f(hi)) < size:
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if len(f(mid)) < size:
            lo = mid
        else:
            hi = mid
    return f(hi)


def wide(n):
    """Rows of at most 50000 cells, enough of them for N cells: the
    library gives up on a row of more than 65535 cells, so a wider one
    would be quick."""
    return min(n, 50000), max(1, n // 50000)


# The inputs of the cmark-gfm advisories, as the upstream fixes and their
# ports test them (CVE-2023-22485 is a read out of bounds, not a size).
CVES = {
    "22483-pi": lambda n: "-1" + r("<?x", n) + "y",
    "22483-table-para": lambda n: r("|-\nt>|-\n", n) + "y",
    "22483-emph": lambda n: r("*t ", n) + r("_t*_ ", n),
    "22483-table-row": lambda n: "x\n| - |\n" +
    r(r("|", wide(n)[0]) + "y\n", wide(n)[1]),
    "22483-autolink-www": lambda n: r("z_www.", n),
    "22483-refdef": lambda n: "[f]:u\n\"\n" + r("[f]\n", n) + "[f]:u \"t",
    "22483-autolink-paren": lambda n: "www." + r(")", n),
    "22483-table-colon": lambda n: ":-\n" + r(":\n", n) + ":-",
    "22483-autolink-lt": lambda n: r("<http://s", n),
    "22483-strike": lambda n: "~e" + r(",z~~", n),
    "22483-quotes": lambda n: r(">", n) + r(".", n),
    "22484-comment": lambda n: "</" + r("<!--", n),
    "22485-mailto": lambda n: r("mailto:a@b.c\n\n", n),
    "22486-image": lambda n: r("![[]()", n),
    "24824-quote-emph": lambda n: r(">", n) + r("a*", n),
    "24824-list-blank": lambda n: r(" -", n) + "x" + r("\n", n),
    "26485-underscore": lambda n: r("_", n) + "." + r("_", n),
    "26485-list-num": lambda n: "1.\n" + r(" 2.\n", n),
    "26485-list-empty": lambda n: r(" -\n", n) + "x",
    "37463-columns": lambda n: r("|" + r("x|", wide(n)[0]) + "\n|" +
                                 r("-|", wide(n)[0]) + "\n\n", wide(n)[1]),
    "37463-fill": lambda n: "|" + r("x|", wide(n)[0]) + "\n|" +
    r("-|", wide(n)[0]) + "\n" + r("a\n", n),
    "37463-fill64": lambda n: "|" + r("x|", 64) + "\n|" + r("-|", 64) +
    "\n" + r("a\n", n),
    "37463-footnotes": lambda n: r("[^1]:\n", n) + r("\n", n),
}


def scales():
    """The names of every shape that scales."""
    return [n for n in SHAPES if n != "empty"] + \
        ["CVE-2023-" + n for n in CVES] + list(SCALES)


def scaling(name):
    """The function of a count that makes shape NAME."""
    if name.startswith("CVE-2023-"):
        return CVES[name[9:]]
    return SHAPES[name][0] if name in SHAPES else SCALES[name]


def main():
    a = sys.argv[1:]
    if a[:1] == ["controls"]:
        controls(a[1])
    elif a[:1] == ["shapes"]:
        print(" ".join(SHAPES))
    elif a[:1] == ["shape"]:
        f, k = SHAPES[a[1]]
        write(a[2], f(k) + ("\n" if a[1] != "empty" else ""))
    elif a[:1] == ["cves"]:
        print(" ".join(CVES))
    elif a[:1] == ["cve"]:
        write(a[3], CVES[a[1]](int(a[2])) + "\n")
    elif a[:1] == ["scales"]:
        print(" ".join(scales()))
    elif a[:1] == ["scale"]:
        write(a[3], sized(scaling(a[1]), int(a[2])) + "\n")
    elif a[:1] == ["scale-dir"]:
        for n in scales():
            for b in a[2:]:
                write("%s/%s.%s.md" % (a[1], n, b),
                      sized(scaling(n), int(b)) + "\n")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
