:- initialization(main, main).

main :-
    read_string(user_input, _, _),
    format("out~n"),
    format(user_error, "err~n", []),
    halt(42).
