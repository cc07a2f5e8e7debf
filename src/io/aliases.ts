/**
 * Actor resolution: the many spellings of one actor in a table (`Russia`, `russia `, `Russian
 * Federation`) become one actor with a stable id, and every such merge is reported so a reader
 * can check it.
 *
 * @packageDocumentation
 */
import type { ActorInput, ActorKind, Problem } from '../model/types.js';
import { parseDSV } from './dsv.js';
import type { ActorMerge } from './import-result.js';

/** What an alias maps to: a canonical name, and optionally the actor's kind. */
export interface AliasTarget {
  readonly canonical: string;
  readonly kind?: ActorKind;
}

/** Options of {@link createActorResolver}. */
export interface ActorResolverOptions {
  /**
   * Alias table: CSV text with a header `alias,canonical[,kind]`, or a record from alias to
   * canonical name (or `{ canonical, kind }`). A canonical name is implicitly its own alias.
   */
  readonly aliases?: string | Readonly<Record<string, string | AliasTarget>>;
  /** Match names without regard to case (`russia` is `Russia`). Default true. */
  readonly caseFold?: boolean;
}

/** How one appearance of an actor is resolved. */
export interface ResolveOptions {
  /** The line the name was read on, listed in the merge report. */
  readonly line?: number;
  /**
   * What identifies the actor when it is not the name (a GDELT actor code): spellings with the
   * same key are one actor; `name` is then only its label.
   */
  readonly key?: string;
  /** The kind to give the actor when the alias table does not say. */
  readonly kind?: ActorKind;
}

/** Maps names (or keys) as read to actor ids, remembering every actor and every merge. */
export interface ActorResolver {
  /** The id of the actor `name` stands for, or `undefined` for an empty name. */
  resolve(name: string, options?: ResolveOptions): string | undefined;
  /** Every actor met so far, in order of first appearance, in the library's JSON shape. */
  actors(): ActorInput[];
  /** Every actor read under a spelling other than its single canonical name. */
  merges(): ActorMerge[];
}

const VALID_KINDS: ReadonlySet<string> = new Set<ActorKind>(['person', 'organisation', 'state', 'group', 'other']);

/** Thrown by {@link createActorResolver} when the alias table cannot be read. */
export class AliasTableError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(`the alias table has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'AliasTableError';
    this.problems = problems;
  }
}

/**
 * Turns a name into an id: lower case ASCII letters and digits joined by `-`
 * (`Côte d'Ivoire` → `cote-d-ivoire`); `actor` when nothing is left.
 *
 * @example
 * ```ts
 * slugify('North Korea'); // 'north-korea'
 * ```
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'actor' : slug;
}

/**
 * Creates a resolver that maps names to actor ids. Names are matched after trimming, collapsing
 * runs of white space and (by default) folding case; an alias table maps other spellings to a
 * canonical name. Ids are slugs of the canonical name (`North Korea` → `north-korea`); when two
 * different actors have the same slug, the later one gets `-2`, `-3`… in order of appearance,
 * so the same input always gives the same ids.
 *
 * @example
 * ```ts
 * const r = createActorResolver({ aliases: { 'Russian Federation': 'Russia', DPRK: { canonical: 'North Korea', kind: 'state' } } });
 * r.resolve('Russia', { line: 2 });              // 'russia'
 * r.resolve('russian federation ', { line: 3 }); // 'russia'
 * r.resolve('DPRK', { line: 4 });                // 'north-korea'
 * r.merges(); // [{ canonical: 'Russia', actorId: 'russia', names: ['Russia', 'russian federation'], lines: [2, 3] }, …]
 * ```
 */
export function createActorResolver(options: ActorResolverOptions = {}): ActorResolver {
  const caseFold = options.caseFold ?? true;
  const normal = (name: string): string => {
    const collapsed = name.trim().replace(/\s+/g, ' ');
    return caseFold ? collapsed.toLowerCase() : collapsed;
  };
  const aliases = new Map<string, AliasTarget>();
  for (const [alias, target] of readAliases(options.aliases)) {
    const canonical = target.canonical.trim().replace(/\s+/g, ' ');
    const entry: AliasTarget = target.kind === undefined ? { canonical } : { canonical, kind: target.kind };
    aliases.set(normal(alias), entry);
    const own = normal(canonical);
    const existing = aliases.get(own);
    if (existing === undefined || (existing.kind === undefined && target.kind !== undefined)) aliases.set(own, entry);
  }

  interface Entry {
    id: string;
    name: string;
    kind: ActorKind | undefined;
    /** Identified by a key (a code) rather than by its name. */
    keyed: boolean;
    spellings: Map<string, number | undefined>;
  }
  const byKey = new Map<string, Entry>();
  const order: Entry[] = [];
  const usedIds = new Set<string>();

  // The same spelling comes back row after row: remember its entry by the text as written, so
  // it is normalised once. Keyed (code) and named lookups are kept apart.
  const seenNamed = new Map<string, Entry>();
  const seenKeyed = new Map<string, Entry>();

  const resolve = (name: string, resolveOptions: ResolveOptions = {}): string | undefined => {
    const raw = resolveOptions.key ?? name;
    const seen = resolveOptions.key === undefined ? seenNamed : seenKeyed;
    const known = seen.get(raw);
    if (known !== undefined) {
      // Its spelling is already listed; only a kind first given now is news.
      if (known.kind === undefined && resolveOptions.kind !== undefined) known.kind = resolveOptions.kind;
      return known.id;
    }
    const key0 = normal(raw);
    if (key0 === '') return undefined;
    const alias = aliases.get(key0);
    const key = alias ? normal(alias.canonical) : key0;
    let entry = byKey.get(key);
    if (entry === undefined) {
      const label = alias?.canonical ?? name.trim().replace(/\s+/g, ' ');
      const base = slugify(alias?.canonical ?? raw.trim());
      let id = base;
      for (let i = 2; usedIds.has(id); i++) id = `${base}-${i}`;
      usedIds.add(id);
      entry = { id, name: label === '' ? raw.trim() : label, kind: alias?.kind ?? resolveOptions.kind, keyed: resolveOptions.key !== undefined, spellings: new Map() };
      byKey.set(key, entry);
      order.push(entry);
    } else if (entry.kind === undefined && resolveOptions.kind !== undefined) {
      entry.kind = resolveOptions.kind;
    }
    // Spellings are listed trimmed: white space around a name is noise, not a variant worth a merge.
    const spelling = raw.trim().replace(/\s+/g, ' ');
    if (!entry.spellings.has(spelling)) entry.spellings.set(spelling, resolveOptions.line);
    seen.set(raw, entry);
    return entry.id;
  };

  return {
    resolve,
    actors: () =>
      order.map((entry) => {
        const actor: ActorInput = { id: entry.id, name: entry.name };
        if (entry.kind !== undefined) actor.kind = entry.kind;
        // Spellings that differ only in case or spacing match the name anyway; codes (keyed
        // actors) are not names, and could clash with another actor's id.
        if (!entry.keyed) {
          const seen = new Set([normal(entry.name)]);
          const other: string[] = [];
          for (const spelling of entry.spellings.keys()) {
            const key = normal(spelling);
            if (!seen.has(key)) {
              seen.add(key);
              other.push(spelling.trim().replace(/\s+/g, ' '));
            }
          }
          if (other.length > 0) actor.aliases = other;
        }
        return actor;
      }),
    merges: () => {
      const merges: ActorMerge[] = [];
      for (const entry of order) {
        const names = [...entry.spellings.keys()];
        if (names.length === 1 && (entry.keyed || names[0] === entry.name)) continue;
        const lines = [...entry.spellings.values()];
        const merge: ActorMerge = lines.every((l): l is number => l !== undefined)
          ? { canonical: entry.name, actorId: entry.id, names, lines }
          : { canonical: entry.name, actorId: entry.id, names };
        merges.push(merge);
      }
      return merges;
    },
  };
}

function readAliases(aliases: ActorResolverOptions['aliases']): [string, AliasTarget][] {
  if (aliases === undefined) return [];
  if (typeof aliases !== 'string') {
    return Object.entries(aliases).map(([alias, target]) => [alias, typeof target === 'string' ? { canonical: target } : target]);
  }
  const { header, rows, problems } = parseDSV(aliases);
  const out: [string, AliasTarget][] = [];
  const errors: Problem[] = [...problems];
  const columns = (header ?? []).map((h) => h.trim().toLowerCase());
  const aliasAt = columns.indexOf('alias');
  const canonicalAt = columns.indexOf('canonical');
  const kindAt = columns.indexOf('kind');
  if (aliasAt < 0 || canonicalAt < 0) {
    errors.push({ path: 'line 1', message: 'the alias table needs a header with the columns alias and canonical (and optionally kind)', severity: 'error' });
    throw new AliasTableError(errors);
  }
  for (const row of rows) {
    if (row.blank || row.broken) continue;
    const alias = row.fields[aliasAt]?.trim() ?? '';
    const canonical = row.fields[canonicalAt]?.trim() ?? '';
    const kind = kindAt >= 0 ? (row.fields[kindAt]?.trim().toLowerCase() ?? '') : '';
    if (alias === '' || canonical === '') {
      errors.push({ path: `line ${row.line}`, message: 'an alias row needs both an alias and a canonical name', severity: 'error' });
      continue;
    }
    if (kind !== '' && !VALID_KINDS.has(kind)) {
      errors.push({ path: `line ${row.line}, column kind`, message: `"${kind}" is not an actor kind (person, organisation, state, group or other)`, severity: 'error' });
      continue;
    }
    out.push([alias, kind === '' ? { canonical } : { canonical, kind: kind as ActorKind }]);
  }
  if (errors.length > 0) throw new AliasTableError(errors);
  return out;
}
