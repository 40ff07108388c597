-module(main).
-export([main/1]).

main(_Args) ->
    drain(),
    io:format("out~n"),
    io:format(standard_error, "err~n", []),
    halt(42).

drain() ->
    case io:get_chars(standard_io, "", 65536) of
        eof -> ok;
        _ -> drain()
    end.
