# Prints OK and the Unicode line of its own source only if R reads all of stdin, adds up its
# numbers and handles Unicode in, through and out.
expected <- "héllo wörld ✓ 世界 🎉"
input <- file("stdin", encoding = "UTF-8")
lines <- readLines(input, warn = FALSE)
close(input)
count <- as.integer(lines[1])
total <- sum(as.numeric(lines[2:(count + 1)]))
if (total != count * (count + 1) / 2) {
  cat("FAIL sum", total, "\n")
  quit(status = 1)
}
word <- lines[count + 2]
if (word != expected || nchar(word, type = "chars") != 18) {
  cat("FAIL unicode", word, "\n")
  quit(status = 1)
}
cat("OK ", expected, "\n", sep = "")
