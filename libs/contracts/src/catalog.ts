import type { ComponentType } from './enums';

/** `active` models are offered for new tickets and stock; `retired` ones stay readable. */
export const CATALOG_STATUSES = ['active', 'retired'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

/** Where a model came from: typed in (`manual`), the demo seed, or a BDC IMS catalog import. */
export const CATALOG_SOURCES = ['manual', 'demo', 'bdc-ims-import'] as const;
export type CatalogSource = (typeof CATALOG_SOURCES)[number];

export const CATALOG_SORT_FIELDS = ['name', 'brand', 'type', 'updatedAt'] as const;
export type CatalogSortField = (typeof CATALOG_SORT_FIELDS)[number];

export interface CatalogModel {
  uuid: string;
  componentType: ComponentType;
  brand: string;
  model: string;
  /** "Intel Xeon Gold 6430": brand + model, without repeating the brand. */
  name: string;
  series: string | null;
  family: string | null;
  status: CatalogStatus;
  source: CatalogSource;
  /** Canonical keys of SPEC_SCHEMAS[componentType] beside the vendor's own fields. */
  specifications: Record<string, unknown>;
  /** Spare units with status available. */
  availableUnits: number;
  createdAt: string;
  updatedAt: string;
}

export interface CatalogQuery {
  type?: ComponentType;
  brand?: string;
  q?: string;
  /** Default `active`. */
  status?: CatalogStatus | 'all';
  page?: number;
  pageSize?: number;
  sort?: CatalogSortField | `-${CatalogSortField}`;
}

export interface CatalogModelCreate {
  /** Omitted: the API generates one. */
  uuid?: string;
  componentType: ComponentType;
  brand: string;
  model: string;
  series?: string | null;
  family?: string | null;
  specifications: Record<string, unknown>;
}

/** The type is fixed at creation (stock and tickets refer to the model as that type). */
export interface CatalogModelUpdate {
  brand?: string;
  model?: string;
  series?: string | null;
  family?: string | null;
  /** Replaces the whole object (send the vendor fields you want to keep). */
  specifications?: Record<string, unknown>;
}

export interface CatalogImportSkip {
  /** Where in the upload: `cpu-jsons/Cpu-details-level-3.json#models[1]`. */
  where: string;
  model: string | null;
  uuid: string | null;
  reason: string;
}

export interface CatalogImportTypeReport {
  componentType: ComponentType;
  imported: number;
  updated: number;
  unchanged: number;
  skipped: CatalogImportSkip[];
}

export interface CatalogImportReport {
  dryRun: boolean;
  /** Files read, and those that held no models (series/family descriptions, lists of values). */
  files: { read: number; withoutModels: string[]; unreadable: { file: string; reason: string }[] };
  types: CatalogImportTypeReport[];
  totals: { imported: number; updated: number; unchanged: number; skipped: number };
}
