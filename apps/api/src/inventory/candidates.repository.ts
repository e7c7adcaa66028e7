import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';

export interface CandidateModelRow {
  uuid: string;
  componentType: string;
  brand: string;
  model: string;
  available: number;
}

export interface CandidateUnitRow {
  id: number;
  uuid: string;
  serialNumber: string | null;
  location: string | null;
}

/** The catalog and stock a picker offers: every model of one type with its available count, and available units. */
@Injectable()
export class CandidatesRepository {
  constructor(private readonly db: DatabaseService) {}

  async modelsOfType(componentType: string): Promise<CandidateModelRow[]> {
    const rows: (Omit<CandidateModelRow, 'available'> & { available: number | string })[] = await this.db.dataSource.manager.query(
      `SELECT m.uuid AS uuid, m.component_type AS componentType, m.brand AS brand, m.model AS model,
              (SELECT COUNT(*) FROM component_stock c WHERE c.component_type = m.component_type AND c.uuid = m.uuid AND c.status = 'available') AS available
         FROM component_catalog m
        WHERE m.component_type = ? AND m.status <> 'retired'
        ORDER BY m.brand, m.model`,
      [componentType],
    );
    return rows.map((r) => ({ ...r, available: Number(r.available) }));
  }

  /** Available units of one type, oldest first: at most `perModel` per model. */
  async availableUnits(componentType: string, perModel: number): Promise<CandidateUnitRow[]> {
    const rows: { id: number | string; uuid: string; serialNumber: string | null; location: string | null }[] = await this.db.dataSource.manager.query(
      `SELECT c.id AS id, c.uuid AS uuid, c.serial_number AS serialNumber, c.location AS location
         FROM component_stock c
        WHERE c.component_type = ? AND c.status = 'available'
        ORDER BY c.uuid, c.id`,
      [componentType],
    );
    const counts = new Map<string, number>();
    const out: CandidateUnitRow[] = [];
    for (const r of rows) {
      const n = counts.get(r.uuid) ?? 0;
      if (n >= perModel) continue;
      counts.set(r.uuid, n + 1);
      out.push({ id: Number(r.id), uuid: r.uuid, serialNumber: r.serialNumber, location: r.location });
    }
    return out;
  }
}
