import type { WebcareApi } from '../../shared/ipc/contract.ts';
import type { EmailActions } from '../components/ConversationView.tsx';

/**
 * What an email's body asks of main: remote images (fetched by main, never from the local
 * network, as data: URLs), links (opened in the system browser) and attachments (fetched from the
 * mailbox when saved, offered as a download, never opened). Errors reach the body, which says so.
 */
export function createEmailActions(api: WebcareApi): EmailActions {
  return {
    async loadImages(urls) {
      const { images } = await api.invoke('email:load-images', { urls });
      return new Map(images.flatMap((i) => (i.dataUrl ? [[i.url, i.dataUrl] as const] : [])));
    },
    openLink(url) {
      void api.invoke('shell:open-external', { url }).catch(() => undefined);
    },
    async saveAttachment(message, attachment) {
      if (!message.rfcMessageId) throw new Error('no Message-ID');
      const file = await api.invoke('attachments:download', {
        accountId: message.accountId,
        rfcMessageId: message.rfcMessageId,
        partId: attachment.partId,
      });
      if (file.status === 'error') throw new Error(file.error.reason);
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}
