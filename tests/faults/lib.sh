# Shared helpers of the fault tests (sourced).
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# No file under a final name may be truncated and no temporary file may be
# left: check_clean DIR
check_no_temps() {
  if [ -d "$1" ] && find "$1" -name '*.tmp.*' | grep -q .; then
    find "$1" -name '*.tmp.*' >&2
    fail "temporary files left in $1"
  fi
}

# One error line on stderr, starting with the given text: check_err FILE PREFIX
check_err() {
  [ "$(wc -l <"$1")" -ge 1 ] || fail "no error message"
  head -1 "$1" | grep -q "^$2" || fail "error does not start with '$2': $(head -1 "$1")"
}
