import { ipcCalls } from '../../../shared/ipc/contract.ts';
import { BackupError, type BackupService } from '../services/backups.ts';
import { IpcHandlerError, type IpcRouter } from './handle.ts';

/** Expected snapshot failures reach the renderer with their reason; file system paths stay out of other errors. */
function backupCall<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof BackupError)
      throw new IpcHandlerError(
        error.code === 'unknown-upload' ? 'not-found' : 'invalid-argument',
        error.message,
      );
    throw error;
  }
}

/** The snapshot calls, registered by both transports (Electron and the browser-mode host). */
export function registerBackupHandlers<S>(router: IpcRouter<S>, backups: BackupService): void {
  router.handle('backup:begin', ipcCalls['backup:begin'].request, ({ reason }) =>
    backupCall(() => backups.begin(reason)),
  );
  router.handle('backup:append', ipcCalls['backup:append'].request, ({ uploadId, seq, text }) =>
    backupCall(() => backups.append(uploadId, seq, text)),
  );
  router.handle('backup:finish', ipcCalls['backup:finish'].request, ({ uploadId, ...manifest }) =>
    backupCall(() => backups.finish(uploadId, manifest)),
  );
  router.handle('backup:abort', ipcCalls['backup:abort'].request, ({ uploadId }) => {
    backups.abort(uploadId);
    return {};
  });
  router.handle('backup:list', ipcCalls['backup:list'].request, () => backups.list());
  router.handle('backup:open', ipcCalls['backup:open'].request, ({ name }) => backups.open(name));
  router.handle('backup:read', ipcCalls['backup:read'].request, ({ name, offset }) =>
    backupCall(() => {
      try {
        return backups.read(name, offset);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT')
          throw new IpcHandlerError('not-found', `${name} is no longer in the backups folder`);
        throw e;
      }
    }),
  );
}
