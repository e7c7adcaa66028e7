import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import type { CatalogImportReport } from '@bdc/contracts';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../access/auth-context';
import { CurrentAuth, RequirePermission } from '../../access/decorators';
import { AppConfig } from '../../config/app-config';
import { CatalogImportService } from './catalog-import.service';
import { readCatalogUpload } from './multipart';

@ApiTags('catalog')
@Controller('catalog/import')
export class CatalogImportController {
  constructor(
    private readonly imports: CatalogImportService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @RequirePermission('inventory.edit')
  @ApiOperation({ summary: 'Import BDC IMS catalog files (JSON files or a zip of the catalog folders); dryRun=true reports without writing' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } }, dryRun: { type: 'boolean' } },
    },
  })
  @ApiOkResponse({ description: 'The report per component type: imported, updated, unchanged, skipped with reasons' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: not multipart, no file, unreadable zip' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: a file, the file count or the unzipped total over its limit' })
  async import(@CurrentAuth() auth: AuthContext, @Req() request: FastifyRequest): Promise<CatalogImportReport> {
    const upload = await readCatalogUpload(request, this.config.catalogImport);
    return this.imports.importUpload(auth, upload.files, upload.dryRun);
  }
}
