import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommentView } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { ParseIdPipe } from '../tickets/parse-id.pipe';
import { TICKET_VIEW_PERMISSIONS } from '../tickets/ticket-access.service';
import { CommentViewDto, CreateCommentDto, UpdateCommentDto } from './comments.dto';
import { CommentsService } from './comments.service';

@ApiTags('tickets')
@Controller('tickets/:id/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'Comments of a ticket, oldest first; internal notes only with ticket.view_internal' })
  @ApiOkResponse({ type: [CommentViewDto] })
  list(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<CommentView[]> {
    return this.comments.list(auth, id);
  }

  @Post()
  @RequirePermission('ticket.comment')
  @ApiOperation({ summary: 'Add a comment, or an internal note (`internal: true` needs ticket.view_internal)' })
  @ApiCreatedResponse({ type: CommentViewDto })
  add(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: CreateCommentDto): Promise<CommentView> {
    return this.comments.add(auth, id, body);
  }

  @Patch(':commentId')
  @RequirePermission('ticket.comment')
  @ApiOperation({ summary: "Edit one's own comment (sets `edited`)" })
  @ApiOkResponse({ type: CommentViewDto })
  edit(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseIdPipe) id: number,
    @Param('commentId', ParseIdPipe) commentId: number,
    @Body() body: UpdateCommentDto,
  ): Promise<CommentView> {
    return this.comments.edit(auth, id, commentId, body);
  }
}
