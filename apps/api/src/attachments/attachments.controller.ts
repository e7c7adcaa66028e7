import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { AttachmentView } from '@bdc/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { ParseIdPipe } from '../tickets/parse-id.pipe';
import { TICKET_VIEW_PERMISSIONS } from '../tickets/ticket-access.service';
import { contentDisposition } from './attachment-storage';
import { AttachmentDownloadQueryDto, AttachmentViewDto } from './attachments.dto';
import { AttachmentsService } from './attachments.service';

@ApiTags('tickets')
@Controller('tickets/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get()
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: "Files of a ticket and of its comments, oldest first (those of internal notes only with ticket.view_internal)" })
  @ApiOkResponse({ type: [AttachmentViewDto] })
  list(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<AttachmentView[]> {
    return this.attachments.list(auth, id);
  }

  @Post()
  @RequirePermission('ticket.comment')
  @ApiOperation({
    summary: 'Attach a file to the ticket, or to one of your comments (commentId)',
    description: 'PDF, PNG, JPG/JPEG, DOC, DOCX, XLS, XLSX by default (UPLOAD_ALLOWED_TYPES), checked by content; at most UPLOAD_MAX_BYTES (10 MiB by default).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, commentId: { type: 'integer', description: 'A comment of yours on this ticket' } },
    },
  })
  @ApiCreatedResponse({ type: AttachmentViewDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: not multipart, no file, an empty file, a bad commentId' })
  @ApiForbiddenResponse({ description: "FORBIDDEN: commentId names someone else's comment" })
  @ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND, COMMENT_NOT_FOUND' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over UPLOAD_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE: a type not allowed, or content that is not what its name says' })
  @ApiServiceUnavailableResponse({ description: 'STORAGE_UNAVAILABLE: the file could not be written (nothing was saved)' })
  upload(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Req() request: FastifyRequest): Promise<AttachmentView> {
    return this.attachments.upload(auth, id, request);
  }

  @Get(':attachmentId')
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'Download a file (Content-Disposition: attachment; inline=1 shows an image inline)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, with the Content-Type detected on upload', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND, ATTACHMENT_NOT_FOUND' })
  async download(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseIdPipe) id: number,
    @Param('attachmentId', ParseIdPipe) attachmentId: number,
    @Query() query: AttachmentDownloadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const download = await this.attachments.open(auth, id, attachmentId);
    const inline = download.isImage && (query.inline === '1' || query.inline === 'true');
    // The type is the one detected on upload and the browser must not guess another (an image stays an image).
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Cache-Control', 'private, no-store');
    return new StreamableFile(download.file.createReadStream(), {
      type: download.mimeType,
      length: download.size,
      disposition: contentDisposition(inline ? 'inline' : 'attachment', download.filename),
    });
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @RequirePermission('ticket.comment', 'ticket.manage')
  @ApiOperation({ summary: 'Delete an attachment: its uploader, or ticket.manage' })
  @ApiNoContentResponse({ description: 'Deleted (recorded in the history)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: neither the uploader nor ticket.manage' })
  @ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND, ATTACHMENT_NOT_FOUND' })
  remove(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Param('attachmentId', ParseIdPipe) attachmentId: number): Promise<void> {
    return this.attachments.remove(auth, id, attachmentId);
  }
}
