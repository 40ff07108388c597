do { local $/; <STDIN> };
print "out\n";
print STDERR "err\n";
exit 42;
