#!/usr/bin/env python3
"""10,000 JSON lines mixed from ../shared/corpora, for timing the batch command line:
   python3 scripts/guardrails-mixed-lines.py > mixed-10k.jsonl
Texts are drawn with replacement (seed 7), so some repeat, as they do in real traffic."""
import csv, html, json, random, sys
from pathlib import Path

corpora = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
random.seed(7)
pools = {
    "clinc": [r["text"] for r in csv.DictReader(open(corpora / "benign-clinc150-queries.csv"))],
    "davidson": [html.unescape(r["tweet"]) for r in csv.DictReader(open(corpora / "toxicity-davidson-tweets.csv"))],
    "hatecheck": [r["text"] for r in csv.DictReader(open(corpora / "toxicity-hatecheck-3707.csv"))],
    "hatemoji": [r["text"] for r in csv.DictReader(open(corpora / "toxicity-hatemoji-adversarial-5904.csv"))],
    "gpteacher": [r["prompt"] for r in json.load(open(corpora / "benign-gpteacher-roleplay-code.json"))],
    "jbb": [r["prompt"] for r in json.load(open(corpora / "jailbreak-jbb-artifacts-1097.json")) if r.get("prompt")],
}
shares = {"clinc": 3000, "davidson": 2500, "hatecheck": 1000, "hatemoji": 1000, "gpteacher": 1500, "jbb": 1000}
lines = [{"id": f"{k}-{i}", "text": random.choice(pools[k])} for k, n in shares.items() for i in range(n)]
random.shuffle(lines)
for line in lines:
    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
