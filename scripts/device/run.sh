#!/usr/bin/env bash
# Runs ON THE GPU MACHINE, from the repository root, after scripts/device/pack.sh ran here:
#   device run: command "bash scripts/device/run.sh", carry [".device/vqdna-device.tar.xz"], timeout_s 540
# There: CUDA, CMake, g++, ninja and python3 with torch 2.x; no .NET, no registry. Steps, each logged under $OUT
# and each allowed to fail without stopping the next (the summary says which did):
#   1. unpack the .NET runtime and our builds;
#   2. build native/ against that torch (find_package(Torch) from torch.utils.cmake_prefix_path), with Gloo if its
#      headers are there, else again with VQDNA_WITH_DISTRIBUTED=OFF;
#   3. the device tests (tests/VqDna.Torch.Tests/Devices: CPU ones and the Category=GPU parity ones) by reflection;
#   4. bench pretrain-step --device cuda, ours against PyTorch eager, bf16 autocast on both, then fp32;
#   5. a short pre-training run on the GPU, when the CLI has --device (issue 18 item 4; skipped until then).
# Designed for under 8 minutes on an H200.
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$root"
OUT=${OUT:-$root/.device/out}
mkdir -p "$OUT"
exec > >(tee -a "$OUT/run.log") 2>&1
start=$SECONDS
step() { echo "== [$((SECONDS - start)) s] $*"; }
declare -A result

work=${VQDNA_DEVICE_WORK:-/tmp/vqdna-device}
rm -rf "$work" && mkdir -p "$work"
step "unpack"
if ! tar -C "$work" -xJf .device/vqdna-device.tar.xz; then
  echo "run.sh: .device/vqdna-device.tar.xz is missing or broken: run scripts/device/pack.sh first and carry it"; exit 1
fi
export DOTNET_ROOT="$work/dotnet" PATH="$work/dotnet:$PATH" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export VQDNA_HOME="$root"
python=${VQDNA_PYTHON:-$(command -v python3)}
export VQDNA_PYTHON="$python"
"$python" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "gpu", torch.cuda.get_device_name(0))' | tee "$OUT/versions.txt"
nvidia-smi > "$OUT/nvidia-smi.txt" 2>&1 || true
prefix=$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')
torchlib=$("$python" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')
export LD_LIBRARY_PATH="$torchlib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

step "native/ against $prefix"
# find_package(Torch) on a CUDA wheel looks for the CUDA toolkit (nvcc); make it findable.
for cuda in /usr/local/cuda /usr/local/cuda-13.0; do
  [[ -x $cuda/bin/nvcc ]] && export PATH="$cuda/bin:$PATH" CUDAToolkit_ROOT=${CUDAToolkit_ROOT:-$cuda} && break
done
build() {
  cmake -S native -B "$work/native" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVQDNA_TORCH_DIR="$prefix" \
    ${CUDAToolkit_ROOT:+-DCUDAToolkit_ROOT="$CUDAToolkit_ROOT"} "$@" &&
    cmake --build "$work/native" -j "$(nproc)"
}
if build > "$OUT/native-build.log" 2>&1; then
  result[native]=ok
elif rm -rf "$work/native" && build -DVQDNA_WITH_DISTRIBUTED=OFF >> "$OUT/native-build.log" 2>&1; then
  result[native]="ok without distributed (see native-build.log for the Gloo build's error)"
else
  result[native]=FAILED
fi
grep -E "vqdna:|error" "$OUT/native-build.log" | head -40
if [[ ${result[native]} == FAILED ]]; then
  tail -60 "$OUT/native-build.log"
  echo "summary: native=FAILED"; exit 1
fi
cp "$work/native/libvqdna_native.so" "$work/app/"
app="$work/app"

step "device tests (CPU and Category=GPU)"
if timeout 180 dotnet "$app/vqdna-test-runner.dll" "$app/VqDna.Torch.Tests.dll" VqDna.Torch.Tests.Devices > "$OUT/device-tests.log" 2>&1; then
  result[tests]=ok
else
  result[tests]=FAILED
fi
grep -E "^\[(FAIL|SKIP)\]|passed, " "$OUT/device-tests.log"

for precision in bf16 fp32; do
  step "bench pretrain-step --device cuda --precision $precision"
  if timeout 150 dotnet "$app/PretrainStep.dll" --device cuda --precision "$precision" --presets tiny,small,base \
       --steps 20 --warmup 3 --batch 16 --threads 8 > "$OUT/pretrain-step-$precision.log" 2>&1; then
    result[bench-$precision]=ok
  else
    result[bench-$precision]=FAILED
  fi
  grep -E "^device|parity|throughput|^preset=" "$OUT/pretrain-step-$precision.log" || tail -20 "$OUT/pretrain-step-$precision.log"
done

step "short pre-training"
if dotnet "$app/VqDna.Cli.dll" pretrain --help 2>&1 | grep -q -- "--device"; then
  if timeout 120 dotnet "$app/VqDna.Cli.dll" pretrain -t char --preset small --minutes 1 --device cuda \
       -o "$work/pretrain" > "$OUT/pretrain.log" 2>&1; then
    result[pretrain]=ok
    cp "$work/pretrain/metrics.jsonl" "$OUT/pretrain-metrics.jsonl" 2>/dev/null || true
  else
    result[pretrain]=FAILED
  fi
  tail -15 "$OUT/pretrain.log"
else
  result[pretrain]="skipped (vqdna pretrain has no --device yet: issue 18 item 4)"
fi

step "done"
for k in native tests bench-bf16 bench-fp32 pretrain; do echo "summary: $k=${result[$k]:-not run}"; done
[[ ${result[tests]} == ok ]]
