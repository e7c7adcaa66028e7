import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

/** Route ids: a positive integer, else 400 naming the parameter (ParseIntPipe names nothing). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const field = metadata.data ?? 'id';
    const id = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(id) || id < 1) {
      throw new DomainError('VALIDATION_FAILED', `Invalid ${field}: must be a positive integer`, { fields: [{ field, reason: 'must be a positive integer' }] });
    }
    return id;
  }
}
