#!/usr/bin/env python3
"""Make fonts/reportbot-cjk.ttf, the font the charts embed.

It is a subset of WenQuanYi Micro Hei (Debian package fonts-wqy-microhei,
Apache License 2.0, face 0 of wqy-microhei.ttc), a TrueType (glyf) font, so
that Go's freetype can draw it. The subset holds:

  - every character of seeds/ (the report and the data files, but the
    dictionary of seeds/lang/cedict, which is read, never drawn) and of the
    reports of testdata/reports;
  - every character of the Go sources of commands/ and charts/ (titles,
    labels, the source line);
  - the 6,500 most common characters, by the summed frequency of the words
    of jieba's dictionary (knowledge/dict/jieba.dict.utf8.gz);
  - ASCII, CJK and full-width punctuation, arrows and a few signs.

Run from the repository root, with python3-fonttools installed:

    apt-get install fonts-wqy-microhei python3-fonttools
    python3 fonts/subset.py

The output is checked in; builds and CI never run this.
"""
import collections
import glob
import gzip
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
OUT = "fonts/reportbot-cjk.ttf"
COMMON = 6500


def common_chars(n):
    freq = collections.Counter()
    with gzip.open("knowledge/dict/jieba.dict.utf8.gz", "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            for ch in parts[0]:
                if 0x4E00 <= ord(ch) <= 0x9FFF:
                    freq[ch] += int(parts[1])
    return [ch for ch, _ in freq.most_common(n)]


def main():
    chars = set()
    files = [f for f in glob.glob("seeds/**/*.txt", recursive=True) if "/cedict/" not in f]
    files += glob.glob("testdata/reports/*.txt")
    files += glob.glob("commands/*.go") + glob.glob("charts/*.go")
    for path in files:
        with open(path, encoding="utf-8") as f:
            chars.update(f.read())
    chars.update(common_chars(COMMON))
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2027), (0x2030, 0x203A),
              (0x2190, 0x2193), (0x2460, 0x2473), (0x3000, 0x303F), (0xFF01, 0xFF5E)]
    for lo, hi in ranges:
        chars.update(chr(c) for c in range(lo, hi + 1))
    chars.update("×÷±·°‰√≤≥…")
    chars = {c for c in chars if c.isprintable() or c == "\u3000"}

    font = TTFont(SOURCE, fontNumber=0, recalcTimestamp=False)  # the same bytes every run
    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap and ord(c) > 0x7F
                     and not (0xFE00 <= ord(c) <= 0xFE0F))
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "vhea", "vmtx"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in chars if ord(c) in cmap])
    sub.subset(font)
    font.save(OUT)
    print(f"{OUT}: {len(chars)} characters asked, {len(font.getBestCmap())} kept, "
          f"{os.path.getsize(OUT)} bytes", file=sys.stderr)
    if missing:
        print("not in the source font: " + "".join(missing), file=sys.stderr)


if __name__ == "__main__":
    main()
