import { CreateDateColumn, UpdateDateColumn, type ValueTransformer } from 'typeorm';

/**
 * Column conventions that keep one migration set valid on SQLite and MariaDB (see stack notes):
 * integer ids, varchar instead of native enums, simple-json, whole-second datetimes.
 */
export const CreatedAt = (name = 'created_at') => CreateDateColumn({ name, type: 'datetime' });
export const UpdatedAt = (name = 'updated_at') => UpdateDateColumn({ name, type: 'datetime' });

/** MariaDB returns DECIMAL as a string, SQLite as a number: always hand the service a number. */
export const decimalToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};
