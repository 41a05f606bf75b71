#!/usr/bin/env python3
"""Checks laid-out text: no line wider than WIDTH display columns (East
Asian Wide and Fullwidth count two, combining marks none), no line that
starts with closing punctuation or ends with opening punctuation.

usage: textcheck.py WIDTH FILE [--ambiguous-wide]
Prints one line per problem and exits 1 when there is any."""
import sys
import unicodedata

CLOSING = set("，。、；：！？）」』】》”’,.;:!?)]}")
OPENING = set("（「『【《“‘([{")
PREFIX = set(" │•◦▪")
RULES = set("═─-.")


def width(s, amb):
    w = 0
    for c in s:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        eaw = unicodedata.east_asian_width(c)
        w += 2 if eaw in ("W", "F") or (amb and eaw == "A") else 1
    return w


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    limit = int(sys.argv[1])
    amb = "--ambiguous-wide" in sys.argv
    bad = 0
    with open(sys.argv[2], encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.endswith(">") and width(line, amb) == limit:
                pass  # a code line cut at the width, marked
            elif width(line, amb) > limit:
                print(f"{n}: {width(line, amb)} columns: {line}")
                bad += 1
            text = line.lstrip("".join(PREFIX))
            if len(set(text)) == 1 and text[0] in RULES:
                continue  # a heading's underline or a rule
            if text and text[0] in CLOSING and text[0] not in ")]}":  # code may
                print(f"{n}: starts with closing punctuation: {line}")
                bad += 1
            if text and text.rstrip()[-1:] in OPENING - set("([{"):
                print(f"{n}: ends with opening punctuation: {line}")
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
