#!/usr/bin/env bash
# Where the covid variant signal is lost (issue 16, item 4): writes the task's windows as FASTA, the learned tokenizer's
# codes of every window (`vqdna tokenize`) and a backbone's mean-max pooled features after its last layer and at its input (`vqdna embed`, layer 0), then runs
# covid_signal.py on them. Needs Debian's python3-torch (/usr/bin/python3). ~30 min on one core for the 7,549 windows.
# Usage: BIN=/path/to/vqdna bash covid_signal.sh TASK_DIR TOKENIZER_DIR BACKBONE_DIR OUT_DIR [MAX_TRAIN=2000]
set -euo pipefail
task=${1:?the covid task folder (vqdna data covid)} tokenizer=${2:?a learned tokenizer folder} backbone=${3:?a pre-trained backbone folder}
out=${4:?an output folder} max_train=${5:-2000}
BIN=${BIN:?set BIN to a vqdna launcher}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for split in train dev test; do
  # id "row|label": the label travels with the codes and the embeddings' ids file.
  [[ -s "$out/$split.fa" ]] || awk -F, 'NR > 1 { print ">" NR - 1 "|" $2; print $1 }' "$task/$split.csv" > "$out/$split.fa"
  [[ -s "$out/$split.tsv" ]] || "$BIN" tokenize "$out/$split.fa" -t "$tokenizer" -o "$out/$split.tsv"
  [[ -s "$out/emb_$split.npy" ]] || "$BIN" embed "$out/$split.fa" -m "$backbone" -o "$out/emb_$split.npy" --pooling mean-max
  # Layer 0, the embedded input (a linear map of each position's codes): is the signal lost in the encoder's layers?
  [[ -s "$out/emb0_$split.npy" ]] || "$BIN" embed "$out/$split.fa" -m "$backbone" -o "$out/emb0_$split.npy" --pooling mean-max --layer 0
done
cd "$out" && /usr/bin/python3 "$here/covid_signal.py" "$max_train"
