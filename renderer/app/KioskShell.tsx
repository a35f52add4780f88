import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JSX } from 'react';
import { assertNever } from '../../shared/assert-never';
import type { AppInfo, ResponseOf, SessionView } from '../../shared/contract';
import type { BuildingPublic } from '../../shared/contract/building';
import { safeCall } from '../components/call';
import { useKiot } from '../components/KiotProvider';
import { ResyncContext } from '../components/resync';
import { DisplayModes, DisplayModesProvider } from '../components/DisplayModes';
import { LanguageToggle } from '../components/LanguageToggle';
import { TopBar } from '../components/TopBar';
import { AttractScreen } from '../kiosk/attract/AttractScreen';
import { CodeScreen } from '../kiosk/auth/CodeScreen';
import type { OtpSent } from '../kiosk/auth/otp';
import { PhoneScreen } from '../kiosk/auth/PhoneScreen';
import { EmergencyTakeover } from '../kiosk/broadcast/EmergencyTakeover';
import { useBuildingPublic } from '../kiosk/broadcast/use-building';
import { useActivityHeartbeat } from '../kiosk/session/activity';
import { CountdownOverlay } from '../kiosk/session/CountdownOverlay';
import { ResidentArea } from './ResidentArea';
import type { ScrollPosition } from './ResidentArea';

/** How long the attract screen tells of an idle or timed-out lock before the next person comes. */
export const SESSION_ENDED_NOTICE_MS = 20_000;

export type KioskShellProps = {
  info: AppInfo;
  view: SessionView;
  onView(view: SessionView): void;
  /** What start-up already read of the building, so the first attract screen is drawn whole. */
  initialBuilding?: BuildingPublic | null;
};

/**
 * One resident's visit. The session state picks the screen (attract → phone → code →
 * signed in); once signed in, `ResidentArea` follows the resident's own location. The
 * parent renders this with a key that changes on every lock, so all state held here and
 * below (typed number, code, location, bills) is dropped in one go.
 */
export function KioskShell({ info, view, onView, initialBuilding = null }: KioskShellProps): JSX.Element {
  const api = useKiot();
  const [phoneDigits, setPhoneDigits] = useState('');
  const [otp, setOtp] = useState<OtpSent | null>(null);
  const main = useRef<HTMLElement>(null);
  const scroll = useMemo<ScrollPosition>(
    () => ({
      get: () => main.current?.scrollTop ?? 0,
      set: (top) => {
        if (main.current) main.current.scrollTop = top;
      },
    }),
    [],
  );
  const idle = view.state === 'attract';
  // The "previous session ended" notice is for whoever walked away, not for the next person.
  const [endedNotice, setEndedNotice] = useState(true);
  useEffect(() => {
    if (!idle || !endedNotice) return undefined;
    const timer = setTimeout(() => setEndedNotice(false), SESSION_ENDED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [idle, endedNotice]);

  useActivityHeartbeat(api, !idle);

  // An emergency broadcast takes the whole screen; whoever was signed in (or signing in) is
  // signed out at once, so nothing of theirs stays behind it for the next person.
  const building = useBuildingPublic(api, initialBuilding);
  const emergency = building?.emergency ?? null;
  useEffect(() => {
    if (emergency === null || view.state === 'attract') return;
    void safeCall(() => api.session.end({})).then((result) => {
      if (result.ok) onView(result.value);
    });
  }, [api, emergency, view.state, onView]);

  /** After an auth step the main process moves the session on; catch up even if its event is late. */
  const refresh = useCallback(async (): Promise<void> => {
    const result = await safeCall(() => api.session.get({}));
    if (result.ok) onView(result.value);
  }, [api, onView]);

  const onSent = useCallback(
    (sent: ResponseOf<'auth:requestOtp'>) => {
      setOtp({ ...sent, receivedAt: Date.now() });
      void refresh();
    },
    [refresh],
  );
  const resync = useCallback(() => void refresh(), [refresh]);

  const screen = ((): JSX.Element => {
    switch (view.state) {
      case 'attract': {
        const reason = view.lastLock?.reason;
        return <AttractScreen buildingName={info.buildingName} building={building} sessionEnded={endedNotice && (reason === 'idle' || reason === 'hardCap')} onView={onView} />;
      }
      case 'phone':
        return <PhoneScreen digits={phoneDigits} onDigitsChange={setPhoneDigits} onSent={onSent} onView={onView} />;
      case 'code':
        return <CodeScreen maskedPhone={view.maskedPhone} typedPhone={phoneDigits} otp={otp} onSent={onSent} onVerified={resync} onView={onView} />;
      case 'signedIn':
        return <ResidentArea resident={view.resident} onView={onView} scroll={scroll} />;
      default:
        return assertNever(view.state, 'session state');
    }
  })();

  return (
    <ResyncContext.Provider value={resync}>
      <DisplayModesProvider>
        <div className={`app app-${view.state}`}>
          <div className="app-content" inert={view.countdown !== null || emergency !== null}>
            <TopBar buildingName={idle ? null : info.buildingName} language={false} />
            <main className="app-main" ref={main}>
              {screen}
            </main>
            {/* Low on the screen, where a seated or short resident reaches it; the attract screen places its own language choice. */}
            <footer className="bottom-bar">
              {idle ? null : <LanguageToggle />}
              <DisplayModes />
            </footer>
          </div>
          {view.countdown && emergency === null ? <CountdownOverlay key={view.countdown.endsAt} countdown={view.countdown} onView={onView} /> : null}
          {emergency !== null ? <EmergencyTakeover broadcast={emergency} /> : null}
        </div>
      </DisplayModesProvider>
    </ResyncContext.Provider>
  );
}
