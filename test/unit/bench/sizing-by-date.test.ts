import assert from "node:assert/strict";
import {
  byAddedDateRows,
  summariseByAddedDate,
  type AddedDateEntry,
} from "../../../bench/sizing-by-date";

const entry = (overrides: Partial<AddedDateEntry> = {}): AddedDateEntry => ({
  added: "2026-12-08",
  calibration: false,
  releaseMatched: { relError: 0.02, verdictRight: true },
  defaultRelease: { relError: 0.04, verdictRight: true },
  ...overrides,
});

describe("summariseByAddedDate", () => {
  it("gives one day's compared figures, median, p90 and verdicts for both judgements", () => {
    assert.deepStrictEqual(
      summariseByAddedDate([
        entry(),
        entry({
          releaseMatched: { relError: 0.1, verdictRight: false },
          defaultRelease: { relError: 0.2, verdictRight: false },
        }),
      ]),
      {
        "2026-12-08": {
          logs: 2,
          releaseMatched: {
            compared: 2,
            medianRelError: 0.06,
            p90RelError: 0.092,
            verdictRight: 1,
            verdictTotal: 2,
          },
          defaultRelease: {
            compared: 2,
            medianRelError: 0.12,
            p90RelError: 0.184,
            verdictRight: 1,
            verdictTotal: 2,
          },
        },
      },
    );
  });

  it("files a log without an added day under first-collection, before the dated days", () => {
    const days = summariseByAddedDate([
      entry({ added: "2026-12-08" }),
      entry({ added: "2026-12-06" }),
      entry({ added: undefined }),
    ]);
    assert.deepStrictEqual(Object.keys(days), ["first-collection", "2026-12-06", "2026-12-08"]);
  });

  it("leaves a calibration log out of its day", () => {
    const days = summariseByAddedDate([entry(), entry({ calibration: true })]);
    assert.deepStrictEqual(
      [days["2026-12-08"]?.logs, days["2026-12-08"]?.releaseMatched.verdictTotal],
      [1, 1],
    );
  });

  it("counts a verdict without a figure, and a judgement the sizing refused as neither", () => {
    const days = summariseByAddedDate([
      entry({ releaseMatched: { relError: undefined, verdictRight: true } }),
      entry({ defaultRelease: undefined }),
    ]);
    assert.deepStrictEqual(days["2026-12-08"], {
      logs: 2,
      releaseMatched: {
        compared: 1,
        medianRelError: 0.02,
        p90RelError: 0.02,
        verdictRight: 2,
        verdictTotal: 2,
      },
      defaultRelease: {
        compared: 1,
        medianRelError: 0.04,
        p90RelError: 0.04,
        verdictRight: 1,
        verdictTotal: 1,
      },
    });
  });

  it("gives null, not NaN, for a day with no figure", () => {
    const days = summariseByAddedDate([
      entry({
        releaseMatched: { relError: undefined, verdictRight: false },
        defaultRelease: { relError: undefined, verdictRight: false },
      }),
    ]);
    assert.deepStrictEqual(days["2026-12-08"]?.releaseMatched, {
      compared: 0,
      medianRelError: null,
      p90RelError: null,
      verdictRight: 0,
      verdictTotal: 1,
    });
  });
});

describe("byAddedDateRows", () => {
  it("prints a day's logs, then compared, median, p90 and verdicts of each judgement", () => {
    assert.deepStrictEqual(byAddedDateRows(summariseByAddedDate([entry()])), [
      ["2026-12-08", "1", "1", "2.0%", "2.0%", "1/1", "1", "4.0%", "4.0%", "1/1"],
    ]);
  });
});
