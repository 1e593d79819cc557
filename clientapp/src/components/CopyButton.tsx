import { useState } from 'react';
import { Button } from './Button';

/** Copies `text`; says so, or how to copy by hand when the browser does not allow it, in a status line. */
export function CopyButton({ text, label, copied }: { text: string; label: string; copied: string }) {
  const [message, setMessage] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setMessage(copied);
    } catch {
      // No clipboard access (permissions, insecure origin).
      setMessage('Copying is not allowed here: select the text and copy it by hand.');
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={() => void copy()}>
        {label}
      </Button>
      <span className="copy-status" role="status">
        {message}
      </span>
    </>
  );
}
