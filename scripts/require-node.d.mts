/** Whether a Node version (`20.20.2`, `v22.12.0`) is at least `minimum` (`22.12`, `22.12.0`). */
export function meetsMinimum(version: string, minimum: string): boolean;
