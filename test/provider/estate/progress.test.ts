// Progress on stderr: a bar redrawn in place on a terminal, plain lines elsewhere.
import { describe, expect, it } from "vitest";
import { progressFor } from "../../../provider/estate/progress";

describe("progress", () => {
  it("on a terminal: one bar redrawn with \\r, ended by a newline", () => {
    const written: string[] = [];
    const p = progressFor({ isTTY: true, write: (s) => written.push(s) }, 10);
    p.found("fc2", 4);
    p.read("fc2", 1);
    p.read("fc2", 3);
    p.done();
    expect(written).toEqual(["\r[----------] 0/4 functions", "\r[###-------] 1/4 functions", "\r[##########] 4/4 functions", "\n"]);
  });

  it("elsewhere: a line when an API's functions are all read, and one for an API without functions", () => {
    const written: string[] = [];
    const p = progressFor({ isTTY: false, write: (s) => written.push(s) });
    p.found("fc3", 2);
    p.found("functiongraph", 0);
    p.read("fc3", 1);
    p.read("fc3", 1);
    p.done();
    expect(written).toEqual(["fc3: 2 functions read\n", "functiongraph: no functions\n"]);
  });
});
