#!/usr/bin/env python3
"""Scores `reviewer scan --format json` reports of the corpus against the answer keys (see README.md).

Usage: score.py CORPUS_DIR RESULTS_DIR
  CORPUS_DIR  bench/corpus (repos.tsv, keys/)
  RESULTS_DIR one <owner>+<name>.json report (and .time, milliseconds) per scanned repository

A finding is right when it matches an `expect` line, wrong when it matches a `control` or `wrong` line (a control
match is also a control flagged), and unjudged otherwise: unjudged findings count against precision and are listed.
"""
import collections
import json
import os
import sys

EXCLUDED_RULES = {"AR-DEP-001"}  # needs the advisory database, which the corpus run does not import
KINDS = ("expect", "control", "wrong")


class KeyLine:
    def __init__(self, kind, rule, path, lines, reason, where):
        self.kind, self.rule, self.path, self.reason, self.where = kind, rule, path, reason, where
        if lines == "*":
            self.first, self.last = 1, 1 << 30
        else:
            first, _, last = lines.partition("-")
            self.first, self.last = int(first), int(last or first)
            if self.first > self.last:
                raise ValueError(f"{where}: line range {lines} runs backwards")
        self.lines = lines

    def matches(self, finding):
        return (finding["rule"] == self.rule and finding["file"] == self.path
                and self.first <= finding["line"] <= self.last)


def read_key(path):
    entries = []
    with open(path, encoding="utf-8") as text:
        for number, line in enumerate(text, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            columns = line.split("\t")
            where = f"{os.path.basename(path)}:{number}"
            if len(columns) != 5:
                raise ValueError(f"{where}: {len(columns)} columns, expected 5 (kind rule file lines reason)")
            kind, rule, file, lines, reason = (c.strip() for c in columns)
            if kind not in KINDS:
                raise ValueError(f"{where}: kind '{kind}' is not one of {', '.join(KINDS)}")
            if not reason:
                raise ValueError(f"{where}: a reason is required")
            entries.append(KeyLine(kind, rule, file, lines, reason, where))
    return entries


def read_repos(corpus):
    with open(os.path.join(corpus, "repos.tsv"), encoding="utf-8") as text:
        header = text.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in text if line.strip()]


class Tally:
    FIELDS = ("expected", "found", "findings", "right", "wrong", "unjudged", "controls", "controls_flagged")

    def __init__(self):
        for field in self.FIELDS:
            setattr(self, field, 0)

    def add(self, other):
        for field in self.FIELDS:
            setattr(self, field, getattr(self, field) + getattr(other, field))

    def recall(self):
        return percent(self.found, self.expected)

    def precision(self):
        return percent(self.right, self.findings)


def percent(part, whole):
    return "n/a" if whole == 0 else f"{100.0 * part / whole:.1f} %"


def score_repo(key, findings):
    """Returns (per-rule tallies, missed expectations, wrong findings, unjudged findings)."""
    per_rule = collections.defaultdict(Tally)
    for entry in key:
        if entry.kind == "expect":
            per_rule[entry.rule].expected += 1
        elif entry.kind == "control":
            per_rule[entry.rule].controls += 1
    found, flagged = set(), set()
    wrong, unjudged = [], []
    for finding in findings:
        tally = per_rule[finding["rule"]]
        tally.findings += 1
        expects = [e for e in key if e.kind == "expect" and e.matches(finding)]
        if expects:
            tally.right += 1
            found.update(id(e) for e in expects)
            continue
        negatives = [e for e in key if e.kind != "expect" and e.matches(finding)]
        if negatives:
            tally.wrong += 1
            wrong.append((finding, negatives[0]))
            flagged.update(id(e) for e in negatives if e.kind == "control")
        else:
            tally.unjudged += 1
            unjudged.append(finding)
    missed = []
    for entry in key:
        if entry.kind == "expect":
            if id(entry) in found:
                per_rule[entry.rule].found += 1
            else:
                missed.append(entry)
        elif entry.kind == "control" and id(entry) in flagged:
            per_rule[entry.rule].controls_flagged += 1
    return per_rule, missed, wrong, unjudged


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    print()


def tally_row(tally):
    return [tally.expected, tally.found, tally.expected - tally.found, tally.recall(), tally.findings, tally.right,
            tally.wrong, tally.unjudged, tally.precision(), f"{tally.controls_flagged} of {tally.controls}"]


TALLY_HEADER = ["expected", "found", "missed", "recall", "findings", "right", "wrong", "unjudged", "precision",
                "controls flagged"]


def main(corpus, results):
    repos = read_repos(corpus)
    details = os.environ.get("CORPUS_DETAILS", "1") != "0"
    by_part = collections.defaultdict(Tally)
    by_rule = collections.defaultdict(lambda: collections.defaultdict(Tally))
    repo_rows, missed_all, wrong_all, unjudged_all, problems = [], [], [], [], []
    excluded = 0
    for repo in repos:
        name = repo["repo"].replace("/", "+")
        report_path = os.path.join(results, name + ".json")
        if not os.path.exists(report_path):
            continue
        key_path = os.path.join(corpus, "keys", name + ".tsv")
        key = []
        if os.path.exists(key_path):
            try:
                key = read_key(key_path)
            except ValueError as error:
                problems.append(str(error))
        else:
            problems.append(f"{repo['repo']}: no key ({key_path}); its findings are all unjudged")
        with open(report_path, encoding="utf-8") as text:
            report = json.load(text)
        findings = [f for f in report["findings"] if f["rule"] not in EXCLUDED_RULES]
        excluded += len(report["findings"]) - len(findings)
        per_rule, missed, wrong, unjudged = score_repo(key, findings)
        repo_tally = Tally()
        for rule, tally in per_rule.items():
            repo_tally.add(tally)
            by_rule[rule][repo["part"]].add(tally)
            by_rule[rule]["all"].add(tally)
        by_part[repo["part"]].add(repo_tally)
        by_part["all"].add(repo_tally)
        millis = ""
        time_path = os.path.join(results, name + ".time")
        if os.path.exists(time_path):
            with open(time_path, encoding="utf-8") as text:
                millis = text.read().strip()
        repo_rows.append([repo["repo"], repo["part"], repo["class"], report["summary"]["filesScanned"],
                          repo_tally.expected, repo_tally.found, repo_tally.findings, repo_tally.right,
                          repo_tally.wrong, repo_tally.unjudged, repo_tally.controls_flagged, millis])
        missed_all += [(repo["repo"], entry) for entry in missed]
        wrong_all += [(repo["repo"], finding, entry) for finding, entry in wrong]
        unjudged_all += [(repo["repo"], finding) for finding in unjudged]

    print("## Overall\n")
    table(["part", "repos"] + TALLY_HEADER,
          [[part, sum(1 for r in repo_rows if part in ("all", r[1]))] + tally_row(by_part[part])
           for part in ("tune", "held-out", "all")])
    print("## Per rule (tune / held-out / all)\n")
    rows = []
    for rule in sorted(by_rule):
        parts = by_rule[rule]
        rows.append([rule] + [f"{parts[p].found}/{parts[p].expected}" for p in ("tune", "held-out", "all")]
                    + [f"{parts[p].right}/{parts[p].findings}" for p in ("tune", "held-out", "all")]
                    + [parts["all"].wrong, parts["all"].unjudged,
                       f"{parts['all'].controls_flagged} of {parts['all'].controls}"])
    table(["rule", "found/exp tune", "found/exp held-out", "found/exp all", "right/findings tune",
           "right/findings held-out", "right/findings all", "wrong", "unjudged", "controls flagged"], rows)
    print("## Per repository\n")
    table(["repo", "part", "class", "files", "expected", "found", "findings", "right", "wrong", "unjudged",
           "controls flagged", "scan ms"], repo_rows)
    if excluded:
        print(f"{excluded} AR-DEP-001 findings left out (advisory data is not part of the corpus run).\n")
    for problem in problems:
        print("key problem: " + problem)
    if not details:
        return
    print(f"\n## Missed ({len(missed_all)})\n")
    for repo, entry in missed_all:
        print(f"- {repo} {entry.rule} {entry.path}:{entry.lines} — {entry.reason}")
    print(f"\n## Judged wrong ({len(wrong_all)})\n")
    for repo, finding, entry in wrong_all:
        print(f"- {repo} {finding['rule']} {finding['file']}:{finding['line']} [{entry.kind}] — {entry.reason}")
    print(f"\n## Unjudged ({len(unjudged_all)}): add each to the key as expect or wrong\n")
    for repo, finding in unjudged_all:
        print(f"- {repo} {finding['rule']} {finding['file']}:{finding['line']} — {finding['message'][:160]}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
