#!/usr/bin/env bash
# One lane of fine-tunes, one thread: each line of JOBS is `NAME TASK BACKBONE SEED POOLING [more finetune options]`
# (tasks/TASK, bb/BACKBONE, output ft/NAME). MAXTRAIN: training rows (default 2000; 0: the whole split). A finished run
# (ft/NAME/metrics.json) is skipped and a stopped one resumes from its checkpoint, so a lane is restarted by running it
# again (its log is appended to, so a resumed run keeps the lines before the stop). Two lanes share two cores; `kill -STOP`/`-CONT` their processes to pause them.
# Usage: BIN=/path/to/vqdna [MAXTRAIN=0] bash lane.sh JOBS
set -u
jobs=${1:?a jobs file}
BIN=${BIN:?set BIN to a vqdna launcher}
export VQDNA_THREADS=${VQDNA_THREADS:-1}
mkdir -p logs ft
while read -r name task backbone seed pooling extra; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ -f ft/$name/metrics.json ]] && continue
  echo "$(date +%FT%T) start $name" >> logs/lanes.log
  # shellcheck disable=SC2086  # the extra options are words
  $BIN finetune "tasks/$task" -m "bb/$backbone" -o "ft/$name" --seed "$seed" --pooling "$pooling" \
    --max-train "${MAXTRAIN:-2000}" $extra >> "logs/ft-$name.log" 2>&1
  echo "$(date +%FT%T) end $name rc=$?" >> logs/lanes.log
done < "$jobs"
