# Prints OK and the Unicode line of its own source only if Tcl reads all of stdin, adds up its
# numbers and handles Unicode in, through and out.
fconfigure stdin -encoding utf-8
fconfigure stdout -encoding utf-8
set expected "héllo wörld ✓ 世界 🎉"
set lines [split [read stdin] "\n"]
set count [lindex $lines 0]
set total 0
for {set i 1} {$i <= $count} {incr i} {
    incr total [lindex $lines $i]
}
if {$total != $count * ($count + 1) / 2} {
    puts "FAIL sum $total"
    exit 1
}
set word [lindex $lines [expr {$count + 1}]]
# Tcl 8.6 holds a character past U+FFFF as two: count code points on the UTF-8 bytes instead.
set points [regexp -all {[^\u0080-\u00bf]} [encoding convertto utf-8 $word]]
if {$word ne $expected || $points != 18} {
    puts "FAIL unicode $points"
    exit 1
}
puts "OK $expected"
