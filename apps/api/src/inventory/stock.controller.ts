import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ComponentUnit, ComponentUnitDetail, ListResult, Page, StockImportResult, UnitLogEntry } from '@bdc/contracts';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { csvUploadBytes } from '../common/upload-parsers';
import { AppConfig } from '../config/app-config';
import { ParseIdPipe } from '../tickets/parse-id.pipe';
import { readCsvUpload } from './stock-upload';
import {
  ComponentExportQueryDto,
  ComponentListDto,
  ComponentListQueryDto,
  ComponentPageDto,
  ComponentUnitDetailDto,
  ReceiveUnitsDto,
  StockImportQueryDto,
  StockImportResultDto,
  UnitLogEntryDto,
  UnitStatusDto,
  UpdateUnitDto,
} from './stock.dto';
import { StockService } from './stock.service';

@ApiTags('inventory')
@Controller('components')
export class StockController {
  constructor(
    private readonly stock: StockService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @RequirePermission('inventory.view')
  @ApiOperation({ summary: 'Stock units (one per serial number), filtered, searched, sorted and paged; `uuid` is the catalog model' })
  @ApiOkResponse({ type: ComponentPageDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: ComponentListQueryDto): Promise<Page<ComponentUnit>> {
    return this.stock.list(auth, query);
  }

  @Get('export.csv')
  @RequirePermission('inventory.view')
  @ApiOperation({ summary: 'The units matching the list filters, as CSV (streamed; columns in STOCK_CSV_COLUMNS)' })
  @ApiProduces('text/csv')
  exportCsv(@CurrentAuth() auth: AuthContext, @Query() query: ComponentExportQueryDto): StreamableFile {
    return new StreamableFile(this.stock.exportCsv(auth, query), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="stock.csv"' });
  }

  @Post()
  @RequirePermission('inventory.edit')
  @ApiOperation({ summary: 'Receive units: one (`serialNumber`) or many of one model (`serials`), status available; 409 naming serials already in stock' })
  @ApiCreatedResponse({ type: ComponentListDto })
  receive(@CurrentAuth() auth: AuthContext, @Body() body: ReceiveUnitsDto): Promise<ListResult<ComponentUnit>> {
    return this.stock.receive(auth, body);
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermission('inventory.edit')
  @ApiOperation({
    summary:
      'Import units from CSV: a text/csv body, a multipart/form-data `file`, or JSON `{ "csv": "…" }`. `?dryRun=true` previews every row; a real run writes all new rows or, when a row is invalid, nothing (400 with the rows). Serials already in stock are reported as duplicates and skipped',
  })
  @ApiConsumes('text/csv', 'multipart/form-data', 'application/json')
  @ApiBody({ required: true, schema: { type: 'string', description: 'CSV with a header line: component_type, model_uuid, serial_number, then optionally location, purchase_date, warranty_end_date, flag, notes' } })
  @ApiOkResponse({ type: StockImportResultDto })
  async import(@CurrentAuth() auth: AuthContext, @Query() query: StockImportQueryDto, @Req() request: FastifyRequest, @Body() body: unknown): Promise<StockImportResult> {
    return this.stock.importCsv(auth, await readCsvUpload(request, body, csvUploadBytes(this.config)), query.dryRun === 'true');
  }

  @Get(':id')
  @RequirePermission('inventory.view')
  @ApiOperation({ summary: 'One unit, with its server and the open ticket holding it, if any' })
  @ApiOkResponse({ type: ComponentUnitDetailDto })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<ComponentUnitDetail> {
    return this.stock.get(auth, id);
  }

  @Patch(':id')
  @RequirePermission('inventory.edit')
  @ApiOperation({ summary: 'Edit location, dates, notes, flag; a location change is refused (409 naming the ticket) while a ticket holds the unit' })
  @ApiOkResponse({ type: ComponentUnitDetailDto })
  update(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: UpdateUnitDto): Promise<ComponentUnitDetail> {
    return this.stock.update(auth, id, body);
  }

  @Post(':id/fail')
  @HttpCode(200)
  @RequirePermission('inventory.edit')
  @ApiOperation({ summary: 'available → failed (for RMA), with a reason; 409 for installed units (a ticket removes them) and units a ticket holds' })
  @ApiOkResponse({ type: ComponentUnitDetailDto })
  fail(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: UnitStatusDto): Promise<ComponentUnitDetail> {
    return this.stock.markFailed(auth, id, body.reason);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @RequirePermission('inventory.edit')
  @ApiOperation({ summary: 'available or failed → retired, with a reason; 409 otherwise' })
  @ApiOkResponse({ type: ComponentUnitDetailDto })
  retire(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: UnitStatusDto): Promise<ComponentUnitDetail> {
    return this.stock.retire(auth, id, body.reason);
  }

  @Get(':id/log')
  @RequirePermission('inventory.view')
  @ApiOperation({ summary: "The unit's log, oldest first: every change of status, server, slot or location, who did it and which ticket or direct edit" })
  @ApiOkResponse({ type: [UnitLogEntryDto] })
  log(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<UnitLogEntry[]> {
    return this.stock.log(auth, id);
  }
}
