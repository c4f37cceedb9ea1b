# Shared by the bench/rules scripts: a Release build of the CLI ($cli), a scratch folder ($work) removed on exit, and
# the machine's load printed first, since these numbers are only comparable on an idle machine.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dotnet build "$root/src/CompressionSafety.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/CompressionSafety.Cli/bin/Release/net10.0/linux-x64/compression-safety.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
