import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_JSON_SCHEMA, SettingsSchema } from '../settings/schema.ts';
import { IpcCallError, ipcCalls, ipcEvents } from './contract.ts';

describe('IPC contract', () => {
  it('names every call and event domain:verb-noun (or domain:noun for events)', () => {
    for (const channel of Object.keys(ipcCalls)) expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    for (const event of Object.keys(ipcEvents)) expect(event).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });

  it('validates requests strictly enough to refuse renderer garbage', () => {
    expect(ipcCalls['settings:get'].request.safeParse(undefined).success).toBe(true);
    expect(ipcCalls['settings:get'].request.safeParse({}).success).toBe(false);
    expect(ipcCalls['settings:update'].request.safeParse({ theme: 'dark' }).success).toBe(true);
    expect(ipcCalls['settings:update'].request.safeParse({ schemaVersion: 1 }).success).toBe(false);
    expect(ipcCalls['settings:update'].request.safeParse({ agent: { id: '' } }).success).toBe(false);
    expect(ipcCalls['shell:open-external'].request.safeParse({ url: 'x'.repeat(10) }).success).toBe(false);
    expect(ipcEvents['app:run-command'].safeParse({ commandId: '' }).success).toBe(false);
  });

  it('keeps the JSON schema for conf/electron-store in step with the zod schema', () => {
    expect(SettingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(Object.keys(SETTINGS_JSON_SCHEMA).sort()).toEqual(Object.keys(SettingsSchema.shape).sort());
    expect(SETTINGS_JSON_SCHEMA.language.enum).toEqual(SettingsSchema.shape.language.options);
    expect(SETTINGS_JSON_SCHEMA.theme.enum).toEqual(SettingsSchema.shape.theme.options);
    expect(Object.keys(SETTINGS_JSON_SCHEMA.agent.properties).sort()).toEqual(
      Object.keys(SettingsSchema.shape.agent.shape).sort(),
    );
  });

  it('carries the error code on IpcCallError', () => {
    const error = new IpcCallError('forbidden', 'nope');
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.code, error.message]).toEqual(['IpcCallError', 'forbidden', 'nope']);
  });
});
