#!/bin/sh
# Check that the parameter table in docs/scenarios.md is the one the engine
# prints with `greatgame params`.
#
#   check_docs_params.sh GREATGAME DOC            exit 0 if equal, 1 if not
#   check_docs_params.sh GREATGAME DOC --update   rewrite the table in DOC
#
# The table sits between the lines `<!-- params:begin -->` and
# `<!-- params:end -->`; blank lines at either end of it are ignored.
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 GREATGAME DOC [--update]" >&2
  exit 2
fi
bin=$1
doc=$2
mode=${3:-check}
if [ "$mode" != check ] && [ "$mode" != --update ]; then
  echo "$0: unknown option: $mode" >&2
  exit 2
fi

begin='<!-- params:begin -->'
end='<!-- params:end -->'

if [ ! -r "$doc" ]; then
  echo "$doc: cannot read" >&2
  exit 1
fi
nb=$(grep -c -x -F "$begin" "$doc" || true)
ne=$(grep -c -x -F "$end" "$doc" || true)
if [ "$nb" != 1 ] || [ "$ne" != 1 ]; then
  echo "$doc: expected one '$begin' line and one '$end' line" >&2
  exit 1
fi

tmp=${TMPDIR:-/tmp}/check_docs_params.$$
trap 'rm -f "$tmp".*' EXIT INT TERM

# Drop blank lines at the start and the end of a text.
trim() {
  awk 'NF { for (; blank > 0; blank--) print ""; print; seen = 1; next }
       seen { blank++ }'
}

if ! "$bin" params >"$tmp.raw" 2>"$tmp.err"; then
  echo "$bin params: failed:" >&2
  cat "$tmp.err" >&2
  exit 1
fi
trim <"$tmp.raw" >"$tmp.want"
if [ ! -s "$tmp.want" ]; then
  echo "$bin params: printed nothing" >&2
  exit 1
fi

awk -v b="$begin" -v e="$end" '$0 == e { inside = 0 } inside { print } $0 == b { inside = 1 }' \
  "$doc" | trim >"$tmp.have"

if [ "$mode" = --update ]; then
  awk -v b="$begin" -v e="$end" -v table="$tmp.want" '
    $0 == b { print; print ""; while ((getline line < table) > 0) print line; print ""; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }' "$doc" >"$tmp.new"
  cat "$tmp.new" >"$doc"
  echo "$doc: parameter table updated"
  exit 0
fi

if cmp -s "$tmp.want" "$tmp.have"; then
  exit 0
fi
echo "$doc: the parameter table differs from '$bin params' (run $0 $bin $doc --update):" >&2
diff "$tmp.have" "$tmp.want" >&2 || true
exit 1
