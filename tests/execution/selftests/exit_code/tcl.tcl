read stdin
puts "out"
puts stderr "err"
exit 42
