/* global process */
// The resolve hook behind module-trace.mjs (module hooks run on their own thread).
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context)
  process.stderr.write(`dvw-module-trace ${result.url}\n`)
  return result
}
