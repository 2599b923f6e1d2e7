#!/usr/bin/env bash
# The experiments' starting point, rebuilt from nothing: the benchmark tasks, the small two-level HRQ tokenizer (600
# steps) and its tiny-encoder backbone at 1,800 pre-training steps, then continued to 3,600 (README: *Three times the
# pre-training*, *Twice that again*). Run from an experiments folder, with BIN a `vqdna` launcher of a worktree you do
# not edit (it rebuilds when a source is newer than its binary). Logs under logs/; one thread (VQDNA_THREADS).
# ENCODER=small builds the small-encoder backbone instead of the tiny ones.
# Usage: BIN=/path/to/vqdna [ENCODER=small] bash pipeline.sh
set -u
BIN=${BIN:?set BIN to a vqdna launcher}
export VQDNA_THREADS=${VQDNA_THREADS:-1}
mkdir -p logs bb ft
note() { echo "$(date +%FT%T) $*" >> logs/pipeline.log; }
[[ -d tasks/tf_sp1 ]] || { $BIN data build-tasks --output tasks > logs/build-tasks.log 2>&1; note "tasks rc=$?"; }
[[ -f bb/tok-small-hrq/tokenizer.json ]] || { $BIN tokenizer train --preset small --quantizer hrq -o bb/tok-small-hrq \
  > logs/tok-small-hrq.log 2>&1; note "tokenizer rc=$?"; }
if [[ ${ENCODER:-tiny} == small ]]; then
  # The small encoder preset (d 256, 6 layers, 5.3 M weights) on the same codes and budget, bf16 (README: *A wider,
  # deeper encoder*); ~2 h on one thread beside another, ~1 h on two.
  $BIN pretrain -t bb/tok-small-hrq --preset small --steps 1800 --precision bf16 --keep-checkpoints \
    -o bb/hrq-smallenc-1800-bf16 > logs/pt-smallenc.log 2>&1
  note "pretrain small encoder rc=$?"
  exit 0
fi
$BIN pretrain -t bb/tok-small-hrq --steps 1800 --keep-checkpoints -o bb/hrq-small-3600 > logs/pretrain-1800.log 2>&1
note "pretrain 1800 rc=$?"
$BIN pretrain -t bb/tok-small-hrq --steps 3600 --keep-checkpoints -o bb/hrq-small-3600 > logs/pretrain-3600.log 2>&1
note "pretrain 3600 rc=$?"
