import type { LucideIcon } from 'lucide-react';
import type { ButtonHTMLAttributes, ReactNode } from 'react';

interface Props extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'children'> {
  /** The accessible name (DESIGN.md keeps these stable) and the tooltip. */
  label: string;
  icon: LucideIcon;
  /** Visible text beside the icon; without it the button shows the icon alone. */
  children?: ReactNode;
  /** Where the tooltip opens: below (default), above, or aligned to the button's end near the right edge. */
  tooltip?: 'below' | 'above' | 'below-end' | 'above-end';
}

/**
 * A button shown as an icon, named by `label` for screen readers and tests, with the same words in a
 * tooltip on hover and on keyboard focus (a `title` shows on neither reliably). The icon is
 * decoration: hidden from assistive technology.
 */
export function IconButton({ label, icon: Icon, children, tooltip = 'below', className, type = 'button', ...rest }: Props) {
  return (
    <button
      type={type}
      aria-label={children ? undefined : label}
      data-tooltip={children ? undefined : label}
      data-tooltip-at={tooltip}
      className={`icon-button${children ? ' with-text' : ''}${className ? ` ${className}` : ''}`}
      {...rest}
    >
      <Icon aria-hidden="true" focusable="false" size={16} strokeWidth={2} />
      {children && <span>{children}</span>}
    </button>
  );
}
