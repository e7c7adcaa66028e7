import { Combobox, Textarea, useCombobox, type TextareaProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { useMentionable } from '../api/notifications';

/** The `@word` being typed right before the caret, if any (an address like a@b does not count). */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[^\w.@])@([A-Za-z0-9._-]{0,30})$/.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

type Props = Omit<TextareaProps, 'value' | 'onChange'> & {
  ticketId: number;
  /** An internal note: only people who may read internal notes are offered. */
  internal: boolean;
  value: string;
  onChange: (value: string) => void;
};

/**
 * A comment box that offers the people who can see the ticket after `@` and inserts `@username`.
 * Arrow keys move through the offers, Enter or Tab picks one, Escape closes the list.
 */
export function MentionTextarea({ ticketId, internal, value, onChange, ...textarea }: Props) {
  const combobox = useCombobox();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [query] = useDebouncedValue(mention?.query ?? '', 150);
  const users = useMentionable(ticketId, query, internal, mention !== null);
  const options = mention ? (users.data ?? []) : [];

  const track = (text: string, caret: number) => {
    const found = mentionAt(text, caret);
    setMention(found);
    if (found) combobox.openDropdown();
    else combobox.closeDropdown();
  };

  const pick = (username: string) => {
    if (!mention) return;
    const end = mention.start + 1 + mention.query.length;
    const next = `${value.slice(0, mention.start)}@${username} ${value.slice(end)}`;
    onChange(next);
    setMention(null);
    combobox.closeDropdown();
    const caret = mention.start + username.length + 2;
    requestAnimationFrame(() => ref.current?.setSelectionRange(caret, caret));
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} position="bottom-start" withinPortal={false}>
      <Combobox.Target targetType="input">
        <Textarea
          {...textarea}
          ref={ref}
          value={value}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            track(e.currentTarget.value, e.currentTarget.selectionStart);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Tab' && combobox.dropdownOpened && options.length > 0) {
              e.preventDefault();
              combobox.clickSelectedOption();
            }
          }}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={options.length === 0} aria-label="People to mention">
        <Combobox.Options>
          {options.map((u) => (
            <Combobox.Option value={u.username} key={u.id}>
              {u.displayName} (@{u.username})
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
