#!/usr/bin/env bash
# Runs every test: installs what is missing, builds Release, runs the xunit suites.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
scripts/ensure-deps.sh test
dotnet test VqDna.sln -c Release -nologo "$@"
