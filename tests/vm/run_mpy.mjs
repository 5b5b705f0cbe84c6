#!/usr/bin/env node
// Run compiled MicroPython .mpy files (or .py sources) in the real MicroPython 1.27 VM
// (WebAssembly port, npm package @micropython/micropython-webassembly-pyscript@1.27.0).
//
// Usage:
//   node tests/vm/run_mpy.mjs [options] MAIN.mpy [extra.mpy ...]
//   node tests/vm/run_mpy.mjs [options] DIR [DIR2 ...] --main pkg.mod
//   node tests/vm/run_mpy.mjs [options] DIR pkg.mod          (a non-path argument names the main module)
//   node tests/vm/run_mpy.mjs --source [options] MAIN.py [extra.py ...]
//
// Every file argument is written into the VM's file system as /lib/<basename>; every directory
// argument is copied recursively into /lib, keeping its package sub-directories (DIR/pkg/mod.mpy
// becomes /lib/pkg/mod.mpy). /lib is on MicroPython's sys.path. Then the main module is imported
// with `import <main>`; it runs with __name__ == "<main>" (not "__main__"). A module named like
// one of the VM's built-in modules (sys, math, struct, json, ...) would import the built-in instead.
// The main module is --main NAME, else a positional argument that is not an existing path, else the
// stem of the first file argument.
//
// Output: the program's stdout goes byte-exact to our stdout (unbuffered byte callback, no line
// buffering, no added or removed newline). MicroPython's own stderr goes to our stderr.
// An exception escaping the import: its MicroPython traceback is printed on stderr and the exit
// status is 1. SystemExit(n) exits with status n (like CPython: None/empty -> 0, an int -> that
// int, anything else -> printed on stderr, status 1). Usage/setup errors exit with status 2.
//
// Options:
//   --main NAME      module to import (dotted names allowed: `import pkg.mod`)
//   --source         the inputs are .py sources: MicroPython compiles them itself at import time
//                    (for comparing RAM use of source vs. bytecode). Without --source, .py file
//                    arguments are refused, so a test never silently runs source by mistake.
//   --mem            measure RAM: run, as one snippet compiled before measuring,
//                      gc.collect(); gc.disable(); before = gc.mem_alloc(); import <main>;
//                      after = gc.mem_alloc()
//                    so `delta` is every heap byte the import allocated (loading/compiling the
//                    module, running its top level, garbage included; the GC never runs).
//                    Note: blocks the VM frees explicitly (m_del, e.g. the parser's chunks after
//                    compiling source) are not counted, so this is net allocation, not a peak.
//                    Result: ONE JSON line on stderr, printed last, e.g.
//                      {"freeze_mem":{"module":"m","before":1234,"after":5678,"delta":4444}}
//                    (stdout stays exactly the program's output). If the import raises, the
//                    traceback is printed, no JSON line is written and the status is 1.
//   --heapsize N     initial MicroPython heap in bytes (suffix k/m allowed; default 1m; the heap
//                    of this port grows on demand)
//   --pystack N      Python stack size in words (default 2048, the package default)
//
// The npm package is looked up in $FREEZE_ORACLE_NODE (a node_modules directory) if set, else in
// <repo>/.oracles/node/node_modules; install it with scripts/install-oracles.sh.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PKG = "@micropython/micropython-webassembly-pyscript";
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");

function die(msg, code = 2) {
  process.stderr.write(`run_mpy: ${msg}\n`);
  process.exit(code);
}

function parseSize(s) {
  const m = /^(\d+)([kKmM]?)$/.exec(s);
  if (!m) die(`bad size: ${s}`);
  let n = parseInt(m[1], 10);
  if (m[2].toLowerCase() === "k") n *= 1024;
  if (m[2].toLowerCase() === "m") n *= 1024 * 1024;
  return n;
}

// ---- arguments ---------------------------------------------------------------------------------
let mainName = null;
let source = false;
let mem = false;
let heapsize = 1024 * 1024;
let pystack = 2048;
const inputs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const next = () => {
    if (i + 1 >= argv.length) die(`${a} needs a value`);
    return argv[++i];
  };
  if (a === "--main") mainName = next();
  else if (a === "--source") source = true;
  else if (a === "--mem") mem = true;
  else if (a === "--heapsize") heapsize = parseSize(next());
  else if (a === "--pystack") pystack = parseSize(next());
  else if (a === "-h" || a === "--help") {
    process.stdout.write(
      "usage: node tests/vm/run_mpy.mjs [--source] [--mem] [--main NAME] [--heapsize N] [--pystack N] FILE.mpy|DIR ... [MODULE]\n",
    );
    process.exit(0);
  } else if (a.startsWith("--")) die(`unknown option ${a}`);
  else if (fs.existsSync(a)) inputs.push(a);
  else if (/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(a) && !/\.(mpy|py)$/.test(a)) {
    if (mainName !== null) die(`two main modules given: ${mainName} and ${a}`);
    mainName = a;
  } else die(`no such file or directory: ${a}`);
}
if (inputs.length === 0) die("no input files (usage: node tests/vm/run_mpy.mjs MAIN.mpy [extra.mpy ...])");

// ---- collect files: [vmPath, bytes] ------------------------------------------------------------
const files = [];
function checkExt(p) {
  if (p.endsWith(".py") && !source) die(`${p} is Python source: pass --source to run sources`);
}
function addDir(dir, vmDir) {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) addDir(p, `${vmDir}/${ent.name}`);
    else if (ent.isFile()) {
      if (ent.name.endsWith(".py") && !source) continue; // sources beside bytecode: skip
      files.push([`${vmDir}/${ent.name}`, fs.readFileSync(p)]);
    }
  }
}
for (const inp of inputs) {
  const st = fs.statSync(inp);
  if (st.isDirectory()) addDir(inp, "/lib");
  else {
    checkExt(inp);
    files.push([`/lib/${path.basename(inp)}`, fs.readFileSync(inp)]);
    if (mainName === null) mainName = path.basename(inp).replace(/\.(mpy|py)$/, "");
  }
}
if (mainName === null) die("no main module: pass --main NAME (needed when only directories are given)");
if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(mainName)) die(`bad module name: ${mainName}`);

// ---- load the VM -------------------------------------------------------------------------------
const nodeModules = process.env.FREEZE_ORACLE_NODE
  ? path.resolve(process.env.FREEZE_ORACLE_NODE)
  : path.join(repoRoot, ".oracles", "node", "node_modules");
const entry = path.join(nodeModules, PKG, "micropython.mjs");
if (!fs.existsSync(entry)) {
  die(`MicroPython VM not found at ${entry}\nrun scripts/install-oracles.sh (or set FREEZE_ORACLE_NODE to a node_modules dir holding ${PKG}@1.27.0)`);
}
const { loadMicroPython } = await import(pathToFileURL(entry).href);

// Byte-exact output: linebuffer:false hands us every byte as a 1-byte Uint8Array.
// Collect into chunks and write with writeSync so nothing is lost at process.exit().
const OUT_CHUNK = 1 << 16;
function makeSink(fd) {
  let buf = Buffer.alloc(OUT_CHUNK);
  let n = 0;
  return {
    put(bytes) {
      for (const b of bytes) {
        if (n === buf.length) this.flush();
        buf[n++] = b;
      }
    },
    flush() {
      let off = 0;
      while (off < n) off += fs.writeSync(fd, buf, off, n - off);
      n = 0;
    },
  };
}
const out = makeSink(1);
const err = makeSink(2);
function finish(code) {
  out.flush();
  err.flush();
  process.exit(code);
}

const mp = await loadMicroPython({
  heapsize,
  pystack,
  linebuffer: false,
  stdout: (bytes) => out.put(bytes),
  stderr: (bytes) => err.put(bytes),
});

function mkdirs(p) {
  let cur = "";
  for (const part of p.split("/").filter(Boolean)) {
    cur += "/" + part;
    try {
      mp.FS.mkdir(cur);
    } catch (e) {
      // already exists
    }
  }
}
mkdirs("/lib");
for (const [vmPath, bytes] of files) {
  mkdirs(path.posix.dirname(vmPath));
  mp.FS.writeFile(vmPath, new Uint8Array(bytes));
}

// ---- run ---------------------------------------------------------------------------------------
const code = mem
  ? [
      "_freeze_b = 0",
      "_freeze_a = 0",
      "import gc",
      "gc.collect()",
      "gc.disable()",
      "_freeze_b = gc.mem_alloc()",
      `import ${mainName}`,
      "_freeze_a = gc.mem_alloc()",
      "gc.enable()",
      "",
    ].join("\n")
  : `import ${mainName}\n`;

try {
  mp.runPython(code);
} catch (e) {
  if (e && e.name === "PythonError") {
    out.flush();
    const msg = String(e.message);
    if (e.type === "SystemExit") {
      const lines = msg.trimEnd().split("\n");
      const last = lines[lines.length - 1] || "";
      const arg = last.startsWith("SystemExit:") ? last.slice("SystemExit:".length).trim() : "";
      if (arg === "" || arg === "None") finish(0);
      if (/^-?\d+$/.test(arg)) finish(parseInt(arg, 10) & 0xff);
      err.put(Buffer.from(arg + "\n"));
      finish(1);
    }
    err.put(Buffer.from(msg.endsWith("\n") ? msg : msg + "\n"));
    finish(1);
  }
  out.flush();
  err.flush();
  throw e;
}

if (mem) {
  const before = mp.globals.get("_freeze_b");
  const after = mp.globals.get("_freeze_a");
  const line = JSON.stringify({ freeze_mem: { module: mainName, before, after, delta: after - before } });
  err.put(Buffer.from(line + "\n"));
}
finish(0);
