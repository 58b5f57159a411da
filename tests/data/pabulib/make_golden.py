#!/usr/bin/env python3
"""(Re)generates golden.tsv from pabutools results recorded by tests/data/pabulib/run_rules.py.

Usage (from the repository root; needs only the Python standard library):

    python3 tests/data/pabulib/make_golden.py tests/data/pabulib/reference/*.jsonl \
        tests/data/pabulib/reference_extra*.jsonl > tests/data/pabulib/golden.tsv

Every JSONL record (one pabutools 1.2.3 run of one rule on one file) becomes one row saying
which `burgerbegroting tally` options must give the same selected set. Records for rules we do
not implement, timeouts and duplicates (e.g. the same rule on the aggregated "multiprofile")
are skipped. The JSONL files made in the session that created this file are committed next to
it; see README.md for the commands that produced them.
"""
import json
import sys

# run_rules.py rule -> (rule, completion, greedy_by, threshold)
RULES = {
    "greedy_cost": ("greedy", "none", "votes", "no"),
    "greedy_card": ("greedy", "none", "votes-per-cost", "no"),
    "greedy_cost_thr": ("greedy", "none", "votes", "yes"),
    "greedy_score": ("greedy", "none", "points", "no"),
    "greedy_score_thr": ("greedy", "none", "points", "yes"),
}
for sat, ours in (("cost", "mes-cost"), ("card", "mes-approval")):
    for suffix, completion in (("", "none"), ("_greedy", "greedy"), ("_add1", "add1-only"),
                               ("_add1u", "add1"), ("_add1i", "add1i"), ("_add1f", "add1-last"),
                               ("_add1if", "add1i-last"), ("_exh", "exh")):
        RULES[f"mes_{sat}{suffix}"] = (ours, completion, "-", "no")
TIES = {"lexico": "id", "rev_lexico": "reverse-id"}


def main(paths):
    rows = {}
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("timeout") or rec.get("rule") not in RULES or rec.get("tie") not in TIES:
                    continue
                # run_rules.py's greedy_score on ordinal ballots reads max_length from the
                # profile's (empty) instance, so every rank gets points 0, -1, -2, ... and all
                # densities are 0: the result is just "ids in text order while they fit". That
                # is an artefact of the script, not a pabutools rule, so it is not a golden.
                if rec["rule"].startswith("greedy_score") and rec.get("vote_type") == "ordinal":
                    continue
                rule, completion, greedy_by, threshold = RULES[rec["rule"]]
                key = (rec["file"], rec["rule"], rec["tie"])
                row = (rec["file"], rec["rule"], rule, completion, greedy_by, threshold,
                       TIES[rec["tie"]], str(rec["n_selected"]), rec["hash"], ",".join(rec["ids"]))
                if key in rows and rows[key][8] != row[8]:
                    sys.exit(f"conflicting results for {key}")
                rows[key] = row
    print("\t".join(["file", "pabutools_rule", "rule", "completion", "greedy_by", "threshold",
                     "tie_break", "n_selected", "hash", "ids"]))
    for key in sorted(rows):
        print("\t".join(rows[key]))


if __name__ == "__main__":
    main(sys.argv[1:])
