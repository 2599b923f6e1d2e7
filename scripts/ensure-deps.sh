#!/usr/bin/env bash
# Installs the Debian packages VQDNA.NET needs when they are missing (root: apt-get; else sudo).
# Usage: scripts/ensure-deps.sh run|test|bench
#   run   - build and run: cmake, g++, libtorch-dev, libgloo-dev (c10d's Gloo headers, for data-parallel training), OpenBLAS (without it libtorch uses the ~30x slower reference BLAS),
#           fonts-dejavu-core (the text of every chart; SkiaSharp finds no font without one),
#           libtcmalloc-minimal4 (preloaded by runtime-env.sh: libtorch's large buffers are reused, not page-faulted in again)
#   test  - run + python3-torch (tests compare with PyTorch and read/write torch.save files), python3-onnx
#           (onnx.checker checks our ONNX exports), node and npm
#           (Hugging Face tokenizers, the BPE reference), r-base-core (reads the StatLog splice data), xz-utils, bzip2
#           and zstd (the compressed readers call them; the tests and the `compressed` fuzz target read each format)
#   bench - the same as test (the benchmarks run PyTorch and Hugging Face side by side)
set -euo pipefail

mode=${1:-run}
packages=(cmake g++ make libtorch-dev libgloo-dev libopenblas0-pthread fonts-dejavu-core libtcmalloc-minimal4)
case "$mode" in
  run) ;;
  test|bench) packages+=(python3 python3-torch python3-numpy python3-onnx nodejs npm xz-utils bzip2 zstd r-base-core) ;;
  *) echo "ensure-deps: unknown mode '$mode' (run, test or bench)" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
# nodejs/npm may come from elsewhere than Debian (e.g. a preinstalled node): accept working commands.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"

if ((${#missing[@]} > 0)); then
  echo "vqdna: installing ${missing[*]} (one time)" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "vqdna: the .NET SDK (dotnet, version 10) is required and was not found on PATH" >&2
  exit 1
fi
