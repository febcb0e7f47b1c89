import type { z } from 'zod';
import { ipcCalls } from '../../../shared/ipc/contract.ts';
import type {
  IpcCalls,
  IpcChannel,
  IpcErrorCode,
  IpcResponse,
  IpcResult,
} from '../../../shared/ipc/contract.ts';

/** An expected failure a handler reports on purpose; its message reaches the renderer. */
export class IpcHandlerError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcHandlerError';
  }
}

type Handler<C extends IpcChannel, S> = (
  arg: z.output<IpcCalls[C]['request']>,
  sender: S,
) => IpcResponse<C> | Promise<IpcResponse<C>>;

/**
 * One dispatcher for both transports. `S` is what the transport knows about the caller (an
 * Electron IpcMainInvokeEvent, or the host's request context); `isTrustedSender` decides.
 */
export interface IpcRouter<S> {
  /** Registers the handler for a channel; the schema is the contract's request schema. */
  handle<C extends IpcChannel>(channel: C, schema: IpcCalls[C]['request'], fn: Handler<C, S>): void;
  /** Runs one call from untrusted input and always resolves with an IpcResult. */
  dispatch(channel: unknown, arg: unknown, sender: S): Promise<IpcResult<unknown>>;
  channels(): IpcChannel[];
}

export interface IpcRouterOptions<S> {
  isTrustedSender(sender: S): boolean;
  /** Where unexpected errors go (with stack); the caller only sees `internal`. */
  onInternalError?: (channel: string, error: unknown) => void;
}

const fail = (code: IpcErrorCode, message: string): IpcResult<never> => ({
  ok: false,
  error: { code, message },
});

function isContractChannel(channel: unknown): channel is IpcChannel {
  return typeof channel === 'string' && Object.hasOwn(ipcCalls, channel);
}

export function createIpcRouter<S>(options: IpcRouterOptions<S>): IpcRouter<S> {
  const handlers = new Map<
    IpcChannel,
    { channel: IpcChannel; schema: z.ZodType; fn: (arg: unknown, sender: S) => unknown }
  >();
  const onInternalError =
    options.onInternalError ?? ((channel, error) => console.error(`webcare: ${channel} failed:`, error));

  return {
    handle(channel, schema, fn) {
      if (!isContractChannel(channel)) throw new Error(`Not a contract channel: ${String(channel)}`);
      if (handlers.has(channel)) throw new Error(`Handler already registered: ${channel}`);
      handlers.set(channel, { channel, schema, fn: fn as (arg: unknown, sender: S) => unknown });
    },
    channels: () => [...handlers.keys()],
    async dispatch(channel, arg, sender) {
      const entry = isContractChannel(channel) ? handlers.get(channel) : undefined;
      if (!entry) return fail('unknown-channel', `Unknown channel: ${String(channel).slice(0, 100)}`);
      let trusted: boolean;
      try {
        trusted = options.isTrustedSender(sender);
      } catch {
        trusted = false;
      }
      if (!trusted) return fail('forbidden', 'Sender is not allowed to call the backend.');
      const parsed = entry.schema.safeParse(arg);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
        return fail(
          'invalid-argument',
          `Invalid argument for ${entry.channel}${where}: ${issue?.message ?? 'malformed'}`,
        );
      }
      try {
        const value = await entry.fn(parsed.data, sender);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof IpcHandlerError) return fail(error.code, error.message);
        onInternalError(entry.channel, error);
        return fail('internal', `Internal error in ${entry.channel}.`);
      }
    },
  };
}
