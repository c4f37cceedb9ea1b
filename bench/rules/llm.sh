#!/usr/bin/env bash
# Detection delay and false alarms per simulated day of the default rule set (alert-rules/) on generated 6-hour streams
# with a toxicity guard and an LLM assistant (three compressed variants each), at 40 events/s (864,000 records) or a
# quarter of it. Release build. Not a timed test: a full-volume run takes 35 to 50 s on the 2-core machine.
#   bench/rules/llm.sh delay KIND VOLUME SEED...    KIND: under-refusal over-refusal harmful-compliance unsafe-miss
#                                                   calibration score-shift latency; VOLUME: full | quarter
#   bench/rules/llm.sh clean SLICES VOLUME SEED...  clean streams, SLICES values per attribute (2..16)
#   bench/rules/llm.sh sweep SEEDS [CLEAN_SEEDS]    every KIND at both volumes over seeds 1..SEEDS, then clean streams
#                                                   with 4, 8 and 16 slices at full volume over seeds 1..CLEAN_SEEDS
#                                                   (default SEEDS); prints the table of docs/rules.md ("Measured")
#   bench/rules/llm.sh table RESULTS                the table again from a sweep's results (JSON lines)
# delay and clean print one JSON line per seed (score.py: delay, false alarms) and then the table of those seeds.
# The results of every run are appended to $RULES_BENCH_RESULTS when it is set (a sweep's log to read while it runs).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mode=${1:?usage: $0 delay KIND VOLUME SEED... | clean SLICES VOLUME SEED... | sweep SEEDS [CLEAN_SEEDS] | table RESULTS}
if [[ $mode == table ]]; then exec /usr/bin/python3 "$here/score.py" table "${2:?RESULTS}"; fi
source "$here/lib.sh"
results=${RULES_BENCH_RESULTS:-$work/results.jsonl}
variants=(--assistant-model assistant-llm --variant int4-awq:quantization:4 --variant int8-dynamic:quantization:8 --variant pruned-50:pruning:0.5)
kinds=(under-refusal over-refusal harmful-compliance unsafe-miss calibration score-shift latency)

# run MODE WHAT VOLUME SEED...: generate, replay and score each seed.
run() {
  local mode=$1 what=$2 volume=$3 records spec="" target="" rules="" seed
  shift 3
  local degrade=() slices=()
  case "$volume" in full) records=864000 ;; quarter) records=216000 ;; *) echo "VOLUME is full or quarter" >&2; exit 2 ;; esac
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
    echo "mode is delay, clean, sweep or table" >&2; exit 2
  fi
  for seed in "$@"; do
    dotnet "$cli" generate -n "$records" --duration 6h --seed "$seed" "${variants[@]}" "${slices[@]}" "${degrade[@]}" -o "$work/in.jsonl" >/dev/null 2>&1
    rm -rf "$work/out"
    dotnet "$cli" replay -i "$work/in.jsonl" -o "$work/out" --rules "$rules_dir" >/dev/null
    /usr/bin/python3 "$here/score.py" score "$work/out/incidents.jsonl" "$mode" "$what" "$volume" "$seed" "$target" "$rules" | tee -a "$results"
  done
}

case "$mode" in
  delay|clean) run "$mode" "${2:?}" "${3:?}" "${@:4}" ;;
  sweep)
    seeds=${2:?SEEDS}; clean_seeds=${3:-$seeds}
    for kind in "${kinds[@]}"; do
      for volume in full quarter; do run delay "$kind" "$volume" $(seq 1 "$seeds"); done
    done
    for s in 4 8 16; do run clean "$s" full $(seq 1 "$clean_seeds"); done ;;
  *) echo "mode is delay, clean, sweep or table" >&2; exit 2 ;;
esac
/usr/bin/python3 "$here/score.py" table "$results"
