// The TypeScript program the scripts that read the code with the compiler API share (the API
// report, the index of client methods): strict, ES2022 modules resolved as a bundler does, no
// ambient types, nothing emitted.
import ts from "typescript";

/** A program of `rootNames` and what they import, to read with its type checker. */
export function readingProgram(rootNames: readonly string[]): ts.Program {
  return ts.createProgram(rootNames, {
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
}
