#!/usr/bin/env node
// RAM an import costs in the MicroPython 1.27 VM (WebAssembly port), for bench/run.sh.
//
//   node bench/vm_mem.mjs DIR MODULE [DIR MODULE ...]
//
// For each pair, in a fresh VM: copies DIR recursively into /lib (sources or .mpy files, with
// their package sub-folders), runs `import gc; gc.collect()`, then, compiled before measuring,
//     gc.collect(); gc.disable(); b = gc.mem_alloc()
//     import MODULE                       # compiles source / loads .mpy, runs the top level
//     a = gc.mem_alloc(); gc.enable()
// and then, in a second runPython call, gc.collect(); l = gc.mem_alloc(),
// and prints one JSON line per pair on stdout: {"dir":..,"module":..,"alloc":a-b,"live":l-b}.
//   alloc: every heap byte the import allocated with the GC off (garbage included: the pressure
//          an import puts on the heap; blocks freed explicitly, like the parser's, not counted)
//   live:  what is still reachable after a collection (the module's objects, and the bytecode,
//          which this VM keeps in RAM for .mpy too: it has no ROMFS to execute from)
// The program's own output is discarded; a failed import prints {"error": ...} for that pair.
// The npm package is found in $FREEZE_ORACLE_NODE (a node_modules folder), else in
// <repo>/.oracles/node/node_modules (scripts/install-oracles.sh).

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PKG = "@micropython/micropython-webassembly-pyscript";
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nodeModules = process.env.FREEZE_ORACLE_NODE
  ? path.resolve(process.env.FREEZE_ORACLE_NODE)
  : path.join(repoRoot, ".oracles", "node", "node_modules");
const entry = path.join(nodeModules, PKG, "micropython.mjs");
if (!fs.existsSync(entry)) {
  process.stderr.write(`vm_mem: MicroPython VM not found at ${entry}: run scripts/install-oracles.sh\n`);
  process.exit(2);
}
const { loadMicroPython } = await import(pathToFileURL(entry).href);

const argv = process.argv.slice(2);
if (argv.length === 0 || argv.length % 2 !== 0) {
  process.stderr.write("usage: node bench/vm_mem.mjs DIR MODULE [DIR MODULE ...]\n");
  process.exit(2);
}

for (let i = 0; i < argv.length; i += 2) {
  const [dir, module] = [argv[i], argv[i + 1]];
  let stderr = "";
  const mp = await loadMicroPython({
    heapsize: 1024 * 1024,
    linebuffer: false,
    stdout: () => {},
    stderr: (bytes) => {
      stderr += Buffer.from(bytes).toString();
    },
  });
  const mkdirs = (p) => {
    let cur = "";
    for (const part of p.split("/").filter(Boolean)) {
      cur += "/" + part;
      try {
        mp.FS.mkdir(cur);
      } catch (e) {
        // exists
      }
    }
  };
  const copy = (from, to) => {
    mkdirs(to);
    for (const ent of fs.readdirSync(from, { withFileTypes: true })) {
      const p = path.join(from, ent.name);
      if (ent.isDirectory()) copy(p, `${to}/${ent.name}`);
      else mp.FS.writeFile(`${to}/${ent.name}`, new Uint8Array(fs.readFileSync(p)));
    }
  };
  copy(dir, "/lib");
  // Separate runPython calls: this port's gc.collect() frees nothing that the current runPython
  // call allocated (its conservative scan finds it still referenced), so the set-up, the
  // measured import and the collection for `live` each run in a call of their own.
  const setup = "import gc\n_fz_b = 0\n_fz_a = 0\n_fz_l = 0\ngc.collect()\n";
  const measure = [
    "gc.collect()",
    "gc.disable()",
    "_fz_b = gc.mem_alloc()",
    `import ${module}`,
    "_fz_a = gc.mem_alloc()",
    "gc.enable()",
    "",
  ].join("\n");
  const collect = "gc.collect()\n_fz_l = gc.mem_alloc()\n";
  let result;
  try {
    mp.runPython(setup);
    mp.runPython(measure);
    mp.runPython(collect);
    const b = mp.globals.get("_fz_b");
    result = { dir, module, alloc: mp.globals.get("_fz_a") - b, live: mp.globals.get("_fz_l") - b };
  } catch (e) {
    result = { dir, module, error: String((e && e.message) || e).trim().split("\n").pop() + stderr };
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}
