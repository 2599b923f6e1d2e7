#!/usr/bin/env bash
# Fuzzes one reader with AFL++ and SharpFuzz (issue 7, item 10):
#
#   scripts/fuzz.sh TARGET MINUTES     TARGET: fasta fastq genbank safetensors safetensors-structured torchzip codes compressed
#
# Installs what is missing (Debian afl++, the SharpFuzz.CommandLine 2.3.0 tool under artifacts/fuzz/tools),
# builds fuzz/VqDna.Fuzz into artifacts/fuzz/bin and instruments VqDna.dll and VqDna.Torch.dll there (never
# the normal build; a plain copy in artifacts/fuzz/replay replays inputs), runs afl-fuzz from fuzz/seeds/TARGET
# plus the queue earlier runs kept in fuzz/corpus/TARGET (with fuzz/dictionaries/TARGET.dict when there is one)
# for MINUTES, then prints the totals, keeps the new queue's inputs under 8 KiB in fuzz/corpus/TARGET (so the
# next run, in this session or another, starts where this one ended), and replays every crash and hang through
# the harness so the exception is on screen. Findings stay in artifacts/fuzz/TARGET/.
# One afl-fuzz at a time: each takes a whole core.
set -euo pipefail

usage() { echo "usage: scripts/fuzz.sh TARGET MINUTES  (TARGET: fasta fastq genbank safetensors safetensors-structured torchzip codes compressed)" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
target=$1 minutes=$2
[[ $target =~ ^(fasta|fastq|genbank|safetensors|safetensors-structured|torchzip|codes|compressed)$ ]] || usage
[[ $minutes =~ ^[0-9]+$ && $minutes -gt 0 ]] || usage

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/runtime-env.sh
work=artifacts/fuzz
bin=$work/bin          # instrumented, for afl-fuzz
replay=$work/replay    # plain: instrumented code run outside afl-fuzz writes to a coverage map that is not there
tools=$work/tools
findings=$work/$target/findings

if ! command -v afl-fuzz >/dev/null; then
    echo "installing afl++ (Debian package)..." >&2
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y afl++ >&2; else sudo apt-get install -y afl++ >&2; fi
fi
if [[ ! -x $tools/sharpfuzz ]]; then
    echo "installing the SharpFuzz.CommandLine 2.3.0 tool into $tools..." >&2
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >&2
fi

# A fresh output folder each time: instrumenting an already instrumented assembly is an error.
rm -rf "$bin" "$replay"
dotnet build fuzz/VqDna.Fuzz -c Release -nologo -v quiet -o "$bin" >&2
cp -r "$bin" "$replay"
for dll in VqDna.dll VqDna.Torch.dll; do "$tools/sharpfuzz" "$bin/$dll" >&2; done

scratch=$(mktemp -d "${TMPDIR:-/dev/shm}/vqdna-fuzz.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -rf "$findings"
mkdir -p "$(dirname "$findings")"
# The starting inputs: the hand-written seeds and the corpus earlier runs kept.
inputs=$work/$target/inputs
rm -rf "$inputs" && mkdir -p "$inputs"
cp fuzz/seeds/"$target"/* "$inputs"/
[[ -d fuzz/corpus/$target ]] && cp fuzz/corpus/"$target"/* "$inputs"/ 2>/dev/null || true

# Tokens the coverage cannot teach AFL (parsed outside the instrumented assemblies, or long keywords).
dictionary=()
[[ -f fuzz/dictionaries/$target.dict ]] && dictionary=(-x "fuzz/dictionaries/$target.dict")

# AFL_SKIP_BIN_CHECK: the target is `dotnet`, not an AFL-compiled binary; the coverage comes from SharpFuzz.
# A 512 MiB managed heap makes an outsized allocation an OutOfMemoryException (a finding) instead of swapping.
# -t 10000: a first input pays for JIT; a hang is an input that takes longer than 10 s.
echo "fuzzing $target for $minutes min (findings: $findings)" >&2
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
VQDNA_FUZZ_SCRATCH=$scratch DOTNET_GCHeapHardLimit=0x20000000 \
    afl-fuzz -i "$inputs" -o "$findings" "${dictionary[@]}" -t 10000 -m none -V $((minutes * 60)) \
    -- dotnet "$bin/VqDna.Fuzz.dll" "$target" > "$work/$target/afl.log" 2>&1 || {
        echo "afl-fuzz failed; the end of its log:" >&2; tail -30 "$work/$target/afl.log" >&2; exit 1; }

stats=$findings/default/fuzzer_stats
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "== $target: $(( $(stat run_time) / 60 )) min, $(stat execs_done) execs ($(stat execs_per_sec)/s), $(stat corpus_count) paths, $(stat saved_crashes) crashes, $(stat saved_hangs) hangs"

shopt -s nullglob
# Keep the queue (inputs under 8 KiB, renamed without AFL's ':' and ',') as the next run's starting corpus.
rm -rf "fuzz/corpus/$target" && mkdir -p "fuzz/corpus/$target"
n=0
for input in "$findings"/default/queue/id:*; do
    [[ $(stat -c %s "$input") -le 8192 ]] && cp "$input" "fuzz/corpus/$target/$(printf 'q%06d' $n)" && n=$((n + 1))
done
echo "== kept $n queue inputs in fuzz/corpus/$target"
crashes=("$findings"/default/crashes/id:*)
hangs=("$findings"/default/hangs/id:*)
if (( ${#crashes[@]} )); then
    echo "== replaying ${#crashes[@]} crashing inputs"
    VQDNA_FUZZ_SCRATCH=$scratch dotnet "$replay/VqDna.Fuzz.dll" "$target" "${crashes[@]}" || true
fi
for hang in "${hangs[@]}"; do
    echo "== replaying hang $hang (20 s limit)"
    VQDNA_FUZZ_SCRATCH=$scratch timeout 20 dotnet "$replay/VqDna.Fuzz.dll" "$target" "$hang" || echo "still hangs or fails (exit $?)"
done
