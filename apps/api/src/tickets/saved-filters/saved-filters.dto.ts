import { ApiProperty } from '@nestjs/swagger';
import { LIMITS, type SavedFilter, type SaveFilterRequest } from '@bdc/contracts';
import { TextRules } from '../../common/text-rules';

export class SaveFilterDto implements SaveFilterRequest {
  @ApiProperty({ maxLength: LIMITS.savedFilterNameMax, description: 'Saving under a name the caller already uses replaces that filter' })
  @TextRules({ max: LIMITS.savedFilterNameMax, kind: 'single-line', required: true })
  name: string;

  @ApiProperty({ maxLength: LIMITS.savedFilterQueryMax, description: "The ticket list's URL query string, e.g. `status=pending&priority=high`", example: 'status=pending' })
  @TextRules({ max: LIMITS.savedFilterQueryMax, kind: 'single-line', trim: false })
  query: string;
}

export class SavedFilterDto implements SavedFilter {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() query: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SavedFilterListDto {
  @ApiProperty({ type: [SavedFilterDto] }) items: SavedFilterDto[];
  @ApiProperty() total: number;
}
