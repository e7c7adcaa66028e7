/**
 * Every input limit, defined once: the API's DTOs enforce them (400 naming the field and the limit)
 * and the SPA's forms show them. Text lengths count Unicode code points, which is what MariaDB's
 * utf8mb4 VARCHAR(n)/TEXT count and store (JavaScript's `length` counts UTF-16 units: an emoji is 2).
 * Every column is wide enough for what these admit on both engines (4 bytes per code point on
 * MariaDB); see migrations/src/1764900000000-input-limits.ts.
 */
export const LIMITS = {
  titleMax: 255,
  descriptionMax: 10_000,
  commentMax: 10_000,
  reasonMax: 2_000,
  notesMax: 5_000,
  itemsMax: 50,
  quantityMax: 64,
  valueMax: 1_000,
  serialMax: 255,
  uuidMax: 255,
  /** Server configuration UUIDs (the column is VARCHAR(50)). */
  serverUuidMax: 50,
  estimatedDurationMax: 60 * 24 * 30,
  pageSizeMax: 100,
  pageSizeDefault: 20,
  /** Deeper pages than this are refused: OFFSET beyond it is a scan, not a page anyone reads. */
  pageMax: 10_000,
  searchMax: 200,
  /**
   * The ticket list counts at most this many rows past the first of the page: beyond it the reply's
   * total is a lower bound (`totalIsLowerBound`), shown as "10,000+" (docs/decisions.md, "List totals").
   */
  listTotalCap: 10_000,
  /** An opaque keyset cursor of the ticket list (base64url of a small JSON). */
  cursorMax: 600,
  /** Saved ticket-list filters: a name (VARCHAR(100)), the list's query string, and how many one user keeps. */
  savedFilterNameMax: 100,
  savedFilterQueryMax: 2_000,
  savedFiltersPerUserMax: 50,
  /** Sign-in: user names (users.username is VARCHAR(100)), passwords, and the tokens we issue. */
  usernameMax: 100,
  passwordMax: 200,
  tokenMax: 200,
  /** roles.name is VARCHAR(50); tickets.assigned_role holds one. */
  roleNameMax: 50,
  /** Ids (path and body): the columns are 32-bit signed integers on MariaDB. */
  idMax: 2_147_483_647,
  /** Nesting of any JSON request body (objects and arrays), checked before it is parsed. */
  jsonDepthMax: 32,
  /** An item's `specifications`: a flat-ish object of scalars. */
  specificationsKeysMax: 50,
  specificationsKeyMax: 100,
  /** Serialized as JSON, in UTF-8 bytes (the column is TEXT: 65,535 bytes on MariaDB). */
  specificationsBytesMax: 16_384,
  /** 1: only scalar values; 2: values may also be objects of scalars. */
  specificationsDepthMax: 2,
  /** Catalog models: brand (VARCHAR(100)), model, series and family (VARCHAR(150)), model UUIDs (VARCHAR(50)). */
  brandMax: 100,
  catalogModelMax: 150,
  catalogUuidMax: 50,
  /**
   * A catalog model's `specifications` (canonical keys and the vendor's own, possibly nested: a BDC IMS
   * motherboard is ~5 KB of nested JSON). Bytes of UTF-8 JSON, under MariaDB's 65,535-byte TEXT.
   */
  catalogSpecificationsBytesMax: 32_768,
  catalogSpecificationsKeysMax: 1_000,
  catalogSpecificationsDepthMax: 8,
  /** Date-times (e.g. scheduledDate): years outside this range are refused. */
  dateTimeYearMin: 1970,
  dateTimeYearMax: 9999,
  /** Stock units and servers (the columns: component_stock, server_configurations). */
  unitSerialMax: 100,
  locationMax: 100,
  flagMax: 50,
  slotMax: 50,
  serverNameMax: 255,
  /** The rack name, short enough that `rack-Uunit` fits server_configurations.rack_position (20). */
  rackMax: 15,
  rackUnitMax: 99,
  powerBudgetMax: 1_000_000,
  /** Serials received in one request, and rows in one CSV import. */
  receiveSerialsMax: 500,
  importRowsMax: 5_000,
  warrantyWithinDaysMax: 3_650,
} as const;

/** What a text field may contain besides printable characters. */
export type TextKind = 'single-line' | 'multi-line';

/**
 * C0 and C1 control characters and DEL; multi-line texts may keep \t \n \r. Refused rather than
 * stripped: a title of NULs is a client bug, not something to store silently altered.
 */
export function hasControlCharacters(value: string, kind: TextKind): boolean {
  // eslint-disable-next-line no-control-regex
  return kind === 'single-line' ? /[\u0000-\u001f\u007f-\u009f]/.test(value) : /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(value);
}

/**
 * A UTF-16 surrogate without its pair is no character at all: JSON admits it (`"\ud800"`), but neither
 * engine can store it (it comes back as U+FFFD), so a text holding one is refused rather than mangled.
 */
export function hasLoneSurrogates(value: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** Length as LIMITS count it: Unicode code points. */
export function textLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
