/**
 * The unit project's setup file (vitest.config.ts): a `toBeVisible()` matcher for the renderer
 * tests. A `getBy…` query only proves that a node exists; a person sees it only when it is in
 * the document and neither it nor any ancestor is hidden: no `hidden` attribute, no computed
 * `display: none`, `visibility: hidden | collapse` or `opacity: 0`, and not inside a closed
 * <details> other than as its summary. Same meaning as the matcher of that name in
 * @testing-library/jest-dom, which this project does not depend on.
 */
import { expect } from 'vitest';

declare module 'vitest' {
  // Merged into Vitest's own interface, so an interface; its declarations must share the type
  // parameter, `any` default included.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> {
    /** The element is in the document and nothing hides it from a person looking at the screen. */
    toBeVisible(): T;
  }
}

const describeElement = (element: Element): string => {
  const testId = element.getAttribute('data-testid');
  const id = element.getAttribute('id');
  return `<${element.tagName.toLowerCase()}${testId !== null ? ` data-testid="${testId}"` : id !== null ? ` id="${id}"` : ''}>`;
};

/** Why a person cannot see the element, or null when they can. */
function hiddenBecause(element: Element): string | null {
  if (!element.isConnected) return `${describeElement(element)} is not in the document`;
  const view = element.ownerDocument.defaultView;
  for (let node: Element | null = element, child: Element | null = null; node !== null; child = node, node = node.parentElement) {
    const name = node === element ? describeElement(node) : `its ancestor ${describeElement(node)}`;
    if (node.hasAttribute('hidden')) return `${name} has the hidden attribute`;
    const style = view?.getComputedStyle(node);
    if (style?.display === 'none') return `${name} has display: none`;
    if (style?.visibility === 'hidden' || style?.visibility === 'collapse') return `${name} has visibility: ${style.visibility}`;
    if (style?.opacity === '0') return `${name} has opacity: 0`;
    if (node.tagName === 'DETAILS' && !node.hasAttribute('open') && child !== null && child.tagName !== 'SUMMARY') return `${name} is closed`;
  }
  return null;
}

expect.extend({
  toBeVisible(received: unknown) {
    if (typeof Element === 'undefined' || !(received instanceof Element)) {
      return { pass: false, message: () => `expected a DOM element, got ${this.utils.printReceived(received)}` };
    }
    const reason = hiddenBecause(received);
    return {
      pass: reason === null,
      message: () => (reason === null ? `expected ${describeElement(received)} not to be visible, but it is` : `expected ${describeElement(received)} to be visible, but ${reason}`),
    };
  },
});
