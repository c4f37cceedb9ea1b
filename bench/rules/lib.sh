# Shared by the bench/rules scripts: a Release build of the CLI ($cli), the rule folder ($rules_dir), a scratch folder
# ($work) removed on exit, and the machine's load printed first, since these numbers are only comparable on an idle
# machine. RULES_BENCH_CLI (a compression-safety.dll) and RULES_BENCH_RULES (a rule folder) replace the build and
# alert-rules/, so a sweep of an hour can run on a frozen copy while the tree changes.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -n ${RULES_BENCH_CLI:-} ]]; then
  cli=$RULES_BENCH_CLI
else
  dotnet build "$root/src/CompressionSafety.Cli" -c Release -v quiet -nologo >/dev/null
  cli="$root/src/CompressionSafety.Cli/bin/Release/net10.0/linux-x64/compression-safety.dll"
fi
rules_dir=${RULES_BENCH_RULES:-$root/alert-rules}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
