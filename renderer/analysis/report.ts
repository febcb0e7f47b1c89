import type { TFunction } from 'i18next';
import { reasonText } from '../../shared/analysis/reasons.ts';
import type { CrisisRow, FlagRow } from '../../shared/crisis/types.ts';
import { crisisClock } from '../../shared/crisis/types.ts';
import type { Author, Conversation, Message } from '../../shared/domain/types.ts';
import { absolute, compactNumber, type UiLanguage } from '../i18n/format.ts';

/** A chart of a printed report: an SVG document (light print theme) and its caption. */
export interface ReportFigure {
  caption: string;
  svg: string;
  /** Half-width figures print two to a row. */
  wide: boolean;
}

/** What the report dialog shows and prints. */
export interface ReportContent {
  title: string;
  markdown: string;
  filename: string;
  /** Charts printed after the text (the dashboard's report). */
  figures?: ReportFigure[];
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

/**
 * The handover for the crisis team as Markdown: who, reach, risk with reasons, exposure and the
 * key messages with times, so the team can act without opening the inbox.
 */
export function handoverMarkdown(p: {
  t: TFunction<'app'>;
  lang: UiLanguage;
  conversation: Conversation;
  author: Author | null;
  messages: Message[];
  flag: FlagRow;
  now: number;
}): string {
  const { t, lang, conversation: c, author, flag } = p;
  const name = author?.name ?? author?.handle ?? t('author.unknown');
  const lines = [
    `# ${t('handover.heading', { name, channel: t(`channels.${c.channel}`) })}`,
    '',
    `- ${t('handover.risk', { risk: flag.risk, threshold: flag.threshold })}`,
    `- ${t('handover.reach', { count: author?.followers ?? 0, formatted: compactNumber(author?.followers ?? 0, lang), verified: author?.verified ? t('handover.verified') : '' })}`,
  ];
  if (flag.exposureSince !== null)
    lines.push(`- ${t('handover.exposure', { count: Math.round((p.now - flag.exposureSince) / 60_000) })}`);
  lines.push(
    '',
    `## ${t('handover.reasons')}`,
    '',
    ...[...flag.reasons]
      .sort((a, b) => b.weight - a.weight)
      .map((r) => `- ${reasonText(r.code, r.value, lang)}`),
  );
  const key = p.messages.filter((m) => m.direction !== 'note').slice(-6);
  lines.push('', `## ${t('handover.messages')}`, '');
  for (const m of key) {
    const who = m.direction === 'incoming' ? name : t('conversation.outgoing');
    lines.push(`**${who}**, ${absolute(m.createdAt, lang)}`, '', quote(m.text), '');
  }
  lines.push(`_${t('handover.generated', { time: absolute(p.now, lang) })}_`, '');
  return lines.join('\n');
}

/** The crisis report: timeline (first mention, flag, first public response) and the conversations. */
export function crisisReportMarkdown(p: {
  t: TFunction<'app'>;
  lang: UiLanguage;
  crisis: CrisisRow;
  conversations: Conversation[];
  authors: Map<string, Author>;
  now: number;
}): string {
  const { t, lang, crisis } = p;
  const clock = crisisClock(crisis.timeline);
  const lines = [
    `# ${t('crisis.banner', { brand: crisis.brand, topic: crisis.topic })}`,
    '',
    `## ${t('crisis.timeline')}`,
    '',
  ];
  for (const e of crisis.timeline) lines.push(`- ${absolute(e.at, lang)}: ${t(`crisis.kinds.${e.kind}`)}`);
  lines.push(
    '',
    clock.responseMinutes !== null
      ? t('crisis.responseTime', { minutes: clock.responseMinutes })
      : t('crisis.noResponse'),
    '',
  );
  lines.push(`## ${t('crisis.conversations', { count: p.conversations.length })}`, '');
  for (const c of p.conversations) {
    const a = p.authors.get(c.authorId);
    lines.push(
      `- ${a?.name ?? a?.handle ?? c.authorId} (${t(`channels.${c.channel}`)}, ${compactNumber(a?.followers ?? 0, lang)}): ${c.snippet} [${t(`status.${c.status}`)}]`,
    );
  }
  lines.push('', `_${t('handover.generated', { time: absolute(p.now, lang) })}_`, '');
  return lines.join('\n');
}

/** Saves text as a file through a download link (works in Electron and browser mode alike). */
export function downloadText(filename: string, text: string, type = 'text/markdown'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
