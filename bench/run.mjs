// `npm run bench`: the benchmarks of BENCHMARKS.md, one after another, on the built package (run
// `npm run build` first), in about four minutes. Prints each figure, then the machine they come
// from. The fan-out benchmark (minutes of wrangler dev) runs on its own: `npm run bench:fanout`.
// Not part of the tests: timings depend on the machine and its load.
import { describeImportTime, importTime } from "./import-time.mjs";
import { describeMemory, memoryWhileListing } from "./memory.mjs";
import { describePerCall, perCallOverhead } from "./per-call.mjs";
import { describePerCallStub, perCallStub } from "./per-call-stub.mjs";
import { describeProxyOverhead, proxyOverhead } from "./proxy-overhead.mjs";
import { machine } from "./stats.mjs";
import { describeValidation, validationThroughput } from "./validation.mjs";

const started = new Date();
console.log(describePerCall(await perCallOverhead()));
console.log(describePerCallStub(await perCallStub()));
console.log(describeValidation(await validationThroughput()));
console.log(describeProxyOverhead(await proxyOverhead()));
console.log(describeImportTime(await importTime()));
console.log(describeMemory(await memoryWhileListing()));
const { cpus, cpu, memoryGiB, node } = machine();
console.log(
  `\nmachine: ${cpus} × ${cpu}, ${memoryGiB} GiB, Node ${node}; ${started.toISOString()}, ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`,
);
