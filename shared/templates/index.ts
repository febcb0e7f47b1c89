/**
 * Reply templates: model, variables, the one render function, import/export, search and
 * suggestions, and the starter library. Pure TypeScript (see shared/README.md).
 */
export * from './model.ts';
export * from './variables.ts';
export * from './render.ts';
export * from './values.ts';
export * from './io.ts';
export * from './search.ts';
export * from './suggest.ts';
export { starterTemplates } from './starter.ts';
export * from './draft.ts';
