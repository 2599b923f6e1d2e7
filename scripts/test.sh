#!/usr/bin/env bash
# Runs every test: installs what is missing, builds Release, runs the xunit suites.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
scripts/ensure-deps.sh test
source scripts/runtime-env.sh

# The BPE equivalence tests run Hugging Face tokenizers under node; install it once, outside the
# repository (the version must match HuggingFaceReference.PackageVersion in the tests).
hf="${XDG_CACHE_HOME:-$HOME/.cache}/vqdna/hf-tokenizers-0.23.2"
if [[ ! -d "$hf/node_modules/tokenizers" ]]; then
  echo "test: installing the tokenizers npm package (reference BPE) into $hf" >&2
  npm install --prefix "$hf" --no-audit --no-fund --no-save tokenizers@0.23.2 >/dev/null
fi
export VQDNA_HF_NODE_MODULES="$hf"

# The ONNX tests run our exported tokenizer in ONNX Runtime for Node.js (scripts/onnx/tokenize.mjs), a client we
# did not write; same arrangement (the version must match NodeOnnxRuntime.PackageVersion in the tests).
ort="${XDG_CACHE_HOME:-$HOME/.cache}/vqdna/onnxruntime-node-1.30.0"
if [[ ! -d "$ort/node_modules/onnxruntime-node" ]]; then
  echo "test: installing the onnxruntime-node npm package into $ort" >&2
  npm install --prefix "$ort" --no-audit --no-fund --no-save onnxruntime-node@1.30.0 --onnxruntime-node-install=skip >/dev/null
fi
export VQDNA_ORT_NODE_PREFIX="$ort"

dotnet test VqDna.sln -c Release -nologo "$@"
