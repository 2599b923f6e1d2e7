#!/usr/bin/env bash
# Runs ON THE GPU MACHINE, from the repository root, after scripts/device/pack.sh ran here:
#   device run: command "bash scripts/device/run.sh", carry [".device/vqdna-device.tar.xz"], timeout_s 540
# There: CUDA, CMake, g++, ninja and python3 with torch 2.x; no .NET, no registry. Steps, each logged under $OUT
# and each allowed to fail without stopping the next (the summary says which did):
#   1. unpack the .NET runtime and our builds;
#   2. build native/ against that torch (find_package(Torch) from torch.utils.cmake_prefix_path), with Gloo if its
#      headers are there, else again with VQDNA_WITH_DISTRIBUTED=OFF;
#   3. the device tests (tests/VqDna.Torch.Tests/Devices: CPU ones and the Category=GPU parity ones) by reflection;
#   4. bench pretrain-step --device cuda, ours against PyTorch eager, bf16 autocast on both;
#   5. a CLI smoke on the GPU (--device cuda, bf16 by default): tokenizer train, pretrain over char and over the
#      learned tokenizer, finetune (LoRA) on a tiny task cut from the embedded genomes, predict, embed, tokenize, and
#      tokenize again on the CPU to compare the codes; run.json of each training records device and precision;
#   6. bench pretrain-step in fp32, if time is left.
# Designed for under 8 minutes on an H200: every step gets at most what is left of an 8-minute budget (LIMIT_S) and
# is skipped, saying so, when too little is left.
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$root"
OUT=${OUT:-$root/.device/out}
mkdir -p "$OUT"
exec > >(tee -a "$OUT/run.log") 2>&1
start=$SECONDS
limit=${LIMIT_S:-480}
step() { echo "== [$((SECONDS - start)) s] $*"; }
# Seconds a step may take: at most $1, and no more than what is left of the budget (0: skip the step).
allow() { local left=$((limit - (SECONDS - start) - 10)); (( left < 15 )) && echo 0 || echo $(( $1 < left ? $1 : left )); }
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
t=$(allow 150)
if (( t == 0 )); then
  result[tests]="skipped (time)"
elif timeout "$t" dotnet "$app/vqdna-test-runner.dll" "$app/VqDna.Torch.Tests.dll" VqDna.Torch.Tests.Devices > "$OUT/device-tests.log" 2>&1; then
  result[tests]=ok
else
  result[tests]=FAILED
fi
grep -E "^\[(FAIL|SKIP)\]|passed, " "$OUT/device-tests.log"

bench() {
  local precision=$1 t
  t=$(allow 120)
  if (( t == 0 )); then result[bench-$precision]="skipped (time)"; return; fi
  step "bench pretrain-step --device cuda --precision $precision (at most $t s)"
  if timeout "$t" dotnet "$app/PretrainStep.dll" --device cuda --precision "$precision" --presets tiny,small,base \
       --steps 20 --warmup 3 --batch 16 --threads 8 > "$OUT/pretrain-step-$precision.log" 2>&1; then
    result[bench-$precision]=ok
  else
    result[bench-$precision]=FAILED
  fi
  grep -E "^device|parity|throughput|^preset=" "$OUT/pretrain-step-$precision.log" || tail -20 "$OUT/pretrain-step-$precision.log"
}
bench bf16

# The CLI on the GPU, as a user runs it. Each command gets at most 60 s; a failure does not stop the next.
smoke="$work/smoke"
mkdir -p "$smoke"
cli() {
  local name=$1 t
  shift
  t=$(allow 60)
  if (( t == 0 )); then result[cli-$name]="skipped (time)"; return 1; fi
  if timeout "$t" dotnet "$app/VqDna.Cli.dll" "$@" > "$OUT/cli-$name.log" 2>&1; then
    result[cli-$name]=ok
  else
    result[cli-$name]="FAILED (exit $?, see cli-$name.log)"
    tail -5 "$OUT/cli-$name.log"
    return 1
  fi
}
step "CLI smoke on cuda"
# A tiny GUE task: 200-nt windows of two embedded genomes, split by region (as the tests' SpeciesTask).
"$python" - "$root/data/genomes" "$smoke/task" <<'PY'
import gzip, os, random, sys
genomes, out = sys.argv[1], sys.argv[2]
def read(name):
    with gzip.open(os.path.join(genomes, name), "rt") as f:
        return "".join(l.strip() for l in f if not l.startswith(">")).upper()
sources = [read("hpylori_G27_200kb.fa.gz"), read("saureus_N315_200kb.fa.gz")]
rng = random.Random(5)
os.makedirs(out, exist_ok=True)
for split, n, lo, hi in [("train", 96, 0, 100000), ("dev", 24, 100000, 150000), ("test", 24, 150000, 199000)]:
    rows = [(s[p:p + 200], label) for label, s in enumerate(sources) for p in (rng.randrange(lo, hi - 200) for _ in range(n))]
    rng.shuffle(rows)
    with open(os.path.join(out, split + ".csv"), "w") as f:
        f.write("sequence,label\n" + "".join(f"{q},{y}\n" for q, y in rows))
PY
cli tokenizer-train tokenizer train --device cuda --steps 30 --batch 16 -o "$smoke/tok"
cli pretrain-char pretrain -t char --preset tiny --steps 20 --eval-every 10 --device cuda -o "$smoke/pre-char"
if cli pretrain-hrq pretrain -t "$smoke/tok" --preset tiny --steps 20 --eval-every 10 --window 256 --device cuda -o "$smoke/pre-hrq"; then
  cli finetune finetune "$smoke/task" -m "$smoke/pre-hrq" -o "$smoke/ft" --epochs 2 --device cuda &&
    cli predict predict "$smoke/task/test.csv" -m "$smoke/ft" -o "$smoke/predictions.csv" --device cuda
fi
cli embed embed "$smoke/task/test.csv" -m "$smoke/pre-char" -o "$smoke/embeddings.npy" --device cuda
lambda="$root/data/genomes/phage_lambda_NC_001416.fa.gz"
if cli tokenize-cuda tokenize "$lambda" -t "$smoke/tok" -o "$smoke/codes-cuda.tsv" --device cuda &&
   cli tokenize-cpu tokenize "$lambda" -t "$smoke/tok" -o "$smoke/codes-cpu.tsv" --device cpu --engine torch; then
  # The same codes on both devices, up to near-ties (both re-decide those in float64).
  differing=$(paste "$smoke/codes-cuda.tsv" "$smoke/codes-cpu.tsv" | awk -F'\t' '{ h = NF / 2; for (i = 1; i <= h; i++) if ($i != $(i + h)) { n++; break } } END { print n + 0 }')
  result[cli-tokenize-parity]="$differing of $(wc -l < "$smoke/codes-cpu.tsv") lines differ between cuda and cpu"
fi
for run in tok pre-char pre-hrq ft; do
  [[ -f $smoke/$run/run.json ]] && cp "$smoke/$run/run.json" "$OUT/run-$run.json" &&
    "$python" -c 'import json, sys; e = json.load(open(sys.argv[1]))["environment"]; print(sys.argv[2], "run.json:", e.get("device"), e.get("precision"), "libtorch", e.get("libtorch"))' "$smoke/$run/run.json" "$run"
done
[[ -f $smoke/ft/metrics.json ]] && cp "$smoke/ft/metrics.json" "$OUT/finetune-metrics.json"
[[ -f $smoke/pre-char/metrics.jsonl ]] && cp "$smoke/pre-char/metrics.jsonl" "$OUT/pretrain-char-metrics.jsonl"
grep -hE "held-out|MCC|tokenized|predicted|note:|error" "$OUT"/cli-*.log | head -30

bench fp32

step "done"
for k in native tests bench-bf16 cli-tokenizer-train cli-pretrain-char cli-pretrain-hrq cli-finetune cli-predict cli-embed \
         cli-tokenize-cuda cli-tokenize-cpu cli-tokenize-parity bench-fp32; do
  echo "summary: $k=${result[$k]:-not run}"
done
echo "summary: total $((SECONDS - start)) s of a ${limit} s budget"
[[ ${result[tests]} == ok ]]
