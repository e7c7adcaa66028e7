import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CatalogModel, Page } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { CatalogModelCreateDto, CatalogModelDto, CatalogModelUpdateDto, CatalogPageDto, CatalogQueryDto } from './catalog.dto';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @RequirePermission('inventory.view')
  @ApiOperation({ summary: 'Component models with their typed specifications and spare units available (active ones unless `status` says otherwise)' })
  @ApiOkResponse({ type: CatalogPageDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: CatalogQueryDto): Promise<Page<CatalogModel>> {
    return this.catalog.list(auth, query);
  }

  @Get(':uuid')
  @RequirePermission('inventory.view')
  @ApiOperation({ summary: 'One model, active or retired' })
  @ApiOkResponse({ type: CatalogModelDto })
  @ApiNotFoundResponse({ description: 'COMPONENT_NOT_FOUND' })
  get(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string): Promise<CatalogModel> {
    return this.catalog.get(auth, uuid);
  }

  @Post()
  @RequirePermission('inventory.edit')
  @ApiOperation({ summary: 'Add a model; its specifications are checked against the schema of its type' })
  @ApiCreatedResponse({ type: CatalogModelDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, naming the spec key (`specifications.socket: required`)' })
  @ApiConflictResponse({ description: 'CONFLICT: the UUID is taken' })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CatalogModelCreateDto): Promise<CatalogModel> {
    return this.catalog.create(auth, body);
  }

  @Patch(':uuid')
  @RequirePermission('inventory.edit')
  @ApiOperation({ summary: 'Change a model (the component type is fixed)' })
  @ApiOkResponse({ type: CatalogModelDto })
  @ApiNotFoundResponse({ description: 'COMPONENT_NOT_FOUND' })
  update(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string, @Body() body: CatalogModelUpdateDto): Promise<CatalogModel> {
    return this.catalog.update(auth, uuid, body);
  }

  @Post(':uuid/retire')
  @HttpCode(200)
  @RequirePermission('inventory.edit')
  @ApiOperation({ summary: 'Retire a model: still readable, no longer offered for new tickets or stock' })
  @ApiOkResponse({ type: CatalogModelDto })
  @ApiNotFoundResponse({ description: 'COMPONENT_NOT_FOUND' })
  retire(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string): Promise<CatalogModel> {
    return this.catalog.retire(auth, uuid);
  }
}
