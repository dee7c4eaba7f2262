import { ChevronDown } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useChat } from '@/lib/chat/chat-store';
import { useLiveModels } from '@/lib/chat/model-lists';
import { regenerateChoices } from '@/lib/chat/regenerate-choices';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { IconButton } from '@/components/ui/IconButton';
import { t } from '@/lib/i18n/t';

/**
 * "Regenerate with…": a menu of the models of every provider the user has set up. The answer comes
 * as a new version beside this one, so two models can be compared on one question. A menu button
 * in the ARIA Authoring Practices' pattern: arrows move, Enter picks, Escape closes.
 */
export function RegenerateMenu({ answerId, disabled }: { answerId: string; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  // Opens towards the larger part of the panel: down from an answer near the top, up from one near the composer.
  const [below, setBelow] = useState(false);
  const settings = useEffectiveSettings();
  const live = useLiveModels();
  const regenerate = useChat((s) => s.regenerate);
  const menuId = useId();
  const wrapper = useRef<HTMLSpanElement>(null);
  const groups = open ? regenerateChoices(settings, live) : [];

  useEffect(() => {
    if (!open) return;
    wrapper.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (event: MouseEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(wrapper.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') {
      setOpen(false);
      if (event.key === 'Escape') wrapper.current?.querySelector<HTMLElement>('button')?.focus();
    }
  };

  return (
    <span className="menu-anchor" ref={wrapper} onKeyDown={open ? onKeyDown : undefined}>
      <IconButton
        label={t('regenerate_other_model')}
        icon={ChevronDown}
        tooltip="above"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => {
          setBelow((wrapper.current?.getBoundingClientRect().top ?? 0) < window.innerHeight / 2);
          setOpen(!open);
        }}
      />
      {open && (
        <div className={`menu${below ? ' below' : ''}`} role="menu" id={menuId} aria-label={t('regenerate_with')}>
          {groups.length === 0 && <p className="menu-empty">{t('regenerate_none')}</p>}
          {groups.map((group) => (
            <div key={group.provider} role="group" aria-label={group.label}>
              <div className="menu-heading" aria-hidden="true">
                {group.label}
              </div>
              {group.choices.map((choice) => (
                <button
                  key={choice.model}
                  type="button"
                  role="menuitem"
                  aria-label={`${group.label} · ${choice.name}`}
                  title={choice.model}
                  tabIndex={-1}
                  onClick={() => {
                    setOpen(false);
                    regenerate(answerId, choice);
                  }}
                >
                  {choice.name}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </span>
  );
}
