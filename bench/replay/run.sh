#!/usr/bin/env bash
# Replay throughput and memory: generates N records (default 1,000,000) over one simulated day and a copy cut to
# its first fifth, replays both with a Release build, and prints wall time, CPU time and peak RSS of each. Memory that
# stays flat between the two sizes is the point; records/s is compared within the same run because the machine is noisy.
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
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for input in "$small" "$big"; do
  /usr/bin/time -f "$(basename "$input"): wall %e s, user %U s, peak RSS %M KB" \
    dotnet "$cli" replay --input "$input" --out "$work/out-$(basename "$input" .jsonl)" | head -n 1
done
