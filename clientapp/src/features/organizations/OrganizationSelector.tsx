import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { OrganizationSummary } from '../../api/types';
import { confirmLeave } from '../../components';
import { useOrganizations, useRememberOrganization } from './api';

/**
 * The header's organization switcher: a menu button listing all my organizations with my role in each.
 * Keyboard: Enter/Space/↓ opens, ↑/↓/Home/End move, Enter/Space chooses, Escape closes.
 * Choosing remembers the organization on the server and opens its dashboard.
 */
export function OrganizationSelector({ currentOrgId }: { currentOrgId: string | undefined }) {
  const organizations = useOrganizations();
  const remember = useRememberOrganization();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const menuId = `${id}-menu`;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLElement | null)[]>([]);

  const list = organizations.data ?? [];
  const current = list.find((o) => o.id === currentOrgId);
  const itemCount = list.length + 1; // + "All organizations"

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open]);

  if (organizations.isPending || organizations.isError || list.length === 0) return null;

  function openMenu(index: number) {
    setActive(Math.max(0, Math.min(index, itemCount - 1)));
    setOpen(true);
  }

  function close(focusButton = true) {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }

  function choose(org: OrganizationSummary) {
    close();
    if (org.id === currentOrgId) return;
    // A page with unsaved changes (the roles matrix) asks first.
    confirmLeave(() => {
      remember.mutate(org.id);
      navigate(`/orgs/${org.id}`);
    });
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const index = list.findIndex((o) => o.id === currentOrgId);
      openMenu(index >= 0 ? index : 0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openMenu(itemCount - 1);
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowDown: (active + 1) % itemCount,
      ArrowUp: (active - 1 + itemCount) % itemCount,
      Home: 0,
      End: itemCount - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      setActive(moves[event.key]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      close(false);
    }
  }

  return (
    <div className="orgselect" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="orgselect__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close() : openMenu(Math.max(0, list.findIndex((o) => o.id === currentOrgId))))}
        onKeyDown={onButtonKeyDown}
      >
        <span className="orgselect__caption">Organization</span>
        <span className="orgselect__current">{current ? current.name : 'Choose…'}</span>
        <svg className="orgselect__chevron" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="m5 7.5 5 5 5-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </button>
      {open ? (
        <div id={menuId} className="orgselect__menu" role="menu" aria-label="Switch organization" onKeyDown={onMenuKeyDown}>
          {list.map((org, index) => (
            <div
              key={org.id}
              ref={(el) => {
                itemRefs.current[index] = el;
              }}
              role="menuitemradio"
              aria-checked={org.id === currentOrgId}
              tabIndex={index === active ? 0 : -1}
              className="orgselect__item"
              onClick={() => choose(org)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  choose(org);
                }
              }}
            >
              <span className="orgselect__name">{org.name}</span>
              <span className="orgselect__role">{org.role.name}</span>
            </div>
          ))}
          <div className="orgselect__separator" role="separator" />
          <Link
            ref={(el) => {
              itemRefs.current[list.length] = el;
            }}
            to="/orgs"
            role="menuitem"
            tabIndex={active === list.length ? 0 : -1}
            className="orgselect__item orgselect__item--link"
            onClick={() => setOpen(false)}
          >
            All organizations
          </Link>
        </div>
      ) : null}
    </div>
  );
}
