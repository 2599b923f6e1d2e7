#!/usr/bin/env bash
# Runs one benchmark in Release with the same runtime environment as the `vqdna` launcher.
# Usage: bench/run.sh train-step|leak|tokenize|tokenize-genome|vq-quality|vq-throughput|code-context|gue-tiny|pretrain-step|predict|finetune-memory|ddp [benchmark options]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
name=${1:?usage: bench/run.sh train-step|leak|tokenize|tokenize-genome|vq-quality|vq-throughput|code-context|gue-tiny|pretrain-step|predict|finetune-memory|ddp [options]}
shift
case "$name" in
  train-step) project="$root/bench/TrainStep/TrainStep.csproj" ;;
  leak) project="$root/bench/Leak/Leak.csproj" ;;
  tokenize) project="$root/bench/tokenize/Tokenize.Bench.csproj" ;;
  vq-quality) project="$root/bench/VqQuality/VqQuality.csproj" ;;
  vq-throughput) project="$root/bench/VqThroughput/VqThroughput.csproj" ;;
  finetune-memory) project="$root/bench/FinetuneMemory/FinetuneMemory.csproj" ;;
  code-context) project="$root/bench/CodeContext/CodeContextBench.csproj" ;;
  ddp) project="$root/bench/Ddp/Ddp.csproj" ;;
  tokenize-genome) project="$root/bench/TokenizeGenome/TokenizeGenome.csproj" ;;
  gue-tiny) project="$root/bench/GueTiny/GueTiny.csproj" ;;
  pretrain-step) project="$root/bench/PretrainStep/PretrainStep.csproj" ;;
  predict) project="$root/bench/Predict/Predict.csproj" ;;
  *) echo "bench/run.sh: unknown benchmark '$name' (train-step, leak, tokenize, tokenize-genome, vq-quality, vq-throughput, code-context, gue-tiny, pretrain-step, predict, finetune-memory, ddp)" >&2; exit 2 ;;
esac
"$root/scripts/ensure-deps.sh" bench
source "$root/scripts/runtime-env.sh"
export VQDNA_HOME="$root"
dotnet build "$project" -c Release -nologo -v quiet >/dev/null
dll=$(dirname "$project")/bin/Release/net10.0/$(basename "$project" .csproj).dll
exec dotnet "$dll" "$@"
