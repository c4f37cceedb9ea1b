#!/usr/bin/env bash
# Detection delay and false alarms per simulated day of the default rule set (alert-rules/) on generated 6-hour streams
# with a toxicity guard and an LLM assistant (three compressed variants each), at 40 events/s (864,000 records) or a
# quarter of it. Release build. Not a timed test: each run takes about 35 s on an idle 2-core machine.
#   bench/rules/llm.sh delay KIND VOLUME SEED...    KIND: under-refusal over-refusal harmful-compliance unsafe-miss
#                                                   calibration score-shift latency; VOLUME: full | quarter
#   bench/rules/llm.sh clean SLICES VOLUME SEED...  clean streams, SLICES values per attribute (2..16)
# Prints one line per seed; the last line sums them up. Full sweep (docs/rules.md, "Measured"):
#   for k in under-refusal over-refusal harmful-compliance unsafe-miss calibration score-shift latency; do
#     for v in full quarter; do bench/rules/llm.sh delay $k $v $(seq 1 20); done; done
#   for s in 4 8 16; do bench/rules/llm.sh clean $s full $(seq 1 20); done
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mode=${1:?usage: $0 delay KIND VOLUME SEED... | clean SLICES VOLUME SEED...}
what=${2:?}; volume=${3:?}; shift 3
case "$volume" in full) records=864000 ;; quarter) records=216000 ;; *) echo "VOLUME is full or quarter" >&2; exit 2 ;; esac
variants=(--assistant-model assistant-llm --variant int4-awq:quantization:4 --variant int8-dynamic:quantization:8 --variant pruned-50:pruning:0.5)
degrade=(); slices=(); target=""; rules=""
if [[ $mode == delay ]]; then
  case "$what" in
    under-refusal) spec=model=assistant-llm,variant=int4-awq,kind=under-refusal,size=0.4; target=assistant-llm/int4-awq
                   rules=under-refusal-vs-baseline,harmful-refusal-drop-vs-baseline,harmful-compliance-increase-vs-baseline ;;
    over-refusal) spec=model=assistant-llm,variant=int4-awq,kind=over-refusal,size=0.05; target=assistant-llm/int4-awq
                  rules=over-refusal-vs-baseline,benign-over-refusal-vs-baseline ;;
    harmful-compliance) spec=model=assistant-llm,variant=int4-awq,kind=flagged-rate,size=0.03; target=assistant-llm/int4-awq
                        rules=harmful-compliance-increase-vs-baseline ;;
    unsafe-miss) spec=model=toxicity-guard,variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,size=0.4; target=toxicity-guard/int8-dynamic
                 rules=paired-regression-cusum-vs-shadow,unsafe-miss-regression-vs-baseline,unsafe-miss-regression-vs-shadow ;;
    calibration) spec=model=toxicity-guard,variant=int8-dynamic,kind=calibration,size=0.6; target=toxicity-guard/int8-dynamic
                 rules=calibration-degradation ;;
    score-shift) spec=model=toxicity-guard,variant=int8-dynamic,kind=calibration,size=0.6; target=toxicity-guard/int8-dynamic
                 rules=probability-drift-psi ;;
    latency) spec=model=toxicity-guard,variant=pruned-50,kind=latency,size=1.0; target=toxicity-guard/pruned-50
             rules=latency-regression-vs-baseline ;;
    *) echo "unknown KIND $what" >&2; exit 2 ;;
  esac
  degrade=(--degrade "$spec,start=2h")
elif [[ $mode == clean ]]; then
  slices=(--slice-values "$what")
else
  echo "mode is delay or clean" >&2; exit 2
fi
for seed in "$@"; do
  dotnet "$cli" generate -n "$records" --duration 6h --seed "$seed" "${variants[@]}" "${slices[@]}" "${degrade[@]}" -o "$work/in.jsonl" >/dev/null
  rm -rf "$work/out"
  dotnet "$cli" replay -i "$work/in.jsonl" -o "$work/out" --rules "$root/alert-rules" >/dev/null
  /usr/bin/python3 - "$work/out/incidents.jsonl" "$mode $what $volume seed=$seed" "$target" "$rules" <<'PY'
import datetime, json, sys
path, tag, target, rules = sys.argv[1:]
rules = set(rules.split(",")) if rules else set()
onset = datetime.datetime(2026, 11, 26, 2, 0, tzinfo=datetime.timezone.utc)
delay, false = None, []
for line in open(path):
    i = json.loads(line)
    if i["status"] != "firing" or i.get("inhibited"):
        continue
    key = f'{i["model"]}/{i["variant"]}'
    start = datetime.datetime.fromisoformat(i["window_start"].replace("Z", "+00:00"))
    windows = int((start - onset).total_seconds() // 300)
    if key == target and windows >= 0:
        if i["rule"] in rules:
            delay = windows if delay is None else min(delay, windows)
        continue
    false.append(f'{i["rule"]}@{key}/{i["slice"]}')
print(f"{tag}: delay={delay} false_alarms={len(false)} per_day={len(false) * 4} {' '.join(false[:5])}", flush=True)
PY
done
