%% Prints OK and the Unicode line of its own source only if Erlang reads all of stdin, adds up its
%% numbers and handles Unicode in, through and out.
-module(main).
-export([main/1]).

-define(EXPECTED, "héllo wörld ✓ 世界 🎉").

main(_Args) ->
    ok = io:setopts(standard_io, [binary, {encoding, unicode}]),
    Lines = binary:split(read_all(<<>>), <<"\n">>, [global]),
    [CountLine | Rest] = Lines,
    Count = binary_to_integer(CountLine),
    {Numbers, [Word | _]} = lists:split(Count, Rest),
    Total = lists:sum([binary_to_integer(N) || N <- Numbers]),
    Chars = unicode:characters_to_list(Word),
    if
        Total =/= Count * (Count + 1) div 2 ->
            io:format("FAIL sum ~p~n", [Total]),
            halt(1);
        Chars =/= ?EXPECTED orelse length(Chars) =/= 18 ->
            io:format("FAIL unicode ~ts~n", [Chars]),
            halt(1);
        true ->
            io:format("OK ~ts~n", [?EXPECTED])
    end.

read_all(Acc) ->
    case io:get_chars(standard_io, "", 65536) of
        eof -> Acc;
        Data -> read_all(<<Acc/binary, Data/binary>>)
    end.
