import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Alert, Button, LoadingState, RetryAlert } from '../../components';
import { MEMBER_PAGE_SIZE, useMemberTable, type MemberFilters } from '../members/api';
import type { Member } from '../members/types';
import { AccessExplanation, HoldsIcon } from './AccessExplanation';
import { accessKeys, EXPLAIN_CONCURRENCY, useAccessExplanations, type AccessExplanation as Explanation, type AccessTarget } from './api';

/** The first page of the members table, by name. */
const EVERYONE: MemberFilters = { search: '', roleId: '', sort: 'Name' };

interface Checked {
  member: Member;
  explanation: Explanation;
}

/**
 * "Who can see this sample?" on the sample page (users.manage). Nothing is loaded until "Check who can see it": then
 * the first MEMBER_PAGE_SIZE members, and one explanation each (EXPLAIN_CONCURRENCY at a time), split into those who
 * can see it and those who cannot; choosing a person shows why.
 */
export function SampleAccessSection({ orgId, sample }: { orgId: string; sample: { id: string; name: string } }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [started, setStarted] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const members = useMemberTable(orgId, EVERYONE, { enabled: started });
  const page = members.data?.pages[0];
  const people = started ? (page?.items ?? []) : [];
  const target: AccessTarget = { kind: 'sample', id: sample.id };
  const results = useAccessExplanations(
    orgId,
    people.map((m) => m.userId),
    target,
    { enabled: started },
  );

  const canSee: Checked[] = [];
  const cannotSee: Checked[] = [];
  const failed: { member: Member; message: string }[] = [];
  people.forEach((member, i) => {
    const result = results[i];
    if (result?.data) (result.data.canView ? canSee : cannotSee).push({ member, explanation: result.data });
    else if (result?.isError) failed.push({ member, message: result.error.message });
  });
  const checked = canSee.length + cannotSee.length + failed.length;
  const checking = started && (members.isPending || checked < people.length);
  const done = started && page !== undefined && !checking;
  const refreshing = done && (members.isFetching || results.some((r) => r.isFetching));

  function checkAgain() {
    void queryClient.invalidateQueries({ queryKey: accessKeys.target(orgId, target) });
    void members.refetch();
  }

  return (
    <section className="card sample-access" aria-labelledby={`${ids}-heading`}>
      <div className="card__header">
        <h2 id={`${ids}-heading`} className="card__title" ref={headingRef} tabIndex={-1}>
          Who can see this sample?
        </h2>
        {started ? (
          <Button variant="secondary" onClick={checkAgain} disabled={checking} busy={refreshing} busyLabel="Checking…">
            Check again
          </Button>
        ) : null}
      </div>
      {started ? null : (
        <div className="sample-access__intro">
          <p className="muted">Which members of the organization can see “{sample.name}”, and why: their role, their workspaces, their assignments.</p>
          <Button
            variant="secondary"
            onClick={() => {
              setStarted(true);
              // The button gives way to the results: the focus stays in the section.
              headingRef.current?.focus();
            }}
          >
            Check who can see it
          </Button>
        </div>
      )}

      {started && members.isPending ? <LoadingState label="Loading the members…" /> : null}
      {members.isError && !page ? (
        <RetryAlert title="The members could not be loaded" message={members.error.message} onRetry={() => void members.refetch()} />
      ) : null}
      {page && checking ? (
        <>
          <LoadingState label="Checking who can see it…" />
          <p className="muted">
            {checked} of {people.length} members checked, {EXPLAIN_CONCURRENCY} at a time.
          </p>
        </>
      ) : null}
      {/* Always there, so that the outcome is announced when it appears. */}
      <p role="status" className={done ? 'muted' : 'visually-hidden'}>
        {!done
          ? null
          : people.length === 0
            ? 'The organization has no members.'
            : `${people.length} ${people.length === 1 ? 'member' : 'members'} checked: ${canSee.length} can see it, ${cannotSee.length} cannot${
                failed.length > 0 ? `, ${failed.length} could not be checked` : ''
              }.`}
      </p>
      {page?.nextCursor ? (
        <Alert tone="info">
          Only the first {MEMBER_PAGE_SIZE} of the organization’s {page.total} members (by name) are checked here. Use “Why can they see…?” on the
          People page for the others.
        </Alert>
      ) : null}

      {started && page ? (
        <div className="sample-access__groups">
          <PeopleGroup title="Can see" holds people={canSee} />
          <PeopleGroup title="Cannot see" holds={false} people={cannotSee} />
          {failed.length > 0 ? (
            <div>
              <h3 className="sample-access__group-title">Could not be checked ({failed.length})</h3>
              <ul className="list">
                {failed.map(({ member, message }) => (
                  <li key={member.userId} className="sample-access__person">
                    <div className="sample-access__who">
                      <span className="list__primary">{member.displayName}</span>
                      <span className="badge badge--role">{member.role.name}</span>
                    </div>
                    <Alert>{message}</Alert>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** "Can see (n)" or "Cannot see (n)": each person a button that shows or hides their explanation. */
function PeopleGroup({ title, holds, people }: { title: string; holds: boolean; people: Checked[] }) {
  const ids = useId();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  function toggle(userId: string) {
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(userId)) next.delete(userId);
      else next.add(userId);
      return next;
    });
  }

  return (
    <div>
      <h3 id={`${ids}-title`} className="sample-access__group-title">
        <HoldsIcon holds={holds} />
        {title} ({people.length})
      </h3>
      {people.length === 0 ? (
        <p className="muted">Nobody.</p>
      ) : (
        <ul className="list" aria-labelledby={`${ids}-title`}>
          {people.map(({ member, explanation }) => {
            const expanded = open.has(member.userId);
            const detailsId = `${ids}-${member.userId}`;
            return (
              <li key={member.userId} className="sample-access__person">
                <div className="sample-access__who">
                  <button
                    type="button"
                    className="sample-access__toggle"
                    aria-expanded={expanded}
                    aria-controls={expanded ? detailsId : undefined}
                    onClick={() => toggle(member.userId)}
                  >
                    <svg className="sample-access__chevron" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                      <path d="m7.5 4.5 5.5 5.5-5.5 5.5-1.4-1.4 4.1-4.1-4.1-4.1 1.4-1.4Z" fill="currentColor" />
                    </svg>
                    {member.displayName}
                  </button>
                  <span className="badge badge--role">{explanation.roleName}</span>
                </div>
                {expanded ? (
                  <div id={detailsId} className="sample-access__details">
                    <AccessExplanation explanation={explanation} headingLevel={4} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
