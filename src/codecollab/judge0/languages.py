"""Judge0 CE 1.13's language ids, mapped to this server's languages.

Only ids whose language this server can run now are listed; other ids are refused as Judge0
refuses an unknown one. Several Judge0 ids name one of our languages (Judge0 kept a compiler
version per id: 48, 49 and 50 are GCC 7, 8 and 9): each answers with our one toolchain.
"""

from __future__ import annotations

from dataclasses import dataclass

from codecollab.execution.catalog import LanguageInfo


@dataclass(frozen=True, slots=True)
class Judge0Language:
    id: int
    language: str
    """Our language id (execution/languages/*.toml)."""
    label: str
    """Judge0's name for it, without the version (ours is added)."""


JUDGE0_LANGUAGES: dict[int, Judge0Language] = {
    entry.id: entry
    for entry in (
        Judge0Language(45, "assembly", "Assembly"),
        Judge0Language(46, "bash", "Bash"),
        Judge0Language(48, "c", "C"),
        Judge0Language(49, "c", "C"),
        Judge0Language(50, "c", "C"),
        Judge0Language(75, "c", "C"),
        Judge0Language(51, "csharp", "C#"),
        Judge0Language(52, "cpp", "C++"),
        Judge0Language(53, "cpp", "C++"),
        Judge0Language(54, "cpp", "C++"),
        Judge0Language(76, "cpp", "C++"),
        Judge0Language(55, "common-lisp", "Common Lisp"),
        Judge0Language(56, "d", "D"),
        Judge0Language(57, "elixir", "Elixir"),
        Judge0Language(58, "erlang", "Erlang"),
        Judge0Language(59, "fortran", "Fortran"),
        Judge0Language(60, "go", "Go"),
        Judge0Language(61, "haskell", "Haskell"),
        Judge0Language(62, "java", "Java"),
        Judge0Language(63, "javascript", "JavaScript"),
        Judge0Language(64, "lua", "Lua"),
        Judge0Language(65, "ocaml", "OCaml"),
        Judge0Language(66, "octave", "Octave"),
        Judge0Language(67, "pascal", "Pascal"),
        Judge0Language(68, "php", "PHP"),
        Judge0Language(69, "prolog", "Prolog"),
        Judge0Language(71, "python", "Python"),
        Judge0Language(72, "ruby", "Ruby"),
        Judge0Language(73, "rust", "Rust"),
        Judge0Language(74, "typescript", "TypeScript"),
        Judge0Language(77, "cobol", "COBOL"),
        Judge0Language(78, "kotlin", "Kotlin"),
        Judge0Language(79, "objective-c", "Objective-C"),
        Judge0Language(80, "r", "R"),
        Judge0Language(81, "scala", "Scala"),
        Judge0Language(82, "sql", "SQL"),
        Judge0Language(85, "perl", "Perl"),
        Judge0Language(86, "clojure", "Clojure"),
        Judge0Language(88, "groovy", "Groovy"),
    )
}


@dataclass(frozen=True, slots=True)
class AvailableLanguage:
    id: int
    name: str
    language: str


def available(infos: list[LanguageInfo]) -> dict[int, AvailableLanguage]:
    """The Judge0 ids this server runs now, by id, named as Judge0 names them (``C (12.2.0)``)."""
    by_id = {info.id: info for info in infos}
    found = {}
    for judge0_id, entry in sorted(JUDGE0_LANGUAGES.items()):
        info = by_id.get(entry.language)
        if info is not None:
            name = f"{entry.label} ({info.version})" if info.version else entry.label
            found[judge0_id] = AvailableLanguage(judge0_id, name, entry.language)
    return found
