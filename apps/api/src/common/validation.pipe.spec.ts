import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error';
import { createValidationPipe } from './validation.pipe';

class ItemDto {
  @IsIn(['add', 'remove'])
  action: string;

  @IsInt()
  @Min(1)
  @Max(64)
  quantity: number;
}

class TicketDto {
  @IsString()
  title: string;

  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items: ItemDto[];
}

const metadata: ArgumentMetadata = { type: 'body', metatype: TicketDto, data: '' };

async function validationError(body: unknown): Promise<DomainError> {
  try {
    await createValidationPipe().transform(body, metadata);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('validation pipe', () => {
  it('names nested fields by path', async () => {
    const error = await validationError({ title: 'x', items: [{ action: 'add', quantity: 1 }, { action: 'add', quantity: 0 }] });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.fields).toEqual([{ field: 'items.1.quantity', reason: 'must not be less than 1' }]);
    expect(error.message).toBe('Invalid items.1.quantity: must not be less than 1');
  });

  it('rejects unknown properties, also inside items', async () => {
    const error = await validationError({ title: 'x', admin: true, items: [{ action: 'add', quantity: 1, price: 3 }] });
    expect(error.details?.fields).toEqual([
      { field: 'admin', reason: 'is not an allowed property' },
      { field: 'items.0.price', reason: 'is not an allowed property' },
    ]);
  });

  it('transforms a valid body into the DTO class', async () => {
    const value: unknown = await createValidationPipe().transform({ title: 'x', items: [{ action: 'remove', quantity: 2 }] }, metadata);
    expect(value).toBeInstanceOf(TicketDto);
    expect((value as TicketDto).items[0]).toBeInstanceOf(ItemDto);
  });
});
