System.in.readAllBytes()
println "out"
System.err.println "err"
System.exit(42)
