/**
 * Preload (`node --import ./test/support/without-esbuild.mjs …`) that makes esbuild impossible
 * to load, as if it were not installed: `import` of it (from ESM, through a resolve hook) and
 * `require` of it (from CommonJS) both throw. The built server must start and serve without it.
 */
import Module, { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === "esbuild" || specifier.startsWith("esbuild/")) throw new Error("Cannot find package 'esbuild' (hidden by without-esbuild.mjs)");
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "esbuild" || request.startsWith("esbuild/")) {
    throw Object.assign(new Error("Cannot find module 'esbuild' (hidden by without-esbuild.mjs)"), { code: "MODULE_NOT_FOUND" });
  }
  return resolveFilename.call(this, request, ...rest);
};
