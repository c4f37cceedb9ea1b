#!/usr/bin/env bash
# Rewrites Golden/replay.golden from the current code (ReplayGoldenTests with CS_GOLDEN_UPDATE=1). Only for an
# intended change of replay's outputs: the file is what every optimisation is checked against (issue 15).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
CS_GOLDEN_UPDATE=1 dotnet test "$root/tests/CompressionSafety.Cli.Tests" --filter "FullyQualifiedName~ReplayGoldenTests" -v q
git -C "$root" diff --stat -- tests/CompressionSafety.Cli.Tests/Golden/replay.golden
