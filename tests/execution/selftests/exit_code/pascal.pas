program Main;

var
  line: ShortString;

begin
  while not Eof do
    ReadLn(line);
  WriteLn('out');
  WriteLn(StdErr, 'err');
  Halt(42);
end.
