"""The fast compile paths give the same answers as the plain compilers: TypeScript through the
checker snapshot still reports type errors as compilation errors and emits what tsc emits; C++
with the precompiled <bits/stdc++.h> compiles programs that include it. Runs on every backend;
correctness only (speed is bench/compile's)."""

from __future__ import annotations

from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    MIB,
    ExecutionResult,
    Limits,
    Sandbox,
    Status,
    execute,
)

LANGUAGES = load_languages()
LIMITS = Limits(cpu_time_ms=5_000, wall_time_ms=15_000, memory_bytes=256 * MIB)


async def run(sandbox: Sandbox, language: str, source: str, stdin: str = "") -> ExecutionResult:
    chosen = LANGUAGES[language]
    return await execute(
        sandbox,
        chosen,
        source,
        stdin=stdin,
        limits=LIMITS,
        compile_limits=chosen.compile_limits_over(COMPILE_LIMITS),
    )


async def test_a_typescript_type_error_is_a_compilation_error(sandbox: Sandbox) -> None:
    result = await run(sandbox, "typescript", 'const count: number = "three";\n')
    assert result.status is Status.COMPILATION_ERROR, result
    assert result.compile_output.strip() == (
        "main.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'."
    )


async def test_typescript_is_checked_as_a_node_program_without_the_dom(sandbox: Sandbox) -> None:
    result = await run(sandbox, "typescript", 'document.title = "x";\n')
    assert result.status is Status.COMPILATION_ERROR, result
    assert "main.ts(1,1): error TS2584: Cannot find name 'document'" in result.compile_output


async def test_without_the_snapshot_plain_tsc_reports_the_same_errors(sandbox: Sandbox) -> None:
    typescript = LANGUAGES["typescript"]
    assert typescript.compile is not None
    missing = tuple(
        part.replace("/usr/local/lib/codecollab/typescript.blob", "/nonexistent.blob")
        for part in typescript.compile
    )
    assert missing != typescript.compile
    without = typescript.model_copy(update={"compile": missing})
    source = 'const count: number = "three";\n'
    results = [
        await execute(
            sandbox,
            language,
            source,
            limits=LIMITS,
            compile_limits=language.compile_limits_over(COMPILE_LIMITS),
        )
        for language in (typescript, without)
    ]
    assert [r.status for r in results] == [Status.COMPILATION_ERROR] * 2, results
    assert results[0].compile_output == results[1].compile_output


async def test_typescript_is_checked_strictly(sandbox: Sandbox) -> None:
    result = await run(sandbox, "typescript", "function twice(x) { return 2 * x; }\n")
    assert result.status is Status.COMPILATION_ERROR, result
    assert "TS7006" in result.compile_output  # implicit any


async def test_typescript_sees_nodes_types(sandbox: Sandbox) -> None:
    source = """
import * as fs from "fs";
const numbers: number[] = fs.readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);
const total: number = numbers.reduce((sum, n) => sum + n, 0);
process.stdout.write(`${total}\\n`);
"""
    result = await run(sandbox, "typescript", source, stdin="1 2 3 4\n")
    assert (result.status, result.stdout, result.compile_output) == (Status.OK, "10\n", ""), result


async def test_typescript_misuse_of_a_node_api_is_reported(sandbox: Sandbox) -> None:
    result = await run(sandbox, "typescript", 'import * as fs from "fs";\nfs.readFileSync(true);\n')
    assert result.status is Status.COMPILATION_ERROR, result
    assert "main.ts(2,17): error TS2769" in result.compile_output


async def test_typescript_syntax_errors_are_reported(sandbox: Sandbox) -> None:
    result = await run(sandbox, "typescript", "const x = ;\n")
    assert result.status is Status.COMPILATION_ERROR, result
    assert "main.ts(1,11): error TS1109: Expression expected." in result.compile_output


async def test_typescript_modern_syntax_runs(sandbox: Sandbox) -> None:
    source = """
type Point = { x: number; y?: number };
const points: Point[] = [{ x: 1 }, { x: 2, y: 3 }];
class Counter {
    #count = 0;
    add(): this { this.#count++; return this; }
    get value(): number { return this.#count; }
}
console.log(points.map((p) => p.y ?? 0).join(","), new Counter().add().add().value);
"""
    result = await run(sandbox, "typescript", source)
    assert (result.status, result.stdout) == (Status.OK, "0,3 2\n"), result


async def test_cpp_with_bits_stdcpp_compiles_and_runs(sandbox: Sandbox) -> None:
    source = """
#include <bits/stdc++.h>
using namespace std;

int main() {
    vector<int> v{3, 1, 2};
    sort(v.begin(), v.end());
    for (int x : v) cout << x << ' ';
    cout << accumulate(v.begin(), v.end(), 0) << '\\n';
}
"""
    result = await run(sandbox, "cpp", source)
    assert (result.status, result.stdout) == (Status.OK, "1 2 3 6\n"), result


async def test_cpp_compile_errors_still_point_at_the_program(sandbox: Sandbox) -> None:
    source = "#include <bits/stdc++.h>\nint main() { std::vector<int> v = 3; }\n"
    result = await run(sandbox, "cpp", source)
    assert result.status is Status.COMPILATION_ERROR, result
    assert "main.cpp:2:" in result.compile_output


async def test_cpp_headers_after_a_macro_still_compile(sandbox: Sandbox) -> None:
    source = """
#define _GLIBCXX_DEBUG 1
#include <iostream>
#include <vector>

int main() {
    std::vector<int> v{1, 2, 3};
    std::cout << v.size() << std::endl;
}
"""
    result = await run(sandbox, "cpp", source)
    assert (result.status, result.stdout) == (Status.OK, "3\n"), result


async def test_cpp_with_cstdio_first_compiles_and_runs(sandbox: Sandbox) -> None:
    source = """
#include <cstdio>
#include <string>

int main() {
    std::string name = "World";
    std::printf("Hello, %s!\\n", name.c_str());
}
"""
    result = await run(sandbox, "cpp", source)
    assert (result.status, result.stdout) == (Status.OK, "Hello, World!\n"), result
