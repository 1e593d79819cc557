import type { ReactNode, Ref } from 'react';

export interface AlertProps {
  title?: string;
  children: ReactNode;
  tone?: 'error' | 'info';
  ref?: Ref<HTMLDivElement>;
}

/** Errors use role="alert" so assistive technology announces them as they appear. */
export function Alert({ title, children, tone = 'error', ref }: AlertProps) {
  return (
    <div
      ref={ref}
      className={`alert alert--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      tabIndex={-1}
    >
      <svg className="alert__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        {tone === 'error' ? (
          <path d="M10 1.5 19 17.5H1L10 1.5Zm-.9 6v5h1.8v-5H9.1Zm0 6.5v1.8h1.8V14H9.1Z" fill="currentColor" />
        ) : (
          <path d="M10 1a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-.9 4h1.8v1.8H9.1V5Zm0 3.5h1.8V15H9.1V8.5Z" fill="currentColor" />
        )}
      </svg>
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        <div>{children}</div>
      </div>
    </div>
  );
}
