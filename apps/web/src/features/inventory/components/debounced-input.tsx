import { LIMITS } from '@bdc/contracts';
import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { SearchIcon } from '../../../components/icons';

/** A text filter that writes to the URL once typing pauses. */
export function DebouncedInput({ label, value, onCommit, placeholder }: { label: string; value: string; onCommit: (v: string) => void; placeholder?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const push = useDebouncedCallback((v: string) => onCommit(v.trim()), 300);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={text}
      maxLength={LIMITS.searchMax}
      leftSection={label.startsWith('Search') ? <SearchIcon /> : undefined}
      onChange={(e) => {
        setText(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
    />
  );
}
