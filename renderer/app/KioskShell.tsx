import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import { assertNever } from '../../shared/assert-never';
import type { AppInfo, SessionView } from '../../shared/contract';
import { TopBar } from '../components/TopBar';
import { useKiot } from '../components/KiotProvider';
import { AttractScreen } from './AttractScreen';
import { BillsScreen } from './BillsScreen';
import { safeCall } from './call';
import { CodeScreen } from './CodeScreen';
import { CountdownOverlay } from './CountdownOverlay';
import type { OtpSent } from './otp';
import { PhoneScreen } from './PhoneScreen';
import { ResyncContext } from './resync';
import { createThrottle } from './throttle';

/** The main process wants a heartbeat now and then, not on every touch. */
export const ACTIVITY_INTERVAL_MS = 5000;
const activityEvents = ['pointerdown', 'keydown', 'touchstart'] as const;

export type KioskShellProps = {
  info: AppInfo;
  view: SessionView;
  onView(view: SessionView): void;
};

/**
 * One resident's visit. The parent renders it with a key that changes on every lock, so all
 * state held here and below (typed number, code, bills) is dropped in one go.
 */
export function KioskShell({ info, view, onView }: KioskShellProps): JSX.Element {
  const api = useKiot();
  const [phoneDigits, setPhoneDigits] = useState('');
  const [otp, setOtp] = useState<OtpSent | null>(null);
  const idle = view.state === 'attract';

  useEffect(() => {
    if (idle) return undefined;
    const throttle = createThrottle(ACTIVITY_INTERVAL_MS);
    const onActivity = (): void => throttle(() => void safeCall(() => api.session.activity({})));
    for (const type of activityEvents) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of activityEvents) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [api, idle]);

  /** After an auth step the main process moves the session on; catch up even if its event is late. */
  const refresh = useCallback(async (): Promise<void> => {
    const result = await safeCall(() => api.session.get({}));
    if (result.ok) onView(result.value);
  }, [api, onView]);

  const onSent = useCallback(
    (sent: OtpSent) => {
      setOtp(sent);
      void refresh();
    },
    [refresh],
  );
  const resync = useCallback(() => void refresh(), [refresh]);

  const screen = ((): JSX.Element => {
    switch (view.state) {
      case 'attract': {
        const reason = view.lastLock?.reason;
        return <AttractScreen buildingName={info.buildingName} sessionEnded={reason === 'idle' || reason === 'hardCap'} onView={onView} />;
      }
      case 'phone':
        return <PhoneScreen digits={phoneDigits} onDigitsChange={setPhoneDigits} onSent={onSent} onView={onView} />;
      case 'code':
        return <CodeScreen maskedPhone={view.maskedPhone} otp={otp} onSent={onSent} onVerified={resync} onView={onView} />;
      case 'signedIn':
        return <BillsScreen resident={view.resident} onView={onView} />;
      default:
        return assertNever(view.state, 'session state');
    }
  })();

  return (
    <ResyncContext.Provider value={resync}>
      <div className={`app app-${view.state}`}>
        <div className="app-content" inert={view.countdown !== null}>
          <TopBar buildingName={idle ? null : info.buildingName} />
          <main className="app-main">{screen}</main>
        </div>
        {view.countdown ? <CountdownOverlay key={view.countdown.endsAt} countdown={view.countdown} onView={onView} /> : null}
      </div>
    </ResyncContext.Provider>
  );
}
