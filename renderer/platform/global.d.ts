import type { WebcareApi } from '../../shared/ipc/contract.ts';

declare global {
  interface Window {
    /** Provided by the Electron preload; absent in browser mode until bridge.ts installs it. */
    webcare?: WebcareApi;
  }
}

export {};
