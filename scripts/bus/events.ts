/**
 * Events of the seed bus, as its producers write them: the v1 envelope (see `schemas/envelope.v1.json`)
 * serialised as JSON into one entry field, `event`.
 *
 * `makeEvent(type)` builds an event its schema accepts; `makeEvent(type, { valid: false })` builds one
 * it rejects, the way a buggy producer would (a required field missing, a bad e-mail, a value outside
 * an enum, …), while keeping `event_type` intact so the event can still be matched to its schema.
 */
import { randomInt, randomUUID } from 'node:crypto';

/** Name of the entry field that carries the event JSON. */
export const EVENT_FIELD = 'event';

export const IDENTITY_EVENT_TYPES = ['user.created', 'user.updated', 'user.deleted'] as const;
export const SPELL_EVENT_TYPES = ['user-dict.words.added', 'user-dict.words.removed'] as const;
export const EVENT_TYPES = [...IDENTITY_EVENT_TYPES, ...SPELL_EVENT_TYPES] as const;

export type IdentityEventType = (typeof IDENTITY_EVENT_TYPES)[number];
export type EventType = (typeof EVENT_TYPES)[number];

export const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR'] as const;
export const PLANS = ['free', 'pro', 'team'] as const;
export const DELETE_REASONS = ['user_request', 'gdpr_erasure', 'admin', 'fraud'] as const;
export const WORD_SOURCES = ['editor', 'settings', 'import', 'sync'] as const;

/** Producer names that appear in `producer`. The buggy ones write the invalid events. */
export const PRODUCERS = {
  identity: 'identity-service',
  identityBuggy: 'identity-admin-cli',
  spell: 'spell-service',
  spellBuggy: 'spell-mobile-sync',
} as const;

export interface EventEnvelope {
  event_id: string;
  event_type: string;
  schema_version: number;
  occurred_at: string;
  producer: string;
  correlation_id: string;
  causation_id?: string;
  payload: Record<string, unknown>;
}

export interface MakeEventOptions {
  /** false builds an event that violates its schema; default true. */
  valid?: boolean;
  /** The user the event is about; default a new random UUID. */
  userId?: string;
  /** `occurred_at` and the payload's own timestamp; default now. */
  at?: Date;
  /** Default: the stream's regular producer, or its buggy one for invalid events. */
  producer?: string;
  correlationId?: string;
  /** `event_id` of the event that caused this one. */
  causationId?: string;
}

export interface InvalidEvent {
  event: EventEnvelope;
  /** What is wrong with it, in words, e.g. "payload.email is not an e-mail address". */
  defect: string;
}

const FIRST_NAMES = [
  'Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Katherine', 'Dennis', 'Barbara', 'Ken', 'Frances',
  'Edsger', 'Radia', 'Guido', 'Hedy', 'Tim', 'Sophie', 'Yukihiro', 'Annie', 'Bjarne', 'Karen',
  'Leslie', 'Shafi', 'Niklaus', 'Jean', 'Donald', 'Mary', 'Lars', 'Ingrid', 'Mateo', 'Amélie',
] as const;
const LAST_NAMES = [
  'Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Turing', 'Johnson', 'Ritchie', 'Liskov', 'Thompson',
  'Allen', 'Dijkstra', 'Perlman', 'van Rossum', 'Lamarr', 'Berners-Lee', 'Wilson', 'Matsumoto', 'Easley',
  'Stroustrup', 'Spärck Jones', 'Lamport', 'Goldwasser', 'Wirth', 'Sammet', 'Knuth', 'Keller', 'Nilsen',
  'Larsen', 'García', 'Dubois',
] as const;
const EMAIL_DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'acme.test', 'initech.test'] as const;
/** Words people add to their own dictionary: jargon, product names, names. */
const DICTIONARY_WORDS = [
  'kubectl', 'idempotency', 'Postgres', 'Redis', 'async', 'middleware', 'monorepo', 'webhook', 'OAuth',
  'tokenizer', 'serde', 'Kafka', 'nginx', 'frontend', 'backend', 'dedupe', 'upsert', 'linter', 'runbook',
  'failover', 'Grafana', 'Terraform', 'sharding', 'microservice', 'Zustand', 'Vite', 'Electron', 'Playwright',
  'schemas', 'changelog', 'hotfix', 'roadmap', 'Lovelace', 'Dijkstra', 'Müller', 'Straße', 'café', 'naïve',
] as const;

export const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;
const chance = (probability: number): boolean => Math.random() < probability;

function pickSome<T>(items: readonly T[], min: number, max: number): T[] {
  const count = min + randomInt(max - min + 1);
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(randomInt(pool.length), 1)[0]!);
  return chosen;
}

function randomPerson(): { displayName: string; email: string } {
  const first = pick(FIRST_NAMES);
  const last = pick(LAST_NAMES);
  const local = `${first}.${last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z.-]/g, '')
    .toLowerCase();
  const suffix = chance(0.4) ? String(randomInt(10, 100)) : '';
  return { displayName: `${first} ${last}`, email: `${local}${suffix}@${pick(EMAIL_DOMAINS)}` };
}

export function isIdentityEventType(type: string): type is IdentityEventType {
  return (IDENTITY_EVENT_TYPES as readonly string[]).includes(type);
}

function validPayload(type: EventType, userId: string, at: string): Record<string, unknown> {
  switch (type) {
    case 'user.created': {
      const person = randomPerson();
      return {
        user_id: userId,
        email: person.email,
        display_name: person.displayName,
        locale: pick(LOCALES),
        plan: pick(['free', 'free', 'free', 'pro', 'team'] as const),
        created_at: at,
        marketing_opt_in: chance(0.35),
      };
    }
    case 'user.updated': {
      const person = randomPerson();
      const candidates: Record<string, unknown> = {
        email: person.email,
        display_name: person.displayName,
        locale: pick(LOCALES),
        plan: pick(PLANS),
      };
      const changes = Object.fromEntries(pickSome(Object.keys(candidates), 1, 2).map((key) => [key, candidates[key]]));
      return { user_id: userId, changes, updated_at: at };
    }
    case 'user.deleted':
      return {
        user_id: userId,
        // Half of deletions are the user's own request; the rest spread over every reason.
        reason: chance(1 / 3) ? 'user_request' : pick(DELETE_REASONS),
        deleted_at: at,
      };
    case 'user-dict.words.added':
    case 'user-dict.words.removed': {
      const payload: Record<string, unknown> = {
        user_id: userId,
        words: pickSome(DICTIONARY_WORDS, 1, type === 'user-dict.words.added' ? 4 : 2),
        language: pick(LOCALES),
      };
      if (chance(0.8)) payload.source = pick(WORD_SOURCES);
      return payload;
    }
  }
}

type Defect = (event: EventEnvelope) => string;

const dropPayloadField =
  (field: string): Defect =>
  (event) => {
    delete event.payload[field];
    return `payload.${field} is missing`;
  };

/** Ways each event type gets broken by a careless producer; every one violates the schema. */
const DEFECTS: Record<EventType, Defect[]> = {
  'user.created': [
    (event) => {
      event.payload.email = String(event.payload.email).replace('@', ' at ');
      return 'payload.email is not an e-mail address';
    },
    dropPayloadField('user_id'),
    (event) => {
      event.payload.locale = pick(['en_US', 'english', 'de', 'EN-us'] as const);
      return `payload.locale "${String(event.payload.locale)}" is not an allowed locale`;
    },
    (event) => {
      event.payload.plan = pick(['enterprise', 'trial', 'Pro'] as const);
      return `payload.plan "${String(event.payload.plan)}" is not an allowed plan`;
    },
    (event) => {
      event.payload.marketing_opt_in = 'yes';
      return 'payload.marketing_opt_in is a string, not a boolean';
    },
  ],
  'user.updated': [
    (event) => {
      event.payload.changes = {};
      return 'payload.changes is empty';
    },
    dropPayloadField('user_id'),
    (event) => {
      event.payload.changes = { email: 'not-an-email' };
      return 'payload.changes.email is not an e-mail address';
    },
    (event) => {
      event.payload.updated_at = new Date(String(event.payload.updated_at)).toUTCString();
      return 'payload.updated_at is not an RFC 3339 date-time';
    },
  ],
  'user.deleted': [
    (event) => {
      event.payload.reason = pick(['spam', 'inactive', 'USER_REQUEST'] as const);
      return `payload.reason "${String(event.payload.reason)}" is not an allowed reason`;
    },
    dropPayloadField('user_id'),
    (event) => {
      event.payload.user_id = String(event.payload.user_id).slice(0, 8);
      return 'payload.user_id is not a UUID';
    },
  ],
  'user-dict.words.added': [
    (event) => {
      event.payload.words = [];
      return 'payload.words is empty';
    },
    (event) => {
      event.payload.words = ['pull request', 'merge-queue'];
      return 'payload.words contains a word with a space';
    },
    (event) => {
      event.payload.language = 'english';
      return 'payload.language "english" is not an allowed language';
    },
    dropPayloadField('user_id'),
  ],
  'user-dict.words.removed': [
    (event) => {
      const words = event.payload.words as string[];
      event.payload.words = [...words, words[0]!];
      return 'payload.words has duplicates';
    },
    (event) => {
      event.payload.source = 'clipboard';
      return 'payload.source "clipboard" is not an allowed source';
    },
    dropPayloadField('language'),
  ],
};

/** Builds an event of `type` that violates its schema, and says how. */
export function makeInvalidEvent(type: EventType, options: Omit<MakeEventOptions, 'valid'> = {}): InvalidEvent {
  const event = buildValid(type, {
    ...options,
    producer: options.producer ?? (isIdentityEventType(type) ? PRODUCERS.identityBuggy : PRODUCERS.spellBuggy),
  });
  // Envelope-level mistakes happen too, though less often than payload ones.
  if (chance(0.15)) {
    if (chance(0.5)) {
      event.occurred_at = String(Math.floor(Date.parse(event.occurred_at) / 1000));
      return { event, defect: 'occurred_at is a Unix timestamp, not an RFC 3339 date-time' };
    }
    delete (event as Partial<EventEnvelope>).correlation_id;
    return { event, defect: 'correlation_id is missing' };
  }
  const defect = pick(DEFECTS[type])(event);
  return { event, defect };
}

function buildValid(type: EventType, options: Omit<MakeEventOptions, 'valid'>): EventEnvelope {
  const at = (options.at ?? new Date()).toISOString();
  const event: EventEnvelope = {
    event_id: randomUUID(),
    event_type: type,
    schema_version: 1,
    occurred_at: at,
    producer: options.producer ?? (isIdentityEventType(type) ? PRODUCERS.identity : PRODUCERS.spell),
    correlation_id: options.correlationId ?? randomUUID(),
    ...(options.causationId ? { causation_id: options.causationId } : {}),
    payload: validPayload(type, options.userId ?? randomUUID(), at),
  };
  return event;
}

/** Builds an event of `type`: valid against its schema unless `valid: false`. */
export function makeEvent(type: EventType, options: MakeEventOptions = {}): EventEnvelope {
  const { valid = true, ...rest } = options;
  return valid ? buildValid(type, rest) : makeInvalidEvent(type, rest).event;
}

/** The JSON written into the entry's `event` field. */
export function encodeEvent(event: EventEnvelope): string {
  return JSON.stringify(event);
}

/** The field/value list for XADD: `[EVENT_FIELD, json]`. */
export function eventFields(event: EventEnvelope): [string, string] {
  return [EVENT_FIELD, encodeEvent(event)];
}

/**
 * Picks the next event's type the way real traffic is mixed: on identity mostly sign-ups, then
 * updates, few deletions; on the dictionary mostly additions.
 */
export function pickEventType(stream: 'identity' | 'spell'): EventType {
  const roll = Math.random();
  if (stream === 'identity') return roll < 0.5 ? 'user.created' : roll < 0.85 ? 'user.updated' : 'user.deleted';
  return roll < 0.7 ? 'user-dict.words.added' : 'user-dict.words.removed';
}

/**
 * Remembers recently created users so that later updates, deletions and dictionary changes refer to
 * users that exist, with `causation_id`/`correlation_id` linking them as a real workflow would.
 * Bounded: only the last `capacity` users are kept.
 */
export class UserPool {
  private readonly users: Array<{ userId: string; createdEventId: string; correlationId: string }> = [];

  constructor(private readonly capacity = 200) {}

  /** Builds the next event of `type`, reusing a known user for everything but `user.created`. */
  next(type: EventType, options: MakeEventOptions = {}): EventEnvelope {
    const known = type !== 'user.created' && this.users.length > 0 ? pick(this.users) : undefined;
    const linked = known && chance(0.5);
    const event = makeEvent(type, {
      userId: known?.userId,
      causationId: linked ? known.createdEventId : undefined,
      correlationId: linked ? known.correlationId : undefined,
      ...options,
    });
    const userId = event.payload.user_id;
    if (type === 'user.created' && typeof userId === 'string' && options.valid !== false) {
      this.users.push({ userId, createdEventId: event.event_id, correlationId: event.correlation_id });
      if (this.users.length > this.capacity) this.users.shift();
    }
    if (type === 'user.deleted' && known) this.users.splice(this.users.indexOf(known), 1);
    return event;
  }
}
