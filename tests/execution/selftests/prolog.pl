% Prints OK and the Unicode line of its own source only if Prolog reads all of stdin, adds up its
% numbers and handles Unicode in, through and out.
:- initialization(main, main).

expected("héllo wörld ✓ 世界 🎉").

main :-
    set_stream(user_input, encoding(utf8)),
    set_stream(user_output, encoding(utf8)),
    read_string(user_input, _, Text),
    split_string(Text, "\n", "", [CountText|Rest]),
    number_string(N, CountText),
    length(Numbers, N),
    append(Numbers, [Word|_], Rest),
    foldl([S, A0, A]>>(number_string(X, S), A is A0 + X), Numbers, 0, Total),
    expected(Expected),
    string_length(Word, Length),
    (   Total =\= N * (N + 1) // 2
    ->  format("FAIL sum ~w~n", [Total]), halt(1)
    ;   (Word \== Expected ; Length =\= 18)
    ->  format("FAIL unicode ~w~n", [Word]), halt(1)
    ;   format("OK ~w~n", [Expected])
    ).
