// Component tests (the `ui` project of vitest.config.ts): happy-dom, Testing Library, fetch stubbed per test.
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
