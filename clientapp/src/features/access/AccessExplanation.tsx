import { useId } from 'react';
import { targetNoun, type AccessExplanation as Explanation } from './api';
import './access.css';

export type HeadingLevel = 2 | 3 | 4 | 5;

/** A check (holds) or a cross (does not hold): the shape tells it, the colour only repeats it. Hidden from assistive technology. */
export function HoldsIcon({ holds }: { holds: boolean }) {
  return (
    <svg className={`access-mark access-mark--${holds ? 'holds' : 'fails'}`} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {holds ? (
        <path d="M7.6 13.4 4.2 10l-1.4 1.4 4.8 4.8 9.6-9.6-1.4-1.4-8.2 8.2Z" fill="currentColor" />
      ) : (
        <path d="m10 8.6 4.6-4.6 1.4 1.4-4.6 4.6 4.6 4.6-1.4 1.4-4.6-4.6-4.6 4.6L4 14.6 8.6 10 4 5.4 5.4 4 10 8.6Z" fill="currentColor" />
      )}
    </svg>
  );
}

/**
 * One explanation of GET …/access/explain: the verdict, the chain of reasons (an ordered list, each link marked as
 * holding or not by an icon and words), then what the person can do with it — or, when they cannot see it, the changes
 * that would let them, the narrowest option first, each with whom it affects. `headingLevel` is the level of its own
 * headings (one below the heading it sits under).
 */
export function AccessExplanation({ explanation, headingLevel = 3 }: { explanation: Explanation; headingLevel?: HeadingLevel }) {
  const ids = useId();
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4' | 'h5';
  const { displayName, roleName, canView, canAct, reasons, wouldGrant, targetName } = explanation;
  const noun = targetNoun(explanation.kind);

  return (
    <div className="access-explanation">
      <p className={`access-explanation__verdict access-explanation__verdict--${canView ? 'holds' : 'fails'}`}>
        <HoldsIcon holds={canView} />
        <span>
          <strong>{displayName}</strong> ({roleName}) {canView ? 'can see' : 'cannot see'} the {noun} <strong>{targetName}</strong>.
        </span>
      </p>

      <Heading id={`${ids}-why`} className="access-explanation__heading">
        {canView ? 'Why they can see it' : 'Why they cannot see it'}
      </Heading>
      <ol className="access-chain" aria-labelledby={`${ids}-why`}>
        {reasons.map((reason, i) => (
          <li key={`${i}-${reason.kind}`} className={`access-chain__step access-chain__step--${reason.holds ? 'holds' : 'fails'}`}>
            <HoldsIcon holds={reason.holds} />
            <span>
              <span className="visually-hidden">{reason.holds ? 'Holds: ' : 'Does not hold: '}</span>
              {reason.text}
            </span>
          </li>
        ))}
      </ol>

      {canView ? (
        <>
          <Heading id={`${ids}-can`} className="access-explanation__heading">
            What they can do with it
          </Heading>
          {canAct.length > 0 ? (
            <ul className="access-explanation__list" aria-labelledby={`${ids}-can`}>
              {canAct.map((action) => (
                <li key={action.key}>{action.label}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nothing beyond seeing it.</p>
          )}
        </>
      ) : (
        <>
          <Heading id={`${ids}-would`} className="access-explanation__heading">
            What would let them see it
          </Heading>
          {wouldGrant.length > 0 ? (
            <ol className="access-options" aria-labelledby={`${ids}-would`}>
              {wouldGrant.map((option, i) => (
                <li key={i} className="access-option">
                  <p id={`${ids}-option-${i}`} className="access-option__title">
                    {i === 0 ? 'Option 1 — the narrowest' : `Option ${i + 1}`}
                  </p>
                  <ul className="access-explanation__list" aria-labelledby={`${ids}-option-${i}`}>
                    {option.changes.map((change, j) => (
                      <li key={`${j}-${change.kind}`}>{change.text}</li>
                    ))}
                  </ul>
                  <p className="access-option__reach">
                    <span className="access-option__label">Who it affects:</span> {option.reach}
                  </p>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">No change of grant, role or assignment would let them see it.</p>
          )}
        </>
      )}
    </div>
  );
}
