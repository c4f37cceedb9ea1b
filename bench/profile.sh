#!/usr/bin/env bash
# A CPU profile of `replay --rules alert-rules` (Release) with the runtime's own EventPipe sample profiler (no
# dotnet-trace needed): records TRACE.nettrace while replaying INPUT, then prints the methods most samples are in.
# Usage: bench/profile.sh INPUT.jsonl [WORKDIR] [TOP]
set -euo pipefail
input=$1
work=${2:-$(mktemp -d)}
top=${3:-40}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dotnet build "$root/src/CompressionSafety.Cli" -c Release -v quiet -nologo >/dev/null
dotnet build "$root/bench/PipelineBench" -c Release -v quiet -nologo >/dev/null
cli="$root/src/CompressionSafety.Cli/bin/Release/net10.0/linux-x64/compression-safety.dll"
trace="$work/replay.nettrace"
DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath="$trace" \
  DOTNET_EventPipeConfig='Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:4c14fccbd:5' \
  dotnet "$cli" replay --input "$input" --rules "$root/alert-rules" --out "$work/out" >/dev/null
dotnet "$root/bench/PipelineBench/bin/Release/net10.0/linux-x64/PipelineBench.dll" --profile "$trace" "$top"
