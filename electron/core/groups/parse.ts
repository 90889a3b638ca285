/**
 * Builds a GroupsSnapshot from raw XINFO replies. Pure, so it is tested against replies recorded
 * from every server version (5.0 … 8.x) as well as against a live server.
 */
import type { ConsumerInfo, GroupInfo, GroupsSnapshot } from '../../../shared/contract/models';
import { compareIds, optionalNumber, pairsToRecord, requiredNumber } from '../redis/replies';

export interface RawGroupReplies {
  key: string;
  at: number;
  /** XINFO STREAM key */
  stream: unknown;
  /** XINFO GROUPS key */
  groups: unknown;
  /** XINFO CONSUMERS key group, by group name */
  consumers: Map<string, unknown>;
}

export function parseConsumers(reply: unknown): ConsumerInfo[] {
  if (!Array.isArray(reply)) return [];
  return reply.map((item) => {
    const consumer = pairsToRecord(item);
    const inactive = optionalNumber(consumer.inactive);
    return {
      name: String(consumer.name),
      pending: requiredNumber(consumer.pending),
      idleMs: requiredNumber(consumer.idle),
      // -1 means "never read an entry" (Redis 7.2+); absent before 7.2.
      inactiveMs: inactive === null || inactive < 0 ? null : inactive,
    };
  });
}

export function groupNames(groupsReply: unknown): string[] {
  return Array.isArray(groupsReply) ? groupsReply.map((item) => String(pairsToRecord(item).name)) : [];
}

export function buildSnapshot({ key, at, stream, groups, consumers }: RawGroupReplies): GroupsSnapshot {
  const info = pairsToRecord(stream);
  const lastGeneratedId = String(info['last-generated-id'] ?? '0-0');
  const lastEntry = info['last-entry'];
  const lastEntryId = Array.isArray(lastEntry) && lastEntry.length ? String(lastEntry[0]) : null;
  const length = requiredNumber(info.length);
  const parsed: GroupInfo[] = (Array.isArray(groups) ? groups : []).map((item) => {
    const group = pairsToRecord(item);
    const name = String(group.name);
    const lastDeliveredId = String(group['last-delivered-id'] ?? '0-0');
    let lag = optionalNumber(group.lag);
    // Servers before 7.0 report no lag; a group that has read past the newest entry has none anyway.
    if (lag === null && !('lag' in group) && (length === 0 || (lastEntryId !== null && compareIds(lastDeliveredId, lastEntryId) >= 0))) lag = 0;
    return {
      name,
      consumers: parseConsumers(consumers.get(name)),
      pending: requiredNumber(group.pending),
      lastDeliveredId,
      entriesRead: optionalNumber(group['entries-read']),
      lag,
    };
  });
  return { key, at, length, lastGeneratedId, lastEntryId, groups: parsed };
}
