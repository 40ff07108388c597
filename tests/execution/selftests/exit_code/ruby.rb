$stdin.read
puts "out"
warn "err"
exit 42
