SELECT 'out' FROM numbers LIMIT 1;
.shell echo err >&2
.exit 42
