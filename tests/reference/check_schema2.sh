#!/bin/sh
# The JSON Schema of format 2 (scenarios/schema/scenario-format-2.json)
# against the files the engine reads as GG-2: it must accept the GG-2
# reference cases and N generated format 2 scenarios (gen_scenario.py --gg2),
# which `greatgame validate` accepts too, and refuse a format 1 file.
#   check_schema2.sh PYTHON GREATGAME SOURCE_DIR WORK_DIR [N]
# Exit 77 (skipped) when node or the schema checker's packages are absent.
set -u
py=$1 gg=$2 src=$3 work=$4 n=${5:-20}
checker=$src/tests/schema/check.mjs
schema=$src/scenarios/schema/scenario-format-2.json
command -v node >/dev/null 2>&1 || { echo "node not found: skipped"; exit 77; }
[ -d "$src/tests/schema/node_modules/ajv" ] || { echo "ajv not installed: skipped"; exit 77; }
mkdir -p "$work" || exit 1
set --
for f in "$src"/tests/reference/gg2_case_*.json; do
  set -- "$@" "$f"
done
i=1
while [ "$i" -le "$n" ]; do
  f=$work/gg2-$i.json
  "$py" "$src/tests/reference/gen_scenario.py" --gg2 "$i" "$f" || exit 1
  set -- "$@" "$f"
  i=$((i + 1))
done
fail=0
"$gg" validate "$@" >/dev/null || { echo "greatgame validate refuses a GG-2 file" >&2; fail=1; }
node "$checker" valid "$schema" "$@" >/dev/null || fail=1
node "$checker" invalid "$schema" "$src/scenarios/central_asia_2020.json" >/dev/null || fail=1
[ $fail -eq 0 ] && echo "format 2 schema: $# GG-2 files valid, a format 1 file refused"
exit $fail
