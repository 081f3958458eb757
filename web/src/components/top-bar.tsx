import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';

export interface TopBarProps {
  /** The brand link's target and text. */
  home: string;
  brand: string;
  /** The navigation's accessible name ("Main", "Admin"). */
  label: string;
  links: readonly (readonly [to: string, text: string])[];
  /** Shown next to the menu button on every width (e.g. the plan badge). */
  status?: ReactNode;
  /** The account block (email, sign out), inside the menu on a phone. */
  account?: ReactNode;
  className?: string;
}

/**
 * The header of the web app and the admin console. On a wide screen the links and the account sit
 * in one row; on a phone (see styles.css) they fold behind a Menu button, a disclosure: the button
 * says whether it is open, Escape or a click elsewhere closes it and gives the focus back to the
 * button, and following a link closes it.
 */
export function TopBar({ home, brand, label, links, status, account, className }: TopBarProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const header = useRef<HTMLElement>(null);
  const { pathname } = useLocation();

  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !header.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <header className={`topbar${className ? ` ${className}` : ''}`} ref={header}>
      <Link to={home} className="brand">
        {brand}
      </Link>
      {status && <span className="topbar-status">{status}</span>}
      {(links.length > 0 || account) && (
        <>
          <button
            type="button"
            className="menu-button"
            ref={button}
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((was) => !was)}
          >
            <span className="menu-icon" aria-hidden="true" />
            Menu
          </button>
          <div className="topbar-menu" id={menuId} data-open={open}>
            <nav aria-label={label}>
              <ul>
                {links.map(([to, text]) => (
                  <li key={to}>
                    <NavLink to={to} onClick={() => setOpen(false)}>
                      {text}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            {account && <div className="account">{account}</div>}
          </div>
        </>
      )}
    </header>
  );
}
