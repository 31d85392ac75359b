#!/usr/bin/env python3
"""Writes synthetic questionnaires for benchmarking `dpisafe portfolio`.

Usage: gen-portfolio.py DPISAFE OUT_DIR COUNT [SEED]

Every file is a valid questionnaire with varied building blocks, stages, countries and answers,
some evidence (files that exist, files that do not, web addresses), some n/a answers with a
reason, some unanswered questions and some waivers. The same seed writes the same files. The
question ids come from `DPISAFE init`, run once per combination of blocks and stage, so the
files follow the framework the binary embeds.
"""

import itertools
import random
import re
import subprocess
import sys
from pathlib import Path

BLOCKS = ["id", "payments", "data-exchange", "gbv-service"]
STAGES = ["L1", "L2", "L3", "L4", "L5"]
COUNTRIES = ["KE", "PH", "TH", "GH", "IN", "BR", "ID", "NG", "PE", "BD", "EG", "KH", "RW", "CO"]
AUTHORITIES = ["R1", "R2", "R3", "R4", "R5"]
PER_DIR = 500


def questions(dpisafe, blocks, stage):
    """The question ids `dpisafe init` lists for these blocks and this stage."""
    text = subprocess.run(
        [dpisafe, "init", "--blocks", ",".join(blocks), "--stage", stage],
        check=True, capture_output=True, text=True,
    ).stdout
    return re.findall(r"^  ([A-Z][A-Z0-9.-]*):$", text, flags=re.M)


def answer(rng, qid, lines, has_evidence_dir):
    roll = rng.random()
    lines.append(f"  {qid}:")
    if roll < 0.08:
        lines.append("    answer:")  # not assessed yet
    elif roll < 0.13:
        lines.append("    answer: n/a")
        lines.append('    reason: "Not part of this programme\'s design (synthetic)."')
    else:
        value = rng.choices(["yes", "partial", "no"], weights=[5, 3, 2])[0]
        lines.append(f"    answer: {value}")
        if value != "no" and rng.random() < 0.4:
            lines.append("    evidence:")
            kind = rng.random()
            if kind < 0.5 and has_evidence_dir:
                ref = f"evidence/doc-{rng.randrange(5)}.md"
            elif kind < 0.8:
                ref = f"evidence/missing-{rng.randrange(100)}.pdf"
            else:
                ref = f"https://example.org/doc/{rng.randrange(1000)}"
            date = f"20{rng.randrange(22, 27)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            lines.append(f"      - {{ref: {ref}, kind: report, date: {date}}}")
        if rng.random() < 0.1:
            lines.append('    notes: "Reviewed with the programme team (synthetic)."')


def questionnaire(rng, n, blocks, stage, ids):
    country = rng.choice(COUNTRIES)
    lines = [
        "dpisafe: 1",
        "framework: universal-dpi-safeguards@1.0",
        "deployment:",
        f'  name: "Programme {n:05d} {"/".join(blocks)}"',
        f'  country: "{country}"',
        f"  building_blocks: [{', '.join(blocks)}]",
        f"  stage: {stage}",
        "respondent:",
        f'  name: "Respondent {n:05d}"',
        f"  authority: {rng.choice(AUTHORITIES)}",
        f'  organisation: "Agency {rng.randrange(300)} (synthetic)"',
        f"assessed_on: 2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        "answers:",
    ]
    for qid in ids:
        answer(rng, qid, lines, True)
    if rng.random() < 0.2:
        lines.append("waivers:")
        for qid in rng.sample(ids, k=min(2, len(ids))):
            expires = f"20{rng.randrange(25, 29)}-{rng.randrange(1, 13):02d}-28"
            lines.append(
                f'  - {{question: {qid}, reason: "Fix funded for next year (synthetic)", '
                f'approved_by: "Programme board", expires: {expires}}}'
            )
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    dpisafe, out, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) == 5 else 20261123)
    combos = [c for r in (1, 2) for c in itertools.combinations(BLOCKS, r)]
    cache = {}
    for n in range(count):
        directory = out / f"batch-{n // PER_DIR:03d}"
        if n % PER_DIR == 0:
            (directory / "evidence").mkdir(parents=True, exist_ok=True)
            for i in range(5):
                (directory / "evidence" / f"doc-{i}.md").write_text(f"Synthetic evidence {i}\n")
        blocks = list(rng.choice(combos))
        stage = rng.choice(STAGES)
        key = (tuple(blocks), stage)
        if key not in cache:
            cache[key] = questions(dpisafe, blocks, stage)
        text = questionnaire(rng, n, blocks, stage, cache[key])
        (directory / f"q-{n:05d}.yaml").write_text(text)


if __name__ == "__main__":
    main()
