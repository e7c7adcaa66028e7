import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { COMPONENT_TYPES, LIMITS, type CandidatesRequest, type CandidatesResponse, type ComponentType } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { TicketItemInputDto } from '../tickets/tickets.dto';
import { CandidatesService } from './candidates.service';

export class CandidatesDto implements CandidatesRequest {
  @ApiProperty({ enum: COMPONENT_TYPES })
  @IsIn(COMPONENT_TYPES)
  componentType: ComponentType;

  @ApiPropertyOptional({ type: [TicketItemInputDto], maxItems: LIMITS.itemsMax, description: 'The draft ticket items: candidates are judged against the server after them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.itemsMax)
  @ValidateNested({ each: true })
  @Type(() => TicketItemInputDto)
  items?: TicketItemInputDto[];
}

class CandidateUnitDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
}

class CandidateModelDto {
  @ApiProperty() uuid: string;
  @ApiProperty({ enum: COMPONENT_TYPES }) componentType: ComponentType;
  @ApiProperty() name: string;
  @ApiProperty() brand: string;
  @ApiProperty() model: string;
  @ApiProperty() availableUnits: number;
  @ApiProperty({ type: [CandidateUnitDto] }) units: CandidateUnitDto[];
  @ApiProperty({ enum: ['valid', 'warning', 'invalid'] }) status: 'valid' | 'warning' | 'invalid';
  @ApiProperty() compatible: boolean;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty({ type: [String], description: 'Rule codes (docs/compatibility.md)' }) rules: string[];
}

class CandidatesResponseDto implements CandidatesResponse {
  @ApiProperty() serverUuid: string;
  @ApiProperty({ enum: COMPONENT_TYPES }) componentType: ComponentType;
  @ApiProperty({ type: [CandidateModelDto] }) candidates: CandidateModelDto[];
}

@ApiTags('servers')
@Controller('servers')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Post(':uuid/candidates')
  @HttpCode(200)
  @RequirePermission('ticket.create', 'server.edit')
  @ApiOperation({ summary: 'Catalog models and available units of a type, each judged against the server after the draft items (compatible first)' })
  @ApiOkResponse({ type: CandidatesResponseDto })
  list(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string, @Body() body: CandidatesDto): Promise<CandidatesResponse> {
    return this.candidates.candidates(auth, uuid, body);
  }
}
