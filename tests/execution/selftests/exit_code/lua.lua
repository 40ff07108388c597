io.read("a")
print("out")
io.stderr:write("err\n")
os.exit(42)
