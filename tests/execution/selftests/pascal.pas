{ Prints OK and the Unicode line of its own source only if Pascal reads all of stdin, adds up its
  numbers and passes Unicode (UTF-8 bytes) in, through and out. }
program Main;

const
  Expected = 'héllo wörld ✓ 世界 🎉';

var
  count, i, points: Integer;
  value, total: Int64;
  word: ShortString;

begin
  ReadLn(count);
  total := 0;
  for i := 1 to count do
  begin
    ReadLn(value);
    total := total + value;
  end;
  if total <> Int64(count) * (count + 1) div 2 then
  begin
    WriteLn('FAIL sum ', total);
    Halt(1);
  end;
  ReadLn(word);
  points := 0; { UTF-8 code points: every byte but the continuation bytes 10xxxxxx }
  for i := 1 to Length(word) do
    if (Ord(word[i]) and $C0) <> $80 then
      Inc(points);
  if (word <> Expected) or (points <> 18) then
  begin
    WriteLn('FAIL unicode');
    Halt(1);
  end;
  WriteLn('OK ', Expected);
end.
