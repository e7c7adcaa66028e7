import { Injectable } from '@nestjs/common';
import { CANDIDATE_UNITS_MAX, type CandidateModel, type CandidatesRequest, type CandidatesResponse, type CandidateUnit } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { ItemValidationService } from '../ticket-items/item-validation.service';
import { CandidatesRepository } from './candidates.repository';
import { modelDisplayName } from './catalog.dto';

const STATUS_RANK = { valid: 0, warning: 1, invalid: 2 } as const;

/**
 * Build-aware pickers: every catalog model of a type, judged by the compatibility engine as one more
 * item after the draft ticket's items, so that the form offers what fits first and shows why the
 * rest does not (an SP5 CPU for an LGA4677 board, DDR4 for a DDR5 server).
 */
@Injectable()
export class CandidatesService {
  constructor(
    private readonly repository: CandidatesRepository,
    private readonly validation: ItemValidationService,
  ) {}

  async candidates(_auth: AuthContext, serverUuid: string, request: CandidatesRequest): Promise<CandidatesResponse> {
    await this.validation.findServer(serverUuid);
    const [models, units] = await Promise.all([this.repository.modelsOfType(request.componentType), this.repository.availableUnits(request.componentType, CANDIDATE_UNITS_MAX)]);
    const verdicts = await this.validation.judgeCandidates(serverUuid, request.items ?? [], models.map((m) => ({ uuid: m.uuid, componentType: request.componentType })));
    const unitsByModel = new Map<string, CandidateUnit[]>();
    for (const u of units) unitsByModel.set(u.uuid, [...(unitsByModel.get(u.uuid) ?? []), { id: u.id, serialNumber: u.serialNumber, location: u.location }]);
    const candidates = models.map((m): CandidateModel => {
      const verdict = verdicts.get(m.uuid) ?? { status: 'valid' as const, reasons: [], rules: [] };
      return {
        uuid: m.uuid,
        componentType: request.componentType,
        name: modelDisplayName(m),
        brand: m.brand,
        model: m.model,
        availableUnits: m.available,
        units: unitsByModel.get(m.uuid) ?? [],
        status: verdict.status,
        compatible: verdict.status !== 'invalid',
        reasons: verdict.reasons,
        rules: verdict.rules,
      };
    });
    candidates.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || Number(b.availableUnits > 0) - Number(a.availableUnits > 0) || a.name.localeCompare(b.name));
    return { serverUuid, componentType: request.componentType, candidates };
  }
}
