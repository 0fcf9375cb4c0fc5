#!/usr/bin/env bash
# After pytest exits with an error: if a test was still running, the process died in it.
# Say which, and the end of what it left (tests/last_words.py), as the log's last lines.
rc=$1
folder=${LAST_WORDS_DIR:-tests/artifacts}
running=$folder/running-test.txt
fatal=$folder/fatal.txt
if [ -s "$running" ]; then
  echo "=== pytest died (exit $rc) while running: $(cat "$running")"
  if [ -s "$fatal" ]; then
    echo "=== the end of $fatal (Qt's fatal messages and Python's stack at the crash):"
    # From the last test's marker on, stack first, pytest's own frames left out.
    awk '/^-- /{buf=""} {buf=buf $0 "\n"} END{printf "%s", buf}' "$fatal" \
      | grep -v "site-packages/\(pluggy\|_pytest\)/" | head -80
  fi
  echo "=== pytest died (exit $rc) while running: $(cat "$running")"
fi
exit "$rc"
