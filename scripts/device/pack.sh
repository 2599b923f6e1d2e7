#!/usr/bin/env bash
# Packs, here, what the GPU machine needs and cannot fetch (it has no .NET and reaches no registry): the .NET
# shared runtime (Microsoft.NETCore.App, host/fxr and the dotnet launcher) and our framework-dependent builds (the
# CLI, the Torch tests with a reflection test runner, bench/pretrain-step), linux-x64 runtimes only, as one
# .device/vqdna-device.tar.xz. The device tool carries it (`carry: [".device/vqdna-device.tar.xz"]`); the tree
# plus the archive must stay under 64 MiB. native/ is not packed as a binary: run.sh builds it there against the
# machine's torch. Prints the archive's size.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$root"
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/10.0.* | sort -V | tail -1)
fxr=$(ls -d "$dotnet_root"/host/fxr/10.0.* | sort -V | tail -1)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

echo "pack: publishing (framework-dependent, linux-x64) into $stage/app" >&2
for project in src/VqDna.Cli/VqDna.Cli.csproj tests/VqDna.Torch.Tests/VqDna.Torch.Tests.csproj \
               bench/PretrainStep/PretrainStep.csproj scripts/device/TestRunner/TestRunner.csproj; do
  dotnet publish "$project" -c Release -r linux-x64 --self-contained false -o "$stage/app" -nologo -v quiet \
    -p:ErrorOnDuplicatePublishOutputFiles=false >&2
done
# The Debian-built native library is replaced there by one built against the machine's libtorch; the test SDK's
# code-coverage and instrumentation binaries (other platforms, unused by our runner) stay here.
rm -rf "$stage/app/libvqdna_native.so" "$stage/app/CodeCoverage" "$stage/app/InstrumentationEngine" "$stage/app/macos"

echo "pack: .NET runtime $(basename "$runtime") from $dotnet_root" >&2
mkdir -p "$stage/dotnet/shared/Microsoft.NETCore.App" "$stage/dotnet/host/fxr"
cp -a "$runtime" "$stage/dotnet/shared/Microsoft.NETCore.App/"
cp -a "$fxr" "$stage/dotnet/host/fxr/"
cp -a "$dotnet_root/dotnet" "$stage/dotnet/"

mkdir -p .device
echo "pack: compressing (xz -6)" >&2
XZ_OPT="-6 -T2" tar -C "$stage" -cJf .device/vqdna-device.tar.xz dotnet app
unpacked=$(du -sm "$stage" | cut -f1)
packed=$(du -m .device/vqdna-device.tar.xz | cut -f1)
tree=$(git ls-files -z | du -cb --files0-from=- | tail -1 | cut -f1)
echo "pack: .device/vqdna-device.tar.xz ${packed} MiB (${unpacked} MiB unpacked); tracked tree $((tree / 1048576)) MiB; limit 64 MiB together"
if (( packed + tree / 1048576 >= 64 )); then
  echo "pack: too large for the device tool's 64 MiB" >&2
  exit 1
fi
