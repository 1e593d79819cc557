import type { ReactNode } from 'react';

/** One card of the profile page, named by its heading. */
export function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="card__title">
        {title}
      </h2>
      {intro ? <p className="muted">{intro}</p> : null}
      {children}
    </section>
  );
}
