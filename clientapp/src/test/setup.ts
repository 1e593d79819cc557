import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { clearAntiforgeryToken } from '../api/client';

afterEach(() => {
  cleanup();
  clearAntiforgeryToken();
  document.title = '';
});
