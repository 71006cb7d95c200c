/**
 * `npm run bench:adversarial`: the hostile cases on loopback. Echoing, redirecting, huge, endless
 * and malformed servers against `verify`, ModelVerification, KindoModel (Kindo and Unleash) and
 * the cloud verification (HTTP and Bedrock); hostile files for `lint`; out-of-range flags. Prints
 * one row per case, then as the last line one JSON object with every figure and its target.
 */
import { listCliCases } from "../test/support/adversarial/cli-cases";
import { type Verdict, judgeCase } from "../test/support/adversarial/outcome";
import { listServerCases } from "../test/support/adversarial/server-cases";

const MIN_CASES = 40;

function mark(bad: boolean): string {
  return bad ? "YES" : "no";
}

async function main(): Promise<void> {
  const cases = [...listServerCases(), ...listCliCases()];
  const verdicts: Verdict[] = [];
  console.log(`${"area".padEnd(18)}${"case".padEnd(78)}leak  crash  unbounded`);
  for (const c of cases) {
    const v = await judgeCase(c);
    verdicts.push(v);
    console.log(
      `${v.area.padEnd(18)}${v.name.slice(0, 76).padEnd(78)}${mark(v.secretLeak).padEnd(6)}${mark(v.crash).padEnd(7)}${mark(v.unbounded)}`,
    );
    if (v.secretLeak || v.crash || v.unbounded) console.log(`${"".padEnd(18)}  ↳ ${v.excerpt}`);
  }
  const count = (k: "secretLeak" | "crash" | "unbounded") => verdicts.filter((v) => v[k]).length;
  const failing = verdicts
    .filter((v) => v.secretLeak || v.crash || v.unbounded)
    .map((v) => `${v.area}: ${v.name}`);
  const figures = {
    cases: verdicts.length,
    secretLeaks: count("secretLeak"),
    crashes: count("crash"),
    unbounded: count("unbounded"),
  };
  console.log(
    JSON.stringify({
      ...figures,
      failing,
      targets: { cases: `>= ${MIN_CASES}`, secretLeaks: 0, crashes: 0, unbounded: 0 },
      met:
        figures.cases >= MIN_CASES &&
        figures.secretLeaks === 0 &&
        figures.crashes === 0 &&
        figures.unbounded === 0,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
