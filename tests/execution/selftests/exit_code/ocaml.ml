let () =
  (try
     while true do
       ignore (input_line stdin)
     done
   with End_of_file -> ());
  print_endline "out";
  prerr_endline "err";
  exit 42
