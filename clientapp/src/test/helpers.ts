import { screen } from '@testing-library/react';
import styles from '../styles.css?raw';

/** The declarations of one rule of styles.css (its first occurrence), e.g. cssRule('.matrix thead th'). */
export function cssRule(selector: string): string {
  const start = styles.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no rule ${selector} in styles.css`);
  return styles.slice(start, styles.indexOf('}', start));
}

/** The declarations of the rule whose selector list starts with `firstSelector,` (a rule for several selectors). */
export function cssGroupRule(firstSelector: string): string {
  const start = styles.indexOf(`${firstSelector},\n`);
  if (start < 0) throw new Error(`no rule starting with ${firstSelector} in styles.css`);
  return styles.slice(start, styles.indexOf('}', start));
}

/** The text of the app's status region (the success messages of components/StatusMessages). */
export function statusMessage(): string {
  return screen.getByTestId('status-message').textContent ?? '';
}
