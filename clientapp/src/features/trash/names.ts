/** "Alice", "Alice and Bob", "Alice, Bob and Carol". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** How long a deleted sample or subject stays restorable by default (the server's Trash:RetentionDays). */
export const TRASH_RETENTION_DAYS = 30;
