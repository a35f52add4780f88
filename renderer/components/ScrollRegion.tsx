import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

export type ScrollRegionProps = {
  /** What the region holds, for a screen reader (it is a focusable region so a keyboard can scroll it). */
  label: string;
  className?: string;
  testId?: string;
  children: ReactNode;
};

/** How much of the region one tap on "Scroll for more" moves: most of a view, with a line of overlap to keep one's place. */
const PAGE = 0.8;

/**
 * The long part of a screen (consent cards, policy text, profile fields, an explanation)
 * scrolling by itself, so the screen's own buttons stay in sight around it. The screen gives
 * it its height (it is a flex item that shrinks). While there is more below, the bottom fades
 * and a "Scroll for more" tab says so; tapping the tab moves the text up by most of a view.
 * The scrollbar is wide enough to drag with a finger (styles.css, `.scroll-region-body`).
 */
export function ScrollRegion({ label, className, testId, children }: ScrollRegionProps): JSX.Element {
  const t = useT();
  const body = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);

  const measure = useCallback((): void => {
    const el = body.current;
    if (!el) return;
    setMore(el.scrollHeight - el.scrollTop - el.clientHeight > 2);
  }, []);

  // Measured again whenever the region or what it holds changes size (data arriving, a language switch).
  useLayoutEffect(() => {
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    if (body.current) observer.observe(body.current);
    if (content.current) observer.observe(content.current);
    return () => observer.disconnect();
  }, [measure]);

  const pageDown = (): void => {
    const el = body.current;
    if (el) el.scrollTop += Math.max(1, Math.round(el.clientHeight * PAGE));
  };

  return (
    <div className={className ? `scroll-region ${className}` : 'scroll-region'} data-more={more}>
      {/* Focusable so the region can be scrolled with a keyboard even where it holds no button. */}
      <div ref={body} className="scroll-region-body" role="region" aria-label={label} tabIndex={0} data-testid={testId} onScroll={measure}>
        <div ref={content} className="scroll-region-content">
          {children}
        </div>
      </div>
      {more ? (
        <div className="scroll-region-more">
          <button type="button" className="scroll-more" data-testid="scroll-more" onClick={pageDown}>
            <span aria-hidden="true">▼</span> {t('common:scrollMore')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
