import { describe, expect, it } from "vitest";
import { ApiError, problemLines } from "./client";

describe("problemLines", () => {
  it("gives one line per field a refusal named", () =>
    expect(problemLines(new ApiError(422, "Invalid", { title: ["Required."], params: ["Unknown key", "x."] }))).toEqual([
      "title: Required.",
      "params: Unknown key x.",
    ]));

  it("gives the message, worded by the caller, when no field was named", () => {
    expect(problemLines(new ApiError(409, "Stale version"), (m) => `Refused: ${m}`)).toEqual(["Refused: Stale version"]);
    expect(problemLines(new Error("Network down"))).toEqual(["Network down"]);
  });
});
