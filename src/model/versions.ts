/**
 * Version vectors: per fragment, how many changes each coder made (Parker et al. 1983,
 * "Detection of mutual inconsistency in distributed systems"). Two copies of a fragment in
 * two projects are compared by their vectors: when one vector is covered by the other, that
 * copy is older and the other one replaces it; when neither covers the other, both sides
 * changed the fragment since they last had the same version, and a merge keeps both as a
 * conflict. An absent entry counts as 0, so fragments made before vectors existed ({})
 * come before every later change.
 *
 * The keys are the coder ids under which the changes were made, and stay so when a merge learns
 * that two ids are one person ("this is me"): the two browsers counted independently, and
 * adding their counts up would hide changes made on both at once.
 */

/** Changes per coder id. */
export type VersionVector = Readonly<Record<string, number>>;

/** How vector `a` relates to vector `b`. */
export type VersionOrder = 'equal' | 'before' | 'after' | 'concurrent';

/** The vector after one more change by `coderId`. */
export function bumpVersion(v: VersionVector | undefined, coderId: string): VersionVector {
  return { ...(v ?? {}), [coderId]: (v?.[coderId] ?? 0) + 1 };
}

/** Compares two vectors: 'before' when every count of `a` is ≤ that of `b` and one is smaller. */
export function compareVersions(a: VersionVector | undefined, b: VersionVector | undefined): VersionOrder {
  let less = false;
  let more = false;
  for (const key of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
    const x = a?.[key] ?? 0;
    const y = b?.[key] ?? 0;
    if (x < y) less = true;
    else if (x > y) more = true;
  }
  return less && more ? 'concurrent' : less ? 'before' : more ? 'after' : 'equal';
}

/** The smallest vector that covers both (each coder's larger count). */
export function joinVersions(a: VersionVector | undefined, b: VersionVector | undefined): VersionVector {
  const out: Record<string, number> = { ...(a ?? {}) };
  for (const [key, n] of Object.entries(b ?? {})) out[key] = Math.max(out[key] ?? 0, n);
  return out;
}
