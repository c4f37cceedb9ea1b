#!/usr/bin/env bash
# Replay throughput and memory: generates N records (default 1,000,000) over one simulated day and a copy cut to
# its first fifth, replays both with a Release build and the default alert rules, and prints wall time, CPU time and
# peak RSS of each. Memory that stays flat between the two sizes is the point. On the big file it also times Python's
# `json.loads` over every line (parse only, nothing else) and prints replay's speed as a multiple of it: both run in
# the same invocation, one after the other, because the machine is noisy and only figures from one run compare.
# Usage: bench/replay/run.sh [RECORDS] [WORKDIR]
set -euo pipefail
records=${1:-1000000}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dotnet build "$root/src/CompressionSafety.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/CompressionSafety.Cli/bin/Release/net10.0/linux-x64/compression-safety.dll"
big="$work/stream-$records.jsonl"
[ -f "$big" ] || dotnet "$cli" generate --out "$big" --records "$records" \
  --degrade "variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=6h,size=0.3"
small="$work/stream-fifth.jsonl"
head -n $(( $(wc -l <"$big") / 5 )) "$big" >"$small"
lines=$(wc -l <"$big")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $big, $lines lines, $(du -m "$big" | cut -f1) MB"
for input in "$small" "$big"; do
  out="$work/out-$(basename "$input" .jsonl)-$(date +%s%N)"
  /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" \
    dotnet "$cli" replay --input "$input" --rules "$root/alert-rules" --out "$out" >/dev/null
  read -r wall user sys rss <"$work/time.txt"
  n=$(wc -l <"$input")
  awk -v f="$(basename "$input")" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
    'BEGIN { printf "replay %s: %d lines, wall %.2f s (%.0f records/s), CPU %.2f s, peak RSS %d MB\n", f, n, w, n / w, u + s, r / 1024 }'
  replay_wall=$wall
done
# Python's json.loads on the same file, in the same run: the bar the performance goal is set against.
/usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" \
  /usr/bin/python3 -c 'import json, sys
n = 0
for line in open(sys.argv[1], "rb"):
    try:
        json.loads(line)
    except ValueError:
        pass  # the generator writes some invalid lines on purpose; replay dead-letters them, Python skips them
    n += 1
print(n)' "$big" >/dev/null
read -r pwall puser psys prss <"$work/time.txt"
awk -v n="$lines" -v w="$pwall" -v u="$puser" -v s="$psys" -v rw="$replay_wall" \
  'BEGIN { printf "python json.loads: wall %.2f s (%.0f records/s), CPU %.2f s\nreplay / python: %.2fx (records/s, wall)\n", w, n / w, u + s, w / rw }'
