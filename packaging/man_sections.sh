#!/usr/bin/env bash
# The extra sections of the ferry(1) man page, in help2man's --include
# format: every command's own help, the exit codes and where the docs are.
# Usage: packaging/man_sections.sh path/to/ferry > sections.h2m
set -euo pipefail
ferry=$1
echo "[COMMANDS]"
for command in check fmt simulate compare plan graph; do
  echo ".SS ferry $command"
  echo ".nf"
  # roff reads a leading '.' or '\' as a request: escape them.
  "$ferry" help "$command" | grep -v '^Run `ferry help' | sed -e 's/\\/\\e/g' -e "s/^\\./\\\\\\&./"
  echo ".fi"
done
cat <<'TEXT'
[EXIT STATUS]
0 ok; 1 errors in the input (or a violated requirement with \fB\-\-strict\fR); 2 usage.
[ENVIRONMENT]
.TP
.B NO_COLOR
When set to a non-empty value, diagnostics and reports are never coloured
(they are coloured only on a terminal anyway).
[SEE ALSO]
The language, the simulation rules, the plan format and the JSON Schemas of
the outputs in \fI/usr/share/doc/ferry/\fR; examples in
\fI/usr/share/doc/ferry/examples/\fR.
TEXT
