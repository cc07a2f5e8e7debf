/**
 * The CAMEO event and actor codes GDELT uses (Conflict and Mediation Event Observations,
 * codebook version 1.1b3): the 20 root event names, the four quad classes and how actor codes
 * are read into actor kinds.
 *
 * @packageDocumentation
 */
import type { ActorKind } from '../model/types.js';

/** The 20 CAMEO root event codes (`01`–`20`) and their codebook names. */
export const CAMEO_ROOT_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '01': 'MAKE PUBLIC STATEMENT',
  '02': 'APPEAL',
  '03': 'EXPRESS INTENT TO COOPERATE',
  '04': 'CONSULT',
  '05': 'ENGAGE IN DIPLOMATIC COOPERATION',
  '06': 'ENGAGE IN MATERIAL COOPERATION',
  '07': 'PROVIDE AID',
  '08': 'YIELD',
  '09': 'INVESTIGATE',
  '10': 'DEMAND',
  '11': 'DISAPPROVE',
  '12': 'REJECT',
  '13': 'THREATEN',
  '14': 'PROTEST',
  '15': 'EXHIBIT FORCE POSTURE',
  '16': 'REDUCE RELATIONS',
  '17': 'COERCE',
  '18': 'ASSAULT',
  '19': 'FIGHT',
  '20': 'USE UNCONVENTIONAL MASS VIOLENCE',
});

/** GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export const QUAD_CLASS_NAMES: Readonly<Record<number, string>> = Object.freeze({
  1: 'Verbal Cooperation',
  2: 'Material Cooperation',
  3: 'Verbal Conflict',
  4: 'Material Conflict',
});

/**
 * The codebook name of an event code's root (`0231` → `APPEAL`), or `undefined` for a code
 * whose first two digits are not a root code.
 *
 * @example
 * ```ts
 * cameoRootName('190'); // 'FIGHT'
 * cameoRootName('042'); // 'CONSULT'
 * ```
 */
export function cameoRootName(code: string): string | undefined {
  const root = code.trim().slice(0, 2);
  return Object.prototype.hasOwnProperty.call(CAMEO_ROOT_NAMES, root) ? CAMEO_ROOT_NAMES[root] : undefined;
}

// Actor type codes (the three-letter role codes after the country code).
const ORGANISATION_TYPES = new Set(['GOV', 'MIL', 'COP', 'JUD', 'LEG', 'SPY', 'IGO', 'NGO', 'BUS', 'MED', 'EDU', 'HLH', 'MNC', 'PTY', 'AGR', 'ENV']);
const GROUP_TYPES = new Set(['REB', 'INS', 'SEP', 'OPP', 'UAF', 'CVL', 'REF', 'LAB', 'ELI', 'CRM', 'RAD', 'MOD', 'REL', 'SET', 'IMG']);

/**
 * Reads a GDELT actor into an actor kind:
 * - a bare three-letter country code (`USA`, the same as the actor's country code) is a `state`;
 * - a known group (Actor KnownGroupCode, such as `UNO` or `NAT`) or a first type code for an
 *   institution (government `GOV`, military `MIL`, police `COP`, judiciary, legislature,
 *   intelligence, IGOs, NGOs, business, media, education, health, parties) is an `organisation`;
 * - a first type code for a loose collective (rebels `REB`, insurgents, separatists, opposition,
 *   armed groups `UAF`, civilians `CVL`, refugees, labour, elites, criminals, radicals,
 *   moderates, religious groups, settlers, migrants) is a `group`;
 * - anything else is `other`.
 *
 * @example
 * ```ts
 * cameoActorKind({ code: 'USA', countryCode: 'USA' });                   // 'state'
 * cameoActorKind({ code: 'USAGOV', countryCode: 'USA', type1: 'GOV' }); // 'organisation'
 * cameoActorKind({ code: 'SYRREB', countryCode: 'SYR', type1: 'REB' }); // 'group'
 * ```
 */
export function cameoActorKind(actor: { code: string; countryCode?: string; knownGroup?: string; type1?: string }): ActorKind {
  const code = actor.code.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(code) && (actor.countryCode ?? '').trim().toUpperCase() === code) return 'state';
  const type = (actor.type1 ?? '').trim().toUpperCase();
  if ((actor.knownGroup ?? '').trim() !== '' || ORGANISATION_TYPES.has(type)) return 'organisation';
  if (GROUP_TYPES.has(type)) return 'group';
  return 'other';
}
