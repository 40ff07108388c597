"""Every program a candidate writes, in every backend: several files (compiled together),
command-line arguments, allow-listed compiler options and a stack deep recursion fits in."""

from __future__ import annotations

import json
import signal

import pytest

from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    MIB,
    ExecutionResult,
    Limits,
    Sandbox,
    SandboxError,
    SourceFile,
    Status,
    execute,
)

LANGUAGES = load_languages()
RUN_LIMITS = Limits(cpu_time_ms=5_000, wall_time_ms=15_000, memory_bytes=512 * MIB)


async def run(
    sandbox: Sandbox,
    language: str,
    source: str,
    *files: tuple[str, str],
    args: tuple[str, ...] = (),
    options: tuple[str, ...] = (),
    limits: Limits = RUN_LIMITS,
) -> ExecutionResult:
    definition = LANGUAGES[language]
    return await execute(
        sandbox,
        definition,
        source,
        limits=limits,
        compile_limits=definition.compile_limits_over(COMPILE_LIMITS),
        extra_files=[SourceFile(name, content) for name, content in files],
        compiler_options=options,
        args=args,
    )


# --- several files -----------------------------------------------------------------------

C_MAIN = '#include <stdio.h>\n#include "util.h"\nint main(void) { printf("%d\\n", twice(21)); }\n'
C_HEADER = "int twice(int x);\n"


async def test_c_compiles_every_c_file_of_the_program(sandbox: Sandbox) -> None:
    result = await run(
        sandbox, "c", C_MAIN, ("util.h", C_HEADER), ("util.c", "int twice(int x) { return 2 * x; }")
    )
    assert (result.status, result.stdout) == (Status.OK, "42\n"), result


async def test_cpp_compiles_sources_in_a_subdirectory(sandbox: Sandbox) -> None:
    main = '#include <iostream>\n#include "geo/area.hpp"\nint main() { std::cout << area(6, 7); }\n'
    result = await run(
        sandbox,
        "cpp",
        main,
        ("geo/area.hpp", "int area(int w, int h);\n"),
        ("geo/area.cpp", '#include "area.hpp"\nint area(int w, int h) { return w * h; }\n'),
    )
    assert (result.status, result.stdout) == (Status.OK, "42"), result


async def test_go_builds_every_file_of_the_package(sandbox: Sandbox) -> None:
    main = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(answer()) }\n'
    helper = "package main\n\nfunc answer() int { return 42 }\n"
    result = await run(sandbox, "go", main, ("answer.go", helper))
    assert (result.status, result.stdout) == (Status.OK, "42\n"), result


async def test_rust_finds_modules_beside_the_entry_point(sandbox: Sandbox) -> None:
    main = (
        "mod answer;\nmod shapes;\n"
        'fn main() { println!("{} {}", answer::get(), shapes::sides()); }\n'
    )
    result = await run(
        sandbox,
        "rust",
        main,
        ("answer.rs", "pub fn get() -> i32 { 42 }\n"),
        ("shapes/mod.rs", "pub fn sides() -> i32 { 4 }\n"),
    )
    assert (result.status, result.stdout) == (Status.OK, "42 4\n"), result


async def test_java_compiles_every_class_and_package(sandbox: Sandbox) -> None:
    main = (
        "import util.Answer;\n"
        "public class Main {\n"
        "    public static void main(String[] args) {\n"
        "        System.out.println(Answer.get() + Helper.offset());\n"
        "    }\n"
        "}\n"
    )
    result = await run(
        sandbox,
        "java",
        main,
        ("Helper.java", "class Helper { static int offset() { return 2; } }\n"),
        (
            "util/Answer.java",
            "package util;\npublic class Answer { public static int get() { return 40; } }\n",
        ),
    )
    assert (result.status, result.stdout) == (Status.OK, "42\n"), result


async def test_python_imports_modules_and_packages_beside_the_entry_point(
    sandbox: Sandbox,
) -> None:
    main = "from helpers import answer\nfrom geo.area import area\nprint(answer(), area(2, 3))\n"
    result = await run(
        sandbox,
        "python",
        main,
        ("helpers.py", "def answer():\n    return 42\n"),
        ("geo/area.py", "def area(w, h):\n    return w * h\n"),
    )
    assert (result.status, result.stdout) == (Status.OK, "42 6\n"), result


async def test_javascript_requires_modules_beside_the_entry_point(sandbox: Sandbox) -> None:
    main = "const { answer } = require('./lib/answer');\nconsole.log(answer());\n"
    helper = "exports.answer = () => 42;\n"
    result = await run(sandbox, "javascript", main, ("lib/answer.js", helper))
    assert (result.status, result.stdout) == (Status.OK, "42\n"), result


async def test_typescript_compiles_the_modules_it_imports(sandbox: Sandbox) -> None:
    main = "import { answer } from './answer';\nconst n: number = answer();\nconsole.log(n);\n"
    helper = "export function answer(): number {\n    return 42;\n}\n"
    result = await run(sandbox, "typescript", main, ("answer.ts", helper))
    assert (result.status, result.stdout) == (Status.OK, "42\n"), result


async def test_a_program_reads_its_data_files(sandbox: Sandbox) -> None:
    main = "print(open('data/input.txt').read().upper(), end='')\n"
    result = await run(sandbox, "python", main, ("data/input.txt", "ünïcödé\n"))
    assert (result.status, result.stdout) == (Status.OK, "ÜNÏCÖDÉ\n"), result


async def test_an_error_in_another_file_is_a_compilation_error(sandbox: Sandbox) -> None:
    result = await run(sandbox, "c", C_MAIN, ("util.h", C_HEADER), ("util.c", "int twice(int x) {"))
    assert result.status is Status.COMPILATION_ERROR, result
    assert "util.c" in result.compile_output


@pytest.mark.parametrize("name", ["../escape.py", "/tmp/escape.py", "main.py", "a/b/c.py"])
async def test_a_backend_writes_no_file_outside_or_over_the_program(
    sandbox: Sandbox, name: str
) -> None:
    with pytest.raises(SandboxError, match="refused program files"):
        await sandbox.prepare(
            LANGUAGES["python"],
            "print(1)",
            limits=COMPILE_LIMITS,
            extra_files=[SourceFile(name, "print(2)")],
        )


# --- command-line arguments --------------------------------------------------------------


async def test_arguments_reach_the_program_unchanged(sandbox: Sandbox) -> None:
    args = ("one", "two words", "", "ünïcödé ✓", "--flag=$HOME", "*", "'quoted'")
    result = await run(
        sandbox, "python", "import sys, json\nprint(json.dumps(sys.argv[1:]))", args=args
    )
    assert result.status is Status.OK, result
    assert json.loads(result.stdout) == list(args)


async def test_a_compiled_program_gets_its_arguments(sandbox: Sandbox) -> None:
    main = (
        "#include <stdio.h>\n"
        "int main(int argc, char **argv) {\n"
        '    for (int i = 1; i < argc; i++) printf("[%s]", argv[i]);\n'
        "}\n"
    )
    result = await run(sandbox, "c", main, args=("a", "b c"))
    assert (result.status, result.stdout) == (Status.OK, "[a][b c]"), result


async def test_java_gets_its_arguments(sandbox: Sandbox) -> None:
    main = (
        "public class Main {\n"
        "    public static void main(String[] args) {\n"
        '        System.out.println(String.join("|", args));\n'
        "    }\n"
        "}\n"
    )
    result = await run(sandbox, "java", main, args=("x", "y z"))
    assert (result.status, result.stdout) == (Status.OK, "x|y z\n"), result


async def test_a_shell_script_gets_its_arguments(sandbox: Sandbox) -> None:
    result = await run(sandbox, "bash", 'echo "$#:$1:$2"', args=("a b", "c"))
    assert (result.status, result.stdout) == (Status.OK, "2:a b:c\n"), result


# --- compiler options --------------------------------------------------------------------

C_STANDARD = '#include <stdio.h>\nint main(void) { printf("%ld\\n", __STDC_VERSION__); }\n'
CPP_STANDARD = "#include <iostream>\nint main() { std::cout << __cplusplus << std::endl; }\n"


async def test_c_defaults_to_gnu17(sandbox: Sandbox) -> None:
    result = await run(sandbox, "c", C_STANDARD)
    assert (result.status, result.stdout) == (Status.OK, "201710\n"), result


@pytest.mark.parametrize(
    ("option", "version"), [("-std=c99", "199901"), ("-std=c11", "201112"), ("-std=c2x", "202000")]
)
async def test_a_chosen_c_standard_replaces_the_default(
    sandbox: Sandbox, option: str, version: str
) -> None:
    result = await run(sandbox, "c", C_STANDARD, options=(option,))
    assert (result.status, result.stdout) == (Status.OK, version + "\n"), result


@pytest.mark.parametrize(
    ("option", "version"),
    [
        (None, "202002"),
        ("-std=c++11", "201103"),
        ("-std=c++17", "201703"),
        ("-std=c++23", "202100"),
    ],
)
async def test_cpp_runs_in_the_chosen_standard(
    sandbox: Sandbox, option: str | None, version: str
) -> None:
    result = await run(sandbox, "cpp", CPP_STANDARD, options=() if option is None else (option,))
    assert (result.status, result.stdout) == (Status.OK, version + "\n"), result


async def test_warning_options_turn_warnings_into_errors(sandbox: Sandbox) -> None:
    unused = "int main(void) { int unused; return 0; }\n"
    result = await run(sandbox, "c", unused, options=("-Wall", "-Werror"))
    assert result.status is Status.COMPILATION_ERROR, result
    assert "unused" in result.compile_output


RUST_OVERFLOW = """
fn main() {
    let one = std::env::args().count() as u8; // known at run time only
    let x: u8 = 254 + one;
    println!("{}", x + one);
}
"""


async def test_rust_overflow_checks_can_be_turned_on(sandbox: Sandbox) -> None:
    default = await run(sandbox, "rust", RUST_OVERFLOW)
    checked = await run(sandbox, "rust", RUST_OVERFLOW, options=("-Coverflow-checks=on",))
    assert (default.status, default.stdout) == (Status.OK, "0\n"), default
    assert (checked.status, checked.exit_code) == (Status.RUNTIME_ERROR, 101), checked
    assert "overflow" in checked.stderr


# --- the stack ---------------------------------------------------------------------------

PYTHON_DEEP_CACHE = """
import functools, sys
sys.setrecursionlimit(10**6)

@functools.lru_cache(maxsize=None)
def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1

print(depth(100_000))
"""
CPP_DEEP_DFS = """
#include <cstdio>
#include <vector>
std::vector<int> next_of;
int dfs(int node) { return node < 0 ? 0 : 1 + dfs(next_of[node]); }
int main() {
    const int n = 1000000;
    next_of.resize(n);
    for (int i = 0; i < n; i++) next_of[i] = i - 1;
    std::printf("%d\\n", dfs(n - 1));
}
"""
C_ENDLESS_RECURSION = """
#include <stdio.h>
int down(volatile int n) { volatile char pad[256]; pad[0] = (char)n; return down(n + 1) + pad[0]; }
int main(void) { printf("%d\\n", down(0)); }
"""


async def test_python_recursion_through_c_reaches_depth_100_000(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", PYTHON_DEEP_CACHE)
    assert (result.status, result.stdout) == (Status.OK, "100000\n"), result


async def test_a_cpp_dfs_reaches_depth_a_million(sandbox: Sandbox) -> None:
    result = await run(sandbox, "cpp", CPP_DEEP_DFS, options=("-O0",))
    assert (result.status, result.stdout) == (Status.OK, "1000000\n"), result


async def test_endless_recursion_ends_as_a_segfault_not_a_hang(sandbox: Sandbox) -> None:
    result = await run(sandbox, "c", C_ENDLESS_RECURSION, options=("-O0",))
    assert (result.status, result.signal) == (Status.RUNTIME_ERROR, signal.SIGSEGV), result


async def test_a_smaller_stack_limit_applies(sandbox: Sandbox) -> None:
    small = RUN_LIMITS.with_(stack_bytes=8 * MIB)
    result = await run(sandbox, "cpp", CPP_DEEP_DFS, options=("-O0",), limits=small)
    assert (result.status, result.signal) == (Status.RUNTIME_ERROR, signal.SIGSEGV), result


@pytest.mark.parametrize("stack_mib", [64, 300])
async def test_the_program_sees_the_stack_limit_as_its_rlimit(
    sandbox: Sandbox, stack_mib: int
) -> None:
    limits = RUN_LIMITS.with_(stack_bytes=stack_mib * MIB)
    source = "import resource\nprint(resource.getrlimit(resource.RLIMIT_STACK))"
    result = await run(sandbox, "python", source, limits=limits)
    expected = f"({stack_mib * MIB}, {stack_mib * MIB})\n"
    assert (result.status, result.stdout) == (Status.OK, expected), result
