import { Injectable } from '@nestjs/common';
import { stableJson } from '../../common/stable-json';
import { COMPONENT_TYPES, type CatalogImportReport, type CatalogImportSkip, type CatalogImportTypeReport, type ComponentType } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../access/auth-context';
import { exceedsJsonDepth } from '../../common/json-body-parser';
import { DatabaseService } from '../../database/database.service';
import type { CatalogModelEntity } from '../catalog-model.entity';
import { CatalogRepository, type CatalogInsert } from '../catalog.repository';
import { mapModel, type MappedModel } from './mappers';
import { IMPORT_JSON_DEPTH_MAX, componentTypeOfPath, findModels, parseLenientJson, type FoundModel, type ImportFile } from './reader';

export interface ImportOptions {
  dryRun: boolean;
  /** Called as models are mapped and written: (done, total). */
  onProgress?: (done: number, total: number) => void;
}

const LOOKUP_CHUNK = 500;

/**
 * Imports BDC IMS catalog files: upsert by model UUID, all in one transaction per run (a failure
 * leaves nothing half-imported), idempotent (a model whose mapped fields equal what is stored is
 * `unchanged` and not written), and a dry run that reads and compares but writes nothing.
 * A model's status (retired) and source are the catalog's own and are not touched by a re-import.
 */
@Injectable()
export class CatalogImportService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly db: DatabaseService,
  ) {}

  /** An upload by a user (the route checked inventory.edit). */
  importUpload(_auth: AuthContext, files: ImportFile[], dryRun: boolean): Promise<CatalogImportReport> {
    return this.run(files, { dryRun });
  }

  async run(files: ImportFile[], options: ImportOptions): Promise<CatalogImportReport> {
    const report = emptyReport(options.dryRun);
    const byType = new Map(report.types.map((t) => [t.componentType, t]));
    const found: FoundModel[] = [];
    for (const file of files) {
      report.files.read++;
      const models = this.readFile(file, report);
      if (models) found.push(...models);
    }

    // Map, and keep the first of models that share a UUID (BDC IMS files repeat some).
    const mapped: MappedModel[] = [];
    const firstSeen = new Map<string, string>();
    for (const model of found) {
      const result = mapModel(model);
      const skips = byType.get(model.componentType)?.skipped;
      if (!result.ok) {
        skips?.push({ where: model.where, model: result.model, uuid: result.uuid, reason: result.reason });
        continue;
      }
      const earlier = firstSeen.get(result.model.uuid);
      if (earlier !== undefined) {
        skips?.push({ where: model.where, model: result.model.model, uuid: result.model.uuid, reason: `duplicate UUID (first seen at ${earlier})` });
        continue;
      }
      firstSeen.set(result.model.uuid, model.where);
      mapped.push(result.model);
    }

    const total = mapped.length;
    let done = 0;
    options.onProgress?.(0, total);
    const apply = async (manager: EntityManager | undefined) => {
      const existing = new Map<string, CatalogModelEntity>();
      for (let i = 0; i < mapped.length; i += LOOKUP_CHUNK) {
        for (const row of await this.catalog.findByUuids(mapped.slice(i, i + LOOKUP_CHUNK).map((m) => m.uuid), manager)) existing.set(row.uuid, row);
      }
      const inserts: CatalogInsert[] = [];
      for (const model of mapped) {
        const entry = byType.get(model.componentType);
        if (!entry) continue;
        const stored = existing.get(model.uuid);
        if (!stored) {
          inserts.push({ ...model, status: 'active', source: 'bdc-ims-import' });
          entry.imported++;
        } else if (stored.componentType !== model.componentType) {
          entry.skipped.push({ where: firstSeen.get(model.uuid) ?? model.uuid, model: model.model, uuid: model.uuid, reason: `UUID already used by a ${stored.componentType} model (${stored.brand} ${stored.model})` });
        } else if (sameModel(stored, model)) {
          entry.unchanged++;
        } else {
          entry.updated++;
          if (manager) {
            await this.catalog.update(manager, stored.id, { brand: model.brand, model: model.model, series: model.series, family: model.family, specifications: model.specifications });
          }
        }
        done++;
        if (done % 25 === 0) options.onProgress?.(done, total);
      }
      if (manager && inserts.length > 0) await this.catalog.insert(manager, inserts);
      options.onProgress?.(total, total);
    };
    if (options.dryRun) await apply(undefined);
    else await this.db.transaction((manager) => apply(manager));

    for (const type of report.types) {
      report.totals.imported += type.imported;
      report.totals.updated += type.updated;
      report.totals.unchanged += type.unchanged;
      report.totals.skipped += type.skipped.length;
    }
    return report;
  }

  private readFile(file: ImportFile, report: CatalogImportReport): FoundModel[] | null {
    const unreadable = (reason: string) => {
      report.files.unreadable.push({ file: file.name, reason });
      return null;
    };
    const type = componentTypeOfPath(file.name);
    if (type === null) return unreadable('cannot tell the component type from its folder or file name');
    if (exceedsJsonDepth(file.text, IMPORT_JSON_DEPTH_MAX)) return unreadable(`nested deeper than ${IMPORT_JSON_DEPTH_MAX} levels`);
    const parsed = parseLenientJson(file.text);
    if ('error' in parsed) return unreadable(`not JSON: ${parsed.error}`);
    const models = findModels(parsed.value, file.name, type);
    if (models.length === 0) report.files.withoutModels.push(file.name);
    return models;
  }
}

function sameModel(stored: CatalogModelEntity, model: MappedModel): boolean {
  return (
    stored.brand === model.brand &&
    stored.model === model.model &&
    stored.series === model.series &&
    stored.family === model.family &&
    stableJson(stored.specifications) === stableJson(model.specifications)
  );
}

function emptyReport(dryRun: boolean): CatalogImportReport {
  const types: CatalogImportTypeReport[] = COMPONENT_TYPES.map((componentType: ComponentType) => ({ componentType, imported: 0, updated: 0, unchanged: 0, skipped: [] as CatalogImportSkip[] }));
  return { dryRun, files: { read: 0, withoutModels: [], unreadable: [] }, types, totals: { imported: 0, updated: 0, unchanged: 0, skipped: 0 } };
}
