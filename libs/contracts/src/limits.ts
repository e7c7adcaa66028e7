/** Field limits enforced by the API's DTOs and by the SPA's forms alike. */
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
  estimatedDurationMax: 60 * 24 * 30,
  pageSizeMax: 100,
  pageSizeDefault: 20,
  searchMax: 200,
} as const;
