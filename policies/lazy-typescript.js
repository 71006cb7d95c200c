"use strict";
// Preloaded by run-policy-pack (`node -r`). @pulumi/pulumi requires the TypeScript compiler when
// it loads (through its typescript-shim, for serialising closures), and @pulumi/policy loads
// @pulumi/pulumi: a policy pack never serialises a closure, yet every preview paid for parsing
// the 9 MB compiler before the pack could serve. This hands the shim an object that loads the
// real compiler on first use instead, so nothing changes for code that does use it.
const Module = require("node:module");

const load = Module._load;
const SHIM = /[\\/]@pulumi[\\/]pulumi[\\/]typescript-shim\.js$/;

Module._load = function loadTypeScriptLazily(request, parent, isMain) {
  if (parent === undefined || parent === null || !SHIM.test(parent.filename ?? "")) {
    return load.apply(this, arguments);
  }
  let compiler;
  const real = () => (compiler ??= load.call(this, request, parent, isMain));
  return new Proxy(
    {},
    {
      get: (_target, key) => real()[key],
      has: (_target, key) => key in real(),
    },
  );
};
