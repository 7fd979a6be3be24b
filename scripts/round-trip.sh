#!/usr/bin/env bash
# A whole round trip of many devices across the gap, from the shell, one file each way:
#
#   site: device import → request --all        ──requests──▶  desk: reserve --batch
#   site: install --batch                      ◀──authorizations──
#                                              ──confirmations──▶  desk: confirm --batch
#   site: return --all                         ──returns──▶  desk: remove --batch
#
# Usage: scripts/round-trip.sh [DEVICES (default 10000)] [FOLDER (default: a new temporary one)]
# Each side keeps its workspace in FOLDER/desk and FOLDER/site; the files that cross the gap are
# written to FOLDER. Every step prints its time; the script stops at the first step that does not
# succeed for every device (its verdict, with each refusal and why, is in FOLDER/<step>.json).
#
#   AIRLOCK           the command to run (default: node bin/airlock.cjs of this checkout)
#   ROUND_TRIP_TIMES  also append "step<TAB>items<TAB>milliseconds" lines to this file
set -euo pipefail
export LC_ALL=C # $EPOCHREALTIME with a decimal point, whatever the operator's locale

devices=${1:-10000}
folder=${2:-$(mktemp -d "${TMPDIR:-/tmp}/airlock-round-trip-XXXXXX")}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
read -r -a airlock <<<"${AIRLOCK:-node $here/../bin/airlock.cjs}"
[[ $devices =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [DEVICES] [FOLDER]" >&2; exit 2; }
mkdir -p "$folder"
cd "$folder"
# Each run starts both sides afresh: a folder an earlier run used is refused before anything.
if [[ -e desk || -e site ]]; then
  echo "$folder already holds a desk or a site (an earlier run?): give an empty or new FOLDER" >&2
  exit 2
fi

# The desk's key is unlocked with this passphrase (an operator would use --passphrase-file).
export AIRLOCK_PASSPHRASE=${AIRLOCK_PASSPHRASE:-round trip desk passphrase}
license='regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a'

desk() { "${airlock[@]}" --data "$folder/desk" --json "$@"; }
site() { "${airlock[@]}" --data "$folder/site" --json "$@"; }

# step NAME ITEMS SIDE ARGS…: runs one command, keeps its JSON verdict, prints its time.
step() {
  local name=$1 items=$2 side=$3
  shift 3
  local start=$EPOCHREALTIME status=0
  "$side" "$@" >"$name.json" || status=$?
  local end=$EPOCHREALTIME
  local ms=$(((${end/./} - ${start/./}) / 1000))
  if ((status != 0)); then
    echo "$name failed (exit $status): see $folder/$name.json" >&2
    exit "$status"
  fi
  printf "%-24s %8d  %6d.%03d s\n" "$name" "$items" $((ms / 1000)) $((ms % 1000))
  [[ -z ${ROUND_TRIP_TIMES:-} ]] || printf '%s\t%d\t%d\n' "$name" "$items" "$ms" >>"$ROUND_TRIP_TIMES"
}

echo "round trip of $devices devices in $folder"
desk authority init --name 'Round-trip desk' >/dev/null
desk authority va add Lab >/dev/null
desk authority catalog load ucm --va Lab --count "$devices" >/dev/null
desk authority trust export trust.json >/dev/null
site site init --name 'Round-trip site' --trust trust.json >/dev/null
awk -v n="$devices" 'BEGIN {
  print "name,product,pid,sn,uuid"
  for (i = 1; i <= n; i++) printf "node-%d,ucm,UCM,RT%07d,%08x%s\n", i, i, i, "feedfacecafebeefdeadc0de"
}' >devices.csv

step device-import "$devices" site site device import devices.csv
step request "$devices" site site request --all --out requests.airlock
step reserve "$devices" desk authority reserve --batch requests.airlock --va Lab \
  --license "$license=1" --out authorizations.airlock
step install "$devices" site site install --batch authorizations.airlock --out confirmations.airlock
step confirm "$devices" desk authority confirm --batch confirmations.airlock
step return "$devices" site site return --all --out returns.airlock
step remove "$devices" desk authority remove --batch returns.airlock
echo "every device reserved, installed, confirmed and returned; the desk's pool is whole again"
