/** What a snapshot holds, as the restore confirmation says it ("412 conversations, …"). */
export type SnapshotSummary = {
  conversations: number;
  messages: number;
  outbox: number;
  events: number;
  drafts: number;
  templates: number;
};

/** The restore confirmation's counts from a snapshot header's per-table row counts. */
export function snapshotSummary(counts: Record<string, number>): SnapshotSummary {
  return {
    conversations: counts.conversations ?? 0,
    messages: counts.messages ?? 0,
    outbox: counts.outbox ?? 0,
    events: counts.log ?? 0,
    drafts: counts.drafts ?? 0,
    templates: counts.templates ?? 0,
  };
}
