import type { ObjectLiteral } from 'typeorm';

/** What the database generated for an inserted row. */
export interface InsertedRow {
  id: number;
  createdAt: Date;
  updatedAt: Date;
}

/** From an InsertResult's identifier and generated map (TypeORM types both as loose records). */
export function insertedRow(identifier: ObjectLiteral | undefined, generated: ObjectLiteral | undefined, what: string): InsertedRow {
  const id: unknown = identifier?.['id'];
  const createdAt: unknown = generated?.['createdAt'];
  const updatedAt: unknown = generated?.['updatedAt'];
  if (typeof id !== 'number') throw new Error(`${what} insert returned no id`);
  if (!(createdAt instanceof Date) || !(updatedAt instanceof Date)) throw new Error(`${what} insert returned no timestamps`);
  return { id, createdAt, updatedAt };
}

/** Rows as inserted, each with what the database generated for it (insertMany answers in order). */
export function withInserted<T extends object>(rows: readonly T[], inserted: readonly InsertedRow[]): (T & InsertedRow)[] {
  return rows.map((row, index) => {
    const generated = inserted[index];
    if (!generated) throw new Error(`No inserted row ${index}`);
    return { ...row, ...generated };
  });
}
