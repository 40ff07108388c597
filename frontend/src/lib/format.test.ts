import { describe, expect, it } from "vitest";

import { characters, clock, humanize, kibibytes, milliseconds, relativeTime } from "./format";
import { monacoLanguage, withCurrent } from "./languages";
import { inviteTokenFrom, safeNext, websocketBase } from "./urls";

describe("formatters", () => {
  const now = Date.parse("2030-01-01T12:00:00Z");

  it("says how long ago", () => {
    expect(relativeTime("2030-01-01T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2030-01-01T11:55:00Z", now)).toBe("5 minutes ago");
    expect(relativeTime("2030-01-01T09:00:00Z", now)).toBe("3 hours ago");
    expect(relativeTime("2029-12-31T12:00:00Z", now)).toBe("yesterday");
    expect(relativeTime("garbage", now)).toBe("—");
  });

  it("formats player clocks", () => {
    expect(clock(7_500)).toBe("0:07");
    expect(clock(723_000)).toBe("12:03");
    expect(clock(3_723_000)).toBe("1:02:03");
    expect(clock(-5)).toBe("0:00");
  });

  it("formats run figures", () => {
    expect(milliseconds(42.4)).toBe("42 ms");
    expect(milliseconds(1250)).toBe("1.25 s");
    expect(milliseconds(null)).toBe("—");
    expect(kibibytes(812)).toBe("812 KB");
    expect(kibibytes(12_595)).toBe("12.3 MB");
    expect(characters(1234)).toBe("1.2k chars");
    expect(humanize("time_limit_exceeded")).toBe("Time limit exceeded");
  });
});

describe("urls", () => {
  it("derives the WebSocket base from the page", () => {
    expect(websocketBase({ protocol: "https:", host: "cc.example.com" })).toBe("wss://cc.example.com/ws/rooms");
    expect(websocketBase({ protocol: "http:", host: "127.0.0.1:8000" })).toBe("ws://127.0.0.1:8000/ws/rooms");
  });

  it("finds the invite token in a link, a path or on its own", () => {
    expect(inviteTokenFrom("http://h:8000/join/aaa.bbb.ccc")).toBe("aaa.bbb.ccc");
    expect(inviteTokenFrom("  /join/aaa.bbb-_c?x=1 ")).toBe("aaa.bbb-_c");
    expect(inviteTokenFrom("aaa.bbb.ccc")).toBe("aaa.bbb.ccc");
    expect(inviteTokenFrom("")).toBeNull();
    expect(inviteTokenFrom("<script>")).toBeNull();
  });

  it("only follows ?next= to paths on this site", () => {
    expect(safeNext("/rooms/1")).toBe("/rooms/1");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});

describe("languages", () => {
  it("maps language ids to Monaco's as the server says", () => {
    const options = [{ id: "cpp", name: "C++", monaco: "cpp" }, { id: "bash", name: "Bash", monaco: "shell" }];
    expect(monacoLanguage("cpp", options)).toBe("cpp");
    expect(monacoLanguage("bash", options)).toBe("shell");
    expect(monacoLanguage("brainfuck", options)).toBe("plaintext");
  });

  it("keeps the current language selectable when the server does not list it", () => {
    expect(withCurrent([{ id: "python", name: "Python" }], "cobol").map((o) => o.id)).toEqual(["python", "cobol"]);
    expect(withCurrent([{ id: "python", name: "Python" }], "python")).toHaveLength(1);
  });
});
