"""Java programs as candidates write them: any public class name, a package, a non-public class
with main, and a JVM sized from the run's limits (an over-limit program gets an
OutOfMemoryError, not a silent kill). Runs on every backend."""

from __future__ import annotations

from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    MIB,
    ExecutionResult,
    Limits,
    Sandbox,
    SourceFile,
    Status,
    execute,
)

JAVA = load_languages()["java"]
LIMITS = Limits(cpu_time_ms=5_000, wall_time_ms=15_000, memory_bytes=256 * MIB)


async def run(
    sandbox: Sandbox,
    source: str,
    *,
    limits: Limits = LIMITS,
    extra_files: tuple[SourceFile, ...] = (),
    args: tuple[str, ...] = (),
) -> ExecutionResult:
    return await execute(
        sandbox,
        JAVA,
        source,
        stdin="3 4\n",
        limits=limits,
        compile_limits=JAVA.compile_limits_over(COMPILE_LIMITS),
        extra_files=extra_files,
        args=args,
    )


async def test_a_public_class_of_any_name_runs(sandbox: Sandbox) -> None:
    source = """
import java.util.Scanner;

public class Solution {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        System.out.println(in.nextInt() + in.nextInt());
    }
}
"""
    result = await run(sandbox, source)
    assert (result.status, result.stdout) == (Status.OK, "7\n"), result


async def test_a_class_in_a_package_runs(sandbox: Sandbox) -> None:
    source = """
package com.example.interview;

public final class Answer {
    public static void main(String[] args) {
        System.out.println(Answer.class.getName());
    }
}
"""
    result = await run(sandbox, source)
    assert (result.status, result.stdout) == (Status.OK, "com.example.interview.Answer\n"), result


async def test_a_non_public_class_with_main_runs(sandbox: Sandbox) -> None:
    source = """
class Helper {
    static int twice(int x) { return 2 * x; }
}

class Program {
    public static void main(String[] args) {
        System.out.println(Helper.twice(21));
    }
}
"""
    result = await run(sandbox, source)
    assert (result.status, result.stdout) == (Status.OK, "42\n"), result


async def test_main_is_found_after_nested_classes_of_the_public_class(sandbox: Sandbox) -> None:
    source = """
import java.util.ArrayList;
import java.util.List;

public class Graph {
    static class Edge {
        final int to;
        Edge(int to) { this.to = to; }
    }

    public static void main(String[] args) {
        List<Edge> edges = new ArrayList<>();
        edges.add(new Edge(5));
        System.out.println(edges.get(0).to);
    }
}
"""
    result = await run(sandbox, source)
    assert (result.status, result.stdout) == (Status.OK, "5\n"), result


async def test_a_program_without_main_is_a_compilation_error_saying_so(sandbox: Sandbox) -> None:
    result = await run(sandbox, "public class Solution {\n    int answer() { return 42; }\n}\n")
    assert result.status is Status.COMPILATION_ERROR, result
    assert "no class declares public static void main" in result.compile_output


async def test_a_public_class_in_the_wrong_place_is_still_a_compilation_error(
    sandbox: Sandbox,
) -> None:
    result = await run(sandbox, "class A {}\npublic class B {}\npublic class C {}\n")
    assert result.status is Status.COMPILATION_ERROR, result


async def test_the_heap_follows_the_memory_limit(sandbox: Sandbox) -> None:
    source = """
public class Main {
    public static void main(String[] args) {
        long max = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        System.out.println(max > 100 && max <= 192 ? "heap within the limit" : "heap " + max);
        System.out.println(Runtime.getRuntime().availableProcessors());
    }
}
"""
    result = await run(sandbox, source)
    assert (result.status, result.stdout) == (Status.OK, "heap within the limit\n1\n"), result


async def test_allocating_past_the_limit_is_an_out_of_memory_error(sandbox: Sandbox) -> None:
    source = """
import java.util.ArrayList;
import java.util.List;

public class Main {
    public static void main(String[] args) {
        List<long[]> kept = new ArrayList<>();
        while (true) {
            kept.add(new long[1 << 20]);
        }
    }
}
"""
    result = await run(sandbox, source)
    assert result.status is Status.RUNTIME_ERROR, result
    assert "java.lang.OutOfMemoryError" in result.stderr


async def test_deep_recursion_fits_the_thread_stack(sandbox: Sandbox) -> None:
    source = """
public class Main {
    static int depth(int n) { return n == 0 ? 0 : 1 + depth(n - 1); }

    public static void main(String[] args) {
        System.out.println(depth(200_000));
    }
}
"""
    result = await run(sandbox, source)
    assert (result.status, result.stdout) == (Status.OK, "200000\n"), result


async def test_a_named_class_runs_with_other_files_and_arguments(sandbox: Sandbox) -> None:
    source = """
import geometry.Area;

public class Solution {
    public static void main(String[] args) {
        System.out.println(Area.square(Integer.parseInt(args[0])) + " " + args[1]);
    }
}
"""
    area = """
package geometry;

public class Area {
    public static int square(int side) { return side * side; }
}
"""
    result = await run(
        sandbox, source, extra_files=(SourceFile("geometry/Area.java", area),), args=("7", "cm²")
    )
    assert (result.status, result.stdout) == (Status.OK, "49 cm²\n"), result


async def test_the_thread_stack_follows_the_stack_limit(sandbox: Sandbox) -> None:
    source = """
public class Main {
    static int depth(int n) { return n == 0 ? 0 : 1 + depth(n - 1); }

    public static void main(String[] args) {
        System.out.println(depth(1_000_000));
    }
}
"""
    small = await run(sandbox, source, limits=LIMITS.with_(stack_bytes=8 * MIB))
    large = await run(sandbox, source, limits=LIMITS.with_(stack_bytes=256 * MIB))
    assert small.status is Status.RUNTIME_ERROR, small
    assert "java.lang.StackOverflowError" in small.stderr
    assert (large.status, large.stdout) == (Status.OK, "1000000\n"), large
