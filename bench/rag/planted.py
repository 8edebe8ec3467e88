#!/usr/bin/env python3
"""Generates the bench corpus: banking-policy prose built from the sentences of bench/rag/corpus/
(figures changed, so every chunk is distinct but reads like policy), in files of about 16 KB, with
10 facts planted in 10 of them. Each fact is asked about in other words (planted.tsv), never with
the fact's own key words, so lexical search alone does not find them all.

  planted.py OUT_DIR CHUNKS        (about CHUNKS chunks of 500 characters)

Writes OUT_DIR/corpus/*.md and OUT_DIR/planted.tsv (question, file, a phrase the answer quotes).
Deterministic: the same arguments give the same files.
"""
import os
import random
import re
import sys

FACTS = [
    ("Assistance animals accompanying customers are welcome in every branch, and staff bring a water bowl on request.",
     "Can I bring my service dog into the branch?", "Assistance animals"),
    ("Safe deposit boxes are rented for 85 euros a year at the city centre branch.",
     "How much does it cost to keep my valuables in a locker at the bank?", "85 euros a year"),
    ("Customers aged 60 and over are moved to the senior current account, which has no monthly fee.",
     "Is there a free account for pensioners?", "senior current account"),
    ("Coins are accepted at the counter up to 500 pieces per visit; larger amounts need an appointment.",
     "How much loose change can I pay in at once?", "500 pieces per visit"),
    ("A power of attorney is registered at a branch on presentation of the original notarised deed.",
     "My elderly mother wants me to manage her banking, what paperwork do I need?", "notarised deed"),
    ("When a customer dies, the account is frozen once the death certificate is received, and the executor may ask for the funds to be released.",
     "My father passed away, what happens to his money?", "death certificate"),
    ("Cheques are no longer accepted for deposit since 31 March 2025.",
     "Can I still pay in a paper check?", "31 March 2025"),
    ("Braille and large-print statements are sent free of charge to customers with a visual impairment.",
     "I am blind, can I get my statements in a format I can read?", "Braille"),
    ("Student accounts include an interest-free overdraft of up to 1,500 euros during full-time study.",
     "Do university students get to go below zero without paying interest?", "interest-free overdraft"),
    ("Foreign banknotes can be ordered online and collected at a branch two working days later.",
     "How do I get holiday cash in another currency before I travel?", "Foreign banknotes"),
]

FILE_CHARS = 16_000


def main():
    out, chunks = sys.argv[1], int(sys.argv[2])
    here = os.path.dirname(os.path.abspath(__file__))
    sentences = []
    for name in sorted(os.listdir(os.path.join(here, "corpus"))):
        with open(os.path.join(here, "corpus", name), encoding="utf-8") as f:
            for s in re.split(r"(?<=[.!?])\s+|\n+", f.read()):
                s = s.strip()
                if len(s) > 30 and not s.startswith("#"):
                    sentences.append(s)
    rnd = random.Random(42)
    # Sections of ~1,200 characters split into 500-character chunks: ~290 characters per chunk
    # (measured: 281 files of 16,000 characters gave 15,480 chunks).
    files = max(len(FACTS), round(chunks * 290 / FILE_CHARS))
    planted = rnd.sample(range(files), len(FACTS))
    os.makedirs(os.path.join(out, "corpus"), exist_ok=True)
    rows = []
    for i in range(files):
        name = "policy-%04d.md" % i
        parts = ["# Policy note %d\n" % i]
        size = 0
        fact = FACTS[planted.index(i)] if i in planted else None
        at = rnd.randrange(FILE_CHARS // 2) if fact else -1
        while size < FILE_CHARS:
            if size // 1200 != (size + 200) // 1200:
                parts.append("\n\n## Section %d\n" % rnd.randrange(1000))
            s = re.sub(r"\d+", lambda m: str(1 + rnd.randrange(900)), rnd.choice(sentences))
            if fact and size >= at:
                s, fact = fact[0] + " " + s, None
                rows.append((FACTS[planted.index(i)][1], name, FACTS[planted.index(i)][2]))
            parts.append(s + " ")
            size += len(s) + 1
        with open(os.path.join(out, "corpus", name), "w", encoding="utf-8") as f:
            f.write("".join(parts))
    with open(os.path.join(out, "planted.tsv"), "w", encoding="utf-8") as f:
        for q, name, phrase in sorted(rows, key=lambda r: [x[1] for x in FACTS].index(r[0])):
            f.write("%s\t%s\t%s\n" % (q, name, phrase))
    print("%d files" % files)


if __name__ == "__main__":
    main()
