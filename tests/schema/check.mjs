// Checks scenario files against the scenario JSON Schema (draft 2020-12).
//   node check.mjs valid SCHEMA FILE...    every file must satisfy the schema
//   node check.mjs invalid SCHEMA FILE...  every file must break it
//   node check.mjs ranges SCHEMA PARAMS    the schema's numeric ranges must
//                                          match `greatgame params --json`
// Exit status: 0 when every check holds, 1 otherwise, 2 on bad usage.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const [mode, schemaPath, ...rest] = process.argv.slice(2);
if (!mode || !schemaPath) {
  console.error("usage: node check.mjs valid|invalid|ranges SCHEMA FILE...");
  process.exit(2);
}
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const ajv = new Ajv2020({ allErrors: false, strict: true, strictTypes: false, strictRequired: false });
const validate = ajv.compile(schema);
let failed = 0;

function load(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return undefined;
  }
}

if (mode === "valid" || mode === "invalid") {
  for (const file of rest) {
    const doc = load(file);
    const ok = doc !== undefined && validate(doc);
    const why = ok ? "" : doc === undefined ? "not JSON" : ajv.errorsText(validate.errors);
    if (mode === "valid" && !ok) {
      console.error(`${file}: does not satisfy the schema: ${why}`);
      failed++;
    } else if (mode === "invalid" && ok) {
      console.error(`${file}: satisfies the schema but should not`);
      failed++;
    } else {
      console.log(`${file}: ${ok ? "valid" : "invalid (" + why + ")"}`);
    }
  }
} else if (mode === "ranges") {
  // Where each parameter path of the engine's table lives in the schema.
  const D = schema.$defs;
  const sp = D.stateParams.properties;
  const st = D.state.properties;
  const where = {
    "channels.<channel>.half_life": D.channel.properties.half_life,
    "powers.<power>.budget.<channel>": D.power.properties.budget.additionalProperties,
    "powers.<power>.priority.<state>": D.power.properties.priority.additionalProperties,
    "powers.<power>.focus": D.power.properties.focus,
    "states.<state>.autonomy": sp.autonomy,
    "states.<state>.responsiveness": sp.responsiveness,
    "states.<state>.decisiveness": sp.decisiveness,
    "states.<state>.backlash.strength": sp.backlash.properties.strength,
    "states.<state>.backlash.threshold": sp.backlash.properties.threshold,
    "states.<state>.neighbour_weight": sp.neighbour_weight,
    "states.<state>.noise": sp.noise,
    "states.<state>.population": st.population,
    "states.<state>.gdp": st.gdp,
    "states.<state>.weights.<channel>": sp.weights.additionalProperties,
    "states.<state>.saturation.<channel>": sp.saturation.additionalProperties,
    "states.<state>.affinity.<power>": D.utility,
    "blocs.<bloc>.bonus": D.bloc.properties.bonus,
    "blocs.<bloc>.multipliers.<channel>": D.bloc.properties.multipliers.additionalProperties,
    "seed": schema.properties.seed,
    "time.ticks": schema.properties.time.properties.ticks,
  };
  const table = JSON.parse(readFileSync(rest[0], "utf8"));
  const rows = Array.isArray(table) ? table : table.params || table.parameters;
  if (!Array.isArray(rows)) {
    console.error(`${rest[0]}: expected a list of parameters`);
    process.exit(1);
  }
  const close = (a, b) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  for (const row of rows) {
    const s = where[row.path];
    if (!s) {
      console.error(`${row.path}: not described by the schema`);
      failed++;
      continue;
    }
    const lo = s.exclusiveMinimum ?? s.minimum;
    const hi = s.exclusiveMaximum ?? s.maximum;
    const loOpen = s.exclusiveMinimum !== undefined;
    const hiOpen = s.exclusiveMaximum !== undefined;
    const rlo = Number(row.lo ?? row.min), rhi = Number(row.hi ?? row.max);
    const rloOpen = Boolean(row.lo_open ?? row.min_exclusive);
    const rhiOpen = Boolean(row.hi_open ?? row.max_exclusive);
    const problems = [];
    if (lo === undefined || !close(lo, rlo) || loOpen !== rloOpen)
      problems.push(`lower bound ${loOpen ? "(" : "["}${lo} in the schema, ${rloOpen ? "(" : "["}${rlo} in the table`);
    if (hi === undefined || !close(hi, rhi) || hiOpen !== rhiOpen)
      problems.push(`upper bound ${hi}${hiOpen ? ")" : "]"} in the schema, ${rhi}${rhiOpen ? ")" : "]"} in the table`);
    if (Boolean(row.integer) !== (s.type === "integer"))
      problems.push(`integer ${row.integer ? "in the table" : "in the schema"} only`);
    if (problems.length) {
      console.error(`${row.path}: ${problems.join("; ")}`);
      failed++;
    } else {
      console.log(`${row.path}: range agrees`);
    }
  }
  for (const path of Object.keys(where))
    if (!rows.some((r) => r.path === path)) {
      console.error(`${path}: in the schema's map but not in the parameter table`);
      failed++;
    }
} else {
  console.error(`unknown mode "${mode}"`);
  process.exit(2);
}
process.exit(failed ? 1 : 0);
