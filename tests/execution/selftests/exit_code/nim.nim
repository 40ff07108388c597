discard stdin.readAll()
echo "out"
stderr.writeLine("err")
quit(42)
