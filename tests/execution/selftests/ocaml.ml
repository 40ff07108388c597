(* Prints OK and the Unicode line of its own source only if OCaml reads all of stdin, adds up its
   numbers and handles Unicode in, through and out. *)
let expected = "héllo wörld ✓ 世界 🎉"

(* UTF-8 code points: every byte but the continuation bytes 10xxxxxx *)
let code_points s =
  let n = ref 0 in
  String.iter (fun c -> if Char.code c land 0xC0 <> 0x80 then incr n) s;
  !n

let fail message =
  print_endline ("FAIL " ^ message);
  exit 1

let () =
  let count = int_of_string (input_line stdin) in
  let total = ref 0 in
  for _ = 1 to count do
    total := !total + int_of_string (input_line stdin)
  done;
  if !total <> count * (count + 1) / 2 then fail ("sum " ^ string_of_int !total);
  let word = input_line stdin in
  (match input_char stdin with _ -> fail "more input" | exception End_of_file -> ());
  if word <> expected || code_points word <> 18 then fail ("unicode " ^ word);
  print_endline ("OK " ^ expected)
