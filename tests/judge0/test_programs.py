"""What a Judge0 submission's program may carry beyond its source: command-line arguments,
compiler options (the language's allow-list), additional files (a base64 zip) and a stack."""

from __future__ import annotations

import base64
import io
import zipfile

from tests.judge0.conftest import Judge0

C = 50
PYTHON = 71


def zipped(files: dict[str, str | bytes]) -> str:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return base64.b64encode(buffer.getvalue()).decode()


def test_command_line_arguments_are_split_as_a_shell_splits_them(judge0: Judge0) -> None:
    body = judge0.run(
        source_code="import sys; print(sys.argv[1:])",
        language_id=PYTHON,
        command_line_arguments="one 'two words' \"three\"",
    )
    assert body["stdout"] == "['one', 'two words', 'three']\n"
    assert body["command_line_arguments"] == "one 'two words' \"three\""


def test_unbalanced_quotes_in_arguments_are_422(judge0: Judge0) -> None:
    response = judge0.submit(
        source_code="print(1)", language_id=PYTHON, command_line_arguments="'open"
    )
    assert response.status_code == 422
    assert list(response.json()) == ["command_line_arguments"]


def test_an_allowed_compiler_option_is_used(judge0: Judge0) -> None:
    source = '#include <stdio.h>\nint main(void) { printf("%ld\\n", __STDC_VERSION__); }'
    body = judge0.run(source_code=source, language_id=C, compiler_options="-std=c99")
    assert body["stdout"] == "199901\n"


def test_a_compiler_option_outside_the_allow_list_is_422_naming_it(judge0: Judge0) -> None:
    response = judge0.submit(
        source_code="int main(void){}", language_id=C, compiler_options="-fplugin=/tmp/x.so"
    )
    assert response.status_code == 422
    (message,) = response.json()["compiler_options"]
    assert "-fplugin=/tmp/x.so" in message


def test_additional_files_sit_beside_the_source(judge0: Judge0) -> None:
    files = zipped({"helper.py": "def greet():\n    return 'from a module'\n", "data.txt": "42"})
    body = judge0.run(
        source_code="import helper\nprint(helper.greet(), open('data.txt').read())",
        language_id=PYTHON,
        additional_files=files,
    )
    assert body["status"]["id"] == 3, body
    assert body["stdout"] == "from a module 42\n"


def test_additional_files_that_are_not_a_zip_are_422(judge0: Judge0) -> None:
    response = judge0.submit(
        source_code="print(1)",
        language_id=PYTHON,
        additional_files=base64.b64encode(b"not a zip").decode(),
    )
    assert response.status_code == 422
    assert response.json() == {"additional_files": ["is not a base64-encoded zip archive"]}


def test_an_additional_file_escaping_the_program_dir_is_422(judge0: Judge0) -> None:
    response = judge0.submit(
        source_code="print(1)",
        language_id=PYTHON,
        additional_files=zipped({"../../etc/evil.py": "x = 1"}),
    )
    assert response.status_code == 422
    assert list(response.json()) == ["additional_files"]


def test_a_binary_additional_file_is_422(judge0: Judge0) -> None:
    response = judge0.submit(
        source_code="print(1)",
        language_id=PYTHON,
        additional_files=zipped({"blob.bin": bytes(range(256))}),
    )
    assert response.status_code == 422


def test_a_zip_bomb_is_refused_before_extraction(judge0: Judge0) -> None:
    response = judge0.submit(
        source_code="print(1)",
        language_id=PYTHON,
        additional_files=zipped({"big.txt": "a" * 10_000_000}),
    )
    assert response.status_code == 422
    assert "at most" in response.json()["additional_files"][0]


def test_the_stack_limit_is_the_programs_stack(judge0: Judge0) -> None:
    source = "import resource; print(resource.getrlimit(resource.RLIMIT_STACK)[0] // 1024)"
    body = judge0.run(source_code=source, language_id=PYTHON, stack_limit=16_000)
    assert body["stdout"] == "16000\n"
    assert body["stack_limit"] == 16_000


def test_without_a_stack_limit_the_stack_is_the_servers_default(judge0: Judge0) -> None:
    source = "import resource; print(resource.getrlimit(resource.RLIMIT_STACK)[0] // 1024)"
    body = judge0.run(source_code=source, language_id=PYTHON)
    assert body["stdout"] == "65536\n"
    assert body["stack_limit"] == 65536


DEEP_RECURSION = r"""
#include <stdio.h>
int depth(int n) {
    volatile char pad[64];
    pad[0] = 0;
    return n ? depth(n - 1) + pad[0] + 1 : 0;
}
int main(void) { printf("%d\n", depth(200000)); }
"""


def test_deep_recursion_runs_on_judge0s_stack(judge0: Judge0) -> None:
    body = judge0.run(
        source_code=DEEP_RECURSION, language_id=C, stack_limit=64_000, compiler_options="-O0"
    )
    assert body["stdout"] == "200000\n", body
