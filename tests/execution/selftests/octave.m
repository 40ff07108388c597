% Prints OK and the Unicode line of its own source only if Octave reads all of stdin, adds up its
% numbers and passes Unicode (UTF-8 bytes) in, through and out.
expected = "héllo wörld ✓ 世界 🎉";
text = fread(stdin, Inf, "uint8=>char")';
lines = strsplit(text, "\n");
n = str2double(lines{1});
total = sum(str2double(lines(2:n + 1)));
if total != n * (n + 1) / 2
  printf("FAIL sum %d\n", total);
  exit(1);
end
word = lines{n + 2};
points = sum(bitand(double(word), 192) != 128);  % every byte but continuation bytes
if !strcmp(word, expected) || points != 18
  printf("FAIL unicode %s\n", word);
  exit(1);
end
printf("OK %s\n", expected);
