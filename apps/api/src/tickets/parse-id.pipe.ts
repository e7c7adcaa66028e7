import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { LIMITS } from '@bdc/contracts';
import { fieldError } from '../common/domain-error';

/** Route ids: a positive integer, else 400 naming the parameter (ParseIntPipe names nothing). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const field = metadata.data ?? 'id';
    const id = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
    // Beyond LIMITS.idMax no row can exist (32-bit columns on MariaDB): refused like any malformed id.
    if (!Number.isSafeInteger(id) || id < 1 || id > LIMITS.idMax) {
      throw fieldError(field, `must be a positive integer of at most ${LIMITS.idMax}`);
    }
    return id;
  }
}
