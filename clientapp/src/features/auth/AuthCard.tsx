import type { ReactNode } from 'react';

/** The centred card that frames the sign-in and registration forms. */
export function AuthCard({ title, intro, children, footer }: { title: string; intro?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="auth">
      <section className="card auth__card" aria-labelledby="auth-title">
        <h1 id="auth-title" className="auth__title">
          {title}
        </h1>
        {intro ? <p className="auth__intro">{intro}</p> : null}
        {children}
      </section>
      {footer ? <div className="auth__footer">{footer}</div> : null}
    </div>
  );
}
