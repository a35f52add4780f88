/**
 * The public face of the app core: what electron/main and the web host compose. It serves
 * both device modes (lobby kiosk and manager console). Everything here runs in plain Node.
 */
import type { ChannelDomain, ChannelName, ChannelsOf, EventName } from '../../shared/channels';
import type { EventPayload, Handlers, LockReason } from '../../shared/contract';
import type { DeviceMode } from '../../shared/domain';
import type { Logger } from '../../shared/logger';
import type { Result } from '../../shared/result';
import type { KioskDatabase } from './db/open';
import type { ItemStatus, SyncEngineOptions, SyncStatus } from './sync/engine';
import type { LocalWrite, RecordedWrite } from './sync/outbox';

export type TimerHandle = { readonly id: number };

/** Injected time, so that tests drive the session timers without sleeping. */
export type Clock = {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
};

export type KeystoreKind = 'safe-storage' | 'dev-file';

/** Where the kiosk's database key lives. Returns the raw 32-byte SQLCipher key. */
export type Keystore = {
  readonly kind: KeystoreKind;
  /** The backend that protects the key (e.g. `gnome_libsecret`, `dpapi`, `keychain`, `dev-file`). */
  readonly backend: string;
  getOrCreateDbKey(): Promise<Buffer>;
};

export type KioskConfig = {
  dataDir: string;
  keystore: KeystoreKind;
  hubUrl: string;
  /** One-time enrollment code; needed only on first start, when the device has no identity. */
  enrollCode: string | null;
  deviceName: string;
  idleSeconds: number;
  countdownSeconds: number;
  sessionMaxSeconds: number;
  /**
   * The SQLCipher native binding to load instead of the one in node_modules: `npm start`
   * points it at a copy built for Electron's ABI. Null in tests and packaged builds.
   */
  sqliteNativeBinding: string | null;
};

/** Validates a raw request for a channel, runs its handler, returns a typed result. Never throws. */
export type Dispatch = (channel: string, request: unknown) => Promise<Result<unknown>>;

/** The handlers of one domain's channels, and only those: what `features/<domain>/handlers.ts` exports. */
export type DomainHandlers<D extends ChannelDomain> = Pick<Handlers, ChannelsOf<D>>;

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The outbox and the sync engine, for main and the features (see electron/core/sync/). */
export type AppCoreSync = {
  /** Records a write (with its local effect, in one transaction) and sends it when the hub is reachable. */
  record(write: LocalWrite, localEffect?: (db: KioskDatabase) => void): RecordedWrite;
  /** The same for the signed-in resident: tagged with their hub session and id; `unauthorized` when nobody is signed in. */
  recordAsResident(write: Pick<LocalWrite, 'kind' | 'payload'>, localEffect?: (db: KioskDatabase) => void): RecordedWrite;
  status(): SyncStatus;
  itemStatus(id: string): ItemStatus | null;
  flush(): Promise<void>;
  pull(): Promise<void>;
};

export type AppCore = {
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  readonly mode: DeviceMode;
  readonly sync: AppCoreSync;
  /** Subscribe to events pushed to the renderer (`session:changed`). Returns unsubscribe. */
  onEvent(listener: EventListener): () => void;
  /** Lock now (system suspend, lock screen, renderer crash). Wipes the session cache. */
  lock(reason: LockReason): Promise<void>;
  close(): Promise<void>;
};

export type AppCoreOptions = {
  config: KioskConfig;
  keystore: Keystore;
  version: string;
  fetch?: typeof fetch;
  clock?: Clock;
  logger?: Logger;
  /** How long one hub call may take before it counts as `hub_unavailable` (default 10 s). */
  hubTimeoutMs?: number;
  /** Sync engine timings; `false` runs no sync timers (tests), leaving `sync.flush()` and `sync.pull()` on demand. */
  sync?: Partial<SyncEngineOptions> | false;
  /** Manager mode: idle time before the console locks (default 10 minutes; the dev stack may shorten it). */
  staffIdleSeconds?: number;
};

export type { ChannelName };
