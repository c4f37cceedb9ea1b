#!/usr/bin/env bash
# Detection delay and false alarms of the default rule set (alert-rules/) on generated streams, with a Release build.
#   bench/rules/detection.sh delay [RECORDS] [LABEL_RATE] [SEED]
#       4 simulated hours, unsafe-miss +0.4 on int8-dynamic/locale=de from 02:00; prints the windows from onset to the
#       first incident on that key and every firing incident as rule@variant/slice:windows-after-onset.
#   bench/rules/detection.sh silence SEED:RECORDS ...   (e.g. bench/rules/detection.sh silence 6:300000 7:600000)
#       clean 24-hour streams; prints the number of incidents (0 expected) and the first few.
# Usage of the results: docs/rules.md ("Regressions on one segment", tuning tables).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mode=${1:-delay}
shift || true
case "$mode" in
  delay)
    records=${1:-400000}; labels=${2:-0.9}; seed=${3:-1}
    dotnet "$cli" generate -n "$records" --seed "$seed" --duration 4h --delayed-label-rate "$labels" \
      --degrade variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=2h,size=0.4 -o "$work/in.jsonl" >/dev/null
    dotnet "$cli" replay -i "$work/in.jsonl" -o "$work/out" --rules "$rules_dir" >/dev/null
    /usr/bin/python3 - "$work/out/incidents.jsonl" "records=$records label_rate=$labels seed=$seed" <<'PY'
import datetime, json, sys
path, tag = sys.argv[1:]
onset = datetime.datetime(2026, 11, 26, 2, 0, tzinfo=datetime.timezone.utc)
fired, first = [], None
for line in open(path):
    i = json.loads(line)
    if i["status"] != "firing" or i.get("inhibited"):
        continue
    start = datetime.datetime.fromisoformat(i["window_start"].replace("Z", "+00:00"))
    delay = int((start - onset).total_seconds() // 300)
    fired.append(f'{i["rule"]}@{i["variant"]}/{i["slice"]}:{delay}')
    if i["variant"] == "int8-dynamic" and i["slice"] == "locale=de":
        first = delay if first is None else min(first, delay)
print(f"{tag}: first incident on int8-dynamic/locale=de {first} windows after onset | " + " ".join(fired))
PY
    ;;
  silence)
    for spec in "$@"; do
      seed=${spec%%:*}; records=${spec#*:}
      dotnet "$cli" generate -n "$records" --seed "$seed" -o "$work/clean.jsonl" >/dev/null
      dotnet "$cli" replay -i "$work/clean.jsonl" -o "$work/clean-$seed" --rules "$rules_dir" >/dev/null
      count=$(grep -c '"status":"firing"' "$work/clean-$seed/incidents.jsonl" || true)
      echo "seed=$seed records=$records incidents=$count $(head -c 300 "$work/clean-$seed/incidents.jsonl")"
    done
    ;;
  *) echo "usage: $0 delay [RECORDS] [LABEL_RATE] [SEED] | silence SEED:RECORDS ..." >&2; exit 2 ;;
esac
