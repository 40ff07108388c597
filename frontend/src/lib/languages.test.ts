import { describe, expect, it } from "vitest";

import { languageForProblem, languageLabel } from "./languages";

describe("language labels", () => {
  it("names the version once", () => {
    expect(languageLabel("Python 3", "3.11.2")).toBe("Python 3.11.2");
    expect(languageLabel("Go", "1.22.2")).toBe("Go 1.22.2");
    expect(languageLabel("Java 17", "17.0.9")).toBe("Java 17.0.9");
    expect(languageLabel("C++ 17", "12.2.0")).toBe("C++ 17 12.2.0");
    expect(languageLabel("Node.js 20.19.2", "20.19.2")).toBe("Node.js 20.19.2");
    expect(languageLabel("Lua 5.4", "5.4.4")).toBe("Lua 5.4.4");
    expect(languageLabel("Bash", undefined)).toBe("Bash");
  });
});

describe("a new room's language for a problem", () => {
  const options = [{ id: "python", name: "Python 3" }, { id: "sql", name: "SQL (SQLite)" }, { id: "lua", name: "Lua" }];

  it("keeps the chosen language when the problem has starter code for it", () => {
    expect(languageForProblem("python", ["cpp", "python"], options)).toBe("python");
  });

  it("keeps the chosen language for a problem without starter code", () => {
    expect(languageForProblem("lua", [], options)).toBe("lua");
  });

  it("switches to a language the problem has starter code for (an SQL problem: SQL)", () => {
    expect(languageForProblem("python", ["sql"], options)).toBe("sql");
  });

  it("keeps the chosen language when the server runs none of the problem's", () => {
    expect(languageForProblem("python", ["cobol"], options)).toBe("python");
  });
});
