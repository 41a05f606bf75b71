#!/usr/bin/env python3
"""The proportions of a benchmark document, as tests/bench/README.md gives
them: the share of CJK among the characters that are not spaces, the
length of its paragraphs [characters], footnote references per KiB,
headings per KiB, and the share of its bytes in paragraphs with next to
no CJK (English) and in footnote definitions.

A block is what blank lines separate; one that starts with '#' is a
heading, with "[^label]:" a definition, with '|', '```', '>', '-', '*'
or a number and '.' a table, code, quote or list; the rest are
paragraphs.

usage: proportions.py FILE...
"""
import re
import sys

KINDS = [("heading", r"#"), ("definition", r"\[\^[^\]]+\]:"),
         ("other", r"\||```|>|[-*] |\d+\. ")]


def cjk(s):
    return sum(1 for c in s if "\u2e80" <= c <= "\u9fff" or
               "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")


def measure(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") \
        else text
    kinds = {"heading": [], "definition": [], "other": [], "paragraph": []}
    for b in re.split(r"\n[ \t]*\n", body):
        if not b.strip():
            continue
        kind = next((k for k, r in KINDS if re.match(r, b)), "paragraph")
        kinds[kind].append(b)
    paras = kinds["paragraph"]
    lens = sorted(len(p) for p in paras) or [0]
    kib = len(body.encode()) / 1024

    def q(f):
        return lens[int(f * (len(lens) - 1))]

    def share(blocks):
        return sum(len(b.encode()) for b in blocks) / len(body.encode())

    nonspace = sum(1 for c in body if not c.isspace())
    english = [p for p in paras if cjk(p) < 0.1 * len(p)]
    refs = len(re.findall(r"\[\^[^\]]+\](?!:)", body))
    print("%s: %.0f KiB" % (path, kib))
    print("  CJK %.0f%% of the characters that are not spaces "
          "(%.0f%% in paragraphs)" %
          (100 * cjk(body) / nonspace,
           100 * sum(cjk(p) for p in paras) /
           max(1, sum(len(p.replace(" ", "")) for p in paras))))
    print("  %d paragraphs: characters 10%% %d, 25%% %d, median %d, "
          "75%% %d, 90%% %d, max %d; %.0f%% of them 200-600" %
          (len(paras), q(.1), q(.25), q(.5), q(.75), q(.9), lens[-1],
           100 * sum(1 for n in lens if 200 <= n <= 600) / len(lens)))
    print("  footnote references %.2f per KiB, %d definitions (%.0f%% of "
          "the bytes); headings %.2f per KiB" %
          (refs / kib, len(kinds["definition"]),
           100 * share(kinds["definition"]), len(kinds["heading"]) / kib))
    print("  English paragraphs %.0f%% of the bytes; tables, code, quotes "
          "and lists %.0f%%" % (100 * share(english),
                                100 * share(kinds["other"])))


if __name__ == "__main__":
    for p in sys.argv[1:]:
        measure(p)
