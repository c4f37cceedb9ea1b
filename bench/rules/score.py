"""Scores one replay of bench/rules/llm.sh, or prints the table of many.

score INCIDENTS MODE WHAT VOLUME SEED TARGET RULES
    prints one JSON line: the windows from onset (02:00) to the first firing incident of RULES on TARGET
    (model/variant, any slice), and every other firing, not inhibited incident (another model, variant or slice,
    or TARGET before onset) as a false alarm.
table RESULTS
    one Markdown row per (mode, what, volume) of the JSON lines in RESULTS.
"""
import datetime
import json
import statistics
import sys

ONSET = datetime.datetime(2026, 11, 26, 2, 0, tzinfo=datetime.timezone.utc)
HOURS = 6


def score(path, mode, what, volume, seed, target, rules):
    rules = set(rules.split(",")) if rules else set()
    delay, false = None, []
    for line in open(path):
        i = json.loads(line)
        if i["status"] != "firing" or i.get("inhibited"):
            continue
        key = f'{i["model"]}/{i["variant"]}'
        start = datetime.datetime.fromisoformat(i["window_start"].replace("Z", "+00:00"))
        windows = int((start - ONSET).total_seconds() // 300)
        if key == target and windows >= 0:
            if i["rule"] in rules:
                delay = windows if delay is None else min(delay, windows)
            continue
        false.append(f'{i["rule"]}@{key}/{i["slice"]}')
    print(json.dumps({"mode": mode, "what": what, "volume": volume, "seed": int(seed), "delay": delay,
                      "false_alarms": false}), flush=True)


def table(path):
    groups = {}
    for line in open(path):
        if line.startswith("{"):
            r = json.loads(line)
            groups.setdefault((r["mode"], r["what"], r["volume"]), []).append(r)
    print("| stream | volume | seeds | detected | delay median / max (windows after onset) | false alarms | per simulated day | first false alarms |")
    print("|---|---|---|---|---|---|---|---|")
    for (mode, what, volume), runs in groups.items():
        seeds = sorted(r["seed"] for r in runs)
        false = [f for r in runs for f in r["false_alarms"]]
        per_day = len(false) * 24 / (HOURS * len(runs))
        if mode == "delay":
            delays = [r["delay"] for r in runs if r["delay"] is not None]
            detected = f"{len(delays)}/{len(runs)}"
            delay = f"{statistics.median(delays):g} / {max(delays)}" if delays else "-"
            stream = what
        else:
            detected, delay, stream = "-", "-", f"clean, {what} values per attribute"
        span = f"{seeds[0]}-{seeds[-1]}" if seeds == list(range(seeds[0], seeds[-1] + 1)) else ",".join(map(str, seeds))
        print(f"| {stream} | {volume} | {len(runs)} ({span}) | {detected} | {delay} | {len(false)} | {per_day:.2f} | {' '.join(false[:3])} |")


if __name__ == "__main__":
    if sys.argv[1] == "score":
        score(*sys.argv[2:9])
    elif sys.argv[1] == "table":
        table(sys.argv[2])
    else:
        sys.exit(f"usage: {sys.argv[0]} score ... | table RESULTS")
