-- Prints OK and the Unicode line of its own source only if Lua reads all of stdin, adds up its
-- numbers and handles Unicode in, through and out.
local expected = "héllo wörld ✓ 世界 🎉"
local count = io.read("n")
local total = 0
for _ = 1, count do
    total = total + io.read("n")
end
if total ~= count * (count + 1) // 2 then
    print("FAIL sum " .. total)
    os.exit(1)
end
local word = io.read("a"):match("^%s*(.-)$")
if word ~= expected or utf8.len(word) ~= 18 then
    print("FAIL unicode " .. word)
    os.exit(1)
end
print("OK " .. expected)
