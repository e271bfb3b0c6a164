#!/usr/bin/env node
// Collects the JSONata expressions of sfn's shared data and evaluates them with the reference
// implementation (the `jsonata` npm package, which run.sh pins at 2.0.6, the version AWS Step
// Functions runs). Writes one JSON file of cases with the reference outcome of each; the Rust side
// (src/main.rs) evaluates the same cases with each candidate crate and compares.
//
//   node reference.cjs SHARED FEATURES_JSON OUT_JSON [SUITE_DIR]
//
// Needs `jsonata` and `json5` resolvable (run.sh installs both into a temporary folder and sets
// NODE_PATH). Reads, never writes, SHARED (the shared data folder: corpus/ and sim-cases/).
//
// Three sets of cases:
//   corpus   every `{% … %}` string in SHARED/corpus/** (JSON and JSON5): parse only, since
//            no input is known.
//   sim      every `{% … %}` string of a JSONata-mode state in SHARED/sim-cases/executions, once
//            per time AWS entered that state: `$states.input` is the input AWS recorded for it,
//            `$states.context` a fixed plausible context object, and the variables are those the
//            trace's earlier states assigned (`assigned`).
//   corpus-eval  each distinct corpus expression, evaluated on an empty state input.
//   features the language feature set of features.json (written for this comparison).
//   suite    (with SUITE_DIR) the JSONata project's own test suite, in the language-neutral form
//            that the jsonata-rs crate ships (tests/testsuite: groups/ and skip/, 1,602 cases):
//            each expression on its data set, evaluated by the reference here (the suite's own
//            expected results are not used). Cases with a time or depth limit, and those using
//            $eval (which AWS does not offer), are left out.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const jsonata = require('jsonata');
const JSON5 = require('json5');

const [SHARED, FEATURES, OUT, SUITE] = process.argv.slice(2);
if (!OUT) {
  console.error('usage: node reference.cjs SHARED FEATURES_JSON OUT_JSON');
  process.exit(2);
}
const version = require('jsonata/package.json').version;
if (version !== '2.0.6') {
  console.error(`error: jsonata ${version} is installed; AWS runs 2.0.6`);
  process.exit(2);
}

// ---- AWS Step Functions' own functions ---------------------------------------------------------
// Registered the same way in every implementation (see src/aws.rs for the Rust side), so an
// expression that uses them measures the evaluator, not a missing function.
const aws = {
  partition: [(array, size) => {
    if (!Array.isArray(array)) array = array === undefined ? [] : [array];
    if (!Number.isInteger(size) || size < 1) throw { code: 'D3001', message: '$partition: size must be a positive integer' };
    const out = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  }, '<an:a>'],
  range: [(start, end, step) => {
    if (step === undefined) step = 1;
    if (![start, end, step].every(Number.isInteger) || step === 0) throw { code: 'D3001', message: '$range: integer arguments and a non-zero step expected' };
    const out = [];
    for (let i = start; step > 0 ? i <= end : i >= end; i += step) out.push(i);
    return out;
  }, '<nnn?:a>'],
  hash: [(value, algorithm) => {
    if (value === undefined) return undefined;
    const alg = { 'MD5': 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' }[algorithm === undefined ? 'SHA-256' : algorithm];
    if (!alg) throw { code: 'D3001', message: `$hash: unsupported algorithm ${algorithm}` };
    return crypto.createHash(alg).update(String(value), 'utf8').digest('hex');
  }, '<ss?:s>'],
  // AWS's $random takes an optional seed; the value cannot match across implementations, so the
  // comparison only checks that a number in [0, 1) comes back (cases using it are "nondeterministic").
  random: [(_seed) => Math.random(), '<n?:n>'],
  uuid: [() => crypto.randomUUID(), '<:s>'],
  parse: [(text) => {
    if (text === undefined) return undefined;
    try { return JSON.parse(text); } catch (e) { throw { code: 'D3001', message: `$parse: ${e.message}` }; }
  }, '<s:x>'],
};

function compile(expr) {
  const e = jsonata(expr);
  for (const [name, [fn, sig]] of Object.entries(aws)) e.registerFunction(name, fn, sig);
  // AWS offers every 2.0.6 built-in but $eval: calling it fails (here T1006, not a function).
  e.assign('eval', undefined);
  return e;
}

// A JSON value as the comparison sees it: undefined is {"$undefined": true}, a function
// {"$function": true}; the JSON text round trip drops undefined array members and object fields
// (as AWS's serialization of a result does) and the `sequence` flags of JSONata's arrays.
function outcome(value) {
  if (value === undefined) return { ok: { $undefined: true } };
  // A non-finite number (1/0) has no JSON form: compared as this marker.
  if (typeof value === 'number' && !Number.isFinite(value)) return { ok: { $nonfinite: String(value) } };
  if (typeof value === 'function' || (value && typeof value === 'object' && (value._jsonata_lambda || value._jsonata_function))) return { ok: { $function: true } };
  const text = JSON.stringify(value, (k, v) => (typeof v === 'function' || (v && (v._jsonata_lambda || v._jsonata_function)) ? undefined : v));
  return { ok: text === undefined ? { $undefined: true } : JSON.parse(text) };
}

async function reference(c) {
  let e;
  try {
    e = compile(c.expr);
  } catch (err) {
    return { error: err.code || 'UNKNOWN', message: String(err.message), phase: 'parse' };
  }
  if (c.mode === 'parse') return { ok: { $parsed: true } };
  try {
    return outcome(await e.evaluate(c.input, c.bindings || {}));
  } catch (err) {
    return { error: err.code || 'UNKNOWN', message: String(err.message), phase: 'evaluate' };
  }
}

// ---- timing: node reference.cjs --bench CASES_JSON IDS_JSON ROUNDS ----------------------------------
// The same work as `jsonata-compare bench` (src/main.rs): parse + evaluate each case ROUNDS times,
// then evaluate each parsed expression ROUNDS times. Prints "PARSE_EVAL_MS | EVAL_MS".
if (process.argv[2] === '--bench') {
  const [, , , casesPath, idsPath, roundsText] = process.argv;
  const all = JSON.parse(fs.readFileSync(casesPath, 'utf8')).cases;
  const work = JSON.parse(fs.readFileSync(idsPath, 'utf8')).map((i) => all[i]);
  const rounds = Number(roundsText);
  (async () => {
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (const c of work) await compile(c.expr).evaluate(c.input, c.bindings);
    const parseEval = Number(process.hrtime.bigint() - t0) / 1e6;
    const parsed = work.map((c) => compile(c.expr));
    const t1 = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (let i = 0; i < work.length; i++) await parsed[i].evaluate(work[i].input, work[i].bindings);
    const evalOnly = Number(process.hrtime.bigint() - t1) / 1e6;
    console.log(`${parseEval.toFixed(0)} | ${evalOnly.toFixed(0)}`);
  })();
  return;
}

function findState(machine, name) {
  for (const [n, st] of Object.entries(machine.States || {})) {
    if (n === name) return st;
    for (const sub of [st.ItemProcessor, st.Iterator, ...(st.Branches || [])]) {
      const found = sub && findState(sub, name);
      if (found) return found;
    }
  }
  return undefined;
}

// ---- collecting ---------------------------------------------------------------------------------
const EXPR = /^\{%([\s\S]*)%\}$/;

function files(dir) {
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...files(p));
    else if (/\.json5?$/.test(ent.name)) out.push(p);
  }
  return out.sort();
}

function* strings(value, pointer) {
  if (typeof value === 'string') yield [pointer, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], `${pointer}/${i}`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

// The states of a definition, nested ones included, each with its effective query language and
// its own fields (without the nested state machines of Map and Parallel).
function* allStates(machine, inherited, pointer) {
  const ql = machine.QueryLanguage || inherited || 'JSONPath';
  for (const [name, state] of Object.entries(machine.States || {})) {
    const p = `${pointer}/States/${name}`;
    const own = { ...state };
    delete own.ItemProcessor; delete own.Iterator; delete own.Branches;
    yield { name, ql: state.QueryLanguage || ql, fields: own, pointer: p };
    for (const key of ['ItemProcessor', 'Iterator']) if (state[key]) {
      const { States, StartAt, ...rest } = state[key];
      yield { name, ql: state.QueryLanguage || ql, fields: { [key]: rest }, pointer: p };
      yield* allStates(state[key], state.QueryLanguage || ql, `${p}/${key}`);
    }
    for (let i = 0; i < (state.Branches || []).length; i++) yield* allStates(state.Branches[i], state.QueryLanguage || ql, `${p}/Branches/${i}`);
  }
}

const cases = [];
const rel = (p) => path.relative(SHARED, p);

// corpus: parse only
for (const file of files(path.join(SHARED, 'corpus'))) {
  let doc;
  try {
    const text = fs.readFileSync(file, 'utf8');
    doc = file.endsWith('.json5') ? JSON5.parse(text) : JSON.parse(text);
  } catch { continue; }
  for (const [pointer, s] of strings(doc, '')) {
    const m = EXPR.exec(s);
    if (m) cases.push({ set: 'corpus', source: `${rel(file)}#${pointer}`, expr: m[1], mode: 'parse' });
  }
}

// sim-cases: evaluate with the recorded inputs
function context(kase, stateName) {
  return {
    Execution: {
      Id: 'arn:aws:states:us-east-1:111122223333:execution:sm:exec-1',
      Input: kase.input,
      Name: 'exec-1',
      RoleArn: 'arn:aws:iam::111122223333:role/sfn-role',
      StartTime: '2026-01-01T00:00:00.000Z',
      RedriveCount: 0,
    },
    State: { EnteredTime: '2026-01-01T00:00:00.100Z', Name: stateName, RetryCount: 0 },
    StateMachine: { Id: 'arn:aws:states:us-east-1:111122223333:stateMachine:sm', Name: 'sm' },
  };
}
const simDir = path.join(SHARED, 'sim-cases', 'executions');
for (const file of files(simDir)) {
  const kase = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byState = new Map();
  for (const st of allStates(kase.definition, null, '/definition')) {
    if (st.ql !== 'JSONata') continue;
    for (const [pointer, s] of strings(st.fields, st.pointer)) {
      const m = EXPR.exec(s);
      if (!m) continue;
      if (!byState.has(st.name)) byState.set(st.name, []);
      byState.get(st.name).push({ pointer, expr: m[1] });
    }
  }
  if (byState.size === 0) continue;
  const pointers = new Map([...allStates(kase.definition, null, '/definition')].map((st) => [st.name, st.pointer]));
  const st_pointer = (_kase, name) => pointers.get(name);
  let vars = {};
  const seen = new Set();
  for (const entry of kase.states) {
    const exprs = byState.get(entry.name) || [];
    for (const { pointer, expr } of exprs) {
      const bindings = { ...vars, states: { input: entry.input, context: context(kase, entry.name) } };
      const key = expr + '\u0000' + JSON.stringify(bindings);
      if (seen.has(key)) continue;
      seen.add(key);
      // What AWS recorded for this expression, where the trace shows it: a whole `Output`, an
      // `Assign`ed variable, a Fail state's `Cause`. Checked against the reference below.
      let aws;
      const field = pointer.slice(st_pointer(kase, entry.name).length);
      if (field === '/Output' && 'output' in entry) aws = { value: entry.output };
      else if (/^\/Assign\/[^/]+$/.test(field) && entry.assigned) aws = { value: entry.assigned[field.slice(8)] };
      else if (field === '/Cause' && kase.expected.cause !== undefined) aws = { value: kase.expected.cause };
      else if (/^\/Choices\/0\/Condition$/.test(field)) {
        // A Choice state with one rule: the branch AWS took tells the condition's value.
        const state = findState(kase.definition, entry.name);
        const next = kase.states[kase.states.indexOf(entry) + 1];
        if (state && state.Choices.length === 1 && next) aws = { value: next.name === state.Choices[0].Next };
      }
      cases.push({ set: 'sim', source: `${rel(file)}#${pointer}`, expr, mode: 'eval', input: entry.input, bindings, aws });
    }
    if (entry.assigned) vars = { ...vars, ...entry.assigned };
  }
}

// corpus-eval: each distinct corpus expression evaluated once on an empty state input (`{}`), the
// fixed context and no variables. No AWS recording backs these; they show whether a crate does
// what the reference does on the same (mostly undefined) data: missing functions, errors.
const distinct = new Set();
for (const c of cases.filter((c) => c.set === 'corpus')) {
  if (distinct.has(c.expr)) continue;
  distinct.add(c.expr);
  cases.push({ set: 'corpus-eval', source: c.source, expr: c.expr, mode: 'eval', input: {},
    bindings: { states: { input: {}, context: context({ input: {} }, 'State') } } });
}

// the language feature set
const features = JSON.parse(fs.readFileSync(FEATURES, 'utf8'));
for (const [i, f] of features.cases.entries()) {
  const input = f.input === undefined ? features.inputs.default : (typeof f.input === 'string' ? features.inputs[f.input] : f.input.value);
  cases.push({ set: 'features', source: `features.json#${i}${f.area ? ' ' + f.area : ''}`, expr: f.expr, mode: 'eval', input, bindings: f.bindings || {} });
}

// the JSONata test suite
if (SUITE) {
  const datasets = {};
  const dataset = (name) => (datasets[name] ??= JSON.parse(fs.readFileSync(path.join(SUITE, 'datasets', `${name}.json`), 'utf8')));
  for (const top of ['groups', 'skip']) {
    const dir = path.join(SUITE, top);
    for (const group of fs.readdirSync(dir).sort()) {
      for (const file of fs.readdirSync(path.join(dir, group)).filter((f) => f.endsWith('.json')).sort()) {
        let tests = JSON.parse(fs.readFileSync(path.join(dir, group, file), 'utf8'));
        if (!Array.isArray(tests)) tests = [tests];
        tests.forEach((t, i) => {
          const expr = t.expr !== undefined ? t.expr : fs.readFileSync(path.join(dir, group, t['expr-file']), 'utf8');
          if (t.timelimit !== undefined || t.depth !== undefined || /\$eval\b/.test(expr)) return;
          const input = t.data !== undefined ? t.data : (t.dataset ? dataset(t.dataset) : undefined);
          const c = { set: 'suite', source: `${group}/${file}${tests.length > 1 ? '#' + i : ''}`, expr, mode: 'eval', bindings: t.bindings || {} };
          if (input !== undefined) c.input = input;
          cases.push(c);
        });
      }
    }
  }
}

(async () => {
  for (const [i, c] of cases.entries()) {
    c.id = i;
    c.nondeterministic = /\$(random|uuid|now|millis)\b/.test(c.expr);
    c.expected = await reference(c);
  }
  // The reference against AWS's own recording, where there is one.
  const checked = cases.filter((c) => c.aws);
  const agree = checked.filter((c) => c.expected.ok !== undefined && JSON.stringify(c.expected.ok) === JSON.stringify(c.aws.value));
  for (const c of checked) if (!agree.includes(c)) console.error(`reference differs from AWS: ${c.source}: ${JSON.stringify(c.expected)} vs ${JSON.stringify(c.aws.value)}`);
  console.error(`reference = AWS's recording on ${agree.length} of the ${checked.length} sim evaluations whose result the trace shows (Output, Assign, Cause, a one-rule Choice's branch)`);
  for (const c of cases) delete c.aws;
  // A case whose text holds a lone UTF-16 surrogate (a few suite cases test them) cannot reach a
  // Rust crate: a Rust string cannot hold one. Left out, and counted.
  const loneSurrogate = /(^|[^\\])(\\\\)*\\ud[89a-f][0-9a-f]{2}/i;
  const kept = cases.filter((c) => !loneSurrogate.test(JSON.stringify(c)));
  const dropped = cases.length - kept.length;
  kept.forEach((c, i) => { c.id = i; });
  fs.writeFileSync(OUT, JSON.stringify({ reference: `jsonata@${version}`, dropped_lone_surrogates: dropped, cases: kept }));
  if (dropped) console.error(`left out ${dropped} case(s) with lone surrogates`);
  const count = (s) => cases.filter((c) => c.set === s).length;
  console.error(`reference jsonata@${version}: ${count('corpus')} corpus (${count('corpus-eval')} distinct), ${count('sim')} sim, ${count('features')} feature, ${count('suite')} suite cases`);
})();
