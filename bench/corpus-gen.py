#!/usr/bin/env python3
"""bench/corpus-gen.py — writes a synthetic corpus for the corpus-build benchmark (not a test).

Usage: python3 bench/corpus-gen.py SRC_DIR OUT_DIR N

Recombines the articles of SRC_DIR (data/articles): article k takes the title of source
A = k mod S with " (report k)" appended, then A's body paragraphs (its lines after the title)
rotated by k // S positions, then one paragraph of source B = (k // S + 1) mod S (so every
article mixes two sources), and a dateline-like last line with a varied date.  No two files are
byte-identical; every file is valid UTF-8 of the same shape as the real articles, so extraction
does the same kind of work.  Files are named corpus-NNNNN.txt (distinct names, distinct IRIs).
"""
import os
import sys

MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec."]


def main():
    src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sources = []
    for name in sorted(os.listdir(src)):
        if name.endswith(".txt"):
            with open(os.path.join(src, name), encoding="utf-8") as f:
                lines = f.read().split("\n")
            title, body = lines[0], [l for l in lines[1:] if l.strip()]
            sources.append((title, body))
    s = len(sources)
    os.makedirs(out, exist_ok=True)
    total = 0
    for k in range(n):
        title, body = sources[k % s]
        r = (k // s) % len(body)
        _, other = sources[(k // s + 1) % s]
        extra = other[(k // s) % len(other)]
        date = "%s %d, %d" % (MONTHS[k % 12], 1 + k % 28, 2015 + k % 11)
        text = "%s (report %d)\n%s\n\n%s\n\nFiled %s.\n" % (
            title, k, "\n\n".join(body[r:] + body[:r]), extra, date)
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(out, "corpus-%05d.txt" % k), "wb") as f:
            f.write(data)
    print("%d articles, %d bytes in %s" % (n, total, out))


if __name__ == "__main__":
    main()
