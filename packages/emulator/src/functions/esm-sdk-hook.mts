// An ES module resolution hook, registered in each function's worker thread: an `import` of
// `@aws-sdk/*` that the code's own folders cannot resolve is resolved from the project's folders,
// as Lambda's Node.js runtimes provide the AWS SDK for JavaScript v3.
let parents: string[] = [];

export async function initialize(data: { parents: string[] }): Promise<void> {
  parents = data.parents;
}

export async function resolve(
  specifier: string,
  context: { parentURL?: string },
  nextResolve: (specifier: string, context: { parentURL?: string }) => Promise<unknown>,
): Promise<unknown> {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' || !specifier.startsWith('@aws-sdk/')) throw error;
    for (const parentURL of parents) {
      try {
        return await nextResolve(specifier, { ...context, parentURL });
      } catch {
        // try the next folder
      }
    }
    throw error;
  }
}
