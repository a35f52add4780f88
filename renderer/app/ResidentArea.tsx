import { useLayoutEffect, useRef, useState } from 'react';
import type { JSX } from 'react';
import { assertNever } from '../../shared/assert-never';
import type { SessionView } from '../../shared/contract';
import type { ResidentSummary } from '../../shared/domain';
import { BillDetailScreen } from '../kiosk/bills/BillDetailScreen';
import { BillsProvider } from '../kiosk/bills/bills-store';
import { BillsScreen } from '../kiosk/bills/BillsScreen';
import { AccessLogScreen } from '../kiosk/access-log/AccessLogScreen';
import { ConsentsScreen } from '../kiosk/consents/ConsentsScreen';
import { ReconsentGate } from '../kiosk/consents/ReconsentGate';
import { PolicyScreen } from '../kiosk/policy/PolicyScreen';
import { PrivacyMenu } from '../kiosk/privacy/PrivacyMenu';
import { ProfileScreen } from '../kiosk/profile/ProfileScreen';
import { DeletionScreen } from '../kiosk/requests/DeletionScreen';
import { ExportScreen } from '../kiosk/requests/ExportScreen';
import { RequestsScreen } from '../kiosk/requests/RequestsScreen';
import { PayScreen } from '../kiosk/payments/PayScreen';
import { HomeScreen } from '../kiosk/home/HomeScreen';
import { ResidentHeader } from '../kiosk/session/ResidentHeader';
import { useT } from '../i18n/I18nProvider';
import { currentLocation, goBack, goTo, locationKey, startTrail } from './kiosk-location';
import type { ResidentLocation, Trail } from './kiosk-location';

/** Reads and sets how far the screen area is scrolled. */
export type ScrollPosition = { get(): number; set(top: number): void };

export type ResidentAreaProps = {
  resident: ResidentSummary | null;
  onView(view: SessionView): void;
  /** The scrolling area around the screens: a new screen starts at its top, Back returns to where it was. */
  scroll: ScrollPosition;
};

/**
 * The signed-in part of the kiosk: the resident's header and the screen at their current
 * location. Mounted only while signed in, so every sign-in starts at home and nothing
 * of one resident's navigation (or data) outlives their session.
 */
export function ResidentArea({ resident, onView, scroll }: ResidentAreaProps): JSX.Element {
  const t = useT();
  const [trail, setTrail] = useState<Trail>(startTrail);
  /** Scroll position of each screen on the trail, by depth, to restore on Back. */
  const scrollTops = useRef<number[]>([]);
  const location = currentLocation(trail);
  const depth = trail.length - 1;

  const go = (to: ResidentLocation): void => {
    scrollTops.current[depth] = scroll.get();
    setTrail((t) => goTo(t, to));
  };
  const back = (): void => setTrail(goBack);

  useLayoutEffect(() => {
    const saved = scrollTops.current[depth] ?? 0;
    scrollTops.current.length = depth;
    scroll.set(saved);
  }, [depth, scroll]);

  // Which tab the current screen belongs to: home and paying from it, the bills, or the privacy centre.
  const section = location.screen === 'home' ? 'home' : location.screen === 'bills' || location.screen === 'bill' || location.screen === 'pay' ? 'bills' : 'privacy';

  const screen = ((): JSX.Element => {
    switch (location.screen) {
      case 'home':
        return <HomeScreen onGo={go} />;
      case 'bills':
        return <BillsScreen onOpenBill={(billId) => go({ screen: 'bill', billId })} onPay={(billIds) => go({ screen: 'pay', billIds })} />;
      case 'pay':
        return <PayScreen key={locationKey(location)} billIds={location.billIds} onBack={back} onDone={() => go({ screen: 'bills' })} />;
      case 'bill':
        return <BillDetailScreen key={locationKey(location)} billId={location.billId} onBack={back} onPay={(billIds) => go({ screen: 'pay', billIds })} />;
      case 'privacy':
        return <PrivacyMenu onGo={go} />;
      case 'profile':
        return <ProfileScreen onBack={back} />;
      case 'consents':
        return <ConsentsScreen onBack={back} />;
      case 'policy':
        return <PolicyScreen onBack={back} />;
      case 'accessLog':
        return <AccessLogScreen onBack={back} />;
      case 'requests':
        return <RequestsScreen onBack={back} />;
      case 'deletion':
        return <DeletionScreen onBack={back} onOpenList={() => go({ screen: 'requests' })} />;
      case 'export':
        return <ExportScreen onBack={back} onOpenList={() => go({ screen: 'requests' })} />;
      default:
        return assertNever(location, 'resident location');
    }
  })();

  return (
    <BillsProvider>
      <section className="screen screen-resident" aria-labelledby="resident-greeting" data-location={location.screen}>
        <ResidentHeader resident={resident} onView={onView} />
        <nav className="resident-nav" aria-label={t('home:navLabel')}>
          <button type="button" className="nav-tab" data-testid="nav-home" aria-current={section === 'home' ? 'page' : undefined} onClick={() => go({ screen: 'home' })}>
            {t('home:nav')}
          </button>
          <button type="button" className="nav-tab" data-testid="nav-bills" aria-current={section === 'bills' ? 'page' : undefined} onClick={() => go({ screen: 'bills' })}>
            {t('privacy:bills')}
          </button>
          <button type="button" className="nav-tab" data-testid="nav-privacy" aria-current={section === 'privacy' ? 'page' : undefined} onClick={() => go({ screen: 'privacy' })}>
            {t('privacy:open')}
          </button>
        </nav>
        <ReconsentGate>{screen}</ReconsentGate>
      </section>
    </BillsProvider>
  );
}
