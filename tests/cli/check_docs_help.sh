#!/bin/sh
# The usage text of each command in docs/commands.md, between the markers
# <!-- help:CMD:begin --> and <!-- help:CMD:end -->, must be exactly what
# `greatgame CMD --help` prints. With --update, rewrite those blocks.
# usage: check_docs_help.sh GREATGAME DOCS_FILE [--update]
set -eu
gg=$1
doc=$2
mode=${3:-check}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmds=$(grep -o '<!-- help:[a-z]*:begin -->' "$doc" | sed 's/<!-- help:\([a-z]*\):begin -->/\1/')
[ -n "$cmds" ] || { echo "check_docs_help: no help blocks in $doc" >&2; exit 1; }
cp "$doc" "$tmp/doc"
checked=0
failed=0
for c in $cmds; do
  if ! "$gg" "$c" --help >"$tmp/help" 2>&1; then
    echo "check_docs_help: greatgame $c --help failed (not built?)" >&2
    continue
  fi
  { echo '```'; cat "$tmp/help"; echo '```'; } >"$tmp/block"
  awk -v b="<!-- help:$c:begin -->" -v e="<!-- help:$c:end -->" -v f="$tmp/block" '
    $0 == b { print; while ((getline line < f) > 0) print line; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }' "$tmp/doc" >"$tmp/new"
  awk -v b="<!-- help:$c:begin -->" -v e="<!-- help:$c:end -->" '
    $0 == b { on = 1; next } $0 == e { on = 0 } on' "$tmp/doc" >"$tmp/have"
  checked=$((checked + 1))
  if ! cmp -s "$tmp/have" "$tmp/block"; then
    if [ "$mode" = --update ]; then
      cp "$tmp/new" "$tmp/doc"
    else
      echo "check_docs_help: the usage of '$c' in $doc differs from greatgame $c --help" >&2
      failed=$((failed + 1))
    fi
  fi
done
if [ "$mode" = --update ]; then
  cp "$tmp/doc" "$doc"
fi
echo "docs help: $((checked - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
