/**
 * The unit project's setup file (vitest.config.ts): @testing-library/jest-dom's matchers for the
 * renderer tests (`toBeVisible()`, `toHaveTextContent()`, `toBeDisabled()`…). A `getBy…` query
 * only proves that a node exists; these say what a person at the screen would notice.
 */
import '@testing-library/jest-dom/vitest';
